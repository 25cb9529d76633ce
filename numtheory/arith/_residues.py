"""Residue symbols, modular inverses and the Chinese remainder theorem.

sympy's names and conventions (``jacobi_symbol(m, n)``, ``legendre_symbol(a, p)``,
``kronecker_symbol(a, n)``, ``mod_inverse(a, m)``, ``crt(moduli, residues)``), with the short
names ``jacobi``, ``legendre``, ``kronecker`` and ``inverse_mod`` as aliases. The symbols are
GMP's (``mpz_jacobi``, ``mpz_kronecker``); the work here is checking the domain.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputError, InputTypeError, NoSolutionError

__all__ = [
    "crt",
    "inverse_mod",
    "jacobi",
    "jacobi_symbol",
    "kronecker",
    "kronecker_symbol",
    "legendre",
    "legendre_symbol",
    "mod_inverse",
]


# The symbols cost about 100 ns in GMP at 20 digits, so the Python around them is most of
# the cost: each function first tries one fast path for two exact ints in the domain (the
# C function bound to a module global, no further frames), and only otherwise the general
# validation below, which converts, checks and names the bad value.
_jacobi = _backend.jacobi
_kronecker = _backend.kronecker
_invert = _backend.invert_mpz
#: The last modulus legendre() found to be an odd prime (one comparison instead of a cache
#: lookup when a script calls legendre(a, p) for many a and one p).
_last_prime = 3


@lru_cache(maxsize=256)
def _is_odd_prime(p: int) -> bool:
    # cached: legendre(a, p) and sqrt_mod(a, p) are called many times with one p
    return p > 2 and p % 2 == 1 and _backend.is_probable_prime(p)


def jacobi_symbol(m: Any, n: Any) -> int:
    """The Jacobi symbol ``(m/n)`` for odd ``n >= 1`` (sympy ``jacobi_symbol``).

    Parameters
    ----------
    m : int
        Any integer.
    n : int
        An odd positive integer.

    Returns
    -------
    int
        -1, 0 or 1, exact (GMP ``mpz_jacobi``). 0 exactly when ``gcd(m, n) > 1``; 1 does not
        imply that ``m`` is a square modulo a composite ``n``.

    Raises
    ------
    InputTypeError
        ``m`` or ``n`` is not an integer.
    InputError
        ``n`` is even or ``n < 1``.

    Examples
    --------
    >>> jacobi_symbol(2, 9), jacobi(1001, 9907), jacobi(-1, 3)
    (1, -1, -1)

    References
    ----------
    C. G. J. Jacobi, Bericht Akad. Wiss. Berlin (1837) 127-136; H. Cohen, *A Course in
    Computational Algebraic Number Theory*, Alg. 1.4.10.
    """
    if type(m) is int and type(n) is int and n > 0:
        try:
            return _jacobi(m, n)
        except ValueError:
            pass  # even n: the general path below says so
    m, n = as_int(m, "m"), as_int(n, "n")
    if n < 1 or not n & 1:
        raise InputError(f"jacobi_symbol() needs n to be an odd positive integer, got {show(n)}")
    return _jacobi(m, n)


def legendre_symbol(a: Any, p: Any) -> int:
    """The Legendre symbol ``(a/p)`` for an odd prime ``p`` (sympy ``legendre_symbol``).

    Returns
    -------
    int
        1 if ``a`` is a nonzero square modulo ``p``, -1 if it is not a square, 0 if
        ``p | a``. Exact; ``p`` is checked with BPSW (exact below 2**64; no known
        counterexample above), the same test as :func:`numtheory.is_prime`.

    Raises
    ------
    InputError
        ``p`` is not an odd prime (``legendre_symbol(a, 4)``, ``legendre_symbol(a, 2)``).

    Examples
    --------
    >>> legendre_symbol(2, 7), legendre(3, 7), legendre(14, 7)
    (1, -1, 0)

    References
    ----------
    A.-M. Legendre, *Essai sur la theorie des nombres* (1798); Ireland and Rosen, *A Classical
    Introduction to Modern Number Theory*, ch. 5.
    """
    global _last_prime
    if type(a) is int and type(p) is int and p == _last_prime:
        return _jacobi(a, p)
    a, p = as_int(a, "a"), as_int(p, "p")
    if not _is_odd_prime(p):
        raise InputError(f"legendre_symbol() needs p to be an odd prime, got {show(p)}")
    _last_prime = p
    return _jacobi(a, p)


def kronecker_symbol(a: Any, n: Any) -> int:
    """The Kronecker symbol ``(a/n)`` for any integers (sympy ``kronecker_symbol``).

    Extends the Jacobi symbol to even and non-positive ``n``: ``(a/0)`` is 1 for
    ``a = +-1`` and 0 otherwise, ``(a/-1)`` is -1 for ``a < 0`` and 1 otherwise, and
    ``(a/2)`` is 0 for even ``a`` and ``(-1)**((a*a-1)/8)`` for odd ``a``.

    Returns
    -------
    int
        -1, 0 or 1, exact (GMP ``mpz_kronecker``).

    Examples
    --------
    >>> kronecker_symbol(2, 8), kronecker(3, -8), kronecker(1, 0), kronecker(-5, -1)
    (0, -1, 1, -1)

    References
    ----------
    H. Cohen, *A Course in Computational Algebraic Number Theory*, Def. 1.4.8 and Alg. 1.4.10.
    """
    if type(a) is int and type(n) is int:
        return _kronecker(a, n)
    return _kronecker(as_int(a, "a"), as_int(n, "n"))


jacobi = jacobi_symbol
legendre = legendre_symbol
kronecker = kronecker_symbol


def mod_inverse(a: Any, m: Any) -> int:
    """The inverse of ``a`` modulo ``m`` (sympy ``mod_inverse``; alias ``inverse_mod``).

    As sympy, the result has the sign of ``m``: in ``[0, m)`` for ``m > 0`` and in
    ``(m, 0]`` for ``m < 0``.

    Returns
    -------
    int
        ``x`` with ``a*x == 1 (mod m)``, exact (GMP ``mpz_invert``).

    Raises
    ------
    InputError
        ``|m| < 2`` (every residue is 0 there).
    NoSolutionError
        ``gcd(a, m) > 1``: no inverse exists (a ValueError, as sympy raises, but not an
        InputError).

    Examples
    --------
    >>> mod_inverse(3, 11), inverse_mod(-3, 11), inverse_mod(3, -11)
    (4, 7, -7)

    References
    ----------
    D. E. Knuth, *TAOCP* vol. 2, 3rd ed., section 4.5.2 (extended Euclid).
    """
    if type(a) is int and type(m) is int and m > 1:
        try:
            return int(_invert(a, m))
        except ZeroDivisionError:
            pass  # no inverse: the general path below says so
    a, m = as_int(a, "a"), as_int(m, "m")
    am = abs(m)
    if am < 2:
        raise InputError(f"mod_inverse() needs |m| >= 2, got m = {show(m)}")
    x = _backend.invert(a, am)
    if x is None:
        raise NoSolutionError(
            f"mod_inverse(): {show(a)} has no inverse modulo {show(m)} (they share a factor)"
        )
    return x if m > 0 else x - am if x else 0


inverse_mod = mod_inverse


_SEQUENCES = (list, tuple)


def _iterable(values: Any, name: str) -> Iterable[Any]:
    if isinstance(values, Iterable) and not isinstance(values, (str, bytes)):
        return values
    raise InputTypeError(
        f"crt(): {name} must be an iterable of integers, got {show(values)} "
        f"({type(values).__name__})"
    )


def crt(
    moduli: Iterable[Any], residues: Iterable[Any], symmetric: bool = False, check: bool = True
) -> tuple[int, int] | None:
    """Solve ``x == residues[i] (mod moduli[i])`` for all ``i`` (sympy ``crt``).

    The moduli need not be coprime: the congruences are merged pairwise with the gcd, as
    sympy's ``crt`` (through ``solve_congruence``) does when they are not. Pairwise coprime
    moduli in a list or tuple take Garner's merge (one GMP inverse per modulus, about 3 us for
    four 20-digit moduli); the first shared factor hands the whole system to the gcd merge.

    Parameters
    ----------
    moduli : iterable of int
        Each ``>= 1``.
    residues : iterable of int
        As many as ``moduli``; any integers.
    symmetric : bool
        If True, ``x`` is in ``(-M/2, M/2]`` (sympy's ``symmetric_residue``) instead of
        ``[0, M)``.
    check : bool
        Accepted for sympy compatibility and ignored: the result is always checked (sympy's
        ``check=False`` skips the coprimality test and may then return a wrong ``x``).

    Returns
    -------
    (int, int) or None
        ``(x, M)`` with ``M = lcm(moduli)`` and ``x`` the unique solution modulo ``M``; exact.
        (sympy returns the product of the moduli as ``M`` when they are not coprime but its
        coprime shortcut happens to satisfy the congruences; ``M`` here is always the lcm.)
        ``crt([], []) == (0, 1)``. None when the congruences are inconsistent (moduli sharing
        a factor on which the residues disagree), as sympy returns: "no solution" is a
        value, bad input is an exception.

    Raises
    ------
    InputError
        A modulus ``< 1``, or ``moduli`` and ``residues`` of different lengths (sympy
        silently drops the extra ones).

    Examples
    --------
    >>> crt([3, 5], [2, 3]), crt([4, 6], [1, 3]), crt([4, 6], [1, 2]) is None
    ((8, 15), (9, 12), True)
    >>> crt([99, 97, 95], [49, 76, 65], symmetric=True)
    (-272300, 912285)

    References
    ----------
    D. E. Knuth, *TAOCP* vol. 2, section 4.3.2; O. Ore, "The general Chinese remainder
    theorem", Amer. Math. Monthly 59 (1952) 365-370 (non-coprime moduli).
    """
    ms: Any = moduli  # for mypy: indexed below only when a list or a tuple
    rs: Any = residues
    if type(ms) in _SEQUENCES and type(rs) in _SEQUENCES and len(ms) == len(rs):
        # the common case, pairwise coprime moduli >= 2 given as exact ints: Garner's
        # mixed-radix merge, one GMP inverse per modulus after the first; anything else (a
        # shared factor: invert raises; a bad or unit modulus) is decided by the general path
        try:
            m, r = ms[0], rs[0]
            if type(m) is int and type(r) is int and m > 1:
                x, big = r % m, m
                for m, r in zip(ms[1:], rs[1:], strict=True):
                    if type(m) is not int or type(r) is not int or m < 2:
                        break
                    x += big * ((r - x) * _invert(big, m) % m)
                    big *= m
                else:
                    x = int(x)
                    if symmetric and x > big // 2:
                        x -= big
                    return x, big
        except (IndexError, ZeroDivisionError):
            pass  # no congruences, or two moduli share a factor
    return _crt_general(moduli, residues, symmetric)


def _crt_general(moduli: Any, residues: Any, symmetric: bool) -> tuple[int, int] | None:
    ms = [m if type(m) is int else as_int(m, "a modulus") for m in _iterable(moduli, "moduli")]
    rs = [r if type(r) is int else as_int(r, "a residue") for r in _iterable(residues, "residues")]
    if len(ms) != len(rs):
        raise InputError(
            f"crt() needs as many residues as moduli, got {len(ms)} moduli and {len(rs)} residues"
        )
    for m in ms:
        if m < 1:
            raise InputError(f"crt() needs every modulus >= 1, got {show(m)}")
    x, big = 0, 1  # invariant: 0 <= x < big, x solves the congruences merged so far
    for m, r in zip(ms, rs, strict=True):
        # merge with r (mod m): x + big*t == r (mod m), for t modulo m / gcd(big, m)
        if m == 1:
            continue
        diff = r - x
        inv = _backend.invert(big, m)  # None exactly when gcd(big, m) > 1
        if inv is not None:
            step, t = m, diff % m * inv % m
        else:
            g = math.gcd(big, m)
            if diff % g:
                return None
            step = m // g
            t = (diff // g) * (_backend.invert(big // g, step) or 0) % step if step > 1 else 0
        x += big * t
        big *= step
    if symmetric and x > big // 2:
        x -= big
    return x, big
