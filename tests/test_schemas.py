import json

from hadath.corpus.ontology import schema_dir
from hadath.corpus.schemas import BUILDERS, schema


def test_committed_schemas_are_generated_from_the_ontology():
    for name in BUILDERS:
        committed = json.loads((schema_dir() / name).read_text(encoding="utf-8"))
        assert committed == schema(name), f"schema/{name} is stale: run python scripts/write_schemas.py"


def test_schema_enums_come_from_the_ontology():
    s = schema("annotation.schema.json")
    event_types = s["properties"]["events"]["items"]["properties"]["type"]["enum"]
    assert len(event_types) == 33 and "Justice:Extradite" in event_types
