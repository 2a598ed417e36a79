"""Specification of the review queue: why an answer needs a mentor, and which first."""

from __future__ import annotations

import pytest

from evaluator.batch.review import review_flags, review_queue
from evaluator.batch.rows import MentorReview, ResultRow
from evaluator.core.results import Evaluation, Evidence, PointResult


def point(pid: str, status: str, signals: dict[str, float], *, negated: bool = False) -> PointResult:
    evidence = (Evidence("keyword", 0, 0, 3, "not", "roadmap", 0.5, negated=negated),) if negated else ()
    return PointResult(pid, "A point.", 1.0, 0.5, status, signals, evidence, "hint")  # type: ignore[arg-type]


def test_flags_name_contradictions_unknown_statuses_denials_and_disagreeing_signals() -> None:
    evaluation = Evaluation("Q1", 5.0, 15.0, "scored", "", points=(
        point("a", "contradicted", {"keyword": 0.9, "meaning": 0.8}),
        point("b", "doubtful", {"keyword": 0.5, "meaning": 0.5}),
        point("c", "partial", {"keyword": 0.5, "meaning": 0.4}, negated=True),
        point("d", "covered", {"keyword": 0.95, "meaning": 0.2, "alignment": 0.3}),
        point("e", "covered", {"keyword": 0.9, "meaning": 0.85}),
    ))
    assert review_flags(evaluation) == (("contradiction", "a"), ("status", "b: doubtful"), ("denied", "c"),
                                         ("signals", "d"))


def row(key: str, marks: float | None, **extra) -> ResultRow:  # noqa: ANN003
    return ResultRow(key, key, "Q1", marks, 15.0, "scored" if marks is not None else extra.pop("outcome"), **extra)


def test_the_queue_puts_misreads_and_contradictions_first_and_reviewed_answers_last() -> None:
    review = MentorReview(9.0, (), "Meena", "checked", "", "2026-01-01T00:00:00+00:00", 1)
    rows = [
        row("plain", 10.0),
        row("boundary", 7.5),  # 50% of 15
        row("reviewed", 7.5, flags=(("contradiction", "a"),), mentor=review),
        row("contradiction", 10.0, flags=(("contradiction", "a"),)),
        row("ocr", 10.0, ocr_confidence=0.4),
        row("hindi", None, outcome="non_english"),
        row("unreadable", None, outcome="error"),
        row("signals", 10.0, flags=(("signals", "d"),)),
    ]
    queue = review_queue(rows)
    assert [e.row.key for e in queue] == ["ocr", "contradiction", "hindi", "boundary", "signals", "plain", "reviewed"]
    reasons = {e.row.key: e.reasons for e in queue}
    assert reasons["ocr"] == ("text read with 40% OCR confidence",)
    assert reasons["boundary"] == ("near the 50% boundary (7.5 / 15)",)
    assert reasons["hindi"] == ("not scored (non_english)",)
    assert reasons["plain"] == ()


@pytest.mark.parametrize(("marks", "near"), [(3.5, True), (4.0, True), (5.0, False), (11.0, True), (12.0, False)])
def test_marks_within_half_a_mark_of_a_band_edge_are_near_it(marks: float, near: bool) -> None:
    [entry] = review_queue([row("a", marks)])
    assert any("boundary" in r for r in entry.reasons) is near


def test_batch_command_merges_overrides_and_writes_a_sheet_pair_per_student(tmp_path) -> None:  # noqa: ANN001
    import csv

    from evaluator import load_rubric
    from evaluator.cli.main import main
    from evaluator.store.overrides import OverrideRequest, OverrideStore
    from evaluator.store.users import MENTOR, SYSTEM, Account
    from tests.conftest import RUBRIC_PATH, SAMPLES, user_store

    answers = tmp_path / "answers"
    answers.mkdir()
    for name, sample in (("asha_q2.txt", "q2_excellent.txt"), ("ravi_q2.txt", "q2_poor.txt")):
        (answers / name).write_text((SAMPLES / sample).read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "app.sqlite"
    users = user_store(db)
    users.add("meena", MENTOR, "a long enough secret", by=SYSTEM)
    users.save_class("gs2", "meena", by=SYSTEM)
    q2 = load_rubric(RUBRIC_PATH).question("Q2")
    OverrideStore(db).record(OverrideRequest("india-us-defence", 1, q2, str(answers / "ravi_q2.txt"), "ravi",
                                             (answers / "ravi_q2.txt").read_text(encoding="utf-8"), old_marks=1.0,
                                             new_marks=3.0, reason="credit the intent", comment="Add facts.",
                                             run="gs2"), by=Account("meena", MENTOR), expected=0)
    out, reports = tmp_path / "out.csv", tmp_path / "sheets"
    assert main(["batch", str(answers), "--rubric", str(RUBRIC_PATH), "--out", str(out), "--no-semantic",
                 "--overrides", str(db), "--class", "gs2", "--reports", str(reports)]) == 0
    rows = {r["student"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert (rows["ravi"]["mentor_marks"], rows["ravi"]["reviewer"]) == ("3.0", "meena")
    assert rows["asha"]["mentor_marks"] == ""
    assert sorted(p.name for p in reports.iterdir()) == ["asha.html", "asha.pdf", "ravi.html", "ravi.pdf"]
    assert "Add facts." in (reports / "ravi.html").read_text(encoding="utf-8")


def test_regression_sheets_keep_same_named_students_of_two_folders_apart_and_show_no_server_path(tmp_path) -> None:  # noqa: ANN001
    from evaluator.cli.main import main
    from tests.conftest import RUBRIC_PATH, SAMPLES

    upload = tmp_path / "server" / "uploads"
    for folder, sample in (("classA", "q2_excellent.txt"), ("classB", "q2_poor.txt")):
        (upload / folder).mkdir(parents=True)
        (upload / folder / "asha_q2.txt").write_text((SAMPLES / sample).read_text(encoding="utf-8"), encoding="utf-8")
    reports = tmp_path / "sheets"
    assert main(["batch", str(upload), "--rubric", str(RUBRIC_PATH), "--out", str(tmp_path / "out.csv"),
                 "--no-semantic", "--reports", str(reports)]) == 0
    # was: one asha.html with both answers, each headed by its full path on the server
    assert sorted(p.name for p in reports.iterdir()) == ["classA_asha.html", "classA_asha.pdf", "classB_asha.html",
                                                          "classB_asha.pdf"]
    for folder in ("classA", "classB"):
        page = (reports / f"{folder}_asha.html").read_text(encoding="utf-8")
        assert page.count('<section class="sheet">') == 1 and f"{folder}/asha_q2.txt" in page
        assert str(tmp_path) not in page and "server" not in page
