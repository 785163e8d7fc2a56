"""Argument attachment shared by the baselines: the nearest candidate in the trigger's sentence."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..corpus.tokens import sentences


def role_table(documents) -> dict[tuple[str, str], Counter]:
    """(event type, filler type) → how often each role joined them in the training documents."""
    roles: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for doc in documents:
        fillers = doc.annotation.mentions_by_id()
        for e in doc.annotation.event_mentions:
            for arg in e.arguments:
                roles[(e.type, fillers[arg.ref].type)][arg.role] += 1
    return roles


def best(counter: Counter) -> str:
    """The most frequent label; ties go to the alphabetically first, so output never depends on order."""
    return min(counter, key=lambda k: (-counter[k], k))


def attach(text: str, triggers: list[tuple[int, int, str]], fillers: list[tuple[int, int, str]],
           roles: dict[tuple[str, str], Counter]) -> list[dict]:
    """Event mentions in the span-file format, each with one argument per filler type seen in train."""
    bounds = sentences(text)

    def sentence_of(offset: int) -> int:
        return next((i for i, (s, e) in enumerate(bounds) if s <= offset < e), -1)

    events = []
    for start, end, event_type in triggers:
        here = sentence_of(start)
        arguments = []
        for filler_type in sorted({t for (et, t) in roles if et == event_type}):
            candidates = [f for f in fillers if f[2] == filler_type and sentence_of(f[0]) == here]
            if candidates:
                nearest = min(candidates, key=lambda c: (abs(c[0] - start), c[0]))
                arguments.append({"role": best(roles[(event_type, filler_type)]),
                                  "start": nearest[0], "end": nearest[1]})
        events.append({"type": event_type, "trigger_start": start, "trigger_end": end, "arguments": arguments})
    return events
