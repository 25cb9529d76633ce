"""numtheory.cli._args: integers, ranges and term lists as researchers type them."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory.cli._args import (
    MAX_EXPRESSION_CHARS,
    MAX_RESULT_BITS,
    MAX_TERMS_CHARS,
    IntExpressionError,
    int_arg,
    int_range_arg,
    parse_int,
    parse_int_list,
    parse_int_range,
    read_limited,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12345", 12345),
        ("1_000_000", 10**6),
        ("-7", -7),
        ("+7", 7),
        ("10**100", 10**100),
        ("2^64-1", 2**64 - 1),
        ("3*10**6", 3 * 10**6),
        ("(2**61-1)*(2**31-1)", (2**61 - 1) * (2**31 - 1)),
        ("10**3 + 7", 1007),
        ("100 // 7", 14),
        ("100 % 7", 2),
        (" 42 ", 42),
        ("-2^3", -8),
    ],
)
def test_parse_int(text: str, value: int) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1.5", "1e5", "2**-1", "10**10**10", "1/2", "1//0", "__import__('os')", "3_",
     "[1]", "x+1", "True"],
)  # fmt: skip
def test_parse_int_rejects(text: str) -> None:
    with pytest.raises(IntExpressionError):
        parse_int(text)


def test_int_arg_turns_errors_into_argparse_errors() -> None:
    assert int_arg("2^10") == 1024
    with pytest.raises(argparse.ArgumentTypeError, match="'x' is not an integer"):
        int_arg("x")


def test_ranges() -> None:
    assert parse_int_range("5") == range(5, 6)
    assert parse_int_range("1..99") == range(1, 100)
    assert parse_int_range("10**12..10**12+3") == range(10**12, 10**12 + 4)
    with pytest.raises(IntExpressionError, match="empty range"):
        parse_int_range("5..1")
    with pytest.raises(argparse.ArgumentTypeError):
        int_range_arg("1..x")
    assert int_range_arg("3..4") == range(3, 5)


def test_int_lists() -> None:
    assert parse_int_list("1,2,6,20") == [1, 2, 6, 20]
    assert parse_int_list("1 2 6 20") == [1, 2, 6, 20]
    assert parse_int_list(" 1, 2 ;6\n20 ") == [1, 2, 6, 20]
    assert parse_int_list("-1, 10000000000000000000000") == [-1, 10**22]
    with pytest.raises(IntExpressionError, match="'x'"):
        parse_int_list("1,2,x")
    with pytest.raises(IntExpressionError, match="no terms"):
        parse_int_list(" , ")


# -- issue 10: cost of evaluation bounded, long inputs refused at once, short excerpts ----------

_COSTLY = [
    "10**19000000",
    "3**64000000",  # passed the old bound: 64e6 * (bits(3) - 1) == 64e6
    "(10**4000000)//(10**2000000+1)",
    "(10**3000000)*(10**3000000)",  # a product of two powers that each pass
    "2**(10**400)",
    "2^2^2^2^2^2",
]

# One child process for all of them, with a timeout: the old code spent minutes in one C call.
_REFUSER = """
import sys
from numtheory.cli._args import parse_int
from numtheory.errors import InputError
for text in sys.argv[1:]:
    try:
        parse_int(text)
    except InputError as exc:
        print(exc)
    else:
        print("accepted", text)
