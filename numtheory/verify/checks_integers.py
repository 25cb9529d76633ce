"""Built-in checks on integers: 2-adic valuations of binomials, Kummer, Legendre, primes, factors.

Every check computes its answer a second way, independently of the library function it
checks (exact binomials scanned bit by bit, Legendre's sums, a segmented sieve...), and
compares both with the claim. The chunk functions are top-level so that workers can run them.
"""

from __future__ import annotations

import itertools
import math
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
from numtheory.verify.registry import Outcome, check, range_check
from numtheory.verify.result import ChunkResult

__all__: list[str] = []

OEIS_2765 = "https://kexue.fm/archives/2765"
GMPY_3026 = "https://kexue.fm/archives/3026"

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


_BASE_PRIMES: list[int] = []


def _base_primes(limit: int) -> list[int]:
    """Primes up to ``limit`` by a plain sieve (cached per process, grown when needed)."""
    global _BASE_PRIMES
    if not _BASE_PRIMES or _BASE_PRIMES[-1] < limit:
        size = max(limit, 1000) + 1
        sieve = bytearray([1]) * size
        sieve[0:2] = b"\x00\x00"
        for i in range(2, math.isqrt(size - 1) + 1):
            if sieve[i]:
                sieve[i * i :: i] = bytes(len(range(i * i, size, i)))
        _BASE_PRIMES = list(itertools.compress(range(size), sieve))
    return _BASE_PRIMES


def segmented_sieve(lo: int, hi: int) -> bytearray:
    """``flags[i] == 1`` exactly when ``lo + i`` is prime, for ``lo <= lo + i < hi``.

    >>> [17 + i for i, f in enumerate(segmented_sieve(17, 30)) if f]
    [17, 19, 23, 29]
    """
    flags = bytearray([1]) * (hi - lo)
    for n in range(lo, min(hi, 2)):
        flags[n - lo] = 0
    span = hi - lo
    for p in _base_primes(math.isqrt(max(hi - 1, 1))):
        if p * p >= hi:
            break
        first = max(p * p, lo + (-lo % p))
        if first >= hi:
            continue
        if p >= span:  # at most one multiple in the window
            flags[first - lo] = 0
        else:
            flags[first - lo :: p] = bytes(len(range(first, hi, p)))
    return flags


#: OEIS A001262, strong pseudoprimes to base 2, below 10**5.
SPSP2 = (2047, 3277, 4033, 4681, 8321, 15841, 29341, 42799, 49141, 52633, 65281, 74665,
         80581, 85489, 88357, 90751)  # fmt: skip
#: OEIS A002997, Carmichael numbers, below 10**5.
CARMICHAEL = (561, 1105, 1729, 2465, 2821, 6601, 8911, 10585, 15841, 29341, 41041, 46657,
              52633, 62745, 63973, 75361)  # fmt: skip
#: Strong pseudoprimes to all prime bases up to the given bound, with their factors
#: (Jaeschke 1993; Arnault 1995).
BIG_SPSP = (
    (3825123056546413051, 23, (149491, 747451, 34233211)),
    (318665857834031151167461, 37, (399165290221, 798330580441)),
    (3317044064679887385961981, 41, (1287836182261, 2575672364521)),
)


def _strong_probable_prime(n: int, base: int) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    x = pow(base, d, n)
    if x in (1, n - 1):
        return True
    for _ in range(s - 1):
        x = x * x % n
        if x == n - 1:
            return True
    return False


