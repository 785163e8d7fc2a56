"""hadath evaluate --predictions FILE: score predictions against gold and report with intervals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..corpus.files import CorpusError, write_text_atomic
from ..corpus.outputs import OutputError, check_file
from ..scoring.bio import POLICIES, BioError
from ..scoring.evaluation import Options, evaluate_files
from ..scoring.metrics import ENTITY_SCHEMAS
from ..scoring.spansets import InputError
from . import COMMANDS, count

HELP = COMMANDS["evaluate"]
FORMATS = ("table", "json", "markdown")
# The JSON report holds every level; tables show these.
TABLE_EVENT_LEVELS = ("trigger_identification", "trigger_classification", "argument_identification",
                      "argument_classification", "argument_classification_attached",
                      "argument_classification_coref")


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", default=".", metavar="DIR|FILE",
                   help="a corpus root, a release directory or a span file (default: .)")
    p.add_argument("--split", default="test", help="split of a corpus or release to score (default: test)")
    p.add_argument("--config", choices=["documents", "anercorp"], default=None,
                   help="anercorp: score token tags against the anercorp config's sentences (a corpus root "
                        "or a release); default: the documents")
    p.add_argument("--bio-policy", choices=POLICIES, default="strict",
                   help="how CoNLL tags become spans: seqeval strict IOB2 (default) or conlleval.pl")
    p.add_argument("--lenient", action="store_true",
                   help="skip bad prediction items with a warning (counted in the report) instead of failing")
    p.add_argument("--heads", action="store_true",
                   help="score entity mentions and the arguments they fill on the gold heads")
    p.add_argument("--seed", type=count(0), default=0, help="seed of the resampling, 0 or more (default: 0)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--out", metavar="FILE", help="write the report here instead of standard output")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help=HELP, description=HELP)
    p.add_argument("--predictions", required=True, metavar="FILE")
    add_common(p)
    p.add_argument("--resamples", type=count(0), default=1000,
                   help="bootstrap resamples; 0 leaves the intervals out (default: 1000)")
    p.add_argument("--details", action="store_true",
                   help="add per-document scores and the list of boundary errors")


def options_of(args: argparse.Namespace) -> Options:
    return Options(split=args.split, bio_policy=args.bio_policy, resamples=getattr(args, "resamples", 1000),
                   seed=args.seed, details=getattr(args, "details", False), lenient=args.lenient,
                   heads=args.heads, config=getattr(args, "config", None))


def command_line(args: argparse.Namespace) -> list[str]:
    return getattr(args, "command_line", None) or ["hadath", *sys.argv[1:]]


def run(args: argparse.Namespace, out) -> int:
    options = options_of(args)
    if refused_out(args.out, [args.predictions, args.gold], out):
        return 1
    try:
        report = evaluate_files(args.predictions, args.gold, options, command_line(args))
    except (InputError, CorpusError, BioError) as exc:
        out.write(f"error: {exc}\n")
        return 1
    return emit(render(report, args.format), args.out, out)


def refused_out(path: str | None, inputs: list[str], out) -> bool:
    """Check `--out` before any work: never an input, never inside a corpus folder."""
    if path is None:
        return False
    try:
        check_file(path, inputs, [i for i in inputs if Path(i).is_dir()])
    except OutputError as exc:
        out.write(f"error: {exc}\n")
        return True
    return False


def emit(text: str, path: str | None, out) -> int:
    if path:
        try:
            write_text_atomic(Path(path), text)
        except OSError as exc:
            out.write(f"error: {path}: cannot write: {exc.strerror or exc}\n")
            return 1
        out.write(f"report written to {path}\n")
    else:
        out.write(text)
    return 0


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    rows = headline_rows(report)
    if fmt == "markdown":
        return markdown(report, rows)
    return table(report, rows)


def _interval(report: dict, name: str) -> str:
    iv = report.get("uncertainty", {}).get("intervals", {}).get(name)
    return f"[{iv['low']:.4f}, {iv['high']:.4f}]" if iv else ""


def headline_rows(report: dict) -> list[tuple[str, float, float, float, str]]:
    rows = []
    ent = report["entities"]["schemas"]
    for schema in ENTITY_SCHEMAS:
        o = ent[schema]["overall"]
        rows.append((f"entities {schema}", o["precision"], o["recall"], o["f1"],
                     _interval(report, f"entities.{schema}")))
    if "clitic_relaxed" in report["entities"]:
        o = report["entities"]["clitic_relaxed"]["overall"]
        rows.append(("entities clitic-relaxed", o["precision"], o["recall"], o["f1"],
                     _interval(report, "entities.clitic_relaxed")))
    o = report["values"]["schemas"]["strict"]["overall"]
    rows.append(("values strict", o["precision"], o["recall"], o["f1"], _interval(report, "values.strict")))
    for view, levels in report["events"].items():
        for level in TABLE_EVENT_LEVELS:
            c = levels[level]
            rows.append((f"events {view} {level.replace('_', ' ')}", c["precision"], c["recall"], c["f1"],
                         _interval(report, f"events.{view}.{level}")))
    return rows


PER_TYPE_HEADER = ("type", "COR", "INC (gold)", "MIS", "gold", "INC (predicted)", "SPU", "predicted", "P", "R", "F1")
PER_TYPE_NOTE = ("R = COR / gold, where gold = COR + INC (gold) + MIS; P = COR / predicted, where predicted = COR + "
                 "INC (predicted) + SPU. A prediction typed otherwise than the gold span it matches is INC under the "
                 "gold type for recall and under its own type for precision, so each column adds up to the overall count.")
DETAIL_HEADER = ("document", "metric", "gold", "predicted", "credit", "F1")
BOUNDARY_HEADER = ("document", "gold", "predicted")


def _per_type_rows(report: dict) -> list[tuple]:
    """Strict entity scores per type, with the counts that make each row's P and R."""
    rows = []
    for t, c in report["entities"]["schemas"]["strict"]["per_type"].items():
        rows.append((t, str(c.get("pred_COR", c["COR"])), str(c["INC"]), str(c["MIS"]), str(c["POS"]),
                     str(c.get("pred_INC", c["INC"])), str(c["SPU"]), str(c["ACT"]),
                     f"{c['precision']:.4f}", f"{c['recall']:.4f}", f"{c['f1']:.4f}"))
    return rows


