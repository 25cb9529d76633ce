"""Benchmark ``numtheory.oeis.identify`` on the synthetic 400,000-sequence mirror and catalogue.

Reuses the synthetic dump of ``scripts/bench_mirror.py`` (same generator, same seed), builds
the mirror once into ``--workdir`` (default /tmp/identify-bench) and reuses it afterwards.
Then, from one run:

* latency of depth-1 identify on 8-20 terms drawn from the data and transformed (median, p95);
* latency of depth 2 with pairs (median, max);
* recall on generated (entry, transform) queries: the query is the inverse transform of an
  entry's first terms, so that the transform of the query is the entry; found when the entry
  is among the explanations (limit 10);
* exact queries (an entry's first terms): the top answer must be an exact match containing them;
* for comparison, the plain exact search (``Mirror.search``) that a user would run instead,
  and the two exact-search paths of issue 13 (total of a common run, signed common run).

Usage::

    python scripts/bench_identify.py [--queries 1000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_mirror import make_dump

from numtheory.oeis import identify
from numtheory.oeis import transforms as tf
from numtheory.oeis.mirror import Mirror

COUNT, SEED = 400_000, 20261122

#: (transform applied to the query, its inverse: how the query is made from the entry)
PAIRS = [
    ("differences", tf.partial_sums),
    ("partial_sums", lambda e: tf.differences([0, *e])),
    ("binomial", tf.inverse_binomial_transform),
    ("inverse_binomial", tf.binomial_transform),
    ("euler", tf.inverse_euler_transform),
    ("inverse_euler", tf.euler_transform),
    ("inverse_moebius", tf.moebius_transform),
    ("moebius", tf.inverse_moebius_transform),
    ("stirling2", tf.stirling1_transform),
    ("stirling1", tf.stirling2_transform),
    ("boustrophedon", tf.inverse_boustrophedon_transform),
    ("inverse_boustrophedon", tf.boustrophedon_transform),
    ("exp", tf.log_transform),
    ("log", tf.exp_transform),
    ("invert", tf.inverse_invert_transform),
    ("inverse_invert", tf.invert_transform),
    ("times_2", lambda e: [x // 2 for x in e] if all(x % 2 == 0 for x in e) else None),
    ("half", lambda e: [2 * x for x in e]),
    ("plus_n", lambda e: tf.plus_index(e, -1, 0)),
    ("minus_n", lambda e: tf.plus_index(e, 1, 0)),
    ("plus_1", lambda e: [x - 1 for x in e]),
    ("minus_1", lambda e: [x + 1 for x in e]),
    ("gf*(1+x)", lambda e: tf.gf_times_binomial_power(e, -1, 1)),
    ("gf/(1-x)^3", lambda e: tf.gf_times_binomial_power(e, 3)),
    # Superseeker's transforms of v = u[j]/(j-1)! (T054-T098): the query is n! times v
    ("v:binomial", lambda e: tf.multiply_by_factorials(tf.inverse_binomial_transform(e))),
    ("v:partial_sums", lambda e: tf.multiply_by_factorials(tf.differences([0, *e]))),
]


_BUILD = """
import sys, time
from pathlib import Path
from numtheory.oeis.mirror import build_mirror
d = Path(sys.argv[1])
status = build_mirror(d / "stripped.gz", d / "names.gz", Path(sys.argv[2]), source="synthetic")
print(f"{status.size_bytes}")
"""


def measured_build(workdir: Path, dest: Path) -> None:
    """Build in a child process: its wall and CPU time, and its peak memory (ru_maxrss)."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(workdir), str(dest)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    size = int(done.stdout.split()[-1])
    print(
        f"built the mirror: {wall:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU, "
        f"peak {usage.ru_maxrss / 1024:.1f} MiB, {size / 2**20:.1f} MiB on disk "
        f"(load average {Path('/proc/loadavg').read_text().split()[0]})"
    )


def mirror_file(workdir: Path, rebuild: bool = False) -> Path:
    dest = workdir / "mirror.sqlite"
    if dest.is_file() and not rebuild:
        return dest
    workdir.mkdir(parents=True, exist_ok=True)
    stamp = workdir / "dump.txt"
    if not (stamp.is_file() and stamp.read_text() == f"{COUNT} {SEED}"):
        make_dump(workdir, COUNT, SEED)
        stamp.write_text(f"{COUNT} {SEED}")
    measured_build(workdir, dest)
    return dest


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))]


