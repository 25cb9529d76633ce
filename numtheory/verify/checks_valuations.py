"""Built-in checks of valuations: v2 of central binomials, Kummer's and Legendre's theorems.

Each computes the valuation a second way, independently of the library function it checks
(Legendre's sums, carries counted digit by digit, the exact binomial or factorial scanned
by gmpy2), and compares both with the claim. ``n <= exact_upto`` and ``n >= 2**63`` run one
Python pass per n (the ``_*_per_n`` helpers); in between, the numpy blocks of
:mod:`numtheory.verify._vector_checks`. The chunk functions are top-level so that workers
can run them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from numtheory.errors import InputError
from numtheory.verify._lib import lib
from numtheory.verify._ranges import (
    BLOCKWISE_MAX_CHUNK,
    LIBRARY_EVERY,
    check_library_every,
    split_paths,
)
from numtheory.verify.registry import Outcome, range_check
from numtheory.verify.result import ChunkResult

__all__: list[str] = []

OEIS_2765 = "https://kexue.fm/archives/2765"

#: v2(C(2n, n)) for n = 1..49, as printed in the article (https://kexue.fm/archives/2765).
ARTICLE_TERMS = (
    "1 1 2 1 2 2 3 1 2 2 3 2 3 3 4 1 2 2 3 2 3 3 4 2 3 3 4 3 4 4 5 "
    "1 2 2 3 2 3 3 4 2 3 3 4 3 4 4 5 2 3"
)


def _v_factorial(m: int, p: int) -> int:
    """Legendre's sum: the exponent of ``p`` in ``m!``, as sum of floor(m / p**i).

    >>> _v_factorial(10, 2), _v_factorial(100, 5)
    (8, 24)
    """
    total = 0
    m //= p
    while m:
        total += m
        m //= p
    return total


def _digit_sum(m: int, p: int) -> int:
    total = 0
    while m:
        m, r = divmod(m, p)
        total += r
    return total


def _carries(a: int, b: int, p: int) -> int:
    """Number of carries when adding ``a`` and ``b`` in base ``p``.

    >>> _carries(7, 1, 2)
    3
    """
    carry = count = 0
    while a or b or carry:
        a, da = divmod(a, p)
        b, db = divmod(b, p)
        carry = 1 if da + db + carry >= p else 0
        count += carry
    return count


def _primes_only(params: dict[str, Any]) -> None:
    """Validator: the ``primes`` parameter holds primes only (p = 1 would never terminate)."""
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    bad = [p for p in params["primes"] if p < 2 or not gmpy2.is_prime(p)]
    if bad or not params["primes"]:
        raise InputError(f"primes must be a non-empty list of primes, got {list(params['primes'])}")


def _valuation_params(params: dict[str, Any]) -> None:
    """Validator of ``legendre`` and ``kummer``: primes only, ``library_every >= 1``."""
    _primes_only(params)
    check_library_every(params)


def _central_binomial_facts(**params: Any) -> Outcome:
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    v2 = lib("central_binomial_valuation")
    c30, c40 = int(gmpy2.comb(30, 15)), int(gmpy2.comb(40, 20))
    facts = {
        "C(30,15) = 155117520": c30 == 155117520,
        "16 | C(30,15), 32 does not": c30 % 16 == 0 and c30 % 32 != 0 and v2(15) == 4,
        "C(40,20) = 137846528820": c40 == 137846528820,
        "4 | C(40,20), 8 does not": c40 % 4 == 0 and c40 % 8 != 0 and v2(20) == 2,
        "terms n = 1..49 as printed": [v2(n) for n in range(1, 50)]
        == [int(t) for t in ARTICLE_TERMS.split()],
        "v2 = 1 exactly at powers of two (n < 4096)": all(
            (v2(n) == 1) == (n & (n - 1) == 0) for n in range(1, 4096)
        ),
    }
    failed = [name for name, ok in facts.items() if not ok]
    text = "article facts hold (C(30,15) divisible by 16, C(40,20) only by 4, 49 printed terms)"
    return Outcome(
        not failed, text if not failed else f"article facts FAILED: {failed}", facts=facts
    )


@range_check(
    "central-binomial-2adic",
    claim="the 2-adic valuation of C(2n, n) equals popcount(n), the number of 1 bits of n",
    source=f"{OEIS_2765}; OEIS A000120; Kummer's theorem (carries of n + n in base 2)",
    start=1,
    upto=10**6,
    chunk_size=2**18,
    max_chunk=BLOCKWISE_MAX_CHUNK,
    params={"exact_upto": 2000, "library_every": LIBRARY_EVERY},
    facts=_central_binomial_facts,
    min_start=1,
    validate=check_library_every,
)
def central_binomial_2adic(
    lo: int, hi: int, exact_upto: int = 2000, library_every: int = LIBRARY_EVERY
) -> ChunkResult:
    """v2(C(2n,n)) for ``lo <= n < hi``, compared with popcount(n).

    ``n <= exact_upto`` and ``n >= 2**63``: one Python pass per n (:func:`_central_per_n`:
    Legendre's sums, the library, the exact binomial below ``exact_upto``). In between, numpy
    blocks: Legendre's sum against a SWAR popcount on every n, and
    ``numtheory.central_binomial_valuation`` on about one n in ``library_every`` (hashed, so
    the same n whatever the chunking; 1 for every n).
    """
    library = lib("central_binomial_valuation")
    result = ChunkResult(lo, hi)
    head, middle, tail = split_paths(lo, hi, exact_upto)
    _central_per_n(result, *head, exact_upto, library)
    if middle[0] < middle[1]:
        from numtheory.verify._vector_checks import central_binomial_block

        central_binomial_block(result, *middle, library_every, library)
    _central_per_n(result, *tail, exact_upto, library)
    return result


def _central_per_n(
    result: ChunkResult, lo: int, hi: int, exact_upto: int, library: Callable[..., Any]
) -> None:
    """v2(C(2n,n)) three ways, one n at a time: Legendre's sums, the library, and (for
    ``n <= exact_upto``) the exact binomial built with gmpy2 and scanned for its lowest 1 bit;
    each compared with ``bin(n).count("1")``."""
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    exact = None
    for n in range(lo, hi):
        pop = bin(n).count("1")
        legendre = _v_factorial(2 * n, 2) - 2 * _v_factorial(n, 2)
        got = library(n)
        ok = legendre == pop and got == pop
        evidence: dict[str, Any] = {"popcount": pop, "legendre": legendre, "library": got}
        if n <= exact_upto:
            if exact is None:
                exact = gmpy2.comb(2 * n, n)
            else:  # C(2n, n) = C(2n-2, n-1) * (2n)(2n-1) / n^2
                exact = exact * (2 * n) * (2 * n - 1) // (n * n)
            scanned = int(gmpy2.bit_scan1(exact))
            ok = ok and scanned == pop
            evidence["binomial_scan"] = scanned
        result.checked += 1
        if not ok:
            result.fail(n, **evidence)


@range_check(
    "kummer",
    claim="v_p(C(n, k)) is the number of carries when adding k and n - k in base p",
    source="E. Kummer, J. reine angew. Math. 44 (1852) 93-146; OEIS A007814 (p = 2)",
    start=0,
    upto=300,
    chunk_size=20,
    params={"primes": (2, 3, 5, 7), "exact_upto": 100, "library_every": LIBRARY_EVERY},
    min_start=0,
    validate=_valuation_params,
    cases=lambda lo, hi, primes, **_: len(primes) * (hi * (hi + 1) - lo * (lo + 1)) // 2,
)
def kummer(
    lo: int,
    hi: int,
    primes: tuple[int, ...] = (2, 3, 5, 7),
    exact_upto: int = 100,
    library_every: int = LIBRARY_EVERY,
) -> ChunkResult:
    """For ``lo <= n < hi``, every ``0 <= k <= n`` and each p: the carries of k + (n - k).

    ``n <= exact_upto`` (and ``n >= 2**63``): :func:`_kummer_per_n`, carries vs the exact
    exponent of p in ``gmpy2.comb(n, k)`` vs ``numtheory.binomial_valuation`` at every case.
    In between, numpy blocks of pairs: carries counted digit by digit against Legendre's
    v_p(n!) - v_p(k!) - v_p((n-k)!) on every case, and the library on about one pair in
    ``library_every`` (hashed on (n, k)).
    """
    library = lib("binomial_valuation")
    result = ChunkResult(lo, hi)
    head, middle, tail = split_paths(lo, hi, exact_upto)
    _kummer_per_n(result, *head, primes, library)
    if middle[0] < middle[1]:
        from numtheory.verify._vector_checks import kummer_block

        kummer_block(result, *middle, primes, library_every, library)
    _kummer_per_n(result, *tail, primes, library)
    return result


def _kummer_per_n(
    result: ChunkResult, lo: int, hi: int, primes: tuple[int, ...], library: Callable[..., Any]
) -> None:
    """Carries vs the exact exponent of p in ``gmpy2.comb(n, k)`` vs the library, per case."""
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    for n in range(lo, hi):
        for k in range(n + 1):
            c = gmpy2.comb(n, k)
            for p in primes:
                carries = _carries(k, n - k, p)
                exact = int(gmpy2.remove(c, p)[1])
                got = library(n, k, p)
                result.checked += 1
                if not carries == exact == got:
                    result.fail(n, k=k, p=p, carries=carries, exact=exact, library=got)


@range_check(
    "legendre",
    claim="v_p(n!) = sum_i floor(n / p^i) = (n - s_p(n)) / (p - 1), s_p the base-p digit sum",
    source="A.-M. Legendre, Essai sur la theorie des nombres (1808); DLMF 27.2",
    start=0,
    upto=20_000,
    chunk_size=2**16,
    max_chunk=BLOCKWISE_MAX_CHUNK,
    params={
        "primes": (2, 3, 5, 7, 11, 13, 17, 19, 23),
        "exact_upto": 300,
        "library_every": LIBRARY_EVERY,
    },
    min_start=0,
    validate=_valuation_params,
    cases=lambda lo, hi, primes, **_: len(primes) * (hi - lo),
)
def legendre(
    lo: int,
    hi: int,
    primes: tuple[int, ...] = (2, 3, 5, 7, 11, 13, 17, 19, 23),
    exact_upto: int = 300,
    library_every: int = LIBRARY_EVERY,
) -> ChunkResult:
    """v_p(n!) for ``lo <= n < hi`` and each p, one case per (n, p).

    ``n <= exact_upto`` (and ``n >= 2**63``): :func:`_legendre_per_n`, with the exponent of
    p in the exact ``gmpy2.fac(n)`` and ``numtheory.factorial_valuation`` at every case. In
    between, numpy blocks: Legendre's sum against the digit-sum formula on every case, and
    the library on about one case (n, p) in ``library_every`` (hashed on n and p's place).
    """
    library = lib("factorial_valuation")
    result = ChunkResult(lo, hi)
    head, middle, tail = split_paths(lo, hi, exact_upto)
    _legendre_per_n(result, *head, primes, exact_upto, library)
    if middle[0] < middle[1]:
        from numtheory.verify._vector_checks import legendre_block

        legendre_block(result, *middle, primes, library_every, library)
    _legendre_per_n(result, *tail, primes, exact_upto, library)
    return result


def _legendre_per_n(
    result: ChunkResult,
    lo: int,
    hi: int,
    primes: tuple[int, ...],
    exact_upto: int,
    library: Callable[..., Any],
) -> None:
    """Legendre's sum vs the digit-sum formula vs the library, and for ``n <= exact_upto`` the
    exponent of p in the exact ``gmpy2.fac(n)``, one case at a time."""
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    for n in range(lo, hi):
        fac = gmpy2.fac(n) if n <= exact_upto else None
        for p in primes:
            total = _v_factorial(n, p)
            digits, rem = divmod(n - _digit_sum(n, p), p - 1)
            got = library(n, p)
            ok = rem == 0 and total == digits == got
            if fac is not None:
                ok = ok and int(gmpy2.remove(fac, p)[1]) == total
            result.checked += 1
            if not ok:
                result.fail(n, p=p, legendre_sum=total, digit_formula=digits, library=got)
