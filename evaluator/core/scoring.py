"""From an answer to marks: ``evaluate(answer, question) -> Evaluation``, a pipeline of small pure steps.

1. **refusals**: empty, too long, binary or wrongly decoded, not English: 0 marks and a message;
2. **coverage**: every signal on every key point, blended into a point score and a status;
3. **red flags**: a keyword list, a restated question or an off-topic answer covers no point and
   is scaled down as a whole;
4. **depth**: a short answer cannot develop its points fully;
5. **structure credit**: a share of the marks for structure and directive fit, earned only in
   proportion to relevant content;
6. **length**: marks lost in proportion to the words over the limit;
7. **scale and rounding**: a flawless answer earns ``top_share`` of the marks, rounded to half marks.

Every number is a :class:`~evaluator.core.settings.ScoringSettings` field.
"""

from __future__ import annotations

from dataclasses import replace

from evaluator.core.context import CompiledPoint, PreparedAnswer, prepare_answer
from evaluator.core.feedback import build_feedback
from evaluator.core.results import Evaluation, Outcome, PointResult, Status, StructureReport
from evaluator.core.settings import ScoringSettings
from evaluator.core.signals import SIGNALS, Family
from evaluator.core.signals.base import ramp
from evaluator.core.structure import check_structure
from evaluator.core.text import AnalysedText, analyse, count_words
from evaluator.rubrics.model import Question


def evaluate(text: str, question: Question, *, settings: ScoringSettings | None = None) -> Evaluation:
    """Score an answer against a rubric question.

    Args:
        text: the student's answer, as typed.
        question: a rubric question (``load_rubric(path).question("Q1")``).
        settings: overrides the question's scoring settings (e.g. ``semantic=False``).

    Returns:
        An :class:`~evaluator.core.results.Evaluation`; bad input (empty, too long, binary,
        non-English) scores 0 with ``outcome`` and ``message`` saying why, it never raises.
    """
    settings = settings or question.settings
    # 1. refusals
    if refusal := refuse(text, question, settings):
        return refusal
    analysed = analyse(text)
    structure = check_structure(analysed, question, settings=settings)
    if refusal := refuse_language(structure, question, settings):
        return refusal
    # 2. coverage
    answer = prepare_answer(analysed, question, settings=settings)
    points = tuple(score_point(answer, point, settings=settings) for point in answer.points)
    # 3. red flags
    relevance = relevance_of(answer, settings)
    points = demote_unmade_points(points, structure, relevance)
    factor = red_flag_factor(structure, relevance, settings)
    # 4. depth
    content = coverage(points, question) * depth(analysed, question, settings)
    # 5. structure credit
    raw = factor * with_structure(content, structure.score, settings)
    # 6. length
    raw *= length_factor(analysed, question, structure, settings)
    # 7. scale and rounding
    share = settings.top_share * raw
    marks = round_half(question.marks * share)
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
    return replace(evaluation, feedback=build_feedback(evaluation, question, settings=settings))


# --- 1. refusals ---------------------------------------------------------------------------------------------------


def refuse(text: str, question: Question, settings: ScoringSettings) -> Evaluation | None:
    """Refuse input that cannot be scored, with a message saying what is wrong; ``None`` when it can be."""
    if not isinstance(text, str):
        return refused(question, "unreadable", 0, f"Expected text, got {type(text).__name__}; decode files as UTF-8 first.")
    if not text.strip():
        return refused(question, "empty", 0, "The answer is empty: type or paste your answer, then evaluate.")
    if len(text) > settings.max_chars:
        return refused(question, "too_long", 0,
                       f"The answer is {len(text):,} characters, more than the {settings.max_chars:,} this evaluator "
                       f"scores (a {question.word_limit}-word answer is about {question.word_limit * 7:,}): "
                       "paste only your answer.")
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if bad > max(3, 0.02 * len(text)):
        return refused(question, "unreadable", 0,
                       f"The text has {bad} control or undecodable characters: it looks like a binary or wrongly encoded file. "
                       "Save the answer as UTF-8 text.")
    # lone surrogates come only from wrongly decoded bytes, and no text pipeline can encode them
    surrogates = sum(1 for c in text if "\ud800" <= c <= "\udfff")
    if surrogates:
        return refused(question, "unreadable", 0,
                       f"The text has {surrogates} unpaired surrogate code point(s) (U+D800-U+DFFF), which are not "
                       "valid Unicode: the file was decoded wrongly. Save the answer as UTF-8 text.")
    words = count_words(text)
    if words > settings.max_words:
        return refused(question, "too_long", words,
                       f"The answer has {words:,} words, more than the {settings.max_words:,} this evaluator scores; "
                       f"the question asks for about {question.word_limit}.")
    if not words:
        return refused(question, "empty", 0,
                       "The answer has no words, only punctuation, symbols or emoji: type or paste your answer, "
                       "then evaluate.")
    return None


def refuse_language(structure: StructureReport, question: Question, settings: ScoringSettings) -> Evaluation | None:
    """Refuse an answer too little of which is English."""
    if structure.english_share >= settings.min_english_share:
        return None
    share = "none" if structure.english_share < 0.005 else f"only {structure.english_share:.0%}"
    return refused(question, "non_english", structure.word_count,
                   f"The answer does not look like English: {share} of its words are English words, and at "
                   f"least {settings.min_english_share:.0%} must be. UPSC answers are scored in English here; "
                   "please write in English.")


