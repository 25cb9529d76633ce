"""Checkpoint files for long sweeps: finished chunks survive Ctrl-C, crashes and reboots.

The file is one JSON document ``{"format": ..., "run": SPEC, "chunks": {check: {lo: chunk}}}``.
``SPEC`` names everything that determines the answer (checks, parameters, range, chunk size);
a file written by a different run raises :class:`~numtheory.errors.CheckpointError` instead of
being silently mixed in. Writes are atomic: a temporary file in the same directory, fsync,
then :func:`os.replace`, so an interrupted write leaves the previous checkpoint intact.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from numtheory.errors import CheckpointError
from numtheory.verify.result import ChunkResult

__all__ = ["FORMAT", "Checkpoint"]

FORMAT = "numtheory-verify-checkpoint/1"


def _normalise(value: Any) -> Any:
    """The JSON round trip of ``value`` (tuples become lists), for comparing run specs."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


class Checkpoint:
    """Finished chunks of one run, kept in ``path``.

    Parameters
    ----------
    path : str or Path
        The checkpoint file; created on the first finished chunk, resumed if it exists.
    spec : dict
        What identifies the run. An existing file with a different spec is refused.
    interval : float
        Minimum seconds between two writes while chunks keep finishing (``flush`` forces one).
    """

    def __init__(self, path: str | os.PathLike[str], spec: dict[str, Any], interval: float = 1.0):
        self.path = Path(path)
        self.spec = _normalise(spec)
        self.interval = interval
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

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a numtheory verify checkpoint")
            saved = data["chunks"]
            chunks = {
                name: {int(lo): ChunkResult.from_dict(c) for lo, c in per_check.items()}
                for name, per_check in saved.items()
            }
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CheckpointError(f"cannot read checkpoint {self.path}: {exc}") from exc
        if data.get("run") != self.spec:
            raise CheckpointError(
                f"checkpoint {self.path} belongs to a different run "
                f"(saved: {_describe(data.get('run'))}; now: {_describe(self.spec)}); "
                "use another file or delete it"
            )
        self._chunks = chunks

    def done(self, name: str) -> dict[int, ChunkResult]:
        """Finished chunks of check ``name``, keyed by their ``lo``."""
        return dict(self._chunks.get(name, {}))

    def count(self) -> int:
        """Number of finished chunks over all checks."""
        return sum(len(c) for c in self._chunks.values())

    def add(self, name: str, chunk: ChunkResult) -> None:
        """Record a finished chunk; writes the file at most every ``interval`` seconds."""
        self._chunks.setdefault(name, {})[chunk.lo] = chunk
        self._dirty = True
        if time.monotonic() - self._last_write >= self.interval:
            self.flush()

    def flush(self) -> None:
        """Write the file now (atomically) if anything changed since the last write."""
        if not self._dirty:
            return
        data = {
            "format": FORMAT,
            "run": self.spec,
            "chunks": {
                name: {str(lo): c.to_dict() for lo, c in sorted(per.items())}
                for name, per in self._chunks.items()
            },
        }
        directory = self.path.parent if str(self.path.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False
        self._last_write = time.monotonic()


def _describe(spec: Any) -> str:
    if not isinstance(spec, dict):
        return repr(spec)[:200]
    parts = []
    for name, item in sorted(spec.get("checks", {}).items()):
        parts.append(f"{name} {item}")
    return "; ".join(parts)[:300] or "empty"
