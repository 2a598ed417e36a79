"""Short-answer grading benchmark: draft a rubric from each reference answer, score, compare with humans.

Input rows have ``question_id, question, reference_answer, student_answer, score, max_score``
(the layout of the Mohler data set; SemEval files add ``references``, every reference answer of a
question joined by `` ||| ``). Calibration maps evaluator features to the human scale with the
monotone model of :mod:`evaluator.agreement.calibration`, in one of two ways:

- ``calibrate``: cross-validation grouped by question within one file (a question's own answers
  never calibrate its predictions);
- ``train``: fitted on another file (the standard protocol: fit on the training split, predict the test split).

When every score is 0 or 1 out of 1 (correct / not correct labels) the report adds accuracy,
macro-F1 and AUC at a threshold chosen on training predictions (out-of-fold, grouped by question).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from evaluator.agreement.calibration import MonotoneModel, out_of_fold
from evaluator.agreement.metrics import (
    Agreement,
    BinaryAgreement,
    agreement,
    binary_agreement,
    choose_threshold,
    is_binary,
)
from evaluator.core.embedding import get_encoder
from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.core.signals import family_scores
from evaluator.io.tables import CsvError, read_csv_text
from evaluator.authoring.short_answer import draft_question, salient_terms
from evaluator.rubrics.model import Question

COLUMNS = ("question_id", "question", "reference_answer", "student_answer", "score", "max_score")
REFERENCES_COLUMN, REFERENCE_SEPARATOR = "references", " ||| "
CALIBRATION_FOLDS = 5
STABLE_QUESTIONS = 10  # grouped cross-validation over fewer questions than this is unstable
QUESTION_WORD_WEIGHT = 0.3  # weight of reference words the question also uses, in one alignment feature
LOG_WORDS_SCALE = 6.0  # log(1 + words) of a 400-word answer
PREDICTED_COLUMN = "predicted"


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
    references: tuple[str, ...] = ()  # every reference answer, when the file lists several
    fields: dict[str, str] = field(default_factory=dict, compare=False)  # the row as read, for --predictions

    @property
    def all_references(self) -> tuple[str, ...]:
        return self.references or (self.reference,)


@dataclass(frozen=True)
class AsagReport:
    agreement: Agreement
    predicted: tuple[float, ...]
    calibrated: bool
    binary: BinaryAgreement | None = None  # when the scores are correct / not-correct labels
    fitted_on: int = 0  # answers of another file the calibration was fitted on (0: none)

    def to_dict(self) -> dict[str, object]:
        """The figures that mean something for these scores: no QWK or within-one mark for binary labels."""
        data: dict[str, object] = self.agreement.to_dict()
        if self.binary is not None:
            for meaningless in ("qwk", "within_one"):
                data.pop(meaningless)
            data.update(self.binary.to_dict())
        data["calibrated"] = self.calibrated
        if self.fitted_on:
            data["fitted_on"] = self.fitted_on
        return data


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
        references = tuple(r.strip() for r in row[REFERENCES_COLUMN].split(REFERENCE_SEPARATOR) if r.strip())
        rows.append(GradedAnswer(row["question_id"], row["question"], row["reference_answer"],
                                 row["student_answer"], score, max_score, references,
                                 {c: row[c] for c in table.header}))
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

    (:func:`char_overlap` adds letter-trigram overlap.) With several reference answers, each figure is the best over them.
    """
    columns = 8
    pairs = [(n, r) for n, item in enumerate(items) for r in item.all_references]
    # references and questions repeat across a question's answers: their terms are found once
    terms = {text: set(salient_terms(text)) for text in {t for i in items for t in (*i.all_references, i.question)}}
    lexical = np.array([_lexical(items[n], r, terms) for n, r in pairs]) if pairs else np.zeros((0, 4))
    encoder = get_encoder()
    if encoder is None:
        rows = np.hstack([np.zeros((len(pairs), columns - lexical.shape[1])), lexical])
        return _best_per_answer(rows, pairs, len(items))
    answers, answer_tokens = encoder.encode_with_tokens([i.answer or "." for i in items])
    references = sorted({r for _, r in pairs})
    ref_vectors, ref_tokens = encoder.encode_with_tokens(references)
    index = {r: k for k, r in enumerate(references)}
    asked = {q: set(encoder.content_pieces(q)) for q in {i.question for i in items}}
    weights = {(r, items[n].question): None for n, r in pairs}
    for r, q in weights:
        weights[r, q] = np.array([QUESTION_WORD_WEIGHT if p in asked[q] else 1.0 for p in encoder.content_pieces(r)])
    rows = []
    for n, reference in pairs:
        k = index[reference]
        cosine = float(answers[n] @ ref_vectors[k])
        if len(answer_tokens[n]) and len(ref_tokens[k]):
            sims = ref_tokens[k] @ answer_tokens[n].T
            best = sims.max(axis=1)
            recall, precision = float(best.mean()), float(sims.max(axis=0).mean())
            new_recall = float(np.average(best, weights=weights[reference, items[n].question]))
        else:
            recall = precision = new_recall = 0.0
        rows.append([cosine, recall, precision, new_recall])
    return _best_per_answer(np.hstack([np.array(rows).reshape(-1, 4), lexical]), pairs, len(items))


