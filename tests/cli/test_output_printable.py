"""printable() and the JSON writers: terminal controls made inert, nothing else changed.

Review of the netfaults branch: the escaping must leave real OEIS text alone (accents, Greek,
CJK, mathematical symbols, TeX backslashes) and read back one way (a literal ``\\x1b`` in a
name must not look like an escaped ESC); ``--json`` output must stay the same JSON value and
carry no raw C1 control, bidi override or lone surrogate (json.dumps escapes only C0).
"""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory.cli._output import Output, dumps, printable

#: Everything a terminal could act on, as the tests see it (written independently of the
#: module's own pattern): C0 but tab/newline, DEL, C1, bidi overrides/isolates, surrogates.
TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ESCAPED = re.compile(r"(\\+)(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def unescape(shown: str) -> str:
    """The reading rule printable() documents: ``\\xHH``/``\\uHHHH`` after an odd number of
    backslashes is an escape, after an even number literal text, one backslash per pair."""

    def one(match: re.Match[str]) -> str:
        run, code = match.group(1), match.group(2)
        if len(run) % 2:
            return "\\" * (len(run) // 2) + chr(int(code[1:], 16))
        return "\\" * (len(run) // 2) + code

    return _ESCAPED.sub(one, shown)


# text with many backslashes, x/u and hex digits next to controls: the hard cases
_tricky = st.text(
    alphabet=st.sampled_from(list("\\xu0123456789abcdefABCDEF \t\n\x1b\x07\r\x9b\u202e\ud800")),
    max_size=40,
)


@given(st.one_of(st.text(max_size=60), _tricky))
def test_printable_reads_back_to_the_original_and_is_inert(text: str) -> None:
    shown = printable(text)
    assert TERMINAL.search(shown) is None
    assert unescape(shown) == text


@given(
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "M", "N", "P", "S", "Zs"),
            blacklist_characters="\\",
        ),
        max_size=60,
    )
)
def test_printable_keeps_ordinary_text_unchanged(text: str) -> None:
    assert printable(text) == text


@pytest.mark.parametrize(
    "name",
    [
        "Nombres de Catalan: C(n) = binomial(2n,n)/(n+1), Schröder, Erdős, Möbius μ(n).",
        "Coefficients of Π_{k≥1} 1/(1-x^k); ζ(2) = π²/6 ≈ 1.6449; ∑ ∫ √ ∞ ≤ ≠ ∈ ℤ ℕ 𝔽_p.",
        "中央二項係数; 카탈란 수; números de Catalán; Каталана; קטלן.",
        r"a(n) = Sum_{k=0..n} \binom{n}{k}; Mathematica: Table[x\[Alpha], {n, 9}]; TeX \\ \xi.",
    ],
)
def test_real_kinds_of_oeis_text_pass_unchanged(name: str) -> None:
    assert printable(name) == name


def test_a_literal_escape_text_is_told_apart_from_a_real_control() -> None:
    literal, real = 'print("\\x1b[31m")', 'print("\x1b[31m")'
    assert printable(literal) != printable(real)
    assert printable(literal) == 'print("\\\\x1b[31m")' and printable(real) == 'print("\\x1b[31m")'


def test_a_lone_surrogate_can_be_written_to_a_utf8_stream() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    stream.write(printable("bad \ud800 name"))  # would raise UnicodeEncodeError
    stream.flush()
    assert stream.buffer.getvalue() == b"bad \\ud800 name"  # type: ignore[attr-defined]


@given(st.text(max_size=60))
def test_json_output_is_the_same_value_and_inert(text: str) -> None:
    shown = dumps({"name": text, "n": 10**6000})
    assert TERMINAL.search(shown) is None
    assert json.loads(shown) == {"name": text, "n": 10**6000}


def test_json_errors_on_stderr_are_the_same_value_and_inert(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    out = Output(json_mode=True)
    message = "server said \x9b2J \u202eevil\u202c Erdős \ud800"
    out.error(message)
    out.finish(3)
    line = err.getvalue().strip()
    assert TERMINAL.search(line) is None and "Erdős" in line
    assert json.loads(line) == {"error": message, "exit_code": 3}


def test_a_line_break_inside_a_line_is_escaped_but_lines_stay_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out_stream)
    out = Output()
    out.result(["A000984  Central\nterms: 1, 2, 3", "terms: 1, 2, 6, 20", "a \\x0a b"], {})
    assert out_stream.getvalue().splitlines() == [
        "A000984  Central\\x0aterms: 1, 2, 3",
        "terms: 1, 2, 6, 20",
        "a \\\\x0a b",  # a literal '\x0a' stays told apart
    ]
    out_stream.seek(0), out_stream.truncate()
    assert out.lines(iter(["1 2", "3\n4", "5 6"])) == 3
    assert out_stream.getvalue() == "1 2\n3\\x0a4\n5 6\n"


@given(st.lists(st.text(max_size=20), max_size=6))
def test_one_line_printable_reads_back(lines: list[str]) -> None:
    shown = [printable(line, one_line=True) for line in lines]
    assert all("\n" not in s and TERMINAL.search(s) is None for s in shown)
    assert [unescape(s) for s in shown] == lines
