"""From the text boxes an OCR engine finds on an upright page to the answer's lines and paragraphs, in reading order.

Engines return fragments of lines (a box with its words, each with a confidence). On a page that is
already deskewed (:func:`evaluator.io.ocr.deskew`), the fragments of one written line share a
midline; lines are built by grouping fragments whose midlines lie within half a line height of each
other, never by "boxes overlap vertically" (on a slightly rotated page the boxes of neighbouring lines
overlap and whole lines were lost that way). Then what is not the answer is set aside: notes written in
the margins (fragments wholly outside the column the body is written in) and page headers and footers
(a line in the top or bottom band of the page, set apart from the body by a wide gap, or a page number).
Paragraphs are where the gap between two lines is clearly wider than the usual line pitch.

A line's place is its words' median midline and height, not its box: one odd box (the page's margin rule read
as "|", a stroke reaching into the next lines) stretched a Hindi photo's first line down the page, and the line
was read in paragraph 4. A page written in columns (a gutter no fragment crosses, with lines on each side) is
read column by column, each top to bottom.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the upright page image

LINE_TOLERANCE = 0.5  # fragments are one line when their midlines are closer than this share of a line's height
WIDE_FRAGMENT = 0.3  # fragments at least this share of the page wide tell where the body column is
MARGIN_SLACK = 0.02  # share of the page width a body line may start left of the column's edge
HEADER_BAND = 0.12  # top and bottom share of the page where headers, footers and page numbers sit
HEADER_GAP = 1.8  # a header written small (printed) is set apart from the body by this many usual line pitches,
WIDE_HEADER_GAP = 2.6  # ... one as tall as the writing by this many (a paragraph's first line skips one ruling)
SMALL_LINE = 0.75  # a line shorter than this share of the usual line height is small (printed)
PARAGRAPH_GAP = 1.45  # a gap of this many usual line pitches between two lines starts a new paragraph
INDENT = 1.2  # ... as does a line indented by this many line heights after a line that ends
SHORT_LINE = 3.0  # ... at least this many line heights short of the column's usual right edge
COLUMN_GUTTER = 2.0  # a gap this many line heights wide that no fragment crosses separates two columns...
COLUMN_LINES = 3  # ... when each side holds at least this many fragments
PAGE_NUMBER = re.compile(r"^\W*(page|pg|p)?\W*\d{1,3}(\W*(of|/)\W*\d{1,3})?\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    """One recognised word, its confidence in [0, 1] and where it is on the page."""

    text: str
    confidence: float  # the engine's, in [0, 1]: below OcrSettings.unsure_below the word is marked for checking
    box: Box  # on the upright page image, for drawing


@dataclass(frozen=True)
class Line:
    """A line (or a fragment of one) as read: its words, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return (min(w.box[0] for w in self.words), min(w.box[1] for w in self.words),
                max(w.box[2] for w in self.words), max(w.box[3] for w in self.words))

    @property
    def midline(self) -> float:
        """The words' median midline: one word's stretched box does not move the line."""
        return statistics.median((w.box[1] + w.box[3]) / 2 for w in self.words)

    @property
    def height(self) -> float:
        """The words' median height."""
        return statistics.median(w.box[3] - w.box[1] for w in self.words)

    @property
    def confidence(self) -> float:
        """Mean word confidence, weighted by the words' lengths (a wrong long word costs more)."""
        return weighted_confidence(self.words)


def weighted_confidence(words: Sequence[Word]) -> float:
    """Mean confidence of words weighted by their lengths; 0 when there are none.

    >>> weighted_confidence([Word("India", 1.0, (0, 0, 1, 1)), Word("a", 0.0, (0, 0, 1, 1))])
    0.8333333333333334
    """
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0


def _overlap(a: Box, b: Box) -> float:
    """Horizontal overlap of two boxes as a share of the narrower one."""
    inter = min(a[2], b[2]) - max(a[0], b[0])
    return max(inter, 0) / max(min(a[2] - a[0], b[2] - b[0]), 1)


def group_lines(fragments: Sequence[Line]) -> list[Line]:
    """Fragments joined into lines by midline, top to bottom, each line's words left to right.

    >>> a = Line((Word("India", 0.9, (10, 100, 80, 130)),))
    >>> b = Line((Word("and US", 0.9, (95, 104, 190, 134)),))   # same line, a little lower
    >>> c = Line((Word("Next", 0.9, (12, 140, 70, 170)),))      # the next line (its box touches b's)
    >>> [line.text for line in group_lines([c, b, a])]
    ['India and US', 'Next']
    """
    if not fragments:
        return []
    tolerance = LINE_TOLERANCE * statistics.median(f.height for f in fragments)
    lines: list[list[Line]] = []
    for fragment in sorted(fragments, key=lambda f: f.midline):
        # 1. the nearest line by midline that this fragment does not overlap side by side
        best = None
        for members in reversed(lines[-3:]):
            mid = statistics.fmean(m.midline for m in members)
            if abs(fragment.midline - mid) <= tolerance and all(_overlap(fragment.box, m.box) < 0.3 for m in members):
                if best is None or abs(fragment.midline - mid) < best[0]:
                    best = (abs(fragment.midline - mid), members)
        # 2. else it starts a line of its own
        if best is None:
            lines.append([fragment])
        else:
            best[1].append(fragment)
    joined = [Line(tuple(w for f in sorted(members, key=lambda f: f.box[0]) for w in f.words)) for members in lines]
    return sorted(joined, key=lambda line: line.midline)


