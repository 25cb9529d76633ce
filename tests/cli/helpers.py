"""Run the real ``numtheory`` CLI in a subprocess (as a user would) and capture the result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
