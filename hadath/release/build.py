"""Building a release: validated corpus → Parquet configs, dataset card, Croissant metadata, checksums.

The release is written into a temporary folder beside the target and renamed into place at the end,
so a failed or refused build leaves nothing behind and a reader never sees half a release. Documents
are streamed split by split in id order, so memory stays flat as the corpus grows.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib.metadata import version as package_version
from pathlib import Path

from .. import __version__
from ..corpus.files import SPLITS, iter_documents, load_splits
from ..corpus.outputs import OutputError, check_target
from ..corpus.validator import Report, validate
from ..scoring.agreement import corpus_agreement
from ..scoring.crosscheck import card_figures
from .card import CardInput, ConfigFiles, changes_of, configs_of, render
from .checksums import NAME as CHECKSUMS
from .checksums import problems as checksum_problems
from .checksums import render as render_checksums
from .counts import Statistics
from .croissant import check as check_croissant
from .croissant import dumps as croissant_dumps
from .croissant import metadata as croissant_metadata
from ..corpus.anercorp import config_rows
from .features import CORPUS_CONFIGS, features
from .provenance import license_urls
from .rows import rows
from .shards import ShardWriter, shard_count

ROW_GROUP_SIZE = {"documents": 500, "ner": 5000, "events": 2000, "anercorp": 5000}
ANERCORP_SOURCE = Path("corpus/sources/anercorp/ANERCorp")
# A text whose license is unknown stays in the repository but is never redistributed.
NOT_REDISTRIBUTABLE = {"unknown"}
DOCUMENTS_PER_SHARD = 50_000
TOOLS = ("datasets", "pyarrow", "huggingface_hub", "mlcroissant")
LICENSE_FILE = "LICENSE-DATA.md"


class InvalidCorpus(Exception):
    """The corpus did not pass validation; `report` says why."""

    def __init__(self, report: Report):
        super().__init__(report.summary())
        self.report = report


class ReleaseError(Exception):
    """The release could not be written; the message says what failed."""


def tools() -> dict[str, str]:
    return {"hadath": __version__, **{name: package_version(name) for name in TOOLS}}


def build(root: Path | str, out: Path | str) -> tuple[Path, Statistics]:
    """Validate the corpus at `root` and write its release to `out`, replacing any release there."""
    root, out = Path(root), Path(out)
    _check_target(root, out)
    report = validate(root)
    if not report.passed:
        raise InvalidCorpus(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    try:
        tmp.chmod(0o755)
        statistics = _write(root, tmp)
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out, statistics


def _check_target(root: Path, out: Path) -> None:
    """Refuse to replace anything but an earlier release: DIR is removed as a whole on success. A release is
    a folder whose SHA256SUMS lists every file in it with its checksum, as `hadath build` wrote them."""
    target, corpus = out.resolve(), root.resolve()
    if target == corpus or target in corpus.parents:
        raise ReleaseError(f"{out}: holds the corpus {root}; expected a separate folder such as release/")
    try:
        check_target(out, roots=[root])
    except OutputError as exc:
        raise ReleaseError(str(exc)) from None
    if not out.exists():
        return
    if not out.is_dir():
        raise ReleaseError(f"{out}: is a file; expected a release folder")
    if not any(out.iterdir()):
        return
    problems = checksum_problems(out)
    if problems:
        raise ReleaseError(f"{out}: exists and is not a release written by hadath build ({problems[0]}); "
                           "refusing to replace it")


def _replace(new: Path, out: Path) -> None:
    if not out.exists():
        new.rename(out)
        return
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".old"))
    out.rename(old / out.name)
    new.rename(out)
    shutil.rmtree(old)


def _write(root: Path, folder: Path) -> Statistics:
    splits = load_splits(root)
    if not any(splits.values()):
        raise ReleaseError(f"{root}: no document is in any split; there is nothing to release")
    statistics = Statistics()
    configs = {c: ConfigFiles() for c in CORPUS_CONFIGS}
    example: tuple[int, str, dict] | None = None
    anercorp = []
    for split in SPLITS:
        ids = sorted(splits[split])
        if not ids:  # `load_dataset` fails on a split without rows, so an empty split is left out
            continue
        count = shard_count(len(ids), DOCUMENTS_PER_SHARD)
        writers = {c: ShardWriter(folder / c, split, features(c), ROW_GROUP_SIZE[c], count, DOCUMENTS_PER_SHARD)
                   for c in CORPUS_CONFIGS}
        for document in iter_documents(root, ids):
            if document.metadata.license in NOT_REDISTRIBUTABLE:
                statistics.left_out[split].append(document.id)
                continue
            if document.metadata.source == "ANERcorp":
                anercorp.append(document)
            if document.annotation.is_empty:  # released once annotated; the anercorp config has its tokens
                statistics.not_annotated[split].append(document.id)
                continue
            r = rows(document)
            writers["documents"].add([r.document])
            writers["ner"].add(r.ner)
            writers["events"].add(r.events)
            statistics.add(split, document, r)
            key = (len(document.text), document.id)
            if example is None or key < example[:2]:
                example = (*key, r.document)
        for config, writer in writers.items():
            writer.close()
            files = configs[config]
            files.files[split] = [p.relative_to(folder).as_posix() for p in writer.paths]
            files.num_examples[split] = writer.num_examples
            files.num_bytes[split] = writer.num_bytes
    if (root / ANERCORP_SOURCE).is_file() and anercorp:
        configs["anercorp"] = _write_anercorp(root / ANERCORP_SOURCE, anercorp, folder)
    for config, files in configs.items():
        files.download_size = sum((folder / p).stat().st_size for names in files.files.values() for p in names)
    license_link = None
    if (root / LICENSE_FILE).is_file():
        shutil.copyfile(root / LICENSE_FILE, folder / LICENSE_FILE)
        license_link = LICENSE_FILE
    card = CardInput(version=__version__, statistics=statistics, configs=configs,
                     example=example[2] if example else {}, tools=tools(),
                     changes=changes_of(root / "CHANGELOG.md", __version__), license_link=license_link,
                     agreement=corpus_agreement(root), results=_results(root), crosscheck=card_figures(root))
    _write_text(folder / "README.md", render(card))
    _write_croissant(folder, card)
    _write_text(folder / CHECKSUMS, render_checksums(folder))
    return statistics


def _write_anercorp(source: Path, documents, folder: Path) -> ConfigFiles:
    """The `anercorp` config: CAMeL Lab's train and test sentences with ANERcorp's own tags."""
    files = ConfigFiles()
    for split, rows_of_split in config_rows(source, documents).items():
        writer = ShardWriter(folder / "anercorp", split, features("anercorp"), ROW_GROUP_SIZE["anercorp"], 1,
                             DOCUMENTS_PER_SHARD)
        writer.add(rows_of_split)
        writer.close()
        files.files[split] = [p.relative_to(folder).as_posix() for p in writer.paths]
        files.num_examples[split] = writer.num_examples
        files.num_bytes[split] = writer.num_bytes
    return files


def _results(root: Path) -> str | None:
    path = root / "BASELINES.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _write_croissant(folder: Path, card: CardInput) -> None:
    urls = license_urls(card.statistics.total()) or ([card.license_link] if card.license_link else [])
    description = ("Hadath: Modern Standard Arabic news with gold annotations of entities, times, values and "
                   "events (ACE 2005 types) on exact character offsets.")
    path = folder / "croissant.json"
    _write_text(path, croissant_dumps(croissant_metadata(card.version, description, urls, configs_of(card))))
    errors = check_croissant(path)
    if errors:
        raise ReleaseError(f"croissant.json: mlcroissant rejects it: {'; '.join(errors)}")


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
