"""The reprs of issue 16 against hostile values (a review): evidence of any shape (cycles,
deep or wide nesting, huge fractions, sets and keys), fields of the wrong type, a report of
no checks, million-digit terms (a bounded number of digits written), and the CLI's numbers
written by the same rule as the reprs. Each test failed on the branch before the fixes.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

import pytest

from numtheory import _display
from numtheory.oeis import Explanation, Explanations, Lookup, Sequence
from numtheory.oeis.fallback import Matches
from numtheory.verify import CheckResult
from numtheory.verify.runner import Report
from tests.test_reprs import page, pretty, row


def hostile_values() -> dict[str, Any]:
    """Evidence a check may well return: a cycle, deep and wide nesting, a huge fraction, a
    set and a key of 9543 digits; each broke str() and _repr_html_ (or took 40 s, wide)."""
    loop: dict[str, Any] = {"n": 3}
    loop["self"] = loop
    deep: Any = 1
    for _ in range(2000):
        deep = [deep]
    wide: Any = 1
    for _ in range(6):
        wide = [wide] * 20  # 20**6 leaves: walking them all took 40 s
    huge = 3**20000  # len(str(huge)) == 9543
    return {
        "loop": loop, "deep": deep, "wide": wide, "fraction": Fraction(huge, 7),
        "set": {huge}, "key": {huge: "key"}, "list": [huge],
    }  # fmt: skip


def test_views_of_hostile_evidence_are_short_and_never_raise() -> None:
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)  # as in a kernel
    try:
        for label, value in hostile_values().items():
            detail = {"summary": "s", "failures": 3**20000, "error": value}
            detail["first_counterexample"] = {"n": 3, "v": value}
            bad = CheckResult(name="c", claim="x", passed=False, detail=detail)
            views = [str(bad), bad._repr_html_(), str(Report([bad])), Report([bad])._repr_html_()]
            assert all("not shown" not in view for view in views), label
            first = row(page(bad), "first counterexample")
            assert first.startswith("n = 3, v = ") and len(first) < 130, first
            assert row(page(bad), "failures").startswith("2661303427" + _display.ELLIPSIS)
            if label in ("fraction", "set", "key", "list"):
                assert "(9543 digits)" in first and "(9543 digits)" in row(page(bad), "error")
        big = CheckResult(name="c", claim="x", passed=True, detail={"summary": 3**20000})
        assert "(9543 digits)" in repr(big) and "(9543 digits)" in str(big)
    finally:
        sys.set_int_max_str_digits(old)
    values = _display.value_text
    loop = hostile_values()["loop"]
    assert values(loop, 100) == "{n: 3, self: {n: 3, self: {n: 3, self: {n: 3, self: {…}}}}}"
    assert values(loop) == "{n: 3, self: {n: 3, self: {n: 3, self: {n: 3, …}}}}"  # room left
    assert values([1, 2, 3]) == "[1, 2, 3]" and values((1,)) == "(1,)"
    text, mark = str(3**200), _display.ELLIPSIS
    assert values(Fraction(3**200, 7)) == f"{text[:10]}{mark}(96 digits){mark}{text[-10:]}/7"
    shown = values(list(range(100)))  # whole items, then the mark: no cut inside one
    assert len(shown) <= 65 and shown.endswith(f", {mark}]")
    assert shown[1:-4].split(", ") == [str(i) for i in range(len(shown[1:-4].split(", ")))]


def test_a_view_that_fails_anyway_says_so_and_escapes() -> None:
    """The backstop: fields of the wrong type (None everywhere) give a stand-in, not a
    traceback; HTML stays escaped."""
    broken: list[Any] = [
        CheckResult(name=None, claim=None, passed=None, detail=None, params=None),  # type: ignore[arg-type]
        Report(None),  # type: ignore[arg-type]
        Explanation(sequence=None, transforms=(), description=None, matched=None, source=None),  # type: ignore[arg-type]
        Matches.__new__(Matches),  # no attributes at all
    ]
    for obj in broken:
        kind = type(obj).__name__
        for text in (repr(obj), str(obj), pretty(obj)):
            assert text == repr(obj) or text.startswith(("<", kind)), text
        assert repr(obj).startswith(f"<{kind} (not shown: ")
        assert page(obj).tags == set() and f"&lt;{kind} (not shown: " in obj._repr_html_()
    # a missing name or terms is only left out
    assert repr(Sequence(number=1, name=None, terms=None)) == "<Sequence A000001 ''>"  # type: ignore[arg-type]
    assert "name" not in page(Sequence(number=1, name=None, terms=())).cells  # type: ignore[arg-type]


def test_a_report_of_no_checks_is_not_a_pass() -> None:
    empty = Report([], 0.0)
    assert repr(empty) == "<Report EMPTY: no checks in 0.0 s>"
    assert page(empty).text[0] == "EMPTY" and "PASS" not in empty._repr_html_()
    assert str(empty) == "no checks in 0.0 s"


def test_terms_of_a_view_cost_a_bounded_number_of_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each elided term is still written in full by GMP (0.1 s a million digits): a table of
    forty million-digit terms took 2.8 s of CPU. Past the budget the terms are counted only."""
    written: list[int] = []
    real = _display.decimal

    def counting(n: int) -> str:
        written.append(len(real(n)))
        return real(n)

    monkeypatch.setattr(_display, "decimal", counting)
    monkeypatch.setattr(_display, "DIGIT_BUDGET", 25_000)
    term = 10**9999 + 1  # 10,000 digits
    seq = Sequence(number=1, name="big", terms=(term,) * 100)
    for view in (repr, str, Sequence._repr_html_):
        written.clear()
        text = view(seq)
        assert sum(written) <= 30_000, (view, len(written))  # two terms and a half
        assert "(10000 digits)" in text and "(100 terms)" in text
    written.clear()
    assert _display.terms_text([term] * 3, width=10**6) == ", ".join(
        [_display.short_int(term, 20, 6)] * 2 + [f"{_display.ELLIPSIS} (3 terms)"]
    )


