"""Placeholder."""
from __future__ import annotations
import random
MAX_INDEX_BITS = 0
def applicable(p: int, ell: int) -> bool:
    return False
def subgroup_log(h: int, g: int, ell: int, p: int, rng: random.Random) -> int | None:
    raise NotImplementedError
