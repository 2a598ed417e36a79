"""Checking an answer's clauses against the facts a rubric declares: the only way a claim is called wrong.

A key point may declare facts (:class:`~evaluator.rubrics.model.Fact`): a subject, an attribute, a kind of
value and the allowed values. For every fact:

1. find where the answer names the subject (any alias, whole words; a short all-capitals alias by its case);
2. take the clause it stands in (:mod:`evaluator.core.claims`), with a relative clause right after it;
3. skip a clause that asserts nothing: a question, a condition ("if", "whether"), a contrast ("unlike");
4. where the fact has cues, a cue must be in the clause: it ties the value to this attribute;
5. read the clause's values of the fact's kind (:mod:`evaluator.core.values`), leaving out a value inside the
   subject's own name, a denied value ("not in 2015"), and a value nearer to another declared subject;
6. decide: for a yes-no fact, the cue's polarity is the value ("not binding" is "no"); for a single-valued kind
   the clause is right when it gives an allowed value and wrong when it gives only others; for a set kind
   (countries) each value named must be allowed. A name is read only among the fact's values and ``others``.

What no fact covers is *unverified*: never wrong. The result is a list of :class:`FactFinding` s, each
"wrong" or "right", with the clause, the value written and the values allowed.

>>> from evaluator.core.text import analyse
>>> from evaluator.rubrics.model import Fact
>>> malabar = Fact(subject=["Malabar"], attribute="participants", kind="country",
...                values=[["India"], ["United States"], ["Japan"], ["Australia"]], cues=["with", "include", "among"])
>>> text = "Malabar now includes Russia. Unlike Malabar, RIC is with Russia. Malabar includes Japan."
>>> [(f.verdict, f.wrote) for f in check_facts(analyse(text), [("p", 0, malabar)])]
[('wrong', 'Russia'), ('right', 'Japan')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from evaluator.core.claims import ClaimView, is_finite, is_verb, read_claims
from evaluator.core.lexicon import AUXILIARIES, NEGATORS, UNASSERTED_CLAUSES
from evaluator.core.text import AnalysedText, lemma
from evaluator.core.values import (MONTH_NAMES, NUMBER_WORDS, FoundValue, canonical_value, comparable, find_values,
                                   number_forms, same_value)
from evaluator.rubrics.model import Fact

Verdict = Literal["wrong", "right"]
RELATIVES = frozenset({"which", "who", "whose"})
RELATIVE_REACH = 2  # a relative clause says something of the subject only right after it ("NJAC, which ...")
DENIAL_REACH = 3  # words between a cue and the denial quoted with it
MODALS = frozenset({"should", "must", "ought", "could", "might", "may", "would", "shall"})  # advice, not a claim
CONTRASTS = frozenset({"but", "however", "whereas", "although", "though", "yet"})  # the next clause says another thing
AFTER_SUBJECT = 1.5  # a subject written after a value is this much further from it than one before
LIMITS = CONTRASTS | {"rather", "instead"}  # a denial before one of these does not reach past it
NON = re.compile(r"\bnon[\s-]*$", re.IGNORECASE)  # "non-binding": the cue is denied by its prefix


@dataclass(frozen=True)
class FactFinding:
    """What one clause of the answer says of one declared fact."""

    point_id: str
    fact: int  # index of the fact in its key point's ``facts``
    verdict: Verdict
    sentence: int
    start: int  # the clause, as character offsets into the answer
    end: int
    clause: str
    wrote: str  # the value as the answer writes it
    expected: str  # the allowed values as a reader sees them
    attribute: str
    subject: str  # the subject as the answer names it
    source: str  # what the source says (the fact's ``source``), may be empty


@dataclass(frozen=True)
class _Clause:
    positions: range  # word positions (a clause and what goes on from it are consecutive words)
    start: int
    end: int
    sentence: int


class _Answer:
    """An answer's clause reading with what every fact's check looks up in it, so that each lookup costs the same
    however long the answer: clause bounds, word ends, advice words, and the cues found per fact and clause."""

    def __init__(self, analysed: AnalysedText, view: ClaimView) -> None:
        self.analysed, self.view, self.text = analysed, view, analysed.text
        self.ends = [w.end for w in view.words]
        self.clauses: dict[int, range] = {}  # clause number -> its words (consecutive)
        for i, c in enumerate(view.clause):
            found = self.clauses.get(c)
            self.clauses[c] = range(i, i + 1) if found is None else range(found.start, i + 1)
        self.modals = [i for i in range(len(view.words)) if _modal(view, i)]  # advice words ("should"), in order
        self._verbs: dict[int, bool] = {}
        self._unread: dict[int, bool] = {}
        self.cues: dict[tuple[tuple[str, int], range], list[tuple[int, int]]] = {}

    def unread_line(self, start: int) -> bool:
        """Whether the line that starts at ``start`` sets values beside names by their order, in a table's columns
        (pipes or tabs) or along a timeline's arrows, which the reader does not follow (looked at once per line)."""
        if start not in self._unread:
            end = self.text.find("\n", start)
            line = self.text[start:end if end >= 0 else len(self.text)]
            self._unread[start] = bool(_BY_ORDER.search(line)) or line.count("|") >= 2 or line.count("\t") >= 2 \
                or len(_ARROW.findall(line)) >= 2
        return self._unread[start]

    def has_verb(self, clause: int) -> bool:
        """Whether a clause has a word that is likely a verb; a capitalised word inside a sentence is a name's
        ("The River Boards Act, 1956 has created ...": the clause before the comma has no verb of its own)."""
        if clause not in self._verbs:
            words = self.view.words
            self._verbs[clause] = any(is_verb(words[i]) and not (words[i].text[:1].isupper() and i > 0
                                                                 and words[i - 1].sentence == words[i].sentence)
                                      for i in self.clauses[clause])
        return self._verbs[clause]

    def first_modal(self, clause: _Clause) -> int | None:
        """The clause's first advice word ("should", "may"), if any."""
        at = bisect.bisect_left(self.modals, clause.positions.start)
        return self.modals[at] if at < len(self.modals) and self.modals[at] < clause.positions.stop else None

    def word_at(self, clause: _Clause, offset: int) -> int | None:
        """The clause's word that holds character ``offset`` (words are ordered and do not overlap)."""
        i = bisect.bisect_right(self.ends, offset)
        return i if i in clause.positions and self.view.words[i].start <= offset else None


# the only characters outside ASCII that re.IGNORECASE matches to ASCII ones (every code point tried): "İ", "ı", the
# Kelvin sign and the long s
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    """``text`` in lower case, with those four characters as the ASCII letters they match (once per answer)."""
    return text.translate(_ASCII_FOLDS).lower()


@lru_cache(maxsize=4096)
def _alias_words(alias: str) -> tuple[str, ...]:
    """The words of an alias, as its pattern joins them (by any run of spaces and hyphens)."""
    return tuple(w for w in re.split(r"[\s-]+", alias.strip()) if w)


@lru_cache(maxsize=4096)
def _needles(alias: str) -> tuple[tuple[str, ...], ...]:
    """Per word of an alias, its lower-case forms: an alias whose word is in none of them is not in the text."""
    return tuple(tuple(f.lower() for f in number_forms(w)) for w in _alias_words(alias))


@lru_cache(maxsize=4096)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """Whole-word pattern of an alias; an all-capitals alias of up to five letters keeps its case ("US" not "us"); a
    small number in it may be written either way ("Paragraph 6" = "Paragraph Six", "Tenth Schedule" = "10th")."""
    words = ["(?:" + "|".join(re.escape(f) for f in number_forms(w)) + ")" if len(number_forms(w)) > 1
             else re.escape(w) for w in _alias_words(alias)]
    body = r"[\s-]*".join(words)
    flags = 0 if re.fullmatch(r"[A-Z&.]{2,6}", alias.strip()) else re.IGNORECASE
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


@lru_cache(maxsize=4096)
def _search_plan(aliases: tuple[str, ...]) -> tuple[tuple[tuple[tuple[str, ...], ...] | None, re.Pattern[str]], ...]:
    """How :func:`mentions` looks for a set of aliases: longest first, each with the lower-case forms of its words
    that must all be in a text for it to match (``None``: not checked, an alias outside ASCII) and its pattern."""
    return tuple((_needles(a) if a.isascii() else None, _alias_pattern(a))
                 for a in sorted(aliases, key=len, reverse=True))


