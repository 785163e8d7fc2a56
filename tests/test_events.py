"""Event scoring: hand-checked cases with exact expected numbers."""

from __future__ import annotations

from conftest import gold_lines, write_jsonl

from hadath.scoring.evaluation import Options, evaluate
from hadath.scoring.gold import load_gold
from hadath.scoring.predictions import load_predictions

GOLD = {"id": "d1", "event_mentions": [
    {"type": "Conflict:Attack", "trigger_start": 10, "trigger_end": 14,
     "arguments": [{"role": "Attacker", "start": 0, "end": 5}, {"role": "Place", "start": 20, "end": 25}]},
    # a second event type on the same trigger
    {"type": "Life:Die", "trigger_start": 10, "trigger_end": 14,
     "arguments": [{"role": "Victim", "start": 30, "end": 35}]},
]}
ATTACK = {"type": "Conflict:Attack", "trigger_start": 10, "trigger_end": 14,
          "arguments": [{"role": "Attacker", "start": 0, "end": 5}, {"role": "Attacker", "start": 0, "end": 5}]}
INJURE = {"type": "Life:Injure", "trigger_start": 40, "trigger_end": 44, "arguments": []}


def report_of(tmp_path, gold_lines_, pred_lines) -> dict:
    gold = load_gold(write_jsonl(tmp_path / "gold.jsonl", gold_lines_))
    pred = load_predictions(write_jsonl(tmp_path / "pred.jsonl", pred_lines), gold)
    return evaluate(gold, pred, Options(resamples=0))


def sc(c: dict) -> tuple:
    return c["tp"], c["gold"], c["predicted"]


def test_duplicate_triggers_and_two_types_on_one_trigger(tmp_path):
    ev = report_of(tmp_path, [GOLD], [{"id": "d1", "event_mentions": [ATTACK, ATTACK, INJURE]}])["events"]["all"]
    assert sc(ev["trigger_identification"]) == (1, 1, 2)
    assert sc(ev["trigger_classification"]) == (1, 2, 2)
    assert ev["trigger_classification"]["precision"] == 0.5 and ev["trigger_classification"]["recall"] == 0.5
    assert sc(ev["argument_identification"]) == (1, 3, 1)
    assert sc(ev["argument_classification"]) == (1, 3, 1)
    assert sc(ev["argument_classification_attached"]) == (1, 3, 1)
    # the Attack mention listed twice, and its Attacker argument twice within each copy (3 extra)
    assert ev["duplicates"]["triggers"] == 1
    assert ev["duplicates"]["argument_classification"] == 3
    per_type = ev["trigger_classification_per_type"]
    assert sc(per_type["Life:Die"]) == (0, 1, 0) and sc(per_type["Life:Injure"]) == (0, 0, 1)


def test_attached_variant_needs_the_trigger_offsets(tmp_path):
    moved = dict(ATTACK, trigger_start=9, arguments=[{"role": "Attacker", "start": 0, "end": 5}])
    ev = report_of(tmp_path, [GOLD], [{"id": "d1", "event_mentions": [moved]}])["events"]["all"]
    assert sc(ev["trigger_identification"]) == (0, 1, 1)
    assert sc(ev["argument_classification"]) == (1, 3, 1)
    assert sc(ev["argument_classification_attached"]) == (0, 3, 1)


def test_wrong_role_is_identified_not_classified(tmp_path):
    wrong = dict(ATTACK, arguments=[{"role": "Target", "start": 0, "end": 5}])
    ev = report_of(tmp_path, [GOLD], [{"id": "d1", "event_mentions": [wrong]}])["events"]["all"]
    assert sc(ev["argument_identification"]) == (1, 3, 1)
    assert sc(ev["argument_classification"]) == (0, 3, 1)


def test_coreference_aware_arguments_and_ace22_view(corpus, tmp_path):
    lines = gold_lines(corpus)
    doc = next(l for l in lines if l["id"] == "eval-001")
    text = doc["text"]
    attack = doc["event_mentions"][0]
    assert attack["type"] == "Conflict:Attack"
    place = next(a for a in attack["arguments"] if a["role"] == "Place")
    assert text[place["start"]:place["end"]] == "مدينة غزة"
    gaza = text.index("غزة")
    place["start"], place["end"] = gaza, gaza + 3  # another mention of the same entity
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold), Options(resamples=0))
    ev = report["events"]["all"]
    assert sc(ev["argument_classification"]) == (8, 9, 9)
    assert sc(ev["argument_classification_coref"]) == (9, 9, 9)
    assert sc(ev["argument_classification_attached_coref"]) == (9, 9, 9)
    # ace22 drops the two Time-Within arguments on both sides
    assert sc(report["events"]["ace22"]["argument_classification"]) == (6, 7, 7)
    assert sc(report["events"]["ace22"]["argument_classification_coref"]) == (7, 7, 7)


def test_two_predicted_mentions_of_one_gold_entity_count_once_when_coreference_aware(corpus, tmp_path):
    lines = gold_lines(corpus)
    doc = next(l for l in lines if l["id"] == "eval-001")
    attack = doc["event_mentions"][0]
    place = next(a for a in attack["arguments"] if a["role"] == "Place")
    gaza = doc["text"].index("غزة")
    attack["arguments"].append({"role": "Place", "start": gaza, "end": gaza + 3})  # both mentions of Gaza
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold), Options(resamples=0))
    ev = report["events"]["all"]
    # By offsets the second Gaza is a spurious argument; by entity it is Gaza again, counted once.
    assert sc(ev["argument_classification_attached"]) == (9, 9, 10)
    assert sc(ev["argument_classification_attached_coref"]) == (9, 9, 9)
    assert place["start"] < gaza


def test_values_normalized_accuracy(corpus, tmp_path):
    lines = gold_lines(corpus)
    lines[0]["value_mentions"][0]["normalized"] = "2026-01-26"
    gold = load_gold(corpus, "test")
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", lines), gold), Options(resamples=0))
    assert report["values"]["schemas"]["strict"]["overall"]["f1"] == 1.0
    assert report["values"]["normalized"] == {"strict_pairs_with_gold_value": 2, "same_value": 1,
                                              "accuracy": 0.5, "recall": 0.5}


def test_text_only_mentions_are_aligned_and_reported_apart(corpus, tmp_path):
    gold = load_gold(corpus, "test")
    pred = [{"id": "eval-002", "entity_mentions": [
        {"text": "باريس", "type": "GPE"}, {"text": "الخارجية", "type": "ORG"},
        {"text": "لندن", "type": "GPE"}, {"text": "باريس", "type": "GPE"}]}]
    report = evaluate(gold, load_predictions(write_jsonl(tmp_path / "p.jsonl", pred), gold), Options(resamples=0))
    section = report["text_mentions"]
    strict = section["schemas"]["strict"]["overall"]
    # باريس and الخارجية align and are right; لندن and the second باريس find no occurrence: spurious.
    assert (strict["COR"], strict["SPU"], strict["MIS"], section["unaligned"]) == (2, 2, 7, 2)
    assert report["entities"]["schemas"]["strict"]["overall"]["ACT"] == 0
