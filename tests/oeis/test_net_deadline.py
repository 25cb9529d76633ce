"""Issue 10: one deadline per call, size caps and redirects, against misbehaving servers.

Every fault server is bounded: a drip stops after a few seconds and then completes a valid
answer, so the old client (which waited for it) fails these tests by succeeding, in bounded
time. Nothing here asserts on elapsed time: the tests assert the error, its message and how
many requests the server saw.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import numtheory.oeis.netcall as netcall
from numtheory.errors import OEISResponseError, OEISUnavailableError
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import MAX_REDIRECTS, OEISClient
from tests.oeis.http_helpers import FaultServer, Sleeps, data_text, drip, http_head, page_of

RECORD = data_text("constructed-record-A000984.json").encode()
#: How long a drip may last before the server gives up and completes the answer.
DRIP_BOUND = 6.0


@pytest.fixture
def servers() -> Iterator[Callable[[Any], FaultServer]]:
    started: list[FaultServer] = []

    def start(behaviour: Any) -> FaultServer:
        server = FaultServer(behaviour)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


def quick_client(url: str, **kwargs: Any) -> OEISClient:
    kwargs.setdefault("timeout", (0.5, 0.5))
    kwargs.setdefault("deadline", 1.0)
    kwargs.setdefault("min_interval", 0.0)
    kwargs.setdefault("failure_memory", False)
    return OEISClient(url, cache=False, **kwargs)


def drip_for(conn: socket.socket, data: bytes, stop: threading.Event) -> None:
    """Drip ``data`` at 20 bytes/s for at most DRIP_BOUND s, then send the rest at once."""
    count = int(DRIP_BOUND / 0.05)
    if drip(conn, data[:count], 0.05, stop):
        conn.sendall(data[count:])


def test_a_slow_drip_body_ends_at_the_deadline(servers: Callable[[Any], FaultServer]) -> None:
    def slow_body(conn: socket.socket, path: str, stop: threading.Event) -> None:
        conn.sendall(http_head(Content_Type="application/json", Content_Length=len(RECORD)))
        drip_for(conn, RECORD, stop)

    server = servers(slow_body)
    with pytest.raises(OEISUnavailableError, match=r"within the call's 1 s deadline"):
        quick_client(server.url).get("A000984")
    assert len(server.paths) == 1  # the deadline passed: no retry


def test_slow_headers_end_at_the_deadline(servers: Callable[[Any], FaultServer]) -> None:
    def slow_headers(conn: socket.socket, path: str, stop: threading.Event) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        if drip_for_header(conn, stop):
            conn.sendall(http_head(Content_Length=len(RECORD))[17:] + RECORD)

    def drip_for_header(conn: socket.socket, stop: threading.Event) -> bool:
        return drip(conn, b"X-Slow: " + b"a" * int(DRIP_BOUND / 0.05) + b"\r\n", 0.05, stop)

    server = servers(slow_headers)
    with pytest.raises(OEISUnavailableError, match="deadline"):
        quick_client(server.url).get("A000984")
    assert len(server.paths) == 1


def test_one_deadline_covers_every_page(httpserver: HTTPServer) -> None:
    """Each page is quick enough for its own timeout, but not 11 of them for one call."""

    def slow_page(request: Request) -> Response:
        time.sleep(0.4)
        start = int(request.args["start"])
        return Response(page_of(range(start + 1, start + 11)), mimetype="application/json")

    httpserver.expect_request("/search").respond_with_handler(slow_page)
    client = quick_client(httpserver.url_for("/").rstrip("/"), timeout=(1.0, 1.0))
    with pytest.raises(OEISUnavailableError, match="deadline"):
        client.search([1, 2, 3], limit=110)
    assert 2 <= len(httpserver.log) <= 3  # 0.4 s each within 1 s, not all 11 pages


def test_an_endless_body_is_cut_at_the_size_cap(servers: Callable[[Any], FaultServer]) -> None:
    sent = [0]

    def endless(conn: socket.socket, path: str, stop: threading.Event) -> None:
        conn.sendall(http_head(Content_Type="application/json", Connection="close") + b"[")
        block = b" " * 65536
        while not stop.is_set() and sent[0] < 64 * 2**20:  # bounded at 64 MiB
            conn.sendall(block)
            sent[0] += len(block)

    server = servers(endless)
    client = quick_client(server.url, max_page_bytes=2**20, deadline=20.0)
    with pytest.raises(OEISResponseError, match=r"longer than the 1\.0 MiB allowed"):
        client.get("A000984")
    assert len(server.paths) == 1  # a bad answer: not retried (callers fall back)


def test_a_huge_declared_length_is_refused_unread(servers: Callable[[Any], FaultServer]) -> None:
    def huge(conn: socket.socket, path: str, stop: threading.Event) -> None:
        conn.sendall(http_head(Content_Type="text/plain", Content_Length=2 * 10**9))
        while not stop.wait(0.05):
            conn.sendall(b"1 2\n" * 1024)

    server = servers(huge)
    with pytest.raises(OEISResponseError, match=r"1\.9 GiB long, more than the 64\.0 MiB"):
        quick_client(server.url, max_bfile_bytes=64 * 2**20, deadline=20.0).bfile("A000984")
    assert len(server.paths) == 1


def test_a_body_at_the_cap_is_read(httpserver: HTTPServer) -> None:
    body = "".join(f"{n} {n * n}\n" for n in range(1, 20001))
    httpserver.expect_request("/A000290/b000290.txt").respond_with_data(body)
    client = quick_client(httpserver.url_for("/").rstrip("/"), max_bfile_bytes=len(body))
    pairs = client.bfile("A000290")
    assert len(pairs) == 20000 and all(value == n * n for n, value in pairs)


def test_a_redirect_chain_is_bounded_and_spaced(httpserver: HTTPServer) -> None:
    hops = [0]

    def chain(request: Request) -> Response:
        hops[0] += 1
        location = f"/A000984?fmt=json&hop={hops[0]}"
        return Response("", status=302, headers={"Location": location})

    httpserver.expect_request("/A000984").respond_with_handler(chain)
    sleeps = Sleeps()
    client = quick_client(
        httpserver.url_for("/").rstrip("/"), min_interval=0.5, sleep=sleeps, deadline=30.0
    )
    with pytest.raises(OEISResponseError, match=r"more than 3 redirects.*hop=4"):
        client.get("A000984")
    assert len(httpserver.log) == MAX_REDIRECTS + 1
    assert len(sleeps) == MAX_REDIRECTS  # every hop waited its turn like any request


def test_a_redirect_loop_stops_at_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        "", status=301, headers={"Location": "/A000984?fmt=json"}
    )
    with pytest.raises(OEISResponseError, match="loop"):
        quick_client(httpserver.url_for("/").rstrip("/")).get("A000984")
    assert len(httpserver.log) == 1


def test_a_same_origin_redirect_is_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        "", status=301, headers={"Location": "/moved/A000984?fmt=json"}
    )
    httpserver.expect_request("/moved/A000984").respond_with_data(RECORD)
    assert quick_client(httpserver.url_for("/").rstrip("/")).get("A000984").number == 984
    assert len(httpserver.log) == 2


def test_a_redirect_to_another_origin_is_not_followed(
    httpserver: HTTPServer, servers: Callable[[Any], FaultServer], tmp_path: Path
) -> None:
    def elsewhere_answers(conn: socket.socket, path: str, stop: threading.Event) -> None:
        conn.sendall(http_head(Content_Length=len(RECORD)) + RECORD)

    other = servers(elsewhere_answers)
    httpserver.expect_request("/A000984").respond_with_data(
        "", status=302, headers={"Location": f"{other.url}/A000984?fmt=json"}
    )
    cache = ResponseCache(tmp_path / "cache.sqlite3")
    client = OEISClient(
        httpserver.url_for("/").rstrip("/"), cache=cache, min_interval=0, failure_memory=False
    )
    with pytest.raises(OEISResponseError, match=rf"another site \(Location: '{other.url}/A0"):
        client.get("A000984")
    assert other.paths == [] and len(cache) == 0  # never asked, nothing stored as the OEIS's
    client.close()


def test_silence_is_reported_through_the_progress_hook(
    servers: Callable[[Any], FaultServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    def silent(conn: socket.socket, path: str, stop: threading.Event) -> None:
        stop.wait(DRIP_BOUND)

    monkeypatch.setattr(netcall, "PROGRESS_AFTER", 0.2)
    server = servers(silent)
    said: list[str] = []
    client = quick_client(server.url, timeout=(1.0, 1.0), progress=said.append)
    with pytest.raises(OEISUnavailableError):
        client.get("A000984")
    assert said and said[0].startswith("waiting for 127.0.0.1: no answer after 0.2 s")
    assert "--offline" in said[0] and len(server.paths) == 1


def test_a_deadline_spent_between_pages_stops_before_the_next(httpserver: HTTPServer) -> None:
    now = [0.0]

    def page_that_takes_the_whole_budget(request: Request) -> Response:
        now[0] += 10.0  # the client's clock: this page used all of the call's 10 s
        start = int(request.args["start"])
        return Response(page_of(range(start + 1, start + 11)), mimetype="application/json")

    httpserver.expect_request("/search").respond_with_handler(page_that_takes_the_whole_budget)
    client = quick_client(httpserver.url_for("/").rstrip("/"), deadline=10.0, clock=lambda: now[0])
    with pytest.raises(OEISUnavailableError, match="deadline"):
        client.search([1, 2, 3], limit=30)
    assert len(httpserver.log) == 1


def test_a_gzip_bomb_is_cut_at_the_size_cap(servers: Callable[[Any], FaultServer]) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    zeros = b"0" * 2**20
    bomb = b"".join(packer.compress(zeros) for _ in range(32)) + packer.flush()  # 32 MiB

    def gzip_bomb(conn: socket.socket, path: str, stop: threading.Event) -> None:
        head = http_head(Content_Encoding="gzip", Content_Length=len(bomb))
        conn.sendall(head + bomb)

    server = servers(gzip_bomb)
    client = quick_client(server.url, max_page_bytes=2**20, deadline=20.0)
    with pytest.raises(OEISResponseError, match=r"longer than the 1\.0 MiB allowed"):
        client.get("A000984")
    assert len(server.paths) == 1
