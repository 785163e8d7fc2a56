"""The ANERcorp cross-check: ANERcorp's own PERS/LOC/ORG/MISC names against our gold mentions.

ANERcorp tags whole words, proclitics included (`وسوريا`); our spans follow morphemes (`سوريا`). A name of
ANERcorp is *found* when one of our entity mentions has its offsets once leading proclitics (و ف ب ل ك,
in any sequence of up to two) are set aside, *overlapped* when one of our mentions overlaps it with other
boundaries, and *missed* otherwise. Its type *agrees* when ours is the counterpart of ANERcorp's
(PERS: PER; LOC: GPE, LOC or FAC; ORG: ORG, or a GPE mention in the ORG role); MISC has no ACE
counterpart and is reported apart. Our NAM mentions that meet no ANERcorp name are listed too.

ANERcorp often tags the words of one name `B-PERS B-PERS` (`سيريل ديسبري`; 345 such runs); adjacent
names of one type are read as one name here, unless the second begins with و (`أندريا ويوهدان`: two
people). Punctuation that a source token carries at its end
(`لأفغانستان؛`) is set aside like a proclitic.

Each disagreement has a stable key (document, start, end, what) so that a reviewed list can say, for each,
whose error it is: `corpus/sources/anercorp/crosscheck.tsv`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..corpus.anercorp import detokenize, read_tokens, sentence_starts

COUNTERPARTS = {"PERS": {"PER"}, "LOC": {"GPE", "LOC", "FAC"}, "ORG": {"ORG"}}
PROCLITICS = "وفبلك"
REVIEW_COLUMNS = ("document", "start", "end", "kind", "verdict", "note")
VERDICTS = ("anercorp-error", "convention")


@dataclass(frozen=True)
class Name:
    document: str
    start: int
    end: int
    text: str
    tag: str


@dataclass(frozen=True)
class Finding:
    document: str
    start: int
    end: int
    kind: str     # missed, type, boundary, extra
    detail: str

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.document, self.start, self.end, self.kind)


def names(source: Path, documents) -> list[Name]:
    """ANERcorp's tagged names, as character spans of our documents."""
    tokens = read_tokens(source)
    starts = set(sentence_starts(tokens))
    out: list[Name] = []
    for document in documents:
        first, end = document.metadata.extra["source_tokens"]
        _, offsets = detokenize(tokens[first:end], starts)
        current = None
        for token, (s, e) in zip(tokens[first:end], offsets):
            prefix, _, kind = token.tag.partition("-")
            if current and kind == current[2] and (prefix == "I" or prefix == "B" and token.text[0] != "و"):
                current = (current[0], e, kind)
                continue
            if current:
                out.append(Name(document.id, current[0], current[1], document.text[current[0]:current[1]],
                                current[2]))
            current = (s, e, kind) if prefix in ("B", "I") else None
        if current:
            out.append(Name(document.id, current[0], current[1], document.text[current[0]:current[1]], current[2]))
    return out


def _stripped_starts(name: Name) -> set[int]:
    """Where the name may begin once up to two leading proclitics are set aside."""
    starts, k = {name.start}, 0
    while k < 2 and name.end - name.start - k > 2 and name.text[k] in PROCLITICS:
        k += 1
        starts.add(name.start + k)
    return starts


def _stripped_ends(name: Name) -> set[int]:
    """Where the name may end once punctuation that its last token carries is set aside."""
    end = name.end
    while end - name.start > 1 and not name.text[end - name.start - 1].isalnum():
        end -= 1
    return {name.end, end}


def _agrees(tag: str, mention) -> bool:
    return mention.type in COUNTERPARTS.get(tag, set()) or (
        tag == "ORG" and mention.type == "GPE" and mention.gpe_role == "ORG")


@dataclass
class Result:
    names: Counter            # per ANERcorp tag: names
    found: Counter            # per tag: same offsets (proclitics aside)
    overlapped: Counter       # per tag: overlapped with other boundaries
    types: Counter            # (tag, our type) for found and overlapped names
    agree: Counter            # per tag: found or overlapped with the counterpart type
    ours: int                 # our NAM mentions
    findings: list[Finding]