def _primality_facts(**params: Any) -> Outcome:
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    is_prime = lib("is_prime")
    limit = 10**5
    flags = segmented_sieve(0, limit)
    spsp = [n for n in range(3, limit, 2) if not flags[n] and _strong_probable_prime(n, 2)]
    carmichael = []
    for n in range(3, limit, 2):
        if flags[n]:
            continue
        factors, m = [], n
        # The cache may hold far more primes than isqrt(n) (after a sweep near 10**12):
        # stop at sqrt(m), or this loop costs 78,000 divisions per n instead of ~60.
        for p in _base_primes(math.isqrt(n)):
            if p * p > m:
                break
            while m % p == 0:
                factors.append(p)
                m //= p
        if m > 1:
            factors.append(m)
        squarefree = len(set(factors)) == len(factors)
        if len(factors) > 1 and squarefree and all((n - 1) % (p - 1) == 0 for p in factors):
            carmichael.append(n)
    big_ok = all(
        math.prod(factors) == n
        and all(gmpy2.is_bpsw_prp(f) for f in factors)  # < 2^64: BPSW is a proof
        and all(_strong_probable_prime(n, b) for b in _base_primes(bound) if b <= bound)
        for n, bound, factors in BIG_SPSP
    )
    rejected = [n for n in (*SPSP2, *CARMICHAEL, *(b[0] for b in BIG_SPSP)) if is_prime(n)]
    facts = {
        "A001262 below 10^5 recomputed": tuple(spsp) == SPSP2,
        "A002997 below 10^5 recomputed (Korselt)": tuple(carmichael) == CARMICHAEL,
        "big strong pseudoprimes factor and pass the strong test": big_ok,
        "every pseudoprime rejected by is_prime": not rejected,
        "1257787 prime (the gmpy2 article)": is_prime(1257787),
        "2^127 - 1 prime, 2^67 - 1 = 193707721 * 761838257287 composite": is_prime(2**127 - 1)
        and not is_prime(2**67 - 1)
        and 193707721 * 761838257287 == 2**67 - 1,
    }
    failed = [name for name, ok in facts.items() if not ok]
    count = len(SPSP2) + len(CARMICHAEL) + len(BIG_SPSP)
    text = f"{count} pseudoprimes (A001262, A002997, Jaeschke/Arnault) rejected"
    if failed:
        text = f"pseudoprime facts FAILED: {failed}"
    return Outcome(not failed, text, facts=facts, accepted_pseudoprimes=rejected)


@range_check(
    "primality",
    claim="primes(lo, hi) agrees with a segmented sieve of Eratosthenes at every n, is_prime "
    "on a hashed sample of one n in library_every (every n with library_every=1), and "
    "is_prime rejects the known pseudoprimes",
    source="OEIS A000040, A001262, A002997; Jaeschke, Math. Comp. 61 (1993); GMP/BPSW",
    start=0,
    upto=10**6,
    chunk_size=2**20,  # near 10**15 a chunk costs ~20 ms whatever its size (the base primes)
    params={"library_every": LIBRARY_EVERY},
    facts=_primality_facts,
    min_start=0,
    validate=check_library_every,
)
def primality(lo: int, hi: int, library_every: int = LIBRARY_EVERY) -> ChunkResult:
    """Every n of ``[lo, hi)`` against a sieve, one case per n (counts do not depend on the
    chunking).

    Up to ``SIEVE_LIMIT`` (10**16): the numpy sieve of :mod:`numtheory.verify._sieve`, whose
    composites carry a factor checked by division and whose primes pass a strong base-2
    test, against the whole list ``primes(lo, hi)`` and ``is_prime`` on about one n in
    ``library_every`` (hashed). Beyond: :func:`_primality_per_n`, ``is_prime`` at every n.
    """
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    from numtheory.verify._sieve import SIEVE_LIMIT, primality_block

    is_prime = lib("is_prime")
    primes = lib("primes")
    result = ChunkResult(lo, hi)
    cut = max(lo, min(hi, SIEVE_LIMIT))
    if lo < cut:
        listed = primes(lo, cut)
        primality_block(result, lo, cut, library_every, is_prime, listed, gmpy2.is_strong_prp)
    _primality_per_n(result, cut, hi, is_prime, primes)
    return result


def _primality_per_n(
    result: ChunkResult,
    lo: int,
    hi: int,
    is_prime: Callable[[int], Any],
    primes: Callable[[int, int], Any],
) -> None:
    """Sieve ``[lo, hi)`` and compare every n with ``is_prime`` and with membership in the
    list ``primes(lo, hi)``, one n at a time."""
    if lo >= hi:
        return
    flags = segmented_sieve(lo, hi)
    listed = list(primes(lo, hi))
    in_list = set(listed)
    for i, flag in enumerate(flags):
        n = lo + i
        got = bool(is_prime(n))
        listed_here = n in in_list
        result.checked += 1
        if got != bool(flag) or listed_here != bool(flag):
            result.fail(n, sieve=bool(flag), is_prime=got, in_primes_list=listed_here)
    outside = sorted(p for p in in_list if not lo <= p < hi)
    if outside or len(listed) != len(in_list) or listed != sorted(listed):
        # primes() listed numbers outside [lo, hi), twice, or out of order: charge it to lo.
        result.fail(lo, primes_list_malformed=True, outside=outside[:5])


#: The Pollard-rho example of https://kexue.fm/archives/3026.
ARTICLE_N = 63281217910257742583918406571
ARTICLE_FACTORS = (125778791843321, 503115167373251)


