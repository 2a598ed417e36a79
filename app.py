"""The Streamlit app: ``make run`` (or ``streamlit run app.py``).

Three pages: the student page (Score an answer: pick a question, write or upload an answer, get marks
with evidence and feedback) and the mentors' Batch scoring and Rubric tuning pages. The pages are
thin shells over :mod:`evaluator`; the parts they share are in :mod:`ui`. Rubrics are read from
``rubrics/*.yaml`` (or ``$UPSC_EVAL_RUBRICS``); attempts are kept in ``$UPSC_EVAL_DB`` or the user's
data directory.
"""

from __future__ import annotations

import streamlit as st

# Streamlit lists pages by title: the student page is "Score an answer", not a file name. No icons: an emoji needs
# an emoji font the machine may not have (Chromium drew empty boxes), and a :material/...: page icon is also the tab's
# icon, which is fetched from Google's servers (the app is offline)
PAGES = [
    st.Page("pages/student.py", title="Score an answer", default=True),
    st.Page("pages/1_Batch_scoring.py", title="Batch scoring"),
    st.Page("pages/2_Rubric_tuning.py", title="Rubric tuning"),
]
st.navigation(PAGES).run()
