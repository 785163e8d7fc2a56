"""Consistency checks across annotations (`hadath lint`): findings for a reviewer, not schema errors.

Each finding has a stable key; a finding that was reviewed and accepted is listed, with its reason,
in `corpus/lint-exceptions.json` and is then reported as accepted instead of failing the run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import re

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
    "preposition-article-fused": "a preposition ل is written before the article ال (`لال…` for `لل…`)",
    "framing-pronoun-unannotated": "the suffix of `من جهته/جهتها/جهتهم` or `من جانبه/…` is not a pronoun mention",
    "person-name-reused": "one person name stands for entities of different descriptions in different documents",
    "parallel-trigger-unannotated": "a word after the same words as an annotated trigger is no trigger itself",
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


# `لال…` at the start of a word: the preposition ل before the article drops the alef (`للوكالة`).
_FUSED_ARTICLE = re.compile(r"(?<![\w\u064B-\u065F\u0670\u0640])[وف]?لال(?=[\w\u064B-\u065F\u0670\u0640])")
# `من جهته`, `ومن جانبها`: the suffix refers to the entity named next and is a PRO mention (decision 66).
_FRAMING = re.compile(r"(?<!\w)و?من (?:جهت|جانب)(ه|ها|هما|هم|هن)(?!\w)")
# Words that open a parallel construction are compared after these proclitics are removed.
_PARALLEL_WORDS = 3
_FUNCTION_WORDS = frozenset("في من إلى على عن مع قد لقد بعد قبل أن إن أنه أنها الذي التي الذين حتى لا لم لن ما كما ثم أو و".split())


def _word_at(text: str, start: int) -> str:
    return re.match(r"[^\s،,.:;\"«»()]*", text[start:]).group()


def _fused_articles(doc: Document) -> list[Finding]:
    return [Finding(doc.id, "preposition-article-fused", f"{m.group()}@{m.start()}",
                    f"{_word_at(doc.text, m.start())!r} at {m.start()} writes ل before ال; expected لل")
            for m in _FUSED_ARTICLE.finditer(doc.text)]


def _framing_pronouns(doc: Document) -> list[Finding]:
    pronouns = {(m.span.start, m.span.end) for m in doc.annotation.entity_mentions if m.mention_type == "PRO"}
    findings = []
    for m in _FRAMING.finditer(doc.text):
        if (m.start(1), m.end(1)) not in pronouns:
            findings.append(Finding(doc.id, "framing-pronoun-unannotated", f"{m.group()}@{m.start()}",
                                    f"{m.group(1)!r} at [{m.start(1)}, {m.end(1)}) in {m.group()!r} is no PRO mention"))
    return findings


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\s،,.:;\"«»()]+", text[start:end])]


def _parallel_triggers(doc: Document) -> list[Finding]:
    """A trigger whose sentence opens it with the same words as an unannotated word elsewhere.

    For every trigger, the `_PARALLEL_WORDS` words before it in its sentence are its frame (`ما أدى إلى`);
    a word that follows the same frame elsewhere in the document and is covered by no trigger is a finding.
    """
    text = doc.text
    a = doc.annotation
    triggers = [(m.trigger.start, m.trigger.end) for m in a.event_mentions]
    in_mention = bytearray(len(text) + 1)
    for m in (*a.entity_mentions, *a.value_mentions):
        in_mention[m.span.start:m.span.end] = b"\x01" * (m.span.end - m.span.start)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!؟?\n]+", text)]
    frames: dict[tuple[str, ...], str] = {}
    followers: list[tuple[tuple[str, ...], int, int]] = []
    for s, e in sentences:
        words = _words(text, s, e)
        for k in range(_PARALLEL_WORDS, len(words)):
            if any(in_mention[x:y].count(1) for x, y in words[k - _PARALLEL_WORDS:k]):
                continue  # a frame is the words around a trigger, not the names of its arguments
            frame = tuple(text[x:y] for x, y in words[k - _PARALLEL_WORDS:k])
            if text[words[k][0]:words[k][1]] not in _FUNCTION_WORDS:
                followers.append((frame, *words[k]))
            ws, we = words[k]
            hit = next(((ts, te) for ts, te in triggers if ws <= ts and te <= we), None)
            if hit is not None:
                frames.setdefault(frame, text[hit[0]:hit[1]])
    findings = []
    for frame, ws, we in followers:
        if frame in frames and not any(ts < we and ws < te for ts, te in triggers):
            phrase = " ".join(frame)
            findings.append(Finding(doc.id, "parallel-trigger-unannotated", f"{phrase} {text[ws:we]}@{ws}",
                                    f"{text[ws:we]!r} at [{ws}, {we}) follows {phrase!r} as the trigger "
                                    f"{frames[frame]!r} does, but is no trigger"))
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
    findings += _framing_pronouns(doc) + _parallel_triggers(doc)
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


def _description_word(text: str) -> str:
    word = text.split()[0] if text.split() else text
    word = word[2:] if word.startswith("ال") and len(word) > 3 else word
    return word


def _person_names(documents: list[Document]) -> list[Finding]:
    """The same person name (first and last word of the fullest name) for entities described differently.

    An entity's description is the set of head words of its NOM mentions and of the Job-Title values on
    them (without the article); two entities of one name in different documents whose descriptions differ
    are a finding, to be fixed in composed texts or accepted when they are one person.
    """
    by_name: dict[tuple[str, str], list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for doc in documents:
        a = doc.annotation
        titles = {(v.span.start, v.span.end): v.span.text for v in a.value_mentions if v.type == "Job-Title"}
        for entity in a.entities:
            if (entity.type, entity.subtype) != ("PER", "Individual"):
                continue
            mentions = [m for m in a.entity_mentions if m.entity_id == entity.id]
            names = [m.span.text.split() for m in mentions if m.mention_type == "NAM"]
            full = max(names, key=len, default=[])
            if len(full) < 2:
                continue
            description = set()
            for m in mentions:
                if m.mention_type == "NOM":
                    head = m.head or m.span
                    description.add(_description_word(titles.get((head.start, head.end), head.text)))
            by_name[(full[0], full[-1])].append((doc.id, " ".join(full), frozenset(description)))
    findings = []
    for (first, last), uses in sorted(by_name.items()):
        if len({doc_id for doc_id, _, _ in uses}) > 1 and len({d for _, _, d in uses}) > 1:
            where = "; ".join(f"{doc_id} {name!r} ({', '.join(sorted(d)) or 'no description'})"
                              for doc_id, name, d in uses)
            findings.append(Finding("*", "person-name-reused", f"{first} {last}",
                                    f"{first} … {last} is used with different descriptions: {where}"))
    return findings


def load_exceptions(root: Path | str) -> dict[tuple[str, str, str], str]:
    """(document, check, key) → reason, from the reviewed exceptions file (absent: none)."""
    path = exceptions_path(root)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(e["document"], e["check"], e["key"]): e["reason"] for e in data["exceptions"]}


def lint(root: Path | str) -> list[Finding]:
    """Every finding in the annotated documents of the corpus at `root`, sorted; the corpus is assumed
    valid."""
    documents = list(iter_documents(root))
    annotated = [d for d in documents if not d.annotation.is_empty]  # the others are not annotated yet
    # Real people recur across real news with new titles; an invented name must stay one person.
    findings = _surface_conflicts(annotated) + _person_names([d for d in annotated if _composed(d)])
    for doc in documents:
        # A sourced text is frozen with the source's spelling; only composed texts are checked for it.
        findings += _fused_articles(doc) if _composed(doc) else []
        findings += [] if doc.annotation.is_empty else _document_findings(doc)
    return sorted(findings)


def _composed(doc: Document) -> bool:
    return doc.metadata.provenance == "composed"


def exceptions_path(root: Path | str) -> Path:
    return Path(root) / EXCEPTIONS_FILE
