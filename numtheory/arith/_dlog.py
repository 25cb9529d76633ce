"""Multiplicative orders and discrete logarithms modulo n.

:func:`discrete_log` is Pohlig-Hellman: the order of the base is factored and the logarithm
is found one prime-power digit at a time, each digit a logarithm in a subgroup of prime
order ``l``. That subgroup logarithm is

* trial multiplication for ``l < 100``;
* baby-step/giant-step for ``l < 2**36`` (a table of at most ``2**18`` residues, about 30 MB);
* index calculus (:mod:`numtheory.arith._dlog_index`) modulo a prime ``p | n`` of at most
  :data:`~numtheory.arith._dlog_index.MAX_INDEX_BITS` bits with ``l | p - 1`` (``n`` itself,
  or a prime factor of a composite ``n`` such as ``2p`` or ``p**2``);
* for ``l = p`` with ``p**2 | n``: closed form (``(1 + p**(e-1)*u)**x = 1 + p**(e-1)*u*x``);
* otherwise Pollard's rho with Teske's 20-adding walk (constant memory, about
  ``1.3*sqrt(l)`` multiplications: seconds at ``l ~ 2**40``), refused above ``l >``
  :data:`MAX_RHO_ORDER` with an error giving the cost.

Sympy's name and argument order: ``discrete_log(n, a, b)`` solves ``b**x == a (mod n)``.
"""

from __future__ import annotations

import math
import random
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.arith._multiplicative import modulus_factors as factorint
from numtheory.errors import InputError, NoSolutionError

__all__ = ["MAX_RHO_ORDER", "discrete_log", "multiplicative_order", "n_order"]

#: Subgroup orders up to this use baby-step/giant-step (table of isqrt(l) + 1 entries).
_BSGS_MAX_ORDER = 2**36
#: Pollard rho is refused above this prime subgroup order: about 1.3 * 2**25 steps, a few
#: minutes here (5 s at 2**40). 2**64 allowed 2**32 steps: hours, more than any script waits.
MAX_RHO_ORDER = 2**50
_TRIAL_MAX_ORDER = 100
_WALK = 20  # Teske: an r-adding walk with r = 20 behaves like a random walk


def _merge(into: dict[int, int], more: dict[int, int]) -> None:
    for p, e in more.items():
        into[p] = into.get(p, 0) + e


def group_order_factors(modulus_factors: dict[int, int]) -> dict[int, int]:
    """Factorisation of phi(n) = |(Z/nZ)^*| from that of n (factors each p - 1)."""
    out: dict[int, int] = {}
    for p, e in modulus_factors.items():
        if e > 1:
            _merge(out, {p: e - 1})
        if p > 2:
            _merge(out, factorint(p - 1))
    return dict(sorted(out.items()))