def mentions(text: str, aliases: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every place an alias is written: (start, end, as written), the longest alias first where they overlap."""
    # the spans kept do not overlap, so sorted by start they are sorted by end too: a new match overlaps one only
    # if it overlaps the last span that starts before it ends
    starts: list[int] = []
    spans: list[tuple[int, int, str]] = []
    low = _folded(text)
    for needles, pattern in _search_plan(tuple(aliases)):
        if needles is not None and not all(any(f in low for f in forms) for forms in needles):
            continue  # a word of the alias is nowhere in the text, in any case: no match, without a regex scan
        for m in pattern.finditer(text):
            before = bisect.bisect_left(starts, m.end())
            if not (before and spans[before - 1][1] > m.start()):
                at = bisect.bisect_right(starts, m.start())
                starts.insert(at, m.start())
                spans.insert(at, (m.start(), m.end(), m.group(0)))
    return spans


def _clause_at(answer: _Answer, word: int, last: int) -> _Clause:
    """The clause of the subject at words ``word .. last``, with what goes on saying something of it: a relative
    clause right after it ("NJAC, which the court struck down"), a predicate without a subject of its own ("...
    and is chaired by", "..., but was quashed"), and after a lead-in without a verb ("In Mohit Minerals, ...") or
    reported speech ("held that ...") the clause that follows."""
    view = answer.view
    c = view.clause[word]
    positions = answer.clauses[c]
    has_verb = answer.has_verb(c)
    sentence = view.words[word].sentence
    if view.clause[last] > c:  # a name with "and" in it ("National Policy and Action Plan")
        positions = range(positions.start, answer.clauses[view.clause[last]].stop)
        has_verb = any(answer.has_verb(k) for k in range(c, view.clause[last] + 1))
        c = view.clause[last]
    while True:
        # every word of a clause is in one sentence: the next clause goes on in this one or not at all
        following = answer.clauses.get(view.clause[positions[-1]] + 1, range(0))
        if not following or view.words[following[0]].sentence != sentence:
            break
        if view.words[following[0]].text.lower() in UNASSERTED_CLAUSES:
            break
        opener = view.words[following[0]].text.lower()
        if opener in CONTRASTS or opener in ("and", "or"):
            # a predicate of the same subject goes on ("but was quashed", "and is chaired by"); a new subject not
            if len(following) > 1 and is_verb(view.words[following[1]]):
                positions, c = range(positions.start, following.stop), c + 1
                has_verb = has_verb or answer.has_verb(c)
                continue
            break
        if opener in RELATIVES:
            if following[0] - last <= RELATIVE_REACH:  # "NJAC, which ...": about the subject, not a later noun
                positions, c = range(positions.start, following.stop), c + 1
                has_verb = has_verb or answer.has_verb(c)
                continue
            break
        between = answer.text[view.words[positions[-1]].end:view.words[following[0]].start]
        if (not has_verb and ";" not in between) or opener == "that" or between.strip() == ":":
            # a lead-in without a verb, reported speech, or a label and what it names ("(nodal ministry: MNRE)"); a
            # semicolon ends a verbless item ("PayNow link live since 2023; Nepal and the UAE accept UPI")
            positions, c = range(positions.start, following.stop), c + 1
            has_verb = has_verb or answer.has_verb(c)
        else:
            break
    first, last = view.words[positions[0]], view.words[positions[-1]]
    after = positions[-1] + 1
    end = (view.words[after].start if after < len(view.words) and view.words[after].sentence == sentence
           else answer.analysed.sentences[sentence].end)
    return _Clause(positions, first.start, max(last.end, end), first.sentence)


# a sentence that opens on the subject of the one before: "It", or "The" and a word of that subject's own name ("The
# Council" after "the GST Council", "The Mission" after "the National Green Hydrogen Mission")
# "The Mission for Power", "the Ministry of Power": the words open a name of their own
_OPENS_NAME = r"(?!\s+(?:of|for|on)\s+(?:the\s+)?(?-i:[A-Z]))"
_PRONOUN = re.compile(r"[\s\-*•]*(It|Its|The\s+([A-Za-z][a-z]{2,})\b" + _OPENS_NAME + r")\b")


def _pronoun_mentions(analysed: AnalysedText, subjects: dict[tuple[str, int], list[tuple[int, int, str]]],
                      aliases: dict[tuple[str, int], list[str]]) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """"It" opening a sentence, in the same paragraph as the sentence before, names the one declared subject that
    sentence names ("The mission was approved in 2023. It is run by ..."): a mention of it, written as that
    subject; so does "The" and a later word of one of its names ("The Council" after "the GST Council"). Where the
    sentence before names two subjects, "it" is left unread."""
    found: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    text = analysed.text
    for before, sentence in zip(analysed.sentences, analysed.sentences[1:], strict=False):
        pronoun = _PRONOUN.match(text, sentence.start, sentence.end)
        if not pronoun or "\n\n" in text[before.end:sentence.start]:
            continue
        named = _outermost(_named_in(subjects, before.start, before.end))
        if not named or not _one_subject(named, aliases):
            continue  # no subject, or several: "it" could be any of them
        if pronoun.group(2) and not any(pronoun.group(2).lower() in alias.lower().split()[1:]
                                        for key in named for alias in aliases[key]):
            continue  # "The" and a word that is not the head of the subject's name ("The same", "The Court")
        for key, mention in named.items():
            found.setdefault(key, []).append((pronoun.start(1), pronoun.end(1), mention[2]))
    return found


REFERENT_SENTENCES = 3  # "the commission" names a subject named at most this many sentences before
_NAME_ENDING = r"(?<![\w-])[A-Z][\w'-]*\s+(?:of\s+|for\s+|and\s+)*"  # a capitalised word before a head: another name


@lru_cache(maxsize=256)
def _referent_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    """ "The" and one of these head words, not opening a name of its own."""
    return re.compile(r"\bthe\s+(" + "|".join(map(re.escape, heads)) + r")\b(?![\w-])" + _OPENS_NAME, re.IGNORECASE)


def _referent_mentions(analysed: AnalysedText, subjects: dict[tuple[str, int], list[tuple[int, int, str]]],
                       aliases: dict[tuple[str, int], list[str]]) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """"The" and the head word of a declared subject's proper name ("the commission" after "the National Judicial
    Appointments Commission" or "NJAC", "the mission", "the Act") names the nearest subject before it with that head,
    named in the same or one of the few sentences before: a mention of it, written as that subject. No other name
    with that head may stand between ("... the Sarkaria Commission. The commission ..." is Sarkaria's), and the words
    may not open a name ("the Ministry of Power")."""
    found: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    text = analysed.text
    heads: dict[str, set[tuple[str, int]]] = {}
    for key, names in aliases.items():
        for name in names:
            words = name.split()
            # the head comes before a name's first small word other than "and" ("Ministry of Power", "Indian on the
            # Moon": "the Moon" is not the Indian)
            head = next((words[i - 1] for i in range(1, len(words)) if words[i][:1].islower()
                         and words[i] not in ("and", "&")), words[-1])
            if len(words) > 1 and head.isalpha() and len(head) > 2 and words[0][:1].isupper() and \
                    head[:1].isupper():  # a proper name's head ("Forest Rights Act"), not a phrase's
                heads.setdefault(head.lower(), set()).add(key)
    if not heads:
        return found
    starts = [s.start for s in analysed.sentences]
    explicit = sorted((s, e, key) for key, spans in subjects.items() for s, e, _ in spans)
    for m in _referent_pattern(tuple(sorted(heads))).finditer(text):
        if any(s <= m.start() < e for s, e, _ in explicit):
            continue  # inside a subject's own name ("the Forest Rights Act")
        keys = heads[m.group(1).lower()]
        sentence = bisect.bisect_right(starts, m.start()) - 1
        earliest = starts[max(0, sentence - REFERENT_SENTENCES)]
        before = [(s, e, key) for s, e, key in explicit if key in keys and earliest <= s and e <= m.start()]
        if not before:
            continue
        s, e, _ = max(before)
        between = text[e:m.start()]
        if re.search(_NAME_ENDING + re.escape(m.group(1)) + r"\b", between, re.IGNORECASE):
            continue  # another name with that head stands nearer
        end = starts[sentence + 1] if sentence + 1 < len(starts) else len(text)
        later = re.search(_NAME_ENDING + re.escape(m.group(1)) + r"\b", text[m.end():end], re.IGNORECASE)
        if later and not any(s2 <= m.end() + later.end() - 1 < e2 for s2, e2, _ in explicit):
            continue  # "The Mission: A National Hydrogen Mission was announced ...": the sentence names another
        for key in {k for s2, e2, k in explicit if (s2, e2) == (s, e)}:
            written = next(w for s2, e2, w in subjects[key] if (s2, e2) == (s, e))
            found.setdefault(key, []).append((m.start(), m.end(), written))
    return found


_BULLET = re.compile(r"[ \t]*(?:[-*•▪◦–]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
_HEADING_MARKUP = re.compile(r"^[\s#*_]+|[\s#*_:]+$")
HEADING_WORDS = 8  # a heading names its topic in a few words; a longer line is a sentence
OPENING_WORDS = 3  # a bullet whose first words name a subject is about that subject ("- The G4 insists ...")
_WORD = re.compile(r"[\w'-]+")


def _named_in(spans_by_key: dict[tuple[str, int], list[tuple[int, int, str]]], start: int,
              end: int) -> dict[tuple[str, int], tuple[int, int, str]]:
    """The first mention of each declared subject between ``start`` and ``end``."""
    named = {}
    for key, spans in spans_by_key.items():
        first = bisect.bisect_left(spans, (start,))
        if first < len(spans) and spans[first][0] < end:
            named[key] = spans[first]
    return named


def _outermost(named: dict[tuple[str, int], tuple[int, int, str]]) -> dict[tuple[str, int], tuple[int, int, str]]:
    """The mentions not inside a longer one: "Central Ground Water Authority" names the authority, not groundwater."""
    return {key: m for key, m in named.items()
            if not any(o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in named.values())}


def _modifiers_dropped(named: dict[tuple[str, int], tuple[int, int, str]],
                       text: str) -> dict[tuple[str, int], tuple[int, int, str]]:
    """Without the subjects written as one half of a hyphenated modifier right before another subject's name: "the
    India-US Initiative on Critical and Emerging Technologies" names the initiative, not the United States."""
    starts = {m[0] for m in named.values()}

    def modifies(m: tuple[int, int, str]) -> bool:
        after = re.match(r"-[\w.]+\s+|\s+", text[m[1]:m[1] + 40])
        hyphenated = text[m[0] - 1:m[0]] == "-" or text[m[1]:m[1] + 1] == "-"
        return hyphenated and after is not None and m[1] + after.end() in starts

    return {key: m for key, m in named.items() if not modifies(m)}


def _one_subject(named: dict[tuple[str, int], tuple[int, int, str]],
                 aliases: dict[tuple[str, int], list[str]]) -> bool:
    """Whether the subjects named are one subject: every fact of it shares its aliases, or the heading names them all
    by the same words ("NJAC", an alias of the commission's facts and of the facts it shares with its Act)."""
    return len({frozenset(a.lower() for a in aliases[key]) for key in named}) == 1 or \
        len({mention[:2] for mention in named.values()}) == 1


def _heading_mentions(analysed: AnalysedText, subjects: dict[tuple[str, int], list[tuple[int, int, str]]],
                      aliases: dict[tuple[str, int], list[str]]) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """A bullet under a short heading that names one declared subject speaks of that subject when the bullet does
    not open on a subject of its own ("G4" over "- Members: India, Brazil, Germany and Japan"): its first word is a
    mention of it, written as the heading writes the subject. So does each sentence of the first paragraph under the
    heading ("LEMOA\nSigned in 2016, it covers logistics."), whose first character is the mention, and a labelled line
    written without a bullet's mark ("iCET\nOrigin: unveiled in Tokyo ..."); a paragraph, or a heading with no subject
    or with two, ends the run."""
    found: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    text = analysed.text
    heading: dict[tuple[str, int], tuple[int, int, str]] = {}
    sentence_starts = [s.start for s in analysed.sentences]
    offset = 0
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        under = heading
        if bullet := _BULLET.match(line):
            content = start + bullet.end()
            label = _LABEL.match(text, start, offset)
            stop = label.end() if label else offset
            marker = start + len(line[:bullet.end()].rstrip())  # the mention is the bullet's mark, before its words
            mark = (marker - 1, marker)
        elif under and (label := _LABEL.match(text, start, offset)) and len(label.group(1).split()) <= LABEL_WORDS \
                and text[label.end():offset].strip():
            # a labelled note without a bullet's mark ("Origin: unveiled in Tokyo") is a bullet of the heading
            content = start + len(line) - len(line.lstrip())
            stop, mark = label.end(), (content, content + 1)
        else:
            words = _HEADING_MARKUP.sub("", line).split()
            named = _modifiers_dropped(_outermost(_named_in(subjects, start, offset)), text)
            short = 0 < len(words) <= HEADING_WORDS and not line.rstrip().endswith((".", "?", "!"))
            heading = named if short and named and _one_subject(named, aliases) else {}
            if short:
                continue
            content = start + len(line) - len(line.lstrip())
            stop, mark = offset, (content, content + 1)
            if under:  # each sentence of the paragraph speaks of the heading unless it opens on a subject of its own
                first = bisect.bisect_right(sentence_starts, content)
                for at in sentence_starts[first:bisect.bisect_left(sentence_starts, offset)]:
                    _mark_under(found, under, subjects, text, (at, at + 1), at, offset)
        if not under or content >= offset:
            continue
        _mark_under(found, under, subjects, text, mark, content, stop)
    return found


# a prepositional phrase that opens a bullet, closed by a comma: what it names is not the bullet's subject
_OPENING_PHRASE = re.compile(r"(?i:under|in|by|through|with|after|since|per|as\s+per|following)\s+[^,.;:]{1,40},\s*")


def _mark_under(found: dict[tuple[str, int], list[tuple[int, int, str]]],
                under: dict[tuple[str, int], tuple[int, int, str]],
                subjects: dict[tuple[str, int], list[tuple[int, int, str]]], text: str, mark: tuple[int, int],
                content: int, stop: int) -> None:
    """Add a mention of the heading's subject at ``mark``, unless the words from ``content`` open on a subject of
    their own ("- Chabahar is run by ...")."""
    if (phrase := _OPENING_PHRASE.match(text, content, stop)) is not None:
        content = phrase.end()  # "- Under Article 243I, it holds ...": the bullet's subject comes after the phrase
    opening = list(_WORD.finditer(text, content, stop))[:OPENING_WORDS]
    if not opening or _named_in(subjects, content, opening[-1].end()):
        return
    for key, mention in under.items():
        found.setdefault(key, []).append((*mark, mention[2]))


# what others claim, or what the answer calls false, is not claimed by the answer: "critics argued that ...", "it is
# a myth that ...", "contrary to the popular belief that ..."; the court's or a body's holding ("held that",
# "recommended that") is what the answer reports as fact, and is read
_ATTRIBUTION = re.compile(
    r"\b(?:claim(?:s|ed)?|argue[sd]?|allege[sd]?|believe[sd]?|assume[sd]?|suppose[sd]?|think|thinks|thought|"
    r"imagine[sd]?|mistakenly|wrongly|falsely|erroneously|(?:a\s+)?myth|misconception|misreading|"
    r"confused\s+with|mistaken\s+for|those\s+who\s+(?:say|said)|"
    r"(?:wrong|incorrect|false|untrue|not\s+true|a\s+mistake|an\s+error)\s+(?:to\s+(?:say|claim|think|assume|"
    r"believe)|that)|contrary\s+to)\b", re.IGNORECASE)
# what ends that: a contrast that turns to the answer's own claim ("..., but in fact ...")
_OWN_AGAIN = re.compile(r"\b(?:but|however|yet|actually|in\s+fact|in\s+reality|rather|instead|whereas)\b|;|:",
                        re.IGNORECASE)


# a line label made only of these words denies the line ("- Not:", "- A common myth:"); one with other words is a
# claim that ends in a colon ("DTTI was never revived: ...")
_DENYING_LABELS = frozenset({"not", "never", "wrong", "false", "incorrect", "untrue", "myth", "misconception", "a",
                             "common"})


def _attributed(text: str, answer: _Answer, clause: _Clause, start: int) -> bool:
    """The subject mention at ``start`` is inside what the sentence attributes to others or calls false, with no
    contrast between ("Critics claimed that the NJAC was upheld, but ..." reads nothing of the first part); a
    line's label counts as said before it ("- A common myth: ...")."""
    label = _line_label(text, clause.start, clause.end)  # "- A common myth: ..."
    if label and label.end() <= clause.end and set(label.group(1).lower().split()) <= _DENYING_LABELS:
        return True  # "- Not: run by the RBI", "- A common myth: ...": the line says what is not so
    return _attributed_at(text, answer.analysed.sentences[clause.sentence].start,
                          max(start, label.end() if label else start))


def _attributed_at(text: str, sentence_start: int, at: int) -> bool:
    """Whether what stands at ``at`` follows, in its sentence, words that attribute it to others or call it false,
    with no contrast since ("..., it is often confused with the Law Commission")."""
    before = text[sentence_start:at]
    marks = list(_ATTRIBUTION.finditer(before))
    if not marks:
        return False
    after = re.match(r"\s*:", before[marks[-1].end():])  # the colon of a label ("A common myth: ...") turns nothing
    return not _OWN_AGAIN.search(before, marks[-1].end() + (after.end() if after else 0))


# a clause opened by these still states what it says happened ("When the Court struck it down in 2017, ...",
# "whereas the AU seeks one seat"), though it ends what the clause before says of its subject
STATED_SUBORDINATES = frozenset({"when", "whereas"})


def _asserts(answer: _Answer, clause: _Clause) -> bool:
    """A clause asserts its content unless it is a question, a condition or a contrast (advice, "should be", is
    read where it stands: a modal before the value or cue makes it unasserted, one after it does not); a "when" or
    "whereas" clause asserts."""
    if answer.view.words[clause.positions[0]].text.lower() in UNASSERTED_CLAUSES - STATED_SUBORDINATES:
        return False
    sentence = answer.analysed.sentences[clause.sentence].text.rstrip()
    text = answer.text
    start = text.rfind("\n", 0, clause.start) + 1
    if answer.unread_line(start):
        # values matched to names by their order ("... respectively", "the first ..., the second ..."), or a row of a
        # table, where what a cell says depends on its column, which the reader does not know
        return False
    if sum(text.count(q, start, clause.start) for q in ('"', "\u201c", "\u201d")) % 2:
        return False  # inside quotation marks: what someone says ('"PayNow is Malaysia's," some write - ...')
    return not sentence.endswith("?")


# a line that pairs values with names by their order, not by where they stand
_ARROW = re.compile(r"->|=>|[→⇒➔➝⟶]")  # a timeline's or flowchart's steps: values set beside names by layout
_BY_ORDER = re.compile(r"\brespectively\b|[:;,]\s*the\s+(?:first|former)\b.*\bthe\s+(?:second|latter)\b",
                       re.IGNORECASE | re.DOTALL)


def _cues(fact: Fact, answer: _Answer, clause: _Clause, own: tuple[str, int]) -> list[tuple[int, int]]:
    """The fact's cues in the clause, as (first word, end offset): a one-word cue by its lemma, a longer one as
    words ("treaty ally"). Found once per fact and clause (several mentions of a subject share a clause)."""
    key = (own, clause.positions)
    if key not in answer.cues:
        answer.cues[key] = _find_cues(fact, answer, clause)
    return answer.cues[key]


@lru_cache(maxsize=4096)
def _cue_forms(cues: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """A fact's cues as the clause is searched for them: one-word cues (lower case), those of them that are base forms
    (which match their inflections, "launch": launched, launches; an inflected cue only itself, "binding"), and the
    cues of several words."""
    single = [c.strip().lower() for c in cues if not re.search(r"[\s-]", c.strip())]
    phrases = tuple(c for c in cues if re.search(r"[\s-]", c.strip()))
    return frozenset(single), frozenset(c for c in single if lemma(c) == c), phrases


def _is_past(word: str, base: str) -> bool:
    """A past form of a verb: inflected, but not "-ing" or "-s" ("began", "begun", "held"; not "holds")."""
    return word != base and not word.endswith(("ing", "s"))


@lru_cache(maxsize=4096)
def _past_lemmas(cues: tuple[str, ...]) -> frozenset[str]:
    """The verbs a fact's cues give in a past form: any past form of them is the cue ("began" finds "was begun")."""
    return frozenset(lemma(c) for c in _cue_forms(cues)[0] if _is_past(c, lemma(c)))


def _find_cues(fact: Fact, answer: _Answer, clause: _Clause) -> list[tuple[int, int]]:
    view, text = answer.view, answer.text
    found: dict[int, int] = {}
    words, lemmas, phrases = _cue_forms(tuple(fact.cues))
    past = _past_lemmas(tuple(fact.cues))
    for i in clause.positions:
        word = view.words[i]
        if word.text.lower() in words or word.lemma in lemmas or \
                (word.lemma in past and _is_past(word.text.lower(), word.lemma)):
            found[i] = word.end
    for cue in phrases:
        for m in _alias_pattern(cue).finditer(text, clause.start, clause.end):
            if (i := answer.word_at(clause, m.start())) is not None:
                found[i] = max(found.get(i, 0), m.end())
    if _of_members(fact):
        # what a group is made of is said with these verbs whatever cues the fact lists ("the Quad, which brings
        # together India, the US, Japan and South Korea")
        for m in MEMBER_VERBS.finditer(text, clause.start, clause.end):
            if (i := answer.word_at(clause, m.start())) is not None:
                found[i] = max(found.get(i, 0), m.end())
    if not found and fact.kind != "yes-no" and _labelled(text, clause.start, words, lemmas, phrases):
        found[clause.positions[0]] = view.words[clause.positions[0]].end
    return sorted(found.items())


# a line's label: a few words before a colon at its start ("- Weightage: ...", "Nodal ministry: ...")
_LABEL = re.compile(r"[\s\-*•\d.)]*([A-Za-z][\w'/ -]{0,40}?)\s*:(?!\d)")
LABEL_WORDS = 4


def _line_label(text: str, start: int, end: int) -> re.Match[str] | None:
    """The label of the line ``start`` stands on, ending by ``end`` ("- Members: ...")."""
    return _LABEL.match(text, text.rfind("\n", 0, start) + 1, end)


def _labelled(text: str, start: int, words: frozenset[str], lemmas: frozenset[str],
              phrases: tuple[str, ...]) -> bool:
    """The label of the clause's line carries one of the fact's cues: a note's label names the attribute for
    its whole line ("Weightage: the Union holds two-thirds ...")."""
    label = _line_label(text, start, start)
    if not label or len(label.group(1).split()) > LABEL_WORDS:
        return False
    said = label.group(1)
    return any(w in words or lemma(w) in lemmas for w in said.lower().split()) or \
        any(_alias_pattern(c).search(said) for c in phrases)


def _values(fact: Fact, text: str, clause: _Clause) -> list[FoundValue]:
    """The values of the fact's kind written in the clause (a name fact's are its own values and others)."""
    if fact.kind == "name":
        named = [(v, a) for v in (*fact.values, *fact.others) for a in v]
        found = []
        for start, end, written in mentions(text[clause.start:clause.end], tuple(a for _, a in named)):
            canonical = canonical_value("name", written) or written
            rank = _RANK.search(text, clause.start, clause.start + start)
            if rank and _SUPERLATIVE.match(written):  # "second-largest user" is not "largest user"
                canonical, start = f"{rank.group(1).lower()} {canonical}", rank.start() - clause.start
                written = text[clause.start + start:clause.start + end]
            if _PART_OF.search(text, clause.start, clause.start + start):
                continue  # "half a year" is six months, not "a year"
            found.append(FoundValue(canonical, written, clause.start + start, clause.start + end))
        return found or _labelled_names(named, text, clause)
    return [FoundValue(v.canonical, v.text, v.start + clause.start, v.end + clause.start)
            for v in find_values(fact.kind, text[clause.start:clause.end])
            if not (v.canonical.startswith("r") and _SHARE_OF_OWN.match(text, clause.start + v.end))]


# a share of what the subject itself holds is not the share it holds: "states need three-eighths (37.5%) of their
# combined weight to block" leaves the states' two-thirds as it is
_SHARE_OF_OWN = re.compile(r"\)?\s*(?:\([^()]{0,30}\)\s*)?of\s+(?:their|its|his|her|our|your|(?:the\s+)?[\w-]+['\u2019]s?\s)",
                           re.IGNORECASE)


_GLUE = frozenset({"as", "by", "the", "of", "a", "an", "its", "who", "was", "is", "were", "are", "to", "in", "be"})


def _labelled_names(named: list[tuple[list[str], str]], text: str, clause: _Clause) -> list[FoundValue]:
    """A name fact's phrases said as a note, its role in the label and the rest after the colon: "- Chair: the Law
    Minister" says "Law Minister as chair", "Appointed by: the Governor" says "appointed by the Governor". The words
    of the phrase that the label does not give must stand together after it, in the note's first sentence."""
    label = _line_label(text, clause.start, clause.end)
    if not label or label.end() > clause.end or len(label.group(1).split()) > LABEL_WORDS:
        return []
    if re.search(r"[.!?]\s", text[label.end():clause.start]):
        return []  # a later sentence of the note has a subject of its own ("Mergers: ... The Report had urged ...")
    said = {lemma(w) for w in _WORD.findall(label.group(1).lower())} - _GLUE
    start = max(label.end(), clause.start)
    found = []
    for _, alias in named:
        words = [w for w in _WORD.findall(alias) if w.lower() not in _GLUE]
        rest = [w for w in words if lemma(w.lower()) not in said]
        if not rest or len(rest) == len(words):
            continue  # the label gives none of the phrase, or the whole of it
        if len(rest) == 1 and not rest[0][:1].isupper():
            continue  # one ordinary word left ("Extended cess: ... the June 2022 end of compensation") says too little
        m = re.search(r"(?<![\w-])" + r"\s+(?:the\s+)?".join(map(re.escape, rest)) + r"(?![\w-])", text[start:clause.end],
                      re.IGNORECASE)
        if m:
            found.append(FoundValue(canonical_value("name", alias) or alias, m.group(0), start + m.start(),
                                    start + m.end()))
    return found


def _allowed(fact: Fact, value: str) -> bool:
    if fact.kind == "name" or value in fact.allowed:
        return value in fact.allowed
    return any(same_value(fact.kind, value, a) for a in fact.allowed)


_PART_OF = re.compile(r"\b(?:half|quarter|a\s+third|two\s+thirds)\s*$", re.IGNORECASE)  # a share of the value after
# a rank before a superlative value: the value with it is another value ("the second-largest", "third biggest")
_RANK = re.compile(r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th)[\s-]*$", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"(?:\w+est|most|top)\b", re.IGNORECASE)


def _declared_wrong(fact: Fact, value: str) -> bool:
    if fact.kind == "name":
        return value in fact.wrong or _RANK.match(value.split(" ", 1)[0] + " ") is not None
    return any(comparable(fact.kind, value, a) for a in fact.allowed | fact.wrong)


def prepare_facts(facts: Sequence[Fact]) -> None:
    """Compile what finding these facts in an answer looks up (their subjects', cues' and names' patterns): work of
    the rubric, done when a question is compiled, so that no answer pays for it."""
    for fact in facts:
        _search_plan(tuple(fact.subject))
        for phrase in _cue_forms(tuple(fact.cues))[2]:
            _alias_pattern(phrase)
        if fact.kind == "name":
            _search_plan(tuple(a for v in (*fact.values, *fact.others) for a in v))


def check_facts(analysed: AnalysedText, facts: Sequence[tuple[str, int, Fact]], *,
                view: ClaimView | None = None) -> tuple[FactFinding, ...]:
    """What the answer's clauses say of each declared fact: one finding per fact and clause that speaks of it.

    Args:
        analysed: the answer.
        facts: (key point id, index in the point's facts, fact) for every fact of the question.
        view: the answer's clause reading, when already made.
    """
    if not facts:
        return ()
    answer = _Answer(analysed, view or read_claims(analysed))
    text = analysed.text
    by_subject: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}  # facts of one subject find it once
    for _, _, fact in facts:
        if tuple(fact.subject) not in by_subject:
            by_subject[tuple(fact.subject)] = mentions(text, fact.subject)
    subjects = {(p, k): by_subject[tuple(fact.subject)] for p, k, fact in facts}
    aliases = {(p, k): f.subject for p, k, f in facts}
    implied = [_pronoun_mentions(analysed, subjects, aliases), _heading_mentions(analysed, subjects, aliases),
               _referent_mentions(analysed, subjects, aliases)]
    for key, spans in ((key, spans) for found in implied for key, spans in found.items()):
        subjects[key] = sorted({*subjects[key], *spans})
    declared = {(p, k): fact for p, k, fact in facts}
    findings: dict[tuple[str, int, int], FactFinding] = {}
    said: set[tuple[int, str, int, str, str]] = set()  # (sentence, point, fact, verdict, value) of each finding
    ends = answer.ends
    in_clauses: dict[range, dict[tuple[str, int], list[tuple[int, int]]]] = {}
    index = sorted((s, e, key) for key, spans in subjects.items() for s, e, _ in spans)
    for point_id, k, fact in facts:
        for start, _end, written in subjects[(point_id, k)]:
            word = bisect.bisect_right(ends, start)
            if word >= len(ends):
                continue
            clause = _clause_at(answer, word, min(bisect.bisect_right(ends, _end - 1), len(ends) - 1))
            key = (point_id, k, clause.start)
            if key in findings or not _asserts(answer, clause) or _attributed(text, answer, clause, start):
                continue
            if clause.positions not in in_clauses:
                in_clauses[clause.positions] = _subjects_in(index, clause)
            finding = _judge_clause(fact, answer, clause, (start, _end), in_clauses[clause.positions], declared,
                                    (point_id, k))
            if finding is not None:
                verdict, wrote = finding
                if (clause.sentence, point_id, k, verdict, wrote) in said:
                    continue  # the same value said of the same subject in one sentence, reached from two mentions
                said.add((clause.sentence, point_id, k, verdict, wrote))
                findings[key] = FactFinding(point_id, k, verdict, clause.sentence, clause.start, clause.end,
                                            text[clause.start:clause.end], wrote, fact.shown(), fact.attribute,
                                            written, fact.source)
    return tuple(sorted(findings.values(), key=lambda f: (f.start, f.point_id, f.fact)))


def _subjects_in(index: list[tuple[int, int, tuple[str, int]]],
                 clause: _Clause) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Each fact's subject mentions that start in the clause, from every mention sorted by start (facts with none
    are left out)."""
    found: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for s, e, key in index[bisect.bisect_left(index, (clause.start,)):bisect.bisect_left(index, (clause.end,))]:
        found.setdefault(key, []).append((s, e))
    return found


_LONGER_NAME = re.compile(r"\s+[A-Z][a-z]+\s+(?:for|of|on)\s+[A-Z]")  # "G20 Roadmap for Enhancing ..."
_OPENS_ON_NAME = re.compile(r"\s*(?:The\s+)?[A-Z][\w-]*\s+[A-Z][a-z][\w-]*\s+(?:for|of|on|and)?\s*[A-Z]")
# a possessive owner of the clause's topic, other than India's own side ("the IMO's 2023 strategy targets ...")
_FOREIGN_OWNER = re.compile(r"\b([A-Z][\w-]*)['\u2019]s?\s+(?:[\w-]+\s+){0,3}?(?:strategy|target|targets|goal|plan|"
                            r"policy|pledge|commitment|law|act|scheme|programme|program|mission)\b")
_OWN_SIDE = frozenset({"india", "indian", "centre", "center", "union", "government", "parliament", "cabinet"})
_LABEL_COLON = re.compile(r"\s{0,2}:(?!\d)")  # a subject written as a label: its colon, not a time ("10:30")
_WITH_SUBJECT = re.compile(r"\b(?:with|along\s+with|alongside|besides)\s+(?:the\s+)?$", re.IGNORECASE)


def _judge_clause(fact: Fact, answer: _Answer, clause: _Clause, subject: tuple[int, int],
                  in_clause: dict[tuple[str, int], list[tuple[int, int]]], declared: dict[tuple[str, int], Fact],
                  own: tuple[str, int]) -> tuple[Verdict, str] | None:
    """(verdict, value as written) for one clause naming the fact's subject; ``None`` when it says nothing of it."""
    view, text = answer.view, answer.text
    at = answer.word_at(clause, subject[0])
    reach = _predicate_end(answer, clause, at)
    cues = [(i, end) for i, end in _cues(fact, answer, clause, own)
            if view.words[i].start < reach and not _participle_of_another(answer, clause, at, i, subject[1])]
    if fact.cues and not cues and not _members_before(fact, text, clause, subject[0]) and \
            not _owner_before(fact, text, clause, subject[0]):
        return None
    if _LONGER_NAME.match(text, subject[1]):
        return None  # "The G20 Roadmap for Enhancing Cross-border Payments ...": the subject names part of another name
    label = _line_label(text, clause.start, clause.end)
    if label and subject[1] <= label.end() and _OPENS_ON_NAME.match(text, label.end()):
        return None  # "DPI as soft power: The G20 Roadmap ... was endorsed ...": the note is about the name it opens on
    if fact.kind in ("year", "number") and (owner := _FOREIGN_OWNER.search(text, clause.start, subject[0])) \
            and owner.group(1).lower() not in _OWN_SIDE and not any(
                owner.group(1).lower() in a.lower() for a in fact.subject):
        return None  # "the IMO's 2023 strategy targets net-zero shipping emissions by 2050": another's target
    modal = answer.first_modal(clause)
    subject_denied = at is not None and view.denied[at]  # "..., not China": the claim is denied of the subject
    if fact.kind == "yes-no":
        # a cue before the subject and a comma is said of what precedes ("India is the largest user, ahead of
        # China"), as a value is (_gap)
        cues = [(i, end) for i, end in cues if end > subject[0] or "," not in text[end:subject[0]]]
        if not cues:
            return None
        i, end = cues[0]
        if modal is not None and modal < i:
            return None  # advice or a possibility ("should be binding"), not a claim
        word = view.words[i]
        prefixed = bool(NON.search(text[max(clause.start, word.start - 5):word.start]))
        # the words just before the cue, in its clause, after any contrast ("not replaced but revived" affirms
        # "revived")
        near = range(max(clause.positions.start, i - DENIAL_REACH), i)
        near = range(max((j + 1 for j in near if view.words[j].text.lower() in LIMITS), default=near.start), i)
        # nor a denial before a relative pronoun or a comma: that is the main clause's ("it replaced the DTTI, which
        # was wound up" says the DTTI was wound up)
        near = range(max((j + 1 for j in near if view.words[j].text.lower() in RELATIVES
                          or "," in text[view.words[j].end:view.words[j + 1].start]), default=near.start), i)
        if i in view.cues:
            # "DTTI was scrapped": the cue itself denies its subject, which says yes to the cue; a denial right before
            # it ("was not scrapped") says no
            denied = prefixed or any(j in view.cues for j in near)
        else:
            # a denial of the cue ("did not launch INDUS-X") or of the subject ("the largest user, not China"), but not
            # a denial of the subject in the clause that a relative clause after it leaves ("replaced the DTTI, which
            # was wound up" says it was wound up)
            described = at is not None and any(view.words[j].text.lower() in RELATIVES for j in range(at + 1, i))
            denied = view.denied[i] or prefixed or (subject_denied and not described)
        # "was not scrapped", "never launched": a negator right before the cue denies it whatever the reader found
        denied = denied or any(view.words[j].text.lower() in NEGATORS for j in near)
        value = "no" if denied else "yes"
        wrote = text[word.start:end] if not denied else _denied_phrase(view, clause, i, end, text)
        return ("right" if value in fact.allowed else "wrong"), wrote
    if subject_denied:
        return None
    # values of the kind, not inside a subject's name, not denied, not nearer to another subject that could own it
    own_spans = in_clause.get(own, [])
    opens_relative = view.words[clause.positions[0]].text.lower() in RELATIVES and at != clause.positions[0]
    labels_value = _LABEL_COLON.match(text, subject[1]) is not None  # "nodal ministry: X"
    kept: list[FoundValue] = []
    mine = {*own_spans, subject}  # the subject's own mentions, whichever of its facts found them
    brackets = _brackets_around(text, clause.start, clause.end, subject)
    for v in _values(fact, text, clause):
        if brackets and not (brackets[0] <= v.start and v.end <= brackets[1]) \
                and text[v.end:brackets[0]].strip(" (") != "":
            continue  # "the Twelfth Schedule (74th Amendment)": a subject in brackets names the source of what
            # the brackets follow
        # a value inside the subject's own name ("Fourth" in "Fourth Judges case") is none; inside another's name
        # ("the 74th Amendment gave panchayats ...") it is a value, unless that subject's fact reads it (below)
        # a split verdict holds its object ("struck the NJAC down", "declared Salwa Judum illegal"): said of it
        # a name fact's phrase may hold the subject ("the United States' CBAM"): the rubric wrote it so
        if any(s <= v.start < e or (v.start <= s < v.end and fact.kind not in ("verdict", "name"))
               for s, e in own_spans) \
                or v.canonical in _named(fact):
            continue  # the subject itself, by another of its names ("the National Payments Corporation ... NPCI")
        if v.start >= reach:
            continue  # said in a later predicate, of the clause's subject ("capped ministries ... and barred ...")
        if opens_relative and v.end <= subject[0]:
            continue  # a relative clause before the subject speaks of an earlier noun ("Unlike X, which ..., Y ...")
        if v.end <= subject[0] and _WITH_SUBJECT.search(text, clause.start, subject[0]):
            continue  # "... from Bihar to Andhra Pradesh, with Bastar as the core": what comes before is not its own
        if v.end <= subject[0] and not _allowed(fact, v.canonical) and _in_aside(text, clause.start, v, subject[0]):
            continue  # "(aided by the AU's G20 membership in 2023), and ... resolution 76/262": said of what it follows
        if v.end <= subject[0] and labels_value:
            continue  # "Cleared by the Union Cabinet, the Mission (nodal ministry: ...)": a label owns what follows it
        if fact.kind == "year" and v.end <= subject[0] and _YEAR_OF_NOUN.search(text, clause.start, v.start) \
                and re.match(r"\s+[a-z]", text[v.end:v.end + 3]) and text[v.end:subject[0]].strip():
            # "the 2015 plan pairs security with rights under PESA": the year is the plan's, not PESA's (but "the
            # 2070 net-zero aim" dates net zero)
            continue
        if fact.kind in OWNER_KINDS and _POSSESSOR.match(text, v.end) and not any(
                0 <= s_ - v.end <= OWNED_REACH for s_, _ in (*own_spans, subject)) \
                and not _owns_cue(text[v.end:v.end + OWNED_REACH], fact) \
                and not any(_RIGHT_AFTER.fullmatch(text, end, v.start) for _, end in cues if end <= v.start):
            # "against China's assertiveness, including through the Quad": China owns another noun ("under Japan's
            # G20 presidency" still names whose presidency, a cue of the fact; "includes Russia's navy", what the
            # cue includes)
            continue
        if not _allowed(fact, v.canonical) and _bracketed_after_another(text, v, own_spans or [subject]):
            continue  # "Kelkar later chaired the Thirteenth Finance Commission (2010-15)": that Commission's years
        if fact.kind == "year" and not fact.cues and _is_law(fact) and _dates_another_event(text, clause.start, v,
                                                                                            subject):
            continue  # "replaced ... the Indian Evidence Act on 1 July 2024", "Since January 2020, ... the Act ..."
        if fact.kind == "year" and (_RELATIVE_TIME.search(text, max(clause.start, v.start - 24), v.start) or (
                _SINCE.search(text, max(clause.start, v.start - 8), v.start)
                and not any(c.lower() == "since" for c in fact.cues))):
            continue  # "four years before 2003", "its first attempt since 1976": a point of reference
        if fact.kind == "year" and not fact.cues and _MEASURED_BY.search(text, max(clause.start, v.start - 40), v.start):
            continue  # "Jan Dhan accounts (over 50 crore by 2023)": the date of a count, not the subject's year
        if fact.kind == "verdict" and _JUDGE_OPINION.search(text, max(clause.start, v.start - 40), v.start):
            continue  # "Justice Chelameswar, upheld the NJAC": one judge's opinion, not the holding
        if fact.kind == "number" and _AGGREGATE.match(text, v.end):
            continue  # "stage of extraction ~60% nationally": the country's figure, not the subject's
        if fact.kind == "number" and fact.cues and _counts_another(text, v, fact):
            continue  # "i.e. three incompatible plans": a count of plans, not of the fact's seats
        if any(_OF_ANOTHER.fullmatch(text, e, v.start) for key, spans in in_clause.items() if key != own
               for s_, e in spans if e <= v.start and (s_, e) not in mine):
            continue  # "the ILRS of China and Russia": named as another subject's own, not this one's
        if fact.kind in LISTED_KINDS and not _allowed(fact, v.canonical) and \
                any(_siblings(text, s, e, v) for s, e in own_spans or [subject]):
            continue  # a place or body listed beside the subject, not said of it ("Bastar, Jharkhand and Odisha")
        i = answer.word_at(clause, v.start)
        if i is not None and (view.denied[i] or (modal is not None and modal < i)):
            continue  # denied ("not in 2015"), or advised ("should be raised to half")
        if _DENIED_AFTER.match(text, v.end) or _DENIED_BEFORE.search(text[max(clause.start, v.start - 16):v.start]) \
                or _attributed_at(text, answer.analysed.sentences[clause.sentence].start, v.start):
            # the value opens a denial of its own ("South Korea is not a member"), "not" stands right before it
            # whatever the clause reading made of the pair ("has not abolished the veto", "not every ten years"),
            # or others are said to hold it ("... is often confused with the Law Commission")
            continue
        # another subject nearer the value owns it, if its fact could read it here: one with cues not in the clause
        # only as the clause's subject, not as an object ("guaranteed the states 10% growth": the states' share of
        # the votes is not spoken of; "S-400 is Russian and ..." still owns "Russian")
        rivals = [span for key, spans in in_clause.items() if key != own and _could_own(declared[key], fact, v)
                  for span in spans if (not _agent(text, span[0], clause.start) or _apposed(text, span, v))
                  and (not declared[key].cues or _cues(declared[key], answer, clause, key)
                       or not _after_verb(answer, clause, answer.word_at(clause, span[0])))]
        near_own = min(_gap(v, s, e, text) for s, e in own_spans or [subject])
        if any(_apposed(text, span, v) and not any(span[1] <= r[0] < v.start for r in rivals)
               for span in own_spans or [subject]):
            # in an apposition after the subject ("by NPCI, a company promoted by SEBI and the IBA, UPI ..."): the
            # value describes it, whoever the clause names after
            rivals = [r for r in rivals if r[0] < v.start]
        if rivals and min(_gap(v, s, e, text) for s, e in rivals) < near_own:
            continue
        if _allowed(fact, v.canonical) or _declared_wrong(fact, v.canonical):
            kept.append(v)
    if not kept:
        return None
    if fact.kind == "name" and (said := [v for v in kept if any(_RIGHT_AFTER.fullmatch(text, end, v.start)
                                                                   for _, end in cues if end <= v.start)
                                         or any(_MARKED_BY.fullmatch(text, v.end, view.words[i].start)
                                                for i, _ in cues if view.words[i].start >= v.end)]):
        # the value right after the cue is what the cue says ("chaired by X, with Y attending"), and so is the one the
        # cue marks in brackets ("the Prime Minister (chair), the Speaker, ...")
        kept = said[:1]
    wrong = [v for v in kept if not _allowed(fact, v.canonical)]
    if fact.several:
        if not wrong:
            return "right", kept[0].text
        # a name right beside the subject, allowed and not listed with the wrong ones, is what is said of it ("a
        # bench led by Khehar ..., with Chelameswar dissenting": Khehar is said of the bench)
        if fact.kind == "name" and (beside := [v for v in kept if _allowed(fact, v.canonical) and any(
                _BESIDE.fullmatch(text, v.end, s_) or _BESIDE.fullmatch(text, e, v.start)
                for s_, e in own_spans or [subject])]) and not any(_listed_together(text, beside[0], w) for w in wrong):
            return "right", beside[0].text
        return "wrong", wrong[0].text
    if fact.kind == "body" and (named := [v for v in wrong if v.canonical in fact.wrong]
                                or _listed_after_cue(wrong, kept, cues, text)):
        # a body the fact names as wrong, or one listed with the right one as what the cue says ("promoted by SEBI
        # and the IBA"), is wrong even beside the right one
        return "wrong", named[0].text
    if len(wrong) == len(kept):
        return "wrong", wrong[0].text
    return "right", next(v.text for v in kept if _allowed(fact, v.canonical))


_MONTH = MONTH_NAMES + r"\.?"
# a full date: a law is named by its year, never by a day
_DAY_BEFORE = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + "|" + _MONTH
                         + r"\s+\d{1,2}(?:st|nd|rd|th)?),?\s+$")
_ENACTING = re.compile(r"\b(?:enact\w*|passed|adopted|assent\w*)\b", re.IGNORECASE)
_LAW_NAME = re.compile(r"\b(?:Act|Code|Sanhita|Adhiniyam|Bill|Ordinance|Rules)\b")


def _is_law(fact: Fact) -> bool:
    """The fact's subject is a law, named by its year ("the Indian Evidence Act, 1872")."""
    return any(_LAW_NAME.search(alias) for alias in fact.subject)


_OF_ANOTHER = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*(?:,|\band\b|&)\s*(?:the\s+)?)*")
_YEAR_OF_NOUN = re.compile(r"(?:\b(?:the|a|an|its|their|this|that|whose)|['\u2019]s?)\s+$", re.IGNORECASE)
_MARKED_BY = re.compile(r"\s*\(\s*")
_RIGHT_AFTER = re.compile(r"\s*(?:by\s+|as\s+|to\s+)?(?:the\s+|a\s+|an\s+)?", re.IGNORECASE)


