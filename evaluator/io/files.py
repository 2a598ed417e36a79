"""Reading files within a size limit, and writing them so that a crash never leaves half a file.

Every file the evaluator reads from a path it was given (answers, rubrics, articles, mark and ASAG
CSVs, calibrations) goes through :func:`read_regular`: a pipe would block for ever and a device
(``/dev/zero``) never ends, so only a regular file is read, and never past its limit.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

TMP_SUFFIX = ".tmp"  # the temporary files of write_atomic: ".<name>.<random>.tmp" in the target's folder


class FileRefused(OSError):
    """A path that is not read: not a regular file, or over the size limit. ``strerror`` says which."""


def read_regular(path: str | Path, limit: int, *, noun: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO opens at once) and checked on the open descriptor, so a
    path swapped for a pipe between a check and the read is still refused.

    Raises:
        FileRefused: (an ``OSError``) a pipe, socket, device or folder, or a file over ``limit`` bytes;
            ``strerror`` says which, so ``f"cannot read {path}: {exc.strerror}"`` reads well.
        OSError: the file cannot be opened or read.

    >>> read_regular("/dev/zero", 10)
    Traceback (most recent call last):
    ...
    evaluator.io.files.FileRefused: [Errno 22] not a regular file (a pipe, socket, device or folder): '/dev/zero'
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(errno.EINVAL, "not a regular file (a pipe, socket, device or folder)", str(path))
        if info.st_size > limit:
            raise FileRefused(errno.EFBIG, f"{noun} is {info.st_size:,} bytes; the limit is {limit:,}", str(path))
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)  # a file that grows while being read is still cut at the limit
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise FileRefused(errno.EFBIG, f"{noun} grew past the limit of {limit:,} bytes while it was read", str(path))
    return data


def remove_stale_temporaries(folder: str | Path, *, name: str = "", older_than: float = 3600.0) -> list[Path]:
    """Delete the temporary files a killed :func:`write_atomic` left in ``folder`` (``.<name>.<pid>.*.tmp``).

    A temporary file is stale when the process that wrote it (its pid is in the name) is gone, or when
    it is older than ``older_than`` seconds (a pid from another machine sharing the folder, or reused).
    A live writer's file is left alone. With ``name``, only the temporaries of that file. Returns the files removed; a folder that cannot be listed
    removes nothing.
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        candidates = [p for p in Path(folder).iterdir()
                      if p.name.startswith(f".{name}" if name else ".") and p.name.endswith(TMP_SUFFIX)]
    except OSError:
        return removed
    for path in candidates:
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and (info.st_mtime < cutoff or not _writer_alive(path.name)):
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _writer_alive(name: str) -> bool:
    """Whether the process named in a temporary file's name still runs (True when the name holds no pid)."""
    parts = name[: -len(TMP_SUFFIX)].split(".")
    pid = next((int(p[3:]) for p in reversed(parts) if p.startswith("pid") and p[3:].isdigit()), None)
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, as another user's process
        return True
    return True


_CLEANED: set[Path] = set()  # folders whose stale temporaries this process has removed


def _clean_once(folder: Path) -> None:
    """Remove what killed writes left in ``folder`` on this process's first write there (not on every write: a
    folder of reports holds thousands of files)."""
    key = folder.resolve()
    if key not in _CLEANED:
        remove_stale_temporaries(key)
        _CLEANED.add(key)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` through a temporary file in the same folder and rename it over ``path``.

    Temporary files that a killed earlier write left in the folder are removed first (once per folder and
    process: :func:`remove_stale_temporaries`). The file gets ``mode``, else the mode of the file it replaces, else the mode a new file gets
    from the umask: the temporary file alone would leave it 0600, unreadable to the rest of the team.
    """
    _clean_once(path.parent)
    if mode is None:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.pid{os.getpid()}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_file_mode() -> int:
    """0666 less the process umask, as ``open()`` would create a file."""
    # /proc tells the umask without changing it; os.umask() sets it, which races with other threads
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            umask = next((int(line.split()[1], 8) for line in status if line.startswith("Umask:")), None)
    except OSError:
        umask = None
    if umask is None:
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask
