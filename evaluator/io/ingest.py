"""Reading one answer out of a file's bytes: .txt, .md, .docx, .pdf, photos and scans. The one reader every entry
point uses.

:func:`read_answer_bytes` (an upload, a zip entry) and :func:`read_answer_file` (a path, or ``-`` for
standard input) choose the format by the name's suffix, detect the text encoding and apply the size
limits of :mod:`evaluator.io.limits`. Photos (.png, .jpg, .jpeg, .webp, .tif, .tiff) and PDFs without a
text layer are read by OCR (:mod:`evaluator.io.ocr`); their :class:`AnswerFile` carries the OCR result
(page images, per-line confidence, ``needs_review``). Every failure, whatever the parser raised, is an
:class:`IngestError` that names the file and says what is wrong, so a page can show it and a batch can
record it and go on.

The same answer reads the same in every format: a PDF's paragraphs are recovered from its layout
(:func:`join_pdf_lines`), a .docx gives one paragraph per paragraph, and a first line that only names
the question ("Answer - Q1") is kept apart as the file's heading (:func:`split_heading`), not scored.
"""

from __future__ import annotations

import codecs
import io
import re
import statistics
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO

from evaluator.io.archives import ArchiveError, entry_problem, open_zip, read_entry
from evaluator.io.files import FileRefused, read_regular
from evaluator.io.limits import DEFAULT_LIMITS, IMAGE_SUFFIXES, SourceLimits

if TYPE_CHECKING:
    from evaluator.io.ocr import OcrResult

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ""})
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", *IMAGE_SUFFIXES)
STDIN_NAME = "<stdin>.txt"
# Windows Notepad's "Unicode" is UTF-16 with a byte order mark; UTF-32 before UTF-16, whose BOM it starts with
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or a password-protected .docx
# formats a student may save an answer in that are not read: the advice names the way out
_OTHER_FORMATS = {
    ".doc": "an old Word file: save it as .docx",
    ".rtf": "a rich-text file: save it as .docx or .txt",
    ".odt": "an OpenDocument file: save it as .docx",
    ".pages": "a Pages file: export it as .docx or .pdf",
}


class IngestError(ValueError):
    """A file that cannot be read as an answer."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


class NeedsOcr(IngestError):
    """A photo, or a PDF with no text to extract (a scan): its text comes from OCR."""


@dataclass(frozen=True)
class AnswerFile:
    """The text read from one answer file, where it came from, a leading line that only named the question and,
    for photos and scans, what OCR made of it."""

    name: str
    text: str
    kind: str  # "text", "docx", "pdf", "image" (a photo) or "scan" (a PDF of page images)
    heading: str = ""  # e.g. "Answer - Q1": metadata, not part of the answer
    ocr: OcrResult | None = None  # pages, per-line confidence, needs_review: photos and scans only

    @property
    def confidence(self) -> float | None:
        """OCR's mean word confidence in [0, 1], ``None`` for typed files."""
        return None if self.ocr is None else self.ocr.confidence

    @property
    def needs_review(self) -> bool:
        """True when the text was read by OCR with low confidence: a person should check it against the page."""
        return self.ocr is not None and self.ocr.needs_review


TEXT_BLOCK = 1 << 20  # a text file is checked a megabyte at a time


def text_encoding(name: str, stream: BinaryIO) -> str:
    """The encoding of a text file's bytes, checked to the end a block at a time (nothing is kept): UTF-8, with
    or without a byte order mark, or UTF-16/32 with one. Binary data and undecodable bytes are refused with
    their offset, so a CSV of any size is refused before a row of it is used.

    Returns:
        A codec name for :class:`io.TextIOWrapper` (``utf-8-sig`` reads past a UTF-8 byte order mark).

    Raises:
        IngestError: not text, naming the byte and where it is.
    """
    head = stream.read(4)
    bom = next(((b, enc) for b, enc in _BOMS if head.startswith(b)), None)
    encoding = bom[1] if bom else "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)()
    block, offset = head + stream.read(TEXT_BLOCK), 0  # a whole first block: binary data says so before a bad byte
    if not bom and block.startswith(codecs.BOM_UTF8):
        block, offset = block[3:], 3
    while True:
        if not bom and b"\x00" in block:
            raise IngestError(name, "not a text file (it holds binary data): save the answer as .txt, .md, .docx or "
                                    ".pdf")
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            at = offset - pending + exc.start
            if bom:
                raise IngestError(name, f"starts like {encoding.upper()} text but is not (invalid data at offset "
                                        f"{at}); save the file as UTF-8") from None
            raise IngestError(name, f"not UTF-8 text (invalid byte 0x{exc.object[exc.start]:02x} at offset {at}); "
                                    "save the file as UTF-8") from None
        if not block:
            return encoding if bom else "utf-8-sig"
        offset += len(block)
        block = stream.read(TEXT_BLOCK)


