"""Specification of the page layout after OCR: lines in reading order, what is not the answer set aside, paragraphs.

Pure functions on boxes: no image and no OCR engine needed.
"""

from __future__ import annotations

from evaluator.io.layout import Line, Word, columns, group_lines, paragraphs, split_headers, split_margin_notes

PAGE = (1240, 1754)
PITCH = 50


def line(text: str, y: int, x0: int = 160, x1: int = 1100, height: int = 40) -> Line:
    """A written line whose words share its box out by length."""
    words, at, total = [], x0, sum(len(w) + 1 for w in text.split())
    for w in text.split():
        width = (x1 - x0) * (len(w) + 1) // total
        words.append(Word(w, 0.99, (at, y, at + width, y + height)))
        at += width
    return Line(tuple(words))


def test_fragments_of_one_written_line_join_even_when_neighbouring_lines_overlap() -> None:
    # a page turned a little: each line's fragments sit lower to the right, and their boxes reach into the next line
    fragments = [line("first part", 200, 160, 600, 60), line("of line one", 212, 620, 1100, 60),
                 line("line two starts", 250, 160, 600, 60), line("and ends here", 262, 620, 1100, 60)]
    lines = group_lines(fragments[::-1])
    assert [ln.text for ln in lines] == ["first part of line one", "line two starts and ends here"]


def test_notes_in_the_margin_are_set_apart_from_the_body() -> None:
    body = [line(f"body line {i} of the answer", 200 + PITCH * i) for i in range(6)]
    note = line("imp!", 260, 20, 90)
    kept, notes = split_margin_notes([*body, note], PAGE[0])
    assert kept == body and notes == [note]


def test_a_booklet_header_and_a_page_number_are_not_the_answer() -> None:
    header = line("UPSC Mains answer booklet", 50, 160, 600)
    body = [line(f"body line {i}", 200 + PITCH * i) for i in range(8)]
    number = line("- 3 -", 1650, 600, 660)
    kept, left_out = split_headers([header, *body, number], PAGE[1])
    assert kept == body and left_out == [header, number]


def test_a_paragraph_starting_at_the_foot_of_a_page_after_a_skipped_ruling_is_kept() -> None:
    # regression: bench/ocr.py lost "Way forward ..." as a footer
    body = [line(f"body line {i}", 1100 + PITCH * i) for i in range(8)]
    last = line("Way forward the visit laid the groundwork", 1100 + PITCH * 9)
    kept, left_out = split_headers([*body, last], PAGE[1])
    assert kept == [*body, last] and left_out == []


def test_paragraphs_break_at_a_skipped_ruling_and_at_an_indent_after_a_short_line() -> None:
    lines = [line("Introduction sentence runs across the page", 200),
             line("and ends short.", 250, x1=500),
             line("Skipped a ruling before this one", 350),
             line("which also ends short.", 400, x1=600),
             line("Indented start of the third paragraph", 450, x0=260),
             line("and its last line", 500)]
    assert [[ln.text for ln in p] for p in paragraphs(lines)] == [
        [lines[0].text, lines[1].text], [lines[2].text, lines[3].text], [lines[4].text, lines[5].text]]


def _answer(paragraph_count: int = 4, per_paragraph: int = 3, x0: int = 160, x1: int = 1100) -> list[list[Line]]:
    """Paragraphs of lines on ruled paper, a skipped ruling between paragraphs."""
    out, y = [], 200
    for p in range(paragraph_count):
        out.append([line(f"line {i} of paragraph {p + 1}", y + PITCH * i, x0, x1) for i in range(per_paragraph)])
        y += PITCH * (per_paragraph + 1)
    return out


def _read(fragments: list[Line]) -> list[list[str]]:
    """The page's paragraphs as read, column by column (as :func:`evaluator.io.ocr.read_page` lays a page out)."""
    found = []
    for column in columns(fragments):
        lines, _ = split_headers(group_lines(column), PAGE[1])
        found += [[ln.text for ln in p] for p in paragraphs(lines)]
    return found


def test_regression_a_line_stretched_by_one_odd_box_stays_first() -> None:
    # a Hindi photo's first line was read in paragraph 4: the margin rule, read as "|", stretched its box down the page
    written = _answer()
    rule = Word("|", 0.4, (150, 200, 158, 1100))
    first = Line((rule, *written[0][0].words))
    fragments = [first, *written[0][1:], *(ln for p in written[1:] for ln in p)]
    read = _read(fragments[::-1])
    assert read[0][0] == first.text
    assert read == [[ln.text for ln in p] for p in [[first, *written[0][1:]], *written[1:]]]


def test_a_page_written_in_two_columns_is_read_column_by_column() -> None:
    left = _answer(2, 3, 160, 580)
    right = [[line(ln.text.replace("line", "right line"), ln.box[1], 700, 1100) for ln in p] for p in left]
    fragments = [ln for column in (right, left) for p in column for ln in p]
    assert _read(fragments) == [[ln.text for ln in p] for p in (*left, *right)]


def test_numbers_written_apart_from_their_lines_are_no_column() -> None:
    # "1." written well left of its line: the numbers stay at the start of their lines
    fragments = []
    for i in range(4):
        fragments += [line(f"{i + 1}.", 200 + PITCH * i, 160, 200), line(f"point {i + 1} of the list", 200 + PITCH * i,
                                                                          320, 1100)]
    assert [ln.text for ln in group_lines(*columns(fragments))] == [f"{i + 1}. point {i + 1} of the list"
                                                                     for i in range(4)]
