"""Every declared fact of the bank, said correctly in the ways careful answers say it, is never called wrong.

For each fact (one per subject and attribute) the right value is written beside a wrong one that the sentence
denies, attributes to others or calls a myth, asks about or puts in a condition: the kinds of sentence a
topper writes to show they know the common mistake, in sentences and as bullets under a heading that names the
subject ("- A common myth: ...", "- Not: ..."). A yes-no fact whose answer is no has its claim called a myth,
attributed to critics, or asked about. The wrong value is the fact's first listed wrong value, or
one of its kind that it does not allow (another year, another country, another body, another article). None of
these sentences claims the wrong value, so none may be called wrong.

The other way round, each fact is said wrongly in the shapes answers write (a sentence, a bullet under a heading
that names the subject, a note, "It" opening the next sentence, a relative clause, a number in words): nearly all
of those must be called wrong, so that what the checker misses is a fact the rubric does not declare, not a way of
writing it.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest

from evaluator import load_rubric
from evaluator.core.factcheck import check_facts, mentions
from evaluator.core.text import analyse
from evaluator.core.values import canonical_value
from evaluator.rubrics.model import Fact
from tests.conftest import ROOT

DENIAL = re.compile(r"\b(?:not|no|never|without|instead of|rather than)\b", re.IGNORECASE)
BANK = {r.id: r for r in map(load_rubric, sorted((ROOT / "rubrics").glob("*.yaml")))}
OTHER_NAMES = {"country": ["Pakistan", "Brazil", "Kenya"], "state": ["Kerala", "Assam", "Goa"],
               "body": ["NITI Aayog", "SEBI", "the World Bank"]}
SENTENCES = [
    "{S} {C} {V}, not {W}.",
    "{S} {C} {V} and not {W}, as is sometimes assumed.",
    "It is wrong to say that {S} {C} {W}; {S} {C} {V}.",
    "Critics claimed that {S} {C} {W}, but in fact {S} {C} {V}.",
    "It is a myth that {S} {C} {W}; {S} {C} {V}.",
    "Not {W} but {V}: {S} {C} {V}.",
    "Did {S} {C} {W}? No: {S} {C} {V}.",
    "If {S} {C} {W}, the outcome would differ; in reality {S} {C} {V}.",
    "Unlike {W}, {S} {C} {V}.",
    "{S} {C} {V} (not {W}).",
    "{S} {C} {V} rather than {W}.",
    "While some say {S} {C} {W}, {S} {C} {V}.",
    "When {S} {C} {V}, not {W}, the debate moved on.",
    "{S} {C} {V} instead of {W}.",
    "{S} {C} {V}, unlike {W}.",
    "{S} {C} {V}; it is often confused with {W}.",
    "{S} {C} {V}, and those who say {W} are mistaken.",
    # a heading that names the subject, over bullets that do not
    "{S}\n- {C} {V}, not {W}.",
    "{S}\n- A common myth: it {C} {W}.\n- In fact: {C} {V}.",
    "{S}\n- Not: {W}\n- {C} {V}",
    # a heading over a paragraph that opens without a subject of its own
    "{S}\n{C} {V}, not {W}.",
    "{S}\n\nContrary to the popular belief that it {C} {W}, it {C} {V}.",
]


def _another(fact: Fact) -> str | None:
    """A value of the fact's kind that it does not allow, as a student would write it."""
    if fact.others:
        return fact.others[0][0]
    first = fact.values[0][0]
    if fact.kind in OTHER_NAMES:
        allowed = {a.lower() for aliases in fact.values for a in aliases}
        return next((n for n in OTHER_NAMES[fact.kind] if n.lower() not in allowed), None)
    number = re.search(r"\d+", first)
    if number is None:
        return {"verdict": "upheld" if "struck" in first else "struck down"}.get(fact.kind)
    n = int(number.group())
    return {"year": str(n - 3), "ordinal": f"{n + 7}th", "article": f"Article {n + 7}", "number": str(n + 7)}.get(
        fact.kind)


# a yes-no fact whose answer is no ("India is a treaty ally": no), said correctly
DENIED_CLAIMS = [
    "It is a myth that {S} {C}.",
    "Critics claimed that {S} {C}, but the record shows otherwise.",
    "Is it true that {S} {C}? The article says it is not.",
]


