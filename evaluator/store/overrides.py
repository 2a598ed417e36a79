"""Mentor overrides with an audit trail: every change of marks or key point status, who made it, when and why.

Nothing is ever updated or deleted: an override is a row, and undoing it is another row that
names it. What a mentor decided about an answer is the sum of its overrides that are not undone
(:meth:`OverrideStore.reviews`). An override belongs to one answer text of one question of one
rubric (``answer_hash``): the same batch uploaded again gets its reviews back, an edited answer
does not. Each override keeps the answer's text, so mentor marks can later fit a calibration.

>>> import tempfile, pathlib
>>> from evaluator import load_rubric
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> with tempfile.TemporaryDirectory() as tmp:
...     store = OverrideStore(pathlib.Path(tmp) / "app.sqlite")
...     first = store.record(OverrideRequest("india-us-defence", 1, q, "asha_q2.txt", "asha", "India and the US...",
...                                          old_marks=4.0, new_marks=6.0, reason="paraphrase missed"), reviewer="Meena")
...     store.reviews("india-us-defence", {"asha_q2.txt": ("Q2", "India and the US...")})["asha_q2.txt"].marks
6.0
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evaluator.batch.rows import MentorReview
from evaluator.rubrics.model import Question
from evaluator.store.db import set_wal

BUSY_TIMEOUT_S = 30.0
MAX_REVIEWER_CHARS = 100
MAX_REASON_CHARS = 1000
MAX_STATUS_CHARS = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS overrides (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at     TEXT    NOT NULL,
    reviewer       TEXT    NOT NULL,
    action         TEXT    NOT NULL CHECK (action IN ('override', 'undo')),
    undoes         INTEGER REFERENCES overrides (id),
    rubric_id      TEXT    NOT NULL,
    rubric_version INTEGER NOT NULL,
    question_id    TEXT    NOT NULL,
    answer_key     TEXT    NOT NULL,
    answer_hash    TEXT    NOT NULL,
    student        TEXT    NOT NULL,
    answer         TEXT    NOT NULL,
    max_marks      REAL    NOT NULL,
    old_marks      REAL,
    new_marks      REAL,
    old_points     TEXT    NOT NULL,
    new_points     TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    comment        TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS overrides_by_answer ON overrides (rubric_id, answer_hash, id);
CREATE UNIQUE INDEX IF NOT EXISTS one_undo_each ON overrides (undoes) WHERE undoes IS NOT NULL;
"""
_COLUMNS = ("id, created_at, reviewer, action, undoes, rubric_id, rubric_version, question_id, answer_key, "
            "answer_hash, student, answer, max_marks, old_marks, new_marks, old_points, new_points, reason, comment")


class OverrideError(ValueError):
    """An override that cannot be recorded or undone, saying which field is wrong."""


