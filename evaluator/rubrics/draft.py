"""Drafting key points from a model answer: clauses become points, salient terms become keywords.

The same steps serve short reference answers (``draft_question``) and whole
articles (``draft_rubric``). Words that already appear in the question are not keywords: a student
who repeats the question has not shown the answer ("question demoting").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS

from evaluator.core.settings import ScoringSettings
from evaluator.core.text import analyse
from evaluator.rubrics.model import Directive, KeyPoint, Question, Rubric

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
                                        coherence_weight=0.0, specific_information_full=0, development_floor=1.0, substance_floor=1.0,
                                        spelling_penalty=0.0,
                                        semantic_full=0.8,
                                        alignment_floor=0.5, alignment_full=0.9)


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


# --- whole articles -------------------------------------------------------------------------------
#
# An article like those on UPSC current-affairs sites is a title, then sections: a short heading
# line, perhaps a paragraph, then bullets ("• Label: text"). Each bullet becomes a key point linked
# to its source sentence; each section (or a run of sections) becomes a question stub.

DRAFT_HEADER = (
    "DRAFT rubric from an article, made by `python -m evaluator draft`. Review it before use:\n"
    "  - reword questions, fix directives, marks and word limits;\n"
    "  - check each key point (one sentence), its weight and keyword concepts, and add synonyms;\n"
    "  - add the standard facts and analysis mentors expect beyond the article.\n"
    "Every key point's `source` is the article sentence it was drafted from."
)
MAX_HEADING_WORDS = 12
MIN_POINTS_PER_QUESTION = 2  # a smaller section joins the next one
MAX_POINTS_PER_QUESTION = 8
MAX_CONCEPTS_PER_POINT = 3
MAX_PHRASE_WORDS, MAX_NAME_WORDS = 4, 7  # common-noun phrases vs capitalised names (with "of", "and"...)
LONG_QUESTION_POINTS = 5  # from this many key points a question is a 15-marker (250 words), else 10 (150)
RECURRING_OVERLAP = 0.25  # a bullet whose words overlap this much with another section's repeats a central idea

_BULLET = re.compile(  # "•", "●", "▪", "◦", "‣", "∙", "·", "*", "–", "—", "-" or "1." / "1)" before the text
    r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7*\u2013\u2014-]|\d{1,2}[.)])\s+(?P<body>\S.*)$")
_LABEL = re.compile(r"^(?P<label>[^:.!?]{2,90}?)\s*:\s+(?P<body>\S.*)$")
_DECORATION = re.compile(r"^[^\w(\"'\u201c]+")  # emoji and arrows before boilerplate such as "💥Mentorship"
_BOILERPLATE = re.compile(
    r"^(?:also read|read more|related(?: articles?)?\b|join us|notify of|attend now|inline feedbacks?|view all comments"
    r"|get an ias|mentorship|subscribe|share this|click here|download|login|sign up|from upsc perspective"
    r"|prelims level|mains level|source\s*:|tags?\s*:)",
    re.IGNORECASE,
)
_CAPITALISED_NAME = re.compile(  # "Space Situational Awareness", "Prime Minister's Office", "Ministry of Defence"
    r"\b[A-Z][a-z]+(?:['\u2019]s)?(?:[ -](?:(?:of|on|and|for|the|in|&) )?[A-Z][a-z]+(?:['\u2019]s)?){1,6}")
_LINK_FOLLOWS = re.compile(r"^(?:also read|read more|related)", re.IGNORECASE)  # the next short line is a link title
_ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&-]{1,11})\s*\)")
_EXPANSION_IN_PARENS = re.compile(r"\b([A-Za-z][A-Za-z0-9-]{1,11})\s*\(\s*([A-Z][^()]{3,80}?)\s*\)")
_CONNECTORS = frozenset({"of", "on", "and", "for", "the", "in", "&"})  # small words inside names
_JOINERS = frozenset({"-", "\u2010", "\u2011", "+"})  # inside a word: "co-production", "INDUS-X", "2+2"
_CODE_NAME = re.compile(r"[A-Z0-9]+(?:[-\u2010\u2011+][A-Z0-9]+)+")
_SPELLINGS = (("defence", "defense"), ("isation", "ization"), ("programme", "program"), ("labour", "labor"),
              ("centre", "center"), ("analyse", "analyze"))  # British (Indian) spelling first
_DIRECTIVE_CUES: tuple[tuple[str, Directive, str], ...] = (
    # heading words -> directive and how the stub opens
    (r"challenge|issue|concern|threat|problem|criticism|limitation|risk|hurdle", "critically analyse",
     "Critically analyse"),
    (r"outcome|achievement|result|progress|impact|implication|effect", "examine", "Examine"),
    (r"way forward|measure|step|solution|suggestion|recommendation|road ahead", "discuss", "Discuss"),
    (r"significance|importance|relevance|need|why", "discuss", "Discuss"),
    (r"feature|provision|component|objective|aim|goal|about|fact|key", "explain", "Explain"),
)


class ArticleError(ValueError):
    """An article from which no rubric can be drafted (no bullets or paragraphs found)."""


@dataclass(frozen=True)
class Bullet:
    """One bullet (or paragraph) of an article: its label before a colon, if any, and its sentences."""

    label: str
    sentences: tuple[str, ...]
    line: int  # 1-based line in the article


@dataclass(frozen=True)
class Section:
    """A heading and the bullets under it (paragraphs count as label-less bullets)."""

    heading: str
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True)
class Article:
    """An article split into title and sections, boilerplate removed."""

    title: str
    sections: tuple[Section, ...]

    @property
    def topic(self) -> str:
        """The title before a subtitle: "Chips: India's Bet" -> "Chips"."""
        head = self.title.split(":")[0].strip()
        return head if len(head.split()) >= 2 else self.title


def parse_article(text: str) -> Article:
    """Title and sections of an article: headings are short lines without final punctuation.

    Bullet lines ("• ...", "- ...", "1. ...") and paragraphs belong to the heading above them;
    a line that continues a bullet (no blank line between) is joined to it. Site furniture
    ("Also read", "Join us", "Notify of", ...) is skipped. Headings with nothing under them
    (the site's category, the title itself) end up as title candidates, and the longest one
    before the first section is the title.

    >>> a = parse_article("Chips at home: the plan\\n\\nWhy now\\n- Supply shocks hurt. Fabs are scarce.\\n")
    >>> a.title, [(s.heading, [b.sentences for b in s.bullets]) for s in a.sections]
    ('Chips at home: the plan', [('Why now', [('Supply shocks hurt.', 'Fabs are scarce.')])])
    """
    headings_before: list[str] = []
    sections: list[tuple[str, list[tuple[str, int]]]] = []  # (heading, [(bullet text, line)])
    skip_link = False
    previous_blank, previous_bullet = True, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        plain = _DECORATION.sub("", line)
        if skip_link and _is_heading(line):
            skip_link = False
            continue
        skip_link = False
        if _BOILERPLATE.match(plain):
            skip_link = bool(_LINK_FOLLOWS.match(plain))
            previous_blank, previous_bullet = False, False
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            if not sections:
                sections.append(("", []))
            sections[-1][1].append((" ".join(bullet.group("body").split()), number))
            previous_bullet = True
        elif previous_bullet and not previous_blank and not _is_heading(line):
            text_so_far, first_line = sections[-1][1][-1]
            sections[-1][1][-1] = (f"{text_so_far} {line}", first_line)
        elif _is_heading(line):
            if not sections or not sections[-1][1]:
                if sections:
                    headings_before.append(sections.pop()[0])
            sections.append((line, []))
            previous_bullet = False
        else:
            if not sections:
                sections.append(("", []))
            sections[-1][1].append((line, number))
            previous_bullet = False
        previous_blank = False
    kept = [(h, items) for h, items in sections if items]
    if sections and not sections[-1][1]:
        headings_before.append(sections[-1][0])
    title = max((h for h in headings_before if h), key=len, default="")
    if not title:
        title = next((" ".join(x.split()) for x in text.splitlines() if x.strip()), "Article")
    return Article(title=title[:300], sections=tuple(
        Section(heading, tuple(_bullet(body, line) for body, line in items)) for heading, items in kept))


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_HEADING_WORDS and not re.search(r"[.!,;:\u2026]$", line) and not _BULLET.match(line)


def _bullet(body: str, line: int) -> Bullet:
    label = ""
    match = _LABEL.match(body)
    if match and len(match.group("label").split()) <= 8:
        label, body = match.group("label").strip(), match.group("body")
    sentences = tuple(s.text for s in analyse(body).sentences) or (body,)
    return Bullet(label, sentences, line)


def find_aliases(text: str) -> list[list[str]]:
    """Acronyms with their expansions, as keyword concepts.

    "Long Name (LN)" and "LN (Long Name)" pair the two when the initials fit; a capitalised
    name elsewhere ("Space Situational Awareness") is paired with its initials ("SSA") when
    those appear in the text as a word.

    >>> find_aliases("Defence Technology and Trade Initiative (DTTI); DTTI (Technology and Trade Initiative)")
    [['defence technology and trade initiative', 'technology and trade initiative', 'DTTI']]
    >>> find_aliases("Space Situational Awareness matters; SSA data is shared.")
    [['space situational awareness', 'SSA']]
    """
    pairs: list[tuple[str, str]] = []  # (expansion, acronym)
    # 1. "Expansion (ACR)": the shortest run of words before the bracket whose initials spell the acronym
    for match in _ACRONYM_IN_PARENS.finditer(text):
        acronym = match.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        words = re.findall(r"[\w'\u2019-]+", text[max(0, match.start() - 200) : match.start()])
        for n in range(2, min(len(words), 10) + 1):
            candidate = words[-n:]
            if candidate[0].lower() in _CONNECTORS:
                continue
            if _initials(candidate) == _letters(acronym):
                pairs.append((" ".join(candidate), acronym))
                break
    # 2. "ACR (Expansion)": the expansion's initials end the acronym (iCET -> Critical and Emerging Technology)
    for match in _EXPANSION_IN_PARENS.finditer(text):
        acronym, expansion = match.group(1), match.group(2)
        words = re.findall(r"[\w'\u2019-]+", expansion)
        initials = _initials(words)
        if sum(c.isupper() for c in acronym) >= 2 and len(initials) >= 2 and _letters(acronym).endswith(initials):
            pairs.append((" ".join(words), acronym))
    # 3. capitalised names whose initials occur as a word of their own
    for match in _CAPITALISED_NAME.finditer(text):
        words = re.findall(r"[\w'\u2019]+", match.group(0))
        while words and words[0].lower() in _CONNECTORS:
            words = words[1:]
        initials = _initials(words).upper()
        if len(initials) >= 2 and re.search(rf"\b{initials}\b", text):
            pairs.append((" ".join(words), initials))
    # merge pairs that share an acronym (case-insensitive) into one concept
    groups: dict[str, list[str]] = {}
    for expansion, acronym in pairs:
        group = groups.setdefault(_letters(acronym), [])
        for alias in (_lower_words(expansion), acronym):
            if alias.lower() not in {a.lower() for a in group}:
                group.append(alias)
    # expansions first, longest first; the acronym last
    return [sorted(g, key=lambda a: (sum(c.isupper() for c in a) >= 2, -len(a))) for g in groups.values()]


def _letters(acronym: str) -> str:
    return re.sub(r"[^a-z]", "", acronym.lower())


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0].lower() for w in words if w.lower() not in _CONNECTORS and w[0].isalpha())


def _lower_words(phrase: str) -> str:
    """Lowercase except acronyms and code names ("ICET", "iCET", "G-20", "F-414" keep their capitals).

    >>> _lower_words("Indo-Pacific Security via the ICET and iCET for the F-414")
    'indo-pacific security via the ICET and iCET for the F-414'
    """
    return " ".join(w if _is_acronym(w) or _is_code_name(w) or any(_is_acronym(part) for part in w.split("-"))
                    else w.lower() for w in phrase.split())


def draft_rubric(article: str, *, rubric_id: str | None = None, questions: int | None = None,
                 source: str = "") -> Rubric:
    """A draft rubric from an article: one question per section (or ``questions`` of them), points from bullets.

    Args:
        article: the article's text (bullets, section headings, acronyms in brackets).
        rubric_id: the rubric's id (default: from the title).
        questions: how many questions to draft; neighbouring sections are merged to reach it
            (at most one question per section).
        source: where the article comes from, written to ``source:``.

    Returns:
        A valid :class:`Rubric` at version 1 with default scoring settings.

    Raises:
        ArticleError: no bullets or paragraphs were found.
    """
    parsed = parse_article(article)
    units = [(i, b) for i, s in enumerate(parsed.sections) for b in s.bullets]
    if not units:
        raise ArticleError("no bullets or paragraphs found: an article needs sections of text to draft key points from")
    aliases = find_aliases(article)
    # 1. group sections into questions: small sections join the next, then neighbours merge to the count asked
    groups = _group_sections(parsed.sections, questions)
    # 2. how many bullets each phrase occurs in: phrases the whole article repeats do not tell points apart
    candidates = [_phrases(b) for _, b in units]
    frequency: dict[str, int] = {}
    for found in candidates:
        for key in {c.key for c in found}:
            frequency[key] = frequency.get(key, 0) + 1
    lemma_sets = [_content_lemmas(" ".join((b.label, *b.sentences))) for _, b in units]
    by_bullet = {id(b): n for n, (_, b) in enumerate(units)}
    drafted = []
    for number, group in enumerate(groups, start=1):
        sections = [parsed.sections[i] for i in group]
        directive, text = _question_stub(sections, parsed.topic)
        demoted = _content_lemmas(text) | _content_lemmas(parsed.title)
        bullets = [b for s in sections for b in s.bullets]
        points: list[KeyPoint] = []
        used_ids: set[str] = set()
        for bullet in bullets:
            n = by_bullet[id(bullet)]
            # 3. a bullet that repeats another section's idea states a central point of the article
            recurring = any(units[m][0] not in group and _overlap(lemma_sets[n], lemma_sets[m]) >= RECURRING_OVERLAP
                            for m in range(len(units)))
            concepts = _concepts(candidates[n], frequency, len(units), demoted, aliases)
            points.append(_key_point(bullet, concepts, 2.0 if recurring else 1.0, used_ids))
        if len(points) > MAX_POINTS_PER_QUESTION:
            keep = sorted(range(len(points)), key=lambda k: (-points[k].weight, k))[:MAX_POINTS_PER_QUESTION]
            points = [points[k] for k in sorted(keep)]
        long = len(points) >= LONG_QUESTION_POINTS
        drafted.append(Question(id=f"Q{number}", text=text, directive=directive, marks=15 if long else 10,
                                word_limit=250 if long else 150, key_points=points))
    return Rubric(id=rubric_id or _slug(parsed.topic, 48) or "drafted-rubric", title=parsed.title,
                  source=source or parsed.title, version=1, questions=drafted)


def _group_sections(sections: Sequence[Section], wanted: int | None) -> list[list[int]]:
    groups: list[list[int]] = []
    pending: list[int] = []
    for i in range(len(sections)):
        pending.append(i)
        if sum(len(sections[j].bullets) for j in pending) >= MIN_POINTS_PER_QUESTION:
            groups.append(pending)
            pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    if wanted is not None:
        # merge the neighbouring pair with the fewest bullets until the count fits
        size = lambda g: sum(len(sections[j].bullets) for j in g)  # noqa: E731
        while len(groups) > max(1, wanted):
            k = min(range(len(groups) - 1), key=lambda k: size(groups[k]) + size(groups[k + 1]))
            groups[k : k + 2] = [groups[k] + groups[k + 1]]
    return groups


def _question_stub(sections: Sequence[Section], topic: str) -> tuple[Directive, str]:
    """A directive and question text from the section headings (a heading that is a question is kept)."""
    headings = [s.heading for s in sections if s.heading and len(s.bullets) >= MIN_POINTS_PER_QUESTION] or \
               [s.heading for s in sections if s.heading] or [topic]
    context = _sentence_case(topic)
    asked = next((h for h in headings if h.endswith("?")), None)
    if asked:
        return "explain", f"{asked} Explain in the context of {context}."
    how = next((h for h in headings if h.split()[0].lower() in ("why", "how")), None)
    if how:
        return "explain", f"Explain {how[0].lower()}{how[1:]} in the context of {context}."
    joined = " and ".join(_sentence_case(h) for h in headings[:3])
    for pattern, directive, verb in _DIRECTIVE_CUES:
        if re.search(rf"\b(?:{pattern})", joined, re.IGNORECASE):
            return directive, f"{verb} the {joined} in the context of {context}."
    return "discuss", f"Discuss the {joined} in the context of {context}."


def _sentence_case(heading: str) -> str:
    """Lowercase the first word of a sentence-case heading ("Outcomes of the visit"), keep names as they are."""
    words = heading.split()
    rest_capitalised = any(w[:1].isupper() for w in words[1:] if w.lower() not in _CONNECTORS)
    if words and not rest_capitalised and sum(c.isupper() for c in words[0]) == 1:
        words[0] = words[0].lower()
    return " ".join(words)


@dataclass(frozen=True)
class _Phrase:
    text: str  # as written in the article (hyphens kept)
    key: str  # lemmas joined: the same key as keyword matching uses
    score: float
    words: tuple[str, ...]  # lemmas


def _phrases(bullet: Bullet) -> list[_Phrase]:
    """Noun-ish phrases of a bullet, scored: specific words, several words, capitalised names and labels win."""
    found: dict[str, _Phrase] = {}
    for part, boost in ((bullet.label, 1.3), (bullet.sentences[0], 1.2), (" ".join(bullet.sentences[1:]), 1.0)):
        if not part:
            continue
        # in a Title Case label every word is capitalised: that says nothing about names
        title_case = part is bullet.label and sum(w[:1].isupper() for w in part.split()) > len(part.split()) / 2
        for phrase in _candidate_runs(part, title_case=title_case):
            scored = _Phrase(phrase.text, phrase.key, phrase.score * boost, phrase.words)
            if scored.key not in found or found[scored.key].score < scored.score:
                found[scored.key] = scored
    return list(found.values())


def _candidate_runs(text: str, *, title_case: bool = False) -> list[_Phrase]:
    """Runs of content words (stop words, numbers, punctuation and verbs end a run), trimmed to noun phrases.

    A hyphenated word ("co-production", "Indo-Pacific") is one word of a run; a hyphenated code name
    ("INDUS-X", "G-20", "2+2") is a concept of its own, like an acronym. Neither is ever split.
    """
    tokens = analyse(text).tokens
    runs: list[list[int]] = []
    current: list[int] = []

    def close() -> None:
        nonlocal current
        if current:
            runs.append(current)
        current = []

    for unit in _compounds(tokens):
        i = unit[0]
        tok = tokens[i]
        if len(unit) > 1:  # hyphenated: one word, whatever its halves are
            if _is_code_name(text[tok.start : tokens[unit[-1]].end]):
                close()
                runs.append(unit)
            elif all(like_num(tokens[k].text) for k in unit if tokens[k].is_word):
                close()  # a number ("eighty-five") or a range ("2023-24") ends a run, as a number does
            elif any(tokens[k].is_word and not tokens[k].is_stop and len(tokens[k].lemma) > 1 for k in unit):
                current.extend(unit)
            else:
                close()
            continue
        # "of", "and"... inside a capitalised name ("Initiative on Critical and Emerging Technologies")
        in_name = (tok.is_word and tok.lemma in _CONNECTORS and bool(current)
                   and _is_capitalised(tokens[current[-1]].text)
                   and i + 1 < len(tokens) and _is_capitalised(tokens[i + 1].text))
        usable = (tok.is_word and not tok.lemma.isdigit() and (not tok.is_stop or in_name or _is_acronym(tok.text))
                  and (len(tok.lemma) > 1 or tok.text.isupper()))
        if usable and _is_acronym(tok.text):
            close()
            runs.append([i])  # an acronym is a concept of its own
        elif usable and (_is_verb(tokens, i, in_run=bool(current)) or like_num(tok.text)):
            close()
        elif usable:
            current.append(i)
        else:
            close()
    close()
    phrases = []
    for run in runs:
        # hyphenated compounds ("rules-based", "Indo-US") count as one word
        units: list[list[int]] = []
        for k, i in enumerate(run):
            if not tokens[i].is_word:
                continue
            if k > 0 and not tokens[run[k - 1]].is_word and units:
                units[-1].append(i)
            else:
                units.append([i])
        is_name = all(_is_capitalised(tokens[u[0]].text) or tokens[u[0]].lemma in _CONNECTORS for u in units)
        units = _trim(tokens, units[-(MAX_NAME_WORDS if is_name else MAX_PHRASE_WORDS):])  # the head noun comes last
        words = [i for unit in units for i in unit]
        if not words:
            continue
        first, last = tokens[words[0]], tokens[words[-1]]
        written = text[first.start : last.end]
        lemmas = tuple(tokens[i].lemma for i in words)
        phrases.append(_Phrase(written, "".join(lemmas).replace("-", ""),
                               _phrase_score(tokens, words, title_case=title_case, code=_is_code_name(written)),
                               lemmas))
    return phrases


def _compounds(tokens: Sequence) -> list[list[int]]:  # noqa: ANN001 - evaluator.core.text.Token
    """Token indices grouped into words: a hyphen or plus between two touching words joins them.

    The tokenizer splits "INDUS-X", "co-production" and "2+2" into three tokens each; the drafter
    must keep them whole, or "INDUS-X" would become two concepts, [INDUS] and [x].
    """
    groups: list[list[int]] = []
    join_next = False
    for i, tok in enumerate(tokens):
        joins = (not tok.is_word and tok.text in _JOINERS and 0 < i < len(tokens) - 1
                 and tokens[i - 1].is_word and tokens[i + 1].is_word
                 and tokens[i - 1].end == tok.start and tok.end == tokens[i + 1].start)
        if join_next or joins:
            groups[-1].append(i)  # the joiner, then the word after it
            join_next = joins
        else:
            groups.append([i])
    return groups


def _is_code_name(written: str) -> bool:
    """A hyphenated name of capitals and digits: "INDUS-X", "G-20", "COVID-19", "2+2" (not a range like "2023-24").

    >>> [_is_code_name(w) for w in ("INDUS-X", "2+2", "G-20", "Indo-Pacific", "co-production", "2023-24")]
    [True, True, True, False, False, False]
    """
    return bool(_CODE_NAME.fullmatch(written)) and (bool(re.search(r"[A-Z]", written)) or "+" in written)


# verbs that are also nouns: a verb when inflected ("serves") or right after a name or a plural ("States share")
_NOUN_VERBS = frozenset({
    "serve", "lay", "share", "aim", "set", "play", "mark", "point", "face", "need", "help", "lead", "seek", "focus",
    "plan", "push", "move", "boost", "support", "call", "report", "view", "use", "work", "pave", "signal", "witness",
    "spur", "drive", "target", "hold", "host", "make", "take", "give", "show", "see", "say", "stand", "remain", "offer",
    "risk", "cut", "raise", "back", "link", "open", "benefit", "promise", "commit", "fund", "import", "export",
    "add", "bring", "build", "keep", "rise", "suffer", "bear", "cost", "want", "grow", "train", "employ", "run", "sit",
    "cross", "start", "look", "slow", "depend", "reward", "turn", "fall", "gain", "lose", "end", "pose", "leave",
})


def _is_verb(tokens: Sequence, i: int, *, in_run: bool) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A word that is (almost) surely a verb here; verbs end noun phrases."""
    tok = tokens[i]
    lem, pos, low = tok.lemma, _parts_of_speech(), tok.text.lower()
    if _is_capitalised(tok.text) and not _is_sentence_start(tokens, i):
        return False
    if lem in pos["verb"] and lem not in pos["noun"] and lem not in pos["adj"]:
        return True
    if in_run and low.endswith("ed") and low != lem and lem in pos["verb"]:
        return True  # a participle after a noun is a verb ("shortage idled plants"), before one not ("skilled staff")
    if lem in _NOUN_VERBS or tok.text.lower() in _NOUN_VERBS:
        before = tokens[i - 1] if i > 0 and tokens[i - 1].is_word else None
        inflected = tok.text.lower() != lem and tok.text.lower().endswith(("s", "ed"))
        after_subject = before is not None and (_is_capitalised(before.text) or before.text.lower().endswith("s"))
        return inflected or after_subject
    return False


def _trim(tokens: Sequence, words: list[list[int]]) -> list[list[int]]:  # noqa: ANN001 - evaluator.core.text.Token
    """Drop leading gerunds, adverbs and common adjectives, and trailing words that cannot end a noun phrase.

    ``words`` are compounds: lists of token indices ("rules", "based"), judged by their first and last token.
    """
    pos = _parts_of_speech()
    while words:
        tok = tokens[words[0][0]]
        lem = tok.lemma
        if len(words[0]) > 1 or (_is_capitalised(tok.text) and not _is_sentence_start(tokens, words[0][0])):
            break
        gerund = _is_gerund(tok.text)
        adverb = lem in pos["adv"] and lem not in pos["noun"] and lem not in pos["adj"]
        common_adjective = lem in pos["adj"] and lem not in pos["noun"] and _log_probability(lem) > -11.5
        if gerund or adverb or common_adjective or lem in _CONNECTORS:
            words = words[1:]
        else:
            break
    while words:
        tok = tokens[words[-1][-1]]
        lem = tok.lemma
        noun_like = _is_capitalised(tok.text) or lem in pos["noun"] or lem not in _vocabulary_words()
        if lem not in _CONNECTORS and noun_like:
            break
        words = words[:-1]
    return words


def _phrase_score(tokens: Sequence, words: list[int], *, title_case: bool = False,  # noqa: ANN001
                  code: bool = False) -> float:
    """How good a keyword the phrase makes; a code name (``code``: "INDUS-X", "2+2") scores as an acronym."""
    content = [i for i in words if tokens[i].lemma not in _CONNECTORS]
    specificity = sum(_specificity(tokens[i].lemma) for i in content) / max(1, len(content))
    proper = not title_case and any(_is_capitalised(tokens[i].text) and not _is_sentence_start(tokens, i)
                                    for i in content)
    if code:
        return specificity + 0.6
    if len(content) == 1 and not proper and not _is_acronym(tokens[content[0]].text) and specificity < 0.5:
        return 0.0  # a single everyday word ("visit", "step") is not a keyword
    score = specificity + 0.3 * min(2, len(content) - 1)
    if any(_is_acronym(tokens[i].text) for i in content):
        score += 0.6
    elif proper:
        score += 0.3
    return score


def _is_gerund(word: str) -> bool:
    """'developing', 'fostering': an -ing form of a known verb (the lemma table misses some)."""
    low = word.lower()
    if not low.endswith("ing") or len(low) < 6:
        return False
    verbs, stem = _parts_of_speech()["verb"], low[:-3]
    return any(v in verbs for v in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem))


