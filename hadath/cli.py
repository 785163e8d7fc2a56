"""The `hadath` command. Each subcommand lives in `hadath/commands/<name>.py`.

Only the module of the command that runs is imported: the others are listed from the table in
`hadath/commands/__init__.py`, so `hadath --help` and every command start without loading the libraries
that other commands need (`datasets`, `mlcroissant`, `scipy`, scikit-learn).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .commands import COMMANDS


def _chosen(argv: list[str]) -> str | None:
    """The subcommand named on the command line: the first argument that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


def _parser(argv: list[str]):
    parser = argparse.ArgumentParser(prog="hadath", description="Hadath: Arabic news corpus tools")
    parser.add_argument("--version", action="version", version=f"hadath {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen, module = _chosen(argv), None
    for name, help_ in COMMANDS.items():
        if name == chosen:
            module = importlib.import_module(f"hadath.commands.{name.replace('-', '_')}")
            module.register(sub)
        else:
            sub.add_parser(name, help=help_, add_help=False)
    return parser, module


def _run(argv: list[str]) -> int:
    parser, module = _parser(argv)
    args = parser.parse_args(argv)
    # Reports record the command that made them.
    args.command_line = ["hadath", *argv]
    if args.command is None:
        parser.print_help()
        return 2
    code = module.run(args, sys.stdout)
    sys.stdout.flush()  # a closed pipe shows here, where it is caught, not at exit
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return _run(argv)
    except KeyboardInterrupt:
        sys.stderr.write("hadath: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`hadath lint | head`): stop quietly, and keep Python from
        # complaining again when it flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
