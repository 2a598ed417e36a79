"""Mentor overrides with an audit trail: every change of marks or key point status, who made it, when and why.

Nothing is ever updated or deleted: an override is a row, and undoing it is another row that
names it. What a mentor decided about an answer is the sum of its overrides that are not undone
(:meth:`OverrideStore.reviews`).

An override belongs to one **answer**, identified by :class:`AnswerId`: the run (the class the batch was
scored for), the answer's path within the upload, the hash of its question and text, and its student. Never
by file name or text alone: another answer uploaded under the same name, or the same text from another
student, is another answer. The same batch uploaded again for the same class gets its reviews back.

Every row is signed by the logged-in account that made it, and only a mentor who owns the class (or the
single local user) may write it (:func:`evaluator.store.users.owns_class`). A save is conditional on the
answer's version the mentor's form was opened with (:meth:`OverrideStore.version`, the id of its latest
row): a save over a newer change raises :class:`OverrideConflict`, and the mentor chooses. Each override
keeps the answer's text, so mentor marks can later fit a calibration.

>>> import tempfile, pathlib
>>> from evaluator import load_rubric
>>> from evaluator.store.users import LOCAL
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> with tempfile.TemporaryDirectory() as tmp:
...     store = OverrideStore(pathlib.Path(tmp) / "app.sqlite")
...     request = OverrideRequest("india-us-defence", 1, q, "asha_q2.txt", "asha", "India and the US...",
...                               old_marks=4.0, new_marks=6.0, reason="paraphrase missed")
...     first = store.record(request, by=LOCAL, expected=0)
...     store.reviews("india-us-defence", {"asha_q2.txt": request.answer_id})["asha_q2.txt"].marks
6.0
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evaluator.batch.rows import MentorReview
from evaluator.rubrics.model import Question
from evaluator.store.db import set_wal
from evaluator.store.users import REVIEW, Account, NotAllowed, owns_class

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
CREATE UNIQUE INDEX IF NOT EXISTS one_undo_each ON overrides (undoes) WHERE undoes IS NOT NULL;
"""
# files made before answers had an identity get its columns; their rows belong to the run "" (see _migrate)
_ADD_COLUMNS = (("run", "ALTER TABLE overrides ADD COLUMN run TEXT NOT NULL DEFAULT ''"),
                ("answer_id", "ALTER TABLE overrides ADD COLUMN answer_id TEXT NOT NULL DEFAULT ''"))
_ANSWER_INDEX = "CREATE INDEX IF NOT EXISTS overrides_by_answer_id ON overrides (rubric_id, answer_id, id)"
_COLUMNS = ("id, created_at, reviewer, action, undoes, rubric_id, rubric_version, question_id, answer_key, "
            "answer_hash, student, answer, max_marks, old_marks, new_marks, old_points, new_points, reason, comment, "
            "run, answer_id")


class OverrideError(ValueError):
    """An override that cannot be recorded or undone, saying which field is wrong."""


class OverrideConflict(OverrideError):
    """Someone changed the answer since the form was opened: their rows, newest last, and the version now."""

    def __init__(self, current: int, theirs: list[Override]) -> None:
        who = ", ".join(dict.fromkeys(o.reviewer for o in theirs)) or "someone"
        super().__init__(f"{who} changed this answer since you opened it: "
                         + "; ".join(f"{o.describe() if o.action == 'override' else f'undid #{o.undoes}'}"
                                     for o in theirs))
        self.current = current
        self.theirs = theirs


