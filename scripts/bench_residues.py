"""Benchmark issue 14 part A (multiplicative functions, residues, modular roots, discrete logs).

Usage::

    python scripts/bench_residues.py            # the table (a few minutes on a loaded machine)
    python scripts/bench_residues.py --quick    # fewer samples
    python scripts/bench_residues.py --dlog     # only discrete_log (wall and CPU)

A separate script from ``bench_integers.py`` (whose cases have one baseline each): every case
here has two, sympy (``SYMPY_GROUND_TYPES=gmpy``) and, where they have the function, raw
gmpy2/FLINT called with their native types (mpz/fmpz) and, for the symbols, inverses and
sqrt_mod, on the plain ints a script has.

sympy is timed as a script calling it meets it: *on distinct inputs with its caches kept*
(column ``sympy``, the one the 10x target is judged on). Its symbolic functions (``totient``,
``jacobi_symbol``, ...) and ``factorint`` cache per input, so repeating one input would time a
cache lookup; instead sympy cycles through a pool of inputs of the same size and shape (the
case's own first; another ``a`` for a fixed modulus, other residues for the same moduli,
other safe primes for ``primitive_root``), larger than sympy's caches (1000 entries) where it
is cheap to be (a repeat can only make sympy faster), and the pool's extra harness cost over
``functools.partial`` (printed) is subtracted. The multiplicative functions are the exception:
all contenders get one n and sympy is timed cold, which there costs what a fresh n with warm
caches costs (see build_cases). Also printed:
*sympy cold*, its caches cleared before each call, the clearing (printed; the old column
included it) outside the timed region (each call timed alone, two clock reads subtracted).
Cold is not the ratio: after ``clear_cache()`` sympy rebuilds caches unrelated to the input
(legendre 110 vs 55 us, nthroot_mod 0.97 vs 0.38 ms at 20 digits), so it flatters us.
numtheory and raw gmpy2/FLINT get the case's one input (they cache nothing per input but
the last prime modulus, which a script taking many roots modulo one p also has).

The timing is that script's interleaving (A B C A B C ..., medians) in CPU time
(``time.process_time``: the machine is shared, and a descheduled process loses wall time, not
CPU time). The header also prints an empty Python call (the floor of any wrapper).

Targets (issue 14): at least 10x faster than sympy at 20-100 digits; within 1.25x of raw
gmpy2/FLINT; ``discrete_log`` modulo a 20-digit safe prime under 1 s.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

# before sympy's first import (docs/architecture.md, "Known pitfalls")
os.environ["SYMPY_GROUND_TYPES"] = "gmpy"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import flint
import gmpy2
import sympy
from bench_integers import Case, fmt_time
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


_ROUNDS = 5


def _calls_per_sample(func: Callable[[], object], budget: float) -> int:
    start = time.process_time()
    func()
    elapsed = time.process_time() - start
    return max(1, min(100_000, int(budget / max(elapsed, 1e-7))))


class _Cold:
    """A sympy call with its caches (symbolic functions, factorint) cleared before each call,
    the clearing not timed: :meth:`timed` reads the CPU clock around each call alone and
    subtracts :data:`_CLOCK_PAIR`, the cost of two clock reads with nothing between."""

    def __init__(self, func: Callable[..., object], *args: object) -> None:
        self.func, self.args = func, args

    def __call__(self) -> object:
        clear_cache()
        factor_cache.cache_clear()
        return self.func(*self.args)

    def timed(self, n: int) -> float:
        """CPU seconds of ``n`` calls of sympy alone."""
        func, args, clock = self.func, self.args, time.process_time_ns
        total = 0
        for _ in range(n):
            clear_cache()
            factor_cache.cache_clear()
            start = clock()
            func(*args)
            total += clock() - start
        return (total - n * _CLOCK_PAIR) / 1e9


def _clock_pair_ns() -> int:
    """Median CPU ns between two consecutive ``time.process_time_ns()`` reads."""
    clock = time.process_time_ns
    gaps = []
    for _ in range(200_000):
        start = clock()
        gaps.append(clock() - start)
    return int(statistics.median(gaps))


_CLOCK_PAIR = 0  # set by main() before any case runs


class _Pool:
    """sympy on distinct inputs, caches kept: each call takes the next argument tuple of
    ``pool`` (cycled). Its harness costs :data:`_POOL_EXTRA` more than a ``partial`` call (the
    way numtheory is timed); :func:`run_case` subtracts that."""

    def __init__(self, func: Callable[..., object], pool: list[tuple[object, ...]]) -> None:
        self.func, self.size = func, len(pool)
        self._next = itertools.cycle(pool).__next__

    def __call__(self) -> object:
        return self.func(*self._next())


def _pool_extra() -> float:
    """CPU seconds a :class:`_Pool` call costs over a ``partial`` call, both of a no-op."""

    def noop(*args: object) -> None:
        return None

    pool = _Pool(noop, [(1, 2)] * 2048)
    return max(0.0, _floor(pool) - _floor(partial(noop, 1, 2)))


_POOL_EXTRA = 0.0  # set by main()


def run_case(case: Case, samples: int, budget: float) -> None:
    """bench_integers.run_case in CPU time: medians over ``samples``, each interleaving the
    contenders in ``_ROUNDS`` slices so that a burst of load lands on all of them alike."""
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
                if isinstance(func, _Cold):
                    spent[name] += func.timed(n)
                elif isinstance(func, _Pool):
                    start = time.process_time()
                    for _ in range(n):
                        func()
                    spent[name] += time.process_time() - start - n * _POOL_EXTRA
                else:
                    start = time.process_time()
                    for _ in range(n):
                        func()
                    spent[name] += time.process_time() - start
                done[name] += n
        for name in case.contenders:
            times[name].append(spent[name] / done[name])
    case.medians = {name: statistics.median(ts) for name, ts in times.items()}
    case.bests = {name: min(ts) for name, ts in times.items()}


def _floor(func: Callable[[], object]) -> float:
    """CPU time of one call of ``func``: best of 7 timeit repeats of 100,000 calls."""
    return min(timeit.repeat(func, number=100_000, repeat=7, timer=time.process_time)) / 1e5


def _anatomy(rng: random.Random) -> str:
    """Where the time of a symbol goes at 20 digits: timeit statements (no harness frame), CPU
    time, the empty statement's time subtracted."""
    a, n = rng.randrange(10**19, 10**20), rng.randrange(10**19, 10**20) | 1

    def empty(a: object, n: object) -> None:
        return None

    names = {
        "a, n": (a, n),
        "A, N": (mpz(a), mpz(n)),
        "empty": empty,
        "jacobi": gmpy2.jacobi,
        "kronecker": gmpy2.kronecker,
        "nt_jacobi": nt.jacobi,  # global names, as the gmpy2 functions (no attribute lookup)
        "nt_kronecker": nt.kronecker,
    }
    statements = {
        "an empty Python function f(a, n)": "empty(a, n)",
        "gmpy2.jacobi(a, n) on ints": "jacobi(a, n)",
        "on mpz": "jacobi(A, N)",
        "nt.jacobi(a, n)": "nt_jacobi(a, n)",
        "gmpy2.kronecker(a, n) on ints": "kronecker(a, n)",
        "on mpz ": "kronecker(A, N)",
        "nt.kronecker(a, n)": "nt_kronecker(a, n)",
    }

    def cost(statement: str) -> float:
        glob = {"names": names, **{k: v for k, v in names.items() if "," not in k}}
        setup = "a, n = names['a, n']; A, N = names['A, N']"  # locals, as in a function
        timer = timeit.Timer(statement, setup, timer=time.process_time, globals=glob)
        return min(timer.repeat(repeat=7, number=200_000)) / 200_000

    base = cost("pass")
    parts = [f"{label} {(cost(s) - base) * 1e9:.0f} ns" for label, s in statements.items()]
    return "anatomy at 20 digits (timeit, CPU): " + "; ".join(parts)


