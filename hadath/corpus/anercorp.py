"""ANERcorp: the vendored token stream, CAMeL Lab's sentences and split, and article texts built from it.

The source is one `token TAG` pair a line with no document boundaries. Reading applies exactly CAMeL
Lab's documented normalizations (empty tokens dropped, U+200F removed, middle and bold periods as
periods) plus NFC, and nothing else. A sentence ends after every run of one or more periods; the
sentences holding the last 25,008 tokens are CAMeL's test split.

Article texts join the tokens as written Arabic is spaced: no space before closing punctuation, none
after opening brackets, quotes paired within a sentence, one space between sentences (the period rule
also cuts abbreviations such as `أ. ش. أ`, so a sentence is no line of the text). Where articles begin is
read, not computed: `articles.tsv` beside the source holds one row per article with its first source
line, its estimated date and the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .files import Layout, load_document, load_splits, write_document, write_json_atomic
from .model import Annotation, Document, Metadata
from .text import sha256

TEST_TOKENS = 25008
TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
_CAMEL_MAP = {"\u200f": "", "\u00b7": ".", "\u2022": "."}
_NO_SPACE_BEFORE = {".", ",", "،", "؛", ";", ":", "!", "؟", "?", ")", "»", "]", "),", '".', "…"}
_NO_SPACE_AFTER = {"(", "«", "["}
_PAIRED_QUOTES = {'"', "'", "''"}


class SourceError(ValueError):
    """A source line that cannot be read as `token TAG`; the message names the line."""


@dataclass(frozen=True)
class Token:
    index: int      # position in the token stream, 0-based, after empty tokens are dropped
    line: int       # 1-based line of the source file
    text: str
    tag: str


def camel_normalize(token: str) -> str:
    for old, new in _CAMEL_MAP.items():
        token = token.replace(old, new)
    return unicodedata.normalize("NFC", token)


# One source line holds two pairs where a line break was lost: `. Oالإصابة O`.
_JOINED_LINES = {". Oالإصابة O": ((".", "O"), ("الإصابة", "O"))}


def _pairs(line: str, number: int) -> list[tuple[str, str]]:
    if line in _JOINED_LINES:
        return list(_JOINED_LINES[line])
    token, _, tag = line.rstrip().rpartition(" ")
    token = camel_normalize(token.strip())
    if not token:
        return []
    if tag not in TAGS:
        raise SourceError(f"line {number}: tag {tag!r} is not one of {', '.join(TAGS)}")
    return [(token, tag)]


def read_tokens(path: str | Path) -> list[Token]:
    """Every non-empty token of the source, in order."""
    tokens: list[Token] = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            for text, tag in _pairs(line.rstrip("\n"), number):
                tokens.append(Token(len(tokens), number, text, tag))
    return tokens


def sentence_starts(tokens: list[Token]) -> list[int]:
    """Token indices where a sentence begins: the first token, and after every run of periods."""
    starts = [0]
    for i in range(1, len(tokens)):
        if tokens[i - 1].text == "." and tokens[i].text != ".":
            starts.append(i)
    return starts


def camel_test_start(tokens: list[Token]) -> int:
    """First token of CAMeL's test split: the sentences holding the last 25,008 tokens."""
    for start in sentence_starts(tokens):
        if len(tokens) - start == TEST_TOKENS:
            return start
    raise SourceError(f"no sentence starts {TEST_TOKENS} tokens before the end of the source")


