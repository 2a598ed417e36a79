"""Checkable facts a draft proposes for a key point, from the article's own sentences.

A fact binds a named subject to a value the article gives for it: the year a body was constituted or a
law enacted, the amendment number of an Act, the constitutional articles a provision or a judgment
rests on, a share ("one-third", "14 per cent"), the verdict in a case. The scoring core marks a clause
that names the subject with another value as wrong, so a proposed fact must be precise: one value of
its kind in the sentence, a named subject (a label that is a name, or a capitalised name in the
sentence), and for years a verb that says what the year is of ("constituted", "enacted", "passed").
A mentor reviews every proposal before the rubric is published.

The shape is the rubric's ``facts:`` field (per key point)::

    - subject: [Kovind Committee]    # one name or a list of aliases
      attribute: year constituted     # what is said of it, shown in feedback
      kind: year                      # year | number | ordinal | article | country | verdict | yes-no | name
      values: ['2023']                # allowed value(s); each a string or a list of aliases
      cues: [constituted]             # words showing a clause speaks of this attribute
      others: []                      # known wrong values (required for kind: name)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from evaluator.authoring.keywords import is_acronym, vocabulary_words
from evaluator.core.text import analyse
from evaluator.core.values import VALUE_KINDS, ValueKind, canonical_value, find_values

FACT_KINDS: tuple[str, ...] = VALUE_KINDS
MAX_FACTS_PER_POINT = 4
MAX_SUBJECT_WORDS = 8
MAX_SOURCE_CHARS = 500  # the rubric's limit on a fact's source

# what a year is the year of: the verb (as written) that dates an event, law or judgment
_YEAR_CUES = {
    "constituted": "year constituted", "set up": "year set up", "established": "year established",
    "formed": "year formed", "launched": "year launched", "enacted": "year enacted", "passed": "year passed",
    "introduced": "year introduced", "adopted": "year adopted", "notified": "year notified",
    "submitted": "year submitted", "signed": "year signed", "delivered": "year of the judgment",
    "held": "year of the ruling", "ruled": "year of the ruling", "struck down": "year struck down",
    "upheld": "year upheld", "created": "year created", "came into force": "year in force",
    "lapsed": "year lapsed", "withdrawn": "year withdrawn", "amended": "year amended",
}
# the words a student may date the same event with: a cue of one family stands for all of them
_CUE_FAMILIES = (
    ("constituted", "set up", "formed", "established", "created", "appointed", "launched", "founded"),
    ("enacted", "passed", "adopted", "came into force", "notified", "introduced", "amended"),
    ("held", "ruled", "delivered", "judgment", "verdict", "upheld", "struck down"),
    ("submitted", "released", "published", "tabled"),
    ("lapsed", "withdrawn"),
)
_COURT_CUES = frozenset({"held", "ruled", "delivered", "upheld", "struck down"})  # a year of a ruling: a court is named
_VERDICTS = {"struck down": ["struck down", "quashed", "invalidated"], "upheld": ["upheld", "validated"]}
_CASE = re.compile(r"\b(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,4}\s+v(?:s)?\.?\s+[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*){0,3})")
_NAMED_YEAR = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w'-]*\s+)(?:(?:of|on|for|and|to|the|\([A-Z][A-Za-z0-9-]{1,11}\)|[A-Z][\w'-]*)"
                         r"\s+){0,8}(?:Act|Bill|Rules|Policy|Code|Regulation|Amendment\)\s+(?:Act|Bill)))"
                         r"(?:,\s*|\s+\()(?P<year>(?:1[89]|20)\d\d)\b")
_PASSIVE = re.compile(r"^(?:The\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of|for|on|and|\([A-Z][A-Za-z0-9-]{1,11}\)|[A-Z][\w'-]*)){0,7})"
                      r"\s+(?:was|were|is|has been|had been)\s+")
_KNOWN_AS = re.compile(r"\bknown as (?:the )?(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,5})")
_WORD_ORDINAL = re.compile(r"\(\s*(?P<words>(?:one|two|three)\s+hundred(?:\s+and)?\s+[\w-]+)\s+Amendment\s*\)", re.IGNORECASE)



@dataclass(frozen=True)
class DraftFact:
    """A proposed fact of a key point, in the rubric's ``facts:`` shape."""

    subject: tuple[str, ...]
    attribute: str
    kind: ValueKind
    values: tuple[str, ...]
    cues: tuple[str, ...] = ()
    others: tuple[str, ...] = field(default=())
    source: str = ""  # the article's sentence, quoted when a student's claim contradicts it

    def to_dict(self) -> dict[str, object]:
        """The YAML shape: a one-name subject as a string, lists for the rest; the source sentence when known."""
        shape: dict[str, object] = {
            "subject": self.subject[0] if len(self.subject) == 1 else list(self.subject),
            "attribute": self.attribute, "kind": self.kind, "values": list(self.values),
            "cues": list(self.cues), "others": list(self.others)}
        if self.source:
            shape["source"] = self.source
        return shape


