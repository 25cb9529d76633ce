"""Temporaries left by a writer killed with SIGKILL: removed by the next run, never read, and a
live concurrent writer's temporary is left alone.

Each writer is a real process, stopped in the middle of its write (after the temporary is
written, before it is renamed into place) by a patched ``os.fsync``/``os.replace`` that says
"writing" and waits; the test then kills it with SIGKILL (nothing can be cleaned up at that
moment) or keeps it alive as the concurrent writer. The mirror's own temporaries are tested
the same way in test_mirror_temporaries.py.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from numtheory import _files
from numtheory.oeis import _catalogue_store
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.mirror import _files as mirror_files
from numtheory.oeis.netmemory import FILE_NAME, FailureMemory

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and flock are POSIX")


class Writer:
    """A child process running ``code`` (after ``import os, sys, time``), stopped in its write."""

    def __init__(self, code: str) -> None:
        script = "import os, sys, time\n" + textwrap.dedent(code)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # blocks until the child is mid-write (or died)
        if line.strip() != "writing":
            self.proc.kill()
            raise AssertionError(f"the writer did not start: {line!r} {self.proc.stderr.read()}")  # type: ignore[union-attr]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(20)
        self.proc.communicate()


@pytest.fixture
def writers() -> Iterator[list[Writer]]:
    started: list[Writer] = []
    yield started
    for writer in started:
        if writer.proc.poll() is None:
            writer.kill()


_PAUSE_FSYNC = """
def pause(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = pause
"""

_SAVE = (
    _PAUSE_FSYNC
    + """
from numtheory.oeis import _catalogue_store
_catalogue_store.save({45: (0, 1, 1, 2, 3, 5, 8)})
"""
)


def test_a_killed_catalogue_writer_leaves_nothing_that_is_read_or_kept(
    writers: list[Writer],
) -> None:
    path = _catalogue_store.store_path()
    dead = Writer(_SAVE)
    writers.append(dead)
    (dead_part,) = path.parent.glob(f".{path.name}.{dead.pid}.*.part")
    assert dead_part.is_file() and not path.exists()
    dead.kill()
    assert dead_part.is_file()  # kill -9: nothing could clean up at the time
    live = Writer(_SAVE)  # a concurrent writer, alive and mid-write
    writers.append(live)
    (live_part,) = path.parent.glob(f".{path.name}.{live.pid}.*.part")
    assert live_part.is_file()

    assert _catalogue_store.load({45}) is None  # no store yet: the temporaries are not read
    assert not dead_part.exists()  # the dead writer's is gone
    assert live_part.is_file()  # the live writer's is kept (its pid runs, it holds the lock)

    live.kill()
    _catalogue_store.save({45: (0, 1, 1, 2, 3, 5, 8)})  # the next save tidies too
    assert not live_part.exists()
    assert _catalogue_store.load({45}) == {45: (0, 1, 1, 2, 3, 5, 8)}
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_locked_temporary_is_kept_even_when_its_pid_looks_dead(tmp_path: Path) -> None:
    """The lock protects a writer whose pid this process cannot see (another pid namespace)."""
    pattern = re.compile(r"\.x\.(?P<pid>\d+)\.part")
    gone = 2**22 + 12345  # above Linux's pid_max: no process has it
    held = tmp_path / f".x.{gone}.part"
    fd = _files.create_temporary(held)
    try:
        assert _files.remove_stale_temporaries(tmp_path, pattern) == []
        assert held.is_file()
    finally:
        os.close(fd)
    assert _files.remove_stale_temporaries(tmp_path, pattern) == [held.name]
    # an old file of a live pid (pids are reused) goes; a fresh one, a link, a directory stay
    old = tmp_path / f".x.{os.getpid()}.part"
    old.write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    young = tmp_path / f".x.{os.getppid()}.part"  # a live pid's fresh temporary
    young.write_bytes(b"being written")
    other = tmp_path / f".x.{gone}.part.keep"
    other.write_bytes(b"not our pattern")
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    (tmp_path / f".x.{gone + 1}.part").symlink_to(victim)
    (tmp_path / f".x.{gone + 2}.part").mkdir()
    assert _files.remove_stale_temporaries(tmp_path, pattern) == [old.name]
    assert victim.read_bytes() == b"precious" and young.is_file() and other.is_file()


_RECORD = """
real_replace = os.replace
def pause(src, dst):
    print("writing", flush=True)
    time.sleep(60)
os.replace = pause
from pathlib import Path
from numtheory.oeis.netmemory import FailureMemory
FailureMemory(Path(sys.argv[-1]), ttl=300).record("http://oeis.invalid", "host name not found")
"""


def test_a_killed_failure_memory_writer_is_tidied(writers: list[Writer], tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    script = _RECORD.replace("sys.argv[-1]", repr(str(path)))
    dead = Writer(script)
    writers.append(dead)
    dead.kill()
    (left,) = [p for p in tmp_path.iterdir() if p.name.startswith(f".oeis-unreachable-{dead.pid}-")]
    memory = FailureMemory(path, ttl=300)
    assert memory.recall("http://oeis.invalid") is None  # the half-done write is not believed
    memory.forget("http://oeis.invalid")  # what every successful answer does
    assert not left.exists() and list(tmp_path.iterdir()) == []
    memory.record("http://oeis.invalid", "connection refused")
    assert memory.recall("http://oeis.invalid") is not None
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]


_PUTS = """
from numtheory.oeis.cache import ResponseCache
cache = ResponseCache(sys.argv[-1])
for i in range(10**6):
    cache.put(f"u{i}", (f"{i:08d}" * 25_000))
    if i == 3:
        print("writing", flush=True)
"""


def test_a_cache_writer_killed_mid_write_leaves_only_whole_answers(
    writers: list[Writer], tmp_path: Path
) -> None:
    path = tmp_path / "cache.sqlite3"
    writer = Writer(_PUTS.replace("sys.argv[-1]", repr(str(path))))
    writers.append(writer)
    time.sleep(0.2)  # let it write a few more answers (how many does not matter)
    writer.kill()
    with ResponseCache(path) as cache:
        count = len(cache)
        assert count >= 4
        for i in range(count + 2):  # every answer read back is whole, none is half there
            got = cache.get(f"u{i}")
            if i < count:
                assert got is not None and got.body == f"{i:08d}" * 25_000
            else:
                assert got is None
        cache.put("after", "ok")
        assert cache.get("after") is not None


def test_a_name_taken_over_while_cleaning_is_not_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review: two cleaners at once. Cleaner A removes a dead writer's temporary while this
    cleaner waits for its lock; a new writer (the pid reused) creates a file of the same name.
    This cleaner then holds the lock of the old, unlinked file: it must not unlink the new one."""
    pattern = re.compile(r"\.x\.(?P<pid>\d+)\.part")
    gone = 2**22 + 4242
    stale = tmp_path / f".x.{gone}.part"
    stale.write_bytes(b"left by a dead writer")
    real_lock = _files._lock

    def race(fd: int, blocking: bool) -> bool:
        os.unlink(stale)  # cleaner A, just before us
        stale.write_bytes(b"a new writer's data")  # the same name, a new file
        return real_lock(fd, blocking)

    monkeypatch.setattr(_files, "_lock", race)
    assert _files.remove_stale_temporaries(tmp_path, pattern) == []
    assert stale.read_bytes() == b"a new writer's data"
    monkeypatch.setattr(_files, "_lock", real_lock)
    assert _files.remove_stale_temporaries(tmp_path, pattern) == [stale.name]  # no race: gone


def test_a_pid_too_large_for_the_os_is_a_dead_writer_not_a_crash(tmp_path: Path) -> None:
    """Review: os.kill(pid, 0) raises OverflowError (not OSError) past a C long, so a stray
    '.catalogue-lines.json.<25 digits>.part' made every load/save raise instead of tidying."""
    path = _catalogue_store.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    huge = path.with_name(f".{path.name}.{'9' * 25}.part")
    huge.write_bytes(b"partial")
    assert _catalogue_store.load({45}) is None  # raised OverflowError before
    assert not huge.exists()
    stale = tmp_path / f".sync-{'9' * 25}-abc"  # the mirror's own pid check had the same flaw
    stale.mkdir()
    assert mirror_files.clean_stale(tmp_path) == [stale.name]


def test_a_leftover_under_this_process_pid_does_not_block_saving() -> None:
    """Review: the temporary was '.<name>.<pid>.part'; a writer killed in a container whose
    next run gets the same small pid left a file that the new run could neither remove (its
    pid runs: this process) nor create again (O_EXCL), so nothing was saved for an hour."""
    path = _catalogue_store.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    leftover = path.with_name(f".{path.name}.{os.getpid()}.part")  # the old name, unlocked
    leftover.write_bytes(b"partial")
    _catalogue_store.save({45: (0, 1, 1, 2, 3, 5, 8)})
    assert _catalogue_store.load({45}) == {45: (0, 1, 1, 2, 3, 5, 8)}
    assert leftover.is_file()  # still not removed (a live pid, fresh): only harmless now
