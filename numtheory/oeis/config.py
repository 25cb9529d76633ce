"""Settings of the OEIS layer read from the environment (DESIGN.md, "Environment").

* ``NUMTHEORY_OEIS_URL``: base URL (default ``https://oeis.org``).
* ``NUMTHEORY_CACHE_DIR``: cache (and mirror) directory (default: the platform user cache dir).
* ``NUMTHEORY_OFFLINE=1``: never touch the network.
* ``NUMTHEORY_OEIS_MIN_INTERVAL``: seconds between two network requests (default 1; tests set
  it lower so that they do not sleep).

Read at call time, never at import, so tests and scripts can change them.
"""

from __future__ import annotations

import os
from pathlib import Path

from numtheory.errors import InputError

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MIN_INTERVAL",
    "base_url",
    "cache_dir",
    "min_interval",
    "offline",
]

DEFAULT_BASE_URL = "https://oeis.org"
DEFAULT_MIN_INTERVAL = 1.0


def base_url() -> str:
    """The OEIS base URL, without a trailing slash."""
    return (os.environ.get("NUMTHEORY_OEIS_URL") or DEFAULT_BASE_URL).rstrip("/")


def cache_dir() -> Path:
    """Where the cache (and the mirror) live."""
    configured = os.environ.get("NUMTHEORY_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("numtheory", appauthor=False))


def offline() -> bool:
    """True when ``NUMTHEORY_OFFLINE`` is set to ``1``/``true``/``yes``."""
    return os.environ.get("NUMTHEORY_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def min_interval() -> float:
    """Seconds between two network requests (``NUMTHEORY_OEIS_MIN_INTERVAL``, default 1)."""
    text = os.environ.get("NUMTHEORY_OEIS_MIN_INTERVAL")
    if not text:
        return DEFAULT_MIN_INTERVAL
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise InputError(
            f"NUMTHEORY_OEIS_MIN_INTERVAL must be a number of seconds >= 0, got {text!r}"
        )
    return value
