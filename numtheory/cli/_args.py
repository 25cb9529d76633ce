"""Argument types for the CLI: integers written as researchers write them, ranges and lists.

``parse_int`` accepts ``12345``, ``1_000_000``, ``10**100``, ``2^64-1``, ``-7``, ``3*10**6``
and ``(2**61-1)*(2**31-1)``: an arithmetic expression in integer literals with ``+ - * **``
(``^`` means power, as in the OEIS and PARI), ``//``, ``%`` and parentheses, with Python's
precedence (``-2^2`` is -4, ``2^3^2`` is 2^9). Literals are decimal (a leading zero is still
decimal: ``010`` is ten) or, as in Python, hexadecimal ``0x1F``, octal ``0o17`` and binary
``0b101``, with single underscores between digits.

Nothing is evaluated with ``eval`` or :mod:`ast`: a small tokenizer and an iterative
operator-precedence parser (no recursion, so a 5,000-term sum is fine) evaluate the
expression on GMP integers. The *cost* is bounded, not just the text: before each operation
the size of its result is estimated (``a**b``: ``b*log2|a|`` bits; ``a*b``: the sum of the
sizes; ``a//b``: the difference...) and refused over :data:`MAX_RESULT_BITS` (about three
million digits); the estimates of all operations together may not exceed
:data:`MAX_WORK_BITS`. Texts longer than :data:`MAX_EXPRESSION_CHARS` (an expression) or
:data:`MAX_TERMS_CHARS` (a term list) are refused before any parsing. Error messages quote
at most a short excerpt of the text (:func:`numtheory._validate.excerpt`).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from typing import Any, TextIO

from numtheory._validate import excerpt
from numtheory.errors import InputError

__all__ = [
    "MAX_EXPRESSION_CHARS",
    "MAX_RESULT_BITS",
    "MAX_SECONDS",
    "MAX_TERMS_CHARS",
    "MAX_WORK_BITS",
    "IntExpressionError",
    "int_arg",
    "int_range_arg",
    "parse_int",
    "parse_int_list",
    "parse_int_range",
    "parse_seconds",
    "read_limited",
    "seconds_arg",
]

#: Largest result of any one operation: 10 million bits, 3,010,300 decimal digits. GMP builds
#: such a number in well under a second (3**6300000: 0.08 s, a 10-Mbit product: 0.12 s).
MAX_RESULT_BITS = 10_000_000
#: Budget for all operations of one expression together (the sum of their result sizes):
#: about twenty operations at the ceiling, a few seconds at worst.
MAX_WORK_BITS = 20 * MAX_RESULT_BITS
#: Longest expression text; a command-line argument is at most 131,072 bytes on Linux.
MAX_EXPRESSION_CHARS = 200_000
#: Longest term list (``numtheory oeis -`` reads it from stdin): an OEIS search looks at the
#: first terms only (at most 1000 digits), so this is far more than any search can use.
MAX_TERMS_CHARS = 100_000

_MAX_DIGITS = math.floor(MAX_RESULT_BITS * math.log10(2)) + 1

_LITERAL = (
    r"0[xX](?:_?[0-9a-fA-F])+(?![0-9a-zA-Z_])"
    r"|0[oO](?:_?[0-7])+(?![0-9a-zA-Z_])"
    r"|0[bB](?:_?[01])+(?![0-9a-zA-Z_])"
    r"|[0-9]+(?:_[0-9]+)*(?![0-9a-zA-Z_])"
)
_TOKEN = re.compile(rf"[ \t\r\n]*(?:(?P<num>{_LITERAL})|(?P<op>\*\*|//|[-+*%^()]))")
_SYNONYMS = {"^": "**"}  # read as a token, so that positions in messages are the user's
_WORD = re.compile(r"[0-9A-Za-z_]+")
_TERM = re.compile(rf"[+-]?(?:{_LITERAL})")
_BASES = {"x": 16, "o": 8, "b": 2}

# Binary operators: precedence and right-associativity (Python's: ** binds tighter than a
# unary minus on its left, so -2**2 == -4, and its right operand may be signed: 2**-1).
_BINARY: dict[str, tuple[int, bool]] = {
    "+": (1, False),
    "-": (1, False),
    "*": (2, False),
    "//": (2, False),
    "%": (2, False),
    "**": (4, True),
}
_UNARY_PRECEDENCE = 3


class IntExpressionError(InputError):
    """The text is not an integer expression numtheory accepts, or it would cost too much."""


#: A term of at most this many digits is read by ``int`` (microseconds, and GMP need not be
#: loaded: ``numtheory oeis 1,2,6,20`` starts quickly); longer ones by GMP's parser, which is
#: subquadratic where CPython 3.11's is quadratic (200,000 digits: 0.4 s).
_INT_LITERAL_DIGITS = 1000


def _literal(token: str, gmp: bool = True) -> Any:
    """The value of one literal: a GMP integer, or (``gmp=False``) an ``int``."""
    digits = token.replace("_", "")
    sign = 1
    if digits[:1] in "+-":
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    base = 10
    if len(digits) > 1 and digits[0] == "0" and digits[1].lower() in _BASES:
        base = _BASES[digits[1].lower()]
        digits = digits[2:]
    if not gmp and len(digits) <= _INT_LITERAL_DIGITS:
        return sign * int(digits, base)
    # Expressions compute on GMP integers (3**6300000: 0.08 s), so their literals are GMP's.
    from numtheory import _backend

    value = sign * _backend.gmp_from_digits(digits, base)
    return value if gmp else int(value)


def _log2(value: Any) -> float:
    """log2 of a nonzero big integer (math.log2 would overflow converting an mpz to float)."""
    magnitude = abs(value)
    shift = max(int(magnitude.bit_length()) - 64, 0)
    return math.log2(int(magnitude >> shift)) + shift


def _shown(value: Any) -> str:
    bits = int(value.bit_length())
    if bits <= 64:
        return str(int(value))
    return f"<{'-' if value < 0 else ''}{math.floor((bits - 1) * math.log10(2)) + 1}-digit number>"


class _Evaluator:
    """Applies the operators, refusing any whose result or total work would be too big."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = 0

    def _refuse(self, what: str) -> IntExpressionError:
        return IntExpressionError(f"{excerpt(self.text)} is too large to evaluate: {what}")

    def _charge(self, bits: float, description: str) -> None:
        if bits > MAX_RESULT_BITS:
            digits = bits * math.log10(2)
            if math.isinf(digits):
                size = "more than 10^300 digits"
            elif digits < 1e15:  # the bits too: at the ceiling the digit counts round alike
                size = f"about {digits:,.0f} digits ({math.ceil(bits):,} bits)"
            else:
                size = f"about 10^{math.log10(digits):.0f} digits"
            raise self._refuse(
                f"{description} would have {size}; the limit is "
                f"{_MAX_DIGITS:,} digits ({MAX_RESULT_BITS:,} bits) per operation"
            )
        self.work += max(int(bits), 1)
        if self.work > MAX_WORK_BITS:
            raise self._refuse(
                f"its operations together would produce over {MAX_WORK_BITS:,} bits "
                f"(about {MAX_WORK_BITS // MAX_RESULT_BITS} numbers of the largest size allowed)"
            )

    def negate(self, value: Any) -> Any:
        """``-value``: a copy of the whole number, so charged like any other result.

        Free negation would let ``------...-(2**9999999)`` copy 1.25 MB two hundred thousand
        times (tens of seconds) within the text limit.
        """
        self._charge(int(value.bit_length()), f"-{_shown(value)}")
        return -value

    def binary(self, op: str, left: Any, right: Any) -> Any:
        lbits, rbits = int(left.bit_length()), int(right.bit_length())
        description = f"{_shown(left)} {op} {_shown(right)}"
        if op in ("+", "-"):  # linear time: compute, then charge the exact size
            result = left + right if op == "+" else left - right
            self._charge(int(result.bit_length()), description)
            return result
        if op == "*":
            self._charge(lbits + rbits, description)
            return left * right
        if op in ("//", "%"):
            if right == 0:
                raise IntExpressionError(f"division by zero in {excerpt(self.text)}")
            self._charge(max(lbits - rbits + 1, 1) if op == "//" else rbits, description)
            return left // right if op == "//" else left % right
        return self._power(left, right, description)

    def _power(self, base: Any, exponent: Any, description: str) -> Any:
        if exponent < 0:
            raise IntExpressionError(f"negative exponent in {excerpt(self.text)}")
        if abs(base) <= 1 or exponent == 0:  # 0, 1, -1 to any power: no size to speak of
            return base**exponent
        # A float holds the estimate of any exponent below 2**1000; beyond, it is infinite.
        size = float(exponent) * _log2(base) + 1 if exponent.bit_length() < 1000 else math.inf
        self._charge(size, description)
        return base**exponent


