"""Specification of mentor overrides: an audit trail that is never rewritten, undo, and reviews per answer.

Every row is signed by the acting account; only the mentor who owns the class may write it; a save over a change
made since the form was opened is a conflict; an answer is (run, path, content hash, student), never its name or
text alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evaluator import Question, load_rubric
from evaluator.store.overrides import (
    AnswerId,
    OverrideConflict,
    OverrideError,
    OverrideRequest,
    OverrideStore,
    answer_id,
)
from evaluator.store.users import MENTOR, STUDENT, SYSTEM, Account, NotAllowed, UserStore
from tests.conftest import RUBRIC_PATH, user_store

ANSWER = "India and the US agreed a roadmap for co-production of jet engines."
CLASS = "gs2-morning"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def q1() -> Question:
    return load_rubric(RUBRIC_PATH).question("Q1")


@pytest.fixture
def users(tmp_path: Path) -> UserStore:
    """Two mentors, each owning a class, and a student, in the app's database."""
    users = user_store(tmp_path / "app.sqlite")
    for name, role in (("meena", MENTOR), ("ravi", MENTOR), ("asha", STUDENT)):
        users.add(name, role, PASSWORD, by=SYSTEM)
    users.save_class(CLASS, "meena", students=("asha",), rubrics=("india-us-defence",), by=SYSTEM)
    users.save_class("gs2-evening", "ravi", rubrics=("india-us-defence",), by=SYSTEM)
    return users


@pytest.fixture
def store(users: UserStore) -> OverrideStore:
    return OverrideStore(users.path)


MEENA, RAVI, ASHA = Account("meena", MENTOR), Account("ravi", MENTOR), Account("asha", STUDENT)


def request(q1: Question, **changes) -> OverrideRequest:  # noqa: ANN003
    base = {"rubric_id": "india-us-defence", "rubric_version": 1, "question": q1, "answer_key": "asha_q1.txt",
            "student": "asha", "answer": ANSWER, "old_marks": 4.0, "reason": "the roadmap is there, paraphrased",
            "run": CLASS}
    return OverrideRequest(**{**base, **changes})


def answers(text: str = ANSWER, *, key: str = "asha_q1.txt", student: str = "asha") -> dict[str, AnswerId]:
    return {key: answer_id(CLASS, key, "Q1", text, student)}


def record(store: OverrideStore, req: OverrideRequest, by: Account = MEENA) -> int:
    """Save as a mentor whose form shows the answer as it is now."""
    return store.record(req, by=by, expected=store.version(req.rubric_id, req.answer_id))


def test_an_override_is_signed_dated_and_keeps_old_and_new_values(store: OverrideStore, q1: Question) -> None:
    point = q1.key_points[0].id
    record(store, request(q1, new_marks=6.5, old_points={point: "missing"}, new_points={point: "covered"},
                          comment="Good."))
    [entry] = store.history("india-us-defence")
    assert (entry.reviewer, entry.action, entry.rubric_version, entry.run) == ("meena", "override", 1, CLASS)
    assert (entry.old_marks, entry.new_marks) == (4.0, 6.5)
    assert (entry.old_points, entry.new_points) == ({point: "missing"}, {point: "covered"})
    assert entry.created_at.tzinfo is not None and entry.answer == ANSWER
    assert entry.describe() == f"marks 4 → 6.5; {point}: missing → covered"
    review = store.reviews("india-us-defence", answers())["asha_q1.txt"]
    assert (review.marks, review.point_status, review.reviewer, review.comment) == (6.5, {point: "covered"},
                                                                                     "meena", "Good.")


def test_undo_reverts_to_the_earlier_override_and_is_itself_audited(store: OverrideStore, q1: Question) -> None:
    first = record(store, request(q1, new_marks=6.0))
    second = record(store, request(q1, old_marks=6.0, new_marks=8.0, reason="second look"))
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 8.0
    store.undo(second, by=MEENA, reason="too generous")
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 6.0
    trail = store.history("india-us-defence", answer=request(q1).answer_id)
    assert [(o.action, o.undoes, o.reviewer) for o in trail] == [("override", None, "meena"),
                                                                 ("override", None, "meena"),
                                                                 ("undo", second, "meena")]
    assert (trail[2].old_marks, trail[2].new_marks, trail[2].reason) == (8.0, 6.0, "too generous")
    store.undo(first, by=MEENA)
    assert store.reviews("india-us-defence", answers()) == {}  # the evaluator's marks again
    assert len(store.history("india-us-defence")) == 4  # nothing was deleted


