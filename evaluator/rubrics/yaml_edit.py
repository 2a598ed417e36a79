"""Editing rubric YAML without losing the mentor's comments, key order or quoting; saving with versions.

Every edit is text in, text out: the YAML is loaded in ruamel's round-trip mode, the
mappings are changed in place (so comments attached to them stay), and the document is
dumped again. A file that is only loaded and dumped comes back byte for byte.
Validation is left to :func:`evaluator.rubrics.model.parse_rubric`, which names line and field.

>>> text = "# my rubric\\nid: r\\ntitle: T\\nversion: 1\\nquestions: []\\n"
>>> print(bump_version(text), end="")
# my rubric
id: r
title: T
version: 2
questions: []
"""

from __future__ import annotations

import copy
import io
import stat
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from evaluator.core.settings import DEFAULT_SETTINGS
from evaluator.io.files import write_atomic
from evaluator.rubrics.model import KeyPoint, Rubric, RubricError, complex_key_error, parse_rubric

VERSIONS_DIR = ".versions"  # previous versions are kept next to the rubric, in this folder
POINT_FIELDS = ("id", "title", "point", "weight", "keywords", "hint", "misconceptions", "facts", "source")  # key order
OPTIONAL_FIELDS = ("title", "hint", "misconceptions", "facts", "source", "keywords")  # left out of a point when empty
CONCEPT_SEPARATOR, ALIAS_SEPARATOR, ESCAPE = ";", "|", "\\"  # keywords in one line: "road map|roadmap; co-production"


def _yaml() -> YAML:
    # the layout of rubrics/*.yaml: two-space mappings, list dashes indented under their key, long lines kept
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_document(text: str, *, source: str = "<rubric>") -> CommentedMap:
    """The YAML document as ruamel's round-trip mapping; :class:`RubricError` if it is not a YAML mapping."""
    try:
        doc = _yaml().load(io.StringIO(text))
    except (YAMLError, ValueError) as exc:
        raise RubricError(f"not valid YAML: {exc}", source=source) from None
    except TypeError:  # a key that is a list or mapping, built from an alias
        raise complex_key_error(text, source) from None
    if not isinstance(doc, CommentedMap):
        raise RubricError("the top level must be a mapping with id, title and questions", source=source, line=1)
    return doc


def dump_document(doc: CommentedMap) -> str:
    """YAML text of a round-trip document."""
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


# --- key points as table rows (the rubric page's editor) ---


def keywords_to_text(keywords: Sequence[Sequence[str]]) -> str:
    """Concepts as one line: aliases joined by ``|``, concepts by ``;``; a ``;``, ``|`` or ``\\`` inside an alias is
    written ``\\;``, ``\\|``, ``\\\\``, so that :func:`text_to_keywords` gives the same concepts back, exactly.

    >>> keywords_to_text([["road map", "roadmap"], ["co-production"]])
    'road map|roadmap; co-production'
    >>> keywords_to_text([["AUKUS; Quad", "a|b"]])
    'AUKUS\\\\; Quad|a\\\\|b'
    """
    return f"{CONCEPT_SEPARATOR} ".join(ALIAS_SEPARATOR.join(map(_escape, concept)) for concept in keywords)


def _escape(alias: str) -> str:
    return alias.replace(ESCAPE, ESCAPE * 2).replace(CONCEPT_SEPARATOR, ESCAPE + CONCEPT_SEPARATOR).replace(
        ALIAS_SEPARATOR, ESCAPE + ALIAS_SEPARATOR)


