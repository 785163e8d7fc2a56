"""Corpus statistics and coverage, computed from the stored data (never typed by hand)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import SPLITS, iter_documents, load_splits, split_of
from .model import Document
from .ontology import load_ontology

# Coverage targets of the corpus-growth plan; `coverage()` reports each as met or not.
MIN_EVENT_MENTIONS = 6
MIN_ENTITY_MENTIONS = 30
MIN_ENTITY_SUBTYPES = 25


@dataclass
class Counts:
    documents: int = 0
    words: int = 0
    entity_mentions: Counter = field(default_factory=Counter)   # type
    entity_subtypes: Counter = field(default_factory=Counter)   # "type:subtype"
    mention_types: Counter = field(default_factory=Counter)     # NAM/NOM/PRO
    entities: int = 0
    values: Counter = field(default_factory=Counter)            # type or type:subtype
    timex_types: Counter = field(default_factory=Counter)
    event_mentions: Counter = field(default_factory=Counter)    # Type:Subtype
    events: int = 0
    arguments: int = 0
    realis: Counter = field(default_factory=Counter)
    polarity: Counter = field(default_factory=Counter)
    provenance: Counter = field(default_factory=Counter)

    def add(self, doc: Document) -> None:
        a = doc.annotation
        self.documents += 1
        self.words += len(doc.text.split())
        self.provenance[doc.metadata.provenance] += 1
        self.entities += len(a.entities)
        self.events += len(a.events)
        for m in a.entity_mentions:
            self.entity_mentions[m.type] += 1
            self.entity_subtypes[f"{m.type}:{m.subtype}"] += 1
            self.mention_types[m.mention_type] += 1
        for v in a.value_mentions:
            self.values[f"{v.type}:{v.subtype}" if v.subtype else v.type] += 1
            if v.timex_type:
                self.timex_types[v.timex_type] += 1
        for e in a.event_mentions:
            self.event_mentions[e.type] += 1
            self.arguments += len(e.arguments)
            self.realis[e.realis] += 1
            self.polarity[e.polarity] += 1


@dataclass
class Statistics:
    total: Counts
    splits: dict[str, Counts]


def compute(root: Path | str) -> Statistics:
    where = split_of(load_splits(root))
    total = Counts()
    splits = {name: Counts() for name in SPLITS}
    for doc in iter_documents(root):
        total.add(doc)
        if doc.id in where:
            splits[where[doc.id]].add(doc)
    return Statistics(total, splits)


@dataclass(frozen=True)
class Target:
    name: str
    met: bool
    detail: str


def coverage(stats: Statistics) -> list[Target]:
    onto = load_ontology()
    total, test = stats.total, stats.splits["test"]
    targets = []
    for t in onto.event_types:
        n, n_test = total.event_mentions[t], test.event_mentions[t]
        targets.append(Target(f"event {t}", n >= MIN_EVENT_MENTIONS and n_test > 0,
                              f"{n} mentions, {n_test} in test"))
    for t in onto.entity_types:
        n = total.entity_mentions[t]
        targets.append(Target(f"entity {t}", n >= MIN_ENTITY_MENTIONS, f"{n} mentions"))
    n_sub = sum(1 for k in total.entity_subtypes if total.entity_subtypes[k] > 0)
    targets.append(Target("entity subtypes", n_sub >= MIN_ENTITY_SUBTYPES, f"{n_sub} of 45 used"))
    for t in onto.timex_types:
        targets.append(Target(f"time {t}", total.timex_types[t] > 0, f"{total.timex_types[t]} values"))
    for kind in ("Numeric:Money", "Numeric:Percent", "Crime", "Sentence", "Job-Title"):
        targets.append(Target(f"value {kind}", total.values[kind] > 0, f"{total.values[kind]} values"))
    for attr, value in (("realis", "other"), ("realis", "generic"), ("polarity", "negative")):
        n = getattr(total, attr)[value]
        targets.append(Target(f"events {attr}={value}", n > 0, f"{n} mentions"))
    return targets
