"""python-flint's and gmpy2's expectations for the functions numtheory wraps.

python-flint: the installed ``flint/test/test_all.py`` keeps, in ``test_fmpz_functions``, a
table of ``(f, [f(-1), f(0), ..., f(10)])`` with exceptions for out-of-domain values. The
table is read from the installed file (its ``cases`` list, through :mod:`ast`, nothing
copied here) and each row numtheory has an equivalent for is run on numtheory's function:
a value must match, an exception must be a ValueError subclass (or ``None``, numtheory's
"no square root", for ``sqrtmod``). :data:`FLINT_DIFFERENCES` lists the deliberate
exceptions, with why; :data:`FLINT_LACKS` the rows numtheory has no function for.

gmpy2: its documented behaviour of ``isqrt``, ``iroot``, ``is_square`` and ``is_power``
(gmpy2 2.3 reference, "Multiple-precision Integers"): ValueError for a negative argument
of a root, ``iroot(x, n) -> (root, exact)``, ``is_power(x)`` true for ``x = y**n`` with
``n > 1`` (so for 0, 1 and -8 too), checked against gmpy2 itself on every n in a range.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from typing import Any

import flint
import flint.test.test_all as flint_tests
import gmpy2
import pytest

import numtheory as nt

_NO_ROOT = object()


def _sqrtmod11(n: int) -> Any:
    r = nt.sqrt_mod(n, 11)
    return _NO_ROOT if r is None else r


#: FLINT's expression (as python-flint's table writes it) -> numtheory's function of n.
FLINT_EQUIVALENTS: dict[str, Callable[[int], Any]] = {
    "flint.fmpz(n).is_prime()": lambda n: int(nt.is_prime(n, proof=True)),
    "flint.fmpz(n).is_probable_prime()": lambda n: int(nt.is_prime(n)),
    "flint.fmpz(n).is_perfect_power()": lambda n: bool(nt.perfect_power(n)),
    "flint.fmpz(n).is_square()": nt.is_square,
    "flint.fmpz(n).moebius_mu()": nt.mobius,
    "flint.fmpz.bin_uiui(n, 0)": lambda n: nt.binomial(n, 0),
    "flint.fmpz.bin_uiui(n, 1)": lambda n: nt.binomial(n, 1),
    "flint.fmpz.bin_uiui(n, 2)": lambda n: nt.binomial(n, 2),
    "flint.fmpz(n).divisor_sigma(2)": lambda n: nt.divisor_sigma(n, 2),
    "flint.fmpz(n).euler_phi()": nt.totient,
    "flint.fmpz(n).isqrt()": nt.isqrt,
    "flint.fmpz(n).sqrtmod(11)": _sqrtmod11,
    "flint.fmpz(n).root(3)": lambda n: nt.iroot(n, 3)[0],
    "flint.fmpz(n).jacobi(3)": lambda n: nt.jacobi(n, 3),
    "flint.fmpz(2).jacobi(n)": lambda n: nt.jacobi(2, n),
}

_WHY_POSITIVE = "defined for n >= 1, as sympy (InputError); FLINT extends it to n <= 0"
#: (expression, n) -> why numtheory deliberately answers otherwise than python-flint's table.
FLINT_DIFFERENCES: dict[tuple[str, int], str] = {
    **{
        ("flint.fmpz(n).is_perfect_power()", n): (
            "sympy's perfect_power: False for -1, 0, 1 (FLINT and gmpy2 say True)"
        )
        for n in (-1, 0, 1)
    },
    **{
        (expr, n): _WHY_POSITIVE
        for expr in (
            "flint.fmpz(n).moebius_mu()",
            "flint.fmpz(n).divisor_sigma(2)",
            "flint.fmpz(n).euler_phi()",
        )
        for n in (-1, 0)
    },
    **{
        ("flint.fmpz(2).jacobi(n)", n): (
            "the Jacobi symbol needs odd n >= 1 (InputError; kronecker() is the extension); "
            "fmpz_jacobi is undefined there and python-flint returns +-1"
        )
        for n in (-1, 0, 2, 4, 6, 8, 10)
    },
}

#: python-flint rows numtheory has no function for.
FLINT_LACKS = {
    "flint.fmpz(n).partitions_p()",
    "flint.fmpz.fac_ui(n)",
    "flint.fmpz.primorial_ui(n)",
    "flint.fmpz.fib_ui(n)",
    "flint.fmpz(n).rising(0)",
    "flint.fmpz(n).rising(1)",
    "flint.fmpz(n).rising(2)",
    "flint.fmpz.bell_number(n)",
    "flint.fmpz.euler_number(n)",
    "flint.fmpz.stirling_s1(n, 1)",
    "flint.fmpz.stirling_s2(n, 2)",
    "flint.fmpz(n).sqrtrem()",
}


def _flint_cases() -> list[tuple[str, list[Any]]]:
    """python-flint's ``cases`` table: (expression of n, values from n = -1 on)."""
    tree = ast.parse(inspect.getsource(flint_tests.test_fmpz_functions))
    (cases,) = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and getattr(node.targets[0], "id", None) == "cases"
        and isinstance(node.value, ast.List)
    ]
    names = {
        "T": True,
        "F": False,
        "VE": ValueError,
        "OE": OverflowError,
        "DE": flint_tests.DomainError,
    }
    out = []
    for row in cases.elts:
        assert isinstance(row, ast.Tuple) and isinstance(row.elts[0], ast.Lambda)
        values = eval(compile(ast.Expression(row.elts[1]), "<flint table>", "eval"), names)
        out.append((ast.unparse(row.elts[0].body), values))
    return out


