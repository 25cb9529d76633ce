"""The numpy range checks: kernels against plain Python, vectorised chunks against the per-n
path, planted kernel and library bugs caught, and results that do not depend on the chunking."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import gmpy2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory
from numtheory import verify
from numtheory.errors import InputError
from numtheory.verify import _kernels, _sieve, _vector_checks
from numtheory.verify import checks_primes as cp
from numtheory.verify import checks_valuations as ci
from numtheory.verify._kernels import VECTOR_LIMIT, sampled_int
from numtheory.verify.result import ChunkResult

M64 = 2**64 - 1
EDGES = [0, 1, 2, 3, 7, 8, 255, 256, 2**31 - 1, 2**32, 2**62, 2**63 - 2, 2**63 - 1]


def _u64(values: list[int]) -> Any:
    return np.array(values, dtype=np.uint64)


def test_kernels_agree_with_python_integers_at_the_edges() -> None:
    rng = random.Random(15)
    values = EDGES + [rng.randrange(2**63) for _ in range(200)]
    arr = _u64(values)
    assert _kernels.popcount(arr).tolist() == [bin(v).count("1") for v in values]
    for p in (2, 3, 7, 23):
        assert _kernels.legendre_sum(arr, p).tolist() == [ci._v_factorial(v, p) for v in values]
        assert _kernels.digit_sum(arr, p).tolist() == [ci._digit_sum(v, p) for v in values]
        other = [rng.randrange(v + 1) for v in values]
        rest = [v - o for v, o in zip(values, other, strict=True)]
        assert _kernels.carries(_u64(other), _u64(rest), p).tolist() == [
            ci._carries(o, r, p) for o, r in zip(other, rest, strict=True)
        ]


def test_blocks_and_the_sample_do_not_depend_on_where_a_block_starts() -> None:
    top = VECTOR_LIMIT
    assert [b.tolist() for b in _kernels.blocks(top - 3, top, size=2)] == [
        [top - 3, top - 2],
        [top - 1],
    ]
    keys = list(range(2**63 - 2000, 2**63)) + list(range(5000))
    mask = _kernels.sampled(_u64(keys), 64).tolist()
    assert mask == [sampled_int(k, 64) for k in keys]
    assert 40 < sum(mask) < 180  # about 7000 / 64


def _planted(real: Callable[..., Any], bad: set[tuple[int, ...]]) -> Callable[..., Any]:
    def library(*args: int) -> Any:
        return real(*args) + 1 if args in bad else real(*args)

    return library


def _same(a: ChunkResult, b: ChunkResult, keys: tuple[str, ...] = ("n",)) -> None:
    assert (a.checked, a.failures) == (b.checked, b.failures)
    first_a = {k: a.first_failure[k] for k in keys} if a.first_failure else None
    first_b = {k: b.first_failure[k] for k in keys} if b.first_failure else None
    assert first_a == first_b


@settings(max_examples=20, deadline=None)
@given(
    lo=st.one_of(st.integers(1, 10**6), st.integers(2**63 - 3000, 2**63 - 1)),
    span=st.integers(0, 2500),
    seed=st.integers(0, 2**32),
)
def test_central_binomial_vectorised_matches_the_per_n_path(lo: int, span: int, seed: int) -> None:
    hi = min(lo + span, VECTOR_LIMIT)
    rng = random.Random(seed)
    bad = {(rng.randrange(lo, hi),) for _ in range(3)} if hi > lo else set()
    library = _planted(numtheory.central_binomial_valuation, bad)
    fast, slow = ChunkResult(lo, hi), ChunkResult(lo, hi)
    _vector_checks.central_binomial_block(fast, lo, hi, 1, library)
    ci._central_per_n(slow, lo, hi, 0, library)
    _same(fast, slow)
    assert fast.failures == len(bad)


@settings(max_examples=15, deadline=None)
@given(lo=st.integers(0, 10**9), span=st.integers(0, 400), seed=st.integers(0, 2**32))
def test_legendre_vectorised_matches_the_per_n_path(lo: int, span: int, seed: int) -> None:
    primes = (2, 3, 5, 7)
    rng = random.Random(seed)
    hi = lo + span
    bad = {(rng.randrange(lo, hi), rng.choice(primes)) for _ in range(3)} if span else set()
    library = _planted(numtheory.factorial_valuation, bad)
    fast, slow = ChunkResult(lo, hi), ChunkResult(lo, hi)
    _vector_checks.legendre_block(fast, lo, hi, primes, 1, library)
    ci._legendre_per_n(slow, lo, hi, primes, -1, library)
    _same(fast, slow, ("n", "p"))


@settings(max_examples=10, deadline=None)
@given(lo=st.integers(0, 300), span=st.integers(0, 6), seed=st.integers(0, 2**32))
def test_kummer_vectorised_matches_the_per_n_path(lo: int, span: int, seed: int) -> None:
    primes = (2, 5)
    rng = random.Random(seed)
    hi = lo + span
    bad = set()
    for _ in range(2 if span else 0):
        n = rng.randrange(lo, hi)
        bad.add((n, rng.randrange(n + 1), rng.choice(primes)))
    library = _planted(numtheory.binomial_valuation, bad)
    fast, slow = ChunkResult(lo, hi), ChunkResult(lo, hi)
    _vector_checks.kummer_block(fast, lo, hi, primes, 1, library)
    ci._kummer_per_n(slow, lo, hi, primes, library)
    _same(fast, slow, ("n", "k", "p"))


@pytest.mark.parametrize("lo", [0, 10**11])  # the per-n sieve is slow near 10**15
def test_primality_vectorised_matches_the_per_n_path(lo: int) -> None:
    hi = lo + 3000
    rng = random.Random(lo)
    bad = {rng.randrange(lo, hi) for _ in range(4)}

    def is_prime(n: int) -> bool:
        return numtheory.is_prime(n) != (n in bad)

    fast, slow = ChunkResult(lo, hi), ChunkResult(lo, hi)
    strong = gmpy2.is_strong_prp
    _sieve.primality_block(fast, lo, hi, 1, is_prime, numtheory.primes(lo, hi), strong)
    cp._primality_per_n(slow, lo, hi, is_prime, numtheory.primes)
    _same(fast, slow)
    assert fast.failures == 4


def test_the_witness_sieve_agrees_with_the_bytearray_sieve() -> None:
    for lo, hi in [(0, 3000), (10**6 - 17, 10**6 + 4000), (10**12, 10**12 + 3000), (3, 4)]:
        witness = _sieve.sieve_witnesses(lo, hi)
        n = np.arange(lo, hi)
        assert ((witness == 0) & (n >= 2)).tolist() == [bool(f) for f in cp.segmented_sieve(lo, hi)]
        composite = witness > 0
        assert (n[composite] % witness[composite] == 0).all()


def _run(name: str, params: dict[str, Any], size: int | None) -> dict[str, Any]:
    return verify.run(name, workers=1, chunk_size=size, params=params)[name].detail


def _one_answer(name: str, params: dict[str, Any], sizes: tuple[int | None, ...]) -> dict[str, Any]:
    """Run at every chunk size; the counts and the first counterexample must not change."""
    runs = [_run(name, params, size) for size in sizes]
    for detail in runs[1:]:
        for key in ("checked", "failures", "first_counterexample"):
            assert detail[key] == runs[0][key], (key, detail["chunk_size"])
    return runs[0]


def test_a_wrong_popcount_kernel_is_caught_with_both_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = 10**9 + 65_537  # just past a block boundary of a chunk starting at 10**9
    real = _kernels.popcount

    def popcount(n: Any) -> Any:
        out = real(n)
        return np.where(n == np.uint64(target), out + np.uint64(1), out)

    monkeypatch.setattr(_vector_checks, "popcount", popcount)
    params = {"start": 10**9, "upto": 10**9 + 140_000}
    detail = _one_answer("central-binomial-2adic", params, (None, 65_537, 100_003))
    first = detail["first_counterexample"]
    pop = bin(target).count("1")
    assert detail["failures"] == 1 and first["n"] == target
    assert (first["popcount"], first["legendre"], first["library"]) == (pop + 1, pop, pop)
    assert first["library_sampled"] is False  # as the README quotes it


def test_a_wrong_legendre_kernel_and_a_wrong_carry_kernel_are_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_sum, real_carries = _kernels.legendre_sum, _kernels.carries

    def legendre_sum(n: Any, p: int) -> Any:
        out = real_sum(n, p)
        return np.where((n == np.uint64(5000)) & (p == 13), out + np.uint64(1), out)

    def carries(a: Any, b: Any, p: int) -> Any:
        out = real_carries(a, b, p)
        return np.where((a == np.uint64(40)) & (b == np.uint64(160)) & (p == 3), out + 1, out)

    monkeypatch.setattr(_vector_checks, "legendre_sum", legendre_sum)
    monkeypatch.setattr(_vector_checks, "carries", carries)
    detail = _one_answer("legendre", {"upto": 6000}, (None, 1000, 4999))
    assert detail["failures"] == 1 and detail["first_counterexample"]["n"] == 5000
    assert detail["first_counterexample"]["p"] == 13
    detail = _one_answer("kummer", {"start": 190, "upto": 210}, (None, 7))
    first = detail["first_counterexample"]
    assert detail["failures"] == 1 and (first["n"], first["k"], first["p"]) == (200, 40, 3)
    assert first["carries"] == first["library"] + 1 == first["legendre"] + 1


def test_a_sieve_that_loses_a_factor_or_a_prime_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = _sieve.sieve_witnesses
    composite, prime = 10**15 + 3, 10**15 + 37  # 10**15 + 37 is prime, 10**15 + 3 is not
    assert not numtheory.is_prime(composite) and numtheory.is_prime(prime)

    def sieve(lo: int, hi: int) -> Any:
        out = real(lo, hi)
        for n, w in ((composite, 0), (prime, 7)):
            if lo <= n < hi:
                out[n - lo] = w
        return out

    monkeypatch.setattr(_sieve, "sieve_witnesses", sieve)
    params = {"start": 10**15, "upto": 10**15 + 3000}
    # Near 10**15 a chunk costs at least ~20 ms (1.9 million base primes): few chunks here.
    detail = _one_answer("primality", params, (None, 1000, 1500))
    first = detail["first_counterexample"]
    assert detail["failures"] == 2 and first["n"] == composite
    assert first["sieve"] is True and first["strong_prp_2"] is False and not first["is_prime"]


def test_a_library_bug_at_a_sampled_n_is_caught_at_any_chunking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = 3000
    sampled_n = next(n for n in range(start, 6000) if sampled_int(n, 1024))
    unsampled = next(n for n in range(start, sampled_n) if not sampled_int(n, 1024))
    bad = {sampled_n, unsampled}
    real = numtheory.central_binomial_valuation
    monkeypatch.setattr(numtheory, "central_binomial_valuation", lambda n: real(n) + (n in bad))
    params = {"start": start, "upto": 6000}
    detail = _one_answer("central-binomial-2adic", params, (None, 13, 777))
    assert detail["failures"] == 1 and detail["first_counterexample"]["n"] == sampled_n
    assert detail["first_counterexample"]["library_sampled"] is True
    every = _run("central-binomial-2adic", {**params, "library_every": 1}, None)
    assert every["failures"] == 2 and every["first_counterexample"]["n"] == unsampled


def test_ranges_across_the_int64_limit_and_from_zero() -> None:
    top = VECTOR_LIMIT
    detail = _one_answer(
        "central-binomial-2adic", {"start": top - 40, "upto": top + 40, "exact_upto": 0}, (None, 7)
    )
    assert detail["checked"] == 81 and detail["failures"] == 0
    detail = _one_answer(
        "legendre", {"start": top - 5, "upto": top + 5, "exact_upto": 0}, (None, 3)
    )
    assert detail["checked"] == 11 * 9 and detail["failures"] == 0
    assert _one_answer("legendre", {"upto": 1}, (None, 1))["checked"] == 18
    assert _one_answer("primality", {"upto": 10}, (None, 1, 3))["failures"] == 0


def test_library_every_must_be_positive() -> None:
    for name in ("central-binomial-2adic", "legendre", "kummer", "primality"):
        with pytest.raises(InputError, match="library_every must be >= 1, got 0"):
            verify.run(name, workers=1, params={"library_every": 0})


def test_legendre_samples_one_case_in_library_every_and_catches_a_bug_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    primes = (2, 3, 5, 7, 11, 13, 17, 19, 23)
    n = np.arange(5000, 9000, dtype=np.uint64)
    residue = _kernels.sample_residue(n, 1024)
    picked = [(int(m), primes[int(r)]) for m, r in zip(n, residue, strict=True) if r < 9]
    assert 15 < len(picked) < 60  # 4000 * 9 cases / 1024, about 35
    target = picked[1]
    real = numtheory.factorial_valuation
    monkeypatch.setattr(
        numtheory, "factorial_valuation", lambda m, p: real(m, p) + ((m, p) == target)
    )
    detail = _one_answer("legendre", {"start": 5000, "upto": 8999}, (None, 999))
    first = detail["first_counterexample"]
    assert detail["failures"] == 1 and (first["n"], first["p"]) == target
    assert first["library_sampled"] is True and first["library"] == first["legendre_sum"] + 1


# Review of issue 15: exactness at the uint64 boundaries, exact library comparisons, huge primes.

#: Where a uint64 kernel could go wrong: 32-bit and float53 limits, the top bits.
BOUNDARIES = [2**31, 2**32, 2**53, 2**62, 2**63 - 1]


@settings(max_examples=40, deadline=None)
@given(
    near=st.lists(
        st.tuples(st.sampled_from(BOUNDARIES), st.integers(-(2**20), 2**20)), min_size=1, max_size=8
    ),
    p=st.sampled_from([2, 3, 5, 7, 23, 65_537, 2**31 - 1, 2**61 - 1]),
)
def test_kernels_are_exact_near_every_uint64_boundary(near: list[tuple[int, int]], p: int) -> None:
    values = [min(b + d, 2**63 - 1) for b, d in near]
    arr = _u64(values)
    assert _kernels.popcount(arr).tolist() == [bin(v).count("1") for v in values]
    assert _kernels.legendre_sum(arr, p).tolist() == [ci._v_factorial(v, p) for v in values]
    assert _kernels.digit_sum(arr, p).tolist() == [ci._digit_sum(v, p) for v in values]
    halves = [v // 3 for v in values]
    rest = [v - h for v, h in zip(values, halves, strict=True)]
    assert _kernels.carries(_u64(halves), _u64(rest), p).tolist() == [
        ci._carries(h, r, p) for h, r in zip(halves, rest, strict=True)
    ]


def test_the_sample_is_fixed_arithmetic_the_same_in_every_process() -> None:
    # A literal, not a recomputation: the same n in any process, PYTHONHASHSEED or version of
    # Python (no hash()); a change of the hash would silently change what a record sampled.
    keys = np.arange(3000, dtype=np.uint64)
    assert np.flatnonzero(_kernels.sampled(keys, 1024)).tolist() == [0, 11, 1495, 1531, 2134, 2632]


@pytest.mark.parametrize("wrong", [0.5, 2**64, None])
def test_a_wrong_library_value_is_a_failure_in_numpy_as_in_the_per_n_code(wrong: Any) -> None:
    # int() used to truncate 4.5 to a right 4, and 2**64 or None raised instead of failing.
    def off(real: Callable[..., Any], at: tuple[int, ...]) -> Callable[..., Any]:
        def library(*args: int) -> Any:
            if args != at:
                return real(*args)
            return real(*args) + wrong if isinstance(wrong, float) else wrong

        return library

    lo, hi = 1000, 1040
    fast, slow = ChunkResult(lo, hi), ChunkResult(lo, hi)
    library = off(numtheory.central_binomial_valuation, (1017,))
    _vector_checks.central_binomial_block(fast, lo, hi, 1, library)
    ci._central_per_n(slow, lo, hi, 0, library)
    _same(fast, slow)
    assert fast.failures == 1 and fast.first_failure is not None
    assert fast.first_failure["library"] == library(1017)
    fast, slow = ChunkResult(lo, hi), ChunkResult(lo, hi)
    library = off(numtheory.factorial_valuation, (1017, 3))
    _vector_checks.legendre_block(fast, lo, hi, (2, 3), 1, library)
    ci._legendre_per_n(slow, lo, hi, (2, 3), -1, library)
    _same(fast, slow, ("n", "p"))
    assert fast.failures == 1
    fast, slow = ChunkResult(20, 23), ChunkResult(20, 23)
    library = off(numtheory.binomial_valuation, (21, 8, 2))
    _vector_checks.kummer_block(fast, 20, 23, (2, 3), 1, library)
    ci._kummer_per_n(slow, 20, 23, (2, 3), library)
    _same(fast, slow, ("n", "k", "p"))
    assert fast.failures == 1


def test_a_prime_beyond_uint64_runs_in_numpy_as_in_the_per_n_code() -> None:
    big = 18_446_744_073_709_551_629  # the least prime above 2**64
    assert gmpy2.next_prime(2**64) == big
    fast, slow = ChunkResult(10**6, 10**6 + 50), ChunkResult(10**6, 10**6 + 50)
    _vector_checks.legendre_block(
        fast, 10**6, 10**6 + 50, (3, big), 1, numtheory.factorial_valuation
    )
    ci._legendre_per_n(slow, 10**6, 10**6 + 50, (3, big), -1, numtheory.factorial_valuation)
    _same(fast, slow, ("n", "p"))
    assert (fast.checked, fast.failures) == (100, 0)
    fast, slow = ChunkResult(30, 33), ChunkResult(30, 33)
    _vector_checks.kummer_block(fast, 30, 33, (big, 2), 1, numtheory.binomial_valuation)
    ci._kummer_per_n(slow, 30, 33, (big, 2), numtheory.binomial_valuation)
    _same(fast, slow, ("n", "k", "p"))
    assert fast.failures == 0
    assert _kernels.digit_sum(_u64([0, 5, 2**63 - 1]), big).tolist() == [0, 5, 2**63 - 1]


def test_library_every_above_the_hash_width_is_refused() -> None:
    # The hash keeps 24 bits: library_every = 2**30 would sample one case in 2**24, not 2**30.
    with pytest.raises(
        InputError, match=r"library_every must be at most 2\*\*24 .* got 1073741824"
    ):
        verify.run("legendre", workers=1, params={"library_every": 2**30})
    assert verify.run("legendre", workers=1, params={"library_every": 2**24, "upto": 400})


@settings(max_examples=60, deadline=None)
@given(lo=st.integers(0, 60), span=st.integers(0, 8), size=st.integers(1, 70))
def test_pair_blocks_list_every_pair_once_in_order_even_when_one_n_is_split(
    lo: int, span: int, size: int
) -> None:
    # The checks' blocks (2**13 pairs) split one n only above n = 2**13: small sizes here.
    pairs: list[tuple[int, int]] = []
    for n, k in _kernels.pair_blocks(lo, lo + span, size):
        assert 0 < n.size <= size
        pairs += zip(n.tolist(), k.tolist(), strict=True)
    assert pairs == [(n, k) for n in range(lo, lo + span) for k in range(n + 1)]


def test_the_base_prime_cache_doubles_but_not_past_what_the_sieve_limit_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Near 10**16 doubling used to overshoot sqrt(10**16) = 10**8 up to twofold (88 MiB of
    # primes where 46 MiB are the most a window needs); a small cap stands in for 10**8 here.
    monkeypatch.setattr(_sieve, "_cache", np.zeros(0, dtype=np.int64))
    monkeypatch.setattr(_sieve, "_cache_limit", 0)
    monkeypatch.setattr(_sieve, "_CACHE_MOST", 5000)
    assert _sieve.base_primes(3000).tolist() == [p for p in range(3001) if gmpy2.is_prime(p)]
    assert _sieve._cache_limit == 3000
    assert _sieve.base_primes(3002)[-1] == 3001 and _sieve._cache_limit == 5000  # not 6000
    assert _sieve.base_primes(7000)[-1] == 6997 and _sieve._cache_limit == 7000  # as asked


def test_kernel_arrays_stay_under_glibcs_mmap_threshold() -> None:
    """Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which freezes glibc's
    mmap threshold at 128 KiB: an array of that size or more is mmap'ed and unmapped at every
    numpy operation (the kernels ran 2-3x slower in a Dask worker with 2**14-element blocks).
    The speed is measured by scripts/bench_dask.py; this keeps the block size that avoids it."""
    import numpy as np

    assert _kernels.BLOCK * np.dtype(np.uint64).itemsize < 128 * 1024
    assert max(block.nbytes for block in _kernels.blocks(0, 10**6)) < 128 * 1024


@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.lists(
            st.lists(st.booleans(), min_size=rows, max_size=rows), min_size=1, max_size=12
        )
    )
)
def test_first_failure_is_the_smallest_n_then_the_first_prime(columns: list[list[bool]]) -> None:
    """The shared "count the failures, keep the first" of the blocks: against a plain scan in
    the per-n code's order (n outer, the primes inner)."""
    bad = np.array(columns, dtype=bool).T  # rows: primes; columns: n
    order = [(i, j) for i in range(bad.shape[1]) for j in range(bad.shape[0]) if bad[j, i]]
    expected = (len(order), *order[0]) if order else (0, 0, 0)
    assert _kernels.first_failure(bad) == expected
    flat = bad[0]
    firsts = [i for i, b in enumerate(flat.tolist()) if b]
    assert _kernels.first_failure(flat) == ((len(firsts), firsts[0], 0) if firsts else (0, 0, 0))
    result = ChunkResult(0, 100)
    if order:
        _kernels.record_failures(result, len(order), 7 + order[0][0], {"p": order[0][1]})
        assert result.failures == len(order)
        assert result.first_failure == {"n": 7 + order[0][0], "p": order[0][1]}
