"""Benchmark the OEIS mirror on a synthetic dump shaped like the real one.

Generates ``stripped.gz`` and ``names.gz`` in the real format with a seeded RNG (about 400,000
sequences by default; ``--quick`` makes 40,000), builds the mirror index from them, and prints
the build time, the size on disk, and the latency of 6-term subsequence queries drawn from the
data (median and p95, with the mirror open, as a script doing many look-ups would have it).

The synthetic data imitates the real dump's mix (figures from the real files: 82 MB of data
lines for about 400,000 sequences, about 205 characters a line, 5.4% with a negative term):
slowly growing lists and triangles read by rows, 0/1 and digit sequences with long data lines,
polynomial and exponential growth cut at about 260 characters of terms, and big terms.

Usage::

    python scripts/bench_mirror.py            # 400,000 sequences
    python scripts/bench_mirror.py --quick    # 40,000 sequences
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from numtheory.oeis.mirror import Mirror, build_mirror

WORDS = [
    "number",
    "of",
    "partitions",
    "of",
    "n",
    "into",
    "distinct",
    "parts",
    "sum",
    "primes",
    "triangle",
    "read",
    "by",
    "rows",
    "expansion",
    "of",
    "g.f.",
    "binary",
    "representation",
    "divisors",
    "n",
    "such",
    "that",
    "a(n)",
    "is",
    "prime",
    "permutations",
    "of",
    "length",
    "avoiding",
    "the",
    "pattern",
    "composite",
    "squarefree",
    "Fibonacci",
    "Catalan",
    "central",
    "binomial",
    "coefficient",
    "numbers",
    "k",
    "decimal",
    "expansion",
    "of",
    "constant",
    "walks",
    "on",
    "the",
    "square",
    "lattice",
    "graphs",
    "with",
    "nodes",
    "trees",
    "labeled",
    "unlabeled",
    "rooted",
    "smallest",
    "largest",
    "odd",
    "even",
    "digits",
    "in",
    "base",
    "sequence",
    "related",
    "to",
    "continued",
    "fraction",
]

DATA_CHARS = 260


def _cut(values: list[int], limit: int = DATA_CHARS) -> str:
    """Comma-framed data line of at most about ``limit`` characters (at least 3 terms)."""
    parts: list[str] = []
    length = 0
    for value in values:
        text = str(value)
        if length + len(text) + 1 > limit and len(parts) >= 3:
            break
        parts.append(text)
        length += len(text) + 1
    return "," + ",".join(parts) + ","


def _sequence(rng: random.Random) -> list[int]:
    kind = rng.random()
    n = 130
    if kind < 0.12:  # 0/1 and small digits: characteristic functions, digits of constants
        top = rng.choice((1, 1, 2, 9, 9))
        if rng.random() < 0.4:  # periodic
            period = [rng.randint(0, top) for _ in range(rng.randint(1, 6))]
            return [period[i % len(period)] for i in range(n)]
        return [rng.randint(0, top) for _ in range(n)]
    if kind < 0.35:  # triangles read by rows, arithmetic functions: small, irregular values
        scale = rng.choice((5, 20, 100, 1000))
        return [int(rng.expovariate(1 / scale) * (1 + i / 40)) for i in range(n)]
    if kind < 0.60:  # polynomial growth
        degree = rng.choice((1, 1.5, 2, 2, 3, 4))
        c = rng.uniform(0.3, 5)
        base = rng.randint(0, 10)
        return [base + int(c * i**degree) for i in range(n)]
    if kind < 0.75:  # increasing lists with random gaps ("numbers k such that ...")
        value = rng.randint(1, 50)
        gap = rng.choice((2, 5, 30, 500))
        out = []
        for _ in range(n):
            value += rng.randint(1, gap)
            out.append(value)
        return out
    # exponential growth, sometimes huge
    num, den = rng.choice(((13, 10), (8, 5), (2, 1), (27, 10), (3, 1), (5, 1), (10, 1), (30, 1)))
    if rng.random() < 0.05:
        num, den = 10**6, 1  # huge terms
    value = rng.randint(1, 3)
    out = [1] if rng.random() < 0.5 else []
    length = 0
    for i in range(n):
        out.append(value)
        length += len(str(value)) + 1
        if length > DATA_CHARS:
            break
        value = value * num // den + rng.randint(0, i + 1)
    return out


def make_dump(directory: Path, count: int, seed: int) -> tuple[Path, Path]:
    rng = random.Random(seed)
    stripped = directory / "stripped.gz"
    names = directory / "names.gz"
    header = "# Last Modified: September 29 05:00 UTC 2026\n"
    with (
        gzip.open(stripped, "wt", encoding="ascii", compresslevel=1) as s,
        gzip.open(names, "wt", encoding="utf-8", compresslevel=1) as m,
    ):
        for handle, what in ((s, "stripped"), (m, "names")):
            handle.write(f"# OEIS Sequence Data (http://oeis.org/{what}.gz)\n")
            handle.write(header)
            handle.write("# Use of this content is governed by the\n")
            handle.write("# OEIS End-User License: http://oeis.org/LICENSE\n")
        number = 0
        for _ in range(count):
            number += 1 if rng.random() < 0.999 else 2
            values = _sequence(rng)
            if rng.random() < 0.054:
                values = [v if rng.random() < 0.5 else -v for v in values]
            anum = f"A{number:06d}"
            # 60% full data lines; the rest short (finite sequences, few terms known)
            limit = DATA_CHARS if rng.random() < 0.6 else rng.randint(10, DATA_CHARS)
            s.write(f"{anum} {_cut(values, limit)}\n")
            words = rng.choices(WORDS, k=rng.randint(3, 28))
            m.write(f"{anum} {' '.join(words).capitalize()}.\n")
    return stripped, names


def _queries(mirror: Mirror, rng: random.Random, count: int, top: int) -> list[list[int]]:
    out: list[list[int]] = []
    while len(out) < count:
        entry = mirror.get(rng.randint(1, top))
        if entry is None or len(entry.terms) < 6:
            continue
        at = rng.randint(0, len(entry.terms) - 6)
        out.append(list(entry.terms[at : at + 6]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40,000 sequences")
    parser.add_argument("--count", type=int, help="number of sequences (default 400,000)")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument(
        "--workdir", type=Path, help="keep the synthetic dump here and reuse it on later runs"
    )
    args = parser.parse_args()
    count = args.count or (40_000 if args.quick else 400_000)
    with tempfile.TemporaryDirectory(prefix="bench-mirror-") as tmp:
        directory = args.workdir or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        stamp = directory / "dump.txt"
        t0 = time.perf_counter()
        if stamp.is_file() and stamp.read_text() == f"{count} {args.seed}":
            stripped, names = directory / "stripped.gz", directory / "names.gz"
        else:
            stripped, names = make_dump(directory, count, args.seed)
            stamp.write_text(f"{count} {args.seed}")
        gen = time.perf_counter() - t0
        mib_s, mib_n = stripped.stat().st_size / 2**20, names.stat().st_size / 2**20
        print(
            f"synthetic dump: {count:,} sequences, stripped.gz {mib_s:.1f} MiB,"
            f" names.gz {mib_n:.1f} MiB (generated in {gen:.1f} s)"
        )
        with gzip.open(stripped, "rb") as handle:
            raw = sum(len(line) for line in handle)
        print(f"stripped uncompressed: {raw / 2**20:.1f} MiB, {raw / count:.0f} bytes a line")
        dest = directory / "mirror.sqlite"
        t0, c0 = time.perf_counter(), time.process_time()
        status = build_mirror(stripped, names, dest, source="synthetic")
        build = time.perf_counter() - t0
        print(f"build: {build:.1f} s wall, {time.process_time() - c0:.1f} s CPU")
        print(f"size on disk: {status.size_bytes / 2**20:.1f} MiB ({status.sequences:,} sequences)")
        rng = random.Random(args.seed + 1)
        with Mirror(dest) as mirror:
            queries = _queries(mirror, rng, args.queries, count)
            times = []
            found = 0
            for query in queries:
                t0 = time.perf_counter()
                hits = mirror.search(query, limit=10)
                times.append((time.perf_counter() - t0) * 1000)
                found += bool(hits)  # the query comes from the data: it must match somewhere
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"6-term queries ({len(times)}, limit 10): median {statistics.median(times):.2f} ms,"
            f" p95 {p95:.2f} ms, max {times[-1]:.1f} ms; {found} of {len(times)} answered"
        )
        ok = build < 60 and status.size_bytes < 200 * 2**20
        ok = ok and statistics.median(times) < 5 and p95 < 20
        print(
            "targets (build < 60 s, < 200 MiB, median < 5 ms, p95 < 20 ms):",
            "met" if ok else "MISSED",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
