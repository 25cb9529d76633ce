"""Issue 9: an unreachable OEIS costs one quick retry, is remembered, and says so."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from numtheory.errors import OEISUnavailableError
from numtheory.oeis.client import OEISClient, RememberedFailureError
from numtheory.oeis.netmemory import FILE_NAME, FailureMemory
from tests.oeis.http_helpers import Sleeps, data_text, page_of

RECORD = data_text("constructed-record-A000984.json")
NOWHERE = "http://oeis.invalid"


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Host-name lookups of oeis.invalid, which always fail (as with no network)."""
    seen: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "oeis.invalid":
            seen.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return seen


def make(url: str, **kwargs: Any) -> OEISClient:
    kwargs.setdefault("sleep", Sleeps())
    return OEISClient(url, cache=False, min_interval=0, **kwargs)


def test_a_dns_failure_is_retried_once(lookups: list[str]) -> None:
    sleeps = Sleeps()
    with pytest.raises(OEISUnavailableError, match="host name not found") as info:
        make(NOWHERE, sleep=sleeps, failure_memory=False).get("A000984")
    assert lookups == ["oeis.invalid"] * 2 and len(sleeps) == 1  # not 4 attempts
    assert "gave up after 2 attempt(s)" in str(info.value)


def test_a_failure_is_remembered_until_a_success(lookups: list[str], cache_dir: Path) -> None:
    with pytest.raises(OEISUnavailableError, match="host name not found"):
        make(NOWHERE).get("A000984")
    assert len(lookups) == 2 and (cache_dir / FILE_NAME).is_file()
    with pytest.raises(RememberedFailureError) as info:
        make(NOWHERE).search([1, 2, 6, 20])  # another client, as the next command would be
    message = str(info.value)
    assert len(lookups) == 2  # no request at all
    assert "remembered failure" in message and "host name not found" in message
    assert "--offline" in message and "NUMTHEORY_OFFLINE=1" in message
    with pytest.raises(OEISUnavailableError, match="host name not found") as forced:
        make(NOWHERE, ignore_remembered_failure=True).get("A000984")
    assert len(lookups) == 4 and not isinstance(forced.value, RememberedFailureError)


def test_a_success_clears_the_memory(httpserver: HTTPServer, cache_dir: Path) -> None:
    url = httpserver.url_for("/").rstrip("/")
    FailureMemory(cache_dir / FILE_NAME, ttl=300).record(url, "connection refused")
    with pytest.raises(RememberedFailureError, match="connection refused"):
        make(url).get("A000984")
    assert len(httpserver.log) == 0
    httpserver.expect_request("/A000984").respond_with_data(RECORD)
    assert make(url, ignore_remembered_failure=True).get("A000984").number == 984
    assert not (cache_dir / FILE_NAME).exists()
    assert make(url).get("A000984").number == 984 and len(httpserver.log) == 2


def test_the_memory_expires(cache_dir: Path) -> None:
    now = [1_000_000.0]
    memory = FailureMemory(cache_dir / FILE_NAME, ttl=60, now=lambda: now[0])
    memory.record(NOWHERE, "connection refused")
    assert memory.recall(NOWHERE) is not None
    now[0] += 61
    assert memory.recall(NOWHERE) is None
    assert FailureMemory(cache_dir / FILE_NAME, ttl=0).recall(NOWHERE) is None  # turned off


@pytest.mark.parametrize(
    "content",
    [
        b"\x00garbage\xff",
        b"[1, 2]",
        b'{"format": "numtheory-oeis-unreachable/1", "base_url": "http://oeis.invalid"}',
        b'{"format": "numtheory-oeis-unreachable/1", "base_url": "http://oeis.invalid", '
        b'"failed_at": 1e300, "reason": "x"}',
        b'{"format": "numtheory-oeis-unreachable/1", "base_url": "http://oeis.invalid", '
        b'"failed_at": NaN, "reason": "x"}',
        b'{"format": "numtheory-oeis-unreachable/1", "base_url": "http://oeis.invalid", '
        b'"failed_at": TIME, "reason": 5}',
        b"[" * 100_000,
        b" " * 10_000,
    ],
)
def test_a_garbled_memory_is_ignored(
    content: bytes, httpserver: HTTPServer, cache_dir: Path
) -> None:
    import time

    url = httpserver.url_for("/").rstrip("/")
    cache_dir.mkdir(parents=True, exist_ok=True)
    content = content.replace(b"http://oeis.invalid", url.encode())
    (cache_dir / FILE_NAME).write_bytes(content.replace(b"TIME", str(time.time()).encode()))
    httpserver.expect_request("/A000984").respond_with_data(RECORD)
    assert make(url).get("A000984").number == 984 and len(httpserver.log) == 1


