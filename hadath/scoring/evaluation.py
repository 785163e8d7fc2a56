"""Scoring a span set against gold, and the report: entities, values, events, intervals, provenance.

The rules of each part live with it: `hadath.scoring.matching` (one-to-one matching), `hadath.scoring.metrics`
(counts and the empty rule), `hadath.scoring.mentions` (entities, values, text-only mentions),
`hadath.scoring.events` (triggers and arguments), `hadath.scoring.significance` (intervals and tests).
Documents: a predicted document missing from the gold is an error (a warning with `lenient`); a gold
document with no prediction is scored as empty and named in a warning.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .. import __version__
from ..corpus.ontology import load_ontology
from .conll import no_cyclic_gc
from .events import events_section
from .mentions import credit_act_pos, normalized_values, score_spans, text_section
from .significance import bootstrap, f1_from_sums
from .spansets import InputError, SpanDocument, SpanSet


@dataclass
class Options:
    split: str | None = "test"
    bio_policy: str = "strict"
    resamples: int = 1000
    seed: int = 0
    confidence: float = 0.95
    details: bool = False
    lenient: bool = False
    heads: bool = False  # score entity mentions and their arguments on the gold heads
    config: str | None = None  # None: the documents; "anercorp": the anercorp config's token tags


@dataclass
class Scores:
    """The report sections, and each headline metric per document (credit, ACT, POS) for resampling."""

    sections: dict
    per_doc: dict[str, np.ndarray]
    doc_ids: list[str]
    warnings: list[str] = field(default_factory=list)


def _documents(gold: SpanSet, pred: SpanSet,
               heads: bool) -> tuple[list[str], list[SpanDocument], list[SpanDocument], list[str]]:
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
    if heads:
        gold_docs = [d.with_heads() for d in gold_docs]
    pred_docs = [pred.documents.get(i) or SpanDocument(i, gold.documents[i].text) for i in ids]
    return ids, gold_docs, pred_docs, warnings


def score(gold: SpanSet, pred: SpanSet, options: Options | None = None) -> Scores:
    """Score `pred` against `gold`: the report sections and per-document headline counts."""
    options = options or Options()
    onto = load_ontology()
    ids, gold_docs, pred_docs, warnings = _documents(gold, pred, options.heads)
    texts = [d.text for d in gold_docs]
    relax = texts if all(t is not None for t in texts) else None
    if relax is None and gold_docs:
        warnings.append("the gold has no document texts; the clitic-relaxed match is not computed")
    # Mention types break the scores down only where both sides have them: a system that predicts none
    # is not scored per mention type it never claimed.
    with_mt = (any(m.mention_type for d in gold_docs for m in d.entities)
               and any(m.mention_type for d in pred_docs for m in d.entities))
    entity_types = _types(onto.entity_types, gold_docs, pred_docs, "entities")
    entities, ent_doc, *_ = score_spans([d.entities for d in gold_docs], [d.entities for d in pred_docs],
                                        entity_types, gold_docs, with_mt, options.details, relax)
    values, val_doc, vmatch, vgold, vpred = score_spans(
        [d.values for d in gold_docs], [d.values for d in pred_docs],
        _types(onto.value_types, gold_docs, pred_docs, "values"), gold_docs, False, options.details)
    values["normalized"] = normalized_values(vmatch["strict"], vgold, vpred,
                                             [d.date_precision != "day" for d in gold_docs])
    events, per_doc = events_section(gold_docs, pred_docs, onto)
    for name, rows in ent_doc.items():
        per_doc[f"entities.{name}"] = credit_act_pos(rows)
    per_doc["values.strict"] = credit_act_pos(val_doc["strict"])
    sections = {"documents": {"gold": len(ids), "predicted": sum(i in pred.documents for i in ids)},
                "entities": entities, "values": values, "events": events}
    if any(d.text_entities for d in pred_docs):
        sections["text_mentions"], _ = text_section(gold_docs, pred_docs, entity_types, options.details)
    if options.details:
        sections["per_document"] = _per_document(ids, per_doc)
    return Scores(sections, per_doc, ids, warnings)


def _types(known: list[str], gold_docs: list[SpanDocument], pred_docs: list[SpanDocument], kind: str) -> list[str]:
    """The ontology's types, then any other label the gold or predictions hold (gold that is no Hadath
    corpus may use any tag set: ANERcorp's PERS and MISC, Wojood's 21 types)."""
    seen = {m.type for docs in (gold_docs, pred_docs) for d in docs for m in getattr(d, kind)}
    seen |= {m.type for d in pred_docs for m in d.text_entities} if kind == "entities" else set()
    return [*known, *sorted(seen - set(known))]


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


def evaluate_files(predictions: str | Path, gold: str | Path = ".", options: Options | None = None,
                   command: list[str] | None = None) -> dict:
    """`hadath evaluate` as a function: read the gold and the predictions, return the report."""
    from .gold import load_gold
    from .predictions import load_predictions

    options = options or Options()
    # Reading and scoring make millions of small objects and no reference cycles: the cyclic collector
    # would walk them again and again (a third of the time on 100,000 documents) and free nothing.
    with no_cyclic_gc():
        gold_set = load_gold(gold, options.split, options.bio_policy, config=options.config)
        return evaluate(gold_set, load_predictions(predictions, gold_set, options.bio_policy, options.lenient),
                        options, command)
