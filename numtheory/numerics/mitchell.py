"""Mitchell's approximate multiplication and division by adding binary logarithms.

Write ``p = 2**k * (1 + x)`` with an integer ``k`` and a mantissa fraction ``0 <= x < 1``, and
approximate ``log2 p`` by ``k + x`` (the chord of ``log2(1 + x)`` on [0, 1]); the inverse map
``2**(k + x) ~ 2**k * (1 + x)`` is the same chord. Then ``p*q ~ Mexp(Mlog p + Mlog q)`` and
``p/q ~ Mexp(Mlog p - Mlog q)``: in binary both maps only move bits, so a product costs one
addition (the float32 trick: add the bit patterns, subtract 0x3f800000).

The product is never an overestimate and its relative error is at most 1/9, reached when both
mantissa fractions are 1/2 (e.g. ``1.5 * 1.5 -> 2``, ratio 8/9); the quotient is never an
underestimate and its relative error is at most 1/8 (``1 / 1.5 -> 0.75``).

Everything is computed in exact rational arithmetic: ``int``/``Fraction``/``Decimal``/string
inputs give a ``Fraction``; ``float`` inputs (their exact binary values) give the correctly
rounded ``float`` of the exact Mitchell value.

References: J. N. Mitchell, "Computer multiplication and division using binary logarithms",
IRE Trans. Electronic Computers EC-11 (1962) 512-517; https://kexue.fm/archives/7991.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from numtheory._validate import show
from numtheory.errors import InputError, InputTypeError
from numtheory.numerics.convert import exact_number, show_fraction

__all__ = [
    "mitchell_divide",
    "mitchell_log2",
    "mitchell_multiply",
    "mitchell_relative_error",
    "mitchell_worst_case",
]


#: Largest numerator or denominator, in bits, of a Mitchell argument. Python's Fraction
#: arithmetic is quadratic in the size: 0.07 s at 2**18 bits for the three functions, 1 s at
#: 2**20 and 15-30 s at a million digits (3.3 million bits), which could not be interrupted.
MAX_ARGUMENT_BITS = 2**18


def _positive(x: Any, name: str, func: str) -> Fraction:
    z = exact_number(x, name, func)
    if z.im != 0 or z.is_complex_type:
        raise InputTypeError(f"{func}() needs a real {name}, got {show(x)}")
    if z.re <= 0:
        raise InputError(f"{func}() needs {name} > 0, got {show(x)}")
    bits = max(z.re.numerator.bit_length(), z.re.denominator.bit_length())
    if bits > MAX_ARGUMENT_BITS:
        raise InputError(
            f"{func}() needs the numerator and denominator of {name} to have at most "
            f"{MAX_ARGUMENT_BITS} bits (MAX_ARGUMENT_BITS), got {show_fraction(z.re)}"
        )
    return z.re


def _floor_log2(q: Fraction) -> int:
    """The integer k with 2**k <= q < 2**(k+1), for q > 0 (exact)."""
    k = q.numerator.bit_length() - q.denominator.bit_length()
    # 2**k is within a factor 2 of q: fix up by one step either way.
    if (q.numerator << max(-k, 0)) < (q.denominator << max(k, 0)):
        k -= 1
    return k


def _pow2(k: int) -> Fraction:
    return Fraction(1 << k) if k >= 0 else Fraction(1, 1 << -k)


def mitchell_log2(x: Any) -> Fraction:
    """Mitchell's binary logarithm ``k + f`` of ``x = 2**k (1 + f) > 0``, exactly.

    References
    ----------
    Mitchell (1962), section II; https://kexue.fm/archives/7991.

    Examples
    --------
    >>> from numtheory.numerics.mitchell import mitchell_log2
    >>> mitchell_log2("12.3"), mitchell_log2(1)
    (Fraction(283, 80), Fraction(0, 1))
    """
    q = _positive(x, "x", "mitchell_log2")
    k = _floor_log2(q)
    return k + (q / _pow2(k) - 1)


def _mexp(s: Fraction) -> Fraction:
    k = s.numerator // s.denominator
    return _pow2(k) * (1 + (s - k))


def _result(value: Fraction, a: Any, b: Any) -> Any:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return float(value)
        except OverflowError:  # as float multiplication does: beyond the range is inf
            return math.inf
    return value


def mitchell_multiply(a: Any, b: Any) -> Any:
    """Mitchell's approximation of ``a * b`` for ``a, b > 0``: ``Mexp(Mlog a + Mlog b)``.

    Parameters
    ----------
    a, b : int, Fraction, Decimal, str or float, positive
        Converted exactly; a float is its exact binary value.

    Returns
    -------
    Fraction or float
        Exact ``Fraction`` for exact inputs; with a ``float`` input, the correctly rounded
        ``float`` of the exact value (``inf`` beyond the float range, like ``a * b``).
        Always ``<= a*b``, and ``>= (8/9) a*b``.

    References
    ----------
    Mitchell (1962); https://kexue.fm/archives/7991.

    Examples
    --------
    >>> from numtheory.numerics import mitchell_multiply
    >>> mitchell_multiply("12.3", "4.56")        # exact product 56.088
    Fraction(1342, 25)
    >>> float(mitchell_multiply("12.3", "4.56")), mitchell_multiply(1.5, 1.5)
    (53.68, 2.0)
    >>> mitchell_multiply(8, 8)                  # exact on powers of two
    Fraction(64, 1)
    """
    p = _positive(a, "a", "mitchell_multiply")
    q = _positive(b, "b", "mitchell_multiply")
    return _result(_mexp(mitchell_log2(p) + mitchell_log2(q)), a, b)


def mitchell_divide(a: Any, b: Any) -> Any:
    """Mitchell's approximation of ``a / b`` for ``a, b > 0``: ``Mexp(Mlog a - Mlog b)``.

    Same types as :func:`mitchell_multiply`, and the same guarantee: an exact ``Fraction``
    for exact inputs (a correctly rounded ``float`` with a float input). Never below ``a/b``,
    at most 12.5 % above it (``1 / 1.5 -> 0.75`` against 2/3).

    References
    ----------
    Mitchell (1962); https://kexue.fm/archives/7991.

    Examples
    --------
    >>> from numtheory.numerics import mitchell_divide
    >>> mitchell_divide(1, "1.5"), mitchell_divide(1.0, 1.5)
    (Fraction(3, 4), 0.75)
    """
    p = _positive(a, "a", "mitchell_divide")
    q = _positive(b, "b", "mitchell_divide")
    return _result(_mexp(mitchell_log2(p) - mitchell_log2(q)), a, b)


def mitchell_relative_error(a: Any, b: Any) -> Fraction:
    """Exact relative error ``(a*b - mitchell_multiply(a, b)) / (a*b)`` (always in [0, 1/9]).

    For mantissa fractions ``x1, x2`` it is ``x1*x2 / ((1+x1)(1+x2))`` when ``x1 + x2 < 1`` and
    ``(1-x1)(1-x2) / ((1+x1)(1+x2))`` otherwise.

    References
    ----------
    Mitchell (1962); https://kexue.fm/archives/7991.

    Examples
    --------
    >>> from numtheory.numerics import mitchell_relative_error
    >>> mitchell_relative_error("1.5", "1.5"), mitchell_relative_error("12.3", "4.56")
    (Fraction(1, 9), Fraction(301, 7011))
    """
    p = _positive(a, "a", "mitchell_relative_error")
    q = _positive(b, "b", "mitchell_relative_error")
    exact = p * q
    return (exact - _mexp(mitchell_log2(p) + mitchell_log2(q))) / exact


def mitchell_worst_case() -> tuple[Fraction, Fraction, Fraction]:
    """``(1/9, 1/2, 1/2)``: the largest relative error of Mitchell's product and where it is.

    With mantissa fractions ``x1, x2 in [0, 1)`` the ratio approximation/exact is
    ``(1+x1+x2)/((1+x1)(1+x2))`` if ``x1 + x2 < 1`` and ``2(x1+x2)/((1+x1)(1+x2))`` otherwise;
    on ``x1 + x2 = s`` the denominator is largest at ``x1 = x2 = s/2``, and ``2s/(1+s/2)**2``
    is smallest at ``s = 1``: ratio 8/9 at ``x1 = x2 = 1/2``. (Mitchell 1962, section IV.)

    Returns
    -------
    (max_relative_error, x1, x2)

    References
    ----------
    Mitchell (1962); https://kexue.fm/archives/7991.

    Examples
    --------
    >>> from numtheory.numerics import mitchell_worst_case
    >>> mitchell_worst_case()
    (Fraction(1, 9), Fraction(1, 2), Fraction(1, 2))
    """
    x = Fraction(1, 2)
    return 1 - 2 * (x + x) / ((1 + x) * (1 + x)), x, x
