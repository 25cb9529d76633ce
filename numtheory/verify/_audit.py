"""Audit an evidence record: check that it holds together, and recompute a random sample.

:func:`audit` reads a record (:func:`numtheory.verify.evidence.read`: bounded, strict JSON,
this format, else :class:`~numtheory.errors.EvidenceError`, exit 2: no record), then checks,
naming every field that fails (the audit fails, exit 1):

0. the schema (exact fields, their JSON types): a field altered to another type, added or
   removed is named and ends the audit (``Audit.malformed``);

1. every field against its seal and the whole record against its digest (an edit that did
   not recompute them, or damage);
2. the claim, source and kind against the registered check; the parameters against the
   check's (known names, right types); the range against the parameters;
3. the chunk grid (chunk ``i`` is ``[start + i*k, min(start + (i+1)*k, upto + 1))``, all of
   them, each chunk's counts within its bounds and its first failure inside it; the same rules
   a checkpoint is held to), and the totals and chunk seconds against the chunks;
4. ``K`` chunks drawn at random (seeded; the seed is reported) and, when the record has
   failures, the chunk of its first counterexample, recomputed by the check (whose chunk
   functions compare two independent methods) and compared field by field. Only a record
   that passed 1-3 is recomputed (one that failed has its verdict, and its grid may be what
   was altered), and only chunks of at most ``max_chunk`` numbers: the audit's work is
   bounded by the sample, its memory by the file's size and :data:`evidence.MAX_FIELDS`.
   The chunks run in this process, or on the local pool of a run (``workers=``) or an
   executor; the findings are listed by chunk index, the same for any number of workers.

A record written by another numtheory, Python or dependency version, or by an edited check
(``check.code_digest``), is audited all the same, with today's code, and each difference is
reported as a warning: the recomputation is what certifies the sampled chunks, whatever
wrote them.

What a pass certifies. Steps 1-3 hold for the whole record. Step 4 holds for the sampled
chunks only: a forger who rewrites ``f`` of the ``N`` chunks consistently (fresh seals and
digest, counts within the rules) escapes with probability
``C(N - f, K) / C(N, K) <= (1 - K/N)**f``; the report gives the smallest ``f`` caught with
probability at least 95%.
"""

from __future__ import annotations

import math
import os
import random
import secrets
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from numtheory._validate import as_int
from numtheory.errors import EvidenceError, InputError, UnknownCheckError
from numtheory.verify import _records, evidence
from numtheory.verify.registry import Check, get_check
from numtheory.verify.result import ChunkResult
from numtheory.verify.sweep import GivenExecutor, LocalPool, SweepStats, run_chunks

__all__ = ["MAX_CHUNK", "Audit", "audit", "miss_probability"]

#: Problems listed in full; beyond this they are counted.
_MAX_LISTED = 50

#: The largest chunk (numbers) an audit recomputes unless told otherwise: about an hour of a
#: one-call-per-n check, minutes of a vectorised one. A record claiming bigger chunks (real or
#: forged) is refused rather than left to run for days.
MAX_CHUNK = 10**9


def miss_probability(chunks: int, sample: int, forged: int) -> float:
    """The chance that ``sample`` of ``chunks`` chunks, drawn without replacement, miss all
    ``forged`` ones: ``C(N - f, K) / C(N, K)``.

    >>> miss_probability(100, 1, 1), round(miss_probability(100, 10, 5), 4)
    (0.99, 0.5838)
    """
    if forged + sample > chunks:
        return 0.0
    p = 1.0
    for j in range(forged):
        p *= (chunks - sample - j) / (chunks - j)
    return p


def _caught_at_95(chunks: int, sample: int) -> int | None:
    """The smallest number of forged chunks caught with probability at least 95%."""
    if sample == 0:
        return None
    p = 1.0
    for f in range(1, chunks + 1):
        if f + sample > chunks:
            return f
        p *= (chunks - sample - f + 1) / (chunks - f + 1)
        if p <= 0.05:
            return f
    return chunks


