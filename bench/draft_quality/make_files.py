"""Write the .docx and .pdf articles of the draft-quality bench from their text (``article_pasted.txt``).

A mentor may upload the saved file or paste its text; the bench drafts from the file, and the tests check that
pasting gives the same rubric. Headings are paragraphs of their own ("Background:", "2. Background"), bullets
("- ...") become Word list paragraphs in the .docx and "- " lines in the .pdf.

Run: ``.venv/bin/python bench/draft_quality/make_files.py``
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCX = ["one-nation-one-election"]
PDF = ["womens-reservation"]


def write_docx(text: str, out: Path) -> None:
    from docx import Document

    document = Document()
    for block in (b for b in text.split("\n") if b.strip()):
        if block.startswith("- "):
            document.add_paragraph(block[2:], style="List Bullet")
        else:
            document.add_paragraph(block)
    stamp = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the same document on every run
    document.core_properties.created = document.core_properties.modified = stamp
    document.save(str(out))


def write_pdf(text: str, out: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for block in text.split("\n"):
        if not block.strip():
            pdf.ln(3)
            continue
        pdf.multi_cell(0, 6, block.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'),
                       new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


def main() -> None:
    for name in DOCX:
        write_docx((HERE / name / "article_pasted.txt").read_text(encoding="utf-8"), HERE / name / "article.docx")
    for name in PDF:
        write_pdf((HERE / name / "article_pasted.txt").read_text(encoding="utf-8"), HERE / name / "article.pdf")


if __name__ == "__main__":
    main()
