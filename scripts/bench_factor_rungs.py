"""factorint's ECM rungs before FLINT's whole factoriser: 24 then 32 bits against 32 alone.

Usage: ``python scripts/bench_factor_rungs.py [SEEDS [SIZES]]`` (``1,2,3`` and
``26,36,44,51,60,70,80,104`` by default). For each size (digits) and seed, 10 random n of two
kinds: a 12-digit prime times 7-digit primes (``scripts/bench_residues.py``'s multiplicative
rows) and a product of random 5-15-digit primes. Prints, per size, the sum over the 10 n of
the median of 5 interleaved runs, as a ratio to FLINT's ``fmpz_factor`` called in-process on
the same n, and how many child processes factorint started (their CPU time is included: CPU
of this process plus its reaped children, ``time.process_time`` and ``getrusage``). Noted in
the README with the load average, which it prints.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable

import flint

import numtheory as nt
from numtheory import _backend
from numtheory.arith import factor as _factor

ORDERS = {"24,32": (24, 32), "32": (32,)}  # factorint's, and one rung
REPEATS = 5
_children = [0]
_real_run_in_child = _backend.run_in_child


def _counting_child(*args: object) -> object:
    _children[0] += 1
    return _real_run_in_child(*args)  # type: ignore[arg-type]


def _cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def bench_like(rng: random.Random, digits: int) -> int:
    n = nt.next_prime(rng.randrange(10**12))
    while len(str(n)) < digits:
        n *= nt.next_prime(rng.randrange(10**7))
    return n


def mixed(rng: random.Random, digits: int) -> int:
    n = 1
    while len(str(n)) < digits:
        d = rng.randint(5, 15)
        n *= nt.next_prime(rng.randrange(10 ** (d - 1), 10**d))
    return n


def _ours(n: int, rungs: tuple[int, ...]) -> float:
    _factor._CHEAP_RUNGS = rungs
    start = _cpu()
    nt.factorint(n)
    return _cpu() - start


def _flint(n: int) -> float:
    start = time.process_time()
    flint.fmpz(n).factor()
    return time.process_time() - start


def main(argv: list[str]) -> int:
    seeds = [int(s) for s in (argv[0] if argv else "1,2,3").split(",")]
    sizes = [int(s) for s in (argv[1] if len(argv) > 1 else "26,36,44,51,60,70,80,104").split(",")]
    _backend.run_in_child = _counting_child  # type: ignore[assignment]
    saved = _factor._CHEAP_RUNGS
    kinds: dict[str, Callable[[random.Random, int], int]] = {
        "bench_like": bench_like,
        "mixed": mixed,
    }
    try:
        for kind, make in kinds.items():
            for seed in seeds:
                rng = random.Random(seed)
                print(f"## {kind}, seed {seed}, load average {os.getloadavg()[0]:.1f}", flush=True)
                for digits in sizes:
                    ns = [make(rng, digits) for _ in range(10)]
                    total = dict.fromkeys(["flint", *ORDERS], 0.0)
                    kids = dict.fromkeys(ORDERS, 0)
                    for n in ns:
                        runs: dict[str, list[float]] = {k: [] for k in total}
                        for _ in range(REPEATS):  # interleaved
                            runs["flint"].append(_flint(n))
                            for name, rungs in ORDERS.items():
                                before = _children[0]
                                runs[name].append(_ours(n, rungs))
                                kids[name] += _children[0] - before
                        for name, values in runs.items():
                            total[name] += statistics.median(values)
                    ratio = {name: total[name] / total["flint"] for name in ORDERS}
                    cells = "  ".join(
                        f"[{name}] {ratio[name]:.2f}x ({kids[name] / REPEATS:.0f} child)"
                        for name in ORDERS
                    )
                    print(
                        f"{digits} digits: FLINT {total['flint'] * 100:.2f} ms per n  {cells}",
                        flush=True,
                    )
    finally:
        _factor._CHEAP_RUNGS = saved
        _backend.run_in_child = _real_run_in_child
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
