"""Batch scoring end to end: files in, one row per answer out, nothing lost across interruptions."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info

from evaluator import load_rubric, parse_rubric
from evaluator.batch.rows import ResultRow
from evaluator.batch.runner import BatchOptions, run_batch, score_item
from evaluator.batch.summary import format_summary, summarise
from evaluator.cli import main
from evaluator.io.sources import AnswerItem, iter_items
from evaluator.store.runs import RunStore
from tests.answer_files import RUBRIC, SAMPLES, answers_csv, mentor_folder, sample, zip_bytes

ROOT = Path(__file__).resolve().parents[2]
FAST = ["--no-semantic"]  # keyword matching only: the same pipeline, a fraction of the time


@pytest.fixture(scope="module")
def rubric():  # noqa: ANN201
    return load_rubric(RUBRIC)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def many_answers(folder: Path, count: int) -> Path:
    """``count`` distinct answers: the 28 samples in turn, each copy with a sentence of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in SAMPLES.glob("q*.txt"))
    for n in range(count):
        name = names[n % len(names)]
        text = sample(name) + f"\n\nThis is copy {n} of the answer, for batch {n // len(names)}."
        (folder / f"s{n:04d}_{name}").write_text(text, encoding="utf-8")
    return folder


def test_a_mentors_mixed_inputs_give_one_row_each_with_the_right_error(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    files = mentor_folder()
    answers = tmp_path / "answers"
    answers.mkdir()
    for name, (data, _, _) in files.items():
        (answers / name).write_bytes(data)
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(zip_bytes({
        "q2_zara.txt": sample("q2_excellent.txt").encode(),
        "../evil.txt": b"climbs out",
        "q1_bomb.txt": b"A" * 4_000_000,
    }))
    table = tmp_path / "class.csv"
    table.write_bytes(answers_csv([("Dev", "Q3", sample("q3_average.txt")), ("=cmd|' /C calc'!A0", "Q4", "")]))
    out = tmp_path / "results.csv"

    code = main(["batch", str(answers), str(bundle), str(table), "--rubric", str(RUBRIC), "--out", str(out)])

    assert code == 0
    rows = {r["file"]: r for r in read_csv(out)}
    expected = {str(answers / name): error for name, (_, _, error) in files.items()}
    expected |= {f"{bundle}/q2_zara.txt": None, f"{bundle}/../evil.txt": "leaves the archive",
                 f"{bundle}/q1_bomb.txt": "compression ratio", f"{table}#2": None, f"{table}#3": "The answer is empty"}
    assert sorted(rows) == sorted(expected)  # one row per input, none lost, none twice
    for key, error in expected.items():
        row = rows[key]
        if error is None:
            assert row["outcome"] == "scored" and row["error"] == "" and float(row["marks"]) > 0, key
            assert row["feedback"] and int(row["word_count"]) > 50
        else:
            assert error in row["error"] and row["error"].startswith(key + ": "), (key, row["error"])
            assert row["outcome"] in ("error", "empty") and row["marks"] == "", key  # no marks, not 0
    assert rows[f"{table}#3"]["student"] == "'=cmd|' /C calc'!A0"  # a formula in a name stays text
    # questions differ: each question's key points get their own columns, blank for the other questions' answers
    assert rows[str(answers / "asha_q1.txt")]["kp:Q1:visit-context"] in ("covered", "partial", "missing")
    assert float(rows[str(answers / "asha_q1.txt")]["kp:Q1:visit-context:score"]) >= 0

    err = capsys.readouterr().err
    assert "scoring: 100%" in err  # the progress bar
    assert "17 answers: 6 scored, 2 not scored (empty, too long, not English...), 9 errors" in err
    assert "of max marks over 6 scored answers; answers not scored have no marks and are left out" in err
    assert "  Q2: mean " in err and " of 10 marks (" in err  # 10- and 15-mark questions: a mean for each
    assert "marks bands (share of max): 0-25%:" in err


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_the_output_format_follows_the_suffix(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"results{suffix}"
    args = ["batch", str(SAMPLES / "q2_average.txt"), str(SAMPLES / "q2_poor.txt"), "--rubric", str(RUBRIC)]
    assert main([*args, "--out", str(out), *FAST]) == 0
    data = out.read_bytes()
    if suffix == ".csv":
        rows = read_csv(out)
        assert len(rows) == 2 and any(column.startswith("kp:") for column in rows[0])  # one question: a column each
    elif suffix == ".jsonl":
        assert len(data.decode().splitlines()) == 2
    else:
        assert data[:2] == b"PK"  # an .xlsx is a zip


def test_the_samples_folder_scores_with_questions_from_the_file_names(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main(["batch", str(SAMPLES), "--rubric", str(RUBRIC), "--out", str(out), *FAST]) == 0
    rows = read_csv(out)
    answers = sorted(SAMPLES.rglob("q*.txt"))  # the English samples and the Hindi ones in hindi/
    marks_files = {r["file"] for r in rows if r["file"].endswith("marks.csv")}  # every file found gets a row
    assert marks_files == {str(p) for p in SAMPLES.rglob("marks.csv")}
    rows = [r for r in rows if r["file"] not in marks_files]
    assert len(rows) == len(answers) > 28
    assert all(r["question"] == Path(r["file"]).name[:2].upper() for r in rows)
    assert {r["outcome"] for r in rows} == {"scored"}  # the Hindi samples too


def test_a_second_run_scores_only_what_the_first_did_not(tmp_path: Path, rubric) -> None:  # noqa: ANN001
    items = list(iter_items([many_answers(tmp_path / "a", 40)], question_ids=rubric.question_ids))
    options = BatchOptions(semantic=False, chunk_size=3)
    with RunStore(tmp_path / "runs.sqlite") as store:
        first = run_batch(items[:15], rubric, options=options, store=store)
        second = run_batch(items, rubric, options=options, store=store)
        assert store.count() == 40

    fresh = run_batch(items, rubric, options=options)
    assert (first.scored, first.reused) == (15, 0)
    assert (second.scored, second.reused) == (25, 15)
    assert [r.key for r in second.rows] == [i.key for i in items]  # input order, no duplicates
    assert second.rows == fresh.rows  # a reused row is the row a fresh run gives


def test_a_changed_answer_or_rubric_is_scored_again(tmp_path: Path, rubric) -> None:  # noqa: ANN001
    folder = many_answers(tmp_path / "a", 8)  # seven Q1 answers and one Q2
    options = BatchOptions(semantic=False)
    with RunStore(tmp_path / "runs.sqlite") as store:
        run_batch(list(iter_items([folder], question_ids=rubric.question_ids)), rubric, options=options, store=store)
        edited = sorted(folder.iterdir())[2]
        edited.write_text(edited.read_text() + "\nA late addition.", encoding="utf-8")
        items = list(iter_items([folder], question_ids=rubric.question_ids))
        assert run_batch(items, rubric, options=options, store=store).scored == 1
        assert run_batch(items, rubric, options=BatchOptions(semantic=True), store=store).scored == 8  # other settings

        text = RUBRIC.read_text(encoding="utf-8")
        assert run_batch(items, parse_rubric(re.sub(r"version: (\d+)", lambda m: f"version: {int(m[1]) + 1}", text, count=1),
                                         base=RUBRIC.parent), options=options,
                         store=store).scored == 8
        reworded = parse_rubric(text.replace("weight: 3", "weight: 2.5", 1), base=RUBRIC.parent)  # same version, other points
        assert run_batch(items, reworded, options=options, store=store).scored == 7  # the Q1 answers


def test_a_killed_run_resumes_without_rescoring_or_duplicates(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = many_answers(tmp_path / "answers", 300)
    db, out = tmp_path / "runs.sqlite", tmp_path / "results.csv"
    args = ["batch", str(folder), "--rubric", str(RUBRIC), "--out", str(out), "--db", str(db), "--chunk-size", "2",
            *FAST]
    process = subprocess.Popen([sys.executable, "-m", "evaluator", *args], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if db.exists():
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as reader:
                    try:
                        stored_at_kill = reader.execute("SELECT COUNT(*) FROM results").fetchone()[0]
                    except sqlite3.OperationalError:  # table not created yet
                        stored_at_kill = 0
                if stored_at_kill >= 20:
                    break
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
    finally:
        process.wait(timeout=30)
    assert 20 <= stored_at_kill < 300, "the run must be stopped part-way"
    assert not out.exists()  # the table is written only when the batch is complete

    with sqlite3.connect(db) as reader:
        stored = reader.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    assert main(args) == 0

    rows = read_csv(out)
    assert len(rows) == 300 and len({r["file"] for r in rows}) == 300
    assert f"300 rows written to {out} ({300 - stored} scored now, {stored} from {db})" in capsys.readouterr().err
    with sqlite3.connect(db) as reader:
        assert reader.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 300
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_worker_processes_give_the_same_rows_as_one(tmp_path: Path, rubric) -> None:  # noqa: ANN001
    items = list(iter_items([many_answers(tmp_path / "a", 12)], question_ids=rubric.question_ids))
    seen: list[str] = []
    one = run_batch(items, rubric, options=BatchOptions(jobs=1))
    two = run_batch(items, rubric, options=BatchOptions(jobs=2, chunk_size=2), on_row=lambda r: seen.append(r.key))
    assert two.rows == one.rows
    assert sorted(seen) == sorted(i.key for i in items)  # every row reported once, in finishing order


@pytest.mark.parametrize("start", ["fork", "loky"])
def test_forked_and_loky_workers_give_the_same_rows(tmp_path: Path, rubric, start: str) -> None:  # noqa: ANN001
    # forked workers share the batch process's models and rubric; loky's load their own
    items = list(iter_items([many_answers(tmp_path / "a", 6)], question_ids=rubric.question_ids))
    one = run_batch(items, rubric, options=BatchOptions(jobs=1))
    assert run_batch(items, rubric, options=BatchOptions(jobs=2, chunk_size=2, start=start)).rows == one.rows


def test_a_local_dask_cluster_of_two_workers_gives_the_same_rows_as_local_jobs(tmp_path: Path, rubric) -> None:  # noqa: ANN001
    distributed = pytest.importorskip("dask.distributed")
    items = list(iter_items([many_answers(tmp_path / "a", 8)], question_ids=rubric.question_ids))
    local = run_batch(items, rubric, options=BatchOptions(jobs=2, chunk_size=2))
    # two workers in this process (threads): the same scheduling as a cluster of machines, without starting processes
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = run_batch(items, rubric, options=BatchOptions(scheduler=cluster.scheduler_address, chunk_size=2))
    assert remote.rows == local.rows


# The cluster runs in its own process: its workers are spawned, and spawning from the test process would
# re-run whatever script is __main__ there (Streamlit's AppTest leaves app.py in that place).
_CLUSTER = """
import sys
from dask.distributed import LocalCluster
with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def dask_scheduler():
    pytest.importorskip("dask.distributed")
    proc = subprocess.Popen([sys.executable, "-c", _CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        address = proc.stdout.readline().strip()
        assert address.startswith("tcp://"), "the local Dask cluster did not start"
        yield address
    finally:
        proc.communicate("stop\n", timeout=60)


def test_a_dask_cluster_runs_the_batch_with_one_thread_per_worker(tmp_path: Path, dask_scheduler: str) -> None:
    from dask import distributed

    folder = many_answers(tmp_path / "a", 10)
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert main(["batch", str(folder), "--rubric", str(RUBRIC), "--out", str(local)]) == 0

    args = ["batch", str(folder), "--rubric", str(RUBRIC), "--out", str(remote), "--db", str(tmp_path / "d.sqlite"),
            "--scheduler", dask_scheduler]
    assert main(args) == 0
    with distributed.Client(dask_scheduler) as client:
        env = client.run(lambda: (os.environ.get("OMP_NUM_THREADS"), os.environ.get("OPENBLAS_NUM_THREADS")))
        pools = client.run(lambda: sorted({p["num_threads"] for p in threadpool_info()}))
    assert list(env.values()) == [("1", "1")]
    assert list(pools.values()) == [[1]]  # NumPy's BLAS in the worker runs one thread
    assert read_csv(remote) == read_csv(local)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--question", "Q9"], "no question 'Q9' in rubric 'india-us-defence'; available: Q1, Q2, Q3, Q4"),
        (["--jobs", "0"], "--jobs must be -1 or at least 1"),
        (["--out", "/no/such/folder/out.csv"], "does not exist"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               extra: list[str], message: str) -> None:
    args = ["batch", str(SAMPLES / "q1_poor.txt"), "--rubric", str(RUBRIC), "--out", str(tmp_path / "o.csv"), *extra]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Q1", {"q2_asha.txt": "Q2", "ravi_q4.txt": "Q4", "essay.txt": "Q1", "class.csv#2": "", "class.csv#3": "Q1"}),
        (None, {"q2_asha.txt": "Q2", "ravi_q4.txt": "Q4", "essay.txt": "", "class.csv#2": "", "class.csv#3": ""}),
    ],
    ids=["--question Q1", "no --question"],
)
def test_question_is_a_default_for_answers_that_name_none(tmp_path: Path, question: str | None,
                                                          expected: dict[str, str]) -> None:
    for name in ("q2_asha.txt", "ravi_q4.txt", "essay.txt"):
        (tmp_path / name).write_text("India and the US signed a defence roadmap.", encoding="utf-8")
    (tmp_path / "class.csv").write_bytes(answers_csv([("Ghost", "Q9", "An answer."), ("Dev", "", "An answer.")]))
    out = tmp_path / "out.csv"
    args = ["batch", *(str(tmp_path / n) for n in ("q2_asha.txt", "ravi_q4.txt", "essay.txt", "class.csv")),
            "--rubric", str(RUBRIC), "--out", str(out), *FAST]
    assert main([*args, *(["--question", question] if question else [])]) == 0
    rows = {Path(r["file"]).name: r for r in read_csv(out)}
    assert {name: row["question"] for name, row in rows.items()} == expected
    assert "question 'Q9' is not in the rubric" in rows["class.csv#2"]["error"]  # regression: was scored as Q1


def test_the_help_says_what_question_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "So --question is a default for answers that name no question" in text
    assert "q4_ravi.txt is still scored as Q4" in text
    assert "Answers not scored (errors, and answers refused as empty, too long, not English...) have blank" in text


def test_a_folder_with_no_files_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".DS_Store").write_bytes(b"\x00")
    assert main(["batch", str(tmp_path / "empty"), "--rubric", str(RUBRIC), "--out", str(tmp_path / "o.csv")]) == 2
    assert "no files found in" in capsys.readouterr().err


def test_a_folder_of_files_that_are_not_answers_gives_a_row_for_each(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "q1_asha.xlsx").write_bytes(b"PK\x03\x04")  # a spreadsheet (a photo would be read by OCR)
    assert main(["batch", str(tmp_path / "in"), "--rubric", str(RUBRIC), "--out", str(tmp_path / "o.csv")]) == 0
    [row] = read_csv(tmp_path / "o.csv")
    assert row["error"].endswith("q1_asha.xlsx: unsupported file type '.xlsx'; use .txt, .md, .docx, .pdf, .png, "
                                 ".jpg, .jpeg, .webp, .tif, .tiff")


def test_summary_counts_and_bands(rubric) -> None:  # noqa: ANN001

    items = [AnswerItem("a", "a", "a", "Q1", sample("q1_excellent.txt")), AnswerItem("b", "b", "b", "Q1", ""),
             AnswerItem("c", "c", "c", None, error="c: corrupt")]
    rows = [score_item(i, rubric, semantic=False) for i in items]
    summary = summarise(rows)
    assert (summary.count, summary.scored, summary.not_scored, summary.errors) == (3, 1, 1, 1)
    assert sum(summary.bands.values()) == 1 and summary.mean_marks == rows[0].marks
    assert (summary.max_marks, list(summary.questions)) == (15.0, ["Q1"])


TAMIL = "இந்தியா மற்றும் அமெரிக்கா இடையே பாதுகாப்பு ஒத்துழைப்பு வேகமாக வளர்ந்து வருகிறது. " * 5


@pytest.mark.parametrize(
    ("name", "item", "outcome"),
    [
        ("empty", AnswerItem("e.txt", "e.txt", "e", "Q1", ""), "empty"),
        ("non-English", AnswerItem("h.txt", "h.txt", "h", "Q2", TAMIL), "non_english"),
        ("too long", AnswerItem("l.txt", "l.txt", "l", "Q1", "defence " * 100_000), "too_long"),
        ("unreadable file", AnswerItem("b.pdf", "b.pdf", "b", "Q4", None, error="b.pdf: corrupt PDF"), "error"),
        ("unknown question", AnswerItem("x.txt", "x.txt", "x", None, None, error="x.txt: no question id"), "error"),
    ],
)
def test_answers_not_scored_carry_no_marks(rubric, name: str, item: AnswerItem, outcome: str) -> None:  # noqa: ANN001
    row = score_item(item, rubric, semantic=False)
    assert (row.outcome, row.marks) == (outcome, None), name
    assert row.error.startswith(item.key + ": ")  # the error column says why
    assert row.max_marks == (rubric.question(item.question_id).marks if item.question_id else None)


@pytest.mark.parametrize(
    ("marks", "mean_share", "mean_marks", "max_marks", "per_question"),
    [
        # one question: a mean of marks, the refused answer's absent marks left out (not averaged in as 0)
        ([("Q1", 9.0, 15.0), ("Q1", 6.0, 15.0)], 0.5, 7.5, 15.0, {"Q1": 7.5}),
        # 15- and 10-mark questions: no mean of marks, a mean share and one mean per question
        ([("Q1", 9.0, 15.0), ("Q2", 8.0, 10.0), ("Q2", 4.0, 10.0)], 0.6, None, None, {"Q1": 9.0, "Q2": 6.0}),
        # two questions of the same max marks: a mean of marks is meaningful
        ([("Q1", 15.0, 15.0), ("Q3", 0.0, 15.0)], 0.5, 7.5, 15.0, {"Q1": 15.0, "Q3": 0.0}),
        ([], None, None, None, {}),
    ],
    ids=["one question", "10 and 15 marks", "same max marks", "nothing scored"],
)
def test_summary_means_use_scored_answers_only(marks: list[tuple[str, float, float]], mean_share: float | None,
                                               mean_marks: float | None, max_marks: float | None,
                                               per_question: dict[str, float]) -> None:
    rows = [ResultRow(f"{i}.txt", "s", q, m, mx, "scored") for i, (q, m, mx) in enumerate(marks)]
    rows += [ResultRow("h.txt", "h", "Q1", None, 15.0, "non_english", error="h.txt: not English"),
             ResultRow("b.pdf", "b", "Q2", None, 10.0, "error", error="b.pdf: corrupt PDF")]
    summary = summarise(rows)
    assert (summary.scored, summary.not_scored, summary.errors) == (len(marks), 1, 1)
    assert (summary.mean_share, summary.mean_marks, summary.max_marks) == (mean_share, mean_marks, max_marks)
    assert {q: m.mean_marks for q, m in summary.questions.items()} == per_question
    text = format_summary(summary)
    assert ("of max marks" in text) == (mean_share is not None and mean_marks is None)
    assert ("mean" in text) == (mean_share is not None)


def test_resumed_rows_keep_blank_marks_for_answers_not_scored(tmp_path: Path, rubric) -> None:  # noqa: ANN001
    items = [AnswerItem("good.txt", "good.txt", "g", "Q1", sample("q1_average.txt")),
             AnswerItem("tamil.txt", "tamil.txt", "t", "Q2", TAMIL),
             AnswerItem("empty.txt", "empty.txt", "e", "Q1", ""),
             AnswerItem("bad.pdf", "bad.pdf", "b", "Q4", None, error="bad.pdf: corrupt PDF")]
    options = BatchOptions(semantic=False)
    with RunStore(tmp_path / "runs.sqlite") as store:
        first = run_batch(items, rubric, options=options, store=store)
        again = run_batch(items, rubric, options=options, store=store)
    assert (again.scored, again.reused) == (0, 4)  # the rows stored as JSON are found and read back
    assert again.rows == first.rows
    assert [r.marks is None for r in again.rows] == [False, True, True, True]


@pytest.mark.parametrize(
    "stored_json",
    ["json_set(row_json, '$.marks', 0.0)",  # a refusal with 0 marks, as rows of format 2 had
     "json_set(row_json, '$.grade', 'A')",  # a field this code does not know
     "'not json'"],
    ids=["zero marks on a refusal", "unknown field", "not JSON"],
)
def test_a_stored_row_of_another_shape_is_scored_again(tmp_path: Path, rubric, stored_json: str) -> None:  # noqa: ANN001
    items = [AnswerItem("empty.txt", "empty.txt", "e", "Q1", "")]
    db = tmp_path / "runs.sqlite"
    with RunStore(db) as store:
        run_batch(items, rubric, options=BatchOptions(semantic=False), store=store)
    with sqlite3.connect(db) as writer:
        writer.execute(f"UPDATE results SET row_json = {stored_json}")  # noqa: S608 - the test's own literals
    with RunStore(db) as store:
        result = run_batch(items, rubric, options=BatchOptions(semantic=False), store=store)
    assert (result.scored, result.reused, result.rows[0].marks) == (1, 0, None)


def test_every_row_records_the_rubric_version_that_scored_it(rubric) -> None:  # noqa: ANN001
    good = AnswerItem("a.txt", "a.txt", "a", "Q2", (SAMPLES / "q2_poor.txt").read_text(encoding="utf-8"))
    unreadable = AnswerItem("b.pdf", "b.pdf", "b", "Q2", None, error="b.pdf: corrupt or unreadable PDF")
    newer = rubric.model_copy(update={"version": 7})
    assert {score_item(i, newer, semantic=False).rubric for i in (good, unreadable)} == {"india-us-defence@v7"}


def test_stored_rows_depend_on_the_scoring_code_and_the_encoder_not_on_help_texts() -> None:
    from evaluator.batch import runner

    # the fingerprint reads the scoring code (core, rubric model, rows, runner) and the reader of a file's bytes,
    # not the shells; a photo's row also reads the OCR code
    assert "core" in runner.SCORING_CODE and not any(name.startswith(("cli", "store", "views")) for name in
                                                      runner.SCORING_CODE)
    assert [name for name in runner.SCORING_CODE if name.startswith("io")] == ["io/ingest.py", "io/archives.py"]
    assert all(name.startswith("io/") for name in runner.READING_CODE)
    with_encoder, without = runner.scorer_fingerprint(True), runner.scorer_fingerprint(False)
    assert with_encoder != without  # rows scored with and without sentence vectors are never mixed


# --- issue 16: a batch streams its answers; a resumed one does not read stored answers again ---


@pytest.mark.parametrize(("jobs", "chunk", "ahead_at_most"), [
    (1, 4, 3),  # in this process: a chunk is scored as soon as it is full
    (2, 2, 2 * (2 * 2 + 1)),  # chunk size x (two chunks per worker in flight, and the one being filled)
], ids=["in this process", "2 local workers"])
def test_regression_a_batch_reads_its_answers_as_it_scores_them(tmp_path: Path, rubric, jobs: int, chunk: int,  # noqa: ANN001
                                                                ahead_at_most: int) -> None:
    folder = many_answers(tmp_path / "a", 48)
    drawn, ahead = 0, []

    def answers():  # noqa: ANN202
        nonlocal drawn
        for item in iter_items([folder], question_ids=rubric.question_ids, extract=False):
            drawn += 1
            yield item

    done: list[ResultRow] = []
    result = run_batch(answers(), rubric, options=BatchOptions(jobs=jobs, semantic=False, chunk_size=chunk),
                       on_row=lambda row: (done.append(row), ahead.append(drawn - len(done))))
    assert sorted(r.key for r in result.rows) == sorted(r.key for r in done) and len(done) == 48
    assert max(ahead) <= ahead_at_most  # was: every answer read (300 x 4.9 MB: 1.75 GB) before the first was scored


def test_regression_a_resumed_batch_finds_stored_answers_without_reading_them_again(tmp_path: Path,
                                                                                     rubric) -> None:  # noqa: ANN001
    from dataclasses import replace

    from tests.answer_files import docx_bytes, pdf_bytes

    folder = tmp_path / "a"
    folder.mkdir()
    for n, name in enumerate(["q1_excellent.txt", "q2_average.txt", "q3_poor.txt", "q4_paraphrased.txt"]):
        (folder / f"s{n}_{name[:2]}.pdf").write_bytes(pdf_bytes(sample(name)))
        (folder / f"t{n}_{name[:2]}.docx").write_bytes(docx_bytes(sample(name)))
    items = list(iter_items([folder], question_ids=rubric.question_ids, extract=False))
    assert all(i.unread for i in items)
    with RunStore(tmp_path / "runs.sqlite") as store:
        first = run_batch(items, rubric, options=BatchOptions(semantic=False), store=store)
        # the same files, known by path, size, time and content hash only: their bytes are not even at hand
        known = [replace(i, data=None) for i in items]
        again = run_batch(known, rubric, options=BatchOptions(semantic=False), store=store)
    assert (first.scored, again.scored, again.reused) == (8, 0, 8)
    assert again.rows == first.rows and all(r.outcome == "scored" for r in again.rows)


def test_a_file_changed_since_the_last_run_is_read_again(tmp_path: Path, rubric) -> None:  # noqa: ANN001
    folder = many_answers(tmp_path / "a", 3)
    with RunStore(tmp_path / "runs.sqlite") as store:
        run = lambda: run_batch(iter_items([folder], question_ids=rubric.question_ids, extract=False), rubric,  # noqa: E731
                                options=BatchOptions(semantic=False), store=store)
        assert run().scored == 3
        changed = sorted(folder.iterdir())[0]
        changed.write_text(changed.read_text(encoding="utf-8") + " More.", encoding="utf-8")
        assert (run().scored, run().scored) == (1, 0)
        os.utime(changed, ns=(1, 1))  # the same bytes, another time: read again (the key is size, time and hash)
        assert run().scored == 1


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the file system refuses names that are not Unicode")
def test_regression_a_file_name_that_is_not_utf8_does_not_stop_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "q2_asha.txt").write_text(sample("q2_average.txt"), encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), "café_q1.txt".encode("latin-1")), "wb") as handle:
        handle.write(sample("q1_average.txt").encode())
    out = tmp_path / "results.csv"
    assert main(["batch", str(folder), "--rubric", str(RUBRIC), "--out", str(out), "--db", ":memory:", *FAST]) == 0
    rows = {Path(r["file"]).name: r for r in read_csv(out)}  # was: UnicodeEncodeError in the run store
    assert sorted(rows) == ["caf%E9_q1.txt", "q2_asha.txt"]
    assert rows["caf%E9_q1.txt"]["outcome"] == "scored" and rows["caf%E9_q1.txt"]["student"] == "caf%E9"


def _alive(pids: list[int]) -> list[int]:
    import psutil

    return [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


def test_regression_local_workers_exit_when_the_batch_is_killed(tmp_path: Path) -> None:
    import psutil

    folder = many_answers(tmp_path / "answers", 400)
    db = tmp_path / "runs.sqlite"
    args = ["batch", str(folder), "--rubric", str(RUBRIC), "--out", str(tmp_path / "r.csv"), "--db", str(db),
            "--jobs", "2", "--chunk-size", "2", *FAST]
    batch = subprocess.Popen([sys.executable, "-m", "evaluator", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and batch.poll() is None:
            workers = [p.pid for p in psutil.Process(batch.pid).children(recursive=True)]
            if len(workers) >= 2 and db.exists():
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as reader:
                    try:
                        if reader.execute("SELECT COUNT(*) FROM results").fetchone()[0] >= 10:
                            break
                    except sqlite3.OperationalError:
                        pass
            time.sleep(0.05)
        assert batch.poll() is None and len(workers) >= 2, "the batch must be killed while its workers score"
        batch.kill()  # SIGKILL: no chance to shut its workers down
        batch.wait(timeout=30)
        gone, alive = psutil.wait_procs([psutil.Process(pid) for pid in _alive(workers)], timeout=60)
        assert not _alive(workers), "workers outlived the batch that started them (they held ~370 MB each for 330 s)"
    finally:
        for pid in _alive(workers):  # our own batch's workers, should the fix fail
            psutil.Process(pid).kill()


# A cluster whose scheduler and workers import an 'evaluator' other than this one: a broken install, or other code
_FAKE_EVALUATOR = {
    "broken install": {"evaluator/__init__.py": "raise ImportError('evaluator is not installed here')\n"},
    "other code": {"evaluator/__init__.py": "", "evaluator/batch/__init__.py": "",
                   "evaluator/batch/runner.py": "def cluster_probe():\n    return 'another-version'\n"},
}


@pytest.mark.parametrize(("case", "message"), [
    ("broken install", "cannot run the evaluator (RuntimeError: Error during deserialization of the task graph."),
    ("other code", "run other evaluator code than this one (scoring fingerprint another-version"),
])
def test_regression_a_dask_cluster_that_cannot_run_the_evaluator_fails_fast_with_a_message(
        tmp_path: Path, case: str, message: str) -> None:
    for name, text in _FAKE_EVALUATOR[case].items():
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    cluster = subprocess.Popen([sys.executable, "-c", _CLUSTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=tmp_path, env=env)
    try:
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://"), "the local Dask cluster did not start"
        args = ["batch", str(SAMPLES / "q1_poor.txt"), "--rubric", str(RUBRIC), "--out", str(tmp_path / "o.csv"),
                "--scheduler", address, *FAST]
        proc = subprocess.run([sys.executable, "-m", "evaluator", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=240)  # was: 14 minutes at 0% and counting
    finally:
        cluster.communicate("stop\n", timeout=60)
    assert proc.returncode == 2, proc.stderr
    error = proc.stderr.strip().splitlines()[-1]
    assert error.startswith("error: the Dask") and message in error, error
    assert "run 'pip install -e .' in the project folder" in error and "Traceback" not in proc.stderr


def test_the_project_installs_as_the_evaluator_package(tmp_path: Path) -> None:
    # `make setup` runs `pip install -e .` so that Dask workers and any folder import the evaluator
    proc = subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "egg_info",
                           "--egg-base", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    [info] = tmp_path.glob("*.egg-info")
    assert (info / "top_level.txt").read_text().split() == ["evaluator"]
    assert "pip install -q --no-deps -e ." in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_a_parallel_batch_prints_nothing_after_it_ends(tmp_path: Path) -> None:
    # local workers run in loky's executor without joblib's memmapping folders, whose double unregistering made
    # loky's resource_tracker print KeyError tracebacks after the test summary
    folder = many_answers(tmp_path / "a", 30)
    out = tmp_path / "r.csv"
    proc = subprocess.run([sys.executable, "-m", "evaluator", "batch", str(folder), "--rubric", str(RUBRIC), "--out",
                           str(out), "--jobs", "2", "--chunk-size", "2", *FAST], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.rstrip().endswith(f"30 rows written to {out} (30 scored now, 0 from "
                                         f"{out.with_suffix('.runs.sqlite')})")
    assert not any(word in proc.stderr for word in ("resource_tracker", "KeyError", "Traceback", "leaked"))


GST_SAMPLES = ROOT / "samples" / "gst-council-federalism"


@pytest.fixture
def gst_class(tmp_path: Path) -> Path:
    """A class's folder of GST answers (the sample answers only)."""
    folder = tmp_path / "gst"
    folder.mkdir()
    for path in GST_SAMPLES.glob("q*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_a_batch_on_the_wrong_rubric_stops_before_scoring_and_names_the_right_one(
        tmp_path: Path, gst_class: Path, capsys: pytest.CaptureFixture[str]) -> None:
    GST = gst_class  # noqa: N806
    out = tmp_path / "out.csv"
    assert main(["batch", str(GST), "--rubric", str(RUBRIC), "--out", str(out), *FAST]) == 2
    err = capsys.readouterr().err
    assert "7 of 8 answers fit rubrics/gst-council-federalism.yaml better" in err and "nothing was scored" in err
    assert not out.exists()

    assert main(["batch", str(GST), "--rubric", str(RUBRIC), "--keep-rubric", "--out", str(out), *FAST]) == 0
    rows = read_csv(out)
    assert sum(r["fits_better"].startswith("gst-council-federalism Q") for r in rows) == 7


def test_a_batch_without_a_rubric_takes_the_one_its_answers_fit(tmp_path: Path, gst_class: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    GST = gst_class  # noqa: N806
    out = tmp_path / "out.csv"
    assert main(["batch", str(GST), "--out", str(out), *FAST]) == 0
    assert "chose rubric rubrics/gst-council-federalism.yaml (7 of 8 answers fit it best)" in capsys.readouterr().err
    rows = read_csv(out)
    version = load_rubric(ROOT / "rubrics" / "gst-council-federalism.yaml").version
    assert {r["rubric"] for r in rows} == {f"gst-council-federalism@v{version}"} and len(rows) == 8
    assert "fits_better" not in rows[0]


def test_a_batch_without_a_rubric_or_question_ids_takes_the_question_most_answers_fit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("asha", "ravi"):
        kind = "topper" if name == "asha" else "average"
        (tmp_path / f"{name}.txt").write_bytes((GST_SAMPLES / f"q2_{kind}.txt").read_bytes())
    out = tmp_path / "out.csv"
    assert main(["batch", str(tmp_path / "asha.txt"), str(tmp_path / "ravi.txt"), "--out", str(out), *FAST]) == 0
    assert "chose question Q2 for answers that name none" in capsys.readouterr().err
    assert [r["question"] for r in read_csv(out)] == ["Q2", "Q2"]
