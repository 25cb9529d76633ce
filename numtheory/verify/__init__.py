"""Named checks of mathematical claims, and the runner that checks them at scale.

>>> from numtheory import verify
>>> report = verify.run("central-binomial-2adic", params={"upto": 2000}, workers=1)
>>> report.ok, report["central-binomial-2adic"].detail["checked"]
(True, 2000)

``run(..., evidence="run.json")`` writes an evidence record of a range check that
:func:`audit` checks later by recomputing a random sample of its chunks.

Write your own with :func:`check` (a plain check) or :func:`range_check` (split into chunks
that run on a process pool or a Dask cluster) and run it with :func:`run`. Nothing here
imports dask until a scheduler address is given.
"""

from __future__ import annotations

from numtheory.verify._audit import Audit, audit
from numtheory.verify.registry import (
    Check,
    Outcome,
    check,
    checks,
    get_check,
    range_check,
    unregister,
)
from numtheory.verify.result import CheckResult, ChunkResult
from numtheory.verify.runner import Report, run
from numtheory.verify.sweep import SweepError, SweepInterrupted

__all__ = [
    "Audit",
    "Check",
    "CheckResult",
    "ChunkResult",
    "Outcome",
    "Report",
    "SweepError",
    "SweepInterrupted",
    "audit",
    "check",
    "checks",
    "get_check",
    "range_check",
    "run",
    "unregister",
]
