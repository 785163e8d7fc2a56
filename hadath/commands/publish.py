"""hadath publish DIR --repo-id ORG/NAME [--dry-run]: upload a verified release to the Hugging Face Hub."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..release.checksums import release_files
from ..release.publish import PublishError, check_card, publish
from ..release.verify import verify
from . import COMMANDS

HELP = COMMANDS["publish"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help=HELP, description=HELP)
    p.add_argument("folder", metavar="DIR", help="a release folder written by hadath build")
    p.add_argument("--repo-id", required=True, metavar="ORG/NAME", help="the Hub dataset repository")
    p.add_argument("--dry-run", action="store_true", help="list what would be uploaded and check the card")


def run(args: argparse.Namespace, out) -> int:
    folder = Path(args.folder)
    try:
        version = check_card(folder)
        problems = verify(folder)
        if problems:
            out.write("".join(f"{p}\n" for p in problems))
            out.write(f"{folder}: hadath verify finds {len(problems)} problems; not publishing\n")
            return 1
        if args.dry_run:
            for name in release_files(folder) + ["SHA256SUMS"]:
                out.write(f"{(folder / name).stat().st_size:>12,}  {name}\n")
            out.write(f"dry run: would upload {folder} to datasets/{args.repo_id} and tag it v{version}\n")
            return 0
        url = publish(folder, args.repo_id, version)
    except PublishError as exc:
        out.write(f"{exc}\n")
        return 1
    out.write(f"published {folder} to {url}; load it with load_dataset({json.dumps(args.repo_id)}, "
              f"revision=\"v{version}\")\n")
    return 0
