"""hadath evaluate end to end: gold against itself, every gold source, the report's provenance."""

from __future__ import annotations

import io
import json

from conftest import build_release, gold_lines, write_jsonl

from hadath.cli import main
from hadath.scoring.evaluation import Options, evaluate
from hadath.scoring.gold import load_gold
from hadath.scoring.predictions import load_predictions


def run_cli(*argv: str) -> tuple[int, str]:
    import contextlib
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(list(argv))
    return code, buffer.getvalue()


def all_f1(obj, path="$"):
    """Every (path, value) of an `f1`, `low` or `high` field in a report."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("f1", "low", "high") and isinstance(v, float):
                yield f"{path}.{k}", v
            else:
                yield from all_f1(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from all_f1(v, f"{path}[{i}]")


def assert_perfect(report: dict) -> None:
    values = list(all_f1(report))
    assert len(values) > 100
    assert [p for p, v in values if v != 1.0] == []


def test_gold_against_itself_is_perfect_for_every_gold_source(corpus, tmp_path):
    predictions = write_jsonl(tmp_path / "self.jsonl", gold_lines(corpus))
    release = build_release(corpus, tmp_path / "release")
    for source in (corpus, release, predictions):
        gold = load_gold(source, "test")
        report = evaluate(gold, load_predictions(predictions, gold), Options(resamples=50, details=True))
        assert_perfect(report)
        assert report["entities"]["gold"] == 9 and report["events"]["all"]["trigger_classification"]["tp"] == 3


def test_gold_counts_of_the_fixture(corpus):
    gold = load_gold(corpus, "test")
    docs = gold.documents
    assert [len(docs[i].entities) for i in sorted(docs)] == [6, 3]
    assert sum(len(d.events) for d in docs.values()) == 3
    attack = docs["eval-001"].events[0]
    assert (attack.type, len(attack.arguments)) == ("Conflict:Attack", 3)


def test_cli_gold_against_itself_json(corpus, tmp_path):
    predictions = write_jsonl(tmp_path / "self.jsonl", gold_lines(corpus))
    out = tmp_path / "report.json"
    code, printed = run_cli("evaluate", "--predictions", str(predictions), "--gold", str(corpus),
                            "--format", "json", "--out", str(out), "--resamples", "20")
    assert code == 0 and printed == f"report written to {out}\n"
    report = json.loads(out.read_text(encoding="utf-8"))
    assert_perfect(report)
    assert report["harness"]["name"] == "hadath"
    assert report["predictions"]["sha256"] == __import__("hashlib").sha256(predictions.read_bytes()).hexdigest()
    assert report["options"]["resamples"] == 20 and report["seed"] == 0
    assert report["gold"]["kind"] == "corpus" and len(report["gold"]["sha256"]) == 64
    assert {"python", "platform"} <= set(report["environment"])
    assert "--predictions" in report["command"]


def test_release_provenance(corpus, tmp_path):
    release = build_release(corpus, tmp_path / "release")
    gold = load_gold(release, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", []), gold), Options(resamples=0))
    import hashlib

    from hadath import __version__
    assert report["gold"]["version"] == __version__
    assert report["gold"]["sha256sums_sha256"] == hashlib.sha256((release / "SHA256SUMS").read_bytes()).hexdigest()


def test_table_and_markdown_render(corpus, tmp_path):
    predictions = write_jsonl(tmp_path / "self.jsonl", gold_lines(corpus))
    for fmt, marker in (("table", "entities strict"), ("markdown", "| entities strict | 1.0000 |")):
        code, printed = run_cli("evaluate", "--predictions", str(predictions), "--gold", str(corpus),
                                "--format", fmt, "--resamples", "10")
        assert code == 0 and marker in printed


def test_missing_document_is_scored_empty_with_a_warning(corpus, tmp_path):
    lines = [l for l in gold_lines(corpus) if l["id"] == "eval-001"]
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold), Options(resamples=0))
    strict = report["entities"]["schemas"]["strict"]["overall"]
    assert (strict["COR"], strict["MIS"], strict["SPU"]) == (6, 3, 0)
    assert report["warnings"] == ["1 gold document(s) have no prediction and are scored as empty: eval-002"]
    assert report["documents"] == {"gold": 2, "predicted": 1}


def test_conll_predictions_are_mapped_to_character_offsets(corpus, tmp_path):
    rows = ["# newdoc id = eval-002", "قال\tO", "وزير\tB-PER", "الخارجية\tI-PER", "إن\tO", "الاجتماع\tO",
            "سيعقد\tO", "في\tO", "باريس\tB-GPE", "غدا\tO", ".\tO", ""]
    pred = tmp_path / "pred.conll"
    pred.write_text("\n".join(rows), encoding="utf-8")
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(pred), "--format", "json",
                        "--resamples", "0")
    assert code == 0
    report = json.loads(out)
    strict = report["entities"]["schemas"]["strict"]["overall"]
    # eval-002: the PER and the GPE found, the nested ORG missed; eval-001 has no prediction (6 missed).
    assert (strict["COR"], strict["INC"], strict["MIS"], strict["SPU"]) == (2, 0, 7, 0)
    assert report["predictions"]["format"] == "conll"


def test_conll_token_not_in_text(corpus, tmp_path):
    pred = tmp_path / "pred.conll"
    pred.write_text("# newdoc id = eval-002\nقال\tO\nلندن\tB-GPE\n", encoding="utf-8")
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(pred))
    assert code == 1 and f"{pred}:3: token 'لندن' is not in the text of document 'eval-002'" in out


def test_details_list_boundary_errors_and_per_document_scores(corpus, tmp_path):
    lines = gold_lines(corpus)
    text = lines[1]["text"]
    paris = next(m for m in lines[1]["entity_mentions"] if text[m["start"]:m["end"]] == "باريس")
    paris["start"] -= 3  # "في باريس"
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold),
                      Options(resamples=0, details=True))
    assert report["entities"]["boundary_errors"] == 1
    assert report["entities"]["boundary_error_list"] == [{
        "document": "eval-002",
        "gold": {"start": paris["start"] + 3, "end": paris["end"], "type": "GPE", "text": "باريس"},
        "predicted": {"start": paris["start"], "end": paris["end"], "type": "GPE", "text": "في باريس"}}]
    per_doc = {row["document"]: row for row in report["per_document"]}
    assert per_doc["eval-001"]["entities.strict"]["f1"] == 1.0
    assert per_doc["eval-002"]["entities.strict"] == {"f1": 2 / 3, "credit": 2.0, "predicted": 3, "gold": 3}
    assert per_doc["eval-002"]["entities.partial"]["credit"] == 2.5


def test_release_errors(corpus, tmp_path):
    release = build_release(corpus, tmp_path / "release")
    pred = write_jsonl(tmp_path / "p.jsonl", [])
    code, out = run_cli("evaluate", "--gold", str(release), "--predictions", str(pred), "--split", "validation")
    assert code == 1 and "no validation-*.parquet file" in out
    (release / "documents" / "test-00000-of-00001.parquet").write_bytes(b"not parquet")
    code, out = run_cli("evaluate", "--gold", str(release), "--predictions", str(pred))
    assert code == 1 and "cannot read parquet" in out and "Traceback" not in out
    croissant = json.loads((release / "croissant.json").read_text(encoding="utf-8"))
    (release / "croissant.json").write_text(json.dumps({**croissant, "version": "0.2.0"}), encoding="utf-8")
    from hadath.scoring.gold import release_info
    assert release_info(release)["version"] == "0.2.0"


def test_lenient_conll_unknown_type(corpus, tmp_path):
    pred = tmp_path / "pred.conll"
    pred.write_text("# newdoc id = eval-002\nقال\tB-PERSON\nوزير\tB-PER\nالخارجية\tI-PER\n", encoding="utf-8")
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(pred))
    assert code == 1 and "unknown entity type 'PERSON'" in out
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(pred), "--lenient",
                        "--format", "json", "--resamples", "0")
    report = json.loads(out)
    assert code == 0 and report["skipped"]["items"] == 1
    assert report["entities"]["schemas"]["strict"]["overall"]["COR"] == 1


def test_library_function(corpus, tmp_path):
    from hadath.scoring.evaluation import evaluate_files
    report = evaluate_files(write_jsonl(tmp_path / "p.jsonl", gold_lines(corpus)), corpus, Options(resamples=10))
    assert_perfect(report)


def head_predictions(corpus) -> list[dict]:
    """The gold as a model that predicts heads would: every mention and argument on its head."""
    lines = gold_lines(corpus)
    for line in lines:
        heads = {(m["start"], m["end"]): (m["head_start"], m["head_end"])
                 for m in line["entity_mentions"] if "head_start" in m}
        for m in line["entity_mentions"]:
            if "head_start" in m:
                m["start"], m["end"] = m.pop("head_start"), m.pop("head_end")
        for ev in line["event_mentions"]:
            for a in ev["arguments"]:
                a["start"], a["end"] = heads.get((a["start"], a["end"]), (a["start"], a["end"]))
        del line["text"]
    return lines


def test_heads_on_request(corpus, tmp_path):
    pred_path = write_jsonl(tmp_path / "heads.jsonl", head_predictions(corpus))
    release = build_release(corpus, tmp_path / "release")
    gold_file = write_jsonl(tmp_path / "gold.jsonl", gold_lines(corpus))
    for source in (corpus, release, gold_file):
        gold = load_gold(source, "test")
        pred = load_predictions(pred_path, gold)
        on_heads = evaluate(gold, pred, Options(resamples=0, heads=True))
        on_extents = evaluate(gold, pred, Options(resamples=0))
        assert on_heads["entities"]["schemas"]["strict"]["overall"]["f1"] == 1.0
        assert on_heads["events"]["all"]["argument_classification_attached"]["f1"] == 1.0
        # two mentions (الرئيس المصري, مدينة غزة) have heads shorter than their extents
        strict = on_extents["entities"]["schemas"]["strict"]["overall"]
        assert (strict["COR"], strict["INC"]) == (7, 2)
        assert on_extents["events"]["all"]["argument_classification"]["tp"] == 7
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(pred_path), "--heads",
                        "--format", "json", "--resamples", "0")
    assert code == 0 and json.loads(out)["options"]["heads"] is True


def test_fixture_corpus_is_valid(corpus):
    from hadath.corpus.validator import validate
    report = validate(corpus)
    assert report.passed, [str(p) for p in report.problems]


def test_x_in_a_gold_time_accepts_any_digit_only_where_the_document_date_is_partial(corpus, tmp_path):
    from hadath.corpus.files import Layout, load_document, write_document
    from hadath.corpus.model import Annotation, Document, Metadata
    layout = Layout(corpus)
    doc = load_document(layout, "eval-002")  # its one time: V1 `2026-01-30`
    meta = Metadata.from_dict({**doc.metadata.to_dict(), "date": "2026-01", "date_precision": "month",
                               "date_evidence": "fixture"})
    annotation = doc.annotation.to_dict()
    annotation["value_mentions"][0]["normalized"] = "2026-01-XX"
    write_document(layout, Document(meta, doc.text, Annotation.from_dict(annotation)))
    lines = gold_lines(corpus)
    for line in lines:
        for v in line["value_mentions"]:
            v["normalized"] = "2026-01-30" if line["id"] == "eval-002" else v["normalized"]
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold), Options(resamples=0))
    assert report["values"]["normalized"]["same_value"] == report["values"]["normalized"]["strict_pairs_with_gold_value"]
    # a day-precise document keeps X strict
    write_document(layout, Document(doc.metadata, doc.text, Annotation.from_dict(annotation)))
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold), Options(resamples=0))
    normalized = report["values"]["normalized"]
    assert normalized["same_value"] == normalized["strict_pairs_with_gold_value"] - 1


def test_values_agree_reads_x_as_a_wildcard_in_dates_only():
    from hadath.corpus.timex import values_agree
    assert values_agree("2006-07-XX", "2006-07-19", wildcard=True)
    assert not values_agree("2006-07-XX", "2006-08-19", wildcard=True)
    assert not values_agree("2006-07-XX", "2006-07-19", wildcard=False)
    assert not values_agree("2006-XX", "2006-07-19", wildcard=True)
    assert not values_agree("PXY", "P3Y", wildcard=True)
    assert values_agree("XXXX-07", "2006-07", wildcard=True)
