"""Test-only: a Ctrl-C that lands where CPython swallows the ``KeyboardInterrupt``.

Loaded only by the CLI processes of ``tests/cli/test_sigint_guard.py``
(``--import tests.verify.plugin_swallow``); it does nothing unless the environment
variable ``NUMTHEORY_TEST_SWALLOW`` names a mode. The first time the process forks a worker,
an at-fork hook in the parent sends SIGINT to its own process, so the handler runs inside
the hook (what a user's Ctrl-C did by chance in the bug: logging's ``_releaseLock``):

* ``fork``: the hook just lets it happen there (CPython: "Exception ignored", dropped).
* ``del``: inside a ``__del__`` called from the hook, with SIGINT unblocked there, so it is
  dropped even when the pool blocks SIGINT around its forks.
* ``drop``: the hook catches the ``KeyboardInterrupt`` and goes on (no unraisable report:
  only a watchdog can end the run); touches ``NUMTHEORY_TEST_SWALLOW_MARK``.

After each fork the parent appends the pids of all its children, and the child its own,
to ``NUMTHEORY_TEST_SWALLOW_PIDS`` (one a line; the child may be killed before it can), so
a test can check that no process outlives the command.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable
from pathlib import Path

import psutil

MODE = os.environ.get("NUMTHEORY_TEST_SWALLOW", "")
_PARENT = os.getpid()
_fired = False


def _interrupt_here() -> None:
    os.kill(os.getpid(), signal.SIGINT)
    # pthread_sigmask runs the pending handlers before it returns: here, in this frame
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class _Bomb:
    def __del__(self) -> None:
        _interrupt_here()


def _after_in_parent() -> None:
    global _fired
    if os.getpid() != _PARENT:
        return
    _log_pids(child.pid for child in psutil.Process().children())  # the new worker too
    if _fired:
        return
    _fired = True
    if MODE == "fork":
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # bytecodes: the handler runs among them, inside this hook
            pass
    elif MODE == "del":
        _Bomb()  # freed at once: __del__ runs (and swallows) here
    elif MODE == "drop":
        try:
            _interrupt_here()
        except KeyboardInterrupt:
            Path(os.environ["NUMTHEORY_TEST_SWALLOW_MARK"]).touch()


def _after_in_child() -> None:
    _log_pids([os.getpid()])


def _log_pids(pids: Iterable[int]) -> None:
    log = os.environ.get("NUMTHEORY_TEST_SWALLOW_PIDS")
    if log:
        with open(log, "a") as f:
            f.writelines(f"{pid}\n" for pid in pids)


if MODE:
    os.register_at_fork(after_in_parent=_after_in_parent, after_in_child=_after_in_child)


def blocked_signals() -> list[int]:
    """The signals blocked in the calling thread (a worker's view, for the tests)."""
    return sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, []))
