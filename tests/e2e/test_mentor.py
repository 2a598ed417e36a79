"""A mentor in headless Chromium: batch, two overrides with reasons, an undo, downloads, calibration, a student's
calibrated score. The app serves a copy of the rubrics and its own database, so nothing in the repository changes."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM_ARGS, ROOT, chromium_path, serve_app

pytestmark = pytest.mark.e2e
SAMPLES = ROOT / "samples" / "india-us-defence"
SCORE_TIMEOUT_MS = 120_000  # the first batch loads the sentence model


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``streamlit run app.py`` on a free port with its own rubrics folder and database; stopped afterwards."""
    tmp = tmp_path_factory.mktemp("mentor")
    rubrics = tmp / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    with serve_app(tmp, UPSC_EVAL_DB=str(tmp / "app.sqlite"), UPSC_EVAL_RUBRICS=str(rubrics)) as url:
        yield url, tmp


@pytest.fixture(scope="module")
def page(app: tuple[str, Path]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
            page = context.new_page()
            page.goto(app[0])
            page.get_by_text("Type or paste your answer").wait_for(timeout=60_000)
            yield page
        finally:
            browser.close()


def settle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished the rerun an action started (its status widget is gone)."""
    page.wait_for_timeout(500)
    page.wait_for_function("!document.querySelector('[data-stale=true]')", timeout=SCORE_TIMEOUT_MS)


def choose(page, label: str, option: str) -> None:  # noqa: ANN001
    """Pick an option of a Streamlit selectbox by its label."""
    settle(page)
    wanted = page.get_by_role("option", name=re.compile(re.escape(option))).first
    for _ in range(3):  # a click that lands while the page re-renders does not open the list: click again
        page.get_by_label(label, exact=True).click()
        try:
            wanted.wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            page.keyboard.press("Escape")
    wanted.click()
    settle(page)


def override(page, answer: str, marks: str, reason: str) -> None:  # noqa: ANN001
    choose(page, "Answer (the review queue's order)", answer)
    page.get_by_text(f"{answer.split('_')[0]} · Q1 · evaluator").wait_for(timeout=30_000)  # its panel is open
    # the rerun leaves the previous answer's form in the page for a moment: wait until only this one is there
    page.wait_for_function("document.querySelectorAll('input[aria-label=Marks]').length === 1", timeout=60_000)
    page.get_by_test_id("stForm").get_by_label("Marks", exact=True).fill(marks)
    page.get_by_label("Reason (for the audit trail)", exact=True).fill(reason)
    page.get_by_role("button", name="Save override").click()
    page.get_by_text(f"Saved the override of {answer}.").wait_for(timeout=30_000)


def download(page, button: str) -> bytes:  # noqa: ANN001
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def samples_marks_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["question_id", "answer", "marks"])
        for row in csv.DictReader((SAMPLES / "marks.csv").open(encoding="utf-8")):
            writer.writerow([row["question_id"], (SAMPLES / row["file"]).read_text(encoding="utf-8"), row["marks"]])
    return path


def test_a_mentor_overrides_undoes_downloads_and_calibrates(page, app: tuple[str, Path]) -> None:  # noqa: ANN001
    tmp = app[1]
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Batch scoring").click()
    page.get_by_role("heading", name="Batch scoring").wait_for(timeout=30_000)
    choose(page, "Rubric", "India-US defence partnership")  # the batch page keeps its own rubric (India-US at first)

    # 1. upload a batch and score it
    files = []
    for name, sample in (("asha_q1.txt", "q1_excellent.txt"), ("ravi_q1.txt", "q1_poor.txt"),
                         ("kiran_q1.txt", "q1_average.txt")):
        shutil.copy(SAMPLES / sample, tmp / name)
        files.append(str(tmp / name))
    page.locator("input[type=file]").first.set_input_files(files)
    page.get_by_role("button", name="Score 3 answers").click()
    # on another rubric than the answers' the page stops before scoring and offers theirs: take it
    switch = page.get_by_role("button", name="Score on “India-US defence partnership”")
    review = page.get_by_role("heading", name="Review an answer")
    switch.or_(review).first.wait_for(timeout=SCORE_TIMEOUT_MS)
    if switch.is_visible():
        switch.click()
    review.wait_for(timeout=SCORE_TIMEOUT_MS)
    settle(page)

    # 2. override two answers with reasons, 3. undo one
    override(page, "ravi_q1.txt", "5", "the roadmap point is made in other words")
    override(page, "kiran_q1.txt", "9", "a second look")
    settle(page)
    page.get_by_role("button", name="Undo").click()
    settle(page)
    page.get_by_text("undid").first.wait_for(timeout=30_000)
    page.screenshot(path=tmp / "review.png", full_page=True)

    # 4. the export carries both marks; the feedback sheets are one HTML and one PDF per student
    table = list(csv.DictReader(io.StringIO(download(page, "Download CSV").decode("utf-8-sig"))))
    mentor = {r["file"]: r["mentor_marks"] for r in table}
    assert mentor == {"asha_q1.txt": "", "ravi_q1.txt": "5.0", "kiran_q1.txt": ""}
    assert all(r["marks"] for r in table)  # the evaluator's marks are still there
    assert {"kp:industrial-roadmap", "kp:industrial-roadmap:score"} <= table[0].keys()
    page.get_by_role("button", name="Prepare feedback sheets (HTML and PDF per student)").click()
    with zipfile.ZipFile(io.BytesIO(download(page, "Download feedback sheets (.zip)"))) as archive:
        names = sorted(archive.namelist())
        assert names == ["asha.html", "asha.pdf", "kiran.html", "kiran.pdf", "ravi.html", "ravi.pdf"]
        assert "marked by your mentor" in archive.read("ravi.html").decode()  # the laptop's single user

    # 5. fit a calibration from the overrides plus a marks CSV
    nav.get_by_text("Rubric tuning").click()
    page.get_by_role("heading", name="Rubric tuning").wait_for(timeout=30_000)
    choose(page, "Rubric", "India-US defence partnership")
    marks_uploader = page.get_by_test_id("stFileUploader").filter(has_text="Your marks")
    marks_uploader.locator("input[type=file]").set_input_files(str(samples_marks_csv(tmp / "marks.csv")))
    page.get_by_text("1 overridden answer").wait_for(timeout=SCORE_TIMEOUT_MS)
    page.get_by_role("button", name="Fit calibration").click()
    page.get_by_text("now gives marks calibrated on 29 mentor marks").wait_for(timeout=SCORE_TIMEOUT_MS)
    assert (tmp / "rubrics" / "india_us_defence.calibration.json").exists()

    # 6. the student's next score is calibrated
    nav.get_by_text("Score an answer").click()
    box = page.get_by_label("Type or paste your answer")
    box.wait_for(timeout=30_000)
    box.fill((SAMPLES / "q1_average.txt").read_text(encoding="utf-8"))
    box.press("Control+Enter")
    page.get_by_role("button", name="Evaluate").click()
    page.get_by_text("Marks calibrated on 29 mentor marks").wait_for(timeout=SCORE_TIMEOUT_MS)
    page.screenshot(path=tmp / "student.png", full_page=True)
