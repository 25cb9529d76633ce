"""What every command module shares: the argument parser class, its usage error, and the
``--json``/``--debug`` options a command's own sub-commands accept too.

Light on purpose (argparse and :mod:`numtheory.errors` only): every command module imports
this to build its part of the parser, also when another command is the one being run.
"""

from __future__ import annotations

import argparse
import re
from typing import Any, NoReturn

from numtheory._validate import excerpt
from numtheory.errors import InputError

#: A quoted value of more than 80 characters in an argparse message (``invalid choice: '...'``)
_LONG_QUOTE = re.compile(r"'([^']{81,})'")
#: A word of more than 80 characters in argparse's unquoted ``unrecognized arguments: ...``
_LONG_WORD = re.compile(r"\S{81,}")
_UNRECOGNIZED = "unrecognized arguments: "


def _short_words(text: str) -> str:
    return _LONG_WORD.sub(lambda m: excerpt(m[0]), text)


__all__ = ["Parser", "UsageError", "common_options"]


class UsageError(InputError):
    """argparse found bad usage; ``parser`` is the (sub)command whose usage line fits.

    Bad input like any other (exit 2); :func:`numtheory.cli.main` prints it with the usage
    line of ``parser``, or as the JSON error under ``--json``.
    """

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class Parser(argparse.ArgumentParser):
    """argparse, except that ``-2^64``, ``-5,3`` and ``-7`` are values, never options.

    argparse only treats ``-7`` and ``-.5`` as negative numbers; expressions and term lists that
    start with a minus sign would be taken for unknown options. No numtheory option starts with
    a digit, so a minus followed by a digit is always a value. ``add_subparsers`` reuses this
    class, so every command and sub-command gets it. (argparse has no public hook for this; the
    attribute exists on every supported Python.)

    >>> Parser(prog="demo").parse_known_args(["-2^64"])[1]
    ['-2^64']
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d")

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        # kept for error(): argparse reports missing arguments before unknown options, so
        # `numtheory factor --bogus` would not name --bogus
        self._words = [] if args is None else [w for w in args if isinstance(w, str)]
        return super().parse_known_args(args, namespace)

    def _unknown_options(self) -> list[str]:
        known = list(self._option_string_actions)
        unknown = []
        for word in getattr(self, "_words", []):
            if word in ("-", "--"):
                break
            if not word.startswith("-") or self._negative_number_matcher.match(word):
                # the words after a command are its parser's to judge (`numtheory bogus
                # --limit 3`: the command is wrong, not --limit)
                if self._subparsers is not None:
                    break
                continue
            flag = word.partition("=")[0]
            if word[1] != "-" and word[:2] in known:  # `-p3`: -p with its value attached
                continue
            if not any(option.startswith(flag) for option in known):
                unknown.append(flag)
        return unknown

    def error(self, message: str) -> NoReturn:
        """A usage error: raised to :func:`main`, which prints it as text or, under --json, JSON.

        An unknown option is named first (argparse names missing arguments first), and a
        long value in argparse's message (quoted, or an unrecognized word) is cut to an
        excerpt: a million-character argument must not come back as a megabyte of message.
        """
        unknown = self._unknown_options()
        message = _LONG_QUOTE.sub(lambda m: excerpt(m[1]), message)
        if message.startswith(_UNRECOGNIZED):
            message = _UNRECOGNIZED + _short_words(message[len(_UNRECOGNIZED) :])
        elif unknown:
            message = f"{_UNRECOGNIZED}{_short_words(' '.join(unknown))} (and {message})"
        raise UsageError(self, message)


def common_options(defaults: bool = False) -> Parser:
    """A parent parser with ``--json`` and ``--debug``, for ``parents=[...]``.

    Parameters
    ----------
    defaults : bool, default False
        True only for the top-level parser. A command's sub-commands (``prime test``,
        ``mirror status``) take ``parents=[common_options()]``: their copies default to
        ``argparse.SUPPRESS``, so a flag given before the command is not reset by theirs.

    Returns
    -------
    Parser
        A parser without ``-h`` holding the two flags.

    >>> sub = Parser(prog="demo", parents=[common_options()])
    >>> vars(sub.parse_args([])), vars(sub.parse_args(["--json"]))
    ({}, {'json': True})
    """
    parent = Parser(add_help=False)
    default = False if defaults else argparse.SUPPRESS
    parent.add_argument(
        "--json", action="store_true", default=default, help="print one JSON document on stdout"
    )
    parent.add_argument(
        "--debug", action="store_true", default=default, help="show tracebacks on errors"
    )
    return parent
