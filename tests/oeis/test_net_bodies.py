"""Issues 9 and 10: bad bodies are OEISResponseErrors, b-files keep their good lines, and a
start past the end of a search is an empty page."""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from numtheory.errors import OEISResponseError, TooManyResultsError
from numtheory.oeis.client import OEISClient
from numtheory.oeis.parse import BFileWarning, parse_bfile, parse_search_json
from tests.oeis.http_helpers import data_text, fake_record, page_of

RECORD = json.loads(data_text("constructed-record-A000984.json"))


@pytest.fixture
def client(httpserver: HTTPServer) -> Iterator[OEISClient]:
    made = OEISClient(
        httpserver.url_for("/").rstrip("/"),
        cache=False,
        min_interval=0,
        timeout=(2.0, 2.0),
        failure_memory=False,
    )
    yield made
    made.close()


@pytest.fixture
def int_digit_guard() -> Iterator[None]:
    """Python's default 4,300-digit guard, as a library user has it (conftest lifts it)."""
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)
    yield
    sys.set_int_max_str_digits(old)


def with_field(**fields: Any) -> dict[str, Any]:
    return {**RECORD, **fields}


def test_idna_charset_is_read_as_utf8(httpserver: HTTPServer, client: OEISClient) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        json.dumps(with_field(name="Erdős numbers."), ensure_ascii=False).encode(),
        content_type="application/json; charset=idna",
    )
    assert client.get("A000984").name == "Erdős numbers."


def test_deep_json_is_a_response_error(httpserver: HTTPServer, client: OEISClient) -> None:
    httpserver.expect_request("/A000984").respond_with_data("[" * 100_000 + "]" * 100_000)
    with pytest.raises(OEISResponseError, match="nested too deeply") as info:
        client.get("A000984")
    assert isinstance(info.value.__cause__, RecursionError)


@pytest.mark.usefixtures("int_digit_guard")
def test_a_5000_digit_json_integer_is_a_response_error(
    httpserver: HTTPServer, client: OEISClient
) -> None:
    body = json.dumps(with_field(revision=0)).replace('"revision": 0', '"revision": ' + "7" * 5000)
    httpserver.expect_request("/A000984").respond_with_data(body)
    with pytest.raises(OEISResponseError, match="a JSON number has 5000 digits"):
        client.get("A000984")


def test_a_megabyte_json_integer_is_refused_unparsed() -> None:
    """With the CLI's digit guard lifted, int() of a million digits would take seconds."""
    body = "[" + json.dumps(fake_record(5))[:-1] + ', "revision": ' + "9" * 10**6 + "}]"
    with pytest.raises(OEISResponseError, match="1000000 digits"):
        parse_search_json(body)


def test_a_huge_term_on_the_data_line_is_refused() -> None:
    body = json.dumps([fake_record(5, data="1,2," + "3" * 5000)])
    with pytest.raises(OEISResponseError, match="a term of 5000 digits"):
        parse_search_json(body)


def test_real_records_still_parse() -> None:
    record = data_text("record-A000108.trimmed.json")
    assert parse_search_json(f"[{record}]").results[0].terms[:5] == (1, 1, 2, 5, 14)


def test_a_bfile_keeps_its_good_lines(httpserver: HTTPServer, client: OEISClient) -> None:
    body = "# A000290\n0 0\n1 1\n2 four\n3 9\n3 9\n4 16\n"
    httpserver.expect_request("/A000290/b000290.txt").respond_with_data(body)
    with pytest.warns(BFileWarning, match=r"left out 2 bad line\(s\) \(line 4, 6\).*'2 four'"):
        pairs = client.bfile("A000290")
    assert pairs == [(n, n * n) for n in (0, 1, 3, 4)]  # line 6 repeats index 3
    with pytest.raises(OEISResponseError, match="line 4 is not 'n a"):
        client.bfile("A000290", strict=True)


def test_a_clean_bfile_gives_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_bfile(data_text("b068610-excerpt.txt"))[-1] == (4, 11)


def test_a_body_with_no_bfile_line_is_still_an_error() -> None:
    with pytest.raises(OEISResponseError, match="no line is 'n a"):
        parse_bfile("Sorry, we are down for maintenance.\n")


def test_long_bfile_terms_parse_through_gmp() -> None:
    big = 7**40000  # 33,803 digits: past CPython's guard and its quadratic int()
    text = f"0 1\n1 {big}\n"
    assert parse_bfile(text)[1][1] == big


def serve_26_matches(httpserver: HTTPServer) -> None:
    """26 matches; a start past the end gets the last page (21-26) again, as the OEIS does."""

    def pages(request: Request) -> Response:
        start = int(request.args["start"])
        first = min(start, 20)
        if request.args["fmt"] == "text":
            last = min(first + 10, 26)
            return Response(f"Search: seq:1,2,5,14\nShowing {first + 1}-{last} of 26\n")
        return Response(page_of(range(first + 1, min(first + 10, 26) + 1)))

    httpserver.expect_request("/search").respond_with_handler(pages)


@pytest.mark.parametrize("start", [26, 30, 100])
def test_search_past_the_end_is_empty(
    httpserver: HTTPServer, client: OEISClient, start: int
) -> None:
    serve_26_matches(httpserver)
    result = client.search([1, 2, 5, 14], start=start)
    assert result.results == () and result.total == 26


def test_search_before_the_end_still_pages(httpserver: HTTPServer, client: OEISClient) -> None:
    serve_26_matches(httpserver)
    result = client.search([1, 2, 5, 14], start=20)
    assert [s.number for s in result.results] == list(range(21, 27)) and result.total == 26
    result = client.search([1, 2, 5, 14], start=10, limit=30)
    assert [s.number for s in result.results] == list(range(11, 27))


@pytest.mark.parametrize("start", [26, 30, 100])
def test_a_start_past_the_end_costs_one_text_request_and_no_page(
    httpserver: HTTPServer, client: OEISClient, start: int
) -> None:
    """The clamped JSON page (ranks before ``start``) is never fetched: 1 request, was 2."""
    serve_26_matches(httpserver)
    result = client.search([1, 2, 5, 14], start=start)
    assert result.results == () and result.total == 26
    assert [request.args["fmt"] for request, _ in httpserver.log] == ["text"]


def test_no_match_or_too_many_past_start_zero_cost_one_request(
    httpserver: HTTPServer, client: OEISClient
) -> None:
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,5,14", "fmt": "text", "start": "10"}
    ).respond_with_data("Search: seq:1,2,5,14\nNo results.\n")
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,3", "fmt": "text", "start": "10"}
    ).respond_with_data("Search: seq:1,2,3\nToo many results. Please narrow search.\n")
    httpserver.expect_request("/search", query_string={"fmt": "json"}).respond_with_data("null")
    assert client.search([1, 2, 5, 14], start=10).results == ()
    with pytest.raises(TooManyResultsError):
        client.search([1, 2, 3], start=10)
    assert [request.args["fmt"] for request, _ in httpserver.log] == ["text", "text"]


def test_a_start_within_the_results_costs_two_requests(
    httpserver: HTTPServer, client: OEISClient
) -> None:
    serve_26_matches(httpserver)
    result = client.search([1, 2, 5, 14], start=20)
    assert [s.number for s in result.results] == list(range(21, 27)) and result.total == 26
    assert sorted(request.args["fmt"] for request, _ in httpserver.log) == ["json", "text"]
