"""Files, limits and signals for building and syncing the mirror.

* Every temporary lives in a fresh private directory (:func:`private_dir`, ``mkdtemp``: mode
  0700, a random name created with ``O_EXCL``) inside the mirror's directory, so a planted
  ``.download-*`` symlink is never opened, and the final rename stays on one file system.
* :func:`clean_stale` removes what a killed sync left behind (``kill -9`` cannot be caught):
  temporaries whose process is gone, or that are older than :data:`STALE_AFTER`, unless a
  process still holds the directory's ``flock`` (taken by :func:`private_dir`).
* :func:`terminate_as_interrupt` turns SIGTERM into ``KeyboardInterrupt`` so that the same
  clean-up runs for ``kill`` as for Ctrl-C.
* Size limits and the deadline: defaults, environment overrides, parsing.

Private to :mod:`numtheory.oeis.mirror`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import sqlite3
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from numtheory._files import pid_alive, try_lock
from numtheory.errors import InputError, MirrorError
from numtheory.oeis.config import env_seconds

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_DOWNLOAD",
    "DEFAULT_MAX_UNPACKED",
    "MAX_LINE",
    "STALE_AFTER",
    "Deadline",
    "clean_stale",
    "deadline_seconds",
    "fsync_path",
    "max_download",
    "max_unpacked",
    "parse_size",
    "private_dir",
    "remove_tree",
    "size_limit",
    "sqlite_write_error",
    "terminate_as_interrupt",
    "write_error",
]

#: Per-file download ceiling. The real dumps are about 30 MB (stripped.gz) and 11 MB (names.gz).
DEFAULT_MAX_DOWNLOAD = 512 << 20
#: Per-file ceiling on the decompressed size. The real stripped.gz unpacks to about 85 MB.
DEFAULT_MAX_UNPACKED = 1 << 30
#: Longest line accepted in a dump (real data lines and names are a few thousand bytes at most).
MAX_LINE = 1 << 20
#: Seconds a whole sync (both downloads and the build) may take.
DEFAULT_DEADLINE = 1800.0
#: A temporary older than this is removed even if a process with its pid is alive (pids are
#: reused; no sync runs this long under the default deadline).
STALE_AFTER = 6 * 3600.0

_ENV_MAX_DOWNLOAD = "NUMTHEORY_MIRROR_MAX_DOWNLOAD"
_ENV_MAX_UNPACKED = "NUMTHEORY_MIRROR_MAX_UNPACKED"
_ENV_DEADLINE = "NUMTHEORY_MIRROR_DEADLINE"

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", re.IGNORECASE)
# what this and earlier versions leave behind: private dirs, and the old loose files
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_TEMPORARY = re.compile(r"\.(?:sync|build|download)-(\d+)-.*|\.mirror\.sqlite\.(\d+)\.tmp")


# -- limits ----------------------------------------------------------------------------------


def parse_size(text: str, what: str) -> int:
    """Bytes from ``"512M"``, ``"1GiB"``, ``"65536"`` (binary units); InputError otherwise.

    >>> parse_size("512M", "--max-download"), parse_size("64k", "x"), parse_size("100", "x")
    (536870912, 65536, 100)
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise InputError(f"{what} must be a size such as 512M or 2G, got {text[:40]!r}")
    value = float(match.group(1)) * (1 << (10 * " kmgt".index(match.group(2).lower() or " ")))
    if not value >= 1:
        raise InputError(f"{what} must be at least 1 byte, got {text[:40]!r}")
    if not value < 1 << 63:  # 400 nines were float('inf'): int() raised OverflowError
        raise InputError(f"{what} must be below 8 EiB, got {text[:40]!r}")
    return int(value)


def size_limit(value: int | None, default: int, env: str) -> int:
    """``value`` if given, else the environment variable ``env``, else ``default``."""
    if value is not None:
        if value < 1:
            raise InputError(f"a size limit must be >= 1 byte, got {value}")
        return value
    text = os.environ.get(env)
    return parse_size(text, env) if text else default


def max_download(value: int | None = None) -> int:
    return size_limit(value, DEFAULT_MAX_DOWNLOAD, _ENV_MAX_DOWNLOAD)


def max_unpacked(value: int | None = None) -> int:
    return size_limit(value, DEFAULT_MAX_UNPACKED, _ENV_MAX_UNPACKED)


