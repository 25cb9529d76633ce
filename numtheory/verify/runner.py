"""Run checks: resolve parameters, pick where range chunks run, collect :class:`Report`.

``run()`` is what ``numtheory verify`` calls, and what research scripts call::

    from numtheory import verify
    report = verify.run(["central-binomial-2adic"], params={"upto": 10**6}, workers=2)
    assert report.ok, report.results[0].detail

Check parameters travel in one mapping (``params=``), apart from the runner's own keywords,
so a check may have a parameter called ``workers``, ``log`` or ``progress``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from numtheory import _display
from numtheory._validate import as_int, show
from numtheory.errors import InputError, InputTypeError
from numtheory.numerics import check_dps
from numtheory.verify._sizing import AUTO, recorded_chunk_sizes
from numtheory.verify.checkpoint import Checkpoint
from numtheory.verify.registry import Check, Outcome, checks, get_check
from numtheory.verify.result import CheckResult
from numtheory.verify.sweep import (
    GivenExecutor,
    LocalPool,
    SizeChoice,
    SweepError,
    SweepInterrupted,
    choose_chunk_size,
    sweep,
)

__all__ = ["Report", "resolve_params", "run", "unknown_param"]


@dataclass
class Report:
    """The results of one :func:`run`, in the order the checks ran."""

    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return self.failed == 0

    def __getitem__(self, name: str) -> CheckResult:
        for result in self.results:
            if result.name == name:
                return result
        raise KeyError(name)

    def __iter__(self) -> Iterator[CheckResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def to_json(self) -> dict[str, Any]:
        """``{"checks": [...], "passed": n, "failed": n, "seconds": s}``."""
        return {
            "checks": [r.to_json() for r in self.results],
            "passed": self.passed,
            "failed": self.failed,
            "seconds": round(self.seconds, 6),
        }

    # BEGIN reprs
    def _headline(self) -> str:
        """``'3 checks: 2 passed, 1 failed in 1.2 s'`` (``'no checks in 0.0 s'``)."""
        count = len(self.results)
        if count == 0:
            return f"no checks in {self.seconds:.1f} s"
        return (
            f"{count} check{'' if count == 1 else 's'}: {self.passed} passed, "
            f"{self.failed} failed in {self.seconds:.1f} s"
        )

    @_display.guarded
    def __repr__(self) -> str:
        """``<Report FAIL: 3 checks: 2 passed, 1 failed in 1.2 s; first failure: 'euler-41'
        at n = 40>``."""
        failed = [r for r in self.results if not r.passed]
        first = None
        if failed:
            where = failed[0]._first(80)  # not clipped after: that could cut inside a number
            first = f"first failure: {_display.clip(failed[0].name, 40)!r}" + (
                f" at {where}" if where else ""
            )
        return _display.one_line("Report", self._verdict(), [self._headline(), first])

    def _verdict(self) -> str:
        """PASS, FAIL, or EMPTY: a report of no checks has not shown anything to hold."""
        return "EMPTY" if not self.results else "PASS" if self.ok else "FAIL"

    @_display.guarded
    def __str__(self) -> str:
        """One line a check (as ``numtheory verify`` prints), first counterexamples, a total."""
        lines: list[str] = []
        for r in self.results:
            mark = "PASS" if r.passed else "FAIL"
            lines += _display.wrap(
                "", f"{mark}  {r.name}  {r.seconds:.2f} s  {r._summary()}", first=0, indent=6
            )
            if not r.passed and r._first() is not None:
                lines += _display.wrap("", f"first counterexample: {r._first()}", indent=6)
        lines.append(self._headline())
        return "\n".join(lines)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """PASS/FAIL and the counts, then a table of the checks: outcome, cases, failures,
        first counterexample, evidence, time."""
        rows = []
        for r in self.results:
            checked, failures = r.detail.get("checked"), r.detail.get("failures")
            rows.append(
                (
                    _display.status_html(r.passed),
                    r.name,
                    "" if checked is None else _display.number_text(checked),
                    "" if failures is None else _display.number_text(failures),
                    r._first() or "",
                    r._summary(),
                    f"{r.seconds:.2f} s",
                )
            )
        header = (
            "result",
            "check",
            "cases",
            "failures",
            "first counterexample",
            "evidence",
            "time",
        )
        verdict = _display.status_html(self.ok) if self.results else _display.Html("<b>EMPTY</b>")
        head = _display.Html(f"<p>{verdict} {_display.esc(self._headline())}</p>")
        return _display.html_box(
            "report", head, _display.html_table(header, rows) if rows else None
        )

    # END reprs


def _coerce(check: Check, key: str, value: Any) -> Any:
    """Validate ``value`` against the type of the default (ints strictly, as everywhere)."""
    default = check.params[key]
    where = f"{check.name}: parameter {key}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InputTypeError(f"{where} must be true or false, got {value!r}")
        return value
    if isinstance(default, int):
        return as_int(value, where)
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputTypeError(f"{where} must be a number, got {value!r}")
        return float(value)
    if isinstance(default, tuple):
        if not isinstance(value, (tuple, list)):
            raise InputTypeError(f"{where} must be a list, got {value!r}")
        return tuple(value)
    return value


def unknown_param(
    key: str, owners: list[Check], describe: Callable[[Check], str] | None = None
) -> InputError:
    """The error for a parameter none of ``owners`` takes, listing what each does take.

    ``describe(check)`` spells one check's parameters (default: their names); with several
    checks only the names are listed.
    """
    if len(owners) == 1:
        check = owners[0]
        takes = describe(check) if describe else ", ".join(check.params) or "none"
        return InputError(f"check {check.name!r} has no parameter {key!r} (it takes: {takes})")
    takes = "; ".join(f"{c.name}: {', '.join(c.params) or 'none'}" for c in owners)
    return InputError(f"no selected check takes a parameter {key!r} (they take: {takes})")


def resolve_params(
    selected: list[Check],
    params: Mapping[str, Any],
    check_params: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Each selected check's parameters: defaults, then ``params``, then ``check_params``.

    A key in ``params`` applies to every selected check that has it and must be known to at
    least one of them; ``check_params[name]`` applies to that check only.

    Raises
    ------
    InputError
        An unknown parameter, a range with ``upto < start``, ``dps < 1``...
    """
    for key in params:
        if not any(key in c.params for c in selected):
            raise unknown_param(key, selected)
    selected_names = {c.name for c in selected}
    for name, extra in (check_params or {}).items():
        if name not in selected_names:
            raise InputError(f"parameters given for {name!r}, which is not among the checks run")
        check = get_check(name)
        for key in extra:
            if key not in check.params:
                raise unknown_param(key, [check])
    resolved = {}
    for c in selected:
        values = dict(c.params)
        for key, value in params.items():
            if key in values:
                values[key] = _coerce(c, key, value)
        for key, value in (check_params or {}).get(c.name, {}).items():
            values[key] = _coerce(c, key, value)
        if c.is_range and values["upto"] < values["start"]:
            raise InputError(
                f"{c.name}: empty range, upto = {values['upto']} < start = {values['start']}"
            )
        if c.is_range and c.min_start is not None and values["start"] < c.min_start:
            raise InputError(
                f"{c.name}: start must be >= {c.min_start}, got {show(values['start'])}"
            )
        if "dps" in values:  # the numerics ceiling, before the check allocates anything
            check_dps(values["dps"], c.name)
        if c.validate is not None:
            c.validate(values)
        resolved[c.name] = values
    return resolved


