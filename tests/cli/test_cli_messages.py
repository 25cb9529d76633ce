"""What the CLI says: unknown fields left out, long numbers never cut, honest messages and
labels, JSON errors for every command. A local HTTP server, no internet; the CLI runs
in-process (:func:`tests.cli.helpers.invoke`), and two tests check a real process's stderr.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from numtheory import is_prime
from numtheory.cli._output import short_int
from numtheory.cli.cmd_oeis import _terms_line
from numtheory.oeis._catalogue import search as catalogue_search
from numtheory.oeis.mirror import build_mirror
from tests.cli.helpers import Run, invoke, run_cli
from tests.oeis.http_helpers import fake_record
from tests.oeis.test_mirror import make_dump

ELLIPSIS = "\u2026"


def oeis(server: HTTPServer, *args: str) -> Run:
    env = {
        "NUMTHEORY_OEIS_URL": server.url_for("/").rstrip("/"),
        "NUMTHEORY_OEIS_MIN_INTERVAL": "0",
    }
    return invoke("oeis", *args, env=env)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """The CLI in-process (much cheaper than a subprocess); the result as a :class:`Run`."""
    from numtheory.cli import main

    def run(*argv: str) -> Run:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def json_error(run: Run) -> dict[str, object]:
    """The JSON error document: the last line of stderr."""
    doc = json.loads(run.err.strip().splitlines()[-1])
    assert isinstance(doc, dict)
    return doc


# --- item 1: fields the dumps do not carry are unknown -------------------------------------


def test_entry_only_in_the_mirror_shows_no_invented_metadata(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")  # into this test's cache dir
    run = cli("oeis", "A200000", "--offline")
    assert run.code == 0, run.err
    assert run.out.startswith("A200000  Central binomials after a prefix.")
    assert "terms: 9, 9, 1, 2, 6, 20, 70" in run.out
    for invented in ("offset:", "keywords:", "references:", "0 printed"):
        assert invented not in run.out
    assert "offset and keywords unknown" in run.out
    doc = cli("oeis", "A200000", "--offline", "--json", "--full").json()
    assert doc["offset"] is None and doc["keywords"] is None
    assert doc["reference_lines"] is None and doc["reference_count"] is None
    # a mirror entry the catalogue knows keeps the catalogue's offset
    fib = cli("oeis", "A000045", "--offline")
    assert fib.code == 0 and "offset: 0" in fib.out.splitlines()


# --- item 2: long terms are never cut inside a number --------------------------------------


def _check_terms_line(line: str, terms: tuple[int, ...]) -> None:
    """Every piece of the line is a whole term or a visibly elided one, in order."""
    pieces = line.split(", ")
    if pieces[-1] == "...":
        pieces.pop()
        assert len(pieces) < len(terms)
    else:
        assert len(pieces) == len(terms)
    for piece, term in zip(pieces, terms[: len(pieces)], strict=True):
        text = str(term)
        if piece == text:
            continue
        match = re.fullmatch(r"(-?)(\d+)\u2026\((\d+) digits\)\u2026(\d+)", piece)
        assert match, f"{piece!r} is neither {term} whole nor visibly elided"
        sign, head, digits, tail = match.groups()
        body = text.lstrip("-")
        assert sign == ("-" if term < 0 else "") and int(digits) == len(body)
        assert body.startswith(head) and body.endswith(tail)


@pytest.mark.parametrize("digits", [1, 20, 40, 41, 90, 96, 97, 98, 121, 250, 1000])
def test_terms_line_never_cuts_a_number(digits: int) -> None:
    first = int("7" + "1234567890" * (digits // 10 + 1))  # distinct digits at the ends
    first = int(str(first)[:digits])
    for terms in ((first, 2, 3), (-first, 10**50 + 1, 5), (1, 2, first, 4) * 5):
        line = _terms_line(terms)
        assert len(line) <= 100
        _check_terms_line(line, terms)


def test_short_int_keeps_short_numbers_whole() -> None:
    assert short_int(10**39) == str(10**39)  # 40 digits: whole
    n = 3**500
    text = str(n)
    assert short_int(n) == f"{text[:10]}{ELLIPSIS}({len(text)} digits){ELLIPSIS}{text[-10:]}"


def test_search_output_with_a_121_digit_first_term(httpserver: HTTPServer) -> None:
    first = 2**400 + 12345  # 121 digits
    assert len(str(first)) == 121
    data = f"{first},1,2,6,20,70"
    httpserver.expect_request("/search").respond_with_data(
        json.dumps([fake_record(4001, data, "Constructed long first term.")])
    )
    run = oeis(httpserver, "1,2,6,20,70", "--no-cache")
    assert run.code == 0, run.err
    line = run.out.splitlines()[1].strip()
    assert f"{ELLIPSIS}(121 digits){ELLIPSIS}" in line
    _check_terms_line(line, (first, 1, 2, 6, 20, 70))
    full = oeis(httpserver, "1,2,6,20,70", "--json").json()  # JSON has the number whole
    assert full["results"][0]["terms"][0] == first


# --- item 4: reference_lines / reference_count ---------------------------------------------


def test_json_full_reference_fields(httpserver: HTTPServer) -> None:
    record = fake_record(984, "1,2,6,20,70", "Central binomial coefficients.")
    record["reference"] = ["R. P. Stanley, Enumerative Combinatorics.", "A second book."]
    record["references"] = 1000  # the OEIS's integer: entries that mention this one
    httpserver.expect_request("/A000984", query_string={"fmt": "json"}).respond_with_data(
        json.dumps(record)
    )
    doc = oeis(httpserver, "A000984", "--json", "--full").json()
    assert doc["reference_lines"] == record["reference"]
    assert doc["reference_count"] == 1000 and "references" not in doc
    text = oeis(httpserver, "A000984", "--full")
    assert "references: 2 printed, 1000 OEIS entries mention it" in text.out


# --- item 5: messages ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["A999999999", "A1234567", "A0", "a0000000"])
def test_bad_anumber_is_named_as_such(bad: str, cli: Callable[..., Run]) -> None:
    run = cli("oeis", bad, "--offline")
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err
    assert f"not a valid A-number: {bad!r}" in run.err and "A000001 to A999999" in run.err
    assert "integer term" not in run.err


def test_offline_no_match_names_the_catalogue_without_contradiction() -> None:
    run = run_cli("oeis", "1,-1,2,999999", "--offline")  # a real process: the whole stderr
    assert run.code == 1 and run.out == ""
    assert "answered from" not in run.err  # nothing was answered
    assert "signed:" not in run.err  # the user's terms, not the query syntax
    assert "no match for 1, -1, 2, 999999 in the local catalogue" in run.err
    assert "numtheory mirror sync" in run.err


def test_too_many_results_shows_the_users_terms(httpserver: HTTPServer) -> None:
    from werkzeug import Request, Response

    def answer(request: Request) -> Response:
        if request.args["fmt"] == "json":
            return Response("null", mimetype="application/json")
        return Response("Search: signed:1,-1\nToo many results.\n", mimetype="text/plain")

    httpserver.expect_request("/search").respond_with_handler(answer)
    run = oeis(httpserver, "1,-1", "--no-cache")
    assert run.code == 1 and "too many results, give more terms" in run.err
    assert "signed:" not in run.err and "1, -1" in run.err
    assert httpserver.log[0][0].args["q"] == "signed:1,-1"  # still sent as a signed search


def test_local_start_reaches_past_110(cli: Callable[..., Run]) -> None:
    everything = [s.id for s in catalogue_search([1])]
    assert len(everything) > 125
    run = cli("oeis", "1", "--offline", "--start", "115", "--limit", "5", "--json")
    assert run.code == 0, run.err
    doc = run.json()
    assert [r["id"] for r in doc["results"]] == everything[115:120]
    assert doc["start"] == 115 and doc["total"] == len(everything)
    text = cli("oeis", "1", "--offline", "--start", "115", "--limit", "5")
    assert f"matches 116-120 of {len(everything)} (more: --start 120)" in text.out
    online = cli("oeis", "1", "--start", "115")  # the OEIS itself stops at 100
    assert online.code == 2 and "0..100" in online.err and "--offline" in online.err


@pytest.mark.parametrize(
    "args",
    [
        ("oeis", "A999999999"),
        ("oeis", "1,2", "--limit", "0"),
        ("oeis", "1,2", "--limit", "x"),  # an argparse usage error
        ("factor", "x"),
        ("prime", "test", "x"),
        ("prime", "range", "5"),
        ("prime", "range", "9", "3"),
        ("valuation", "0"),
        ("valuation", "5", "4"),
        ("mirror", "sync", "--from", "/nonexistent/folder"),
        ("verify", "no-such-check"),
    ],
)
@pytest.mark.parametrize("where", ["before", "after"])
def test_json_errors_are_json_on_stderr(
    args: tuple[str, ...],
    where: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In-process (every command, --json before and after it); one real process below."""
    from numtheory.cli import main

    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    argv = ["--json", *args] if where == "before" else [*args, "--json"]
    code = main(argv)
    out, err = capsys.readouterr()
    run = Run(code, out, err)
    assert run.code in (1, 2, 3), run.err
    assert run.out == "" and "Traceback" not in run.err
    doc = json_error(run)
    assert set(doc) == {"error", "exit_code"} and doc["exit_code"] == run.code
    assert isinstance(doc["error"], str) and doc["error"]
    assert "usage:" not in run.err


