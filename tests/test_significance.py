"""Bootstrap intervals and paired tests: determinism, coverage of the observed score, known answers."""

from __future__ import annotations

import json

import numpy as np
from conftest import gold_lines, write_jsonl
from test_evaluate import run_cli

from hadath.scoring.significance import approximate_randomization, bootstrap, f1_from_sums, paired_bootstrap


def per_doc(seed: int, n: int = 200, skill: float = 0.7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pos = rng.integers(1, 20, n)
    credit = rng.binomial(pos, skill)
    act = credit + rng.integers(0, 5, n)
    return np.column_stack([credit, act, pos]).astype(float)


def test_f1_from_sums():
    assert f1_from_sums(np.array([3.0, 4.0, 6.0])) == 0.6  # P 3/4, R 3/6
    assert f1_from_sums(np.array([0.0, 0.0, 0.0])) == 1.0
    assert f1_from_sums(np.array([0.0, 2.0, 0.0])) == 0.0


def test_bootstrap_is_seeded_and_brackets_the_score():
    data = {"m": per_doc(1)}
    a = bootstrap(data, 1000, seed=3)
    assert a == bootstrap(data, 1000, seed=3)
    assert a != bootstrap(data, 1000, seed=4)
    assert a["m"]["low"] < a["m"]["f1"] < a["m"]["high"]
    assert a["m"]["high"] - a["m"]["low"] < 0.1


def test_identical_systems_are_not_different():
    data = {"m": per_doc(1)}
    assert approximate_randomization(data, data, 500, seed=0) == {"m": 1.0}
    assert paired_bootstrap(data, data, 500, seed=0)["m"] == {"delta": 0.0, "low": 0.0, "high": 0.0, "p": 1.0}


def test_a_clearly_better_system_is_significant():
    good, bad = per_doc(1, skill=0.9), per_doc(1, skill=0.5)
    boot = paired_bootstrap({"m": good}, {"m": bad}, 1000, seed=0)["m"]
    assert boot["delta"] > 0.2 and boot["p"] < 0.01 and boot["low"] > 0
    assert approximate_randomization({"m": good}, {"m": bad}, 1000, seed=0)["m"] < 0.01


def test_compare_command(corpus, tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", gold_lines(corpus))
    worse = gold_lines(corpus)
    worse[0]["entity_mentions"] = worse[0]["entity_mentions"][:2]
    b = write_jsonl(tmp_path / "b.jsonl", worse)
    code, out = run_cli("compare", str(a), str(b), "--gold", str(corpus), "--format", "json",
                        "--resamples", "200", "--trials", "200")
    assert code == 0
    report = json.loads(out)
    strict = report["comparison"]["entities.strict"]
    assert strict["f1_a"] == 1.0 and strict["delta"] > 0
    assert 0 < strict["p_randomization"] <= 1 and report["systems"]["A"]["path"] == str(a)
    code, out = run_cli("compare", str(a), str(b), "--gold", str(corpus), "--resamples", "50", "--trials", "50")
    assert code == 0 and "entities.strict" in out
