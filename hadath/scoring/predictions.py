"""Prediction files: JSON Lines (`schema/predictions.schema.json`), CoNLL, TextEE or DyGIE++ (`eventfiles`),
read against the gold.

JSON Lines items are checked one by one (offsets are integers, `end > start`, inside the gold text;
types and roles are in the ontology; ids are gold ids); a bad item raises `InputError` naming the
line and JSON path, or with `lenient` is skipped and recorded.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..corpus.ontology import Ontology, load_ontology
from ..corpus.text import file_sha256
from .conll import conll_spanset, read_conll, same_tokens
from .eventfiles import NAMES, read_event_file
from .fields import Bad as _Bad
from .fields import as_list as _list
from .fields import as_object as _object
from .fields import offsets as _offsets
from .fields import label as _label
from .fields import optional_str as _optional_str
from .spansets import (Arg, Checker, EventSpan, InputError, Mention, SpanDocument, SpanSet, TextMention, Value,
                       json_objects)


class _JsonlReader:
    def __init__(self, onto: Ontology, texts: dict[str, str] | None, check: Checker, open_labels: bool = False):
        self.onto, self.texts, self.check = onto, texts, check
        self.roles = None if open_labels else onto.all_roles
        self.entity_types = None if open_labels else onto.entity_types
        self.value_types = None if open_labels else onto.value_types
        self.event_types = None if open_labels else onto.event_types
        # The fast path: sets of the same labels (None: any non-empty string)
        self.sets = {k: None if v is None else frozenset(v) for k, v in (
            ("entity", self.entity_types), ("value", self.value_types), ("event", self.event_types),
            ("role", self.roles))}
        self.mention_types = frozenset(onto.mention_types)

    def items(self, obj: dict, key: str, line: int, parse, fast=None) -> list:
        """The parsed items of `obj[key]`; `fast(item)` takes the well-formed ones without building JSON
        paths, and returns None for anything it does not accept, which `parse` then checks in full."""
        out = []
        try:
            items = _list(obj, key, "$")
        except _Bad as bad:
            self.check.fail(line, bad.where, bad.message)
            return out
        for k, item in enumerate(items):
            if fast is not None and (parsed := fast(item)) is not None:
                out.append(parsed)
                continue
            try:
                out.append(parse(_object(item, f"$.{key}[{k}]"), f"$.{key}[{k}]"))
            except _Bad as bad:
                self.check.fail(line, bad.where, bad.message)
        return out

    def fast_entity(self, item, size: int | None) -> Mention | None:
        if type(item) is not dict or "head_start" in item or "head_end" in item:
            return None
        s, e, t, mt = item.get("start"), item.get("end"), item.get("type"), item.get("mention_type")
        allowed = self.sets["entity"]
        if (type(s) is int and type(e) is int and 0 <= s < e and (size is None or e <= size) and type(t) is str
                and t and (allowed is None or t in allowed) and (mt is None or (type(mt) is str and mt in self.mention_types))):
            return Mention(s, e, t, mt)
        return None

    def fast_value(self, item, size: int | None) -> Value | None:
        if type(item) is not dict:
            return None
        s, e, t, norm = item.get("start"), item.get("end"), item.get("type"), item.get("normalized")
        allowed = self.sets["value"]
        if (type(s) is int and type(e) is int and 0 <= s < e and (size is None or e <= size) and type(t) is str
                and t and (allowed is None or t in allowed) and (norm is None or type(norm) is str)):
            return Value(s, e, t, norm)
        return None

    def fast_event(self, item, size: int | None) -> EventSpan | None:
        if type(item) is not dict:
            return None
        s, e, t, args = item.get("trigger_start"), item.get("trigger_end"), item.get("type"), item.get("arguments", [])
        allowed, roles = self.sets["event"], self.sets["role"]
        if not (type(s) is int and type(e) is int and 0 <= s < e and (size is None or e <= size) and type(t) is str
                and t and (allowed is None or t in allowed) and type(args) is list):
            return None
        out = []
        for a in args:
            if type(a) is not dict:
                return None
            r, a_s, a_e = a.get("role"), a.get("start"), a.get("end")
            if not (type(a_s) is int and type(a_e) is int and 0 <= a_s < a_e and (size is None or a_e <= size)
                    and type(r) is str and r and (roles is None or r in roles)):
                return None
            out.append(Arg(r, a_s, a_e))
        return EventSpan(t, s, e, tuple(out))

    def entity(self, item: dict, where: str, text: str | None):
        kind = _label(item, "type", where, self.entity_types, "entity type")
        mention_type = item.get("mention_type")
        if mention_type is not None:
            mention_type = _label(item, "mention_type", where, self.onto.mention_types, "mention type")
        if "start" not in item and "end" not in item:
            surface = item.get("text")
            if not isinstance(surface, str) or not surface:
                raise _Bad(f"{where}.text", "missing; expected start and end offsets, or a non-empty text")
            return TextMention(surface, kind, mention_type)
        start, end = _offsets(item, where, text)
        head = None
        if "head_start" in item or "head_end" in item:
            head = _offsets(item, where, text, "head_start", "head_end")
            if not (start <= head[0] and head[1] <= end):
                raise _Bad(f"{where}.head_start", f"head [{head[0]}, {head[1]}) is not inside the mention "
                           f"[{start}, {end})")
        return Mention(start, end, kind, mention_type, None, head)

    def value(self, item: dict, where: str, text: str | None) -> Value:
        kind = _label(item, "type", where, self.value_types, "value type")
        start, end = _offsets(item, where, text)
        return Value(start, end, kind, _optional_str(item, "normalized", where))

    def argument(self, item: dict, where: str, text: str | None) -> Arg:
        role = _label(item, "role", where, self.roles, "role")
        start, end = _offsets(item, where, text)
        return Arg(role, start, end)

    def event(self, item: dict, where: str, text: str | None, line: int) -> EventSpan:
        kind = _label(item, "type", where, self.event_types, "event type")
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
        size = None if text is None else len(text)
        for m in self.items(obj, "entity_mentions", line, lambda i, w: self.entity(i, w, text),
                            lambda i: self.fast_entity(i, size)):
            (doc.text_entities if type(m) is TextMention else doc.entities).append(m)
        doc.values = self.items(obj, "value_mentions", line, lambda i, w: self.value(i, w, text),
                                lambda i: self.fast_value(i, size))
        doc.events = self.items(obj, "event_mentions", line, lambda i, w: self.event(i, w, text, line),
                                lambda i: self.fast_event(i, size))
        return doc


def read_jsonl(path: Path | str, texts: dict[str, str | None] | None = None, lenient: bool = False,
               onto: Ontology | None = None, open_labels: bool = False) -> SpanSet:
    """Read a JSON Lines span file; `texts` (gold id -> text) enables id and range checks. Types and
    roles must be the ontology's unless `open_labels` (the gold is no Hadath corpus or release)."""
    path = Path(path)
    check = Checker(str(path), lenient)
    reader = _JsonlReader(onto or load_ontology(), texts, check, open_labels)
    documents: dict[str, SpanDocument] = {}
    for number, obj in json_objects(path, check, "one JSON object per line"):
        doc = reader.document(obj, number)
        if doc is None:
            continue
        if doc.id in documents:
            check.fail(number, "$.id", f"document {doc.id!r} appears twice; expected one line per document")
            continue
        documents[doc.id] = doc
    return SpanSet(documents, str(path), "jsonl", file_sha256(path), check.problems)


