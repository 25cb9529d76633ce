"""Remembering that the OEIS was unreachable, so the next call fails in milliseconds.

Without it every command pays the whole retry schedule again (seconds of DNS failures and
connect timeouts) before the CLI can fall back to local data. After a call that got no answer
at all gives up with :class:`~numtheory.errors.OEISUnavailableError` (not one that ran out of
time after some of its pages came back), the client writes a small JSON file
(``oeis-unreachable.json`` in the cache directory); for ``ttl`` seconds (default 300,
``NUMTHEORY_OEIS_FAILURE_TTL``; 0 turns the memory off) later calls to the same base URL raise
at once, saying it is a remembered failure. The first successful answer deletes the file.

The file is only a hint, so it is never trusted: it is written atomically (a private
temporary file in the same directory, ``.oeis-unreachable-<pid>-<random>``, locked while it is
written, then ``os.replace``; one that a ``kill -9`` left is removed by the next record or
forget once its pid is gone: :func:`numtheory._files.remove_stale_temporaries`), read without
following a symlink,
at most 4 KiB, and used only if every field is what this module writes (format tag, the same
base URL, a time in the past ``ttl`` seconds, a short reason). Anything else is ignored.
Every I/O error is swallowed: a memory that cannot be kept simply is not.

>>> import tempfile, pathlib
>>> memory = FailureMemory(pathlib.Path(tempfile.mkdtemp()) / "m.json", ttl=60, now=lambda: 1000.0)
>>> memory.record("https://oeis.org", "host name not found")
>>> memory.recall("https://oeis.org").reason, memory.recall("http://other.example") is None
('host name not found', True)
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from numtheory import _files

__all__ = ["FILE_NAME", "FailureMemory", "RememberedFailure"]

FILE_NAME = "oeis-unreachable.json"
_FORMAT = "numtheory-oeis-unreachable/1"
_MAX_BYTES = 4096
_MAX_REASON = 300
#: A timestamp this far in the future (clock skew between processes) is still believed.
_SKEW = 5.0
#: The temporaries record() writes; before they carried the pid, only by age.
_TEMPORARY = re.compile(r"\.oeis-unreachable-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}")


@dataclass(frozen=True)
class RememberedFailure:
    """A recent failure: when (Unix time), why, and how long it will still be remembered."""

    base_url: str
    failed_at: float
    reason: str
    expires_in: float


class FailureMemory:
    """The remembered-failure file ``path``; ``ttl`` seconds of memory (0: none)."""

    def __init__(self, path: Path, ttl: float, now: Callable[[], float] = time.time) -> None:
        self.path = path
        self.ttl = ttl
        self._now = now

    def recall(self, base_url: str) -> RememberedFailure | None:
        """The failure remembered for ``base_url``, or None (none, expired, or not valid)."""
        if not self.ttl > 0:
            return None
        data = self._read()
        if data is None:
            return None
        failed_at, reason = data.get("failed_at"), data.get("reason")
        if (
            data.get("format") != _FORMAT
            or data.get("base_url") != base_url
            or not isinstance(failed_at, float)
            or not math.isfinite(failed_at)
            or not isinstance(reason, str)
            or len(reason) > _MAX_REASON
        ):
            return None
        age = self._now() - failed_at
        if not -_SKEW <= age < self.ttl:
            return None
        return RememberedFailure(base_url, failed_at, reason, self.ttl - max(age, 0.0))

    def record(self, base_url: str, reason: str) -> None:
        """Remember that ``base_url`` failed now, because of ``reason`` (one line)."""
        if not self.ttl > 0:
            return
        text = " ".join(reason.split())
        if len(text) > _MAX_REASON:
            text = text[: _MAX_REASON - 3] + "..."
        document = {
            "format": _FORMAT,
            "base_url": base_url,
            "failed_at": float(self._now()),
            "reason": text,
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._tidy()
            fd, temp = tempfile.mkstemp(
                prefix=f".oeis-unreachable-{os.getpid()}-", dir=self.path.parent
            )
            try:
                _files.lock_held(fd)
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(document, handle)
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise

    def forget(self, base_url: str) -> None:
        """Drop the memory of ``base_url``'s failure (another base URL's is left alone)."""
        data = self._read()
        if data is not None and data.get("base_url") == base_url:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._tidy()

    def _tidy(self) -> None:
        """Remove the temporaries of writers that were killed (see the module docstring)."""
        _files.remove_stale_temporaries(self.path.parent, _TEMPORARY)

    def _read(self) -> dict[str, object] | None:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags)
        except OSError:  # absent (the usual case), a symlink, unreadable
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            raw = os.read(fd, _MAX_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        if len(raw) > _MAX_BYTES:
            return None
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        return value if isinstance(value, dict) else None
