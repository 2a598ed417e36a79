"""Accounts for the page tests: an admin, two mentors each owning a class of the defence rubric, two students."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from evaluator.store.users import ADMIN, MENTOR, STUDENT, SYSTEM
from tests.conftest import user_store

PASSWORD = "correct horse battery"
ACCOUNTS = {"root": ADMIN, "meena": MENTOR, "ravi": MENTOR, "asha": STUDENT, "kiran": STUDENT}
CLASSES = {"gs2-morning": ("meena", ("asha",)), "gs2-evening": ("ravi", ("kiran",))}
RUBRIC_ID = "india-us-defence"


def make_accounts(db: Path) -> None:
    users = user_store(db)
    for name, role in ACCOUNTS.items():
        users.add(name, role, PASSWORD, by=SYSTEM)
    for name, (mentor, students) in CLASSES.items():
        users.save_class(name, mentor, students=students, rubrics=(RUBRIC_ID,), by=SYSTEM)


def login_mode(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    """The app as served on the network: every page asks for a login; the accounts above exist."""
    monkeypatch.setenv("UPSC_EVAL_AUTH", "login")
    make_accounts(db)


def login(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    """Fill the login form and submit it."""
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Log in").click().run()
    assert not at.exception, at.exception
    return at


def logged_in(at: AppTest) -> str:
    """Who the sidebar says is logged in ("" when nobody)."""
    return next((c.value for c in at.sidebar.caption if c.value.startswith("Logged in as")), "")
