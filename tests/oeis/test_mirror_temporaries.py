"""Issue 10: temporaries of `mirror sync`: SIGTERM cleans up, kill -9 leftovers are removed by
the next run, and planted symlinks are never followed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer

from numtheory.oeis.mirror import build_mirror, mirror_path, sync_mirror
from tests.oeis.test_mirror import make_dump
from tests.oeis.test_mirror_limits import FaultServer, assert_intact, drip, fault, old_mirror

__all__ = ["fault", "old_mirror"]  # fixtures used here


def start_sync(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "numtheory", "mirror", "sync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NUMTHEORY_OEIS_URL": url},
    )


def wait_for_download(proc: subprocess.Popen[str], server: FaultServer) -> list[Path]:
    """Wait (at most 20 s) until the sync is receiving the dump; return its temporaries."""
    folder = mirror_path().parent
    for _ in range(400):
        found = [p for p in folder.iterdir() if p.name.startswith(".")]
        if server.sent > 64 and any(not p.is_dir() or any(p.iterdir()) for p in found):
            return found
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the sync never started downloading")


def test_sigterm_cleans_up_like_ctrl_c(
    fault: Callable[..., FaultServer], old_mirror: bytes
) -> None:
    server = fault(drip(), lifetime=60)
    proc = start_sync(server.url)
    try:
        temporaries = wait_for_download(proc, server)
        modes = [stat.S_IMODE(p.lstat().st_mode) for p in temporaries]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130, err  # handled as an interrupt (was killed by the signal)
    assert "interrupted" in err
    assert_intact(old_mirror)  # and nothing left behind
    # the download went to a private directory (mode 0700), not a guessable file name
    assert len(temporaries) == 1 and temporaries[0].name.startswith(f".sync-{proc.pid}-")
    assert modes == [0o700]


def test_kill_9_leftovers_are_removed_by_the_next_run(
    fault: Callable[..., FaultServer], old_mirror: bytes, tmp_path: Path
) -> None:
    server = fault(drip(), lifetime=60)
    proc = start_sync(server.url)
    try:
        left = wait_for_download(proc, server)
    finally:
        proc.kill()
        proc.wait()
    folder = mirror_path().parent
    assert all(p.exists() for p in left)  # kill -9 cannot be cleaned up at the time
    dead = proc.pid
    # what older versions left: loose files named after the pid
    (folder / f".download-{dead}-stripped").write_bytes(b"partial")
    (folder / f".mirror.sqlite.{dead}.tmp").write_bytes(b"partial")
    # a live process's fresh temporary stays; an old one goes even though the pid is alive
    live = folder / f".sync-{os.getpid()}-live"
    live.mkdir()
    old = folder / f".build-{os.getpid()}-old"
    old.mkdir()
    (old / "mirror.sqlite").write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))

    dump = make_dump(tmp_path / "dump")
    build_mirror(dump / "stripped.gz", dump / "names.gz")
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["mirror.sqlite", live.name])


def test_planted_symlinks_are_never_followed(httpserver: HTTPServer, tmp_path: Path) -> None:
    dump = make_dump(tmp_path / "served")
    for name in ("stripped", "names"):
        httpserver.expect_request(f"/{name}.gz").respond_with_data(
            (dump / f"{name}.gz").read_bytes()
        )
    folder = mirror_path().parent
    folder.mkdir(parents=True)
    victims = []
    pid = os.getpid()  # the names a sync in this process would have used
    for name in (
        f".download-{pid}-stripped",
        f".download-{pid}-names",
        f".mirror.sqlite.{pid}.tmp",
    ):
        victim = tmp_path / f"victim-{len(victims)}"
        victim.write_bytes(b"precious")
        (folder / name).symlink_to(victim)
        victims.append(victim)
    status = sync_mirror(httpserver.url_for("/"), pause=0, sleep=lambda s: None)
    assert status.sequences > 0
    assert [v.read_bytes() for v in victims] == [b"precious"] * 3  # was overwritten by the dump


def test_a_locked_temporary_survives_even_when_its_pid_looks_gone(tmp_path: Path) -> None:
    """A sync in another pid namespace (a container sharing the cache) has a pid this process
    cannot see; the flock it holds on its private directory keeps its download alive."""
    from numtheory.oeis.mirror import _files

    folder = tmp_path / "mirror"
    folder.mkdir()
    script = (
        "import sys, time\nfrom pathlib import Path\n"
        "from numtheory.oeis.mirror import _files\n"
        f"print(_files.private_dir(Path({str(folder)!r}), 'sync'), flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        made = Path(child.stdout.readline().strip())
        assert made.is_dir() and made.name.startswith(f".sync-{child.pid}-")
        # the same directory (and lock) under a pid no process has here
        hidden = made.with_name(f".sync-{2**22 + 7}-elsewhere")
        made.rename(hidden)
        assert _files.clean_stale(folder) == [] and hidden.is_dir()
    finally:
        child.kill()
        child.wait()
    assert _files.clean_stale(folder) == [hidden.name] and not hidden.exists()
    # this process's own temporary in use is kept even when old enough to look abandoned
    own = _files.private_dir(folder, "build")
    two_days_ago = time.time() - 2 * 86400
    os.utime(own, (two_days_ago, two_days_ago))
    assert _files.clean_stale(folder) == [] and own.is_dir()
    _files.remove_tree(own)
    assert list(folder.iterdir()) == []