def sniff_format(path: Path) -> str:
    """`jsonl`, `textee`, `dygiepp` or `conll`, from the first line that is not blank or a comment."""
    try:
        with open(path, "rb") as f:
            for raw in f:
                line = raw.decode("utf-8-sig", errors="replace")
                if not line.strip() or (line.startswith("#") and "\t" not in line):
                    continue
                if not line.lstrip().startswith("{"):
                    return "conll"
                try:
                    first = json.loads(line)
                except ValueError:
                    return "jsonl"
                if isinstance(first, dict) and "doc_key" in first and "sentences" in first:
                    return "dygiepp"
                if isinstance(first, dict) and "wnd_id" in first and "tokens" in first:
                    return "textee"
                return "jsonl"
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return "jsonl"


def load_predictions(path: Path | str, gold: SpanSet, bio_policy: str = "strict",
                     lenient: bool = False) -> SpanSet:
    """Read a prediction file against `gold`: ids must be gold ids and offsets inside the gold texts."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file; expected a JSON Lines, CoNLL, TextEE or DyGIE++ prediction file")
    texts = {doc_id: doc.text for doc_id, doc in gold.documents.items()}
    hadath_gold = gold.kind in HADATH_GOLD
    fmt = sniff_format(path)
    if fmt == "conll":
        conll = read_conll(path)
        known = ontology_types() if hadath_gold else None
        if gold.conll is not None:  # CoNLL gold, or the anercorp config: scored on token positions
            same_tokens(gold.conll, conll)
            return conll_spanset(conll, bio_policy, {i: None for i in texts}, known, lenient)
        missing = sorted(i for i in conll.doc_ids if i in texts and texts[i] is None)
        if missing:
            raise InputError(f"{path}: the gold has no text for document {missing[0]!r}; CoNLL predictions "
                             "are mapped to character offsets through the gold texts")
        return conll_spanset(conll, bio_policy, texts, known, lenient)
    if gold.conll is not None:
        raise InputError(f"{path}: JSON Lines predictions cannot be scored against CoNLL gold "
                         f"({gold.source}); give CoNLL predictions or a corpus, release or JSON Lines gold")
    if fmt in ("textee", "dygiepp"):
        missing = sorted(i for i, text in texts.items() if text is None)
        if missing:
            raise InputError(f"{path}: the gold has no text for document {missing[0]!r}; {NAMES[fmt]} tokens "
                             "are mapped to character offsets through the gold texts")
        return read_event_file(path, fmt, texts, lenient, open_labels=not hadath_gold)
    return read_jsonl(path, texts, lenient, open_labels=not hadath_gold)


HADATH_GOLD = ("corpus", "release", "annotations")


def ontology_types(onto: Ontology | None = None) -> dict[str, list[str]]:
    """The types each CoNLL column kind may hold against Hadath gold."""
    onto = onto or load_ontology()
    return {"ENTITY": onto.entity_types, "VALUE": onto.value_types, "EVENT": onto.event_types}
