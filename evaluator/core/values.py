"""Values of a declared fact, read from text and compared in one canonical form.

A rubric's fact (``KeyPoint.facts``) names a subject, an attribute and the allowed values of one *kind*.
This module knows how each kind is written and says when two spellings are the same value:

- ``year``: 1947, 2015, nineteen ninety-two, twenty twenty-three, two thousand and fifteen;
- ``number``: 29, 1.5 lakh crore, 500 GW, and ratios, where 75% = 75 per cent = three-fourths = 3/4 = 0.75;
- ``ordinal``: 101st = hundred and first = one hundred and first; 73rd = seventy-third; the Fourth;
- ``article``: Article 279A = Art. 279A = 279A(11); Articles 83 and 172; Part IX = Part 9;
- ``country``: the US = USA = United States = America = American;
- ``state``: a state or union territory of India: Odisha = Orissa; Jammu and Kashmir = J&K;
- ``body``: a public body, regulator, agency or grouping: RBI = Reserve Bank of India; a ministry or department by
  its subject words, the same where they share one (Ministry of New and Renewable Energy = MNRE = the Renewable
  Energy Ministry; the Ministry of Power is another body);
- ``verdict``: struck down = invalidated = quashed = declared unconstitutional = set aside; upheld = validated;
- ``name``: any of the aliases the fact lists (an open set: its wrong values are the fact's ``others``);
- ``yes-no``: read from the polarity of the attribute's cue words by the fact checker, not here.

>>> [v.canonical for v in find_values("year", "in twenty twenty-three, by twenty-fifty, from nineteen sixty-seven")]
['2023', '2050', '1967']
>>> [v.canonical for v in find_values("number", "three-fourths of votes, 75 per cent, 0.75 and 3/4")]
['r0.75', 'r0.75', 'r0.75', 'r0.75']
>>> [v.canonical for v in find_values("number", "Article 243H, 29 subjects, 2,50,000 gram panchayats")]
['n29', 'n250000']
>>> [v.canonical for v in find_values("ordinal", "the hundred and first and the 73rd Amendment")]
['101', '73']
>>> [v.canonical for v in find_values("article", "under Articles 83 and 172, and Art. 279A(11)")]
['83', '172', '279a']
>>> [v.canonical for v in find_values("verdict", "the court quashed it; the act was upheld")]
['struck down', 'upheld']
>>> [v.canonical for v in find_values("body", "NPCI, promoted by the Reserve Bank and the IBA, under MeitY's rules")]
['npci', 'rbi', 'iba', 'ministry:electronics information technology']
>>> [v.canonical for v in find_values("body", "the Ministry of Power's standard, not the Union Home Ministry's")]
['ministry:power', 'ministry:home']
>>> [v.canonical for v in find_values("body", "World Bank support, not an ADB or JICA loan, nor the AIIB's")]
['world bank', 'adb', 'jica', 'aiib']
>>> [v.canonical for v in find_values("body", "the Asian Infrastructure Investment Bank")]
['aiib']
>>> [v.canonical for v in find_values("body", "CoBRA is a CRPF unit, not the Border Security Force or Indian Army")]
['crpf', 'bsf', 'indian army']
>>> [v.canonical for v in find_values("body", "ITBP, CISF, SSB and the Assam Rifles; the New Development Bank")]
['itbp', 'cisf', 'ssb', 'assam rifles', 'ndb']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from evaluator.core.lexicon import BODIES, COUNTRIES, INDIAN_STATES, MONTHS

ValueKind = Literal["year", "number", "ordinal", "article", "country", "state", "body", "verdict", "name", "yes-no"]
VALUE_KINDS: tuple[str, ...] = ValueKind.__args__  # type: ignore[attr-defined]
SET_KINDS = frozenset({"country", "state", "name"})  # a subject may have several: each value named must be one of them

_UNITS = {"": 1, "lakh crore": 10**12, "lakh crores": 10**12, "ten": 10, "hundred": 100, "thousand": 1_000,
          "lakh": 100_000, "lakhs": 100_000, "million": 10**6, "crore": 10**7, "crores": 10**7, "billion": 10**9,
          "trillion": 10**12, "cr": 10**7, "lakh cr": 10**12}
_CARDINAL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
             "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                  "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_TENS = {k: v for k, v in _CARDINAL.items() if v >= 20}
NUMBER_WORDS = frozenset(_CARDINAL)  # "one" ... "ninety": the words a count or a year in words opens with
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "fourth": 4, "fourths": 4, "quarter": 4,
                 "quarters": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                 "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_SMALL = {k: v for k, v in _CARDINAL.items() if v <= 9}
VERDICTS: dict[str, tuple[str, ...]] = {
    "struck down": ("struck down", "strike down", "strikes down", "striking down", "stuck down", "invalidated",
                    "invalidate", "invalidates", "quashed", "quash", "quashes", "declared unconstitutional",
                    "held unconstitutional", "ruled unconstitutional", "found unconstitutional", "declared void",
                    "set aside", "sets aside", "annulled", "nullified", "scrapped by the court", "overturned"),
    "upheld": ("upheld", "uphold", "upholds", "upholding", "validated", "sustained", "affirmed the validity",
               "declared constitutional", "held constitutional", "ruled constitutional", "found constitutional",
               "held valid", "declared valid"),
    "read down": ("read down", "reads down", "reading down"),
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass(frozen=True)
class FoundValue:
    """A value of a kind in a text: its canonical form, what was written and where (character offsets)."""

    canonical: str
    text: str
    start: int
    end: int


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_SMALL_CARDINALS = {v: k for k, v in _CARDINAL.items() if v <= 20}
_SMALL_ORDINALS = {v: k for k, v in _ORDINAL_UNITS.items() if v <= 20}


@lru_cache(maxsize=8192)
def number_forms(word: str) -> tuple[str, ...]:
    """The ways a small number in a name is written: '6' and 'six', '10th' and 'tenth' (1 to 20); the word alone
    for any other word ("Paragraph 6" = "Paragraph Six", "Tenth Schedule" = "10th Schedule").

    >>> number_forms("6"), number_forms("Tenth"), number_forms("3rd"), number_forms("Schedule")
    (('6', 'six'), ('Tenth', '10th'), ('3rd', 'third'), ('Schedule',))
    """
    low = word.lower()
    if low.isdigit() and 1 <= int(low) <= 20:
        return word, _SMALL_CARDINALS[int(low)]
    if low in _CARDINAL and _CARDINAL[low] <= 20:
        return word, str(_CARDINAL[low])
    ordinal = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", low)
    if ordinal and 1 <= int(ordinal.group(1)) <= 20:
        return word, _SMALL_ORDINALS[int(ordinal.group(1))]
    if low in _ORDINAL_UNITS and _ORDINAL_UNITS[low] <= 20:
        return word, f"{_ORDINAL_UNITS[low]}{_suffix(_ORDINAL_UNITS[low])}"
    return (word,)


def roman(numeral: str) -> int | None:
    """The value of a Roman numeral up to C (IX = 9, XIV = 14, LXXIII = 73), ``None`` if it is not one."""
    s = numeral.lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        value = _ROMAN[a]
        total += -value if b != " " and _ROMAN[b] > value else value
    return total if total > 0 else None


def _ordinal_words(text: str) -> int | None:
    """'seventy-third' -> 73, 'hundred and first' -> 101, 'one hundred first' -> 101, 'fourth' -> 4."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total = 0
    if words[0] in ("one", "a") and len(words) > 1 and words[1] in ("hundred", "hundredth"):
        words = words[1:]
    if words[0] == "hundred" and len(words) > 1:
        total, words = 100, words[1:]
    if len(words) == 2 and words[0] in _TENS and words[1] in _ORDINAL_UNITS and _ORDINAL_UNITS[words[1]] < 10:
        return total + _TENS[words[0]] + _ORDINAL_UNITS[words[1]]
    if len(words) == 1 and words[0] in _ORDINAL_UNITS:
        return total + _ORDINAL_UNITS[words[0]]
    return None


