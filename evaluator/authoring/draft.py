"""Drafting a whole rubric from an article: UPSC-like questions from its themes, key points from its bullets.

The article's themes (its challenges, significance, provisions or recommendations, background ...)
become questions the way UPSC sets them, naming the article's own subject; its bullets become key
points a mentor would write (one claim with its supporting sentences, weighted by how much of the
article comes back to it), with keywords a student would use and hints that advise; a critical
question gets a counter-view from the other side of the argument and a way-forward point from the
article's way-forward section. Each point also carries the misconceptions and the checkable facts
the article supports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from evaluator.authoring.article import (
    LAYOUT_NEEDED,
    Article,
    ArticleError,
    Bullet,
    Section,
    layout_found,
    normalise_layout,
    parse_article,
    section_role,
)
from evaluator.authoring.keywords import (
    TERM_OF_ART_LOG_PROBABILITY,
    Phrase,
    alias_key,
    alias_words,
    candidate_runs,
    choose_concepts,
    content_lemmas,
    find_aliases,
    is_acronym,
    is_name_piece,
    vocabulary_words,
)
from evaluator.authoring.facts import (DraftFact, Instrument, article_instrument, heading_name, instrument_facts,
                                       parent_bodies, propose_facts)
from evaluator.authoring.misconceptions import reversed_claims
from evaluator.authoring.places import is_place_name, is_setting
from evaluator.authoring.subject import UNNAMED_SUBJECT, about_what, article_subject
from evaluator.authoring.syllabus import classify
from evaluator.core.factcheck import check_facts
from evaluator.core.text import analyse, log_probability, parts_of_speech
from evaluator.rubrics.model import MAX_ARTICLE_CHARS, Directive, KeyPoint, Question, Rubric
from evaluator.rubrics.yaml_edit import rubric_to_yaml

__all__ = ["DRAFT_HEADER", "draft_yaml", "MAX_POINTS_PER_QUESTION", "Article", "ArticleError", "Bullet", "Section", "draft_rubric",
           "find_aliases", "parse_article", "section_role"]


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
    "  - check every proposed fact (a wrong fact marks correct answers wrong) and misconception;\n"
    "  - add the standard facts and analysis mentors expect beyond the article.\n"
    "Every key point's `source` is the article sentence it was drafted from."
)
MAX_QUESTIONS = 6
MIN_SECTION_POINTS = 2  # a section with fewer bullets is not a question of its own
MAX_CORE_POINTS = 8  # the section's own points; a balance and a way-forward point may come on top
MAX_POINTS_PER_QUESTION = MAX_CORE_POINTS + 2
LONG_QUESTION_POINTS = 6  # from this many key points a question is a 15-marker (250 words), else 10 (150)
CENTRAL_SHARE = 0.8  # a bullet with more support than this share of the article's bullets is a central idea
MAX_WEIGHT = 3.0
MAX_HOOK_WORDS = 40  # a longer opening sentence of the article is not quoted in the question
MAX_TITLE_CHARS = 80
MAX_SUBJECT_ALIASES = 6  # a drafted question names its subject by at most this many aliases
LONG_CLAIM_WORDS = 35  # a longer first sentence is cut at a semicolon: one claim per point
SETTING_SHARE = 0.2  # a phrase in more of the article's bullets than this names its setting ("Lok Sabha"), not a point
SETTING_MIN_BULLETS = 4  # ... in at least this many
MAX_REFERENCE_CONCEPTS = 2  # constitutional articles and amendments, on top of a point's keyword concepts
MAX_CLAIM_WORDS = 60  # a point keeps its bullet's supporting sentences up to this length

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
    support: dict[int, float]  # id(bullet) -> how much of the rest of the article comes back to its words
    central: float  # the support from which a bullet is among the article's central ideas
    instrument: Instrument | None = None  # the law or Bill the article is about: "The Act ..." means it
    bodies: tuple[tuple[str, ...], ...] = ()  # the bodies the article says others work under
    said: frozenset[str] = frozenset()  # the lemmas of the article's sentences (not its headings and labels)
    text: str = ""  # the article as drafted from
    possessed: frozenset[str] = frozenset()  # the first one to four words after each "its", "their"... (lowercase)
    proposals: frozenset[int] = frozenset()  # id() of the way-forward section's bullets: their sentences may order
    prose: str = ""  # the article's sentences, a bullet a line: what it says, not its headings and labels


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
    if len(article) > MAX_ARTICLE_CHARS:  # drafting is linear in the article's size; this bounds it
        raise ArticleError(f"the article is {len(article):,} characters; drafting reads up to {MAX_ARTICLE_CHARS:,}: "
                           "paste the article itself, without the rest of the page")
    original, article = article, normalise_layout(article)
    parsed = parse_article(article)
    if not any(s.bullets for s in parsed.sections):
        raise ArticleError(f"no bullets or paragraphs found ({layout_found(parsed)}). {LAYOUT_NEEDED}")
    context = _context(parsed, article)
    plans = _plan_questions(parsed, context.subject, _hook(parsed), questions)
    if not plans:
        raise ArticleError(f"no section to ask about ({layout_found(parsed)}). {LAYOUT_NEEDED}")
    drafted = [_question(f"Q{n}", plan, context) for n, plan in enumerate(plans, start=1)]
    drafted = _mix_marks(drafted, plans)
    drafted = _borne_out(_article_facts(drafted, context), article)
    body = " ".join(b.text for s in parsed.sections for b in s.bullets)
    gs_paper, topics = classify([parsed.kicker, parsed.title, parsed.mains], body)
    plain_subject = re.sub(r"^the\s+", "", context.subject, flags=re.IGNORECASE)
    return Rubric(id=rubric_id or _slug(plain_subject, 48) or _slug(parsed.topic, 48) or "drafted-rubric",
                  title=parsed.title, source=source or parsed.title, version=1, gs_paper=gs_paper, topics=topics,
                  date=date, article_file=article_file,
                  article="" if article_file else original.strip(), questions=drafted)


def draft_yaml(rubric: Rubric, *, header: str = DRAFT_HEADER) -> str:
    """The draft as YAML for a mentor to review: the header comment, then the rubric with each key point's proposed
    misconceptions and facts (each fact with the article sentence it came from)."""
    return rubric_to_yaml(rubric, header=header)


# --- the article as a whole ----------------------------------------------------------------------------------------


def _context(parsed: Article, text: str) -> _Context:
    aliases = find_aliases(text)
    defined = frozenset(a for group in aliases for a in group if is_acronym(a))
    prelims = frozenset(alias_key(term) for term in re.split(r",|;|\betc\b", parsed.prelims) if term.strip())
    bullets = [(i, b) for i, s in enumerate(parsed.sections) for b in s.bullets]
    frequency: dict[str, int] = {}
    proposals = frozenset(id(b) for s in parsed.sections if s.role == "way_forward" for b in s.bullets)
    for _, bullet in bullets:
        for key in {p.key for p in _bullet_phrases(bullet, defined, prelims, proposal=id(bullet) in proposals)}:
            frequency[key] = frequency.get(key, 0) + 1
    subject = article_subject(parsed, aliases)
    support = _support(bullets, content_lemmas(subject) | content_lemmas(parsed.title))
    ranked = sorted(support.values())
    central = ranked[int(len(ranked) * CENTRAL_SHARE)] if ranked else 0.0
    opening = next((b.sentences[0] for sec in parsed.by_role("context") for b in sec.bullets if b.sentences), "")
    instrument = article_instrument([parsed.title, opening], text, aliases)
    prose = "\n".join(" ".join(b.sentences) for _, b in bullets)
    said = frozenset(t.lemma for t in analyse(prose).tokens if t.is_word)
    # what follows a possessive, in one pass: only a phrase found here can be one the article always writes as owned
    possessed = frozenset(" ".join(m.group(1).lower().split()[:n]) for m in _POSSESSED.finditer(text)
                          for n in range(1, 5))
    return _Context(parsed, subject, aliases, defined, prelims, frequency, len(bullets), support, central,
                    instrument, tuple(parent_bodies(text)), said, text, possessed, proposals, prose)


def _support(bullets: list[tuple[int, Bullet]], common: set[str]) -> dict[int, float]:
    """For each bullet, how many bullets of other sections use its words, on average over its content words (the
    subject's and the title's words left out: every bullet uses them). One pass to count, one to read: linear."""
    words = {id(b): content_lemmas(" ".join((b.label, *b.sentences))) - common for _, b in bullets}
    total: dict[str, int] = {}
    in_section: dict[tuple[int, str], int] = {}
    for section, bullet in bullets:
        for lemma in words[id(bullet)]:
            total[lemma] = total.get(lemma, 0) + 1
            in_section[section, lemma] = in_section.get((section, lemma), 0) + 1
    return {id(b): sum(total[w] - in_section[s, w] for w in words[id(b)]) / len(words[id(b)]) if words[id(b)] else 0.0
            for s, b in bullets}


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
    # a way forward written as one paragraph of several proposals ("What next?") is one too
    forward = next((s for s in parsed.sections if roles[id(s)] == "way_forward" and s.bullets
                    and (len(s.bullets) >= MIN_SECTION_POINTS or len(s.bullets[0].sentences) >= 2)), None)
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
    heading = _named_in(re.sub(r"^the\s+", "", heading, flags=re.IGNORECASE), subject)
    phrase = _sentence_case(heading)
    cue_only = bool(_CUE_HEADINGS.match(heading))
    # a heading names the subject when it has the subject's most specific word: "Why semiconductors matter" names
    # the India Semiconductor Mission, "Major disputes" does not name inter-State river water disputes
    named_words = content_lemmas(subject)
    mentions = bool(named_words) and min(named_words, key=lambda w: (log_probability(w), w)) in content_lemmas(heading)
    refer_to = "" if mentions else f", with reference to {subject}"
    about_subject = "" if mentions else f" {'of' if len(heading.split()) <= 3 else 'with reference to'} {subject}"
    forward = " and suggest a way forward" if has_forward else ""
    asked = heading.endswith("?")
    if asked and not mentions and kind in ("challenges", "significance"):
        # a generic question for a heading ("What are the concerns?", "Why does it matter?"): asked as UPSC asks it
        cue = re.search(r"\b(?:concerns?|challenges?|issues|criticisms?|risks?|problems)\b", heading, re.IGNORECASE)
        heading = (cue.group(0).lower() if cue else "challenges") if kind == "challenges" else "significance"
        phrase, cue_only, asked = heading, True, False
    why = heading.split()[0].lower() in ("why", "how")
    named = about_what(section.heading)
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
    if kind == "about" and re.search(r"recommendation", heading, re.IGNORECASE):
        body = re.sub(r"^(?:the\s+)?(?:key\s+)?recommendations?\s+(?:of|by|made by)\s+", "", heading, flags=re.IGNORECASE)
        body = re.sub(r"(?:'s|\u2019s)?\s+(?:key\s+)?recommendations?$", "", body, flags=re.IGNORECASE)
        body = body if re.match(r"^the\b", body, re.IGNORECASE) else f"the {body}"
        on = "" if mentions else f" on {subject}"
        return "discuss", f"Discuss the key recommendations of {body[0].lower()}{body[1:]}{on}."
    if kind == "about" and re.search(r"\w\s+provisions$", heading, re.IGNORECASE):  # "Constitutional provisions"
        return "explain", f"Explain the {phrase[0].lower()}{phrase[1:]} relating to {subject}."
    if kind == "about" and re.search(r"\bprovisions?\b", heading, re.IGNORECASE):
        named = re.sub(r"^(?:the\s+)?(?:key\s+|salient\s+)?provisions?(?:\s+of\s+)?", "", heading, flags=re.IGNORECASE)
        named = re.sub(r"^the\s+", "", named, flags=re.IGNORECASE)
        if not named or re.fullmatch(r"(?:the\s+)?(?:act|bill|law|scheme|policy|amendment)", named, re.IGNORECASE):
            return "explain", f"Explain the key provisions of {subject}."
        # "... of the ISMW Act and the OSH Code relating to inter-State migrant workers": the subject named, as the
        # "Constitutional provisions" stem names it, not with a template's "in the context of"
        return "explain", f"Explain the key provisions of the {named}{'' if mentions else ' relating to ' + subject}."
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
    widened = _subject_in(phrase, subject)  # "Major disputes" -> "major inter-State river water disputes"
    if widened != phrase.removeprefix("the ") and directive == "discuss":
        return directive, f"Discuss the {widened.removeprefix('the ')}."
    return directive, f"{_opening(directive)} on the {phrase.removeprefix('the ')}{about_subject}." \
        if directive == "comment" else f"Discuss the {phrase.removeprefix('the ')}{about_subject}."


_PROBLEMS = re.compile(r"\b(?:extremism|insurgency|terrorism|depletion|burning|pollution|defection|corruption|"
                       r"poverty|malnutrition|crisis|shortage|degradation|violence|crime|deficit|unemployment|"
                       r"inflation|migration|trafficking|disease|flooding|drought)s?$", re.IGNORECASE)


def _named_in(heading: str, subject: str) -> str:
    """A heading that calls the subject by its last word ("Why the burning is squeezed ...") names it in full.

    >>> _named_in("Why the burning is squeezed into a short window", "stubble burning")
    'Why stubble burning is squeezed into a short window'
    """
    words = re.sub(r"^the\s+", "", subject, flags=re.IGNORECASE).split()
    if len(words) < 2 or subject.lower() in heading.lower():
        return heading
    return re.sub(rf"\bthe {re.escape(words[-1])}\b", lambda _: subject, heading, count=1, flags=re.IGNORECASE)


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
    ordinary = bool(forms & vocabulary_words()) and not plain.startswith("india")
    if words and ordinary and sum(c.isupper() for c in first) == 1 and first[:1].isupper():
        words[0] = first[0].lower() + first[1:]
    return " ".join(words)


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
    # the question's words, its subject's and the title's name what is asked, not a point of the answer
    # (the subject's short words too: "PM Surya Ghar" restates the subject "PM Surya Ghar: Muft Bijli Yojana")
    demoted = content_lemmas(plan.text) | content_lemmas(context.subject) | content_lemmas(context.article.title) \
        | {w for w in alias_words(context.subject) if w.isalpha()}
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
                                 used_ids, heading=plan.main.heading))
    if plan.balance is not None:
        points.append(_balance_point(plan, context, demoted, taken, used_ids))
    if plan.forward is not None:
        points.append(_forward_point(plan.forward, context, demoted, taken, used_ids))
    return Question(id=question_id, text=plan.text, directive=plan.directive, marks=15, word_limit=250,
                    key_points=points, subject=_subject_aliases(context))


def _subject_aliases(context: _Context) -> list[str]:
    """What every question of the draft is about, by the article's aliases for it ("UPI", "Unified Payments
    Interface"): the answer's feedback asks for it when the answer never names it."""
    subject = context.subject.strip()
    if not subject:
        return []
    group = next((g for g in context.aliases if any(a.lower() == subject.lower() for a in g)), [])
    return list(dict.fromkeys([subject, *group]))[:MAX_SUBJECT_ALIASES]


