"""One-to-one matching of predicted spans to gold spans, per schema, independent of input order.

The rule. Spans of different documents never match. Within a document, gold and predicted spans are
grouped into clusters: chains of overlapping spans (a sweep over spans sorted by start, so the cost is
linear in spans after the sort, whatever the document length). A prediction can only match a gold span
of its own cluster.
  - A cluster with no prediction: its gold spans are MIS; with no gold span: its predictions are SPU.
  - One gold and one predicted span (the common case): they overlap, and are matched.
  - Otherwise the cluster's spans are sorted canonically (start, end, type) and an optimal one-to-one
    assignment between overlapping pairs maximizes, in this order: the credit of the schema (COR, or
    COR + ½·PAR for `partial`), the number of matched pairs, the number of COR pairs, and the closeness
    of boundaries (1 / (1 + |Δstart| + |Δend|)). Clusters of up to three gold and three predicted spans
    (nested mentions, mostly) try every matching, all clusters of a shape at once; larger ones use the
    Hungarian method (scipy's `linear_sum_assignment`), whose cost grows with the cube of the cluster.
So the scores depend only on the sets of spans, never on the order they were listed in, and no matching
gives a higher score. Each schema is matched on its own, as SemEval-2013 9.1 and nervaluate do.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .metrics import COR, ENTITY_SCHEMAS, INC, MIS, PAR, SPU

# Arabic proclitics (conjunctions and prepositions written joined to the next word) and pronoun
# suffixes; the clitic-relaxed match ignores one leading proclitic and one trailing suffix.
PROCLITICS = frozenset("وفبلك")
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")
MIN_CORE = 2  # never strip a span below two characters
SMALL = 3  # clusters with at most this many gold and predicted spans are solved by enumeration


@dataclass(frozen=True)
class SpanTable:
    """Spans as parallel arrays: document number, half-open [start, end), type code and a sort key."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray

    @classmethod
    def from_rows(cls, rows: list[tuple[int, int, int, int]]) -> "SpanTable":
        """Rows of (document number, start, end, type code)."""
        a = np.array(rows, dtype=np.int64).reshape(-1, 4)
        return cls(a[:, 0].copy(), a[:, 1].copy(), a[:, 2].copy(), a[:, 3].copy())

    def __len__(self) -> int:
        return len(self.start)

    def with_offsets(self, start: np.ndarray, end: np.ndarray) -> "SpanTable":
        return SpanTable(self.doc, start, end, self.label)


@dataclass(frozen=True)
class Matching:
    """The outcome of one schema: a category and a partner index (or -1) for every gold and predicted span."""

    gold_category: np.ndarray
    pred_category: np.ndarray
    gold_partner: np.ndarray
    pred_partner: np.ndarray


