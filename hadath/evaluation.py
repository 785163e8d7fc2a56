"""Scoring a span set against gold, and the report: entities, values, events, intervals, provenance.

Stated rules (the README repeats them):
  - Documents: a predicted document missing from the gold is an error (a warning with `lenient`); a gold
    document with no prediction is scored as empty and named in a warning.
  - Entities and values: the four SemEval-2013 9.1 schemas (`hadath.metrics`) on character offsets,
    matched one-to-one by `hadath.matching`. Identical predictions (same document, offsets and type)
    are counted once and the duplicates reported.
  - Per type, recall is charged to the gold type and precision to the predicted type; per mention type
    likewise (a prediction without `mention_type` falls under `none`). Overall = sum over types.
  - Empty: a set with nothing to find and nothing predicted scores 1.0; otherwise a zero denominator
    gives 0.
  - Text-only mentions (`{"text", "type"}`) are aligned to the document and scored in their own section:
    mentions with the same text take that text's non-overlapping occurrences left to right, sorted by
    type, then mention type; a mention left without an occurrence is spurious.
  - Events (per view, `all` and `ace22`): sets of tuples, so duplicates count once (and are reported):
      trigger identification (offsets), trigger classification (offsets, type),
      argument identification (event type, argument offsets) and classification (+ role),
      attached variants (+ trigger offsets), and coreference-aware variants where a predicted argument
      matches a gold argument if it has the offsets of any mention of the gold filler's entity
      (one-to-one, by maximum bipartite matching).
"""

from __future__ import annotations

import platform
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from . import __version__
from .matching import Matching, SpanTable, match, snap_relaxed
from .metrics import COR, ENTITY_SCHEMAS, INC, MIS, PAR, SPU, Counts, SetCounts
from .ontology import load_ontology
from .predictions import EventSpan, InputError, Mention, SpanDocument, SpanSet, TextMention, Value
from .significance import bootstrap, f1_from_sums

NONE = "none"


@dataclass
class Options:
    split: str | None = "test"
    bio_policy: str = "strict"
    resamples: int = 1000
    seed: int = 0
    confidence: float = 0.95
    details: bool = False
    lenient: bool = False


@dataclass
class Scores:
    """The report sections, and each headline metric per document (credit, ACT, POS) for resampling."""

    sections: dict
    per_doc: dict[str, np.ndarray]
    doc_ids: list[str]
    warnings: list[str] = field(default_factory=list)


# --- entities and values ------------------------------------------------------------------------

def _tally(m: Matching, gkey: np.ndarray, pkey: np.ndarray, n: int) -> np.ndarray:
    """(n, 8) counts per key: COR INC PAR MIS by gold item, SPU and pred COR INC PAR by prediction."""
    g = np.bincount(gkey * 5 + m.gold_category, minlength=n * 5).reshape(n, 5)
    p = np.bincount(pkey * 5 + m.pred_category, minlength=n * 5).reshape(n, 5)
    return np.column_stack([g[:, COR], g[:, INC], g[:, PAR], g[:, MIS], p[:, SPU], p[:, COR], p[:, INC], p[:, PAR]])


def _credit_act_pos(rows: np.ndarray) -> np.ndarray:
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
    extra: list  # normalized values (values) or None


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


def _normalized(m: Matching, gold: _Spans, pred: _Spans) -> dict:
    pairs = right = 0
    for g in np.flatnonzero(m.gold_category == COR):
        if gold.extra[g] is None:
            continue
        pairs += 1
        right += gold.extra[g] == pred.extra[m.gold_partner[g]]
    with_value = sum(v is not None for v in gold.extra)
    return {"strict_pairs_with_gold_value": pairs, "same_value": right,
            "accuracy": right / pairs if pairs else (1.0 if with_value == 0 else 0.0),
            "recall": right / with_value if with_value else 1.0}


# --- text-only mentions -------------------------------------------------------------------------

def align_text_mentions(doc: SpanDocument, mentions: list[TextMention]):
    """Aligned mentions (with offsets) and the number left without an occurrence (see module rule)."""
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


def _text_section(gold_docs, pred_docs, types, details):
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


# --- events ---------------------------------------------------------------------------------------

ARGUMENT_LEVELS = ("argument_identification", "argument_classification",
                   "argument_identification_attached", "argument_classification_attached")


def _arg_keys(ev: EventSpan, role: str) -> tuple[tuple, ...]:
    """The key of an argument at each of ARGUMENT_LEVELS, before its own offsets."""
    return (ev.type,), (ev.type, role), (ev.start, ev.end, ev.type), (ev.start, ev.end, ev.type, role)


def _max_matching(gold_alts: list[frozenset], preds: list[tuple[int, int]]) -> int:
    if not gold_alts or not preds:
        return 0
    if all(len(a) == 1 for a in gold_alts):  # no coreference choice: a plain set intersection
        return len({next(iter(a)) for a in gold_alts} & set(preds))
    ok = np.array([[p in alts for p in preds] for alts in gold_alts], dtype=float)
    rows, cols = linear_sum_assignment(ok, maximize=True)
    return int(ok[rows, cols].sum())


