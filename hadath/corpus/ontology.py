"""The one loader of `schema/ontology.json`, the inventory every other part reads its types from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True)
class Ontology:
    raw: dict

    @property
    def version(self) -> str:
        return self.raw["version"]

    @property
    def entity_types(self) -> list[str]:
        return list(self.raw["entity_types"])

    def entity_subtypes(self, entity_type: str) -> list[str]:
        return self.raw["entity_types"][entity_type]["subtypes"]

    @property
    def all_entity_subtypes(self) -> list[str]:
        return sorted({s for t in self.entity_types for s in self.entity_subtypes(t)})

    @property
    def value_types(self) -> list[str]:
        return list(self.raw["value_types"])

    def value_subtypes(self, value_type: str) -> list[str]:
        return self.raw["value_types"][value_type]["subtypes"]

    @property
    def mention_types(self) -> list[str]:
        return list(self.raw["mention_types"])

    @property
    def entity_classes(self) -> list[str]:
        return list(self.raw["entity_classes"])

    @property
    def gpe_roles(self) -> list[str]:
        return list(self.raw["gpe_roles"])

    @property
    def timex_types(self) -> list[str]:
        return self.raw["timex_types"]

    @property
    def timex_mods(self) -> list[str]:
        return self.raw["timex_mods"]

    @property
    def event_attributes(self) -> dict[str, list[str]]:
        return self.raw["event_attributes"]

    @property
    def event_types(self) -> list[str]:
        return list(self.raw["event_types"])

    def roles(self, event_type: str) -> dict[str, list[str]]:
        """Role -> allowed filler labels (entity types, `TIME`, `Numeric:Money`, `Crime`, ...)."""
        return self.raw["event_types"][event_type]["roles"]

    @property
    def all_roles(self) -> list[str]:
        return sorted({r for t in self.event_types for r in self.roles(t)})

    @property
    def time_roles(self) -> list[str]:
        return self.raw["time_roles"]

    def view_roles(self, view: str) -> list[str]:
        """Roles kept by a named view such as `ace22`; view `all` keeps every role."""
        if view == "all":
            return self.all_roles
        return self.raw["views"][view]["roles"]

    @property
    def views(self) -> list[str]:
        return ["all", *self.raw["views"]]

    def is_extension(self, event_type: str) -> bool:
        return bool(self.raw["event_types"][event_type].get("extension", False))


def filler_matches(label: str, kind: str, subtype: str | None) -> bool:
    """Does a mention of `kind`/`subtype` satisfy a filler label such as `PER` or `Numeric:Money`?"""
    if ":" in label:
        return label == f"{kind}:{subtype}"
    return label == kind


def schema_dir() -> Path:
    return Path(str(files("hadath").joinpath("schema")))


def ontology_path() -> Path:
    return schema_dir() / "ontology.json"


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    with open(ontology_path(), encoding="utf-8") as f:
        return Ontology(json.load(f))
