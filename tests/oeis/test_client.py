"""OEISClient against a real local HTTP server (pytest-httpserver) with injected faults."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from numtheory.errors import (
    InputError,
    OEISRefusedError,
    OEISResponseError,
    OEISUnavailableError,
    SequenceNotFoundError,
    TooManyResultsError,
)
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import USER_AGENT, OEISClient, build_query
from tests.oeis.http_helpers import Sleeps, data_text, page_of

Make = Callable[..., OEISClient]
SEARCH_1_2_6_20 = data_text("constructed-search-1,2,6,20.json")


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(
    httpserver: HTTPServer, sleeps: Sleeps, tmp_path: Path
) -> Iterator[Callable[..., OEISClient]]:
    clients: list[OEISClient] = []

    def make(cache: bool = False, **kwargs: Any) -> OEISClient:
        kwargs.setdefault("timeout", (0.5, 0.5))
        kwargs.setdefault("min_interval", 0.0)
        kwargs.setdefault("sleep", sleeps)
        client = OEISClient(
            httpserver.url_for("/").rstrip("/"),
            cache=ResponseCache(tmp_path / "cache.sqlite3") if cache else False,
            **kwargs,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_search_finds_central_binomials(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,6,20", "fmt": "json", "start": "0"}
    ).respond_with_data(SEARCH_1_2_6_20, content_type="application/json")
    result = make_client().search([1, 2, 6, 20])
    assert [s.id for s in result.results] == ["A000984"]
    assert result.results[0].terms[:5] == (1, 2, 6, 20, 70)
    assert result.total == 1  # a short first page is the whole answer: no extra request
    assert result.source == "network"
    assert len(httpserver.log) == 1
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert "numtheory/" in USER_AGENT and "+https://github.com/numtheory/numtheory" in USER_AGENT


def test_full_page_total_from_text_status(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,6,20", "fmt": "json", "start": "0"}
    ).respond_with_data(page_of(range(1, 11)), content_type="application/json")
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,6,20", "fmt": "text", "start": "0"}
    ).respond_with_data(data_text("constructed-text-showing.txt"), content_type="text/plain")
    client = make_client()
    assert client.search([1, 2, 6, 20]).total is None  # not asked for: one request
    assert len(httpserver.log) == 1
    result = client.search([1, 2, 6, 20], want_total=True)
    assert len(result.results) == 10 and result.total == 26


def test_null_means_no_match_or_too_many(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request(
        "/search", query_string={"q": "1,2", "fmt": "json", "start": "0"}
    ).respond_with_data("null")
    httpserver.expect_request(
        "/search", query_string={"q": "1,2", "fmt": "text", "start": "0"}
    ).respond_with_data(data_text("constructed-text-too-many.txt"))
    httpserver.expect_request(
        "/search", query_string={"q": "9,9,9", "fmt": "json", "start": "0"}
    ).respond_with_data("null")
    httpserver.expect_request(
        "/search", query_string={"q": "9,9,9", "fmt": "text", "start": "0"}
    ).respond_with_data(data_text("constructed-text-no-results.txt"))
    client = make_client()
    with pytest.raises(TooManyResultsError, match="too many results, give more terms"):
        client.search([1, 2])
    result = client.search([9, 9, 9])
    assert result.results == () and result.total == 0


def test_legacy_shape(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/search").respond_with_data(
        data_text("legacy-search-id-A144640.json"), content_type="application/json"
    )
    result = make_client().search("id:A144640")
    assert [s.id for s in result.results] == ["A144640"] and result.total == 1


def test_paging_stops_where_asked(httpserver: HTTPServer, make_client: Make) -> None:
    for start in (0, 10):
        httpserver.expect_request(
            "/search", query_string={"q": "1,2,3", "fmt": "json", "start": str(start)}
        ).respond_with_data(page_of(range(start + 1, start + 11)))
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,3", "fmt": "json", "start": "20"}
    ).respond_with_data(page_of(range(21, 24)))
    # a start above 0 asks the text page where the shown page begins (it may be clamped)
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,3", "fmt": "text", "start": "10"}
    ).respond_with_data("Search: seq:1,2,3\nShowing 11-20 of 23\n")
    client = make_client()
    result = client.search([1, 2, 3], limit=15)
    assert [s.number for s in result.results] == list(range(1, 16))
    assert len(httpserver.log) == 2  # never more pages than asked for
    result = client.search([1, 2, 3], start=10, limit=30)
    assert [s.number for s in result.results] == list(range(11, 24)) and result.total == 23


def test_never_past_the_paging_cap(httpserver: HTTPServer, make_client: Make) -> None:
    def pages(request: Request) -> Response:
        start = int(request.args["start"])
        if request.args["fmt"] == "text":  # asked once, where a start above 0 really begins
            return Response(f"Showing {start + 1}-{start + 10} of 500\n", mimetype="text/plain")
        return Response(page_of(range(start + 1, start + 11)), mimetype="application/json")

    httpserver.expect_request("/search").respond_with_handler(pages)
    client = make_client()
    result = client.search([1, 2, 3], start=90, limit=100)
    starts = [int(req.args["start"]) for req, _ in httpserver.log if req.args["fmt"] == "json"]
    assert starts == [90, 100] and len(result.results) == 20
    with pytest.raises(InputError, match=r"0\.\.100"):
        client.search([1, 2, 3], start=110)


def test_403_past_the_cap_is_refused_not_retried(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/search").respond_with_data(
        "Sign in to see search results past the first 100.", status=403
    )
    with pytest.raises(OEISRefusedError, match="Sign in") as info:
        make_client().search([1, 2, 3], start=100)
    assert info.value.status == 403 and len(httpserver.log) == 1


def test_entry_and_404(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/A000108", query_string={"fmt": "json"}).respond_with_data(
        data_text("record-A000108.trimmed.json"), content_type="application/json"
    )
    httpserver.expect_request("/A999999").respond_with_data(
        "<html><title>404</title></html>", status=404, content_type="text/html"
    )
    client = make_client()
    seq = client.get("a108")
    assert seq.id == "A000108" and seq.terms[:6] == (1, 1, 2, 5, 14, 42)
    assert seq.reference_count == 4438 and seq.first_big == 3
    with pytest.raises(SequenceNotFoundError, match="A999999"):
        client.get("A999999")
    assert sum(1 for req, _ in httpserver.log if req.path == "/A999999") == 1  # not retried


def test_bfile(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/A068610/b068610.txt").respond_with_data(
        data_text("b068610-excerpt.txt"), content_type="text/plain"
    )
    assert make_client().bfile("A068610") == [(0, 1), (1, 18), (2, 7), (3, 24), (4, 11)]


def test_503_then_200_retries_exactly_once(
    httpserver: HTTPServer, make_client: Make, sleeps: Sleeps
) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json"), content_type="application/json"
    )
    assert make_client().get("A000984").id == "A000984"
    assert len(httpserver.log) == 2 and len(sleeps) == 1 and 0.5 <= sleeps[0] <= 1.0


def test_429_honours_retry_after(httpserver: HTTPServer, make_client: Make, sleeps: Sleeps) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3"}
    )
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    assert make_client().get("A000984").number == 984
    assert sleeps == [3.0]


def test_429_with_a_huge_retry_after_gives_up_at_once(
    httpserver: HTTPServer, make_client: Make, sleeps: Sleeps
) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"}
    )
    with pytest.raises(OEISUnavailableError, match="429") as info:
        make_client().get("A000984")
    assert len(httpserver.log) == 1 and sleeps == []
    assert "asked to retry after 3600 s" in str(info.value)


def test_429_without_retry_after_waits_the_crawl_delay(
    httpserver: HTTPServer, make_client: Make, sleeps: Sleeps
) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data("slow down", status=429)
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    assert make_client().get("A000984").number == 984
    assert sleeps == [10.0]  # robots.txt Crawl-Delay, not the 0.5 s backoff


def test_429_with_an_http_date_retry_after(
    httpserver: HTTPServer, make_client: Make, sleeps: Sleeps
) -> None:
    from datetime import datetime, timedelta, timezone
    from email.utils import format_datetime

    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=6), usegmt=True)
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        "slow down", status=429, headers={"Retry-After": when}
    )
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    assert make_client().get("A000984").number == 984
    assert len(sleeps) == 1 and 4.0 <= sleeps[0] <= 6.0


def test_html_502_page_becomes_one_line(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        data_text("constructed-cloudflare-502.html"), status=502, content_type="text/html"
    )
    with pytest.raises(OEISUnavailableError) as info:
        make_client().get("A000984")
    message = str(info.value)
    assert "502" in message and "Bad gateway" in message and "\n" not in message
    assert "<" not in message and "attempt" in message
    assert len(httpserver.log) == 4  # the default policy: 4 attempts


def test_html_200_is_a_response_error_not_retried(
    httpserver: HTTPServer, make_client: Make
) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        data_text("constructed-cloudflare-502.html"), content_type="text/html"
    )
    with pytest.raises(OEISResponseError, match="HTML page"):
        make_client().get("A000984")
    assert len(httpserver.log) == 1


def test_read_timeout_is_retried(httpserver: HTTPServer, make_client: Make, sleeps: Sleeps) -> None:
    calls = []

    def slow_then_fast(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            # Past the 0.2 s read timeout. The test server is single-threaded, so the retry
            # (sent at 0.2 s) is answered at 0.3 s, well inside its own 0.2 s timeout.
            time.sleep(0.3)
        return Response(data_text("constructed-record-A000984.json"), mimetype="application/json")

    httpserver.expect_request("/A000984").respond_with_handler(slow_then_fast)
    client = make_client(timeout=(0.5, 0.2), sleep=sleeps)
    assert client.get("A000984").number == 984 and len(calls) == 2 and len(sleeps) == 1


def test_truncated_body_is_retried(httpserver: HTTPServer, make_client: Make) -> None:
    body = data_text("constructed-record-A000984.json")
    truncated = Response(body[:40], mimetype="application/json")
    truncated.headers["Content-Length"] = str(len(body))  # promises more than it sends
    httpserver.expect_ordered_request("/A000984").respond_with_response(truncated)
    httpserver.expect_ordered_request("/A000984").respond_with_data(body)
    assert make_client().get("A000984").number == 984 and len(httpserver.log) == 2


def test_invalid_json_is_a_clear_error(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/A000984").respond_with_data('{"number": 984, "data": "1,2')
    with pytest.raises(OEISResponseError, match="invalid JSON"):
        make_client().get("A000984")


def test_connection_refused(sleeps: Sleeps) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = OEISClient(f"http://127.0.0.1:{port}", cache=False, min_interval=0, sleep=sleeps)
    with pytest.raises(OEISUnavailableError, match="connection refused") as info:
        client.get("A000984")
    assert isinstance(info.value.__cause__, requests.ConnectionError)
    assert len(sleeps) == 3  # 4 attempts, no sleep after the last


def test_deadline_bounds_the_whole_call(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/A000984").respond_with_data("down", status=503)
    fake_now = [0.0]

    def sleep(seconds: float) -> None:
        fake_now[0] += seconds

    client = make_client(deadline=2.0, clock=lambda: fake_now[0], sleep=sleep)
    with pytest.raises(OEISUnavailableError, match="503") as info:
        client.get("A000984")
    # waits of 0.5-1.0 s then 1.0-1.5 s: the second fits in 2 s or not, depending on jitter,
    # and a third (2.0-2.5 s) never does; no wait ever ends past the deadline
    assert fake_now[0] <= 2.0 and 2 <= len(httpserver.log) <= 3
    assert f"gave up after {len(httpserver.log)} attempt(s)" in str(info.value)


def test_deadline_bounds_a_trickling_body(httpserver: HTTPServer, make_client: Make) -> None:
    """The read timeout is per socket read; the deadline must bound the whole answer."""
    now = [0.0]

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            now[0] += 31.0  # the client's clock: the body takes 31 s to arrive
            yield data_text("constructed-record-A000984.json").encode()

        return Response(body(), mimetype="application/json")

    httpserver.expect_request("/A000984").respond_with_handler(trickle)
    client = make_client(deadline=30.0, clock=lambda: now[0])
    with pytest.raises(OEISUnavailableError, match="read timeout"):
        client.get("A000984")
    assert len(httpserver.log) == 1  # past the deadline: no retry


def test_min_interval_spaces_network_requests(
    httpserver: HTTPServer, make_client: Make, sleeps: Sleeps
) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    client = make_client(min_interval=1.0)
    client.get("A000984")
    client.get("A000984")
    assert len(sleeps) == 1 and 0.5 < sleeps[0] <= 1.0


def test_search_404_is_a_bad_server_not_no_match(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_request("/search").respond_with_data("Not Found", status=404)
    with pytest.raises(OEISResponseError, match="404 to a search"):
        make_client().search([1, 2, 6, 20])
    assert len(httpserver.log) == 1


def test_start_past_the_end_is_empty_not_the_last_page_again(
    httpserver: HTTPServer, make_client: Make
) -> None:
    # 26 matches; the OEIS answers start=30 with its last page (21-26) again
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,5,14", "fmt": "json", "start": "30"}
    ).respond_with_data(page_of(range(21, 27)))
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,5,14", "fmt": "text", "start": "30"}
    ).respond_with_data("Search: seq:1,2,5,14\nShowing 21-26 of 26\n")
    result = make_client().search([1, 2, 5, 14], start=30, want_total=True)
    assert result.results == () and result.total == 26


def test_text_without_charset_is_utf8(httpserver: HTTPServer, make_client: Make) -> None:
    record = json.loads(data_text("constructed-record-A000984.json"))
    record["name"] = "Erdős–Ginzburg–Ziv constants."
    httpserver.expect_request("/A000984").respond_with_data(
        json.dumps(record, ensure_ascii=False).encode(), content_type="text/plain"
    )
    assert make_client().get("A000984").name == "Erdős–Ginzburg–Ziv constants."


def test_null_entry_is_not_found_and_not_cached(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data("null")
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    client = make_client(cache=True)
    with pytest.raises(SequenceNotFoundError, match="A000984"):
        client.get("A000984")
    assert client.entry("A000984")[1] == "network"  # the null was not stored


def test_build_query() -> None:
    assert build_query("1, 2, 6, 20") == "1,2,6,20"
    assert build_query([-1, 2]) == "signed:-1,2"
    assert build_query("keyword:nice") == "keyword:nice"
    with pytest.raises(InputError):
        build_query([])


def test_json_document_keeps_big_terms_as_integers(
    httpserver: HTTPServer, make_client: Make
) -> None:
    big = 10**60 + 7
    record = json.loads(data_text("constructed-record-A000984.json"))
    record["data"] = f"1,2,{big}"
    httpserver.expect_request("/A000984").respond_with_data(json.dumps(record))
    seq = make_client().get("A000984")
    assert seq.terms[-1] == big and json.loads(json.dumps(seq.to_json()))["terms"][-1] == big


def test_bad_answers_are_never_cached(httpserver: HTTPServer, make_client: Make) -> None:
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        "<!DOCTYPE html><html><title>Just a moment...</title></html>", content_type="text/html"
    )
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    client = make_client(cache=True)
    with pytest.raises(OEISResponseError, match="Just a moment"):
        client.get("A000984")
    assert client.entry("A000984")[1] == "network"  # the HTML page was not stored


def test_a_cached_body_that_no_longer_parses_is_refetched(
    httpserver: HTTPServer, make_client: Make
) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    client = make_client(cache=True)
    assert client.cache is not None
    client.cache.put(client.url("/A000984", {"fmt": "json"}), "null")  # an older version's
    assert client.entry("A000984")[1] == "network" and len(httpserver.log) == 1
    assert client.entry("A000984")[1] == "cache"  # the good answer replaced it


def test_stale_copy_when_the_server_fails(
    httpserver: HTTPServer, make_client: Make, tmp_path: Path
) -> None:
    now = [1_700_000_000.0]
    cache = ResponseCache(tmp_path / "stale.sqlite3", expire_after=60, clock=lambda: now[0])
    httpserver.expect_ordered_request("/A000984").respond_with_data(
        data_text("constructed-record-A000984.json")
    )
    client = OEISClient(
        httpserver.url_for("/").rstrip("/"), cache=cache, min_interval=0, sleep=Sleeps()
    )
    client.get("A000984")
    now[0] += 3600
    httpserver.expect_request("/A000984").respond_with_data("down", status=503)
    seq, source, warnings = client.entry("A000984")
    assert seq.number == 984 and source == "stale-cache"
    assert "503" in warnings[0] and "using a cached copy from" in warnings[0]
    client.close()


@pytest.mark.network
def test_live_oeis() -> None:  # pragma: no cover - off by default (pytest -m network)
    with OEISClient("https://oeis.org", cache=False) as client:
        result = client.search([1, 2, 6, 20, 70, 252], want_total=True)
        assert "A000984" in [s.id for s in result.results] and result.total
        assert client.get("A000984").terms[:4] == (1, 2, 6, 20)


def test_lookup_falls_back_to_local_data(sleeps: Sleeps) -> None:
    """The real local data answer (no mirror is built here: the catalogue, which ships)."""
    import numtheory.oeis as oeis

    client = OEISClient("http://127.0.0.1:9", cache=False, min_interval=0, sleep=sleeps)
    answer = oeis.lookup([1, 2, 6, 20], client=client)
    assert answer.source == "catalogue" and "A000984" in [s.id for s in answer.results]
    assert "connection refused" in answer.warnings[0] and "catalogue" in answer.warnings[0]
    # a signed query stays signed locally: only runs with the signs match (A000161 holds
    # 1, 1, 1, 0, 1 but not the Moebius function's 1, -1, -1, 0, -1)
    unsigned = oeis.lookup([1, 1, 1, 0, 1], client=client, limit=50)
    assert {"A000161", "A008683"} <= {s.id for s in unsigned.results}
    signed = oeis.lookup([1, -1, -1, 0, -1], client=client, limit=50)
    assert signed.query == "signed:1,-1,-1,0,-1"
    assert [s.id for s in signed.results] == ["A008683"]
    entry = oeis.lookup_entry("A000984", client=client)
    assert entry.source == "catalogue" and entry.warnings
    assert entry.results[0].terms[:4] == (1, 2, 6, 20)
    # local data searched, no match there either: the network error, saying so
    with pytest.raises(OEISUnavailableError, match="in the local catalogue either"):
        oeis.lookup([9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1, 7], client=client)
    client.close()


def test_offline_uses_local_data_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import numtheory.oeis as oeis

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("offline must not touch the network")

    monkeypatch.setattr(OEISClient, "fetch", no_network)
    assert "A000984" in [s.id for s in oeis.search([1, 2, 6, 20], offline=True)]
    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    assert oeis.get("A000984").id == "A000984"
    assert oeis.get("A000984").source == "catalogue"
    # no match offline: an empty answer (the CLI exits 1)
    assert oeis.lookup([9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1, 7]).results == ()
