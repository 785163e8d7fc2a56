"""Counts of a release, per split, accumulated document by document while the release is written."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..corpus.files import SPLITS
from ..corpus.model import Document
from .rows import Rows

ALIGNMENT = ("entity_mentions_widened", "value_mentions_widened", "triggers_widened", "sentences_joined",
             "named_mentions_crossing", "mentions_crossing", "arguments_outside_sentence")


@dataclass
class Counts:
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    words: int = 0
    characters: int = 0
    entities: int = 0
    events: int = 0
    arguments: int = 0
    provenance: Counter = field(default_factory=Counter)
    factuality: Counter = field(default_factory=Counter)    # composed documents: reported / fictional
    sources: Counter = field(default_factory=Counter)
    licenses: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    entity_mentions: Counter = field(default_factory=Counter)   # (type, subtype)
    mention_types: Counter = field(default_factory=Counter)     # NAM / NOM / PRO
    value_mentions: Counter = field(default_factory=Counter)    # (type, subtype or "")
    timex_types: Counter = field(default_factory=Counter)
    event_mentions: Counter = field(default_factory=Counter)    # Type:Subtype
    roles: Counter = field(default_factory=Counter)
    alignment: Counter = field(default_factory=Counter)
    ner_rows: int = 0

    def add(self, document: Document, rows: Rows) -> None:
        meta, a = document.metadata, document.annotation
        self.documents += 1
        self.sentences += len(rows.ner)
        self.ner_rows += len(rows.ner)
        self.tokens += rows.tokens
        self.words += rows.words
        self.characters += len(document.text)
        self.entities += len(a.entities)
        self.events += len(a.events)
        self.provenance[meta.provenance] += 1
        if meta.factuality:
            self.factuality[meta.factuality] += 1
        self.sources[meta.source] += 1
        self.licenses[meta.license] += 1
        self.topics.update(meta.topics)
        for m in a.entity_mentions:
            self.entity_mentions[(m.type, m.subtype)] += 1
            self.mention_types[m.mention_type] += 1
        for v in a.value_mentions:
            self.value_mentions[(v.type, v.subtype or "")] += 1
            if v.timex_type:
                self.timex_types[v.timex_type] += 1
        for m in a.event_mentions:
            self.event_mentions[m.type] += 1
            self.arguments += len(m.arguments)
            self.roles.update(x.role for x in m.arguments)
        self.alignment.update(rows.alignment)

    def merge(self, other: "Counts") -> None:
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def time_mentions(self) -> int:
        return sum(n for (t, _), n in self.value_mentions.items() if t == "TIME")

    def other_values(self) -> int:
        return sum(n for (t, _), n in self.value_mentions.items() if t != "TIME")


@dataclass
class Statistics:
    splits: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SPLITS})
    # ids of documents left out of the release, per split (their text may not be redistributed)
    left_out: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    # ids of documents not annotated yet, per split: not in `documents`, `ner` or `events`
    not_annotated: dict[str, list[str]] = field(default_factory=lambda: {s: [] for s in SPLITS})

    def add(self, split: str, document: Document, rows: Rows) -> None:
        self.splits[split].add(document, rows)

    def total(self) -> Counts:
        out = Counts()
        for counts in self.splits.values():
            out.merge(counts)
        return out

    def columns(self) -> list[tuple[str, Counts]]:
        """(name, counts) of each split, then the total."""
        return [*self.splits.items(), ("total", self.total())]