@dataclass
class Audit:
    """The outcome of :func:`audit`.

    Attributes
    ----------
    ok : bool
        No problem found (warnings do not count).
    problems : list of str
        Each names the field or chunk that failed, ``"chunks[3] [301, 401): ..."``.
    warnings : list of str
        Differences that do not fail the audit (versions, an edited check's code).
    chunks, sample, seed : int
        ``N`` chunks in the record, ``K`` drawn at random with ``seed``.
    recomputed : list of int
        Indices of the chunks recomputed (the sample, plus the first counterexample's chunk).
    not_recomputed : int
        Chunks drawn but not recomputed because the record already failed before.
    malformed : bool
        The record breaks the schema (``problems`` names the field): nothing else was
        checked.
    seconds, cpu_seconds : float
        The recomputation's wall time and CPU: this process's and its local pool's workers'
        (reaped when the pool closes), not an ``executor``'s.
    recorded_seconds, run_seconds : float
        What the record says the recomputed chunks took, and the whole run.
    """

    path: str
    check: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunks: int = 0
    sample: int = 0
    seed: int = 0
    recomputed: list[int] = field(default_factory=list)
    not_recomputed: int = 0
    malformed: bool = False
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    recorded_seconds: float = 0.0
    run_seconds: float = 0.0

    @property
    def caught_at_95(self) -> int | None:
        """Forged chunks caught with probability >= 95% by this sample (None: no sample)."""
        return _caught_at_95(self.chunks, self.sample)

    def certifies(self) -> str:
        """What a pass means, in words, with this audit's numbers."""
        n, k = self.chunks, self.sample
        drawn = f"{k} drawn at random with seed {self.seed}"
        if len(self.recomputed) > k:
            drawn += ", and the first counterexample's"
        text = (
            f"the record is intact (every field matches its seal, the record its digest) and "
            f"holds together (claim, parameters, range, chunk grid, counts, totals); "
            f"{len(self.recomputed)} of {n} chunks were recomputed and agree ({drawn})"
        )
        f95 = self.caught_at_95
        if f95 is None:
            return (
                text + "; none was drawn at random, so nothing certifies the other chunks' counts"
            )
        return (
            f"{text}. A record with f consistently forged chunks passes with probability "
            f"C(N-f, K)/C(N, K) <= (1 - K/N)^f (N = {n}, K = {k}): {f95} or more forged "
            f"chunks are caught with probability >= 95%"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "check": self.check,
            "ok": self.ok,
            "problems": self.problems,
            "warnings": self.warnings,
            "chunks": self.chunks,
            "sample": self.sample,
            "seed": self.seed,
            "recomputed": self.recomputed,
            "not_recomputed": self.not_recomputed,
            "malformed": self.malformed,
            "caught_at_95": self.caught_at_95,
            "certifies": self.certifies() if self.ok else None,
            "seconds": round(self.seconds, 6),
            "cpu_seconds": round(self.cpu_seconds, 6),
            "recorded_seconds": round(self.recorded_seconds, 6),
            "run_seconds": self.run_seconds,
        }

    def render(self) -> str:
        if self.malformed:
            return "\n".join(
                [f"FAIL  audit of {self.path}: not the record schema (altered), nothing recomputed"]
                + [f"      {p}" for p in self.problems]
            )
        head = "PASS" if self.ok else "FAIL"
        lines = [
            f"{head}  audit of {self.path}: {self.check}, {len(self.recomputed)} of "
            f"{self.chunks} chunks recomputed (sample {self.sample}, seed {self.seed}) in "
            f"{self.seconds:.2f} s ({self.cpu_seconds:.2f} s CPU; the record says "
            f"{self.recorded_seconds:.2f} s for them, {self.run_seconds:.2f} s for the run)"
        ]
        if self.not_recomputed:
            lines.append(
                f"      ({self.not_recomputed} chunks drawn were not recomputed: the record "
                "already fails)"
            )
        lines += [f"      {p}" for p in self.problems[:_MAX_LISTED]]
        if len(self.problems) > _MAX_LISTED:
            lines.append(f"      ... and {len(self.problems) - _MAX_LISTED} more problems")
        if self.ok:
            lines.append(f"      certifies: {self.certifies()}")
        return "\n".join(lines)


