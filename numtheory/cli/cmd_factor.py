"""``numtheory factor``: prime factorisations on FLINT."""

from __future__ import annotations

import argparse
from typing import Any

from numtheory.cli._args import int_arg
from numtheory.cli._exit import EXIT_OK
from numtheory.cli._output import Output, decimal

NAME = "factor"
HELP = "factor integers into primes (FLINT: rho, ECM, quadratic sieve)"
DESCRIPTION = """\
Factor each N into primes with FLINT (trial division, Pollard rho, ECM, the quadratic
sieve): 30 digits take milliseconds, a 60-digit semiprime seconds, 80 digits minutes.

  numtheory factor 360                                360 = 2^3 * 3^2 * 5
  numtheory factor 63281217910257742583918406571 2^64+1

Conventions as sympy.factorint: 1 = 1 (no factors), 0 = 0, a negative N gets the factor -1.
Every factor is proven prime (FLINT proves each one: 0.4 s for a 200-digit prime factor,
about 2 s at 300 digits, minutes at 1000; the C call cannot be interrupted).
--json: {"results": [{"n", "kind", "unit", "factors": [{"prime", "exponent"}]}]}, where
"factors" lists primes only, "unit" is the sign (1 or -1; null for 0) and "kind" is "zero",
"unit" (1 and -1: no prime factors), "prime" (n = +-p) or "composite". So -12 is unit -1
times 2^2 * 3, and 0, 1, -1 have no factors at all.
exit codes: 0 success, 2 bad input.
"""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "n", nargs="+", type=int_arg, metavar="N", help="integers (10**20+1, 2^64-1 ...)"
    )


def _format(n: int, factors: dict[int, int]) -> str:
    if n in (0, 1, -1):
        return f"{n} = {n}"
    parts = [decimal(p) if e == 1 else f"{decimal(p)}^{e}" for p, e in factors.items()]
    return f"{decimal(n)} = {' * '.join(parts)}"


def _kind(n: int, primes: list[tuple[int, int]]) -> str:
    if n == 0:
        return "zero"
    if not primes:
        return "unit"
    return "prime" if primes == [(primes[0][0], 1)] else "composite"


def _json(n: int, factors: dict[int, int]) -> dict[str, Any]:
    """The honest JSON view: only primes are called primes (factorint's 0 and -1 keys are
    the number itself and its sign, not prime factors)."""
    primes = [(p, e) for p, e in factors.items() if p > 1]
    return {
        "n": n,
        "kind": _kind(n, primes),
        "unit": None if n == 0 else (-1 if n < 0 else 1),
        "factors": [{"prime": p, "exponent": e} for p, e in primes],
    }


def run(args: argparse.Namespace, out: Output) -> int:
    from numtheory.arith import factorint  # GMP and FLINT: loaded for this command only

    results: list[dict[str, Any]] = []
    lines = []
    for n in args.n:
        factors = factorint(n)
        lines.append(_format(n, factors))
        results.append(_json(n, factors))
    out.result("\n".join(lines), {"results": results})
    return EXIT_OK
