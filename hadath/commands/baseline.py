"""hadath baseline NAME: train a baseline on the train split and write its predictions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..baselines import BASELINES, TRAINING
from ..baselines import run as run_baseline
from ..corpus.files import SPLITS, write_text_atomic
from ..corpus.outputs import OutputError, check_file
from . import COMMANDS, cannot_write, refused

HELP = COMMANDS["baseline"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("baseline", help=HELP, description=HELP + ". Baselines: " +
                       "; ".join(f"{b.name}: {b.description}" for b in BASELINES.values()))
    p.add_argument("name", choices=sorted(BASELINES), metavar="NAME", help=", ".join(sorted(BASELINES)))
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: .)")
    p.add_argument("--split", choices=SPLITS, default="test")
    p.add_argument("--training", choices=list(TRAINING), default="real+composed",
                   help="train on the sourced (real) train documents alone, or with the composed ones "
                        "(default: real+composed)")
    p.add_argument("--out", required=True, metavar="PREDICTIONS.jsonl")


def jsonl(lines: list[dict]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def run(args: argparse.Namespace, out) -> int:
    try:
        check_file(args.out, roots=[args.corpus])
    except OutputError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if refused(args.corpus, out, "train on"):
        return 1
    predictions = run_baseline(args.name, args.corpus, [args.split], args.training)[args.split]
    try:
        write_text_atomic(Path(args.out), jsonl(predictions))
    except OSError as exc:
        return cannot_write(exc, out)
    out.write(f"{args.name}: {len(predictions)} documents of {args.split} → {args.out}\n")
    return 0
