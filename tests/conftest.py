"""Shared test setup.

* sympy is only a cross-check here; force its gmpy ground types before anything imports it
  (with python-flint installed, the default runs pure-Python paths: docs/architecture.md, pitfalls).
* mpmath precision is process-global: every test gets it reset, and a test that leaks a
  change fails loudly instead of corrupting the next one.
* The OEIS base URL and cache dir are pointed away from the real ones for every test.
* Hypothesis: the default run tries 30 examples per property ("dev"); ``pytest -m slow``
  (the second half of .ci/run; also ``-m "slow or network"`` and the like) runs every property
  test again with 200 ("thorough"), so CI tries more examples of each property than the old
  single run of 100. ``CI=1`` or ``HYPOTHESIS_PROFILE=...`` choose a profile for any run.
* SIGINT: restored to Python's handler if the run started with it ignored (see below).
"""

from __future__ import annotations

import os
import signal
import sys

os.environ.setdefault("SYMPY_GROUND_TYPES", "gmpy")
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)
# A background job of a non-interactive shell (``pytest &``, a CI step run that way) starts
# with SIGINT ignored, and every child inherits that: the Ctrl-C tests' children would never
# see their SIGINT. With Python's own handler here (what a run from a terminal has), exec()
# resets SIGINT to its default in each child, and the child installs its KeyboardInterrupt.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

from collections.abc import Iterator
from pathlib import Path

import mpmath
import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=30, deadline=None)


def _is_slow_run(config: pytest.Config) -> bool:
    """Whether ``-m`` picks the slow tests and leaves out unmarked ones: ``-m slow`` (the
    second half of .ci/run), but also ``-m "slow or network"``, ``-m "slow and not network"``.
    """
    expr = config.getoption("markexpr", "") or ""
    try:
        from _pytest.mark.expression import Expression  # the parser ``-m`` itself uses

        compiled = Expression.compile(expr)
    except Exception:  # a pytest without this parser, or a bad -m (pytest itself reports it)
        return expr.strip() == "slow"

    def picks(*marks: str) -> bool:
        return compiled.evaluate(lambda name, /, **kwargs: name in marks)

    return picks("slow") and not picks()


def pytest_configure(config: pytest.Config) -> None:
    default = "ci" if os.environ.get("CI") else "dev"
    if _is_slow_run(config):
        default = "thorough"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a slow run, the property tests run too, with the thorough profile (not the live
    OEIS ones: ``network`` stays opt-in)."""
    if not _is_slow_run(config):
        return
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False) and not any(
            item.iter_markers("network")
        ):
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