def detokenize(tokens: list[Token], sentence_start: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """The text of consecutive tokens and each token's `[start, end)` in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    open_quote: set[str] = set()
    previous = None
    for token in tokens:
        if previous is not None:
            sep = _separator(previous, token, open_quote)
            parts.append(sep)
            pos += len(sep)
        if token.index in sentence_start:
            open_quote.clear()
        if token.text in _PAIRED_QUOTES:
            open_quote ^= {token.text}
        offsets.append((pos, pos + len(token.text)))
        parts.append(token.text)
        pos += len(token.text)
        previous = token
    return "".join(parts), offsets


def _separator(previous: Token, token: Token, open_quote: set[str]) -> str:
    if token.text in _NO_SPACE_BEFORE or previous.text in _NO_SPACE_AFTER:
        return ""
    # An opening quote takes no space after it; a closing one none before it.
    if previous.text in _PAIRED_QUOTES and previous.text in open_quote:
        return ""
    if token.text in _PAIRED_QUOTES and token.text in open_quote:
        return ""
    return " "


# --- Articles: where each begins, read from the text, and the documents made of them -------------------

ARTICLE_COLUMNS = ("first_sentence", "first_line", "date", "precision", "evidence", "title", "topics",
                   "reason")
PRECISIONS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}", "unknown": r""}
VALIDATION_TOKENS = 12500
SOURCE = "ANERcorp"
LICENSE = "CC-BY-SA-4.0"


@dataclass(frozen=True)
class Article:
    first_line: int
    date: str | None
    precision: str
    evidence: str
    title: str | None
    topics: tuple[str, ...]
    reason: str


def read_articles(path: str | Path) -> list[Article]:
    """The rows of `articles.tsv`, checked: known columns, dates matching their precision, lines rising."""
    rows = Path(path).read_text(encoding="utf-8").splitlines()
    if not rows or tuple(rows[0].split("\t")) != ARTICLE_COLUMNS:
        raise SourceError(f"{path}: line 1: expected the header {' '.join(ARTICLE_COLUMNS)}")
    articles: list[Article] = []
    for number, row in enumerate(rows[1:], 2):
        cells = row.split("\t")
        if len(cells) != len(ARTICLE_COLUMNS):
            raise SourceError(f"{path}: line {number}: {len(cells)} columns; expected {len(ARTICLE_COLUMNS)}")
        _, line, date, precision, evidence, title, topics, reason = (c.strip() for c in cells)
        if precision not in PRECISIONS or not re.fullmatch(PRECISIONS[precision], date):
            raise SourceError(f"{path}: line {number}: date {date!r} with precision {precision!r}; expected "
                              "day YYYY-MM-DD, month YYYY-MM, year YYYY, or unknown with no date")
        if not line.isdigit() or (articles and int(line) <= articles[-1].first_line):
            raise SourceError(f"{path}: line {number}: first_line {line!r}; expected a line number above "
                              "the previous row's")
        articles.append(Article(int(line), date or None, precision, evidence, title or None,
                                tuple(t.strip() for t in topics.split(",") if t.strip()), reason))
    return articles


@dataclass(frozen=True)
class Piece:
    """One document's stretch of the token stream, `[first, end)` token indices."""
    first: int
    end: int
    article: Article
    cut: bool  # the article continues across the test split line, in another piece


def pieces(tokens: list[Token], articles: list[Article]) -> list[Piece]:
    """Articles as token ranges, an article that straddles the test line cut there."""
    sentence_start = set(sentence_starts(tokens))
    first_of_line: dict[int, int] = {}
    for t in tokens:  # the sentence start on a line, else its first token (line 123413 holds two tokens)
        if t.line not in first_of_line or t.index in sentence_start:
            first_of_line[t.line] = t.index
    starts = []
    for a in articles:
        if a.first_line not in first_of_line:
            raise SourceError(f"articles.tsv: first_line {a.first_line} holds no token of the source")
        starts.append(first_of_line[a.first_line])
        if starts[-1] not in sentence_start:
            raise SourceError(f"articles.tsv: first_line {a.first_line} begins no sentence; an article begins "
                              "where a sentence does, so that each CAMeL sentence lies in one document")
    if not starts or starts[0] != 0:
        raise SourceError("articles.tsv: the first article must begin at the first token of the source")
    split = camel_test_start(tokens)
    cut_article = None
    if split not in starts:
        cut_article = max(k for k, s in enumerate(starts) if s < split)
    bounds = sorted(set(starts) | {split}) + [len(tokens)]
    out, k = [], 0
    for first, end in zip(bounds, bounds[1:]):
        while k + 1 < len(starts) and starts[k + 1] <= first:
            k += 1
        out.append(Piece(first, end, articles[k], k == cut_article))
    return out


def doc_id(piece: Piece, tokens: list[Token]) -> str:
    """`anercorp-` and the source line of the piece's first token: stable when other boundaries move."""
    return f"anercorp-{tokens[piece.first].line:06d}"


def split_of_pieces(tokens: list[Token], items: list[Piece]) -> dict[str, str]:
    """CAMeL's test tokens are test; the articles holding about the last 12,500 tokens before it are
    validation (the article start closest to that line); the rest is train."""
    split = camel_test_start(tokens)
    starts = [p.first for p in items if p.first < split]
    validation = min(starts, key=lambda s: (abs(split - s - VALIDATION_TOKENS), s))
    return {doc_id(p, tokens): "test" if p.first >= split else "validation" if p.first >= validation else "train"
            for p in items}


def documents(tokens: list[Token], articles: list[Article]):
    """Each piece as a Document with empty annotations, and its tokens' `[start, end)` in its text."""
    sentence_start = set(sentence_starts(tokens))
    for piece in pieces(tokens, articles):
        text, offsets = detokenize(tokens[piece.first:piece.end], sentence_start)
        a = piece.article
        lines = f"{tokens[piece.first].line}–{tokens[piece.end - 1].line}"
        notes = f"ANERcorp source lines {lines}; article start: {a.reason}."
        if piece.cut:
            notes += " The article runs across the line of CAMeL's test split and is cut there into two documents."
        extra = {"date_precision": a.precision, "source_tokens": [piece.first, piece.end], "notes": notes}
        if a.evidence:
            extra["date_evidence"] = a.evidence
        meta = Metadata(doc_id(piece, tokens), "ar", a.date, a.title if not piece.cut or piece.first != camel_test_start(tokens)
                        else None, SOURCE, "sourced", LICENSE, a.topics, "reported", extra)
        annotation = Annotation.from_dict({"document_id": meta.id, "text_sha256": sha256(text),
                                           "entities": [], "entity_mentions": [], "value_mentions": [],
                                           "events": [], "event_mentions": []})
        yield Document(meta, text, annotation), offsets


SPLIT_METHOD = (
    "ANERcorp (sourced, real newswire): test is CAMeL Lab's test split, the sentences holding the last "
    "25,008 tokens, in whole articles (an article crossing that line would be cut there); validation is the "
    "articles holding about the last 12,500 tokens before it (from the article start closest to that many "
    "tokens before test); train is the rest of ANERcorp. Every composed document, and the seed, are in "
    "train. Documents added later are assigned by scripts/assign_splits.py; assignments never move."
)


def plan(root: Path, source: Path, articles_path: Path):
    """What an import writes: the documents, and the splits. Refuses to change an annotated text."""
    layout = Layout(root)
    tokens = read_tokens(source)
    articles = read_articles(articles_path)
    docs = list(documents(tokens, articles))
    split = split_of_pieces(tokens, pieces(tokens, articles))
    out = []
    for document, _ in docs:
        if layout.text_path(document.id).exists():
            old = load_document(layout, document.id)
            if old.text != document.text and _annotated(old.annotation):
                raise SourceError(f"{layout.text_path(document.id)}: the import would change an annotated text; "
                                  "texts are frozen, so fix articles.tsv instead")
            if old.text == document.text:
                document = type(document)(_merged(old.metadata, document.metadata), document.text,
                                          old.annotation)
        out.append(document)
    stale = {i for i in layout.document_ids() if i.startswith("anercorp-")} - {d.id for d in out}
    if stale:
        raise SourceError(f"{layout.documents_dir}: {len(stale)} ANERcorp documents the import would not write "
                          f"(e.g. {min(stale)}); remove them first if the article boundaries changed")
    return out, _splits(load_splits(root), split)


def _annotated(annotation) -> bool:
    return bool(annotation.entity_mentions or annotation.value_mentions or annotation.event_mentions)


def _merged(old, new):
    return Metadata.from_dict({**old.to_dict(), **new.to_dict()})


def _splits(current: dict[str, list[str]], anercorp: dict[str, str]) -> dict:
    out = {"train": [], "validation": [], "test": []}
    for name, ids in current.items():
        for i in ids:
            if i not in anercorp:
                out["train"].append(i)  # composed texts and the seed are train only
    for i, name in sorted(anercorp.items()):
        out[name].append(i)
    return {name: sorted(ids) for name, ids in out.items()} | {"method": SPLIT_METHOD}


def write(root: Path, source: Path, articles_path: Path) -> dict[str, int]:
    """Import ANERcorp into the corpus at `root`; returns the number of documents per split."""
    docs, splits = plan(root, source, articles_path)
    layout = Layout(root)
    for document in docs:
        write_document(layout, document)
    write_json_atomic(layout.splits_path, splits)
    return {name: sum(1 for i in splits[name] if i.startswith("anercorp-")) for name in ("train", "validation", "test")}


# --- The release config `anercorp`: CAMeL's sentences and split, each token placed in its document --------

def config_rows(source: Path, documents) -> dict[str, list[dict]]:
    """Rows of the `anercorp` config per split (`train`, `test`): one per CAMeL sentence, with the
    source's tokens and tags, the document holding it and each token's offsets in that document's text.

    `documents` are the corpus's ANERcorp documents; their texts must be the source's (a test checks)."""
    tokens = read_tokens(source)
    starts = sentence_starts(tokens)
    sentence_of = set(starts)
    place: list[tuple[str, int, int] | None] = [None] * len(tokens)
    for document in documents:
        first, end = document.metadata.extra["source_tokens"]
        text, offsets = detokenize(tokens[first:end], sentence_of)
        if text != document.text:
            raise SourceError(f"{document.id}: its text is not the source's tokens {first}–{end}")
        for k, (s, e) in enumerate(offsets):
            place[first + k] = (document.id, s, e)
    split = camel_test_start(tokens)
    out: dict[str, list[dict]] = {"train": [], "test": []}
    for index, (a, b) in enumerate(zip(starts, starts[1:] + [len(tokens)])):
        if any(p is None for p in place[a:b]):
            raise SourceError(f"source tokens {a}–{b}: not in any ANERcorp document")
        out["test" if a >= split else "train"].append({
            "id": f"anercorp-s{index:05d}", "sentence_index": index, "document_id": place[a][0],
            "tokens": [t.text for t in tokens[a:b]], "ner_tags": [TAGS.index(t.tag) for t in tokens[a:b]],
            "token_starts": [p[1] for p in place[a:b]], "token_ends": [p[2] for p in place[a:b]],
            "source_lines": [t.line for t in tokens[a:b]],
        })
    return out
