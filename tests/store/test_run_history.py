"""The batch page's recent runs: kept per mentor, the last few only, reopened as they were scored."""

from __future__ import annotations

from pathlib import Path

from evaluator import load_rubric
from evaluator.batch.rows import ResultRow
from evaluator.store.runs import RunHistory
from tests.conftest import RUBRIC_PATH


def rows(n: int) -> list[ResultRow]:
    return [ResultRow(f"q1_{i}.txt", f"s{i}", "Q1", float(i), 15.0, "scored", flags=(("other_rubric", "x Q1"),))
            for i in range(n)]


def test_a_run_is_reopened_as_it_was_scored_and_listed_by_time_rubric_and_count(tmp_path: Path) -> None:
    history = RunHistory(tmp_path / "app.sqlite")
    rubric = load_rubric(RUBRIC_PATH)
    run_id = history.save(rubric, "india_us_defence.yaml", 1, rows(3), {"q1_0.txt": "text"}, owner="meena")
    [run] = history.recent("meena")
    assert f"india-us-defence v{rubric.version} · 3 answers from 1 file" in run.label
    saved, again, texts = history.load(run_id, "meena")
    assert again == rows(3) and texts == {"q1_0.txt": "text"} and saved.rubric_file == "india_us_defence.yaml"


def test_each_mentor_sees_only_their_own_last_runs(tmp_path: Path) -> None:
    history = RunHistory(tmp_path / "app.sqlite", keep=2)
    rubric = load_rubric(RUBRIC_PATH)
    for n in range(3):
        history.save(rubric, "india_us_defence.yaml", 1, rows(n + 1), {}, owner="meena")
    other = history.save(rubric, "india_us_defence.yaml", 1, rows(1), {}, owner="ravi")
    assert [r.answers for r in history.recent("meena")] == [3, 2]  # the last two, newest first
    assert history.load(other, "meena") is None and len(history.recent("ravi")) == 1
