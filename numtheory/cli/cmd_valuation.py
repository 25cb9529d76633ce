"""``numtheory valuation``: p-adic valuations of n, n!, C(n, k) and C(2n, n)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from numtheory._validate import excerpt
from numtheory.cli._args import IntExpressionError, int_arg, parse_int_range
from numtheory.cli._exit import EXIT_OK
from numtheory.cli._output import Output, decimal
from numtheory.errors import InputError

NAME = "valuation"
HELP = "p-adic valuation of n, n!, C(n,k) or C(2n,n), without building the big number"
DESCRIPTION = """\
The exponent of a prime p in n, n!, C(n, k) or C(2n, n). The factorial and binomial
forms use Legendre's formula and Kummer's theorem (base-p digit sums), so n may have a
million digits. Each N and K may be a range A..B (both ends included).

  numtheory valuation N [P]                      v_P(N), P defaults to 2
  numtheory valuation factorial N [-p P]         v_P(N!)
  numtheory valuation binomial N K [-p P]        v_P(C(N, K)), 0 <= K <= N
  numtheory valuation central-binomial N [-p P]  v_P(C(2N, N))

examples:
  numtheory valuation 360 2                        3
  numtheory valuation central-binomial 15          4   (C(30,15) = 2^4 * 9694845)
  numtheory valuation central-binomial 1..99 --terms | numtheory oeis -    (A000120)
  numtheory valuation factorial 10**100 -p 5       trailing zeros of (10^100)!
  numtheory valuation binomial 10 0..10            a row of Pascal's triangle

