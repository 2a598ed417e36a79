"""The mentor's batch page, run headless with Streamlit's AppTest: upload, score, table, chart, downloads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from evaluator.store.overrides import OverrideStore
from evaluator.store.users import SYSTEM
from tests.answer_files import answers_csv, docx_bytes, sample, zip_bytes
from tests.conftest import ROOT, shown, user_store
from tests.pages.accounts import login, login_mode

PAGE = ROOT / "pages" / "1_Batch_scoring.py"
TIMEOUT_S = 120  # the first run loads spaCy and the sentence encoder


@pytest.fixture(autouse=True)
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Overrides go to the test's own database, never the user's."""
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("UPSC_EVAL_DB", str(path))
    return path


def open_page() -> AppTest:
    return AppTest.from_file(str(PAGE), default_timeout=TIMEOUT_S).run()


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    at.file_uploader(key="uploads").set_value([(name, data, "application/octet-stream") for name, data in files])
    return at.run()


def score_button(at: AppTest):  # noqa: ANN201 - a Streamlit test element
    """The Score button (the recent runs' Reopen buttons come before it once the database has a run)."""
    return next(b for b in at.button if b.label.startswith("Score ") and not b.label.startswith("Score on "))


def score(at: AppTest) -> AppTest:
    return score_button(at).click().run()


def test_the_page_asks_for_answers_first() -> None:
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Batch scoring"
    assert at.sidebar.selectbox[0].value == "india_us_defence.yaml"
    options = at.sidebar.selectbox[1].options
    assert options[0] == "From file names or CSV"
    assert [o.split(" · ")[0] for o in options[1:]] == ["Q1", "Q2", "Q3", "Q4"]
    assert options[1].startswith("Q1 · 15 marks · The recent visit")  # the same question picker as the student page
    assert "Upload the answers" in at.info[0].value
    assert not at.dataframe


def test_uploads_are_scored_into_one_row_each_with_chart_and_downloads() -> None:
    at = upload(open_page(), [
        ("asha_q1.txt", sample("q1_excellent.txt").encode()),
        ("ravi_q2.docx", docx_bytes(sample("q2_average.txt"))),
        ("class.zip", zip_bytes({"q3_meena.txt": sample("q3_poor.txt").encode(), "../evil.txt": b"x"})),
        ("more.csv", answers_csv([("Kiran", "Q4", sample("q4_excellent.txt")), ("Dev", "Q4", "")])),
        ("broken_q1.pdf", b"%PDF-1.4 nothing else"),
    ])
    assert score_button(at).label == "Score 7 answers"  # the files in the zip and the CSV's rows, not the uploads
    assert "Press **Score**" in at.info[0].value
    at = score(at)

    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["file"]) == ["asha_q1.txt", "ravi_q2.docx", "class.zip/q3_meena.txt", "class.zip/../evil.txt",
                                   "more.csv#2", "more.csv#3", "broken_q1.pdf"]
    assert list(table["outcome"]) == ["scored", "scored", "scored", "error", "scored", "empty", "error"]
    assert "leaves the archive" in table["error"][3] and "unreadable PDF" in table["error"][6]
    assert table["marks"][0] > table["marks"][2]  # an excellent answer beats a poor one
    assert table["marks"].isna().tolist() == [False, False, False, True, False, True, True]  # the empty one too
    assert [m.label for m in at.metric] == ["Answers", "Scored", "Not scored or unreadable", "Mean of scored answers"]
    assert [m.value for m in at.metric][:3] == ["7", "4", "3"]
    assert at.metric[3].value.endswith("% of max")  # 10- and 15-mark questions: no mixed mean of marks
    assert "3 answers were not scored and have no marks" in at.warning[0].value
    assert at.expander[0].label == "Why 3 answers got no marks"
    assert at.code[0].value.splitlines() == [e for e in table["error"] if e]  # each file with its whole reason
    assert len(at.get("vega_lite_chart")) == 1, "the marks histogram; no class shares from one answer a question"
    assert any("No shares for Q1, Q2, Q3, Q4: fewer than 5 scored answers each" in c.value for c in at.caption)
    assert [d.label for d in at.get("download_button")] == ["Download CSV", "Download Excel"]


