"""Specification of the attempts store: what is saved comes back, per question, across restarts and threads."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from evaluator import Evaluation, Question, ScoringSettings, evaluate, load_rubric
from evaluator.store.attempts import DB_ENV_VAR, AttemptStore, default_db_path

ROOT = Path(__file__).resolve().parents[2]
LEXICAL = ScoringSettings(semantic=False)  # store tests need real evaluations, not the embedding model


@pytest.fixture(scope="session")
def rubric():  # noqa: ANN201 - evaluator.Rubric
    return load_rubric(ROOT / "rubrics/india_us_defence.yaml")


@pytest.fixture(scope="session")
def q1(rubric) -> Question:  # noqa: ANN001
    return rubric.question("Q1")


@pytest.fixture(scope="session")
def scored(q1: Question) -> Evaluation:
    return evaluate((ROOT / "samples/india-us-defence/q1_average.txt").read_text(encoding="utf-8"), q1, settings=LEXICAL)


@pytest.fixture
def store(tmp_path: Path) -> AttemptStore:
    return AttemptStore(tmp_path / "attempts.sqlite")


@pytest.mark.parametrize(
    "answer",
    ["India and the US signed a roadmap.", "भारत और अमेरिका", "<script>alert(1)</script>", "emoji 🇮🇳 and\nnew\tlines", ""],
)
def test_saved_attempt_comes_back_unchanged(store: AttemptStore, q1: Question, answer: str) -> None:
    evaluation = evaluate(answer, q1, settings=LEXICAL)
    attempt_id = store.save("india-us-defence", 3, "Q1", answer, evaluation)
    [attempt] = store.history("india-us-defence", "Q1")
    assert attempt.id == attempt_id
    assert (attempt.rubric_id, attempt.rubric_version, attempt.question_id) == ("india-us-defence", 3, "Q1")
    assert attempt.answer == answer
    assert (attempt.marks, attempt.max_marks, attempt.outcome) == (evaluation.marks, evaluation.max_marks, evaluation.outcome)
    assert attempt.word_count == evaluation.word_count
    assert attempt.evaluation == json.loads(json.dumps(evaluation.to_dict()))
    assert attempt.created_at.tzinfo is not None


def test_history_is_per_rubric_and_question_oldest_first(store: AttemptStore, scored: Evaluation) -> None:
    saves = [("r1", "Q1", "first"), ("r1", "Q2", "other question"), ("r2", "Q1", "other rubric"), ("r1", "Q1", "second")]
    for rubric_id, question_id, answer in saves:
        store.save(rubric_id, 1, question_id, answer, scored)
    assert [a.answer for a in store.history("r1", "Q1")] == ["first", "second"]
    assert [a.answer for a in store.history("r1", "Q2")] == ["other question"]
    assert [a.answer for a in store.history("r2", "Q1")] == ["other rubric"]
    assert store.history("r3", "Q1") == []
    first, second = store.history("r1", "Q1")
    assert first.created_at <= second.created_at and first.id < second.id


def test_history_survives_a_restart(tmp_path: Path, scored: Evaluation) -> None:
    path = tmp_path / "attempts.sqlite"
    AttemptStore(path).save("r1", 1, "Q1", "before restart", scored)
    assert [a.answer for a in AttemptStore(path).history("r1", "Q1")] == ["before restart"]


def test_an_answer_from_a_photo_keeps_what_ocr_read_beside_the_corrected_text(store: AttemptStore,
                                                                              scored: Evaluation) -> None:
    corrected, read = "India and the US signed a roadmap.", "lndia and the U5 signed a roadrnap."
    store.save("r1", 1, "Q1", corrected, scored, ocr_text=read)
    store.save("r1", 1, "Q1", "typed", scored)
    photo, typed = store.history("r1", "Q1")
    assert (photo.answer, photo.ocr_text) == (corrected, read)
    assert typed.ocr_text == ""


def test_a_database_from_before_photos_gets_the_ocr_column(tmp_path: Path, scored: Evaluation) -> None:
    path = tmp_path / "old.sqlite"
    AttemptStore(path).save("r1", 1, "Q1", "old attempt", scored)
    with sqlite3.connect(path) as db:  # as the file was before OCR: no ocr_text column
        db.execute("ALTER TABLE attempts DROP COLUMN ocr_text")
    [old] = AttemptStore(path).history("r1", "Q1")
    assert (old.answer, old.ocr_text) == ("old attempt", "")


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "attempts.sqlite"
    AttemptStore(path)
    assert path.is_file()


def test_database_uses_write_ahead_logging(tmp_path: Path) -> None:
    path = tmp_path / "attempts.sqlite"
    AttemptStore(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "attempts.sqlite"
    path.write_bytes(b"this is not an SQLite database, just some bytes " * 40)
    with pytest.raises(sqlite3.DatabaseError):
        AttemptStore(path)


@pytest.mark.parametrize("same_instance", [True, False], ids=["one store", "two stores"])
def test_two_threads_writing_at_once_lose_nothing(tmp_path: Path, scored: Evaluation, same_instance: bool) -> None:
    path = tmp_path / "attempts.sqlite"
    stores = [AttemptStore(path)] * 2 if same_instance else [AttemptStore(path), AttemptStore(path)]
    per_thread = 60
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(store: AttemptStore, name: str) -> None:
        start.wait()
        try:
            for i in range(per_thread):
                store.save("r1", 1, "Q1", f"{name}-{i}", scored)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, n)) for s, n in zip(stores, ("a", "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    answers = [a.answer for a in AttemptStore(path).history("r1", "Q1")]
    assert sorted(answers) == sorted(f"{n}-{i}" for n in "ab" for i in range(per_thread))
    # each thread's own attempts stay in the order it saved them
    assert [a for a in answers if a.startswith("a-")] == [f"a-{i}" for i in range(per_thread)]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({DB_ENV_VAR: "/data/x.sqlite"}, Path("/data/x.sqlite")),
        ({DB_ENV_VAR: "~/x.sqlite"}, Path("~/x.sqlite").expanduser()),
    ],
)
def test_env_var_chooses_the_database_file(environ: dict[str, str], expected: Path) -> None:
    assert default_db_path(environ) == expected


@pytest.mark.parametrize("environ", [{}, {DB_ENV_VAR: ""}])
def test_default_database_lives_in_the_user_data_dir(environ: dict[str, str]) -> None:
    from platformdirs import user_data_dir

    assert default_db_path(environ) == Path(user_data_dir("upsc-evaluator")) / "attempts.sqlite"


def test_default_path_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "env.sqlite"))
    assert default_db_path() == tmp_path / "env.sqlite"


def test_attempts_of_two_accounts_never_mix(tmp_path) -> None:
    q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
    store = AttemptStore(tmp_path / "a.sqlite")
    store.save("r", 1, "Q2", "x", evaluate("India and the US signed iCET.", q), student="asha")
    store.save("r", 1, "Q2", "y", evaluate("India and the US signed iCET.", q), student="ravi")
    assert [a.answer for a in store.history("r", "Q2", student="asha")] == ["x"]
    assert store.forget("r", "Q2", student="ravi") == 1
    assert [a.answer for a in store.history("r", "Q2", student="asha")] == ["x"]
