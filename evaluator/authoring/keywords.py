"""Keyword concepts drafted from an article: the noun phrases a student would write, acronyms with their expansions.

A good keyword is a domain term a student uses to show the point ("capital intensity",
"ultra-pure water", "export controls", "CERT-In"), with its variants. It is never a bare date,
number, unit, currency or month, never a place name alone, never a verb phrase of the article's
prose ("hurt investor confidence"), and an acronym only when the text defines it in the same
sentence with initials that fit.

Without a part-of-speech model, verbs are told from nouns by WordNet's word lists
(spacy-lookups-data) and the words around them: a word after "to" or "can", an inflected
word between two nouns ("office coordinates cyber security"), an imperative before "the".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.lang.en.lex_attrs import like_num

from evaluator.core.text import analyse, log_probability, parts_of_speech
from evaluator.authoring.places import MONTHS, QUANTITIES, is_place_name

MAX_CONCEPTS_PER_POINT = 3
MAX_PHRASE_WORDS, MAX_NAME_WORDS = 4, 7  # common-noun phrases vs capitalised names (with "of", "and"...)
TERM_OF_ART_LOG_PROBABILITY = -14.5  # a lone everyday word is a keyword only when rarer than this ("lithography")
MIN_CONCEPT_SCORE = 0.5  # a weaker phrase is left out: a point with fewer, better keywords matches more fairly
COMMON_WORD_LOG_PROBABILITY = -11.5  # a phrase of only commoner words must recur in the article to be a keyword
RELATIVE_CONCEPT_SCORE = 0.5  # nor one scoring below this share of the bullet's best phrase
PRELIMS_BOOST = 0.5  # a phrase the site lists under "Prelims level" is a term students are expected to write

_CONNECTORS = frozenset({"of", "on", "and", "for", "the", "in", "&"})  # small words inside names
_FIT_CONNECTORS = _CONNECTORS | {"to", "a", "an", "at", "by", "with"}  # may be skipped by an acronym's letters
_JOINERS = frozenset({"-", "\u2010", "\u2011", "+"})  # inside a word: "co-production", "INDUS-X", "2+2"
_CODE_NAME = re.compile(r"[A-Z0-9]+(?:[-\u2010\u2011+][A-Z0-9]+)+|[A-Z]{2,}[-\u2010\u2011]I[Nn]")
_ALPHANUMERIC = re.compile(r"(?=[A-Za-z0-9.]*\d)(?=[A-Za-z0-9.]*[A-Za-z])[A-Za-z0-9]+(?:\.\d+)?")  # 2G, PM2.5, C2S
_SPELLINGS = (("defence", "defense"), ("isation", "ization"), ("programme", "program"), ("labour", "labor"),
              ("centre", "center"), ("analyse", "analyze"))  # British (Indian) spelling first
_ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9&-]{1,11})\s*\)")
_EXPANSION_IN_PARENS = re.compile(r"\b([A-Za-z][A-Za-z0-9-]{1,11})\s*\(\s*([A-Z][^()]{3,80}?)\s*\)")
_ACRONYM_LABEL = re.compile(  # "• NCIIPC: The National Critical Information Infrastructure Protection Centre, ..."
    r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7*\u2013\u2014-]\s+)?"
    r"(?P<acr>[A-Za-z][A-Za-z0-9-]{1,11})\s*:\s*(?:[Tt]he\s+)?(?P<exp>[A-Z][^,.;:()]{3,120})", re.MULTILINE)
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s|\n")
# a word right after one of these is a verb when it can be one ("to add", "can carry", "must not delay")
_VERB_CUES = frozenset({"to", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "cannot",
                        "not", "n't", "does", "did", "do", "often", "also", "who", "which", "that"})
_IRREGULAR_PAST = frozenset({
    "fell", "led", "rose", "struck", "stood", "spent", "shed", "felt", "sought", "bought", "brought", "taught",
    "thought", "held", "kept", "met", "paid", "said", "sent", "told", "won", "took", "gave", "made", "went", "came",
    "began", "grew", "drew", "fought", "caught", "chose", "drove", "flew", "hid", "knew", "shook", "threw", "wrote",
    "found", "left", "saw", "bore", "lay", "ran", "sat", "set", "cut", "hit", "put", "let", "quit", "spread", "built",
})
_PREPOSITIONS = frozenset({"inside", "outside", "towards", "toward", "across", "via", "amid", "despite", "onto",
                           "alongside", "far", "abroad", "away", "together", "ahead", "alike", "overall",
                           "upon", "within", "without", "beyond", "versus", "like", "unlike", "including", "per"})
_LOOSE_CUES = frozenset({"to", "who", "which", "that", "also", "often"})  # also before nouns ("to power grids")
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "this", "these", "those", "our", "every",
                          "each", "one", "some", "all", "any", "no", "more", "your"})
# verbs that are also nouns: a verb when inflected ("serves") or right after a name or a plural ("States share")
_NOUN_VERBS = frozenset({
    "serve", "lay", "share", "aim", "set", "play", "mark", "point", "face", "need", "help", "lead", "seek", "focus",
    "plan", "push", "move", "boost", "support", "call", "report", "view", "use", "work", "pave", "signal", "witness",
    "spur", "drive", "target", "hold", "host", "make", "take", "give", "show", "see", "say", "stand", "remain", "offer",
    "risk", "cut", "raise", "back", "link", "open", "benefit", "promise", "commit", "fund", "import", "export",
    "add", "bring", "build", "keep", "rise", "suffer", "bear", "cost", "want", "grow", "train", "employ", "run", "sit",
    "cross", "start", "look", "slow", "depend", "reward", "turn", "fall", "gain", "lose", "end", "pose", "leave",
    "conduct", "fear", "lie", "mix", "sow", "hit", "trap", "kill", "leak", "carry", "breed", "release", "treat",
    "coordinate", "expose", "delay", "cap", "bar", "lack", "burn", "hurt", "halt", "choke", "shrink", "reach", "act",
    "fail", "limit", "bind", "vote", "shift", "return", "force", "control", "claim", "block", "deliver", "spread",
    "buy", "sell", "pay", "afford", "probe", "trust", "clear", "cover", "store", "supply", "transport",
})
# evaluative or quantifying words that open a phrase but name nothing ("heavy reliance", "brief fluctuations")
_VAGUE_MODIFIERS = frozenset({
    "heavy", "brief", "narrow", "smaller", "small", "large", "larger", "big", "extra", "total", "finished", "peak",
    "many", "much", "little", "few", "several", "various", "new", "old", "recent", "current", "major", "minor",
    "key", "main", "high", "low", "higher", "lower", "huge", "vast", "poor", "good", "better", "best", "strong", "weak",
    "clear", "real", "full", "whole", "same", "other", "further", "proper", "certain", "specific",
    "important", "significant", "serious", "rapid", "slow", "long", "short", "wide", "broad", "early", "late", "later",
    "first", "last", "next", "single", "year-round", "modern", "very", "most", "less", "least", "greater", "growing",
    "hidden", "wider", "deep", "deeper", "fresh", "frequent", "common", "concrete", "realistic", "steady",
})


@dataclass(frozen=True)
class Phrase:
    """A candidate keyword: as written, its matching key, a score, and its lemmas."""

    text: str  # as written in the article (hyphens kept)
    key: str  # lemmas joined: the same key as keyword matching uses
    score: float
    words: tuple[str, ...]  # lemmas
    proper: bool = False  # a name, written with capitals: no spelling variant is made for it
    common: bool = False  # every word an everyday one ("health systems"): a keyword only if the article repeats it


# --- acronyms --------------------------------------------------------------------------------------------------------


def find_aliases(text: str) -> list[list[str]]:
    """Acronyms with their expansions, as keyword concepts: only those the text defines.

    "Long Name (LN)", "LN (Long Name)" and a bullet "LN: The Long Name, ..." pair the two when the
    initials fit, within one sentence. An acronym may take a letter from inside a word ("MeitY",
    Ministry of Electronics and Information Technology) or from a small word ("MoP", Memorandum
    of Procedure), and "-In" stands for India ("CERT-In").

    >>> find_aliases("Defence Technology and Trade Initiative (DTTI); DTTI (Technology and Trade Initiative)")
    [['defence technology and trade initiative', 'technology and trade initiative', 'DTTI']]
    >>> find_aliases("the Ministry of Electronics and Information Technology (MeitY) and CG Power. The Centre "
    ...              "and Gujarat")
    [['ministry of electronics and information technology', 'MeitY']]
    """
    pairs: list[tuple[str, str]] = []  # (expansion, acronym)
    # 1. "Expansion (ACR)": the shortest run of words before the bracket, in the same sentence, that fits
    for match in _ACRONYM_IN_PARENS.finditer(text):
        acronym = match.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        before = text[max(0, match.start() - 200) : match.start()]
        before = _SENTENCE_BREAK.split(before)[-1]
        words = re.findall(r"[\w'\u2019-]+", before)
        found = [words[-n:] for n in range(2, min(len(words), 10) + 1) if words[-n][0].lower() not in "0123456789"
                 and words[-n].lower() not in _FIT_CONNECTORS and fits(acronym, words[-n:], inside=0)] or \
                [words[-n:] for n in range(2, min(len(words), 10) + 1)
                 if words[-n].lower() not in _FIT_CONNECTORS and fits(acronym, words[-n:])]
        if found:
            pairs.append((" ".join(found[0]), acronym))
    # 2. "ACR (Expansion)": the expansion fits the acronym, or its end (iCET -> Critical and Emerging Technology)
    for match in _EXPANSION_IN_PARENS.finditer(text):
        acronym, expansion = match.group(1), match.group(2)
        words = re.findall(r"[\w'\u2019-]+", expansion)
        initials = _initials(words)
        if sum(c.isupper() for c in acronym) >= 2 and len(words) >= 2 and (
                fits(acronym, words) or (len(initials) >= 2 and _letters(acronym).endswith(initials))):
            pairs.append((" ".join(words), acronym))
    # 3. "ACR: The Expansion, ...": a bullet labelled with the acronym that opens with its expansion
    for match in _ACRONYM_LABEL.finditer(text):
        acronym = match.group("acr")
        if sum(c.isupper() for c in acronym) < 2:
            continue
        words = re.findall(r"[\w'\u2019-]+", match.group("exp"))
        found = [words[:n] for n in range(2, min(len(words), 10) + 1) if fits(acronym, words[:n], inside=0)] or \
                [words[:n] for n in range(2, min(len(words), 10) + 1) if fits(acronym, words[:n])]
        if found:
            pairs.append((" ".join(found[0]), acronym))
    # merge pairs that share an acronym (case-insensitive) into one concept
    groups: dict[str, list[str]] = {}
    for expansion, acronym in pairs:
        group = groups.setdefault(re.sub(r"[^a-z0-9]", "", acronym.lower()), [])
        for alias in (lower_words(expansion), acronym):
            if alias.lower() not in {a.lower() for a in group}:
                group.append(alias)
    # expansions first, longest first; the acronym last
    return [sorted(g, key=lambda a: (sum(c.isupper() for c in a) >= 2, -len(a))) for g in groups.values()]


def fits(acronym: str, words: Sequence[str], *, inside: int = 2) -> bool:
    """Whether ``words`` spell ``acronym``: every content word gives its initial, in order.

    Small words ("of", "and", "to") may give theirs or not; a hyphenated word gives one initial or
    one per part; at most ``inside`` letters may come from inside a word ("IGN", Intergovernmental
    Negotiations); a digit counts as "to" or repeats the next letter ("C2S", "I4C"); "-In" is India.

    >>> [fits(a, w.split()) for a, w in (("MeitY", "Ministry of Electronics and Information Technology"),
    ...     ("MoP", "Memorandum of Procedure"), ("I4C", "Indian Cyber Crime Coordination Centre"),
    ...     ("C2S", "Chips to Startup"), ("CERT-In", "Indian Computer Emergency Response Team"),
    ...     ("SCL", "Semi-Conductor Laboratory"), ("CG", "Centre and Gujarat"), ("PLI", "new policy"))]
    [True, True, True, True, True, True, True, False]
    """
    words = list(words)
    india = re.fullmatch(r"(.+?)[-\u2010\u2011]I[Nn]", acronym)
    if india:
        acronym = india.group(1)
        if words and words[0].lower() in ("indian", "india"):
            words = words[1:]
    tokens: list[tuple[str, bool]] = []  # (lowercase word or hyphen part, optional)
    for word in words:
        parts = [p for p in re.split(r"[-\u2010\u2011]", word.lower()) if p]
        for k, part in enumerate(parts):
            tokens.append((part, k > 0 or part in _FIT_CONNECTORS))
    if not tokens or tokens[0][1]:
        return False
    return any(_spells(reading, tokens, inside) for reading in _readings(acronym))


def _readings(acronym: str) -> set[str]:
    """The letter strings an acronym may stand for: digits dropped ("C2S" -> "cs") or repeating ("I4C" -> "icccc")."""
    low = acronym.lower()
    dropped = re.sub(r"[^a-z]", "", low)
    repeated = re.sub(r"(\d)([a-z])", lambda m: m.group(2) * int(m.group(1)), re.sub(r"[^a-z0-9]", "", low))
    return {r for r in (dropped, re.sub(r"\d", "", repeated)) if len(r) >= 2}


def _spells(letters: str, tokens: list[tuple[str, bool]], inside: int) -> bool:
    @cache
    def match(i: int, j: int, extras: int) -> bool:
        if j == len(tokens):
            return i == len(letters)
        word, optional = tokens[j]
        if optional and match(i, j + 1, extras):
            return True
        if i >= len(letters) or letters[i] != word[0]:
            return False
        if match(i + 1, j + 1, extras):
            return True
        # letters from inside the word, in order ("MeitY": the y of "technology")
        k, pos = i + 1, 1
        while extras < inside and k < len(letters):
            found = word.find(letters[k], pos)
            if found < 0:
                break
            k, pos, extras = k + 1, found + 1, extras + 1
            if match(k, j + 1, extras):
                return True
        return False

    return match(0, 0, 0)


def _letters(acronym: str) -> str:
    return re.sub(r"[^a-z]", "", acronym.lower())


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0].lower() for w in words if w.lower() not in _CONNECTORS and w[0].isalpha())


def lower_words(phrase: str) -> str:
    """Lowercase except acronyms and code names ("ICET", "iCET", "G-20", "F-414" keep their capitals).

    >>> lower_words("Indo-Pacific Security via the ICET and iCET for the F-414")
    'indo-pacific security via the ICET and iCET for the F-414'
    """
    return " ".join(w if is_acronym(w) or is_code_name(w) or any(is_acronym(part) for part in w.split("-"))
                    else w.lower() for w in phrase.split())


def is_acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= 2 and "." not in word


def is_code_name(written: str) -> bool:
    """A name of capitals and digits: "INDUS-X", "G-20", "COVID-19", "2+2", "CERT-In", "2G", "PM2.5" (not "2023-24").

    >>> [is_code_name(w) for w in ("INDUS-X", "2+2", "G-20", "CERT-In", "5G", "PM2.5", "Indo-Pacific",
    ...                            "co-production", "2023-24", "70B")]
    [True, True, True, True, True, True, False, False, False, False]
    """
    if _CODE_NAME.fullmatch(written):
        return bool(re.search(r"[A-Z]", written)) or "+" in written
    # letters and digits together, starting with a letter or a one-letter generation name ("2G", "5G")
    return bool(_ALPHANUMERIC.fullmatch(written)) and bool(re.fullmatch(r"[A-Za-z].*|\d[A-Z]", written))


# --- candidate phrases -----------------------------------------------------------------------------------------------


def candidate_runs(text: str, *, title_case: bool = False, defined: frozenset[str] = frozenset(),
                   prelims: frozenset[str] = frozenset(), label: bool = False) -> list[Phrase]:
    """Runs of content words (stop words, numbers, months, units and verbs end a run), trimmed to noun phrases.

    A hyphenated word ("co-production", "Indo-Pacific") is one word of a run; a code name ("INDUS-X",
    "2+2", "CERT-In") and an acronym in ``defined`` are concepts of their own; an acronym the text
    never defines is no keyword. Place names alone, single everyday words and vague openings
    ("heavy reliance") are dropped. ``prelims`` holds the keys of terms the site lists for prelims.
    A ``label`` (a bullet's title) keeps its adjectives: "Public trust", "Critical infrastructure".
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
        written = text[tok.start : tokens[unit[-1]].end]
        if len(unit) > 1:  # hyphenated, or letters and digits touching: one word, whatever its halves are
            if is_code_name(written):
                close()
                runs.append(unit)
            elif _ALPHANUMERIC.fullmatch(written) and current:
                current.extend(unit)  # "Section 70B": a code inside a phrase
            elif all(like_num(tokens[k].text) for k in unit if tokens[k].is_word) or _is_quantity(tokens[unit[-1]]):
                close()  # a number ("eighty-five"), a range ("2023-24") or "six-hour" ends a run, as a number does
            elif any(tokens[k].is_word and not tokens[k].is_stop and len(tokens[k].lemma) > 1 for k in unit):
                if current and _is_capitalised(tok.text) and not _is_capitalised(tokens[current[-1]].text) \
                        and tokens[current[-1]].lemma not in _CONNECTORS and not _is_sentence_start(tokens, i):
                    close()  # "rules-based | Indo-Pacific order"
                current.extend(unit)
            else:
                close()
            continue
        # "of", "and"... inside a capitalised name ("Initiative on Critical and Emerging Technologies")
        in_name = (tok.is_word and tok.lemma in _CONNECTORS and bool(current)
                   and _is_capitalised(tokens[current[-1]].text)
                   and i + 1 < len(tokens) and _is_capitalised(tokens[i + 1].text)
                   and tokens[i + 1].text.lower() not in MONTHS)
        acronym = is_acronym(tok.text)
        # "All India Institute ...": a capitalised small word inside a sentence opens a name
        # ... and so does a number word anywhere ("One Nation One Ration Card")
        opens_name = (tok.is_stop and _is_capitalised(tok.text)
                      and (not _is_sentence_start(tokens, i) or (tok.text.isalpha() and like_num(tok.text)))
                      and i + 1 < len(tokens) and _is_capitalised(tokens[i + 1].text) and tokens[i + 1].is_word
                      and not tokens[i + 1].is_stop)
        usable = opens_name or (tok.is_word and not tok.lemma.isdigit() and (not tok.is_stop or in_name or acronym)
                                and tok.text.lower() not in _PREPOSITIONS
                                and (len(tok.lemma) > 1 or tok.text.isupper()))
        if usable and (tok.text.lower() in MONTHS or _is_quantity(tok)):
            close()
        elif usable and (acronym or is_code_name(tok.text)):
            if tok.text not in defined and not is_code_name(tok.text) and _continues_name(tokens, i, current):
                current.append(i)  # "CHIPS and Science Act": an acronym inside a name is part of it
                continue
            close()
            if tok.text in defined or is_code_name(tok.text):
                runs.append([i])  # a defined acronym or a code name is a concept of its own
        elif usable and _ALPHANUMERIC.fullmatch(tok.text):
            if current:
                current.append(i)
            else:
                close()
        elif usable and (is_verb(tokens, i, in_run=bool(current))
                         or (like_num(tok.text) and not _ordinal_in_name(tokens, i))
                         or (re.search(r"\d", tok.text) and not _ALPHANUMERIC.fullmatch(tok.text))):
            close()
        elif usable:
            if current and _is_capitalised(tok.text) and not _is_sentence_start(tokens, i) \
                    and not _is_capitalised(tokens[current[-1]].text) and tokens[current[-1]].is_word \
                    and tokens[current[-1]].lemma not in _CONNECTORS:
                current = []  # "US memory-chip maker | Micron Technology": common words just before a name describe it
            elif current and _adjective_only(tok) and tokens[current[-1]].lemma in parts_of_speech()["noun"] \
                    and not _is_capitalised(tok.text):
                close()  # "giving the executive | wide discretion": an adjective opens a phrase, it never ends one
            current.append(i)
        else:
            close()
    close()
    phrases = []
    for run in (part for whole in runs for part in _split_places(tokens, whole)):
        if _broken_name(tokens, run):
            continue
        phrase = _phrase(text, tokens, run, title_case=title_case, label=label)
        if phrase is not None:
            boost = PRELIMS_BOOST if phrase.key in prelims else 0.0
            phrases.append(Phrase(phrase.text, phrase.key, phrase.score + boost if phrase.score > 0 else 0.0,
                                  phrase.words, phrase.proper, phrase.common and not boost))
    return phrases


def _phrase(text: str, tokens: Sequence, run: list[int], *, title_case: bool,  # noqa: ANN001
            label: bool = False) -> Phrase | None:
    """The noun phrase of a run: hyphenated compounds as one word, trimmed, scored; None when nothing is left."""
    units: list[list[int]] = []
    for k, i in enumerate(run):
        if not tokens[i].is_word:
            continue
        if k > 0 and (not tokens[run[k - 1]].is_word or tokens[run[k - 1]].end == tokens[i].start) and units:
            units[-1].append(i)
        else:
            units.append([i])
    is_name = all(_is_capitalised(tokens[u[0]].text) or tokens[u[0]].lemma in _CONNECTORS for u in units)
    units = _trim(tokens, units[-(MAX_NAME_WORDS if is_name else MAX_PHRASE_WORDS):],  # the head noun comes last
                  keep_adjectives=label)
    words = [i for unit in units for i in unit]
    if not words:
        return None
    first, last = tokens[words[0]], tokens[words[-1]]
    written = text[first.start : last.end]
    if is_place_name(written.split()) or (re.fullmatch(r"[\d\W]+", written) and not is_code_name(written)):
        return None
    lemmas = tuple(tokens[i].lemma for i in words)
    proper = any(_is_capitalised(tokens[i].text) and not _is_sentence_start(tokens, i) for i in words)
    score = _phrase_score(tokens, words, title_case=title_case, code=is_code_name(written))
    common = not proper and not label and "-" not in written and not is_code_name(written) and all(
        log_probability(tokens[i].lemma) > COMMON_WORD_LOG_PROBABILITY for i in words if tokens[i].is_word)
    return Phrase(written, "".join(lemmas).replace("-", ""), score, lemmas, proper and not title_case, common)


_NAME_LINKS = ("of", "on", "the", "for", "against", "to", "in")  # small words inside a long name
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z][\w\u2019'-]*)\s+(?:(?:" + "|".join(_NAME_LINKS) + r")\s+)*$")


def is_name_piece(phrase: str, text: str) -> bool:
    """Whether a capitalised phrase is, wherever ``text`` has it, the tail of a longer capitalised name: a capitalised
    word stands before it, directly or through small words ("Convention on the | Elimination of All Forms of
    Discrimination against Women"), or two places share its head ("Punjab and | Haryana High Court"). What follows
    a name does not make it a piece ("Parliamentary Standing Committee on Law and Justice" names the committee), nor
    does a word that opens the sentence ("The Kovind Committee") or a possessive ("Japan's Renesas").

    >>> text = ("It passed the Rajya Sabha, and the Convention on the Elimination of All Forms of Discrimination "
    ...         "against Women.")
    >>> [is_name_piece(p, text) for p in ("Elimination of All Forms of Discrimination", "Rajya Sabha")]
    [True, False]
    >>> is_name_piece("Haryana High Court", "It was struck down by the Punjab and Haryana High Court in 2023.")
    True
    >>> is_name_piece("Parliamentary Standing Committee", "the Parliamentary Standing Committee on Law and Justice")
    False
    """
    found = False
    for match in re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text):
        found = True
        before = text[: match.start()]
        left = _NAME_BEFORE.search(before)
        longer = bool(left) and not _is_sentence_opening(before[: left.start(1)]) \
            and left.group(1).lower() not in _NAME_LINKS + ("a", "an", "and") \
            and not left.group(1).endswith(("'s", "\u2019s"))
        shared_head = re.search(r"([A-Z]\w+)\s+and\s+$", before)
        longer = longer or bool(shared_head and is_place_name([shared_head.group(1)])
                                and is_place_name(phrase.split()[:1]))
        if not longer:
            return False
    return found


