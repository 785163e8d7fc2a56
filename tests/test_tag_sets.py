"""Any tag set and nested tags, scored exactly as seqeval scores them.

- ANERcorp's real test tags (PERS/LOC/ORG/MISC) against a perturbed copy, through `--config anercorp`:
  strict = seqeval `mode='strict', scheme=IOB2`, conlleval = seqeval's default mode, overall and per type.
- Wojood-style nested tags (a token and one or more tags on its line) and the same tags one column per
  level: per type, each token takes its first tag of that type, and seqeval runs on each type's sequences
  (as the Wojood scorer does); our overall counts are their sums.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2, Entities

from hadath.cli import main
from hadath.corpus.anercorp import TAGS
from hadath.scoring.evaluation import Options, evaluate_files

ROOT = Path(__file__).resolve().parent.parent


def _ours(pred: Path, gold, policy: str, **kw) -> dict:
    return evaluate_files(pred, gold, Options(bio_policy=policy, resamples=0, **kw))


def _seqeval(gold: list[list[str]], pred: list[list[str]], strict: bool) -> dict:
    kw = {"mode": "strict", "scheme": IOB2} if strict else {}
    return classification_report(gold, pred, output_dict=True, zero_division=0, **kw)


def _same(report: dict, theirs: dict) -> None:
    strict = report["entities"]["schemas"]["strict"]
    assert strict["overall"]["precision"] == pytest.approx(theirs["micro avg"]["precision"], abs=1e-12)
    assert strict["overall"]["recall"] == pytest.approx(theirs["micro avg"]["recall"], abs=1e-12)
    assert strict["overall"]["f1"] == pytest.approx(theirs["micro avg"]["f1-score"], abs=1e-12)
    for kind, row in theirs.items():
        if kind.endswith("avg"):
            continue
        ours = strict["per_type"][kind]
        assert ours["POS"] == row["support"]
        assert ours["recall"] == pytest.approx(row["recall"], abs=1e-12), kind
        assert ours["precision"] == pytest.approx(row["precision"], abs=1e-12), kind


@pytest.fixture(scope="module")
def anercorp_test():
    from hadath.scoring.anercorp import read_anercorp
    conll = read_anercorp(ROOT, "test").conll
    return [[TAGS[c] for c in conll.levels[0][a:b]] for a, b in zip(conll.sentence_starts[:-1], conll.sentence_starts[1:])], \
        [[conll.tokens[i] for i in range(a, b)] for a, b in zip(conll.sentence_starts[:-1], conll.sentence_starts[1:])]


def _perturbed(gold, tokens, seed: int, rate: float, tmp_path):
    """The gold tags with a share `rate` replaced at random, written as a token/tag CoNLL file."""
    rng = random.Random(seed)
    pred = [[rng.choice(TAGS) if rng.random() < rate else t for t in s] for s in gold]
    path = tmp_path / "pred.txt"
    path.write_text("".join("".join(f"{w}\t{t}\n" for w, t in zip(ws, ts)) + "\n" for ws, ts in zip(tokens, pred)),
                    encoding="utf-8")
    return pred, path


@pytest.mark.parametrize("policy", ["strict", "conlleval"])
def test_anercorp_config_scores_as_seqeval(tmp_path, anercorp_test, policy):
    gold, tokens = anercorp_test
    pred, path = _perturbed(gold, tokens, 7, 0.08, tmp_path)
    report = _ours(path, ROOT, policy, config="anercorp")
    assert report["gold"]["kind"] == "anercorp" and report["documents"]["gold"] == len(gold)
    _same(report, _seqeval(gold, pred, policy == "strict"))


def test_anercorp_config_refuses_other_tokens(tmp_path, anercorp_test, capsys):
    gold, tokens = anercorp_test
    path = tmp_path / "pred.txt"
    path.write_text("".join("".join(f"x{w}\t{t}\n" for w, t in zip(ws, ts)) + "\n" for ws, ts in zip(tokens, gold)),
                    encoding="utf-8")
    assert main(["evaluate", "--gold", str(ROOT), "--config", "anercorp", "--predictions", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and f"{path}:1: tokens differ" in out


WOJOOD = ["PERS", "ORG", "GPE", "LOC", "NORP", "OCC", "DATE", "EVENT", "LANGUAGE", "CARDINAL"]


def _nested(rng: random.Random, n: int) -> list[list[str]]:
    """Per token, its tags outermost first: random nested spans of distinct types."""
    tags = [[] for _ in range(n)]
    for _ in range(rng.randint(0, 4)):
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 4))
        kind = rng.choice(WOJOOD)
        if any(t.endswith("-" + kind) for row in tags[a:b] for t in row):
            continue
        for i in range(a, b):
            tags[i].append(("B-" if i == a else "I-") + kind)
        if rng.random() < 0.2:  # an I- that continues nothing
            tags[rng.randrange(n)].append("I-" + rng.choice(WOJOOD))
    return [row or ["O"] for row in tags]


def _per_type(sentences: list[list[list[str]]], kind: str) -> list[list[str]]:
    return [[next((t for t in row if t[2:] == kind), "O") for row in s] for s in sentences]


def _wojood_scorer(gold, pred) -> tuple[int, int, int]:
    """seqeval on each type's sequences, summed: (true positives, gold, predicted)."""
    tp = pos = act = 0
    for kind in WOJOOD:  # seqeval's strict IOB2 chunks of each type's sequences
        ge = Entities(_per_type(gold, kind), IOB2).entities
        pe = Entities(_per_type(pred, kind), IOB2).entities
        gs = {e.to_tuple() for sent in ge for e in sent}
        ps = {e.to_tuple() for sent in pe for e in sent}
        tp, pos, act = tp + len(gs & ps), pos + len(gs), act + len(ps)
    return tp, pos, act


@pytest.mark.parametrize("layout", ["tags on the line", "one column per level"])
@pytest.mark.parametrize("seed", range(4))
def test_nested_tags_score_as_the_wojood_scorer_runs_seqeval(tmp_path, seed, layout):
    rng = random.Random(seed)
    gold = [_nested(rng, rng.randint(3, 14)) for _ in range(60)]
    pred = [_nested(rng, len(s)) if rng.random() < 0.4 else s for s in gold]
    paths = []
    for name, data in (("gold", gold), ("pred", pred)):
        path = tmp_path / f"{name}.txt"
        depth = max(len(r) for s in data for r in s)
        lines = []
        for k, sentence in enumerate(data):
            for i, row in enumerate(sentence):
                cells = row if layout == "tags on the line" else row + ["O"] * (depth - len(row))
                lines.append(" ".join([f"w{k}_{i}", *cells]) if layout == "tags on the line"
                             else "\t".join([f"w{k}_{i}", *cells]))
            lines.append("")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    report = _ours(paths[1], paths[0], "strict")
    o = report["entities"]["schemas"]["strict"]["overall"]
    assert (o["COR"], o["POS"], o["ACT"]) == _wojood_scorer(gold, pred)


def test_a_foreign_tag_set_is_scored_as_it_is(tmp_path):
    gold, pred = tmp_path / "g.conll", tmp_path / "p.conll"
    gold.write_text("a\tB-PERS\nb\tI-PERS\nc\tB-MISC\n\nd\tB-LOC\n", encoding="utf-8")
    pred.write_text("a\tB-PERS\nb\tI-PERS\nc\tB-ORG\n\nd\tB-LOC\n", encoding="utf-8")
    per_type = _ours(pred, gold, "strict")["entities"]["schemas"]["strict"]["per_type"]
    assert {t: (c["COR"], c["POS"], c["ACT"]) for t, c in per_type.items()} == {
        "LOC": (1, 1, 1), "MISC": (0, 1, 0), "ORG": (0, 0, 1), "PERS": (1, 1, 1)}


def test_anercorp_config_of_a_release_scores_like_the_corpus(tmp_path, anercorp_test):
    from hadath.release.build import build
    gold, tokens = anercorp_test
    pred, path = _perturbed(gold, tokens, 11, 0.05, tmp_path)
    release = tmp_path / "release"
    build(ROOT, release)
    from_release = _ours(path, release, "strict", config="anercorp")
    from_corpus = _ours(path, ROOT, "strict", config="anercorp")
    assert from_release["entities"]["schemas"]["strict"] == from_corpus["entities"]["schemas"]["strict"]
    _same(from_release, _seqeval(gold, pred, True))
