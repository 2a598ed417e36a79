"""Rubric, Question and KeyPoint models; strict YAML loading with precise errors.

Every error names the file, the line and the field path
(``questions[0].key_points[2].weight``) and says what is allowed.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from evaluator.core.settings import DEFAULT_SETTINGS, ScoringSettings
from evaluator.core.values import SET_KINDS, ValueKind, canonical_value
from evaluator.io.files import read_regular
from evaluator.rubrics import parsed_store

Directive = Literal[
    "discuss",
    "explain",
    "examine",
    "critically examine",
    "analyse",
    "critically analyse",
    "evaluate",
    "comment",
    "critically comment",
    "elucidate",
    "describe",
    "justify",
    "to what extent",
    "highlight",
    "enumerate",
    "illustrate",
    "outline",
]
DIRECTIVES: tuple[str, ...] = Directive.__args__  # type: ignore[attr-defined]

MAX_ALIAS_WORDS = 12  # the matcher looks for keyword runs up to this length
MAX_RUBRIC_BYTES = 2_000_000
RUBRICS_ENV_VAR = "UPSC_EVAL_RUBRICS"
BUNDLED_RUBRICS = Path(__file__).resolve().parents[2] / "rubrics"
DEFAULT_RUBRIC = "india_us_defence.yaml"  # the file the app's pages open first
MAX_RUBRIC_VALUES = 500_000  # after YAML aliases are expanded; the bundled 4-question rubric has under 1,000
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "str", "int", "float", "bool", "null")}  # a rubric is a few kB; anything this large is not one
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
MAX_SHOWN_CHARS = 80  # an error quotes at most this much of the value it found: one line, not a dump


class RubricError(ValueError):
    """A rubric that cannot be used, with where and why."""

    def __init__(self, message: str, *, source: str = "<rubric>", line: int | None = None, path: str = "") -> None:
        self.source, self.line, self.path, self.reason = source, line, path, message
        where = source + (f":{line}" if line else "")
        super().__init__(f"{where}: {path + ': ' if path else ''}{message}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def plain_name(point_id: str) -> str:
    """A key point id in words, for a reader: "way-forward-state-visit" -> "Way forward state visit"."""
    return point_id.replace("-", " ").replace("_", " ").capitalize()


HINDI_PREFIX = "hi:"  # an alias in Devanagari for answers written in Hindi: "hi: रोडमैप"


KIND_EXAMPLES = {"year": "2015", "number": "75%, three-fourths, 29 or 1.5 lakh crore", "ordinal": "101st or 101",
                 "article": "Article 279A or Part IX", "country": "United States",
                 "state": "West Bengal or Odisha", "body": "RBI, NITI Aayog or Ministry of Power",
                 "verdict": "struck down or upheld",
                 "yes-no": "yes or no", "name": "any name"}


def _aliases(value: Any) -> Any:
    """A value may be one string or a list of its aliases: always a list."""
    return [value] if isinstance(value, str) else value


class Fact(_Model):
    """A checkable fact of a key point: an affirmed clause that names the subject and gives another value of the
    attribute is a wrong claim (see :mod:`evaluator.core.factcheck`); anything not declared is unverified."""

    subject: list[str] = Field(min_length=1, max_length=20, description="the thing the fact is about, by its aliases")
    attribute: str = Field(min_length=1, max_length=80, description="what is said of it, e.g. 'verdict', 'members'")
    kind: ValueKind = Field(description="how values are read: " + ", ".join(KIND_EXAMPLES))
    values: list[list[str]] = Field(min_length=1, max_length=30, description="the allowed values, each by its aliases")
    cues: list[str] = Field(default_factory=list, max_length=30,
                            description="words that show a clause speaks of this attribute (any one must be there)")
    others: list[list[str]] = Field(default_factory=list, max_length=30,
                                    description="known wrong values (for kind 'name', the only ones caught)")
    source: str = Field("", max_length=500, description="what the source says, quoted when a claim is wrong")

    @field_validator("subject", "cues", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _aliases(value)

    @field_validator("values", "others", mode="before")
    @classmethod
    def _values_are_alias_lists(cls, value: Any) -> Any:
        return [_aliases(v) for v in value] if isinstance(value, list) else value

    @field_validator("subject", "cues")
    @classmethod
    def _no_empty_words(cls, words: list[str]) -> list[str]:
        words = [w.strip() for w in words]
        if not all(words):
            raise ValueError("must not contain an empty string")
        return words

    @model_validator(mode="after")
    def _values_read_as_their_kind(self) -> Fact:
        for field in ("values", "others"):
            for i, aliases in enumerate(getattr(self, field)):
                if not aliases or not all(a.strip() for a in aliases):
                    raise ValueError(f"{field}[{i}] must list at least one non-empty alias")
                for alias in aliases:
                    if self.kind != "name" and canonical_value(self.kind, alias) is None:
                        raise ValueError(f"{field}[{i}]: {alias!r} does not read as {'an' if self.kind[0] in 'aeio' else 'a'} {self.kind} value "
                                         f"(e.g. {KIND_EXAMPLES[self.kind]})")
        if self.kind == "yes-no" and not self.cues:
            raise ValueError("a yes-no fact needs cues: the words whose affirmation or denial gives the value "
                             "(e.g. cues: [binding])")
        if self.kind == "name" and not self.others:
            raise ValueError("a name fact needs others: the wrong names to catch (any other name is unverified)")
        clash = self.allowed & self.wrong
        if clash:
            raise ValueError(f"value {sorted(clash)[0]!r} is both allowed (values) and wrong (others)")
        return self

    @cached_property
    def allowed(self) -> frozenset[str]:
        """The allowed values, canonical (read once per fact: the fact checker asks for every value it reads)."""
        return frozenset(canonical_value(self.kind, a) or a for v in self.values for a in v)

    @cached_property
    def wrong(self) -> frozenset[str]:
        """The declared wrong values, canonical."""
        return frozenset(canonical_value(self.kind, a) or a for v in self.others for a in v)

    @property
    def several(self) -> bool:
        """The subject may have several values (members, participants): each one named must be allowed."""
        return self.kind in SET_KINDS

    def shown(self) -> str:
        """The allowed values as a reader sees them: 'India, the US, Japan and Australia'."""
        names = [v[0] for v in self.values]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class KeyPoint(_Model):
    """One idea a mentor expects in the answer."""

    id: str = Field(pattern=_ID_PATTERN)
    point: str = Field(min_length=3, max_length=1000, description="the idea in one sentence")
    weight: float = Field(1.0, gt=0, le=100)
    keywords: list[list[str]] = Field(default_factory=list, description="concepts; any alias in a concept counts; "
                                      "'hi: <Devanagari>' is the concept's Hindi alias, for answers written in Hindi")
    title: str = Field("", max_length=80, description="a short name for display (the id is shown when empty)")
    hint: str = Field("", max_length=1000)
    source: str = Field("", max_length=2000, description="the source sentence the point was drafted from, if any")
    misconceptions: list[str] = Field(default_factory=list, max_length=20,
                                      description="common wrong claims about this point, each one sentence")
    facts: list[Fact] = Field(default_factory=list, max_length=30,
                              description="checkable facts: a clause naming a subject with another value is wrong")

    @property
    def label(self) -> str:
        """What a student or mentor sees: the title, else the id in words."""
        return self.title or plain_name(self.id)

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_is_a_number(cls, value: Any) -> Any:
        if isinstance(value, bool):  # YAML 'true' would otherwise pass as 1
            raise ValueError("must be a number, not true/false")
        return value

    @field_validator("keywords")
    @classmethod
    def _concepts_not_empty(cls, concepts: list[list[str]]) -> list[list[str]]:
        for i, concept in enumerate(concepts):
            aliases = [a.strip() for a in concept]
            if not aliases or not all(aliases):
                raise ValueError(f"concept {i} must list at least one non-empty alias")
            hindi = [a for a in aliases if a.startswith(HINDI_PREFIX)]
            if any(not re.search("[\u0900-\u097f]", a) for a in hindi):  # Devanagari (below core: no lexicon)
                raise ValueError(f"concept {i}: a Hindi alias ({HINDI_PREFIX}...) must be written in Devanagari, e.g. "
                                 "'hi: रोडमैप'")
            long = [a for a in aliases if len(re.findall(r"[^\W_]+", a)) > MAX_ALIAS_WORDS]
            if long:
                raise ValueError(f"concept {i}: alias {long[0]!r} has more than {MAX_ALIAS_WORDS} words; "
                                 "use a shorter phrase (the point statement carries the full idea)")
        return [[a.strip() for a in concept] for concept in concepts]


class Question(_Model):
    """A question with its marks, word limit, directive and key points."""

    id: str = Field(pattern=_ID_PATTERN)
    text: str = Field(min_length=5, max_length=2000)
    directive: Directive
    marks: float = Field(gt=0, le=100)
    word_limit: int = Field(gt=0, le=5000)
    key_points: list[KeyPoint] = Field(min_length=1, max_length=50)
    subject: list[str] = Field(default_factory=list, max_length=20,
                               description="what the question is about, by its aliases: an answer of substance "
                                           "that names none of them is off the question")
    scoring: ScoringSettings | None = None
    article: str = Field("", max_length=100_000,
                         description="the text the question was written from (the rubric's article unless given)")
    article_fingerprint: str = Field("", max_length=300_000, description="the rubric's, unless given")

    @field_validator("directive", mode="before")
    @classmethod
    def _normalise_directive(cls, value: Any) -> Any:
        return " ".join(value.lower().replace("analyze", "analyse").split()) if isinstance(value, str) else value

    @field_validator("key_points")
    @classmethod
    def _unique_point_ids(cls, points: list[KeyPoint]) -> list[KeyPoint]:
        _require_unique(p.id for p in points)
        return points

    @property
    def settings(self) -> ScoringSettings:
        """The settings this question is scored with."""
        return self.scoring or DEFAULT_SETTINGS

    @property
    def tolerated_words(self) -> int:
        """Longest answer that is not penalised: the word limit plus the rubric's tolerance."""
        return int(self.word_limit * (1 + self.settings.length_tolerance))

    @cached_property
    def total_weight(self) -> float:
        return sum(p.weight for p in self.key_points)


