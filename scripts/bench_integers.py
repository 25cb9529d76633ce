"""Benchmark numtheory's integer core against raw gmpy2, python-flint and sympy.

Usage::

    python scripts/bench_integers.py            # the full table (about 2-3 minutes)
    python scripts/bench_integers.py --quick    # fewer repeats, no 3000-digit row (~40 s)
    python scripts/bench_integers.py --factoring [--cap 60]   # the hard factoring cases

``--factoring`` times the factoring cases of issue 9 once each: numtheory, sympy
(``SYMPY_GROUND_TYPES=gmpy``) and raw FLINT ``fmpz.factor()``, each in its own process with
a time cap (a call over the cap is killed and reported as "> cap"), next to sympy's time
and the ratio numtheory / sympy.

Every contender gets its native argument type (mpz, fmpz, int; numtheory gets a plain int,
so its rows include the conversion). Contenders of one case are timed interleaved (A, B,
C, A, B, C, ...) so that load from other processes hits them alike, and the median per
call is reported. sympy runs with SYMPY_GROUND_TYPES=gmpy, its fastest setting (with
python-flint installed it would otherwise run pure-Python code; docs/architecture.md, "Known
pitfalls"), and its caches are cleared inside the timed call.

Targets (issue 2): is_prime within 1.25x of the fastest of gmpy2 and FLINT; next_prime
within 1.5x of gmpy2.next_prime; central_binomial_valuation(10**6) over 1000x faster than
sympy.multiplicity(2, sympy.binomial(2*10**6, 10**6)).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

os.environ["SYMPY_GROUND_TYPES"] = "gmpy"  # before sympy's first import (docs/architecture.md)
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

import flint
import gmpy2
import sympy
from gmpy2 import mpz
from sympy.core.cache import clear_cache
from sympy.ntheory.factor_ import factor_cache

import numtheory as nt

_ROUNDS = 5
SEED = 63281217910257742583918406571  # = 125778791843321 * 503115167373251 (seed article)


@dataclass
class Case:
    name: str
    contenders: dict[str, Callable[[], object]]
    baseline: list[str]  # ratio = numtheory / fastest of these
    target: str = ""
    limit: float | None = None  # pass if ratio <= limit (None: no target)
    inverse: float | None = None  # pass if baseline / numtheory >= inverse
    medians: dict[str, float] = field(default_factory=dict)
    bests: dict[str, float] = field(default_factory=dict)


def _calls_per_sample(func: Callable[[], object], budget: float) -> int:
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    return max(1, min(100_000, int(budget / max(elapsed, 1e-7))))


def run_case(case: Case, samples: int, budget: float) -> None:
    """Median over ``samples``; each sample interleaves the contenders in ``_ROUNDS`` slices.

    Slicing every sample into rounds (A B C A B C ...) makes a burst of load from another
    process land on all contenders alike instead of on whichever ran at that moment.
    """
    calls = {name: _calls_per_sample(f, budget) for name, f in case.contenders.items()}
    times: dict[str, list[float]] = {name: [] for name in case.contenders}
    for _ in range(samples):
        spent = dict.fromkeys(case.contenders, 0.0)
        done = dict.fromkeys(case.contenders, 0)
        for round_ in range(_ROUNDS):
            for name, func in case.contenders.items():
                n = calls[name] * (round_ + 1) // _ROUNDS - calls[name] * round_ // _ROUNDS
                if n == 0:
                    continue
                start = time.perf_counter()
                for _ in range(n):
                    func()
                spent[name] += time.perf_counter() - start
                done[name] += n
        for name in case.contenders:
            times[name].append(spent[name] / done[name])
    case.medians = {name: statistics.median(ts) for name, ts in times.items()}
    case.bests = {name: min(ts) for name, ts in times.items()}


def fmt_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def build_cases(quick: bool) -> list[Case]:
    cases: list[Case] = []
    sizes = (100, 1000) if quick else (100, 1000, 3000)
    for digits in sizes:
        p_int = nt.next_prime(10 ** (digits - 1) * 3)
        p_mpz, p_fmpz = mpz(p_int), flint.fmpz(p_int)
        cases.append(
            Case(
                f"is_prime, {digits}-digit prime",
                {
                    "numtheory": partial(nt.is_prime, p_int),
                    "gmpy2.is_prime": partial(gmpy2.is_prime, p_mpz),
                    "gmpy2.is_bpsw_prp": partial(gmpy2.is_bpsw_prp, p_mpz),
                    "flint.is_probable_prime": p_fmpz.is_probable_prime,
                    "sympy.isprime": partial(sympy.isprime, p_int),
                },
                ["gmpy2.is_prime", "gmpy2.is_bpsw_prp", "flint.is_probable_prime"],
                target="<= 1.25x fastest gmpy2/FLINT",
                limit=1.25,
            )
        )
    big = 10**1000
    big_mpz = mpz(big)
    cases.append(
        Case(
            "next_prime(10**1000)",
            {
                "numtheory": lambda: nt.next_prime(big),
                "gmpy2.next_prime": lambda: gmpy2.next_prime(big_mpz),
                "sympy.nextprime": lambda: sympy.nextprime(big),
            },
            ["gmpy2.next_prime"],
            target="<= 1.5x gmpy2.next_prime",
            limit=1.5,
        )
    )

    def sympy_v2() -> object:
        clear_cache()  # sympy caches binomial(): time the computation, not the cache
        return sympy.multiplicity(2, sympy.binomial(2 * 10**6, 10**6))

    million = mpz(10**6)
    cases.append(
        Case(
            "central_binomial_valuation(10**6)",
            {
                "numtheory": lambda: nt.central_binomial_valuation(10**6),
                "gmpy2 bit_scan1(comb(2n, n))": lambda: gmpy2.bit_scan1(
                    gmpy2.comb(2 * million, million)
                ),
                "sympy multiplicity(2, binomial)": sympy_v2,
            },
            ["sympy multiplicity(2, binomial)"],
            target=">= 1000x faster than sympy",
            inverse=1000.0,
        )
    )
    huge = 10**200_000 + 12345
    cases.append(
        Case(
            "valuations of a 200,000-digit n",
            {
                "numtheory central_binomial_valuation(n, 3)": lambda: nt.central_binomial_valuation(
                    huge, 3
                ),
                "numtheory factorial_valuation(n, 101)": lambda: nt.factorial_valuation(huge, 101),
            },
            [],
        )
    )

    def sympy_factor(n: int) -> Callable[[], object]:
        def go() -> object:
            factor_cache.cache_clear()
            return sympy.factorint(n)

        return go

    seed_fmpz = flint.fmpz(SEED)
    cases.append(
        Case(
            "factorint(seed, 29 digits)",
            {
                "numtheory": lambda: nt.factorint(SEED),
                "flint fmpz.factor": lambda: seed_fmpz.factor(),
                "sympy.factorint": sympy_factor(SEED),
            },
            ["flint fmpz.factor"],
        )
    )
    if not quick:
        p30a = nt.next_prime(577215664901532860606512090082)
        p30b = nt.next_prime(314159265358979323846264338327)
        semi = p30a * p30b
        semi_fmpz = flint.fmpz(semi)
        cases.append(
            Case(
                "factorint(60-digit semiprime)",
                {
                    "numtheory": lambda: nt.factorint(semi),
                    "flint fmpz.factor": lambda: semi_fmpz.factor(),
                    # sympy.factorint: over 120 s when tried on this machine; not run.
                },
                ["flint fmpz.factor"],
            )
        )
    return cases


#: The hard factoring cases: name -> expression for n (evaluated with numtheory as nt).
FACTORING_CASES = {
    "close primes, 155 digits (a = next_prime(2**256), b = next_prime(a + 2**16))": (
        "(lambda a: a * nt.next_prime(a + 2**16))(nt.next_prime(2**256))"
    ),
    "p30**2 * q15 (75 digits)": (
        "nt.next_prime(577215664901532860606512090082)**2 * 125778791843321"
    ),
    "p100**2 * q15 (215 digits)": "nt.next_prime(10**99)**2 * 125778791843321",
    "p30 * p30' (60-digit semiprime)": (
        "nt.next_prime(577215664901532860606512090082)"
        " * nt.next_prime(314159265358979323846264338327)"
    ),
    "p30**2 * p30' (90 digits)": (
        "nt.next_prime(577215664901532860606512090082)**2"
        " * nt.next_prime(314159265358979323846264338327)"
    ),
}
_FACTOR_CALLS = {
    "numtheory": "nt.factorint(n)",
    "sympy": "sympy.factorint(n)",
    "flint fmpz.factor": "flint.fmpz(n).factor()",
}


def _time_once(expr: str, call: str, cap: float) -> float | None:
    """Seconds for one ``call`` on ``n = expr`` in a fresh process, or None past ``cap``."""
    import subprocess

    code = (
        "import os, time\n"
        "os.environ['SYMPY_GROUND_TYPES'] = 'gmpy'\n"
        "import flint, sympy\n"
        "import numtheory as nt\n"
        f"n = {expr}\n"
        "start = time.perf_counter()\n"
        f"{call}\n"
        "print(time.perf_counter() - start)\n"
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=cap + 15
        )
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    elapsed = float(proc.stdout.split()[-1])
    return elapsed if elapsed <= cap else None


def factoring_table(cap: float) -> None:
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; one run per cell, each in a "
        f"fresh process, cap {cap:g} s; loadavg {os.getloadavg()[0]:.2f} at the start"
    )
    print()
    print("| case | numtheory | sympy (gmpy) | FLINT fmpz.factor | numtheory / sympy |")
    print("|---|---|---|---|---|")
    for name, expr in FACTORING_CASES.items():
        got = {who: _time_once(expr, call, cap) for who, call in _FACTOR_CALLS.items()}
        cells = [fmt_time(t) if t is not None else f"> {cap:g} s" for t in got.values()]
        ours, theirs = got["numtheory"], got["sympy"]
        if ours is not None and theirs is not None:
            ratio = f"{ours / theirs:.2g}x"
        elif ours is not None:
            ratio = f"< {ours / cap:.2g}x"
        else:
            ratio = "-"
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio} |", flush=True)
    print(f"\nloadavg {os.getloadavg()[0]:.2f} at the end")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, smaller sizes")
    parser.add_argument("--factoring", action="store_true", help="the hard factoring cases")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per factoring call")
    args = parser.parse_args(argv)
    if args.factoring:
        factoring_table(args.cap)
        return 0
    samples = 3 if args.quick else 7
    budget = 0.05 if args.quick else 0.2

    print(
        f"python {sys.version.split()[0]}, gmpy2 {gmpy2.version()} ({gmpy2.mp_version()}), "
        f"python-flint {flint.__version__} (FLINT {flint.__FLINT_VERSION__}), "
        f"sympy {sympy.__version__} (ground types {os.environ['SYMPY_GROUND_TYPES']}), "
        f"numtheory {nt.__version__}; {samples} interleaved samples, medians; "
        f"loadavg {os.getloadavg()[0]:.2f}"
    )
    print()
    print("| case | contender | median | best | numtheory vs baseline (medians) |")
    print("|---|---|---|---|---|")
    failures = 0
    for case in build_cases(args.quick):
        run_case(case, samples, budget)
        ours = case.medians.get("numtheory")
        verdict = ""
        if case.baseline and ours is not None:
            best = min(case.medians[name] for name in case.baseline)
            ratio = ours / best
            if case.limit is not None:
                ok = ratio <= case.limit
                verdict = f"{ratio:.2f}x fastest baseline, target {case.target}: " + (
                    "met" if ok else "MISSED"
                )
                failures += not ok
            elif case.inverse is not None:
                ok = best / ours >= case.inverse
                verdict = f"{best / ours:,.0f}x faster, target {case.target}: " + (
                    "met" if ok else "MISSED"
                )
                failures += not ok
            else:
                verdict = f"{ratio:.2f}x"
        for i, (name, median) in enumerate(case.medians.items()):
            label = case.name if i == 0 else ""
            best_time = fmt_time(case.bests[name])
            note = verdict if i == 0 else ""
            print(f"| {label} | {name} | {fmt_time(median)} | {best_time} | {note} |")
        sys.stdout.flush()
    print()
    print("all targets met" if not failures else f"{failures} target(s) missed")
    return 1 if failures else 0


# --- issue 14 part B (arith-roots): roots, powers, continued fractions, Pell, pi(x) ---
# `python scripts/bench_integers.py --roots`: numtheory next to raw gmpy2 (called on the
# same int, returning its mpz: no conversion, no Python frame), sympy (gmpy ground types)
# and primecount called directly.


def roots_cases() -> list[Case]:
    import primecountpy  # noqa: F401  (imported here: the other tables do not need it)
    from sympy.core.intfunc import isqrt as sympy_isqrt
    from sympy.ntheory.continued_fraction import continued_fraction_periodic as sympy_cfp
    from sympy.ntheory.primetest import is_square as sympy_is_square
    from sympy.solvers.diophantine.diophantine import diop_DN

    cases: list[Case] = []
    for digits in (20, 100):
        n = 7 ** int(digits / 0.845) + 12345
        power = (3 ** int(digits / 0.477 / 6)) ** 6
        cases += [
            Case(
                f"isqrt ({digits} digits)",
                {
                    "numtheory": partial(nt.isqrt, n),
                    "gmpy2": partial(gmpy2.isqrt, n),  # returns an mpz: no conversion
                    "sympy": partial(sympy_isqrt, n),
                },
                ["gmpy2"],
            ),
            Case(
                f"iroot(n, 5) ({digits} digits)",
                {
                    "numtheory": partial(nt.iroot, n, 5),
                    "gmpy2": partial(gmpy2.iroot, n, 5),
                    "sympy": partial(sympy.integer_nthroot, n, 5),
                },
                ["gmpy2"],
            ),
            Case(
                f"is_square ({digits} digits)",
                {
                    "numtheory": partial(nt.is_square, n),
                    "gmpy2": partial(gmpy2.is_square, n),
                    "sympy": partial(sympy_is_square, n),
                },
                ["gmpy2"],
            ),
            Case(
                f"perfect_power (3**k)**6, {digits} digits",
                {
                    "numtheory": partial(nt.perfect_power, power),
                    "sympy": partial(sympy.perfect_power, power),
                },
                ["sympy"],
            ),
        ]
    cases += [
        Case(
            "continued_fraction_periodic(0, 1, 10**6 + 3)",
            {
                "numtheory": partial(nt.continued_fraction_periodic, 0, 1, 10**6 + 3),
                "sympy": partial(sympy_cfp, 0, 1, 10**6 + 3),
            },
            ["sympy"],
        ),
        Case(
            "pell(10**6 + 3) (251 digits)",
            {"numtheory": partial(nt.pell, 10**6 + 3), "sympy": partial(diop_DN, 10**6 + 3, 1)},
            ["sympy"],
        ),
    ]
    return cases


def _once(func: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def roots_main() -> int:
    import primecountpy

    print(f"issue 14 part B; loadavg {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d')}")
    print()
    print("| case | contender | median | numtheory / contender |")
    print("|---|---|---|---|")
    for case in roots_cases():
        run_case(case, 5, 0.1)
        ours = case.medians["numtheory"]
        for i, (name, median) in enumerate(case.medians.items()):
            ratio = "" if name == "numtheory" else f"{ours / median:.2f}x"
            print(f"| {case.name if i == 0 else ''} | {name} | {fmt_time(median)} | {ratio} |")
        sys.stdout.flush()
    # primecount: one long call each (interleaved, best of the repeats); the target is 1.2x
    for label, ours_f, theirs_f, repeats in (
        (
            "count_primes(10**15)",
            partial(nt.count_primes, 10**15),
            partial(primecountpy.prime_pi, 10**15),
            1,
        ),
        (
            "nth_prime(10**12)",
            partial(nt.nth_prime, 10**12),
            partial(primecountpy.nth_prime, 10**12),
            3,
        ),
    ):
        theirs = _once(theirs_f, repeats)
        ours = _once(ours_f, repeats)
        verdict = "met" if ours <= 1.2 * theirs else "MISSED"
        print(f"| {label} | numtheory | {fmt_time(ours)} | {ours / theirs:.2f}x ({verdict}) |")
        print(f"| | primecount | {fmt_time(theirs)} | |")
    return 0


# --- end issue 14 part B ---


if __name__ == "__main__":
    sys.exit(roots_main() if "--roots" in sys.argv[1:] else main())
