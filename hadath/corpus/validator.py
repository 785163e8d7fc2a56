"""`hadath validate`: every problem in a corpus, one line each, in levels (see `checks.py` beside it)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator

from .checks import CHECKS, LEVELS
from .files import SPLITS, Layout
from .ontology import filler_matches, load_ontology
from .schemas import DATE_PRECISIONS, schema
from .text import BOM, control_character, is_nfc, sha256
from .timex import TimexError, check_value


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    path: str
    check: str
    message: str

    @property
    def level(self) -> int:
        return CHECKS[self.check].level

    def to_dict(self) -> dict:
        return {"file": self.file, "path": self.path, "level": self.level, "level_name": LEVELS[self.level],
                "check": self.check, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: [L{self.level} {LEVELS[self.level]} {self.check}] {self.message}"


@dataclass
class Report:
    root: str
    documents: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f"L{p.level} {LEVELS[p.level]}" for p in self.problems).items()))

    def summary(self) -> str:
        if self.passed:
            return f"*** PASSED *** {self.root}: {self.documents} documents, no problems"
        by_level = ", ".join(f"{k}: {v}" for k, v in self.counts().items())
        return f"*** FAILED *** {self.root}: {len(self.problems)} problems ({by_level}) in {self.documents} documents"

    def to_dict(self) -> dict:
        return {"root": self.root, "passed": self.passed, "documents": self.documents,
                "counts": self.counts(), "problems": [p.to_dict() for p in sorted(self.problems)]}


class _Collector:
    def __init__(self, layout: Layout):
        self.layout = layout
        self.problems: list[Problem] = []

    def add(self, path: Path | str, json_path: str, check: str, message: str) -> None:
        name = self.layout.relative(path) if isinstance(path, Path) else path
        self.problems.append(Problem(name, json_path, check, message))


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Level 1: files -----------------------------------------------------------------------------------

def _read_text_file(out: _Collector, path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.add(path, "", "file-unreadable", f"cannot read the file ({exc.strerror}); expected a readable file")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.add(path, f"line {line}", "not-utf8",
                f"byte 0x{data[exc.start]:02x} at byte offset {exc.start} is not UTF-8; expected UTF-8 text")
        return None
    if text.startswith(BOM):
        out.add(path, "line 1", "bom", "the file starts with a byte-order mark (U+FEFF); expected none")
        return None
    return text


def _read_json_file(out: _Collector, path: Path) -> dict | list | None:
    text = _read_text_file(out, path)
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        out.add(path, f"line {exc.lineno} column {exc.colno}", "json-malformed",
                f"{exc.msg}; expected a well-formed JSON document")
        return None


def _read_corpus_text(out: _Collector, path: Path) -> str | None:
    text = _read_text_file(out, path)
    if text is not None and "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        out.add(path, f"line {line}", "line-ending", "carriage return (CR) found; expected LF line ends only")
        return None
    found = control_character(text) if text is not None else None
    if found:
        out.add(path, "", "control-character", f"{found}; expected no control characters but tab and line feed")
        return None
    return text


# Level 2: schema ----------------------------------------------------------------------------------

_VALIDATORS: dict[str, Draft202012Validator] = {}
_FAST: dict[str, object] = {}


def fast_check(schema_name: str):
    """A compiled checker of the schema (fastjsonschema), ten times quicker than `jsonschema` on valid
    files; `jsonschema` still writes every report, so messages do not depend on which one ran. The
    schemas use only keywords that mean the same in draft 7, which fastjsonschema compiles, and in
    draft 2020-12 (a test compares the two verdicts on every fixture)."""
    check = _FAST.get(schema_name)
    if check is None:
        # A deep copy: compiling annotates the schema it is given, and `schema()` is shared.
        body = {k: copy.deepcopy(v) for k, v in schema(schema_name).items() if k != "$schema"}
        check = _FAST[schema_name] = fastjsonschema.compile(body)
    return check


def _schema_message(error) -> str:
    if error.validator == "enum":
        allowed = error.validator_value
        shown = ", ".join(map(str, allowed[:8])) + (f", ... ({len(allowed)} in all)" if len(allowed) > 8 else "")
        return f"found {_short(error.instance)}; expected one of {shown}"
    if error.validator == "additionalProperties":
        return f"{error.message}; expected only the fields the schema names"
    return error.message


def _check_schema(out: _Collector, path: Path, data, schema_name: str) -> bool:
    try:
        fast_check(schema_name)(data)
        return True
    except fastjsonschema.JsonSchemaException:
        pass  # fall through: jsonschema finds and words every problem
    validator = _VALIDATORS.get(schema_name)
    if validator is None:
        validator = _VALIDATORS[schema_name] = Draft202012Validator(schema(schema_name))
    ok = True
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        out.add(path, error.json_path, "schema-violation", f"{_schema_message(error)} ({schema_name})")
        ok = False
    return ok


# Level 3: content ---------------------------------------------------------------------------------

def _spans(annotation: dict):
    """(json path, span dict) for every span of an annotation."""
    for i, m in enumerate(annotation["entity_mentions"]):
        yield f"$.entity_mentions[{i}].span", m["span"]
        if "head" in m:
            yield f"$.entity_mentions[{i}].head", m["head"]
    for i, m in enumerate(annotation["value_mentions"]):
        yield f"$.value_mentions[{i}].span", m["span"]
    for i, m in enumerate(annotation["event_mentions"]):
        yield f"$.event_mentions[{i}].trigger", m["trigger"]


def _check_span(out: _Collector, path: Path, json_path: str, span: dict, text: str) -> None:
    start, end, stored = span["start"], span["end"], span["text"]
    if end <= start:
        out.add(path, json_path, "span-empty", f"[{start}, {end}) is empty; expected end > start")
    elif end > len(text):
        out.add(path, json_path, "span-out-of-bounds",
                f"[{start}, {end}) ends past the text, which has {len(text)} characters")
    elif text[start:end] != stored:
        found = text.find(stored)
        hint = f"; {_short(stored)} occurs at [{found}, {found + len(stored)})" if found >= 0 else ""
        out.add(path, json_path, "span-text-mismatch",
                f"text[{start}:{end}] is {_short(text[start:end])}; the span says {_short(stored)}{hint}")
    elif stored != stored.strip():
        out.add(path, json_path, "span-whitespace-edge",
                f"{_short(stored)} begins or ends with white space; expected a span trimmed to its words")


def _check_types(out: _Collector, path: Path, annotation: dict) -> None:
    onto = load_ontology()
    for key in ("entities", "entity_mentions"):
        for i, item in enumerate(annotation[key]):
            if item["subtype"] not in onto.entity_subtypes(item["type"]):
                out.add(path, f"$.{key}[{i}].subtype", "subtype-not-in-type",
                        f"{item['subtype']!r} is not a subtype of {item['type']}; expected one of "
                        f"{', '.join(onto.entity_subtypes(item['type']))}")
    for i, m in enumerate(annotation["entity_mentions"]):
        if "gpe_role" in m and m["type"] != "GPE":
            out.add(path, f"$.entity_mentions[{i}].gpe_role", "gpe-role-mismatch",
                    f"a {m['type']} mention has gpe_role {m['gpe_role']!r}; expected gpe_role on GPE mentions only")
        elif "gpe_role" not in m and m["type"] == "GPE":
            out.add(path, f"$.entity_mentions[{i}]", "gpe-role-mismatch",
                    f"GPE mention {m['id']} has no gpe_role; expected one of {', '.join(onto.gpe_roles)}")
    for i, v in enumerate(annotation["value_mentions"]):
        _check_value(out, path, f"$.value_mentions[{i}]", v)


def _check_value(out: _Collector, path: Path, json_path: str, value: dict) -> None:
    onto = load_ontology()
    subtypes = onto.value_subtypes(value["type"])
    subtype = value.get("subtype")
    if (subtype is None and subtypes) or (subtype is not None and subtype not in subtypes):
        expected = f"one of {', '.join(subtypes)}" if subtypes else "no subtype"
        out.add(path, f"{json_path}.subtype", "subtype-not-in-type",
                f"{value['type']} value with subtype {subtype!r}; expected {expected}")
    if value["type"] != "TIME":
        extra = [k for k in ("timex_type", "mod") if k in value]
        if extra:
            out.add(path, f"{json_path}.{extra[0]}", "value-fields-mismatch",
                    f"a {value['type']} value has {extra[0]}; expected timex_type and mod on TIME values only")
        return
    if "timex_type" not in value:
        out.add(path, json_path, "value-fields-mismatch", "a TIME value has no timex_type; expected one of "
                + ", ".join(onto.timex_types))
    elif "normalized" in value:
        try:
            check_value(value["normalized"], value["timex_type"])
        except TimexError as exc:
            out.add(path, f"{json_path}.normalized", exc.check, str(exc))


def _check_content(out: _Collector, path: Path, annotation: dict, text: str) -> None:
    digest = sha256(text)
    if annotation["text_sha256"] != digest:
        out.add(path, "$.text_sha256", "text-hash-mismatch",
                f"found {annotation['text_sha256'][:12]}...; the text's SHA-256 is {digest[:12]}... "
                "(texts are never edited once annotated)")
    for json_path, span in _spans(annotation):
        _check_span(out, path, json_path, span, text)
    for i, m in enumerate(annotation["entity_mentions"]):
        head, extent = m.get("head"), m["span"]
        if head and not (extent["start"] <= head["start"] and head["end"] <= extent["end"]):
            out.add(path, f"$.entity_mentions[{i}].head", "head-outside-extent",
                    f"head [{head['start']}, {head['end']}) is not inside extent [{extent['start']}, {extent['end']})")
    _check_types(out, path, annotation)


# Level 4: references ------------------------------------------------------------------------------

def _check_ids(out: _Collector, path: Path, annotation: dict) -> None:
    seen: dict[str, str] = {}
    for key in ("entities", "entity_mentions", "value_mentions", "events", "event_mentions"):
        for i, item in enumerate(annotation[key]):
            if item["id"] in seen:
                out.add(path, f"$.{key}[{i}].id", "duplicate-id",
                        f"id {item['id']!r} is already used at {seen[item['id']]}; expected unique ids")
            else:
                seen[item["id"]] = f"$.{key}[{i}]"


def _check_clusters(out: _Collector, path: Path, annotation: dict, cluster_key: str, mention_key: str,
                    ref_key: str, fields: tuple[str, ...]) -> None:
    clusters = {c["id"]: c for c in annotation[cluster_key]}
    used = set()
    for i, m in enumerate(annotation[mention_key]):
        cluster = clusters.get(m[ref_key])
        if cluster is None:
            out.add(path, f"$.{mention_key}[{i}].{ref_key}", "dangling-reference",
                    f"{ref_key} {m[ref_key]!r} names no item of {cluster_key}")
            continue
        used.add(cluster["id"])
        mine, theirs = tuple(m[f] for f in fields), tuple(cluster[f] for f in fields)
        if mine != theirs:
            out.add(path, f"$.{mention_key}[{i}].type", "mention-cluster-type-mismatch",
                    f"{m['id']} is {':'.join(mine)} but its cluster {cluster['id']} is {':'.join(theirs)}")
    for i, c in enumerate(annotation[cluster_key]):
        if c["id"] not in used:
            out.add(path, f"$.{cluster_key}[{i}]", "empty-cluster",
                    f"{c['id']} has no mention in {mention_key}; expected at least one")


def _check_duplicates(out: _Collector, path: Path, annotation: dict) -> None:
    seen: dict[tuple, str] = {}
    for i, m in enumerate(annotation["entity_mentions"]):
        key = ("entity", m["span"]["start"], m["span"]["end"])
        if key in seen:
            out.add(path, f"$.entity_mentions[{i}].span", "duplicate-mention",
                    f"{m['id']} has the same extent as {seen[key]}; expected one mention per extent")
        seen.setdefault(key, m["id"])
    for i, m in enumerate(annotation["event_mentions"]):
        key = ("event", m["trigger"]["start"], m["trigger"]["end"], m["type"])
        if key in seen:
            out.add(path, f"$.event_mentions[{i}].trigger", "duplicate-mention",
                    f"{m['id']} has the same trigger and type as {seen[key]}")
        seen.setdefault(key, m["id"])


def _filler_label(mention: dict) -> str:
    return f"{mention['type']}:{mention['subtype']}" if mention.get("subtype") else mention["type"]


def _check_arguments(out: _Collector, path: Path, annotation: dict) -> None:
    onto = load_ontology()
    fillers = {m["id"]: m for m in (*annotation["entity_mentions"], *annotation["value_mentions"])}
    for i, em in enumerate(annotation["event_mentions"]):
        roles = onto.roles(em["type"])
        seen = set()
        for j, arg in enumerate(em["arguments"]):
            where = f"$.event_mentions[{i}].arguments[{j}]"
            if (arg["role"], arg["ref"]) in seen:
                out.add(path, where, "duplicate-argument", f"{arg['role']} → {arg['ref']} is listed twice")
            seen.add((arg["role"], arg["ref"]))
            filler = fillers.get(arg["ref"])
            if filler is None:
                out.add(path, f"{where}.ref", "dangling-reference",
                        f"ref {arg['ref']!r} names no entity or value mention")
            if arg["role"] not in roles:
                out.add(path, f"{where}.role", "role-not-allowed",
                        f"{em['type']} takes no role {arg['role']!r}; expected one of {', '.join(roles)}")
            elif filler is not None:
                kind, subtype = filler["type"], filler.get("subtype")
                if not any(filler_matches(label, kind, subtype) for label in roles[arg["role"]]):
                    out.add(path, f"{where}.ref", "filler-type-not-allowed",
                            f"{em['type']} {arg['role']} is filled by {arg['ref']} of type {_filler_label(filler)}; "
                            f"expected {', '.join(roles[arg['role']])}")


def _check_references(out: _Collector, path: Path, annotation: dict) -> None:
    _check_ids(out, path, annotation)
    _check_clusters(out, path, annotation, "entities", "entity_mentions", "entity_id", ("type", "subtype"))
    _check_clusters(out, path, annotation, "events", "event_mentions", "event_id", ("type",))
    _check_duplicates(out, path, annotation)
    _check_arguments(out, path, annotation)


# Per document and per corpus ----------------------------------------------------------------------

def _check_metadata(out: _Collector, layout: Layout, doc_id: str) -> dict | None:
    path = layout.metadata_path(doc_id)
    data = _read_json_file(out, path)
    if data is None or not _check_schema(out, path, data, "metadata.schema.json"):
        return None
    if data["id"] != doc_id:
        out.add(path, "$.id", "id-filename-mismatch", f"id is {data['id']!r}; expected {doc_id!r}, the file name")
    _check_date(out, path, data)
    return data


def _check_date(out: _Collector, path: Path, data: dict) -> None:
    precision, date = data.get("date_precision", "day"), data["date"]
    form = DATE_PRECISIONS[precision]
    if (date is None) != (form is None) or date is not None and not re.fullmatch(form, date):
        expected = "null" if form is None else {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[precision]
        out.add(path, "$.date", "date-precision-mismatch",
                f"date {date!r} with date_precision {precision!r}; expected {expected}")
        return
    try:
        if date is not None:
            dt.date.fromisoformat(f"{date}-01-01"[:10] if precision != "day" else date)
    except ValueError:
        out.add(path, "$.date", "date-impossible", f"{date!r} is not a calendar date")


def _check_document(out: _Collector, layout: Layout, doc_id: str) -> dict | None:
    """Check one document's files; returns its metadata when it could be read."""
    paths = {"text": layout.text_path(doc_id), "metadata": layout.metadata_path(doc_id),
             "annotation": layout.annotation_path(doc_id)}
    exists = {k: p.is_file() for k, p in paths.items()}
    if not exists["text"]:
        present = next(p for k, p in paths.items() if exists[k])
        out.add(present, "", "text-missing", f"no text {layout.relative(paths['text'])} for this file")
    for kind, check in (("metadata", "metadata-missing"), ("annotation", "annotation-missing")):
        if exists["text"] and not exists[kind]:
            out.add(paths["text"], "", check, f"no {kind} file {layout.relative(paths[kind])} for this text")
    text = _read_corpus_text(out, paths["text"]) if exists["text"] else None
    if text is not None and not is_nfc(text):
        out.add(paths["text"], "", "text-not-nfc", "the text is not in NFC; expected NFC (normalize at ingest)")
        text = None
    metadata = _check_metadata(out, layout, doc_id) if exists["metadata"] else None
    if exists["annotation"]:
        _check_annotation(out, paths["annotation"], doc_id, text)
    return metadata