def _merge_params(params: Mapping[str, Any] | None, legacy: dict[str, Any]) -> dict[str, Any]:
    """``params`` plus the deprecated keyword form, which must not contradict it."""
    if params is not None and not isinstance(params, Mapping):
        raise InputTypeError(
            f"params must be a mapping of parameter names to values, got {params!r:.80}"
        )
    merged = dict(params or {})
    if legacy:
        names = ", ".join(sorted(legacy))
        warnings.warn(
            f"passing check parameters as keywords ({names}) is deprecated: "
            f"use params={{...}} instead",
            DeprecationWarning,
            stacklevel=3,
        )
        for key, value in legacy.items():
            if key in merged and merged[key] != value:
                raise InputError(f"parameter {key!r} given twice: in params and as a keyword")
            merged[key] = value
    return merged


def _select(names: str | Iterable[str] | None) -> list[Check]:
    if names is None:
        return checks()
    wanted = [names] if isinstance(names, str) else list(names)
    selected: list[Check] = []
    for name in wanted:
        entry = get_check(name)
        if entry not in selected:
            selected.append(entry)
    return selected


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _run_plain(check: Check, params: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    outcome = check.func(**params)
    if not isinstance(outcome, Outcome):
        raise TypeError(f"check {check.name!r} returned {type(outcome).__name__}, not Outcome")
    return outcome.passed, {"summary": outcome.summary, **outcome.evidence}


def _run_range(
    check: Check,
    params: dict[str, Any],
    pool: LocalPool | GivenExecutor | None,
    size: int | SizeChoice,
    store: Checkpoint | None,
    progress: bool,
    log: Callable[[str], None] | None,
) -> tuple[bool, dict[str, Any]]:
    facts: Outcome | None = check.facts(**params) if check.facts else None
    timings: dict[str, float] = {}
    stats = sweep(
        check,
        params,
        pool=pool,
        chunk_size=size,
        checkpoint=store,
        progress=progress,
        log=log,
        timings=timings,
    )
    merged = stats.merged
    start, upto = params["start"], params["upto"]
    first = merged["first_counterexample"]
    text = f"{merged['checked']} cases for n = {start}..{upto}: "
    if merged["failures"]:
        text += f"{merged['failures']} failed, first counterexample at n = {first['n']}"
    else:
        text += "all hold"
    if merged["max_error"] is not None:
        text += f", largest error {merged['max_error']:.3g}"
    passed = merged["failures"] == 0
    detail: dict[str, Any] = {"summary": text}
    if facts is not None:
        passed = passed and facts.passed
        detail["summary"] += f"; {facts.summary}"
        detail["facts"] = {"passed": facts.passed, "summary": facts.summary, **facts.evidence}
    detail.update(
        {
            "range": [start, upto],
            "reached": upto,
            **merged,
            "chunk_size": size.size if isinstance(size, SizeChoice) else size,
            "chunks_resumed": stats.resumed,
            "chunks_computed": stats.computed,
            "pool_restarts": stats.restarts,
        }
    )
    if isinstance(size, SizeChoice):  # how the size was measured; what recording chunks cost
        detail["chunk_sizing"] = {**size.to_json(), "record_seconds": timings["record_seconds"]}
    return passed, detail


def _available_cores() -> int:
    """Cores this process may use (CPU affinity on Linux), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextlib.contextmanager
def _executor_source(
    executor: Executor | None, workers: int | None, scheduler: str | None, needed: bool
) -> Iterator[LocalPool | GivenExecutor | None]:
    if executor is not None and scheduler is not None:
        raise InputError("give either an executor or a scheduler address, not both")
    if workers is not None:
        workers = as_int(workers, "workers")
        if workers < 1:
            raise InputError(f"workers must be >= 1, got {show(workers)}")
    if not needed:
        yield None
    elif scheduler is not None:
        from numtheory.verify.dask_backend import dask_executor

        with dask_executor(scheduler) as (dask_pool, threads):
            yield GivenExecutor(dask_pool, workers or threads)
    elif executor is not None:
        yield GivenExecutor(executor, workers)
    else:
        count = workers or _available_cores()
        if count == 1:
            yield None
        else:
            pool = LocalPool(count, requested=workers)
            try:
                yield pool
            finally:
                pool.close()


def _one_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """The same file under two names (spelling, a symbolic or a hard link)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)


