"""Where a command may write: never over its inputs, never into a corpus, never into a user's folder.

A command's `--out` is refused when it names one of the command's inputs (or lies inside an input
folder), lies inside the `corpus/`, `annotations/` or `suggestions/` folder of a corpus root, or is a
folder holding files that `hadath` did not write. A folder counts as written by `hadath` when its
manifest lists every file in it with the SHA-256 it was written with: `SHA256SUMS` for a release
(`hadath build`), `.hadath-manifest.json` for the folders of `export`, `view` and `benchmark`. A file
that the manifest does not list, or that changed since, keeps the folder from being written again,
so an annotator's edits in an exported folder are never overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .files import write_json_atomic
from .text import file_sha256

MANIFEST = ".hadath-manifest.json"
CORPUS_AREAS = ("corpus", "annotations", "suggestions")


class OutputError(Exception):
    """An output that would destroy something; the message names it and says what was expected."""


def _is_corpus_root(path: Path) -> bool:
    return (path / "corpus" / "documents").is_dir()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _corpus_area(target: Path, roots: Iterable[Path]) -> Path | None:
    """The corpus folder (`ROOT/corpus`, `ROOT/annotations`, ...) that `target` lies in, if any."""
    candidates = [r.resolve() for r in roots]
    candidates += [a.parent for a in (target, *target.parents) if a.name in CORPUS_AREAS]
    for root in candidates:
        if not _is_corpus_root(root):
            continue
        for area in CORPUS_AREAS:
            if _inside(target, root / area):
                return root / area
    return None


def check_target(path: Path | str, inputs: Iterable[Path | str] = (), roots: Iterable[Path | str] = ()) -> None:
    """Refuse `path` when it is an input, lies in an input folder (a corpus root's own files excepted)
    or in the corpus/, annotations/ or suggestions/ folder of a corpus root."""
    path = Path(path)
    target = path.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if target == source:
            raise OutputError(f"{path}: is also an input of this command ({given}); expected another file")
        if source.is_dir() and not _is_corpus_root(source) and _inside(target, source):
            raise OutputError(f"{path}: lies inside the input folder {given}; expected a place outside it")
    area = _corpus_area(target, [Path(r) for r in roots])
    if area is not None:
        raise OutputError(f"{path}: lies inside the corpus folder {area}; expected a place outside corpus/, "
                          "annotations/ and suggestions/")


def check_file(path: Path | str, inputs: Iterable[Path | str] = (), roots: Iterable[Path | str] = ()) -> None:
    """Refuse a file output that `check_target` refuses, or that names a folder."""
    check_target(path, inputs, roots)
    if Path(path).is_dir():
        raise OutputError(f"{path}: is a folder; expected a file name")


def _present(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _listed(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return files if isinstance(files, dict) else None


def foreign_file(folder: Path, listed: dict[str, str], skip: Iterable[str] = ()) -> str | None:
    """The first file of `folder` that `listed` does not hold with its current SHA-256, in words."""
    skip = set(skip)
    for name in _present(folder):
        if name in skip:
            continue
        if name not in listed:
            return f"{name} was not written by hadath"
        if file_sha256(folder / name) != listed[name]:
            return f"{name} changed since hadath wrote it"
    return None


def check_folder(folder: Path | str, inputs: Iterable[Path | str] = (), roots: Iterable[Path | str] = ()) -> None:
    """Refuse a folder output that `check_target` refuses, or an existing folder that `hadath` did not write
    (or in which a file changed since), unless it is empty."""
    folder = Path(folder)
    check_target(folder, inputs, roots)
    if not folder.exists():
        return
    if not folder.is_dir():
        raise OutputError(f"{folder}: is a file; expected a folder")
    if not _present(folder):
        return
    listed = _listed(folder)
    if listed is None:
        raise OutputError(f"{folder}: holds files that hadath did not write (no {MANIFEST}); expected a new "
                          "or empty folder, or one that hadath wrote")
    found = foreign_file(folder, listed, skip=[MANIFEST])
    if found:
        raise OutputError(f"{folder}: {found}; refusing to write over it (move it away, or choose another folder)")


def write_manifest(folder: Path | str, command: str) -> None:
    """Record every file of `folder` with its SHA-256, as written by `command`."""
    folder = Path(folder)
    files = {name: file_sha256(folder / name) for name in _present(folder) if name != MANIFEST}
    write_json_atomic(folder / MANIFEST, {"written_by": command, "files": files})


def refresh_manifest(folder: Path | str) -> None:
    """Record the current SHA-256 of the files the manifest of `folder` lists (after their content was
    imported); files it does not list stay unlisted. Nothing happens without a manifest."""
    folder = Path(folder)
    listed = _listed(folder)
    if listed is None:
        return
    command = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("written_by", "hadath")
    files = {name: file_sha256(folder / name) for name in listed if (folder / name).is_file()}
    write_json_atomic(folder / MANIFEST, {"written_by": command, "files": files})