def _brackets_around(text: str, start: int, end: int, subject: tuple[int, int]) -> tuple[int, int] | None:
    """The span of the brackets the subject stands in, within the clause, from the opening bracket to the closing
    one; ``None`` when it stands in none."""
    opening = text.rfind("(", start, subject[0])
    if opening < 0 or text.rfind(")", opening, subject[0]) >= 0:
        return None
    closing = text.find(")", subject[1], end + 1)
    return (opening, closing + 1) if closing >= 0 else None


_NAME_RUN = re.compile(r"[A-Z][\w.'-]*\s+(?:(?:[A-Z][\w.'-]*|of|on|for|and|in|the)\s+){0,6}(?:[a-z]+\s+)?$")


def _bracketed_after_another(text: str, value: FoundValue, subjects: Sequence[tuple[int, int]]) -> bool:
    """The value stands in brackets right after a name that is not the subject: "the Bhuria Committee report (1995)",
    "the SC's Samatha judgment (1997)"."""
    opening = text.rfind("(", max(0, value.start - 12), value.start)
    if opening < 0 or ")" in text[opening:value.start] or ")" not in text[value.end:value.end + 12]:
        return False
    if any(e <= opening and not text[e:opening].strip() for _, e in subjects):
        return False  # the subject's own bracket: "PESA (1996)"
    window = max(0, opening - 48)
    named = _NAME_RUN.search(text[window:opening])
    # a name run that holds the subject is the subject's ("the Fourth Judges case (2015)")
    return named is not None and not any(s_ < opening and e > window + named.start() for s_, e in subjects)


