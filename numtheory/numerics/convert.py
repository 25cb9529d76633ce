"""Exact conversion and validation of the arguments of :mod:`numtheory.numerics`.

The numerics functions never trust a binary float to stand for a decimal: every argument is
first converted **exactly** to a rational number (or a pair of rationals for a complex number),
and only then handed to FLINT's Arb (:mod:`numtheory.numerics.certify`) or to mpmath at a
scoped working precision. This module also holds the limits every numerics call checks before
any allocation: the ``dps`` ceiling and the memory budget.

Accepted argument types (:func:`exact_number`):

* ``int`` (and integer-likes with ``__index__``: ``gmpy2.mpz``, ``flint.fmpz``, numpy ints);
* :class:`fractions.Fraction` and any :class:`numbers.Rational` (``gmpy2.mpq``, sympy
  ``Rational``), ``flint.fmpq``;
* :class:`decimal.Decimal` (finite);
* a decimal or fraction string: ``"2.5"``, ``"-0.5"``, ``"1e-3"``, ``"1/3"``, ``"-7/2"``,
  with no limit on the number of digits (Python's 4300-digit ``int(str)`` limit is avoided);
  a complex string in Python's notation (``"1e10000j"``, ``"2-0.5j"``, ``"(1+2j)"``), each
  part exact, gives a complex-type argument (as mpmath reads them);
* ``mpmath.mpf`` / ``mpmath.mpc`` (their binary values, exactly);
* ``float`` and ``complex``: **accepted, as the exact binary value they hold**.
  ``0.1`` is 3602879701896397/36028797018963968, so ``gamma(0.1, dps=30)`` is Gamma at that
  dyadic rational, correct to 30 digits, which differs from Gamma(1/10) after the 17th digit.
  Pass ``"0.1"`` or ``Fraction(1, 10)`` when the decimal is meant. (A Python ``complex`` holds
  two floats, so refusing floats but accepting complex would be inconsistent.)

``bool`` and ``None`` raise :class:`~numtheory.errors.InputTypeError`; NaN and infinities raise
:class:`~numtheory.errors.InputError`.

Precision: ``dps`` (decimal digits) becomes mpmath's binary precision with
``mpmath.libmp.dps_to_prec`` (:func:`target_prec`), the precision every result is rounded to.

Reference: the mpmath documentation, "Setting the precision" (``dps`` and ``prec``),
https://mpmath.org/doc/current/basics.html.
"""

from __future__ import annotations

import decimal
import functools
import math
import numbers
import re
from fractions import Fraction
from typing import Any, NamedTuple

import mpmath
from mpmath.libmp import dps_to_prec

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputError, InputTypeError

__all__ = [
    "DPS_CEILING",
    "MAX_DPS",
    "MEMORY_BUDGET",
    "ExactNumber",
    "check_dps",
    "check_memory",
    "estimate_seconds",
    "exact_number",
    "exact_real",
    "show_bytes",
    "show_fraction",
    "target_prec",
]


#: Largest ``dps`` any :mod:`numtheory.numerics` function accepts (the documented ceiling). The
#: C calls behind them cannot be interrupted by Ctrl-C, so their length is bounded instead: at
#: the ceiling the costliest call, Gamma at a complex argument, takes about a minute here, and
#: it grows like ``dps**2.5`` (:func:`estimate_seconds`).
DPS_CEILING = 100_000
MAX_DPS = DPS_CEILING  # the name used before the ceiling came down from 10**7

#: Measured cost of ``acb.gamma`` at 1 + 2i (the costliest numerics call per digit), as
#: ``(digits, seconds)``, on the project machine (2 shared cores, python-flint 0.9):
#: 0.21 s at 10**4, 2.6 s at 3*10**4 and 56 s at 10**5 digits. Beyond the last point the time
#: is extrapolated with the exponent of the last two (about 2.5).
GAMMA_COST_POINTS: tuple[tuple[int, float], ...] = ((10_000, 0.21), (30_000, 2.6), (100_000, 56.0))

#: Most memory a numerics call may plan to use. GMP (under FLINT and gmpy2) aborts the whole
#: interpreter when an allocation fails, so sizes are estimated before calling into C and a
#: call that would need more is refused (:func:`check_memory`); every documented maximum
#: stays far below this, and this stays far below a 24 GiB machine.
MEMORY_BUDGET = 4 * 2**30

