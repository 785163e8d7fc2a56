"""Prediction files in TextEE's processed format and in DyGIE++'s format, read onto character offsets.

TextEE: one JSON line per window (`doc_id`, `wnd_id`, `tokens`, `entity_mentions` with `entity_type`,
`event_mentions` with `event_type`, a `trigger` and `arguments`), spans as token offsets within the
window, end exclusive; the windows of a document come in text order. DyGIE++: one JSON line per document
(`doc_key`, `sentences`, and `ner` and `events` per sentence, or a model's `predicted_ner` and
`predicted_events`, whose trailing scores are ignored), spans as document token indices, end inclusive,
a trigger as `[token, type]` and an argument as `[start, end, role]`.

Tokens become characters through the line's `token_offsets` (what `hadath export textee|dygiepp` writes:
the code-point `[start, end)` of every token in the document text), each checked against the gold text;
a file without them has each token looked up in the document text from the end of the previous one (the
first occurrence), as CoNLL tokens are. An entity mention whose type is one of the ontology's value
types is a value. A bad item raises `InputError` naming the file, the line and the JSON path, or with
`lenient` is skipped and recorded.
"""

from __future__ import annotations

from pathlib import Path

from ..corpus.ontology import Ontology, load_ontology
from ..corpus.text import file_sha256
from .fields import Bad, as_list, as_object, label, optional_str
from .spansets import Arg, Checker, EventSpan, Mention, SpanDocument, SpanSet, Value, json_objects

NAMES = {"textee": "TextEE", "dygiepp": "DyGIE++"}


