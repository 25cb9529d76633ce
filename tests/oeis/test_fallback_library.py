"""``numtheory.oeis.search``/``get`` fall back like the CLI: stale cache, mirror, catalogue.

The network is down in every test (conftest points NUMTHEORY_OEIS_URL at a refused port)
unless a test serves answers from a local HTTP server. ``set_testing`` switches off the
retry waits, so a refused connection costs milliseconds, not seconds.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

import numtheory.oeis as oeis
from numtheory.errors import MirrorError, OEISResponseError, OEISUnavailableError
from numtheory.oeis import fallback
from numtheory.oeis._catalogue import get as catalogue_get
from numtheory.oeis._catalogue import search as catalogue_search
from numtheory.oeis.mirror import Mirror, build_mirror, mirror_path
from numtheory.oeis.model import Sequence
from numtheory.oeis.parse import parse_record
from numtheory.retry import set_testing
from tests.oeis.http_helpers import data_text
from tests.oeis.test_mirror import make_dump


@pytest.fixture(autouse=True)
def _fresh_default_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own default client (its cache lives in this test's cache dir)."""
    monkeypatch.setenv("NUMTHEORY_OEIS_MIN_INTERVAL", "0")
    monkeypatch.setattr(fallback, "_default", None)
    with set_testing():
        yield
    if fallback._default is not None:
        fallback._default.close()


def _fallback_messages(record: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, oeis.OEISFallbackWarning)]


def test_search_falls_back_to_the_catalogue_with_a_warning() -> None:
    with pytest.warns(oeis.OEISFallbackWarning) as record:
        found = oeis.search([1, 2, 6, 20])
    assert isinstance(found, list) and found.source == "catalogue"
    # the same answer the catalogue gives on its own
    assert [s.id for s in found] == [s.id for s in catalogue_search([1, 2, 6, 20])] == ["A000984"]
    assert found[0].source == "catalogue" and found.total == 1
    (message,) = _fallback_messages(record.list)
    assert "connection refused" in message and "catalogue" in message  # the failure, the source
    assert "--offline" in message and "NUMTHEORY_OFFLINE=1" in message
    # the CLI's words first (the CLI shows this warning too), then the library's
    assert message.endswith(
        "(to skip the network: --offline or NUMTHEORY_OFFLINE=1; in Python, offline=True)"
    )
    assert record.list[0].filename == __file__  # points at the caller's line


def test_a_fallback_search_shows_its_warning_in_every_view() -> None:
    # Matches kept the warning but its repr did not count it, and it dropped the notes
    with pytest.warns(oeis.OEISFallbackWarning) as record:
        found = oeis.search([1, 2, 6, 20])
    (message,) = _fallback_messages(record.list)
    assert found.warnings == (message,) and found.notes == ()
    assert repr(found).endswith("source='catalogue'; 1 warning>")
    text = " ".join(str(found).split())  # the view wraps long lines
    assert "note: " + " ".join(message.split()) in text
    html = found._repr_html_()
    assert "connection refused" in html and "<li>" in html


def test_get_falls_back_and_says_its_source() -> None:
    with pytest.warns(oeis.OEISFallbackWarning, match="connection refused"):
        seq = oeis.get("A000045")
    expected = catalogue_get("A000045")
    assert (
        expected is not None and seq.terms == expected.terms and seq.terms[:6] == (0, 1, 1, 2, 3, 5)
    )
    assert seq.source == "catalogue"


def test_fallback_false_is_network_only() -> None:
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        with pytest.raises(OEISUnavailableError, match="connection refused"):
            oeis.search([1, 2, 6, 20], fallback=False)
        with pytest.raises(OEISUnavailableError, match="connection refused"):
            oeis.get("A000045", fallback=False)
    assert _fallback_messages(record) == []


def test_no_local_answer_raises_the_network_error() -> None:
    assert catalogue_search([1, 2, 6, 20, 71]) == []  # no local match
    with pytest.raises(OEISUnavailableError, match="connection refused"):
        oeis.search([1, 2, 6, 20, 71])