def _bullet_phrases(bullet: Bullet, defined: frozenset[str], prelims: frozenset[str], *,
                    proposal: bool = False) -> list[Phrase]:
    """Noun phrases of a bullet, scored: specific words, several words, capitalised names and labels win. A
    ``proposal`` (a bullet of the way-forward section) whose sentence opens with an order loses the order's verb
    ("Link e-Shram with ration ..." proposes "e-Shram", not "link e-Shram")."""
    found: dict[str, Phrase] = {}
    label = _label_without_imperative(bullet)
    first = bullet.sentences[0]
    if proposal and _proposes(first):
        first = first.split(None, 1)[1]
    for part, boost in ((label, 1.3), (first, 1.2), (" ".join(bullet.sentences[1:]), 1.0)):
        if not part:
            continue
        # in a Title Case label every word is capitalised: that says nothing about names
        title_case = part is label and sum(w[:1].isupper() for w in part.split()) > len(part.split()) / 2
        for phrase in candidate_runs(part, title_case=title_case, defined=defined, prelims=prelims,
                                     label=part is label):
            scored = Phrase(phrase.text, phrase.key, phrase.score * boost, phrase.words, phrase.proper, phrase.common)
            if scored.key not in found or found[scored.key].score < scored.score:
                found[scored.key] = scored
    return list(found.values())


