"""Scoring spans of one kind (entity mentions, value mentions) under the four SemEval-2013 schemas.

Per type, recall is charged to the gold type and precision to the predicted type; per mention type
likewise (a prediction without `mention_type` falls under `none`), so per-type counts add up to the
overall ones. Identical predictions (same document, offsets and type) are counted once and reported.

Text-only mentions (`{"text", "type"}`) are aligned to the document first: mentions with the same text
take that text's non-overlapping occurrences left to right, sorted by type, then mention type; a mention
left without an occurrence is spurious.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..corpus.ontology import load_ontology
from ..corpus.timex import values_agree
from .matching import Matching, SpanTable, match, snap_relaxed
from .metrics import COR, ENTITY_SCHEMAS, INC, MIS, PAR, SPU, Counts
from .spansets import Mention, SpanDocument, TextMention, Value

NONE = "none"

def _tally(m: Matching, gkey: np.ndarray, pkey: np.ndarray, n: int) -> np.ndarray:
    """(n, 8) counts per key: COR INC PAR MIS by gold item, SPU and pred COR INC PAR by prediction."""
    g = np.bincount(gkey * 5 + m.gold_category, minlength=n * 5).reshape(n, 5)
    p = np.bincount(pkey * 5 + m.pred_category, minlength=n * 5).reshape(n, 5)
    return np.column_stack([g[:, COR], g[:, INC], g[:, PAR], g[:, MIS], p[:, SPU], p[:, COR], p[:, INC], p[:, PAR]])


def credit_act_pos(rows: np.ndarray) -> np.ndarray:
    credit = rows[:, 0] + 0.5 * rows[:, 2]
    pos = rows[:, 0] + rows[:, 1] + rows[:, 2] + rows[:, 3]
    act = rows[:, 5] + rows[:, 6] + rows[:, 7] + rows[:, 4]
    return np.column_stack([credit, act, pos]).astype(np.float64)


def _macro(per_type: dict[str, Counts]) -> dict:
    used = [c for c in per_type.values() if not c.empty]
    if not used:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0, "types": 0}
    return {"precision": float(np.mean([c.precision for c in used])),
            "recall": float(np.mean([c.recall for c in used])),
            "f1": float(np.mean([c.f1 for c in used])), "types": len(used)}


@dataclass
class _Spans:
    """Spans of one kind over all documents, as a table plus what the report needs to name them."""

    table: SpanTable
    mention_type: np.ndarray
    extra: list  # the normalized value of each span (value spans only)


def _spans(items_per_doc: list[list], codes: dict[str, int], mcodes: dict[str, int], dedupe: bool):
    """A span table of Mention or Value items per document; `dedupe` keeps one of identical spans."""
    items = [it for doc in items_per_doc for it in doc]
    rows = np.array([(d, it[0], it[1], codes[it[2]]) for d, doc in enumerate(items_per_doc) for it in doc],
                    dtype=np.int64).reshape(-1, 4)
    keep = np.arange(len(rows))
    if dedupe and len(rows):
        keep = np.sort(np.unique(rows, axis=0, return_index=True)[1])
    rows = rows[keep]
    is_value = bool(items) and isinstance(items[0], Value)
    none = mcodes[NONE]
    mtypes = np.full(len(keep), none, dtype=np.int64) if is_value else np.array(
        [mcodes.get(items[i].mention_type or NONE, none) for i in keep], dtype=np.int64)
    extra = [items[i].normalized for i in keep] if is_value else []
    table = SpanTable(rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2].copy(), rows[:, 3].copy())
    return _Spans(table, mtypes, extra), len(items) - len(keep)


def _schema_section(m: Matching, gold: _Spans, pred: _Spans, types: list[str], mtypes: list[str],
                    n_docs: int, with_mention_types: bool) -> tuple[dict, np.ndarray]:
    overall = Counts.of(_tally(m, np.zeros(len(gold.table), np.int64), np.zeros(len(pred.table), np.int64), 1)[0])
    by_type = _tally(m, gold.table.label, pred.table.label, len(types))
    per_type = {t: Counts.of(by_type[i]) for i, t in enumerate(types) if by_type[i].any()}
    out = {"overall": overall.to_dict(), "macro": _macro(per_type),
           "per_type": {t: c.to_dict() for t, c in per_type.items()}}
    if with_mention_types:
        by_mt = _tally(m, gold.mention_type, pred.mention_type, len(mtypes))
        out["per_mention_type"] = {t: Counts.of(by_mt[i]).to_dict() for i, t in enumerate(mtypes) if by_mt[i].any()}
    per_doc = _tally(m, gold.table.doc, pred.table.doc, n_docs)
    return out, per_doc


def _item(doc: SpanDocument, start: int, end: int, kind: str) -> dict:
    out = {"start": int(start), "end": int(end), "type": kind}
    if doc.text is not None and end <= len(doc.text):
        out["text"] = doc.text[start:end]
    return out


def _confusion(m: Matching, gold: _Spans, pred: _Spans, types: list[str]) -> dict:
    """Gold type -> predicted type (or `(missed)`) counts over matched pairs, and a `(spurious)` row."""
    n = len(types)
    matched = m.gold_partner >= 0
    cells = np.bincount(gold.table.label[matched] * n + pred.table.label[m.gold_partner[matched]],
                        minlength=n * n).reshape(n, n)
    missed = np.bincount(gold.table.label[~matched], minlength=n)
    spurious = np.bincount(pred.table.label[m.pred_partner < 0], minlength=n)
    table: dict[str, dict[str, int]] = {}
    for i, t in enumerate(types):
        row = {types[j]: int(cells[i, j]) for j in range(n) if cells[i, j]}
        if missed[i]:
            row["(missed)"] = int(missed[i])
        if row:
            table[t] = dict(sorted(row.items()))
    if spurious.any():
        table["(spurious)"] = {types[j]: int(spurious[j]) for j in range(n) if spurious[j]}
    return dict(sorted(table.items()))


def _boundary_errors(m: Matching, gold: _Spans, pred: _Spans, docs: list[SpanDocument], types) -> list[dict]:
    out = []
    for g in np.flatnonzero(m.gold_category == PAR):
        p = m.gold_partner[g]
        doc = docs[gold.table.doc[g]]
        out.append({"document": doc.id,
                    "gold": _item(doc, gold.table.start[g], gold.table.end[g], types[gold.table.label[g]]),
                    "predicted": _item(doc, pred.table.start[p], pred.table.end[p], types[pred.table.label[p]])})
    return out


def score_spans(gold_items: list[list], pred_items: list[list], types: list[str], docs: list[SpanDocument],
                with_mention_types: bool, details: bool, relax_texts: list[str] | None = None):
    """The four schemas over spans of one kind; returns the section, per-document rows and the matching."""
    mtypes = [*load_ontology().mention_types, NONE]
    codes = {t: i for i, t in enumerate(types)}
    mcodes = {t: i for i, t in enumerate(mtypes)}
    gold, _ = _spans(gold_items, codes, mcodes, dedupe=False)
    pred, duplicates = _spans(pred_items, codes, mcodes, dedupe=True)
    matchings = match(gold.table, pred.table)
    section: dict = {"gold": len(gold.table), "predicted": len(pred.table), "duplicates": duplicates,
                     "schemas": {}}
    per_doc = {}
    for schema in ENTITY_SCHEMAS:
        section["schemas"][schema], per_doc[schema] = _schema_section(
            matchings[schema], gold, pred, types, mtypes, len(docs), with_mention_types)
    if relax_texts is not None:
        m = match(gold.table, snap_relaxed(gold.table, pred.table, relax_texts), ("strict",))["strict"]
        section["clitic_relaxed"], per_doc["clitic_relaxed"] = _schema_section(
            m, gold, pred, types, mtypes, len(docs), with_mention_types)
    section["confusion"] = _confusion(matchings["partial"], gold, pred, types)
    errors = _boundary_errors(matchings["partial"], gold, pred, docs, types)
    section["boundary_errors"] = len(errors)
    if details:
        section["boundary_error_list"] = errors
    return section, per_doc, matchings, gold, pred


def normalized_values(m: Matching, gold: _Spans, pred: _Spans, partial_dates: list[bool] | None = None) -> dict:
    """Accuracy of normalized values over strict matches; `partial_dates[d]` says that document d's date
    is known only in part, so that X in its gold values accepts any character (guidelines §3.3)."""
    pairs = right = 0
    for g in np.flatnonzero(m.gold_category == COR):
        if gold.extra[g] is None:
            continue
        pairs += 1
        wildcard = bool(partial_dates and partial_dates[gold.table.doc[g]])
        right += values_agree(gold.extra[g], pred.extra[m.gold_partner[g]], wildcard)
    with_value = sum(v is not None for v in gold.extra)
    return {"strict_pairs_with_gold_value": pairs, "same_value": right,
            "accuracy": right / pairs if pairs else (1.0 if with_value == 0 else 0.0),
            "recall": right / with_value if with_value else 1.0}


def align_text_mentions(doc: SpanDocument, mentions: list[TextMention]):
    """The mentions found in the text (with offsets), and those left without an occurrence."""
    by_text: dict[str, list[TextMention]] = defaultdict(list)
    for m in mentions:
        by_text[m.text].append(m)
    aligned, unaligned = [], []
    for surface, group in sorted(by_text.items()):
        group.sort(key=lambda m: (m.type, m.mention_type or ""))
        cursor = 0
        for m in group:
            at = doc.text.find(surface, cursor) if doc.text is not None else -1
            if at < 0:
                unaligned.append(m)
                continue
            aligned.append(Mention(at, at + len(surface), m.type, m.mention_type))
            cursor = at + len(surface)
    return aligned, unaligned


def text_section(gold_docs, pred_docs, types, details):
    pred_items, unaligned_total = [], 0
    for g, p in zip(gold_docs, pred_docs):
        aligned, unaligned = align_text_mentions(g, p.text_entities)
        unaligned_total += len(unaligned)
        # An unaligned mention is placed past the end of the text, where no gold span can meet it.
        base = len(g.text or "") + 1
        aligned += [Mention(base + 2 * k, base + 2 * k + 1, m.type, m.mention_type) for k, m in enumerate(unaligned)]
        pred_items.append(aligned)
    section, per_doc, *_ = score_spans([d.entities for d in gold_docs], pred_items, types, gold_docs, True, details)
    section["unaligned"] = unaligned_total
    return section, per_doc
