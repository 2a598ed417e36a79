"""Specification of rubric YAML edits: comments, key order and quoting survive; saving keeps the previous version."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import RubricError, load_rubric, parse_rubric
from evaluator.rubrics.yaml_edit import (
    ChangedOnDisk,
    bump_version,
    document_version,
    dump_document,
    keywords_to_text,
    load_document,
    merge_points,
    point_rows,
    rows_to_points,
    rubric_to_yaml,
    save_version,
    set_scoring,
    set_version,
    text_to_keywords,
    update_question_points,
)
from tests.conftest import RUBRIC_PATH

ORIGINAL = RUBRIC_PATH.read_text(encoding="utf-8")

SMALL = """\
# A small rubric; this comment must survive every edit.
id: small
title: Small rubric
version: 3
questions:
  - id: Q1
    text: "Discuss the small topic."   # quoted on purpose
    directive: discuss
    marks: 10
    word_limit: 150
    scoring:
      structure_share: 0
    key_points:
      # the points, most important first
      - id: alpha
        point: "The first idea of the answer."
        weight: 2
        keywords:
          - [alpha, first idea]
        hint: "Say alpha."

      - id: beta
        point: The second idea of the answer.
        weight: 1
        hint: Say beta.

  # ---- the next question ----
  - id: Q2
    text: Explain the other topic.
    directive: explain
    marks: 10
    word_limit: 150
    key_points:
      - id: gamma
        point: The only idea of this one.
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#") or " # " in line]


def test_load_and_dump_returns_the_file_byte_for_byte() -> None:
    assert dump_document(load_document(ORIGINAL)) == ORIGINAL


def test_unchanged_points_leave_the_text_unchanged() -> None:
    rubric = parse_rubric(ORIGINAL)
    for question in rubric.question_ids:
        assert update_question_points(ORIGINAL, question, rows_to_points(point_rows(rubric, question))) == ORIGINAL


def test_editing_a_weight_changes_that_line_only() -> None:
    rubric = parse_rubric(ORIGINAL)
    rows = point_rows(rubric, "Q1")
    rows[1]["weight"] = 2.5
    edited = update_question_points(ORIGINAL, "Q1", rows_to_points(rows))
    assert changed_lines(ORIGINAL, edited) == ["-        weight: 3", "+        weight: 2.5"]
    assert parse_rubric(edited).question("Q1").key_points[1].weight == 2.5


def test_editing_text_keeps_the_quoting_style_and_an_integral_weight_stays_an_integer() -> None:
    rows = point_rows(parse_rubric(SMALL), "Q1")
    rows[0].update(point="The first idea, reworded.", weight=3.0)
    rows[1]["hint"] = "Say beta clearly."
    edited = update_question_points(SMALL, "Q1", rows_to_points(rows))
    assert changed_lines(SMALL, edited) == [
        '-        point: "The first idea of the answer."', '-        weight: 2',
        '+        point: "The first idea, reworded."', "+        weight: 3",
        "-        hint: Say beta.", "+        hint: Say beta clearly.",
    ]


def test_adding_and_removing_points_keeps_every_comment_and_the_layout_between_questions() -> None:
    rows = point_rows(parse_rubric(SMALL), "Q1")
    rows = [rows[1], {"id": "delta", "point": "A new idea added by the mentor.", "weight": 1.5,
                      "keywords": "delta|fourth idea; new", "hint": ""}]  # alpha removed, delta added last
    edited = update_question_points(SMALL, "Q1", rows_to_points(rows))
    assert comments(edited) == comments(SMALL)
    lines = edited.splitlines()
    # the comment that opens Q2 still comes right before Q2, after the new last point
    q2 = lines.index("  - id: Q2")
    assert lines[q2 - 1] == "  # ---- the next question ----" and lines[q2 - 2] == ""
    assert lines[q2 - 8 : q2 - 2] == ["      - id: delta", "        point: A new idea added by the mentor.",
                                      "        weight: 1.5", "        keywords:", "          - [delta, fourth idea]",
                                      "          - [new]"]
    rubric = parse_rubric(edited)
    assert [p.id for p in rubric.question("Q1").key_points] == ["beta", "delta"]
    assert rubric.question("Q1").key_points[1].keywords == [["delta", "fourth idea"], ["new"]]


