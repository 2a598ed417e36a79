"""Reading an uploaded answer file on any page: the evaluator's one reader, with the server's upload limits."""

from __future__ import annotations

import math
from collections.abc import Callable

from evaluator.io.ingest import SUPPORTED_SUFFIXES, AnswerFile, IngestError, read_answer_bytes
from evaluator.io.limits import DEFAULT_LIMITS, LimitsError, SourceLimits, limits_from_env

ANSWER_TYPES = [s.lstrip(".") for s in SUPPORTED_SUFFIXES]


def read_upload_file(name: str, data: bytes, on_page: Callable[[int, int], None] | None = None
                     ) -> tuple[AnswerFile | None, str]:
    """The uploaded answer (a photo or scan read by OCR, ``on_page(n, pages)`` called before each page) and ``""``, or
    ``None`` and a message saying why it cannot be read."""
    try:
        return read_answer_bytes(name, data, limits=limits_from_env(), on_page=on_page), ""
    except IngestError as exc:
        return None, f"Could not read the file — {exc}"
    except LimitsError as exc:
        return None, f"The server's upload limits are misconfigured — {exc}"


def read_upload(name: str, data: bytes) -> tuple[str, str]:
    """The answer text of an uploaded file and ``""``, or ``""`` and a message saying why it cannot be read."""
    answer, error = read_upload_file(name, data)
    return (answer.text if answer else ""), error


def _limits() -> SourceLimits:
    try:
        return limits_from_env()
    except LimitsError:  # said where the limits are used; an uploader keeps the defaults meanwhile
        return DEFAULT_LIMITS


def _megabytes(limit: int) -> int:
    """A byte limit as Streamlit's uploader counts it: whole megabytes of 2**20 bytes, rounded up."""
    return max(1, math.ceil(limit / 2**20))


def answer_upload_mb() -> int:
    """The browser's limit for one typed answer, article, rubric or marks file: the reader's file limit (5 MB)."""
    return _megabytes(_limits().max_file_bytes)


def scan_upload_mb() -> int:
    """The browser's limit for an answer that may be a photo or scan: the reader's scan limit (20 MB)."""
    return _megabytes(max(_limits().max_scan_bytes, _limits().max_file_bytes))


def archive_upload_mb() -> int:
    """The browser's limit for a class's .zip or .csv on the batch page: the command line's archive limit (200 MB)."""
    return _megabytes(_limits().max_archive_bytes)
