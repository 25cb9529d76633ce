"""The SQLite answer cache: hits, expiry, corrupt files, concurrent processes, bypass."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import OEISClient
from tests.oeis.http_helpers import data_text

ENTRY = data_text("constructed-record-A000984.json")


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_put_get_and_expiry(tmp_path: Path) -> None:
    clock = Clock()
    with ResponseCache(tmp_path / "c.sqlite3", expire_after=100, clock=clock) as cache:
        assert cache.get("u") is None
        cache.put("u", "body")
        hit = cache.get("u")
        assert hit is not None and hit.body == "body" and hit.fresh
        clock.now += 101
        stale = cache.get("u")
        assert stale is not None and not stale.fresh and stale.body == "body"
        cache.put("u", "newer")
        assert cache.get("u").fresh and len(cache) == 1  # type: ignore[union-attr]


def test_default_location_follows_the_environment(cache_dir: Path) -> None:
    assert ResponseCache().path == cache_dir / "oeis-cache.sqlite3"


def test_client_hit_makes_no_request(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/A000984").respond_with_data(ENTRY)
    cache = ResponseCache(tmp_path / "c.sqlite3")
    url = httpserver.url_for("/").rstrip("/")
    with OEISClient(url, cache=cache, min_interval=0) as client:
        assert client.entry("A000984")[1] == "network"
        assert client.entry("A000984")[1] == "cache"
    assert len(httpserver.log) == 1
    with OEISClient(url, cache=False, min_interval=0) as client:  # --no-cache
        assert client.entry("A000984")[1] == "network"
        assert client.entry("A000984")[1] == "network"
    assert len(httpserver.log) == 3


def test_expired_entry_is_refetched(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/A000984").respond_with_data(ENTRY)
    clock = Clock()
    cache = ResponseCache(tmp_path / "c.sqlite3", expire_after=60, clock=clock)
    url = httpserver.url_for("/").rstrip("/")
    with OEISClient(url, cache=cache, min_interval=0) as client:
        client.get("A000984")
        clock.now += 61
        assert client.entry("A000984")[1] == "network"
    assert len(httpserver.log) == 2


def test_corrupt_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with ResponseCache(path) as cache:
        assert cache.get("u") is None
        cache.put("u", "body")
        assert cache.get("u").body == "body"  # type: ignore[union-attr]


def _filled_cache(path: Path, n: int = 300) -> None:
    with ResponseCache(path) as cache:
        for i in range(n):
            cache.put(f"u{i}", f"body {i} " * 50)
    with sqlite3.connect(path) as db:  # fold the WAL into the main file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_malformed_file_is_moved_aside_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    _filled_cache(path)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)  # garble pages past the header
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(path) as cache:
        for i in range(300):  # some rows live on the damaged pages
            cache.get(f"u{i}")
        cache.put("new", "body")
        assert cache.get("new").body == "body"  # type: ignore[union-attr]
    assert "damaged" in caplog.text and "rebuilding" in caplog.text
    assert (tmp_path / "c.sqlite3.corrupt").exists()  # kept, not deleted


def test_foreign_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE answers (id INTEGER)")
        db.execute("CREATE TABLE meta (k TEXT)")
    before = path.read_bytes()
    with ResponseCache(path) as cache:
        cache.put("u", "body")
        assert cache.get("u").body == "body"  # type: ignore[union-attr]
    # Not ours (same table names, other columns): renamed aside untouched, not ".corrupt".
    (moved,) = tmp_path.glob("c.sqlite3.foreign-*")
    assert moved.read_bytes() == before
    assert not (tmp_path / "c.sqlite3.corrupt").exists()


def test_a_busy_cache_is_skipped_never_deleted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.sqlite3"
    with sqlite3.connect(path) as db:  # our schema, in rollback-journal mode
        db.execute(
            "CREATE TABLE answers (url TEXT PRIMARY KEY, body TEXT NOT NULL,"
            " stored_at REAL NOT NULL)"
        )
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', '1')")
        db.execute("INSERT INTO answers VALUES ('u', 'kept', ?)", (time.time(),))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
    try:
        with caplog.at_level(logging.WARNING, "numtheory.oeis"):
            cache = ResponseCache(path, busy_timeout=0.05)
            assert cache.get("u") is None  # skipped this time...
        assert "busy" in caplog.text and "rebuilding" not in caplog.text
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cache.get("u").body == "kept"  # type: ignore[union-attr]  # ...and intact after
    assert not (tmp_path / "c.sqlite3.corrupt").exists()
    cache.close()


def test_unusable_location_turns_the_cache_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with ResponseCache(blocker / "sub" / "c.sqlite3") as cache:  # parent is a file
        cache.put("u", "body")
        assert cache.get("u") is None


# Each writer waits for the "go" file so that the two really overlap (not one after the other).
_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from numtheory.oeis.cache import ResponseCache
    cache = ResponseCache(sys.argv[1])
    tag = sys.argv[2]
    open(sys.argv[3] + "-ready-" + tag, "w").close()
    while not os.path.exists(sys.argv[3]):
        time.sleep(0.005)
    for i in range(200):
        cache.put(f"{tag}-{i}", tag * 500)
        cache.put("shared", f"{tag}-{i}")
        assert cache.get(f"{tag}-{i}").body == tag * 500
    print("done")
    """
)


def _release(go: Path, tags: tuple[str, ...]) -> None:
    """Wait until every process is at the barrier, then let them all go at once."""
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}-ready-{tag}").exists() for tag in tags):
        assert time.monotonic() < deadline, "a child process never reached the barrier"
        time.sleep(0.01)
    go.touch()


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_write_concurrently(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    go = tmp_path / "go"
    procs = [_start(_WRITER, str(path), tag, str(go)) for tag in ("a", "b")]
    _release(go, ("a", "b"))
    outputs = [proc.communicate(timeout=60) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0 and out.strip() == "done", err
        assert "busy" not in err and "damaged" not in err
    with ResponseCache(path) as cache:
        assert len(cache) == 401
        assert cache.get("a-199").body == "a" * 500  # type: ignore[union-attr]
        assert cache.get("shared").body in ("a-199", "b-199")  # type: ignore[union-attr]


_READER = textwrap.dedent(
    """
    import os, sys, time
    from numtheory.oeis.cache import ResponseCache
    open(sys.argv[2] + "-ready-" + sys.argv[3], "w").close()
    while not os.path.exists(sys.argv[2]):
        time.sleep(0.005)
    cache = ResponseCache(sys.argv[1])
    cache.put(sys.argv[3], "x")
    assert cache.get(sys.argv[3]).body == "x"
    print("done")
    """
)


def test_two_processes_find_the_same_corrupt_file(tmp_path: Path) -> None:
    """Both rebuild-or-reuse under the lock; neither moves the other's fresh cache aside."""
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"garbage, not SQLite " * 500)
    go = tmp_path / "go"
    procs = [_start(_READER, str(path), str(go), tag) for tag in ("a", "b")]
    _release(go, ("a", "b"))
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == "done", err
    with ResponseCache(path) as cache:  # both answers are in the one rebuilt file
        assert len(cache) == 2