#: Largest accepted decimal exponent of a string/Decimal argument, and binary exponent of an
#: mpf: converting "1e1000000000" exactly would allocate gigabytes.
_MAX_EXP10 = 1_000_000
_MAX_EXP2 = 4_000_000

_ZERO = Fraction(0)
# re.ASCII: ``\d`` must not match other scripts' digits ("١٢٣"), which gmpy2 refuses.
_DECIMAL_RE = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?", re.ASCII)
_FRACTION_RE = re.compile(r"([+-]?)(\d+)\s*/\s*(\d+)", re.ASCII)


class ExactNumber(NamedTuple):
    """An exact complex rational ``re + im*i`` (``im == 0`` for real arguments).

    ``is_complex_type`` is True when the argument came in as a complex type (``complex``,
    ``mpc``): the result is then returned as ``mpc`` even when the imaginary part is zero.
    """

    re: Fraction
    im: Fraction
    is_complex_type: bool = False

    @property
    def is_real(self) -> bool:
        return self.im == 0 and not self.is_complex_type

    def nonpositive_integer(self) -> int | None:
        """The integer ``k <= 0`` this number equals, or None (Gamma's poles)."""
        if self.im == 0 and self.re.denominator == 1 and self.re <= 0:
            return int(self.re)
        return None

    def __str__(self) -> str:
        if self.is_real:
            return show_fraction(self.re)
        return f"({show_fraction(self.re)})+({show_fraction(self.im)})j"


def show_fraction(q: Fraction) -> str:
    """``str(q)`` for messages, abbreviating huge parts (``str`` of an int over 4300 digits raises).

    >>> show_fraction(Fraction(-7, 2)), show_fraction(Fraction(1, 10**400))
    ('-7/2', '1/<integer of 1329 bits>')
    """
    num = show(q.numerator)
    return num if q.denominator == 1 else f"{num}/{show(q.denominator)}"


def estimate_seconds(dps: int) -> float:
    """Rough wall time of Gamma at a complex argument to ``dps`` digits (log-log interpolation).

    >>> round(estimate_seconds(100_000)), round(estimate_seconds(1_000_000) / 3600, 1)
    (56, 5.5)
    """
    pts = GAMMA_COST_POINTS
    (d0, t0), (d1, t1) = (pts[0], pts[1]) if dps <= pts[1][0] else (pts[-2], pts[-1])
    slope = math.log(t1 / t0) / math.log(d1 / d0)
    # math.log of a huge int is fine (no float conversion of the int itself).
    log_t = math.log(t1) + slope * (math.log(max(dps, 1)) - math.log(d1))
    return math.exp(min(log_t, 700.0))


def _show_duration(seconds: float) -> str:
    units = (("years", 365.25 * 86400), ("days", 86400.0), ("hours", 3600.0), ("minutes", 60.0))
    for unit, size in units:
        if seconds >= 2 * size:
            amount = seconds / size
            return f"about {amount:.3g} {unit}" if amount < 1e6 else f"more than 10^6 {unit}"
    return f"about {seconds:.2g} seconds"


def check_dps(dps: Any, func: str) -> int:
    """Validate ``dps`` (an integer ``1 <= dps <= DPS_CEILING``) and return it as an int.

    Every numerics function calls this first, before any allocation, so an absurd ``dps``
    (``10**9``) is refused at once with an estimate of what it would have cost. Guarantee:
    an exact integer check (``bool``, ``float`` and ``str`` are refused with ``TypeError``,
    never rounded), so the ceiling holds for any integer, even one of a million digits.

    Examples
    --------
    >>> check_dps(50, "gamma")
    50
    >>> check_dps(10**6, "gamma")
    Traceback (most recent call last):
    ...
    numtheory.errors.InputError: gamma() accepts dps up to 100000 (the numerics ceiling), got \
dps = 1000000: Gamma at a complex argument to that many digits would take about 5.52 hours here \
(56 s at 100000 digits, growing like dps^2.5), and the call could not be interrupted
    """
    d = as_int(dps, "dps")
    if d < 1:
        raise InputError(f"{func}() needs dps >= 1, got {show(d)}")
    if d > DPS_CEILING:
        slope = math.log(GAMMA_COST_POINTS[-1][1] / GAMMA_COST_POINTS[-2][1]) / math.log(
            GAMMA_COST_POINTS[-1][0] / GAMMA_COST_POINTS[-2][0]
        )
        d_last, t_last = GAMMA_COST_POINTS[-1]
        raise InputError(
            f"{func}() accepts dps up to {DPS_CEILING} (the numerics ceiling), got dps = "
            f"{show(d)}: Gamma at a complex argument to that many digits would take "
            f"{_show_duration(estimate_seconds(d))} here ({t_last:.0f} s at {d_last} digits, "
            f"growing like dps^{slope:.1f}), and the call could not be interrupted"
        )
    return d


