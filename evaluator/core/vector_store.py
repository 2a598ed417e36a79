"""Rubric texts' sentence vectors kept on disk between processes, in a folder a program hands over.

A new process (``score``, a batch worker started by loky, the app after a restart) would otherwise encode every
key point, hint, misconception and article sentence of a rubric again before its first answer. With a folder
set (:func:`keep_vectors_in`, called by the shells through :func:`evaluator.runtime.keep_rubric_vectors`), the
encoders save the vectors of a rubric's texts there once and read them back after, keyed by the model and the
exact texts (a changed rubric is a new key). Without a folder nothing is read or written: the core stays pure.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

_FOLDER: list[Path] = []  # the folder handed over, if any


def keep_vectors_in(folder: Path | None) -> None:
    """Keep rubric vectors in ``folder`` from now on (``None``: keep none)."""
    _FOLDER[:] = [folder] if folder is not None else []


def _path(model: str, texts: tuple[str, ...]) -> Path | None:
    if not _FOLDER:
        return None
    key = hashlib.sha256(json.dumps([model, texts], ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
    return _FOLDER[0] / f"{key[:32]}.npz"


def load(model: str, texts: tuple[str, ...]) -> dict[str, np.ndarray] | None:
    """The arrays saved for these texts by this model, or ``None`` (no folder, not saved yet, or unreadable)."""
    path = _path(model, texts)
    if path is None or not path.is_file():
        return None
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as saved:
            return {name: saved[name] for name in saved.files}
    except (OSError, ValueError, KeyError) as exc:  # a damaged file is encoded again (and replaced)
        log.warning("ignoring the saved vectors %s: %s", path, exc)
        return None


def save(model: str, texts: tuple[str, ...], arrays: dict[str, np.ndarray]) -> None:
    """Save the arrays for these texts (atomically; a folder that cannot be written is only logged)."""
    path = _path(model, texts)
    if path is None:
        return
    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
            np.savez(handle, **arrays)
        os.replace(handle.name, path)
    except OSError as exc:
        log.warning("cannot keep rubric vectors in %s: %s", path.parent, exc)
