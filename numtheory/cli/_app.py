"""Parser construction from the static command table, and the error-to-exit-code policy.

Start-up cost matters here (``numtheory oeis 1,2,6,20`` answered from the cache should not
wait for GMP, FLINT and mpmath to load): the command modules are light at import (argparse
and these helpers only; heavy libraries are imported inside ``run``), and only the command
being run gets its arguments registered (``register``), so its own imports are the only
ones paid for.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
import threading
import traceback
from collections.abc import Sequence
from types import ModuleType

from numtheory import __version__
from numtheory.cli._common import Parser, UsageError, common_options
from numtheory.cli._exit import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, exit_code_for
from numtheory.cli._output import Output
from numtheory.errors import NumtheoryError

__all__ = ["COMMANDS", "PROG", "build_parser", "command_modules", "console_main", "main"]

PROG = "numtheory"

#: The command modules, in the order ``numtheory --help`` lists them. A command is a module
#: ``numtheory/cli/cmd_NAME.py`` with ``NAME``, ``HELP``, ``DESCRIPTION``,
#: ``register(parser)`` and ``run(args, out) -> int``; adding one is adding its line here.
COMMANDS: tuple[str, ...] = (
    "numtheory.cli.cmd_valuation",
    "numtheory.cli.cmd_prime",
    "numtheory.cli.cmd_factor",
    "numtheory.cli.cmd_fn",
    "numtheory.cli.cmd_oeis",
    "numtheory.cli.cmd_guess",
    "numtheory.cli.cmd_identify",
    "numtheory.cli.cmd_mirror",
    "numtheory.cli.cmd_verify",
    # BEGIN issue-16-plots
    "numtheory.cli.cmd_plot",
    # END issue-16-plots
)


def command_modules() -> list[ModuleType]:
    """The modules of :data:`COMMANDS`, imported (each is light at import), in table order."""
    return [importlib.import_module(name) for name in COMMANDS]


def _chosen(words: Sequence[str], names: set[str]) -> str | None:
    """The command named on the command line: the first word that is not an option.

    The options before a command (``--json``, ``--debug``, ``--version``, ``-h``) take no
    value, so the first other word is the command (or a typo argparse will report).
    """
    for word in words:
        if word != "--" and not word.startswith("-"):
            return word if word in names else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``numtheory`` parser.

    Every command is listed (name, help, description); the arguments of a command are
    registered only for the one ``argv`` names, or for all of them when ``argv`` is None.
    """
    parser = Parser(
        prog=PROG,
        description=(
            "High-precision number theory: big integers on GMP/FLINT, the OEIS, "
            "mpmath numerics, and checks of mathematical claims."
        ),
        parents=[common_options(defaults=True)],
        epilog=(
            "exit codes: 0 success, 1 nothing found or a check failed, 2 bad usage or input, "
            "3 the OEIS unreachable or answering badly, 4 internal error"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    sub_parent = common_options(defaults=False)
    modules = command_modules()
    wanted = None if argv is None else _chosen(argv, {module.NAME for module in modules})
    for module in modules:
        sub = subparsers.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.DESCRIPTION,
            parents=[sub_parent],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if argv is None or wanted == module.NAME:
            module.register(sub)
            sub.set_defaults(_run=module.run)
    return parser


def console_main() -> None:
    """The ``numtheory`` command (and ``python -m numtheory``): :func:`main`, then exit.

    A module loaded with ``verify --import`` may start a thread that is not a daemon; the
    interpreter would then wait for it for ever after the results are printed (``| tee``
    never ends). The command exits anyway, with a note naming the threads. In-process callers
    of :func:`main` (tests, notebooks) are not affected: they get the exit code back.

    Examples
    --------
    >>> import subprocess, sys
    >>> done = subprocess.run([sys.executable, "-m", "numtheory", "fn", "totient", "10"],
    ...                       capture_output=True, text=True)
    >>> done.returncode, done.stdout.split()
    (0, ['4'])
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
    """Run the CLI and return the exit code (the console script passes it to sys.exit).

    Parameters
    ----------
    argv
        The words after ``numtheory`` (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 success, 1 nothing found or a check failed, 2 bad input, 3 the OEIS
        unreachable, 4 internal error (``numtheory.cli._exit``).

    Examples
    --------
    >>> main(["fn", "totient", "10"])
    4
    0
    >>> main(["prime", "test", "91"])
    91: composite
    1
    """
    # Big integers are the point of this tool: lift Python's 4300-digit str<->int limit.
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
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
        return exit_code_for(exc)
    except KeyboardInterrupt:
        out.error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `numtheory ... | head`: the reader went away; that is not our error.
        _silence_stdout()
        return 0
    except Exception as exc:
        if debug:
            traceback.print_exc()
        if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
            # a --plot, --checkpoint, --evidence or --from path the file system refuses: the
            # user's to fix (exit 2), not a bug (it was exit 4, the name in full)
            out.error(f"file name too long for the file system: {exc.filename}")
            return EXIT_USAGE
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
