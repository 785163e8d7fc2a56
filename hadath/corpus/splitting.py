"""Assigning documents to the frozen train / validation / test splits.

Assignments already in `corpus/splits.json` never move. Composed documents go to train: validation and
test hold real text only. New sourced documents are assigned by story (documents sharing a `story` tag go
together; a story already in a split joins it): first to test, a story at a time, while test lacks an event subtype or
entity type that the story has, preferring stories that add the most missing labels; then to whichever
split is furthest below its share of documents (70 / 10 / 20), in an order fixed by a hash of the story
name, so the result is reproducible.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from .model import Document

SHARES = {"train": 0.7, "validation": 0.1, "test": 0.2}


@dataclass(frozen=True)
class Group:
    name: str
    ids: tuple[str, ...]
    labels: frozenset[str]


def _labels(doc: Document) -> set[str]:
    a = doc.annotation
    return {f"event:{e.type}" for e in a.event_mentions} | {f"entity:{m.type}" for m in a.entity_mentions}


def _story(doc: Document) -> str:
    return doc.metadata.extra.get("story") or doc.id


def groups(documents: list[Document], assigned: set[str]) -> list[Group]:
    by_story: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.id not in assigned:
            by_story[_story(doc)].append(doc)
    return [Group(name, tuple(sorted(d.id for d in docs)), frozenset().union(*(_labels(d) for d in docs)))
            for name, docs in sorted(by_story.items())]


def _order(group: Group) -> str:
    return hashlib.sha256(group.name.encode()).hexdigest()


def assign(documents: list[Document], splits: dict[str, list[str]]) -> dict[str, list[str]]:
    """`splits` with every unassigned document of `documents` added; existing entries kept."""
    out = {name: list(splits.get(name, [])) for name in SHARES}
    assigned = {i for ids in out.values() for i in ids}
    by_id = {d.id: d for d in documents}
    pending = []
    story_split = {_story(by_id[i]): name for name, ids in out.items() for i in ids if i in by_id}
    for g in groups(documents, assigned):
        composed = any(by_id[i].metadata.provenance == "composed" for i in g.ids)
        target = "train" if composed else story_split.get(g.name)
        if target:
            out[target].extend(g.ids)
        else:
            pending.append(g)
    in_test = set().union(*(_labels(by_id[i]) for i in out["test"] if i in by_id))
    while True:
        gain = {g.name: len(g.labels - in_test) for g in pending}
        best = max(pending, key=lambda g: (gain[g.name], -len(g.ids), _order(g)), default=None)
        if best is None or gain[best.name] == 0:
            break
        out["test"].extend(best.ids)
        in_test |= best.labels
        pending.remove(best)
    total = len(documents)
    for g in sorted(pending, key=_order):
        name = min(SHARES, key=lambda s: (len(out[s]) - SHARES[s] * total, s))
        out[name].extend(g.ids)
    extra = {k: v for k, v in splits.items() if k not in SHARES}  # e.g. `method`, kept as it is
    return {name: sorted(ids) for name, ids in out.items()} | extra
