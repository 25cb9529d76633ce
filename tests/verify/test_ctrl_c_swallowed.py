"""Ctrl-C whose ``KeyboardInterrupt`` CPython swallows (at-fork hooks, ``__del__``, code that
catches it): the ``numtheory`` command still ends with exit 130, the "interrupted" message,
no traceback and no worker left (``numtheory.cli._interrupt``, the pool's forks with SIGINT
blocked in ``numtheory.verify._pool``).

The swallowing is made deterministic by ``tests/verify/plugin_swallow.py``: the process sends
itself SIGINT from inside an at-fork hook the first time its pool forks a worker (the bug:
logging's ``_releaseLock`` hook got a user's Ctrl-C; "Exception ignored in: <function
_releaseLock ...> KeyboardInterrupt" was printed and the audit ran on through its 30-s
chunks). On the code before this fix the ``fork`` and ``del`` cases ran until the timeout
(the chunks sleep 30 s each). Real subprocesses; timeouts are generous bounds, not
measurements.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import psutil
import pytest

from numtheory import verify
from numtheory.cli import main
from numtheory.cli._interrupt import GRACE, SigintGuard
from tests.verify.conftest import ROOT
from tests.verify.test_evidence import _reseal
from tests.verify.test_pool import wait_for

PLUGINS = ["--import", "tests.verify.plugin_checks", "--import", "tests.verify.plugin_swallow"]
#: 20 chunks of 30 s on 2 workers: 5 minutes if the interrupt is lost.
SWEEP = ["verify", "counting", "--workers", "2", "--param", "sleep=30", *PLUGINS]


def _start(tmp_path: Path, mode: str, args: list[str]) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NUMTHEORY_TEST_SWALLOW": mode,
        "NUMTHEORY_TEST_SWALLOW_PIDS": str(tmp_path / "pids"),
        "NUMTHEORY_TEST_SWALLOW_MARK": str(tmp_path / "dropped"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "numtheory", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def _finish(proc: subprocess.Popen[str], timeout: float = 60) -> str:
    try:
        _, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return err


def _forked(tmp_path: Path) -> list[int]:
    log = tmp_path / "pids"
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def _left(pids: list[int], seconds: float = 10) -> list[int]:
    """The pids still running (not zombies) after up to ``seconds``; killed after."""

    def running() -> list[int]:
        out = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    out.append(pid)
            except psutil.NoSuchProcess:
                pass
        return out

    wait_for(lambda: not running(), seconds)
    survivors = running()
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return survivors


@pytest.mark.parametrize("mode", ["fork", "del"])
def test_ctrl_c_swallowed_at_a_workers_fork_still_stops_the_sweep(
    tmp_path: Path, mode: str
) -> None:
    """``fork``: the pool forks with SIGINT blocked, so the hook never sees it and it is
    raised when the fork is done. ``del``: swallowed anyway (unblocked inside ``__del__``);
    the CLI sees its own exception reported as unraisable and delivers the interrupt again.
    Either way the sweep's own clean-up runs: its message, not the watchdog's."""
    proc = _start(tmp_path, mode, SWEEP)
    err = _finish(proc)
    assert proc.returncode == 130, err
    assert "interrupted during counting" in err, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert _forked(tmp_path), err  # the hook did run at a fork
    assert _left(_forked(tmp_path)) == []


def test_ctrl_c_swallowed_at_a_pool_audits_fork_is_exit_130(tmp_path: Path) -> None:
    """The reported case: ``verify --audit run.json --sample 8 --workers 2``."""
    target = tmp_path / "run.json"
    verify.run("counting", params={"upto": 400}, workers=1, evidence=target)
    data = json.loads(target.read_text())
    data["params"]["sleep"] = 30.0  # results do not depend on it: the audit recomputes
    _reseal(data)
    target.write_text(json.dumps(data))
    proc = _start(tmp_path, "fork", ["verify", "--audit", str(target), "--sample", "8",
                                     "--workers", "2", *PLUGINS])  # fmt: skip
    err = _finish(proc)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err and "Exception ignored" not in err
    assert _left(_forked(tmp_path)) == []


@pytest.mark.parametrize("json_mode", [False, True])
def test_ctrl_c_caught_and_dropped_is_ended_by_the_watchdog(
    tmp_path: Path, json_mode: bool
) -> None:
    """Nothing reports this one (the hook catches it): the watchdog ends the run after
    GRACE seconds, killing the workers, with the message the command could not print."""
    proc = _start(tmp_path, "drop", ["--json", *SWEEP] if json_mode else SWEEP)
    err = _finish(proc, timeout=GRACE + 60)
    assert (tmp_path / "dropped").exists(), err  # it really was caught and dropped
    assert proc.returncode == 130, err
    why = f"interrupted (the command did not stop within {GRACE:g} s of Ctrl-C"
    if json_mode:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        assert last.startswith("{"), err
        doc = json.loads(last)
        assert doc["exit_code"] == 130 and doc["error"].startswith(why), err
    else:
        assert f"numtheory: error: {why}" in err
    assert "Traceback" not in err
    assert _left(_forked(tmp_path)) == [], err


def test_a_second_ctrl_c_after_a_dropped_one_stops_at_once(tmp_path: Path) -> None:
    proc = _start(tmp_path, "drop", SWEEP)
    try:
        wait_for(lambda: (tmp_path / "dropped").exists(), 30)
        assert (tmp_path / "dropped").exists()
        proc.send_signal(signal.SIGINT)
    finally:
        err = _finish(proc)
    assert proc.returncode == 130, err
    # the watchdog's message would name the grace: this one is the second Ctrl-C's
    assert "numtheory: error: interrupted (a second Ctrl-C: stopped at once)" in err, err
    assert _left(_forked(tmp_path)) == []


def test_ctrl_c_at_a_fork_reaches_a_python_caller_without_the_cli(tmp_path: Path) -> None:
    """The library installs no handler; its pool alone makes the at-fork Ctrl-C propagate
    (a SweepInterrupted from verify.run, not a sweep that runs on)."""
    script = (
        "import sys\n"
        "import tests.verify.plugin_checks, tests.verify.plugin_swallow\n"
        "from numtheory import verify\n"
        "try:\n"
        "    verify.run('counting', workers=2, params={'sleep': 30})\n"
        "except verify.SweepInterrupted as stop:\n"
        "    print('interrupted', stop.finished, stop.total)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NUMTHEORY_TEST_SWALLOW": "fork",
           "NUMTHEORY_TEST_SWALLOW_PIDS": str(tmp_path / "pids")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["interrupted", "0", "20"], done.stderr
    assert "Exception ignored" not in done.stderr
    assert _left(_forked(tmp_path)) == []


def test_the_pool_restores_the_signal_mask_and_in_process_main_installs_nothing() -> None:
    before, hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    report = verify.run("kummer", workers=2, params={"upto": 2000})
    assert report.ok
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert main(["fn", "totient", "10"]) == 0
    assert signal.getsignal(signal.SIGINT) is before
    assert sys.unraisablehook is hook


def test_the_guard_passes_other_unraisable_exceptions_on_and_restores_what_it_replaced() -> None:
    seen: list[object] = []
    old_hook = sys.unraisablehook
    sys.unraisablehook = previous = lambda u: seen.append(u.exc_value)
    # Python's own handler, as console_main finds it (cysignals, imported with primecountpy
    # by an earlier test, replaces it: the guard then stands aside)
    old_sigint = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        guard = SigintGuard(["verify"])
        guard.install()
        assert guard.installed and signal.getsignal(signal.SIGINT) == guard._handler
        error = ValueError("not ours")

        class Raises:
            def __del__(self) -> None:
                raise error

        Raises()
        mine = KeyboardInterrupt()  # a KeyboardInterrupt the handler did not raise
        sys.unraisablehook(type("U", (), {"exc_value": mine})())
        assert seen == [error, mine]
        guard.uninstall()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        assert sys.unraisablehook is previous  # (was left installed: `is` on a bound method)
    finally:
        sys.unraisablehook = old_hook
        signal.signal(signal.SIGINT, old_sigint)


def test_the_watchdogs_removal_of_a_write_under_way_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forced exit deletes the temporaries of checkpoint/evidence writes under way; done
    in the middle of one (here: at its fsync), the target keeps its previous content."""
    from numtheory.verify import _records

    target = tmp_path / "chunks.json"
    _records.write_atomic(target, '{"old": true}')
    real_fsync = os.fsync

    def fsync_then_watchdog(fd: int) -> None:
        real_fsync(fd)
        assert len(_records._UNFINISHED) == 1
        _records.remove_unfinished()  # what force_exit does from its thread

    monkeypatch.setattr(os, "fsync", fsync_then_watchdog)
    with pytest.raises(FileNotFoundError):
        _records.write_atomic(target, '{"new": true, "long": "' + "x" * 10**5 + '"}')
    assert json.loads(target.read_text()) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunks.json"]
    assert not _records._UNFINISHED


