"""Write article.pdf from article_source.txt in the house style of "Samanvay IAS" daily current affairs notes.

Each page repeats a header line and a footer line with the page number. The title is bold and larger; section
headings ("1. Background"), sub-section headings ("2.1 ...") and "Why in news?" are bold; "a)" bullets are indented
once and "(i)" bullets twice. The plain text is kept in article_source.txt.

Run: ``.venv/bin/python bench/draft_quality/critical-minerals-mission/make_pdf.py``
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
INSTITUTE = "Samanvay IAS | Daily Current Affairs"


class Notes(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 9)
        self.cell(0, 6, f"{INSTITUTE} | Mains Focus: GS Paper III", align="L", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "I", 9)
        self.cell(0, 6, f"{INSTITUTE} | Page {self.page_no()}", align="C")


def main() -> None:
    lines = (HERE / "article_source.txt").read_text(encoding="utf-8").split("\n")
    pdf = Notes(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    first = True
    for line in lines:
        if not line.strip():
            pdf.ln(2)
            continue
        indent = 0
        if first:
            pdf.set_font("Helvetica", "B", 15)
            first = False
        elif re.match(r"^\d+\.\d+ ", line):
            pdf.set_font("Helvetica", "B", 11)
        elif re.match(r"^\d+\. ", line) or line == "Why in news?":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
        elif line.startswith("GS Paper"):
            pdf.set_font("Helvetica", "I", 10)
        elif re.match(r"^[a-z]\) ", line):
            pdf.set_font("Helvetica", "", 11)
            indent = 6
        elif re.match(r"^\([ivx]+\) ", line):
            pdf.set_font("Helvetica", "", 11)
            indent = 14
        elif line.startswith("Mains practice question:"):
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 11)
        else:
            pdf.set_font("Helvetica", "", 11)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(HERE / "article.pdf"))


if __name__ == "__main__":
    main()
