"""CoNLL token/tag files: reading them whole, chunking their tags (flat or nested), mapping tokens to text.

One token a line, its tags after it, a blank line between sentences. Read:
  - `token TAG` (TAB- or space-separated; CoNLL-2003's `token POS CHUNK TAG` keeps only its last column);
  - nested tags, as Wojood writes them: a token followed by one or more tags (`فلسطين I-ORG B-GPE`), or
    one column per nesting level (absent levels are `O`);
  - `hadath export conll` output: `#columns` names the columns (token, start, end, ENTITY1.., VALUE1..,
    EVENT1..), `#begin document ID` / `#end document` frame each document.
Documents start at `# newdoc id = ID` or `#begin document ID`; without either each sentence is a document
named `s1`, `s2`, ...; a `-DOCSTART-` line only ends the sentence before it. Any other line starting with
`#` and holding no TAB is a comment (so a `#` token needs a TAB).

Nothing is kept per token but its text and one small integer per tag column: tags are codes into the
file's vocabulary of distinct tags, so each distinct tag is parsed once. With several tag columns,
chunks are found per type across the columns, as the Wojood scorer runs seqeval: each token takes, for
type X, the first of its tags whose type is X (else `O`), and each type's sequence is chunked alone.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from itertools import repeat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..corpus.text import file_sha256
from .bio import BioError, TagTable, chunks, strict_spans
from .spansets import Checker, EventSpan, InputError, Mention, SpanDocument, SpanSet, Value, read_text

NEWDOC = "# newdoc id ="
BEGIN = "#begin document"
BLOCK = 1 << 20  # characters read at a time: bounds the memory a long file needs in flight
KINDS = ("ENTITY", "VALUE", "EVENT")


@contextmanager
def no_cyclic_gc():
    """Bulk loading makes many objects and no reference cycles; the cyclic collector only slows it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _looks_like_tag(value: str) -> bool:
    return value == "O" or (len(value) > 2 and value[1] == "-" and value[0] in "BIESLU")


def _space_fields(line: str) -> list[str]:
    """A space-separated line: its tags are the trailing fields that look like tags, its token the rest
    (ANERcorp has tokens with a space inside: `الصالحية ونايفة B-PERS`)."""
    fields = line.split()
    k = len(fields)
    while k > 1 and _looks_like_tag(fields[k - 1]):
        k -= 1
    if k == len(fields):  # no tag at the end: the last field is read as one, and checked as such later
        k -= 1
    return [" ".join(fields[:k]), *fields[k:]] if k > 1 else fields