def _label_without_imperative(bullet: Bullet) -> str:
    """A bullet's label without its opening verb when the label is an order, as its sentence is: "Address proxy
    politics: Strengthen local accountability ..." proposes "proxy politics", not "address proxy". A label that opens
    with a word that can be a verb ("Supply chain risks", "Crop diversification") is a noun phrase when its sentence
    states rather than orders."""
    words = bullet.label.split()
    if len(words) < 2 or not bullet.sentences or not _orders(bullet.sentences[0]) \
            or not _orders(bullet.label, label=True):
        return bullet.label
    return " ".join(words[1:])


_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
                     "might", "must", "should", "shall", "need", "needs", "does", "do", "did"})


@lru_cache(maxsize=4096)
def _proposes(sentence: str) -> bool:
    """Whether a way-forward sentence opens with an order: a verb's base form, with no auxiliary or modal in the
    next few words that would make it the subject ("Link e-Shram with ration ..." orders; "Water budgets must be
    agreed" does not).

    >>> [_proposes(s) for s in ("Link e-Shram with ration cards.", "Water budgets must be agreed.", "Set up cells.")]
    [True, False, True]
    """
    words = analyse(sentence).words
    if len(words) < 2:
        return False
    first = words[0]
    if first.text.lower() != first.lemma or first.lemma not in parts_of_speech()["verb"] or is_acronym(first.text):
        return False
    return not any(w.text.lower() in _FINITE for w in words[1:4])


