"""``numtheory guess``: text, JSON, stdin, exit codes (in-process, one real process)."""

from __future__ import annotations

import io
import json

import pytest

from numtheory.cli import main
from tests.cli.helpers import run_cli

CATALAN = "1,1,2,5,14,42,132,429,1430,4862,16796"


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guess", CATALAN]) == 0
    out = capsys.readouterr().out
    assert "hypergeometric (order 1, degree 1), a conjecture" in out
    assert "(n + 2)*a(n+1) - (4*n + 2)*a(n) = 0 for n >= 0" in out
    assert "x*f^2 - f + 1 = 0" in out
    assert "next terms: 58786, 208012, 742900, 2674440, 9694845" in out
    assert "conjecture: fitted on 4 terms, confirmed by 7 more" in out


def test_json_output_is_exact(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guess", "0 1 3 6 10 15 21 28 36 45", "--json", "--next", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["guesses"][0]
    assert first["kind"] == "polynomial"
    assert first["coefficients"] == [0, "1/2", "1/2"]
    assert first["next"] == [55, 66]
    assert first["conjecture"] is True
    assert data["count"] == 10


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("# Fibonacci\n0 1 1 2 3 5 8\n13 21 34 55 89\n"))
    assert main(["guess", "-", "--kinds", "c-finite"]) == 0
    assert "a(n+2) - a(n+1) - a(n) = 0" in capsys.readouterr().out


def test_nothing_fits_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guess", "3,1,4,1,5,9,2,6,5,3,5,8,9,7,9,3,2,3,8,4"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no guess fits the 20 terms" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1,2,x,4"], "'x' is not an integer term"),
        (["1,2,3"], "not enough terms to tell: 3 given"),
        ([CATALAN, "--max-order", "0"], "--max-order must be between 1 and 10,000, got 0"),
        ([CATALAN, "--max-order", "10**9"], "got 1000000000"),
        ([CATALAN, "--kinds", "rational"], "unknown kind 'rational'"),
        ([CATALAN, "--min-confirm", "0"], "--min-confirm must be at least 1"),
    ],
)
def test_bad_input_is_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guess", *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_real_process_reads_a_pipe() -> None:
    run = run_cli("guess", "-", "--json", stdin="1 3 9 27 81 243 729 2187 6561 19683 59049")
    assert run.code == 0
    assert run.json()["guesses"][0]["coefficients"] == [[-3], [1]]


def test_oeis_no_match_points_at_guess(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["oeis", "1,-1,2,999999", "--offline"]) == 1
    assert "`numtheory guess TERMS` may find a recurrence" in capsys.readouterr().err


def test_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    # DESCRIPTION promises {"count", "offset", "spare", "guesses"}; "spare" was missing
    assert main(["guess", CATALAN, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["count", "offset", "spare", "guesses"]
    assert data["spare"] == 6  # 10 distinct values: 10^6 >= 10^6
    assert main(["guess", CATALAN, "--json", "--min-confirm", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["spare"] == 3