def _serve_1_2_6_20(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server is the OEIS, and answers the search 1,2,6,20 (A000984)."""
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/").rstrip("/"))
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,6,20", "fmt": "json", "start": "0"}
    ).respond_with_data(data_text("constructed-search-1,2,6,20.json"))


def test_stale_cache_comes_before_local_data(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    _serve_1_2_6_20(httpserver, monkeypatch)
    fresh = oeis.search([1, 2, 6, 20])
    assert fresh.source == "network" and [s.id for s in fresh] == ["A000984"]
    with sqlite3.connect(cache_dir / "oeis-cache.sqlite3") as db:  # two weeks old now
        db.execute("UPDATE answers SET stored_at = stored_at - 14 * 86400")
    httpserver.clear()
    httpserver.expect_request("/search").respond_with_data("down", status=503)
    with pytest.warns(oeis.OEISFallbackWarning, match="503"):
        stale = oeis.search([1, 2, 6, 20])
    assert stale.source == "stale-cache" and stale[0].name == fresh[0].name
    assert stale[0].name != catalogue_search([1, 2, 6, 20])[0].name  # not the catalogue's
    with pytest.raises(OEISUnavailableError, match="fallback=False"):
        oeis.search([1, 2, 6, 20], fallback=False)


def test_mirror_answers_before_the_catalogue(tmp_path: Path) -> None:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    with pytest.warns(oeis.OEISFallbackWarning, match="local mirror"):
        found = oeis.search([1, 2, 6, 20])
    assert found.source == "mirror" and [s.id for s in found] == ["A000984", "A200000"]


def test_damaged_mirror_falls_back_to_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")

    def damaged(self: Mirror, *args: object, **kwargs: object) -> None:
        raise MirrorError(f"the mirror at {self.path} is damaged (block 0 does not decompress)")

    monkeypatch.setattr(Mirror, "search", damaged)
    monkeypatch.setattr(Mirror, "search_counted", damaged)  # what a paged lookup asks
    monkeypatch.setattr(Mirror, "get", damaged)
    with pytest.warns(oeis.OEISFallbackWarning) as record:
        found = oeis.search([1, 2, 6, 20])
    assert found.source == "catalogue" and [s.id for s in found] == ["A000984"]
    messages = _fallback_messages(record.list)
    assert any("damaged" in m and "catalogue" in m for m in messages), messages
    assert any("connection refused" in m for m in messages), messages
    # offline too: the catalogue answers, the damage is reported
    answer = oeis.lookup_entry("A000045", offline=True)
    assert answer.source == "catalogue" and any("damaged" in w for w in answer.warnings)
    with pytest.warns(oeis.OEISFallbackWarning, match="damaged"):
        assert oeis.get("A000108", offline=True).source == "catalogue"


def test_unreadable_mirror_file_is_reported_and_skipped() -> None:
    mirror_path().parent.mkdir(parents=True, exist_ok=True)
    mirror_path().write_bytes(b"not a database" * 100)
    answer = oeis.lookup([1, 2, 6, 20, 70], offline=True)
    assert answer.source == "catalogue" and [s.id for s in answer.results] == ["A000984"]
    assert any("ignoring the local mirror" in w for w in answer.warnings)


def test_entries_only_in_the_mirror_have_unknown_metadata(tmp_path: Path) -> None:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    only_mirror = oeis.get("A200000", offline=True)
    assert only_mirror.source == "mirror" and only_mirror.terms == (9, 9, 1, 2, 6, 20, 70)
    # the dumps carry no offset, keywords or references: unknown, not 0 / () / "0 printed"
    assert only_mirror.offset is None and only_mirror.keywords is None
    assert only_mirror.reference_lines is None and only_mirror.reference_count is None
    data = only_mirror.to_json(full=True)
    assert data["offset"] is None and data["keywords"] is None
    assert data["reference_lines"] is None and data["comments"] is None
    # an entry the catalogue knows keeps the catalogue's offset and keywords
    fib = oeis.get("A000045", offline=True)
    known = catalogue_get("A000045")
    assert known is not None and fib.source == "mirror"
    assert (fib.offset, fib.keywords) == (known.offset, known.keywords) == (0, known.keywords)
    # searches mark them the same way
    found = {s.id: s for s in oeis.search([1, 2, 6, 20], offline=True)}
    assert found["A200000"].offset is None and found["A000984"].offset == 0


def test_local_paging_is_not_capped_at_110() -> None:
    everything = catalogue_search([1])
    assert len(everything) > 130
    page = oeis.search([1], start=120, limit=5, offline=True)
    assert [s.id for s in page] == [s.id for s in everything[120:125]]
    assert page.total == len(everything)


def test_public_namespace_is_the_api() -> None:
    assert dir(oeis) == sorted(oeis.__all__)
    for name in oeis.__all__:
        assert hasattr(oeis, name), name
    names = set(vars(oeis))
    for leaked in ("Any", "cast", "dataclass", "importlib", "threading", "annotations"):
        assert leaked not in names and leaked not in dir(oeis)
    assert "fallback" not in dir(oeis) and oeis.fallback.search is oeis.search


def test_reference_fields_cannot_be_misread() -> None:
    seq = Sequence(number=45, name="x", terms=(0, 1), reference_lines=("R1",), reference_count=9)
    data = seq.to_json(full=True)
    assert data["reference_lines"] == ["R1"] and data["reference_count"] == 9
    assert "references" not in data
    with pytest.raises(AttributeError, match="reference_lines"):
        _ = seq.references  # type: ignore[attr-defined]
    # the parser fills both from the OEIS JSON (list "reference", integer "references")
    parsed = parse_record(
        {"number": 45, "name": "x", "data": "0,1", "reference": ["R1"], "references": 9}
    )
    assert (parsed.reference_lines, parsed.reference_count) == (("R1",), 9)
    # the old name builds nothing: no silent alias for a misreadable name
    with pytest.raises(TypeError, match="references"):
        Sequence(number=45, name="x", terms=(0, 1), references=("R1",))  # type: ignore[call-arg]


def test_no_local_answer_says_so_and_keeps_the_error_class(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The network error is raised as it was (same class), saying the local data had nothing."""
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/").rstrip("/"))
    httpserver.expect_request("/search").respond_with_data(
        "<html><body>Service temporarily down</body></html>", content_type="text/html"
    )
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")

    def damaged(self: Mirror, *args: object, **kwargs: object) -> None:
        raise MirrorError(f"the mirror at {self.path} is damaged (block 0 does not decompress)")

    monkeypatch.setattr(Mirror, "search", damaged)
    monkeypatch.setattr(Mirror, "search_counted", damaged)  # what a paged lookup asks
    assert catalogue_search([1, 2, 6, 20, 71]) == []
    with pytest.raises(OEISResponseError) as caught:  # not turned into OEISUnavailableError
        oeis.search([1, 2, 6, 20, 71])
    message = str(caught.value)
    assert isinstance(caught.value.__cause__, OEISResponseError)  # the original, unchanged
    assert "either" not in str(caught.value.__cause__)
    assert "damaged" in message  # the mirror skipped on the way
    assert message.endswith("no match for 1, 2, 6, 20, 71 in the local catalogue either")


def test_entry_not_in_local_data_says_so() -> None:
    assert catalogue_get("A390001") is None
    with pytest.raises(OEISUnavailableError) as caught:
        oeis.get("A390001")
    message = str(caught.value)
    assert "connection refused" in message
    assert message.endswith("A390001 is not in the local OEIS data either")


def test_network_answers_without_a_warning_and_local_answers_are_not_cached(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    _serve_1_2_6_20(httpserver, monkeypatch)
    httpserver.expect_request("/search").respond_with_data("down", status=503)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        fresh = oeis.search([1, 2, 6, 20])
        cached = oeis.search([1, 2, 6, 20])
    assert (fresh.source, cached.source) == ("network", "cache")
    assert fresh.warnings == cached.warnings == () and _fallback_messages(record) == []

    def stored() -> list[tuple[str, str]]:
        with sqlite3.connect(cache_dir / "oeis-cache.sqlite3") as db:
            return sorted(db.execute("SELECT url, body FROM answers").fetchall())

    before = stored()
    assert len(before) == 1
    with pytest.warns(oeis.OEISFallbackWarning, match="503"):
        local = oeis.search([1, 2, 6, 20, 70, 252])
    assert local.source == "catalogue" and [s.id for s in local] == ["A000984"]
    assert stored() == before  # the catalogue's answer was not stored as if the OEIS gave it


def test_reraised_network_errors_keep_their_class_and_attributes() -> None:
    from numtheory.errors import OEISRefusedError
    from numtheory.oeis.client import TransientHTTPError

    for original in (OEISRefusedError("HTTP 403", status=403), TransientHTTPError("503", 503, 2.0)):
        with pytest.raises(type(original)) as caught:
            fallback._no_local_answer(original, ["no match in the local catalogue either"])
        again = caught.value
        assert again is not original and again.__cause__ is original
        assert str(again) == f"{original}; no match in the local catalogue either"
        assert again.status == original.status  # type: ignore[attr-defined]
        assert str(original) in ("HTTP 403", "503")  # the caught one is left as it was


def test_local_answers_page_like_the_oeis() -> None:
    """No limit is one page, locally as online (it was every local match)."""
    everything = catalogue_search([1])
    assert len(everything) > oeis.PAGE_SIZE
    page = oeis.search([1], offline=True)
    assert [s.id for s in page] == [s.id for s in everything[: oeis.PAGE_SIZE]]
    assert page.total == len(everything)
    with pytest.warns(oeis.OEISFallbackWarning, match="connection refused"):
        fallen_back = oeis.search([1])  # the network is down: the catalogue answers
    assert [s.id for s in fallen_back] == [s.id for s in page]


@pytest.mark.parametrize("offline", [True, False])
def test_bad_start_and_limit_are_refused_before_any_work(offline: bool) -> None:
    from numtheory.errors import InputError, InputTypeError

    for bad, error, said in (
        ({"limit": -3}, InputError, "got -3"),
        ({"limit": 0}, InputError, "got 0"),
        ({"limit": "x"}, InputTypeError, "limit must be an integer, got 'x'"),
        ({"limit": True}, InputTypeError, "got True"),
        ({"start": -1}, InputError, "got -1"),
        ({"start": 2.0}, InputTypeError, "start must be an integer, got 2.0"),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no fallback either: refused before the network
            with pytest.raises(error, match=said):
                oeis.search([1, 2, 6, 20], offline=offline, **bad)  # type: ignore[arg-type]
