"""Shared by the interchange tests: the corpora they run over, and running the `hadath` command."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from hadath.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "interchange_corpus"
DRAFTS = REPO / "tests" / "fixtures" / "interchange_drafts"

# The fixture, and the corpus at the repository root once it holds documents.
CORPORA = [FIXTURE] + ([REPO] if any((REPO / "corpus" / "documents").glob("*.txt")) else [])
CORPUS_IDS = ["fixture"] + (["repository"] if len(CORPORA) > 1 else [])


def hadath(*argv: str) -> tuple[int, str]:
    import contextlib

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main([str(a) for a in argv])
    return code, buffer.getvalue()


def copy_corpus(root: Path, to: Path) -> Path:
    """A writable copy of the corpus files of `root` (not the rest of the repository)."""
    for name in ("corpus", "annotations", "suggestions"):
        if (root / name).is_dir():
            shutil.copytree(root / name, to / name)
    return to


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for name in ("corpus", "annotations", "suggestions") if (root / name).is_dir()
            for p in sorted((root / name).rglob("*")) if p.is_file()}
