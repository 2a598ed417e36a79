"""English word frequencies (spaCy's ``lexeme_prob`` table, a million words) in a form that loads in milliseconds.

spacy-lookups-data ships the table as gzipped JSON. Loaded as a spaCy ``Table`` it took about 3.5 s of CPU and
280 MB; parsed into a dict, 0.9 s and 130 MB. The set-up step (``python -m evaluator setup``) writes it once per
machine as two sorted arrays, 64-bit hashes of the words and their log probabilities (16 MB, memory-mapped), into
the same cache folder as the int8 sentence model. Scoring reads that file when it is there and otherwise parses
the JSON into a dict (same values, slower start); it never writes the file itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE = "lexeme_prob"


def _source() -> Path:
    """The gzipped JSON table inside spacy-lookups-data."""
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).resolve().parent / "data" / f"en_{TABLE}.json.gz"


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def table_path() -> Path:
    """Where the built table for the installed spacy-lookups-data is (or would be) kept."""
    from evaluator.core.embedding import cache_dir

    source = _source()
    stamp = hashlib.sha256(f"{source.stat().st_size}:{source.stat().st_mtime_ns}:v1".encode()).hexdigest()[:16]
    return cache_dir() / f"word-frequencies-{stamp}.npy"


class HashedTable:
    """Log probabilities looked up by a word's 64-bit hash in sorted arrays (a collision among a million words in
    2**64 is as good as impossible). Only lookups: the words themselves are not kept."""

    def __init__(self, rows: np.ndarray) -> None:
        self._hashes = rows["hash"]
        self._values = rows["value"]

    def get(self, word: str) -> float | None:
        key = np.uint64(_word_hash(word))
        at = int(np.searchsorted(self._hashes, key))
        if at < len(self._hashes) and self._hashes[at] == key:
            return float(self._values[at])
        return None

    def __len__(self) -> int:
        return len(self._hashes)


def _rows(table: Mapping[str, float]) -> np.ndarray:
    rows = np.empty(len(table), dtype=[("hash", np.uint64), ("value", np.float64)])
    rows["hash"] = np.fromiter((_word_hash(w) for w in table), dtype=np.uint64, count=len(table))
    rows["value"] = np.fromiter(table.values(), dtype=np.float64, count=len(table))
    rows.sort(order="hash")
    return rows


def build_table() -> Path:
    """Write the hashed table into the cache (about 2 s, once per machine; the set-up step runs it)."""
    import os
    import tempfile

    import srsly

    target = table_path()
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        rows = _rows(srsly.read_gzip_json(_source()))
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".npy", delete=False) as handle:
            np.save(handle, rows)
        os.replace(handle.name, target)  # atomic: a parallel reader never sees half a file
    return target


@lru_cache(maxsize=1)
def frequencies() -> HashedTable | dict[str, float]:
    """Word -> log probability: the built table, memory-mapped, or the JSON parsed into a dict when it is not built."""
    path = table_path()
    if path.is_file():
        return HashedTable(np.load(path, mmap_mode="r"))
    import srsly

    return srsly.read_gzip_json(_source())