def test_a_bad_value_is_written_so_that_validation_names_its_line_and_field() -> None:
    rows = point_rows(parse_rubric(SMALL), "Q1")
    rows[1]["weight"] = 0
    edited = update_question_points(SMALL, "Q1", rows_to_points(rows))
    with pytest.raises(RubricError) as err:
        parse_rubric(edited, source="small.yaml")
    assert err.value.path == "questions[0].key_points[1].weight"
    assert str(err.value).startswith("small.yaml:24: questions[0].key_points[1].weight: Input should be greater than 0")


def test_an_unknown_question_is_an_error_listing_the_ids() -> None:
    with pytest.raises(RubricError, match="no question 'Q9'; available: Q1, Q2"):
        update_question_points(SMALL, "Q9", [])


@pytest.mark.parametrize(("text", "concepts"), [
    ("road map|roadmap; co-production", [["road map", "roadmap"], ["co-production"]]),
    ("  a |  b ;; c ;", [["a", "b"], ["c"]]),
    ("", []),
    ("single", [["single"]]),
])
def test_keywords_as_one_line_of_text(text: str, concepts: list[list[str]]) -> None:
    assert text_to_keywords(text) == concepts
    assert text_to_keywords(keywords_to_text(concepts)) == concepts


def test_blank_rows_from_the_table_editor_are_ignored() -> None:
    assert rows_to_points([{"id": None, "point": None, "weight": float("nan"), "keywords": None, "hint": None}]) == []


def test_scoring_values_are_set_after_version_and_in_questions_with_their_own_block() -> None:
    edited = set_scoring(SMALL, {"keyword_weight": 0.8, "top_share": 0.65})
    lines = edited.splitlines()
    assert lines[3:7] == ["version: 3", "scoring:", "  keyword_weight: 0.8", "  top_share: 0.65"]
    rubric = parse_rubric(edited)
    assert rubric.question("Q1").settings.keyword_weight == 0.8  # its own block got the value too
    assert rubric.question("Q1").settings.structure_share == 0  # and kept its own
    assert rubric.question("Q2").settings.top_share == 0.65  # inherited from the rubric
    assert comments(edited) == comments(SMALL)


@pytest.mark.parametrize(("text", "expected"), [
    (SMALL, 4),
    (SMALL.replace("version: 3\n", ""), 2),  # a missing version counts as 1
])
def test_bump_version(text: str, expected: int) -> None:
    bumped = bump_version(text)
    assert document_version(bumped) == expected == parse_rubric(bumped).version


def test_a_missing_version_is_added_after_the_title() -> None:
    lines = set_version(SMALL.replace("version: 3\n", ""), 7).splitlines()
    assert lines[2:4] == ["title: Small rubric", "version: 7"]