def text_to_keywords(text: str) -> list[list[str]]:
    """The inverse of :func:`keywords_to_text`; blank aliases and empty concepts are dropped.

    >>> text_to_keywords(" road map | roadmap ;; co-production ; ")
    [['road map', 'roadmap'], ['co-production']]
    >>> text_to_keywords("AUKUS\\\\; Quad|a\\\\|b; c")
    [['AUKUS; Quad', 'a|b'], ['c']]
    """
    concepts: list[list[str]] = [[]]
    alias: list[str] = []
    chars = iter(text or "")
    for char in chars:
        if char == ESCAPE:
            alias.append(next(chars, ESCAPE))  # the next character as it is; a trailing backslash stays
        elif char in (ALIAS_SEPARATOR, CONCEPT_SEPARATOR):
            concepts[-1].append("".join(alias))
            alias = []
            if char == CONCEPT_SEPARATOR:
                concepts.append([])
        else:
            alias.append(char)
    concepts[-1].append("".join(alias))
    cleaned = ([a.strip() for a in concept if a.strip()] for concept in concepts)
    return [concept for concept in cleaned if concept]


def point_rows(rubric: Rubric, question_id: str) -> list[dict[str, Any]]:
    """A question's key points as flat rows (keywords as text) for a table editor."""
    return [
        {"id": p.id, "point": p.point, "weight": p.weight, "keywords": keywords_to_text(p.keywords), "hint": p.hint}
        for p in rubric.question(question_id).key_points
    ]


def rows_to_points(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Table rows back to key point mappings; blank rows (a row just added in the editor) are skipped.

    Values are passed through as typed so that :func:`parse_rubric` can report a bad one by field.
    """
    points = []
    for row in rows:
        # only the table's columns: a field the table does not show (source, misconceptions) is kept as it is
        values = {k: _cell(row.get(k)) for k in POINT_FIELDS if k in row}
        if all(v in (None, "") for v in values.values()):
            continue
        if "keywords" in values:
            keywords = values["keywords"]
            values["keywords"] = text_to_keywords(keywords) if isinstance(keywords, str) or keywords is None else keywords
        points.append(values)
    return points


FACT_COLUMNS = ("point", "subject", "attribute", "kind", "values", "cues", "others", "source")  # the facts table


def fact_rows(rubric: Rubric, question_id: str) -> list[dict[str, Any]]:
    """A question's declared facts as flat rows for a table editor: aliases joined by ``|``, values and known wrong
    values as :func:`keywords_to_text` writes concepts (``United States|US; Japan``)."""
    return [{"point": p.id, "subject": ALIAS_SEPARATOR.join(map(_escape, f.subject)), "attribute": f.attribute,
             "kind": f.kind, "values": keywords_to_text(f.values),
             "cues": ALIAS_SEPARATOR.join(map(_escape, f.cues)), "others": keywords_to_text(f.others),
             "source": f.source}
            for p in rubric.question(question_id).key_points for f in p.facts]


def rows_to_facts(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Facts table rows back to each point's ``facts`` (by point id, in row order); blank rows are skipped.

    >>> rows_to_facts([{"point": "veto", "subject": "Union|Centre", "attribute": "votes", "kind": "number",
    ...                 "values": "one-third", "cues": "vote|weight", "others": "", "source": None}])
    {'veto': [{'subject': ['Union', 'Centre'], 'attribute': 'votes', 'kind': 'number', 'values': [['one-third']], \
'cues': ['vote', 'weight']}]}
    """
    facts: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        values = {k: _cell(row.get(k)) for k in FACT_COLUMNS}
        if all(v in (None, "") for v in values.values()):
            continue
        fact: dict[str, Any] = {
            "subject": [a for c in text_to_keywords(values["subject"] or "") for a in c],
            "attribute": values["attribute"] or "", "kind": values["kind"] or "",
            "values": text_to_keywords(values["values"] or ""),
            "cues": [a for c in text_to_keywords(values["cues"] or "") for a in c],
            "others": text_to_keywords(values["others"] or ""), "source": values["source"] or ""}
        facts.setdefault(str(values["point"] or ""), []).append({k: v for k, v in fact.items() if not _is_empty(v)})
    return facts


def update_question_facts(yaml_text: str, question_id: str, facts: Mapping[str, Sequence[Mapping[str, Any]]], *,
                          source: str = "<rubric>") -> str:
    """Set every key point's ``facts`` of a question (a point not in ``facts`` loses its facts); the rest of the
    file is kept as it is. A fact for a point id the question does not have is an error naming it.
    The result is not validated: pass it to :func:`parse_rubric` for errors with line and field."""
    doc = load_document(yaml_text, source=source)
    question = _find_question(doc, question_id, source)
    points = {str(m.get("id")): m for m in question.get("key_points") or [] if isinstance(m, CommentedMap)}
    unknown = [p for p in facts if p not in points]
    if unknown:
        raise RubricError(f"a fact names key point {unknown[0]!r}, which question {question_id} does not have; "
                          f"its points: {', '.join(points)}", source=source, path="facts")
    for point_id, point in points.items():
        _update_map(point, {"facts": [dict(f) for f in facts.get(point_id, [])]})
    return dump_document(doc)


def _cell(value: Any) -> Any:
    # table cells arrive as pandas/numpy scalars, NaN for empty numbers and None for empty text
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, str)):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value.strip() if isinstance(value, str) else value


