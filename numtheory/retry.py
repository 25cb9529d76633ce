"""Retrying flaky operations: a decorator and an inline loop form. Generic: knows no HTTP.

Two ways to use the same policy::

    @retry(on=ConnectionError, attempts=4, timeout=30)
    def fetch(url: str) -> bytes: ...

    for attempt in retrying(on=ConnectionError, attempts=4):
        with attempt:
            data = fetch_inline()      # local variables stay in scope, no function to extract

The loop form is the "iterator + context manager" idea of the seed article (kexue.fm 9938),
with the knobs it lacked. In both forms:

* only the listed exception types (or those a predicate accepts) are retried; anything else,
  and every ``BaseException`` that is not an ``Exception`` (``KeyboardInterrupt``,
  ``SystemExit``), passes straight through on the first occurrence;
* the wait before retry *n* (1-based) is
  ``min(wait_max, wait_initial * wait_exp_base**(n-1) + uniform(0, wait_jitter))``;
* if the exception carries a ``retry_after`` attribute (seconds, e.g. parsed from an HTTP
  ``Retry-After`` header), the wait is at least that long; a hint above ``retry_after_max``
  means "give up now" rather than stalling for an hour;
* there are at most ``attempts`` calls and, with ``timeout``, a total deadline: a wait that
  would end past the deadline is not started, the last exception is raised instead;
* there is never a sleep after the last attempt, and the exception raised at the end is the
  original one (not a wrapper), with a note saying how many attempts were made.

Tests never need to sleep: pass ``sleep=`` and ``clock=``, or switch the module into testing
mode with :func:`set_testing` (no waits, optionally fewer attempts)::

    with set_testing(attempts=2):
        ...

>>> calls = []
>>> @retry(on=ValueError, attempts=3, sleep=lambda s: None)
... def flaky() -> str:
...     calls.append(1)
...     if len(calls) < 3:
...         raise ValueError("not yet")
...     return "ok"
>>> flaky(), len(calls)
('ok', 3)
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import inspect
import logging
import math
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from types import TracebackType
from typing import ParamSpec, TypeVar

__all__ = [
    "Attempt",
    "RetryEvent",
    "RetryPolicy",
    "parse_retry_after",
    "retry",
    "retrying",
    "set_testing",
]

P = ParamSpec("P")
R = TypeVar("R")

logger = logging.getLogger("numtheory.retry")

#: What to retry: an exception class, a tuple of them, or a predicate on the exception.
RetryOn = type[Exception] | tuple[type[Exception], ...] | Callable[[Exception], bool]


@dataclass(frozen=True)
class RetryEvent:
    """What the ``on_retry`` hook is told before each wait."""

    name: str  #: the decorated function's qualified name, or the loop's ``name``
    attempt: int  #: the attempt that just failed (1-based)
    wait: float  #: seconds about to be slept
    elapsed: float  #: seconds since the first attempt started
    exception: Exception  #: what the failed attempt raised


@dataclass
class _Testing:
    attempts: int | None


_testing_lock = threading.Lock()
_testing: _Testing | None = None


@contextlib.contextmanager
def _testing_scope(previous: _Testing | None) -> Iterator[None]:
    global _testing
    try:
        yield
    finally:
        with _testing_lock:
            _testing = previous


def set_testing(
    on: bool = True, *, attempts: int | None = None
) -> contextlib.AbstractContextManager[None]:
    """Switch every retry loop in the process to testing mode: no waits at all.

    ``attempts`` (if given) caps the number of attempts. Use it as a plain call (it stays on
    until ``set_testing(False)``) or as a context manager (restored on exit).

    Parameters
    ----------
    on
        True: no waits from now on; False: back to normal.
    attempts
        At most this many attempts per loop while on (None: as each loop says).

    Returns
    -------
    context manager
        Restores the previous mode on exit (ignore it for the plain-call form).

    Examples
    --------
    >>> waits = []
    >>> with set_testing():
    ...     for attempt in retrying(on=KeyError, attempts=3, sleep=waits.append):
    ...         with attempt:
    ...             if attempt.number < 3:
    ...                 raise KeyError("not yet")
    >>> attempt.number, waits
    (3, [])
    """
    global _testing
    with _testing_lock:
        previous = _testing
        _testing = _Testing(attempts) if on else None
    return _testing_scope(previous)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from an HTTP ``Retry-After`` value (delay-seconds or an HTTP-date).

    A past date gives ``0.0``; a delay of more than 15 digits gives ``inf`` (a server asking
    for an absurd wait is given up on, never waited for); anything else that is not
    ``1*DIGIT`` or an HTTP-date (RFC 9110: ``"-5"``, ``"1.5"``, non-ASCII digits such as
    ``"²"``, dates out of range) gives ``None``, as if there were no header.

    Parameters
    ----------
    value
        The header's value (None when absent).
    now
        The current time, for an HTTP-date (default: now, UTC).

    Returns
    -------
    float or None
        Seconds, at least 0.0; None when absent or unparseable.

    Examples
    --------
    >>> parse_retry_after("120")
    120.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT",
    ...                   now=datetime(2015, 10, 21, 7, 27, 30, tzinfo=timezone.utc))
    30.0
    >>> parse_retry_after("soon") is None
    True
    >>> parse_retry_after("-5"), parse_retry_after("9" * 400)
    (None, inf)
    """
    if value is None:
        return None
    text = value.strip()
    if _DELAY_SECONDS.fullmatch(text):  # ASCII digits only: '²'.isdigit() is True
        digits = text.lstrip("0") or "0"
        # int() of a long digit string is quadratic and float() of it overflows
        return math.inf if len(digits) > 15 else float(int(digits))
    if len(text) > 64:  # no HTTP-date is this long
        return None
    try:
        when = email.utils.parsedate_to_datetime(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        now = now or datetime.now(timezone.utc)
        return max(0.0, (when - now).total_seconds())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


_DELAY_SECONDS = re.compile(r"[0-9]+")


def _retry_after_of(exc: BaseException) -> float | None:
    value = getattr(exc, "retry_after", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    return None


@dataclass(frozen=True)
class RetryPolicy:
    """A retry policy: what to retry, how often, how long to wait. Immutable and reusable.

    ``sleep`` and ``clock`` default to :func:`time.sleep` and :func:`time.monotonic` (looked up
    when a loop starts, so they can be patched); ``rng`` defaults to the :mod:`random` module.
    """

    on: RetryOn
    attempts: int | None = 5
    timeout: float | None = 30.0
    wait_initial: float = 0.5
    wait_max: float = 10.0
    wait_jitter: float = 1.0
    wait_exp_base: float = 2.0
    retry_after_max: float = 60.0
    on_retry: Callable[[RetryEvent], None] | None = None
    sleep: Callable[[float], None] | None = None
    clock: Callable[[], float] | None = None
    rng: random.Random | None = None

    def __post_init__(self) -> None:
        if self.attempts is None and self.timeout is None:
            raise ValueError(
                "retry needs attempts or timeout (or both); got neither: it would never stop"
            )
        if self.attempts is not None and self.attempts < 1:
            raise ValueError(f"retry needs attempts >= 1, got {self.attempts}")
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError(f"retry needs timeout > 0, got {self.timeout}")
        for name in ("wait_initial", "wait_max", "wait_jitter", "retry_after_max"):
            if getattr(self, name) < 0:
                raise ValueError(f"retry needs {name} >= 0, got {getattr(self, name)}")
        if self.wait_exp_base < 1:
            raise ValueError(f"retry needs wait_exp_base >= 1, got {self.wait_exp_base}")
        on = self.on
        if isinstance(on, tuple):
            if not on or not all(isinstance(t, type) and issubclass(t, Exception) for t in on):
                raise TypeError(f"retry(on=...) needs Exception subclasses, got {on!r}")
        elif isinstance(on, type):
            if not issubclass(on, Exception):  # BaseException would retry KeyboardInterrupt
                raise TypeError(f"retry(on=...) needs an Exception subclass, got {on!r}")
        elif not callable(on):
            raise TypeError(f"retry(on=...) needs exception types or a predicate, got {on!r}")

    def with_options(self, **changes: object) -> RetryPolicy:
        """A copy with some fields changed (``policy.with_options(attempts=2)``)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def should_retry(self, exc: BaseException) -> bool:
        """True if ``exc`` is one this policy retries (never for non-``Exception``\\ s)."""
        if not isinstance(exc, Exception):
            return False
        on = self.on
        if isinstance(on, (type, tuple)):
            return isinstance(exc, on)
        return bool(on(exc))

    def backoff(self, retry_number: int, rng: random.Random | None = None) -> float:
        """The computed wait before retry ``retry_number`` (1-based), jitter included.

        >>> policy = RetryPolicy(on=OSError, wait_initial=1, wait_jitter=0, wait_max=5)
        >>> [policy.backoff(n) for n in (1, 2, 3, 4, 50)]
        [1.0, 2.0, 4.0, 5.0, 5.0]
        """
        try:
            base = self.wait_initial * self.wait_exp_base ** (retry_number - 1)
        except OverflowError:  # a huge exponent: the cap applies (0 stays 0)
            base = math.inf if self.wait_initial > 0 else 0.0
        jitter = (
            (rng or self.rng or random).uniform(0, self.wait_jitter) if self.wait_jitter else 0.0
        )
        return float(min(self.wait_max, base + jitter))

    def attempts_iter(self, name: str = "retrying") -> Iterator[Attempt]:
        """The loop form: ``for attempt in policy.attempts_iter(): with attempt: ...``."""
        return _run(self, name)

    def __call__(self, fn: Callable[P, R]) -> Callable[P, R]:
        """Use the policy as a decorator."""
        if (
            inspect.iscoroutinefunction(fn)
            or inspect.isgeneratorfunction(fn)
            or inspect.isasyncgenfunction(fn)
        ):
            raise TypeError(
                f"retry cannot wrap {getattr(fn, '__qualname__', fn)!r}: it is a generator or "
                "coroutine function, whose body runs after the call returns; retry the inner call"
            )
        name = getattr(fn, "__qualname__", repr(fn))
        policy = self

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in _run(policy, name):
                with attempt:
                    return fn(*args, **kwargs)
            raise AssertionError(
                "unreachable: the retry loop ended without a result"
            )  # pragma: no cover

        return wrapper


class Attempt:
    """One attempt of a retry loop; use it as ``with attempt: ...``.

    On leaving the ``with`` block, an exception the policy retries is kept (and swallowed) if
    another attempt will follow; otherwise it propagates unchanged.
    """

    __slots__ = ("_exc", "_final", "_policy", "number")

    def __init__(self, number: int, policy: RetryPolicy, final: bool) -> None:
        self.number = number  #: 1-based attempt number
        self._policy = policy
        self._final = final
        self._exc: Exception | None = None

    def __repr__(self) -> str:
        return f"<Attempt {self.number}>"

    def __enter__(self) -> Attempt:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc is None:
            return False
        if not isinstance(exc, Exception) or not self._policy.should_retry(exc):
            return False  # KeyboardInterrupt, SystemExit, or not ours to retry: propagate
        if self._final:  # the last attempt: re-raise as-is (with a note for tracebacks)
            if hasattr(exc, "add_note"):
                exc.add_note(f"numtheory.retry: gave up after {self.number} attempt(s)")
            return False
        self._exc = exc
        return True


def _run(policy: RetryPolicy, name: str) -> Iterator[Attempt]:
    testing = _testing
    limit = policy.attempts
    if testing is not None and testing.attempts is not None:
        limit = testing.attempts if limit is None else min(limit, testing.attempts)
    sleep = time.sleep if policy.sleep is None else policy.sleep
    clock = time.monotonic if policy.clock is None else policy.clock
    start = clock()
    number = 0
    while True:
        number += 1
        final = limit is not None and number >= limit
        attempt = Attempt(number, policy, final)
        yield attempt
        exc = attempt._exc
        if exc is None:  # success, or the body never entered the `with`
            return
        elapsed = clock() - start
        hint = _retry_after_of(exc)
        wait = 0.0 if testing is not None else policy.backoff(number)
        if hint is not None:
            if hint > policy.retry_after_max:
                _give_up(exc, number, elapsed, f"server asked to wait {hint:g} s")
            if testing is None:
                wait = max(wait, hint)
        if policy.timeout is not None and elapsed + wait > policy.timeout:
            _give_up(exc, number, elapsed, f"deadline of {policy.timeout:g} s")
        event = RetryEvent(name, number, wait, elapsed, exc)
        logger.info(
            "%s: attempt %d failed (%s: %s); retrying in %.2f s",
            name, number, type(exc).__name__, exc, wait,
        )  # fmt: skip
        if policy.on_retry is not None:
            policy.on_retry(event)
        if wait > 0:
            sleep(wait)


def _give_up(exc: Exception, number: int, elapsed: float, why: str) -> None:
    note = f"numtheory.retry: gave up after {number} attempt(s) in {elapsed:.1f} s ({why})"
    if hasattr(exc, "add_note"):
        exc.add_note(note)
    raise exc


def retry(
    on: RetryOn,
    *,
    attempts: int | None = 5,
    timeout: float | None = 30.0,
    wait_initial: float = 0.5,
    wait_max: float = 10.0,
    wait_jitter: float = 1.0,
    wait_exp_base: float = 2.0,
    retry_after_max: float = 60.0,
    on_retry: Callable[[RetryEvent], None] | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    rng: random.Random | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: call the function again when it raises one of ``on``.

    Parameters
    ----------
    on
        Exception class(es) to retry, or a predicate ``exc -> bool``. Required: retrying
        every ``Exception`` hides bugs.
    attempts
        Total number of calls, the first included (``None``: limited by ``timeout`` only).
    timeout
        Total seconds, waits included, after which no new attempt starts (``None``: no limit).
    wait_initial, wait_exp_base, wait_max, wait_jitter
        Backoff: ``min(wait_max, wait_initial * wait_exp_base**(n-1) + U(0, wait_jitter))``.
    retry_after_max
        An exception whose ``retry_after`` exceeds this is re-raised at once.
    on_retry
        Called with a :class:`RetryEvent` before every wait.
    sleep, clock, rng
        Injectable for tests (defaults: :func:`time.sleep`, :func:`time.monotonic`, :mod:`random`).

    Returns
    -------
    A decorator that keeps the wrapped function's signature (``ParamSpec``).

    Raises
    ------
    The wrapped function's own exception, unchanged, when the attempts or the time run out.

    Examples
    --------
    >>> calls = []
    >>> @retry(on=ConnectionError, attempts=3, sleep=lambda seconds: None)
    ... def flaky() -> str:
    ...     calls.append(1)
    ...     if len(calls) < 3:
    ...         raise ConnectionError("reset")
    ...     return "ok"
    >>> flaky(), len(calls)
    ('ok', 3)
    """
    return RetryPolicy(
        on=on,
        attempts=attempts,
        timeout=timeout,
        wait_initial=wait_initial,
        wait_max=wait_max,
        wait_jitter=wait_jitter,
        wait_exp_base=wait_exp_base,
        retry_after_max=retry_after_max,
        on_retry=on_retry,
        sleep=sleep,
        clock=clock,
        rng=rng,
    )


def retrying(
    on: RetryOn,
    *,
    attempts: int | None = 5,
    timeout: float | None = 30.0,
    wait_initial: float = 0.5,
    wait_max: float = 10.0,
    wait_jitter: float = 1.0,
    wait_exp_base: float = 2.0,
    retry_after_max: float = 60.0,
    on_retry: Callable[[RetryEvent], None] | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    rng: random.Random | None = None,
    name: str = "retrying",
) -> Iterator[Attempt]:
    """The loop form of :func:`retry`, for code that should stay inline.

    A failed attempt that will be retried is swallowed at the end of its ``with`` block, so
    put everything that needs the attempt's result inside the block (or after the loop).

    Parameters
    ----------
    on, attempts, timeout, wait_initial, wait_max, wait_jitter, wait_exp_base, retry_after_max
        As in :func:`retry`.
    on_retry, sleep, clock, rng
        As in :func:`retry`.
    name
        Names the loop in retry events and log lines.

    Yields
    ------
    Attempt
        A context manager per attempt; ``attempt.number`` counts from 1.

    Examples
    --------
    >>> tries = []
    >>> for attempt in retrying(on=KeyError, attempts=4, sleep=lambda s: None):
    ...     with attempt:
    ...         tries.append(attempt.number)
    ...         if len(tries) < 2:
    ...             raise KeyError("flaky")
    >>> tries
    [1, 2]
    """
    policy = RetryPolicy(
        on=on,
        attempts=attempts,
        timeout=timeout,
        wait_initial=wait_initial,
        wait_max=wait_max,
        wait_jitter=wait_jitter,
        wait_exp_base=wait_exp_base,
        retry_after_max=retry_after_max,
        on_retry=on_retry,
        sleep=sleep,
        clock=clock,
        rng=rng,
    )
    return _run(policy, name)
