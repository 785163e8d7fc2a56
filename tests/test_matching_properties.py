"""Properties of the matching on random nested and overlapping spans: order independence, optimality
(against brute force over every one-to-one matching), and overall counts equal to the sum over types."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.scoring.mentions import score_spans
from hadath.scoring.metrics import ENTITY_SCHEMAS
from hadath.scoring.spansets import Mention, SpanDocument

TYPES = ["PER", "ORG", "GPE"]

spans = st.lists(st.builds(lambda s, n, t: Mention(s, s + n, t), st.integers(0, 12), st.integers(1, 5),
                           st.sampled_from(TYPES)), max_size=5)


def section(gold, pred):
    s, *_ = score_spans([gold], [pred], TYPES, [SpanDocument("d")], False, False)
    return s


def credit(schema: str, g: Mention, p: Mention) -> float:
    if not (g.start < p.end and p.start < g.end):
        return -1  # not a pair
    same_span = (g.start, g.end) == (p.start, p.end)
    if schema == "strict":
        return float(same_span and g.type == p.type)
    if schema == "exact":
        return float(same_span)
    if schema == "partial":
        return 1.0 if same_span else 0.5
    return float(g.type == p.type)


def best_credit(schema: str, gold, pred) -> float:
    """The highest total credit of any one-to-one matching, by brute force."""
    best = 0.0
    for k in range(min(len(gold), len(pred)) + 1):
        for gs in itertools.combinations(range(len(gold)), k):
            for ps in itertools.permutations(range(len(pred)), k):
                scores = [credit(schema, gold[a], pred[b]) for a, b in zip(gs, ps)]
                if all(x >= 0 for x in scores):
                    best = max(best, sum(scores))
    return best


def dedupe(items):
    return list(dict.fromkeys(items))


@settings(max_examples=150, deadline=None)
@given(spans, spans, st.randoms(use_true_random=False))
def test_order_independent_optimal_and_additive(gold, pred, rnd):
    gold = dedupe(gold)
    pred = dedupe(pred)
    s = section(gold, pred)
    shuffled_gold, shuffled_pred = list(gold), list(pred)
    rnd.shuffle(shuffled_gold)
    rnd.shuffle(shuffled_pred)
    assert section(shuffled_gold, shuffled_pred)["schemas"] == s["schemas"]
    for schema in ENTITY_SCHEMAS:
        o = s["schemas"][schema]["overall"]
        assert o["COR"] + 0.5 * o["PAR"] == best_credit(schema, gold, pred)
        assert (o["POS"], o["ACT"]) == (len(gold), len(pred))
        for key in ("COR", "INC", "PAR", "MIS", "SPU", "POS", "ACT"):
            assert sum(c[key] for c in s["schemas"][schema]["per_type"].values()) == o[key]


def test_many_documents_many_shuffles():
    rng = random.Random(5)
    gold_docs, pred_docs = [], []
    for _ in range(50):
        g = dedupe([Mention(s, s + rng.randint(1, 6), rng.choice(TYPES)) for s in rng.sample(range(60), 15)])
        p = dedupe([Mention(m.start + rng.choice((0, 0, 1, -1)), m.end, rng.choice(TYPES)) for m in g if m.start > 0])
        gold_docs.append(g)
        pred_docs.append(p)
    docs = [SpanDocument(f"d{i}") for i in range(50)]
    first, *_ = score_spans(gold_docs, pred_docs, TYPES, docs, False, False)
    for _ in range(3):
        for d in (*gold_docs, *pred_docs):
            rng.shuffle(d)
        again, *_ = score_spans(gold_docs, pred_docs, TYPES, docs, False, False)
        assert again["schemas"] == first["schemas"]


def test_small_cluster_enumeration_agrees_with_the_hungarian_path(monkeypatch):
    import hadath.scoring.matching
    rng = random.Random(11)
    gold_docs, pred_docs = [], []
    for _ in range(300):
        g = dedupe([Mention(s, s + rng.randint(1, 5), rng.choice(TYPES)) for s in rng.sample(range(30), 6)])
        p = dedupe([Mention(max(0, m.start + rng.choice((0, 0, 1, -1))), m.end + rng.choice((0, 0, 1)),
                            rng.choice(TYPES)) for m in g if rng.random() < 0.8])
        gold_docs.append(g)
        pred_docs.append(p)
    docs = [SpanDocument(f"d{i}") for i in range(len(gold_docs))]
    enumerated, *_ = score_spans(gold_docs, pred_docs, TYPES, docs, False, False)
    monkeypatch.setattr(hadath.scoring.matching, "SMALL", 0)
    hungarian, *_ = score_spans(gold_docs, pred_docs, TYPES, docs, False, False)
    for schema in ENTITY_SCHEMAS:
        a, b = enumerated["schemas"][schema]["overall"], hungarian["schemas"][schema]["overall"]
        assert (a["COR"], a["INC"], a["PAR"], a["MIS"], a["SPU"]) == (b["COR"], b["INC"], b["PAR"], b["MIS"], b["SPU"])
    assert enumerated["schemas"]["strict"]["overall"]["INC"] > 50
