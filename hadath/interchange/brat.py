"""The brat standoff format (`<id>.txt` + `<id>.ann`), written and read without loss.

How a Hadath annotation sits in a `.ann` file:

    T1  GPE 0 5  موسكو             an entity mention; its type is the entity type
    A1  Subtype T1 Nation          attributes: Subtype, MentionType, EntityClass, GPERole
    T2  Head 4 9  ...              a mention's head, tied to it by
    R1  Head Arg1:T1 Arg2:T2       a Head relation
    *   Coreference T1 T7          entity coreference (a brat equivalence)
    T3  TIME 10 14  أمس             a value; attributes Subtype, TimexType, Mod
    T4  Contact_Meet 20 26  ...    an event trigger (':' in a type becomes '_')
    E1  Contact_Meet:T4 Entity:T1 Entity2:T5 Place:T6
    A9  Realis E1 other            attributes Realis, Polarity, Tense, Genericity, Modality
    *   EventCoreference E1 E2     event coreference
    #1  AnnotatorNotes T1  id=M1 entity=E1     the Hadath ids, and a value's normalized=...
    A12 Unreviewed T9              a machine suggestion nobody has reviewed yet

brat numbers repeated roles (`Entity`, `Entity2`); the number is dropped on reading. Offsets are code
points by default (what the brat server counts on a wide-unicode Python); `utf16=True` writes and reads
UTF-16 code units instead, as INCEpTION and brat under a narrow-unicode Python count them.

A span across line breaks is written as fragments that skip them (`T5 PER 10 14;15 20`); any other
discontinuous span is refused on reading. Note values are percent-encoded where they hold white
space or `%`. brat has no place for document metadata; reading refuses normalization (`N`) lines
and anything else it cannot place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote, unquote

from ..corpus.model import EVENT_ATTRIBUTES, Annotation, Span
from ..corpus.offsets import OffsetError, Utf16Offsets
from ..corpus.ontology import load_ontology
from .records import EventRecord, InterchangeError, MentionRecord, Records, ValueRecord

MENTION_ATTRIBUTES = {"Subtype": "subtype", "MentionType": "mention_type", "EntityClass": "entity_class",
                      "GPERole": "gpe_role"}
VALUE_ATTRIBUTES = {"Subtype": "subtype", "TimexType": "timex_type", "Mod": "mod"}
EVENT_ATTRIBUTE_NAMES = {a.capitalize(): a for a in EVENT_ATTRIBUTES}
UNREVIEWED = "Unreviewed"
NOTE_FIELDS = ("id", "entity", "event", "normalized")  # what Hadath writes in a note

_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
# Note values are percent-encoded where they hold white space or '%'; everything else stays readable.
NOTE_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) != "%")
_A = re.compile(r"^(A\d+)\t(\S+) ([TE]\d+)(?: (\S+))?$")
_R = re.compile(r"^(R\d+)\tHead Arg1:(T\d+) Arg2:(T\d+)$")
_E = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:T\d+)*) ?$")
_EQUIV = re.compile(r"^\*\t(Coreference|EventCoreference)((?: [TE]\d+)+)$")
_NOTE = re.compile(r"^(#\d+)\tAnnotatorNotes ([TE]\d+)\t(.*)$")


def event_type_name(event_type: str) -> str:
    return event_type.replace(":", "_")


def _event_types_by_name() -> dict[str, str]:
    return {event_type_name(t): t for t in load_ontology().event_types}


class _Writer:
    def __init__(self, text: str, utf16: bool):
        self.offsets = Utf16Offsets(text) if utf16 else None
        self.lines: list[str] = []
        self.counts: dict[str, int] = defaultdict(int)

    def new(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def textbound(self, label: str, span: Span) -> str:
        tid = self.new("T")
        # A span across line breaks becomes fragments that skip them, as brat writes such spans.
        lines = list(re.finditer(r"[^\n]+", span.text))
        pieces = [(span.start + m.start(), span.start + m.end()) for m in lines]
        if self.offsets is not None:
            pieces = [(self.offsets.to_utf16(a), self.offsets.to_utf16(b)) for a, b in pieces]
        where = ";".join(f"{a} {b}" for a, b in pieces)
        covered = " ".join(m.group() for m in lines)
        self.lines.append(f"{tid}\t{label} {where}\t{covered}")
        return tid

    def attribute(self, name: str, target: str, value: str | None = None) -> None:
        self.lines.append(f"{self.new('A')}\t{name} {target}" + (f" {value}" if value is not None else ""))

    def note(self, target: str, fields: dict[str, str | None]) -> None:
        parts = []
        for key, value in fields.items():
            if value is None:
                continue
            parts.append(f"{key}={quote(value, safe=NOTE_SAFE)}")
        self.lines.append(f"{self.new('#')}\tAnnotatorNotes {target}\t{' '.join(parts)}")


def _write_annotation(w: _Writer, annotation: Annotation, unreviewed: bool) -> None:
    entity_class = {e.id: e.entity_class for e in annotation.entities}
    keys: dict[str, str] = {}
    for m in annotation.entity_mentions:
        tid = keys[m.id] = w.textbound(m.type, m.span)
        for name, field in MENTION_ATTRIBUTES.items():
            value = entity_class[m.entity_id] if field == "entity_class" else getattr(m, field)
            if value is not None:
                w.attribute(name, tid, value)
        w.note(tid, {"id": m.id, "entity": m.entity_id})
        if m.head is not None:
            head = w.textbound("Head", m.head)
            w.lines.append(f"{w.new('R')}\tHead Arg1:{tid} Arg2:{head}")
            if unreviewed:
                w.attribute(UNREVIEWED, head)
        if unreviewed:
            w.attribute(UNREVIEWED, tid)
    for v in annotation.value_mentions:
        tid = keys[v.id] = w.textbound(v.type, v.span)
        for name, field in VALUE_ATTRIBUTES.items():
            if getattr(v, field) is not None:
                w.attribute(name, tid, getattr(v, field))
        w.note(tid, {"id": v.id, "normalized": v.normalized})
        if unreviewed:
            w.attribute(UNREVIEWED, tid)
    for e in annotation.entities:
        ids = annotation.mention_ids_of(e.id)
        if len(ids) > 1:
            w.lines.append("*\tCoreference " + " ".join(keys[i] for i in ids))
    event_keys: dict[str, str] = {}
    for em in annotation.event_mentions:
        name = event_type_name(em.type)
        trigger = w.textbound(name, em.trigger)
        seen: dict[str, int] = defaultdict(int)
        args = []
        for arg in em.arguments:
            seen[arg.role] += 1
            label = arg.role if seen[arg.role] == 1 else f"{arg.role}{seen[arg.role]}"
            args.append(f"{label}:{keys[arg.ref]}")
        eid = event_keys[em.id] = w.new("E")
        w.lines.append(f"{eid}\t{name}:{trigger}" + "".join(" " + a for a in args))
        for attr_name, attr in EVENT_ATTRIBUTE_NAMES.items():
            w.attribute(attr_name, eid, getattr(em, attr))
        w.note(eid, {"id": em.id, "event": em.event_id})
        if unreviewed:
            w.attribute(UNREVIEWED, trigger)
            w.attribute(UNREVIEWED, eid)
    for ev in annotation.events:
        ids = annotation.event_mention_ids_of(ev.id)
        if len(ids) > 1:
            w.lines.append("*\tEventCoreference " + " ".join(event_keys[i] for i in ids))


def write_ann(text: str, annotation: Annotation, suggestions: Annotation | None = None,
              utf16: bool = False) -> str:
    """The `.ann` file of a document: its gold annotation, then its unreviewed suggestions, flagged."""
    w = _Writer(text, utf16)
    _write_annotation(w, annotation, unreviewed=False)
    if suggestions is not None:
        _write_annotation(w, suggestions, unreviewed=True)
    return "".join(line + "\n" for line in w.lines)


# Reading ------------------------------------------------------------------------------------------

class _Parsed:
    def __init__(self):
        self.textbound: dict[str, tuple[str, Span, int]] = {}  # tid -> (label, span, line)
        self.attributes: dict[str, dict[str, str | None]] = defaultdict(dict)
        self.heads: dict[str, str] = {}  # mention tid -> head tid
        self.head_of: dict[str, str] = {}
        self.events: dict[str, tuple[str, str, list[tuple[str, str]], int]] = {}
        self.equivalences: list[tuple[str, list[str], int]] = []
        self.notes: dict[str, dict[str, str]] = {}


def _span(text: str, offsets: Utf16Offsets | None, tid: str, where: str, covered: str, number: int) -> Span:
    pieces = []
    for fragment in where.split(";"):
        start, end = map(int, fragment.split())
        try:
            if offsets is not None:
                start, end = offsets.to_code_points(start), offsets.to_code_points(end)
        except OffsetError as exc:
            raise InterchangeError(f"line {number}: {tid}: {exc}") from None
        if not 0 <= start < end <= len(text):
            raise InterchangeError(f"line {number}: {tid} [{start}, {end}) is empty or lies outside the text "
                                   f"of {len(text)} characters")
        pieces.append((start, end))
    found = " ".join(text[a:b] for a, b in pieces)
    if found != covered:
        raise InterchangeError(f"line {number}: {tid} covers {found!r} in the text but says {covered!r}; "
                               "expected the text at its offsets (are the offsets UTF-16 or code points?)")
    for (_, end), (start, _) in zip(pieces, pieces[1:]):
        if end >= start or text[end:start].strip("\n"):
            raise InterchangeError(f"line {number}: {tid} is a discontinuous span; Hadath spans are continuous "
                                   "(fragments may only skip line breaks)")
    return Span.of(text, pieces[0][0], pieces[-1][1])


def _note(body: str, number: int, warnings: list[str]) -> dict[str, str]:
    """The Hadath fields of a note (`id=M1 entity=E1`); free text typed in brat's note box is passed over
    with a warning (Hadath keeps no notes), whatever else the note holds is still read."""
    fields, free = {}, []
    for part in body.split():
        key, sep, value = part.partition("=")
        if sep and key in NOTE_FIELDS and value and key not in fields:
            fields[key] = unquote(value)
        else:
            free.append(part)
    if free:
        warnings.append(f"line {number}: the note text {' '.join(free)[:80]!r} is not kept (Hadath stores no "
                        "free-text notes)")
    return fields


def _parse(ann: str, text: str, utf16: bool, warnings: list[str]) -> _Parsed:
    offsets = Utf16Offsets(text) if utf16 else None
    p = _Parsed()
    for number, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if m := _T.match(line):
            tid, label, where, covered = m.groups()
            p.textbound[tid] = (label, _span(text, offsets, tid, where, covered, number), number)
        elif m := _A.match(line):
            _, name, target, value = m.groups()
            if name in p.attributes[target]:
                raise InterchangeError(f"line {number}: {target} has a second {name} attribute; expected one")
            p.attributes[target][name] = value
        elif m := _R.match(line):
            _, mention, head = m.groups()
            if mention in p.heads or head in p.head_of:
                raise InterchangeError(f"line {number}: a second Head relation for {mention} or {head}; "
                                       "expected one head per mention")
            p.heads[mention], p.head_of[head] = head, mention
        elif m := _E.match(line):
            eid, label, trigger, rest = m.groups()
            args = [tuple(a.rsplit(":", 1)) for a in rest.split()]
            p.events[eid] = (label, trigger, args, number)
        elif m := _EQUIV.match(line):
            p.equivalences.append((m.group(1), m.group(2).split(), number))
        elif m := _NOTE.match(line):
            # Several notes on one annotation add up; the first value of a field counts.
            for key, value in _note(m.group(3), number, warnings).items():
                p.notes.setdefault(m.group(2), {}).setdefault(key, value)
        else:
            raise InterchangeError(f"line {number}: {line[:60]!r} is not a line Hadath can read; expected T, A, R "
                                   "(Head), E, * (Coreference, EventCoreference) or #  AnnotatorNotes lines")
    return p


def _clusters(p: _Parsed, kind: str, members_of: set[str], unreviewed: set[str]) -> dict[str, str]:
    """Key -> cluster key for the brat ids joined by equivalences of `kind`."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for name, ids, number in p.equivalences:
        if name != kind:
            continue
        for i in ids:
            if i not in members_of:
                raise InterchangeError(f"line {number}: {name} joins {i}, which is not "
                                       f"{'an entity mention' if kind == 'Coreference' else 'an event'}")
        if len({i in unreviewed for i in ids}) > 1:
            raise InterchangeError(f"line {number}: {name} joins items marked {UNREVIEWED} with items that are "
                                   "not; review the whole chain first")
        for i in ids[1:]:
            parent[find(i)] = find(ids[0])
    return {k: find(k) for k in members_of}


