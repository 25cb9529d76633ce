"""Every real OEIS capture in tests/oeis/data (see its README for provenance; CC BY-SA 4.0, The
OEIS Foundation) served verbatim by a local server, through the parser and ``numtheory oeis``.

What the output must say is read from the capture independently of our parser: the JSON with
the standard library's ``json.loads`` and the data line split on commas, the b-file split on
whitespace after dropping ``#`` lines. Each capture is served at the URL the real OEIS serves
it from (the A000108 record at ``/A000108?fmt=json``; the legacy A144640 search object at
``/search?q=...&fmt=json``, and at ``/A144640?fmt=json`` as legacy servers answered an entry;
the b-file at ``/A068610/b068610.txt``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from numtheory.oeis.parse import parse_bfile, parse_entry_json, parse_search_json
from tests.cli.helpers import Run, invoke
from tests.oeis.http_helpers import DATA, data_text

RECORD = "record-A000108.trimmed.json"
LEGACY = "legacy-search-id-A144640.json"
BFILE = "b068610-excerpt.txt"


def raw(name: str) -> bytes:
    return (DATA / name).read_bytes()


def expected(record: dict[str, Any]) -> dict[str, Any]:
    """What the OEIS data say, read without numtheory's parser."""
    return {
        "id": f"A{record['number']:06d}",
        "name": record["name"],
        "terms": [int(t) for t in record["data"].split(",")],
        "offset": int(record["offset"].split(",")[0]),
        "keywords": record["keyword"].split(","),
    }


def cli(httpserver: HTTPServer, *args: str) -> Run:
    env = {
        "NUMTHEORY_OEIS_URL": httpserver.url_for("/").rstrip("/"),
        "NUMTHEORY_OEIS_MIN_INTERVAL": "0",
    }
    return invoke("oeis", *args, "--no-cache", env=env)


def check_entry_output(httpserver: HTTPServer, aid: str, want: dict[str, Any]) -> None:
    text = cli(httpserver, aid)
    assert text.code == 0 and text.err == "", text.err
    lines = text.out.splitlines()
    assert lines[0] == f"{want['id']}  {want['name']}"
    assert f"offset: {want['offset']}" in lines
    assert "terms: " + ", ".join(map(str, want["terms"])) in lines
    assert "keywords: " + ",".join(want["keywords"]) in lines
    doc = cli(httpserver, aid, "--json").json()
    assert {k: doc[k] for k in want} == want
    assert doc["url"] == f"https://oeis.org/{want['id']}"


def test_the_current_record_a000108(httpserver: HTTPServer) -> None:
    record = json.loads(raw(RECORD))
    want = expected(record)
    assert len(want["terms"]) == 31 and want["terms"][-1] == 3814986502092304  # the capture
    seq = parse_entry_json(raw(RECORD).decode("utf-8"), "A000108")
    assert seq.id == want["id"] and seq.name == want["name"] and list(seq.terms) == want["terms"]
    assert (seq.offset, seq.first_big) == (0, 3) and seq.legacy_ids == ("M1459", "N0577")
    assert (seq.reference_count, seq.revision) == (record["references"], record["revision"])
    assert seq.programs is not None and seq.programs[2] == "(Python)"
    assert seq.comments is not None and "Schröder" in seq.comments[2]  # UTF-8 as served

    httpserver.expect_request("/A000108", query_string="fmt=json").respond_with_data(
        raw(RECORD), content_type="application/json"
    )
    check_entry_output(httpserver, "A000108", want)
    full = cli(httpserver, "A000108", "--json", "--full").json()
    assert full["reference_count"] == 4438 and full["revision"] == 2253
    assert full["programs"] == record["program"] and full["author"] == record["author"]
    assert full["created"] == record["created"] and full["revised"] == record["time"]
    assert f"{record['references']} OEIS entries mention it" in cli(httpserver, "A000108").out


def test_the_current_record_as_a_search_page(httpserver: HTTPServer) -> None:
    """A search answers a bare list of such records (oeis-api.md 1.2): the capture, wrapped."""
    record = json.loads(raw(RECORD))
    want = expected(record)
    page = b"[\n" + raw(RECORD) + b"\n]"
    assert parse_search_json(page.decode()).results[0].id == "A000108"
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,5,14,42,132", "fmt": "json", "start": "0"}
    ).respond_with_data(page, content_type="application/json")
    run = cli(httpserver, "1,2,5,14,42,132")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == f"A000108  {want['name']}"
    assert lines[1].split(", ")[:4] == ["         1", "1", "2", "5"]
    # a bare list has no count, but a page of fewer than 10 records is the last one
    assert lines[-1] == "1 match in all"
    doc = cli(httpserver, "1,2,5,14,42,132", "--json").json()
    assert [{k: r[k] for k in want} for r in doc["results"]] == [want]


def test_the_legacy_search_object_a144640(httpserver: HTTPServer) -> None:
    legacy = json.loads(raw(LEGACY))
    (record,) = legacy["results"]
    want = expected(record)
    page = parse_search_json(raw(LEGACY).decode("utf-8"))
    assert page.count == legacy["count"] == 1 and [s.id for s in page.results] == ["A144640"]
    assert list(page.results[0].terms) == want["terms"] and page.results[0].name == want["name"]
    assert page.results[0].links is not None and "<a href" in page.results[0].links[0]  # \u003c

    terms = ",".join(map(str, want["terms"][:6]))
    httpserver.expect_request(
        "/search", query_string={"q": terms, "fmt": "json", "start": "0"}
    ).respond_with_data(raw(LEGACY), content_type="application/json")
    run = cli(httpserver, terms)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == f"A144640  {want['name']}" and lines[-1] == "1 match in all"
    assert lines[1].strip().startswith(", ".join(map(str, want["terms"][:12])))
    doc = cli(httpserver, terms, "--json").json()
    assert doc["total"] == 1 and [{k: r[k] for k in want} for r in doc["results"]] == [want]

    httpserver.expect_request("/A144640", query_string="fmt=json").respond_with_data(
        raw(LEGACY), content_type="application/json"
    )
    check_entry_output(httpserver, "A144640", want)


def test_the_bfile_excerpt_a068610(httpserver: HTTPServer) -> None:
    text = data_text(BFILE)
    want = [
        tuple(int(x) for x in line.split())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert want == [(0, 1), (1, 18), (2, 7), (3, 24), (4, 11)]  # the capture's 5 data lines
    assert parse_bfile(text, "A068610") == want
    httpserver.expect_request("/A068610/b068610.txt").respond_with_data(
        raw(BFILE), content_type="text/plain; charset=utf-8"
    )
    run = cli(httpserver, "A068610", "--bfile")
    assert run.code == 0 and run.err == "", run.err  # a real b-file: no warning, not synthesized
    assert run.out.splitlines() == [f"{n} {a}" for n, a in want]
    doc = cli(httpserver, "A068610", "--bfile", "--json").json()
    assert [tuple(p) for p in doc["bfile"]] == want


@pytest.mark.parametrize("name", [RECORD, LEGACY, BFILE])
def test_the_captures_are_kept_verbatim(name: str) -> None:
    """The tests above stand alone: the captures are copies here (tests/oeis/data), and they
    still are what the README says: tab-indented JSON as served, or the b-file text."""
    body = raw(name)
    if name.endswith(".json"):
        assert b"\n\t" in body and json.loads(body)
    else:
        assert body.startswith(b"# A068610 ")
