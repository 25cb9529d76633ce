"""Built-in check of factoring: the Pollard-rho article's number, and random products.

``factor`` certifies the article's factorisation (product, BPSW below 2**64) and refactors
products of random primes, known by construction, each also split by an independent Brent
rho; optionally it reruns the article's naive rho loop.
"""

from __future__ import annotations

from typing import Any

from numtheory.errors import InputError
from numtheory.verify._lib import lib
from numtheory.verify.registry import Outcome, check

__all__: list[str] = []

GMPY_3026 = "https://kexue.fm/archives/3026"

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
