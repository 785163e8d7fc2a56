"""hadath redraft ID: print a stored document as an inline-annotated draft."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus.draft import DraftError, render
from ..corpus.files import CorpusError, Layout, load_document
from . import COMMANDS

HELP = COMMANDS["redraft"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("redraft", help=HELP, description=HELP)
    p.add_argument("document_id", metavar="ID")
    p.add_argument("--corpus", default=".", metavar="ROOT")


def run(args: argparse.Namespace, out) -> int:
    try:
        out.write(render(load_document(Layout(Path(args.corpus)), args.document_id)))
    except (CorpusError, DraftError) as exc:
        out.write(f"{exc}\n")
        return 1
    return 0
