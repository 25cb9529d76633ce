"""``numtheory factor``: prime factorisations on FLINT."""

from __future__ import annotations

import argparse
from typing import Any

from numtheory._backend import decimal
from numtheory.arith import factorint
from numtheory.cli._args import int_arg
from numtheory.cli._output import Output
from numtheory.errors import EXIT_OK

NAME = "factor"
HELP = "factor integers into primes (FLINT: rho, ECM, quadratic sieve)"
ORDER = 30
DESCRIPTION = """\
Factor each N into primes with FLINT (trial division, Pollard rho, ECM, the quadratic
sieve): 30 digits take milliseconds, a 60-digit semiprime seconds, 80 digits minutes.

  numtheory factor 360                                360 = 2^3 * 3^2 * 5
  numtheory factor 63281217910257742583918406571 2^64+1

Conventions as sympy.factorint: 1 = 1 (no factors), 0 = 0, a negative N gets the factor -1.
Every factor is proven prime (FLINT proves each one: 0.4 s for a 200-digit prime factor,
about 2 s at 300 digits, minutes at 1000; the C call cannot be interrupted).
--json: {"results": [{"n", "factors": [{"prime", "exponent"}]}]}.
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


def run(args: argparse.Namespace, out: Output) -> int:
    results: list[dict[str, Any]] = []
    lines = []
    for n in args.n:
        factors = factorint(n)
        lines.append(_format(n, factors))
        results.append(
            {"n": n, "factors": [{"prime": p, "exponent": e} for p, e in factors.items()]}
        )
    out.result("\n".join(lines), {"results": results})
    return EXIT_OK
