"""Span sets to score, and the readers that make them: predictions and gold in every supported form.

A `SpanSet` holds, per document, the spans a scorer compares: entity mentions, value mentions and
event mentions with their arguments, all on half-open code-point offsets into the document text.

Sources:
  - a corpus root (`corpus/` + `annotations/`, split from `corpus/splits.json`);
  - a release directory (`documents/<split>-*.parquet`, read with pyarrow against the release contract);
  - a prediction file: JSON Lines (`schema/predictions.schema.json`) or CoNLL token/tag columns.

Reading is strict by default: the first bad item raises `InputError`, naming the file, the line and
the field. With `lenient=True` a bad item is skipped and recorded as a `Problem` instead.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .bio import BioError, chunks
from .ontology import Ontology, load_ontology


class InputError(ValueError):
    """Input that cannot be scored; the message names the file, line and field and what was expected."""


class Mention(NamedTuple):
    start: int
    end: int
    type: str
    mention_type: str | None = None
    entity: str | None = None  # coreference key: mentions of one entity share it


class TextMention(NamedTuple):
    text: str
    type: str
    mention_type: str | None = None


class Value(NamedTuple):
    start: int
    end: int
    type: str
    normalized: str | None = None


class Arg(NamedTuple):
    role: str
    start: int
    end: int
    entity: str | None = None  # the filler's entity (gold entity fillers only)
    is_value: bool = False


class EventSpan(NamedTuple):
    type: str
    start: int  # the trigger
    end: int
    arguments: tuple[Arg, ...] = ()


@dataclass
class SpanDocument:
    id: str
    text: str | None = None
    entities: list[Mention] = field(default_factory=list)
    text_entities: list[TextMention] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    events: list[EventSpan] = field(default_factory=list)

    def entity_spans(self) -> dict[str, set[tuple[int, int]]]:
        """Every mention span of each entity, for coreference-aware argument matching."""
        out: dict[str, set[tuple[int, int]]] = {}
        for m in self.entities:
            if m.entity is not None:
                out.setdefault(m.entity, set()).add((m.start, m.end))
        return out


@dataclass(frozen=True)
class Problem:
    source: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "field": self.field, "message": self.message}


@dataclass
class SpanSet:
    """Documents by id, where they came from, and the problems met reading them."""

    documents: dict[str, SpanDocument]
    source: str
    kind: str  # corpus | release | jsonl | conll
    sha256: str | None = None
    problems: list[Problem] = field(default_factory=list)
    info: dict = field(default_factory=dict)
    conll: "ConllFile | None" = None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read_lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: a binary file (NUL bytes); expected UTF-8 text (JSON Lines or CoNLL)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: byte {exc.start} is not UTF-8; expected UTF-8 text "
                         "(JSON Lines or CoNLL)") from None
    return text.split("\n")


class _Checker:
    """Records or raises item problems for one file."""

    def __init__(self, source: str, lenient: bool):
        self.source, self.lenient = source, lenient
        self.problems: list[Problem] = []

    def fail(self, line: int | None, where: str | None, message: str) -> None:
        problem = Problem(self.source, line, where, message)
        if not self.lenient:
            raise InputError(str(problem))
        self.problems.append(problem)


class _Bad(Exception):
    """One bad item: its JSON path and what was expected."""

    def __init__(self, where: str, message: str):
        self.where, self.message = where, message


def _int(item: dict, key: str, where: str) -> int:
    if key not in item:
        raise _Bad(f"{where}.{key}", "missing; expected an integer offset")
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{where}.{key}", f"{value!r} is not an integer; expected an integer offset")
    return value


def _offsets(item: dict, where: str, text: str | None, start_key="start", end_key="end") -> tuple[int, int]:
    start, end = _int(item, start_key, where), _int(item, end_key, where)
    if start < 0:
        raise _Bad(f"{where}.{start_key}", f"{start} is negative; expected an offset >= 0")
    if end <= start:
        raise _Bad(f"{where}.{end_key}", f"end {end} <= start {start}; expected end > start "
                   "(half-open [start, end) offsets)")
    if text is not None and end > len(text):
        raise _Bad(f"{where}.{end_key}", f"{end} is beyond the document text ({len(text)} code points)")
    return start, end


def _label(item: dict, key: str, where: str, allowed: list[str], what: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
        raise _Bad(f"{where}.{key}", f"{value!r} is not a known {what}; expected one of {shown}")
    return value


def _optional_str(item: dict, key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise _Bad(f"{where}.{key}", f"{value!r}; expected a string or null")
    return value


def _list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise _Bad(f"{where}.{key}", f"expected a list, found {type(value).__name__}")
    return value


def _object(item, where: str) -> dict:
    if not isinstance(item, dict):
        raise _Bad(where, f"expected an object, found {type(item).__name__}")
    return item


class _JsonlReader:
    def __init__(self, onto: Ontology, texts: dict[str, str] | None, check: _Checker):
        self.onto, self.texts, self.check = onto, texts, check
        self.roles = onto.all_roles

    def items(self, obj: dict, key: str, line: int, parse) -> list:
        out = []
        try:
            items = _list(obj, key, "$")
        except _Bad as bad:
            self.check.fail(line, bad.where, bad.message)
            return out
        for k, item in enumerate(items):
            try:
                out.append(parse(_object(item, f"$.{key}[{k}]"), f"$.{key}[{k}]"))
            except _Bad as bad:
                self.check.fail(line, bad.where, bad.message)
        return out

    def entity(self, item: dict, where: str, text: str | None):
        kind = _label(item, "type", where, self.onto.entity_types, "entity type")
        mention_type = item.get("mention_type")
        if mention_type is not None:
            mention_type = _label(item, "mention_type", where, self.onto.mention_types, "mention type")
        if "start" not in item and "end" not in item:
            surface = item.get("text")
            if not isinstance(surface, str) or not surface:
                raise _Bad(f"{where}.text", "missing; expected start and end offsets, or a non-empty text")
            return TextMention(surface, kind, mention_type)
        start, end = _offsets(item, where, text)
        return Mention(start, end, kind, mention_type)

    def value(self, item: dict, where: str, text: str | None) -> Value:
        kind = _label(item, "type", where, self.onto.value_types, "value type")
        start, end = _offsets(item, where, text)
        return Value(start, end, kind, _optional_str(item, "normalized", where))

    def argument(self, item: dict, where: str, text: str | None) -> Arg:
        role = _label(item, "role", where, self.roles, "role")
        start, end = _offsets(item, where, text)
        return Arg(role, start, end)

    def event(self, item: dict, where: str, text: str | None, line: int) -> EventSpan:
        kind = _label(item, "type", where, self.onto.event_types, "event type")
        start, end = _offsets(item, where, text, "trigger_start", "trigger_end")
        args = []
        for k, arg in enumerate(_list(item, "arguments", where)):
            try:
                args.append(self.argument(_object(arg, f"{where}.arguments[{k}]"), f"{where}.arguments[{k}]", text))
            except _Bad as bad:
                self.check.fail(line, bad.where, bad.message)
        return EventSpan(kind, start, end, tuple(args))

    def document(self, obj: dict, line: int) -> SpanDocument | None:
        doc_id = obj.get("id")
        if not isinstance(doc_id, str) or not doc_id:
            self.check.fail(line, "$.id", f"{doc_id!r}; expected the document id as a non-empty string")
            return None
        text = obj.get("text")
        if text is not None and not isinstance(text, str):
            self.check.fail(line, "$.text", "expected the document text as a string")
            return None
        if self.texts is not None:
            if doc_id not in self.texts:
                self.check.fail(line, "$.id", f"unknown document id {doc_id!r}; it is not in the gold set")
                return None
            text = self.texts[doc_id] if self.texts[doc_id] is not None else text
        doc = SpanDocument(doc_id, text)
        for m in self.items(obj, "entity_mentions", line, lambda i, w: self.entity(i, w, text)):
            (doc.text_entities if isinstance(m, TextMention) else doc.entities).append(m)
        doc.values = self.items(obj, "value_mentions", line, lambda i, w: self.value(i, w, text))
        doc.events = self.items(obj, "event_mentions", line, lambda i, w: self.event(i, w, text, line))
        return doc


def read_jsonl(path: Path | str, texts: dict[str, str | None] | None = None, lenient: bool = False,
               onto: Ontology | None = None) -> SpanSet:
    """Read a JSON Lines span file; `texts` (gold id -> text) enables id and range checks."""
    path = Path(path)
    check = _Checker(str(path), lenient)
    reader = _JsonlReader(onto or load_ontology(), texts, check)
    documents: dict[str, SpanDocument] = {}
    for number, raw in enumerate(_read_lines(path), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            check.fail(number, None, f"malformed JSON ({exc.msg} at column {exc.colno}); "
                       "expected one JSON object per line")
            continue
        if not isinstance(obj, dict):
            check.fail(number, "$", f"expected a JSON object, found {type(obj).__name__}")
            continue
        doc = reader.document(obj, number)
        if doc is None:
            continue
        if doc.id in documents:
            check.fail(number, "$.id", f"document {doc.id!r} appears twice; expected one line per document")
            continue
        documents[doc.id] = doc
    return SpanSet(documents, str(path), "jsonl", file_sha256(path), check.problems)


# --- CoNLL ---------------------------------------------------------------------------------------

class Token(NamedTuple):
    text: str
    tag: str
    line: int


@dataclass
class ConllFile:
    """Documents of sentences of (token, tag) rows.

    A line `# newdoc id = ID` starts document ID; without such lines each sentence is a document
    named `s1`, `s2`, ... A blank line ends a sentence; any other line starting with `#` is a comment,
    and a `-DOCSTART-` line (CoNLL-2003) only ends the sentence before it.
    """

    path: str
    documents: dict[str, list[list[Token]]]


NEWDOC = "# newdoc id ="


def read_conll(path: Path | str) -> ConllFile:
    path = Path(path)
    documents: dict[str, list[list[Token]]] = {}
    current: list[list[Token]] | None = None
    sentence: list[Token] = []

    def close_sentence():
        nonlocal sentence
        if sentence:
            if current is None:
                documents[f"s{len(documents) + 1}"] = [sentence]
            else:
                current.append(sentence)
        sentence = []

    for number, line in enumerate(_read_lines(path), 1):
        line = line.rstrip("\r")
        if line.startswith(NEWDOC):
            close_sentence()
            doc_id = line[len(NEWDOC):].strip()
            if not doc_id or doc_id in documents:
                raise InputError(f"{path}:{number}: document id {doc_id!r} is empty or repeated; "
                                 "expected '# newdoc id = ID' with a new ID")
            current = documents[doc_id] = []
        elif not line.strip():
            close_sentence()
        elif line.startswith("#") and "\t" not in line:
            continue
        elif line.split("\t")[0].split(" ")[0] == "-DOCSTART-":  # CoNLL-2003 document marks carry no token
            close_sentence()
        else:
            fields = line.split("\t")
            if len(fields) < 2 or not fields[0] or not fields[-1]:
                raise InputError(f"{path}:{number}: {line!r}; expected 'token<TAB>tag'")
            sentence.append(Token(fields[0], fields[-1].strip(), number))
    close_sentence()
    return ConllFile(str(path), documents)


def conll_chunks(conll: ConllFile, doc_id: str, policy: str) -> tuple[list[tuple[str, int, int]], int]:
    """Chunks of a document in document token positions, and the number of invalid tags."""
    out, invalid, offset = [], 0, 0
    for sentence in conll.documents[doc_id]:
        try:
            result = chunks([t.tag for t in sentence], policy)
        except BioError as exc:
            line = next((t.line for t in sentence if str(t.tag) in str(exc)), sentence[0].line)
            raise InputError(f"{conll.path}:{line}: {exc}") from None
        out.extend((kind, offset + s, offset + e) for kind, s, e in result.chunks)
        invalid += result.invalid
        offset += len(sentence)
    return out, invalid


def align_tokens(conll: ConllFile, doc_id: str, text: str) -> list[tuple[int, int]]:
    """Character offsets of each token of a document, found in `text` in order.

    The rule: each token is looked up in the text from the end of the previous token and the first
    occurrence is taken (so whitespace and characters a tokenizer dropped are skipped); a token that
    cannot be found is an error naming its line.
    """
    offsets, cursor = [], 0
    for sentence in conll.documents[doc_id]:
        for token in sentence:
            at = text.find(token.text, cursor)
            if at < 0:
                raise InputError(f"{conll.path}:{token.line}: token {token.text!r} is not in the text of "
                                 f"document {doc_id!r} after offset {cursor}; expected the tokens in text order")
            offsets.append((at, at + len(token.text)))
            cursor = at + len(token.text)
    return offsets


def conll_spanset(conll: ConllFile, policy: str, texts: dict[str, str | None] | None,
                  onto: Ontology | None = None, lenient: bool = False) -> SpanSet:
    """Entity spans of a CoNLL file: character offsets when `texts` are given, else token positions."""
    onto = onto or load_ontology()
    check = _Checker(conll.path, lenient)
    documents, invalid = {}, 0
    known = set(onto.entity_types)
    for doc_id in conll.documents:
        if texts is not None and doc_id not in texts:
            line = conll.documents[doc_id][0][0].line if conll.documents[doc_id] else None
            check.fail(line, "id", f"unknown document id {doc_id!r}; it is not in the gold set")
            continue
        found, bad = conll_chunks(conll, doc_id, policy)
        invalid += bad
        text = texts.get(doc_id) if texts is not None else None
        offsets = align_tokens(conll, doc_id, text) if text is not None else None
        doc = SpanDocument(doc_id, text)
        for kind, s, e in found:
            if kind not in known:
                check.fail(None, "tag", f"document {doc_id!r}: unknown entity type {kind!r}; "
                           f"expected one of {', '.join(onto.entity_types)}")
                continue
            span = (offsets[s][0], offsets[e - 1][1]) if offsets is not None else (s, e)
            doc.entities.append(Mention(span[0], span[1], kind))
        documents[doc_id] = doc
    sha = file_sha256(Path(conll.path))
    return SpanSet(documents, conll.path, "conll", sha, check.problems,
                   {"bio_policy": policy, "invalid_tags": invalid}, conll)


def sniff_format(path: Path) -> str:
    """`jsonl` or `conll`, from the first line that is not blank or a comment."""
    for line in _read_lines(path):
        if line.strip() and not (line.startswith("#") and "\t" not in line):
            return "jsonl" if line.lstrip().startswith("{") else "conll"
    return "jsonl"


def load_predictions(path: Path | str, gold: SpanSet, bio_policy: str = "strict",
                     lenient: bool = False) -> SpanSet:
    """Read a prediction file against `gold`: ids must be gold ids and offsets inside the gold texts."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file; expected a JSON Lines or CoNLL prediction file")
    texts = {doc_id: doc.text for doc_id, doc in gold.documents.items()}
    if sniff_format(path) == "conll":
        conll = read_conll(path)
        if gold.kind == "conll":
            _same_tokens(gold.conll, conll)
            return conll_spanset(conll, bio_policy, {i: None for i in texts}, lenient=lenient)
        missing = sorted(i for i in conll.documents if i in texts and texts[i] is None)
        if missing:
            raise InputError(f"{path}: the gold has no text for document {missing[0]!r}; CoNLL predictions "
                             "are mapped to character offsets through the gold texts")
        return conll_spanset(conll, bio_policy, texts, lenient=lenient)
    if gold.kind == "conll":
        raise InputError(f"{path}: JSON Lines predictions cannot be scored against CoNLL gold "
                         f"({gold.source}); give CoNLL predictions or a corpus, release or JSON Lines gold")
    return read_jsonl(path, texts, lenient)


def _same_tokens(gold: ConllFile, pred: ConllFile) -> None:
    for doc_id, sentences in pred.documents.items():
        theirs = gold.documents.get(doc_id)
        if theirs is None:
            continue
        if len(theirs) != len(sentences):
            raise InputError(f"{pred.path}: document {doc_id!r} has {len(sentences)} sentences, the gold "
                             f"{len(theirs)}; expected the gold's sentences and tokens")
        for ours, gold_sentence in zip(sentences, theirs):
            if [t.text for t in ours] != [t.text for t in gold_sentence]:
                line = next((a.line for a, b in zip(ours, gold_sentence) if a.text != b.text), ours[0].line)
                raise InputError(f"{pred.path}:{line}: tokens differ from the gold's ({gold.path}:"
                                 f"{gold_sentence[0].line}); expected the same tokens in the same order")
