"""Admin page: accounts (add, new password, role, remove), classes (owner mentor, students, rubrics) and the log of
every change. A thin shell over :class:`evaluator.store.users.UserStore`; the same is on the command line as
``python -m evaluator users``."""

from __future__ import annotations

import sqlite3

import pandas as pd
import streamlit as st

from evaluator.store.users import MANAGE_USERS, ROLES, STUDENT, AccountError, NotAllowed
from evaluator.views.highlight import escape_markdown
from ui.auth import accounts, require
from ui.pickers import rubric_files
from ui.resources import cached_rubric

st.set_page_config(page_title="Accounts", page_icon="👥", layout="wide")
account = require(MANAGE_USERS)
st.title("Accounts")
try:
    users = accounts()
    everyone = users.accounts()
    classes = users.classes()
except (sqlite3.Error, OSError) as exc:
    st.error(f"The accounts database is unavailable ({exc}).")
    st.stop()


def done(message: str) -> None:
    st.session_state["accounts_message"] = message
    st.rerun()


def attempt(action, message: str) -> None:  # noqa: ANN001 - a callable that changes the store
    try:
        action()
    except (AccountError, NotAllowed) as exc:
        st.error(f"Not done — {escape_markdown(str(exc))}")  # it quotes what was typed
    except sqlite3.Error as exc:
        st.error(f"Not done — the database said: {exc}")
    else:
        done(message)


if message := st.session_state.pop("accounts_message", ""):
    st.success(escape_markdown(message))

people, groups, log = st.tabs(["Accounts", "Classes", "Log of changes"])
with people:
    st.dataframe(pd.DataFrame([{"username": a.username, "role": a.role} for a in everyone],
                              columns=["username", "role"]), hide_index=True, key="accounts_table")
    add, change = st.columns(2)
    with add, st.form("add_account", clear_on_submit=True):
        st.markdown("**Add an account**")
        name = st.text_input("Username", max_chars=40, key="new_username",
                             help="2 to 40 lowercase letters, digits, '.', '_' or '-', e.g. asha.rao")
        role = st.selectbox("Role", ROLES, index=ROLES.index(STUDENT), key="new_role")
        password = st.text_input("Password (give it to them; they can change it)", type="password",
                                 key="new_password")
        if st.form_submit_button("Add account", type="primary"):
            attempt(lambda: users.add(name, role, password, by=account), f"Added the {role} {name.strip().casefold()}.")
    with change, st.form("change_account"):
        st.markdown("**Change an account**")
        who = st.selectbox("Account", [a.username for a in everyone], key="change_username")
        new_password = st.text_input("New password (blank: keep)", type="password", key="change_password")
        new_role = st.selectbox("Role", ["(keep)", *ROLES], key="change_role")
        save, remove = st.columns(2)
        if save.form_submit_button("Save"):
            def change_account() -> None:
                if new_password:
                    users.set_password(who, new_password, by=account)
                if new_role != "(keep)":
                    users.set_role(who, new_role, by=account)
            attempt(change_account, f"Changed {who}.")
        if remove.form_submit_button("Remove account"):
            attempt(lambda: users.remove(who, by=account), f"Removed {who}; their attempts and audit trail are kept.")

with groups:
    st.caption("A class has one mentor, who alone reviews, overrides and calibrates its answers; its students; and "
               "the rubrics it works on (a rubric's calibration learns only from its classes' mentors).")
    st.dataframe(pd.DataFrame([{"class": c.name, "mentor": c.mentor, "students": ", ".join(c.students),
                                "rubrics": ", ".join(c.rubrics)} for c in classes],
                              columns=["class", "mentor", "students", "rubrics"]), hide_index=True, key="classes_table")
    mentors = [a.username for a in everyone if a.role == "mentor"]
    students = [a.username for a in everyone if a.role == STUDENT]
    rubric_ids = sorted({cached_rubric(str(p), p.stat().st_mtime).id for p in rubric_files()})
    with st.form("save_class"):
        st.markdown("**Create or change a class**")
        class_name = st.text_input("Class name", max_chars=60, key="class_name")
        mentor = st.selectbox("Mentor", mentors, key="class_mentor")
        members = st.multiselect("Add students", students, key="class_students")
        rubrics = st.multiselect("Add rubrics", rubric_ids, key="class_rubrics")
        if st.form_submit_button("Save class", type="primary", disabled=not mentors):
            attempt(lambda: users.save_class(class_name, mentor or "", students=tuple(members), rubrics=tuple(rubrics),
                                             by=account), f"Saved the class {class_name}.")
    if not mentors:
        st.caption("Add a mentor account first: every class has one.")

with log:
    entries = users.log()
    st.dataframe(pd.DataFrame([{"when": e.created_at.astimezone().strftime("%d %b %Y %H:%M"), "by": e.actor,
                                "action": e.action, "account or class": e.subject, "detail": e.detail}
                               for e in reversed(entries)],
                              columns=["when", "by", "action", "account or class", "detail"]),
                 hide_index=True, key="log_table")
