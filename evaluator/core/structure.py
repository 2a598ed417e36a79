"""Structure checks: word limit, introduction, body, conclusion, directive fit, coherence, language.

Each check is a function ``check(answer, question, *, settings) -> Check`` with a score in [0, 1]
and a message with numbers a student can act on; :data:`CHECKS` lists them. All checks are
lexical and pure (none needs a model), and every number they use is a scoring setting.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from evaluator.core.lexicon import (
    HINDI_CONCLUSION_MARKERS,
    HINDI_COUNTER_MARKERS,
    HINDI_EXPLANATION_MARKERS,
    HINGLISH_WORDS,
)
from evaluator.core.results import Check, StructureReport
from evaluator.core.settings import ScoringSettings
from evaluator.core.text import (
    RARE_LOG_PROBABILITY,
    AnalysedText,
    Span,
    Token,
    english_vocabulary,
    lemma_set,
    log_probability,
    parts_of_speech,
)
from evaluator.rubrics.model import Question

CONCLUSION_MARKERS = (
    *HINDI_CONCLUSION_MARKERS, "in conclusion", "conclusion", "to conclude", "way forward", "way ahead", "thus", "therefore", "hence", "overall",
    "going forward", "to sum up", "in sum", "in short", "ultimately", "all in all", "in the long run",
    "the road ahead", "on balance", "need to", "needs to", "should",
)
COUNTER_MARKERS = (
    *HINDI_COUNTER_MARKERS, "however", "but", "although", "though", "on the other hand", "challenge", "concern", "limitation",
    "criticism", "critics", "drawback", "hurdle", "constraint", "risk", "yet", "nevertheless", "despite",
    "whereas", "downside", "obstacle", "friction", "irritant", "caution", "not without", "limits", "caveat",
    "counter-view", "counterview", "flip side", "other side", "weakness", "shortcoming", "gaps",
)
EXPLANATION_MARKERS = (
    *HINDI_EXPLANATION_MARKERS, "because", "since", "thereby", "which", "through", "enable", "help", "lead to", "leads to", "allow",
    "so that", "by", "as a result", "means", "refers to", "aims to", "in order to",
)
HEADING_WORDS = 5  # a sub-heading is at most this many words
BARE_TERM_WORDS = 2  # a line of one or two words that is not a heading is a bare term
LISTED_SHARE = 0.5  # an answer whose words stand mostly in lists of terms is a keyword list
CRITICAL = {"critically examine", "critically analyse", "critically comment", "evaluate", "to what extent", "justify", "comment"}
EXPLANATORY = {"explain", "elucidate", "describe", "highlight", "enumerate", "illustrate", "outline"}


@lru_cache(maxsize=8)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    # whole words only ("enthusiasm" is not "thus"); a stem such as "challenge" also matches "challenges"
    return re.compile(r"\b(?:" + "|".join(re.escape(m) + r"\w*" for m in markers) + r")\b")


def _has_any(text: str, markers: tuple[str, ...]) -> int:
    return len(_marker_pattern(markers).findall(" ".join(text.lower().split())))


def _substantive(answer: AnalysedText, settings: ScoringSettings) -> list[Span]:
    """Paragraphs with at least ``paragraph_min_words`` words: a bare heading is not an introduction or a conclusion."""
    return [p for p in answer.paragraphs if len(p.text.split()) >= settings.paragraph_min_words]


def _closing_text(answer: AnalysedText, settings: ScoringSettings) -> str:
    """The unit that must conclude: the last substantive paragraph with the heading over it ("Way forward",
    "Conclusion"), or the last sentence of a single block."""
    paras = _substantive(answer, settings)
    if len(paras) >= 2:
        last = paras[-1]
        # a short heading line right above the closing paragraph or its bullets names what it is
        headings = [p.text for p in answer.paragraphs if p.end <= last.start and
                    len(p.text.split()) < settings.paragraph_min_words]
        closing = [p for p in answer.paragraphs if p.start >= last.start]
        above = [p for p in answer.paragraphs if p.end <= last.start]
        heading = above[-1].text if above and above[-1].text in headings else ""
        if not heading and above:
            # "Way forward:" over several closing bullets: the nearest heading in the last third of the answer
            recent = [p for p in above if p.start >= 2 * len(answer.text) // 3 and p.text in headings]
            heading = recent[-1].text if recent else ""
        return " ".join([heading, *(p.text for p in closing)]).strip()
    last = answer.sentences[-1].text if answer.sentences else ""
    return last if len(last.split()) >= settings.paragraph_min_words else ""


def length_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """Word count against the limit: short answers lose breadth, long ones lose marks."""
    words, limit = answer.word_count, question.word_limit
    ratio = words / limit
    if ratio > 1 + settings.length_tolerance:
        over = ratio - 1
        # the marks lose overlength_penalty per 100% over the tolerance; overlength_floor of them cannot be lost
        lost = settings.overlength_penalty * (over - settings.length_tolerance) / (1 - settings.overlength_floor)
        return Check("length", False, max(0.0, 1 - lost),
                     f"{words} words, {over:.0%} over the {limit}-word limit: cut to about {limit}.")
    if ratio < settings.short_share:
        score = max(0.0, (ratio - settings.short_floor_share) / (settings.short_share - settings.short_floor_share))
        return Check("length", False, score,
                     f"{words} words, only {ratio:.0%} of the {limit}-word limit: develop your points to about {int(limit * 0.9)}-{limit} words.")
    if words > limit:
        return Check("length", True, 1.0, f"{words} words, {ratio - 1:.0%} over the {limit}-word limit but within the "
                                          f"tolerated {question.tolerated_words}; aim for {limit}.")
    return Check("length", True, 1.0, f"{words} words, within the {limit}-word limit.")


def introduction_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """A short opening paragraph that sets the context."""
    paras = _substantive(answer, settings)
    if len(paras) >= 3 and len(paras[0].text.split()) <= settings.intro_max_share * max(1, answer.word_count):
        return Check("introduction", True, 1.0, "Opens with a separate introduction.")
    if len(answer.sentences) >= settings.intro_min_sentences and len(paras) == 2:
        return Check("introduction", False, settings.intro_merged_credit,
                     "Set your introduction apart: 1-2 sentences of context in their own paragraph.")
    return Check("introduction", False, 0.0,
                 "Add an introduction: 1-2 sentences of context (what happened, why it matters) in their own paragraph.")


def body_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """Several distinct points, as paragraphs or bullets."""
    paras = _substantive(answer, settings)
    units = max(len(paras) - 2, 0) if len(paras) >= 3 else 0  # the first and last are introduction and conclusion
    sentences = len(answer.sentences)
    if units >= settings.body_min_units or (units >= 1 and sentences >= settings.body_min_sentences):
        return Check("body", True, 1.0, f"Body has {units} paragraph(s) or bullet(s) of points.")
    if sentences >= settings.body_unsplit_sentences:
        return Check("body", False, settings.body_unsplit_credit,
                     "Break the body into short paragraphs or bullets, one idea each, with subheadings.")
    return Check("body", False,
                 settings.body_fragment_credit * min(sentences, settings.body_fragment_sentences) / settings.body_fragment_sentences,
                 "Write a body of several distinct points (paragraphs or bullets), each explained in a sentence or two.")


def conclusion_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """A closing paragraph that concludes or gives a way forward."""
    if len(answer.sentences) < settings.conclusion_min_sentences:
        return Check("conclusion", False, 0.0, "End with a conclusion or 'Way forward' of 1-2 sentences.")
    if _has_any(_closing_text(answer, settings), CONCLUSION_MARKERS):
        return Check("conclusion", True, 1.0, "Ends with a conclusion / way forward.")
    return Check("conclusion", False, settings.conclusion_unmarked_credit,
                 "End with a clear conclusion or 'Way forward' paragraph (e.g. 'Way forward: ...', 'Thus, ...').")


def directive_check(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> Check:
    """Does the answer do what the directive word asks?"""
    directive, text = question.directive, answer.text
    counter = _has_any(text, COUNTER_MARKERS)
    verdict = _has_any(_closing_text(answer, settings), CONCLUSION_MARKERS)
    if directive in CRITICAL:
        balance = settings.critical_balance_share
        score = balance * min(1.0, counter / settings.critical_counter_markers) + (1 - balance) * (1.0 if verdict else 0.0)
        if score >= settings.check_pass_score:
            return Check("directive", True, 1.0, f"'{directive}': weighs both sides and gives a verdict.")
        missing = [m for m, ok in (("counter-arguments or challenges (e.g. 'However, ...')",
                                    counter >= settings.critical_counter_markers),
                                   ("a reasoned verdict at the end", verdict)) if not ok]
        return Check("directive", False, score, f"'{directive}' needs {' and '.join(missing)}.")
    if directive in EXPLANATORY:
        score = min(1.0, _has_any(text, EXPLANATION_MARKERS) / settings.explain_markers)
        if score >= settings.check_pass_score:
            return Check("directive", True, 1.0, f"'{directive}': explains how and why, not just what.")
        return Check("directive", False, score, f"'{directive}' asks how and why: link facts to effects ('which enables...', 'because...').")
    # discuss / examine / analyse: several dimensions, ideally with some balance
    dims = len(answer.paragraphs) + len(answer.sentences) // settings.sentences_per_dimension
    balance = settings.discuss_balance_share
    score = (1 - balance) * min(1.0, dims / settings.discuss_dimensions) + balance * min(1.0, counter)
    if score >= settings.check_pass_score:
        return Check("directive", True, 1.0, f"'{directive}': covers several dimensions with some balance.")
    return Check("directive", False, score,
                 f"'{directive}' asks for several dimensions: give each its own paragraph and note at least one limitation or concern.")


CHECKS = (length_check, introduction_check, body_check, conclusion_check, directive_check)


def _function_word(token: Token) -> bool:
    """English function words, and Hindi ones typed in Latin letters (hai, ke, aur): Hinglish is prose too."""
    return token.is_stop or token.text.lower() in HINGLISH_WORDS


def _headings(answer: AnalysedText) -> set[int]:
    """The sentences that are sub-headings: a few words ending with a colon ("Significance:"), or a few words
    without a full stop over a longer line ("Way forward" over its paragraph); a run of short lines is a list."""
    sentences = answer.sentences
    found = set()
    for i, s in enumerate(sentences):
        words = s.text.split()
        if not 0 < len(words) <= HEADING_WORDS:
            continue
        following = sentences[i + 1].text.split() if i + 1 < len(sentences) else []
        if s.text.endswith(":") or (not s.text.rstrip().endswith((".", "!", "?", ",")) and len(following) > HEADING_WORDS):
            found.add(i)
    return found


def coherence(answer: AnalysedText, *, settings: ScoringSettings) -> tuple[float, bool]:
    """Prose score in [0, 1] and whether the answer is a bare keyword list.

    Sub-headings are left out, and each line or sentence is judged on its own: a bullet of a full clause
    ("- Started in 2012 so that India would co-create") is prose, a line of terms separated by commas
    ("roadmap, co-production, INDUS-X, DTTI") is a list. An answer is a keyword list when most of its words
    stand in such lines, or when it has almost no function words at all.
    """
    headings = _headings(answer)
    units = [s for i, s in enumerate(answer.sentences) if i not in headings]
    by_unit = [[t for t in answer.words if t.sentence == i] for i, s in enumerate(answer.sentences)
               if i not in headings]
    words = [t for unit in by_unit for t in unit]
    if not words:
        return 0.0, False
    stop_share = sum(_function_word(t) for t in words) / len(words)
    listed = 0
    for unit, tokens in zip(units, by_unit, strict=True):
        separators = unit.text.count(",") + unit.text.count(";")
        unit_stops = sum(_function_word(t) for t in tokens) / max(1, len(tokens))
        if (tokens and separators / len(tokens) > settings.list_separator_share
                and unit_stops < settings.coherence_stop_full) or len(tokens) <= BARE_TERM_WORDS:
            listed += len(tokens)
    listy = listed / len(words) >= LISTED_SHARE
    span = settings.coherence_stop_full - settings.coherence_stop_floor
    score = min(1.0, max(0.0, (stop_share - settings.coherence_stop_floor) / span))
    # terse notes under sub-headings state one relation a line ("Union: one-third of votes", "ended June 2022"):
    # they are claims in note form, not a list of terms, and read as coherent as the share of words in them
    notes = 0.0
    if headings:
        claims = sum(len(tokens) for unit, tokens in zip(units, by_unit, strict=True) if _states_something(unit, tokens))
        notes = claims / len(words)
        score = max(score, notes)
    if listy:
        score = min(score, settings.list_coherence_cap)
    is_list = ((stop_share < settings.keyword_list_stop_share or listy) and len(words) >= settings.keyword_list_min_words
               and notes < LISTED_SHARE)
    return score, is_list


NOTE_WORDS = 2  # a note states something in at least this many words ("Founding member.", "China can block.")


def _states_something(unit: Span, tokens: list[Token]) -> bool:
    """A line that makes a claim in note form ("Enlarged once: 1965", "Most populous; largest democracy"): a few
    words that are not a run of terms separated by commas."""
    if len(tokens) < NOTE_WORDS:
        return False
    separators = unit.text.count(",") + unit.text.count(";")
    return separators < len(tokens) / 2


def copies_question(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> bool:
    """True when the answer is (mostly) the question restated: it echoes the question and adds little of its own."""
    if answer.word_count > settings.copied_question_length * len(question.text.split()):
        return False
    if fuzz.token_set_ratio(answer.text.lower(), question.text.lower()) < settings.copied_question_similarity:
        return False
    asked = lemma_set(question.text)
    content = [t.lemma for t in answer.words if not t.is_stop]
    new = [w for w in content if w not in asked]
    return len(new) < settings.copied_question_new_share * max(1, len(content))


def english_share(answer: AnalysedText, *, settings: ScoringSettings) -> float:
    """Share of the answer that is English: Devanagari and other scripts, and Hinglish, score low.

    Scripts are judged on any length; vocabulary only from ``language_min_words`` lowercase
    words up, so that short technical answers ("n * log(n)") are not called foreign.
    """
    words = answer.words
    if not words:
        return 1.0
    latin = sum(bool(re.match(r"[a-z0-9]", t.lemma)) for t in words) / len(words)  # lemma: invisible characters dropped
    vocab = english_vocabulary()
    plain = [t for t in words if t.text.isalpha() and t.text.islower() and t.text.isascii()]
    # too little Latin script cannot be English enough, whatever the words
    if latin < settings.min_english_share or len(plain) < settings.language_min_words:
        return latin
    return sum(t.lemma in vocab for t in plain) / len(plain)


def misspelt_words(answer: AnalysedText) -> list[str]:
    """Lowercase words no English word list knows ("techology", "millitary"): names, acronyms and terms written
    with capitals are not judged, and neither is Hinglish."""
    known = english_vocabulary()
    pos = parts_of_speech()
    found = []
    for t in answer.words:
        if not (t.text.isalpha() and t.text.islower() and t.text.isascii() and len(t.text) > 2):
            continue
        if t.lemma in known or any(t.lemma in words for words in pos.values()) or t.text in HINGLISH_WORDS:
            continue
        if log_probability(t.lemma) > RARE_LOG_PROBABILITY:
            continue
        found.append(t.text)
    return found


def repeated_words(answer: AnalysedText, *, settings: ScoringSettings) -> int:
    """Words in sentences that repeat an earlier sentence of the answer (padding: the same text pasted twice)."""
    seen: list[str] = []
    repeated = 0
    for i, _ in enumerate(answer.sentences):
        words = [t.lemma for t in answer.words if t.sentence == i]
        if len(words) < settings.repeat_min_words:
            continue
        key = " ".join(words)
        if seen and process.extractOne(key, seen, scorer=fuzz.ratio, score_cutoff=settings.repeat_similarity):
            repeated += len(words)
        seen.append(key)
    return repeated


def check_structure(answer: AnalysedText, question: Question, *, settings: ScoringSettings) -> StructureReport:
    """Run every structure check on an analysed answer, and the answer-level red flags."""
    checks = tuple(check(answer, question, settings=settings) for check in CHECKS)
    weights = settings.check_weights
    score = sum(weights[c.name] * c.score for c in checks) / settings.check_weight_total
    coh, listy = coherence(answer, settings=settings)
    copied = copies_question(answer, question, settings=settings)
    repeated = repeated_words(answer, settings=settings)
    misspelt = tuple(misspelt_words(answer))
    plain = sum(1 for t in answer.words if t.text.isalpha() and t.text.islower() and len(t.text) > 2)
    misspelt_share = len(misspelt) / plain if plain else 0.0
    spelling = misspelt_share > settings.spelling_tolerance
    flags = tuple(f for f, on in (("keyword_list", listy), ("copied_question", copied), ("repetition", repeated),
                                  ("spelling", spelling)) if on)
    return StructureReport(answer.word_count, question.word_limit, checks, score, coh, listy, copied,
                           english_share(answer, settings=settings), flags, repeated, misspelt_share, misspelt)
