"""A student's attempts, kept in an embedded SQLite file so history survives restarts.

Each call opens its own short-lived connection (``timeout=30``, WAL journal), so one
:class:`AttemptStore` can be shared by Streamlit's session threads and by several
processes writing the same file.

>>> import tempfile, pathlib
>>> from evaluator import load_rubric, evaluate
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> with tempfile.TemporaryDirectory() as tmp:
...     store = AttemptStore(pathlib.Path(tmp) / "attempts.sqlite")
...     _ = store.save("india-us-defence", 1, "Q2", "", evaluate("", q))
...     [(a.question_id, a.marks, a.outcome) for a in store.history("india-us-defence", "Q2")]
[('Q2', 0.0, 'empty')]
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evaluator.core.results import Evaluation
from evaluator.store.db import set_wal

DB_ENV_VAR = "UPSC_EVAL_DB"
APP_NAME = "upsc-evaluator"
DB_FILE_NAME = "attempts.sqlite"
BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another writer's lock before failing

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at     TEXT    NOT NULL,
    rubric_id      TEXT    NOT NULL,
    rubric_version INTEGER NOT NULL,
    question_id    TEXT    NOT NULL,
    answer         TEXT    NOT NULL,
    marks          REAL    NOT NULL,
    max_marks      REAL    NOT NULL,
    outcome        TEXT    NOT NULL,
    word_count     INTEGER NOT NULL,
    evaluation     TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_question ON attempts (rubric_id, question_id, id);
"""
# files made before attempts were kept per student get the column (every old attempt belongs to "")
_ADD_STUDENT = "ALTER TABLE attempts ADD COLUMN student TEXT NOT NULL DEFAULT ''"
# ... and before photos were read by OCR (an old attempt was typed: no OCR text)
_ADD_OCR_TEXT = "ALTER TABLE attempts ADD COLUMN ocr_text TEXT NOT NULL DEFAULT ''"
_STUDENT_INDEX = "CREATE INDEX IF NOT EXISTS attempts_by_student ON attempts (student, rubric_id, question_id, id)"


@dataclass(frozen=True)
class Attempt:
    """One saved evaluation of an answer."""

    id: int
    created_at: datetime  # timezone-aware, UTC
    rubric_id: str
    rubric_version: int
    question_id: str
    answer: str
    marks: float
    max_marks: float
    outcome: str
    word_count: int
    evaluation: dict[str, Any]  # ``Evaluation.to_dict()`` as saved
    student: str = ""  # the account whose attempt it is ("" in files from before accounts)
    ocr_text: str = ""  # what OCR read from the student's photo or scan, before the student corrected it into `answer`


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where attempts are kept: ``$UPSC_EVAL_DB`` if set, else the user's data directory.

    >>> default_db_path({"UPSC_EVAL_DB": "/tmp/x.sqlite"})
    PosixPath('/tmp/x.sqlite')
    >>> default_db_path({}).name
    'attempts.sqlite'
    """
    environ = os.environ if environ is None else environ
    if environ.get(DB_ENV_VAR):
        return Path(environ[DB_ENV_VAR]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME)) / DB_FILE_NAME


class AttemptStore:
    """Save evaluations and read them back per rubric question, oldest first."""

    def __init__(self, path: str | Path) -> None:
        """Open (creating if missing) the database file at ``path`` and its tables.

        Raises:
            sqlite3.Error or OSError: when the file cannot be created or is not a database.
        """
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            # WAL lets readers go on while one session writes; the setting is stored in the file
            set_wal(db, BUSY_TIMEOUT_S)
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(attempts)")}
            for column, statement in (("student", _ADD_STUDENT), ("ocr_text", _ADD_OCR_TEXT)):
                if column in columns:
                    continue
                try:
                    db.execute(statement)
                except sqlite3.OperationalError as exc:  # another process added it first
                    if "duplicate column" not in str(exc):
                        raise
            db.execute(_STUDENT_INDEX)

    def save(self, rubric_id: str, rubric_version: int, question_id: str, answer: str, evaluation: Evaluation,
             *, student: str = "", ocr_text: str = "") -> int:
        """Store one evaluated answer and return its attempt id.

        Args:
            rubric_id: ``Rubric.id``.
            rubric_version: ``Rubric.version`` (marks from different versions are not comparable).
            question_id: ``Question.id``.
            answer: the answer text as evaluated.
            evaluation: its :class:`~evaluator.core.scoring.Evaluation`.
            student: whose attempt it is: the account's username (:mod:`evaluator.store.users`); attempts of
                different accounts never mix.
            ocr_text: for an answer uploaded as a photo or scan, the text OCR read (``answer`` is the text the
                student checked and corrected, and that was scored).
        """
        row = (
            datetime.now(UTC).isoformat(timespec="microseconds"),
            rubric_id,
            int(rubric_version),
            question_id,
            answer,
            float(evaluation.marks),
            float(evaluation.max_marks),
            evaluation.outcome,
            int(evaluation.word_count),
            json.dumps(evaluation.to_dict(), ensure_ascii=False),
            student,
            ocr_text,
        )
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO attempts (created_at, rubric_id, rubric_version, question_id, answer, marks, max_marks, "
                "outcome, word_count, evaluation, student, ocr_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid)

    def history(self, rubric_id: str, question_id: str, *, student: str = "") -> list[Attempt]:
        """Every attempt by ``student`` at one question of one rubric, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, created_at, rubric_id, rubric_version, question_id, answer, marks, max_marks, outcome, "
                "word_count, evaluation, student, ocr_text FROM attempts "
                "WHERE student = ? AND rubric_id = ? AND question_id = ? "
                "ORDER BY id",
                (student, rubric_id, question_id),
            ).fetchall()
        return [_attempt(row) for row in rows]

    def forget(self, rubric_id: str, question_id: str, *, student: str = "") -> int:
        """Delete ``student``'s attempts at one question; returns how many were deleted."""
        with self._connect() as db:
            cursor = db.execute("DELETE FROM attempts WHERE student = ? AND rubric_id = ? AND question_id = ?",
                                (student, rubric_id, question_id))
            return int(cursor.rowcount)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # one connection per call: sqlite3 connections must not be shared between threads
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as db, db:
            yield db


def _attempt(row: tuple[Any, ...]) -> Attempt:
    (id_, created, rubric_id, version, question_id, answer, marks, max_marks, outcome, words, evaluation, student,
     ocr_text) = row
    return Attempt(id_, datetime.fromisoformat(created), rubric_id, version, question_id, answer, marks, max_marks,
                   outcome, words, json.loads(evaluation), student, ocr_text)