def _best_per_answer(rows: np.ndarray, pairs: list[tuple[int, str]], n: int) -> np.ndarray:
    """Per answer, the best value of each column over its (answer, reference) rows."""
    best = np.full((n, rows.shape[1]), -np.inf)
    for row, (k, _) in zip(rows, pairs):
        best[k] = np.maximum(best[k], row)
    return best


def _lexical(item: GradedAnswer, reference_text: str, terms: dict[str, set[str]]) -> list[float]:
    """Lemma overlap with one reference (recall, recall of words not in the question, precision) and length.

    ``terms`` holds the salient terms of the item's references and question.
    """
    answer, reference = set(salient_terms(item.answer)), terms[reference_text]
    new = reference - terms[item.question] or reference
    shared = answer & reference
    return [len(shared) / max(1, len(reference)), len(answer & new) / max(1, len(new)),
            len(shared) / max(1, len(answer)), min(1.0, np.log1p(len(item.answer.split())) / LOG_WORDS_SCALE)]


CHAR_GRAM = 3


def _char_grams(text: str) -> set[str]:
    """Letter trigrams of the words, lower-cased: overlap that survives inflection, compounds and code-like names."""
    joined = " ".join(_WORD.findall(text.lower()))
    return {joined[k:k + CHAR_GRAM] for k in range(len(joined) - CHAR_GRAM + 1)}


def char_overlap(items: list[GradedAnswer]) -> np.ndarray:
    """Per answer, the share of the best reference's letter trigrams it uses (recall) and the share of its own
    trigrams found there (precision), each the best over the references.

    >>> char_overlap([GradedAnswer("q", "?", "stacks", "stack", 1, 1)]).round(2).tolist()
    [[0.75, 1.0]]
    """
    grams = {t: _char_grams(t) for t in {r for i in items for r in i.all_references}}
    rows = []
    for item in items:
        answer = _char_grams(item.answer)
        best = [0.0, 0.0]
        for reference in item.all_references:
            shared = len(answer & grams[reference])
            best = [max(best[0], shared / max(1, len(grams[reference]))), max(best[1], shared / max(1, len(answer)))]
        rows.append(best)
    return np.array(rows).reshape(-1, 2)


FEATURES = ("share", "content", "keyword", "meaning", "relevance", "length_vs_reference",
            "cosine", "align_recall", "align_precision", "align_recall_new", "lemma_recall", "lemma_recall_new",
            "lemma_precision", "log_words", "char_recall", "char_precision")
BASELINE_FEATURES = ("word_overlap_f1",)
_WORD = re.compile(r"[a-z0-9]+")


def word_overlap(answer: str, reference: str) -> float:
    """The plain baseline: F1 of the content words (lower-cased, English stop words dropped) of answer and reference.

    >>> word_overlap("The stack keeps the last item on top.", "A stack puts the new item on top.")
    0.571429
    """
    a, r = ({w for w in _WORD.findall(t.lower()) if w not in ENGLISH_STOP_WORDS} for t in (answer, reference))
    shared = len(a & r)
    return 0.0 if not shared else round(2 * shared / (len(a) + len(r)), 6)


