"""Machine suggestions for a new text, for annotators to review: never gold until they do.

Two sources, both deterministic:

- names: every name (NAM) mention of the gold becomes an entry, its exact text with the entity type,
  subtype and class it was given (a name given two of those is ambiguous and left out) and its most
  frequent GPE role. Each whole-word occurrence in the new text, also behind a proclitic (و ف ب ل ك),
  longest first and never overlapping, is suggested as a name mention; occurrences of one name corefer.
- times: the rule-based time expression baseline (`baselines.timex`), normalized against the
  document date.

Suggestions are stored apart, in `suggestions/<id>.json`, until an annotator reviews them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from ..baselines import timex
from ..corpus.model import Annotation, Document, Entity, EntityMention, Span, ValueMention
from ..corpus.text import sha256, word_occurrences
from ..corpus.timex import TimexError, check_value


@dataclass(frozen=True)
class Entry:
    type: str
    subtype: str
    entity_class: str
    gpe_role: str | None


class Gazetteer:
    def __init__(self, entries: dict[str, Entry]):
        self.entries = entries

    @classmethod
    def from_documents(cls, documents: Iterable[Document]) -> "Gazetteer":
        kinds: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        roles: dict[str, Counter] = defaultdict(Counter)
        for d in documents:
            classes = {e.id: e.entity_class for e in d.annotation.entities}
            for m in d.annotation.entity_mentions:
                if m.mention_type == "NAM":
                    kinds[m.span.text].add((m.type, m.subtype, classes[m.entity_id]))
                    if m.gpe_role:
                        roles[m.span.text][m.gpe_role] += 1
        entries = {}
        for name, found in kinds.items():
            if len(found) == 1:
                kind = next(iter(found))
                role = min(roles[name], key=lambda r: (-roles[name][r], r)) if roles[name] else None
                entries[name] = Entry(*kind, role if kind[0] == "GPE" else None)
        return cls(entries)

    def matches(self, text: str) -> list[Span]:
        found = [Span(s, s + len(name), name) for name in self.entries for s in word_occurrences(text, name)]
        chosen: list[Span] = []
        for span in sorted(found, key=lambda s: (-(s.end - s.start), s.start)):
            if all(not span.overlaps(o) for o in chosen):
                chosen.append(span)
        return sorted(chosen)


def suggest(corpus: Iterable[Document], document: Document) -> tuple[Annotation, int]:
    """Suggestions for `document`, and how many time expressions were left out as malformed."""
    gazetteer = Gazetteer.from_documents(corpus)
    entities: dict[str, Entity] = {}
    mentions = []
    for n, span in enumerate(gazetteer.matches(document.text), 1):
        entry = gazetteer.entries[span.text]
        if span.text not in entities:
            entities[span.text] = Entity(f"E{len(entities) + 1}", entry.type, entry.subtype, entry.entity_class)
        mentions.append(EntityMention(f"M{n}", entities[span.text].id, entry.type, entry.subtype, "NAM", span,
                                      None, entry.gpe_role))
    values, malformed = [], 0
    for t in timex.recognize(document.text, document.metadata.date):
        try:
            check_value(t.value, t.timex_type)
        except TimexError:
            malformed += 1
            continue
        values.append(ValueMention(f"V{len(values) + 1}", "TIME", None, Span(t.start, t.end, t.text), t.value,
                                   t.timex_type, t.mod))
    annotation = Annotation(document.id, sha256(document.text), tuple(entities.values()), tuple(mentions),
                            tuple(values)).canonical()
    return annotation, malformed