@lru_cache(maxsize=4096)  # a bullet's phrases are read more than once
def _orders(sentence: str, *, label: bool = False) -> bool:
    """Whether a sentence opens with an imperative: a base form that is no noun ("Strengthen local accountability") or
    that can be one but takes an article ("Phase the change"). In a ``label`` a word that can be a noun may also order
    a lowercase phrase ("Address proxy politics"); the caller asks the label's sentence too.

    >>> [_orders(s) for s in ("Strengthen local accountability.", "Phase the change.", "Water flows downhill.")]
    [True, True, False]
    >>> [_orders(s, label=True) for s in ("Address proxy politics", "Supply chain risks", "Hung House")]
    [True, True, False]
    """
    words = analyse(sentence).words
    if len(words) < 2:
        return False
    first, after = words[0], words[1]
    pos = parts_of_speech()
    if first.text.lower() != first.lemma or first.lemma not in pos["verb"] or is_acronym(first.text):
        return False
    return first.lemma not in pos["noun"] or after.text.lower() in ("the", "a", "an", "its", "their") \
        or (label and not after.text[:1].isupper())


def _concepts(bullet: Bullet, context: _Context, demoted: set[str], taken: set[str], *,
              limit: int | None = None) -> list[list[str]]:
    phrases = _bullet_phrases(bullet, context.defined, context.prelims, proposal=id(bullet) in context.proposals)
    kwargs = {} if limit is None else {"limit": limit}
    phrases = [ph for ph in phrases if not _is_prose(ph, bullet.text) and not is_setting(ph.text.split())
               and context.frequency.get(ph.key, 1) <= max(SETTING_MIN_BULLETS, SETTING_SHARE * context.units)
               and not _heading_word(ph, context)
               and not (ph.proper and is_name_piece(ph.text, bullet.text)) and not _aside(ph, bullet)
               and not _possessed(ph, context) and not _clipped(ph, context) and not _setting_heading(ph, context)
               and not _instance(ph, context) and not _place_owned(ph, context)
               and not _view_holder(ph, context) and not _WEB_ADDRESS.search(ph.text)]
    concepts = choose_concepts(phrases, context.frequency, context.units, demoted, context.aliases, avoid=taken,
                               **kwargs)
    if limit is None:  # the constitutional articles and amendments a bullet names are what students cite
        keys = {alias_key(a) for c in concepts for a in c} | taken
        concepts += [c for c in constitutional_references(bullet.text) if alias_key(c[0]) not in keys][
            :MAX_REFERENCE_CONCEPTS]
    taken.update(alias_key(a) for c in concepts for a in c)
    return concepts


_WEB_ADDRESS = re.compile(r"\w\.(?:gov|nic|org|com|in|net|edu)\b|https?:|www\.", re.IGNORECASE)  # no keyword
_REPLACED = re.compile(r"\b(?:in place of|instead of|rather than)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)


def _aside(phrase: Phrase, bullet: Bullet) -> bool:
    """A phrase that only names what the point sets aside, everywhere the bullet has it: the thing a proposal replaces
    ("a single permanent tribunal in place of separate tribunals"), or the kind of thing a labelled bullet opens by
    saying its subject is ("CAQM: A statutory body set up under a 2021 Act, it ...").

    >>> bullet = Bullet("Bill, 2019", ("It proposes a single tribunal in place of separate tribunals.",), 1)
    >>> _aside(Phrase("separate tribunals", "separatetribunal", 1.0, ("separate", "tribunal")), bullet)
    True
    """
    if phrase.proper:
        return False
    text = bullet.text
    found = _occurrences(phrase.text, text, case=True)
    if not found:
        return False
    for match in found:
        before = text[: match.start()]
        category = bool(bullet.label) and re.fullmatch(r"\s*(?:A|An)\s+", before) is not None
        if not (_REPLACED.search(before) or category):
            return False
    return True


_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|his|her)\s+$", re.IGNORECASE)
_POSSESSED = re.compile(r"\b(?:its|their|his|her)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.IGNORECASE)


def _possessed(phrase: Phrase, context: _Context) -> bool:
    """A common phrase the article's sentences only ever write as something's own ("gave its final award", "outside
    their remit", "fifteen years from its commencement"): an attribute of the point's subject, not a term of its own.
    A label that says the word ("Commencement: ...") titles a point; it is no use of the word."""
    if phrase.proper or phrase.text.lower() not in context.possessed:
        return False
    prose = context.prose
    found = _occurrences(phrase.text, prose)
    return bool(found) and all(_POSSESSIVE_BEFORE.search(prose[max(0, m.start() - 12) : m.start()]) for m in found)


CLIPPED_HEAD_LOG_PROBABILITY = -9.0  # a head as common as "right" or "reason" says little without its "to ..."
_TO_AFTER = re.compile(r"\s+to\b", re.IGNORECASE)


def _clipped(phrase: Phrase, context: _Context) -> bool:
    """A common phrase cut from the complement its head needs: wherever the article has it, "to" follows ("no explicit
    right to data portability", "little electoral reason to serve him"), and what is meant is what follows.

    A head rarer than ``CLIPPED_HEAD_LOG_PROBABILITY`` names a thing of its own ("unauthorised access to ...").
    """
    if phrase.proper or log_probability(phrase.words[-1]) < CLIPPED_HEAD_LOG_PROBABILITY:
        return False
    article = context.text
    found = _occurrences(phrase.text, article)
    return bool(found) and all(_TO_AFTER.match(article, m.end()) for m in found)


def _setting_heading(phrase: Phrase, context: _Context) -> bool:
    """A label that names the setting and the plural of an everyday word ("Supreme Court directions", "Constitutional
    values"): it says where the point happens and what kind of items the bullet lists; the article's sentences never
    say it, and a student shows the point by what the court directed or which values, not by the heading.

    A name in the sentences ("Election Commission"), a singular that names a doctrine ("Constitutional morality") or
    a rarer head is kept.
    """
    words = phrase.text.split()
    if phrase.proper or len(words) < 2 or not is_setting(words[:-1]) or _occurrences(phrase.text, context.prose):
        return False
    head, lemma = words[-1].lower(), phrase.words[-1]
    return head != lemma and head.endswith("s") and log_probability(lemma) > TERM_OF_ART_LOG_PROBABILITY


_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)


