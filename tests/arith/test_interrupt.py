"""Long C calls stop on Ctrl-C: a subprocess sent SIGINT mid-call exits 130 promptly.

Without the child processes of numtheory._backend these calls hold the interpreter inside
GMP/FLINT/primecount for minutes to hours, and SIGINT is only seen when they return. Each
test bounds its own duration with a timeout; none asserts on wall-clock time.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

import numtheory as nt
from numtheory import _backend

_SCRIPT = """
import os, sys
import numtheory as nt
print("started", flush=True)
try:
    {call}
except KeyboardInterrupt:
    try:
        os.waitpid(-1, os.WNOHANG)
        print("a child process is left", flush=True)
    except ChildProcessError:
        print("interrupted, no child left", flush=True)
    sys.exit(130)
print("finished (the call was expected to run for minutes)", flush=True)
"""


def _interrupt(call: str, delay: float = 2.0) -> tuple[int, str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT.format(call=call)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "started"
        time.sleep(delay)  # let it get into the long call
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # the old code: still inside C, never saw the signal
            proc.kill()
            proc.wait()
    return proc.returncode, out


@pytest.mark.parametrize(
    "call",
    [
        "nt.factorint(2**4096 + 1)",  # ECM on a 1228-digit cofactor: hours
        "nt.next_prime(10**5000)",  # GMP's sieve and BPSW at 5000 digits: minutes
        "nt.count_primes(0, 10**17)",  # primecount: about a minute
        "nt.is_prime(nt.next_prime(10**600), proof=True)",  # APR-CL at 600 digits: minutes
    ],
)
def test_sigint_stops_a_long_call(call: str) -> None:
    code, out = _interrupt(call)
    assert code == 130, out
    assert "interrupted, no child left" in out


def test_cli_ctrl_c_is_exit_130() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "numtheory", "factor", "2^4096+1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(3.0)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    from numtheory.errors import NumtheoryError

    with pytest.raises(NumtheoryError, match=r"prime_pi\(\) failed.*OverflowError"):
        _backend.run_in_child("prime_pi", 2**64)  # beyond primecount's 64-bit argument


def test_child_and_in_process_paths_agree() -> None:
    for op, args in [
        ("factor", (2**64 + 1,)),
        ("factor_smooth", (2**128 + 1, 30)),
        ("is_probable_prime", (2**127 - 1,)),
        ("is_proven_prime", (2**89 - 1,)),
        ("next_prime", (10**30,)),
        ("prev_prime", (10**30,)),
        ("prime_pi", (10**9,)),
    ]:
        here = _backend._child.OPS[op](*args)
        there = _backend.run_in_child(op, *args)
        if isinstance(here, list):
            here = [tuple(pair) for pair in here]
        assert here == there, op


def test_huge_numbers_with_a_small_factor_need_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_child(op: str, *args: int) -> None:
        raise AssertionError(f"{op} started a child process")

    monkeypatch.setattr(_backend, "run_in_child", no_child)
    assert not _backend.is_probable_prime(2 * 10**50_000)
    assert not _backend.is_probable_prime(3**40_000 * 997)
    assert not nt.is_prime(10**20_000 - 1)  # divisible by 9 and 11
    assert nt.factorint(3**200_000 * 2**5) == {2: 5, 3: 200_000}