def _dates_another_event(text: str, clause_start: int, value: FoundValue, subject: tuple[int, int]) -> bool:
    """A law is named by its year ("the Act, 2007", "the 2007 Act", "the Act of 2007"): a year in a full date, or with
    a month before it, or written before the law's name with words between, is the date of something done under it,
    unless the clause says the law was enacted or passed then."""
    if _DAY_BEFORE.search(text, clause_start, value.start) and not _ENACTING.search(text, clause_start, value.start):
        return True
    if _MONTH_BEFORE.search(text, max(0, value.start - 12), value.start):
        return not _ENACTING.search(text, max(0, value.start - 40), value.start)
    return value.end <= subject[0] and len(text[value.end:subject[0]].split()) > 1


_MONTH_BEFORE = re.compile(_MONTH + r"\s+$")
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_MEASURED_BY = re.compile(r"\d[\d,.]*(?:\s*(?:%|per\s+cent|[a-z]+)){0,2}\s+by\s+$", re.IGNORECASE)
_JUDGE_OPINION = re.compile(r"(?<!\bby\s)(?<!\bunder\s)(?<!\bof\s)\bJustice\s+(?:[A-Z][\w.]*\s+){0,3}[A-Z][\w]+,?\s+"
                            r"(?:\w+\s+){0,2}$|\b(?:dissent\w*|minority)\b[^.;]*$")
