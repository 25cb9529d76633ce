"""Automatic chunk sizing: the rule with injected measurements, then real sweeps with it.

The executor and clock here are fakes with known costs (an overhead per task, a central cost
per task, seconds per n), so what the measurement finds and the size the rule picks are
exact; the rule itself is checked against its definition, recomputed independently.
"""

from __future__ import annotations

import json
import math
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory import verify
from numtheory.errors import InputError
from numtheory.verify import _sizing
from numtheory.verify._pool import run_chunk
from numtheory.verify._sizing import (
    CHUNKS_PER_WORKER,
    MARGIN,
    MAX_AUTO_CHUNK,
    MAX_OVERHEAD,
    MIN_CHUNK_SECONDS,
    auto_size,
    choose_size,
    empty_task,
    measure_overhead,
    recorded_chunk_sizes,
)
from numtheory.verify.result import ChunkResult
from numtheory.verify.sweep import GivenExecutor, choose_chunk_size
from tests.cli.helpers import invoke
from tests.verify.test_sweep import evidence


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _count_97(lo: int, hi: int) -> ChunkResult:
    result = ChunkResult(lo, hi, checked=hi - lo)
    for n in range(lo, hi):
        if n % 97 == 0:
            result.fail(n)
    return result


class FakeCluster(Executor):
    """Tasks finish when submitted. Each costs ``latency`` seconds of the fake clock when it
    runs alone; a burst of k tasks costs ``k * central`` (a serial scheduler) or ``latency``,
    whichever is more, once all are collected. A chunk reports ``per_n`` seconds per n."""

    def __init__(self, clock: FakeClock, latency: float, central: float, per_n: float) -> None:
        self.clock, self.latency, self.central, self.per_n = clock, latency, central, per_n
        self.chunks: list[tuple[int, int]] = []
        self.pending = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        lo, hi = args[2], args[3]
        if fn is empty_task:
            result = fn(*args)
        else:
            self.chunks.append((lo, hi))
            result = _count_97(lo, hi)
            result.seconds = self.per_n * (hi - lo)
        # The clock moves when the result is read: alone, a round trip; in a burst, the
        # central cost of every task submitted since the last read.
        self.pending += 1
        future: Future[Any] = Future()
        cluster = self

        def result_once(timeout: float | None = None) -> Any:
            if cluster.pending:
                cluster.clock.now += max(cluster.latency, cluster.pending * cluster.central)
                cluster.pending = 0
            return result

        future.set_result(result)
        future.result = result_once  # type: ignore[method-assign]
        return future


def test_measured_overhead_is_the_fakes_and_per_chunk_takes_the_central_cost() -> None:
    clock = FakeClock()
    fake = FakeCluster(clock, latency=0.003, central=0.001, per_n=2e-7)
    cost = measure_overhead(fake, None, "chunk", 0, {}, workers=2, clock=clock)
    assert cost.latency == pytest.approx(0.003)
    assert cost.burst == pytest.approx(0.001)  # 8 tasks at 1 ms each, serially
    assert cost.per_chunk(2) == pytest.approx(0.003)  # two workers: latency dominates
    assert cost.per_chunk(100) == pytest.approx(0.1)  # 100 workers queue at the scheduler


def test_auto_size_from_injected_measurements() -> None:
    clock = FakeClock()
    fake = FakeCluster(clock, latency=0.003, central=0.0001, per_n=2e-7)
    total = 10**9
    choice = auto_size(fake, run_chunk, None, "chunk", 0, total, {}, 2, 1000, clock=clock)
    # 2 * 3 ms / 5% = 0.12 s of compute per chunk at 0.2 us per n.
    assert (choice.size, choice.bound) == (600_000, "overhead")
    assert choice.seconds_per_n == pytest.approx(2e-7)
    assert choice.probe_seconds >= _sizing.PROBE_SECONDS  # the probe grew until measurable
    assert all(lo == 0 for lo, _ in fake.chunks)  # probes at the start of the range only
    assert sum(hi - lo for lo, hi in fake.chunks) <= 2 * total // _sizing.PROBE_SHARE