def _instance(phrase: Phrase, context: _Context) -> bool:
    """A name before a common noun that the article only writes after "a" or "an" ("a CG Power unit at Sanand", "a Tata
    assembly and test unit"): the article makes the noun one of a kind, so the name says whose it is, and the phrase
    names one example of the kind, not a thing a student shows the point by. A named thing takes "the" or no article
    ("the Kovind Committee", "the German model"); a name of the setting ("a State subject") says where, not whose.
    """
    words = phrase.text.split()
    if not phrase.proper or len(words) < 2 or not words[-1].islower() or is_setting(words[:1]):
        return False
    article = context.text
    found = _occurrences(phrase.text, article, case=True)
    return bool(found) and all(_INDEFINITE_BEFORE.search(article[max(0, m.start() - 4) : m.start()]) for m in found)


_OWNER_BEFORE = re.compile(r"([A-Z][\w-]*)['\u2019]s\s+$")


def _place_owned(phrase: Phrase, context: _Context) -> bool:
    """A bare name the article writes once, as a place's own ("with Japan's Renesas and Thailand's Stars
    Microelectronics"): it tells of the firm or body only in passing, as that place's, an example of who takes part.
    A name the article comes back to ("India's Chandrayaan-3 ... Chandrayaan-3"), a name with a noun that says what it
    is ("Kerala's Aawaz health insurance scheme") or an acronym it defines is kept.
    """
    if not phrase.proper or not all(w[:1].isupper() for w in phrase.text.split()):
        return False
    article = context.text
    found = _occurrences(phrase.text, article, case=True)
    if len(found) != 1:
        return False
    owner = _OWNER_BEFORE.search(article[max(0, found[0].start() - 40) : found[0].start()])
    if not owner or not is_place_name([owner.group(1)]):
        return False
    return not any(phrase.key in {alias_key(a) for a in group} for group in context.aliases)


_VERB_OF_A_VIEW_AFTER = re.compile(r"(?:\s+(?:and|or)\s+[\w-]+)?\s+([a-z]+)\s+that\b")


def _view_holder(phrase: Phrase, context: _Context) -> bool:
    """A common phrase the article only writes as who holds a view, the subject of a verb with a "that" clause
    ("Transparency activists and journalists fear that ..."): the view is the point, and who fears or argues it is its
    source. A name ("the Constitution Bench held that") or a group the article also writes of in other ways (its
    "Regional parties fear that ..." beside a point on what regional parties lose) is kept.
    """
    if phrase.proper:
        return False
    article = context.text
    found = _occurrences(phrase.text, article)
    verbs = parts_of_speech()["verb"]
    for match in found:
        verb = _VERB_OF_A_VIEW_AFTER.match(article, match.end())
        if not verb or analyse(verb.group(1)).words[0].lemma not in verbs:
            return False
    return bool(found)


def _occurrences(phrase: str, text: str, *, case: bool = False) -> list[re.Match[str]]:
    """Where ``text`` has ``phrase`` as whole words (a hyphen joins words), without regard to case unless ``case``."""
    return list(re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text, 0 if case else re.IGNORECASE))


def _heading_word(phrase: Phrase, context: _Context) -> bool:
    """One plain word that only headings and labels use ("Applicability", "Dilution"): it titles a point, the
    article never says it, and a student need not either."""
    return (len(phrase.words) == 1 and not phrase.proper and not re.search(r"[-\d]", phrase.text)
            and phrase.words[0] not in context.said)


_AUXILIARY_BEFORE = re.compile(r"\b(?:to|can|could|may|might|must|should|shall|will|would|cannot|not)\s+"
                               r"(?:\w+ly\s+|later\s+|also\s+|then\s+|even\s+)?$", re.IGNORECASE)


