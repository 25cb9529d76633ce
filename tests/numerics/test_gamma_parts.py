"""Each part of a complex Gamma / log-Gamma / 1/Gamma is certified on its own (issue 9).

Before, the Arb ball was certified relative to the modulus only, so a real or imaginary part
tiny beside the whole came back with wrong digits or the wrong sign. The references are mpmath
at much higher precision, a first-order Taylor expansion (an independent route for the tiny
parts), and the Gamma test points of mpmath's own test suite (tests/test_gammazeta.py).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath
import pytest

from numtheory.errors import NumtheoryError
from numtheory.numerics import certify as precision_module
from numtheory.numerics import gamma, loggamma, rgamma

OURS: dict[str, Callable[..., Any]] = {"gamma": gamma, "loggamma": loggamma, "rgamma": rgamma}
REF: dict[str, Callable[[Any], Any]] = {
    "gamma": mpmath.gamma,
    "loggamma": mpmath.loggamma,
    "rgamma": mpmath.rgamma,
}


def _tiny_imag(exp10: int) -> Any:
    """``3 + 10**-exp10 i`` as an mpc whose imaginary part holds 10**-exp10 to 40 digits."""
    with mpmath.workdps(exp10 + 50):
        return mpmath.mpc(3, mpmath.mpf(10) ** -exp10)


def _decimal_mpc(re: int, im: str) -> Any:
    """``re + im i`` with the decimal ``im`` held to 60 digits (a float 0.01 is off at 1e-19)."""
    with mpmath.workdps(60):
        return mpmath.mpc(re, mpmath.mpf(im))


def _part_close(ours: Any, ref: Any, dps: int) -> bool:
    """Relative error below 10**-dps in this part alone (a zero part must be exactly zero)."""
    if ref == 0:
        return bool(ours == 0)
    with mpmath.workdps(dps + 30):
        return bool(abs(ours - ref) <= abs(ref) * mpmath.mpf(10) ** (-dps))


# (function, argument, what the old code did wrong)
TINY_PARTS = [
    ("gamma", _tiny_imag(1000), "imaginary part 3.0e-1000 instead of 1.8456e-1000"),
    ("loggamma", 2 + 1e-20j, "real part +3.33e-41 instead of -3.22e-41"),
    ("rgamma", -20 + 1e-100j, "real part 0.0 instead of 7.35e-182"),
    ("gamma", 1 + 1e-20j, "imaginary part -gamma_E*1e-20, tiny beside 1"),
    ("loggamma", 1 + 1e-30j, "real part ~ -8e-61, tiny beside the imaginary part"),
    ("rgamma", 3 + 1e-50j, "imaginary part ~ -9e-51"),
    ("gamma", mpmath.mpc("1e-30", 5), "a tiny real argument part"),
    ("loggamma", -2.5 + 1e-40j, "near the negative real axis"),
]


@pytest.mark.parametrize(("name", "z", "old"), TINY_PARTS)
@pytest.mark.parametrize("dps", [15, 40])
def test_each_part_matches_mpmath_at_much_higher_precision(
    name: str, z: Any, old: str, dps: int
) -> None:
    ours = OURS[name](z, dps=dps)
    with mpmath.workdps(dps + 200):
        ref = REF[name](mpmath.mpmathify(z))
    assert isinstance(ours, mpmath.mpc)
    assert _part_close(ours.real, ref.real, dps), (old, ours, ref)
    assert _part_close(ours.imag, ref.imag, dps), (old, ours, ref)


def test_tiny_parts_against_the_taylor_expansion() -> None:
    """Independent of mpmath's complex Gamma: f(x + i e) = f(x) + i e f'(x) - e^2 f''(x)/2 + ..."""
    dps = 30
    with mpmath.workdps(dps + 20):
        # Im Gamma(3 + i e) = e Gamma(3) psi(3) + O(e^3), psi(3) = 3/2 - EulerGamma.
        eps = mpmath.mpf(10) ** -1000
        g = gamma(_tiny_imag(1000), dps=dps)
        want = eps * 2 * (mpmath.mpf(3) / 2 - mpmath.euler)
        assert abs(g.imag / want - 1) < mpmath.mpf(10) ** -dps
        assert g.real == 2  # exactly Gamma(3) to every digit asked
        # Re loggamma(2 + i e) = -e^2 psi'(2) / 2 + O(e^4), psi'(2) = pi^2/6 - 1.
        e = mpmath.mpf(1e-20)  # the binary value of the float the test passes
        lg = loggamma(complex(2, 1e-20), dps=dps)
        want = -(e**2) * (mpmath.pi**2 / 6 - 1) / 2
        assert lg.real < 0
        assert abs(lg.real / want - 1) < mpmath.mpf(10) ** -dps
        # Re rgamma(-20 + i e) = -e^2 d^2/dx^2 (1/Gamma)(-20) / 2 + O(e^4): small, nonzero.
        rg = rgamma(complex(-20, 1e-100), dps=dps)
        assert rg.real != 0


@pytest.mark.parametrize("dps", [15, 40])
def test_loggamma_part_whose_accuracy_stays_flat_until_a_threshold(dps: int) -> None:
    """Arb's lgamma at 3 + 1e-1000 i keeps the imaginary part at 62 bits up to ~3300 bits of
    working precision; adding only the missing bits each round stalled and raised
    "could not certify ... within 1975 bits". Reference: the Taylor expansion
    Im loggamma(3 + i e) = e psi(3) + O(e^3), Re = log 2 - e^2 psi'(3)/2 + ... (= log 2)."""
    z = _tiny_imag(1000)
    lg = loggamma(z, dps=dps)
    with mpmath.workdps(dps + 20):
        want_im = z.imag * (mpmath.mpf(3) / 2 - mpmath.euler)
        assert abs(lg.imag / want_im - 1) < mpmath.mpf(10) ** -dps
        assert abs(lg.real / mpmath.log(2) - 1) < mpmath.mpf(10) ** -dps


