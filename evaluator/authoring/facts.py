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
      kind: year                      # year | number | ordinal | article | country | state | body | verdict | yes-no | name
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
MAX_FACT_VALUES = 30  # the rubric's limit on a fact's values and others
CUE_REACH_CHARS = 30  # "constituted on 2 September 2023", "passed by the Rajya Sabha in 2010": the year a verb dates
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
    "came into effect": "year in force",
    "lapsed": "year lapsed", "withdrawn": "year withdrawn", "amended": "year amended", "approved": "year approved",
}
# the words a student may date the same event with: a cue of one family stands for all of them
_CUE_FAMILIES = (
    ("constituted", "set up", "formed", "established", "created", "appointed", "launched", "founded", "approved"),
    ("enacted", "passed", "adopted", "came into force", "came into effect", "notified", "introduced"),
    ("held", "ruled", "delivered", "judgment", "verdict", "upheld", "struck down"),
    ("submitted", "released", "published", "tabled"),
    ("lapsed", "withdrawn"),
    ("amended",),
)
_COURT_CUES = frozenset({"held", "ruled", "delivered", "upheld", "struck down"})  # a year of a ruling: a court is named
_VERDICTS = {"struck down": ["struck down", "quashed", "invalidated"], "upheld": ["upheld", "validated"]}
# a named law or measure a court judged, in the three ways articles write it: "Section 66A was struck down by the
# Supreme Court", "Haryana's 75 per cent quota law struck down by the High Court", "the Court struck down the NJAC"
_JUDGED = r"(?P<verdict>struck down|quashed|invalidated|upheld|set aside)"
_MEASURE = (r"(?P<name>[A-Z][\w.-]*'s\s+(?:[\w-]+\s+){0,5}?[a-z][\w-]*|(?:[Tt]he\s+)?[A-Z0-9][\w'.-]*"
            r"(?:\s+(?:of|for|on|and|the|[A-Z][\w'.-]*|\d+[A-Za-z]*)){0,7})")
_COURT = r"(?:the\s+)?(?:[A-Z][\w-]*\s+(?:and\s+)?)*(?:Supreme|High)\s+Court"
_VERDICT_ON = (re.compile(_MEASURE + r"\s+(?:was|were|has been|had been)\s+(?:later\s+)?" + _JUDGED + r"\b"),
               re.compile(_MEASURE + r",?\s+" + _JUDGED + r"\s+by\s+" + _COURT),
               re.compile(_COURT + r"\s+(?:in\s+\d{4}\s+)?" + _JUDGED + r"\s+" + _MEASURE))
_LAW_WORDS = re.compile(r"\s+(?:law|act|rule|rules|order|ordinance|provision|scheme)$", re.IGNORECASE)
_CASE = re.compile(r"\b(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,4}\s+v(?:s)?\.?\s+[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*){0,3})")
# a law's name may carry a bracketed qualifier: "(Amendment)", "(Regulation of Employment and Conditions of Service)"
_QUALIFIER = r"\([A-Z][A-Za-z0-9-]*(?:\s+(?:of|and|the|for|from|to|[A-Z][A-Za-z0-9-]*)){0,9}\)"
_NAMED_YEAR = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w'-]*\s+)(?:(?:of|on|for|and|to|the|" + _QUALIFIER
                         + r"|[A-Z][\w'-]*)\s+){0,8}(?:Act|Bill|Rules|Policy|Code|Regulation|Amendment\)\s+(?:Act|Bill)))"
                         r"(?:,\s*|\s+\()(?P<year>(?:1[89]|20)\d\d)\b")
_PASSIVE = re.compile(r"^(?:The\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of|for|on|and|\([A-Z][A-Za-z0-9-]{1,11}\)|[A-Z][\w'-]*)){0,7})"
                      r"\s+(?:was|were|is|has been|had been)\s+")
# a name an agent's verb acts on: "The Union Cabinet approved the National Critical Mineral Mission (NCMM) on ..."
_ACTIVE = re.compile(r"^(?:The\s+)?(?:[A-Z][\w'-]*\s+){1,4}(?:approved|launched|unveiled|constituted|set\s+up|notified|"
                     r"established|enacted|passed|introduced|created)\s+the\s+(?P<name>[A-Z][\w'-]*(?:(?::\s+|\s+)"
                     r"(?:of|for|on|and|[A-Z][\w'-]*)){1,8})")
_KNOWN_AS = re.compile(r"\bknown as (?:the )?(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,5})")
_WORD_ORDINAL = re.compile(r"\(\s*(?P<words>(?:one|two|three)\s+hundred(?:\s+and)?\s+[\w-]+)\s+Amendment\s*\)", re.IGNORECASE)



_ENACTED = _CUE_FAMILIES[1]
_KNOWN_AS_NAME = r"(?:,\s*)?(?:known as|called) (?:the )?(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,5})"
# the article's own law: "Constitution (129th Amendment) Bill, 2024", "Digital Personal Data Protection (DPDP) Act,
# 2023"
_AMENDMENT_LAW = re.compile(r"Constitution\s*\((?P<ordinal>[\w\s-]+?)\s+Amendment\)\s*(?P<kind>Act|Bill)"
                            r"(?:,\s*(?P<year>(?:19|20)\d\d))?(?:" + _KNOWN_AS_NAME + ")?")
