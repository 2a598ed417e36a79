"""The question bank: every question of every rubric in a folder, to filter, search and practise one a day.

Pure functions over loaded rubrics (the shells read the files: ``python -m evaluator list`` and the
student page's bank view). The question of the day depends only on the date and the bank, so every
student sees the same one, and it changes every day.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from evaluator.rubrics.model import Rubric, RubricError, load_rubric

DAILY_ORDER_SEED = 13  # fixes the shuffled order the question of the day walks through, the same on every machine
MIN_PREFIX = 4  # a searched word this long also finds the words it begins ("federal" finds "federalism")
NO_PAPER = "no GS paper"  # how a rubric without ``gs_paper`` is listed and filtered


@dataclass(frozen=True)
class BankQuestion:
    """One question of the bank, with what a student chooses it by."""

    file: str  # the rubric's file name in the bank folder
    rubric_id: str
    rubric_title: str
    gs_paper: str
    topics: tuple[str, ...]
    date: str
    question_id: str
    text: str
    directive: str
    marks: float
    word_limit: int

    @property
    def key(self) -> str:
        """``file#question``: the one string that names a question of the bank."""
        return f"{self.file}#{self.question_id}"

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "topics": list(self.topics)}


@dataclass(frozen=True)
class Bank:
    """The bank's questions in a stable order (rubric file, then question), and the files that could not be read."""

    questions: tuple[BankQuestion, ...]
    problems: tuple[str, ...] = ()

    @property
    def gs_papers(self) -> list[str]:
        """The papers present, in paper order (GS I .. GS IV, then rubrics without one)."""
        return sorted({q.gs_paper for q in self.questions}, key=_paper_order)

    @property
    def topics(self) -> list[str]:
        return sorted({t for q in self.questions for t in q.topics})

    def find(self, *, gs_papers: Iterable[str] = (), topics: Iterable[str] = (),
             search: str = "") -> list[BankQuestion]:
        """Questions of any of ``gs_papers`` (all when empty), on any of ``topics`` (all when empty), whose text,
        rubric title, topics or id hold every word of ``search`` in any form ("elections" finds "election", "vetoes"
        finds "veto") and every "quoted phrase" as a run of words.

        >>> bank = bank_from([("a.yaml", _example())])
        >>> [q.question_id for q in bank.find(search="whips speakers")], bank.find(gs_papers=["GS III"])
        (['Q1'], [])
        >>> [q.question_id for q in bank.find(search='"role of the speaker"')], bank.find(search='"speaker role"')
        (['Q1'], [])
        """
        papers, wanted = set(gs_papers), set(topics)
        terms = _search_terms(search) if search.strip() else []  # no search: no lemmatizer to load
        found = []
        for q in self.questions:
            if papers and q.gs_paper not in papers:
                continue
            if wanted and not wanted & set(q.topics):
                continue
            if terms and not _holds(_lemmas(" ".join((q.text, q.rubric_title, q.rubric_id, q.directive,
                                                      *q.topics))), terms):
                continue
            found.append(q)
        return found

    def question_of_the_day(self, day: date) -> BankQuestion | None:
        """The question for ``day``: the same for everyone, a different one each day (while the bank has two or more),
        every question once before any comes back.

        >>> bank = bank_from([("a.yaml", _example())])
        >>> first, second = bank.question_of_the_day(date(2026, 1, 1)), bank.question_of_the_day(date(2026, 1, 2))
        >>> first.question_id != second.question_id
        True
        """
        if not self.questions:
            return None
        order = list(self.questions)
        random.Random(DAILY_ORDER_SEED).shuffle(order)
        return order[day.toordinal() % len(order)]

    def get(self, key: str) -> BankQuestion | None:
        """The question named ``file#question``, if the bank has it."""
        return next((q for q in self.questions if q.key == key), None)


def bank_from(rubrics: Iterable[tuple[str, Rubric]], problems: Sequence[str] = ()) -> Bank:
    """A bank from (file name, rubric) pairs."""
    questions = [
        BankQuestion(file=name, rubric_id=r.id, rubric_title=r.title, gs_paper=r.gs_paper or NO_PAPER,
                     topics=tuple(r.topics), date=r.date, question_id=q.id, text=q.text, directive=q.directive,
                     marks=q.marks, word_limit=q.word_limit)
        for name, r in rubrics for q in r.questions
    ]
    questions.sort(key=lambda q: (q.file, q.question_id))
    return Bank(tuple(questions), tuple(problems))


def load_bank(folder: Path) -> Bank:
    """Every ``*.yaml`` rubric in ``folder``; a file that cannot be loaded is a problem, not an error."""
    return bank_from(*load_rubrics(folder))


def load_rubrics(folder: Path) -> tuple[list[tuple[str, Rubric]], list[str]]:
    """(file name, rubric) of every ``*.yaml`` rubric in ``folder``, by name, and the files that could not be loaded."""
    loaded, problems = [], []
    for path in sorted(folder.glob("*.yaml")):
        try:
            loaded.append((path.name, load_rubric(path)))
        except RubricError as exc:
            problems.append(str(exc))
    return loaded, problems


def _search_terms(search: str) -> list[tuple[str, ...]]:
    """What a search asks for: each "quoted phrase" as its words' lemmas in order, each other word as one lemma."""
    terms = [_lemmas(phrase) for phrase in re.findall(r'"([^"]*)"', search)]
    terms += [(w,) for w in _lemmas(re.sub(r'"[^"]*"?', " ", search))]
    return [t for t in terms if t]


@lru_cache(maxsize=4096)
def _lemmas(text: str) -> tuple[str, ...]:
    """The words of ``text`` as lowercase lemmas, in order (the scoring's lemmatizer, loaded on the first search)."""
    from evaluator.core.text import lemma

    return tuple(lemma(w) for w in re.findall(r"\w+", text))


def _holds(words: tuple[str, ...], terms: Sequence[tuple[str, ...]]) -> bool:
    """Whether every term is in ``words``: a one-word term as a word or the start of one ("elect" finds "electoral"),
    a phrase as a run of words."""
    for term in terms:
        if len(term) == 1:
            if not any(w == term[0] or (len(term[0]) >= MIN_PREFIX and w.startswith(term[0])) for w in words):
                return False
        elif not any(words[i:i + len(term)] == term for i in range(len(words) - len(term) + 1)):
            return False
    return True


def _paper_order(paper: str) -> tuple[int, str]:
    order = {"GS I": 1, "GS II": 2, "GS III": 3, "GS IV": 4}
    return order.get(paper, 9), paper


def _example() -> Rubric:
    """A two-question rubric for the doctests."""
    point = {"id": "p", "point": "The Speaker decides.", "keywords": [["Speaker"]]}
    return Rubric.model_validate({
        "id": "demo", "title": "Anti-defection", "gs_paper": "GS II", "topics": ["polity"],
        "questions": [
            {"id": "Q1", "text": "Examine the role of the Speaker under the whip rules.", "directive": "examine",
             "marks": 10, "word_limit": 150, "key_points": [point]},
            {"id": "Q2", "text": "Discuss reforms.", "directive": "discuss", "marks": 15, "word_limit": 250,
             "key_points": [point]},
        ]})
