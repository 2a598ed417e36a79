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

from evaluator.core.lexicon import AUXILIARIES
from evaluator.core.text import analyse, parts_of_speech

MAX_HEADING_WORDS = 12
MAX_TITLE_WORDS = 24

Role = Literal["context", "background", "about", "facts", "significance", "challenges", "measures", "way_forward",
               "conclusion", "causes", "other"]
# heading words -> the section's role; the first pattern that matches decides
_ROLES: tuple[tuple[Role, str], ...] = (
    ("facts", r"facts? for prelims|prelims facts|key facts|quick facts|terms? to know|glossary|did you know"
              r"|prelims (?:pointers?|facts?|box|snippets?|notes?|corner)|pointers for prelims"
              r"|key (?:numbers|figures|data)|by the numbers|in numbers|numbers to know"),
    ("context", r"central idea|context|introduction|in (?:the )?news|why in (?:the )?news|news hook"),
    ("conclusion", r"conclusion|concluding|the bottom line"),
    # a body's recommendations and a law's provisions are what it says: a question of their own
    ("about", r"recommendations? (?:of|by|made by)|(?:committee|commission|panel|report)(?:'s|\u2019s)? "
              r"(?:key )?recommendations?|key recommendations|key provisions|provisions of|salient features"),
    ("way_forward", r"way forward|way ahead|road ahead|the path ahead|what needs to be done|measures needed"
                    r"|suggestions?|recommendations?|reforms? needed|solutions?|the next steps?"
                    r"|what next|what now|what lies ahead|what (?:should|can|must) be done"),
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

_BULLET = re.compile(  # "•", "●", "▪", "◦", "‣", "∙", "·", "*", "–", "—", "-", "►", "➢", "✓", "■" or "1." / "1)" /
    # "a)" / "(a)" / "(iv)" before the text
    r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7*\u2013\u2014\u25ba\u27a2\u27a4\u2713\u25a0\u25a1\u2192-]"
    r"|\d{1,2}[.)]|\(?[a-h][)]|[a-h][.]|\((?:\d{1,2}|[ivx]{1,4})\)|[ivx]{1,4}[)])\s+(?P<body>\S.*)$")
_LABEL = re.compile(r"^(?P<label>[^:.!?]{2,90}?)\s*:\s+(?P<body>\S.*)$")
_DECORATION = re.compile(r"^[^\w(\"'\u201c]+")  # emoji and arrows before boilerplate such as "💥Mentorship"
_BOILERPLATE = re.compile(
    r"^(?:also read|read more|related(?: articles?)?\b|join us|notify of|attend now|inline feedbacks?|view all comments"
    r"|get an ias|mentorship|subscribe|share this|click here|download|login|sign up|from upsc perspective"
    r"|source\s*:|tags?\s*:|gs paper\s+[iv1-4]+\s*:|general studies paper)",
    re.IGNORECASE,
)
_SYLLABUS = re.compile(r"^(?P<level>prelims|mains)\s+level\s*:\s*(?P<body>.*)$", re.IGNORECASE)
_LINK_FOLLOWS = re.compile(r"^(?:also read|read more|related)", re.IGNORECASE)  # the next short line is a link title


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)\s*:?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S))(?P<text>\S(?:.*?\S)?)\1")
_COLON_HEADING = re.compile(r"^(?P<text>[^:\-\u2022*\d(][^:]{1,80}?)\s*:\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*(?:(?:section|part)\s+)?(?:\d{1,2}|[IVX]{1,4})[.):]\s+(?P<text>[^\s].*?)\s*:?\s*$",
                               re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.):]\s+")
MAX_NUMBERED_HEADING_WORDS = 9


