"""Entity scoring speed: hadath's four schemas with per-type scores, nervaluate and seqeval, side by side.

Same synthetic data for all three: 1,000,000 tokens in 1,000 documents of 40 sentences, about 85,000
gold spans, predictions derived from them (exact, wrong type, shifted boundary, missed, spurious).
Then nested spans, the cost against document length at a fixed number of spans, and 1,000 bootstrap
resamples.
Each time is the best of three runs.

    python benchmarks/entities.py [--tokens 1000000] [--docs 1000] [--skip-scaling]
"""

from __future__ import annotations

import argparse
import random
import time
import warnings

from nervaluate import Evaluator
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2

from hadath.scoring.mentions import score_spans
from hadath.corpus.ontology import load_ontology
from hadath.scoring.spansets import Mention, SpanDocument
from hadath.scoring.significance import bootstrap

TYPES = load_ontology().entity_types
SENTENCE = 25


def synthetic(tokens: int, docs: int, seed: int = 0):
    """Per document: gold and predicted spans on token offsets, and per sentence their IOB2 tags."""
    rng = random.Random(seed)
    per_doc = tokens // docs
    gold_docs, pred_docs, gold_tags, pred_tags = [], [], [], []
    for _ in range(docs):
        gold, pred = [], []
        for s0 in range(0, per_doc, SENTENCE):
            n = min(SENTENCE, per_doc - s0)
            g_tags, p_tags = ["O"] * n, ["O"] * n
            i = 0
            while i < n:
                if rng.random() < 0.1:
                    length = min(rng.choice((1, 1, 2, 2, 3)), n - i)
                    kind = rng.choice(TYPES)
                    gold.append(Mention(s0 + i, s0 + i + length, kind))
                    g_tags[i:i + length] = [f"B-{kind}"] + [f"I-{kind}"] * (length - 1)
                    r = rng.random()
                    p_kind, p_start, p_len = kind, i, length
                    if r < 0.1:
                        p_kind = rng.choice(TYPES)
                    elif r < 0.18 and length > 1:
                        p_start, p_len = i + 1, length - 1
                    if r < 0.9:
                        pred.append(Mention(s0 + p_start, s0 + p_start + p_len, p_kind))
                        p_tags[p_start:p_start + p_len] = [f"B-{p_kind}"] + [f"I-{p_kind}"] * (p_len - 1)
                    i += length + 1
                else:
                    if rng.random() < 0.01:
                        kind = rng.choice(TYPES)
                        pred.append(Mention(s0 + i, s0 + i + 1, kind))
                        p_tags[i] = f"B-{kind}"
                    i += 1
            gold_tags.append(g_tags)
            pred_tags.append(p_tags)
        gold_docs.append(gold)
        pred_docs.append(pred)
    return gold_docs, pred_docs, gold_tags, pred_tags


def nested(tokens: int, docs: int, seed: int = 2):
    """Gold spans on token offsets where 40% hold a nested span; predictions miss or stretch some."""
    rng = random.Random(seed)
    gold_docs, pred_docs = [], []
    for _ in range(docs):
        gold, pred, pos = [], [], 0
        while pos < tokens // docs - 12:
            pos += rng.randint(2, 10)
            length = rng.randint(2, 6)
            gold.append(Mention(pos, pos + length, rng.choice(TYPES)))
            if rng.random() < 0.4:
                gold.append(Mention(pos + 1, pos + length, rng.choice(TYPES)))
            pos += length
        for m in gold:
            r = rng.random()
            if r < 0.7:
                pred.append(m)
            elif r < 0.85:
                pred.append(Mention(m.start, m.end + 1, m.type))
        gold_docs.append(gold)
        pred_docs.append(pred)
    return gold_docs, pred_docs


def ours(gold_docs, pred_docs):
    docs = [SpanDocument(f"d{i}") for i in range(len(gold_docs))]
    return score_spans(gold_docs, pred_docs, TYPES, docs, False, False)


def nervaluate(gold_docs, pred_docs):
    as_dicts = lambda d: [[{"label": m.type, "start": m.start, "end": m.end - 1} for m in x] for x in d]  # noqa
    return Evaluator(as_dicts(gold_docs), as_dicts(pred_docs), tags=TYPES, loader="dict").evaluate()


def timed(fn, *args, repeat: int = 3):
    """The best of `repeat` runs (the usual way to time on a shared machine) and the last result."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tokens", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--skip-scaling", action="store_true")
    args = ap.parse_args()
    gold_docs, pred_docs, gold_tags, pred_tags = synthetic(args.tokens, args.docs)
    n_gold = sum(map(len, gold_docs))
    n_pred = sum(map(len, pred_docs))
    print(f"data: {args.tokens:,} tokens, {args.docs:,} documents, {n_gold:,} gold and {n_pred:,} predicted spans")

    t_ours, (section, per_doc, *_) = timed(ours, gold_docs, pred_docs)
    t_nerv, nerv = timed(nervaluate, gold_docs, pred_docs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_seq, seq_f1 = timed(lambda: f1_score(gold_tags, pred_tags, mode="strict", scheme=IOB2))
    our_strict = section["schemas"]["strict"]["overall"]["f1"]
    print(f"same strict F1: hadath {our_strict:.6f}, nervaluate {nerv['overall']['strict'].f1:.6f}, "
          f"seqeval {seq_f1:.6f}")
    print(f"{'scorer':<52}{'seconds':>10}")
    print(f"{'hadath: strict, exact, partial, type + per type':<52}{t_ours:>10.3f}")
    print(f"{'nervaluate Evaluator.evaluate (4 schemas + per type)':<52}{t_nerv:>10.3f}")
    print(f"{'seqeval f1_score(mode=strict, scheme=IOB2)':<52}{t_seq:>10.3f}")
    print(f"ratio hadath / nervaluate = {t_ours / t_nerv:.4f}  (target <= 0.1)")
    print(f"ratio hadath / seqeval strict = {t_ours / t_seq:.4f}  (target <= 0.2)")

    from hadath.scoring.mentions import credit_act_pos
    metrics = {f"entities.{s}": credit_act_pos(rows) for s, rows in per_doc.items()}
    t_boot, _ = timed(bootstrap, metrics, 1000, 0)
    print(f"bootstrap, 1,000 resamples of {len(metrics)} metrics over {args.docs:,} documents: {t_boot:.3f} s"
          "  (target <= 2 s)")

    g, p = nested(args.tokens, args.docs)
    a, _ = timed(ours, g, p)
    b, _ = timed(nervaluate, g, p)
    print(f"nested: {sum(map(len, g)):,} gold spans (40% with a nested span inside), hadath {a:.3f} s, "
          f"nervaluate {b:.3f} s, ratio {a / b:.4f}")

    if args.skip_scaling:
        return
    print("\ncost against document length, 20,000 tokens per run:")
    print(f"{'tokens/doc':>10}{'spans':>8}{'hadath s':>12}{'nervaluate s':>14}{'ratio':>10}")
    for per_doc_tokens in (100, 1_000, 5_000, 20_000):
        g, p, _, _ = synthetic(20_000, 20_000 // per_doc_tokens, seed=1)
        a, _ = timed(ours, g, p)
        b, _ = timed(nervaluate, g, p)
        print(f"{per_doc_tokens:>10,}{sum(map(len, g)):>8,}{a:>12.4f}{b:>14.4f}{a / b:>10.4f}")


if __name__ == "__main__":
    main()
