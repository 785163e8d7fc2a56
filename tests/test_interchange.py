"""brat and Label Studio round trips, offsets in code points and UTF-16 units, and what import refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.interchange.brat import read_ann, write_ann
from hadath.corpus.files import Layout, iter_documents, load_document
from hadath.corpus.draft import anchor
from hadath.corpus.model import Annotation
from hadath.corpus.offsets import OffsetError, Utf16Offsets, utf16_length
from hadath.corpus.text import ingest

from interchange_helpers import CORPORA, CORPUS_IDS, DRAFTS, FIXTURE, copy_corpus, hadath, snapshot

ROUND_TRIPS = [("brat", "code-points"), ("brat", "utf16"), ("labelstudio", None)]


@pytest.mark.parametrize("root", CORPORA, ids=CORPUS_IDS)
@pytest.mark.parametrize("fmt,offsets", ROUND_TRIPS, ids=["brat", "brat-utf16", "labelstudio"])
def test_export_then_import_gives_back_every_annotation(root, fmt, offsets, tmp_path):
    corpus = copy_corpus(root, tmp_path / "corpus")
    before = snapshot(corpus)
    extra = ["--offsets", offsets] if offsets else []
    assert hadath("export", fmt, "--corpus", corpus, "--out", tmp_path / "out", *extra)[0] == 0
    # Wipe the gold so that equality below proves the tool files carried all of it.
    for path in Layout(corpus).annotations_dir.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("entities", "entity_mentions", "value_mentions", "events", "event_mentions"):
            data[key] = []
        path.write_text(json.dumps(data), encoding="utf-8")
    code, output = hadath("import", fmt, tmp_path / "out", "--corpus", corpus, *extra)
    assert code == 0, output
    after = snapshot(corpus)
    assert sorted(after) == sorted(before)
    for name, data in before.items():
        if name.startswith("annotations/"):
            # Import writes items in the stored order; a hand-sorted file comes back in that order.
            expected = Annotation.from_dict(json.loads(data)).canonical().to_dict()
            assert json.loads(after[name]) == expected, name
        else:
            assert after[name] == data, name
    if root == FIXTURE:
        assert after == before


def test_fixture_is_the_anchored_drafts():
    for draft in sorted(DRAFTS.glob("*.txt")):
        document = anchor(ingest(draft.read_bytes(), draft.name))
        assert document == load_document(Layout(FIXTURE), document.id)
        assert document.annotation == load_document(Layout(FIXTURE), document.id).annotation


def test_fixture_covers_what_the_round_trip_must_carry():
    docs = list(iter_documents(FIXTURE))
    mentions = [m for d in docs for m in d.annotation.entity_mentions]
    values = [v for d in docs for v in d.annotation.value_mentions]
    assert any(a.span.contains(b.span) and a is not b for a in mentions for b in mentions)
    assert any(m.head for m in mentions) and {m.gpe_role for m in mentions} >= {"GPE", "ORG", "PER", "LOC"}
    assert {m.mention_type for m in mentions} == {"NAM", "NOM", "PRO"}
    assert {(v.type, v.subtype) for v in values} >= {("TIME", None), ("Numeric", "Money"), ("Numeric", "Percent"),
                                                     ("Contact-Info", "URL"), ("Crime", None), ("Sentence", None),
                                                     ("Job-Title", None)}
    assert {v.timex_type for v in values} - {None} == {"DATE", "TIME", "DURATION", "SET"} and any(v.mod for v in values)
    assert any(len(d.annotation.event_mention_ids_of(e.id)) > 1 for d in docs for e in d.annotation.events)
    assert any(ord(ch) > 0xFFFF for d in docs for ch in d.text)


def test_utf16_offsets_by_hand():
    # بوتين يصل إلى إسطنبول 🇹🇷 السبت: the flag is two code points above U+FFFF, four UTF-16 units.
    text = load_document(Layout(FIXTURE), "902_fixture_arrival").text
    offsets = Utf16Offsets(text)
    assert text[25:30] == "السبت" and offsets.to_utf16(25) == 27 and offsets.to_utf16(30) == 32
    assert offsets.to_code_points(27) == 25 and utf16_length(text) == len(text) + 2
    with pytest.raises(OffsetError, match="inside the surrogate pair of U\\+1F1F9"):
        offsets.to_code_points(23)


def test_labelstudio_offsets_are_code_points(tmp_path):
    # Label Studio counts code points: after the flag (two code points, four UTF-16 units) the offsets
    # are the corpus's own. tests/test_labelstudio_server.py checks it against the real server.
    assert hadath("export", "labelstudio", "--corpus", FIXTURE, "--out", tmp_path)[0] == 0
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["document_id"] == "902_fixture_arrival")
    region = next(r for r in task["annotations"][0]["result"] if r.get("id") == "V1" and r["type"] == "labels")
    assert region["value"] == {"start": 25, "end": 30, "text": "السبت", "labels": ["TIME"]}
    assert task["data"]["text"][25:30] == "السبت"


def test_brat_offsets_follow_the_option():
    d = load_document(Layout(FIXTURE), "902_fixture_arrival")
    assert "T3\tTIME 25 30\tالسبت" in write_ann(d.text, d.annotation).split("\n")
    assert "T3\tTIME 27 32\tالسبت" in write_ann(d.text, d.annotation, utf16=True).split("\n")


def _brat_export(tmp_path: Path) -> tuple[Path, Path]:
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    assert hadath("export", "brat", "--corpus", corpus, "--out", tmp_path / "brat")[0] == 0
    return corpus, tmp_path / "brat"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old,new,message", [
    ("A9\tRealis E1 actual\n", "", "E1: no realis; expected one of actual, generic, other"),
    ("T3\tTIME 25 30\tالسبت", "T3\tTIME 24 29\tالسبت", "T3 covers ' السب' in the text but says 'السبت'"),
    ("T3\tTIME 25 30\tالسبت", "T3\tTIME 25 27;28 30\tال بت", "T3 is a discontinuous span"),
    ("T1\tPER 0 5", "T1\tPERSON 0 5", "unknown type 'PERSON'"),
    ("A1\tSubtype T1 Individual", "A1\tSubtype T1 Nation", "PER subtype 'Nation'"),
    ("Artifact:T1", "Artifact:T4", "not an entity or value mention"),
    ("Destination:T2", "Victim:T2", "Movement:Transport role 'Victim'"),
])
def test_brat_import_refuses_what_it_cannot_place(tmp_path, old, new, message):
    corpus, brat = _brat_export(tmp_path)
    before = snapshot(corpus)
    _edit(brat / "902_fixture_arrival.ann", old, new)
    code, output = hadath("import", "brat", brat, "--corpus", corpus)
    assert code == 1 and message in output, output
    assert "902_fixture_arrival.ann" in output
    assert snapshot(corpus) == before


def test_brat_import_refuses_an_edited_text(tmp_path):
    corpus, brat = _brat_export(tmp_path)
    _edit(brat / "902_fixture_arrival.txt", "بوتين", "بوتن")
    code, output = hadath("import", "brat", brat, "--corpus", corpus)
    assert code == 1 and "differs from the stored text" in output


def test_brat_import_numbers_new_annotations_and_merges_chains(tmp_path):
    corpus, brat = _brat_export(tmp_path)
    with open(brat / "902_fixture_arrival.ann", "a", encoding="utf-8") as f:
        # An annotator marks يصل... no: marks the flag-free word إلى as nothing, and adds a second
        # mention of Putin's city by hand: a new GPE over إسطنبول cannot be (same extent), so add a
        # LOC mention "إلى إسطنبول" and make it corefer with nothing.
        f.write("T9\tLOC 10 21\tإلى إسطنبول\nA20\tSubtype T9 Region-General\nA21\tMentionType T9 NOM\n"
                "A22\tEntityClass T9 SPC\n")
    code, output = hadath("import", "brat", brat, "--corpus", corpus)
    assert code == 0, output
    added = [m for m in load_document(Layout(corpus), "902_fixture_arrival").annotation.entity_mentions
             if m.type == "LOC"]
    assert [(m.id, m.entity_id, m.span.start, m.span.end) for m in added] == [("M3", "E3", 10, 21)]


def test_labelstudio_import_refuses_two_annotations(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    assert hadath("export", "labelstudio", "--corpus", corpus, "--out", tmp_path / "ls")[0] == 0
    path = tmp_path / "ls" / "tasks.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    tasks[0]["annotations"].append({"result": [], "was_cancelled": False})
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    code, output = hadath("import", "labelstudio", tmp_path / "ls", "--corpus", corpus)
    assert code == 1 and "2 submitted annotations; expected exactly one" in output


def test_labelstudio_region_drawn_in_the_tool_gets_a_fresh_id(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    assert hadath("export", "labelstudio", "--corpus", corpus, "--out", tmp_path / "ls")[0] == 0
    path = tmp_path / "ls" / "tasks.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    task = next(t for t in tasks if t["data"]["document_id"] == "902_fixture_arrival")
    region = {"start": 6, "end": 9, "text": "يصل"}
    task["annotations"][0]["result"] += [
        {"id": "xK3v9", "from_name": "trigger", "to_name": "text", "type": "labels",
         "value": {**region, "labels": ["Conflict:Attack"]}},
        *({"id": "xK3v9", "from_name": a, "to_name": "text", "type": "choices", "value": {**region, "choices": [v]}}
          for a, v in [("realis", "other"), ("polarity", "positive"), ("tense", "future"),
                       ("genericity", "specific"), ("modality", "other")]),
        {"type": "relation", "from_id": "xK3v9", "to_id": "M1", "direction": "right", "labels": ["Attacker"]},
    ]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    code, output = hadath("import", "labelstudio", tmp_path / "ls", "--corpus", corpus)
    assert code == 0, output
    a = load_document(Layout(corpus), "902_fixture_arrival").annotation
    assert [(m.id, m.event_id, m.type, m.tense, [(x.role, x.ref) for x in m.arguments]) for m in a.event_mentions] \
        == [("EM1", "EV1", "Movement:Transport", "present", [("Artifact", "M1"), ("Destination", "M2"),
                                                            ("Time-Within", "V1")]),
            ("EM2", "EV2", "Conflict:Attack", "future", [("Attacker", "M1")])]


def test_brat_unreviewed_suggestions_stay_out_of_the_gold():
    d = load_document(Layout(FIXTURE), "902_fixture_arrival")
    ann = write_ann(d.text, d.annotation, suggestions=d.annotation)
    gold, suggested = read_ann(ann, d.text)
    assert len(gold.mentions) == len(suggested.mentions) == 2
    assert len(gold.events) == len(suggested.events) == 1


@pytest.mark.filterwarnings("ignore:Support for class-based:DeprecationWarning")
@pytest.mark.parametrize("root", CORPORA, ids=CORPUS_IDS)
def test_brat_files_read_the_same_in_a_peer_parser(root, tmp_path, capsys):
    """bratly, an independent brat reader, finds every span at its offsets and every chain."""
    from bratly import EntityAnnotation, EquivalenceAnnotation, NoteAnnotation
    from bratly.io.file_read_src import parse_ann_file

    assert hadath("export", "brat", "--corpus", root, "--out", tmp_path)[0] == 0
    for d in iter_documents(root):
        ann = (tmp_path / f"{d.id}.ann").read_text(encoding="utf-8")
        parsed = parse_ann_file(ann, d.id, no_duplicates=False, sorting=False, renumerotize=False).annotations
        spans = sorted((a.get_start(), a.get_end(), a.content) for a in parsed if isinstance(a, EntityAnnotation))
        a = d.annotation
        expected = [m.span for m in a.entity_mentions] + [m.head for m in a.entity_mentions if m.head] + \
            [v.span for v in a.value_mentions] + [e.trigger for e in a.event_mentions]
        assert spans == sorted((s.start, s.end, s.text) for s in expected)
        assert all(d.text[s:e] == t for s, e, t in spans)
        notes = {n.value for n in parsed if isinstance(n, NoteAnnotation)}
        assert {f"id={m.id} entity={m.entity_id}" for m in a.entity_mentions} <= notes
        chains = sorted(sorted(x.content for x in eq.entities) for eq in parsed if isinstance(eq, EquivalenceAnnotation))
        assert chains == sorted(sorted(m.span.text for m in a.entity_mentions if m.entity_id == e.id)
                                for e in a.entities if len(a.mention_ids_of(e.id)) > 1)
    capsys.readouterr()


@pytest.mark.parametrize("addition,message", [
    ("T9\tHead 0 5\tبوتين\n", "a Head that no Head relation ties to a mention"),
    ("R7\tHead Arg1:T3 Arg2:T1\n", "a Head relation from T3 to T1"),
    ("#9\tAnnotatorNotes T99\tid=M9\n", "a note on T99"),
    ("A30\tRealis T4 actual\n", "a trigger carries attributes"),
    ("A30\tRealis T1 actual\n", "unexpected 'Realis'"),
    ("N1\tReference T1 Wikidata:Q7747\tPutin\n", "not a line Hadath can read"),
    ("*\tCoreference T1 T3\n", "not an entity mention"),
])
def test_brat_import_refuses_lines_it_would_otherwise_lose(tmp_path, addition, message):
    corpus, brat = _brat_export(tmp_path)
    with open(brat / "902_fixture_arrival.ann", "a", encoding="utf-8") as f:
        f.write(addition)
    code, output = hadath("import", "brat", brat, "--corpus", corpus)
    assert code == 1 and message in output, output


def test_labelstudio_import_refuses_a_loose_head(tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    assert hadath("export", "labelstudio", "--corpus", corpus, "--out", tmp_path / "ls")[0] == 0
    path = tmp_path / "ls" / "tasks.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    tasks[1]["annotations"][0]["result"].append(
        {"id": "h1", "from_name": "head", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "بوتين", "labels": ["Head"]}})
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    code, output = hadath("import", "labelstudio", tmp_path / "ls", "--corpus", corpus)
    assert code == 1 and "region h1: a Head region that no head relation ties to a mention" in output, output


def test_brat_line_breaks_and_spaces_by_hand():
    from hadath.corpus.model import Annotation, Entity, EntityMention, Span, ValueMention

    text = "قال عام\n\nجديد 🤝 بيع"
    a = Annotation("x01", "0" * 64, (Entity("E1", "ORG", "Media", "SPC"),),
                   (EntityMention("M1", "E1", "ORG", "Media", "NAM", Span.of(text, 4, 13)),),
                   (ValueMention("V1", "Crime", None, Span.of(text, 16, 19), "50 % off"),))
    lines = write_ann(text, a, utf16=True).split("\n")
    assert "T1\tORG 4 7;9 13\tعام جديد" in lines
    assert "T2\tCrime 17 20\tبيع" in lines  # after the emoji: one unit more than code points
    assert "#2\tAnnotatorNotes T2\tid=V1 normalized=50%20%25%20off" in lines
    gold, _ = read_ann("\n".join(lines), text, utf16=True)
    assert (gold.mentions[0].span, gold.values[0].normalized) == (Span(4, 13, "عام\n\nجديد"), "50 % off")


@pytest.mark.parametrize("root", CORPORA, ids=CORPUS_IDS)
def test_tool_configs_declare_everything_the_files_use(root, tmp_path):
    import xml.etree.ElementTree as ET

    assert hadath("export", "brat", "--corpus", root, "--out", tmp_path / "brat")[0] == 0
    assert hadath("export", "labelstudio", "--corpus", root, "--out", tmp_path / "ls")[0] == 0
    section, declared = None, {}
    for line in (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8").split("\n"):
        if line.startswith("["):
            section = line.strip("[]")
        elif line.strip():
            declared.setdefault(section, set()).add(line.split("\t")[0])
    for ann in (tmp_path / "brat").glob("*.ann"):
        for line in ann.read_text(encoding="utf-8").split("\n"):
            kind, _, rest = line.partition("\t")
            if kind.startswith("T"):
                assert rest.split()[0] in declared["entities"] | declared["events"], line
            elif kind.startswith("A"):
                assert rest.split()[0] in declared["attributes"], line
            elif kind.startswith(("R", "*")):
                assert rest.split()[0] in declared["relations"], line
    config = ET.fromstring((tmp_path / "ls" / "config.xml").read_text(encoding="utf-8"))
    names = [e.get("name") for e in config.iter() if e.get("name")]
    assert len(names) == len(set(names))
    values = {e.get("name"): {c.get("value") for c in e} for e in config.iter() if e.get("name")}
    relations = {r.get("value") for r in config.iter("Relation")}
    for task in json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8")):
        for result in task["annotations"][0]["result"]:
            if result["type"] == "relation":
                assert set(result["labels"]) <= relations
            else:
                assert result["from_name"] in values and result["to_name"] in values
                chosen = result["value"].get("labels") or result["value"].get("choices") or []
                assert set(chosen) <= values[result["from_name"]], result
