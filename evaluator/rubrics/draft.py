"""Drafting rubrics: key points and keywords from a model answer, and whole rubrics from an article.

Short reference answers (``draft_question``, the short-answer benchmark): clauses become points,
salient terms become keywords. Articles (``draft_rubric``): the article's themes become questions
the way UPSC sets them, its bullets key points a mentor would write, with weights, keywords a
student would use, and hints that advise. Words that already appear in the question are not
keywords: a student who repeats the question has not shown the answer ("question demoting").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from evaluator.core.settings import ScoringSettings
from evaluator.core.text import analyse
from evaluator.rubrics.article import Article, ArticleError, Bullet, Section, parse_article, section_role
from evaluator.rubrics.keywords import (
    Phrase,
    alias_key,
    candidate_runs,
    choose_concepts,
    content_lemmas,
    find_aliases,
    is_acronym,
    lower_words,
    overlap,
)
from evaluator.rubrics.model import MAX_ARTICLE_CHARS, Directive, KeyPoint, Question, Rubric
from evaluator.rubrics.syllabus import classify

__all__ = ["DRAFT_HEADER", "MAX_POINTS_PER_QUESTION", "SHORT_ANSWER_SETTINGS", "Article", "ArticleError", "Bullet",
           "Section", "draft_points", "draft_question", "draft_rubric", "find_aliases", "parse_article",
           "salient_terms", "section_role", "split_points"]


# spaCy's stop list holds words that carry meaning in an answer ("top of the stack", "last node")
MEANINGFUL_STOP_WORDS = frozenset({
    "top", "bottom", "front", "back", "first", "last", "next", "empty", "full", "move", "part", "side", "call",
    "name", "show", "put", "give", "take", "make", "keep", "above", "below", "up", "down", "over", "under",
    "before", "after", "less", "least", "most", "many", "few", "several", "whole", "serious", "alone",
})
MIN_POINT_WORDS = 3  # a clause with fewer content words joins its neighbour
MAX_KEYWORDS_PER_POINT = 6
_CLAUSE_BREAK = re.compile(r";|:|\s+(?:whereas|while|but)\s+", re.IGNORECASE)

# Short answers are judged on content alone: no introduction or conclusion is expected,
# length is not depth, a terse list of the right terms is a fair answer, and a perfect answer
# earns full marks. Similarity ramps and keyword share measured on the Mohler development set
# (README, "Accuracy").
SHORT_ANSWER_SETTINGS = ScoringSettings(structure_share=0.0, depth_exponent=0.0, top_share=1.0, keyword_weight=0.8,
                                        coherence_weight=0.0, specific_information_full=0, development_floor=1.0,
                                        substance_floor=1.0, spelling_penalty=0.0, semantic_full=0.8,
                                        alignment_floor=0.5, alignment_full=0.9, topic_floor=-1.0, topic_full=-0.99)


def salient_terms(text: str, *, exclude: set[str] = frozenset()) -> list[str]:
    """Content lemmas of ``text`` in order of first use, without stop words, numbers or ``exclude``.

    >>> salient_terms("To simulate the behaviour of portions of the software.", exclude={"software"})
    ['simulate', 'behaviour', 'portion']
    """
    seen: dict[str, None] = {}
    for tok in analyse(text).words:
        if (tok.is_stop and tok.lemma not in MEANINGFUL_STOP_WORDS) or len(tok.lemma) < 2 or tok.lemma.isdigit() or tok.lemma in exclude:
            continue
        seen.setdefault(tok.lemma, None)
    return list(seen)


def split_points(text: str) -> list[str]:
    """Sentences of ``text``, long ones cut at clause breaks; fragments too short to stand alone are merged."""
    pieces: list[str] = []
    for sentence in analyse(text).sentences:
        pieces.extend(p.strip(" ,.") for p in _CLAUSE_BREAK.split(sentence.text) if p and p.strip(" ,."))
    merged: list[str] = []
    for piece in pieces:
        if merged and len(salient_terms(piece)) < MIN_POINT_WORDS:
            merged[-1] = f"{merged[-1]}; {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and len(salient_terms(merged[0])) < MIN_POINT_WORDS:
        merged[1] = f"{merged[0]}; {merged[1]}"
        merged.pop(0)
    return merged or [text.strip()]


def draft_points(text: str, *, question: str = "") -> list[KeyPoint]:
    """Key points from a model answer: one per clause, keywords = its salient terms not in the question."""
    demoted = set(salient_terms(question)) if question else set()
    points = []
    for i, statement in enumerate(split_points(text)):
        terms = salient_terms(statement, exclude=demoted)[:MAX_KEYWORDS_PER_POINT]
        weight = float(min(3, max(1, len(terms))))
        points.append(KeyPoint(
            id=f"p{i + 1}",
            point=statement if len(statement) >= 3 else text.strip(),
            weight=weight,
            keywords=[[t] for t in terms],
            hint=f"Expected: {statement}",
        ))
    return points


def draft_question(question_id: str, question: str, reference: str, *, marks: float,
                   directive: Directive = "explain", word_limit: int | None = None) -> Question:
    """A rubric question drafted from a question and its reference (model) answer."""
    words = len(reference.split())
    return Question(
        id=question_id,
        text=question if len(question) >= 5 else f"Question {question_id}: {question}",
        directive=directive,
        marks=marks,
        word_limit=word_limit or max(30, 3 * words),
        key_points=draft_points(reference, question=question),
        scoring=SHORT_ANSWER_SETTINGS,
    )




# --- whole articles ------------------------------------------------------------------------------------------------
#
# Each theme of the article (its challenges, significance, features, measures taken, causes ...) becomes a
# question with a directive that fits it; its bullets become key points (one claim each, the bullet's
# label as the point's title); a critical, evaluative or examining question also gets a balance point
# (the other side, from another section) and a way-forward point. Fact lists and the news hook are not
# questions: the hook opens the main question's text.

DRAFT_HEADER = (
    "DRAFT rubric from an article, made by `python -m evaluator draft`. Review it before use:\n"
    "  - reword questions where the stem reads oddly, and check directives, marks and word limits;\n"
    "  - check each key point (one claim), its title, weight and keyword concepts, and add synonyms;\n"
    "  - add the standard facts and analysis mentors expect beyond the article, and misconceptions.\n"
    "Every key point's `source` is the article sentence it was drafted from."
)
MAX_QUESTIONS = 6
MIN_SECTION_POINTS = 2  # a section with fewer bullets is not a question of its own
MAX_CORE_POINTS = 8  # the section's own points; a balance and a way-forward point may come on top
MAX_POINTS_PER_QUESTION = MAX_CORE_POINTS + 2
LONG_QUESTION_POINTS = 6  # from this many key points a question is a 15-marker (250 words), else 10 (150)
RECURRING_OVERLAP = 0.25  # a bullet whose words overlap this much with another section's repeats a central idea
MAX_WEIGHT = 3.0
MAX_HOOK_WORDS = 40  # a longer opening sentence of the article is not quoted in the question
MAX_TITLE_CHARS = 80
UNNAMED_SUBJECT = "the issue"  # an article without a title or headings that name what it is about
LONG_CLAIM_WORDS = 35  # a longer first sentence is cut at a semicolon: one claim per point

Kind = Literal["challenges", "significance", "about", "measures", "causes", "background", "other", "way_forward"]
# which themes become questions first, when an article has more than MAX_QUESTIONS
_PRIORITY: tuple[Kind, ...] = ("challenges", "significance", "about", "measures", "causes", "background", "other",
                               "way_forward")
# words that make a bullet analysis rather than a supporting fact: causes, effects, limits, comparisons
_ANALYSIS_CUES = frozenset({
    "because", "since", "so", "therefore", "hence", "thus", "lead", "leave", "mean", "make", "cause", "result", "risk",
    "lack", "despite", "without", "limit", "weak", "unable", "cannot", "hard", "difficult", "depend", "expose",
    "undermine", "weaken", "strengthen", "reduce", "increase", "shift", "allow", "enable", "prevent", "while",
    "whereas", "but", "although", "though", "instead", "rather", "more", "less", "fail", "delay", "erode", "choke",
})
_CUE_HEADINGS = re.compile(  # headings that are only the theme's name: the question names the subject instead
    r"^(?:the\s+)?(?:key\s+|main\s+|major\s+|strategic\s+)?(?:challenges?|concerns?|issues|criticisms?|limitations?|"
    r"problems|obstacles?|hurdles?|significance|importance|benefits|way forward|way ahead|the road ahead|"
    r"measures taken|steps taken|key developments|developments|progress|government initiatives|"
    r"government approach|initiatives|background|about|overview|structure|features|key features|provisions|"
    r"key provisions|concerns and criticism|challenges and concerns)(?:\s+for india)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Plan:
    """A question to draft: its theme, the section it asks about and where its other points come from."""

    kind: Kind
    main: Section
    directive: Directive
    text: str
    balance: Section | None = None  # the other side: progress for a critique, limits for an evaluation
    forward: Section | None = None  # the way forward


@dataclass(frozen=True)
class _Context:
    """What every point of one article shares: acronyms, prelims terms, phrase counts, the subject."""

    article: Article
    subject: str
    aliases: list[list[str]]
    defined: frozenset[str]
    prelims: frozenset[str]
    frequency: dict[str, int]
    units: int
    lemma_sets: dict[int, set[str]]  # id(bullet) -> its content lemmas
    section_of: dict[int, int]  # id(bullet) -> index of its section


def draft_rubric(article: str, *, rubric_id: str | None = None, questions: int | None = None, source: str = "",
                 article_file: str = "", date: str = "") -> Rubric:
    """A draft rubric from an article: UPSC-like questions from its themes, key points from its bullets.

    Args:
        article: the article's text (title, section headings, bullets; "Prelims level" and "Mains level"
            lines and acronyms in brackets help).
        rubric_id: the rubric's id (default: from the article's subject).
        questions: at most this many questions (default: one per theme, up to six).
        source: where the article comes from, written to ``source:``.
        article_file: the article as a file relative to where the rubric will be saved; the article's text
            is embedded as ``article:`` when this is empty.
        date: when the article appeared (YYYY-MM-DD).

    Returns:
        A valid :class:`Rubric` at version 1 with default scoring settings, ``gs_paper`` and ``topics``.

    Raises:
        ArticleError: no bullets or paragraphs were found, or no section can be asked about.
    """
    parsed = parse_article(article)
    if not any(s.bullets for s in parsed.sections):
        raise ArticleError("no bullets or paragraphs found: an article needs sections of text to draft key points from")
    context = _context(parsed, article)
    plans = _plan_questions(parsed, context.subject, _hook(parsed), questions)
    if not plans:
        raise ArticleError("no section to ask about: an article needs a section (a heading with at least "
                           f"{MIN_SECTION_POINTS} bullets or paragraphs) beyond its introduction, facts and conclusion")
    drafted = [_question(f"Q{n}", plan, context) for n, plan in enumerate(plans, start=1)]
    drafted = _mix_marks(drafted, plans)
    body = " ".join(b.text for s in parsed.sections for b in s.bullets)
    gs_paper, topics = classify([parsed.kicker, parsed.title, parsed.mains], body)
    plain_subject = re.sub(r"^the\s+", "", context.subject, flags=re.IGNORECASE)
    return Rubric(id=rubric_id or _slug(plain_subject, 48) or _slug(parsed.topic, 48) or "drafted-rubric",
                  title=parsed.title, source=source or parsed.title, version=1, gs_paper=gs_paper, topics=topics,
                  date=date, article_file=article_file,
                  article="" if article_file else article.strip()[:MAX_ARTICLE_CHARS], questions=drafted)


# --- the article as a whole ----------------------------------------------------------------------------------------


def _context(parsed: Article, text: str) -> _Context:
    aliases = find_aliases(text)
    defined = frozenset(a for group in aliases for a in group if is_acronym(a))
    prelims = frozenset(alias_key(term) for term in re.split(r",|;|\betc\b", parsed.prelims) if term.strip())
    bullets = [(i, b) for i, s in enumerate(parsed.sections) for b in s.bullets]
    frequency: dict[str, int] = {}
    for _, bullet in bullets:
        for key in {p.key for p in _bullet_phrases(bullet, defined, prelims)}:
            frequency[key] = frequency.get(key, 0) + 1
    return _Context(parsed, _subject(parsed, aliases), aliases, defined, prelims, frequency, len(bullets),
                    {id(b): content_lemmas(" ".join((b.label, *b.sentences))) for _, b in bullets},
                    {id(b): i for i, b in bullets})


def _subject(parsed: Article, aliases: Sequence[list[str]]) -> str:
    """What the article is about, as a question names it: "the India Semiconductor Mission", "stubble burning".

    Candidates are the noun phrases of the title and of an "About X" / "What is X?" heading; the one
    the article's body uses most (with its acronym) wins.
    """
    body = " ".join(b.text for s in parsed.sections for b in s.bullets)
    low_body = " " + " ".join(re.findall(r"[\w-]+", body.lower())) + " "
    candidates: list[tuple[str, float]] = []
    for section in parsed.sections:
        named = _about_what(section.heading)
        if named:
            candidates.append((named, 2.0))
    headline = not re.search(r"[.!]$", parsed.title)  # without headings the "title" is the first sentence
    for phrase in candidate_runs(lower_words(parsed.topic)) if headline else []:
        candidates.append((phrase.text, 1.5))  # the title before its subtitle names the subject
    for phrase in candidate_runs(lower_words(parsed.title)) if headline else []:
        candidates.append((phrase.text, 0.0))
    best, best_score = "", 0.0
    for named, bonus in candidates:
        words = re.findall(r"[\w-]+", named.lower())
        words = words[1:] if words and words[0] == "the" else words
        if not words or words == ["india"]:
            continue
        count = low_body.count(f" {' '.join(words)} ")
        keys = {alias_key(" ".join(words))}
        for group in aliases:
            if {alias_key(a) for a in group} & keys:
                count += sum(len(re.findall(rf"\b{re.escape(a)}\b", body)) for a in group if is_acronym(a))
        score = count + bonus + 0.5 * (len(words) - 1)
        if count >= 1 and score > best_score:
            best, best_score = named, score
    if not best:
        return parsed.topic if headline else UNNAMED_SUBJECT
    return _as_written(best, body)


def _about_what(heading: str) -> str:
    """The thing an "About X" or "What is X?" heading names, unless it is a stand-in ("About the mission").

    >>> _about_what("About the India Semiconductor Mission (ISM)"), _about_what("What is green hydrogen?")
    ('the India Semiconductor Mission', 'green hydrogen')
    >>> _about_what("About the mission"), _about_what("Challenges")
    ('', '')
    """
    about = re.match(r"^(?:about|what is|what are)\s+(?P<x>.+?)\??$", heading, re.IGNORECASE)
    if not about:
        return ""
    named = re.sub(r"\s*\([^)]*\)", "", about.group("x")).strip()
    if re.fullmatch(r"(?:the\s+)?(?:mission|scheme|policy|programme|act|law|issue|problem|initiative)", named,
                    re.IGNORECASE):
        return ""
    return named


def _as_written(phrase: str, body: str) -> str:
    """A phrase as the body writes it most often, widened to the capitalised name it sits in ("schedule" -> "the
    Tenth Schedule", "council" -> "the GST Council"), with "the" when the body mostly puts one before it.

    >>> _as_written("schedule", "The Tenth Schedule was added. Under the Tenth Schedule, a member is disqualified.")
    'the Tenth Schedule'
    >>> _as_written("Green Hydrogen", "The National Green Hydrogen Mission backs green hydrogen; green hydrogen "
    ...             "is dear.")
    'green hydrogen'
    """
    words = re.findall(r"[\w'\u2019-]+", phrase)
    if words and words[0].lower() == "the":
        words = words[1:]
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b"
    forms: dict[str, list[bool]] = {}  # written form -> whether "the" came before, per occurrence
    mid: set[str] = set()  # forms seen inside a sentence, where capitals mean a name
    for m in re.finditer(pattern, body, re.IGNORECASE):
        start, end = m.start(), m.end()
        if m.group(0)[:1].isupper():  # a name: take in the capitalised words around it
            while (left := re.search(r"([A-Z][\w'\u2019-]*)\s+$", body[:start])) and not re.search(
                    r"(?:^|[.!?:]\s+)$", body[: left.start()]) and left.group(1) not in ("The", "A", "An"):
                start = left.start()
            while right := re.match(r"\s+([A-Z][\w-]*)(?![\w'\u2019])", body[end:]):
                end += right.end()
        written = body[start:end]
        opens_sentence = start == m.start() and bool(re.search(r"(?:^|[.!?:]\s+)$", body[:start]))
        forms.setdefault(written, []).append(bool(re.search(r"\bthe\s+$", body[:start], re.IGNORECASE)))
        if not opens_sentence:
            mid.add(written)
    inner = {f: n for f, n in forms.items() if f in mid} or forms
    if not forms:  # not in the body as such: the title's words, ordinary ones in lowercase
        return " ".join(w if is_acronym(w) or w.lower() not in _ordinary_words() else w.lower() for w in words)
    # a longer name counts the shorter mentions it contains ("the Schedule" is the Tenth Schedule)
    weight = {f: sum(len(n) for g, n in inner.items() if f.lower().endswith(g.lower())) for f in inner}
    written = max(inner, key=lambda f: (weight[f], len(f)))
    with_the = sum(forms[written]) > len(forms[written]) / 2
    return f"the {written}" if with_the else written


def _hook(parsed: Article) -> str:
    """The news hook: the first sentence of the article's context, if it is short enough to open a question."""
    for section in parsed.by_role("context"):
        for bullet in section.bullets:
            first = bullet.sentences[0].strip()
            if 8 <= len(first.split()) <= MAX_HOOK_WORDS and first.endswith((".", "?", "!")):
                return first
    return ""


# --- questions -----------------------------------------------------------------------------------------------------


def _plan_questions(parsed: Article, subject: str, hook: str, wanted: int | None) -> list[_Plan]:
    """One question per theme, by priority; in the article's order."""
    roles = {id(s): s.role for s in parsed.sections}
    askable = [s for s in parsed.sections if len(s.bullets) >= MIN_SECTION_POINTS
               and roles[id(s)] not in ("context", "facts", "conclusion")]
    forward = next((s for s in askable if roles[id(s)] == "way_forward"), None)
    first_of = {role: next((s for s in askable if roles[id(s)] == role), None)
                for role in ("challenges", "measures", "significance", "about")}
    plans: list[_Plan] = []
    used: set[int] = set()
    for kind in _PRIORITY:
        for section in askable:
            role = roles[id(section)]
            if id(section) in used or _kind_of(role) != kind:
                continue
            if kind == "way_forward" and (len(plans) >= 4 or any(p.forward is section for p in plans)):
                continue  # the way forward is part of the critical question; alone only to make up the number
            balance = {"challenges": first_of["measures"] or first_of["significance"] or first_of["about"],
                       "measures": first_of["challenges"]}.get(kind)
            directive, text = _stem(kind, section, subject, has_balance=balance is not None,
                                    has_forward=forward is not None and kind in ("challenges", "measures"))
            if kind == "challenges" and hook and not any(p.kind == "challenges" for p in plans):
                text = f"{hook} {text}"
            critical = directive.startswith("critically") or directive in ("evaluate", "examine")
            plans.append(_Plan(kind, section, directive, text, balance if critical else None,
                               forward if critical and section is not forward else None))
            used.add(id(section))
    limit = MAX_QUESTIONS if wanted is None else max(1, wanted)
    plans = plans[:limit]
    order = {id(s): i for i, s in enumerate(parsed.sections)}
    return sorted(plans, key=lambda p: order[id(p.main)])


def _kind_of(role: str) -> Kind:
    return role if role in _PRIORITY else "other"  # type: ignore[return-value]


def _stem(kind: Kind, section: Section, subject: str, *, has_balance: bool, has_forward: bool) -> tuple[Directive, str]:
    """The directive and the question's text for a theme, naming the subject as a student would read it.

    >>> _stem("challenges", Section("Challenges", ()), "the India Semiconductor Mission", has_balance=True,
    ...       has_forward=True)  # doctest: +NORMALIZE_WHITESPACE
    ('critically analyse',
     'Critically analyse the challenges facing the India Semiconductor Mission and suggest a way forward.')
    >>> _stem("significance", Section("Why semiconductors matter", ()), "semiconductors", has_balance=False,
    ...       has_forward=False)
    ('discuss', 'Discuss why semiconductors matter.')
    """
    if not section.heading.strip():  # paragraphs before any heading, or an article without headings
        concerning = "raised in the article" if subject == UNNAMED_SUBJECT else f"concerning {subject}"
        return "discuss", f"Discuss the main issues {concerning}."
    heading = re.sub(r"\s*\((?:[A-Z][A-Za-z0-9-]*|\d{4})\)\s*", " ", section.heading).strip()
    heading = re.sub(r"^(?:background|about)\s*:\s*", "", heading, flags=re.IGNORECASE).strip() or section.heading
    if kind == "challenges" and ":" in heading and _CUE_HEADINGS.match(heading.split(":")[0].strip()):
        heading = heading.split(":")[0].strip()  # "Challenges: the 3Fs and beyond"
    heading = re.sub(r"^the\s+", "", heading, flags=re.IGNORECASE)
    phrase = _sentence_case(heading)
    cue_only = bool(_CUE_HEADINGS.match(heading))
    mentions = bool(content_lemmas(heading) & content_lemmas(subject))
    refer_to = "" if mentions else f", with reference to {subject}"
    about_subject = "" if mentions else f" {'of' if len(heading.split()) <= 3 else 'with reference to'} {subject}"
    forward = " and suggest a way forward" if has_forward else ""
    asked = heading.endswith("?")
    why = heading.split()[0].lower() in ("why", "how")
    named = _about_what(section.heading)
    if kind == "about" and named and section.heading.lower().startswith("what"):
        return "explain", f"What is {named}? Explain its key features."
    if asked:
        refer = "" if mentions else f" with reference to {subject}"
        return "explain", f"{heading} Explain{refer}."
    if kind == "challenges":
        directive: Directive = "critically examine" if re.search(r"concern|criticism", heading, re.IGNORECASE) \
            else "critically analyse" if has_balance else "examine"
        if cue_only:
            cue = re.sub(r"\s+and\s+.*$", "", phrase).removeprefix("the ")
            joiner = "about" if re.search(r"concern|criticism", cue) else \
                "in tackling" if _names_a_problem(subject) else "facing"
            body = f"the {cue} {joiner} {subject}"
        else:
            body = f"the {phrase}{'' if mentions else ' of ' + subject}"
        return directive, f"{_opening(directive)} {body}{forward}."
    # "Why semiconductors matter" -> "Discuss why ..."; "Causes of depletion" -> "Explain the causes of ..."
    as_asked = f"{phrase[0].lower()}{phrase[1:]}{refer_to}" if why else \
        f"the {_subject_in(phrase, subject)}{about_subject}"
    if kind == "significance":
        if cue_only and not why:
            cue = re.sub(r"\s+for india$", "", phrase, flags=re.IGNORECASE).removeprefix("the ")
            for_india = "" if "india" in (heading + subject).lower() else " for India"
            return "discuss", f"Discuss the {cue} of {subject}{for_india}."
        return "discuss", f"Discuss {as_asked}."
    if kind == "about":
        if named or cue_only or re.match(r"^about\b", heading, re.IGNORECASE):
            return "explain", f"Explain the key features of {named or subject}."
        named = re.sub(r"^(?:understanding|overview of)\s+", "", phrase, flags=re.IGNORECASE)
        return "explain", f"Explain the {named.removeprefix('the ')}{about_subject}."
    if kind == "measures":
        directive = "evaluate" if has_balance else "discuss"
        low = phrase.lower()
        if re.search(r"development|progress|achievement|outcome|trend", low):
            joiner = "under" if re.search(r"mission|scheme|programme|policy", subject, re.IGNORECASE) else "in"
            body = f"the progress made {joiner} {subject}" if cue_only else f"the {phrase}{about_subject}"
        elif cue_only or re.search(r"taken|initiatives|steps", low):
            body = f"the {phrase.removeprefix('the ')} to address {subject}" if not mentions else f"the {phrase}"
        else:
            body = f"the {phrase}{'' if mentions else ' on ' + subject}"
        return directive, f"{_opening(directive)} {body}{forward}."
    if kind == "causes":
        return "explain", f"Explain {as_asked}."
    if kind == "background":
        through = re.match(r"^evolution\s+(?P<rest>(?:through|since|from)\s+.+)$", phrase, re.IGNORECASE)
        if through:
            return "discuss", f"Discuss the evolution of {subject} {through.group('rest')}."
        return "discuss", f"Discuss the evolution of {subject}."
    if kind == "way_forward":
        return "discuss", f"What should be the way forward for {subject}? Discuss."
    directive = "comment" if re.search(r"\bdebate\b|\bversus\b|\bvs\.?\b", phrase, re.IGNORECASE) else "discuss"
    return directive, f"{_opening(directive)} on the {phrase.removeprefix('the ')}{about_subject}." \
        if directive == "comment" else f"Discuss the {phrase.removeprefix('the ')}{about_subject}."


_PROBLEMS = re.compile(r"\b(?:extremism|insurgency|terrorism|depletion|burning|pollution|defection|corruption|"
                       r"poverty|malnutrition|crisis|shortage|degradation|violence|crime|deficit|unemployment|"
                       r"inflation|migration|trafficking|disease|flooding|drought)s?$", re.IGNORECASE)


def _names_a_problem(subject: str) -> bool:
    """Whether the subject is a problem to tackle ("stubble burning") rather than an effort that faces challenges."""
    return bool(_PROBLEMS.search(subject))


def _opening(directive: str) -> str:
    return directive[0].upper() + directive[1:]


def _subject_in(phrase: str, subject: str) -> str:
    """A heading's last word replaced by the subject it abbreviates: "causes of depletion" -> "causes of
    groundwater depletion"; "significance of the problem" -> "significance of stubble burning"."""
    plain = re.sub(r"^the\s+", "", subject, flags=re.IGNORECASE)
    last = phrase.split()[-1].lower()
    if re.search(r"\bthe (?:problem|issue|mission|scheme|policy|programme)$", phrase, re.IGNORECASE):
        return re.sub(r"\bthe \w+$", subject, phrase)
    if plain.lower().endswith(last) and plain.lower() != last and not phrase.lower().endswith(plain.lower()):
        return f"{phrase[: len(phrase) - len(last)]}{plain}"
    return phrase.removeprefix("the ")


def _sentence_case(heading: str) -> str:
    """Lowercase the first word of a heading when it is an ordinary word ("Key provisions of the Tenth Schedule" ->
    "key provisions of the Tenth Schedule"); names and acronyms keep their capitals ("India's case", "G4")."""
    words = heading.split()
    first = words[0] if words else ""
    plain = re.sub(r"[^A-Za-z-]", "", first).lower()
    forms = {plain, plain.removesuffix("s"), plain.removesuffix("es"), plain.removesuffix("ies") + "y"}
    ordinary = bool(forms & _ordinary_words()) and not plain.startswith("india")
    if words and ordinary and sum(c.isupper() for c in first) == 1 and first[:1].isupper():
        words[0] = first[0].lower() + first[1:]
    return " ".join(words)


def _ordinary_words() -> frozenset[str]:
    from evaluator.rubrics.keywords import _vocabulary_words

    return _vocabulary_words()


def _mix_marks(questions: list[Question], plans: list[_Plan]) -> list[Question]:
    """15 marks / 250 words for critical questions and those with many points, 10 / 150 for the rest; when all
    are alike, the question with the fewest points becomes a 10-marker (or the one with most a 15-marker)."""
    long = [p.directive.startswith("critically") or p.directive == "evaluate"
            or len(q.key_points) >= LONG_QUESTION_POINTS for q, p in zip(questions, plans, strict=True)]
    if len(questions) >= 2 and all(long):
        long[min(range(len(questions)), key=lambda k: (len(questions[k].key_points), -k))] = False
    elif len(questions) >= 2 and not any(long):
        long[max(range(len(questions)), key=lambda k: (len(questions[k].key_points), -k))] = True
    return [q.model_copy(update={"marks": 15.0 if big else 10.0, "word_limit": 250 if big else 150})
            for q, big in zip(questions, long, strict=True)]


# --- key points ----------------------------------------------------------------------------------------------------


def _question(question_id: str, plan: _Plan, context: _Context) -> Question:
    demoted = content_lemmas(plan.text) | content_lemmas(context.subject)
    used_ids: set[str] = set()
    taken: set[str] = set()  # keyword keys already given to a point of this question
    bullets = list(plan.main.bullets)
    if len(bullets) > MAX_CORE_POINTS:  # the most important, in the article's order
        keep = sorted(range(len(bullets)), key=lambda k: (-_weight(bullets[k], plan.main, context), k))
        bullets = [bullets[k] for k in sorted(keep[:MAX_CORE_POINTS])]
    points = []
    for bullet in bullets:
        concepts = _concepts(bullet, context, demoted, taken)
        points.append(_key_point(bullet, concepts, _weight(bullet, plan.main, context), plan.kind, context,
                                 used_ids))
    if plan.balance is not None:
        points.append(_balance_point(plan, context, demoted, taken, used_ids))
    if plan.forward is not None:
        points.append(_forward_point(plan.forward, context, demoted, taken, used_ids))
    return Question(id=question_id, text=plan.text, directive=plan.directive, marks=15, word_limit=250,
                    key_points=points)


def _bullet_phrases(bullet: Bullet, defined: frozenset[str], prelims: frozenset[str]) -> list[Phrase]:
    """Noun phrases of a bullet, scored: specific words, several words, capitalised names and labels win."""
    found: dict[str, Phrase] = {}
    for part, boost in ((bullet.label, 1.3), (bullet.sentences[0], 1.2), (" ".join(bullet.sentences[1:]), 1.0)):
        if not part:
            continue
        # in a Title Case label every word is capitalised: that says nothing about names
        title_case = part is bullet.label and sum(w[:1].isupper() for w in part.split()) > len(part.split()) / 2
        for phrase in candidate_runs(part, title_case=title_case, defined=defined, prelims=prelims,
                                     label=part is bullet.label):
            scored = Phrase(phrase.text, phrase.key, phrase.score * boost, phrase.words, phrase.proper, phrase.common)
            if scored.key not in found or found[scored.key].score < scored.score:
                found[scored.key] = scored
    return list(found.values())


def _concepts(bullet: Bullet, context: _Context, demoted: set[str], taken: set[str], *,
              limit: int | None = None) -> list[list[str]]:
    phrases = _bullet_phrases(bullet, context.defined, context.prelims)
    kwargs = {} if limit is None else {"limit": limit}
    concepts = choose_concepts(phrases, context.frequency, context.units, demoted, context.aliases, avoid=taken,
                               **kwargs)
    taken.update(alias_key(a) for c in concepts for a in c)
    return concepts


def _weight(bullet: Bullet, section: Section, context: _Context) -> float:
    """Importance: 1 for a supporting fact, 2 for analysis (causes, effects, limits), one more for an idea
    that other sections of the article come back to."""
    lemmas = {t.lemma for t in analyse(bullet.text).words}
    words = [t for t in analyse(bullet.sentences[0]).words]
    figures = sum(1 for t in words if t.lemma[:1].isdigit() or t.text.lower() in _FIGURE_WORDS)
    factual = figures >= max(2, len(words) // 8)
    weight = 1.0 if factual else (2.0 if lemmas & _ANALYSIS_CUES else 1.0)
    mine = context.lemma_sets.get(id(bullet), set())
    home = context.section_of.get(id(bullet))
    recurring = any(context.section_of[k] != home and overlap(mine, other) >= RECURRING_OVERLAP
                    for k, other in context.lemma_sets.items() if k != id(bullet))
    return min(MAX_WEIGHT, weight + (1.0 if recurring and not factual else 0.0))


_FIGURE_WORDS = frozenset({"crore", "lakh", "billion", "million", "per", "cent", "percent", "rs", "usd", "january",
                           "february", "march", "april", "june", "july", "august", "september", "october",
                           "november", "december"})


def _key_point(bullet: Bullet, concepts: list[list[str]], weight: float, kind: Kind, context: _Context,
               used_ids: set[str]) -> KeyPoint:
    statement = _claim(bullet)
    title = _title(bullet, concepts, statement)
    return KeyPoint(id=_point_id(title, used_ids), title=title, point=_clip(statement, 1000), weight=weight,
                    keywords=concepts, hint=_clip(_advice(kind, title, concepts, statement), 1000),
                    source=_clip(_source(bullet), 2000))


def _claim(bullet: Bullet) -> str:
    """One claim: the bullet's first sentence (with the next when it is very short), up to a semicolon that ends
    a complete clause."""
    first = bullet.sentences[0]
    if len(first.split()) < 8 and len(bullet.sentences) > 1:
        first = f"{first} {bullet.sentences[1]}"
    head, sep, _ = first.partition("; ")
    if sep and len(head.split()) >= 8 and len(first.split()) > LONG_CLAIM_WORDS:
        first = head.rstrip(",") + "."
    return first


def _source(bullet: Bullet) -> str:
    first = bullet.sentences[0]
    if len(first.split()) < 8 and len(bullet.sentences) > 1:
        first = f"{first} {bullet.sentences[1]}"
    return first


def _title(bullet: Bullet, concepts: list[list[str]], statement: str) -> str:
    """A short name for display: the bullet's label, else its first keyword, else its opening words."""
    if bullet.label:
        title = _label_title(bullet.label)
    elif concepts:
        title = concepts[0][0]
        title = title[0].upper() + title[1:]
    else:
        title = " ".join(statement.split()[:6]).rstrip(",.;:")
    return _clip(title, MAX_TITLE_CHARS)


def _label_title(label: str) -> str:
    """A Title Case label in sentence case ("Strategic Autonomy" -> "Strategic autonomy"); acronyms kept."""
    words = label.split()
    if len(words) > 1 and all(w[:1].isupper() or w.lower() in _ID_STOP_WORDS for w in words):
        words = [words[0]] + [w if is_acronym(w) else w.lower() for w in words[1:]]
    return " ".join(words)


def _phrase_of(title: str) -> str:
    """A title as it reads inside a sentence: "Capital intensity" -> "capital intensity", "CERT-In" as it is."""
    words = title.split()
    if words and not is_acronym(words[0]) and (len(words) == 1 or not words[1][:1].isupper()):
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)


def _advice(kind: Kind, title: str, concepts: list[list[str]], claim: str) -> str:
    """A hint that tells the student what to do (name it, explain its effect, give an example), with the terms
    to use; without terms, what to show.

    >>> _advice("challenges", "Capital intensity", [["payback periods"], ["fab"]], "A fab costs billions.")
    'Add capital intensity, mentioning payback periods and fab, and explain its consequence.'
    >>> _advice("measures", "Machinery subsidy", [], "A central scheme subsidises machines for farmers.")
    'Give machinery subsidy as an example and assess its effect: a central scheme subsidises machines for farmers.'
    """
    named = _phrase_of(title)
    # a concept by its acronym when it has one: "DLI", not "design linked incentive"
    shown = [next((a for a in c if is_acronym(a)), c[0]) for c in concepts]
    terms = [t for t in shown if alias_key(t) not in alias_key(title)][:2]
    what = f", mentioning {' and '.join(terms)}," if terms else ""
    show = "" if terms else f": {claim[:1].lower()}{claim[1:].rstrip('.')}"
    openings = {"challenges": (f"Add {named}", "and explain its consequence"),
                "significance": (f"Add {named}", "and explain why it matters"),
                "about": (f"Describe {named}", ""),
                "measures": (f"Give {named} as an example", "and assess its effect"),
                "causes": (f"Explain how {named} adds to the problem", ""),
                "way_forward": (f"Suggest {named}", "and say how it would help")}
    opening, ending = openings.get(kind, (f"Bring in {named}", "and explain its relevance"))
    if terms:
        return f"{opening}{what} {ending}".rstrip(", ") + "."
    return f"{opening}{' ' + ending if ending else ''}{show}."


def _balance_point(plan: _Plan, context: _Context, demoted: set[str], taken: set[str], used_ids: set[str]) -> KeyPoint:
    """The other side of a critical question: progress made (for a critique) or limits (for an evaluation)."""
    section = plan.balance
    assert section is not None
    bullets = list(section.bullets)[:4]
    concepts = [c for b in bullets for c in _concepts(b, context, demoted, taken, limit=1)][:3]
    best = max(bullets, key=lambda b: (_weight(b, section, context), -bullets.index(b)))
    labels = [_phrase_of(_label_title(b.label)) for b in bullets if b.label and b is not best][:2]
    if plan.kind == "measures":
        title, advice = "Limits of the measures", "Weigh the measures against their limits"
    else:
        title = "Counter-view: progress made" if section.role == "measures" else \
            "Counter-view: what it offers" if section.role == "significance" else "Counter-view"
        advice = "Balance the critique: acknowledge the other side"
    advice += f", such as {' and '.join(labels)}" if labels else ""
    advice += ", before giving your verdict."
    return KeyPoint(id=_point_id("counter-view" if plan.kind != "measures" else "limits", used_ids), title=title,
                    point=_clip(_claim(best), 1000), weight=1.0, keywords=concepts, hint=advice,
                    source=_clip(_source(best), 2000))


def _forward_point(section: Section, context: _Context, demoted: set[str], taken: set[str],
                   used_ids: set[str]) -> KeyPoint:
    """One way-forward point: the section's proposals by name, a keyword from each of the first few."""
    bullets = list(section.bullets)
    concepts = [c for b in bullets for c in _concepts(b, context, demoted, taken, limit=1)][:3]
    labels = [_phrase_of(_label_title(b.label)) for b in bullets if b.label]
    if len(labels) >= 2:
        statement = f"Way forward: {', '.join(labels[:-1])} and {labels[-1]}."
        advice = f"End with a way forward, e.g. {labels[0]} and {labels[1]}, saying how each would help."
    else:
        statement = _claim(bullets[0])
        advice = "End with a concrete way forward that answers the challenges you raised."
    return KeyPoint(id=_point_id("way-forward", used_ids), title="Way forward", point=_clip(statement, 1000),
                    weight=2.0, keywords=concepts, hint=advice, source=_clip(_source(bullets[0]), 2000))


def _point_id(title: str, used_ids: set[str]) -> str:
    base = _slug(" ".join(w for w in re.split(r"\s+", title) if w.lower() not in _ID_STOP_WORDS) or title, 32)
    base = base or "point"
    point_id, n = base, 1
    while point_id in used_ids:
        n += 1
        point_id = f"{base}-{n}"
    used_ids.add(point_id)
    return point_id


_ID_STOP_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "by", "at", "from"})


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _slug(text: str, limit: int) -> str:
    """A rubric id from text: lowercase words joined by hyphens, cut at a word boundary.

    >>> _slug("Strengthening U.S.-India Defence Partnership", 48)
    'strengthening-us-india-defence-partnership'
    """
    words = re.findall(r"[a-z0-9]+", text.lower().replace(".", ""))
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug
