"""What an article is about, as a question names it: "the India Semiconductor Mission", "'One Nation, One Election'".

Coaching articles lead their title with the subject ("Digital Personal Data Protection Act, 2023: India's
First Law ..."); the body names it by its most used noun phrase, an "About X" heading, or an acronym.
The subject is the body's phrase when the title's lead contains it ("stubble burning" in "Stubble Burning
in Punjab and Haryana"), else the title's lead as a name ("the Digital Personal Data Protection Act, 2023",
"women's reservation in legislatures"), never a single everyday word ("election", "women").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evaluator.authoring.article import Article
from evaluator.authoring.keywords import (
    TERM_OF_ART_LOG_PROBABILITY,
    alias_key,
    candidate_runs,
    content_lemmas,
    is_acronym,
    lower_words,
    vocabulary_words,
)
from evaluator.authoring.places import is_place_name
from evaluator.core.text import log_probability

UNNAMED_SUBJECT = "the issue"  # an article without a title or headings that name what it is about
MAX_SUBJECT_WORDS = 8
# a name ending in one of these is an institution or instrument: "the ... Act, 2023", "the ... Mission"
_INSTRUMENTS = re.compile(r"\b(?:act|bill|mission|scheme|policy|commission|committee|amendment|adhiniyam|yojana|"
                          r"project|abhiyan|programme|program|code|council|board|authority|initiative|treaty|agreement|"
                          r"convention|corridor|summit|framework|rules?)(?:,\s*\d{4})?$", re.IGNORECASE)
_CATEGORY = re.compile(r"\b(?:watch|explained|editorial|analysis|daily|news|current affairs|gs paper)\b", re.IGNORECASE)


def article_subject(parsed: Article, aliases: Sequence[list[str]]) -> str:
    """The article's subject as a question names it.

    >>> from evaluator.authoring.article import parse_article
    >>> art = parse_article("Women's Reservation in Legislatures: The Act\\n\\nSignificance\\n- Women gain seats. "
    ...                     "More women legislate.\\n- Women vote more.\\n")
    >>> article_subject(art, [])
    "women's reservation in legislatures"
    """
    body = " ".join(b.text for sec in parsed.sections for b in sec.bullets)
    from_body = _recase(_body_subject(parsed, aliases), body)
    headline = not re.search(r"[.!]$", parsed.title)
    head = _lead(" ".join(parsed.topic.split())) if headline else ""
    if not _names_a_subject(head) or from_body == head:
        return from_body
    body_words = content_lemmas(from_body)
    plain = re.sub(r"^the\s+", "", from_body, flags=re.IGNORECASE)
    one_word = len(plain.split()) == 1
    named = is_acronym(plain) or log_probability(plain.lower()) < TERM_OF_ART_LOG_PROBABILITY
    head_words = head.split()
    qualified = len(head_words) == len(plain.split()) + 1 and " ".join(head_words[1:]).lower() == plain.lower()
    if from_body != UNNAMED_SUBJECT and len(from_body.split()) > 1 and not (one_word and not named) and not qualified \
            and (not _INSTRUMENTS.search(head) or body_words <= content_lemmas(head)):
        return from_body  # the body's own name: "the India Semiconductor Mission", "stubble burning"
    if one_word and named:
        return from_body  # one rare word or an acronym names it: "UPI", "Chandrayaan-3", "the collegium"
    # "the project", the body's stand-in, is no name, and "New Criminal Laws" says which criminal laws: the title's
    return _as_name(head, body)


def _lead(head: str) -> str:
    """A title's lead without an opening verb ("Reforming the UN Security Council" -> "the UN Security Council") and,
    when it names an instrument, without what comes before the instrument's name ("Three Decades of the 73rd
    Amendment" -> "the 73rd Amendment").

    >>> _lead("Strengthening U.S.-India Defence Partnership"), _lead("Three Decades of the 73rd Amendment")
    ('U.S.-India Defence Partnership', '73rd Amendment')
    >>> _lead("Lokpal and Lokayuktas Act, 2013"), _lead("Three Decades of Prevention of Corruption Act")
    ('Lokpal and Lokayuktas Act, 2013', 'Prevention of Corruption Act')
    """
    words = head.split()
    if len(words) > 2 and re.fullmatch(r"[A-Z][a-z]+ing", words[0]):
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    year = ""
    if words and re.fullmatch(r"\d{4}", words[-1]) and len(words) > 1 and words[-2].endswith(","):
        year, words = f", {words[-1]}", words[:-1]
        words[-1] = words[-1].rstrip(",")
    if words and _INSTRUMENTS.search(words[-1]):
        k = len(words) - 1  # back over the name's capitalised words and numbers ("73rd", "(129th"), and the small
        # words between two of them ("Lokpal and Lokayuktas Act", "Prevention of Corruption Act"), but not a span of
        # time before "of" ("Three Decades of the ...")
        while k > 0 and (re.match(r"[(A-Z0-9]", words[k - 1]) or (
                k > 1 and words[k - 1] in _NAME_JOINS and re.match(r"[(A-Z0-9]", words[k - 2])
                and not (words[k - 1] == "of" and _SPAN_OF_TIME.fullmatch(words[k - 2])))):
            k -= 1
        words = words[k:]
    return " ".join(words) + year


_NAME_JOINS = frozenset({"and", "of", "for", "on", "to", "&"})
_SPAN_OF_TIME = re.compile(r"(?i)(?:years?|decades?|months?|days?|centur(?:y|ies)|\d+)")


def _names_a_subject(head: str) -> bool:
    """A title's lead that names a subject: two to eight words, not a category line ("Polity Watch")."""
    words = head.split()
    return 2 <= len(words) <= MAX_SUBJECT_WORDS and not _CATEGORY.search(head) and not head.endswith("?")