EVENT_LEVELS = ("trigger_identification", "trigger_classification",
                *(f"{level}{suffix}" for level in ARGUMENT_LEVELS for suffix in ("", "_coref")))


def _event_doc(gold: SpanDocument, pred: SpanDocument, roles: set[str], drop_values: bool):
    """Per level (tp, gold, predicted) of one document, duplicates per level, and per-type triggers."""
    out: dict[str, tuple[int, int, int]] = {}
    duplicates: dict[str, int] = {}
    ti_gold = {(e.start, e.end) for e in gold.events}
    ti_pred = {(e.start, e.end) for e in pred.events}
    tc_gold = {(e.start, e.end, e.type) for e in gold.events}
    tc_list = [(e.start, e.end, e.type) for e in pred.events]
    tc_pred = set(tc_list)
    out["trigger_identification"] = (len(ti_gold & ti_pred), len(ti_gold), len(ti_pred))
    out["trigger_classification"] = (len(tc_gold & tc_pred), len(tc_gold), len(tc_pred))
    duplicates["triggers"] = len(tc_list) - len(tc_pred)
    per_type: Counter = Counter()
    for x in tc_gold & tc_pred:
        per_type[(x[2], "tp")] += 1
    for x in tc_gold:
        per_type[(x[2], "gold")] += 1
    for x in tc_pred:
        per_type[(x[2], "predicted")] += 1
    entity_spans = gold.entity_spans() if any(a.entity for e in gold.events for a in e.arguments) else {}
    gold_args = [(_arg_keys(ev, a.role), a) for ev in gold.events for a in ev.arguments
                 if a.role in roles and not (drop_values and a.is_value)]
    pred_args = [(_arg_keys(ev, a.role), a) for ev in pred.events for a in ev.arguments if a.role in roles]
    for n, level in enumerate(ARGUMENT_LEVELS):
        gold_set, gold_alts = set(), {}
        for keys, a in gold_args:
            key = keys[n]
            gold_set.add((*key, a.start, a.end))
            if a.entity is not None:
                gold_alts[(key, "E", a.entity)] = frozenset(entity_spans.get(a.entity, {(a.start, a.end)}))
            else:
                gold_alts[(key, "S", a.start, a.end)] = frozenset({(a.start, a.end)})
        pred_list = [(*keys[n], a.start, a.end) for keys, a in pred_args]
        pred_set = set(pred_list)
        out[level] = (len(gold_set & pred_set), len(gold_set), len(pred_set))
        duplicates[level] = len(pred_list) - len(pred_set)
        if len(gold_alts) == len(gold_set) and all(len(alts) == 1 for alts in gold_alts.values()):
            out[level + "_coref"] = out[level]  # every filler has one span: nothing to choose
            continue
        grouped_gold: dict[tuple, list] = defaultdict(list)
        for k, alts in gold_alts.items():
            grouped_gold[k[0]].append(alts)
        grouped_pred: dict[tuple, list] = defaultdict(list)
        for t in pred_set:
            grouped_pred[t[:-2]].append(t[-2:])
        tp = sum(_max_matching(alts, grouped_pred.get(k, [])) for k, alts in grouped_gold.items())
        out[level + "_coref"] = (tp, len(gold_alts), len(pred_set))
    return out, duplicates, per_type


def _events_section(gold_docs, pred_docs, onto, details) -> tuple[dict, dict[str, np.ndarray]]:
    section, per_doc_all = {}, {}
    for view in onto.views:
        roles = set(onto.view_roles(view))
        rows = np.zeros((len(gold_docs), len(EVENT_LEVELS), 3), dtype=np.int64)
        dups: Counter = Counter()
        per_type: Counter = Counter()
        for d, (g, p) in enumerate(zip(gold_docs, pred_docs)):
            if not g.events and not p.events:
                continue
            results, duplicates, types = _event_doc(g, p, roles, view != "all")
            rows[d] = [results[level] for level in EVENT_LEVELS]
            dups.update(duplicates)
            per_type.update(types)
        totals = rows.sum(axis=0)
        section[view] = {level: SetCounts(*map(int, totals[i])).to_dict() for i, level in enumerate(EVENT_LEVELS)}
        section[view]["duplicates"] = {k: dups.get(k, 0) for k in ("triggers", *ARGUMENT_LEVELS)}
        section[view]["trigger_classification_per_type"] = {
            t: SetCounts(per_type[(t, "tp")], per_type[(t, "gold")], per_type[(t, "predicted")]).to_dict()
            for t in sorted({t for t, _ in per_type})}
        for i, level in enumerate(EVENT_LEVELS):
            # (tp, gold, predicted) -> (credit, ACT, POS), the order the resampling reads
            per_doc_all[f"events.{view}.{level}"] = rows[:, i][:, [0, 2, 1]].astype(np.float64)
    return section, per_doc_all


# --- the whole report ----------------------------------------------------------------------------

