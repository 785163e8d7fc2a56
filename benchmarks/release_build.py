"""Benchmark of `hadath build` against `datasets.Dataset.from_generator(...).to_parquet(...)`.

Generates a synthetic, valid corpus of N documents of realistic size (about 2,200 characters, 40 entity
mentions, 10 values, 8 event mentions with arguments each), then runs, each in its own process so that
peak RSS is its own:

  build        `hadath build` as users run it: validation, then the release
  write        the release writing alone (the part after validation)
  validate     `validate()` alone
  datasets     the same rows of all three configs through `Dataset.from_generator(...).to_parquet(...)`

and prints documents/s, wall time, peak RSS, and the ratio of `write` to `datasets`.

    python benchmarks/release_build.py --documents 100000 [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("أعلن الكرملين أن الرئيس الروسي سيلتقي نظيره السوري في موسكو لبحث العلاقات الثنائية بين البلدين "
         "وتطورات الأوضاع في منطقة الشرق الأوسط وتأتي هذه الزيارة في توقيت لافت بعد انسحاب جزئي للقوات "
         "من مطار القامشلي شرق سوريا في حين لا تزال قوات أخرى متمركزة في قاعدة حميميم الجوية ومدينة طرطوس "
         "الساحلية بحسب وكالة الصحافة الفرنسية ويمثل هذا اللقاء ثاني اجتماع رسمي يجمع الرئيسين بعد لقائهما "
         "الأول الذي عُقد في أكتوبر الماضي وذكر أن المحادثات ستتناول مستقبل العلاقات إلى جانب مناقشة "
         "المستجدات الإقليمية بما في ذلك التهديدات الموجهة إلى إيران وتداعياتها المحتملة على استقرار المنطقة "
         "١٤ عاما 2017 49 25").split()
PUNCT = ["،", "،", "؛", ":"]




def synthetic_document(i: int, rng: random.Random):
    from hadath.corpus.model import (Annotation, Argument, Document, Entity, EntityMention, Event, EventMention,
                              Metadata, Span, ValueMention)
    from hadath.corpus.ontology import load_ontology
    from hadath.corpus.text import sha256

    onto = load_ontology()
    pieces, spans = [], []  # token spans in the text
    pos = 0
    for s in range(rng.randint(14, 18)):
        for w in range(rng.randint(16, 24)):
            word = rng.choice(WORDS)
            spans.append((pos, pos + len(word)))
            pieces.append(word)
            pos += len(word)
            if w and rng.random() < 0.06:
                pieces.append(rng.choice(PUNCT))
                pos += 1
            pieces.append(" ")
            pos += 1
        pieces[-1] = ".\n" if s % 4 == 3 else ". "
        pos += 1
    text = "".join(pieces).rstrip()
    slots = rng.sample(range(len(spans)), 58)
    spans_at = [Span.of(text, *spans[k]) for k in slots]
    entities, mentions, values, events, event_mentions = [], [], [], [], []
    for n in range(40):
        t = onto.entity_types[n % len(onto.entity_types)]
        sub = onto.entity_subtypes(t)[n % len(onto.entity_subtypes(t))]
        eid = f"E{n // 2 + 1}"
        if n % 2 == 0:
            entities.append(Entity(eid, t, sub, "SPC"))
        else:
            t, sub = entities[-1].type, entities[-1].subtype
        mentions.append(EntityMention(f"M{n + 1}", eid, t, sub, ("NAM", "NOM", "PRO")[n % 3], spans_at[n],
                                      gpe_role="GPE" if t == "GPE" else None))
    for n in range(10):
        span = spans_at[40 + n]
        if n % 2 == 0:
            values.append(ValueMention(f"V{n + 1}", "TIME", None, span, "2026-01-28", "DATE"))
        else:
            values.append(ValueMention(f"V{n + 1}", "Numeric", "Money", span, "USD:5000"))
    by_label = {}
    for m in (*mentions, *values):
        label = f"{m.type}:{m.subtype}" if isinstance(m, ValueMention) and m.subtype else m.type
        by_label.setdefault(label, m.id)
    for n in range(8):
        etype = onto.event_types[(i + n) % len(onto.event_types)]
        arguments = []
        for role, labels in onto.roles(etype).items():
            ref = next((by_label[x] for x in labels if x in by_label), None)
            if ref and len(arguments) < 3:
                arguments.append(Argument(role, ref))
        events.append(Event(f"EV{n + 1}", etype))
        event_mentions.append(EventMention(f"EM{n + 1}", f"EV{n + 1}", etype, spans_at[50 + n], tuple(arguments),
                                           "actual", "positive", "past", "specific", "asserted"))
    doc_id = f"syn_{i:07d}"
    meta = Metadata(doc_id, "ar", "2026-01-28", None, "composed", "composed", "CC-BY-4.0", ("politics",),
                    "fictional")
    annotation = Annotation(doc_id, sha256(text), tuple(entities), tuple(mentions), tuple(values), tuple(events),
                            tuple(event_mentions))
    return Document(meta, text, annotation)


def generate(root: Path, n: int) -> None:
    from hadath.corpus.files import Layout, write_document

    layout = Layout(root)
    rng = random.Random(20260128)
    ids = []
    for i in range(n):
        document = synthetic_document(i, rng)
        write_document(layout, document)
        ids.append(document.id)
    cut1, cut2 = int(n * 0.8), int(n * 0.9)
    splits = {"train": ids[:cut1], "validation": ids[cut1:cut2], "test": ids[cut2:]}
    (root / "corpus" / "splits.json").write_text(json.dumps(splits), encoding="utf-8")


# Each measured job runs in a child process: `python release_build.py --job NAME ROOT OUT`.

def job_build(root: Path, out: Path) -> None:
    from hadath.release.build import build
    build(root, out)


def job_write(root: Path, out: Path) -> None:
    from hadath.release.build import _write
    out.mkdir(parents=True)
    _write(root, out)


def job_validate(root: Path, out: Path) -> None:
    from hadath.corpus.validator import validate
    report = validate(root)
    if not report.passed:
        raise SystemExit(report.summary())


def job_datasets(root: Path, out: Path) -> None:
    from datasets import Dataset
    from datasets.utils.logging import disable_progress_bar

    from hadath.corpus.files import SPLITS, iter_documents, load_splits
    from hadath.release.features import CONFIGS, features
    from hadath.release.rows import rows

    disable_progress_bar()
    splits = load_splits(root)
    cache = out / "cache"

    def generator(ids, config):
        for document in iter_documents(root, sorted(ids)):
            r = rows(document)
            yield from ([r.document] if config == "documents" else getattr(r, config))

    for config in CONFIGS:
        for split in SPLITS:
            ds = Dataset.from_generator(generator, features=features(config), cache_dir=str(cache),
                                        gen_kwargs={"ids": splits[split], "config": config})
            ds.to_parquet(str(out / config / f"{split}.parquet"))


JOBS = {"build": job_build, "write": job_write, "validate": job_validate, "datasets": job_datasets}


def measure(job: str, root: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one job in a fresh process."""
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    code = (f"import resource, sys, time; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            f"import release_build as b; from pathlib import Path; t = time.perf_counter(); "
            f"b.JOBS[{job!r}](Path({str(root)!r}), Path({str(out)!r})); "
            f"print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{job} failed:\n{result.stderr[-3000:]}")
    seconds, rss = map(float, result.stdout.split()[-2:])
    return seconds, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, help="where to put the corpus and outputs (default: a temp dir)")
    parser.add_argument("--jobs", default="build,write,validate,datasets")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic corpus and outputs")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="hadath-bench-"))
    root = work / f"corpus-{args.documents}"
    try:
        if not (root / "corpus" / "splits.json").is_file():
            t = time.perf_counter()
            generate(root, args.documents)
            print(f"generated {args.documents:,} documents in {time.perf_counter() - t:.1f} s at {root}")
        sizes = [p.stat().st_size for p in (root / "corpus" / "documents").glob("*.txt")]
        print(f"mean text length: {sum(sizes) / len(sizes):,.0f} bytes UTF-8")
        results = {}
        for job in args.jobs.split(","):
            seconds, rss = measure(job, root, work / f"out-{job}")
            results[job] = seconds
            print(f"{job:9s} {seconds:8.1f} s  {args.documents / seconds:9,.0f} documents/s  peak RSS {rss:7.0f} MB",
                  flush=True)
        if "write" in results and "datasets" in results:
            print(f"write is {results['datasets'] / results['write']:.2f}x as fast as from_generator + to_parquet")
        if "build" in results and "datasets" in results:
            print(f"build (with validation) is {results['datasets'] / results['build']:.2f}x as fast as "
                  "from_generator + to_parquet (without validation)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