def _as_name(head: str, body: str = "") -> str:
    """A title's lead as a question writes it: an Act or a Mission with "the" and its capitals, a slogan in quotes,
    anything else in lowercase except the words the body writes with a capital (names) and acronyms.

    >>> _as_name("Digital Personal Data Protection Act, 2023"), _as_name("One Nation, One Election")
    ('the Digital Personal Data Protection Act, 2023', "'One Nation, One Election'")
    >>> _as_name("India's Cyber Security Architecture", "Attacks on India's networks rose; cyber security lags.")
    "India's cyber security architecture"
    """
    if _INSTRUMENTS.search(head):
        return f"the {head}"
    words = head.split()
    if "," in head and all(w[:1].isupper() for w in words):
        return f"'{head}'"
    return " ".join(w if is_acronym(w) or _is_name(w, body) else w.lower() for w in words)


def _recase(subject: str, body: str) -> str:
    """A subject taken from a Title Case title in the body's own case: "Groundwater Depletion" -> "groundwater
    depletion"; names, acronyms and instruments keep their capitals."""
    if _INSTRUMENTS.search(subject) or subject == UNNAMED_SUBJECT:
        return subject
    return " ".join(w if is_acronym(w) or not w[:1].isupper() or _is_name(w, body) else w.lower()
                    for w in subject.split())


def _is_name(word: str, body: str) -> bool:
    """A word the body mostly writes with a capital inside its sentences ("India's", "Punjab"; not "Women's").

    >>> [_is_name(w, "Women in India vote. In Punjab, women lead.") for w in ("India's", "Women's", "Punjab")]
    [True, False, True]
    """
    plain = re.sub(r"['\u2019]s$", "", word).strip(",;:()")
    if not plain[:1].isupper():
        return False
    seen = [m.group(0)[:1].isupper() for m in re.finditer(rf"(?<![.!?:]\s)(?<!^)\b{re.escape(plain)}\b", body,
                                                         re.IGNORECASE)]
    if seen:
        return sum(seen) > len(seen) / 2
    return is_place_name([plain])


def _body_subject(parsed: Article, aliases: Sequence[list[str]]) -> str:
    """What the article is about, as a question names it: "the India Semiconductor Mission", "stubble burning".

    Candidates are the noun phrases of the title and of an "About X" / "What is X?" heading; the one
    the article's body uses most (with its acronym) wins.
    """
    body = " ".join(b.text for s in parsed.sections for b in s.bullets)
    low_body = " " + " ".join(re.findall(r"[\w-]+", body.lower())) + " "
    candidates: list[tuple[str, float]] = []
    for section in parsed.sections:
        named = about_what(section.heading)
        if named:
            candidates.append((named, 2.0))
    headline = not re.search(r"[.!]$", parsed.title)  # without headings the "title" is the first sentence
    for phrase in candidate_runs(lower_words(parsed.topic)) if headline else []:
        candidates.append((phrase.text, 1.5))  # the title before its subtitle names the subject
    for phrase in candidate_runs(lower_words(parsed.title)) if headline else []:
        candidates.append((phrase.text, 0.0))
    best, best_score = "", 0.0
    # the title's lead names the subject when the article uses it, in a sentence or a bullet's label ("Inter-State
    # River Water Disputes Act, 1956: ..."); a subtitle's words ("Why Tribunals Take Decades") are a candidate only
    # when it does not
    labels = " " + " ".join(re.findall(r"[\w-]+", " ".join(b.label for s in parsed.sections
                                                          for b in s.bullets).lower())) + " "

    def used(words: list[str], bonus: float) -> int:
        phrase = f" {' '.join(words)} "
        return low_body.count(phrase) + (labels.count(phrase) if bonus > 0 else 0)

    leads = [named for named, bonus in candidates if bonus > 0
             and used([w for w in re.findall(r"[\w-]+", named.lower()) if w != "the"], bonus)]
    for named, bonus in candidates:
        words = re.findall(r"[\w-]+", named.lower())
        words = words[1:] if words and words[0] == "the" else words
        if not words or words == ["india"] or (leads and bonus == 0.0):
            continue
        count = used(words, bonus)
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


def about_what(heading: str) -> str:
    """The thing an "About X" or "What is X?" heading names, unless it is a stand-in ("About the mission").

    >>> about_what("About the India Semiconductor Mission (ISM)"), about_what("What is green hydrogen?")
    ('the India Semiconductor Mission', 'green hydrogen')
    >>> about_what("About the mission"), about_what("Challenges")
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
        return " ".join(w if is_acronym(w) or w.lower() not in vocabulary_words() else w.lower() for w in words)
    # a longer name counts the shorter mentions it contains ("the Schedule" is the Tenth Schedule)
    weight = {f: sum(len(n) for g, n in inner.items() if f.lower().endswith(g.lower())) for f in inner}
    written = max(inner, key=lambda f: (weight[f], len(f)))
    with_the = sum(forms[written]) > len(forms[written]) / 2
    return f"the {written}" if with_the else written
