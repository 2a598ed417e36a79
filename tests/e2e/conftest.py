"""What the browser tests share: Chromium (skipped where it cannot be had), a Streamlit server on a free port.

Chromium is Debian's (``make browser`` installs it where it can, as root with apt-get). Where it is missing the
browser tests are skipped with a message saying how to get it; in CI on a machine where ``make browser`` could
have installed it, a missing browser is a failure.
"""

from __future__ import annotations

import os
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
HOW_TO_INSTALL = ("install Chromium to run them (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install "
                  "--cask chromium), on PATH or at /usr/bin/chromium")


def installable() -> bool:
    """Whether ``make browser`` can install Chromium here: as root, with apt-get."""
    return getattr(os, "geteuid", lambda: -1)() == 0 and shutil.which("apt-get") is not None


def chromium_path() -> Path:
    """The browser to drive; skip when there is none (fail in CI where ``make browser`` would have installed it)."""
    found = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or "/nonexistent")
    if found.exists():
        return found
    if os.environ.get("CI") and installable():
        pytest.fail(f"{CHROMIUM} is missing in CI; `make browser` should have installed it")
    pytest.skip(f"Chromium is not installed, so the browser tests are skipped: {HOW_TO_INSTALL}")


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
def serve_app(folder: Path, **env: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with its own attempts DB (and these environment variables); the URL.

    The server is the test's own process: it is stopped, by its PID, when the block ends.
    """
    chromium_path()  # no server without a browser to use it
    port = free_port()
    log = folder / "streamlit.log"
    environ = {**os.environ, "UPSC_EVAL_DB": str(folder / "attempts.sqlite"), **env}
    if "UPSC_EVAL_RUBRICS" not in env:
        environ.pop("UPSC_EVAL_RUBRICS", None)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT)
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
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def student_page(browser: object, url: str, *, timeout_ms: int = 30_000) -> Iterator[object]:
    """A new browser context on the app's first page, once the answer box shows; ``page.requests`` lists every URL
    the page has fetched."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(url)
    page.get_by_text("Type or paste your answer").wait_for(timeout=timeout_ms)
    try:
        yield page
    finally:
        context.close()