_LAW = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][\w'-]*\s+)(?:(?:of|on|for|and|to|the|" + _QUALIFIER + r"|"
                  r"[A-Z][\w'-]*)\s+){0,8}(?P<kind>Act|Bill|Adhiniyam|Sanhita))(?:,\s*(?P<year>(?:19|20)\d\d))?")
# a body a body works under: "under the Ministry of Home Affairs", "within the Digital India Corporation"
_BODY = (r"(?:Ministry|Department) of (?:[A-Z][\w-]*|and|of|&)(?:\s+(?:[A-Z][\w-]*|and|of|&))*"
         r"|(?:[A-Z][\w-]*\s+){1,5}(?:Organisation|Organization|Secretariat|Corporation)")
# ("bids run by the Solar Energy Corporation" says who runs the bids, not whom the programme answers to)
_PARENT = re.compile(rf"\b(?:under|within)\s+(?:the\s+)?(?P<body>{_BODY})"
                     r"(?:\s*\((?P<acronym>[A-Za-z-]{2,8})\))?")
_PARENT_CUES = ("under", "run by", "part of", "within", "administered by", "reports to", "controlled by")
UNION_MINISTRIES = tuple(f"Ministry of {m}" for m in (
    "Home Affairs", "Finance", "External Affairs", "Defence", "Electronics and Information Technology",
    "Heavy Industries", "Commerce and Industry", "Law and Justice", "Health and Family Welfare", "Education",
    "Environment, Forest and Climate Change", "Agriculture and Farmers Welfare", "Science and Technology", "Power",
    "Jal Shakti", "Rural Development", "Women and Child Development", "Communications", "Petroleum and Natural Gas",
    "Labour and Employment", "Information and Broadcasting", "Road Transport and Highways", "Railways",
    "Housing and Urban Affairs", "Corporate Affairs", "Steel", "Mines", "Coal", "New and Renewable Energy",
    "Personnel, Public Grievances and Pensions", "Social Justice and Empowerment", "Tribal Affairs", "Cooperation",
    "Earth Sciences", "Civil Aviation", "Ports, Shipping and Waterways", "Textiles", "Tourism", "Culture",
    "Consumer Affairs, Food and Public Distribution", "Food Processing Industries", "Panchayati Raj",
    "Parliamentary Affairs", "Skill Development and Entrepreneurship", "Statistics and Programme Implementation"))
_NOT_PARTY = re.compile(r"\b(?P<who>[A-Z]\w+) (?:is|was|has|remains) not (?:yet )?(?:a |an )?"
                        r"(?:party|signatory|member|signed|ratified|joined)\b")
_PARTY_CUES = ("party", "signatory", "sign", "ratify", "join", "accede", "member")
# what a named law or body has never produced: "not a single board has been created under it", "no tribunal has
# been constituted" (a student's "the Act has created boards" is then wrong; the participle alone is the cue, so an
# imperative "Create basin bodies under the Act" is no claim of it)
_NONE_MADE = re.compile(r"\b(?i:not a single|not one|no)\s+(?P<what>[a-z]+)\s+(?:has|have|had)\s+(?:ever\s+|yet\s+)?"
                        r"been\s+(?P<verb>(?:[a-z]+ed|set up))\b")
_MONEY = re.compile(r"\b(?:Rs|INR|USD|crore|lakh|billion|million)\b|[\u20b9$]", re.IGNORECASE)
# what an amount is of: the words a student may write for it
_AMOUNT_CUES = (("outlay", "budget", "allocation", "corpus", "fund"), ("penalty", "fine"),
                ("investment", "invest"))
# the nouns of a body's or a treaty's name: a Title Case run with one of them names one, in however plain words
_INSTITUTION_NOUNS = frozenset({"Board", "Commission", "Committee", "Council", "Authority", "Tribunal", "Agency",
                                "Centre", "Center", "Mission", "Corporation", "Organisation", "Organization", "Bureau",
                                "Secretariat", "Ministry", "Department", "Institute", "Court", "Bank", "Convention",
                                "Treaty", "Protocol", "Agreement", "Accord", "Scheme", "Yojana", "Abhiyan", "Programme",
                                "Program"})
_RIGHT_UNDER = re.compile(r"\bright to (?P<what>[a-z]+(?: [a-z]+)?) (?:is|as) a fundamental right\b")
# a freedom or right that named articles guarantee: "Article 19(1)(d) and Article 19(1)(e) guarantee every citizen the
# freedom to move throughout India"
_GUARANTEED = re.compile(r"\b(?P<articles>Articles?\s+\d[\w()]*(?:(?:,\s*|\s+and\s+)(?:Article\s+)?\d[\w()]*)*)\s+"
                         r"(?:guarantees?|guaranteed|protects?|confers?|secures?)\s+(?:to\s+)?(?:every\s+|all\s+|each\s+)?"
                         r"(?:citizens?\s+|persons?\s+|people\s+)?(?:the\s+)?(?P<which>right|freedom)\s+to\s+"
                         r"(?P<what>[a-z]+)\b")
