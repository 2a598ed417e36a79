"""Specification of atomic file writes: whole files, and permissions others can read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from evaluator.cli import main
from evaluator.io.files import new_file_mode, write_atomic
from tests.conftest import RUBRIC_PATH, SAMPLES


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("existing_mode", [0o644, 0o664, 0o600])
def test_replacing_a_file_keeps_its_permissions(tmp_path: Path, existing_mode: int) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(b"old")
    path.chmod(existing_mode)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and mode_of(path) == existing_mode
    assert [p.name for p in tmp_path.iterdir()] == ["results.csv"]  # no temporary file left behind


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_a_new_file_gets_the_umask_mode_not_the_temporary_files(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert new_file_mode() == 0o666 & ~umask
        write_atomic(tmp_path / "new.csv", b"data")
    finally:
        os.umask(old)
    assert mode_of(tmp_path / "new.csv") == 0o666 & ~umask


def test_the_batch_report_is_readable_by_the_team(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "results.csv"
        assert main(["batch", str(SAMPLES / "q1_average.txt"), "--rubric", str(RUBRIC_PATH), "--out", str(out),
                     "--no-semantic"]) == 0
    finally:
        os.umask(old)
    assert mode_of(out) == 0o644


KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from evaluator.io import files
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # fault injection: kill -9 before the rename
files.write_atomic(Path(sys.argv[1]), b"half a rubric")
"""


def test_regression_temporaries_a_killed_write_left_are_removed_on_the_next_start(tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "rubric.yaml"
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(target)], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr
    orphans = [p.name for p in tmp_path.iterdir()]
    assert len(orphans) == 1 and orphans[0].startswith(".rubric.yaml.pid") and orphans[0].endswith(".tmp")
    live = tmp_path / f".other.yaml.pid{os.getpid()}.x1.tmp"  # a write in progress in a running process
    live.write_bytes(b"...")
    write_atomic(tmp_path / "results.csv", b"data")  # this process's first write in the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "results.csv"]
