"""Suggestions for a new text from the names the corpus already annotates: the stand-in baseline.

Every name (NAM) mention in the gold becomes an entry: its exact text, with the entity type, subtype
and class it was given. A name given two different types is ambiguous and left out. In a new text,
each whole-word occurrence of an entry (longest first, never overlapping) is suggested as a name
mention; occurrences of one name corefer. Suggestions are never gold: they are stored apart, in
`suggestions/<id>.json`, until an annotator reviews them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from .model import Annotation, Document, Entity, EntityMention, Span
from .text import sha256


@dataclass(frozen=True)
class Entry:
    type: str
    subtype: str
    entity_class: str


class Gazetteer:
    def __init__(self, entries: dict[str, Entry], ambiguous: set[str]):
        self.entries = entries
        self.ambiguous = ambiguous

    @classmethod
    def from_documents(cls, documents: Iterable[Document]) -> "Gazetteer":
        seen: dict[str, set[Entry]] = defaultdict(set)
        for d in documents:
            classes = {e.id: e.entity_class for e in d.annotation.entities}
            for m in d.annotation.entity_mentions:
                if m.mention_type == "NAM":
                    seen[m.span.text].add(Entry(m.type, m.subtype, classes[m.entity_id]))
        entries = {name: next(iter(found)) for name, found in seen.items() if len(found) == 1}
        return cls(entries, {name for name, found in seen.items() if len(found) > 1})

    def _matches(self, text: str) -> list[Span]:
        if not self.entries:
            return []
        names = sorted(self.entries, key=lambda n: (-len(n), n))
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
        return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]

    def suggest(self, document_id: str, text: str) -> Annotation:
        entities: dict[str, Entity] = {}
        mentions = []
        for n, span in enumerate(self._matches(text), 1):
            entry = self.entries[span.text]
            if span.text not in entities:
                entities[span.text] = Entity(f"E{len(entities) + 1}", entry.type, entry.subtype, entry.entity_class)
            mentions.append(EntityMention(f"M{n}", entities[span.text].id, entry.type, entry.subtype, "NAM", span))
        return Annotation(document_id, sha256(text), tuple(entities.values()), tuple(mentions)).canonical()
