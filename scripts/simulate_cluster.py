"""How big should a chunk be on 100 Dask workers? A discrete-event simulation of a sweep.

The model, per chunk of ``size`` numbers:

* compute ``T = size * cost_per_n`` on a worker, times ``1 + jitter * u`` (``u`` uniform in
  [-1, 1]: chunks, cores and nodes are not all equal);
* a **central, serial** cost ``sigma`` per task, paid one task after another (the scheduler
  assigning it and taking its result, the client submitting it and recording it): Dask
  documents "Each task suffers about 1ms of overhead" (distributed.dask.org, "Motivation"),
  and a burst of empty tasks measured here gives the same order (``burst`` in
  ``numtheory verify``'s ``detail["chunk_sizing"]``);
* a **per-worker latency** ``lam`` per task (network round trip, (de)serialising the check
  and the result): the worker idles that long between two chunks (no prefetch: the
  pessimistic case). Measured here on a LocalCluster: 2-6 ms (``latency``).

A worker that finishes asks for the next chunk; the central server handles requests in
order, ``sigma`` each; the chunk starts ``lam`` later. Efficiency is the compute done over
``workers * makespan``: 100% means no worker ever waited. The table sweeps chunk sizes for
one configuration and marks the size numtheory's auto rule picks for it
(``numtheory.verify._sizing.choose_size``: overhead ``max(lam, workers * sigma)`` under
``5% / 2`` of a chunk's compute, at least 4 chunks per worker, at most 2**21 numbers).

Usage::

    PYTHONPATH=$PWD python scripts/simulate_cluster.py                  # 100 workers
    PYTHONPATH=$PWD python scripts/simulate_cluster.py --workers 2 --lam 0.003
"""

from __future__ import annotations

import argparse
import heapq
import random

from numtheory.verify._sizing import MAX_AUTO_CHUNK, choose_size


def simulate(
    total: int,
    size: int,
    workers: int,
    cost_per_n: float,
    sigma: float,
    lam: float,
    jitter: float,
    seed: int = 1,
) -> tuple[float, float]:
    """``(efficiency, makespan)`` of a sweep of ``total`` numbers in chunks of ``size``."""
    rng = random.Random(seed)
    free = [0.0] * workers  # when each worker next asks for work (a heap)
    central = 0.0  # when the central server is next free
    compute = 0.0
    end = 0.0
    for lo in range(0, total, size):
        n = min(size, total - lo)
        t = n * cost_per_n * (1 + jitter * rng.uniform(-1, 1))
        asked = heapq.heappop(free)
        central = max(central, asked) + sigma
        finish = central + lam + t
        compute += t
        end = max(end, finish)
        heapq.heappush(free, finish)
    return compute / (workers * end), end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=100)
    parser.add_argument("--total", type=float, default=1e11, help="numbers in the sweep")
    parser.add_argument("--rate", type=float, default=5e6, help="n per second per worker")
    parser.add_argument("--sigma", type=float, default=1e-3, help="central s per task")
    parser.add_argument("--lam", type=float, default=5e-3, help="worker latency s per task")
    parser.add_argument("--jitter", type=float, default=0.1, help="chunk time spread, +-")
    args = parser.parse_args(argv)
    total, per_n = int(args.total), 1.0 / args.rate
    overhead = max(args.lam, args.workers * args.sigma)
    chosen, bound = choose_size(total, args.workers, per_n, overhead)
    print(
        f"# {args.workers} workers, {total:.3g} numbers at {args.rate:.3g} n/s per worker "
        f"({total * per_n / args.workers:,.0f} s of compute each); sigma = {args.sigma * 1e3:g} ms "
        f"central per task, lam = {args.lam * 1e3:g} ms latency per task, "
        f"jitter +-{args.jitter:.0%}"
    )
    print(
        f"# auto rule: overhead max(lam, workers * sigma) = {overhead * 1e3:g} ms -> "
        f"size {chosen:,} ({bound}; {chosen * per_n:.3g} s per chunk)"
    )
    print(f"{'size':>12} {'chunk s':>9} {'chunks':>10} {'central load':>12} {'efficiency':>10}")
    sizes = sorted({10**k for k in range(3, 10)} | {chosen, MAX_AUTO_CHUNK})
    for size in sizes:
        chunks = -(-total // size)
        # Too slow to simulate in Python (the trend is clear by then), or larger than the
        # range (one chunk: the same row again, mislabelled with a longer chunk time).
        if chunks > 3_000_000 or size > total:
            continue
        t = size * per_n
        efficiency, _ = simulate(
            total, size, args.workers, per_n, args.sigma, args.lam, args.jitter
        )
        load = args.workers * args.sigma / (t + args.lam + args.sigma)
        mark = "  <- auto" if size == chosen else ""
        print(f"{size:>12,} {t:>9.4f} {chunks:>10,} {min(load, 1):>11.0%} {efficiency:>9.1%}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
