"""Turn an evaluation into sentences a student can act on.

In order: the summary; red flags (off the question, written for another question, copied from the
source, wrong facts, Hinglish, padding, a restated question, a keyword list); points the answer gets
wrong (quoting the sentence and stating the correct fact); points covered (quoting the answer); points
to develop and points missing (with the rubric's hints, the weightiest first); structure advice; and,
when nothing else is left to improve, how to go beyond a covered answer. Below full marks there is
always at least one thing to improve.
"""

from __future__ import annotations

import re

from evaluator.core.results import ClaimCheck, Evaluation, FeedbackItem, PointResult
from evaluator.core.settings import ScoringSettings
from evaluator.core.stages import timed
from evaluator.core.translations import TEMPLATES, FeedbackTemplates
from evaluator.rubrics.model import Question

QUOTE_CHARS = 110
IMPROVING_KINDS = frozenset({"contradicted", "partial", "missing", "structure", "improve"})




def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _sentence(text: str) -> str:
    return text.strip().rstrip(".")


@timed("feedback")
def build_feedback(evaluation: Evaluation, question: Question, *, settings: ScoringSettings) -> tuple[FeedbackItem, ...]:
    """Every feedback line of an evaluation (see the module docstring for the order)."""
    lines = TEMPLATES["hi" if "hindi" in evaluation.flags else "en"]  # a Hindi-medium answer is told in Hindi
    items: list[FeedbackItem] = [_summary(evaluation, lines)]
    items.extend(_warnings(evaluation, question, settings, lines))
    by_status = {s: [p for p in evaluation.points if p.status == s]
                 for s in ("contradicted", "covered", "partial", "missing")}
    for p in by_status["contradicted"]:
        items.append(FeedbackItem("contradicted", _wrong(p, evaluation, lines), p.id))
    # a wrong fact in a point that is still covered in the rest of what the answer says of it
    for c in evaluation.claims:
        if c.verdict == "wrong" and c.point_id not in {p.id for p in by_status["contradicted"]}:
            items.append(FeedbackItem("contradicted", lines.wrong_prefix + _claim(c), c.point_id or None))

    for p in by_status["covered"]:
        ev = p.best_evidence
        quote = lines.you_wrote.format(quote=_quote(ev.context or ev.text)) if ev else ""
        items.append(FeedbackItem("covered", lines.covered.format(point=_sentence(p.point)) + quote, p.id))
    for p in by_status["partial"]:
        items.append(FeedbackItem("partial", lines.partial.format(point=_sentence(p.point), hint=p.hint).strip(),
                                  p.id))
    for p in sorted(by_status["missing"], key=lambda p: -p.weight):
        items.append(FeedbackItem("missing", lines.missing.format(point=_sentence(p.point), hint=p.hint).strip(),
                                  p.id))
    structure = evaluation.structure
    if structure is not None:
        items.extend(FeedbackItem("structure", c.message) for c in structure.checks if not c.passed)
    if "subject_not_named" in evaluation.flags and question.subject:
        items.append(FeedbackItem("structure", f"Name what the question is about: this answer never mentions "
                                                f"{question.subject[0]}. Examiners look for the question's own terms, "
                                                "above all in the introduction."))
    if evaluation.marks < evaluation.max_marks and not any(i.kind in IMPROVING_KINDS for i in items):
        items.append(_beyond(evaluation, question))
    return tuple(items)


def _summary(evaluation: Evaluation, lines: FeedbackTemplates) -> FeedbackItem:
    count = {s: sum(p.status == s for p in evaluation.points) for s in ("covered", "partial", "missing", "contradicted")}
    wrong = lines.wrong_count.format(n=count["contradicted"]) if count["contradicted"] else ""
    return FeedbackItem("summary", lines.summary.format(
        marks=f"{evaluation.marks:g}", max=f"{evaluation.max_marks:g}", covered=count["covered"],
        total=len(evaluation.points), partial=count["partial"], missing=count["missing"], wrong=wrong))


def technical_terms(question: Question, *, limit: int = 3) -> list[str]:
    """The question's own acronyms and coded terms as its key points write them (iCET, DTTI, GSTN), weightiest points
    first: the examples of terms to write as the rubric does (never another question's).

    >>> from evaluator import load_rubric
    >>> technical_terms(load_rubric("rubrics/india_us_defence.yaml").question("Q2"))
    ['iCET', 'STEM', 'DTTI']
    """
    terms: list[str] = []
    for point in sorted(question.key_points, key=lambda p: -p.weight):
        for word in re.findall(r"[\w-]+", f"{point.point} {point.hint}"):
            word = word.strip("-")
            coded = any(len(part) >= 3 and sum(c.isupper() for c in part) >= 2 for part in word.split("-"))
            if coded and word not in terms:  # "INDUS-X" and "iCET", not "Indo-Pacific" or "India-US"
                terms.append(word)
    return terms[:limit]


