"""A photographed or scanned answer on the student page: the pages as read, the words OCR was unsure of marked on
the page and in the text, so the student checks what was read and corrects it before evaluating."""

from __future__ import annotations

import html
from dataclasses import dataclass

import streamlit as st
from PIL import Image, ImageDraw

from evaluator.io.ocr import OcrPage, OcrResult

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

    @property
    def text(self) -> str:
        return self.result.text


def marked_page(page: OcrPage, unsure_below: float) -> Image.Image:
    """The page as read, with each unsure word boxed in orange and what was left out boxed in grey."""
    image = page.image.convert("RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, image.width // 400)
    for line in page.ignored:
        draw.rectangle(line.box, outline=IGNORED_COLOUR, width=width)
    for line in page.lines:
        for word in line.words:
            if word.confidence < unsure_below:
                draw.rectangle(word.box, outline=UNSURE_COLOUR, width=width)
    return image


def marked_text_html(result: OcrResult) -> str:
    """The text read, paragraph by paragraph, every unsure word in a ``<mark>`` (all of it escaped)."""
    paragraphs = []
    for page in result.pages:
        for paragraph in page.paragraphs:
            words = [word for line in paragraph for word in line.words]
            paragraphs.append(" ".join(
                f'<mark class="ocr-unsure" title="confidence {w.confidence:.0%}">{html.escape(w.text)}</mark>'
                if w.confidence < result.settings.unsure_below else html.escape(w.text) for w in words))
    return f'<div class="ocr-text">{"<br><br>".join(paragraphs)}</div>'


def summary(scan: ScanUpload) -> str:
    """One line: pages, confidence, unsure words, and what to do."""
    result = scan.result
    unsure = len(result.unsure_words)
    pages = f"{len(result.pages)} page{'s' if len(result.pages) != 1 else ''}"
    check = (f"**{unsure} word{'s' if unsure != 1 else ''}** we were unsure of {'are' if unsure != 1 else 'is'} "
             "marked in orange" if unsure else "no word was unsure")
    left_out = sum(len(p.ignored) for p in result.pages)
    note = (f"; {left_out} margin note{'s' if left_out != 1 else ''} or page header{'s' if left_out != 1 else ''} "
            "left out (grey)") if left_out else ""
    complete = all(p.complete for p in result.pages)
    cut = "" if complete else " Reading stopped at the time limit: part of a page is missing."
    cut += f" {result.note}." if result.note else ""
    return (f"**Check what we read** from {scan.name} ({pages}, confidence {result.confidence:.0%}): {check}{note}. "
            f"Correct the text in the box before pressing **Evaluate**: the marks are for the text in the box.{cut}")


def show_pages(scan: ScanUpload) -> None:
    """The page images, one tab per page."""
    pages = scan.result.pages
    tabs = st.tabs([f"Page {p.number}" for p in pages]) if len(pages) > 1 else [st.container()]
    for tab, page in zip(tabs, pages, strict=True):
        with tab:
            st.image(marked_page(page, scan.result.settings.unsure_below), width="stretch",
                     caption=f"Page {page.number} as read (unsure words in orange)")


def show_read_text(scan: ScanUpload) -> None:
    """The summary and the text as read, unsure words marked."""
    (st.warning if scan.result.needs_review else st.info)(summary(scan), icon=":material/document_scanner:")
    with st.expander("The text as we read it, unsure words marked", expanded=scan.result.needs_review):
        st.html(SCAN_CSS + marked_text_html(scan.result))