# --- edits ---


def update_question_points(yaml_text: str, question_id: str, points: Sequence[KeyPoint | Mapping[str, Any]],
                           *, source: str = "<rubric>") -> str:
    """Replace a question's key points, keeping comments, key order and quoting of the points that stay.

    A point whose ``id`` already exists is updated in place; new ids are added; ids not in
    ``points`` are removed. Empty ``hint``, ``source`` and ``keywords`` are left out of new points.
    The result is not validated: pass it to :func:`parse_rubric` for errors with line and field.

    Args:
        yaml_text: the rubric file's text.
        question_id: the question to edit.
        points: the new key points in order (models or plain mappings, e.g. from :func:`rows_to_points`).
        source: name for error messages.

    Returns:
        The edited YAML text.
    """
    doc = load_document(yaml_text, source=source)
    question = _find_question(doc, question_id, source)
    old_seq = question.get("key_points")
    old_maps = {str(m.get("id")): m for m in old_seq or [] if isinstance(m, CommentedMap)}
    new_maps = []
    for point in points:
        values = point.model_dump() if isinstance(point, KeyPoint) else dict(point)
        existing = old_maps.get(str(values.get("id")))
        new_maps.append(_update_map(existing, values) if existing is not None else _new_point_map(values))
    if isinstance(old_seq, CommentedSeq):
        _keep_separators([m for m in old_seq if isinstance(m, CommentedMap)], new_maps)
        # edit the sequence in place so comments attached to it (before the first point) survive
        del old_seq[:]
        old_seq.extend(new_maps)
    else:
        question["key_points"] = _block_seq(new_maps)
    return dump_document(doc)


def set_scoring(yaml_text: str, values: Mapping[str, Any], *, source: str = "<rubric>") -> str:
    """Set rubric-level ``scoring:`` values (and the same keys in any question's own ``scoring:``).

    A question's own ``scoring:`` keys override the rubric's, so the keys are set in those blocks
    too: every question is then scored with exactly the values given.
    """
    doc = load_document(yaml_text, source=source)
    scoring = doc.get("scoring")
    if not isinstance(scoring, CommentedMap):
        scoring = CommentedMap()
        _insert_after(doc, "scoring", scoring, after=("version", "source", "title", "id"))
    _set_values(scoring, values)
    for question in doc.get("questions") or []:
        if isinstance(question, CommentedMap) and isinstance(question.get("scoring"), CommentedMap):
            _set_values(question["scoring"], values)
    return dump_document(doc)


def set_version(yaml_text: str, version: int, *, source: str = "<rubric>") -> str:
    """The text with ``version:`` set (added after ``source``/``title`` when missing)."""
    doc = load_document(yaml_text, source=source)
    if "version" in doc:
        doc["version"] = version
    else:
        _insert_after(doc, "version", version, after=("source", "title", "id"))
    return dump_document(doc)