def _is_sentence_opening(before: str) -> bool:
    return not before.strip() or before.rstrip()[-1:] in ".!?:;\u201c\"'("


def _broken_name(tokens: Sequence, run: list[int]) -> bool:  # noqa: ANN001
    """A name cut by a bracket that is no acronym: "Environment Pollution (Prevention and Control) Authority"."""
    before, after = run[0] - 1, run[-1] + 1
    if not all(_is_capitalised(tokens[i].text) or tokens[i].lemma in _CONNECTORS for i in run if tokens[i].is_word):
        return False
    opens = after + 1 < len(tokens) and tokens[after].text == "(" and not is_acronym(tokens[after + 1].text)
    inside = (before >= 0 and tokens[before].text == "(" and after + 1 < len(tokens) and tokens[after].text == ")"
              and _is_capitalised(tokens[after + 1].text))
    return opens or inside


def _continues_name(tokens: Sequence, i: int, current: list[int]) -> bool:  # noqa: ANN001
    """Whether the word at ``i`` sits inside a capitalised name: after one, before one ("GST Council"), or before
    "and"/"of" and a capital ("CHIPS and Science Act")."""
    if current and _is_capitalised(tokens[current[-1]].text):
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if nxt is not None and nxt.is_word and not nxt.is_stop and _is_capitalised(nxt.text) and not is_acronym(nxt.text):
        return True
    return (nxt is not None and nxt.is_word and nxt.lemma in _CONNECTORS and after is not None
            and _is_capitalised(after.text) and not is_acronym(after.text))


