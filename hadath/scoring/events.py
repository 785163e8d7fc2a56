"""Scoring events: triggers and arguments as sets of tuples, per view of the roles.

Levels: trigger identification (offsets) and classification (offsets, type); argument identification
(event type, argument offsets) and classification (+ role); the attached variants (+ trigger offsets);
and coreference-aware variants, where an argument stands for its filler's entity: a predicted argument
whose offsets are those of any mention of a gold entity stands for that entity, so it is right if the
gold has that entity in that place, and two predicted mentions of one entity count once, as two gold
ones do. Sets count a duplicate prediction once; the duplicates are reported.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from .metrics import SetCounts
from .spansets import EventSpan, SpanDocument

ARGUMENT_LEVELS = ("argument_identification", "argument_classification",
                   "argument_identification_attached", "argument_classification_attached")


def _arg_keys(ev: EventSpan, role: str) -> tuple[tuple, ...]:
    """The key of an argument at each of ARGUMENT_LEVELS, before its own offsets."""
    return (ev.type,), (ev.type, role), (ev.start, ev.end, ev.type), (ev.start, ev.end, ev.type, role)


EVENT_LEVELS = ("trigger_identification", "trigger_classification",
                *(f"{level}{suffix}" for level in ARGUMENT_LEVELS for suffix in ("", "_coref")))


def _event_doc(gold: SpanDocument, pred: SpanDocument, roles: set[str], drop_values: bool, per_type: dict):
    """Per level (tp, gold, predicted) of one document and duplicates per level; adds the document's
    triggers per type to `per_type`."""
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
    for part, items in (("tp", tc_gold & tc_pred), ("gold", tc_gold), ("predicted", tc_pred)):
        for x in items:
            per_type[(x[2], part)] = per_type.get((x[2], part), 0) + 1
    entity_spans = gold.entity_spans() if any(a.entity for e in gold.events for a in e.arguments) else {}
    entities_at: dict[tuple[int, int], list[str]] = {}  # two entities may have a mention on one span
    for entity, spans in entity_spans.items():
        for span in spans:
            entities_at.setdefault(span, []).append(entity)
    gold_args = [(_arg_keys(ev, a.role), a) for ev in gold.events for a in ev.arguments
                 if a.role in roles and not (drop_values and a.is_value)]
    pred_args = [(_arg_keys(ev, a.role), a) for ev in pred.events for a in ev.arguments if a.role in roles]
    for n, level in enumerate(ARGUMENT_LEVELS):
        gold_set, gold_entity = set(), {}
        for keys, a in gold_args:
            item = (*keys[n], a.start, a.end)
            gold_set.add(item)
            if a.entity is not None:
                gold_entity[item] = a.entity
        pred_list = [(*keys[n], a.start, a.end) for keys, a in pred_args]
        pred_set = set(pred_list)
        out[level] = (len(gold_set & pred_set), len(gold_set), len(pred_set))
        duplicates[level] = len(pred_list) - len(pred_set)
        if not gold_entity or all(len(entity_spans.get(e, ())) <= 1 for e in gold_entity.values()):
            out[level + "_coref"] = out[level]  # every filler has one span: nothing to choose
            continue
        # Each gold item stands for its entity where an entity fills it (a value filler on the same span
        # is the same item: one place, counted once); a predicted filler stands for a gold entity it is a
        # mention of only where the gold has that entity under that key, else it stays a span.
        gold_keys = {(*t[:-2], "E", gold_entity[t]) if t in gold_entity else (*t[:-2], "S", t[-2], t[-1])
                     for t in gold_set}
        resolved = set()
        for t in pred_set:
            key = t[:-2]
            value_item = t in gold_set and t not in gold_entity  # the gold has a value filler right there
            entity = None if value_item else next(
                (e for e in entities_at.get((t[-2], t[-1]), ()) if (*key, "E", e) in gold_keys), None)
            resolved.add((*key, "E", entity) if entity is not None else (*key, "S", t[-2], t[-1]))
        out[level + "_coref"] = (len(gold_keys & resolved), len(gold_keys), len(resolved))
    return out, duplicates


def events_section(gold_docs, pred_docs, onto) -> tuple[dict, dict[str, np.ndarray]]:
    section, per_doc_all = {}, {}
    for view in onto.views:
        roles = set(onto.view_roles(view))
        if view == "all":  # every role, the ontology's or not (gold that is no Hadath corpus)
            roles |= {a.role for docs in (gold_docs, pred_docs) for d in docs for e in d.events for a in e.arguments}
        empty = [(0, 0, 0)] * len(EVENT_LEVELS)
        found = []
        dups: Counter = Counter()
        per_type: dict = {}
        for g, p in zip(gold_docs, pred_docs):
            if not g.events and not p.events:
                found.append(empty)
                continue
            # Benchmark views (ace22) keep entity fillers only: a value filler goes with its role.
            results, duplicates = _event_doc(g, p, roles, view != "all", per_type)
            found.append([results[level] for level in EVENT_LEVELS])
            for k, n in duplicates.items():
                if n:
                    dups[k] += n
        rows = np.array(found, dtype=np.int64).reshape(len(gold_docs), len(EVENT_LEVELS), 3)
        totals = rows.sum(axis=0)
        section[view] = {level: SetCounts(*map(int, totals[i])).to_dict() for i, level in enumerate(EVENT_LEVELS)}
        section[view]["duplicates"] = {k: dups.get(k, 0) for k in ("triggers", *ARGUMENT_LEVELS)}
        section[view]["trigger_classification_per_type"] = {
            t: SetCounts(per_type.get((t, "tp"), 0), per_type.get((t, "gold"), 0),
                         per_type.get((t, "predicted"), 0)).to_dict()
            for t in sorted({t for t, _ in per_type})}
        for i, level in enumerate(EVENT_LEVELS):
            # (tp, gold, predicted) -> (credit, ACT, POS), the order the resampling reads
            per_doc_all[f"events.{view}.{level}"] = rows[:, i][:, [0, 2, 1]].astype(np.float64)
    return section, per_doc_all
