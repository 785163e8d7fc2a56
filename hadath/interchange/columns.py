"""CoNLL-style columns for sequence taggers: one token a line, BIO tags, one file per split.

    #begin document 901_fixture_summit
    موسكو	0	5	B-GPE	O	O	O
    ...                                      a blank line ends a sentence (sentences a span crosses are joined)
    #end document

Columns: token, its code-point start and end, then `ENTITY1..n` (nested entity mentions, outermost in
ENTITY1), `VALUE1..n` and `EVENT1..n` (triggers, tagged with the event type). The number of layers
of each kind is the deepest nesting in the corpus, and the header line `#columns` names them.

CoNLL holds no coreference, heads, subtypes, attributes, arguments or normalized values. Tokens are
those of `hadath.corpus.tokens`, cut wherever a gold span begins or ends inside one (`و` + `عُيّن` when
`عُيّن` is a trigger), so every span is a whole-token range and `hadath evaluate` reads the file back
onto exactly the gold's characters. The cut tokens depend on the gold: train on them, but tokenize the
texts a model is evaluated on without them. (The release's `ner` config has the other convention: whole
tokens, a span widened to the tokens it overlaps.)
"""

from __future__ import annotations

from pathlib import Path

from ..corpus.files import load_splits, split_of, write_text_atomic
from ..corpus.model import Document
from ..corpus.tokens import sentences as split_sentences
from ..corpus.tokens import cut_at, tokenize

def sentences(text: str, spans: list[tuple[int, int]] = ()) -> list[list[tuple[int, int]]]:
    """Token spans of `text`, grouped by sentence (`hadath.tokens`), cut at every edge of `spans`;
    sentences that a span crosses (a URL whose dot ends a sentence) are joined, so that no annotation is
    cut in two."""
    joined: list[list[int]] = []
    for start, end in split_sentences(text):
        if joined and any(s < joined[-1][1] < e for s, e in spans):
            joined[-1][1] = end
        else:
            joined.append([start, end])
    edges = sorted({edge for span in spans for edge in span})
    return [cut_at(tokenize(text, start, end), edges)[0] for start, end in joined]


def _layers(spans: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Spans sorted into layers of non-overlapping spans, outermost first."""
    layers: list[list[tuple[int, int, str]]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        for layer in layers:
            if all(span[1] <= s[0] or s[1] <= span[0] for s in layer):
                layer.append(span)
                break
        else:
            layers.append([span])
    return layers


def _sentences(document: Document) -> list[list[tuple[int, int]]]:
    a = document.annotation
    spans = [(m.span.start, m.span.end) for m in (*a.entity_mentions, *a.value_mentions)]
    return sentences(document.text, spans + [(e.trigger.start, e.trigger.end) for e in a.event_mentions])


def _kinds(document: Document) -> dict[str, list[tuple[int, int, str]]]:
    """Spans of each kind; the tokens are cut at their edges (`_sentences`)."""
    a = document.annotation
    return {"ENTITY": [(m.span.start, m.span.end, m.type) for m in a.entity_mentions],
            "VALUE": [(v.span.start, v.span.end, v.type) for v in a.value_mentions],
            "EVENT": [(e.trigger.start, e.trigger.end, e.type) for e in a.event_mentions]}


def _tags(tokens: list[tuple[int, int]], layer: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(tokens)
    for start, end, label in layer:
        inside = [i for i, (s, e) in enumerate(tokens) if s < end and start < e]
        for n, i in enumerate(inside):
            tags[i] = f"{'B' if n == 0 else 'I'}-{label}"
    return tags


def depths(documents: list[Document]) -> dict[str, int]:
    out = {"ENTITY": 1, "VALUE": 1, "EVENT": 1}
    for d in documents:
        for kind, spans in _kinds(d).items():
            out[kind] = max(out[kind], len(_layers(spans)))
    return out


def document_lines(document: Document, depth: dict[str, int]) -> list[str]:
    layers = {kind: _layers(spans) for kind, spans in _kinds(document).items()}
    lines = [f"#begin document {document.id}"]
    for sentence in _sentences(document):
        columns = []
        for kind, n in depth.items():
            for k in range(n):
                columns.append(_tags(sentence, layers[kind][k] if k < len(layers[kind]) else []))
        for i, (s, e) in enumerate(sentence):
            lines.append("\t".join([document.text[s:e], str(s), str(e), *(c[i] for c in columns)]))
        lines.append("")
    lines.append("#end document")
    return lines


def write_corpus(root: Path, documents: list[Document], out_dir: Path) -> int:
    """One `<split>.conll` file per split; returns the number of documents written."""
    depth = depths(documents)
    header = "#columns token start end " + " ".join(f"{k}{i + 1}" for k, n in depth.items() for i in range(n))
    where = split_of(load_splits(root))
    for split in ("train", "validation", "test"):
        chosen = [d for d in documents if where.get(d.id) == split]
        lines = [header]
        for d in chosen:
            lines += document_lines(d, depth)
        write_text_atomic(out_dir / f"{split}.conll", "\n".join(lines) + "\n")
    return len(documents)