def deadline_seconds(value: float | None = None) -> float:
    """The sync deadline: ``value``, else ``NUMTHEORY_MIRROR_DEADLINE``, else 1800 s."""
    if value is None:
        return env_seconds(_ENV_DEADLINE, DEFAULT_DEADLINE, positive=True)
    if not value > 0:
        raise InputError(f"the sync deadline must be > 0 seconds, got {value}")
    return value


class Deadline:
    """A point in time (monotonic clock) after which a sync gives up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def message(self, doing: str) -> str:
        return (
            f"the sync did not finish within its deadline of {self.seconds:g} s ({doing}); "
            "allow longer with --deadline S or NUMTHEORY_MIRROR_DEADLINE, or download the dumps "
            "yourself and run `numtheory mirror sync --from DIR`. The previous mirror is kept."
        )


# -- temporaries -----------------------------------------------------------------------------


#: Descriptors of this process's private directories, each holding an exclusive ``flock``
#: until :func:`remove_tree` (or the process's end, ``kill -9`` included) releases it.
_HELD: dict[str, int] = {}


def private_dir(parent: Path, kind: str) -> Path:
    """A new directory ``parent/.<kind>-<pid>-<random>``, mode 0700, for one run's temporaries,
    locked (``flock`` on the directory) until :func:`remove_tree` removes it."""
    path = Path(tempfile.mkdtemp(prefix=f".{kind}-{os.getpid()}-", dir=parent))
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW)
        try_lock(fd)
        _HELD[str(path)] = fd
    return path


def remove_tree(path: Path) -> None:
    """Remove a temporary (a directory, a file or a symlink) without following links."""
    try:
        info = path.lstat()
    except OSError:
        info = None
    if info is not None:
        with contextlib.suppress(OSError):
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(path)  # fd-based on Linux: links inside are removed, not followed
            else:
                path.unlink()
    fd = _HELD.pop(str(path), None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def _locked_by_another(path: Path) -> bool:
    """True when another process holds the lock of the temporary at ``path`` (a live sync,
    perhaps in another pid namespace, whose pid this process cannot see)."""
    if str(path) in _HELD:
        return True  # our own, in use
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False  # a symlink, or gone: nothing anyone holds
    try:
        return not try_lock(fd)
    finally:
        os.close(fd)  # releases the lock we may have just taken


def clean_stale(directory: Path) -> list[str]:
    """Remove the temporaries of syncs that died (``kill -9``, power loss); return their names.

    A temporary is stale when no process has the pid in its name, or when it is older than
    :data:`STALE_AFTER`, and no process holds its lock (:func:`private_dir`). A live sync's
    temporaries (a running pid, recent, or locked: also a sync in another pid namespace that
    shares the directory) are left alone.
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match.group(1) or match.group(2))
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if (age > STALE_AFTER or not pid_alive(pid)) and not _locked_by_another(Path(entry.path)):
            remove_tree(Path(entry.path))
            removed.append(entry.name)
    return removed


def fsync_path(path: Path, directory: bool = False) -> None:
    """fsync a file or directory; best effort (some file systems refuse directory fsync)."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt (so clean-up runs, as for Ctrl-C).

    Only in the main thread, and only when SIGTERM still has its default action: a program
    that installed its own handler keeps it.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "SIGTERM")
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt("terminated (SIGTERM)")

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


# -- write failures --------------------------------------------------------------------------

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_error(path: Path, exc: OSError) -> MirrorError:
    """A clear MirrorError for a failed write (a full disk above all)."""
    if exc.errno in _NO_SPACE:
        return MirrorError(
            f"no space left on the device holding {path.parent} (while writing {path.name}); "
            "free some space or set NUMTHEORY_CACHE_DIR to a roomier place, then run "
            "`numtheory mirror sync` again. The previous mirror is kept."
        )
    if exc.errno == errno.EFBIG:
        return MirrorError(
            f"the file size limit was reached while writing {path} (ulimit -f); "
            "the previous mirror is kept"
        )
    reason = exc.strerror or str(exc)
    return MirrorError(f"could not write {path}: {reason}; the previous mirror is kept")


def sqlite_write_error(path: Path, exc: sqlite3.Error) -> MirrorError:
    """A MirrorError for SQLite failing while the new mirror is written."""
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc):
        return write_error(path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    return MirrorError(f"could not write the mirror at {path}: {exc}; the previous mirror is kept")
