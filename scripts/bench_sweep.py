"""Throughput of range sweeps: 1 and 2 local worker processes, and a 2-worker Dask cluster.

Sweeps ``central-binomial-2adic`` (v2(C(2n, n)) = popcount(n), three independent ways per n)
over a range sized so that one worker needs about ``--seconds`` seconds, on

* ``local-1``: a ``ProcessPoolExecutor`` with 1 process (passed as ``executor=``),
* ``local-2``: the same with 2 processes,
* ``dask-2``: a ``distributed.LocalCluster`` with 2 worker processes x 1 thread on 127.0.0.1,

and reports n per second, the speedup over one worker (target: local-2 >= 1.7x), and the
per-chunk overhead two ways: (a) from the sweep itself, ``(wall * workers - compute) / chunks``
where ``compute`` is the time measured inside the workers; (b) the round trip of an almost
empty chunk (``chunk_size=1``), i.e. the fixed cost of submitting, pickling and collecting one.
The machine's load average is printed before and after: on a shared box, rerun when quiet.

Usage::

    python scripts/bench_sweep.py            # ~15 s per configuration
    python scripts/bench_sweep.py --quick    # ~2 s per configuration (smoke test)

Each configuration runs ``--repeat`` times (interleaved) and the fastest round is reported.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from numtheory import verify
from numtheory.verify.sweep import run_chunk

CHECK = "central-binomial-2adic"


def sweep(executor: Executor, upto: int, chunk_size: int, start: int = 1) -> dict[str, Any]:
    report = verify.run(
        CHECK,
        executor=executor,
        params={"start": start, "upto": upto},
        chunk_size=chunk_size,
        progress=False,
        check_params={CHECK: {"exact_upto": 0}},
    )
    result = report[CHECK]
    assert result.passed, result.detail
    detail = result.detail
    return {
        "wall": result.seconds,
        "n": detail["checked"],
        "chunks": detail["chunks"],
        "compute": detail["chunk_seconds"],
    }


def calibrate(start: int) -> float:
    """n per second of the check in this process (one core, no pool)."""
    span = 50_000
    report = verify.run(
        CHECK, workers=1, params={"start": start, "upto": start + span - 1}, progress=False
    )
    return span / float(report[CHECK].detail["chunk_seconds"])


def empty_chunk_latency(executor: Executor, chunks: int) -> float:
    """Seconds per chunk for chunks of one number each (pure overhead), with all workers busy."""
    stats = sweep(executor, upto=10**9 + chunks - 1, chunk_size=1, start=10**9)
    return float(stats["wall"]) / chunks


def machine_ceiling(start: int, span: int) -> float:
    """Speedup the machine itself allows: one chunk of ``span`` numbers alone, then two at once
    in two processes (no runner, no chunking). On a quiet 2-core box this is close to 2."""
    check = verify.get_check(CHECK)
    params = {"exact_upto": 0}
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(abs, range(4)))
        began = time.perf_counter()
        pool.submit(run_chunk, check.func, check.kind, start, start + span, params).result()
        alone = time.perf_counter() - began
        began = time.perf_counter()
        pair = [
            pool.submit(run_chunk, check.func, check.kind, lo, lo + span, params)
            for lo in (start, start + span)
        ]
        for future in pair:
            future.result()
        together = time.perf_counter() - began
    return 2 * alone / together


def warm(executor: Executor, workers: int) -> None:
    """Start the worker processes and import numtheory in them before timing."""
    list(executor.map(abs, range(workers * 4)))
    sweep(executor, upto=10**9 + 2000 * workers, chunk_size=1000, start=10**9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short sweeps (~2 s each)")
    parser.add_argument("--seconds", type=float, default=15.0, help="target seconds for 1 worker")
    parser.add_argument(
        "--chunk-size", type=int, default=0, help="numbers per chunk (default: 1/100 of the sweep)"
    )
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster")
    parser.add_argument(
        "--repeat", type=int, default=2, help="rounds; the fastest of each config is kept"
    )
    args = parser.parse_args(argv)
    seconds = 2.0 if args.quick else args.seconds
    start = 10**9  # the same cost per n everywhere: 30-bit numbers
    rate = calibrate(start)
    upto = start + int(rate * seconds) - 1
    total = upto - start + 1
    args.chunk_size = args.chunk_size or max(1000, total // 100)
    print(f"# bench_sweep: {CHECK}, n = 10**9 .. 10**9+{total - 1:_} ({total:_} numbers)")
    print(f"# chunk size {args.chunk_size:_}; calibration {rate:,.0f} n/s in-process")
    print(f"# cpus: {os.cpu_count()}; load average before: {os.getloadavg()}")
    print(f"# python {sys.version.split()[0]}")
    ceilings = [machine_ceiling(start, int(rate * seconds / 6))]
    best: dict[str, tuple[str, int, dict[str, Any], float]] = {}

    def keep(name: str, workers: int, stats: dict[str, Any], latency: float) -> None:
        if name not in best or stats["wall"] < best[name][2]["wall"]:
            best[name] = (name, workers, stats, latency)
        print(f"#   round: {name:<8} {stats['wall']:6.2f} s  load {os.getloadavg()[0]:.2f}")

    distributed: Any = None
    if not args.no_dask:
        try:
            distributed = importlib.import_module("distributed")
        except ImportError:
            print("# dask: not installed (pip install 'numtheory[dask]'), skipped")
    for _ in range(max(1, args.repeat)):
        for workers in (1, 2):
            with ProcessPoolExecutor(workers) as pool:
                warm(pool, workers)
                stats = sweep(pool, upto, args.chunk_size, start)
                latency = empty_chunk_latency(pool, 400)
            keep(f"local-{workers}", workers, stats, latency)
        if distributed is not None:
            with (
                distributed.LocalCluster(
                    n_workers=2,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                ) as cluster,
                distributed.Client(cluster) as client,
            ):
                executor = client.get_executor(pure=False)
                warm(executor, 2)
                stats = sweep(executor, upto, args.chunk_size, start)
                latency = empty_chunk_latency(executor, 400)
            keep("dask-2", 2, stats, latency)
    rows = list(best.values())
    ceilings.append(machine_ceiling(start, int(rate * seconds / 6)))

    base = rows[0][2]["n"] / rows[0][2]["wall"]
    print()
    header = (
        f"{'config':<8} {'workers':>7} {'chunks':>6} {'wall s':>7} {'n/s':>10} {'speedup':>7} "
        f"{'compute s':>9} {'overhead/chunk ms':>17} {'empty chunk ms':>14}"
    )
    print(header)
    print("-" * len(header))
    for name, workers, stats, latency in rows:
        throughput = stats["n"] / stats["wall"]
        overhead = (stats["wall"] * workers - stats["compute"]) / stats["chunks"]
        print(
            f"{name:<8} {workers:>7} {stats['chunks']:>6} {stats['wall']:>7.2f} "
            f"{throughput:>10,.0f} {throughput / base:>6.2f}x {stats['compute']:>9.2f} "
            f"{overhead * 1e3:>17.2f} {latency * 1e3:>14.3f}"
        )
    print()
    per_n = ", ".join(f"{name} {s['compute'] / s['n'] * 1e6:.2f}" for name, _, s, _ in rows)
    print(f"# compute time per n inside workers (us): {per_n}")
    print("#   (a rise over local-1 means the cores were shared with other processes)")
    print(f"# load average after: {os.getloadavg()}")
    speedup = rows[1][2]["n"] / rows[1][2]["wall"] / base
    verdict = "meets" if speedup >= 1.7 else "MISSES"
    print(f"# local-2 speedup {speedup:.2f}x {verdict} the 1.7x target")
    print(
        "# machine ceiling (two bare processes vs one, before/after): "
        + ", ".join(f"{c:.2f}x" for c in ceilings)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