GsPaper = Literal["GS I", "GS II", "GS III", "GS IV"]
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MAX_ARTICLE_CHARS = 100_000


class Rubric(_Model):
    """A set of questions written from one source."""

    id: str = Field(pattern=_ID_PATTERN)
    title: str = Field(min_length=1, max_length=300)
    source: str = ""
    version: int = Field(1, ge=1)
    gs_paper: GsPaper | None = Field(None, description="the General Studies paper the questions belong to")
    topics: list[str] = Field(default_factory=list, max_length=20, description="syllabus topics, for the question bank")
    date: str = Field("", pattern=r"^$|" + _DATE_PATTERN, description="when the article appeared (YYYY-MM-DD, quoted)")
    article: str = Field("", max_length=MAX_ARTICLE_CHARS,
                         description="the article the rubric was written from: for fact checks and copy detection")
    article_file: str = Field("", max_length=300, description="or the article as a text file, relative to the rubric")
    article_fingerprint: str = Field("", max_length=300_000,
                                     description="hashed word runs of a source that cannot be kept as text, "
                                                 "for copy detection (python -m evaluator fingerprint)")
    scoring: ScoringSettings = DEFAULT_SETTINGS
    questions: list[Question] = Field(min_length=1, max_length=500)

    @field_validator("questions")
    @classmethod
    def _unique_question_ids(cls, questions: list[Question]) -> list[Question]:
        _require_unique(q.id for q in questions)
        return questions

    @model_validator(mode="after")
    def _inherit_scoring(self) -> Rubric:
        # a question's own ``scoring:`` keys override the rubric's; the rest it inherits
        inherited = []
        for i, q in enumerate(self.questions):
            own = q.scoring.model_dump(include=q.scoring.model_fields_set) if q.scoring else {}
            try:
                merged = ScoringSettings.model_validate({**self.scoring.model_dump(), **own})
            except ValidationError as exc:
                problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
                error = PydanticCustomError("scoring_merge", "combined with the rubric's scoring: {problems}",
                                            {"problems": problems})
                # raised as a ValidationError so that the message points at this question's block
                raise ValidationError.from_exception_data(
                    "Rubric", [InitErrorDetails(type=error, loc=("questions", i, "scoring"), input=own)]) from None
            inherited.append(q.model_copy(update={"scoring": merged, "article": q.article or self.article,
                                                  "article_fingerprint": q.article_fingerprint or
                                                  self.article_fingerprint}))
        object.__setattr__(self, "questions", inherited)
        return self

    def with_article(self, article: str) -> Rubric:
        """The rubric with its article's text (read from ``article_file``), passed on to questions without their own."""
        questions = [q.model_copy(update={"article": q.article or article}) for q in self.questions]
        return self.model_copy(update={"article": article, "questions": questions})

    def question(self, question_id: str) -> Question:
        """The question with this id; ``KeyError`` lists the ids that exist."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"no question {question_id!r} in rubric {self.id!r}; available: {', '.join(self.question_ids)}")

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


def _require_unique(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"duplicate id {i!r}: ids must be unique")
        seen.add(i)


def _yaml() -> YAML:
    # round-trip mode keeps line numbers (for errors) and never builds Python objects from tags
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def parse_rubric(text: str, *, source: str = "<rubric>", base: Path | None = None) -> Rubric:
    """Parse and validate rubric YAML text; raise :class:`RubricError` naming line and field.

    Args:
        text: the YAML text.
        source: the file name, for error messages.
        base: the rubric's folder: an ``article_file`` is read from under it (without ``base``, it is not read).
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_RUBRIC_BYTES:
        raise RubricError(f"file is larger than {MAX_RUBRIC_BYTES:,} bytes; a rubric is a small YAML file", source=source)
    rubric = _kept(text)
    if rubric is None:
        rubric = _validated(text, source)
        parsed_store.save(text, rubric.model_dump_json().encode("utf-8", "surrogatepass"))
    if rubric.article_file and base is not None and not rubric.article:
        try:
            article = _read_article(base, rubric.article_file, {"source": source, "path": "article_file"})
        except RubricError as exc:  # the YAML is read again only to say on which line the file is named
            line = _line_of(_yaml().load(io.StringIO(text)), ("article_file",))
            raise RubricError(exc.reason, source=source, line=line, path="article_file") from None
        rubric = rubric.with_article(article)
    return rubric


