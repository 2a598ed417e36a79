"""SQLite settings shared by the stores: WAL journal, set even when several processes open a new file at once."""

from __future__ import annotations

import random
import sqlite3
import time


def set_wal(db: sqlite3.Connection, timeout_s: float) -> None:
    """Put the database file in WAL mode, waiting up to ``timeout_s`` for other connections.

    When several processes open a new file at once, SQLite answers "database is locked" to
    all but one at once, without waiting for the busy timeout; so retry, with jitter.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005 + 0.05 * random.random())
