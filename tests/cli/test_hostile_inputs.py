"""Bad input at every entry point gets a clear message saying what is wrong and where, never a traceback.

One table per entry point:

- ``python -m evaluator score`` (a subprocess per case, run side by side);
- ``python -m evaluator batch`` over one folder of broken files, archives and CSVs,
  scored in one run: every input is one row with its own message, and the rest is scored;
  a second run with tight ``UPSC_EVAL_MAX_*`` limits;
- the student page (Streamlit's AppTest): pasted and uploaded answers;
- ``evaluate`` itself for the language of an answer (Hindi, Hinglish, mixed).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from evaluator import Question, Rubric, evaluate
from evaluator.cli import main
from evaluator.io.export import FORMULA_PREFIXES
from tests.answer_files import (
    answers_csv,
    docx_bytes,
    docx_with_body,
    encrypted_pdf_bytes,
    pdf_bytes,
    pdf_with_content,
    sample,
    zip_bytes,
)
from tests.conftest import ROOT, RUBRIC_PATH, shown

HINDI = "भारत और अमेरिका के बीच रक्षा सहयोग तेज़ी से बढ़ रहा है। यह यात्रा दोनों देशों के संबंधों में एक नया अध्याय है।"
TAMIL = "இந்தியா மற்றும் அமெரிக்கா இடையே பாதுகாப்பு ஒத்துழைப்பு வேகமாக வளர்ந்து வருகிறது."
HINGLISH = ("Bharat aur America ke beech raksha sahyog bahut tezi se badh raha hai. Yeh yatra dono deshon ke "
            "sambandhon mein ek naya adhyay hai. Dono desh milkar hathiyar banayenge aur technology share karenge.")
HINGLISH_TERMS = ("India aur US ke beech defence cooperation badh raha hai. Iska matlab hai ki dono desh ek saath "
                  "kaam karenge aur jet engines banayenge. Yeh bahut important hai.")
GOOD = sample("q1_average.txt")


def blank_pdf() -> bytes:
    """A PDF with one empty page: what a scan without OCR looks like to a text extractor."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BOMB = pdf_with_content(b"BT /F1 9 Tf 40 800 Td (Hi) Tj ET " + b" " * 80_000_000, filters=b"[/FlateDecode]")
DOCX_BOMB = docx_with_body(b"<w:p/>" * 200_000)  # 1.2 MB of empty paragraphs in a 36 kB file