def test_a_question_chosen_in_the_sidebar_is_for_answers_that_name_none() -> None:
    at = open_page()
    at.sidebar.selectbox[1].select("Q2")
    at.sidebar.toggle[0].set_value(False)
    at = score(upload(at.run(), [("essay.txt", sample("q2_excellent.txt").encode()),
                                 ("notes.md", sample("q2_poor.txt").encode()),
                                 ("q4_ravi.txt", sample("q4_average.txt").encode()),
                                 ("class.csv", answers_csv([("Ghost", "Q9", "An answer.")]))]))
    assert "name no question" in at.sidebar.caption[0].value  # the choice is explained where it is made
    table = at.dataframe[0].value
    assert list(table["question"]) == ["Q2", "Q2", "Q4", ""]  # regression: all four were scored as Q2
    assert "question 'Q9' is not in the rubric" in table["error"][3]
    assert at.metric[3].value.endswith(" / 10")  # Q2 and Q4 are both 10-mark questions


@pytest.mark.parametrize(
    ("files", "mean", "per_question"),
    [
        ([("q1_a.txt", "q1_excellent.txt"), ("q1_b.txt", "q1_poor.txt")], " / 15", ["over 2 scored answers"]),
        ([("q1_a.txt", "q1_excellent.txt"), ("q2_b.txt", "q2_poor.txt")], "% of max",  # 15 and 10 marks: a share
         ["Q1: mean", "Q2: mean", "of 10 marks"]),
    ],
    ids=["one question", "two questions"],
)
def test_the_mean_is_in_marks_only_when_every_answer_has_the_same_max(files: list[tuple[str, str]], mean: str,
                                                                      per_question: list[str]) -> None:
    at = open_page()
    at.sidebar.toggle[0].set_value(False)
    at = score(upload(at.run(), [(name, sample(text).encode()) for name, text in files]
                      + [("q1_empty.txt", b"")]))  # refused: left out of the mean, not averaged in as 0
    metric = at.metric[3]
    assert metric.value.endswith(mean)
    assert all(text in metric.help for text in per_question)
    if mean == " / 15":
        marks = at.dataframe[0].value["marks"]
        assert float(metric.value.split(" / ")[0]) == pytest.approx(marks[:2].mean(), abs=0.01)


@pytest.mark.parametrize("change", ["question", "upload"])
def test_results_are_hidden_when_the_inputs_change(change: str) -> None:
    at = score(upload(open_page(), [("q1_a.txt", sample("q1_poor.txt").encode())]))
    assert at.dataframe
    if change == "question":
        at.sidebar.selectbox[1].select("Q1")
        at.run()
    else:
        upload(at, [("q2_b.txt", sample("q2_poor.txt").encode())])
    assert not at.dataframe and "Press **Score**" in at.info[0].value


def open_answer(at: AppTest, key: str) -> str:
    """Open an answer in the review panel; the digest of its identity, which its form's widget keys end with."""
    at.selectbox(key="review_answer").select(key).run()
    return next(n for n in at.number_input if n.label == "Marks").key.removeprefix("marks-")


def review(at: AppTest, key: str, *, marks: float | None = None, reason: str = "", comment: str = "",
           statuses: dict[str, str] | None = None) -> AppTest:
    """Open an answer in the review panel and save an override."""
    digest = open_answer(at, key)
    if marks is not None:
        at.number_input(key=f"marks-{digest}").set_value(marks)
    for point, status in (statuses or {}).items():
        at.selectbox(key=f"status-{point}-{digest}").select(status)
    at.text_input(key=f"reason-{digest}").input(reason)
    at.text_area(key=f"comment-{digest}").input(comment)
    next(b for b in at.button if b.label == "Save override").click().run()
    assert not at.exception, at.exception
    return at


def scored(files: list[tuple[str, bytes]], at: AppTest | None = None) -> AppTest:
    """A batch of these files, scored with keywords only (fast)."""
    at = at or open_page()
    at.sidebar.toggle[0].set_value(False)
    return score(upload(at.run(), files))