def _ordinal_in_name(tokens: Sequence, i: int) -> bool:  # noqa: ANN001
    """"Tenth Schedule", "Second Judges case": a capitalised ordinal word opening a name is part of it."""
    tok = tokens[i]
    return (tok.text.isalpha() and _is_capitalised(tok.text) and i + 1 < len(tokens)
            and _is_capitalised(tokens[i + 1].text) and tokens[i + 1].is_word)


def _split_places(tokens: Sequence, run: list[int]) -> list[list[int]]:  # noqa: ANN001
    """A run cut at "and" where a place stands on either side ("Renesas and Thailand"), with a leading place
    dropped from a common-noun phrase ("Gujarat government support" -> "government support")."""
    words = [tokens[i].text for i in run]
    # "Happy Seeder and Super Seeder": two names with one head are two concepts
    cuts = [k for k, w in enumerate(words) if w.lower() in ("and", "&")
            and (is_place_name(words[k + 1 : k + 2]) or is_place_name(words[k - 1 : k])
                 or (0 < k < len(words) - 1 and words[k - 1].lower() == words[-1].lower()))]
    parts, start = [], 0
    for k in cuts:
        parts.append(run[start:k])
        start = k + 1
    parts.append(run[start:])
    out = []
    for part in parts:
        named = all(_is_capitalised(tokens[i].text) or tokens[i].lemma in _CONNECTORS or not tokens[i].is_word
                    for i in part)
        dropped = False
        while not named:
            # the first word, with the parts joined to it by a hyphen ("India-Japan")
            end = 1
            while end < len(part) and tokens[part[end - 1]].end == tokens[part[end]].start:
                end += 1
            first = [tokens[i].text for i in part[:end] if tokens[i].is_word]
            if end >= len(part) or not is_place_name(first):
                break
            part, dropped = part[end:], True
        if dropped and sum(1 for i in part if tokens[i].is_word) < 2:
            continue  # "India-Japan memorandum" -> "memorandum": a fragment, not a term
        # "Share in Delhi", "Corporation of India": a place after "in" or "of" at the end names no idea
        for k in range(len(part) - 1, 0, -1):
            if tokens[part[k]].lemma in ("in", "of", "for") and is_place_name([tokens[j].text for j in part[k + 1 :]
                                                                                if tokens[j].is_word]):
                part = part[:k]
                break
        if part:
            out.append(part)
    return out


