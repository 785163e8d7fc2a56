"""Regenerate schema/*.schema.json from schema/ontology.json."""

import sys

from hadath.corpus.schemas import write_all

if __name__ == "__main__":
    for path in write_all():
        print(path)
    sys.exit(0)