def test_saving_keeps_the_previous_version_and_bumps_the_new_one(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    edited = update_question_points(SMALL, "Q2", [{"id": "gamma", "point": "The only idea, now clearer.", "weight": 1}])
    saved = save_version(path, edited)
    assert saved.version == 4 and saved.path == path
    assert saved.previous == tmp_path / ".versions" / "small-v3.yaml"
    assert saved.previous.read_text(encoding="utf-8") == SMALL
    assert load_rubric(path).version == 4
    assert "The only idea, now clearer." in path.read_text(encoding="utf-8")
    # and again: version 4 is kept, 5 written
    again = save_version(path, path.read_text(encoding="utf-8").replace("now clearer", "clearer still"))
    assert (again.version, again.previous.name) == (5, "small-v4.yaml")
    assert sorted(p.name for p in (tmp_path / ".versions").iterdir()) == ["small-v3.yaml", "small-v4.yaml"]


def test_a_version_copy_never_overwrites_a_different_file_of_the_same_name(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    (tmp_path / ".versions").mkdir()
    (tmp_path / ".versions" / "small-v3.yaml").write_text("# an older copy made by hand\n", encoding="utf-8")
    saved = save_version(path, SMALL)
    assert saved.previous is not None and saved.previous.name == "small-v3-2.yaml"
    assert (tmp_path / ".versions" / "small-v3.yaml").read_text(encoding="utf-8") == "# an older copy made by hand\n"


def test_an_invalid_rubric_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    with pytest.raises(RubricError, match="weight"):
        save_version(path, SMALL.replace("weight: 2", "weight: -2"))
    assert path.read_text(encoding="utf-8") == SMALL
    assert not (tmp_path / ".versions").exists()


def test_saving_a_new_file_needs_no_previous_version(tmp_path: Path) -> None:
    saved = save_version(tmp_path / "new.yaml", SMALL)
    assert (saved.version, saved.previous) == (3, None)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test and restore it afterwards."""
    original = os.umask(0o022)
    os.umask(original)
    yield os.umask
    os.umask(original)


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o640, 0o600, 0o444], ids=oct)
def test_saving_keeps_the_file_permissions(tmp_path: Path, umask: Callable[[int], None], mode: int) -> None:
    # regression: the atomic write left every saved rubric 0600 (the temporary file's mode)
    umask(0o077)  # the umask must not matter for a file that exists
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    path.chmod(mode)
    saved = save_version(path, SMALL.replace("weight: 2", "weight: 3"))
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert saved.previous is not None and stat.S_IMODE(saved.previous.stat().st_mode) == mode


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)], ids=oct)
def test_a_new_file_gets_the_mode_of_the_umask(tmp_path: Path, umask: Callable[[int], None], mask: int,
                                                mode: int) -> None:
    umask(mask)
    saved = save_version(tmp_path / "new.yaml", SMALL)
    assert stat.S_IMODE(saved.path.stat().st_mode) == mode


def test_a_whole_rubric_written_as_yaml_loads_back_equal() -> None:
    rubric = load_rubric(RUBRIC_PATH)
    text = rubric_to_yaml(rubric, header="written back")
    assert text.startswith("# written back\n")
    assert "          - [roadmap, road map, road-map]" in text  # concepts in flow style, as mentors write them
    assert parse_rubric(text, base=RUBRIC_PATH.parent) == rubric


def test_editing_a_point_in_the_table_keeps_the_fields_the_table_does_not_show() -> None:
    # regression: the rubric page's rows have no 'source' or 'misconceptions' column, and saving dropped them
    text = RUBRIC_TEXT_WITH_EXTRAS
    rubric = parse_rubric(text)
    rows = point_rows(rubric, "Q1")
    rows[0]["weight"] = 2
    edited = parse_rubric(update_question_points(text, "Q1", rows_to_points(rows))).question("Q1").key_points[0]
    assert edited.weight == 2
    assert edited.source == "The sentence it came from."
    assert edited.misconceptions == ["A wrong claim students make."]
    assert edited.title == "Roadmap"


def test_a_drafted_rubric_writes_its_bank_metadata() -> None:
    rubric = parse_rubric(RUBRIC_TEXT_WITH_EXTRAS).model_copy(
        update={"gs_paper": "GS III", "topics": ["economy", "technology"], "date": "2024-01-31", "article": "Text."})
    again = parse_rubric(rubric_to_yaml(rubric))
    assert (again.gs_paper, again.topics, again.date, again.article) == ("GS III", ["economy", "technology"],
                                                                         "2024-01-31", "Text.")


RUBRIC_TEXT_WITH_EXTRAS = """\
id: t
title: extras
questions:
  - id: Q1
    text: "Discuss the roadmap."
    directive: discuss
    marks: 10
    word_limit: 150
    key_points:
      - id: roadmap
        title: Roadmap
        point: "A roadmap for defence industrial cooperation was agreed."
        keywords:
          - [roadmap]
        misconceptions: ["A wrong claim students make."]
        source: "The sentence it came from."
"""


# --- issue 16: the table's keywords round-trip exactly; a save never replaces another mentor's ---

ALIAS = st.text(alphabet=st.sampled_from("ab ;|\\-,"), min_size=1, max_size=8).map(str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(ALIAS, min_size=1, max_size=4), max_size=4))
def test_keywords_come_back_from_the_table_exactly_whatever_their_characters(concepts: list[list[str]]) -> None:
    assert text_to_keywords(keywords_to_text(concepts)) == concepts


def test_regression_editing_one_point_leaves_another_points_keywords_alone() -> None:
    text = SMALL.replace("- [alpha, first idea]", '- ["AUKUS; Quad", "a|b", "back\\\\slash"]')
    rubric = parse_rubric(text)
    assert rubric.question("Q1").key_points[0].keywords == [["AUKUS; Quad", "a|b", "back\\slash"]]
    rows = point_rows(rubric, "Q1")
    rows[1]["weight"] = 5  # the mentor edits the second point only
    edited = update_question_points(text, "Q1", rows_to_points(rows))
    assert parse_rubric(edited).question("Q1").key_points[0].keywords == rubric.question("Q1").key_points[0].keywords
    assert changed_lines(text, edited) == ["-        weight: 1", "+        weight: 5"]  # was: the first point re-split


def test_regression_a_save_over_another_mentors_save_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    theirs = save_version(path, SMALL.replace("Say beta.", "Say beta, with an example."), opened=SMALL)
    mine = SMALL.replace("weight: 2", "weight: 4")
    with pytest.raises(ChangedOnDisk) as caught:
        save_version(path, mine, opened=SMALL)  # opened before their save: was silently written over it
    assert str(caught.value) == ("small.yaml was changed since you opened it (it is now version 4); reload it, or "
                                 "merge your edits into it, then save")
    assert path.read_text(encoding="utf-8") == theirs.path.read_text(encoding="utf-8")
    assert "Say beta, with an example." in path.read_text(encoding="utf-8")


def test_edits_to_other_questions_merge_and_edits_to_the_same_question_clash() -> None:
    theirs = update_question_points(SMALL, "Q2", [{"id": "gamma", "point": "The only idea, said better.", "weight": 1}])
    mine_q1 = SMALL.replace("weight: 2", "weight: 4")
    merged, clashes = merge_points(SMALL, mine_q1, theirs)
    assert clashes == []
    assert parse_rubric(merged).question("Q1").key_points[0].weight == 4  # mine
    assert parse_rubric(merged).question("Q2").key_points[0].point == "The only idea, said better."  # theirs
    mine_q2 = update_question_points(SMALL, "Q2", [{"id": "gamma", "point": "My own rewording.", "weight": 1}])
    merged, clashes = merge_points(SMALL, mine_q2, theirs)
    assert clashes == ["Q2"] and merged == theirs


def test_facts_go_to_a_table_and_back_unchanged() -> None:
    from evaluator.rubrics.model import parse_rubric
    from evaluator.rubrics.yaml_edit import fact_rows, rows_to_facts, update_question_facts

    text = RUBRIC_PATH.read_text(encoding="utf-8")
    rubric = parse_rubric(text)
    point = rubric.question("Q1").key_points[0].id
    facts = {point: [{"subject": ["Malabar", "Malabar exercise"], "attribute": "participants", "kind": "country",
                      "values": [["India"], ["United States", "US"]], "cues": ["includes"],
                      "source": "India and the US; Japan"}]}
    edited = parse_rubric(update_question_facts(text, "Q1", facts))
    rows = fact_rows(edited, "Q1")
    assert rows_to_facts(rows) == facts
    # setting the same facts again changes nothing; removing them gives the original facts back
    assert update_question_facts(update_question_facts(text, "Q1", facts), "Q1", facts) == \
        update_question_facts(text, "Q1", facts)
    original = {p.id: [f.model_dump(exclude_defaults=True) for f in p.facts] for p in rubric.question("Q1").key_points}
    restored = parse_rubric(update_question_facts(text, "Q1", {k: v for k, v in original.items() if v}))
    assert [p.facts for p in restored.question("Q1").key_points] == [p.facts for p in rubric.question("Q1").key_points]
