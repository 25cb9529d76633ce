"""The ``numtheory`` command line: argparse in, library calls, text or JSON out.

Each subcommand lives in its own module ``numtheory/cli/cmd_<name>.py`` exposing ``NAME``,
``HELP``, ``register(parser)`` and ``run(args, out) -> int``; :mod:`numtheory.cli._app`
discovers them, so adding a command touches no shared file.
"""

from numtheory.cli._app import console_main, main

__all__ = ["console_main", "main"]