def _clearing() -> None:
    clear_cache()
    factor_cache.cache_clear()


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
        sym: _Cold | None,
        raw: dict[str, Callable[[], object]],
        other: Callable[[], tuple[object, ...]] | None = None,
        size: int = 2048,
    ) -> None:
        """``other()``: another input for sympy's pool, of the size and shape of the case's;
        without it sympy is timed cold only (and that is its ``sympy`` column)."""
        contenders = {"numtheory": ours, **raw}
        if sym is not None and other is not None:
            pool = [sym.args, *(other() for _ in range(size - 1))]
            contenders["sympy"] = _Pool(sym.func, pool)
            contenders["sympy cold"] = sym
        elif sym is not None:
            contenders["sympy"] = sym
        out.append((Case(name, contenders, list(raw)), "sympy" if sym else "", list(raw)))

    prng = random.Random(1402)  # sympy's pools: the cases' inputs do not depend on them
    for digits in (20, 50, 100):
        a = rng.randrange(10**digits)
        n_odd = rng.randrange(10**digits) | 1
        p = nt.next_prime(rng.randrange(10**digits))
        am, nm, pm = mpz(a), mpz(n_odd), mpz(p)
        add(
            f"jacobi, {digits} digits",
            partial(nt.jacobi, a, n_odd),
            _Cold(sympy.jacobi_symbol, a, n_odd),
            {
                "gmpy2.jacobi (mpz)": partial(gmpy2.jacobi, am, nm),
                "gmpy2.jacobi (int)": partial(gmpy2.jacobi, a, n_odd),
            },
            lambda n=n_odd, d=digits: (prng.randrange(10**d), n),
        )
        add(
            f"legendre, {digits}-digit p",
            partial(nt.legendre, a, p),
            _Cold(sympy.legendre_symbol, a, p),
            {
                "gmpy2.legendre (mpz)": partial(gmpy2.legendre, am, pm),
                "gmpy2.legendre (int)": partial(gmpy2.legendre, a, p),
            },
            lambda p=p, d=digits: (prng.randrange(10**d), p),
        )
        add(
            f"kronecker, {digits} digits",
            partial(nt.kronecker, a, n_odd - 1),
            _Cold(sympy.kronecker_symbol, a, n_odd - 1),
            {
                "gmpy2.kronecker (mpz)": partial(gmpy2.kronecker, am, nm - 1),
                "gmpy2.kronecker (int)": partial(gmpy2.kronecker, a, n_odd - 1),
            },
            lambda n=n_odd - 1, d=digits: (prng.randrange(10**d), n),
        )
        add(
            f"mod_inverse, {digits}-digit p",
            partial(nt.mod_inverse, a, p),
            _Cold(sympy.mod_inverse, a, p),
            {
                "gmpy2.invert (mpz)": partial(gmpy2.invert, am, pm),
                "gmpy2.invert (int)": partial(gmpy2.invert, a, p),
            },
            lambda p=p: (prng.randrange(1, p), p),
        )
        ms = [nt.next_prime(rng.randrange(10**digits)) for _ in range(4)]
        rs = [rng.randrange(m) for m in ms]
        add(
            f"crt, 4 {digits}-digit moduli",
            partial(nt.crt, ms, rs),
            _Cold(sympy_crt, ms, rs),
            {},
            lambda ms=ms: (ms, [prng.randrange(m) for m in ms]),
        )
        sq = a * a % p
        pf = flint.fmpz(p)
        sqf = flint.fmpz(sq)
        add(
            f"sqrt_mod, {digits}-digit p",
            partial(nt.sqrt_mod, sq, p),
            _Cold(sympy_sqrt_mod, sq, p),
            {
                "flint fmpz.sqrtmod (fmpz)": partial(flint.fmpz.sqrtmod, sqf, pf),
                "flint fmpz(a).sqrtmod(p) (int)": lambda s=sq, p=p: flint.fmpz(s).sqrtmod(p),
            },
            lambda p=p: (pow(prng.randrange(p), 2, p), p),
        )
        while (p - 1) % 3:  # a prime with three cube roots: the hard case
            p = nt.next_prime(p)
        cube = pow(a, 3, p)
        add(
            f"nthroot_mod(a, 3, p), {digits}-digit p = 1 mod 3",
            partial(nt.nthroot_mod, cube, 3, p),
            # sympy.nthroot_mod took over 30 s for one call at 100 digits here: not run there
            _Cold(sympy_nthroot_mod, cube, 3, p) if digits < 100 else None,
            {},
            lambda p=p: (pow(prng.randrange(p), 3, p), 3, p),
        )
        # multiplicative functions on n built from primes below 10**7 (so that factoring,
        # which all three contenders must do, stays in milliseconds) and one larger prime.
        # sympy cold here: its time on a fresh n with warm caches is the same (measured
        # 2026-12-02, medians over 60 n, warm vs cold: 5.9 vs 5.6 ms at 26 digits, 16.1 vs
        # 13.9 ms at 51), while a pool of n sharing their small primes hits its factor cache
        n = nt.next_prime(rng.randrange(10**12))
        while len(str(n)) < digits:
            n *= nt.next_prime(rng.randrange(10**7))
        nf = flint.fmpz(n)
        add(
            f"totient, {len(str(n))} digits",
            partial(nt.totient, n),
            _Cold(sympy.totient, n),
            {"flint fmpz.euler_phi": partial(flint.fmpz.euler_phi, nf)},
        )
        add(
            f"divisor_sigma, {len(str(n))} digits",
            partial(nt.divisor_sigma, n),
            _Cold(sympy.divisor_sigma, n),
            {"flint fmpz.divisor_sigma": partial(flint.fmpz.divisor_sigma, nf, 1)},
        )
        add(
            f"mobius, {len(str(n))} digits",
            partial(nt.mobius, n),
            _Cold(sympy.mobius, n),
            {"flint fmpz.moebius_mu": partial(flint.fmpz.moebius_mu, nf)},
        )
        add(
            f"divisors, {len(str(n))} digits",
            partial(nt.divisors, n),
            _Cold(sympy.divisors, n),
            {},
        )
        add(
            f"reduced_totient, {len(str(n))} digits",
            partial(nt.carmichael_lambda, n),
            _Cold(sympy.reduced_totient, n),
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
            _Cold(sympy_diop_DN, D, N),
            {},
        )
    for digits in (20, 30):
        p = _safe_prime(digits, rng)
        g = rng.randrange(2, p)
        add(
            f"primitive_root, {digits}-digit safe prime",
            partial(nt.primitive_root, p),
            _Cold(sympy_primitive_root, p),
            {},
            lambda d=digits: (_safe_prime(d, prng),),
            64,
        )
        add(
            f"n_order, {digits}-digit safe prime",
            partial(nt.n_order, g, p),
            _Cold(sympy_n_order, g, p),
            {},
            lambda p=p: (prng.randrange(2, p), p),
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
        f"{os.environ['SYMPY_GROUND_TYPES']}); {samples} interleaved samples, medians, CPU "
        f"time; loadavg {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC"
    )
    global _CLOCK_PAIR
    _CLOCK_PAIR = _clock_pair_ns()
    print(
        f"sympy's cache clearing before each cold call (not in its time): "
        f"{fmt_time(_floor(_clearing))} CPU; two CPU-clock reads around each cold call "
        f"(subtracted): {_CLOCK_PAIR} ns"
    )
    global _POOL_EXTRA
    _POOL_EXTRA = _pool_extra()
    print(f"sympy's pool call over a partial call (subtracted): {fmt_time(_POOL_EXTRA)} CPU")
    print(_anatomy(random.Random(1)))
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
            notes.append(f"{speedup:,.1f}x faster than sympy" + ("" if ok else " (MISSED)"))
            if "sympy cold" in case.medians:
                notes.append(f"cold: {case.medians['sympy cold'] / ours:,.1f}x")
            else:
                notes.append("sympy timed cold")
        if raw:
            # the target is against the fastest raw call (on mpz/fmpz); the ratio to the
            # same call on ints (what a script switching from gmpy2 has) is printed too
            ratio = ours / min(case.medians[name] for name in raw)
            ok = ratio <= RAW_TARGET
            missed += not ok
            notes.append(f"{ratio:.2f}x raw" + ("" if ok else " (MISSED)"))
            for name in raw:
                if name.endswith("(int)"):
                    notes.append(f"{ours / case.medians[name]:.2f}x raw on int")
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
    print(f"loadavg at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
