"""Streamlit parts the pages share: cached resources, the rubric and question pickers, reading uploads,
the result view and the student page's session state. Thin shells over :mod:`evaluator`; no scoring here."""