# the legislative list a subject is in (Seventh Schedule): "Labour is in the Concurrent List", "Water is a State
# subject"; a subject named in at most four words from the sentence's start
_IN_LIST = re.compile(r"^(?P<what>[A-Z]?[a-z]+(?:\s+(?:and\s+)?[a-z]+){0,3})\s+(?:is|are|falls|fall|lies|comes)\s+"
                      r"(?:(?:in|under|on|within)\s+the\s+(?P<list>Union|State|Concurrent)\s+List|"
                      r"an?\s+(?P<subject_of>Union|State|Concurrent)\s+subject)\b")
_OPENING_CONJUNCTION = re.compile(r"^(?:since|as|because|while|although|though|whereas|and|but|so)\s+", re.IGNORECASE)
LEGISLATIVE_LISTS = {"Union": ("Union List", "List I", "Union subject", "Central subject"),
                     "State": ("State List", "List II", "State subject"),
                     "Concurrent": ("Concurrent List", "List III", "Concurrent subject", "concurrent subject")}
# who appoints a body: one of these, and a student who names another is wrong
APPOINTERS = (("Union government", "Central government", "Centre", "government"), ("President",),
              ("Prime Minister",), ("Parliament",), ("Governor",), ("State government",), ("Speaker",))
_APPOINTED = re.compile(r"\b(?:appointed|nominated|chosen|selected) by the (?P<by>" +
                        "|".join(re.escape(a) for group in APPOINTERS for a in group) + r")\b")
_APPOINT_CUES = ("appoint", "elect", "nominate", "choose", "select")
# who chairs a body whose members the sentence lists: "a Selection Committee made up of the Prime Minister (chair),
# the Speaker of the Lok Sabha, ..." or "the Council, chaired by the Union Finance Minister, with ... as members"
_TITLE = r"[A-Z][\w'-]*(?:\s+(?:of|the|in|for|[A-Z][\w'-]*))*"
_MADE_UP = re.compile(rf"(?P<body>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+(?:is\s+|was\s+)?"
                      rf"(?:made\s+up\s+of|consisting\s+of|comprising|composed\s+of)\s+(?P<members>.+)")
_CHAIR_MARK = re.compile(rf"(?:the\s+)?(?P<chair>{_TITLE})\s*\((?:chair|chairperson|chairman|head)\)")
_CHAIR_CUES = ("chair", "chairs", "chaired", "chairperson", "chairman", "head", "heads", "headed", "presides",
               "presided")
_SHORT_FORMS = {"Prime Minister": ("PM",), "Chief Justice of India": ("CJI", "Chief Justice"),
                "Leader of the Opposition": ("LoP", "Leader of Opposition"), "Speaker": ("Speaker",)}
_OPENS_ON_ACRONYM = re.compile(r"^(?:The\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of|for|on|and|[A-Z][\w'-]*)){1,7})"
                               r"\s*\((?P<acronym>[A-Za-z0-9-]{2,10})\)")


@dataclass(frozen=True)
class Instrument:
    """The law or Bill an article is about, by the names students give it."""

    names: tuple[str, ...]  # "Nari Shakti Vandan Adhiniyam", ..., "the Act": what "The Act ..." in the article means
    kind: str  # Act | Bill
    year: str = ""
    ordinal: str = ""  # its amendment number ("106th"), when it amends the Constitution
    ordinals: tuple[str, ...] = ()  # every amendment number the article names
    source: str = ""  # the sentence that names it


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


