"""Corpus statistics and coverage targets, computed from the stored data (never typed by hand).

The counting is `statistics.Counts`, the same the release card uses, so STATS.md and the card agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .corpus import iter_documents, load_splits, split_of
from .ontology import load_ontology
from .rows import rows
from .statistics import Statistics

# Coverage targets of the corpus-growth plan; `coverage()` reports each as met or not.
MIN_EVENT_MENTIONS = 6
MIN_ENTITY_MENTIONS = 30
MIN_ENTITY_SUBTYPES = 25


def compute(root: Path | str) -> Statistics:
    """Counts per split of the corpus at `root` (documents in no split are not counted)."""
    where = split_of(load_splits(root))
    stats = Statistics()
    for doc in iter_documents(root, sorted(where)):
        stats.add(where[doc.id], doc, rows(doc))
    return stats


def by_type(counter: Counter) -> Counter:
    """Entity or value mentions by type alone, from counts keyed by (type, subtype)."""
    out: Counter = Counter()
    for (kind, _), n in counter.items():
        out[kind] += n
    return out


@dataclass(frozen=True)
class Target:
    name: str
    met: bool
    detail: str


def coverage(stats: Statistics) -> list[Target]:
    onto = load_ontology()
    total, test = stats.total(), stats.splits["test"]
    targets = []
    for t in onto.event_types:
        n, n_test = total.event_mentions[t], test.event_mentions[t]
        targets.append(Target(f"event {t}", n >= MIN_EVENT_MENTIONS and n_test > 0,
                              f"{n} mentions, {n_test} in test"))
    entities = by_type(total.entity_mentions)
    for t in onto.entity_types:
        targets.append(Target(f"entity {t}", entities[t] >= MIN_ENTITY_MENTIONS, f"{entities[t]} mentions"))
    n_sub = sum(1 for n in total.entity_mentions.values() if n > 0)
    targets.append(Target("entity subtypes", n_sub >= MIN_ENTITY_SUBTYPES, f"{n_sub} of 45 used"))
    for t in onto.timex_types:
        targets.append(Target(f"time {t}", total.timex_types[t] > 0, f"{total.timex_types[t]} values"))
    for kind in (("Numeric", "Money"), ("Numeric", "Percent"), ("Crime", ""), ("Sentence", ""), ("Job-Title", "")):
        name = ":".join(k for k in kind if k)
        targets.append(Target(f"value {name}", total.value_mentions[kind] > 0, f"{total.value_mentions[kind]} values"))
    return targets
