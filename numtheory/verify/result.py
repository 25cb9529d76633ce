"""What a check returns: :class:`CheckResult`, and the per-chunk :class:`ChunkResult` of a sweep.

A range check's chunks are merged with :func:`merge_chunks` in chunk order, so the merged
evidence (counts, smallest counterexample, largest error) does not depend on how many workers
ran the chunks or in which order they finished.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from numtheory import _display

__all__ = ["CheckResult", "ChunkResult", "merge_chunks"]


@dataclass
class ChunkResult:
    """The evidence from one chunk ``[lo, hi)`` of a range check.

    Parameters
    ----------
    lo, hi : int
        The chunk, ``lo`` included, ``hi`` excluded.
    checked : int
        How many cases were checked (a case is one ``n``, or one ``(n, k, p)``...).
    failures : int
        How many cases failed.
    first_failure : dict or None
        The failing case with the smallest ``n`` in this chunk (key ``"n"`` plus evidence).
    max_error : float or None
        The largest numerical error seen, for checks that measure one.
    seconds : float
        Time spent computing the chunk, measured inside the worker.
    digest : str or None
        Optional: a digest (hex) of the chunk's results that a chunk function computes itself
        (say SHA-256 of the array of values both methods agreed on). An evidence record keeps
        it and an audit compares it with a recomputation; without one the record digests the
        counts (see :mod:`numtheory.verify.evidence`).
    """

    lo: int
    hi: int
    checked: int = 0
    failures: int = 0
    first_failure: dict[str, Any] | None = None
    max_error: float | None = None
    seconds: float = 0.0
    digest: str | None = None

    def fail(self, n: int, **evidence: Any) -> None:
        """Record a failing case; keeps the one with the smallest ``n``.

        >>> c = ChunkResult(0, 10)
        >>> c.fail(7, got=1); c.fail(3, got=2)
        >>> c.failures, c.first_failure
        (2, {'n': 3, 'got': 2})
        """
        self.failures += 1
        if self.first_failure is None or n < int(self.first_failure["n"]):
            self.first_failure = {"n": n, **evidence}

    def error(self, value: float) -> None:
        """Record a numerical error; keeps the largest."""
        if self.max_error is None or value > self.max_error:
            self.max_error = value

    def to_dict(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies, the slowest part of writing a big checkpoint.
        first = None if self.first_failure is None else dict(self.first_failure)
        out: dict[str, Any] = {
            "lo": self.lo, "hi": self.hi, "checked": self.checked, "failures": self.failures,
            "first_failure": first, "max_error": self.max_error, "seconds": self.seconds,
        }  # fmt: skip
        if self.digest is not None:  # only when a chunk function gave one: files stay as they were
            out["digest"] = self.digest
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChunkResult:
        return cls(**data)


def merge_chunks(chunks: list[ChunkResult]) -> dict[str, Any]:
    """Merge chunk results (in any order) into one evidence dict.

    >>> a = ChunkResult(1, 5, checked=4, failures=1, first_failure={"n": 4})
    >>> b = ChunkResult(5, 9, checked=4, failures=1, first_failure={"n": 6})
    >>> merge_chunks([b, a])["first_counterexample"]
    {'n': 4}
    """
    ordered = sorted(chunks, key=lambda c: c.lo)
    failures = [c.first_failure for c in ordered if c.first_failure is not None]
    errors = [c.max_error for c in ordered if c.max_error is not None]
    return {
        "checked": sum(c.checked for c in ordered),
        "failures": sum(c.failures for c in ordered),
        "first_counterexample": min(failures, key=lambda f: int(f["n"])) if failures else None,
        "max_error": max(errors) if errors else None,
        "chunks": len(ordered),
        "chunk_seconds": round(sum(c.seconds for c in ordered), 6),
    }


@dataclass
class CheckResult:
    """The outcome of one check.

    Attributes
    ----------
    name, claim : str
        The check's name and the claim it tests, in one line.
    passed : bool
        True when every case agreed with the claim.
    detail : dict
        The evidence: ``summary`` (one human line) and, depending on the check, ``checked``,
        ``failures``, ``first_counterexample``, ``max_error``, ``range`` (how far it went)...
    seconds : float
        Wall-clock time of the check.
    params : dict
        The parameters it ran with (defaults filled in).
    source : str
        Where the claim comes from (URL, theorem, OEIS A-number).
    """

    name: str
    claim: str
    passed: bool
    detail: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def summary(self) -> str:
        return str(self.detail.get("summary", ""))

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form: name, claim, passed, detail, seconds, params (and source)."""
        return {
            "name": self.name,
            "claim": self.claim,
            "passed": self.passed,
            "detail": self.detail,
            "seconds": round(self.seconds, 6),
            "params": self.params,
            "source": self.source,
        }

    # BEGIN reprs
    def _first(self, limit: int = 120) -> str | None:
        """The first counterexample, as text of about ``limit`` characters (whole items, then
        a mark; None when there is none)."""
        first = self.detail.get("first_counterexample")
        return _display.mapping_text(first, limit) if isinstance(first, dict) and first else None

    def _summary(self) -> str:
        """The evidence line, shown short whatever a check put there (``str`` of a huge int
        would be quadratic, or refused in a kernel)."""
        summary = self.detail.get("summary", "")
        return summary if isinstance(summary, str) else _display.value_text(summary, 120)

    @_display.guarded
    def __repr__(self) -> str:
        """``<CheckResult 'euler-41' FAIL: 10001 cases for n = 0..10000: 5852 failed, …>``."""
        return _display.one_line(
            "CheckResult",
            f"{_display.clip(self.name, 60)!r} {'PASS' if self.passed else 'FAIL'}",
            [_display.clip(self._summary(), 120), f"{self.seconds:.2f} s"],
        )

    @_display.guarded
    def __str__(self) -> str:
        """The outcome, claim, evidence, first counterexample, parameters and source."""
        title = f"{'PASS' if self.passed else 'FAIL'}  {self.name}  ({self.seconds:.2f} s)"
        return _display.text_block(title, self._display_rows())

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """A table: check, PASS/FAIL, claim, evidence, counts, first counterexample, source."""
        rows: list[tuple[str, Any]] = [
            ("check", self.name),
            ("result", _display.status_html(self.passed)),
        ]
        rows += [
            (label, _display.linked(value) if label == "source" else value)
            for label, value in self._display_rows()
            if _display.present(value)
        ]
        return _display.html_box("checkresult", _display.html_rows(rows))

    def _display_rows(self) -> list[tuple[str, Any]]:
        detail = self.detail
        checked, failures = detail.get("checked"), detail.get("failures")
        error = detail.get("max_error")
        return [
            ("claim", self.claim),
            ("evidence", self._summary()),
            ("cases", None if checked is None else _display.number_text(checked)),
            ("failures", None if failures is None else _display.number_text(failures)),
            ("first counterexample", self._first()),
            ("largest error", None if not isinstance(error, float) else f"{error:.3g}"),
            (
                "error",
                None
                if self._summary().startswith("error:") or detail.get("error") is None
                else _display.value_text(detail["error"], 200),
            ),
            ("parameters", _display.mapping_text(self.params, limit=200)),
            ("source", self.source),
        ]

    # END reprs
