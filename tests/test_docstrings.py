"""Every public function has a numpydoc ``Examples`` section with a doctest.

Public: each function named in ``numtheory.__all__`` or in the ``__all__`` of a public
subpackage (``numtheory.oeis``, ``numtheory.verify``, ...). The examples themselves run in the
default run (``--doctest-modules``); this test keeps a new function from arriving without one.
Parameters and Returns are held to a ratchet (``KNOWN_GAPS``), and so are the public classes'
Examples sections (``CLASSES_WITHOUT_EXAMPLES``): both lists may only shrink.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import pytest

import numtheory

_SECTION = re.compile(r"^Examples\n-{8,}\n(?P<body>.*?)(?=^\S[^\n]*\n-{3,}\n|\Z)", re.M | re.S)


def _public_modules() -> list[str]:
    names = ["numtheory"]
    for info in pkgutil.iter_modules(numtheory.__path__):
        if not info.name.startswith("_"):
            names.append(f"numtheory.{info.name}")
    return names


def _public_functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    seen: set[int] = set()
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = inspect.unwrap(getattr(module, name))
            if inspect.isfunction(obj) and id(obj) not in seen:
                seen.add(id(obj))
                found[f"{module_name}.{name}"] = obj
    return found


def examples_of(func: Callable[..., Any]) -> str | None:
    """The body of the docstring's Examples section, None when it has none."""
    match = _SECTION.search(inspect.getdoc(func) or "")
    return None if match is None else match["body"]


FUNCTIONS = _public_functions()


def _public_classes() -> dict[str, type]:
    """The classes (not exceptions) named in the same ``__all__`` lists."""
    found: dict[str, type] = {}
    seen: set[int] = set()
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            is_class = isinstance(obj, type) and not issubclass(obj, BaseException)
            if is_class and id(obj) not in seen:
                seen.add(id(obj))
                found[f"{module_name}.{name}"] = obj
    return found


CLASSES = _public_classes()


def test_the_walk_finds_the_public_functions() -> None:
    # the walk itself: it must see the top level and the subpackages, not an empty list
    assert "numtheory.factorint" in FUNCTIONS and "numtheory.oeis.search" in FUNCTIONS
    assert "numtheory.verify.run" in FUNCTIONS and len(FUNCTIONS) > 100


def test_the_section_reader_finds_an_examples_section() -> None:
    def documented() -> None:
        """Do nothing.

        Examples
        --------
        >>> documented()

        References
        ----------
        None.
        """

    def inline() -> None:
        """Do nothing.

        >>> inline()
        """

    assert examples_of(documented) == ">>> documented()\n\n"
    assert examples_of(inline) is None


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_public_function_has_an_examples_section(name: str) -> None:
    body = examples_of(FUNCTIONS[name])
    assert body is not None, f"{name}: no numpydoc 'Examples' section"
    assert ">>> " in body, f"{name}: its Examples section has no doctest"


def _missing_sections(func: Callable[..., Any]) -> list[str]:
    """The numpydoc sections ``func`` should have and lacks: Parameters when it takes any,
    Returns (or Yields) when it returns something."""
    doc = "\n" + (inspect.getdoc(func) or "")
    signature = inspect.signature(func)
    missing = []
    if signature.parameters and "\nParameters\n---" not in doc:
        missing.append("Parameters")
    returns = signature.return_annotation
    if returns not in (None, "None", inspect.Signature.empty) and not (
        "\nReturns\n---" in doc or "\nYields\n---" in doc
    ):
        missing.append("Returns")
    return missing