def _syntax_error(text: str, position: int, problem: str) -> IntExpressionError:
    where = f" at character {position + 1}" if len(text) > 1 else ""
    return IntExpressionError(f"{excerpt(text)} is not an integer: {problem}{where}")


def _evaluate(text: str) -> Any:
    """Tokenize and evaluate ``text`` with an operator stack (``^`` means ``**``)."""
    evaluator = _Evaluator(text)
    values: list[Any] = []
    ops: list[str] = []  # binary operators, "u-"/"u+" (unary) and "("

    def reduce_top() -> None:
        op = ops.pop()
        if op == "u-":
            values.append(evaluator.negate(values.pop()))
            return
        if op == "u+":
            return
        right = values.pop()
        left = values.pop()
        values.append(evaluator.binary(op, left, right))

    def precedence(op: str) -> int:
        return _UNARY_PRECEDENCE if op in ("u-", "u+") else _BINARY[op][0]

    expect_operand = True
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if position == len(text):
            break
        match = _TOKEN.match(text, position)
        if match is None:
            word = _WORD.match(text, position)
            if word is not None:  # a name, or a number Python would not accept (1e5, 3_)
                raise _syntax_error(text, position, f"{word.group()[:20]!r} is not a number")
            bad = text[position]
            hint = {"/": " (use // for integer division)", ".": " (integers only)"}.get(bad, "")
            raise _syntax_error(text, position, f"unexpected {bad!r}{hint}")
        start, position = match.start(match.lastgroup or 0), match.end()
        number, token = match.group("num"), match.group("op")
        op = None if token is None else _SYNONYMS.get(token, token)
        if expect_operand:
            if number is not None:
                values.append(_literal(number))
                expect_operand = False
            elif op in ("-", "+"):
                ops.append("u" + op)
            elif op == "(":
                ops.append("(")
            else:
                raise _syntax_error(text, start, f"expected a number before {token!r}")
            continue
        if number is not None:
            raise _syntax_error(text, start, f"expected an operator before {number[:20]!r}")
        if op == ")":
            while ops and ops[-1] != "(":
                reduce_top()
            if not ops:
                raise _syntax_error(text, start, "unbalanced ')'")
            ops.pop()
            continue
        if op == "(":
            raise _syntax_error(text, start, "expected an operator before '('")
        assert op is not None
        rank, right_assoc = _BINARY[op]
        while ops and ops[-1] != "(":
            top = precedence(ops[-1])
            if top > rank or (top == rank and not right_assoc):
                reduce_top()
            else:
                break
        ops.append(op)
        expect_operand = True
    if expect_operand:
        if not values and not ops:
            raise IntExpressionError("empty integer")
        ending = "it ends after '('" if ops[-1] == "(" else "it ends with an operator"
        raise _syntax_error(text, len(text.rstrip()) - 1, ending)
    while ops:
        if ops[-1] == "(":
            raise IntExpressionError(f"{excerpt(text)} is not an integer: unbalanced '('")
        reduce_top()
    (result,) = values
    return result