def answer_hash(question_id: str, text: str) -> str:
    """What an override is tied to: the question and the exact answer text.

    >>> answer_hash("Q1", "x") == answer_hash("Q1", "x") != answer_hash("Q2", "x")
    True
    """
    return hashlib.sha256(f"{question_id}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass(frozen=True)
class AnswerId:
    """Which answer an override is about: run (the class), path within the upload, content hash, student.

    >>> a = AnswerId("gs2", "week1/asha_q1.txt", answer_hash("Q1", "x"), "asha")
    >>> a.digest == AnswerId("gs2", "week1/asha_q1.txt", answer_hash("Q1", "x"), "ravi").digest
    False
    """

    run: str
    path: str
    content_hash: str
    student: str

    @property
    def digest(self) -> str:
        """One string for the four parts (stored, and safe as a widget key)."""
        parts = json.dumps([self.run, self.path, self.content_hash, self.student], ensure_ascii=False)
        return hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()[:32]


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
    run: str = ""  # the class the batch was scored for ("": the single local user's)

    @property
    def answer_id(self) -> AnswerId:
        return answer_id(self.run, self.answer_key, self.question.id, self.answer, self.student)


def answer_id(run: str, path: str, question_id: str, text: str, student: str) -> AnswerId:
    """The identity of an answer with this text, question, path within the upload, student and run."""
    return AnswerId(run, path, answer_hash(question_id, text), student)


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
    run: str = ""
    answer_id: str = ""  # :attr:`AnswerId.digest`

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
            _migrate(db)

    def record(self, request: OverrideRequest, *, by: Account, expected: int) -> int:
        """Store an override signed by the acting account and return its id.

        Args:
            request: the change.
            by: the logged-in account: a mentor who owns the class (``request.run``), or the local user.
            expected: :meth:`version` of the answer when the mentor's form was opened (0: never overridden).

        Raises:
            NotAllowed: the account may not change this class's marks.
            OverrideConflict: the answer changed since ``expected``; nothing is stored.
            OverrideError: a field is wrong.
        """
        _allowed(by)
        _check(request, by.username)
        question = request.question
        identity = request.answer_id
        changed_points = {p: s for p, s in request.new_points.items() if request.old_points.get(p) != s}
        row = (datetime.now(UTC).isoformat(timespec="microseconds"), by.username, "override", None,
               request.rubric_id, int(request.rubric_version), question.id, request.answer_key,
               identity.content_hash, request.student, request.answer, float(question.marks),
               request.old_marks, request.new_marks,
               json.dumps({p: request.old_points.get(p, "") for p in changed_points}, ensure_ascii=False),
               json.dumps(changed_points, ensure_ascii=False), request.reason.strip(), request.comment.strip(),
               request.run, identity.digest)
        with self._write() as db:
            _owner(db, by, request.run)
            _unchanged(db, request.rubric_id, identity.digest, expected)
            cursor = db.execute(f"INSERT INTO overrides ({_COLUMNS.removeprefix('id, ')}) "  # noqa: S608 - constant
                                f"VALUES ({', '.join('?' * len(row))})", row)
            return int(cursor.lastrowid)

    def undo(self, override_id: int, *, by: Account, reason: str = "", expected: int | None = None) -> int:
        """Undo an override (recorded as a row of its own, signed by ``by``); returns the id of that row.

        Raises:
            NotAllowed: ``by`` may not change the override's class.
            OverrideConflict: ``expected`` is given and the answer changed since.
            OverrideError: no such override, it is an undo itself, or it was already undone.
        """
        _allowed(by)
        with self._write() as db:
            found = db.execute(f"SELECT {_COLUMNS} FROM overrides WHERE id = ?", (override_id,)).fetchone()  # noqa: S608
            if found is None:
                raise OverrideError(f"no override {override_id}")
            original = _override(found)
            _owner(db, by, original.run)
            if original.action != "override":
                raise OverrideError(f"{override_id} is an undo, not an override")
            if db.execute("SELECT 1 FROM overrides WHERE undoes = ?", (override_id,)).fetchone():
                raise OverrideError(f"override {override_id} is already undone")
            if expected is not None:
                _unchanged(db, original.rubric_id, original.answer_id, expected)
            row = (datetime.now(UTC).isoformat(timespec="microseconds"), by.username, "undo", override_id,
                   original.rubric_id, original.rubric_version, original.question_id, original.answer_key,
                   original.answer_hash, original.student, original.answer, original.max_marks,
                   original.new_marks, original.old_marks if original.new_marks is not None else None,
                   json.dumps(original.new_points, ensure_ascii=False),
                   json.dumps(original.old_points, ensure_ascii=False), reason.strip() or "undone", "",
                   original.run, original.answer_id)
            try:
                cursor = db.execute(f"INSERT INTO overrides ({_COLUMNS.removeprefix('id, ')}) "  # noqa: S608
                                    f"VALUES ({', '.join('?' * len(row))})", row)
            except sqlite3.IntegrityError:  # another session undid it a moment ago
                raise OverrideError(f"override {override_id} is already undone") from None
            return int(cursor.lastrowid)

    def version(self, rubric_id: str, answer: AnswerId) -> int:
        """The answer's version: the id of its latest override or undo (0 when it has none)."""
        with self._connect() as db:
            return _version(db, rubric_id, answer.digest)

    def history(self, rubric_id: str, *, answer: AnswerId | None = None) -> list[Override]:
        """The audit trail of a rubric (or of one answer), oldest first: overrides and undos."""
        query = f"SELECT {_COLUMNS} FROM overrides WHERE rubric_id = ?"  # noqa: S608 - constant
        args: tuple[Any, ...] = (rubric_id,)
        if answer is not None:
            query += " AND answer_id = ?"
            args += (answer.digest,)
        with self._connect() as db:
            return [_override(r) for r in db.execute(query + " ORDER BY id", args)]

    def active(self, rubric_id: str) -> list[Override]:
        """The overrides of a rubric that are not undone, oldest first."""
        trail = self.history(rubric_id)
        undone = {o.undoes for o in trail if o.action == "undo"}
        return [o for o in trail if o.action == "override" and o.id not in undone]

    def reviews(self, rubric_id: str, answers: Mapping[str, AnswerId]) -> dict[str, MentorReview]:
        """What the mentors decided about each answer, by the caller's key (e.g. a batch row's key).

        Args:
            rubric_id: the rubric the answers were scored with.
            answers: key -> the answer's identity (:func:`answer_id`).
        """
        wanted: dict[str, list[str]] = {}
        for key, identity in answers.items():
            wanted.setdefault(identity.digest, []).append(key)
        by_answer: dict[str, list[Override]] = {}
        for o in self.active(rubric_id):
            for key in wanted.get(o.answer_id, ()):
                by_answer.setdefault(key, []).append(o)
        return {key: merge(overrides) for key, overrides in by_answer.items()}

    def marked_answers(self, rubric_id: str, *, mentors: Collection[str] | None = None) -> list[Override]:
        """The latest override that set marks for each answer (not undone): mentor marks to calibrate on.

        Args:
            rubric_id: the rubric.
            mentors: only the marks these accounts gave (the mentors who own the rubric's classes); ``None``: all.
        """
        latest: dict[str, Override] = {}
        for o in self.active(rubric_id):
            if o.new_marks is not None and (mentors is None or o.reviewer in mentors):
                latest[o.answer_id] = o
        return list(latest.values())

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as db, db:
            yield db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A transaction that holds the write lock from its first read: a version read in it stays true."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            yield db


def _migrate(db: sqlite3.Connection) -> None:
    """Add the identity columns to a file made before them, and give its rows their identity (run "")."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(overrides)")}
    for column, statement in _ADD_COLUMNS:
        if column not in columns:
            try:
                db.execute(statement)
            except sqlite3.OperationalError as exc:  # another process added it first
                if "duplicate column" not in str(exc):
                    raise
    rows = db.execute("SELECT id, run, answer_key, answer_hash, student FROM overrides WHERE answer_id = ''").fetchall()
    db.executemany("UPDATE overrides SET answer_id = ? WHERE id = ?",
                   [(AnswerId(run, key, digest, student).digest, id_) for id_, run, key, digest, student in rows])
    db.execute(_ANSWER_INDEX)


def _allowed(by: Account) -> None:
    if not by.can(REVIEW):
        raise NotAllowed(f"{by.username} ({by.role}) may not change marks: only mentors may")


def _owner(db: sqlite3.Connection, by: Account, run: str) -> None:
    if not owns_class(db, by, run):
        raise NotAllowed(f"{by.username} may not change the marks of class {run!r}: it is another mentor's")


def _version(db: sqlite3.Connection, rubric_id: str, digest: str) -> int:
    found = db.execute("SELECT MAX(id) FROM overrides WHERE rubric_id = ? AND answer_id = ?",
                       (rubric_id, digest)).fetchone()
    return int(found[0] or 0)


def _unchanged(db: sqlite3.Connection, rubric_id: str, digest: str, expected: int) -> None:
    current = _version(db, rubric_id, digest)
    if current != expected:
        theirs = [_override(r) for r in db.execute(
            f"SELECT {_COLUMNS} FROM overrides WHERE rubric_id = ? AND answer_id = ? AND id > ? "  # noqa: S608
            "ORDER BY id", (rubric_id, digest, expected))]
        raise OverrideConflict(current, theirs)


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
