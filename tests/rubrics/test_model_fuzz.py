"""Mutated rubric files are refused with a precise RubricError and never run anything.

The mutations start from the bundled rubric: a wrong type at any field, a missing
required field or an unknown one anywhere (drawn by Hypothesis), random byte damage,
and a table of named attacks (YAML tags that would call ``os.system``, alias bombs,
deep nesting, huge files, binary junk, wrong encodings).
"""

from __future__ import annotations

import copy
import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from evaluator.rubrics.model import MAX_RUBRIC_BYTES, Rubric, RubricError, load_rubric, parse_rubric
from tests.conftest import ROOT, RUBRIC_PATH, install_rubric

SOURCE = "fuzz.yaml"
BASE_TEXT = RUBRIC_PATH.read_text(encoding="utf-8")
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAX_REASON_CHARS = 400  # the longest reason lists the 17 allowed directives
Path_ = tuple[str | int, ...]


def _yaml() -> YAML:
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.width = 4096
    return yaml


PLAIN = _yaml().load(BASE_TEXT)  # the bundled rubric as plain data; each mutation works on a copy


def _document() -> Any:
    return copy.deepcopy(PLAIN)


def _dump(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def _paths(node: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every (path, value) in the rubric document, containers included, the root excluded."""
    found = [(path, node)] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


def _dotted(path: Path_) -> str:
    """The path as RubricError spells it: ``questions[1].key_points[3].weight``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _set(document: Any, path: Path_, value: Any) -> None:
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value


def _delete(document: Any, path: Path_) -> None:
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]


PATHS = _paths(_document())
# a value of another type for each kind of field; each is invalid wherever the original kind is expected
WRONG = {
    "str": [12, 3.5, ["a", "list"], {"a": "mapping"}, None],
    "number": ["plenty", [3], {"n": 3}, None, ""],
    "list": ["one string", 7, {"a": "mapping"}, None],
    "dict": ["one string", 7, ["a", "list"], None],
}
REQUIRED = {"id", "title", "questions", "text", "directive", "marks", "word_limit", "key_points", "point"}


def _is_alias_shape(value: Any) -> bool:
    """A string, or a list of strings: the two shapes a fact's names may take."""
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool | int | float):
        return "number"
    return "str"


def _refusal(text: str) -> RubricError:
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, source=SOURCE)
    error = caught.value
    assert str(error).startswith(SOURCE) and "\n" not in str(error)  # one line for 'validate' and the app
    assert len(error.reason) <= MAX_REASON_CHARS, error.reason  # what was found is quoted short, never dumped
    return error


def _line_holds(text: str, line: int | None, needle: str) -> bool:
    return line is not None and needle in text.splitlines()[line - 1]


def test_the_unmutated_rubric_loads() -> None:
    assert isinstance(parse_rubric(_dump(_document()), source=SOURCE), Rubric)


@FUZZ
@given(data=st.data())
def test_a_wrong_type_at_any_field_is_refused_naming_that_field_and_its_line(data: st.DataObject) -> None:
    path, original = data.draw(st.sampled_from(PATHS), label="field")
    wrong = data.draw(st.sampled_from(WRONG[_kind(original)]), label="wrong value")
    # a fact's subject, cues and each value may be one string or a list of aliases: both shapes are right there
    assume(not ("facts" in path and _is_alias_shape(original) and _is_alias_shape(wrong)))
    document = _document()
    _set(document, path, copy.deepcopy(wrong))
    text = _dump(document)

    error = _refusal(text)

    assert error.path.startswith(_dotted(path)), (error.path, _dotted(path))
    assert error.line is not None
    key = path[-1]
    if isinstance(key, str) and wrong is not None and not isinstance(wrong, dict | list):
        assert _line_holds(text, error.line, f"{key}:"), (error.line, key)


@FUZZ
@given(data=st.data())
def test_a_missing_required_field_is_refused_by_name(data: st.DataObject) -> None:
    path, _ = data.draw(st.sampled_from([(p, v) for p, v in PATHS if isinstance(p[-1], str) and p[-1] in REQUIRED]))
    document = _document()
    _delete(document, path)

    error = _refusal(_dump(document))

    assert error.path == _dotted(path) and error.reason == "required field is missing"


