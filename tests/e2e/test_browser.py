"""The student page served by ``streamlit run`` and used in headless Chromium, as a student would.

Skipped only when Chromium is missing on a developer machine; in CI (``$CI`` set) the
Makefile installs it and a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 60
EVALUATE_TIMEOUT_MS = 90_000  # the first evaluation loads the sentence model

pytestmark = pytest.mark.e2e


def chromium_path() -> Path:
    """The browser to drive; skip (locally) or fail (in CI) when there is none."""
    found = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or "/nonexistent")
    if found.exists():
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI; `make browser` should have installed it")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); the browser test runs in CI")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not serve {url} within {START_TIMEOUT_S}s:\n{log.read_text(errors='replace')}")


@contextmanager
def streamlit_app(tmp: Path, env: dict[str, str]) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with ``env`` added to the environment; yields its URL, stops it after."""
    port = free_port()
    log = tmp / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> Iterator[str]:
    """The app with its own attempts DB and the bundled rubrics."""
    chromium_path()  # no server without a browser to use it
    tmp = tmp_path_factory.mktemp("e2e")
    monkeypatch_module.delenv("UPSC_EVAL_RUBRICS", raising=False)
    with streamlit_app(tmp, {"UPSC_EVAL_DB": str(tmp / "attempts.sqlite")}) as url:
        yield url


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # noqa: ANN001 - playwright Browser
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server)
    page.get_by_text("Type or paste your answer").wait_for(timeout=30_000)
    try:
        yield page
    finally:
        context.close()


def test_student_pastes_an_answer_and_sees_marks_and_highlights(page) -> None:  # noqa: ANN001
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prompt = page.get_by_text("Write your answer above, then press Evaluate")
    prompt.wait_for(timeout=30_000)  # the page renders top-down: the answer box can come before this line
    assert prompt.is_visible()
    page.screenshot(path=ARTIFACTS / "start.png")

    answer = (ROOT / "samples/india-us-defence/q1_excellent.txt").read_text(encoding="utf-8")
    box = page.get_by_label("Type or paste your answer")
    box.fill(answer)
    box.press("Control+Enter")
    page.get_by_text(re.compile(r"^[1-9]\d* / 250 words")).wait_for()  # the live count caught up
    page.get_by_role("button", name="Evaluate").click()

    # the Marks metric by its label: while the page reruns, other metrics can be in the DOM first
    marks = page.get_by_test_id("stMetric").filter(has_text="Marks").get_by_test_id("stMetricValue")
    marks.wait_for(timeout=EVALUATE_TIMEOUT_MS)
    assert marks.inner_text().strip().endswith("/ 15")
    highlight = page.locator(".answer-hl mark").first
    highlight.wait_for(state="visible")
    assert highlight.is_visible()
    assert page.locator(".answer-hl sup.hl-label").count() > 0
    assert page.get_by_text("Your attempts at Q1").is_visible()

    page.screenshot(path=ARTIFACTS / "top.png")
    page.set_viewport_size({"width": 1400, "height": 5200})
    page.wait_for_timeout(1_000)  # let charts re-lay out at the new size
    page.screenshot(path=ARTIFACTS / "student_page.png", full_page=True)


def test_a_script_in_the_answer_is_shown_as_text(page) -> None:  # noqa: ANN001
    page.get_by_label("Type or paste your answer").fill("<script>window.pwned = 1</script> India and the US.")
    page.get_by_label("Type or paste your answer").press("Control+Enter")
    page.get_by_role("button", name="Evaluate").click()
    page.locator(".answer-hl").wait_for(timeout=EVALUATE_TIMEOUT_MS)
    assert "<script>window.pwned = 1</script>" in page.locator(".answer-hl").inner_text()
    assert page.evaluate("window.pwned") is None


def test_an_uploaded_file_fills_the_answer_box(page) -> None:  # noqa: ANN001
    sample = ROOT / "samples/india-us-defence/q1_average.txt"
    page.locator("input[type=file]").set_input_files(str(sample))
    box = page.get_by_label("Type or paste your answer")
    page.wait_for_function(
        "() => document.querySelector('textarea').value.length > 100", timeout=30_000
    )
    assert box.input_value().strip() == sample.read_text(encoding="utf-8").strip()


def test_an_unreadable_file_shows_an_error(page) -> None:  # noqa: ANN001
    page.locator("input[type=file]").set_input_files(
        {"name": "answer.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 this is not really a pdf"}
    )
    error = page.get_by_test_id("stAlertContentError")
    error.wait_for(timeout=30_000)
    assert "answer.pdf" in error.inner_text()


def test_the_page_list_names_every_page_and_opens_the_mentor_pages(page) -> None:  # noqa: ANN001
    nav = page.get_by_test_id("stSidebarNav")
    titles = ["Score an answer", "Batch scoring", "Rubric tuning"]
    lines = [line.strip() for line in nav.inner_text().splitlines()]  # icon names are text too: keep the titles
    assert [line for line in lines if line in titles] == titles
    assert "app" not in lines
    nav.get_by_text("Batch scoring").click()
    page.get_by_role("heading", name="Batch scoring").wait_for(timeout=30_000)
    nav.get_by_text("Rubric tuning").click()
    page.get_by_role("heading", name="Rubric tuning").wait_for(timeout=30_000)
    nav.get_by_text("Score an answer").click()
    page.get_by_text("Type or paste your answer").wait_for(timeout=30_000)


def test_a_student_finds_a_question_in_the_bank_and_practises_it(page) -> None:  # noqa: ANN001
    # today's question is on the page, and its button puts it into the sidebar's pickers
    page.get_by_text("Question of the day").wait_for(timeout=30_000)
    page.get_by_role("button", name="Practise today's question").click()
    page.get_by_role("heading", name=re.compile(r"^Q\d+\. ")).first.wait_for(timeout=30_000)

    # the bank: search for a question and practise it
    page.get_by_text(re.compile(r"^Question bank · \d+ questions$")).click()
    search = page.get_by_label("Search the questions")
    search.fill("SAMADHAN")
    search.press("Enter")
    page.get_by_text(re.compile(r"^1 of \d+ questions$")).wait_for(timeout=30_000)
    # by its key: while the page reruns, the buttons of the unfiltered list can still be in the DOM
    page.locator(".st-key-bank_pick_left-wing-extremism-yaml-Q4 button").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Q4\. What is the SAMADHAN doctrine\?"))
    heading.wait_for(timeout=30_000)
    assert page.get_by_text("**10 marks**").count() == 0  # markdown is rendered, not shown raw
    assert page.get_by_text(re.compile(r"^10 marks · word limit 150")).is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "question_bank.png", full_page=True)


def test_a_photo_of_the_answer_is_read_shown_beside_the_text_corrected_and_evaluated(page) -> None:  # noqa: ANN001
    from tests.handwriting import cer, font_named, png_bytes, render_pages, require_ocr

    require_ocr(fonts=("humor-sans",))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    written = (ROOT / "samples/india-us-defence/q1_average.txt").read_text(encoding="utf-8")
    photo = png_bytes(render_pages(written, font_named("humor-sans"))[0])
    page.locator("input[type=file]").set_input_files({"name": "q1_photo.png", "mimeType": "image/png", "buffer": photo})

    # the text read fills the box, the page is shown beside it, and the student is asked to check it
    page.wait_for_function("() => document.querySelector('textarea').value.length > 100", timeout=EVALUATE_TIMEOUT_MS)
    page.get_by_text("Check what we read").wait_for(timeout=30_000)
    page.get_by_test_id("stImage").locator("img").wait_for(timeout=30_000)  # the page as read, beside the box
    assert page.get_by_test_id("stImage").count() == 1
    box = page.get_by_label("Type or paste your answer")
    read = box.input_value()
    assert cer(written, read) < 0.05
    page.screenshot(path=ARTIFACTS / "photo_upload.png", full_page=True)

    # the student corrects the text, then evaluates what is in the box
    corrected = read + "\n\nWay forward: India and the US should complete the roadmap projects on time."
    box.fill(corrected)
    box.press("Control+Enter")
    page.get_by_text(re.compile(r"^[1-9]\d* / 250 words")).wait_for()
    page.get_by_role("button", name="Evaluate").click()
    marks = page.get_by_test_id("stMetric").filter(has_text="Marks").get_by_test_id("stMetricValue")
    marks.wait_for(timeout=EVALUATE_TIMEOUT_MS)
    assert marks.inner_text().strip().endswith("/ 15")
    assert "complete the roadmap projects" in page.locator(".answer-hl").inner_text()
