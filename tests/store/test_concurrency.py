"""Several processes writing one SQLite file at once lose nothing and corrupt nothing.

The student app keeps attempts in one file (:class:`~evaluator.store.attempts.AttemptStore`,
shared by every session of every server process); a batch keeps finished rows in its
own run database (:class:`~evaluator.batch.runner.RunStore`). The two are different files by
design, so each is tested with writers in separate processes (spawned, like separate
servers or command lines), all starting at the same moment on a fresh file.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import sqlite3
import subprocess
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from evaluator import Evaluation, ScoringSettings, evaluate, load_rubric
from evaluator.store.attempts import AttemptStore
from evaluator.store.runs import RunStore
from tests.conftest import ROOT, RUBRIC_PATH, SAMPLES

WRITERS, ATTEMPTS_EACH = 4, 50
LEXICAL = ScoringSettings(semantic=False)


def _save_attempts(path: str, writer: int, count: int, evaluation: Evaluation, start: multiprocessing.Barrier) -> None:
    """One 'server process': open the store (creating the file if it is first) and save ``count`` attempts."""
    start.wait(timeout=60)
    store = AttemptStore(path)
    for i in range(count):
        store.save("india-us-defence", 1, f"Q{1 + writer % 2}", f"writer {writer} attempt {i}", evaluation)


def _read_history(path: str, rounds: int, start: multiprocessing.Barrier, seen: multiprocessing.Queue) -> None:
    """A session that keeps reloading its history page while the others write."""
    start.wait(timeout=60)
    store = AttemptStore(path)
    counts = [len(store.history("india-us-defence", "Q1")) for _ in range(rounds)]
    seen.put(counts)


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    q1 = load_rubric(RUBRIC_PATH).question("Q1")
    return evaluate((SAMPLES / "q1_average.txt").read_text(encoding="utf-8"), q1, settings=LEXICAL)


def test_four_processes_saving_attempts_at_once_lose_none(tmp_path: Path, evaluation: Evaluation) -> None:
    path = tmp_path / "attempts.sqlite"
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(WRITERS + 1)
    seen = spawn.Queue()
    writers = [spawn.Process(target=_save_attempts, args=(str(path), w, ATTEMPTS_EACH, evaluation, start))
               for w in range(WRITERS)]
    reader = spawn.Process(target=_read_history, args=(str(path), 40, start, seen))
    with pytest.MonkeyPatch.context() as patch:
        # AppTest leaves a Streamlit page as __main__, which spawn would run again in every child
        patch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
        for process in [*writers, reader]:
            process.start()
    for process in [*writers, reader]:
        process.join(timeout=120)  # the reader's queue item is small: joining before reading it cannot block
    assert [p.exitcode for p in writers] == [0] * WRITERS and reader.exitcode == 0
    counts = seen.get(timeout=5)

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = db.execute("SELECT id, answer FROM attempts ORDER BY id").fetchall()
    assert len(rows) == WRITERS * ATTEMPTS_EACH
    answers = [answer for _, answer in rows]
    assert sorted(answers) == sorted(f"writer {w} attempt {i}" for w in range(WRITERS) for i in range(ATTEMPTS_EACH))
    for w in range(WRITERS):  # each process's attempts keep the order it saved them in
        mine = [a for a in answers if a.startswith(f"writer {w} ")]
        assert mine == [f"writer {w} attempt {i}" for i in range(ATTEMPTS_EACH)]
    # a reader never saw history shrink or fail while the writers wrote
    assert counts == sorted(counts) and counts[-1] <= WRITERS // 2 * ATTEMPTS_EACH
    history = AttemptStore(path).history("india-us-defence", "Q1")
    assert len(history) == WRITERS // 2 * ATTEMPTS_EACH
    assert all(a.evaluation == history[0].evaluation for a in history)  # every JSON document whole


def _batch(paths: list[Path], out: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "evaluator", "batch", *map(str, paths), "--rubric", str(RUBRIC_PATH),
         "--out", str(out), "--db", str(db), "--no-semantic", "--chunk-size", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_two_batch_runs_on_overlapping_answers_share_one_run_database(tmp_path: Path) -> None:
    names = sorted(p.name for p in SAMPLES.glob("q*.txt"))
    folder = tmp_path / "answers"
    folder.mkdir()
    files = []
    for n in range(45):
        path = folder / f"s{n:02d}_{names[n % len(names)]}"
        path.write_text((SAMPLES / names[n % len(names)]).read_text(encoding="utf-8") + f"\n\nCopy {n}.",
                        encoding="utf-8")
        files.append(path)
    db = tmp_path / "runs.sqlite"
    first, second = files[:30], files[15:]  # 15 answers in both runs

    runs = [_batch(first, tmp_path / "a.csv", db), _batch(second, tmp_path / "b.csv", db)]
    outputs = [run.communicate(timeout=300) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    for out, wanted in ((tmp_path / "a.csv", first), (tmp_path / "b.csv", second)):
        rows = _read_csv(out)
        assert sorted(r["file"] for r in rows) == sorted(map(str, wanted))  # one row each, none twice
        assert all(r["outcome"] == "scored" and r["error"] == "" for r in rows)
    with sqlite3.connect(db) as reader:
        assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        keys = [k for (k,) in reader.execute("SELECT item_key FROM results")]
    assert sorted(keys) == sorted(map(str, files))  # the 15 shared answers are stored once
    shared = {r["file"]: r["marks"] for r in _read_csv(tmp_path / "a.csv")}
    assert all(shared[r["file"]] == r["marks"] for r in _read_csv(tmp_path / "b.csv") if r["file"] in shared)


def _open_run_store(path: Path) -> None:
    RunStore(path).close()


@pytest.mark.parametrize("open_store", [AttemptStore, _open_run_store], ids=["attempt store", "run store"])
def test_eight_connections_opening_a_new_database_at_once_all_succeed(tmp_path: Path,
                                                                      open_store: Callable[[Path], object]) -> None:
    """Regression: SQLite refused 'journal_mode=WAL' at once ('database is locked') to 2-5% of them."""
    errors: list[BaseException] = []

    def open_after(start: threading.Barrier, path: Path) -> None:
        start.wait()
        try:
            open_store(path)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    for trial in range(60):
        path = tmp_path / f"fresh-{trial}.sqlite"
        start = threading.Barrier(8)
        threads = [threading.Thread(target=open_after, args=(start, path)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
