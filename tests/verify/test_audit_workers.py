"""The audit on a pool (``workers=``, ``executor=``, ``--workers``) and its ``--max-chunk``.

The sample, the verdict and every finding must not depend on where the chunks are
recomputed: the same record is audited in this process, on a local pool of 2 workers and on
a thread pool, and the results compared field by field (all but the timings).
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from numtheory import verify
from numtheory.cli import main
from numtheory.errors import InputError, InputTypeError
from numtheory.verify import _records, evidence
from tests.verify.conftest import ROOT
from tests.verify.test_evidence import _reseal
from tests.verify.test_pool import wait_for, wait_gone, workers_of

NAME = "euler-prime-polynomial"
TIMINGS = ("seconds", "cpu_seconds")


def _same(result: verify.Audit) -> dict[str, Any]:
    """What must not depend on the worker count: everything but the audit's own timings."""
    return {k: v for k, v in result.to_json().items() if k not in TIMINGS}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real record: n = 0..1999 in 20 chunks of 100, failing from n = 40."""
    path = tmp_path_factory.mktemp("audit") / "run.json"
    verify.run(NAME, params={"upto": 1999}, workers=1, evidence=path)
    return json.loads(path.read_text())  # type: ignore[no-any-return]


@pytest.fixture
def record(tmp_path: Path, original: dict[str, Any]) -> Path:
    path = tmp_path / "run.json"
    path.write_text(json.dumps(original))
    return path


def _forge(data: dict[str, Any], i: int) -> None:
    """Chunk ``i`` rewritten consistently (one failure fewer, fresh seals): only a
    recomputation of that chunk can see it."""
    entry = data["chunks"][i]
    assert entry["failures"] > 1
    entry["failures"] -= 1
    entry["results"] = evidence.results_digest(
        verify.ChunkResult.from_dict({k: entry[k] for k in _records.CHUNK_FIELDS})
    )
    data["result"] = evidence.totals(data["chunks"])
    _reseal(data)


def test_the_audits_cpu_seconds_include_its_exited_reaped_workers() -> None:
    """``_cpu_seconds`` (what ``Audit.cpu_seconds`` is the difference of) counts the CPU of
    children that exited and were reaped, as the closed pool's workers are: a child burning
    0.3 s of CPU (its own clock) raises it by that much beyond this process's own CPU."""
    from numtheory.verify._audit import _cpu_seconds

    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\n"
    before, own = _cpu_seconds(), time.process_time()
    subprocess.run([sys.executable, "-c", burn], check=True, timeout=300)  # waits: reaped
    children = (_cpu_seconds() - before) - (time.process_time() - own)
    assert children >= 0.25  # 0.3 s less two 10-ms ticks of rounding, and a margin


def test_the_same_sample_and_verdict_for_1_and_2_workers_and_an_executor(record: Path) -> None:
    one = verify.audit(record, sample=6, seed=5, workers=1)
    two = verify.audit(record, sample=6, seed=5, workers=2)
    with ThreadPoolExecutor(2) as pool:
        given = verify.audit(record, sample=6, seed=5, executor=pool)
    assert one.ok and len(one.recomputed) >= 6 and one.problems == []
    assert _same(one) == _same(two) == _same(given)
    assert one.recorded_seconds == two.recorded_seconds  # summed in chunk order
    # (no `two.cpu_seconds > 0`: os.times() counts 10-ms ticks, and this little work may
    # take none; that the reaped workers' CPU is counted is the test below)
    assert two.cpu_seconds >= 0 and one.cpu_seconds >= 0


def test_a_forgery_is_caught_with_2_workers_and_listed_in_chunk_order(
    record: Path, original: dict[str, Any]
) -> None:
    data = copy.deepcopy(original)
    one = verify.audit(record, sample=20, seed=0, workers=1)  # every chunk
    assert one.recomputed == list(range(20))
    for i in (17, 3):
        _forge(data, i)
    record.write_text(json.dumps(data))
    one = verify.audit(record, sample=20, seed=0, workers=1)
    two = verify.audit(record, sample=20, seed=0, workers=2)
    assert not two.ok and _same(one) == _same(two)
    assert [p.split(":")[0] for p in two.problems] == [
        "chunks[3] [300, 400)", "chunks[3] [300, 400)",  # failures, results
        "chunks[17] [1700, 1800)", "chunks[17] [1700, 1800)",
    ]  # fmt: skip
    assert "failures is" in two.problems[0] and "results is" in two.problems[1]