def _run(func: Callable[[int], Any], n: int) -> Any:
    try:
        return func(n)
    except ValueError:  # numtheory's InputError and NoSolutionError are ValueErrors
        return ValueError


def _matches(expected: Any, got: Any) -> bool:
    if isinstance(expected, type) and issubclass(expected, Exception):
        return got is ValueError or got is _NO_ROOT
    return bool(got == expected)


def test_python_flint_fmpz_function_table() -> None:
    cases = _flint_cases()
    exprs = {expr for expr, _ in cases}
    assert exprs == set(FLINT_EQUIVALENTS) | FLINT_LACKS  # a new row is classified on purpose
    differs = set()
    for expr, values in cases:
        if expr in FLINT_LACKS:
            continue
        for n, expected in enumerate(values, -1):
            if not _matches(expected, _run(FLINT_EQUIVALENTS[expr], n)):
                differs.add((expr, n))
    assert differs == set(FLINT_DIFFERENCES)


def test_python_flint_factor_expectations() -> None:
    # python-flint test_all.py, test_fmpz_factor: fmpz(25).factor() and fmpz(10**100 + 1)
    for n in (25, 10**100 + 1):
        assert list(nt.factorint(n).items()) == [(int(p), e) for p, e in flint.fmpz(n).factor()]
    assert nt.factorint(10**100 + 1)[5964848081] == 1  # the table's 7th factor


def test_gmpy2_roots_and_powers_documented_behaviour() -> None:
    values = [*range(-50, 3000), 2**64 - 1, 2**64, 3**80, 3**80 + 1, 10**40, (10**20 + 1) ** 3]
    brute = {b**e for b in range(2, 60) for e in range(2, 12) if b**e < 3000}
    brute |= {-(b**e) for b in range(2, 60) for e in range(3, 12, 2) if b**e <= 50}
    brute |= {2**64, 3**80, 10**40, (10**20 + 1) ** 3}
    for n in values:
        if n < 0:
            for func, args in ((nt.isqrt, (n,)), (nt.iroot, (n, 3)), (gmpy2.isqrt, (n,))):
                with pytest.raises(ValueError):  # gmpy2 and numtheory alike
                    func(*args)
        else:
            assert nt.isqrt(n) == int(gmpy2.isqrt(n))
            for k in (1, 2, 3, 5):
                root, exact = gmpy2.iroot(n, k)
                assert nt.iroot(n, k) == (int(root), exact)
        assert nt.is_square(n) is bool(gmpy2.is_square(n))
        # is_power: gmpy2 counts 0, 1 and -1 (x = x**n); sympy's perfect_power, which
        # numtheory follows, does not
        expected = bool(gmpy2.is_power(n)) and n not in (-1, 0, 1)
        assert bool(nt.perfect_power(n)) is expected is (n in brute), n
    for k in (0, -1):
        with pytest.raises(ValueError):
            gmpy2.iroot(8, k)
        with pytest.raises(ValueError):
            nt.iroot(8, k)