def _base_role(label: str, roles: dict) -> str:
    if label in roles:
        return label
    stripped = label.rstrip("0123456789")
    return stripped if stripped in roles else label


def read_ann(ann: str, text: str, utf16: bool = False, warnings: list[str] | None = None) -> tuple[Records, Records]:
    """The gold and the unreviewed records of a `.ann` file of `text`; what it passes over is added to
    `warnings`."""
    onto = load_ontology()
    p = _parse(ann, text, utf16, [] if warnings is None else warnings)
    events_by_name = _event_types_by_name()
    unreviewed = {k for k, attrs in p.attributes.items() if UNREVIEWED in attrs}
    for target, attrs in p.attributes.items():
        if target not in p.textbound and target not in p.events:
            raise InterchangeError(f"attribute {next(iter(attrs))} of {target}, which is not in the file")
        if UNREVIEWED in attrs and attrs[UNREVIEWED] is not None:
            raise InterchangeError(f"{target}: {UNREVIEWED} takes no value; it is set or absent")
    for target in p.notes:
        if target not in p.textbound and target not in p.events:
            raise InterchangeError(f"a note on {target}, which is not in the file")
    for mention, head in p.heads.items():
        if p.textbound.get(mention, ("",))[0] not in onto.entity_types or p.textbound.get(head, ("",))[0] != "Head":
            raise InterchangeError(f"a Head relation from {mention} to {head}; expected it from an entity mention "
                                   "to a Head")
    gold, suggested = Records(), Records()
    mention_keys = {t for t, (label, _, _) in p.textbound.items() if label in onto.entity_types}
    coref = _clusters(p, "Coreference", mention_keys, unreviewed)
    event_coref = _clusters(p, "EventCoreference", set(p.events), unreviewed)
    triggers = {trigger for _, trigger, _, _ in p.events.values()}
    for tid, (label, span, number) in p.textbound.items():
        attrs = {k: v for k, v in p.attributes.get(tid, {}).items() if k != UNREVIEWED}
        note = p.notes.get(tid, {})
        target = suggested if tid in unreviewed else gold
        where = f"line {number}: {tid}"
        if label in onto.entity_types:
            _known(attrs, MENTION_ATTRIBUTES, where)
            _known(note, {"id": 0, "entity": 0}, where)
            head = p.heads.get(tid)
            if head is not None and (head in unreviewed) != (tid in unreviewed):
                raise InterchangeError(f"{where}: its head {head} is marked {UNREVIEWED} differently; "
                                       "review a mention and its head together")
            target.mentions.append(MentionRecord(
                where, span, label, attrs.get("Subtype"), attrs.get("MentionType"), attrs.get("EntityClass"),
                attrs.get("GPERole"), p.textbound[head][1] if head else None, note.get("id"), coref[tid],
                note.get("entity")))
        elif label in onto.value_types:
            _known(attrs, VALUE_ATTRIBUTES, where)
            _known(note, {"id": 0, "normalized": 0}, where)
            target.values.append(ValueRecord(where, span, label, attrs.get("Subtype"), note.get("normalized"),
                                             attrs.get("TimexType"), attrs.get("Mod"), note.get("id")))
        elif label == "Head":
            if tid not in p.head_of:
                raise InterchangeError(f"{where}: a Head that no Head relation ties to a mention")
            if attrs or note:
                raise InterchangeError(f"{where}: a Head carries attributes or notes; expected none")
        elif label in events_by_name:
            if tid not in triggers:
                raise InterchangeError(f"{where}: a {label} trigger with no E line; expected an event on it")
            if attrs or note:
                raise InterchangeError(f"{where}: a trigger carries attributes or notes; expected them on its E line")
        else:
            raise InterchangeError(f"{where}: unknown type {label!r}; expected an entity, value or event type "
                                   "of the ontology, or Head")
    for eid, (label, trigger, args, number) in p.events.items():
        where = f"line {number}: {eid}"
        if label not in events_by_name or p.textbound.get(trigger, ("",))[0] != label:
            raise InterchangeError(f"{where}: event {label!r} on trigger {trigger}; expected an event type of the "
                                   "ontology on a trigger of the same type")
        if (eid in unreviewed) != (trigger in unreviewed):
            raise InterchangeError(f"{where}: the event and its trigger {trigger} are marked {UNREVIEWED} "
                                   "differently; review them together")
        attrs = {k: v for k, v in p.attributes.get(eid, {}).items() if k != UNREVIEWED}
        _known(attrs, EVENT_ATTRIBUTE_NAMES, where)
        note = p.notes.get(eid, {})
        _known(note, {"id": 0, "event": 0}, where)
        event_type = events_by_name[label]
        roles = onto.roles(event_type)
        target = suggested if eid in unreviewed else gold
        arguments = []
        for role, filler in args:
            if (filler in unreviewed) != (eid in unreviewed):
                raise InterchangeError(f"{where}: argument {filler} is marked {UNREVIEWED} and the event is not, "
                                       "or the other way round; review them together")
            arguments.append((_base_role(role, roles), f"line {p.textbound[filler][2]}: {filler}"
                              if filler in p.textbound else filler))
        target.events.append(EventRecord(
            where, p.textbound[trigger][1], event_type,
            {EVENT_ATTRIBUTE_NAMES[k]: v for k, v in attrs.items()}, arguments, note.get("id"),
            event_coref[eid], note.get("event")))
    return gold, suggested