def test_a_symlinked_memory_is_not_followed(
    httpserver: HTTPServer, cache_dir: Path, tmp_path: Path
) -> None:
    url = httpserver.url_for("/").rstrip("/")
    planted = tmp_path / "planted.json"
    FailureMemory(planted, ttl=300).record(url, "planted")
    cache_dir.mkdir(parents=True, exist_ok=True)
    os.symlink(planted, cache_dir / FILE_NAME)
    httpserver.expect_request("/A000984").respond_with_data(RECORD)
    assert make(url).get("A000984").number == 984
    assert json.loads(planted.read_text())["reason"] == "planted"  # never written through


def test_another_servers_memory_is_left_alone(httpserver: HTTPServer, cache_dir: Path) -> None:
    FailureMemory(cache_dir / FILE_NAME, ttl=300).record(NOWHERE, "host name not found")
    httpserver.expect_request("/A000984").respond_with_data(RECORD)
    assert make(httpserver.url_for("/").rstrip("/")).get("A000984").number == 984
    assert FailureMemory(cache_dir / FILE_NAME, ttl=300).recall(NOWHERE) is not None


def test_retry_waits_are_reported(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        "busy", status=503, headers={"Retry-After": "3"}
    )
    httpserver.expect_ordered_request("/A000984").respond_with_data(RECORD)
    said: list[str] = []
    client = make(httpserver.url_for("/").rstrip("/"), progress=said.append)
    assert client.get("A000984").number == 984
    assert said == [
        "waiting for localhost: retry 2/4 in 3 s (the OEIS answered HTTP 503 SERVICE "
        "UNAVAILABLE: 'busy'; use --offline to skip)"
    ]


def test_short_waits_stay_quiet(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/A000984").respond_with_data(RECORD)
    said: list[str] = []
    assert make(httpserver.url_for("/").rstrip("/"), progress=said.append).get("A000984")
    assert said == []  # a 0.5-1.0 s backoff is not worth a line


@pytest.fixture
def _no_env_ttl(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("NUMTHEORY_OEIS_FAILURE_TTL", raising=False)
    yield


@pytest.mark.usefixtures("_no_env_ttl")
def test_the_ttl_is_configurable(monkeypatch: pytest.MonkeyPatch, lookups: list[str]) -> None:
    monkeypatch.setenv("NUMTHEORY_OEIS_FAILURE_TTL", "0")
    for _ in range(2):
        with pytest.raises(OEISUnavailableError) as info:
            make(NOWHERE).get("A000984")
        assert not isinstance(info.value, RememberedFailureError)
    assert len(lookups) == 4  # nothing remembered: each call tried


def test_a_call_that_runs_out_of_time_after_answers_is_not_remembered(
    httpserver: HTTPServer, cache_dir: Path
) -> None:
    """A slow but working OEIS that used up a many-page search's deadline is not
    "unreachable": the next call must try it (it was blocked for five minutes)."""
    now = [0.0]

    def page_that_takes_the_whole_budget(request: Request) -> Response:
        now[0] += 10.0  # the client's clock: this page used all of the call's 10 s
        start = int(request.args["start"])
        return Response(page_of(range(start + 1, start + 11)), mimetype="application/json")

    httpserver.expect_request("/search").respond_with_handler(page_that_takes_the_whole_budget)
    url = httpserver.url_for("/").rstrip("/")
    with pytest.raises(OEISUnavailableError, match="deadline"):
        make(url, deadline=10.0, clock=lambda: now[0]).search([1, 2, 3], limit=30)
    assert not (cache_dir / FILE_NAME).exists()
    assert len(make(url, clock=lambda: now[0]).search([1, 2, 3]).results) == 10
    assert len(httpserver.log) == 2


def test_a_call_that_never_got_an_answer_is_remembered(cache_dir: Path) -> None:
    """The other side of the rule above: silence from the first request on is remembered."""
    listener = socket.create_server(("127.0.0.1", 0))  # accepts (backlog), never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        with pytest.raises(OEISUnavailableError, match="no answer in time"):
            make(url, deadline=0.3, timeout=(0.2, 0.2)).get("A000984")
        with pytest.raises(RememberedFailureError):
            make(url).get("A000984")
    finally:
        listener.close()