def _kept(text: str) -> Rubric | None:
    """The rubric this text validated to in an earlier process (:mod:`evaluator.rubrics.parsed_store`), if kept."""
    data = parsed_store.load(text)
    if data is None:
        return None
    try:
        return Rubric.model_validate_json(data)
    except (ValueError, ValidationError):  # a damaged file: the YAML is read again (and the file replaced)
        return None


def _validated(text: str, source: str) -> Rubric:
    """The rubric a YAML text validates to, before its article file is read."""
    try:
        data = _yaml().load(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RubricError(f"not valid YAML: {exc.problem or exc.context}", source=source, line=line) from None
    except ReaderError as exc:  # NUL or another control character: binary data, not a YAML text
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise RubricError(f"not valid YAML: character U+{ord(char):04X} is not allowed in YAML (binary data?)",
                          source=source, line=text.count("\n", 0, exc.position) + 1) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise RubricError(f"not valid YAML: {exc}", source=source) from None
    except TypeError:  # ruamel cannot hash a key that is itself a list or mapping
        raise complex_key_error(text, source) from None
    if not isinstance(data, dict):
        raise RubricError("the top level must be a mapping with id, title and questions", source=source, line=1)
    try:
        rubric = Rubric.model_validate(_plain(data, source, budget=[MAX_RUBRIC_VALUES]))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise RubricError(_explain(err), source=source, line=_line_of(data, loc), path=_path(loc)) from None
    return rubric


def _read_article(base: Path, name: str, where: dict[str, Any]) -> str:
    """The text of a rubric's ``article_file``: a UTF-8 file under the rubric's folder."""
    folder = base.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder):
        raise RubricError(f"must be a file under the rubric's folder (got {name!r})", **where)
    try:
        data = read_regular(path, 4 * MAX_ARTICLE_CHARS, noun="the article")
    except OSError as exc:
        raise RubricError(f"cannot read {name!r}: {exc.strerror or exc}", **where) from None
    try:
        return data.decode("utf-8-sig")[:MAX_ARTICLE_CHARS]
    except UnicodeDecodeError:
        raise RubricError(f"{name!r} is not UTF-8 text", **where) from None


