"""hadath agree ROOT_A ROOT_B: inter-annotator agreement of two annotation sets of the same texts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..corpus.files import CorpusError
from ..scoring.agreement import agree, load_pair
from ..scoring.spansets import InputError
from .evaluate import emit, refused_out
from . import COMMANDS

HELP = COMMANDS["agree"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agree", help=HELP, description=HELP)
    p.add_argument("root_a", metavar="ROOT_A",
                   help="the reference: a corpus root, or a folder of <id>.json annotations (with --corpus)")
    p.add_argument("root_b", metavar="ROOT_B", help="a corpus root, or a folder of <id>.json annotations")
    p.add_argument("--corpus", metavar="ROOT", help="the corpus holding the texts when ROOT_A is a folder")
    p.add_argument("--split", default=None, help="only this split of ROOT_A (default: every document in B)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--out", metavar="FILE")


def run(args: argparse.Namespace, out) -> int:
    if refused_out(args.out, [args.root_a, args.root_b, *([args.corpus] if args.corpus else [])], out):
        return 1
    try:
        a, b = load_pair(Path(args.root_a), Path(args.root_b), args.split,
                         Path(args.corpus) if args.corpus else None)
        report = agree(a, b)
    except (InputError, CorpusError) as exc:
        out.write(f"error: {exc}\n")
        return 1
    if args.format == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render(report)
    return emit(text, args.out, out)


def render(report: dict) -> str:
    lines = [f"agreement of {report['b']} with {report['a']} on {report['documents']} documents"]
    for level, c in report["entities"].items():
        lines.append(f"entities {level:<15} F1 {c['f1']:.4f}  (COR {c['COR']}, INC {c['INC']}, PAR {c['PAR']}, "
                     f"MIS {c['MIS']}, SPU {c['SPU']})")
    lines.append(f"values strict            F1 {report['values']['f1']:.4f}")
    for view, levels in report["events"].items():
        for level, c in levels.items():
            if isinstance(c, dict) and "f1" in c:
                lines.append(f"events {view} {level:<38} F1 {c['f1']:.4f}")
    k = report["token_kappa"]
    lines.append(f"Cohen's kappa on {k['tokens']} tokens: " + ("n/a" if k["kappa"] is None else f"{k['kappa']:.4f}"))
    return "\n".join(lines) + "\n"
