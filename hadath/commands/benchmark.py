"""hadath benchmark: every baseline on validation and test, scored by the harness; the results table."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from ..baselines import BASELINES, TRAINING, training_documents
from ..baselines import run as run_baseline
from ..baselines.results import END, START, replace_section, section, table
from ..corpus.files import CorpusError, write_text_atomic
from ..corpus.outputs import OutputError, check_folder, write_manifest
from ..release.build import ReleaseError, build
from ..scoring.evaluation import Options, evaluate_files
from ..scoring.gold import release_info
from . import COMMANDS, cannot_write, refused
from .baseline import jsonl

HELP = COMMANDS["benchmark"]
SPLITS = ("validation", "test")
COMMAND = "hadath benchmark"
TABLE_FILE = "BASELINES.md"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("benchmark", help=HELP, description=HELP + f" into {TABLE_FILE} and the README")
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: .)")
    p.add_argument("--out", default="benchmark-out", metavar="DIR",
                   help="where the release, predictions and reports go (default: benchmark-out)")
    p.add_argument("--check", action="store_true",
                   help=f"write nothing into ROOT; exit 1 unless {TABLE_FILE} and the README already hold the table")


def data_digest(release: Path) -> str:
    """SHA-256 over the Parquet lines of SHA256SUMS: names the data scored, whatever the card says."""
    lines = [line for line in (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
             if line.endswith(".parquet")]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _scores(root: Path, out: Path, release: Path) -> dict[tuple[str, str, str], dict]:
    reports = {}
    for training in TRAINING:
        if not training_documents(root, training):
            continue  # nothing to learn from yet
        for name in BASELINES:
            predictions = run_baseline(name, root, list(SPLITS), training)
            for split in SPLITS:
                stem = f"{name}-{training}-{split}"
                path = out / "predictions" / f"{stem}.jsonl"
                write_text_atomic(path, jsonl(predictions[split]))
                report = evaluate_files(path, release, Options(split=split),
                                        command=[*COMMAND.split(), "--out", str(out)])
                write_text_atomic(out / "reports" / f"{stem}.json",
                                  json.dumps(report, ensure_ascii=False, indent=2) + "\n")
                reports[(name, training, split)] = report
    return reports


def run(args: argparse.Namespace, out) -> int:
    root, folder = Path(args.corpus), Path(args.out)
    try:
        check_folder(folder, roots=[root])
    except OutputError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if refused(root, out, "benchmark"):
        return 1
    readme = root / "README.md"
    if not readme.is_file() or section(readme.read_text(encoding="utf-8")) is None:
        out.write(f"{readme}: expected a README with the lines {START} and {END} around the results table\n")
        return 1
    try:
        release, _ = build(root, folder / "release")
        text = table(_scores(root, folder, release), COMMAND,
                     {"version": release_info(release)["version"], "digest": data_digest(release)})
        write_text_atomic(folder / "results.md", text)
        write_manifest(folder, COMMAND)
    except (ReleaseError, CorpusError) as exc:
        out.write(f"error: {exc}\n")
        return 1
    except OSError as exc:
        return cannot_write(exc, out)
    if args.check:
        same = (root / TABLE_FILE).is_file() and (root / TABLE_FILE).read_text(encoding="utf-8") == text \
            and section(readme.read_text(encoding="utf-8")) == text
        out.write(text)
        out.write("the README and BASELINES.md hold this table\n" if same
                  else "the README or BASELINES.md differs from this table: run hadath benchmark\n")
        return 0 if same else 1
    write_text_atomic(root / TABLE_FILE, text)
    write_text_atomic(readme, replace_section(readme.read_text(encoding="utf-8"), text))
    out.write(text)
    return 0
