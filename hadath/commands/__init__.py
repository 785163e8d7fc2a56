"""One module per `hadath` subcommand; each defines `register(subparsers)` and `run(args, out) -> int`.

The top layer: it may import from every other subpackage, and only `hadath.cli` imports it.
"""

from __future__ import annotations

from pathlib import Path


def refused(root: Path | str, out, action: str) -> bool:
    """Validate `root`; on any problem write the validator's report and say what was refused."""
    # Imported here: loading the validator takes longer than commands that never validate may spend.
    # Not `from ..corpus.validator import validate`: the `validate` submodule of this package would shadow it.
    from ..corpus import validator

    report = validator.validate(root)
    if report.passed:
        return False
    for problem in sorted(report.problems):
        out.write(f"{problem}\n")
    out.write(f"{report.summary()}\nrefusing to {action} an invalid corpus\n")
    return True