def _is_sentence_start(tokens: Sequence, i: int) -> bool:  # noqa: ANN001
    return i == 0 or tokens[i - 1].sentence != tokens[i].sentence or tokens[i - 1].text in ":\u201c\"'("


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= 2 and "." not in word


def _specificity(lemma: str) -> float:
    """0 for everyday words, 1 for rare ones (by their frequency in English); unknown words count as rare."""
    return min(1.0, max(0.0, (-_log_probability(lemma) - 9.0) / 5.0))


def _concepts(candidates: Sequence[_Phrase], frequency: Mapping[str, int], units: int, demoted: set[str],
              aliases: Sequence[list[str]]) -> list[list[str]]:
    """The best few phrases of a bullet as concepts, with acronym aliases and spelling variants."""
    alias_keys = [({_alias_key(a) for a in group}, group) for group in aliases]
    # rarity across the article's bullets: a phrase in every bullet names the topic, not a point
    norm = math.log((1 + units) / 2) or 1.0
    def weighted(c: _Phrase) -> float:
        rarity = math.log((1 + units) / (1 + frequency.get(c.key, 1))) / norm
        return c.score * max(0.1, rarity + 0.3)

    ranked = sorted(candidates, key=weighted, reverse=True)
    concepts: list[list[str]] = []
    chosen: list[tuple[set[str], set[str]]] = []  # (keys, lemmas) of each concept taken, with its aliases
    for phrase in ranked:
        if phrase.score <= 0 or set(phrase.words) <= demoted:
            continue
        group = next((g for keys, g in alias_keys if phrase.key in keys), None)
        keys, lemmas = {phrase.key}, set(phrase.words)
        if group:
            keys |= {_alias_key(a) for a in group}
            lemmas |= {t.lemma for a in group for t in analyse(a).words}
        # one concept per idea: no phrase inside another, none sharing most of its words with one taken
        if any(any(k in ck or ck in k for k in keys for ck in c_keys) or _overlap(set(phrase.words), c_lemmas) >= 0.5
               for c_keys, c_lemmas in chosen):
            continue
        concept = list(group) if group else [_lower_words(phrase.text)]
        chosen.append((keys, lemmas))
        for alias in list(concept):
            american = alias
            for british, us in _SPELLINGS:
                american = american.replace(british, us)
            if american not in concept:
                concept.append(american)
        concepts.append(concept)
        if len(concepts) == MAX_CONCEPTS_PER_POINT:
            break
    return concepts


