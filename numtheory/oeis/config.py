"""Settings of the OEIS layer read from the environment (``docs/architecture.md``,
"Environment").

* ``NUMTHEORY_OEIS_URL``: base URL (default ``https://oeis.org``).
* ``NUMTHEORY_CACHE_DIR``: cache (and mirror) directory (default: the platform user cache dir).
* ``NUMTHEORY_OFFLINE=1``: never touch the network.
* ``NUMTHEORY_OEIS_MIN_INTERVAL``: seconds between two network requests (default 1; tests set
  it lower so that they do not sleep).
* ``NUMTHEORY_OEIS_MAX_PAGE_BYTES``: the largest record, search page or text page read
  (default 8 MiB; the longest real record, A000108, is about 130 KB).
* ``NUMTHEORY_OEIS_MAX_BFILE_BYTES``: the largest b-file read (default 64 MiB; real b-files are
  up to a few MB, 10,000 lines of terms of up to 1,000 digits is about 10 MB).
* ``NUMTHEORY_OEIS_FAILURE_TTL``: seconds a failure to reach the OEIS is remembered, so the
  next calls fail at once instead of retrying (default 300; 0 turns it off).

Read at call time, never at import, so tests and scripts can change them.
"""

from __future__ import annotations

import os
from pathlib import Path

from numtheory.errors import InputError

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_FAILURE_TTL",
    "DEFAULT_MAX_BFILE_BYTES",
    "DEFAULT_MAX_PAGE_BYTES",
    "DEFAULT_MIN_INTERVAL",
    "OFFLINE_HINT",
    "PROJECT_URL",
    "RETRY_NOW_HINT",
    "base_url",
    "cache_dir",
    "env_seconds",
    "failure_ttl",
    "max_bfile_bytes",
    "max_page_bytes",
    "min_interval",
    "offline",
    "user_agent",
]

DEFAULT_BASE_URL = "https://oeis.org"
PROJECT_URL = "https://github.com/numtheory/numtheory"
DEFAULT_MIN_INTERVAL = 1.0
DEFAULT_MAX_PAGE_BYTES = 8 * 2**20
DEFAULT_MAX_BFILE_BYTES = 64 * 2**20
DEFAULT_FAILURE_TTL = 300.0

#: Said in every warning about a fallback answer (and in a remembered failure): how to stop
#: waiting for a network that is not there. The one wording; see ``fallback.with_offline_hint``.
OFFLINE_HINT = "to skip the network: --offline or NUMTHEORY_OFFLINE=1; in Python, offline=True"
#: Said in a remembered failure: how to try the OEIS again before the memory expires.
RETRY_NOW_HINT = (
    "to try now: --retry-now, in Python OEISClient(ignore_remembered_failure=True); "
    "NUMTHEORY_OEIS_FAILURE_TTL=0 remembers no failure"
)


def base_url() -> str:
    """The OEIS base URL, without a trailing slash."""
    return (os.environ.get("NUMTHEORY_OEIS_URL") or DEFAULT_BASE_URL).rstrip("/")


def user_agent() -> str:
    """The User-Agent of every request numtheory sends (searches, entries, b-files, the
    mirror's dumps): ``numtheory/<version> (+<project URL>) python-requests/<version>``."""
    import requests

    from numtheory import __version__

    return f"numtheory/{__version__} (+{PROJECT_URL}) python-requests/{requests.__version__}"


def cache_dir() -> Path:
    """Where the cache (and the mirror) live."""
    configured = os.environ.get("NUMTHEORY_CACHE_DIR")
    if configured:
        try:
            return Path(configured).expanduser()
        except RuntimeError:  # '~name' for no such user (or no home directory at all)
            raise InputError(
                f"NUMTHEORY_CACHE_DIR={configured[:100]!r}: its '~' cannot be expanded "
                "(no such user, or no home directory); set it to a full path"
            ) from None
    import platformdirs

    return Path(platformdirs.user_cache_dir("numtheory", appauthor=False))


def offline() -> bool:
    """True when ``NUMTHEORY_OFFLINE`` is set to ``1``/``true``/``yes``."""
    return os.environ.get("NUMTHEORY_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def min_interval() -> float:
    """Seconds between two network requests (``NUMTHEORY_OEIS_MIN_INTERVAL``, default 1)."""
    return env_seconds("NUMTHEORY_OEIS_MIN_INTERVAL", DEFAULT_MIN_INTERVAL)


def failure_ttl() -> float:
    """Seconds an unreachable OEIS is remembered (``NUMTHEORY_OEIS_FAILURE_TTL``, default 300)."""
    return env_seconds("NUMTHEORY_OEIS_FAILURE_TTL", DEFAULT_FAILURE_TTL)


def max_page_bytes() -> int:
    """Size cap of a record or search answer (``NUMTHEORY_OEIS_MAX_PAGE_BYTES``, 8 MiB)."""
    return _byte_count("NUMTHEORY_OEIS_MAX_PAGE_BYTES", DEFAULT_MAX_PAGE_BYTES)


def max_bfile_bytes() -> int:
    """Size cap of a b-file (``NUMTHEORY_OEIS_MAX_BFILE_BYTES``, default 64 MiB)."""
    return _byte_count("NUMTHEORY_OEIS_MAX_BFILE_BYTES", DEFAULT_MAX_BFILE_BYTES)


def env_seconds(name: str, default: float, *, positive: bool = False) -> float:
    """Seconds from the environment variable ``name`` (``default`` when unset or empty).

    The value must be finite and ``>= 0`` (``> 0`` with ``positive=True``), else
    :class:`InputError` naming the variable and an excerpt of its text.
    """
    text = os.environ.get(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    low_ok = value > 0 if positive else value >= 0
    if not (low_ok and value < float("inf")):
        rule = "> 0" if positive else ">= 0"
        raise InputError(f"{name} must be a number of seconds {rule}, got {text[:40]!r}")
    return value


def _byte_count(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or len(text) > 18 or int(text) < 1024:
        raise InputError(f"{name} must be a number of bytes >= 1024, got {text[:40]!r}")
    return int(text)
