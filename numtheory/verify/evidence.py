"""Evidence records of range checks: what ran, on which code, and each chunk's results.

``numtheory verify CHECK --evidence run.json`` (``verify.run(..., evidence="run.json")``)
writes one JSON document, atomically (a temporary file beside it, fsync, ``os.replace``)::

    {"format": FORMAT,
     "check":    {"name", "claim", "source", "kind", "code_digest"},
     "versions": {"numtheory", "numtheory_source", "python", "gmpy2", "python-flint",
                  "mpmath", "numpy"},
     "params":   {...every parameter, start and upto included...},
     "range": [start, upto], "chunk_size": k,
     "chunks": [{"lo", "hi", "checked", "failures", "first_failure", "max_error",
                 "results", "seconds", "seal"}, ...],          # the whole grid, in order
     "result":  {"passed", "checked", "failures", "first_counterexample", "max_error",
                 "chunks"},
     "timings": {"started", "wall_seconds", "cpu_seconds", "chunk_seconds"},
     "seals": {"check.claim": sha256, ...},                   # one per field outside chunks
     "digest": sha256}                                        # of everything else

* ``results`` is a digest of the chunk's results: the chunk function's own
  (:attr:`~numtheory.verify.ChunkResult.digest`, say of the values both methods agreed on)
  when it gives one, else SHA-256 of the chunk's counts and first failure. A recomputation
  gives the same one.
* ``code_digest`` is SHA-256 of the check's modules' source (an edited check shows up);
  ``numtheory_source`` the same over numtheory's own source tree.
* ``seal`` (per chunk: of the chunk's other fields) and ``seals`` (per field outside the
  chunks) say *which* field an edit touched; ``digest`` covers the whole record. They catch
  damage and edits that do not recompute them, naming the field. A forger who recomputes
  them all is caught by what the audit checks independently instead: the claim against the
  registered check, the grid and totals, and the chunks it recomputes
  (:mod:`numtheory.verify._audit`).

Only range checks have records (one range check per record): a plain check is one call
with nothing to sample, so asking for a record of one is an
:class:`~numtheory.errors.InputError` naming it. The record is written when the check ran to
the end (passed or failed, its first counterexample kept); a check that raised, or a run
interrupted, writes nothing and the previous file stays as it was.

Reading a record back trusts nothing: :func:`read` takes a regular file of at most
:data:`MAX_BYTES`, strict JSON without duplicate keys, of this format (else an
:class:`~numtheory.errors.EvidenceError`, exit 2: no record); :func:`schema_problem` names
the first field off the exact schema above (JSON integers that are not booleans, finite
reals, hex digests, at most :data:`MAX_FIELDS` sealed fields), which fails an audit (exit 1:
a field altered) and makes :func:`load` raise.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from numtheory.errors import EvidenceError, InputError
from numtheory.verify import _records
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult, merge_chunks

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_FIELDS",
    "Recorder",
    "build",
    "chunk_entry",
    "load",
    "read",
    "results_digest",
    "schema_problem",
    "seals",
    "totals",
]

FORMAT = "numtheory-verify-evidence/1"
_FORMAT_FAMILY = "numtheory-verify-evidence/"

#: The largest record read back (about 150,000 chunks of ~400 bytes each); a bigger file is
#: refused unread, before it could exhaust memory.
MAX_BYTES = 64 * 2**20

#: Sections outside the chunks, each field of which has a seal.
SEALED = ("check", "versions", "params", "range", "chunk_size", "result", "timings")
_TOP = frozenset({*SEALED, "format", "chunks", "seals", "digest"})

#: The most sealed fields a record may have. Every one costs the audit a seal, a path and a
#: digest (~400 bytes of memory): a 6 MB record holding a list of three million parameters
#: took 22 s and 1.3 GB to audit, a 64 MB one would not fit. Records of real runs have tens.
MAX_FIELDS = 100_000
_CHECK = frozenset({"name", "claim", "source", "kind", "code_digest"})
_RESULT = frozenset(
    {"passed", "checked", "failures", "first_counterexample", "max_error", "chunks"}
)
_TIMINGS = frozenset({"started", "wall_seconds", "cpu_seconds", "chunk_seconds"})
_CHUNK = _records.CHUNK_FIELDS | {"results", "seal"}
_COUNT_FIELDS = ("lo", "hi", "checked", "failures", "first_failure", "max_error")


# -- what a record holds ------------------------------------------------------------------


def results_digest(chunk: ChunkResult) -> str:
    """The chunk's own results digest, or SHA-256 of its counts and first failure.

    >>> len(results_digest(ChunkResult(0, 10, checked=10)))
    64
    """
    if chunk.digest is not None:
        return chunk.digest
    counts = {key: getattr(chunk, key) for key in _COUNT_FIELDS}
    return _records.digest_of(_records.normalise(counts))


def chunk_entry(chunk: ChunkResult) -> dict[str, Any]:
    """A chunk as a record stores it: its counts, ``results``, ``seconds`` and ``seal``."""
    entry: dict[str, Any] = {key: getattr(chunk, key) for key in _COUNT_FIELDS}
    entry = _records.normalise(entry)
    entry["results"] = results_digest(chunk)
    entry["seconds"] = chunk.seconds
    entry["seal"] = _records.digest_of(entry)
    return entry


def _leaves(path: str, value: Any) -> list[tuple[str, Any]]:
    """``(path, value)`` of every leaf: ``a.b`` for object members, ``a[0]`` for list items."""
    if isinstance(value, dict) and value:
        out = []
        for key, item in value.items():
            out.extend(_leaves(f"{path}.{key}", item))
        return out
    if isinstance(value, list) and value:
        out = []
        for i, item in enumerate(value):
            out.extend(_leaves(f"{path}[{i}]", item))
        return out
    return [(path, value)]


def seals(record: Mapping[str, Any]) -> dict[str, str]:
    """A seal (SHA-256 of the value's canonical JSON) for every leaf of the sealed sections."""
    out = {}
    for section in SEALED:
        for path, value in _leaves(section, record[section]):
            out[path] = _records.digest_of(value)
    return out


def build(
    check: Check,
    params: Mapping[str, Any],
    chunk_size: int,
    chunks: Sequence[ChunkResult],
    timings: Mapping[str, Any],
) -> dict[str, Any]:
    """The record of a finished run of ``check``; ``chunks`` cover the whole grid in order."""
    params = _records.normalise(dict(params))
    entries = [chunk_entry(c) for c in chunks]
    record: dict[str, Any] = {
        "format": FORMAT,
        "check": {
            "name": check.name,
            "claim": check.claim,
            "source": check.source,
            "kind": check.kind,
            "code_digest": _records.code_digest(check),
        },
        "versions": _records.versions(),
        "params": params,
        "range": [params["start"], params["upto"]],
        "chunk_size": chunk_size,
        "chunks": entries,
        "result": totals(entries),
        "timings": dict(timings),
    }
    record["timings"]["chunk_seconds"] = round(sum(e["seconds"] for e in entries), 6)
    record["seals"] = seals(record)
    record["digest"] = _records.digest_of(record)
    return record


def totals(entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``result`` section that the chunk entries imply (merged as the runner merges them,
    :func:`~numtheory.verify.result.merge_chunks`).

    >>> entry = {"lo": 0, "hi": 5, "checked": 5, "failures": 1, "first_failure": {"n": 3},
    ...          "max_error": None, "seconds": 0.5}
    >>> totals([entry])
    {'passed': False, 'checked': 5, 'failures': 1, 'first_counterexample': {'n': 3}, \
'max_error': None, 'chunks': 1}
    """
    merged = merge_chunks(
        [ChunkResult.from_dict({k: e[k] for k in _records.CHUNK_FIELDS}) for e in entries]
    )
    keys = ("checked", "failures", "first_counterexample", "max_error", "chunks")
    return {"passed": merged["failures"] == 0, **{k: merged[k] for k in keys}}


class Recorder:
    """Writes the evidence record of one run (the runner's side of ``evidence=``).

    Refuses at once (before any work) a run it could not record: not exactly one check, a
    plain check, a path that cannot be written.
    """

    def __init__(self, path: str | os.PathLike[str], selected: Sequence[Check]) -> None:
        self.path = Path(path)
        names = ", ".join(c.name for c in selected)[:200]
        if len(selected) != 1:
            raise InputError(
                f"an evidence record covers exactly one range check, {len(selected)} were "
                f"selected ({names}): name one, and give each its own --evidence file"
            )
        if not selected[0].is_range:
            raise InputError(
                f"an evidence record covers one range check; {names} is a plain check (one "
                "call, nothing to sample): run it without --evidence"
            )
        self.check = selected[0]
        problem = _records.check_writable(self.path, "evidence record")
        if problem:
            raise EvidenceError(problem)

    def write(
        self,
        params: Mapping[str, Any],
        chunk_size: int,
        chunks: Mapping[int, ChunkResult],
        timings: Mapping[str, Any],
    ) -> dict[str, Any]:
        """Build the record and write it atomically; returns it."""
        ordered = [chunks[lo] for lo in sorted(chunks)]
        record = build(self.check, params, chunk_size, ordered, timings)
        text = json.dumps(record, indent=1, sort_keys=True, allow_nan=False)
        try:
            _records.write_atomic(self.path, text + "\n")
        except OSError as exc:  # disk full, a directory removed meanwhile: the user's to fix
            raise EvidenceError(
                f"cannot write evidence record {self.path}: {exc.strerror or exc}; a previous "
                "file there is unchanged"
            ) from exc
        return record


# -- reading a record back ----------------------------------------------------------------


def _bad(path: Path, what: str) -> EvidenceError:
    return EvidenceError(f"evidence record {path} is malformed: {what}")


def read(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """Read a record without checking its schema: a regular file of at most ``max_bytes``,
    strict JSON without duplicate keys, an object of this format.

    Raises
    ------
    EvidenceError
        Not a regular file, larger than ``max_bytes``, not JSON, a duplicate key, not an
        evidence record or of another format.
    """
    where = Path(path)
    try:
        data = _records.loads(_records.read_bounded(where, max_bytes))
    except (OSError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise EvidenceError(f"cannot read evidence record {where}: {reason}") from exc
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith(_FORMAT_FAMILY):
        raise EvidenceError(f"cannot read evidence record {where}: not a numtheory evidence record")
    if data["format"] != FORMAT:
        raise EvidenceError(
            f"evidence record {where} has format {str(data['format'])[:60]!r}; this numtheory "
            f"reads {FORMAT!r}"
        )
    return data


def load(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """:func:`read` a record and validate its schema (not its content: see the audit).

    Raises
    ------
    EvidenceError
        What :func:`read` raises, or not the record schema (the message names the field).
    """
    data = read(path, max_bytes)
    problem = schema_problem(data)
    if problem:
        raise _bad(Path(path), problem)
    return data


def _keys(value: Any, expected: frozenset[str], where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where}: must be an object, got {type(value).__name__}"
    if set(value) != expected:
        odd = sorted(set(value) ^ expected)
        return f"{where}: wrong fields {[str(k)[:40] for k in odd[:6]]}"
    return None


def _count_leaves(value: Any, limit: int) -> int:
    """The number of leaves of a JSON value (as :func:`seals` counts them), stopping past
    ``limit``; iterative, so it costs no stack whatever the nesting."""
    count, stack = 0, [value]
    while stack and count <= limit:
        item = stack.pop()
        if isinstance(item, dict) and item:
            stack.extend(item.values())
        elif isinstance(item, list) and item:
            stack.extend(item)
        else:
            count += 1
    return count


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, str)) or _records.is_real(value)


def schema_problem(data: Mapping[str, Any]) -> str | None:
    """The first field of ``data`` that breaks the record schema, or ``None``."""
    problem = _keys(data, _TOP, "record")
    if problem:
        return problem
    fields = sum(_count_leaves(data[section], MAX_FIELDS + 1) for section in SEALED)
    if fields > MAX_FIELDS or (isinstance(data["seals"], dict) and len(data["seals"]) > MAX_FIELDS):
        return (
            f"record: more than {MAX_FIELDS:,} sealed fields (a record of a run has tens: its "
            "parameters, totals and timings)"
        )
    check = data["check"]
    problem = _keys(check, _CHECK, "check")
    if problem:
        return problem
    for key in sorted(_CHECK):
        if not isinstance(check[key], str):
            return f"check.{key}: must be a string, got {check[key]!r:.40}"
    problem = _keys(data["versions"], frozenset(_records.versions()), "versions")
    if problem:
        return problem
    for key, value in data["versions"].items():
        if value is not None and not isinstance(value, str):
            return f"versions.{key}: must be a string or null, got {value!r:.40}"
    params = data["params"]
    if not isinstance(params, dict):
        return f"params: must be an object, got {type(params).__name__}"
    for key, value in params.items():
        flat = value if isinstance(value, list) else [value]
        if not all(_scalar(v) for v in flat):
            return f"params.{key[:40]}: must be a number, string, boolean or list of them"
    for key in ("start", "upto"):
        if not _records.is_int(params.get(key)):
            return f"params.{key}: must be an integer, got {params.get(key)!r:.40}"
    span = data["range"]
    if not (isinstance(span, list) and len(span) == 2 and all(map(_records.is_int, span))):
        return f"range: must be [start, upto], two integers, got {span!r:.60}"
    if not _records.is_int(data["chunk_size"]) or data["chunk_size"] < 1:
        return f"chunk_size: must be an integer >= 1, got {data['chunk_size']!r:.40}"
    problem = _chunks_problem(data["chunks"])
    if problem:
        return problem
    return _tail_problem(data)


def _chunks_problem(chunks: Any) -> str | None:
    if not isinstance(chunks, list):
        return f"chunks: must be a list, got {type(chunks).__name__}"
    for i, raw in enumerate(chunks):
        where = f"chunks[{i}]"
        problem = _keys(raw, _CHUNK, where)
        if problem:
            return problem
        problem = _records.chunk_field_problem(raw)
        if problem:
            return f"{where}.{problem}"
        if not isinstance(raw["seconds"], (int, float)):
            return f"{where}.seconds: must be a number, got null"
        for key in ("results", "seal"):
            if not _records.is_hex(raw[key]):
                return f"{where}.{key}: must be a hex digest, got {raw[key]!r:.40}"
    return None


def _tail_problem(data: Mapping[str, Any]) -> str | None:
    result = data["result"]
    problem = _keys(result, _RESULT, "result")
    if problem:
        return problem
    if type(result["passed"]) is not bool:
        return f"result.passed: must be true or false, got {result['passed']!r:.40}"
    for key in ("checked", "failures", "chunks"):
        if not _records.is_int(result[key]):
            return f"result.{key}: must be an integer, got {result[key]!r:.40}"
    first = result["first_counterexample"]
    if first is not None and not (isinstance(first, dict) and _records.is_int(first.get("n"))):
        return "result.first_counterexample: must be null or an object with an integer n"
    if result["max_error"] is not None and not _records.is_real(result["max_error"]):
        return f"result.max_error: must be a finite number, got {result['max_error']!r:.40}"
    timings = data["timings"]
    problem = _keys(timings, _TIMINGS, "timings")
    if problem:
        return problem
    if not isinstance(timings["started"], str):
        return f"timings.started: must be a string, got {timings['started']!r:.40}"
    for key in ("wall_seconds", "cpu_seconds", "chunk_seconds"):
        if not _records.is_real(timings[key]):
            return f"timings.{key}: must be a finite number, got {timings[key]!r:.40}"
    found = data["seals"]
    if not isinstance(found, dict):
        return f"seals: must be an object, got {type(found).__name__}"
    for key, value in found.items():
        if not _records.is_hex(value):
            return f"seals[{key[:60]!r}]: must be a hex digest, got {value!r:.40}"
    if not _records.is_hex(data["digest"]):
        return f"digest: must be a hex digest, got {data['digest']!r:.40}"
    return None
