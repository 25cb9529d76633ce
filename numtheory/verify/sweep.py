"""Range sweeps: cut ``start..upto`` into chunks and run them on an executor.

* :func:`iter_chunks` yields the chunks ``[lo, hi)`` lazily (a sweep to 10**12 never holds
  its chunk list); :func:`split_range` is the same as a list, for small ranges.
* :class:`~numtheory.verify._pool.LocalPool` (in ``_pool``) owns a local process pool, caps
  its size and replaces it when a worker dies (``BrokenProcessPool``); :class:`GivenExecutor`
  wraps any executor the caller owns (a Dask client's ``get_executor()``, a user's pool),
  which retries on its own.
* :func:`sweep` submits the chunks, at most a window of them at a time, records each in the
  checkpoint as it finishes and folds it into a running total, so memory stays bounded
  however long the range; the total does not depend on the number of workers or on the
  order chunks finish in.
* :func:`choose_chunk_size` (``chunk_size="auto"``) measures the executor's per-chunk overhead
  and a probe chunk, and picks a size whose overhead stays under 5% of its compute (the rule
  is in ``_sizing``); the same code for a local pool, a Dask cluster and no pool at all.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from numtheory.errors import SweepError
from numtheory.verify._pool import LocalPool, run_chunk
from numtheory.verify._sizing import (
    MAX_AUTO_CHUNK,
    PROBE_FIRST,
    InlineExecutor,
    SizeChoice,
    auto_size,
)
from numtheory.verify.checkpoint import Checkpoint
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult

__all__ = [
    "GivenExecutor",
    "LocalPool",
    "SizeChoice",
    "SweepError",
    "SweepInterrupted",
    "SweepStats",
    "choose_chunk_size",
    "chunk_count",
    "iter_chunks",
    "run_chunk",
    "run_chunks",
    "split_range",
    "sweep",
]

#: How many times a local pool is rebuilt after workers died before the sweep gives up.
MAX_POOL_RESTARTS = 3


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep. Finished chunks were saved to the checkpoint (if any).

    Attributes
    ----------
    check : str
        The check that was running.
    finished, total : int
        Chunks finished (including resumed ones) and chunks in the sweep.
    contiguous_upto : int
        Every ``n`` up to this one (included) was checked.
    checkpoint : str or None
        The checkpoint file holding the finished chunks.
    """

    def __init__(
        self, check: str, finished: int, total: int, contiguous_upto: int, checkpoint: str | None
    ) -> None:
        super().__init__(check)
        self.check = check
        self.finished = finished
        self.total = total
        self.contiguous_upto = contiguous_upto
        self.checkpoint = checkpoint


def _check_size(chunk_size: int) -> None:
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")


def iter_chunks(start: int, stop: int, chunk_size: int) -> Iterator[tuple[int, int]]:
    """Yield the chunks ``[lo, hi)`` covering ``start <= n < stop``, one at a time.

    >>> list(iter_chunks(1, 11, 4))
    [(1, 5), (5, 9), (9, 11)]
    """
    _check_size(chunk_size)
    for lo in range(start, stop, chunk_size):
        yield lo, min(lo + chunk_size, stop)


def split_range(start: int, stop: int, chunk_size: int) -> list[tuple[int, int]]:
    """:func:`iter_chunks` as a list (for small ranges only).

    >>> split_range(1, 11, 4)
    [(1, 5), (5, 9), (9, 11)]
    """
    return list(iter_chunks(start, stop, chunk_size))


