"""What annotators' tools actually hand back: Label Studio's own export files, free-text brat notes,
broken bytes and odd tasks; and the one canonical order of stored annotation files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.corpus.files import Layout, load_document
from hadath.corpus.model import Annotation
from hadath.corpus.schemas import dumps
from hadath.interchange import labelstudio
from interchange_helpers import FIXTURE, REPO, copy_corpus, hadath, snapshot

DOC = "902_fixture_arrival"


def _export(fmt: str, tmp_path: Path) -> tuple[Path, Path]:
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    assert hadath("export", fmt, "--corpus", corpus, "--out", tmp_path / fmt)[0] == 0
    return corpus, tmp_path / fmt


def test_a_brat_file_with_bytes_that_are_not_utf8_is_one_error_line(tmp_path):
    corpus, folder = _export("brat", tmp_path)
    before = snapshot(corpus)
    ann = folder / f"{DOC}.ann"
    ann.write_bytes(ann.read_bytes() + b"#9\tAnnotatorNotes T1\t\xff\xfe\n")
    code, output = hadath("import", "brat", folder, "--corpus", corpus)
    assert code == 1
    assert output.strip().splitlines() == [f"{ann}: not UTF-8: byte {len(ann.read_bytes()) - 3} is 0xff; "
                                           "expected UTF-8 text"]
    assert snapshot(corpus) == before


def test_a_free_text_brat_note_is_passed_over_with_a_warning(tmp_path):
    corpus, folder = _export("brat", tmp_path)
    before = snapshot(corpus)
    ann = folder / f"{DOC}.ann"
    lines = ann.read_text(encoding="utf-8").split("\n")
    # An annotator types into brat's note box: once after Hadath's ids, once in place of them.
    lines = [line + " check the date" if line.startswith("#") and "id=V1" in line else line for line in lines]
    lines.append("#99\tAnnotatorNotes T1\tis this the same person?")
    ann.write_text("\n".join(lines), encoding="utf-8")
    code, output = hadath("import", "brat", folder, "--corpus", corpus)
    assert code == 0, output
    warnings = [line for line in output.split("\n") if line.startswith("warning:")]
    assert len(warnings) == 2 and all(f"{ann}: line " in w and "is not kept" in w for w in warnings), warnings
    assert "'check the date'" in warnings[0] or "'check the date'" in warnings[1]
    assert snapshot(corpus) == before  # the ids the notes still hold keep the annotation as it was


@pytest.mark.parametrize("data, message", [
    ("بوتين يصل", ".data: str; expected an object holding text, document_id and title"),
    ({"text": "x", "document_id": "/etc/passwd"}, ".data.document_id: '/etc/passwd' is not a document id"),
    ({"text": "x", "document_id": "../902_fixture_arrival"}, "is not a document id"),
])
def test_a_task_with_odd_data_is_one_error_line(data, message, tmp_path):
    corpus, folder = _export("labelstudio", tmp_path)
    path = folder / "tasks.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    tasks[0]["data"] = data
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    code, output = hadath("import", "labelstudio", folder, "--corpus", corpus)
    assert code == 1
    assert len(output.strip().splitlines()) == 1 and f"{path}: tasks[0]" in output and message in output, output


def test_a_folder_holding_label_studios_own_export_is_read(tmp_path):
    corpus, folder = _export("labelstudio", tmp_path)
    download = tmp_path / "download"
    download.mkdir()
    tasks = json.loads((folder / "tasks.json").read_text(encoding="utf-8"))
    for task in tasks:  # as Label Studio's JSON export writes them: predictions by id
        task["predictions"] = [17]
    (download / "project-3-at-2026-12-03-16-33-56212403.json").write_text(json.dumps(tasks), encoding="utf-8")
    before = snapshot(corpus)
    code, output = hadath("import", "labelstudio", download, "--corpus", corpus)
    assert code == 0, output
    assert snapshot(corpus) == before
    (download / "project-3-at-2026-12-04-09-00-00000000.json").write_text(json.dumps(tasks), encoding="utf-8")
    code, output = hadath("import", "labelstudio", download, "--corpus", corpus)
    assert code == 1 and "2 Label Studio exports" in output and "name the one to import" in output


def test_predictions_listed_by_id_stand_for_the_stored_suggestions():
    document = load_document(Layout(FIXTURE), DOC)
    suggestions = document.annotation  # any annotation of the text will do as stored suggestions
    full = json.loads(json.dumps(labelstudio.task(document, suggestions)))
    by_id = {**full, "predictions": [4]}
    assert labelstudio.read_task(by_id, "t", document.text, suggestions) == \
        labelstudio.read_task(full, "t", document.text, suggestions)
    gold, suggested = labelstudio.read_task(by_id, "t", document.text, None)
    assert not suggested


def _stored_annotation_files() -> list[Path]:
    folders = [REPO / "annotations", *sorted((REPO / "annotations" / "agreement").glob("*/*")),
               REPO / "suggestions", FIXTURE / "annotations"]
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.json"))]


def test_stored_annotation_files_are_in_the_canonical_order():
    wrong = [str(p.relative_to(REPO)) for p in _stored_annotation_files()
             if p.read_text(encoding="utf-8") != dumps(Annotation.from_dict(
                 json.loads(p.read_text(encoding="utf-8"))).canonical().to_dict())]
    assert not wrong, f"not in the canonical order (Annotation.canonical): {wrong}"


def test_importing_one_edit_changes_only_its_lines(tmp_path):
    doc_id = "002_el_fasher_market_shelling"
    corpus = copy_corpus(REPO, tmp_path / "corpus")
    assert hadath("export", "labelstudio", "--corpus", corpus, "--out", tmp_path / "ls")[0] == 0
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["document_id"] == doc_id)
    item = next(r for r in task["annotations"][0]["result"]
                if r["type"] == "choices" and r["from_name"] == "mention_type" and r["value"]["choices"] == ["NAM"])
    item["value"]["choices"] = ["NOM"]
    (tmp_path / "one.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    path = corpus / "annotations" / f"{doc_id}.json"
    before = path.read_text(encoding="utf-8").split("\n")
    code, output = hadath("import", "labelstudio", tmp_path / "one.json", "--corpus", corpus)
    assert code == 0, output
    after = path.read_text(encoding="utf-8").split("\n")
    assert len(after) == len(before)
    assert [(b, a) for b, a in zip(before, after) if a != b] == [('      "mention_type": "NAM",',
                                                                   '      "mention_type": "NOM",')]
