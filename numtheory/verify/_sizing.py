"""How many ``n`` per chunk: measured, so that per-chunk overhead stays a small share of the work.

A chunk costs a fixed overhead (submitting it, scheduling it, pickling the check and its
result, collecting the result, recording it in the checkpoint) plus its compute, ``size`` times
the cost of one ``n``. The overhead is measured two ways on the very executor the sweep uses,
with an empty task carrying the same payload as a real chunk:

* **latency**: the median round trip of one empty task at a time (what a worker waits between
  two chunks when nothing else is queued);
* **burst**: the wall time of a burst of empty tasks divided by their number, times the
  number of workers (the central, serial cost: a scheduler or a client that handles tasks one
  after another makes every worker wait for its turn; Dask documents about 1 ms per task).

The overhead per chunk is the larger of the two. A probe chunk at the start of the range
(from one ``n``, grown until it runs :data:`PROBE_SECONDS`, and never more than
1/:data:`PROBE_SHARE` of the range) gives the cost of one ``n`` as measured inside a
worker. Then :func:`choose_size` picks

    size >= margin * overhead / (max_overhead * seconds_per_n)

(overhead under ``max_overhead / margin`` of each chunk's compute: the margin absorbs a run
that goes faster than its probe) and at least :data:`MIN_CHUNK_SECONDS` of compute, capped
so that every worker still gets :data:`CHUNKS_PER_WORKER` chunks (balance at the end of the
range) and at :data:`MAX_AUTO_CHUNK` numbers (memory: a vectorised chunk holds a few arrays
of its size). The cost of ``n`` usually grows with ``n``; probing at the start errs towards
larger chunks, the side where the overhead bound still holds.

The clock that times the round trips is a parameter, so the rule is tested with a fake
executor and a fake clock, deterministically. Results never depend on the size chosen; only
a checkpoint's chunk grid does, so a resumed run reuses the size its file records
(:func:`recorded_chunk_sizes`).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import statistics
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from numtheory.verify.result import ChunkResult

__all__ = [
    "AUTO",
    "CHUNKS_PER_WORKER",
    "MARGIN",
    "MAX_AUTO_CHUNK",
    "MAX_OVERHEAD",
    "MIN_CHUNK_SECONDS",
    "PROBE_FIRST",
    "InlineExecutor",
    "Overhead",
    "SizeChoice",
    "auto_size",
    "choose_size",
    "empty_task",
    "measure_overhead",
    "probe_cost",
    "recorded_chunk_sizes",
]

#: The value of ``chunk_size`` that asks for a measured size.
AUTO = "auto"

#: Per-chunk overhead allowed, as a share of the chunk's compute.
MAX_OVERHEAD = 0.05

#: Aim this many times below :data:`MAX_OVERHEAD` (a probe is a few chunks' worth of timing).
MARGIN = 2.0

#: A chunk computes for at least this long, whatever the overhead measured: on a loaded machine
#: the process feeding the workers is descheduled for tens of milliseconds at a time, which an
#: empty round trip does not see (measured here at load 9 on 2 cores: 5 ms chunks on 2 local
#: workers kept them busy 49% of the time).
MIN_CHUNK_SECONDS = 0.1

#: At least this many chunks per worker, so the last chunks to finish leave little idle time.
CHUNKS_PER_WORKER = 4

#: The largest chunk auto sizing picks: a vectorised check holds a few int64 arrays per chunk
#: (about 40 bytes per n, so about 80 MB at this size), and a chunk lost with a dead worker
#: or at Ctrl-C costs at most this much work again.
MAX_AUTO_CHUNK = 2**21

#: A probe chunk grows until it computes this long (timer noise and a loaded core's time
#: slices are small against it).
PROBE_SECONDS = 0.05

#: The first probe chunk has this many numbers: one, because nothing is known yet about the
#: cost of an ``n`` (a check declaring 1000 per chunk at a second per ``n`` would otherwise
#: probe for 1000 s). Growing from one costs a few more round trips on a cheap check (about 6
#: instead of 3) and bounds the probe at one ``n`` or about 16 * :data:`PROBE_SECONDS`.
PROBE_FIRST = 1

#: A probe never covers more than this fraction of the range (1/50: at most 2% extra work).
PROBE_SHARE = 50

#: Empty round trips timed one at a time (their median is the latency).
LATENCY_REPEATS = 5

Clock = Callable[[], float]


def empty_task(target: Any, kind: str, lo: int, hi: int, params: dict[str, Any]) -> ChunkResult:
    """A chunk that does nothing: the same arguments and result type as a real one.

    Submitted with the check's own payload, it costs everything a chunk costs but the compute.

    >>> done = empty_task(None, "chunk", 10, 99, {})
    >>> (done.lo, done.hi, done.checked)  # an empty chunk at lo: nothing checked
    (10, 10, 0)
    """
    return ChunkResult(lo, lo)


class InlineExecutor(Executor):
    """Runs each task at once in this process (the sweep without a pool, ``workers=1``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@dataclass(frozen=True)
class Overhead:
    """Seconds per chunk that are not compute: ``latency`` (one empty task's round trip,
    median) and ``burst`` (wall time of a burst of empty tasks per task)."""

    latency: float
    burst: float

    def per_chunk(self, workers: int) -> float:
        """The overhead a chunk costs a worker: ``max(latency, workers * burst)``.

        >>> Overhead(latency=0.003, burst=0.001).per_chunk(2)
        0.003
        >>> round(Overhead(latency=0.003, burst=0.001).per_chunk(100), 6)
        0.1
        """
        return max(self.latency, workers * self.burst)


@dataclass(frozen=True)
class SizeChoice:
    """A chunk size and what it rests on.

    ``bound`` names the limit that decided it: ``"overhead"`` (the overhead rule),
    ``"min-time"`` (:data:`MIN_CHUNK_SECONDS` of compute), ``"balance"`` (chunks per worker),
    ``"memory"`` (:data:`MAX_AUTO_CHUNK`), ``"fallback"`` (measuring failed; the check's own
    size).
    """

    size: int
    bound: str
    workers: int
    total: int
    latency: float
    burst: float
    overhead: float
    seconds_per_n: float
    probe_n: int
    probe_seconds: float
    max_overhead: float = MAX_OVERHEAD
    margin: float = MARGIN

    def to_json(self) -> dict[str, Any]:
        """The fields as a dict (for a report's ``detail``): floats unrounded, so that the
        size can be recomputed from them exactly."""
        return asdict(self)


def choose_size(
    total: int,
    workers: int,
    seconds_per_n: float,
    overhead: float,
    *,
    max_overhead: float = MAX_OVERHEAD,
    margin: float = MARGIN,
    min_seconds: float = MIN_CHUNK_SECONDS,
    chunks_per_worker: int = CHUNKS_PER_WORKER,
    max_size: int = MAX_AUTO_CHUNK,
) -> tuple[int, str]:
    """The chunk size for ``total`` numbers on ``workers``, and the bound that decided it.

    The overhead rule asks for ``size * seconds_per_n >= margin * overhead / max_overhead``
    and at least ``min_seconds`` of compute (bound ``"min-time"`` when that is the larger);
    the size is then capped at ``total // (chunks_per_worker * workers)`` (at least that many
    chunks, to balance the workers) and at ``max_size``, and is at least 1.

    Examples
    --------
    3 ms of overhead per chunk, 0.2 us per n (5 million n/s): 2 * 0.003 / 0.05 = 0.12 s of
    compute per chunk, 600,000 n, when the range is long enough:

    >>> choose_size(10**9, 2, 2e-7, 0.003)
    (600000, 'overhead')
    >>> choose_size(10**9, 2, 2e-7, 0.0003)  # 12 ms would do; 0.1 s at least
    (500000, 'min-time')
    >>> choose_size(10**6, 2, 2e-7, 0.003)  # 8 chunks at least: the balance cap wins
    (125000, 'balance')
    >>> choose_size(10**12, 2, 1e-9, 0.003)  # a very cheap n: the memory cap
    (2097152, 'memory')
    """
    if total < 1 or workers < 1:
        return 1, "balance"
    bound = "overhead"
    if seconds_per_n > 0:
        # (1 - 1e-12): 0.1 / 2e-7 is 500000.00000000006 in floats, and means 500,000.
        wanted = math.ceil(margin * overhead / (max_overhead * seconds_per_n) * (1 - 1e-12))
        floor = math.ceil(min_seconds / seconds_per_n * (1 - 1e-12))
        if floor > wanted:
            wanted, bound = floor, "min-time"
    else:  # nothing measurable per n: as large as the caps allow
        wanted = max_size
    balance = max(1, total // (chunks_per_worker * workers))
    size = max(1, wanted)
    if size > max_size:
        size, bound = max_size, "memory"
    if size > balance:
        size, bound = balance, "balance"
    return max(1, size), bound


def measure_overhead(
    executor: Executor,
    target: Any,
    kind: str,
    lo: int,
    params: dict[str, Any],
    workers: int,
    *,
    clock: Clock,
    repeats: int = LATENCY_REPEATS,
) -> Overhead:
    """Time empty tasks carrying the check's payload ``target`` on ``executor``.

    A first round of ``workers`` tasks starts the workers (and loads the check there) and is
    not timed; then ``repeats`` tasks one at a time (the median is the latency) and a burst of
    ``CHUNKS_PER_WORKER * workers`` tasks at once (its wall time per task is the burst cost).
    """
    # Every empty task is a distinct call (its ``hi`` a serial number; empty_task ignores it):
    # an executor that deduplicates identical calls, as a Dask client's does with pure=True
    # (the default of ``client.get_executor()``), would run one task for the whole burst.
    serial = itertools.count(lo)

    def submit() -> Future[ChunkResult]:
        return executor.submit(empty_task, target, kind, lo, next(serial), params)

    warm = [submit() for _ in range(workers)]
    for future in warm:
        future.result()
    trips = []
    for _ in range(max(1, repeats)):
        began = clock()
        submit().result()
        trips.append(clock() - began)
    burst = max(2, CHUNKS_PER_WORKER * workers)
    began = clock()
    futures = [submit() for _ in range(burst)]
    for future in futures:
        future.result()
    elapsed = clock() - began
    return Overhead(latency=max(0.0, statistics.median(trips)), burst=max(0.0, elapsed / burst))


def probe_cost(
    executor: Executor,
    func: Callable[..., ChunkResult],
    target: Any,
    kind: str,
    start: int,
    total: int,
    params: dict[str, Any],
    first: int,
    *,
    probe_seconds: float = PROBE_SECONDS,
    share: int = PROBE_SHARE,
) -> tuple[int, float]:
    """``(n, seconds)`` of the last probe chunk ``[start, start + n)``, timed in the worker.

    The probe starts at ``first`` numbers and grows (at most 16x a step) until it computes
    for ``probe_seconds``, or reaches ``total // share`` numbers. Every step but the last
    computes for less than ``probe_seconds``, and the last for at most 16 times the one
    before it (or the first step's time): from ``first = 1`` the probe costs at most one
    ``n`` or about ``16 * probe_seconds``, however slow the check.

    >>> from numtheory.verify._pool import run_chunk
    >>> n, seconds = probe_cost(InlineExecutor(), run_chunk, lambda n: True, "predicate",
    ...                         0, 5000, {}, 1)
    >>> n <= 5000 // PROBE_SHARE  # at most 1/50 of the range, however cheap the check
    True
    """
    budget = max(1, total // share)
    size = max(1, min(first, budget))
    while True:
        result = executor.submit(func, target, kind, start, start + size, params).result()
        seconds = float(result.seconds)
        if seconds >= probe_seconds or size >= budget:
            return size, seconds
        grow = 16 if seconds <= 0 else min(16, math.ceil(1.25 * probe_seconds / seconds))
        size = min(budget, size * max(2, grow))


def auto_size(
    executor: Executor,
    func: Callable[..., ChunkResult],
    target: Any,
    kind: str,
    start: int,
    stop: int,
    params: dict[str, Any],
    workers: int,
    first: int,
    *,
    clock: Clock,
    max_size: int = MAX_AUTO_CHUNK,
) -> SizeChoice:
    """Measure the overhead and a probe chunk on ``executor``, then :func:`choose_size`."""
    total = max(0, stop - start)
    cost = measure_overhead(executor, target, kind, start, params, workers, clock=clock)
    probe_n, probe_s = probe_cost(executor, func, target, kind, start, total, params, first)
    per_n = probe_s / probe_n if probe_n else 0.0
    overhead = cost.per_chunk(workers)
    size, bound = choose_size(total, workers, per_n, overhead, max_size=max_size)
    return SizeChoice(
        size=size, bound=bound, workers=workers, total=total, latency=cost.latency,
        burst=cost.burst, overhead=overhead, seconds_per_n=per_n, probe_n=probe_n,
        probe_seconds=probe_s,
    )  # fmt: skip


#: A checkpoint larger than this is not peeked at for its chunk sizes (the Checkpoint class
#: applies its own, exact, limit when it reads the file).
_PEEK_BYTES = 256 * 2**20


def recorded_chunk_sizes(path: str | os.PathLike[str]) -> dict[str, int]:
    """The chunk size each check has in the checkpoint at ``path`` (``{}`` if none is readable).

    Only a peek: the file is validated by :class:`~numtheory.verify.checkpoint.Checkpoint`,
    which refuses it if anything is wrong. A resumed auto-sized run must reuse the recorded
    grid, or none of its chunks would fit.

    >>> recorded_chunk_sizes("no-such-checkpoint.json")
    {}
    """
    file = Path(path)
    try:
        if not file.is_file() or file.stat().st_size > _PEEK_BYTES:
            return {}
        data = json.loads(file.read_text(encoding="utf-8"))
        run = data["run"]["checks"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return {}
    sizes = {}
    if isinstance(run, Mapping):
        for name, item in run.items():
            size = item.get("chunk_size") if isinstance(item, Mapping) else None
            if type(size) is int and size >= 1:
                sizes[str(name)] = size
    return sizes
