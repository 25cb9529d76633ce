"""``guess()``: every explanation of a finite integer sequence the terms support, best first.

The spare-terms rule
--------------------
A guess with ``U`` unknowns (up to scale) is determined by the first ``fitted`` terms; every
further term is an independent test it could fail. If the later terms were unrelated to the
earlier ones, drawn from ``D`` possible values, each would agree with the guess's prediction
with probability at most ``1/D``. So a guess is reported only when at least ``spare`` further
terms agree, where ``spare`` is the least ``s >= 6`` with ``D^s >= 10^6``, ``D`` being the
number of distinct values among the terms (at least 2): one chance in a million per ansatz
that a random continuation is accepted (6 spare terms for sequences with 10 or more distinct
values, 20 for a 0/1 sequence). ``guess`` tries a few dozen ansatzes, so the chance of a
false guess on unrelated data stays around 10^-4. ``min_confirm`` overrides the rule.

When the terms are too few for even the cheapest guess (a polynomial of degree 1, or a
recurrence of order 1) plus its spare terms, the answer is "not enough terms to tell":
:class:`~numtheory.errors.NotEnoughTermsError` (an ``InputError``) is raised. An empty list
means the terms were enough to test, and nothing fitted.

>>> from numtheory import guess
>>> [g.kind for g in guess([1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796])]
['hypergeometric', 'algebraic']
>>> guess([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9])
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from itertools import islice

from numtheory._validate import as_int
from numtheory.errors import InputError, NotEnoughTermsError
from numtheory.guessing._algebraic import guess_algebraic
from numtheory.guessing._holonomic import guess_holonomic
from numtheory.guessing._linear import guess_c_finite, guess_polynomial
from numtheory.guessing._model import KINDS, Guess
from numtheory.guessing._modular import Residues

__all__ = ["DEFAULT_MAX_ORDER", "MAX_ORDER_LIMIT", "guess", "spare_terms"]

#: Highest order of a recurrence with polynomial coefficients tried by default (C-finite
#: recurrences: as high as the terms allow, Berlekamp-Massey is cheap).
DEFAULT_MAX_ORDER = 10
#: Highest order of a recurrence with polynomial coefficients tried whatever ``max_order``
#: says: 2,000 random terms with max_order=10,000 ran past 120 s CPU trying orders up to 350.
MAX_HOLONOMIC_ORDER = 50
#: Largest ``max_order``/``max_degree`` accepted: beyond, the kernels would not fit in memory.
MAX_ORDER_LIMIT = 10_000
#: Most terms accepted: Berlekamp-Massey and the exact checks are linear in the terms per
#: order tried, so 50,000 terms stay within tens of seconds (the CLI's term list holds at
#: most 100,000 characters, so no more terms anyway).
MAX_TERMS = 50_000
#: Fewest spare terms, whatever the values.
MIN_SPARE = 6
#: A random continuation passes the spare terms with probability at most 1/CHANCE.
CHANCE = 10**6


def spare_terms(terms: Sequence[int]) -> int:
    """The spare terms a guess needs by default (see the module docstring).

    Examples
    --------
    >>> spare_terms([0, 1] * 20), spare_terms(list(range(30)))
    (20, 6)
    """
    distinct = max(len(set(terms)), 2)
    spare, power = 0, 1
    while power < CHANCE:
        power *= distinct
        spare += 1
    return max(spare, MIN_SPARE)


def _bound(value: int | None, name: str, low: int) -> int | None:
    if value is None:
        return None
    value = as_int(value, name)
    if not low <= value <= MAX_ORDER_LIMIT:
        raise InputError(f"{name} must be between {low} and {MAX_ORDER_LIMIT:,}, got {value}")
    return value


def guess(
    terms: Iterable[int],
    offset: int = 0,
    *,
    kinds: Iterable[str] | None = None,
    max_order: int | None = None,
    max_degree: int | None = None,
    min_confirm: int | None = None,
) -> list[Guess]:
    """Guess formulas for ``a(offset), a(offset+1), ...``: every kind that fits, best first.

    Parameters
    ----------
    terms : iterable of int
        The terms, ``a(offset)`` first. Any size: they are reduced modulo word-size primes.
    offset : int
        The index of the first term (recurrences are polynomials in this ``n``).
    kinds : iterable of str, optional
        Which of ``"polynomial", "c-finite", "hypergeometric", "p-recursive",
        "p-recursive-egf", "algebraic"`` to try (default all).
    max_order : int, optional
        Highest recurrence order (and degree in ``f`` of an algebraic equation) tried.
        Default: as many as the terms allow for C-finite (at most 1000), 10 for polynomial
        coefficients, 4 for algebraic equations. Polynomial coefficients are tried up to
        order ``MAX_HOLONOMIC_ORDER`` (50) whatever ``max_order`` says: each order costs a
        kernel of up to 700 unknowns, twice (a(n) and a(n)/n!).
    max_degree : int, optional
        Highest degree of the polynomial coefficients (or in ``x``). Default: as high as the
        terms allow, within a budget that keeps any input to seconds: 700 unknowns
        ``(r+1)(d+1)`` for a recurrence with polynomial coefficients, 200 for an algebraic
        equation, degree 200 for a polynomial. An explicit ``max_degree`` replaces the
        budget (up to what the terms allow).
    min_confirm : int, optional
        Spare terms every guess must be confirmed by (default: the spare-terms rule above).

    Returns
    -------
    list of Guess
        Simplest first (fewest terms needed to fit, so most confirmed), ties in the order of
        the kinds above; at most one guess per kind, of minimal order then minimal degree.
        Once one guess is found, the costlier kinds look only for relations needing at most
        ``max(4 F, 100)`` terms (``F``: the best guess's ``fitted``). A recurrence for
        ``a(n)/n!`` is listed only when it needs no more terms than the best guess for
        ``a(n)``; an algebraic equation only when no C-finite one fits (a
        rational function is its own, degree-1, equation); a degree-0 recurrence only as
        C-finite. Empty when the terms were enough to test and nothing fitted.

    Raises
    ------
    NotEnoughTermsError
        Fewer than ``spare + 2`` terms: not enough to tell.
    InputTypeError, InputError
        A term that is not an integer, an unknown kind, a bound out of range, more than
        ``MAX_TERMS`` (50,000) terms (an iterator is read no further than one past that).

    Notes
    -----
    Guarantee: each guess satisfies every given term exactly (checked over the integers
    after the modular solve). It is a conjecture: nothing is claimed past the given terms.
    References: Kauers, "Guessing handbook" (RISC 09-07, 2009); Salvy & Zimmermann, "GFUN",
    ACM TOMS 20 (1994).

    Examples
    --------
    >>> g = guess([1, 2, 6, 20, 70, 252, 924, 3432, 12870, 48620, 184756, 705432])[0]
    >>> g.kind, g.closed_form
    ('hypergeometric', 'a(n+1)/a(n) = (4*n + 2)/(n + 1); a(n) = 4^n * (1/2)_n / (1)_n')
    """
    # at most one term past the cap is read: an endless or huge iterator costs nothing more
    given = list(islice(terms, MAX_TERMS + 1))
    if len(given) > MAX_TERMS:
        try:  # len(range(10**30)) is an OverflowError, not a count
            got = f"{len(terms):,}" if isinstance(terms, Sized) else "more"
        except OverflowError:
            got = "more"
        raise InputError(f"guess() takes at most {MAX_TERMS:,} terms, got {got}")
    values = [as_int(t, f"term {j}") for j, t in enumerate(given)]
    offset = as_int(offset, "offset")
    if isinstance(kinds, str):  # guess(terms, kinds="c-finite"): one kind, not its letters
        kinds = [kinds]
    wanted = set(KINDS) if kinds is None else set(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise InputError(f"unknown kind {unknown[0]!r}: the kinds are {', '.join(KINDS)}")
    order_cap = _bound(max_order, "max_order", 1)
    degree_cap = _bound(max_degree, "max_degree", 0)
    if min_confirm is None:
        spare = spare_terms(values)
    else:
        spare = as_int(min_confirm, "min_confirm")
        if spare < 1:
            raise InputError(f"min_confirm must be at least 1, got {spare}")
    if len(values) < spare + 2:
        raise NotEnoughTermsError(
            f"not enough terms to tell: {len(values)} given, and the simplest guess needs "
            f"2 to fit plus {spare} spare terms to confirm it ({spare + 2})"
        )
    data = Residues(values, offset)
    holo_order = min(order_cap, MAX_HOLONOMIC_ORDER) if order_cap is not None else DEFAULT_MAX_ORDER
    found: list[Guess] = []
    cfinite = guess_c_finite(data, spare, order_cap) if "c-finite" in wanted else None
    if "polynomial" in wanted:
        # a polynomial of degree d has linear complexity d + 1: with a C-finite guess of
        # order L, only degree L - 1 is possible (and the differences stop there)
        poly_cap = degree_cap
        if cfinite is not None:
            top = cfinite.order - 1
            poly_cap = top if poly_cap is None else min(poly_cap, top)
        found += _some(guess_polynomial(data, spare, poly_cap))
    found += _some(cfinite)
    if wanted & {"hypergeometric", "p-recursive"}:
        order = holo_order if "p-recursive" in wanted else 1
        holo = guess_holonomic(data, spare, order, degree_cap, max_fitted=_cap(found))
        if holo is not None and holo.kind in wanted and not _same_as(holo, cfinite):
            found.append(holo)
    if "p-recursive-egf" in wanted and offset >= 0:
        # a(n)/n! is listed when it is no harder to fit than the best ordinary recurrence
        best = min((g.fitted for g in found), default=None)
        egf = guess_holonomic(data, spare, holo_order, degree_cap, egf=True, max_fitted=best)
        found += _some(egf)
    if "algebraic" in wanted and cfinite is None:
        found += _some(guess_algebraic(data, spare, order_cap or 4, degree_cap, _cap(found)))
    rank = {kind: k for k, kind in enumerate(KINDS)}
    return sorted(found, key=lambda g: (g.fitted, rank[g.kind]))


#: Once a guess needing F terms is found, the costlier kinds are searched only for relations
#: needing at most max(LATER_FACTOR * F, LATER_MIN) terms: 2,000 terms of a simple sequence
#: would otherwise cost ten 2000 x 2000 kernels for relations nobody would prefer.
LATER_FACTOR = 4
LATER_MIN = 100


def _cap(found: list[Guess]) -> int | None:
    best = min((g.fitted for g in found), default=None)
    return None if best is None else max(LATER_FACTOR * best, LATER_MIN)


def _some(g: Guess | None) -> list[Guess]:
    return [] if g is None else [g]


def _same_as(holo: Guess, cfinite: Guess | None) -> bool:
    """A degree-0 recurrence is C-finite: do not list it twice."""
    return cfinite is not None and holo.degree == 0 and holo.order >= cfinite.order