def decode_text(name: str, data: bytes) -> str:
    """Decode plain-text bytes as UTF-8 (BOM allowed) or UTF-16/32 with a BOM, refusing binary data with a clear reason.

    >>> decode_text("a.txt", "भारत".encode("utf-16"))
    'भारत'
    >>> decode_text("a.txt", "Défense".encode("latin-1"))
    Traceback (most recent call last):
    ...
    evaluator.io.ingest.IngestError: a.txt: not UTF-8 text (invalid byte 0xe9 at offset 1); save the file as UTF-8
    """
    return data.decode(text_encoding(name, io.BytesIO(data)))


# --- .docx: a zip of XML parts, read through the same zip limits as a batch archive ---

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_PART = "word/document.xml"  # where every word processor puts it; _rels/.rels says so
_TAB_TAGS = (f"{_W}tab", f"{_W}ptab")


def _docx_text(name: str, data: bytes, limits: SourceLimits, *, mark_lists: bool = False) -> str:
    """The body paragraphs of a Word document, one per paragraph (line breaks inside a paragraph kept).

    With ``mark_lists`` a list paragraph (numbered or bulleted, by numbering or a "List ..." style) starts with
    "- ", as it would be typed: an article's bullets stay bullets.
    """
    if data[:8] == _OLE_MAGIC:
        raise IngestError(name, "password-protected or old-format (.doc) Word file; save it as an unprotected .docx")
    try:
        with open_zip(name, io.BytesIO(data), limits) as archive:
            part = _main_part(archive, limits)
            root = _parse_xml(_docx_part(name, archive, part, limits))
        body = root.find(f"{_W}body")
        if body is None:
            raise ArchiveError(f"{part} has no document body", kind=f"{part} has no document body")
        texts = [("- " if mark_lists and _is_list(p) else "") + _paragraph_text(p) for p in body.iterchildren(f"{_W}p")]
    except IngestError:
        raise
    except ArchiveError as exc:  # a broken zip is a broken .docx; a zip over the limits is refused as one
        raise IngestError(name, f"corrupt or not a .docx file ({exc.kind})" if exc.kind else f"refused: {exc.reason}"
                          ) from None
    except Exception as exc:  # noqa: BLE001 - whatever the XML parser raises on a hostile file is this file's error
        raise IngestError(name, f"corrupt or not a .docx file ({type(exc).__name__})") from None
    return "\n\n".join(t for t in texts if t.strip())


def _is_list(paragraph: Any) -> bool:
    """A list item: the paragraph has numbering, or a list style ("List Bullet", "List Number", "ListParagraph")."""
    props = paragraph.find(f"{_W}pPr")
    if props is None:
        return False
    style = props.find(f"{_W}pStyle")
    return props.find(f"{_W}numPr") is not None or (
        style is not None and style.get(f"{_W}val", "").lower().startswith("list"))


