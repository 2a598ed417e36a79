"""A photographed or scanned answer on the student page: the pages as read, the words to check marked on the page and
in the text (those OCR was unsure of, and those no vocabulary knows), and the corrections made against the rubric's
and English vocabulary, each of which the student can undo, before evaluating."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import streamlit as st
from PIL import Image, ImageDraw

from evaluator.io.ocr import OcrPage, OcrResult
from evaluator.rubrics.vocabulary import CorrectedText

SCAN = "scan"  # session key of the ScanUpload whose text is in the answer box
UNSURE_COLOUR = (232, 140, 0)  # orange: a word to check
IGNORED_COLOUR = (150, 150, 150)  # grey: margin notes, headers and page numbers left out
SCAN_CSS = """<style>
.ocr-text { line-height: 1.7; white-space: pre-wrap; }
.ocr-text mark.ocr-unsure { background: rgba(232, 140, 0, 0.28); border-bottom: 2px solid #e88c00; padding: 0 1px; }
</style>"""


@dataclass(frozen=True)
class ScanUpload:
    """A photo or scan put into the answer box: its file name and what OCR read (the box holds the edited text)."""

    name: str
    result: OcrResult
    corrected: CorrectedText | None = field(default=None)  # the text checked against the vocabularies

    @property
    def text(self) -> str:
        return self.result.text

    def unsure(self, word: str, confidence: float) -> bool:
        """A word to check: OCR was unsure of it, or it was corrected, or no vocabulary knows it."""
        checked = self.corrected.to_check if self.corrected is not None else frozenset()
        return confidence < self.result.settings.unsure_below or word.strip(".,;:!?()\"'").lower() in checked

    @property
    def to_check(self) -> int:
        return sum(self.unsure(w.text, w.confidence) for w in self.result.words)

    @property
    def needs_review(self) -> bool:
        words = len(self.result.words)
        return self.result.needs_review or self.to_check > self.result.settings.review_unsure_share * words


def marked_page(page: OcrPage, scan: ScanUpload) -> Image.Image:
    """The page as read, with each unsure word boxed in orange and what was left out boxed in grey."""
    image = page.image.convert("RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, image.width // 400)
    for line in page.ignored:
        draw.rectangle(line.box, outline=IGNORED_COLOUR, width=width)
    for line in page.lines:
        for word in line.words:
            if scan.unsure(word.text, word.confidence):
                draw.rectangle(word.box, outline=UNSURE_COLOUR, width=width)
    return image


def marked_text_html(scan: ScanUpload) -> str:
    """The text read, paragraph by paragraph, every word to check in a ``<mark>`` (all of it escaped)."""
    paragraphs, result = [], scan.result
    for page in result.pages:
        for paragraph in page.paragraphs:
            words = [word for line in paragraph for word in line.words]
            paragraphs.append(" ".join(
                f'<mark class="ocr-unsure" title="confidence {w.confidence:.0%}">{html.escape(w.text)}</mark>'
                if scan.unsure(w.text, w.confidence) else html.escape(w.text) for w in words))
    return f'<div class="ocr-text">{"<br><br>".join(paragraphs)}</div>'


def summary(scan: ScanUpload) -> str:
    """One line: pages, confidence, unsure words, and what to do."""
    result = scan.result
    unsure = scan.to_check
    pages = f"{len(result.pages)} page{'s' if len(result.pages) != 1 else ''}"
    check = (f"**{unsure} word{'s' if unsure != 1 else ''}** we were unsure of {'are' if unsure != 1 else 'is'} "
             "marked in orange" if unsure else "no word was unsure")
    left_out = sum(len(p.ignored) for p in result.pages)
    note = (f"; {left_out} margin note{'s' if left_out != 1 else ''} or page header{'s' if left_out != 1 else ''} "
            "left out (grey)") if left_out else ""
    complete = all(p.complete for p in result.pages)
    cut = "" if complete else " Reading stopped at the time limit: part of a page is missing."
    cut += f" {result.note}." if result.note else ""
    fixed = len(scan.corrected.corrections) if scan.corrected is not None else 0
    fixes = (f" {fixed} word{'s were' if fixed != 1 else ' was'} corrected against the question's and English "
             "vocabulary: undo any below.") if fixed else ""
    return (f"**Check what we read** from {scan.name} ({pages}, confidence {result.confidence:.0%}): {check}{note}."
            f"{fixes} Correct the text in the box before pressing **Evaluate**: the marks are for the text in the box "
            f"(spelling is not marked on a photographed answer).{cut}")


def show_pages(scan: ScanUpload) -> None:
    """The page images, one tab per page."""
    pages = scan.result.pages
    tabs = st.tabs([f"Page {p.number}" for p in pages]) if len(pages) > 1 else [st.container()]
    for tab, page in zip(tabs, pages, strict=True):
        with tab:
            st.image(marked_page(page, scan), width="stretch",
                     caption=f"Page {page.number} as read (words to check in orange)")


def show_read_text(scan: ScanUpload) -> None:
    """The summary, the corrections (each with an undo), and the text as read with the words to check marked."""
    (st.warning if scan.needs_review else st.info)(summary(scan), icon=":material/document_scanner:")
    if scan.corrected is not None and scan.corrected.corrections:
        with st.container(border=True, key="ocr_corrections"):
            st.markdown("**Corrections** (untick to undo: the word goes back to what was read)")
            for n, c in enumerate(scan.corrected.corrections):
                st.checkbox(f"{c.original} → {c.corrected}", value=True, key=f"ocr_fix_{n}",
                            on_change=_toggle, args=(c.original, c.corrected, n))
    with st.expander("The text as we read it, words to check marked", expanded=scan.needs_review):
        st.html(SCAN_CSS + marked_text_html(scan))


def _toggle(original: str, corrected: str, n: int) -> None:
    """Undo (or redo) one correction in the answer box, leaving the student's other edits as they are."""
    keep = st.session_state.get(f"ocr_fix_{n}", True)
    old, new = (original, corrected) if keep else (corrected, original)
    text = st.session_state.get("answer", "")
    st.session_state["answer"] = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _: new, text, count=1)
