"""hadath build [--corpus ROOT] [--out DIR]: validate the corpus and write its Hugging Face release."""

from __future__ import annotations

import argparse

from ..corpus.files import CorpusError
from ..release.build import InvalidCorpus, ReleaseError, build
from . import COMMANDS

HELP = COMMANDS["build"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help=HELP, description=HELP + "; nothing is written if validation fails")
    p.add_argument("--corpus", default=".", metavar="ROOT", help="corpus root (default: the current directory)")
    p.add_argument("--out", default="release", metavar="DIR",
                   help="release folder, replaced as a whole when the build succeeds (default: release)")


def run(args: argparse.Namespace, out) -> int:
    try:
        path, statistics = build(args.corpus, args.out)
    except InvalidCorpus as exc:
        for problem in sorted(exc.report.problems):
            out.write(f"{problem}\n")
        out.write(exc.report.summary() + "\n")
        out.write(f"refused to build: {args.out} was not written\n")
        return 1
    except (CorpusError, ReleaseError, OSError) as exc:
        out.write(f"build failed, {args.out} was not written: {exc}\n")
        return 1
    total = statistics.total()
    out.write(f"wrote {path}: {total.documents} documents, {total.sentences} sentences, "
              + ", ".join(f"{name} {c.documents}" for name, c in statistics.splits.items()) + "\n")
    return 0