def bomb_zip() -> bytes:
    """A zip whose one entry inflates 4 MB of zeros from a few kB (ratio ~1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("q1_bomb.txt", b"0" * 4_000_000)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# 1. python -m evaluator score: one subprocess per case, all started together
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CliCase:
    id: str
    answer: bytes | None  # written to answer.txt; None: the args name the input themselves
    args: tuple[str, ...]
    message: str  # what stderr or stdout must say


CLI_CASES = [
    CliCase("empty file", b"", ("--question", "Q1", "{file}"), "Not scored (empty): The answer is empty"),
    CliCase("binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("--question", "Q1", "{file}"),
            "{file}: not a text file (it holds binary data)"),
    CliCase("latin-1 file", "Défense cooperation".encode("latin-1"), ("--question", "Q1", "{file}"),
            "{file}: not UTF-8 text (invalid byte 0xe9 at offset 1); save the file as UTF-8"),
    CliCase("6 MB file", b"word " * 1_200_000, ("--question", "Q1", "{file}"),
            "{file}: file is 6,000,000 bytes; the limit is 5,000,000"),
    CliCase("100k words on stdin", b"defence " * 100_000, ("--question", "Q1", "-"),
            "Not scored (too_long): The answer is 800,000 characters, more than the 30,000 this evaluator scores"),
    CliCase("Tamil", TAMIL.encode(), ("--question", "Q2", "{file}"), "Not scored (non_english)"),
    CliCase("terminal escapes", b"\x1b[2J\x1b[31m" * 20 + b" India", ("--question", "Q1", "{file}"),
            "Not scored (unreadable): The text has 40 control or undecodable characters"),
    CliCase("missing file", None, ("--question", "Q1", "no/such/answer.txt"), "no/such/answer.txt: no such file"),
]


def _run_cli(case: CliCase, folder: Path) -> tuple[int, str]:
    answer = folder / f"{case.id.replace(' ', '_')}.txt"
    stdin = case.answer if "-" in case.args else None
    if case.answer is not None:
        answer.write_bytes(case.answer)
    args = [a.format(file=answer) for a in case.args]
    proc = subprocess.run([sys.executable, "-m", "evaluator", "score", "--rubric", str(RUBRIC_PATH), "--no-semantic",
                           *args], cwd=ROOT, input=stdin, capture_output=True, timeout=180)
    return proc.returncode, (proc.stdout + proc.stderr).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, Path]]:
    folder = tmp_path_factory.mktemp("cli")
    with ThreadPoolExecutor(max_workers=len(CLI_CASES)) as pool:
        done = {c.id: pool.submit(_run_cli, c, folder) for c in CLI_CASES}
    return {case_id: (*future.result(), folder) for case_id, future in done.items()}


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_score_on_the_command_line(cli_results: dict[str, tuple[int, str, Path]], case: CliCase) -> None:
    code, output, folder = cli_results[case.id]
    answer = folder / f"{case.id.replace(' ', '_')}.txt"
    assert code == 2, output
    assert case.message.format(file=answer) in output
    assert "Traceback" not in output


# ---------------------------------------------------------------------------------------------------------------
# 2. python -m evaluator batch: one folder of everything a mentor's inbox can hold, scored in one run
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchCase:
    id: str
    key: str  # the row's file column, relative to the batch folder
    outcome: str
    message: str  # in the row's error column ("" when scored)


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512  # an old .doc or an encrypted .docx
FILES: dict[str, bytes] = {
    "good_q1.txt": GOOD.encode(),
    "empty_q1.txt": b"",
    "blank_q1.txt": b" \n\t\r\n  ",
    "png_q1.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "nul_q1.txt": GOOD[:200].encode() + b"\x00\x00" + GOOD[200:].encode(),
    "latin1_q1.txt": "Café diplomacy: India and the US signed a roadmap.".encode("latin-1"),
    "cp1252_q1.txt": "India’s roadmap".encode("cp1252"),
    "utf16bom_q1.txt": GOOD.encode("utf-16"),
    "utf16nobom_q1.txt": GOOD.encode("utf-16-le"),
    "huge_q1.txt": b"a " * 3_000_000,
    "words100k_q1.txt": b"defence " * 100_000,
    "under5mb_q1.txt": b"defence " * 600_000,  # just under the file limit, over spaCy's 1,000,000 characters
    "hindi_q2.txt": HINDI.encode(),
    "tamil_q2.txt": TAMIL.encode(),
    "emoji_q2.txt": "🇮🇳🤝🇺🇸 ".encode() * 40,
    "escapes_q2.md": b"\x1b[31m\x07\x08" * 30 + b"India",
    "broken_q3.docx": b"PK\x03\x04 this is not really a word file",
    "truncated_q3.docx": docx_bytes(GOOD)[:700],
    "old_q3.docx": OLE_HEADER,
    "textless_q3.docx": docx_bytes(""),
    "pdf_named_q3.docx": pdf_bytes(GOOD),
    "broken_q4.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage",
    "locked_q4.pdf": encrypted_pdf_bytes(),
    "scan_q4.pdf": blank_pdf(),
    "empty_q4.pdf": b"",
    "bomb_q4.pdf": PDF_BOMB,
    "bomb_q3.docx": DOCX_BOMB,
    "essay.txt": GOOD.encode(),
    "q1_q2_both.txt": GOOD.encode(),
    "bundle.zip": zip_bytes({
        "q2_zara.txt": sample("q2_average.txt").encode(),
        "../evil_q1.txt": b"climbs out of the archive",
        "/etc/cron_q1.txt": b"absolute path",
        "inner_q1.zip": zip_bytes({"q1.txt": b"nested"}),
        "secret_q1.txt": b"password protected",
    }, encrypted=("secret_q1.txt",)),
    "bomb.zip": bomb_zip(),
    "broken.zip": b"PK\x03\x04 not a zip at all",
    "class.csv": answers_csv([
        ("Dev", "Q3", sample("q3_average.txt")),
        ('=HYPERLINK("http://evil.example","click")', "Q4", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("Long", "Q4", "word " * 40_000),
        ("Nobody", "", "An answer without a question."),
        ("Ghost", "Q9", "An answer to a question the rubric lacks."),
    ]),
    "huge_cell.csv": b"student,question,answer\nBig,Q1," + b"x" * 5_100_000 + b"\nSmall,Q1,India and the US.\n",
    "no_answer_column.csv": b"student,question,text\nAsha,Q1,An answer.\n",
    "pipes.csv": b"student|question|answer\nAsha|Q1|An answer.\n",
    "no_question_column.csv": b"student,answer\nAsha,An answer.\n",
    "unclosed_quote.csv": b'student,question,answer\nAsha,Q1,"An answer that never ends\nRavi,Q1,Another.\n',
    "latin1.csv": "student,question,answer\nJosé,Q1,Un café.\n".encode("latin-1"),
    "utf16.csv": "student,question,answer\nAsha,Q1,India and the US.\n".encode("utf-16"),
    "empty.csv": b"",
}
DIRECT = {"q1_payload.exe": b"MZ\x90\x00"}  # named on the command line, not in the folder

BATCH_CASES = [
    BatchCase("good answer", "inbox/good_q1.txt", "scored", ""),
    BatchCase("empty file", "inbox/empty_q1.txt", "empty", "The answer is empty"),
    BatchCase("blank file", "inbox/blank_q1.txt", "empty", "The answer is empty"),
    BatchCase("binary file", "inbox/png_q1.txt", "error", "not a text file (it holds binary data): save the answer as .txt, .md, .docx or .pdf"),
    BatchCase("NUL bytes in text", "inbox/nul_q1.txt", "error", "not a text file (it holds binary data)"),
    BatchCase("latin-1 text", "inbox/latin1_q1.txt", "error", "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
    BatchCase("cp1252 text", "inbox/cp1252_q1.txt", "error", "not UTF-8 text (invalid byte 0x92 at offset 5)"),
    BatchCase("UTF-16 with BOM", "inbox/utf16bom_q1.txt", "scored", ""),
    BatchCase("UTF-16 without BOM", "inbox/utf16nobom_q1.txt", "error", "not a text file (it holds binary data)"),
    BatchCase("6 MB file", "inbox/huge_q1.txt", "error", "file is 6,000,000 bytes; the limit is 5,000,000"),
    BatchCase("100k words", "inbox/words100k_q1.txt", "too_long", "The answer is 800,000 characters"),
    # regression: matching the batch to the bank read the whole text and stopped the batch (spaCy's E088)
    BatchCase("4.8 MB file", "inbox/under5mb_q1.txt", "too_long", "The answer is 4,800,000 characters"),
    BatchCase("Devanagari (Hindi medium)", "inbox/hindi_q2.txt", "scored", ""),
    BatchCase("Tamil", "inbox/tamil_q2.txt", "non_english", "does not look like English: none of its words"),
    BatchCase("only emoji", "inbox/emoji_q2.txt", "empty", "The answer has no words"),
    BatchCase("control characters", "inbox/escapes_q2.md", "unreadable", "The text has 90 control"),
    BatchCase("corrupt docx", "inbox/broken_q3.docx", "error", "corrupt or not a .docx file (BadZipFile)"),
    BatchCase("truncated docx", "inbox/truncated_q3.docx", "error", "corrupt or not a .docx file"),
    BatchCase("old .doc renamed", "inbox/old_q3.docx", "error", "password-protected or old-format (.doc) Word file"),
    BatchCase("docx without text", "inbox/textless_q3.docx", "empty", "The answer is empty"),
    BatchCase("pdf named .docx", "inbox/pdf_named_q3.docx", "error", "corrupt or not a .docx file"),
    BatchCase("corrupt pdf", "inbox/broken_q4.pdf", "error", "corrupt or unreadable PDF"),
    BatchCase("encrypted pdf", "inbox/locked_q4.pdf", "error", "password-protected PDF; remove the password"),
    BatchCase("scanned pdf", "inbox/scan_q4.pdf", "error", "the PDF has neither text nor page images"),
    BatchCase("zero-byte pdf", "inbox/empty_q4.pdf", "error", "corrupt or unreadable PDF (EmptyFileError)"),
    BatchCase("pdf stream over pypdf's limit", "inbox/bomb_q4.pdf", "error",
              "corrupt or unreadable PDF (LimitReachedError)"),  # regression: the batch stopped here, every resume
    BatchCase("docx bomb", "inbox/bomb_q3.docx", "error", "word/document.xml: refused: compression ratio "),
    BatchCase("no question in name", "inbox/essay.txt", "error", "no question id in the file name"),
    BatchCase("two questions in name", "inbox/q1_q2_both.txt", "error", "the file name names 2 questions (Q1, Q2)"),
    BatchCase("zip: good entry", "inbox/bundle.zip/q2_zara.txt", "scored", ""),
    BatchCase("zip slip", "inbox/bundle.zip/../evil_q1.txt", "error", "leaves the archive ('..')"),
    BatchCase("zip absolute path", "inbox/bundle.zip/etc/cron_q1.txt", "error", "the entry's path is absolute"),
    BatchCase("zip in zip", "inbox/bundle.zip/inner_q1.zip", "error", "archives inside archives are not opened"),
    BatchCase("encrypted zip entry", "inbox/bundle.zip/secret_q1.txt", "error", "password-protected archive entry"),
    BatchCase("zip bomb ratio", "inbox/bomb.zip/q1_bomb.txt", "error", "refused: compression ratio 1,"),
    BatchCase("corrupt zip", "inbox/broken.zip", "error", "corrupt or not a .zip archive (BadZipFile)"),
    BatchCase("csv: good row", "class.csv#2", "scored", ""),
    BatchCase("csv: formula injection", "class.csv#3", "scored", ""),
    BatchCase("csv: 200k-character cell", "class.csv#4", "too_long", "The answer is 200,000 characters"),
    BatchCase("csv: empty question cell", "class.csv#5", "error", "no question id: the 'question' cell is empty"),
    BatchCase("csv: unknown question", "class.csv#6", "error", "question 'Q9' is not in the rubric; available: Q1"),
    BatchCase("csv: 5 MB cell", "huge_cell.csv#2", "error", "answer is over 5,000,000 bytes"),
    BatchCase("csv: row after a 5 MB cell", "huge_cell.csv#3", "scored", ""),
    BatchCase("csv: missing answer column", "no_answer_column.csv", "error",
              "needs a header row with an 'answer' column"),
    BatchCase("csv: wrong delimiter", "pipes.csv", "error", "separated by commas, semicolons or tabs"),
    BatchCase("csv: missing question column", "no_question_column.csv#2", "error",
              "the CSV has no 'question' column; add one, or choose a question for answers that name none"),
    BatchCase("csv: unclosed quote", "unclosed_quote.csv", "error",
              "unexpected end of data in the record that starts on line 2; check its quotes"),
    BatchCase("csv: latin-1", "latin1.csv", "error", "not UTF-8 text (invalid byte 0xe9"),
    BatchCase("csv: UTF-16 with BOM", "utf16.csv#2", "scored", ""),
    BatchCase("csv: empty file", "empty.csv", "error", "needs a header row"),
    BatchCase("unsupported file type", "q1_payload.exe", "error",
              "unsupported file type '.exe'; use .txt, .md, .docx, .pdf"),
]
CSVS = [name for name in FILES if name.endswith(".csv")]


def _run_batch(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """``python -m evaluator batch ...`` in this process (the model is already loaded); exit code and stderr."""
    stderr = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(stderr):
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        try:
            code = main(["batch", *args, "--rubric", str(RUBRIC_PATH), "--no-semantic"])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, stderr.getvalue()


def _rows(path: Path, folder: Path) -> dict[str, dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return {r["file"].removeprefix(f"{folder}/"): r for r in csv.DictReader(io.StringIO(text, newline=""))}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, str]], str, int]:
    folder = tmp_path_factory.mktemp("batch")
    inbox = folder / "inbox"
    inbox.mkdir()
    for name, data in FILES.items():
        (folder / name if name.endswith(".csv") else inbox / name).write_bytes(data)
    for name, data in DIRECT.items():
        if data is not None:
            (folder / name).write_bytes(data)
    out = folder / "results.csv"
    paths = [str(inbox), *(str(folder / n) for n in CSVS), *(str(folder / n) for n in DIRECT)]
    code, stderr = _run_batch([*paths, "--out", str(out)])
    return _rows(out, folder) if out.exists() else {}, stderr, code


def test_the_batch_finishes_with_exactly_one_row_per_input(batch) -> None:  # noqa: ANN001
    rows, stderr, code = batch
    assert code == 0, stderr
    assert sorted(rows) == sorted(c.key for c in BATCH_CASES)  # nothing lost, nothing twice
    assert "Traceback" not in stderr and not any("internal error" in r["error"] for r in rows.values())
    scored = sum(c.outcome == "scored" for c in BATCH_CASES)
    errors = sum(c.outcome == "error" for c in BATCH_CASES)
    assert f"{len(BATCH_CASES)} answers: {scored} scored, {len(BATCH_CASES) - scored - errors} not scored" in stderr


@pytest.mark.parametrize("case", BATCH_CASES, ids=[c.id for c in BATCH_CASES])
def test_each_bad_batch_input_gets_its_own_row_and_message(batch, case: BatchCase) -> None:  # noqa: ANN001
    rows, _, _ = batch
    row = rows[case.key]
    assert row["outcome"] == case.outcome, row
    if case.outcome == "scored":
        assert row["error"] == "" and row["marks"] != ""
    else:
        assert case.message in row["error"], row["error"]
        assert row["error"].removeprefix("'").startswith(row["file"].removeprefix("'") + ": ")  # says where
        assert row["outcome"] != "error" or row["marks"] == ""


def test_regression_a_mistyped_path_is_a_usage_error_before_anything_runs(tmp_path: Path) -> None:
    (tmp_path / "q1_good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "results.csv"
    code, stderr = _run_batch([str(tmp_path / "q1_good.txt"), str(tmp_path / "answrs"), "--out", str(out)])
    assert code == 2  # was 0, with one error row: the same mistake as `score` makes exits 2 there
    assert stderr.strip() == f"error: {tmp_path / 'answrs'}: no such file or folder"
    assert not out.exists() and not out.with_suffix(".runs.sqlite").exists()  # nothing was scored


def test_a_formula_in_a_csv_stays_text_in_the_results(batch) -> None:  # noqa: ANN001
    rows, _, _ = batch
    student = rows["class.csv#3"]["student"]
    assert student == "'" + '=HYPERLINK("http://evil.example","click")'
    assert not any(v.startswith(FORMULA_PREFIXES) for r in rows.values() for v in r.values() if v)


# Limits set by the environment: a second, small batch
LIMITED_ENV = {"UPSC_EVAL_MAX_FILES": "4", "UPSC_EVAL_MAX_UPLOAD_BYTES": "4000", "UPSC_EVAL_MAX_ARCHIVE_BYTES": "50000",
               "UPSC_EVAL_MAX_ZIP_RATIO": "20"}


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, str]], str, int]:
    folder = tmp_path_factory.mktemp("limited")
    inbox = folder / "inbox"
    inbox.mkdir()
    (inbox / "a_q2.txt").write_text("India and the US signed a defence roadmap.", encoding="utf-8")
    (inbox / "b_q2.txt").write_bytes(b"India " * 1_000)  # 6,000 bytes
    (inbox / "c.zip").write_bytes(zip_bytes({"q2_x.txt": b"abcd" * 1_000}))  # 4 kB packed into ~50 bytes
    (inbox / "d.zip").write_bytes(zip_bytes({f"q2_{i}.txt": os.urandom(3_000).hex().encode() for i in range(10)}))
    for n in range(5):
        (inbox / f"e{n}_q2.txt").write_text("Another answer.", encoding="utf-8")
    out = folder / "results.csv"
    code, stderr = _run_batch([str(inbox), "--out", str(out)], env=LIMITED_ENV)
    return _rows(out, folder) if out.exists() else {}, stderr, code


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("inbox/b_q2.txt", "file is 6,000 bytes; the limit is 4,000"),
        ("inbox/c.zip/q2_x.txt", ":1 is over 20:1 (zip bomb?)"),
        ("inbox/d.zip", "archive inflates to 60,000 bytes; the limit is 50,000"),
        ("<batch limit>", "more than 4 answers; the rest, from "),
    ],
    ids=["UPSC_EVAL_MAX_UPLOAD_BYTES", "UPSC_EVAL_MAX_ZIP_RATIO", "UPSC_EVAL_MAX_ARCHIVE_BYTES", "UPSC_EVAL_MAX_FILES"],
)
def test_limits_set_in_the_environment_refuse_with_their_figures(limited, key: str, message: str) -> None:  # noqa: ANN001
    rows, stderr, code = limited
    assert code == 0, stderr
    assert len(rows) == 5  # four answers, then the row that says the rest were not read
    assert message in rows[key]["error"] and rows[key]["outcome"] == "error"


def test_a_bad_limit_in_the_environment_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "q1.txt").write_text("An answer.", encoding="utf-8")
    code, stderr = _run_batch([str(tmp_path / "q1.txt"), "--out", str(tmp_path / "r.csv")],
                              env={"UPSC_EVAL_MAX_FILES": "lots"})
    assert code == 2
    assert stderr.strip() == "error: UPSC_EVAL_MAX_FILES='lots': must be a whole number above 0 (default 10000)"


# ---------------------------------------------------------------------------------------------------------------
# 3. The student page
# ---------------------------------------------------------------------------------------------------------------
APP = ROOT / "app.py"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], AppTest]:
    monkeypatch.setenv("UPSC_EVAL_DB", str(tmp_path / "attempts.sqlite"))
    monkeypatch.delenv("UPSC_EVAL_RUBRICS", raising=False)
    return lambda: AppTest.from_file(str(APP), default_timeout=60).run()


def _submit(at: AppTest, answer: str) -> AppTest:
    at.text_area(key="answer").input(answer)
    next(b for b in at.button if b.label == "Evaluate").click().run()
    return at


APP_PASTES = [
    ("100k characters", "India and the US. " * 5_600, "The answer is 100,800 characters, more than the 30,000 this evaluator scores"),
    ("100k words", "defence " * 100_000, "The answer is 800,000 characters"),
    ("Tamil", TAMIL, "does not look like English: none of its words are English words, and at least 50% must be"),
    ("only emoji", "🇮🇳🤝🇺🇸 " * 50, "The answer has no words, only punctuation, symbols or emoji"),
    ("only punctuation", "?!... --- ;;; ((( ))) " * 30, "The answer has no words"),
    ("NUL characters", "India\x00 and\x00 the\x00 US\x00 signed\x00 a roadmap.", "5 control or undecodable characters"),
]


@pytest.mark.parametrize(("answer", "message"), [(a, m) for _, a, m in APP_PASTES], ids=[i for i, _, _ in APP_PASTES])
def test_a_pasted_bad_answer_shows_what_is_wrong(app: Callable[[], AppTest], answer: str, message: str) -> None:
    at = _submit(app(), answer)
    assert not at.exception
    assert [e.value for e in at.error] and message in shown(at.error[0].value)
    assert not at.metric  # no marks for an answer that was not scored


def test_pasted_hinglish_gets_marks_and_a_note(app: Callable[[], AppTest]) -> None:
    at = _submit(app(), HINGLISH_TERMS)
    assert not at.exception and not at.error
    assert at.metric and float(at.metric[0].value.split("/")[0]) > 0
    assert any("Hinglish" in w.value for w in at.warning)


def test_pasted_html_and_markdown_stay_text(app: Callable[[], AppTest]) -> None:
    answer = GOOD + '\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) # Heading'
    at = _submit(app(), answer)
    assert not at.exception and not at.error
    highlighted = at.html[-1].value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in highlighted and "<script" not in highlighted
    assert "<img" not in highlighted and 'href="javascript' not in highlighted


@pytest.mark.parametrize(
    ("name", "data", "env", "message"),
    [
        ("answer.txt", b"India " * 2_000, {"UPSC_EVAL_MAX_UPLOAD_BYTES": "1000"},
         "answer.txt: file is 12,000 bytes; the limit is 1,000"),
        ("answer.txt", b"x", {"UPSC_EVAL_MAX_UPLOAD_BYTES": "-5"},
         "UPSC_EVAL_MAX_UPLOAD_BYTES='-5': must be a whole number above 0"),
        ("answer.pdf", encrypted_pdf_bytes(), {}, "answer.pdf: password-protected PDF"),
        ("answer.docx", OLE_HEADER, {}, "answer.docx: password-protected or old-format (.doc) Word file"),
        ("answer.pdf", PDF_BOMB, {}, "answer.pdf: corrupt or unreadable PDF (LimitReachedError)"),
        ("answer.docx", DOCX_BOMB, {}, "answer.docx: word/document.xml: refused: compression ratio "),
    ],
    ids=["over the upload limit", "bad upload limit", "encrypted pdf", "old .doc", "pdf bomb", "docx bomb"],
)
def test_an_upload_that_cannot_be_used_says_why(app: Callable[[], AppTest], monkeypatch: pytest.MonkeyPatch,
                                                 name: str, data: bytes, env: dict[str, str], message: str) -> None:
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    at = app()
    at.file_uploader[0].upload(name, data).run()
    assert not at.exception
    assert len(at.error) == 1 and message in shown(at.error[0].value)
    assert at.text_area(key="answer").value == ""


def test_a_utf16_upload_fills_the_answer_box(app: Callable[[], AppTest]) -> None:
    at = app()
    at.file_uploader[0].upload("notepad.txt", GOOD.encode("utf-16")).run()
    assert not at.error and at.text_area(key="answer").value == GOOD


# ---------------------------------------------------------------------------------------------------------------
# 4. The language of an answer: told, not scored as nonsense
# ---------------------------------------------------------------------------------------------------------------
LANGUAGE = [
    ("Hindi in Devanagari", HINDI, "hindi"),
    ("Hinglish in Latin script", HINGLISH, "hinglish"),
    ("Hinglish with English terms", HINGLISH_TERMS, "hinglish"),
    ("Urdu", "بھارت اور امریکہ کے درمیان دفاعی تعاون تیزی سے بڑھ رہا ہے۔ یہ دورہ ایک نیا باب ہے۔", "non_english"),
    ("Tamil", TAMIL, "non_english"),
    ("English with a Hindi quote", GOOD + '\n\nAs the saying goes, "वसुधैव कुटुम्बकम्" — the world is one family.',
     "scored"),
    ("English with Hindi terms", GOOD.replace("self-reliance", "Aatmanirbhar Bharat (आत्मनिर्भर भारत)"), "scored"),
    ("English with a Hindi paragraph", GOOD + "\n\n" + HINDI, "scored"),
    ("Hindi with an English paragraph", HINDI * 6 + "\n\nIndia and the US signed a roadmap.", "hindi"),
]


@pytest.mark.parametrize(("text", "outcome"), [(t, o) for _, t, o in LANGUAGE], ids=[i for i, _, _ in LANGUAGE])
def test_the_language_of_an_answer(rubric: Rubric, text: str, outcome: str) -> None:
    question: Question = rubric.question("Q1")
    result = evaluate(text, question)
    if outcome == "non_english":
        assert result.outcome == outcome, result.message
        assert "does not look like English" in result.message and "in English or in Hindi" in result.message
        return
    if outcome == "hindi":  # a Hindi-medium answer: scored against the English rubric, with a note in English
        assert result.outcome == "scored" and "hindi" in result.flags and "spelling" not in result.flags
        assert any("Hindi-medium" in f.message for f in result.feedback if f.kind == "warning")
        return
    assert result.outcome == "scored" and result.marks > 0, result.message
    if outcome == "hinglish":  # content marked, with a note and without spelling complaints about Hindi words
        assert "hinglish" in result.flags and "spelling" not in result.flags
        assert any("Hinglish" in f.message for f in result.feedback if f.kind == "warning")
