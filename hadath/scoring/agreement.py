"""Inter-annotator agreement between two annotation sets of the same documents.

Set A is the reference; B is scored against it with the evaluation's own matching, so entity and
event F1 per level are the numbers `hadath evaluate` would give; F1 = 2·credit / (POS + ACT) does not
depend on which set is the reference (precision and recall swap). Cohen's kappa is computed on
tokens of `hadath.tokens` (the release's tokenizer): each token is labelled with the type of the longest
entity mention covering its first character, or `O`.
"""

from __future__ import annotations

from pathlib import Path

from ..corpus.files import Layout
from ..corpus.tokens import tokenize
from .evaluation import Options, score
from .gold import read_annotation_dir, read_corpus
from .metrics import ENTITY_SCHEMAS
from .spansets import InputError, SpanDocument, SpanSet


def token_labels(doc: SpanDocument) -> list[str]:
    spans = sorted(doc.entities, key=lambda m: (m.start, -(m.end - m.start)))
    labels = []
    for start, _ in tokenize(doc.text or ""):
        best = None
        for m in spans:
            if m.start > start:
                break
            if m.end > start and (best is None or m.end - m.start > best.end - best.start):
                best = m
        labels.append(best.type if best else "O")
    return labels


def kappa(a: SpanSet, b: SpanSet, ids: list[str]) -> dict:
    la, lb = [], []
    for doc_id in ids:
        la += token_labels(a.documents[doc_id])
        lb += token_labels(b.documents[doc_id])
    if not la:
        return {"tokens": 0, "kappa": None}
    from sklearn.metrics import cohen_kappa_score  # imported here: slow to load, needed by `agree` only
    value = 1.0 if la == lb else float(cohen_kappa_score(la, lb))
    return {"tokens": len(la), "kappa": value}


def _is_corpus(path: Path) -> bool:
    return Layout(path).documents_dir.is_dir()


def _annotation_folder(path: Path) -> Path:
    folder = Layout(path).annotations_dir if _is_corpus(path) else path
    if not folder.is_dir():
        raise InputError(f"{path}: expected a corpus root or a folder of <id>.json annotation files")
    return folder


def load_pair(root_a: Path, root_b: Path, split: str | None,
              corpus: Path | None = None) -> tuple[SpanSet, SpanSet]:
    """A's annotations and B's of the same texts. Each is a corpus root or a folder of `<id>.json`; the
    texts come from A when it is a corpus root, otherwise from `corpus`."""
    texts_root = root_a if _is_corpus(root_a) else corpus
    if texts_root is None or not _is_corpus(texts_root):
        raise InputError(f"{root_a}: a folder of annotations needs --corpus ROOT, the corpus holding their texts")
    whole = read_corpus(texts_root, None)
    texts = {doc_id: doc.text for doc_id, doc in whole.documents.items()}
    a = whole if _is_corpus(root_a) else read_annotation_dir(_annotation_folder(root_a), texts)
    b = read_annotation_dir(_annotation_folder(root_b), texts)
    if split is not None:
        keep = set(read_corpus(texts_root, split).documents)
        b.documents = {i: d for i, d in b.documents.items() if i in keep}
    if not b.documents:
        raise InputError(f"{root_b}: no annotation of any document of {root_a}"
                         + (f" in split {split!r}" if split else ""))
    missing = sorted(set(b.documents) - set(a.documents))
    if missing:
        raise InputError(f"{root_b}: {missing[0]!r} has no annotation in {root_a}; expected the same documents")
    a.documents = {i: a.documents[i] for i in sorted(b.documents)}
    return a, b


def agree(a: SpanSet, b: SpanSet) -> dict:
    scores = score(a, b, Options(resamples=0))
    ids = scores.doc_ids
    entities = scores.sections["entities"]
    out = {"documents": len(ids), "a": a.source, "b": b.source,
           "entities": {s: entities["schemas"][s]["overall"] for s in ENTITY_SCHEMAS},
           "values": scores.sections["values"]["schemas"]["strict"]["overall"],
           "events": scores.sections["events"],
           "token_kappa": kappa(a, b, ids)}
    if "clitic_relaxed" in entities:
        out["entities"]["clitic_relaxed"] = entities["clitic_relaxed"]["overall"]
    return out


SAMPLES = Path("annotations/agreement")  # one folder per sample, each holding first/ and second/


def corpus_agreement(root: Path) -> list[dict]:
    """Agreement of each double-annotated sample of the corpus, before adjudication: a sample is a folder
    `annotations/agreement/<name>/` whose `first/` and `second/` both hold annotations."""
    out = []
    for folder in sorted(p for p in (root / SAMPLES).glob("*") if p.is_dir()):
        first, second = folder / "first", folder / "second"
        if not (any(first.glob("*.json")) and any(second.glob("*.json"))):
            continue
        a, b = load_pair(first, second, None, root)
        command = f"hadath agree {(SAMPLES / folder.name / 'first').as_posix()} " \
                  f"{(SAMPLES / folder.name / 'second').as_posix()} --corpus ."
        out.append({**agree(a, b), "name": folder.name, "ids": sorted(b.documents), "command": command})
    return out