def test_json_error_in_a_real_process() -> None:
    run = run_cli("oeis", "1,2,6,20", "--json", "--start", "-1")
    assert run.code == 2 and run.out == ""
    # a negative start is wrong everywhere: no hint that --offline would page further
    assert json_error(run) == {
        "error": "--start must be 0 or more (matches to skip), got -1",
        "exit_code": 2,
    }
    offline = invoke("oeis", "1,2,6,20", "--json", "--offline", "--start", "-1")
    assert (offline.code, offline.out) == (2, "") and json_error(offline) == json_error(run)


def test_text_errors_stay_text(cli: Callable[..., Run]) -> None:
    run = cli("factor", "x")
    assert run.code == 2 and run.err.startswith("usage: numtheory factor")
    assert "numtheory factor: error: argument N: 'x' is not an integer" in run.err


def test_factor_json_labels_zero_and_units_honestly(cli: Callable[..., Run]) -> None:
    values = [0, 1, -1, -7, 7, -12, 360, 2**61 - 1]
    run = cli("factor", *map(str, values), "--json")
    assert run.code == 0, run.err
    results = run.json()["results"]
    kinds = {r["n"]: r["kind"] for r in results}
    assert kinds[0] == "zero" and kinds[1] == kinds[-1] == "unit"
    assert kinds[7] == kinds[-7] == kinds[2**61 - 1] == "prime"
    assert kinds[-12] == kinds[360] == "composite"
    for result in results:
        n = result["n"]
        for factor in result["factors"]:  # every listed "prime" is one
            assert factor["prime"] > 1 and is_prime(factor["prime"]), result
        if n == 0:
            assert result["factors"] == [] and result["unit"] is None
            continue
        product = result["unit"]
        for factor in result["factors"]:
            product *= factor["prime"] ** factor["exponent"]
        assert product == n, result


