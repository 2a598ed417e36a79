"""Real small and read-only filesystems for fault tests: a tmpfs mounted for the test and unmounted after.

A full disk and a read-only folder are faults of the filesystem, so the tests make one instead of mocking the
code that writes: ``mount -t tmpfs`` needs root (as in CI's container); elsewhere the tests skip.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, timeout=30).returncode == 0


@contextlib.contextmanager
def tmpfs(path: Path, size_kb: int) -> Iterator[Path]:
    """A fresh tmpfs of ``size_kb`` KB at ``path`` (created), unmounted on exit; skips the test without root."""
    path.mkdir(parents=True, exist_ok=True)
    if getattr(os, "geteuid", lambda: -1)() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                                                                str(path)):
        pytest.skip("needs root to mount a small tmpfs (a real full disk or read-only folder)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def make_read_only(path: Path) -> None:
    """Remount the tmpfs at ``path`` read-only: even root cannot write there (EROFS)."""
    assert _mount("-o", "remount,ro", str(path)), "remount read-only failed"


def fill(path: Path, leave_bytes: int) -> Path:
    """Fill the filesystem of ``path`` with one file until ``leave_bytes`` (about) are free; returns the file."""
    filler = path / "filler.bin"
    free = os.statvfs(path).f_bavail * os.statvfs(path).f_frsize
    with filler.open("wb") as handle:
        with contextlib.suppress(OSError):
            handle.write(b"\0" * max(0, free - leave_bytes))
    return filler
