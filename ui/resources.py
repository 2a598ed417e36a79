"""What a Streamlit server process loads once and every session shares: models, rubrics, the app's stores."""

from __future__ import annotations

import threading

import streamlit as st

from evaluator import Rubric, load_rubric
from evaluator.runtime import keep_parsed_rubrics, keep_rubric_vectors, warm_up
from evaluator.store.attempts import AttemptStore
from evaluator.store.overrides import OverrideStore
from evaluator.store.runs import RunHistory
from evaluator.store.users import UserStore


@st.cache_resource(show_spinner=False)
def models() -> threading.Thread:
    """Start loading the spaCy pipeline and the sentence encoder, once per server process, in a background thread:
    the page shows at once, and the model is ready by the time a student has written an answer (an answer sent
    before then waits for the load in progress rather than starting another)."""
    def load() -> None:
        keep_rubric_vectors()
        warm_up()

    keep_parsed_rubrics()  # before any page reads a rubric
    thread = threading.Thread(target=load, name="warm-up", daemon=True)
    thread.start()
    return thread


@st.cache_resource(show_spinner=False)
def cached_rubric(path: str, modified: float) -> Rubric:
    """The rubric at ``path``; ``modified`` (the file's mtime) reloads it after an edit."""
    del modified  # part of the cache key only
    return load_rubric(path)


@st.cache_resource(show_spinner=False)
def attempt_store(path: str) -> AttemptStore:
    """One store per database file for all sessions (it opens a connection per call)."""
    return AttemptStore(path)


@st.cache_resource(show_spinner=False)
def override_store(path: str) -> OverrideStore:
    """Mentors' overrides, in the same database file as the attempts (one connection per call)."""
    return OverrideStore(path)


@st.cache_resource(show_spinner=False)
def run_history(path: str) -> RunHistory:
    """The batch page's last runs, in the same database file (one connection per call)."""
    return RunHistory(path)


@st.cache_resource(show_spinner=False)
def user_store(path: str) -> UserStore:
    """Accounts and classes, in the same database file as the attempts (one connection per call)."""
    return UserStore(path)