def test_an_override_cannot_be_undone_twice_nor_an_undo_undone(store: OverrideStore, q1: Question) -> None:
    override = record(store, request(q1, new_marks=6.0))
    undo = store.undo(override, by=MEENA)
    with pytest.raises(OverrideError, match=f"override {override} is already undone"):
        store.undo(override, by=MEENA)
    with pytest.raises(OverrideError, match="is an undo, not an override"):
        store.undo(undo, by=MEENA)
    with pytest.raises(OverrideError, match="no override 999"):
        store.undo(999, by=MEENA)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"new_marks": 6.0, "reason": ""}, "reason: say why"),
        ({"new_marks": 16.0}, r"marks: must lie in \[0, 15\] for Q1 \(got 16\)"),
        ({"new_marks": -1.0}, r"marks: must lie in \[0, 15\]"),
        ({"new_points": {"no-such-point": "covered"}}, "points: 'no-such-point' is not a key point of Q1"),
        ({}, "nothing to change"),
    ],
    ids=["no reason", "over max", "negative", "unknown point", "nothing"],
)
def test_a_bad_override_is_refused_naming_the_field(store: OverrideStore, q1: Question, changes: dict,
                                                    message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        record(store, request(q1, **changes))
    assert store.history("india-us-defence") == []


def test_a_status_the_mentor_types_is_kept_as_data(store: OverrideStore, q1: Question) -> None:
    point = q1.key_points[1].id
    record(store, request(q1, new_points={point: "contradicted"}))
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].point_status == {point: "contradicted"}


def test_a_review_belongs_to_the_answer_text_it_was_given_for(store: OverrideStore, q1: Question) -> None:
    record(store, request(q1, new_marks=6.0))
    assert store.reviews("india-us-defence", answers(ANSWER + " Edited.")) == {}
    assert store.reviews("another-rubric", answers()) == {}


def test_marked_answers_are_the_latest_marks_not_undone(store: OverrideStore, q1: Question) -> None:
    record(store, request(q1, new_marks=6.0))
    later = record(store, request(q1, new_marks=7.0))
    other = record(store, request(q1, answer_key="ravi_q1.txt", answer="Another answer.", new_marks=3.0))
    record(store, request(q1, answer_key="kiran_q1.txt", answer="Third.",
                          new_points={q1.key_points[0].id: "covered"}))  # statuses only: no marks to calibrate on
    store.undo(other, by=MEENA)
    assert [(o.id, o.new_marks) for o in store.marked_answers("india-us-defence")] == [(later, 7.0)]


def test_two_sessions_undoing_at_once_leave_one_undo(store: OverrideStore, q1: Question) -> None:
    override = record(store, request(q1, new_marks=6.0))
    other_session = OverrideStore(store.path)
    store.undo(override, by=MEENA)
    with pytest.raises(OverrideError, match="already undone"):
        other_session.undo(override, by=MEENA)
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM overrides WHERE action = 'undo'").fetchone()[0] == 1


# --- accounts: who may write, and who is written down ---


def test_every_row_is_signed_by_the_acting_account_not_a_typed_name(store: OverrideStore, q1: Question) -> None:
    override = record(store, request(q1, new_marks=6.0))
    store.undo(override, by=MEENA, reason="second thoughts")
    assert [(o.action, o.reviewer) for o in store.history("india-us-defence")] == [("override", "meena"),
                                                                                   ("undo", "meena")]


@pytest.mark.parametrize("by", [ASHA, Account("admin", "admin")], ids=["student", "admin"])
def test_only_mentors_may_override_or_undo(store: OverrideStore, q1: Question, by: Account) -> None:
    override = record(store, request(q1, new_marks=6.0))
    with pytest.raises(NotAllowed, match="may not change marks"):
        store.record(request(q1, new_marks=0.0), by=by, expected=override)
    with pytest.raises(NotAllowed, match="may not change marks"):
        store.undo(override, by=by)
    assert len(store.history("india-us-defence")) == 1


def test_a_mentor_cannot_change_another_class_s_marks(store: OverrideStore, q1: Question) -> None:
    override = record(store, request(q1, new_marks=6.0))
    with pytest.raises(NotAllowed, match="may not change the marks of class 'gs2-morning'"):
        record(store, request(q1, new_marks=0.0), by=RAVI)
    with pytest.raises(NotAllowed, match="another mentor's"):
        store.undo(override, by=RAVI)
    with pytest.raises(NotAllowed):  # nor a class nobody owns
        record(store, request(q1, new_marks=0.0, run="no-such-class"), by=RAVI)
    record(store, request(q1, new_marks=2.0, run="gs2-evening"), by=RAVI)  # their own class: allowed
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 6.0


# --- two mentors at once ---