def test_the_cli_writes_numbers_and_sizes_by_the_same_rule() -> None:
    """One rule for an elided number (the CLI's, unchanged: the digit count has no comma)."""
    from numtheory.cli import _output, cmd_mirror

    for digits in (5, 40, 41, 999, 1000, 5000):
        n = -(10 ** (digits - 1)) - 7
        text = str(n).removeprefix("-")
        expected = str(n) if digits <= 40 else (
            f"-{text[:10]}{_display.ELLIPSIS}({digits} digits){_display.ELLIPSIS}{text[-10:]}"
        )  # fmt: skip
        assert _output.short_int(n) == _display.short_int(n) == expected
    assert _output.decimal is _display.decimal
    assert not hasattr(cmd_mirror, "_human")
    for size, shown in [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (21_300_000, "20.3 MiB")]:
        assert _display.size_text(size) == shown


def test_a_missing_source_is_left_out_of_a_repr() -> None:
    """The short repr leaves out empty fields: ``source=None`` was shown."""
    assert repr(Lookup(query="1,2", results=(), source=None)) == "<Lookup '1,2': no match>"  # type: ignore[arg-type]
    bare = Explanation(sequence=None, transforms=(), description="d", matched=4, source=None)  # type: ignore[arg-type]
    assert repr(bare) == "<Explanation guess: 'd'; 4 terms agree>"


def test_a_report_repr_never_cuts_inside_a_number() -> None:
    """The first counterexample was clipped to 60 characters after it was written:
    ``want = 100…``, a number cut. Now whole items, then a mark."""
    first = {"n": 40, "got": 10**50, "want": 10**50 + 1}
    bad = CheckResult(name="c", claim="x", passed=False, detail={"first_counterexample": first})
    mark = _display.ELLIPSIS
    got = f"1000000000{mark}(51 digits){mark}0000000000"
    assert repr(Report([bad])).endswith(f"first failure: 'c' at n = 40, got = {got}, {mark}>")


def test_clipped_text_is_never_cut_inside_a_number() -> None:
    """A search for many terms showed ``…, 184756, 70…`` (705432 cut); a summary with a long
    number was cut among its digits. Every number in a repr is now whole (or not shown)."""
    import re

    terms = [1, 2, 6, 20, 70, 252, 924, 3432, 12870, 48620, 184756, 705432, 2704156, 10400600]
    query = ", ".join(map(str, terms))
    answer = Lookup(query=query, results=(), source="mirror", terms=tuple(terms))
    number = str(7**200)  # 170 digits
    check = CheckResult(
        name="c", claim="x", passed=False, detail={"summary": f"failed at n = {number}"}
    )
    shown = re.findall(r"\d+", repr(answer))
    assert shown and set(shown) <= set(map(str, terms)), repr(answer)
    assert repr(check) == "<CheckResult 'c' FAIL: failed at n = …; 0.00 s>"


def test_nothing_found_is_said_also_with_notes() -> None:
    """``print(identify(...))`` with no explanation but a note printed only the note."""
    found = Explanations([], notes=["the mirror is not installed"])
    assert str(found).splitlines() == ["nothing found", "note: the mirror is not installed"]
    assert str(Explanations([])) == "nothing found"


def test_gmp_flint_and_numpy_integers_in_evidence_are_elided() -> None:
    """Checks compute with GMP and FLINT: an fmpz (no numbers.Integral) was written whole by
    its str and then clipped to a bare mark."""
    import flint
    import gmpy2
    import numpy

    n = 7**200
    for value in (gmpy2.mpz(n), flint.fmpz(n)):
        assert _display.value_text([value]) == f"[{_display.short_int(n)}]"
    assert _display.value_text(numpy.int64(-5)) == "-5"
    assert _display.value_text(gmpy2.mpq(n, 3)) == f"{_display.short_int(n)}/3"