_AGGREGATE = re.compile(r"\s*(?:nationally|national\s+average|on\s+average|across\s+India|countrywide|nationwide)\b",
                        re.IGNORECASE)
_RELATIVE_TIME = re.compile(r"\b(?:before|after|prior\s+to|earlier\s+than|later\s+than|ahead\s+of)\s+(?:the\s+)?"
                            r"(?:year\s+)?$", re.IGNORECASE)
OWNED_REACH = 24  # "Japan's G20 presidency": the subject within a few words after the possessive is what it owns
_POSSESSOR = re.compile(r"['\u2019]s?\s+[A-Za-z]")
_COUNTED = re.compile(r"\s+(?:([A-Za-z-]+)\s+)?([A-Za-z]+s)\b")
_UNIT_WORDS = frozenset({"rupees", "dollars", "tonnes", "tons", "years", "months", "days", "kilometres", "kilometers",
                         "metres", "meters", "units", "hours", "crores", "lakhs", "percent"})


_BESIDE = re.compile(r"\s*(?:(?:was|is|as|the)\s+)?")  # a name written right against the subject
_LIST_GLUE = re.compile(r"(?:\s|,|;|&|\band\b|\bor\b|\bthe\b|\bas\s+well\s+as\b)*", re.IGNORECASE)


