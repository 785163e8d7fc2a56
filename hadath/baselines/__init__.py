"""Baseline systems, trained on the train split only; each predicts span-file lines (`schema/predictions`).

Every baseline is deterministic: the same corpus gives the same predictions, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..corpus import iter_documents, load_splits
from ..model import Document
from . import crf, lexicon, timex


def _timex_predict(_model, doc: Document) -> dict:
    return {"id": doc.id, "entity_mentions": [], "event_mentions": [],
            "value_mentions": [{"start": t.start, "end": t.end, "type": "TIME", "normalized": t.value}
                               for t in timex.recognize(doc.text, doc.metadata.date)]}


@dataclass(frozen=True)
class Baseline:
    name: str
    description: str
    train: Callable
    predict: Callable


BASELINES = {b.name: b for b in [
    Baseline("lexicon", "entity, value and trigger forms seen in train, matched clitic-aware",
             lexicon.train, lexicon.predict),
    Baseline("crf", "CRFs over the ner config's tokens for entity mentions and triggers",
             crf.train, crf.predict),
    Baseline("timex", "rule-based time expressions normalized against the document date",
             lambda documents: None, _timex_predict),
]}


def run(name: str, root: Path | str, splits: list[str]) -> dict[str, list[dict]]:
    """Train `name` on the train split of `root`; predictions for each of `splits`, sorted by id."""
    baseline = BASELINES[name]
    ids = load_splits(root)
    model = baseline.train(iter_documents(root, sorted(ids["train"])))
    return {split: [baseline.predict(model, doc) for doc in iter_documents(root, sorted(ids[split]))]
            for split in splits}
