"""sympy 1.14's own number-theory test suite, run against numtheory's functions.

Each test function of the installed ``sympy/ntheory/tests`` modules (and those of
``test_comb_numbers``, ``core/tests/test_numbers``, ``test_diophantine`` and Wester's
problems in ``test_wester`` that test totient, mobius, the symbols, primepi, isqrt,
integer_nthroot, mod_inverse, diop_DN, factorint, continued fractions:
:data:`~._sympy_runner.EXTRA_MODULES`, where only those names are rebound) is cut into its
top-level statements, which run in a copy of the module's globals where every sympy
number-theory function is rebound to numtheory's of the same name (:mod:`._sympy_runner`;
nothing of sympy's test text is copied here). Every statement that uses a rebound or a
missing function gets one label:

* ``pass``: sympy's assertion holds for numtheory's function;
* ``setup``: an assignment or definition (no assertion) ran without error;
* ``lacks``: it uses a function numtheory does not have (:data:`LACKS` says why);
* a key of :data:`CONVENTIONS`: a deliberate difference, which must fail the way its
  pattern says (a TypeError naming a float, say), not some other way.

:data:`SUITE` is the exact expected table, statement numbers per label (1-based, among the
test function's top-level statements; the runner prints a fresh table with
``python -m tests.conformance._sympy_runner``). A statement that fails outside its
convention is a bug; one that newly passes, or a new function that makes a ``lacks`` row
run, fails here too, so the table is updated on purpose. The table is for sympy 1.14: with
another version the statement numbers move, and the tests skip.

Bugs this found (each fixed, with a regression test beside the function's own tests):
``sqrt_mod(a, p)`` listed every root to return the smallest (refused past 10**7 roots;
1.2 s for 1.2M, where sympy takes 0.1 ms),
``divisors(n, generator=True)`` yielded in another order than sympy's, and
``next_prime`` had no ``ith`` (sympy ``nextprime(n, ith)``). In review, the harness itself:
an attribute write on a stand-in (``factor_cache.maxsize = 3``) and every assignment counted
as a pass (now a lack, and ``setup``), and sympy's ``primefactors``, ``is_primitive_root``,
``is_quad_residue``, ``sqrt_mod_iter`` were lacks (now numtheory functions).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
import sympy  # the test extra; conftest set SYMPY_GROUND_TYPES=gmpy before this import

from . import _sympy_runner as runner

if not sympy.__version__.startswith("1.14"):
    pytest.skip(
        f"the table is sympy 1.14's statement numbering, not {sympy.__version__}'s",
        allow_module_level=True,
    )

#: Deliberate differences: label -> (why, the pattern its failure must match).
CONVENTIONS: dict[str, tuple[str, str]] = {
    "float-typeerror": (
        "a float is refused with TypeError naming it (project rule); sympy raises ValueError",
        r"InputTypeError: .*\((float|Float)\)$",
    ),
    "sympy-objects": (
        "integers (and Fraction) in, int/Fraction/QuadraticIrrational out: no sympy "
        "Rational, Symbol, oo, factorial(), sqrt() expressions (the library never imports sympy)",
        r"\((Rational|Half|Mul|Pow|Add|Pi|Dummy|Symbol|Infinity|NegativeInfinity|factorial)\)$"
        r"|'QuadraticIrrational' and 'Add'"
        r"|'(Fraction|QuadraticIrrational)' object has no attribute '(expand|p|q)'",
    ),
    "cf-reduce-result": (
        "continued_fraction_reduce returns a QuadraticIrrational, never equal to a sympy "
        "expression such as -1 - sqrt(2) (its value is the same)",
        r"^AssertionError",
    ),
    "factorint-options": (
        "factorint(n) takes n only: sympy's limit=, use_trial=, verbose=, multiple=, visual= "
        "tune its Python algorithms or build sympy Mul/Pow objects",
        r"unexpected keyword argument '(visual|multiple|limit|use_trial|verbose)'"
        r"|factorint\(\) takes 1 positional argument",
    ),
    "factorisation-as-n": (
        "a known factorisation goes in factors= (totient(n, factors=...)); sympy also takes "
        "the dict in place of n, which here is refused as not an integer",
        r"got \{.*\} \((dict|Dict)\)$",
    ),
    "diop_DN-family": (
        "diop_DN's families in t (D = 0, or square D with N = 0) are numtheory's Parameter, "
        "which prints as t and substitutes (x(5)) but never equals an expression in sympy's "
        "Symbol t; so sympy's third argument, its symbol, is not taken",
        r"^AssertionError|diop_DN\(\) takes 2 positional arguments",
    ),
    "negative-modulus": (
        "sqrt_mod(a, p) with p < 1 is out of domain (InputError); sympy silently uses |p|",
        r"^InputError: sqrt_mod\(\) needs the modulus p >= 1",
    ),
    "sympy-deprecation": (
        "the statement expects sympy's SymPyDeprecationWarning for its old symbolic "
        "functions; numtheory's are plain functions, with nothing deprecated",
        r"DID NOT WARN",
    ),
}

_PRIVATE = "a private helper of sympy's implementation"
_OUT = "not in issue 14's integer core"
#: Functions numtheory does not have, and why.
LACKS: dict[str, str] = {
    **dict.fromkeys(
        (
            "_binomial_mod_prime_power",
            "_discrete_log_index_calculus",
            "_discrete_log_pohlig_hellman",
            "_discrete_log_pollard_rho",
            "_discrete_log_shanks_steps",
            "_discrete_log_trial_mul",
            "_divisor_sigma",
            "_find_factor",
            "_generate_factor_base",
            "_lucas_extrastrong_params",
            "_nthroot_mod_prime_power",
            "_partition",
            "_partition_rec",
            "_perfect_power",
            "_primepi",
            "_primitive_root_prime_iter",
            "SievePolynomial",
            "Point",
            "mr",
            "factor_cache",
        ),
        _PRIVATE,
    ),
    **dict.fromkeys(
        ("Sieve", "sieve"), "sympy's sieve object; numtheory.arith.sieve is a function module"
    ),
    **dict.fromkeys(
        (
            "is_lucas_prp",
            "is_strong_lucas_prp",
            "is_euler_jacobi_pseudoprime",
            "is_euler_pseudoprime",
            "is_extra_strong_lucas_prp",
            "is_fermat_pseudoprime",
            "proth_test",
            "is_mersenne_prime",
            "is_gaussian_prime",
            "mersenne_prime_exponent",
        ),
        "pseudoprime tests and special primality: is_prime (BPSW, proofs) covers the use",
    ),
    **dict.fromkeys(
        (
            "EllipticCurve",
            "pi_hex_digits",
            "egyptian_fraction",
            "qs",
            "qs_factor",
            "binomial_coefficients",
            "binomial_coefficients_list",
            "multinomial_coefficients",
            "multinomial_coefficients_iterator",
            "npartitions",
            "count_digits",
            "digits",
            "is_palindromic",
            "num_digits",
            "dra",
            "drm",
            "antidivisor_count",
            "antidivisors",
            "udivisor_count",
            "udivisor_sigma",
            "udivisors",
            "core",
            "smoothness",
            "smoothness_p",
            "is_perfect",
            "is_abundant",
            "is_deficient",
            "is_amicable",
            "is_carmichael",
            "find_carmichael_numbers_in_range",
            "find_first_n_carmichaels",
            "factorrat",
            "primorial",
            "composite",
            "compositepi",
            "randprime",
            "cycle_length",
            "polynomial_congruence",
            "quadratic_congruence",
            "binomial_mod",
            "solve_congruence",
            "crt1",
        ),
        _OUT,
    ),
    **dict.fromkeys(
        ("ecm", "pollard_rho", "pollard_pm1"),
        "factorint chooses its methods (FLINT); no single-method entry points",
    ),
    "multiplicity": "numtheory.valuation(n, p) is its own name and argument order",
    "continued_fraction_iterator": "continued_fraction(x) returns the list (finite inputs)",
    "proper_divisors": "divisors(n, proper=True)",
    "proper_divisor_count": "divisor_count(n, proper=True)",
    "is_nthpow_residue": "nthroot_mod(a, n, p) is not None",
    "quadratic_residues": "a one-line comprehension of pow(x, 2, p)",
}

#: The expected table (sympy 1.14): statement numbers per label, per test function.
SUITE: dict[str, dict[str, str]] = {
    "test_bbp_pi::test_hex_pi_nth_digits": {"lacks": "1-9,12"},
    "test_continued_fraction::test_continued_fraction": {
        "cf-reduce-result": "47",
        "float-typeerror": "9",
        "lacks": "29-32",
        "pass": "1-2,10-27,33-35,37-38,40-43,45",
        "setup": "28",
        "sympy-objects": "4-8,36,44,46",
    },
    "test_digits::test_num_digits": {"lacks": "1-7"},
    "test_digits::test_digits": {"lacks": "1-11"},
    "test_digits::test_count_digits": {"lacks": "1-4"},
    "test_digits::test_is_palindromic": {"lacks": "1-4"},
    "test_ecm::test_ecm": {"lacks": "1-10"},
    "test_ecm::test_Point": {"lacks": "4-35"},
    "test_egyptian_fraction::test_egyptian_fraction": {"lacks": "3-13", "setup": "1"},
    "test_egyptian_fraction::test_input": {"lacks": "2-4"},
    "test_elliptic_curve::test_elliptic_curve": {"lacks": "1-12"},
    "test_factor_::test_multiplicity": {"lacks": "1-13"},
    "test_factor_::test_multiplicity_in_factorial": {"lacks": "2"},
    "test_factor_::test_private_perfect_power": {"lacks": "1-6"},
    "test_factor_::test_perfect_power": {
        "float-typeerror": "1",
        "pass": "2-34,36-38,41-43,45-54,65-66",
        "sympy-objects": "39-40,56-64,67-69",
    },
    "test_factor_::test_factor_cache": {"lacks": "1-30"},
    "test_factor_::test_factorint": {
        "factorint-options": "17-28,45,49,51-58,63-64,68,73-74,76-77,80,83,85-86,89",
        "factorisation-as-n": "96-97",
        "float-typeerror": "93",
        "lacks": "47-48,65,69-71",
        "pass": "1-16,34,36,38-41,43-44,46,50,62,82,92",
        "setup": "59-61,66-67,72,75,78-79,81,84,87-88,90-91",
        "sympy-objects": "29-33,35,37,42",
    },
    "test_factor_::test_divisors_and_divisor_count": {"pass": "1-17"},
    "test_factor_::test_proper_divisors_and_proper_divisor_count": {"lacks": "1-15"},
    "test_factor_::test_udivisors_and_udivisor_count": {"lacks": "1-18"},
    "test_factor_::test_issue_6981": {"pass": "2", "setup": "1"},
    "test_factor_::test_issue_4356": {"pass": "1"},
    "test_factor_::test_divisors": {"pass": "1-3"},
    "test_factor_::test_divisor_count": {"pass": "1-2"},
    "test_factor_::test_proper_divisors": {"lacks": "1-3"},
    "test_factor_::test_proper_divisor_count": {"lacks": "1-2"},
    "test_factor_::test_antidivisors": {"lacks": "1-9"},
    "test_factor_::test_antidivisor_count": {"lacks": "1-8"},
    "test_factor_::test_smoothness_and_smoothness_p": {"lacks": "1-6"},
    "test_factor_::test_visual_factorint": {"factorint-options": "1-5,7-8"},
    "test_factor_::test_factorrat": {"lacks": "1-11"},
    "test_factor_::test_visual_io": {
        "factorint-options": "5,12-15,19-20",
        "lacks": "6-11,17-18",
        "setup": "1-2,4",
    },
    "test_factor_::test_core": {"lacks": "1-6"},
    "test_factor_::test__divisor_sigma": {"lacks": "1-5,7,9,11"},
    "test_factor_::test_mersenne_prime_exponent": {"lacks": "1-6"},
    "test_factor_::test_is_perfect": {"lacks": "1-8"},
    "test_factor_::test_is_abundant": {"lacks": "1-5"},
    "test_factor_::test_is_deficient": {"lacks": "1-5"},
    "test_factor_::test_is_amicable": {"lacks": "1-3"},
    "test_factor_::test_is_carmichael": {"lacks": "2-3"},
    "test_factor_::test_find_carmichael_numbers_in_range": {"lacks": "1-5"},
    "test_factor_::test_find_first_n_carmichaels": {"lacks": "1-3"},
    "test_factor_::test_dra": {"lacks": "1-6"},
    "test_factor_::test_drm": {"lacks": "1-6"},
    "test_factor_::test_deprecated_ntheory_symbolic_functions": {
        "lacks": "7",
        "sympy-deprecation": "2-6",
    },
    "test_generate::test_prime": {"lacks": "15", "pass": "1-14,16-17"},
    "test_generate::test__primepi": {"lacks": "1-17"},
    "test_generate::test_composite": {"lacks": "2-18"},
    "test_generate::test_compositepi": {"lacks": "1-16"},
    "test_generate::test_generate": {
        "lacks": "2,12-15,24-47,52-64,67-68,70-74",
        "pass": "3-11,16-17,19-23,48-51,65-66,75-78",
        "setup": "69",
    },
    "test_generate::test_randprime": {"lacks": "1-11"},
    "test_generate::test_primorial": {"lacks": "1-5"},
    "test_generate::test_search": {"lacks": "1-5"},
    "test_generate::test_sieve_slice": {"lacks": "1-7"},
    "test_generate::test_sieve_iter": {"lacks": "2-3"},
    "test_generate::test_sieve_repr": {"lacks": "1-2"},
    "test_generate::test_deprecated_ntheory_symbolic_functions": {"sympy-deprecation": "2"},
    "test_hypothesis::test_tau_hypothesis": {"pass": "1"},
    "test_hypothesis::test_totient_hypothesis": {"pass": "1"},
    "test_modular::test_crt": {"lacks": "2-5", "pass": "6", "setup": "1"},
    "test_modular::test_modular": {"lacks": "1-10"},
    "test_multinomial::test_binomial_coefficients_list": {"lacks": "1-7"},
    "test_multinomial::test_binomial_coefficients": {"lacks": "1"},
    "test_multinomial::test_multinomial_coefficients": {"lacks": "1-17"},
    "test_partitions::test__partition_rec": {"lacks": "2"},
    "test_partitions::test__partition": {"lacks": "1-9"},
    "test_partitions::test_deprecated_ntheory_symbolic_functions": {"lacks": "2"},
    "test_primetest::test_is_fermat_pseudoprime": {"lacks": "1-2"},
    "test_primetest::test_euler_pseudoprimes": {"lacks": "1-9,11,13,15"},
    "test_primetest::test_is_euler_jacobi_pseudoprime": {"lacks": "1-2"},
    "test_primetest::test_lucas_extrastrong_params": {"lacks": "1-7"},
    "test_primetest::test_is_extra_strong_lucas_prp": {"lacks": "1-6"},
    "test_primetest::test_prps": {"lacks": "3-9", "pass": "2", "setup": "1"},
    "test_primetest::test_proth_test": {"lacks": "3"},
    "test_primetest::test_lucas_lehmer_primality_test": {"lacks": "1"},
    "test_primetest::test_is_mersenne_prime": {"lacks": "1-7"},
    "test_primetest::test_isprime": {
        "float-typeerror": "32-33",
        "lacks": "1-4,29",
        "pass": "5-28,30-31",
    },
    "test_primetest::test_is_square": {"pass": "1-6"},
    "test_primetest::test_is_gaussianprime": {"lacks": "1-4"},
    "test_primetest::test_issue_27145": {"lacks": "1"},
    "test_qs::test_qs_1": {"lacks": "1-4"},
    "test_qs::test_qs_2": {"lacks": "3-24,26,28-31"},
    "test_qs::test_qs_3": {"lacks": "3"},
    "test_qs::test_qs_4": {"lacks": "2"},
    "test_qs::test_qs_factor": {"lacks": "1,3-5"},
    "test_qs::test_issue_27616": {"lacks": "2"},
    "test_residue::test_residue": {
        "float-typeerror": "45",
        "lacks": "13,47-51,82-104,106,108,110,112-121,139-161,174-205",
        "negative-modulus": "54",
        "pass": "1-12,14-23,25-44,46,52-53,55-67,71,74,78-81,123-136,162-170,172-173",
        "setup": "70,73,77,105,107,109,111",
        "sympy-objects": "122",
    },
    "test_residue::test_binomial_p_pow": {"lacks": "4-5,7"},
    "test_residue::test_deprecated_ntheory_symbolic_functions": {"sympy-deprecation": "2-4"},
    "test_comb_numbers::test_divisor_sigma": {
        "pass": "2-5,8,11,22-26",
        "sympy-objects": "7,10,14-15,17-18,20-21",
    },
    "test_comb_numbers::test_legendre_symbol": {
        "pass": "2-5,8,11,20-24",
        "sympy-objects": "7,10,14-15,18-19",
    },
    "test_comb_numbers::test_jacobi_symbol": {
        "pass": "2-5,8,11,16-17,22-31",
        "sympy-objects": "7,10,14-15,20-21",
    },
    "test_comb_numbers::test_kronecker_symbol": {
        "pass": "2-5,8-9,14-16",
        "sympy-objects": "7,12-13",
    },
    "test_comb_numbers::test_mobius": {
        "pass": "2-3,6,22-25,27",
        "sympy-objects": "5,8,10-11,14-19,21",
    },
    "test_comb_numbers::test_primenu": {"pass": "2-3,6,12-14,16", "sympy-objects": "5,8,10-11"},
    "test_comb_numbers::test_primeomega": {"pass": "2-3,6,12-14,16", "sympy-objects": "5,8,10-11"},
    "test_comb_numbers::test_totient": {
        "factorisation-as-n": "12-14",
        "pass": "2-3,6,16",
        "sympy-objects": "5,8,10-11",
    },
    "test_comb_numbers::test_reduced_totient": {
        "factorisation-as-n": "12-15",
        "pass": "2-3,6,17",
        "sympy-objects": "5,8,10-11",
    },
    "test_comb_numbers::test_primepi": {
        "float-typeerror": "13",
        "pass": "2-3,11",
        "sympy-objects": "5-8,10",
    },
    "test_numbers::test_integer_nthroot_overflow": {"pass": "1-2"},
    "test_numbers::test_isqrt": {"pass": "3-5,9-12", "sympy-objects": "6-8,13,15-18"},
    "test_numbers::test_mod_inverse": {"pass": "1-12,15", "sympy-objects": "16-17"},
    "test_diophantine::test_DN": {
        "diop_DN-family": "7-8,40-41",
        "pass": "1-6,9-28,30-37,39",
    },
    "test_wester::test_C2": {"pass": "1"},
    "test_wester::test_F9": {"pass": "1"},
    "test_wester::test_G1": {"pass": "1"},
    "test_wester::test_G15": {"sympy-objects": "2"},
    "test_wester::test_G17": {"pass": "1"},
    "test_wester::test_G18": {"pass": "1", "sympy-objects": "2"},
    "test_wester::test_G20": {"sympy-objects": "2"},
}


@functools.cache
def _namespace(module: str) -> runner.Namespace:
    return runner.namespace_for(module)


def _observe(key: str) -> tuple[dict[str, set[int]], dict[int, str]]:
    module, func = key.split("::")
    expected_label = {
        i: label for label, text in SUITE[key].items() for i in runner.parse_ranges(text)
    }
    observed: dict[str, set[int]] = {}
    details: dict[int, str] = {}
    for outcome in runner.run_test(_namespace(module), func):
        if outcome is None:
            continue
        st = outcome.statement
        if outcome.kind in ("pass", "setup", "lacks"):
            label = outcome.kind
            if outcome.kind == "lacks" and outcome.detail not in LACKS:
                label = f"lacks an unlisted {outcome.detail}"
        else:
            label = f"BUG {outcome.kind}"
            conv = expected_label.get(st.index, "")
            if conv in CONVENTIONS and re.search(CONVENTIONS[conv][1], outcome.detail):
                label = conv
        observed.setdefault(label, set()).add(st.index)
        details[st.index] = f"line {st.line}: {outcome.kind} {outcome.detail[:200]}"
    return observed, details


def _param(key: str) -> Any:
    """sympy's @slow tests (test_factorint: 0.7 s here) run with ``-m slow``, as in sympy."""
    module, func = key.split("::")
    slow = runner.is_slow(runner.load(module), func)
    return pytest.param(key, marks=[pytest.mark.slow] if slow else [], id=key)


