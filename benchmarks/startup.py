"""Start-up cost of the `hadath` command: CPU time of `hadath --help` against a bare `import argparse`.

Each command runs in a fresh child process, `--runs` times; the CPU time (user + system) of each child
is read from the operating system, and the median is reported. Exit 1 when `hadath --help` costs more
than `--limit` times the bare interpreter with argparse.

    python benchmarks/startup.py [--runs 15] [--limit 10] [--command validate --help]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(argv: list[str]) -> float:
    """CPU time (user + system) of one run of `argv`, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(argv: list[str], runs: int) -> float:
    cpu_seconds(argv)  # warm the file cache and the bytecode
    return statistics.median(cpu_seconds(argv) for _ in range(runs))


def measure(runs: int, command: list[str]) -> dict[str, float]:
    bare = median_cpu([sys.executable, "-c", "import argparse"], runs)
    hadath = median_cpu([sys.executable, "-m", "hadath", *command], runs)
    return {"bare": bare, "hadath": hadath, "ratio": hadath / bare}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--limit", type=float, default=10.0, help="largest ratio allowed (default: 10)")
    parser.add_argument("--command", nargs=argparse.REMAINDER, default=["--help"],
                        help="the hadath arguments to time (default: --help)")
    args = parser.parse_args()
    m = measure(args.runs, args.command)
    print(f"python -c 'import argparse': {m['bare'] * 1000:.0f} ms CPU (median of {args.runs})")
    print(f"python -m hadath {' '.join(args.command)}: {m['hadath'] * 1000:.0f} ms CPU (median of {args.runs})")
    print(f"ratio {m['ratio']:.1f} (limit {args.limit:g})")
    return 0 if m["ratio"] <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