A single value prints the number; a range prints a table (n, [k,] valuation), or with
--terms just the valuations separated by ", " (what `numtheory oeis -` reads). Integers may
be written 10**100, 2^64-1, 3*10**6. --json gives {"form", "p", "expression", "results":
[{"n", ["k",] "valuation"}], "terms"}. exit codes: 0 success, 2 bad input (p not prime,
k > n, n < 0, n = 0 for v_P(N)).
"""

#: Output is built in memory: refuse ranges that would make it absurdly large.
_MAX_VALUES = 1_000_000
_FORMS = ("factorial", "binomial", "central-binomial")


@dataclass(frozen=True)
class _Form:
    name: str
    arity: int  # number of integer arguments (N, or N and K)
    expression: str  # with {p} to fill in


_FORM_INFO = {
    "n": _Form("n", 1, "v_{p}(n)"),
    "factorial": _Form("factorial", 1, "v_{p}(n!)"),
    "binomial": _Form("binomial", 2, "v_{p}(C(n, k))"),
    "central-binomial": _Form("central-binomial", 1, "v_{p}(C(2n, n))"),
}


def register(parser: argparse.ArgumentParser) -> None:
    # argparse cannot express "an optional leading word", so the usage line is written out.
    parser.usage = "%(prog)s [-h] [--json] [--debug] [-p P] [--terms] [FORM] N [K | P]"
    parser.add_argument(
        "spec",
        nargs="+",
        metavar="[FORM] N [K | P]",
        help="FORM is factorial, binomial or central-binomial; without it: N [P]",
    )
    parser.add_argument(
        "-p",
        "--p",
        dest="p",
        type=int_arg,
        default=None,
        metavar="P",
        help="the prime (default 2)",
    )
    parser.add_argument(
        "--terms",
        action="store_true",
        help="print only the valuations, separated by ', ' (pipe into `numtheory oeis -`)",
    )


def _range(text: str, what: str) -> range:
    try:
        return parse_int_range(text)
    except IntExpressionError as exc:
        raise InputError(f"{what}: {exc}") from None


def _parse(spec: list[str], p_option: int | None) -> tuple[_Form, list[range], int]:
    """Split the positional words into the form, the ranges of N (and K), and p."""
    if spec[0] in _FORMS:
        form, values = _FORM_INFO[spec[0]], spec[1:]
        if len(values) != form.arity:
            usage = "N K" if form.arity == 2 else "N"
            raise InputError(
                f"valuation {form.name} takes {usage} (and -p P), got {len(values)} "
                f"argument(s): {excerpt(' '.join(values)) if values else 'none'}"
            )
        p = 2 if p_option is None else p_option
    else:
        form, values = _FORM_INFO["n"], spec
        if len(values) > 2:
            raise InputError(
                f"valuation takes N [P] or FORM N [K] (FORM: {', '.join(_FORMS)}), "
                f"got {excerpt(' '.join(values))}"
            )
        p = 2 if p_option is None else p_option
        if len(values) == 2:
            try:
                positional_p = int_arg(values[1])
            except argparse.ArgumentTypeError as exc:
                raise InputError(f"P: {exc}") from None
            if p_option is not None and p_option != positional_p:
                raise InputError(f"two different primes given: {positional_p} and -p {p_option}")
            p, values = positional_p, values[:1]
    if not values[0][:1].isdigit() and values[0][:1] not in "-+(":
        raise InputError(
            f"unknown valuation form {values[0]!r}: use N [P], or one of {', '.join(_FORMS)}"
        )
    names = ["N", "K"]
    ranges = [_range(text, names[i]) for i, text in enumerate(values)]
    return form, ranges, p


def _size(values: range) -> int:
    """``len(values)``, which raises OverflowError past sys.maxsize (e.g. ``1..10**100``)."""
    return max(0, values.stop - values.start)


def _compute(form: _Form, ranges: list[range], p: int) -> list[dict[str, int]]:
    # GMP and FLINT: loaded when this command runs, not when the parser is built
    from numtheory.arith import (
        binomial_valuation,
        central_binomial_valuation,
        factorial_valuation,
        valuation,
    )

    size = _size(ranges[0]) if form.arity == 1 else _size(ranges[0]) * _size(ranges[1])
    if size > _MAX_VALUES:
        raise InputError(f"that asks for {size} valuations; at most {_MAX_VALUES} per call")
    results: list[dict[str, int]] = []
    if form.name == "binomial":
        n_range, k_range = ranges
        single = _size(n_range) == 1 and _size(k_range) == 1
        for n in n_range:
            for k in k_range:
                if not single and not 0 <= k <= n:
                    continue  # a range of k (or n) covers the triangle, skipping C(n, k) = 0
                value = binomial_valuation(n, k, p)
                results.append({"n": n, "k": k, "valuation": value})
        if not results:
            raise InputError("no pair with 0 <= k <= n in those ranges")
        return results
    func: Callable[[int, int], int] = {
        "n": valuation,
        "factorial": factorial_valuation,
        "central-binomial": central_binomial_valuation,
    }[form.name]
    return [{"n": n, "valuation": func(n, p)} for n in ranges[0]]


def _table(form: _Form, expression: str, results: list[dict[str, int]]) -> str:
    keys = ["n", "k"] if form.name == "binomial" else ["n"]
    header = [*keys, expression]
    rows = [[decimal(row[key]) for key in [*keys, "valuation"]] for row in results]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    title = "  ".join(cell.rjust(widths[i]) for i, cell in enumerate(header))
    return "\n".join([title.rstrip(), *lines])


def run(args: argparse.Namespace, out: Output) -> int:
    form, ranges, p = _parse(list(args.spec), args.p)
    results = _compute(form, ranges, p)
    expression = form.expression.format(p=p)
    terms = [row["valuation"] for row in results]
    data: dict[str, Any] = {
        "form": form.name,
        "p": p,
        "expression": expression,
        "results": results,
        "terms": terms,
    }
    single = all(_size(r) == 1 for r in ranges)
    if args.terms or single:
        text = ", ".join(decimal(t) for t in terms)
    else:
        text = _table(form, expression, results)
    out.result(text, data)
    return EXIT_OK
