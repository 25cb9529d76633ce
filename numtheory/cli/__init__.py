"""The ``numtheory`` command line: argparse in, library calls, text or JSON out.

Each subcommand lives in its own module ``numtheory/cli/cmd_<name>.py`` exposing ``NAME``,
``HELP``, ``DESCRIPTION``, ``register(parser)`` and ``run(args, out) -> int``, and is listed
once in :data:`numtheory.cli._app.COMMANDS`. Command modules build on the public helpers
:func:`numtheory.cli._common.common_options`, :mod:`numtheory.cli._args` (integer
arguments), :mod:`numtheory.cli._output` (``Output``, ``decimal``, ``short_int``) and
:mod:`numtheory.cli._exit` (exit codes). Importing this package loads none of GMP, FLINT,
mpmath, requests or numpy: each command imports what it needs when it runs.
"""

from numtheory.cli._app import console_main, main
from numtheory.cli._exit import exit_code_for

__all__ = ["console_main", "exit_code_for", "main"]
