"""How sure a score is: bootstrap intervals over documents, and paired tests between two systems.

Every headline metric is kept per document as three numbers: credit (COR + ½·PAR), ACT and POS.
Micro F1 over any multiset of documents is then 2·credit / (ACT + POS) (1.0 when ACT + POS = 0, the
empty rule of `hadath.scoring.metrics`), so a resample is a weighted sum and thousands of resamples are one
matrix product (in float32 when every sum is exactly representable there, else float64).

- `bootstrap`: documents drawn with replacement, `resamples` times, from a seeded generator; the
  interval is the percentile interval of the resampled F1.
- `paired_bootstrap`: both systems scored on the same resampled documents; the p-value is the share of
  resamples whose difference is at least twice the observed one (Berg-Kirkpatrick, Burkett and Klein 2012).
- `approximate_randomization`: the two systems' per-document counts swapped at random (probability ½
  per document); p = (1 + #{|Δ*| >= |Δ|}) / (1 + trials) (Noreen 1989; Riezler and Maxwell 2005).
"""

from __future__ import annotations

import numpy as np

CHUNK = 100  # resamples drawn at once; bounds memory to CHUNK x documents weights


def f1_from_sums(sums: np.ndarray) -> np.ndarray:
    """F1 from (..., 3) arrays of credit, ACT, POS."""
    credit, denominator = sums[..., 0], sums[..., 1] + sums[..., 2]
    safe = np.where(denominator == 0, 1, denominator)
    return np.where(denominator == 0, 1.0, 2 * credit / safe)


def _stack(per_doc: dict[str, np.ndarray]) -> tuple[list[str], np.ndarray]:
    names = sorted(per_doc)
    if not names:
        return names, np.zeros((0, 0))
    return names, np.concatenate([np.asarray(per_doc[n], dtype=np.float64) for n in names], axis=1)


def _weights(rng: np.random.Generator, n_docs: int, count: int, dtype) -> np.ndarray:
    """`count` rows of how often each document is drawn in a bootstrap resample."""
    out = np.empty((count, n_docs), dtype=dtype)
    for row in out:  # one row at a time: a bincount that stays in cache
        row[:] = np.bincount(rng.integers(0, n_docs, n_docs), minlength=n_docs)
    return out


def _exact_dtype(matrix: np.ndarray):
    """float32 when every resampled sum (at most n x the largest cell) is a float32-exact half-integer."""
    bound = float(np.abs(matrix).max(initial=0)) * matrix.shape[0]
    return np.float32 if bound < 2 ** 22 else np.float64


def _resampled_f1(matrix: np.ndarray, n_metrics: int, resamples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    dtype = _exact_dtype(matrix)
    m = matrix.astype(dtype)
    out = []
    for done in range(0, resamples, CHUNK):
        weights = _weights(rng, matrix.shape[0], min(CHUNK, resamples - done), dtype)
        out.append(f1_from_sums((weights @ m).astype(np.float64).reshape(-1, n_metrics, 3)))
    return np.concatenate(out) if out else np.zeros((0, n_metrics))


def bootstrap(per_doc: dict[str, np.ndarray], resamples: int = 1000, seed: int = 0,
              confidence: float = 0.95) -> dict[str, dict]:
    """Percentile interval of each metric's F1 over documents resampled with replacement."""
    names, matrix = _stack(per_doc)
    if not names or matrix.shape[0] == 0 or resamples <= 0:
        return {}
    # A metric with nothing to find and nothing found in any document is 1.0 in every resample; only the
    # others are resampled (the same draws as resampling all of them).
    used = matrix.reshape(matrix.shape[0], len(names), 3).any(axis=(0, 2))
    samples = np.ones((resamples, len(names)))
    if used.any():
        columns = np.repeat(used, 3)
        samples[:, used] = _resampled_f1(matrix[:, columns], int(used.sum()), resamples, seed)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail], axis=0)
    observed = f1_from_sums(matrix.sum(axis=0).reshape(len(names), 3))
    return {n: {"f1": float(observed[i]), "low": float(low[i]), "high": float(high[i])}
            for i, n in enumerate(names)}


def paired_bootstrap(a: dict[str, np.ndarray], b: dict[str, np.ndarray], resamples: int = 1000,
                     seed: int = 0, confidence: float = 0.95) -> dict[str, dict]:
    names, ma = _stack(a)
    names_b, mb = _stack(b)
    if names != names_b or ma.shape != mb.shape:
        raise ValueError("the two systems were not scored on the same documents and metrics")
    if not names or ma.shape[0] == 0:
        return {}
    k = len(names)
    fa = _resampled_f1(ma, k, resamples, seed)
    fb = _resampled_f1(mb, k, resamples, seed)  # same seed: the same documents for both systems
    delta = f1_from_sums(ma.sum(0).reshape(k, 3)) - f1_from_sums(mb.sum(0).reshape(k, 3))
    sampled = fa - fb
    sign = np.where(delta >= 0, 1.0, -1.0)
    p = np.mean(sign * sampled >= 2 * np.abs(delta) - 1e-12, axis=0)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(sampled, [tail, 100 - tail], axis=0)
    return {n: {"delta": float(delta[i]), "low": float(low[i]), "high": float(high[i]), "p": float(p[i])}
            for i, n in enumerate(names)}


def approximate_randomization(a: dict[str, np.ndarray], b: dict[str, np.ndarray], trials: int = 10000,
                              seed: int = 0) -> dict[str, float]:
    names, ma = _stack(a)
    _, mb = _stack(b)
    if not names or ma.shape[0] == 0:
        return {}
    k = len(names)
    rng = np.random.default_rng(seed)
    sa, sb = ma.sum(0), mb.sum(0)
    dtype = _exact_dtype(np.concatenate([ma, mb]))
    diff = (mb - ma).astype(dtype)
    observed = np.abs(f1_from_sums(sa.reshape(k, 3)) - f1_from_sums(sb.reshape(k, 3)))
    at_least = np.zeros(k)
    for done in range(0, trials, CHUNK):
        swaps = rng.integers(0, 2, size=(min(CHUNK, trials - done), ma.shape[0])).astype(dtype)
        moved = (swaps @ diff).astype(np.float64)
        fa = f1_from_sums((sa + moved).reshape(-1, k, 3))
        fb = f1_from_sums((sb - moved).reshape(-1, k, 3))
        at_least += np.sum(np.abs(fa - fb) >= observed - 1e-12, axis=0)
    return {n: float((at_least[i] + 1) / (trials + 1)) for i, n in enumerate(names)}
