"""Baseline systems, trained on the train split only; each predicts span-file lines (`schema/predictions`).

Every baseline is deterministic: the same corpus gives the same predictions, byte for byte. `results`
holds the table of their scores.

Imports from `hadath.corpus`, `hadath.scoring` and `hadath.release`, never from `hadath.interchange`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..corpus.files import iter_documents, load_splits


@dataclass(frozen=True)
class Baseline:
    name: str
    description: str

    @property
    def module(self):
        # Imported on use: the CRF pulls in scikit-learn, which every other command can do without.
        return importlib.import_module(f"{__name__}.{self.name}")


BASELINES = {b.name: b for b in [
    Baseline("lexicon", "entity, value and trigger forms seen in train, matched clitic-aware"),
    Baseline("crf", "CRFs over the ner config's tokens for entity mentions and triggers"),
    Baseline("timex", "rule-based time expressions normalized against the document date"),
]}


# Training data of the benchmark: real news alone, or with the composed supplement.
TRAINING = {"real": lambda d: d.metadata.provenance == "sourced", "real+composed": lambda d: True}


def training_documents(root: Path | str, training: str = "real+composed") -> list:
    """The annotated train documents of `training` (one not annotated yet would teach that its names are
    no names)."""
    keep = TRAINING[training]
    ids = sorted(load_splits(root)["train"])
    return [d for d in iter_documents(root, ids) if not d.annotation.is_empty and keep(d)]


def run(name: str, root: Path | str, splits: list[str], training: str = "real+composed") -> dict[str, list[dict]]:
    """Train `name` on the train documents of `training`; predictions for each of `splits`, sorted by id."""
    module = BASELINES[name].module
    ids = load_splits(root)
    model = module.train(training_documents(root, training))
    return {split: [module.predict(model, doc) for doc in iter_documents(root, sorted(ids[split]))]
            for split in splits}
