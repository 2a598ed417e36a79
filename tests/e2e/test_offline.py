"""The app in a real browser works offline and shows a rubric's text as written; the batch page takes class archives.

A rubric whose every text field holds a Markdown image link (a tracking pixel) is served; the student page
scores an answer and the three pages are opened. No request may leave the app's own address: not for the
pixel (rubric text is escaped like answers), not for icons (the pages use emoji, drawn by the browser).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.answer_files import sample
from tests.conftest import RUBRIC_PATH
from tests.e2e.conftest import EVALUATE_TIMEOUT_MS, serve_app, student_page

pytestmark = pytest.mark.e2e

PIXEL = "![x](http://127.0.0.1:9/{}.png)"  # port 9 (discard): a request there would be the leak


def hostile_rubric(folder: Path) -> Path:
    """The bundled rubric with an image link in its title, the first question, and every statement and hint."""
    text = RUBRIC_PATH.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*", f'title: "India-US defence {PIXEL.format("title")}"', text, flags=re.M)
    text = re.sub(r'^(\s+(point|hint): )"(.*)"$', lambda m: f'{m[1]}"{m[3]} {PIXEL.format(m[2])}"', text, flags=re.M)
    text = re.sub(r'^(\s+- id: Q1\n\s+text: )"(.*)"$', lambda m: f'{m[1]}"{m[2]} {PIXEL.format("question")}"', text,
                  flags=re.M)
    assert text.count("127.0.0.1:9/") > 20
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RUBRIC_PATH.name).write_text(text, encoding="utf-8")
    shutil.copytree(RUBRIC_PATH.parent / "articles", folder / "articles")  # the rubric's article_file
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("offline")
    with serve_app(tmp, UPSC_EVAL_RUBRICS=str(hostile_rubric(tmp / "rubrics"))) as url:
        yield url


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # noqa: ANN001 - playwright Browser
    with student_page(browser, server, timeout_ms=60_000) as page:  # every request it makes is recorded
        yield page


def test_regression_no_page_fetches_anything_from_another_host(page, server: str) -> None:  # noqa: ANN001
    box = page.get_by_label("Type or paste your answer")
    box.fill(sample("q1_average.txt"))
    box.press("Control+Enter")
    page.get_by_role("button", name="Evaluate").click()
    page.get_by_test_id("stMetric").filter(has_text="Marks").wait_for(timeout=EVALUATE_TIMEOUT_MS)
    page.get_by_text("Model answer (open after you have tried)").click()
    page.wait_for_timeout(2_000)
    assert "India-US defence ![x](http://127.0.0.1:9/title.png)" in page.get_by_test_id("stSidebar").inner_text()
    nav = page.get_by_test_id("stSidebarNav")
    for title, heading in [("Batch scoring", "Batch scoring"), ("Rubric tuning", "Rubric tuning")]:
        nav.get_by_text(title).click()
        page.get_by_role("heading", name=heading).wait_for(timeout=30_000)
        page.wait_for_timeout(2_000)
    outside = sorted({url for url in page.requests if not url.startswith(server)})
    assert outside == []  # was: the pixel in the title, and icons from fonts.gstatic.com


def test_regression_the_batch_page_takes_a_class_zip_over_5_mb(page, tmp_path: Path) -> None:  # noqa: ANN001
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # stored: 6 MB on disk as in the class folder
        archive.writestr("q1_asha.txt", sample("q1_excellent.txt"))
        for n in range(3):
            archive.writestr(f"q1_scan_{n}.pdf", os.urandom(2_000_000))  # a scanned page each: big, no text
    data = buffer.getvalue()
    assert len(data) > 6_000_000
    (tmp_path / "class.zip").write_bytes(data)
    page.get_by_test_id("stSidebarNav").get_by_text("Batch scoring").click()
    page.get_by_role("heading", name="Batch scoring").wait_for(timeout=30_000)
    page.locator("input[type=file]").set_input_files(str(tmp_path / "class.zip"))
    score = page.get_by_role("button", name=re.compile(r"^Score "))
    score.wait_for(timeout=60_000)  # was: "File must be 5.0MB or smaller", and no way to score the class
    score.click()
    table = page.get_by_test_id("stDataFrame")
    table.wait_for(timeout=EVALUATE_TIMEOUT_MS)
    answers = page.get_by_test_id("stMetric").filter(has_text=re.compile(r"^Answers")).get_by_test_id("stMetricValue")
    assert answers.inner_text() == "4"
    assert page.get_by_text("3 answers were not scored").is_visible()
