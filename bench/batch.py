"""Batch throughput: answers per second for 1 vs 2 worker processes, with and without semantic matching.

    .venv/bin/python bench/batch.py [--answers 1000] [--skip-cli]

Generates the answers (the 28 files in samples/ in turn, each copy varied a little) in
a temporary folder and reports two measurements per configuration:

- warm: ``run_batch`` in this process after the models (and the worker pool) are loaded,
  i.e. the steady rate of a long batch or of the Streamlit page;
- cold: the whole ``python -m evaluator batch`` command, start-up and model loading included.

Nothing is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import load_rubric  # noqa: E402
from evaluator.batch.runner import BatchOptions, run_batch  # noqa: E402
from evaluator.io.sources import iter_items  # noqa: E402
from evaluator.runtime import configure_threads  # noqa: E402
from evaluator.store.runs import RunStore  # noqa: E402

RUBRIC = ROOT / "rubrics" / "india_us_defence.yaml"
CONFIGS = [(1, True), (2, True), (1, False), (2, False)]  # (jobs, semantic)
VARIATIONS = [
    "In short, the partnership is deepening.",
    "This matters for India's strategic autonomy.",
    "Both sides gain from closer cooperation.",
    "",
]


def make_answers(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` answer files cycling the samples, each with a small change of its own."""
    rng = random.Random(seed)
    samples = sorted((ROOT / "samples" / "india-us-defence").glob("q*.txt"))
    for n in range(count):
        source = samples[n % len(samples)]
        paragraphs = source.read_text(encoding="utf-8").split("\n\n")
        if len(paragraphs) > 3 and rng.random() < 0.3:
            i = rng.randrange(1, len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]  # reorder two body paragraphs
        extra = rng.choice(VARIATIONS)
        text = "\n\n".join(paragraphs) + (f" {extra}" if extra else "") + f" (Answer {n}.)"
        (folder / f"a{n:04d}_{source.name}").write_text(text, encoding="utf-8")


def warm(folder: Path, workdir: Path) -> list[tuple[int, bool, float]]:
    """Steady-state rate of ``run_batch`` per configuration, pool and models loaded first."""
    configure_threads()  # as the CLI does: one BLAS thread beside ONNX Runtime's
    rubric = load_rubric(RUBRIC)
    items = list(iter_items([folder], question_ids=rubric.question_ids))
    results = []
    for jobs, semantic in CONFIGS:
        options = BatchOptions(jobs=jobs, semantic=semantic)
        run_batch(items[:40], rubric, options=options)  # load models here and in every worker
        with RunStore(workdir / f"warm-{jobs}-{semantic}.sqlite") as store:
            start = time.perf_counter()
            result = run_batch(items, rubric, options=options, store=store)
            elapsed = time.perf_counter() - start
        assert result.scored == len(items)
        results.append((jobs, semantic, len(items) / elapsed))
        print(f"  warm  jobs={jobs} semantic={semantic!s:5}: {len(items) / elapsed:6.1f} answers/s "
              f"({elapsed:.1f} s)", flush=True)
    return results


def cold(folder: Path, workdir: Path, count: int) -> list[tuple[int, bool, float]]:
    """Wall-clock rate of the whole CLI command per configuration."""
    results = []
    for jobs, semantic in CONFIGS:
        out = workdir / f"cold-{jobs}-{semantic}.csv"
        command = [sys.executable, "-m", "evaluator", "batch", str(folder), "--rubric", str(RUBRIC), "--out", str(out),
                   "--db", str(workdir / f"cold-{jobs}-{semantic}.sqlite"), "--jobs", str(jobs)]
        command += [] if semantic else ["--no-semantic"]
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        results.append((jobs, semantic, count / elapsed))
        print(f"  cold  jobs={jobs} semantic={semantic!s:5}: {count / elapsed:6.1f} answers/s "
              f"({elapsed:.1f} s, start-up included)", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--skip-cli", action="store_true", help="only the in-process (warm) measurement")
    args = parser.parse_args()
    print(f"{args.answers} answers, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        workdir = Path(tmp)
        folder = workdir / "answers"
        folder.mkdir()
        make_answers(folder, args.answers)
        warm(folder, workdir)
        if not args.skip_cli:
            cold(folder, workdir, args.answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
