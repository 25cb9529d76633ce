"""Values that are not integers: every public function must refuse them with a TypeError."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

NOT_INTEGERS: list[Any] = [True, False, 2.0, 1e23, "7", None, Fraction(3, 1), 3 + 0j, [2]]
