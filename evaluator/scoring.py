"""Combine signals into point scores and marks: ``evaluate(answer, question) -> Evaluation``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

import numpy as np

from evaluator.feedback import FeedbackItem, build_feedback
from evaluator.matching import (
    Evidence,
    compile_question,
    keyword_signal,
    prepare_answer,
    question_words,
    ramp,
    semantic_signal,
)
from evaluator.rubric import Question
from evaluator.settings import ScoringSettings
from evaluator.structure import StructureReport, check_structure
from evaluator.text import analyse, count_words

Status = Literal["covered", "partial", "missing"]
Outcome = Literal["scored", "empty", "too_long", "unreadable", "non_english"]


@dataclass(frozen=True)
class PointResult:
    """How well one key point is covered, and the evidence for it."""

    id: str
    point: str
    weight: float
    score: float
    status: Status
    keyword_score: float
    semantic_score: float
    evidence: tuple[Evidence, ...]
    hint: str

    @property
    def best_evidence(self) -> Evidence | None:
        return max(self.evidence, key=lambda e: e.score, default=None)


@dataclass(frozen=True)
class Evaluation:
    """Marks with per-point evidence, structure checks and feedback for one answer."""

    question_id: str
    marks: float
    max_marks: float
    outcome: Outcome
    message: str
    points: tuple[PointResult, ...] = ()
    structure: StructureReport | None = None
    feedback: tuple[FeedbackItem, ...] = ()
    content_score: float = 0.0
    structure_score: float = 0.0
    word_count: int = 0
    relevance: float = 1.0  # 0 for an off-topic answer, 1 when most sentences address the key points
    share: float = 0.0  # marks / max_marks before rounding to half marks

    @property
    def ok(self) -> bool:
        """True when the answer was scored (not refused as empty, too long, unreadable or non-English)."""
        return self.outcome == "scored"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary of the whole evaluation."""
        data = asdict(self)
        if self.structure is not None:
            data["structure"]["score"] = self.structure.score
        return data


def evaluate(text: str, question: Question, *, settings: ScoringSettings | None = None) -> Evaluation:
    """Score an answer against a rubric question.

    Args:
        text: the student's answer, as typed.
        question: a rubric question (``load_rubric(path).question("Q1")``).
        settings: overrides the question's scoring settings (e.g. ``semantic=False``).

    Returns:
        An :class:`Evaluation`; bad input (empty, too long, binary, non-English) scores 0
        with ``outcome`` and ``message`` saying why, it never raises.
    """
    settings = settings or question.settings
    refusal = _refuse(text, question, settings)
    if refusal:
        return refusal
    analysed = analyse(text)
    structure = check_structure(analysed, question, settings=settings)
    if structure.english_share < settings.min_english_share:
        share = "none" if structure.english_share < 0.005 else f"only {structure.english_share:.0%}"
        return _refused(question, "non_english", analysed.word_count,
                        f"The answer does not look like English: {share} of its words are English words, and at "
                        f"least {settings.min_english_share:.0%} must be. UPSC answers are scored in English here; "
                        "please write in English.")
    compiled = compile_question(question, settings=settings)
    answer = prepare_answer(analysed, compiled, settings=settings, asked=question_words(question))
    points = tuple(_score_point(answer, cp, settings) for cp in compiled)
    coverage = sum(p.weight * p.score for p in points) / question.total_weight
    relevance = 1.0 if answer.on_topic_share is None else ramp(answer.on_topic_share, settings.off_topic_share, settings.on_topic_share)
    if structure.is_keyword_list or structure.copies_question or relevance == 0:
        # a term named in a list, in the restated question or in an off-topic essay is not a point made:
        # report it as partial
        points = tuple(replace(p, status="partial") if p.status == "covered" else p for p in points)
    # a point named in passing is not a point developed: short answers cannot carry full depth
    depth = min(1.0, analysed.word_count / (settings.full_depth_share * question.word_limit)) ** settings.depth_exponent
    content = coverage * depth

    # red flags scale everything: a keyword list, a restated question or an off-topic essay is not an answer
    factor = (1 - settings.coherence_weight * (1 - structure.coherence)) * relevance
    if structure.copies_question:
        factor = min(factor, settings.copied_question_factor)
    # structure earns marks only in proportion to relevant content
    structure_credit = structure.score * min(1.0, content / 0.5)
    raw = factor * ((1 - settings.structure_share) * content + settings.structure_share * structure_credit)
    length = structure.check("length")
    if analysed.word_count > question.word_limit:
        raw *= 0.5 + 0.5 * length.score
    share = settings.top_share * raw
    marks = _round_half(question.marks * share)
    evaluation = Evaluation(
        question_id=question.id,
        marks=marks,
        max_marks=question.marks,
        outcome="scored",
        message=f"{marks:g} / {question.marks:g} marks",
        points=points,
        structure=structure,
        content_score=round(content, 4),
        structure_score=round(structure.score, 4),
        word_count=analysed.word_count,
        relevance=round(relevance, 4),
        share=round(share, 4),
    )
    return _with_feedback(evaluation, question)


