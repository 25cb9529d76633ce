"""``numtheory oeis`` against a local HTTP server: streams, exit codes.

The runs call ``main([...])`` in this process (:func:`tests.cli.helpers.invoke`); the first
search, the pipe from ``valuation`` and the research script run as real processes. Retry
waits are real in both, so the fault tests give ``--timeout 0.4``: the first retry wait (at
least 0.5 s) would pass the deadline, so the run gives up after one attempt without sleeping.
How many retries happen is tested with the waits switched off (``set_testing``) below and in
tests/oeis/test_client.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.helpers import Run, invoke, run_cli
from tests.oeis.http_helpers import data_text, fake_record, page_of

SEARCH = data_text("constructed-search-1,2,6,20.json")
ENTRY = data_text("constructed-record-A000984.json")


def oeis(
    server: HTTPServer, *args: str, stdin: str | None = None, process: bool = False, **env: str
) -> Run:
    """``numtheory oeis ARGS`` against ``server``: in-process, or a real one if ``process``."""
    environment = {
        "NUMTHEORY_OEIS_URL": server.url_for("/").rstrip("/"),
        "NUMTHEORY_OEIS_MIN_INTERVAL": "0",
        **env,
    }
    if process:
        return run_cli("oeis", *args, stdin=stdin, env=environment, timeout=60)
    return invoke("oeis", *args, stdin=stdin, env=environment)


def serve_search(server: HTTPServer, body: str = SEARCH) -> None:
    server.expect_request(
        "/search", query_string={"q": "1,2,6,20", "fmt": "json", "start": "0"}
    ).respond_with_data(body, content_type="application/json")


def serve_null_then_text(server: HTTPServer, text: str) -> None:
    def answer(request: Request) -> Response:
        if request.args["fmt"] == "json":
            return Response("null", mimetype="application/json")
        return Response(text, mimetype="text/plain")

    server.expect_request("/search").respond_with_handler(answer)


@pytest.mark.parametrize("args", [("1,2,6,20",), ("1", "2", "6", "20"), ("1, 2, 6, 20",)])
def test_search_forms(httpserver: HTTPServer, args: tuple[str, ...]) -> None:
    serve_search(httpserver)
    run = oeis(httpserver, *args, "--no-cache")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0].startswith("A000984  Central binomial coefficients")
    assert "1, 2, 6, 20, 70, 252" in run.out
    assert run.out.splitlines()[-1] == "1 match in all"
    assert run.err == ""


def test_stdin_and_json(httpserver: HTTPServer) -> None:
    serve_search(httpserver)
    run = oeis(httpserver, "-", "--json", stdin="1\n2\n6\n20\n", process=True)
    assert run.code == 0, run.err
    doc = run.json()
    assert doc["query"] == "1,2,6,20" and doc["source"] == "network" and doc["total"] == 1
    (result,) = doc["results"]
    assert result["id"] == "A000984" and result["offset"] == 0
    assert result["terms"][-1] == 1946939425648112  # a JSON integer, not a string
    # second run (in-process): from the first process's cache, no request
    again = oeis(httpserver, "--json", "1,2,6,20")
    assert again.json()["source"] == "cache" and len(httpserver.log) == 1


def test_entry_text_json_and_full(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A000984", query_string={"fmt": "json"}).respond_with_data(ENTRY)
    run = oeis(httpserver, "A000984")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("A000984  Central binomial") and "offset: 0" in lines
    assert "formulas (3):" in run.out and "keywords: nonn,easy,core" in run.out
    assert "1000 OEIS entries mention it" in run.out
    entry = oeis(httpserver, "a984", "--json").json()
    search_result = json.loads(SEARCH)[0]
    assert entry["id"] == "A000984" and entry["terms"][:4] == [1, 2, 6, 20]
    assert entry["name"] == search_result["name"]
    full = oeis(httpserver, "A000984", "--full")
    assert "comments:" in full.out and "cross-references:" in full.out


def test_bfile(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A068610/b068610.txt").respond_with_data(
        data_text("b068610-excerpt.txt")
    )
    run = oeis(httpserver, "A068610", "--bfile")
    assert run.code == 0 and run.out.splitlines() == ["0 1", "1 18", "2 7", "3 24", "4 11"]
    doc = oeis(httpserver, "A068610", "--bfile", "--json").json()
    assert doc["bfile"][1] == [1, 18]


def test_no_match_exit_1(httpserver: HTTPServer) -> None:
    serve_null_then_text(httpserver, data_text("constructed-text-no-results.txt"))
    run = oeis(httpserver, "1,2,3,5,7,2,9,41,5")
    assert run.code == 1 and run.out == "" and "no match" in run.err


def test_too_many_exit_1(httpserver: HTTPServer) -> None:
    serve_null_then_text(httpserver, data_text("constructed-text-too-many.txt"))
    run = oeis(httpserver, "1,2")
    assert run.code == 1 and "too many results, give more terms" in run.err


def test_unknown_anumber_exit_1(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A999999").respond_with_data("Not found", status=404)
    run = oeis(httpserver, "A999999")
    assert run.code == 1 and "A999999" in run.err and len(httpserver.log) == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("1,2,x",), "'x'"), (("1,2", "--start", "110"), "0..100"), (("B12",), "'B12'")],
)
def test_bad_input_exit_2(httpserver: HTTPServer, args: tuple[str, ...], needle: str) -> None:
    run = oeis(httpserver, *args)
    assert run.code == 2 and needle in run.err and "Traceback" not in run.err
    assert len(httpserver.log) == 0


def test_503_exit_3(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/search").respond_with_data("Service Unavailable", status=503)
    run = oeis(httpserver, "9,8,7,6,5,4,3,2,1,1,1,7", "--timeout", "0.4", "--no-cache")
    if run.code == 0:  # the local data answered, with a warning naming the failure
        assert "503" in run.err and "warning" in run.err
    else:
        assert run.code == 3 and run.out == "" and "Traceback" not in run.err
        (line,) = run.err.strip().splitlines()
        assert "503" in line and "gave up after 1 attempt(s)" in line
    assert len(httpserver.log) == 1


def test_503_four_times_retries_then_exit_3_in_process(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's own policy, run in-process so that the waits can be switched off."""
    from numtheory.cli import main
    from numtheory.retry import set_testing

    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/").rstrip("/"))
    monkeypatch.setenv("NUMTHEORY_OEIS_MIN_INTERVAL", "0")
    httpserver.expect_request("/search").respond_with_data("Service Unavailable", status=503)
    with set_testing():
        code = main(["oeis", "9,8,7,6,5,4,3,2,1,1,1,7", "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 3 and out == "" and len(httpserver.log) == 4  # 4 attempts, then exit 3
    (line,) = err.strip().splitlines()
    assert "503" in line and "gave up after 4 attempt(s)" in line


def test_unreachable_falls_back_or_exits_3() -> None:
    env = {"NUMTHEORY_OEIS_URL": "http://127.0.0.1:9", "NUMTHEORY_OEIS_MIN_INTERVAL": "0"}
    run = invoke(
        "oeis", "3,1,4,1,5,9,2,6,5,3,5,8,9,7,9,3,2,3,8,4", "--json", "--timeout", "0.4", env=env
    )
    # no local data source holds these digits of pi as consecutive terms of anything small
    if run.code == 0:
        assert run.json()["source"] in ("mirror", "catalogue") and "warning" in run.err
    else:
        assert run.code == 3 and run.out == "" and "connection refused" in run.err
        assert "Traceback" not in run.err


def test_html_502_gives_one_line_exit_3(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A000984").respond_with_data(
        data_text("constructed-cloudflare-502.html"), status=502, content_type="text/html"
    )
    run = oeis(httpserver, "A000984", "--timeout", "0.4")
    if run.code == 0:  # answered from local data, with a warning naming the failure
        assert "502" in run.err and "warning" in run.err
    else:
        assert run.code == 3
        (line,) = run.err.strip().splitlines()
        assert "502" in line and "Bad gateway" in line and "<" not in line


def test_stale_cache_used_with_warning(httpserver: HTTPServer, cache_dir: Path) -> None:
    serve_search(httpserver)
    assert oeis(httpserver, "1,2,6,20").code == 0
    # age every cached answer by two weeks, then make the server fail
    import sqlite3

    with sqlite3.connect(cache_dir / "oeis-cache.sqlite3") as db:
        db.execute("UPDATE answers SET stored_at = stored_at - 14 * 86400")
    httpserver.clear()
    httpserver.expect_request("/search").respond_with_data("down", status=503)
    run = oeis(httpserver, "1,2,6,20", "--json", "--timeout", "0.4")
    assert run.code == 0 and run.json()["source"] == "stale-cache"
    assert "warning" in run.err and "503" in run.err and "cached copy" in run.err


def test_paging_options(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,3", "fmt": "json", "start": "20"}
    ).respond_with_data(page_of(range(21, 31)))
    httpserver.expect_request(
        "/search", query_string={"q": "1,2,3", "fmt": "text", "start": "20"}
    ).respond_with_data("Search: seq:1,2,3\nShowing 21-30 of 57\n")
    run = oeis(httpserver, "1,2,3", "--start", "20", "--limit", "3", "--no-cache")
    assert run.code == 0, run.err
    assert run.out.count("\nA0") + run.out.startswith("A0") == 3
    assert "matches 21-23 of 57" in run.out


def test_offline_never_touches_the_network(httpserver: HTTPServer) -> None:
    run = oeis(httpserver, "1,2,6,20", "--offline", "--json")
    assert len(httpserver.log) == 0 and "Traceback" not in run.err
    if run.code == 0:
        assert run.json()["source"] in ("mirror", "catalogue")
    else:  # no local match: exit 1; no local data at all: exit 3 naming "offline"
        assert run.code == 1 or (run.code == 3 and "offline" in run.err), run.err
    run = oeis(httpserver, "1,2,6,20", NUMTHEORY_OFFLINE="1")
    assert len(httpserver.log) == 0 and "Traceback" not in run.err and run.code in (0, 1, 3)


@pytest.mark.parametrize(
    "args", [("-5,3,-1",), ("-5, 3, -1",), ("-5", "3", "-1"), ("--json", "-5,3,-1")]
)
def test_negative_first_term_is_not_an_option(
    httpserver: HTTPServer, args: tuple[str, ...]
) -> None:
    record = fake_record(4000, "2,-5,3,-1,8", "Constructed signed sequence.")
    httpserver.expect_request(
        "/search", query_string={"q": "signed:-5,3,-1", "fmt": "json", "start": "0"}
    ).respond_with_data(json.dumps([record]))
    run = oeis(httpserver, *args, "--no-cache")
    assert run.code == 0, run.err
    assert "A004000" in run.out and "usage" not in run.err


def test_negative_first_term_typo_names_the_bad_term(httpserver: HTTPServer) -> None:
    run = oeis(httpserver, "-5,x")
    assert run.code == 2 and "'x'" in run.err and "usage" not in run.err
    assert len(httpserver.log) == 0


def test_pipe_from_valuation(httpserver: HTTPServer) -> None:
    """`numtheory valuation central-binomial 1..8 --terms | numtheory oeis -`"""
    produced = run_cli("valuation", "central-binomial", "1..8", "--terms")
    assert produced.code == 0, produced.err
    record = fake_record(120, "0,1,1,2,1,2,2,3,1,2", "Binary weight of n.")
    httpserver.expect_request(
        "/search", query_string={"q": "1,1,2,1,2,2,3,1", "fmt": "json", "start": "0"}
    ).respond_with_data(json.dumps([record]))
    run = oeis(httpserver, "-", "--no-cache", stdin=produced.out)
    assert run.code == 0, run.err
    assert run.out.startswith("A000120  Binary weight of n.")


def test_start_past_the_end_exit_1(httpserver: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        if request.args["fmt"] == "json":  # start=50 clamped to the last page, 21-26
            return Response(page_of(range(21, 27)), mimetype="application/json")
        return Response("Search: seq:1,2,3\nShowing 21-26 of 26\n", mimetype="text/plain")

    httpserver.expect_request("/search").respond_with_handler(answer)
    run = oeis(httpserver, "1,2,3", "--start", "50", "--no-cache")
    assert run.code == 1 and run.out == "" and "no matches past the first 26" in run.err


def test_empty_bfile_exit_1(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A400999/b400999.txt").respond_with_data(
        "# A400999 (b-file synthesized from sequence entry)\n"
    )
    run = oeis(httpserver, "A400999", "--bfile")
    assert run.code == 1 and run.out == "" and "no terms" in run.err


def test_environment_is_isolated() -> None:
    assert os.environ["NUMTHEORY_OEIS_URL"] == "http://127.0.0.1:9"


def test_research_script_finds_a000120(httpserver: HTTPServer) -> None:
    """scripts/central_binomial_2adic.py end to end, against a constructed A000120 answer."""
    weights = ",".join(str(bin(n).count("1")) for n in range(105))
    record = fake_record(
        120, weights, "1's-counting sequence: number of 1's in binary expansion of n."
    )
    httpserver.expect_request("/search").respond_with_data(json.dumps([record]))
    script = Path(__file__).parents[2] / "scripts" / "central_binomial_2adic.py"
    env = dict(os.environ)
    env.update(
        NUMTHEORY_OEIS_URL=httpserver.url_for("/").rstrip("/"), NUMTHEORY_OEIS_MIN_INTERVAL="0"
    )
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "A000120 is match 1" in proc.stdout
    assert "C(30, 15) = 155117520 = 2^4 * 9694845: divisible by 16, not by 32  ok" in proc.stdout
    assert (
        "C(40, 20) = 137846528820 = 2^2 * 34461632205: divisible by 4, not by 8  ok" in proc.stdout
    )
    query = httpserver.log[0][0].args["q"]
    assert query.startswith("1,1,2,1,2,2,3,1,")