def _check_annotation(out: _Collector, path: Path, doc_id: str, text: str | None) -> None:
    annotation = _read_json_file(out, path)
    if annotation is None or not _check_schema(out, path, annotation, "annotation.schema.json"):
        return
    if annotation["document_id"] != doc_id:
        out.add(path, "$.document_id", "id-filename-mismatch",
                f"document_id is {annotation['document_id']!r}; expected {doc_id!r}, the file name")
    if text is not None:
        _check_content(out, path, annotation, text)
    _check_references(out, path, annotation)


def _check_annotation_sets(out: _Collector, layout: Layout, ids: list[str]) -> None:
    """Other annotation sets of the same texts (e.g. annotations/agreement/composed/second/) obey the same checks."""
    known = set(ids)
    for path in sorted(layout.annotations_dir.glob("*/**/*.json")):
        doc_id = path.stem
        if doc_id not in known:
            out.add(path, "", "text-missing", f"no text {layout.relative(layout.text_path(doc_id))} for this file")
            continue
        text_path = layout.text_path(doc_id)
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None  # the text's own problem is reported where the text is checked
        _check_annotation(out, path, doc_id, text)


def _check_stray_files(out: _Collector, layout: Layout) -> None:
    for folder in (layout.documents_dir, layout.annotations_dir):
        for p in sorted(folder.iterdir()):
            if p.is_file() and not p.name.startswith(".") and p.suffix not in (".txt", ".json"):
                out.add(p, "", "stray-file", "unexpected file; expected only <id>.txt and <id>.json files here")
        for p in sorted(folder.glob(".*.tmp")):
            out.add(p, "", "stray-file", "left-over temporary file of an interrupted write; expected none")