@FUZZ
@given(data=st.data(), name=st.sampled_from(["wieght", "keyword", "Marks", "hints", "__class__", "!!python", "0"]))
def test_an_unknown_field_in_any_mapping_is_refused_with_its_line(data: st.DataObject, name: str) -> None:
    mappings = [p for p, v in PATHS if isinstance(v, dict)]
    path = data.draw(st.sampled_from([(), *mappings]))
    document = _document()
    parent = document
    for part in path:
        parent = parent[part]
    parent[name] = "surprise"
    text = _dump(document)

    error = _refusal(text)

    assert error.path == _dotted((*path, name)) and "unknown field" in error.reason
    assert _line_holds(text, error.line, "surprise")


junk_bytes = st.one_of(
    st.binary(min_size=1, max_size=4),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=4).map(str.encode),  # still UTF-8: reaches the parser
    st.sampled_from([b"\n", b":", b"- ", b"[", b"]", b"{", b"&a", b"*a", b"!!", b"  ", b"\t", b"'", b'"', b"#", b"?"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage=st.lists(st.tuples(st.integers(0, len(BASE_TEXT.encode()) - 1), junk_bytes), min_size=1, max_size=8))
def test_random_byte_damage_gives_a_rubric_or_a_rubric_error_nothing_else(tmp_path_factory: pytest.TempPathFactory,
                                                                          damage: list[tuple[int, bytes]]) -> None:
    raw = bytearray(RUBRIC_PATH.read_bytes())
    for at, junk in damage:
        raw[at : at + len(junk)] = junk
    path = tmp_path_factory.mktemp("damaged") / "rubric.yaml"
    path.write_bytes(bytes(raw))
    try:
        assert isinstance(load_rubric(path), Rubric)  # damage inside a comment or a string can leave it valid
    except RubricError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)


# Named attacks. Each builder gets the folder of a marker file that a payload would create if it ran.
def _with_weight(value: str) -> Callable[[Path], str]:
    return lambda marker: BASE_TEXT.replace("weight: 3", f"weight: {value.format(marker=marker)}", 1)


def _laughs(marker: Path) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\nid: laughs\ntitle: Laughs\nquestions: *a9\n"


def _nested(depth: int) -> Callable[[Path], str]:
    return lambda marker: BASE_TEXT.replace("weight: 3", "weight: " + "[" * depth + "1" + "]" * depth, 1)


def _nested_mapping(depth: int) -> Callable[[Path], str]:
    return lambda marker: "id: deep\ntitle: Deep\nquestions:\n" + "".join(
        "  " * (i + 1) + f"k{i}:\n" for i in range(depth))


