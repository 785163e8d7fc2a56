"""Chunks from token tags, under two stated policies.

`strict` is seqeval's `mode='strict', scheme=IOB2`: a chunk starts at `B-X` and goes on over `I-X`;
an `I-X` that continues no chunk of type X starts nothing and is counted as invalid; a prefix other
than B, I, O is an error.

`conlleval` is conlleval.pl's `startOfChunk`/`endOfChunk` (CoNLL-2000, version 2004-01-26): an `I-X`
after `O` or after another type starts a chunk, E and the bracket tags are understood, and the type is
everything after the first hyphen (`B-Contact-Info` has type `Contact-Info`). Chunk counts equal the
script's for any typed tags; two exotic cases differ, because we close every chunk at the end of its
sentence: untyped `S`/`E` tags and the bracket tags `[`/`]`, which the script may carry over a
sentence break or count once where we count two.

Chunks are `(type, start, end)` with `end` exclusive, in token positions of one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

POLICIES = ("strict", "conlleval")


class BioError(ValueError):
    """A tag the policy cannot read."""


@dataclass(frozen=True)
class Chunking:
    chunks: list[tuple[str, int, int]]
    invalid: int  # tags that continue no chunk (strict) or break the IOB2 scheme (conlleval)


def _split_strict(tag: str) -> tuple[str, str]:
    prefix = tag[:1]
    if prefix not in ("B", "I", "O"):
        raise BioError(f"tag {tag!r}: expected O, B-TYPE or I-TYPE")
    # seqeval takes everything after the prefix, less surrounding hyphens, as the type.
    return prefix, tag[1:].strip("-") or "_"


def strict_chunks(tags: list[str]) -> Chunking:
    chunks, invalid = [], 0
    open_type, begin = None, 0
    for i, tag in enumerate(tags):
        prefix, kind = _split_strict(tag)
        if open_type is not None and not (prefix == "I" and kind == open_type):
            chunks.append((open_type, begin, i))
            open_type = None
        if prefix == "B":
            open_type, begin = kind, i
        elif prefix == "I" and open_type is None:
            invalid += 1
    if open_type is not None:
        chunks.append((open_type, begin, len(tags)))
    return Chunking(chunks, invalid)


def _split_conlleval(tag: str) -> tuple[str, str]:
    # conlleval.pl (2004-01-26): /^([^-]*)-(.*)$/, so the type is everything after the first hyphen;
    # a type the script reads as false ("" or "0") becomes "".
    prefix, hyphen, kind = tag.partition("-")
    if not hyphen:
        return tag, ""
    return prefix, kind if kind not in ("", "0") else ""


def _end_of_chunk(prev: str, tag: str, prev_type: str, kind: str) -> bool:
    if (prev, tag) in {("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"), ("E", "E"), ("E", "I"), ("E", "O")}:
        return True
    if prev not in ("O", ".") and prev_type != kind:
        return True
    return prev in ("]", "[")


def _start_of_chunk(prev: str, tag: str, prev_type: str, kind: str) -> bool:
    if (prev, tag) in {("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"), ("E", "E"), ("E", "I"), ("O", "E")}:
        return True
    if tag not in ("O", ".") and prev_type != kind:
        return True
    return tag in ("[", "]")


def conlleval_chunks(tags: list[str]) -> Chunking:
    """Chunks exactly as conlleval.pl delimits them (a sentence is closed by an `O`)."""
    chunks, invalid = [], 0
    prev, prev_type, begin, is_open, open_type = "O", "", 0, False, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, kind = _split_conlleval(tag)
        if i < len(tags) and prefix == "I" and not (prev in ("B", "I") and prev_type == kind):
            invalid += 1
        ends = _end_of_chunk(prev, prefix, prev_type, kind)
        starts = _start_of_chunk(prev, prefix, prev_type, kind)
        if is_open and (ends or starts):
            chunks.append((open_type, begin, i))
            is_open = False
        if starts:
            begin, is_open, open_type = i, True, kind
        prev, prev_type = prefix, kind
    if is_open:  # an untyped S or E tag is not ended by O in the Perl rules; the sentence ends it
        chunks.append((open_type, begin, len(tags)))
    return Chunking(chunks, invalid)


def chunks(tags: list[str], policy: str) -> Chunking:
    if policy == "strict":
        return strict_chunks(tags)
    if policy == "conlleval":
        return conlleval_chunks(tags)
    raise ValueError(f"unknown BIO policy {policy!r}; expected one of {', '.join(POLICIES)}")


# --- Whole files at once: tags as integer codes over a vocabulary, chunked without a loop per token ----------

@dataclass(frozen=True)
class TagTable:
    """What each tag of a vocabulary means: its prefix (B, I, O, or another letter) and its type.

    Built once per distinct tag, so a file's tags are parsed as many times as it has tag strings, not
    tokens."""

    prefix: list[str]
    type: list[str]

    @classmethod
    def of(cls, vocab: list[str]) -> "TagTable":
        prefixes, types = [], []
        for tag in vocab:
            if tag == "O":
                prefixes.append("O")
                types.append("")
                continue
            prefix = tag[:1]
            prefixes.append(prefix)
            types.append(tag[1:].strip("-") or "_")
        return cls(prefixes, types)


def strict_spans(codes, vocab: list[str], sentence_starts):
    """seqeval strict IOB2 over a whole file: (type codes into `types`, starts, ends, types, invalid).

    `codes` index `vocab` per token; `sentence_starts` holds the first token of every sentence and the
    number of tokens last. A chunk is a `B-X` and the `I-X` tokens that follow it in its sentence; a run
    of `I-X` that follows no `B-X` is invalid, token by token, as in `strict_chunks`."""
    import numpy as np

    table = TagTable.of(vocab)
    bad = [tag for tag, p in zip(vocab, table.prefix) if p not in ("B", "I", "O")]
    if bad:
        raise BioError(f"tag {bad[0]!r}: expected O, B-TYPE or I-TYPE")
    types = sorted({t for t, p in zip(table.type, table.prefix) if p != "O"})
    type_code = {t: i for i, t in enumerate(types)}
    prefix_of = np.array([{"O": 0, "B": 1, "I": 2}[p] for p in table.prefix], dtype=np.int8)
    type_of = np.array([type_code.get(t, -1) for t in table.type], dtype=np.int32)
    codes = np.asarray(codes)
    n = len(codes)
    empty = np.zeros(0, np.int64)
    if n == 0:
        return empty, empty, empty, types, 0
    prefix, kind = prefix_of[codes], type_of[codes]
    new_sentence = np.zeros(n, bool)
    new_sentence[np.asarray(sentence_starts[:-1], dtype=np.int64)] = True
    cont = np.zeros(n, bool)
    cont[1:] = (prefix[1:] == 2) & (kind[1:] == kind[:-1]) & (prefix[:-1] != 0)
    cont &= ~new_sentence
    run_start = np.flatnonzero((prefix != 0) & ~cont)
    breaks = np.flatnonzero(~cont)
    run_end = np.append(breaks, n)[np.searchsorted(breaks, run_start, side="right")]
    chunk = prefix[run_start] == 1
    invalid = int((run_end[~chunk] - run_start[~chunk]).sum())
    starts = run_start[chunk].astype(np.int64)
    return kind[starts].astype(np.int64), starts, run_end[chunk].astype(np.int64), types, invalid
