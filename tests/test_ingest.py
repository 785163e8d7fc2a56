"""hadath ingest: new documents, normalized, valid, with unreviewed suggestions kept apart."""

from __future__ import annotations

import json

from hadath.corpus.files import Layout, load_document, load_splits, load_suggestions
from hadath.corpus.text import sha256
from hadath.corpus.validator import validate

from interchange_helpers import FIXTURE, copy_corpus, hadath, snapshot

RAW = "\ufeffوصل بوتين إلى موسكو\r\nثم غادر إسطنبول 🎉\r\n".encode("utf-8")
TEXT = "وصل بوتين إلى موسكو\nثم غادر إسطنبول 🎉\n"
COMPOSED = ["--date", "2026-03-01", "--source", "composed", "--provenance", "composed", "--factuality", "fictional"]


def test_ingest_adds_a_valid_document(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    (tmp_path / "new.txt").write_bytes(RAW)
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--split", "train", "--corpus", corpus,
                          "--title", "وصول", "--topics", "politics")
    assert code == 0, output
    doc_id = f"903_{sha256(TEXT)[:16]}"
    document = load_document(Layout(corpus), doc_id)
    assert document.text == TEXT
    assert document.metadata.to_dict() == {
        "id": doc_id, "language": "ar", "date": "2026-03-01", "title": "وصول", "source": "composed",
        "provenance": "composed", "license": "CC-BY-4.0", "topics": ["politics"], "factuality": "fictional"}
    assert document.annotation.to_dict() == {
        "document_id": doc_id, "text_sha256": sha256(TEXT), "entities": [], "entity_mentions": [],
        "value_mentions": [], "events": [], "event_mentions": []}
    assert load_splits(corpus)["train"] == ["901_fixture_summit", doc_id]
    assert validate(corpus).passed
    assert load_suggestions(Layout(corpus), doc_id) is None