def _known(fields: dict, allowed, where: str) -> None:
    extra = sorted(set(fields) - set(allowed))
    if extra:
        raise InterchangeError(f"{where}: unexpected {extra[0]!r}; expected only {', '.join(allowed)}")


def annotation_conf() -> str:
    """A brat `annotation.conf` for the ontology, so brat offers exactly its types, roles and attributes."""
    onto = load_ontology()
    lines = ["[entities]", *onto.entity_types, *onto.value_types, "Head", "", "[relations]",
             "Head\tArg1:<ENTITY>, Arg2:Head",
             "Coreference\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
             "EventCoreference\tArg1:<EVENT>, Arg2:<EVENT>, <REL-TYPE>:symmetric-transitive",
             "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]"]
    for event_type in onto.event_types:
        roles = []
        for role, fillers in onto.roles(event_type).items():
            kinds = sorted({f.split(":")[0] for f in fillers})
            roles.append(f"{role}*:{'|'.join(kinds)}")
        lines.append(f"{event_type_name(event_type)}\t{', '.join(roles)}")
    subtypes = sorted(set(onto.all_entity_subtypes) | {s for t in onto.value_types for s in onto.value_subtypes(t)})
    lines += ["", "[attributes]",
              f"Subtype\tArg:<ENTITY>, Value:{'|'.join(subtypes)}",
              f"MentionType\tArg:<ENTITY>, Value:{'|'.join(onto.mention_types)}",
              f"EntityClass\tArg:<ENTITY>, Value:{'|'.join(onto.entity_classes)}",
              f"GPERole\tArg:GPE, Value:{'|'.join(onto.gpe_roles)}",
              f"TimexType\tArg:TIME, Value:{'|'.join(onto.timex_types)}",
              f"Mod\tArg:TIME, Value:{'|'.join(onto.timex_mods)}"]
    for name, attr in EVENT_ATTRIBUTE_NAMES.items():
        lines.append(f"{name}\tArg:<EVENT>, Value:{'|'.join(onto.event_attributes[attr])}")
    lines.append(f"{UNREVIEWED}\tArg:<ENTITY>|<EVENT>")
    return "\n".join(lines) + "\n"
