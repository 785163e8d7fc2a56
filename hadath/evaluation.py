"""Scoring from Python, as `hadath evaluate` does: `evaluate_files("model.jsonl", gold=".", options=Options())`.

The README documents this path; the code lives in `hadath.scoring.evaluation`.
"""

from .scoring.evaluation import Options, Scores, environment, evaluate, evaluate_files, headline, provenance, score

__all__ = ["Options", "Scores", "environment", "evaluate", "evaluate_files", "headline", "provenance", "score"]
