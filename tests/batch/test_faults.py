"""Faults of the disk and the run database during a batch: each is a message, never a traceback, the rows
already scored are kept, and running the same command again completes the batch (issue 21, section 4).

A full disk and a read-only folder are real (a small tmpfs, tests/filesystems.py); a lock is another SQLite
connection holding it; a damaged database is a file with its pages overwritten.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from evaluator.cli import main
from evaluator.store.runs import RunStore, RunStoreError
from tests.conftest import RUBRIC_PATH, SAMPLES
from tests.filesystems import fill, make_read_only, tmpfs

ANSWERS = ["q1_average.txt", "q1_poor.txt", "q2_average.txt", "q2_excellent.txt", "q3_poor.txt", "q4_average.txt"]


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    for name in ANSWERS:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def batch(*args: str) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["batch", *args, "--rubric", str(RUBRIC_PATH), "--no-semantic", "--chunk-size", "1"])
    return code, stderr.getvalue()


def test_regression_a_full_disk_under_out_keeps_the_scored_rows_and_a_resume_completes(answers: Path,
                                                                                        tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    with tmpfs(tmp_path / "disk", 256) as disk:
        filler = fill(disk, 0)
        code, err = batch(str(answers), "--out", str(disk / "results.csv"), "--db", str(db))
        assert code == 2 and "Traceback" not in err, err
        assert f"cannot write {disk / 'results.csv'}: No space left on device; the 6 rows scored are kept in {db}" \
            in err
        assert [p.name for p in disk.iterdir()] == ["filler.bin"]  # no half file, no temporary left
        filler.unlink()
        code, err = batch(str(answers), "--out", str(disk / "results.csv"), "--db", str(db))
        assert code == 0, err
        assert "6 rows written" in err and "(0 scored now, 6 from" in err


def test_regression_a_full_disk_under_the_run_database_stops_with_a_message_and_a_resume_completes(
        answers: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 512) as disk:
        db = disk / "runs.sqlite"
        RunStore(db).close()
        filler = fill(disk, 64_000)  # room for the WAL index and a few rows, not for six
        code, err = batch(str(answers), "--out", str(tmp_path / "results.csv"), "--db", str(db))
        assert code == 2 and "Traceback" not in err, err
        assert f"cannot write the run database {db}" in err and "run the same command again to resume" in err
        filler.unlink()
        with RunStore(db) as store:
            kept = store.count()
        assert 0 < kept < 6  # the rows committed before the disk filled are kept
        code, err = batch(str(answers), "--out", str(tmp_path / "results.csv"), "--db", str(db))
        assert code == 0, err
        assert f"({6 - kept} scored now, {kept} from" in err


def test_regression_a_run_database_locked_by_another_process_is_retried_then_a_message(tmp_path: Path) -> None:
    from evaluator import load_rubric
    from evaluator.batch.rows import ResultRow

    rubric = load_rubric(RUBRIC_PATH)
    row = ResultRow(key="a.txt", student="a", question_id="Q1", marks=5.0, max_marks=15.0, outcome="scored")
    store = RunStore(tmp_path / "runs.sqlite", timeout_s=0.05, retry_s=0.6)
    store.put(rubric, [("h1", row)])
    other = sqlite3.connect(tmp_path / "runs.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process's batch, holding the lock
    try:
        with pytest.raises(RunStoreError, match=r"is locked by another process .*still after 0.6 s of retries: the "
                                                r"rows already scored are kept"):
            store.put(rubric, [("h2", row)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.put(rubric, [("h2", row)])  # the lock is gone: the write goes through
    assert store.count() == 2
    store.close()


def test_regression_a_damaged_run_database_names_the_file_and_how_to_start_afresh(answers: Path,
                                                                                  tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    assert batch(str(answers), "--out", str(tmp_path / "results.csv"), "--db", str(db))[0] == 0
    data = bytearray(db.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)  # every page after the first overwritten
    db.write_bytes(bytes(data))
    code, err = batch(str(answers), "--out", str(tmp_path / "results.csv"), "--db", str(db))
    assert code == 2 and "Traceback" not in err, err
    assert f"the run database {db} is damaged" in err and "delete it, and run the same command again to start " \
                                                          "afresh" in err
    db.unlink()
    assert batch(str(answers), "--out", str(tmp_path / "results.csv"), "--db", str(db))[0] == 0


def test_regression_reports_into_a_read_only_folder_are_refused_before_scoring(answers: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 64) as disk:
        make_read_only(disk)
        for reports in (disk, disk / "sheets"):  # the folder itself, or the one it would be made in
            code, err = batch(str(answers), "--out", str(tmp_path / "results.csv"), "--reports", str(reports))
            assert code == 2, err
            assert f"--reports {reports}: cannot write in the folder {str(disk)!r}" in err
            assert not (tmp_path / "results.csv").exists() and "scoring" not in err  # nothing was scored
