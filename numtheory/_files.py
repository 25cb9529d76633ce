"""Safe file helpers for numtheory's own directories (used by the OEIS cache).

The cache directory is shared state that numtheory reads back and trusts, so it must not be
something another user can plant files in. These helpers refuse such places with an
:class:`~numtheory.errors.InputError` (bad configuration: exit 2) whose message names the path
and what to do, and they create files so that a planted symbolic link is never followed:

* :func:`ensure_private_dir` creates a directory as ``0o700`` (if missing) and checks it with
  :func:`check_private_dir`: a directory owned by the current user that no other user can
  write (not group- or world-writable, even with the sticky bit of ``/tmp``: there others
  can still create the ``-wal`` file SQLite opens by name), reached through no symbolic link
  that another user owns (its owner could point it elsewhere between the check and the open).
* :func:`open_nofollow` opens (optionally creates) a regular file without following a link
  in its last component (``O_NOFOLLOW``), and checks what it opened (regular file, ours, one
  link). :func:`create_exclusive` creates a new file, failing if anything is already there
  (``O_EXCL``).
* :func:`refuse_symlink` refuses a link at a path that another library (SQLite) will open.
* :func:`move_aside` renames a file to ``<name>.<tag>-<UTC timestamp>`` without ever
  overwriting an existing file (a foreign file is kept, never destroyed).
* :func:`create_temporary` creates a writer's temporary (``O_EXCL``) and holds an exclusive
  ``flock`` on it until closed; :func:`remove_stale_temporaries` removes the temporaries a
  writer killed with ``kill -9`` left behind (names of our own pattern, with the writer's pid):
  only when no process holds the lock and the pid is gone (or the file is older than
  :data:`STALE_TEMPORARY_AGE`), so a live concurrent writer's file is never touched.

On systems without POSIX ownership (Windows) the ownership and mode checks are skipped.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path

from numtheory.errors import InputError

__all__ = [
    "STALE_TEMPORARY_AGE",
    "check_private_dir",
    "create_exclusive",
    "create_temporary",
    "ensure_private_dir",
    "lock_held",
    "move_aside",
    "open_nofollow",
    "pid_alive",
    "refuse_symlink",
    "remove_stale_temporaries",
    "try_lock",
]

_POSIX = os.name == "posix" and hasattr(os, "geteuid")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# A FIFO planted at the path would block open() forever; O_NONBLOCK does nothing to files.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
# link(2) never follows a link in its source on Linux, but only linkat() lets us say so; where
# Python has no linkat (Windows) passing follow_symlinks=False raises NotImplementedError.
_LINK_OPTIONS = {"follow_symlinks": False} if os.link in os.supports_follow_symlinks else {}


def _owner_name(uid: int) -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def check_private_dir(path: Path, *, hint: str = "") -> None:
    """Raise :class:`InputError` unless ``path`` is a directory only the current user can write.

    Parameters
    ----------
    path
        The directory. A symbolic link to a directory is judged by its target, and must
        itself belong to the current user (or root).
    hint
        What the user can do instead, appended to the message
        (e.g. ``"or set NUMTHEORY_CACHE_DIR to a private directory"``).
    """
    suffix = f" {hint}" if hint else ""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist{suffix}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is not a directory{suffix}")
    if not _POSIX:  # pragma: no cover - no uid/mode bits to check
        return
    link = os.lstat(path)
    if stat.S_ISLNK(link.st_mode) and link.st_uid not in (os.geteuid(), 0):
        raise InputError(
            f"{path} is a symbolic link that belongs to {_owner_name(link.st_uid)}: they could "
            f"point it at another directory at any moment; use a directory of your own{suffix}"
        )
    if info.st_uid != os.geteuid():
        raise InputError(
            f"{path} belongs to {_owner_name(info.st_uid)}, not to you: another user could plant "
            f"files there; use a directory of your own{suffix}"
        )
    mode = stat.S_IMODE(info.st_mode)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        if info.st_mode & stat.S_ISVTX:  # a shared place like /tmp: never chmod it
            raise InputError(
                f"{path} is a shared directory (mode {mode:o}) where other users can create "
                f"files: use a private directory inside it (`mkdir -m 700 {path}/numtheory`)"
                f"{suffix}"
            )
        raise InputError(
            f"{path} is writable by other users (mode {mode:o}): run `chmod go-w {path}`{suffix}"
        )


def ensure_private_dir(path: Path, *, hint: str = "") -> Path:
    """Create ``path`` (mode ``0o700``, parents as needed) if missing, then check it.

    Returns ``path``. Raises :class:`InputError` naming the path when it is not a directory
    (e.g. a file), cannot be created, or fails :func:`check_private_dir`.
    """
    suffix = f" {hint}" if hint else ""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:  # a file (or a dangling link) is in the way
        raise InputError(f"{path} is not a directory{suffix}") from None
    except NotADirectoryError:  # a parent is a file
        raise InputError(f"{path} cannot be a directory: a parent is a file{suffix}") from None
    except OSError as exc:
        raise InputError(f"cannot create the directory {path}: {exc.strerror}{suffix}") from exc
    check_private_dir(path, hint=hint)
    return path


def refuse_symlink(path: Path) -> None:
    """Raise :class:`InputError` if ``path`` is a symbolic link (a missing path is fine)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise InputError(
            f"{path} is a symbolic link; numtheory does not follow links there: remove it"
        )