def _documents(gold: SpanSet, pred: SpanSet) -> tuple[list[str], list[SpanDocument], list[SpanDocument], list[str]]:
    ids = sorted(gold.documents)
    unknown = sorted(set(pred.documents) - set(gold.documents))
    if unknown:
        raise InputError(f"{pred.source}: unknown document id {unknown[0]!r} ({len(unknown)} in all); "
                         "every predicted document must be in the gold set")
    missing = [i for i in ids if i not in pred.documents]
    warnings = []
    if missing:
        shown = ", ".join(missing[:10]) + (", ..." if len(missing) > 10 else "")
        warnings.append(f"{len(missing)} gold document(s) have no prediction and are scored as empty: {shown}")
    gold_docs = [gold.documents[i] for i in ids]
    pred_docs = [pred.documents.get(i) or SpanDocument(i, gold.documents[i].text) for i in ids]
    return ids, gold_docs, pred_docs, warnings


def score(gold: SpanSet, pred: SpanSet, options: Options | None = None) -> Scores:
    """Score `pred` against `gold`: the report sections and per-document headline counts."""
    options = options or Options()
    onto = load_ontology()
    ids, gold_docs, pred_docs, warnings = _documents(gold, pred)
    texts = [d.text for d in gold_docs]
    relax = texts if all(t is not None for t in texts) else None
    if relax is None and gold_docs:
        warnings.append("the gold has no document texts; the clitic-relaxed match is not computed")
    with_mt = any(m.mention_type for d in gold_docs for m in d.entities)
    entities, ent_doc, *_ = score_spans([d.entities for d in gold_docs], [d.entities for d in pred_docs],
                                        onto.entity_types, gold_docs, with_mt, options.details, relax)
    values, val_doc, vmatch, vgold, vpred = score_spans(
        [d.values for d in gold_docs], [d.values for d in pred_docs], onto.value_types, gold_docs, False,
        options.details)
    values["normalized"] = _normalized(vmatch["strict"], vgold, vpred)
    events, per_doc = _events_section(gold_docs, pred_docs, onto, options.details)
    for name, rows in ent_doc.items():
        per_doc[f"entities.{name}"] = _credit_act_pos(rows)
    per_doc["values.strict"] = _credit_act_pos(val_doc["strict"])
    sections = {"documents": {"gold": len(ids), "predicted": sum(i in pred.documents for i in ids)},
                "entities": entities, "values": values, "events": events}
    if any(d.text_entities for d in pred_docs):
        sections["text_mentions"], _ = _text_section(gold_docs, pred_docs, onto.entity_types, options.details)
    if options.details:
        sections["per_document"] = _per_document(ids, per_doc)
    return Scores(sections, per_doc, ids, warnings)


def _per_document(ids: list[str], per_doc: dict[str, np.ndarray]) -> list[dict]:
    names = [n for n in sorted(per_doc) if n.startswith("entities.") or n.endswith("classification")
             or n == "values.strict"]
    out = []
    for i, doc_id in enumerate(ids):
        row = {"document": doc_id}
        for n in names:
            credit, act, pos = per_doc[n][i]
            row[n] = {"f1": float(f1_from_sums(per_doc[n][i])), "credit": float(credit),
                      "predicted": int(act), "gold": int(pos)}
        out.append(row)
    return out


def headline(per_doc: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The metrics given intervals and tests: every overall F1 of the report kept per document."""
    return dict(per_doc)


def environment() -> dict:
    return {"python": sys.version.split()[0], "implementation": platform.python_implementation(),
            "platform": platform.platform(), "numpy": np.__version__}


def provenance(gold: SpanSet, pred: SpanSet | None, options: Options, command: list[str] | None) -> dict:
    gold_info = {"kind": gold.kind, "path": gold.source, "documents": len(gold.documents), **gold.info}
    if gold.sha256 is not None:  # the scored corpus files, or the gold span file
        gold_info["sha256"] = gold.sha256
    out = {"harness": {"name": "hadath", "version": __version__}, "gold": gold_info,
           "options": asdict(options), "seed": options.seed, "environment": environment(),
           "command": command if command is not None else None}
    if pred is not None:
        out["predictions"] = {"path": pred.source, "format": pred.kind, "sha256": pred.sha256,
                              "documents": len(pred.documents), **pred.info}
    return out


def evaluate(gold: SpanSet, pred: SpanSet, options: Options | None = None,
             command: list[str] | None = None) -> dict:
    """The full report as a JSON-ready dict (`hadath evaluate` prints or writes it)."""
    options = options or Options()
    scores = score(gold, pred, options)
    problems = [*gold.problems, *pred.problems]
    report = provenance(gold, pred, options, command)
    report.update(scores.sections)
    report["uncertainty"] = {
        "method": "bootstrap over documents, percentile interval",
        "resamples": options.resamples, "seed": options.seed, "confidence": options.confidence,
        "intervals": bootstrap(headline(scores.per_doc), options.resamples, options.seed, options.confidence)}
    report["warnings"] = scores.warnings + [str(p) for p in problems]
    report["skipped"] = {"items": len(problems), "problems": [p.to_dict() for p in problems]}
    return report