def columns(fragments: Sequence[Line]) -> list[list[Line]]:
    """Fragments split into the page's columns, left to right: at each vertical gutter at least ``COLUMN_GUTTER``
    line heights wide that no fragment crosses, with ``COLUMN_LINES`` fragments or more of a few words on each side
    (bullets or numbers written apart from their lines are no column). One column (all the fragments) on most
    pages.

    >>> def fragment(text, x0, y):
    ...     return Line(tuple(Word(w, 0.9, (x0 + 150 * i, y, x0 + 150 * i + 140, y + 40))
    ...                       for i, w in enumerate(text.split())))
    >>> left = [fragment(f"left {i}", 100, 100 + 50 * i) for i in range(3)]
    >>> right = [fragment(f"right {i}", 700, 100 + 50 * i) for i in range(3)]
    >>> [[f.text for f in column] for column in columns([*right, *left])]
    [['left 0', 'left 1', 'left 2'], ['right 0', 'right 1', 'right 2']]
    """
    if len(fragments) < 2 * COLUMN_LINES:
        return [list(fragments)]
    gutter = COLUMN_GUTTER * statistics.median(f.height for f in fragments)

    def written(column: list[Line]) -> bool:  # lines of words, not a row of bullets or numbers ("1.", "•")
        return len(column) >= COLUMN_LINES and statistics.median(len(f.words) for f in column) >= 2

    ordered = sorted(fragments, key=lambda f: f.box[0])
    found: list[list[Line]] = [[ordered[0]]]
    reach = ordered[0].box[2]  # the right edge of the column being collected
    for fragment in ordered[1:]:
        if fragment.box[0] - reach >= gutter and written(found[-1]):
            found.append([])
        found[-1].append(fragment)
        reach = max(reach, fragment.box[2])
    if len(found) > 1 and not written(found[-1]):  # no column of writing right of the last gutter
        found[-2].extend(found.pop())
    return found


def split_margin_notes(fragments: Sequence[Line], page_width: int) -> tuple[list[Line], list[Line]]:
    """(body, margin notes): a note is a fragment wholly left or wholly right of the column the body is written in,
    known from the fragments that span a good part of the page; with too few of those, everything is body."""
    wide = [f for f in fragments if f.box[2] - f.box[0] >= WIDE_FRAGMENT * page_width]
    if len(wide) < 3:
        return list(fragments), []
    lefts = sorted(f.box[0] for f in wide)
    rights = sorted(f.box[2] for f in wide)
    # the 20th percentile: a few indented lines do not move the column's edge
    left = lefts[len(lefts) // 5] - MARGIN_SLACK * page_width
    right = rights[-1 - len(rights) // 10] + MARGIN_SLACK * page_width
    body, notes = [], []
    for f in fragments:
        (notes if f.box[2] < left or f.box[0] > right else body).append(f)
    return body, notes


def _pitch(lines: Sequence[Line]) -> float:
    """The usual distance between the midlines of consecutive lines (the ruling of the paper): the lower quartile of
    the gaps, as in a short answer the gaps of skipped rulings between paragraphs are many."""
    gaps = sorted(b.midline - a.midline for a, b in zip(lines, lines[1:], strict=False))
    return gaps[len(gaps) // 4] if gaps else float(lines[0].height if lines else 0)


def split_headers(lines: Sequence[Line], page_height: int) -> tuple[list[Line], list[Line]]:
    """(body, headers and footers): lines in the top or bottom band of the page that are a page number, or that a
    gap sets apart from the rest: ``HEADER_GAP`` line pitches for small (printed) lines, ``WIDE_HEADER_GAP`` for
    lines as tall as the writing (a paragraph starting at the foot of a page after a skipped ruling stays)."""
    lines = list(lines)
    if len(lines) < 3:
        return lines, []
    pitch = _pitch(lines)
    height = statistics.median(line.height for line in lines)
    top, bottom = HEADER_BAND * page_height, (1 - HEADER_BAND) * page_height

    def apart(line: Line, gap: float) -> bool:
        small = line.height < SMALL_LINE * height
        return bool(PAGE_NUMBER.match(line.text)) or gap > (HEADER_GAP if small else WIDE_HEADER_GAP) * pitch

    headers: list[Line] = []
    # 1. from the top down, then from the bottom up, while lines stay in the band
    while len(lines) > 2 and lines[0].box[3] < top and apart(lines[0], lines[1].midline - lines[0].midline):
        headers.append(lines.pop(0))
    while len(lines) > 2 and lines[-1].box[1] > bottom and apart(lines[-1], lines[-1].midline - lines[-2].midline):
        headers.append(lines.pop())
    return lines, headers


def paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines split into paragraphs: before a line set apart by more than ``PARAGRAPH_GAP`` usual pitches (a skipped
    ruling), or before an indented line that follows a line ending well short of the column's right edge."""
    if not lines:
        return []
    pitch = _pitch(lines)
    height = statistics.median(line.height for line in lines)
    lefts, rights = sorted(line.box[0] for line in lines), sorted(line.box[2] for line in lines)
    left, right = lefts[len(lefts) // 5], rights[-1 - len(rights) // 5]
    groups = [[lines[0]]]
    for before, line in zip(lines, lines[1:], strict=False):
        skipped = line.midline - before.midline > PARAGRAPH_GAP * pitch
        indented = line.box[0] - left > INDENT * height and before.box[2] < right - SHORT_LINE * height
        if skipped or indented:
            groups.append([])
        groups[-1].append(line)
    return groups


def join_lines(lines: Sequence[Line]) -> str:
    """One paragraph's text: lines joined by spaces, a word hyphenated at a line's end joined to its rest.

    >>> join_lines([Line((Word("joint co-", 1, (0, 0, 9, 9)),)), Line((Word("production.", 1, (0, 20, 9, 29)),))])
    'joint co-production.'
    """
    text = ""
    for line in lines:
        part = line.text.strip()
        if not part:
            continue
        text = text + part if text.endswith("-") and part[:1].islower() else f"{text} {part}".strip()
    return text
