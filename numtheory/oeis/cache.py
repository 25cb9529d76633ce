"""An on-disk cache of OEIS answers: one SQLite file, safe for concurrent processes.

The cache stores raw response bodies (JSON or text) of successful answers, keyed by the full
request URL, with the time they were stored. Entries younger than ``expire_after`` (a week by
default) are served without touching the network; older ones are kept so that, when the OEIS
cannot be reached, the client can answer from a stale copy (with a warning).

* Location: ``$NUMTHEORY_CACHE_DIR/oeis-cache.sqlite3``, else the platform user cache dir
  (``~/.cache/numtheory`` on Linux). Safe to delete at any time.
* Concurrency: WAL journal and a busy timeout, each write a single transaction
  (``INSERT OR REPLACE``), so several processes can read and write at once; a cache still
  busy after the timeout is skipped for that one operation (never deleted).
* A corrupt or foreign file (SQLite says "malformed" or "not a database", or the tables are
  not ours) is moved aside to ``<name>.corrupt`` and rebuilt. The rebuild holds an exclusive
  lock on ``<name>.lock`` and checks the file again once it has the lock, so two processes
  that find the same damage do not rebuild twice or move a fresh cache aside.
* A cache that cannot be used at all (read-only or full disk, no permission...) turns
  itself off for the process with a logged warning: a cache is never fatal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from numtheory.oeis.config import cache_dir

__all__ = ["DEFAULT_EXPIRE_AFTER", "CachedAnswer", "ResponseCache"]

logger = logging.getLogger("numtheory.oeis")

#: One week, in seconds.
DEFAULT_EXPIRE_AFTER = 7 * 24 * 3600.0
_FILENAME = "oeis-cache.sqlite3"
_SCHEMA_VERSION = 1

# Primary SQLite result codes (https://sqlite.org/rescode.html); the extended code's low byte.
_SQLITE_ERROR, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT = 1, 5, 6, 11
_SQLITE_SCHEMA, _SQLITE_MISMATCH, _SQLITE_NOTADB = 17, 20, 26


class _ForeignFileError(sqlite3.DatabaseError):
    """The file is an SQLite database, but not one of ours (or an older schema)."""


def _classify(exc: sqlite3.Error) -> str:
    """``"busy"`` (try later), ``"corrupt"`` (rebuild) or ``"unusable"`` (turn the cache off)."""
    if isinstance(exc, _ForeignFileError):
        return "corrupt"
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    if isinstance(code, int):
        primary = code & 0xFF
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return "busy"
        if primary in (
            _SQLITE_CORRUPT,
            _SQLITE_NOTADB,
            _SQLITE_ERROR,  # "no such table/column": tables that are not ours
            _SQLITE_SCHEMA,
            _SQLITE_MISMATCH,
        ):
            return "corrupt"
        return "unusable"  # read-only, I/O error, disk full, cannot open, permission...
    text = str(exc).lower()  # Python 3.10: only the message
    if "locked" in text or "busy" in text:
        return "busy"
    if any(
        needle in text
        for needle in ("malformed", "not a database", "no such", "has no column", "columns but")
    ):
        return "corrupt"
    return "unusable"


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """An inter-process exclusive lock on ``lock_path`` (POSIX ``flock``; a no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
        yield
        return
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


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
    busy_timeout
        Seconds to wait for another process's write before skipping the cache once.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        expire_after: float = DEFAULT_EXPIRE_AFTER,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path) if path is not None else cache_dir() / _FILENAME
        self.expire_after = expire_after
        self.busy_timeout = busy_timeout
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    # -- connection -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Open (creating if needed) under the inter-process lock.

        Switching to WAL and creating the tables take SQLite's write lock in a way that can
        answer "database is locked" at once, without waiting for the busy timeout, when two
        processes create the cache at the same moment; the file lock serialises that setup.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(Path(f"{self.path}.lock")):
            return self._open_locked()

    def _open_locked(self) -> sqlite3.Connection:
        """Open and set up the database; the caller holds the ``.lock`` file lock."""
        conn = sqlite3.connect(
            self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
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
                raise _ForeignFileError(f"cache schema {row!r}, expected {_SCHEMA_VERSION}")
            conn.execute("SELECT url, body, stored_at FROM answers LIMIT 0").fetchall()
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
            except OSError as exc:
                self._turn_off(exc)
            except sqlite3.Error as exc:
                self._handle(exc)
        return self._conn

    def _handle(self, exc: sqlite3.Error) -> None:
        kind = _classify(exc)
        if kind == "busy":
            logger.warning("the OEIS cache is busy (%s); skipping it this time", exc)
        elif kind == "corrupt":
            logger.warning("the OEIS cache %s is damaged (%s); rebuilding it", self.path, exc)
            self._rebuild()
        else:
            self._turn_off(exc)

    def _turn_off(self, exc: BaseException) -> None:
        logger.warning("the OEIS cache %s cannot be used (%s); caching is off", self.path, exc)
        self._disabled = True
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _rebuild(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        try:
            with _exclusive(Path(f"{self.path}.lock")):
                # Another process may have rebuilt it while we waited for the lock.
                conn: sqlite3.Connection | None = None
                try:
                    conn = self._open_locked()
                    row = conn.execute("PRAGMA quick_check(1)").fetchone()
                    healthy = row is not None and row[0] == "ok"
                except sqlite3.Error as exc:
                    if _classify(exc) != "corrupt":
                        raise
                    healthy = False
                if healthy:
                    self._conn = conn
                    return
                if conn is not None:
                    conn.close()
                with contextlib.suppress(FileNotFoundError):  # kept for a post-mortem
                    os.replace(self.path, f"{self.path}.corrupt")
                for suffix in ("-wal", "-shm"):  # they belong to the damaged file
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._conn = self._open_locked()
        except OSError as exc:
            self._turn_off(exc)
        except sqlite3.Error as exc:
            if _classify(exc) == "busy":
                logger.warning("the OEIS cache is busy (%s); skipping it this time", exc)
            else:
                self._turn_off(exc)

    def _execute(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        with self._lock:
            for _ in range(2):  # a second try after a rebuild
                conn = self._connection()
                if conn is None:
                    return []
                try:
                    return conn.execute(sql, params).fetchall()
                except sqlite3.Error as exc:
                    self._handle(exc)
                    if _classify(exc) != "corrupt":
                        return []
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