def propose_facts(text: str, *, label: str = "", aliases: Sequence[Sequence[str]] = (), heading: str = "",
                  instrument: Instrument | None = None, bodies: Sequence[tuple[str, ...]] = (),
                  about_instrument: bool = False, article: str = "") -> list[DraftFact]:
    """Facts of one key point's text (its claim and supporting sentences), each bound to a named subject.

    Args:
        text: the point's sentences, as the article gives them.
        label: the bullet's label ("Kovind Committee", "New Article 82A"): the subject when it is a name; a label
            with a year ("Information Technology Act, 2000") also dates the name.
        aliases: the article's acronym concepts, to name a subject by its acronym too.
        heading: the name the bullet's section is about ("About the India Semiconductor Mission"), the subject of
            a bullet that names none of its own.
        instrument: the law or Bill the article is about (:func:`article_instrument`): "The Act ..." is about it.
        bodies: the parent bodies the article names (:func:`parent_bodies`): the wrong parents of a body.
        about_instrument: the bullet's section is about the article's own law ("Key provisions of the Bill"): a
            sentence opening on "It" is about the law, and the articles its label names are the law's.
        article: the whole article: a Union ministry it names in another role ("with support from the Ministry of
            Agriculture") is no wrong parent, since a student may name it beside the right one.

    >>> [f.to_dict() for f in propose_facts("The Kovind Committee was constituted on 2 September 2023.")]
    [{'subject': 'Kovind Committee', 'attribute': 'year constituted', 'kind': 'year', 'values': ['2023'], \
'cues': ['constituted', 'set up', 'formed', 'established', 'created', 'appointed', 'launched', 'founded', \
'approved'], \
'others': [], 'source': 'The Kovind Committee was constituted on 2 September 2023.'}]
    >>> [(f.kind, f.values) for f in propose_facts("It inserts Article 330A and Article 332A.", label="One-third of seats")]
    []
    """
    facts: list[tuple[DraftFact, str]] = []  # with the sentence each came from
    named_label = bool(label) and _is_name(label)
    # a label that is no name may name the attribute: "Launched: 13 February 2024", "Outlay: Rs 75,021 crore"
    said_by_label = f"{label.lower()}: " if label and not named_label else ""
    trusted = False  # a label from the heading is a name already checked (heading_name)
    if heading and not named_label:
        # "Launch: Approved by the Union Cabinet in 2021" under "About the India Semiconductor Mission"
        label, named_label, trusted = heading, True, True
    sentences = [s.text for s in analyse(text).sentences]
    all_years = set(re.findall(r"\b(?:1[89]|20)\d\d\b", text))
    for name, year in _named_years(label):  # a label that dates a name: "National Cyber Security Policy, 2013: ..."
        # another year in the bullet ("amended in 2008") may be written beside the name: only a dating verb then
        cues = () if all_years <= {year} else _ENACTED
        facts.append((DraftFact(_with_aliases(name, aliases), f"year of the {name.split()[-1]}", "year", (year,),
                                cues), f"{label}: {sentences[0] if sentences else ''}"))
    for sentence in sentences:

        def add(fact: DraftFact, sentence: str = sentence) -> None:
            facts.append((fact, sentence))

        named_years = {year: name for name, year in _named_years(sentence)}
        for year, name in named_years.items():  # "the Punjab Preservation of Subsoil Water Act, 2009"
            if sentence.count(year) == 1:
                add(DraftFact(_with_aliases(name, aliases), f"year of the {name.split()[-1]}", "year", (year,)))
        opens_on_law = _opens_on_instrument(sentence, instrument) or (
            about_instrument and re.match(r"(?:It|This)\s", sentence.strip()) is not None)
        subject = instrument.names if opens_on_law and instrument else _subject(sentence, label if named_label else "",
                                                                                aliases, trusted=trusted)
        right = _RIGHT_UNDER.search(sentence)
        rights_articles = sorted({v.canonical for v in find_values("article", sentence)})
        if right and len(rights_articles) == 1:  # "the right to privacy is a fundamental right under Article 21"
            add(DraftFact((f"right to {right.group('what')}", right.group("what")), "constitutional article", "article",
                          tuple(rights_articles), ("article",)))
        if about_instrument and instrument is not None and not opens_on_law and rights_articles \
                and re.search(r"\barticles?\b", sentence, re.IGNORECASE):
            # "Article 239AA is amended to extend the quota" among the Act's provisions: an article of the Act too
            add(DraftFact(instrument.names, "constitutional article", "article", tuple(rights_articles), ("article",)))
        guaranteed = _GUARANTEED.search(sentence)
        if guaranteed:  # "Article 19(1)(d) ... guarantee ... the freedom to move": a student's "Article 21" is wrong
            what = guaranteed.group("what")
            add(DraftFact((f"freedom to {what}", f"right to {what}"), "constitutional article", "article",
                          tuple(sorted({v.canonical for v in find_values("article", guaranteed.group("articles"))},
                                       key=_natural)), ("article",)))
        in_list = _IN_LIST.match(_OPENING_CONJUNCTION.sub("", sentence.strip()))
        if in_list:  # "Labour is in the Concurrent List": a student's "State List" is wrong
            which = in_list.group("list") or in_list.group("subject_of")
            what = in_list.group("what").lower()
            first = what.split(" and ")[0]  # "criminal law and procedure": "criminal law" alone names it too
            add(DraftFact(tuple(dict.fromkeys((what, first) if len(first.split()) > 1 else (what,))),
                          "legislative list", "name", LEGISLATIVE_LISTS[which], (),
                          tuple(a for key, names in LEGISLATIVE_LISTS.items() if key != which for a in names)))
        none_made = _NONE_MADE.search(sentence)
        if none_made and (named_label or _named_years(label)):  # "River Boards Act, 1956: ... not a single board
            # has been created under it"
            add(DraftFact(_with_aliases(_plain_name(label), aliases),
                          f"{none_made.group('what')} {none_made.group('verb')}", "yes-no", ("no",),
                          (none_made.group("verb"),)))
        if not _CASE.search(sentence):
            judged = _judged_measure(sentence)
            if judged:  # "Section 66A was struck down by the Supreme Court": a student's "upheld" is wrong
                add(DraftFact(judged[0], "verdict", "verdict", (judged[1],)))
        if (chaired := _chair_fact(sentence, aliases)) is not None:
            add(chaired)
        if not subject:
            continue
        appointer = _APPOINTED.search(sentence)
        if appointer:  # "An adjudicating body appointed by the Union government"
            allowed = next(group for group in APPOINTERS if appointer.group("by").lower() in (g.lower() for g in group))
            # one consulted ("after consultation with the Governor") is named beside the appointer: never wrong
            wrong = tuple(a for group in APPOINTERS if group is not allowed for a in group
                          if not re.search(rf"\b{re.escape(a)}\b", text, re.IGNORECASE))
            add(DraftFact(subject, "appointed by", "name", allowed, _APPOINT_CUES, wrong))
        body = _parents(sentence, bodies)  # "CERT-In, under the Ministry of Electronics and IT (MeitY), ..."
        if body:
            # the other bodies of the article first, then the Union ministries, as many as a fact lists
            ministries = [(m,) for m in UNION_MINISTRIES if m.lower() not in article.lower()]
            wrong = tuple(dict.fromkeys(b for group in (*bodies, *ministries)
                                        if not any(_same_body(g, v) for g in group for v in body) for b in group))
            wrong = wrong[:MAX_FACT_VALUES]
            if wrong and len(body) <= MAX_FACT_VALUES:
                add(DraftFact(subject, "parent body", "name", body, _PARENT_CUES, wrong))
        not_party = _NOT_PARTY.search(sentence)
        if not_party and named_label:  # "Budapest Convention: ... India is not a party to it"
            add(DraftFact(_with_aliases(_plain_name(label), aliases), f"{not_party.group('who')} a party", "yes-no",
                          ("no",), _PARTY_CUES))
        case_named = bool(_CASE.search(sentence))
        by_kind = {kind: [v.canonical for v in find_values(kind, sentence)] for kind in ("year", "article")}
        # shares only: "one-third", "14 per cent" (a bare count says little and reads ambiguously)
        by_kind["number"] = [v.text for v in find_values("number", sentence)
                             if v.canonical.startswith("r") and not v.text.replace(".", "").isdigit()]
        low = sentence.lower()
        years = sorted(set(by_kind.get("year", [])) - set(named_years))
        cue = next((c for c in _YEAR_CUES if re.search(rf"\b{c}\b", said_by_label + low)
                    and (c not in _COURT_CUES or case_named or "court" in low)), "")
        family = _family(cue)
        # "The Bill follows the report ..., which was submitted in March 2024": the year dates the report, not the law
        if len(years) > 1 and cue:
            # several years: the one the dating verb is followed by ("was constituted in 1990 and gave its final award
            # in 2007" -> 1990), if it comes within a few words
            at = re.search(rf"\b{re.escape(cue)}\b", low)
            after = re.search(r"\b(?:1[89]|20)\d\d\b", low[at.end():at.end() + CUE_REACH_CHARS]) if at else None
            years = [after.group(0)] if after and after.group(0) in years else years
        if len(years) == 1 and cue and (not opens_on_law or family is _ENACTED):
            # "... and the Cauvery Water Management Authority was set up the same year": the year is of the name the
            # verb is said of, not of the bullet's label
            dated = re.search(rf"(?P<name>[A-Z][\w'-]*(?:\s+(?:of|for|on|and|[A-Z][\w'-]*)){{1,7}})\s+"
                              rf"(?:was|were|has been|had been)\s+(?:\w+\s+)?{re.escape(cue)}\b", sentence)
            owner = _plain_name(dated.group("name")) if dated else ""
            if owner and owner.lower() not in (s.lower() for s in subject) and owner[:1].isupper():
                subject_of_year = _with_aliases(owner, aliases) if _is_name(owner) or len(
                    _with_aliases(owner, aliases)) > 1 else ()
            else:
                subject_of_year = subject
            if subject_of_year:
                add(DraftFact(subject_of_year, _YEAR_CUES[cue], "year", (years[0],), family))
        elif len(years) > 1 and not opens_on_law and _opens_on(sentence, subject):
            # "was approved by the Union Cabinet on 24 August 2024, notified ... in January 2025 and came into effect
            # on 1 April 2025": each dating verb dates the one year of its own phrase
            for found, year in _years_by_cue(sentence).items():
                add(DraftFact(subject, _YEAR_CUES[found], "year", (year,), _family(found)))
        articles = sorted(set(by_kind.get("article", [])), key=_natural)
        if opens_on_law and label and not articles:  # "Amendments to Articles 83, 172 and 327: The Bill ties ..."
            articles = sorted({v.canonical for v in find_values("article", label)}, key=_natural)
            low = f"{label.lower()} {low}"
        if articles and re.search(r"\barticles?\b", low) and not re.search(r"\bsection\b", low):
            add(DraftFact(subject, "constitutional article", "article", tuple(articles), ("article",)))
        ordinals = _amendment_ordinals(sentence)
        if instrument is not None and ordinals == [instrument.ordinal]:
            pass  # the article's own law: its amendment number is a fact of the whole article (instrument_facts)
        elif len(ordinals) == 1 and len(re.findall(r"\b\d{1,3}(?:st|nd|rd|th)\b", sentence)) <= 1:
            named = _KNOWN_AS.search(sentence)
            owner = (named.group("name").strip(),) if named else subject
            add(DraftFact(owner, "amendment number", "ordinal", (ordinals[0],), ("amendment",)))
        shares = sorted(set(by_kind.get("number", [])))
        # a share only of a named thing (never of a House): the bullet's label or the law the sentence opens on
        if len(shares) == 1 and (label and _is_name(label) or _opens_on_instrument(sentence, instrument)):
            cues = _share_cues(sentence)
            if cues:
                add(DraftFact(subject, f"share of {cues[0]}", "number", (shares[0],), tuple(cues)))
        money = [v.text for v in find_values("number", sentence) if _MONEY.search(v.text)
                 or _MONEY.search(sentence[max(0, v.start - 4):v.start])]
        amount_cue = next((family for family in _AMOUNT_CUES
                           if any(re.search(rf"\b{c}\b", said_by_label + low) for c in family)), ())
        if len(set(money)) > 1 and amount_cue:  # "an outlay of Rs 16,300 crore, and PSUs ... a further Rs 18,000 crore"
            cue_at = next((m.end() for c in amount_cue if (m := re.search(rf"\b{c}\b", low))), 0)
            money = [m for m in money if 0 <= sentence.find(m, cue_at) - cue_at <= CUE_REACH_CHARS][:1]
        if len(set(money)) == 1 and amount_cue:  # "a total outlay of Rs 76,000 crore"
            add(DraftFact(subject, amount_cue[0], "number", (money[0],), amount_cue))
        case = _CASE.search(sentence)
        verdict = next((v for v, words in _VERDICTS.items() if any(re.search(rf"\b{w}\b", low) for w in words)), "")
        if case and verdict:
            add(DraftFact(_case_names(case.group("name")), "verdict", "verdict", (verdict,),
                                   (verdict.split()[0],)))
    unique: dict[tuple[tuple[str, ...], str], DraftFact] = {}
    for fact, sentence in facts:
        key = (fact.subject, fact.attribute)
        if key in unique and fact.kind == "article":  # one subject's articles in two sentences: one fact with both
            merged = tuple(dict.fromkeys((*unique[key].values, *fact.values)))
            unique[key] = replace(unique[key], values=merged)
            continue
        unique.setdefault(key, replace(fact, source=_clip(sentence, MAX_SOURCE_CHARS)))
    return list(unique.values())[:MAX_FACTS_PER_POINT]