def test_ingest_without_split_says_so(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    (tmp_path / "new.txt").write_bytes(RAW)
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--id", "abc_new", "--corpus", corpus)
    assert code == 0 and "abc_new: in no split yet" in output
    assert [p.check for p in validate(corpus).problems] == ["split-missing"]


def test_ingest_refuses(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    before = snapshot(corpus)
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "new.txt").write_bytes(RAW)
    (tmp_path / "same.txt").write_text(load_document(Layout(corpus), "902_fixture_arrival").text, encoding="utf-8")
    cases = [
        (["ingest", tmp_path / "latin1.txt", *COMPOSED], "latin1.txt: not UTF-8: byte 3 is 0xe9"),
        (["ingest", tmp_path / "new.txt", *COMPOSED, "--id", "902_fixture_arrival"], "already exists"),
        (["ingest", tmp_path / "same.txt", *COMPOSED], "already document '902_fixture_arrival'"),
        (["ingest", tmp_path / "new.txt", "--date", "2026-02-30", "--source", "x", "--provenance", "sourced"],
         "not a calendar date"),
        (["ingest", tmp_path / "new.txt", "--date", "2026-02-03", "--source", "composed", "--provenance", "composed"],
         "needs --factuality"),
    ]
    for argv, message in cases:
        code, output = hadath(*argv, "--corpus", corpus)
        assert code == 1 and message in output, output
    assert snapshot(corpus) == before


def test_pre_annotate_stores_unreviewed_suggestions_apart(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    (tmp_path / "new.txt").write_bytes(RAW)
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--id", "abc_new", "--split", "test",
                          "--pre-annotate", "--corpus", corpus)
    assert code == 0, output
    assert "3 name and 0 time suggestions, unreviewed" in output
    layout = Layout(corpus)
    assert load_document(layout, "abc_new").annotation.entity_mentions == ()
    found = load_suggestions(layout, "abc_new")
    # بوتين, موسكو and إسطنبول are names in the fixture gold.
    assert [(m.span.start, m.span.end, m.span.text, m.type, m.subtype, m.gpe_role)
            for m in found.entity_mentions] == [
        (4, 9, "بوتين", "PER", "Individual", None), (14, 19, "موسكو", "GPE", "Population-Center", "GPE"),
        (28, 35, "إسطنبول", "GPE", "Population-Center", "LOC")]
    assert validate(corpus).passed

    # Reviewing in brat: the annotator accepts موسكو by removing its Unreviewed flag.
    assert hadath("export", "brat", "--corpus", corpus, "--out", tmp_path / "brat")[0] == 0
    ann = tmp_path / "brat" / "abc_new.ann"
    lines = ann.read_text(encoding="utf-8").split("\n")
    moscow = next(l.split("\t")[0] for l in lines if l.endswith("\tموسكو"))
    ann.write_text("\n".join(l for l in lines if l.split("\t")[-1] != f"Unreviewed {moscow}"), encoding="utf-8")
    code, output = hadath("import", "brat", tmp_path / "brat", "--corpus", corpus)
    assert code == 0 and "abc_new: 1 entity mentions, 0 values, 0 event mentions (changed); " \
                           "2 suggestions still unreviewed" in output, output
    gold = load_document(layout, "abc_new").annotation
    assert [(m.id, m.span.text) for m in gold.entity_mentions] == [("M2", "موسكو")]
    assert [m.span.text for m in load_suggestions(layout, "abc_new").entity_mentions] == ["بوتين", "إسطنبول"]
    assert validate(corpus).passed


def test_labelstudio_predictions_carry_suggestions(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    (tmp_path / "new.txt").write_bytes(RAW)
    hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--id", "abc_new", "--split", "test", "--pre-annotate",
           "--corpus", corpus)
    assert hadath("export", "labelstudio", "--corpus", corpus, "--out", tmp_path / "ls")[0] == 0
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["document_id"] == "abc_new")
    assert task["annotations"][0]["result"] == []
    labels = [r["value"] for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    # إسطنبول follows no emoji, so its UTF-16 offsets equal its code points here.
    assert labels[2] == {"start": 28, "end": 35, "text": "إسطنبول", "labels": ["GPE"]}


def test_pre_annotate_suggests_times_from_the_timex_baseline(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    (tmp_path / "new.txt").write_text("وصل بوتين أمس إلى موسكو لمدة ثلاثة أيام", encoding="utf-8")
    code, output = hadath("ingest", tmp_path / "new.txt", "--date", "2026-03-05", "--source", "composed",
                          "--provenance", "composed", "--factuality", "fictional", "--id", "abc_new",
                          "--split", "test", "--pre-annotate", "--corpus", corpus)
    assert code == 0 and "2 name and 2 time suggestions, unreviewed" in output, output
    found = load_suggestions(Layout(corpus), "abc_new")
    # أمس is the day before the document date; ثلاثة أيام is three days.
    assert [(v.span.text, v.timex_type, v.normalized) for v in found.value_mentions] == [
        ("أمس", "DATE", "2026-03-04"), ("ثلاثة أيام", "DURATION", "P3D")]
    assert validate(corpus).passed


def test_ingest_stores_nfc(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    # Alef followed by a combining madda composes to آ (U+0622) in NFC.
    (tmp_path / "new.txt").write_text("\u0627\u0653\u062e\u0631 \u0627\u0644\u0623\u062e\u0628\u0627\u0631",
                                      encoding="utf-8")
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--id", "abc_nfc", "--split", "train",
                          "--corpus", corpus)
    assert code == 0, output
    assert load_document(Layout(corpus), "abc_nfc").text == "\u0622\u062e\u0631 \u0627\u0644\u0623\u062e\u0628\u0627\u0631"


def test_ingest_refuses_a_text_with_a_nul_byte(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    before = snapshot(corpus)
    (tmp_path / "new.txt").write_bytes("وصل بوتين\x00 إلى موسكو\n".encode("utf-8"))
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--split", "train", "--corpus", corpus)
    assert code == 1
    assert output.strip().splitlines() == [
        f"{tmp_path / 'new.txt'}: holds the control character U+0000 at line 1, character 10; expected text "
        "(only tab and line feed among the control characters)"]
    assert snapshot(corpus) == before


def test_an_ingest_that_cannot_write_leaves_nothing_behind(tmp_path, monkeypatch):
    import hadath.corpus.files as files

    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    before = snapshot(corpus)
    (tmp_path / "new.txt").write_bytes(RAW)
    write = files.write_text_atomic

    def read_only_annotations(path, content):  # as a read-only annotations/ folder does
        if path.parent == corpus / "annotations":
            raise PermissionError(13, "Permission denied", str(path))
        write(path, content)

    monkeypatch.setattr(files, "write_text_atomic", read_only_annotations)
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--split", "train", "--corpus", corpus)
    assert code == 1
    assert output.endswith(": cannot write: Permission denied; nothing was added\n") and "annotations" in output
    assert snapshot(corpus) == before
    monkeypatch.setattr(files, "write_text_atomic", write)
    code, output = hadath("ingest", tmp_path / "new.txt", *COMPOSED, "--split", "train", "--corpus", corpus)
    assert code == 0, output
    assert validate(corpus).passed