def answer_hash(question_id: str, text: str) -> str:
    """What an override is tied to: the question and the exact answer text.

    >>> answer_hash("Q1", "x") == answer_hash("Q1", "x") != answer_hash("Q2", "x")
    True
    """
    return hashlib.sha256(f"{question_id}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass(frozen=True)
class OverrideRequest:
    """A mentor's change to one answer: new marks and/or new statuses of some key points, with a reason.

    ``old_marks`` and ``old_points`` are what the mentor saw (the evaluator's, or an earlier override's).
    """

    rubric_id: str
    rubric_version: int
    question: Question
    answer_key: str
    student: str
    answer: str
    old_marks: float | None = None
    new_marks: float | None = None
    old_points: Mapping[str, str] = field(default_factory=dict)
    new_points: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""
    comment: str = ""  # for the student: printed on the feedback sheet


@dataclass(frozen=True)
class Override:
    """One row of the audit trail: an override, or the undoing of one (``action == "undo"``, ``undoes`` its id)."""

    id: int
    created_at: datetime
    reviewer: str
    action: str
    undoes: int | None
    rubric_id: str
    rubric_version: int
    question_id: str
    answer_key: str
    answer_hash: str
    student: str
    answer: str
    max_marks: float
    old_marks: float | None
    new_marks: float | None
    old_points: dict[str, str]
    new_points: dict[str, str]
    reason: str
    comment: str

    def describe(self) -> str:
        """One line for the audit trail, e.g. ``marks 4 → 6; roadmap: missing → covered``."""
        parts = []
        if self.new_marks is not None:
            parts.append(f"marks {_marks(self.old_marks)} → {self.new_marks:g}")
        parts += [f"{p}: {self.old_points.get(p, '?')} → {s}" for p, s in self.new_points.items()]
        return "; ".join(parts) or "comment only"


def _marks(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _check(request: OverrideRequest, reviewer: str) -> None:
    """Every field of an override, or :class:`OverrideError` naming the one that is wrong."""
    question = request.question
    if not reviewer.strip():
        raise OverrideError("reviewer: give your name, so the change is signed")
    if len(reviewer) > MAX_REVIEWER_CHARS:
        raise OverrideError(f"reviewer: at most {MAX_REVIEWER_CHARS} characters (got {len(reviewer)})")
    if not request.reason.strip():
        raise OverrideError("reason: say why the marks or statuses change")
    if len(request.reason) > MAX_REASON_CHARS or len(request.comment) > MAX_REASON_CHARS:
        raise OverrideError(f"reason and comment: at most {MAX_REASON_CHARS} characters each")
    if request.new_marks is not None and not 0 <= request.new_marks <= question.marks:
        raise OverrideError(f"marks: must lie in [0, {question.marks:g}] for {question.id} "
                            f"(got {request.new_marks:g})")
    ids = {p.id for p in question.key_points}
    for point_id, status in request.new_points.items():
        if point_id not in ids:
            raise OverrideError(f"points: {point_id!r} is not a key point of {question.id}; "
                                f"available: {', '.join(sorted(ids))}")
        if not status.strip() or len(status) > MAX_STATUS_CHARS:
            raise OverrideError(f"points.{point_id}: a status of 1 to {MAX_STATUS_CHARS} characters (got {status!r})")
    if request.new_marks is None and not request.new_points and not request.comment.strip():
        raise OverrideError("nothing to change: give new marks, a key point status or a comment")


class OverrideStore:
    """The audit trail of mentor overrides in an SQLite file (WAL; one connection per call, safe across threads)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            set_wal(db, BUSY_TIMEOUT_S)
            db.executescript(_SCHEMA)

    def record(self, request: OverrideRequest, *, reviewer: str) -> int:
        """Store an override signed by ``reviewer`` and return its id; :class:`OverrideError` when a field is wrong."""
        _check(request, reviewer)
        question = request.question
        changed_points = {p: s for p, s in request.new_points.items() if request.old_points.get(p) != s}
        row = (datetime.now(UTC).isoformat(timespec="microseconds"), reviewer.strip(), "override", None,
               request.rubric_id, int(request.rubric_version), question.id, request.answer_key,
               answer_hash(question.id, request.answer), request.student, request.answer, float(question.marks),
               request.old_marks, request.new_marks,
               json.dumps({p: request.old_points.get(p, "") for p in changed_points}, ensure_ascii=False),
               json.dumps(changed_points, ensure_ascii=False), request.reason.strip(), request.comment.strip())
        with self._connect() as db:
            cursor = db.execute(f"INSERT INTO overrides ({_COLUMNS.removeprefix('id, ')}) "  # noqa: S608 - constant
                                f"VALUES ({', '.join('?' * len(row))})", row)
            return int(cursor.lastrowid)

    def undo(self, override_id: int, *, reviewer: str, reason: str = "") -> int:
        """Undo an override (recorded as a row of its own); returns the id of that row.

        Raises:
            OverrideError: no such override, it is an undo itself, or it was already undone.
        """
        if not reviewer.strip():
            raise OverrideError("reviewer: give your name, so the undo is signed")
        with self._connect() as db:
            found = db.execute(f"SELECT {_COLUMNS} FROM overrides WHERE id = ?", (override_id,)).fetchone()  # noqa: S608
            if found is None:
                raise OverrideError(f"no override {override_id}")
            original = _override(found)
            if original.action != "override":
                raise OverrideError(f"{override_id} is an undo, not an override")
            if db.execute("SELECT 1 FROM overrides WHERE undoes = ?", (override_id,)).fetchone():
                raise OverrideError(f"override {override_id} is already undone")
            row = (datetime.now(UTC).isoformat(timespec="microseconds"), reviewer.strip(), "undo", override_id,
                   original.rubric_id, original.rubric_version, original.question_id, original.answer_key,
                   original.answer_hash, original.student, original.answer, original.max_marks,
                   original.new_marks, original.old_marks if original.new_marks is not None else None,
                   json.dumps(original.new_points, ensure_ascii=False),
                   json.dumps(original.old_points, ensure_ascii=False), reason.strip() or "undone", "")
            try:
                cursor = db.execute(f"INSERT INTO overrides ({_COLUMNS.removeprefix('id, ')}) "  # noqa: S608
                                    f"VALUES ({', '.join('?' * len(row))})", row)
            except sqlite3.IntegrityError:  # another session undid it a moment ago
                raise OverrideError(f"override {override_id} is already undone") from None
            return int(cursor.lastrowid)

    def history(self, rubric_id: str, *, answer_key: str | None = None) -> list[Override]:
        """The audit trail of a rubric (or of one answer), oldest first: overrides and undos."""
        query = f"SELECT {_COLUMNS} FROM overrides WHERE rubric_id = ?"  # noqa: S608 - constant
        args: tuple[Any, ...] = (rubric_id,)
        if answer_key is not None:
            query += " AND answer_key = ?"
            args += (answer_key,)
        with self._connect() as db:
            return [_override(r) for r in db.execute(query + " ORDER BY id", args)]

    def active(self, rubric_id: str) -> list[Override]:
        """The overrides of a rubric that are not undone, oldest first."""
        trail = self.history(rubric_id)
        undone = {o.undoes for o in trail if o.action == "undo"}
        return [o for o in trail if o.action == "override" and o.id not in undone]

    def reviews(self, rubric_id: str, answers: Mapping[str, tuple[str, str]]) -> dict[str, MentorReview]:
        """What the mentor decided about each answer, by answer key.

        Args:
            rubric_id: the rubric the answers were scored with.
            answers: answer key -> (question id, answer text), e.g. a batch's answers.
        """
        wanted = {answer_hash(q, text): key for key, (q, text) in answers.items()}
        by_answer: dict[str, list[Override]] = {}
        for o in self.active(rubric_id):
            if o.answer_hash in wanted:
                by_answer.setdefault(wanted[o.answer_hash], []).append(o)
        return {key: merge(overrides) for key, overrides in by_answer.items()}

    def marked_answers(self, rubric_id: str) -> list[Override]:
        """The latest override that set marks for each answer (not undone): mentor marks to calibrate on."""
        latest: dict[str, Override] = {}
        for o in self.active(rubric_id):
            if o.new_marks is not None:
                latest[o.answer_hash] = o
        return list(latest.values())

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as db, db:
            yield db


def merge(overrides: list[Override]) -> MentorReview:
    """The mentor's review of one answer from its overrides (oldest first): later changes win."""
    marks: float | None = None
    points: dict[str, str] = {}
    for o in overrides:
        if o.new_marks is not None:
            marks = o.new_marks
        points.update(o.new_points)
    last = overrides[-1]
    comment = next((o.comment for o in reversed(overrides) if o.comment), "")
    return MentorReview(marks, tuple(points.items()), last.reviewer, last.reason, comment,
                        last.created_at.isoformat(timespec="seconds"), len(overrides))


def _override(row: tuple[Any, ...]) -> Override:
    values = dict(zip(_COLUMNS.split(", "), row, strict=True))
    values["created_at"] = datetime.fromisoformat(values["created_at"])
    values["old_points"] = json.loads(values["old_points"])
    values["new_points"] = json.loads(values["new_points"])
    return Override(**values)
