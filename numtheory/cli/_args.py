"""Argument types for the CLI: integers written as researchers write them, ranges and lists.

``parse_int`` accepts ``12345``, ``1_000_000``, ``10**100``, ``2^64-1``, ``-7``, ``3*10**6``
and ``(2**61-1)*(2**31-1)``: an arithmetic expression in integer literals with ``+ - * **``
(``^`` means power, as in the OEIS and PARI), ``//`` and parentheses. Nothing is evaluated
with ``eval``: the expression is parsed with :mod:`ast` and walked, and powers are bounded
so that a typo cannot ask for a 10**12-digit number.
"""

from __future__ import annotations

import argparse
import ast
import operator
import re
from collections.abc import Callable

_MAX_RESULT_BITS = 64_000_000  # about 19 million digits
_BINOPS: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}


class IntExpressionError(ValueError):
    """The text is not an integer expression numtheory accepts."""


def _eval(node: ast.AST, text: str) -> int:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _eval(node.operand, text)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left = _eval(node.left, text)
        right = _eval(node.right, text)
        if isinstance(node.op, ast.Pow):
            if right < 0:
                raise IntExpressionError(f"negative exponent in {text!r}")
            if abs(left) > 1 and right * max(abs(left).bit_length() - 1, 1) > _MAX_RESULT_BITS:
                raise IntExpressionError(f"{text!r} is too large (over about 19 million digits)")
            return int(left**right)
        op = _BINOPS.get(type(node.op))
        if op is None:
            raise IntExpressionError(f"operator not allowed in {text!r}")
        if isinstance(node.op, (ast.FloorDiv, ast.Mod)) and right == 0:
            raise IntExpressionError(f"division by zero in {text!r}")
        return op(left, right)
    raise IntExpressionError(f"{text!r} is not an integer")


def parse_int(text: str) -> int:
    """Parse an integer expression; raise :class:`IntExpressionError` naming the text.

    >>> parse_int("2^64-1")
    18446744073709551615
    >>> parse_int("10**3 + 7")
    1007
    """
    source = text.strip().replace("^", "**")
    if not source:
        raise IntExpressionError("empty integer")
    if re.fullmatch(r"[+-]?\d[\d_]*", source):
        try:
            return int(source)
        except ValueError:  # e.g. a trailing underscore
            raise IntExpressionError(f"{text!r} is not an integer") from None
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise IntExpressionError(f"{text!r} is not an integer") from None
    return _eval(tree.body, text)


def int_arg(text: str) -> int:
    """argparse ``type=`` wrapper around :func:`parse_int` (bad text: exit 2, value named)."""
    try:
        return parse_int(text)
    except IntExpressionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_int_range(text: str) -> range:
    """``"5"`` -> range(5, 6); ``"1..99"`` -> range(1, 100) (both ends included).

    >>> parse_int_range("1..5")
    range(1, 6)
    """
    if ".." in text:
        lo_text, _, hi_text = text.partition("..")
        lo, hi = parse_int(lo_text), parse_int(hi_text)
        if hi < lo:
            raise IntExpressionError(f"empty range {text!r}: {hi} < {lo}")
        return range(lo, hi + 1)
    value = parse_int(text)
    return range(value, value + 1)


def int_range_arg(text: str) -> range:
    """argparse ``type=`` wrapper around :func:`parse_int_range`."""
    try:
        return parse_int_range(text)
    except IntExpressionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_LIST_SPLIT = re.compile(r"[\s,;]+")


def parse_int_list(text: str) -> list[int]:
    """Terms as typed: ``"1,2,6,20"``, ``"1 2 6 20"``, ``"1, 2, 6, 20"``.

    A bad item is named: ``parse_int_list("1,2,x")`` raises ``IntExpressionError`` for ``'x'``.

    >>> parse_int_list("1, 2 ,6 20")
    [1, 2, 6, 20]
    """
    items = [item for item in _LIST_SPLIT.split(text.strip()) if item]
    if not items:
        raise IntExpressionError("no terms given")
    values = []
    for item in items:
        if not re.fullmatch(r"[+-]?\d+", item):
            raise IntExpressionError(f"{item!r} is not an integer term")
        values.append(int(item))
    return values
