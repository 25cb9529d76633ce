"""binomial() refuses results too large for memory before GMP can abort the interpreter."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.arith._binomial import MAX_RESULT_BITS, result_bits
from numtheory.errors import InputError

GIB = 2**30


def _run_limited(code: str, address_space: int, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a child whose address space is capped (RLIMIT_AS), so an allocation
    failure shows up as GMP's abort (SIGABRT) instead of swapping the machine."""
    prelude = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))
        """
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_issue_10_binomial_is_refused_not_aborted() -> None:
    # the old code called GMP here: under a 3 GiB cap it died with SIGABRT
    proc = _run_limited(
        """
        import numtheory as nt
        from numtheory.errors import InputError
        try:
            nt.binomial(2**40, 2**33)
        except InputError as exc:
            print("refused:", exc)
        """,
        3 * GIB,
        timeout=60,
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-500:])
    assert "refused: binomial() result too large" in proc.stdout
    assert "2**36.1 bits (8.44 GiB)" in proc.stdout  # names the size
    assert "ceiling of 2**32 bits" in proc.stdout


@pytest.mark.parametrize(
    ("n", "k"),
    [(2**40, 2**33), (2**33 + 10, 2**32), (10**10**6, 10**6), (2**70, 2**65), (2**200, 2**40)],
    # named ids: pytest's default id is str(n), 12 s of CPU for the million-digit n at collection
    ids=["2^40", "2^33+10", "10^(10^6)", "2^70", "2^200"],
)
def test_refusals_name_the_size(n: int, k: int) -> None:
    with pytest.raises(InputError, match=r"too large: C\(n, k\) would have .*bits"):
        nt.binomial(n, k)
    with pytest.raises(InputError, match="too large"):
        nt.binomial(n, n - k)  # symmetry: the same result


def test_just_under_the_ceiling_is_not_refused_by_the_estimate() -> None:
    # C(2m, m) has about 2m bits: m just under 2**31 is allowed, just over is refused
    assert result_bits(2**32 - 4, 2**31 - 2) <= MAX_RESULT_BITS
    assert result_bits(2**32 + 200, 2**31 + 100) > MAX_RESULT_BITS
    with pytest.raises(InputError):
        nt.binomial(2**32 + 200, 2**31 + 100)


@given(st.integers(2, 3000), st.data())
def test_estimate_matches_the_exact_size(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(1, n // 2))
    exact = math.log2(math.comb(n, k))
    assert abs(result_bits(n, k) - exact) < 0.01  # Stirling's error is O(1/k**3) bits


def test_estimate_for_huge_n() -> None:
    n = 10**5000 + 3
    for k in (1, 2, 7, 100):
        assert abs(result_bits(n, k) - math.log2(math.comb(n, k))) < 0.01
    assert nt.binomial(n, 7) == math.comb(n, 7)  # allowed: about 116,000 bits


@pytest.mark.slow
def test_memory_at_scale_stays_proportional_to_the_result() -> None:
    # The ceiling's safety argument: peak memory is a small multiple of the result. Here
    # C(2**26, 2**25) (2**26 bits = 8 MiB) must fit in the interpreter plus 12x the result;
    # 12x the 512 MiB ceiling is 6 GiB, well inside 24 GiB.
    proc = _run_limited(
        """
        import resource
        import numtheory as nt
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        value = nt.binomial(2**26, 2**25)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(value.bit_length(), (peak - base) / (2**26 / 8))
        """,
        1 * GIB + 12 * 2**23,
        timeout=120,
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-500:])
    bits, ratio = proc.stdout.split()
    assert 2**26 - 40 < int(bits) < 2**26  # C(2m, m) has 2m - O(log m) bits
    assert float(ratio) < 12
