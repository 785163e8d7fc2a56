"""Publishing a release on the Hugging Face Hub: check it, upload the folder as it is, tag the version.

`push_to_hub` is not used: it re-encodes the data and rewrites the card, and the release must reach the
Hub byte for byte as built and checksummed.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import checksums
from .features import CONFIGS, CORPUS_CONFIGS, DEFAULT_CONFIG

CARD_KEYS = ("pretty_name", "license", "language", "task_categories", "task_ids", "size_categories", "tags",
             "configs", "dataset_info")


class PublishError(Exception):
    """A release that cannot be published, or an upload that failed; the message says which."""


def check_card(folder: Path) -> str:
    """Check that `folder` is an intact release with a complete card; returns its version."""
    from huggingface_hub import DatasetCard

    problems = checksums.problems(folder)
    if problems:
        raise PublishError(f"{folder}: the release does not match its checksums: " + "; ".join(problems))
    card = DatasetCard.load(folder / "README.md")
    data = card.data.to_dict()
    missing = [k for k in CARD_KEYS if not data.get(k)]
    if missing:
        raise PublishError(f"{folder}/README.md: the card's YAML lacks {', '.join(missing)}")
    names = [c.get("config_name") for c in data["configs"]]
    defaults = [c.get("config_name") for c in data["configs"] if c.get("default")]
    if not set(CORPUS_CONFIGS) <= set(names) <= set(CONFIGS) or defaults != [DEFAULT_CONFIG]:
        raise PublishError(f"{folder}/README.md: configs are {names} with default {defaults}; expected "
                           f"{list(CORPUS_CONFIGS)} (and optionally anercorp) with default {DEFAULT_CONFIG}")
    for config in data["configs"]:
        for entry in config["data_files"]:
            for path in [entry["path"]] if isinstance(entry["path"], str) else entry["path"]:
                if not (folder / path).is_file():
                    raise PublishError(f"{folder}/README.md: data file {path} does not exist")
    try:
        return json.loads((folder / "croissant.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise PublishError(f"{folder}/croissant.json: cannot read the release version: {exc}") from None


def publish(folder: Path, repo_id: str, version: str) -> str:
    """Upload `folder` to the dataset repository `repo_id`, removing files of earlier releases, and tag
    the commit `v<version>`; returns the repository URL."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    api = HfApi()
    try:
        repo = api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
        commit = api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(folder),
                                   commit_message=f"Release v{version}", delete_patterns=["*", "**/*"])
        api.create_tag(repo_id, tag=f"v{version}", revision=commit.oid, repo_type="dataset",
                       tag_message=f"Hadath release {version}")
    except (HfHubHTTPError, OSError, ValueError) as exc:
        raise PublishError(f"publishing to datasets/{repo_id} failed: {exc}") from None
    return str(repo)