def generated(mirror: Mirror, rng: random.Random, count: int) -> list[tuple[str, int, list[int]]]:
    """(transform name, entry A-number, query) with transform(query) a run of the entry."""
    out = []
    while len(out) < count:
        entry = mirror.get(rng.randint(1, COUNT))
        if entry is None or len(entry.terms) < 12:
            continue
        name, inverse = PAIRS[len(out) % len(PAIRS)]
        k = rng.randint(8, min(20, len(entry.terms)))
        query = inverse(list(entry.terms[:k]))
        if query is None or len(set(query)) < 3 or max(map(abs, query)) > 10**60:
            continue
        out.append((name, entry.number, query))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--depth2", type=int, default=30, help="depth-2 queries to time")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/identify-bench"))
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the mirror (and measure the build)"
    )
    args = parser.parse_args()
    path = mirror_file(args.workdir, args.rebuild)
    rng = random.Random(SEED + 13)
    with Mirror(path) as mirror:
        queries = generated(mirror, rng, args.queries)
        identify([1, 2, 3, 5, 8], offline=True, mirror=path)  # warm: catalogue index, caches
        times, found, plain, cpu = [], 0, [], []
        unambiguous = found_clear = equivalent = 0
        missed: dict[str, int] = {}
        for name, number, query in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            answer = identify(query, offline=True, mirror=path)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            hit = any(e.sequence is not None and e.sequence.number == number for e in answer)
            found += hit
            # as good an answer: an exact match of the query, or an explanation that maps the
            # query onto the same run of terms as the planted one, at the start of an entry
            # (the synthetic data has thousands of entries sharing such runs)
            entry = mirror.get(number)
            assert entry is not None
            same = hit or any(
                not e.transforms
                or (
                    e.sequence is not None
                    and len(e.transforms) == 1
                    and e.position == 0
                    and e.matched == len(query)
                    and list(e.terms) == list(entry.terms[: len(e.terms)])
                )
                for e in answer
            )
            equivalent += same
            # unambiguous: the query matches nothing exactly, and the entry's terms that the
            # transform gives back occur near the start of no other entry (else several
            # explanations are equally good and the entry may rank below the limit)
            run = list(entry.terms[: max(len(query) - 2, 4)])
            others = mirror.search_start(run, limit=2, max_position=3)
            clear = not mirror.search(query, limit=1) and [s.number for s in others] == [number]
            unambiguous += clear
            found_clear += clear and hit
            if not hit:
                missed[name] = missed.get(name, 0) + 1
            t0 = time.perf_counter()
            mirror.search(query, limit=10)
            plain.append((time.perf_counter() - t0) * 1000)
        exact_wrong, exact_n = 0, 0
        for _ in range(200):
            entry = mirror.get(rng.randint(1, COUNT))
            if entry is None or len(entry.terms) < 8:
                continue
            query = list(entry.terms[: rng.randint(8, min(20, len(entry.terms)))])
            answer = identify(query, offline=True, mirror=path)
            exact_n += 1
            top = answer[0] if answer else None
            ok = top is not None and not top.transforms and top.sequence is not None
            ok = ok and [abs(t) for t in query] == [
                abs(t) for t in top.sequence.terms[top.position : top.position + len(query)]
            ]
            exact_wrong += not ok
        deep, deep_cpu = [], []
        for _, _, query in queries[: args.depth2]:
            t0, c0 = time.perf_counter(), time.process_time()
            identify(query, offline=True, depth=2, mirror=path)
            deep.append((time.perf_counter() - t0) * 1000)
            deep_cpu.append((time.process_time() - c0) * 1000)
        slow = {}
        for label, terms, signed in (
            ("total of a common run (0,1,0,1,0,1)", [0, 1, 0, 1, 0, 1], False),
            ("signed common run (1,-1,1,-1,1,-1)", [1, -1, 1, -1, 1, -1], True),
            ("signed common run (1,-2,3,-4,5)", [1, -2, 3, -4, 5], True),
        ):
            t0 = time.perf_counter()
            # unsigned: what oeis.search(offline=True, limit=10) asks for to report a total
            mirror.search_hits(terms, limit=10 if signed else 1001, signed=signed)
            slow[label] = (time.perf_counter() - t0) * 1000
    med, p95 = statistics.median(times), pct(times, 0.95)
    recall = found / len(queries)
    print(
        f"depth 1, {len(times)} generated queries of 8-20 terms: median {med:.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(times):.0f} ms (plain exact search: median "
        f"{statistics.median(plain):.2f} ms; identify/exact {med / statistics.median(plain):.0f}x)"
    )
    print(
        f"  CPU: median {statistics.median(cpu):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms, "
        f"max {max(cpu):.0f} ms"
    )
    clear = found_clear / max(unambiguous, 1)
    print(
        f"recall: {found} of {len(queries)} ({100 * recall:.1f}%); on the {unambiguous} "
        f"unambiguous ones {found_clear} ({100 * clear:.1f}%); missed by transform: {missed}"
    )
    print(
        f"recall, an answer as good as the planted one in the top 10 (the target's measure): "
        f"{equivalent} of {len(queries)} ({100 * equivalent / len(queries):.1f}%)"
    )
    print(f"exact queries: {exact_wrong} wrong top answers of {exact_n}")
    print(
        f"depth 2 with pairs, {len(deep)} queries: median {statistics.median(deep):.0f} ms, "
        f"max {max(deep):.0f} ms (CPU: median {statistics.median(deep_cpu):.0f} ms, "
        f"max {max(deep_cpu):.0f} ms)"
    )
    for label, ms in slow.items():
        print(f"exact search, {label}: {ms:.1f} ms")
    print(f"load average at the end: {Path('/proc/loadavg').read_text().strip()}")
    ok = med < 50 and p95 < 250 and max(deep) < 1000 and exact_wrong == 0
    ok = ok and equivalent >= 0.95 * len(queries)
    print(
        "targets (median < 50 ms, p95 < 250 ms, depth 2 < 1 s, recall >= 95% of all "
        "queries, no wrong exact):",
        "met" if ok else "MISSED",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