def _warnings(evaluation: Evaluation, question: Question, settings: ScoringSettings,
              lines: FeedbackTemplates = TEMPLATES["en"]) -> list[FeedbackItem]:
    flags = set(evaluation.flags)
    structure = evaluation.structure
    warnings = []
    if evaluation.better_question:
        warnings.append(f"This answer fits question {evaluation.better_question} of this rubric better than the one "
                        "you chose, so it is marked as off this question. Check the question you are answering.")
    elif evaluation.relevance < settings.off_topic_warning:
        warnings.append("Most of this answer is off the question: only a few sentences touch its key points. "
                        f"Re-read the question ({question.directive}) and answer what it asks.")
    if "copied_source" in flags:
        warnings.append(f"About {evaluation.copied_share:.0%} of this answer is copied word for word from the source "
                        "article. Copied text earns only part of the credit and no marks for structure: write the "
                        "points in your own words, with your own analysis.")
    if "wrong_claims" in flags:
        warnings.append("Some of what you wrote contradicts the facts (see the points marked wrong below). Examiners "
                        "take marks off for wrong facts: check names, years and who did what.")
    if "hinglish" in flags:
        warnings.append("This is written in Hinglish (Hindi in Latin letters). UPSC accepts answers in English or in "
                        f"Hindi (Devanagari script): the content is marked here, but only {settings.hinglish_factor:.0%} "
                        "of the marks are given. Rewrite it in English or in Devanagari.")
    if "hindi" in flags:  # the terms named are this question's own
        terms = technical_terms(question)
        warnings.append(lines.medium_note + (lines.terms_example.format(terms=", ".join(terms)) if terms else ""))
    if structure is not None and structure.repeated_words:
        warnings.append(f"{structure.repeated_words} words repeat sentences you already wrote. Repetition earns nothing "
                        "and costs marks as padding: say each point once.")
    if structure is not None and "spelling" in flags:
        shown = ", ".join(list(dict.fromkeys(f"'{w}'" for w in structure.misspelt))[:5])
        warnings.append(f"{structure.misspelt_share:.0%} of your words look misspelt ({shown}). Examiners mark down "
                        "careless language: check spellings, above all of the key terms.")
    if "hidden_characters" in flags:
        warnings.append("This answer has invisible or look-alike characters inside its words (zero-width spaces, "
                        "soft hyphens, Cyrillic letters that look Latin); they were removed before marking. Type "
                        "your answer rather than pasting it.")
    if structure is not None and structure.copies_question:
        warnings.append("This mostly restates the question. Answer it: give facts, arguments and a conclusion.")
    elif structure is not None and structure.is_keyword_list:
        warnings.append("This reads as a list of keywords. Examiners mark explained points: write full sentences "
                        "that say what each term is and why it matters.")
    return [FeedbackItem("warning", w) for w in warnings]


def _claim(check: ClaimCheck) -> str:
    """A wrong claim: what the student wrote and what the source gives, e.g. 'you wrote "Russia" ("Malabar now
    includes Russia"); the source gives India, the US, Japan and Australia (Malabar: participants).'"""
    if check.by == "judge":
        return f'"{_quote(check.clause)}" contradicts the key point. Correct: {_sentence(check.expected)}.'
    source = f' The source: "{_quote(check.source)}".' if check.source else ""
    return (f'you wrote {check.wrote} ("{_quote(check.clause)}"); the source gives {check.expected} '
            f"({check.subject}: {check.attribute}).{source}")


def _wrong(point: PointResult, evaluation: Evaluation, lines: FeedbackTemplates = TEMPLATES["en"]) -> str:
    """The line for a contradicted point: what is wrong in what the student wrote, and the correct fact."""
    wrong = [c for c in evaluation.claims if c.verdict == "wrong" and c.point_id == point.id]
    if not wrong:
        return lines.wrong_plain.format(point=_sentence(point.point))
    return f"{lines.wrong_prefix}{_claim(wrong[0])} " + lines.correct.format(point=_sentence(point.point))


def _beyond(evaluation: Evaluation, question: Question) -> FeedbackItem:
    """What a covered answer can still add: the least developed point, made with specifics."""
    weakest = min(evaluation.points, key=lambda p: (p.score, -p.weight), default=None)
    if weakest is None:
        return FeedbackItem("improve", "To go higher: substantiate every point with a fact, a figure or an example.")
    return FeedbackItem("improve", f"To go higher — {_sentence(weakest.point)}: make it with a specific fact, figure, "
                                   f"report or example, and link it to the '{question.directive}' asked. "
                                   f"{weakest.hint}".strip(), weakest.id)
