"""numtheory.cli._args: integers, ranges and term lists as researchers type them."""

from __future__ import annotations

import argparse

import pytest

from numtheory.cli._args import (
    IntExpressionError,
    int_arg,
    int_range_arg,
    parse_int,
    parse_int_list,
    parse_int_range,
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
