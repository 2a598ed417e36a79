"""Structure checks: word limit, introduction, body, conclusion, directive fit, coherence, language.

Each check returns a :class:`Check` with a score in [0, 1] and a message with numbers
a student can act on. All checks are lexical and pure; none needs a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from evaluator.rubric import Question
from evaluator.settings import ScoringSettings
from evaluator.text import AnalysedText, english_vocabulary, lemma_set

CONCLUSION_MARKERS = (
    "in conclusion", "to conclude", "way forward", "way ahead", "thus", "therefore", "hence", "overall",
    "going forward", "to sum up", "in sum", "in short", "ultimately", "all in all", "in the long run",
    "the road ahead", "on balance", "need to", "needs to", "should",
)
COUNTER_MARKERS = (
    "however", "but", "although", "though", "on the other hand", "challenge", "concern", "limitation",
    "criticism", "critics", "drawback", "hurdle", "constraint", "risk", "yet", "nevertheless", "despite",
    "whereas", "downside", "obstacle", "friction", "irritant", "caution", "not without",
)
EXPLANATION_MARKERS = (
    "because", "since", "thereby", "which", "through", "enable", "help", "lead to", "leads to", "allow",
    "so that", "by", "as a result", "means", "refers to", "aims to", "in order to",
)
CRITICAL = {"critically examine", "critically analyse", "critically comment", "evaluate", "to what extent", "justify", "comment"}
EXPLANATORY = {"explain", "elucidate", "describe", "highlight", "enumerate", "illustrate", "outline"}

MIN_WORDS_FOR_LANGUAGE = 8
MIN_UNIT_WORDS = 6  # shorter paragraphs are headings or fragments
MIN_NEW_SHARE = 0.3  # an answer echoing the question must add this share of new content words
# how much each check counts towards the structure score
CHECK_WEIGHTS = {"length": 0.2, "introduction": 0.15, "body": 0.15, "conclusion": 0.2, "directive": 0.3}


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    score: float
    message: str


@dataclass(frozen=True)
class StructureReport:
    """Outcome of the structure checks and the answer-level red flags."""

    word_count: int
    word_limit: int
    checks: tuple[Check, ...]
    coherence: float  # 1 for prose, near 0 for a bare list of keywords
    is_keyword_list: bool
    copies_question: bool
    english_share: float
    flags: tuple[str, ...] = field(default=())

    @property
    def score(self) -> float:
        """Weighted structure score in [0, 1] before the coherence factor."""
        return sum(CHECK_WEIGHTS[c.name] * c.score for c in self.checks) / sum(CHECK_WEIGHTS.values())

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)


@lru_cache(maxsize=8)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    # whole words only ("enthusiasm" is not "thus"); a stem such as "challenge" also matches "challenges"
    return re.compile(r"\b(?:" + "|".join(re.escape(m) + r"\w*" for m in markers) + r")\b")


def _has_any(text: str, markers: tuple[str, ...]) -> int:
    return len(_marker_pattern(markers).findall(" ".join(text.lower().split())))


def _substantive(answer: AnalysedText) -> list:
    """Paragraphs with at least MIN_UNIT_WORDS words: a bare heading is not an introduction or a conclusion."""
    return [p for p in answer.paragraphs if len(p.text.split()) >= MIN_UNIT_WORDS]


def _closing_text(answer: AnalysedText) -> str:
    """The unit that must conclude: the last substantive paragraph, or the last sentence of a single block."""
    paras = _substantive(answer)
    if len(paras) >= 2:
        return paras[-1].text
    last = answer.sentences[-1].text if answer.sentences else ""
    return last if len(last.split()) >= MIN_UNIT_WORDS else ""


def length_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """Word count against the limit: short answers lose breadth, long ones lose marks."""
    words, limit = answer.word_count, question.word_limit
    ratio = words / limit
    if ratio > 1 + settings.length_tolerance:
        over = ratio - 1
        score = max(0.0, 1 - settings.overlength_penalty * (over - settings.length_tolerance) * 2)
        return Check("length", False, score, f"{words} words, {over:.0%} over the {limit}-word limit: cut to about {limit}.")
    if ratio < 0.7:
        score = max(0.0, (ratio - 0.2) / 0.5)
        return Check("length", False, score,
                     f"{words} words, only {ratio:.0%} of the {limit}-word limit: develop your points to about {int(limit * 0.9)}-{limit} words.")
    if words > limit:
        return Check("length", True, 1.0, f"{words} words, {ratio - 1:.0%} over the {limit}-word limit but within the "
                                          f"tolerated {question.tolerated_words}; aim for {limit}.")
    return Check("length", True, 1.0, f"{words} words, within the {limit}-word limit.")


def introduction_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """A short opening paragraph that sets the context."""
    paras = _substantive(answer)
    if len(paras) >= 3 and len(paras[0].text.split()) <= 0.4 * max(1, answer.word_count):
        return Check("introduction", True, 1.0, "Opens with a separate introduction.")
    if len(answer.sentences) >= 4 and len(paras) == 2:
        return Check("introduction", False, 0.5, "Set your introduction apart: 1-2 sentences of context in their own paragraph.")
    return Check("introduction", False, 0.0,
                 "Add an introduction: 1-2 sentences of context (what happened, why it matters) in their own paragraph.")


def body_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """Several distinct points, as paragraphs or bullets."""
    paras = _substantive(answer)
    units = max(len(paras) - 2, 0) if len(paras) >= 3 else 0
    sentences = len(answer.sentences)
    if units >= 2 or (units >= 1 and sentences >= 6):
        return Check("body", True, 1.0, f"Body has {units} paragraph(s) or bullet(s) of points.")
    if sentences >= 5:
        return Check("body", False, 0.6, "Break the body into short paragraphs or bullets, one idea each, with subheadings.")
    return Check("body", False, 0.2 * min(sentences, 4) / 4,
                 "Write a body of several distinct points (paragraphs or bullets), each explained in a sentence or two.")


def conclusion_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """A closing paragraph that concludes or gives a way forward."""
    if len(answer.sentences) < 3:
        return Check("conclusion", False, 0.0, "End with a conclusion or 'Way forward' of 1-2 sentences.")
    if _has_any(_closing_text(answer), CONCLUSION_MARKERS):
        return Check("conclusion", True, 1.0, "Ends with a conclusion / way forward.")
    return Check("conclusion", False, 0.3,
                 "End with a clear conclusion or 'Way forward' paragraph (e.g. 'Way forward: ...', 'Thus, ...').")


def directive_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """Does the answer do what the directive word asks?"""
    directive, text = question.directive, answer.text
    counter, verdict = _has_any(text, COUNTER_MARKERS), _has_any(_closing_text(answer), CONCLUSION_MARKERS)
    if directive in CRITICAL:
        score = 0.5 * min(1.0, counter / 2) + 0.5 * (1.0 if verdict else 0.0)
        if score >= 0.99:
            return Check("directive", True, 1.0, f"'{directive}': weighs both sides and gives a verdict.")
        missing = [m for m, ok in (("counter-arguments or challenges (e.g. 'However, ...')", counter >= 2),
                                   ("a reasoned verdict at the end", verdict)) if not ok]
        return Check("directive", False, score, f"'{directive}' needs {' and '.join(missing)}.")
    if directive in EXPLANATORY:
        explains = _has_any(text, EXPLANATION_MARKERS)
        score = min(1.0, explains / 4)
        if score >= 0.99:
            return Check("directive", True, 1.0, f"'{directive}': explains how and why, not just what.")
        return Check("directive", False, score, f"'{directive}' asks how and why: link facts to effects ('which enables...', 'because...').")
    # discuss / examine / analyse: several dimensions, ideally with some balance
    dims = len(answer.paragraphs) + len(answer.sentences) // 4
    score = 0.7 * min(1.0, dims / 5) + 0.3 * min(1.0, counter)
    if score >= 0.99:
        return Check("directive", True, 1.0, f"'{directive}': covers several dimensions with some balance.")
    return Check("directive", False, score,
                 f"'{directive}' asks for several dimensions: give each its own paragraph and note at least one limitation or concern.")


def coherence(answer: AnalysedText) -> tuple[float, bool]:
    """Prose score in [0, 1] and whether the answer is a bare keyword list (few function words, many commas)."""
    words = answer.words
    if not words:
        return 0.0, False
    stop_share = sum(t.is_stop for t in words) / len(words)
    per_sentence = len(words) / max(1, len(answer.sentences))
    separators = answer.text.count(",") + answer.text.count(";") + answer.text.count("\n")
    listy = separators / len(words) > 0.25 and per_sentence < 25
    score = min(1.0, max(0.0, (stop_share - 0.12) / 0.18))
    if listy:
        score = min(score, 0.3)
    return score, (stop_share < 0.15 or listy) and len(words) >= 5


def copies_question(answer: AnalysedText, question: Question) -> bool:
    """True when the answer is (mostly) the question restated: it echoes the question and adds little of its own."""
    if answer.word_count > 2.5 * len(question.text.split()):
        return False
    if fuzz.token_set_ratio(answer.text.lower(), question.text.lower()) < 80:
        return False
    asked = lemma_set(question.text)
    content = [t.lemma for t in answer.words if not t.is_stop]
    new = [w for w in content if w not in asked]
    return len(new) < MIN_NEW_SHARE * max(1, len(content))


def english_share(answer: AnalysedText) -> float:
    """Share of the answer that is English: Devanagari and other scripts, and Hinglish, score low.

    Scripts are judged on any length; vocabulary only from ``MIN_WORDS_FOR_LANGUAGE`` lowercase
    words up, so that short technical answers ("n * log(n)") are not called foreign.
    """
    words = answer.words
    if not words:
        return 1.0
    latin = sum(bool(re.match(r"[a-z0-9]", t.lemma)) for t in words) / len(words)  # lemma: invisible characters dropped
    vocab = english_vocabulary()
    plain = [t for t in words if t.text.isalpha() and t.text.islower() and t.text.isascii()]
    if latin < 0.5 or len(plain) < MIN_WORDS_FOR_LANGUAGE:
        return latin
    return sum(t.lemma in vocab for t in plain) / len(plain)


def check_structure(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> StructureReport:
    """Run every structure check on an analysed answer."""
    checks = tuple(
        fn(answer, question, settings=settings)
        for fn in (length_check, introduction_check, body_check, conclusion_check, directive_check)
    )
    coh, listy = coherence(answer)
    copied = copies_question(answer, question)
    flags = tuple(f for f, on in (("keyword_list", listy), ("copied_question", copied)) if on)
    return StructureReport(answer.word_count, question.word_limit, checks, coh, listy, copied, english_share(answer), flags)
