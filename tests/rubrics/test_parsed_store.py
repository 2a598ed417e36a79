"""Specification of validated rubrics kept on disk: a new process reads them back as JSON, not as YAML again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluator import RubricError, load_rubric
from evaluator.rubrics import model, parsed_store
from tests.conftest import ROOT

BANK = sorted((ROOT / "rubrics").glob("*.yaml"))


@pytest.fixture
def folder(tmp_path: Path):
    parsed_store.keep_parsed_in(tmp_path / "kept")
    yield tmp_path / "kept"
    parsed_store.keep_parsed_in(None)


@pytest.mark.parametrize("path", BANK, ids=lambda p: p.stem)
def test_a_kept_rubric_is_the_rubric_its_yaml_gives(folder: Path, path: Path, monkeypatch) -> None:  # noqa: ANN001
    parsed = load_rubric(path)  # parsed, validated and kept
    assert len(list(folder.glob("*.json"))) == 1
    monkeypatch.setattr(model, "_validated", lambda *_: pytest.fail("the YAML was read again"))
    assert load_rubric(path) == parsed


def test_a_changed_rubric_or_article_is_read_again(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "gst.yaml"
    shutil.copy(ROOT / "rubrics/gst-council-federalism.yaml", copy)
    shutil.copytree(ROOT / "rubrics/articles", tmp_path / "articles")
    first = load_rubric(copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("marks: 15", "marks: 12", 1), encoding="utf-8")
    assert [q.marks for q in load_rubric(copy).questions] != [q.marks for q in first.questions]
    article = tmp_path / first.article_file
    article.write_text("An article rewritten for this test.\n", encoding="utf-8")
    assert load_rubric(copy).article.strip() == "An article rewritten for this test."


def test_a_broken_rubric_is_never_kept_and_still_names_its_line(folder: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: t\nquestions:\n  - id: Q1\n    marks: -1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RubricError) as err:
            load_rubric(broken)
        assert err.value.line is not None
    assert not list(folder.glob("*.json"))


def test_a_damaged_kept_file_is_parsed_again_and_replaced(folder: Path) -> None:
    path = ROOT / "rubrics/upi-digital-payments.yaml"
    parsed = load_rubric(path)
    (kept,) = folder.glob("*.json")
    kept.write_text("{not json", encoding="utf-8")
    assert load_rubric(path) == parsed
    assert kept.read_text(encoding="utf-8").startswith("{\"")


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    parsed_store.keep_parsed_in(None)
    load_rubric(ROOT / "rubrics/upi-digital-payments.yaml")
    assert not list(tmp_path.rglob("*.json"))
