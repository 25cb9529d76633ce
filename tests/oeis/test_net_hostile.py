"""Hostile answers found by the fault pass (issue: netfaults), each against a real local server.

Before the fixes: a ``Retry-After`` of 5,000 nines crashed ``numtheory oeis`` (exit 4); a JSON
object with a repeated key was read with its last copy; a legacy page whose ``count`` said 0
(or fewer than the records it held, or -1) was taken at its word ("no match", or "no matches
past the first -1"); a JSON answer in Latin-1 was shown and cached with U+FFFD in the name;
an OEIS name with terminal escapes was written to the terminal raw. Each now ends with a clear
message, the documented exit code, and nothing wrong in the cache.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from numtheory.errors import OEISResponseError, OEISUnavailableError
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import OEISClient
from numtheory.oeis.parse import parse_entry_json, parse_search_json, parse_text_status
from tests.cli.helpers import Run, invoke
from tests.oeis.http_helpers import Behaviour, FaultServer, Sleeps, data_text

ENTRY = data_text("constructed-record-A000984.json")
SEARCH = data_text("constructed-search-1,2,6,20.json")
#: A real record (CC BY-SA 4.0, The OEIS Foundation; tests/oeis/data/README.md) that is not in
#: the built-in catalogue: with no local answer to fall back to, a failure is exit 3.
LEGACY = data_text("legacy-search-id-A144640.json")


def client(httpserver: HTTPServer, tmp_path: Path) -> OEISClient:
    return OEISClient(
        httpserver.url_for("/").rstrip("/"),
        cache=ResponseCache(tmp_path / "cache.sqlite3"),
        min_interval=0,
        timeout=(2.0, 2.0),
        failure_memory=False,
        sleep=Sleeps(),
    )


def cached_urls(tmp_path: Path) -> int:
    with ResponseCache(tmp_path / "cache.sqlite3") as cache:
        return len(cache)


def cli(httpserver: HTTPServer, *args: str) -> Run:
    return invoke(
        "oeis",
        *args,
        env={
            "NUMTHEORY_OEIS_URL": httpserver.url_for("/").rstrip("/"),
            "NUMTHEORY_OEIS_MIN_INTERVAL": "0",
        },
    )


@pytest.mark.parametrize("value", ["9" * 5000, "1" + "0" * 20])
def test_an_absurd_retry_after_gives_up_at_once_with_exit_3(
    httpserver: HTTPServer, value: str
) -> None:
    httpserver.expect_request("/A144640").respond_with_data(
        "slow down", status=429, headers={"Retry-After": value}
    )
    run = cli(httpserver, "A144640")
    assert run.code == 3, run.err  # was 4: OverflowError: int too large to convert to float
    assert "429" in run.err and "absurdly long time" in run.err and "Traceback" not in run.err
    assert len(httpserver.log) == 1  # not retried, not waited for


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (ENTRY.replace('"number": 984,', '"number": 984, "number": 108,', 1), "number"),
        (ENTRY.replace('"name":', '"name": "A forged name.", "name":', 1), "name"),
        (ENTRY.replace('"data":', '"data": "1,2,3", "data":', 1), "data"),
    ],
)
def test_a_repeated_key_is_refused_and_not_cached(
    httpserver: HTTPServer, tmp_path: Path, body: str, key: str
) -> None:
    json.loads(body)  # valid JSON for the standard parser, which keeps the last copy
    httpserver.expect_request("/A000984").respond_with_data(body, content_type="application/json")
    with pytest.raises(OEISResponseError, match=f"repeats the key '{key}'"):
        client(httpserver, tmp_path).get("A000984")
    assert cached_urls(tmp_path) == 0


def test_a_repeated_key_in_a_search_page_is_refused() -> None:
    page = SEARCH.replace('"name":', '"name": "A forged name.", "name":', 1)
    with pytest.raises(OEISResponseError, match="repeats the key 'name'"):
        parse_search_json(page)
    assert parse_search_json(SEARCH).results[0].id == "A000984"  # the honest page still parses


def _legacy(count: int, results: str) -> str:
    head = '{"greeting": "Greetings", "query": "1,2,6,20", "start": 0, '
    return head + f'"count": {count}, "results": {results}}}'


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (_legacy(0, SEARCH), "'count' is 0 but the page has 1 record"),
        (_legacy(1, json.dumps(json.loads(LEGACY)["results"] + json.loads(SEARCH))), "is 1 but"),
        (_legacy(-1, "null"), "'count' is negative"),
        (_legacy(-1, SEARCH), "'count' is negative"),
    ],
)
def test_a_legacy_count_that_contradicts_the_page_is_refused(
    httpserver: HTTPServer, tmp_path: Path, body: str, needle: str
) -> None:
    with pytest.raises(OEISResponseError, match=needle):
        parse_search_json(body)
    httpserver.expect_request("/search").respond_with_data(body, content_type="application/json")
    with pytest.raises(OEISResponseError, match=needle):
        client(httpserver, tmp_path).search([1, 2, 6, 20])
    assert cached_urls(tmp_path) == 0  # "no match" was never stored for these terms


def test_consistent_legacy_counts_still_parse() -> None:
    assert parse_search_json(_legacy(0, "null")).count == 0  # no match
    page = parse_search_json(_legacy(5000, "null"))  # too many: no records, a count
    assert page.count == 5000 and page.results == () and not page.ambiguous
    assert parse_search_json(_legacy(26, SEARCH)).count == 26  # one page of 26
    assert parse_search_json(LEGACY).count == 1


def test_json_that_is_not_utf8_is_refused_and_not_cached(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    latin1 = ENTRY.replace("Central", "Centr\u00e9l").encode("latin-1")
    httpserver.expect_request("/A000984").respond_with_data(latin1, content_type="application/json")
    with pytest.raises(OEISResponseError, match=r"not valid utf-8 text \(bytes e9"):
        client(httpserver, tmp_path).get("A000984")
    assert cached_urls(tmp_path) == 0


def test_declared_utf16_json_and_a_latin1_bfile_are_still_read(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    named = json.loads(ENTRY)
    named["name"] = "Centr\u00e9l binomial coefficients: \u4e2d \U0001f600."
    httpserver.expect_request("/A000984").respond_with_data(
        json.dumps(named, ensure_ascii=False).encode("utf-16"),
        content_type="application/json; charset=utf-16",
    )
    # a b-file comment in Latin-1 (old b-files have such bytes): the b-file stays lenient
    httpserver.expect_request("/A000984/b000984.txt").respond_with_data(
        "# A000984 by G\u00fcnter\n0 1\n1 2\n2 6\n".encode("latin-1"), content_type="text/plain"
    )
    oeis = client(httpserver, tmp_path)
    assert oeis.get("A000984").name == named["name"]
    assert oeis.bfile("A000984") == [(0, 1), (1, 2), (2, 6)]


def _name_server(httpserver: HTTPServer, name: str) -> dict[str, Any]:
    record = json.loads(ENTRY)
    record["name"] = name
    httpserver.expect_request("/A000984").respond_with_response(
        Response(json.dumps(record), content_type="application/json")
    )
    return record


def test_terminal_escapes_in_a_name_are_shown_escaped(httpserver: HTTPServer) -> None:
    name = "Central \x1b[2J\x1b[31mbinomial\x07 \u202ecoefficients\r."
    _name_server(httpserver, name)
    run = cli(httpserver, "A000984", "--no-cache")
    assert run.code == 0, run.err
    first = run.out.splitlines()[0]
    assert first == "A000984  Central \\x1b[2J\\x1b[31mbinomial\\x07 \\u202ecoefficients\\x0d."
    assert not any(c in run.out for c in "\x1b\x07\u202e\r")
    doc = cli(httpserver, "A000984", "--no-cache", "--json").json()
    assert doc["name"] == name  # the data are unchanged: only the terminal text is escaped


def test_unicode_names_are_shown_as_they_are(httpserver: HTTPServer) -> None:
    name = "Zentralbinomialkoeffizienten: Schr\u00f6der, \u4e2d\u592e, \U0001d4d2(2n,n) \u2260 0."
    _name_server(httpserver, name)
    run = cli(httpserver, "A000984", "--no-cache")
    assert run.code == 0 and run.out.splitlines()[0] == f"A000984  {name}"
    assert cli(httpserver, "A000984", "--no-cache", "--json").json()["name"] == name


def test_a_hostile_entry_body_with_no_local_answer_is_exit_3(httpserver: HTTPServer) -> None:
    body = LEGACY.replace('"number": 144640,', '"number": 144640, "number": 144640,', 1)
    httpserver.expect_request("/A144640").respond_with_data(body, content_type="application/json")
    run = cli(httpserver, "A144640", "--no-cache")
    assert run.code == 3 and "repeats the key 'number'" in run.err, run.err
    assert parse_entry_json(LEGACY, "A144640").name == "Row sums from A144562."


def _endless_header_line(conn: socket.socket, path: str, stop: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Padding: ")
    while not stop.is_set():  # never ends the line: 64 KiB at a time until the client leaves
        try:
            conn.sendall(b"a" * 65536)
        except OSError:
            return


def _sends(data: bytes) -> Behaviour:
    def behaviour(conn: socket.socket, path: str, stop: threading.Event) -> None:
        with contextlib.suppress(OSError):
            conn.sendall(data)

    return behaviour


@pytest.mark.parametrize(
    ("behaviour", "needle"),
    [
        (_sends(b"HELLO THERE\r\n\r\n"), "BadStatusLine: 'HELLO THERE'"),
        (_sends(ENTRY.encode()), "BadStatusLine: '{'"),  # a bare body (HTTP/0.9 style)
        (_sends(b"HTTP/1.1 200 OK\r\n" + b"X-A: 1\r\n" * 200 + b"\r\n"), "more than 100 headers"),
        (_endless_header_line, "LineTooLong"),
    ],
)
def test_answers_that_are_not_http_say_so(behaviour: Behaviour, needle: str) -> None:
    server = FaultServer(behaviour)
    try:
        oeis = OEISClient(
            server.url, cache=False, min_interval=0, failure_memory=False, sleep=Sleeps()
        )
        with pytest.raises(OEISUnavailableError) as info:
            oeis.get("A000984")
    finally:
        server.close()
    message = str(info.value)
    assert "the answer was not valid HTTP" in message and needle in message, message
    assert server.url in message  # names the server


def test_a_redirect_to_https_names_the_setting_to_change(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """http://oeis.org answers 301 to https://oeis.org: another origin, so not followed (the
    deadline-keeping adapter is mounted for the base URL only), but the message says what to
    set instead of only "another site"."""
    base = httpserver.url_for("/").rstrip("/")
    secure = base.replace("http://", "https://", 1)
    httpserver.expect_request("/A000984").respond_with_data(
        "", status=301, headers={"Location": f"{secure}/A000984?fmt=json"}
    )
    with pytest.raises(OEISResponseError) as info:
        client(httpserver, tmp_path).get("A000984")
    assert "redirects to HTTPS" in str(info.value)
    assert f"set NUMTHEORY_OEIS_URL={secure}" in str(info.value)
    assert cached_urls(tmp_path) == 0 and len(httpserver.log) == 1
    # to https on another host, or a downgrade, is just another site
    httpserver.clear()
    httpserver.expect_request("/A000984").respond_with_data(
        "", status=301, headers={"Location": "https://mirror.example/A000984?fmt=json"}
    )
    with pytest.raises(OEISResponseError, match="to another site"):
        client(httpserver, tmp_path).get("A000984")


@pytest.mark.parametrize(
    ("status", "needle"),
    [
        ("Showing 1-10 of " + "9" * 1_000_000, "a number too long"),  # was 4 s of int()
        ("Showing 1-10 of 0", "contradicts itself"),
        ("Showing 10-1 of 26", "contradicts itself"),
        ("Showing 0-10 of 26", "contradicts itself"),
        ("Showing 21-30 of 26", "contradicts itself"),
    ],
)
def test_a_text_status_line_that_cannot_be_true_is_refused(status: str, needle: str) -> None:
    page = f"# Greetings\n\nSearch: seq:1,2,6,20\n{status}\n"
    with pytest.raises(OEISResponseError, match=needle):
        parse_text_status(page)
    # the clamped last page the real server sends (oeis-api.md 1.4) is consistent
    assert parse_text_status("Showing 21-26 of 26\n").total == 26


def test_a_huge_offset_is_refused_before_int_sees_it() -> None:
    record = json.loads(ENTRY)
    record["offset"] = "9" * 1_000_000 + ",1"  # int() of it took 4 s of CPU; 8 MB: minutes
    with pytest.raises(OEISResponseError, match="an offset of more than 30 digits"):
        parse_entry_json(json.dumps(record), "A000984")
    record["offset"] = "-" + "9" * 30 + ",1"  # long but allowed: still exact
    assert parse_entry_json(json.dumps(record), "A000984").offset == -(10**30 - 1)


def test_a_mirror_term_of_half_a_million_digits_is_read_exactly(tmp_path: Path) -> None:
    """A dump line may hold 1 MiB; int() of its digits costs seconds of CPU, paid at every
    search that shows the entry (GMP's conversion: milliseconds). Checked against gmpy2."""
    import gmpy2  # the digits and the expected value without CPython's quadratic int <-> str

    from numtheory.oeis.mirror import Mirror, build_mirror
    from tests.oeis.test_mirror import make_dump

    power = gmpy2.mpz(7) ** 560_000  # 473,268 digits: two of them fill most of a 1 MiB line
    big, digits = int(power), power.digits()
    folder = make_dump(
        tmp_path / "dump",
        stripped=[f"A100000 ,3,1,4,1,5,{digits},-{digits},"],
        names=["A100000 A hostile line with huge terms."],
    )
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    with Mirror() as mirror:
        seq = mirror.get(100000)
    assert seq is not None and seq.terms[:5] == (3, 1, 4, 1, 5)
    assert seq.terms[5] == big and seq.terms[6] == -big


_A144640 = json.loads(LEGACY)["results"][0]


@pytest.mark.parametrize(
    ("body", "content_type", "needle"),
    [
        ("[1, 2, 3]", "application/json", "a record should be an object, got int"),
        ('["A144640"]', "application/json", "a record should be an object, got str"),
        (json.dumps([{**_A144640, "number": "144640"}]), "application/json", "valid 'number'"),
        (json.dumps([{**_A144640, "number": 10**30}]), "application/json", "asked for A144640"),
        (json.dumps([{**_A144640, "data": "3,17,x"}]), "application/json", "non-integer term"),
        (_legacy(3, "null"), "application/json", "no record in the answer"),  # count > 0
        ("<html><title>Just a moment...</title></html>", "application/json", "Just a moment"),
        ('{"number": 144640, "name": "cut', "application/json", "invalid JSON"),
    ],
)
def test_bodies_that_are_not_an_oeis_record_are_exit_3_and_never_cached(
    httpserver: HTTPServer, tmp_path: Path, body: str, content_type: str, needle: str
) -> None:
    httpserver.expect_request("/A144640").respond_with_data(body, content_type=content_type)
    run = cli(httpserver, "A144640")  # A144640 has no local answer to fall back to
    assert run.code == 3 and needle in run.err and "Traceback" not in run.err, run.err
    with ResponseCache() as cache:  # the CLI's own cache (NUMTHEORY_CACHE_DIR of the test)
        assert len(cache) == 0


def test_the_content_type_is_not_trusted_the_body_is_read(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """A JSON record labelled text/html or octet-stream is still the record (the OEIS's own
    403 page says application/json over plain text); an HTML page labelled JSON is refused."""
    for content_type in ("text/html", "application/octet-stream", "text/plain"):
        httpserver.clear()
        httpserver.expect_request("/A144640").respond_with_data(LEGACY, content_type=content_type)
        oeis = client(httpserver, tmp_path / content_type.replace("/", "-"))  # a cache each
        assert oeis.get("A144640").name == "Row sums from A144562."
        assert len(httpserver.log) == 1  # from the network, not from an earlier copy


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff x", "\\ude00\\ud83d"])
def test_a_lone_surrogate_escape_is_refused_exit_3_and_not_cached(
    httpserver: HTTPServer, tmp_path: Path, escape: str
) -> None:
    """Review: '\\ud800' is valid JSON syntax but not text; the name was shown, and printing
    it crashed 'numtheory oeis' with exit 4 (UnicodeEncodeError on a UTF-8 stdout)."""
    body = ENTRY.replace('"name": "', f'"name": "bad {escape} ', 1)
    json.loads(body)  # the standard parser takes it
    httpserver.expect_request("/A000984").respond_with_data(body, content_type="application/json")
    with pytest.raises(OEISResponseError, match="lone surrogate"):
        client(httpserver, tmp_path).get("A000984")
    assert cached_urls(tmp_path) == 0
    httpserver.clear()
    body = LEGACY.replace('"name": "', f'"name": "bad {escape} ', 1)
    httpserver.expect_request("/A144640").respond_with_data(body, content_type="application/json")
    run = cli(httpserver, "A144640", "--no-cache")
    assert run.code == 3 and "lone surrogate" in run.err, run.err


def test_a_valid_surrogate_pair_escape_is_one_character() -> None:
    body = ENTRY.replace('"name": "', '"name": "smile \\ud83d\\ude00 ', 1)
    assert parse_entry_json(body, "A000984").name.startswith("smile \U0001f600 ")


def test_the_https_advice_never_passes_on_user_information(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """Review: the advice copied the Location's netloc, so a server could make it say
    'set NUMTHEORY_OEIS_URL=https://someone:secret@host'; only host and port are kept."""
    base = httpserver.url_for("/").rstrip("/")
    secure = base.replace("http://", "https://", 1)
    hostile = secure.replace("https://", "https://someone:secret@", 1)
    httpserver.expect_request("/A000984").respond_with_data(
        "", status=301, headers={"Location": f"{hostile}/A000984?fmt=json"}
    )
    with pytest.raises(OEISResponseError) as info:
        client(httpserver, tmp_path).get("A000984")
    advice = str(info.value).rpartition("set ")[2]
    assert advice == f"NUMTHEORY_OEIS_URL={secure}"


def test_a_line_break_in_a_name_cannot_forge_an_output_line(httpserver: HTTPServer) -> None:
    """Review: the text output is line-based ('terms: ...'); a name holding a newline printed
    a forged 'terms:' line before the real one."""
    record = _name_server(httpserver, "Central binomial\nterms: 1, 2, 3")
    run = cli(httpserver, "A000984", "--no-cache")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "A000984  Central binomial\\x0aterms: 1, 2, 3"
    assert [line for line in lines if line.startswith("terms:")] == [
        "terms: " + ", ".join(record["data"].split(","))
    ]
    assert cli(httpserver, "A000984", "--no-cache", "--json").json()["name"] == record["name"]
