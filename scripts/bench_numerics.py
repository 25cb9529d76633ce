"""Benchmark numtheory.numerics against raw mpmath and python-flint (Arb).

Part A: Gamma(x) for x = 1/3 and 10**6 + 1/2 at 50, 1000 and 10000 digits:
  * ``numtheory.numerics.gamma()`` (exact argument -> Arb, certified -> mpmath mpf),
  * raw mpmath: ``mpmath.gamma(mpf(1)/3)`` at ``mp.dps = digits``,
  * raw Arb: ``arb.gamma(ball)`` and ``arb.gamma_fmpq(exact q)`` at ``ctx.dps = digits``.
Part C: Taylor coefficients of a callable (issue 9): Gamma at 1 to order 60 at 40 digits and
  exp / 1/(1-x) at 0 to order 100 at 50 digits, by
  * ``mpmath.taylor`` (what taylor_coefficients did with a callable before),
  * ``taylor_coefficients(lambda z: ..., ...)`` (Cauchy integral + FFT, error estimates),
  * ``taylor_coefficients("gamma", ...)`` (Arb power series, certified).
Part D: the cost of certifying each part of a complex Gamma separately (issue 9): the same
  Arb computation with the old modulus-relative acceptance vs the per-part one, warm.
Part B: certify that f_n = sum_{k<=n} x^k/k! has no real root, n = 10, 50, 200, 1000:
  * ``numtheory.numerics.certify_exp_taylor_positive`` (Sturm chain on fmpq_poly),
  * sympy ``Poly(..., domain=QQ).count_roots()`` (ground types gmpy),
  * flint ``fmpz_poly.complex_roots()`` (rigorous isolation of all roots).

Every case runs in its own fresh subprocess with a hard timeout, so "cold" is honest: the first
call in a process that has computed nothing at that precision (mpmath builds Bernoulli caches on
its first Gamma at a new precision; FLINT caches constants and gamma_fmpq values). "warm" is the
median of repeated calls in the same process (batches of >= 1 ms, at most ~2 s of repeats; a
cached answer counts as what the user gets). Ratios are ours / fastest other method (1.00x = as
fast as the fastest).

Usage: python scripts/bench_numerics.py [--quick] [--timeout SECONDS]
  --quick: cap every case at 20 s and skip the slow competitors at n = 1000.
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

GAMMA_METHODS = ["numtheory", "mpmath", "arb.gamma", "arb.gamma_fmpq"]
GAMMA_XS = ["1/3", "1000000.5"]
GAMMA_DIGITS = [50, 1000, 10000]
CERT_METHODS = ["numtheory", "sympy count_roots", "flint complex_roots"]
CERT_NS = [10, 50, 200, 1000]


def _time_calls(fn: Any, budget: float = 2.0, max_reps: int = 200) -> tuple[float, float]:
    """(first call, median of repeats) in seconds.

    Each repeat is a batch of calls lasting at least ~1 ms, divided by its size: timing a
    single microsecond call would mostly measure ``perf_counter`` and scheduler noise.
    """
    t0 = time.perf_counter()
    fn()
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    number = max(1, min(10_000, int(1e-3 / max(one, 1e-7))))
    reps: list[float] = []
    spent = 0.0
    while len(reps) < max_reps and (spent < budget or len(reps) < 3) and spent < 5 * budget:
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        dt = time.perf_counter() - t0
        reps.append(dt / number)
        spent += dt
        if dt > budget:
            break
    return cold, statistics.median(reps)


def _worker_gamma(method: str, x: str, digits: int) -> dict[str, Any]:
    from fractions import Fraction

    fn: Callable[[], Any]

    q = Fraction(x)
    if method == "numtheory":
        import numtheory.numerics as nn

        fn = lambda: nn.gamma(q, dps=digits)  # noqa: E731
    elif method == "mpmath":
        import mpmath

        mpmath.mp.dps = digits  # a benchmark process of its own: raw usage on purpose
        xm = mpmath.mpf(q.numerator) / q.denominator
        fn = lambda: mpmath.gamma(xm)  # noqa: E731
    else:
        import flint

        flint.ctx.dps = digits
        if method == "arb.gamma":
            xa = flint.arb(q.numerator) / q.denominator
            fn = lambda: xa.gamma()  # noqa: E731
        else:
            xq = flint.fmpq(q.numerator, q.denominator)
            fn = lambda: flint.arb.gamma_fmpq(xq)  # noqa: E731
    cold, warm = _time_calls(fn)
    return {"cold": cold, "warm": warm}


def _worker_cert(method: str, n: int) -> dict[str, Any]:
    import math

    fn: Callable[[], Any]
    answer: Callable[[Any], Any]

    if method == "numtheory":
        from numtheory.numerics import certify_exp_taylor_positive

        fn = lambda: certify_exp_taylor_positive(n)  # noqa: E731
        answer = lambda r: 0 if r else "some"  # noqa: E731
    elif method == "sympy count_roots":
        import sympy

        x = sympy.symbols("x")
        poly = sympy.Poly(
            [sympy.Rational(1, math.factorial(k)) for k in range(n, -1, -1)], x, domain="QQ"
        )
        fn = lambda: poly.count_roots()  # noqa: E731
        answer = lambda r: int(r)  # noqa: E731
    else:
        import flint

        poly = flint.fmpz_poly([math.factorial(n) // math.factorial(k) for k in range(n + 1)])
        fn = lambda: poly.complex_roots()  # noqa: E731
        answer = lambda r: sum(1 for z, _ in r if z.imag == 0)  # noqa: E731
    t0 = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - t0
    _, warm = _time_calls(fn, budget=1.0) if cold < 1.0 else (cold, cold)
    return {"cold": cold, "warm": warm, "real_roots": answer(result)}


TAYLOR_CASES = [("gamma", 1, 60, 40), ("exp", 0, 100, 50), ("geometric", 0, 100, 50)]
TAYLOR_METHODS = ["mpmath.taylor", "cauchy (callable)", "arb (named)"]


def _worker_taylor(method: str, fun: str, x0: int, order: int, digits: int) -> dict[str, Any]:
    import mpmath

    from numtheory.numerics import taylor_coefficients

    f: Callable[[Any], Any] = {
        "gamma": lambda z: mpmath.gamma(z),
        "exp": lambda z: mpmath.exp(z),
        "geometric": lambda z: 1 / (1 - z),
    }[fun]
    if method == "mpmath.taylor":
        with mpmath.workdps(digits + 10):
            t0 = time.perf_counter()
            mpmath.taylor(f, x0, order)
        return {"cold": time.perf_counter() - t0, "warm": None}
    if method == "arb (named)":
        if fun == "geometric":
            return {"error": "no Arb name"}
        t0 = time.perf_counter()
        taylor_coefficients(fun, x0, order, dps=digits)
        cold = time.perf_counter() - t0
        _, warm = _time_calls(lambda: taylor_coefficients(fun, x0, order, dps=digits))
        return {"cold": cold, "warm": warm}
    t0 = time.perf_counter()
    c = taylor_coefficients(f, x0, order, dps=digits)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    taylor_coefficients(f, x0, order, dps=digits)
    return {"cold": cold, "warm": time.perf_counter() - t0, "points": c.points}


def _worker_parts(digits: int) -> dict[str, Any]:
    """Warm numtheory.gamma(1+2i): the old modulus-relative Ziv loop vs the per-part one."""
    from numtheory import _backend
    from numtheory.numerics import certify, gamma

    def modulus_only(compute: Callable[[], Any], prec: int, what: str) -> Any:
        # The acceptance before issue 9: the whole ball relatively accurate (on the modulus).
        work = prec + 24
        for _ in range(13):
            with _backend.arb_precision(work):
                ball = compute()
            if ball.is_finite() and ball.rel_accuracy_bits() >= prec + 4:
                return ball
            work *= 2
        raise RuntimeError(what)

    _, t_new = _time_calls(lambda: gamma(1 + 2j, dps=digits))
    certify.arb_certified = modulus_only  # type: ignore[assignment]
    _, t_old = _time_calls(lambda: gamma(1 + 2j, dps=digits))
    return {"cold": t_old, "warm": t_new}


def _run(args: list[str], timeout: float) -> dict[str, Any] | None:
    env = dict(os.environ, SYMPY_GROUND_TYPES="gmpy")
    cmd = [sys.executable, __file__, "--worker", *args]
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, env=env, check=True
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        return {"error": exc.stderr.strip().splitlines()[-1] if exc.stderr else "failed"}
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _fmt(t: float | None) -> str:
    if t is None:
        return "-"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.2f} ms"
    return f"{t * 1e6:.1f} us"


def _cell(r: dict[str, Any] | None, cap: float) -> str:
    if r is None:
        return f">{cap:.0f}s cap"
    if "error" in r:
        return "error: " + str(r["error"])[:40]
    return f"{_fmt(r['cold'])} / {_fmt(r['warm'])}"


def _ratio(ours: dict[str, Any] | None, others: list[dict[str, Any] | None], key: str) -> str:
    times = [o[key] for o in others if o and key in o]
    if not ours or key not in ours or not times:
        return "-"
    return f"{ours[key] / min(times):.2f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 s caps, skip slow competitors")
    parser.add_argument("--timeout", type=float, default=None, help="cap per case in seconds")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument(
        "--only", choices=["gamma", "taylor", "cert"], help="run one part (taylor = parts C, D)"
    )
    ns = parser.parse_args(argv)

    if ns.worker:
        kind, *rest = ns.worker
        if kind == "gamma":
            out = _worker_gamma(rest[0], rest[1], int(rest[2]))
        elif kind == "taylor":
            out = _worker_taylor(rest[0], rest[1], int(rest[2]), int(rest[3]), int(rest[4]))
        elif kind == "parts":
            out = _worker_parts(int(rest[0]))
        else:
            out = _worker_cert(rest[0], int(rest[1]))
        print(json.dumps(out))
        return 0

    cap = ns.timeout or (20.0 if ns.quick else 120.0)
    import flint
    import mpmath

    print(
        f"# numtheory numerics benchmark  ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"python {sys.version.split()[0]}, mpmath {mpmath.__version__} "
        f"[{mpmath.libmp.BACKEND}], python-flint {flint.__version__}; {os.cpu_count()} cpus; "
        f"cap {cap:.0f} s per case)\n"
    )
    print("## Gamma(x): cold (first call in a fresh process) / warm (median of repeats)\n")
    print("| x | digits | " + " | ".join(GAMMA_METHODS) + " | ours/fastest cold | warm |")
    print("|---" * (len(GAMMA_METHODS) + 4) + "|")
    for x in GAMMA_XS if ns.only in (None, "gamma") else []:
        for digits in GAMMA_DIGITS:
            gres = {m: _run(["gamma", m, x, str(digits)], cap) for m in GAMMA_METHODS}
            gothers = [gres[m] for m in GAMMA_METHODS[1:]]
            row = " | ".join(_cell(gres[m], cap) for m in GAMMA_METHODS)
            print(
                f"| {x} | {digits} | {row} | {_ratio(gres['numtheory'], gothers, 'cold')} | "
                f"{_ratio(gres['numtheory'], gothers, 'warm')} |",
                flush=True,
            )

    print("\n## Taylor coefficients: cold (first call in a fresh process) / warm\n")
    print("| f at x0 | order | digits | " + " | ".join(TAYLOR_METHODS) + " | points |")
    print("|---" * (len(TAYLOR_METHODS) + 4) + "|")
    for fun, x0, order, digits in TAYLOR_CASES if ns.only in (None, "taylor") else []:
        tres = {
            m: _run(["taylor", m, fun, str(x0), str(order), str(digits)], cap)
            for m in TAYLOR_METHODS
        }
        cells = []
        for m in TAYLOR_METHODS:
            r = tres[m]
            cells.append(
                _fmt(r["cold"]) if r and r.get("warm") is None and "cold" in r else _cell(r, cap)
            )
        cauchy = tres["cauchy (callable)"]
        points = cauchy.get("points", "-") if cauchy else "-"
        print(
            f"| {fun} at {x0} | {order} | {digits} | " + " | ".join(cells) + f" | {points} |",
            flush=True,
        )

    print("\n## Per-part certification of Gamma(1+2i), warm: modulus-only check / per part\n")
    print("| digits | modulus-only (before) | per part (now) | ratio |")
    print("|---|---|---|---|")
    for digits in (15, 50, 1000) if ns.only in (None, "taylor") else ():
        r = _run(["parts", str(digits)], cap)
        if r and "cold" in r:
            print(
                f"| {digits} | {_fmt(r['cold'])} | {_fmt(r['warm'])} | "
                f"{r['warm'] / r['cold']:.2f}x |",
                flush=True,
            )

    print("\n## Certify f_n = sum x^k/k! has no real root: cold / warm (real roots found)\n")
    print("| n | " + " | ".join(CERT_METHODS) + " | ours/fastest other (warm) |")
    print("|---" * (len(CERT_METHODS) + 2) + "|")
    for n in CERT_NS if ns.only in (None, "cert") else []:
        res: dict[str, dict[str, Any] | None] = {}
        for m in CERT_METHODS:
            skip = n >= 1000 and m != "numtheory" and (ns.quick or m == "flint complex_roots")
            res[m] = {"skipped": True} if skip else _run(["cert", m, str(n)], cap)
        cells: list[str] = []
        for m in CERT_METHODS:
            r = res[m]
            if r and r.get("skipped"):
                cells.append("skipped (>120 s when tried)" if not ns.quick else "skipped (--quick)")
            else:
                roots = f" ({r['real_roots']})" if r and "real_roots" in r else ""
                cells.append(_cell(r, cap) + roots)
        others = [res[m] for m in CERT_METHODS[1:]]
        print(
            f"| {n} | " + " | ".join(cells) + f" | {_ratio(res['numtheory'], others, 'warm')} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
