"""The table and markdown reports: per-type rows whose counts make their P and R, `--details` in both,
and `compare` tables that show every metric name whole."""

from __future__ import annotations

from conftest import write_jsonl

from test_evaluate import run_cli

PREDICTIONS = [
    {"id": "eval-001", "entity_mentions": [{"start": 5, "end": 18, "type": "GPE"}, {"start": 26, "end": 31, "type": "ORG"},
                                           {"start": 37, "end": 44, "type": "GPE"}]},
    {"id": "eval-002", "entity_mentions": [{"start": 4, "end": 17, "type": "PER"}, {"start": 39, "end": 44, "type": "LOC"}]},
]


def test_per_type_rows_add_up_to_their_p_and_r(corpus, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", PREDICTIONS)
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(path), "--resamples", "0",
                        "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    at = lines.index("| type | COR | INC (gold) | MIS | gold | INC (predicted) | SPU | predicted | P | R | F1 |")
    assert lines[at + 2:at + 6] == [
        "| PER | 1 | 1 | 1 | 3 | 0 | 0 | 1 | 1.0000 | 0.3333 | 0.5000 |",
        "| ORG | 1 | 0 | 1 | 2 | 0 | 0 | 1 | 1.0000 | 0.5000 | 0.6667 |",
        "| GPE | 0 | 2 | 2 | 4 | 2 | 0 | 2 | 0.0000 | 0.0000 | 0.0000 |",
        "| LOC | 0 | 0 | 0 | 0 | 1 | 0 | 1 | 0.0000 | 0.0000 | 0.0000 |"]
    for row in lines[at + 2:at + 6]:
        cells = row.strip("|").split("|")
        cor, inc_gold, mis, gold, inc_pred, spu, predicted = (int(c) for c in cells[1:8])
        assert cor + inc_gold + mis == gold and cor + inc_pred + spu == predicted
        assert float(cells[8]) == round(cor / predicted if predicted else 0.0, 4)
        assert float(cells[9]) == round(cor / gold if gold else 0.0, 4)
    assert "| entities strict | 0.4000 | 0.2222 | 0.2857 |  |" in lines
    assert "**per document (--details)**" not in lines


def test_details_show_in_markdown_and_table(corpus, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", PREDICTIONS)
    args = ("evaluate", "--gold", str(corpus), "--predictions", str(path), "--resamples", "0", "--details")
    code, out = run_cli(*args, "--format", "markdown")
    lines = out.splitlines()
    assert "| eval-001 | entities.strict | 6 | 3 | 1 | 0.2222 |" in lines
    assert "| eval-002 | entities.partial | 3 | 2 | 2 | 0.8000 |" in lines
    assert "| eval-001 | [37, 46) GPE 'مدينة غزة' | [37, 44) GPE 'مدينة غ' |" in lines
    code, out = run_cli(*args)
    assert code == 0
    assert "per document (--details)" in out and "entity boundary errors (--details)" in out
    assert any(l.startswith("│ eval-002 │ events.all.argument_classification") for l in out.splitlines())


def test_compare_shows_every_metric_name_whole(corpus, tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", PREDICTIONS)
    b = write_jsonl(tmp_path / "b.jsonl", PREDICTIONS[:1])
    code, out = run_cli("compare", str(a), str(b), "--gold", str(corpus), "--resamples", "20", "--trials", "20")
    assert code == 0
    names = [l.split("│")[1].strip() for l in out.splitlines() if l.startswith("│")]
    assert "events.ace22.argument_classification_attached_coref" in names
    assert len(names) == 26
