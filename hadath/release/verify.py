"""Checking a written release the way its users read it.

`verify(folder)` re-checks `SHA256SUMS`, loads every config and split with `datasets.load_dataset`
(offline, into a temporary cache), compares the features with the declared ones, and re-checks every
offset, token and reference. It returns the problems found, one message each; none means the release is
sound.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from ..corpus.files import SPLITS
from ..corpus.text import sha256
from . import checksums
from .croissant import check as check_croissant
from .features import CONFIGS, CORPUS_CONFIGS, features


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """Run with the Hugging Face libraries in offline mode, whatever the environment said."""
    import datasets.config
    import huggingface_hub.constants

    saved = (dict(os.environ), datasets.config.HF_HUB_OFFLINE, huggingface_hub.constants.HF_HUB_OFFLINE)
    os.environ.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    datasets.config.HF_HUB_OFFLINE = huggingface_hub.constants.HF_HUB_OFFLINE = True
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved[0])
        datasets.config.HF_HUB_OFFLINE, huggingface_hub.constants.HF_HUB_OFFLINE = saved[1], saved[2]


def load(folder: Path, config: str, cache_dir: Path):
    """`load_dataset(folder, config)` offline, as a user would call it."""
    from datasets import load_dataset
    from datasets.utils import logging as ds_logging

    bars = ds_logging.is_progress_bar_enabled()
    ds_logging.disable_progress_bar()
    try:
        with offline():
            return load_dataset(str(folder), config, cache_dir=str(cache_dir))
    finally:
        if bars:
            ds_logging.enable_progress_bar()


def verify(folder: Path | str, cache_dir: Path | str | None = None) -> list[str]:
    folder = Path(folder)
    if not (folder / "README.md").is_file():
        return [f"{folder}: no README.md; expected a release written by hadath build"]
    problems = checksums.problems(folder)
    problems += [f"croissant.json: {e}" for e in check_croissant(folder / "croissant.json")]
    try:
        splits = card_splits(folder / "README.md")
    except ValueError as exc:
        return problems + [f"README.md: {exc}"]
    own_cache = cache_dir is None
    cache = Path(tempfile.mkdtemp(prefix="hadath-verify-")) if own_cache else Path(cache_dir)
    try:
        loaded = {}
        missing = [c for c in CORPUS_CONFIGS if c not in splits]
        problems += [f"README.md: no config {c!r}; every release has {', '.join(CORPUS_CONFIGS)}" for c in missing]
        unknown = [c for c in splits if c not in CONFIGS]
        problems += [f"README.md: config {c!r} is not one of {', '.join(CONFIGS)}" for c in unknown]
        for config in [c for c in CONFIGS if c in splits]:
            try:
                loaded[config] = load(folder, config, cache)
            except Exception as exc:  # any failure to load is what this check reports
                problems.append(f"{config}: load_dataset failed: {type(exc).__name__}: {exc}")
                continue
            problems += _check_shape(config, loaded[config], splits.get(config, []))
        if "documents" in loaded:
            problems += _check_contents(loaded)
        if "documents" in loaded and "anercorp" in loaded:
            problems += _check_anercorp(loaded)
    finally:
        if own_cache:
            shutil.rmtree(cache, ignore_errors=True)
    return problems


def card_splits(card: Path) -> dict[str, list[str]]:
    """Config -> the splits the card's YAML gives data files for."""
    import yaml

    text = card.read_text(encoding="utf-8")
    parts = text.split("---\n", 2)
    if not text.startswith("---\n") or len(parts) < 3:
        raise ValueError("no YAML block between '---' lines at the top")
    try:
        meta = yaml.safe_load(parts[1])
        return {c["config_name"]: [f["split"] for f in c["data_files"]] for c in meta["configs"]}
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise ValueError(f"cannot read the configs from the YAML: {exc}") from None


def _check_shape(config: str, dataset_dict, expected: list[str]) -> list[str]:
    out = []
    if not expected or not set(expected) <= set(SPLITS):
        out.append(f"{config}: the card lists splits {expected}; expected some of {list(SPLITS)}")
    if set(dataset_dict) != set(expected):
        out.append(f"{config}: splits are {sorted(dataset_dict)}; the card lists {expected}")
    for split, ds in dataset_dict.items():
        if ds.features != features(config):
            declared = features(config)
            differ = sorted(k for k in set(declared) | set(ds.features) if declared.get(k) != ds.features.get(k))
            out.append(f"{config}/{split}: features differ from the declared ones in {', '.join(differ)}")
    return out


