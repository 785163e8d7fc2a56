"""JSON Schemas (draft 2020-12) of the stored files, built from the ontology.

The copies under `schema/` are written by `scripts/write_schemas.py`; a test keeps them equal to these.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .ontology import Ontology, load_ontology, schema_dir

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{2,63}$"


def _span() -> dict:
    return {
        "type": "object",
        "description": "Half-open [start, end) code-point offsets into the document text, with the text covered.",
        "required": ["start", "end", "text"],
        "additionalProperties": False,
        "properties": {
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "text": {"type": "string", "minLength": 1},
        },
    }


def _id(prefix: str) -> dict:
    return {"type": "string", "pattern": rf"^{prefix}[1-9][0-9]*$"}


def annotation_schema(onto: Ontology) -> dict:
    attrs = onto.event_attributes
    return {
        "$schema": DRAFT,
        "$id": "https://hadath.invalid/schema/annotation.schema.json",
        "title": "Hadath stand-off annotation of one document",
        "type": "object",
        "required": ["document_id", "text_sha256", "entities", "entity_mentions", "value_mentions",
                     "events", "event_mentions"],
        "additionalProperties": False,
        "$defs": {"span": _span()},
        "properties": {
            "document_id": {"type": "string", "pattern": ID_PATTERN},
            "text_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "entities": {"type": "array", "items": {
                "type": "object", "required": ["id", "type", "subtype", "entity_class"],
                "additionalProperties": False,
                "properties": {
                    "id": _id("E"),
                    "type": {"enum": onto.entity_types},
                    "subtype": {"enum": onto.all_entity_subtypes},
                    "entity_class": {"enum": onto.entity_classes},
                }}},
            "entity_mentions": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "entity_id", "type", "subtype", "mention_type", "span"],
                "additionalProperties": False,
                "properties": {
                    "id": _id("M"),
                    "entity_id": _id("E"),
                    "type": {"enum": onto.entity_types},
                    "subtype": {"enum": onto.all_entity_subtypes},
                    "mention_type": {"enum": onto.mention_types},
                    "span": {"$ref": "#/$defs/span"},
                    "head": {"$ref": "#/$defs/span"},
                    "gpe_role": {"enum": onto.gpe_roles},
                }}},
            "value_mentions": {"type": "array", "items": {
                "type": "object", "required": ["id", "type", "span"], "additionalProperties": False,
                "properties": {
                    "id": _id("V"),
                    "type": {"enum": onto.value_types},
                    "subtype": {"enum": sorted({s for t in onto.value_types for s in onto.value_subtypes(t)})},
                    "span": {"$ref": "#/$defs/span"},
                    "normalized": {"type": "string", "minLength": 1},
                    "timex_type": {"enum": onto.timex_types},
                    "mod": {"enum": onto.timex_mods},
                }}},
            "events": {"type": "array", "items": {
                "type": "object", "required": ["id", "type"], "additionalProperties": False,
                "properties": {"id": _id("EV"), "type": {"enum": onto.event_types}}}},
            "event_mentions": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "event_id", "type", "trigger", "arguments", *attrs],
                "additionalProperties": False,
                "properties": {
                    "id": _id("EM"),
                    "event_id": _id("EV"),
                    "type": {"enum": onto.event_types},
                    "trigger": {"$ref": "#/$defs/span"},
                    "arguments": {"type": "array", "items": {
                        "type": "object", "required": ["role", "ref"], "additionalProperties": False,
                        "properties": {"role": {"enum": onto.all_roles},
                                       "ref": {"type": "string", "pattern": "^[MV][1-9][0-9]*$"}}}},
                    **{name: {"enum": values} for name, values in attrs.items()},
                }}},
        },
    }


def metadata_schema(onto: Ontology) -> dict:
    return {
        "$schema": DRAFT,
        "$id": "https://hadath.invalid/schema/metadata.schema.json",
        "title": "Hadath document metadata",
        "type": "object",
        "required": ["id", "language", "date", "title", "source", "provenance", "license", "topics"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "language": {"const": "ar"},
            "date": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                     "description": "Document creation date, the anchor for relative times: YYYY-MM-DD, or "
                                    "YYYY-MM / YYYY / null when only the month, the year or nothing is known "
                                    "(see date_precision)."},
            "date_precision": {"enum": list(DATE_PRECISIONS),
                               "description": "How much of the date is known; absent means day."},
            "date_evidence": {"type": "string", "minLength": 1,
                              "description": "Why the date is what it is, for dates estimated from the text."},
            "source_tokens": {"type": "array", "items": {"type": "integer", "minimum": 0},
                              "minItems": 2, "maxItems": 2,
                              "description": "[first, end) token indices of the text in its source's token "
                                             "stream (ANERcorp)."},
            "title": {"type": ["string", "null"]},
            "source": {"type": "string", "minLength": 1,
                       "description": "The outlet, 'unknown', or 'composed' for texts written for Hadath."},
            "provenance": {"enum": ["sourced", "composed"]},
            "factuality": {"enum": ["reported", "fictional"]},
            "license": {"type": "string", "minLength": 1},
            "topics": {"type": "array", "items": {"type": "string", "pattern": "^[a-z][a-z-]*$"},
                       "uniqueItems": True},
            "story": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$",
                      "description": "Documents about the same story share this tag and a split."},
            "pre_annotated": {"type": "boolean",
                              "description": "The annotation started from machine suggestions (each reviewed "
                                             "by reading); train documents only. Absent means false."},
            "url": {"type": "string"},
            "notes": {"type": "string"},
        },
        "allOf": [{"if": {"properties": {"provenance": {"const": "composed"}}},
                   "then": {"required": ["factuality"]}}],
    }


# The form of `date` for each `date_precision` (absent: day).
DATE_PRECISIONS = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$",
                   "unknown": None}


def splits_schema(onto: Ontology) -> dict:
    ids = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}
    return {
        "$schema": DRAFT,
        "$id": "https://hadath.invalid/schema/splits.schema.json",
        "title": "Hadath frozen document-level splits",
        "type": "object",
        "required": ["train", "validation", "test"],
        "additionalProperties": False,
        "properties": {"train": ids, "validation": ids, "test": ids,
                       "method": {"type": "string", "description": "How the split was made."}},
    }


def _offset(description: str) -> dict:
    return {"type": "integer", "minimum": 0, "description": description}


def predictions_schema(onto: Ontology) -> dict:
    """One line of a JSON Lines span file (predictions, or gold given as a file) for `hadath evaluate`."""
    offsets = {"start": _offset("first code point of the span"),
               "end": _offset("one past the last code point (half-open; end > start)")}
    return {
        "$schema": DRAFT,
        "$id": "https://hadath.invalid/schema/predictions.schema.json",
        "title": "Hadath span file: one JSON object per line, one line per document",
        "description": "Offsets are half-open [start, end) Python code-point offsets into the exact "
                       "document text. A document without a line is scored as empty.",
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string", "minLength": 1, "description": "the document id"},
            "text": {"type": "string", "description": "the document text (optional; used when this file "
                                                      "is the gold)"},
            "entity_mentions": {"type": "array", "items": {"oneOf": [
                {"type": "object", "title": "a mention on offsets",
                 "required": ["start", "end", "type"],
                 "properties": {**offsets, "type": {"enum": onto.entity_types},
                                "mention_type": {"enum": onto.mention_types},
                                "head_start": _offset("first code point of the head (gold files; --heads)"),
                                "head_end": _offset("one past the last code point of the head")}},
                {"type": "object", "title": "a text-only mention, aligned to the text by the stated rule",
                 "required": ["text", "type"], "not": {"anyOf": [{"required": ["start"]}, {"required": ["end"]}]},
                 "properties": {"text": {"type": "string", "minLength": 1}, "type": {"enum": onto.entity_types},
                                "mention_type": {"enum": onto.mention_types}}},
            ]}},
            "value_mentions": {"type": "array", "items": {
                "type": "object", "required": ["start", "end", "type"],
                "properties": {**offsets, "type": {"enum": onto.value_types},
                               "normalized": {"type": ["string", "null"],
                                              "description": "TIMEX3 value of a TIME, or the normalized value"}}}},
            "event_mentions": {"type": "array", "items": {
                "type": "object", "required": ["type", "trigger_start", "trigger_end"],
                "properties": {
                    "type": {"enum": onto.event_types},
                    "trigger_start": _offset("first code point of the trigger"),
                    "trigger_end": _offset("one past the last code point of the trigger"),
                    "arguments": {"type": "array", "items": {
                        "type": "object", "required": ["role", "start", "end"],
                        "properties": {"role": {"enum": onto.all_roles}, **offsets}}}}}},
        },
    }


BUILDERS = {
    "annotation.schema.json": annotation_schema,
    "metadata.schema.json": metadata_schema,
    "splits.schema.json": splits_schema,
    "predictions.schema.json": predictions_schema,
}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """The schema named `name` (a file name under `schema/`), built from the ontology."""
    return BUILDERS[name](load_ontology())


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write_all(directory: Path | None = None) -> list[Path]:
    directory = directory or schema_dir()
    written = []
    for name in BUILDERS:
        path = directory / name
        path.write_text(dumps(schema(name)), encoding="utf-8")
        written.append(path)
    return written
