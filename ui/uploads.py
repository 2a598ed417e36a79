"""Reading an uploaded answer file on any page: the evaluator's one reader, with the server's upload limits."""

from __future__ import annotations

from evaluator.io.ingest import SUPPORTED_SUFFIXES, AnswerFile, IngestError, read_answer_bytes
from evaluator.io.limits import LimitsError, limits_from_env

ANSWER_TYPES = [s.lstrip(".") for s in SUPPORTED_SUFFIXES]


def read_upload_file(name: str, data: bytes) -> tuple[AnswerFile | None, str]:
    """The uploaded answer (a photo or scan read by OCR) and ``""``, or ``None`` and a message saying why it cannot be
    read."""
    try:
        return read_answer_bytes(name, data, limits=limits_from_env()), ""
    except IngestError as exc:
        return None, f"Could not read the file — {exc}"
    except LimitsError as exc:
        return None, f"The server's upload limits are misconfigured — {exc}"


def read_upload(name: str, data: bytes) -> tuple[str, str]:
    """The answer text of an uploaded file and ``""``, or ``""`` and a message saying why it cannot be read."""
    answer, error = read_upload_file(name, data)
    return (answer.text if answer else ""), error
