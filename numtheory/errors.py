"""The numtheory exception tree.

Every error numtheory raises on purpose derives from :class:`NumtheoryError`. Domain errors
are also ``ValueError``\\ s, type errors also ``TypeError``\\ s and a missing optional
dependency also an ``ImportError``, so callers can catch either the specific class or the
builtin. The classes know nothing of the command line: the ``numtheory`` command maps them
to its exit codes in :mod:`numtheory.cli._exit` (the codes are shown here for the reader;
``tests/cli/test_exit.py`` holds the two together)::

    NumtheoryError                       (anything not listed below: internal)           exit 4
    ├── InputTypeError(TypeError)        wrong type: bool, float, str, None for an int       exit 2
    ├── InputError(ValueError)           a value outside the domain, with the rule and value exit 2
    │   ├── NotPrimeError                p must be prime                                     exit 2
    │   ├── NotEnoughTermsError          too few terms for numtheory.guess to test a guess   exit 2
    │   ├── PoleError                    Gamma and friends at a pole                         exit 2
    │   ├── UnknownCheckError            `numtheory verify NAME` with no such check          exit 2
    │   ├── IntExpressionError           (numtheory.cli._args) CLI integer text: bad syntax
    │   │                                or too costly to evaluate                           exit 2
    │   └── UsageError                   (numtheory.cli._common) argparse refused the words  exit 2
    ├── DaskMissingError(ImportError)    `--scheduler` but dask.distributed is not installed exit 2
    ├── PlotMissingError(ImportError)    a plot asked for, matplotlib not installed
    │                                    (``pip install "numtheory[plot]"``)                 exit 2
    ├── OEISError                        anything about the OEIS                             exit 3
    │   ├── OEISUnavailableError         unreachable, timing out, 429/5xx after retries      exit 3
    │   │   ├── TransientHTTPError       (numtheory.oeis.netcall) one 408/429/5xx, retried   exit 3
    │   │   └── RememberedFailureError   (numtheory.oeis.netcall) failed moments ago: not
    │   │                                tried again now                                     exit 3
    │   ├── OEISResponseError            an answer we cannot parse (HTML page, bad JSON)     exit 3
    │   │   └── BodyTooLargeError        (numtheory.oeis.transport) over the size ceiling    exit 3
    │   ├── OEISRefusedError             4xx other than 404 (403 past the paging cap)        exit 3
    │   ├── SequenceNotFoundError        no such A-number                                    exit 1
    │   ├── TooManyResultsError          the query matches too many sequences                exit 1
    │   └── OfflineError                 offline and no local data (no mirror, no cache)     exit 3
    ├── MirrorError                      the local mirror missing, corrupt, or a sync failed exit 3
    ├── CheckpointError                  a checkpoint of another run/version, damaged/edited exit 2
    ├── EvidenceError                    an evidence record that cannot be read or audited:
    │                                    not JSON, too large, another format (an altered
    │                                    field is an audit that fails, exit 1)               exit 2
    ├── GuessExtendError(ArithmeticError) a guess cannot give the next term (its leading
    │                                    coefficient vanishes, or a non-integer: it is false) exit 1
    ├── NoSolutionError(ValueError)      a well-posed congruence with no solution (no inverse,
    │                                    no discrete log): not bad input                     exit 1
    ├── ConvergenceError                 a numerical method gave up short of the asked
    │                                    accuracy (ask for fewer digits)                     exit 2
    └── SweepError                       a range check could not finish (workers kept dying) exit 4

Raised on purpose outside the tree, because they are not errors of the caller's values:

* :class:`numtheory.verify.SweepInterrupted` (a ``KeyboardInterrupt``): Ctrl-C during a sweep,
  carrying the finished work; the command exits 130, like any interrupt.
* Mistakes in code written against numtheory, raised as the builtins Python programmers
  expect: ``ValueError``/``TypeError`` from :func:`numtheory.retry.retry`'s settings and from
  :mod:`numtheory.verify`'s registration of checks (a check named twice, an ambiguous
  signature), ``TypeError`` from a check returning the wrong type.
* Warnings, not errors: ``numtheory.oeis`` issues ``BFileWarning`` (a b-file line skipped)
  and ``OEISFallbackWarning`` (answered from local data).

Errors from other libraries (requests, sqlite3, json) are wrapped with ``raise ... from exc``,
so the cause stays attached for ``--debug``. The exit codes themselves are documented in the
README ("Exit codes") and ``docs/architecture.md`` ("CLI").

>>> from numtheory.errors import DaskMissingError, InputError
>>> issubclass(InputError, ValueError), issubclass(DaskMissingError, ImportError)
(True, True)
"""

from __future__ import annotations