def test_a_mentor_overrides_an_answer_with_a_reason_and_undoes_it(own_database: Path) -> None:
    at = open_page()
    at.sidebar.toggle[0].set_value(False)
    at = score(upload(at.run(), [("asha_q1.txt", sample("q1_excellent.txt").encode()),
                                 ("ravi_q1.txt", sample("q1_poor.txt").encode())]))
    at.selectbox(key="review_answer").select("ravi_q1.txt").run()
    label = next(s.label for s in at.selectbox if (s.key or "").startswith("status-industrial-roadmap-"))
    assert label.startswith("Industrial roadmap (now "), "points by title, not id (industrial-roadmap)"
    at = review(at, "ravi_q1.txt", marks=5.0)  # no reason
    assert "Not saved — reason: say why" in shown(at.error[0].value)

    at = review(at, "ravi_q1.txt", marks=5.0, reason="the roadmap point is made in other words",
                statuses={"industrial-roadmap": "covered"}, comment="Good paraphrase.")
    assert "Saved the override of ravi_q1.txt." in at.success[0].value
    table = at.dataframe[0].value
    ravi = table[table["file"] == "ravi_q1.txt"].iloc[0]
    assert ravi["mentor_marks"] == 5.0 and ravi["marks"] != 5.0  # both marks are kept
    assert ravi["kp:industrial-roadmap:mentor"] == "covered"
    trail = [m.value for m in at.markdown if "**local**" in m.value and "→" in m.value]  # the laptop's user
    assert any("marks" in line and "→ 5" in line and "the roadmap point is made" in line for line in trail)

    next(b for b in at.button if b.label == "Undo").click().run()
    assert not at.exception
    assert at.dataframe[0].value["mentor_marks"].isna().all()  # the evaluator's marks again
    assert any("undid" in m.value and "undone" in m.value for m in at.markdown)  # the undo is in the trail


GST = ROOT / "samples" / "gst-council-federalism"


def gst_class_zip() -> bytes:
    """A class's zip of GST answers: the wrong class for the India-US rubric the page opens on."""
    return zip_bytes({p.name: p.read_bytes() for p in sorted(GST.glob("q*.txt"))})


def button(at: AppTest, starts: str):  # noqa: ANN201 - a Streamlit test element
    return next(b for b in at.button if b.label.startswith(starts))


def test_a_batch_on_the_wrong_rubric_is_stopped_before_scoring_and_the_right_one_offered() -> None:
    at = open_page()
    at.sidebar.toggle[0].set_value(False)
    at = upload(at.run(), [("class.zip", gst_class_zip())])
    assert score_button(at).label == "Score 8 answers"  # regression: "Score 1 upload"
    at = score(at)
    assert not at.exception
    assert not at.dataframe, "nothing is scored on the wrong rubric"
    warning = at.warning[0].value
    assert "Nothing was scored: 7 of 8 answers fit" in warning and "GST" in warning

    at = button(at, "Score on “GST").click().run()  # one click: switch rubric and score
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "gst-council-federalism.yaml"
    table = at.dataframe[0].value
    assert len(table) == 8 and set(table["outcome"]) == {"scored"}
    assert "fits_better" not in table.columns  # on the right rubric no answer fits elsewhere


def test_a_mentor_may_score_on_the_chosen_rubric_anyway_and_each_row_says_where_it_fits() -> None:
    at = open_page()
    at.sidebar.toggle[0].set_value(False)
    at = score(upload(at.run(), [("class.zip", gst_class_zip())]))
    at = button(at, "Score on “India").click().run()
    assert not at.exception
    assert at.sidebar.selectbox[0].value == "india_us_defence.yaml"
    table = at.dataframe[0].value
    assert len(table) == 8
    assert (table["fits_better"].str.startswith("gst-council-federalism Q")).sum() == 7
    assert any("fits gst-council-federalism" in why for why in at.dataframe[1].value["why"])


def test_a_mixed_batch_is_scored_and_only_the_stray_answer_is_flagged() -> None:
    at = open_page()
    at.sidebar.toggle[0].set_value(False)
    at = score(upload(at.run(), [("asha_q1.txt", sample("q1_excellent.txt").encode()),
                                 ("ravi_q2.txt", sample("q2_average.txt").encode()),
                                 ("meena_q1.txt", (GST / "q1_topper.txt").read_bytes())]))
    table = at.dataframe[0].value
    assert list(table["fits_better"]) == ["", "", "gst-council-federalism Q1"]


def test_the_last_runs_are_kept_and_one_click_reopens_one() -> None:
    at = open_page()
    assert not at.expander or not at.expander[0].label.startswith("Recent runs")  # a new database has none
    at.sidebar.toggle[0].set_value(False)
    at = score(upload(at.run(), [("class.zip", zip_bytes({"q1_asha.txt": sample("q1_excellent.txt").encode(),
                                                          "q2_ravi.txt": sample("q2_average.txt").encode()}))]))
    marks = list(at.dataframe[0].value["marks"])

    at = open_page()  # a reload: a new session, nothing uploaded
    assert at.expander[0].label == "Recent runs (1): reopen one"
    label = at.expander[0].button[0].label
    assert "india-us-defence v" in label and "2 answers from 1 file" in label
    at = at.expander[0].button[0].click().run()
    assert not at.exception
    assert any("Reopened run" in c.value for c in at.caption)
    assert list(at.dataframe[0].value["marks"]) == marks


