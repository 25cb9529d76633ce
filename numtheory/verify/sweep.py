"""Range sweeps: split ``start..upto`` into chunks and run them on an executor.

* :func:`split_range` cuts the range into chunks of ``chunk_size`` (the last may be shorter).
* :func:`run_chunk` is the top-level (picklable) function a worker runs for one chunk.
* :class:`LocalPool` owns a :class:`~concurrent.futures.ProcessPoolExecutor` and replaces it
  when a worker dies (``BrokenProcessPool``); :class:`GivenExecutor` wraps any executor the
  caller owns (a Dask client's ``get_executor()``, a user's pool), which retries on its own.
* :func:`sweep` submits the chunks, at most ``window`` at a time, collects them as they finish,
  records each in the checkpoint, and returns them; the caller merges them in chunk order, so
  the answer does not depend on the number of workers or on the order chunks finish in.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from numtheory.errors import SweepError
from numtheory.verify.checkpoint import Checkpoint
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult

__all__ = [
    "GivenExecutor",
    "LocalPool",
    "SweepError",
    "SweepInterrupted",
    "SweepStats",
    "run_chunk",
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


def split_range(start: int, stop: int, chunk_size: int) -> list[tuple[int, int]]:
    """Chunks ``[lo, hi)`` covering ``start <= n < stop``.

    >>> split_range(1, 11, 4)
    [(1, 5), (5, 9), (9, 11)]
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")
    return [(lo, min(lo + chunk_size, stop)) for lo in range(start, stop, chunk_size)]


def run_chunk(
    func: Callable[..., Any], kind: str, lo: int, hi: int, params: dict[str, Any]
) -> ChunkResult:
    """Run one chunk of a range check (in a worker); returns its :class:`ChunkResult`."""
    began = time.perf_counter()
    if kind == "predicate":
        result = ChunkResult(lo, hi)
        for n in range(lo, hi):
            out = func(n, **params)
            ok, evidence = out if isinstance(out, tuple) else (out, {})
            result.checked += 1
            if not ok:
                result.fail(n, **dict(evidence))
    else:
        result = func(lo, hi, **params)
        if not isinstance(result, ChunkResult):
            raise TypeError(
                f"{func.__qualname__} returned {type(result).__name__}, not ChunkResult"
            )
    result.seconds = time.perf_counter() - began
    return result


