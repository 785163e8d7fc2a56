"""The data model: documents, their metadata and their stand-off annotations.

Every span is a `Span`: half-open `[start, end)` code-point offsets into the document text, with the
text it covers. The JSON form is the one stored under `annotations/` and described by
`schema/annotation.schema.json`; `to_dict(from_dict(x)) == x` for every valid file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

EVENT_ATTRIBUTES = ("realis", "polarity", "tense", "genericity", "modality")


def id_key(ident: str) -> tuple[str, int]:
    """Sort key of ids such as M2 < M10."""
    m = re.match(r"^([A-Z]+)(\d+)$", ident)
    return (m.group(1), int(m.group(2))) if m else (ident, 0)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def from_dict(cls, d: dict) -> "Span":
        return cls(d["start"], d["end"], d["text"])

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span `[start, end)` of `text`, with its covered text filled in."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


def _optional_span(d: dict, key: str) -> Span | None:
    return Span.from_dict(d[key]) if d.get(key) else None


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    subtype: str
    entity_class: str

    @classmethod
    def from_dict(cls, d: dict) -> "Entity":
        return cls(d["id"], d["type"], d["subtype"], d["entity_class"])

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "subtype": self.subtype, "entity_class": self.entity_class}


@dataclass(frozen=True)
class EntityMention:
    id: str
    entity_id: str
    type: str
    subtype: str
    mention_type: str
    span: Span
    head: Span | None = None
    gpe_role: str | None = None

    @classmethod
    def from_dict(cls, d: dict) -> "EntityMention":
        return cls(d["id"], d["entity_id"], d["type"], d["subtype"], d["mention_type"],
                   Span.from_dict(d["span"]), _optional_span(d, "head"), d.get("gpe_role"))

    def to_dict(self) -> dict:
        out = {"id": self.id, "entity_id": self.entity_id, "type": self.type, "subtype": self.subtype,
               "mention_type": self.mention_type, "span": self.span.to_dict()}
        if self.head is not None:
            out["head"] = self.head.to_dict()
        if self.gpe_role is not None:
            out["gpe_role"] = self.gpe_role
        return out


@dataclass(frozen=True)
class ValueMention:
    id: str
    type: str
    subtype: str | None
    span: Span
    normalized: str | None = None
    timex_type: str | None = None
    mod: str | None = None

    @classmethod
    def from_dict(cls, d: dict) -> "ValueMention":
        return cls(d["id"], d["type"], d.get("subtype"), Span.from_dict(d["span"]),
                   d.get("normalized"), d.get("timex_type"), d.get("mod"))

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.subtype is not None:
            out["subtype"] = self.subtype
        out["span"] = self.span.to_dict()
        for key in ("normalized", "timex_type", "mod"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class Argument:
    role: str
    ref: str

    @classmethod
    def from_dict(cls, d: dict) -> "Argument":
        return cls(d["role"], d["ref"])

    def to_dict(self) -> dict:
        return {"role": self.role, "ref": self.ref}


@dataclass(frozen=True)
class Event:
    id: str
    type: str

    @classmethod
    def from_dict(cls, d: dict) -> "Event":
        return cls(d["id"], d["type"])

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type}


@dataclass(frozen=True)
class EventMention:
    id: str
    event_id: str
    type: str
    trigger: Span
    arguments: tuple[Argument, ...]
    realis: str
    polarity: str
    tense: str
    genericity: str
    modality: str

    @classmethod
    def from_dict(cls, d: dict) -> "EventMention":
        return cls(d["id"], d["event_id"], d["type"], Span.from_dict(d["trigger"]),
                   tuple(Argument.from_dict(a) for a in d["arguments"]),
                   *(d[a] for a in EVENT_ATTRIBUTES))

    def to_dict(self) -> dict:
        out = {"id": self.id, "event_id": self.event_id, "type": self.type, "trigger": self.trigger.to_dict(),
               "arguments": [a.to_dict() for a in self.arguments]}
        out.update({a: getattr(self, a) for a in EVENT_ATTRIBUTES})
        return out


@dataclass(frozen=True)
class Annotation:
    document_id: str
    text_sha256: str
    entities: tuple[Entity, ...] = ()
    entity_mentions: tuple[EntityMention, ...] = ()
    value_mentions: tuple[ValueMention, ...] = ()
    events: tuple[Event, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()

    @property
    def is_empty(self) -> bool:
        """No mention of any kind: the text is not annotated yet (a real text always has some)."""
        return not (self.entity_mentions or self.value_mentions or self.event_mentions)

    @classmethod
    def from_dict(cls, d: dict) -> "Annotation":
        return cls(
            d["document_id"], d["text_sha256"],
            tuple(Entity.from_dict(x) for x in d["entities"]),
            tuple(EntityMention.from_dict(x) for x in d["entity_mentions"]),
            tuple(ValueMention.from_dict(x) for x in d["value_mentions"]),
            tuple(Event.from_dict(x) for x in d["events"]),
            tuple(EventMention.from_dict(x) for x in d["event_mentions"]),
        )

    def to_dict(self) -> dict:
        return {
            "document_id": self.document_id,
            "text_sha256": self.text_sha256,
            "entities": [x.to_dict() for x in self.entities],
            "entity_mentions": [x.to_dict() for x in self.entity_mentions],
            "value_mentions": [x.to_dict() for x in self.value_mentions],
            "events": [x.to_dict() for x in self.events],
            "event_mentions": [x.to_dict() for x in self.event_mentions],
        }

    def canonical(self) -> "Annotation":
        """The same annotation in the stored order: clusters by id, mentions by offset."""
        by_offset = lambda m: (m.span.start, -m.span.end, id_key(m.id))  # noqa: E731
        return replace(
            self,
            entities=tuple(sorted(self.entities, key=lambda e: id_key(e.id))),
            entity_mentions=tuple(sorted(self.entity_mentions, key=by_offset)),
            value_mentions=tuple(sorted(self.value_mentions, key=by_offset)),
            events=tuple(sorted(self.events, key=lambda e: id_key(e.id))),
            event_mentions=tuple(sorted(self.event_mentions, key=lambda m: (m.trigger.start, id_key(m.id)))),
        )

    def mentions_by_id(self) -> dict[str, EntityMention | ValueMention]:
        """Every argument filler (entity and value mentions) by id."""
        return {m.id: m for m in (*self.entity_mentions, *self.value_mentions)}

    def mention_ids_of(self, entity_id: str) -> list[str]:
        return [m.id for m in self.entity_mentions if m.entity_id == entity_id]

    def event_mention_ids_of(self, event_id: str) -> list[str]:
        return [m.id for m in self.event_mentions if m.event_id == event_id]


@dataclass(frozen=True)
class Metadata:
    id: str
    language: str
    date: str | None  # YYYY-MM-DD, or YYYY-MM / YYYY / None as `date_precision` says
    title: str | None
    source: str
    provenance: str
    license: str
    topics: tuple[str, ...] = ()
    factuality: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    KNOWN = ("id", "language", "date", "title", "source", "provenance", "license", "topics", "factuality")

    @property
    def date_precision(self) -> str:
        """How much of `date` is known: day, month, year or unknown."""
        return self.extra.get("date_precision", "day")

    @classmethod
    def from_dict(cls, d: dict) -> "Metadata":
        extra = {k: v for k, v in d.items() if k not in cls.KNOWN}
        return cls(d["id"], d["language"], d["date"], d.get("title"), d["source"], d["provenance"],
                   d["license"], tuple(d.get("topics", ())), d.get("factuality"), extra)

    def to_dict(self) -> dict:
        out = {"id": self.id, "language": self.language, "date": self.date, "title": self.title,
               "source": self.source, "provenance": self.provenance, "license": self.license,
               "topics": list(self.topics)}
        if self.factuality is not None:
            out["factuality"] = self.factuality
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Document:
    metadata: Metadata
    text: str
    annotation: Annotation

    @property
    def id(self) -> str:
        return self.metadata.id
