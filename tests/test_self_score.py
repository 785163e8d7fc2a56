"""What the scores mean: gold against itself is 1.0 at every level; a system without mention types is
not broken down by mention types; the Python API returns the command's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.cli import main
from hadath.evaluation import evaluate_predictions
from hadath.scoring.evaluation import Options, evaluate
from hadath.scoring.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent


def _scores(section, path=""):
    if isinstance(section, dict):
        for key, value in section.items():
            if key in ("precision", "recall", "f1", "accuracy") and isinstance(value, float):
                yield f"{path}.{key}", value
            else:
                yield from _scores(value, f"{path}.{key}")


@pytest.mark.parametrize("split", ["train", "validation", "test"])
def test_gold_against_itself_is_one_everywhere(split):
    gold = load_gold(ROOT, split)
    report = evaluate(gold, gold, Options(resamples=0))
    below = {k: v for s in ("entities", "values", "events") for k, v in _scores(report[s], s) if v != 1.0}
    assert not below


def test_predictions_without_mention_types_have_no_mention_type_rows(tmp_path):
    gold = load_gold(ROOT, "test")
    lines = [{"id": d.id, "entity_mentions": [{"start": m.start, "end": m.end, "type": m.type} for m in d.entities]}
             for d in gold.documents.values()]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    report = evaluate_predictions(path, ROOT, resamples=0)
    strict = report["entities"]["schemas"]["strict"]
    assert "per_mention_type" not in strict and strict["overall"]["f1"] == 1.0


def test_the_python_api_returns_the_commands_report(tmp_path):
    path = tmp_path / "p.conll"
    path.write_text("a\tB-PERS\nb\tO\n\nc\tB-LOC\n", encoding="utf-8")
    gold = tmp_path / "g.conll"
    gold.write_text("a\tB-PERS\nb\tI-PERS\n\nc\tB-LOC\n", encoding="utf-8")
    ours = evaluate_predictions(path, gold, resamples=50)
    out = tmp_path / "r.json"
    assert main(["evaluate", "--gold", str(gold), "--predictions", str(path), "--resamples", "50",
                 "--format", "json", "--out", str(out)]) == 0
    theirs = json.loads(out.read_text(encoding="utf-8"))
    for key in ("entities", "values", "events", "uncertainty"):
        assert ours[key] == theirs[key]
