"""Specification of rubric loading: the bundled rubric, and precise errors for broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator import RubricError, load_rubric, parse_rubric
from evaluator.cli import main
from evaluator.rubrics.model import MAX_SHOWN_CHARS
from tests.conftest import RUBRIC_PATH

EXPECTED_QUESTIONS = {
    "Q1": (15, 250, "discuss", "The recent visit of the US Secretary of Defence to India has been described as a new phase"),
    "Q2": (10, 150, "explain", "What is the India-US Initiative on Critical and Emerging Technologies (iCET)?"),
    "Q3": (15, 250, "critically examine", "Critically examine the 'Indo-Pacific imperative'"),
    "Q4": (10, 150, "examine", "Examine the role of INDUS-X and the Defence Technology and Trade Initiative (DTTI)"),
}

VALID = """\
id: demo
title: Demo rubric
questions:
  - id: Q1
    text: "Discuss the demo topic."
    directive: discuss
    marks: 10
    word_limit: 150
    key_points:
      - id: first
        point: "The first idea in one sentence."
        weight: 2
        keywords:
          - [alpha, alfa]
      - id: second
        point: "The second idea in one sentence."
        weight: 1
"""


@pytest.mark.parametrize("qid", sorted(EXPECTED_QUESTIONS))
def test_bundled_rubric_has_the_four_questions(rubric, qid):
    marks, limit, directive, opening = EXPECTED_QUESTIONS[qid]
    q = rubric.question(qid)
    assert (q.marks, q.word_limit, q.directive) == (marks, limit, directive)
    assert q.text.startswith(opening)
    assert 5 <= len(q.key_points) <= 10
    assert all(p.hint and p.keywords for p in q.key_points)


def test_fifteen_mark_questions_have_six_to_ten_points(rubric):
    for q in rubric.questions:
        if q.marks == 15:
            assert 6 <= len(q.key_points) <= 10


def test_acronyms_and_expansions_are_aliases(rubric):
    aliases = {a.lower() for q in rubric.questions for p in q.key_points for c in p.keywords for a in c}
    for term in ["icet", "initiative on critical and emerging technologies", "indus-x", "dtti",
                 "defence technology and trade initiative", "space situational awareness"]:
        assert term in aliases


def test_valid_text_parses():
    rubric = parse_rubric(VALID)
    assert rubric.question("Q1").total_weight == 3
    assert rubric.question("Q1").key_points[0].keywords == [["alpha", "alfa"]]


def test_unknown_question_lists_available_ids(rubric):
    with pytest.raises(KeyError, match="available: Q1, Q2, Q3, Q4"):
        rubric.question("Q9")


# (name, edit of VALID, expected line, expected path, words in the message)
BROKEN = [
    ("negative weight", ("weight: 2", "weight: -1"), 12, "questions[0].key_points[0].weight", "greater than 0"),
    ("zero weight", ("weight: 1\n", "weight: 0\n"), 17, "questions[0].key_points[1].weight", "greater than 0"),
    ("unknown field", ("    marks: 10", "    marks: 10\n    mark: 10"), 8, "questions[0].mark", "unknown field"),
    ("missing id", ("  - id: Q1\n    text", "  - text"), 4, "questions[0].id", "required"),
    ("duplicate point ids", ("id: second", "id: first"), 9, "questions[0].key_points", "duplicate id 'first'"),
    ("bad directive", ("directive: discuss", "directive: ponder"), 6, "questions[0].directive", "'discuss'"),
    ("weight not a number", ("weight: 2", "weight: heavy"), 12, "questions[0].key_points[0].weight", "number"),
    ("empty alias", ("[alpha, alfa]", "[alpha, '']"), 13, "questions[0].key_points[0].keywords", "non-empty alias"),
    ("no key points", ("    key_points:", "    key_points: []\n    old_points:"), None, "questions[0]", ""),
]


@pytest.mark.parametrize(("name", "edit", "line", "path", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rubric_error_names_line_and_field(name, edit, line, path, words):
    text = VALID.replace(*edit, 1)
    assert text != VALID
    with pytest.raises(RubricError) as info:
        parse_rubric(text, source="demo.yaml")
    message = str(info.value)
    assert message.startswith("demo.yaml")
    assert path in message
    if line:
        assert f"demo.yaml:{line}:" in message
    assert words in message


TWO_QUESTIONS = VALID + VALID[VALID.index("  - id: Q1"):]  # the question twice: its id repeated

# (name, broken text, what the message ends with): the value found is quoted short, a list or mapping never in full
LONG_VALUES = [
    ("duplicate point ids", VALID.replace("id: second", "id: first"),
     "questions[0].key_points: duplicate id 'first': ids must be unique"),
    ("duplicate question ids", TWO_QUESTIONS, "questions: duplicate id 'Q1': ids must be unique"),
    ("empty alias", VALID.replace("[alpha, alfa]", "[alpha, '']"),
     "keywords: concept 0 must list at least one non-empty alias"),
    ("too many points", VALID.replace("    key_points:\n", "    key_points:\n" + "".join(
        f"      - {{id: extra{i}, point: Point number {i}.}}\n" for i in range(60)), 1),
     "key_points: List should have at most 50 items after validation, not 62"),
    ("mapping for a string", VALID.replace("title: Demo rubric", "title: {a: 1, b: [2, 3]}"),
     "title: Input should be a valid string (got a mapping)"),
    ("mapping for a list", VALID.replace("    key_points:\n", "    key_points: {id: x}\n    old_points:\n"),
     "key_points: Input should be a valid list (got a mapping)"),
    ("list for a directive", VALID.replace("directive: discuss", "directive: [discuss, explain]"),
     "or 'outline' (got a list)"),
    ("long text", VALID.replace("Discuss the demo topic.", "x" * 2500),
     "String should have at most 2000 characters (got '" + "x" * (MAX_SHOWN_CHARS - 2) + "\u2026)"),
    ("long id", VALID.replace("id: demo", "id: " + "y" * 300),
     "id: id '" + "y" * (MAX_SHOWN_CHARS - 2) + "\u2026 must be 1-64 letters, digits, '.', '_' or '-'"),
    ("short value in full", VALID.replace("weight: 2", "weight: heavy"), "as a number (got 'heavy')"),
]


@pytest.mark.parametrize(("name", "text", "ending"), LONG_VALUES, ids=[c[0] for c in LONG_VALUES])
def test_an_error_quotes_the_value_it_found_briefly(name, text, ending):
    # regression: a duplicate key-point id printed the whole question, "(got [{...}, {...}])", a screen long
    with pytest.raises(RubricError) as info:
        parse_rubric(text, source="demo.yaml")
    message = str(info.value)
    assert message.endswith(ending), message
    assert len(info.value.reason) <= 300 and "{" not in message and "[[" not in message


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("bad yaml", "id: x\nquestions: [unclosed\n", "not valid YAML"),
        ("python tag", "id: !!python/object/apply:os.system ['echo hacked']\n", "YAML"),
        ("top level list", "- a\n- b\n", "top level must be a mapping"),
        ("duplicate key", "id: a\nid: b\ntitle: t\n", "not valid YAML"),
        ("deep nesting", "id: " + "[" * 60 + "]" * 60 + "\n", "nesting"),
    ],
)
def test_unsafe_or_malformed_yaml_is_refused(name, text, words, capfd):
    with pytest.raises(RubricError, match=words):
        parse_rubric(text, source="x.yaml")
    assert "hacked" not in capfd.readouterr().out


def test_unreadable_files_are_refused(tmp_path: Path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: D\xe9fense\n".encode("latin-1"))
    with pytest.raises(RubricError, match="not UTF-8"):
        load_rubric(latin)
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric(tmp_path / "missing.yaml")


def test_validate_command_reports_each_file(tmp_path: Path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(VALID.replace("weight: 2", "weight: -1"), encoding="utf-8")
    assert main(["validate", str(RUBRIC_PATH)]) == 0
    assert main(["validate", str(RUBRIC_PATH), str(broken)]) == 1
    captured = capsys.readouterr()
    assert "ok: " in captured.out and "4 questions" in captured.out
    assert f"{broken}:12: questions[0].key_points[0].weight" in captured.err


def test_boolean_weight_is_refused():
    with pytest.raises(RubricError, match="weight: must be a number, not true/false"):
        parse_rubric(VALID.replace("weight: 2", "weight: true"), source="demo.yaml")


def _with_scoring(rubric_block: str, question_block: str) -> str:
    text = VALID.replace("questions:\n", f"scoring:\n{rubric_block}questions:\n", 1)
    return text.replace("    word_limit: 150\n", f"    word_limit: 150\n    scoring:\n{question_block}", 1)


def test_a_question_overrides_only_the_scoring_keys_it_names():
    rubric = parse_rubric(_with_scoring("  top_share: 0.6\n  keyword_weight: 0.5\n", "      keyword_weight: 0.8\n"))
    settings = rubric.question("Q1").settings
    assert (settings.keyword_weight, settings.top_share) == (0.8, 0.6)  # its own value, and the rubric's
    assert settings.semantic_floor == 0.35  # neither sets it: the default


def test_inconsistent_combined_scoring_names_the_question():
    # each block is valid alone, but the question's floor is above the rubric's full similarity
    text = _with_scoring("  semantic_full: 0.5\n", "      semantic_floor: 0.55\n")
    where = r":11: questions\[0\].scoring: combined with the rubric's"
    with pytest.raises(RubricError, match=where + ".*semantic_floor must be below semantic_full"):
        parse_rubric(text)


def test_an_article_file_is_read_from_under_the_rubrics_folder(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("The article text.", encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL + "article_file: articles/a.txt\n", encoding="utf-8")
    assert load_rubric(path).article == "The article text."


@pytest.mark.parametrize(("name", "reason"), [
    ("../outside.txt", "must be a file under the rubric's folder"),
    ("/etc/passwd", "must be a file under the rubric's folder"),
    ("missing.txt", "cannot read 'missing.txt'"),
])
def test_an_article_file_outside_the_folder_or_missing_is_refused_with_its_line(tmp_path, name, reason) -> None:  # noqa: ANN001
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    folder = tmp_path / "rubrics"
    folder.mkdir()
    path = folder / "r.yaml"
    path.write_text(MINIMAL + f"article_file: {name}\n", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.path == "article_file" and reason in caught.value.reason
    assert caught.value.line == MINIMAL.count("\n") + 1


MINIMAL = """\
id: t
title: T
questions:
  - id: Q1
    text: "Discuss the roadmap."
    directive: discuss
    marks: 10
    word_limit: 150
    key_points:
      - id: p
        point: "A roadmap was agreed."
"""
