"""The console entry point: the command ends even when imported code leaves a thread behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PLUGIN = """
import threading, time
from numtheory import verify

def _spin():
    while True:
        time.sleep(0.2)

threading.Thread(target=_spin, name="plugin-spinner").start()  # not a daemon

@verify.range_check("spinner-check", claim="n is not 4099", upto=5000, chunk_size=500)
def spinner_check(n):
    return n != 4099
"""


@pytest.mark.parametrize("workers", ["1", pytest.param("2", marks=pytest.mark.slow)])
def test_a_plugin_thread_does_not_keep_the_command_alive(tmp_path: Path, workers: str) -> None:
    """Issue 9 review: a `--import` module starting a non-daemon thread made `numtheory verify`
    print its results and then never exit (the interpreter waited for the thread)."""
    (tmp_path / "spinplug.py").write_text(PLUGIN, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NUMTHEORY_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "numtheory", "verify", "spinner-check"]
    result = subprocess.run(
        [*command, "--import", "spinplug", "--workers", workers],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # the old code never returned: this fails the test instead of hanging
    )
    assert result.returncode == 1, result.stderr  # the check fails at 4099, as it should
    assert "first counterexample at n = 4099" in result.stdout
    assert "exiting although 1 thread(s) started by imported code" in result.stderr
    assert "'plugin-spinner'" in result.stderr and "Traceback" not in result.stderr


def test_in_process_main_is_not_cut_short(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the console entry exits the process; main() returns its code to the caller."""
    from numtheory.cli import main

    assert main(["verify", "--list"]) == 0
    assert "central-binomial-2adic" in capsys.readouterr().out
