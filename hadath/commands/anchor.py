"""hadath anchor DRAFT ...: turn drafts (inline-annotated articles) into stored documents."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus.draft import DraftError, anchor
from ..corpus.files import Layout, write_document, write_json_atomic
from ..corpus.text import TextError, ingest
from . import COMMANDS

HELP = COMMANDS["anchor"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("anchor", help=HELP, description=HELP + " (format: hadath/corpus/draft.py)")
    p.add_argument("drafts", nargs="+", metavar="DRAFT")
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root to write to (default: .)")
    p.add_argument("--annotations-dir", metavar="DIR",
                   help="write annotations here instead of ROOT/annotations (for agreement samples)")


def run(args: argparse.Namespace, out) -> int:
    layout = Layout(Path(args.corpus))
    documents = []
    for name in args.drafts:
        try:
            documents.append(anchor(ingest(Path(name).read_bytes(), name)))
        except (OSError, TextError, DraftError) as exc:
            out.write(f"{name}: {exc}\n")
            return 1
    for document in documents:
        if args.annotations_dir:
            write_json_atomic(Path(args.annotations_dir) / f"{document.id}.json", document.annotation.to_dict())
        else:
            write_document(layout, document)
        out.write(f"{document.id}: {len(document.annotation.entity_mentions)} entity mentions, "
                  f"{len(document.annotation.value_mentions)} values, "
                  f"{len(document.annotation.event_mentions)} event mentions\n")
    return 0