def test_class_shares_say_how_many_answers_they_rest_on() -> None:
    at = open_page()
    at.sidebar.toggle[0].set_value(False)
    names = ["q1_excellent.txt", "q1_average.txt", "q1_poor.txt", "q1_keywords.txt", "q1_misspelt.txt"]
    at = score(upload(at.run(), [(f"s{n}_{name}", sample(name).encode()) for n, name in enumerate(names)]))
    line = next(m.value for m in at.markdown if "missed the" in m.value)
    assert re.search(r"\*\*\d+% of 5 answers missed the “", line), line  # regression: "100% missed" from one answer
    assert len(at.get("vega_lite_chart")) == 2
# --- two sessions at once, and which answer a review is about ---


def test_regression_a_stale_form_does_not_revert_marks_saved_in_another_session() -> None:
    files = [("asha_q1.txt", sample("q1_average.txt").encode())]
    first, second = scored(files), scored(files)
    open_answer(second, "asha_q1.txt")  # the second form opens on the evaluator's marks
    review(first, "asha_q1.txt", marks=7.5, reason="develops the roadmap")
    at = review(second, "asha_q1.txt", reason="checked", comment="Add a figure.")  # only a reason and a comment
    assert "local changed this answer since you opened it: marks" in shown(at.warning[0].value)  # was: reverted
    assert at.dataframe[0].value["mentor_marks"][0] == 7.5
    next(b for b in at.button if b.label == "Keep mine").click().run()
    assert not at.exception and "Saved the override" in at.success[0].value
    assert at.dataframe[0].value["mentor_marks"][0] == 7.5  # the comment is saved; the other session's marks stay


def test_taking_theirs_drops_my_change_and_shows_theirs() -> None:
    files = [("asha_q1.txt", sample("q1_average.txt").encode())]
    first, second = scored(files), scored(files)
    digest = open_answer(second, "asha_q1.txt")
    review(first, "asha_q1.txt", marks=7.5, reason="develops the roadmap")
    at = review(second, "asha_q1.txt", marks=2.0, reason="too short")
    next(b for b in at.button if b.label == "Take theirs").click().run()
    assert not at.warning and at.number_input(key=f"marks-{digest}").value == 7.5
    assert at.dataframe[0].value["mentor_marks"][0] == 7.5


def test_regression_another_answer_under_the_same_name_shows_no_trail_of_the_first() -> None:
    at = review(scored([("asha_q1.txt", sample("q1_average.txt").encode())]), "asha_q1.txt", marks=2.0,
                reason="confidential: copied from a guide")
    at = scored([("asha_q1.txt", sample("q1_excellent.txt").encode())], at)  # a new upload, the same file name
    open_answer(at, "asha_q1.txt")
    assert not any("confidential" in m.value for m in at.markdown)  # was: the first answer's trail and reason
    assert not any(b.label == "Undo" for b in at.button)
    assert at.dataframe[0].value["mentor_marks"].isna().all()


def test_regression_the_same_text_from_two_students_is_reviewed_separately() -> None:
    text = sample("q1_average.txt").encode()
    at = review(scored([("asha_q1.txt", text), ("ravi_q1.txt", text)]), "ravi_q1.txt", marks=1.0,
                reason="identical to another answer", comment="Write your own answer.")
    table = at.dataframe[0].value
    assert list(table["mentor_marks"].isna()) == [True, False]  # was: both rows got ravi's review


# --- accounts: only a class's mentor reviews its answers ---


