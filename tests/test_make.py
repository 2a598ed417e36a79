"""``make test`` works on a fresh clone anywhere: it installs Chromium only where it can, and says how otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_regression_make_browser_says_how_to_install_chromium_where_it_cannot(tmp_path: Path) -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    tools = tmp_path / "bin"  # a PATH without chromium and without apt-get, as on macOS or Windows
    tools.mkdir()
    if Path("/usr/bin/id").exists():
        (tools / "id").symlink_to("/usr/bin/id")
    proc = subprocess.run([make, "-s", "browser", "CHROMIUM=no-such-chromium"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={"PATH": str(tools), "HOME": os.environ.get("HOME", "/")})
    assert proc.returncode == 0, proc.stderr  # was: 'apt-get: not found', and make test stopped there
    assert "cannot be installed without root and apt-get; the browser tests will be skipped" in proc.stdout
    assert "install Chromium" in proc.stdout and proc.stderr == ""


def test_the_browser_tests_skip_with_how_to_install_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.e2e import conftest as e2e

    monkeypatch.setattr(e2e, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"Chromium is not installed.*sudo apt-get install chromium"):
        e2e.chromium_path()


@pytest.mark.parametrize(("args", "address"), [((), "127.0.0.1"), (("HOST=0.0.0.0",), "0.0.0.0")],
                         ids=["default", "network"])
def test_make_run_listens_on_this_computer_only_unless_told(args: tuple[str, ...], address: str) -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    proc = subprocess.run([make, "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HOST": "evil.example"})  # an exported $HOST is not a setting
    commands = proc.stdout.splitlines()
    assert f"-m evaluator users init --host {address} --port 8501" in "\n".join(commands)  # the admin, how to log in
    assert any(c.endswith(f"streamlit run app.py --server.address {address} --server.port 8501") for c in commands)