@pytest.mark.parametrize("key", [_param(key) for key in SUITE])
def test_sympy_statement_outcomes(key: str) -> None:
    observed, details = _observe(key)
    expected = {label: runner.parse_ranges(text) for label, text in SUITE[key].items()}
    if observed != expected:
        lines = []
        for label in sorted(set(observed) | set(expected)):
            for i in sorted(observed.get(label, set()) - expected.get(label, set())):
                lines.append(f"#{i} is now {label!r} ({details.get(i, '')})")
            for i in sorted(expected.get(label, set()) - observed.get(label, set())):
                lines.append(f"#{i} was expected {label!r}, is not ({details.get(i, 'not run')})")
        pytest.fail(f"{key}: the outcomes moved\n" + "\n".join(lines))


def test_every_sympy_test_function_is_in_the_table() -> None:
    found = {
        f"{m}::{f}"
        for m in (*runner.SUITE_MODULES, *runner.EXTRA_MODULES)
        for f in runner.test_functions(runner.load(m))
    }
    assert found == set(SUITE)


def test_the_tables_are_honest() -> None:
    used = {label for row in SUITE.values() for label in row}
    assert used - {"pass", "setup", "lacks"} == set(CONVENTIONS)  # no stale convention
    for name in LACKS:  # each one really is missing from numtheory
        assert runner.numtheory_equivalent(name) is None, name
    counts = {
        label: sum(len(runner.parse_ranges(row.get(label, ""))) for row in SUITE.values())
        for label in used
    }
    # The totals, so that a bulk relabelling shows in review: 1,337 statements involve
    # numtheory's names; all that it has pass (or, for assignments, run: setup) but for the
    # 178 deliberate differences.
    assert counts == {
        "pass": 445,
        "setup": 31,
        "lacks": 683,
        "sympy-objects": 99,
        "factorint-options": 48,
        "diop_DN-family": 4,
        "factorisation-as-n": 9,
        "sympy-deprecation": 9,
        "float-typeerror": 7,
        "negative-modulus": 1,
        "cf-reduce-result": 1,
    }


