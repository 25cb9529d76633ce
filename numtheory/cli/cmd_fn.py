"""``numtheory fn NAME ARGS...``: call one of numtheory's integer functions from the shell.

A table maps each name to its argument parsers, a one-line summary and whether it takes
``--all``; the function itself is looked up by name on :mod:`numtheory` when the command
runs, so a function missing from this installation gives a clear error, not an import
failure at start-up.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numtheory
from numtheory._validate import excerpt
from numtheory.cli._args import IntExpressionError, parse_int, parse_int_list
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK
from numtheory.cli._output import Output, decimal
from numtheory.errors import InputError

NAME = "fn"
HELP = "call an integer function: totient, crt, sqrt_mod, nth_prime, pell, ... (--list)"

#: Longest result list printed (the functions themselves bound their work).
_MAX_ITEMS = 1_000_000


def _fraction(text: str) -> Fraction:
    """``P/Q`` or an integer, each part an integer expression (``(10**20+1)/7``)."""
    head, slash, tail = text.rpartition("/")
    if not slash or head.endswith("/") or not head:  # no "/" or a "//" (integer division)
        return Fraction(parse_int(text))
    den = parse_int(tail)
    if den == 0:
        raise IntExpressionError(f"{text!r} has denominator 0")
    return Fraction(parse_int(head), den)


_PARSERS: dict[str, Callable[[str], Any]] = {
    "int": parse_int,
    "ints": lambda text: parse_int_list(text, advice="no function here needs that many"),
    "frac": _fraction,
}


@dataclass(frozen=True)
class _Spec:
    params: tuple[str, ...]  # "name:kind"; a trailing "?" marks an optional one
    summary: str
    all_roots: bool = False  # accepts --all (all_roots=True)


def _spec(params: str, summary: str, all_roots: bool = False) -> _Spec:
    return _Spec(tuple(params.split()), summary, all_roots)


#: name -> arguments and summary. Part A of issue 14 (multiplicative functions, residues)
#: and part B (roots, prime counting, continued fractions, Pell).
FUNCTIONS: dict[str, _Spec] = {
    # multiplicative functions
    "totient": _spec("n:int", "Euler's phi(n)"),
    "divisors": _spec("n:int", "the positive divisors of n, sorted"),
    "divisor_count": _spec("n:int", "the number of divisors of n"),
    "divisor_sigma": _spec("n:int k:int?", "sum of d**k over the divisors d of n (k = 1)"),
    "mobius": _spec("n:int", "the Moebius function mu(n)"),
    "primenu": _spec("n:int", "number of distinct prime factors (omega)"),
    "omega": _spec("n:int", "number of distinct prime factors"),
    "primeomega": _spec("n:int", "number of prime factors with multiplicity (Omega)"),
    "bigomega": _spec("n:int", "number of prime factors with multiplicity"),
    "radical": _spec("n:int", "product of the distinct primes dividing n"),
    "carmichael_lambda": _spec("n:int", "Carmichael's lambda(n), the exponent of (Z/n)*"),
    "reduced_totient": _spec("n:int", "Carmichael's lambda(n) (sympy's name)"),
    # residues
    "jacobi": _spec("a:int n:int", "the Jacobi symbol (a/n), n odd positive"),
    "jacobi_symbol": _spec("a:int n:int", "the Jacobi symbol (sympy's name)"),
    "legendre": _spec("a:int p:int", "the Legendre symbol (a/p), p an odd prime"),
    "legendre_symbol": _spec("a:int p:int", "the Legendre symbol (sympy's name)"),
    "kronecker": _spec("a:int n:int", "the Kronecker symbol (a/n)"),
    "kronecker_symbol": _spec("a:int n:int", "the Kronecker symbol (sympy's name)"),
    "inverse_mod": _spec("a:int m:int", "x with a*x = 1 (mod m)"),
    "mod_inverse": _spec("a:int m:int", "x with a*x = 1 (mod m) (sympy's name)"),
    "crt": _spec("moduli:ints residues:ints", "(x, M): x = r_i (mod m_i); `crt 2,3 3,5`"),
    "sqrt_mod": _spec("a:int p:int", "a root of x**2 = a (mod p) (--all: all)", True),
    "nthroot_mod": _spec("a:int n:int p:int", "a root of x**n = a (mod p) (--all)", True),
    "primitive_root": _spec("p:int", "the smallest primitive root modulo p"),
    "multiplicative_order": _spec("a:int n:int", "the order of a modulo n"),
    "n_order": _spec("a:int n:int", "the order of a modulo n (sympy's name)"),
    "discrete_log": _spec("n:int a:int b:int", "x with b**x = a (mod n)"),
    "is_quad_residue": _spec("a:int p:int", "is x**2 = a (mod p) solvable? (exit 1 if not)"),
    "is_primitive_root": _spec("a:int p:int", "does a generate (Z/p)*? (exit 1 if not)"),
    # roots and powers
    "isqrt": _spec("n:int", "floor(sqrt(n))"),
    "iroot": _spec("n:int k:int", "(floor(n**(1/k)), exact)"),
    "integer_nthroot": _spec("y:int n:int", "(floor(y**(1/n)), exact) (sympy's name)"),
    "is_square": _spec("n:int", "is n a perfect square? (exit 1 if not)"),
    "perfect_power": _spec("n:int", "(b, e) with b**e = n and e largest, or False"),
    # primes
    "primepi": _spec("x:int", "pi(x), the number of primes <= x (primecount, x <= 10**27)"),
    "count_primes": _spec("x:int stop:int?", "pi(x), or the primes in [x, stop)"),
    "nth_prime": _spec("n:int", "the n-th prime, nth_prime(1) = 2 (primecount)"),
    "primefactors": _spec("n:int", "the distinct primes dividing n, sorted"),
    # continued fractions and Pell
    "continued_fraction": _spec("x:frac", "the continued fraction of a rational P/Q"),
    "continued_fraction_periodic": _spec(
        "p:int q:int d:int? s:int?", "of (p + s*sqrt(d))/q, period last: [a0, [b0, ...]]"
    ),
    "continued_fraction_reduce": _spec("terms:ints", "the rational a finite expansion stands for"),
    "convergents": _spec("terms:ints", "the convergents of a finite continued fraction"),
    "pell": _spec("D:int N:int?", "least x, y > 0 with x**2 - D*y**2 = N (N = 1 or -1)"),
    "diop_DN": _spec(
        "D:int N:int", "x**2 - D*y**2 = N: one (x, y) per class (D > 0), or all x, y >= 0"
    ),
}


def _listing() -> str:
    usages = {name: _usage(name, spec) for name, spec in FUNCTIONS.items()}
    width = max(map(len, usages.values()))
    return "\n".join(
        f"  {usages[name]:<{width}}  {spec.summary}" for name, spec in FUNCTIONS.items()
    )


def _usage(name: str, spec: _Spec) -> str:
    parts = [name]
    for param in spec.params:
        label = param.split(":")[0].upper()
        parts.append(f"[{label}]" if param.endswith("?") else label)
    if spec.all_roots:
        parts.append("[--all]")
    return " ".join(parts)


DESCRIPTION = f"""\
Call a numtheory function by name: `numtheory fn NAME ARGS...`. Integers may be written
10**30+1, 2^127-1; a list (crt's moduli, a continued fraction) is comma-separated
(`fn crt 2,3 3,5`); a rational is P/Q. The result prints as Python would show it; --json
gives {{"function", "args", "result"}} with big integers as JSON integers, a Fraction as
{{"numerator", "denominator"}} and a quadratic irrational as {{"p", "q", "d", "s"}}.

examples:
  numtheory fn totient 10**30+1
  numtheory fn crt 2,3 3,5               (5, 6): x = 3 (mod 2), x = 5 (mod 3)
  numtheory fn nth_prime 10**9           22801763489
  numtheory fn pell 61                   (1766319049, 226153980)
  numtheory fn continued_fraction_periodic 0 1 7     [2, [1, 1, 1, 4]]

functions (`numtheory fn --list`):
{_listing()}

exit codes: 0 success, 1 no solution / not a square / not a perfect power (the result is
None or False, or an empty list from diop_DN or --all; --json still prints it), 2 bad input
(the value is named), 4 internal error. diop_DN's families print as (7*t, t), in --json
{{"parameter": "t", "coefficient": 7}}: any integer t.
"""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAME", help="the function (see --list)")
    parser.add_argument("args", nargs="*", metavar="ARG", help="its arguments")
    parser.add_argument("--list", action="store_true", help="list the functions, one per line")
    parser.add_argument(
        "--all", action="store_true", help="sqrt_mod, nthroot_mod: all the roots, sorted"
    )


def _parse_args(name: str, spec: _Spec, texts: list[str]) -> list[Any]:
    required = [p for p in spec.params if not p.endswith("?")]
    if not len(required) <= len(texts) <= len(spec.params):
        raise InputError(
            f"fn {name} takes {_count(required, spec)}, got {len(texts)}: "
            f"usage: numtheory fn {_usage(name, spec)}"
        )
    values = []
    for param, text in zip(spec.params, texts, strict=False):
        label, _, kind = param.rstrip("?").partition(":")
        try:
            values.append(_PARSERS[kind](text))
        except InputError as exc:
            raise InputError(f"fn {name}: bad {label.upper()}: {exc}") from exc
    return values


def _count(required: list[str], spec: _Spec) -> str:
    low, high = len(required), len(spec.params)
    plural = "s" if high != 1 else ""
    return f"{low} argument{plural}" if low == high else f"{low} to {high} arguments"


#: Functions whose empty list means "no solution" (exit 1), as None does for sqrt_mod: an
#: empty diop_DN, sqrt_mod --all or nthroot_mod --all (divisors(0) == [] is an answer).
_EMPTY_MEANS_NO_SOLUTION = frozenset({"diop_DN", "sqrt_mod", "nthroot_mod"})


def _to_json(value: Any) -> Any:
    from numtheory.arith import (
        Parameter,
        QuadraticIrrational,
    )  # here: the parser is built without GMP

    if isinstance(value, Parameter):  # diop_DN's families: c*t for any integer t
        return {"parameter": "t", "coefficient": value.coefficient}
    if isinstance(value, QuadraticIrrational):
        return {"p": value.p, "q": value.q, "d": value.d, "s": value.s}
    if isinstance(value, Fraction):
        return {"numerator": value.numerator, "denominator": value.denominator}
    if isinstance(value, (list, tuple)):
        return [_to_json(item) for item in value]
    return value


def _to_text(value: Any) -> str:
    from numtheory.arith import QuadraticIrrational

    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return decimal(value)
    if isinstance(value, QuadraticIrrational):
        sign = "+" if value.s > 0 else "-"
        return f"({decimal(value.p)} {sign} sqrt({decimal(value.d)}))/{decimal(value.q)}"
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return decimal(value.numerator)
        return f"{decimal(value.numerator)}/{decimal(value.denominator)}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_to_text(item) for item in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_to_text(item) for item in value) + "]"
    return str(value)


def run(args: argparse.Namespace, out: Output) -> int:
    if args.list or args.name is None:
        if args.name is None and not args.list:
            raise InputError("fn needs a function NAME; `numtheory fn --list` lists them")
        out.result(_listing(), {"functions": {n: s.summary for n, s in FUNCTIONS.items()}})
        return EXIT_OK
    name = args.name
    spec = FUNCTIONS.get(name)
    if spec is None:
        raise InputError(f"fn: no function {excerpt(name)}; `numtheory fn --list` lists them")
    func = getattr(numtheory, name, None)
    if not callable(func):
        raise InputError(f"fn: {name} is not available in this version of numtheory")
    if args.all and not spec.all_roots:
        raise InputError(f"fn {name} does not take --all (only sqrt_mod and nthroot_mod do)")
    values = _parse_args(name, spec, list(args.args))
    kwargs = {"all_roots": True} if args.all else {}
    result = func(*values, **kwargs)
    if name == "convergents":
        result = list(result)
    if isinstance(result, list) and len(result) > _MAX_ITEMS:
        raise InputError(f"fn {name}: more than {_MAX_ITEMS:,} results; not printed")
    data = {"function": name, "args": _to_json(values), "result": _to_json(result)}
    # "no solution": sympy's None, or an empty list of solutions (diop_DN) or roots (--all)
    if result is None or (result == [] and name in _EMPTY_MEANS_NO_SOLUTION):
        # stdout stays empty in text mode; --json still prints the (null or []) result
        if out.json_mode:
            out.result("", data)
        out.info(f"{name}: no solution")
        return EXIT_NOT_FOUND
    out.result(_to_text(result), data)
    return EXIT_NOT_FOUND if result is False else EXIT_OK
