"""The deterministic offline tokenizer and sentence splitter of Hadath.

Tokens and sentences are half-open `(start, end)` code-point spans into the text they came from, so
they line up with every stored annotation offset without any normalization.

A word token is a run of letters and digits (Arabic-Indic ٠–٩ and Persian ۰–۹ digits included) together
with the marks written on them: Arabic diacritics U+064B–065F, dagger alef U+0670, Quranic annotation
signs and tatweel U+0640 stay inside the word, because Python's `re` `\\w` does not match the
diacritics and would split a voweled word. A separator between two digits stays inside the token
(`3.5`, `1,000`, `و٣٫٥`). Every other character that is not white space is a token of its own, so
punctuation is always split off.

A sentence ends after a run of `.`, `!`, `?` or `؟` (with any closing quotes or brackets that follow it)
and at every line break.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_WORD_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
_INNER_SEPARATOR = r"(?<=\d)[.,\u066b\u066c](?=\d)"  # 3.5, 1,000, ٣٫٥: a separator between two digits
_WORD_TOKEN = rf"(?:{_WORD_CHAR}|{_INNER_SEPARATOR})+"
_TOKEN = re.compile(rf"{_WORD_TOKEN}|\S")
_WORDS = re.compile(_WORD_TOKEN)
_WORD = re.compile(rf"{_WORD_CHAR}")

SENTENCE_END = frozenset(".!?\u061f")
CLOSING = frozenset("\"'»”’)]}›")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The tokens of `text[start:end]` as `(start, end)` offsets into `text`."""
    end = len(text) if end is None else end
    return [m.span() for m in _TOKEN.finditer(text, start, end)]


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """How many tokens of `text[start:end]` are words (`is_word`), without building the tokens."""
    return sum(1 for _ in _WORDS.finditer(text, start, len(text) if end is None else end))


def is_word(token: str) -> bool:
    """Does the token hold a letter or a digit (and so count as a word, not punctuation)?"""
    return _WORD.search(token) is not None


def _closes(text: str, i: int) -> bool:
    """Does the character at `i` close a quote or bracket? A straight quote closes unless a word follows."""
    if text[i] not in CLOSING:
        return False
    return text[i] not in "\"'" or i + 1 == len(text) or not is_word(text[i + 1])


def sentences(text: str, tokens: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences of `text` as `(start, end)` offsets, from the first to the last token of each;
    pass `tokens` when `tokenize(text)` is already at hand."""
    out: list[tuple[int, int]] = []
    first: int | None = None
    last_end = 0
    closing = False
    for start, end in tokenize(text) if tokens is None else tokens:
        if first is not None and (closing and text[start] not in SENTENCE_END and not _closes(text, start)
                                  or "\n" in text[last_end:start]):
            out.append((first, last_end))
            first = None
        if first is None:
            first, closing = start, False
        if text[start] in SENTENCE_END and end - start == 1:
            closing = True
        elif closing and not _closes(text, start):
            closing = False
        last_end = end
    if first is not None:
        out.append((first, last_end))
    return out


def cut_at(tokens: list[tuple[int, int]], edges: list[int]) -> tuple[list[tuple[int, int]], int]:
    """The tokens cut at every edge strictly inside one (`edges` sorted); returns them and how many cuts were
    made. The exports cut at gold span edges, so that every span is a whole-token range."""
    out, cuts = [], 0
    for start, end in tokens:
        lo, hi = bisect_right(edges, start), bisect_left(edges, end)
        for edge in edges[lo:hi]:
            out.append((start, edge))
            start = edge
            cuts += 1
        out.append((start, end))
    return out, cuts