def _is_prose(phrase: Phrase, text: str) -> bool:
    """A phrase that is a piece of the sentence's verb phrase rather than a term: it follows "to" or a modal
    ("to guard polling booths", "can later contest unreserved seats"), opens with a verb in its -s form
    ("needs verifiable consent", "permits surveillance") or has one inside ("data build user trust",
    "premature dissolution serves").

    >>> _is_prose(Phrase("guard polling booths", "guardpollingbooth", 1.0, ("guard", "polling", "booth")),
    ...           "Forces are pulled away to guard polling booths.")
    True
    """
    verbs, nouns = parts_of_speech()["verb"], parts_of_speech()["noun"]
    written = phrase.text.split()
    if len(written) == 1 and phrase.words and phrase.words[0] in verbs and phrase.words[0] not in nouns \
            and not is_acronym(written[0]):
        return True  # a lone verb ("delink") names no idea
    for k, (word, lemma) in enumerate(zip(written, phrase.words, strict=False)):
        low = word.lower()
        if k == 0 and low != lemma and low.endswith("s") and lemma in verbs and len(written) > 1 \
                and not word[:1].isupper():
            return True  # "needs ...", "permits ...": a verb with its object
        if k > 0 and lemma in verbs and not word[:1].isupper() and (
                lemma not in nouns or (low == lemma and written[k - 1].lower().endswith("s") and k < len(written) - 1)):
            return True  # "elections tire voters": a verb inside, after its plural subject
        if k > 0 and low != lemma and low.endswith("s") and lemma in verbs and written[k - 1].lower().endswith(
                ("ion", "ment")) and k == len(written) - 1:
            return True  # "premature dissolution serves": a noun, then its verb
    match = re.search(re.escape(phrase.text), text, re.IGNORECASE)
    return bool(match and (_AUXILIARY_BEFORE.search(text[: match.start()]) or _caused_object(text, match)))


_CAUSATIVE_BEFORE = re.compile(r"\b(?:have|has|had|having|get|gets|got|getting)\s+$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def _caused_object(text: str, match: re.Match[str]) -> bool:
    """Whether the phrase at ``match`` is the object of "have" or "get" before a participle ("have grievances
    redressed", "get data deleted"): what is done to it is the idea, and the noun alone is a piece of the verb phrase.

    >>> text = "A person may have grievances redressed. States have skilled staff."
    >>> [_caused_object(text, re.search(w, text)) for w in ("grievances", "skilled staff")]
    [True, False]
    """
    after = _WORD_AFTER.match(text, match.end())
    if not after or not _CAUSATIVE_BEFORE.search(text[max(0, match.start() - 10) : match.start()]):
        return False
    word = after.group(1)
    return word.endswith("ed") and analyse(word).words[0].lemma in parts_of_speech()["verb"]


def constitutional_references(text: str) -> list[list[str]]:
    """The constitutional articles and amendments a text names, as keyword concepts with the forms students write.

    >>> constitutional_references("It needs Article 368 and a special majority, as the 73rd Amendment did.")
    [['Article 368', 'Art. 368', 'Art 368'], ['73rd Amendment', '73rd Constitutional Amendment']]
    >>> constitutional_references("Article 19(1)(d) and Article 19(1)(e) guarantee it.")
    [['Article 19', 'Art. 19', 'Art 19']]
    >>> constitutional_references("Articles 83, 172 and 327 change.")
    [['Article 83', 'Art. 83', 'Art 83'], ['Article 172', 'Art. 172', 'Art 172'], ['Article 327', 'Art. 327', 'Art 327']]
    """
    found: dict[str, list[str]] = {}
    for match in re.finditer(r"\bArticles?\s+((?:\d{1,3}[A-Z]{0,2}(?:\(\w{1,4}\))*(?:,\s*|\s+and\s+)?)+)", text):
        # "Article 19(1)(d)" is Article 19: its clause and sub-clause are no articles
        for number in re.findall(r"\d{1,3}[A-Z]{0,2}", re.sub(r"\(\w{1,4}\)", "", match.group(1))):
            found.setdefault(f"article {number}", [f"Article {number}", f"Art. {number}", f"Art {number}"])
    for match in re.finditer(r"\b(\d{1,3}(?:st|nd|rd|th))\s+(?:Constitutional\s+)?Amendment", text):
        ordinal = match.group(1)
        found.setdefault(f"amendment {ordinal}", [f"{ordinal} Amendment", f"{ordinal} Constitutional Amendment"])
    return list(found.values())


def _weight(bullet: Bullet, section: Section, context: _Context) -> float:
    """Importance by centrality: 1 for a supporting fact, 2 for analysis (causes, effects, limits), one more for an
    idea the rest of the article comes back to most (its words used by the most bullets of other sections)."""
    lemmas = {t.lemma for t in analyse(bullet.text).words}
    words = [t for t in analyse(bullet.sentences[0]).words]
    figures = sum(1 for t in words if t.lemma[:1].isdigit() or t.text.lower() in _FIGURE_WORDS)
    factual = figures >= max(2, len(words) // 8)
    weight = 1.0 if factual else (2.0 if lemmas & _ANALYSIS_CUES else 1.0)
    central = context.support.get(id(bullet), 0.0) >= context.central > 0
    return min(MAX_WEIGHT, weight + (1.0 if central and not factual else 0.0))


_FIGURE_WORDS = frozenset({"crore", "lakh", "billion", "million", "per", "cent", "percent", "rs", "usd", "january",
                           "february", "march", "april", "june", "july", "august", "september", "october",
                           "november", "december"})


def _key_point(bullet: Bullet, concepts: list[list[str]], weight: float, kind: Kind, context: _Context,
               used_ids: set[str], *, heading: str = "") -> KeyPoint:
    statement = _claim(bullet)
    title = _title(bullet, concepts, statement)
    # a challenge or a benefit turned round is the wrong claim students make; so is a verdict turned
    wrong = reversed_claims(statement) if kind in ("challenges", "significance", "causes") else \
        [m for m in reversed_claims(statement) if re.search(r"\b(?:upheld|struck down|valid|invalid)\b", m)]
    fields: dict[str, object] = {
        "id": _point_id(title, used_ids), "title": title, "point": _clip(statement, 1000), "weight": weight,
        "keywords": concepts, "hint": _clip(_advice(kind, title, concepts, statement), 1000),
        "source": _clip(_source(bullet), 2000), "misconceptions": [_clip(m, 1000) for m in wrong]}
    facts = _bullet_facts(bullet, heading, context)
    if facts:
        fields["facts"] = [f.to_dict() for f in facts]
    return KeyPoint.model_validate(fields)


def _bullet_facts(bullet: Bullet, heading: str, context: _Context) -> list[DraftFact]:
    law = context.instrument
    about_law = law is not None and re.search(rf"\b{law.kind}\b", heading) is not None  # "Key provisions of the Act"
    named = heading_name(heading)
    if not named and section_role(heading) == "facts" and re.search(r"[A-Z]", context.subject):
        named = context.subject  # "Prelims pointers\n(i) Launched: 13 February 2024": the article's own subject
    return propose_facts(bullet.text, label=bullet.label, aliases=context.aliases, heading=named,
                         instrument=law, bodies=context.bodies, about_instrument=about_law,
                         article=context.text)


def _article_facts(questions: list[Question], context: _Context) -> list[Question]:
    """The article's facts no drafted point declares (its own law's year and number, the facts of its context and of
    bullets no question asks about), each given to the first point that names its subject, else to the first point:
    a fact of the article is checked whatever the question. The constitutional articles said of one subject in
    several places are one fact, with every article the article names for it."""
    if not questions:
        return questions
    declared = {_fact_key(f.subject, f.attribute) for q in questions for p in q.key_points for f in p.facts}
    extra: list[DraftFact] = list(instrument_facts(context.instrument)) if context.instrument else []
    for section in context.article.sections:
        for bullet in section.bullets:
            extra += _bullet_facts(bullet, section.heading, context)
    added: dict[tuple[int, int], list[dict[str, object]]] = {}
    for fact in extra:
        key = _fact_key(fact.subject, fact.attribute)
        if key in declared:
            continue
        declared.add(key)
        names = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE) for n in fact.subject if len(n) > 3]
        owner = next(((i, j) for i, q in enumerate(questions) for j, p in enumerate(q.key_points)
                      if any(n.search(f"{p.point} {p.source}") for n in names)), (0, 0))
        added.setdefault(owner, []).append(fact.to_dict())
    # one subject's constitutional articles, gathered from every point that gives some
    articles: dict[tuple[str, str], set[str]] = {}
    for q in questions:
        for p in q.key_points:
            for f in p.facts:
                if f.kind == "article":
                    articles.setdefault(_fact_key(f.subject, f.attribute), set()).update(a for v in f.values for a in v)
    for facts in added.values():
        for f in facts:
            if f["kind"] == "article":
                articles.setdefault(_fact_key(f["subject"], str(f["attribute"])), set()).update(f["values"])
    result = []
    for i, q in enumerate(questions):
        points = []
        for j, p in enumerate(q.key_points):
            shape = p.model_dump(exclude_defaults=False)
            facts = [f.model_dump() for f in p.facts] + added.get((i, j), [])
            for f in facts:
                if f["kind"] == "article":
                    every = articles.get(_fact_key(f["subject"], str(f["attribute"])), set())
                    known = {a for v in f["values"] for a in ([v] if isinstance(v, str) else v)}
                    f["values"] = sorted(known | every, key=_natural_key)
            shape["facts"] = facts[:30]
            points.append(KeyPoint.model_validate(shape))
        result.append(q.model_copy(update={"key_points": points}))
    return result


