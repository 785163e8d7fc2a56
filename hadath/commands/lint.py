"""hadath lint [ROOT]: consistency checks across the gold annotations."""

from __future__ import annotations

import argparse
import json

from ..corpus.lint import exceptions_path, lint, load_exceptions
from . import COMMANDS, refused

HELP = COMMANDS["lint"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help=HELP, description=HELP)
    p.add_argument("root", nargs="?", default=".", metavar="ROOT")
    p.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace, out) -> int:
    if refused(args.root, out, "lint"):
        return 1
    try:
        accepted = load_exceptions(args.root)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        out.write(f"{exceptions_path(args.root)}: cannot read the exceptions ({exc}); expected "
                  '{"exceptions": [{"document", "check", "key", "reason"}]}\n')
        return 1
    findings = lint(args.root)
    open_ = [f for f in findings if (f.document, f.check, f.key) not in accepted]
    stale = set(accepted) - {(f.document, f.check, f.key) for f in findings}
    if args.format == "json":
        out.write(json.dumps({"open": [f.to_dict() for f in open_],
                              "accepted": len(findings) - len(open_),
                              "stale_exceptions": sorted(map(list, stale))}, ensure_ascii=False, indent=2) + "\n")
    else:
        for f in open_:
            out.write(f"{f}\n")
        for key in sorted(stale):
            out.write(f"{exceptions_path(args.root)}: exception {list(key)} matches no finding; remove it\n")
        verdict = "*** PASSED ***" if not open_ and not stale else "*** FAILED ***"
        out.write(f"{verdict} {len(open_)} open findings, {len(findings) - len(open_)} accepted exceptions, "
                  f"{len(stale)} stale exceptions\n")
    return 0 if not open_ and not stale else 1
