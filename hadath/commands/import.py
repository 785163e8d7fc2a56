"""hadath import brat|labelstudio DIR: read annotations back from an annotation tool into the corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..corpus.files import CorpusError, Layout, load_document, load_suggestions, write_json_atomic
from ..corpus.outputs import refresh_manifest
from ..corpus.text import TextError, decode
from ..corpus.model import Annotation
from ..interchange import brat, labelstudio
from ..interchange.records import InterchangeError, Records, assemble, trial_validate, without_accepted
from . import COMMANDS, refused

HELP = COMMANDS["import"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=HELP, description=HELP + " (docs/interchange.md)")
    p.add_argument("format", choices=["brat", "labelstudio"])
    p.add_argument("source", metavar="DIR", help="a brat folder, or a folder (or file) of Label Studio tasks")
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: .)")
    p.add_argument("--offsets", choices=["code-points", "utf16"], default="code-points",
                   help="brat only: how the .ann files count offsets")


def _read_utf8(path: Path) -> str:
    try:
        return decode(path.read_bytes(), str(path))
    except TextError as exc:
        raise InterchangeError(str(exc)) from None


def _read_brat(layout: Layout, source: Path, utf16: bool, warnings: list[str]) -> dict[str, tuple[str, Records, Records]]:
    found = {}
    anns = sorted(source.glob("*.ann"))
    if not anns:
        raise InterchangeError(f"{source}: no .ann files; expected brat standoff files <id>.ann")
    for path in anns:
        stored = _stored_text(layout, path.stem, path)
        txt = path.with_suffix(".txt")
        if txt.is_file() and _read_utf8(txt) != stored:
            raise InterchangeError(f"{txt}: differs from the stored text; texts never change once in the corpus")
        notes: list[str] = []
        ann = _read_utf8(path)
        try:
            found[path.stem] = (str(path), *brat.read_ann(ann, stored, utf16, notes))
        except InterchangeError as exc:
            raise InterchangeError(f"{path}: {exc}") from None
        warnings += [f"{path}: {note}" for note in notes]
    return found


def _tasks_file(source: Path) -> Path:
    """The Label Studio export to read: the file named, or in a folder `tasks.json` (`hadath export`), else
    the one JSON export Label Studio downloaded there (`project-<n>-at-<time>.json`)."""
    if not source.is_dir():
        return source
    if (source / "tasks.json").is_file():
        return source / "tasks.json"
    exports = sorted(source.glob("project-*.json"))
    if len(exports) == 1:
        return exports[0]
    if not exports:
        raise InterchangeError(f"{source}: no tasks.json and no Label Studio export project-<n>-at-<time>.json; "
                               "expected one of them, or name the file")
    raise InterchangeError(f"{source}: {len(exports)} Label Studio exports ({', '.join(p.name for p in exports)}); "
                           "name the one to import")


def _read_labelstudio(layout: Layout, source: Path) -> dict[str, tuple[str, Records, Records]]:
    path = _tasks_file(source)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InterchangeError(f"{path}: cannot read Label Studio tasks: {exc}") from None
    if not isinstance(tasks, list):
        raise InterchangeError(f"{path}: expected a JSON list of tasks (Label Studio's JSON export)")
    found = {}
    for i, item in enumerate(tasks):
        where = f"{path}: tasks[{i}]"
        doc_id = labelstudio.document_id_of(item, where)
        if doc_id in found:
            raise InterchangeError(f"{where}: a second task for {doc_id}; expected one task per document")
        found[doc_id] = (where, *labelstudio.read_task(item, where, _stored_text(layout, doc_id, path),
                                                       load_suggestions(layout, doc_id)))
    return found


def _stored_text(layout: Layout, doc_id: str, where: Path) -> str:
    path = layout.text_path(doc_id)
    if not path.is_file():
        raise InterchangeError(f"{where}: document {doc_id!r} is not in the corpus; add new texts with "
                               "`hadath ingest` first")
    return path.read_text(encoding="utf-8")


def run(args: argparse.Namespace, out) -> int:
    root, source = Path(args.corpus), Path(args.source)
    if refused(root, out, "import into"):
        return 1
    layout = Layout(root)
    warnings: list[str] = []
    try:
        found = (_read_brat(layout, source, args.offsets == "utf16", warnings) if args.format == "brat"
                 else _read_labelstudio(layout, source))
        gold: dict[str, Annotation] = {}
        suggested: dict[str, Annotation] = {}
        for doc_id, (where, records, suggestions) in found.items():
            digest = load_document(layout, doc_id).annotation.text_sha256
            try:
                gold[doc_id] = assemble(doc_id, digest, records)
                rest = without_accepted(records, suggestions)
                if rest:
                    suggested[doc_id] = assemble(doc_id, digest, rest)
            except InterchangeError as exc:
                raise InterchangeError(f"{where}: {exc}") from None
    except (InterchangeError, CorpusError, OSError) as exc:
        out.write(f"{exc}\n")
        return 1
    for warning in warnings:
        out.write(f"warning: {warning}\n")
    for name, replacements in (("annotations", gold), ("suggestions", suggested)):
        trial = trial_validate(root, replacements)
        if not trial.passed:
            for problem in sorted(trial.problems):
                out.write(f"{problem}\n")
            out.write(f"the imported {name} would make the corpus invalid; nothing was written\n")
            return 1
    for doc_id, annotation in gold.items():
        # A file that only differs in the order of its items is left as it is.
        unchanged = annotation == load_document(layout, doc_id).annotation.canonical()
        if not unchanged:
            write_json_atomic(layout.annotation_path(doc_id), annotation.to_dict())
        suggestion_path = layout.suggestion_path(doc_id)
        if doc_id in suggested:
            write_json_atomic(suggestion_path, suggested[doc_id].to_dict())
        elif suggestion_path.is_file():
            suggestion_path.unlink()
        pending = suggested.get(doc_id)
        out.write(f"{doc_id}: {len(annotation.entity_mentions)} entity mentions, {len(annotation.value_mentions)} "
                  f"values, {len(annotation.event_mentions)} event mentions"
                  f" ({'unchanged' if unchanged else 'changed'})"
                  + (f"; {len(pending.entity_mentions) + len(pending.value_mentions) + len(pending.event_mentions)}"
                     " suggestions still unreviewed" if pending else "") + "\n")
    if source.is_dir():
        # What the exported files hold is now in the corpus: `hadath export` may write over them again.
        refresh_manifest(source)
    return 0
