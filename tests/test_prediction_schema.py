"""schema/predictions.schema.json: generated from the ontology, and it accepts what the reader accepts."""

from __future__ import annotations

import json

import jsonschema
from conftest import gold_lines

from hadath.corpus.ontology import schema_dir
from hadath.corpus.schemas import dumps, schema


def test_file_is_generated_from_the_ontology():
    stored = (schema_dir() / "predictions.schema.json").read_text(encoding="utf-8")
    assert stored == dumps(schema("predictions.schema.json"))


def test_schema_accepts_gold_lines_and_text_only_mentions(corpus):
    validator = jsonschema.Draft202012Validator(json.loads(dumps(schema("predictions.schema.json"))))
    for line in gold_lines(corpus):
        validator.validate(line)
    validator.validate({"id": "x", "entity_mentions": [{"text": "باريس", "type": "GPE"}]})
    bad = {"id": "x", "entity_mentions": [{"text": "باريس", "start": 0, "type": "GPE"}]}
    assert not validator.is_valid(bad)
    assert not validator.is_valid({"id": "x", "entity_mentions": [{"start": 0, "end": 2, "type": "PERSON"}]})