@dataclass
class ConllFile:
    """Documents of sentences of tokens, with one tag code per token and tag column.

    `sentence_starts[k]` is the first token of sentence k (and the token count last); `doc_sentences[d]`
    the first sentence of document d (and the sentence count last). `levels` holds one code array per
    tag column, into `vocab`; `kinds` says what each column tags (ENTITY unless `#columns` says
    otherwise). `offsets`, when the file has start and end columns, holds each token's code points."""

    path: str
    doc_ids: list[str]
    doc_sentences: np.ndarray
    sentence_starts: np.ndarray
    tokens: list[str]
    vocab: list[str]
    levels: list[np.ndarray]
    kinds: list[str]
    offsets: np.ndarray | None = None
    skipped: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # 0-based non-token lines
    layered: bool = False  # `#columns` named the columns: each column is a layer of its own (our export)

    def line_of(self, token: int) -> int:
        """The 1-based line of a token."""
        before = self.skipped - np.arange(len(self.skipped))  # tokens read before each skipped line
        return int(token + np.searchsorted(before, token, side="right")) + 1

    def doc_tokens(self, d: int) -> tuple[int, int]:
        return int(self.sentence_starts[self.doc_sentences[d]]), int(self.sentence_starts[self.doc_sentences[d + 1]])

    @property
    def documents(self) -> dict[str, int]:
        return {doc_id: d for d, doc_id in enumerate(self.doc_ids)}


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.doc_ids: list[str] = []
        self.seen: set[str] = set()
        self.doc_sentences: list[int] = []
        self.sentence_starts: list[int] = [0]
        self.skipped: list[int] = []
        self.tokens: list[str] = []
        self.rows: list[list[str]] = []  # tag fields per token line, for files that are not two columns
        self.tags: list[str] = []
        self.columns: list[str] | None = None
        self.width: int | None = None  # fields per line, while every line has the same number
        self.sep: str | None = None
        self.interned: dict[str, str] = {}

    def fail(self, line: int, message: str):
        raise InputError(f"{self.path}:{line}: {message}")

    def end_sentence(self) -> None:
        if self.sentence_starts[-1] != len(self.tokens):
            self.sentence_starts.append(len(self.tokens))

    def start_document(self, doc_id: str, line: int) -> None:
        self.end_sentence()
        if not doc_id or doc_id in self.seen:
            self.fail(line, f"document id {doc_id!r} is empty or repeated; expected a new document id")
        if not self.doc_ids and len(self.tokens):
            self.fail(line, "tokens before the first document line; expected '# newdoc id = ID' or "
                      "'#begin document ID' first")
        self.seen.add(doc_id)
        self.doc_ids.append(doc_id)
        self.doc_sentences.append(len(self.sentence_starts) - 1)

    @staticmethod
    def classify(line: str) -> str | None:
        """What a line that may not be a token line is; None for a token line."""
        if not line.strip():
            return "blank"
        if line.startswith(NEWDOC) or line.startswith(BEGIN):
            return "document"
        if line.startswith("#columns"):
            return "columns"
        if line.startswith("#") and "\t" not in line:
            return "comment"
        if line.split("\t")[0].split(" ")[0] == "-DOCSTART-":
            return "blank"
        return None

    def act(self, kind: str, line: str, number: int) -> None:
        self.skipped.append(number - 1)
        if kind == "blank" or line.startswith("#end document"):
            self.end_sentence()
        elif kind == "document":
            head = NEWDOC if line.startswith(NEWDOC) else BEGIN
            self.start_document(line[len(head):].strip(), number)
        elif kind == "columns":
            self.columns = line.split()[1:]

    def read(self) -> None:
        text = read_text(self.path)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.endswith("\n"):
            text = text[:-1]
        number, pos = 0, 0
        while pos <= len(text) and text:
            cut = text.find("\n", pos + BLOCK)
            cut = len(text) if cut < 0 else cut
            number += self.block(text[pos:cut], number)
            pos = cut + 1
        self.end_sentence()

    def block(self, block: str, first: int) -> int:
        """Read a block of whole lines; returns its number of lines."""
        if self._two_columns(block, first) is not None:
            return block.count("\n") + 1
        lines = block.split("\n")
        start = 0
        for i in [i for i, line in enumerate(lines) if line[:1] in "#- \t"]:
            kind = self.classify(lines[i])
            if kind is None:
                continue
            self.tokens_of(lines[start:i], first + start)
            self.act(kind, lines[i], first + i + 1)
            start = i + 1
        self.tokens_of(lines[start:], first + start)
        return len(lines)

    def _two_columns(self, block: str, first: int) -> int | None:
        """The common block, read without a Python step per line: `token<TAB>tag` lines and empty lines
        only. Found on the block's code points: where lines start, which are empty, one TAB per line."""
        if self.rows or self.columns is not None or self.sep == " " or self.width not in (None, 2):
            return None
        code = np.frombuffer(block.encode("utf-32-le"), np.uint32)
        newline = np.flatnonzero(code == 10)
        starts = np.concatenate([[0], newline + 1])
        ends = np.append(newline, len(code))
        empty = ends == starts
        first_char = code[np.minimum(starts, max(len(code) - 1, 0))] if len(code) else np.zeros(len(starts), np.uint32)
        odd = ~empty & np.isin(first_char, [35, 45, 32, 9])  # '#', '-', ' ', TAB: may be no token line
        tabs = np.flatnonzero(code == 9)
        per_line = np.bincount(np.searchsorted(starts, tabs, side="right") - 1, minlength=len(starts))
        if odd.any() or not np.array_equal(per_line, (~empty).astype(per_line.dtype)):
            return None
        blank = np.flatnonzero(empty)
        cells = block.replace("\n", "\t").split("\t")
        n = len(starts) - len(blank)
        kept = [c for c in cells if c]
        if len(kept) != 2 * n:  # an empty token or tag: read line by line, which names the line
            return None
        self.sep = "\t"
        self.width = 2
        before = len(self.tokens)
        tokens = kept[0::2]
        self.tokens += map(self.interned.setdefault, tokens, tokens)
        self.tags += kept[1::2]
        self.skipped += (blank + first).tolist()
        out = self.sentence_starts
        for k, i in enumerate(blank.tolist()):
            if out[-1] != before + i - k:
                out.append(before + i - k)
        return n

    def tokens_of(self, lines: list[str], first: int, line_number=None) -> None:
        """Add token lines; `line_number(k)` gives the file line of the k-th (by default first + k + 1)."""
        if not lines:
            return
        line_number = line_number or (lambda k: first + k + 1)
        if self.sep is None:
            self.sep = "\t" if "\t" in lines[0] else " "
        sep = self.sep
        joined = sep.join(lines)
        cells = joined.split(sep) if sep == "\t" else joined.split(" ")
        if (len(cells) == 2 * len(lines) and self.width in (None, 2) and self.columns is None and not self.rows
                and all(map(str.__contains__, lines, repeat(sep)))):
            self.width = 2
            tokens, tags = cells[0::2], cells[1::2]
            if not all(tokens) or not all(tags):
                self._bad_rows(lines, line_number)
            self.tokens += map(self.interned.setdefault, tokens, tokens)
            self.tags += tags
            return
        if self.tags:  # a wider line after two-column ones: every row keeps its fields from here on
            self.rows, self.tags = [[t] for t in self.tags], []
        for k, line in enumerate(lines):
            fields = line.split("\t") if sep == "\t" else _space_fields(line)
            if len(fields) < 2 or not fields[0] or not fields[-1].strip():
                self.fail(line_number(k), f"{line!r}; expected a token and its tags ('token<TAB>tag')")
            if self.width is None:
                self.width = len(fields)
            elif self.width != len(fields):
                self.width = -1
            token = fields[0]
            self.tokens.append(self.interned.setdefault(token, token))
            self.rows.append([f.strip() for f in fields[1:]])

    def _bad_rows(self, lines: list[str], line_number) -> None:
        for k, line in enumerate(lines):
            fields = line.split(self.sep)
            if len(fields) < 2 or not fields[0] or not fields[-1].strip():
                self.fail(line_number(k), f"{line!r}; expected a token and its tags ('token<TAB>tag')")

    def result(self) -> ConllFile:
        if not self.doc_ids:
            n = len(self.sentence_starts) - 1
            self.doc_ids = [f"s{k + 1}" for k in range(n)]
            self.doc_sentences = list(range(n))
        self.doc_sentences.append(len(self.sentence_starts) - 1)
        vocab: dict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__
        vocab["O"]
        offsets = None
        kinds = ["ENTITY"]
        if self.rows:
            columns, kinds, offsets = self._columns()
            levels = [np.fromiter((vocab[c] for c in col), np.int32, len(col)) for col in columns]
        else:
            levels = [np.array(list(map(vocab.__getitem__, self.tags)), dtype=np.int32)]
        return ConllFile(str(self.path), self.doc_ids, np.array(self.doc_sentences, np.int64),
                         np.array(self.sentence_starts, np.int64), self.tokens, list(vocab), levels, kinds,
                         offsets, np.array(self.skipped, np.int64), bool(self.columns))

    def _columns(self):
        rows = self.rows
        if self.columns:
            names = self.columns[1:]
            offsets = None
            if names[:2] == ["start", "end"]:
                try:
                    offsets = np.array([(int(r[0]), int(r[1])) for r in rows], np.int64).reshape(-1, 2)
                except (ValueError, IndexError):
                    self.fail(self.line(0), "start and end columns must hold integers; expected "
                              "'token<TAB>start<TAB>end<TAB>tags...' as #columns says")
                names, rows = names[2:], [r[2:] for r in rows]
            kinds = [next((k for k in KINDS if n.upper().startswith(k)), "ENTITY") for n in names]
            return [[r[k] if k < len(r) else "O" for r in rows] for k in range(len(names))], kinds, offsets
        depth = max(len(r) for r in rows)
        if self.width and self.width > 2 and not all(_looks_like_tag(r[0]) for r in rows):
            return [[r[-1] for r in rows]], ["ENTITY"], None  # CoNLL-2003: token POS CHUNK TAG
        return [[r[k] if k < len(r) else "O" for r in rows] for k in range(depth)], ["ENTITY"] * depth, None

    def line(self, token: int) -> int:
        return ConllFile(str(self.path), [], np.zeros(1, np.int64), np.zeros(1, np.int64), [], [], [], [],
                         None, np.array(self.skipped, np.int64)).line_of(token)