def _compare_sealed(record: dict[str, Any], problems: list[str]) -> None:
    expected = evidence.seals(record)
    given = record["seals"]
    for path in sorted(set(expected) | set(given)):
        if path not in given:
            problems.append(f"{path[:80]}: has no seal (a field was added)")
        elif path not in expected:
            problems.append(f"{path[:80]}: sealed but missing (a field was removed)")
        elif given[path] != expected[path]:
            problems.append(f"{path[:80]}: does not match its seal (altered)")
    for i, entry in enumerate(record["chunks"]):
        body = {k: v for k, v in entry.items() if k != "seal"}
        if _records.digest_of(body) != entry["seal"]:
            problems.append(f"chunks[{i}] [{entry['lo']}, {entry['hi']}): does not match its seal")
    body = {k: v for k, v in record.items() if k != "digest"}
    if _records.digest_of(body) != record["digest"]:
        problems.append("digest: does not match the record")


def _compare_check(record: dict[str, Any], check: Check, out: Audit) -> None:
    saved = record["check"]
    for key in ("claim", "source", "kind"):
        if saved[key] != getattr(check, key):
            out.problems.append(
                f"check.{key}: the record says {saved[key][:80]!r}, the check "
                f"{check.name!r} says {getattr(check, key)[:80]!r}"
            )
    if saved["code_digest"] != _records.code_digest(check):
        out.warnings.append(
            f"check.code_digest: the code of {check.name!r} differs from the code that wrote "
            "the record; the sampled chunks are recomputed with today's"
        )
    now = _records.versions()
    for key, then in sorted(record["versions"].items()):
        if then != now.get(key):
            out.warnings.append(
                f"versions.{key}: the record was written with {_records.short(then)}, this is "
                f"{_records.short(now.get(key))}; the sampled chunks are recomputed with this one"
            )


def _compare_params(
    record: dict[str, Any], check: Check, problems: list[str]
) -> dict[str, Any] | None:
    """The parameters as the runner passes them, or ``None`` when the record's are not valid."""
    from numtheory.verify.runner import resolve_params

    params = record["params"]
    try:
        given = resolve_params([check], params)[check.name]
    except (InputError, TypeError) as exc:
        problems.append(f"params: {str(exc)[:300]}")
        return None
    except Exception as exc:  # a check's own validate, on a hostile record: not our bug
        problems.append(f"params: {type(exc).__name__}: {str(exc)[:300]}")
        return None
    resolved = _records.normalise(given)
    ok = True
    for key in sorted(set(resolved) | set(params)):
        if key not in params:
            problems.append(f"params.{key}: missing (the check's default would be {resolved[key]})")
            ok = False
        elif resolved[key] != params[key] or type(resolved[key]) is not type(params[key]):
            problems.append(f"params.{key}: {params[key]!r:.60} is not a valid value")
            ok = False
    if record["range"] != [params["start"], params["upto"]]:
        problems.append(
            f"range: {record['range']!r:.60} but the parameters say "
            f"[{params['start']}, {params['upto']}]"
        )
    return given if ok else None


