"""The four faces of every result object (issue 16): repr, str, _repr_pretty_, _repr_html_.

Sequence, Lookup and Matches (search answers), Explanation(s) (identify), Guess, CheckResult
and Report (verify), MirrorStatus. Each repr is one short line with the empty fields left out;
big integers are whole or visibly elided (checked against ``str``, an independent writer);
every piece of data is HTML-escaped (checked by parsing the HTML: no tag but the builder's);
the dataclasses' fields, equality and JSON forms are unchanged. The real notebook run is in
``tests/notebook/test_reprs_notebook.py``.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from numtheory import _display, guess, oeis
from numtheory.errors import GuessExtendError
from numtheory.guessing import Guess
from numtheory.oeis import Explanation, Explanations, Lookup, MirrorStatus, Sequence
from numtheory.oeis.fallback import Matches
from numtheory.verify import CheckResult
from numtheory.verify.runner import Report
from tests.guessing import sequences as seqs

ROOT = Path(__file__).resolve().parents[1]
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)> & "q"'
#: Every tag the builders in numtheory._display write; anything else came from data.
TAGS = {"div", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "b", "ul", "li"}


class Page(HTMLParser):
    """What a browser would see: the tags, the links, the text of every cell."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.links: dict[str, str] = {}  # link text -> href
        self.cells: list[str] = []  # the text of each th/td, in order
        self.text: list[str] = []
        self._href: str | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, _ in attrs:
            assert name in ("href", "target", "rel", "style", "class"), name
        if tag == "a":
            self._href = dict(attrs)["href"]
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._href is not None:
            self.links[data] = self._href
            self._href = None


def page(obj: Any) -> Page:
    found = Page(obj._repr_html_())
    assert found.tags <= TAGS, found.tags - TAGS
    return found


def row(found: Page, label: str) -> str:
    """The cell after the header cell ``label`` (a two-column table)."""
    return found.cells[found.cells.index(label) + 1]


class Printer:
    """The part of IPython's RepresentationPrinter that ``_repr_pretty_`` may use."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def text(self, text: str) -> None:
        self.out.append(text)


def pretty(obj: Any, cycle: bool = False) -> str:
    p = Printer()
    obj._repr_pretty_(p, cycle)
    return "".join(p.out)


def assert_short(text: str) -> None:
    assert "\n" not in text and len(text) <= _display.REPR_LIMIT + 20, text
    assert text.startswith("<") and text.endswith(">")
    assert "None" not in text and "()" not in text  # empty fields are left out


def fib() -> Sequence:
    return oeis.get("A000045", offline=True)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")


# -- the shared pieces -------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [1, 40, 41, 1000, 5000])
def test_big_integers_are_whole_or_visibly_elided(digits: int) -> None:
    n = -(10 ** (digits - 1) + 12345678901234567 * (digits > 20))
    whole = str(n)  # CPython's writer: independent of the GMP path above 1,200 digits
    shown = _display.short_int(n)
    if digits <= 40:
        assert shown == whole
    else:
        head, count, tail = shown.split(_display.ELLIPSIS)
        assert head == whole[:11] and tail == whole[-10:]  # the sign, then 10 digits each side
        assert count == f"({digits} digits)"
    assert _display.decimal(n) == whole


def test_terms_say_how_many_are_left_out() -> None:
    assert _display.terms_text([1, 2, 6]) == "1, 2, 6"
    assert _display.terms_text(range(100), count=3) == f"0, 1, 2, {_display.ELLIPSIS} (100 terms)"
    # a width too small for even one term still shows it whole
    assert _display.terms_text([10**19], width=5) == str(10**19)
    assert _display.terms_text([], total=5) == f"{_display.ELLIPSIS} (5 terms)"


def test_escaping_and_links() -> None:
    assert "<" not in _display.esc(EVIL) and ">" not in _display.esc(EVIL)
    assert _display.esc(_display.esc("<b>")) == "&lt;b&gt;"  # Html is not escaped twice
    assert _display.link("javascript:alert(1)", "x") == "x"  # only http(s) becomes a link
    found = Page(_display.linked(f"see A000120 and https://example.org/a?b=1&c=2. {EVIL}"))
    assert found.tags == {"a"}
    assert found.links == {
        "A000120": "https://oeis.org/A000120",
        "https://example.org/a?b=1&c=2": "https://example.org/a?b=1&c=2",
    }
    assert EVIL in "".join(found.text)


def test_wrap_never_breaks_a_number() -> None:
    big = "9" * 120
    lines = _display.wrap("terms", f"1, 2, {big}, 3", width=40)
    assert lines == ["terms:      1, 2,", f"            {big},", "            3"]


# -- Sequence ------------------------------------------------------------------------------------


def test_sequence_repr_is_short_and_leaves_out_empty_fields() -> None:
    seq = fib()
    text = repr(seq)
    assert_short(text)
    assert text.startswith("<Sequence A000045 'Fibonacci numbers")
    assert "0, 1, 1, 2, 3, 5, 8, 13, " in text and f"({len(seq.terms)} terms)" in text
    assert "offset=0" in text and "source='catalogue'" in text
    assert "comments" not in text and "first_big" not in text
    bare = Sequence(number=7, name="x", terms=(1, 2))
    assert repr(bare) == "<Sequence A000007 'x': 1, 2>"


def test_a_huge_entry_has_a_short_repr() -> None:
    big = 7 * 10**999 + 1
    seq = Sequence(number=1, name="n" * 5000 + "\nsecond line", terms=(big,) * 50)
    text = repr(seq)
    assert_short(text)
    assert f"700000{_display.ELLIPSIS}(1000 digits){_display.ELLIPSIS}000001" in text
    assert "(50 terms)" in text
    # str: the whole name, every term visibly elided, never cut silently
    full = str(seq)
    assert "n" * 5000 in full.replace("\n", "").replace(" ", "")
    assert full.count("(1000 digits)") >= 10 and str(big) not in full


def test_repr_works_under_the_default_int_digit_limit() -> None:
    """A Jupyter kernel keeps CPython's 4,300-digit str() limit (the tests lift it)."""
    seq = Sequence(number=1, name="big", terms=(3**20000,))
    nested = {"summary": "x", "first_counterexample": {"n": 3, "got": [1, {"a": 3**20000}]}}
    check = CheckResult(name="c", claim="x", passed=False, detail=nested)
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)
    try:
        views = [repr(seq), seq._repr_html_(), str(check), check._repr_html_()]
        views += [repr(Report([check])), Report([check])._repr_html_()]
    finally:
        sys.set_int_max_str_digits(old)
    assert all("(9543 digits)" in view for view in views)  # len(str(3**20000)) == 9543
    assert len(str(3**20000)) == 9543


