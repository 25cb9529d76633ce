"""Roots modulo n: square roots, n-th roots, primitive roots.

sympy's names, argument order and return conventions: ``sqrt_mod(a, p, all_roots=False)``,
``nthroot_mod(a, n, p, all_roots=False)`` (the smallest root, or None; with ``all_roots`` the
sorted list, ``[]`` when there is none) and ``primitive_root(p, smallest=True)`` (None when
there is none). "No root" is a value; bad input raises.

Method: roots modulo each prime (FLINT's Tonelli-Shanks/Cipolla for squares; for n-th roots
a reduction to ``x**d == c`` with ``d = gcd(n, p - 1)``, solved through a discrete logarithm
in the Sylow subgroups of the primes of ``d``), lifted to prime powers by Hensel's lemma
(Newton steps when the derivative is a unit, else digit by digit), and combined over the
prime powers of the modulus by the Chinese remainder theorem.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from itertools import product
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.arith._dlog import pohlig_hellman
from numtheory.arith._multiplicative import modulus_factors as factorint
from numtheory.arith._residues import _is_odd_prime
from numtheory.errors import InputError

__all__ = ["MAX_ROOTS", "nthroot_mod", "primitive_root", "sqrt_mod"]

#: Most roots listed (or searched for the smallest) before refusing: about 0.4 GB of ints.
MAX_ROOTS = 10**7


_powmod = _backend.powmod_mpz
_jacobi = _backend.jacobi
#: The last modulus sqrt_mod() found to be an odd prime: a script takes many roots modulo
#: one p, and one comparison is cheaper than the cached primality test (an lru_cache lookup).
_last_prime = 3


def _too_many(count: int, func: str) -> InputError:
    return InputError(
        f"{func}() would have to list {count:,} roots (more than {MAX_ROOTS:,}); "
        "the modulus has too many"
    )


def _dth_root(c: int, d: int, p: int) -> int:
    """One root of ``x**d == c (mod p)``, for ``d | p - 1`` and ``c`` a unit d-th power."""
    if d == 1:
        return c
    if d == 2:
        r = _backend.sqrtmod_prime(c, p)
        assert r is not None
        return r
    ells = factorint(d)
    sylow = {ell: _valuation(p - 1, ell) for ell in ells}
    big_d = math.prod(ell**s for ell, s in sylow.items())
    t = (p - 1) // big_d
    # c = c_t * c_D with c_t of order | t and c_D of order | D (CRT idempotents)
    _, alpha, beta = _backend.gcdext(big_d, t)
    c_t = _backend.powmod(c, alpha * big_d, p)
    c_d = _backend.powmod(c, beta * t, p)
    root_t = _backend.powmod(c_t, _backend.invert(d, t) or 0, p) if t > 1 else 1
    # a generator h of the D-part: a product of generators of each Sylow subgroup
    h = 1
    for ell, s in sylow.items():
        y = 2
        while _backend.powmod(y, (p - 1) // ell, p) == 1:
            y += 1
        h = h * _backend.powmod(y, (p - 1) // ell**s, p) % p
    k = pohlig_hellman(c_d, h, p, big_d, dict(sylow), (p,))
    assert k is not None and k % d == 0
    root = root_t * _backend.powmod(h, k // d, p) % p
    assert _backend.powmod(root, d, p) == c
    return root


def _valuation(n: int, p: int) -> int:
    v = 0
    while n % p == 0:
        n //= p
        v += 1
    return v


def _roots_prime(a: int, n: int, p: int) -> list[int]:
    """All roots of ``x**n == a (mod p)``, p prime, sorted."""
    a %= p
    if a == 0:
        return [0]
    if p == 2:
        return [1]
    d, u, _ = _backend.gcdext(n, p - 1)
    if _backend.powmod(a, (p - 1) // d, p) != 1:
        return []
    if d > MAX_ROOTS:  # d roots: refuse before the work of finding the first
        raise _too_many(d, "nthroot_mod")
    c = _backend.powmod(a, u, p)  # x**n == a  <=>  x**d == a**u  (u*n == d mod p-1)
    x0 = _dth_root(c, d, p)
    if d == 1:
        return [x0]
    # a primitive d-th root of unity
    primes_d = factorint(d)
    y = 2
    while True:
        zeta = _backend.powmod(y, (p - 1) // d, p)
        if all(_backend.powmod(zeta, d // ell, p) != 1 for ell in primes_d):
            break
        y += 1
    roots, x = [], x0
    for _ in range(d):
        roots.append(x)
        x = x * zeta % p
    return sorted(roots)


def _roots_prime_power(a: int, n: int, p: int, k: int, func: str) -> list[int]:
    """All roots of ``x**n == a (mod p**k)``, sorted."""
    if k == 1:
        return _roots_prime(a, n, p)
    mod = p**k
    a %= mod
    if a == 0:  # x == 0 modulo p**ceil(k/n)
        c = -(-k // n)
        count = p ** (k - c)
        if count > MAX_ROOTS:
            raise _too_many(count, func)
        return [j * p**c for j in range(count)]
    v = _valuation(a, p)
    if v:
        if v % n:
            return []
        c = v // n
        inner = _roots_prime_power(a // p**v, n, p, k - v, func)
        spread = p ** (v - c)  # y is fixed modulo p**(k-v) but x = p**c * y needs y mod p**(k-c)
        if len(inner) * spread > MAX_ROOTS:
            raise _too_many(len(inner) * spread, func)
        step = p ** (k - v)
        return sorted(p**c * (y + j * step) for y in inner for j in range(spread))
    roots = _roots_prime(a, n, p)
    if n % p:  # derivative n*x**(n-1) is a unit: one Newton lift per root, doubling precision
        out = []
        for r in roots:
            j = 1
            while j < k:
                j = min(2 * j, k)
                m = p**j
                f = (_backend.powmod(r, n, m) - a) % m
                df = n * _backend.powmod(r, n - 1, m) % m
                r = (r - f * (_backend.invert(df, m) or 0)) % m
            out.append(r)
        return sorted(out)
    # p | n: lift digit by digit. For j >= 1, (r + t*p**j)**n == r**n (mod p**(j+1)) (the
    # binomial terms past the first carry n*p**j or p**(2j)), so either every lift of a root
    # r mod p**j is a root mod p**(j+1) or none is: one test per root, not p of them.
    current, j = roots, 1
    while j < k:
        pj = p**j
        m_next = pj * p
        keep = [r for r in current if (_backend.powmod(r, n, m_next) - a) % m_next == 0]
        if len(keep) * p > MAX_ROOTS:
            if not _unit_is_power(a, n, p, k):
                return []
            raise _too_many(len(keep) * p, func)
        current = [r + t * pj for r in keep for t in range(p)]
        j += 1
    return sorted(current)


def _unit_is_power(a: int, n: int, p: int, k: int) -> bool:
    """Whether the unit ``a`` is an n-th power modulo ``p**k`` (p prime, k >= 1).

    Odd p (or p**k <= 4): the unit group is cyclic of order phi, so exactly when
    ``a**(phi/gcd(n, phi)) == 1``. ``2**k``, k >= 3: ``{+-1} x <5>``; with ``n = 2**s * odd``
    the n-th powers are those of ``5**(2**s)``, i.e. ``a == 1 (mod 2**min(s+2, k))``.
    """
    mod = p**k
    if p == 2 and k >= 3:
        s = _valuation(n, 2)
        return s == 0 or a % 2 ** min(s + 2, k) == 1
    phi = p ** (k - 1) * (p - 1)
    return _backend.powmod(a, phi // math.gcd(n, phi), mod) == 1


def _root_classes(a: int, n: int, p: int, k: int, func: str) -> tuple[int, list[int]]:
    """The roots of ``x**n == a (mod p**k)`` as residue classes: ``(q, rs)`` with the roots
    exactly the ``x`` in ``[0, p**k)`` with ``x % q`` in ``rs`` (sorted; empty: none).

    A ``p``-divisible ``a`` has ``p**(v - c)`` copies of each root (``x = p**c * y``, ``y``
    fixed modulo ``p**(k - v)``): one class modulo ``p**(c + k - v)`` stands for them all.
    """
    mod = p**k
    a %= mod
    if a == 0:  # x == 0 modulo p**ceil(k/n)
        return p ** -(-k // n), [0]
    v = _valuation(a, p)
    if v:
        if v % n:
            return mod, []
        c = v // n
        inner = _roots_prime_power(a // p**v, n, p, k - v, func)  # a unit: few roots
        return p ** (c + k - v), sorted(p**c * y for y in inner)
    return mod, _roots_prime_power(a, n, p, k, func)


def _smallest_root(a: int, n: int, m: int, func: str) -> int | None:
    """The smallest root of ``x**n == a (mod m)``, from the classes of each prime power
    (their CRT combinations: far fewer than the roots); past :data:`MAX_ROOTS` combinations,
    the combination of each prime power's smallest root (folded to ``<= m // 2`` for even
    ``n``): a root, not always the smallest (sympy's ``sqrt_mod`` promises no more)."""
    classes = [_root_classes(a, n, p, e, func) for p, e in factorint(m).items()]
    if any(not rs for _, rs in classes):
        return None
    if math.prod(len(rs) for _, rs in classes) > MAX_ROOTS:
        x, mod = 0, 1
        for q, rs in classes:
            x += mod * ((rs[0] - x) * (_backend.invert(mod % q, q) or 0) % q)
            mod *= q
        x %= m
        return min(x, m - x) if n % 2 == 0 and x else x
    mod = math.prod(q for q, _ in classes)
    # the root classes' CRT images: a root is (one term of each) summed mod `mod`
    basis = crt_basis([q for q, _ in classes], mod)
    terms = [[r * e % mod for r in rs] for (_, rs), e in zip(classes, basis, strict=True)]
    return _least_sum_mod(terms, mod)


def crt_basis(moduli: list[int], mod: int) -> list[int]:
    """``e_i`` with ``e_i == 1 (mod m_i)`` and ``0`` modulo the others, for pairwise coprime
    ``moduli`` whose product is ``mod``: ``sum(r_i * e_i) % mod`` is the CRT combination."""
    return [mod // q * (_backend.invert(mod // q % q, q) or 0) % mod for q in moduli]


def _sums_mod(terms: list[list[int]], mod: int) -> list[int]:
    sums = [0]
    for ts in terms:
        sums = [(s + t) % mod for s in sums for t in ts]
    return sums


def _least_sum_mod(terms: list[list[int]], mod: int) -> int:
    """``min((t_1 + ... + t_k) % mod)`` over one ``t_i`` from each list (each in ``[0, mod)``),
    meeting in the middle: about ``2 * sqrt(N) * log(N)`` steps for ``N`` combinations.

    Split the lists in two with sums ``A`` and sorted ``B``; for each ``a``, the least
    ``(a + b) % mod`` wraps if some ``b >= mod - a`` (then it is the smallest such
    ``a + b - mod < a``), else is ``a + min(B)``.
    """
    half, count = 0, 1
    total = math.prod(len(ts) for ts in terms)
    while half < len(terms) and count * count < total:
        count *= len(terms[half])
        half += 1
    sums_a = _sums_mod(terms[:half], mod)
    sums_b = sorted(_sums_mod(terms[half:], mod))
    best = mod
    for a in sums_a:
        i = bisect_left(sums_b, mod - a)
        best = min(best, a + sums_b[i] - mod if i < len(sums_b) else a + sums_b[0])
    return best


def _roots(a: int, n: int, m: int, all_roots: bool, func: str) -> list[int] | int | None:
    if m == 1:
        return [0] if all_roots else 0
    if not all_roots and a % m == 0:
        return 0  # the smallest root, without listing the others
    if not all_roots:
        return _smallest_root(a, n, m, func)
    per_power: list[tuple[int, list[int]]] = []
    count = 1
    for p, e in factorint(m).items():
        rs = _roots_prime_power(a, n, p, e, func)
        if not rs:
            return []
        per_power.append((p**e, rs))
        count *= len(rs)
    if count > MAX_ROOTS:
        raise _too_many(count, func)
    if len(per_power) == 1:
        return per_power[0][1]
    basis = crt_basis([mi for mi, _ in per_power], m)
    return sorted(
        sum(r * e for r, e in zip(choice, basis, strict=True)) % m
        for choice in product(*(rs for _, rs in per_power))
    )


def sqrt_mod(a: Any, p: Any, all_roots: bool = False) -> list[int] | int | None:
    """Square roots of ``a`` modulo ``p`` (any modulus ``p >= 1``; sympy ``sqrt_mod``).

    Parameters
    ----------
    a : int
        Any integer.
    p : int
        The modulus, ``p >= 1``: a prime, a prime power or composite (it is factored).
    all_roots : bool
        False: the smallest root (sympy documents a root ``<= p // 2``; the smallest is
        one), found without listing the roots; past :data:`MAX_ROOTS` combinations of the
        prime powers' root classes, a root ``<= p // 2``, not always the smallest. True:
        every root in ``[0, p)``, sorted.

    Returns
    -------
    int, list of int, or None
        Exact roots (each checked by construction: Hensel lifting and CRT are exact).
        No root: None, or ``[]`` with ``all_roots``. An odd prime ``p`` (BPSW, remembered
        from the last call) costs one GMP powmod when ``p % 4 == 3`` or ``p % 8 == 5``
        (Atkin's formula), else FLINT's Tonelli-Shanks, the root checked by squaring and
        "no root" proved by the Jacobi symbol ``(a/p) = -1``: a BPSW pseudoprime ``p`` (none
        is known) could only make the list of roots incomplete, never wrong.

    Raises
    ------
    InputError
        ``p < 1`` (sympy divides by zero at 0 and silently uses ``|p|`` below), or more than
        :data:`MAX_ROOTS` roots to list with ``all_roots``.

    Examples
    --------
    >>> sqrt_mod(11, 43), sqrt_mod(17, 32, True), sqrt_mod(3, 7)
    (21, [7, 9, 23, 25], None)
    >>> sqrt_mod(4, 15, all_roots=True), sqrt_mod(0, 8, True)
    ([2, 7, 8, 13], [0, 4])

    References
    ----------
    H. Cohen, *A Course in Computational Algebraic Number Theory*, Alg. 1.5.1 (Tonelli-
    Shanks); Hensel's lemma, e.g. Niven, Zuckerman and Montgomery, section 2.6.
    """
    global _last_prime
    if type(a) is int is type(p) and (p == _last_prime or (p & 1 and _is_odd_prime(p))):
        _last_prime = p  # exact ints and an odd prime: no further checks to make
        return _sqrt_odd_prime(a, p, all_roots)
    a, p = as_int(a, "a"), as_int(p, "p")
    if p < 1:
        raise InputError(f"sqrt_mod() needs the modulus p >= 1, got {show(p)}")
    if p & 1 and _is_odd_prime(p):
        return _sqrt_odd_prime(a, p, all_roots)
    return _roots(a, 2, p, all_roots, "sqrt_mod")


def _sqrt_odd_prime(a: int, p: int, all_roots: bool) -> list[int] | int | None:
    """sqrt_mod for an odd (BPSW) prime ``p``: one GMP powmod when ``p % 4 == 3`` or
    ``p % 8 == 5`` (Atkin), else FLINT's Tonelli-Shanks/Cipolla. Every root is checked by
    squaring, so no root returned is wrong; "no root" is returned only when the Jacobi symbol
    ``(a/p)`` is -1, which proves it for any odd ``p``. Were ``p`` a BPSW pseudoprime (none is
    known), a failed formula with ``(a/p) != -1`` goes to the general path (:func:`_roots`).
    """
    a %= p
    if a == 0:
        return [0] if all_roots else 0
    if p & 3 == 3:  # a**((p+1)/4) squares to a**((p+1)/2) = a * (a/p)
        r = _powmod(a, (p + 1) >> 2, p)
    elif p & 7 == 5:  # Atkin: v = (2a)**((p-5)/8), i = 2a v**2 = sqrt(-1), r = a v (i - 1)
        v = _powmod(2 * a, (p - 5) >> 3, p)
        r = a * v * (2 * a * v * v - 1) % p
    else:  # p == 1 (mod 8)
        r = _backend.sqrtmod_prime(a, p)
    if r is None or r * r % p != a:  # a is not a square modulo p, if p is prime
        if _jacobi(a, p) == -1:  # not a square modulo some prime factor of p, whatever p is
            return [] if all_roots else None
        return _roots(a, 2, p, all_roots, "sqrt_mod")  # p is not prime after all
    r = int(r)
    s = p - r
    if s < r:
        r, s = s, r
    return [r, s] if all_roots else r


def nthroot_mod(a: Any, n: Any, p: Any, all_roots: bool = False) -> list[int] | int | None:
    """Roots of ``x**n == a (mod p)`` for any modulus ``p >= 1`` (sympy ``nthroot_mod``).

    Parameters
    ----------
    a : int
        Any integer.
    n : int
        The exponent, ``n >= 1``.
    p : int
        The modulus, ``p >= 1`` (factored).
    all_roots : bool
        False: the smallest root (as sympy documents), found without listing the roots;
        past :data:`MAX_ROOTS` combinations of the prime powers' root classes, a root, not
        always the smallest (for even ``n`` one ``<= p // 2``). True: all roots in
        ``[0, p)``, sorted.

    Returns
    -------
    int, list of int, or None
        Exact roots; None (or ``[]``) when there is none, as sympy. Cost: factoring ``p``
        and ``d = gcd(n, q - 1)`` for each prime ``q | p``, plus a discrete logarithm in the
        Sylow subgroups of the primes of ``d`` (cheap unless a large prime divides both
        ``n`` and ``q - 1``); each prime power's roots are listed (as residue classes),
        those modulo ``p`` only with ``all_roots``.

    Raises
    ------
    InputError
        ``n < 1`` or ``p < 1``; more than :data:`MAX_ROOTS` roots to list with
        ``all_roots``, or modulo one prime power of ``p``.

    Examples
    --------
    >>> nthroot_mod(11, 4, 19), nthroot_mod(11, 4, 19, True), nthroot_mod(68, 3, 109)
    (8, [8, 11], 23)
    >>> nthroot_mod(2, 3, 9, True), nthroot_mod(3, 3, 8, True)
    ([], [3])

    References
    ----------
    L. Adleman, K. Manders and G. Miller, "On taking roots in finite fields", FOCS 1977,
    175-178; P. Hackman, *Elementary Number Theory* (2009), p. 76.
    """
    a, n, p = as_int(a, "a"), as_int(n, "n"), as_int(p, "p")
    if n < 1:
        raise InputError(f"nthroot_mod() needs n >= 1, got {show(n)}")
    if p < 1:
        raise InputError(f"nthroot_mod() needs the modulus p >= 1, got {show(p)}")
    if n == 1:
        return [a % p] if all_roots else a % p
    return _roots(a, n, p, all_roots, "nthroot_mod")


def primitive_root(p: Any, smallest: bool = True) -> int | None:
    """A generator of ``(Z/pZ)^*``, or None if that group is not cyclic (sympy's convention).

    Primitive roots exist exactly for ``p = 2, 4, q**e, 2*q**e`` (``q`` an odd prime).

    Parameters
    ----------
    p : int
        ``p >= 2``.
    smallest : bool
        True: the smallest primitive root. False: one found faster (the smallest one modulo
        ``q``, lifted), as sympy.

    Returns
    -------
    int or None
        The order of the result is checked against every prime factor of phi(p) (found by
        factoring ``q - 1``: see :func:`numtheory.factorint` for its cost; none when ``p``
        is a prime with ``p - 1`` a power of 2 times 1 or a BPSW probable prime, as for a
        safe prime: about 1.5 us at 20 digits). Primality is BPSW's, as in the factoring
        of moduli (exact below 2**64, no known counterexample above): ``p`` or the odd part
        of ``p - 1`` being a BPSW pseudoprime could make the result wrong; nothing is
        proved.

    Raises
    ------
    InputError
        ``p < 2``.

    Examples
    --------
    >>> primitive_root(19), primitive_root(8), primitive_root(2), primitive_root(4)
    (2, None, 1, 3)
    >>> primitive_root(2 * 3**5), primitive_root(10**20 + 39)
    (5, 3)

    References
    ----------
    C. F. Gauss, *Disquisitiones Arithmeticae* (1801), art. 52-92; H. Cohen, Alg. 1.4.4.
    """
    if type(p) is not int:
        p = as_int(p, "p")
    if p & 1 and _is_odd_prime(p):
        return _primitive_root_prime(p)
    return _primitive_root(p, smallest)


def _primitive_root_prime(p: int) -> int:
    """The smallest primitive root of an odd (BPSW) prime ``p`` (both ``smallest`` settings
    find it: the general path's faster search is the smallest modulo a prime too).

    ``p - 1 = 2**k * c`` with ``c`` 1 or a probable prime (a safe prime, ``c = (p-1)/2``)
    needs no factoring; then ``g`` generates exactly when ``(g/p) = -1`` (Euler's criterion,
    a GMP Jacobi symbol, not a powmod) and ``g**((p-1)/c) != 1``.
    """
    phi = p - 1
    odd = phi >> ((phi & -phi).bit_length() - 1)
    if odd == 1 or _is_odd_prime(odd):
        others = [] if odd == 1 else [phi // odd]
    else:
        others = [phi // ell for ell in factorint(phi) if ell != 2]
    g = 2
    while _jacobi(g, p) != -1 or any(_powmod(g, e, p) == 1 for e in others):
        g += 1
    return g


def _primitive_root(p: int, smallest: bool) -> int | None:
    if p < 2:
        raise InputError(f"primitive_root() needs p >= 2, got {show(p)}")
    if p in (2, 4):
        return p - 1
    m, doubled = (p // 2, True) if p % 2 == 0 else (p, False)
    if m % 2 == 0:
        return None
    fac = factorint(m)
    if len(fac) != 1:
        return None
    ((q, e),) = fac.items()
    phi_factors = dict(factorint(q - 1))
    if e > 1:
        phi_factors[q] = phi_factors.get(q, 0) + e - 1
    phi = (q - 1) * q ** (e - 1)

    def is_generator(g: int) -> bool:
        return math.gcd(g, p) == 1 and all(
            _backend.powmod(g, phi // ell, p) != 1 for ell in phi_factors
        )

    if smallest:
        g = 1
        while not is_generator(g):
            g += 1
        return g
    g = 2
    while not all(_backend.powmod(g, (q - 1) // ell, q) != 1 for ell in factorint(q - 1)):
        g += 1
    if e > 1 and _backend.powmod(g, q - 1, q * q) == 1:
        g += q  # g primitive mod q but not mod q**2: g + q is (Gauss)
    if doubled and g % 2 == 0:
        g += m
    assert is_generator(g), (g, p)
    return g
