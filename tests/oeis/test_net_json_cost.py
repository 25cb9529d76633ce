"""Issue 10: what a JSON answer may cost after it has arrived. A search page is parsed once and
under the call's deadline; one record's data line is bounded, so no single record can hold
the parse for seconds (a 4-million-term data line took about 2 s, twice)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

import numtheory.oeis.client as client_module
import numtheory.oeis.transport as transport  # netcall imports read_body from it per request
from numtheory.errors import OEISResponseError, OEISUnavailableError
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import OEISClient
from numtheory.oeis.parse import MAX_DATA_CHARS, parse_search_json
from tests.oeis.http_helpers import data_text, fake_record, quick_client

#: A large but allowed answer: 3,000 records (a real page has 10).
BIG_PAGE = json.dumps([fake_record(n) for n in range(1, 3001)])


def make(httpserver: HTTPServer, **kwargs: Any) -> OEISClient:
    client: OEISClient = quick_client(httpserver, **kwargs)
    return client


def test_a_deadline_passing_while_a_page_is_parsed_stops_the_call(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/search").respond_with_data(
        BIG_PAGE, content_type="application/json"
    )
    now = [0.0]
    read_body = transport.read_body

    def read_then_late(*args: Any, **kwargs: Any) -> bytes:
        body = read_body(*args, **kwargs)
        now[0] = 1000.0  # the body arrived just as the call's deadline ran out
        return body

    monkeypatch.setattr(transport, "read_body", read_then_late)
    cache = ResponseCache(tmp_path / "cache.sqlite3")
    client = make(httpserver, cache=cache, clock=lambda: now[0])
    with pytest.raises(OEISUnavailableError, match=r"deadline .*while parsing the answer"):
        client.search([1, 2, 6, 20, 70])
    assert len(httpserver.log) == 1
    assert cache.get(client.url("/search", {"q": "1,2,6,20,70", "fmt": "json", "start": 0})) is None
    cache.close()


def test_a_page_and_an_entry_are_parsed_once(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/search").respond_with_data(
        json.dumps([fake_record(n) for n in range(1, 4)]), content_type="application/json"
    )
    httpserver.expect_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json"), content_type="application/json"
    )
    parses: list[str] = []
    for name in ("parse_search_json", "parse_entry_json"):
        real = getattr(client_module, name)

        def counting(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            parses.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(client_module, name, counting)
    client = make(httpserver)
    assert [seq.number for seq in client.search([1, 2, 6, 20, 70]).results] == [1, 2, 3]
    assert client.get("A000984").number == 984
    assert parses == ["parse_search_json", "parse_entry_json"]  # was each twice


def test_an_overlong_data_line_is_refused() -> None:
    record = fake_record(5, data=",".join(["1"] * (MAX_DATA_CHARS // 2 + 1)))
    with pytest.raises(OEISResponseError, match=rf"data line is {MAX_DATA_CHARS + 1} char"):
        parse_search_json(json.dumps([record]))
    # the longest allowed line still parses, term for term
    record = fake_record(5, data=",".join(["7"] * (MAX_DATA_CHARS // 2)))
    assert parse_search_json(json.dumps([record])).results[0].terms == (7,) * (MAX_DATA_CHARS // 2)


def test_a_search_parse_checks_its_budget_as_it_goes() -> None:
    calls: list[int] = []

    class Spent(Exception):
        pass

    def check() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Spent

    with pytest.raises(Spent):
        parse_search_json(BIG_PAGE, check=check)
    assert len(parse_search_json(json.dumps([fake_record(1)]), check=check).results) == 1
    assert len(calls) == 3  # a real-sized page is never stopped to ask
