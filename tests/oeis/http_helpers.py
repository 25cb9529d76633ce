"""Helpers for the OEIS tests: fixture bodies (see data/README.md), constructed records, and a
small socket server for faults pytest-httpserver cannot make (slow drips, endless bodies)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def fake_record(number: int, data: str = "1,2,6,20,70", name: str | None = None) -> dict[str, Any]:
    """A minimal record in the captured shape (constructed; for paging and ranking tests)."""
    return {
        "number": number,
        "data": data,
        "name": name or f"Constructed test sequence {number}.",
        "keyword": "nonn",
        "offset": "0,1",
        "references": 1,
        "revision": 1,
        "time": "2026-01-01T00:00:00-05:00",
        "created": "2026-01-01T00:00:00-05:00",
    }


def page_of(numbers: range | list[int]) -> str:
    return json.dumps([fake_record(n) for n in numbers], indent="\t")


class Sleeps(list[float]):
    """A sleep that records the waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


#: What a fault behaviour gets: the connected socket, the request path, and an event that is
#: set when the test is over (every behaviour must stop then, or after its own time bound).
Behaviour = Callable[[socket.socket, str, threading.Event], None]


class FaultServer:
    """A loopback HTTP/1.1 server that misbehaves on purpose (slow drips, endless bodies...).

    One thread per connection; every request's path is appended to ``paths``. ``behaviour``
    writes the whole answer itself. Bounded: behaviours stop when :meth:`close` sets ``stop``,
    and each connection is closed once its behaviour returns.
    """

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.paths: list[str] = []
        self.stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5.0)
            try:
                head = b""
                while b"\r\n\r\n" not in head:
                    data = conn.recv(4096)
                    if not data:
                        return
                    head += data
                path = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
                self.paths.append(path)
                self.behaviour(conn, path, self.stop)
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self._listener.close()
        self._acceptor.join(5)
        for thread in self._threads:
            thread.join(5)


def drip(conn: socket.socket, data: bytes, interval: float, stop: threading.Event) -> bool:
    """Send ``data`` one byte every ``interval`` s; False when the client went away or the
    test ended (then the rest is not sent)."""
    for i in range(len(data)):
        if stop.wait(interval):
            return False
        try:
            conn.sendall(data[i : i + 1])
        except OSError:
            return False
    return True


def http_head(status: str = "200 OK", **headers: str | int) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def quick_client(httpserver: Any, **kwargs: Any) -> Any:
    """An OEISClient on ``httpserver`` with no spacing, no cache (unless given), no failure
    memory and 2 s socket timeouts: for tests that look at one call's cost."""
    from numtheory.oeis.client import OEISClient

    kwargs.setdefault("cache", False)
    return OEISClient(
        httpserver.url_for("/").rstrip("/"),
        min_interval=0,
        timeout=(2.0, 2.0),
        failure_memory=False,
        **kwargs,
    )
