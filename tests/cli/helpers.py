"""Run the ``numtheory`` CLI and capture the result: in this process, or in a real subprocess.

:func:`invoke` calls :func:`numtheory.cli.main` here, with its own environment, stdin, stdout
and stderr, and gives the same :class:`Run` as :func:`run_cli`, which starts a fresh
interpreter as a user would (``python -m numtheory``). A fresh interpreter costs 0.3-0.6 s of
CPU importing gmpy2, FLINT and mpmath, so tests use :func:`invoke`; :func:`run_cli` is kept for
what only a real process shows: the console entry and its exit status, signals (Ctrl-C), the
process's own stdout/stderr file descriptors, threads left behind, import side effects.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> Run:
    """``python -m numtheory ARGS`` with the test environment plus ``env``."""
    full_env = dict(os.environ)
    full_env.pop("NUMTHEORY_DEBUG", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "numtheory", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@contextlib.contextmanager
def _environment(env: dict[str, str] | None) -> Iterator[None]:
    """``os.environ`` as :func:`run_cli` gives it to its child, restored afterwards."""
    saved = dict(os.environ)
    os.environ.pop("NUMTHEORY_DEBUG", None)
    os.environ.update(env or {})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def invoke(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Run:
    """``numtheory ARGS`` in this process: :func:`numtheory.cli.main` with the test environment
    plus ``env``, ``stdin`` as its standard input (empty if None), and its output captured.

    Like :func:`run_cli`, except that nothing is imported afresh and no exit status passes
    through the operating system (``main`` returns the code the console entry would exit with).
    """
    from numtheory.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved_stdin
    return Run(code, out.getvalue(), err.getvalue())
