"""Import ANERcorp into the corpus: one document per article of corpus/sources/anercorp/articles.tsv.

Usage: python scripts/import_anercorp.py [ROOT]

Rerunnable: texts that are already annotated must come out identical (texts are frozen), their
annotations are kept, metadata is refreshed from articles.tsv, and corpus/splits.json is rewritten by
the split rule (see hadath/anercorp.py). Exit 1 with one line naming the file and line on bad input.
"""

import sys
from pathlib import Path

from hadath.corpus.anercorp import SourceError, write
from hadath.corpus.files import CorpusError


def main(root: str = ".") -> int:
    folder = Path(root) / "corpus" / "sources" / "anercorp"
    try:
        counts = write(Path(root), folder / "ANERCorp", folder / "articles.tsv")
    except (SourceError, CorpusError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(", ".join(f"{name}: {n} ANERcorp documents" for name, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
