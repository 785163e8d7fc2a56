"""Span sets: per document, the spans a scorer compares, with where they came from.

A `SpanSet` holds entity mentions, value mentions and event mentions with their arguments, all on
half-open code-point offsets into the document text; `gold` and `predictions` beside it make them.
Reading is strict by default: the first bad item raises `InputError`, naming the file, the line and
the field. With `lenient=True` a bad item is skipped and recorded as a `Problem` instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class InputError(ValueError):
    """Input that cannot be scored; the message names the file, line and field and what was expected."""


class Mention(NamedTuple):
    start: int
    end: int
    type: str
    mention_type: str | None = None
    entity: str | None = None  # coreference key: mentions of one entity share it
    head: tuple[int, int] | None = None


class TextMention(NamedTuple):
    text: str
    type: str
    mention_type: str | None = None


class Value(NamedTuple):
    start: int
    end: int
    type: str
    normalized: str | None = None


class Arg(NamedTuple):
    role: str
    start: int
    end: int
    entity: str | None = None  # the filler's entity (gold entity fillers only)
    is_value: bool = False


class EventSpan(NamedTuple):
    type: str
    start: int  # the trigger
    end: int
    arguments: tuple[Arg, ...] = ()


@dataclass
class SpanDocument:
    id: str
    text: str | None = None
    entities: list[Mention] = field(default_factory=list)
    text_entities: list[TextMention] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    events: list[EventSpan] = field(default_factory=list)
    date_precision: str = "day"  # of the document date; below `day`, X in a gold time value is a wildcard

    def with_heads(self) -> "SpanDocument":
        """The document scored on heads: each entity mention, and each argument filled by one, shrunk to
        the mention's head where it has one (the first such mention of a span decides)."""
        head_of: dict[tuple[int, int], tuple[int, int]] = {}
        for m in self.entities:
            if m.head is not None:
                head_of.setdefault((m.start, m.end), m.head)
        entities = [m._replace(start=m.head[0], end=m.head[1]) if m.head else m for m in self.entities]
        events = [ev._replace(arguments=tuple(
            a._replace(start=h[0], end=h[1]) if (h := head_of.get((a.start, a.end))) and not a.is_value else a
            for a in ev.arguments)) for ev in self.events]
        return SpanDocument(self.id, self.text, entities, list(self.text_entities), list(self.values), events,
                            self.date_precision)

    def entity_spans(self) -> dict[str, set[tuple[int, int]]]:
        """Every mention span of each entity, for coreference-aware argument matching."""
        out: dict[str, set[tuple[int, int]]] = {}
        for m in self.entities:
            if m.entity is not None:
                out.setdefault(m.entity, set()).add((m.start, m.end))
        return out


@dataclass(frozen=True)
class Problem:
    source: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "field": self.field, "message": self.message}


@dataclass
class SpanSet:
    """Documents by id, where they came from, and the problems met reading them."""

    documents: dict[str, SpanDocument]
    source: str
    kind: str  # corpus | release | jsonl | conll
    sha256: str | None = None
    problems: list[Problem] = field(default_factory=list)
    info: dict = field(default_factory=dict)
    # A span set read from CoNLL keeps its `conll.ConllFile`, so that predictions on the same tokens can be
    # checked against it; typed loosely here, as this module knows no reader.
    conll: object | None = None




def read_text(path: Path) -> str:
    """A UTF-8 text file whole (a BOM dropped); one clear error for a missing, binary or non-UTF-8 file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: a binary file (NUL bytes); expected UTF-8 text (JSON Lines or CoNLL)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: byte {exc.start} is not UTF-8; expected UTF-8 text "
                         "(JSON Lines or CoNLL)") from None


def read_lines(path: Path) -> list[str]:
    return read_text(path).split("\n")


class Checker:
    """Records or raises item problems for one file."""

    def __init__(self, source: str, lenient: bool):
        self.source, self.lenient = source, lenient
        self.problems: list[Problem] = []

    def fail(self, line: int | None, where: str | None, message: str) -> None:
        problem = Problem(self.source, line, where, message)
        if not self.lenient:
            raise InputError(str(problem))
        self.problems.append(problem)


def json_objects(path: Path, check: Checker, expected: str):
    """(line number, object) of each JSON-object line of `path`; blank lines are passed over, and a line
    that is no JSON object is reported to `check` (`expected` says what each line should hold)."""
    for number, raw in enumerate(read_lines(path), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            check.fail(number, None, f"malformed JSON ({exc.msg} at column {exc.colno}); expected {expected}")
            continue
        if not isinstance(obj, dict):
            check.fail(number, "$", f"expected a JSON object, found {type(obj).__name__}")
            continue
        yield number, obj