def order_with_factors(b: int, n: int, phi_factors: dict[int, int]) -> tuple[int, dict[int, int]]:
    """The order of the unit ``b`` modulo ``n`` and its factorisation, from that of phi(n)."""
    order = math.prod(p**e for p, e in phi_factors.items())
    out: dict[int, int] = {}
    for p, e in phi_factors.items():
        k = e
        while k and _backend.powmod(b, order // p, n) == 1:
            order //= p
            k -= 1
        if k:
            out[p] = k
    return order, out


def multiplicative_order(a: Any, n: Any) -> int:
    """The least ``k >= 1`` with ``a**k == 1 (mod n)`` (sympy ``n_order``; alias ``n_order``).

    Parameters
    ----------
    a : int
        Coprime to ``n``; any sign.
    n : int
        ``n >= 2``.

    Returns
    -------
    int
        Exact. Cost: factoring ``n`` and ``p - 1`` for each prime ``p | n`` (see
        :func:`numtheory.factorint`), then a few modular powers per prime factor of phi(n).

    Raises
    ------
    InputError
        ``n < 2``.
    NoSolutionError
        ``gcd(a, n) > 1``: no power of ``a`` is 1 modulo ``n``.

    Examples
    --------
    >>> multiplicative_order(3, 7), n_order(2, 2**61 - 1), multiplicative_order(-2, 7)
    (6, 61, 6)

    References
    ----------
    H. Cohen, *A Course in Computational Algebraic Number Theory*, Alg. 1.4.3.
    """
    a, n = as_int(a, "a"), as_int(n, "n")
    if n < 2:
        raise InputError(f"multiplicative_order() needs n >= 2, got {show(n)}")
    a %= n
    if math.gcd(a, n) != 1:
        raise NoSolutionError(
            f"multiplicative_order(): {show(a)} is not a unit modulo {show(n)} "
            f"(gcd {show(math.gcd(a, n))}), so no power of it is 1"
        )
    return order_with_factors(a, n, group_order_factors(factorint(n)))[0]


n_order = multiplicative_order


def _log_trial(h: int, g: int, ell: int, n: int) -> int | None:
    x = 1
    for k in range(ell):
        if x == h:
            return k
        x = x * g % n
    return None


def _log_bsgs(h: int, g: int, ell: int, n: int) -> int | None:
    m = math.isqrt(ell - 1) + 1
    table: dict[int, int] = {}
    x = 1
    for j in range(m):
        table.setdefault(x, j)
        x = x * g % n
    giant = _backend.powmod(g, -m, n)
    y = h
    for i in range(m + 1):
        found = table.get(y)
        if found is not None:
            return (i * m + found) % ell
        y = y * giant % n
    return None


def _log_rho(h: int, g: int, ell: int, n: int, rng: random.Random) -> int | None:
    """Pollard rho with Teske's r-adding walk and Brent's cycle finding; None if h not in <g>."""
    if _backend.powmod(h, ell, n) != 1:
        return None
    for _attempt in range(8):
        steps = []
        for _ in range(_WALK):
            u, v = rng.randrange(ell), rng.randrange(ell)
            steps.append((_backend.powmod(g, u, n) * _backend.powmod(h, v, n) % n, u, v))
        u0, v0 = rng.randrange(ell), rng.randrange(ell)
        x = _backend.powmod(g, u0, n) * _backend.powmod(h, v0, n) % n
        u, v = u0, v0
        saved, su, sv = x, u, v
        power, lam = 1, 0
        limit = 50 * math.isqrt(ell) + 1000
        for _ in range(limit):
            m, du, dv = steps[x % _WALK]
            x = x * m % n
            u += du
            v += dv
            lam += 1
            if x == saved:
                break
            if lam == power:
                saved, su, sv = x, u % ell, v % ell
                u, v = su, sv
                power *= 2
                lam = 0
        else:
            continue
        # g^u h^v == g^su h^sv  =>  x (v - sv) == su - u  (mod ell)
        dv_total = (v - sv) % ell
        if dv_total == 0:
            continue
        return (su - u) * _backend.invert(dv_total, ell) % ell  # type: ignore[operator]
    raise NoSolutionError(  # pragma: no cover - 8 failed walks: astronomically unlikely
        f"discrete_log(): Pollard rho failed 8 times in a subgroup of order {show(ell)}"
    )


def _prime_order_log(
    h: int, g: int, ell: int, n: int, n_primes: tuple[int, ...], rng: random.Random
) -> int | None:
    """x in [0, ell) with g**x == h (mod n), g of prime order ell; None if h not in <g>.

    ``n_primes`` are the primes dividing ``n``. Index calculus works modulo a prime ``p``:
    for a composite ``n`` it is used modulo a prime ``p | n`` where ``g`` keeps its order
    ``ell`` (one exists: ``g != 1`` modulo some ``p**e``, and the kernel of reduction from
    ``p**e`` to ``p`` is a p-group). A log there is one modulo ``n`` exactly when ``h`` is
    in ``<g>`` modulo ``n``, which the final check decides.
    """
    if h == 1:
        return 0
    if ell < _TRIAL_MAX_ORDER:
        return _log_trial(h, g, ell, n)
    if ell <= _BSGS_MAX_ORDER:
        return _log_bsgs(h, g, ell, n)
    if ell in n_primes and n % (ell * ell) == 0:
        x = _log_order_p(h, g, ell, n)
        if x is not None:
            return x if _backend.powmod(g, x, n) == h else None
    from numtheory.arith import _dlog_index

    for p in n_primes:
        if g % p != 1 and _dlog_index.applicable(p, ell):
            x = _dlog_index.subgroup_log(h % p, g % p, ell, p, rng)
            if x is None or (p != n and _backend.powmod(g, x, n) != h):
                return None
            return x
    if ell > MAX_RHO_ORDER:
        raise InputError(
            f"discrete_log() needs a subgroup of prime order {show(ell)} (about 2**"
            f"{ell.bit_length()}): Pollard rho would take about 2**{ell.bit_length() // 2} "
            f"steps; refused above 2**{MAX_RHO_ORDER.bit_length() - 1}"
        )
    return _log_rho(h, g, ell, n, rng)


def _log_order_p(h: int, g: int, p: int, n: int) -> int | None:
    """``x`` with ``g**x == h`` modulo ``p**e || n`` (``e >= 2``, ``p`` odd, ``g`` of order ``p``
    there), or None when ``g == 1`` there (then another prime of ``n`` must do).

    The elements of order ``p`` modulo ``p**e`` are ``1 + p**(e-1)*u``, and
    ``(1 + p**(e-1)*u)**x == 1 + p**(e-1)*u*x`` (``2*(e-1) >= e``): so ``x = v/u (mod p)``
    for ``h == 1 + p**(e-1)*v``, whatever the size of ``p``. The caller checks modulo ``n``.
    """
    pe = p * p
    while n % (pe * p) == 0:
        pe *= p
    k = pe // p
    u, v = g % pe - 1, h % pe - 1
    if u == 0 or u % k or v % k:
        return None
    inv = _backend.invert(u // k, p)
    return None if inv is None else (v // k) * inv % p


def pohlig_hellman(
    a: int, b: int, n: int, order: int, order_factors: dict[int, int], n_primes: tuple[int, ...]
) -> int | None:
    """x in [0, order) with b**x == a (mod n), ``order`` the order of b, ``n_primes`` the
    primes dividing ``n``; None if none."""
    rng = random.Random(order ^ n)  # deterministic per problem: reproducible timings
    residues, moduli = [], []
    for ell, e in order_factors.items():
        gamma = _backend.powmod(b, order // ell, n)  # order ell
        x_l = 0
        for k in range(e):
            # strip the digits found so far, raise into the subgroup of order ell
            t = a * _backend.powmod(b, -x_l, n) % n
            h = _backend.powmod(t, order // ell ** (k + 1), n)
            d = _prime_order_log(h, gamma, ell, n, n_primes, rng)
            if d is None:
                return None
            x_l += d * ell**k
        residues.append(x_l)
        moduli.append(ell**e)
    x, big = 0, 1
    for r, m in zip(residues, moduli, strict=True):  # coprime moduli: plain CRT
        inv = _backend.invert(big, m)
        assert inv is not None
        x += big * ((r - x) * inv % m)
        big *= m
    x %= order
    return x if _backend.powmod(b, x, n) == a else None


def discrete_log(n: Any, a: Any, b: Any, order: Any = None, prime_order: Any = None) -> int:
    """The least ``x >= 0`` with ``b**x == a (mod n)`` (sympy ``discrete_log(n, a, b)``).

    Parameters
    ----------
    n : int
        The modulus, ``n >= 1``.
    a, b : int
        Any integers; ``b`` need not be a primitive root, nor coprime to ``n``.
    order : int, optional
        The multiplicative order of ``b`` modulo ``n`` if known (checked: ``b**order == 1``);
        it is factored instead of phi(n).
    prime_order : bool, optional
        Accepted for sympy compatibility; primality is tested anyway.

    Returns
    -------
    int
        Exact: the result is checked, ``pow(b, x, n) == a % n``, and is the least such ``x``.

    How far it goes: Pohlig-Hellman over the order of ``b``, so the cost is set by the
    largest prime ``l`` dividing it. Up to ``l ~ 2**36`` baby-step/giant-step (memory at most
    ``2**18`` residues); when ``n`` or a prime factor ``p`` of it with ``l | p - 1`` has
    at most 100 bits (30 digits), index calculus modulo that prime whatever ``l``
    (CPU time measured on the loaded 2-core project machine: 0.1 s for a 16-digit safe
    prime, 0.5 s at 20 digits, 5-9 s at 25, minutes at 30; PARI's ``znlog`` takes 0.86 s
    at 20); a subgroup of order ``p`` modulo ``p**e`` (``e >= 2``) costs one inversion;
    otherwise Pollard rho (constant memory, about ``1.3*sqrt(l)`` steps), refused above
    ``l > 2**50`` (minutes there). Factoring ``n`` and each ``p - 1`` comes first (see
    :func:`factorint`).

    Raises
    ------
    InputError
        ``n < 1``, a bad ``order``, or a prime subgroup too large for the methods above.
    NoSolutionError
        No ``x`` exists (a ValueError, as sympy raises; not an InputError).

    Examples
    --------
    >>> discrete_log(41, 15, 7), discrete_log(8, 0, 2), discrete_log(1, 5, 3)
    (3, 3, 0)
    >>> p = 2**127 - 1                  # p - 1 = 2 * 3**3 * 7**2 * ... (largest 77158673929)
    >>> discrete_log(p, pow(3, 10**30, p), 3) == 10**30 % multiplicative_order(3, p)
    True

    References
    ----------
    S. Pohlig and M. Hellman, IEEE Trans. Inf. Theory 24 (1978) 106-110; D. Shanks (1971,
    baby-step/giant-step); J. M. Pollard, Math. Comp. 32 (1978) 918-924; E. Teske, Math.
    Comp. 70 (2001) 809-825 (r-adding walks).
    """
    n, a, b = as_int(n, "n"), as_int(a, "a"), as_int(b, "b")
    if n < 1:
        raise InputError(f"discrete_log() needs n >= 1, got {show(n)}")
    if n == 1:
        return 0
    a, b = a % n, b % n
    n_factors = factorint(n)
    if math.gcd(b, n) != 1:
        return _noncoprime_log(n, a, b, n_factors)
    if math.gcd(a, n) != 1:
        raise NoSolutionError(
            f"discrete_log(): no power of {show(b)} is {show(a)} modulo {show(n)} "
            "(b is a unit, a is not)"
        )
    if order is not None:
        order = as_int(order, "order")
        if order < 1 or _backend.powmod(b, order, n) != 1:
            raise InputError(
                f"discrete_log() needs order to be a multiple of the order of b, got {show(order)}"
            )
        order, order_factors = order_with_factors(b, n, factorint(order))
    else:
        order, order_factors = order_with_factors(b, n, group_order_factors(n_factors))
    x = pohlig_hellman(a, b, n, order, order_factors, tuple(n_factors))
    if x is None:
        raise NoSolutionError(
            f"discrete_log(): no power of {show(b)} is {show(a)} modulo {show(n)}"
        )
    return x


def _no_log(n: int, a: int, b: int) -> NoSolutionError:
    return NoSolutionError(f"discrete_log(): no power of {show(b)} is {show(a)} modulo {show(n)}")


def _noncoprime_log(n: int, a: int, b: int, n_factors: dict[int, int]) -> int:
    """b shares a prime with n: small x directly, then x >= L through the coprime part."""
    bound = max(n_factors.values())  # b**x == 0 modulo the shared part once x >= bound
    x, power = 0, 1 % n
    for x in range(bound):
        if power == a:
            return x
        power = power * b % n
    shared = math.prod(p**e for p, e in n_factors.items() if b % p == 0)
    rest = n // shared
    if a % shared:
        raise _no_log(n, a, b)
    if rest == 1:
        return bound
    rest_factors = {p: e for p, e in n_factors.items() if b % p}
    order, order_factors = order_with_factors(b % rest, rest, group_order_factors(rest_factors))
    if math.gcd(a, rest) != 1:
        raise _no_log(n, a, b)
    x0 = pohlig_hellman(a % rest, b % rest, rest, order, order_factors, tuple(rest_factors))
    if x0 is None:
        raise _no_log(n, a, b)
    if x0 < bound:
        x0 += -(-(bound - x0) // order) * order
    assert _backend.powmod(b, x0, n) == a
    return x0
