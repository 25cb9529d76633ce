"""Parser construction, subcommand discovery, and the error-to-exit-code policy."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys
import threading
import traceback
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from numtheory import __version__
from numtheory.cli._output import Output
from numtheory.errors import EXIT_INTERNAL, EXIT_USAGE, NumtheoryError

PROG = "numtheory"


class _Parser(argparse.ArgumentParser):
    """argparse, except that ``-2^64``, ``-5,3`` and ``-7`` are values, never options.

    argparse only treats ``-7`` and ``-.5`` as negative numbers; expressions and term lists that
    start with a minus sign would be taken for unknown options. No numtheory option starts with
    a digit, so a minus followed by a digit is always a value. ``add_subparsers`` reuses this
    class, so every command and sub-command gets it. (argparse has no public hook for this; the
    attribute exists on every supported Python.)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d")

    def error(self, message: str) -> NoReturn:
        """A usage error: raised to :func:`main`, which prints it as text or, under --json, JSON."""
        raise UsageError(self, message)


class UsageError(Exception):
    """argparse found bad usage; ``parser`` is the (sub)command whose usage line fits."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


def _common_options(defaults: bool) -> _Parser:
    """--json and --debug, accepted before and after the subcommand.

    The copy attached to subparsers uses SUPPRESS defaults so that a flag given before the
    subcommand is not reset by the subparser's own default.
    """
    parent = _Parser(add_help=False)
    default = False if defaults else argparse.SUPPRESS
    parent.add_argument(
        "--json", action="store_true", default=default, help="print one JSON document on stdout"
    )
    parent.add_argument(
        "--debug", action="store_true", default=default, help="show tracebacks on errors"
    )
    return parent


def _command_modules() -> list[ModuleType]:
    import numtheory.cli as package

    names = sorted(
        info.name for info in pkgutil.iter_modules(package.__path__) if info.name.startswith("cmd_")
    )
    modules = [importlib.import_module(f"numtheory.cli.{name}") for name in names]
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 50))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            "High-precision number theory: big integers on GMP/FLINT, the OEIS, "
            "mpmath numerics, and checks of mathematical claims."
        ),
        parents=[_common_options(defaults=True)],
        epilog=(
            "exit codes: 0 success, 1 nothing found or a check failed, 2 bad usage or input, "
            "3 the OEIS unreachable or answering badly, 4 internal error"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    sub_parent = _common_options(defaults=False)
    for module in _command_modules():
        sub = subparsers.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            parents=[sub_parent],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.register(sub)
        sub.set_defaults(_run=module.run)
    return parser


def console_main() -> None:
    """The ``numtheory`` command (and ``python -m numtheory``): :func:`main`, then exit.

    A module loaded with ``verify --import`` may start a thread that is not a daemon; the
    interpreter would then wait for it for ever after the results are printed (``| tee``
    never ends). The command exits anyway, with a note naming the threads. In-process callers
    of :func:`main` (tests, notebooks) are not affected: they get the exit code back.
    """
    code = main()
    left = [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and t.is_alive() and not t.daemon
    ]
    if left:
        names = ", ".join(repr(t.name) for t in left[:3])
        sys.stderr.write(
            f"numtheory: note: exiting although {len(left)} thread(s) started by imported code "
            f"are still running ({names})\n"
        )
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code (the console script passes it to sys.exit)."""
    # Big integers are the point of this tool: lift Python's 4300-digit str<->int limit.
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse: --help/--version (0)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except UsageError as exc:
        # --json asks for machine-readable output, errors included (before any "--").
        wants_json = "--json" in words[: words.index("--")] if "--" in words else "--json" in words
        out = Output(json_mode=wants_json)
        if not wants_json:
            exc.parser.print_usage(sys.stderr)
            sys.stderr.write(f"{exc.parser.prog}: error: {exc.message}\n")
            return EXIT_USAGE
        out.error(f"{exc.parser.prog}: {exc.message}")
        out.finish(EXIT_USAGE)
        return EXIT_USAGE
    debug = bool(getattr(args, "debug", False)) or os.environ.get("NUMTHEORY_DEBUG") == "1"
    out = Output(json_mode=bool(getattr(args, "json", False)))
    code = EXIT_INTERNAL
    try:
        code = _run(args, out, debug)
    finally:
        out.finish(code)
    return code


def _run(args: argparse.Namespace, out: Output, debug: bool) -> int:
    """Run the command; map every error to its exit code (a message, no traceback)."""
    try:
        return int(args._run(args, out))
    except NumtheoryError as exc:
        if debug:
            traceback.print_exc()
        out.error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        out.error("interrupted")
        return 130
    except BrokenPipeError:
        # `numtheory ... | head`: the reader went away; that is not our error.
        _silence_stdout()
        return 0
    except Exception as exc:
        if debug:
            traceback.print_exc()
        out.error(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)"
        )
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
