"""Ctrl-C for the ``numtheory`` process: always exit 130, promptly, leaving no worker.

Python turns SIGINT into a ``KeyboardInterrupt`` raised wherever the main thread happens to
be. Raised inside a finalizer, a weakref callback, an at-fork hook or ``__del__``, CPython
prints "Exception ignored in: ..." and drops it; the command ran on (a pool audit forking
its workers went on through its 30-s chunks). :class:`SigintGuard`, installed by
:func:`numtheory.cli.console_main` for the run of one command (never by the library, never
by an in-process :func:`numtheory.cli.main`), makes Ctrl-C robust:

* The first SIGINT raises ``KeyboardInterrupt`` as Python's own handler does, so the
  commands' clean-up runs (a sweep flushes its checkpoint, kills its pool, says how to
  resume), and arms a watchdog thread.
* If that very exception is swallowed (``sys.unraisablehook`` sees it), the report is
  silenced and the interrupt is delivered to the main thread again, at most
  :data:`REDELIVERIES` times.
* If the process is still running :data:`GRACE` seconds after the first SIGINT (the
  exception was caught and dropped, or clean-up hangs), the watchdog kills the local
  pools' workers (:func:`numtheory.verify._pool.kill_workers`) and every multiprocessing
  child, prints the message the command would have printed (unless it did), flushes, and
  ends with ``os._exit(130)``: the main thread may be stuck.
* A second SIGINT does the same at once.

Files stay whole because every file the CLI writes is written to a temporary and renamed
(checkpoints, evidence, caches, the mirror): ``os._exit`` never leaves a half-written file
under the real name. The temporaries of a checkpoint or evidence write under way are deleted
before it (``numtheory.verify._records.remove_unfinished``); the caches' and the mirror's
are written the same way (a leftover temporary at worst, never a torn file).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Any

__all__ = ["GRACE", "REDELIVERIES", "SigintGuard"]

#: Seconds from the first Ctrl-C to the forced exit. A sweep's own clean-up (flush the
#: checkpoint, SIGTERM the pool, SIGKILL after 2 s, join the manager thread: at most about
#: 6 s) ends before it, so its message, which says how to resume, is the one printed.
GRACE = 8.0

#: How many times a swallowed interrupt is delivered again before the watchdog waits out
#: :data:`GRACE`.
REDELIVERIES = 3

#: Seconds between seeing an interrupt swallowed and delivering it again (time for the main
#: thread to leave the hook or finalizer that swallowed it).
REDELIVERY_DELAY = 0.1

#: Seconds the forced exit waits for Python's stdout/stderr buffers to flush (their lock may
#: be held by the stuck main thread).
FLUSH_WAIT = 0.5


#: Held by the main thread while it writes the command's "interrupted" message
#: (:func:`reporting`), taken for good by the forced exit before it writes its own: one
#: message, never two, whichever comes first.
_REPORT_LOCK = threading.Lock()
_REPORTED = threading.Event()


@contextlib.contextmanager
def reporting() -> Iterator[None]:
    """Around the write of the command's own "interrupted" message (:class:`Output`)."""
    with _REPORT_LOCK:
        yield
        _REPORTED.set()


def _wants_json(words: Sequence[str]) -> bool:
    """Whether the command line asks for ``--json`` (before any ``--``), as ``main`` decides."""
    words = list(words)
    return "--json" in (words[: words.index("--")] if "--" in words else words)