def normalise_layout(text: str) -> str:
    """An article in any house style as the drafter reads it: headings on lines of their own, without markup, a
    number or a closing colon; bullets as they were; bold and underline markers gone.

    Markdown headings ("## Challenges"), bold lines ("**Challenges**"), colon headings ("Challenges:") and
    numbered headings ("2. Key provisions", "II. Challenges", when the next line is not the next item of a
    numbered list) become plain headings. Line ends become "\\n".

    >>> print(normalise_layout("# Title\\n\\n2. Challenges:\\n- **Cost:** high.\\nWay forward:\\n\\n1. Fund it.\\n2. Do it."))
    Title
    <BLANKLINE>
    Challenges
    - Cost: high.
    Way forward
    <BLANKLINE>
    1. Fund it.
    2. Do it.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    lines = [_QUOTED.sub("", line) for line in lines]  # a markdown blockquote ("> **Prelims fact**") is read as text
    for k, raw in enumerate(lines):
        line = raw.rstrip()
        if match := _MARKDOWN_HEADING.match(line) or _BOLD_LINE.match(line):
            out.append(_heading_text(match.group("text")))
            continue
        line = _EMPHASIS.sub(lambda m: m.group("text"), line)
        if (match := _COLON_HEADING.match(line)) and len(match.group("text").split()) <= MAX_HEADING_WORDS \
                and not _LEAD_IN.search(match.group("text")):
            out.append(_heading_text(match.group("text")))
            continue
        match = _NUMBERED_HEADING.match(line)
        if match and _numbered_heading(match.group("text"), line, lines[k - 1] if k else "",
                                       lines[k + 1] if k + 1 < len(lines) else ""):
            out.append(_heading_text(match.group("text")))
            continue
        out.append(line)
    return "\n".join(out)


_QUOTED = re.compile(r"^\s{0,3}>\s?")
# a sentence that opens a list is no heading: "The legislative journey ran as follows:", "Its main features are:"
_LEAD_IN = re.compile(r"\b(?:as follows|the following|following|includes?|included|are|were|is|was)$", re.IGNORECASE)


def _heading_text(text: str) -> str:
    return " ".join(_EMPHASIS.sub(lambda m: m.group("text"), text).strip(" *_:#").split())


def _numbered_heading(text: str, line: str, before: str, after: str) -> bool:
    """A numbered line is a heading, not a list item, when it is short, has no closing punctuation and is not next
    to the item before or after it in a list (a list's items sit on consecutive lines, numbered in turn)."""
    if len(text.split()) > MAX_NUMBERED_HEADING_WORDS or re.search(r"[.!?;,\u2026]$", text):
        return False
    number = _number(line)
    return not ((_NUMBERED.match(before) and _number(before) == number - 1)
                or (_NUMBERED.match(after) and _number(after) == number + 1))


def _number(line: str) -> int:
    """The number a list line or heading starts with: "3." -> 3, "IV)" -> 4."""
    head = re.match(r"^\s*(?:(?:section|part)\s+)?(\d{1,2}|[IVX]{1,4})", line, re.IGNORECASE)
    if not head:
        return -9
    token = head.group(1).upper()
    if token.isdigit():
        return int(token)
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for k, c in enumerate(token):
        v = values[c]
        total += -v if k + 1 < len(token) and values[token[k + 1]] > v else v
    return total


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


LAYOUT_NEEDED = (
    "A rubric needs at least one section to ask about: a heading on its own line (\"Challenges\", \"Challenges:\", "
    "\"## Challenges\" or \"2. Challenges\") followed by two or more bullets (\"- \", \"* \", \"\u2022 \", \"1. \", "
    "\"a) \") or paragraphs, beyond the introduction, facts and conclusion; headings such as significance, "
    "challenges, provisions or recommendations, background and way forward become questions.")


def layout_found(parsed: Article) -> str:
    """What the drafter found in an article, for a message that says why it could not draft from it.

    >>> layout_found(parse_article("One long paragraph of text with no headings at all."))
    'found no section headings and 1 paragraph or bullet in all'
    """
    headed = [s for s in parsed.sections if s.heading]
    items = sum(len(s.bullets) for s in parsed.sections)
    shown = ", ".join(f"\"{s.heading}\" ({len(s.bullets)} {'item' if len(s.bullets) == 1 else 'items'})"
                      for s in headed[:6]) + (f" and {len(headed) - 6} more" if len(headed) > 6 else "")
    heads = f"{len(headed)} section heading{'s' * (len(headed) != 1)}: {shown}" if headed else "no section headings"
    return f"found {heads} and {items} paragraph{'s' * (items != 1)} or bullet{'s' * (items != 1)} in all"


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


_SUBSECTION = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+[^\W\d]")  # a numbered sub-section's heading: "4.1 Geological risks"


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
    text = normalise_layout(text)
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
        elif _SUBSECTION.match(line) and sections and sections[-1][0] and not _SUBSECTION.match(sections[-1][0]):
            previous_bullet = False  # "4.1 Geological constraints" under "4. Challenges": the section goes on
        elif _is_heading(line) or (not any(items for _, items in sections) and _is_title(line)):
            if not sections or not sections[-1][1]:
                if sections:
                    empty = sections.pop()[0]
                    if not any(items for _, items in sections):  # a title candidate only before any text
                        headings_before.append(empty)
            sections.append((line, []))
            previous_bullet = False
        else:
            if not sections:
                sections.append(("", []))
            sections[-1][1].append((line, number, True))
            previous_bullet = False
        previous_blank = False
    if sections and not sections[-1][1] and not any(items for _, items in sections):
        headings_before.append(sections[-1][0])
    kept = [(h, items) for h, items in sections if items]
    # a closing paragraph under the last section's bullets is the article's conclusion, not one of them
    if kept and len(kept[-1][1]) > 1 and kept[-1][1][-1][2] and not any(p for _, _, p in kept[-1][1][:-1]) \
            and section_role(kept[-1][0]) != "conclusion":
        heading, items = kept[-1]
        kept[-1:] = [(heading, items[:-1]), ("Conclusion", items[-1:])]
    title = max((_site_cut(h) for h in headings_before if h), key=_title_rank, default="")
    if not title:
        first = next((" ".join(x.split()) for x in text.splitlines() if x.strip()), "Article")
        title = _site_cut(first)
        if kept and kept[0][0] == first:
            kept[0] = ("Introduction", kept[0][1])  # the title over the opening paragraph ("EXPLAINED | ...")
    kicker = next((h for h in headings_before if h and h != title), "")
    casing = _body_casing(" ".join(body for _, items in kept for body, _, _ in items))
    return Article(title=_uncapitalised(title, casing)[:300], sections=tuple(
        Section(_uncapitalised(heading, casing),
                tuple(_bullet(body, line, paragraph) for body, line, paragraph in items))
        for heading, items in kept), kicker=kicker, prelims=syllabus["prelims"], mains=syllabus["mains"])


def _body_casing(body: str) -> dict[str, str]:
    """How the body writes each word inside its sentences, by the word in lower case: its most frequent form."""
    counts: dict[str, dict[str, int]] = {}
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b[\w'-]+", body):
        counts.setdefault(m.group(0).lower(), {}).setdefault(m.group(0), 0)
        counts[m.group(0).lower()][m.group(0)] += 1
    return {low: max(forms, key=lambda f: (forms[f], f)) for low, forms in counts.items()}


def _uncapitalised(line: str, casing: dict[str, str]) -> str:
    """A heading or title set in capitals as the body writes its words ("KEY FEATURES OF THE SCHEME" -> "Key features
    of the scheme", "PM SURYA GHAR MUFT BIJLI YOJANA" -> "PM Surya Ghar Muft Bijli Yojana"); a word the body never
    writes is lower case; a line with small letters is left as it is.

    >>> _uncapitalised("HOW THE DISCOMS WORK", _body_casing("Every one of the DISCOMs and how they work."))
    'How the DISCOMs work'
    """
    if re.search(r"[a-z]", line) or not re.search(r"[A-Z]{2}", line):
        return line
    words = [casing.get(w.lower(), w.lower()) if re.fullmatch(r"[\w'-]+", w) else w for w in line.split()]
    if words and words[0][:1].islower():
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


_CATEGORY_LINE = re.compile(r"^(?:gs[\s-]*(?:paper\b|[iv1-4]+\b)|general studies\b|prelims\b|mains\b|posted\b|"
                            r"updated\b|published\b)", re.IGNORECASE)


def _site_cut(heading: str) -> str:
    """A page title without the site's name after a bar ("Lokpal Act, 2013: Issues | PrepSetu IAS Daily" -> "Lokpal
    Act, 2013: Issues"); a line of bar-separated tags stays whole (it is no title)."""
    head, bar, rest = heading.partition(" | ")
    if bar and len(head.split()) <= 2 and head.isupper() and len(rest.split()) > len(head.split()):
        return rest.strip()  # a kicker before the title: "EXPLAINED | The Unified Pension Scheme: ..."
    return head.strip() if bar and not _CATEGORY_LINE.match(head) else heading


def _title_rank(heading: str) -> tuple[bool, bool, int]:
    """Titles before category lines ("GS Paper III | Energy") and rhetorical subtitles ("Can rooftops power one crore
    homes?"); then the longest.

    >>> max(["GS PAPER III | ENERGY AND INFRASTRUCTURE", "PM SURYA GHAR MUFT BIJLI YOJANA",
    ...      "Can rooftops power one crore homes?"], key=_title_rank)
    'PM SURYA GHAR MUFT BIJLI YOJANA'
    """
    question = heading.endswith("?") and ":" not in heading  # "X: Gateway or Gamble?" still leads with its name
    return not (_CATEGORY_LINE.match(heading) or " | " in heading), not question, len(heading)


LABEL_CLAUSE_WORDS = 5  # a label this long with a verb in it is a sentence cut at a colon inside a name


def _is_clause(label: str) -> bool:
    """Words before a colon that are a clause, not a label: "The Union Cabinet approved the PM Surya Ghar" (of "...
    PM Surya Ghar: Muft Bijli Yojana on 29 February 2024").

    >>> [_is_clause(t) for t in ("The Union Cabinet approved the PM Surya Ghar", "Key features of the scheme")]
    [True, False]
    """
    words = analyse(label).words
    if len(words) < LABEL_CLAUSE_WORDS:
        return False
    verbs = parts_of_speech()["verb"]
    return any(w.lemma in AUXILIARIES or (w.text.islower() and w.text.endswith("ed") and w.lemma != w.text
                                           and w.lemma in verbs) for w in words[1:])


def _is_title(line: str) -> bool:
    """Before any text, a longer line without closing punctuation is a title ("X: the Y Bill and the Debate on Z")."""
    return 0 < len(line.split()) <= MAX_TITLE_WORDS and not re.search(r"[.!,;:\u2026]$", line) \
        and not _BULLET.match(line)


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_HEADING_WORDS and not re.search(r"[.!,;:\u2026]$", line) and not _BULLET.match(line)


def _bullet(body: str, line: int, paragraph: bool) -> Bullet:
    label = ""
    match = _LABEL.match(body)
    if match and len(match.group("label").split()) <= 8 and not _is_clause(match.group("label")):
        label, body = match.group("label").strip(), match.group("body")
    sentences = tuple(s.text for s in analyse(body).sentences) or (body,)
    return Bullet(label, sentences, line, paragraph)
