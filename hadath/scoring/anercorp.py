"""Gold of the `anercorp` config: ANERcorp's own tokens and PERS/LOC/ORG/MISC IOB2 tags per CAMeL sentence.

Read from a corpus root (the vendored source, placed in the corpus's ANERcorp documents by
`hadath.corpus.anercorp.config_rows`) or from a release's `anercorp/<split>-*.parquet`. The gold is a
CoNLL file in all but name: one document per sentence, `s1`, `s2`, ... in sentence order, so that a
tagger's plain `token TAG` output of the same sentences is scored on token positions, as seqeval scores
it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..corpus.anercorp import TAGS, SourceError, config_rows
from ..corpus.files import CorpusError, Layout, iter_documents, load_splits
from .conll import ConllFile, conll_spanset
from .spansets import InputError, SpanSet

SPLITS = ("train", "test")
SOURCE = Path("corpus/sources/anercorp/ANERCorp")


def _rows_from_corpus(root: Path, split: str) -> tuple[list[dict], str]:
    source = root / SOURCE
    if not source.is_file():
        raise InputError(f"{source}: no such file; expected the vendored ANERcorp source for --config anercorp")
    try:
        ids = sorted({i for name in ("train", "validation", "test") for i in load_splits(root).get(name, [])
                      if i.startswith("anercorp-")})
        rows = config_rows(source, iter_documents(root, ids))[split]
    except (CorpusError, SourceError) as exc:
        raise InputError(f"{root}: cannot read the anercorp config: {exc}") from None
    return rows, str(source)


def _rows_from_release(root: Path, split: str) -> tuple[list[dict], str]:
    import pyarrow.parquet as pq

    files = sorted((root / "anercorp").glob(f"{split}-*.parquet"))
    if not files:
        raise InputError(f"{root / 'anercorp'}: no {split}-*.parquet file; expected the release's anercorp config")
    rows = []
    for file in files:
        try:
            rows += pq.read_table(file, columns=["id", "tokens", "ner_tags"]).to_pylist()
        except Exception as exc:  # pyarrow raises several types for unreadable files
            raise InputError(f"{file}: cannot read the anercorp config: {exc}") from None
    # The build writes each split of this config as one file, which the report's digest then names.
    return sorted(rows, key=lambda r: r["id"]), str(files[0])


def read_anercorp(path: Path, split: str, policy: str = "strict") -> SpanSet:
    """The gold spans of the `anercorp` config's `split`, on token positions, one document per sentence."""
    if split not in SPLITS:
        raise InputError(f"the anercorp config has no split {split!r}; expected one of {', '.join(SPLITS)}")
    if Layout(path).splits_path.is_file():
        rows, source = _rows_from_corpus(path, split)
    else:
        rows, source = _rows_from_release(path, split)
    lengths = [len(r["tokens"]) for r in rows]
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    tokens = [t for r in rows for t in r["tokens"]]
    codes = np.array([c for r in rows for c in r["ner_tags"]], dtype=np.int32)
    if len(codes) and (codes.min() < 0 or codes.max() >= len(TAGS)):
        raise InputError(f"{source}: ner_tags outside the ClassLabel {', '.join(TAGS)}")
    conll = ConllFile(source, [f"s{k + 1}" for k in range(len(rows))], np.arange(len(rows) + 1, dtype=np.int64),
                      starts, tokens, list(TAGS), [codes], ["ENTITY"])
    spans = conll_spanset(conll, policy, None)
    return SpanSet(spans.documents, str(path), "anercorp", None, [],
                   {"config": "anercorp", "split": split, "sentences": len(rows), "tokens": len(tokens),
                    "invalid_tags": spans.info["invalid_tags"]}, conll)