def propose_facts(text: str, *, label: str = "", aliases: Sequence[Sequence[str]] = ()) -> list[DraftFact]:
    """Facts of one key point's text (its claim and supporting sentences), each bound to a named subject.

    Args:
        text: the point's sentences, as the article gives them.
        label: the bullet's label ("Kovind Committee", "New Article 82A"): the subject when it is a name.
        aliases: the article's acronym concepts, to name a subject by its acronym too.

    >>> [f.to_dict() for f in propose_facts("The Kovind Committee was constituted on 2 September 2023.")]
    [{'subject': 'Kovind Committee', 'attribute': 'year constituted', 'kind': 'year', 'values': ['2023'], \
'cues': ['constituted', 'set up', 'formed', 'established', 'created', 'appointed', 'launched', 'founded'], \
'others': [], 'source': 'The Kovind Committee was constituted on 2 September 2023.'}]
    >>> [(f.kind, f.values) for f in propose_facts("It inserts Article 330A and Article 332A.", label="One-third of seats")]
    []
    """
    facts: list[tuple[DraftFact, str]] = []  # with the sentence each came from
    for sentence in (s.text for s in analyse(text).sentences):

        def add(fact: DraftFact, sentence: str = sentence) -> None:
            facts.append((fact, sentence))

        named_years = {m.group("year"): m.group("name") for m in _NAMED_YEAR.finditer(sentence)}
        for year, name in named_years.items():  # "the Punjab Preservation of Subsoil Water Act, 2009"
            specific = set(re.findall(r"[A-Za-z]+", name)) - {"The", "the", "Constitution", "Amendment", "Act", "Bill",
                                                              "of", "and", "Rules", "Policy", "Code"}
            if sentence.count(year) == 1 and len(name.split()) <= MAX_SUBJECT_WORDS and specific:
                add(DraftFact((_plain_name(name),), f"year of the {name.split()[-1]}", "year", (year,)))
        subject = _subject(sentence, label, aliases)
        if not subject:
            continue
        case_named = bool(_CASE.search(sentence))
        by_kind = {kind: [v.canonical for v in find_values(kind, sentence)] for kind in ("year", "article")}
        # shares only: "one-third", "14 per cent" (a bare count says little and reads ambiguously)
        by_kind["number"] = [v.text for v in find_values("number", sentence)
                             if v.canonical.startswith("r") and not v.text.replace(".", "").isdigit()]
        low = sentence.lower()
        years = sorted(set(by_kind.get("year", [])) - set(named_years))
        cue = next((c for c in _YEAR_CUES if re.search(rf"\b{c}\b", low)
                    and (c not in _COURT_CUES or case_named or "court" in low)), "")
        if len(years) == 1 and cue:
            family = next((f for f in _CUE_FAMILIES if cue in f), (cue,))
            add(DraftFact(subject, _YEAR_CUES[cue], "year", (years[0],), family))
        articles = sorted(set(by_kind.get("article", [])), key=_natural)
        if articles and re.search(r"\barticles?\b", low) and not re.search(r"\bsection\b", low):
            add(DraftFact(subject, "constitutional article", "article", tuple(articles), ("article",)))
        ordinals = _amendment_ordinals(sentence)
        if len(ordinals) == 1 and len(re.findall(r"\b\d{1,3}(?:st|nd|rd|th)\b", sentence)) <= 1:
            named = _KNOWN_AS.search(sentence)
            owner = (named.group("name").strip(),) if named else subject
            add(DraftFact(owner, "amendment number", "ordinal", (ordinals[0],), ("amendment",)))
        shares = sorted(set(by_kind.get("number", [])))
        if len(shares) == 1 and label and _is_name(label):  # a share only of a named thing, never of a House
            cues = _share_cues(sentence)
            if cues:
                add(DraftFact(subject, f"share of {cues[0]}", "number", (shares[0],), tuple(cues)))
        case = _CASE.search(sentence)
        verdict = next((v for v, words in _VERDICTS.items() if any(re.search(rf"\b{w}\b", low) for w in words)), "")
        if case and verdict:
            add(DraftFact(_case_names(case.group("name")), "verdict", "verdict", (verdict,),
                                   (verdict.split()[0],)))
    unique: dict[tuple[tuple[str, ...], str], DraftFact] = {}
    for fact, sentence in facts:
        unique.setdefault((fact.subject, fact.attribute), replace(fact, source=_clip(sentence, MAX_SOURCE_CHARS)))
    return list(unique.values())[:MAX_FACTS_PER_POINT]


