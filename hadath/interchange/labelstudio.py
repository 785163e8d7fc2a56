"""Label Studio tasks (JSON) written and read without loss, with the labeling config that goes with them.

One task per document: `data` holds the text, `document_id` and title; `annotations` holds exactly one
annotation, the gold; `predictions` holds the unreviewed suggestions, if any. Region ids are the Hadath
mention ids. Each region is a `labels` result (control `entity`, `value`, `trigger` or `head`) plus
per-region results: choices `subtype`, `mention_type`, `entity_class`, `gpe_role`, `timex_type`, `mod`,
`realis`, `polarity`, `tense`, `genericity`, `modality`, and text areas `entity_id` (mentions with the same one corefer), `event_id`
(the same for event mentions) and `normalized`. Arguments are
relations from a trigger to a filler labeled with the role; a head is a `head` region tied to its
mention by a relation labeled `head`.

Label Studio counts region offsets in Unicode code points, as Hadath does (see docs/interchange.md), so
offsets pass unchanged both ways. Reading refuses a task with no annotation or with several (merge them
in Label Studio first), a text that differs from the stored one, and any result it cannot place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from xml.sax.saxutils import quoteattr

from ..corpus.model import EVENT_ATTRIBUTES, Annotation, Document, Span
from ..corpus.ontology import load_ontology
from ..corpus.schemas import ID_PATTERN
from .records import EventRecord, InterchangeError, MentionRecord, Records, ValueRecord

LABEL_CONTROLS = ("entity", "value", "trigger", "head")
MENTION_CHOICES = ("subtype", "mention_type", "entity_class", "gpe_role")
VALUE_CHOICES = ("subtype", "timex_type", "mod")
HEAD = "head"
DOCUMENT_ID = re.compile(ID_PATTERN)


class _Results:
    def __init__(self):
        self.items: list[dict] = []

    def region(self, region_id: str, span: Span, control: str, kind: str, value: str) -> None:
        found = {"start": span.start, "end": span.end, "text": span.text}
        # A text area's answer takes the place of the region text, as Label Studio writes it.
        found["text" if kind == "textarea" else kind] = [value]
        self.items.append({"id": region_id, "from_name": control, "to_name": "text", "type": kind, "value": found})

    def relation(self, source: str, target: str, label: str) -> None:
        self.items.append({"type": "relation", "from_id": source, "to_id": target, "direction": "right",
                           "labels": [label]})


def _results(annotation: Annotation) -> list[dict]:
    r = _Results()
    entity_class = {e.id: e.entity_class for e in annotation.entities}
    for m in annotation.entity_mentions:
        r.region(m.id, m.span, "entity", "labels", m.type)
        for control in MENTION_CHOICES:
            value = entity_class[m.entity_id] if control == "entity_class" else getattr(m, control)
            if value is not None:
                r.region(m.id, m.span, control, "choices", value)
        r.region(m.id, m.span, "entity_id", "textarea", m.entity_id)
        if m.head is not None:
            r.region(f"{m.id}-head", m.head, "head", "labels", "Head")
            r.relation(m.id, f"{m.id}-head", HEAD)
    for v in annotation.value_mentions:
        r.region(v.id, v.span, "value", "labels", v.type)
        for control in VALUE_CHOICES:
            if getattr(v, control) is not None:
                r.region(v.id, v.span, control, "choices", getattr(v, control))
        if v.normalized is not None:
            r.region(v.id, v.span, "normalized", "textarea", v.normalized)
    for em in annotation.event_mentions:
        r.region(em.id, em.trigger, "trigger", "labels", em.type)
        for attr in EVENT_ATTRIBUTES:
            r.region(em.id, em.trigger, attr, "choices", getattr(em, attr))
        r.region(em.id, em.trigger, "event_id", "textarea", em.event_id)
        for arg in em.arguments:
            r.relation(em.id, arg.ref, arg.role)
    return r.items


def task(document: Document, suggestions: Annotation | None = None) -> dict:
    out = {"data": {"text": document.text, "document_id": document.id, "title": document.metadata.title},
           "annotations": [{"result": _results(document.annotation), "was_cancelled": False}]}
    if suggestions is not None:
        out["predictions"] = [{"model_version": "hadath-suggestions", "result": _results(suggestions)}]
    return out


# Reading ------------------------------------------------------------------------------------------

class _Region:
    def __init__(self, region_id: str):
        self.id = region_id
        self.label: tuple[str, str] | None = None  # (control, label)
        self.span: Span | None = None
        self.fields: dict[str, str] = {}


def _one(values, where: str, what: str) -> str:
    if not isinstance(values, list) or len(values) != 1 or not isinstance(values[0], str):
        raise InterchangeError(f"{where}: {what} is {values!r}; expected a list of exactly one string")
    return values[0]


def _region_span(value: dict, text: str, where: str) -> Span:
    start, end = value.get("start"), value.get("end")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        raise InterchangeError(f"{where}: expected integer value.start and value.end")
    if not 0 <= start < end <= len(text):
        raise InterchangeError(f"{where}: the region [{start}, {end}) is empty or lies outside the text of "
                               f"{len(text)} characters")
    return Span.of(text, start, end)


def _regions(results: list, text: str, where: str) -> tuple[dict[str, _Region], list[tuple[str, str, str, str]]]:
    regions: dict[str, _Region] = {}
    relations = []
    if not isinstance(results, list):
        raise InterchangeError(f"{where}.result: expected a list of results")
    for i, item in enumerate(results):
        at = f"{where}.result[{i}]"
        if not isinstance(item, dict):
            raise InterchangeError(f"{at}: expected an object")
        kind = item.get("type")
        if kind == "relation":
            label = _one(item.get("labels"), at, "labels")
            relations.append((item.get("from_id"), item.get("to_id"), label, at))
            continue
        value, control = item.get("value"), item.get("from_name")
        if kind not in ("labels", "choices", "textarea") or not isinstance(value, dict):
            raise InterchangeError(f"{at}: result type {kind!r}; expected labels, choices, textarea or relation")
        region = regions.setdefault(str(item.get("id")), _Region(str(item.get("id"))))
        if kind == "labels":
            if control not in LABEL_CONTROLS or region.label is not None:
                raise InterchangeError(f"{at}: labels from {control!r}; expected one of {', '.join(LABEL_CONTROLS)}, "
                                       "once per region")
            region.label = (control, _one(value.get("labels"), at, "value.labels"))
            region.span = _region_span(value, text, at)
            if value.get("text") not in (None, region.span.text):
                raise InterchangeError(f"{at}: the region says {value['text']!r} but the text at its offsets is "
                                       f"{region.span.text!r}")
        else:
            name = control if kind == "choices" else f"{control}:text"
            if name in region.fields:
                raise InterchangeError(f"{at}: a second {control} result for region {region.id}; expected one")
            key = "choices" if kind == "choices" else "text"
            region.fields[name] = _one(value.get(key), at, f"value.{key}")
    return regions, relations


def _records(results: list, text: str, where: str) -> Records:
    onto = load_ontology()
    regions, relations = _regions(results, text, where)
    heads: dict[str, Span] = {}
    arguments: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, target, label, at in relations:
        if source not in regions or target not in regions:
            raise InterchangeError(f"{at}: a relation between {source!r} and {target!r}; expected region ids")
        if label == HEAD:
            if regions[target].label != ("head", "Head") or source in heads:
                raise InterchangeError(f"{at}: a head relation to {target!r}; expected one Head region per mention")
            heads[source] = regions[target].span
        else:
            arguments[source].append((label, target))
    records = Records()
    allowed = {"entity": {*MENTION_CHOICES, "entity_id:text"}, "value": {*VALUE_CHOICES, "normalized:text"},
               "trigger": {*EVENT_ATTRIBUTES, "event_id:text"}, "head": set()}
    for region in regions.values():
        at = f"{where} region {region.id}"
        if region.label is None:
            raise InterchangeError(f"{at}: choices or text with no labels result; expected a labeled region")
        control, label = region.label
        extra = sorted(set(region.fields) - allowed[control])
        if extra:
            raise InterchangeError(f"{at}: {extra[0]!r} on a {control} region; expected only "
                                   f"{', '.join(sorted(allowed[control]))}")
        f = region.fields
        if control == "entity":
            records.mentions.append(MentionRecord(
                region.id, region.span, label, f.get("subtype"), f.get("mention_type"), f.get("entity_class"),
                f.get("gpe_role"), heads.pop(region.id, None), region.id, f.get("entity_id:text"), f.get("entity_id:text")))
        elif control == "value":
            records.values.append(ValueRecord(region.id, region.span, label, f.get("subtype"),
                                              f.get("normalized:text"), f.get("timex_type"), f.get("mod"), region.id))
        elif control == "trigger":
            if label not in onto.event_types:
                raise InterchangeError(f"{at}: trigger label {label!r}; expected an event type of the ontology")
            records.events.append(EventRecord(
                region.id, region.span, label, {a: f[a] for a in EVENT_ATTRIBUTES if a in f},
                arguments.pop(region.id, []), region.id, f.get("event_id:text"), f.get("event_id:text")))
    used_heads = {regions[target].id for source, target, label, _ in relations if label == HEAD}
    for region in regions.values():
        if region.label == ("head", "Head") and region.id not in used_heads:
            raise InterchangeError(f"{where} region {region.id}: a Head region that no head relation ties to a "
                                   "mention")
    if heads or arguments:
        stray = next(iter(heads or arguments))
        raise InterchangeError(f"{where}: region {stray!r} has a head or argument relation but is not "
                               "an entity mention or a trigger")
    # Regions drawn in Label Studio carry random ids; `assemble` numbers ids that are not Hadath ids.
    for r in (*records.mentions, *records.values, *records.events):
        if not _is_hadath_id(r.id):
            r.id = None
    return records


def _is_hadath_id(region_id: str) -> bool:
    return bool(re.match(r"^(M|V|EM)[1-9][0-9]*$", region_id))


def read_task(item: dict, where: str, stored_text: str,
              stored_suggestions: Annotation | None = None) -> tuple[Records, Records]:
    """The gold and the suggested records of one exported task, checked against the stored text.

    Label Studio's own JSON export lists predictions by id only (`"predictions": [1]`); their content is
    then the suggestions already stored, `stored_suggestions`."""
    data = item.get("data") if isinstance(item, dict) else None
    if not isinstance(data, dict) or data.get("text") != stored_text:
        raise InterchangeError(f"{where}.data.text differs from the stored text; texts never change once "
                               "in the corpus")
    annotations = [a for a in item.get("annotations") or [] if not a.get("was_cancelled")]
    if len(annotations) != 1:
        raise InterchangeError(f"{where}.annotations: {len(annotations)} submitted annotations; expected exactly "
                               "one (merge or delete the others in Label Studio first)")
    gold = _records(annotations[0].get("result"), stored_text, f"{where}.annotations[0]")
    suggested = Records()
    predictions = item.get("predictions") or []
    if len(predictions) > 1:
        raise InterchangeError(f"{where}.predictions: {len(predictions)} predictions; expected at most one")
    if not isinstance(predictions, list):
        raise InterchangeError(f"{where}.predictions: expected a list")
    if predictions and isinstance(predictions[0], dict):
        suggested = _records(predictions[0].get("result"), stored_text, f"{where}.predictions[0]")
    elif predictions and isinstance(predictions[0], int) and not isinstance(predictions[0], bool):
        if stored_suggestions is not None:
            suggested = _records(_results(stored_suggestions), stored_text, f"{where} (stored suggestions)")
    elif predictions:
        raise InterchangeError(f"{where}.predictions[0]: {predictions[0]!r}; expected a prediction object, or "
                               "its id as Label Studio's JSON export writes it")
    return gold, suggested


def document_id_of(item, where: str) -> str:
    if not isinstance(item, dict):
        raise InterchangeError(f"{where}: {type(item).__name__}; expected a task object")
    data = item.get("data")
    if not isinstance(data, dict):
        raise InterchangeError(f"{where}.data: {type(data).__name__}; expected an object holding text, "
                               "document_id and title (export with `hadath export labelstudio`)")
    doc_id = data.get("document_id")
    if not isinstance(doc_id, str):
        raise InterchangeError(f"{where}.data.document_id: missing; expected the Hadath document id "
                               "(export with `hadath export labelstudio`)")
    if not DOCUMENT_ID.fullmatch(doc_id):
        raise InterchangeError(f"{where}.data.document_id: {doc_id[:80]!r} is not a document id; expected 3 to 64 "
                               "of a-z 0-9 _ -, starting with a letter or digit")
    return doc_id


def labeling_config() -> str:
    """The Label Studio labeling config (XML) for the ontology."""
    onto = load_ontology()

    def options(tag: str, name: str, values, extra: str = "") -> list[str]:
        inner = [f'    <{"Label" if tag == "Labels" else "Choice"} value={quoteattr(v)}/>' for v in values]
        return [f'  <{tag} name="{name}" toName="text"{extra}>', *inner, f"  </{tag}>"]

    per_region = ' perRegion="true" choice="single" visibleWhen="region-selected"'
    value_subtypes = [s for t in onto.value_types for s in onto.value_subtypes(t)]
    lines = ['<View style="direction: rtl">']
    lines += options("Labels", "entity", onto.entity_types)
    lines += options("Labels", "value", onto.value_types)
    lines += options("Labels", "trigger", onto.event_types)
    lines += options("Labels", "head", ["Head"])
    lines.append('  <Text name="text" value="$text" granularity="symbol"/>')
    lines.append("  <Relations>")
    lines += [f"    <Relation value={quoteattr(v)}/>" for v in [HEAD, *onto.all_roles]]
    lines.append("  </Relations>")
    lines += options("Choices", "subtype", sorted(set(onto.all_entity_subtypes) | set(value_subtypes)), per_region)
    lines += options("Choices", "mention_type", onto.mention_types, per_region)
    lines += options("Choices", "entity_class", onto.entity_classes, per_region)
    lines += options("Choices", "gpe_role", onto.gpe_roles, per_region)
    lines += options("Choices", "timex_type", onto.timex_types, per_region)
    lines += options("Choices", "mod", onto.timex_mods, per_region)
    for attr in EVENT_ATTRIBUTES:
        lines += options("Choices", attr, onto.event_attributes[attr], per_region)
    for name in ("entity_id", "event_id", "normalized"):
        lines.append(f'  <TextArea name="{name}" toName="text" perRegion="true" maxSubmissions="1" '
                     'visibleWhen="region-selected"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"
