"""The exit codes of the ``numtheory`` command, and which exception exits with which.

The codes are the command's contract (README, "Exit codes"; ``docs/architecture.md``,
"CLI"): 0 success, 1 ran fine but found nothing or a check failed, 2 bad usage or input,
3 the OEIS unreachable or answering badly (or local data damaged), 4 internal error.

The library's exception classes (:mod:`numtheory.errors`) carry no CLI knowledge; this table
maps them, most specific class first, and the first row that matches wins. A
:class:`~numtheory.errors.NumtheoryError` that no row names more precisely is reported as an
internal error (4): a new error class gets a row here, or it is a bug report.

>>> from numtheory.errors import SequenceNotFoundError, OfflineError
>>> exit_code_for(SequenceNotFoundError("A999999999")), exit_code_for(OfflineError("no data"))
(1, 3)
"""

from __future__ import annotations

from numtheory import errors

__all__ = [
    "EXIT_CODES",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_UNAVAILABLE",
    "EXIT_USAGE",
    "exit_code_for",
]

EXIT_OK = 0
#: Ran fine, found nothing: no OEIS match, unknown A-number, a tested number not prime...
EXIT_NOT_FOUND = 1
#: Bad usage or input, bad configuration, a damaged checkpoint, a missing optional extra.
EXIT_USAGE = 2
#: The OEIS unreachable or answering badly after retries, or the local mirror damaged.
EXIT_UNAVAILABLE = 3
#: A bug (or a failure no row below describes): the traceback with --debug.
EXIT_INTERNAL = 4
#: Ctrl-C, as shells report SIGINT (128 + 2).
EXIT_INTERRUPTED = 130

#: ``(exception class, exit code)``, most specific first: the first row that matches wins.
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    # Two OEIS answers are "nothing found", not "unreachable": before their base class.
    (errors.SequenceNotFoundError, EXIT_NOT_FOUND),
    (errors.NoSolutionError, EXIT_NOT_FOUND),
    (errors.GuessExtendError, EXIT_NOT_FOUND),
    (errors.TooManyResultsError, EXIT_NOT_FOUND),
    (errors.OEISError, EXIT_UNAVAILABLE),
    (errors.MirrorError, EXIT_UNAVAILABLE),
    (errors.InputTypeError, EXIT_USAGE),
    (errors.InputError, EXIT_USAGE),
    (errors.CheckpointError, EXIT_USAGE),
    # BEGIN issue-15-evidence
    (errors.EvidenceError, EXIT_USAGE),
    # END issue-15-evidence
    # The user asked for --scheduler without the extra installed: fixable by them, like bad
    # input, and not a bug of ours.
    (errors.DaskMissingError, EXIT_USAGE),
    # BEGIN issue-16-plots
    # --plot FILE without matplotlib: as for --scheduler without dask, the user asked for a
    # feature whose optional extra is not installed; they fix it (`pip install
    # "numtheory[plot]"`), so it is bad usage (2), not an internal error (4). It is checked
    # before any work, like every other refused option.
    (errors.PlotMissingError, EXIT_USAGE),
    # END issue-16-plots
    # The method's limit, not a bug: the message says to ask for fewer digits.
    (errors.ConvergenceError, EXIT_USAGE),
    (errors.SweepError, EXIT_INTERNAL),
    (errors.NumtheoryError, EXIT_INTERNAL),
)


def exit_code_for(exc: BaseException) -> int:
    """The exit code of the ``numtheory`` command for ``exc`` (4 when no row matches).

    Parameters
    ----------
    exc : BaseException
        Usually a :class:`~numtheory.errors.NumtheoryError`; anything else is internal (4).

    Returns
    -------
    int
        The code of the first row of :data:`EXIT_CODES` whose class ``exc`` is an instance of.

    Examples
    --------
    >>> from numtheory.errors import InputError
    >>> exit_code_for(InputError("n must be >= 0")), exit_code_for(RuntimeError("bug"))
    (2, 4)
    """
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return EXIT_INTERNAL