def _check_opened(fd: int, path: Path) -> None:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file: remove it")
    if _POSIX and info.st_uid != os.geteuid():
        raise InputError(f"{path} belongs to {_owner_name(info.st_uid)}, not to you: remove it")
    if info.st_nlink > 1:  # a hard link to a file elsewhere
        raise InputError(f"{path} has {info.st_nlink} hard links; remove it")


def open_nofollow(path: Path, flags: int = os.O_RDONLY, mode: int = 0o600) -> int:
    """``os.open`` that refuses a symbolic link and anything but our own regular file.

    ``flags`` may include ``os.O_CREAT`` (a new file gets ``mode``). Returns the descriptor;
    the caller closes it. Raises :class:`InputError` for a link, a non-regular file, a file
    owned by another user or with several hard links; other failures stay ``OSError``.
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC | _NONBLOCK, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            refuse_symlink(path)  # says "symbolic link" with the path
        raise
    try:
        _check_opened(fd, path)
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def create_exclusive(path: Path, mode: int = 0o600) -> int:
    """Create a new file for writing; fail (``FileExistsError``) if anything is at ``path``.

    ``O_EXCL`` with ``O_CREAT`` never follows a link, even a dangling one.
    """
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)


# What link() answers where a file system (FAT, some network mounts) has no hard links.
_NO_HARD_LINKS = (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS)


def move_aside(path: Path, tag: str, *, clock: float | None = None) -> Path:
    """Rename ``path`` to ``<name>.<tag>-<YYYYmmddTHHMMSSZ>`` (``-2``, ``-3``... if taken).

    Never overwrites: the new name is claimed with a hard link (which fails if the name
    exists), then the old name is removed. Returns the new path.
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(clock))
    for counter in range(1, 1000):
        extra = "" if counter == 1 else f"-{counter}"
        target = path.with_name(f"{path.name}.{tag}-{stamp}{extra}")
        try:
            os.link(path, target, **_LINK_OPTIONS)
        except FileExistsError:
            continue
        except (OSError, NotImplementedError) as exc:
            if isinstance(exc, OSError) and exc.errno not in _NO_HARD_LINKS:
                raise
            # No hard links on this filesystem: check, then rename (a small race, our dir).
            if os.path.lexists(target):
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        return target
    raise FileExistsError(errno.EEXIST, "no free name to move the file aside", str(path))


#: A temporary older than this is stale even if a process with its pid runs (pids are reused;
#: our writers finish in seconds), unless a process still holds its lock.
STALE_TEMPORARY_AGE = 3600.0


def _lock(fd: int, blocking: bool) -> bool:
    """An exclusive ``flock`` on ``fd``; False if another process holds one (POSIX only;
    where there is no ``flock`` this says True and only the pid and age rules protect)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: go by pid and age
        return True
    return True


def try_lock(fd: int) -> bool:
    """The exclusive lock on ``fd`` without waiting; False when another process holds it."""
    return _lock(fd, blocking=False)


def lock_held(fd: int) -> None:
    """Take the exclusive lock on a temporary this process just created (see
    :func:`create_temporary`; for files made another way, e.g. by ``tempfile.mkstemp``)."""
    _lock(fd, blocking=True)


def create_temporary(path: Path, mode: int = 0o600) -> int:
    """:func:`create_exclusive`, then an exclusive lock held until the descriptor is closed
    (a kill -9 releases it): :func:`remove_stale_temporaries` leaves a locked file alone.

    Name the file with the writer's pid (``os.getpid()``) and a pattern of its own.
    """
    fd = create_exclusive(path, mode)
    lock_held(fd)  # just created by us: nobody else can hold it
    return fd


def pid_alive(pid: int) -> bool:
    """Whether a process has this pid (another user's counts; on Windows always True, where
    ``os.kill(pid, 0)`` would end it: callers go by age there)."""
    if os.name == "nt" or not hasattr(os, "kill"):  # pragma: no cover - os.kill(pid, 0) kills
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # OverflowError: no pid is that large
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def remove_stale_temporaries(
    directory: Path, pattern: re.Pattern[str], *, max_age: float = STALE_TEMPORARY_AGE
) -> list[str]:
    """Remove the temporaries in ``directory`` that dead writers left; return their names.

    A candidate is a regular file of ours whose name ``pattern`` matches in full; its group
    ``pid`` (if the pattern has it and it matched) is the writer's pid. It is removed only when
    no process holds its lock (:func:`create_temporary`) and either that pid is no longer
    running or the file is older than ``max_age`` seconds. Links, directories, other users'
    files and everything else are left alone; errors are ignored (this is only tidying).
    """
    removed: list[str] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (_POSIX and info.st_uid != os.geteuid()):
            continue
        pid = match.groupdict().get("pid")
        if not (now - info.st_mtime > max_age or (pid is not None and not pid_alive(int(pid)))):
            continue
        path = Path(entry.path)
        try:
            fd = open_nofollow(path, os.O_RDONLY)
        except (OSError, InputError):
            continue
        try:
            # the same file still (not replaced since the scan), and no writer holds it; then,
            # lock held, the name must still be that file: another cleaner may have removed it
            # meanwhile and a new writer (a reused pid) made a new one under the same name
            opened = os.fstat(fd)
            if _same_file(opened, info) and try_lock(fd):
                with contextlib.suppress(OSError):
                    if _same_file(os.lstat(path), opened):
                        os.unlink(path)
                        removed.append(entry.name)
        finally:
            os.close(fd)
    return removed
