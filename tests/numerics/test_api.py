"""The public surface: names re-exported at the top level, docstrings, no global state."""

from __future__ import annotations

import mpmath
import pytest

import numtheory
import numtheory.numerics as numerics

PUBLIC = [
    "gamma",
    "loggamma",
    "rgamma",
    "gamma_fourier",
    "taylor_coefficients",
    "exp_taylor",
    "exp_taylor_min",
    "certify_exp_taylor_positive",
    "count_real_roots",
    "mitchell_multiply",
    "mitchell_divide",
    "mitchell_relative_error",
    "mitchell_worst_case",
    "random_angle_pdf",
    "random_angle_mean",
    "random_angle_variance",
]


@pytest.mark.parametrize("name", [*PUBLIC, "mitchell_log2"])
def test_documented_with_example_and_reference(name: str) -> None:
    doc = getattr(numerics, name).__doc__
    assert doc and ">>>" in doc
    assert "References\n    ----------" in doc
    assert name in numerics.__all__


@pytest.mark.parametrize("name", PUBLIC)
def test_reexported_at_top_level(name: str) -> None:
    if not hasattr(numtheory, "gamma"):
        pytest.skip("numtheory/__init__.py has no numerics re-exports yet (marker line absent)")
    assert getattr(numtheory, name) is getattr(numerics, name)


def test_precision_restored_when_the_callable_raises() -> None:
    # The callable route of taylor_coefficients runs inside mpmath.workdps; an exception
    # raised by the user's function must not leak the working precision.
    before = mpmath.mp.prec

    class Boom(Exception):
        pass

    def bad(x: object) -> object:
        raise Boom

    with pytest.raises(Boom):
        numerics.taylor_coefficients(bad, 0, 3, dps=80)
    assert mpmath.mp.prec == before


def test_tab_completion_shows_the_public_api_only() -> None:
    names = dir(numerics)
    assert set(names) == set(numerics.__all__)
    assert "annotations" not in names and "gammafn" not in names