#: Functions documented before this test, in prose only, without the two sections (found
#: 2026-12-02; the arithmetic is other engineers' work in progress). The list may only
#: shrink: a function that gains its sections must leave it (the last test says so).
KNOWN_GAPS = {
    "numtheory.bigomega": ["Parameters", "Returns"],
    "numtheory.carmichael_lambda": ["Parameters"],
    "numtheory.certify_exp_taylor_positive": ["Parameters", "Returns"],
    "numtheory.divisor_count": ["Parameters"],
    "numtheory.divisors": ["Parameters"],
    "numtheory.gamma_fourier": ["Returns"],
    "numtheory.guessing.spare_terms": ["Parameters", "Returns"],
    "numtheory.integer_nthroot": ["Parameters", "Returns"],
    "numtheory.inverse_mod": ["Parameters"],
    "numtheory.kronecker": ["Parameters"],
    "numtheory.legendre": ["Parameters"],
    "numtheory.loggamma": ["Parameters", "Returns"],
    "numtheory.mitchell_divide": ["Parameters", "Returns"],
    "numtheory.mitchell_relative_error": ["Parameters", "Returns"],
    "numtheory.mobius": ["Parameters", "Returns"],
    "numtheory.numerics.check_dps": ["Parameters", "Returns"],
    "numtheory.numerics.exact_number": ["Parameters", "Returns"],
    "numtheory.numerics.mitchell_log2": ["Parameters", "Returns"],
    "numtheory.omega": ["Parameters", "Returns"],
    "numtheory.plotting.cached_bfile": ["Parameters", "Returns"],
    "numtheory.plotting.check_plot_path": ["Parameters", "Returns"],
    "numtheory.plotting.require_matplotlib": ["Returns"],
    "numtheory.plotting.save_figure": ["Parameters", "Returns"],
    "numtheory.plotting.use_log_scale": ["Parameters", "Returns"],
    "numtheory.radical": ["Parameters", "Returns"],
    "numtheory.random_angle_mean": ["Parameters", "Returns"],
    "numtheory.random_angle_variance": ["Returns"],
    "numtheory.rgamma": ["Parameters", "Returns"],
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_public_function_documents_its_parameters_and_result(name: str) -> None:
    missing = _missing_sections(FUNCTIONS[name])
    known = KNOWN_GAPS.get(name, [])
    assert missing == known, (
        f"{name}: lacks {sorted(set(missing) - set(known))}"
        if not set(missing) <= set(known)
        else f"{name} now has {sorted(set(known) - set(missing))}: update KNOWN_GAPS"
    )


def test_the_ratchet_fails_both_ways() -> None:
    # the comparison above is exact: a new gap fails, and so does a stale entry
    def prose_only(n: int) -> int:
        """Twice ``n``.

        Examples
        --------
        >>> prose_only(2)
        4
        """
        return 2 * n

    assert _missing_sections(prose_only) == ["Parameters", "Returns"]
    assert _missing_sections(FUNCTIONS["numtheory.oeis.search"]) == []
    assert all(_missing_sections(FUNCTIONS[name]) for name in KNOWN_GAPS)


def test_the_known_gaps_are_public_functions() -> None:
    assert set(KNOWN_GAPS) <= set(FUNCTIONS)


#: Public classes whose docstring has no Examples section (found 2026-12-02; most show their
#: use in the README instead). May only shrink, as KNOWN_GAPS: a new public class arrives with
#: an example, and one that gains its section must leave this set.
CLASSES_WITHOUT_EXAMPLES = {
    "numtheory.Guess",
    "numtheory.QuadraticIrrational",
    "numtheory.numerics.TaylorCoefficients",
    "numtheory.oeis.Explanation",
    "numtheory.oeis.Explanations",
    "numtheory.oeis.Mirror",
    "numtheory.oeis.MirrorStatus",
    "numtheory.oeis.OEISClient",
    "numtheory.oeis.ResponseCache",
    "numtheory.oeis.Sequence",
    "numtheory.retry.Attempt",
    "numtheory.retry.RetryEvent",
    "numtheory.retry.RetryPolicy",
    "numtheory.verify.Audit",
    "numtheory.verify.Check",
    "numtheory.verify.CheckResult",
    "numtheory.verify.ChunkResult",
    "numtheory.verify.Report",
}


def test_the_walk_finds_the_public_classes() -> None:
    assert "numtheory.oeis.Matches" in CLASSES and "numtheory.verify.Report" in CLASSES
    assert not any(issubclass(cls, BaseException) for cls in CLASSES.values())


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_a_public_class_has_an_examples_section(name: str) -> None:
    body = examples_of(CLASSES[name])
    has = body is not None and ">>> " in body
    expected = name not in CLASSES_WITHOUT_EXAMPLES
    assert has == expected, (
        f"{name}: no numpydoc 'Examples' section with a doctest"
        if expected
        else f"{name} now has an Examples section: take it out of CLASSES_WITHOUT_EXAMPLES"
    )


def test_the_classes_without_examples_are_public_classes() -> None:
    assert not CLASSES_WITHOUT_EXAMPLES - set(CLASSES)
