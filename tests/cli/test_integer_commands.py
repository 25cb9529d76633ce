"""`numtheory valuation`, `numtheory prime`, `numtheory factor`: text, JSON, exit codes."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from numtheory.cli import main
from tests.cli.helpers import invoke


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = cli(capsys, "--json", *argv)
    assert err == ""
    return code, json.loads(out)


# --- valuation ----------------------------------------------------------------------------


def test_valuation_single_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "valuation", "360", "2") == (0, "3\n", "")
    assert cli(capsys, "valuation", "360") == (0, "3\n", "")  # p defaults to 2
    assert cli(capsys, "valuation", "360", "-p", "3") == (0, "2\n", "")
    assert cli(capsys, "valuation", "-250", "5") == (0, "3\n", "")
    assert cli(capsys, "valuation", "central-binomial", "15") == (0, "4\n", "")
    assert cli(capsys, "valuation", "central-binomial", "20") == (0, "2\n", "")
    assert cli(capsys, "valuation", "binomial", "30", "15") == (0, "4\n", "")
    assert cli(capsys, "valuation", "factorial", "100", "--p", "5") == (0, "24\n", "")
    code, out, _ = cli(capsys, "valuation", "factorial", "10**100", "-p", "5")
    assert code == 0 and int(out) == sum(10**100 // 5**i for i in range(1, 144))


def test_seed_article_table_is_one_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "valuation", "central-binomial", "1..99", "--terms")
    assert (code, err) == (0, "")
    assert out == ", ".join(str(bin(n).count("1")) for n in range(1, 100)) + "\n"  # A000120
    assert out.startswith("1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 1")


def test_valuation_range_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "valuation", "central-binomial", "14..16")
    assert code == 0
    assert out.splitlines() == [" n  v_2(C(2n, n))", "14              3", "15              4",
                                "16              1"]  # fmt: skip
    code, out, _ = cli(capsys, "valuation", "binomial", "4", "0..9", "--terms")
    assert (code, out) == (0, "0, 2, 1, 2, 0\n")  # k > n skipped in a range


def test_valuation_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = cli_json(capsys, "valuation", "central-binomial", "1..3", "-p", "3")
    assert code == 0
    assert data == {
        "form": "central-binomial",
        "p": 3,
        "expression": "v_3(C(2n, n))",
        "results": [{"n": 1, "valuation": 0}, {"n": 2, "valuation": 1}, {"n": 3, "valuation": 0}],
        "terms": [0, 1, 0],
    }
    code, data = cli_json(capsys, "valuation", "binomial", "40", "20")
    assert data["results"] == [{"n": 40, "k": 20, "valuation": 2}]
    code, data = cli_json(capsys, "valuation", "factorial", "10**30", "-p", "2")
    assert isinstance(data["terms"][0], int) and data["terms"][0] > 2**64  # a JSON integer


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["valuation", "0", "2"], "valuation() needs n != 0, got 0"),
        (["valuation", "12", "4"], "needs p to be prime, got 4"),
        (["valuation", "central-binomial", "5", "-p", "1"], "needs p to be prime, got 1"),
        (["valuation", "binomial", "3", "5"], "0 <= k <= n, got n=3, k=5"),
        (["valuation", "factorial", "-1"], "needs n >= 0, got -1"),
        (["valuation", "factorail", "3"], "unknown valuation form 'factorail'"),
        (["valuation", "binomial", "3"], "valuation binomial takes N K"),
        (["valuation", "1", "2", "3"], "valuation takes N [P]"),
        (["valuation", "12", "x"], "'x' is not an integer"),
        (["valuation", "central-binomial", "9..1"], "empty range"),
        (["valuation", "central-binomial", "1..10**7"], "at most 1000000"),
        (["valuation", "12", "3", "-p", "5"], "two different primes"),
    ],
)
def test_valuation_bad_input(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("numtheory: error: ") and message in err
    assert "Traceback" not in err


# --- prime --------------------------------------------------------------------------------


def test_prime_test(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "prime", "test", "97") == (0, "97: prime\n", "")
    code, out, _ = cli(capsys, "prime", "test", "97", "561", "1")
    assert code == 1  # not all prime
    assert out.splitlines() == ["97: prime", "561: composite", "1: not prime"]
    code, out, _ = cli(capsys, "prime", "test", "2^127-1")
    assert out == "170141183460469231731687303715884105727: probable prime (BPSW)\n"
    code, out, _ = cli(capsys, "prime", "test", "2^127-1", "--proof")
    assert (code, out) == (0, "170141183460469231731687303715884105727: prime\n")
    code, out, _ = cli(capsys, "prime", "test", "10**100+267")
    assert (
        out == "10000000000000000000...00000000000000000267 (101 digits): probable prime (BPSW)\n"
    )


def test_prime_test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = cli_json(capsys, "prime", "test", "7", "2^89-1", "91")
    assert code == 1
    assert data == {
        "results": [
            {"n": 7, "prime": True, "proven": True, "status": "prime"},
            {"n": 2**89 - 1, "prime": True, "proven": False, "status": "probable prime (BPSW)"},
            {"n": 91, "prime": False, "proven": True, "status": "composite"},
        ]
    }


def test_prime_test_proof_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "prime", "test", "2^521-1", "--proof", "--max-proof-digits", "50")
    assert code == 2 and out == ""
    assert "at most 50 digits" in err and "157 digits" in err


def test_prime_next_prev(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "prime", "next", "10**20", "1") == (0, "100000000000000000039\n2\n", "")
    assert cli(capsys, "prime", "prev", "100") == (0, "97\n", "")
    code, data = cli_json(capsys, "prime", "prev", "2^64")
    assert data == {"results": [{"n": 2**64, "prime": 2**64 - 59}]}
    code, _out, err = cli(capsys, "prime", "prev", "2")
    assert code == 2 and "prev_prime() needs n > 2" in err


def test_prime_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "prime", "range", "10", "30") == (0, "11\n13\n17\n19\n23\n29\n", "")
    assert cli(capsys, "prime", "range", "0", "10**6", "--count") == (0, "78498\n", "")
    assert cli(capsys, "prime", "range", "24", "29")[0] == 1  # no prime: exit 1
    _code, data = cli_json(capsys, "prime", "range", "10**12", "10**12+100")
    assert data == {
        "start": 10**12,
        "stop": 10**12 + 100,
        "count": 4,
        "primes": [1000000000039, 1000000000061, 1000000000063, 1000000000091],
    }
    _code, data = cli_json(capsys, "prime", "range", "1", "100", "--count")
    assert data == {"start": 1, "stop": 100, "count": 25}


# --- factor -------------------------------------------------------------------------------


def test_factor(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "factor", "360", "-12", "0", "1", "63281217910257742583918406571")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "360 = 2^3 * 3^2 * 5",
        "-12 = -1 * 2^2 * 3",
        "0 = 0",
        "1 = 1",
        "63281217910257742583918406571 = 125778791843321 * 503115167373251",
    ]


def test_factor_json(capsys: pytest.CaptureFixture[str]) -> None:
    _code, data = cli_json(capsys, "factor", "2^64+1", "-4")
    assert data == {
        "results": [
            {
                "n": 2**64 + 1,
                "kind": "composite",
                "unit": 1,
                "factors": [
                    {"prime": 274177, "exponent": 1},
                    {"prime": 67280421310721, "exponent": 1},
                ],
            },
            # -1 is the unit (the sign), not a prime factor
            {"n": -4, "kind": "composite", "unit": -1, "factors": [{"prime": 2, "exponent": 2}]},
        ]
    }


def test_factor_bad_input_names_the_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "factor", "12", "twelve")
    assert code == 2 and out == ""
    assert "'twelve' is not an integer" in err


def test_pipe_into_oeis_reader_format() -> None:
    # what `numtheory oeis -` reads: terms separated by commas/spaces (the real pipe between
    # two processes is tests/cli/test_oeis_cli.py::test_pipe_from_valuation)
    run = invoke("valuation", "central-binomial", "1..12", "--terms")
    assert run.code == 0 and run.err == ""
    from numtheory.cli._args import parse_int_list

    assert parse_int_list(run.out) == [1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2]


def test_prime_range_backwards_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "prime", "range", "5", "1")
    assert (code, out) == (2, "")
    assert "A <= B" in err and "A=5, B=1" in err and "Traceback" not in err
    assert cli(capsys, "prime", "range", "5", "5")[0] == 1  # empty window: nothing found


def test_million_digit_results_are_fast_json_integers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # CPython 3.11's int <-> str is quadratic (about 12 s for a million digits); the CLI
    # writes big integers through GMP, in text and in JSON (still as JSON integers).
    # Asserted on behaviour, not on the clock (a `< 6.0` s bound flaked under load at 9.8 s):
    # Python's own int <-> str limit stays at 5000 digits during the runs (main() would lift
    # it), so any str()/repr()/int(text) of a big number on the way raises and fails the run.
    import gmpy2

    if not hasattr(sys, "set_int_max_str_digits"):
        pytest.skip("this Python has no int <-> str digit limit")
    lift = sys.set_int_max_str_digits
    monkeypatch.setattr(sys, "set_int_max_str_digits", lambda maxdigits: None)
    previous = sys.get_int_max_str_digits()
    lift(5000)

    def loads(text: str) -> Any:  # json.loads, with GMP reading the integers back
        return json.loads(text, parse_int=lambda digits: int(gmpy2.mpz(digits)))

    try:
        code, out, err = cli(capsys, "--json", "prime", "test", "2*10**999999")
        assert (code, err) == (1, "")
        assert loads(out) == {
            "results": [
                {"n": 2 * 10**999_999, "prime": False, "proven": True, "status": "composite"}
            ]
        }
        code, out, err = cli(capsys, "--json", "factor", "2**3321929")
        assert loads(out) == {
            "results": [
                {
                    "n": 2**3321929,
                    "kind": "composite",
                    "unit": 1,
                    "factors": [{"prime": 2, "exponent": 3321929}],
                }
            ]
        }
        code, out, err = cli(capsys, "factor", "3**2000000")
        assert (code, err) == (0, "")
        assert out == str(gmpy2.mpz(3) ** 2_000_000) + " = 3^2000000\n"
    finally:
        lift(previous)


def test_json_writer_keeps_big_integers_exact() -> None:
    from numtheory.cli._output import dumps

    data = {"a": [1, 2**20_000, {"b": -(3**30_000), "c": "x\x00y"}], "n": 10**5000}
    assert json.loads(dumps(data)) == data
    assert dumps({"a": [1, "x"]}) == json.dumps({"a": [1, "x"]}, indent=2)


def test_valuation_range_past_sys_maxsize_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    # len(range(1, 10**100 + 1)) raises OverflowError: that was an internal error (exit 4)
    for argv in (
        ("valuation", "central-binomial", "1..10**100"),
        ("valuation", "binomial", "10**100", "0..10**100"),
    ):
        code, out, err = cli(capsys, *argv)
        assert (code, out) == (2, ""), err
        assert "at most 1000000 per call" in err and "Traceback" not in err


def test_prime_range_streams_so_head_answers_at_once() -> None:
    # `numtheory prime range 0 10**12 | head -1`: the primes used to be collected in a list
    # first (37.6 billion of them); now the first line comes at once and the broken pipe
    # ends the process quietly with exit 0
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "numtheory", "prime", "range", "0", "10**12"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    try:
        code = proc.wait(timeout=60)
    finally:
        proc.kill()
    assert first == b"2\n"
    assert code == 0
    assert proc.stderr.read() == b""
