"""Fixtures for the verify tests: the test-only checks, and PYTHONPATH for worker processes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = (
    "central-binomial-2adic",
    "kummer",
    "legendre",
    "primality",
    "factor",
    "exp-taylor-positive",
    "exp-taylor-minima",
    "gamma-identities",
    "gamma-fourier",
    "mitchell",
    "random-angle",
)


@pytest.fixture(scope="session", autouse=True)
def _importable_tests() -> Iterator[None]:
    """Spawned workers (Dask, subprocesses) must import tests.verify.plugin_checks."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), before) if p)
    import tests.verify.plugin_checks  # noqa: F401  (registers the test-only checks)

    yield
    if before is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = before


@pytest.fixture
def temporary() -> Iterator[list[str]]:
    """Names of checks a test registers; unregistered afterwards."""
    from numtheory import verify

    names: list[str] = []
    yield names
    for name in names:
        verify.unregister(name)
