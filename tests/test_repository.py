"""What a fresh clone holds and says (issue 24, item 12 and 'done when'): nothing untracked is left behind by setup,
and the README says where attempts are stored and shows the first session's screenshots."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_regression_the_egg_info_folder_that_setup_leaves_is_ignored() -> None:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    proc = subprocess.run([git, "check-ignore", "-q", "--no-index", "upsc_evaluator.egg-info/PKG-INFO"], cwd=ROOT,
                          capture_output=True, timeout=30)
    assert proc.returncode == 0, "pip install -e . leaves an untracked *.egg-info folder in the checkout"


def test_regression_the_readme_says_where_attempts_are_stored() -> None:
    assert "**Attempts are stored**" in README
    assert "`$UPSC_EVAL_DB`" in README and "attempts.sqlite" in README


def test_the_readme_links_the_first_session_screenshots_on_desktop_and_phone() -> None:
    linked = set(re.findall(r"\]\((docs/screenshots/[\w.-]+\.png)\)", README))
    wanted = {f"docs/screenshots/{view}-{size}.png" for view in ("student-result", "ocr-review", "feedback-sheet")
              for size in ("desktop", "phone")}
    assert wanted <= linked
    assert all((ROOT / path).is_file() for path in wanted)
