"""The Streamlit app: ``make run`` (or ``streamlit run app.py``).

The student page (Score an answer: pick a question, write or upload an answer, get marks with evidence and
feedback), the mentors' Batch scoring and Rubric tuning pages, and the admins' Accounts page. The page list
shows each account the pages its role may use, and every page checks again at its top (:func:`ui.auth.require`),
so a page's address alone opens nothing. On localhost there is one user and no login (:mod:`ui.auth`). The pages
are thin shells over :mod:`evaluator`; the parts they share are in :mod:`ui`. Rubrics are read from
``rubrics/*.yaml`` (or ``$UPSC_EVAL_RUBRICS``); attempts, accounts and overrides are kept in ``$UPSC_EVAL_DB`` or
the user's data directory.
"""

from __future__ import annotations

import streamlit as st

from evaluator.store.users import BATCH, CALIBRATE, EDIT_RUBRICS, MANAGE_USERS
from ui.auth import current_account

account = current_account()
# Streamlit lists pages by title: the student page is "Score an answer", not a file name. No icons: an emoji needs
# an emoji font the machine may not have (Chromium drew empty boxes), and a :material/...: page icon is also the tab's
# icon, which is fetched from Google's servers (the app is offline)
PAGES = [st.Page("pages/student.py", title="Score an answer", default=True)]
if account is not None and account.can(BATCH):
    PAGES.append(st.Page("pages/1_Batch_scoring.py", title="Batch scoring"))
if account is not None and (account.can(CALIBRATE) or account.can(EDIT_RUBRICS)):
    PAGES.append(st.Page("pages/2_Rubric_tuning.py", title="Rubric tuning"))
if account is not None and account.can(MANAGE_USERS):
    PAGES.append(st.Page("pages/3_Accounts.py", title="Accounts"))
st.navigation(PAGES).run()
