"""CoNLL token/tag files: reading them, chunking their tags, and mapping tokens to character offsets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..corpus.ontology import Ontology, load_ontology
from ..corpus.text import file_sha256
from .bio import BioError, chunks
from .spansets import Checker, InputError, Mention, SpanDocument, SpanSet, read_lines


class Token(NamedTuple):
    text: str
    tag: str
    line: int


@dataclass
class ConllFile:
    """Documents of sentences of (token, tag) rows.

    Columns are separated by TABs (or, in a line without TAB, by spaces); the first is the token and
    the last the tag. A line `# newdoc id = ID` starts document ID; without such lines each sentence is
    a document named `s1`, `s2`, ... A blank line ends a sentence; any other line starting with `#` and
    holding no TAB is a comment (so a `#` token needs a TAB), and a `-DOCSTART-` line (CoNLL-2003) only
    ends the sentence before it.
    """

    path: str
    documents: dict[str, list[list[Token]]]


NEWDOC = "# newdoc id ="


def read_conll(path: Path | str) -> ConllFile:
    path = Path(path)
    documents: dict[str, list[list[Token]]] = {}
    current: list[list[Token]] | None = None
    sentence: list[Token] = []

    def close_sentence():
        nonlocal sentence
        if sentence:
            if current is None:
                documents[f"s{len(documents) + 1}"] = [sentence]
            else:
                current.append(sentence)
        sentence = []

    for number, line in enumerate(read_lines(path), 1):
        line = line.rstrip("\r")
        if line.startswith(NEWDOC):
            close_sentence()
            doc_id = line[len(NEWDOC):].strip()
            if not doc_id or doc_id in documents:
                raise InputError(f"{path}:{number}: document id {doc_id!r} is empty or repeated; "
                                 "expected '# newdoc id = ID' with a new ID")
            current = documents[doc_id] = []
        elif not line.strip():
            close_sentence()
        elif line.startswith("#") and "\t" not in line:
            continue
        elif line.split("\t")[0].split(" ")[0] == "-DOCSTART-":  # CoNLL-2003 document marks carry no token
            close_sentence()
        else:
            # TAB-separated; space-separated columns (CoNLL-2003, conlleval) are read too.
            fields = line.split("\t") if "\t" in line else line.split()
            if len(fields) < 2 or not fields[0] or not fields[-1].strip():
                raise InputError(f"{path}:{number}: {line!r}; expected 'token<TAB>tag'")
            sentence.append(Token(fields[0], fields[-1].strip(), number))
    close_sentence()
    return ConllFile(str(path), documents)


def conll_chunks(conll: ConllFile, doc_id: str, policy: str) -> tuple[list[tuple[str, int, int]], int]:
    """Chunks of a document in document token positions, and the number of invalid tags."""
    out, invalid, offset = [], 0, 0
    for sentence in conll.documents[doc_id]:
        try:
            result = chunks([t.tag for t in sentence], policy)
        except BioError as exc:
            line = next((t.line for t in sentence if str(t.tag) in str(exc)), sentence[0].line)
            raise InputError(f"{conll.path}:{line}: {exc}") from None
        out.extend((kind, offset + s, offset + e) for kind, s, e in result.chunks)
        invalid += result.invalid
        offset += len(sentence)
    return out, invalid


def align_tokens(conll: ConllFile, doc_id: str, text: str) -> list[tuple[int, int]]:
    """Character offsets of each token of a document, found in `text` in order.

    The rule: each token is looked up in the text from the end of the previous token and the first
    occurrence is taken (so whitespace and characters a tokenizer dropped are skipped); a token that
    cannot be found is an error naming its line.
    """
    offsets, cursor = [], 0
    for sentence in conll.documents[doc_id]:
        for token in sentence:
            at = text.find(token.text, cursor)
            if at < 0:
                raise InputError(f"{conll.path}:{token.line}: token {token.text!r} is not in the text of "
                                 f"document {doc_id!r} after offset {cursor}; expected the tokens in text order")
            offsets.append((at, at + len(token.text)))
            cursor = at + len(token.text)
    return offsets


def conll_spanset(conll: ConllFile, policy: str, texts: dict[str, str | None] | None,
                  onto: Ontology | None = None, lenient: bool = False) -> SpanSet:
    """Entity spans of a CoNLL file: character offsets when `texts` are given, else token positions."""
    onto = onto or load_ontology()
    check = Checker(conll.path, lenient)
    documents, invalid = {}, 0
    known = set(onto.entity_types)
    for doc_id in conll.documents:
        if texts is not None and doc_id not in texts:
            line = conll.documents[doc_id][0][0].line if conll.documents[doc_id] else None
            check.fail(line, "id", f"unknown document id {doc_id!r}; it is not in the gold set")
            continue
        found, bad = conll_chunks(conll, doc_id, policy)
        invalid += bad
        text = texts.get(doc_id) if texts is not None else None
        offsets = align_tokens(conll, doc_id, text) if text is not None else None
        doc = SpanDocument(doc_id, text)
        for kind, s, e in found:
            if kind not in known:
                check.fail(None, "tag", f"document {doc_id!r}: unknown entity type {kind!r}; "
                           f"expected one of {', '.join(onto.entity_types)}")
                continue
            span = (offsets[s][0], offsets[e - 1][1]) if offsets is not None else (s, e)
            doc.entities.append(Mention(span[0], span[1], kind))
        documents[doc_id] = doc
    sha = file_sha256(Path(conll.path))
    return SpanSet(documents, conll.path, "conll", sha, check.problems,
                   {"bio_policy": policy, "invalid_tags": invalid}, conll)