def read_conll(path: Path | str) -> ConllFile:
    reader = _Reader(Path(path))
    with no_cyclic_gc():
        reader.read()
        return reader.result()


# --- Chunks ---------------------------------------------------------------------------------------------


def _projection(conll: ConllFile, levels: list[int], table: TagTable, kind: str) -> np.ndarray:
    """Per token, the code of its first tag (in column order) whose type is `kind`, else `O`."""
    type_match = np.array([t == kind for t in table.type], bool)
    out = np.zeros(len(conll.tokens), np.int32)  # code 0 is "O"
    for k in reversed(levels):
        codes = conll.levels[k]
        hit = type_match[codes]
        out[hit] = codes[hit]
    return out


def _token_chunks(conll: ConllFile, codes: np.ndarray, policy: str):
    """(type names per chunk, starts, ends, invalid) in file token positions."""
    if policy == "strict":
        try:
            kind, starts, ends, types, invalid = strict_spans(codes, conll.vocab, conll.sentence_starts)
        except BioError as exc:
            bad = str(exc).split("'")[1] if "'" in str(exc) else ""
            where = conll.vocab.index(bad) if bad in conll.vocab else -1
            token = int(np.flatnonzero(codes == where)[0]) if where >= 0 and (codes == where).any() else 0
            raise InputError(f"{conll.path}:{conll.line_of(token)}: {exc}") from None
        return [types[k] for k in kind], starts, ends, invalid
    names, starts, ends, invalid = [], [], [], 0
    bounds = conll.sentence_starts
    for a, b in zip(bounds[:-1], bounds[1:]):
        tags = [conll.vocab[c] for c in codes[a:b]]
        try:
            result = chunks(tags, policy)
        except BioError as exc:
            raise InputError(f"{conll.path}:{conll.line_of(int(a))}: {exc}") from None
        for kind, s, e in result.chunks:
            names.append(kind)
            starts.append(a + s)
            ends.append(a + e)
        invalid += result.invalid
    return names, np.array(starts, np.int64), np.array(ends, np.int64), invalid