def _span(where: str, text: str, start, end, stored) -> list[str]:
    if start is None or end is None or not 0 <= start < end <= len(text):
        return [f"{where}: [{start}, {end}) is not a span of the {len(text)}-character text"]
    if text[start:end] != stored:
        return [f"{where}: text[{start}:{end}] is {text[start:end]!r}; the row says {stored!r}"]
    return []


def _check_document(row: dict) -> list[str]:
    doc, text = row["id"], row["text"]
    out = []
    if sha256(text) != row["text_sha256"]:
        out.append(f"documents/{doc}: text_sha256 does not match the text")
    entities = {e["id"]: e for e in row["entities"]}
    members: dict[str, list[str]] = defaultdict(list)
    fillers = {}
    for m in row["entity_mentions"]:
        where = f"documents/{doc}/{m['id']}"
        out += _span(where, text, m["start"], m["end"], m["text"])
        if (m["head_start"] is None) != (m["head_end"] is None):
            out.append(f"{where}: head_start and head_end must both be set or both be null")
        elif m["head_start"] is not None and not m["start"] <= m["head_start"] < m["head_end"] <= m["end"]:
            out.append(f"{where}: head [{m['head_start']}, {m['head_end']}) is not inside the extent")
        entity = entities.get(m["entity_id"])
        if entity is None:
            out.append(f"{where}: entity_id {m['entity_id']!r} names no entity")
        elif (entity["type"], entity["subtype"]) != (m["type"], m["subtype"]):
            out.append(f"{where}: type {m['type']}:{m['subtype']} differs from its entity's")
        members[m["entity_id"]].append(m["id"])
        fillers[m["id"]] = m
    for e in row["entities"]:
        if e["mention_ids"] != members.get(e["id"], []):
            out.append(f"documents/{doc}/{e['id']}: mention_ids {e['mention_ids']} differ from its mentions "
                       f"{members.get(e['id'], [])}")
    for v in row["value_mentions"]:
        out += _span(f"documents/{doc}/{v['id']}", text, v["start"], v["end"], v["text"])
        fillers[v["id"]] = v
    events = {e["id"] for e in row["events"]}
    event_members: dict[str, list[str]] = defaultdict(list)
    for m in row["event_mentions"]:
        where = f"documents/{doc}/{m['id']}"
        out += _span(where, text, m["trigger_start"], m["trigger_end"], m["trigger_text"])
        if m["event_id"] not in events:
            out.append(f"{where}: event_id {m['event_id']!r} names no event")
        event_members[m["event_id"]].append(m["id"])
        for a in m["arguments"]:
            filler = fillers.get(a["ref_id"])
            if filler is None:
                out.append(f"{where}: argument {a['role']} ref_id {a['ref_id']!r} names no mention")
            elif (filler["start"], filler["end"], filler["text"]) != (a["start"], a["end"], a["text"]):
                out.append(f"{where}: argument {a['role']} offsets differ from those of {a['ref_id']}")
    for e in row["events"]:
        if e["mention_ids"] != event_members.get(e["id"], []):
            out.append(f"documents/{doc}/{e['id']}: mention_ids differ from its mentions")
    return out


def _check_sentence(config: str, row: dict, text: str | None, fillers: dict) -> list[str]:
    where = f"{config}/{row['document_id']}/sentence {row['sentence_index']}"
    if text is None:
        return [f"{where}: document_id names no document of this split"]
    out = _span(where, text, row["start"], row["end"], row["text"])
    tokens, starts, ends = row["tokens"], row["token_starts"], row["token_ends"]
    if not len(tokens) == len(starts) == len(ends):
        return out + [f"{where}: tokens, token_starts and token_ends differ in length"]
    for i, (token, s, e) in enumerate(zip(tokens, starts, ends)):
        out += _span(f"{where}/token {i}", text, s, e, token)
    if config == "ner":
        out += _check_tags(where, row, len(tokens))
    else:
        out += _check_event_row(where, row, fillers, starts, ends)
    return out