class SigintGuard:
    """The CLI's SIGINT handler, unraisable hook and watchdog (see the module docstring).

    Parameters
    ----------
    argv : sequence of str
        The command's words (for ``--json``: the forced exit's message is then the JSON
        error document).
    grace : float
        Seconds from the first Ctrl-C to the forced exit.

    ``install()`` does nothing outside the main thread, or when SIGINT is not Python's
    default handler (ignored in a background job, or set by an embedding program).

    Examples
    --------
    >>> pythons = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    >>> guard = SigintGuard(["--json", "fn", "totient", "10"])
    >>> guard.json_mode
    True
    >>> guard.install()
    >>> guard.installed == (pythons and threading.current_thread() is threading.main_thread())
    True
    >>> guard.uninstall()
    >>> (signal.getsignal(signal.SIGINT) is signal.default_int_handler) == pythons
    True
    """

    def __init__(self, argv: Sequence[str], grace: float = GRACE) -> None:
        self.json_mode = _wants_json(argv)
        self.grace = grace
        self.installed = False
        #: The command has printed its own "interrupted" message (main returned 130).
        self.reported = False
        self._pid = os.getpid()
        self._raised: set[int] = set()  # id()s: holding them would keep their frames alive
        self._redelivering = False
        self._redeliveries = 0
        self._swallowed = threading.Event()
        self._done = threading.Event()
        self._returned = threading.Event()  # the command is over: no interrupt to deliver
        self._watchdog: threading.Thread | None = None
        self._old_handler: Any = None
        self._old_hook: Any = None

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return
        self._old_handler = signal.signal(signal.SIGINT, self._handler)
        self._old_hook = sys.unraisablehook
        sys.unraisablehook = self._unraisable
        self.installed = True
        _REPORTED.clear()

    def uninstall(self) -> None:
        """Restore the previous unraisable hook; the handler too, unless interrupted.

        The command has returned: nothing is left to deliver, so the hook is restored
        always (an unraisable exception of the interpreter's exit is reported as usual).
        After an interrupt whose message the command printed (:attr:`reported`), the handler
        and the watchdog stay until the process ends: the interpreter's exit (atexit joins
        of pool threads) is bounded by :data:`GRACE` too (ending silently with 130, the code
        it exits with anyway), and one more Ctrl-C still ends it at once. A command that
        finished otherwise (the interrupt swallowed and the work done) disarms the watchdog:
        it must not turn that exit into a forced 130.
        """
        self._returned.set()
        if not self.installed:
            return
        if sys.unraisablehook == self._unraisable:  # == : a bound method is new each time
            sys.unraisablehook = self._old_hook
        if self._raised and self.reported:
            return
        self.installed = False
        self._done.set()  # the watchdog, if armed, ends without firing
        signal.signal(signal.SIGINT, self._old_handler)

    @property
    def interrupted(self) -> bool:
        return bool(self._raised)

    # -- the main thread -------------------------------------------------------------------

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self._pid:  # a forked child that still has our handler
            raise KeyboardInterrupt
        if self._redelivering:
            self._redelivering = False
        elif self._raised:
            self.force_exit("a second Ctrl-C: stopped at once")
        else:
            self._arm()
        exc = KeyboardInterrupt()
        self._raised.add(id(exc))
        raise exc

    def _unraisable(self, unraisable: Any) -> None:
        value = unraisable.exc_value
        if isinstance(value, KeyboardInterrupt) and id(value) in self._raised:
            self._swallowed.set()  # ours, dropped by a hook or finalizer: deliver it again
            return
        self._old_hook(unraisable)

    # -- the watchdog ----------------------------------------------------------------------

    def _arm(self) -> None:
        self._watchdog = threading.Thread(
            target=self._watch, name="numtheory-sigint-watchdog", daemon=True
        )
        self._watchdog.start()

    def _watch(self) -> None:
        deadline = time.monotonic() + self.grace
        while not self._done.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                if self._done.is_set():  # disarmed just now by uninstall()
                    return
                self.force_exit(
                    f"the command did not stop within {self.grace:g} s of Ctrl-C: stopped, its "
                    "worker processes killed"
                )
            if self._swallowed.wait(min(left, 0.25)):
                self._swallowed.clear()
                if (
                    hasattr(signal, "pthread_kill")  # POSIX; elsewhere the deadline alone
                    and self._redeliveries < REDELIVERIES
                    and not self._returned.wait(REDELIVERY_DELAY)
                ):
                    self._redeliveries += 1
                    self._redelivering = True
                    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    def force_exit(self, why: str) -> None:
        """Print "interrupted (why)" unless the command said it (once: :func:`reporting`),
        kill the workers, exit 130.

        The workers die last, just before ``os._exit``: a main thread that saw them die
        would start others or print about them. Only modules already imported are used
        (``sys.modules``): an import could wait for ever on the import lock of a stuck main
        thread, and a module never imported has no pool and no write under way.
        """
        flusher = threading.Thread(target=_flush, daemon=True)
        flusher.start()
        flusher.join(FLUSH_WAIT)
        # Timed out: the main thread is stuck writing its message (a full pipe): it is said.
        mine = _REPORT_LOCK.acquire(timeout=FLUSH_WAIT)  # kept: nothing more is written
        if mine and not (self.reported or _REPORTED.is_set()):
            message = f"interrupted ({why})"
            if self.json_mode:
                text = json.dumps({"error": message, "exit_code": 130}) + "\n"
            else:
                text = f"numtheory: error: {message}\n"
            with contextlib.suppress(OSError):
                os.write(2, text.encode())  # not sys.stderr: its lock may be held
        with contextlib.suppress(OSError):  # the message stays the last line (--json):
            null = os.open(os.devnull, os.O_WRONLY)  # a main thread that sees its workers
            os.dup2(null, 2)  # die below would write about them
            os.dup2(null, 1)  # (its results, if any, were flushed above)
        pool = sys.modules.get("numtheory.verify._pool")
        records = sys.modules.get("numtheory.verify._records")
        processes = sys.modules.get("multiprocessing")
        with contextlib.suppress(Exception):
            if pool is not None:
                pool.kill_workers()
        with contextlib.suppress(Exception):
            if processes is not None:  # Dask's local nannies, any other child
                for child in processes.active_children():
                    child.kill()
        with contextlib.suppress(Exception):
            if records is not None:
                records.remove_unfinished()  # a checkpoint or evidence write cut short
        os._exit(130)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
