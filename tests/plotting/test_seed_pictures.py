"""The seed-article pictures hold the right numbers (checked by independent methods)."""

from __future__ import annotations

import math

import mpmath
import pytest

from numtheory.errors import InputError
from numtheory.plotting import plot_central_binomial_2adic, plot_exp_taylor_minima
from numtheory.plotting._verify import SZEGO_LIMIT
from numtheory.verify.result import ChunkResult


def test_v2_picture_is_the_binary_weight() -> None:
    ax = plot_central_binomial_2adic(300).axes[0]
    points = ax.collections[0].get_offsets().tolist()
    # Kummer: v2(C(2n, n)) is the number of 1 bits of n; and checked on C(2n, n) itself
    assert points == [[n, bin(n).count("1")] for n in range(301)]
    for n in (0, 1, 7, 100, 255, 300):
        c = math.comb(2 * n, n)
        assert points[n][1] == (c & -c).bit_length() - 1
    with pytest.raises(InputError):
        plot_central_binomial_2adic(-1)


def test_exp_minima_picture_against_mpmath() -> None:
    fig = plot_exp_taylor_minima(16)
    left, right = fig.axes
    degrees = left.lines[0].get_xdata().tolist()
    assert degrees == list(range(2, 17, 2))
    with mpmath.workdps(30):
        for n, low, where in zip(
            degrees, left.lines[0].get_ydata(), right.lines[0].get_ydata(), strict=True
        ):
            coeffs = [mpmath.mpf(1) / mpmath.factorial(k) for k in range(n)][::-1]
            x = mpmath.findroot(lambda t, c=coeffs: mpmath.polyval(c, t), -n / 3.0)  # f_{n-1}
            fmin = sum(x**k / mpmath.factorial(k) for k in range(n + 1))
            assert float(where) == pytest.approx(float(x) / n, rel=1e-9)
            assert float(low) == pytest.approx(float(mpmath.log10(fmin)), rel=1e-9)
    assert right.lines[1].get_ydata()[0] == SZEGO_LIMIT


def test_szego_limit_is_minus_lambert_w_of_one_over_e() -> None:
    with mpmath.workdps(30):
        reference = float(-mpmath.lambertw(1 / mpmath.e))
    assert abs(SZEGO_LIMIT - reference) < 1e-16


def test_chunk_rates_skip_untimed_chunks() -> None:
    from numtheory.plotting import plot_chunk_rates

    chunks = [ChunkResult(0, 10, 10, seconds=0.5), ChunkResult(10, 20, 10, seconds=0.0)]
    ax = plot_chunk_rates({"x": chunks, "y": []}).axes[0]
    assert ax.lines[0].get_xdata().tolist() == [0]
    assert ax.lines[0].get_ydata().tolist() == [20.0]
    assert "1 chunk(s) too fast to time" in ax.texts[0].get_text()
