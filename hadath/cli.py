"""The `hadath` command. Each subcommand lives in `hadath/commands/<name>.py`."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

# Listed here, in the order `hadath --help` shows them.
COMMANDS = ["validate", "lint", "crosscheck", "stats", "build", "verify", "publish", "evaluate", "compare", "agree",
            "baseline", "benchmark", "ingest", "export", "import", "view", "anchor", "redraft"]


def _parser(argv: list[str] | None = None) -> tuple[argparse.ArgumentParser, dict]:
    """The parser; when `argv` names a command, only that command's module is imported (start-up time:
    `hadath evaluate` need not load what `hadath build` needs)."""
    parser = argparse.ArgumentParser(prog="hadath", description="Hadath: Arabic news corpus tools")
    parser.add_argument("--version", action="version", version=f"hadath {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    chosen = [a for a in (argv or [])[:1] if a in COMMANDS]
    for name in chosen or COMMANDS:
        module = importlib.import_module(f"hadath.commands.{name.replace('-', '_')}")
        module.register(sub)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = _parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    # Reports record the command that made them.
    args.command_line = ["hadath", *(sys.argv[1:] if argv is None else argv)]
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return modules[args.command].run(args, sys.stdout)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
