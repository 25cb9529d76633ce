"""Linear algebra modulo word-size primes, lifted to exact integers.

Every guess is the kernel of a linear system whose entries are the terms (times powers of n):
thousands of terms of thousands of digits make exact elimination hopeless, but the system
modulo a 60-bit prime is a FLINT ``nmod_mat`` solved in C. The kernel vector is computed
modulo several primes, combined by the Chinese remainder theorem, and read back as rationals
by rational reconstruction (Wang 1981; von zur Gathen & Gerhard, *Modern Computer Algebra*,
section 5.10). A reconstruction is accepted only when one more prime leaves it unchanged
(early termination), and the caller then checks the integer vector exactly against every
equation: the modular computation finds the candidate, the exact check is what is trusted.

Guarantee: :func:`lift_kernel` returns either ``None`` or an integer vector that the caller's
exact ``check`` accepted; it never returns an unchecked vector.

>>> from numtheory.guessing._modular import rational_reconstruction
>>> m = 10**20
>>> rational_reconstruction(3 * pow(7, -1, m) % m, m)
Fraction(3, 7)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from functools import cache
from math import gcd, isqrt
from typing import Any

from numtheory import _backend
from numtheory.arith import prev_prime

__all__ = [
    "Residues",
    "integer_vector",
    "kernel_mod",
    "lift",
    "lift_kernel",
    "prime",
    "rational_reconstruction",
]

#: Primes just below 2**31: FLINT's nmod_mat is as fast modulo 31 bits as modulo 60 (0.4 s
#: for a 1000 x 997 kernel either way), and products of two residues fit in an int64, so the
#: matrices are built with numpy.
_PRIME_TOP = 2**31
#: Most primes one kernel may use: 128 x 31 bits, coefficients up to about 600 digits.
MAX_PRIMES = 128


@cache
def prime(k: int) -> int:
    """The ``k``-th prime below 2**60 counting down (``prime(0)`` is the largest)."""
    return prev_prime(_PRIME_TOP if k == 0 else prime(k - 1))


def primes() -> Iterator[int]:
    """The word-size primes in the order the modular solvers use them."""
    k = 0
    while k < MAX_PRIMES:
        yield prime(k)
        k += 1


def kernel_mod(flat: list[int], nrows: int, ncols: int, p: int) -> tuple[int, list[int]]:
    """The simplest kernel vector of an ``nrows x ncols`` matrix modulo ``p``.

    Columns are ordered by the caller from the most to the least costly unknown (highest
    degree first). Of all kernel vectors, the one returned has as many leading zero
    coordinates as possible (the last row of the reduced echelon form of a kernel basis), so
    it is the simplest relation; it is scaled so that its first nonzero coordinate is 1.
    Returns ``(nullity, vector)``; ``(0, [])`` when the kernel is trivial.
    """
    if nrows == 0:
        vec = [0] * ncols
        vec[ncols - 1] = 1
        return ncols, vec
    matrix = _backend.nmod_mat(nrows, ncols, flat, p)
    basis, nullity = matrix.nullspace()
    if nullity == 0:
        return 0, []
    # basis is ncols x ncols; its first `nullity` columns span the kernel: take them as rows
    # (by index: converting all ncols**2 entries would cost as much as the kernel itself)
    rows = [[int(basis[i, c]) for i in range(ncols)] for c in range(nullity)]
    if nullity == 1:
        vec = rows[0]
    else:
        reduced, rank = _backend.nmod_mat(nullity, ncols, [x for r in rows for x in r], p).rref()
        flat_r = [int(e) for e in reduced.entries()]
        vec = flat_r[(rank - 1) * ncols : rank * ncols]
    lead = next(i for i, x in enumerate(vec) if x)
    inv = pow(vec[lead], -1, p)
    return nullity, [x * inv % p for x in vec]


def rational_reconstruction(u: int, m: int) -> Fraction | None:
    """The fraction ``a/b`` with ``a = u*b (mod m)``, ``|a|, b <= sqrt(m/2)``, or None.

    Half of the extended Euclidean algorithm on ``(m, u)``; unique when it exists.
    """
    u %= m
    bound = isqrt(m // 2)
    r0, r1 = m, u
    t0, t1 = 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        t0, t1 = t1, t0 - q * t1
    if t1 == 0 or abs(t1) > bound or gcd(r1, abs(t1)) != 1:
        return None
    return Fraction(r1, t1) if t1 > 0 else Fraction(-r1, -t1)


def integer_vector(values: Sequence[Fraction | int]) -> tuple[int, ...]:
    """The primitive integer vector proportional to ``values`` (first nonzero entry > 0)."""
    den = 1
    for v in values:
        d = Fraction(v).denominator
        den = den * d // gcd(den, d)
    ints = [int(Fraction(v) * den) for v in values]
    g = 0
    for x in ints:
        g = gcd(g, x)
    if g == 0:
        return tuple(ints)
    sign = -1 if next(x for x in ints if x) < 0 else 1
    return tuple(sign * x // g for x in ints)


#: Numbers of combined primes after which the image is reconstructed: each attempt costs a
#: half-gcd per coordinate, so attempting after every prime would cost O(primes^2).
_ATTEMPTS = frozenset(
    {1, 2, 3, 4, 5} | {k * 2**e for e in range(1, 8) for k in (3, 4)} | {MAX_PRIMES}
)


def _crt(r1: int, m1: int, r2: int, m2: int) -> int:
    return (r1 + m1 * ((r2 - r1) * pow(m1, -1, m2) % m2)) % (m1 * m2)


class Residues:
    """The terms, and their residues modulo each prime asked for (computed once per prime)."""

    def __init__(self, terms: Sequence[int], offset: int) -> None:
        self.terms = tuple(terms)
        self.offset = offset
        self._cache: dict[int, list[int]] = {}
        self._big: list[Any] | None = None
        self.small = all(-(2**62) < t < 2**62 for t in self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def big(self) -> list[Any]:
        """The terms as GMP integers (for exact checks on huge terms)."""
        if self._big is None:
            self._big = _backend.big_ints(list(self.terms))
        return self._big

    def mod(self, p: int) -> list[int]:
        if p not in self._cache:
            if self.small:
                self._cache[p] = [t % p for t in self.terms]
            else:
                self._cache[p] = _backend.big_residues(self.big(), p)
        return self._cache[p]


Image = tuple[tuple[int, ...], list[int]]


def lift(
    image: Callable[[int], Image | None],
    check: Callable[[tuple[int, ...]], bool],
    max_primes: int = MAX_PRIMES,
) -> tuple[int, ...] | None:
    """An integer vector from its images modulo several primes, checked exactly.

    ``image(p)`` returns ``(signature, vector mod p)``, or None when there is no relation
    modulo ``p`` (then, for a good prime, none over the rationals: the search ends). The
    signature ranks primes: an unlucky prime (one dividing a minor) sees a larger kernel or
    a simpler relation than the rationals have, so only the primes with the smallest
    signature are combined. The CRT image is reconstructed as rationals after each prime;
    when one more prime leaves the reconstruction unchanged, its primitive integer vector
    goes to ``check``, and is returned only if ``check`` accepts it.
    """
    best: tuple[int, ...] | None = None
    residues: list[int] = []
    modulus = 1
    previous: tuple[Fraction, ...] | None = None
    tried: set[tuple[int, ...]] = set()
    combined = 0
    for count, p in enumerate(primes()):
        if count >= max_primes:
            return None
        found = image(p)
        if found is None:
            return None
        signature, vec = found
        if best is not None and signature > best:
            continue  # an unlucky prime: it sees a coincidence the rationals do not have
        if best is None or signature < best:
            best, residues, modulus, previous, combined = signature, list(vec), p, None, 1
        else:
            residues = [_crt(r, modulus, v, p) for r, v in zip(residues, vec, strict=True)]
            modulus *= p
            combined += 1
        if combined not in _ATTEMPTS:
            continue  # reconstruct at 1, 2, 3, 4, 6, 8, 12, ... primes: O(log) attempts
        current: list[Fraction] = []
        for r in residues:
            q = rational_reconstruction(r, modulus)
            if q is None:
                break
            current.append(q)
        else:
            stable = tuple(current)
            if stable == previous:
                candidate = integer_vector(stable)
                if candidate not in tried:
                    tried.add(candidate)
                    if check(candidate):
                        return candidate
            previous = stable
            continue
        previous = None
    return None


def lift_kernel(
    build: Callable[[int], tuple[list[int], int, int]],
    check: Callable[[tuple[int, ...]], bool],
    max_primes: int = MAX_PRIMES,
) -> tuple[int, ...] | None:
    """The simplest integer kernel vector of a matrix given modulo primes, checked exactly.

    ``build(p)`` returns ``(flat, nrows, ncols)``, the matrix modulo ``p`` with its columns
    ordered most costly first (see :func:`kernel_mod`). A trivial kernel modulo a prime ends
    the search (``None``): a relation over the rationals survives modulo every prime that
    does not divide all the maximal minors, so this misses one with probability about
    ``1/p``. See :func:`lift` for the rest.
    """

    def image(p: int) -> Image | None:
        flat, nrows, ncols = build(p)
        nullity, vec = kernel_mod(flat, nrows, ncols, p)
        if nullity == 0:
            return None
        lead = next(i for i, x in enumerate(vec) if x)
        return (nullity, lead), vec

    return lift(image, check, max_primes)
