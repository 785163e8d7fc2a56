"""One document → its rows in every release config (see `features.py` for the fields).

Sentence rows use `hadath.corpus.tokens`. Where the splitter would cut a gold span, the two sentences are joined,
so every mention, value and trigger lies inside one sentence. A gold span that begins or ends inside a
token is widened to whole tokens (the Wojood and ANERcorp convention); `Alignment` counts them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..corpus.model import Annotation, Document, EntityMention, EventMention, Span, ValueMention
from ..corpus.tokens import count_words, sentences, tokenize
from .features import ner_labels

_TAG = {label: i for i, label in enumerate(ner_labels())}


@dataclass
class Rows:
    document: dict
    ner: list[dict]
    events: list[dict]
    tokens: int
    words: int
    alignment: Counter = field(default_factory=Counter)


def _ids_by(items, key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        out.setdefault(getattr(item, key), []).append(item.id)
    return out


def _by_offset(mentions):
    return sorted(mentions, key=lambda m: (m.start, m.end, m.id))


def document_row(document: Document) -> dict:
    """The `documents` row: the public contract."""
    meta, a = document.metadata, document.annotation
    fillers = a.mentions_by_id()
    entity_mentions = sorted(a.entity_mentions, key=lambda m: (m.span.start, m.span.end, m.id))
    event_mentions = sorted(a.event_mentions, key=lambda m: (m.trigger.start, m.trigger.end, m.id))
    mention_ids = _ids_by(entity_mentions, "entity_id")
    event_mention_ids = _ids_by(event_mentions, "event_id")
    return {
        "id": meta.id, "text": document.text, "language": meta.language, "date": meta.date, "title": meta.title,
        "source": meta.source, "provenance": meta.provenance, "license": meta.license,
        "entity_mentions": [{
            "id": m.id, "entity_id": m.entity_id, "type": m.type, "subtype": m.subtype,
            "mention_type": m.mention_type, "start": m.span.start, "end": m.span.end, "text": m.span.text,
            "head_start": m.head.start if m.head else None, "head_end": m.head.end if m.head else None,
            "gpe_role": m.gpe_role,
        } for m in entity_mentions],
        "entities": [{"id": e.id, "type": e.type, "subtype": e.subtype, "entity_class": e.entity_class,
                      "mention_ids": mention_ids.get(e.id, [])} for e in a.entities],
        "value_mentions": [{
            "id": v.id, "type": v.type, "subtype": v.subtype, "start": v.span.start, "end": v.span.end,
            "text": v.span.text, "normalized": v.normalized, "timex_type": v.timex_type, "mod": v.mod,
        } for v in sorted(a.value_mentions, key=lambda v: (v.span.start, v.span.end, v.id))],
        "event_mentions": [{
            "id": m.id, "event_id": m.event_id, "type": m.type, "trigger_start": m.trigger.start,
            "trigger_end": m.trigger.end, "trigger_text": m.trigger.text, "realis": m.realis,
            "polarity": m.polarity, "genericity": m.genericity, "tense": m.tense, "modality": m.modality,
            "arguments": [_argument(x.role, x.ref, fillers[x.ref].span) for x in m.arguments],
        } for m in event_mentions],
        "events": [{"id": e.id, "type": e.type, "mention_ids": event_mention_ids.get(e.id, [])}
                   for e in a.events],
        "topics": list(meta.topics), "factuality": meta.factuality, "story": meta.extra.get("story"),
        "text_sha256": a.text_sha256,
        "date_precision": meta.date_precision, "date_evidence": meta.extra.get("date_evidence"),
    }


def _argument(role: str, ref: str, span: Span) -> dict:
    return {"role": role, "ref_id": ref, "start": span.start, "end": span.end, "text": span.text}


def gold_spans(annotation: Annotation) -> list[Span]:
    """Every span a sentence must not cut: entity extents, values and triggers."""
    return [*(m.span for m in annotation.entity_mentions), *(v.span for v in annotation.value_mentions),
            *(m.trigger for m in annotation.event_mentions)]


def joined_sentences(text: str, spans: list[Span],
                     tokens: list[tuple[int, int]] | None = None) -> tuple[list[tuple[int, int]], int]:
    """The sentences of `text`, joined where one would cut a span; and how many joins were made."""
    out: list[tuple[int, int]] = []
    joins = 0
    cuts = sorted((s.start, s.end) for s in spans)
    i, reach = 0, -1  # reach: the furthest end of the spans that start before the boundary
    for start, end in sentences(text, tokens):
        if out:
            boundary = out[-1][1]
            while i < len(cuts) and cuts[i][0] < boundary:
                reach = max(reach, cuts[i][1])
                i += 1
            if reach > boundary:
                out[-1] = (out[-1][0], end)
                joins += 1
                continue
        out.append((start, end))
    return out, joins


class _Sentence:
    def __init__(self, index: int, start: int, end: int, spans: list[tuple[int, int]]):
        self.index, self.start, self.end = index, start, end
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def token_range(self, span: Span) -> tuple[int, int, bool]:
        """Token indices `[first, last)` covering the span, and whether it had to be widened."""
        first = bisect_right(self.ends, span.start)
        last = bisect_left(self.starts, span.end)
        widened = self.starts[first] != span.start or self.ends[last - 1] != span.end
        return first, last, widened


def _bio(n: int, ranges: list[tuple[int, int, str]]) -> tuple[list[int], int]:
    """BIO tag ids for the outermost ranges; and how many ranges crossed a kept one and were left out."""
    tags = [_TAG["O"]] * n
    kept_end = -1  # kept ranges do not overlap and come in order, so only the last one can overlap the next
    crossing = 0
    for first, last, label in sorted(ranges, key=lambda r: (r[0], -r[1], r[2])):
        if first < kept_end:
            crossing += last > kept_end
            continue
        kept_end = last
        tags[first] = _TAG[f"B-{label}"]
        for i in range(first + 1, last):
            tags[i] = _TAG[f"I-{label}"]
    return tags, crossing


def _sentence_base(document: Document, sentence: _Sentence) -> dict:
    text = document.text
    return {"document_id": document.id, "sentence_index": sentence.index, "start": sentence.start,
            "end": sentence.end, "text": text[sentence.start:sentence.end],
            "tokens": [text[s:e] for s, e in sentence.spans], "token_starts": sentence.starts,
            "token_ends": sentence.ends}


def _filler_row(m: EntityMention | ValueMention, first: int, last: int) -> dict:
    entity = isinstance(m, EntityMention)
    return {"id": m.id, "entity_id": m.entity_id if entity else None, "kind": "entity" if entity else "value",
            "type": m.type, "subtype": m.subtype, "mention_type": m.mention_type if entity else None,
            "start": m.span.start, "end": m.span.end, "text": m.span.text, "token_start": first, "token_end": last}


_WIDENED = {EntityMention: "entity_mentions_widened", ValueMention: "value_mentions_widened",
            EventMention: "triggers_widened"}


def _sentences(document: Document) -> tuple[list[_Sentence], int]:
    tokens = tokenize(document.text)
    bounds, joins = joined_sentences(document.text, gold_spans(document.annotation), tokens)
    starts = [s for s, _ in tokens]
    return [_Sentence(i, s, e, tokens[bisect_left(starts, s):bisect_left(starts, e)])
            for i, (s, e) in enumerate(bounds)], joins


def _place(sents: list[_Sentence], items: list[tuple], counts: Counter) -> dict[int, list[tuple]]:
    """(item, span) pairs → per sentence index, (item, first token, last token) in text order."""
    starts = [s.start for s in sents]
    out: dict[int, list[tuple]] = {s.index: [] for s in sents}
    for item, span in sorted(items, key=lambda x: (x[1].start, x[1].end, x[0].id)):
        sentence = sents[bisect_right(starts, span.start) - 1]
        first, last, widened = sentence.token_range(span)
        counts[_WIDENED[type(item)]] += widened
        out[sentence.index].append((item, first, last))
    return out


def rows(document: Document) -> Rows:
    """Every release row of one document."""
    a = document.annotation
    sents, joins = _sentences(document)
    out = Rows(document_row(document), [], [], 0, 0, Counter({"sentences_joined": joins}))
    mentions = _place(sents, [(m, m.span) for m in (*a.entity_mentions, *a.value_mentions)], out.alignment)
    triggers = _place(sents, [(m, m.trigger) for m in a.event_mentions], out.alignment)
    place = {m.id: (index, first, last) for index, items in mentions.items() for m, first, last in items}
    fillers = a.mentions_by_id()
    for sentence in sents:
        base = _sentence_base(document, sentence)
        out.tokens += len(sentence.spans)
        out.words += count_words(document.text, sentence.start, sentence.end)
        entity = [(f, l, m.type, m.mention_type) for m, f, l in mentions[sentence.index]
                  if isinstance(m, EntityMention)]
        ner_tags, crossing_named = _bio(len(sentence.spans), [(f, l, t) for f, l, t, kind in entity if kind == "NAM"])
        mention_tags, crossing_all = _bio(len(sentence.spans), [(f, l, t) for f, l, t, _ in entity])
        out.alignment["named_mentions_crossing"] += crossing_named
        out.alignment["mentions_crossing"] += crossing_all
        out.ner.append({**base, "ner_tags": ner_tags, "mention_tags": mention_tags})
        out.events.append({**base, "entity_mentions": [_filler_row(m, f, l) for m, f, l in mentions[sentence.index]],
                           "event_mentions": [_event_row(m, f, l, sentence.index, place, fillers, out.alignment)
                                              for m, f, l in triggers[sentence.index]]})
    return out


def _event_row(m: EventMention, first: int, last: int, sentence: int, place: dict, fillers: dict,
               counts: Counter) -> dict:
    arguments = []
    for arg in m.arguments:
        where, f, l = place[arg.ref]
        inside = where == sentence
        counts["arguments_outside_sentence"] += not inside
        arguments.append({**_argument(arg.role, arg.ref, fillers[arg.ref].span),
                          "token_start": f if inside else None, "token_end": l if inside else None})
    return {"id": m.id, "event_id": m.event_id, "type": m.type, "trigger_start": m.trigger.start,
            "trigger_end": m.trigger.end, "trigger_text": m.trigger.text, "trigger_token_start": first,
            "trigger_token_end": last, "realis": m.realis, "polarity": m.polarity, "genericity": m.genericity,
            "tense": m.tense, "modality": m.modality, "arguments": arguments}

