"""hadath validate [ROOT ...]: check corpora against the schema and the ontology."""

from __future__ import annotations

import argparse
import json

from ..corpus.validator import validate
from . import COMMANDS

HELP = COMMANDS["validate"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help=HELP, description=HELP)
    p.add_argument("roots", nargs="*", default=["."], metavar="ROOT",
                   help="a directory holding corpus/ and annotations/ (default: the current directory)")
    p.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace, out) -> int:
    reports = [validate(root) for root in args.roots]
    if args.format == "json":
        out.write(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2) + "\n")
    else:
        for report in reports:
            for problem in sorted(report.problems):
                out.write(f"{problem}\n")
            out.write(report.summary() + "\n")
    return 0 if all(r.passed for r in reports) else 1
