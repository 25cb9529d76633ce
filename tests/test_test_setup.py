"""The test suite's own set-up (tests/conftest.py): which runs count as slow, and SIGINT."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import _is_slow_run


def _config(markexpr: str) -> Any:
    return SimpleNamespace(getoption=lambda name, default=None: markexpr)


@pytest.mark.parametrize(
    ("markexpr", "slow"),
    [
        ("slow", True),  # the second half of .ci/run
        (" slow ", True),
        ("slow or network", True),
        ("slow and not network", True),
        ("(slow)", True),
        ("not network and not slow", False),  # pyproject's default
        ("network", False),
        ("", False),
        ("slow or not slow", False),  # every test: the properties run anyway, once
        ("not slow", False),
    ],
)
def test_which_mark_expressions_are_a_slow_run(markexpr: str, slow: bool) -> None:
    # a slow run marks the property tests slow (so they run) and gives them 200 examples
    assert _is_slow_run(_config(markexpr)) is slow


def test_a_child_process_gets_sigint_as_from_a_terminal() -> None:
    # Started as a background job (SIGINT ignored), pytest's children inherited the ignore and
    # tests/arith/test_interrupt.py, test_pool.py's and test_verify_cli.py's Ctrl-C tests hung
    # until their timeout; conftest restores the handler, so a child starts with the default.
    code = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr
