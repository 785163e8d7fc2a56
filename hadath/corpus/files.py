"""Where a corpus keeps its files, and reading and writing them.

A corpus ROOT holds:
    corpus/documents/<id>.txt    the exact text (UTF-8, NFC, LF line ends, no BOM)
    corpus/documents/<id>.json   its metadata
    corpus/splits.json           the frozen document-level splits
    annotations/<id>.json        the stand-off annotation of the text
    suggestions/<id>.json        machine suggestions not yet reviewed (optional; never gold)
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .model import Annotation, Document, Metadata
from .schemas import dumps

SPLITS = ("train", "validation", "test")


class CorpusError(Exception):
    """A corpus that cannot be read; the message names the file and what was expected."""


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def documents_dir(self) -> Path:
        return self.root / "corpus" / "documents"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    @property
    def suggestions_dir(self) -> Path:
        return self.root / "suggestions"

    def suggestion_path(self, doc_id: str) -> Path:
        return self.suggestions_dir / f"{doc_id}.json"

    @property
    def splits_path(self) -> Path:
        return self.root / "corpus" / "splits.json"

    def text_path(self, doc_id: str) -> Path:
        return self.documents_dir / f"{doc_id}.txt"

    def metadata_path(self, doc_id: str) -> Path:
        return self.documents_dir / f"{doc_id}.json"

    def annotation_path(self, doc_id: str) -> Path:
        return self.annotations_dir / f"{doc_id}.json"

    def document_ids(self) -> list[str]:
        """Ids of every document that has a text, a metadata or an annotation file, sorted."""
        ids = set()
        for folder in (self.documents_dir, self.annotations_dir):
            if folder.is_dir():
                ids.update(p.stem for p in folder.iterdir() if p.suffix in (".txt", ".json") and p.is_file())
        return sorted(ids)

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _read_json(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read JSON: {exc}") from None


def load_document(layout: Layout, doc_id: str) -> Document:
    """Read one document; the corpus is assumed valid (run `hadath validate` first)."""
    try:
        text = layout.text_path(doc_id).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{layout.text_path(doc_id)}: cannot read text: {exc}") from None
    metadata = Metadata.from_dict(_read_json(layout.metadata_path(doc_id)))
    annotation = Annotation.from_dict(_read_json(layout.annotation_path(doc_id)))
    return Document(metadata, text, annotation)


def load_suggestions(layout: Layout, doc_id: str) -> Annotation | None:
    """The unreviewed suggestions for a document, or None when it has none."""
    path = layout.suggestion_path(doc_id)
    return Annotation.from_dict(_read_json(path)) if path.is_file() else None


def iter_documents(root: Path | str, ids: list[str] | None = None) -> Iterator[Document]:
    layout = Layout(Path(root))
    for doc_id in ids if ids is not None else layout.document_ids():
        yield load_document(layout, doc_id)


def load_splits(root: Path | str) -> dict[str, list[str]]:
    data = _read_json(Layout(Path(root)).splits_path)
    return {name: list(data.get(name, [])) for name in SPLITS}


def split_of(splits: dict[str, list[str]]) -> dict[str, str]:
    return {doc_id: name for name, ids in splits.items() for doc_id in ids}


def write_text_atomic(path: Path, content: str) -> None:
    """Write `content` to `path` through a temporary file and a rename, so no half-written file is left."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # name the file asked for, not a temporary one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all_or_none(contents: dict[Path, str]) -> None:
    """Write every file of `contents`, or none: when one write fails, the files already written get their
    earlier content back (or are removed when they are new), and the error is raised."""
    before = {path: path.read_bytes() if path.is_file() else None for path in contents}
    written = []
    try:
        for path, content in contents.items():
            write_text_atomic(path, content)
            written.append(path)
    except BaseException:
        for path in reversed(written):
            if before[path] is None:
                path.unlink(missing_ok=True)
            else:
                write_text_atomic(path, before[path].decode("utf-8"))
        raise


def write_json_atomic(path: Path, obj: dict) -> None:
    write_text_atomic(path, dumps(obj))


def document_files(layout: Layout, document: Document) -> dict[Path, str]:
    """The files of a stored document and their contents."""
    return {layout.text_path(document.id): document.text,
            layout.metadata_path(document.id): dumps(document.metadata.to_dict()),
            layout.annotation_path(document.id): dumps(document.annotation.to_dict())}


def write_document(layout: Layout, document: Document) -> None:
    """Write the text, metadata and annotation of `document`: all three, or none."""
    write_all_or_none(document_files(layout, document))