def test_the_harness_sees_a_wrong_answer() -> None:
    # The statements really run on the rebound function: a crt that is off by one fails
    # sympy's assertions, which with numtheory's crt pass (test_modular::test_crt #6).
    ns = runner.namespace_for("test_modular")
    ns.globals["crt"] = lambda m, v, symmetric=False: (lambda x, n: (x + 1, n))(
        *runner.numtheory_equivalent("crt")(m, v, symmetric)  # type: ignore[misc]
    )
    kinds = {o.statement.index: o.kind for o in runner.run_test(ns, "test_crt") if o}
    assert kinds[6] == "fail" and kinds[1] == "setup"  # #1 defines sympy's helper
    assert SUITE["test_modular::test_crt"] == {"lacks": "2-5", "pass": "6", "setup": "1"}


def test_the_harness_lets_nothing_pass_for_a_missing_function() -> None:
    # Found in review: ``factor_cache.maxsize = 3`` (test_factor_cache) "passed" on the
    # stand-in, and assignments counted as passes. Now any use of a stand-in is a lack,
    # and a statement that asserts nothing is setup, never pass.
    stand_in = runner.Missing("factor_cache")
    uses = (
        lambda: setattr(stand_in, "maxsize", 3),
        lambda: stand_in == 1,
        lambda: bool(stand_in),
        lambda: stand_in.cache_clear(),
        lambda: 5 in stand_in,  # type: ignore[operator]
    )
    for use in uses:
        with pytest.raises(runner.Lacks):
            use()
    with pytest.raises(runner.Lacks):  # not swallowed as "the expected exception"
        sympy.testing.pytest.raises(Exception, stand_in)
    kinds = {
        o.statement.index: o.kind
        for o in runner.run_test(_namespace("test_factor_"), "test_factor_cache")
        if o
    }
    assert set(kinds.values()) == {"lacks"} and len(kinds) == 30
    # a name a test imports itself is rebound: test_generate's local ``sieve`` import
    ns = runner.namespace_for("test_generate")
    outcomes = [o for o in runner.run_test(ns, "test_generate") if o]
    assert {o.detail for o in outcomes if o.kind == "lacks"} >= {"sieve"}