def _listed_together(text: str, a: FoundValue, b: FoundValue) -> bool:
    """Two values stand in one list: nothing but commas, "and", "or" or "the" between them."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return _LIST_GLUE.fullmatch(text, first.end, second.start) is not None


def _owns_cue(owned: str, fact: Fact) -> bool:
    """The words after a possessive name one of the fact's cues."""
    low = owned.lower()
    return any(re.search(rf"\b{re.escape(c.lower())}", low) for c in fact.cues)


def _counts_another(text: str, value: FoundValue, fact: Fact) -> bool:
    """A count written before a plural noun that none of the fact's cues names counts that noun ("three incompatible
    plans" beside a fact about seats); a unit ("rupees", "years") is no such noun."""
    m = _COUNTED.match(text, value.end)
    if not m or m.group(2).lower() in _UNIT_WORDS or not value.text[:1].isalnum():
        return False
    cues = [c.lower() for c in fact.cues]
    following = " ".join(g.lower() for g in m.groups() if g)
    return not any(c in following for c in cues) and not any(c in following for c in map(str.lower, fact.subject))


def _in_aside(text: str, start: int, value: FoundValue, subject: int) -> bool:
    """The value stands in brackets that close before the subject: an aside about what the brackets follow."""
    before = text[start:value.start]
    return before.rfind("(") > before.rfind(")") and ")" in text[value.end:subject]


