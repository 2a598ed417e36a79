"""Peak memory of ``python -m evaluator batch`` on the worst batches the limits allow, and a resume's cost.

    .venv/bin/python bench/memory.py [--only NAME] [--keep]

Each case builds its input in a temporary folder, runs the whole command in a subprocess and samples
the resident memory (RSS) of the batch process and of its whole process tree (workers included)
every 50 ms, then prints the peaks. The tests check what the batch does with these inputs (one row
each, nothing read twice); this prints how much memory and time it takes.

Cases (the limits are those of ``evaluator/io/limits.py``):

- ``300 x 4.9 MB texts``: answer files just under the 5 MB file limit (the issue's case: 1.75 GB in the
  batch process, 3.5 GB with its workers, before answers were streamed);
- ``200 MB CSV``: an answer CSV just under the 200 MB file limit, 6,000 rows of 33,000 characters;
- ``200 MB zip``: an archive just under the 200 MB limit, 41 answers of 4.9 MB stored;
- ``10,000 answers``: the batch's answer limit, sample answers (keyword matching only, to finish in minutes);
- ``200 PDF answers``: the sample answers as PDFs, with semantic matching (the model and pypdf in one process);
- ``resume of 200 PDFs``: 200 PDF answers of 12 pages (keyword matching only), then the same command again:
  nothing is extracted twice.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from tests.answer_files import pdf_bytes  # noqa: E402

RUBRIC = ROOT / "rubrics" / "india_us_defence.yaml"
SAMPLES = sorted((ROOT / "samples" / "india-us-defence").glob("q*.txt"))
MB = 1_000_000
SAMPLE_EVERY_S = 0.05


def long_text(chars: int, seed: int) -> str:
    """English-looking text of ``chars`` characters: words from the samples, shuffled (refused as too long)."""
    rng = random.Random(seed)
    words = " ".join(p.read_text(encoding="utf-8") for p in SAMPLES).split()
    out: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(words)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:chars]


def texts(folder: Path) -> list[str]:
    folder.mkdir()
    block = long_text(4_900_000, 1)
    for n in range(300):
        (folder / f"s{n:03d}_q{n % 4 + 1}.txt").write_text(block[n:] + block[:n], encoding="utf-8")
    return [str(folder)]


def big_csv(folder: Path) -> list[str]:
    folder.mkdir()
    path = folder / "class.csv"
    cell = long_text(33_000, 2)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question", "answer"])
        for n in range(6_000):
            writer.writerow([f"student {n}", f"Q{n % 4 + 1}", cell[n % 1000:] + cell[: n % 1000]])
    return [str(path)]


def big_zip(folder: Path) -> list[str]:
    folder.mkdir()
    path = folder / "class.zip"
    block = long_text(4_900_000, 3)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for n in range(40):
            archive.writestr(f"s{n:02d}_q{n % 4 + 1}.txt", block[n:] + block[:n])
        archive.writestr("s99_q1.txt", "".join(random.Random(4).choices(string.ascii_letters + " ", k=4_900_000)))
    return [str(path)]


def many(folder: Path) -> list[str]:
    folder.mkdir()
    for n in range(10_000):
        sample = SAMPLES[n % len(SAMPLES)]
        (folder / f"s{n:05d}_{sample.name}").write_text(sample.read_text(encoding="utf-8") + f" (Copy {n}.)",
                                                         encoding="utf-8")
    return [str(folder)]


def short_pdfs(folder: Path) -> list[str]:
    """200 PDFs of the sample answers (one or two pages), scored with semantic matching: the largest process."""
    folder.mkdir()
    for n in range(200):
        sample = SAMPLES[n % len(SAMPLES)]
        (folder / f"s{n:03d}_{sample.stem}.pdf").write_bytes(pdf_bytes(sample.read_text(encoding="utf-8")
                                                                       + f"\n\nCopy {n}."))
    return [str(folder)]


def pdfs(folder: Path) -> list[str]:
    """200 PDF answers of about 4,000 words (12 pages): their reading, not their scoring, is what a resume saves."""
    folder.mkdir()
    for n in range(200):
        sample = SAMPLES[n % len(SAMPLES)].read_text(encoding="utf-8")
        text = "\n\n".join([sample] * (4_000 // max(1, len(sample.split())) + 1))
        (folder / f"s{n:03d}_{SAMPLES[n % len(SAMPLES)].stem}.pdf").write_bytes(pdf_bytes(text + f"\n\nCopy {n}."))
    return [str(folder)]


CASES: dict[str, tuple[Callable[[Path], list[str]], list[str]]] = {
    "300 x 4.9 MB texts": (texts, []),
    "200 MB CSV": (big_csv, []),
    "200 MB zip": (big_zip, []),
    "10,000 answers": (many, ["--no-semantic"]),
    "200 PDF answers": (short_pdfs, []),
    "resume of 200 PDFs": (pdfs, ["--no-semantic"]),
}


def measure(args: list[str]) -> tuple[float, float, float, int]:
    """(seconds, peak RSS of the batch process, peak RSS of its process tree, exit code) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "evaluator", "batch", *args], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:
        try:
            parent = psutil.Process(process.pid)
            while not done.is_set():
                try:
                    main = parent.memory_info().rss
                    tree = main + sum(c.memory_info().rss for c in parent.children(recursive=True))
                except psutil.Error:
                    break
                peaks[0], peaks[1] = max(peaks[0], main), max(peaks[1], tree)
                time.sleep(SAMPLE_EVERY_S)
        except psutil.Error:
            pass

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    done.set()
    watcher.join()
    if process.returncode:
        print(stderr[-2000:], file=sys.stderr)
    return time.perf_counter() - start, peaks[0] / MB, peaks[1] / MB, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(CASES), help="run one case")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker processes to try (default 1 2)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="upsc-memory-"))
    try:
        print(f"{'case':<22} {'jobs':>4} {'time':>8} {'batch RSS':>10} {'with workers':>13}")
        for name, (build, extra) in CASES.items():
            if options.only and name != options.only:
                continue
            paths = build(work / name.replace(" ", "_").replace(",", ""))
            for jobs in options.jobs:
                out = work / f"{name.replace(' ', '_')}-{jobs}.csv"
                db = out.with_suffix(".runs.sqlite")
                args = [*paths, "--rubric", str(RUBRIC), "--out", str(out), "--db", str(db), "--jobs", str(jobs),
                        *extra]
                seconds, main_mb, tree_mb, code = measure(args)
                print(f"{name:<22} {jobs:>4} {seconds:7.1f}s {main_mb:8.0f} MB {tree_mb:10.0f} MB"
                      + ("" if code == 0 else f"  (exit {code})"), flush=True)
                if name.startswith("resume"):
                    seconds, main_mb, tree_mb, code = measure(args)  # the same command again: all from the store
                    print(f"{'  ... run again':<22} {jobs:>4} {seconds:7.1f}s {main_mb:8.0f} MB {tree_mb:10.0f} MB",
                          flush=True)
    finally:
        if options.keep:
            print(f"inputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"({os.cpu_count()} cores; RSS sampled every {SAMPLE_EVERY_S * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
