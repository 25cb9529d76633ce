"""The doctests of the modules (``numtheory/``) and of README.md run as the tests run.

tests/conftest.py and docs/conftest.py isolate their own items; the docstrings' and the
README's examples had nothing, so they read the user's cache: after ``numtheory mirror sync``
(as the README suggests) ``search([1, 2, 6, 20], offline=True)`` answers from the mirror, not
the catalogue the examples show, and six of them failed. Here every doctest gets a cache of its
own and a refused OEIS address, as tests/conftest.py gives every test.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_doctest(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if type(request.node).__name__ != "DoctestItem":
        return  # a test: tests/conftest.py isolates it
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(tmp_path_factory.mktemp("nt-doctest-cache")))
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", "http://127.0.0.1:9")  # discard port: refused
    monkeypatch.delenv("NUMTHEORY_OFFLINE", raising=False)