# 10 to 99 in words ("twenty-five", "fifteen"), the second part of a year in words
_TWO_DIGITS = (r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-]+(?:" + "|".join(_SMALL) + r"))?|"
               + "|".join(k for k, v in _CARDINAL.items() if 10 <= v <= 19) + ")")
# a count in words, 2 to 99 ("one" is a pronoun as often as a number: it counts only before a scale, "one billion")
_CARDINAL_WORD_RE = _TWO_DIGITS + "|" + "|".join(k for k, v in _SMALL.items() if v > 1)
_PERCENT = r"(%|per\s?cent|percent)"
_SCALE_WORDS = r"lakh\s+crores?|lakh\s+cr\b\.?|lakhs?|crores?|cr\b\.?|million|billion|trillion|thousand"  # "cr": crore
_SCALE = "(" + _SCALE_WORDS + ")"
_FRACTION_WORDS = "|".join(sorted(_DENOMINATORS, key=len, reverse=True))  # "thirds", "quarter", "half"...
_ORDINAL_WORD_RE = (r"(?:(?:one\s+|a\s+)?hundred(?:\s+and)?[\s-]+)?(?:(?:" + "|".join(_TENS) + r")[\s-]+)?(?:"
                    + "|".join(sorted(_ORDINAL_UNITS, key=len, reverse=True)) + r")")
