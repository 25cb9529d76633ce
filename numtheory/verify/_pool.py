"""The local process pool of a sweep: how many workers, how checks reach them, and cleanup.

* **How many.** A pool never has more workers than chunks left to run, nor more than
  :data:`MAX_WORKERS_PER_CORE` per available core (CPU affinity on Linux): asking for more
  gives a warning and the capped number. Workers start when the first chunk is submitted.
* **How a check reaches the workers.** The pool forks when no other thread is alive (see
  :func:`start_method`), so a script's own checks are found by reference. With other threads
  alive (a Jupyter kernel always has some; a script may start its own) it uses
  ``forkserver``, which cannot inherit a lock another thread held, and a check the workers
  cannot import by name (defined in a notebook cell or a script, a lambda, a closure) is sent
  by value with cloudpickle. A check that cannot be pickled at all is refused with one
  :class:`~numtheory.errors.InputError` before any worker starts, saying what to do (a
  module, or ``workers=1``).
* **Cleanup.** Closing the pool never waits forever: stragglers are terminated, then killed,
  and a second Ctrl-C during cleanup kills at once. Each worker also dies with its parent: on
  Linux through ``PR_SET_PDEATHSIG`` (only for workers forked by a main thread: the signal
  follows the forking *thread*), everywhere through a watchdog thread that polls the
  parent's pid, so a ``kill -9`` of the runner leaves no worker holding its stdout.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from numtheory._validate import show
from numtheory.errors import InputError
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult

__all__ = [
    "MAX_WORKERS_PER_CORE",
    "LocalPool",
    "available_cores",
    "chunk_result",
    "run_chunk",
    "start_method",
    "worker_cap",
]

#: At most this many local worker processes per available core. Range checks are CPU-bound,
#: so more than one per core buys nothing; the margin is for checks that wait on I/O.
MAX_WORKERS_PER_CORE = 4

#: Seconds between two looks of a worker's watchdog at its parent.
WATCHDOG_INTERVAL = 0.25

#: Seconds :meth:`LocalPool.close` waits for workers to exit before terminating them.
CLOSE_GRACE = 10.0

#: Seconds the pool's workers get, all together, after a SIGTERM before a SIGKILL.
KILL_GRACE = 2.0


def available_cores() -> int:
    """Cores this process may use (CPU affinity on Linux), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def worker_cap() -> int:
    """The most local workers a pool starts: :data:`MAX_WORKERS_PER_CORE` per core."""
    return MAX_WORKERS_PER_CORE * available_cores()


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
        result = chunk_result(func(lo, hi, **params), lo, hi, func)
    result.seconds = time.perf_counter() - began
    return result


#: Keys a chunk function's plain ``dict`` result may have (see :func:`chunk_result`).
PLAIN_KEYS = ("checked", "failures", "first_counterexample", "max_error")


