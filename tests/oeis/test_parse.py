"""Pure parsing of the OEIS formats, on the captured samples and on broken variants."""

from __future__ import annotations

import json

import pytest

from numtheory.errors import OEISResponseError
from numtheory.oeis.parse import (
    bfile_is_synthesized,
    describe_html,
    looks_like_html,
    parse_bfile,
    parse_entry_json,
    parse_record,
    parse_search_json,
    parse_text_status,
)
from tests.oeis.http_helpers import data_text


def test_current_record_shape() -> None:
    seq = parse_entry_json(data_text("record-A000108.trimmed.json"), "A000108")
    assert seq.id == "A000108" and seq.number == 108
    assert seq.name.startswith("Catalan numbers")
    assert seq.terms[:8] == (1, 1, 2, 5, 14, 42, 132, 429) and len(seq.terms) == 31
    assert (seq.offset, seq.first_big) == (0, 3)
    assert seq.keywords == ("core", "nonn", "easy", "eigen", "nice")
    assert seq.legacy_ids == ("M1459", "N0577")
    assert seq.reference_count == 4438 and seq.revision == 2253
    assert seq.revised == "2026-09-15T21:11:07-04:00"
    assert seq.created is not None and seq.created.startswith("1991")
    assert seq.programs[2] == "(Python)" and len(seq.comments) == 3
    assert seq.author == "_N. J. A. Sloane_" and seq.formulas == ()


def test_bare_list_and_single_record_search() -> None:
    page = parse_search_json(data_text("constructed-search-1,2,6,20.json"))
    assert [s.id for s in page.results] == ["A000984"] and not page.ambiguous
    single = parse_search_json(data_text("record-A000108.trimmed.json"))
    assert single.results[0].id == "A000108"


def test_legacy_shape() -> None:
    page = parse_search_json(data_text("legacy-search-id-A144640.json"))
    assert page.count == 1 and page.results[0].id == "A144640"
    assert page.results[0].links[0].startswith("Vincenzo Librandi, <a href=")
    assert page.results[0].terms[:3] == (3, 17, 48)


def test_null_and_legacy_null() -> None:
    assert parse_search_json("null").ambiguous
    legacy = json.loads(data_text("legacy-search-id-A144640.json"))
    legacy.update(results=None, count=0)
    assert parse_search_json(json.dumps(legacy)).ambiguous is False
    legacy.update(count=57)
    page = parse_search_json(json.dumps(legacy))
    assert page.results == () and page.count == 57  # too many: the client says so


def test_duplicates_on_a_clamped_page_are_dropped() -> None:
    record = json.loads(data_text("record-A000108.trimmed.json"))
    assert len(parse_search_json(json.dumps([record, record])).results) == 1


def test_optional_fields_may_be_missing() -> None:
    seq = parse_record({"number": 400000, "name": "Allocated.", "keyword": "allocated"})
    assert seq.terms == () and seq.offset == 0 and seq.first_big is None and seq.author is None


def test_nulls_inside_a_record_mean_absent() -> None:
    seq = parse_record(
        {"number": 7, "name": "x", "data": None, "offset": None, "comment": None, "author": None}
    )
    assert seq.terms == () and seq.offset == 0 and seq.comments == () and seq.author is None
    with pytest.raises(OEISResponseError, match="no 'name'"):
        parse_record({"number": 7, "name": None})
    with pytest.raises(OEISResponseError, match="a record should be an object, got NoneType"):
        parse_search_json("[null]")


def test_big_and_negative_terms() -> None:
    big = "9" * 500
    seq = parse_record({"number": 1, "name": "x", "data": f"-1,0,{big}", "offset": "-3"})
    assert seq.terms == (-1, 0, int(big)) and seq.offset == -3


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('{"number": 984, "data": "1,2', "invalid JSON"),
        ("", "invalid JSON"),
        ("<!DOCTYPE html><html><title>Just a moment...</title>", "HTML page: 'Just a moment...'"),
        ('"hello"', "expected a list of records or null"),
        ("[1, 2]", "a record should be an object"),
        ('[{"data": "1,2", "name": "x"}]', "no valid 'number'"),
        ('[{"number": 5, "data": "1,2"}]', "no 'name'"),
        ('[{"number": 5, "name": "x", "data": "1,two"}]', "non-integer term 'two'"),
        ('[{"number": 5, "name": "x", "offset": "zero"}]', "bad offset"),
        ('[{"number": 5, "name": "x", "comment": "ok", "formula": [1]}]', "'formula'"),
        ('[{"number": 5, "name": "x", "references": "many"}]', "'references'"),
        ('{"greeting": "hi", "results": {"a": 1}}', "'results' should be a list"),
    ],
)
def test_malformed_answers_say_what_was_wrong(body: str, needle: str) -> None:
    with pytest.raises(OEISResponseError) as info:
        parse_search_json(body)
    assert needle in str(info.value)


def test_entry_must_be_the_one_asked_for() -> None:
    with pytest.raises(OEISResponseError, match="asked for A000984, got A000108"):
        parse_entry_json(data_text("record-A000108.trimmed.json"), "A000984")


def test_text_status_lines() -> None:
    assert parse_text_status(data_text("constructed-text-showing.txt")).total == 26
    assert parse_text_status(data_text("constructed-text-too-many.txt")).kind == "too-many"
    assert parse_text_status(data_text("constructed-text-no-results.txt")).kind == "none"
    with pytest.raises(OEISResponseError, match="no status line"):
        parse_text_status("# Greetings\n\nsomething else\n")
    with pytest.raises(OEISResponseError, match="HTML"):
        parse_text_status(data_text("constructed-cloudflare-502.html"))


def test_bfile_real_excerpt_and_irregularities() -> None:
    assert parse_bfile(data_text("b068610-excerpt.txt"))[:2] == [(0, 1), (1, 18)]
    messy = "# A1 (b-file synthesized from sequence entry)\r\n\r\n1  -5 \r\n2 6 # note\n3 7"
    assert parse_bfile(messy) == [(1, -5), (2, 6), (3, 7)] and bfile_is_synthesized(messy)
    with pytest.raises(OEISResponseError, match="line 2 is not 'n a"):
        parse_bfile("1 2\n2 x\n", strict=True)
    with pytest.raises(OEISResponseError, match="index 5 does not follow 1"):
        parse_bfile("1 2\n5 3\n", strict=True)


def test_html_description_is_one_line() -> None:
    page = data_text("constructed-cloudflare-502.html")
    assert looks_like_html(page) and not looks_like_html('[{"number": 1}]')
    assert describe_html(page) == "'oeis.org | 502: Bad gateway'"
    assert describe_html("<html><title>Maintenance &amp; upgrades</title>") == (
        "'Maintenance & upgrades'"
    )
