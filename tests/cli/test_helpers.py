"""The in-process runner the CLI tests use gives what a real process gives, and leaves no trace."""

from __future__ import annotations

import os
import sys

import pytest

from tests.cli.helpers import invoke, run_cli


def test_invoke_matches_a_real_process() -> None:
    """Code, stdout and stderr alike, for a usage error, a JSON error, and a result from stdin."""
    env = {"NUMTHEORY_OFFLINE": "1"}
    cases = [
        (("factor", "x"), None),
        (("--json", "prime", "range", "9", "3"), None),
        (("oeis", "-", "--offline", "--json"), "1, 2, 6, 20\n"),
    ]
    for args, stdin in cases:
        here, there = invoke(*args, stdin=stdin, env=env), run_cli(*args, stdin=stdin, env=env)
        assert (here.code, here.out, here.err) == (there.code, there.out, there.err), args


def test_invoke_restores_the_environment_and_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMTHEORY_DEBUG", "1")  # dropped for the run, as run_cli drops it
    before, stdin = dict(os.environ), sys.stdin
    run = invoke("factor", "12", env={"NUMTHEORY_OEIS_MIN_INTERVAL": "0"})
    assert (run.code, run.out) == (0, "12 = 2^2 * 3\n"), run.err
    assert dict(os.environ) == before and sys.stdin is stdin
