"""The plotting library: the log-scale rule, what a figure holds, b-files from the cache."""

from __future__ import annotations

import math
import os
import statistics
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from numtheory.errors import InputError, InputTypeError
from numtheory.guessing import Guess, guess
from numtheory.oeis.model import Sequence
from numtheory.plotting import (
    LOG_RATIO,
    cached_bfile,
    plot_guess,
    plot_sequence,
    save_figure,
    use_log_scale,
)
from tests.plotting.helpers import png_pixels, svg_root


def _reference_rule(values: list[int]) -> bool:
    """The documented rule restated with the statistics module (an independent median)."""
    mags = [abs(v) for v in values if v != 0]
    if not mags:
        return False
    if max(mags) >= 2**1000:
        return True
    return len(mags) >= 2 and max(mags) >= LOG_RATIO * statistics.median_low(mags)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (list(range(1, 10_001)), False),  # a(n) = n, a b-file's worth: ratio 2
        ([n**6 for n in range(1, 101)], False),  # ratio 2**6 = 64 < 100
        ([n**7 for n in range(1, 101)], True),  # ratio 2**7 = 128
        ([2**n for n in range(40)], True),
        ([0] * 50 + [5, 7], False),  # zeros have no logarithm: left out of the median
        ([-(3**n) for n in range(30)], True),  # signs do not count
        ([10**400], True),  # one term too large for a float
        ([7], False),
        ([], False),
        ([0, 0, 0], False),
    ],
)
def test_log_scale_rule(values: list[int], expected: bool) -> None:
    assert use_log_scale(values) is expected
    assert _reference_rule(values) is expected


@given(st.lists(st.integers(min_value=-(10**12), max_value=10**12), max_size=60))
def test_log_scale_rule_matches_its_statement(values: list[int]) -> None:
    assert use_log_scale(values) is _reference_rule(values)


def test_log_scale_plot_leaves_out_zeros_and_marks_negatives() -> None:
    terms = [0, 1, -10, 100, -1000, 0, 10**6, 10**9]
    fig = plot_sequence(terms, offset=3)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "log10 |a(n)|"
    positive, negative = (c.get_offsets().tolist() for c in ax.collections)
    assert positive == [[4.0, 0.0], [6.0, 2.0], [9.0, 6.0], [10.0, 9.0]]  # n from offset 3
    assert negative == [[5.0, 1.0], [7.0, 3.0]]
    assert "a(n) < 0" in ax.collections[1].get_label()
    assert [t.get_text() for t in ax.texts] == ["2 zero terms not shown (log scale)"]


def test_linear_plot_keeps_the_values_and_offset() -> None:
    fig = plot_sequence([3, -1, 4, 1, 5], offset=-2)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "a(n)"
    assert ax.collections[0].get_offsets().tolist() == [[-2, 3], [-1, -1], [0, 4], [1, 1], [2, 5]]
    assert len(ax.texts) == 0


def test_huge_terms_force_a_log_scale_and_refuse_a_linear_one() -> None:
    terms = [10**k for k in range(0, 2000, 100)]  # up to 10**1900, far past a float
    ax = plot_sequence(terms).axes[0]
    assert ax.collections[0].get_offsets()[-1].tolist() == [19.0, 1900.0]
    with pytest.raises(InputError, match="too large for a linear scale"):
        plot_sequence(terms, log=False)


def test_bad_terms_are_refused_by_type() -> None:
    with pytest.raises(InputTypeError):
        plot_sequence("1,2,3")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        plot_sequence([1, 2.5])  # type: ignore[list-item]
    with pytest.raises(InputTypeError, match=r"offset must be an integer, got 2\.5"):
        plot_sequence([1, 2], offset=2.5)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="offset"):
        plot_sequence(Sequence(number=1, name="x", terms=(1,)), offset=True, bfile=False)


def test_entry_without_offset_says_so_and_counts_from_zero() -> None:
    seq = Sequence(number=120, name="1's-counting sequence", terms=(0, 1, 1, 2, 1, 2, 2, 3))
    ax = seq.plot(bfile=False).axes[0]
    assert ax.get_xlabel().startswith("index (offset unknown")
    assert ax.collections[0].get_offsets()[:, 0].tolist() == list(range(8))
    assert "A000120" in ax.get_title() and "data line, 8 terms" in ax.get_title()


def test_guess_plot_draws_data_and_the_extension_apart() -> None:
    catalan = [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900]
    best = guess(catalan)[0]
    fig = best.plot(6)
    data, ext = fig.axes[0].collections
    assert data.get_offsets()[:, 0].tolist() == list(range(14))
    assert ext.get_offsets()[:, 0].tolist() == list(range(14, 20))
    # the extension is the guess's own next terms (log scale: Catalan grows like 4**n)
    assert ext.get_offsets()[:, 1].tolist() == pytest.approx(
        [math.log10(v) for v in best.extend(6)]
    )
    assert "conjecture" in ext.get_label() and "fitted on" in data.get_label()
    assert ext.get_facecolor().size == 0 or ext.get_facecolor()[0][3] == 0  # hollow
    assert len(fig.axes[0].lines) == 1  # the dotted line between data and extension


