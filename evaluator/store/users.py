"""Local accounts, roles and classes, in the app's SQLite file: who may do what, offline.

- An **account** has a username (lowercase letters, digits, ``.``, ``_``, ``-``: "  ASHA   rao " is not a
  username, so two spellings of one name can never share a history), one **role** and a password hashed with
  Argon2id (``argon2-cffi``; nothing home-made).
- Roles: a **student** scores answers and sees only their own attempts; a **mentor** scores batches, reviews,
  overrides, writes reports and fits calibrations for the classes they own; an **admin** manages accounts,
  classes, rubrics and the question bank.
- A **class** has one owner mentor, students as members, and the rubrics it works on. A batch on the batch
  page is run for one of the mentor's classes, and every override belongs to that class (its ``run``); a
  rubric's calibration learns only from the marks of the mentors who own a class that has the rubric.
- Every change to accounts and classes is a row of ``account_log`` signed by the acting account.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     users = UserStore(pathlib.Path(tmp) / "app.sqlite")
...     _ = users.add("meena", MENTOR, "a long secret", by=SYSTEM)
...     account = users.authenticate("Meena", "a long secret")
...     (account.username, account.role, account.can(REVIEW), account.can(MANAGE_USERS))
('meena', 'mentor', True, False)
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from evaluator.store.db import set_wal

BUSY_TIMEOUT_S = 30.0
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200
MAX_CLASS_CHARS = 60

STUDENT, MENTOR, ADMIN = "student", "mentor", "admin"
ROLES = (STUDENT, MENTOR, ADMIN)
# what each role may do; the pages and the stores ask ``Account.can(permission)``
SCORE, BATCH, REVIEW, CALIBRATE, MANAGE_USERS, EDIT_RUBRICS = (
    "score", "batch", "review", "calibrate", "users", "rubrics")
PERMISSIONS: dict[str, frozenset[str]] = {
    STUDENT: frozenset({SCORE}),
    MENTOR: frozenset({SCORE, BATCH, REVIEW, CALIBRATE}),
    ADMIN: frozenset({SCORE, MANAGE_USERS, EDIT_RUBRICS}),
}
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
RESERVED = frozenset({"local", "shell"})  # the names that sign the single local user's and the command line's changes
_CLASS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]*")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username      TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('student', 'mentor', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS classes (
    name   TEXT PRIMARY KEY,
    mentor TEXT NOT NULL REFERENCES users (username)
);
CREATE TABLE IF NOT EXISTS class_members (
    class   TEXT NOT NULL REFERENCES classes (name) ON DELETE CASCADE,
    student TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    PRIMARY KEY (class, student)
);
CREATE TABLE IF NOT EXISTS class_rubrics (
    class     TEXT NOT NULL REFERENCES classes (name) ON DELETE CASCADE,
    rubric_id TEXT NOT NULL,
    PRIMARY KEY (class, rubric_id)
);
CREATE TABLE IF NOT EXISTS account_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL
);
"""


class AccountError(ValueError):
    """An account or class change that cannot be made, saying why."""


class NotAllowed(PermissionError):
    """The acting account's role or classes do not allow this."""


@dataclass(frozen=True)
class Account:
    """Who is acting: a stored account, or the single user of a laptop (``local``: every permission, no login)."""

    username: str
    role: str
    local: bool = False

    def can(self, permission: str) -> bool:
        return self.local or permission in PERMISSIONS.get(self.role, frozenset())


# the single user of the app on their own computer (no login; the server listens on localhost only)
LOCAL = Account("local", ADMIN, local=True)
# command-line administration on the server itself (``python -m evaluator users ...``): signs the account log
SYSTEM = Account("shell", ADMIN, local=True)


@dataclass(frozen=True)
class SchoolClass:
    """A class: its owner mentor, its students and the rubrics it works on."""

    name: str
    mentor: str
    students: tuple[str, ...] = ()
    rubrics: tuple[str, ...] = ()