OWNER_KINDS = frozenset({"body", "country", "state"})  # kinds whose value can be written as the subject's owner
_POSSESSIVE = re.compile(r"['\u2019]s?\s+(?:own\s+)?$")


def _owner_before(fact: Fact, text: str, clause: _Clause, subject: int) -> bool:
    """A value of the fact's kind written as the subject's owner right before it says whose it is, as a cue would:
    "the Ministry of Power's Green Hydrogen Standard", "Bihar's Naxalbari", "the United States' CBAM"."""
    if fact.kind not in OWNER_KINDS:
        return False
    mark = _POSSESSIVE.search(text, clause.start, subject)
    return mark is not None and any(clause.start + v.end == mark.start()
                                    for v in find_values(fact.kind, text[clause.start:mark.start()]))


# "Pakistan is a member of the G4", "India, Brazil, Germany and Japan make up the G4": members named before their group
_MEMBERS_BEFORE = re.compile(r"\b(?:members?\s+of|form|forms|formed|make\s+up|makes\s+up|made\s+up|constitute|"
                             r"constitutes|constituted|belongs?\s+to|belonged\s+to)\s+(?:the\s+)?$", re.IGNORECASE)


MEMBER_LABELS = frozenset({"member", "members", "membership", "participants", "constituents"})
MEMBER_WORDS = re.compile(r"\b(?:members?|membership|participants?|constituents?|composition)\b", re.IGNORECASE)


MEMBER_VERBS = re.compile(r"\b(?:(?:brings?|brought|bringing)\s+together|unites?|united|uniting|comprises?|comprised|"
                          r"comprising|includes?|included|including|consists?\s+of|consisting\s+of|made\s+up\s+of|"
                          r"members\s+are|membership\s+of)\b", re.IGNORECASE)


def _of_members(fact: Fact) -> bool:
    """A fact of members: a kind with several values whose attribute or subject says members or participants."""
    return fact.several and MEMBER_WORDS.search(" ".join([fact.attribute, *fact.subject])) is not None


def _members_before(fact: Fact, text: str, clause: _Clause, subject: int) -> bool:
    """Whether a clause names members of the fact's subject where the fact's cues are not written, for a fact of
    members (a kind with several values, whose attribute or subject says members or participants): its line's label
    says "Members", or the words before the subject say "members of", "make up", "form" (and deny nothing)."""
    if not _of_members(fact):
        return False
    label = _line_label(text, clause.start, clause.end)
    if label and label.end() > clause.start and MEMBER_LABELS.intersection(label.group(1).lower().split()):
        return True  # a note's label, in the clause: "- Members: India, Brazil, ..."
    before = text[clause.start:subject]
    return _MEMBERS_BEFORE.search(before) is not None and \
        not any(w in NEGATORS for w in re.findall(r"[\w']+", before.lower()))