def _main_part(archive: Any, limits: SourceLimits) -> str:
    """The main document part named by the package's relationships (``word/document.xml`` when they do not say)."""
    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        return _MAIN_PART
    if entry_problem(info, limits):
        return _MAIN_PART
    rels = _parse_xml(read_entry(archive, info))
    for rel in rels.iterchildren(f"{_RELS}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
            return rel.get("Target", _MAIN_PART).lstrip("/")
    return _MAIN_PART


def _docx_part(name: str, archive: Any, part: str, limits: SourceLimits) -> bytes:
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise ArchiveError(f"no {part}") from None
    problem = entry_problem(info, limits)
    if problem:  # checked before a byte is inflated: a 63 kB file holding 20 MB of empty paragraphs stops here
        raise IngestError(name, f"{part}: {problem}")
    return read_entry(archive, info)


def _parse_xml(data: bytes) -> Any:
    from lxml import etree

    # no DTD entities, no network: a document part is plain XML
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ArchiveError(f"a part is not well-formed XML: {exc}") from None


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it: runs (also inside hyperlinks), tabs, line breaks, non-breaking hyphens."""
    parts: list[str] = []
    for child in paragraph:
        if child.tag == f"{_W}r":
            runs = [child]
        elif child.tag == f"{_W}hyperlink":
            runs = list(child.iterchildren(f"{_W}r"))
        else:
            continue
        for run in runs:
            for item in run:
                tag = item.tag
                if tag == f"{_W}t":
                    parts.append(item.text or "")
                elif tag in _TAB_TAGS:
                    parts.append("\t")
                elif tag == f"{_W}br":  # a page or column break is no text; a line break is a new line
                    parts.append("\n" if item.get(f"{_W}type", "textWrapping") == "textWrapping" else "")
                elif tag == f"{_W}cr":
                    parts.append("\n")
                elif tag == f"{_W}noBreakHyphen":
                    parts.append("-")
    return "".join(parts)


# --- .pdf: text with its layout, so paragraphs come back as the student wrote them ---


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a PDF page: where it starts and ends (PDF units; y grows up the page)."""

    text: str
    x: float
    y: float
    right: float  # where its text ends
    lead: float = 0.0  # width of a space and its first word: what would have had to fit after the line before
    page: int = 0
    size: float = 10.0  # font size: an em, for indents
    page_right: float = 0.0  # the page's right edge (0: unknown)


EDGE_LINES = 2  # a page's running header or footer is among its first or last lines


def without_page_furniture(lines: Sequence[PdfLine]) -> list[PdfLine]:
    """The lines without the running headers and footers of a document of several pages: a line at the top or bottom
    of a page that recurs there, its digits aside, on at least two pages and half of them ("XYZ IAS | Page 2").

    >>> pages = [[("XYZ IAS | Daily", 800), (f"{n}. {part}", 760), (f"{part} text.", 740), (f"Page {n}", 40)]
    ...          for n, part in ((1, "Background"), (2, "Concerns"))]
    >>> [line.text for line in without_page_furniture([PdfLine(t, 60, y, 300, page=n)
    ...                                                for n, page in enumerate(pages) for t, y in page])]
    ['1. Background', 'Background text.', '2. Concerns', 'Concerns text.']
    """
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line)
    if len(by_page) < 2:
        return list(lines)

    def key(line: PdfLine) -> str:
        return " ".join(re.sub(r"\d+", "#", line.text).lower().split())

    edges: dict[int, set[int]] = {}
    seen: dict[str, set[int]] = {}
    for page, on_page in by_page.items():
        ordered = sorted(on_page, key=lambda line: -line.y)
        edge = {id(line) for line in (*ordered[:EDGE_LINES], *ordered[-EDGE_LINES:])}
        edges[page] = edge
        for line in on_page:
            if id(line) in edge:
                seen.setdefault(key(line), set()).add(page)
    running = {k for k, pages in seen.items() if len(pages) >= max(2, len(by_page) / 2)}
    return [line for line in lines if not (id(line) in edges.get(line.page, ()) and key(line) in running)]


PARAGRAPH_GAP = 1.25  # a gap this many times the usual line spacing separates paragraphs
INDENT_EMS = 1.0  # a first line starting this many ems right of the margin opens a paragraph
FULL_LINE = 0.9  # lines ending this close to the longest (or a longest line this close to the margin) are full
_BULLET = re.compile(r"^(?:[-–—•▪◦●*·]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s")