def crosscheck(source: Path, documents) -> Result:
    documents = list(documents)
    by_doc = {d.id: d for d in documents}
    result = Result(Counter(), Counter(), Counter(), Counter(), Counter(), 0, [])
    met: set[tuple[str, str]] = set()
    for name in names(source, documents):
        mentions = by_doc[name.document].annotation.entity_mentions
        result.names[name.tag] += 1
        same = [m for m in mentions if m.span.end in _stripped_ends(name) and m.span.start in _stripped_starts(name)]
        near = [m for m in mentions if m.span.start < name.end and name.start < m.span.end]
        chosen = _best(same or near, name.tag)
        if chosen is None:
            result.findings.append(Finding(name.document, name.start, name.end, "missed",
                                           f"ANERcorp {name.tag} {name.text!r}: no mention of ours"))
            continue
        met.update((name.document, m.id) for m in near)
        (result.found if same else result.overlapped)[name.tag] += 1
        result.types[(name.tag, chosen.type)] += 1
        if _agrees(name.tag, chosen):
            result.agree[name.tag] += 1
        elif name.tag != "MISC":
            result.findings.append(Finding(name.document, name.start, name.end, "type",
                                           f"ANERcorp {name.tag} {name.text!r}: ours {chosen.type} "
                                           f"{chosen.span.text!r}"))
        if not same and name.tag != "MISC":
            result.findings.append(Finding(name.document, name.start, name.end, "boundary",
                                           f"ANERcorp {name.tag} {name.text!r}: ours {chosen.span.text!r} "
                                           f"[{chosen.span.start}, {chosen.span.end})"))
    for d in documents:
        for m in d.annotation.entity_mentions:
            if m.mention_type != "NAM":
                continue
            result.ours += 1
            if (d.id, m.id) not in met:
                result.findings.append(Finding(d.id, m.span.start, m.span.end, "extra",
                                               f"ours {m.type} NAM {m.span.text!r}: no ANERcorp name"))
    return result


def _best(mentions, tag: str):
    """The mention that stands for the name: a NAM of the counterpart type first, then the longest."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (_agrees(tag, m), m.mention_type == "NAM", m.span.end - m.span.start))


def read_review(path: Path) -> dict[tuple[str, int, int, str], tuple[str, str]]:
    """The reviewed findings: key → (verdict, note)."""
    if not path.is_file():
        return {}
    rows = path.read_text(encoding="utf-8").splitlines()
    if not rows or tuple(rows[0].split("\t")) != REVIEW_COLUMNS:
        raise ValueError(f"{path}: line 1: expected the header {' '.join(REVIEW_COLUMNS)}")
    out = {}
    for number, row in enumerate(rows[1:], 2):
        cells = row.split("\t")
        if len(cells) != len(REVIEW_COLUMNS) or not cells[1].isdigit() or not cells[2].isdigit() \
                or cells[4] not in VERDICTS or not cells[5].strip():
            raise ValueError(f"{path}: line {number}: expected document, start, end, kind, a verdict "
                             f"({', '.join(VERDICTS)}) and a note, tab-separated")
        out[(cells[0], int(cells[1]), int(cells[2]), cells[3])] = (cells[4], cells[5])
    return out


SOURCE = Path("corpus/sources/anercorp/ANERCorp")
REVIEW = Path("corpus/sources/anercorp/crosscheck.tsv")


def corpus_crosscheck(root: Path, splits: tuple[str, ...]) -> tuple[Result, list[str]]:
    """The cross-check over the annotated ANERcorp documents of `splits`, and the ids left out because
    they have no annotation yet."""
    from ..corpus.files import iter_documents, load_splits
    ids = sorted(i for s in splits for i in load_splits(root)[s] if i.startswith("anercorp-"))
    documents, empty = [], []
    for d in iter_documents(root, ids):
        (empty if d.annotation.is_empty else documents).append(d)
    return crosscheck(root / SOURCE, documents), [d.id for d in empty]


def summary(result: Result) -> dict:
    """The figures of a cross-check, per ANERcorp tag."""
    rows = {}
    for tag in ("PERS", "LOC", "ORG", "MISC"):
        total = result.names[tag]
        rows[tag] = {"names": total, "found": result.found[tag], "overlapped": result.overlapped[tag],
                     "missed": total - result.found[tag] - result.overlapped[tag],
                     "same_type": result.agree[tag] if tag != "MISC" else None,
                     "our_types": {t: c for (g, t), c in sorted(result.types.items()) if g == tag}}
    return {"per_tag": rows, "our_named_mentions": result.ours,
            "our_named_mentions_without_anercorp_name": sum(f.kind == "extra" for f in result.findings)}


def card_figures(root: Path) -> dict | None:
    """The cross-check over the annotated held-out documents, for the dataset card: figures per tag and
    the reviewed findings per verdict; None when the corpus has no ANERcorp source."""
    if not (root / SOURCE).is_file():
        return None
    result, empty = corpus_crosscheck(root, ("validation", "test"))
    review = read_review(root / REVIEW)
    verdicts = Counter(review[f.key][0] if f.key in review else "open" for f in result.findings)
    kinds = Counter(f.kind for f in result.findings)
    return summary(result) | {"verdicts": dict(verdicts), "kinds": dict(kinds), "documents_not_annotated": len(empty)}
