"""sympy 1.14's own tests of its guessers, run against ``numtheory.guess``.

The cases are read at test time from the sympy installed here (nothing of sympy's text is
kept in this repository): ``sympy/concrete/tests/test_guess.py`` (find_simple_recurrence_vector,
find_simple_recurrence, rationalize, guess_generating_function_rational,
guess_generating_function, guess) and ``test_find_linear_recurrence`` in
``sympy/series/tests/test_sequences.py``. Each test function's statements are run in order in
its module's namespace; each ``assert CALL == EXPECTED`` on one of those functions becomes a
case ``<test function>[k]`` (the k-th such assert): the input and sympy's expected answer.

Each case has a verdict in :data:`VERDICTS`, and its check runs the same input through
numtheory and compares mathematically (recurrence coefficients up to scale, generating
functions by cancelling the difference or expanding both as series, closed forms by
evaluating them past the given terms), not by normal form:

* ``pass``: the same answer from the same input.
* ``spare``: deliberate difference. sympy answers from terms that leave fewer than our spare
  terms (``numtheory.guessing.spare_terms``) to test the answer, sometimes none (an order-3
  recurrence fitted on 6 terms always exists). We refuse (``NotEnoughTermsError``: not enough
  terms to tell) or find nothing; the check also extends the sequence from sympy's expected
  answer and asserts we then find the same answer, and, where sympy left k >= 1 spare terms,
  that ``min_confirm=k`` gives it and ``min_confirm=k+1`` does not (for the algebraic g.f.,
  on the series of f^2, the rational g.f. sympy's narrower ansatz guesses). Three of these
  are sympy's "nothing found" from 3 to 6 terms, where we say not enough terms to tell.
* ``lack``: a feature numtheory does not have (rational or symbolic terms, floating-point
  recognition, logarithmic-derivative egf, nested hypergeometric terms). The check asserts a
  clean refusal or no claim, and the answer on the integer form of the data where one exists.

A case sympy adds or drops fails :func:`test_every_case_has_a_verdict`, so the table cannot go
stale silently. Reference: sympy 1.14, ``sympy.concrete.guess`` and ``sympy.series.sequences``.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from math import factorial
from typing import Any

import pytest

os.environ.setdefault("SYMPY_GROUND_TYPES", "gmpy")  # tests/conftest.py sets it first anyway

from numtheory import guess
from numtheory.errors import InputTypeError, NotEnoughTermsError
from numtheory.guessing import Guess, spare_terms

SOURCES = {
    "sympy.concrete.tests.test_guess": None,  # every test function
    "sympy.series.tests.test_sequences": {"test_find_linear_recurrence"},
}
TARGETS = {
    "find_simple_recurrence_vector",
    "find_simple_recurrence",
    "rationalize",
    "guess_generating_function_rational",
    "guess_generating_function",
    "guess",
    "find_linear_recurrence",
}


@dataclass
class Case:
    """One sympy assertion: ``func(data, *args, **kwargs)[key] == expected``."""

    id: str
    func: str
    data: Any
    args: list[Any]
    kwargs: dict[str, Any]
    key: Any
    expected: Any
    source: str
    ns: dict[str, Any] = field(repr=False)


def _call_parts(node: ast.expr) -> tuple[str, ast.expr | None, ast.Call, Any] | None:
    key = None
    if isinstance(node, ast.Subscript):
        key = ast.literal_eval(node.slice)
        node = node.value
    if not isinstance(node, ast.Call):
        return None
    if isinstance(node.func, ast.Name) and node.func.id in TARGETS:
        return node.func.id, None, node, key
    if isinstance(node.func, ast.Attribute) and node.func.attr in TARGETS:
        return node.func.attr, node.func.value, node, key
    return None


@functools.cache
def _cases() -> dict[str, Case]:
    import sympy

    if not sympy.__version__.startswith("1.14"):
        pytest.skip(f"the verdicts are for sympy 1.14's tests, sympy {sympy.__version__} here")
    found: dict[str, Case] = {}
    for name, wanted in SOURCES.items():
        module = importlib.import_module(name)
        path = inspect.getsourcefile(module) or name
        tree = ast.parse(inspect.getsource(module))
        for fn in tree.body:
            if not isinstance(fn, ast.FunctionDef) or not fn.name.startswith("test_"):
                continue
            if wanted is not None and fn.name not in wanted:
                continue
            ns = dict(vars(module))
            k = 0
            for stmt in fn.body:
                if not isinstance(stmt, ast.Assert):
                    exec(compile(ast.Module([stmt], []), path, "exec"), ns)
                    continue
                test = stmt.test
                if not (isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.Eq)):
                    continue
                parts = _call_parts(test.left)
                if parts is None:
                    continue
                func, receiver, call, key = parts

                def ev(expr: ast.expr, ns: dict[str, Any] = ns, path: str = path) -> Any:
                    return eval(compile(ast.Expression(expr), path, "eval"), ns)

                if receiver is not None:
                    data, args = ev(receiver), [ev(a) for a in call.args]
                else:
                    data, args = ev(call.args[0]), [ev(a) for a in call.args[1:]]
                kwargs = {kw.arg: ev(kw.value) for kw in call.keywords if kw.arg}
                case_id = f"{fn.name}[{k}]"
                found[case_id] = Case(
                    case_id,
                    func,
                    data,
                    args,
                    kwargs,
                    key,
                    ev(test.comparators[0]),
                    ast.unparse(test),
                    ns,
                )
                k += 1
    return found


# -- comparing answers ------------------------------------------------------------------------


def _ints(values: Any) -> list[int]:
    import sympy

    out = []
    for v in values:
        v = sympy.nsimplify(sympy.radsimp(sympy.expand(v)))
        assert v.is_Integer, f"not an integer term: {v}"
        out.append(int(v))
    return out


def _c_finite(terms: list[int], **options: Any) -> Guess:
    found = [g for g in guess(terms, **options) if g.kind == "c-finite"]
    assert found, f"no C-finite guess for {terms}"
    return found[0]


def _proportional(ours: list[Any], theirs: list[Any]) -> bool:
    """Equal up to a nonzero scale (both as coefficient lists, same order)."""
    import sympy

    if len(ours) != len(theirs):
        return False
    pivot = next(j for j, c in enumerate(theirs) if c != 0)
    if ours[pivot] == 0:
        return False
    scale = sympy.Rational(ours[pivot]) / sympy.Rational(theirs[pivot])
    return all(
        sympy.Rational(o) == scale * sympy.Rational(t) for o, t in zip(ours, theirs, strict=True)
    )


def _ours_low_first(g: Guess) -> list[int]:
    """Our constant coefficients c_0 .. c_r of a(n), ..., a(n+r)."""
    return [c[0] if c else 0 for c in g.coefficients]


def _linear_low_first(cs: list[Any]) -> list[Any]:
    """sympy's find_linear_recurrence [c_1 .. c_r], a(n) = sum c_k a(n-k): low shift first."""
    return [-c for c in reversed(cs)] + [1]


