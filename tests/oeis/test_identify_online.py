"""identify online: one exact request to the (local, test) OEIS, never a transformed query."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from numtheory.oeis import identify
from numtheory.oeis import transforms as tf
from numtheory.oeis.mirror import build_mirror
from tests.oeis.test_mirror import write_dump

S = [3, 1, 4, 1, 6, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]  # pi's digits, one changed


def test_only_the_query_itself_goes_to_the_server(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    write_dump(folder / "stripped.gz", ["A900201 ," + ",".join(map(str, S)) + ","])
    write_dump(folder / "names.gz", ["A900201 Planted."], kind="names")
    build_mirror(folder / "stripped.gz", folder / "names.gz", tmp_path / "mirror.sqlite")
    asked: list[str] = []

    def oeis(request: Request) -> Response:
        asked.append(request.args.get("q", ""))
        return Response("[]", content_type="application/json")  # the OEIS knows nothing

    httpserver.expect_request("/search").respond_with_handler(oeis)
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/").rstrip("/"))
    monkeypatch.delenv("NUMTHEORY_OFFLINE", raising=False)
    query = tf.binomial_transform(S[:12])
    found = identify(query, offline=False, depth=2, mirror=tmp_path / "mirror.sqlite")
    assert found and found[0].sequence is not None and found[0].sequence.id == "A900201"
    assert found[0].transforms == ("inverse_binomial",)
    assert asked == [",".join(map(str, query))]  # one request: the exact look-up
    assert len(httpserver.log) == 1


def test_a_query_too_long_for_an_oeis_search_is_looked_up_locally(tmp_path: Path) -> None:
    # 1,000 terms (identify's maximum) are 9,132 characters; an OEIS search takes 1,000:
    # identify raised InputError on valid input instead of searching the local data
    query = [n**3 + n + 7 for n in range(1000)]
    found = identify(query, offline=False, mirror=tmp_path / "none.sqlite")
    assert [e for e in found if not e.conjecture] == []  # (a guesser may fit the cubic)
    assert any(
        note.startswith("exact look-up online skipped: too many digits to search for")
        for note in found.notes
    )