def show_bytes(nbytes: float) -> str:
    """``1.5 GiB``-style size for messages.

    >>> show_bytes(3 * 2**30), show_bytes(2.5e15)
    ('3.0 GiB', '2274 TiB')
    """
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20)):
        if nbytes >= size:
            amount = nbytes / size
            return f"{amount:.1f} {unit}" if amount < 100 else f"{amount:.0f} {unit}"
    return f"{int(nbytes)} bytes"


def check_memory(nbytes: float, what: str, func: str) -> None:
    """Refuse (InputError naming the size) a call estimated to need more than MEMORY_BUDGET."""
    if nbytes > MEMORY_BUDGET:
        raise InputError(
            f"{func}() would need about {show_bytes(nbytes)} of memory for {what}, more than "
            f"the {show_bytes(MEMORY_BUDGET)} a numerics call may use (an allocation failure "
            "inside GMP would abort Python); ask for fewer terms or digits"
        )


@functools.lru_cache(maxsize=256)
def target_prec(dps: int) -> int:
    """mpmath's binary precision for ``dps`` decimal digits (what ``mp.dps = dps`` would set)."""
    return int(dps_to_prec(dps))


def _parse_string(text: str, name: str, func: str) -> Fraction:
    s = text.strip()
    m = _FRACTION_RE.fullmatch(s)
    if m:
        sign, num, den = m.groups()
        if _backend.int_from_digits(den) == 0:
            raise InputError(f"{func}() got a zero denominator in {name} = {text!r}")
        value = Fraction(_backend.int_from_digits(num), _backend.int_from_digits(den))
        return -value if sign == "-" else value
    m = _DECIMAL_RE.fullmatch(s)
    if m and (m.group(2) or m.group(3)):
        sign, whole, frac, exp = m.groups()
        frac = frac or ""
        # An exponent with more than 8 significant digits is out of range anyway (and int()
        # of one over 4300 digits would raise a bare ValueError).
        e_digits = (exp or "").lstrip("+-").lstrip("0")
        e10 = int(e_digits or "0") if len(e_digits) <= 8 else _MAX_EXP10 + 1
        if exp and exp[0] == "-":
            e10 = -e10
        if abs(e10) > _MAX_EXP10:
            raise InputError(
                f"{func}() needs a decimal exponent of at most {_MAX_EXP10} in {name}, "
                f"got {show(text)}"
            )
        digits = (whole or "") + frac
        man = _backend.int_from_digits(digits) if digits else 0
        e10 -= len(frac)
        value = Fraction(man * 10**e10) if e10 >= 0 else Fraction(man, 10**-e10)
        return -value if sign == "-" else value
    raise InputError(
        f"{func}() needs {name} as a decimal or fraction string such as '2.5', '-1e-3' or "
        f"'1/3', got {show(text)}"
    )


def _parse_number_string(text: str, name: str, func: str) -> ExactNumber:
    """A real string (:func:`_parse_string`) or a complex one in Python's notation.

    ``"1e10000j"``, ``"2-0.5j"``, ``"(1+2j)"``, ``"-j"``: as ``complex(text)`` reads them, but
    each part exactly (mpmath accepts these, and its test suite uses ``loggamma('1e10000j')``).
    A complex string gives a complex-type result (an ``mpc``), as a ``complex`` does.
    """
    s = text.strip()
    if s[:1] == "(" and s[-1:] == ")":
        s = s[1:-1].strip()
    bad = InputError(
        f"{func}() needs {name} as a decimal, fraction or complex string such as '2.5', "
        f"'1/3' or '1+2j', got {show(text)}"
    )
    if s[-1:] not in ("j", "J"):
        if "j" in s.lower():  # "1+j+2": a misplaced imaginary unit
            raise bad
        return ExactNumber(_parse_string(text, name, func), _ZERO)
    body = s[:-1]
    # The split between the parts: the last sign that is not the first character and does
    # not start an exponent ("1e-3+2e-5j").
    cut = 0
    for i in range(len(body) - 1, 0, -1):
        if body[i] in "+-" and body[i - 1] not in "eE":
            cut = i
            break
    re_text, im_text = body[:cut], body[cut:].replace(" ", "")
    if im_text in ("", "+", "-"):
        im_text += "1"
    if "j" in re_text.lower() or "/" in im_text or not _DECIMAL_RE.fullmatch(im_text):
        raise bad
    try:
        re_part = _parse_string(re_text, name, func) if re_text.strip() else _ZERO
        im_part = _parse_string(im_text, name, func)
    except InputError as exc:
        if "exponent" in str(exc):  # name the whole string, not only the part
            raise InputError(f"{exc} (a part of {show(text)})") from None
        raise bad from None
    return ExactNumber(re_part, im_part, True)