def _expression_low_first(expr: Any, n: Any) -> list[Any]:
    """find_simple_recurrence's ``sum c_i a(n+i)`` as [c_0, ..., c_r]."""
    from sympy.core.function import AppliedUndef

    calls = sorted(expr.atoms(AppliedUndef), key=lambda t: t.args[0] - n)
    shifts = {int(t.args[0] - n): expr.coeff(t) for t in calls}
    return [shifts.get(i, 0) for i in range(max(shifts) + 1)]


def _gf_of(g: Guess) -> Any:
    """Our generating function text, read by sympy (checks the text too)."""
    import sympy

    assert g.gf is not None
    return sympy.parse_expr(g.gf.replace("^", "**"), {"x": sympy.Symbol("x")})


def _same_function(ours: Any, theirs: Any, x: Any) -> None:
    import sympy

    assert sympy.cancel(sympy.together(ours - theirs)) == 0, (ours, theirs)
    assert sympy.series(ours - theirs, x, 0, 25).removeO() == 0


def _series_terms(f: Any, x: Any, count: int) -> list[Any]:
    import sympy

    poly = sympy.series(f, x, 0, count).removeO()
    return [poly.coeff(x, j) for j in range(count)]


def _refuses_or_nothing(terms: list[int], kind: str | None = None, **options: Any) -> None:
    """We do not answer from these terms: not enough to tell, or no guess (of ``kind``)."""
    try:
        found = guess(terms, **options)
    except NotEnoughTermsError:
        return
    assert [g for g in found if kind is None or g.kind == kind] == [], found


# -- the checks, one per verdict --------------------------------------------------------------

Check = Callable[[Case], None]


def _recurrence_vector(case: Case) -> None:
    """find_simple_recurrence_vector: [c_r, ..., c_0] (highest shift first)."""
    g = _c_finite(_ints(case.data))
    assert _proportional(_ours_low_first(g), list(reversed(case.expected)))


