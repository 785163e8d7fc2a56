"""One module per `hadath` subcommand; each defines `register(subparsers)` and `run(args, out) -> int`.

The top layer: it may import from every other subpackage, and only `hadath.cli` imports it. This file
imports nothing heavy: `hadath --help` reads the table below, and only the command that runs is imported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# Every subcommand with its one-line help, in the order `hadath --help` shows them.
COMMANDS = {
    "validate": "check one or more corpus roots; exit 1 on any problem",
    "lint": "report annotation inconsistencies; exit 1 unless each is fixed or a reviewed exception",
    "crosscheck": "align ANERcorp's PERS/LOC/ORG/MISC names with the gold mentions; report how many it finds, with "
               "which types, and every disagreement not yet reviewed (exit 1 if any)",
    "stats": "print corpus statistics and coverage targets (Markdown, as in STATS.md, or JSON)",
    "build": "validate the corpus and write its release: Parquet configs, dataset card, croissant.json, SHA256SUMS",
    "verify": "re-check a release: checksums, load_dataset of every config and split, features, offsets and "
               "references; exit 1 on any problem",
    "publish": "verify a release folder, upload it to a Hub dataset repository and tag it vX.Y.Z "
               "(--dry-run: verify, check the card and list the files only)",
    "evaluate": "score predictions (JSON Lines or CoNLL) against gold, with bootstrap intervals",
    "compare": "compare two prediction files on the same gold: paired bootstrap and approximate randomization",
    "agree": "agreement between two annotation sets: entity and event F1 per level, Cohen's kappa on tokens",
    "baseline": "train a baseline on the train split and write predictions for a split (span-file JSONL)",
    "benchmark": "run every baseline on validation and test, score them, and render the results table",
    "ingest": "add a new text (UTF-8) to the corpus as a document with empty annotations",
    "export": "write the corpus as brat standoff, Label Studio tasks, CoNLL columns, or TextEE or DyGIE++ files",
    "import": "read brat or Label Studio annotations back into the corpus; refuses anything it cannot place",
    "view": "write static HTML pages (an index and one page per document) that show the annotations",
    "anchor": "compute offsets for inline-annotated drafts and write their text, metadata and annotation",
    "redraft": "print a stored document as an inline-annotated draft (the inverse of anchor)",
}


def refused(root: Path | str, out, action: str) -> bool:
    """Validate `root`; on any problem write the validator's report and say what was refused."""
    # Not `from ..corpus.validator import validate`: the `validate` submodule of this package would shadow it.
    from ..corpus import validator

    report = validator.validate(root)
    if report.passed:
        return False
    for problem in sorted(report.problems):
        out.write(f"{problem}\n")
    out.write(f"{report.summary()}\nrefusing to {action} an invalid corpus\n")
    return True


def cannot_write(exc: OSError, out) -> int:
    """Say in one line that a file could not be written; exit code 1."""
    out.write(f"error: {exc.filename or 'output'}: cannot write: {exc.strerror or exc}\n")
    return 1


def count(minimum: int):
    """An argparse type: an integer of at least `minimum`, or a one-line usage error."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is below {minimum}; expected an integer of at least {minimum}")
        return value
    parse.__name__ = f"integer >= {minimum}"
    return parse