@pytest.fixture
def accounts(own_database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    login_mode(monkeypatch, own_database)


@pytest.mark.parametrize("who", ["asha", "root"], ids=["student", "admin"])
def test_only_mentors_reach_the_batch_page(accounts: None, who: str) -> None:
    at = open_page()
    assert at.title[0].value == "Log in" and not at.file_uploader  # nobody logged in: nothing of the page
    login(at, who)
    assert "This page is not for your account" in at.error[0].value
    assert not at.file_uploader
    assert [b.label for b in at.button] == ["Log out"]  # no Score, no Save override, no Undo


def test_a_mentor_reviews_only_their_classes_and_signs_as_themselves(accounts: None, own_database: Path) -> None:
    files = [("asha_q1.txt", sample("q1_average.txt").encode())]
    at = login(open_page(), "meena")
    assert at.sidebar.selectbox(key="class").options == ["gs2-morning"]  # not Ravi's class
    at = review(scored(files, at), "asha_q1.txt", marks=6.0, reason="develops the roadmap")
    assert any("**meena**" in m.value and "→ 6" in m.value for m in at.markdown)
    [override] = OverrideStore(own_database).history("india-us-defence")
    assert (override.reviewer, override.run) == ("meena", "gs2-morning")

    other = scored(files, login(open_page(), "ravi"))  # the same upload, in Ravi's class
    assert other.dataframe[0].value["mentor_marks"].isna().all()  # Meena's review is her class's
    open_answer(other, "asha_q1.txt")
    assert not any(b.label == "Undo" for b in other.button)


def test_a_mentor_is_told_when_their_class_does_not_use_the_rubric(accounts: None, own_database: Path) -> None:
    assert not any("does not use this rubric" in c.value for c in login(open_page(), "meena").sidebar.caption)
    users = user_store(own_database)
    users.add("dev", "mentor", "a long enough secret", by=SYSTEM)
    users.save_class("essay-club", "dev", by=SYSTEM)
    at = login(open_page(), "dev", "a long enough secret")
    assert any("essay-club does not use this rubric" in c.value for c in at.sidebar.caption)


def test_a_mentor_without_a_class_is_told_to_ask_an_admin(accounts: None, own_database: Path) -> None:
    user_store(own_database).add("dev", "mentor", "a long enough secret", by=SYSTEM)
    at = login(open_page(), "dev", "a long enough secret")
    assert "You own no class yet" in at.info[0].value and not at.file_uploader


def test_regression_each_page_keeps_its_own_rubric_and_the_batch_page_never_scores_on_the_students() -> None:
    # the pages shared one "rubric" state: a student's practice question set the rubric a class's batch was scored on
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S).run()
    at.selectbox(key="rubric").select("gst-council-federalism.yaml").run()
    at.switch_page("pages/1_Batch_scoring.py").run()
    assert not at.exception and at.title[0].value == "Batch scoring"
    assert at.sidebar.selectbox[0].value == "india_us_defence.yaml"  # the batch page's own default
    at.sidebar.selectbox[0].select("upi-digital-payments.yaml").run()
    at.switch_page("pages/2_Rubric_tuning.py").run()
    assert at.title[0].value == "Rubric tuning" and at.sidebar.selectbox[0].value == "india_us_defence.yaml"
    at.switch_page("pages/student.py").run()
    assert at.selectbox(key="rubric").value == "gst-council-federalism.yaml"
    at.switch_page("pages/1_Batch_scoring.py").run()
    assert at.sidebar.selectbox[0].value == "upi-digital-payments.yaml"  # kept while the mentor was away


def test_red_means_wrong_in_the_class_chart_as_in_the_highlight_and_missing_is_grey() -> None:
    # regression: red was "missing" in the class chart and "wrong" in the highlight
    import colorsys

    import pandas as pd

    from evaluator.views.highlight import STATUS_COLOURS
    from ui.review import coverage_chart

    def rgb(colour: str) -> tuple[int, int, int]:
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))

    def grey(colour: str) -> bool:
        return max(rgb(colour)) - min(rgb(colour)) < 16

    def red(colour: str) -> bool:  # a hue within 20 degrees of red, not washed out
        hue, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb(colour)))
        return min(hue, 1 - hue) * 360 < 20 and saturation > 0.3

    frame = pd.DataFrame({"question": ["Q1"] * 4, "point": ["p"] * 4, "label": ["A point"] * 4,
                          "status": ["covered", "partial", "missing", "contradicted"], "share": [0.25] * 4,
                          "answers": [5] * 4, "of": [20] * 4})
    scale = coverage_chart(frame).to_dict()["encoding"]["color"]["scale"]
    chart = dict(zip(scale["domain"], scale["range"], strict=True))
    for colours in (chart, STATUS_COLOURS):
        assert grey(colours["missing"]) and red(colours["contradicted"])
        assert not any(red(colours[s]) for s in ("covered", "partial", "missing"))
