"""`hadath evaluate` on a CoNLL pair, side by side with a seqeval and a nervaluate script on the same files.

Writes a synthetic 1,000,000-token gold file and a prediction file derived from it (exact, wrong type,
shifted boundary, missed and spurious names; `token<TAB>tag`, a blank line between sentences of 25
tokens), then runs three child processes, each reading both files and scoring strict IOB2 spans overall
and per type:
  - hadath: `python -m hadath evaluate --gold G --predictions P --format json --out R` (with its default
    1,000 bootstrap resamples over sentences);
  - seqeval: a script reading the tags per sentence and calling `classification_report(mode='strict',
    scheme=IOB2, output_dict=True)`;
  - nervaluate: a script reading the same tags and calling `Evaluator(loader='list').evaluate()`.
Each is run `--runs` times (best wall time kept); peak memory is the child's maximum resident set size
(`os.wait4`). All three must give the same strict F1.

    python benchmarks/conll_end_to_end.py [--tokens 1000000] [--runs 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPES = ["PER", "LOC", "ORG", "GPE"]
SENTENCE = 25
WORDS = ["قال", "الرئيس", "إن", "الجيش", "هاجم", "مدينة", "أمس", "في", "الوزير", "الاجتماع", "باريس", "غزة"]

SEQEVAL = r'''
import json, sys
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

def read(path):
    out, sentence = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    out.append(sentence)
                sentence = []
            else:
                sentence.append(line.split("\t")[-1])
    if sentence:
        out.append(sentence)
    return out

r = classification_report(read(sys.argv[1]), read(sys.argv[2]), mode="strict", scheme=IOB2, output_dict=True)
print(json.dumps({"f1": r["micro avg"]["f1-score"]}))
'''

NERVALUATE = r'''
import json, sys
from nervaluate import Evaluator

def read(path):
    out, sentence = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    out.append(sentence)
                sentence = []
            else:
                sentence.append(line.split("\t")[-1])
    if sentence:
        out.append(sentence)
    return out

results = Evaluator(read(sys.argv[1]), read(sys.argv[2]), tags=%r, loader="list").evaluate()
overall = results[0] if isinstance(results, tuple) else results["overall"]
strict = overall["strict"]
print(json.dumps({"f1": strict["f1"] if isinstance(strict, dict) else strict.f1}))
''' % TYPES


def synthetic(tokens: int, seed: int = 0) -> tuple[list[list[str]], list[list[str]]]:
    """Gold and predicted IOB2 tags per sentence."""
    rng = random.Random(seed)
    gold, pred = [], []
    for s0 in range(0, tokens, SENTENCE):
        n = min(SENTENCE, tokens - s0)
        g, p = ["O"] * n, ["O"] * n
        i = 0
        while i < n:
            if rng.random() < 0.1:
                length = min(rng.choice((1, 1, 2, 2, 3)), n - i)
                kind = rng.choice(TYPES)
                g[i:i + length] = [f"B-{kind}"] + [f"I-{kind}"] * (length - 1)
                r = rng.random()
                p_kind, p_start, p_len = kind, i, length
                if r < 0.1:
                    p_kind = rng.choice(TYPES)
                elif r < 0.18 and length > 1:
                    p_start, p_len = i + 1, length - 1
                if r < 0.9:
                    p[p_start:p_start + p_len] = [f"B-{p_kind}"] + [f"I-{p_kind}"] * (p_len - 1)
                i += length + 1
            else:
                if rng.random() < 0.01:
                    p[i] = f"B-{rng.choice(TYPES)}"
                i += 1
        gold.append(g)
        pred.append(p)
    return gold, pred


def write(path: Path, sentences: list[list[str]], seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for tags in sentences:
            f.write("".join(f"{rng.choice(WORDS)}\t{t}\n" for t in tags) + "\n")


def measured(command: list[str], runs: int) -> tuple[float, float, str]:
    best = None
    for _ in range(runs):
        result = _timed(command)
        best = result if best is None or result[0] < best[0] else best
    return best


def _timed(command: list[str]) -> tuple[float, float, str]:
    t = time.perf_counter()
    pid = os.posix_spawn(command[0], command, dict(os.environ), file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, _OUT, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    out = Path(_OUT).read_text(encoding="utf-8")
    if status:
        sys.exit(f"{' '.join(command)} failed (status {status}):\n{out}")
    return wall, usage.ru_maxrss / 1024, out


_OUT = ""


def main() -> None:
    global _OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tokens", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir")
    args = ap.parse_args()
    folder = Path(args.workdir or tempfile.mkdtemp(prefix="hadath-conll-"))
    folder.mkdir(parents=True, exist_ok=True)
    _OUT = str(folder / "stdout.txt")
    gold_tags, pred_tags = synthetic(args.tokens)
    gold, pred = folder / "gold.conll", folder / "pred.conll"
    write(gold, gold_tags, 1)
    write(pred, pred_tags, 1)
    (folder / "seqeval_script.py").write_text(SEQEVAL, encoding="utf-8")
    (folder / "nervaluate_script.py").write_text(NERVALUATE, encoding="utf-8")
    report = folder / "report.json"
    hadath = [sys.executable, "-m", "hadath", "evaluate", "--gold", str(gold), "--predictions", str(pred),
              "--format", "json", "--out", str(report)]
    rows = {}
    rows["hadath evaluate"] = measured(hadath, args.runs)
    f1 = {"hadath evaluate": json.loads(report.read_text(encoding="utf-8"))["entities"]["schemas"]["strict"]
          ["overall"]["f1"]}
    for name, script in (("seqeval script", "seqeval_script.py"), ("nervaluate script", "nervaluate_script.py")):
        rows[name] = measured([sys.executable, str(folder / script), str(gold), str(pred)], args.runs)
        f1[name] = json.loads(rows[name][2].strip().splitlines()[-1])["f1"]
    print(f"{args.tokens:,} tokens in {len(gold_tags):,} sentences; best of {args.runs} runs; "
          f"hadath: {' '.join(hadath[2:])}")
    base_wall, base_mem = rows["seqeval script"][:2]
    print(f"| {args.tokens:,}-token CoNLL pair | seconds | peak MiB | time / seqeval | memory / seqeval | strict F1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (wall, mem, _) in rows.items():
        print(f"| {name} | {wall:.2f} | {mem:.0f} | {wall / base_wall:.2f} | {mem / base_mem:.2f} | {f1[name]:.6f} |")
    if len({round(v, 9) for v in f1.values()}) != 1:
        sys.exit(f"the strict F1 differ: {f1}")


if __name__ == "__main__":
    main()
