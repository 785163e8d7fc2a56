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