def test_the_values_behind_the_continued_fraction_differences() -> None:
    # test_continued_fraction #5, #44, #46 (sympy-objects) and #47 (cf-reduce-result) fail
    # on the type of the answer, never reaching its value: the values, checked here with
    # sympy's own numbers (sympy 1.14 test_continued_fraction.py, lines 20-22 and 74-77).
    import numtheory as nt

    def to_sympy(x: Any) -> Any:
        if isinstance(x, nt.QuadraticIrrational):
            return (x.p + x.s * sympy.sqrt(x.d)) / x.q
        return sympy.Rational(x.numerator, x.denominator)

    sqrt, r = sympy.sqrt, sympy.Rational
    as_pqds = {  # sympy's list of n, each as numtheory's (p, q, d, s): (p + s*sqrt(d))/q
        sympy.Integer(0): (0, 1, 0, 1),
        sympy.Integer(2): (2, 1, 0, 1),
        r(2, 3): (2, 3, 0, 1),
        sqrt(2): (0, 1, 2, 1),
        3 * sqrt(2): (0, 1, 18, 1),
        1 + 2 * sqrt(3) / 5: (5, 5, 12, 1),
        (2 - 3 * sqrt(5)) / 7: (2, 7, 45, -1),
        1 + sqrt(2): (1, 1, 2, 1),
        (-5 + sqrt(17)) / 4: (-5, 4, 17, 1),
    }
    for n, (p, q, d, s) in as_pqds.items():
        ours = nt.continued_fraction_periodic(p, q, d, s)
        assert ours == sympy.continued_fraction(n), n
        assert (to_sympy(nt.continued_fraction_reduce(ours)) - n).expand() == 0, n
    for terms, value in (
        ([0, 1, 1, 7, [24, 8]], (sqrt(3) + 2) / 7),
        ([[1]], (sqrt(5) + 1) / 2),
        ([-3, 1, 1, [2]], -1 - sqrt(2)),
    ):
        assert (to_sympy(nt.continued_fraction_reduce(terms)) - value).expand() == 0, terms
