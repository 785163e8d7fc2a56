"""The lexicon baseline: surface forms seen in train, matched again, clitic-aware.

Training gathers every entity mention (NAM, NOM), non-time value and trigger of the train split with its
most frequent type. Prediction finds each form as a whole word, also behind a proclitic (و ف ب ل ك),
keeping the longest match where forms overlap; triggers take arguments by `arguments.attach`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..corpus.model import Document
from ..corpus.text import word_occurrences
from .arguments import attach, best, role_table


@dataclass
class Lexicon:
    entities: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    values: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    triggers: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    roles: dict[tuple[str, str], Counter] = field(default_factory=dict)


def train(documents) -> Lexicon:
    documents = list(documents)
    lex = Lexicon(roles=role_table(documents))
    for doc in documents:
        a = doc.annotation
        for m in a.entity_mentions:
            if m.mention_type != "PRO":
                lex.entities[m.span.text][m.type] += 1
        for v in a.value_mentions:
            if v.type != "TIME":
                lex.values[v.span.text][v.type] += 1
        for e in a.event_mentions:
            lex.triggers[e.trigger.text][e.type] += 1
    return lex


def _matches(text: str, forms: dict[str, Counter]) -> list[tuple[int, int, str]]:
    found = []
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        for start in word_occurrences(text, form):
            found.append((start, start + len(form), best(forms[form])))
    chosen: list[tuple[int, int, str]] = []
    for span in sorted(found, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= o[0] or o[1] <= span[0] for o in chosen):
            chosen.append(span)
    return sorted(chosen)


def predict(lex: Lexicon, doc: Document) -> dict:
    entities = _matches(doc.text, lex.entities)
    values = _matches(doc.text, lex.values)
    triggers = _matches(doc.text, lex.triggers)
    return {
        "id": doc.id,
        "entity_mentions": [{"start": s, "end": e, "type": t} for s, e, t in entities],
        "value_mentions": [{"start": s, "end": e, "type": t, "normalized": None} for s, e, t in values],
        "event_mentions": attach(doc.text, triggers, entities + values, lex.roles),
    }
