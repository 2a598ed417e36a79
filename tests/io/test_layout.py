"""Specification of the page layout after OCR: lines in reading order, what is not the answer set aside, paragraphs.

Pure functions on boxes: no image and no OCR engine needed.
"""

from __future__ import annotations

from evaluator.io.layout import Line, Word, group_lines, paragraphs, split_headers, split_margin_notes

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
