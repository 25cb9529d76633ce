"""The cache trusts nothing it finds on disk: planted links, shared directories, foreign files.

Issue 10 ("Processes and files"): links planted at the cache file or its lock were followed,
a cache directory other users can write was used, a foreign SQLite file was adopted and
modified, and ``NUMTHEORY_CACHE_DIR`` set to a file gave an unhelpful message.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from numtheory.oeis.cache import ResponseCache

NAME = "oeis-cache.sqlite3"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _works(cache: ResponseCache) -> bool:
    cache.put("u", "body")
    hit = cache.get("u")
    return hit is not None and hit.body == "body"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A directory outside the cache, where planted links point."""
    target = tmp_path / "elsewhere"
    target.mkdir()
    return target


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private cache directory."""
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    return directory


@pytest.mark.parametrize("planted", [NAME, f"{NAME}.lock", f"{NAME}-wal", f"{NAME}-journal"])
def test_a_link_planted_in_the_cache_dir_is_never_followed(
    home: Path, elsewhere: Path, planted: str, caplog: pytest.LogCaptureFixture
) -> None:
    victim = elsewhere / "victim"
    (home / planted).symlink_to(victim)
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(home / NAME) as cache:
        assert not _works(cache)  # refused: the cache is off, never fatal
    assert not victim.exists()  # the old code created (and wrote) the link's target
    assert (home / planted).is_symlink()
    assert "symbolic link" in caplog.text and str(home / planted) in caplog.text


def test_a_link_to_an_existing_file_leaves_that_file_alone(home: Path, elsewhere: Path) -> None:
    victim = elsewhere / "victim.sqlite3"
    victim.write_bytes(b"")  # an empty file: the old code wrote a whole database into it
    (home / NAME).symlink_to(victim)
    with ResponseCache(home / NAME) as cache:
        assert not _works(cache)
    assert victim.read_bytes() == b""


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o733])
def test_a_directory_other_users_can_write_is_refused(
    home: Path, mode: int, caplog: pytest.LogCaptureFixture
) -> None:
    home.chmod(mode)
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(home / NAME) as cache:
        assert not _works(cache)
    assert not (home / NAME).exists() and not (home / f"{NAME}.lock").exists()
    assert str(home) in caplog.text and "writable by other users" in caplog.text
    assert f"chmod go-w {home}" in caplog.text  # says what to do


def test_a_sticky_shared_directory_is_refused(home: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Like /tmp: others cannot replace our files there, but they can create the ones SQLite
    # opens by name (-wal, -shm, -journal) before it does, and a planted -wal is replayed
    # into the database. (The first version accepted such a directory.)
    home.chmod(0o1777)
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(home / NAME) as cache:
        assert not _works(cache)
    assert not (home / NAME).exists() and not (home / f"{NAME}.lock").exists()
    assert "shared directory (mode 1777)" in caplog.text
    assert f"mkdir -m 700 {home}/numtheory" in caplog.text and "chmod" not in caplog.text


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs lchown")
def test_a_cache_dir_reached_through_another_users_link_is_refused(
    home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The directory is ours, but the link's owner can re-point it between check and open.
    link = tmp_path / "their-link"
    link.symlink_to(home)
    os.lchown(link, 65534, 65534)
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(link / NAME) as cache:
        assert not _works(cache)
    assert "symbolic link that belongs to" in caplog.text and "uid 65534" in caplog.text
    assert not (home / NAME).exists()
    os.lchown(link, os.geteuid(), os.getegid())  # our own link: followed as before
    with ResponseCache(link / NAME) as cache:
        assert _works(cache)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_directory_owned_by_another_user_is_refused(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    os.chown(home, 65534, 65534)
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(home / NAME) as cache:
        assert not _works(cache)
    assert "uid 65534" in caplog.text and "not to you" in caplog.text
    assert not (home / NAME).exists()


def test_a_new_cache_is_private(tmp_path: Path) -> None:
    directory = tmp_path / "fresh" / "numtheory"
    with ResponseCache(directory / NAME) as cache:
        assert _works(cache)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((directory / NAME).stat().st_mode) & 0o077 == 0


def _foreign_database(path: Path, journal: str = "DELETE") -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA journal_mode = {journal}")
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        db.executemany("INSERT INTO notes (text) VALUES (?)", [(f"note {i}",) for i in range(50)])
    db.close()


def _moved_aside(home: Path) -> list[Path]:
    return sorted(
        p
        for p in home.iterdir()
        if p.name.startswith(f"{NAME}.foreign-") and not p.name.endswith(("-wal", "-shm"))
    )


def test_a_foreign_database_is_moved_aside_untouched(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = home / NAME
    _foreign_database(path)
    before = _digest(path)
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache(path) as cache:
        assert _works(cache)
    moved = _moved_aside(home)
    assert len(moved) == 1 and moved[0].name.startswith(f"{NAME}.foreign-")
    assert _digest(moved[0]) == before  # not one byte changed (old: tables added, WAL switched)
    with sqlite3.connect(moved[0]) as db:  # and it is still the other program's data
        assert db.execute("SELECT count(*) FROM notes").fetchone() == (50,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    db.close()
    assert (
        "not numtheory's" in caplog.text and "notes" in caplog.text and str(moved[0]) in caplog.text
    )
    with ResponseCache(path) as cache:  # the fresh file is ours from now on: kept
        assert cache.get("u") is not None
    assert _moved_aside(home) == moved


def test_a_foreign_wal_database_keeps_its_wal(home: Path, tmp_path: Path) -> None:
    path = home / NAME
    _foreign_database(path, journal="WAL")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("INSERT INTO notes (text) VALUES ('only in the WAL')")
    # The image a crash leaves: the last write is only in the -wal file.
    image = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal")}
    holder.close()
    for suffix, data in image.items():
        Path(f"{path}{suffix}").write_bytes(data)
    Path(f"{path}-shm").unlink(missing_ok=True)
    with ResponseCache(path) as cache:
        assert _works(cache)
    (moved,) = _moved_aside(home)
    assert Path(f"{moved}-wal").read_bytes() == image["-wal"]
    with sqlite3.connect(moved) as db:  # its WAL moved with it: nothing of it lost
        assert db.execute("SELECT count(*) FROM notes").fetchone() == (51,)
    db.close()


def test_garbage_at_the_cache_path_is_kept_not_overwritten(home: Path) -> None:
    path = home / NAME
    for round_ in range(2):  # two in the same second: the second gets another name
        path.write_bytes(b"somebody's notes %d\n" % round_ * 100)
        with ResponseCache(path) as cache:
            assert _works(cache)
        path.unlink()
    moved = _moved_aside(home)
    assert len(moved) == 2
    assert {p.read_bytes()[:19] for p in moved} == {
        b"somebody's notes 0\n",
        b"somebody's notes 1\n",
    }


def test_a_cache_from_before_the_marker_is_still_ours(home: Path) -> None:
    path = home / NAME
    with sqlite3.connect(path) as db:  # what version 1 wrote, without application_id
        db.execute(
            "CREATE TABLE answers (url TEXT PRIMARY KEY, body TEXT NOT NULL,"
            " stored_at REAL NOT NULL)"
        )
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', '1')")
        db.execute("INSERT INTO answers VALUES ('kept', 'old body', ?)", (time.time(),))
    db.close()
    with ResponseCache(path) as cache:
        assert cache.get("kept").body == "old body"  # type: ignore[union-attr]
    assert _moved_aside(home) == []


def test_cache_dir_set_to_a_file_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(blocker))
    with caplog.at_level(logging.WARNING, "numtheory.oeis"), ResponseCache() as cache:
        assert not _works(cache)
    assert f"NUMTHEORY_CACHE_DIR: {blocker} is not a directory" in caplog.text
    assert "set NUMTHEORY_CACHE_DIR to a private directory" in caplog.text
    assert blocker.read_text() == "not a directory"


def test_cli_with_cache_dir_a_file_still_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = {**os.environ, "NUMTHEORY_CACHE_DIR": str(blocker), "NUMTHEORY_OEIS_MIN_INTERVAL": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "numtheory", "oeis", "1,2,6,20", "--timeout", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "A000984" in proc.stdout  # answered (the OEIS is unreachable: the catalogue)
    assert f"NUMTHEORY_CACHE_DIR: {blocker} is not a directory" in proc.stderr
    assert "Traceback" not in proc.stderr
