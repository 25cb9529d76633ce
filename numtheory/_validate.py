"""Strict integer coercion and the argument checks shared by the public functions.

Integers and integer-likes (``gmpy2.mpz``, ``flint.fmpz``, numpy integers: anything with
``__index__``) are accepted and returned as built-in ``int``. ``bool`` is refused although it
has ``__index__`` (``valuation(True, 2)`` is almost surely a bug), and so are ``float``,
``str``, ``None`` and ``Fraction``: a float cannot hold a large integer exactly
(``int(1e23) != 10**23``), so silently converting it would give wrong answers.
"""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import Any

from numtheory.errors import InputError, InputTypeError, NotPrimeError

#: Primes that valuations are asked about most; skips a primality test per call.
_SMALL_PRIMES = frozenset((2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47))


def _show(value: Any) -> str:
    """A short repr for error messages: huge integers are abbreviated, not dumped."""
    if isinstance(value, int) and not isinstance(value, bool):
        bits = value.bit_length()
        if bits > 256:
            return f"<{'-' if value < 0 else ''}integer of {bits} bits>"
    if type(value) is Fraction and max(abs(value.numerator), value.denominator).bit_length() > 256:
        # repr would print a huge denominator in decimal: 12 s at a million digits.
        return f"Fraction({_show(value.numerator)}, {_show(value.denominator)})"
    try:
        text = repr(value)
    except ValueError:  # e.g. a Fraction whose parts exceed Python's 4300-digit str limit
        return f"<{type(value).__name__} too large to print>"
    return text if len(text) <= 80 else text[:77] + "..."


def excerpt(text: str, head: int = 40, tail: int = 10) -> str:
    """Quote ``text`` for an error message: whole if short, else its ends and its length.

    A megabyte of input must not come back as a megabyte of error message.

    >>> excerpt("1,2,x")
    "'1,2,x'"
    >>> excerpt("7" * 1000)
    "'7777777777777777777777777777777777777777...7777777777' (1,000 characters)"
    """
    if len(text) <= head + tail + 20:
        return repr(text)
    return f"'{repr(text[:head])[1:-1]}...{repr(text[-tail:])[1:-1]}' ({len(text):,} characters)"


def as_int(value: Any, name: str = "n") -> int:
    """Return ``value`` as a built-in int, or raise :class:`InputTypeError` naming it.

    >>> as_int(12)
    12
    >>> as_int(2.0, "p")
    Traceback (most recent call last):
    ...
    numtheory.errors.InputTypeError: p must be an integer, got 2.0 (float)
    """
    if isinstance(value, bool):
        raise InputTypeError(f"{name} must be an integer, got {value!r} (bool)")
    if type(value) is int:
        return value
    try:
        return operator.index(value)
    except TypeError:
        raise InputTypeError(
            f"{name} must be an integer, got {_show(value)} ({type(value).__name__})"
        ) from None


def check_nonnegative(value: int, name: str, func: str) -> None:
    """Raise :class:`InputError` unless ``value >= 0``."""
    if value < 0:
        raise InputError(f"{func}() needs {name} >= 0, got {_show(value)}")


def check_prime_base(p: int, func: str, name: str = "p") -> None:
    """Raise :class:`NotPrimeError` unless ``p`` is prime.

    Checked with BPSW (exact below 2**64; see :func:`numtheory.is_prime`).

    >>> check_prime_base(4, "valuation")
    Traceback (most recent call last):
    ...
    numtheory.errors.NotPrimeError: valuation() needs p to be prime, got 4
    """
    if p in _SMALL_PRIMES:
        return
    # Here, not at the top: the CLI uses this module's excerpt() without loading GMP/FLINT.
    from numtheory import _backend

    if p < 2 or not _backend.is_probable_prime(p):
        raise NotPrimeError(f"{func}() needs {name} to be prime, got {_show(p)}")


def show(value: Any) -> str:
    """Public alias of the abbreviating repr, for messages elsewhere in the package."""
    return _show(value)
