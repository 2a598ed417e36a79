"""Batch throughput on distinct answers: answers per second with 1, 2 and 4 worker processes, and memory per worker.

    .venv/bin/python bench/batch.py [--answers 1000] [--jobs 1 2 4] [--skip-cli] [--loky]

Writes ``--answers`` distinct answer files (``bench/corpus.py``: paragraphs of different answers to one question
combined, so no two are alike and no cache of a whole answer helps) into a temporary folder and measures:

- warm: ``run_batch`` in this process, models loaded and the pool started (the steady rate of a long batch or of
  the Streamlit page), with the CPU time per answer of this process and its workers;
- whole command: ``python -m evaluator batch`` in a fresh process, start-up and model loading included, with the
  peak memory of the batch process and of each worker (RSS, and PSS: memory shared with the batch process after
  a fork is counted once, split between the processes that share it).

``--loky`` also measures the workers started by loky (each loads its own models) instead of forked ones. Prints
the load average: on a shared machine, compare CPU times rather than wall times.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.corpus import BUNDLED, mixed_answers  # noqa: E402

MB = 1024 * 1024


def write_answers(folder: Path, count: int) -> None:
    for answer in mixed_answers(count):
        (folder / (answer.name.removeprefix("mixed/") + ".txt")).write_text(answer.text, encoding="utf-8")


def tree_cpu(process: psutil.Process) -> float:
    """CPU seconds of this process, of its children that have ended, and of its living children."""
    import resource

    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = sum(process.cpu_times()[:2]) + ended.ru_utime + ended.ru_stime
    for child in process.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            pass
    return total


def warm(folder: Path, workdir: Path, jobs_list: list[int], starts: list[str]) -> None:
    """Steady rate of ``run_batch`` per configuration, models and pool loaded first."""
    from evaluator import load_rubric
    from evaluator.batch.runner import BatchOptions, run_batch
    from evaluator.io.sources import iter_items
    from evaluator.runtime import configure_threads
    from evaluator.store.runs import RunStore

    configure_threads()  # as the CLI does
    rubric = load_rubric(BUNDLED)
    items = list(iter_items([folder], question_ids=rubric.question_ids))
    me = psutil.Process()
    for start in starts:
        for jobs in jobs_list:
            options = BatchOptions(jobs=jobs, start=start)
            with RunStore(workdir / f"warm-{start}-{jobs}.sqlite") as store:
                # the first 40 answers start the pool (and load the models); the rest are timed
                run_batch(items[:40], rubric, options=options, store=store)
                cpu, t0 = tree_cpu(me), time.perf_counter()
                result = run_batch(items, rubric, options=options, store=store)
                elapsed = time.perf_counter() - t0
                cpu = tree_cpu(me) - cpu
            scored = result.scored  # the 40 answers already stored are not scored again
            print(f"  warm  {start:<4} jobs={jobs}: {scored / elapsed:6.1f} answers/s ({elapsed:5.1f} s for {scored}); "
                  f"CPU {1000 * cpu / scored:5.1f} ms per answer (batch process and workers)", flush=True)


def sample_memory(pid: int, peaks: dict[str, int], done: threading.Event) -> None:
    """Peak RSS and PSS of a batch process and of each of its workers, sampled until ``done``."""
    try:
        main = psutil.Process(pid)
        while not done.is_set():
            try:
                info = main.memory_full_info()
                children = main.children(recursive=True)
                full = [c.memory_full_info() for c in children]
            except psutil.Error:
                time.sleep(0.1)
                continue
            peaks["main_rss"] = max(peaks["main_rss"], info.rss)
            peaks["workers"] = max(peaks["workers"], len(full))
            for f in full:
                peaks["worker_rss"] = max(peaks["worker_rss"], f.rss)
                peaks["worker_pss"] = max(peaks["worker_pss"], f.pss)
            peaks["tree_pss"] = max(peaks["tree_pss"], info.pss + sum(f.pss for f in full))
            time.sleep(0.2)
    except psutil.Error:
        pass


def whole_command(folder: Path, workdir: Path, count: int, jobs_list: list[int]) -> None:
    """Wall-clock rate and memory of the whole CLI command per number of jobs."""
    for jobs in jobs_list:
        out = workdir / f"cold-{jobs}.csv"
        command = [sys.executable, "-m", "evaluator", "batch", str(folder), "--rubric", str(BUNDLED), "--out", str(out),
                   "--db", ":memory:", "--jobs", str(jobs)]
        t0 = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peaks = {"main_rss": 0, "worker_rss": 0, "worker_pss": 0, "tree_pss": 0, "workers": 0}
        done = threading.Event()

        watcher = threading.Thread(target=sample_memory, args=(process.pid, peaks, done), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - t0
        done.set()
        watcher.join()
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"batch --jobs {jobs} failed")
        cpu = usage.ru_utime + usage.ru_stime  # the batch process alone
        print(f"  whole command jobs={jobs}: {count / elapsed:6.1f} answers/s ({elapsed:5.1f} s, start-up included); "
              f"batch process CPU {cpu:.1f} s; peak RSS batch process {peaks['main_rss'] / MB:.0f} MB, "
              f"per worker {peaks['worker_rss'] / MB:.0f} MB (PSS {peaks['worker_pss'] / MB:.0f} MB), "
              f"all processes PSS {peaks['tree_pss'] / MB:.0f} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--skip-cli", action="store_true", help="only the in-process (warm) measurement")
    parser.add_argument("--loky", action="store_true", help="also measure loky's workers (each loads the models)")
    args = parser.parse_args()
    print(f"{args.answers} distinct answers, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        workdir = Path(tmp)
        folder = workdir / "answers"
        folder.mkdir()
        write_answers(folder, args.answers)
        if not args.skip_cli:
            whole_command(folder, workdir, args.answers, args.jobs)
        warm(folder, workdir, args.jobs, ["fork", "loky"] if args.loky else ["auto"])
    print(f"load average {os.getloadavg()[0]:.1f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
