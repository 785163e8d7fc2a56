"""The draft format: an article with its annotations written inline, for annotators.

A draft is plain UTF-8 text in three parts:

    id: 001_...                      metadata, one `key: value` a line
    date: 2026-01-28
    ...
    ===== text =====
    أعلن [الكرملين]{M1} أن [الرئيس [الروسي]{M3}]{M2} ...
    ===== annotations =====
    E1 ORG Government SPC            entity: id, type, subtype, class
    M1 E1 NAM                        entity mention: id, entity, NAM|NOM|PRO [gpe_role=ORG]
    V1 TIME DATE 2026-01-28          time: id, TIME, timex type, value (or -) [mod=MID]
    V2 Numeric:Money norm=USD:5000   other value: id, type[:subtype] [norm=...]
    EV1 Contact:Meet                 event: id, type
    EM1 EV1 realis=other tense=future Entity=M2 Place=V1 ...
                                     event mention: id, event, attributes, role=filler ...

`[` opens a span and `]{LABELS}` closes it; LABELS is a comma-separated list of mention ids, and
`M2.head` marks the head of mention M2. Spans nest. A `[`, `]`, `{`, `}` or `\\` of the text itself is
written with a backslash before it (`\\[`). `anchor` strips the brackets and computes every
offset, so offsets are never typed by hand; `render` writes a stored document back as a draft.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .model import (EVENT_ATTRIBUTES, Annotation, Argument, Document, Entity, EntityMention, Event, EventMention,
                    Metadata, Span, ValueMention, id_key)
from .text import normalize, sha256

TEXT_MARK = "===== text ====="
ANNOTATIONS_MARK = "===== annotations ====="
ATTRIBUTE_DEFAULTS = {"polarity": "positive", "genericity": "specific", "modality": "asserted"}
_LABELS = re.compile(r"\]\{([^{}\[\]]+)\}")
# Characters of the text that the markup uses are written with a backslash before them: \[ \] \{ \} \\.
_ESCAPED = ("[", "]", "{", "}", "\\")


class DraftError(ValueError):
    """A draft that cannot be anchored; the message names the line and what was expected."""


@dataclass
class _Marked:
    labels: list[str]
    start: int
    end: int


def _strip_markup(marked: str, first_line: int) -> tuple[str, list[_Marked]]:
    out: list[str] = []
    spans: list[_Marked] = []
    stack: list[tuple[int, int]] = []  # (plain offset, line)
    i, pos, line = 0, 0, first_line
    while i < len(marked):
        ch = marked[i]
        if ch == "[":
            stack.append((pos, line))
            i += 1
        elif ch == "]":
            m = _LABELS.match(marked, i)
            if not m:
                raise DraftError(f"line {line}: ']' without '{{LABELS}}' after it; expected ]{{M1}}")
            if not stack:
                raise DraftError(f"line {line}: ']{{{m.group(1)}}}' closes no open '['")
            start, _ = stack.pop()
            spans.append(_Marked([x.strip() for x in m.group(1).split(",")], start, pos))
            i = m.end()
        elif ch == "\\" and marked[i + 1:i + 2] in _ESCAPED:
            out.append(marked[i + 1])
            pos += 1
            i += 2
        elif ch in "{}":
            raise DraftError(f"line {line}: stray {ch!r}; braces only follow ']' as in ]{{M1}}, "
                             "and a literal brace is written \\{ or \\}")
        else:
            out.append(ch)
            pos += 1
            line += ch == "\n"
            i += 1
    if stack:
        raise DraftError(f"line {stack[-1][1]}: '[' is never closed")
    return "".join(out), spans


def _split_parts(draft: str) -> tuple[list[tuple[int, str]], str, int, list[tuple[int, str]]]:
    lines = draft.split("\n")
    try:
        t = lines.index(TEXT_MARK)
        a = lines.index(ANNOTATIONS_MARK)
    except ValueError:
        raise DraftError(f"expected a line '{TEXT_MARK}' and, after it, a line '{ANNOTATIONS_MARK}'") from None
    header = [(n + 1, l) for n, l in enumerate(lines[:t])]
    body = "\n".join(lines[t + 1:a]).strip("\n")
    first = t + 2 + next((k for k, l in enumerate(lines[t + 1:a]) if l.strip()), 0)
    return header, body, first, [(n + a + 2, l) for n, l in enumerate(lines[a + 1:])]


def _metadata(header: list[tuple[int, str]]) -> Metadata:
    fields: dict = {}
    for number, line in header:
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise DraftError(f"line {number}: expected 'key: value', found {line!r}")
        value = value.strip()
        fields[key.strip()] = None if value in ("", "null") else value
    fields["topics"] = [t.strip() for t in (fields.get("topics") or "").split(",") if t.strip()]
    fields.setdefault("language", "ar")
    required = ("id", "source", "provenance", "license") if fields.get("date_precision") == "unknown" \
        else ("id", "date", "source", "provenance", "license")
    missing = [k for k in required if not fields.get(k)]
    if missing:
        raise DraftError(f"header: missing {', '.join(missing)}; expected 'key: value' lines for them")
    fields.setdefault("title", None)
    return Metadata.from_dict(fields)


def _options(tokens: list[str], number: int) -> tuple[list[str], list[tuple[str, str]]]:
    plain = [t for t in tokens if "=" not in t]
    pairs = []
    for t in tokens:
        if "=" in t:
            key, _, value = t.partition("=")
            if not key or not value:
                raise DraftError(f"line {number}: {t!r}; expected key=value")
            pairs.append((key, value))
    return plain, pairs


class _Builder:
    def __init__(self, text: str, spans: list[_Marked]):
        self.text = text
        self.extents: dict[str, list[Span]] = defaultdict(list)
        for s in spans:
            for label in s.labels:
                self.extents[label].append(Span.of(text, s.start, s.end))
        self.entities: dict[str, Entity] = {}
        self.events: dict[str, Event] = {}
        self.mentions: list[EntityMention] = []
        self.values: list[ValueMention] = []
        self.event_mentions: list[EventMention] = []
        self.defined: set[str] = set()

    def span(self, label: str, number: int, required: bool = True) -> Span | None:
        found = self.extents.get(label, [])
        if len(found) > 1:
            raise DraftError(f"line {number}: {label} is marked {len(found)} times in the text; expected once")
        if not found and required:
            raise DraftError(f"line {number}: {label} is defined but never marked in the text")
        return found[0] if found else None

    def add(self, number: int, line: str) -> None:
        tokens = line.split()
        ident = tokens[0]
        if ident in self.defined:
            raise DraftError(f"line {number}: {ident} is defined twice")
        self.defined.add(ident)
        kind = re.match(r"^(EV|EM|E|M|V)\d+$", ident)
        if not kind:
            raise DraftError(f"line {number}: {ident!r} is not an id; expected E1, M1, V1, EV1 or EM1")
        getattr(self, "_" + kind.group(1).lower())(number, tokens)

    def _e(self, number: int, tokens: list[str]) -> None:
        if len(tokens) != 4:
            raise DraftError(f"line {number}: expected 'E1 TYPE SUBTYPE CLASS'")
        self.entities[tokens[0]] = Entity(*tokens)

    def _m(self, number: int, tokens: list[str]) -> None:
        plain, opts = _options(tokens, number)
        if len(plain) != 3 or plain[1] not in self.entities:
            raise DraftError(f"line {number}: expected 'M1 E1 NAM|NOM|PRO' with E1 defined above")
        entity = self.entities[plain[1]]
        extra = dict(opts)
        self.mentions.append(EntityMention(plain[0], entity.id, entity.type, entity.subtype, plain[2],
                                           self.span(plain[0], number), self.span(f"{plain[0]}.head", number, False),
                                           extra.pop("gpe_role", None)))
        if extra:
            raise DraftError(f"line {number}: unknown option {next(iter(extra))}; expected gpe_role=")

    def _v(self, number: int, tokens: list[str]) -> None:
        plain, opts = _options(tokens, number)
        extra = dict(opts)
        kind, _, subtype = plain[1].partition(":") if len(plain) > 1 else ("", "", "")
        if kind == "TIME":
            if len(plain) != 4:
                raise DraftError(f"line {number}: expected 'V1 TIME DATE|TIME|DURATION|SET VALUE' (VALUE - if none)")
            value = ValueMention(plain[0], "TIME", None, self.span(plain[0], number),
                                 None if plain[3] == "-" else plain[3], plain[2], extra.pop("mod", None))
        elif len(plain) == 2:
            value = ValueMention(plain[0], kind, subtype or None, self.span(plain[0], number), extra.pop("norm", None))
        else:
            raise DraftError(f"line {number}: expected 'V1 TYPE[:SUBTYPE] [norm=VALUE]'")
        if extra:
            raise DraftError(f"line {number}: unknown option {next(iter(extra))}")
        self.values.append(value)

    def _ev(self, number: int, tokens: list[str]) -> None:
        if len(tokens) != 2:
            raise DraftError(f"line {number}: expected 'EV1 Type:Subtype'")
        self.events[tokens[0]] = Event(tokens[0], tokens[1])

    def _em(self, number: int, tokens: list[str]) -> None:
        plain, opts = _options(tokens, number)
        if len(plain) != 2 or plain[1] not in self.events:
            raise DraftError(f"line {number}: expected 'EM1 EV1 attr=value ... Role=M1 ...' with EV1 defined above")
        attrs = dict(ATTRIBUTE_DEFAULTS)
        arguments = []
        for key, value in opts:
            if key in EVENT_ATTRIBUTES:
                attrs[key] = value
            else:
                arguments.extend(Argument(key, ref) for ref in value.split(","))
        missing = [a for a in EVENT_ATTRIBUTES if a not in attrs]
        if missing:
            raise DraftError(f"line {number}: missing {', '.join(missing)}; expected e.g. realis=actual tense=past")
        event = self.events[plain[1]]
        self.event_mentions.append(EventMention(plain[0], event.id, event.type, self.span(plain[0], number),
                                                tuple(arguments), *(attrs[a] for a in EVENT_ATTRIBUTES)))

    def check_all_defined(self) -> None:
        undefined = sorted(l for l in self.extents if l.split(".")[0] not in self.defined)
        if undefined:
            raise DraftError(f"text: {', '.join(undefined)} marked but never defined in the annotations")


def anchor(draft: str) -> Document:
    """Parse a draft into a document; raises `DraftError` with the line at fault."""
    header, body, first_line, lines = _split_parts(normalize(draft))
    metadata = _metadata(header)
    text, spans = _strip_markup(body, first_line)
    builder = _Builder(text, spans)
    for number, line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            builder.add(number, line)
    builder.check_all_defined()
    annotation = Annotation(metadata.id, sha256(text), tuple(builder.entities.values()), tuple(builder.mentions),
                            tuple(builder.values), tuple(builder.events.values()),
                            tuple(builder.event_mentions)).canonical()
    return Document(metadata, text, annotation)


def _marks(document: Document) -> dict[tuple[int, int], list[str]]:
    marks: dict[tuple[int, int], list[str]] = defaultdict(list)
    a = document.annotation
    for m in a.entity_mentions:
        marks[(m.span.start, m.span.end)].append(m.id)
        if m.head is not None:
            marks[(m.head.start, m.head.end)].append(f"{m.id}.head")
    for v in a.value_mentions:
        marks[(v.span.start, v.span.end)].append(v.id)
    for e in a.event_mentions:
        marks[(e.trigger.start, e.trigger.end)].append(e.id)
    return marks


def _render_text(document: Document) -> str:
    marks = _marks(document)
    for (s1, e1) in marks:
        for (s2, e2) in marks:
            if s1 < s2 < e1 < e2:
                raise DraftError(f"{document.id}: spans [{s1}, {e1}) and [{s2}, {e2}) cross; "
                                 "a draft can only hold nested or separate spans")
    opens: dict[int, list[tuple[int, int]]] = defaultdict(list)
    closes: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for start, end in marks:
        opens[start].append((start, end))
        closes[end].append((start, end))
    out = []
    text = document.text
    for pos in range(len(text) + 1):
        for span in sorted(closes.get(pos, []), key=lambda s: -s[0]):
            out.append("]{" + ",".join(marks[span]) + "}")
        out.extend("[" for _ in opens.get(pos, []))
        if pos < len(text):
            out.append("\\" + text[pos] if text[pos] in _ESCAPED else text[pos])
    return "".join(out)


def _render_annotations(document: Document) -> list[str]:
    a = document.annotation
    lines = [f"{e.id} {e.type} {e.subtype} {e.entity_class}" for e in a.entities]
    for m in sorted(a.entity_mentions, key=lambda m: id_key(m.id)):
        lines.append(f"{m.id} {m.entity_id} {m.mention_type}" + (f" gpe_role={m.gpe_role}" if m.gpe_role else ""))
    for v in sorted(a.value_mentions, key=lambda v: id_key(v.id)):
        if v.type == "TIME":
            lines.append(f"{v.id} TIME {v.timex_type} {v.normalized or '-'}" + (f" mod={v.mod}" if v.mod else ""))
        else:
            kind = f"{v.type}:{v.subtype}" if v.subtype else v.type
            lines.append(f"{v.id} {kind}" + (f" norm={v.normalized}" if v.normalized else ""))
    lines += [f"{e.id} {e.type}" for e in a.events]
    for m in sorted(a.event_mentions, key=lambda m: id_key(m.id)):
        attrs = [f"{k}={getattr(m, k)}" for k in EVENT_ATTRIBUTES if getattr(m, k) != ATTRIBUTE_DEFAULTS.get(k)]
        args = [f"{x.role}={x.ref}" for x in m.arguments]
        lines.append(" ".join([m.id, m.event_id, *attrs, *args]))
    return lines


def render(document: Document) -> str:
    """A stored document as a draft; `anchor(render(d)) == d`."""
    meta = document.metadata.to_dict()
    header = []
    for key, value in meta.items():
        if key == "topics":
            value = ", ".join(value)
        header.append(f"{key}: {'null' if value is None else value}")
    return "\n".join([*header, TEXT_MARK, _render_text(document), ANNOTATIONS_MARK,
                      *_render_annotations(document)]) + "\n"
