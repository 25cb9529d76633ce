"""Checkpoint files for long sweeps: finished chunks survive Ctrl-C, crashes and reboots.

The file is one JSON document::

    {"format": FORMAT, "versions": VERSIONS, "run": SPEC,
     "chunks": {check: {"<lo>": chunk}}, "digest": "<sha256>"}

``SPEC`` names everything that determines the answer (checks, parameters, range, chunk size);
``VERSIONS`` the code that computed it: numtheory's version and a digest of its source tree,
Python's and the dependencies' versions (gmpy2, python-flint, mpmath, numpy) and a digest of
each check's own module (see :func:`numtheory.verify._records.versions`). A file written by a
different run, or by other code (whose checks may count or decide differently: another
numtheory or dependency version, an edited check), raises
:class:`~numtheory.errors.CheckpointError` naming what differs instead of being silently
mixed in.

Nothing read back is trusted. Every field is type-checked (integers are JSON integers, never
booleans or strings), every chunk must be exactly one cell of the run's chunk grid (its key is
its ``lo``, ``lo = start + i * chunk_size``, ``hi = min(lo + chunk_size, upto + 1)``), its
counts must fit the chunk (a predicate check counts exactly one case per ``n``; a chunk
function at most what its ``cases`` bound allows), a chunk with failures must carry its first
counterexample inside its bounds and one without must carry none. The ``digest`` (SHA-256 of
the rest, canonical JSON) catches any edit made without recomputing it; the field checks
catch the edits that recompute it but no longer hold together. A file that fails any of this
is refused with the field named. What cannot be caught from the file alone: a consistent
forgery (say a failing chunk rewritten as a clean one with a fresh digest); rerun without the
checkpoint when the file's provenance is in doubt.

Writes are atomic: a temporary file in the same directory, fsync, then :func:`os.replace`, so
an interrupted write leaves the previous checkpoint intact. A ``Checkpoint`` with no path
keeps its chunks in memory only (an evidence record collects a run's chunks that way).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from numtheory import __version__
from numtheory.errors import CheckpointError
from numtheory.verify import _records
from numtheory.verify._records import CHUNK_FIELDS as _CHUNK_KEYS
from numtheory.verify._records import canonical as _canonical
from numtheory.verify._records import digest_of as _digest
from numtheory.verify._records import normalise as _normalise
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult

__all__ = ["FORMAT", "Checkpoint"]

FORMAT = "numtheory-verify-checkpoint/3"
_FORMAT_FAMILY = "numtheory-verify-checkpoint/"
_TOP_KEYS = {"format", "versions", "run", "chunks", "digest"}
# No checkpoint of a run is larger than this: a real chunk takes ~130 bytes, a chunk carrying
# its first counterexample's evidence a few KB. A bigger file is not one of ours, and reading
# it whole could exhaust memory.
_BASE_BYTES = 16 * 2**20
_BYTES_PER_CHUNK = 64 * 2**10


class Checkpoint:
    """Finished chunks of one run, kept in ``path``.

    Parameters
    ----------
    path : str or Path or None
        The checkpoint file; created on the first finished chunk, resumed if it exists.
        ``None`` keeps the chunks in memory only (nothing is read or written).
    spec : dict
        What identifies the run: ``{"checks": {name: {"params": {...}, "chunk_size": k}}}``.
        An existing file with a different spec is refused.
    interval : float
        Minimum seconds between two writes while chunks keep finishing (``flush`` forces one).
    checks : mapping of str to Check, optional
        The registered checks of the run, for their kind and ``cases`` bound and their code's
        digest; without one a check's chunks are held to one case per ``n``.

    Raises
    ------
    CheckpointError
        The file cannot be read, belongs to another run or was written by other code (another
        numtheory or dependency version, an edited check: the message names what differs),
        or does not hold together (the message names the first bad field); or the path cannot
        be written.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        spec: dict[str, Any],
        interval: float = 1.0,
        checks: Mapping[str, Check] | None = None,
    ):
        self.path = None if path is None else Path(path)
        self.spec = _normalise(spec)
        self.interval = interval
        self._checks = dict(checks or {})
        self.versions = _normalise(_records.check_versions(self._checks.values()))
        self._chunks: dict[str, dict[int, ChunkResult]] = {}
        self._dirty = False
        self._last_write = 0.0
        if self.path is None:
            return
        if self.path.exists():
            self._load(self.path)
        else:
            problem = _records.check_writable(self.path, "checkpoint")
            if problem:  # refused now, before hours of work depend on it
                raise CheckpointError(problem)

    # -- reading ---------------------------------------------------------------------------

    def _max_bytes(self) -> int:
        """The largest file a checkpoint of this run can be (see ``_BYTES_PER_CHUNK``)."""
        chunks = 0
        for item in self.spec.get("checks", {}).values():
            span = item["params"]["upto"] + 1 - item["params"]["start"]
            chunks += max(0, -(-span // item["chunk_size"]))
        return _BASE_BYTES + _BYTES_PER_CHUNK * chunks

    def _load(self, path: Path) -> None:
        try:
            text = _records.read_bounded(path, self._max_bytes())
            data = _records.loads(text)
        except (OSError, ValueError, RecursionError) as exc:
            # RecursionError: a deeply nested document is damage, not an internal error.
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            if reason.startswith("it is larger than"):
                reason += ", more than any checkpoint of this run"
            raise CheckpointError(f"cannot read checkpoint {path}: {reason}") from exc
        if not isinstance(data, dict) or not str(data.get("format", "")).startswith(_FORMAT_FAMILY):
            raise CheckpointError(
                f"cannot read checkpoint {path}: not a numtheory verify checkpoint"
            )
        self._compare_versions(path, data)
        extra = sorted(set(data) - _TOP_KEYS)
        missing = sorted(_TOP_KEYS - set(data))
        if extra or missing:
            what = f"unknown field(s) {extra}" if extra else f"missing field(s) {missing}"
            self._bad(what)
        if data["run"] != self.spec:
            raise CheckpointError(
                f"checkpoint {path} belongs to a different run "
                f"(saved: {_describe(data['run'])}; now: {_describe(self.spec)}); "
                "use another file or delete it"
            )
        chunks = data["chunks"]
        if not isinstance(chunks, dict):
            self._bad(f"chunks: must be an object, got {type(chunks).__name__}")
        # Fields first, so an edit that breaks the rules is named precisely; then the digest,
        # for edits that keep every rule (a count lowered, a counterexample swapped).
        loaded = {name: self._load_check(name, per) for name, per in chunks.items()}
        body = {k: v for k, v in data.items() if k != "digest"}
        if data["digest"] != _digest(body):
            self._bad("digest: does not match the content")
        self._chunks = loaded

    def _compare_versions(self, path: Path, data: dict[str, Any]) -> None:
        """Refuse a file written by other code, naming each version that differs."""
        saved = data.get("versions")
        if data["format"] != FORMAT or not isinstance(saved, dict):
            written_by = data.get("numtheory_version")  # what formats /1 and /2 recorded
            by = f"numtheory {written_by}" if isinstance(written_by, str) else "an older numtheory"
            raise CheckpointError(
                f"checkpoint {path} was written by {by:.60} (format "
                f"{str(data['format'])[:60]!r}), this is numtheory {__version__}: its checks "
                "may count or decide differently, so it is not resumed; use another file "
                "or delete it"
            )
        if saved == self.versions:
            return
        differ = []
        for key in sorted(set(saved) | set(self.versions)):
            then, now = saved.get(key), self.versions.get(key)
            if key == "checks" and isinstance(then, dict) and isinstance(now, dict):
                for name in sorted(set(then) | set(now)):
                    if then.get(name) != now.get(name):
                        differ.append(f"the code of check {name[:60]!r}")
            elif key == "numtheory_source" and then != now:
                # The version string stays "0.1.0" across edits: say what this digest means.
                differ.append(
                    f"numtheory's source: a .py file under numtheory/ was edited or replaced "
                    f"(numtheory_source {_records.short(then)} then, {_records.short(now)} now)"
                )
            elif then != now:
                differ.append(f"{key[:40]} {_records.short(then)} then, {_records.short(now)} now")
        raise CheckpointError(
            f"checkpoint {path} was written by other code ({'; '.join(differ[:6])}): its "
            "checks may count or decide differently, so it is not resumed; rerun without it "
            "(use another file or delete it)"
        )

    def _load_check(self, name: str, per_check: Any) -> dict[int, ChunkResult]:
        where = f"chunks.{name[:60]}"
        if name not in self.spec.get("checks", {}):
            self._bad(f"{where}: no such range check in this run")
        if not isinstance(per_check, dict):
            self._bad(f"{where}: must be an object, got {type(per_check).__name__}")
        out = {}
        for key, raw in per_check.items():
            chunk = self._validate(name, f"{where}[{key[:40]!r}]", raw)
            if key != str(chunk.lo):
                self._bad(f"{where}[{key[:40]!r}]: key does not match the chunk's lo = {chunk.lo}")
            out[chunk.lo] = chunk
        return out

    def _bad(self, what: str) -> None:
        raise CheckpointError(
            f"checkpoint {self.path} does not hold together: {what}; it was edited or damaged, "
            "so it is not resumed (delete it, or use another file)"
        )

    def _validate(self, name: str, where: str, raw: Any) -> ChunkResult:
        """One chunk, checked field by field against the run's grid and the check's bounds."""
        if not isinstance(raw, dict):
            self._bad(f"{where}: must be an object, got {type(raw).__name__}")
        if set(raw) - {"digest"} != _CHUNK_KEYS:
            odd = sorted((set(raw) - {"digest"}) ^ _CHUNK_KEYS)
            self._bad(f"{where}: wrong fields {odd} (a chunk has {sorted(_CHUNK_KEYS)})")
        problem = _records.chunk_field_problem(raw)
        if problem:
            self._bad(f"{where}.{problem}")
        chunk = ChunkResult.from_dict(raw)
        problem = self.problem(name, chunk)
        if problem:
            self._bad(f"{where}: {problem}")
        return chunk

    def problem(self, name: str, chunk: ChunkResult) -> str | None:
        """What is wrong with ``chunk`` as a chunk of check ``name`` in this run, or ``None``.

        Checks the grid (``lo``, ``hi``), the counts against the chunk's size, and that the
        first failure is present exactly when there are failures and lies inside the chunk
        (:func:`numtheory.verify._records.chunk_problem`).
        """
        spec = self.spec["checks"][name]
        return _records.chunk_problem(
            spec["params"], spec["chunk_size"], self._checks.get(name), chunk
        )

    # -- the run's side --------------------------------------------------------------------

    def done(self, name: str) -> dict[int, ChunkResult]:
        """Finished chunks of check ``name``, keyed by their ``lo``."""
        return dict(self._chunks.get(name, {}))

    def add(self, name: str, chunk: ChunkResult) -> None:
        """Record a finished chunk; writes the file at most every ``interval`` seconds.

        A chunk that breaks the rules a resume would apply is refused now (a check whose
        chunk function counts more cases than its ``cases`` bound), not hours later.
        """
        problem = self.problem(name, chunk) if name in self.spec.get("checks", {}) else None
        if problem:
            raise CheckpointError(
                f"check {name!r} returned a chunk the checkpoint cannot hold: {problem} "
                "(a chunk function counting several cases per n declares range_check(cases=...))"
            )
        self._chunks.setdefault(name, {})[chunk.lo] = chunk
        self._dirty = True
        if time.monotonic() - self._last_write >= self.interval:
            self.flush()

    def flush(self) -> None:
        """Write the file now (atomically) if anything changed since the last write."""
        if not self._dirty or self.path is None:
            return
        body = {
            "format": FORMAT,
            "versions": self.versions,
            "run": self.spec,
            "chunks": {
                name: {str(lo): c.to_dict() for lo, c in sorted(per.items())}
                for name, per in self._chunks.items()
            },
        }
        # Serialise once: the canonical text is both what the digest covers and the file,
        # with the digest appended as its last member (a 10,000-chunk file is 1.3 MB).
        text = _canonical(body)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        _records.write_atomic(self.path, f'{text[:-1]},"digest":"{digest}"}}')
        self._dirty = False
        self._last_write = time.monotonic()


def _describe(spec: Any) -> str:
    if not isinstance(spec, dict) or not isinstance(spec.get("checks"), dict):
        return repr(spec)[:200]
    parts = []
    for name, item in sorted(spec["checks"].items()):
        parts.append(f"{name} {item}")
    return "; ".join(parts)[:300] or "empty"