__all__ = [
    "CheckpointError",
    "ConvergenceError",
    "DaskMissingError",
    "EvidenceError",
    "GuessExtendError",
    "InputError",
    "InputTypeError",
    "MirrorError",
    "NoSolutionError",
    "NotEnoughTermsError",
    "NotPrimeError",
    "NumtheoryError",
    "OEISError",
    "OEISRefusedError",
    "OEISResponseError",
    "OEISUnavailableError",
    "OfflineError",
    "PlotMissingError",
    "PoleError",
    "SequenceNotFoundError",
    "SweepError",
    "TooManyResultsError",
    "UnknownCheckError",
]


class NumtheoryError(Exception):
    """Base class of every error numtheory raises on purpose."""


class InputTypeError(NumtheoryError, TypeError):
    """An argument has the wrong type (bool, float, str or None where an integer is needed)."""


class InputError(NumtheoryError, ValueError):
    """An argument is outside the function's domain; the message gives the rule and the value."""


class NotPrimeError(InputError):
    """A prime was required (the p of a p-adic valuation) and the value is not prime."""


class PoleError(InputError):
    """A function was evaluated at one of its poles (Gamma at 0, -1, -2, ...)."""


class UnknownCheckError(InputError):
    """`numtheory verify` was asked for a check that is not registered."""


class DaskMissingError(NumtheoryError, ImportError):
    """``--scheduler`` was given but dask.distributed is not installed (``numtheory[dask]``).

    An ``ImportError`` (a missing optional dependency, as Python reports one), not a bad
    value: ``except ImportError`` around an optional feature catches it.
    """


class OEISError(NumtheoryError):
    """Something went wrong talking to, or understanding, the OEIS."""


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


class TooManyResultsError(OEISError):
    """The search matched too many sequences for the OEIS to list: give more terms."""


class OfflineError(OEISError):
    """Offline mode (or no network) and no local data can answer."""


class MirrorError(NumtheoryError):
    """The local OEIS mirror is missing or corrupt, or a sync failed (the old mirror is kept)."""


class CheckpointError(NumtheoryError):
    """A verify checkpoint is unreadable, from another run or numtheory version, or does not
    hold together (a field edited or damaged); the message names the field. Never resumed."""


class SweepError(NumtheoryError):
    """A sweep could not finish (workers kept dying, or the executor broke for good)."""


class ConvergenceError(NumtheoryError):
    """A numerical method gave up before reaching the asked accuracy (not a bug, not a bad value).

    Raised by :mod:`numtheory.numerics` when a certification loop or an iteration reaches its
    limit (working precision, points, attempts) without certifying the result; the message
    names what did not converge and what would get further (fewer digits, a smaller radius,
    a larger precision limit). No uncertified digit is ever returned instead.
    """


class NoSolutionError(NumtheoryError, ValueError):
    """A well-posed congruence has no solution: no inverse of ``a`` modulo ``m``, no ``x``
    with ``b**x == a (mod n)``, no multiplicative order of an ``a`` sharing a factor with
    ``n``. A ``ValueError`` (as sympy raises there) but not an :class:`InputError`, so
    ``except InputError`` catches bad input only. Functions whose sympy counterparts return
    None (``crt``, ``sqrt_mod``, ``nthroot_mod``, ``primitive_root``) still return None."""


class NotEnoughTermsError(InputError):
    """Too few terms for :func:`numtheory.guess` to test any guess with the spare terms it needs.

    Distinct from an empty answer (the terms were enough to test, and nothing fitted): here the
    answer is "not enough terms to tell". The message says how many terms were given and how
    many the cheapest guess needs.
    """


class GuessExtendError(NumtheoryError, ArithmeticError):
    """A guess cannot give the next term: its recurrence's leading coefficient vanishes there,
    or it predicts a non-integer for an integer sequence (so the conjecture is false)."""


# BEGIN issue-16-plots
class PlotMissingError(NumtheoryError, ImportError):
    """A plot was asked for (``Sequence.plot()``, ``--plot FILE``) but matplotlib, the optional
    extra ``numtheory[plot]``, is not installed; the message says ``pip install
    "numtheory[plot]"``.

    An ``ImportError``, like :class:`DaskMissingError`: a missing optional dependency that the
    user can install, not a bad value and not a bug.
    """


# END issue-16-plots
# BEGIN issue-15-evidence
class EvidenceError(NumtheoryError):
    """An evidence record (``numtheory verify --evidence``) cannot be written, or cannot be
    read or audited: not a regular file, too large, not JSON, not an evidence record of this
    format, chunks too large to recompute. A record that reads but was altered, its schema
    included (a field of another type, added or removed), is not an error: its audit fails
    (:func:`numtheory.verify.audit`, exit 1, naming the field)."""


# END issue-15-evidence
