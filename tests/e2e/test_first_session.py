"""A student's and a mentor's first session in headless Chromium, on a desktop (1366x900) and a phone (390x844).

Each test also saves the screenshots the README shows (``docs/screenshots/``) under ``tests/e2e/artifacts/``;
copy them to ``docs/screenshots/`` when the pages change. Skipped when Chromium is missing (see ``conftest.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import ARTIFACTS, EVALUATE_TIMEOUT_MS, ROOT, serve_app

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_app(tmp_path_factory.mktemp("first-session")) as url:
        yield url


def open_page(browser, url: str, size: dict[str, int]):  # noqa: ANN001, ANN201 - playwright objects
    context = browser.new_context(viewport=size, is_mobile=size is PHONE, has_touch=size is PHONE,
                                  device_scale_factor=2 if size is PHONE else 1)
    page = context.new_page()
    page.goto(url)
    page.get_by_text("Type or paste your answer").wait_for(timeout=60_000)
    return page


def in_view(page, locator) -> bool:  # noqa: ANN001
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height


def evaluate(page, answer: str) -> None:  # noqa: ANN001
    box = page.get_by_label("Type or paste your answer")
    box.fill(answer)
    box.press("Control+Enter")
    page.get_by_text(re.compile(r"^[1-9]\d* / 250 words")).wait_for()
    page.get_by_role("button", name="Evaluate").click()
    page.get_by_test_id("stMetric").filter(has_text="Marks").wait_for(timeout=EVALUATE_TIMEOUT_MS)
    page.wait_for_timeout(1_500)  # the scroll runs once the result is drawn


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_after_evaluate_the_marks_are_in_view(browser, server: str, size: str) -> None:  # noqa: ANN001
    page = open_page(browser, server, SIZES[size])
    evaluate(page, (ROOT / "samples/india-us-defence/q1_average.txt").read_text(encoding="utf-8"))
    marks = page.get_by_test_id("stMetric").filter(has_text="Marks")
    assert in_view(page, marks), "regression: after Evaluate nothing changed in view"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"student-result-{size}.png")
    page.context.close()


def test_on_a_phone_the_attempts_are_on_the_page(browser, server: str) -> None:  # noqa: ANN001
    page = open_page(browser, server, PHONE)
    evaluate(page, (ROOT / "samples/india-us-defence/q1_excellent.txt").read_text(encoding="utf-8"))
    attempts = page.get_by_role("heading", name="Your attempts at Q1")
    attempts.scroll_into_view_if_needed()
    assert attempts.is_visible()  # not in the folded sidebar
    assert not page.get_by_test_id("stSidebar").get_by_role("heading", name="Your attempts at Q1").count()
    page.context.close()


def test_the_page_list_has_no_empty_icon_boxes(browser, server: str) -> None:  # noqa: ANN001
    page = open_page(browser, server, DESKTOP)
    nav = page.get_by_test_id("stSidebarNav")
    nav.wait_for()
    links = [" ".join(link.inner_text().split()) for link in nav.get_by_role("link").all()]
    assert links[:3] == ["Score an answer", "Batch scoring", "Rubric tuning"]
    assert all(re.fullmatch(r"[A-Za-z ]+", link) for link in links)  # no emoji an offline machine cannot draw
    page.context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_photo_is_read_with_progress_and_its_corrections_shown(browser, server: str, size: str,  # noqa: ANN001
                                                                  tmp_path) -> None:  # noqa: ANN001
    from tests.handwriting import font_named, png_bytes, render_pages, require_ocr

    require_ocr(fonts=("humor-sans",))
    written = (ROOT / "samples/india-us-defence/q1_average.txt").read_text(encoding="utf-8")
    written = written.replace("relations", "nelations").replace("defence", "defemce")
    photo = tmp_path / "q1_photo.png"
    photo.write_bytes(png_bytes(render_pages(written, font_named("humor-sans"))[0]))
    page = open_page(browser, server, SIZES[size])
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.get_by_text(re.compile(r"Reading page 1 of 1")).wait_for(timeout=60_000)  # progress while OCR runs
    page.get_by_text("Check what we read").wait_for(timeout=180_000)
    page.get_by_text(re.compile("defemce → defence", re.IGNORECASE)).first.wait_for()  # the font writes in capitals
    page.get_by_text("Check what we read").scroll_into_view_if_needed()
    page.wait_for_timeout(1_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"ocr-review-{size}.png")
    page.context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_feedback_sheet_explains_a_zero(browser, size: str) -> None:  # noqa: ANN001
    from evaluator import evaluate as score
    from evaluator import load_rubric
    from evaluator.views.reports import FeedbackSheet, report_html

    rubric = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml")
    question = rubric.question("Q1")
    text = (ROOT / "samples/india-us-defence/q1_keywords.txt").read_text(encoding="utf-8")
    sheet = FeedbackSheet("Asha", "asha_q1.txt", question, score(text, question, rubric=rubric))
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.set_content(report_html([sheet], title="Feedback for Asha"))
    why = page.get_by_role("heading", name="Why these marks")
    assert why.is_visible()
    assert "list of keywords" in page.locator("ul.why").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"feedback-sheet-{size}.png")
    context.close()
