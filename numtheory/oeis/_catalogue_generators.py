"""Generators of the built-in catalogue (the table behind :mod:`numtheory.oeis._catalogue`).

Each generator takes ``n`` and returns the first ``n`` terms, starting at the entry's offset.
Primality, prime stepping and factorisation are numtheory's own public functions
(:func:`numtheory.arith.is_prime`: exact below 2**64, Baillie-PSW above, the one primality
semantics of the package; :func:`~numtheory.arith.next_prime`; :func:`~numtheory.arith.
factorint`, whose factors are proven); the rest (partition, Bell, Stirling, Bernoulli and
Fibonacci numbers) is exact integer arithmetic written out here, by the recurrences cited at
each helper. Names are numtheory's own short descriptions.

This module is a leaf: it imports no other part of the catalogue (``register`` below only
fills :data:`TABLE`, which :mod:`numtheory.oeis._catalogue` reads), and it imports
:mod:`numtheory.arith` (hence GMP and FLINT) only when a term is computed, so reading the
table's names and offsets (the mirror does, for offsets and keywords) costs no GMP import.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from fractions import Fraction
from itertools import count, islice
from math import comb, factorial, gcd, isqrt, lcm, prod
from typing import NamedTuple

Generator = Callable[[int], list[int]]


class Row(NamedTuple):
    """One row of the table: what :func:`register` was told about a generator."""

    number: int
    name: str
    offset: int
    keywords: tuple[str, ...]
    generator: Generator
    max_terms: int | None


#: The catalogue: A-number to its row, filled by :func:`register` as this module is imported.
TABLE: dict[int, Row] = {}


def register(
    number: int,
    name: str,
    offset: int,
    keywords: str = "core",
    *,
    max_terms: int | None = None,
) -> Callable[[Generator], Generator]:
    """Decorator adding a generator to :data:`TABLE` (``max_terms``: a finite table's length)."""

    def add(generator: Generator) -> Generator:
        if number in TABLE:
            raise RuntimeError(f"A{number:06d} registered twice")
        words = tuple(k for k in keywords.split(",") if k)
        TABLE[number] = Row(number, name, offset, words, generator, max_terms)
        return generator

    return add


# ------------------------------------------------------------------------------------------
# helpers


def _take(it: Iterator[int], n: int) -> list[int]:
    return list(islice(it, n))


def _primes() -> Iterator[int]:
    from numtheory.arith import next_prime

    p = 2
    while True:
        yield p
        p = next_prime(p)


def _fib(k: int) -> int:
    """F(k) by fast doubling: F(2m) = F(m) (2 F(m+1) - F(m)), F(2m+1) = F(m)**2 + F(m+1)**2."""
    a, b = 0, 1  # F(m), F(m+1) for m = the bits of k read so far
    for bit in bin(k)[2:]:
        a, b = a * (2 * b - a), a * a + b * b
        if bit == "1":
            a, b = b, a + b
    return a


def _is_prime(n: int) -> bool:
    from numtheory.arith import is_prime

    return is_prime(n)


def _factor(n: int) -> list[tuple[int, int]]:
    """Prime factorisation of n >= 1 as [(p, e), ...], increasing p."""
    return list(_factor_cached(n))


@functools.lru_cache(maxsize=8192)
def _factor_cached(n: int) -> tuple[tuple[int, int], ...]:
    # sigma, phi, mu, divisors... of the same small n are asked for by many generators
    from numtheory.arith import factorint

    return tuple(sorted(factorint(n).items())) if n > 1 else ()


# The multiplicative functions are numtheory.arith's (one implementation in the package),
# given the cached factorisation so that nothing is factored twice.
def _divisors(n: int) -> list[int]:
    from numtheory.arith import divisors

    return list(divisors(n, factors=dict(_factor_cached(n))))


def _sigma(n: int, k: int = 1) -> int:
    from numtheory.arith import divisor_sigma

    return divisor_sigma(n, k, factors=dict(_factor_cached(n)))


def _phi(n: int) -> int:
    from numtheory.arith import totient

    return totient(n, factors=dict(_factor_cached(n)))


def _mu(n: int) -> int:
    from numtheory.arith import mobius

    return mobius(n, factors=dict(_factor_cached(n)))


def _bigomega(n: int) -> int:
    from numtheory.arith import primeomega

    return primeomega(n, factors=dict(_factor_cached(n)))


def _valuation2(k: int) -> int:
    """The 2-adic valuation of k > 0: the index of its lowest set bit."""
    return (k & -k).bit_length() - 1


@functools.lru_cache(maxsize=64)
def _partition_counts(n: int) -> tuple[int, ...]:
    """p(0..n-1) by Euler's pentagonal number recurrence,
    p(m) = sum_{j >= 1} (-1)**(j+1) (p(m - j(3j-1)/2) + p(m - j(3j+1)/2))."""
    p = [1] + [0] * max(0, n - 1)
    for m in range(1, n):
        total, j = 0, 1
        while (g := j * (3 * j - 1) // 2) <= m:
            sign = 1 if j % 2 else -1
            total += sign * p[m - g]
            if (h := g + j) <= m:
                total += sign * p[m - h]
            j += 1
        p[m] = total
    return tuple(p[:n])


def _stirling2_row(m: int) -> list[int]:
    """S2(m, 0..m) by S2(m, k) = k S2(m-1, k) + S2(m-1, k-1)."""
    row = [1]
    for r in range(1, m + 1):
        row = [0] + [k * (row[k] if k < r else 0) + row[k - 1] for k in range(1, r + 1)]
    return row


def _stirling1_row(m: int) -> list[int]:
    """Signed s(m, 0..m) by s(m, k) = s(m-1, k-1) - (m-1) s(m-1, k)."""
    row = [1]
    for r in range(1, m + 1):
        row = [0] + [row[k - 1] - (r - 1) * (row[k] if k < r else 0) for k in range(1, r + 1)]
    return row


def _bell(n: int) -> list[int]:
    """Bell numbers B(0..n-1) by the Bell (Aitken) triangle."""
    out, row = [], [1]
    for _ in range(n):
        out.append(row[0])
        nxt = [row[-1]]
        for value in row:
            nxt.append(nxt[-1] + value)
        row = nxt
    return out


@functools.lru_cache(maxsize=16)
def _bernoulli(n: int) -> tuple[Fraction, ...]:
    """B_0..B_{n-1} (B_1 = -1/2) from sum_{k=0}^{m} C(m+1, k) B_k = 0 for m >= 1."""
    b: list[Fraction] = []
    for m in range(n):
        total = sum((comb(m + 1, k) * b[k] for k in range(m)), Fraction(0))
        b.append(Fraction(1) if m == 0 else -total / (m + 1))
    return tuple(b)


def _is_perfect_power(k: int) -> bool:
    """True when k = m**e for integers m >= 1, e >= 2 (k >= 1; 1 = 1**2 counts)."""
    from numtheory.arith import perfect_power

    return k == 1 or perfect_power(k) is not False


def _linear(initial: list[int], coeffs: list[int], n: int) -> list[int]:
    """a(m) = coeffs[0] a(m-1) + coeffs[1] a(m-2) + ... from the given initial terms."""
    out = list(initial[:n])
    while len(out) < n:
        out.append(sum(c * out[-1 - i] for i, c in enumerate(coeffs)))
    return out


def _series_mul(a: list[int], b: list[int], n: int) -> list[int]:
    out = [0] * n
    for i, x in enumerate(a[:n]):
        if x:
            for j, y in enumerate(b[: n - i]):
                out[i + j] += x * y
    return out


def _euler_transform(b: list[int], n: int) -> list[int]:
    """Coefficients 0..n-1 of prod_{k>=1} 1/(1-x^k)^b[k] (b[0] ignored)."""
    c = [0] * n
    for k in range(1, n):
        c[k] = sum(d * b[d] for d in _divisors(k))
    a = [1] + [0] * (n - 1)
    for m in range(1, n):
        a[m] = sum(c[k] * a[m - k] for k in range(1, m + 1)) // m
    return a[:n]


def _inverse_euler_transform(a: list[int]) -> list[int]:
    """b with prod 1/(1-x^k)^b[k] = sum a[m] x^m (a[0] = 1); b[0] is left 0."""
    n = len(a)
    c = [0] * n
    for m in range(1, n):
        c[m] = m * a[m] - sum(c[k] * a[m - k] for k in range(1, m))
    return [0] + [sum(_mu(m // d) * c[d] for d in _divisors(m)) // m for m in range(1, n)]


def _product_series(factor_exps: list[tuple[int, int]], n: int) -> list[int]:
    """prod (1 + x^k)^e over (k, e) as coefficients 0..n-1 (e = 1 or -1 for 1/(1 - x^k))."""
    a = [1] + [0] * (n - 1)
    for k, e in factor_exps:
        if k >= n:
            continue
        if e == 1:  # times (1 + x^k)
            for m in range(n - 1, k - 1, -1):
                a[m] += a[m - k]
        else:  # divided by (1 - x^k)
            for m in range(k, n):
                a[m] += a[m - k]
    return a


def _eta_power(power: int, n: int) -> list[int]:
    """Coefficients 0..n-1 of prod_{k>=1} (1 - x^k)^power (power >= 0)."""
    a = [1] + [0] * (n - 1)
    for k in range(1, n):
        for _ in range(power):
            for m in range(n - 1, k - 1, -1):
                a[m] -= a[m - k]
    return a


def _zigzag(n: int) -> list[int]:
    """Euler up/down numbers E(0..n-1) by the Seidel-Entringer boustrophedon."""
    out = [1]
    row = [1]
    for m in range(1, n):
        cur = [0]
        for k in range(1, m + 1):
            cur.append(cur[k - 1] + row[m - k])
        row = cur
        out.append(row[-1])
    return out[:n]


def _prime_flags(limit: int) -> bytearray:
    flags = bytearray([1]) * (limit + 1)
    flags[0:2] = b"\x00\x00"[: min(2, limit + 1)]
    for p in range(2, isqrt(limit) + 1):
        if flags[p]:
            flags[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
    return flags


def _digits_of(scaled: int, n: int) -> list[int]:
    return [int(ch) for ch in str(scaled)[:n]]


def _pi_scaled(digits: int) -> int:
    """floor-ish(pi * 10**digits) with error below 10**-5 relative to the last place."""
    guard = 10
    scale = 10 ** (digits + guard)

    def arctan_inv(x: int) -> int:
        total = term = scale // x
        x2, k, sign = x * x, 1, 1
        while term:
            term //= x2
            k += 2
            sign = -sign
            total += sign * (term // k)
        return int(total)

    return int((4 * (4 * arctan_inv(5) - arctan_inv(239))) // 10**guard)


def _e_scaled(digits: int) -> int:
    guard = 10
    scale = 10 ** (digits + guard)
    total, term, k = 0, scale, 0
    while term:
        total += term
        k += 1
        term //= k
    return int(total // 10**guard)


def _stable_digits(fn: object, n: int) -> list[int]:
    """Digits that do not change when more guard digits are used (no rounding trap)."""
    f = fn  # callable: digits -> scaled integer
    a = _digits_of(f(n + 5), n)  # type: ignore[operator]
    b = _digits_of(f(n + 25), n)  # type: ignore[operator]
    if a != b:
        raise ArithmeticError("digit computation not stable")
    return a


# ------------------------------------------------------------------------------------------
# the OEIS "core" sequences

_GROUPS = [0, 1, 1, 1, 2, 1, 2, 1, 5, 2, 2, 1, 5, 1, 2, 1, 14, 1, 5, 1, 5, 2, 2, 1, 15, 2, 2, 5]
_GROUPS += [4, 1, 4, 1, 51, 1, 2, 1, 14, 1, 2, 2, 14, 1, 6, 1, 4, 2, 2, 1, 52, 2, 5, 1, 5, 1]
_GROUPS += [15, 2, 13, 2, 2, 1, 13, 1, 2, 4, 267]


@register(1, "Number of groups of order n (table, n <= 64)", 0, "core,nonn,hard", max_terms=65)
def a000001(n: int) -> list[int]:
    return _GROUPS[:n]


@register(2, "Kolakoski sequence: a(n) is the length of the n-th run; only 1s and 2s", 1)
def a000002(n: int) -> list[int]:
    a = [1, 2, 2]
    i = 2
    while len(a) < n:
        a.extend([3 - a[-1]] * a[i])
        i += 1
    return a[:n]


@register(4, "The zero sequence", 0, "core,easy,nonn")
def a000004(n: int) -> list[int]:
    return [0] * n


@register(5, "d(n), the number of divisors of n", 1, "core,easy,nonn,mult")
def a000005(n: int) -> list[int]:
    return [_sigma(k, 0) for k in range(1, n + 1)]


@register(7, "Characteristic function of 0: a(n) = 0^n", 0, "core,easy,nonn,mult")
def a000007(n: int) -> list[int]:
    return [1 if k == 0 else 0 for k in range(n)]


@register(9, "Number of partitions of n into distinct parts", 0, "core,easy,nonn")
def a000009(n: int) -> list[int]:
    return _product_series([(k, 1) for k in range(1, n)], n)


@register(10, "Euler totient phi(n)", 1, "core,easy,nonn,mult")
def a000010(n: int) -> list[int]:
    return [_phi(k) for k in range(1, n + 1)]


@register(12, "The all 1's sequence", 0, "core,easy,nonn,mult")
def a000012(n: int) -> list[int]:
    return [1] * n


@register(27, "The positive integers", 1, "core,easy,nonn,mult")
def a000027(n: int) -> list[int]:
    return list(range(1, n + 1))


def _necklaces(m: int) -> int:
    return int(sum(_phi(d) * 2 ** (m // d) for d in _divisors(m)) // m)


@register(29, "Number of bracelets (turn over allowed) with n beads of 2 colors", 0)
def a000029(n: int) -> list[int]:
    out = []
    for m in range(n):
        if m == 0:
            out.append(1)
        elif m % 2:
            out.append((_necklaces(m) + 2 ** ((m + 1) // 2)) // 2)
        else:
            out.append((2 * _necklaces(m) + 3 * 2 ** (m // 2)) // 4)
    return out


@register(31, "Number of necklaces (turning over not allowed) with n beads of 2 colors", 0)
def a000031(n: int) -> list[int]:
    return [1 if m == 0 else _necklaces(m) for m in range(n)]


@register(32, "Lucas numbers: L(n) = L(n-1) + L(n-2), L(0) = 2, L(1) = 1", 0, "core,easy,nonn")
def a000032(n: int) -> list[int]:
    return _linear([2, 1], [1, 1], n)


@register(35, "Period 2: n mod 2", 0, "core,easy,nonn")
def a000035(n: int) -> list[int]:
    return [k % 2 for k in range(n)]


@register(40, "The prime numbers", 1, "core,easy,nonn")
def a000040(n: int) -> list[int]:
    return _take(_primes(), n)


@register(41, "p(n), the number of partitions of n", 0, "core,easy,nonn")
def a000041(n: int) -> list[int]:
    return list(_partition_counts(n))


_MERSENNE = [2, 3, 5, 7, 13, 17, 19, 31, 61, 89, 107, 127, 521, 607, 1279, 2203, 2281, 3217]
_MERSENNE += [4253, 4423, 9689, 9941, 11213, 19937, 21701, 23209, 44497, 86243, 110503, 132049]


@register(
    43, "Mersenne exponents: primes p with 2^p - 1 prime (table)", 1, "core,nonn", max_terms=30
)
def a000043(n: int) -> list[int]:
    return _MERSENNE[:n]


@register(45, "Fibonacci numbers: F(n) = F(n-1) + F(n-2), F(0) = 0, F(1) = 1", 0, "core,easy,nonn")
def a000045(n: int) -> list[int]:
    return [_fib(k) for k in range(n)]


@register(48, "Number of n-bead binary necklaces of primitive period n, colors interchangeable", 0)
def a000048(n: int) -> list[int]:
    return [
        1 if m == 0 else sum(_mu(d) * 2 ** (m // d) for d in _divisors(m) if d % 2) // (2 * m)
        for m in range(n)
    ]


@register(69, "Odious numbers: odd number of 1's in binary", 1, "core,easy,nonn,base")
def a000069(n: int) -> list[int]:
    return _take((k for k in count() if k.bit_count() % 2 == 1), n)


@register(79, "Powers of 2: 2^n", 0, "core,easy,nonn")
def a000079(n: int) -> list[int]:
    return [2**k for k in range(n)]


@register(81, "Number of unlabeled rooted trees with n nodes", 0, "core,easy,nonn")
def a000081(n: int) -> list[int]:
    a = [0, 1]
    while len(a) < n:
        m = len(a) - 1
        s = sum(sum(d * a[d] for d in _divisors(k)) * a[m - k + 1] for k in range(1, m + 1))
        a.append(s // m)
    return a[:n]


@register(
    85, "Number of involutions of n elements (self-inverse permutations)", 0, "core,easy,nonn"
)
def a000085(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append(a[m - 1] + (m - 1) * a[m - 2])
    return a[:n]


def _partitions(m: int, largest: int | None = None) -> Iterator[list[int]]:
    largest = m if largest is None else largest
    if m == 0:
        yield []
        return
    for first in range(min(m, largest), 0, -1):
        for rest in _partitions(m - first, first):
            yield [first, *rest]


def _graphs(m: int) -> int:
    """Unlabeled graphs on m nodes: Polya counting over the cycle types of S_m."""
    total = 0
    for parts in _partitions(m):
        cycles = sum(length // 2 for length in parts)
        cycles += sum(gcd(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :])
        z = 1
        for length in set(parts):
            mult = parts.count(length)
            z *= length**mult * factorial(mult)
        total += factorial(m) // z * 2**cycles
    return total // factorial(m)


@register(88, "Number of graphs on n unlabeled nodes", 0, "core,nonn", max_terms=24)
def a000088(n: int) -> list[int]:
    return [_graphs(m) for m in range(n)]


@register(108, "Catalan numbers: C(2n,n)/(n+1)", 0, "core,easy,nonn")
def a000108(n: int) -> list[int]:
    return [comb(2 * k, k) // (k + 1) for k in range(n)]


@register(110, "Bell numbers: number of set partitions of n labeled elements", 0, "core,easy,nonn")
def a000110(n: int) -> list[int]:
    return _bell(n)


@register(111, "Euler up/down numbers: alternating permutations of n elements", 0)
def a000111(n: int) -> list[int]:
    return _zigzag(n)


@register(120, "Binary weight of n: number of 1's in binary", 0, "core,easy,nonn,base")
def a000120(n: int) -> list[int]:
    return [k.bit_count() for k in range(n)]


@register(124, "Central polygonal numbers (lazy caterer): n(n+1)/2 + 1", 0, "core,easy,nonn")
def a000124(n: int) -> list[int]:
    return [k * (k + 1) // 2 + 1 for k in range(n)]


@register(129, "Pell numbers: a(n) = 2a(n-1) + a(n-2), 0, 1", 0, "core,easy,nonn")
def a000129(n: int) -> list[int]:
    return _linear([0, 1], [2, 1], n)


@register(140, "Kendall-Mann numbers: most common number of inversions in permutations of n", 1)
def a000140(n: int) -> list[int]:
    out = []
    poly = [1]
    for m in range(1, n + 1):
        new = [0] * (len(poly) + m - 1)
        run = 0
        for i in range(len(new)):  # multiply by 1 + x + ... + x^(m-1) with a running sum
            run += poly[i] if i < len(poly) else 0
            if i - m >= 0:
                run -= poly[i - m]
            new[i] = run
        poly = new
        out.append(max(poly))
    return out


@register(142, "Factorial numbers n!", 0, "core,easy,nonn")
def a000142(n: int) -> list[int]:
    return [factorial(k) for k in range(n)]


@register(161, "Number of partitions of n into 2 squares (0 allowed, order ignored)", 0)
def a000161(n: int) -> list[int]:
    out = []
    for m in range(n):
        c = 0
        for x in range(isqrt(m // 2) + 1):
            y2 = m - x * x
            y = isqrt(y2)
            if y * y == y2 and y >= x:
                c += 1
        out.append(c)
    return out


@register(166, "Derangements: permutations of n elements with no fixed points", 0, "core,easy,nonn")
def a000166(n: int) -> list[int]:
    a = [1]
    while len(a) < n:
        m = len(a)
        a.append(m * a[-1] + (-1) ** m)
    return a[:n]


@register(169, "Labeled rooted trees with n nodes: n^(n-1)", 1, "core,easy,nonn")
def a000169(n: int) -> list[int]:
    return [k ** (k - 1) for k in range(1, n + 1)]


@register(182, "Tangent (zag) numbers: expansion of tan(x), a(n) = E(2n-1)", 1, "core,easy,nonn")
def a000182(n: int) -> list[int]:
    z = _zigzag(2 * n)
    return [z[2 * k - 1] for k in range(1, n + 1)]


@register(203, "sigma(n), the sum of the divisors of n", 1, "core,easy,nonn,mult")
def a000203(n: int) -> list[int]:
    return [_sigma(k) for k in range(1, n + 1)]


@register(204, "Lucas numbers beginning 1, 3", 1, "core,easy,nonn")
def a000204(n: int) -> list[int]:
    return _linear([1, 3], [1, 1], n)


@register(217, "Triangular numbers: n(n+1)/2", 0, "core,easy,nonn")
def a000217(n: int) -> list[int]:
    return [k * (k + 1) // 2 for k in range(n)]


@register(219, "Number of plane partitions of n", 0, "core,easy,nonn")
def a000219(n: int) -> list[int]:
    return _euler_transform(list(range(n)), n)


@register(225, "2^n - 1 (Mersenne numbers)", 0, "core,easy,nonn")
def a000225(n: int) -> list[int]:
    return [2**k - 1 for k in range(n)]


@register(244, "Powers of 3: 3^n", 0, "core,easy,nonn")
def a000244(n: int) -> list[int]:
    return [3**k for k in range(n)]


@register(262, "Number of sets of lists: partitions of {1..n} into ordered blocks", 0)
def a000262(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append((2 * m - 1) * a[m - 1] - (m - 1) * (m - 2) * a[m - 2])
    return a[:n]


@register(272, "Number of labeled trees on n nodes: n^(n-2) (Cayley)", 0, "core,easy,nonn")
def a000272(n: int) -> list[int]:
    return [1 if k < 2 else k ** (k - 2) for k in range(n)]


@register(290, "The squares: n^2", 0, "core,easy,nonn,mult")
def a000290(n: int) -> list[int]:
    return [k * k for k in range(n)]


@register(292, "Tetrahedral numbers: C(n+2,3)", 0, "core,easy,nonn")
def a000292(n: int) -> list[int]:
    return [comb(k + 2, 3) for k in range(n)]


@register(302, "Powers of 4: 4^n", 0, "core,easy,nonn")
def a000302(n: int) -> list[int]:
    return [4**k for k in range(n)]


@register(311, "Schroeder's fourth problem: total partitions (phylogenetic trees) of n", 0)
def a000311(n: int) -> list[int]:
    t = [0, 1]
    y = [1, 1]  # Bell-polynomial sums Y_m over all set partitions
    while len(t) < n:
        m = len(t)
        value = sum(comb(m - 1, k - 1) * t[k] * y[m - k] for k in range(1, m))
        t.append(value)
        y.append(2 * value)
    return t[:n]


@register(312, "n^n: number of functions from {1..n} to itself", 0, "core,easy,nonn")
def a000312(n: int) -> list[int]:
    return [k**k for k in range(n)]


@register(326, "Pentagonal numbers: n(3n-1)/2", 0, "core,easy,nonn")
def a000326(n: int) -> list[int]:
    return [k * (3 * k - 1) // 2 for k in range(n)]


@register(330, "Square pyramidal numbers: 0^2 + 1^2 + ... + n^2", 0, "core,easy,nonn")
def a000330(n: int) -> list[int]:
    return [k * (k + 1) * (2 * k + 1) // 6 for k in range(n)]


@register(364, "Euler (secant) numbers: a(n) = E(2n), up/down numbers of even index", 0)
def a000364(n: int) -> list[int]:
    z = _zigzag(2 * n)
    return [z[2 * k] for k in range(n)]


@register(
    396,
    "Perfect numbers: sigma(n) = 2n (from the Mersenne exponents)",
    1,
    "core,nonn",
    max_terms=30,
)
def a000396(n: int) -> list[int]:
    return [2 ** (p - 1) * (2**p - 1) for p in _MERSENNE[:n]]


@register(521, "Coefficients of the modular function j as a series in q (from q^-1)", -1)
def a000521(n: int) -> list[int]:
    e4 = [1] + [240 * _sigma(k, 3) for k in range(1, n)]
    num = _series_mul(_series_mul(e4, e4, n), e4, n)
    den = _eta_power(24, n)  # leading coefficient 1: exact series division
    out: list[int] = []
    for m in range(n):
        out.append(num[m] - sum(den[k] * out[m - k] for k in range(1, m + 1)))
    return out


@register(578, "The cubes: n^3", 0, "core,easy,nonn,mult")
def a000578(n: int) -> list[int]:
    return [k**3 for k in range(n)]


@register(583, "Fourth powers: n^4", 0, "core,easy,nonn,mult")
def a000583(n: int) -> list[int]:
    return [k**4 for k in range(n)]


@register(593, "Sum of the odd divisors of n", 1, "core,easy,nonn,mult")
def a000593(n: int) -> list[int]:
    return [sum(d for d in _divisors(k) if d % 2) for k in range(1, n + 1)]


@register(594, "Ramanujan's tau function", 1, "core,sign,mult")
def a000594(n: int) -> list[int]:
    return _eta_power(24, n)


@register(670, "Fubini numbers: ordered set partitions (weak orders) of n", 0, "core,easy,nonn")
def a000670(n: int) -> list[int]:
    a = [1]
    while len(a) < n:
        m = len(a)
        a.append(sum(comb(m, k) * a[m - k] for k in range(1, m + 1)))
    return a[:n]


@register(688, "Number of abelian groups of order n", 1, "core,easy,nonn,mult")
def a000688(n: int) -> list[int]:
    return [prod(_partition_counts(e + 1)[e] for _, e in _factor(k)) for k in range(1, n + 1)]


@register(720, "pi(n): the number of primes <= n", 1, "core,easy,nonn")
def a000720(n: int) -> list[int]:
    flags = _prime_flags(n)
    out, c = [], 0
    for k in range(1, n + 1):
        c += flags[k]
        out.append(c)
    return out


@register(793, "Landau's function g(n): largest order of a permutation of n elements", 0)
def a000793(n: int) -> list[int]:
    size = max(n, 1)
    best = [1] * size
    for p in _take(_primes(), size):
        if p >= size:
            break
        new = best[:]
        q = p
        while q < size:
            for s in range(q, size):
                new[s] = max(new[s], best[s - q] * q)
            q *= p
        best = new
    return best[:n]


@register(796, "Decimal expansion of Pi", 1, "core,cons,nonn")
def a000796(n: int) -> list[int]:
    return _stable_digits(_pi_scaled, n)


@register(959, "Lucky numbers", 1, "core,easy,nonn")
def a000959(n: int) -> list[int]:
    limit = max(64, 16 * n)
    while True:
        nums = list(range(1, limit, 2))
        i = 1
        while i < len(nums) and nums[i] <= len(nums):
            step = nums[i]
            del nums[step - 1 :: step]
            i += 1
        if len(nums) >= n:
            return nums[:n]
        limit *= 2


def _is_prime_power(k: int) -> bool:
    return k > 1 and len(_factor(k)) == 1


@register(961, "Powers of primes, 1 included", 1, "core,easy,nonn")
def a000961(n: int) -> list[int]:
    return _take((k for k in count(1) if k == 1 or _is_prime_power(k)), n)


@register(984, "Central binomial coefficients: C(2n,n)", 0, "core,easy,nonn")
def a000984(n: int) -> list[int]:
    return [comb(2 * k, k) for k in range(n)]


@register(1003, "Little Schroeder numbers (super-Catalan numbers)", 0, "core,easy,nonn")
def a001003(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append((3 * (2 * m - 1) * a[m - 1] - (m - 2) * a[m - 2]) // (m + 1))
    return a[:n]


@register(1006, "Motzkin numbers", 0, "core,easy,nonn")
def a001006(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append(((2 * m + 1) * a[m - 1] + 3 * (m - 1) * a[m - 2]) // (m + 2))
    return a[:n]


@register(1037, "Binary Lyndon words of length n (irreducible polynomials over GF(2))", 0)
def a001037(n: int) -> list[int]:
    return [
        1 if m == 0 else sum(_mu(d) * 2 ** (m // d) for d in _divisors(m)) // m for m in range(n)
    ]


@register(1045, "Jacobsthal numbers: a(n) = a(n-1) + 2a(n-2), 0, 1", 0, "core,easy,nonn")
def a001045(n: int) -> list[int]:
    return _linear([0, 1], [1, 2], n)


def _factorizations(m: int, least: int = 2) -> int:
    if m == 1:
        return 1
    return sum(_factorizations(m // d, d) for d in _divisors(m) if d >= least)


@register(1055, "Number of ways to factor n into factors > 1 (order ignored)", 1, "core,easy,nonn")
def a001055(n: int) -> list[int]:
    return [_factorizations(k) for k in range(1, n + 1)]


@register(1057, "All integers: 0, 1, -1, 2, -2, ...", 0, "core,easy,sign")
def a001057(n: int) -> list[int]:
    return [(k + 1) // 2 if k % 2 else -(k // 2) for k in range(n)]


@register(1065, "Sum of the proper divisors of n: sigma(n) - n", 1, "core,easy,nonn")
def a001065(n: int) -> list[int]:
    return [_sigma(k) - k for k in range(1, n + 1)]


@register(1097, "Twin primes: p with p - 2 or p + 2 prime", 1, "core,easy,nonn")
def a001097(n: int) -> list[int]:
    return _take((p for p in _primes() if _is_prime(p - 2) or _is_prime(p + 2)), n)


@register(1113, "Decimal expansion of e", 1, "core,cons,nonn")
def a001113(n: int) -> list[int]:
    return _stable_digits(_e_scaled, n)


@register(1147, "Double factorial of odd numbers: (2n-1)!!", 0, "core,easy,nonn")
def a001147(n: int) -> list[int]:
    a = [1]
    while len(a) < n:
        a.append(a[-1] * (2 * len(a) - 1))
    return a[:n]


@register(1157, "sigma_2(n): sum of the squares of the divisors of n", 1, "core,easy,nonn,mult")
def a001157(n: int) -> list[int]:
    return [_sigma(k, 2) for k in range(1, n + 1)]


@register(1190, "Wedderburn-Etherington numbers: unlabeled binary rooted trees", 0)
def a001190(n: int) -> list[int]:
    a = [0, 1]
    while len(a) < n:
        m = len(a)
        if m % 2:
            s = sum(a[i] * a[m - i] for i in range(1, (m - 1) // 2 + 1))
        else:
            h = m // 2
            s = sum(a[i] * a[m - i] for i in range(1, h)) + a[h] * (a[h] + 1) // 2
        a.append(s)
    return a[:n]


@register(1221, "omega(n): number of distinct primes dividing n", 1, "core,easy,nonn")
def a001221(n: int) -> list[int]:
    return [len(_factor(k)) for k in range(1, n + 1)]


@register(1222, "bigomega(n): number of prime factors of n with multiplicity", 1)
def a001222(n: int) -> list[int]:
    return [_bigomega(k) for k in range(1, n + 1)]


@register(1358, "Semiprimes: products of two primes", 1, "core,easy,nonn")
def a001358(n: int) -> list[int]:
    return _take((k for k in count(2) if _bigomega(k) == 2), n)


@register(1405, "C(n, floor(n/2))", 0, "core,easy,nonn")
def a001405(n: int) -> list[int]:
    return [comb(k, k // 2) for k in range(n)]


@register(1462, "Golomb's sequence: n appears a(n) times", 1, "core,easy,nonn")
def a001462(n: int) -> list[int]:
    a = [0, 1]
    while len(a) <= n:
        m = len(a)
        a.append(1 + a[m - a[a[m - 1]]])
    return a[1 : n + 1]


@register(1477, "The nonnegative integers", 0, "core,easy,nonn")
def a001477(n: int) -> list[int]:
    return list(range(n))


@register(1478, "The negative integers", 1, "core,easy,sign")
def a001478(n: int) -> list[int]:
    return [-k for k in range(1, n + 1)]


def _two_squares(limit: int) -> set[int]:
    return {x * x + y * y for x in range(isqrt(limit) + 1) for y in range(x, isqrt(limit) + 1)}


@register(1481, "Numbers that are the sum of 2 squares (0 included)", 1, "core,easy,nonn")
def a001481(n: int) -> list[int]:
    limit = 4 * n + 16
    values = sorted(v for v in _two_squares(limit) if v <= limit)
    return values[:n]


@register(1489, "The nonpositive integers: 0, -1, -2, ...", 0, "core,easy,sign")
def a001489(n: int) -> list[int]:
    return [-k for k in range(n)]


@register(1511, "Ruler function: 2-adic valuation of 2n", 1, "core,easy,nonn")
def a001511(n: int) -> list[int]:
    return [_valuation2(2 * k) for k in range(1, n + 1)]


@register(1615, "Dedekind psi function: n * prod_{p|n} (1 + 1/p)", 1, "core,easy,nonn,mult")
def a001615(n: int) -> list[int]:
    out = []
    for k in range(1, n + 1):
        v = k
        for p, _ in _factor(k):
            v = v // p * (p + 1)
        out.append(v)
    return out


@register(1699, "Binary trees of height n (a(n+1) = 2a(n)(a(0)+...+a(n-1)) + a(n)^2)", 0)
def a001699(n: int) -> list[int]:
    a = [0, 1]
    while len(a) < n:
        m = len(a) - 1
        a.append(2 * a[m] * sum(a[:m]) + a[m] ** 2)
    return a[:n]


@register(1700, "C(2n+1, n+1)", 0, "core,easy,nonn")
def a001700(n: int) -> list[int]:
    return [comb(2 * k + 1, k + 1) for k in range(n)]


@register(1764, "Ternary trees: C(3n,n)/(2n+1)", 0, "core,easy,nonn")
def a001764(n: int) -> list[int]:
    return [comb(3 * k, k) // (2 * k + 1) for k in range(n)]


@register(1906, "F(2n): bisection of the Fibonacci numbers", 0, "core,easy,nonn")
def a001906(n: int) -> list[int]:
    return [_fib(2 * k) for k in range(n)]


@register(1969, "Evil numbers: even number of 1's in binary", 1, "core,easy,nonn,base")
def a001969(n: int) -> list[int]:
    return _take((k for k in count() if k.bit_count() % 2 == 0), n)


def _ordered_factorizations(n: int) -> list[int]:
    """Kalmar's function H(0..n-1): H(0) = 0, H(1) = 1, H(m) = sum over d | m, d < m."""
    h = [0, 1]
    for m in range(2, n):
        h.append(sum(h[d] for d in _divisors(m) if d < m))
    return h[:n]


@register(2033, "Number of perfect partitions of n: ordered factorizations of n+1", 0)
def a002033(n: int) -> list[int]:
    return _ordered_factorizations(n + 1)[1 : n + 1]


@register(2083, "Narayana-Zidek-Capell numbers", 1, "core,easy,nonn")
def a002083(n: int) -> list[int]:
    a = [0, 1, 1]
    while len(a) <= n:
        m = len(a)
        a.append(2 * a[m - 1] if m % 2 == 0 else 2 * a[m - 1] - a[(m - 1) // 2])
    return a[1 : n + 1]


@register(2110, "Primorial numbers: product of the first n primes", 0, "core,easy,nonn")
def a002110(n: int) -> list[int]:
    out = [1]
    for p in _take(_primes(), n - 1):
        out.append(out[-1] * p)
    return out[:n]


@register(2113, "Palindromes in base 10", 1, "core,easy,nonn,base")
def a002113(n: int) -> list[int]:
    return _take((k for k in count() if str(k) == str(k)[::-1]), n)


@register(2275, "Repunits: (10^n - 1)/9", 0, "core,easy,nonn,base")
def a002275(n: int) -> list[int]:
    return [(10**k - 1) // 9 for k in range(n)]


def _carmichael_lambda(k: int) -> int:
    value = 1
    for p, e in _factor(k):
        part = 2 ** (e - 2) if p == 2 and e >= 3 else (p - 1) * p ** (e - 1)
        value = lcm(value, part)
    return value


@register(2322, "Carmichael's lambda: exponent of the multiplicative group mod n", 1)
def a002322(n: int) -> list[int]:
    return [_carmichael_lambda(k) for k in range(1, n + 1)]


@register(2378, "Oblong (pronic) numbers: n(n+1)", 0, "core,easy,nonn")
def a002378(n: int) -> list[int]:
    return [k * (k + 1) for k in range(n)]


@register(2426, "Central trinomial coefficients", 0, "core,easy,nonn")
def a002426(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append(((2 * m - 1) * a[m - 1] + 3 * (m - 1) * a[m - 2]) // m)
    return a[:n]


def _stern(n: int) -> list[int]:
    a = [0, 1]
    while len(a) < n:
        m = len(a)
        a.append(a[m // 2] if m % 2 == 0 else a[m // 2] + a[m // 2 + 1])
    return a[:n]


@register(2487, "Stern's diatomic sequence", 0, "core,easy,nonn")
def a002487(n: int) -> list[int]:
    return _stern(n)


@register(2530, "Denominators of continued fraction convergents to sqrt(3)", 0, "core,easy,nonn")
def a002530(n: int) -> list[int]:
    return _linear([0, 1, 1, 3], [0, 4, 0, -1], n)


@register(2531, "Numerators of continued fraction convergents to sqrt(3)", 0, "core,easy,nonn")
def a002531(n: int) -> list[int]:
    return _linear([1, 1, 2, 5], [0, 4, 0, -1], n)


@register(2620, "Quarter-squares: floor(n^2/4)", 0, "core,easy,nonn")
def a002620(n: int) -> list[int]:
    return [k * k // 4 for k in range(n)]


def _r2_quarter(k: int) -> int:
    return sum((1 if d % 4 == 1 else -1) for d in _divisors(k) if d % 2)


@register(2654, "Number of divisors of n of form 4k+1 minus those of form 4k+3", 1)
def a002654(n: int) -> list[int]:
    return [_r2_quarter(k) for k in range(1, n + 1)]


@register(2808, "The composite numbers", 1, "core,easy,nonn")
def a002808(n: int) -> list[int]:
    return _take((k for k in count(4) if not _is_prime(k)), n)


@register(3136, "Loeschian numbers: x^2 + xy + y^2", 1, "core,easy,nonn")
def a003136(n: int) -> list[int]:
    limit = 4 * n + 16
    r = isqrt(limit) + 1
    values = {x * x + x * y + y * y for x in range(r) for y in range(r)}
    return sorted(v for v in values if v <= limit)[:n]


@register(3418, "Least common multiple of 1, 2, ..., n", 0, "core,easy,nonn")
def a003418(n: int) -> list[int]:
    out = [1]
    for k in range(1, n):
        out.append(lcm(out[-1], k))
    return out[:n]


@register(3484, "Radon function (Hurwitz-Radon numbers)", 1, "core,easy,nonn")
def a003484(n: int) -> list[int]:
    out = []
    for k in range(1, n + 1):
        v = _valuation2(k)
        out.append(2 ** (v % 4) + 8 * (v // 4))
    return out


def _odd_part(k: int) -> int:
    return k >> _valuation2(k)


@register(4011, "Theta series of the D_4 lattice", 0, "core,easy,nonn")
def a004011(n: int) -> list[int]:
    return [1 if k == 0 else 24 * _sigma(_odd_part(k)) for k in range(n)]


@register(4018, "Theta series of the square lattice: ways to write n = x^2 + y^2", 0)
def a004018(n: int) -> list[int]:
    return [1 if k == 0 else 4 * _r2_quarter(k) for k in range(n)]


@register(4526, "floor(n/2): nonnegative integers repeated", 0, "core,easy,nonn")
def a004526(n: int) -> list[int]:
    return [k // 2 for k in range(n)]


@register(5100, "Deficient numbers: sigma(n) < 2n", 1, "core,easy,nonn")
def a005100(n: int) -> list[int]:
    return _take((k for k in count(1) if _sigma(k) < 2 * k), n)


@register(5101, "Abundant numbers: sigma(n) > 2n", 1, "core,easy,nonn")
def a005101(n: int) -> list[int]:
    return _take((k for k in count(1) if _sigma(k) > 2 * k), n)


@register(5117, "Squarefree numbers", 1, "core,easy,nonn")
def a005117(n: int) -> list[int]:
    return _take((k for k in count(1) if _mu(k) != 0), n)


@register(5130, "Robbins numbers: n x n alternating sign matrices", 0, "core,easy,nonn")
def a005130(n: int) -> list[int]:
    out = []
    for m in range(n):
        value = Fraction(1)
        for k in range(m):
            value *= Fraction(factorial(3 * k + 1), factorial(m + k))
        out.append(int(value))
    return out


@register(5408, "The odd numbers: 2n + 1", 0, "core,easy,nonn")
def a005408(n: int) -> list[int]:
    return [2 * k + 1 for k in range(n)]


@register(5843, "The even numbers: 2n", 0, "core,easy,nonn")
def a005843(n: int) -> list[int]:
    return [2 * k for k in range(n)]


@register(6318, "Large Schroeder numbers", 0, "core,easy,nonn")
def a006318(n: int) -> list[int]:
    return [1 if k == 0 else 2 * v for k, v in enumerate(a001003(n))]


@register(6530, "Greatest prime dividing n (1 for n = 1)", 1, "core,easy,nonn")
def a006530(n: int) -> list[int]:
    return [_factor(k)[-1][0] if k > 1 else 1 for k in range(1, n + 1)]


@register(6882, "Double factorials n!!", 0, "core,easy,nonn")
def a006882(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        a.append(len(a) * a[-2])
    return a[:n]


def _triangle(rows: object, n: int, first_row: int = 0) -> list[int]:
    """Flatten rows (a callable row -> list) until n terms."""
    row_of = rows  # callable int -> list[int]
    out: list[int] = []
    r = first_row
    while len(out) < n:
        out.extend(row_of(r))  # type: ignore[operator]
        r += 1
    return out[:n]


@register(7318, "Pascal's triangle read by rows: C(n,k)", 0, "core,easy,nonn,tabl")
def a007318(n: int) -> list[int]:
    return _triangle(lambda r: [comb(r, k) for k in range(r + 1)], n)


@register(
    8275, "Signed Stirling numbers of the first kind s(n,k), rows n >= 1", 1, "core,easy,sign,tabl"
)
def a008275(n: int) -> list[int]:
    return _triangle(lambda r: _stirling1_row(r)[1:], n, 1)


@register(
    8277, "Stirling numbers of the second kind S2(n,k), rows n >= 1", 1, "core,easy,nonn,tabl"
)
def a008277(n: int) -> list[int]:
    return _triangle(lambda r: _stirling2_row(r)[1:], n, 1)


@register(8279, "Falling factorials n!/(n-k)!, triangle read by rows", 0, "core,easy,nonn,tabl")
def a008279(n: int) -> list[int]:
    return _triangle(lambda r: [factorial(r) // factorial(r - k) for k in range(r + 1)], n)


def _eulerian(r: int, k: int) -> int:
    return sum((-1) ** j * comb(r + 1, j) * (k - j) ** r for j in range(k + 1))


@register(8292, "Eulerian numbers A(n,k), rows n >= 1, k = 1..n", 1, "core,easy,nonn,tabl")
def a008292(n: int) -> list[int]:
    return _triangle(lambda r: [_eulerian(r, k) for k in range(1, r + 1)], n, 1)


@register(8683, "Moebius function mu(n)", 1, "core,easy,sign,mult")
def a008683(n: int) -> list[int]:
    return [_mu(k) for k in range(1, n + 1)]


@register(10060, "Thue-Morse sequence: parity of the binary weight of n", 0, "core,easy,nonn")
def a010060(n: int) -> list[int]:
    return [k.bit_count() % 2 for k in range(n)]


@register(18252, "The nonprime numbers (1 and the composites)", 1, "core,easy,nonn")
def a018252(n: int) -> list[int]:
    return _take((k for k in count(1) if not _is_prime(k)), n)


@register(20639, "Least prime dividing n (1 for n = 1)", 1, "core,easy,nonn")
def a020639(n: int) -> list[int]:
    return [_factor(k)[0][0] if k > 1 else 1 for k in range(1, n + 1)]


def _rationals_by_sum(n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = 2
    while len(out) < n:
        out.extend((a, s - a) for a in range(1, s) if gcd(a, s - a) == 1)
        s += 1
    return out[:n]


@register(20652, "Numerators of the positive rationals listed by num+den, then numerator", 1)
def a020652(n: int) -> list[int]:
    return [a for a, _ in _rationals_by_sum(n)]


@register(20653, "Denominators of the positive rationals listed by num+den, then numerator", 1)
def a020653(n: int) -> list[int]:
    return [b for _, b in _rationals_by_sum(n)]


@register(27641, "Numerators of the Bernoulli numbers B_n (B_1 = -1/2)", 0, "core,sign,frac")
def a027641(n: int) -> list[int]:
    return [b.numerator for b in _bernoulli(n)]


@register(27642, "Denominators of the Bernoulli numbers B_n", 0, "core,nonn,frac")
def a027642(n: int) -> list[int]:
    return [b.denominator for b in _bernoulli(n)]


def _fractions_in_01(n: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = [(1, 1)]
    d = 2
    while len(out) < n:
        out.extend((k, d) for k in range(1, d) if gcd(k, d) == 1)
        d += 1
    return out[:n]


@register(38566, "Numerators of the reduced fractions in (0,1], by denominator then numerator", 1)
def a038566(n: int) -> list[int]:
    return [a for a, _ in _fractions_in_01(n)]


@register(38567, "Denominators of the reduced fractions in (0,1], by denominator", 1)
def a038567(n: int) -> list[int]:
    return [b for _, b in _fractions_in_01(n)]


def _chebyshev_s_row(r: int) -> list[int]:
    prev, cur = [1], [0, 1]
    if r == 0:
        return prev
    for _ in range(r - 1):
        nxt = [0, *cur]
        for i, c in enumerate(prev):
            nxt[i] -= c
        prev, cur = cur, nxt
    return cur


@register(
    49310, "Coefficients of the Chebyshev S polynomials, rows by rising powers", 0, "core,sign,tabl"
)
def a049310(n: int) -> list[int]:
    return _triangle(_chebyshev_s_row, n)


@register(70939, "Length of the binary representation of n", 0, "core,easy,nonn,base")
def a070939(n: int) -> list[int]:
    return [max(k.bit_length(), 1) for k in range(n)]


@register(74206, "Kalmar's function: number of ordered factorizations of n", 0, "core,easy,nonn")
def a074206(n: int) -> list[int]:
    return _ordered_factorizations(n)


@register(246655, "Prime powers p^k, k >= 1", 1, "core,easy,nonn")
def a246655(n: int) -> list[int]:
    return _take((k for k in count(2) if _is_prime_power(k)), n)


# ------------------------------------------------------------------------------------------
# other well-known sequences (not core, but often looked up)


@register(6, "floor(sqrt(prime(n)))", 1, "nonn,easy")
def a000006(n: int) -> list[int]:
    return [isqrt(p) for p in _take(_primes(), n)]


@register(30, "Initial digit of n", 0, "nonn,base,easy")
def a000030(n: int) -> list[int]:
    return [int(str(k)[0]) for k in range(n)]


@register(34, "Period 2: repeat 1, 2", 0, "nonn,easy")
def a000034(n: int) -> list[int]:
    return [1 + k % 2 for k in range(n)]


@register(37, "The nonsquares", 1, "nonn,easy")
def a000037(n: int) -> list[int]:
    return _take((k for k in count(1) if isqrt(k) ** 2 != k), n)


@register(38, "Twice the characteristic function of 0: 2, 0, 0, ...", 0, "nonn,easy")
def a000038(n: int) -> list[int]:
    return [2 if k == 0 else 0 for k in range(n)]


@register(51, "2^n + 1", 0, "nonn,easy")
def a000051(n: int) -> list[int]:
    return [2**k + 1 for k in range(n)]


@register(
    58, "Sylvester's sequence: a(n+1) = a(n)^2 - a(n) + 1, a(0) = 2", 0, "nonn,easy", max_terms=12
)
def a000058(n: int) -> list[int]:
    a = [2]
    while len(a) < n:
        a.append(a[-1] ** 2 - a[-1] + 1)
    return a[:n]


@register(71, "F(n) - 1", 1, "nonn,easy")
def a000071(n: int) -> list[int]:
    return [_fib(k) - 1 for k in range(1, n + 1)]


@register(73, "Tribonacci numbers: 0, 0, 1, then sum of the last three", 0, "nonn,easy")
def a000073(n: int) -> list[int]:
    return _linear([0, 0, 1], [1, 1, 1], n)


@register(78, "Tetranacci numbers: 0, 0, 0, 1, then sum of the last four", 0, "nonn,easy")
def a000078(n: int) -> list[int]:
    return _linear([0, 0, 0, 1], [1, 1, 1, 1], n)


@register(96, "n(n+3)/2", 0, "nonn,easy")
def a000096(n: int) -> list[int]:
    return [k * (k + 3) // 2 for k in range(n)]


@register(118, "Number of ways to write n as a sum of 4 squares (Jacobi)", 0, "nonn,easy")
def a000118(n: int) -> list[int]:
    return [1 if k == 0 else 8 * sum(d for d in _divisors(k) if d % 4) for k in range(n)]


@register(123, "Binary partitions: partitions of 2n into powers of 2", 0, "nonn,easy")
def a000123(n: int) -> list[int]:
    a = [1]
    while len(a) < n:
        a.append(a[-1] + a[len(a) // 2])
    return a[:n]


@register(125, "Cake numbers: pieces of a cube cut by n planes", 0, "nonn,easy")
def a000125(n: int) -> list[int]:
    return [comb(k, 3) + comb(k, 2) + k + 1 for k in range(n)]


@register(127, "Regions of a circle cut by the chords of n points in general position", 1)
def a000127(n: int) -> list[int]:
    return [comb(k, 4) + comb(k, 2) + 1 for k in range(1, n + 1)]


@register(143, "Number of ways to write n as a sum of 8 squares", 0, "nonn,easy")
def a000143(n: int) -> list[int]:
    return [
        1 if k == 0 else 16 * sum((-1) ** (k + d) * d**3 for d in _divisors(k)) for k in range(n)
    ]


@register(165, "Double factorial of even numbers: 2^n n!", 0, "nonn,easy")
def a000165(n: int) -> list[int]:
    return [2**k * factorial(k) for k in range(n)]


@register(178, "Superfactorials: product of the first n factorials", 0, "nonn,easy")
def a000178(n: int) -> list[int]:
    out = [1]
    for k in range(1, n):
        out.append(out[-1] * factorial(k))
    return out[:n]


@register(196, "Integer square root: floor(sqrt(n))", 0, "nonn,easy")
def a000196(n: int) -> list[int]:
    return [isqrt(k) for k in range(n)]


@register(201, "Lower Wythoff sequence: floor(n*phi)", 1, "nonn,easy")
def a000201(n: int) -> list[int]:
    return [(k + isqrt(5 * k * k)) // 2 for k in range(1, n + 1)]


@register(212, "floor(n^2/3)", 0, "nonn,easy")
def a000212(n: int) -> list[int]:
    return [k * k // 3 for k in range(n)]


@register(213, "Tribonacci numbers: 1, 1, 1, then sum of the last three", 0, "nonn,easy")
def a000213(n: int) -> list[int]:
    return _linear([1, 1, 1], [1, 1, 1], n)


@register(215, "Fermat numbers: 2^(2^n) + 1", 0, "nonn,easy", max_terms=12)
def a000215(n: int) -> list[int]:
    return [2 ** (2**k) + 1 for k in range(n)]


@register(240, "Rencontres numbers: permutations of n elements with exactly one fixed point", 1)
def a000240(n: int) -> list[int]:
    d = a000166(n)
    return [k * d[k - 1] for k in range(1, n + 1)]


@register(245, "3(2n)!/((n+2)!(n-1)!)", 0, "nonn,easy")
def a000245(n: int) -> list[int]:
    return [
        0 if k == 0 else 3 * factorial(2 * k) // (factorial(k + 2) * factorial(k - 1))
        for k in range(n)
    ]


@register(246, "a(n) = a(n-1) + (n-1)(n-2) a(n-2): permutations with cycles of odd length", 0)
def a000246(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append(a[m - 1] + (m - 1) * (m - 2) * a[m - 2])
    return a[:n]


@register(248, "Forests of rooted trees of height at most 1 on n labeled nodes", 0, "nonn,easy")
def a000248(n: int) -> list[int]:
    return [sum(comb(m, k) * k ** (m - k) for k in range(m + 1)) for m in range(n)]


@register(255, "a(n) = n a(n-1) + (n-1) a(n-2), a(0) = a(1) = 1", 0, "nonn,easy")
def a000255(n: int) -> list[int]:
    a = [1, 1]
    while len(a) < n:
        m = len(a)
        a.append(m * a[m - 1] + (m - 1) * a[m - 2])
    return a[:n]


@register(265, "Odd part of n: n with all factors 2 removed", 1, "nonn,easy,mult")
def a000265(n: int) -> list[int]:
    return [_odd_part(k) for k in range(1, n + 1)]


@register(285, "a(n) = a(n-1) + a(n-2) with a(0) = 1, a(1) = 4", 0, "nonn,easy")
def a000285(n: int) -> list[int]:
    return _linear([1, 4], [1, 1], n)


@register(288, "Tetranacci numbers: 1, 1, 1, 1, then sum of the last four", 0, "nonn,easy")
def a000288(n: int) -> list[int]:
    return _linear([1, 1, 1, 1], [1, 1, 1, 1], n)


@register(295, "Eulerian numbers A(n,1): 2^n - n - 1", 0, "nonn,easy")
def a000295(n: int) -> list[int]:
    return [2**k - k - 1 for k in range(n)]


@register(325, "2^n - n", 0, "nonn,easy")
def a000325(n: int) -> list[int]:
    return [2**k - k for k in range(n)]


@register(332, "Binomial coefficient C(n,4)", 0, "nonn,easy")
def a000332(n: int) -> list[int]:
    return [comb(k, 4) for k in range(n)]


@register(384, "Hexagonal numbers: n(2n-1)", 0, "nonn,easy")
def a000384(n: int) -> list[int]:
    return [k * (2 * k - 1) for k in range(n)]


@register(389, "Binomial coefficient C(n,5)", 0, "nonn,easy")
def a000389(n: int) -> list[int]:
    return [comb(k, 5) for k in range(n)]


@register(392, "Stirling numbers of the second kind S2(n,3)", 0, "nonn,easy")
def a000392(n: int) -> list[int]:
    return [_stirling2_row(k)[3] if k >= 3 else 0 for k in range(n)]


@register(400, "Powers of 6: 6^n", 0, "nonn,easy")
def a000400(n: int) -> list[int]:
    return [6**k for k in range(n)]


@register(404, "Numbers that are the sum of 2 nonzero squares", 1, "nonn,easy")
def a000404(n: int) -> list[int]:
    limit = 8 * n + 16
    r = isqrt(limit) + 1
    values = {x * x + y * y for x in range(1, r) for y in range(x, r)}
    return sorted(v for v in values if v <= limit)[:n]


@register(420, "Powers of 7: 7^n", 0, "nonn,easy")
def a000420(n: int) -> list[int]:
    return [7**k for k in range(n)]


@register(466, "4n^2 - 1", 0, "sign,easy")
def a000466(n: int) -> list[int]:
    return [4 * k * k - 1 for k in range(n)]


@register(522, "Number of arrangements of any subset of n elements: sum n!/k!", 0, "nonn,easy")
def a000522(n: int) -> list[int]:
    return [sum(factorial(m) // factorial(k) for k in range(m + 1)) for m in range(n)]


@register(537, "Sum of the first n cubes: (n(n+1)/2)^2", 0, "nonn,easy")
def a000537(n: int) -> list[int]:
    return [(k * (k + 1) // 2) ** 2 for k in range(n)]


@register(538, "Sum of the fourth powers: 0^4 + ... + n^4", 0, "nonn,easy")
def a000538(n: int) -> list[int]:
    out, s = [], 0
    for k in range(n):
        s += k**4
        out.append(s)
    return out


@register(566, "Heptagonal numbers: n(5n-3)/2", 0, "nonn,easy")
def a000566(n: int) -> list[int]:
    return [k * (5 * k - 3) // 2 for k in range(n)]


@register(567, "Octagonal numbers: n(3n-2)", 0, "nonn,easy")
def a000567(n: int) -> list[int]:
    return [k * (3 * k - 2) for k in range(n)]


@register(584, "Fifth powers: n^5", 0, "nonn,easy,mult")
def a000584(n: int) -> list[int]:
    return [k**5 for k in range(n)]


@register(587, "Complementary Bell numbers: sum_k (-1)^k S2(n,k)", 0, "sign,easy")
def a000587(n: int) -> list[int]:
    return [sum((-1) ** k * s for k, s in enumerate(_stirling2_row(m))) for m in range(n)]


@register(700, "Partitions of n into distinct odd parts", 0, "nonn,easy")
def a000700(n: int) -> list[int]:
    return _product_series([(k, 1) for k in range(1, n, 2)], n)


@register(712, "Partitions of n into parts of 2 kinds", 0, "nonn,easy")
def a000712(n: int) -> list[int]:
    return _euler_transform([0] + [2] * (n - 1), n) if n > 1 else [1] * n


@register(788, "Total number of 1's in the binary expansions of 0, ..., n", 0, "nonn,easy,base")
def a000788(n: int) -> list[int]:
    out, s = [], 0
    for k in range(n):
        s += k.bit_count()
        out.append(s)
    return out


@register(792, "Largest product of the parts of a partition of n", 0, "nonn,easy")
def a000792(n: int) -> list[int]:
    best = [1] * max(n, 1)
    for m in range(1, n):
        best[m] = max([m] + [best[m - k] * k for k in range(1, m)])
    return best[:n]


@register(931, "Padovan sequence: a(n) = a(n-2) + a(n-3), 1, 0, 0", 0, "nonn,easy")
def a000931(n: int) -> list[int]:
    return _linear([1, 0, 0], [0, 1, 1], n)


@register(957, "Fine's sequence", 0, "nonn,easy")
def a000957(n: int) -> list[int]:
    f = [0, 1]
    while len(f) < n:
        m = len(f) - 1
        f.append((comb(2 * m, m) // (m + 1) - f[m]) // 2)
    return f[:n]


@register(975, "Lichtenberg sequence: a(n) = a(n-1) + 2a(n-2) + 1", 0, "nonn,easy")
def a000975(n: int) -> list[int]:
    return [2 ** (k + 1) // 3 for k in range(n)]


@register(982, "ceil(n^2/2)", 0, "nonn,easy")
def a000982(n: int) -> list[int]:
    return [(k * k + 1) // 2 for k in range(n)]


@register(1008, "Numerators of the harmonic numbers H(n)", 1, "nonn,frac,easy")
def a001008(n: int) -> list[int]:
    h, out = Fraction(0), []
    for k in range(1, n + 1):
        h += Fraction(1, k)
        out.append(h.numerator)
    return out


@register(1044, "(n!)^2", 0, "nonn,easy")
def a001044(n: int) -> list[int]:
    return [factorial(k) ** 2 for k in range(n)]


@register(1048, "n! + (n-1)!", 1, "nonn,easy")
def a001048(n: int) -> list[int]:
    return [factorial(k) + factorial(k - 1) for k in range(1, n + 1)]


@register(1075, "a(n) = 4a(n-1) - a(n-2), 1, 2", 0, "nonn,easy")
def a001075(n: int) -> list[int]:
    return _linear([1, 2], [4, -1], n)


@register(1076, "a(n) = 4a(n-1) + a(n-2), 0, 1", 0, "nonn,easy")
def a001076(n: int) -> list[int]:
    return _linear([0, 1], [4, 1], n)


@register(1109, "a(n) = 6a(n-1) - a(n-2), 0, 1 (square roots of square triangular numbers)", 0)
def a001109(n: int) -> list[int]:
    return _linear([0, 1], [6, -1], n)


@register(1110, "Square triangular numbers", 0, "nonn,easy")
def a001110(n: int) -> list[int]:
    return [v * v for v in a001109(n)]


@register(1146, "2^(2^n)", 0, "nonn,easy", max_terms=12)
def a001146(n: int) -> list[int]:
    return [2 ** (2**k) for k in range(n)]


@register(1156, "Partitions of n into squares", 0, "nonn,easy")
def a001156(n: int) -> list[int]:
    return _product_series([(k * k, -1) for k in range(1, isqrt(max(n, 1)) + 1)], n)


@register(1223, "Prime gaps: prime(n+1) - prime(n)", 1, "nonn,easy")
def a001223(n: int) -> list[int]:
    p = _take(_primes(), n + 1)
    return [p[k + 1] - p[k] for k in range(n)]


@register(1227, "Number of odd divisors of n", 1, "nonn,easy,mult")
def a001227(n: int) -> list[int]:
    return [_sigma(_odd_part(k), 0) for k in range(1, n + 1)]


@register(1248, "Squares of primes", 1, "nonn,easy")
def a001248(n: int) -> list[int]:
    return [p * p for p in _take(_primes(), n)]


@register(1263, "Narayana numbers T(n,k), rows n >= 1, k = 1..n", 1, "nonn,easy,tabl")
def a001263(n: int) -> list[int]:
    return _triangle(lambda r: [comb(r, k) * comb(r, k - 1) // r for k in range(1, r + 1)], n, 1)


@register(1318, "Generalized pentagonal numbers", 0, "nonn,easy")
def a001318(n: int) -> list[int]:
    out = []
    for k in range(n):
        m = (k + 1) // 2 if k % 2 else -(k // 2)
        out.append(m * (3 * m - 1) // 2)
    return out


@register(1333, "a(n) = 2a(n-1) + a(n-2), 1, 1", 0, "nonn,easy")
def a001333(n: int) -> list[int]:
    return _linear([1, 1], [2, 1], n)


@register(1349, "Number of connected graphs on n unlabeled nodes", 0, "nonn", max_terms=24)
def a001349(n: int) -> list[int]:
    b = _inverse_euler_transform(a000088(n))
    return [1, *b[1:]][:n]


@register(1353, "a(n) = 4a(n-1) - a(n-2), 0, 1", 0, "nonn,easy")
def a001353(n: int) -> list[int]:
    return _linear([0, 1], [4, -1], n)


@register(1359, "Lesser of twin primes", 1, "nonn,easy")
def a001359(n: int) -> list[int]:
    return _take((p for p in _primes() if _is_prime(p + 2)), n)


@register(1519, "F(2n-1) with a(0) = 1: 1, 1, 2, 5, 13, ...", 0, "nonn,easy")
def a001519(n: int) -> list[int]:
    return [1 if k == 0 else _fib(2 * k - 1) for k in range(n)]


@register(1541, "a(n) = 6a(n-1) - a(n-2), 1, 3", 0, "nonn,easy")
def a001541(n: int) -> list[int]:
    return _linear([1, 3], [6, -1], n)


@register(1542, "a(n) = 6a(n-1) - a(n-2), 0, 2", 0, "nonn,easy")
def a001542(n: int) -> list[int]:
    return _linear([0, 2], [6, -1], n)


@register(1563, "n * n!", 0, "nonn,easy")
def a001563(n: int) -> list[int]:
    return [k * factorial(k) for k in range(n)]


@register(1590, "Tribonacci numbers: 0, 1, 0, then sum of the last three", 0, "nonn,easy")
def a001590(n: int) -> list[int]:
    return _linear([0, 1, 0], [1, 1, 1], n)


@register(1597, "Perfect powers m^k, k >= 2 (1 included)", 1, "nonn,easy")
def a001597(n: int) -> list[int]:
    return _take((k for k in count(1) if _is_perfect_power(k)), n)


@register(1608, "Perrin sequence: a(n) = a(n-2) + a(n-3), 3, 0, 2", 0, "nonn,easy")
def a001608(n: int) -> list[int]:
    return _linear([3, 0, 2], [0, 1, 1], n)


@register(1611, "F(n) + 1", 0, "nonn,easy")
def a001611(n: int) -> list[int]:
    return [_fib(k) + 1 for k in range(n)]


@register(1622, "Decimal expansion of the golden ratio phi", 1, "nonn,cons")
def a001622(n: int) -> list[int]:
    scale = 10 ** (n - 1)
    return _digits_of((scale + isqrt(5 * scale * scale)) // 2, n)


@register(1644, "Tribonacci-Lucas numbers: 3, 1, 3, then sum of the last three", 0, "nonn,easy")
def a001644(n: int) -> list[int]:
    return _linear([3, 1, 3], [1, 1, 1], n)


def _powerful(k: int) -> bool:
    return all(e >= 2 for _, e in _factor(k))


@register(1694, "Powerful numbers: p | n implies p^2 | n", 1, "nonn,easy")
def a001694(n: int) -> list[int]:
    return _take((k for k in count(1) if _powerful(k)), n)


@register(1844, "Centered square numbers: 2n(n+1) + 1", 0, "nonn,easy")
def a001844(n: int) -> list[int]:
    return [2 * k * (k + 1) + 1 for k in range(n)]


@register(1950, "Upper Wythoff sequence: floor(n*phi^2)", 1, "nonn,easy")
def a001950(n: int) -> list[int]:
    return [k + (k + isqrt(5 * k * k)) // 2 for k in range(1, n + 1)]


@register(2024, "n appears n times", 1, "nonn,easy")
def a002024(n: int) -> list[int]:
    return _triangle(lambda r: [r] * r, n, 1)


@register(2061, "Central polygonal numbers: n^2 - n + 1", 0, "nonn,easy")
def a002061(n: int) -> list[int]:
    return [k * k - k + 1 for k in range(n)]


@register(2064, "Cullen numbers: n 2^n + 1", 0, "nonn,easy")
def a002064(n: int) -> list[int]:
    return [k * 2**k + 1 for k in range(n)]


@register(2144, "Pythagorean primes: primes of the form 4k+1", 1, "nonn,easy")
def a002144(n: int) -> list[int]:
    return _take((p for p in _primes() if p % 4 == 1), n)


@register(2145, "Primes of the form 4k+3", 1, "nonn,easy")
def a002145(n: int) -> list[int]:
    return _take((p for p in _primes() if p % 4 == 3), n)


@register(2193, "Decimal expansion of the square root of 2", 1, "nonn,cons")
def a002193(n: int) -> list[int]:
    return _digits_of(isqrt(2 * 10 ** (2 * (n - 1))), n)


@register(2293, "Quaternary trees: C(4n,n)/(3n+1)", 0, "nonn,easy")
def a002293(n: int) -> list[int]:
    return [comb(4 * k, k) // (3 * k + 1) for k in range(n)]


@register(2385, "Palindromic primes", 1, "nonn,base,easy")
def a002385(n: int) -> list[int]:
    return _take((p for p in _primes() if str(p) == str(p)[::-1]), n)


@register(2805, "Denominators of the harmonic numbers H(n)", 1, "nonn,frac,easy")
def a002805(n: int) -> list[int]:
    h, out = Fraction(0), []
    for k in range(1, n + 1):
        h += Fraction(1, k)
        out.append(h.denominator)
    return out


def _carmichael(k: int) -> bool:
    # Every Carmichael number is a base-2 Fermat pseudoprime: a cheap filter before Korselt.
    if pow(2, k - 1, k) != 1 or _is_prime(k):
        return False
    f = _factor(k)
    return len(f) >= 2 and all(e == 1 and (k - 1) % (p - 1) == 0 for p, e in f)


@register(2997, "Carmichael numbers (Korselt's criterion)", 1, "nonn", max_terms=16)
def a002997(n: int) -> list[int]:
    return _take((k for k in count(3, 2) if _carmichael(k)), n)


@register(3215, "Centered hexagonal numbers: 3n(n+1) + 1", 0, "nonn,easy")
def a003215(n: int) -> list[int]:
    return [3 * k * (k + 1) + 1 for k in range(n)]


@register(3422, "Left factorials: !n = 0! + 1! + ... + (n-1)!", 0, "nonn,easy")
def a003422(n: int) -> list[int]:
    out, s = [], 0
    for k in range(n):
        out.append(s)
        s += factorial(k)
    return out


@register(5132, "Recaman's sequence", 0, "nonn,easy")
def a005132(n: int) -> list[int]:
    a, seen = [0], {0}
    while len(a) < n:
        m = len(a)
        v = a[-1] - m
        if v < 0 or v in seen:
            v = a[-1] + m
        a.append(v)
        seen.add(v)
    return a[:n]


@register(5448, "Centered triangular numbers: 3n(n-1)/2 + 1", 1, "nonn,easy")
def a005448(n: int) -> list[int]:
    return [3 * k * (k - 1) // 2 + 1 for k in range(1, n + 1)]


@register(5728, "Number of fractions in the Farey series of order n", 0, "nonn,easy")
def a005728(n: int) -> list[int]:
    out, s = [], 1
    for k in range(n):
        if k:
            s += _phi(k)
        out.append(s)
    return out


def _collatz_steps(k: int) -> int:
    steps = 0
    while k != 1:
        k = k // 2 if k % 2 == 0 else 3 * k + 1
        steps += 1
    return steps


@register(6577, "Number of halving and tripling steps for n to reach 1 (Collatz)", 1, "nonn")
def a006577(n: int) -> list[int]:
    return [_collatz_steps(k) for k in range(1, n + 1)]


@register(6519, "Highest power of 2 dividing n", 1, "nonn,easy,mult")
def a006519(n: int) -> list[int]:
    return [k & -k for k in range(1, n + 1)]


@register(7088, "The binary numbers: n written in base 2, read in base 10", 0, "nonn,base,easy")
def a007088(n: int) -> list[int]:
    return [int(bin(k)[2:]) for k in range(n)]


@register(7395, "Constant sequence: the all 2's sequence", 1, "nonn,easy")
def a007395(n: int) -> list[int]:
    return [2] * n


@register(7583, "(2^(2n+1) + 1)/3", 0, "nonn,easy")
def a007583(n: int) -> list[int]:
    return [(2 ** (2 * k + 1) + 1) // 3 for k in range(n)]


@register(7814, "2-adic valuation of n", 1, "nonn,easy")
def a007814(n: int) -> list[int]:
    return [_valuation2(k) for k in range(1, n + 1)]


@register(7947, "Squarefree kernel (radical) of n", 1, "nonn,easy,mult")
def a007947(n: int) -> list[int]:
    return [prod(p for p, _ in _factor(k)) for k in range(1, n + 1)]


@register(7953, "Sum of the decimal digits of n", 0, "nonn,base,easy")
def a007953(n: int) -> list[int]:
    return [sum(map(int, str(k))) for k in range(n)]


@register(8578, "1 and the primes", 1, "nonn,easy")
def a008578(n: int) -> list[int]:
    return [1, *_take(_primes(), n - 1)][:n]


@register(10051, "Characteristic function of primes", 1, "nonn,easy")
def a010051(n: int) -> list[int]:
    return [int(_is_prime(k)) for k in range(1, n + 1)]


@register(10052, "Characteristic function of squares", 0, "nonn,easy")
def a010052(n: int) -> list[int]:
    return [int(isqrt(k) ** 2 == k) for k in range(n)]


@register(10054, "Characteristic function of triangular numbers", 0, "nonn,easy")
def a010054(n: int) -> list[int]:
    return [int(isqrt(8 * k + 1) ** 2 == 8 * k + 1) for k in range(n)]


@register(11371, "n minus its binary weight: the 2-adic valuation of n!", 0, "nonn,easy")
def a011371(n: int) -> list[int]:
    return [k - k.bit_count() for k in range(n)]


@register(11557, "Powers of 10: 10^n", 0, "nonn,easy")
def a011557(n: int) -> list[int]:
    return [10**k for k in range(n)]


@register(14137, "Partial sums of the Catalan numbers", 0, "nonn,easy")
def a014137(n: int) -> list[int]:
    out, s = [], 0
    for c in a000108(n):
        s += c
        out.append(s)
    return out


@register(14963, "exp(Lambda(n)): p if n is a power of the prime p, else 1", 1, "nonn,easy")
def a014963(n: int) -> list[int]:
    out = []
    for k in range(1, n + 1):
        f = _factor(k)
        out.append(f[0][0] if len(f) == 1 else 1)
    return out


@register(36987, "Fredholm-Rueppel sequence: 1 when n + 1 is a power of 2", 0, "nonn,easy")
def a036987(n: int) -> list[int]:
    return [int((k + 1) & k == 0) for k in range(n)]