def _ignore_sigint() -> None:
    """Pool initializer: Ctrl-C goes to the parent, which stops the sweep cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalPool:
    """A process pool of ``workers`` processes, created on first use, rebuilt when broken."""

    owned = True

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def get(self) -> Executor:
        if self._pool is None:
            # fork is fastest and lets checks defined in a notebook or script run in the
            # workers; with other threads alive (a Dask client, a GUI) it could deadlock a
            # child, so use forkserver then (checks must then live in importable modules).
            methods = multiprocessing.get_all_start_methods()
            method = None
            if "fork" in methods:
                method = "fork" if threading.active_count() == 1 else "forkserver"
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_ignore_sigint,
            )
        return self._pool

    def renew(self) -> Executor:
        self.close(kill=True)
        return self.get()

    def close(self, kill: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # Private but stable since 3.8: stop running chunks now instead of waiting.
            for proc in list(getattr(pool, "_processes", {}).values()):
                if proc.is_alive():
                    proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


class GivenExecutor:
    """An executor the caller owns: used as is, never shut down or rebuilt here."""

    owned = False

    def __init__(self, executor: Executor, workers: int | None = None) -> None:
        self.executor = executor
        self.workers = workers or 8

    def get(self) -> Executor:
        return self.executor

    def renew(self) -> Executor:
        raise SweepError("the executor broke (a worker died) and it is not ours to rebuild")

    def close(self, kill: bool = False) -> None:
        return None


@dataclass
class SweepStats:
    """How a sweep went: chunk counts, wall time, and the restarts it needed."""

    chunks: int = 0
    resumed: int = 0
    computed: int = 0
    restarts: int = 0
    wall_seconds: float = 0.0
    results: list[ChunkResult] = field(default_factory=list)


def _contiguous_upto(
    start: int, done: dict[int, ChunkResult], chunks: list[tuple[int, int]]
) -> int:
    reached = start - 1
    for lo, hi in chunks:
        if lo not in done:
            break
        reached = hi - 1
    return reached


class _Progress:
    def __init__(self, enabled: bool, name: str, total: int, initial: int) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(
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
    chunk_size: int,
    checkpoint: Checkpoint | None = None,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
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
    chunk_size : int
        Numbers per chunk.
    checkpoint : Checkpoint, optional
        Finished chunks found there are not recomputed; new ones are added as they finish.
    progress : bool
        Show a tqdm progress bar on stderr.
    log : callable, optional
        Receives warnings (a worker died and chunks are rerun...).

    Raises
    ------
    SweepInterrupted
        On Ctrl-C, after saving the finished chunks.
    SweepError
        When workers keep dying.
    """
    began = time.perf_counter()
    start, stop = int(params["start"]), int(params["upto"]) + 1
    chunks = split_range(start, stop, chunk_size)
    valid = set(chunks)
    done = {
        lo: c
        for lo, c in (checkpoint.done(check.name) if checkpoint else {}).items()
        if (c.lo, c.hi) in valid
    }
    stats = SweepStats(chunks=len(chunks), resumed=len(done))
    chunk_params = {k: v for k, v in params.items() if k not in ("start", "upto")}
    todo = deque(c for c in chunks if c[0] not in done)
    if pool is not None and todo:
        pool.get()  # start a local pool before tqdm starts its monitor thread: fork stays safe
    bar = _Progress(progress, check.name, stop - start, sum(c.hi - c.lo for c in done.values()))
    warn = log or (lambda message: print(f"numtheory: warning: {message}", file=sys.stderr))

    def record(result: ChunkResult) -> None:
        done[result.lo] = result
        stats.computed += 1
        if checkpoint is not None:
            checkpoint.add(check.name, result)
        bar.update(result.hi - result.lo)

    try:
        if pool is None:
            while todo:
                lo, hi = todo.popleft()
                record(run_chunk(check.func, check.kind, lo, hi, chunk_params))
        else:
            _submit_and_collect(check, chunk_params, pool, todo, record, stats, warn)
    except KeyboardInterrupt:
        if checkpoint is not None:
            checkpoint.flush()  # first: a second Ctrl-C while the pool stops loses nothing
        bar.close()
        if pool is not None and pool.owned:
            pool.close(kill=True)
        raise SweepInterrupted(
            check.name,
            len(done),
            len(chunks),
            _contiguous_upto(start, done, chunks),
            str(checkpoint.path) if checkpoint else None,
        ) from None
    finally:
        bar.close()
        if checkpoint is not None:
            checkpoint.flush()  # also when a chunk raised: keep what finished
    stats.results = [done[lo] for lo, _ in chunks]
    stats.wall_seconds = time.perf_counter() - began
    return stats


def _submit_and_collect(
    check: Check,
    chunk_params: dict[str, Any],
    pool: LocalPool | GivenExecutor,
    todo: deque[tuple[int, int]],
    record: Callable[[ChunkResult], None],
    stats: SweepStats,
    warn: Callable[[str], None],
) -> None:
    """Keep a window of chunks in flight on ``pool``, recording each as it finishes."""
    inflight: dict[Future[ChunkResult], tuple[int, int]] = {}
    executor = pool.get()
    window = max(4 * pool.workers, 8)
    try:
        while todo or inflight:
            while todo and len(inflight) < window:
                lo, hi = todo.popleft()
                try:
                    future = executor.submit(
                        run_chunk, check.func, check.kind, lo, hi, chunk_params
                    )
                except BrokenProcessPool:
                    todo.appendleft((lo, hi))
                    _recover(pool, inflight, todo, record, stats, warn)
                    executor = pool.get()
                    continue
                inflight[future] = (lo, hi)
            finished, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                del inflight[future]
                record(result)
            if broken:
                _recover(pool, inflight, todo, record, stats, warn)
                executor = pool.get()
    except BaseException:
        # Ctrl-C, or a chunk that raised: do not leave the rest running on an executor we
        # may not own (a Dask cluster, the caller's pool).
        for future in inflight:
            future.cancel()
        raise


def _recover(
    pool: LocalPool | GivenExecutor,
    inflight: dict[Future[ChunkResult], tuple[int, int]],
    todo: deque[tuple[int, int]],
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
    warn(
        f"a worker process died (BrokenProcessPool); rerunning {len(lost)} unfinished "
        f"chunk(s) {lost_text}{more} in a fresh pool of {pool.workers} workers"
    )
    pool.renew()
    todo.extendleft(sorted(lost, reverse=True))
