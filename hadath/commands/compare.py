"""hadath compare A B: are two systems' scores different? Paired bootstrap and approximate randomization."""

from __future__ import annotations

import argparse
import json

from ..corpus.files import CorpusError
from ..scoring.bio import BioError
from ..scoring.evaluation import headline, provenance, score
from ..scoring.gold import load_gold
from ..scoring.predictions import load_predictions
from ..scoring.significance import approximate_randomization, f1_from_sums, paired_bootstrap
from ..scoring.spansets import InputError
from .evaluate import add_common, command_line, emit, options_of, refused_out
from . import COMMANDS, count

HELP = COMMANDS["compare"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help=HELP, description=HELP)
    p.add_argument("a", metavar="A", help="first prediction file")
    p.add_argument("b", metavar="B", help="second prediction file")
    add_common(p)
    p.add_argument("--resamples", type=count(1), default=1000, help="paired bootstrap resamples (default: 1000)")
    p.add_argument("--trials", type=count(1), default=10000,
                   help="approximate randomization trials (default: 10000)")


def compare(gold, a, b, options, trials: int, command=None) -> dict:
    sa, sb = score(gold, a, options), score(gold, b, options)
    ha, hb = headline(sa.per_doc), headline(sb.per_doc)
    boot = paired_bootstrap(ha, hb, options.resamples, options.seed, options.confidence)
    ar = approximate_randomization(ha, hb, trials, options.seed)
    report = provenance(gold, None, options, command)
    report["systems"] = {"A": {"path": a.source, "sha256": a.sha256}, "B": {"path": b.source, "sha256": b.sha256}}
    report["trials"] = trials
    report["comparison"] = {
        name: {"f1_a": float(f1_from_sums(ha[name].sum(0))), "f1_b": float(f1_from_sums(hb[name].sum(0))),
               "delta": boot[name]["delta"], "low": boot[name]["low"], "high": boot[name]["high"],
               "p_bootstrap": boot[name]["p"], "p_randomization": ar[name]}
        for name in sorted(boot)}
    report["warnings"] = sa.warnings + [f"B: {w}" for w in sb.warnings if w not in sa.warnings]
    return report


def run(args: argparse.Namespace, out) -> int:
    options = options_of(args)
    if refused_out(args.out, [args.a, args.b, args.gold], out):
        return 1
    try:
        gold = load_gold(args.gold, args.split, args.bio_policy, config=args.config)
        a = load_predictions(args.a, gold, args.bio_policy, args.lenient)
        b = load_predictions(args.b, gold, args.bio_policy, args.lenient)
        report = compare(gold, a, b, options, args.trials, command_line(args))
    except (InputError, CorpusError, BioError) as exc:
        out.write(f"error: {exc}\n")
        return 1
    return emit(render(report, args.format), args.out, out)


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    header = ("metric", "F1 A", "F1 B", "Δ", "95% interval of Δ", "p (bootstrap)", "p (randomization)")
    rows = [(n, f"{c['f1_a']:.4f}", f"{c['f1_b']:.4f}", f"{c['delta']:+.4f}",
             f"[{c['low']:+.4f}, {c['high']:+.4f}]", f"{c['p_bootstrap']:.4f}", f"{c['p_randomization']:.4f}")
            for n, c in report["comparison"].items()]
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines + [f"- warning: {w}" for w in report["warnings"]]) + "\n"
    from io import StringIO

    from rich.console import Console
    from rich.table import Table
    buffer = StringIO()
    widest = max([len(r[0]) for r in rows] + [len(header[0])])
    # Wide enough that no metric name is cut: the other columns take about 90 characters.
    console = Console(file=buffer, width=max(130, widest + 100), force_terminal=False, color_system=None)
    t = Table(title=f"A = {report['systems']['A']['path']}, B = {report['systems']['B']['path']}")
    for name in header:
        t.add_column(name, justify="left" if name == "metric" else "right", no_wrap=True)
    for r in rows:
        t.add_row(*r)
    console.print(t)
    for w in report["warnings"]:
        console.print(f"warning: {w}")
    return buffer.getvalue()
