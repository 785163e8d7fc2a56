"""The CRF baseline: two linear-chain CRFs (`sklearn-crfsuite`) over the `ner` config's tokens.

One tags entity mentions (the outermost mention of every kind, `mention_tags`), the other event
triggers. Features are Arabic-aware: prefixes and suffixes, proclitics, the article ال, word shape,
digits of both scripts and the neighboring words. A predicted token keeps the clitic trimming seen for
that word in train (so `وسوريا` yields `سوريا`); an unseen word loses a leading و/ف before ال.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import sklearn_crfsuite

from ..corpus.model import Document
from ..corpus.text import PROCLITICS
from ..release.features import ner_labels
from ..release.rows import rows
from .arguments import attach, best, role_table

EASTERN_DIGITS = set("٠١٢٣٤٥٦٧٨٩")
TRAINING = {"algorithm": "lbfgs", "c1": 0.05, "c2": 0.05, "max_iterations": 100,
            "all_possible_transitions": True}


def _shape(word: str) -> str:
    if word.isdigit() and all(ch in EASTERN_DIGITS for ch in word):
        return "eastern-digits"
    if word.isascii() and word.isdigit():
        return "digits"
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        return "arabic"
    return "latin" if word.isalpha() else "punct"


def _token_features(tokens: list[str], i: int) -> dict:
    w = tokens[i]
    f = {"bias": 1.0, "w": w, "len": min(len(w), 8), "shape": _shape(w),
         "p1": w[:1], "p2": w[:2], "p3": w[:3], "s1": w[-1:], "s2": w[-2:], "s3": w[-3:],
         "al": w.startswith("ال"), "clitic_al": len(w) > 3 and w[0] in PROCLITICS and w[1:3] == "ال",
         "lil": w.startswith("لل"), "clitic": w[:1] in PROCLITICS}
    for k, name in ((-2, "w-2"), (-1, "w-1"), (1, "w+1"), (2, "w+2")):
        j = i + k
        f[name] = tokens[j] if 0 <= j < len(tokens) else ("BOS" if j < 0 else "EOS")
    if i > 0:
        f["p-1"] = tokens[i - 1][:2]
    if i + 1 < len(tokens):
        f["p+1"] = tokens[i + 1][:2]
    return f


def _features(tokens: list[str]) -> list[dict]:
    return [_token_features(tokens, i) for i in range(len(tokens))]


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token ranges `[first, last)` with their label, from IOB2 tags (a stray I- starts a span)."""
    out, first, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if first is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out.append((first, i, label))
            first = None
        if tag != "O" and first is None:
            first, label = i, tag[2:]
    return out


@dataclass
class Model:
    entities: sklearn_crfsuite.CRF
    triggers: sklearn_crfsuite.CRF
    trims: dict[str, Counter]
    roles: dict


def _learn_trims(documents) -> dict[str, Counter]:
    """Word → how many characters gold spans left out at its start and end."""
    trims: dict[str, Counter] = defaultdict(Counter)
    for doc in documents:
        for sentence in rows(doc).events:
            starts, ends, tokens = sentence["token_starts"], sentence["token_ends"], sentence["tokens"]
            for m in sentence["entity_mentions"] + [
                    {"start": e["trigger_start"], "end": e["trigger_end"], "token_start": e["trigger_token_start"],
                     "token_end": e["trigger_token_end"]} for e in sentence["event_mentions"]]:
                first, last = m["token_start"], m["token_end"] - 1
                trims[tokens[first]][("L", m["start"] - starts[first])] += 1
                trims[tokens[last]][("R", ends[last] - m["end"])] += 1
    return trims


def _trim(model: Model, text: str, start: int, end: int) -> tuple[int, int]:
    first_word = text[start:end].split()[0] if text[start:end].split() else text[start:end]
    last_word = text[start:end].split()[-1] if text[start:end].split() else text[start:end]
    left = Counter({n: c for (side, n), c in model.trims.get(first_word, {}).items() if side == "L"})
    right = Counter({n: c for (side, n), c in model.trims.get(last_word, {}).items() if side == "R"})
    if left:
        start += best(left)
    elif len(first_word) > 3 and first_word[0] in "وف" and first_word[1:3] in ("ال", "لل"):
        start += 1
    if right:
        end -= best(right)
    return (start, end) if end > start else (start, start + 1)


def train(documents) -> Model:
    documents = list(documents)
    labels = ner_labels()
    xs, ys, xt, yt = [], [], [], []
    for doc in documents:
        r = rows(doc)
        for sentence in r.ner:
            xs.append(_features(sentence["tokens"]))
            ys.append([labels[t] for t in sentence["mention_tags"]])
        for sentence in r.events:
            tags = ["O"] * len(sentence["tokens"])
            for e in sorted(sentence["event_mentions"], key=lambda e: (e["trigger_token_start"], e["type"])):
                tags[e["trigger_token_start"]] = f"B-{e['type']}"
                for i in range(e["trigger_token_start"] + 1, e["trigger_token_end"]):
                    tags[i] = f"I-{e['type']}"
            xt.append(_features(sentence["tokens"]))
            yt.append(tags)
    entities, triggers = sklearn_crfsuite.CRF(**TRAINING), sklearn_crfsuite.CRF(**TRAINING)
    entities.fit(xs, ys)
    triggers.fit(xt, yt)
    return Model(entities, triggers, _learn_trims(documents), role_table(documents))


def predict(model: Model, doc: Document) -> dict:
    text = doc.text
    entities, triggers = [], []
    for sentence in rows(doc).ner:
        feats = _features(sentence["tokens"])
        starts, ends = sentence["token_starts"], sentence["token_ends"]
        for crf, out in ((model.entities, entities), (model.triggers, triggers)):
            for first, last, label in _spans(crf.predict_single(feats)):
                s, e = _trim(model, text, starts[first], ends[last - 1])
                out.append((s, e, label))
    return {
        "id": doc.id,
        "entity_mentions": [{"start": s, "end": e, "type": t} for s, e, t in entities],
        "value_mentions": [],
        "event_mentions": attach(text, triggers, entities, model.roles),
    }