def test_probe_stays_a_small_share_of_a_small_range() -> None:
    clock = FakeClock()
    fake = FakeCluster(clock, latency=0.02, central=0.0, per_n=1e-6)
    choice = auto_size(fake, run_chunk, None, "chunk", 5, 5 + 10_000, {}, 2, 1000, clock=clock)
    assert max(hi - lo for lo, hi in fake.chunks) <= 10_000 // _sizing.PROBE_SHARE
    # 2 * 20 ms / 5% = 0.8 s per chunk would be 800,000 n: capped at 8 chunks of 1,250.
    assert (choice.size, choice.bound) == (1250, "balance")


@given(
    total=st.integers(1, 10**13),
    workers=st.integers(1, 1000),
    per_n=st.floats(1e-10, 10.0),
    overhead=st.floats(0.0, 1.0),
)
def test_choose_size_obeys_its_rule(
    total: int, workers: int, per_n: float, overhead: float
) -> None:
    size, bound = choose_size(total, workers, per_n, overhead)
    balance = max(1, total // (CHUNKS_PER_WORKER * workers))

    def share(k: int) -> float:  # the overhead's share of a chunk of k, times the margin
        return MARGIN * overhead / (k * per_n)

    def long_enough(k: int) -> bool:
        return k * per_n >= MIN_CHUNK_SECONDS * (1 - 1e-9)

    assert 1 <= size <= min(MAX_AUTO_CHUNK, balance)

    def enough(k: int) -> bool:  # what the rule asks of a chunk of k numbers
        return share(k) <= MAX_OVERHEAD * (1 + 1e-9) and long_enough(k)

    if bound in ("overhead", "min-time"):
        assert enough(size) and (size == 1 or not enough(size - 1))  # the least that does
    else:
        assert size == (MAX_AUTO_CHUNK if bound == "memory" else balance)
        uncapped, why = choose_size(10**30, 1, per_n, overhead, max_size=10**30)
        assert why in ("overhead", "min-time") and uncapped > size  # the cap was below it
    if total >= CHUNKS_PER_WORKER * workers:  # enough chunks to keep every worker busy
        assert -(-total // size) >= CHUNKS_PER_WORKER * workers


# -- real sweeps -------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_auto_gives_the_same_answer_as_fixed_sizes(workers: int) -> None:
    name = "euler-prime-polynomial"
    fixed = verify.run(name, params={"upto": 3000}, workers=1, chunk_size=100)
    auto = verify.run(name, params={"upto": 3000}, workers=workers, chunk_size="auto")
    assert evidence(auto, name) == evidence(fixed, name)
    detail = auto[name].detail
    sizing = detail["chunk_sizing"]
    assert detail["chunk_size"] == sizing["size"] and sizing["workers"] == workers
    assert (sizing["size"], sizing["bound"]) == choose_size(
        3001, workers, sizing["seconds_per_n"], sizing["overhead"]
    )
    assert detail["chunks"] >= CHUNKS_PER_WORKER * workers


def test_explicit_size_wins_and_records_no_sizing() -> None:
    detail = verify.run("euler-prime-polynomial", params={"upto": 300}, chunk_size=7)[
        "euler-prime-polynomial"
    ].detail
    assert detail["chunk_size"] == 7 and "chunk_sizing" not in detail


def test_bad_chunk_size_text_is_refused() -> None:
    with pytest.raises(InputError, match="'big'"):
        verify.run("kummer", chunk_size="big")
    result = invoke("verify", "kummer", "--chunk-size", "big")
    assert result.code == 2 and "big" in result.err


def test_auto_checkpoint_records_the_size_and_resumes_with_it(tmp_path: Path) -> None:
    store = tmp_path / "run.json"
    name = "euler-prime-polynomial"
    first = verify.run(name, params={"upto": 2000}, workers=1, chunk_size="auto", checkpoint=store)
    size = first[name].detail["chunk_size"]
    assert json.loads(store.read_text())["run"]["checks"][name]["chunk_size"] == size
    again = verify.run(name, params={"upto": 2000}, workers=1, chunk_size="auto", checkpoint=store)
    detail = again[name].detail
    assert (
        detail["chunks_computed"] == 0 and detail["chunks_resumed"] == first[name].detail["chunks"]
    )
    assert "chunk_sizing" not in detail  # nothing was measured: the file's grid was reused
    assert evidence(again, name) == evidence(first, name)


def test_auto_resumes_a_checkpoint_written_with_an_explicit_size(tmp_path: Path) -> None:
    store = tmp_path / "run.json"
    name = "euler-prime-polynomial"
    verify.run(name, params={"upto": 999}, workers=1, chunk_size=37, checkpoint=store)
    detail = verify.run(name, params={"upto": 999}, chunk_size="auto", checkpoint=store)[
        name
    ].detail
    assert detail["chunk_size"] == 37 and detail["chunks_computed"] == 0
    assert detail["chunks_resumed"] == math.ceil(1000 / 37)


def test_cli_chunk_size_auto(tmp_path: Path) -> None:
    result = invoke(
        "verify", "euler-prime-polynomial", "--import", "tests.verify.plugin_checks",
        "--upto", "1500", "--workers", "1", "--chunk-size", "auto", "--json",
    )  # fmt: skip
    assert result.code == 1, result.err  # the claim is false at n = 40
    detail = result.json()["checks"][0]["detail"]
    assert detail["first_counterexample"]["n"] == 40 and detail["checked"] == 1501
    assert detail["chunk_sizing"]["size"] == detail["chunk_size"]


def test_recorded_sizes_of_damaged_files_are_empty(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for text in ("{not json", "[]", '{"run": {"checks": {"x": {"chunk_size": true}}}}'):
        bad.write_text(text)
        assert recorded_chunk_sizes(bad) == {}
    bad.write_text('{"run": {"checks": {"x": {"chunk_size": 12}, "y": {"chunk_size": 0}}}}')
    assert recorded_chunk_sizes(bad) == {"x": 12}
    assert recorded_chunk_sizes(tmp_path / "missing.json") == {}


def test_a_check_that_raises_falls_back_and_reports_the_error(temporary: list[str]) -> None:
    @verify.range_check("sizing-raises", claim="x", upto=500, chunk_size=50, replace=True)
    def raises(lo: int, hi: int) -> ChunkResult:
        raise ArithmeticError("planted")

    temporary.append("sizing-raises")
    messages: list[str] = []
    report = verify.run("sizing-raises", workers=1, chunk_size="auto", log=messages.append)
    result = report["sizing-raises"]
    assert not result.passed and "planted" in result.detail["error"]
    assert any("could not measure a chunk size" in m and "50 per chunk" in m for m in messages)


def test_a_given_pool_is_auto_sized_by_default_for_its_own_size() -> None:
    name = "euler-prime-polynomial"
    with ProcessPoolExecutor(2) as pool:
        report = verify.run(name, params={"upto": 2000}, executor=pool)
    sizing = report[name].detail["chunk_sizing"]  # auto: the default on an executor
    assert sizing["workers"] == 2  # its size, not a guess of 8
    fixed = verify.run(name, params={"upto": 2000}, workers=1)
    assert evidence(report, name) == evidence(fixed, name)


@pytest.mark.parametrize("per_n", [1.0, 1e-3, 2e-7])
def test_the_probe_is_bounded_in_time_for_a_slow_check(per_n: float, temporary: list[str]) -> None:
    """A check whose every n takes a second, with a declared size of 1000: the probe must
    not compute 1000 of them (it used to start at min(chunk_size, 1024) numbers). Each probe
    step but the last computes under PROBE_SECONDS and the last at most 16x the one before,
    so the probe costs at most one n or about 16 * PROBE_SECONDS, whatever the check."""

    @verify.range_check("sizing-slow", claim="x", upto=10**5, chunk_size=1000, replace=True)
    def slow(lo: int, hi: int) -> ChunkResult:
        raise AssertionError("the fake cluster computes chunks itself")

    temporary.append("sizing-slow")
    clock = FakeClock()
    fake = FakeCluster(clock, latency=0.003, central=0.0, per_n=per_n)
    check = verify.get_check("sizing-slow")
    choice = choose_chunk_size(check, {"start": 0, "upto": 10**5}, GivenExecutor(fake, 2))
    probed = sum(hi - lo for lo, hi in fake.chunks) * per_n
    assert probed <= max(per_n, 16 * _sizing.PROBE_SECONDS) + 3 * _sizing.PROBE_SECONDS
    assert choice.seconds_per_n == pytest.approx(per_n) and choice.bound != "fallback"


class PureExecutor(Executor):
    """Like a Dask client's executor with ``pure=True`` (``client.get_executor()``'s
    default): a call with the same function and arguments as an earlier one is not run
    again, its first future is returned."""

    def __init__(self) -> None:
        self.futures: dict[str, Future[Any]] = {}
        self.runs = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        key = repr((fn, args, sorted(kwargs.items())))
        if key not in self.futures:
            self.runs += 1
            future: Future[Any] = Future()
            future.set_result(fn(*args, **kwargs))
            self.futures[key] = future
        return self.futures[key]


def test_empty_tasks_are_distinct_for_an_executor_that_deduplicates() -> None:
    """Identical empty tasks on a pure executor are one task: the burst would time one task
    for eight, the latency a cached result. Each empty task must be a distinct call."""
    pure = PureExecutor()
    measure_overhead(pure, None, "chunk", 0, {}, workers=2, clock=FakeClock(), repeats=5)
    assert pure.runs == 2 + 5 + CHUNKS_PER_WORKER * 2  # warm-up, round trips, burst


def test_a_cluster_checkpoint_resumes_on_the_local_pool_by_default(tmp_path: Path) -> None:
    """A run on an executor is auto-sized by default, one on the local pool is not: resuming
    the former's checkpoint without a size must keep its grid, not refuse the file."""
    store = tmp_path / "run.json"
    name = "euler-prime-polynomial"
    with ProcessPoolExecutor(2) as pool:
        first = verify.run(name, params={"upto": 2000}, executor=pool, checkpoint=store)
    size = first[name].detail["chunk_size"]
    assert "chunk_sizing" in first[name].detail  # auto: the executor's default
    again = verify.run(name, params={"upto": 2000}, workers=1, checkpoint=store)[name].detail
    assert again["chunk_size"] == size and again["chunks_computed"] == 0
    assert again["chunks_resumed"] == first[name].detail["chunks"]


@pytest.mark.parametrize(("max_chunk", "expected"), [(None, MAX_AUTO_CHUNK), (2**26, 2**26)])
def test_a_check_may_allow_larger_auto_chunks(
    max_chunk: int | None, expected: int, temporary: list[str]
) -> None:
    """At 2 ns per n and 10 ms of overhead per task the rule wants 2 * 0.01 / 0.05 / 2e-9 =
    2 * 10**8 n per chunk: the default cap (2**21, 4 ms of compute: overhead 2.4x the work)
    decides, unless the check declares that its memory does not grow with the chunk."""

    @verify.range_check(
        "sizing-cheap", claim="x", upto=10**12, chunk_size=1000, max_chunk=max_chunk,
        replace=True,
    )  # fmt: skip
    def cheap(lo: int, hi: int) -> ChunkResult:
        raise AssertionError("the fake cluster computes chunks itself")

    temporary.append("sizing-cheap")
    clock = FakeClock()
    fake = FakeCluster(clock, latency=0.01, central=0.0, per_n=2e-9)
    check = verify.get_check("sizing-cheap")
    choice = choose_chunk_size(
        check, {"start": 0, "upto": 10**12}, GivenExecutor(fake, 2), clock=clock
    )
    assert (choice.size, choice.bound) == (expected, "memory")


def test_the_blockwise_valuation_checks_allow_long_chunks() -> None:
    """Their numpy path works in blocks of 2**13 n, so their cap is not the default's."""
    for name in ("central-binomial-2adic", "legendre"):
        assert verify.get_check(name).max_chunk == 2**26 > MAX_AUTO_CHUNK
    assert verify.get_check("primality").max_chunk is None  # its sieve holds the window
