"""The built-in checks compute their answer a second way: a planted bug in the library
function they check makes them fail, at the right place. And their parameters are validated."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import numtheory
from numtheory import verify
from numtheory.errors import InputError
from numtheory.verify import checks_factor
from numtheory.verify.checks_factor import _article_rho


def _off_at(func: Callable[..., Any], bad: Callable[..., bool]) -> Callable[..., Any]:
    def planted(*args: Any, **kwargs: Any) -> Any:
        value = func(*args, **kwargs)
        return value + 1 if bad(*args) else value

    return planted


# (check, library function, where it is wrong, run parameters, expected first counterexample)
PLANTED = [
    ("central-binomial-2adic", "central_binomial_valuation", lambda n, *a: n == 1234,
     {"upto": 3000}, 1234),
    ("kummer", "binomial_valuation", lambda n, k, p: (n, k, p) == (37, 11, 3),
     {"upto": 60}, 37),
    ("legendre", "factorial_valuation", lambda n, p: (n, p) == (777, 7),
     {"upto": 2000, "library_every": 1}, 777),
    # in the numpy range (n > exact_upto = 100), at a pair the default sample calls it on
    ("kummer", "binomial_valuation", lambda n, k, p: (n, k, p) == (137, 31, 5),
     {"upto": 150}, 137),
]  # fmt: skip


@pytest.mark.parametrize(("name", "func", "bad", "params", "first"), PLANTED)
def test_range_check_catches_a_planted_bug_at_any_chunking(
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    func: str,
    bad: Callable[..., bool],
    params: dict[str, Any],
    first: int,
) -> None:
    monkeypatch.setattr(numtheory, func, _off_at(getattr(numtheory, func), bad))
    seen = set()
    for size in (None, 1 + first // 3, first, first + 1):
        detail = verify.run(name, workers=1, chunk_size=size, params=params)[name].detail
        assert detail["first_counterexample"]["n"] == first
        seen.add((detail["failures"], detail["checked"]))
    assert len(seen) == 1 and next(iter(seen))[0] == 1  # same counts for every chunk size


def test_primality_catches_is_prime_and_primes_bugs_with_chunk_free_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_primes, real_is_prime = numtheory.primes, numtheory.is_prime

    def primes_without_7919(lo: int, hi: int) -> list[int]:
        return [p for p in real_primes(lo, hi) if p != 7919]

    monkeypatch.setattr(numtheory, "primes", primes_without_7919)
    monkeypatch.setattr(numtheory, "is_prime", lambda n: n == 9991 or real_is_prime(n))
    runs = [
        verify.run(
            "primality", params={"upto": 20_000, "library_every": 1}, workers=1, chunk_size=size
        )["primality"]
        for size in (None, 7919, 7920, 9991)
    ]
    for result in runs:
        assert not result.passed
        assert result.detail["failures"] == 2  # 7919 missing from primes(), 9991 = 97 * 103
        assert result.detail["first_counterexample"]["n"] == 7919
        assert result.detail["checked"] == 20_001


def test_exp_taylor_positive_catches_a_wrong_certificate(monkeypatch: pytest.MonkeyPatch) -> None:
    real = numtheory.certify_exp_taylor_positive
    monkeypatch.setattr(
        numtheory, "certify_exp_taylor_positive", lambda n: False if n == 12 else real(n)
    )
    detail = verify.run("exp-taylor-positive", params={"upto": 16}, workers=1)[
        "exp-taylor-positive"
    ].detail
    assert detail["failures"] == 1 and detail["first_counterexample"]["n"] == 12


def test_plain_checks_catch_planted_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    import mpmath

    real_gamma, real_mitchell = numtheory.gamma, numtheory.mitchell_multiply
    monkeypatch.setattr(
        numtheory, "gamma", lambda x, dps=15: real_gamma(x, dps=dps) * (1 + mpmath.mpf(10) ** -60)
    )
    monkeypatch.setattr(
        numtheory, "mitchell_multiply", lambda a, b: real_mitchell(a, b) * (1 + 2**-40)
    )
    report = verify.run(["gamma-identities", "mitchell"])
    assert not report["gamma-identities"].passed  # 1e-60 is far above the 1e-99 tolerance
    assert verify.run("gamma-identities", params={"dps": 50}).ok  # ...and within 1e-49
    mitchell = report["mitchell"]
    facts = mitchell.detail["facts"]
    assert (
        not mitchell.passed and facts["ratio to the true product in [8/9, 1] on the grid"] is False
    )


def test_mitchell_any_grid_size_passes() -> None:
    for grid in (1, 7, 48):
        result = verify.run("mitchell", params={"grid": grid})["mitchell"]
        assert result.passed, result.detail
    assert (
        "worst ratio on the grid is exactly 8/9"
        in verify.run("mitchell")["mitchell"].detail["facts"]
    )


def test_factor_article_rho_option(monkeypatch: pytest.MonkeyPatch) -> None:
    # The article's loop itself, on 8051 = 83 * 97 (by hand: gcd(3, n) = gcd(672, n) = 1,
    # then x = 26, y = 2839 and gcd(2813, 8051) = 97 at the third check).
    assert _article_rho(8051) == (97, 3)
    # The option's wiring, without the 15 s run on the article's number (its result,
    # (503115167373251, 19464911), was measured once: see the check's docstring).
    monkeypatch.setattr(checks_factor, "_article_rho", lambda n: (503115167373251, 19464911))
    good = verify.run("factor", params={"count": 2, "article_rho": True})["factor"]
    assert good.passed and good.detail["article_rho_checks"] == 19464911
    monkeypatch.setattr(checks_factor, "_article_rho", lambda n: (503115167373251, 19464912))
    assert not verify.run("factor", params={"count": 2, "article_rho": True})["factor"].passed


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("legendre", {"start": -5, "upto": 5}, "start must be >= 0, got -5"),
        ("central-binomial-2adic", {"start": 0, "upto": 5}, "start must be >= 1, got 0"),
        ("exp-taylor-positive", {"start": 0, "upto": 5}, "start must be >= 1"),
        ("kummer", {"primes": (1,)}, r"list of primes, got \[1\]"),
        ("legendre", {"primes": (2, 9)}, r"got \[2, 9\]"),
        ("legendre", {"primes": ()}, "non-empty"),
        ("mitchell", {"grid": 0}, "grid must be >= 1, got 0"),
        ("factor", {"bits": 0}, "bits >= 2"),
        ("exp-taylor-minima", {"n_max": 1}, "n_max must be >= 2, got 1"),
    ],
)
def test_bad_parameters_are_refused_before_running(
    name: str, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        verify.run(name, workers=1, params=params)


def test_primality_facts_stay_cheap_after_a_sweep_far_from_zero() -> None:
    # A sweep near 10**12 grows the cached base primes to all 78,498 primes below 10**6; the
    # facts' trial division then walked the whole list for every odd composite below 10**5
    # (minutes). In a fresh process, bounded by the subprocess timeout, not by a clock.
    code = (
        "from numtheory.verify.checks_primes import _base_primes, _primality_facts; "
        "assert len(_base_primes(10**6)) == 78498; "
        "outcome = _primality_facts(); print(outcome.passed, outcome.summary)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("True ")
