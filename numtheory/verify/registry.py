"""The registry of named checks and the decorators that fill it.

Two kinds of check:

* a plain check, ``@check(...)`` on ``func(**params) -> Outcome``, run in the calling process;
* a range check, ``@range_check(...)`` on ``func(lo, hi, **params) -> ChunkResult`` (or a
  plain ``(checked, failures, first_counterexample)``; or on a per-case predicate
  ``func(n, **params) -> bool``), whose range ``start..upto`` is split into
  chunks that run on a process pool or a Dask cluster. The decorated function is registered
  *and returned unchanged*, so it stays a top-level picklable function.

Which of the two a range check is follows from its signature's arity, never from parameter
names: the positional parameters that are not declared in ``params`` are the ones the runner
fills in, so one of them (any name: ``n``, ``m``, ``q``) makes a predicate on that number and
two make a chunk function on ``(lo, hi)``. Anything else (none, three, ``*args``, a signature
that cannot be read) is refused at registration with a message saying to pass
``kind="predicate"`` or ``kind="chunk"``, which also overrides the rule.

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

from numtheory._validate import excerpt
from numtheory.errors import UnknownCheckError

__all__ = ["Check", "Outcome", "check", "checks", "get_check", "range_check", "unregister"]

F = TypeVar("F", bound=Callable[..., Any])

#: Modules holding the built-in checks, imported on first use of the registry.
BUILTIN_MODULES = (
    "numtheory.verify.checks_valuations",
    "numtheory.verify.checks_primes",
    "numtheory.verify.checks_factor",
    "numtheory.verify.checks_numerics",
)

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
        ``func(lo, hi, **params) -> ChunkResult``, or a predicate ``func(n, **params)``
        (told apart by arity, see :func:`range_check`).
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
    cases : callable or None
        Range checks: ``cases(lo, hi, **params)``, the most cases a chunk counts (default: one
        per ``n``); saved checkpoints are held to it.
    max_chunk : int or None
        Range checks: the largest chunk ``chunk_size="auto"`` may pick (default:
        :data:`numtheory.verify._sizing.MAX_AUTO_CHUNK`, for chunks holding arrays of their size).
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
    cases: Callable[..., int] | None = None
    max_chunk: int | None = None

    @property
    def is_range(self) -> bool:
        return self.kind != "plain"

    def max_cases(self, lo: int, hi: int, chunk_params: Mapping[str, Any]) -> int:
        """The most cases chunk ``[lo, hi)`` can count (one per ``n`` unless ``cases`` says).

        Checkpoint validation holds every saved chunk's counts to this bound.
        """
        if self.cases is None:
            return hi - lo
        return int(self.cases(lo, hi, **chunk_params))


def _register(entry: Check, replace: bool) -> None:
    _load_builtins()
    if not entry.name or entry.name != entry.name.strip():
        raise ValueError(f"check names must be non-empty words, got {entry.name!r}")
    if entry.name in _REGISTRY and not replace:
        existing = _REGISTRY[entry.name].func
        # The same function imported again (a module reloaded, or run as __main__ and
        # imported) may re-register; anything else is a clash. A partial has no __qualname__.
        if existing is not entry.func and _identity(existing) != _identity(entry.func):
            raise ValueError(f"a check named {entry.name!r} is already registered")
    _REGISTRY[entry.name] = entry


def _identity(func: Callable[..., Any]) -> tuple[str, str] | int:
    qualname = getattr(func, "__qualname__", None)
    return (func.__module__, qualname) if qualname else id(func)


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

    Returns
    -------
    callable
        The decorator; it registers the function and returns it unchanged.

    Examples
    --------
    >>> @check("doc-squares", claim="n^2 >= n for n = 0..9", replace=True)
    ... def squares() -> Outcome:
    ...     return Outcome(all(n * n >= n for n in range(10)), "10 cases", checked=10)
    >>> from numtheory import verify
    >>> verify.run("doc-squares", workers=1).ok
    True
    >>> unregister("doc-squares")
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
    kind: str | None = None,
    cases: Callable[..., int] | None = None,
    replace: bool = False,
    max_chunk: int | None = None,
) -> Callable[[F], F]:
    """Register a range check over ``n = start..upto``, split into chunks.

    The decorated function is either a chunk function ``func(lo, hi, **params)`` returning a
    :class:`~numtheory.verify.result.ChunkResult` for ``lo <= n < hi``, or a predicate
    ``func(n, **params)`` returning ``True`` when the claim holds at ``n`` (or an
    ``(ok, evidence_dict)`` pair). Which one is decided by arity: the positional parameters not
    declared in ``params`` (and without a default) are filled in by the runner; one makes a
    predicate, two a chunk function, whatever they are called. It must be a top-level
    function: chunks are pickled by reference to worker processes.

    A chunk function (the vectorised form: numpy over the whole chunk) may return, instead
    of a ``ChunkResult``, a plain result that the runner converts and validates:

    * a tuple ``(checked, failures)`` or ``(checked, failures, first_counterexample)``;
    * a dict with ``"checked"`` and optionally ``"failures"`` (default 0),
      ``"first_counterexample"`` and ``"max_error"``.

    ``checked`` and ``failures`` are integers (numpy integers too), ``0 <= failures <=
    checked``; ``first_counterexample`` is ``None``, the smallest failing ``n``, or a dict
    ``{"n": n, **evidence}``, and is required when ``failures > 0``; its ``n`` must lie in
    ``[lo, hi)``. numpy scalars and arrays in the evidence become Python numbers and lists.
    Anything else is a ``TypeError`` or ``ValueError`` naming the function, the chunk and the
    bad part, and the check fails with that error. The predicate form stays for checks one
    ``n`` at a time.

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
    kind : {"predicate", "chunk"}, optional
        Say what the function is instead of deriving it from the signature's arity.
    cases : callable, optional
        Chunk functions that count more than one case per ``n`` (pairs, triples):
        ``cases(lo, hi, **params)`` gives the most a chunk ``[lo, hi)`` can count. A
        checkpoint's saved counts are held to it (default: ``hi - lo``).
    max_chunk : int, optional
        The largest chunk that ``chunk_size="auto"`` may choose. The default (2**21) suits a
        chunk function holding a few arrays of the chunk's size; one that works in blocks of
        bounded size may allow more, so that a very cheap ``n`` still gets chunks long enough
        to keep a cluster's per-task overhead small.

    Returns
    -------
    callable
        The decorator; it registers the function and returns it unchanged.

    Raises
    ------
    ValueError
        The arity is neither one nor two (and no ``kind`` given), ``kind`` is unknown, or the
        runner could not call the function (a required keyword-only parameter not in
        ``params``, a declared parameter that is positional-only or comes before ``n``).

    Examples
    --------
    >>> @range_check("doc-odd-squares", claim="m^2 is odd for odd m", upto=9, replace=True)
    ... def odd_square(m):  # one positional parameter: a predicate on m
    ...     return m % 2 == 0 or m * m % 2 == 1
    >>> get_check("doc-odd-squares").kind
    'predicate'
    >>> unregister("doc-odd-squares")

    The chunk form with a plain result, vectorised with numpy:

    >>> import numpy as np
    >>> from numtheory.verify import run
    >>> @range_check("doc-squares-mod-8", claim="n^2 mod 8 is 0, 1 or 4", upto=10**5,
    ...              chunk_size=2**14, replace=True)
    ... def squares_mod_8(lo, hi):  # two positional parameters: a chunk function
    ...     n = np.arange(lo, hi, dtype=np.int64)
    ...     bad = np.flatnonzero(~np.isin(n * n % 8, (0, 1, 4)))
    ...     return n.size, bad.size, (lo + int(bad[0]) if bad.size else None)
    >>> run("doc-squares-mod-8", workers=1)["doc-squares-mod-8"].detail["checked"]
    100000
    >>> unregister("doc-squares-mod-8")
    """

    if kind not in (None, "predicate", "chunk"):
        raise ValueError(f"range_check kind must be 'predicate' or 'chunk', got {kind!r}")

    def decorate(func: F) -> F:
        found = _range_kind(name, func, dict(params or {}), kind)
        all_params = {"start": start, "upto": upto, **dict(params or {})}
        entry = Check(
            name, claim, source, func, all_params, found, chunk_size, facts, min_start, validate,
            cases, max_chunk,
        )  # fmt: skip
        _register(entry, replace)
        return func

    return decorate


_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _range_kind(
    name: str, func: Callable[..., Any], declared: Mapping[str, Any], kind: str | None = None
) -> str:
    """``"predicate"`` or ``"chunk"`` from the arity of ``func`` (see :func:`range_check`).

    The runner passes declared parameters by keyword and fills the rest positionally, so the
    count of required positional parameters that are not declared is the arity that matters.
    An explicit ``kind`` wins; either way a signature the runner could not call is refused
    here rather than failing in every chunk.
    """
    hint = "; pass kind='predicate' (f(n, **params)) or kind='chunk' (f(lo, hi, **params))"
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError) as exc:
        if kind is not None:
            return kind  # a builtin without a signature: the caller said what it is
        raise ValueError(f"range check {name!r}: cannot read the signature ({exc}){hint}") from exc
    _check_call_shape(name, signature, declared)
    if kind is not None:
        return kind
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in signature.parameters.values()):
        raise ValueError(f"range check {name!r}: *args makes the arity ambiguous{hint}")
    filled = [
        p.name
        for p in signature.parameters.values()
        if p.kind in _POSITIONAL and p.name not in declared and p.default is p.empty
    ]
    if len(filled) == 1:
        return "predicate"
    if len(filled) == 2:
        return "chunk"
    listed = ", ".join(filled) or "none"
    raise ValueError(
        f"range check {name!r}: {getattr(func, '__qualname__', func)!s} takes {len(filled)} "
        f"positional parameters not declared in params ({listed}); a predicate takes one "
        f"(n), a chunk function two (lo, hi){hint}"
    )


def _check_call_shape(name: str, signature: inspect.Signature, declared: Mapping[str, Any]) -> None:
    """Refuse a signature that ``func(n_or_lo_hi..., **declared)`` cannot call.

    Declared parameters go by keyword, so one that is positional-only, or that comes before
    a parameter the runner fills positionally, would collide; a required keyword-only
    parameter that is not declared would never be given.
    """
    where = f"range check {name!r}"
    seen_declared = ""
    for p in signature.parameters.values():
        if p.name in declared:
            if p.kind is inspect.Parameter.POSITIONAL_ONLY:
                raise ValueError(
                    f"{where}: parameter {p.name!r} is declared in params but positional-only; "
                    "params are passed by keyword"
                )
            seen_declared = seen_declared or p.name
        elif p.kind in _POSITIONAL and p.default is p.empty and seen_declared:
            raise ValueError(
                f"{where}: {p.name!r} is filled in positionally by the runner but comes after "
                f"the declared parameter {seen_declared!r}; put n (or lo, hi) first"
            )
        elif p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is p.empty:
            raise ValueError(
                f"{where}: keyword-only parameter {p.name!r} has no default and is not "
                "declared in params, so nothing would pass it"
            )


def unregister(name: str) -> None:
    """Remove a check (tests and scripts that register temporary checks).

    Parameters
    ----------
    name
        A registered check's name; an unknown one is ignored (cleanup code may call this
        for a check that failed to register).

    Examples
    --------
    >>> @check("doc-temporary", claim="1 + 1 = 2", replace=True)
    ... def temporary() -> Outcome:
    ...     return Outcome(1 + 1 == 2, "1 case")
    >>> "doc-temporary" in [c.name for c in checks()]
    True
    >>> unregister("doc-temporary")
    >>> "doc-temporary" in [c.name for c in checks()]
    False
    >>> unregister("doc-temporary")  # no longer registered: nothing happens
    """
    _REGISTRY.pop(name, None)


def _load_builtins() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        for module in BUILTIN_MODULES:
            importlib.import_module(module)


def checks() -> list[Check]:
    """All registered checks, built-in ones first, in registration order.

    Returns
    -------
    list of Check
        The registry's checks; changing the list does not change the registry.

    Examples
    --------
    >>> names = [c.name for c in checks()]
    >>> "central-binomial-2adic" in names and "gamma-identities" in names
    True
    """
    _load_builtins()
    return list(_REGISTRY.values())


def get_check(name: str) -> Check:
    """The check called ``name``; :class:`UnknownCheckError` (naming it) if there is none.

    Parameters
    ----------
    name
        The check's name (``numtheory verify --list`` lists them).

    Returns
    -------
    Check
        The registered check.

    Examples
    --------
    >>> get_check("mitchell").name
    'mitchell'
    >>> get_check("no-such-check")
    Traceback (most recent call last):
    ...
    numtheory.errors.UnknownCheckError: unknown check 'no-such-check'; known checks: ...
    """
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownCheckError(f"unknown check {excerpt(name)}; known checks: {known}") from None
