"""Shared test setup.

* sympy is only a cross-check here; force its gmpy ground types before anything imports it
  (with python-flint installed, the default runs pure-Python paths: docs/architecture.md, pitfalls).
* mpmath precision is process-global: every test gets it reset, and a test that leaks a
  change fails loudly instead of corrupting the next one.
* The OEIS base URL and cache dir are pointed away from the real ones for every test.
* Hypothesis: the default run tries 30 examples per property ("dev"); ``pytest -m slow``
  (the second half of .ci/run) runs every property test again with 200 ("thorough"), so CI
  tries more examples of each property than the old single run of 100. ``CI=1`` or
  ``HYPOTHESIS_PROFILE=...`` choose a profile for any run.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("SYMPY_GROUND_TYPES", "gmpy")
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

from collections.abc import Iterator
from pathlib import Path

import mpmath
import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=30, deadline=None)

#: the selection .ci/run (and a developer) gives for the slow half of the suite
SLOW_RUN = "slow"


def pytest_configure(config: pytest.Config) -> None:
    default = "ci" if os.environ.get("CI") else "dev"
    if config.getoption("markexpr", "") == SLOW_RUN:
        default = "thorough"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``-m slow``, the property tests run too, with the thorough profile."""
    if config.getoption("markexpr", "") != SLOW_RUN:
        return
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _mpmath_precision_guard() -> Iterator[None]:
    """Fail a test that leaves mpmath's global precision changed; reset it either way."""
    before = (mpmath.mp.prec, mpmath.mp.pretty)
    yield
    after = (mpmath.mp.prec, mpmath.mp.pretty)
    mpmath.mp.prec, mpmath.mp.pretty = before
    assert after == before, f"mpmath global precision leaked: {before} -> {after}"


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may touch the real OEIS or the user's cache."""
    cache = tmp_path_factory.mktemp("nt-cache")
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(cache))
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", "http://127.0.0.1:9")  # discard port: refused
    monkeypatch.delenv("NUMTHEORY_OFFLINE", raising=False)


@pytest.fixture
def cache_dir() -> Path:
    return Path(os.environ["NUMTHEORY_CACHE_DIR"])