def refused(question: Question, outcome: Outcome, words: int, message: str) -> Evaluation:
    """A refusal: 0 marks, the outcome, and the message as its only feedback."""
    from evaluator.core.results import FeedbackItem

    return Evaluation(question.id, 0.0, question.marks, outcome, message, word_count=words,
                      feedback=(FeedbackItem("warning", message),))


# --- 2. coverage ---------------------------------------------------------------------------------------------------


def score_point(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> PointResult:
    """Every signal that can run on this answer, blended into the point's score and status."""
    results = {s.name: (s, s(answer, point, settings=settings)) for s in SIGNALS if s.runs_on(answer)}
    score = blend({s.family: max(r.score, _best(s.family, results)) for s, r in results.values()}, settings)
    # a point whose keywords are all denied ("India has not signed any roadmap") is at most partly made,
    # however close the sentence is in meaning: embeddings barely see a "not"
    lexical = [e for s, r in results.values() if s.family == "lexical" for e in r.evidence]
    if lexical and all(e.negated for e in lexical):
        score = min(score, settings.partial_threshold)
    # "covered" needs specific evidence (a signal's ``strong``): a vague sentence on the same subject
    # keeps its credit but is reported as partial, so the student sees the hint
    status = status_of(score, settings)
    if status == "covered" and not any(r.strong for _, r in results.values()):
        status = "partial"
    kp = point.point
    return PointResult(kp.id, kp.point, kp.weight, round(score, 4), status,
                       {name: round(r.score, 4) for name, (_, r) in results.items()},
                       tuple(e for _, r in results.values() for e in r.evidence), kp.hint)


def _best(family: Family, results: dict[str, tuple]) -> float:  # noqa: ANN001 - (Signal, SignalResult) pairs
    return max(r.score for s, r in results.values() if s.family == family)


def blend(families: dict[Family, float], settings: ScoringSettings) -> float:
    """A point's score from its best signal per family: meaning can carry a point alone (a paraphrase);
    keywords count only together with it, at ``keyword_weight``. Without meaning (semantic matching off)
    the keywords decide alone.

    >>> blend({"lexical": 1.0, "meaning": 0.5}, ScoringSettings())
    0.8
    >>> blend({"lexical": 0.2, "meaning": 0.5}, ScoringSettings()), blend({"lexical": 0.7}, ScoringSettings())
    (0.5, 0.7)
    """
    lexical = families.get("lexical", 0.0)
    if "meaning" not in families:
        return lexical
    meaning = families["meaning"]
    return max(meaning, settings.keyword_weight * lexical + (1 - settings.keyword_weight) * meaning)


def status_of(score: float, settings: ScoringSettings) -> Status:
    """Covered, partial or missing by the score thresholds."""
    if score >= settings.covered_threshold:
        return "covered"
    return "partial" if score >= settings.partial_threshold else "missing"


def coverage(points: tuple[PointResult, ...], question: Question) -> float:
    """Weighted mean of the point scores."""
    return sum(p.weight * p.score for p in points) / question.total_weight


# --- 3. red flags --------------------------------------------------------------------------------------------------


def relevance_of(answer: PreparedAnswer, settings: ScoringSettings) -> float:
    """1 when enough sentences are near some key point, 0 for an off-topic answer (1 when not measured)."""
    encoded = answer.encoded
    if encoded is None:
        return 1.0
    return ramp(encoded.on_topic_share, settings.off_topic_share, settings.on_topic_share)


def demote_unmade_points(points: tuple[PointResult, ...], structure: StructureReport,
                         relevance: float) -> tuple[PointResult, ...]:
    """A term named in a list, in the restated question or in an off-topic essay is not a point made: partial."""
    if structure.is_keyword_list or structure.copies_question or relevance == 0:
        return tuple(replace(p, status="partial") if p.status == "covered" else p for p in points)
    return points


def red_flag_factor(structure: StructureReport, relevance: float, settings: ScoringSettings) -> float:
    """What a keyword list, a restated question or an off-topic answer keeps of its marks."""
    factor = (1 - settings.coherence_weight * (1 - structure.coherence)) * relevance
    if structure.copies_question:
        factor = min(factor, settings.copied_question_factor)
    return factor


# --- 4. depth, 5. structure credit, 6. length, 7. rounding -----------------------------------------------------------


def depth(analysed: AnalysedText, question: Question, settings: ScoringSettings) -> float:
    """A point named in passing is not a point developed: short answers cannot carry full depth."""
    return min(1.0, analysed.word_count / (settings.full_depth_share * question.word_limit)) ** settings.depth_exponent


def with_structure(content: float, structure_score: float, settings: ScoringSettings) -> float:
    """Content plus the structure share, which is earned only in proportion to relevant content."""
    structure_credit = structure_score * min(1.0, content / settings.structure_full_content)
    return (1 - settings.structure_share) * content + settings.structure_share * structure_credit


def length_factor(analysed: AnalysedText, question: Question, structure: StructureReport,
                  settings: ScoringSettings) -> float:
    """Share of the marks kept by an answer over the word limit (1 within it)."""
    if analysed.word_count <= question.word_limit:
        return 1.0
    floor = settings.overlength_floor
    return floor + (1 - floor) * structure.check("length").score


def round_half(x: float) -> float:
    """Marks are given in half marks, never below 0."""
    return max(0.0, round(x * 2) / 2)
