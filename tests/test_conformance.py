"""Conformance with the peer scorers on the same flat data, where their definitions agree.

- seqeval `mode='strict', scheme=IOB2` = our `--bio-policy strict` strict P/R/F1, overall and per type.
- seqeval's default mode follows conlleval.pl for IOB tags = our `--bio-policy conlleval`.
- nervaluate's four schemas = ours on flat spans where each prediction overlaps at most one gold span
  and each gold span at most one prediction (there its greedy pass is optimal and order cannot matter).
Where we deliberately differ (order, optimality, empty sets), test_matching.py and the cases below
state nervaluate's and seqeval's numbers next to ours.
"""

from __future__ import annotations

import json
import os
import random
import warnings

import pytest
from nervaluate import Evaluator
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score
from seqeval.scheme import IOB2
from test_evaluate import run_cli

from hadath.scoring.mentions import score_spans
from hadath.corpus.ontology import load_ontology
from hadath.scoring.spansets import Mention, SpanDocument

TYPES = load_ontology().entity_types
SCHEMAS = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def random_tags(rng: random.Random, n: int, types: list[str]) -> list[str]:
    tags, i = [], 0
    while i < n:
        if rng.random() < 0.3:
            length = min(rng.randint(1, 3), n - i)
            kind = rng.choice(types)
            tags += [f"B-{kind}"] + [f"I-{kind}"] * (length - 1)
            i += length
        else:
            tags.append("O")
            i += 1
    return tags


def perturb(rng: random.Random, tags: list[str], types: list[str]) -> list[str]:
    out = list(tags)
    for i in range(len(out)):
        r = rng.random()
        if r < 0.08:
            out[i] = "O"
        elif r < 0.14:
            out[i] = f"I-{rng.choice(types)}"  # often an I- without B-
        elif r < 0.2:
            out[i] = f"B-{rng.choice(types)}"
    return out


def write_conll(path, sentences, tags):
    lines = []
    for tokens, labels in zip(sentences, tags):
        lines += [f"{t}\t{l}" for t, l in zip(tokens, labels)] + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def conll_pair(tmp_path, seed: int, n_sentences: int = 150):
    rng = random.Random(seed)
    types = ["PER", "ORG", "GPE", "LOC"]
    sentences, gold, pred = [], [], []
    for _ in range(n_sentences):
        n = rng.randint(1, 25)
        sentences.append([f"w{rng.randint(0, 999)}" for _ in range(n)])
        g = random_tags(rng, n, types)
        gold.append(g)
        pred.append(perturb(rng, g, types))
    write_conll(tmp_path / "gold.conll", sentences, gold)
    write_conll(tmp_path / "pred.conll", sentences, pred)
    return gold, pred