def test_sequence_str_is_readable() -> None:
    seq = fib()
    lines = str(seq).splitlines()
    assert lines[0] == f"A000045  {seq.name}"
    assert "terms:      0, 1, 1, 2, 3, 5, 8," in lines[1]
    text = str(seq)
    assert all(str(t) in text for t in seq.terms)  # the data line, whole
    assert "offset:     0" in lines and "url:        https://oeis.org/A000045" in lines
    assert "author" not in text and "None" not in text
    assert max(len(line) for line in lines) <= _display.WIDTH


def test_sequence_html_table_links_and_escapes() -> None:
    seq = fib()
    found = page(seq)
    assert found.links["A000045"] == "https://oeis.org/A000045"
    assert row(found, "name") == seq.name
    assert row(found, "terms") == ", ".join(map(str, seq.terms))
    assert row(found, "source") == "catalogue" and row(found, "offset") == "0"
    assert "author" not in found.cells  # empty fields are left out
    evil = Sequence(
        number=1, name=EVIL, terms=(1,), keywords=(EVIL,), author=EVIL, extra={"source": EVIL}
    )
    found = page(evil)
    assert row(found, "name") == row(found, "author") == EVIL  # shown as text, not markup
    assert "script" not in found.tags and "img" not in found.tags
    assert row(found, "source") == EVIL


def test_sequence_pretty_and_cycle() -> None:
    seq = fib()
    assert pretty(seq) == repr(seq)
    assert pretty(seq, cycle=True) == f"<Sequence {_display.ELLIPSIS}>"


