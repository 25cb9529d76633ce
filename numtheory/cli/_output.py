"""Where output goes: results to stdout (text or one JSON document), everything else to stderr."""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from numtheory import _display
from numtheory._display import ELLIPSIS, decimal  # one rule for numbers, shared with the reprs

__all__ = ["ELLIPSIS", "Output", "bounded", "decimal", "dumps", "printable", "short_int"]

#: A run of over 200 characters without a space in an error message: a path, module or value
#: the user gave, echoed back (``--import``, ``--plot``, ``--param``, a file name).
_LONG_RUN = re.compile(r"\S{201,}")


def bounded(text: str) -> str:
    """``text`` with each run of over 200 non-space characters cut to its ends and length.

    A safety net under the excerpts each command makes: a 128 KiB argument (Linux's limit
    for one) must not come back as 128 KiB of error message, whichever message quotes it.

    >>> bounded("no module " + "m" * 300 + " found")
    'no module mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm...mmmmmmmmmm (300 characters) found'
    >>> bounded("short words stay as they are")
    'short words stay as they are'
    """
    return _LONG_RUN.sub(lambda m: f"{m[0][:40]}...{m[0][-10:]} ({len(m[0]):,} characters)", text)


#: Integers with more bits than this are written through GMP (see :func:`dumps`).
_BIG_INT_BITS = 1 << 14

#: Characters that would act on a terminal instead of showing: C0 controls but tab and newline
#: (ESC starts colour and cursor sequences, CR overwrites the line), DEL, C1 controls, and the
#: bidirectional overrides and isolates (they reorder what follows); and lone surrogates (from
#: a ``\\ud800`` escape: not text, a UTF-8 stdout refuses them). Text that comes from outside
#: (an OEIS name, a server's error page) is shown with these escaped.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
#: What :func:`printable` rewrites: a control, or a run of backslashes just before a control or
#: before text that reads as one of its escapes (doubled, so the output reads back one way).
_NEEDS_ESCAPE = re.compile(
    rf"(\\+)(?=x[0-9a-fA-F]{{2}}|u[0-9a-fA-F]{{4}}|[{_CONTROLS}])|[{_CONTROLS}]"
)
_CONTROL = re.compile(f"[{_CONTROLS}]")
#: The same with a newline counted as a control (:func:`printable` with ``one_line``).
_NEEDS_ESCAPE_LINE = re.compile(
    rf"(\\+)(?=x[0-9a-fA-F]{{2}}|u[0-9a-fA-F]{{4}}|[{_CONTROLS}\n])|[{_CONTROLS}\n]"
)
_CONTROL_LINE = re.compile(f"[{_CONTROLS}\n]")
_LOOKS_ESCAPED = re.compile(r"\\(?=x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")
#: What ``json.dumps(..., ensure_ascii=False)`` leaves raw but a terminal would act on (it
#: escapes C0 itself): written as ``\\uXXXX`` escapes, the same JSON value.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1) * 2
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = False) -> str:
    r"""``text`` with terminal control characters shown as escapes (``\x1b``, ``\u202e``).

    Everything else is kept as it is (accents, Greek, CJK, mathematical symbols, TeX's
    backslashes), except that a run of backslashes right before a control or before text
    such as ``\x1b`` is doubled: read back, ``\xHH``/``\uHHHH`` after an odd number of
    backslashes is an escape, after an even number literal text (one backslash per pair).
    With ``one_line``, a newline is escaped too (``\x0a``): text that must stay one line of
    a line-based output (an OEIS name with a line break would forge the next line).

    >>> printable("red \x1b[31m, a bell \x07 and \u202e; tab\tand newline stay\n")
    'red \\x1b[31m, a bell \\x07 and \\u202e; tab\tand newline stay\n'
    >>> print(printable(r"Σ_{k≥0} \binom{2k}{k}, a literal \x1b and a real " + "\x1b"))
    Σ_{k≥0} \binom{2k}{k}, a literal \\x1b and a real \x1b
    """
    control, needs = (_CONTROL_LINE, _NEEDS_ESCAPE_LINE) if one_line else (_CONTROL, _NEEDS_ESCAPE)
    if control.search(text) is None and ("\\" not in text or not _LOOKS_ESCAPED.search(text)):
        return text  # the usual case: a scan or two in C, no copy
    return needs.sub(_escape, text)


def _printable_lines(lines: Sequence[str]) -> str:
    """``lines`` joined by newlines, each one :func:`printable` as one line."""
    text = "\n".join(lines)
    if text.count("\n") == max(0, len(lines) - 1):  # no line holds a newline: one pass
        return printable(text)
    return "\n".join(printable(line, one_line=True) for line in lines)


