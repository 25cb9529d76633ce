"""Multiplicative functions from a factorisation: totient, divisors, sigma, Moebius, ...

Every function here factors ``n`` once with :func:`numtheory.factorint` and then works on the
``{prime: exponent}`` dict, or takes that dict ready-made as ``factors=`` (validated, see
:func:`_checked_factors`) so that a script computing several of them factors nothing twice.
Names, argument order and conventions are sympy's (``sympy.totient``, ``sympy.divisors``, ...),
so a script switches by changing its import; results are built-in ints.

Cost: the factorisation. It follows the second-largest prime factor of ``n`` (see
:func:`numtheory.factorint`): milliseconds for most 100-digit numbers, seconds when the
second-largest factor has 20-25 digits, many minutes at 30 digits, and an RSA-style
product of two 50-digit primes is out of reach; Ctrl-C stops it. The arithmetic after it
is negligible, except listing divisors, which is bounded by :data:`MAX_DIVISORS`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import product
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.arith.factor import factorint
from numtheory.arith.primes import is_prime
from numtheory.errors import InputError, InputTypeError

__all__ = [
    "MAX_DIVISORS",
    "bigomega",
    "carmichael_lambda",
    "divisor_count",
    "divisor_sigma",
    "divisors",
    "mobius",
    "omega",
    "primenu",
    "primeomega",
    "radical",
    "reduced_totient",
    "totient",
]

#: ``divisors(n)`` as a list refuses an n with more divisors than this (about 0.4 GB of
#: ints); ``divisors(n, generator=True)`` yields any number of them one at a time.
MAX_DIVISORS = 10**7


#: Largest size for which BPSW is exact (FLINT n_is_prime).
_EXACT_PRIME_BITS = 64


def factor_dict(m: int, prove: bool = True) -> dict[int, int]:
    """``{prime: exponent}`` of ``m >= 1``: :func:`numtheory.factorint` with ``prove``
    (``prove=False``: factors above 2**64 may be BPSW probable primes, see there)."""
    return factorint(m, prove=prove) if m > 1 else {}


def modulus_factors(m: int) -> dict[int, int]:
    """Factorisation of a modulus (or of a group order) for the residue functions: a BPSW
    probable prime is taken as prime without a proof (as sympy does), and so is every
    factor above 2**64 (:func:`numtheory.factorint` with ``prove=False``).

    Their answers are checked (roots by powering, orders and logarithms by ``pow``), so a
    BPSW pseudoprime modulus (none is known) could only make a list of roots incomplete.
    """
    if m.bit_length() > _EXACT_PRIME_BITS and _probable_prime_cached(m):
        return {m: 1}
    return factor_dict(m, prove=False)


@lru_cache(maxsize=256)
def _probable_prime_cached(m: int) -> bool:
    # a script takes many roots or logarithms modulo one big prime: test it once
    return _backend.is_probable_prime(m)


def _positive(n: Any, func: str) -> int:
    value = as_int(n, "n")
    if value < 1:
        raise InputError(f"{func}() needs n >= 1, got {show(value)}")
    return value


def _checked_factors(n: int, factors: Any, func: str) -> dict[int, int]:
    """``{prime: exponent}`` of ``|n| >= 1``: ``factors`` validated, or :func:`factorint`.

    What is checked of a given ``factors``: it is a mapping of integers; every base is > 1
    and a BPSW probable prime (:func:`numtheory.is_prime`: exact below 2**64, no known
    counterexample above; cheap next to factoring); every exponent is >= 1; and the product
    of ``base**exponent`` is ``|n|``. A key -1 (as ``factorint`` gives for n < 0) is dropped.
    """
    m = abs(n)
    if factors is None:
        return factor_dict(m)
    if not isinstance(factors, Mapping):
        raise InputTypeError(
            f"factors must be a dict {{prime: exponent}}, got {show(factors)} "
            f"({type(factors).__name__})"
        )
    out: dict[int, int] = {}
    for key, value in factors.items():
        p, e = as_int(key, "a base in factors"), as_int(value, "an exponent in factors")
        if p == -1 and n < 0 and e == 1:
            continue
        if p < 2:
            raise InputError(f"{func}() needs the bases in factors to be > 1, got {show(p)}")
        if e < 1:
            raise InputError(
                f"{func}() needs the exponents in factors to be >= 1, got {show(e)} for {show(p)}"
            )
        if not is_prime(p):
            raise InputError(f"{func}() needs the bases in factors to be prime, got {show(p)}")
        out[p] = out.get(p, 0) + e
    if math.prod(p**e for p, e in out.items()) != m:
        raise InputError(
            f"{func}() needs the product of factors to be n = {show(m)}; it is "
            f"{show(math.prod(p**e for p, e in out.items()))}"
        )
    return dict(sorted(out.items()))


def totient(n: Any, factors: Any = None) -> int:
    """Euler's totient phi(n): the number of ``1 <= k <= n`` coprime to ``n`` (sympy ``totient``).

    Parameters
    ----------
    n : int
        ``n >= 1``.
    factors : dict, optional
        The factorisation ``{prime: exponent}`` of ``n`` if known (validated: bases > 1 and
        BPSW probable primes, exponents >= 1, product == n); otherwise ``factorint(n)``.

    Returns
    -------
    int
        Exact: ``prod(p**(e-1) * (p-1))`` over the factorisation (whose primes are proven).

    Raises
    ------
    InputTypeError
        ``n`` is not an integer (bool, float, str, None).
    InputError
        ``n < 1``, or ``factors`` is not the factorisation of ``n``.

    Examples
    --------
    >>> totient(1), totient(12), totient(2**89 - 1)
    (1, 4, 618970019642690137449562110)
    >>> totient(10**30, factors={2: 30, 5: 30})
    400000000000000000000000000000

    References
    ----------
    Hardy and Wright, *An Introduction to the Theory of Numbers*, 6th ed., Thm 62; OEIS A000010.
    """
    n = _positive(n, "totient")
    result = 1
    for p, e in _checked_factors(n, factors, "totient").items():
        result *= p ** (e - 1) * (p - 1)
    return result


def carmichael_lambda(n: Any, factors: Any = None) -> int:
    """Carmichael's function lambda(n): the exponent of ``(Z/nZ)^*`` (sympy ``reduced_totient``).

    The least ``m >= 1`` with ``a**m == 1 (mod n)`` for every ``a`` coprime to ``n``:
    lcm over ``p**e || n`` of ``phi(p**e)``, except ``lambda(2**e) = 2**(e-2)`` for ``e >= 3``.
    ``factors=`` as for :func:`totient`.

    Returns
    -------
    int
        Exact, from the (proven) factorisation.

    Examples
    --------
    >>> carmichael_lambda(8), carmichael_lambda(561), reduced_totient(1)
    (2, 80, 1)

    References
    ----------
    R. D. Carmichael, "Note on a new number theory function", Bull. AMS 16 (1910) 232-238;
    OEIS A002322.
    """
    n = _positive(n, "carmichael_lambda")
    result = 1
    for p, e in _checked_factors(n, factors, "carmichael_lambda").items():
        part = 2 ** (e - 2) if p == 2 and e >= 3 else p ** (e - 1) * (p - 1)
        result = _backend.lcm(result, part)  # GMP: math.lcm is quadratic at a million digits
    return result


reduced_totient = carmichael_lambda


def divisor_sigma(n: Any, k: Any = 1, factors: Any = None) -> int:
    """sigma_k(n), the sum of ``d**k`` over the positive divisors ``d`` of ``n`` (sympy's name).

    Parameters
    ----------
    n : int
        ``n >= 1``.
    k : int
        ``k >= 0``; ``divisor_sigma(n, 0)`` is the number of divisors.
    factors : dict, optional
        As for :func:`totient`.

    Returns
    -------
    int
        Exact: ``prod((p**(k*(e+1)) - 1) // (p**k - 1))``.

    Examples
    --------
    >>> divisor_sigma(12), divisor_sigma(12, 0), divisor_sigma(12, 2)
    (28, 6, 210)

    References
    ----------
    Hardy and Wright, Thm 274; OEIS A000203 (k = 1), A001157 (k = 2).
    """
    n = _positive(n, "divisor_sigma")
    k = as_int(k, "k")
    if k < 0:
        raise InputError(f"divisor_sigma() needs k >= 0, got {show(k)}")
    result = 1
    for p, e in _checked_factors(n, factors, "divisor_sigma").items():
        if k == 0:
            result *= e + 1
        else:
            pk = p**k
            result *= (pk ** (e + 1) - 1) // (pk - 1)
    return result


def divisor_count(n: Any, modulus: Any = 1, proper: bool = False, factors: Any = None) -> int:
    """Number of positive divisors of ``n`` divisible by ``modulus`` (sympy ``divisor_count``).

    As sympy: ``divisor_count(0) == 0``, a negative ``n`` counts the divisors of ``|n|``,
    ``modulus=0`` gives 0, and ``proper=True`` leaves ``n`` itself out. ``factors=`` is the
    factorisation of ``|n|`` (validated as for :func:`totient`).

    Returns
    -------
    int
        Exact: the product of ``e + 1`` over the factorisation of ``|n| / modulus``.

    Examples
    --------
    >>> divisor_count(12), divisor_count(12, 2), divisor_count(12, proper=True)
    (6, 4, 5)
    >>> divisor_count(2**100 * 3**50)
    5151

    References
    ----------
    Hardy and Wright, Thm 273; OEIS A000005.
    """
    signed, modulus = as_int(n, "n"), as_int(modulus, "modulus")
    n = abs(signed)
    if n == 0 or modulus == 0:
        return 0
    modulus = abs(modulus)
    if n % modulus:
        return 0
    known = _checked_factors(signed, factors, "divisor_count")
    count = 1
    rest = modulus
    for p, e in known.items():
        v = 0
        while rest % p == 0:
            rest //= p
            v += 1
        count *= e - v + 1
    return count - 1 if proper else count


def _divisor_iter(known: dict[int, int]) -> Iterator[int]:
    # one prime power at a time: memory is the factorisation, not the count. sympy's order
    # (its own tests assert it): the smallest prime's exponent varies fastest, so the
    # product runs over the primes largest first.
    primes = sorted(known.items(), reverse=True)
    for exps in product(*(range(e + 1) for _, e in primes)):
        d = 1
        for (p, _), j in zip(primes, exps, strict=True):
            if j:
                d *= p**j
        yield d


def divisors(
    n: Any, generator: bool = False, proper: bool = False, factors: Any = None
) -> list[int] | Iterator[int]:
    """The positive divisors of ``n``, sorted (sympy ``divisors``).

    As sympy: ``divisors(0) == []``, a negative ``n`` gives the divisors of ``|n|``, and
    ``proper=True`` leaves ``n`` out. ``generator=True`` yields them one at a time in
    sympy's order (the smallest prime's exponent varying fastest; memory: the
    factorisation), for numbers with more divisors than fit in memory; the list form
    refuses more than :data:`MAX_DIVISORS`.

    Returns
    -------
    list[int] or iterator of int
        Exactly the divisors, each once.

    Raises
    ------
    InputError
        The list would hold more than :data:`MAX_DIVISORS` divisors (the message gives the
        count); bad ``factors``.

    Examples
    --------
    >>> divisors(12), divisors(-12, proper=True), divisors(1), divisors(0)
    ([1, 2, 3, 4, 6, 12], [1, 2, 3, 4, 6], [1], [])
    >>> sorted(divisors(2**3 * 3, generator=True))
    [1, 2, 3, 4, 6, 8, 12, 24]

    References
    ----------
    Hardy and Wright, section 16.6; sympy ``divisors`` for the conventions.
    """
    signed = as_int(n, "n")
    n = abs(signed)
    if n == 0:
        return iter(()) if generator else []
    known = _checked_factors(signed, factors, "divisors")
    if generator:
        it = _divisor_iter(known)
        return (d for d in it if d != n) if proper else it
    count = math.prod(e + 1 for e in known.values())
    if count > MAX_DIVISORS:
        raise InputError(
            f"divisors() would list {count:,} divisors of n (more than {MAX_DIVISORS:,}); "
            "use divisors(n, generator=True)"
        )
    out = [1]
    for p, e in known.items():
        out = [d * p**j for d in out for j in range(e + 1)]
    out.sort()
    return out[:-1] if proper else out


def mobius(n: Any, factors: Any = None) -> int:
    """The Moebius function mu(n): 0 if a square divides ``n``, else ``(-1)**omega(n)``.

    ``n >= 1``; ``factors=`` as for :func:`totient`.

    Examples
    --------
    >>> [mobius(k) for k in range(1, 11)]                   # OEIS A008683
    [1, -1, -1, 0, -1, 1, -1, 0, 0, 1]

    References
    ----------
    A. F. Moebius, J. reine angew. Math. 9 (1832) 105-123; OEIS A008683.
    """
    n = _positive(n, "mobius")
    known = _checked_factors(n, factors, "mobius")
    if any(e > 1 for e in known.values()):
        return 0
    return -1 if len(known) % 2 else 1


def primenu(n: Any, factors: Any = None) -> int:
    """omega(n), the number of distinct prime factors of ``n >= 1`` (sympy ``primenu``).

    Examples
    --------
    >>> primenu(1), primenu(12), omega(2**10 * 3**5 * 7)
    (0, 2, 3)

    References
    ----------
    Hardy and Wright, section 22.10; OEIS A001221.
    """
    n = _positive(n, "primenu")
    return len(_checked_factors(n, factors, "primenu"))


def primeomega(n: Any, factors: Any = None) -> int:
    """Omega(n), the number of prime factors of ``n >= 1`` with multiplicity (sympy's name).

    Examples
    --------
    >>> primeomega(1), primeomega(12), bigomega(2**10 * 3**5 * 7)
    (0, 3, 16)

    References
    ----------
    Hardy and Wright, section 22.10; OEIS A001222.
    """
    n = _positive(n, "primeomega")
    return sum(_checked_factors(n, factors, "primeomega").values())


omega = primenu
bigomega = primeomega


def radical(n: Any, factors: Any = None) -> int:
    """rad(n), the product of the distinct primes dividing ``n >= 1`` (``rad(1) == 1``).

    Examples
    --------
    >>> radical(1), radical(360), radical(2**100 * 7**3)
    (1, 30, 14)

    References
    ----------
    OEIS A007947 (squarefree kernel).
    """
    n = _positive(n, "radical")
    return math.prod(_checked_factors(n, factors, "radical"))