def _clusters(gold: SpanTable, pred: SpanTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cluster number of every span (gold first, then predicted), the sweep order and cluster bounds."""
    doc = np.concatenate([gold.doc, pred.doc])
    start = np.concatenate([gold.start, pred.start])
    end = np.concatenate([gold.end, pred.end])
    if len(start) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(1, np.int64)
    width = int(end.max()) + 1
    gstart, gend = doc * width + start, doc * width + end
    order = np.lexsort((gend, gstart))
    reach = np.maximum.accumulate(gend[order])
    new = np.empty(len(order), dtype=bool)
    new[0] = True
    new[1:] = gstart[order][1:] >= reach[:-1]
    cluster_sorted = np.cumsum(new) - 1
    cluster = np.empty(len(order), dtype=np.int64)
    cluster[order] = cluster_sorted
    bounds = np.append(np.flatnonzero(new), len(order))
    return cluster, order, bounds


def match(gold: SpanTable, pred: SpanTable, schemas=ENTITY_SCHEMAS) -> dict[str, Matching]:
    """Match predicted to gold spans under each schema (see the module docstring for the rule)."""
    ng, npred = len(gold), len(pred)
    out = {s: Matching(np.full(ng, MIS, np.int8), np.full(npred, SPU, np.int8),
                       np.full(ng, -1, np.int64), np.full(npred, -1, np.int64)) for s in schemas}
    if ng == 0 or npred == 0:
        return out
    cluster, order, bounds = _clusters(gold, pred)
    n_clusters = len(bounds) - 1
    gold_in = np.bincount(cluster[:ng], minlength=n_clusters)
    pred_in = np.bincount(cluster[ng:], minlength=n_clusters)
    simple = (gold_in == 1) & (pred_in == 1)
    g_of = np.full(n_clusters, -1, np.int64)
    p_of = np.full(n_clusters, -1, np.int64)
    g_of[cluster[:ng]] = np.arange(ng)
    p_of[cluster[ng:]] = np.arange(npred)
    g, p = g_of[simple], p_of[simple]
    same_span = (gold.start[g] == pred.start[p]) & (gold.end[g] == pred.end[p])
    same_type = gold.label[g] == pred.label[p]
    for schema in schemas:
        cor = _credit_rule(schema, same_span, same_type)
        miss = PAR if schema == "partial" else INC
        m = out[schema]
        category = np.where(cor, COR, miss).astype(np.int8)
        m.gold_category[g] = category
        m.pred_category[p] = category
        m.gold_partner[g] = p
        m.pred_partner[p] = g
    both = (gold_in >= 1) & (pred_in >= 1) & ~simple
    small = both & (gold_in <= SMALL) & (pred_in <= SMALL)
    if small.any():
        _solve_small_clusters(gold, pred, cluster, np.flatnonzero(small), gold_in, pred_in, schemas, out)
    for c in np.flatnonzero(both & ~small):
        members = order[bounds[c]:bounds[c + 1]]
        _solve(gold, pred, members[members < ng], members[members >= ng] - ng, schemas, out)
    return out


def _credit_rule(schema: str, same_span, same_type):
    if schema == "strict":
        return same_span & same_type
    if schema in ("exact", "partial"):
        return same_span
    if schema == "type":
        return same_type
    raise ValueError(f"unknown schema {schema!r}; expected one of {', '.join(ENTITY_SCHEMAS)}")


def _canonical(table: SpanTable, idx: np.ndarray) -> np.ndarray:
    return idx[np.lexsort((table.label[idx], table.end[idx], table.start[idx]))]


def _weights(schema: str, gs, ge, gl, ps, pe, pl, m: int):
    """Assignment weight of every gold/predicted pair (0 where they do not overlap) and its COR flag.

    Lexicographic by construction: credit first, then matched pairs, then COR pairs, then closeness;
    each term is scaled past the largest possible sum of the terms after it in a cluster of m pairs.
    """
    overlap = (gs < pe) & (ps < ge)
    cor = _credit_rule(schema, (gs == ps) & (ge == pe), gl == pl) & overlap
    # partial: twice the credit, so that COR counts 2 and PAR 1 (bool + bool would be a logical or)
    primary = cor.astype(np.int64) + overlap if schema == "partial" else cor
    closeness = 1.0 / (1.0 + np.abs(gs - ps) + np.abs(ge - pe))
    t_w = float(m + 1)
    s_w = t_w * (m + 1)
    p_w = s_w * (m + 1)
    return np.where(overlap, p_w * primary + s_w + t_w * cor + closeness, 0.0), cor


def _record(res: Matching, g: np.ndarray, p: np.ndarray, cor: np.ndarray, schema: str) -> None:
    category = np.where(cor, COR, PAR if schema == "partial" else INC).astype(np.int8)
    res.gold_category[g] = category
    res.pred_category[p] = category
    res.gold_partner[g] = p
    res.pred_partner[p] = g


def _solve(gold: SpanTable, pred: SpanTable, gi: np.ndarray, pi: np.ndarray, schemas, out) -> None:
    gi, pi = _canonical(gold, gi), _canonical(pred, pi)
    m = min(len(gi), len(pi))
    for schema in schemas:
        weight, cor = _weights(schema, gold.start[gi][:, None], gold.end[gi][:, None], gold.label[gi][:, None],
                               pred.start[pi][None, :], pred.end[pi][None, :], pred.label[pi][None, :], m)
        from scipy.optimize import linear_sum_assignment  # imported on use: it takes a second to load

        rows, cols = linear_sum_assignment(weight, maximize=True)
        keep = weight[rows, cols] > 0
        rows, cols = rows[keep], cols[keep]
        _record(out[schema], gi[rows], pi[cols], cor[rows, cols], schema)


@lru_cache(maxsize=None)
def _matchings(a: int, b: int) -> list[tuple[tuple[int, int], ...]]:
    """Every one-to-one matching between a gold and b predicted spans, the empty one first."""
    out = []
    for k in range(min(a, b) + 1):
        for rows in itertools.combinations(range(a), k):
            for cols in itertools.permutations(range(b), k):
                out.append(tuple(zip(rows, cols)))
    return out


def _solve_small_clusters(gold: SpanTable, pred: SpanTable, cluster: np.ndarray, clusters: np.ndarray,
                          gold_in: np.ndarray, pred_in: np.ndarray, schemas, out) -> None:
    """The same optimum as `_solve` for clusters of at most SMALL gold and SMALL predicted spans, found
    by trying every matching for all clusters of one shape at once (most nested mentions land here)."""
    ng = len(gold)
    start = np.concatenate([gold.start, pred.start])
    end = np.concatenate([gold.end, pred.end])
    label = np.concatenate([gold.label, pred.label])
    items = np.flatnonzero(np.isin(cluster, clusters))
    # per cluster: its gold spans, then its predicted spans, each in canonical (start, end, type) order
    items = items[np.lexsort((label[items], end[items], start[items], items >= ng, cluster[items]))]
    sizes = gold_in[clusters] + pred_in[clusters]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    shapes = gold_in[clusters] * (SMALL + 1) + pred_in[clusters]
    for shape in np.unique(shapes):
        a, b = divmod(int(shape), SMALL + 1)
        first = offsets[shapes == shape][:, None]
        gi = items[first + np.arange(a)]
        pi = items[first + a + np.arange(b)] - ng
        options = _matchings(a, b)
        for schema in schemas:
            weight, cor = _weights(schema, gold.start[gi][:, :, None], gold.end[gi][:, :, None],
                                   gold.label[gi][:, :, None], pred.start[pi][:, None, :],
                                   pred.end[pi][:, None, :], pred.label[pi][:, None, :], min(a, b))
            totals = np.zeros((len(gi), len(options)))
            for o, pairs in enumerate(options):
                for i, j in pairs:
                    w = weight[:, i, j]
                    totals[:, o] += np.where(w > 0, w, -np.inf)  # a non-overlapping pair is no matching
            choice = np.argmax(totals, axis=1)
            for o, pairs in enumerate(options):
                chosen = choice == o
                for i, j in pairs:
                    _record(out[schema], gi[chosen, i], pi[chosen, j], cor[chosen, i, j], schema)


def clitic_variants(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """The span, with and without one leading proclitic (و ف ب ل ك) and one trailing pronoun suffix.

    A part is dropped only when at least two characters remain, so short words stay whole.
    """
    starts, ends = [start], [end]
    if end - start > MIN_CORE and text[start] in PROCLITICS:
        starts.append(start + 1)
    span = text[start:end]
    for suffix in PRONOUN_SUFFIXES:
        if span.endswith(suffix) and len(span) - len(suffix) >= MIN_CORE:
            ends.append(end - len(suffix))
            break
    return {(s, e) for s in starts for e in ends if e - s >= 1}


def snap_relaxed(gold: SpanTable, pred: SpanTable, texts: list[str]) -> SpanTable:
    """Predictions moved onto a gold span of their type when the two are equal up to clitics.

    Spans are equal up to clitics when their `clitic_variants` share a span. A prediction already on a
    gold span of its type stays; one with several such gold spans takes the first in (start, end)
    order; strict matching of the result is the clitic-relaxed score, so it stays one-to-one.
    """
    index: dict[tuple[int, int, int, int], tuple[int, int]] = {}
    exact = set(zip(gold.doc.tolist(), gold.start.tolist(), gold.end.tolist(), gold.label.tolist()))
    for g in _canonical(gold, np.arange(len(gold))):
        d, label = int(gold.doc[g]), int(gold.label[g])
        for s, e in clitic_variants(texts[d], int(gold.start[g]), int(gold.end[g])):
            index.setdefault((d, s, e, label), (int(gold.start[g]), int(gold.end[g])))
    start, end = pred.start.copy(), pred.end.copy()
    for i, key in enumerate(zip(pred.doc.tolist(), start.tolist(), end.tolist(), pred.label.tolist())):
        if key in exact:  # already on a gold span of its type
            continue
        d, label = key[0], key[3]
        hits = [index[k] for v in clitic_variants(texts[d], int(start[i]), int(end[i]))
                if (k := (d, *v, label)) in index]
        if hits:
            start[i], end[i] = min(hits)
    return pred.with_offsets(start, end)
