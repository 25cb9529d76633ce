"""Checkpoint files for long sweeps: finished chunks survive Ctrl-C, crashes and reboots.

The file is one JSON document::

    {"format": FORMAT, "numtheory_version": "0.1.0", "run": SPEC,
     "chunks": {check: {"<lo>": chunk}}, "digest": "<sha256>"}

``SPEC`` names everything that determines the answer (checks, parameters, range, chunk size);
a file written by a different run, or by another numtheory version (whose checks may count or
decide differently), raises :class:`~numtheory.errors.CheckpointError` instead of being
silently mixed in.

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
an interrupted write leaves the previous checkpoint intact.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from numtheory import __version__
from numtheory.errors import CheckpointError
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult

__all__ = ["FORMAT", "Checkpoint"]

FORMAT = "numtheory-verify-checkpoint/2"
_FORMAT_FAMILY = "numtheory-verify-checkpoint/"
_TOP_KEYS = {"format", "numtheory_version", "run", "chunks", "digest"}
_CHUNK_KEYS = {"lo", "hi", "checked", "failures", "first_failure", "max_error", "seconds"}
_MAX_FLOAT = int(sys.float_info.max)
# No checkpoint of a run is larger than this: a real chunk takes ~130 bytes, a chunk carrying
# its first counterexample's evidence a few KB. A bigger file is not one of ours, and reading
# it whole could exhaust memory.
_BASE_BYTES = 16 * 2**20
_BYTES_PER_CHUNK = 64 * 2**10


def _normalise(value: Any) -> Any:
    """The JSON round trip of ``value`` (tuples become lists), for comparing run specs."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def _canonical(body: Mapping[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _digest(body: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of everything but the digest itself."""
    return hashlib.sha256(_canonical(body).encode("utf-8")).hexdigest()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: a key given twice would let the second silently win."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key[:40]!r} appears twice in one object")
        out[key] = value
    return out


def _is_int(value: Any) -> bool:
    return type(value) is int  # bool is an int subclass; a JSON true is not a count


def _is_real(value: Any) -> bool:
    if type(value) is int:
        return abs(value) <= _MAX_FLOAT  # math.isfinite(10**400) raises OverflowError
    return type(value) is float and math.isfinite(value)


