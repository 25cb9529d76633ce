"""Issue 11: fields and methods nothing read are gone (their values were never used)."""

from __future__ import annotations

import dataclasses

from numtheory.verify.checkpoint import Checkpoint
from numtheory.verify.sweep import SweepStats


def test_sweep_stats_has_no_unread_wall_time() -> None:
    # the runner times each check once (CheckResult.seconds); SweepStats.wall_seconds was
    # a second clock nobody read
    names = {f.name for f in dataclasses.fields(SweepStats)}
    assert names == {"chunks", "resumed", "computed", "restarts", "merged"}


def test_checkpoint_has_no_unused_count() -> None:
    assert not hasattr(Checkpoint, "count")
    assert callable(Checkpoint.done)  # what the sweep uses to skip finished chunks
