"""Batch runs in SQLite: the run store (finished rows, so a stopped batch resumes where it was) and the batch page's
history of its last runs (so a reload loses none)."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from evaluator.batch.rows import ResultRow
from evaluator.rubrics.model import Rubric
from evaluator.store.db import set_wal

log = logging.getLogger(__name__)
T = TypeVar("T")

LOCK_TIMEOUT_S = 30.0  # SQLite's own wait for another process's lock, per statement
RETRY_S = 90.0  # then retries with backoff for this long before the batch stops


class RunStoreError(Exception):
    """The run database cannot be used: locked too long, damaged, or its disk is full. The message says which
    file, what to do, and that the rows already stored are kept (a resume reuses them)."""


def _locked(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class RunStore:
    """SQLite file of finished rows, keyed by (rubric id, rubric version, answer key, content hash).

    WAL mode lets another process read (or a second run append) while a batch writes;
    every :meth:`put` commits, so a killed run loses at most the chunks in flight.
    Use ``":memory:"`` for a store that lasts only while it is open.
    """

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS results (
            rubric_id TEXT NOT NULL,
            rubric_version INTEGER NOT NULL,
            item_key TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            row_json TEXT NOT NULL,
            finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (rubric_id, rubric_version, item_key, content_hash)
        ) WITHOUT ROWID
    """

    def __init__(self, path: str | Path, *, timeout_s: float = LOCK_TIMEOUT_S, retry_s: float = RETRY_S) -> None:
        """Open (or create) the run database at ``path``.

        Args:
            timeout_s: how long SQLite waits for another process's lock on each statement.
            retry_s: how long a write that still finds the database locked is retried, with growing pauses.

        Raises:
            RunStoreError: the file is not a database, is damaged, or stays locked.
        """
        self.path = str(path)
        self.retry_s = retry_s
        self._db = sqlite3.connect(self.path, timeout=timeout_s)

        def start() -> None:
            set_wal(self._db, timeout_s)  # two runs that start together on a new file
            self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process: what resuming needs
            self._db.execute(self._SCHEMA)
            self._db.commit()
            self._db.execute("SELECT COUNT(*) FROM results").fetchone()  # a damaged file says so now

        try:
            self._guarded(start)
        except RunStoreError:
            self._db.close()
            raise

    def _guarded(self, action: Callable[[], T]) -> T:
        """``action`` on the database, retried with backoff while another process holds its lock; every SQLite
        error becomes a :class:`RunStoreError` that names the file and what to do."""
        deadline = time.monotonic() + self.retry_s
        pause = 0.5
        while True:
            try:
                return action()
            except sqlite3.Error as exc:
                self._rollback()
                if _locked(exc) and time.monotonic() + pause <= deadline:
                    log.warning("%s is locked by another process; trying again in %.1f s", self.path, pause)
                    time.sleep(pause)
                    pause = min(pause * 2, 8.0)
                    continue
                raise RunStoreError(self._explain(exc)) from None

    def _rollback(self) -> None:
        try:
            self._db.rollback()
        except sqlite3.Error:
            pass

    def _explain(self, exc: sqlite3.Error) -> str:
        text = str(exc)
        if _locked(exc):
            return (f"the run database {self.path} is locked by another process ({text}), still after "
                    f"{self.retry_s:g} s of retries: the rows already scored are kept in it; stop the other process "
                    "(another batch on the same --db?) and run the same command again to resume")
        if "full" in text or "disk I/O" in text:
            return (f"cannot write the run database {self.path}: {text} (no space left on its disk?): the rows "
                    "already scored are kept in it; free some space and run the same command again to resume")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError) or \
                "malformed" in text or "not a database" in text:
            return (f"the run database {self.path} is damaged ({text}): move it aside or delete it, and run the same "
                    "command again to start afresh (every answer is scored again), or name another file with --db")
        return f"the run database {self.path} cannot be used: {text}"

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def get(self, rubric: Rubric, key: str, digest: str) -> ResultRow | None:
        """The stored row of one answer (its key and content hash), or ``None`` (not stored, or of another shape).

        One primary-key lookup: a batch asks once per answer as it streams them, before reading the answer's text.
        """
        found = self._guarded(lambda: self._db.execute(
            "SELECT row_json FROM results WHERE rubric_id = ? AND rubric_version = ? AND item_key = ? "
            "AND content_hash = ?", (rubric.id, rubric.version, key, digest)).fetchone())
        if found is None:
            return None
        try:
            return ResultRow.from_dict(json.loads(found[0]))
        except (TypeError, ValueError) as exc:  # a row of another shape: score the answer again
            log.info("%s: stored row not reused (%s)", key, exc)
            return None

    def put(self, rubric: Rubric, rows: Sequence[tuple[str, ResultRow]]) -> None:
        """Store ``(content hash, row)`` pairs and commit.

        Rows are stored as ASCII JSON: a lone surrogate in an answer's text is escaped, not an encoding error
        that would stop the batch.

        Raises:
            RunStoreError: the database stayed locked past the retries, is damaged, or its disk is full; the rows
                committed before are kept.
        """
        values = [(rubric.id, rubric.version, row.key, digest, json.dumps(row.to_dict())) for digest, row in rows]

        def write() -> None:
            self._db.executemany(
                "INSERT OR REPLACE INTO results (rubric_id, rubric_version, item_key, content_hash, row_json) "
                "VALUES (?, ?, ?, ?, ?)", values)
            self._db.commit()

        self._guarded(write)

    def count(self) -> int:
        """Number of stored rows (all rubrics)."""
        return int(self._guarded(lambda: self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]))


