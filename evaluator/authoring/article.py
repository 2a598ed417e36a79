"""Reading a current-affairs article: title, sections with their role, bullets, and the site's syllabus lines.

An article like those on UPSC current-affairs sites is a category line ("Polity Watch: ..."), a
title, "Prelims level" / "Mains level" lines, then sections: a short heading line, perhaps a
paragraph, then bullets ("• Label: text"). Each section has a role by its heading (context,
about, significance, challenges, way forward, ...), which decides what kind of question it
can become.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from evaluator.core.text import analyse

MAX_HEADING_WORDS = 12

Role = Literal["context", "background", "about", "facts", "significance", "challenges", "measures", "way_forward",
               "conclusion", "causes", "other"]
# heading words -> the section's role; the first pattern that matches decides
_ROLES: tuple[tuple[Role, str], ...] = (
    ("facts", r"facts? for prelims|prelims facts|key facts|quick facts|terms? to know|glossary|did you know"),
    ("context", r"central idea|context|introduction|in (?:the )?news|why in (?:the )?news|news hook"),
    ("conclusion", r"conclusion|concluding|the bottom line"),
    ("way_forward", r"way forward|way ahead|road ahead|the path ahead|what needs to be done|measures needed"
                    r"|suggestions?|recommendations?|reforms? needed|solutions?|the next steps?"),
    ("challenges", r"challenges?|concerns?|issues|criticisms?|limitations?|problems|obstacles?|hurdles?|gaps?"
                   r"|drawbacks?|constraints?|shortcomings?|risks?|threats?\b(?! landscape)"),
    ("measures", r"measures taken|steps taken|steps towards|government (?:initiatives|approach|measures|response)"
                 r"|initiatives|schemes|policies|progress|developments|achievements|outcomes|the declining trend"),
    ("significance", r"significance|importance|why .* matters?|benefits|advantages|relevance|the case for|case for"
                     r"|need for|why .* needed|impact|opportunit"),
    ("background", r"background|evolution|history|origins?"),
    ("causes", r"causes?|reasons?|factors|drivers|why|how"),
    ("about", r"about|what is|what are|key (?:features|provisions)|provisions|features|components|structure"
              r"|overview|understanding|the mission|objectives|how .* works?|composition"),
)

_BULLET = re.compile(  # "•", "●", "▪", "◦", "‣", "∙", "·", "*", "–", "—", "-" or "1." / "1)" before the text
    r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7*\u2013\u2014-]|\d{1,2}[.)])\s+(?P<body>\S.*)$")
_LABEL = re.compile(r"^(?P<label>[^:.!?]{2,90}?)\s*:\s+(?P<body>\S.*)$")
_DECORATION = re.compile(r"^[^\w(\"'\u201c]+")  # emoji and arrows before boilerplate such as "💥Mentorship"
_BOILERPLATE = re.compile(
    r"^(?:also read|read more|related(?: articles?)?\b|join us|notify of|attend now|inline feedbacks?|view all comments"
    r"|get an ias|mentorship|subscribe|share this|click here|download|login|sign up|from upsc perspective"
    r"|source\s*:|tags?\s*:)",
    re.IGNORECASE,
)
_SYLLABUS = re.compile(r"^(?P<level>prelims|mains)\s+level\s*:\s*(?P<body>.*)$", re.IGNORECASE)
_LINK_FOLLOWS = re.compile(r"^(?:also read|read more|related)", re.IGNORECASE)  # the next short line is a link title


class ArticleError(ValueError):
    """An article from which no rubric can be drafted (no bullets or paragraphs found)."""


@dataclass(frozen=True)
class Bullet:
    """One bullet (or paragraph) of an article: its label before a colon, if any, and its sentences."""

    label: str
    sentences: tuple[str, ...]
    line: int  # 1-based line in the article
    paragraph: bool = False  # a paragraph of prose rather than a bullet

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Section:
    """A heading and the bullets under it (paragraphs count as label-less bullets)."""

    heading: str
    bullets: tuple[Bullet, ...]

    @property
    def role(self) -> Role:
        return section_role(self.heading)


@dataclass(frozen=True)
class Article:
    """An article split into title and sections, boilerplate removed, with the site's syllabus lines."""

    title: str
    sections: tuple[Section, ...]
    kicker: str = ""  # the category line above the title ("Polity Watch: Parliament and State Legislatures")
    prelims: str = ""  # the "Prelims level:" line: terms the site expects students to know
    mains: str = ""  # the "Mains level:" line: the themes of the questions

    @property
    def topic(self) -> str:
        """The title before a subtitle: "Chips: India's Bet" -> "Chips"."""
        head = self.title.split(":")[0].strip()
        return head if len(head.split()) >= 2 or re.search(r"[\d-]", head) else self.title

    def by_role(self, role: Role) -> list[Section]:
        return [s for s in self.sections if s.role == role]