SYSTEM = "!!python/object/apply:os.system ['touch {marker}']"
ATTACKS: list[tuple[str, Callable[[Path], str], str]] = [
    # (id, rubric text builder, what the error says)
    ("os.system as a value", _with_weight(SYSTEM), "YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("os.system as the document", lambda m: SYSTEM.format(marker=m) + "\n", "the top level must be a mapping"),
    ("os.system as a list item",
     lambda m: BASE_TEXT.replace("- [roadmap, road map, road-map]", f"- {SYSTEM.format(marker=m)}", 1),
     "is not allowed"),
    ("os.system as a key", lambda m: BASE_TEXT.replace("weight: 3", f"? {SYSTEM.format(marker=m)}\n        : 3", 1),
     f"fuzz.yaml:{BASE_TEXT.splitlines().index(next(x for x in BASE_TEXT.splitlines() if x.strip() == 'weight: 3')) + 1}"
     ": a key must be a plain name, not a list"),
    # issue 16: a tag on a plain key was read as the plain key ("title"); an alias as a key was a TypeError
    ("python/name on a key", lambda m: BASE_TEXT.replace("title:", "!!python/name:os.system title:", 1),
     "fuzz.yaml:14: YAML tag '!!python/name:os.system' is not allowed on a key"),
    ("local tag on a key", lambda m: BASE_TEXT.replace("    directive:", "    !evil directive:", 1),
     "YAML tag '!evil' is not allowed on a key"),
    ("an alias of a list as a key", lambda m: "a: &b [[1]]\n? *b\n: value\n" + BASE_TEXT,
     "fuzz.yaml:2: not valid YAML: a key is a list or mapping (a '? ' key)"),
    ("an alias of a mapping as a key", lambda m: "a: &b {k: [1]}\n? *b\n: value\n" + BASE_TEXT,
     "fuzz.yaml:2: not valid YAML: a key is a list or mapping"),
    ("a flow list as a key", lambda m: BASE_TEXT.replace("    directive:", "    ? [1, 2]\n    : x\n    directive:", 1),
     "a key must be a plain name, not a list"),
    ("subprocess.check_output",
     _with_weight("!!python/object/apply:subprocess.check_output [['touch', '{marker}']]"), "is not allowed"),
    ("python/object/new", _with_weight("!!python/object/new:os.system ['touch {marker}']"), "is not allowed"),
    ("python/name", _with_weight("!!python/name:os.system"), "YAML tag '!!python/name:os.system' is not allowed"),
    ("python/module", _with_weight("!!python/module:os"), "is not allowed"),
    ("python/object with state", _with_weight("!!python/object:pathlib.Path {{_raw_paths: ['{marker}']}}"),
     "is not allowed"),
    ("local tag", _with_weight("!include /etc/passwd"), "YAML tag '!include' is not allowed"),
    ("ruby tag", _with_weight("!ruby/object:Gem::Installer {{i: x}}"), "is not allowed"),
    ("binary tag", _with_weight("!!binary aGVsbG8="), "unsupported YAML value of type bytes"),
    ("set tag", _with_weight("!!set {{a, b}}"), "unsupported YAML value"),
    ("a date", lambda m: re.sub(r"version: \d+", "version: 2024-06-05", BASE_TEXT, count=1),
     "unsupported YAML value of type date"),
    ("billion laughs", _laughs, "values once YAML aliases (*name) are expanded"),
    ("alias of itself", lambda m: "a: &a [*a]\nid: x\ntitle: X\nquestions: *a\n", "questions[0]"),
    ("undefined alias", lambda m: BASE_TEXT.replace("weight: 3", "weight: *nowhere", 1), "found undefined alias"),
    ("500 nested lists", _nested(500), "not valid YAML: maximum recursion depth exceeded"),
    ("30 nested lists", _nested(30), "nesting deeper than 20 levels"),
    ("100 nested mappings", _nested_mapping(100), "nesting deeper than 20 levels"),
    ("file over 2 MB", lambda m: BASE_TEXT + "#" + "x" * MAX_RUBRIC_BYTES, f"larger than {MAX_RUBRIC_BYTES:,} bytes"),
    ("one 1.5 MB string", lambda m: BASE_TEXT.replace("weight: 3", "weight: 3\n        source: " + "y" * 1_500_000, 1),
     "String should have at most 2000 characters"),
    ("2,000 key points", lambda m: "id: x\ntitle: X\nquestions:\n  - id: Q1\n    text: Discuss it all.\n"
     "    directive: discuss\n    marks: 10\n    word_limit: 150\n    key_points:\n"
     + "".join(f"      - {{id: p{i}, point: Point number {i}.}}\n" for i in range(2_000)),
     "List should have at most 50 items"),
    ("NUL byte", lambda m: BASE_TEXT.replace("weight: 3", "weight: 3\x00", 1), "character U+0000 is not allowed"),
    ("escape sequences", lambda m: BASE_TEXT.replace("weight: 3", "weight: \x1b[31m3", 1), "U+001B is not allowed"),
    ("lone surrogate", lambda m: BASE_TEXT.replace("weight: 3", "weight: \udcff", 1), "U+DCFF is not allowed"),
    ("duplicate key", lambda m: BASE_TEXT.replace("weight: 3", "weight: 3\n        weight: 1", 1), "duplicate key"),
    ("tab indentation", lambda m: BASE_TEXT.replace("    directive: discuss", "\tdirective: discuss", 1),
     "cannot start any token"),
    ("unclosed bracket", lambda m: BASE_TEXT.replace("- [roadmap, road map, road-map]", "- [roadmap, road map", 1),
     "not valid YAML"),
    ("NaN weight", _with_weight(".nan"), "weight: Input should be less than or equal to 100 (got nan)"),
    ("infinite marks", lambda m: BASE_TEXT.replace("marks: 15", "marks: .inf", 1), "marks: Input should be less than"),
    ("negative weight", _with_weight("-3"), "weight: Input should be greater than 0"),
    ("empty file", lambda m: "", "the top level must be a mapping"),
    ("a list, not a mapping", lambda m: "- id: x\n- title: X\n", "the top level must be a mapping"),
    ("a scalar", lambda m: "just some words\n", "the top level must be a mapping"),
    ("unknown directive", lambda m: BASE_TEXT.replace("directive: discuss", "directive: ponder", 1), "directive"),
]


@pytest.mark.parametrize(("build", "message"), [(b, m) for _, b, m in ATTACKS], ids=[i for i, _, _ in ATTACKS])
def test_a_hostile_rubric_is_refused_precisely_and_runs_nothing(tmp_path: Path, build: Callable[[Path], str],
                                                                message: str) -> None:
    marker = tmp_path / "payload-ran"
    error = _refusal(build(marker))
    assert message in str(error), str(error)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("encode", "message"),
    [
        (lambda text: text.encode("utf-16"), "not UTF-8 text (byte 0)"),
        (lambda text: text.replace("Defence", "Défense").encode("latin-1"), "not UTF-8 text"),
        (lambda text: text.replace("Defence", "Defence’s").encode("cp1252"), "not UTF-8 text"),
        (lambda text: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not UTF-8 text"),
        (lambda text: bytes(range(1, 128)) * 10, "is not allowed in YAML (binary data?)"),
    ],
    ids=["UTF-16", "latin-1", "cp1252", "PNG bytes", "ASCII control bytes"],
)
def test_a_rubric_file_in_the_wrong_encoding_names_the_file_and_line(tmp_path: Path, encode, message: str) -> None:  # noqa: ANN001
    path = tmp_path / "rubric.yaml"
    path.write_bytes(encode(BASE_TEXT))
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert str(caught.value).startswith(f"{path}:") and message in str(caught.value)
    assert caught.value.line is not None


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = install_rubric(tmp_path, "rubric.yaml", b"\xef\xbb\xbf" + BASE_TEXT.encode())
    assert load_rubric(path).id == "india-us-defence"


def test_validate_on_the_command_line_runs_no_payload(tmp_path: Path) -> None:
    marker = tmp_path / "payload-ran"
    rubric = tmp_path / "evil.yaml"
    rubric.write_text(_with_weight(SYSTEM)(marker), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "evaluator", "validate", str(rubric)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and not marker.exists()
    line = BASE_TEXT.splitlines().index(next(x for x in BASE_TEXT.splitlines() if x.strip() == "weight: 3")) + 1
    assert proc.stderr.strip() == f"error: {rubric}:{line}: YAML tag '!!python/object/apply:os.system' is not " \
                                  "allowed; a rubric holds plain strings, numbers and lists"


def test_regression_validate_reports_an_alias_used_as_a_key_in_one_line(tmp_path: Path) -> None:
    rubric = tmp_path / "alias-key.yaml"
    rubric.write_text("a: &b [[1]]\n? *b\n: value\n" + BASE_TEXT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "evaluator", "validate", str(rubric)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr  # was: a TypeError traceback
    assert proc.stderr.strip() == (f"error: {rubric}:2: not valid YAML: a key is a list or mapping (a '? ' key); "
                                   "a rubric's keys are plain names")
