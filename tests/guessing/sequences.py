"""Known sequences, computed from their definitions (not from a recurrence), with sources.

Each function gives ``a(0), ..., a(n_terms - 1)`` by the closed form or sum in the cited
OEIS entry, so a guess made from the first terms can be checked far past them.
"""

from __future__ import annotations

from math import comb, factorial


def catalan(n_terms: int) -> list[int]:
    """A000108: C(2n, n)/(n+1)."""
    return [comb(2 * n, n) // (n + 1) for n in range(n_terms)]


def motzkin(n_terms: int) -> list[int]:
    """A001006: sum_k C(n, 2k) C(k), C the Catalan numbers."""
    return [
        sum(comb(n, 2 * k) * comb(2 * k, k) // (k + 1) for k in range(n // 2 + 1))
        for n in range(n_terms)
    ]


def apery(n_terms: int) -> list[int]:
    """A005259: sum_k C(n, k)^2 C(n+k, k)^2."""
    return [
        sum(comb(n, k) ** 2 * comb(n + k, k) ** 2 for k in range(n + 1)) for n in range(n_terms)
    ]


def central_delannoy(n_terms: int) -> list[int]:
    """A001850: sum_k C(n, k) C(n+k, k)."""
    return [sum(comb(n, k) * comb(n + k, k) for k in range(n + 1)) for n in range(n_terms)]


def franel(n_terms: int) -> list[int]:
    """A000172: sum_k C(n, k)^3."""
    return [sum(comb(n, k) ** 3 for k in range(n + 1)) for n in range(n_terms)]


def large_schroeder(n_terms: int) -> list[int]:
    """A006318: sum_k C(n, k) C(n+k, k)/(k+1)."""
    return [
        sum(comb(n, k) * comb(n + k, k) // (k + 1) for k in range(n + 1)) for n in range(n_terms)
    ]


def fibonacci(n_terms: int) -> list[int]:
    """A000045 by Binet's formula in Z[sqrt 5]: F(n) = ((1+s)^n - (1-s)^n) / (2^n s)."""
    out = []
    for n in range(n_terms):
        # (1 + s)^n = x + y s with s^2 = 5; F(n) = y / 2^(n-1)
        x, y = 1, 0
        for _ in range(n):
            x, y = x + 5 * y, x + y
        out.append(0 if n == 0 else y // 2 ** (n - 1))
    return out


def derangements(n_terms: int) -> list[int]:
    """A000166: n! sum_k (-1)^k / k!."""
    return [
        sum((-1) ** k * factorial(n) // factorial(k) for k in range(n + 1)) for n in range(n_terms)
    ]


def factorials(n_terms: int) -> list[int]:
    """A000142."""
    return [factorial(n) for n in range(n_terms)]
