"""The registry of named checks and the decorators that fill it.

Two kinds of check:

* a plain check, ``@check(...)`` on ``func(**params) -> Outcome``, run in the calling process;
* a range check, ``@range_check(...)`` on ``func(lo, hi, **params) -> ChunkResult`` (or on a
  per-case predicate ``func(n, **params) -> bool``), whose range ``start..upto`` is split into
  chunks that run on a process pool or a Dask cluster. The decorated function is registered
  *and returned unchanged*, so it stays a top-level picklable function.

A research script adds its own check the same way the built-in ones are written::

    from numtheory.verify import Outcome, check, run

    @check("my-claim", claim="2 + 2 = 4", source="folklore", params={"k": 2})
    def my_claim(k: int) -> Outcome:
        return Outcome(k + k == 4, f"{k} + {k} = {k + k}")

    run(["my-claim"])
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from numtheory.errors import UnknownCheckError

__all__ = ["Check", "Outcome", "check", "checks", "get_check", "range_check", "unregister"]

F = TypeVar("F", bound=Callable[..., Any])

#: Modules holding the built-in checks, imported on first use of the registry.
BUILTIN_MODULES = ("numtheory.verify.checks_integers", "numtheory.verify.checks_numerics")

_REGISTRY: dict[str, Check] = {}
_builtins_loaded = False


@dataclass(init=False)
class Outcome:
    """What a plain check (or a range check's fixed facts) returns.

    Parameters
    ----------
    passed : bool
        True when the claim held.
    summary : str
        One line for people: what was checked and how far.
    evidence : dict
        Anything else worth reporting (cases, largest error, first counterexample...).

    Examples
    --------
    >>> Outcome(True, "4 cases", checked=4).evidence
    {'checked': 4}
    """

    passed: bool
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def __init__(self, passed: bool, summary: str, **evidence: Any) -> None:
        self.passed = bool(passed)
        self.summary = summary
        self.evidence = evidence


@dataclass(frozen=True)
class Check:
    """A registered check.

    Attributes
    ----------
    name, claim, source : str
        Its name (``kebab-case``), the claim in one line, and where the claim comes from.
    func : callable
        Plain check: ``func(**params) -> Outcome``. Range check: the chunk function
        ``func(lo, hi, **params) -> ChunkResult``, or a predicate ``func(n, **params)``.
    params : mapping
        Parameter names and defaults. Range checks always have ``start`` and ``upto``
        (the range ``start..upto``, both included).
    kind : str
        ``"plain"``, ``"chunk"`` or ``"predicate"``.
    chunk_size : int
        Default number of ``n`` per chunk (range checks).
    facts : callable or None
        Range checks: fixed facts checked once in the calling process, ``facts(**params)``.
    min_start : int or None
        Range checks: the smallest ``start`` the claim is about (``None``: no limit).
    validate : callable or None
        ``validate(params)`` raises :class:`~numtheory.errors.InputError` for parameter values
        the check cannot run with (called before anything runs).
    """

    name: str
    claim: str
    source: str
    func: Callable[..., Any]
    params: Mapping[str, Any]
    kind: str = "plain"
    chunk_size: int = 0
    facts: Callable[..., Outcome] | None = None
    min_start: int | None = None
    validate: Callable[[dict[str, Any]], None] | None = None

    @property
    def is_range(self) -> bool:
        return self.kind != "plain"


def _register(entry: Check, replace: bool) -> None:
    _load_builtins()
    if not entry.name or entry.name != entry.name.strip():
        raise ValueError(f"check names must be non-empty words, got {entry.name!r}")
    if entry.name in _REGISTRY and not replace:
        existing = _REGISTRY[entry.name].func
        if (existing.__module__, existing.__qualname__) != (
            entry.func.__module__,
            entry.func.__qualname__,
        ):
            raise ValueError(f"a check named {entry.name!r} is already registered")
    _REGISTRY[entry.name] = entry


def check(
    name: str,
    *,
    claim: str,
    source: str = "",
    params: Mapping[str, Any] | None = None,
    validate: Callable[[dict[str, Any]], None] | None = None,
    replace: bool = False,
) -> Callable[[F], F]:
    """Register a plain check: the decorated ``func(**params)`` returns an :class:`Outcome`.

    Parameters
    ----------
    name : str
        The name used by ``numtheory verify NAME`` and :func:`numtheory.verify.run`.
    claim : str
        The claim, in one line.
    source : str, optional
        Where it comes from: article URL, theorem, OEIS A-number.
    params : mapping, optional
        Parameter names and their defaults (the defaults' types drive CLI parsing).
    validate : callable, optional
        ``validate(params)`` raises ``InputError`` for values the check cannot run with.
    replace : bool, optional
        Allow replacing a registered check of the same name.
    """

    def decorate(func: F) -> F:
        entry = Check(name, claim, source, func, dict(params or {}), validate=validate)
        _register(entry, replace)
        return func

    return decorate


def range_check(
    name: str,
    *,
    claim: str,
    source: str = "",
    start: int = 1,
    upto: int = 1000,
    chunk_size: int = 1000,
    params: Mapping[str, Any] | None = None,
    facts: Callable[..., Outcome] | None = None,
    min_start: int | None = None,
    validate: Callable[[dict[str, Any]], None] | None = None,
    replace: bool = False,
) -> Callable[[F], F]:
    """Register a range check over ``n = start..upto``, split into chunks.

    The decorated function is either a chunk function ``func(lo, hi, **params)`` returning a
    :class:`~numtheory.verify.result.ChunkResult` for ``lo <= n < hi``, or, when its first
    parameter is named ``n``, a predicate ``func(n, **params)`` returning ``True`` when the
    claim holds at ``n`` (or a ``(ok, evidence_dict)`` pair). It must be a top-level function:
    chunks are pickled by reference to worker processes.

    Parameters
    ----------
    start, upto : int
        The default range, both ends included (``--start``/``--upto`` override them).
    chunk_size : int
        Default number of ``n`` per chunk. Results do not depend on it.
    params : mapping, optional
        Further parameters and defaults, passed to every chunk (and to ``facts``).
    facts : callable, optional
        Fixed facts checked once, ``facts(**params) -> Outcome`` (with start and upto).
    min_start : int, optional
        The smallest ``start`` the claim is about; a smaller one is refused (``InputError``)
        before any chunk runs.
    validate : callable, optional
        ``validate(params)`` raises ``InputError`` for values the check cannot run with.
    """

    def decorate(func: F) -> F:
        first = next(iter(inspect.signature(func).parameters), "")
        kind = "predicate" if first == "n" else "chunk"
        all_params = {"start": start, "upto": upto, **dict(params or {})}
        entry = Check(
            name, claim, source, func, all_params, kind, chunk_size, facts, min_start, validate
        )
        _register(entry, replace)
        return func

    return decorate


def unregister(name: str) -> None:
    """Remove a check (tests and scripts that register temporary checks)."""
    _REGISTRY.pop(name, None)


def _load_builtins() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        for module in BUILTIN_MODULES:
            importlib.import_module(module)


def checks() -> list[Check]:
    """All registered checks, built-in ones first, in registration order.

    >>> names = [c.name for c in checks()]
    >>> "central-binomial-2adic" in names and "gamma-identities" in names
    True
    """
    _load_builtins()
    return list(_REGISTRY.values())


def get_check(name: str) -> Check:
    """The check called ``name``; :class:`UnknownCheckError` (naming it) if there is none."""
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownCheckError(f"unknown check {name!r}; known checks: {known}") from None
