"""Round trips on generated annotations: crossing spans, emoji, line breaks, every type and role."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.interchange import brat, labelstudio
from hadath.interchange.records import assemble
from hadath.corpus.model import (EVENT_ATTRIBUTES, Annotation, Argument, Document, Entity, EntityMention, Event,
                          EventMention, Metadata, Span, ValueMention)
from hadath.corpus.ontology import filler_matches, load_ontology
from hadath.corpus.text import sha256

# "عام\n\nجديد" puts line breaks inside spans; brat writes those as fragments.
WORDS = ["قال", "الرئيس", "مصر", "🤝", "في", "🇹🇷", "الحكومة", "عام\n\nجديد", "٢٠٢٦", "هجوم", "x", "😀😀"]


@st.composite
def documents(draw):
    onto = load_ontology()
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    text = " ".join(words)
    starts, pos = [], 0
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1

    def span():
        i = draw(st.integers(0, len(words) - 1))
        j = draw(st.integers(i, min(len(words) - 1, i + 3)))
        return Span.of(text, starts[i][0], starts[j][1])

    extents = draw(st.lists(st.builds(span), max_size=8, unique_by=lambda s: (s.start, s.end)))
    n_entities = draw(st.integers(1, 4))
    entities = []
    for k in range(n_entities):
        kind = draw(st.sampled_from(onto.entity_types))
        entities.append(Entity(f"E{k + 1}", kind, draw(st.sampled_from(onto.entity_subtypes(kind))),
                               draw(st.sampled_from(onto.entity_classes))))
    mentions, used = [], set()
    values = []
    for n, extent in enumerate(extents):
        if draw(st.booleans()):
            e = draw(st.sampled_from(entities))
            head = Span.of(text, extent.start, min(extent.end, starts[[s for s, _ in starts].index(extent.start)][1])) \
                if draw(st.booleans()) else None
            role = draw(st.sampled_from(onto.gpe_roles)) if e.type == "GPE" and draw(st.booleans()) else None
            mentions.append(EntityMention(f"M{n + 1}", e.id, e.type, e.subtype,
                                          draw(st.sampled_from(onto.mention_types)), extent, head, role))
            used.add(e.id)
        else:
            kind = draw(st.sampled_from(onto.value_types))
            subtypes = onto.value_subtypes(kind)
            sub = draw(st.sampled_from(subtypes)) if subtypes else None
            if kind == "TIME":
                values.append(ValueMention(f"V{n + 1}", kind, None, extent,
                                           draw(st.sampled_from([None, "2026-01-28", "P3D"])),
                                           draw(st.sampled_from(onto.timex_types)),
                                           draw(st.sampled_from([None, *onto.timex_mods]))))
            else:
                values.append(ValueMention(f"V{n + 1}", kind, sub, extent, draw(st.sampled_from([None, "USD:5", "50 % off = x"]))))
    entities = [e for e in entities if e.id in used]
    fillers = [*mentions, *values]
    events, event_mentions = [], []
    for k in range(draw(st.integers(0, 3))):
        event_type = draw(st.sampled_from(onto.event_types))
        if not events or draw(st.booleans()) or events[-1].type != event_type:
            events.append(Event(f"EV{len(events) + 1}", event_type))
        event = events[-1]
        arguments = []
        for role, labels in onto.roles(event.type).items():
            for f in fillers:
                if any(filler_matches(l, f.type, f.subtype) for l in labels) and draw(st.integers(0, 3)) == 0:
                    arguments.append(Argument(role, f.id))
        attrs = [draw(st.sampled_from(onto.event_attributes[a])) for a in EVENT_ATTRIBUTES]
        event_mentions.append(EventMention(f"EM{k + 1}", event.id, event.type, span(), tuple(arguments), *attrs))
    events = [e for e in events if any(m.event_id == e.id for m in event_mentions)]
    annotation = Annotation("x01", sha256(text), tuple(entities), tuple(mentions), tuple(values), tuple(events),
                            tuple(event_mentions)).canonical()
    return Document(Metadata("x01", "ar", "2026-01-01", None, "composed", "composed", "CC-BY-4.0"), text, annotation)


@settings(max_examples=100, deadline=None)
@given(documents(), st.booleans())
def test_brat_round_trip(document, utf16):
    ann = brat.write_ann(document.text, document.annotation, document.annotation, utf16=utf16)
    gold, suggested = brat.read_ann(ann, document.text, utf16=utf16)
    assert assemble("x01", document.annotation.text_sha256, gold) == document.annotation
    assert assemble("x01", document.annotation.text_sha256, suggested) == document.annotation


@settings(max_examples=100, deadline=None)
@given(documents())
def test_labelstudio_round_trip(document):
    task = json.loads(json.dumps(labelstudio.task(document, document.annotation)))
    gold, suggested = labelstudio.read_task(task, "task", document.text)
    assert assemble("x01", document.annotation.text_sha256, gold) == document.annotation
    assert assemble("x01", document.annotation.text_sha256, suggested) == document.annotation
