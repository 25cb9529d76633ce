"""How a chunk of the numpy range checks is split between numpy and the per-n Python code.

No numpy here: the checks' registrations read these at import, and numpy is imported only
when a chunk runs.
"""

from __future__ import annotations

from typing import Any

from numtheory.errors import InputError

__all__ = [
    "BLOCKWISE_MAX_CHUNK",
    "LIBRARY_EVERY",
    "LIBRARY_EVERY_MAX",
    "VECTOR_LIMIT",
    "check_library_every",
    "split_paths",
]

#: Default ``library_every``: the library function under test is called on about one case
#: in 1024 in the numpy range (a Python call costs 1-7 us, a case's numpy work 4-40 ns).
LIBRARY_EVERY = 1024

#: The largest chunk ``chunk_size="auto"`` may give the valuation checks: their numpy path works
#: in blocks of 2**13 n, so a chunk's memory does not grow with its size, and at about 4 * 10**7
#: n/s a chunk of 2**26 n computes for about 1.5 s, enough to make a Dask task's ~10 ms of
#: overhead under 1% (the default cap, 2**21, is 50 ms of compute here: 20% on Dask).
BLOCKWISE_MAX_CHUNK = 2**26

#: From here on (2**63) the valuation checks run their per-n Python code: below it the numpy
#: kernels are exact in uint64 (numtheory.verify._kernels uses this one).
VECTOR_LIMIT = 2**63


#: Largest ``library_every``: the sampling hash keeps 24 bits (numtheory.verify._kernels), so
#: a larger value would sample one case in 2**24 while saying one in ``library_every``.
LIBRARY_EVERY_MAX = 2**24


def check_library_every(params: dict[str, Any]) -> None:
    """Validator: ``1 <= library_every <= 2**24``."""
    every = params["library_every"]
    if every < 1:
        raise InputError(f"library_every must be >= 1, got {every}")
    if every > LIBRARY_EVERY_MAX:
        raise InputError(
            f"library_every must be at most 2**24 = {LIBRARY_EVERY_MAX} (the sample's hash "
            f"has 24 bits), got {every}"
        )


def split_paths(lo: int, hi: int, exact_upto: int) -> tuple[tuple[int, int], ...]:
    """``[lo, hi)`` cut into the per-n head (``n <= exact_upto``), the numpy middle, and the
    per-n tail (``n >= VECTOR_LIMIT``); pieces may be empty.

    >>> split_paths(0, 10, 3), split_paths(5, 10, 3)
    (((0, 4), (4, 10), (10, 10)), ((5, 5), (5, 10), (10, 10)))
    >>> split_paths(2**63 - 2, 2**63 + 1, 0)[1:]
    ((9223372036854775806, 9223372036854775808), (9223372036854775808, 9223372036854775809))
    """
    a = min(hi, max(lo, exact_upto + 1))
    b = max(a, min(hi, VECTOR_LIMIT))
    return (lo, a), (a, b), (b, hi)
