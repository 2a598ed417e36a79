"""Which rubric and question of a bank an answer (or a class's batch of answers) was written for.

A mentor who scores a class's GST answers on the India-US rubric gets a table of zeros that says nothing
about why. Before scoring, the batch page and ``python -m evaluator batch`` rank every question of the bank
for each answer (:func:`evaluator.core.shortlist.question_fits`: the answer's share of each question's own
words, rare words counting most), and stop when most answers clearly fit another rubric; ``score`` and
``batch`` without ``--rubric`` take the best rubric and question themselves. Every decision here is made by
:func:`match_answer`, and :func:`match_batch` only counts its verdicts, so the CLI and the pages agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evaluator.core.shortlist import question_fits
from evaluator.core.text import AnalysedText
from evaluator.rubrics.model import Rubric


@dataclass(frozen=True)
class MatchSettings:
    """When an answer is said to fit a question, and a batch another rubric (measured on the project's samples:
    every on-topic English sample's best question scores 2.4 or more, a weak or Hindi answer's under 2)."""

    min_fit: float = 2.0  # an answer whose best question scores less fits no question clearly (too thin, not English)
    clear_ratio: float = 1.5  # another rubric's best question must score this many times the chosen rubric's best
    batch_share: float = 0.5  # more than this share of a batch's answers fit one other rubric: stop and offer it
    batch_sample: int = 200  # a batch is matched on its first answers this many (a class, not a whole exam)
    max_chars: int = 30_000  # an answer is matched on its first characters this many: its topic shows long before,
    # and one longer than the scoring limit (30,000 by default) is refused when it is scored, with a message


MATCH_SETTINGS = MatchSettings()


@dataclass(frozen=True)
class QuestionFit:
    """How well an answer fits one question of the bank."""

    rubric_id: str
    question_id: str
    fit: float

    @property
    def label(self) -> str:
        """``rubric-id Q1``: how a table names the question."""
        return f"{self.rubric_id} {self.question_id}"


@dataclass(frozen=True)
class AnswerMatch:
    """Where one answer fits: its best question in the bank, its best question of the chosen rubric, and whether
    it clearly belongs to another rubric."""

    best: QuestionFit | None  # None: no question of the bank fits clearly (see ``MatchSettings.min_fit``)
    within: QuestionFit | None  # the chosen rubric's best question (None without a chosen rubric, or no fit at all)
    elsewhere: bool  # ``best`` is another rubric's, and clearly better than ``within``


@dataclass(frozen=True)
class BatchMatch:
    """A batch's answers matched against the bank: which rubric most of them fit when it is not the chosen one."""

    chosen: str | None  # the rubric id the batch was to be scored on (None: none chosen)
    answers: Mapping[str, AnswerMatch]  # by answer key, answers with text only
    suggested: str | None  # the rubric to offer (or, without a chosen rubric, to use); None: keep the chosen one
    suggested_count: int  # answers that fit ``suggested`` best

    @property
    def stop(self) -> bool:
        """Whether scoring should wait for the mentor: most answers fit another rubric than the chosen one."""
        return self.chosen is not None and self.suggested is not None

    def fits_better(self, key: str) -> QuestionFit | None:
        """The other rubric's question an answer fits clearly better than the chosen rubric, if any."""
        found = self.answers.get(key)
        return found.best if found is not None and found.elsewhere else None


def rank_questions(answer: str | AnalysedText, rubrics: Sequence[Rubric], *, limit: int = 5) -> list[QuestionFit]:
    """The bank's questions the answer fits best, best first (at most ``limit``).

    >>> from pathlib import Path
    >>> from evaluator.rubrics.bank import load_rubrics
    >>> bank = [rubric for _, rubric in load_rubrics(Path("rubrics"))[0]]
    >>> rank_questions("The GST Council sets tax rates; states lost fiscal autonomy and need compensation cess.",
    ...                bank, limit=1)[0].rubric_id
    'gst-council-federalism'
    """
    pairs = [(r.id, q) for r in rubrics for q in r.questions]
    fits = question_fits(answer, [q for _, q in pairs])
    ranked = sorted(zip(fits, range(len(pairs)), strict=False), key=lambda x: (-x[0], x[1]))
    return [QuestionFit(pairs[i][0], pairs[i][1].id, fit) for fit, i in ranked[:limit]]


def match_answer(answer: str | AnalysedText, rubrics: Sequence[Rubric], chosen: Rubric | None = None, *,
                 settings: MatchSettings = MATCH_SETTINGS) -> AnswerMatch:
    """Where one answer fits among ``rubrics`` (the chosen rubric is added when the bank lacks it).

    >>> from pathlib import Path
    >>> from evaluator.rubrics.bank import load_rubrics
    >>> bank = [rubric for _, rubric in load_rubrics(Path("rubrics"))[0]]
    >>> us = next(r for r in bank if r.id == "india-us-defence")
    >>> found = match_answer("The GST Council sets tax rates; states lost fiscal autonomy and want compensation "
    ...                      "cess extended, so cooperative federalism needs a dispute mechanism.", bank, us)
    >>> found.elsewhere, found.best.rubric_id
    (True, 'gst-council-federalism')
    """
    bank = list(rubrics) if chosen is None or any(r.id == chosen.id for r in rubrics) else [*rubrics, chosen]
    if isinstance(answer, str):
        answer = answer[:settings.max_chars]
    ranked = rank_questions(answer, bank, limit=len([q for r in bank for q in r.questions]))
    best = ranked[0] if ranked and ranked[0].fit >= settings.min_fit else None
    within = None
    if chosen is not None:
        within = next((f for f in ranked if f.rubric_id == chosen.id and f.fit > 0), None)
    elsewhere = (chosen is not None and best is not None and best.rubric_id != chosen.id
                 and best.fit >= settings.clear_ratio * (within.fit if within else 0.0))
    return AnswerMatch(best, within, elsewhere)


def match_batch(answers: Mapping[str, str], rubrics: Sequence[Rubric], chosen: Rubric | None = None, *,
                settings: MatchSettings = MATCH_SETTINGS) -> BatchMatch:
    """A batch's answers (text by answer key) matched against the bank.

    With a ``chosen`` rubric, ``suggested`` is the other rubric that more than ``batch_share`` of the answers
    clearly fit (so scoring stops and offers it). Without one, it is the rubric most answers fit best.
    """
    found = {key: match_answer(text, rubrics, chosen, settings=settings) for key, text in answers.items()}
    if chosen is not None:
        votes = Counter(m.best.rubric_id for m in found.values() if m.elsewhere and m.best)
    else:
        votes = Counter(m.best.rubric_id for m in found.values() if m.best)
    if not votes:
        return BatchMatch(chosen.id if chosen else None, found, None, 0)
    rubric_id, count = votes.most_common(1)[0]
    if chosen is not None and count <= settings.batch_share * len(found):
        return BatchMatch(chosen.id, found, None, 0)
    return BatchMatch(chosen.id if chosen else None, found, rubric_id, count)


def best_question(answer: str | AnalysedText, rubric: Rubric) -> QuestionFit | None:
    """The question of ``rubric`` the answer fits best (None when it shares no word with any)."""
    ranked = rank_questions(answer, [rubric], limit=1)
    return ranked[0] if ranked and ranked[0].fit > 0 else None