@dataclass(frozen=True)
class SavedRun:
    """A batch the batch page scored, as its list of recent runs shows it."""

    id: int
    at: datetime  # when it was scored (UTC)
    rubric_id: str
    rubric_version: int
    rubric_file: str  # the rubric's file name in the bank, to pick it again
    files: int  # uploads (a .zip counts once)
    answers: int  # rows

    @property
    def label(self) -> str:
        """``07 Dec 2026 06:30 · gst-council-federalism v1 · 10 answers from 1 file``."""
        when = self.at.astimezone().strftime("%d %b %Y %H:%M")
        return (f"{when} · {self.rubric_id} v{self.rubric_version} · {self.answers} answer"
                f"{'' if self.answers == 1 else 's'} from {self.files} file{'' if self.files == 1 else 's'}")


class RunHistory:
    """The batch page's last runs (rows and answer texts), so a reload or another day can reopen one.

    Kept in the app's database beside attempts and overrides, per mentor (``owner``: a mentor sees only their own
    runs); only each mentor's last ``keep`` runs are kept.
    """

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS batch_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            owner TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            rubric_id TEXT NOT NULL,
            rubric_version INTEGER NOT NULL,
            rubric_file TEXT NOT NULL,
            files INTEGER NOT NULL,
            answers INTEGER NOT NULL,
            rows_json TEXT NOT NULL,
            texts_json TEXT NOT NULL
        )
    """

    def __init__(self, path: str | Path, *, keep: int = 10) -> None:
        self.path, self.keep = str(path), keep
        with closing(self._connect()) as db:
            db.execute(self._SCHEMA)
            db.commit()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        set_wal(db, 30)
        return db

    def save(self, rubric: Rubric, rubric_file: str, files: int, rows: Sequence[ResultRow],
             texts: Mapping[str, str], *, owner: str = "") -> int:
        """Store a finished batch (mentor reviews are not part of it: they live in the overrides) and drop the runs
        beyond the last ``keep``; returns its id."""
        data = [replace(r, mentor=None).to_dict() for r in rows]
        with closing(self._connect()) as db:
            cursor = db.execute(
                "INSERT INTO batch_runs (owner, rubric_id, rubric_version, rubric_file, files, answers, rows_json, "
                "texts_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (owner, rubric.id, rubric.version, rubric_file, files, len(rows), json.dumps(data),
                 json.dumps(dict(texts))))
            db.execute("DELETE FROM batch_runs WHERE owner = ? AND id NOT IN "
                       "(SELECT id FROM batch_runs WHERE owner = ? ORDER BY id DESC LIMIT ?)",
                       (owner, owner, self.keep))
            db.commit()
            return int(cursor.lastrowid or 0)

    def recent(self, owner: str = "") -> list[SavedRun]:
        """The owner's kept runs, newest first."""
        with closing(self._connect()) as db:
            found = db.execute("SELECT id, at, rubric_id, rubric_version, rubric_file, files, answers FROM batch_runs "
                               "WHERE owner = ? ORDER BY id DESC", (owner,)).fetchall()
        return [SavedRun(i, datetime.fromisoformat(at.replace("Z", "+00:00")), rid, ver, name, files, answers)
                for i, at, rid, ver, name, files, answers in found]

    def load(self, run_id: int, owner: str = "") -> tuple[SavedRun, list[ResultRow], dict[str, str]] | None:
        """One of the owner's kept runs with its rows and answer texts (None when it is not, or no longer, kept)."""
        run = next((r for r in self.recent(owner) if r.id == run_id), None)
        if run is None:
            return None
        with closing(self._connect()) as db:
            rows_json, texts_json = db.execute("SELECT rows_json, texts_json FROM batch_runs WHERE id = ?",
                                               (run_id,)).fetchone()
        return run, [ResultRow.from_dict(d) for d in json.loads(rows_json)], json.loads(texts_json)