def _recurrence_expr(case: Case) -> None:
    import sympy

    terms = _ints(case.data)
    if case.expected == 0:  # sympy: no recurrence; ours must claim none either
        _refuses_or_nothing(terms, "c-finite")
        return
    n = case.kwargs.get("N", sympy.Symbol("n"))
    g = _c_finite(terms)
    assert _proportional(_ours_low_first(g), _expression_low_first(case.expected, n))


def _gf_rational(case: Case) -> None:
    import sympy

    x = sympy.Symbol("x")
    _same_function(_gf_of(_c_finite(_ints(case.data))), case.expected, x)


def _linear(case: Case) -> None:
    """find_linear_recurrence(count[, order][, gfvar]) on integer terms: the same answer."""
    terms = _ints(case.data[: case.args[0]])
    expected = case.expected
    gf = None
    if "gfvar" in case.kwargs:
        expected, gf = expected
    options = {"max_order": case.args[1]} if len(case.args) > 1 else {}
    g = _c_finite(terms, **options)
    assert _proportional(_ours_low_first(g), _linear_low_first(expected))
    if gf is not None:
        _same_function(_gf_of(g), gf, case.kwargs["gfvar"])
    # held-out terms from sympy's own sequence
    more = _ints(case.data[case.args[0] : case.args[0] + 10]) if case.data.length > 40 else []
    assert g.extend(len(more)) == more


def _linear_spare(case: Case) -> None:
    """sympy fits from fewer confirming terms than we need: we refuse; extended, we agree."""
    terms = _ints(case.data[: case.args[0]])
    expected = case.expected
    gf = None
    if "gfvar" in case.kwargs:
        expected, gf = expected
    options = {"max_order": case.args[1]} if len(case.args) > 1 else {}
    _refuses_or_nothing(terms, "c-finite", **options)
    if not expected:  # sympy found nothing either, from too few terms to tell
        with pytest.raises(NotEnoughTermsError):
            guess(terms)
        assert gf is None
        return
    order = len(expected)
    left = len(terms) - 2 * order  # the terms sympy's answer was tested on
    assert left < spare_terms(terms)
    # the sequence continued by sympy's recurrence, to as many terms as our rule needs
    long = list(terms)
    while len(long) < 2 * order + spare_terms(long) + 4:
        nxt = sum(c * long[-1 - k] for k, c in enumerate(expected))
        long.append(int(nxt) if nxt == int(nxt) else nxt)
    if all(isinstance(t, int) for t in long):
        g = _c_finite(long, **options)
        assert _proportional(_ours_low_first(g), _linear_low_first(expected))
        if gf is not None:
            _same_function(_gf_of(g), gf, case.kwargs["gfvar"])
    else:  # sympy's recurrence (19/2, -20, 27/2) continues with 385/2: not integer terms.
        # b(n) = q^n a(n), q the coefficients' common denominator, is integral and obeys
        # b(n) = sum c_k q^k b(n-k): we find that recurrence, i.e. sympy's
        import sympy

        q = sympy.ilcm(*[sympy.Rational(c).q for c in expected])
        scaled = [int(t * q**j) for j, t in enumerate(long)]
        g = _c_finite(scaled, **options)
        want = [c * q ** (k + 1) for k, c in enumerate(expected)]
        assert _proportional(_ours_low_first(g), _linear_low_first(want))
    if left >= 1:  # the difference is exactly the spare count: k of sympy's, and not k + 1
        g = _c_finite(terms, min_confirm=left, **options)
        assert _proportional(_ours_low_first(g), _linear_low_first(expected))
        _refuses_or_nothing(terms, "c-finite", min_confirm=left + 1, **options)


def _linear_symbolic(case: Case) -> None:
    """Symbolic or irrational terms: refused by name; a numeric specialisation agrees."""
    import sympy

    first = case.data[1]
    with pytest.raises(InputTypeError, match=r"term \d must be an integer, got"):
        guess(list(case.data[: min(30, case.data.length)]))
    symbols = sorted(first.free_symbols - {case.data.variables[0]}, key=str)
    if not symbols:  # x phi^n + y (-phi)^(-n) with x = y = 1 is the next case; phi^n alone
        return
    count = min(2 * len(case.expected) + 20, case.data.length)
    for choice in ((2, -3), (1, 1)):  # x = y = 1 in x phi^n + y (-phi)^(-n): Lucas numbers
        values = dict(zip(symbols, choice[: len(symbols)], strict=True))
        try:
            terms = _ints(t.subs(values) for t in case.data[:count])
            break
        except AssertionError:
            continue
    g = _c_finite(terms)
    want = [sympy.sympify(c).subs(values) for c in case.expected]
    assert _proportional(_ours_low_first(g), _linear_low_first(want))