def join_pdf_lines(lines: Sequence[PdfLine]) -> str:
    """Text with the paragraphs and line breaks a PDF's layout shows, wrapped lines joined again.

    A gap larger than the usual line spacing, or an indented line after a line that ended, starts a paragraph.
    A line was wrapped by the layout, and is joined to the next with a space (without one after a hyphen,
    as in "co-" + "production"), when the next line's first word would not have fitted after it; a line
    that ends with room to spare, or before a bullet, was ended by the student.

    >>> rows = [("Introduction", 800, 120), ("India and the US signed a roadmap for joint production", 788, 500),
    ...         ("of jet engines.", 776, 150), ("- First point.", 752, 140), ("- Second point.", 740, 150)]
    >>> print(join_pdf_lines([PdfLine(t, 60, y, right, lead=20, page_right=560) for t, y, right in rows]))
    Introduction
    India and the US signed a roadmap for joint production of jet engines.
    <BLANKLINE>
    - First point.
    - Second point.
    """
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return ""
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and a.y - b.y > 0]
    spacing = statistics.quantiles(gaps, n=5)[0] if len(gaps) > 1 else (gaps[0] if gaps else lines[0].size)
    margin = {line.page: line.x for line in reversed(lines)}
    for line in lines:
        margin[line.page] = min(margin[line.page], line.x)
    # where lines wrap: the longest line's end, unless no line comes near the right margin (a list of short
    # lines), then the page width less the left margin (word processors keep equal side margins)
    longest = max(line.right for line in lines)
    symmetric = max(line.page_right - margin[line.page] for line in lines)
    full_lines = sum(line.right >= FULL_LINE * longest for line in lines)
    set_in_full_lines = full_lines >= max(2, 0.3 * len(lines)) or longest >= FULL_LINE * symmetric
    edge = longest if set_in_full_lines else symmetric

    def indented(line: PdfLine) -> bool:
        return line.x - margin[line.page] >= INDENT_EMS * line.size

    def full(line: PdfLine, after: PdfLine) -> bool:
        # the next line's first word (and a space) would not have fitted at the end of this line
        return line.right + after.lead > edge

    out = [lines[0].text.strip()]
    in_bullet = bool(_BULLET.match(out[0]))  # a bullet's wrapped lines may hang indented under its text
    for prev, cur in zip(lines, lines[1:], strict=False):
        text = cur.text.strip()
        gap = prev.y - cur.y
        wrapped = full(prev, cur)
        if cur.page == prev.page and (gap > PARAGRAPH_GAP * spacing or gap < 0):
            out.append("\n\n")  # a paragraph gap, or a new column
        elif cur.page == prev.page and indented(cur) and not (in_bullet and wrapped):
            out.append("\n\n")  # a first-line indent
        elif _BULLET.match(text) or not wrapped:
            out.append("\n")
        else:
            out.append("" if re.search(r"[^\W\d_]-$", out[-1]) else " ")
        in_bullet = bool(_BULLET.match(text)) or (in_bullet and out[-1] in ("", " "))
        out.append(text)
    return "".join(out)


def _pdf_lines(page: Any, number: int) -> list[PdfLine]:
    """The lines pypdf extracts from one page, each with where its text starts and ends."""
    lines: list[PdfLine] = []
    text: list[str] = []
    box: list[float] = []  # x, y, right, lead, size of the line so far
    page_right = float(page.mediabox.right)
    fonts: dict[int, Any] = {}

    def width(piece: str, font: Any, size: float) -> float:
        try:
            metrics = fonts.get(id(font))
            if metrics is None:
                from pypdf.generic._font import Font

                metrics = fonts[id(font)] = Font.from_font_resource(font)
            return metrics.get_text_width(piece) * size / 1000
        except Exception:  # noqa: BLE001 - a font without usable metrics: half an em a character
            return 0.5 * size * len(piece)

    def close() -> None:
        if box:
            lines.append(PdfLine("".join(text), *box[:4], number, box[4], page_right))
        text.clear()
        box.clear()

    def visit(chunk: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: float) -> None:
        # the text matrix's origin through the current transformation matrix: where this chunk starts
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = abs(cm[0] * tm[0]) or 1.0
        for k, piece in enumerate(chunk.split("\n")):
            if k:
                close()
            text.append(piece)
            if piece.strip():
                right = x + width(piece, font, size) * scale
                if box:
                    box[2] = max(box[2], right)
                else:
                    lead = width(" " + piece.split()[0], font, size) * scale
                    box.extend((x, y, right, lead, size * scale))

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _content_bytes(page: Any, budget: int) -> int:
    """Bytes of drawing instructions pypdf parses to extract a page's text: its content streams and those of the
    form XObjects it uses (images are not parsed, so they do not count)."""
    from pypdf.generic import ArrayObject, StreamObject

    def resolve(obj: Any) -> Any:
        return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj

    contents = resolve(page.get("/Contents"))
    streams = [resolve(s) for s in contents] if isinstance(contents, ArrayObject) else [contents]
    resources, seen = [resolve(page.get("/Resources"))], set()
    while resources:
        holder = resources.pop()
        xobjects = resolve(holder.get("/XObject")) if hasattr(holder, "get") else None
        for form in (resolve(x) for x in (xobjects.values() if hasattr(xobjects, "values") else ())):
            if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form" and id(form) not in seen:
                seen.add(id(form))
                streams.append(form)
                resources.append(resolve(form.get("/Resources")))
    return sum(_decoded_size(s, budget) for s in streams if isinstance(s, StreamObject))