_PATTERNS = {
    "year": re.compile(r"(?<![\w.,/])(1[6-9]\d\d|20\d\d)(?![\w%]|\.\d|,\d)"),
    "ordinal": re.compile(r"(?<![\w.])(\d{1,3})\s?(?:st|nd|rd|th)\b|\b(" + _ORDINAL_WORD_RE + r")\b", re.IGNORECASE),
    "article": re.compile(r"\b(?:Art(?:icle)?s?\.?)\s*((?:\d{1,3}[A-Z]{0,2}(?:\(\w{1,3}\))*"
                          r"(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*)?)+)"
                          r"|\bPart\s+([IVXL]{1,6}[A-Z]?|\d{1,2}[A-Z]?)\b", re.IGNORECASE),
    "number": re.compile(
        r"(?<![\w./])(\d{1,2})\s*/\s*(\d{1,2})(?![\w/])"
        r"|(?<![\w.])(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)(?![A-Za-z])(?:\s*" + _PERCENT + r")?"
        r"(?:\s+" + _SCALE + r")?(?![\w.]*\d)"
        r"|\b(one|two|three|four|five|seven|nine|a)[\s-]+(" + _FRACTION_WORDS + r")\b"
        r"|\b(half)\b"
        # a quantity in words, "eighteen subjects", "twenty-five years", "ten per cent", "thirty lakh" (a word before
        # an ordinal or a fraction is part of it)
        r"|\b((?:" + _CARDINAL_WORD_RE + r")(?:\s+hundred)?|one(?=\s+(?:" + _SCALE_WORDS + r")\b))\b"
        # (a capitalised ordinal opens a name: "the twenty-nine Eleventh Schedule subjects" are 29)
        r"(?![\s-]+(?-i:" + _ORDINAL_WORD_RE + "|" + _FRACTION_WORDS + r")\b)(?:\s*" + _PERCENT + r")?(?:\s+" + _SCALE
        + r")?\b", re.IGNORECASE),
}
# a year in words: "nineteen ninety-two", "twenty twenty-four", "twenty-fifty", "two thousand and fifteen" (the second
# part of "twenty ..." is 10 to 99, so "twenty-five" stays a number)
_YEAR_WORDS = re.compile(r"\b(?:(nineteen|twenty)[\s-]+(" + _TWO_DIGITS + r")|two\s+thousand(?:\s+and)?\s+("
                         + _TWO_DIGITS + "|" + "|".join(_SMALL) + r"))\b(?![\s-]+(?:" + "|".join(_SMALL) + r")\b)",
                         re.IGNORECASE)


def _cardinal_words(text: str) -> int:
    """'ninety-two' -> 92, 'fifteen' -> 15 (words the year pattern has already matched)."""
    return sum(_CARDINAL[w] for w in re.split(r"[\s-]+", text.lower()) if w)


def _word_years(text: str) -> list[FoundValue]:
    found = []
    for m in _YEAR_WORDS.finditer(text):
        year = (1900 if m.group(1).lower() == "nineteen" else 2000) + _cardinal_words(m.group(2)) if m.group(1) \
            else 2000 + _cardinal_words(m.group(3))
        found.append(FoundValue(str(year), m.group(0), m.start(), m.end()))
    return found


_ARTICLE_NUMBER = re.compile(r"\d{1,3}[A-Z]{0,2}", re.IGNORECASE)
_COUNTRY_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(COUNTRIES, key=len, reverse=True))
                         + r")(?![\w])", re.IGNORECASE)
_STATE_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(INDIAN_STATES, key=len, reverse=True))
                       + r")(?![\w&])", re.IGNORECASE)