def section_role(heading: str) -> Role:
    """What a section is for, by its heading.

    >>> [section_role(h) for h in ("Central Idea", "Challenges in curbing stubble burning", "Way forward",
    ...                            "Facts for prelims", "Why semiconductors matter", "Judicial interpretation")]
    ['context', 'challenges', 'way_forward', 'facts', 'significance', 'other']
    """
    text = " ".join(heading.lower().split())
    for role, pattern in _ROLES:
        if re.search(rf"\b(?:{pattern})", text):
            return role
    return "causes" if text.endswith("?") else "other"


def parse_article(text: str) -> Article:
    """Title and sections of an article: headings are short lines without final punctuation.

    Bullet lines ("• ...", "- ...", "1. ...") and paragraphs belong to the heading above them;
    a line that continues a bullet (no blank line between) is joined to it. Site furniture
    ("Also read", "Join us", "Notify of", ...) is skipped; "Prelims level:" and "Mains level:"
    lines are kept aside. Headings with nothing under them (the site's category, the title
    itself) end up as title candidates, and the longest one before the first section is the
    title. A closing paragraph after the bullets of the last section is the conclusion.

    >>> a = parse_article("Chips at home: the plan\\n\\nWhy now\\n- Supply shocks hurt. Fabs are scarce.\\n")
    >>> a.title, [(s.heading, [b.sentences for b in s.bullets]) for s in a.sections]
    ('Chips at home: the plan', [('Why now', [('Supply shocks hurt.', 'Fabs are scarce.')])])
    """
    headings_before: list[str] = []
    sections: list[tuple[str, list[tuple[str, int, bool]]]] = []  # (heading, [(bullet text, line, paragraph)])
    syllabus = {"prelims": "", "mains": ""}
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
        if level := _SYLLABUS.match(plain):
            syllabus[level.group("level").lower()] = level.group("body").strip()
            previous_blank, previous_bullet = False, False
            continue
        if _BOILERPLATE.match(plain):
            skip_link = bool(_LINK_FOLLOWS.match(plain))
            previous_blank, previous_bullet = False, False
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            if not sections:
                sections.append(("", []))
            sections[-1][1].append((" ".join(bullet.group("body").split()), number, False))
            previous_bullet = True
        elif previous_bullet and not previous_blank and not _is_heading(line):
            text_so_far, first_line, _ = sections[-1][1][-1]
            sections[-1][1][-1] = (f"{text_so_far} {line}", first_line, False)
        elif _is_heading(line):
            if not sections or not sections[-1][1]:
                if sections:
                    headings_before.append(sections.pop()[0])
            sections.append((line, []))
            previous_bullet = False
        else:
            if not sections:
                sections.append(("", []))
            sections[-1][1].append((line, number, True))
            previous_bullet = False
        previous_blank = False
    if sections and not sections[-1][1]:
        headings_before.append(sections[-1][0])
    kept = [(h, items) for h, items in sections if items]
    # a closing paragraph under the last section's bullets is the article's conclusion, not one of them
    if kept and len(kept[-1][1]) > 1 and kept[-1][1][-1][2] and not any(p for _, _, p in kept[-1][1][:-1]) \
            and section_role(kept[-1][0]) != "conclusion":
        heading, items = kept[-1]
        kept[-1:] = [(heading, items[:-1]), ("Conclusion", items[-1:])]
    title = max((h for h in headings_before if h), key=len, default="")
    if not title:
        title = next((" ".join(x.split()) for x in text.splitlines() if x.strip()), "Article")
    kicker = next((h for h in headings_before if h and h != title), "")
    return Article(title=title[:300], sections=tuple(
        Section(heading, tuple(_bullet(body, line, paragraph) for body, line, paragraph in items))
        for heading, items in kept), kicker=kicker, prelims=syllabus["prelims"], mains=syllabus["mains"])


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_HEADING_WORDS and not re.search(r"[.!,;:\u2026]$", line) and not _BULLET.match(line)


def _bullet(body: str, line: int, paragraph: bool) -> Bullet:
    label = ""
    match = _LABEL.match(body)
    if match and len(match.group("label").split()) <= 8:
        label, body = match.group("label").strip(), match.group("body")
    sentences = tuple(s.text for s in analyse(body).sentences) or (body,)
    return Bullet(label, sentences, line, paragraph)
