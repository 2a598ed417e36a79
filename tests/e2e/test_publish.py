"""A mentor in headless Chromium drafts a rubric from an uploaded .docx article, edits it, publishes it to the bank,
and a student then scores an answer on the new question from the student page (issue 23). The app serves a copy of
the rubrics, so nothing in the repository changes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluator import load_rubric
from tests.e2e.conftest import ARTIFACTS, ROOT, serve_app, student_page

pytestmark = pytest.mark.e2e
BENCH = ROOT / "bench" / "draft_quality" / "one-nation-one-election"
# drafting loads spaCy's tables on first use; the first answer on a newly published rubric compiles its vectors (key
# points, article sentences) beside the bank's. Both ran past two minutes in two of five full runs on a loaded
# 2-core machine (15 s alone): generous, since the test asserts what happens, not how fast
DRAFT_TIMEOUT_MS = 240_000
PUBLISHED_EVALUATE_TIMEOUT_MS = 240_000


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("publish")
    rubrics = tmp / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    with serve_app(tmp, UPSC_EVAL_DB=str(tmp / "app.sqlite"), UPSC_EVAL_RUBRICS=str(rubrics)) as url:
        yield url, rubrics


@pytest.fixture
def page(browser, app: tuple[str, Path]) -> Iterator[object]:  # noqa: ANN001 - playwright Browser
    with student_page(browser, app[0]) as page:
        yield page


def settle(page) -> None:  # noqa: ANN001
    page.wait_for_timeout(500)
    page.wait_for_function("!document.querySelector('[data-stale=true]')", timeout=DRAFT_TIMEOUT_MS)


def test_a_mentor_publishes_a_drafted_rubric_and_a_student_answers_it(page, app: tuple[str, Path]) -> None:  # noqa: ANN001
    rubrics = app[1]
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Rubric tuning").click()
    page.get_by_role("heading", name="Rubric tuning").wait_for(timeout=30_000)

    # 1. draft from the uploaded Word file
    page.get_by_text("Draft a rubric from an article and publish it").click()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="or upload it")
    uploader.locator("input[type=file]").set_input_files(str(BENCH / "article.docx"))
    settle(page)
    page.get_by_role("button", name="Draft rubric").click()
    page.get_by_text(re.compile(r"^Valid: one-nation-one-election")).wait_for(timeout=DRAFT_TIMEOUT_MS)

    # 2. edit the draft beside the article: the recommendations question becomes a 12-marker
    editor = page.get_by_label("Draft rubric YAML")
    text = editor.input_value()
    assert "Kovind Committee" in text
    editor.fill(re.sub(r"(text: Discuss the key recommendations[^\n]*\n(?:.*\n){0,3}?\s*marks: )10", r"\g<1>12", text,
                       count=1))
    editor.press("Control+Enter")
    settle(page)
    page.get_by_text(re.compile(r"^Valid: one-nation-one-election")).wait_for(timeout=30_000)

    # 3. publish it into the bank, the article beside it
    page.get_by_role("button", name="Publish one-nation-one-election to the question bank").click()
    page.get_by_text(re.compile(r"Published one-nation-one-election\.yaml \(version 1\)")).wait_for(timeout=60_000)
    published = load_rubric(rubrics / "one-nation-one-election.yaml")
    assert (rubrics / "articles" / "one-nation-one-election.txt").is_file() and "Kovind" in published.article
    recommendations = next(q for q in published.questions if "recommendations" in q.text)
    assert recommendations.marks == 12
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "published.png", full_page=True)

    # 4. a student finds the new question in the bank and scores an answer on it
    nav.get_by_text("Score an answer").click()
    page.get_by_text("Type or paste your answer").wait_for(timeout=30_000)
    page.get_by_text(re.compile(r"^Question bank · today's question and \d+ questions$")).click()
    search = page.get_by_label("Search the questions")
    search.wait_for(state="visible", timeout=30_000)
    search.fill("Kovind recommendations")
    search.press("Enter")
    page.get_by_text(re.compile(r"^1 of \d+ questions$")).wait_for(timeout=30_000)
    page.locator(f".st-key-bank_pick_one-nation-one-election-yaml-{recommendations.id} button").click()
    page.get_by_role("heading", name=re.compile(rf"^{recommendations.id}\. Discuss the key recommendations")).wait_for(
        timeout=30_000)
    box = page.get_by_label("Type or paste your answer")
    box.fill("The Kovind Committee recommended holding elections to the Lok Sabha and State Assemblies together, "
             "and municipal and panchayat polls within 100 days of them. An appointed date notified by the "
             "President would align the terms of Assemblies, and after a hung House fresh polls would be only for "
             "the unexpired term. A single electoral roll and EPIC would be prepared with the State Election "
             "Commissions, and the ECI should plan early for EVMs, VVPATs and security forces.")
    box.press("Control+Enter")
    page.get_by_role("button", name="Evaluate").click()
    marks = page.get_by_test_id("stMetric").filter(has_text="Marks").get_by_test_id("stMetricValue")
    marks.wait_for(timeout=PUBLISHED_EVALUATE_TIMEOUT_MS)
    assert marks.inner_text().strip().endswith("/ 12")
    page.screenshot(path=ARTIFACTS / "scored_on_published.png", full_page=True)
