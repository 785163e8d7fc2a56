"""hadath crosscheck [ROOT]: ANERcorp's own names against the gold, with every disagreement."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..scoring.crosscheck import REVIEW, SOURCE, corpus_crosscheck, read_review, summary
from ..corpus.files import load_splits
from . import COMMANDS, refused

HELP = COMMANDS["crosscheck"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("crosscheck", help=HELP, description=HELP)
    p.add_argument("root", nargs="?", default=".", metavar="ROOT")
    p.add_argument("--split", action="append", choices=["train", "validation", "test"],
                   help="splits to check (repeatable; default: all)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--all", action="store_true", help="list reviewed findings too, with their verdicts")
    p.add_argument("--review", metavar="FILE", help=f"reviewed findings (default: ROOT/{REVIEW})")


def run(args: argparse.Namespace, out) -> int:
    if refused(args.root, out, "crosscheck"):
        return 1
    root = Path(args.root)
    if not (root / SOURCE).is_file():
        out.write(f"{root / SOURCE}: not found; expected the ANERcorp source of the corpus\n")
        return 1
    try:
        review = read_review(Path(args.review) if args.review else root / REVIEW)
    except (OSError, ValueError) as exc:
        out.write(f"{exc}\n")
        return 1
    splits = tuple(args.split or ("train", "validation", "test"))
    result, empty = corpus_crosscheck(root, splits)
    open_ = [f for f in result.findings if f.key not in review]
    checked = {i for s in splits for i in load_splits(root)[s]}  # reviews of other splits are not stale
    stale = {k for k in review if k[0] in checked} - {f.key for f in result.findings}
    if args.format == "json":
        report = summary(result) | {"documents_not_annotated": empty,
                                    "findings": [vars(f) | {"verdict": review.get(f.key, (None,))[0]}
                                                 for f in result.findings],
                                    "open": len(open_), "stale_reviews": sorted(map(list, stale))}
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        _table(summary(result), out)
        for f in result.findings if args.all else open_:
            verdict = review.get(f.key, ("open", ""))
            out.write(f"{f.document} [{f.start}, {f.end}) {f.kind}: {f.detail} — {verdict[0]} {verdict[1]}\n")
        for key in sorted(stale):
            out.write(f"{args.review or root / REVIEW}: review {list(key)} matches no finding; remove it\n")
        verdict = "*** PASSED ***" if not open_ and not stale else "*** FAILED ***"
        out.write(f"{verdict} {len(open_)} open findings, {len(result.findings) - len(open_)} reviewed, "
                  f"{len(stale)} stale reviews; {len(empty)} ANERcorp documents not annotated yet\n")
    return 0 if not open_ and not stale else 1


def _table(figures: dict, out) -> None:
    out.write("tag   names  found  overlapped  missed  same type  our types\n")
    for tag, r in figures["per_tag"].items():
        same = "-" if r["same_type"] is None else r["same_type"]
        types = ", ".join(f"{t} {n}" for t, n in r["our_types"].items())
        out.write(f"{tag:<5} {r['names']:>5}  {r['found']:>5}  {r['overlapped']:>10}  {r['missed']:>6}  "
                  f"{same:>9}  {types}\n")
    out.write(f"our NAM mentions: {figures['our_named_mentions']}, without an ANERcorp name: "
              f"{figures['our_named_mentions_without_anercorp_name']}\n")
