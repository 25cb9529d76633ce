"""Issue 10: `mirror sync` against hostile servers and files stays within bounds.

An endless body, a byte-a-second drip, slow headers, a gzip bomb and a full disk: each ends
in a clear exit-3 error within the limits, with the previous mirror intact and no temporary
left behind. The fault server is a small socket server in this file, bounded in connections,
bytes and lifetime.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from numtheory.errors import MirrorError, OEISUnavailableError
from numtheory.oeis.mirror import build_mirror, mirror_path, mirror_status, sync_mirror
from tests.oeis.test_mirror import STRIPPED, make_dump

Behaviour = Callable[[socket.socket, "FaultServer"], None]


class FaultServer:
    """A loopback HTTP server that misbehaves in one way, for a bounded time.

    ``behaviour(conn, server)`` runs for each connection after its request head is read.
    At most ``max_connections`` are served; the server stops after ``lifetime`` seconds
    or on :meth:`close`, which also closes every open connection.
    """

    def __init__(self, behaviour: Behaviour, max_connections: int = 6, lifetime: float = 30.0):
        self.behaviour = behaviour
        self.max_connections = max_connections
        self.stop_at = time.monotonic() + lifetime
        self.requests: list[str] = []
        self.sent = 0
        self.closed = threading.Event()
        self.gone = threading.Event()  # a send failed: a client went away
        self._conns: list[socket.socket] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def alive(self) -> bool:
        return not self.closed.is_set() and time.monotonic() < self.stop_at

    def send(self, conn: socket.socket, data: bytes) -> bool:
        """Send ``data``; False once the client has gone or the server must stop."""
        if not self.alive():
            return False
        try:
            conn.sendall(data)
        except OSError:
            self.gone.set()
            return False
        self.sent += len(data)
        return True

    def _serve(self) -> None:
        while self.alive() and len(self.requests) < self.max_connections:
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            self._conns.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < 65536:
                piece = conn.recv(4096)
                if not piece:
                    return
                head += piece
            self.requests.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
            self.behaviour(conn, self)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.closed.set()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self._sock.close()
        self._thread.join(5)


@pytest.fixture
def fault() -> Iterator[Callable[..., FaultServer]]:
    servers: list[FaultServer] = []

    def start(behaviour: Behaviour, **kwargs: float) -> FaultServer:
        server = FaultServer(behaviour, **kwargs)  # type: ignore[arg-type]
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def endless(cap: int = 256 << 20) -> Behaviour:
    """200 with no Content-Length, then gzip-looking bytes until the client goes (or ``cap``)."""

    def behaviour(conn: socket.socket, server: FaultServer) -> None:
        server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\n\r\n")
        block = b"\x1f\x8b" + os.urandom(1 << 16)
        while server.sent < cap and server.send(conn, block):
            pass

    return behaviour


def drip(headers: bool = True, interval: float = 0.05) -> Behaviour:
    """A byte every ``interval`` seconds: of the body (``headers=True``) or of the headers."""

    def behaviour(conn: socket.socket, server: FaultServer) -> None:
        if headers:
            server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 40000000\r\n\r\n\x1f")
            byte = b"\x8b"
        else:
            server.send(conn, b"HTTP/1.1 200 OK\r\n")
            byte = b"X"
        while server.send(conn, byte):
            time.sleep(interval)

    return behaviour


def declared(size: int) -> Behaviour:
    def behaviour(conn: socket.socket, server: FaultServer) -> None:
        server.send(conn, f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n".encode())
        server.send(conn, b"\x1f\x8b" + b"\0" * 1024)

    return behaviour


@pytest.fixture
def old_mirror(tmp_path: Path) -> bytes:
    """A good mirror in place before each attack; its bytes, to check it survives."""
    folder = make_dump(tmp_path / "good")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    return mirror_path().read_bytes()


def assert_intact(before: bytes) -> None:
    assert mirror_path().read_bytes() == before
    assert sorted(p.name for p in mirror_path().parent.iterdir()) == ["mirror.sqlite"]
    assert mirror_status().sequences == len(STRIPPED) and mirror_status().damage is None


def no_sleep(seconds: float) -> None:
    pass


def cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 30, preexec=None
) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "numtheory", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        preexec_fn=preexec,
    )


def test_endless_body_stops_at_the_download_limit(
    fault: Callable[..., FaultServer], old_mirror: bytes
) -> None:
    server = fault(endless())
    with pytest.raises(MirrorError, match="download limit of 1,048,576 bytes") as info:
        sync_mirror(server.url, pause=0, sleep=no_sleep, max_download=1 << 20)
    assert "--max-download" in str(info.value)
    assert server.requests == ["GET /stripped.gz HTTP/1.1"]  # an oversize body is not retried
    assert server.sent < 32 << 20  # stopped reading (the rest is the kernel's socket buffers)
    assert_intact(old_mirror)


def test_declared_oversize_is_refused_before_the_body(
    fault: Callable[..., FaultServer], old_mirror: bytes
) -> None:
    server = fault(declared(10 << 30))
    with pytest.raises(MirrorError, match="10,737,418,240 bytes, over the download limit"):
        sync_mirror(server.url, pause=0, sleep=no_sleep)  # the default limit: 512 MiB
    assert len(server.requests) == 1
    assert_intact(old_mirror)


def test_download_limit_from_the_environment_in_the_cli(
    fault: Callable[..., FaultServer], old_mirror: bytes
) -> None:
    server = fault(endless())
    run = cli(
        "mirror",
        "sync",
        env={"NUMTHEORY_OEIS_URL": server.url, "NUMTHEORY_MIRROR_MAX_DOWNLOAD": "2M"},
    )
    assert run.returncode == 3, run.stderr
    assert "download limit of 2,097,152 bytes" in run.stderr and "Traceback" not in run.stderr
    assert server.sent < 32 << 20
    assert_intact(old_mirror)


def test_slow_drip_is_cut_at_the_deadline(
    fault: Callable[..., FaultServer], old_mirror: bytes
) -> None:
    server = fault(drip(), lifetime=60)
    run = cli("mirror", "sync", "--deadline", "2", env={"NUMTHEORY_OEIS_URL": server.url})
    assert run.returncode == 3, run.stderr
    assert "within its deadline of 2 s" in run.stderr and "--deadline" in run.stderr
    assert server.alive()  # the server would have gone on: the deadline ended the sync
    assert_intact(old_mirror)


def test_slow_headers_are_cut_at_the_deadline(
    fault: Callable[..., FaultServer], old_mirror: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = fault(drip(headers=False), lifetime=60)
    monkeypatch.setenv("NUMTHEORY_MIRROR_DEADLINE", "1.5")
    with pytest.raises(OEISUnavailableError, match=r"deadline of 1\.5 s"):
        sync_mirror(server.url, pause=0, sleep=no_sleep, timeout=30)
    assert server.alive() and len(server.requests) == 1
    # the download thread is gone when the call returns (it was left reading the drip, which
    # resets the read timeout with each byte, for as long as the server went on)
    assert not [t for t in threading.enumerate() if t.name == "numtheory-mirror-download"]
    assert server.gone.wait(10)  # its socket was shut down: the server's next byte fails
    assert_intact(old_mirror)


def _bomb(path: Path, members: int) -> None:
    """``members`` gzip members of 16 MiB of '0' each, no newline: one endless line."""
    member = gzip.compress(b"0" * (16 << 20), 9)
    with open(path, "wb") as handle:
        for _ in range(members):
            handle.write(member)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (768 << 20, 768 << 20))


def test_gzip_bomb_is_refused_in_bounded_memory(tmp_path: Path, old_mirror: bytes) -> None:
    folder = make_dump(tmp_path / "bomb")
    _bomb(folder / "stripped.gz", 96)  # 1.5 GiB unpacked from about 1.5 MB
    assert (folder / "stripped.gz").stat().st_size < 4 << 20
    run = cli("mirror", "sync", "--from", str(folder), preexec=_limit_memory, timeout=60)
    assert run.returncode == 3, run.stderr  # was MemoryError, exit 4
    assert "stripped.gz line 1 is longer than 1,048,576 bytes" in run.stderr
    assert_intact(old_mirror)


def test_unpacked_size_limit(tmp_path: Path, old_mirror: bytes) -> None:
    lines = [f"A{n:06d} name number {n} " + "x" * 100 for n in range(1, 20001)]
    folder = make_dump(tmp_path / "big", names=lines)  # about 2.6 MB of valid names
    with pytest.raises(MirrorError, match=r"names\.gz .* unpacks to more than 1,048,576 bytes"):
        build_mirror(folder / "stripped.gz", folder / "names.gz", max_unpacked=1 << 20)
    assert_intact(old_mirror)
    # the limit is a limit, not a bug: a high enough one builds
    status = build_mirror(folder / "stripped.gz", folder / "names.gz", max_unpacked=8 << 20)
    assert status.sequences == len(STRIPPED) and status.names == len(lines)


def test_full_disk_during_the_download(
    httpserver: HTTPServer, old_mirror: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import numtheory.oeis.mirror.sync as sync_module

    folder = make_dump(tmp_path / "served")
    for name in ("stripped", "names"):
        httpserver.expect_request(f"/{name}.gz").respond_with_data(
            (folder / f"{name}.gz").read_bytes()
        )

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sync_module, "_write_chunk", full)
    with pytest.raises(MirrorError, match="no space left on the device") as info:
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    assert "NUMTHEORY_CACHE_DIR" in str(info.value)
    assert len(httpserver.log) == 1  # not retried: a full disk does not get emptier
    assert_intact(old_mirror)


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_write_failure_is_exit_3_not_an_internal_error(
    httpserver: HTTPServer, old_mirror: bytes, tmp_path: Path
) -> None:
    """A real kernel refusal (the file size limit) while the download is written."""
    lines = [
        f"A{n:06d} ," + ",".join(str(n * k * 7919 % 100003) for k in range(40)) + ","
        for n in range(400001, 400401)
    ]
    folder = make_dump(tmp_path / "served", lines, [f"A{n:06d} s" for n in range(400001, 400401)])
    assert (folder / "stripped.gz").stat().st_size > 4096
    for name in ("stripped", "names"):
        httpserver.expect_request(f"/{name}.gz").respond_with_data(
            (folder / f"{name}.gz").read_bytes()
        )
    run = cli(
        "mirror",
        "sync",
        env={"NUMTHEORY_OEIS_URL": httpserver.url_for("/")},
        preexec=_limit_file_size,
    )
    assert run.returncode == 3, run.stderr  # was exit 4, "internal error: OSError"
    assert "file size limit" in run.stderr and "internal error" not in run.stderr
    assert_intact(old_mirror)


def test_full_disk_while_the_index_is_written(
    tmp_path: Path, old_mirror: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own "disk is full" (SQLITE_FULL, from a page limit) is the same clear error."""
    import sqlite3
    import types

    import numtheory.oeis.mirror.build as build_module

    def small_disk(path: object) -> sqlite3.Connection:
        conn = sqlite3.connect(path)  # type: ignore[arg-type]
        conn.execute("PRAGMA max_page_count = 3")
        return conn

    fake = types.SimpleNamespace(connect=small_disk, Error=sqlite3.Error)
    monkeypatch.setattr(build_module, "sqlite3", fake)
    folder = make_dump(tmp_path / "dump")
    with pytest.raises(MirrorError, match="no space left on the device"):
        build_mirror(folder / "stripped.gz", folder / "names.gz")
    assert_intact(old_mirror)


@pytest.mark.parametrize(
    ("argv", "env", "named"),
    [
        (["--max-download", "lots"], {}, "'lots'"),
        (["--max-unpacked", "0"], {}, "'0'"),
        (["--deadline", "-1"], {}, "-1"),
        ([], {"NUMTHEORY_MIRROR_DEADLINE": "soon"}, "'soon'"),
        ([], {"NUMTHEORY_MIRROR_MAX_DOWNLOAD": "12 parsecs"}, "'12 parsecs'"),
    ],
)
def test_bad_limits_are_bad_usage(
    argv: list[str],
    env: dict[str, str],
    named: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from numtheory.cli._app import main

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["mirror", "sync", *argv]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err
    assert not mirror_path().exists()