@lru_cache(maxsize=4096)
def _subject_values(kind: str, subject: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v for alias in subject if (v := canonical_value(kind, alias)) is not None)


def _named(fact: Fact) -> frozenset[str]:
    """The subject's own names as values of the fact's kind (a body's facts: the body itself is no value of it)."""
    return _subject_values(fact.kind, tuple(fact.subject)) if fact.kind == "body" else frozenset()


# what stands between two items of one list: separators and other names ("Bastar, Jharkhand and Odisha")
_LIST_BETWEEN = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|&|/)\s*|\s*(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)+"
                           r"(?:the\s+)?")  # the last item's "the" ("Article 243D and the Gram Sabha")


LISTED_KINDS = frozenset({"country", "state", "body", "article"})  # names that a list may set beside a subject
# ("Article 243D and the Gram Sabha" names two topics; it gives the Gram Sabha no article)


def _siblings(text: str, start: int, end: int, value: FoundValue) -> bool:
    """The value and the subject mention are items of one list: only separators and names between them."""
    if not (value.text[:1].isupper() or value.text[:1].isdigit()):  # a name, or an article's number
        return False
    between = text[end:value.start] if value.start >= end else text[value.end:start]
    return bool(re.search(r",|\band\b|\bor\b|&|/", between)) and _LIST_BETWEEN.fullmatch(between) is not None


def _predicate_end(answer: _Answer, clause: _Clause, at: int | None) -> int:
    """Where what the clause says of a subject mention ends: the clause's end, or, for a mention that stands after
    a verb (an object: "deleted the exception, capped ministries at 15% and, through Article 361B, barred ..."),
    the "and" or "or" before the next predicate. What follows a comma may still speak of the mention ("the
    SAMADHAN doctrine, announced by the Ministry of Home Affairs"). A label's verbs are no predicate of the
    mention ("Why it fell short: the merger exception survives and requires ...")."""
    view = answer.view
    if at is None or not _after_verb(answer, clause, at):
        return clause.end
    boundary = None
    for i in range(at + 1, clause.positions.stop):
        word = view.words[i]
        if boundary is None and word.text.lower() in ("and", "or"):
            boundary = word.start
        elif boundary is not None and is_verb(word):
            return boundary
    return clause.end


# what may stand between a cue and the bodies it names, and between them: "by the RBI, SEBI and the IBA"
_CUE_FILLER = re.compile(r"(?:\s|\bby\b|\bthe\b|\bboth\b)*", re.IGNORECASE)
_LIST_FILLER = re.compile(r"(?:\s|,|&|\band\b|\bthe\b)*", re.IGNORECASE)


def _listed_after_cue(wrong: list[FoundValue], kept: list[FoundValue], cues: list[tuple[int, int]],
                      text: str) -> list[FoundValue]:
    """The wrong values listed together with the others right after one of the fact's cues ("by" between), nothing
    but commas, "and" and "the" between them ("promoted by SEBI and the Indian Banks' Association")."""
    listed: list[FoundValue] = []
    for _, cue_end in cues:
        after = sorted((v for v in kept if v.start >= cue_end), key=lambda v: v.start)
        run, at = [], cue_end
        for v in after:
            if not (_LIST_FILLER if run else _CUE_FILLER).fullmatch(text, at, v.start):
                break
            run.append(v)
            at = v.end
        if len(run) > 1:
            listed += [v for v in run if v in wrong]
    return listed


def _participle_of_another(answer: _Answer, clause: _Clause, at: int | None, cue: int, subject_end: int) -> bool:
    """A cue written as a participle after the subject's own verb describes a noun of that predicate: "It works
    through joint working groups, ..., set up in 2015" dates the groups, not "it". A cue right after an auxiliary
    ("... and was launched in 2023") or with no verb between it and the subject is the subject's."""
    view = answer.view
    start = at if at is not None else clause.positions.start
    word = view.words[cue]
    low = word.text.lower()
    if cue <= start or not (low.endswith("ed") or low in _PARTICIPLES):
        return False  # before the subject, or no participle ("majority", "votes", "includes")
    if view.words[cue - 1].lemma in AUXILIARIES:
        return False
    before = view.words[cue - 1]
    if before.start >= subject_end and before.text[:1].isupper() and "," in answer.text[before.end:word.start]:
        return True  # "distinct from the G77, formed in 1964": the participle describes the name before the comma
    return any(is_finite(view.words[i]) and view.words[i].lemma not in AUXILIARIES for i in range(start + 1, cue))


# past participles that do not end in -ed
_PARTICIPLES = frozenset({"set", "put", "cut", "run", "begun", "held", "made", "built", "struck", "done", "taken",
                          "given", "written", "chosen", "drawn", "grown", "brought", "won", "led", "laid",
                          "sent", "spent", "sold", "told", "thought", "kept", "met", "paid", "read"})


def _after_verb(answer: _Answer, clause: _Clause, at: int | None) -> bool:
    """Whether the word at ``at`` stands after a verb of its clause (an object, not the clause's subject); a line
    label's verbs do not count ("Why it fell short: the merger exception ...")."""
    if at is None:
        return False
    view = answer.view
    colon = answer.text.rfind(":", clause.start, view.words[at].start)
    return any(is_verb(view.words[i]) for i in range(clause.positions.start, at) if view.words[i].start > colon)


def _could_own(other: Fact, fact: Fact, value: FoundValue) -> bool:
    """Another fact's subject can own a value only if that fact reads values of the same kind (a name fact: only the
    names it lists)."""
    if other.kind != fact.kind:
        return False
    return other.kind != "name" or value.canonical in other.allowed or value.canonical in other.wrong


def _modal(view: ClaimView, i: int) -> bool:
    """The word is a modal verb ("should", "may"), not the month ("in May 2019", "15 May", "in May twenty twenty-one":
    a capitalised "May" inside a sentence, or one next to a number).

    >>> from evaluator.core.text import analyse
    >>> view = read_claims(analyse("It was unveiled in May twenty twenty-one. May the House act? They may act."))
    >>> [view.words[i].text for i in range(len(view.words)) if _modal(view, i)]
    ['May', 'may']
    """
    word = view.words[i].text
    if word.lower() not in MODALS:
        return False
    if word != "May":
        return True
    if i > 0 and view.words[i - 1].sentence == view.words[i].sentence and view.words[i - 1].text[:1].isalnum():
        return False  # "in May", "Origin: May 2021" starts a sentence only after a label
    near = [view.words[j].text for j in (i - 1, i + 1)
            if 0 <= j < len(view.words) and view.words[j].sentence == view.words[i].sentence]
    return not any(w[:1].isdigit() or w.lower() in NUMBER_WORDS for w in near)


def _agent(text: str, start: int, clause_start: int) -> bool:
    """The mention is the agent of a passive ("formed in 2004 by India, Brazil ..."): it owns no value of its own."""
    return bool(re.search(r"\bby\s+(?:the\s+)?$", text[max(clause_start, start - 8):start], re.IGNORECASE))


# a value that a denial is said of: "South Korea is not a member", "Pakistan has never been part of it"
_DENIED_AFTER = re.compile(r"\s+(?:is|are|was|were|has|have|had|does|do|did)(?:\s+not\b|n't\b|\s+never\b|"
                           r"\s+no\s+longer\b)", re.IGNORECASE)


# "not the Speaker", "Not: the Election Commission", "not Article 368", "rather than by a simple majority"
_DENIED_BEFORE = re.compile(r"(?:\bnot|\bnever|n't|\brather\s+than|\binstead\s+of)\s*:?\s+"
                            r"(?:(?:the|a|an|by|articles?|section|paragraph)\s+)?$", re.IGNORECASE)


def _apposed(text: str, span: tuple[int, int], value: FoundValue) -> bool:
    """The value follows the mention in an apposition after a comma ("run by NPCI, a company set up in 2008"): it
    describes the mention, agent or not."""
    return value.start >= span[1] and text[span[1]:value.start].lstrip().startswith(",")


def _gap(value: FoundValue, start: int, end: int, text: str) -> float:
    """How far a value stands from a subject, in characters; a subject after the value counts as further
    (``AFTER_SUBJECT``): a value belongs to the subject before it ("the Union holds two-thirds and the states
    one-third"), and never to one after it and a comma ("X recommended three tiers, Y two")."""
    if value.end <= start:
        return float("inf") if "," in text[value.end:start] else (start - value.end) * AFTER_SUBJECT
    return value.start - end if value.start >= end else 0


def _denied_phrase(view: ClaimView, clause: _Clause, i: int, end: int, text: str) -> str:
    """The cue with the denial next to it, as written ("not binding", "found no")."""
    def denies(j: int) -> bool:
        return j in view.cues or view.words[j].text.lower() in NEGATORS

    before = [j for j in range(max(clause.positions.start, i - DENIAL_REACH), i) if denies(j)]
    after = [j for j in range(i + 1, min(clause.positions.stop, i + DENIAL_REACH + 1)) if denies(j)]
    start = view.words[before[-1]].start if before else view.words[i].start
    if not before and after:
        end = view.words[after[0]].end
    return " ".join(text[start:end].split())