def _sigblk(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1], 16) for line in status if line.startswith("SigBlk:"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/PID/status")
@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_no_worker_nor_forkserver_keeps_sigint_blocked(method: str) -> None:
    """Only the fork is done with SIGINT blocked, and the worker unblocks it; a forkserver
    started then would hand a blocked mask to every process it forks, ours or not."""
    from numtheory.verify._pool import LocalPool
    from tests.verify import plugin_swallow

    pool = LocalPool(2)
    pool._method = method
    try:
        executor = pool.get(2)
        assert signal.SIGINT not in executor.submit(plugin_swallow.blocked_signals).result(60)
        helpers = [p for p in psutil.Process().children() if "forkserver" in " ".join(p.cmdline())]
        # (a forkserver an earlier test of this process started may be there in both cases)
        assert helpers or method == "fork"
        for helper in helpers:
            assert not _sigblk(helper.pid) & (1 << (signal.SIGINT - 1))
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    finally:
        pool.close()


def _pool_squares() -> list[int]:
    from numtheory.verify._pool import LocalPool

    pool = LocalPool(2)
    pool._method = "fork"
    try:
        executor = pool.get(2)
        return sorted(executor.map(abs, range(-5, 0)))
    finally:
        pool.close()


def test_the_pool_works_where_spawn_process_has_another_signature(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``_spawn_process`` is CPython-private: a version passing it arguments still works."""
    from concurrent.futures import process

    real = process.ProcessPoolExecutor._spawn_process
    calls: list[object] = []

    def spawn(self: Any, extra: object = None) -> None:
        calls.append(extra)
        real(self)

    def launch(self: Any) -> None:
        for _ in range(len(self._processes), self._max_workers):
            self._spawn_process("an argument")

    monkeypatch.setattr(process.ProcessPoolExecutor, "_spawn_process", spawn)
    monkeypatch.setattr(process.ProcessPoolExecutor, "_launch_processes", launch)
    assert _pool_squares() == [1, 2, 3, 4, 5]
    assert calls and set(calls) == {"an argument"}


def test_the_pool_works_and_its_workers_are_killable_without_spawn_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A version whose executor has no ``_spawn_process`` (it forks inline, as 3.8 did):
    the override is never called, the pool works, and kill_workers still finds them."""
    from concurrent.futures import process

    from numtheory.verify import _pool

    def spawn_inline(self: Any) -> None:
        for _ in range(len(self._processes), self._max_workers):
            p = self._mp_context.Process(
                target=process._process_worker,
                args=(self._call_queue, self._result_queue, self._initializer,
                      self._initargs, self._max_tasks_per_child),
            )  # fmt: skip
            p.start()
            self._processes[p.pid] = p

    monkeypatch.delattr(process.ProcessPoolExecutor, "_spawn_process")
    monkeypatch.setattr(process.ProcessPoolExecutor, "_launch_processes", spawn_inline)
    monkeypatch.setattr(process.ProcessPoolExecutor, "_adjust_process_count", spawn_inline)
    assert _pool_squares() == [1, 2, 3, 4, 5]
    pool = _pool.LocalPool(2)
    pool._method = "fork"
    try:
        executor = pool.get(2)
        assert executor.submit(abs, -7).result(60) == 7
        assert executor.spawned == []  # the override was not called
        pids = list(executor._processes)
        assert _pool.kill_workers() >= 2
        assert _left(pids, 60) == []
    finally:
        pool.close(kill=True)


def test_a_command_that_finished_after_a_swallowed_ctrl_c_disarms_the_watchdog() -> None:
    """Interrupted, yet finished normally (exit 0): uninstall() restores the handler and the
    hook, and the watchdog never forces the exit, long after its grace."""
    script = (
        "import sys, time\n"
        "from numtheory.cli._interrupt import SigintGuard\n"
        "guard = SigintGuard(['fn'], grace=0.3)\n"
        "guard.install()\n"
        "guard._raised.add(1)\n"  # as after a Ctrl-C whose exception was swallowed
        "guard._arm()\n"
        "guard.uninstall()\n"
        "time.sleep(3)\n"
        "print('finished', guard.installed, sys.unraisablehook is sys.__unraisablehook__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert (done.returncode, done.stdout.split()) == (0, ["finished", "False", "True"])
    assert "interrupted" not in done.stderr


def test_after_a_reported_interrupt_the_hook_is_restored_and_the_exit_still_bounded() -> None:
    """The command printed its message (exit 130): the unraisable hook is restored at once;
    the watchdog stays to bound a hanging interpreter exit, silently (no second message)."""
    script = (
        "import sys, time\n"
        "from numtheory.cli._interrupt import SigintGuard\n"
        "guard = SigintGuard(['--json', 'verify'], grace=0.5)\n"
        "guard.install()\n"
        "guard._raised.add(1)\n"
        "guard._arm()\n"
        "sys.stderr.write('the message\\n')\n"
        "guard.reported = True\n"
        "guard.uninstall()\n"
        "print(sys.unraisablehook is sys.__unraisablehook__, flush=True)\n"
        "time.sleep(300)\n"  # a hanging exit
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=240,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert (done.returncode, done.stdout.split()) == (130, ["True"])
    assert done.stderr == "the message\n"


def test_importing_numtheory_and_its_api_install_no_handler_nor_hook() -> None:
    """Library purity, in a fresh interpreter: import, the Python API, in-process main()."""
    script = (
        "import signal, sys, threading\n"
        "import numtheory\n"
        "from numtheory import verify\n"
        "from numtheory.cli import main\n"
        "assert verify.run('kummer', workers=2, params={'upto': 500}).ok\n"
        "assert main(['fn', 'totient', '10']) == 0\n"
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler,\n"
        "      sys.unraisablehook is sys.__unraisablehook__,\n"
        "      any('sigint' in t.name for t in threading.enumerate()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-3:] == ["True", "True", "False"]


@pytest.mark.parametrize("json_mode", [False, True])
def test_a_command_stuck_after_printing_its_message_gets_no_second_one(json_mode: bool) -> None:
    """The command wrote its "interrupted ..." message, then hung before returning (so
    ``reported`` was never set): the watchdog ends it with 130 and writes nothing more; under
    --json stderr is exactly one JSON document."""
    script = (
        "import time\n"
        "from numtheory.cli._interrupt import SigintGuard\n"
        "from numtheory.cli._output import Output\n"
        f"guard = SigintGuard(['--json'] if {json_mode} else [], grace=0.5)\n"
        "guard.install()\n"
        "guard._raised.add(1)\n"
        "guard._arm()\n"
        f"out = Output(json_mode={json_mode})\n"
        "out.error('interrupted during counting: 0 of 20 chunks finished')\n"
        "out.finish(130)\n"
        "time.sleep(300)\n"  # stuck (the shutdown hang the slow pool test once met)
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=240,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 130, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    if json_mode:
        assert json.loads(lines[0]) == {
            "error": "interrupted during counting: 0 of 20 chunks finished",
            "exit_code": 130,
        }
    else:
        assert lines[0] == "numtheory: error: interrupted during counting: 0 of 20 chunks finished"
