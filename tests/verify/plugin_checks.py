"""Test-only checks, registered on import.

The CLI loads them with ``numtheory verify --import tests.verify.plugin_checks``.

* ``euler-prime-polynomial``: n^2 + n + 41 is prime for every n >= 0. False: the first
  counterexample is n = 40 (1681 = 41^2). A deliberately failing claim.
* ``counting``: always passes; each computed chunk leaves a file in ``log_dir`` (so tests can
  count recomputation), optionally sleeps, and can raise KeyboardInterrupt once at ``stop_lo``.
* ``die-once``: kills its worker process (``os._exit``) the first time it reaches chunk
  ``die_lo``, guarded by the ``marker`` file; afterwards it behaves like a normal check.
  With ``always=True`` it kills every worker that reaches ``die_lo``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import gmpy2

from numtheory.verify import ChunkResult, range_check


def euler_failures(upto: int) -> list[int]:
    """The n <= upto where n^2 + n + 41 is composite (computed directly, for assertions)."""
    return [n for n in range(upto + 1) if not gmpy2.is_prime(n * n + n + 41)]


@range_check(
    "euler-prime-polynomial",
    claim="n^2 + n + 41 is prime for every n >= 0",
    source="L. Euler (1772); false at n = 40",
    start=0,
    upto=2000,
    chunk_size=100,
)
def euler_prime_polynomial(n: int) -> tuple[bool, dict[str, int]]:
    value = n * n + n + 41
    return bool(gmpy2.is_prime(value)), {"value": value}


@range_check(
    "counting",
    claim="every integer is an integer",
    source="tests",
    start=1,
    upto=1000,
    chunk_size=50,
    params={"log_dir": "", "sleep": 0.0, "stop_lo": -1, "stop_marker": ""},
)
def counting(
    lo: int, hi: int, log_dir: str, sleep: float, stop_lo: int, stop_marker: str
) -> ChunkResult:
    if lo == stop_lo and stop_marker and not os.path.exists(stop_marker):
        Path(stop_marker).touch()
        raise KeyboardInterrupt
    if sleep:
        time.sleep(sleep)
    if log_dir:
        Path(log_dir, f"{lo}-{hi}.{os.getpid()}.{time.monotonic_ns()}").touch()
    return ChunkResult(lo, hi, checked=hi - lo)


@range_check(
    "die-once",
    claim="a worker dying mid-chunk loses nothing and counts nothing twice",
    source="tests",
    start=1,
    upto=400,
    chunk_size=20,
    params={"marker": "", "die_lo": 101, "sleep": 0.0, "always": False},
)
def die_once(lo: int, hi: int, marker: str, die_lo: int, sleep: float, always: bool) -> ChunkResult:
    if sleep:
        time.sleep(sleep)
    if lo == die_lo and always:
        os._exit(13)
    if lo == die_lo and marker and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(13)
    result = ChunkResult(lo, hi)
    for n in range(lo, hi):
        result.checked += 1
        if n % 97 == 0:
            result.fail(n, reason="multiple of 97")
    return result