def chunk_count(start: int, stop: int, chunk_size: int) -> int:
    """How many chunks :func:`iter_chunks` yields, without yielding them.

    >>> chunk_count(1, 11, 4), chunk_count(0, 10**12, 1000)
    (3, 1000000000)
    """
    _check_size(chunk_size)
    return max(0, -(-(stop - start) // chunk_size))


class GivenExecutor:
    """An executor the caller owns: used as is, never shut down or rebuilt here."""

    owned = False

    def __init__(self, executor: Executor, workers: int | None = None) -> None:
        self.executor = executor
        # A ProcessPoolExecutor or ThreadPoolExecutor knows its size (the window of chunks in
        # flight and auto sizing's chunks per worker follow it); any other executor: 8.
        known = getattr(executor, "_max_workers", None)
        self.workers = workers or (known if isinstance(known, int) and known > 0 else 8)

    def target(self, check: Check) -> tuple[Callable[..., ChunkResult], Any]:
        """``(run_chunk, check.func)``: the caller's executor pickles the check itself."""
        return run_chunk, check.func

    def get(self, needed: int | None = None, warn: Callable[[str], None] | None = None) -> Executor:
        """The caller's executor (``needed`` and ``warn``: as :meth:`LocalPool.get`, unused)."""
        return self.executor

    def renew(self) -> Executor:
        raise SweepError("the executor broke (a worker died) and it is not ours to rebuild")

    def close(self, kill: bool = False) -> None:
        return None


class _Tally:
    """The running merge of finished chunks: the same numbers as ``merge_chunks`` gives for
    the whole list, in constant memory."""

    def __init__(self) -> None:
        self.checked = 0
        self.failures = 0
        self.first: dict[str, Any] | None = None
        self.max_error: float | None = None
        self.chunks = 0
        self.seconds = 0.0

    def add(self, c: ChunkResult) -> None:
        self.checked += c.checked
        self.failures += c.failures
        if c.first_failure is not None and (
            self.first is None or int(c.first_failure["n"]) < int(self.first["n"])
        ):
            self.first = c.first_failure
        if c.max_error is not None and (self.max_error is None or c.max_error > self.max_error):
            self.max_error = c.max_error
        self.chunks += 1
        self.seconds += c.seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "failures": self.failures,
            "first_counterexample": self.first,
            "max_error": self.max_error,
            "chunks": self.chunks,
            "chunk_seconds": round(self.seconds, 6),
        }


class _Frontier:
    """Every ``n`` below :attr:`lo` is done; finished chunks beyond it wait in a small set
    (at most the chunks in flight, plus resumed ones)."""

    def __init__(self, start: int, stop: int, size: int, resumed: set[int]) -> None:
        self.lo, self.stop, self.size = start, stop, size
        self.ahead = set(resumed)
        self.advance()

    def advance(self) -> None:
        while self.lo in self.ahead:
            self.ahead.discard(self.lo)
            self.lo = min(self.lo + self.size, self.stop)

    def add(self, lo: int) -> None:
        self.ahead.add(lo)
        self.advance()


@dataclass
class SweepStats:
    """How a sweep went: chunk counts, the restarts it needed, the merged evidence.

    ``merged`` has the keys of :func:`~numtheory.verify.result.merge_chunks`. (The time a
    check took is measured once, by the runner: ``CheckResult.seconds``.)
    """

    chunks: int = 0
    resumed: int = 0
    computed: int = 0
    restarts: int = 0
    merged: dict[str, Any] = field(default_factory=dict)


class _Progress:
    """A tqdm bar on stderr, or nothing. It starts no thread: the workers are forked at the
    first submit, after the bar exists, and a fork with tqdm's monitor thread alive could
    copy a lock that thread holds."""

    def __init__(self, enabled: bool, name: str, total: int, initial: int) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            # monitor_interval is a class attribute; 0 means no "tqdm_monitor" thread (it
            # only forces redraws of bars that wait long between updates).
            quiet = type("_QuietTqdm", (tqdm,), {"monitor_interval": 0})
            self.bar = quiet(
                total=total, initial=initial, desc=name, unit="n", unit_scale=True,
                file=sys.stderr, leave=False, dynamic_ncols=True,
            )  # fmt: skip

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def sweep(
    check: Check,
    params: dict[str, Any],
    *,
    pool: LocalPool | GivenExecutor | None,
    chunk_size: int | SizeChoice,
    checkpoint: Checkpoint | None = None,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    timings: dict[str, float] | None = None,
) -> SweepStats:
    """Run every chunk of ``check`` over ``params["start"]..params["upto"]``.

    Parameters
    ----------
    check : Check
        A range check.
    params : dict
        Its parameters, ``start`` and ``upto`` included.
    pool : LocalPool, GivenExecutor or None
        Where chunks run; ``None`` runs them one by one in this process.
    chunk_size : int or SizeChoice
        Numbers per chunk, or the :class:`SizeChoice` of :func:`choose_chunk_size` (made
        before the checkpoint is opened: its chunk grid depends on the size).
    checkpoint : Checkpoint, optional
        Finished chunks found there are not recomputed; new ones are added as they finish.
    progress : bool
        Show a tqdm progress bar on stderr.
    log : callable, optional
        Receives warnings (a worker died and chunks are rerun, workers capped...).
    clock : callable
        Seconds, for ``timings``.
    timings : dict, optional
        Receives ``"record_seconds"``: the time this process spent recording finished chunks
        (the running total, the checkpoint, the progress bar), a per-chunk overhead too.

    Raises
    ------
    SweepInterrupted
        On Ctrl-C, after saving the finished chunks.
    SweepError
        When workers keep dying.
    """
    start, stop = int(params["start"]), int(params["upto"]) + 1
    if isinstance(chunk_size, SizeChoice):
        chunk_size = chunk_size.size
    total = chunk_count(start, stop, chunk_size)

    def valid(c: ChunkResult) -> bool:  # a chunk of this very split of the range
        return (
            start <= c.lo < stop
            and (c.lo - start) % chunk_size == 0
            and c.hi == min(c.lo + chunk_size, stop)
        )

    saved = checkpoint.done(check.name) if checkpoint else {}
    resumed = {lo: c for lo, c in saved.items() if valid(c)}
    stats = SweepStats(chunks=total, resumed=len(resumed))
    spent = timings if timings is not None else {}
    spent["record_seconds"] = 0.0
    tally = _Tally()
    for c in resumed.values():
        tally.add(c)
    frontier = _Frontier(start, stop, chunk_size, set(resumed))
    chunk_params = {k: v for k, v in params.items() if k not in ("start", "upto")}
    todo = (c for c in iter_chunks(start, stop, chunk_size) if c[0] not in resumed)
    left = total - len(resumed)
    warn = log or (lambda message: print(f"numtheory: warning: {message}", file=sys.stderr))
    if pool is not None and left:
        pool.get(left, warn)  # the cap's warning before the bar
    bar = _Progress(progress, check.name, stop - start, sum(c.hi - c.lo for c in resumed.values()))

    def record(result: ChunkResult) -> None:
        began = clock()
        tally.add(result)
        frontier.add(result.lo)
        stats.computed += 1
        if checkpoint is not None:
            checkpoint.add(check.name, result)
        bar.update(result.hi - result.lo)
        spent["record_seconds"] += clock() - began

    try:
        run_chunks(check, chunk_params, pool, todo, left, record, stats, warn)
    except KeyboardInterrupt:
        if checkpoint is not None:
            checkpoint.flush()  # first: a second Ctrl-C while the pool stops loses nothing
        bar.close()
        if pool is not None and pool.owned:
            pool.close(kill=True)
        raise SweepInterrupted(
            check.name,
            tally.chunks,
            total,
            frontier.lo - 1,
            str(checkpoint.path) if checkpoint else None,
        ) from None
    finally:
        bar.close()
        if checkpoint is not None:
            checkpoint.flush()  # also when a chunk raised: keep what finished
    stats.merged = tally.as_dict()
    return stats


def choose_chunk_size(
    check: Check,
    params: dict[str, Any],
    pool: LocalPool | GivenExecutor | None,
    *,
    clock: Callable[[], float] = time.perf_counter,
    log: Callable[[str], None] | None = None,
) -> SizeChoice:
    """Measure where ``check``'s chunks will run and pick their size (see ``_sizing``).

    Empty tasks carrying the check's payload time the per-chunk overhead on ``pool``'s
    executor (this process when ``pool`` is ``None``), a probe chunk at ``params["start"]``
    times one ``n``, and the size keeps the overhead under 5% of a chunk's compute (and the
    compute at 0.1 s or more), with at least 4 chunks per worker and at most
    ``MAX_AUTO_CHUNK`` numbers. If measuring fails (the
    check raises, a worker dies) the check's own size is used: the sweep then meets the same
    failure and reports it as usual.

    Examples
    --------
    >>> from numtheory.verify import get_check
    >>> params = {"start": 0, "upto": 99, "primes": (2,)}
    >>> choice = choose_chunk_size(get_check("kummer"), params, None)
    >>> 1 <= choice.size <= 25, choice.workers  # 100 numbers, one worker: 4 chunks at least
    (True, 1)
    """
    start, stop = int(params["start"]), int(params["upto"]) + 1
    chunk_params = {k: v for k, v in params.items() if k not in ("start", "upto")}
    # Never more workers than numbers: a pool started here for a tiny range stays tiny.
    workers = 1 if pool is None else max(1, min(pool.workers, stop - start))
    warn = log or (lambda message: print(f"numtheory: warning: {message}", file=sys.stderr))
    try:
        if pool is None:
            executor: Executor = InlineExecutor()
            func, target = run_chunk, check.func
        else:
            executor = pool.get(workers, warn)
            func, target = pool.target(check)
        return auto_size(
            executor, func, target, check.kind, start, stop, chunk_params, workers, PROBE_FIRST,
            clock=clock, max_size=check.max_chunk or MAX_AUTO_CHUNK,
        )  # fmt: skip
    except Exception as exc:
        if isinstance(exc, BrokenProcessPool) and pool is not None and pool.owned:
            pool.renew()
        warn(
            f"{check.name}: could not measure a chunk size ({type(exc).__name__}: {exc}); "
            f"using its own, {check.chunk_size} per chunk"
        )
        return SizeChoice(
            size=max(1, check.chunk_size), bound="fallback", workers=workers,
            total=max(0, stop - start), latency=0.0, burst=0.0, overhead=0.0, seconds_per_n=0.0,
            probe_n=0, probe_seconds=0.0,
        )  # fmt: skip


def run_chunks(
    check: Check,
    chunk_params: dict[str, Any],
    pool: LocalPool | GivenExecutor | None,
    todo: Iterator[tuple[int, int]],
    left: int,
    record: Callable[[ChunkResult], None],
    stats: SweepStats,
    warn: Callable[[str], None],
    failed: Callable[[tuple[int, int], Exception], None] | None = None,
) -> None:
    """Run the ``left`` chunks of ``todo`` on ``pool`` (``None``: one by one in this process),
    passing each result to ``record`` as it finishes, in any order.

    A chunk that raises ends the run, unless ``failed`` is given: it then receives the chunk
    and the exception, and the run goes on (the audit reports it as a finding). A worker's
    death reruns its chunks in a fresh pool (``stats.restarts``). On Ctrl-C the caller closes
    its own pool (``pool.close(kill=True)``), after saving what it must.
    """
    if pool is not None:
        _submit_and_collect(check, chunk_params, pool, todo, left, record, stats, warn, failed)
        return
    for lo, hi in todo:
        try:
            result = run_chunk(check.func, check.kind, lo, hi, chunk_params)
        except Exception as exc:
            if failed is None:
                raise
            failed((lo, hi), exc)
            continue
        record(result)


def _submit_and_collect(
    check: Check,
    chunk_params: dict[str, Any],
    pool: LocalPool | GivenExecutor,
    todo: Iterator[tuple[int, int]],
    left: int,
    record: Callable[[ChunkResult], None],
    stats: SweepStats,
    warn: Callable[[str], None],
    failed: Callable[[tuple[int, int], Exception], None] | None,
) -> None:
    """Keep a window of chunks in flight on ``pool``, recording each as it finishes.

    Chunks are drawn from ``todo`` only as the window has room, so at most the window's
    worth exist at once; chunks lost with a dead worker go to ``retry`` and run first.
    """
    inflight: dict[Future[ChunkResult], tuple[int, int]] = {}
    retry: deque[tuple[int, int]] = deque()
    executor = pool.get(left, warn)
    func, target = pool.target(check)
    window = max(4 * pool.workers, 8)

    def next_chunk() -> tuple[int, int] | None:
        return retry.popleft() if retry else next(todo, None)

    try:
        while True:
            while len(inflight) < window:
                chunk = next_chunk()
                if chunk is None:
                    break
                try:
                    future = executor.submit(func, target, check.kind, *chunk, chunk_params)
                except BrokenProcessPool:
                    retry.appendleft(chunk)
                    _recover(pool, inflight, retry, record, stats, warn)
                    executor = pool.get()
                    continue
                inflight[future] = chunk
            if not inflight:
                return
            finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as exc:
                    if failed is None:
                        raise
                    failed(inflight.pop(future), exc)
                    continue
                del inflight[future]
                record(result)
            if broken:
                _recover(pool, inflight, retry, record, stats, warn)
                executor = pool.get()
    except BaseException:
        # Ctrl-C, or a chunk that raised: do not leave the rest running on an executor we
        # may not own (a Dask cluster, the caller's pool). Our own pool is closed by its owner
        # (killed at Ctrl-C), which must find its futures uncancelled (LocalPool.close).
        if not pool.owned:
            for future in inflight:
                future.cancel()
        raise


def _recover(
    pool: LocalPool | GivenExecutor,
    inflight: dict[Future[ChunkResult], tuple[int, int]],
    retry: deque[tuple[int, int]],
    record: Callable[[ChunkResult], None],
    stats: SweepStats,
    warn: Callable[[str], None],
) -> None:
    """A worker died: keep the chunks that finished, requeue the lost ones in a fresh pool."""
    wait(inflight, timeout=30)
    lost = []
    for future, chunk in inflight.items():
        if future.done() and not future.cancelled() and future.exception() is None:
            record(future.result())
        else:
            lost.append(chunk)
    inflight.clear()
    stats.restarts += 1
    if not pool.owned or stats.restarts > MAX_POOL_RESTARTS:
        raise SweepError(
            f"worker processes died {stats.restarts} time(s) (BrokenProcessPool); giving up"
        )
    lost_text = ", ".join(f"[{lo}, {hi})" for lo, hi in sorted(lost)[:5])
    more = f" and {len(lost) - 5} more" if len(lost) > 5 else ""
    size = pool.size if isinstance(pool, LocalPool) else pool.workers
    warn(
        f"a worker process died (BrokenProcessPool); rerunning {len(lost)} unfinished "
        f"chunk(s) {lost_text}{more} in a fresh pool of {size} workers"
    )
    pool.renew()
    retry.extendleft(sorted(lost, reverse=True))
