"""The rubric tuning page, run headless with Streamlit's AppTest: edit key points, validate, re-score, save, draft."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from evaluator import load_rubric
from evaluator.store.overrides import OverrideRequest, OverrideStore
from evaluator.store.users import MENTOR, SYSTEM, Account
from tests.conftest import ROOT, RUBRIC_PATH, SAMPLES, install_rubric, shown, user_store
from tests.pages.accounts import PASSWORD, login, login_mode

PAGE = ROOT / "pages" / "2_Rubric_tuning.py"
ARTICLE = (ROOT / "tests" / "data" / "article_chips.txt").read_text(encoding="utf-8")
TIMEOUT_S = 120  # the first run loads spaCy and the sentence encoder
NO_EDITS = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


@pytest.fixture
def rubric_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rubrics folder of the test's own, so saving never touches the repository's rubric."""
    install_rubric(tmp_path)
    monkeypatch.setenv("UPSC_EVAL_RUBRICS", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Mentor overrides are read from the test's own database, never the user's."""
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("UPSC_EVAL_DB", str(path))
    return path


def open_page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT_S).run()
    assert not at.exception, at.exception
    return at


def edit(at: AppTest, **state: object) -> AppTest:
    """Apply edits to the key points table the way the browser reports them (row positions, changed cells)."""
    at.session_state[at.data_editor[0].key] = {**NO_EDITS, **state}
    at.run()
    assert not at.exception, at.exception
    return at


def table_with(at: AppTest, column: str):  # noqa: ANN201 - an AppTest dataframe element
    """The first table on the page with this column (tables are found by what they show, not by position)."""
    return next(t for t in at.dataframe if column in json.loads(t.proto.columns) or column in t.value.columns)


def marks_csv(rows: list[tuple[str, float]]) -> bytes:
    lines = ["question_id,answer,marks"]
    for name, marks in rows:
        text = (SAMPLES / name).read_text(encoding="utf-8").replace('"', '""')
        lines.append(f'{name[:2].upper()},"{text}",{marks}')
    return ("\n".join(lines) + "\n").encode()


def test_the_page_shows_the_key_points_of_the_first_question(rubric_dir: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Rubric tuning"
    assert at.sidebar.selectbox[0].value == "india_us_defence.yaml"
    table = at.data_editor[0].value
    assert list(table.columns) == ["id", "point", "weight", "keywords", "hint"]
    assert list(table["id"]) == [p.id for p in load_rubric(RUBRIC_PATH).question("Q1").key_points]
    assert table["keywords"][1].startswith("roadmap|road map|road-map; co-production|")
    assert "Upload a CSV of answers you have marked" in at.info[0].value
    assert at.button(key="save").disabled  # nothing to save yet


def test_editing_a_weight_is_validated_live(rubric_dir: Path) -> None:
    at = edit(open_page(), edited_rows={1: {"weight": 2}})
    assert not at.error
    assert any("Unsaved changes" in c.value for c in at.caption)
    assert not at.button(key="save").disabled
    at = edit(at, edited_rows={1: {"weight": 0}})
    assert len(at.error) == 1
    error = shown(at.error[0].value)
    assert "questions[0].key_points[1] (row 2 of the table).weight: Input should be greater than 0" in error
    assert at.button(key="save").disabled
    # the edits are not lost while they are invalid, and the page says so
    assert any("Unsaved changes, kept while you fix them" in c.value for c in at.caption)


def test_a_duplicate_id_is_an_error_too(rubric_dir: Path) -> None:
    at = edit(open_page(), edited_rows={2: {"id": "visit-context"}})
    assert "duplicate id 'visit-context'" in shown(at.error[0].value)


def test_a_marked_csv_is_rescored_before_and_after_the_edits(rubric_dir: Path) -> None:
    at = open_page()
    at.file_uploader(key="marks_csv").set_value(
        ("mine.csv", marks_csv([("q1_excellent.txt", 9.5), ("q1_average.txt", 6), ("q1_poor.txt", 2)]), "text/csv"))
    at.run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Pearson", "QWK", "MAE (marks)", "Within ±1 mark"]
    table = table_with(at, "before").value
    assert list(table.columns) == ["answer", "question", "mentor", "before", "after", "change"]
    assert list(table["mentor"]) == [9.5, 6, 2]
    assert list(table["before"]) == list(table["after"])
    # keep only the first two key points: the marks move, and the table shows by how much
    at = edit(at, deleted_rows=list(range(2, 9)))
    table = table_with(at, "before").value
    assert (table["after"] != table["before"]).any()
    assert list(table["change"]) == list(table["after"] - table["before"])
    assert all(m.delta is not None for m in at.metric)
    points = table_with(at, "correlation with your marks").value
    assert list(points["point"]) == ["visit-context", "industrial-roadmap"]


@pytest.fixture(scope="module")
def scored_page(tmp_path_factory: pytest.TempPathFactory) -> AppTest:
    """The page with three marked answers uploaded and nothing edited (read only: tests must not change it)."""
    folder = tmp_path_factory.mktemp("rubrics")
    install_rubric(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UPSC_EVAL_RUBRICS", str(folder))
        at = open_page()
        at.file_uploader(key="marks_csv").set_value(("mine.csv", MARKED, "text/csv")).run()
    assert not at.exception and len(at.metric) == 4
    return at


MARKED = marks_csv([("q1_excellent.txt", 9.5), ("q1_average.txt", 6), ("q1_poor.txt", 2)])
MARKED_ENOUGH = marks_csv([("q1_excellent.txt", 9.5), ("q1_average.txt", 6), ("q1_poor.txt", 2),
                           ("q1_paraphrased.txt", 8.5), ("q1_misspelt.txt", 8), ("q1_keywords.txt", 1)])  # r shown


@pytest.mark.parametrize(("label", "words"), [
    ("Pearson", "rise and fall with yours"),
    ("QWK", "the same mark"),
    ("MAE (marks)", "on average, how many marks"),
    ("Within ±1 mark", "at most one mark away"),
])
def test_each_agreement_figure_explains_itself_in_plain_words(scored_page: AppTest, label: str, words: str) -> None:
    metric = next(m for m in scored_page.metric if m.label == label)
    assert words in metric.help


@pytest.mark.parametrize(("column", "words"), [
    ("correlation with your marks", "rise with your marks"),
    ("covered in better half", "marked highest"),
    ("covered in weaker half", "marked lowest"),
])
def test_each_column_of_the_key_point_table_explains_itself(scored_page: AppTest, column: str, words: str) -> None:
    columns = json.loads(table_with(scored_page, "correlation with your marks").proto.columns)
    assert words in columns[column]["help"]


def test_the_keywords_column_is_wider_than_the_point_column(rubric_dir: Path) -> None:
    # regression: 250-370 characters of keywords were squeezed into 400 px
    columns = json.loads(open_page().data_editor[0].proto.columns)
    assert columns["keywords"]["width"] >= 600 and columns["point"]["width"] == "large"


GRAY, NO_ARROW = MetricProto.MetricColor.GRAY, MetricProto.MetricDirection.NONE


@pytest.mark.parametrize(("edits", "moves"), [
    ({"edited_rows": {0: {"id": "context-of-the-visit"}}}, False),  # an id is not scored: the marks stay
    ({"deleted_rows": list(range(2, 9))}, True),
], ids=["renamed id", "points deleted"])
def test_a_change_that_rounds_to_zero_has_no_arrow_or_colour(rubric_dir: Path, edits: dict, moves: bool) -> None:
    # regression: +0.00 was shown in green with an up arrow
    at = open_page()
    at.file_uploader(key="marks_csv").set_value(("mine.csv", MARKED_ENOUGH, "text/csv"))
    at = edit(at, **edits)
    unchanged = [m for m in at.metric if m.delta == "no change"]
    assert all((m.proto.color, m.proto.direction) == (GRAY, NO_ARROW) for m in unchanged)
    for m in at.metric:
        if m not in unchanged:
            assert m.delta[0] in "+-" and m.proto.color != GRAY and m.proto.direction != NO_ARROW, m.delta
    assert (len(unchanged) < 4) is moves


def answer_upload(names: list[str]) -> list[tuple[str, bytes, str]]:
    return [(name, (SAMPLES / name).read_bytes(), "text/plain") for name in names]


FILES_MARKED = b"file,question_id,marks\nq1_excellent.txt,Q1,9.5\nq1_average.txt,Q1,6\nq1_poor.txt,Q1,2\n"
NAMED = ["q1_excellent.txt", "q1_average.txt", "q1_poor.txt"]


@pytest.mark.parametrize("uploaded", [0, 1, 2])
def test_a_marks_csv_before_its_answer_files_says_which_files_are_still_needed(rubric_dir: Path,
                                                                               uploaded: int) -> None:
    # regression: uploading the CSV first showed a red error before the mentor could add the files
    at = open_page()
    at.file_uploader(key="marks_csv").set_value(("mine.csv", FILES_MARKED, "text/csv"))
    if uploaded:
        at.file_uploader(key="answer_files").set_value(answer_upload(NAMED[:uploaded]))
    at.run()
    assert not at.exception and not at.error and not at.metric
    message = shown(at.info[0].value)
    assert f"names 3 answer files; still needed ({3 - uploaded}): {', '.join(NAMED[uploaded:])}." in message
    at.file_uploader(key="answer_files").set_value(answer_upload(NAMED)).run()
    assert not at.error and not at.info and len(at.metric) == 4


def test_a_marks_csv_for_an_unknown_question_is_explained(rubric_dir: Path) -> None:
    at = open_page()
    at.file_uploader(key="marks_csv").set_value(("bad.csv", b"question_id,answer,marks\nQ9,text,3\n", "text/csv"))
    at.run()
    assert "no question 'Q9'" in shown(at.error[0].value)


def test_edits_of_a_question_survive_switching_to_another(rubric_dir: Path) -> None:
    at = edit(open_page(), edited_rows={0: {"weight": 4}})
    at.sidebar.selectbox(key="question").set_value("Q2").run()
    assert list(at.data_editor[0].value["id"])[0] == load_rubric(RUBRIC_PATH).question("Q2").key_points[0].id
    at.sidebar.selectbox(key="question").set_value("Q1").run()
    assert at.data_editor[0].value["weight"][0] == 4
    assert any("Unsaved changes" in c.value for c in at.caption)


def test_saving_writes_the_next_version_and_keeps_the_previous(rubric_dir: Path) -> None:
    saved = rubric_dir / RUBRIC_PATH.name
    saved.chmod(0o644)
    version = load_rubric(saved).version
    at = edit(open_page(), edited_rows={1: {"weight": 2.5}})
    at.button(key="save").click().run()
    assert not at.exception
    assert f"as version {version + 1}" in at.success[0].value
    assert stat.S_IMODE(saved.stat().st_mode) == 0o644  # regression: saving left the file 0600
    assert load_rubric(saved).version == version + 1
    assert load_rubric(saved).question("Q1").key_points[1].weight == 2.5
    previous = rubric_dir / ".versions" / f"india-us-defence-v{version}.yaml"
    assert previous.read_text(encoding="utf-8") == RUBRIC_PATH.read_text(encoding="utf-8")
    # the comments and key order of the file are kept: only the version and the weight lines differ
    before, after = RUBRIC_PATH.read_text(encoding="utf-8").splitlines(), saved.read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [(f"version: {version}", f"version: {version + 1}"),
                                                                  ("        weight: 3", "        weight: 2.5")]
    # the page now edits the new version, with nothing unsaved
    assert at.data_editor[0].value["weight"][1] == 2.5
    assert at.button(key="save").label == f"Save as version {version + 2}" and at.button(key="save").disabled


def test_drafting_from_an_article_shows_the_draft_beside_it_with_each_points_source(rubric_dir: Path) -> None:
    at = open_page()
    at.text_area(key="article_text").set_value(ARTICLE)
    at.button(key="draft").click().run()
    assert not at.exception
    drafted = at.text_area(key="draft_yaml").value
    assert drafted.startswith("# DRAFT rubric")
    assert "id: india-semiconductor-mission" in drafted  # named for its subject, not its headline
    assert at.get("download_button")
    assert "Valid: india-semiconductor-mission" in shown(at.success[0].value)
    sources = next(d.value for d in at.dataframe if "source in the article" in d.value.columns)
    assert sources["source in the article"].str.len().min() > 10


def test_a_reviewed_draft_is_published_into_the_bank_with_its_article(rubric_dir: Path) -> None:
    at = open_page()
    at.file_uploader(key="article_file").set_value(
        ("onoe.docx", (ROOT / "bench" / "draft_quality" / "one-nation-one-election" / "article.docx").read_bytes(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    at.button(key="draft").click().run()
    assert not at.exception, at.exception
    edited = at.text_area(key="draft_yaml").value.replace("marks: 10\n", "marks: 12\n", 1)
    at.text_area(key="draft_yaml").set_value(edited).run()
    at.button(key="publish").click().run()
    assert not at.exception, at.exception
    assert "Published one-nation-one-election.yaml (version 1)" in shown(at.success[0].value)
    published = load_rubric(rubric_dir / "one-nation-one-election.yaml")
    assert published.article_file == "articles/one-nation-one-election.txt" and "Kovind" in published.article
    assert 12 in [q.marks for q in published.questions]  # the mentor's edit
    from evaluator.rubrics.bank import load_bank

    assert any(q.file == "one-nation-one-election.yaml" for q in load_bank(rubric_dir).questions)
    # publishing the same rubric again would replace it: refused
    at.button(key="draft").click().run()
    at.button(key="publish").click().run()
    assert "already has one-nation-one-election.yaml" in shown(at.error[0].value)


def test_an_invalid_edit_of_the_draft_is_shown_and_cannot_be_published(rubric_dir: Path) -> None:
    at = open_page()
    at.text_area(key="article_text").set_value(ARTICLE)
    at.button(key="draft").click().run()
    at.text_area(key="draft_yaml").set_value(at.text_area(key="draft_yaml").value + "reviewer: me\n").run()
    assert "Not valid yet" in shown(at.error[0].value)
    assert not [b for b in at.button if b.key == "publish"]


def test_an_article_without_sections_is_explained(rubric_dir: Path) -> None:
    at = open_page()
    at.text_area(key="article_text").set_value("Join us across Social Media platforms.")
    at.button(key="draft").click().run()
    assert "no bullets or paragraphs found" in shown(at.error[0].value)


def test_a_broken_rubric_file_is_reported_with_its_line(rubric_dir: Path) -> None:
    (rubric_dir / "india_us_defence.yaml").write_text("id: x\ntitle: T\nquestions: []\n", encoding="utf-8")
    at = open_page()
    assert "questions" in shown(at.error[0].value) and "india_us_defence.yaml:3" in shown(at.error[0].value)


def test_utf16_marks_and_answer_files_are_read_like_everywhere_else(rubric_dir: Path) -> None:
    # regression: the page decoded uploads itself and crashed on a UTF-16 file (Notepad's "Unicode")
    at = open_page()
    at.file_uploader(key="marks_csv").set_value(("mine.csv", FILES_MARKED.decode().encode("utf-16"), "text/csv"))
    at.file_uploader(key="answer_files").set_value(
        [(name, (SAMPLES / name).read_text(encoding="utf-8").encode("utf-16"), "text/plain") for name in NAMED])
    at.run()
    assert not at.exception and not at.error
    assert len(at.metric) == 4


def samples_marks_csv() -> bytes:
    """The 28 sample answers with the mentor's marks, the answers written in the CSV."""
    lines = ["question_id,answer,marks"]
    for row in (SAMPLES / "marks.csv").read_text(encoding="utf-8").splitlines()[1:]:
        file, question, marks = row.split(",")[:3]
        text = (SAMPLES / file).read_text(encoding="utf-8").replace('"', '""')
        lines.append(f'{question},"{text}",{marks}')
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_calibration_is_refused_with_too_few_marks_and_saved_beside_the_rubric_with_enough(rubric_dir: Path) -> None:
    at = open_page()
    at.file_uploader(key="marks_csv").set_value(("mine.csv", MARKED, "text/csv")).run()
    at.button(key="fit_calibration").click().run()
    assert "Not calibrated — a calibration needs at least 20 mentor marks" in at.error[0].value
    assert "mark 17 more" in at.error[0].value
    assert not (rubric_dir / "india_us_defence.calibration.json").exists()

    at.file_uploader(key="marks_csv").set_value(("samples.csv", samples_marks_csv(), "text/csv")).run()
    at.button(key="fit_calibration").click().run()
    assert not at.exception, at.exception
    assert "now gives marks calibrated on 28 mentor marks" in at.success[0].value
    saved = json.loads((rubric_dir / "india_us_defence.calibration.json").read_text(encoding="utf-8"))
    assert (saved["rubric_version"], saved["answers"], saved["sources"]) == (1, 28, {"samples.csv": 28})
    assert saved["fitted_by"] == "local"  # the acting account (here the laptop's single user)
    labels = [m.label for m in at.metric]
    assert labels[-4:] == ["Pearson", "QWK", "MAE (marks)", "Within ±1 mark"]  # before/after on the page
    captions = [c.value for c in at.caption]
    assert not any("No calibration yet" in c for c in captions)  # regression: shown above "Saved: ..."
    assert any("calibrated on 28 mentor marks" in c for c in captions)
    at = open_page()  # a new visit reads it back
    assert any("calibrated on 28 mentor marks" in c.value for c in at.caption)




def test_regression_fit_calibration_in_a_read_only_rubrics_folder_is_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was an uncaught OSError in the app."""
    from tests.filesystems import make_read_only, tmpfs

    with tmpfs(tmp_path / "rubrics", 4096) as folder:
        install_rubric(folder)
        monkeypatch.setenv("UPSC_EVAL_RUBRICS", str(folder))
        make_read_only(folder)
        at = open_page()
        at.file_uploader(key="marks_csv").set_value(("samples.csv", samples_marks_csv(), "text/csv")).run()
        at.button(key="fit_calibration").click().run()
        assert not at.exception, at.exception
        message = shown(at.error[0].value)
        assert "Not saved — cannot write" in message and "Read-only file system" in message
        assert not at.success


@pytest.mark.parametrize(("text", "message"), [
    ("a: &b {k: [1]}\n? *b\n: x\nid: x\n", "india_us_defence.yaml:2: not valid YAML: a key is a list or mapping"),
    ("!!python/name:os.system id: x\ntitle: X\n", "is not allowed on a key"),
], ids=["alias as a key", "tag on a key"])
def test_regression_a_hostile_key_is_a_message_not_an_exception(rubric_dir: Path, text: str, message: str) -> None:
    (rubric_dir / "india_us_defence.yaml").write_text(text, encoding="utf-8")
    at = AppTest.from_file(str(PAGE), default_timeout=TIMEOUT_S).run()
    assert not at.exception  # was: TypeError in an exception box
    assert len(at.error) == 1 and message in shown(at.error[0].value)


# --- issue 16: two mentors on one rubric; keywords that hold ';' or '|' ---


def test_regression_a_second_save_from_the_same_version_is_refused_and_can_be_merged(rubric_dir: Path) -> None:
    saved = rubric_dir / RUBRIC_PATH.name
    first = edit(open_page(), edited_rows={1: {"weight": 2.5}})  # mentor A edits Q1
    second = open_page()  # mentor B, from the same version 1, edits Q2 and saves first
    second.sidebar.selectbox(key="question").set_value("Q2").run()
    second = edit(second, edited_rows={0: {"hint": "Their hint."}})
    second.button(key="save").click().run()
    assert load_rubric(saved).version == 2

    first.button(key="save").click().run()  # was: version 2 replaced, B's hint gone without a word
    assert not first.exception
    after = load_rubric(saved)
    assert after.version == 2 and after.question("Q2").key_points[0].hint == "Their hint."
    assert after.question("Q1").key_points[1].weight == 3
    assert "was saved by someone else since you opened it: it is now version 2" in first.warning[0].value
    assert any("Unsaved changes" in c.value for c in first.caption)  # A's edit is kept

    first.button(key="merge").click().run()
    assert not first.warning and any("Unsaved changes" in c.value for c in first.caption)
    first.button(key="save").click().run()
    merged = load_rubric(saved)
    assert merged.version == 3
    assert merged.question("Q1").key_points[1].weight == 2.5
    assert merged.question("Q2").key_points[0].hint == "Their hint."


def test_edits_to_the_same_question_clash_and_reload_drops_mine(rubric_dir: Path) -> None:
    saved = rubric_dir / RUBRIC_PATH.name
    first = edit(open_page(), edited_rows={1: {"weight": 2.5}})
    second = edit(open_page(), edited_rows={2: {"weight": 1.5}})
    second.button(key="save").click().run()
    first.run()  # A's next click anywhere shows what happened
    assert "was saved by someone else" in first.warning[0].value
    first.button(key="merge").click().run()
    assert "Both of you changed the key points of Q1: nothing was merged" in first.error[0].value
    first.button(key="reload").click().run()
    assert not first.warning and first.data_editor[0].value["weight"][2] == 1.5
    assert first.button(key="save").disabled and load_rubric(saved).version == 2


def test_regression_keywords_with_a_separator_survive_an_edit_of_another_point(rubric_dir: Path) -> None:
    saved = rubric_dir / RUBRIC_PATH.name
    saved.write_text(saved.read_text(encoding="utf-8").replace("- [roadmap, road map, road-map]",
                                                               '- ["roadmap; 2023", "road|map"]', 1), encoding="utf-8")
    at = open_page()
    assert at.data_editor[0].value["keywords"][1].startswith("roadmap\\; 2023|road\\|map; ")
    at = edit(at, edited_rows={2: {"weight": 1.5}})
    at.button(key="save").click().run()
    assert load_rubric(saved).question("Q1").key_points[1].keywords[0] == ["roadmap; 2023", "road|map"]  # was re-split


def test_regression_two_marked_answers_show_no_correlation(rubric_dir: Path) -> None:
    at = open_page()
    two = marks_csv([("q1_excellent.txt", 9.5), ("q1_poor.txt", 2)])
    at = at.file_uploader(key="marks_csv").set_value(("two.csv", two, "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pearson"] == "—" and metrics["QWK"] == "—"  # was: +1.00 from two answers
    assert any("too few marked answers (n=2) for a correlation" in c.value for c in at.caption)
    assert table_with(at, "correlation with your marks").value["correlation with your marks"].isna().all()


# --- accounts: mentors calibrate their classes' rubrics, admins save versions ---


@pytest.fixture
def accounts(own_database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    login_mode(monkeypatch, own_database)


def test_a_student_cannot_reach_the_tuning_page(rubric_dir: Path, accounts: None) -> None:
    at = login(open_page(), "asha")
    assert "This page is not for your account" in at.error[0].value
    assert not at.data_editor and [b.label for b in at.button] == ["Log out"]


def override(db: Path, run: str, mentor: str, marks: float) -> None:
    q1 = load_rubric(RUBRIC_PATH).question("Q1")
    request = OverrideRequest("india-us-defence", 1, q1, f"{mentor}_q1.txt", "x", f"An answer marked by {mentor}.",
                              old_marks=4.0, new_marks=marks, reason="r", run=run)
    OverrideStore(db).record(request, by=Account(mentor, MENTOR), expected=0)


def test_regression_calibration_learns_only_from_the_rubric_s_own_mentors(rubric_dir: Path, accounts: None,
                                                                          own_database: Path) -> None:
    users = user_store(own_database)
    users.add("dev", MENTOR, PASSWORD, by=SYSTEM)
    users.save_class("elsewhere", "dev", rubrics=("another-rubric",), by=SYSTEM)
    override(own_database, "gs2-morning", "meena", 6.0)
    override(own_database, "elsewhere", "dev", 0.0)  # a mentor of another rubric's class marks this rubric's answers
    at = login(open_page(), "meena")
    assert any("**1** overridden answer " in m.value for m in at.markdown)  # was: every override, anyone's
    assert not at.button(key="fit_calibration").disabled
    at.file_uploader(key="marks_csv").set_value(("samples.csv", samples_marks_csv(), "text/csv")).run()
    at.button(key="fit_calibration").click().run()
    saved = json.loads((rubric_dir / "india_us_defence.calibration.json").read_text(encoding="utf-8"))
    assert (saved["fitted_by"], saved["sources"]) == ("meena", {"samples.csv": 28, "overrides by meena": 1})
    at = login(open_page(), "dev", PASSWORD)
    assert at.button(key="fit_calibration").disabled  # was: any visitor could fit (and 0-mark) the calibration
    assert any("Only the mentors of the classes that use this rubric" in c.value for c in at.caption)


def test_only_an_admin_saves_a_rubric_version(rubric_dir: Path, accounts: None) -> None:
    meena = edit(login(open_page(), "meena"), edited_rows={0: {"weight": 3}})
    assert meena.button(key="save").disabled
    assert any("Admins save rubric versions" in c.value for c in meena.caption)
    root = edit(login(open_page(), "root"), edited_rows={0: {"weight": 3}})
    assert not root.button(key="save").disabled
    assert root.button(key="fit_calibration").disabled  # an admin is no class's mentor


def test_a_declared_fact_is_added_in_its_table_validated_and_saved(rubric_dir: Path) -> None:
    saved = rubric_dir / RUBRIC_PATH.name
    at = open_page()
    facts = at.data_editor[1]
    first_point = load_rubric(saved).question("Q1").key_points[0].id
    row = {"point": first_point, "subject": "Malabar", "attribute": "participants", "kind": "country",
           "values": "India; United States|US; Japan; Australia", "cues": "includes|joined", "others": "",
           "source": "India, the US, Japan and Australia take part"}
    before = len(facts.value)
    at.session_state[facts.key] = {**NO_EDITS, "added_rows": [row]}
    at.run()
    assert not at.exception and not at.error
    at.button(key="save").click().run()
    fact = load_rubric(saved).question("Q1").key_points[0].facts[-1]
    assert (fact.subject, fact.kind, fact.values[1], fact.cues) == (["Malabar"], "country", ["United States", "US"],
                                                                    ["includes", "joined"])
    assert len(at.data_editor[1].value) == before + 1


def test_a_fact_whose_values_do_not_read_as_its_kind_is_an_error_naming_the_field(rubric_dir: Path) -> None:
    at = open_page()
    first_point = load_rubric(rubric_dir / RUBRIC_PATH.name).question("Q1").key_points[0].id
    row = {"point": first_point, "subject": "GST", "attribute": "amendment", "kind": "ordinal",
           "values": "one hundred", "cues": "amendment"}
    at.session_state[at.data_editor[1].key] = {**NO_EDITS, "added_rows": [row]}
    at.run()
    assert "facts" in at.error[0].value and "does not read as an ordinal" in at.error[0].value