"""


def test_costly_expressions_are_refused_before_they_are_computed() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _REFUSER, *_COSTLY], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr  # InputErrors (exit 2 wherever they escape)
    lines = proc.stdout.splitlines()
    assert len(lines) == len(_COSTLY)
    for text, line in zip(_COSTLY, lines, strict=True):
        assert line.startswith(f"{text!r} is too large to evaluate"), line
        assert "digits" in line and f"{MAX_RESULT_BITS:,} bits" in line


def test_the_ceiling_itself_is_allowed_and_exact() -> None:
    assert parse_int(f"2**{MAX_RESULT_BITS - 1}") == 1 << (MAX_RESULT_BITS - 1)
    assert parse_int(f"2**{MAX_RESULT_BITS - 1} - 1 + 1") == 1 << (MAX_RESULT_BITS - 1)
    with pytest.raises(IntExpressionError, match="too large"):
        parse_int(f"2**{MAX_RESULT_BITS}")
    assert parse_int("(-1)**(10**1000)") == 1 and parse_int("0**(10**100)") == 0


def test_many_operations_at_the_ceiling_exhaust_the_work_budget() -> None:
    # each term is allowed on its own; thirty of them are not
    with pytest.raises(IntExpressionError, match="operations together"):
        parse_int("+".join(["2**9000000"] * 30))


def test_long_sums_and_deep_parentheses_do_not_recurse() -> None:
    assert parse_int("+".join(["1"] * 5000)) == 5000  # old: RecursionError (exit 4)
    assert parse_int("-".join(["7"] * 5000)) == 7 - 7 * 4999
    assert parse_int("*".join(["2"] * 4000)) == 2**4000
    assert parse_int("(" * 3000 + "42" + ")" * 3000) == 42  # old: refused as "not an integer"
    assert parse_int("-" * 1001 + "5") == -5


def test_over_long_texts_are_refused_with_an_excerpt() -> None:
    text = "1+" * (MAX_EXPRESSION_CHARS // 2) + "1"
    with pytest.raises(IntExpressionError, match="too long") as info:
        parse_int(text)
    assert f"({len(text):,} characters)" in str(info.value) and len(str(info.value)) < 200
    terms = ",".join(str(i) for i in range(MAX_TERMS_CHARS // 3))
    with pytest.raises(IntExpressionError, match="term list is too long") as info:
        parse_int_list(terms)  # old: parsed all of it
    assert f"{len(terms):,} characters" in str(info.value) and len(str(info.value)) < 250


def test_error_messages_quote_a_short_excerpt() -> None:
    bad = "1+" * 3000 + "x"
    with pytest.raises(IntExpressionError) as info:
        parse_int(bad)
    message = str(info.value)
    assert "'1+1+1+" in message and "(6,001 characters)" in message and len(message) < 200
    with pytest.raises(IntExpressionError) as info:
        parse_int_list("1, 2, " + "9" * 5000 + "z")
    assert "(5,001 characters)" in str(info.value) and len(str(info.value)) < 150


def test_prefixed_literals_work_as_in_python() -> None:
    for text in ("0x10", "0X1f", "0o17", "0b101", "0x_ff", "0b1_0", "-0x10", "0x10**2", "0b11*0o7"):
        assert parse_int(text) == eval(text), text  # Python's own reading is the reference
    assert parse_int("010") == 10  # a leading zero is decimal, never octal
    assert parse_int_list("0x10, 0b101, 0o17, -0x1, 7") == [16, 5, 15, -1, 7]  # old: refused
    assert parse_int_range("0x10..0x12") == range(16, 19)
    for text in ("0x", "0b2", "0o8", "0x1g", "0x__1", "0_x1"):
        with pytest.raises(IntExpressionError, match="not a number"):
            parse_int(text)


def test_messages_name_the_problem() -> None:
    with pytest.raises(IntExpressionError, match=r"use // for integer division"):
        parse_int("1/2")
    with pytest.raises(IntExpressionError, match="expected an operator"):
        parse_int("1 2")
    with pytest.raises(IntExpressionError, match=r"unbalanced '\('"):
        parse_int("(1+2")
    with pytest.raises(IntExpressionError, match="ends with an operator"):
        parse_int("1+")


# An independent reading of the same text: Python's own evaluator on small expressions.
_ATOMS = st.integers(0, 10**6).map(str) | st.sampled_from(["0x1F", "0b101", "0o17", "1_000"])


def _combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "//", "%"]), children).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}"
    )
    power = st.tuples(children, st.integers(0, 3)).map(lambda t: f"{t[0]}**{t[1]}")
    return binary | power | children.map(lambda c: f"({c})") | children.map(lambda c: f"-{c}")


@given(st.recursive(_ATOMS, _combine, max_leaves=12))
def test_agrees_with_python_on_precedence_and_values(text: str) -> None:
    try:
        expected = eval(text, {"__builtins__": {}})  # test-generated text only
    except ZeroDivisionError:
        with pytest.raises(IntExpressionError, match="division by zero"):
            parse_int(text)
        return
    except (OverflowError, MemoryError):  # pragma: no cover - not with these sizes
        return
    if abs(expected).bit_length() > MAX_RESULT_BITS:  # pragma: no cover
        return
    assert parse_int(text) == expected
    assert parse_int(text.replace("**", "^")) == expected


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NUMTHEORY_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "numtheory", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # the old code took minutes on these
    )


def test_cli_refuses_a_costly_integer_with_exit_2() -> None:
    proc = _cli("prime", "test", "10**19000000")
    assert proc.returncode == 2, proc.stderr
    assert "too large to evaluate" in proc.stderr and "19,000,000 digits" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_long_sum_is_not_an_internal_error() -> None:
    proc = _cli("prime", "test", "+".join(["1"] * 4999) + "+2")  # 5001: 3 * 1667
    assert proc.returncode == 1, proc.stderr  # "not prime": the command ran
    assert "5001" in proc.stdout and "Traceback" not in proc.stderr


def test_cli_refuses_a_megabyte_on_stdin_at_once() -> None:
    proc = _cli("oeis", "-", stdin="7" * 1_000_000)  # old: 17-52 s of int parsing, then refused
    assert proc.returncode == 2, proc.stderr
    # refused after reading MAX_TERMS_CHARS + 1 characters, so the full length is not known
    assert f"at most {MAX_TERMS_CHARS:,}" in proc.stderr
    assert f"more than {MAX_TERMS_CHARS:,} characters" in proc.stderr
    assert len(proc.stderr) < 400


class EndlessStream:
    """``yes |``: a stream that never ends (read() would never return)."""

    def __init__(self) -> None:
        self.served = 0

    def read(self, size: int = -1) -> str:
        assert size >= 0, "read() of an endless stream never returns"
        self.served += size
        return "1\n" * (size // 2) + "1" * (size % 2)


def test_read_limited_stops_at_the_limit() -> None:
    stream = EndlessStream()
    with pytest.raises(IntExpressionError, match="stdin holds more than 100,000 characters"):
        read_limited(stream)  # type: ignore[arg-type]
    assert stream.served == MAX_TERMS_CHARS + 1
    assert read_limited(io.StringIO("1, 2, 6, 20\n")) == "1, 2, 6, 20\n"
    exact = "7" * MAX_TERMS_CHARS
    assert read_limited(io.StringIO(exact)) == exact


# -- review of issue 10: what the first version still let through ------------------------------


def test_repeated_negation_of_a_huge_number_is_charged() -> None:
    # Each '-' copies the whole number; free, 200,000 of them took over 20 s within the text
    # limit. Charged, forty copies of a 10-Mbit number exhaust the budget.
    for text in ("-" * 40 + "2**9999999", "-(" * 40 + "2**9999999" + ")" * 40):
        with pytest.raises(IntExpressionError, match="operations together"):
            parse_int(text)
    assert parse_int("-" * 41 + "2**9999") == -(2**9999)  # small numbers: still fine
    assert parse_int("-(2**9999999)") == -(1 << 9999999)


def test_positions_in_messages_count_the_characters_typed() -> None:
    # '^' was rewritten to '**' before tokenizing, so each '^' shifted the position by one.
    with pytest.raises(IntExpressionError, match=r"at character 5$"):
        parse_int("2^2^x")
    with pytest.raises(IntExpressionError, match=r"expected a number before '\^' at character 3"):
        parse_int("2^^3")
    with pytest.raises(IntExpressionError, match=r"it ends after '\(' at character 3"):
        parse_int("2*(  ")


def test_a_refusal_at_the_ceiling_gives_the_bits_too() -> None:
    # digits alone read "about 3,010,300 digits; the limit is 3,010,300 digits"
    with pytest.raises(IntExpressionError, match=r"\(10,000,001 bits\); the limit is"):
        parse_int(f"2**{MAX_RESULT_BITS}")


_SPACE = st.sampled_from(["", " ", "  ", "\t", "\n"])
_POWER = st.sampled_from(["**", "^"])
_OPERATOR = st.sampled_from(["+", "-", "*", "//", "%"])
# Small bases only: a power of a generated subexpression (x**y**z nested) can ask Python's
# own evaluator, the reference here, for a number with billions of digits.
_BASE = st.sampled_from(["0", "1", "2", "7", "-2", "(-3)", "-(2)", "(1+1)", " 3 "])
# exponents that are signed, parenthesised or themselves powers: 2**-1, 2**(-1), 2**3**2
_EXPONENT = st.sampled_from(["-1", "+2", "(-2)", "-(1)", "0", "3", "2**2", "-1**2", "(1+1)"])
_SIGNS = st.sampled_from(["-", "+", "- ", "--", "-+"])


def _spaced(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(children, _SPACE, _OPERATOR, _SPACE, children).map("".join)
    power = st.tuples(_BASE, _POWER, _EXPONENT).map("".join)
    unary = st.tuples(_SIGNS, children).map("".join)
    return binary | power | unary | children.map(lambda c: f"({c})")


@given(
    st.recursive(st.integers(0, 99).map(str) | st.just("0x_f"), _spaced, max_leaves=10),
    _SPACE,
)
def test_agrees_with_python_on_signs_exponents_and_spacing(text: str, pad: str) -> None:
    text = pad + text + pad
    python = f"({text.replace('^', '**')})"  # in parentheses, Python too reads a newline as space
    try:
        expected = eval(python, {"__builtins__": {}})  # test-generated text only
    except ZeroDivisionError:  # x // 0, x % 0 and 0 ** -1
        with pytest.raises(IntExpressionError):
            parse_int(text)
        return
    except (OverflowError, MemoryError):  # pragma: no cover - not with these sizes
        return
    if not isinstance(expected, int):  # a negative exponent: Python gives a float
        with pytest.raises(IntExpressionError, match="negative exponent"):
            parse_int(text)
        return
    if abs(expected).bit_length() > MAX_RESULT_BITS:  # pragma: no cover
        return
    assert parse_int(text) == expected


def test_cli_refuses_an_endless_stdin_at_once() -> None:
    # `yes 1 | numtheory oeis -`: the old sys.stdin.read() waited for an end that never comes.
    env = {**os.environ, "NUMTHEORY_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "numtheory", "oeis", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin is not None
    try:
        with contextlib.suppress(BrokenPipeError):  # it stops reading: that is the point
            proc.stdin.write("1\n" * (MAX_TERMS_CHARS // 2 + 10))
            proc.stdin.flush()
        # stdin stays open, as from a producer that never stops
        returncode = proc.wait(timeout=60)
        stderr = proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
        proc.communicate()
    assert returncode == 2, stderr
    assert f"stdin holds more than {MAX_TERMS_CHARS:,} characters" in stderr
    assert "Traceback" not in stderr and len(stderr) < 400
