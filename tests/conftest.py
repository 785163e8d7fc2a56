"""Shared fixtures: the release fixture corpus and its release; a two-document gold corpus built from the
drafts in fixtures/eval, and its release form."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hadath.corpus.files import Layout, iter_documents, write_document, write_json_atomic
from hadath.corpus.draft import anchor

# Tests never touch the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

FIXTURES = Path(__file__).parent / "fixtures"
EVAL_FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def build_corpus(root: Path) -> Path:
    for draft in sorted(EVAL_FIXTURES.glob("*.draft")):
        write_document(Layout(root), anchor(draft.read_text(encoding="utf-8")))
    write_json_atomic(root / "corpus" / "splits.json",
                      {"train": [], "validation": [], "test": ["eval-001", "eval-002"]})
    return root


def build_release(corpus: Path, out: Path) -> Path:
    """The release of `corpus`, made by the real builder."""
    from hadath.release.build import build

    build(corpus, out)
    return out


def gold_lines(corpus: Path) -> list[dict]:
    """The corpus in the prediction format, with texts: gold scored against itself."""
    out = []
    for d in iter_documents(corpus):
        a = d.annotation
        fillers = a.mentions_by_id()
        out.append({
            "id": d.id, "text": d.text,
            "entity_mentions": [{"start": m.span.start, "end": m.span.end, "type": m.type,
                                 "mention_type": m.mention_type,
                                 **({"head_start": m.head.start, "head_end": m.head.end} if m.head else {})}
                                for m in a.entity_mentions],
            "value_mentions": [{"start": v.span.start, "end": v.span.end, "type": v.type,
                                "normalized": v.normalized} for v in a.value_mentions],
            "event_mentions": [{"type": m.type, "trigger_start": m.trigger.start, "trigger_end": m.trigger.end,
                                "arguments": [{"role": x.role, "start": fillers[x.ref].span.start,
                                               "end": fillers[x.ref].span.end} for x in m.arguments]}
                               for m in a.event_mentions]})
    return out


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text("".join((l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)) + "\n"
                            for l in lines), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return build_corpus(tmp_path / "corpus-root")


@pytest.fixture(scope="session")
def release_corpus() -> Path:
    return FIXTURES / "release_corpus"


@pytest.fixture(scope="session")
def release_dir(tmp_path_factory, release_corpus) -> Path:
    from hadath.release.build import build

    out = tmp_path_factory.mktemp("release") / "release"
    build(release_corpus, out)
    return out


@pytest.fixture(scope="session")
def loaded(release_dir, tmp_path_factory):
    """Every config of the fixture release, read with load_dataset offline into a temporary cache."""
    from hadath.release.features import CORPUS_CONFIGS as CONFIGS
    from hadath.release.verify import load

    cache = tmp_path_factory.mktemp("hf-cache")
    return {config: load(release_dir, config, cache) for config in CONFIGS}