def our_report(tmp_path, policy: str) -> dict:
    code, text = run_cli("evaluate", "--gold", str(tmp_path / "gold.conll"), "--predictions",
                         str(tmp_path / "pred.conll"), "--bio-policy", policy, "--format", "json",
                         "--resamples", "0")
    assert code == 0, text
    return json.loads(text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_strict_policy_equals_seqeval_strict_iob2(tmp_path, seed):
    gold, pred = conll_pair(tmp_path, seed)
    ours = our_report(tmp_path, "strict")["entities"]["schemas"]["strict"]
    kw = {"mode": "strict", "scheme": IOB2}
    assert ours["overall"]["precision"] == pytest.approx(precision_score(gold, pred, **kw), abs=1e-12)
    assert ours["overall"]["recall"] == pytest.approx(recall_score(gold, pred, **kw), abs=1e-12)
    assert ours["overall"]["f1"] == pytest.approx(f1_score(gold, pred, **kw), abs=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = classification_report(gold, pred, output_dict=True, zero_division=0, **kw)
    for kind, row in ours["per_type"].items():
        assert (row["precision"], row["recall"], row["f1"]) == pytest.approx(
            (theirs[kind]["precision"], theirs[kind]["recall"], theirs[kind]["f1-score"]), abs=1e-12)
        assert row["POS"] == theirs[kind]["support"]


@pytest.mark.parametrize("seed", [4, 5])
def test_conlleval_policy_equals_seqeval_default_mode(tmp_path, seed):
    gold, pred = conll_pair(tmp_path, seed)
    ours = our_report(tmp_path, "conlleval")["entities"]["schemas"]["strict"]["overall"]
    assert ours["precision"] == pytest.approx(precision_score(gold, pred), abs=1e-12)
    assert ours["recall"] == pytest.approx(recall_score(gold, pred), abs=1e-12)
    assert ours["f1"] == pytest.approx(f1_score(gold, pred), abs=1e-12)


def test_invalid_bio_hand_case(tmp_path):
    # gold: PER over w1 w2; prediction starts it with I- (no B-).
    (tmp_path / "gold.conll").write_text("w1\tB-PER\nw2\tI-PER\nw3\tO\n", encoding="utf-8")
    (tmp_path / "pred.conll").write_text("w1\tI-PER\nw2\tI-PER\nw3\tO\n", encoding="utf-8")
    strict = our_report(tmp_path, "strict")
    lenient = our_report(tmp_path, "conlleval")
    assert strict["entities"]["schemas"]["strict"]["overall"]["f1"] == 0.0
    assert strict["predictions"]["invalid_tags"] == 2
    assert lenient["entities"]["schemas"]["strict"]["overall"]["f1"] == 1.0
    assert lenient["predictions"]["invalid_tags"] == 1
    gold, pred = [["B-PER", "I-PER", "O"]], [["I-PER", "I-PER", "O"]]
    assert f1_score(gold, pred, mode="strict", scheme=IOB2) == 0.0
    assert f1_score(gold, pred) == 1.0


def test_all_o_gold_and_predictions_deliberate_difference(tmp_path):
    (tmp_path / "gold.conll").write_text("w1\tO\nw2\tO\n", encoding="utf-8")
    (tmp_path / "pred.conll").write_text("w1\tO\nw2\tO\n", encoding="utf-8")
    # Nothing to find and nothing predicted: 1.0 by our stated rule; seqeval answers 0.0.
    assert our_report(tmp_path, "strict")["entities"]["schemas"]["strict"]["overall"]["f1"] == 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert f1_score([["O", "O"]], [["O", "O"]], mode="strict", scheme=IOB2) == 0.0


def test_conlleval_policy_hand_cases():
    from hadath.scoring.bio import conlleval_chunks, strict_chunks
    # conlleval.pl 2004-01-26 keeps hyphens inside types.
    assert conlleval_chunks(["B-Contact-Info", "I-Contact-Info"]).chunks == [("Contact-Info", 0, 2)]
    assert strict_chunks(["B-Contact-Info", "I-Contact-Info"]).chunks == [("Contact-Info", 0, 2)]
    # conlleval.pl continues a chunk across E- then B- of one type (no end, no start between them),
    # and does not know S-: S-PER S-PER is one chunk.
    assert conlleval_chunks(["E-PER", "B-PER"]).chunks == [("PER", 0, 2)]
    assert conlleval_chunks(["S-PER", "S-PER"]).chunks == [("PER", 0, 2)]
    assert conlleval_chunks(["B-PER", "I-ORG", "I-ORG"]).chunks == [("PER", 0, 1), ("ORG", 1, 3)]


def flat_data(seed: int, n_docs: int, cross_type: bool):
    """Flat gold spans with gaps, predictions that each touch at most one gold span."""
    rng = random.Random(seed)
    gold_docs, pred_docs = [], []
    for _ in range(n_docs):
        gold, pred, pos = [], [], 0
        for _ in range(rng.randint(0, 12)):
            pos += rng.randint(3, 8)
            start, end = pos, pos + rng.randint(2, 6)
            kind = rng.choice(TYPES[:4])
            gold.append(Mention(start, end, kind))
            r = rng.random()
            other = rng.choice(TYPES[:4]) if cross_type else kind
            if r < 0.4:
                pred.append(Mention(start, end, kind))
            elif r < 0.55:
                pred.append(Mention(start, end, other))
            elif r < 0.7:
                pred.append(Mention(start + 1, end + rng.randint(0, 1), other))
            elif r < 0.8:
                pred.append(Mention(start - 1, end - 1, kind))
            if rng.random() < 0.15:
                pred.append(Mention(end + 1, end + 2, rng.choice(TYPES[:4])))  # spurious, in the gap
            pos = end + 3
        rng.shuffle(pred)
        gold_docs.append(gold)
        pred_docs.append(pred)
    return gold_docs, pred_docs


def nervaluate_results(gold_docs, pred_docs):
    as_dicts = lambda docs: [[{"label": m.type, "start": m.start, "end": m.end - 1} for m in d] for d in docs]  # noqa
    return Evaluator(as_dicts(gold_docs), as_dicts(pred_docs), tags=TYPES, loader="dict").evaluate()


def counts(row) -> tuple:
    return (row["COR"], row["INC"], row["PAR"], row["MIS"], row["SPU"],
            pytest.approx(row["precision"], abs=1e-12), pytest.approx(row["recall"], abs=1e-12),
            pytest.approx(row["f1"], abs=1e-12))


def theirs(r) -> tuple:
    return (r.correct, r.incorrect, r.partial, r.missed, r.spurious, r.precision, r.recall, r.f1)


@pytest.mark.parametrize("cross_type", [False, True])
def test_four_schemas_equal_nervaluate(cross_type):
    gold_docs, pred_docs = flat_data(7 + cross_type, 120, cross_type)
    docs = [SpanDocument(f"d{i}") for i in range(len(gold_docs))]
    section, *_ = score_spans(gold_docs, pred_docs, TYPES, docs, False, False)
    nerv = nervaluate_results(gold_docs, pred_docs)
    for ours, name in SCHEMAS.items():
        assert counts(section["schemas"][ours]["overall"]) == theirs(nerv["overall"][name])
        if not cross_type:
            # nervaluate scores each type on its own spans; with no cross-type overlap that is ours.
            for kind, row in section["schemas"][ours]["per_type"].items():
                assert counts(row) == theirs(nerv["entities"][kind][name])
    assert section["schemas"]["strict"]["overall"]["COR"] > 100


CONLLEVAL = os.environ.get("HADATH_CONLLEVAL")


@pytest.mark.skipif(not CONLLEVAL, reason="set HADATH_CONLLEVAL to a conlleval.pl to compare with it")
def test_conlleval_policy_equals_conlleval_pl():
    """On typed B/I/O/E/S tags (conlleval.pl reads S as an ordinary prefix) the counts are the script's."""
    import re
    import subprocess

    from hadath.scoring.bio import conlleval_chunks
    rng = random.Random(0)
    tags = [f"{p}-{t}" for p in "BIES" for t in ("PER", "ORG", "Contact-Info")] + ["O"] * 4
    for _ in range(300):
        sentences = [[(f"w{i}", rng.choice(tags), rng.choice(tags)) for i in range(rng.randint(1, 10))]
                     for _ in range(rng.randint(1, 6))]
        text = "\n\n".join("\n".join(" ".join(r) for r in s) for s in sentences) + "\n"
        out = subprocess.run(["perl", CONLLEVAL], input=text, capture_output=True, text=True, check=True).stdout
        m = re.search(r"with (\d+) phrases; found: (\d+) phrases; correct: (\d+)\.", out)
        gold = {(k, *c) for k, s in enumerate(sentences) for c in conlleval_chunks([r[1] for r in s]).chunks}
        pred = {(k, *c) for k, s in enumerate(sentences) for c in conlleval_chunks([r[2] for r in s]).chunks}
        assert (len(gold), len(pred), len(gold & pred)) == tuple(map(int, m.groups()))
