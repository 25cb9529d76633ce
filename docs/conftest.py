"""The documentation pages' examples run as doctests (pytest collects ``docs/*.rst``).

They run as tests/conftest.py runs the tests: never the real OEIS (offline, and a refused
address in case something ignores that), never the user's cache, and mpmath's global precision
as it was. conf.py and the API pages it writes hold no examples and are not collected.
"""

from __future__ import annotations

from collections.abc import Iterator

import mpmath
import pytest

collect_ignore = ["conf.py", "_apigen.py"]
# The autosummary templates are Jinja, not pages (they match --doctest-glob=*.rst).
collect_ignore_glob = ["api/*", "_build/*", "_templates/*"]


@pytest.fixture(autouse=True)
def _offline_docs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(tmp_path_factory.mktemp("nt-docs-cache")))
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", "http://127.0.0.1:9")  # discard port: refused
    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    before = (mpmath.mp.prec, mpmath.mp.pretty)
    yield
    after = (mpmath.mp.prec, mpmath.mp.pretty)
    mpmath.mp.prec, mpmath.mp.pretty = before
    assert after == before, f"mpmath global precision leaked: {before} -> {after}"