class Checkpoint:
    """Finished chunks of one run, kept in ``path``.

    Parameters
    ----------
    path : str or Path
        The checkpoint file; created on the first finished chunk, resumed if it exists.
    spec : dict
        What identifies the run: ``{"checks": {name: {"params": {...}, "chunk_size": k}}}``.
        An existing file with a different spec is refused.
    interval : float
        Minimum seconds between two writes while chunks keep finishing (``flush`` forces one).
    checks : mapping of str to Check, optional
        The registered checks of the run, for their kind and ``cases`` bound; without one a
        check's chunks are held to one case per ``n``.

    Raises
    ------
    CheckpointError
        The file cannot be read, belongs to another run or numtheory version, or does not hold
        together (the message names the first bad field); or the path cannot be written.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        spec: dict[str, Any],
        interval: float = 1.0,
        checks: Mapping[str, Check] | None = None,
    ):
        self.path = Path(path)
        self.spec = _normalise(spec)
        self.interval = interval
        self._checks = dict(checks or {})
        self._chunks: dict[str, dict[int, ChunkResult]] = {}
        self._dirty = False
        self._last_write = 0.0
        if self.path.exists():
            self._load()
        else:
            self._check_writable()

    def _check_writable(self) -> None:
        """Refuse a path we could not write to now, before hours of work depend on it."""
        directory = self.path.parent if str(self.path.parent) else Path(".")
        if self.path.is_dir():
            raise CheckpointError(f"checkpoint {self.path} is a directory, not a file")
        if not directory.is_dir():
            raise CheckpointError(f"cannot write checkpoint {self.path}: no directory {directory}")
        try:
            fd, probe = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".probe", dir=directory
            )
        except OSError as exc:
            raise CheckpointError(f"cannot write checkpoint {self.path}: {exc}") from exc
        os.close(fd)
        Path(probe).unlink(missing_ok=True)

    # -- reading ---------------------------------------------------------------------------

    def _max_bytes(self) -> int:
        """The largest file a checkpoint of this run can be (see ``_BYTES_PER_CHUNK``)."""
        chunks = 0
        for item in self.spec.get("checks", {}).values():
            span = item["params"]["upto"] + 1 - item["params"]["start"]
            chunks += max(0, -(-span // item["chunk_size"]))
        return _BASE_BYTES + _BYTES_PER_CHUNK * chunks

    def _read(self) -> str:
        """The file's text: a regular file (not a FIFO or device) no larger than any of ours."""
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise ValueError(
                "it is a directory" if stat.S_ISDIR(info.st_mode) else "it is not a regular file"
            )
        with os.fdopen(fd, "rb") as handle:
            limit = self._max_bytes()
            data = handle.read(limit + 1)
            if len(data) > limit:
                raise ValueError(
                    f"it is larger than {limit:,} bytes, more than any checkpoint of this run"
                )
        return data.decode("utf-8")

    def _load(self) -> None:
        try:
            data = json.loads(self._read(), object_pairs_hook=_no_duplicates)
        except (OSError, ValueError, RecursionError) as exc:
            # RecursionError: a deeply nested document is damage, not an internal error.
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise CheckpointError(f"cannot read checkpoint {self.path}: {reason}") from exc
        if not isinstance(data, dict) or not str(data.get("format", "")).startswith(_FORMAT_FAMILY):
            raise CheckpointError(
                f"cannot read checkpoint {self.path}: not a numtheory verify checkpoint"
            )
        written_by = data.get("numtheory_version")
        if data["format"] != FORMAT or written_by != __version__:
            by = f"numtheory {written_by}" if isinstance(written_by, str) else "an older numtheory"
            raise CheckpointError(
                f"checkpoint {self.path} was written by {by:.60} (format "
                f"{str(data['format'])[:60]!r}), this is numtheory {__version__}: its checks "
                "may count or decide differently, so it is not resumed; use another file "
                "or delete it"
            )
        extra = sorted(set(data) - _TOP_KEYS)
        missing = sorted(_TOP_KEYS - set(data))
        if extra or missing:
            what = f"unknown field(s) {extra}" if extra else f"missing field(s) {missing}"
            self._bad(what)
        if data["run"] != self.spec:
            raise CheckpointError(
                f"checkpoint {self.path} belongs to a different run "
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
        if set(raw) != _CHUNK_KEYS:
            odd = sorted(set(raw) ^ _CHUNK_KEYS)
            self._bad(f"{where}: wrong fields {odd} (a chunk has {sorted(_CHUNK_KEYS)})")
        for key in ("lo", "hi", "checked", "failures"):
            if not _is_int(raw[key]):
                self._bad(f"{where}.{key}: must be an integer, got {raw[key]!r:.40}")
        for key in ("max_error", "seconds"):
            if raw[key] is not None and not _is_real(raw[key]):
                self._bad(f"{where}.{key}: must be a finite number, got {raw[key]!r:.40}")
        first = raw["first_failure"]
        if first is not None and not (isinstance(first, dict) and _is_int(first.get("n"))):
            self._bad(f"{where}.first_failure: must be null or an object with an integer n")
        chunk = ChunkResult.from_dict(raw)
        problem = self.problem(name, chunk)
        if problem:
            self._bad(f"{where}: {problem}")
        return chunk

    def problem(self, name: str, chunk: ChunkResult) -> str | None:
        """What is wrong with ``chunk`` as a chunk of check ``name`` in this run, or ``None``.

        Checks the grid (``lo``, ``hi``), the counts against the chunk's size, and that the
        first failure is present exactly when there are failures and lies inside the chunk.
        """
        spec = self.spec["checks"][name]
        start, upto = spec["params"]["start"], spec["params"]["upto"]
        size = spec["chunk_size"]
        lo, hi = chunk.lo, chunk.hi
        if not start <= lo <= upto or (lo - start) % size:
            return f"lo = {lo} is not a chunk start of {start}..{upto} in steps of {size}"
        if hi != min(lo + size, upto + 1):
            return f"hi = {hi}, but the chunk starting at {lo} ends at {min(lo + size, upto + 1)}"
        entry = self._checks.get(name)
        chunk_params = {k: v for k, v in spec["params"].items() if k not in ("start", "upto")}
        bound = entry.max_cases(lo, hi, chunk_params) if entry else hi - lo
        if entry is not None and entry.kind == "predicate" and chunk.checked != hi - lo:
            return f"checked = {chunk.checked}, but a predicate chunk [{lo}, {hi}) has {hi - lo}"
        if not 0 <= chunk.checked <= bound:
            return f"checked = {chunk.checked} is outside 0..{bound} for the chunk [{lo}, {hi})"
        if not 0 <= chunk.failures <= bound:
            return f"failures = {chunk.failures} is outside 0..{bound} for the chunk [{lo}, {hi})"
        first = chunk.first_failure
        if chunk.failures and first is None:
            return f"failures = {chunk.failures} but first_failure is missing"
        if not chunk.failures and first is not None:
            return "first_failure is given but failures = 0"
        if first is not None and not lo <= int(first["n"]) < hi:
            return f"first_failure.n = {first['n']} lies outside the chunk [{lo}, {hi})"
        return None

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
        if not self._dirty:
            return
        body = {
            "format": FORMAT,
            "numtheory_version": __version__,
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
        directory = self.path.parent if str(self.path.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f'{text[:-1]},"digest":"{digest}"}}')
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False
        self._last_write = time.monotonic()


def _describe(spec: Any) -> str:
    if not isinstance(spec, dict) or not isinstance(spec.get("checks"), dict):
        return repr(spec)[:200]
    parts = []
    for name, item in sorted(spec["checks"].items()):
        parts.append(f"{name} {item}")
    return "; ".join(parts)[:300] or "empty"
