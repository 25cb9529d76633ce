"""Range sweeps: results independent of workers and chunking, checkpoints, dead workers."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory import verify
from numtheory.errors import CheckpointError, SweepError
from numtheory.verify.result import ChunkResult, merge_chunks
from numtheory.verify.sweep import _Tally, chunk_count, iter_chunks, split_range
from tests.verify.plugin_checks import euler_failures

KEYS = ("checked", "failures", "first_counterexample", "range", "reached")


def evidence(report: verify.Report, name: str) -> dict[str, Any]:
    detail = report[name].detail
    return {key: detail[key] for key in KEYS} | {"passed": report[name].passed}


def test_split_range_covers_exactly() -> None:
    for start, stop, size in [(0, 1, 1), (1, 1001, 7), (5, 10**6, 999_999), (3, 4, 100)]:
        chunks = split_range(start, stop, size)
        assert chunks[0][0] == start and chunks[-1][1] == stop
        assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
        assert chunk_count(start, stop, size) == len(chunks)
    with pytest.raises(ValueError):
        split_range(0, 10, 0)
    assert next(iter_chunks(0, 10**100, 10**90)) == (0, 10**90)  # nothing is materialised


@given(
    st.lists(
        st.tuples(
            st.integers(0, 50),
            st.integers(0, 5),
            st.floats(0, 1) | st.none(),
            st.integers(0, 20),
        ),
        max_size=30,
    ),
    st.randoms(use_true_random=False),
)
def test_running_tally_equals_merge_of_the_list(rows: list[Any], order: Any) -> None:
    """The sweep folds chunks as they finish; the total must be what merge_chunks gives."""
    parts = []
    for i, (checked, failures, error, offset) in enumerate(rows):
        first = {"n": 100 * i + offset, "i": i} if failures else None
        parts.append(ChunkResult(100 * i, 100 * i + 100, checked, failures, first, error))
    tally = _Tally()
    finishing = list(parts)
    order.shuffle(finishing)  # any finishing order, not only the reverse one
    for part in finishing:
        tally.add(part)
    merged = merge_chunks(parts)
    assert {k: v for k, v in tally.as_dict().items() if k != "chunk_seconds"} == {
        k: v for k, v in merged.items() if k != "chunk_seconds"
    }


def test_merge_is_order_independent() -> None:
    parts = [
        ChunkResult(10, 20, checked=10, failures=2, first_failure={"n": 15}, max_error=0.5),
        ChunkResult(0, 10, checked=10, failures=1, first_failure={"n": 9}, max_error=0.1),
        ChunkResult(20, 30, checked=10),
    ]
    merged = merge_chunks(parts)
    assert merged == merge_chunks(parts[::-1])
    assert merged["first_counterexample"] == {"n": 9} and merged["failures"] == 3
    assert merged["checked"] == 30 and merged["max_error"] == 0.5


@pytest.mark.parametrize("name", ["euler-prime-polynomial", "central-binomial-2adic"])
def test_same_answer_for_any_workers_and_chunk_size(name: str) -> None:
    runs = [
        verify.run(name, params={"upto": 1200}, workers=workers, chunk_size=size)
        for workers, size in [
            (1, None), (2, None), (2, 7), (1, 1000), (2, 1201),
            (1, 40), (1, 41), (1, 1),  # n = 40 first, last, alone in its chunk
        ]
    ]  # fmt: skip
    first = evidence(runs[0], name)
    assert all(evidence(r, name) == first for r in runs[1:])
    if name == "euler-prime-polynomial":
        assert first["failures"] == len(euler_failures(1200))
        assert first["first_counterexample"]["n"] == 40


def test_checkpoint_resume_skips_finished_chunks(tmp_path: Path) -> None:
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    store = tmp_path / "run.json"
    params = {"log_dir": str(log_dir), "stop_lo": 501, "stop_marker": str(tmp_path / "stop")}
    with pytest.raises(verify.SweepInterrupted) as stopped:
        verify.run("counting", workers=1, checkpoint=store, check_params={"counting": params})
    assert stopped.value.finished == 10 and stopped.value.contiguous_upto == 500
    assert len(list(log_dir.iterdir())) == 10
    saved = json.loads(store.read_text())
    assert len(saved["chunks"]["counting"]) == 10
    assert not list(tmp_path.glob(".run.json.*"))  # no temporary files left behind

    report = verify.run("counting", workers=1, checkpoint=store, check_params={"counting": params})
    detail = report["counting"].detail
    assert report.ok and detail["checked"] == 1000
    assert detail["chunks_resumed"] == 10 and detail["chunks_computed"] == 10
    assert len(list(log_dir.iterdir())) == 20  # each of the 20 chunks computed exactly once

    again = verify.run("counting", workers=2, checkpoint=store, check_params={"counting": params})
    assert again["counting"].detail["chunks_computed"] == 0
    assert len(list(log_dir.iterdir())) == 20


def test_checkpoint_from_another_run_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "run.json"
    verify.run("euler-prime-polynomial", params={"upto": 300}, workers=1, checkpoint=store)
    with pytest.raises(CheckpointError, match="different run"):
        verify.run("euler-prime-polynomial", params={"upto": 301}, workers=1, checkpoint=store)
    with pytest.raises(CheckpointError, match="different run"):
        verify.run("euler-prime-polynomial", params={"upto": 300}, chunk_size=10, checkpoint=store)
    store.write_text("{not json")
    with pytest.raises(CheckpointError, match="cannot read"):
        verify.run("euler-prime-polynomial", params={"upto": 300}, workers=1, checkpoint=store)


def test_dead_local_worker_is_rerun_not_lost_or_double_counted(tmp_path: Path) -> None:
    messages: list[str] = []
    marker = tmp_path / "died"
    report = verify.run(
        "die-once",
        workers=2,
        log=messages.append,
        check_params={"die-once": {"marker": str(marker), "sleep": 0.02}},
    )
    detail = report["die-once"].detail
    assert marker.exists()  # the worker really died once
    assert detail["pool_restarts"] == 1
    assert any("BrokenProcessPool" in m and "[101, 121)" in m for m in messages)
    assert detail["checked"] == 400 and detail["failures"] == 4  # 97, 194, 291, 388
    assert detail["first_counterexample"] == {"n": 97, "reason": "multiple of 97"}
    assert detail["chunks"] == 20


def test_workers_that_keep_dying_stop_the_sweep_and_keep_the_checkpoint(tmp_path: Path) -> None:
    store = tmp_path / "run.json"
    messages: list[str] = []
    with pytest.raises(SweepError, match=r"died 4 time\(s\)"):
        verify.run(
            "die-once",
            workers=2,
            log=messages.append,
            checkpoint=store,
            check_params={"die-once": {"always": True, "die_lo": 381}},
        )
    assert len(messages) == 3  # three fresh pools, then it gives up
    saved = json.loads(store.read_text())["chunks"]["die-once"]
    assert "381" not in saved and len(saved) >= 10  # the chunks that finished are kept
