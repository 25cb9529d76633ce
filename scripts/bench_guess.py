"""Benchmark ``numtheory.guess`` against sympy's guessers on the targets of issue 12.

Run: ``PYTHONPATH=. python scripts/bench_guess.py [--quick] [--side-only]`` (``--quick``
skips the 1000-term stress case and the 1000 random sequences; ``--side-only`` runs only the
first block: 30, 100 and 200 terms against sympy's ``find_linear_recurrence`` and
``guess_generating_function_rational``). Prints one table: each case, our time
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
import signal
import sys
import time
from collections.abc import Callable
from math import comb
from typing import Any

os.environ["SYMPY_GROUND_TYPES"] = "gmpy"  # before sympy's first import

from numtheory import guess


def _best(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Best of ``runs`` runs; a run repeats a fast call until 10 ms of CPU time have passed
    (process_time's ticks can be coarse: one sub-millisecond call may read as 0)."""
    best, result = float("inf"), None
    for _ in range(runs):
        calls, start = 0, time.process_time()
        while True:
            result = func()
            calls += 1
            spent = time.process_time() - start
            if spent >= 0.01:
                break
        best = min(best, spent / calls)
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
    if result in (None, [], 0, ([], None)):
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


def _side_by_side_cases() -> dict[str, list[int]]:
    """200 terms each, cut to 30, 100 and 200: rational g.f.s, no g.f., random terms."""
    fib = [0, 1]
    while len(fib) < 200:
        fib.append(fib[-1] + fib[-2])
    rng = random.Random(8)
    coeffs = [rng.randint(-9, 9) for _ in range(8)]
    coeffs[0] = coeffs[0] or 1
    order8 = [rng.randint(-9, 9) for _ in range(8)]
    while len(order8) < 200:
        order8.append(sum(c * t for c, t in zip(coeffs, order8[-8:], strict=True)))
    return {
        "Fibonacci A000045": fib,
        "order-8 C-finite": order8,
        "Catalan A000108 (not rational)": [comb(2 * n, n) // (n + 1) for n in range(200)],
        "random terms in +-10^6": [rng.randint(-(10**6), 10**6) for _ in range(200)],
    }


class _OverBudget(Exception):
    pass


#: CPU seconds one sympy call may take in the side-by-side block before it is stopped.
SYMPY_BUDGET = 30.0


def _capped(func: Callable[[], Any]) -> Callable[[], Any]:
    """``func`` stopped after SYMPY_BUDGET CPU seconds (ITIMER_PROF counts CPU, not wall)."""

    def run() -> Any:
        def stop(signum: int, frame: object) -> None:
            raise _OverBudget

        old = signal.signal(signal.SIGPROF, stop)
        signal.setitimer(signal.ITIMER_PROF, SYMPY_BUDGET)
        try:
            return func()
        except _OverBudget:
            return f"stopped after {SYMPY_BUDGET:.0f} s CPU"
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, old)

    return run


def _side_by_side(add: Callable[..., None]) -> None:
    """Ours (C-finite only) against sympy's find_linear_recurrence and
    guess_generating_function_rational on 30, 100 and 200 terms of the same sequences."""
    from sympy import Symbol, sequence
    from sympy.concrete.guess import guess_generating_function_rational

    x, n = Symbol("x"), Symbol("n")
    sequence((0, 1, 1, 2, 3, 5, 8, 13), (n, 0, 7)).find_linear_recurrence(8)  # sympy warm-up
    for name, full in _side_by_side_cases().items():
        for count in (30, 100, 200):
            t = full[:count]
            add(
                f"{name}, {count} terms (find_linear_recurrence)",
                lambda t=t: guess(t, kinds=["c-finite"]),
                _capped(
                    lambda t=t: sequence(tuple(t), (n, 0, len(t) - 1)).find_linear_recurrence(
                        len(t), gfvar=x
                    )
                ),
                10,
            )
            add(
                "  same (guess_generating_function_rational)",
                lambda t=t: guess(t, kinds=["c-finite"]),
                _capped(lambda t=t: guess_generating_function_rational(t, X=x)),
                10,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the two long cases")
    parser.add_argument(
        "--side-only",
        action="store_true",
        help="only the 30/100/200-term comparison with find_linear_recurrence and "
        "guess_generating_function_rational",
    )
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
        print(f"  {rows[-1]}", file=sys.stderr, flush=True)

    _side_by_side(add)
    if args.side_only:
        return _report(rows)
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

    return _report(rows)


def _report(rows: list[tuple[str, float, str, float | None, str]]) -> int:
    width = max(len(r[0]) for r in rows)
    print(
        f"{'case':<{width}}  {'numtheory':>10}  {'answer':<32} {'sympy':>9}  {'answer':<28} ratio"
    )
    for name, t_ours, a_ours, t_theirs, a_theirs in rows:
        theirs = "" if t_theirs is None else f"{t_theirs * 1000:8.1f}ms"
        ratio = "" if t_theirs is None or not t_ours else f"{t_theirs / t_ours:,.0f}x"
        if a_theirs.startswith("stopped"):
            ratio = f">{ratio}"  # sympy did not finish: a lower bound
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
