"""What the words of a text claim, read without a parser: clauses, which words are denied, and attributes.

:func:`read_claims` splits each sentence into clauses and marks every word whose claim is denied
by a negation in its clause ("not by the PMO or the White House", "no roadmap", "never revived",
"refused to co-produce"), by a privative verb in the passive ("DTTI was scrapped"), or by a
denial of a light predicate after its subject ("the NSAs have no role"). Two denials cancel.
:mod:`evaluator.core.factcheck` reads a rubric's declared facts against these clauses.

>>> view = read_claims(analyse("iCET is overseen not by the PMO or the White House but by the ministries."))
>>> [w.text for w, no in zip(view.words, view.denied) if no]
['by', 'the', 'PMO', 'or', 'the', 'White', 'House']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evaluator.core.lexicon import (
    AUXILIARIES,
    CLAUSE_PUNCTUATION,
    CLAUSE_STARTERS,
    CREATION_VERBS,
    DENY_BACKWARD,
    HINDI_BREAKS,
    MONTHS,
    NEGATOR_PAIRS,
    NEGATORS,
    NOT_NEGATING,
    OBJECT_ENDS,
    PAIR_SCOPE_ENDS,
    PARTIAL_QUANTIFIERS,
    PHRASAL_PRIVATIVES,
    PRIVATIVES,
)
from evaluator.core.text import AnalysedText, Token, analyse, parts_of_speech

LIST_ITEM_WORDS = 3  # a comma followed by at most this many words, or by no verb, continues a list
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being"})
# predicates that say nothing of their own: denying them denies the subject ("the NSAs have no role")
LIGHT_PREDICATES = frozenset({
    "role", "part", "say", "involvement", "relevance", "link", "connection", "place", "stake", "effect", "impact",
    "success", "progress", "result", "outcome", "future", "existence", "basis", "truth", "significance", "use",
    "value", "importance", "exist", "happen", "occur", "work", "succeed", "materialise", "materialize", "matter",
    "help", "contribute", "deliver", "change", "longer", "real", "true", "relevant", "involved", "active",
})
PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we", "this", "these", "those", "there", "i", "you"})
_YEAR = re.compile(r"^(19|20)\d\d$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}$")


@dataclass(frozen=True)
class ClaimView:
    """The words of a text (``AnalysedText.words``), the clause each is in, and whether its claim is denied."""

    words: tuple[Token, ...]
    clause: tuple[int, ...]  # clause number of each word, over the whole text
    denied: tuple[bool, ...]  # an odd number of denials covers the word
    cues: frozenset[int]  # positions of the words that deny (not, never, refused...)


@lru_cache(maxsize=1)
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    """(every verb lemma, lemmas that are only verbs)."""
    pos = parts_of_speech()
    return pos["verb"], pos["verb"] - pos["noun"] - pos["adj"]


def is_verb(token: Token) -> bool:
    """Likely a verb: an auxiliary, a word that is only a verb, or an inflected form of a verb ("shares", "signed")."""
    verbs, pure = _verbs()
    low = token.text.lower()
    if low.endswith("ing"):
        return False  # "Emerging Technologies", "sharing": not a verb that starts a clause
    return token.lemma in AUXILIARIES or token.lemma in pure or (token.lemma in verbs and low != token.lemma)


def _clause_numbers(analysed: AnalysedText) -> list[int]:
    """Clause number of every word: a new clause at ; : ( — and sentence ends, at clause starters
    (but, however, which, because...), at "and"/"or" before a new subject, and at a comma before a clause."""
    tokens = analysed.tokens
    word_index = [i for i, t in enumerate(tokens) if t.is_word]
    numbers: list[int] = []
    current = 0
    previous_sentence = -1
    opened = None  # where a clause opened by "while", "although"... began, until a comma ends it
    for n, i in enumerate(word_index):
        token = tokens[i]
        low = token.text.lower()
        before = current
        if token.sentence != previous_sentence:
            current += 1
            previous_sentence = token.sentence
            opened = None
        else:
            between = tokens[word_index[n - 1] + 1 : i]
            if any(t.text in CLAUSE_PUNCTUATION for t in between):
                current += 1
                opened = None
            elif any(t.text == "," for t in between) and (_starts_clause(tokens, word_index, n)
                                                            or _ends_subordinate(tokens, word_index, opened, n)):
                current += 1
                opened = None
            elif low in CLAUSE_STARTERS and not _dates_a_time(tokens, word_index, n):
                current += 1
            elif low in ("and", "or", "nor") and _new_subject_follows(tokens, word_index, n):
                current += 1
        if current != before and low in _SUBORDINATORS:
            opened = n  # a new sentence, ";" or ":" forgets it, "and" before a new subject inside it does not
        numbers.append(current)
    return numbers


# a clause these open, once it has its verb, ends at the next comma: what follows is the main clause ("While reforms
# stalled, the Council met twice": the second part is asserted). "If" and "unless" are left joined: what follows them
# is a consequence, not a claim
_SUBORDINATORS = frozenset({"while", "whereas", "although", "though", "when", "once"})


def _ends_subordinate(tokens: tuple[Token, ...], word_index: list[int], opened: int | None, n: int) -> bool:
    """A comma before word ``n`` ends a clause opened (at word ``opened``) by "while", "although", "when"... that
    has its verb."""
    return opened is not None and n - opened >= 3 and any(is_verb(tokens[word_index[m]]) for m in range(opened + 1, n))


_TEMPORAL = frozenset({"since", "after", "before", "until"})


def _dates_a_time(tokens: tuple[Token, ...], word_index: list[int], n: int) -> bool:
    """"since 2019", "until March 2024", "after 1993": a preposition before a date, not a new clause."""
    if tokens[word_index[n]].text.lower() not in _TEMPORAL or n + 1 >= len(word_index):
        return False
    following = tokens[word_index[n + 1]].text
    return following[:1].isdigit() or following.lower() in MONTHS


_SEGMENT_ENDS = frozenset({",", *CLAUSE_PUNCTUATION})


_CLAUSE_CONJUNCTIONS = frozenset({"as", "because", "since"})


def _starts_clause(tokens: tuple[Token, ...], word_index: list[int], n: int) -> bool:
    """A comma before word ``n`` ends a clause when what follows is a clause of its own: a subject and a finite
    verb ("..., the US shares technology"). A list item ("..., COMCASA or BECA"), an appositive ("..., an
    initiative led by Japan") or the predicate after one ("..., was scrapped") continues the clause."""
    segment = []
    for m in range(n, len(word_index)):  # up to the next comma: each comma walks only its own segment
        i = word_index[m]
        if segment and any(t.text in _SEGMENT_ENDS for t in tokens[word_index[m - 1] + 1 : i]):
            break
        segment.append(tokens[i])
    if segment and segment[0].text.lower() in _CLAUSE_CONJUNCTIONS and any(is_verb(t) for t in segment[2:]):
        return True  # "..., as US-led efforts converge on the pole": a reason or a time of its own
    if len(segment) <= LIST_ITEM_WORDS or is_verb(segment[0]) or segment[0].lemma in AUXILIARIES:
        return False
    # a capitalised word inside the segment is part of a name, not a verb ("the Indian Banks' Association")
    return segment[0].text.lower() in PRONOUN_SUBJECTS or any(is_finite(t) and not t.text[:1].isupper()
                                                               for t in segment[1:])


def is_finite(token: Token) -> bool:
    """An auxiliary or a present-tense verb ("shares", "allows"): a verb that needs a subject before it."""
    verbs, _ = _verbs()
    low = token.text.lower()
    return token.lemma in AUXILIARIES or (token.lemma in verbs and low.endswith("s") and low != token.lemma)


def _new_subject_follows(tokens: tuple[Token, ...], word_index: list[int], n: int) -> bool:
    """ "and"/"or" joins two clauses when a pronoun, an auxiliary or a subject with its verb follows."""
    following = [tokens[i] for i in word_index[n + 1 : n + 5] if tokens[i].sentence == tokens[word_index[n]].sentence]
    if not following:
        return False
    if following[0].text.lower() in PRONOUN_SUBJECTS or is_verb(following[0]):
        return True  # "and it...", "and guards its autonomy": a new clause or a new predicate
    return any(t.lemma in AUXILIARIES for t in following[1:4])


def read_claims(analysed: AnalysedText) -> ClaimView:
    """Clauses and denied words of an analysed text (see the module docstring).

    Linear in the text: each denial's scope is found from the clause's bounds and the next denial, and scopes are
    added up as runs (a 5,000-word clause with a denial every few words took seconds when each scope was walked).
    """
    words = analysed.words
    clause = _clause_numbers(analysed)
    cues = _cues(words, clause, analysed.text)
    # each clause's first and last word, and the last Hinglish conjunction at or before each word
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    latest_break: list[int] = []
    for j, c in enumerate(clause):
        first.setdefault(c, j)
        last[c] = j
        latest_break.append(j if words[j].text.lower() in HINDI_BREAKS else latest_break[-1] if j else -1)
    ordered = sorted(cues)
    runs = [0] * (len(words) + 1)  # +1 at a scope's start, -1 after its end: the prefix sums count the denials
    for n, i in enumerate(ordered):
        word = words[i]
        start, end = first[clause[i]], last[clause[i]]
        # a denial reaches to the next one in its clause: "no roadmap and never any joint production" are two
        if n + 1 < len(ordered) and ordered[n + 1] <= end:
            end = ordered[n + 1] - 1
        before = words[max(start, i - 2) : i]  # the two words before the cue in its clause
        privative = word.lemma in PRIVATIVES or word.lemma in PHRASAL_PRIVATIVES
        passive = privative and any(t.lemma in BE_FORMS for t in before) and word.text.lower().endswith(
            ("ed", "en", "n"))
        if passive:
            scope = range(start, i)  # "DTTI was scrapped": the subject is denied
        elif word.text.lower() in DENY_BACKWARD:
            # "India autonomy ko maanta hai aur formal alliance nahi chahta": back to the last conjunction
            begin = max(start, latest_break[i - 1] + 1) if i > start else start
            scope = range(begin, i)
        elif i + 1 < len(words) and (word.text.lower(), words[i + 1].text.lower()) in NEGATOR_PAIRS:
            # "away from China towards trusted partners": only what the pair turns away from
            stop = next((j for j in range(i + 2, end + 1) if words[j].text.lower() in PAIR_SCOPE_ENDS
                         or _comma_before(analysed, words, j)), end + 1)
            scope = range(i + 2, stop)
        else:
            # a denial stops at a comma before a new predicate ("did not achieve much, got new momentum") or a
            # participle ("do not bind legislatures, describing federalism as a dialogue"); a privative verb
            # denies its object only, up to any comma or preposition ("replace coking coal for reducing iron ore")
            end = next((j - 1 for j in range(i + 1, end + 1) if _comma_before(analysed, words, j)
                        and (privative or is_verb(words[j]) or _is_participle(words[j]))), end)
            if privative and not (i + 1 < len(words) and words[i + 1].text.lower() == "to"):
                end = next((j - 1 for j in range(i + 2, end + 1) if words[j].text.lower() in OBJECT_ENDS), end)
            scope = range(i + 1, end + 1)  # "not by the PMO or the White House": what follows is denied
            predicate = next((t for t in words[i + 1 : end + 1] if not t.is_stop), None)
            previous = words[i - 1] if i > start else None
            after_auxiliary = previous is not None and previous.lemma in AUXILIARIES
            # "the mechanism has not been set up": an unmade thing does not exist; "DTTI was never revived" exists
            passive_denial = ((previous is not None and previous.text.lower() in BE_FORMS) or (
                i + 1 < len(words) and words[i + 1].text.lower() in ("be", "been"))) and predicate is not None and (
                predicate.lemma in CREATION_VERBS or predicate.text.lower() in CREATION_VERBS)
            if after_auxiliary and (predicate is None or predicate.lemma in LIGHT_PREDICATES or passive_denial):
                # "the NSAs have no role", "the plan did not materialise", "the mechanism has not been set up"
                scope = range(start, end + 1)
        if scope:  # every word of the scope but the cue itself
            runs[scope.start] += 1
            runs[scope.stop] -= 1
            if scope.start <= i < scope.stop:
                runs[i] -= 1
                runs[i + 1] += 1
    denied = []
    count = 0
    for j in range(len(words)):
        count += runs[j]
        denied.append(count % 2 == 1)
    return ClaimView(words, tuple(clause), tuple(denied), frozenset(cues))


def _is_participle(token: Token) -> bool:
    """A verb's -ing form ("describing", "leaving"), which opens a phrase of its own after a comma."""
    low = token.text.lower()
    return low.endswith("ing") and token.lemma != low and token.lemma in _verbs()[0]


def _comma_before(analysed: AnalysedText, words: tuple[Token, ...], j: int) -> bool:
    """True when a comma stands between word ``j - 1`` and word ``j``."""
    between = analysed.text[words[j - 1].end : words[j].start]
    return "," in between


def _cues(words: tuple[Token, ...], clause: list[int], text: str) -> set[int]:
    """Positions of the words that deny: negations and privative verbs, but not idioms ("not only", "no doubt"),
    not a denial of a denial ("not without challenges", "never fails to deliver"), which affirms, and not a word
    of a hyphenated compound ("a not-for-profit company", "a no-confidence motion", "non-binding" is one word)."""
    found: list[int] = []
    for i, word in enumerate(words):
        low, lemma = word.text.lower(), word.lemma
        if text[word.end:word.end + 1] == "-" and i + 1 < len(words) and words[i + 1].start == word.end + 1:
            continue  # "not-for-profit", "no-confidence": the start of a compound, which denies nothing
        following = words[i + 1].text.lower() if i + 1 < len(words) and clause[i + 1] == clause[i] else ""
        if (low, following) in NOT_NEGATING or (lemma, following) in NOT_NEGATING:
            continue
        if (low in ("not", "never") or low.endswith("n't")) and any(
                words[j].text.lower() in PARTIAL_QUANTIFIERS and clause[j] == clause[i]
                for j in range(i + 1, min(len(words), i + 3))):
            continue  # "have not transferred all 29 subjects", "do not collect enough taxes": less, not none
        if low in NEGATORS or lemma in NEGATORS or low.endswith("n't") or lemma in PRIVATIVES \
                or PHRASAL_PRIVATIVES.get(lemma) == following or (low, following) in NEGATOR_PAIRS:
            found.append(i)
    litotes = {j for i, j in zip(found, found[1:], strict=False) if j == i + 1 and clause[i] == clause[j]}
    cancelled = litotes | {j - 1 for j in litotes}
    # "no decision can pass without the Union", "cannot succeed without trust": a denied "without" affirms. Each
    # "without" cancels with the last negation before it in its clause that nothing has cancelled yet
    open_negations: list[int] = []  # in the current clause, in order
    for n, j in enumerate(found):
        if n and clause[found[n - 1]] != clause[j]:
            open_negations = []
        low = words[j].text.lower()
        if low == "without" and j not in cancelled and open_negations:
            cancelled |= {open_negations.pop(), j}
        if j not in cancelled and (low in NEGATORS or low.endswith("n't")):
            open_negations.append(j)
    return set(found) - cancelled


# --- attributes ------------------------------------------------------------------------------------------------------


def claims_of(text: str) -> ClaimView:
    """:func:`read_claims` of raw text (rubric statements, article sentences)."""
    return read_claims(analyse(text))