def test_a_chunk_that_raises_is_the_same_finding_on_a_pool(
    tmp_path: Path, temporary: list[str]
) -> None:
    @verify.range_check("raises-at", claim="x", start=0, upto=99, chunk_size=10,
                        params={"bad": -1})  # fmt: skip
    def raises_at(lo: int, hi: int, bad: int) -> verify.ChunkResult:
        if lo == bad:  # a closure: sent to the workers by value (cloudpickle)
            raise ArithmeticError(f"no result at {lo}")
        return verify.ChunkResult(lo, hi, checked=hi - lo)

    temporary.append("raises-at")
    target = tmp_path / "run.json"
    verify.run("raises-at", workers=1, evidence=target)
    data = json.loads(target.read_text())
    data["params"]["bad"] = 40  # a valid value: the audit recomputes, chunk 4 raises
    _reseal(data)
    target.write_text(json.dumps(data))
    one = verify.audit(target, sample=10, seed=1, workers=1)
    two = verify.audit(target, sample=10, seed=1, workers=2)
    assert _same(one) == _same(two)
    raised = "chunks[4] [40, 50): recomputing it raised ArithmeticError: no result at 40"
    assert two.problems == [raised]


@pytest.mark.parametrize(
    ("options", "error", "named"),
    [
        ({"workers": 0}, InputError, "workers must be >= 1, got 0"),
        ({"workers": True}, InputTypeError, "workers must be an integer, got True"),
        ({"max_chunk": 0}, InputError, "max_chunk must be >= 1, got 0"),
        ({"max_chunk": 1.5}, InputTypeError, "max_chunk must be an integer, got 1.5"),
        ({"max_chunk": None}, InputTypeError, "max_chunk must be an integer, got None"),
    ],
)
def test_bad_workers_and_max_chunk_are_refused(
    record: Path, options: dict[str, Any], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        verify.audit(record, sample=1, **options)


def test_the_cli_audit_takes_workers_and_max_chunk(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = ["verify", "--audit", str(record), "--sample", "4", "--seed", "2", "--json"]
    assert main([*words, "--workers", "1"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert main([*words, "--workers", "2"]) == 0
    two = json.loads(capsys.readouterr().out)
    assert {k: v for k, v in one.items() if k not in TIMINGS} == {
        k: v for k, v in two.items() if k not in TIMINGS
    }
    assert main([*words[:3], "--max-chunk", "99"]) == 2
    assert "allow more with --max-chunk N" in capsys.readouterr().err
    assert main([*words[:3], "--max-chunk", "100", "--sample", "1"]) == 0
    capsys.readouterr()
    assert main([*words[:3], "--workers", "0"]) == 2
    assert "workers must be >= 1" in capsys.readouterr().err
    assert main(["verify", "kummer", "--max-chunk", "5"]) == 2
    assert "--max-chunk go with --audit FILE" in capsys.readouterr().err


def test_ctrl_c_during_a_pool_audit_is_exit_130_and_leaves_no_worker(tmp_path: Path) -> None:
    target = tmp_path / "run.json"
    verify.run("counting", params={"upto": 400}, workers=1, evidence=target)
    data = json.loads(target.read_text())
    data["params"]["sleep"] = 30.0  # results do not depend on it: the audit recomputes
    _reseal(data)
    target.write_text(json.dumps(data))
    proc = subprocess.Popen(
        [sys.executable, "-m", "numtheory", "verify", "--audit", str(target), "--sample", "8",
         "--workers", "2", "--import", "tests.verify.plugin_checks"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        wait_for(lambda: len(workers_of(proc.pid)) >= 2, 30)
        workers = workers_of(proc.pid)
        assert len(workers) == 2
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert wait_gone(workers, 10) == []


def test_findings_are_listed_by_chunk_index_whatever_order_the_chunks_finish(
    record: Path, original: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order is forced here (the chunks handed back last first), not left to a pool's
    timing: the problems and the recorded seconds must not follow it."""
    from numtheory.verify import _audit

    data = copy.deepcopy(original)
    for i in (3, 17):
        _forge(data, i)
    record.write_text(json.dumps(data))
    in_order = verify.audit(record, sample=20, seed=0, workers=1)
    real = _audit.run_chunks
    seen: list[int] = []

    def backwards(check: Any, params: Any, pool: Any, todo: Any, left: int, *rest: Any) -> None:
        chunks = list(todo)[::-1]
        seen.extend(lo for lo, _ in chunks)
        real(check, params, None, iter(chunks), left, *rest)

    monkeypatch.setattr(_audit, "run_chunks", backwards)
    reversed_ = verify.audit(record, sample=20, seed=0, workers=1)
    assert seen == [100 * i for i in range(19, -1, -1)]  # chunk 17 did finish before 3
    assert _same(reversed_) == _same(in_order)
    assert [p.split(":")[0] for p in reversed_.problems] == [
        "chunks[3] [300, 400)", "chunks[3] [300, 400)",
        "chunks[17] [1700, 1800)", "chunks[17] [1700, 1800)",
    ]  # fmt: skip


@pytest.mark.parametrize("workers", [1, 2])
def test_a_chunk_result_for_another_chunk_is_a_finding_not_that_chunks_result(
    tmp_path: Path, temporary: list[str], workers: int
) -> None:
    """The findings are filed by the chunk a result says it is for: a chunk function whose
    ChunkResult names another chunk must not stand in for that one (it passed as chunk i + 1,
    and the last chunk's result was compared with no entry: IndexError)."""

    @verify.range_check("shifted", claim="x", start=0, upto=49, chunk_size=10,
                        params={"shift": 0})  # fmt: skip
    def shifted(lo: int, hi: int, shift: int) -> verify.ChunkResult:
        return verify.ChunkResult(lo + shift, hi + shift, checked=hi - lo)  # by value

    temporary.append("shifted")
    target = tmp_path / "run.json"
    verify.run("shifted", workers=1, evidence=target)
    data = json.loads(target.read_text())
    data["params"]["shift"] = 10  # a valid value: every result is now its neighbour's
    _reseal(data)
    target.write_text(json.dumps(data))
    result = verify.audit(target, sample=5, seed=1, workers=workers)
    assert not result.ok and result.recomputed == [0, 1, 2, 3, 4]
    assert result.problems == [
        f"chunks[{i}] [{10 * i}, {10 * i + 10}): recomputing it raised ValueError: "
        f"{shifted.__qualname__} returned a ChunkResult for [{10 * i + 10}, {10 * i + 20}) "
        f"for the chunk [{10 * i}, {10 * i + 10})"
        for i in range(5)
    ]


def _die_once_record(tmp_path: Path, **params: Any) -> Path:
    """A record of die-once (20 chunks of 20), then its parameters edited so that the
    recomputation kills a worker: results do not depend on them."""
    import tests.verify.plugin_checks  # noqa: F401  (registers die-once)

    target = tmp_path / "run.json"
    verify.run("die-once", workers=1, evidence=target)
    data = json.loads(target.read_text())
    data["params"].update(params)
    _reseal(data)
    target.write_text(json.dumps(data))
    return target


def test_a_worker_dying_in_a_pool_audit_is_rerun_and_warned(tmp_path: Path) -> None:
    target = _die_once_record(tmp_path, marker=str(tmp_path / "died"), die_lo=101)
    messages: list[str] = []
    two = verify.audit(target, sample=20, seed=3, workers=2, log=messages.append)
    assert (tmp_path / "died").exists()  # a worker did die, in chunk [101, 121)
    assert two.ok and two.recomputed == list(range(20)), two.problems
    assert any("a worker process died" in m and "[101, 121)" in m for m in messages)
    one = verify.audit(target, sample=20, seed=3, workers=1)  # the marker is there now
    assert _same(one) == _same(two)


def test_workers_that_keep_dying_end_a_cli_audit_with_exit_4(tmp_path: Path) -> None:
    target = _die_once_record(tmp_path, die_lo=101, always=True)  # every chunk recomputed
    proc = subprocess.run(
        [sys.executable, "-m", "numtheory", "verify", "--audit", str(target), "--sample", "20",
         "--workers", "2", "--import", "tests.verify.plugin_checks"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert proc.returncode == 4, proc.stderr
    assert "worker processes died" in proc.stderr and "giving up" in proc.stderr
    assert "Traceback" not in proc.stderr
