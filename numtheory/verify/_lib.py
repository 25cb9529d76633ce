"""Lazy access to the library functions a check tests.

Checks import ``numtheory`` inside the check (never at module import), so a check whose
function has not been built yet fails with a clear message instead of breaking the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lib"]


def lib(name: str) -> Callable[..., Any]:
    """``numtheory.<name>``, looked up at call time.

    Looking the function up on the package when the check runs (not at import) means a test
    can plant a bug with ``monkeypatch.setattr(numtheory, name, ...)`` and see the check fail.
    A missing function raises an ``AttributeError`` saying so.

    >>> lib("no_such_function")
    Traceback (most recent call last):
    ...
    AttributeError: numtheory.no_such_function is not available in this build
    """
    func = getattr(importlib.import_module("numtheory"), name, None)
    if func is not None:
        return func  # type: ignore[no-any-return]
    raise AttributeError(f"numtheory.{name} is not available in this build")