def set_source_fields(yaml_text: str, values: Mapping[str, str], *, source: str = "<rubric>") -> str:
    """The text with top-level source fields set (``article_file``, ``article_fingerprint``...), placed after
    ``version``; a long value is written as a block, about a hundred characters a line."""
    doc = load_document(yaml_text, source=source)
    for key, value in values.items():
        folded = LiteralScalarString(_wrap(value)) if len(value) > 100 else value
        if key in doc:
            doc[key] = folded
        else:
            _insert_after(doc, key, folded, after=("article_file", "article", "version", "source", "title", "id"))
    return dump_document(doc)


def _wrap(text: str, width: int = 110) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line]) + "\n"


def moved_to(yaml_text: str, rubric: Rubric, folder: Path, original_folder: Path, *, source: str = "<rubric>") -> str:
    """The text of a rubric about to be saved into another folder: an ``article_file`` (which must stay under the
    rubric's own folder) is replaced by the article's text, so the copy keeps its article."""
    if not rubric.article_file or folder.resolve() == original_folder.resolve():
        return yaml_text
    doc = load_document(yaml_text, source=source)
    _insert_after(doc, "article", LiteralScalarString(rubric.article.strip() + "\n"), after=("article_file",))
    del doc["article_file"]
    return dump_document(doc)


def document_version(yaml_text: str, *, source: str = "<rubric>") -> int:
    """The ``version:`` of a rubric text (1 when missing or not a number)."""
    value = load_document(yaml_text, source=source).get("version", 1)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1


def bump_version(yaml_text: str, *, source: str = "<rubric>") -> str:
    """The text with ``version:`` one higher."""
    return set_version(yaml_text, document_version(yaml_text, source=source) + 1, source=source)


# --- saving ---


@dataclass(frozen=True)
class SavedRubric:
    """Where a rubric was saved, its new version, and the copy of the version it replaced (if any)."""

    path: Path
    version: int
    previous: Path | None


class ChangedOnDisk(Exception):
    """The rubric file was saved by someone else since the text being saved was opened."""

    def __init__(self, path: Path, current: str) -> None:
        self.path, self.current = path, current
        self.version = document_version(current, source=str(path)) if _is_mapping(current) else 0
        super().__init__(f"{path.name} was changed since you opened it (it is now version {self.version}); reload it, "
                         "or merge your edits into it, then save")


_SAVING = threading.Lock()  # the app's sessions are threads of one process: one save at a time


def save_version(path: str | Path, new_text: str, *, opened: str | None = None) -> SavedRubric:
    """Save ``new_text`` to ``path`` as the next version, keeping the current file under ``.versions/``.

    The new text is validated first (:class:`RubricError` and nothing written if it is not a
    usable rubric). The file being replaced is copied to ``.versions/<id>-v<N>.yaml`` beside it,
    and the new text's ``version:`` is raised above it when it is not already higher. The write
    is atomic: a crash leaves either the old or the new file. The file keeps its permissions (the
    copy gets them too); a new file gets the umask's.

    Args:
        path: the rubric file.
        new_text: the edited rubric.
        opened: the text the edits were made to: when the file no longer holds it (another mentor saved in
            the meantime), nothing is written and :class:`ChangedOnDisk` says so, rather than their work lost.

    Returns:
        The saved path, the version written and the copy of the previous version.
    """
    path = Path(path)
    parse_rubric(new_text, source=str(path))
    with _SAVING:
        previous: Path | None = None
        if path.exists():
            old_text = path.read_text(encoding="utf-8-sig")
            if opened is not None and old_text != opened:
                raise ChangedOnDisk(path, old_text)
            old_mode = stat.S_IMODE(path.stat().st_mode)
            old_version = document_version(old_text, source=str(path)) if _is_mapping(old_text) else 0
            old_id = str(load_document(old_text).get("id") or path.stem) if _is_mapping(old_text) else path.stem
            previous = _free_copy_path(path.parent / VERSIONS_DIR, f"{old_id}-v{old_version}", old_text)
            previous.parent.mkdir(parents=True, exist_ok=True)
            if not previous.exists():
                write_atomic(previous, old_text.encode("utf-8"), mode=old_mode)
            if document_version(new_text, source=str(path)) <= old_version:
                new_text = set_version(new_text, old_version + 1, source=str(path))
        elif opened is not None:
            raise ChangedOnDisk(path, "")
        write_atomic(path, new_text.encode("utf-8"))
    return SavedRubric(path, document_version(new_text), previous)


