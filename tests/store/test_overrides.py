"""Specification of mentor overrides: an audit trail that is never rewritten, undo, and reviews per answer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evaluator import Question, load_rubric
from evaluator.store.overrides import OverrideError, OverrideRequest, OverrideStore
from tests.conftest import RUBRIC_PATH

ANSWER = "India and the US agreed a roadmap for co-production of jet engines."


@pytest.fixture(scope="module")
def q1() -> Question:
    return load_rubric(RUBRIC_PATH).question("Q1")


@pytest.fixture
def store(tmp_path: Path) -> OverrideStore:
    return OverrideStore(tmp_path / "app.sqlite")


def request(q1: Question, **changes) -> OverrideRequest:  # noqa: ANN003
    base = {"rubric_id": "india-us-defence", "rubric_version": 1, "question": q1, "answer_key": "asha_q1.txt",
            "student": "asha", "answer": ANSWER, "old_marks": 4.0, "reason": "the roadmap is there, paraphrased"}
    return OverrideRequest(**{**base, **changes})


def answers(text: str = ANSWER) -> dict[str, tuple[str, str]]:
    return {"asha_q1.txt": ("Q1", text)}


def test_an_override_is_signed_dated_and_keeps_old_and_new_values(store: OverrideStore, q1: Question) -> None:
    point = q1.key_points[0].id
    store.record(request(q1, new_marks=6.5, old_points={point: "missing"}, new_points={point: "covered"},
                         comment="Good."), reviewer="Meena")
    [entry] = store.history("india-us-defence")
    assert (entry.reviewer, entry.action, entry.rubric_version) == ("Meena", "override", 1)
    assert (entry.old_marks, entry.new_marks) == (4.0, 6.5)
    assert (entry.old_points, entry.new_points) == ({point: "missing"}, {point: "covered"})
    assert entry.created_at.tzinfo is not None and entry.answer == ANSWER
    assert entry.describe() == f"marks 4 → 6.5; {point}: missing → covered"
    review = store.reviews("india-us-defence", answers())["asha_q1.txt"]
    assert (review.marks, review.point_status, review.reviewer, review.comment) == (6.5, {point: "covered"},
                                                                                     "Meena", "Good.")


def test_undo_reverts_to_the_earlier_override_and_is_itself_audited(store: OverrideStore, q1: Question) -> None:
    first = store.record(request(q1, new_marks=6.0), reviewer="Meena")
    second = store.record(request(q1, old_marks=6.0, new_marks=8.0, reason="second look"), reviewer="Ravi")
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 8.0
    store.undo(second, reviewer="Meena", reason="too generous")
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 6.0
    trail = store.history("india-us-defence", answer_key="asha_q1.txt")
    assert [(o.action, o.undoes, o.reviewer) for o in trail] == [("override", None, "Meena"),
                                                                 ("override", None, "Ravi"),
                                                                 ("undo", second, "Meena")]
    assert (trail[2].old_marks, trail[2].new_marks, trail[2].reason) == (8.0, 6.0, "too generous")
    store.undo(first, reviewer="Meena")
    assert store.reviews("india-us-defence", answers()) == {}  # the evaluator's marks again
    assert len(store.history("india-us-defence")) == 4  # nothing was deleted


def test_an_override_cannot_be_undone_twice_nor_an_undo_undone(store: OverrideStore, q1: Question) -> None:
    override = store.record(request(q1, new_marks=6.0), reviewer="Meena")
    undo = store.undo(override, reviewer="Meena")
    with pytest.raises(OverrideError, match=f"override {override} is already undone"):
        store.undo(override, reviewer="Ravi")
    with pytest.raises(OverrideError, match="is an undo, not an override"):
        store.undo(undo, reviewer="Ravi")
    with pytest.raises(OverrideError, match="no override 999"):
        store.undo(999, reviewer="Ravi")


@pytest.mark.parametrize(
    ("changes", "reviewer", "message"),
    [
        ({"new_marks": 6.0}, " ", "reviewer: give your name"),
        ({"new_marks": 6.0, "reason": ""}, "Meena", "reason: say why"),
        ({"new_marks": 16.0}, "Meena", r"marks: must lie in \[0, 15\] for Q1 \(got 16\)"),
        ({"new_marks": -1.0}, "Meena", r"marks: must lie in \[0, 15\]"),
        ({"new_points": {"no-such-point": "covered"}}, "Meena", "points: 'no-such-point' is not a key point of Q1"),
        ({}, "Meena", "nothing to change"),
    ],
    ids=["no reviewer", "no reason", "over max", "negative", "unknown point", "nothing"],
)
def test_a_bad_override_is_refused_naming_the_field(store: OverrideStore, q1: Question, changes: dict,
                                                    reviewer: str, message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        store.record(request(q1, **changes), reviewer=reviewer)
    assert store.history("india-us-defence") == []


def test_a_status_the_mentor_types_is_kept_as_data(store: OverrideStore, q1: Question) -> None:
    point = q1.key_points[1].id
    store.record(request(q1, new_points={point: "contradicted"}), reviewer="Meena")
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].point_status == {point: "contradicted"}


def test_a_review_belongs_to_the_answer_text_it_was_given_for(store: OverrideStore, q1: Question) -> None:
    store.record(request(q1, new_marks=6.0), reviewer="Meena")
    assert store.reviews("india-us-defence", answers(ANSWER + " Edited."))  == {}
    assert store.reviews("another-rubric", answers()) == {}


def test_marked_answers_are_the_latest_marks_not_undone(store: OverrideStore, q1: Question) -> None:
    store.record(request(q1, new_marks=6.0), reviewer="Meena")
    later = store.record(request(q1, new_marks=7.0), reviewer="Meena")
    other = store.record(request(q1, answer_key="ravi_q1.txt", answer="Another answer.", new_marks=3.0),
                         reviewer="Meena")
    store.record(request(q1, answer_key="kiran_q1.txt", answer="Third.", new_points={q1.key_points[0].id: "covered"}),
                 reviewer="Meena")  # statuses only: no marks to calibrate on
    store.undo(other, reviewer="Meena")
    assert [(o.id, o.new_marks) for o in store.marked_answers("india-us-defence")] == [(later, 7.0)]


def test_two_sessions_undoing_at_once_leave_one_undo(store: OverrideStore, q1: Question) -> None:
    override = store.record(request(q1, new_marks=6.0), reviewer="Meena")
    other_session = OverrideStore(store.path)
    store.undo(override, reviewer="Meena")
    with pytest.raises(OverrideError, match="already undone"):
        other_session.undo(override, reviewer="Ravi")
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM overrides WHERE action = 'undo'").fetchone()[0] == 1
