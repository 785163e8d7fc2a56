"""Consistency checks across annotations (`hadath lint`): findings for a reviewer, not schema errors.

Each finding has a stable key; a finding that was reviewed and accepted is listed, with its reason,
in `corpus/lint-exceptions.json` and is then reported as accepted instead of failing the run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .files import iter_documents
from .model import Document
from .text import word_occurrences

EXCEPTIONS_FILE = Path("corpus") / "lint-exceptions.json"

CHECKS = {
    "surface-type-conflict": "the same NAM or NOM surface string is annotated with different entity types",
    "name-unannotated": "an annotated name occurs elsewhere in its document without a mention",
    "trigger-unannotated": "a word annotated as a trigger occurs elsewhere in its document without one",
    "argument-far": "an argument lies in another paragraph than its trigger",
    "time-without-value": "a time expression has no normalized value",
}
# A cluster whose mentions disagree in type is a validation error (`mention-cluster-type-mismatch`),
# so lint, which runs on valid corpora only, never sees one.


@dataclass(frozen=True, order=True)
class Finding:
    document: str
    check: str
    key: str
    message: str

    def to_dict(self) -> dict:
        return {"document": self.document, "check": self.check, "key": self.key, "message": self.message}

    def __str__(self) -> str:
        return f"{self.document}: [{self.check}] {self.message} (key {self.key!r})"


def _paragraph_of(text: str) -> list[int]:
    """Paragraph index of every character; paragraphs are separated by line breaks."""
    index, out = 0, []
    for ch in text:
        out.append(index)
        index += ch == "\n"
    return out


def _unannotated(doc: Document, surfaces: set[str], covered: list[tuple[int, int]], check: str) -> list[Finding]:
    findings = []
    for surface in sorted(surfaces):
        for start in word_occurrences(doc.text, surface):
            end = start + len(surface)
            if not any(s <= start and end <= e for s, e in covered):
                findings.append(Finding(doc.id, check, f"{surface}@{start}",
                                        f"{surface!r} at [{start}, {end}) is not annotated here"))
    return findings


def _document_findings(doc: Document) -> list[Finding]:
    a = doc.annotation
    findings = []
    names = {m.span.text for m in a.entity_mentions if m.mention_type == "NAM"}
    findings += _unannotated(doc, names, [(m.span.start, m.span.end) for m in a.entity_mentions],
                             "name-unannotated")
    triggers = {m.trigger.text for m in a.event_mentions}
    findings += _unannotated(doc, triggers, [(m.trigger.start, m.trigger.end) for m in a.event_mentions],
                             "trigger-unannotated")
    paragraph = _paragraph_of(doc.text)
    fillers = a.mentions_by_id()
    for em in a.event_mentions:
        for arg in em.arguments:
            filler = fillers.get(arg.ref)
            if filler is not None and paragraph[filler.span.start] != paragraph[em.trigger.start]:
                findings.append(Finding(doc.id, "argument-far", f"{em.id}/{arg.role}/{arg.ref}",
                                        f"{em.id} {arg.role} {arg.ref} {filler.span.text!r} is in another paragraph"))
    for v in a.value_mentions:
        if v.type == "TIME" and not v.normalized:
            findings.append(Finding(doc.id, "time-without-value", v.id, f"{v.id} {v.span.text!r} has no value"))
    return findings


def _surface_conflicts(documents: list[Document]) -> list[Finding]:
    types: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc in documents:
        for m in doc.annotation.entity_mentions:
            if m.mention_type != "PRO":
                types[m.span.text][m.type].append(f"{doc.id}:{m.id}")
    findings = []
    for surface, by_type in sorted(types.items()):
        if len(by_type) > 1:
            where = "; ".join(f"{t} in {', '.join(ids[:3])}{' ...' if len(ids) > 3 else ''}"
                              for t, ids in sorted(by_type.items()))
            findings.append(Finding("*", "surface-type-conflict", surface, f"{surface!r} is {where}"))
    return findings


def load_exceptions(root: Path | str) -> dict[tuple[str, str, str], str]:
    """(document, check, key) → reason, from the reviewed exceptions file (absent: none)."""
    path = exceptions_path(root)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(e["document"], e["check"], e["key"]): e["reason"] for e in data["exceptions"]}


def lint(root: Path | str) -> list[Finding]:
    """Every finding in the corpus at `root`, sorted; the corpus is assumed valid."""
    documents = list(iter_documents(root))
    findings = _surface_conflicts(documents)
    for doc in documents:
        findings += _document_findings(doc)
    return sorted(findings)


def exceptions_path(root: Path | str) -> Path:
    return Path(root) / EXCEPTIONS_FILE
