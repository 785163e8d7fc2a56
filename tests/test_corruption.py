"""Corrupting the seed annotation makes `hadath validate` fail with a message naming the file, never a traceback."""

import json
import shutil
from pathlib import Path

import pytest

from hadath.cli import main

REPO = Path(__file__).parent.parent
SEED = "000_aae7326fe8a0fcf7"
ANNOTATION = f"annotations/{SEED}.json"


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(REPO / "corpus", root / "corpus")
    shutil.copytree(REPO / "annotations", root / "annotations")
    return root


def _edit(root: Path, change) -> None:
    path = root / ANNOTATION
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _run(root: Path, capsys) -> tuple[int, str]:
    code = main(["validate", str(root)])
    return code, capsys.readouterr().out


def test_shifted_span(corpus, capsys):
    def shift(a):
        a["entity_mentions"][3]["span"]["start"] += 2
        a["entity_mentions"][3]["span"]["end"] += 2
    _edit(corpus, shift)
    code, out = _run(corpus, capsys)
    assert code == 1
    assert f"{ANNOTATION}: $.entity_mentions[3].span: [L3 content span-text-mismatch]" in out


def test_truncated_file(corpus, capsys):
    path = corpus / ANNOTATION
    path.write_bytes(path.read_bytes()[:1000])
    code, out = _run(corpus, capsys)
    assert code == 1
    assert f"{ANNOTATION}: line " in out and "json-malformed" in out


def test_invalid_bytes(corpus, capsys):
    path = corpus / ANNOTATION
    data = path.read_bytes()
    path.write_bytes(data[:500] + b"\xc3\x28" + data[500:])
    code, out = _run(corpus, capsys)
    assert code == 1
    assert f"{ANNOTATION}: line " in out and "[L1 file not-utf8] byte 0xc3 at byte offset 500" in out


def test_reference_to_missing_id(corpus, capsys):
    _edit(corpus, lambda a: a["event_mentions"][0]["arguments"][0].update(ref="M999"))
    code, out = _run(corpus, capsys)
    assert code == 1
    assert (f"{ANNOTATION}: $.event_mentions[0].arguments[0].ref: [L4 references dangling-reference] "
            "ref 'M999' names no entity or value mention") in out


def test_edited_text_is_caught_by_the_hash(corpus, capsys):
    text = corpus / "corpus" / "documents" / f"{SEED}.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("الكرملين", "الكرملين ", 1), encoding="utf-8")
    code, out = _run(corpus, capsys)
    assert code == 1
    assert "text-hash-mismatch" in out and "span-text-mismatch" in out
