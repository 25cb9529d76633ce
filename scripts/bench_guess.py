"""Benchmark ``numtheory.guess`` against sympy's guessers on the targets of issue 12.

Run: ``PYTHONPATH=. python scripts/bench_guess.py [--quick]`` (``--quick`` skips the
1000-term stress case and the 1000 random sequences). Prints one table: each case, our time
and answer, sympy's time and answer on the same input, and the ratio; then the date and the
load average, to go with the numbers in the README.

sympy is imported with ``SYMPY_GROUND_TYPES=gmpy`` (set before its first import; with
python-flint ground types some of its integer code runs in pure Python, see
docs/architecture.md, "Known pitfalls").
Timings are CPU seconds of this process (``time.process_time``: the machine is shared, and
wall-clock time under load measures the neighbours); ours the best of several runs, sympy's
a single run (it takes seconds to minutes).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from collections.abc import Callable
from math import comb
from typing import Any

os.environ["SYMPY_GROUND_TYPES"] = "gmpy"  # before sympy's first import

from numtheory import guess


def _best(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.process_time()
        result = func()
        best = min(best, time.process_time() - start)
    return best, result


def _once(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = func()
    return time.process_time() - start, result


def _ours(found: list[Any]) -> str:
    if not found:
        return "nothing"
    g = found[0]
    return f"{g.kind} r={g.order} d={g.degree} ({g.fitted}+{g.confirmed})"


def _theirs(result: Any) -> str:
    if result in (None, [], 0):
        return "nothing"
    text = str(result)
    return text if len(text) <= 28 else text[:25] + "..."


def _c_finite_20() -> list[int]:
    rng = random.Random(20)
    coeffs = [rng.randint(-9, 9) for _ in range(20)]
    coeffs[0] = coeffs[0] or 1
    terms = [rng.randint(-9, 9) for _ in range(20)]
    while len(terms) < 60:
        terms.append(sum(c * t for c, t in zip(coeffs, terms[-20:], strict=True)))
    return terms


def _holonomic_cases() -> dict[str, list[int]]:
    return {
        "Motzkin A001006": [
            sum(comb(n, 2 * k) * comb(2 * k, k) // (k + 1) for k in range(n // 2 + 1))
            for n in range(40)
        ],
        "Apery A005259": [
            sum(comb(n, k) ** 2 * comb(n + k, k) ** 2 for k in range(n + 1)) for n in range(40)
        ],
        "Delannoy A001850": [
            sum(comb(n, k) * comb(n + k, k) for k in range(n + 1)) for n in range(40)
        ],
        "Franel A000172": [sum(comb(n, k) ** 3 for k in range(n + 1)) for n in range(40)],
    }


def _stress() -> list[int]:
    rng = random.Random(5)
    r, d = 6, 90
    cs = [[rng.randint(-3, 3) for _ in range(d)] + [rng.choice([-1, 1])] for _ in range(r)]

    def ev(poly: list[int], n: int) -> int:
        value = 0
        for c in reversed(poly):
            value = value * n + c
        return value

    terms = [1] * r
    for n in range(1000 - r):
        terms.append(-sum(ev(cs[i], n) * terms[n + i] for i in range(r)))
    return terms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the two long cases")
    args = parser.parse_args()
    sys.set_int_max_str_digits(0)
    from sympy.concrete.guess import find_simple_recurrence
    from sympy.concrete.guess import guess as sympy_guess

    rows: list[tuple[str, float, str, float | None, str]] = []

    def add(
        name: str, ours: Callable[[], Any], theirs: Callable[[], Any] | None, runs: int
    ) -> None:
        t_ours, found = _best(ours, runs)
        if theirs is None:
            rows.append((name, t_ours, _ours(found), None, "-"))
            return
        t_theirs, result = _once(theirs)
        rows.append((name, t_ours, _ours(found), t_theirs, _theirs(result)))

    cf = _c_finite_20()
    add(
        "order-20 C-finite, 60 terms",
        lambda: guess(cf, kinds=["c-finite"]),
        lambda: find_simple_recurrence(cf),
        20,
    )
    add("  same, every kind", lambda: guess(cf), None, 5)
    for name, terms in _holonomic_cases().items():
        add(
            f"{name}, 40 terms",
            lambda t=terms: guess(t, kinds=["p-recursive"]),
            lambda t=terms: sympy_guess(t),
            10,
        )
        add("  same, every kind", lambda t=terms: guess(t), None, 5)
    algebraic = {
        "Catalan A000108": [comb(2 * n, n) // (n + 1) for n in range(20)],
        "Motzkin A001006": _holonomic_cases()["Motzkin A001006"][:20],
        "Schroeder A006318": [
            sum(comb(n, k) * comb(n + k, k) // (k + 1) for k in range(n + 1)) for n in range(20)
        ],
    }
    for name, terms in algebraic.items():
        add(
            f"{name} algebraic gf, 20 terms",
            lambda t=terms: guess(t, kinds=["algebraic"]),
            None,
            10,
        )
    if not args.quick:
        stress = _stress()
        add("order 6, degree 90, 1000 terms", lambda: guess(stress, kinds=["p-recursive"]), None, 1)
        rng = random.Random(2026)
        randoms = [[rng.randint(0, 10**6) for _ in range(30)] for _ in range(1000)]
        add(
            "1000 random 30-term sequences",
            lambda: [g for s in randoms for g in guess(s)] or [],
            None,
            1,
        )

    width = max(len(r[0]) for r in rows)
    print(
        f"{'case':<{width}}  {'numtheory':>10}  {'answer':<32} {'sympy':>9}  {'answer':<28} ratio"
    )
    for name, t_ours, a_ours, t_theirs, a_theirs in rows:
        theirs = "" if t_theirs is None else f"{t_theirs * 1000:8.1f}ms"
        ratio = "" if t_theirs is None else f"{t_theirs / t_ours:,.0f}x"
        print(
            f"{name:<{width}}  {t_ours * 1000:8.1f}ms  {a_ours:<32} {theirs:>9}  "
            f"{a_theirs:<28} {ratio}"
        )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"\n{now}; load average {load}; {os.cpu_count()} cores; python {sys.version.split()[0]}")
    print("ore_algebra (Sage) guesses the order-6 degree-90 case in 2.9 s (its documentation).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
