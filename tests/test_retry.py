"""The retry decorator and loop form on their own: a fake clock and sleep, nothing real."""

from __future__ import annotations

import inspect
import math
import random
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from numtheory.retry import (
    RetryEvent,
    RetryPolicy,
    parse_retry_after,
    retry,
    retrying,
    set_testing,
)

if TYPE_CHECKING:  # mypy checks it; typing.assert_type is Python >= 3.11 only
    from typing_extensions import assert_type
else:

    def assert_type(value: Any, typ: Any) -> Any:
        return value


class FakeTime:
    """A clock that advances only when slept."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Flaky:
    """Fails ``failures`` times with ``exc``, then returns ``"ok"``."""

    def __init__(self, failures: int, exc: Exception | None = None) -> None:
        self.failures = failures
        self.exc = exc or ConnectionError("flaky")
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc
        return "ok"


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.mark.parametrize(("failures", "sleeps"), [(0, 0), (1, 1), (3, 3)])
def test_attempts_until_success(fake: FakeTime, failures: int, sleeps: int) -> None:
    flaky = Flaky(failures)
    wrapped = retry(on=ConnectionError, attempts=5, sleep=fake.sleep, clock=fake.clock)(flaky)
    assert wrapped() == "ok"
    assert flaky.calls == failures + 1 and len(fake.sleeps) == sleeps


def test_gives_up_with_the_original_exception_and_no_final_sleep(fake: FakeTime) -> None:
    error = ConnectionError("down")
    flaky = Flaky(10, error)
    wrapped = retry(on=ConnectionError, attempts=3, sleep=fake.sleep, clock=fake.clock)(flaky)
    with pytest.raises(ConnectionError) as info:
        wrapped()
    assert info.value is error  # the same object, not a wrapper
    assert flaky.calls == 3 and len(fake.sleeps) == 2  # no sleep after the last attempt
    assert any("gave up after 3 attempt" in note for note in getattr(error, "__notes__", []))


def test_backoff_grows_within_jitter_bounds(fake: FakeTime) -> None:
    flaky = Flaky(10)
    wrapped = retry(
        on=ConnectionError,
        attempts=6,
        timeout=None,
        wait_initial=1.0,
        wait_max=10.0,
        wait_jitter=0.5,
        sleep=fake.sleep,
        clock=fake.clock,
        rng=random.Random(7),
    )(flaky)
    with pytest.raises(ConnectionError):
        wrapped()
    bases = [1.0, 2.0, 4.0, 8.0, 10.0]
    assert len(fake.sleeps) == 5
    for base, slept in zip(bases, fake.sleeps, strict=True):
        assert base <= slept <= min(10.0, base + 0.5)


def test_jitter_is_bounded_over_many_draws() -> None:
    policy = RetryPolicy(on=OSError, wait_initial=0.5, wait_jitter=1.0, wait_max=100)
    rng = random.Random(1)
    draws = [policy.backoff(1, rng) for _ in range(2000)]
    assert 0.5 <= min(draws) < 0.55 and 1.45 < max(draws) <= 1.5


def test_deadline_stops_before_a_wait_that_would_overrun(fake: FakeTime) -> None:
    flaky = Flaky(100)
    wrapped = retry(
        on=ConnectionError,
        attempts=None,
        timeout=10.0,
        wait_initial=1.0,
        wait_jitter=0.0,
        wait_max=100.0,
        sleep=fake.sleep,
        clock=fake.clock,
    )(flaky)
    with pytest.raises(ConnectionError):
        wrapped()
    assert fake.sleeps == [1.0, 2.0, 4.0]  # 7 s slept; a further 8 s would end past 10 s
    assert flaky.calls == 4 and fake.now <= 10.0


def test_only_listed_exceptions_are_retried(fake: FakeTime) -> None:
    flaky = Flaky(1, ValueError("a bug"))
    wrapped = retry(on=ConnectionError, sleep=fake.sleep, clock=fake.clock)(flaky)
    with pytest.raises(ValueError, match="a bug"):
        wrapped()
    assert flaky.calls == 1 and fake.sleeps == []


def test_predicate_filter(fake: FakeTime) -> None:
    def transient(exc: Exception) -> bool:
        return isinstance(exc, OSError) and exc.errno == 11

    again = Flaky(1, OSError(11, "try again"))
    assert retry(on=transient, sleep=fake.sleep)(again)() == "ok"
    fatal = Flaky(1, OSError(2, "no such file"))
    with pytest.raises(OSError, match="no such file"):
        retry(on=transient, sleep=fake.sleep)(fatal)()
    assert fatal.calls == 1


def test_keyboard_interrupt_passes_through(fake: FakeTime) -> None:
    calls = []

    @retry(on=lambda exc: True, attempts=5, sleep=fake.sleep)
    def interrupted() -> None:
        calls.append(1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert calls == [1] and fake.sleeps == []


def test_retry_after_is_a_minimum_wait(fake: FakeTime) -> None:
    class Throttled(Exception):
        retry_after = 7.0

    flaky = Flaky(1, Throttled())
    wrapped = retry(on=Throttled, wait_initial=0.1, sleep=fake.sleep, clock=fake.clock)(flaky)
    assert wrapped() == "ok" and fake.sleeps == [7.0]


def test_retry_after_above_the_cap_gives_up_at_once(fake: FakeTime) -> None:
    class Throttled(Exception):
        retry_after = 3600.0

    flaky = Flaky(1, Throttled())
    wrapped = retry(on=Throttled, retry_after_max=60, sleep=fake.sleep, clock=fake.clock)(flaky)
    with pytest.raises(Throttled):
        wrapped()
    assert flaky.calls == 1 and fake.sleeps == []


def test_on_retry_hook(fake: FakeTime) -> None:
    events: list[RetryEvent] = []
    flaky = Flaky(2)
    wrapped = retry(on=ConnectionError, on_retry=events.append, sleep=fake.sleep, clock=fake.clock)(
        flaky
    )
    wrapped()
    assert [e.attempt for e in events] == [1, 2]
    assert all(isinstance(e.exception, ConnectionError) for e in events)
    assert [e.wait for e in events] == fake.sleeps
    assert events[1].elapsed == pytest.approx(fake.sleeps[0])


def test_signature_and_metadata_are_kept() -> None:
    @retry(on=ConnectionError)
    def add(a: int, b: int = 2) -> int:
        """Add."""
        return a + b

    assert add(1) == 3 and add.__name__ == "add" and add.__doc__ == "Add."
    assert_type(add(1, b=3), int)  # checked by mypy: ParamSpec keeps the types
    assert str(inspect.signature(add)) == "(a: 'int', b: 'int' = 2) -> 'int'"


def test_generators_and_coroutines_are_refused() -> None:
    def gen() -> object:
        yield 1

    async def coro() -> None:
        return None

    for fn in (gen, coro):
        with pytest.raises(TypeError, match="generator or coroutine"):
            retry(on=ConnectionError)(fn)


@pytest.mark.parametrize(
    "kwargs", [{"attempts": None, "timeout": None}, {"attempts": 0}, {"timeout": 0}]
)
def test_unbounded_or_silly_policies_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="retry needs"):
        retry(on=ConnectionError, **kwargs)  # type: ignore[arg-type]


def test_deadline_counts_the_time_the_attempts_take(fake: FakeTime) -> None:
    calls = []

    def slow() -> None:
        calls.append(fake.now)
        fake.now += 4.0  # each attempt takes 4 s
        raise ConnectionError("slow and failing")

    wrapped = retry(
        on=ConnectionError,
        attempts=10,
        timeout=10.0,
        wait_initial=1.0,
        wait_jitter=0.0,
        sleep=fake.sleep,
        clock=fake.clock,
    )(slow)
    with pytest.raises(ConnectionError) as info:
        wrapped()
    # 4 s, wait 1, 4 s (9 s): a 2 s wait would end at 11 s, past the deadline
    assert calls == [0.0, 5.0] and fake.sleeps == [1.0]
    assert any("deadline of 10 s" in note for note in getattr(info.value, "__notes__", []))


def test_hook_is_not_called_when_giving_up(fake: FakeTime) -> None:
    events: list[RetryEvent] = []
    wrapped = retry(on=ConnectionError, attempts=3, on_retry=events.append, sleep=fake.sleep)(
        Flaky(10)
    )
    with pytest.raises(ConnectionError):
        wrapped()
    assert [e.attempt for e in events] == [1, 2] and len(fake.sleeps) == 2


@pytest.mark.parametrize("on", [BaseException, KeyboardInterrupt, (ValueError, SystemExit), ()])
def test_base_exceptions_cannot_be_retried(on: object) -> None:
    with pytest.raises(TypeError, match="Exception subclass"):
        retry(on=on)  # type: ignore[arg-type]


def test_huge_attempt_numbers_do_not_overflow() -> None:
    policy = RetryPolicy(on=OSError, wait_initial=0.5, wait_jitter=0, wait_max=7)
    assert policy.backoff(5000) == 7.0
    assert RetryPolicy(on=OSError, wait_initial=0, wait_jitter=0).backoff(5000) == 0.0


def test_parse_retry_after() -> None:
    now = datetime(2015, 10, 21, 7, 27, 30, tzinfo=timezone.utc)
    assert parse_retry_after(" 120 ") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now) == 30.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0.0  # past: no wait
    for bad in ("soon", "-5", "1.5", "", None):
        assert parse_retry_after(bad, now) is None


def test_parse_retry_after_hostile_values() -> None:
    """Found by the fault pass: 5,000 nines crashed the CLI (exit 4, OverflowError from
    float(int(...))), and '²' (str.isdigit() is True for it) raised ValueError."""
    now = datetime(2015, 10, 21, 7, 27, 30, tzinfo=timezone.utc)
    assert parse_retry_after("9" * 5000, now) == math.inf  # absurd: give up, never wait
    assert parse_retry_after("1" + "0" * 15, now) == math.inf
    assert parse_retry_after("999999999999999", now) == 999999999999999.0  # 15 digits: as is
    assert parse_retry_after("000120", now) == 120.0
    for bad in ("²", "１２", "+5", "1e400", "nan", "0x10", "9" * 100 + "x"):
        assert parse_retry_after(bad, now) is None, bad
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now) == pytest.approx(
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc) - now).total_seconds()
    )
    assert parse_retry_after("Mon, 01 Jan 0001 00:00:00 +2359", now) in (0.0, None)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT" + " " * 100 + "x", now) is None


def test_loop_form_honours_retry_after_and_the_deadline(fake: FakeTime) -> None:
    class Throttled(Exception):
        retry_after = 6.0

    calls = []
    with pytest.raises(Throttled):
        for attempt in retrying(
            on=Throttled, attempts=5, timeout=10.0, sleep=fake.sleep, clock=fake.clock
        ):
            with attempt:
                calls.append(attempt.number)
                raise Throttled
    assert calls == [1, 2] and fake.sleeps == [6.0]  # a second 6 s wait would pass 10 s


def test_loop_form(fake: FakeTime) -> None:
    flaky = Flaky(2)
    seen = []
    for attempt in retrying(on=ConnectionError, attempts=5, sleep=fake.sleep, clock=fake.clock):
        with attempt:
            seen.append(attempt.number)
            result = flaky()
    assert result == "ok" and seen == [1, 2, 3] and len(fake.sleeps) == 2


def test_loop_form_reraises_after_the_last_attempt(fake: FakeTime) -> None:
    flaky = Flaky(10)
    with pytest.raises(ConnectionError):
        for attempt in retrying(on=ConnectionError, attempts=3, sleep=fake.sleep):
            with attempt:
                flaky()
    assert flaky.calls == 3 and len(fake.sleeps) == 2


def test_loop_form_does_not_swallow_other_exceptions(fake: FakeTime) -> None:
    for exc in (KeyboardInterrupt(), SystemExit(1), KeyError("bug")):
        calls = []
        with pytest.raises(type(exc)):
            for attempt in retrying(on=ConnectionError, attempts=3, sleep=fake.sleep):
                with attempt:
                    calls.append(1)
                    raise exc
        assert calls == [1]
    assert fake.sleeps == []


def test_testing_switch_removes_waits_and_caps_attempts() -> None:
    slept: list[float] = []
    flaky = Flaky(10)
    wrapped = retry(on=ConnectionError, attempts=5, sleep=slept.append)(flaky)
    with set_testing(attempts=2), pytest.raises(ConnectionError):
        wrapped()
    assert flaky.calls == 2 and slept == []
    flaky.calls = 0
    with pytest.raises(ConnectionError):
        wrapped()  # the switch is off again: five attempts, four waits
    assert flaky.calls == 5 and len(slept) == 4


def test_with_options_copies_and_revalidates() -> None:
    # used by the OEIS client to fit one call's deadline into its policy
    policy = RetryPolicy(on=OSError, attempts=4, timeout=30.0)
    fitted = policy.with_options(timeout=2.5)
    assert (fitted.attempts, fitted.timeout) == (4, 2.5)
    assert policy.timeout == 30.0  # the original is unchanged (frozen)
    with pytest.raises(ValueError, match="attempts >= 1"):
        policy.with_options(attempts=0)


def test_attempt_keeps_no_unused_state() -> None:
    # issue 11: Attempt._loop_done was written on success and never read
    from numtheory.retry import Attempt

    assert "_loop_done" not in Attempt.__slots__
    attempt = Attempt(1, RetryPolicy(on=OSError, attempts=1), final=True)
    with attempt:
        pass
    assert not hasattr(attempt, "_loop_done")
