"""The wheel carries every subpackage: setuptools discovers them, so a new one cannot be left out.
(.ci/run also builds the wheel, installs it without -e and runs `hadath --help` and `hadath validate`.)"""

from __future__ import annotations

import tomllib

from setuptools import find_packages

from interchange_helpers import REPO


def test_setuptools_discovers_every_subpackage():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "packages" in config and "find" in config["packages"], \
        "[tool.setuptools.packages.find]: let setuptools discover the packages; a fixed list forgets new ones"
    found = set(find_packages(where=str(REPO), **config["packages"]["find"]))
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "hadath").rglob("__init__.py")}
    assert on_disk <= found, f"left out of the wheel: {sorted(on_disk - found)}"
    assert {"hadath.commands", "hadath.baselines"} <= found


def test_the_wheel_carries_the_ontology():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "schema/*.json" in config["package-data"]["hadath"]
    assert (REPO / "hadath" / "schema" / "ontology.json").is_file()