ARTICLES_DIR = "articles"  # the bank keeps each rubric's article here, beside the rubric files


class AlreadyInBank(Exception):
    """A rubric with this id (file) is already in the bank: publishing would replace it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"the bank already has {path.name}: give the new rubric another id (or edit {path.name} on "
                         "the tuning page)")


def publish_rubric(folder: str | Path, yaml_text: str, article: str, *, source: str = "<draft>") -> SavedRubric:
    """Save a new rubric into the bank ``folder`` as ``<id>.yaml`` at version 1 or more, its article beside it as
    ``articles/<id>.txt`` (named by ``article_file:``, the embedded ``article:`` dropped).

    The text is validated first (with the article in place), and nothing is written if it is not a usable
    rubric (:class:`RubricError`) or if the bank already has a rubric of this id (:class:`AlreadyInBank`).
    Both files are written atomically, the article first, so the bank never lists a rubric whose article is
    missing.

    Args:
        folder: the bank (``rubrics/``).
        yaml_text: the reviewed draft.
        article: the article's text.
        source: a name for the text in error messages.

    Returns:
        The rubric's path and version (``previous`` is None: nothing was replaced).
    """
    folder = Path(folder)
    rubric = parse_rubric(yaml_text, source=source)
    path = folder / f"{rubric.id}.yaml"
    article_path = folder / ARTICLES_DIR / f"{rubric.id}.txt"
    doc = load_document(yaml_text, source=source)
    if "article" in doc:
        del doc["article"]
    if "article_file" in doc:
        doc["article_file"] = f"{ARTICLES_DIR}/{rubric.id}.txt"
    else:
        _insert_after(doc, "article_file", f"{ARTICLES_DIR}/{rubric.id}.txt",
                      after=("date", "topics", "gs_paper", "version", "source", "title", "id"))
    text = dump_document(doc)
    with _SAVING:
        if path.exists():
            raise AlreadyInBank(path)
        kept = article_path.read_text(encoding="utf-8") if article_path.is_file() else None
        if kept is not None and kept.strip() != article.strip():
            raise AlreadyInBank(article_path)
        article_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(article_path, (article.strip() + "\n").encode("utf-8"))
        try:
            saved = parse_rubric(text, source=str(path), base=folder)  # the article resolves from the bank
        except RubricError:
            if kept is None:
                article_path.unlink(missing_ok=True)
            raise
        write_atomic(path, text.encode("utf-8"))
    return SavedRubric(path, saved.version, None)


def merge_points(opened: str, mine: str, theirs: str, *, source: str = "<rubric>") -> tuple[str, list[str]]:
    """``theirs`` with the key points of the questions changed in ``mine`` (both edits of ``opened``), and the ids of
    the questions both changed, which keep their version (a clash to resolve by hand).
    """
    base, edited, current = (parse_rubric(text, source=source) for text in (opened, mine, theirs))
    merged, clashes = theirs, []
    for question in edited.questions:
        before = base.question(question.id).key_points if question.id in base.question_ids else None
        if question.key_points == before:
            continue
        if question.id not in current.question_ids or current.question(question.id).key_points != before:
            clashes.append(question.id)
            continue
        merged = update_question_points(merged, question.id, question.key_points, source=source)
    return merged, clashes


def _is_mapping(text: str) -> bool:
    try:
        load_document(text)
    except RubricError:
        return False
    return True


def _free_copy_path(folder: Path, stem: str, text: str) -> Path:
    """``folder/stem.yaml``, or ``stem-2.yaml``... when a different text already has that name."""
    candidate, n = folder / f"{stem}.yaml", 1
    while candidate.exists() and candidate.read_text(encoding="utf-8-sig") != text:
        n += 1
        candidate = folder / f"{stem}-{n}.yaml"
    return candidate


# --- a whole rubric as YAML (drafts) ---


def rubric_to_yaml(rubric: Rubric, *, header: str = "") -> str:
    """YAML text of a rubric in the house layout, defaults left out, ``header`` as a leading comment.

    Keyword concepts are written one per line in flow style (``- [road map, roadmap]``), like
    the hand-written rubrics. Settings equal to the defaults (or inherited) are not written.
    """
    doc = CommentedMap()
    doc["id"] = rubric.id
    doc["title"] = rubric.title
    if rubric.source:
        doc["source"] = rubric.source
    doc["version"] = rubric.version
    for key in ("gs_paper", "topics", "date", "article_file"):
        value = getattr(rubric, key)
        if value:
            doc[key] = _block_seq(list(value)) if isinstance(value, list) else value
    if rubric.article and not rubric.article_file:
        doc["article"] = LiteralScalarString(rubric.article.strip() + "\n")
    if rubric.article_fingerprint:
        doc["article_fingerprint"] = LiteralScalarString(_wrap(rubric.article_fingerprint))
    rubric_scoring = _changed_settings(rubric.scoring.model_dump(), DEFAULT_SETTINGS.model_dump())
    if rubric_scoring:
        doc["scoring"] = CommentedMap(rubric_scoring)
    questions = []
    for q in rubric.questions:
        qmap = CommentedMap()
        qmap["id"] = q.id
        qmap["text"] = q.text
        qmap["directive"] = q.directive
        qmap["marks"] = _number(q.marks)
        qmap["word_limit"] = q.word_limit
        if q.subject:
            qmap["subject"] = _flow_seq(list(q.subject))
        if q.scoring is not None and q.scoring != rubric.scoring:
            qmap["scoring"] = CommentedMap(_changed_settings(q.scoring.model_dump(), rubric.scoring.model_dump()))
        qmap["key_points"] = _block_seq([_new_point_map(p.model_dump()) for p in q.key_points])
        questions.append(qmap)
    doc["questions"] = _block_seq(questions)
    if header:
        doc.yaml_set_start_comment(header)
    return dump_document(doc)


# --- helpers ---


def _find_question(doc: CommentedMap, question_id: str, source: str) -> CommentedMap:
    questions = doc.get("questions")
    if not isinstance(questions, list):
        raise RubricError("'questions' must be a list", source=source, path="questions")
    for q in questions:
        if isinstance(q, CommentedMap) and str(q.get("id")) == question_id:
            return q
    ids = [str(q.get("id")) for q in questions if isinstance(q, CommentedMap)]
    raise RubricError(f"no question {question_id!r}; available: {', '.join(ids)}", source=source, path="questions")


def _update_map(existing: CommentedMap, values: Mapping[str, Any]) -> CommentedMap:
    for key in (k for k in POINT_FIELDS if k in values):
        value = values[key]
        if _is_empty(value) and key in OPTIONAL_FIELDS:
            existing.pop(key, None)
            continue
        if key == "keywords":
            if _plain(existing.get(key)) != value:
                existing[key] = _concepts_seq(value)
        elif key == "misconceptions":
            if _plain(existing.get(key)) != value:
                existing[key] = _block_seq(list(value))
        elif key == "facts":
            if _plain(existing.get(key)) != value:
                existing[key] = _facts_seq(value)
        elif key in existing:
            existing[key] = _styled_like(existing[key], _number(value) if key == "weight" else value)
        else:
            _insert_after(existing, key, _number(value) if key == "weight" else value,
                          after=tuple(reversed(POINT_FIELDS[: POINT_FIELDS.index(key)])))
    return existing


def _keep_separators(old_maps: list[CommentedMap], new_maps: list[CommentedMap]) -> None:
    """Keep the text between points where it was: blank lines between points, the comment after the last.

    ruamel attaches what follows a point (a blank line; after the last point, e.g. the
    comment that opens the next question) to that point's last value. Points that move,
    appear or disappear would carry it along, so the separator and the trailer are
    taken off every point and put back by position.
    """
    if not old_maps or not new_maps:
        return
    trailer = _take_tail(old_maps[-1])
    separator = next((tok for tok in (_take_tail(m) for m in old_maps[:-1]) if tok is not None), None)
    for m in new_maps:
        _take_tail(m)
    for m in new_maps[:-1]:
        _put_tail(m, copy.deepcopy(separator))
    _put_tail(new_maps[-1], trailer)


def _take_tail(point: CommentedMap) -> Any:
    """Remove and return the comment token after a point's last value (``None`` if none)."""
    if not point:
        return None
    key = list(point.keys())[-1]
    value = point[key]
    if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
        entry = value.ca.items.get(len(value) - 1)  # after the last item of a block list (keywords)
        if entry and entry[0] is not None:
            token, entry[0] = entry[0], None
            return token
    entry = point.ca.items.get(key)
    if entry and len(entry) > 2 and entry[2] is not None:
        token, entry[2] = entry[2], None
        return token
    return None