def run(
    names: str | Iterable[str] | None = None,
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int | str | None = None,
    checkpoint: str | os.PathLike[str] | None = None,
    evidence: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    params: Mapping[str, Any] | None = None,
    check_params: Mapping[str, Mapping[str, Any]] | None = None,
    **legacy_params: Any,
) -> Report:
    """Run checks and return a :class:`Report`.

    Parameters
    ----------
    names : str or iterable of str, optional
        Checks to run (default: all registered, built-in and your own).
    executor : concurrent.futures.Executor, optional
        Where range chunks run: a Dask client's ``get_executor()``, your own pool... It is
        not shut down here.
    workers : int, optional
        Size of the local process pool when no executor is given (default: all cores;
        ``1`` runs chunks in this process).
    scheduler : str, optional
        Address of a Dask scheduler (needs ``numtheory[dask]``).
    chunk_size : int or "auto", optional
        Numbers per chunk for every range check. ``"auto"`` measures the per-chunk overhead
        and a probe chunk where the chunks run and keeps the overhead under 5% of each
        chunk's compute (at least 4 chunks per worker). Default: ``"auto"`` on an
        ``executor`` or a ``scheduler`` (where a chunk's overhead is milliseconds), each
        check's own size on the local pool and in this process. Unless a size is given, a
        resumed checkpoint keeps the size it was written with (a different one is refused).
    checkpoint : path, optional
        Resume finished chunks from this file and save new ones to it.
    evidence : path, optional
        Write an evidence record of the run here (one range check only; see
        :mod:`numtheory.verify.evidence`), for :func:`numtheory.verify.audit` to check.
    progress : bool, optional
        Progress bar on stderr (default: only when stderr is a terminal).
    log : callable, optional
        Receives warnings (a worker died...); default: printed on stderr.
    params : mapping, optional
        Check parameters, for every selected check that takes them:
        ``params={"upto": 10**6, "dps": 50}``. A key no selected check takes is an error.
    check_params : mapping, optional
        ``{check_name: {param: value}}`` for one check only.
    **legacy_params
        Deprecated: check parameters as keywords (``run("kummer", upto=60)``). They still
        work, with a ``DeprecationWarning``; a parameter named like one of ``run``'s own
        keywords (``workers``, ``log``, ``progress``...) can only be given in ``params``.

    Returns
    -------
    Report
        ``report.ok``, ``report.passed``, ``report.failed``, ``report.results``.

    Raises
    ------
    UnknownCheckError
        A name is not registered.
    InputError, CheckpointError, EvidenceError
        A bad parameter; a checkpoint from another run; an evidence record asked for
        several checks or a plain one, or a path that cannot be written (refused before the
        run; a write that fails at its end is an ``EvidenceError`` too).
    SweepInterrupted
        Ctrl-C during a sweep (a ``KeyboardInterrupt``; finished chunks are in the checkpoint).

    Examples
    --------
    >>> report = run("mitchell", params={"grid": 12})
    >>> report.ok, report.failed, report["mitchell"].params["grid"]
    (True, 0, 12)
    """
    began = time.perf_counter()
    selected = _select(names)
    merged = _merge_params(params, legacy_params)
    resolved = resolve_params(selected, merged, check_params)
    auto = _auto_requested(chunk_size, executor, scheduler)
    ranged = [c for c in selected if c.is_range]
    fixed = None if auto or chunk_size is None else as_int(chunk_size, "chunk_size")
    sizes: dict[str, int | SizeChoice] = {c.name: fixed or c.chunk_size for c in ranged}
    to_measure = list(ranged) if auto else []
    store = None
    checks_by_name = {c.name: c for c in ranged}
    # BEGIN issue-15-evidence
    recorder = None
    if evidence is not None:
        from numtheory.verify.evidence import Recorder

        recorder = Recorder(evidence, selected)  # refused now, before any work
        if checkpoint is not None and _one_file(checkpoint, evidence):
            raise InputError(f"the evidence record and the checkpoint are one file: {evidence}")
        started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        cpu_began = time.process_time()
    # END issue-15-evidence
    if checkpoint is not None:
        # Unless a size is given, a resumed file keeps its chunk grid, or none of its chunks
        # would fit: the default differs between where it was written and here (auto on an
        # executor or a cluster, each check's own on the local pool).
        recorded = recorded_chunk_sizes(checkpoint) if fixed is None else {}
        if recorded:
            sizes.update({name: size for name, size in recorded.items() if name in sizes})
            to_measure = []
        store = Checkpoint(checkpoint, _size_spec(resolved, sizes), checks=checks_by_name)
    elif recorder is not None:  # an evidence run collects its chunks in memory
        store = Checkpoint(None, _size_spec(resolved, sizes), checks=checks_by_name)
    show = sys.stderr.isatty() if progress is None else progress
    report = Report()
    with _executor_source(executor, workers, scheduler, bool(ranged)) as pool:
        if isinstance(pool, LocalPool):
            for c in ranged:
                pool.prepare(c)  # refuse a check the workers cannot receive, before any work
        for c in to_measure:
            sizes[c.name] = choose_chunk_size(c, resolved[c.name], pool, log=log)
        if to_measure and store is not None:  # a new file (or record): the measured grid
            store = Checkpoint(checkpoint, _size_spec(resolved, sizes), checks=checks_by_name)
        for c in selected:
            t0 = time.perf_counter()
            try:
                if c.is_range:
                    passed, detail = _run_range(
                        c, resolved[c.name], pool, sizes[c.name], store, show, log
                    )
                else:
                    passed, detail = _run_plain(c, resolved[c.name])
            except SweepInterrupted as stop:
                if checkpoint is None:  # an evidence run's store is in memory: nothing saved
                    stop.checkpoint = None
                raise
            except (KeyboardInterrupt, SweepError):
                raise
            except Exception as exc:
                passed, detail = False, {"summary": f"error: {_error_text(exc)}"}
                detail["error"] = _error_text(exc)
            report.results.append(
                CheckResult(
                    name=c.name,
                    claim=c.claim,
                    passed=passed,
                    detail=detail,
                    seconds=time.perf_counter() - t0,
                    params=resolved[c.name],
                    source=c.source,
                )
            )
    # BEGIN issue-15-evidence
    if recorder is not None and store is not None:
        result = report.results[0]
        if "error" in result.detail:
            result.detail["evidence"] = None  # the check raised: no record, the old file kept
        else:
            name = recorder.check.name
            timings = {
                "started": started,
                "wall_seconds": round(result.seconds, 6),
                "cpu_seconds": round(time.process_time() - cpu_began, 6),
            }
            chosen = sizes[name]  # the size the chunks ran with (measured when "auto")
            size = chosen.size if isinstance(chosen, SizeChoice) else chosen
            recorder.write(resolved[name], size, store.done(name), timings)
            result.detail["evidence"] = str(recorder.path)
    # END issue-15-evidence
    report.seconds = time.perf_counter() - began
    return report


# BEGIN issue-15-dask
def _auto_requested(chunk_size: Any, executor: Executor | None, scheduler: str | None) -> bool:
    """Whether range checks get a measured chunk size; an explicit size is validated here."""
    if isinstance(chunk_size, str):
        if chunk_size.strip().lower() != AUTO:
            raise InputError(f"chunk_size must be an integer >= 1 or 'auto', got {chunk_size!r}")
        return True
    if chunk_size is None:
        return executor is not None or scheduler is not None
    if as_int(chunk_size, "chunk_size") < 1:
        raise InputError(f"chunk_size must be >= 1, got {chunk_size}")
    return False


def _size_spec(
    resolved: Mapping[str, dict[str, Any]], sizes: Mapping[str, int | SizeChoice]
) -> dict[str, Any]:
    """A checkpoint's run spec: each range check's parameters and chunk size (its grid)."""
    return {
        "checks": {
            name: {
                "params": resolved[name],
                "chunk_size": size.size if isinstance(size, SizeChoice) else size,
            }
            for name, size in sizes.items()
        }
    }


# END issue-15-dask