# words that do not tell one ministry from another
_MINISTRY_FILLER = frozenset({"the", "of", "and", "union", "affairs", "ministry", "department", "development",
                              "government", "central", "india", "indian", "us", "american", "u.s", "federal", "new"})


def _ministry(name: str) -> str | None:
    """A ministry's canonical form, 'ministry:' and its subject words ("Power Ministry" -> 'ministry:power')."""
    words = [w for w in re.findall(r"[\w-]+", name.lower()) if w not in _MINISTRY_FILLER]
    return "ministry:" + " ".join(words) if words else None


# bodies: an acronym (no small letter) only as written, every other alias in any case; the longest alias first
_BODY_OF = {_a.lower(): (_ministry(_body[9:]) if _body.startswith("ministry:") else _body)
            for _body, _aliases in BODIES.items() for _a in _aliases}


# a body written as the agent of a compound ("an ADB-supported scheme", "a DRDO-built missile"): the body is named
_AGENT_COMPOUND = (r"(?![\w-])|(?=-(?:supported|backed|funded|financed|aided|assisted|sponsored|promoted|led|run|owned|"
                   r"operated|managed|built|developed|designed|controlled|appointed|approved)\b)")


@lru_cache(maxsize=1)
def _body_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The acronyms' pattern and the names' pattern, compiled on first use (not when a command that reads no body
    starts)."""
    cased = re.compile(r"(?<![\w.-])(" + "|".join(
        re.escape(a) for a in sorted((a for ps in BODIES.values() for a in ps if a == a.upper()), key=len,
                                     reverse=True)) + r")(?:" + _AGENT_COMPOUND + ")")
    folded = re.compile(r"(?<![\w.-])(" + "|".join(
        re.escape(a).replace(r"\ ", r"\s+") for a in sorted((a for ps in BODIES.values() for a in ps if a != a.upper()),
                                                            key=len, reverse=True))
                        + r")(?:" + _AGENT_COMPOUND + ")", re.IGNORECASE)
    return cased, folded


# a ministry or department by its name: "Ministry of New and Renewable Energy", "the Power Ministry"
_NAME_WORD = r"(?:[A-Z][a-z][\w-]*+|[A-Z]{2,}+)"
_MINISTRY_OF = re.compile(r"\b(?:[Mm]inistry|[Dd]epartment)\s+of\s+(" + _NAME_WORD + r"(?:(?:\s*,\s*|\s+(?:and|&)\s+|\s+)"
                          + _NAME_WORD + r")*)")
_X_MINISTRY = re.compile(r"\b(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})\s+(?:[Mm]inistry|[Dd]epartment)\b")


def _bodies(text: str) -> list[FoundValue]:
    found = [FoundValue(_BODY_OF[" ".join(m.group(1).lower().split())], m.group(1), m.start(1), m.end(1))
             for pattern in _body_patterns() for m in pattern.finditer(text)]
    for pattern in (_MINISTRY_OF, _X_MINISTRY):
        for m in pattern.finditer(text):
            if (canonical := _ministry(m.group(1))) is not None:
                found.append(FoundValue(canonical, m.group(0), m.start(), m.end()))
    kept: list[FoundValue] = []
    for v in sorted(found, key=lambda v: (v.start, v.start - v.end)):  # the longest of overlapping names
        if kept and v.start < kept[-1].end:
            continue
        kept.append(v)
    return kept


# "struck the law down", "set it aside": a short object may stand inside the phrase
# "held the law void", "declared Salwa Judum illegal", "endorsed it as lawful": a judgment on the legality of what
# stands between (never "not": "held it not valid" is no upholding)
_BETWEEN = r"(?:(?!not\b|never\b|no\b)[\w'-]+\s+){0,4}?"
_SPLIT_VERDICTS = {r"str(?:uck|ike|ikes|iking)\s+(?:[\w'-]+\s+){1,4}?down": "struck down",
                   r"set(?:s|ting)?\s+(?:[\w'-]+\s+){1,3}?aside": "struck down",
                   r"read(?:s|ing)?\s+(?:[\w'-]+\s+){1,3}?down": "read down",
                   r"(?:held|declared|ruled|found)\s+" + _BETWEEN + r"(?:illegal|unlawful|unconstitutional|void)":
                       "struck down",
                   r"(?:held|declared|ruled|found)\s+" + _BETWEEN + r"(?:valid|lawful|legal|constitutional)":
                       "upheld",
                   r"(?:endorsed|accepted|approved|recogni[sz]ed)\s+" + _BETWEEN +
                   r"as\s+(?:valid|lawful|legal|constitutional|legitimate)": "upheld"}
_VERDICT_RE = re.compile(r"\b(" + "|".join([*_SPLIT_VERDICTS, *(re.escape(p) for ps in VERDICTS.values()
                                                                for p in sorted(ps, key=len, reverse=True))])
                         + r")\b", re.IGNORECASE)
_VERDICT_OF = {p: v for v, ps in VERDICTS.items() for p in ps}


# a month as a date writes it, capitalised ("may" in lower case is the modal verb)
MONTH_NAMES = "(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=lambda m: (-len(m), m))) + ")"
_MONTH_AFTER = re.compile(r"\s+" + MONTH_NAMES + r"\b")
_MONTH_BEFORE = re.compile(r"\b" + MONTH_NAMES + r"\.?\s+$")


def _number(groups: tuple[str | None, ...]) -> str | None:
    """Canonical number: ``r<ratio>`` for percentages and fractions, ``n<value>`` for plain quantities."""
    num, den, digits, percent, scale, small, denominator, half, words, word_percent, word_scale = groups
    if words is not None:
        count, hundred, _ = words.lower().partition("hundred")
        digits, percent, scale = str(_cardinal_words(count) * (100 if hundred else 1)), word_percent, word_scale
    if digits is not None:
        value = float(digits.replace(",", ""))
        if percent:
            return f"r{round(value / 100, 4):g}"
        if scale:
            return f"n{value * _UNITS[' '.join(scale.lower().rstrip('.').split())]:g}"
        if "." in digits and value < 1:
            return f"r{round(value, 4):g}"
        return f"n{value:g}"
    if num is not None:
        return f"r{round(int(num) / int(den), 4):g}" if int(den) else None
    if small is not None:
        top = 1 if small.lower() == "a" else _SMALL[small.lower()]
        return f"r{round(top / _DENOMINATORS[denominator.lower()], 4):g}"
    if half is not None:
        return "r0.5"
    return None


def _article_numbers(m: re.Match[str]) -> str:
    """The run of article numbers a match gives: after a singular "Article", a comma ends it ("Article 243H, 29
    subjects"); after "Articles", a comma lists ("Articles 83, 172 and 174")."""
    plural = bool(re.match(r"(?i)art(?:icle)?s", m.group(0)))
    return m.group(1) if plural else m.group(1).split(",")[0]


def find_values(kind: str, text: str) -> list[FoundValue]:
    """Every value of ``kind`` written in ``text``, in order (``name`` and ``yes-no`` are the fact's own words)."""
    found: list[FoundValue] = []
    if kind == "year":
        found = [FoundValue(m.group(1), m.group(1), m.start(1), m.end(1)) for m in _PATTERNS["year"].finditer(text)]
        found = sorted([*found, *_word_years(text)], key=lambda v: v.start)
    elif kind == "ordinal":
        for m in _PATTERNS["ordinal"].finditer(text):
            value = int(m.group(1)) if m.group(1) else _ordinal_words(m.group(2))
            if value:
                found.append(FoundValue(str(value), m.group(0), m.start(), m.end()))
    elif kind == "article":
        for m in _PATTERNS["article"].finditer(text):
            if m.group(2):
                part = roman(m.group(2).rstrip("ABCDabcd")) or (int(re.sub(r"\D", "", m.group(2)) or 0) or None)
                if part:
                    found.append(FoundValue(f"part {part}", m.group(0), m.start(), m.end()))
                continue
            base = m.start(1)
            for n in _ARTICLE_NUMBER.finditer(_article_numbers(m)):
                if n.start() and m.group(1)[n.start() - 1] == "(":
                    continue  # a clause number inside brackets: 279A(11)
                found.append(FoundValue(n.group(0).lower(), n.group(0), base + n.start(), base + n.end()))
    elif kind == "number":
        taken = [(m.start(), m.start(1) + len(_article_numbers(m)) if m.group(1) else m.end())
                 for m in _PATTERNS["article"].finditer(text)]
        taken += [(y.start, y.end) for y in _word_years(text)]  # "nineteen ninety-three" is a year
        for m in _PATTERNS["number"].finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue  # "Article 75(1A)" names an article, and "nineteen ninety-three" a year, not a quantity
            if m.group(3) and re.fullmatch(r"(1[6-9]|20)\d\d", m.group(3)) and not (m.group(4) or m.group(5)):
                continue  # a year, not a quantity
            if m.group(3) and re.match(r"\s?(?:st|nd|rd|th)\b", text[m.end():m.end() + 3]):
                continue
            if m.group(3) and not (m.group(4) or m.group(5)) and (
                    _MONTH_AFTER.match(text, m.end()) or _MONTH_BEFORE.search(text, 0, m.start())):
                continue  # a day of the month ("4 January 2023", "January 4"), not a quantity
            canonical = _number(m.groups())
            if canonical:
                found.append(FoundValue(canonical, m.group(0), m.start(), m.end()))
    elif kind == "country":
        for m in _COUNTRY_RE.finditer(text):
            word = m.group(1)
            country = COUNTRIES.get(_lookup_key(word))
            if country and (word == "US" or word.lower() != "us"):  # "us" the pronoun is not the United States
                found.append(FoundValue(country, word, m.start(), m.end()))
    elif kind == "state":
        found = [FoundValue(state, m.group(1), m.start(), m.end()) for m in _STATE_RE.finditer(text)
                 if (state := INDIAN_STATES.get(_lookup_key(m.group(1))))]
    elif kind == "body":
        found = _bodies(text)
    elif kind == "verdict":
        found = [FoundValue(_verdict(m.group(1)), m.group(1), m.start(), m.end()) for m in _VERDICT_RE.finditer(text)]
    return found


def _lookup_key(written: str) -> str:
    """A name as the lexicons key it: lower case, one space, letters that case-insensitive matching took for ASCII
    ones ("İndia") folded to them."""
    plain = unicodedata.normalize("NFKD", written).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def _verdict(phrase: str) -> str:
    low = " ".join(phrase.lower().split())
    if low in _VERDICT_OF:
        return _VERDICT_OF[low]
    return next(v for p, v in _SPLIT_VERDICTS.items() if re.fullmatch(p, low))


def canonical_value(kind: str, value: str) -> str | None:
    """The canonical form of a value a rubric declares, or ``None`` when it is not a value of that kind.

    >>> canonical_value("number", "three-fourths"), canonical_value("ordinal", "101"), canonical_value("year", "x")
    ('r0.75', '101', None)
    """
    value = value.strip()
    if kind in ("name",):  # "4th nation" is "fourth nation"
        return _ORDINAL_DIGITS.sub(lambda m: _ORDINAL_NAMES.get(int(m.group(1)), m.group(0)),
                                   " ".join(value.lower().split())) or None
    if kind == "yes-no":
        return {"yes": "yes", "true": "yes", "no": "no", "false": "no"}.get(value.lower())
    if kind == "ordinal" and value.isdigit():
        return str(int(value))
    if kind == "article":
        value = value if re.match(r"(?i)art|part", value) else f"Article {value}"
    if kind == "verdict":
        return _VERDICT_OF.get(value.lower()) or (value.lower() if value.lower() in VERDICTS else None)
    found = find_values(kind, value)
    if len(found) == 1 and (kind not in ("country", "state", "body") or found[0].end - found[0].start == len(value)):
        return found[0].canonical
    return None


_ORDINAL_DIGITS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_ORDINAL_NAMES = {number: word for word, number in _ORDINAL_UNITS.items()}


def same_value(kind: str, a: str, b: str) -> bool:
    """Two canonical values are the same value: numbers within 1% (1.5 lakh crore = 1,50,000 crore)."""
    if a == b:
        return True
    if kind == "body" and a.startswith("ministry:") and b.startswith("ministry:"):
        return bool(set(a[9:].split()) & set(b[9:].split()))  # one subject word in common: possibly the same
    if kind == "number" and a[:1] == b[:1] and a[:1] in "rn":
        x, y = float(a[1:]), float(b[1:])
        return abs(x - y) <= 0.01 * max(abs(x), abs(y))
    return False


def comparable(kind: str, a: str, b: str) -> bool:
    """A value the answer gives can be weighed against a declared one: a ratio only against a ratio."""
    return kind != "number" or a[:1] == b[:1]