def _is_quantity(tok) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    return tok.text.lower() in QUANTITIES or tok.lemma in QUANTITIES


def _compounds(tokens: Sequence) -> list[list[int]]:  # noqa: ANN001 - evaluator.core.text.Token
    """Token indices grouped into words: a hyphen or plus between two touching words joins them, and so do a
    number and letters that touch ("2G", split by the tokenizer into "2" and "G").

    The tokenizer splits "INDUS-X", "co-production" and "2+2" into three tokens each; the drafter
    must keep them whole, or "INDUS-X" would become two concepts, [INDUS] and [x].
    """
    groups: list[list[int]] = []
    join_next = False
    for i, tok in enumerate(tokens):
        joins = (not tok.is_word and tok.text in _JOINERS and 0 < i < len(tokens) - 1
                 and tokens[i - 1].is_word and tokens[i + 1].is_word
                 and tokens[i - 1].end == tok.start and tok.end == tokens[i + 1].start)
        glued = (i > 0 and tok.is_word and tokens[i - 1].is_word and tokens[i - 1].end == tok.start
                 and tokens[i - 1].text.isdigit() and tok.text.isalpha() and len(tok.text) <= 2)
        if join_next or joins or glued:
            groups[-1].append(i)  # the joiner, then the word after it
            join_next = joins
        else:
            groups.append([i])
    return groups


