"""Benchmark issue 14 part A (multiplicative functions, residues, modular roots, discrete logs).

Usage::

    python scripts/bench_residues.py            # the table (a few minutes on a loaded machine)
    python scripts/bench_residues.py --quick    # fewer samples
    python scripts/bench_residues.py --dlog     # only discrete_log (wall and CPU)

A separate script from ``bench_integers.py`` (whose cases have one baseline each): every case
here has two, sympy (``SYMPY_GROUND_TYPES=gmpy``, its caches cleared inside the timed call)
and, where they have the function, raw gmpy2/FLINT called with their native types. It reuses
that script's interleaved timing (``run_case``: A B C A B C ..., medians).

Targets (issue 14): at least 10x faster than sympy at 20-100 digits; within 1.25x of raw
gmpy2/FLINT; ``discrete_log`` modulo a 20-digit safe prime under 1 s.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# before sympy's first import (docs/architecture.md, "Known pitfalls")
os.environ["SYMPY_GROUND_TYPES"] = "gmpy"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import flint
import gmpy2
import sympy
from bench_integers import Case, fmt_time, run_case
from gmpy2 import mpz
from sympy.core.cache import clear_cache
from sympy.ntheory import n_order as sympy_n_order
from sympy.ntheory import nthroot_mod as sympy_nthroot_mod
from sympy.ntheory import primitive_root as sympy_primitive_root
from sympy.ntheory import sqrt_mod as sympy_sqrt_mod
from sympy.ntheory.factor_ import factor_cache
from sympy.ntheory.modular import crt as sympy_crt
from sympy.solvers.diophantine.diophantine import diop_DN as sympy_diop_DN

import numtheory as nt

SYMPY_TARGET = 10.0  # numtheory at least this many times faster than sympy
RAW_TARGET = 1.25  # numtheory at most this many times slower than raw gmpy2/FLINT
_PYTHAGOREAN_PRIMES = (5, 13, 17, 29, 37, 41, 53, 61, 73, 89)  # p = 1 mod 4: sums of 2 squares


def _fresh(func: Callable[..., object], *args: object) -> Callable[[], object]:
    """A sympy call with its caches (symbolic functions, factorint) cleared each time."""

    def go() -> object:
        clear_cache()
        factor_cache.cache_clear()
        return func(*args)

    return go


def _safe_prime(digits: int, rng: random.Random) -> int:
    while True:
        q = nt.next_prime(rng.randrange(10 ** (digits - 1) // 2, 10**digits // 2))
        if nt.is_prime(2 * q + 1):
            return 2 * q + 1


def build_cases(rng: random.Random) -> list[tuple[Case, str, list[str]]]:
    """(case, sympy contender name, raw contender names)."""
    out: list[tuple[Case, str, list[str]]] = []

    def add(
        name: str,
        ours: Callable[[], object],
        sym: Callable[[], object] | None,
        raw: dict[str, Callable[[], object]],
    ) -> None:
        contenders = {"numtheory": ours, **raw}
        if sym is not None:
            contenders["sympy"] = sym
        out.append((Case(name, contenders, list(raw)), "sympy" if sym else "", list(raw)))

    for digits in (20, 50, 100):
        a = rng.randrange(10**digits)
        n_odd = rng.randrange(10**digits) | 1
        p = nt.next_prime(rng.randrange(10**digits))
        am, nm, pm = mpz(a), mpz(n_odd), mpz(p)
        add(
            f"jacobi, {digits} digits",
            lambda a=a, n=n_odd: nt.jacobi(a, n),
            _fresh(sympy.jacobi_symbol, a, n_odd),
            {"gmpy2.jacobi": partial(gmpy2.jacobi, am, nm)},
        )
        add(
            f"legendre, {digits}-digit p",
            lambda a=a, p=p: nt.legendre(a, p),
            _fresh(sympy.legendre_symbol, a, p),
            {"gmpy2.legendre": partial(gmpy2.legendre, am, pm)},
        )
        add(
            f"kronecker, {digits} digits",
            lambda a=a, n=n_odd: nt.kronecker(a, n - 1),
            _fresh(sympy.kronecker_symbol, a, n_odd - 1),
            {"gmpy2.kronecker": partial(gmpy2.kronecker, am, nm - 1)},
        )
        add(
            f"mod_inverse, {digits}-digit p",
            lambda a=a, p=p: nt.mod_inverse(a, p),
            _fresh(sympy.mod_inverse, a, p),
            {"gmpy2.invert": partial(gmpy2.invert, am, pm)},
        )
        ms = [nt.next_prime(rng.randrange(10**digits)) for _ in range(4)]
        rs = [rng.randrange(m) for m in ms]
        add(
            f"crt, 4 {digits}-digit moduli",
            lambda ms=ms, rs=rs: nt.crt(ms, rs),
            _fresh(sympy_crt, ms, rs),
            {},
        )
        sq = a * a % p
        pf = flint.fmpz(p)
        sqf = flint.fmpz(sq)
        add(
            f"sqrt_mod, {digits}-digit p",
            lambda s=sq, p=p: nt.sqrt_mod(s, p),
            _fresh(sympy_sqrt_mod, sq, p),
            {"flint fmpz.sqrtmod": partial(flint.fmpz.sqrtmod, sqf, pf)},
        )
        while (p - 1) % 3:  # a prime with three cube roots: the hard case
            p = nt.next_prime(p)
        cube = pow(a, 3, p)
        add(
            f"nthroot_mod(a, 3, p), {digits}-digit p = 1 mod 3",
            lambda c=cube, p=p: nt.nthroot_mod(c, 3, p),
            # sympy.nthroot_mod took over 30 s for one call at 100 digits here: not run there
            _fresh(sympy_nthroot_mod, cube, 3, p) if digits < 100 else None,
            {},
        )
        # multiplicative functions on n built from primes below 10**7 (so that factoring,
        # which all three contenders must do, stays in milliseconds) and one larger prime
        n = nt.next_prime(rng.randrange(10**12))
        while len(str(n)) < digits:
            n *= nt.next_prime(rng.randrange(10**7))
        nf = flint.fmpz(n)
        add(
            f"totient, {len(str(n))} digits",
            lambda n=n: nt.totient(n),
            _fresh(sympy.totient, n),
            {"flint fmpz.euler_phi": partial(flint.fmpz.euler_phi, nf)},
        )
        add(
            f"divisor_sigma, {len(str(n))} digits",
            lambda n=n: nt.divisor_sigma(n),
            _fresh(sympy.divisor_sigma, n),
            {"flint fmpz.divisor_sigma": partial(flint.fmpz.divisor_sigma, nf, 1)},
        )
        add(
            f"mobius, {len(str(n))} digits",
            lambda n=n: nt.mobius(n),
            _fresh(sympy.mobius, n),
            {"flint fmpz.moebius_mu": partial(flint.fmpz.moebius_mu, nf)},
        )
        add(
            f"divisors, {len(str(n))} digits",
            lambda n=n: nt.divisors(n),
            _fresh(sympy.divisors, n),
            {},
        )
        add(
            f"reduced_totient, {len(str(n))} digits",
            lambda n=n: nt.carmichael_lambda(n),
            _fresh(sympy.reduced_totient, n),
            {},
        )
    # diop_DN outside D > 0 non-square (issue 14, sympy's whole domain): fixed inputs, so the
    # rows after these draw the same random numbers as before
    for label, D, N in (
        ("D = -1, N of 10 primes (1,024 solutions)", -1, math.prod(_PYTHAGOREAN_PRIMES)),
        ("D = -7, 33-digit N", -7, nt.next_prime(10**30) * 11 * 23),
        ("D = -(10**6+3), 41-digit prime N", -(10**6 + 3), nt.next_prime(10**40)),
        ("D = 10**6 (square), N = 10**8", 10**6, 10**8),
        ("D = 49 (square), N = -2**6*3**4*5**2", 49, -(2**6 * 3**4 * 5**2)),
    ):
        add(
            f"diop_DN, {label}",
            lambda D=D, N=N: nt.diop_DN(D, N),
            _fresh(sympy_diop_DN, D, N),
            {},
        )
    for digits in (20, 30):
        p = _safe_prime(digits, rng)
        g = rng.randrange(2, p)
        add(
            f"primitive_root, {digits}-digit safe prime",
            lambda p=p: nt.primitive_root(p),
            _fresh(sympy_primitive_root, p),
            {},
        )
        add(
            f"n_order, {digits}-digit safe prime",
            lambda g=g, p=p: nt.n_order(g, p),
            _fresh(sympy_n_order, g, p),
            {},
        )
    return out


def discrete_log_rows(rng: random.Random, repeats: int) -> list[str]:
    """Wall and CPU time (time.process_time) of discrete_log; at 20 digits one random log
    modulo each of ``2 * repeats`` different safe primes (the time varies more between
    primes than between logs), each answer checked by pow."""
    rows = []
    for digits in (16, 20, 25):
        count = 2 * repeats if digits == 20 else repeats if digits < 25 else 2
        same = _safe_prime(digits, rng)
        walls, cpus = [], []
        for _ in range(count):
            p = _safe_prime(digits, rng) if digits == 20 else same
            g = nt.primitive_root(p)
            a = rng.randrange(1, p)
            start, cpu = time.perf_counter(), time.process_time()
            x = nt.discrete_log(p, a, g)
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - start)
            assert pow(g, x, p) == a
        verdict = ""
        if digits == 20:
            ok = statistics.median(cpus) < 1.0
            verdict = f"{count} primes; target < 1 s: " + ("met" if ok else "MISSED")
        rows.append(
            f"| discrete_log, {digits}-digit safe prime | numtheory | "
            f"{fmt_time(statistics.median(walls))} wall, {fmt_time(statistics.median(cpus))} "
            f"CPU | max {fmt_time(max(walls))} wall, {fmt_time(max(cpus))} CPU | {verdict} |"
        )
    rows.append("| | sympy.discrete_log | not run (246 s at 16 digits, issue 14) | | |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    parser.add_argument("--dlog", action="store_true", help="only the discrete_log rows")
    args = parser.parse_args(argv)
    samples, budget = (3, 0.03) if args.quick else (5, 0.1)
    rng = random.Random(20261202)
    print(
        f"python {sys.version.split()[0]}, gmpy2 {gmpy2.version()}, python-flint "
        f"{flint.__version__}, sympy {sympy.__version__} (ground types "
        f"{os.environ['SYMPY_GROUND_TYPES']}); {samples} interleaved samples, medians; "
        f"loadavg {os.getloadavg()[0]:.2f}"
    )
    print()
    print("| case | contender | median | best | numtheory: vs sympy; vs raw |")
    print("|---|---|---|---|---|")
    missed = 0
    for case, sym, raw in [] if args.dlog else build_cases(rng):
        run_case(case, samples, budget)
        ours = case.medians["numtheory"]
        notes = []
        if sym:
            speedup = case.medians[sym] / ours
            ok = speedup >= SYMPY_TARGET
            missed += not ok
            notes.append(f"{speedup:,.0f}x faster than sympy" + ("" if ok else " (MISSED)"))
        if raw:
            ratio = ours / min(case.medians[name] for name in raw)
            ok = ratio <= RAW_TARGET
            missed += not ok
            notes.append(f"{ratio:.2f}x raw" + ("" if ok else " (MISSED)"))
        for i, (name, median) in enumerate(case.medians.items()):
            label = case.name if i == 0 else ""
            note = "; ".join(notes) if i == 0 else ""
            print(
                f"| {label} | {name} | {fmt_time(median)} | {fmt_time(case.bests[name])} | {note} |"
            )
        sys.stdout.flush()
    for row in discrete_log_rows(rng, 3 if args.quick else 5):
        print(row)
        missed += "MISSED" in row
    print()
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