def _put_tail(point: CommentedMap, token: Any) -> None:
    if token is None or not point:
        return
    key = list(point.keys())[-1]
    value = point[key]
    if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
        if not isinstance(value[-1], CommentedMap):
            value.ca.items[len(value) - 1] = [token, None]
    elif not isinstance(value, (CommentedMap, CommentedSeq)):
        point.ca.items.setdefault(key, [None, None, None, None])[2] = token


def _new_point_map(values: Mapping[str, Any]) -> CommentedMap:
    point = CommentedMap()
    for key in POINT_FIELDS:
        value = values.get(key)
        if _is_empty(value) and key in OPTIONAL_FIELDS:
            continue
        if key == "keywords":
            point[key] = _concepts_seq(value)
        elif key == "misconceptions":
            point[key] = _block_seq(list(value))
        elif key == "facts":
            point[key] = _facts_seq(value)
        else:
            point[key] = _number(value) if key == "weight" else value
    return point


def _facts_seq(facts: Any) -> Any:
    """Facts as a block list of one-line mappings: ``- {subject: [...], attribute: ..., kind: ..., values: [...]}``."""
    if not isinstance(facts, list):
        return facts  # left for the validator to reject with the field's path
    seq = _block_seq([])
    for fact in facts:
        if isinstance(fact, Mapping):
            row = CommentedMap((k, _flow_seq(v) if isinstance(v, list) else v) for k, v in fact.items() if
                               not _is_empty(v))
            row.fa.set_flow_style()
            seq.append(row)
        else:
            seq.append(fact)
    return seq


