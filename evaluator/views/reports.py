"""Per-student feedback sheets, printable: one page per answer, as HTML and as PDF.

A sheet says the marks (the mentor's when they changed them, with the evaluator's beside them),
the key points covered with the student's own words, the points to develop or add with the
rubric's hints, structure advice with numbers, and the mentor's comment. Statuses are data: a
status this module has no heading for (say 'contradicted') gets a section under its own name.

Everything from an answer or a rubric is escaped in HTML; the PDF is drawn with DejaVu Sans when
the system has it (Debian's fonts-dejavu-core) and otherwise with a core font, with characters it
cannot draw replaced.

>>> from evaluator import evaluate, load_rubric
>>> q = load_rubric("rubrics/india_us_defence.yaml").question("Q2")
>>> sheet = FeedbackSheet("Asha", "asha_q2.txt", q, evaluate("", q))
>>> "Asha" in sheet_html(sheet) and report_pdf([sheet]).startswith(b"%PDF")
True
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evaluator.core.results import Evaluation, PointResult
from evaluator.rubrics.model import Question

HEADLINE_KINDS = ("summary", "warning")  # the feedback a batch's table and every sheet lead with: the summary, red flags
# headings for the statuses the core knows; any other status gets a heading of its own name
SECTIONS = {"covered": "Points you made", "partial": "Points to develop", "missing": "Points to add"}
UNICODE_FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                 Path("/usr/share/fonts/TTF/DejaVuSans.ttf"))
QUOTE_CHARS = 220
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
PAGE_CSS = """<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #1f1f1f; margin: 0; }
.sheet { max-width: 48em; margin: 0 auto; padding: 1.5em 2em; page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 16pt; margin: 0 0 0.2em; } h2 { font-size: 12.5pt; margin: 1.1em 0 0.3em; }
.question { font-style: italic; color: #444; } .marks { font-size: 14pt; font-weight: bold; }
.muted { color: #666; font-size: 9.5pt; } li { margin: 0.25em 0; } q { color: #2b5d34; }
.comment { border-left: 3px solid #888; padding: 0.3em 0.8em; background: #f4f4f4; }
@media print { .sheet { padding: 0; } }
</style>"""


def headline_messages(evaluation: Evaluation) -> list[str]:
    """The summary and every red flag or refusal message, once each, in order: what explains the marks (a batch's
    ``feedback`` column and every feedback sheet say these)."""
    return list(dict.fromkeys(f.message for f in evaluation.feedback if f.kind in HEADLINE_KINDS))


@dataclass(frozen=True)
class FeedbackSheet:
    """What one page says: an answer's evaluation, and what the mentor decided about it."""

    student: str
    answer_key: str
    question: Question
    evaluation: Evaluation
    mentor_marks: float | None = None
    mentor_points: Mapping[str, str] = field(default_factory=dict)  # only the points the mentor changed
    mentor_comment: str = ""
    reviewer: str = ""
    folder: str = ""  # where in the upload the answer was (students of one name in two folders are two students)
    fits_better: str = ""  # another question the answer fits better (``Q2``, or ``rubric-id Q1``), from its row

    @property
    def marks(self) -> float:
        return self.mentor_marks if self.mentor_marks is not None else self.evaluation.marks

    def status(self, point: PointResult) -> str:
        return self.mentor_points.get(point.id, point.status)

    def sections(self) -> dict[str, list[PointResult]]:
        """Key points by final status, in the order covered, partial, missing, then any other status."""
        found: dict[str, list[PointResult]] = {s: [] for s in SECTIONS}
        for point in self.evaluation.points:
            found.setdefault(self.status(point), []).append(point)
        return {status: points for status, points in found.items() if points}

    def marks_line(self) -> str:
        """``7 / 15 marks`` with who gave them: ``(mentor; the evaluator gave 5)`` or the calibration note."""
        e = self.evaluation
        line = f"{self.marks:g} / {e.max_marks:g} marks"
        if self.mentor_marks is not None and self.mentor_marks != e.marks:
            who = f"by {self.reviewer}" if self.reviewer else "by your mentor"
            return f"{line} (marked {who}; the evaluator gave {e.marks:g})"
        if e.calibration is not None:
            return f"{line} (calibrated on {e.calibration.answers} mentor marks)"
        return line

    def why(self) -> list[str]:
        """Why the answer got these marks: the summary, every red flag and refusal message (as the batch's table
        says them), and the question it fits better."""
        found = headline_messages(self.evaluation)
        if self.fits_better:
            found.append(f"This answer fits {self.fits_better} better than {self.question.id}: check that it was "
                         "scored on the right question.")
        return found

    def structure_advice(self) -> list[str]:
        structure = self.evaluation.structure
        return [c.message for c in structure.checks if not c.passed] if structure is not None else []


def _quote(point: PointResult) -> str:
    evidence = point.best_evidence
    if evidence is None:
        return ""
    text = " ".join((evidence.context or evidence.text).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _heading(status: str) -> str:
    return SECTIONS.get(status, status.replace("_", " ").capitalize())


def _point_line(sheet: FeedbackSheet, point: PointResult, status: str) -> tuple[str, str]:
    """The point and what goes under it: the student's words for a point made, the hint for one to work on."""
    changed = " (your mentor's judgement)" if point.id in sheet.mentor_points else ""
    if status == "covered":
        quote = _quote(point)
        return point.point + changed, f"You wrote: “{quote}”" if quote else ""
    return point.point + changed, point.hint


# --- HTML ---------------------------------------------------------------------------------------------------------------


def sheet_html(sheet: FeedbackSheet) -> str:
    """One answer's page as an HTML fragment (``<section class="sheet">``), every text escaped."""
    e, esc = sheet.evaluation, html.escape
    parts = [f'<section class="sheet"><h1>{esc(sheet.student or sheet.answer_key)} · {esc(sheet.question.id)}</h1>',
             f'<p class="question">{esc(sheet.question.text)}</p>',
             f'<p class="marks">{esc(sheet.marks_line())}</p>',
             f'<p class="muted">{esc(sheet.answer_key)} · {e.word_count} words (limit {sheet.question.word_limit})</p>']
    if not e.ok:
        parts.append(f"<p>Not scored: {esc(e.message)}</p>")
    if why := [m for m in sheet.why() if e.ok or m != e.message]:
        parts.append('<h2>Why these marks</h2><ul class="why">' + "".join(f"<li>{esc(m)}</li>" for m in why)
                     + "</ul>")
    for status, points in sheet.sections().items():
        items = []
        for point in points:
            title, detail = _point_line(sheet, point, status)
            items.append(f"<li>{esc(title)}" + (f"<br><span class=\"muted\">{esc(detail)}</span>" if detail else "")
                         + "</li>")
        parts.append(f"<h2>{esc(_heading(status))} ({len(points)})</h2><ul>{''.join(items)}</ul>")
    if advice := sheet.structure_advice():
        parts.append("<h2>Structure</h2><ul>" + "".join(f"<li>{esc(a)}</li>" for a in advice) + "</ul>")
    if sheet.mentor_comment:
        who = f" ({esc(sheet.reviewer)})" if sheet.reviewer else ""
        parts.append(f'<h2>Mentor\'s comment{who}</h2><p class="comment">{esc(sheet.mentor_comment)}</p>')
    parts.append("</section>")
    return "".join(parts)


def report_html(sheets: Sequence[FeedbackSheet], *, title: str = "Feedback") -> str:
    """A printable HTML document: one page per answer."""
    body = "".join(sheet_html(s) for s in sheets)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"{PAGE_CSS}</head><body>{body}</body></html>")


# --- PDF ----------------------------------------------------------------------------------------------------------------


def unicode_font() -> Path | None:
    """A TrueType font that draws any Latin text, or ``None`` when the system has none of :data:`UNICODE_FONTS`."""
    return next((p for p in UNICODE_FONTS if p.is_file()), None)


def _latin1(text: str) -> str:
    """What a core PDF font can draw: typographic quotes and dashes made plain, other characters as '?'.

    >>> _latin1("“Way forward” — ₹5 crore…")
    '"Way forward" - ?5 crore...'
    """
    plain = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "…": "..."}))
    return plain.encode("latin-1", "replace").decode("latin-1")