@pytest.mark.parametrize(
    ("name", "z"),
    [("gamma", mpmath.mpc(2.5, 0)), ("rgamma", 3.25 + 0j), ("loggamma", mpmath.mpc(3, 0))],
)
def test_a_part_that_is_exactly_zero_is_returned_as_zero(name: str, z: Any) -> None:
    value = OURS[name](z, dps=30)
    assert isinstance(value, mpmath.mpc)
    assert value.imag == 0
    with mpmath.workdps(60):
        assert _part_close(value.real, REF[name](mpmath.mpmathify(z)).real, 30)


def test_uncertifiable_part_is_a_clear_error_not_a_wrong_digit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the precision head-room shrunk, 3 + 10**-1000 i cannot be certified: an error."""
    monkeypatch.setattr(precision_module, "EXTRA_WORK_BITS", 1000)
    with pytest.raises(NumtheoryError, match=r"gamma\(\): could not certify the imaginary part"):
        gamma(_tiny_imag(1000))
    monkeypatch.undo()
    assert gamma(_tiny_imag(1000)).imag > 0


# mpmath's tests/test_gammazeta.py (test_gamma, test_gamma_huge_*): the argument, the digits its
# reference value is given to, and the value as a decimal string per part.
MPMATH_POINTS: list[tuple[str, Any, int, str, str]] = [
    ("gamma", Fraction(1, 4), 20, "3.6256099082219083119", "0"),
    ("gamma", Fraction(1, 10**4), 20, "9999.4228832316241908", "0"),
    ("gamma", 300, 20, "1.0201917073881354535e612", "0"),
    ("gamma", Fraction(-1, 2), 20, "-3.5449077018110320546", "0"),
    ("gamma", Fraction(-743, 100), 20, "0.00026524416464197007186", "0"),
    ("gamma", 1 + 1j, 20, "0.49801566811835604271", "-0.15494982830181068512"),
    ("gamma", _decimal_mpc(-1, "0.01"), 18, "-0.422733904013474115", "99.985883082635367436"),
    ("gamma", 20 + 30j, 17, "-1453876687.5534810", "1163777777.8031573"),
    ("gamma", 1100, 20, "4.8579168073569433667e2866", "0"),
    ("loggamma", 2 + 8j, 20, "-8.5205176753667636926", "10.8569497125597429366"),
    ("loggamma", 10**10000, 25, "2.302485092994045684017991e10004", "0"),
    (
        "gamma",
        Fraction(10**10, 7),
        50,
        "6.2607532138951929201303779291707455874010420783933e+12458010678",
        "0",
    ),
    (
        "gamma",
        Fraction(10**100, 19),
        48,
        "1.82341134776678875374414910350027596939980412984e+51729974693233641689901335581750771368"
        "291828240422018860515119656908623426021308685461258226190190661",
        "0",
    ),
    (
        "gamma",
        3200 + 11500j,
        50,
        "8.9578326853971339570292952697675570822206567327092e+5164",
        "-1.9467879832973509568895402139429643650329524144794e+5164",
    ),
    (
        "gamma",
        _tiny_imag(1000),
        50,
        "2.0",
        "1.8455686701969342787869758198351951379156813281202e-1000",
    ),
    ("rgamma", 0, 20, "0", "0"),
    ("rgamma", -1, 20, "0", "0"),
    ("rgamma", 2, 20, "1", "0"),
    ("rgamma", 3, 20, "0.5", "0"),
]


@pytest.mark.parametrize(("name", "z", "digits", "re", "im"), MPMATH_POINTS)
def test_mpmath_test_suite_points(name: str, z: Any, digits: int, re: str, im: str) -> None:
    dps = digits - 1  # the reference strings are rounded in their last digit
    value = OURS[name](z, dps=dps)
    with mpmath.workdps(digits + 30):
        want_re, want_im = mpmath.mpf(re), mpmath.mpf(im)
        got_re = value.real if isinstance(value, mpmath.mpc) else value
        got_im = value.imag if isinstance(value, mpmath.mpc) else mpmath.mpf(0)
        assert _part_close(got_re, want_re, dps), (got_re, re)
        assert _part_close(got_im, want_im, dps), (got_im, im)


def test_mpmath_huge_points_with_complex_arguments() -> None:
    """test_gamma_huge_3 and _5: parts of size 10**(+-2.6e79) and 10**-2.3e59."""
    with mpmath.workdps(500):
        z3 = mpmath.mpc(10**80 // 3, mpmath.mpf(10**70) / 7)
        z5 = mpmath.mpc(0, mpmath.mpf(10**60) / 3)
    cases = [
        (
            z3,
            "-6.8292520391810548460682736226799637356016538421817e+2636286142112569524501781477865238132"
            "302397236429627932441916056964386399485392600",
            "8.5464714367841748507479306948130687511711420234015e+2636286142112569524501781477865238132"
            "302397236429627932441916056964386399485392600",
        ),
        (
            z5,
            "-3.2775389963494132168950056995974690946983219123935e-2273960589736402245809639375718926283"
            "68354580620654233316839",
            "-7.1519888950415979749736749222530209713136588885897e-2273960589736402245809639375718926283"
            "68354580620654233316841",
        ),
    ]
    for z, re, im in cases:
        value = gamma(z, dps=49)
        with mpmath.workdps(80):
            assert _part_close(value.real, mpmath.mpf(re), 49)
            assert _part_close(value.imag, mpmath.mpf(im), 49)
