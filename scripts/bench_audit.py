"""The cost of evidence: writing a record, and auditing a sample of it, against the run.

Runs a range check (default ``central-binomial-2adic`` near n = 10**9, where every chunk
costs the same) in this process (``workers=1``, so CPU time is all of it), with and without
``evidence=``, then audits the record with ``--percent`` of its chunks recomputed (default
1%, at least one) and reports CPU time (``time.process_time``) and wall time of each, and
the ratio audit / run. Target (issue 15): an audit of 1% of the chunks costs at most about 2%
of the run. The load average is printed before and after: on a shared box, rerun when quiet.

Usage::

    python scripts/bench_audit.py                 # 200 chunks of 20,000 (~15 s per run)
    python scripts/bench_audit.py --quick         # 100 chunks of 2,000 (smoke test)
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path
from typing import Any

from numtheory import verify


def _load() -> str:
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def _timed(func: Any, *args: Any, **kwargs: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = func(*args, **kwargs)
    return out, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", default="central-binomial-2adic")
    parser.add_argument("--start", type=int, default=10**9)
    parser.add_argument("--chunks", type=int, default=200)
    parser.add_argument("--chunk-size", type=int, default=20_000)
    parser.add_argument("--percent", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3, help="audits (fresh seeds) to average")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.chunks, args.chunk_size = 100, 2_000
    params = {"start": args.start, "upto": args.start + args.chunks * args.chunk_size - 1}
    print(f"load average before: {_load()}")
    print(f"{args.check}: n = {params['start']}..{params['upto']}, {args.chunks} chunks")
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "run.json"
        options = {"params": params, "workers": 1, "chunk_size": args.chunk_size}
        plain, plain_cpu, plain_wall = _timed(verify.run, args.check, **options)
        report, run_cpu, run_wall = _timed(verify.run, args.check, evidence=target, **options)
        assert plain.ok and report.ok, report[args.check].detail
        size = target.stat().st_size
        sample = max(1, math.ceil(args.chunks * args.percent / 100))
        cpus, walls = [], []
        for seed in range(args.repeat):
            result, cpu, wall = _timed(verify.audit, target, sample=sample, seed=seed)
            assert result.ok, result.problems
            cpus.append(cpu)
            walls.append(wall)
    audit_cpu, audit_wall = sum(cpus) / len(cpus), sum(walls) / len(walls)
    print(f"run without evidence: {plain_cpu:8.3f} s CPU {plain_wall:8.3f} s wall")
    print(
        f"run with evidence:    {run_cpu:8.3f} s CPU {run_wall:8.3f} s wall "
        f"(record {size:,} bytes; writing it: {run_cpu - plain_cpu:+.3f} s CPU)"
    )
    print(
        f"audit of {sample} of {args.chunks} chunks ({args.percent:g}%), mean of "
        f"{args.repeat}: {audit_cpu:8.3f} s CPU {audit_wall:8.3f} s wall"
    )
    print(
        f"audit / run: {100 * audit_cpu / run_cpu:.2f}% CPU, "
        f"{100 * audit_wall / run_wall:.2f}% wall (target: about 2% or less)"
    )
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
