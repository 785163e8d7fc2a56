"""What every annotation-tool format shares: decoded records, and building an `Annotation` from them.

A format reader turns a tool's file into records that name things by the tool's own keys (brat `T3`,
a Label Studio region id) and carry the Hadath ids it exported as hints. `assemble` checks the records
against the ontology, gives every item its Hadath id (the hint when there is one, a fresh id otherwise)
and returns the annotation in the stored order. Anything it cannot place raises `InterchangeError`;
nothing is dropped quietly.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.files import Layout, write_document, write_json_atomic
from ..corpus.model import (EVENT_ATTRIBUTES, Annotation, Argument, Document, Entity, EntityMention, Event,
                            EventMention, Span, ValueMention, id_key)
from ..corpus.ontology import load_ontology


class InterchangeError(ValueError):
    """A tool file that cannot become a Hadath annotation; the message names the file, item and expectation."""


@dataclass
class MentionRecord:
    key: str
    span: Span
    type: str
    subtype: str | None
    mention_type: str | None
    entity_class: str | None
    gpe_role: str | None = None
    head: Span | None = None
    id: str | None = None
    cluster: str | None = None  # mentions with the same cluster key corefer
    entity: str | None = None   # the entity id the tool file carried


@dataclass
class ValueRecord:
    key: str
    span: Span
    type: str
    subtype: str | None
    normalized: str | None = None
    timex_type: str | None = None
    mod: str | None = None
    id: str | None = None


@dataclass
class EventRecord:
    key: str
    trigger: Span
    type: str
    attributes: dict[str, str]
    arguments: list[tuple[str, str]]  # (role, key of the filler record)
    id: str | None = None
    cluster: str | None = None
    event: str | None = None


@dataclass
class Records:
    mentions: list[MentionRecord] = field(default_factory=list)
    values: list[ValueRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.mentions or self.values or self.events)


def _require(value, what: str, key: str, allowed: list[str]) -> str:
    if value is None:
        raise InterchangeError(f"{key}: no {what}; expected one of {', '.join(allowed)}")
    if value not in allowed:
        raise InterchangeError(f"{key}: {what} {value!r}; expected one of {', '.join(allowed)}")
    return value


class _Ids:
    """Hands out ids: the hint a record carried when it is well formed and free, a fresh one otherwise."""

    def __init__(self, prefix: str, hints: list[str | None]):
        self.prefix = prefix
        self.pattern = re.compile(rf"^{prefix}[1-9][0-9]*$")
        numbers = [int(h[len(prefix):]) for h in hints if h and self.pattern.match(h)]
        self.next = max(numbers, default=0) + 1
        self.taken: set[str] = set()

    def take(self, hint: str | None, key: str) -> str:
        if hint is not None and not self.pattern.match(hint):
            raise InterchangeError(f"{key}: id {hint!r} is not a Hadath id; expected {self.prefix}1, {self.prefix}2, ...")
        if hint is None or hint in self.taken:
            hint = f"{self.prefix}{self.next}"
            self.next += 1
        self.taken.add(hint)
        return hint


def _check_mention(r: MentionRecord) -> None:
    onto = load_ontology()
    _require(r.type, "entity type", r.key, onto.entity_types)
    _require(r.subtype, f"{r.type} subtype", r.key, onto.entity_subtypes(r.type))
    _require(r.mention_type, "mention type", r.key, onto.mention_types)
    _require(r.entity_class, "entity class", r.key, onto.entity_classes)
    if r.gpe_role is not None:
        _require(r.gpe_role, "GPE role", r.key, onto.gpe_roles)
    if r.head is not None and not r.span.contains(r.head):
        raise InterchangeError(f"{r.key}: head [{r.head.start}, {r.head.end}) lies outside the mention "
                               f"[{r.span.start}, {r.span.end})")


def _check_value(r: ValueRecord) -> None:
    onto = load_ontology()
    _require(r.type, "value type", r.key, onto.value_types)
    if onto.value_subtypes(r.type):
        _require(r.subtype, f"{r.type} subtype", r.key, onto.value_subtypes(r.type))
    elif r.subtype is not None:
        raise InterchangeError(f"{r.key}: {r.type} value with subtype {r.subtype!r}; expected none")
    if r.type == "TIME":
        _require(r.timex_type, "TIMEX3 type", r.key, onto.timex_types)
        if r.mod is not None:
            _require(r.mod, "TIMEX3 mod", r.key, onto.timex_mods)
    elif r.timex_type is not None or r.mod is not None:
        raise InterchangeError(f"{r.key}: a {r.type} value has a TIMEX3 type or mod; expected them on TIME only")


def _entities(mentions: list[MentionRecord], fillers: dict[str, str]) -> tuple[list[Entity], list[EntityMention]]:
    groups: dict[str, list[MentionRecord]] = {}
    for r in sorted(mentions, key=lambda r: (r.span.start, -r.span.end)):
        groups.setdefault(r.cluster if r.cluster is not None else f"\0{r.key}", []).append(r)
    mention_ids = _Ids("M", [r.id for r in mentions])
    entity_ids = _Ids("E", [r.entity for r in mentions])
    entities, out = [], []
    for members in groups.values():
        first = members[0]
        for r in members[1:]:
            if (r.type, r.subtype, r.entity_class) != (first.type, first.subtype, first.entity_class):
                raise InterchangeError(
                    f"{r.key} is {r.type}:{r.subtype} {r.entity_class} but corefers with {first.key}, "
                    f"{first.type}:{first.subtype} {first.entity_class}; expected one type, subtype and class "
                    "per coreference chain")
        # A chain merged in the tool keeps the lowest id its mentions carried.
        hints = sorted({r.entity for r in members if r.entity is not None}, key=id_key)
        free = [h for h in hints if h not in entity_ids.taken]
        entity_id = entity_ids.take(free[0] if free else None, first.key)
        entities.append(Entity(entity_id, first.type, first.subtype, first.entity_class))
        for r in members:
            fillers[r.key] = mention_ids.take(r.id, r.key)
            out.append(EntityMention(fillers[r.key], entity_id, r.type, r.subtype, r.mention_type,
                                     r.span, r.head, r.gpe_role))
    return entities, out


def _events(records: list[EventRecord], fillers: dict[str, str]) -> tuple[list[Event], list[EventMention]]:
    onto = load_ontology()
    groups: dict[str, list[EventRecord]] = {}
    for r in sorted(records, key=lambda r: r.trigger.start):
        _require(r.type, "event type", r.key, onto.event_types)
        groups.setdefault(r.cluster if r.cluster is not None else f"\0{r.key}", []).append(r)
    mention_ids = _Ids("EM", [r.id for r in records])
    event_ids = _Ids("EV", [r.event for r in records])
    events, out = [], []
    for members in groups.values():
        first = members[0]
        for r in members[1:]:
            if r.type != first.type:
                raise InterchangeError(f"{r.key} is {r.type} but corefers with {first.key}, {first.type}; "
                                       "expected one event type per event")
        hints = sorted({r.event for r in members if r.event is not None}, key=id_key)
        free = [h for h in hints if h not in event_ids.taken]
        event_id = event_ids.take(free[0] if free else None, first.key)
        events.append(Event(event_id, first.type))
        for r in members:
            attrs = {a: _require(r.attributes.get(a), a, r.key, onto.event_attributes[a]) for a in EVENT_ATTRIBUTES}
            extra = sorted(set(r.attributes) - set(EVENT_ATTRIBUTES))
            if extra:
                raise InterchangeError(f"{r.key}: unknown attribute {extra[0]!r}; expected "
                                       f"{', '.join(EVENT_ATTRIBUTES)}")
            arguments = []
            for role, key in r.arguments:
                _require(role, f"{r.type} role", r.key, list(onto.roles(r.type)))
                if key not in fillers:
                    raise InterchangeError(f"{r.key}: argument {role} points at {key}, which is not an entity "
                                           "or value mention of the same review state")
                arguments.append(Argument(role, fillers[key]))
            out.append(EventMention(mention_ids.take(r.id, r.key), event_id, r.type, r.trigger, tuple(arguments),
                                    *(attrs[a] for a in EVENT_ATTRIBUTES)))
    return events, out


def assemble(document_id: str, text_sha256: str, records: Records) -> Annotation:
    """Check decoded records and build the annotation they describe, in the stored order."""
    for r in records.mentions:
        _check_mention(r)
    for r in records.values:
        _check_value(r)
    fillers: dict[str, str] = {}
    entities, mentions = _entities(records.mentions, fillers)
    value_ids = _Ids("V", [r.id for r in records.values])
    values = []
    for r in sorted(records.values, key=lambda r: (r.span.start, -r.span.end)):
        fillers[r.key] = value_ids.take(r.id, r.key)
        values.append(ValueMention(fillers[r.key], r.type, r.subtype, r.span, r.normalized, r.timex_type, r.mod))
    events, event_mentions = _events(records.events, fillers)
    return Annotation(document_id, text_sha256, tuple(entities), tuple(mentions), tuple(values), tuple(events),
                      tuple(event_mentions)).canonical()


def without_accepted(gold: Records, suggested: Records) -> Records:
    """The suggestions not yet in the gold: a suggestion accepted in the tool also stays behind as a
    prediction there, and is dropped here once the gold holds the same span with the same type."""
    gold_spans = {(r.span, r.type) for r in (*gold.mentions, *gold.values)}
    gold_triggers = {(r.trigger, r.type) for r in gold.events}
    events = [r for r in suggested.events if (r.trigger, r.type) not in gold_triggers]
    needed = {key for r in events for _, key in r.arguments}
    keep = lambda r: (r.span, r.type) not in gold_spans or r.key in needed  # noqa: E731
    return Records([r for r in suggested.mentions if keep(r)], [r for r in suggested.values if keep(r)], events)


def trial_validate(root: Path, annotations: dict[str, Annotation], documents: tuple[Document, ...] = ()):
    """Validate the corpus at `root` as it would be with `documents` added and `annotations` in place,
    without touching it."""
    from ..corpus.validator import validate

    layout = Layout(root)
    with tempfile.TemporaryDirectory(prefix="hadath-trial-") as tmp:
        trial = Layout(Path(tmp))
        for folder, copy in ((layout.root / "corpus", trial.root / "corpus"),
                             (layout.annotations_dir, trial.annotations_dir)):
            if folder.is_dir():
                shutil.copytree(folder, copy)
        for document in documents:
            write_document(trial, document)
        for doc_id, annotation in annotations.items():
            write_json_atomic(trial.annotation_path(doc_id), annotation.to_dict())
        report = validate(trial.root)
    report.root = str(root)
    return report
