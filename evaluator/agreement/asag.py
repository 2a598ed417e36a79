"""Short-answer grading benchmark: draft a rubric from each reference answer, score, compare with humans.

Input rows have ``question_id, question, reference_answer, student_answer, score, max_score``
(the layout of the Mohler data set). Optional calibration maps evaluator features to the
human scale with cross-validation grouped by question: a question's own answers never
calibrate its predictions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import GroupKFold

from evaluator.agreement.metrics import Agreement, agreement
from evaluator.core.embedding import get_encoder
from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.core.signals import family_scores
from evaluator.io.tables import CsvError, read_csv_text
from evaluator.rubrics.draft import draft_question, salient_terms
from evaluator.rubrics.model import Question

COLUMNS = ("question_id", "question", "reference_answer", "student_answer", "score", "max_score")
CALIBRATION_FOLDS = 5
QUESTION_WORD_WEIGHT = 0.3  # weight of reference words the question also uses, in one alignment feature
LOG_WORDS_SCALE = 6.0  # log(1 + words) of a 400-word answer


class AsagError(ValueError):
    """A graded-answer file that cannot be used, naming the line and column."""


@dataclass(frozen=True)
class GradedAnswer:
    question_id: str
    question: str
    reference: str
    answer: str
    score: float
    max_score: float


@dataclass(frozen=True)
class AsagReport:
    agreement: Agreement
    predicted: tuple[float, ...]
    calibrated: bool


def parse_graded_csv(text: str, *, source: str = "<csv>") -> list[GradedAnswer]:
    """Rows of a graded-answer CSV; errors name the line and the column."""
    try:
        table = read_csv_text(text, source=source)
    except CsvError as exc:
        raise AsagError(str(exc)) from None
    missing = [c for c in COLUMNS if c not in table.header]
    if missing:
        raise AsagError(f"{source}:1: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    rows = []
    for row in table.rows:
        if row.is_blank:
            continue
        try:
            score, max_score = float(row["score"]), float(row["max_score"])
        except ValueError:
            raise AsagError(f"{source}:{row.line}: score and max_score must be numbers "
                            f"(got {row['score']!r}, {row['max_score']!r})") from None
        if max_score <= 0 or not 0 <= score <= max_score:
            raise AsagError(f"{source}:{row.line}: score {score:g} must lie in [0, max_score={max_score:g}]")
        rows.append(GradedAnswer(row["question_id"], row["question"], row["reference_answer"],
                                 row["student_answer"], score, max_score))
    if not rows:
        raise AsagError(f"{source}: no rows")
    return rows


def draft_questions(items: Iterable[GradedAnswer]) -> dict[str, Question]:
    """One drafted rubric question per question id, from its reference answer alone."""
    questions: dict[str, Question] = {}
    for item in items:
        if item.question_id not in questions:
            questions[item.question_id] = draft_question(item.question_id, item.question, item.reference,
                                                         marks=item.max_score)
    return questions


def score_all(items: list[GradedAnswer], *, progress: Callable[[Iterable], Iterable] = iter) -> list[Evaluation]:
    """Evaluate every student answer against the rubric drafted from its reference answer."""
    questions = draft_questions(items)
    return [evaluate(item.answer, questions[item.question_id]) for item in progress(items)]


def features(evaluation: Evaluation, item: GradedAnswer) -> list[float]:
    """What the calibrator sees from one evaluation: its signals, all in [0, 1] and independent of the question."""
    points = evaluation.points
    weights = np.array([p.weight for p in points]) if points else np.ones(1)
    families = [family_scores(p.signals) for p in points]
    keyword, semantic = (float(np.average([f.get(family, 0.0) for f in families], weights=weights)) if points else 0.0
                         for family in ("lexical", "meaning"))
    length = min(1.0, evaluation.word_count / max(1, len(item.reference.split())))
    return [evaluation.share, evaluation.content_score, keyword, semantic, evaluation.relevance, length]


def whole_answer_features(items: list[GradedAnswer]) -> np.ndarray:
    """Answer-to-reference closeness as a whole, all in [0, 1] and independent of the question:

    - sentence-vector cosine; token-alignment recall and precision (BERTScore-style);
    - token-alignment recall with the reference's words that the question also uses weighted down
      (``QUESTION_WORD_WEIGHT``): restating the question is not answering it;
    - share of the reference's content lemmas the answer uses, of those not in the question, and
      share of the answer's content lemmas found in the reference;
    - answer length (log words, scaled).
    """
    columns = 8
    # references and questions repeat across a question's answers: their terms are found once
    terms = {text: set(salient_terms(text)) for text in {t for i in items for t in (i.reference, i.question)}}
    lexical = np.array([_lexical(i, terms) for i in items]) if items else np.zeros((0, 4))
    encoder = get_encoder()
    if encoder is None:
        return np.hstack([np.zeros((len(items), columns - lexical.shape[1])), lexical])
    answers, answer_tokens = encoder.encode_with_tokens([i.answer or "." for i in items])
    references = sorted({i.reference for i in items})
    ref_vectors, ref_tokens = encoder.encode_with_tokens(references)
    index = {r: k for k, r in enumerate(references)}
    asked = {q: set(encoder.content_pieces(q)) for q in {i.question for i in items}}
    weights = {(r, q): np.array([QUESTION_WORD_WEIGHT if p in asked[q] else 1.0 for p in encoder.content_pieces(r)])
               for r, q in {(i.reference, i.question) for i in items}}
    rows = []
    for n, item in enumerate(items):
        k = index[item.reference]
        cosine = float(answers[n] @ ref_vectors[k])
        if len(answer_tokens[n]) and len(ref_tokens[k]):
            sims = ref_tokens[k] @ answer_tokens[n].T
            best = sims.max(axis=1)
            recall, precision = float(best.mean()), float(sims.max(axis=0).mean())
            new_recall = float(np.average(best, weights=weights[item.reference, item.question]))
        else:
            recall = precision = new_recall = 0.0
        rows.append([cosine, recall, precision, new_recall])
    return np.hstack([np.array(rows), lexical])


def _lexical(item: GradedAnswer, terms: dict[str, set[str]]) -> list[float]:
    """Lemma overlap with the reference (recall, recall of words not in the question, precision) and length.

    ``terms`` holds the salient terms of the item's reference and question.
    """
    answer, reference = set(salient_terms(item.answer)), terms[item.reference]
    new = reference - terms[item.question] or reference
    shared = answer & reference
    return [len(shared) / max(1, len(reference)), len(answer & new) / max(1, len(new)),
            len(shared) / max(1, len(answer)), min(1.0, np.log1p(len(item.answer.split())) / LOG_WORDS_SCALE)]


def calibrated_shares(items: list[GradedAnswer], evaluations: list[Evaluation], *,
                      folds: int = CALIBRATION_FOLDS) -> np.ndarray:
    """Out-of-fold predictions of score / max_score, folds grouped by question id (no question calibrates itself)."""
    x = np.hstack([np.array([features(e, i) for e, i in zip(evaluations, items)]), whole_answer_features(items)])
    y = np.array([i.score / i.max_score for i in items])
    groups = np.array([i.question_id for i in items])
    out = np.zeros(len(items))
    n_folds = min(folds, len(set(groups)))
    if n_folds < 2:
        raise AsagError("calibration needs answers to at least two different questions")
    for train, test in GroupKFold(n_splits=n_folds).split(x, y, groups):
        # shallow boosted trees, monotone in every signal (more coverage never lowers the mark)
        model = HistGradientBoostingRegressor(max_depth=3, max_iter=150, learning_rate=0.05, min_samples_leaf=20,
                                              monotonic_cst=[1] * x.shape[1], random_state=0)
        out[test] = model.fit(x[train], y[train]).predict(x[test])
    return np.clip(out, 0.0, 1.0)


def run_asag(items: list[GradedAnswer], *, calibrate: bool = False,
             progress: Callable[[Iterable], Iterable] = iter) -> AsagReport:
    """Score every answer and report agreement with the human scores."""
    evaluations = score_all(items, progress=progress)
    maxima = np.array([i.max_score for i in items])
    if calibrate:
        predicted = calibrated_shares(items, evaluations) * maxima
    else:
        predicted = np.array([e.share for e in evaluations]) * maxima
    return AsagReport(agreement(predicted, [i.score for i in items]), tuple(float(p) for p in predicted), calibrate)