def test_empty_prime_range_says_so(cli: Callable[..., Run]) -> None:
    assert not any(is_prime(n) for n in range(24, 29))  # cross-check: no prime in [24, 29)
    run = cli("prime", "range", "24", "29")
    assert run.code == 1 and run.out == ""
    assert "no prime p with 24 <= p < 29" in run.err and "not included" in run.err
    assert cli("prime", "range", "24", "30").out == "29\n"
    counted = cli("prime", "range", "24", "29", "--count")
    assert counted.code == 1 and counted.out == "0\n"


def test_prime_help_describes_every_argument(capsys: pytest.CaptureFixture[str]) -> None:
    from numtheory.cli import main

    assert main(["prime", "--help"]) == 0
    assert re.search(r"ACTION\s+test, next, prev or range", capsys.readouterr().out)
    for action, names in (("test", ["N"]), ("next", ["N"]), ("prev", ["N"]), ("range", ["A", "B"])):
        assert main(["prime", action, "--help"]) == 0
        out = capsys.readouterr().out
        positional = out.split("positional arguments:")[1].split("options:")[0]
        for name in names:  # each positional has a line with its help text after the name
            assert re.search(rf"^\s+{name}\s+\S", positional, re.MULTILINE), (action, out)
        description = out.split("\n\n")[1]
        assert not description.startswith("positional"), out  # a description is there