def _decoded_size(stream: Any, budget: int) -> int:
    """A stream's decoded size, counted only up to ``budget + 1`` bytes for a plain deflated stream (a bomb is not
    inflated to find out); other filters are decoded by pypdf, which refuses more than its own limit."""
    raw = getattr(stream, "_data", None)  # the encoded bytes (pypdf keeps them there)
    if stream.get("/Filter") == "/FlateDecode" and "/DecodeParms" not in stream and isinstance(raw, bytes):
        try:
            return len(zlib.decompressobj().decompress(raw, budget + 1))
        except zlib.error:
            pass  # let pypdf try: it recovers some damaged streams
    return len(stream.get_data())


def _pdf_text(name: str, data: bytes, limits: SourceLimits) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(name, "password-protected PDF; remove the password and upload again")
        pages = reader.pages
        if len(pages) > limits.max_pdf_pages:
            raise IngestError(name, f"the PDF has {len(pages):,} pages; answers of up to {limits.max_pdf_pages:,} "
                                    "pages are read")
        drawn = 0
        for page in pages:  # pypdf parses drawing instructions at ~100 kB/s: bound them before any is parsed
            drawn += _content_bytes(page, limits.max_pdf_content_bytes - drawn)
            if drawn > limits.max_pdf_content_bytes:
                raise IngestError(name, f"the PDF's pages hold over {limits.max_pdf_content_bytes:,} bytes of "
                                        "drawing instructions, far more than an answer's text needs (a PDF bomb?)")
        lines = [line for number, page in enumerate(pages) for line in _pdf_lines(page, number)]
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises dozens of types on hostile files (LimitReachedError...)
        raise IngestError(name, f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    text = join_pdf_lines(without_page_furniture(lines))
    if not text.strip():
        raise NeedsOcr(name, "the PDF has no text layer")
    return text


# --- what every format shares ---

_QUESTION_LABEL = re.compile(
    r"""^[^\w]*                                              # leading '#', '*', '(' ...
        (?:(?:answer|ans)\b\.?[\s.:#\-–—]*(?:to|for|of)?\s*  # "Answer -", "Ans.", "Answer to"
           (?:(?:question|ques|qn|q)\.?[\s.:#\-–—]*(?:no\.?\s*)?)?
         | (?:question|ques|qn|q)\.?[\s.:#\-–—]*(?:no\.?\s*)?)  # "Q", "Q.", "Question No."
        \d{1,3}[a-z]?(?!\d)""", re.IGNORECASE | re.VERBOSE)
HEADING_MAX_WORDS = 12


def split_heading(text: str) -> tuple[str, str]:
    """``(heading, answer)``: a first line that names the question ("Answer - Q1", "Q2.", "Question 3 (15 marks)")
    is the file's label, not part of the answer; any other first line is kept.

    >>> split_heading("Answer - Q1\\n\\nIndia and the US...")
    ('Answer - Q1', 'India and the US...')
    >>> split_heading("Introduction\\nIndia and the US...")
    ('', 'Introduction\\nIndia and the US...')
    >>> split_heading("Q1 India and the US signed a roadmap for the co-production of jet engines in 2023.")[0]
    ''
    """
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    if not newline or not _QUESTION_LABEL.match(first) or len(first.split()) > HEADING_MAX_WORDS:
        return "", text
    return first.strip(), rest.lstrip("\r\n")


def format_problem(name: str) -> str | None:
    """Why a file of this name is not read as an answer (its type), or ``None`` for .txt, .md, .docx and .pdf.

    >>> format_problem("q1_asha.doc")
    "unsupported file type '.doc' (an old Word file: save it as .docx)"
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix in SUPPORTED_SUFFIXES:
        return None
    if suffix in _OTHER_FORMATS:
        return f"unsupported file type '{suffix}' ({_OTHER_FORMATS[suffix]})"
    return f"unsupported file type '{suffix}'; use {', '.join(SUPPORTED_SUFFIXES)}"


def read_answer_bytes(name: str, data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS, ocr: bool = True,
                      on_page: Callable[[int, int], None] | None = None) -> AnswerFile:
    """The answer inside a file's bytes, read by the file name's suffix.

    With ``ocr=False`` a photo or a scanned PDF raises :class:`NeedsOcr` instead of being read (a batch reads
    it later, in a worker process). ``on_page(n, pages)`` is called before OCR reads page ``n`` (from 1).

    >>> read_answer_bytes("a.txt", "India–US".encode()).text
    'India–US'
    >>> read_answer_bytes("a.exe", b"MZ")
    Traceback (most recent call last):
    ...
    evaluator.io.ingest.IngestError: a.exe: unsupported file type '.exe'; use .txt, .md, .docx, .pdf, .png, .jpg, \
.jpeg, .webp, .tif, .tiff
    >>> read_answer_bytes("a.rtf", b"{\\\\rtf1}")
    Traceback (most recent call last):
    ...
    evaluator.io.ingest.IngestError: a.rtf: unsupported file type '.rtf' (a rich-text file: save it as .docx or .txt)
    """
    problem = format_problem(name)
    if problem:
        raise IngestError(name, problem)
    if len(data) > limits.max_bytes_for(name):
        raise IngestError(name, f"file is {len(data):,} bytes; the limit is {limits.max_bytes_for(name):,}")
    suffix = PurePath(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        if not ocr:
            raise NeedsOcr(name, "a photo")
        return _ocr_answer(name, data, "image", limits, on_page)
    if suffix == ".docx":
        kind, text = "docx", _docx_text(name, data, limits)
    elif suffix == ".pdf":
        try:
            kind, text = "pdf", _pdf_text(name, data, limits)
        except NeedsOcr:
            if not ocr:
                raise
            return _ocr_answer(name, data, "scan", limits, on_page)
    else:
        kind, text = "text", decode_text(name, data)
    heading, text = split_heading(text)
    return AnswerFile(name, text, kind, heading)


def _ocr_answer(name: str, data: bytes, kind: str, limits: SourceLimits,
                on_page: Callable[[int, int], None] | None = None) -> AnswerFile:
    """A photo or a scanned PDF, read by OCR."""
    from evaluator.io.ocr import OcrError, read_scan

    try:
        result = read_scan(data, pdf=kind == "scan", limits=limits, on_page=on_page)
    except OcrError as exc:
        raise IngestError(name, exc.reason) from None
    return AnswerFile(name, result.text, kind, ocr=result)


def read_answer_file(source: str | Path, *, limits: SourceLimits = DEFAULT_LIMITS,
                     stdin: BinaryIO | None = None) -> AnswerFile:
    """The answer in a file on disk, or on ``stdin`` when ``source`` is ``-``, never reading past the size limit."""
    limit = limits.max_bytes_for(str(source))
    if str(source) == "-":
        if stdin is None:
            raise IngestError(STDIN_NAME, "no standard input to read")
        data = stdin.read(limit + 1)
        if len(data) > limit:
            raise IngestError(STDIN_NAME, f"input is over {limit:,} bytes")
        return read_answer_bytes(STDIN_NAME, data, limits=limits)
    path = Path(source)
    name = str(source)
    try:
        data = read_regular(path, limit)
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except FileRefused as exc:
        raise IngestError(name, exc.strerror) from None
    except OSError as exc:
        raise IngestError(name, f"cannot read the file ({exc.strerror or exc})") from None
    return read_answer_bytes(name, data, limits=limits)
