"""Gold span sets: from a corpus root, a release directory, or a span file.

`load_gold(path, split)` decides by what it finds:
  - a directory with `corpus/splits.json`: a corpus root, read with `hadath.corpus.files`;
  - a directory with `documents/<split>-*.parquet` (or the `documents` folder itself): a release;
  - a file: JSON Lines in the prediction format, or CoNLL token/tag columns.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..corpus.files import SPLITS, CorpusError, Layout, iter_documents, load_splits
from ..corpus.model import Document
from ..corpus.text import file_sha256
from .conll import conll_spanset, read_conll
from .predictions import read_jsonl, sniff_format
from .spansets import Arg, EventSpan, InputError, Mention, SpanDocument, SpanSet, Value


def from_document(document: Document) -> SpanDocument:
    """The spans of one stored document; arguments point at their filler's span and entity."""
    a = document.annotation
    doc = SpanDocument(document.id, document.text, date_precision=document.metadata.date_precision)
    doc.entities = [Mention(m.span.start, m.span.end, m.type, m.mention_type, m.entity_id,
                            (m.head.start, m.head.end) if m.head else None) for m in a.entity_mentions]
    doc.values = [Value(v.span.start, v.span.end, v.type, v.normalized) for v in a.value_mentions]
    fillers = a.mentions_by_id()
    for em in a.event_mentions:
        args = []
        for arg in em.arguments:
            filler = fillers.get(arg.ref)
            if filler is None:
                raise CorpusError(f"annotations/{document.id}.json: argument {arg.role} refers to "
                                  f"unknown mention {arg.ref}; run hadath validate")
            entity = getattr(filler, "entity_id", None)
            args.append(Arg(arg.role, filler.span.start, filler.span.end, entity, entity is None))
        doc.events.append(EventSpan(em.type, em.trigger.start, em.trigger.end, tuple(args)))
    return doc


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")


def read_corpus(root: Path, split: str | None) -> SpanSet:
    """The gold of a corpus root: the documents of `split` (all documents when `split` is None)."""
    try:
        ids = None
        if split is not None:
            _check_split(split)
            ids = load_splits(root)[split]
        documents = {d.id: from_document(d) for d in iter_documents(root, ids)}
    except CorpusError as exc:
        raise InputError(str(exc)) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{root}: the corpus does not read as valid ({exc}); run hadath validate") from None
    return SpanSet(documents, str(root), "corpus", corpus_digest(Layout(root), list(documents)),
                   info={"split": split})


def read_annotation_dir(folder: Path, texts: dict[str, str]) -> SpanSet:
    """Annotation files `<id>.json` alone (e.g. a second annotator's), on the texts of another root."""
    from ..corpus.model import Annotation, Document, Metadata
    from ..corpus.text import sha256
    documents = {}
    for path in sorted(folder.glob("*.json")):
        if path.stem not in texts:
            raise InputError(f"{path}: unknown document id {path.stem!r}; it is not in the first annotation set")
        try:
            annotation = Annotation.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not a stored annotation ({exc}); expected "
                             "schema/annotation.schema.json") from None
        if annotation.text_sha256 != sha256(texts[path.stem]):
            raise InputError(f"{path}: text_sha256 does not match the text of {path.stem!r}; "
                             "expected an annotation of the same text")
        meta = Metadata(path.stem, "ar", "", None, "", "", "")
        documents[path.stem] = from_document(Document(meta, texts[path.stem], annotation))
    return SpanSet(documents, str(folder), "annotations")


def corpus_digest(layout: Layout, ids: list[str]) -> str:
    """SHA-256 over the text and annotation files of the documents scored, in id order."""
    h = hashlib.sha256()
    for doc_id in sorted(ids):
        for path in (layout.text_path(doc_id), layout.annotation_path(doc_id)):
            h.update(f"{doc_id} {path.name} ".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _release_root(path: Path) -> tuple[Path, Path]:
    documents = path / "documents"
    if documents.is_dir():
        return path, documents
    if path.name == "documents":
        return path.parent, path
    raise InputError(f"{path}: not a corpus root (no corpus/splits.json) nor a release "
                     "(no documents/ folder of parquet files)")


def release_info(root: Path) -> dict:
    """The release's version (from its `croissant.json`, written by `hadath build`) and SHA256SUMS digest."""
    sums = root / "SHA256SUMS"
    info = {"sha256sums_sha256": file_sha256(sums) if sums.is_file() else None, "version": None}
    croissant = root / "croissant.json"
    if croissant.is_file():
        try:
            info["version"] = json.loads(croissant.read_text(encoding="utf-8")).get("version")
        except (ValueError, AttributeError):
            info["version"] = None
    return info


def _release_document(row: dict) -> SpanDocument:
    doc = SpanDocument(row["id"], row["text"], date_precision=row.get("date_precision") or "day")
    entity_of = {}
    for m in row.get("entity_mentions") or []:
        entity_of[m["id"]] = m["entity_id"]
        head = (m["head_start"], m["head_end"]) if m.get("head_start") is not None else None
        doc.entities.append(Mention(m["start"], m["end"], m["type"], m.get("mention_type"), m["entity_id"], head))
    doc.values = [Value(v["start"], v["end"], v["type"], v.get("normalized"))
                  for v in row.get("value_mentions") or []]
    for em in row.get("event_mentions") or []:
        args = tuple(Arg(a["role"], a["start"], a["end"], entity_of.get(a["ref_id"]), a["ref_id"] not in entity_of)
                     for a in em.get("arguments") or [])
        doc.events.append(EventSpan(em["type"], em["trigger_start"], em["trigger_end"], args))
    return doc


def read_release(path: Path, split: str) -> SpanSet:
    import pyarrow.parquet as pq

    _check_split(split)
    root, folder = _release_root(path)
    files = sorted(folder.glob(f"{split}-*.parquet"))
    if not files:
        raise InputError(f"{folder}: no {split}-*.parquet file; expected the release's documents config")
    documents = {}
    for file in files:
        try:
            rows = pq.read_table(file).to_pylist()
        except Exception as exc:  # pyarrow raises several types for unreadable files
            raise InputError(f"{file}: cannot read parquet: {exc}") from None
        for n, row in enumerate(rows):
            try:
                doc = _release_document(row)
            except (KeyError, TypeError) as exc:
                raise InputError(f"{file}: row {n}: missing or malformed field {exc}; expected the "
                                 "documents contract (id, text, entity_mentions, ...)") from None
            documents[doc.id] = doc
    return SpanSet(documents, str(root), "release", info={"split": split, **release_info(root)})


def load_gold(path: Path | str, split: str | None = "test", bio_policy: str = "strict",
              lenient: bool = False, config: str | None = None) -> SpanSet:
    path = Path(path)
    if config not in (None, "documents"):
        if config != "anercorp":
            raise InputError(f"unknown config {config!r}; expected documents (the default) or anercorp")
        if not path.is_dir():
            raise InputError(f"{path}: --config anercorp needs a corpus root or a release directory")
        from .anercorp import read_anercorp
        return read_anercorp(path, split or "test", bio_policy)
    if path.is_dir():
        if Layout(path).splits_path.is_file():
            return read_corpus(path, split)
        return read_release(path, split or "test")
    if not path.exists():
        raise InputError(f"{path}: no such file or directory; expected a corpus root, a release or a span file")
    if sniff_format(path) == "conll":
        return conll_spanset(read_conll(path), bio_policy, None, None, lenient)
    return read_jsonl(path, None, lenient, open_labels=True)


def texts_of(gold: SpanSet) -> dict[str, str | None]:
    return {doc_id: doc.text for doc_id, doc in gold.documents.items()}
