"""sympy's spellings of functions numtheory has under its own names (issue 14).

A script written for ``sympy.ntheory`` runs after changing only the import: ``isprime``,
``nextprime``, ``prevprime``, ``prime`` (the n-th prime), ``primefactors``,
``is_primitive_root``, ``is_quad_residue`` and ``sqrt_mod_iter`` take sympy's arguments and
return what sympy's return (checked against sympy 1.14 in tests/arith/test_sympy_names.py
and by sympy's own tests in tests/conformance). Each is a thin layer over the numtheory
function it names, with that function's guarantee; the input rules are numtheory's (a float
is a TypeError, where sympy answers ``isprime(2.0) == False`` or truncates
``primefactors(4.5)``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from itertools import product
from typing import Any

from numtheory._validate import as_int, show
from numtheory.arith._counting import nth_prime
from numtheory.arith._dlog import multiplicative_order
from numtheory.arith._modroots import _root_classes, crt_basis
from numtheory.arith._multiplicative import modulus_factors, totient
from numtheory.arith.factor import factorint
from numtheory.arith.primes import is_prime, next_prime, prev_prime
from numtheory.errors import InputError, InputTypeError

__all__ = [
    "is_primitive_root",
    "is_quad_residue",
    "isprime",
    "nextprime",
    "prevprime",
    "prime",
    "primefactors",
    "sqrt_mod_iter",
]


def isprime(n: Any) -> bool:
    """Whether ``n`` is prime (sympy ``isprime``; :func:`numtheory.is_prime` without options).

    Parameters
    ----------
    n : int
        The number to test (any integer; below 2 is never prime).

    Returns
    -------
    bool
        As :func:`numtheory.is_prime`: exact below 2**64, BPSW above (no counterexample is
        known; sympy's ``isprime`` is BPSW too).

    Examples
    --------
    >>> isprime(2), isprime(1), isprime(-7), isprime(2**89 - 1)
    (True, False, False, True)

    References
    ----------
    R. Baillie and S. Wagstaff, "Lucas pseudoprimes", Math. Comp. 35 (1980) 1391-1417.
    """
    return is_prime(n)


def nextprime(n: Any, ith: Any = 1) -> int:
    """The ``ith`` prime greater than ``n`` (sympy ``nextprime``; :func:`numtheory.next_prime`).

    Parameters
    ----------
    n : int
        Where to start (any integer).
    ith : int, default 1
        Which prime after ``n`` to return (at least 1).

    Returns
    -------
    int
        As :func:`numtheory.next_prime` (2 for every ``n < 2``); ``ith < 1`` is an InputError.

    Examples
    --------
    >>> nextprime(10), nextprime(2, 2), nextprime(-5)
    (11, 5, 2)

    References
    ----------
    OEIS A151800 (next prime > n).
    """
    return next_prime(n, ith)


def prevprime(n: Any) -> int:
    """The largest prime smaller than ``n > 2`` (sympy ``prevprime``; :func:`numtheory.prev_prime`).

    Parameters
    ----------
    n : int
        Where to start (at least 3: there is no prime below 2).

    Returns
    -------
    int
        As :func:`numtheory.prev_prime`; ``n <= 2`` is an InputError (sympy: ValueError).

    Examples
    --------
    >>> prevprime(3), prevprime(100)
    (2, 97)

    References
    ----------
    OEIS A151799 (largest prime < n).
    """
    return prev_prime(n)


def prime(nth: Any) -> int:
    """The ``nth`` prime, ``prime(1) == 2`` (sympy ``prime``; :func:`numtheory.nth_prime`).

    Parameters
    ----------
    nth : int
        The index of the prime, from 1 (``prime(1) == 2``).

    Returns
    -------
    int
        Exact, as :func:`numtheory.nth_prime` (primecount); ``nth < 1`` is an InputError.

    Examples
    --------
    >>> prime(1), prime(10), prime(10**6)
    (2, 29, 15485863)

    References
    ----------
    OEIS A000040.
    """
    return nth_prime(nth)


def primefactors(n: Any) -> list[int]:
    """The distinct primes dividing ``n``, sorted (sympy ``primefactors``).

    As sympy: the sign is ignored and ``primefactors(0) == primefactors(1) == []``. sympy's
    ``limit=`` (trial division only up to a bound) is not taken: ``n`` is factored fully.

    Parameters
    ----------
    n : int
        The number to factor (any integer; the sign is dropped, 0 and 1 have none).

    Returns
    -------
    list of int
        The keys of :func:`numtheory.factorint` above 1: proven primes (see its cost).

    Examples
    --------
    >>> primefactors(123456), primefactors(-10), primefactors(0), primefactors(2**64 + 1)
    ([2, 3, 643], [2, 5], [], [274177, 67280421310721])

    References
    ----------
    OEIS A027748 (the distinct prime factors of n).
    """
    return sorted(p for p in factorint(n) if p > 1)


def is_primitive_root(a: Any, p: Any) -> bool:
    """Whether ``a`` generates the units modulo ``p`` (sympy ``is_primitive_root``).

    sympy's domain: ``p >= 2`` and ``a`` coprime to ``p`` (``a`` is taken modulo ``p``);
    False whenever the units modulo ``p`` are not cyclic (``p`` not 2, 4, ``q**e``, ``2*q**e``).

    Parameters
    ----------
    a : int
        The candidate generator.
    p : int
        The modulus (at least 1); ``a`` must be coprime to it.

    Returns
    -------
    bool
        Exact: the multiplicative order of ``a`` (:func:`numtheory.multiplicative_order`,
        which factors phi(p)) compared with phi(p).

    Raises
    ------
    InputError
        ``p < 2``, or ``gcd(a, p) > 1`` (sympy raises ValueError for both).

    Examples
    --------
    >>> is_primitive_root(3, 7), is_primitive_root(2, 7), is_primitive_root(3, 8)
    (True, False, False)

    References
    ----------
    C. F. Gauss, *Disquisitiones Arithmeticae* (1801), art. 52-92.
    """
    a, p = as_int(a, "a"), as_int(p, "p")
    if p < 2:
        raise InputError(f"is_primitive_root() needs p >= 2, got {show(p)}")
    if math.gcd(a, p) != 1:
        raise InputError(
            f"is_primitive_root() needs a coprime to p, got a = {show(a)}, p = {show(p)}"
        )
    return bool(multiplicative_order(a, p) == totient(p))


def is_quad_residue(a: Any, p: Any) -> bool:
    """Whether ``x**2 == a (mod p)`` has a solution (sympy ``is_quad_residue``).

    As sympy, for any modulus ``p >= 1`` (composite too) and any ``a``, 0 included: True
    exactly when ``a % p`` is in ``{x*x % p for x in range(p)}``.

    Parameters
    ----------
    a : int
        The number tested.
    p : int
        The modulus (at least 1).

    Returns
    -------
    bool
        Exact: decided per prime power of ``p`` (a root exists modulo each one), without
        listing the roots modulo ``p``; factoring ``p`` is the cost.

    Raises
    ------
    InputError
        ``p < 1`` (sympy: ValueError).

    Examples
    --------
    >>> is_quad_residue(10, 13), is_quad_residue(3, 7), is_quad_residue(0, 1)
    (True, False, True)
    >>> [j for j in range(14) if is_quad_residue(j, 14)]
    [0, 1, 2, 4, 7, 8, 9, 11]

    References
    ----------
    K. Ireland and M. Rosen, *A Classical Introduction to Modern Number Theory*, 2nd ed.,
    chapter 5 (quadratic residues modulo composites).
    """
    a, p = as_int(a, "a"), as_int(p, "p")
    if p < 1:
        raise InputError(f"is_quad_residue() needs p >= 1, got {show(p)}")
    return all(
        _root_classes(a, 2, q, e, "is_quad_residue")[1] for q, e in modulus_factors(p).items()
    )


def sqrt_mod_iter(a: Any, p: Any, domain: Callable[[int], Any] = int) -> Iterator[Any]:
    """Every root of ``x**2 == a (mod p)`` in ``[0, p)``, one at a time (sympy ``sqrt_mod_iter``).

    For moduli with more roots than :func:`numtheory.sqrt_mod` lists (``all_roots=True``
    stops at :data:`~numtheory.arith._modroots.MAX_ROOTS`): memory is each prime power's
    roots as residue classes (a few per prime), not the roots. The order is unspecified
    (as sympy's); ``sorted(sqrt_mod_iter(a, p)) == sqrt_mod(a, p, True)`` when they fit.

    Parameters
    ----------
    a : int
        Any integer.
    p : int
        The modulus, ``p >= 1`` (factored).
    domain : callable
        Applied to each root (sympy passes ``ZZ``); ``int`` by default.

    Yields
    ------
    object
        ``domain(x)`` for each root ``x``, each exactly once; nothing when there is none.

    Raises
    ------
    InputError
        ``p < 1`` (sympy silently uses ``|p|`` below 0), raised at the call.

    Examples
    --------
    >>> sorted(sqrt_mod_iter(17, 32)), list(sqrt_mod_iter(3, 7))
    ([7, 9, 23, 25], [])
    >>> it = sqrt_mod_iter(5**2 * 3**70, 5**6 * 3**71)  # 20 * 3**35 roots, about 10**18
    >>> all(pow(next(it), 2, 5**6 * 3**71) == 5**2 * 3**70 for _ in range(1000))
    True

    References
    ----------
    Hensel's lemma and the Chinese remainder theorem, e.g. I. Niven, H. S. Zuckerman and
    H. L. Montgomery, *An Introduction to the Theory of Numbers*, 5th ed., sections 2.6-2.9.
    """
    a, p = as_int(a, "a"), as_int(p, "p")
    if p < 1:
        raise InputError(f"sqrt_mod_iter() needs the modulus p >= 1, got {show(p)}")
    if not callable(domain):
        raise InputTypeError(f"domain must be callable, got {domain!r}")
    classes = [_root_classes(a, 2, q, e, "sqrt_mod_iter") for q, e in modulus_factors(p).items()]
    return _iter_roots(classes, p, domain)


def _iter_roots(
    classes: list[tuple[int, list[int]]], p: int, domain: Callable[[int], Any]
) -> Iterator[Any]:
    if any(not rs for _, rs in classes):
        return
    mod = math.prod(q for q, _ in classes)  # each root is x0 + j*mod, x0 a combination
    basis = crt_basis([q for q, _ in classes], mod)
    for choice in product(*(rs for _, rs in classes)):
        x0 = sum(r * e for r, e in zip(choice, basis, strict=True)) % mod
        for j in range(p // mod):
            yield domain(x0 + j * mod)