def parse_int(text: str) -> int:
    """Parse an integer expression; raise :class:`IntExpressionError` naming the text.

    >>> parse_int("2^64-1")
    18446744073709551615
    >>> parse_int("10**3 + 7")
    1007
    >>> parse_int("0x10 + 0b101")
    21
    """
    if len(text) > MAX_EXPRESSION_CHARS:  # before any parsing: refused at once
        raise IntExpressionError(
            f"{excerpt(text)} is too long for an integer expression "
            f"(at most {MAX_EXPRESSION_CHARS:,} characters)"
        )
    if not text.strip():
        raise IntExpressionError("empty integer")
    return int(_evaluate(text))


def int_arg(text: str) -> int:
    """argparse ``type=`` wrapper around :func:`parse_int` (bad text: exit 2, value named)."""
    try:
        return parse_int(text)
    except IntExpressionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_DIGITS = r"[0-9]+(?:_[0-9]+)*"  # single underscores between digits, as float() and int_arg
_SECONDS = re.compile(
    rf"[-+]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][-+]?[0-9]{{1,3}})?"
)
#: Longest duration a command takes (about 116 days): a socket timeout must fit a C
#: ``time_t`` (``--deadline 1e300`` was an internal error, ``1e999`` was infinity).
MAX_SECONDS = 10_000_000


def parse_seconds(text: str) -> float:
    """A duration typed in seconds (``30``, ``2.5``, ``1e3``): ASCII digits, finite, at most
    :data:`MAX_SECONDS` in size (the command checks the sign).

    ``float()`` alone would take ``'nan'``, ``'inf'`` and other scripts' digits (``'١٢'``);
    the value is named when refused.

    >>> parse_seconds("2.5"), parse_seconds("1e3"), parse_seconds("1_800")
    (2.5, 1000.0, 1800.0)
    >>> parse_seconds("inf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    numtheory.cli._args.IntExpressionError: 'inf' is not a number of seconds ...
    >>> parse_seconds("1e999")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    numtheory.cli._args.IntExpressionError: '1e999' is too long a duration: at most 10,000,000 ...
    """
    stripped = text.strip()
    if not (len(stripped) <= 100 and stripped.isascii() and _SECONDS.fullmatch(stripped)):
        raise IntExpressionError(
            f"{excerpt(text)} is not a number of seconds (digits, e.g. 30 or 2.5)"
        )
    value = float(stripped)
    if not abs(value) <= MAX_SECONDS:
        raise IntExpressionError(
            f"{excerpt(text)} is too long a duration: at most {MAX_SECONDS:,} seconds "
            "(about 116 days)"
        )
    return value