def _json_safe(text: str) -> str:
    """JSON text with the characters of :data:`_JSON_RAW` as ``\\uXXXX`` escapes (they can
    only be inside strings: the same document for a parser, inert on a terminal)."""
    if _JSON_RAW.search(text) is None:
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: Any) -> str:
    """``json.dumps(data, indent=2)``, with big integers still JSON integers but fast.

    ``json`` writes ints with ``int.__repr__``, quadratic in CPython 3.11 (a million digits:
    about 12 s). Big ints are swapped for unique placeholder strings, then the placeholders
    are replaced by GMP's decimal expansion (0.07 s for a million digits).
    """
    big: list[int] = []
    token = f"\x00numtheory-int-{uuid.uuid4().hex}-"

    def swap(value: Any) -> Any:
        if type(value) is int and value.bit_length() > _BIG_INT_BITS:
            big.append(value)
            return f"{token}{len(big) - 1}"
        if isinstance(value, dict):
            return {key: swap(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [swap(item) for item in value]
        return value

    text = _json_safe(json.dumps(swap(data), indent=2, ensure_ascii=False))
    if not big:
        return text
    quoted = json.dumps(token)[:-1]  # the token as json writes it, opening quote included
    pieces = text.split(quoted)
    out = [pieces[0]]
    for piece in pieces[1:]:
        index, _, rest = piece.partition('"')
        out.append(decimal(big[int(index)]))
        out.append(rest)
    return "".join(out)


def short_int(n: int, max_digits: int = 40, keep: int = 10) -> str:
    """``n`` in decimal, whole when it has at most ``max_digits`` digits, else visibly elided.

    Never cut inside a number without saying so: a long one shows its first and last ``keep``
    digits and its length, ``-1234567890…(121 digits)…1234567890``. JSON output always has the
    number whole. The rule is :func:`numtheory._display.short_int`'s (the reprs' too); here a
    ``max_digits`` too small for it is a programming error.

    >>> short_int(12345)
    '12345'
    >>> short_int(-(10**60 + 7), max_digits=20, keep=4)
    '-1000…(61 digits)…0007'
    """
    if max_digits < 2 * keep + 1:
        raise ValueError(f"max_digits must be > 2*keep, got max_digits={max_digits}, keep={keep}")
    return _display.short_int(n, max_digits, keep)


class Output:
    """The CLI's writer. ``json_mode`` switches results from text to one JSON document."""

    def __init__(self, json_mode: bool = False) -> None:
        self.json_mode = json_mode
        self._errors: list[str] = []

    def result(self, text: str | Sequence[str], data: Any) -> None:
        """Print a result: ``text`` normally, ``data`` as JSON under ``--json``.

        ``text`` may be a list of lines: then a newline inside one of them (from outside data)
        is shown escaped, so that it cannot pass for a line of the output.
        """
        if self.json_mode:
            sys.stdout.write(dumps(data) + "\n")
        else:
            text = printable(text) if isinstance(text, str) else _printable_lines(text)
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        sys.stdout.flush()

    def lines(self, lines: Iterable[str], batch: int = 4096) -> int:
        """Print text results one per line as they come; return how many there were.

        For output too long to build in memory first (``prime range 0 10**12``): the reader
        of ``| head`` sees the first lines at once. Text mode only; JSON needs the whole list.
        """
        count = 0
        pending: list[str] = []
        for line in lines:
            pending.append(line)
            count += 1
            if len(pending) >= batch:
                sys.stdout.write(_printable_lines(pending) + "\n")
                sys.stdout.flush()
                pending.clear()
        if pending:
            sys.stdout.write(_printable_lines(pending) + "\n")
        sys.stdout.flush()
        return count

    def warn(self, message: str) -> None:
        """A warning on stderr (never on stdout, so pipes and JSON stay clean)."""
        sys.stderr.write(f"numtheory: warning: {printable(message)}\n")
        sys.stderr.flush()

    def info(self, message: str) -> None:
        """A note for the person at the terminal, on stderr."""
        sys.stderr.write(f"numtheory: {printable(message)}\n")
        sys.stderr.flush()

    def error(self, message: str) -> None:
        """An error on stderr; under ``--json``, kept for the JSON document of :meth:`finish`.

        Long words are cut (:func:`bounded`)."""
        message = bounded(message)
        if self.json_mode:
            self._errors.append(message)
            return
        sys.stderr.write(f"numtheory: error: {printable(message)}\n")
        sys.stderr.flush()

    def finish(self, exit_code: int) -> None:
        """End of the run: under ``--json``, the errors as one JSON object on stderr.

        ``{"error": message, "exit_code": n}`` on one line, the last one the run writes to
        stderr (warnings, which are text, come before it), so ``tail -n 1`` finds it.
        """
        if not self._errors:
            return
        doc = {"error": "; ".join(self._errors), "exit_code": exit_code}
        self._errors.clear()
        sys.stderr.write(_json_safe(json.dumps(doc, ensure_ascii=False)) + "\n")
        sys.stderr.flush()

    @staticmethod
    def is_tty() -> bool:
        """True when stderr is a terminal: progress bars are shown only then."""
        return sys.stderr.isatty()