def _as_written(kind: str, value: str) -> str:
    """A value as an answer writes it: an ordinal with its suffix ("73" -> "73rd")."""
    if kind == "ordinal" and value.isdigit():
        n = int(value)
        return value + ("th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))
    return value


UNITS = "two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _in_words(value: str) -> str | None:
    """A whole number from 2 to 99 as an answer may write it ("29" -> "twenty-nine"); ``None`` for any other."""
    if not value.isdigit() or not 2 <= int(value) <= 99:
        return None
    n = int(value)
    if n < 10:
        return UNITS[n - 2]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + ["one", *UNITS][n % 10 - 1])


# every fact of each rubric, keyed as scoring keys them: (question:point, index in the point, fact)
FACTS = {r.id: [(f"{q.id}:{p.id}", k, f) for q in r.questions for p in q.key_points for k, f in enumerate(p.facts)]
         for r in BANK.values()}


def _probe_wrong(fact: Fact, rubric_id: str) -> str | None:
    """The wrong value a probe writes for ``fact``; ``None`` when there is none, or when it is itself a denial ("not
    detected") or names another subject of the rubric (the sentence would then say something of that one)."""
    wrong = _another(fact)
    others = {s for _, _, f in FACTS[rubric_id] for s in f.subject} - set(fact.subject)
    return None if not wrong or DENIAL.search(wrong) or mentions(wrong, sorted(others)) else wrong


def _sentence(template: str, rubric_id: str, **values: str | None) -> tuple[str, str]:
    sentence = template.format(**values)
    return rubric_id, sentence[0].upper() + sentence[1:]


def _probes() -> list[tuple[str, str]]:
    found, seen = [], set()
    for rubric_id, facts in FACTS.items():
        for _, _, fact in facts:
            if fact.kind == "yes-no" and fact.values == [["no"]] and fact.cues and \
                    (tuple(fact.subject), fact.attribute) not in seen:
                seen.add((tuple(fact.subject), fact.attribute))
                found += [(rubric_id, t.format(S=fact.subject[0], C=fact.cues[0])) for t in DENIED_CLAIMS]
                continue
            if fact.kind == "yes-no" or (tuple(fact.subject), fact.attribute) in seen or \
                    not (wrong := _probe_wrong(fact, rubric_id)):
                continue
            seen.add((tuple(fact.subject), fact.attribute))
            cue = fact.cues[0] if fact.cues else "is"
            right = _as_written(fact.kind, fact.values[0][0])
            written = [(right, wrong)]
            if fact.kind == "number" and _in_words(right) and _in_words(wrong):
                written.append((_in_words(right), _in_words(wrong)))  # numbers in words, as answers write
            found += [_sentence(t, rubric_id, S=fact.subject[0], C=cue, V=v, W=w) for t in SENTENCES for v, w in written]
    return found


PROBES = _probes()


def test_every_kind_of_fact_is_probed() -> None:
    assert len(PROBES) >= 2500 and {r for r, _ in PROBES} == set(BANK)


@pytest.mark.parametrize("rubric_id", sorted(BANK))
def test_a_right_value_said_beside_a_denied_or_attributed_wrong_one_is_never_called_wrong(rubric_id: str) -> None:
    called = {sentence: [f"{f.attribute}: {f.wrote}" for f in check_facts(analyse(sentence), FACTS[rubric_id])
                         if f.verdict == "wrong"]
              for r, sentence in PROBES if r == rubric_id}
    assert {s: w for s, w in called.items() if w} == {}


# a wrong value said as answers say it: each shape must be called wrong for nearly every fact (measured: 96-97% of
# 481 facts each; what is left are facts whose first alias or cue reads oddly in a template, "Liquefied °C 260")
WRONG_SHAPES = {
    "sentence": "{S} {C} {W}.",
    "after an opening phrase": "In recent years, {S} {C} {W}.",
    "relative clause": "Experts point to {S}, which {C} {W}.",
    "bullet under a heading": "{S}\n- {C} {W}.",
    "bold heading": "**{S}**\n- {C} {W}.",
    "paragraph under a heading": "{S}\n{C} {W}.",
    "'also' before the verb": "Moreover, {S} also {C} {W}.",
    "labelled note under a heading": "{S}\n- Key fact: {C} {W}.",
    "note labelled with the subject": "- {S}: {C} {W}.",
    "It in the next sentence": "{S} matters for this answer.\nIt {C} {W}.",
    "numbered point": "1. {S} {C} {W}.",
    "second clause": "The debate is old, and {S} {C} {W}.",
    "after a 'while' clause": "While reforms stalled, {S} {C} {W}.",
    "count in words": "{S} {C} {Ww}.",
    "'The' and the name's last word next": "{S} matters for this answer.\nThe {H} {C} {W}.",
}
WRONG_SHAPES_CALLED = 0.9


