"""hadath view --out DIR: static HTML pages of the corpus, to read it in a browser."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus.files import CorpusError, iter_documents, write_text_atomic
from ..corpus.outputs import OutputError, check_folder, write_manifest
from ..interchange.viewer import document_page, index_page
from . import COMMANDS, cannot_write, refused

HELP = COMMANDS["view"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("view", help=HELP, description=HELP + "; no server, nothing fetched")
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: .)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the pages to")


def run(args: argparse.Namespace, out) -> int:
    root, out_dir = Path(args.corpus), Path(args.out)
    try:
        check_folder(out_dir, roots=[root])
    except OutputError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if refused(root, out, "show"):
        return 1
    try:
        documents = list(iter_documents(root))
    except CorpusError as exc:
        out.write(f"{exc}\n")
        return 1
    try:
        for document in documents:
            write_text_atomic(out_dir / f"{document.id}.html", document_page(document))
        write_text_atomic(out_dir / "index.html", index_page(documents))
        write_manifest(out_dir, "hadath view")
    except OSError as exc:
        return cannot_write(exc, out)
    out.write(f"wrote {len(documents)} pages and {out_dir / 'index.html'}\n")
    return 0
