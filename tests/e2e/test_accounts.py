"""Logged in as a student, a mentor and an admin in headless Chromium: what each can and cannot reach.

A login lasts for a browser session: opening an address afresh starts a new one, which logs in again. The app is
served as on a network (``UPSC_EVAL_AUTH=login``: every page asks for a login), with its own database
holding the accounts of ``tests/pages/accounts.py``. Screenshots of each role's view go to ``tests/e2e/artifacts``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, serve_app
from tests.pages.accounts import PASSWORD, make_accounts

pytestmark = pytest.mark.e2e
PAGE_NAMES = ("Score an answer", "Batch scoring", "Rubric tuning", "Accounts")
LOAD_TIMEOUT_MS = 90_000  # the first page loads the language model


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("accounts")
    make_accounts(tmp / "app.sqlite")
    with serve_app(tmp, UPSC_EVAL_DB=str(tmp / "app.sqlite"), UPSC_EVAL_AUTH="login") as url:
        yield url


@pytest.fixture
def visit(browser, server: str) -> Iterator[object]:  # noqa: ANN001 - playwright Browser
    """A new browser (its own session) on the app's first page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server)
    try:
        yield page
    finally:
        context.close()


def log_in(page, username: str, password: str = PASSWORD) -> None:  # noqa: ANN001
    page.get_by_role("heading", name="Log in").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()


def pages_listed(page) -> list[str]:  # noqa: ANN001
    nav = page.get_by_test_id("stSidebarNav")
    return [name for name in PAGE_NAMES if nav.get_by_text(name, exact=True).count()]


def opened_by_address(page, server: str, path: str, username: str) -> bool:  # noqa: ANN001
    """Whether typing a page's address opens it (its title shows) once logged in again (a new browser session
    starts on the login form; Streamlit shows the main page for an address the session does not list)."""
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name="Log in").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(1000)
    not_found = page.get_by_text("Page not found")  # Streamlit's dialog for a page not in this session's list
    if not_found.count():
        page.keyboard.press("Escape")
        not_found.wait_for(state="hidden", timeout=30_000)
    log_in(page, username)
    page.get_by_text("Logged in as").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(2000)
    return page.get_by_role("heading", name=path.replace("_", " "), exact=True).count() > 0


def test_nobody_logged_in_sees_only_the_login_form(visit, server: str) -> None:  # noqa: ANN001
    page = visit
    page.get_by_role("heading", name="Log in").wait_for(timeout=LOAD_TIMEOUT_MS)
    assert page.get_by_label("Type or paste your answer").count() == 0
    assert pages_listed(page) in ([], ["Score an answer"])  # no mentor or admin page is even listed
    log_in(page, "asha", "not her password")
    page.get_by_text("Wrong username or password.").wait_for(timeout=30_000)


def test_a_student_scores_but_reaches_no_mentor_or_admin_page(visit, server: str) -> None:  # noqa: ANN001
    page = visit
    log_in(page, "asha")
    page.get_by_label("Type or paste your answer").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_text("Logged in as asha (student)").wait_for(timeout=30_000)
    assert pages_listed(page) in ([], ["Score an answer"])  # Streamlit hides a list of one page
    page.screenshot(path=ARTIFACTS / "role_student.png", full_page=True)
    for path in ("Batch_scoring", "Rubric_tuning", "Accounts"):
        assert not opened_by_address(page, server, path, "asha"), path


def test_a_mentor_reaches_batch_and_tuning_for_their_class_but_not_accounts(visit, server: str) -> None:  # noqa: ANN001
    page = visit
    log_in(page, "meena")
    page.get_by_text("Logged in as meena (mentor)").wait_for(timeout=LOAD_TIMEOUT_MS)
    assert pages_listed(page) == ["Score an answer", "Batch scoring", "Rubric tuning"]
    page.get_by_test_id("stSidebarNav").get_by_text("Batch scoring", exact=True).click()
    page.get_by_role("heading", name="Batch scoring").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_label("Class", exact=True).click()
    page.get_by_role("option").first.wait_for(timeout=30_000)
    assert page.get_by_role("option").all_inner_texts() == ["gs2-morning"]  # her class, not Ravi's
    page.keyboard.press("Escape")
    page.screenshot(path=ARTIFACTS / "role_mentor.png", full_page=True)
    assert not opened_by_address(page, server, "Accounts", "meena")


def test_an_admin_manages_accounts_and_rubrics_but_does_not_mark(visit, server: str) -> None:  # noqa: ANN001
    page = visit
    log_in(page, "root")
    page.get_by_text("Logged in as root (admin)").wait_for(timeout=LOAD_TIMEOUT_MS)
    assert pages_listed(page) == ["Score an answer", "Rubric tuning", "Accounts"]
    page.get_by_test_id("stSidebarNav").get_by_text("Accounts", exact=True).click()
    page.get_by_role("heading", name="Accounts").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("button", name="Add account").wait_for(timeout=30_000)
    page.screenshot(path=ARTIFACTS / "role_admin.png", full_page=True)
    assert not opened_by_address(page, server, "Batch_scoring", "root")
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Log in").wait_for(timeout=30_000)
