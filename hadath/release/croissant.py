"""Croissant 1.1 metadata (`croissant.json`) of a release, generated and validated with `mlcroissant`."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import mlcroissant as mlc
from datasets import ClassLabel, List, Value

from .features import CONFIGS, DESCRIPTIONS, features

_DATA_TYPES = {"string": mlc.DataType.TEXT, "int32": mlc.DataType.INTEGER, "int64": mlc.DataType.INTEGER,
               "bool": mlc.DataType.BOOL}
_PARQUET = "application/x-parquet"
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"


class CroissantError(Exception):
    """Metadata that `mlcroissant` does not accept; the message lists its issues."""


def _data_type(feature) -> str:
    if isinstance(feature, ClassLabel):
        return mlc.DataType.INTEGER
    if isinstance(feature, Value):
        return _DATA_TYPES[feature.dtype]
    raise TypeError(f"no Croissant data type for {feature!r}")


def _field(ctx, config: str, column: str, path: list[str], feature, array: bool = False) -> mlc.Field:
    dotted = ".".join(path)
    uid = f"{config}/{dotted}"
    source = mlc.Source(ctx=ctx, file_set=f"{config}-files", extract=mlc.Extract(ctx=ctx, column=column),
                        transforms=[mlc.Transform(ctx=ctx, json_path=".".join(path[1:]))] if len(path) > 1 else [])
    common = dict(ctx=ctx, id=uid, name=path[-1], description=DESCRIPTIONS[config].get(dotted), source=source)
    if isinstance(feature, List):
        return _field(ctx, config, column, path, feature.feature, array=True)
    if isinstance(feature, dict):
        subs = [_field(ctx, config, column, [*path, name], sub) for name, sub in feature.items()]
        return mlc.Field(**common, sub_fields=subs, is_array=array or None)
    return mlc.Field(**common, data_types=[_data_type(feature)], is_array=array or None)


def metadata(version: str, description: str, license_urls: list[str], configs=CONFIGS) -> dict:
    """The Croissant JSON-LD of a release: one file set and one record set per config."""
    ctx = mlc.Context()
    distribution = []
    for config in configs:
        distribution.append(mlc.FileSet(ctx=ctx, id=f"{config}-files", name=f"{config}-files",
                                        description=f"Parquet files of the `{config}` config",
                                        encoding_formats=[_PARQUET], includes=[f"{config}/*.parquet"]))
    record_sets = []
    for config in configs:
        fields = [_field(ctx, config, name, [name], feature) for name, feature in features(config).items()]
        record_sets.append(mlc.RecordSet(ctx=ctx, id=config, name=config, fields=fields,
                                         description=f"one row of the `{config}` config"))
    meta = mlc.Metadata(
        ctx=ctx, name="Hadath", conforms_to=CONFORMS_TO, version=version, description=description, url=None,
        license=list(license_urls) or None, in_language=["ar"],
        keywords=["Arabic", "news", "named entity recognition", "event extraction", "ACE 2005"],
        distribution=distribution, record_sets=record_sets,
        cite_as="Hadath: an open Arabic news corpus with gold entity, time and event annotations",
    )
    data = meta.to_json()
    issues = meta.ctx.issues
    if issues.errors:
        raise CroissantError("; ".join(sorted(issues.errors)))
    return data


def check(path: Path) -> list[str]:
    """The errors `mlcroissant` finds in a written `croissant.json` (empty when valid)."""
    if not path.is_file():
        return [f"{path}: missing"]
    absl = logging.getLogger("absl")
    level = absl.level
    absl.setLevel(logging.ERROR)  # recommendations such as datePublished are not errors
    try:
        mlc.Dataset(jsonld=path)
    except mlc.ValidationError as exc:
        return [str(exc)]
    finally:
        absl.setLevel(level)
    return []


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
