"""An on-disk cache of OEIS answers: one SQLite file, safe for concurrent processes.

The cache stores raw response bodies (JSON or text) of successful answers, keyed by the full
request URL, with the time they were stored. Entries younger than ``expire_after`` (a week by
default) are served without touching the network; older ones are kept so that, when the OEIS
cannot be reached, the client can answer from a stale copy (with a warning).

* Location: ``$NUMTHEORY_CACHE_DIR/oeis-cache.sqlite3``, else the platform user cache dir
  (``~/.cache/numtheory`` on Linux). Safe to delete at any time.
* Trust: the directory is created private (``0o700``) and must belong to the user and be
  writable by no one else, sticky or not (else another user could plant files for us to
  read, a ``-wal`` for SQLite to replay, or links for us to write through); the file and
  its ``.lock`` are created with ``O_EXCL``/``O_NOFOLLOW``, and a symbolic link at the file,
  its lock, ``-wal``, ``-shm`` or ``-journal`` is refused.
  Refused means the cache is off for the process, with a warning naming the path and what to
  do (see :mod:`numtheory._files`). A ``NUMTHEORY_CACHE_DIR`` that is a file or cannot be
  created is treated the same way: a cache is never fatal, the command still answers.
* Ours or not: our file carries SQLite's ``application_id`` marker (files from before the
  marker are recognised by their exact tables and schema row). A file that is not ours (not
  SQLite at all, or another program's database) is never opened for writing: it is renamed
  to ``<name>.foreign-<UTC timestamp>``, untouched, with a warning, and a fresh cache starts.
* Concurrency: WAL journal and a busy timeout, each write a single transaction
  (``INSERT OR REPLACE``), so several processes can read and write at once; a cache still
  busy after the timeout is skipped for that one operation (never deleted).
* Our own file found damaged (SQLite says "malformed", or a table has lost its columns) is
  moved aside to ``<name>.corrupt`` and rebuilt. Setup and rebuild hold an exclusive lock on
  ``<name>.lock`` and check the file again once they have it, so two processes that find the
  same damage do not rebuild twice or move a fresh cache aside.
* A cache that cannot be used at all (read-only or full disk, no permission...) turns
  itself off for the process with a logged warning.
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
from urllib.parse import quote

from numtheory import _files
from numtheory.errors import InputError
from numtheory.oeis.config import cache_dir

__all__ = ["DEFAULT_EXPIRE_AFTER", "CachedAnswer", "ResponseCache"]

logger = logging.getLogger("numtheory.oeis")

#: One week, in seconds.
DEFAULT_EXPIRE_AFTER = 7 * 24 * 3600.0
_FILENAME = "oeis-cache.sqlite3"
_SCHEMA_VERSION = 1
#: SQLite's ``PRAGMA application_id`` (bytes 68-71 of the header): "NTOC", numtheory OEIS cache.
_APPLICATION_ID = 0x4E544F43
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")
_ENV_HINT = "(or set NUMTHEORY_CACHE_DIR to a private directory of your own)"

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
    """An inter-process exclusive lock on ``lock_path`` (POSIX ``flock``; a no-op elsewhere).

    The lock file is opened with ``O_NOFOLLOW``: a link planted there is refused, not followed.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
        yield
        return
    fd = _files.open_nofollow(lock_path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_header(path: Path) -> bytes | None:
    """The first 100 bytes of ``path`` (``None`` if there is no file); refuses links."""
    try:
        fd = _files.open_nofollow(path)
    except FileNotFoundError:
        return None
    try:
        return os.read(fd, 100)
    finally:
        os.close(fd)


def _tables_of(path: Path) -> tuple[set[str], str | None]:
    """Table names and the ``meta`` schema row of an SQLite file, read without changing it.

    ``immutable=1`` reads the main file only, takes no locks and creates no ``-wal``/``-shm``;
    when a ``-wal`` exists its content matters, so the file is read with ``mode=ro`` instead.
    """
    wal = Path(f"{path}-wal").exists()
    uri = f"file:{quote(str(path.absolute()))}?{'mode=ro' if wal else 'immutable=1'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        tables = {
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        schema = None
        if tables == {"answers", "meta"}:
            try:
                conn.execute("SELECT url, body, stored_at FROM answers LIMIT 0").fetchall()
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                schema = None if row is None else str(row[0])
            except sqlite3.OperationalError:  # same names, other columns: not ours
                schema = None
        return tables, schema
    finally:
        conn.close()


def _identify(path: Path) -> tuple[str, str]:
    """``("new", "")``, ``("ours", "")`` or ``("foreign", why)`` for the file at ``path``.

    Nothing here writes to the file. Our files carry :data:`_APPLICATION_ID`; a file from
    before that marker counts as ours only with exactly our two tables and schema row.
    """
    header = _read_header(path)
    if header is None or header == b"":
        return "new", ""  # nothing there, or an empty file (SQLite's own "new database")
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 72:
        return "foreign", "not an SQLite database at all"
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == _APPLICATION_ID:
        return "ours", ""
    if application_id != 0:
        return "foreign", f"another program's SQLite database, application_id {application_id:#x}"
    try:
        tables, schema = _tables_of(path)
    except sqlite3.Error as exc:
        return "foreign", f"SQLite cannot read its tables: {exc}"
    if tables == {"answers", "meta"} and schema == str(_SCHEMA_VERSION):
        return "ours", ""
    listed = ", ".join(sorted(tables)[:8]) or "none"
    return "foreign", f"an SQLite database with other tables: {listed}"


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
        # Where the directory came from, for messages that say what to change.
        self._from_env = path is None and bool(os.environ.get("NUMTHEORY_CACHE_DIR"))
        self._hint = "" if path is not None else _ENV_HINT
        self.expire_after = expire_after
        self.busy_timeout = busy_timeout
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    # -- connection -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Check the directory, then open (creating if needed) under the inter-process lock.

        Switching to WAL and creating the tables take SQLite's write lock in a way that can
        answer "database is locked" at once, without waiting for the busy timeout, when two
        processes create the cache at the same moment; the file lock serialises that setup.
        """
        try:
            _files.ensure_private_dir(self.path.parent, hint=self._hint)
        except InputError as exc:
            if self._from_env:  # say which setting to change
                raise InputError(f"NUMTHEORY_CACHE_DIR: {exc}") from exc
            raise
        with _exclusive(Path(f"{self.path}.lock")):
            return self._open_locked()

    def _open_locked(self) -> sqlite3.Connection:
        """Open and set up the database; the caller holds the ``.lock`` file lock.

        The file is identified before SQLite opens it for writing: a foreign one is moved
        aside untouched, a missing one is created with ``O_EXCL``/``O_NOFOLLOW``.
        """
        for suffix in _SIDE_FILES:  # SQLite opens these itself, following links
            _files.refuse_symlink(Path(f"{self.path}{suffix}"))
        kind, why = _identify(self.path)
        if kind == "foreign":
            self._move_foreign(why)
            kind = "new"
        if kind == "new":
            with contextlib.suppress(FileExistsError):  # an empty file of ours is fine
                os.close(_files.create_exclusive(self.path))
        conn = sqlite3.connect(
            self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            row = conn.execute("PRAGMA application_id").fetchone()
            if row is None or row[0] != _APPLICATION_ID:
                # Before WAL, so that the marker is in the main file even after a crash.
                conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
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

    def _move_foreign(self, why: str) -> None:
        """Rename a file that is not ours (and its journal files) aside, untouched."""
        moved = _files.move_aside(self.path, "foreign")
        for suffix in _SIDE_FILES:  # they belong to that database: keep them with it
            side = Path(f"{self.path}{suffix}")
            if os.path.lexists(side):
                os.rename(side, f"{moved}{suffix}")
        logger.warning(
            "the OEIS cache file %s is not numtheory's: %s; moved it aside, untouched, to %s "
            "and started a fresh cache",
            self.path,
            why,
            moved,
        )

    def _connection(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        if self._conn is None:
            try:
                self._conn = self._open()
            except (OSError, InputError) as exc:
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
        if isinstance(exc, InputError):  # the message names the path and what to do
            logger.warning("the OEIS cache is off for this run: %s", exc)
        else:
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
        except (OSError, InputError) as exc:
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