def _subject(sentence: str, label: str, aliases: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The name a sentence's facts belong to, only where that is plain: a case the sentence names, a name it says is
    "known as", the bullet's label when that is a name, or the name a passive verb opens on ("The Kovind Committee
    was constituted ..."); with the name's acronym when the article defines one."""
    case = _CASE.search(sentence)
    if case:
        return _case_names(case.group("name")) + ((label,) if label and _is_name(label) else ())
    named = _KNOWN_AS.search(sentence)
    name = named.group("name").strip() if named else ""
    if not name and label and _is_name(label) and not re.search(r"\b(?:1[89]|20)\d\d\b", label):
        name = label  # a label with a year of its own ("101st Amendment, 2016") dates the label, not the sentence
    if not name and (passive := _PASSIVE.match(sentence)) and _is_name(passive.group("name")):
        name = passive.group("name")
    if not name or len(name.split()) > MAX_SUBJECT_WORDS:
        return ()
    name = _plain_name(name)
    if not _is_name(name):  # "Reservation (Article 243D)" without its aside names nothing in particular
        return ()
    forms = [name]
    for group in aliases:
        if any(a.lower() == name.lower() for a in group):
            forms += [a for a in group if a.lower() != name.lower()]
    return tuple(forms)


def _is_name(label: str) -> bool:
    """A label that names something: a word that is no ordinary English word, a number, or an acronym; not a phrase
    opening with a small word ("Within SC and ST seats").

    >>> [_is_name(x) for x in ("Srikrishna Committee", "New Article 82A", "Withdrawn Bills", "Federalism",
    ...                        "Within SC and ST seats", "Constitutional Amendments")]
    [True, True, False, False, False, False]
    """
    tokens = analyse(label).words
    if not tokens or tokens[0].is_stop:
        return False
    return any(is_acronym(t.text) or (any(c.isdigit() for c in t.text) and not re.fullmatch(r"(?:1[89]|20)\d\d", t.text))
               or (t.text[:1].isupper() and not {t.text.lower(), t.lemma} & vocabulary_words()) for t in tokens)


def _plain_name(name: str) -> str:
    """A name without an opening article or preposition and without brackets: "In the Kovind Committee" ->
    "Kovind Committee"."""
    name = re.sub(r"^(?:(?:in|under|by|the|a|an)\s+)+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"\s*\([^()]*\)", "", name)  # "(CAQM)", "(India, Brazil, ...)": asides, not the name
    name = re.sub(r",?\s+(?:1[89]|20)\d\d$", "", name)  # "Information Technology Act, 2000": the year is a fact
    return " ".join(name.replace("(", " ").replace(")", " ").split()).rstrip(",;:")


def _case_names(name: str) -> tuple[str, ...]:
    """A case by its full name and as students write it, after its first private party: "Justice K.S. Puttaswamy v.
    Union of India" -> also "Puttaswamy case"; "Supreme Court v. Subhash Chandra Agarwal" -> "Agarwal case".

    >>> _case_names("In Justice K.S. Puttaswamy v. Union of India")
    ('K.S. Puttaswamy v. Union of India', 'Puttaswamy case', 'Puttaswamy')
    """
    full = _plain_name(re.sub(r"^(?:Justice|Shri|Smt\.?)\s+", "", _plain_name(name)))
    parties = re.split(r"\s+vs?\.?\s+", full)
    for party in parties:
        words = [w for w in party.split() if "." not in w and w.lower() not in ("of", "the")]
        if words and not set(words) & _INSTITUTIONS:
            short = " ".join(words[-2:]) if len(words) >= 2 and not set(words) & {"State", "Union"} else words[-1]
            short = words[-1] if len(words) > 2 else short
            return (full, f"{short} case", short)
    return (full,)


_INSTITUTIONS = frozenset({"Union", "India", "State", "Court", "Supreme", "Government", "Commission", "Council"})


def _first_name(sentence: str) -> str:
    """The first run of capitalised words after the sentence's opening word ("the Kovind Committee")."""
    words = sentence.split()
    run: list[str] = []
    for k, word in enumerate(words):
        plain = word.strip(",;:.()\"'")
        if k > 0 and plain[:1].isupper() and not re.fullmatch(r"(?:1[89]|20)\d\d", plain):
            run.append(plain)
            if word.endswith((",", ";", ":", ".", ")")):
                break
        elif run and plain.lower() in ("of", "and", "for", "on") and k + 1 < len(words) and words[k + 1][:1].isupper():
            run.append(plain)
        elif run:
            break
    while run and run[-1].lower() in ("of", "and", "for", "on"):
        run.pop()
    name = " ".join(run)
    return name if len(run) >= 2 or (run and is_acronym(run[0])) else ""


def _amendment_ordinals(sentence: str) -> list[str]:
    """The amendment numbers a sentence gives: "(129th Amendment)", "106th Amendment", "(One Hundred and Sixth
    Amendment)" -> "106th"."""
    found = [m.group(1) + m.group(2) for m in re.finditer(r"\b(\d{1,3})(st|nd|rd|th)\s+(?:Constitutional\s+)?"
                                                         r"Amendment", sentence)]
    for m in _WORD_ORDINAL.finditer(sentence):
        number = _ordinal_words(m.group("words"))
        if number:
            found.append(f"{number}{_suffix(number)}")
    return sorted(set(found))


def _ordinal_words(words: str) -> int:
    """ "one hundred and sixth" -> 106 (0 when it cannot be read), as the fact checks read ordinals."""
    value = canonical_value("ordinal", words)
    return int(value) if value else 0


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _share_cues(sentence: str) -> list[str]:
    """The noun a share is of ("one-third of the seats" -> seats; "14 per cent in the Lok Sabha" -> none)."""
    match = re.search(r"(?:%|per ?cent|one-third|two-thirds|half|one-fourth|three-fourths)\s+of\s+(?:the\s+)?"
                      r"(?:\w+\s+)?(?P<noun>seats|votes|members|States|population|electorate|cost|expenditure|share)",
                      sentence, re.IGNORECASE)
    return [match.group("noun").lower()] if match else []


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _natural(value: str) -> tuple[int, str]:
    digits = re.match(r"\d+", value)
    return (int(digits.group(0)) if digits else 0, value)