def test_dataclass_fields_equality_and_json_are_unchanged() -> None:
    seq = fib()
    names = [f.name for f in dataclasses.fields(Sequence)]
    assert names[:4] == ["number", "name", "terms", "offset"] and len(names) == 23
    again = dataclasses.replace(seq, extra={})  # extra takes no part in ==
    assert again == seq and hash(again) == hash(seq)
    assert dataclasses.replace(seq, terms=seq.terms[:-1]) != seq
    assert seq.to_json() == {
        "id": "A000045", "number": 45, "name": seq.name, "terms": list(seq.terms),
        "offset": 0, "keywords": list(seq.keywords or ()), "url": "https://oeis.org/A000045",
    }  # fmt: skip
    a = CheckResult(name="c", claim="x", passed=True, detail={"summary": "s"})
    assert a == CheckResult(name="c", claim="x", passed=True, detail={"summary": "s"})
    assert Report([a], 1.0) == Report([a], 1.0) and Report([a], 1.0) != Report([], 1.0)
    g = guess(seqs.fibonacci(20))[0]
    assert g == dataclasses.replace(g, terms=())  # terms take no part in ==, as before
    assert json.loads(json.dumps(g.to_json()))["conjecture"] is True
    assert MirrorStatus(path="p", exists=False) == MirrorStatus(path="p", exists=False)


# -- search answers ----------------------------------------------------------------------------


def test_lookup_and_matches_views() -> None:
    answer = oeis.lookup([1, 2, 6, 20], offline=True)
    text = repr(answer)
    assert_short(text)
    assert text.startswith("<Lookup '1, 2, 6, 20': ")
    assert "A000984" in text and "source='catalogue'" in text
    found = oeis.search([1, 2, 6, 20], offline=True)
    assert isinstance(found, Matches) and found == list(answer.results)  # still a plain list
    assert repr(found) == "<Matches" + text.removeprefix("<Lookup")
    assert str(found).splitlines()[1].startswith("A000984  Central binomial")
    html = page(found)
    assert html.links["A000984"] == "https://oeis.org/A000984"
    assert "1, 2, 6, 20, 70, 252" in html.cells[html.cells.index("A000984") + 2]
    assert pretty(found, cycle=True) == f"<Matches {_display.ELLIPSIS}>"


def test_matches_keep_the_notes_and_show_them_in_every_view() -> None:
    # Matches dropped its Lookup's notes: a search never said that it answered offline
    answer = oeis.lookup([1, 2, 6, 20], offline=True)
    found = oeis.search([1, 2, 6, 20], offline=True)
    assert answer.notes == ("offline: answered from the local catalogue",)
    assert found.notes == answer.notes and found.warnings == answer.warnings == ()
    assert repr(found).endswith("source='catalogue'; 1 note>")
    assert str(found).splitlines()[-1] == "note: offline: answered from the local catalogue"
    assert str(found) == str(answer)
    assert "offline: answered from the local catalogue" in page(found).text
    assert pretty(found) == repr(found)


def test_answer_counts_and_warnings() -> None:
    seq = Sequence(number=1, name=EVIL, terms=(1, 2))
    many = Lookup(query="1,2", results=(seq,) * 10, source="mirror", total=117, start=10)
    assert "matches 11-20 of 117" in repr(many)
    assert f"A000001, {_display.ELLIPSIS}" in repr(many)  # five ids shown, then the mark
    none = Lookup(query="1,2", results=(), source="network", total=0, warnings=(EVIL,))
    assert repr(none) == "<Lookup '1,2': no match; source='network'; 1 warning>"
    assert str(none).splitlines() == ["1,2: no match, from the OEIS", f"note: {EVIL}"]
    found = page(none)
    assert EVIL in found.text and "script" not in found.tags
    found = page(many)
    assert found.cells.count(EVIL) == 10


# -- identify ----------------------------------------------------------------------------------


def test_explanations_views() -> None:
    found = oeis.identify([1, 2, 5, 15, 51, 188, 731, 2950], offline=True)
    assert isinstance(found, Explanations) and found
    text = repr(found)
    assert_short(text)
    assert text.startswith(f"<Explanations {len(found)} found: A000108 (inverse_binomial)")
    best = found[0]
    assert_short(repr(best))
    assert repr(best).startswith("<Explanation A000108: 'Binomial transform of A000108")
    assert "8 terms agree" in repr(best)
    assert str(found).splitlines()[0] == f" 1. {best.description}"
    html = page(found)
    assert html.links["A000108"] == "https://oeis.org/A000108"
    assert set(found.notes) <= set(html.text)
    html = page(best)
    assert row(html, "transforms") == "inverse_binomial"
    assert row(html, "terms").startswith("1, 1, 2, 5, 14, 42, 132, 429")