def _check_splits(out: _Collector, layout: Layout, ids: list[str], metadata: dict[str, dict]) -> None:
    path = layout.splits_path
    if not path.is_file():
        out.add(path, "", "file-unreadable", "no splits file; expected corpus/splits.json")
        return
    data = _read_json_file(out, path)
    if data is None or not _check_schema(out, path, data, "splits.schema.json"):
        return
    where: dict[str, list[str]] = defaultdict(list)
    known = set(ids)
    for name in SPLITS:
        for i, doc_id in enumerate(data[name]):
            where[doc_id].append(name)
            if doc_id not in known:
                out.add(path, f"$.{name}[{i}]", "split-unknown-document", f"{doc_id!r} names no document")
    for doc_id in ids:
        if not where[doc_id]:
            out.add(path, "", "split-missing", f"document {doc_id!r} is in no split; expected exactly one")
        elif len(where[doc_id]) > 1:
            out.add(path, "", "split-duplicate",
                    f"document {doc_id!r} is listed in {', '.join(where[doc_id])}; expected exactly one split")
    for doc_id, meta in sorted(metadata.items()):
        held_out = [name for name in where[doc_id] if name != "train"]
        if meta.get("pre_annotated") and held_out:
            out.add(layout.metadata_path(doc_id), "$.pre_annotated", "pre-annotated-held-out",
                    f"a {held_out[0]} document is pre-annotated; expected validation and test annotated blind")
    stories: dict[str, set[str]] = defaultdict(set)
    for doc_id, meta in metadata.items():
        if meta.get("story") and len(where[doc_id]) == 1:
            stories[meta["story"]].add(where[doc_id][0])
    for story, names in sorted(stories.items()):
        if len(names) > 1:
            out.add(path, "", "story-split-mismatch",
                    f"story {story!r} has documents in {', '.join(sorted(names))}; expected one split")


def validate(root: Path | str) -> Report:
    """Every problem in the corpus at `root`; never raises on bad data."""
    layout = Layout(Path(root))
    out = _Collector(layout)
    report = Report(str(root))
    if not layout.documents_dir.is_dir() or not layout.annotations_dir.is_dir():
        out.add(str(root), "", "root-layout", "expected a directory holding corpus/documents/ and annotations/")
        report.problems = out.problems
        return report
    _check_stray_files(out, layout)
    ids = layout.document_ids()
    metadata = {}
    for doc_id in ids:
        meta = _check_document(out, layout, doc_id)
        if meta is not None:
            metadata[doc_id] = meta
    _check_annotation_sets(out, layout, ids)
    _check_splits(out, layout, ids, metadata)
    report.documents = len(ids)
    report.problems = out.problems
    return report
