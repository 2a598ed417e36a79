"""Who is using the app: the guard at the top of every page, the login form, and logging out.

On a laptop (the server listens on localhost, ``make run``'s default) the app is one person's and asks for no
login: everything is signed by the single local user. When it listens on the network (``make run HOST=0.0.0.0``),
or with ``UPSC_EVAL_AUTH=login``, every page asks for a login first; a session stays logged in until it logs out
or the browser tab is closed. Accounts are in the app's database (:mod:`evaluator.store.users`).
"""

from __future__ import annotations

import os
import sqlite3

import streamlit as st

from evaluator.store.attempts import default_db_path
from evaluator.store.users import AUTH_ENV_VAR, LOCAL, Account, UserStore, login_required
from evaluator.views.highlight import escape_markdown
from ui.resources import user_store

ACCOUNT = "account"  # session key of the logged-in Account


def login_mode() -> bool:
    """Whether this server asks for a login (it listens beyond this computer, or ``UPSC_EVAL_AUTH=login``)."""
    return login_required(st.get_option("server.address") or "", os.environ.get(AUTH_ENV_VAR, ""))


def accounts() -> UserStore:
    return user_store(str(default_db_path()))


def current_account() -> Account | None:
    """The account this session acts as: the local user without login, else whoever logged in (``None``: nobody).

    A logged-in account is read again each time, so a removed account or a changed role counts at once.
    """
    if not login_mode():
        return LOCAL
    account: Account | None = st.session_state.get(ACCOUNT)
    if account is None:
        return None
    try:
        now = accounts().get(account.username)
    except (sqlite3.Error, OSError):
        now = None
    if now != account:
        st.session_state.pop(ACCOUNT, None)
    return now


def require(*permissions: str) -> Account:
    """The guard at the top of a page: the acting account, if it has one of ``permissions``.

    Nobody logged in: the login form, and the page stops. Logged in without the permission: a message, and the
    page stops (nothing of the page is drawn, and none of its actions run).
    """
    account = current_account()
    if account is None:
        login_form()
        st.stop()
    if not account.local:
        account_sidebar(account)
    if permissions and not any(account.can(p) for p in permissions):
        st.error(f"This page is not for your account ({escape_markdown(account.username)}, {account.role}).",
                 icon=":material/block:")
        st.stop()
    return account


def login_form() -> None:
    st.title("Log in")
    st.caption("Your mentor or the app's admin gives you an account.")
    with st.form("login"):
        username = st.text_input("Username", key="login_username", max_chars=40)
        password = st.text_input("Password", type="password", key="login_password", max_chars=200)
        if st.form_submit_button("Log in", type="primary"):
            try:
                account = accounts().authenticate(username, password)
            except (sqlite3.Error, OSError) as exc:
                st.error(f"Accounts are unavailable ({exc}).")
                return
            if account is None:
                st.error("Wrong username or password.")
                return
            st.session_state[ACCOUNT] = account
            st.rerun()


def account_sidebar(account: Account) -> None:
    with st.sidebar:
        st.caption(f"Logged in as **{escape_markdown(account.username)}** ({account.role})")
        if st.button("Log out", key="logout", icon=":material/logout:"):
            st.session_state.clear()  # nothing of this session's work stays for the next person at this browser
            st.rerun()


def pick_class(account: Account) -> str:
    """The class a mentor works on, from the classes they own (in the sidebar); "" for the single local user. Stops
    the page with a message when the mentor owns none."""
    if account.local:
        return ""
    try:
        owned = [c.name for c in accounts().classes(mentor=account.username)]
    except (sqlite3.Error, OSError) as exc:
        st.error(f"Accounts are unavailable ({exc}).")
        st.stop()
    if not owned:
        st.info("You own no class yet: an admin creates classes (Accounts page, or "
                "`python -m evaluator users class NAME --mentor YOU`).")
        st.stop()
    return st.sidebar.selectbox("Class", owned, key="class", help="Overrides you save belong to this class.")


def class_rubrics(name: str) -> tuple[str, ...]:
    """The rubric ids a class works on (none when the accounts cannot be read)."""
    try:
        found = accounts().school_class(name)
    except (sqlite3.Error, OSError):
        return ()
    return found.rubrics if found is not None else ()