def _score_point(answer, compiled, settings: ScoringSettings) -> PointResult:  # noqa: ANN001
    kw = keyword_signal(answer, compiled, settings=settings)
    sem = semantic_signal(answer, compiled, settings=settings)
    if answer.similarity is not None:
        # paraphrase can carry a point alone; keywords count only together with some meaning
        score = max(sem.score, settings.keyword_weight * kw.score + (1 - settings.keyword_weight) * sem.score)
    else:
        score = kw.score
    # a point whose keywords are denied ("India has not signed any roadmap") is at most partly made,
    # however close the sentence is in meaning: embeddings barely see a "not"
    if kw.evidence and all(e.negated for e in kw.evidence):
        score = min(score, settings.partial_threshold)
    status: Status = (
        "covered" if score >= settings.covered_threshold else "partial" if score >= settings.partial_threshold else "missing"
    )
    # "covered" needs specific evidence: a keyword, a sentence that fully matches the point or says enough
    # of its own (``specific_words_full``), or enough of the point's own words echoed in context. A vague
    # sentence on the same subject keeps its credit but is reported as partial, so the student sees the hint.
    if status == "covered" and kw.score == 0 and answer.similarity is not None:
        strong = answer.similarity[:, compiled.index].max() >= settings.semantic_full
        aligned = answer.alignment is not None and answer.alignment[compiled.index] >= settings.alignment_floor
        # a specific sentence covers the point it is closest to, not a neighbouring one it also resembles
        sentence = sem.evidence[0].sentence if sem.evidence else None
        specific = (answer.specificity is not None and sentence is not None
                    and answer.specificity[sentence] >= 1.0
                    and int(np.argmax(answer.similarity[sentence])) == compiled.index)
        if not (strong or aligned or specific):
            status = "partial"
    point = compiled.point
    return PointResult(point.id, point.point, point.weight, round(score, 4), status, round(kw.score, 4),
                       round(sem.score, 4), kw.evidence + sem.evidence, point.hint)


def _refuse(text: str, question: Question, settings: ScoringSettings) -> Evaluation | None:
    """Refuse input that cannot be scored, with a message saying what is wrong."""
    if not isinstance(text, str):
        return _refused(question, "unreadable", 0, f"Expected text, got {type(text).__name__}; decode files as UTF-8 first.")
    if not text.strip():
        return _refused(question, "empty", 0, "The answer is empty: type or paste your answer, then evaluate.")
    if len(text) > settings.max_chars:
        return _refused(question, "too_long", 0,
                        f"The answer is {len(text):,} characters, more than the {settings.max_chars:,} this evaluator "
                        f"scores (a {question.word_limit}-word answer is about {question.word_limit * 7:,}): "
                        "paste only your answer.")
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if bad > max(3, 0.02 * len(text)):
        return _refused(question, "unreadable", 0,
                        f"The text has {bad} control or undecodable characters: it looks like a binary or wrongly encoded file. "
                        "Save the answer as UTF-8 text.")
    # lone surrogates come only from wrongly decoded bytes, and no text pipeline can encode them
    surrogates = sum(1 for c in text if "\ud800" <= c <= "\udfff")
    if surrogates:
        return _refused(question, "unreadable", 0,
                        f"The text has {surrogates} unpaired surrogate code point(s) (U+D800-U+DFFF), which are not "
                        "valid Unicode: the file was decoded wrongly. Save the answer as UTF-8 text.")
    words = count_words(text)
    if words > settings.max_words:
        return _refused(question, "too_long", words,
                        f"The answer has {words:,} words, more than the {settings.max_words:,} this evaluator scores; "
                        f"the question asks for about {question.word_limit}.")
    if not words:
        return _refused(question, "empty", 0,
                        "The answer has no words, only punctuation, symbols or emoji: type or paste your answer, "
                        "then evaluate.")
    return None


def _refused(question: Question, outcome: Outcome, words: int, message: str) -> Evaluation:
    return Evaluation(question.id, 0.0, question.marks, outcome, message, word_count=words,
                      feedback=(FeedbackItem("warning", message),))


def _with_feedback(evaluation: Evaluation, question: Question) -> Evaluation:
    return replace(evaluation, feedback=build_feedback(evaluation, question))


def _round_half(x: float) -> float:
    return max(0.0, round(x * 2) / 2)
