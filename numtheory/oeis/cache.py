"""An on-disk cache of OEIS answers: one SQLite file, safe for concurrent processes.

The cache stores raw response bodies (JSON or text) of successful answers, keyed by the full
request URL, with the time they were stored. Entries younger than ``expire_after`` (a week by
default) are served without touching the network; older ones are kept so that, when the OEIS
cannot be reached, the client can answer from a stale copy (with a warning).

* Location: ``$NUMTHEORY_CACHE_DIR/oeis-cache.sqlite3``, else the platform user cache dir
  (``~/.cache/numtheory`` on Linux). Safe to delete at any time.
* Concurrency: WAL journal and a busy timeout, each write a single transaction
  (``INSERT OR REPLACE``), so several processes can read and write at once.
* A corrupt or foreign file is moved aside and rebuilt; a cache that cannot be opened at all
  (read-only disk...) turns itself off with a logged warning: a cache is never fatal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from numtheory.oeis.config import cache_dir

__all__ = ["DEFAULT_EXPIRE_AFTER", "CachedAnswer", "ResponseCache"]

logger = logging.getLogger("numtheory.oeis")

#: One week, in seconds.
DEFAULT_EXPIRE_AFTER = 7 * 24 * 3600.0
_FILENAME = "oeis-cache.sqlite3"
_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class CachedAnswer:
    """A cached body and when it was stored (Unix time); ``fresh`` if younger than the expiry."""

    body: str
    stored_at: float
    fresh: bool


class ResponseCache:
    """SQLite cache of response bodies keyed by URL.

    Parameters
    ----------
    path
        The database file; default ``<cache dir>/oeis-cache.sqlite3``.
    expire_after
        Seconds an entry stays fresh (default one week).
    clock
        Wall-clock time source (default :func:`time.time`), injectable for tests.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        expire_after: float = DEFAULT_EXPIRE_AFTER,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path) if path is not None else cache_dir() / _FILENAME
        self.expire_after = expire_after
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    # -- connection -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=10.0, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS answers ("
                " url TEXT PRIMARY KEY, body TEXT NOT NULL, stored_at REAL NOT NULL)"
            )
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(_SCHEMA_VERSION),))
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != str(_SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"cache schema {row!r}, expected {_SCHEMA_VERSION}")
            conn.execute("SELECT count(*) FROM answers").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _connection(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._conn is None:
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:  # corrupt, not a database, wrong schema
                logger.warning(
                    "the OEIS cache %s is unreadable (%s); rebuilding it", self.path, exc
                )
                self._rebuild()
            except (OSError, sqlite3.Error) as exc:
                logger.warning(
                    "the OEIS cache %s cannot be used (%s); caching is off", self.path, exc
                )
                self._disabled = True
        return self._conn

    def _rebuild(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        try:
            self._conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            logger.warning(
                "the OEIS cache %s cannot be rebuilt (%s); caching is off", self.path, exc
            )
            self._disabled = True

    def _execute(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        with self._lock:
            for _ in range(2):
                conn = self._connection()
                if conn is None:
                    return []
                try:
                    return conn.execute(sql, params).fetchall()
                except sqlite3.DatabaseError as exc:
                    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                        logger.warning("the OEIS cache is busy (%s); skipping it this time", exc)
                        return []
                    logger.warning(
                        "the OEIS cache %s is damaged (%s); rebuilding it", self.path, exc
                    )
                    self._rebuild()
            return []

    # -- public API -------------------------------------------------------------------------

    def get(self, url: str) -> CachedAnswer | None:
        """The cached answer for ``url`` (fresh or stale), or ``None``."""
        rows = self._execute("SELECT body, stored_at FROM answers WHERE url = ?", (url,))
        if not rows:
            return None
        body, stored_at = rows[0]
        if not isinstance(body, str) or not isinstance(stored_at, (int, float)):
            return None  # a row some other program wrote: ignore it
        age = self._clock() - stored_at
        return CachedAnswer(body, float(stored_at), fresh=0 <= age < self.expire_after)

    def put(self, url: str, body: str) -> None:
        """Store ``body`` for ``url`` (one atomic statement; replaces an older copy)."""
        self._execute(
            "INSERT OR REPLACE INTO answers (url, body, stored_at) VALUES (?, ?, ?)",
            (url, body, float(self._clock())),
        )

    def delete(self, url: str) -> None:
        self._execute("DELETE FROM answers WHERE url = ?", (url,))

    def clear(self) -> None:
        """Forget every answer."""
        self._execute("DELETE FROM answers", ())

    def __len__(self) -> int:
        rows = self._execute("SELECT count(*) FROM answers", ())
        return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ResponseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