def _wrong_probes() -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {shape: [] for shape in WRONG_SHAPES}
    for rubric_id, facts in FACTS.items():
        seen = set()
        for _, _, fact in facts:
            if fact.kind == "yes-no" or (tuple(fact.subject), fact.attribute) in seen or \
                    not (wrong := _probe_wrong(fact, rubric_id)):
                continue
            seen.add((tuple(fact.subject), fact.attribute))
            count = fact.kind == "number" and (canonical_value("number", fact.values[0][0]) or "").startswith("n")
            head = fact.subject[0].split()[-1] if re.fullmatch(r"\S+( \S+)* [A-Za-z][a-z]{2,}", fact.subject[0]) \
                else None
            for shape, template in WRONG_SHAPES.items():
                if ("{Ww}" in template and not (count and _in_words(wrong))) or ("{H}" in template and not head):
                    continue
                found[shape].append(_sentence(template, rubric_id, S=fact.subject[0], W=wrong, H=head,
                                              C=fact.cues[0] if fact.cues else "is",
                                              Ww=_in_words(wrong) if count else None))
    return found


WRONG_PROBES = _wrong_probes()


@pytest.mark.parametrize("shape", sorted(WRONG_SHAPES))
def test_a_wrong_value_is_called_wrong_however_the_answer_lays_it_out(shape: str) -> None:
    probes = WRONG_PROBES[shape]
    missed = [s for r, s in probes if not any(f.verdict == "wrong" for f in check_facts(analyse(s), FACTS[r]))]
    assert len(probes) >= 20 and len(missed) <= (1 - WRONG_SHAPES_CALLED) * len(probes), missed[:10]


# two facts of one kind said correctly in one sentence ("X is v, while Y is w"): the value of one is never the other's
# wrong value. Template wording ("S-400 is Russian and iCET announced Tokyo") still trips a few (17 of 5,280 when
# written); real answers say these things in sentences the claim sets test
TWO_SUBJECTS = ["{S1} {C1} {V1}, while {S2} {C2} {V2}.", "{S1} {C1} {V1} and {S2} {C2} {V2}.",
                "{S1} {C1} {V1}; {S2} {C2} {V2}.", "{S1} {C1} {V1}, and {S2} {C2} {V2}."]
TWO_SUBJECTS_WRONG = 1 / 250


def _two_subject_probes() -> list[tuple[str, str]]:
    draw = random.Random(7)
    found = []
    for rubric_id, facts in FACTS.items():
        one = {}
        for _, _, fact in facts:
            if fact.kind != "yes-no":
                one.setdefault((tuple(fact.subject), fact.attribute), fact)
        pairs = [(a, b) for a, b in itertools.combinations(one.values(), 2) if a.kind == b.kind and a.subject != b.subject]
        for a, b in draw.sample(pairs, min(120, len(pairs))):
            found += [_sentence(t, rubric_id, S1=a.subject[0], C1=a.cues[0] if a.cues else "is",
                                V1=_as_written(a.kind, a.values[0][0]), S2=b.subject[0],
                                C2=b.cues[0] if b.cues else "is", V2=_as_written(b.kind, b.values[0][0]))
                      for t in TWO_SUBJECTS]
    return found


def test_two_facts_said_right_in_one_sentence_are_almost_never_called_wrong() -> None:
    probes = _two_subject_probes()
    called = [s for r, s in probes if any(f.verdict == "wrong" for f in check_facts(analyse(s), FACTS[r]))]
    assert len(probes) >= 4000 and len(called) <= TWO_SUBJECTS_WRONG * len(probes), called