def _check_tags(where: str, row: dict, n: int) -> list[str]:
    names = features("ner")["ner_tags"].feature.names
    out = []
    for column in ("ner_tags", "mention_tags"):
        tags = row[column]
        if len(tags) != n:
            out.append(f"{where}: {column} has {len(tags)} tags for {n} tokens")
            continue
        previous = "O"
        for i, tag in enumerate(tags):
            if not 0 <= tag < len(names):
                out.append(f"{where}: {column}[{i}] is {tag}, outside the {len(names)} labels")
                break
            label = names[tag]
            if label.startswith("I-") and previous[2:] != label[2:]:
                out.append(f"{where}: {column}[{i}] is {label} after {previous}; expected B- first")
            previous = label
    return out


def _covers(starts: list, ends: list, first, last, start: int, end: int) -> bool:
    return (first is not None and last is not None and 0 <= first < last <= len(starts)
            and starts[first] <= start and end <= ends[last - 1])


def _check_event_row(where: str, row: dict, fillers: dict, starts: list, ends: list) -> list[str]:
    out = []
    for m in row["entity_mentions"]:
        if fillers.get(m["id"]) != (m["start"], m["end"], m["text"]):
            out.append(f"{where}/{m['id']}: differs from the mention in documents")
        if not _covers(starts, ends, m["token_start"], m["token_end"], m["start"], m["end"]):
            out.append(f"{where}/{m['id']}: tokens [{m['token_start']}, {m['token_end']}) do not cover it")
    for m in row["event_mentions"]:
        if not _covers(starts, ends, m["trigger_token_start"], m["trigger_token_end"], m["trigger_start"],
                       m["trigger_end"]):
            out.append(f"{where}/{m['id']}: trigger tokens do not cover the trigger")
        for a in m["arguments"]:
            if fillers.get(a["ref_id"]) != (a["start"], a["end"], a["text"]):
                out.append(f"{where}/{m['id']}: argument {a['ref_id']} differs from the mention in documents")
            if a["token_start"] is not None and not _covers(starts, ends, a["token_start"], a["token_end"],
                                                            a["start"], a["end"]):
                out.append(f"{where}/{m['id']}: argument {a['ref_id']} tokens do not cover it")
    return out


def _check_contents(loaded: dict) -> list[str]:
    out = []
    for split in SPLITS:
        if split not in loaded["documents"]:
            continue
        texts, fillers = {}, {}
        previous = None
        for row in loaded["documents"][split]:
            if previous is not None and row["id"] <= previous:
                out.append(f"documents/{split}: {row['id']} follows {previous}; expected rows sorted by id")
            previous = row["id"]
            out += _check_document(row)
            texts[row["id"]] = row["text"]
            for m in (*row["entity_mentions"], *row["value_mentions"]):
                fillers.setdefault(row["id"], {})[m["id"]] = (m["start"], m["end"], m["text"])
        for config in ("ner", "events"):
            if config in loaded and split in loaded[config]:
                out += _check_sentences(config, loaded[config][split], texts, fillers)
    return out


def _check_anercorp(loaded: dict) -> list[str]:
    """Every ANERcorp token is at its offsets in its document, sentences in order."""
    texts = {row["id"]: row["text"] for ds in loaded["documents"].values() for row in ds}
    out, previous = [], -1
    for split in ("train", "test"):
        for row in loaded["anercorp"].get(split, []):
            where = f"anercorp/{split} {row['id']}"
            if row["sentence_index"] <= previous:
                out.append(f"{where}: sentence {row['sentence_index']} follows {previous}; expected increasing")
            previous = row["sentence_index"]
            text = texts.get(row["document_id"])
            if text is None:  # a document not annotated yet is not released; the card lists them
                continue
            for token, start, end in zip(row["tokens"], row["token_starts"], row["token_ends"]):
                out += _span(where, text, start, end, token)
    return out


def _check_sentences(config: str, dataset, texts: dict, fillers: dict) -> list[str]:
    out = []
    previous = ("", -1)
    for row in dataset:
        key = (row["document_id"], row["sentence_index"])
        expected = (key[0], previous[1] + 1) if key[0] == previous[0] else (key[0], 0)
        if key != expected:
            out.append(f"{config}: {key[0]} sentence {key[1]} follows {previous}; expected sentence {expected[1]}")
        previous = key
        out += _check_sentence(config, row, texts.get(key[0]), fillers.get(key[0], {}))
    return out
