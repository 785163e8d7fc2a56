"""Corpus statistics and coverage targets, computed from the stored data (never typed by hand), and
STATS.md, their Markdown tables.

The counting is `counts.Counts`, the same the release card uses, so STATS.md and the card agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..corpus.files import iter_documents, load_splits, split_of
from ..corpus.model import Document
from ..corpus.ontology import load_ontology
from ..corpus.text import PROCLITICS
from ..corpus.timex import HIJRI_MONTHS, MONTH_NAMES, WEEKDAYS
from .counts import Counts, Statistics
from .rows import rows

# Coverage targets of the corpus-growth plan; `coverage()` reports each as met or not.
MIN_EVENT_MENTIONS = 6
MIN_ENTITY_MENTIONS = 30
MIN_ENTITY_SUBTYPES = 25


def compute(root: Path | str) -> Statistics:
    """Counts per split of the corpus at `root` (documents in no split are not counted)."""
    where = split_of(load_splits(root))
    stats = Statistics()
    for doc in iter_documents(root, sorted(where)):
        if doc.annotation.is_empty:
            stats.not_annotated[where[doc.id]].append(doc.id)
        else:
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


EASTERN_DIGITS = set("٠١٢٣٤٥٦٧٨٩")
RELATIVE_DAYS = ("أمس", "اليوم", "غدا", "غداً")
SET_WORDS = ("كل ", "يوميا", "أسبوعيا", "شهريا", "سنويا", "سنوية", "شهرية", "أسبوعية")


def _distinctive(family: str) -> set[str]:
    """Month names of one family that no other family uses (مارس and أكتوبر tell nothing)."""
    others = {n for f, names in MONTH_NAMES.items() if f != family for n in names}
    return set(MONTH_NAMES[family]) - others


def _time_texts(doc: Document) -> list[str]:
    return [v.span.text for v in doc.annotation.value_mentions if v.type == "TIME"]


def _inside_word(text: str, start: int, end: int) -> bool:
    """Does the span begin after a proclitic of its word, or end before the rest of its word?"""
    begins = start > 0 and text[start - 1] in PROCLITICS and (start == 1 or not text[start - 2].isalpha())
    ends = end < len(text) and text[end].isalpha() or start > 0 and text[start - 1].isalpha()
    return begins or ends


FEATURES = {
    **{f"time: {family} month names": (lambda names: lambda d: any(n in t for t in _time_texts(d) for n in names))(
        _distinctive(family)) for family in MONTH_NAMES},
    "time: Hijri dates": lambda d: any(n in t for t in _time_texts(d) for names in HIJRI_MONTHS.values() for n in names),
    "time: weekdays": lambda d: any(w in t for t in _time_texts(d) for w in WEEKDAYS),
    "time: relative days": lambda d: any(w in t.split() for t in _time_texts(d) for w in RELATIVE_DAYS),
    "time: sets": lambda d: any(v.timex_type == "SET" for v in d.annotation.value_mentions),
    "time: durations": lambda d: any(v.timex_type == "DURATION" for v in d.annotation.value_mentions),
    "time: Eastern Arabic digits": lambda d: any(set(t) & EASTERN_DIGITS for t in _time_texts(d)),
    "time: Western digits": lambda d: any(c.isascii() and c.isdigit() for t in _time_texts(d) for c in t),
    "events: negated": lambda d: any(e.polarity == "negative" for e in d.annotation.event_mentions),
    "events: future": lambda d: any(e.tense == "future" for e in d.annotation.event_mentions),
    "events: hypothetical or not asserted": lambda d: any(e.modality == "other" for e in d.annotation.event_mentions),
    "events: generic": lambda d: any(e.realis == "generic" for e in d.annotation.event_mentions),
    "mentions: nested": lambda d: any(m is not o and o.span.contains(m.span)
                                      for m in d.annotation.entity_mentions for o in d.annotation.entity_mentions),
    "mentions: clitic at a span edge": lambda d: any(_inside_word(d.text, m.span.start, m.span.end)
                                                     for m in d.annotation.entity_mentions),
}


def feature_coverage(root: Path | str) -> list[Target]:
    """For each phenomenon the corpus must show, in how many documents it occurs."""
    counts = {name: 0 for name in FEATURES}
    for doc in iter_documents(root):
        for name, present in FEATURES.items():
            counts[name] += bool(present(doc))
    return [Target(name, n > 0, f"{n} documents") for name, n in counts.items()]


# STATS.md

HEADER = "<!-- Generated by `hadath stats --out STATS.md`; a test fails when it is stale. -->\n"


def _columns(stats: Statistics, get) -> dict[str, Counter]:
    return {"all": get(stats.total()), **{name: get(c) for name, c in stats.splits.items()}}


# A test subtype with fewer mentions than this is too rare to score alone: its F1 swings by whole points
# with one mention, so report it only within an overall figure.
MIN_TEST_MENTIONS = 20


def _table(title: str, keys: list, columns: dict[str, Counter], label=str, rarity: bool = False) -> list[str]:
    """Counts per key and split; with `rarity`, a last column marks keys too rare in test to score alone."""
    extra = " test |" if rarity else ""
    head = [f"| {title} | " + " | ".join(columns) + f" |{extra}", "|---|" + "---:|" * len(columns) + ("---|" if rarity else "")]
    rows = [f"| {label(k)} | " + " | ".join(str(c[k]) for c in columns.values()) + " |"
            + (_rarity(columns["test"][k]) if rarity else "") for k in keys if any(c[k] for c in columns.values())]
    total = "| **total** | " + " | ".join(str(sum(c.values())) for c in columns.values()) + " |" + (" |" if rarity else "")
    return head + rows + [total, ""]


def _rarity(n: int) -> str:
    return " scorable |" if n >= MIN_TEST_MENTIONS else f" too rare to score alone (< {MIN_TEST_MENTIONS}) |"


def _overview(stats: Statistics) -> list[str]:
    parts: dict[str, Counts] = {"all": stats.total(), **stats.splits}
    lines = ["| | " + " | ".join(parts) + " |", "|---|" + "---:|" * len(parts)]
    for label, get in (("documents", lambda c: c.documents), ("sentences", lambda c: c.sentences),
                       ("tokens", lambda c: c.tokens), ("words", lambda c: c.words),
                       ("entities", lambda c: c.entities),
                       ("entity mentions", lambda c: sum(c.entity_mentions.values())),
                       ("values", lambda c: sum(c.value_mentions.values())),
                       ("events", lambda c: c.events),
                       ("event mentions", lambda c: sum(c.event_mentions.values())),
                       ("event arguments", lambda c: c.arguments)):
        lines.append(f"| {label} | " + " | ".join(str(get(c)) for c in parts.values()) + " |")
    return lines + [""]


def render(stats: Statistics, features: list[Target]) -> str:
    onto = load_ontology()
    subtypes = [(t, s) for t in onto.entity_types for s in onto.entity_subtypes(t)]
    values = [(t, s) for t in onto.value_types for s in (onto.value_subtypes(t) or [""])]
    out = [HEADER, "# Hadath corpus statistics", "",
           "Words are the tokens of `hadath.tokens` that hold a letter or a digit.", "", "## Overview", ""]
    out += _overview(stats)
    waiting = {name: len(ids) for name, ids in stats.not_annotated.items() if ids}
    if waiting:
        out += ["Documents not annotated yet, and not counted here: " +
                ", ".join(f"{n} in {name}" for name, n in waiting.items()) + ".", ""]
    out += ["## Provenance", ""] + _table("provenance", ["sourced", "composed"],
                                          _columns(stats, lambda c: c.provenance))
    out += ["## Entity mentions by type", ""] + _table("type", onto.entity_types,
                                                        _columns(stats, lambda c: by_type(c.entity_mentions)))
    out += ["## Entity mentions by mention type", ""] + \
        _table("mention type", onto.mention_types, _columns(stats, lambda c: c.mention_types))
    out += ["## Entity mentions by subtype", ""] + \
        _table("subtype", subtypes, _columns(stats, lambda c: c.entity_mentions), lambda k: f"{k[0]}:{k[1]}", True)
    out += ["## Values", ""] + _table("value type", values, _columns(stats, lambda c: c.value_mentions),
                                      lambda k: ":".join(x for x in k if x))
    out += ["## Time expressions by TIMEX3 type", ""] + \
        _table("timex type", onto.timex_types, _columns(stats, lambda c: c.timex_types))
    out += ["## Event mentions by subtype", "",
            f"The last column marks each subtype with fewer than {MIN_TEST_MENTIONS} mentions in test as too rare "
            "to score alone: report it within the overall figures, not as a score of its own.", ""]
    out += _table("event type", onto.event_types, _columns(stats, lambda c: c.event_mentions), str, True)
    out += ["## Coverage targets", "", "| target | met | detail |", "|---|---|---|"]
    out += [f"| {t.name} | {'yes' if t.met else '**no**'} | {t.detail} |" for t in [*coverage(stats), *features]]
    return "\n".join(out) + "\n"