def kind_chunks(conll: ConllFile, kind: str, policy: str):
    """Chunks of the columns of one kind: flat when there is one column, per type across several."""
    levels = [k for k, c in enumerate(conll.kinds) if c == kind]
    if not levels:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    if len(levels) == 1:
        return _token_chunks(conll, conll.levels[levels[0]], policy)
    if conll.layered:  # `hadath export conll` writes non-overlapping layers: each is chunked as it is
        parts = [_token_chunks(conll, conll.levels[k], policy) for k in levels]
        return ([n for p in parts for n in p[0]], np.concatenate([p[1] for p in parts]),
                np.concatenate([p[2] for p in parts]), sum(p[3] for p in parts))
    table = TagTable.of(conll.vocab)
    used = np.unique(np.concatenate([conll.levels[k] for k in levels]))
    types = sorted({table.type[c] for c in used if table.prefix[c] != "O"})
    names, starts, ends, invalid = [], [], [], 0
    for t in types:
        n, s, e, bad = _token_chunks(conll, _projection(conll, levels, table, t), policy)
        names += n
        starts.append(s)
        ends.append(e)
        invalid += bad
    if not types:
        return [], np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    return names, np.concatenate(starts), np.concatenate(ends), invalid


def align_tokens(conll: ConllFile, d: int, text: str) -> np.ndarray:
    """Character offsets of each token of document `d`, found in `text` in order.

    Each token is looked up in the text from the end of the previous token and the first occurrence is
    taken (so whitespace and characters a tokenizer dropped are skipped); a token that cannot be found is
    an error naming its line. A file with start and end columns is checked against the text instead."""
    first, last = conll.doc_tokens(d)
    doc_id = conll.doc_ids[d]
    if conll.offsets is not None:
        spans = conll.offsets[first:last]
        for i, (s, e) in enumerate(spans.tolist()):
            if text[s:e] != conll.tokens[first + i]:
                raise InputError(f"{conll.path}:{conll.line_of(first + i)}: token {conll.tokens[first + i]!r} "
                                 f"is not the text at [{s}, {e}) of document {doc_id!r}; expected the "
                                 "start and end columns to give its code points")
        return spans
    out = np.zeros((last - first, 2), np.int64)
    cursor = 0
    for i in range(first, last):
        token = conll.tokens[i]
        at = text.find(token, cursor)
        if at < 0:
            raise InputError(f"{conll.path}:{conll.line_of(i)}: token {token!r} is not in the text of "
                             f"document {doc_id!r} after offset {cursor}; expected the tokens in text order")
        cursor = at + len(token)
        out[i - first] = (at, cursor)
    return out


