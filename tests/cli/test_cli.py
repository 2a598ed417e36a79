"""Specification of the command line: score and validate, text and JSON, stdin, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, RUBRIC_PATH, SAMPLES


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evaluator", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120)


def score(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return run("score", "--rubric", str(RUBRIC_PATH), *args, stdin=stdin)


def test_score_text_report():
    proc = score("--question", "Q1", str(SAMPLES / "q1_excellent.txt"))
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert out.startswith("Q1: ") and "/ 15 marks" in out
    assert "Key points:" in out and "Feedback:" in out


def test_score_json_from_stdin():
    text = (SAMPLES / "q2_average.txt").read_bytes()
    proc = score("--question", "Q2", "--format", "json", "-", stdin=text)
    data = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert data["question_id"] == "Q2" and data["max_marks"] == 10
    assert len(data["points"]) == 7


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["--question", "Q9", "samples/india-us-defence/q1_poor.txt"], "no question 'Q9'"),
        (None, ["--question", "Q1", "missing.txt"], "missing.txt: no such file"),
        (b"\x00\x01binary\x00", ["--question", "Q1", "{file}"], "not a text file"),
        ("Défense".encode("latin-1"), ["--question", "Q1", "{file}"], "not UTF-8"),
        (b"", ["--question", "Q1", "{file}"], "empty"),
    ],
    ids=["unknown question", "missing file", "binary", "latin-1", "empty"],
)
def test_bad_input_exits_non_zero_with_one_line(tmp_path: Path, setup, args, message):
    answer = tmp_path / "answer.txt"
    if setup is not None:
        answer.write_bytes(setup)
    proc = score(*[a.format(file=answer) for a in args])
    assert proc.returncode == 2
    text = (proc.stderr + proc.stdout).decode()
    assert message in text
    assert "Traceback" not in text


def test_validate_broken_rubric_names_line(tmp_path: Path):
    broken = tmp_path / "r.yaml"
    broken.write_text(RUBRIC_PATH.read_text(encoding="utf-8").replace("weight: 3", "weight: -3", 1), encoding="utf-8")
    proc = run("validate", str(broken))
    assert proc.returncode == 1
    err = proc.stderr.decode().strip()
    assert len(err.splitlines()) == 1
    assert ".weight: Input should be greater than 0" in err and f"{broken}:" in err


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("answer.txt", "The roadmap for co-production was agreed.".encode("utf-16")),  # Notepad "Unicode"
        ("answer.md", b"# Answer\n\nThe roadmap for co-production was agreed."),
    ],
)
def test_score_reads_what_the_batch_reads(tmp_path: Path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    proc = score("--question", "Q1", "--format", "json", str(path))
    assert json.loads(proc.stdout)["word_count"] >= 6


def test_score_reads_a_photo_and_says_on_stderr_how_sure_the_reading_was(tmp_path: Path) -> None:
    from tests.handwriting import cer, font_named, png_bytes, render_pages, require_ocr

    require_ocr(fonts=("humor-sans",))
    text = (SAMPLES / "q2_average.txt").read_text(encoding="utf-8")
    photo = tmp_path / "q2_photo.png"
    photo.write_bytes(png_bytes(render_pages(text, font_named("humor-sans"))[0]))
    proc = score("--question", "Q2", "--format", "json", str(photo))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["question_id"] == "Q2" and cer(text, data["ocr"]["text"]) < 0.05
    assert data["ocr"]["pages"] == 1 and data["ocr"]["needs_review"] is False and data["ocr"]["confidence"] > 0.9
    assert "read by OCR from 1 page(s): mean confidence" in proc.stderr.decode()


def test_a_marks_file_may_name_photos_of_the_answers(tmp_path: Path) -> None:
    from evaluator.agreement.calibrate import read_marks_csv
    from tests.handwriting import cer, font_named, png_bytes, render_pages, require_ocr

    require_ocr(fonts=("humor-sans",))
    text = (SAMPLES / "q2_average.txt").read_text(encoding="utf-8")
    (tmp_path / "asha.png").write_bytes(png_bytes(render_pages(text, font_named("humor-sans"))[0]))
    (tmp_path / "marks.csv").write_text("question_id,file,marks\nQ2,asha.png,4\n", encoding="utf-8")
    [item] = read_marks_csv(tmp_path / "marks.csv")
    assert item.question_id == "Q2" and item.marks == 4 and cer(text, item.text) < 0.05
