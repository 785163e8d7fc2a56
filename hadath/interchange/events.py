"""Event-extraction formats: TextEE's processed JSON Lines and DyGIE++'s documents, one file per split.

Both formats count spans in tokens, so the export tokenizes each document with `hadath.corpus.tokens`
and then cuts a token wherever a gold span begins or ends inside it (a trigger after the clitic و, a
name after ب): every span is then a whole-token range and reads back onto exactly its characters.
Sentences (`hadath.corpus.tokens.sentences`) are joined where a span, or an event with its arguments,
crosses from one into the next, so that each event sits in one TextEE window or DyGIE++ sentence.

DyGIE++ takes one token per trigger: the tokens of a trigger that covers several are written as one
token (it holds the space between them). A span whose edge would fall inside such a token is
widened to it and counted; none of the corpus's spans is.

Every line carries `token_offsets`, the code-point `[start, end)` of each token in the document text,
so a prediction file in the same format reads back onto character offsets without guessing
(`hadath.scoring.eventfiles`).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.files import load_splits, split_of, write_text_atomic
from ..corpus.model import Document
from ..corpus.tokens import sentences as split_sentences
from ..corpus.tokens import cut_at, tokenize

FORMATS = ("textee", "dygiepp")


@dataclass
class Tally:
    """What the export had to change to put the spans on tokens, over all documents written."""

    documents: int = 0
    tokens: int = 0
    split: int = 0  # tokens of the release's tokenizer cut at a span edge (each cut adds one token)
    widened: int = 0  # spans grown to token edges (only inside a DyGIE++ multi-token trigger)
    merged_triggers: int = 0  # DyGIE++: triggers of several tokens written as one token
    joined: int = 0  # sentence breaks removed because a span or an event crossed them
    examples: list[str] = field(default_factory=list)

    def lines(self, fmt: str) -> list[str]:
        out = [f"{self.tokens} tokens; {self.split} tokens split where a gold span begins or ends inside a "
               f"token (a clitic), so that every span is a whole-token range; {self.widened} spans widened to "
               f"tokens; {self.joined} sentence breaks joined because a span or an event crossed them"]
        if fmt == "dygiepp":
            out.append(f"{self.merged_triggers} triggers of several tokens written as one token "
                       "(DyGIE++ takes one token per trigger)")
        out += [f"widened: {e}" for e in self.examples]
        return out


@dataclass
class Tokenized:
    """A document on tokens: token offsets, windows of token indices, and every span as a token range."""

    tokens: list[tuple[int, int]]
    windows: list[tuple[int, int]]  # [first, last) token indices
    ranges: dict[tuple[int, int], tuple[int, int]]  # character span -> [first, last) token indices


def _merge(tokens: list[tuple[int, int]], spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    """Each span of several tokens made one token (DyGIE++'s single-token triggers)."""
    starts = [s for s, _ in tokens]
    joins = []
    for s, e in spans:
        first, last = bisect_right(starts, s) - 1, bisect_left(starts, e)
        if last - first > 1:
            joins.append((first, last))
    if not joins:
        return tokens, 0
    keep, out, i = sorted(joins), [], 0
    for first, last in keep:
        if first < i:  # overlaps a merge already made: extend it
            out[-1] = (out[-1][0], max(out[-1][1], tokens[last - 1][1]))
            i = max(i, last)
            continue
        out += tokens[i:first]
        out.append((tokens[first][0], tokens[last - 1][1]))
        i = last
    return out + tokens[i:], len(joins)


def _windows(text: str, tokens: list[tuple[int, int]], extents: list[tuple[int, int]], tally: Tally) -> list[tuple[int, int]]:
    """Sentences as token ranges, joined where an extent crosses a break."""
    sents = split_sentences(text)
    if not sents:
        return []
    ends = [e for _, e in sents]
    joined = [False] * len(sents)  # joined[i]: sentence i continues into i + 1
    for s, e in extents:
        first, last = bisect_right(ends, s), bisect_left(ends, e)
        for i in range(first, min(last, len(sents) - 1)):
            joined[i] = True
    tally.joined += sum(joined)
    starts = [s for s, _ in tokens]
    out, begin = [], sents[0][0]
    for i, (_, end) in enumerate(sents):
        if not joined[i] or i == len(sents) - 1:
            out.append((bisect_left(starts, begin), bisect_left(starts, end)))
            if i + 1 < len(sents):
                begin = sents[i + 1][0]
    return out


def tokenized(document: Document, tally: Tally, single_token_triggers: bool = False) -> Tokenized:
    a = document.annotation
    text = document.text
    spans = [(m.span.start, m.span.end) for m in (*a.entity_mentions, *a.value_mentions)]
    triggers = [(e.trigger.start, e.trigger.end) for e in a.event_mentions]
    edges = sorted({x for span in (*spans, *triggers) for x in span})
    tokens, cuts = cut_at(tokenize(text), edges)
    tally.split += cuts
    if single_token_triggers:
        tokens, merged = _merge(tokens, triggers)
        tally.merged_triggers += merged
    fillers = a.mentions_by_id()
    extents = list(spans)
    for em in a.event_mentions:
        places = [(em.trigger.start, em.trigger.end)] + [
            (fillers[arg.ref].span.start, fillers[arg.ref].span.end) for arg in em.arguments if arg.ref in fillers]
        extents.append((min(s for s, _ in places), max(e for _, e in places)))
    starts, ends = [s for s, _ in tokens], [e for _, e in tokens]
    ranges = {}
    for s, e in {*spans, *triggers}:
        first, last = bisect_right(ends, s), bisect_left(starts, e)
        if (tokens[first][0], tokens[last - 1][1]) != (s, e):
            tally.widened += 1
            if len(tally.examples) < 10:
                tally.examples.append(f"{document.id} [{s}, {e}) {text[s:e]!r} -> "
                                      f"[{tokens[first][0]}, {tokens[last - 1][1]})")
        ranges[(s, e)] = (first, last)
    tally.documents += 1
    tally.tokens += len(tokens)
    return Tokenized(tokens, _windows(text, tokens, extents, tally), ranges)


def _window_of(windows: list[tuple[int, int]], token: int) -> int:
    return bisect_right([w[0] for w in windows], token) - 1


def textee_lines(document: Document, tally: Tally) -> list[str]:
    """One TextEE instance per window: tokens, entity mentions (values too, by their value type) and event
    mentions on window token offsets, end exclusive; arguments name their filler's mention id."""
    doc = tokenized(document, tally)
    a, text = document.annotation, document.text
    windows = [{"doc_id": document.id, "wnd_id": f"{document.id}-{k}", "text": text[doc.tokens[f][0]:doc.tokens[l - 1][1]],
                "lang": "ar", "tokens": [text[s:e] for s, e in doc.tokens[f:l]],
                "token_offsets": [list(t) for t in doc.tokens[f:l]], "entity_mentions": [], "event_mentions": []}
               for k, (f, l) in enumerate(doc.windows)]
    firsts = [w[0] for w in doc.windows]

    def place(start: int, end: int) -> tuple[int, int, int]:
        first, last = doc.ranges[(start, end)]
        k = bisect_right(firsts, first) - 1
        return k, first - firsts[k], last - firsts[k]

    for m in (*a.entity_mentions, *a.value_mentions):
        k, s, e = place(m.span.start, m.span.end)
        item = {"id": f"{windows[k]['wnd_id']}-{m.id}", "entity_type": m.type, "text": m.span.text, "start": s, "end": e}
        if hasattr(m, "mention_type"):
            item["mention_type"] = m.mention_type
        elif m.normalized is not None:
            item["normalized"] = m.normalized
        windows[k]["entity_mentions"].append(item)
    fillers = a.mentions_by_id()
    for em in a.event_mentions:
        k, s, e = place(em.trigger.start, em.trigger.end)
        args = []
        for arg in em.arguments:
            filler = fillers[arg.ref]
            _, fs, fe = place(filler.span.start, filler.span.end)
            args.append({"entity_id": f"{windows[k]['wnd_id']}-{arg.ref}", "role": arg.role,
                         "text": filler.span.text, "start": fs, "end": fe})
        windows[k]["event_mentions"].append({"id": f"{windows[k]['wnd_id']}-{em.id}", "event_type": em.type,
                                             "trigger": {"text": em.trigger.text, "start": s, "end": e},
                                             "arguments": args})
    return [json.dumps(w, ensure_ascii=False) for w in windows]


def dygiepp_line(document: Document, tally: Tally) -> str:
    """One DyGIE++ document: sentences of tokens, `ner` (values too, by their value type) and `events` per
    sentence on document token indices with inclusive ends, `clusters` of coreferent entity mentions."""
    doc = tokenized(document, tally, single_token_triggers=True)
    a, text = document.annotation, document.text
    firsts = [w[0] for w in doc.windows]
    ner: list[list] = [[] for _ in doc.windows]
    events: list[list] = [[] for _ in doc.windows]
    clusters: dict[str, list] = {}
    for m in (*a.entity_mentions, *a.value_mentions):
        first, last = doc.ranges[(m.span.start, m.span.end)]
        ner[bisect_right(firsts, first) - 1].append([first, last - 1, m.type])
        if hasattr(m, "entity_id"):
            clusters.setdefault(m.entity_id, []).append([first, last - 1])
    fillers = a.mentions_by_id()
    for em in a.event_mentions:
        first, _ = doc.ranges[(em.trigger.start, em.trigger.end)]
        event = [[first, em.type]]
        for arg in em.arguments:
            f, l = doc.ranges[(fillers[arg.ref].span.start, fillers[arg.ref].span.end)]
            event.append([f, l - 1, arg.role])
        events[bisect_right(firsts, first) - 1].append(event)
    out = {"doc_key": document.id, "dataset": "hadath",
           "sentences": [[text[s:e] for s, e in doc.tokens[f:l]] for f, l in doc.windows],
           "token_offsets": [[list(t) for t in doc.tokens[f:l]] for f, l in doc.windows],
           "ner": ner, "events": events,
           "clusters": [c for c in clusters.values() if len(c) > 1]}
    return json.dumps(out, ensure_ascii=False)


def write_corpus(root: Path, documents: list[Document], out_dir: Path, fmt: str) -> Tally:
    """`train.json`, `validation.json`, `test.json` (JSON Lines, as both tools name them) in `fmt`."""
    tally = Tally()
    where = split_of(load_splits(root))
    for split in ("train", "validation", "test"):
        lines: list[str] = []
        for d in documents:
            if where.get(d.id) != split:
                continue
            lines += textee_lines(d, tally) if fmt == "textee" else [dygiepp_line(d, tally)]
        write_text_atomic(out_dir / f"{split}.json", "".join(line + "\n" for line in lines))
    return tally