def _brent_rho(n: int, c: int = 1) -> int:
    """A nontrivial factor of the composite ``n`` (Brent's variant of Pollard's rho)."""
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    if n % 2 == 0:
        return 2
    mn = gmpy2.mpz(n)
    y, m, g, r, q = gmpy2.mpz(2), 128, gmpy2.mpz(1), 1, gmpy2.mpz(1)
    x = ys = y
    while g == 1:
        x = y
        for _ in range(r):
            y = (y * y + c) % mn
        k = 0
        while k < r and g == 1:
            ys = y
            for _ in range(min(m, r - k)):
                y = (y * y + c) % mn
                q = q * abs(x - y) % mn
            g = gmpy2.gcd(q, mn)
            k += m
        r *= 2
    if g == mn:
        while True:
            ys = (ys * ys + c) % mn
            g = gmpy2.gcd(abs(x - ys), mn)
            if g > 1:
                break
    return int(g) if g != mn else _brent_rho(n, c + 1)


def _article_rho(n: int) -> tuple[int, int]:
    """The article's naive loop (x0 = 2, y0 = 5, f(t) = t^2 + 1); returns (factor, gcd checks)."""
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    mn = gmpy2.mpz(n)
    x, y, checks = gmpy2.mpz(2), gmpy2.mpz(5), 0
    while True:
        checks += 1
        p = gmpy2.gcd(y - x, mn)
        if p != 1:
            return int(p), checks
        y = ((y * y + 1) ** 2 + 1) % mn
        x = (x * x + 1) % mn


def _factor_params(params: dict[str, Any]) -> None:
    if params["bits"] < 2 or params["count"] < 0:
        raise InputError(
            f"factor: needs bits >= 2 and count >= 0, "
            f"got bits={params['bits']}, count={params['count']}"
        )


@check(
    "factor",
    claim="63281217910257742583918406571 = 125778791843321 * 503115167373251, and factorint "
    "recovers products of random primes",
    source=f"{GMPY_3026} (Pollard rho example); J. M. Pollard, BIT 15 (1975)",
    params={"count": 20, "bits": 36, "seed": 2014, "article_rho": False},
    validate=_factor_params,
)
def factor(count: int = 20, bits: int = 36, seed: int = 2014, article_rho: bool = False) -> Outcome:
    """factorint on the article's number (certified: product and BPSW below 2^64 is a proof),
    then on ``count`` products of random ``bits``-bit primes (known by construction); each
    random product is also split by an independent Brent rho into a proper divisor.
    ``article_rho=True`` also reruns the article's naive loop on its number and checks it
    stops at the larger factor at gcd check 19,464,911 (about 15 s; the tests run the loop on
    8051 = 83 * 97 and the option's wiring, not the 15 s run)."""
    import random

    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    factorint = lib("factorint")
    p, q = ARTICLE_FACTORS
    got = factorint(ARTICLE_N)
    facts = {
        "p * q = N": p * q == ARTICLE_N,
        "p, q prime (BPSW, deterministic below 2^64)": bool(gmpy2.is_bpsw_prp(p))
        and bool(gmpy2.is_bpsw_prp(q)),
        "factorint(N) = {p: 1, q: 1}": got == {p: 1, q: 1},
    }
    rng = random.Random(seed)
    failures = []
    for i in range(count):
        chosen = [int(gmpy2.next_prime(rng.getrandbits(bits) | (1 << (bits - 1)))) for _ in "ab"]
        chosen.append(int(gmpy2.next_prime(rng.getrandbits(12) | 2048)))
        n = chosen[0] * chosen[1] * chosen[2] ** 2
        expected: dict[int, int] = {}
        for f in [*chosen, chosen[2]]:
            expected[f] = expected.get(f, 0) + 1
        split = _brent_rho(n)
        if factorint(n) != expected or not (1 < split < n and n % split == 0):
            failures.append({"case": i, "n": n, "expected": expected, "brent_rho": split})
    evidence: dict[str, Any] = {"facts": facts, "random_cases": count, "failures": failures[:3]}
    if article_rho:
        found, checks = _article_rho(ARTICLE_N)
        facts["article loop finds 503115167373251 at gcd check 19464911"] = (
            found,
            checks,
        ) == (503115167373251, 19464911)
        evidence["article_rho_checks"] = checks
    ok = all(facts.values()) and not failures
    text = f"article number factored and certified; {count} random products refactored"
    if not ok:
        bad = [k for k, v in facts.items() if not v]
        text = f"FAILED: {bad} {len(failures)} random case(s) wrong"
    return Outcome(ok, text, **evidence)
