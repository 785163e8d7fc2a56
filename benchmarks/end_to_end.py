"""The whole `hadath evaluate` command on 100,000 predicted documents: wall time and peak memory.

Writes a synthetic gold span file (with texts) and a prediction file of the same documents (entities,
times, events with arguments; some wrong), then runs the command in a child process with its default
1,000 bootstrap resamples and reports the child's peak resident memory.

    python benchmarks/end_to_end.py [--docs 100000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ["قال", "الرئيس", "إن", "الجيش", "هاجم", "مدينة", "أمس", "في", "الوزير", "الاجتماع", "باريس", "غزة"]
ENTITY_TYPES = ["PER", "ORG", "GPE", "LOC", "FAC"]


def document(rng: random.Random, doc_id: str):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    text = " ".join(words)
    starts, pos = [], 0
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1
    ents = [{"start": s, "end": e, "type": rng.choice(ENTITY_TYPES), "mention_type": "NAM"}
            for s, e in rng.sample(starts, 3)]
    s, e = starts[-1]
    values = [{"start": s, "end": e, "type": "TIME", "normalized": "2026-01-01"}]
    t = starts[len(starts) // 2]
    events = [{"type": "Conflict:Attack", "trigger_start": t[0], "trigger_end": t[1],
               "arguments": [{"role": "Attacker", "start": ents[0]["start"], "end": ents[0]["end"]},
                             {"role": "Place", "start": ents[1]["start"], "end": ents[1]["end"]}]}]
    gold = {"id": doc_id, "text": text, "entity_mentions": ents, "value_mentions": values, "event_mentions": events}
    pred = json.loads(json.dumps(gold))
    del pred["text"]
    if rng.random() < 0.3:
        pred["entity_mentions"][0]["type"] = rng.choice(ENTITY_TYPES)
    if rng.random() < 0.2:
        pred["entity_mentions"].pop()
    if rng.random() < 0.2:
        pred["event_mentions"][0]["type"] = "Life:Die"
        pred["event_mentions"][0]["arguments"][0]["role"] = "Agent"
    return gold, pred


def write(folder: Path, docs: int) -> tuple[Path, Path]:
    rng = random.Random(0)
    gold_path, pred_path = folder / "gold.jsonl", folder / "pred.jsonl"
    with open(gold_path, "w", encoding="utf-8") as g, open(pred_path, "w", encoding="utf-8") as p:
        for i in range(docs):
            gold, pred = document(rng, f"doc-{i:06d}")
            g.write(json.dumps(gold, ensure_ascii=False) + "\n")
            p.write(json.dumps(pred, ensure_ascii=False) + "\n")
    return gold_path, pred_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--workdir")
    args = ap.parse_args()
    folder = Path(args.workdir or tempfile.mkdtemp(prefix="hadath-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    gold, pred = write(folder, args.docs)
    print(f"{args.docs:,} documents; gold {gold.stat().st_size / 1e6:.1f} MB, "
          f"predictions {pred.stat().st_size / 1e6:.1f} MB")
    command = [sys.executable, "-m", "hadath", "evaluate", "--gold", str(gold), "--predictions", str(pred),
               "--format", "json", "--out", str(folder / "report.json")]
    t = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        sys.exit(1)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    spans = report["entities"]["predicted"] + report["values"]["predicted"]
    print(f"command: {' '.join(command[2:])}")
    print(f"end to end: {wall:.2f} s wall, peak memory {peak:.0f} MiB, {spans:,} predicted entity and value spans, "
          f"{len(report['uncertainty']['intervals'])} metrics with 1,000-resample intervals")
    print(f"entities strict F1 {report['entities']['schemas']['strict']['overall']['f1']:.4f} "
          f"{report['uncertainty']['intervals']['entities.strict']}")
    breakdown(gold, pred)


def breakdown(gold_path: Path, pred_path: Path) -> None:
    """The same run in process, stage by stage."""
    from hadath.scoring.evaluation import Options, headline, score
    from hadath.scoring.gold import load_gold
    from hadath.scoring.predictions import load_predictions
    from hadath.scoring.significance import bootstrap

    t0 = time.perf_counter()
    gold = load_gold(gold_path)
    t1 = time.perf_counter()
    pred = load_predictions(pred_path, gold)
    t2 = time.perf_counter()
    scores = score(gold, pred, Options())
    t3 = time.perf_counter()
    metrics = headline(scores.per_doc)
    bootstrap(metrics, 1000, 0)
    t4 = time.perf_counter()
    print(f"stages: read gold {t1 - t0:.2f} s, read and check predictions {t2 - t1:.2f} s, "
          f"score {t3 - t2:.2f} s, 1,000 bootstrap resamples of {len(metrics)} metrics over "
          f"{len(scores.doc_ids):,} documents {t4 - t3:.2f} s")


if __name__ == "__main__":
    main()