@dataclass(frozen=True)
class LogEntry:
    """One change to accounts or classes, and who made it."""

    id: int
    created_at: datetime
    actor: str
    action: str
    subject: str
    detail: str


def username_key(name: str) -> str:
    """A username as typed at login: surrounding spaces and case do not matter; inner spaces are not allowed.

    >>> username_key("  Asha.Rao ")
    'asha.rao'
    """
    return name.strip().casefold()


def check_username(name: str) -> str:
    """The username as stored (:func:`username_key`), or :class:`AccountError` saying what a username may contain.

    >>> check_username(" Asha.Rao")
    'asha.rao'
    >>> check_username("  ASHA   rao ")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    evaluator.store.users.AccountError: username '  ASHA   rao ': 2 to 40 lowercase letters, digits, ...
    """
    key = username_key(name)
    if not _USERNAME.fullmatch(key):
        raise AccountError(f"username {name!r}: 2 to 40 lowercase letters, digits, '.', '_' or '-', starting with "
                           "a letter or digit")
    if key in RESERVED:
        raise AccountError(f"username {name!r} is reserved: it signs the changes made without a login")
    return key


def check_password(password: str) -> None:
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise AccountError(f"password: {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters")


class UserStore:
    """Accounts and classes in an SQLite file (the app's database; WAL; one connection per call)."""

    def __init__(self, path: str | Path, *, hasher: PasswordHasher | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._hasher = hasher or PasswordHasher()  # Argon2id with the library's recommended parameters
        with self._connect() as db:
            set_wal(db, BUSY_TIMEOUT_S)
            db.executescript(_SCHEMA)

    # --- accounts ---

    def add(self, username: str, role: str, password: str, *, by: Account) -> Account:
        """Create an account; :class:`AccountError` when the name is taken or a field is wrong."""
        _require(by, MANAGE_USERS)
        username = check_username(username)
        if role not in ROLES:
            raise AccountError(f"role {role!r}: one of {', '.join(ROLES)}")
        check_password(password)
        digest = self._hasher.hash(password)
        with self._connect() as db:
            try:
                db.execute("INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           (username, role, digest, _now()))
            except sqlite3.IntegrityError:
                raise AccountError(f"username {username!r} is taken") from None
            _log(db, by, "add user", username, role)
        return Account(username, role)

    def get(self, username: str) -> Account | None:
        with self._connect() as db:
            found = db.execute("SELECT username, role FROM users WHERE username = ?",
                               (username_key(username),)).fetchone()
        return Account(*found) if found else None

    def accounts(self) -> list[Account]:
        """Every account, by username."""
        with self._connect() as db:
            return [Account(*row) for row in db.execute("SELECT username, role FROM users ORDER BY username")]

    def has_admin(self) -> bool:
        with self._connect() as db:
            return db.execute("SELECT 1 FROM users WHERE role = 'admin' LIMIT 1").fetchone() is not None

    def authenticate(self, username: str, password: str) -> Account | None:
        """The account when the password is right, else ``None`` (the same for an unknown username)."""
        with self._connect() as db:
            found = db.execute("SELECT username, role, password_hash FROM users WHERE username = ?",
                               (username_key(username),)).fetchone()
        if found is None:
            self._hasher.hash(password)  # the same time for an unknown name as for a wrong password
            return None
        name, role, digest = found
        try:
            self._hasher.verify(digest, password)
        except (VerificationError, InvalidHashError):
            return None
        if self._hasher.check_needs_rehash(digest):  # parameters raised since: store the stronger hash
            with self._connect() as db:
                db.execute("UPDATE users SET password_hash = ? WHERE username = ?", (self._hasher.hash(password), name))
        return Account(name, role)

    def set_password(self, username: str, password: str, *, by: Account) -> None:
        """A new password: an admin's for anyone, or one's own."""
        username = username_key(username)
        if by.username != username or by.local:
            _require(by, MANAGE_USERS)
        check_password(password)
        with self._connect() as db:
            changed = db.execute("UPDATE users SET password_hash = ? WHERE username = ?",
                                 (self._hasher.hash(password), username)).rowcount
            if not changed:
                raise AccountError(f"no account {username!r}")
            _log(db, by, "set password", username, "")

    def set_role(self, username: str, role: str, *, by: Account) -> None:
        _require(by, MANAGE_USERS)
        username = username_key(username)
        if role not in ROLES:
            raise AccountError(f"role {role!r}: one of {', '.join(ROLES)}")
        with self._connect() as db:
            if role != MENTOR and (owned := _owned(db, username)):
                raise AccountError(f"{username} owns the classes {', '.join(owned)}: give them another mentor first")
            if not db.execute("UPDATE users SET role = ? WHERE username = ?", (role, username)).rowcount:
                raise AccountError(f"no account {username!r}")
            _log(db, by, "set role", username, role)

    def remove(self, username: str, *, by: Account) -> None:
        """Delete an account (their attempts and the audit trail stay); a mentor who owns classes stays until the
        classes have another mentor, and the last admin stays."""
        _require(by, MANAGE_USERS)
        username = username_key(username)
        with self._connect() as db:
            if owned := _owned(db, username):
                raise AccountError(f"{username} owns the classes {', '.join(owned)}: give them another mentor first")
            role = db.execute("SELECT role FROM users WHERE username = ?", (username,)).fetchone()
            if role is None:
                raise AccountError(f"no account {username!r}")
            if role[0] == ADMIN and db.execute("SELECT COUNT(*) FROM users WHERE role = 'admin'").fetchone()[0] == 1:
                raise AccountError(f"{username} is the only admin: make another admin first")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("DELETE FROM users WHERE username = ?", (username,))
            _log(db, by, "remove user", username, role[0])

    # --- classes ---

    def save_class(self, name: str, mentor: str, *, students: tuple[str, ...] = (), rubrics: tuple[str, ...] = (),
                   by: Account) -> SchoolClass:
        """Create a class or change it: its owner mentor, and students and rubrics added to it."""
        _require(by, MANAGE_USERS)
        name = " ".join(name.split())
        if not _CLASS.fullmatch(name) or len(name) > MAX_CLASS_CHARS:
            raise AccountError(f"class {name!r}: 1 to {MAX_CLASS_CHARS} letters, digits, spaces, '.', '_' or '-'")
        mentor = username_key(mentor)
        with self._connect() as db:
            if _role(db, mentor) != MENTOR:
                raise AccountError(f"mentor {mentor!r}: no mentor account of that name")
            for student in map(username_key, students):
                if _role(db, student) != STUDENT:
                    raise AccountError(f"student {student!r}: no student account of that name")
            db.execute("INSERT INTO classes (name, mentor) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                       "mentor = excluded.mentor", (name, mentor))
            db.executemany("INSERT OR IGNORE INTO class_members (class, student) VALUES (?, ?)",
                           [(name, username_key(s)) for s in students])
            db.executemany("INSERT OR IGNORE INTO class_rubrics (class, rubric_id) VALUES (?, ?)",
                           [(name, r) for r in rubrics])
            _log(db, by, "save class", name, f"mentor={mentor}; +students={','.join(students)}; "
                                             f"+rubrics={','.join(rubrics)}")
        return self.school_class(name)  # type: ignore[return-value]

    def school_class(self, name: str) -> SchoolClass | None:
        with self._connect() as db:
            found = db.execute("SELECT name, mentor FROM classes WHERE name = ?", (name,)).fetchone()
            if found is None:
                return None
            students = tuple(r[0] for r in db.execute(
                "SELECT student FROM class_members WHERE class = ? ORDER BY student", (name,)))
            rubrics = tuple(r[0] for r in db.execute(
                "SELECT rubric_id FROM class_rubrics WHERE class = ? ORDER BY rubric_id", (name,)))
        return SchoolClass(found[0], found[1], students, rubrics)

    def classes(self, *, mentor: str | None = None) -> list[SchoolClass]:
        """Every class (or the classes one mentor owns), by name."""
        with self._connect() as db:
            names = [r[0] for r in db.execute(
                "SELECT name FROM classes WHERE ? IS NULL OR mentor = ? ORDER BY name", (mentor, mentor))]
        return [c for c in map(self.school_class, names) if c is not None]

    def rubric_mentors(self, rubric_id: str) -> set[str]:
        """The mentors who own a class that works on this rubric: whose marks may calibrate it."""
        with self._connect() as db:
            return {r[0] for r in db.execute(
                "SELECT DISTINCT c.mentor FROM classes c JOIN class_rubrics r ON r.class = c.name "
                "WHERE r.rubric_id = ?", (rubric_id,))}

    def calibration_mentors(self, rubric_id: str) -> set[str]:
        """Whose override marks may calibrate this rubric: its classes' mentors, and the single local user (whose
        overrides belong to no class)."""
        return self.rubric_mentors(rubric_id) | {LOCAL.username}

    def log(self) -> list[LogEntry]:
        """Every change to accounts and classes, oldest first."""
        with self._connect() as db:
            return [LogEntry(i, datetime.fromisoformat(t), a, act, s, d) for i, t, a, act, s, d in db.execute(
                "SELECT id, created_at, actor, action, subject, detail FROM account_log ORDER BY id")]

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as db, db:
            yield db


def owns_class(db: sqlite3.Connection, account: Account, class_name: str) -> bool:
    """Whether ``account`` may change marks in ``class_name`` (read inside the caller's transaction): the single
    local user always (their class is ""); a mentor for the classes they own."""
    if account.local:
        return True
    if account.role != MENTOR:
        return False
    try:
        found = db.execute("SELECT mentor FROM classes WHERE name = ?", (class_name,)).fetchone()
    except sqlite3.OperationalError:  # a database without accounts: nobody but the local user owns anything
        return False
    return found is not None and found[0] == account.username


def _require(account: Account, permission: str) -> None:
    if not account.can(permission):
        raise NotAllowed(f"{account.username} ({account.role}) may not do this: it needs the {permission!r} "
                         "permission")


def _role(db: sqlite3.Connection, username: str) -> str | None:
    found = db.execute("SELECT role FROM users WHERE username = ?", (username,)).fetchone()
    return found[0] if found else None


def _owned(db: sqlite3.Connection, username: str) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM classes WHERE mentor = ? ORDER BY name", (username,))]


def _log(db: sqlite3.Connection, by: Account, action: str, subject: str, detail: str) -> None:
    db.execute("INSERT INTO account_log (created_at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
               (_now(), by.username, action, subject, detail))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# --- who must log in ---------------------------------------------------------------------------------------------

AUTH_ENV_VAR = "UPSC_EVAL_AUTH"  # "login": always ask for a login, even on localhost
ADMIN_PASSWORD_ENV_VAR = "UPSC_EVAL_ADMIN_PASSWORD"  # the first admin's password (else one is generated and shown)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(address: str) -> bool:
    """Whether a server bound to ``address`` is reachable from this computer only ("" binds every interface).

    >>> [is_loopback(a) for a in ("127.0.0.1", "localhost", "127.0.1.1", "::1", "0.0.0.0", "", "192.168.1.5")]
    [True, True, True, True, False, False, False]
    """
    address = address.strip().strip("[]").casefold()
    return address in LOOPBACK or address.startswith("127.")


def login_required(address: str, setting: str = "") -> bool:
    """Whether the app asks for a login: always when it listens beyond this computer, and on localhost only when
    ``setting`` (``$UPSC_EVAL_AUTH``) is ``login``. A single-user laptop needs none.

    >>> login_required("127.0.0.1"), login_required("127.0.0.1", "login"), login_required("0.0.0.0", "none")
    (False, True, True)
    """
    return not is_loopback(address) or setting.strip().casefold() == "login"
