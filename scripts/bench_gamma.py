"""Gamma side by side: numtheory.gamma vs mpmath.gamma vs FLINT's arb/acb gamma, CPU time.

For x = 1/3, 10**6 + 1/2 and 1 + 2i at 15, 100, 1000 and 10000 digits, each method runs in a
fresh subprocess (so "cold" is the first call in a process that has computed nothing at that
precision: mpmath builds its Bernoulli caches then, FLINT its constants), timed with
``time.process_time`` (CPU time of the process: the machine is shared, wall time would
measure the neighbours). "warm" is the median of batched repeats (each batch >= 2 ms of CPU,
at most ~2 s in all). Imports are done before the clock starts.

What each computes: ``numtheory.gamma(x, dps)`` is certified (Arb ball checked, midpoint
rounded to an mpmath number); ``mpmath.gamma`` at ``mp.dps = digits`` is not certified;
``arb.gamma``/``acb.gamma`` at ``ctx.dps = digits`` returns a ball (certified enclosure, but
its radius is not checked against the asked digits, and no mpmath number is built).

The load average (1, 5, 15 min) is printed before and after the run; quote it with the numbers.

Usage: python scripts/bench_gamma.py [--timeout SECONDS] [--digits 15,100,1000,10000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

METHODS = ["numtheory", "mpmath", "arb"]
XS = ["1/3", "1000000.5", "1+2j"]
DIGITS = [15, 100, 1000, 10000]


def _time_calls(fn: Callable[[], Any], budget: float = 2.0) -> tuple[float, float]:
    """(first call, median of batched repeats), CPU seconds."""
    t0 = time.process_time()
    fn()
    cold = time.process_time() - t0
    t0 = time.process_time()
    fn()
    one = max(time.process_time() - t0, 1e-7)
    number = max(1, min(20_000, int(2e-3 / one)))
    reps: list[float] = []
    spent = 0.0
    while len(reps) < 3 or (spent < budget and len(reps) < 100):
        t0 = time.process_time()
        for _ in range(number):
            fn()
        dt = time.process_time() - t0
        reps.append(dt / number)
        spent += dt
        if dt > budget:
            break
    return cold, statistics.median(reps)


def _worker(method: str, x: str, digits: int) -> dict[str, Any]:
    from fractions import Fraction

    is_complex = x.endswith("j")
    fn: Callable[[], Any]
    if method == "numtheory":
        import numtheory.numerics as nn

        arg: Any = complex(x) if is_complex else Fraction(x)
        fn = lambda: nn.gamma(arg, dps=digits)  # noqa: E731
    elif method == "mpmath":
        import mpmath

        mpmath.mp.dps = digits  # a benchmark process of its own: raw usage on purpose
        if is_complex:
            z = complex(x)
            xm: Any = mpmath.mpc(z.real, z.imag)
        else:
            q = Fraction(x)
            xm = mpmath.mpf(q.numerator) / q.denominator
        fn = lambda: mpmath.gamma(xm)  # noqa: E731
    else:
        import flint

        flint.ctx.dps = digits
        if is_complex:
            z = complex(x)
            xa: Any = flint.acb(z.real, z.imag)
        else:
            q = Fraction(x)
            xa = flint.arb(q.numerator) / q.denominator
        fn = lambda: xa.gamma()  # noqa: E731
    cold, warm = _time_calls(fn)
    return {"cold": cold, "warm": warm}


def _run(method: str, x: str, digits: int, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", method, x, str(digits)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"error": f">{timeout:.0f} s cap"}
    except subprocess.CalledProcessError as exc:
        return {"error": exc.stderr.strip().splitlines()[-1][:60]}
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def _cell(r: dict[str, Any]) -> str:
    return r["error"] if "error" in r else f"{_fmt(r['cold'])} / {_fmt(r['warm'])}"


def _ratio(ours: dict[str, Any], other: dict[str, Any], key: str) -> str:
    """ours / other, three significant digits (below 1: we are faster)."""
    if "error" in ours:
        return "-"
    if "error" in other:  # the other hit the cap: an upper bound on the ratio (cold only)
        cap = float(other["error"].strip(">s cap"))
        return f"<{ours[key] / cap:.3g}x" if key == "cold" and "cap" in other["error"] else "-"
    return f"{ours[key] / other[key]:.3g}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=300.0, help="per case (s)")
    parser.add_argument("--digits", default=",".join(map(str, DIGITS)))
    args = parser.parse_args()
    if args.worker:
        method, x, digits = args.worker
        print(json.dumps(_worker(method, x, int(digits))))
        return
    digits_list = [int(d) for d in args.digits.split(",")]
    load0 = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    import flint
    import mpmath

    print(f"run of {started}; load average before: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}")
    print(f"mpmath {mpmath.__version__} ({mpmath.libmp.BACKEND}), python-flint {flint.__version__}")
    print("CPU time (time.process_time), cold (first call in a fresh process) / warm (median)\n")
    print(
        "| x | digits | numtheory | mpmath | arb/acb gamma | ours/mpmath cold, warm "
        "| ours/arb cold, warm |"
    )
    print("|---|---|---|---|---|---|---|")
    for x in XS:
        for d in digits_list:
            res = {m: _run(m, x, d, args.timeout) for m in METHODS}
            ours = res["numtheory"]
            print(
                f"| {x} | {d} | {_cell(ours)} | {_cell(res['mpmath'])} | {_cell(res['arb'])} "
                f"| {_ratio(ours, res['mpmath'], 'cold')}, {_ratio(ours, res['mpmath'], 'warm')} "
                f"| {_ratio(ours, res['arb'], 'cold')}, {_ratio(ours, res['arb'], 'warm')} |",
                flush=True,
            )
    load1 = os.getloadavg()
    print(f"\nload average after: {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")


if __name__ == "__main__":
    main()
