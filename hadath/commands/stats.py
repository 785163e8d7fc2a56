"""hadath stats [ROOT]: corpus statistics and coverage targets."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from ..corpus.files import write_text_atomic
from ..corpus.outputs import OutputError, check_file
from ..release.stats import compute, coverage, feature_coverage, render
from . import COMMANDS, cannot_write, refused

HELP = COMMANDS["stats"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help=HELP, description=HELP)
    p.add_argument("root", nargs="?", default=".", metavar="ROOT")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--require-coverage", action="store_true", help="exit 1 when a coverage target is not met")


def _plain(counts) -> dict:
    """Counts as JSON: tuple keys such as (type, subtype) joined with ':'."""
    out = {}
    for name, value in vars(counts).items():
        if isinstance(value, dict):
            value = {":".join(k) if isinstance(k, tuple) else k: n for k, n in sorted(value.items())}
        out[name] = value
    return out


def run(args: argparse.Namespace, out) -> int:
    if args.out:
        try:
            check_file(args.out, roots=[args.root])
        except OutputError as exc:
            out.write(f"error: {exc}\n")
            return 1
    if refused(args.root, out, "count"):
        return 1
    stats = compute(args.root)
    features = feature_coverage(args.root)
    targets = [*coverage(stats), *features]
    if args.format == "json":
        text = json.dumps({"total": _plain(stats.total()),
                           "splits": {k: _plain(v) for k, v in stats.splits.items()},
                           "coverage": [asdict(t) for t in targets]}, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render(stats, features)
    if args.out:
        try:
            write_text_atomic(Path(args.out), text)
        except OSError as exc:
            return cannot_write(exc, out)
    else:
        out.write(text)
    unmet = [t for t in targets if not t.met]
    return 1 if args.require_coverage and unmet else 0