def _linear_lucas(case: Case) -> None:
    """phi^n + (-phi)^(-n) simplifies to the Lucas numbers: sympy's terms, our recurrence."""
    terms = _ints(case.data[: case.args[0]])
    assert terms[:4] == [2, 1, 3, 4]  # A000032
    g = _c_finite(terms)
    assert _proportional(_ours_low_first(g), _linear_low_first(case.expected))


def _ogf_algebraic_spare(case: Case) -> None:
    """sqrt(1/(x^4+2x^2-4x+1)): f^2 D - 1 = 0 has 15 unknowns, 11 terms test nothing."""
    import sympy

    x = sympy.Symbol("x")
    terms = _ints(case.data)
    _refuses_or_nothing(terms, "algebraic")
    # sympy's ansatz is narrower: a rational g.f. of f^2, whose order-4 recurrence is fitted
    # on 8 of its 11 terms and confirmed by 3. Ours on f^2 with min_confirm=3 (and not 4)
    # gives the same 1/D, so f = sqrt(1/D) is sympy's answer
    square = [sum(terms[i] * terms[k - i] for i in range(k + 1)) for k in range(len(terms))]
    g = _c_finite(square, min_confirm=3)
    assert g.order == 4
    _same_function(_gf_of(g), case.expected**2, x)
    _refuses_or_nothing(square, "c-finite", min_confirm=4)
    long = _ints(_series_terms(case.expected, x, 30))
    assert long[: len(terms)] == terms
    g = next(g for g in guess(long) if g.kind == "algebraic")
    f = sympy.Symbol("f")
    relation = sum(
        sympy.Poly(list(reversed(p)), x).as_expr() * f**i for i, p in enumerate(g.coefficients)
    )
    assert sympy.simplify(relation.subs(f, case.expected)) == 0
    assert g.extend(10) == _ints(_series_terms(case.expected, x, 40))[30:]


def _rational_terms(case: Case) -> None:
    """Rational terms are refused by name; times their common denominator, the same g.f."""
    import sympy

    x = sympy.Symbol("x")
    with pytest.raises(InputTypeError, match="term 0 must be an integer"):
        guess(case.data)
    den = sympy.ilcm(*[sympy.Rational(t).q for t in case.data])
    g = _c_finite([int(t * den) for t in case.data])
    _same_function(_gf_of(g) / den, case.expected, x)


def _egf(case: Case) -> None:
    """Our recurrence for a(n)/n! holds on the coefficients of sympy's egf, past the data."""
    import sympy

    x = sympy.Symbol("x")
    terms = _ints(case.data)
    g = next(g for g in guess(terms, kinds=["p-recursive-egf"]))
    egf = case.expected if case.key == "egf" else case.expected["egf"]
    coeffs = _series_terms(egf, x, len(terms) + 10)
    longer = _ints(c * factorial(n) for n, c in enumerate(coeffs))
    assert longer[: len(terms)] == terms
    assert g.satisfies(longer)
    assert g.extend(10) == longer[len(terms) :]
    if case.key is None:  # lgdegf, the logarithmic derivative of the egf: a form we lack
        assert set(case.expected) == {"egf", "lgdegf"}
        assert sympy.cancel(sympy.diff(egf, x) / egf - case.expected["lgdegf"]) == 0


def _rationalize(case: Case) -> None:
    """Floating-point recognition is not a guess from terms: a float term is refused."""
    value = case.data
    with pytest.raises(InputTypeError, match="term 0 must be an integer"):
        guess([value] * 30)
    assert case.expected.q > 1  # sympy's answers are proper fractions, never integer terms


def _guess_closed_spare(case: Case) -> None:
    """sympy's guess() on 5 terms (n!): we need more; with them, the same closed form."""
    import sympy

    terms = _ints(case.data)
    with pytest.raises(NotEnoughTermsError):
        guess(terms, offset=1)
    if not case.expected:  # guess([1, 0, 2]) == []: sympy says nothing, we say too few
        return
    (formula,) = case.expected
    var = sorted(formula.free_symbols - {sympy.Symbol("i1")}, key=str)[0]
    longer = _ints(formula.subs(var, n).doit() for n in range(1, 31))
    assert longer[: len(terms)] == terms
    # sympy's rinterp fits the ratios on all but the last, which is its one test: with
    # min_confirm=1 our hypergeometric term is its answer, with 2 there is none
    (g,) = guess(terms, offset=1, min_confirm=1, kinds=["hypergeometric"])
    assert (g.coefficients, g.confirmed) == (((-1, -1), (1,)), 1)
    assert g.extend(10) == longer[len(terms) : len(terms) + 10]
    assert guess(terms, offset=1, min_confirm=2, kinds=["hypergeometric"]) == []
    g = next(g for g in guess(longer[:20], offset=1) if g.kind == "hypergeometric")
    assert g.coefficients == ((-1, -1), (1,))  # a(n+1) = (n+1) a(n), n >= 1
    assert g.extend(10) == longer[20:]


