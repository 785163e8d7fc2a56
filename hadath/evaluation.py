"""Scoring from Python, as `hadath evaluate` does.

    from hadath.evaluation import evaluate_predictions
    report = evaluate_predictions("model.jsonl", gold=".", split="validation", resamples=0)
    report["entities"]["schemas"]["strict"]["overall"]["f1"]

The README documents this path; the code lives in `hadath.scoring.evaluation`.
"""

from __future__ import annotations

from pathlib import Path

from .scoring.evaluation import Options, Scores, environment, evaluate, evaluate_files, headline, provenance, score

__all__ = ["Options", "Scores", "environment", "evaluate", "evaluate_files", "evaluate_predictions", "headline",
           "provenance", "score"]


def evaluate_predictions(predictions: str | Path, gold: str | Path = ".", *, split: str = "test",
                         config: str | None = None, bio_policy: str = "strict", resamples: int = 1000,
                         seed: int = 0, heads: bool = False, lenient: bool = False, details: bool = False) -> dict:
    """The report `hadath evaluate --format json` writes, as a dict, for a prediction file (JSON Lines or
    CoNLL) against `gold` (a corpus root, a release or a span file). Never prints; bad input raises
    `hadath.scoring.spansets.InputError` with the one line the command would print. In a training loop,
    `resamples=0` skips the bootstrap intervals."""
    options = Options(split=split, bio_policy=bio_policy, resamples=resamples, seed=seed, details=details,
                      lenient=lenient, heads=heads, config=config)
    return evaluate_files(predictions, gold, options, command=None)