def article_instrument(lines: Sequence[str], article: str, aliases: Sequence[Sequence[str]] = ()) -> Instrument | None:
    """The law or Bill the article is about, named in its title or its opening sentence (``lines``), with the year
    and amendment number given there; ``None`` when those lines name none.

    >>> law = article_instrument(["Parliament passed the Constitution (One Hundred and Sixth Amendment) Act, 2023, "
    ...                           "known as the Nari Shakti Vandan Adhiniyam."], "... the 73rd Amendment ...")
    >>> law.names, law.year, law.ordinal, law.ordinals
    (('Nari Shakti Vandan Adhiniyam', 'the Act'), '2023', '106th', ('73rd', '106th'))
    """
    amendments = [m for line in lines for m in _AMENDMENT_LAW.finditer(line)]
    if amendments:
        number = canonical_value("ordinal", amendments[0].group("ordinal"))
        if number:
            ordinal = f"{number}{_suffix(int(number))}"
            same = [m for m in amendments if canonical_value("ordinal", m.group("ordinal")) == number]
            kind = amendments[0].group("kind")
            names = tuple(dict.fromkeys(m.group("alias") for m in same if m.group("alias")))
            year = next((m.group("year") for m in same if m.group("year")), "")
            named = (o for s in re.split(r"(?<=[.!?])\s+", article) for o in _amendment_ordinals(s))
            ordinals = sorted({ordinal, *named}, key=_natural)
            source = next((line for line in lines if _AMENDMENT_LAW.search(line) and line != lines[0]), lines[0])
            return Instrument((*names, f"the {kind}"), kind, year, ordinal, tuple(ordinals), source)
    for line in lines:
        for law in _LAW.finditer(line):
            name = _plain_name(law.group("name"))
            if len(name.split()) < 2 or len(name.split()) > MAX_SUBJECT_WORDS or not _is_name(name):
                continue
            kind = "Act" if law.group("kind") in ("Act", "Adhiniyam", "Sanhita") else "Bill"
            acronym = re.search(r"\(([A-Z][A-Za-z0-9-]{1,11})\)", law.group("name"))
            names = (*_with_aliases(name, aliases), *((f"{acronym.group(1)} {kind}",) if acronym else ()))
            return Instrument((*dict.fromkeys(names), f"the {kind}"), kind, law.group("year") or "", source=line)
    return None