def _borne_out(questions: list[Question], article: str) -> list[Question]:
    """The questions without a proposed fact that the article itself contradicts: read as an answer, no sentence of
    the article may be called wrong by the rubric drafted from it ("The Act, 2013 ... came into force on 16 January
    2014" leaves no "year of the Act: 2013" fact with "came into force" among its cues)."""
    facts = [(f"{i}/{j}", k, f) for i, q in enumerate(questions) for j, p in enumerate(q.key_points)
             for k, f in enumerate(p.facts)]
    if not facts:
        return questions
    contradicted = {(f.point_id, f.fact) for f in check_facts(analyse(article), facts) if f.verdict == "wrong"}
    if not contradicted:
        return questions
    return [q.model_copy(update={"key_points": [
        p.model_copy(update={"facts": [f for k, f in enumerate(p.facts) if (f"{i}/{j}", k) not in contradicted]})
        for j, p in enumerate(q.key_points)]}) for i, q in enumerate(questions)]


def _fact_key(subject: object, attribute: str) -> tuple[str, str]:
    first = subject if isinstance(subject, str) else list(subject)[0]  # type: ignore[call-overload]
    return (str(first).lower(), attribute)


def _natural_key(value: str) -> tuple[int, str]:
    digits = re.match(r"\d+", value)
    return (int(digits.group(0)) if digits else 0, value)


def _claim(bullet: Bullet) -> str:
    """One claim with its support: the bullet's first sentence and the sentences that back it (a case, a figure),
    up to MAX_CLAIM_WORDS; an opening pronoun ("It empowers ...") names what it stands for, the bullet's label.

    >>> _claim(Bullet("New Article 82A", ("It lets the President notify the date.", "Assemblies then end together."),
    ...               1))
    'New Article 82A lets the President notify the date. Assemblies then end together.'
    """
    sentences = list(bullet.sentences)
    first = sentences[0]
    head, sep, _ = first.partition("; ")
    if sep and len(head.split()) >= 8 and len(first.split()) > LONG_CLAIM_WORDS:
        first = head.rstrip(",") + "."
    kept, words = [first], len(first.split())
    for sentence in sentences[1:]:
        if words + len(sentence.split()) > MAX_CLAIM_WORDS:
            break
        kept.append(sentence)
        words += len(sentence.split())
    return _named(" ".join(kept), bullet.label)


_PRONOUN_OPENING = re.compile(r"^(?:(?P<lead>[A-Z][^,]{3,60}),\s+)?(?P<pronoun>[Ii]t|[Tt]hey|[Tt]his|[Tt]hese|[Hh]e|[Ss]he)\s+"
                              r"(?=(?:is|are|was|were|has|have|had|will|would|can|may|must|also|\w+s|\w+ed)\b)")


