"""Every file a command reads from a path is a regular file under a size limit (issue 21, section 3).

Regression: ``validate``, ``score --rubric``, ``asag`` and ``calibrate`` read ``/dev/zero`` into memory until the
machine ran out, and ``validate`` on a named pipe waited for ever. Each command runs in its own process, with a
memory ceiling and a timeout, so that a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from evaluator.agreement.calibrate import CalibrationError, read_marks_csv
from evaluator.io.files import FileRefused, read_regular
from tests.conftest import ROOT, RUBRIC_PATH, SAMPLES

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                                reason="needs POSIX pipes and /dev/zero")

NOT_REGULAR = "not a regular file (a pipe, socket, device or folder)"
# (id, arguments; {pipe} is a named pipe nobody writes to, {answer} a real answer file)
COMMANDS = [
    ("validate /dev/zero", ["validate", "/dev/zero"]),
    ("validate a pipe", ["validate", "{pipe}"]),
    ("score --rubric /dev/zero", ["score", "--rubric", "/dev/zero", "--question", "Q1", "{answer}"]),
    ("score --rubric a pipe", ["score", "--rubric", "{pipe}", "--question", "Q1", "{answer}"]),
    ("score an answer that is a pipe", ["score", "--rubric", str(RUBRIC_PATH), "--question", "Q1", "{pipe}"]),
    ("asag /dev/zero", ["asag", "/dev/zero"]),
    ("calibrate marks /dev/zero", ["calibrate", "--rubric", str(RUBRIC_PATH), "/dev/zero"]),
    ("calibrate --rubric a pipe", ["calibrate", "--rubric", "{pipe}", str(SAMPLES / "marks.csv")]),
    ("draft /dev/zero", ["draft", "/dev/zero"]),
]


def _limit_memory() -> None:  # runs in the child: 3 GB of address space is far above what the commands need
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def _run(args: list[str], folder: Path) -> tuple[int, str]:
    answer = folder / "q1.txt"
    args = [a.format(pipe=folder / "pipe", answer=answer) for a in args]
    try:
        proc = subprocess.run([sys.executable, "-m", "evaluator", *args], cwd=ROOT, capture_output=True, timeout=120,
                              preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        return -1, "timed out (waiting on a pipe?)"
    return proc.returncode, (proc.stdout + proc.stderr).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    folder = tmp_path_factory.mktemp("reads")
    os.mkfifo(folder / "pipe")
    (folder / "q1.txt").write_text("India and the US signed a defence roadmap.", encoding="utf-8")
    with ThreadPoolExecutor(max_workers=3) as pool:
        done = {name: pool.submit(_run, args, folder) for name, args in COMMANDS}
    return {name: future.result() for name, future in done.items()}


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_a_device_or_pipe_is_refused_in_one_line_not_read(results: dict[str, tuple[int, str]], name: str) -> None:
    code, output = results[name]
    assert code in (1, 2), output  # validate's "a rubric failed the check", or a usage error
    assert NOT_REGULAR in output
    assert "Traceback" not in output


@pytest.mark.parametrize(("size", "limit", "refused"), [(10, 10, False), (11, 10, True), (0, 0, False)])
def test_read_regular_reads_a_file_up_to_its_limit(tmp_path: Path, size: int, limit: int, refused: bool) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * size)
    if refused:
        with pytest.raises(FileRefused, match=f"file is {size} bytes; the limit is {limit}"):
            read_regular(path, limit)
    else:
        assert read_regular(path, limit) == b"x" * size


@pytest.mark.parametrize("cell", ["/etc/hostname", "../outside.txt", "sub/../../outside.txt", "link.txt"])
def test_regression_calibrate_reads_no_answer_file_outside_the_csv_folder(tmp_path: Path, cell: str) -> None:
    """A ``file`` cell may name files in the mark sheet's folder and below it, as ``batch`` refuses links out."""
    (tmp_path / "outside.txt").write_text("India and the US signed a defence roadmap.", encoding="utf-8")
    sheet = tmp_path / "marks"
    sheet.mkdir()
    (sheet / "link.txt").symlink_to(tmp_path / "outside.txt")
    (sheet / "marks.csv").write_text(f"question_id,file,marks\nQ1,{cell},5\n", encoding="utf-8")
    with pytest.raises(CalibrationError, match="outside the CSV's folder"):
        read_marks_csv(sheet / "marks.csv")


def test_calibrate_still_reads_answer_files_beside_and_below_the_csv(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("India and the US signed a defence roadmap.", encoding="utf-8")
    (tmp_path / "marks.csv").write_text("question_id,file,marks\nQ1,sub/a.txt,5\n", encoding="utf-8")
    assert [row.text for row in read_marks_csv(tmp_path / "marks.csv")] == ["India and the US signed a defence "
                                                                               "roadmap."]