def instrument_facts(instrument: Instrument) -> list[DraftFact]:
    """The facts of the article's own law: the year it was passed and, for an amendment of the Constitution, its
    number. Any amendment the article names is right of "the Amendment Act" (a student may cite the 73rd beside the
    106th); only the law's own number is right of its own name."""
    facts = []
    if instrument.year:
        facts.append(DraftFact(instrument.names, f"year of the {instrument.kind}", "year", (instrument.year,),
                               _ENACTED, source=_clip(instrument.source, MAX_SOURCE_CHARS)))
    if instrument.ordinal:
        kind = instrument.kind
        generic = (f"Amendment {kind}", f"Amendment) {kind}")
        facts.append(DraftFact((*instrument.names, *generic), "amendment number", "ordinal", instrument.ordinals,
                               ("amendment",), source=_clip(instrument.source, MAX_SOURCE_CHARS)))
    return facts


def parent_bodies(article: str) -> list[tuple[str, ...]]:
    """Every body the article says another body works under, with its acronym: the ministries and organisations a
    student may confuse."""
    found: dict[str, tuple[str, ...]] = {}
    for match in _PARENT.finditer(article):
        body = _trim_body(match.group("body"))
        found.setdefault(body.lower(), (body, *((match.group("acronym"),) if match.group("acronym") else ())))
    return list(found.values())


