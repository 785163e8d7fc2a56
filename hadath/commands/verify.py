"""hadath verify DIR: check a built release as its users will read it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..release.verify import verify
from . import COMMANDS

HELP = COMMANDS["verify"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help=HELP, description=HELP)
    p.add_argument("folder", metavar="DIR", help="a release folder written by hadath build")


def run(args: argparse.Namespace, out) -> int:
    problems = verify(Path(args.folder))
    for problem in problems:
        out.write(f"{problem}\n")
    if problems:
        out.write(f"*** FAILED *** {args.folder}: {len(problems)} problems\n")
        return 1
    out.write(f"*** PASSED *** {args.folder}: checksums, every config and split, offsets and references\n")
    return 0