def is_verb(tokens: Sequence, i: int, *, in_run: bool) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A word that is (almost) surely a verb here; verbs end noun phrases. A word that can be a verb is one when
    it is coordinated with a verb of the same form and takes an object of its own ("conduct espionage and probe
    power grids", "set standards and audit compliance"): the members of a list are alike.

    >>> from evaluator.core.text import analyse
    >>> t = analyse("Hostile groups conduct espionage and probe power grids.").tokens
    >>> [t[i].text for i in range(len(t)) if t[i].is_word and is_verb(t, i, in_run=False)]
    ['conduct', 'probe']
    """
    return _is_verb(tokens, i, in_run=in_run) or _coordinated_verb(tokens, i)


_MOTION_PREPOSITIONS = frozenset({"into", "onto", "towards", "toward", "through", "across", "with"})
_CAUSATIVES = frozenset({"let", "make", "help"})


def _caused(tokens: Sequence, i: int) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A base form after "let", "make" or "help" and a noun ("lets a worker draw ration", "makes States pay"): the
    verb the object is made to do.

    >>> from evaluator.core.text import analyse
    >>> t = analyse("The Code lets a worker draw ration in the host State.").tokens
    >>> [t[i].text for i in range(len(t)) if t[i].is_word and _caused(t, i)]
    ['draw']
    """
    tok = tokens[i]
    if tok.text.lower() != tok.lemma or tok.lemma not in parts_of_speech()["verb"] or i < 2:
        return False
    j = i - 1
    if not tokens[j].is_word or tokens[j].is_stop:
        return False
    k = j - 1
    if tokens[k].text.lower() in _DETERMINERS and k > 0:
        k -= 1
    return tokens[k].is_word and tokens[k].lemma in _CAUSATIVES


COORDINATION_REACH = 10  # words back to the verb a coordinated one is read alike with


def _coordinated_verb(tokens: Sequence, i: int) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A word after "and", "or" or a comma (not ", and", which opens a clause), with an object after it, that can be a
    verb in the form of a verb earlier in the same clause."""
    tok = tokens[i]
    low, lem = tok.text.lower(), tok.lemma
    if i < 2 or tokens[i - 1].text.lower() not in ("and", "or", ",") or _is_capitalised(tok.text):
        return False
    if tokens[i - 1].text.lower() in ("and", "or") and tokens[i - 2].text == ",":
        return False  # ", and export controls could ...": a clause of its own opens
    if lem not in parts_of_speech()["verb"] or not (low == lem or (low.endswith("s") and low != lem)):
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is None or not after.is_word or (after.is_stop and after.text.lower() not in _DETERMINERS):
        return False  # "supports exports and imports.": no object, a noun
    for j in range(i - 2, max(-1, i - 2 - COORDINATION_REACH), -1):
        if tokens[j].text in (".", ";", ":", "!", "?"):
            return False
        other = tokens[j]
        if other.is_word and not other.is_stop and (other.text.lower() == other.lemma) == (low == lem) \
                and _is_verb(tokens, j, in_run=False):
            return True
    return False


def _regards_as(tokens: Sequence, i: int) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A base form after punctuation, with a plural and "as" after it: a verb of regard with its object ("Demands ...,
    struck down in 2023, treat migrants as outsiders"); a noun opening a phrase is not followed by a plural and "as".

    >>> from evaluator.core.text import analyse
    >>> t = analyse("Quota laws, struck down in 2023, treat migrants as outsiders.").tokens
    >>> [t[i].text for i in range(len(t)) if t[i].is_word and _regards_as(t, i)]
    ['treat']
    """
    if i == 0 or tokens[i - 1].is_word or i + 2 >= len(tokens):
        return False
    after, then = tokens[i + 1], tokens[i + 2]
    plural = after.is_word and after.text.lower() != after.lemma and after.text.lower().endswith("s")
    return plural and then.text.lower() == "as"


def _is_verb(tokens: Sequence, i: int, *, in_run: bool) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A word that is (almost) surely a verb here, read from the word and its neighbours.

    >>> from evaluator.core.text import analyse
    >>> def verbs(text):
    ...     t = analyse(text).tokens
    ...     return [t[i].text for i in range(len(t))
    ...             if t[i].is_word and not t[i].is_stop and is_verb(t, i, in_run=False)]
    >>> verbs("This office coordinates cyber security. Hostile states conduct espionage.")
    ['coordinates', 'conduct']
    >>> verbs("Imports can carry hidden backdoors, and export controls could choke supply.")
    ['carry', 'choke']
    >>> verbs("Treat the plain as one airshed. Farm fires coincide with calm winds.")
    ['Treat', 'coincide']
    """
    tok = tokens[i]
    lem, pos, low = tok.lemma, parts_of_speech(), tok.text.lower()
    if _is_capitalised(tok.text) and not _is_sentence_start(tokens, i):
        return False
    if _is_gerund(tok.text) and i + 1 < len(tokens) and tokens[i + 1].text.lower() in ("that", "to", "whether"):
        return True  # "citizens trusting that ...": a gerund with its clause
    if lem not in pos["verb"] and low not in pos["verb"]:
        return _is_gerund(tok.text) and i > 0 and tokens[i - 1].text.lower() in _VERB_CUES
    if lem not in pos["noun"] and lem not in pos["adj"]:
        return True
    before = tokens[i - 1] if i > 0 and tokens[i - 1].is_word else None
    after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].is_word else None
    base = low == lem
    # "to add", "can carry", "could choke": a verb after an auxiliary or "to" ("to power grids" stays a noun)
    cue = tokens[i - 1].text.lower() if i > 0 else ""
    if i > 1 and tokens[i - 1].is_word and tokens[i - 1].lemma in pos["adv"] and tokens[i - 1].lemma not in pos["noun"]:
        cue = tokens[i - 2].text.lower() if tokens[i - 2].text.lower() in _VERB_CUES else cue  # "can later contest"
    if cue in _VERB_CUES and base and (cue not in _LOOSE_CUES or lem in _NOUN_VERBS
                                       or (after is not None and after.text.lower() in _DETERMINERS)):
        return True
    prev = tokens[i - 1] if i > 0 and tokens[i - 1].is_word else None
    # "boards have collected large cess funds": a participle after "have", before an article or an adjective (but
    # "States have skilled staff": a participle before its noun describes it)
    aux = tokens[i - 2] if prev is not None and i > 1 and prev.lemma in pos["adv"] and prev.lemma not in pos["noun"] \
        else prev
    if aux is not None and aux.text.lower() in ("have", "has", "had", "having") and not base and lem in pos["verb"] \
            and (low.endswith("ed") or low in _IRREGULAR_PAST) and (
            after is None or after.is_stop or after.text.lower() in _DETERMINERS or after.lemma in pos["adj"]):
        return True
    # "a worker registered in his village rarely votes": an -s form right after an adverb in -ly is a verb
    if prev is not None and prev.text.lower().endswith("ly") and prev.lemma in pos["adv"] \
            and prev.lemma not in pos["adj"] | pos["noun"] and not base and low.endswith("s") and lem in pos["verb"]:
        return True
    if not base and not low.endswith("s") and low not in pos["noun"] and not _is_gerund(tok.text) and (
            after is None or after.is_stop):
        return True  # an irregular past ("led to", "grew"), not a participle before its noun ("hidden backdoors")
    if low in _IRREGULAR_PAST and (in_run or (before is not None and not before.is_stop)):
        return True  # "the fab fell through": a past tense the lemma table keeps as a word of its own
    if in_run and low.endswith("ing") and low != lem and before is not None and not before.is_stop \
            and after is not None \
            and (after.text.lower() in _DETERMINERS or like_num(after.text)
                 or (not after.is_stop and after.lemma in pos["adj"])):
        return True  # "provisions touching local bodies", "an establishment employing five workers": a participle
        # with its object after a noun is a verb
    if in_run and low.endswith("ed") and low != lem:
        return True  # a participle after a noun is a verb ("shortage idled plants"), before one not ("skilled staff")
    # an imperative ("Treat the plain", "Release a strategy") or a verb before its object ("States share revenue",
    # "a matchstick clears a field")
    if (base or (low.endswith("s") and low != lem)) and after is not None and after.text.lower() in _DETERMINERS \
            and (_is_sentence_start(tokens, i) or (before is not None and not before.is_stop)):
        return True
    if base and _is_sentence_start(tokens, i) and after is not None and is_acronym(after.text):
        return True  # "Implement PESA ...": an imperative before a name
    if base and _regards_as(tokens, i):
        return True  # "..., treat migrants as outsiders": a verb of regard with its object
    # "office coordinates cyber security", "burning releases carbon": -s between two content words (but "states
    # conduct espionage": the next word is the verb); "the Centre bears", "the programme aims to train"
    if i > 0 and tokens[i - 1].text == ",":
        before = tokens[i - 1]  # a comma before a verb in a list of actions counts as its subject's place
    if low.endswith("s") and low != lem and before is not None:
        compound = i + 2 < len(tokens) and tokens[i + 2].text in _JOINERS  # "rewards start-ups"
        object_follows = after is not None and not after.is_stop and not (
            after.text.lower().endswith("ed") and after.text.lower() != after.lemma) and (
            compound or (after.text.lower() not in _NOUN_VERBS and not (after.lemma in pos["verb"]
                                                                         and after.lemma not in pos["noun"])))
        if object_follows and (not before.is_stop or before.text.lower() in ("that", "which", "who", "it")):
            return True
        listed = before.text in (",", "and") or (before.text.lower() == "and")
        if listed and object_follows and (lem in _NOUN_VERBS or lem in pos["verb"] and lem not in pos["noun"]):
            return True  # "issues alerts, coordinates responses", "and risks obsolescence"
        adjective_follows = after is not None and after.lemma in pos["adj"] and after.lemma not in pos["noun"]
        if before.text.lower() in ("and", "or") and adjective_follows:
            return True  # "... and kills useful soil organisms"
        if _is_capitalised(before.text) and not _is_sentence_start(tokens, i - 1) and not before.is_stop:
            return True
        singular_before = before.is_word and not before.is_stop and before.text.lower() == before.lemma
        if singular_before and after is not None and after.text.lower() in ("with", "into", "onto"):
            return True  # "the burning season overlaps with early winter"
        if after is not None and after.text.lower() == "to" and i + 2 < len(tokens) \
                and tokens[i + 2].lemma in pos["verb"] and tokens[i + 2].text.lower() == tokens[i + 2].lemma:
            return True
    if base and _after_coordinated_subject(tokens, i):
        return True  # "calm winds and temperature inversion trap smoke": a plural subject's verb
    plural_before = before is not None and before.is_word and not before.is_stop \
        and before.text.lower() != before.lemma and before.text.lower().endswith("s")
    if base and plural_before and after is not None and after.text.lower() in _MOTION_PREPOSITIONS:
        return True  # "migrant workers crowd into rented rooms": a plural subject and its verb of motion
    if base and _caused(tokens, i):
        return True  # "it lets a worker draw ration": the verb after "let", "make" or "help" and its object
    if lem in _NOUN_VERBS or low in _NOUN_VERBS:
        # after a name or a plural, regular ("States share") or not ("elected women act as proxies")
        after_subject = before is not None and (_is_capitalised(before.text) or before.text.lower().endswith("s") or (
            before.is_word and not before.is_stop and before.text.lower() != before.lemma
            and not before.text.lower().endswith(("ed", "ing", "er", "est"))))
        # "the shortage of 2020-22 halted car production"; but "Trusted sources" opens with an adjective
        past = low.endswith("ed") and low != lem and (in_run or (i > 0 and tokens[i - 1].is_word
                                                                  and not tokens[i - 1].is_stop))
        return past or (after_subject and base and not _is_sentence_start(tokens, i))
    return False


COORDINATED_SUBJECT_REACH = 5  # words back from "and" to the plural that makes a coordinated subject plural


def _after_coordinated_subject(tokens: Sequence, i: int) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """A base form that can be a verb, right after a singular noun phrase joined by "and" or "or" to a plural before it,
    and followed by a word: the coordinated subject is plural, so the base form is its verb ("Machines, diesel and
    extra labour raise per-acre costs", "calm winds and temperature inversion trap smoke"), not a noun of the phrase
    ("research and development support" has no plural before "and").

    >>> from evaluator.core.text import analyse
    >>> t = analyse("Calm winds and temperature inversion trap smoke near the ground.").tokens
    >>> [t[i].text for i in range(len(t)) if t[i].is_word and _after_coordinated_subject(t, i)]
    ['trap']
    >>> t = analyse("Research and development support helps firms.").tokens
    >>> [t[i].text for i in range(len(t)) if t[i].is_word and _after_coordinated_subject(t, i)]
    []
    """
    tok, verbs, nouns = tokens[i], parts_of_speech()["verb"], parts_of_speech()["noun"]
    if tok.text.lower() != tok.lemma or tok.lemma not in verbs or i + 1 >= len(tokens) or not tokens[i + 1].is_word \
            or tokens[i + 1].text.lower() in ("of", "and", "or", "to") or tokens[i + 1].sentence != tok.sentence:
        return False
    # the second conjunct: singular words back to "and" / "or"
    j = i - 1
    while j >= 0 and tokens[j].is_word and not tokens[j].is_stop and tokens[j].text.lower() == tokens[j].lemma:
        j -= 1
    if j == i - 1 or j < 1 or tokens[j].text.lower() not in ("and", "or"):
        return False
    # only the first word that can be a verb is the verb: the rest is its object ("trap smoke")
    if any(tokens[k].lemma in verbs for k in range(j + 1, i - 1)) or _after_coordinated_subject(tokens, i - 1):
        return False
    # the first conjunct (or a list before it): a plural noun within a few words, in the same sentence, with no
    # word between that could be a verb ("groups conduct espionage and probe power grids": "conduct" is the verb)
    for k in range(j - 1, max(-1, j - 1 - COORDINATED_SUBJECT_REACH), -1):
        other = tokens[k]
        if other.sentence != tok.sentence or other.text in (";", ":") or (other.is_stop and other.is_word):
            return False
        low = other.text.lower()
        if other.is_word and low != other.lemma and low.endswith("s") and other.lemma in nouns:
            return True
        if other.is_word and low == other.lemma and other.lemma in verbs:
            return False
    return False


def _trim(tokens: Sequence, words: list[list[int]], *,  # noqa: ANN001 - evaluator.core.text.Token
          keep_adjectives: bool = False) -> list[list[int]]:
    """Drop leading gerunds, adverbs, vague and common adjectives, and trailing words that cannot end a noun phrase.

    ``words`` are compounds: lists of token indices ("rules", "based"), judged by their first and last token.
    """
    pos = parts_of_speech()
    while words:
        tok = tokens[words[0][0]]
        lem, low = tok.lemma, tok.text.lower()
        joined = "-".join(tokens[k].text.lower() for k in words[0])
        if len(words[0]) > 1 and low not in _VAGUE_MODIFIERS and joined not in _VAGUE_MODIFIERS:
            break
        if low in ("a", "an", "the"):  # "A Constitution Bench": the article is no part of the name
            words = words[1:]
            continue
        if _is_capitalised(tok.text) and not _is_sentence_start(tokens, words[0][0]):
            break
        gerund = _is_gerund(tok.text)
        adverb = lem in pos["adv"] and lem not in pos["noun"] and lem not in pos["adj"]
        common_adjective = (not keep_adjectives and lem in pos["adj"] and lem not in pos["noun"]
                            and log_probability(lem) > -11.5)
        vague = low in _VAGUE_MODIFIERS or joined in _VAGUE_MODIFIERS
        if gerund or adverb or common_adjective or vague or lem in _CONNECTORS:
            words = words[1:]
        else:
            break
    while words:
        tok = tokens[words[-1][-1]]
        lem = tok.lemma
        if len(words[-1]) > 1 and not _is_capitalised(tokens[words[-1][0]].text) and _adverb_or_participle(
                [tokens[k] for k in words[-1] if tokens[k].is_word]):
            words = words[:-1]  # "the House mid-way", "short and principle-based": no noun ends the phrase
            continue
        noun_like = _is_capitalised(tok.text) or lem in pos["noun"] or lem not in vocabulary_words() \
            or bool(_ALPHANUMERIC.fullmatch(tok.text))
        if lem not in _CONNECTORS and noun_like and tok.text.lower() not in _VAGUE_MODIFIERS:
            break
        words = words[:-1]
    return words


def _adverb_or_participle(parts: Sequence) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    """Whether a hyphenated word is an adverb ("mid-way": "midway") or ends in a participle ("principle-based",
    "state-sponsored"): it describes, it names nothing, and cannot end a noun phrase.

    >>> from evaluator.core.text import analyse
    >>> [_adverb_or_participle(analyse(w).words) for w in ("mid-way", "principle-based", "set-up", "no-confidence")]
    [True, True, False, False]
    """
    pos = parts_of_speech()
    last = parts[-1] if parts else None
    if last is None:
        return False
    joined = "".join(t.text.lower() for t in parts)
    participle = last.text.lower().endswith("ed") and last.text.lower() != last.lemma and last.lemma in pos["verb"]
    return joined in pos["adv"] or participle


def _phrase_score(tokens: Sequence, words: list[int], *, title_case: bool = False,  # noqa: ANN001
                  code: bool = False) -> float:
    """How good a keyword the phrase makes; a code name (``code``: "INDUS-X", "2+2") scores as an acronym."""
    content = [i for i in words if tokens[i].lemma not in _CONNECTORS]
    specificity = sum(_specificity(tokens[i].lemma) for i in content) / max(1, len(content))
    proper = not title_case and any(_is_capitalised(tokens[i].text) and not _is_sentence_start(tokens, i)
                                    for i in content)
    if code:
        return specificity + 0.6
    if len(content) == 1 and not _is_acronym_token(tokens[content[0]]) and not _term_of_art(tokens[content[0]]):
        return 0.0  # a single everyday word ("visit", "subsidies", "telecom") is not a keyword
    score = specificity + 0.3 * min(2, len(content) - 1)
    if any(_is_acronym_token(tokens[i]) for i in content):
        score += 0.6
    elif proper:
        score += 0.3
    return score


def _is_acronym_token(tok) -> bool:  # noqa: ANN001
    return is_acronym(tok.text)


def _term_of_art(tok) -> bool:  # noqa: ANN001
    """A word too rare for everyday English ("lithography", "ransomware", "collegium"): a keyword alone."""
    lemma, low = tok.lemma, tok.text.lower()
    singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
    known = [w for w in (lemma, low, singular) if w in vocabulary_words()]
    if not known:
        return all(log_probability(w) < -12.5 for w in (lemma, low, singular))
    return max(log_probability(w) for w in known) < TERM_OF_ART_LOG_PROBABILITY


def _adjective_only(tok) -> bool:  # noqa: ANN001 - evaluator.core.text.Token
    pos = parts_of_speech()
    return tok.is_word and tok.lemma in pos["adj"] and not any(
        w in pos["noun"] or w in pos["verb"] for w in (tok.lemma, tok.text.lower()))


def _is_gerund(word: str) -> bool:
    """'developing', 'fostering': an -ing form of a known verb (the lemma table misses some)."""
    low = word.lower()
    if not low.endswith("ing") or len(low) < 6:
        return False
    verbs, stem = parts_of_speech()["verb"], low[:-3]
    return any(v in verbs for v in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem))


def _is_sentence_start(tokens: Sequence, i: int) -> bool:  # noqa: ANN001
    return i == 0 or tokens[i - 1].sentence != tokens[i].sentence or tokens[i - 1].text in ":\u201c\"'("


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _specificity(lemma: str) -> float:
    """0 for everyday words, 1 for rare ones (by their frequency in English); unknown words count as rare."""
    return min(1.0, max(0.0, (-log_probability(lemma) - 9.0) / 5.0))


# --- concepts --------------------------------------------------------------------------------------------------------


def choose_concepts(candidates: Sequence[Phrase], frequency: Mapping[str, int], units: int, demoted: set[str],
                    aliases: Sequence[list[str]], *, avoid: Iterable[str] = (),
                    limit: int = MAX_CONCEPTS_PER_POINT) -> list[list[str]]:
    """The best few phrases of a bullet as concepts, with acronym aliases and spelling variants.

    Phrases in many of the article's bullets name its topic, not a point, and rank lower; a phrase
    made only of the question's words (``demoted``) and their variants, or already a keyword of
    another point of the question (``avoid``, keys) is left out.
    """
    alias_keys = [({alias_key(a) for a in group}, group) for group in aliases]
    avoided = set(avoid)
    # rarity across the article's bullets: a phrase in every bullet names the topic, not a point
    norm = math.log((1 + units) / 2) or 1.0

    def weighted(c: Phrase) -> float:
        rarity = math.log((1 + units) / (1 + frequency.get(c.key, 1))) / norm
        return c.score * max(0.1, rarity + 0.3)

    ranked = sorted(candidates, key=weighted, reverse=True)
    floor = max(MIN_CONCEPT_SCORE, RELATIVE_CONCEPT_SCORE * weighted(ranked[0])) if ranked else MIN_CONCEPT_SCORE
    concepts: list[list[str]] = []
    chosen: list[tuple[set[str], set[str]]] = []  # (keys, lemmas) of each concept taken, with its aliases
    for phrase in ranked:
        if phrase.score <= 0 or weighted(phrase) < floor or only_question_words(phrase.words, demoted):
            continue
        if phrase.common and frequency.get(phrase.key, 1) < 2:
            continue  # "health systems", said once in passing, is no term of the subject
        group = next((g for keys, g in alias_keys if phrase.key in keys), None)
        keys, lemmas = {phrase.key}, set(phrase.words)
        if group:
            keys |= {alias_key(a) for a in group}
            lemmas |= {t.lemma for a in group for t in analyse(a).words}
        if keys & avoided or (group and any(only_question_words(alias_words(a), demoted) for a in group
                                            if not is_acronym(a))):
            continue
        # one concept per idea: no phrase inside another, none sharing most of its words with one taken
        if any(any(k in ck or ck in k for k in keys for ck in c_keys) or overlap(set(phrase.words), c_lemmas) >= 0.5
               for c_keys, c_lemmas in chosen):
            continue
        concept = list(group) if group else [phrase.text if phrase.proper else lower_words(phrase.text)]
        chosen.append((keys, lemmas))
        if not group and not phrase.proper:
            for alias in list(concept):
                american = alias
                for british, us in _SPELLINGS:
                    american = american.replace(british, us)
                if american not in concept:
                    concept.append(american)
        concepts.append(concept)
        if len(concepts) == limit:
            break
    return concepts


VARIANT_STEM_LETTERS = 4  # a word this short has no variants to find by its letters ("work": "worker", "act": -)
# endings that name a doer or make a plural of the same word ("labour" / "labourer", "panchayat" / "panchayats"); an
# ending that makes another part of speech ("nation" / "national") can make a name: "national cyber security policy"
_SAME_THING_ENDINGS = ("s", "es", "er", "r", "ers", "or", "ors", "ist", "ists")


def only_question_words(lemmas: Iterable[str], question: set[str]) -> bool:
    """Whether every word of a phrase is a word of the question or a variant of one: "migrant labourers" restates a
    question on migrant workers from the Labour Codes, and names nothing the question does not.

    >>> only_question_words(["migrant", "labourer"], {"migrant", "worker", "labour"})
    True
    >>> only_question_words(["labour", "contractor"], {"migrant", "worker", "labour"})
    False
    """
    return all(any(word == other or is_variant(word, other) for other in question) for word in lemmas)


def is_variant(word: str, other: str) -> bool:
    """Whether two lemmas are one word with and without the ending of a doer or a plural ("labour" / "labourer");
    a word made another part of speech ("nation" / "national") is not.

    >>> [is_variant(a, b) for a, b in (("labourer", "labour"), ("panchayats", "panchayat"), ("national", "nation"),
    ...                                ("question", "quest"), ("acts", "act"))]
    [True, True, False, False, False]
    """
    short, long = sorted((word, other), key=len)
    return len(short) >= VARIANT_STEM_LETTERS and long.startswith(short) and long[len(short):] in _SAME_THING_ENDINGS


def alias_words(alias: str) -> list[str]:
    """The content lemmas of an alias ("the India Semiconductor Mission" -> india, semiconductor, mission)."""
    return [t.lemma for t in analyse(alias).words if t.lemma not in _CONNECTORS] or ["\0"]


def alias_key(alias: str) -> str:
    """The matching key of an alias: its lemmas joined, hyphens dropped."""
    return "".join(t.lemma for t in analyse(alias).words).replace("-", "")


def content_lemmas(text: str) -> set[str]:
    """Lemmas of the content words of ``text`` (no stop words, numbers or two-letter words)."""
    return {t.lemma for t in analyse(text).words if not t.is_stop and len(t.lemma) > 2 and not t.lemma.isdigit()}


def overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two word sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


@lru_cache(maxsize=1)
def vocabulary_words() -> frozenset[str]:
    pos = parts_of_speech()
    return pos["noun"] | pos["verb"] | pos["adj"] | pos["adv"]


