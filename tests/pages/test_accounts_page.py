"""The admins' Accounts page, run headless with Streamlit's AppTest: accounts, classes and the log of changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from evaluator.store.users import UserStore
from tests.conftest import ROOT, shown
from tests.pages.accounts import PASSWORD, login, login_mode

PAGE = ROOT / "pages" / "3_Accounts.py"


@pytest.fixture(autouse=True)
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("UPSC_EVAL_DB", str(path))
    login_mode(monkeypatch, path)
    return path


def open_page(who: str = "root") -> AppTest:
    return login(AppTest.from_file(str(PAGE), default_timeout=60).run(), who)


@pytest.mark.parametrize("who", ["asha", "meena"])
def test_only_admins_reach_the_accounts_page(who: str) -> None:
    at = open_page(who)
    assert "This page is not for your account" in at.error[0].value
    assert not at.dataframe and [b.label for b in at.button] == ["Log out"]


def test_an_admin_adds_a_student_and_puts_them_in_a_class(own_database: Path) -> None:
    at = open_page()
    assert list(at.dataframe[0].value["username"]) == ["asha", "kiran", "meena", "ravi", "root"]
    at.text_input(key="new_username").input("dev.k")
    at.text_input(key="new_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Add account").click().run()
    assert "Added the student dev.k." in shown(at.success[0].value)
    at.text_input(key="class_name").input("gs2-morning")
    at.selectbox(key="class_mentor").select("meena")
    at.multiselect(key="class_students").select("dev.k")
    next(b for b in at.button if b.label == "Save class").click().run()
    assert not at.exception and "Saved the class gs2-morning." in shown(at.success[0].value)
    users = UserStore(own_database)
    assert users.school_class("gs2-morning").students == ("asha", "dev.k")
    assert [(e.actor, e.action, e.subject) for e in users.log()][-2:] == [("root", "add user", "dev.k"),
                                                                        ("root", "save class", "gs2-morning")]
    assert users.authenticate("dev.k", PASSWORD) is not None


def test_a_bad_username_is_explained_and_nothing_is_added(own_database: Path) -> None:
    at = open_page()
    at.text_input(key="new_username").input("  ASHA   rao ")
    at.text_input(key="new_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Add account").click().run()
    assert "Not done — username '  ASHA   rao '" in shown(at.error[0].value)
    assert len(UserStore(own_database).accounts()) == 5
