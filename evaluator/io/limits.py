"""Every size limit on what enters the evaluator, with the environment variables a deployment can change.

The answer's own length limits are scoring settings (``ScoringSettings.max_chars`` and ``max_words``,
per rubric). The limits on files, archives and batches are here, in :class:`SourceLimits`, and each
has an environment variable:

- ``UPSC_EVAL_MAX_UPLOAD_BYTES`` (``max_file_bytes``, default 5,000,000): one answer file,
  upload, zip entry or CSV cell;
- ``UPSC_EVAL_MAX_ARCHIVE_BYTES`` (``max_archive_bytes``, default 200,000,000): one .zip, on disk
  and unpacked, or one answer CSV;
- ``UPSC_EVAL_MAX_ZIP_RATIO`` (``max_ratio``, default 100): unpacked / packed size of a zip entry;
- ``UPSC_EVAL_MAX_FILES`` (``max_files``, default 10,000): answers in one batch;
- ``UPSC_EVAL_MAX_SCAN_BYTES`` (``max_scan_bytes``, default 20,000,000): one photo, scan or PDF (a PDF may be a scan);
- ``UPSC_EVAL_MAX_PAGES`` (``max_pages``, default 8): pages of one photographed or scanned answer;
- ``UPSC_EVAL_MAX_IMAGE_PIXELS`` (``max_image_pixels``, default 40,000,000): one page image (an A4 page scanned
  at 600 dpi is 35 megapixels), checked from the image's header before it is decoded (decompression bombs);
- ``UPSC_EVAL_MAX_PAGE_BYTES`` (``max_page_bytes``, default 100,000,000): one page image once decoded, from its
  header (width x height x bytes per pixel of its mode: 4 for colour, 2 for 16-bit grey, 4 for 32-bit float), before it
  is decoded; pages are decoded one at a time, so this bounds a photo's or scan's memory whatever its page count;
- ``UPSC_EVAL_OCR_SECONDS`` (``ocr_seconds_per_page``, default 60): OCR time per page (wall clock); what is not
  read by then is left out and the answer is flagged for review;
- ``UPSC_EVAL_OCR_UPLOAD_SECONDS`` (``ocr_seconds_per_upload``, default 90): OCR time for all the pages of one
  answer (wall clock); pages not read by then are left out, the answer is flagged for review and told which.
- ``UPSC_EVAL_MAX_ZIP_ENTRIES`` (``max_entries``, default 20,000): entries listed in one zip (a batch
  archive or a .docx);
- ``UPSC_EVAL_MAX_PDF_PAGES`` (``max_pdf_pages``, default 100) and ``UPSC_EVAL_MAX_PDF_CONTENT_BYTES``
  (``max_pdf_content_bytes``, default 400,000): pages, and decoded drawing instructions, of one PDF.

The zip limits (entries, unpacked size and ratio of every entry read) hold for every zip-based format
the evaluator reads, batch archives and .docx documents alike (:mod:`evaluator.io.archives`).

>>> limits_from_env({"UPSC_EVAL_MAX_FILES": "50"}).max_files
50
>>> limits_from_env({}) == DEFAULT_LIMITS
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath

# photos and scans: read by OCR (evaluator.io.ocr); a .pdf may be one, so it has the scans' byte limit
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff")
SCAN_SUFFIXES = (*IMAGE_SUFFIXES, ".pdf")


@dataclass(frozen=True)
class SourceLimits:
    """Limits that keep one upload or batch from exhausting memory or disk (every refusal says which limit)."""

    max_files: int = 10_000  # answers per batch
    max_archive_bytes: int = 200_000_000  # one .zip (on disk and unpacked) or one answer CSV
    max_ratio: float = 100.0  # uncompressed / compressed size of one archive entry (text compresses ~3-5x)
    max_file_bytes: int = 5_000_000  # one answer file: a typed answer is a few kB, a 10-page text PDF under this
    max_scan_bytes: int = 20_000_000  # one photo, scan or PDF: 8 phone photos of ~2.5 MB
    max_pages: int = 8  # pages of one photographed or scanned answer (a 250-word answer fills 2-3)
    max_image_pixels: int = 40_000_000  # one page image, from its header before decoding (A4 at 600 dpi: 35 Mpx)
    ocr_seconds_per_page: float = 60.0  # 2-5 s a page on 2 idle cores, 25 s with 6 jobs per core; then the page is cut
    # one decoded page: a 12-megapixel colour phone photo is 48 MB, an A4 page in 16-bit grey at 600 dpi 70 MB; a
    # 6300x6300 page of 32-bit floats (159 MB) is refused before it is decoded
    max_page_bytes: int = 100_000_000
    ocr_seconds_per_upload: float = 90.0  # all pages of one answer: 3-8 pages in 90 s on an idle machine

    def max_bytes_for(self, name: str) -> int:
        """The byte limit of an answer file with this name: photos, scans and PDFs are larger than typed text.

        >>> SourceLimits().max_bytes_for("page1.JPG"), SourceLimits().max_bytes_for("a.txt")
        (20000000, 5000000)
        """
        return self.max_scan_bytes if PurePath(name).suffix.lower() in SCAN_SUFFIXES else self.max_file_bytes
    max_entries: int = 20_000  # entries in one zip's directory (parsed whole): a class archive, or a .docx's parts
    max_pdf_pages: int = 100  # pages of one PDF answer: 5,000 words fill about 15
    # decoded drawing instructions of one PDF: pypdf parses them at ~100-200 kB/s (seconds in a process all the app's
    # students share); a word processor writes 30,000 characters of text in 100-200 kB
    max_pdf_content_bytes: int = 400_000


DEFAULT_LIMITS = SourceLimits()
MAX_FILE_BYTES = DEFAULT_LIMITS.max_file_bytes

ENV_VARS: dict[str, str] = {
    "max_file_bytes": "UPSC_EVAL_MAX_UPLOAD_BYTES",
    "max_archive_bytes": "UPSC_EVAL_MAX_ARCHIVE_BYTES",
    "max_ratio": "UPSC_EVAL_MAX_ZIP_RATIO",
    "max_files": "UPSC_EVAL_MAX_FILES",
    "max_scan_bytes": "UPSC_EVAL_MAX_SCAN_BYTES",
    "max_pages": "UPSC_EVAL_MAX_PAGES",
    "max_image_pixels": "UPSC_EVAL_MAX_IMAGE_PIXELS",
    "ocr_seconds_per_page": "UPSC_EVAL_OCR_SECONDS",
    "max_page_bytes": "UPSC_EVAL_MAX_PAGE_BYTES",
    "ocr_seconds_per_upload": "UPSC_EVAL_OCR_UPLOAD_SECONDS",
    "max_entries": "UPSC_EVAL_MAX_ZIP_ENTRIES",
    "max_pdf_pages": "UPSC_EVAL_MAX_PDF_PAGES",
    "max_pdf_content_bytes": "UPSC_EVAL_MAX_PDF_CONTENT_BYTES",
}


class LimitsError(ValueError):
    """An environment variable that does not hold a usable limit."""


def limits_from_env(environ: Mapping[str, str] | None = None) -> SourceLimits:
    """The default source limits, with any set ``UPSC_EVAL_MAX_*`` variable applied.

    Args:
        environ: the environment to read (default: ``os.environ``); empty values are ignored.

    Returns:
        A :class:`SourceLimits`.

    Raises:
        LimitsError: naming the variable, its value and what is allowed.

    >>> limits_from_env({"UPSC_EVAL_MAX_UPLOAD_BYTES": "1_000_000", "UPSC_EVAL_MAX_ZIP_RATIO": "20"}).max_ratio
    20.0
    >>> limits_from_env({"UPSC_EVAL_MAX_FILES": "lots"})
    Traceback (most recent call last):
    ...
    evaluator.io.limits.LimitsError: UPSC_EVAL_MAX_FILES='lots': must be a whole number above 0 (default 10000)
    """
    environ = os.environ if environ is None else environ
    changes: dict[str, float | int] = {}
    for field_name, variable in ENV_VARS.items():
        raw = (environ.get(variable) or "").strip()
        if not raw:
            continue
        default = getattr(DEFAULT_LIMITS, field_name)
        kind = float if isinstance(default, float) else int
        try:
            value = kind(raw)
        except ValueError:
            value = 0
        if not value > 0 or value == float("inf"):
            noun = "a number" if kind is float else "a whole number"
            raise LimitsError(f"{variable}={raw!r}: must be {noun} above 0 (default {default:g})")
        changes[field_name] = value
    return replace(DEFAULT_LIMITS, **changes) if changes else DEFAULT_LIMITS