def report_pdf(sheets: Sequence[FeedbackSheet], *, title: str = "Feedback", font: Path | None = None,
               core_font: bool = False) -> bytes:
    """The sheets as a PDF, each answer starting on a new page.

    Args:
        sheets: the answers, in order.
        title: the document title.
        font: a TrueType font file (default: :func:`unicode_font`; without one, Helvetica with Latin-1 text).
        core_font: use Helvetica even when a TrueType font is there (what a system without one gets).
    """
    from fpdf import FPDF

    font = None if core_font else font or unicode_font()
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=15)
    if font is not None:
        pdf.add_font("Sheet", "", str(font))
        family, clean = "Sheet", (lambda t: t)
    else:
        family, clean = "Helvetica", _latin1
    width = pdf.epw if hasattr(pdf, "epw") else 180

    def para(text: str, size: float = 10.5, *, gap: float = 1.5, indent: float = 0.0) -> None:
        pdf.set_font(family, size=size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, size * 0.5, clean(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    for sheet in sheets or ():
        pdf.add_page()
        e = sheet.evaluation
        para(f"{sheet.student or sheet.answer_key} · {sheet.question.id}", 15, gap=1)
        para(sheet.question.text, 9.5)
        para(sheet.marks_line(), 13)
        para(f"{sheet.answer_key} · {e.word_count} words (limit {sheet.question.word_limit})", 8.5, gap=3)
        if not e.ok:
            para(f"Not scored: {e.message}")
        if why := [m for m in sheet.why() if e.ok or m != e.message]:
            para("Why these marks", 12, gap=1)
            for m in why:
                para(f"• {m}", 10, gap=0.5, indent=2)
        for status, points in sheet.sections().items():
            para(f"{_heading(status)} ({len(points)})", 12, gap=1)
            for point in points:
                line, detail = _point_line(sheet, point, status)
                para(f"• {line}", 10, gap=0.5, indent=2)
                if detail:
                    para(detail, 9, gap=1, indent=6)
        if advice := sheet.structure_advice():
            para("Structure", 12, gap=1)
            for a in advice:
                para(f"• {a}", 10, gap=0.5, indent=2)
        if sheet.mentor_comment:
            para("Mentor's comment" + (f" ({sheet.reviewer})" if sheet.reviewer else ""), 12, gap=1)
            para(sheet.mentor_comment, 10, indent=2)
    if not sheets:
        pdf.add_page()
        para("No answers.")
    return bytes(pdf.output())


# --- one file per student -----------------------------------------------------------------------------------------------


def file_stem(name: str, taken: set[str]) -> str:
    """A safe, unique file name (without suffix) for a student.

    >>> taken = set(); [file_stem(n, taken) for n in ("Asha Rao", "../etc", "Asha Rao", "")]
    ['Asha_Rao', 'etc', 'Asha_Rao-2', 'answer']
    """
    stem = _UNSAFE_NAME.sub("_", name).strip("._")[:80] or "answer"
    unique, n = stem, 1
    while unique.casefold() in taken:
        n += 1
        unique = f"{stem}-{n}"
    taken.add(unique.casefold())
    return unique


def by_student(sheets: Iterable[FeedbackSheet]) -> dict[tuple[str, str], list[FeedbackSheet]]:
    """Sheets grouped by student within their folder, ``(folder, student)`` (an answer without a student name is its
    own group), in first-seen order: "asha" in two folders of an upload is two students."""
    groups: dict[tuple[str, str], list[FeedbackSheet]] = {}
    for sheet in sheets:
        groups.setdefault((sheet.folder, sheet.student or sheet.answer_key), []).append(sheet)
    return groups


def student_reports(sheets: Iterable[FeedbackSheet]) -> dict[str, bytes]:
    """File name -> bytes: ``<student>.html`` and ``<student>.pdf`` for every student (``<folder>_<student>`` for
    a student in a folder of the upload)."""
    files: dict[str, bytes] = {}
    taken: set[str] = set()
    for (folder, student), group in by_student(sheets).items():
        stem = file_stem(f"{folder}_{student}" if folder else student, taken)
        title = f"Feedback for {student}" + (f" ({folder})" if folder else "")
        files[f"{stem}.html"] = report_html(group, title=title).encode("utf-8")
        files[f"{stem}.pdf"] = report_pdf(group, title=title)
    return files


def reports_zip(sheets: Iterable[FeedbackSheet]) -> bytes:
    """Every student's HTML and PDF sheets in one zip archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in student_reports(sheets).items():
            archive.writestr(name, data)
    return buffer.getvalue()