def test_explanation_of_a_guess_and_escaping() -> None:
    bare = Explanation(
        sequence=None, transforms=("guess",), description=EVIL, matched=9, source="guess",
        conjecture=True,
    )  # fmt: skip
    text = repr(bare)
    assert text.startswith("<Explanation guess: ") and text.endswith("conjecture>")
    html = page(Explanations([bare], notes=[EVIL]))
    assert html.cells.count(EVIL) == 1 and EVIL in html.text
    assert "script" not in html.tags and "img" not in html.tags
    assert repr(Explanations([])) == "<Explanations 0 found>"


# -- Guess ---------------------------------------------------------------------------------------


def test_guess_views() -> None:
    terms = seqs.motzkin(20)
    g = guess(terms)[0]
    text = repr(g)
    assert_short(text)
    assert text.startswith("<Guess p-recursive order 2, degree 1: (n + 4)*a(n+2)")
    assert text.endswith("fitted on 7 terms, confirmed by 13 more; a conjecture>")
    assert str(g) == g.text(5)
    found = page(g)
    nxt = seqs.motzkin(25)[20:]  # from the definition, not from the recurrence
    assert row(found, "next terms") == ", ".join(map(str, nxt))
    assert row(found, "relation") == g.equation and "&" not in row(found, "relation")
    assert row(found, "evidence") == "conjecture: fitted on 7 terms, confirmed by 13 more"
    assert row(found, "from terms").startswith("1, 1, 2, 4, 9, 21")
    assert "generating function" not in found.cells  # a P-recursive guess has none here
    assert pretty(g) == text


def test_guess_that_cannot_extend_says_so() -> None:
    # (n - 1) a(n+1) = ... : the leading coefficient vanishes at n = 1, the next term unknown
    g = Guess(
        kind="hypergeometric", order=1, degree=1, coefficients=((0, 1), (1, -1)),
        initial=(1,), offset=0, fitted=2, confirmed=0, terms=(1,),
    )  # fmt: skip
    with pytest.raises(GuessExtendError):
        g.extend(5)
    assert row(page(g), "next terms").startswith("unavailable (")
    assert repr(g) == (
        "<Guess hypergeometric order 1, degree 1: fitted on 2 terms, confirmed by 0 more; "
        "a conjecture>"
    )


def test_guess_big_terms_are_elided() -> None:
    g = guess([2 ** (2000 + 64 * n) for n in range(12)])[0]
    nxt = g.extend(5)
    assert nxt[0] == 2 ** (2000 + 64 * 12)
    digits = len(str(nxt[0]))
    cell = row(page(g), "next terms")
    assert f"({digits} digits)" in cell and str(nxt[0])[:20] in cell
    assert str(nxt[0]) not in str(g) and f"({digits} digits)" in str(g)


# -- verify ----------------------------------------------------------------------------------


def failing() -> CheckResult:
    return CheckResult(
        name="euler-41",
        claim="n^2 + n + 41 is prime",
        passed=False,
        detail={
            "summary": "101 cases for n = 0..100: 14 failed, first counterexample at n = 40",
            "checked": 101,
            "failures": 14,
            "first_counterexample": {"n": 40, "value": 41**2},
        },
        seconds=0.25,
        params={"start": 0, "upto": 100},
        source="Euler 1772; OEIS A005846",
    )


def test_check_result_views() -> None:
    bad = failing()
    text = repr(bad)
    assert_short(text)
    assert text == (
        "<CheckResult 'euler-41' FAIL: 101 cases for n = 0..100: 14 failed, first "
        "counterexample at n = 40; 0.25 s>"
    )
    lines = str(bad).splitlines()
    assert lines[0] == "FAIL  euler-41  (0.25 s)"
    assert "first counterexample: n = 40, value = 1681" in lines
    found = page(bad)
    assert row(found, "result") == "FAIL" and row(found, "failures") == "14"
    assert row(found, "cases") == "101"
    assert row(found, "first counterexample") == "n = 40, value = 1681"
    assert found.links["A005846"] == "https://oeis.org/A005846"  # the source's A-number
    ok = CheckResult(name="c", claim="x", passed=True, detail={"summary": "all hold"})
    assert repr(ok) == "<CheckResult 'c' PASS: all hold; 0.00 s>"
    assert "first counterexample" not in page(ok).cells and "source" not in page(ok).cells


