"""Integer square and k-th roots, squares and perfect powers, on GMP.

sympy's names and return conventions (``integer_nthroot``, ``is_square``, ``perfect_power``),
so a script can switch by changing its import; the work is one GMP call each
(``mpz_sqrt``, ``mpz_root``, ``mpz_perfect_square_p``, ``mpz_perfect_power_p``) through
:mod:`numtheory._backend`. Every answer is exact: no floating point is involved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputError, InputTypeError

_isqrt_mpz = _backend.isqrt_mpz
_iroot_mpz = _backend.iroot_mpz
_is_square_mpz = _backend.is_square_mpz

__all__ = ["integer_nthroot", "iroot", "is_square", "isqrt", "perfect_power"]


def isqrt(n: Any) -> int:
    """Return floor(sqrt(n)), the integer square root of ``n >= 0``.

    Parameters
    ----------
    n : int
        A nonnegative integer of any size.

    Returns
    -------
    int
        Guarantee: exact, the largest ``s`` with ``s*s <= n`` (GMP ``mpz_sqrt``).

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer (bool, float, str, None...).
    InputError
        If ``n < 0``.

    Examples
    --------
    >>> isqrt(99), isqrt(100), isqrt(10**40 + 1)
    (9, 10, 100000000000000000000)

    References
    ----------
    T. Granlund et al., GNU MP manual, "Integer Roots" (mpz_sqrt); OEIS A000196.
    """
    if type(n) is int and n >= 0:  # the hot path: one Python frame around GMP
        return int(_isqrt_mpz(n))
    n = as_int(n, "n")
    if n < 0:
        raise InputError(f"isqrt() needs n >= 0, got {show(n)}")
    return int(_isqrt_mpz(n))


def iroot(n: Any, k: Any) -> tuple[int, bool]:
    """Return ``(r, exact)``: r = floor(n**(1/k)) and whether ``r**k == n``.

    The convention of sympy's ``integer_nthroot(y, n)`` and of ``gmpy2.iroot``: ``n >= 0``
    and ``k >= 1`` (sympy refuses the root of a negative number too).

    Parameters
    ----------
    n : int
        A nonnegative integer.
    k : int
        The root's degree, ``k >= 1``; any size (for ``k`` beyond the bit length of ``n``
        the root is 0 or 1).

    Returns
    -------
    tuple[int, bool]
        Guarantee: exact; ``r**k <= n < (r + 1)**k`` (GMP ``mpz_root``).

    Raises
    ------
    InputTypeError
        If ``n`` or ``k`` is not an integer.
    InputError
        If ``n < 0`` or ``k < 1``.

    Examples
    --------
    >>> iroot(26, 2), iroot(27, 3), iroot(2**300, 100)
    ((5, False), (3, True), (8, True))

    References
    ----------
    GNU MP manual, "Integer Roots" (mpz_root); sympy.core.intfunc.integer_nthroot.
    """
    if type(n) is not int:
        n = as_int(n, "n")
    if type(k) is not int:
        k = as_int(k, "k")
    if n < 0:
        raise InputError(f"iroot() needs n >= 0 (no real root of a negative n), got {show(n)}")
    if k < 1:
        raise InputError(f"iroot() needs k >= 1, got {show(k)}")
    if k >= n.bit_length():  # also keeps k inside GMP's unsigned long
        if n <= 1:
            return n, True
        return 1, False  # 2**k > n >= 2: the root is in [1, 2)
    root, exact = _iroot_mpz(n, k)
    return int(root), exact


def integer_nthroot(y: Any, n: Any) -> tuple[int, bool]:
    """sympy's name and argument order for :func:`iroot`: ``(floor(y**(1/n)), exact)``.

    Examples
    --------
    >>> integer_nthroot(16, 2), integer_nthroot(26, 2)
    ((4, True), (5, False))
    """
    return iroot(y, n)


def is_square(n: Any) -> bool:
    """Return True if ``n`` is the square of an integer (0 and 1 are; negatives are not).

    Parameters
    ----------
    n : int
        Any integer.

    Returns
    -------
    bool
        Guarantee: exact (GMP ``mpz_perfect_square_p``: residue tests, then a square root).

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer.

    Examples
    --------
    >>> is_square(0), is_square(49), is_square(50), is_square(-4)
    (True, True, False, False)

    References
    ----------
    GNU MP manual, "Integer Roots" (mpz_perfect_square_p); sympy.ntheory.primetest.is_square.
    """
    if type(n) is not int:
        n = as_int(n, "n")
    return bool(_is_square_mpz(n))


def perfect_power(
    n: Any, candidates: Iterable[Any] | None = None, big: bool = True, factor: bool = True
) -> tuple[int, int] | bool:
    """Return ``(b, e)`` with ``b**e == n`` and ``e > 1``, or False if there is none.

    sympy's convention: ``e`` is the largest such exponent (``big=False``: the smallest,
    which is prime); 0, 1 and -1 are not perfect powers (no unique exponent); a negative
    ``n`` is a power only with an odd exponent (``perfect_power(-8) == (-2, 3)``,
    ``perfect_power(-4)`` is False). With ``candidates``, only those exponents are tried.

    Parameters
    ----------
    n : int
        Any integer (sympy also takes Rationals; this takes integers only).
    candidates : iterable of int, optional
        Exponents to try, e.g. ``[2, 3]``; the answer's exponent is one of them.
    big : bool, default True
        True: the largest exponent; False: the smallest.
    factor : bool, default True
        Accepted for sympy compatibility and ignored: GMP's test needs no trial factoring.

    Returns
    -------
    tuple[int, int] or False
        Guarantee: exact. ``b**e == n``; with ``big=True`` no ``(b', e')`` with a larger
        ``e'`` exists (GMP ``mpz_perfect_power_p`` screens, exact roots ``mpz_root`` find
        the exponent prime by prime).

    Raises
    ------
    InputTypeError
        If ``n`` or a candidate is not an integer, or ``big`` is not a bool.

    Examples
    --------
    >>> perfect_power(64), perfect_power(64, big=False), perfect_power(-64), perfect_power(12)
    ((2, 6), (8, 2), (-4, 3), False)
    >>> perfect_power(3**8, [2, 4]), perfect_power(3**8, [4, 8], big=False)
    ((9, 4), (9, 4))

    References
    ----------
    GNU MP manual, "Integer Roots"; ``sympy.ntheory.factor_.perfect_power``; OEIS A001597.
    """
    n = as_int(n, "n")
    if not isinstance(big, bool):
        raise InputTypeError(f"big must be True or False, got {show(big)}")
    if candidates is not None:
        if isinstance(candidates, (str, bytes)) or not isinstance(candidates, Iterable):
            raise InputTypeError(f"candidates must be a list of integers, got {show(candidates)}")
        exps = sorted({as_int(e, "a candidate exponent") for e in candidates})
        return _with_candidates(n, exps, big)
    if -1 <= n <= 1:
        return False
    m = -n if n < 0 else n
    base, e = _largest_power(m) if m >= 4 else (m, 1)
    if n < 0:
        # only odd exponents: strip the factors 2 from e into the base
        while e % 2 == 0:
            base, e = base * base, e // 2
        base = -base
    if e == 1:
        return False
    if big:
        return base, e
    p = _smallest_prime_factor(e)
    return base ** (e // p), p


def _largest_power(m: int) -> tuple[int, int]:
    """(b, e) with m == b**e and e largest, for m >= 4 (e == 1: not a power).

    GMP's perfect-power test first, and again after each root taken, so the search stops
    as soon as the base is no longer a power; the prime exponents are tried in increasing
    order and a successful one is tried again (64: two square roots, then a cube root).
    """
    if not _backend.is_power(m):
        return m, 1
    x, e, q = m, 1, 2
    while x > 3 and _backend.is_power(x):
        while True:  # x is a perfect power, so some prime q <= log2(x) gives an exact root
            if _may_be_qth_power(x, q):
                root, exact = _iroot_mpz(x, q)
                if exact:
                    x, e = int(root), e * q
                    break
            q = _next_small_prime(q)
    return x, e


def _may_be_qth_power(x: int, q: int) -> bool:
    """False only if x is certainly not a q-th power: x mod P is not one, for P = 1 (mod q).

    A q-th power is one modulo every prime P; when q | P - 1 only one residue class in q
    is, so two such primes leave about 1/q**2 of the non-powers. Each test is x mod P,
    linear in the size of x, where a root costs a multiplication: for 3**100003 the 9,592
    primes below 100003 took 10 s of roots before this screen.
    """
    if q < 5:
        return True  # few classes to screen out: the root is as cheap
    found, k = 0, 2
    while found < 2:
        big_p = k * q + 1  # k even: P odd
        k += 2
        if not _backend.is_probable_prime(big_p):  # BPSW, exact below 2**64
            continue
        found += 1
        r = x % big_p
        if r and pow(r, (big_p - 1) // q, big_p) != 1:
            return False
    return True


def _next_small_prime(q: int) -> int:
    q += 1 if q == 2 else 2
    while any(q % p == 0 for p in range(3, int(q**0.5) + 1, 2)):
        q += 2
    return q


def _with_candidates(n: int, exps: list[int], big: bool) -> tuple[int, int] | bool:
    m = -n if n < 0 else n
    if m <= 1:
        return False
    usable = [e for e in exps if 2 <= e <= m.bit_length() and (n > 0 or e % 2)]
    for e in reversed(usable) if big else usable:
        root, exact = _backend.iroot(m, e)
        if exact:
            return (root if n > 0 else -root), e
    return False


def _smallest_prime_factor(e: int) -> int:
    p = 2
    while e % p:
        p += 1
    return p
