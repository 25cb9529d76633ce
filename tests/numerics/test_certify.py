"""One precision primitive, one Arb pipeline, and ConvergenceError (issue 11).

References for the values: DLMF 5.4.6 (Gamma(1/2) = sqrt(pi)); DLMF 5.2.1 and mpmath
(an independent implementation) at higher precision.
"""

from __future__ import annotations

import ast
import re
import typing
from fractions import Fraction
from pathlib import Path
from typing import Any

import flint
import mpmath
import pytest

import numtheory
from numtheory import _backend
from numtheory.errors import ConvergenceError, InputError, NumtheoryError
from numtheory.numerics import certify, gamma, loggamma, rgamma, taylor_coefficients
from numtheory.numerics.certify import arb_function

PACKAGE = Path(numtheory.__file__).parent


def _tiny_imag(k: int) -> Any:
    with mpmath.workprec(8 * k):
        return mpmath.mpc(3, mpmath.mpf(10) ** -k)


# --- ConvergenceError ---------------------------------------------------------------------


def test_giving_up_is_a_convergence_error_saying_what_and_how_to_go_further(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(certify, "EXTRA_WORK_BITS", 1000)
    with pytest.raises(ConvergenceError) as info:
        gamma(_tiny_imag(1000))
    exc = info.value
    assert isinstance(exc, NumtheoryError) and not isinstance(exc, InputError)
    message = str(exc)
    assert "gamma(): could not certify the imaginary part to 53 bits (16 digits)" in message
    assert "fewer digits (dps)" in message
    assert "numtheory.numerics.certify.EXTRA_WORK_BITS (now 1000)" in message
    # ... and the advice works: with the default limit the same call is certified, its
    # imaginary part against Im Gamma(3 + i e) = e Gamma(3) psi(3) + O(e^3), psi(3) = 3/2 - euler
    monkeypatch.undo()
    value = gamma(_tiny_imag(1000))
    with mpmath.workdps(40):
        want = mpmath.mpf(10) ** -1000 * 2 * (mpmath.mpf(3) / 2 - mpmath.euler)
        assert abs(value.imag / want - 1) < mpmath.mpf(10) ** -15


def test_taylor_series_that_cannot_be_certified_is_a_convergence_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Force every coefficient to look uncertified: the loop must stop at its limit and say so.
    from numtheory.numerics import taylor

    monkeypatch.setattr(taylor, "_deficit", lambda c, need, tiny: 1)
    with pytest.raises(ConvergenceError, match=r"coefficient 0 of exp .*fewer digits \(dps\)"):
        taylor_coefficients("exp", 0, 3)


# --- the scoped precision primitive ---------------------------------------------------------


def test_arb_precision_scopes_and_restores_also_on_error() -> None:
    before = (flint.ctx.prec, flint.ctx.dps, flint.ctx.cap)
    with _backend.arb_precision(300, cap=7):
        assert flint.ctx.prec == 300 and flint.ctx.cap == 7
        assert (_backend.arb(1) / 3).rel_accuracy_bits() >= 290
        with _backend.arb_precision(100):  # nested: the inner block restores the outer one
            assert flint.ctx.prec == 100
        assert flint.ctx.prec == 300
    assert (flint.ctx.prec, flint.ctx.dps, flint.ctx.cap) == before
    with pytest.raises(ZeroDivisionError), _backend.arb_precision(500):
        raise ZeroDivisionError
    assert (flint.ctx.prec, flint.ctx.dps, flint.ctx.cap) == before
    assert (_backend.arb(1) / 3).rel_accuracy_bits() < before[0] + 8


def test_arb_precision_keeps_flint_dps_in_step_even_around_a_nested_public_scope() -> None:
    # flint.ctx.dps is what python-flint formats balls with and what ctx.extradps adds to;
    # it must follow the working precision inside the block and be the caller's after it,
    # also when code inside the block scopes precision with python-flint's own workprec.
    before = (flint.ctx.prec, flint.ctx.dps)
    with _backend.arb_precision(300):
        assert flint.ctx.dps == mpmath.libmp.prec_to_dps(300)  # python-flint's own mapping
        with flint.ctx.workprec(100):
            pass
    assert (flint.ctx.prec, flint.ctx.dps) == before
    with flint.ctx.extradps(0):  # the caller's extradps still means the caller's precision
        assert (_backend.arb(1) / 3).rel_accuracy_bits() < before[0] + 8


def test_arb_precision_rejects_bad_values_and_leaves_the_context_alone() -> None:
    # FLINT cannot compute at fewer than 2 bits (at 0 bits it aborts the whole process);
    # python-flint's setter says so with a ValueError. A bad cap must not leave the
    # precision changed either (the with block never starts, so __exit__ never runs).
    before = (flint.ctx.prec, flint.ctx.dps, flint.ctx.cap)
    with pytest.raises(ValueError, match="prec must be >= 2"), _backend.arb_precision(1):
        pass
    assert (flint.ctx.prec, flint.ctx.dps, flint.ctx.cap) == before
    with pytest.raises(ValueError, match="cap must be >= 0"), _backend.arb_precision(300, cap=-1):
        pass
    assert (flint.ctx.prec, flint.ctx.dps, flint.ctx.cap) == before


def _precision_assignments(tree: ast.Module) -> list[int]:
    """Lines assigning ``<x>.prec``/``.dps``/``.cap``/``._prec`` (FLINT's ctx, mpmath's mp)."""
    lines = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(t, ast.Attribute) and t.attr in ("prec", "dps", "cap", "_prec"):
                    lines.append(node.lineno)
    return lines


def test_only_the_backend_assigns_a_global_precision() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "_backend" or not re.search(r"\.(_?prec|dps|cap)\b", text):
            continue  # (parse only the files that could assign one: parsing all takes 1 s)
        tree = ast.parse(text)
        offenders += [f"{path.relative_to(PACKAGE)}:{n}" for n in _precision_assignments(tree)]
    assert not offenders, "scope precision with _backend.arb_precision or mpmath.workdps"


# --- the one pipeline ---------------------------------------------------------------------


def test_the_gamma_family_is_one_pipeline() -> None:
    from numtheory.numerics import gammafn

    tree = ast.parse(Path(gammafn.__file__).read_text(encoding="utf-8"))
    called = {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    assert "arb_function" in called
    # no second copy of the Arb steps (gamma_fourier, the mpmath route, converts on its own)
    assert not called & {"arb_certified", "ball_to_mpmath", "mpf_of_arb_mid", "fmpq_of", "acb_of"}


@pytest.mark.parametrize("fn", [gamma, loggamma, rgamma])
def test_return_type_is_mpf_or_mpc(fn: Any) -> None:
    hints = typing.get_type_hints(fn)
    assert hints["return"] == mpmath.mpf | mpmath.mpc


def test_a_new_function_gets_the_whole_pipeline() -> None:
    # sqrt through the same wrapper: exact conversion, fast path, poles/zeros, routes, types
    root = arb_function("root", lambda q: _backend.arb(q).sqrt(), lambda w: w.sqrt(), "zero")
    with mpmath.workdps(80):
        want = mpmath.sqrt(mpmath.mpf(1) / 3)
        for x in (Fraction(1, 3), "1/3", mpmath.mpf(1) / 3):
            value = root(x, 50)
            if isinstance(x, mpmath.mpf):  # the binary value of 1/3 at 80 digits
                continue
            assert isinstance(value, mpmath.mpf)
            assert abs(value / want - 1) < mpmath.mpf(10) ** -50
        assert root(-2) == 0 and isinstance(root(-2 + 0j), mpmath.mpc)
        w = root(1 + 2j, 30)
        assert abs(w - mpmath.sqrt(mpmath.mpc(1, 2))) < mpmath.mpf(10) ** -29
    with pytest.raises(InputError, match="root"):
        root("x")


def test_fast_path_falls_back_to_the_ziv_loop_when_the_first_ball_is_too_wide() -> None:
    # Gamma(10**6 + 1/2) at 60 digits: the first attempt at prec + 24 bits loses about
    # log2(10**6 * log(10**6)) ~ 24 bits to the argument's size, so the loop must take over.
    x = Fraction(2 * 10**6 + 1, 2)
    value = gamma(x, 60)
    with mpmath.workdps(90):
        want = mpmath.gamma(mpmath.mpf(x.numerator) / x.denominator)
        assert abs(value / want - 1) < mpmath.mpf(2) ** -mpmath.libmp.dps_to_prec(60)
    assert mpmath.almosteq(gamma(Fraction(1, 2), 30), mpmath.sqrt(mpmath.pi), 1e-15)