def _is_index(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Reader:
    def __init__(self, path: Path, texts: dict[str, str | None], check: Checker, onto: Ontology, open_labels: bool):
        self.path, self.texts, self.check, self.onto = path, texts, check, onto
        self.value_types = set(onto.value_types)
        self.mention_labels = None if open_labels else [*onto.entity_types, *onto.value_types]
        self.event_types = None if open_labels else onto.event_types
        self.roles = None if open_labels else onto.all_roles
        self.documents: dict[str, SpanDocument] = {}
        self.cursor: dict[str, int] = {}  # TextEE: where the document's last window ended

    def text_of(self, doc_id, line: int, key: str) -> str | None:
        if not isinstance(doc_id, str) or not doc_id:
            self.check.fail(line, f"$.{key}", f"{doc_id!r}; expected the document id as a non-empty string")
            return None
        if doc_id not in self.texts:
            self.check.fail(line, f"$.{key}", f"unknown document id {doc_id!r}; it is not in the gold set")
            return None
        text = self.texts[doc_id]
        if text is None:
            self.check.fail(line, f"$.{key}", f"the gold has no text for document {doc_id!r}; token offsets "
                            "are mapped to characters through the gold texts")
        return text

    def offsets(self, tokens: list, given, text: str, cursor: int, where: str) -> list[tuple[int, int]]:
        """Character offsets of `tokens`: the given `token_offsets`, checked, or each token found in order."""
        for k, token in enumerate(tokens):
            if not isinstance(token, str) or not token:
                raise Bad(f"{where}[{k}]", f"{token!r}; expected a token as a non-empty string")
        if given is not None:
            if not isinstance(given, list) or len(given) != len(tokens):
                raise Bad("$.token_offsets", f"expected a [start, end] pair for each of the {len(tokens)} tokens")
            out = []
            for k, pair in enumerate(given):
                ok = isinstance(pair, list) and len(pair) == 2 and all(_is_index(x) for x in pair)
                if not ok or text[pair[0]:pair[1]] != tokens[k] or pair[0] < 0:
                    raise Bad(f"$.token_offsets[{k}]", f"{pair!r} does not give token {tokens[k]!r}; expected its "
                              "code-point [start, end) in the document text")
                out.append((pair[0], pair[1]))
            return out
        out = []
        for k, token in enumerate(tokens):
            at = text.find(token, cursor)
            if at < 0:
                raise Bad(f"{where}[{k}]", f"token {token!r} is not in the document text after offset {cursor}; "
                          "expected the tokens in text order (or token_offsets)")
            cursor = at + len(token)
            out.append((at, cursor))
        return out

    def document(self, doc_id: str, text: str) -> SpanDocument:
        if doc_id not in self.documents:
            self.documents[doc_id] = SpanDocument(doc_id, text)
        return self.documents[doc_id]

    def mention(self, doc: SpanDocument, kind: str, start: int, end: int, item: dict, where: str) -> None:
        if kind in self.value_types:
            doc.values.append(Value(start, end, kind, optional_str(item, "normalized", where)))
            return
        mention_type = item.get("mention_type")
        if mention_type is not None:
            mention_type = label(item, "mention_type", where, self.onto.mention_types, "mention type")
        doc.entities.append(Mention(start, end, kind, mention_type))

    # TextEE ---------------------------------------------------------------------------------------------

    def textee_line(self, obj: dict, line: int) -> None:
        doc_id = obj.get("doc_id")
        if doc_id is None and isinstance(obj.get("wnd_id"), str):
            doc_id = obj["wnd_id"].rpartition("-")[0]
        text = self.text_of(doc_id, line, "doc_id")
        if text is None:
            return
        try:
            tokens = as_list(obj, "tokens", "$")
            offsets = self.offsets(tokens, obj.get("token_offsets"), text, self.cursor.get(doc_id, 0), "$.tokens")
        except Bad as bad:
            self.check.fail(line, bad.where, bad.message)
            return
        if offsets:
            self.cursor[doc_id] = offsets[-1][1]
        doc = self.document(doc_id, text)
        spans: dict[str, tuple[int, int]] = {}

        def chars(item: dict, where: str) -> tuple[int, int]:
            s, e = item.get("start"), item.get("end")
            if not (_is_index(s) and _is_index(e) and 0 <= s < e <= len(offsets)):
                raise Bad(f"{where}.start", f"[{s!r}, {e!r}) is not a token range of the window's {len(offsets)} "
                          "tokens; expected integer token offsets, start < end, end exclusive")
            return offsets[s][0], offsets[e - 1][1]

        for k, item in enumerate(self._items(obj, "entity_mentions", line)):
            where = f"$.entity_mentions[{k}]"
            try:
                item = as_object(item, where)
                kind = label(item, "entity_type", where, self.mention_labels, "entity or value type")
                start, end = chars(item, where)
                self.mention(doc, kind, start, end, item, where)
                if isinstance(item.get("id"), str):
                    spans[item["id"]] = (start, end)
            except Bad as bad:
                self.check.fail(line, bad.where, bad.message)
        for k, item in enumerate(self._items(obj, "event_mentions", line)):
            where = f"$.event_mentions[{k}]"
            try:
                item = as_object(item, where)
                kind = label(item, "event_type", where, self.event_types, "event type")
                trigger = as_object(item.get("trigger"), f"{where}.trigger")
                start, end = chars(trigger, f"{where}.trigger")
                args = []
                for n, arg in enumerate(as_list(item, "arguments", where)):
                    at = f"{where}.arguments[{n}]"
                    try:
                        arg = as_object(arg, at)
                        role = label(arg, "role", at, self.roles, "role")
                        if "start" not in arg and "end" not in arg and arg.get("entity_id") in spans:
                            s, e = spans[arg["entity_id"]]
                        else:
                            s, e = chars(arg, at)
                        args.append(Arg(role, s, e))
                    except Bad as bad:
                        self.check.fail(line, bad.where, bad.message)
                doc.events.append(EventSpan(kind, start, end, tuple(args)))
            except Bad as bad:
                self.check.fail(line, bad.where, bad.message)

    def _items(self, obj: dict, key: str, line: int) -> list:
        try:
            return as_list(obj, key, "$")
        except Bad as bad:
            self.check.fail(line, bad.where, bad.message)
            return []

    # DyGIE++ --------------------------------------------------------------------------------------------

    def dygiepp_line(self, obj: dict, line: int) -> None:
        doc_id = obj.get("doc_key")
        text = self.text_of(doc_id, line, "doc_key")
        if text is None:
            return
        if doc_id in self.documents:
            self.check.fail(line, "$.doc_key", f"document {doc_id!r} appears twice; expected one line per document")
            return
        try:
            sentences = as_list(obj, "sentences", "$")
            tokens: list = []
            for k, sentence in enumerate(sentences):
                if not isinstance(sentence, list):
                    raise Bad(f"$.sentences[{k}]", "expected a list of tokens")
                tokens += sentence
            given = obj.get("token_offsets")
            if given is not None:
                if not isinstance(given, list) or not all(isinstance(s, list) for s in given):
                    raise Bad("$.token_offsets", "expected one list of [start, end] pairs per sentence")
                given = [pair for s in given for pair in s]
            offsets = self.offsets(tokens, given, text, 0, "$.sentences[*]")
        except Bad as bad:
            self.check.fail(line, bad.where, bad.message)
            return
        doc = self.document(doc_id, text)
        n = len(offsets)

        def chars(s, e, where: str) -> tuple[int, int]:
            if not (_is_index(s) and _is_index(e) and 0 <= s <= e < n):
                raise Bad(where, f"[{s!r}, {e!r}] is not a token range of the document's {n} tokens; expected "
                          "document token indices, start <= end, end inclusive")
            return offsets[s][0], offsets[e][1]

        ner_key = "predicted_ner" if "predicted_ner" in obj else "ner"
        for k, sentence in enumerate(self._items(obj, ner_key, line)):
            for j, item in enumerate(sentence if isinstance(sentence, list) else [None]):
                where = f"$.{ner_key}[{k}][{j}]"
                try:
                    if not isinstance(item, list) or len(item) < 3:
                        raise Bad(where, f"{item!r}; expected [start_tok, end_tok, label]")
                    kind = label({"type": item[2]}, "type", where, self.mention_labels, "entity or value type")
                    start, end = chars(item[0], item[1], where)
                    self.mention(doc, kind, start, end, {}, where)
                except Bad as bad:
                    self.check.fail(line, bad.where, bad.message)
        events_key = "predicted_events" if "predicted_events" in obj else "events"
        for k, sentence in enumerate(self._items(obj, events_key, line)):
            for j, event in enumerate(sentence if isinstance(sentence, list) else [None]):
                where = f"$.{events_key}[{k}][{j}]"
                try:
                    doc.events.append(self.dygiepp_event(event, where, chars, line))
                except Bad as bad:
                    self.check.fail(line, bad.where, bad.message)

    def dygiepp_event(self, event, where: str, chars, line: int) -> EventSpan:
        if not isinstance(event, list) or not event or not isinstance(event[0], list) or len(event[0]) < 2:
            raise Bad(where, f"{event!r}; expected [[trigger_tok, event_type], [start_tok, end_tok, role], ...]")
        trigger = event[0]
        kind = label({"type": trigger[1]}, "type", f"{where}[0][1]", self.event_types, "event type")
        start, end = chars(trigger[0], trigger[0], f"{where}[0][0]")
        args = []
        for n, arg in enumerate(event[1:], 1):
            at = f"{where}[{n}]"
            try:
                if not isinstance(arg, list) or len(arg) < 3:
                    raise Bad(at, f"{arg!r}; expected [start_tok, end_tok, role]")
                role = label({"role": arg[2]}, "role", f"{at}[2]", self.roles, "role")
                args.append(Arg(role, *chars(arg[0], arg[1], at)))
            except Bad as bad:
                self.check.fail(line, bad.where, bad.message)
        return EventSpan(kind, start, end, tuple(args))


def read_event_file(path: Path | str, fmt: str, texts: dict[str, str | None], lenient: bool = False,
                    onto: Ontology | None = None, open_labels: bool = False) -> SpanSet:
    """A TextEE (`fmt="textee"`) or DyGIE++ (`fmt="dygiepp"`) file against the gold texts, on characters."""
    path = Path(path)
    check = Checker(str(path), lenient)
    reader = _Reader(path, texts, check, onto or load_ontology(), open_labels)
    read = reader.textee_line if fmt == "textee" else reader.dygiepp_line
    windows: set[str] = set()
    for number, obj in json_objects(path, check, f"one {NAMES[fmt]} JSON object per line"):
        if fmt == "textee":
            wnd_id = obj.get("wnd_id")
            if not isinstance(wnd_id, str) or not wnd_id:
                check.fail(number, "$.wnd_id", f"{wnd_id!r}; expected the window id as a non-empty string")
                continue
            if wnd_id in windows:
                check.fail(number, "$.wnd_id", f"window {wnd_id!r} appears twice; expected one line per window")
                continue
            windows.add(wnd_id)
        read(obj, number)
    return SpanSet(reader.documents, str(path), fmt, file_sha256(path), check.problems)
