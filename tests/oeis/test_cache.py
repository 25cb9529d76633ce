"""The SQLite answer cache: hits, expiry, corrupt files, concurrent processes, bypass."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

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


def test_unusable_location_turns_the_cache_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with ResponseCache(blocker / "sub" / "c.sqlite3") as cache:  # parent is a file
        cache.put("u", "body")
        assert cache.get("u") is None


_WRITER = textwrap.dedent(
    """
    import sys
    from numtheory.oeis.cache import ResponseCache
    cache = ResponseCache(sys.argv[1])
    tag = sys.argv[2]
    for i in range(200):
        cache.put(f"{tag}-{i}", tag * 500)
        cache.put("shared", f"{tag}-{i}")
        assert cache.get(f"{tag}-{i}").body == tag * 500
    print("done")
    """
)


def test_two_processes_write_concurrently(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0 and out.strip() == "done", err
        assert "busy" not in err and "damaged" not in err
    with ResponseCache(path) as cache:
        assert len(cache) == 401
        assert cache.get("a-199").body == "a" * 500  # type: ignore[union-attr]
        assert cache.get("shared").body in ("a-199", "b-199")  # type: ignore[union-attr]