def _named(claim: str, label: str) -> str:
    """A claim whose subject is a bare pronoun gets the name it stands for (the bullet's label), so the point reads
    alone; without a label it is left as it is."""
    match = _PRONOUN_OPENING.match(claim)
    if not match or not label or len(label.split()) > 6:
        return claim
    lead = f"{match.group('lead')}, " if match.group("lead") else ""
    return f"{lead}{label[0].upper() + label[1:] if not lead else _phrase_of(label)} {claim[match.end():]}"


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
    """A hint that advises: what to show about the point (its consequence, why it matters, what it provides), the
    gist of the article's claim, and the names or terms to cite.

    >>> _advice("challenges", "Capital intensity", [["payback periods"], ["fab"]], "A fab costs billions. It pays late.")
    'Explain capital intensity as a hurdle and its consequence: a fab costs billions. Cite payback periods and fab.'
    >>> _advice("about", "New Article 82A", [["Article 82A"]], "New Article 82A lets the President notify the date.")
    'State what New Article 82A provides: it lets the President notify the date.'
    """
    named = _phrase_of(title)
    # a concept by its acronym when it has one: "DLI", not "design linked incentive"
    shown = [next((a for a in c if is_acronym(a)), c[0]) for c in concepts]
    terms = [t for t in shown if alias_key(t) not in alias_key(title)][:2]
    gist = _gist(claim, title)
    openings = {"challenges": f"Explain {named} as a hurdle and its consequence",
                "significance": f"Show why {named} matters",
                "about": f"State what {named} provides",
                "measures": f"Give {named} as an example and assess its effect",
                "causes": f"Explain how {named} adds to the problem",
                "background": f"Trace {named} in the story so far",
                "way_forward": f"Suggest {named} and say how it would help"}
    advice = f"{openings.get(kind, f'Bring in {named} and explain its relevance')}: {gist}."
    return advice + (f" Cite {' and '.join(terms)}." if terms else "")


def _gist(claim: str, title: str, words: int = 22) -> str:
    """The claim's first sentence as the rest of a hint: lowercase start, the title not repeated, short."""
    first = claim.split(". ")[0].rstrip(".")
    if title and first.lower().startswith(title.lower() + " "):
        first = "it " + first[len(title) + 1:]
    cut = first.split()
    text = " ".join(cut[:words]) + ("\u2026" if len(cut) > words else "")
    return text[:1].lower() + text[1:] if not is_acronym(text.split()[0]) else text


def _balance_point(plan: _Plan, context: _Context, demoted: set[str], taken: set[str], used_ids: set[str]) -> KeyPoint:
    """The other side of the argument, in a sentence of its own: what the subject offers or the progress made (for a
    critique), or the limits that remain (for an evaluation), naming the other section's ideas."""
    section = plan.balance
    assert section is not None
    bullets = list(section.bullets)[:4]
    concepts = _main_terms(bullets, context, demoted, taken)
    ideas = [_phrase_of(_label_title(b.label)) if b.label else _phrase_of(_claim_words(b)) for b in bullets]
    listed = _listing(ideas)
    if plan.kind == "measures":
        title, advice = "Limits of the measures", "Weigh the measures against their limits"
        statement = f"The measures have limits: {listed}."
    elif section.role == "measures":
        title, advice = "Counter-view: progress made", "Balance the critique: acknowledge the progress made"
        statement = f"On the other side, progress has been made: {listed}."
    else:
        title = "Counter-view: what it offers" if section.role == "significance" else "Counter-view"
        advice = "Balance the critique: acknowledge what it offers"
        statement = f"On the other side, {context.subject} offers {listed}."
    advice += f", such as {' and '.join(ideas[:2])}" if ideas else ""
    advice += ", before giving your verdict."
    return KeyPoint(id=_point_id("counter-view" if plan.kind != "measures" else "limits", used_ids), title=title,
                    point=_clip(statement, 1000), weight=1.0, keywords=concepts, hint=advice,
                    source=_clip(_source(bullets[0]), 2000))


def _main_terms(bullets: list[Bullet], context: _Context, demoted: set[str], taken: set[str]) -> list[list[str]]:
    """The main term of each of the first bullets, for a point that lists them (the other side, the way forward): a
    bullet whose main term another point already has gives none, rather than a lesser word of its sentence."""
    concepts: list[list[str]] = []
    for bullet in bullets:
        best = _concepts(bullet, context, demoted, set(), limit=1)
        keys = {alias_key(a) for c in best for a in c}
        if best and not keys & taken:
            concepts += best
            taken.update(keys)
        if len(concepts) == MAX_LISTED_TERMS:
            break
    return concepts


MAX_LISTED_TERMS = 3  # keywords of a point that lists the bullets of a section


def _claim_words(bullet: Bullet, words: int = 8) -> str:
    """A label-less bullet's opening words, as a name for what it says."""
    return " ".join(bullet.sentences[0].split()[:words]).rstrip(",.;:")


def _listing(items: list[str]) -> str:
    """ "a, b and c" """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


MAX_FORWARD_PROPOSALS = 6  # proposals whose words the way-forward point carries


def _forward_point(section: Section, context: _Context, demoted: set[str], taken: set[str],
                   used_ids: set[str]) -> KeyPoint:
    """One way-forward point: the section's proposals by name, a keyword from each of the first few."""
    bullets = list(section.bullets)
    concepts = _main_terms(bullets, context, demoted, taken)
    labels = [_phrase_of(_label_title(b.label)) for b in bullets if b.label]
    if len(labels) >= 2:
        # the proposals by name, then what each proposes: an answer's way forward is read against the proposals'
        # own words, not their headings alone
        statement = f"Way forward: {', '.join(labels[:-1])} and {labels[-1]}. " + " ".join(
            b.sentences[0] for b in bullets[:MAX_FORWARD_PROPOSALS])
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
