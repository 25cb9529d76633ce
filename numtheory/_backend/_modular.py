"""Modular arithmetic and exact linear algebra for :mod:`numtheory.arith` and
:mod:`numtheory.guessing`: part of the backend (:mod:`numtheory._backend` re-exports every
name), kept apart so that each file stays small. Built-in ints in and out; FLINT's matrix and
polynomial types modulo a word-size prime are handed out as types, like ``arb``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flint as _flint
import gmpy2 as _gmpy2
from flint.utils.flint_exceptions import DomainError as _DomainError

_mpz = _gmpy2.mpz
_fmpz = _flint.fmpz

__all__: list[str] = []

# --- residues, modular roots, discrete logs (issue 14, arith-residues) ---
# Named wrappers for numtheory.arith._residues/_modroots/_dlog: built-in ints in and out.
# None (not an exception) for "does not exist", so callers choose the error to raise.


def invert(a: int, m: int) -> int | None:
    """``a**-1 mod m`` in ``[0, m)`` for ``m >= 2``, or None when ``gcd(a, m) > 1`` (GMP)."""
    try:
        return int(_gmpy2.invert(a, m))
    except ZeroDivisionError:
        return None


def powmod(a: int, e: int, m: int) -> int:
    """``a**e mod m`` for ``m >= 1`` (GMP mpz_powm; ``e < 0`` inverts first)."""
    return int(_gmpy2.powmod(a, e, m))


def gcdext(a: int, b: int) -> tuple[int, int, int]:
    """``(g, s, t)`` with ``g = gcd(a, b) = s*a + t*b`` (GMP mpz_gcdext)."""
    g, s, t = _gmpy2.gcdext(a, b)
    return int(g), int(s), int(t)


#: Jacobi symbol ``(a/n)`` for odd ``n >= 1`` (GMP mpz_jacobi), and the Kronecker symbol for
#: any integers (mpz_kronecker). The C functions themselves, not wrappers: they take ints and
#: return a built-in int, and at 100 ns a call the extra Python frame would be most of the cost.
jacobi: Callable[[int, int], int] = _gmpy2.jacobi
kronecker: Callable[[int, int], int] = _gmpy2.kronecker
#: GMP mpz_invert itself, for the exact-int fast path of numtheory.mod_inverse: ``a**-1 mod
#: m`` for ``m >= 2`` as an mpz (``int()`` it), ZeroDivisionError when ``gcd(a, m) > 1``.
#: :func:`invert` is the safe form; this one spares its Python frame (about 50 ns, a tenth
#: of mod_inverse's 0.47 us at 20 digits; measured 2026-12-02 at load 5).
invert_mpz: Callable[[int, int], Any] = _gmpy2.invert
#: GMP mpz_powm itself, for the prime-modulus fast paths of numtheory.sqrt_mod and
#: primitive_root: ``a**e mod m`` as an mpz (``int()`` it); :func:`powmod` is the safe form.
#: At 20 digits the call is 1.3 us, the wrapper's frame and int() another 0.1 us.
powmod_mpz: Callable[[int, int, int], Any] = _gmpy2.powmod


def sqrtmod_prime(a: int, p: int) -> int | None:
    """A square root of ``a`` modulo the prime ``p``, or None if there is none (FLINT)."""
    try:
        return int(_fmpz(a).sqrtmod(p))
    except _DomainError:  # not a quadratic residue (the import was 0.3 us a call when here)
        return None


def solve_mod_prime(rows: list[list[int]], q: int) -> dict[int, int] | None:
    """The unknowns that the linear system ``rows`` (augmented: last column the right-hand
    side) determines over ``Z/qZ``, ``q`` prime, as ``{column: value}``; None if inconsistent.

    FLINT's ``nmod_mat_rref`` for word-sized ``q``, else ``fmpz_mod_mat_rref``.
    """
    width = len(rows[0]) - 1
    matrix: Any
    if q < 2**63:
        matrix = _flint.nmod_mat(rows, q)
    else:
        matrix = _flint.fmpz_mod_mat(rows, _flint.fmpz_mod_ctx(q))
    reduced, rank = matrix.rref()
    rank = int(rank)
    if rank == width and int(reduced[width - 1, width - 1]) == 1:
        # the top of the reduced matrix is the identity: every unknown is determined
        return {i: int(reduced[i, width]) for i in range(width)}
    found: dict[int, int] = {}
    for i in range(rank):
        nonzero = [j for j in range(width) if int(reduced[i, j])]
        if not nonzero:  # a pivot in the right-hand side: 0 == 1
            return None
        if len(nonzero) == 1:  # a pivot with no free column: determined
            found[nonzero[0]] = int(reduced[i, width])
    return found


def lcm(a: int, b: int) -> int:
    """``lcm(a, b)`` (GMP mpz_lcm: subquadratic, where math.lcm of two million-digit ints
    takes about 10 s here and GMP 0.04 s)."""
    return int(_gmpy2.lcm(a, b))


__all__ += [
    "gcdext",
    "invert",
    "invert_mpz",
    "jacobi",
    "kronecker",
    "lcm",
    "powmod",
    "powmod_mpz",
    "solve_mod_prime",
    "sqrtmod_prime",
]
# --- end issue 14 (arith-residues) ---


# --- guessing (numtheory.guessing): matrices and polynomials modulo a word-size prime, and
# exact integer matrices, for solving the linear systems a guess is fitted from. ---
nmod_mat = _flint.nmod_mat
nmod_poly = _flint.nmod_poly
fmpz_mat = _flint.fmpz_mat
__all__ += ["big_ints", "big_residues", "fmpz_mat", "nmod_mat", "nmod_poly", "weighted_sum"]


def big_ints(values: list[int]) -> list[Any]:
    """GMP copies of ``values``, for the repeated reductions and products below."""
    return [_mpz(v) for v in values]


def big_residues(values: list[Any], modulus: int) -> list[int]:
    """``[v % modulus for v in values]`` on GMP (40x faster than ``int`` on 200,000 digits)."""
    m = _mpz(modulus)
    return [int(_gmpy2.f_mod(v, m)) for v in values]


def weighted_sum(weights: list[int], values: list[Any]) -> int:
    """``sum(w * v)`` for small ``weights`` and (GMP) ``values``, exactly, as an ``int``."""
    total = _mpz(0)
    for w, v in zip(weights, values, strict=True):
        if w:
            total += w * v
    return int(total)


# --- end guessing ---