def test_regression_a_stale_form_does_not_revert_the_first_mentors_marks(store: OverrideStore, q1: Question,
                                                                         users: UserStore) -> None:
    users.save_class(CLASS, "meena", by=SYSTEM)
    opened = store.version("india-us-defence", request(q1).answer_id)  # both forms opened on the evaluator's 3.0
    assert opened == 0
    store.record(request(q1, old_marks=3.0, new_marks=7.5), by=MEENA, expected=opened)
    # the second form (opened before) saves only a reason and a comment, and shows 3.0: it used to save 3.0
    with pytest.raises(OverrideConflict, match=r"meena changed this answer since you opened it: marks 3 → 7.5") as e:
        store.record(request(q1, old_marks=3.0, new_marks=3.0, comment="Add a figure."), by=MEENA, expected=opened)
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 7.5
    # keep mine: saved against the version now, with only what the mentor changed (the comment)
    store.record(request(q1, old_marks=7.5, comment="Add a figure."), by=MEENA, expected=e.value.current)
    review = store.reviews("india-us-defence", answers())["asha_q1.txt"]
    assert (review.marks, review.comment) == (7.5, "Add a figure.")


def test_an_undo_from_a_stale_page_is_a_conflict(store: OverrideStore, q1: Question) -> None:
    first = record(store, request(q1, new_marks=6.0))
    seen = store.version("india-us-defence", request(q1).answer_id)
    record(store, request(q1, old_marks=6.0, new_marks=9.0))
    with pytest.raises(OverrideConflict):
        store.undo(first, by=MEENA, expected=seen)
    assert store.reviews("india-us-defence", answers())["asha_q1.txt"].marks == 9.0


# --- which answer an override is about ---


def test_regression_another_answer_under_the_same_file_name_gets_no_trail(store: OverrideStore, q1: Question) -> None:
    record(store, request(q1, new_marks=6.0, reason="confidential: parent called"))
    other = request(q1, answer="A different answer, uploaded later under the same name.")
    assert store.history("india-us-defence", answer=other.answer_id) == []  # was: looked up by file name
    assert store.version("india-us-defence", other.answer_id) == 0
    assert store.reviews("india-us-defence", answers(other.answer)) == {}


def test_regression_the_same_text_by_two_students_is_two_answers(store: OverrideStore, q1: Question) -> None:
    record(store, request(q1, new_marks=1.0, comment="Copied?"))
    both = answers() | answers(key="ravi_q1.txt", student="ravi")
    reviews = store.reviews("india-us-defence", both)  # was: keyed by text, so ravi's row got asha's review
    assert set(reviews) == {"asha_q1.txt"}


@pytest.mark.parametrize(("run", "path", "student"), [("gs2-evening", "asha_q1.txt", "asha"),
                                                      (CLASS, "week2/asha_q1.txt", "asha"),
                                                      (CLASS, "asha_q1.txt", "asha.r")],
                         ids=["another run", "another path", "another student"])
def test_an_answer_is_its_run_path_text_and_student(store: OverrideStore, q1: Question, run: str, path: str,
                                                    student: str) -> None:
    record(store, request(q1, new_marks=6.0))
    assert store.reviews("india-us-defence", {"x": answer_id(run, path, "Q1", ANSWER, student)}) == {}


def test_calibration_marks_can_be_limited_to_the_rubric_s_mentors(store: OverrideStore, q1: Question) -> None:
    record(store, request(q1, new_marks=6.0))
    record(store, request(q1, run="gs2-evening", new_marks=1.0), by=RAVI)
    assert [o.reviewer for o in store.marked_answers("india-us-defence")] == ["meena", "ravi"]
    assert [o.reviewer for o in store.marked_answers("india-us-defence", mentors={"meena"})] == ["meena"]


def test_a_file_from_before_answer_identity_keeps_its_overrides(tmp_path: Path, q1: Question) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # the table as it was, with one override
        db.execute("CREATE TABLE overrides (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, "
                   "reviewer TEXT NOT NULL, action TEXT NOT NULL, undoes INTEGER, rubric_id TEXT NOT NULL, "
                   "rubric_version INTEGER NOT NULL, question_id TEXT NOT NULL, answer_key TEXT NOT NULL, "
                   "answer_hash TEXT NOT NULL, student TEXT NOT NULL, answer TEXT NOT NULL, max_marks REAL NOT NULL, "
                   "old_marks REAL, new_marks REAL, old_points TEXT NOT NULL, new_points TEXT NOT NULL, "
                   "reason TEXT NOT NULL, comment TEXT NOT NULL)")
        db.execute("INSERT INTO overrides VALUES (1, '2026-01-01T00:00:00+00:00', 'Meena', 'override', NULL, "
                   "'india-us-defence', 1, 'Q1', 'asha_q1.txt', ?, 'asha', ?, 15, 4, 6, '{}', '{}', 'why', '')",
                   (answer_id("", "", "Q1", ANSWER, "").content_hash, ANSWER))
    store = OverrideStore(path)
    found = store.reviews("india-us-defence", {"a": answer_id("", "asha_q1.txt", "Q1", ANSWER, "asha")})
    assert found["a"].marks == 6.0