def _concepts_seq(concepts: Any) -> Any:
    if not isinstance(concepts, list):
        return concepts  # left for the validator to reject with the field's path
    seq = _block_seq([])
    for concept in concepts:
        if isinstance(concept, list):
            seq.append(_flow_seq(concept))
        else:
            seq.append(concept)
    return seq


def _flow_seq(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _block_seq(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def _styled_like(old: Any, new: Any) -> Any:
    # keep a quoted string quoted the same way
    if isinstance(new, str) and isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)):
        return type(old)(new)
    return new


def _number(value: Any) -> Any:
    # write 2 rather than 2.0, as a mentor would
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _plain(node: Any) -> Any:
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node) if isinstance(node, str) else node


def _set_values(mapping: CommentedMap, values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        mapping[key] = _number(round(value, 4) if isinstance(value, float) else value)


def _changed_settings(values: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if base.get(k) != v}


def _insert_after(mapping: CommentedMap, key: str, value: Any, *, after: Sequence[str]) -> None:
    """Insert ``key`` right after the first of ``after`` that exists (at the start if none does)."""
    keys = list(mapping.keys())
    for anchor in after:
        if anchor in mapping:
            mapping.insert(keys.index(anchor) + 1, key, value)
            return
    mapping.insert(0, key, value)
