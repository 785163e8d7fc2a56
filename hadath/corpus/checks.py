"""The registry of validation checks: a stable kebab-case id, a level and what the check requires.

Levels run in order; where a file fails a level, its later levels are skipped, so one defect does not
set off a cascade of follow-on reports.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = {1: "file", 2: "schema", 3: "content", 4: "references", 5: "corpus"}


@dataclass(frozen=True)
class Check:
    id: str
    level: int
    description: str


_ALL = [
    Check("root-layout", 1, "ROOT is a directory holding corpus/documents/ and annotations/"),
    Check("file-unreadable", 1, "every file the corpus needs can be read"),
    Check("not-utf8", 1, "files are UTF-8"),
    Check("bom", 1, "files do not start with a byte-order mark"),
    Check("line-ending", 1, "texts use LF line ends only"),
    Check("control-character", 1, "texts hold no control characters but tab and line feed (no NUL)"),
    Check("json-malformed", 1, "metadata, annotation and split files are well-formed JSON"),
    Check("stray-file", 1, "corpus folders hold only .txt and .json files"),
    Check("schema-violation", 2, "metadata, annotation and split files satisfy their JSON Schema"),
    Check("text-not-nfc", 3, "texts are in Unicode normalization form C"),
    Check("text-hash-mismatch", 3, "an annotation's text_sha256 is the SHA-256 of the text it annotates"),
    Check("date-impossible", 3, "the document date is a real calendar date"),
    Check("date-precision-mismatch", 3, "the document date has the form of its date_precision "
          "(day YYYY-MM-DD, month YYYY-MM, year YYYY, unknown null)"),
    Check("span-empty", 3, "a span has end > start"),
    Check("span-out-of-bounds", 3, "a span lies within the text"),
    Check("span-text-mismatch", 3, "a span's text equals text[start:end]"),
    Check("span-whitespace-edge", 3, "a span neither begins nor ends with white space"),
    Check("head-outside-extent", 3, "a mention's head lies within its extent"),
    Check("subtype-not-in-type", 3, "a subtype belongs to its type in the ontology"),
    Check("gpe-role-mismatch", 3, "every GPE mention carries a gpe_role, and no other mention does"),
    Check("value-fields-mismatch", 3, "TIME values have a timex_type; other values have no timex_type or mod"),
    Check("timex-value-malformed", 3, "a TIME value's normalized form is well formed for its TIMEX3 type"),
    Check("timex-value-impossible", 3, "a TIME value's normalized form names a time that exists"),
    Check("duplicate-id", 4, "ids are unique within a document"),
    Check("dangling-reference", 4, "every referenced entity, event and argument id exists"),
    Check("empty-cluster", 4, "every entity and event has at least one mention"),
    Check("mention-cluster-type-mismatch", 4, "a mention has the type and subtype of its entity or event"),
    Check("duplicate-mention", 4, "no two entity mentions share an extent; no two event mentions share "
                                  "a trigger and a type"),
    Check("role-not-allowed", 4, "an argument's role is one the event type takes"),
    Check("filler-type-not-allowed", 4, "an argument's filler has a type the role allows"),
    Check("duplicate-argument", 4, "an event mention lists each (role, filler) once"),
    Check("metadata-missing", 5, "every text has a metadata file"),
    Check("text-missing", 5, "every metadata or annotation file has a text"),
    Check("annotation-missing", 5, "every text has an annotation file"),
    Check("id-filename-mismatch", 5, "a file's id equals its file name"),
    Check("split-missing", 5, "every document is in a split"),
    Check("split-duplicate", 5, "no document is in two splits, or twice in one"),
    Check("split-unknown-document", 5, "every id in the splits names a document"),
    Check("pre-annotated-held-out", 5, "validation and test documents are annotated blind, never from "
          "machine suggestions (metadata pre_annotated)"),
    Check("story-split-mismatch", 5, "documents of the same story share a split"),
]

CHECKS: dict[str, Check] = {c.id: c for c in _ALL}