def seconds_arg(text: str) -> float:
    """argparse ``type=`` wrapper around :func:`parse_seconds`."""
    try:
        return parse_seconds(text)
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
            raise IntExpressionError(
                f"empty range {excerpt(text)}: the end is below the start"
                + (f" ({hi} < {lo})" if max(abs(lo), abs(hi)).bit_length() <= 64 else "")
            )
        return range(lo, hi + 1)
    value = parse_int(text)
    return range(value, value + 1)


def int_range_arg(text: str) -> range:
    """argparse ``type=`` wrapper around :func:`parse_int_range`."""
    try:
        return parse_int_range(text)
    except IntExpressionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


#: What to do about a term list that is too long, by default: a search needs the first terms.
SEARCH_ADVICE = "a search uses only the first terms, so give those"


def read_limited(
    stream: TextIO, limit: int = MAX_TERMS_CHARS, what: str = "stdin", advice: str = SEARCH_ADVICE
) -> str:
    """Read all of ``stream`` but refuse, at once, one holding more than ``limit`` characters.

    For ``numtheory oeis -``: ``stream.read()`` would wait for the end of an endless pipe
    (``yes | numtheory oeis -``) and hold all of it in memory; this reads ``limit + 1``
    characters at most.
    """
    text = stream.read(limit + 1)
    if len(text) > limit:
        raise IntExpressionError(
            f"{what} holds more than {limit:,} characters, and a term list may have at most "
            f"{limit:,} (it begins {excerpt(text[:40])}); {advice}"
        )
    return text


def terms_text(parts: list[str], limit: int = MAX_TERMS_CHARS, advice: str = SEARCH_ADVICE) -> str:
    """The terms a command was given, as one text: its arguments joined, or, for a lone ``-``,
    stdin (at most ``limit`` characters, ``#`` comment lines left out). ``-`` among other
    arguments is refused. Shared by ``oeis``, ``guess`` and ``identify``; ``advice`` ends the
    message for too long a list (``guess`` has its own: it is not a search)."""
    if parts == ["-"]:
        text = read_limited(
            sys.stdin, limit, advice=advice
        )  # `yes | numtheory oeis -` is refused, not read forever
        return " ".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if "-" in parts:
        raise InputError("'-' (read stdin) must be the only argument")
    return " ".join(parts)


_LIST_SPLIT = re.compile(r"[\s,;]+")
#: Two commas or semicolons with no term between them: ``1,,2`` would silently lose a term
#: (its place). One at an end loses nothing and stays allowed: the OEIS's own dumps write
#: ``,1,2,6,20,``, and a copied list often ends with a comma.
_EMPTY_TERM = re.compile(r"[,;]\s*([,;])")


def parse_int_list(text: str, advice: str = SEARCH_ADVICE) -> list[int]:
    """Terms as typed: ``"1,2,6,20"``, ``"1 2 6 20"``, ``"1, 2, 6, 20"``.

    Each term is one literal (decimal, or ``0x``/``0o``/``0b`` as in :func:`parse_int`), with
    an optional sign; no expressions. A bad item is named: ``parse_int_list("1,2,x")`` raises
    ``IntExpressionError`` for ``'x'``. A text over :data:`MAX_TERMS_CHARS` characters is
    refused before it is split.

    >>> parse_int_list("1, 2 ,6 20")
    [1, 2, 6, 20]
    >>> parse_int_list(",1,2,6,20,")  # as the OEIS's stripped dump writes them
    [1, 2, 6, 20]
    >>> parse_int_list("1,,2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    numtheory.cli._args.IntExpressionError: '1,,2' has an empty term (... at character 3): ...
    """
    if len(text) > MAX_TERMS_CHARS:
        raise IntExpressionError(
            f"the term list is too long: {len(text):,} characters, at most "
            f"{MAX_TERMS_CHARS:,} (it begins {excerpt(text[:40])}); {advice}"
        )
    items = [item for item in _LIST_SPLIT.split(text.strip()) if item]
    if not items:
        raise IntExpressionError("no terms given")
    if empty := _EMPTY_TERM.search(text):
        raise IntExpressionError(
            f"{excerpt(text)} has an empty term (two separators in a row, at character "
            f"{empty.start(1) + 1}): write the terms as 1,2,6,20"
        )
    values = []
    for item in items:
        if not _TERM.fullmatch(item):
            raise IntExpressionError(f"{excerpt(item)} is not an integer term")
        values.append(_literal(item, gmp=False))
    return values
