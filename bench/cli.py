"""Wall time of the commands a user types, each in a fresh process: ``score``, ``validate``, ``list``, ``batch``.

    .venv/bin/python bench/cli.py [--runs 3]

Each command runs ``--runs`` times in a new Python process (nothing warm but the operating system's file
cache); the table gives the fastest and the median wall time, the CPU time of the process (user + system,
less sensitive to a loaded machine) and its peak memory, with the load average. ``score`` scores a different
sample answer each run (one answer, from a cold start); ``batch`` scores 10 distinct answer files
(``bench/corpus.py``). Targets (issue 22): list and validate <= 1.5 s, score <= 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import BUNDLED, mixed_answers  # noqa: E402

SAMPLES = sorted((ROOT / "samples" / "india-us-defence").glob("q*.txt"))


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one command in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "evaluator", *command], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time and peak memory
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command[:2])}... exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cli-bench-") as tmp:
        folder = Path(tmp) / "answers"
        folder.mkdir()
        for answer in mixed_answers(10 * args.runs):
            (folder / (answer.name.replace("mixed/", "") + ".txt")).write_text(answer.text, encoding="utf-8")
        files = sorted(folder.glob("*.txt"))
        commands = {
            "list": lambda n: ["list"],
            "validate (11 rubrics)": lambda n: ["validate", *map(str, sorted((ROOT / "rubrics").glob("*.yaml")))],
            "draft --help": lambda n: ["draft", "--help"],
            "score (one answer)": lambda n: ["score", "--rubric", str(BUNDLED), "--question",
                                             SAMPLES[n].name[:2].upper(), str(SAMPLES[n])],
            "batch (10 files, 1 job)": lambda n: ["batch", *map(str, files[10 * n: 10 * n + 10]), "--rubric",
                                                  str(BUNDLED), "--out", str(Path(tmp) / f"out{n}.csv"),
                                                  "--db", ":memory:"],
        }
        print(f"{'command':<26} {'fastest':>8} {'median':>8} {'CPU':>8} {'peak':>8}   "
              f"({args.runs} fresh processes each)")
        for label, command in commands.items():
            runs = [timed(command(n)) for n in range(args.runs)]
            walls = sorted(w for w, _, _ in runs)
            print(f"{label:<26} {walls[0]:7.2f}s {statistics.median(walls):7.2f}s "
                  f"{statistics.median(c for _, c, _ in runs):7.2f}s {max(m for _, _, m in runs):6.0f}MB", flush=True)
    print(f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after; {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