def chunk_result(
    value: Any, lo: int, hi: int, func: Callable[..., Any] | None = None
) -> ChunkResult:
    """What a chunk function returned for ``[lo, hi)``, as a :class:`ChunkResult`.

    A ``ChunkResult`` must be the chunk's own (``lo`` and ``hi``). Besides one, a chunk
    function may return a plain result:

    * a tuple ``(checked, failures)`` or ``(checked, failures, first_counterexample)``;
    * a dict with ``"checked"`` and optionally ``"failures"`` (default 0),
      ``"first_counterexample"`` and ``"max_error"``.

    ``checked`` and ``failures`` are integers (numpy integers too) with
    ``0 <= failures <= checked``; ``first_counterexample`` is ``None``, the failing ``n``, or a
    dict with key ``"n"`` and any evidence; it is required when ``failures > 0`` and its ``n``
    must lie in ``[lo, hi)``. numpy scalars and arrays in it become Python numbers and lists
    (JSON, checkpoints).

    Raises
    ------
    TypeError, ValueError
        Anything else, naming the function, the chunk and the bad part.

    Examples
    --------
    >>> c = chunk_result((10, 1, 7), 0, 10)
    >>> c.checked, c.failures, c.first_failure
    (10, 1, {'n': 7})
    >>> chunk_result({"checked": 10}, 0, 10).failures
    0
    >>> chunk_result((10, 1), 0, 10)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: chunk function returned (10, 1) for the chunk [0, 10): 1 failure(s) but no ...
    """
    # getattr: a functools.partial or a callable object has no __qualname__
    name = "chunk function" if func is None else getattr(func, "__qualname__", repr(func))
    if isinstance(value, ChunkResult):
        if (value.lo, value.hi) != (lo, hi):
            # Its caller files a result under its lo: one for another chunk would count
            # there twice and leave this chunk uncounted (an audit compared it with the
            # wrong entry of the record, or with none).
            raise ValueError(
                f"{name} returned a ChunkResult for [{value.lo}, {value.hi}) for the chunk "
                f"[{lo}, {hi})"
            )
        return value
    where = f"{name} returned {_excerpt(value)} for the chunk [{lo}, {hi})"
    if isinstance(value, tuple) and len(value) in (2, 3):
        fields = dict(zip(("checked", "failures", "first_counterexample"), value, strict=False))
    elif isinstance(value, dict):
        unknown = sorted(str(k) for k in value if k not in PLAIN_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {unknown}; a plain result has {PLAIN_KEYS}")
        if "checked" not in value:
            raise ValueError(f"{where}: a plain result needs 'checked'")
        fields = dict(value)
    else:
        raise TypeError(
            f"{name} returned {type(value).__name__}, not ChunkResult or a plain result (a "
            "tuple (checked, failures[, first_counterexample]) or a dict with 'checked'): "
            f"{_excerpt(value)} for the chunk [{lo}, {hi})"
        )
    checked = _count(fields["checked"], "checked", where)
    failures = _count(fields.get("failures", 0), "failures", where)
    if failures > checked:
        raise ValueError(f"{where}: failures = {failures} is more than checked = {checked}")
    first = _first(fields.get("first_counterexample"), lo, hi, where)
    if failures and first is None:
        raise ValueError(
            f"{where}: {failures} failure(s) but no first counterexample; return "
            "(checked, failures, n) or a dict with 'first_counterexample'"
        )
    if first is not None and not failures:
        raise ValueError(f"{where}: a first counterexample but failures = 0")
    max_error = fields.get("max_error")
    if max_error is not None:
        if isinstance(max_error, bool) or not isinstance(_plain(max_error), (int, float)):
            raise TypeError(f"{where}: max_error must be a number, got {max_error!r}")
        max_error = float(max_error)
    return ChunkResult(lo, hi, checked, failures, first, max_error)


def _excerpt(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:60] + " ... " + text[-10:]


def _count(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{where}: {key} must be an integer, got {value!r}")
    count = int(value.__index__())
    if count < 0:
        raise ValueError(f"{where}: {key} must be >= 0, got {count}")
    return count


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds, a numpy array as a (nested) list of them
    (JSON reports and checkpoints take only those); anything else unchanged."""
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        return value.tolist()
    return value


def _first(value: Any, lo: int, hi: int, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    evidence = dict(value) if isinstance(value, dict) else {"n": value}
    if "n" not in evidence:
        raise ValueError(f"{where}: the first counterexample needs a key 'n'")
    n = evidence["n"]
    if isinstance(n, bool) or not hasattr(n, "__index__"):
        raise TypeError(f"{where}: the first counterexample's n must be an integer, got {n!r}")
    if not lo <= int(n.__index__()) < hi:
        raise ValueError(f"{where}: the first counterexample n = {int(n)} is outside the chunk")
    return {"n": int(n.__index__()), **{str(k): _plain(v) for k, v in evidence.items() if k != "n"}}


#: Worker side: checks unpickled once per worker (key: digest of their pickled bytes).
_LOADED: dict[str, Callable[..., Any]] = {}


def run_chunk_by_value(
    payload: bytes, kind: str, lo: int, hi: int, params: dict[str, Any]
) -> ChunkResult:
    """:func:`run_chunk` for a check sent as pickled bytes (by reference, or by value with
    cloudpickle), unpickled once per worker.

    Unpickling here, inside the task, rather than in the pool's queue, turns a check the
    worker cannot load into one error of that chunk instead of a dead worker, a rebuilt
    pool and retries.
    """
    key = hashlib.sha1(payload).hexdigest()
    func = _LOADED.get(key)
    if func is None:
        try:
            func = _LOADED[key] = pickle.loads(payload)
        except Exception as exc:
            raise InputError(
                f"the check could not be loaded in a worker process ({type(exc).__name__}: "
                f"{exc}); define it at the top level of a module the workers can import, "
                "or run it in this process with workers=1 (--workers 1)"
            ) from exc
    return run_chunk(func, kind, lo, hi, params)


#: In a forked worker: whether the thread that forked it was its parent's main thread (set
#: in the parent just before each fork; a worker started by the forkserver keeps ``True``,
#: the forkserver forks from its only thread).
_forked_from_main_thread = True


def _note_forking_thread() -> None:
    global _forked_from_main_thread
    _forked_from_main_thread = threading.current_thread() is threading.main_thread()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_note_forking_thread)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: ignore Ctrl-C (the parent stops the sweep) and die with the parent.

    ``parent`` is the pid of the process that ran the sweep. A worker started by the
    forkserver has the forkserver as its parent, which itself exits when the sweep's process
    does, so watching ``os.getppid()`` covers both start methods.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ppid = os.getppid()
    # PR_SET_PDEATHSIG fires when the parent *thread* that forked this worker exits, not the
    # parent process: a pool started from a short-lived thread would lose its workers while
    # the parent lives on. Then only the watchdog (which looks at the process) is used.
    if sys.platform.startswith("linux") and _forked_from_main_thread:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass  # the watchdog below still works
    if ppid != os.getppid():  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_INTERVAL)
            if os.getppid() != ppid:
                os._exit(1)
            if os.name == "posix" and parent != ppid:
                try:
                    os.kill(parent, 0)  # signal 0: existence only (POSIX; kills on Windows)
                except ProcessLookupError:
                    os._exit(1)
                except PermissionError:
                    pass

    threading.Thread(target=watch, name="numtheory-watchdog", daemon=True).start()


def start_method() -> str:
    """How a new pool starts its workers.

    ``fork`` when this is the only thread; otherwise (a Jupyter kernel, a script with a
    thread of its own, a Dask client, a GUI) ``forkserver``: a fork would copy any lock
    another thread holds at that moment, locked for ever in the worker (a deadlock), while
    the forkserver forks from a process with one thread. Checks defined in ``__main__`` are
    then sent by value (see :meth:`LocalPool.prepare`); a script's top level is run again in
    each such worker, as ``__mp_main__``, so its ``verify.run`` belongs under
    ``if __name__ == "__main__":`` (the rule of :mod:`multiprocessing` for forkserver and
    spawn). ``spawn`` where there is no ``fork``.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    if threading.active_count() == 1:
        return "fork"
    return "forkserver"


def _pickle_error(check: Check, exc: BaseException) -> InputError:
    return InputError(
        f"check {check.name!r} cannot be sent to worker processes "
        f"({type(exc).__name__}: {exc}); define it at the top level of a module you import, "
        "or run it in this process with workers=1 (--workers 1)"
    )


class LocalPool:
    """A process pool of up to ``workers`` processes, started on first use, rebuilt when broken.

    Parameters
    ----------
    workers : int
        Worker processes wanted (capped, see the module docstring).
    requested : int, optional
        What the caller asked for, when they asked (``None``: the default, all cores). Only an
        explicit request that gets capped is worth a warning.
    """

    owned = True

    def __init__(self, workers: int, requested: int | None = None) -> None:
        self.requested = requested
        self.workers = min(workers, worker_cap())
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0
        self._method: str | None = None
        self._targets: dict[str, tuple[Callable[..., ChunkResult], Any]] = {}
        self._warned = False

    def _start_method(self) -> str:
        if self._method is None:
            self._method = start_method()
        return self._method

    def prepare(self, check: Check) -> None:
        """Decide how ``check`` reaches the workers; refuse it now if it cannot.

        Raises
        ------
        InputError
            The check's function cannot be pickled, by reference or by value.
        """
        if check.name in self._targets:
            return
        func = check.func
        try:
            payload = pickle.dumps(func)
            by_reference = True
        except Exception:  # a lambda, a closure, a function shadowed in its module...
            by_reference = False
        if by_reference and self._start_method() != "fork":
            # A notebook's __main__ does not exist in a fresh worker, and a script's is
            # re-run there as __mp_main__, where a check defined under its
            # `if __name__ == "__main__":` is missing: send __main__'s checks by value.
            by_reference = func.__module__ != "__main__"
        if by_reference:
            self._targets[check.name] = (run_chunk_by_value, payload)
            return
        try:
            import cloudpickle

            payload = cloudpickle.dumps(func)
            pickle.loads(payload)  # what a worker will do: fail here, once, not in each worker
        except Exception as exc:
            raise _pickle_error(check, exc) from exc
        self._targets[check.name] = (run_chunk_by_value, payload)

    def target(self, check: Check) -> tuple[Callable[..., ChunkResult], Any]:
        """``(function, first_argument)`` to submit for a chunk of ``check``."""
        self.prepare(check)
        return self._targets[check.name]

    def get(self, needed: int | None = None, warn: Callable[[str], None] | None = None) -> Executor:
        """The executor, started with ``min(workers, needed)`` processes if not running.

        A running pool smaller than a new ``needed`` (an earlier check had fewer chunks) is
        replaced by a bigger one; without ``needed`` the running pool is kept as it is (a
        pool rebuilt after a worker died keeps its size, never more than the chunks left).
        """
        size = self.workers if needed is None else max(1, min(self.workers, needed))
        if warn is not None and not self._warned and self.requested is not None:
            self._warned = True
            if self.requested > self.workers:
                warn(
                    f"workers={show(self.requested)} is more than {MAX_WORKERS_PER_CORE} per core "
                    f"({available_cores()} available): using at most {self.workers} "
                    "worker processes"
                )
        if self._pool is not None and needed is not None and self._size < size:
            self.close()
        if self._pool is None:
            method = self._start_method()
            self._pool = ProcessPoolExecutor(
                size,
                mp_context=multiprocessing.get_context(method),
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            )
            self._size = size
        return self._pool

    @property
    def size(self) -> int:
        """Processes in the running pool (0 before it starts)."""
        return self._size if self._pool is not None else 0

    def renew(self) -> Executor:
        """Kill the (broken) pool and start a fresh one of the same size."""
        size = self._size
        self.close(kill=True)
        return self.get(size)

    def close(self, kill: bool = False) -> None:
        """Stop the pool; with ``kill``, stop running chunks at once. Never waits forever."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # Private but stable since 3.8: the worker processes and the manager thread.
        procs = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)
        try:
            if kill:
                _signal_all(procs, kill=False)
            # With kill, the workers die and the manager thread marks every pending future
            # broken; a future cancelled here would make it raise InvalidStateError instead,
            # printed as "Exception in thread" at Ctrl-C (CPython 3.11's terminate_broken).
            pool.shutdown(wait=False, cancel_futures=not kill)
            deadline = time.monotonic() + (KILL_GRACE if kill else CLOSE_GRACE)
            if manager is not None:
                manager.join(max(0.0, deadline - time.monotonic()))
            _join_all(procs, deadline)
            if not kill and any(p.is_alive() for p in procs):
                _signal_all(procs, kill=False)  # SIGTERM first: a check may clean up
                _join_all(procs, time.monotonic() + KILL_GRACE)
            # One deadline for all, not a wait per worker: a pool of 256 workers that
            # ignore SIGTERM is killed as fast as one.
            _signal_all(procs, kill=True)
        except KeyboardInterrupt:
            _signal_all(procs, kill=True)  # a second Ctrl-C: leave no worker behind
            raise
        finally:
            _join_all(procs, time.monotonic() + KILL_GRACE)  # reap: no zombie left behind
            if manager is not None:
                manager.join(KILL_GRACE)


def _join_all(procs: list[Any], deadline: float) -> None:
    """Join every process, all of them against one ``deadline`` (a ``time.monotonic()``)."""
    for proc in procs:
        proc.join(max(0.0, deadline - time.monotonic()))


def _signal_all(procs: list[Any], *, kill: bool) -> None:
    """SIGKILL (``kill``) or SIGTERM every process of ``procs`` still alive."""
    for proc in procs:
        if proc.is_alive():
            if kill:
                proc.kill()
            else:
                proc.terminate()
