"""The HTML reprs in a real Jupyter notebook run (issue 16): nbclient with the ipykernel kernel.

The notebook is built here with nbformat and executed in a fresh kernel running this
interpreter, offline, with a private cache directory: ``import numtheory as nt``, a catalogue
entry, a search, an identification, a guess, a verify report (one check failing), the mirror's
status, and an entry whose name is markup and whose term has 9,543 digits (a kernel keeps
CPython's 4,300-digit ``str`` limit). Each cell's result must carry ``text/plain`` (the short
repr, the same as this process computes) and ``text/html`` (parsed: the table cells, the links
to oeis.org, nothing unescaped). In the default run: about 1.5 s of CPU, the kernel's
included (0.2 s here, 1.3 s in the kernel), though 5-9 s of wall time while the kernel starts
(measured at load average 9 on the 2-core machine).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from numtheory import guess, oeis
from tests.test_reprs import Page, row
from tests.verify.test_notebook import run_notebook

ROOT = Path(__file__).resolve().parents[2]

CELLS = [
    "import numtheory as nt\nfrom numtheory import oeis, verify\nprint(nt.__file__)",
    "seq = oeis.get('A000045')\nseq",
    "oeis.search([1, 2, 6, 20])",
    "oeis.identify([1, 2, 5, 15, 51, 188, 731, 2950])",
    "g = nt.guess([1, 1, 2, 4, 9, 21, 51, 127, 323, 835, 2188, 5798, 15511, 41835])[0]\ng",
    (
        "@verify.range_check('euler-41-nb', claim='n^2 + n + 41 is prime <always>', start=0,\n"
        "                    upto=100, chunk_size=50)\n"
        "def euler(m):\n"
        "    return nt.is_prime(m * m + m + 41)\n"
        "report = verify.run(['euler-41-nb', 'mitchell'], workers=1,\n"
        "                    check_params={'mitchell': {'grid': 12}})\n"
        "report"
    ),
    "report['euler-41-nb']",
    "oeis.mirror_status()",
    "oeis.Sequence(number=1, name='<script>alert(1)</script>', terms=(3**20000,))",
    "nt.totient(0)",
]


def result(cell: Any) -> tuple[str, Page]:
    """The cell's ``text/plain`` and its parsed ``text/html``; no error, no other output."""
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert errors == [], errors
    results = [o for o in cell.outputs if o.output_type == "execute_result"]
    assert len(results) == 1, cell.outputs
    data = results[0]["data"]
    assert set(data) == {"text/plain", "text/html"}, set(data)
    page = Page(data["text/html"])
    assert page.tags <= {"div", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "b"} | {
        "ul", "li"
    }  # fmt: skip
    return data["text/plain"], page


def composites(upto: int) -> int:
    """How many n in 0..upto make n^2 + n + 41 composite (trial division, independent)."""

    def prime(m: int) -> bool:
        return m > 1 and all(m % d for d in range(2, int(m**0.5) + 1))

    return sum(not prime(n * n + n + 41) for n in range(upto + 1))


def test_issue_16_html_reprs_in_a_real_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # this worktree's numtheory in the kernel
    nb = run_notebook(tmp_path, CELLS, monkeypatch)
    cells = nb.cells
    printed = "".join(o.get("text", "") for o in cells[0].outputs)
    assert Path(printed.strip()).is_relative_to(ROOT), printed

    # a catalogue entry: the short repr, and a table with its A-number linked
    plain, page = result(cells[1])
    seq = oeis.get("A000045", offline=True)
    assert plain == repr(seq)
    assert plain.startswith("<Sequence A000045 'Fibonacci numbers") and "\n" not in plain
    assert page.links["A000045"] == "https://oeis.org/A000045"
    assert row(page, "name") == seq.name
    assert row(page, "terms").startswith("0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144")
    assert row(page, "source") == "catalogue"

    # a search: one row per match, linked
    plain, page = result(cells[2])
    assert plain.startswith("<Matches '1, 2, 6, 20': ") and "A000984" in plain
    assert page.links["A000984"] == "https://oeis.org/A000984"
    assert page.cells[:3] == ["A-number", "name", "terms"]
    # where the answer came from: a search dropped its notes, so the offline note never showed
    assert plain.endswith("source='catalogue'; 1 note>")
    assert "offline: answered from the local catalogue" in page.text

    # identify: the explanations, best first
    plain, page = result(cells[3])
    assert plain.startswith("<Explanations ") and "A000108 (inverse_binomial)" in plain
    assert page.links["A000108"] == "https://oeis.org/A000108"

    # a guess: the relation, the next terms (from the definition: Motzkin numbers)
    plain, page = result(cells[4])
    terms = [1, 1, 2, 4, 9, 21, 51, 127, 323, 835, 2188, 5798, 15511, 41835]
    assert plain == repr(guess(terms)[0])
    assert (
        row(page, "relation") == "(n + 4)*a(n+2) - (2*n + 5)*a(n+1) - (3*n + 3)*a(n) = 0 for n >= 0"
    )
    assert row(page, "next terms") == "113634, 310572, 853467, 2356779, 6536382"
    assert "a conjecture" in row(page, "guess")

    # the verify report: FAIL, the counts, the first counterexample
    failed = composites(100)
    plain, page = result(cells[5])
    assert re.fullmatch(
        r"<Report FAIL: 2 checks: 1 passed, 1 failed in [\d.]+ s; "
        r"first failure: 'euler-41-nb' at n = 40>",
        plain,
    ), plain
    assert page.text[0] == "FAIL"
    at = page.cells.index("euler-41-nb")
    assert page.cells[at - 1 : at + 4] == ["FAIL", "euler-41-nb", "101", str(failed), "n = 40"]
    assert page.cells[page.cells.index("mitchell") - 1] == "PASS"
    plain, page = result(cells[6])
    assert plain.startswith("<CheckResult 'euler-41-nb' FAIL: 101 cases for n = 0..100: ")
    assert row(page, "claim") == "n^2 + n + 41 is prime <always>"  # escaped, shown as text
    assert row(page, "first counterexample") == "n = 40"

    # the mirror's status (none in the private cache)
    plain, page = result(cells[7])
    assert plain.endswith(": no mirror>") and "no mirror" in row(page, "status")

    # markup in a name stays text; a 9,543-digit term is elided (len(str(3**20000)) == 9543)
    plain, page = result(cells[8])
    assert "(9543 digits)" in plain and "(9543 digits)" in row(page, "terms")
    assert row(page, "name") == "<script>alert(1)</script>" and "script" not in page.tags

    # an error is one clear message: the class and the rule with the value, no chained traceback
    (error,) = [o for o in cells[9].outputs if o.output_type == "error"]
    assert (error.ename, error.evalue) == ("InputError", "totient() needs n >= 1, got 0")
    shown = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback))
    assert shown.rstrip().endswith("InputError: totient() needs n >= 1, got 0")
    assert "During handling" not in shown and "direct cause" not in shown
