"""Opening zip-based files safely: a batch's .zip archives and .docx documents (a .docx is a zip of XML parts).

Every zip the evaluator reads goes through :func:`open_zip` and every entry through :func:`entry_problem`
before a byte of it is inflated, so the same limits hold for every zip-based format:

- the central directory is checked before it is parsed: at most ``max_entries`` entries in at most
  ``MAX_DIRECTORY_BYTES`` bytes (``zipfile`` builds one object per entry, so a directory of millions of
  empty entries would exhaust memory before any size could be checked);
- an entry is read only if it unpacks to at most ``max_file_bytes`` bytes, at most ``max_ratio`` times
  its packed size, is not encrypted, and its path stays inside the archive.

``.xlsx`` files are only written (the batch results), never read.

>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("q1.txt", b"0" * 1_000_000)
>>> with open_zip("a.zip", buffer) as archive:
...     entry_problem(archive.getinfo("q1.txt"), DEFAULT_LIMITS)
'refused: compression ratio 1,014:1 is over 100:1 (zip bomb?)'
"""

from __future__ import annotations

import re
import stat
import zipfile
from typing import IO

from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits

MAX_DIRECTORY_BYTES = 10_000_000  # the central directory: ~500 bytes per entry at the entry limit
ENCRYPTED_FLAG = 0x1
UNIX_HOST = 3  # ZipInfo.create_system of archives made on Unix: external_attr holds the file mode


class ArchiveError(ValueError):
    """A zip that cannot be opened, or whose directory is too large to read.

    ``reason`` says what is wrong; ``kind`` is the parser's exception name when the file is corrupt.
    """

    def __init__(self, reason: str, *, kind: str = "") -> None:
        self.reason, self.kind = reason, kind
        super().__init__(reason)


def open_zip(name: str, fileobj: IO[bytes], limits: SourceLimits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """A :class:`zipfile.ZipFile` over ``fileobj``, once its directory is known to be within the limits.

    Raises:
        ArchiveError: not a zip, a broken one, or a directory over ``max_entries`` or ``MAX_DIRECTORY_BYTES``.
    """
    del name  # the caller names the file in its own message
    try:
        end = zipfile._EndRecData(fileobj)  # noqa: SLF001 - the end record, read before the directory is parsed
    except OSError as exc:
        raise _corrupt(exc) from None
    if end:
        entries, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]  # noqa: SLF001
        if entries > limits.max_entries:
            raise ArchiveError(f"the archive lists {entries:,} entries; the limit is {limits.max_entries:,}")
        if size > MAX_DIRECTORY_BYTES:
            raise ArchiveError(f"the archive's directory is {size:,} bytes; the limit is {MAX_DIRECTORY_BYTES:,}")
    try:
        fileobj.seek(0)
        return zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as exc:
        raise _corrupt(exc) from None


def _corrupt(exc: BaseException) -> ArchiveError:
    return ArchiveError(f"corrupt or not a .zip archive ({type(exc).__name__})", kind=type(exc).__name__)


def unsafe_path(name: str) -> bool:
    """True for entry names that are absolute or climb out of the archive with ``..``.

    >>> [unsafe_path(n) for n in ("a/b.txt", "../x", "a/../../x", "/etc/passwd", "C:/x", "a/./b/../c")]
    [False, True, True, True, True, False]
    """
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    depth = 0
    for part in name.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def is_link(info: zipfile.ZipInfo) -> bool:
    """True for an entry stored as a symbolic link (its bytes are the link's target, not a file)."""
    return info.create_system == UNIX_HOST and stat.S_ISLNK(info.external_attr >> 16)


def entry_problem(info: zipfile.ZipInfo, limits: SourceLimits) -> str | None:
    """Why an entry must not be read, or ``None``: its path, kind, encryption, unpacked size and ratio.

    Checked from the directory alone, before the entry is inflated.
    """
    if unsafe_path(info.filename):
        return "refused: the entry's path is absolute or leaves the archive ('..')"
    if is_link(info):
        return "refused: the entry is a symbolic link, not a file"
    if info.flag_bits & ENCRYPTED_FLAG:
        return "password-protected archive entry; zip the answers without a password"
    if info.file_size > limits.max_bytes_for(info.filename):  # a photo or scan may be larger than typed text
        return f"file is {info.file_size:,} bytes; the limit is {limits.max_bytes_for(info.filename):,}"
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_ratio:
        return f"refused: compression ratio {ratio:,.0f}:1 is over {limits.max_ratio:g}:1 (zip bomb?)"
    return None


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes of an entry that passed :func:`entry_problem`.

    ``ZipExtFile`` stops at the declared size and checks the CRC, so at most ``info.file_size`` bytes are made.

    Raises:
        ArchiveError: the entry is corrupt (bad CRC, truncated, unknown compression).
    """
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError,
            RuntimeError) as exc:
        raise ArchiveError(f"corrupt archive entry ({type(exc).__name__}: {exc})", kind=type(exc).__name__) from None