def _from_mpf(x: Any, name: str, func: str) -> Fraction:
    if not mpmath.isfinite(x):
        raise InputError(f"{func}() needs a finite {name}, got {x}")
    # ``mpf.man_exp`` drops the sign in mpmath 1.3; the raw tuple is (sign, man, exp, bc).
    sign, man, exp, _ = x._mpf_
    man, exp = (-int(man) if sign else int(man)), int(exp)
    if abs(exp) > _MAX_EXP2:
        raise InputError(
            f"{func}() needs {name} with a binary exponent of at most {_MAX_EXP2} in size, got {x}"
        )
    return Fraction(man << exp) if exp >= 0 else Fraction(man, 1 << -exp)


def _from_float(x: float, name: str, func: str) -> Fraction:
    if not math.isfinite(x):
        raise InputError(f"{func}() needs a finite {name}, got {x!r}")
    return Fraction(x)


def exact_number(x: Any, name: str = "x", func: str = "gamma") -> ExactNumber:
    """Convert an argument exactly to an :class:`ExactNumber` (see the module docstring).

    Examples
    --------
    >>> exact_number("1/3")
    ExactNumber(re=Fraction(1, 3), im=Fraction(0, 1), is_complex_type=False)
    >>> exact_number(0.5 + 2j).re, exact_number(0.5 + 2j).im
    (Fraction(1, 2), Fraction(2, 1))
    >>> exact_number(True)
    Traceback (most recent call last):
    ...
    numtheory.errors.InputTypeError: gamma() needs x to be a number, got True (bool)
    """
    zero = _ZERO
    if type(x) is int:
        return ExactNumber(Fraction(x), zero)
    if type(x) is Fraction:
        return ExactNumber(x, zero)
    if isinstance(x, bool) or x is None:
        raise InputTypeError(
            f"{func}() needs {name} to be a number, got {x!r} ({type(x).__name__})"
        )
    if isinstance(x, mpmath.mpf):
        return ExactNumber(_from_mpf(x, name, func), zero)
    if isinstance(x, mpmath.mpc):
        return ExactNumber(_from_mpf(x.real, name, func), _from_mpf(x.imag, name, func), True)
    if isinstance(x, float):
        return ExactNumber(_from_float(x, name, func), zero)
    if isinstance(x, complex):
        return ExactNumber(_from_float(x.real, name, func), _from_float(x.imag, name, func), True)
    if isinstance(x, str):
        return _parse_number_string(x, name, func)
    if isinstance(x, decimal.Decimal):
        if not x.is_finite():
            raise InputError(f"{func}() needs a finite {name}, got {x}")
        if abs(x.adjusted()) > _MAX_EXP10 or abs(int(x.as_tuple().exponent)) > _MAX_EXP10:
            raise InputError(
                f"{func}() needs a decimal exponent of at most {_MAX_EXP10} in {name}, got {x}"
            )
        return ExactNumber(Fraction(x), zero)
    if isinstance(x, _backend.fmpq):
        return ExactNumber(Fraction(int(x.p), int(x.q)), zero)
    if isinstance(x, numbers.Rational):
        return ExactNumber(Fraction(int(x.numerator), int(x.denominator)), zero)
    if hasattr(x, "__index__"):
        return ExactNumber(Fraction(as_int(x, name)), zero)
    raise InputTypeError(
        f"{func}() needs {name} to be an int, Fraction, Decimal, decimal/fraction string, "
        f"float, complex or mpmath number, got {show(x)} ({type(x).__name__})"
    )


def exact_real(x: Any, name: str = "x", func: str = "gamma") -> Fraction:
    """Like :func:`exact_number` but refuse complex values (``InputError`` naming the value)."""
    z = exact_number(x, name, func)
    if z.im != 0:
        raise InputError(f"{func}() needs a real {name}, got {show(x)}")
    return z.re