def test_report_views() -> None:
    ok = CheckResult(name="mitchell", claim="x", passed=True, detail={"summary": "fine"})
    report = Report([ok, failing()], seconds=1.25)
    text = repr(report)
    assert_short(text)
    assert text == (
        "<Report FAIL: 2 checks: 1 passed, 1 failed in 1.2 s; first failure: 'euler-41' at "
        "n = 40, value = 1681>"
    )
    lines = str(report).splitlines()
    assert lines[0] == "PASS  mitchell  0.00 s  fine"
    assert lines[-2:] == [
        "      first counterexample: n = 40, value = 1681",
        "2 checks: 1 passed, 1 failed in 1.2 s",
    ]
    found = page(report)
    assert found.text[0] == "FAIL" and "2 checks: 1 passed, 1 failed" in found.text[1]
    header = ["result", "check", "cases", "failures", "first counterexample", "evidence", "time"]
    assert found.cells[:7] == header
    assert found.cells[14:20] == ["FAIL", "euler-41", "101", "14", "n = 40, value = 1681",
                                  failing().summary]  # fmt: skip
    assert repr(Report([ok], 0.5)) == "<Report PASS: 1 check: 1 passed, 0 failed in 0.5 s>"
    assert pretty(report, cycle=True) == f"<Report {_display.ELLIPSIS}>"


def test_user_check_text_is_escaped() -> None:
    evil = CheckResult(
        name=EVIL, claim=EVIL, passed=False, detail={"summary": EVIL,
        "first_counterexample": {"n": 3, "why": EVIL}}, params={"x": EVIL}, source=EVIL,
    )  # fmt: skip
    for obj in (evil, Report([evil])):
        found = page(obj)
        assert "script" not in found.tags and "img" not in found.tags
        assert EVIL in found.text
        assert_short(repr(obj))


# -- mirror status --------------------------------------------------------------------------------


def test_mirror_status_views(tmp_path: Path) -> None:
    missing = oeis.mirror_status(tmp_path / "none.sqlite")
    assert repr(missing) == f"<MirrorStatus {str(tmp_path / 'none.sqlite')!r}: no mirror>"
    assert "no mirror" in row(page(missing), "status")
    sound = MirrorStatus(
        path="/m/mirror.sqlite", exists=True, sequences=372_345, names=372_345,
        dump_date="2026-11-30", built_at="2026-12-01T10:00:00Z", source="https://oeis.org",
        size_bytes=21_300_000, build_seconds=12.3, format_version="2",
    )  # fmt: skip
    assert repr(sound) == (
        "<MirrorStatus '/m/mirror.sqlite': 372,345 sequences; dump 2026-11-30; 20.3 MiB>"
    )
    assert "sequences:  372,345 (372,345 names)" in str(sound).splitlines()
    found = page(sound)
    assert row(found, "size") == "20.3 MiB (21,300,000 bytes)"
    assert row(found, "built") == "2026-12-01T10:00:00Z from https://oeis.org in 12.3 s"
    # a mirror of one sequence (build_mirror's doctest) said "1 sequences"
    one = MirrorStatus(path="/m/one", exists=True, sequences=1, names=1, size_bytes=2048)
    assert repr(one) == "<MirrorStatus '/m/one': 1 sequence; 2.0 KiB>"
    bad = MirrorStatus(path="/m/x", exists=True, size_bytes=2048, damage=EVIL)
    assert repr(bad).startswith("<MirrorStatus '/m/x': DAMAGED: <script>")
    found = page(bad)
    assert row(found, "DAMAGED") == EVIL and "sequences" not in found.cells


def test_reprs_load_no_heavy_library() -> None:
    """The reprs need neither IPython nor GMP for ordinary numbers (a subprocess, ~0.3 s)."""
    script = (
        "import sys\n"
        "names = ('IPython', 'gmpy2', 'flint', 'mpmath')\n"
        "heavy = lambda: sorted(m for m in names if m in sys.modules)\n"
        "from numtheory.oeis.model import Lookup, Sequence\n"
        "s = Sequence(number=45, name='x', terms=(1, 2, 10**100))\n"
        "a = Lookup(query='1,2', results=(s,), source='mirror')\n"
        "parts = [repr(s), str(s), s._repr_html_(), repr(a), str(a), a._repr_html_()]\n"
        "print(heavy())\n"
        "from numtheory.verify.result import CheckResult\n"  # verify itself loads GMP, mpmath
        "c = CheckResult(name='c', claim='x', passed=True)\n"
        "parts = [repr(c), str(c), c._repr_html_()]\n"
        "print('IPython' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["[]", "False"]
