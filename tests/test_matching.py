"""Hand-checked cases of the span matching, with exact expected counts (and nervaluate's, where it differs)."""

from __future__ import annotations

import itertools

from nervaluate import Evaluator

from hadath.scoring.mentions import score_spans
from hadath.scoring.matching import clitic_variants
from hadath.scoring.metrics import Counts
from hadath.corpus.ontology import load_ontology
from hadath.scoring.spansets import Mention, SpanDocument

TYPES = load_ontology().entity_types


def scored(gold: list[Mention], pred: list[Mention], text: str | None = None) -> dict:
    doc = SpanDocument("d", text)
    section, *_ = score_spans([gold], [pred], TYPES, [doc], False, True, [text] if text else None)
    return section


def cats(section: dict, schema: str) -> tuple[int, ...]:
    o = section["schemas"][schema]["overall"] if schema != "clitic_relaxed" else section[schema]["overall"]
    return o["COR"], o["INC"], o["PAR"], o["MIS"], o["SPU"]


def nervaluate(gold: list[Mention], pred: list[Mention], schema: str) -> tuple[int, ...]:
    """nervaluate's counts on the same spans (its offsets are inclusive)."""
    name = {"type": "ent_type"}.get(schema, schema)
    as_dicts = lambda spans: [[{"label": m.type, "start": m.start, "end": m.end - 1} for m in spans]]  # noqa: E731
    r = Evaluator(as_dicts(gold), as_dicts(pred), tags=TYPES, loader="dict").evaluate()["overall"][name]
    return r.correct, r.incorrect, r.partial, r.missed, r.spurious


def test_order_swapped_predictions_score_the_same_and_nervaluate_does_not():
    g1, g2 = Mention(0, 10, "PER"), Mention(12, 20, "PER")
    p1, p2 = Mention(5, 15, "PER"), Mention(12, 20, "PER")
    seen = set()
    for gold in itertools.permutations([g1, g2]):
        for pred in itertools.permutations([p1, p2]):
            seen.add(cats(scored(list(gold), list(pred)), "strict"))
    assert seen == {(1, 1, 0, 0, 0)}
    # nervaluate's greedy pass lets p1 take g2 when g2 is listed first, and then p2 finds nothing.
    assert nervaluate([g1, g2], [p1, p2], "strict") == (1, 1, 0, 0, 0)
    assert nervaluate([g2, g1], [p1, p2], "strict") == (0, 1, 0, 1, 1)


def test_optimal_assignment_beats_closest_boundary_greedy():
    gold = [Mention(0, 10, "PER"), Mention(10, 20, "PER")]
    pred = [Mention(5, 15, "PER"), Mention(0, 4, "PER")]
    section = scored(gold, pred)
    assert cats(section, "type") == (2, 0, 0, 0, 0)
    assert cats(section, "partial") == (0, 0, 2, 0, 0)
    assert section["schemas"]["partial"]["overall"]["f1"] == 0.5
    # nervaluate gives the first prediction the first gold span and leaves the second prediction spurious.
    assert nervaluate(gold, pred, "type") == (1, 0, 0, 1, 1)
    assert nervaluate(gold, pred, "partial") == (0, 0, 1, 1, 1)


def test_nested_spans():
    outer, inner = Mention(0, 13, "PER"), Mention(7, 13, "GPE")
    assert cats(scored([outer, inner], [outer, inner]), "strict") == (2, 0, 0, 0, 0)
    only_inner = scored([outer, inner], [inner])
    assert cats(only_inner, "strict") == (1, 0, 0, 1, 0)
    assert cats(only_inner, "type") == (1, 0, 0, 1, 0)
    head_only = scored([outer, inner], [Mention(0, 6, "PER")])
    assert cats(head_only, "strict") == (0, 1, 0, 1, 0)
    assert cats(head_only, "partial") == (0, 0, 1, 1, 0)
    p = head_only["schemas"]["partial"]["overall"]
    assert (p["precision"], p["recall"]) == (0.5, 0.25)


def test_duplicates_are_counted_once_and_reported():
    gold = [Mention(0, 5, "PER")]
    section = scored(gold, [Mention(0, 5, "PER"), Mention(0, 5, "PER")])
    assert cats(section, "strict") == (1, 0, 0, 0, 0)
    assert section["duplicates"] == 1 and section["predicted"] == 1


def test_empty_rule():
    assert scored([], [])["schemas"]["strict"]["overall"]["f1"] == 1.0
    nothing_found = scored([Mention(0, 5, "PER")], [])["schemas"]["strict"]["overall"]
    assert (nothing_found["precision"], nothing_found["recall"], nothing_found["f1"]) == (0.0, 0.0, 0.0)
    all_spurious = scored([], [Mention(0, 5, "PER")])["schemas"]["strict"]["overall"]
    assert (all_spurious["SPU"], all_spurious["f1"]) == (1, 0.0)
    assert Counts().f1 == 1.0


def test_type_confusion_charges_recall_to_gold_type_and_precision_to_predicted_type():
    section = scored([Mention(0, 5, "PER")], [Mention(0, 5, "ORG")])
    strict = section["schemas"]["strict"]
    assert cats(section, "strict") == (0, 1, 0, 0, 0)
    assert (strict["per_type"]["PER"]["POS"], strict["per_type"]["PER"]["ACT"]) == (1, 0)
    assert (strict["per_type"]["ORG"]["POS"], strict["per_type"]["ORG"]["ACT"]) == (0, 1)
    exact = section["schemas"]["exact"]["per_type"]
    assert (exact["PER"]["recall"], exact["ORG"]["precision"]) == (1.0, 1.0)
    assert section["confusion"] == {"PER": {"ORG": 1}}
    for schema in ("strict", "exact", "partial", "type"):
        per_type = section["schemas"][schema]["per_type"].values()
        overall = section["schemas"][schema]["overall"]
        for key in ("POS", "ACT", "MIS", "SPU"):
            assert sum(c[key] for c in per_type) == overall[key]


def test_clitic_relaxed_match():
    text = "وقال الرئيس لمصر ووبغداد حكومته"
    gold = [Mention(text.index("مصر"), text.index("مصر") + 3, "GPE"),
            Mention(text.index("بغداد"), text.index("بغداد") + 5, "GPE"),
            Mention(text.index("حكومت"), text.index("حكومت") + 5, "ORG")]
    pred = [Mention(text.index("لمصر"), text.index("لمصر") + 4, "GPE"),
            Mention(text.index("وبغداد"), text.index("وبغداد") + 6, "GPE"),
            Mention(text.index("حكومته"), text.index("حكومته") + 6, "ORG")]
    section = scored(gold, pred, text)
    assert cats(section, "strict") == (0, 3, 0, 0, 0)
    assert cats(section, "clitic_relaxed") == (3, 0, 0, 0, 0)


def test_clitic_variants_keep_two_characters():
    assert clitic_variants("لك", 0, 2) == {(0, 2)}
    assert clitic_variants("ولده", 0, 4) == {(0, 4), (1, 4), (0, 3), (1, 3)}
