"""The numtheory exception tree.

Every error numtheory raises on purpose derives from :class:`NumtheoryError`, and each
carries the CLI exit code it maps to (``exit_code``). Domain errors are also
``ValueError``\\ s and type errors are also ``TypeError``\\ s, so callers can catch either the
specific class or the builtin::

    NumtheoryError                       (exit 4 unless a subclass says otherwise)
    ├── InputTypeError(TypeError)        wrong type: bool, float, str, None where an int is needed   exit 2
    ├── InputError(ValueError)           a value outside the domain, with the rule and the value     exit 2
    │   ├── IntExpressionError           (numtheory.cli._args) CLI integer text: bad syntax, or too costly
    │   ├── NotPrimeError                p must be prime
    │   ├── PoleError                    Gamma and friends at a pole
    │   ├── UnknownCheckError            `numtheory verify NAME` with no such check
    │   └── DaskMissingError             `--scheduler` given but dask.distributed is not installed
    ├── OEISError                        anything about the OEIS                                     exit 3
    │   ├── OEISUnavailableError         unreachable, timing out or answering 429/5xx after retries  exit 3
    │   │   ├── TransientHTTPError       (numtheory.oeis.client) one 408/429/5xx, retried; internal
    │   │   └── RememberedFailureError   (numtheory.oeis.client) it failed moments ago: not tried now
    │   ├── OEISResponseError            an answer we cannot parse (HTML page, truncated JSON, ...)  exit 3
    │   │   └── BodyTooLargeError        (numtheory.oeis.transport) over the size ceiling, not read
    │   ├── OEISRefusedError             4xx other than 404 (e.g. 403 past the anonymous paging cap) exit 3
    │   ├── SequenceNotFoundError        no such A-number                                            exit 1
    │   ├── TooManyResultsError          the query matches too many sequences: give more terms       exit 1
    │   └── OfflineError                 offline and no local data (no mirror, nothing cached)       exit 3
    ├── MirrorError                      the local mirror is missing, corrupt, or a sync failed      exit 3
    ├── CheckpointError                  a checkpoint of another run/version, damaged or edited      exit 2
    └── SweepError                       a range check could not finish (workers kept dying)         exit 4

Errors from other libraries (requests, sqlite3, json) are wrapped with ``raise ... from exc``,
so the cause stays attached for ``--debug``.
"""

from __future__ import annotations

__all__ = [
    "CheckpointError",
    "DaskMissingError",
    "InputError",
    "InputTypeError",
    "MirrorError",
    "NotPrimeError",
    "NumtheoryError",
    "OEISError",
    "OEISRefusedError",
    "OEISResponseError",
    "OEISUnavailableError",
    "OfflineError",
    "PoleError",
    "SequenceNotFoundError",
    "SweepError",
    "TooManyResultsError",
    "UnknownCheckError",
]

#: CLI exit codes (DESIGN.md): 0 success, 1 nothing found / a check failed, 2 bad usage or
#: input, 3 the OEIS unreachable or answering badly, 4 internal error.
EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3
EXIT_INTERNAL = 4


class NumtheoryError(Exception):
    """Base class of every error numtheory raises on purpose."""

    exit_code: int = EXIT_INTERNAL


class InputTypeError(NumtheoryError, TypeError):
    """An argument has the wrong type (bool, float, str or None where an integer is needed)."""

    exit_code = EXIT_USAGE


class InputError(NumtheoryError, ValueError):
    """An argument is outside the function's domain; the message gives the rule and the value."""

    exit_code = EXIT_USAGE


class NotPrimeError(InputError):
    """A prime was required (the p of a p-adic valuation) and the value is not prime."""


class PoleError(InputError):
    """A function was evaluated at one of its poles (Gamma at 0, -1, -2, ...)."""


class UnknownCheckError(InputError):
    """`numtheory verify` was asked for a check that is not registered."""


class DaskMissingError(InputError):
    """``--scheduler`` was given but dask.distributed is not installed (``numtheory[dask]``)."""


class OEISError(NumtheoryError):
    """Something went wrong talking to, or understanding, the OEIS."""

    exit_code = EXIT_UNAVAILABLE


class OEISUnavailableError(OEISError):
    """The OEIS could not be reached, timed out, or kept answering 429/5xx after retries."""


class OEISResponseError(OEISError):
    """The OEIS answered with something we cannot parse (HTML error page, truncated JSON...)."""


class OEISRefusedError(OEISError):
    """The OEIS refused the request with a 4xx other than 404 (not retried)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class SequenceNotFoundError(OEISError):
    """No sequence has that A-number."""

    exit_code = EXIT_NOT_FOUND


class TooManyResultsError(OEISError):
    """The search matched too many sequences for the OEIS to list: give more terms."""

    exit_code = EXIT_NOT_FOUND


class OfflineError(OEISError):
    """Offline mode (or no network) and no local data can answer."""


class MirrorError(NumtheoryError):
    """The local OEIS mirror is missing or corrupt, or a sync failed (the old mirror is kept)."""

    exit_code = EXIT_UNAVAILABLE


class CheckpointError(NumtheoryError):
    """A verify checkpoint is unreadable, from another run or numtheory version, or does not
    hold together (a field edited or damaged); the message names the field. Never resumed."""

    exit_code = EXIT_USAGE


class SweepError(NumtheoryError):
    """A sweep could not finish (workers kept dying, or the executor broke for good)."""


# --- guessing (numtheory.guessing) ---
class NotEnoughTermsError(InputError):
    """Too few terms for :func:`numtheory.guess` to test any guess with the spare terms it needs.

    Distinct from an empty answer (the terms were enough to test, and nothing fitted): here the
    answer is "not enough terms to tell". The message says how many terms were given and how
    many the cheapest guess needs.
    """


class GuessExtendError(NumtheoryError, ArithmeticError):
    """A guess cannot give the next term: its recurrence's leading coefficient vanishes there,
    or it predicts a non-integer for an integer sequence (so the conjecture is false)."""

    exit_code = EXIT_NOT_FOUND


__all__ += ["GuessExtendError", "NotEnoughTermsError"]
# --- end guessing ---
