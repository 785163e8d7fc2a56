"""hadath ingest FILE: add a new text to the corpus, with empty annotations or with suggestions."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from ..corpus.files import SPLITS, CorpusError, Layout, document_files, iter_documents, load_splits, write_all_or_none
from ..corpus.schemas import dumps
from ..corpus.model import Annotation, Document, Metadata
from ..corpus.text import TextError, ingest, sha256
from ..corpus.validator import validate
from ..interchange.records import trial_validate
from ..interchange.suggestions import suggest
from . import COMMANDS

HELP = COMMANDS["ingest"]
LICENSES = {"composed": "CC-BY-4.0", "sourced": "unknown"}  # as LICENSE-DATA.md says


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help=HELP, description=HELP)
    p.add_argument("file", metavar="FILE", help="the text, UTF-8 (a BOM and CRLF line ends are removed)")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the document creation date")
    p.add_argument("--source", required=True, metavar="NAME", help="the outlet, 'unknown' or 'composed'")
    p.add_argument("--provenance", required=True, choices=["sourced", "composed"])
    p.add_argument("--factuality", choices=["reported", "fictional"], help="required for composed texts")
    p.add_argument("--id", metavar="ID", help="document id (default: next number + '_' + 16 hex of the text's SHA-256)")
    p.add_argument("--title", help="the headline")
    p.add_argument("--license", help="default: CC-BY-4.0 for composed texts, 'unknown' for sourced ones")
    p.add_argument("--topics", default="", metavar="A,B", help="comma-separated topic tags")
    p.add_argument("--url", help="where a sourced text was found")
    p.add_argument("--split", choices=list(SPLITS), help="the split to put the document in")
    p.add_argument("--pre-annotate", action="store_true",
                   help="also store unreviewed suggestions (names already annotated in the corpus) "
                        "in suggestions/<id>.json")
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: .)")


class IngestError(ValueError):
    pass


def _next_id(layout: Layout, text: str) -> str:
    numbers = [int(m.group(1)) for i in layout.document_ids() if (m := re.match(r"^(\d{3})_", i))]
    return f"{max(numbers, default=-1) + 1:03d}_{sha256(text)[:16]}"


def _metadata(args: argparse.Namespace, doc_id: str) -> Metadata:
    try:
        dt.date.fromisoformat(args.date)
    except ValueError:
        raise IngestError(f"--date {args.date!r} is not a calendar date; expected YYYY-MM-DD") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        raise IngestError(f"--date {args.date!r}: expected YYYY-MM-DD")
    if args.provenance == "composed" and not args.factuality:
        raise IngestError("a composed text needs --factuality reported|fictional")
    topics = tuple(t.strip() for t in args.topics.split(",") if t.strip())
    extra = {"url": args.url} if args.url else {}
    return Metadata(doc_id, "ar", args.date, args.title, args.source, args.provenance,
                    args.license or LICENSES[args.provenance], topics, args.factuality, extra)


def _prepare(args: argparse.Namespace, layout: Layout) -> Document:
    try:
        text = ingest(Path(args.file).read_bytes(), args.file)
    except OSError as exc:
        raise IngestError(f"{args.file}: cannot read: {exc.strerror}") from None
    except TextError as exc:
        raise IngestError(str(exc)) from None
    if not text.strip():
        raise IngestError(f"{args.file}: the text is empty; expected an article")
    doc_id = args.id or _next_id(layout, text)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{2,63}", doc_id):
        raise IngestError(f"--id {doc_id!r}: expected 3 to 64 of a-z 0-9 _ -, starting with a letter or digit")
    if doc_id in layout.document_ids():
        raise IngestError(f"document {doc_id!r} already exists; expected a new id")
    digest = sha256(text)
    for d in iter_documents(layout.root):
        if d.annotation.text_sha256 == digest:
            raise IngestError(f"{args.file}: the same text is already document {d.id!r}")
    return Document(_metadata(args, doc_id), text, Annotation(doc_id, digest))


def _with_split(layout: Layout, doc_id: str, split: str) -> str:
    """corpus/splits.json with `doc_id` added to `split`."""
    splits = load_splits(layout.root) if layout.splits_path.is_file() else {s: [] for s in SPLITS}
    splits[split] = sorted([*splits[split], doc_id])
    return dumps(splits)


def _check(layout: Layout, document: Document, suggestions: Annotation | None) -> list:
    """Problems the new document, or its suggestions read as an annotation, would bring into the corpus."""
    problems = [p for p in trial_validate(layout.root, {}, (document,)).problems if p.check != "split-missing"]
    if suggestions is not None:
        problems += [p for p in trial_validate(layout.root, {document.id: suggestions}, (document,)).problems
                     if p.check != "split-missing"]
    return problems


def run(args: argparse.Namespace, out) -> int:
    layout = Layout(Path(args.corpus))
    if layout.documents_dir.is_dir():
        report = validate(layout.root)
        if [p for p in report.problems if p.check != "split-missing"]:
            out.write(f"{report.summary()}\nrefusing to add to an invalid corpus; run `hadath validate {args.corpus}`\n")
            return 1
    try:
        document = _prepare(args, layout)
        suggestions, malformed = suggest(iter_documents(layout.root), document) if args.pre_annotate else (None, 0)
    except (IngestError, CorpusError) as exc:
        out.write(f"{exc}\n")
        return 1
    problems = _check(layout, document, suggestions)
    if problems:
        out.write("".join(f"{p}\n" for p in sorted(problems)) + "the new document would make the corpus invalid; "
                  "nothing was written\n")
        return 1
    files = document_files(layout, document)
    if args.split:
        files[layout.splits_path] = _with_split(layout, document.id, args.split)
    elif not layout.splits_path.is_file():
        files[layout.splits_path] = dumps({s: [] for s in SPLITS})
    if suggestions is not None:
        files[layout.suggestion_path(document.id)] = dumps(suggestions.to_dict())
    try:
        write_all_or_none(files)
    except OSError as exc:
        out.write(f"{exc.filename or layout.root}: cannot write: {exc.strerror or exc}; nothing was added\n")
        return 1
    out.write(f"{document.id}: added {layout.relative(layout.text_path(document.id))} "
              f"({len(document.text)} characters) with empty annotations\n")
    if suggestions is not None:
        out.write(f"{document.id}: {len(suggestions.entity_mentions)} name and {len(suggestions.value_mentions)} "
                  f"time suggestions, unreviewed, in {layout.relative(layout.suggestion_path(document.id))}"
                  + (f" ({malformed} malformed time expressions left out)" if malformed else "")
                  + "; `hadath export brat|labelstudio` shows them for review\n")
    if args.split:
        out.write(f"{document.id}: in split {args.split}\n")
    else:
        out.write(f"{document.id}: in no split yet; `hadath validate` reports split-missing until it is "
                  "added to corpus/splits.json (with --split, or scripts/assign_splits.py)\n")
    return 0