def _detail_rows(report: dict) -> list[tuple]:
    """`--details`: each document's score on each headline metric, with its counts."""
    return [(row["document"], name, str(c["gold"]), str(c["predicted"]), f"{c['credit']:g}", f"{c['f1']:.4f}")
            for row in report.get("per_document", []) for name, c in row.items() if name != "document"]


def _boundary_rows(report: dict) -> list[tuple]:
    def item(x: dict) -> str:
        return f"[{x['start']}, {x['end']}) {x['type']}" + (f" {x['text']!r}" if "text" in x else "")
    return [(e["document"], item(e["gold"]), item(e["predicted"]))
            for e in report["entities"].get("boundary_error_list", [])]


def _sections(report: dict) -> list[tuple[str, tuple, list[tuple], str | None]]:
    """The tables below the headline one: (title, header, rows, note)."""
    out = [("entities per type (strict)", PER_TYPE_HEADER, _per_type_rows(report), PER_TYPE_NOTE)]
    if "per_document" in report:
        out.append(("per document (--details)", DETAIL_HEADER, _detail_rows(report), None))
    if "boundary_error_list" in report["entities"]:
        out.append(("entity boundary errors (--details)", BOUNDARY_HEADER, _boundary_rows(report), None))
    return out


def table(report: dict, rows: list[tuple]) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    buffer = StringIO()
    widest = max([len(r[0]) for r in rows] + [20])
    console = Console(file=buffer, width=max(110, widest + 60), force_terminal=False, color_system=None)
    t = Table(title=f"hadath evaluate — {report['predictions']['path']} vs {report['gold']['path']}")
    for name in ("metric", "P", "R", "F1", "95% interval"):
        t.add_column(name, justify="left" if name in ("metric", "95% interval") else "right", no_wrap=True)
    for name, p, r, f, iv in rows:
        t.add_row(name, f"{p:.4f}", f"{r:.4f}", f"{f:.4f}", iv)
    console.print(t)
    for title, header, body, note in _sections(report):
        section = Table(title=title)
        boundary = header == BOUNDARY_HEADER
        for name in header:
            section.add_column(name, justify="left" if name in ("type", "document", "metric") or boundary else "right",
                               no_wrap=name in ("type", "document", "metric"))
        for row in body:
            section.add_row(*row)
        console.print(section)
        if note:
            console.print(note)
    if "text_mentions" in report:
        o = report["text_mentions"]["schemas"]
        console.print("text-only mentions (aligned): " + ", ".join(
            f"{s} F1 {o[s]['overall']['f1']:.4f}" for s in ENTITY_SCHEMAS)
            + f"; unaligned {report['text_mentions']['unaligned']}")
    console.print(_footer(report))
    return buffer.getvalue()


def _footer(report: dict) -> str:
    lines = [f"documents: {report['documents']['gold']} gold, {report['documents']['predicted']} predicted; "
             f"normalized values: accuracy {report['values']['normalized']['accuracy']:.4f}; "
             f"skipped items: {report['skipped']['items']}"]
    lines += [f"warning: {w}" for w in report["warnings"]]
    return "\n".join(lines)


def markdown(report: dict, rows: list[tuple]) -> str:
    out = ["| metric | P | R | F1 | 95% interval |", "|---|---:|---:|---:|---|"]
    out += [f"| {n} | {p:.4f} | {r:.4f} | {f:.4f} | {iv} |" for n, p, r, f, iv in rows]
    for title, header, body, note in _sections(report):
        boundary = header == BOUNDARY_HEADER
        aligns = ["---" if name in ("type", "document", "metric") or boundary else "---:" for name in header]
        out += ["", f"**{title}**", "", "| " + " | ".join(header) + " |", "|" + "|".join(aligns) + "|"]
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in body]
        if note:
            out += ["", note]
    out += ["", *(f"- {line}" for line in _footer(report).split("\n"))]
    return "\n".join(out) + "\n"
