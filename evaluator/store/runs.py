"""The run store: finished batch rows in SQLite, so a stopped batch resumes where it was."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from evaluator.batch.rows import ResultRow
from evaluator.rubrics.model import Rubric
from evaluator.store.db import set_wal

log = logging.getLogger(__name__)


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

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._db = sqlite3.connect(self.path, timeout=30)
        set_wal(self._db, 30)  # two runs that start together on a new file
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process, which is what resuming needs
        self._db.execute(self._SCHEMA)
        self._db.commit()

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
        found = self._db.execute(
            "SELECT row_json FROM results WHERE rubric_id = ? AND rubric_version = ? AND item_key = ? "
            "AND content_hash = ?", (rubric.id, rubric.version, key, digest)).fetchone()
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
        """
        self._db.executemany(
            "INSERT OR REPLACE INTO results (rubric_id, rubric_version, item_key, content_hash, row_json) "
            "VALUES (?, ?, ?, ?, ?)",
            [(rubric.id, rubric.version, row.key, digest, json.dumps(row.to_dict())) for digest, row in rows],
        )
        self._db.commit()

    def count(self) -> int:
        """Number of stored rows (all rubrics)."""
        return int(self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
