"""Integer-like inputs: what sympy accepts through ``operator.index``, numtheory accepts too.

sympy's ``as_int`` takes anything with ``__index__`` (``gmpy2.mpz``, ``flint.fmpz``, numpy
integers, its own ``Integer``); so does numtheory, and the answer is the same, as a built-in
``int``. bool (``True``, ``numpy.True_``) and floats (``2.0``, ``numpy.float64``) are refused
with a TypeError naming the value (the project's rule; sympy takes ``True`` as 1 and raises
ValueError on a float). Each call is also made to sympy with the mpz arguments, an
independent reference.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import flint
import gmpy2
import numpy as np
import pytest
import sympy
from sympy.solvers.diophantine.diophantine import diop_DN

import numtheory as nt
from numtheory.errors import InputTypeError

#: numtheory's name, sympy's function (None: sympy has none by that name), integer args.
CALLS: list[tuple[str, Callable[..., Any] | None, tuple[Any, ...]]] = [
    ("totient", sympy.totient, (3600,)),
    ("reduced_totient", sympy.reduced_totient, (3600,)),
    ("divisors", sympy.divisors, (360,)),
    ("divisor_count", sympy.divisor_count, (360,)),
    ("divisor_sigma", sympy.divisor_sigma, (360, 2)),
    ("mobius", sympy.mobius, (30,)),
    ("primenu", sympy.primenu, (360,)),
    ("primeomega", sympy.primeomega, (360,)),
    ("factorint", sympy.factorint, (2**10 * 3**5 * 101,)),
    ("perfect_power", sympy.perfect_power, (3**20,)),
    ("is_square", sympy.ntheory.primetest.is_square, (12321,)),
    ("isqrt", None, (10**18 + 7,)),
    ("integer_nthroot", sympy.integer_nthroot, (10**18 + 1, 3)),
    ("iroot", None, (10**18 + 1, 3)),
    ("legendre_symbol", sympy.legendre_symbol, (5, 11)),
    ("jacobi_symbol", sympy.jacobi_symbol, (-23, 83)),
    ("kronecker_symbol", sympy.kronecker_symbol, (3, 8)),
    ("mod_inverse", sympy.mod_inverse, (21124921, 521512)),
    ("crt", sympy.ntheory.modular.crt, ([99, 97, 95], [49, 76, 65])),
    ("sqrt_mod", sympy.sqrt_mod, (10, 13)),
    ("nthroot_mod", sympy.nthroot_mod, (11, 3, 19)),
    ("primitive_root", sympy.primitive_root, (97**2,)),
    ("n_order", sympy.n_order, (3, 7**5)),
    ("discrete_log", sympy.discrete_log, (587, 2**9, 2)),
    ("primepi", sympy.primepi, (10**6,)),
    ("nth_prime", sympy.prime, (1000,)),
    ("is_prime", sympy.isprime, (2**61 - 1,)),
    ("next_prime", sympy.nextprime, (10**12,)),
    ("prev_prime", sympy.prevprime, (10**12,)),
    ("continued_fraction_periodic", sympy.continued_fraction_periodic, (3, 1, 2)),
    ("diop_DN", diop_DN, (13, -4)),
    ("binomial", None, (60, 17)),
    ("carmichael_lambda", None, (3600,)),
    ("radical", None, (3600,)),
    ("isprime", sympy.isprime, (2**61 - 1,)),
    ("nextprime", sympy.nextprime, (10**12, 3)),
    ("prevprime", sympy.prevprime, (10**12,)),
    ("prime", sympy.prime, (1000,)),
    ("primefactors", sympy.primefactors, (2**10 * 3**5 * 101,)),
    ("is_quad_residue", sympy.is_quad_residue, (13122380800, 13604889600)),
    ("is_primitive_root", sympy.is_primitive_root, (5, 97**2)),
    ("sqrt_mod_iter", None, (9, 3**5)),
]


def _uint(v: int) -> Any:
    return np.uint64(v) if v >= 0 else np.int32(v)


#: numpy integers hold the values (below 2**63) used in CALLS.
CONVERTERS: list[Callable[[int], Any]] = [gmpy2.mpz, flint.fmpz, np.int64, _uint, sympy.Integer]


def _convert(args: tuple[Any, ...], conv: Callable[[int], Any]) -> tuple[Any, ...]:
    return tuple([conv(a) for a in x] if isinstance(x, list) else conv(x) for x in args)


def _plain(value: Any) -> Any:
    """A result as plain Python data, every integer of it checked to be a built-in int."""
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bool) or value is None:
        return value
    assert type(value) is int, f"{value!r} is a {type(value).__name__}, not an int"
    return value


def _sympy_plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return type(value)(_sympy_plain(v) for v in value)
    if isinstance(value, dict):
        return {int(k): int(v) for k, v in value.items()}
    return value if isinstance(value, bool) or value is None else operator.index(value)


@pytest.mark.parametrize(("name", "ref", "args"), CALLS, ids=[c[0] for c in CALLS])
def test_index_types_give_the_int_answer(name: str, ref: Any, args: tuple[Any, ...]) -> None:
    func = getattr(nt, name)
    if name == "sqrt_mod_iter":  # a generator: its roots, sorted
        func = lambda *a: sorted(nt.sqrt_mod_iter(*a))  # noqa: E731
    expected = _plain(func(*args))
    for conv in CONVERTERS:
        assert _plain(func(*_convert(args, conv))) == expected, conv
    if ref is not None:  # sympy, given the same mpz arguments
        assert _sympy_plain(ref(*_convert(args, gmpy2.mpz))) == expected


@pytest.mark.parametrize(("name", "ref", "args"), CALLS, ids=[c[0] for c in CALLS])
def test_bool_and_float_refused(name: str, ref: Any, args: tuple[Any, ...]) -> None:
    func = getattr(nt, name)
    for position, arg in enumerate(args):
        if isinstance(arg, list):
            continue
        for bad in (True, np.True_, float(arg), np.float64(arg)):
            bad_args = list(args)
            bad_args[position] = bad
            with pytest.raises(InputTypeError, match=r"must be an integer, got .*\((bool|float)"):
                func(*bad_args)
    if name == "crt":
        with pytest.raises(InputTypeError, match="bool"):
            nt.crt([3, True], [1, 0])
        with pytest.raises(InputTypeError, match="float"):
            nt.crt([3, 5], [1, np.float64(2)])
