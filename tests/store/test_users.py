"""Specification of local accounts: hashed passwords, roles, classes, and a log of who changed what."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evaluator.store.users import (
    ADMIN,
    LOCAL,
    MENTOR,
    STUDENT,
    SYSTEM,
    Account,
    AccountError,
    NotAllowed,
    UserStore,
)
from tests.conftest import user_store

PASSWORD = "correct horse battery"


@pytest.fixture
def users(tmp_path: Path) -> UserStore:
    users = user_store(tmp_path / "app.sqlite")
    users.add("root", ADMIN, PASSWORD, by=SYSTEM)
    users.add("meena", MENTOR, PASSWORD, by=SYSTEM)
    users.add("asha", STUDENT, PASSWORD, by=SYSTEM)
    return users


def test_a_password_is_stored_as_an_argon2id_hash_and_checked(users: UserStore) -> None:
    with sqlite3.connect(users.path) as db:
        [digest] = db.execute("SELECT password_hash FROM users WHERE username = 'asha'").fetchone()
    assert digest.startswith("$argon2id$") and PASSWORD not in digest
    assert users.authenticate("asha", PASSWORD) == Account("asha", STUDENT)
    assert users.authenticate(" Asha ", PASSWORD) == Account("asha", STUDENT)  # as typed at a login form
    assert users.authenticate("asha", PASSWORD + "!") is None
    assert users.authenticate("nobody", PASSWORD) is None


@pytest.mark.parametrize("name", ["  ASHA   rao ", "asha rao", "a", "-asha", "asha/../x", "x" * 41, "", "local",
                                  "Shell"])
def test_a_username_with_spaces_or_odd_characters_is_refused(users: UserStore, name: str) -> None:
    with pytest.raises(AccountError, match="username"):
        users.add(name, STUDENT, PASSWORD, by=SYSTEM)


def test_regression_two_spellings_of_a_name_cannot_share_a_history(users: UserStore) -> None:
    with pytest.raises(AccountError, match="is taken"):
        users.add("ASHA", STUDENT, "another password!", by=SYSTEM)  # the same account, not a second spelling of it
    with pytest.raises(AccountError, match="username"):
        users.add("  ASHA   rao ", STUDENT, "another password!", by=SYSTEM)


@pytest.mark.parametrize(("field", "value", "message"), [("role", "teacher", "role 'teacher'"),
                                                         ("password", "short", "password: 10 to 200")])
def test_a_bad_role_or_short_password_is_refused(users: UserStore, field: str, value: str, message: str) -> None:
    fields = {"role": STUDENT, "password": PASSWORD} | {field: value}
    with pytest.raises(AccountError, match=message):
        users.add("kiran", fields["role"], fields["password"], by=SYSTEM)


@pytest.mark.parametrize(("role", "allowed"), [
    (STUDENT, {"score"}),
    (MENTOR, {"score", "batch", "review", "calibrate"}),
    (ADMIN, {"score", "users", "rubrics"}),
])
def test_what_each_role_may_do(role: str, allowed: set[str]) -> None:
    every = {"score", "batch", "review", "calibrate", "users", "rubrics"}
    assert {p for p in every if Account("x", role).can(p)} == allowed
    assert all(LOCAL.can(p) for p in every)  # the single user of a laptop


@pytest.mark.parametrize("by", [Account("meena", MENTOR), Account("asha", STUDENT)], ids=["mentor", "student"])
def test_only_an_admin_manages_accounts_and_classes(users: UserStore, by: Account) -> None:
    with pytest.raises(NotAllowed):
        users.add("kiran", ADMIN, PASSWORD, by=by)
    with pytest.raises(NotAllowed):
        users.set_password("root", "a new password!", by=by)
    with pytest.raises(NotAllowed):
        users.remove("root", by=by)
    with pytest.raises(NotAllowed):
        users.save_class("gs2", "meena", by=by)
    assert users.authenticate("root", PASSWORD) is not None


def test_anyone_may_change_their_own_password(users: UserStore) -> None:
    users.set_password("asha", "her new password", by=Account("asha", STUDENT))
    assert users.authenticate("asha", "her new password") is not None
    assert users.authenticate("asha", PASSWORD) is None


def test_a_class_has_one_mentor_students_and_rubrics(users: UserStore) -> None:
    users.save_class("GS2 morning", "meena", students=("asha",), rubrics=("india-us-defence",), by=SYSTEM)
    [found] = users.classes(mentor="meena")
    assert (found.name, found.mentor, found.students, found.rubrics) == ("GS2 morning", "meena", ("asha",),
                                                                       ("india-us-defence",))
    assert users.classes(mentor="root") == []
    assert users.rubric_mentors("india-us-defence") == {"meena"}
    assert users.rubric_mentors("another") == set()


@pytest.mark.parametrize(("mentor", "students", "message"), [("asha", (), "mentor 'asha'"),
                                                             ("meena", ("root",), "student 'root'"),
                                                             ("meena", ("nobody",), "student 'nobody'")])
def test_a_class_needs_a_mentor_account_and_student_accounts(users: UserStore, mentor: str, students: tuple,
                                                             message: str) -> None:
    with pytest.raises(AccountError, match=message):
        users.save_class("gs2", mentor, students=students, by=SYSTEM)


def test_a_mentor_who_owns_a_class_and_the_last_admin_are_not_removed(users: UserStore) -> None:
    users.save_class("gs2", "meena", by=SYSTEM)
    with pytest.raises(AccountError, match="owns the classes gs2"):
        users.remove("meena", by=SYSTEM)
    with pytest.raises(AccountError, match="owns the classes gs2"):
        users.set_role("meena", STUDENT, by=SYSTEM)
    with pytest.raises(AccountError, match="only admin"):
        users.remove("root", by=SYSTEM)
    users.remove("asha", by=SYSTEM)
    assert users.get("asha") is None and users.authenticate("asha", PASSWORD) is None


def test_every_account_change_is_logged_with_the_acting_account(users: UserStore) -> None:
    root = Account("root", ADMIN)
    users.add("kiran", STUDENT, PASSWORD, by=root)
    users.save_class("gs2", "meena", students=("kiran",), by=root)
    users.set_password("kiran", "a new password!", by=Account("kiran", STUDENT))
    users.remove("kiran", by=root)
    assert [(e.actor, e.action, e.subject) for e in users.log()][3:] == [
        ("root", "add user", "kiran"), ("root", "save class", "gs2"), ("kiran", "set password", "kiran"),
        ("root", "remove user", "kiran")]
    assert [e.actor for e in users.log()][:3] == ["shell"] * 3


def test_calibration_counts_the_rubric_s_mentors_and_the_local_user(users: UserStore) -> None:
    users.save_class("gs2", "meena", rubrics=("india-us-defence",), by=SYSTEM)
    assert users.calibration_mentors("india-us-defence") == {"meena", "local"}
    assert users.calibration_mentors("another") == {"local"}