def rubric_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the app's pages list rubrics: ``$UPSC_EVAL_RUBRICS`` if set, else the bundled ``rubrics/`` folder.

    >>> rubric_dir({"UPSC_EVAL_RUBRICS": "/srv/rubrics"})
    PosixPath('/srv/rubrics')
    >>> rubric_dir({}) == BUNDLED_RUBRICS
    True
    """
    environ = os.environ if environ is None else environ
    return Path(environ[RUBRICS_ENV_VAR]) if environ.get(RUBRICS_ENV_VAR) else BUNDLED_RUBRICS


def load_rubric(path: str | Path) -> Rubric:
    """Load a rubric YAML file.

    >>> load_rubric("rubrics/india_us_defence.yaml").question("Q2").marks
    10.0
    """
    path = Path(path)
    try:
        raw = read_regular(path, MAX_RUBRIC_BYTES, noun="the rubric")  # not /dev/zero, not a pipe
    except OSError as exc:
        raise RubricError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RubricError(f"not UTF-8 text (byte {exc.start}); save the rubric as UTF-8", source=str(path),
                          line=raw.count(b"\n", 0, exc.start) + 1) from None
    return parse_rubric(text, source=str(path), base=path.parent)


def _plain(node: Any, source: str, depth: int = 0, *, budget: list[int]) -> Any:
    """Convert ruamel nodes to plain dict/list/scalars, refusing tagged objects, absurd nesting and alias bombs.

    ``budget`` is the number of values still allowed, shared by the whole walk: aliases are expanded
    here, and nine aliases of nine aliases ("billion laughs") would otherwise build 9**9 values.
    """
    if depth > 20:
        raise RubricError("nesting deeper than 20 levels; a rubric is at most 6 levels deep", source=source)
    budget[0] -= 1
    if budget[0] < 0:
        raise RubricError(f"more than {MAX_RUBRIC_VALUES:,} values once YAML aliases (*name) are expanded; "
                          "a rubric is a few thousand values (an alias bomb?)", source=source)
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag and tag not in _PLAIN_TAGS:
        # ruamel never runs tagged constructors in round-trip mode; refuse them anyway so nothing is smuggled in
        line = getattr(getattr(node, "lc", None), "line", None)
        line = line + 1 if line is not None else None
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise RubricError(f"YAML tag {shown!r} is not allowed; a rubric holds plain strings, numbers and lists",
                          source=source, line=line)
    if isinstance(node, dict):
        return {_key(node, k, source): _plain(v, source, depth + 1, budget=budget) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v, source, depth + 1, budget=budget) for v in node]
    if node is None or isinstance(node, (bool, int, float, str)):
        return str(node) if isinstance(node, str) else node
    kind = f"tagged value {tag.replace('tag:yaml.org,2002:', '!!')!r}" if tag else f"value of type {type(node).__name__}"
    raise RubricError(f"unsupported YAML {kind}; use plain strings, numbers and lists", source=source)


def _key(mapping: Any, key: Any, source: str) -> str:
    """A mapping key as a field name: plain text (or a number), never a tagged value, a list or a mapping."""
    try:
        line = mapping.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        line = None
    tag = getattr(getattr(key, "tag", None), "value", None)
    if tag and tag not in _PLAIN_TAGS:  # "!!python/name:os.system title: ..." would otherwise read as "title"
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise RubricError(f"YAML tag {shown!r} is not allowed on a key; a rubric's keys are plain names",
                          source=source, line=line)
    if isinstance(key, bool) or not isinstance(key, str | int | float):
        kind = "a list" if isinstance(key, tuple | list) else "a mapping" if isinstance(key, dict) else \
            f"a value of type {type(key).__name__}"
        raise RubricError(f"a key must be a plain name, not {kind}", source=source, line=line)
    return str(key)


def complex_key_error(text: str, source: str) -> RubricError:
    """The error for a key that is a list or mapping built from an alias (``? *anchor``), which YAML cannot load."""
    line = next((n for n, row in enumerate(text.splitlines(), start=1) if re.match(r"\s*\?(\s|$)", row)), None)
    return RubricError("not valid YAML: a key is a list or mapping (a '? ' key); a rubric's keys are plain names",
                       source=source, line=line)


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest node on ``loc`` that exists in the YAML."""
    line, node = None, data
    for part in loc:
        try:
            if isinstance(node, dict) and part in node:
                line, node = node.lc.key(part)[0] + 1, node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                line, node = node.lc.item(part)[0] + 1, node[part]
            else:
                break
        except (AttributeError, KeyError, TypeError):
            break
    return line


def _explain(err: dict[str, Any]) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        return "unknown field; check the spelling (allowed fields are listed in README 'Rubric format')"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        return f"id {_shown(err.get('input'))} must be 1-64 letters, digits, '.', '_' or '-'"
    message = msg.removeprefix("Value error, ")
    value = err.get("input")
    if isinstance(value, dict | list) and not (kind.endswith("_type") or kind == "literal_error"):
        # the message says what is wrong with a list or block (a duplicate id is named): its contents are noise
        return message
    return f"{message} (got {_shown(value)})"


def _shown(value: Any) -> str:
    """A found value as an error message shows it: short, on one line; a mapping or list by its kind only.

    >>> _shown("x" * 200)[-12:], _shown({"id": "Q1"}), _shown([1, 2]), _shown(-1)
    ('xxxxxxxxxxx…', 'a mapping', 'a list', '-1')
    """
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "\u2026"
