"""Validated rubrics kept on disk between processes, in a folder a program hands over.

Reading a rubric's YAML with line numbers (round-trip mode, pure Python) is most of what ``list``, ``validate``
and the first page of the app spend: the bank's eleven rubrics took over a second. With a folder set
(:func:`keep_parsed_in`, called by the shells through :func:`evaluator.runtime.keep_parsed_rubrics`), a rubric
validated once is saved there as JSON, keyed by its exact text and by the code that validates it, and read back
by the next process. A changed rubric or a changed validator is a new key; without a folder nothing is read or
written.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
log = logging.getLogger(__name__)

_FOLDER: list[Path] = []  # the folder handed over, if any
# the code that decides what a rubric's YAML validates to: a change to any of it is a new key
_VALIDATORS = ("rubrics/model.py", "core/values.py", "core/lexicon.py", "core/settings.py", "rubrics/parsed_store.py")


def keep_parsed_in(folder: Path | None) -> None:
    """Keep validated rubrics in ``folder`` from now on (``None``: keep none)."""
    _FOLDER[:] = [folder] if folder is not None else []


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _VALIDATORS:
        digest.update((package / name).read_bytes())
    return digest.digest()


def _path(text: str) -> Path | None:
    if not _FOLDER:
        return None
    key = hashlib.sha256(_code_key() + text.encode("utf-8", "surrogatepass")).hexdigest()
    return _FOLDER[0] / f"{key[:32]}.json"


def load(text: str) -> bytes | None:
    """The JSON of the rubric this YAML text validated to, or ``None`` (no folder, not saved yet, or unreadable)."""
    path = _path(text)
    if path is None or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        log.warning("ignoring the saved rubric %s: %s", path, exc)
        return None


def save(text: str, data: bytes) -> None:
    """Save the JSON of the rubric this text validated to (atomically; a folder that cannot be written is only
    logged)."""
    path = _path(text)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".json", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError as exc:
        log.warning("cannot keep parsed rubrics in %s: %s", path.parent, exc)