def _guess_nested(case: Case) -> None:
    """A nested hypergeometric term (ASM numbers, A005130): not holonomic, a kind we lack.

    sympy's answer from 8 terms, evaluated to 24 terms: we claim nothing (no false guess).
    """
    (formula,) = case.expected
    i0 = next(s for s in formula.free_symbols if str(s) == "i0")
    terms = _ints(case.data)
    longer = _ints(formula.subs(i0, n).doit() for n in range(1, 25))
    assert longer[: len(terms)] == terms
    _refuses_or_nothing(terms)
    assert guess(longer, offset=1) == []


# -- the verdicts ----------------------------------------------------------------------------

PASS, SPARE, LACK = "pass", "spare", "lack"
VERDICTS: dict[str, tuple[str, Check, str]] = {
    "test_find_simple_recurrence_vector[0]": (PASS, _recurrence_vector, ""),
    "test_find_simple_recurrence[0]": (PASS, _recurrence_expr, ""),
    "test_find_simple_recurrence[1]": (PASS, _recurrence_expr, ""),
    "test_find_simple_recurrence[2]": (PASS, _recurrence_expr, "no recurrence, ours neither"),
    "test_rationalize[0]": (LACK, _rationalize, "float recognition"),
    "test_rationalize[1]": (LACK, _rationalize, "float recognition"),
    "test_rationalize[2]": (LACK, _rationalize, "float recognition"),
    "test_rationalize[3]": (LACK, _rationalize, "float recognition"),
    "test_guess_generating_function_rational[0]": (PASS, _gf_rational, ""),
    "test_guess_generating_function[0]": (PASS, _gf_rational, ""),
    "test_guess_generating_function[1]": (SPARE, _ogf_algebraic_spare, "11 of 20 terms"),
    "test_guess_generating_function[2]": (LACK, _rational_terms, "rational terms"),
    "test_guess_generating_function[3]": (PASS, _egf, ""),
    "test_guess_generating_function[4]": (LACK, _egf, "egf passes; no lgdegf"),
    "test_guess[0]": (SPARE, _guess_closed_spare, "5 terms of 11"),
    "test_guess[1]": (SPARE, _guess_closed_spare, "5 terms of 11"),
    "test_guess[2]": (LACK, _guess_nested, "nested hypergeometric"),
    "test_guess[3]": (SPARE, _guess_closed_spare, "3 terms"),
    "test_guess[4]": (SPARE, _guess_closed_spare, "5 terms; variable names n/a"),
    "test_find_linear_recurrence[0]": (PASS, _linear, ""),
    "test_find_linear_recurrence[1]": (SPARE, _linear_spare, "order 4 from 12 terms"),
    "test_find_linear_recurrence[2]": (LACK, _linear_symbolic, "symbolic terms"),
    "test_find_linear_recurrence[3]": (LACK, _linear_symbolic, "symbolic terms"),
    "test_find_linear_recurrence[4]": (SPARE, _linear_spare, "3 values need 13 spare"),
    "test_find_linear_recurrence[5]": (PASS, _linear_lucas, "sympy's terms simplified"),
    "test_find_linear_recurrence[6]": (LACK, _linear_symbolic, "symbolic terms"),
    "test_find_linear_recurrence[7]": (SPARE, _linear_spare, "5 terms"),
    "test_find_linear_recurrence[8]": (SPARE, _linear_spare, "6 terms"),
    "test_find_linear_recurrence[9]": (SPARE, _linear_spare, "order 3 from 6: 0 tests"),
    "test_find_linear_recurrence[10]": (PASS, _linear, ""),
    "test_find_linear_recurrence[11]": (PASS, _linear, ""),
}


def test_every_case_has_a_verdict() -> None:
    assert sorted(_cases()) == sorted(VERDICTS)


@pytest.mark.parametrize(
    "case_id", [pytest.param(k, id=f"{k}-{v[0]}") for k, v in sorted(VERDICTS.items())]
)
def test_sympy_case(case_id: str) -> None:
    """The verdict is in the test id: ``test_guess[0]-spare``."""
    case = _cases().get(case_id)
    if case is None:
        pytest.fail(f"sympy has no case {case_id} any more")
    check = VERDICTS[case_id][1]
    check(case)
