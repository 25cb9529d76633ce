"""Issue 10: what a b-file may cost after it has arrived. The deadline also covers scanning a
network body, the body is scanned once, and millions of bad lines cost a count, not a string
each (a 10 MB body of bad lines used to hold about 1 GB of messages)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

import numtheory.oeis.client as client_module
import numtheory.oeis.parse as parse_module
import numtheory.oeis.transport as transport  # netcall imports read_body from it per request
from numtheory.errors import OEISUnavailableError
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import OEISClient
from numtheory.oeis.parse import BFileWarning, parse_bfile, scan_bfile
from tests.oeis.http_helpers import quick_client

SQUARES = "".join(f"{n} {n * n}\n" for n in range(20_000))
PATH = "/A000290/b000290.txt"


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ResponseCache]:
    made = ResponseCache(tmp_path / "cache.sqlite3")
    yield made
    made.close()


def make(httpserver: HTTPServer, **kwargs: Any) -> OEISClient:
    client: OEISClient = quick_client(httpserver, **kwargs)
    return client


def test_a_deadline_passing_while_the_bfile_is_scanned_stops_the_call(
    httpserver: HTTPServer, cache: ResponseCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock jumps past the deadline as soon as the body has been read: the scan must stop
    (the old client parsed on, however long a hostile body took), and nothing is cached."""
    httpserver.expect_request(PATH).respond_with_data(SQUARES)
    now = [0.0]
    read_body = transport.read_body

    def read_then_late(*args: Any, **kwargs: Any) -> bytes:
        body = read_body(*args, **kwargs)
        now[0] = 1000.0  # the body arrived just as the call's 30 s ran out
        return body

    monkeypatch.setattr(transport, "read_body", read_then_late)
    client = make(httpserver, cache=cache, clock=lambda: now[0])
    with pytest.raises(OEISUnavailableError, match=r"deadline .*while parsing the answer"):
        client.bfile("A000290")
    assert len(httpserver.log) == 1
    assert cache.get(client.url(PATH)) is None  # nothing half-kept


def test_a_cached_bfile_is_not_held_to_a_deadline(
    httpserver: HTTPServer, cache: ResponseCache
) -> None:
    httpserver.expect_request(PATH).respond_with_data(SQUARES)
    assert len(make(httpserver, cache=cache).bfile("A000290")) == 20_000
    now = [0.0]

    def late_clock() -> float:  # every reading is past any deadline set before it
        now[0] += 1000.0
        return now[0]

    pairs = make(httpserver, cache=cache, clock=late_clock).bfile("A000290")
    assert pairs[-1] == (19_999, 19_999**2) and len(httpserver.log) == 1


def test_a_bfile_is_scanned_once(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(PATH).respond_with_data(SQUARES)
    scans: list[int] = []
    real = parse_module.scan_bfile

    def counting(*args: Any, **kwargs: Any) -> Any:
        scans.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(parse_module, "scan_bfile", counting)
    monkeypatch.setattr(client_module, "scan_bfile", counting)
    pairs = make(httpserver).bfile("A000290")
    assert pairs == [(n, n * n) for n in range(20_000)]
    assert len(scans) == 1  # was 2: once to validate the body, once more to parse it


def test_millions_of_bad_lines_are_counted_not_kept() -> None:
    bad_lines = 200_000
    text = "0 0\n" + "x\n" * bad_lines + "1 1\n"
    scan = scan_bfile(text, "A000290")
    assert scan.pairs == [(0, 0), (1, 1)]
    assert scan.bad_count == text.count("x\n") == bad_lines
    assert [lineno for lineno, _ in scan.bad] == list(range(2, 12))  # the first ten, described
    with pytest.warns(BFileWarning, match=r"left out 200000 bad line\(s\) \(line 2, 3, .*, 11 "):
        parse_bfile(text, "A000290")


def test_the_scan_checks_its_budget_as_it_goes() -> None:
    calls: list[int] = []

    class Spent(Exception):
        pass

    def check() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Spent

    with pytest.raises(Spent):
        scan_bfile(SQUARES, check=check)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(scan_bfile(SQUARES[:100], check=check).pairs) > 0
    assert len(calls) == 2  # a short b-file is never stopped to ask
