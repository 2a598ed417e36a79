"""Writing files so that a crash never leaves half a file and others can still read it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` through a temporary file in the same folder and rename it over ``path``.

    The file gets ``mode``, else the mode of the file it replaces, else the mode a new file gets
    from the umask: the temporary file alone would leave it 0600, unreadable to the rest of the team.
    """
    if mode is None:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
