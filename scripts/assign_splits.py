"""Add every document that is in no split to corpus/splits.json (existing assignments never move).

Usage: python scripts/assign_splits.py [ROOT]   — the rule is in hadath/corpus/splitting.py.
"""

import json
import sys
from pathlib import Path

from hadath.corpus.files import Layout, iter_documents, write_json_atomic
from hadath.corpus.splitting import assign


def main(root: str = ".") -> int:
    layout = Layout(Path(root))
    current = {"train": [], "validation": [], "test": []}
    if layout.splits_path.exists():
        current = json.loads(layout.splits_path.read_text(encoding="utf-8"))
    splits = assign(list(iter_documents(root)), current)
    write_json_atomic(layout.splits_path, splits)
    for name, ids in splits.items():
        print(f"{name}: {len(ids)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