def feature_matrix(items: list[GradedAnswer], *, baseline: bool = False,
                   progress: Callable[[Iterable], Iterable] = iter) -> np.ndarray:
    """One row per answer: the evaluator's and the whole-answer features (:data:`FEATURES`), or with
    ``baseline`` only the word overlap with the best-matching reference (:data:`BASELINE_FEATURES`).
    The first column is what an uncalibrated run reports as the predicted share."""
    if baseline:
        return np.array([[max(word_overlap(i.answer, r) for r in i.all_references)] for i in progress(items)])
    return _features(items, score_all(items, progress=progress))


def _features(items: list[GradedAnswer], evaluations: list[Evaluation]) -> np.ndarray:
    return np.hstack([np.array([features(e, i) for e, i in zip(evaluations, items)]).reshape(-1, 6),
                      whole_answer_features(items), char_overlap(items)])


def calibrated_shares(items: list[GradedAnswer], evaluations: list[Evaluation], *,
                      folds: int = CALIBRATION_FOLDS) -> np.ndarray:
    """Out-of-fold predictions of score / max_score, folds grouped by question id (no question calibrates itself)."""
    return _grouped_out_of_fold(_features(items, evaluations), items, folds=folds, names=FEATURES)


def _grouped_out_of_fold(x: np.ndarray, items: list[GradedAnswer], *, folds: int,
                         names: tuple[str, ...]) -> np.ndarray:
    groups = [i.question_id for i in items]
    if len(set(groups)) < 2:
        raise AsagError("calibration needs answers to at least two different questions")
    return out_of_fold(x, _shares(items), groups, folds=folds, names=names, grouped_only=True)


def _shares(items: Sequence[GradedAnswer]) -> np.ndarray:
    return np.array([i.score / i.max_score for i in items])


def run_asag(items: list[GradedAnswer], *, calibrate: bool = False, train: list[GradedAnswer] | None = None,
             baseline: bool = False, folds: int = CALIBRATION_FOLDS,
             progress: Callable[[Iterable], Iterable] = iter) -> AsagReport:
    """Score every answer and report agreement with the human scores.

    Args:
        items: the graded answers to predict.
        calibrate: map the features to the human scale by cross-validation grouped by question.
        train: fit the mapping on these answers instead (and predict ``items`` with it).
        baseline: predict from the plain word overlap with the reference alone, not the evaluator.
        folds: folds of the grouped cross-validation.
    """
    names = BASELINE_FEATURES if baseline else FEATURES
    x = feature_matrix(items, baseline=baseline, progress=progress)
    maxima = np.array([i.max_score for i in items])
    binary = is_binary([i.score for i in items], maxima)
    if train is not None:
        x_train = feature_matrix(train, baseline=baseline, progress=progress)
        shares = MonotoneModel.fit(x_train, _shares(train), names=names).predict(x)
        # the threshold comes from training predictions made the way test predictions are: without their question
        cut_shares, cut_items = _grouped_out_of_fold(x_train, train, folds=folds, names=names), train
    elif calibrate:
        shares = cut_shares = _grouped_out_of_fold(x, items, folds=folds, names=names)
        cut_items = items
    else:
        shares = cut_shares = x[:, 0]
        cut_items = items
    predicted = shares * maxima
    result = None
    if binary:
        cut_labels = [i.score for i in cut_items]
        threshold = choose_threshold(cut_shares, cut_labels) if is_binary(cut_labels, [i.max_score for i in cut_items]) \
            else 0.5
        result = binary_agreement(shares, [i.score for i in items], threshold)
    return AsagReport(agreement(predicted, [i.score for i in items]), tuple(float(p) for p in predicted),
                      calibrate or train is not None, result, len(train) if train is not None else 0)


def question_count(items: Iterable[GradedAnswer]) -> int:
    return len({i.question_id for i in items})


def predictions_table(items: Sequence[GradedAnswer], predicted: Sequence[float]) -> tuple[list[str], list[list[str]]]:
    """The input columns plus :data:`PREDICTED_COLUMN`, one row per answer, for ``--predictions``."""
    header = list(items[0].fields) if items else list(COLUMNS)
    header = [c for c in header if c != PREDICTED_COLUMN] + [PREDICTED_COLUMN]
    return header, [[i.fields.get(c, "") for c in header[:-1]] + [f"{p:.4f}"] for i, p in zip(items, predicted)]