def _alias_key(alias: str) -> str:
    return "".join(t.lemma for t in analyse(alias).words).replace("-", "")


def _key_point(bullet: Bullet, concepts: list[list[str]], weight: float, used_ids: set[str]) -> KeyPoint:
    first = bullet.sentences[0]
    rest = bullet.sentences[1:]
    if len(first.split()) < 8 and rest:
        first, rest = f"{first} {rest[0]}", rest[1:]
    statement = first
    label_words = _content_lemmas(bullet.label)
    if bullet.label and len(label_words - _content_lemmas(first)) > len(label_words) / 2:
        statement = f"{bullet.label}: {first}"  # the label names what the sentence is about
    # the hint adds the bullet's next sentence: a second wording for matching, more detail for feedback
    hint = (f"{bullet.label}: {rest[0]}" if bullet.label else rest[0]) if rest else ""
    named = bullet.label or (concepts[0][0] if concepts else statement)
    base = _slug(" ".join(w for w in re.split(r"\s+", named) if w.lower() not in STOP_WORDS) or named, 32) or "point"
    point_id, n = base, 1
    while point_id in used_ids:
        n += 1
        point_id = f"{base}-{n}"
    used_ids.add(point_id)
    return KeyPoint(id=point_id, point=_clip(statement, 1000), weight=weight, keywords=concepts,
                    hint=_clip(hint, 1000), source=_clip(first, 2000))


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


def _content_lemmas(text: str) -> set[str]:
    return {t.lemma for t in analyse(text).words if not t.is_stop and len(t.lemma) > 2 and not t.lemma.isdigit()}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@lru_cache(maxsize=1)
def _lookups():  # noqa: ANN202 - spacy.lookups.Lookups
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_index", "lexeme_prob"])


@lru_cache(maxsize=1)
def _parts_of_speech() -> dict[str, frozenset[str]]:
    """WordNet's lemma lists by part of speech (from spacy-lookups-data): enough to tell nouns from verbs."""
    index = _lookups().get_table("lemma_index")
    return {pos: frozenset(index.get(pos, [])) for pos in ("noun", "verb", "adj", "adv")}


@lru_cache(maxsize=1)
def _vocabulary_words() -> frozenset[str]:
    pos = _parts_of_speech()
    return pos["noun"] | pos["verb"] | pos["adj"] | pos["adv"]


@lru_cache(maxsize=65536)
def _log_probability(lemma: str) -> float:
    """Log frequency of a word in English (spaCy's lexeme_prob); very rare for words it does not list."""
    value = _lookups().get_table("lexeme_prob").get(lemma)
    return float(value) if value is not None else -20.0
