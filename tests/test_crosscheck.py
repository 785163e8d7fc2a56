"""The ANERcorp cross-check on a hand-made source: found, overlapped, missed, types and extra names."""

from pathlib import Path

import pytest

from hadath.corpus.anercorp import detokenize, read_tokens, sentence_starts
from hadath.corpus.model import Annotation, Document, Metadata
from hadath.scoring.crosscheck import crosscheck, read_review, summary

SOURCE = """زار O
وسوريا B-LOC
جون B-PERS
سميث B-PERS
وأندريا B-PERS
، O
واتحاد B-ORG
الكتاب I-ORG
في O
باريس B-LOC
مع O
سامي B-PERS
. O
"""


def document(source: Path, mentions: list[tuple[str, str, str]]) -> Document:
    tokens = read_tokens(source)
    text, _ = detokenize(tokens, set(sentence_starts(tokens)))
    items, entities, cursor = [], [], 0
    for k, (surface, kind, mention_type) in enumerate(mentions, 1):
        start = text.index(surface, cursor)
        cursor = start + 1
        entities.append({"id": f"E{k}", "type": kind, "subtype": {"PER": "Individual", "GPE": "Nation",
                                                                   "ORG": "Non-Governmental"}[kind],
                         "entity_class": "SPC"})
        items.append({"id": f"M{k}", "entity_id": f"E{k}", "type": kind, "subtype": entities[-1]["subtype"],
                      "mention_type": mention_type, "span": {"start": start, "end": start + len(surface),
                                                             "text": surface},
                      **({"gpe_role": "GPE"} if kind == "GPE" else {})})
    meta = Metadata.from_dict({"id": "anercorp-000001", "language": "ar", "date": None, "title": None,
                               "source": "ANERcorp", "provenance": "sourced", "license": "CC-BY-SA-4.0",
                               "topics": [], "date_precision": "unknown", "source_tokens": [0, len(tokens)]})
    annotation = Annotation.from_dict({"document_id": meta.id, "text_sha256": "0" * 64, "entities": entities,
                                       "entity_mentions": items, "value_mentions": [], "events": [],
                                       "event_mentions": []})
    return Document(meta, text, annotation)


def test_names_are_found_through_proclitics_and_merged_b_tags(tmp_path):
    source = tmp_path / "ANERCorp"
    source.write_text(SOURCE, encoding="utf-8")
    doc = document(source, [("زار", "PER", "NAM"), ("سوريا", "GPE", "NAM"), ("جون سميث", "PER", "NAM"), ("أندريا", "PER", "NAM"),
                            ("اتحاد الكتاب", "ORG", "NAM"), ("الكتاب", "PER", "NOM"), ("سامي", "ORG", "NAM")])
    assert doc.text == "زار وسوريا جون سميث وأندريا، واتحاد الكتاب في باريس مع سامي."
    result = crosscheck(source, [doc])
    figures = summary(result)["per_tag"]
    # وسوريا, جون سميث (B B read as one), وأندريا (a و-name stays apart), واتحاد الكتاب found; باريس missed
    assert figures["PERS"] | {"our_types": None} == {"names": 3, "found": 3, "overlapped": 0, "missed": 0,
                                                       "same_type": 2, "our_types": None}
    assert figures["PERS"]["our_types"] == {"ORG": 1, "PER": 2}
    assert (figures["LOC"]["found"], figures["LOC"]["missed"], figures["ORG"]["found"]) == (1, 1, 1)
    kinds = sorted((f.kind, doc.text[f.start:f.end]) for f in result.findings)
    assert kinds == [("extra", "زار"), ("missed", "باريس"), ("type", "سامي")]


def test_a_review_row_needs_a_verdict_and_a_note(tmp_path):
    path = tmp_path / "crosscheck.tsv"
    path.write_text("document\tstart\tend\tkind\tverdict\tnote\nanercorp-000001\t1\t3\tmissed\tmaybe\tx\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: expected document, start, end, kind, a verdict"):
        read_review(path)
    path.write_text("document\tstart\tend\tkind\tverdict\tnote\nanercorp-000001\t1\t3\tmissed\tanercorp-error\t"
                    "not a name\n", encoding="utf-8")
    assert read_review(path) == {("anercorp-000001", 1, 3, "missed"): ("anercorp-error", "not a name")}


def test_the_command_reads_a_review_file_and_reports_open_findings(tmp_path, capsys):
    from hadath.cli import main
    root = Path(__file__).parent.parent
    review = tmp_path / "review.tsv"
    review.write_text("document\tstart\tend\tkind\tverdict\tnote\n", encoding="utf-8")
    code = main(["crosscheck", str(root), "--split", "test", "--review", str(review), "--format", "json"])
    import json
    report = json.loads(capsys.readouterr().out)
    assert report["open"] == len(report["findings"]) and (code == 1) == bool(report["open"])
    assert set(report["per_tag"]) == {"PERS", "LOC", "ORG", "MISC"}