def conll_spanset(conll: ConllFile, policy: str, texts: dict[str, str | None] | None,
                  known: dict[str, list[str]] | None = None, lenient: bool = False) -> SpanSet:
    """The spans of a CoNLL file: on character offsets when `texts` are given, else on token positions.

    `known` (kind -> allowed types) is given against Hadath gold, whose ontology the types must be in;
    against any other gold every label is scored as it is."""
    check = Checker(conll.path, lenient)
    with no_cyclic_gc():
        found = {kind: kind_chunks(conll, kind, policy) for kind in KINDS if kind in conll.kinds}
        tok_doc = np.searchsorted(conll.sentence_starts[conll.doc_sentences[1:-1]],
                                  np.arange(len(conll.tokens)), side="right") if conll.doc_ids else None
        documents: dict[str, SpanDocument] = {}
        skip = set()
        offsets: dict[int, np.ndarray | None] = {}
        for d, doc_id in enumerate(conll.doc_ids):
            if texts is not None and doc_id not in texts:
                first, _ = conll.doc_tokens(d)
                check.fail(conll.line_of(first), "id", f"unknown document id {doc_id!r}; it is not in the gold set")
                skip.add(d)
                continue
            documents[doc_id] = SpanDocument(doc_id, texts.get(doc_id) if texts is not None else None)
        invalid = 0
        for kind, (names, starts, ends, bad) in found.items():
            invalid += bad
            allowed = set(known[kind]) if known is not None else None
            docs = tok_doc[starts] if len(starts) else np.zeros(0, np.int64)
            firsts = conll.sentence_starts[conll.doc_sentences[docs]] if len(starts) else docs
            for name, d, s, e, f in zip(names, docs.tolist(), starts.tolist(), ends.tolist(), firsts.tolist()):
                if d in skip:
                    continue
                doc = documents[conll.doc_ids[d]]
                if allowed is not None and name not in allowed:
                    check.fail(conll.line_of(s), "tag", f"document {doc.id!r}: unknown {kind.lower()} type "
                               f"{name!r}; expected one of {', '.join(known[kind])}")
                    continue
                if doc.text is not None:
                    if d not in offsets:
                        offsets[d] = align_tokens(conll, d, doc.text)
                    span = (int(offsets[d][s - f][0]), int(offsets[d][e - 1 - f][1]))
                else:
                    span = (s - f, e - f)
                if kind == "ENTITY":
                    doc.entities.append(Mention(span[0], span[1], name))
                elif kind == "VALUE":
                    doc.values.append(Value(span[0], span[1], name))
                else:
                    doc.events.append(EventSpan(name, span[0], span[1]))
        for d in range(len(conll.doc_ids)):
            doc_id = conll.doc_ids[d]
            if d not in skip and documents[doc_id].text is not None and d not in offsets:
                align_tokens(conll, d, documents[doc_id].text)  # every token must be in the text
    sha = file_sha256(Path(conll.path))
    return SpanSet(documents, conll.path, "conll", sha, check.problems,
                   {"bio_policy": policy, "invalid_tags": invalid}, conll)


def same_tokens(gold: ConllFile, pred: ConllFile) -> None:
    """Predictions scored on the gold's token positions must hold the gold's tokens, sentence by sentence."""
    if (pred.doc_ids == gold.doc_ids and np.array_equal(pred.sentence_starts, gold.sentence_starts)
            and np.array_equal(pred.doc_sentences, gold.doc_sentences) and pred.tokens == gold.tokens):
        return
    where = gold.documents
    for d, doc_id in enumerate(pred.doc_ids):
        g = where.get(doc_id)
        if g is None:
            continue
        ps = pred.sentence_starts[pred.doc_sentences[d]:pred.doc_sentences[d + 1] + 1]
        gs = gold.sentence_starts[gold.doc_sentences[g]:gold.doc_sentences[g + 1] + 1]
        if len(ps) != len(gs):
            raise InputError(f"{pred.path}: document {doc_id!r} has {len(ps) - 1} sentences, the gold "
                             f"{len(gs) - 1}; expected the gold's sentences and tokens")
        if not np.array_equal(ps - ps[0], gs - gs[0]) or pred.tokens[ps[0]:ps[-1]] != gold.tokens[gs[0]:gs[-1]]:
            ours, theirs = pred.tokens[ps[0]:ps[-1]], gold.tokens[gs[0]:gs[-1]]
            k = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
            raise InputError(f"{pred.path}:{pred.line_of(int(ps[0]) + k)}: tokens differ from the gold's "
                             f"({gold.path}:{gold.line_of(int(gs[0]) + k)}); expected the same tokens in the "
                             "same order")