def _chair_fact(sentence: str, aliases: Sequence[Sequence[str]]) -> DraftFact | None:
    """Who chairs the body whose members the sentence lists, the other members being its wrong chairs."""
    made_up = _MADE_UP.search(sentence)
    chair = _CHAIR_MARK.search(sentence)
    if not made_up or not chair or chair.start() < made_up.start("members"):
        return None
    body = _plain_name(made_up.group("body"))
    members = [re.sub(r"^(?:the|a|an)\s+", "", m.strip()) for m in
               re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+", made_up.group("members").split(".")[0])]
    others = [_forms(m) for m in members if m[:1].isupper() and not m.startswith(chair.group("chair"))
              and len(m.split()) <= MAX_SUBJECT_WORDS]
    if not others or not _is_name(body):
        return None
    return DraftFact(_with_aliases(body, aliases), "chair", "name", (_forms(chair.group("chair")),), _CHAIR_CUES,
                     tuple(others))


def _forms(title: str) -> tuple[str, ...]:
    """A title with the short forms students write ("Prime Minister", "PM")."""
    title = re.sub(r"\s+(?:nominated|appointed|chosen)\b.*$", "", title).strip()
    return tuple(dict.fromkeys((title, *next((short for full, short in _SHORT_FORMS.items() if title.startswith(full)),
                                              ()))))


def _opens_on(sentence: str, subject: tuple[str, ...]) -> bool:
    """The sentence is about the subject: it opens on it, or on an agent acting on it ("The Union Cabinet approved
    the ...")."""
    opening = re.sub(r"^(?:the\s+)", "", sentence.strip(), flags=re.IGNORECASE)
    active = _ACTIVE.match(sentence.strip())
    return any(opening.startswith(name) or (active is not None and active.group("name").startswith(name))
               for name in subject)


def _family(cue: str) -> tuple[str, ...]:
    """The cues a student may date the same event with (:data:`_CUE_FAMILIES`), or the cue alone."""
    return next((f for f in _CUE_FAMILIES if cue in f), (cue,))


def _years_by_cue(sentence: str) -> dict[str, str]:
    """Each dating verb of the sentence with the one year of its phrase (up to the next comma, semicolon or "and"),
    one verb of a family of cues at most, and only where the family dates one year."""
    low = sentence.lower()
    by_family: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for cue in _YEAR_CUES:
        for m in re.finditer(rf"\b{re.escape(cue)}\b", low):
            phrase = re.split(r"[,;]|\band\b", low[m.end():])[0]
            years = re.findall(r"\b(?:1[89]|20)\d\d\b", phrase)
            if len(years) == 1:
                by_family.setdefault(_family(cue), set()).add((cue, years[0]))
    return {sorted(found)[0][0]: next(iter(found))[1] for found in by_family.values()
            if len({year for _, year in found}) == 1}


def heading_name(heading: str) -> str:
    """The name an "About the X" section is about, when X is a name ("About the India Semiconductor Mission (ISM)"
    -> "India Semiconductor Mission"); empty otherwise ("About India's cyber security architecture")."""
    found = re.match(r"(?i)^about\s+(?:the\s+)?(?P<name>.+?)\s*:?$", heading.strip())
    if not found:
        return ""
    name = _plain_name(found.group("name"))
    words = [w for w in name.split() if len(w) > 3]
    # "About the Mission" is a stand-in: a one-word subject would match every mission a student names
    named = (len(name.split()) >= 2 or is_acronym(name)) and len(name.split()) <= MAX_SUBJECT_WORDS
    return name if words and named and all(w[:1].isupper() for w in words) else ""


def _named_years(text: str) -> list[tuple[str, str]]:
    """(name, year) for each law, policy or code the text names with its year: "the Information Technology Act,
    2000"."""
    found = []
    for m in _NAMED_YEAR.finditer(text):
        # "the CBI and the Prevention of Corruption Act, 1988" names the Act after "and the"; "Notify the Whistle
        # Blowers Protection Act, 2014" opens on a verb before "the"
        name = re.sub(r"^[A-Z][\w'-]*\s+the\s+", "", m.group("name").split(" and the ")[-1])
        specific = set(re.findall(r"[A-Za-z]+", name)) - {"The", "the", "Constitution", "Amendment", "Act", "Bill",
                                                          "of", "and", "Rules", "Policy", "Code"}
        if len(_plain_name(name).split()) <= MAX_SUBJECT_WORDS and specific:  # a bracketed qualifier is no part
            found.append((_plain_name(name), m.group("year")))
    return found


def _parents(sentence: str, bodies: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The bodies a sentence says its subject works under, each by its name and acronym."""
    if not bodies:
        return ()
    named: list[str] = []
    for match in _PARENT.finditer(sentence):
        named += [_trim_body(match.group("body")), *((match.group("acronym"),) if match.group("acronym") else ())]
    return tuple(dict.fromkeys(named))


def _trim_body(body: str) -> str:
    return re.sub(r"(?:\s+(?:and|of|&))+$", "", body.strip())


def _same_body(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _opens_on_instrument(sentence: str, instrument: Instrument | None) -> bool:
    return instrument is not None and re.match(rf"(?:The|This)\s+{instrument.kind}\b", sentence.strip()) is not None


def _subject(sentence: str, label: str, aliases: Sequence[Sequence[str]], *, trusted: bool = False) -> tuple[str, ...]:
    """The name a sentence's facts belong to, only where that is plain: a case the sentence names, the article's own
    law when the sentence opens on "The Act", a name it says is "known as", the bullet's label when that is a name,
    the name a passive verb opens on ("The Kovind Committee was constituted ..."), or a name the sentence opens on
    with its acronym ("The Indian Cyber Crime Coordination Centre (I4C) ..."); with the name's acronym when the
    article defines one."""
    case = _CASE.search(sentence)
    if case:
        return _case_names(case.group("name")) + ((label,) if label and _is_name(label) else ())
    named = _KNOWN_AS.search(sentence)
    name = named.group("name").strip() if named else ""
    if not name and label and (trusted or _is_name(label)) and not re.search(r"\b(?:1[89]|20)\d\d\b", label):
        name = label  # a label with a year of its own ("101st Amendment, 2016") dates the label, not the sentence
    if not name and (passive := _PASSIVE.match(sentence)) and _is_name(passive.group("name")):
        name = passive.group("name")
    acted_on = re.sub(r"(?:\s+(?:of|for|on|and))+$", "", active.group("name")).rstrip(" :") \
        if (active := _ACTIVE.match(sentence)) else ""
    if not name and acted_on and _is_name(acted_on):
        name = acted_on  # what the agent approved or launched, not the agent
    if not name and (opening := _OPENS_ON_ACRONYM.match(sentence)) and is_acronym(opening.group("acronym")):
        name = opening.group("name")  # "The Indian Cyber Crime Coordination Centre (I4C) ...", not "(1990)"
    if not name or len(name.split()) > MAX_SUBJECT_WORDS:
        return ()
    forms = _with_aliases(_plain_name(name), aliases)
    # "Reservation (Article 243D)" without its aside names nothing in particular; a name the article gives an
    # acronym to is a name even in ordinary words ("Commission for Air Quality Management")
    if not _is_name(forms[0]) and len(forms) == 1 and not (trusted and name == label):
        return ()
    return forms


def _judged_measure(sentence: str) -> tuple[tuple[str, ...], str] | None:
    """The one measure a sentence says a court struck down or upheld, by the names a student gives it, and the
    verdict; ``None`` unless the sentence judges exactly one named measure."""
    found = {(m.group("name"), m.group("verdict").lower())
             for pattern in _VERDICT_ON for m in pattern.finditer(sentence)}
    if len(found) != 1:
        return None
    name, verdict = found.pop()
    canonical = canonical_value("verdict", verdict)
    possessive = re.match(r"(?P<owner>[A-Z][\w.-]*)'s\s+(?P<rest>.+)$", name)
    if possessive:  # "Haryana's 75 per cent quota law": also "Haryana's 75 per cent quota", "Haryana's quota"
        rest = _LAW_WORDS.sub("", possessive.group("rest"))
        owner = possessive.group("owner")
        forms = dict.fromkeys([name, f"{owner}'s {rest}", f"{owner}'s {rest.split()[-1]}"])
        return (tuple(forms), canonical) if len(rest.split()) <= MAX_SUBJECT_WORDS else None
    plain = _plain_name(name)
    if not plain or len(plain.split()) > MAX_SUBJECT_WORDS or not _is_name(plain) or "Court" in plain.split():
        return None
    part = plain.split(" of the ")[0]  # "Section 66A of the IT Act": also "Section 66A"
    return tuple(dict.fromkeys([plain, part] if _is_name(part) else [plain])), canonical


def _with_aliases(name: str, aliases: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """A name with the other forms the article gives it (its acronym or expansion)."""
    forms = [name]
    for group in aliases:
        if any(a.lower() == name.lower() for a in group):
            forms += [a for a in group if a.lower() != name.lower()]
    short = re.sub(r"\s+of India$", "", name)  # "Data Protection Board of India": students drop "of India"
    if short != name and len(short.split()) >= 2:
        forms.append(short)
    # "PM Surya Ghar: Muft Bijli Yojana": students write either half, and the name without its colon
    head, colon, tail = name.partition(": ")
    if colon and len(head.split()) >= 2 and len(tail.split()) >= 2:
        forms += [f"{head} {tail}", head, tail]
    return tuple(dict.fromkeys(forms))


def _is_name(label: str) -> bool:
    """A label that names something: a word that is no ordinary English word, a number, or an acronym; not a phrase
    opening with a small word ("Within SC and ST seats").

    >>> [_is_name(x) for x in ("Srikrishna Committee", "New Article 82A", "Withdrawn Bills", "Federalism",
    ...                        "Within SC and ST seats", "Constitutional Amendments", "Data Protection Board of India")]
    [True, True, False, False, False, False, True]
    """
    tokens = analyse(label).words
    if not tokens or tokens[0].is_stop:
        return False
    words = label.split()
    if len(words) >= 2 and all(w[:1].isupper() or w in ("of", "for", "and", "on") for w in words) \
            and any(w in _INSTITUTION_NOUNS for w in words):  # "Data Protection Board of India": a body's name
        return True
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
    # "the 73rd and 74th Constitutional Amendments": every number of the list
    found = [n for m in re.finditer(r"\b\d{1,3}(?:st|nd|rd|th)(?:(?:\s*,\s*|\s+and\s+)\d{1,3}(?:st|nd|rd|th))*"
                                    r"\s+(?:Constitutional\s+)?Amendment", sentence)
             for n in re.findall(r"\d{1,3}(?:st|nd|rd|th)", m.group(0))]
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