def test_guess_plot_without_an_extension_says_why() -> None:
    half = Guess(kind="polynomial", order=0, degree=1, coefficients=(Fraction(0), Fraction(1, 2)),
                 initial=(), offset=0, fitted=2, confirmed=0, terms=(0,))  # fmt: skip
    fig = plot_guess(half)
    assert len(fig.axes[0].collections) == 1
    assert "no extension: the guess predicts a(1) = 1/2" in fig.axes[0].get_title()
    with pytest.raises(InputError):
        plot_guess(half, more=-1)


def test_cached_bfile_is_used_and_the_network_is_not(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from numtheory.oeis.client import OEISClient

    body = "# A000045\n" + "".join(f"{n} {v}\n" for n, v in enumerate(_fib(300)))
    httpserver.expect_request("/A000045/b000045.txt").respond_with_data(body)
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/").rstrip("/"))
    monkeypatch.setenv("NUMTHEORY_OEIS_MIN_INTERVAL", "0")
    seq = Sequence(number=45, name="Fibonacci numbers", terms=tuple(_fib(20)), offset=0)
    assert cached_bfile("A000045") is None  # nothing cached yet, and nothing fetched
    assert len(httpserver.log) == 0
    with OEISClient() as client:  # what `numtheory oeis A000045 --bfile` does
        fetched = client.bfile("A000045")
    assert len(httpserver.log) == 1
    assert cached_bfile(45) == fetched == list(enumerate(_fib(300)))
    title = seq.plot().axes[0].get_title()
    assert "b-file (cached), 300 terms" in title
    assert "data line, 20 terms" in seq.plot(bfile=False).axes[0].get_title()
    assert len(httpserver.log) == 1  # the plots read the cache only
    # offline, an explicit bfile=True is refused rather than fetched
    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    from numtheory.errors import OfflineError

    with pytest.raises(OfflineError):
        seq.plot(bfile=True)


def _fib(count: int) -> list[int]:
    out = [0, 1]
    while len(out) < count:
        out.append(out[-1] + out[-2])
    return out[:count]


def test_save_figure_png_svg_atomic(tmp_path: Path) -> None:
    fig = plot_sequence(range(50))
    png = save_figure(fig, tmp_path / "a.png")
    assert png_pixels(png).shape[:2] == (400, 640)
    svg = save_figure(fig, tmp_path / "a.SVG")
    svg_root(svg)
    (tmp_path / "old.png").write_bytes(b"old")
    save_figure(fig, tmp_path / "old.png")  # replaces the file whole
    assert (tmp_path / "old.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(os.listdir(tmp_path)) == ["a.SVG", "a.png", "old.png"]  # no temporaries
    with pytest.raises(InputError, match=r"'\.jpg'"):
        save_figure(fig, tmp_path / "a.jpg")
    with pytest.raises(InputError, match="no directory"):
        save_figure(fig, tmp_path / "missing" / "a.png")


def test_save_failure_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fig = plot_sequence(range(5))
    target = tmp_path / "keep.png"
    target.write_bytes(b"old picture")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(InputError, match=r"cannot write a plot as '.*keep\.png': disk full"):
        save_figure(fig, target)
    assert target.read_bytes() == b"old picture"
    assert os.listdir(tmp_path) == ["keep.png"]


def test_figures_are_not_left_in_pyplot() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plot_sequence(range(10))
    plot_guess(guess([0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100])[0])
    assert plt.get_fignums() == before


def test_many_points_are_arrays_and_one_image_in_an_svg(tmp_path: Path) -> None:
    # a b-file of 20,000 terms: matplotlib gets float arrays (Python lists cost it a check per
    # element: ~30 s of CPU for a million terms), and an SVG holds the markers as one embedded
    # picture instead of 20,000 <path>s (a million made a 125 MB SVG)
    import numpy as np

    from numtheory.plotting import RASTER_POINTS

    pairs = [(n, n * n) for n in range(20_000)]
    ax = plot_sequence(Sequence(number=290, name="squares", terms=()), bfile=pairs).axes[0]
    dots = ax.collections[0]
    assert isinstance(dots.get_offsets(), np.ndarray) and dots.get_offsets().dtype == float
    assert dots.get_offsets()[-1].tolist() == [19_999.0, 19_999.0**2]
    assert dots.get_rasterized() and len(pairs) > RASTER_POINTS
    svg = save_figure(ax.figure, tmp_path / "many.svg")
    images = svg_root(svg).findall(".//{http://www.w3.org/2000/svg}image")
    assert len(images) == 1 and svg.stat().st_size < 500_000
    few = save_figure(plot_sequence(range(100)), tmp_path / "few.svg")  # few: all vectors
    assert svg_root(few).findall(".//{http://www.w3.org/2000/svg}image") == []


def test_dollar_signs_in_names_are_text_not_tex(tmp_path: Path) -> None:
    # OEIS names and check names are text: a lone "$...^{" is no TeX for matplotlib to choke
    # on when the file is drawn
    from numtheory.plotting import plot_chunk_rates
    from numtheory.verify.result import ChunkResult

    name = "Cost in $ of x^{2 and $\\frac{"
    seq = Sequence(number=7, name=name, terms=(1, 2, 3), offset=0)
    fig = seq.plot(bfile=False)
    assert name in fig.axes[0].get_title()
    png_pixels(save_figure(fig, tmp_path / "name.png"))
    rates = plot_chunk_rates({"$weird{": [ChunkResult(0, 10, 10, seconds=0.5)]}, title=name)
    png_pixels(save_figure(rates, tmp_path / "rates.png"))
