"""`numtheory prime test`: --max-proof-digits as the library's max_proof_digits, and the
exactness bound read from the library (issue 11)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import numtheory.arith
from numtheory.cli import main
from numtheory.errors import InputError

# 2**89 - 1 is a Mersenne prime (M89, Powers 1911; OEIS A000043 lists the exponent 89), with
# 27 digits: above 2**64, so is_prime(proof=True) has to prove it.
M89 = 2**89 - 1
# 2**64 - 59 is the largest prime below 2**64 and 2**64 + 13 the smallest above (Caldwell,
# "Primes just less than a power of two", https://primes.utm.edu/lists/2small/0bit.html,
# and the table of primes just above, same site).
BELOW, ABOVE = 2**64 - 59, 2**64 + 13


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = _run(capsys, "--json", *argv)
    assert code == 0, err
    return json.loads(out)["results"]


def test_zero_refuses_every_proof_above_2_64_as_the_library_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the library: max_proof_digits=0 allows no proof of a probable prime above 2**64
    with pytest.raises(InputError, match="at most 0 digits"):
        numtheory.arith.is_prime(M89, proof=True, max_proof_digits=0)
    # the CLI said "0 = no limit" and proved it (exit 0); now it refuses, naming the size
    code, out, err = _run(capsys, "prime", "test", "2^89-1", "--proof", "--max-proof-digits", "0")
    assert (code, out) == (2, "")
    assert "at most 0 digits" in err and "27 digits" in err and "Traceback" not in err


def test_zero_still_answers_below_2_64_and_composites(capsys: pytest.CaptureFixture[str]) -> None:
    assert numtheory.arith.is_prime(BELOW, proof=True, max_proof_digits=0)
    code, out, _ = _run(capsys, "prime", "test", str(BELOW), "--proof", "--max-proof-digits", "0")
    assert (code, out) == (0, f"{BELOW}: prime\n")
    # a composite needs no proof (failing BPSW proves it): never refused
    code, out, _ = _run(capsys, "prime", "test", "2^89+1", "--proof", "--max-proof-digits", "0")
    assert (code, out) == (1, f"{M89 + 2}: composite\n")


def test_none_lifts_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    results = _json(capsys, "prime", "test", "2^89-1", "--proof", "--max-proof-digits", "none")
    assert results == [{"n": M89, "prime": True, "proven": True, "status": "prime"}]


@pytest.mark.parametrize("value", ["-1", "x", "1.5"])
def test_bad_limits_are_usage_errors_naming_the_value(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "prime", "test", "7", "--max-proof-digits", value)
    assert (code, out) == (2, "")
    assert "--max-proof-digits" in err and value in err


def test_the_exactness_bound_is_the_library_s(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert numtheory.arith.PRIME_EXACT_BELOW == 2**64
    results = _json(capsys, "prime", "test", str(BELOW), str(ABOVE))
    assert [(r["n"], r["proven"]) for r in results] == [(BELOW, True), (ABOVE, False)]
    # the command reads the bound from numtheory.arith (not its own 2**64): move it, and the
    # labels move with it
    monkeypatch.setattr(numtheory.arith, "PRIME_EXACT_BELOW", 2**32)
    results = _json(capsys, "prime", "test", str(BELOW))
    assert results[0]["proven"] is False and results[0]["status"] == "probable prime (BPSW)"
