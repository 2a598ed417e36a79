"""Shared fixtures: the bundled rubric and the sample answers, loaded once per session."""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from evaluator import Rubric, load_rubric
from evaluator.store.users import UserStore

ROOT = Path(__file__).resolve().parent.parent
RUBRIC_PATH = ROOT / "rubrics" / "india_us_defence.yaml"
SAMPLES = ROOT / "samples" / "india-us-defence"


@dataclass(frozen=True)
class Sample:
    file: str
    question_id: str
    marks: float
    low: float
    high: float

    @property
    def kind(self) -> str:
        return self.file.split("_", 1)[1].removesuffix(".txt")

    @property
    def text(self) -> str:
        return (SAMPLES / self.file).read_text(encoding="utf-8")


def load_samples() -> list[Sample]:
    with open(SAMPLES / "marks.csv", newline="", encoding="utf-8") as fh:
        return [Sample(r["file"], r["question_id"], float(r["marks"]), float(r["low"]), float(r["high"]))
                for r in csv.DictReader(fh)]


def install_rubric(folder: Path, name: str = RUBRIC_PATH.name, data: bytes | None = None) -> Path:
    """A copy of the bundled rubric (or ``data`` in its place) in ``folder``, with the articles it reads."""
    shutil.copytree(RUBRIC_PATH.parent / "articles", folder / "articles", dirs_exist_ok=True)
    path = folder / name
    path.write_bytes(RUBRIC_PATH.read_bytes() if data is None else data)
    return path


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(RUBRIC_PATH)


def shown(markdown: str) -> str:
    """What a reader sees of a Markdown string the pages escaped: the text without its backslash escapes.

    >>> shown(r"broken\\.yaml:2: \\[x\\]")
    'broken.yaml:2: [x]'
    """
    return re.sub(r"\\(.)", r"\1", markdown)


def user_store(path: Path) -> UserStore:
    """The app's accounts in ``path``, hashing with Argon2id at the library's lowest cost (tests make many accounts;
    the app verifies these hashes all the same, and stores its own stronger one at the first login)."""
    from argon2 import PasswordHasher

    return UserStore(path, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
