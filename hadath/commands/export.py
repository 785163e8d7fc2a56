"""hadath export brat|labelstudio|conll|textee|dygiepp --out DIR: write the corpus for an annotation tool,
a tagger or an event extractor."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..corpus.files import CorpusError, Layout, iter_documents, load_suggestions, write_text_atomic
from ..corpus.outputs import OutputError, check_folder, write_manifest
from ..interchange import brat, columns, events, labelstudio
from ..interchange.records import InterchangeError
from . import COMMANDS, cannot_write, refused

HELP = COMMANDS["export"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=HELP, description=HELP + " (what each format holds: docs/interchange.md)")
    p.add_argument("format", choices=["brat", "labelstudio", "conll", *events.FORMATS])
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: .)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write to")
    p.add_argument("--offsets", choices=["code-points", "utf16"], default="code-points",
                   help="brat only: count offsets in code points (brat) or UTF-16 units (INCEpTION)")


def _write_brat(layout: Layout, documents, out_dir: Path, utf16: bool) -> int:
    for d in documents:
        try:
            ann = brat.write_ann(d.text, d.annotation, load_suggestions(layout, d.id), utf16)
        except InterchangeError as exc:
            raise InterchangeError(f"{layout.relative(layout.annotation_path(d.id))}: {exc}") from None
        write_text_atomic(out_dir / f"{d.id}.txt", d.text)
        write_text_atomic(out_dir / f"{d.id}.ann", ann)
    write_text_atomic(out_dir / "annotation.conf", brat.annotation_conf())
    return len(documents)


def _write_labelstudio(layout: Layout, documents, out_dir: Path) -> int:
    tasks = [labelstudio.task(d, load_suggestions(layout, d.id)) for d in documents]
    write_text_atomic(out_dir / "tasks.json", json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    write_text_atomic(out_dir / "config.xml", labelstudio.labeling_config())
    return len(tasks)


def run(args: argparse.Namespace, out) -> int:
    root, out_dir = Path(args.corpus), Path(args.out)
    try:
        check_folder(out_dir, roots=[root])
    except OutputError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if refused(root, out, "export"):
        return 1
    layout = Layout(root)
    try:
        documents = list(iter_documents(root))
        if args.format == "brat":
            count = _write_brat(layout, documents, out_dir, args.offsets == "utf16")
        elif args.format == "labelstudio":
            count = _write_labelstudio(layout, documents, out_dir)
        elif args.format == "conll":
            count = columns.write_corpus(root, documents, out_dir)
        else:
            tally = events.write_corpus(root, documents, out_dir, args.format)
            count = tally.documents
            for line in tally.lines(args.format):
                out.write(f"{line}\n")
        write_manifest(out_dir, f"hadath export {args.format}")
    except (CorpusError, InterchangeError) as exc:
        out.write(f"{exc}\n")
        return 1
    except OSError as exc:
        return cannot_write(exc, out)
    out.write(f"exported {count} documents as {args.format} to {out_dir}\n")
    return 0