def _compare_grid(record: dict[str, Any], check: Check, problems: list[str]) -> None:
    params, size = record["params"], record["chunk_size"]
    start, upto = params["start"], params["upto"]
    entries = record["chunks"]
    expected = -(-(upto + 1 - start) // size)
    if len(entries) != expected:
        problems.append(
            f"chunks: {len(entries)} chunks, but {start}..{upto} in steps of "
            f"chunk_size = {size} has {expected}"
        )
    for i, entry in enumerate(entries):
        lo = start + i * size
        chunk = ChunkResult.from_dict({k: entry[k] for k in _records.CHUNK_FIELDS})
        problem = (
            f"lo = {entry['lo']}, but chunk {i} of the grid starts at {lo}"
            if entry["lo"] != lo
            else _records.chunk_problem(params, size, check, chunk)
        )
        if problem:
            problems.append(f"chunks[{i}] [{entry['lo']}, {entry['hi']}): {problem}")
    implied = evidence.totals(entries)
    for key, value in implied.items():
        if record["result"][key] != value:
            problems.append(
                f"result.{key}: the record says {record['result'][key]!r:.60}, its chunks "
                f"give {value!r:.60}"
            )
    seconds = round(sum(e["seconds"] for e in entries), 6)
    if record["timings"]["chunk_seconds"] != seconds:
        problems.append(
            f"timings.chunk_seconds: the record says {record['timings']['chunk_seconds']}, "
            f"its chunks add up to {seconds}"
        )


def _recompute(
    record: dict[str, Any],
    check: Check,
    params: dict[str, Any],
    out: Audit,
    pool: LocalPool | GivenExecutor | None,
    warn: Callable[[str], None],
) -> None:
    """Recompute the chunks ``out.recomputed`` on ``pool`` and compare them with the record.

    Chunks finish in any order; the findings are listed by chunk index afterwards, so the
    audit's result is the same for any number of workers.
    """
    size = record["chunk_size"]
    start, stop = params["start"], params["upto"] + 1
    chunk_params = {k: v for k, v in params.items() if k not in ("start", "upto")}
    found: dict[int, list[str]] = {}
    agreed: set[int] = set()

    def where(lo: int) -> tuple[int, str]:
        i = (lo - start) // size
        return i, f"chunks[{i}] [{lo}, {min(lo + size, stop)})"

    def compare(fresh: ChunkResult) -> None:
        i, at = where(fresh.lo)
        entry = record["chunks"][i]
        again = evidence.chunk_entry(fresh)
        agreed.add(i)
        found[i] = [
            f"{at}: {key} is {entry[key]!r:.80} in the record, the recomputation "
            f"gives {again[key]!r:.80}"
            for key in (*evidence._COUNT_FIELDS, "results")
            if again[key] != entry[key]
        ]

    def failed(chunk: tuple[int, int], exc: Exception) -> None:
        i, at = where(chunk[0])
        found[i] = [f"{at}: recomputing it raised {type(exc).__name__}: {exc}"]

    todo = ((start + i * size, min(start + (i + 1) * size, stop)) for i in out.recomputed)
    stats = SweepStats()
    try:
        run_chunks(check, chunk_params, pool, todo, len(out.recomputed), compare, stats, warn,
                   failed)  # fmt: skip
    except KeyboardInterrupt:
        if pool is not None and pool.owned:
            pool.close(kill=True)  # as a run's Ctrl-C: no worker left computing
        raise
    for i in sorted(found):
        out.problems += found[i]
    out.recorded_seconds = sum(record["chunks"][i]["seconds"] for i in sorted(agreed))


def _cpu_seconds() -> float:
    """CPU of this process and of its exited, reaped children (the local pool's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def audit(
    path: str | os.PathLike[str],
    *,
    sample: int | None = None,
    seed: int | None = None,
    max_bytes: int = evidence.MAX_BYTES,
    max_chunk: int = MAX_CHUNK,
    workers: int | None = None,
    executor: Executor | None = None,
    log: Callable[[str], None] | None = None,
) -> Audit:
    """Audit the evidence record at ``path``: see the module docstring for what is checked.

    Parameters
    ----------
    path : path
        A record written by ``numtheory verify CHECK --evidence FILE``.
    sample : int, optional
        Chunks recomputed at random (default: 1% of them, at least one; at most all).
    seed : int, optional
        Seed of the draw (default: a fresh random one, reported as ``Audit.seed``).
    max_bytes : int
        A larger file is refused unread.
    max_chunk : int
        A record whose chunks hold more numbers is refused (``EvidenceError``) before any
        recomputation: each sampled chunk is recomputed whole, so this bounds the audit's
        work per chunk (default :data:`MAX_CHUNK`; ``--max-chunk N`` on the command line).
    workers : int, optional
        Local worker processes recomputing the sample (default 1: in this process; the
        pool of :func:`numtheory.verify.run`, capped the same way, never more workers than
        chunks to recompute). The result does not depend on it.
    executor : concurrent.futures.Executor, optional
        Recompute on this executor instead (a Dask client's ``get_executor()``, your own
        pool); not shut down here.
    log : callable, optional
        Receives the pool's warnings (workers capped, a worker died and its chunks rerun);
        default: printed on stderr.

    Returns
    -------
    Audit
        ``ok`` and the ``problems`` naming each field or chunk that failed.

    Raises
    ------
    EvidenceError
        The file cannot be read or is not an evidence record of this format, or its chunks
        are larger than ``max_chunk`` (a record off the schema fails the audit instead).
    UnknownCheckError
        The record's check is not registered here (``--import`` the module defining it).
    InputError
        ``sample`` or ``seed`` negative, ``max_chunk`` or ``workers`` below 1, or a check
        the worker processes cannot receive.
    SweepError
        Worker processes kept dying.
    KeyboardInterrupt
        Ctrl-C: the pool is killed, nothing is certified.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from numtheory import verify
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "run.json"
    >>> _ = verify.run("legendre", params={"upto": 500}, workers=1, evidence=where)
    >>> result = verify.audit(where, sample=2, seed=7)
    >>> result.ok, result.chunks, result.recomputed
    (True, 1, [0])
    """
    for name, value in (("sample", sample), ("seed", seed)):
        if value is not None and (not _records.is_int(value) or value < 0):
            raise InputError(f"{name} must be an integer >= 0, got {value!r}")
    for name, value in (("max_chunk", max_chunk), ("workers", 1 if workers is None else workers)):
        if as_int(value, name) < 1:  # max_chunk=None too: a TypeError naming it
            raise InputError(f"{name} must be >= 1, got {value}")
    record = evidence.read(path, max_bytes)
    problem = evidence.schema_problem(record)
    if problem:  # a field altered to another type, or added, or removed: a failed audit
        saved = record.get("check")
        given = saved.get("name") if isinstance(saved, dict) else None
        shown = given[:80] if isinstance(given, str) else "?"
        return Audit(str(Path(path)), shown, ok=False, problems=[problem], malformed=True)
    name = record["check"]["name"]
    out = Audit(path=str(Path(path)), check=name, ok=False)
    out.run_seconds = record["timings"]["wall_seconds"]
    _compare_sealed(record, out.problems)
    n = out.chunks = len(record["chunks"])
    try:
        check = get_check(name)
    except InputError as exc:
        if out.problems:  # the name itself may be what was altered
            out.problems.append(f"check.name: no check named {name[:80]!r} is registered")
            return out
        raise UnknownCheckError(
            f"the record's check is not registered here ({exc}): a check of your own needs "
            "the module defining it, --import MODULE (from Python: import it first)"
        ) from None
    if not check.is_range:
        out.problems.append(f"check.name: {name!r} is a plain check, not a range check")
        return out
    _compare_check(record, check, out)
    params = _compare_params(record, check, out.problems)
    if params is not None:
        _compare_grid(record, check, out.problems)
    out.sample = min(n, max(1, math.ceil(n / 100)) if sample is None else sample)
    out.seed = secrets.randbits(32) if seed is None else seed
    picked = set(random.Random(out.seed).sample(range(n), out.sample))
    first = record["result"]["first_counterexample"]
    if first is not None and params is not None:
        i = (int(first["n"]) - record["params"]["start"]) // record["chunk_size"]
        if 0 <= i < n:
            picked.add(i)  # the counterexample a reader will quote is always recomputed
    if out.problems or params is None:
        # The record already fails; recomputing would add nothing to the verdict, and its
        # grid (chunk_size, range) may be what was altered: an edited chunk_size of 10**12
        # made the audit of a tampered four-chunk record run for hours.
        out.not_recomputed = len(picked)
        out.ok = False
        return out
    widest = min(record["chunk_size"], params["upto"] + 1 - params["start"])
    if picked and widest > max_chunk:
        raise EvidenceError(
            f"evidence record {out.path} has chunks of {widest:,} numbers, more than the audit "
            f"recomputes ({max_chunk:,}; allow more with --max-chunk N, from Python "
            "verify.audit(..., max_chunk=N))"
        )
    out.recomputed = sorted(picked)
    from numtheory.verify.runner import _executor_source

    warn = log or (lambda message: print(f"numtheory: warning: {message}", file=sys.stderr))
    wall, cpu = time.perf_counter(), _cpu_seconds()
    count = 1 if workers is None and executor is None else workers
    with _executor_source(executor, count, None, bool(picked)) as pool:
        if isinstance(pool, LocalPool):
            pool.prepare(check)  # refuse a check the workers cannot receive, before any work
        _recompute(record, check, params, out, pool, warn)
    out.seconds = time.perf_counter() - wall
    out.cpu_seconds = _cpu_seconds() - cpu  # the pool is closed: its workers were reaped
    out.ok = not out.problems
    return out
