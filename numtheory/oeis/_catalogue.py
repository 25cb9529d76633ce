"""The built-in catalogue: core OEIS sequences computed on the spot, always available offline.

Each entry has its A-number, a short name written for numtheory (not the OEIS's wording), its
offset, keywords, and a generator that computes the first ``n`` terms with numtheory's own
integer functions (:mod:`numtheory.arith`; the table is :mod:`._catalogue_generators`).
Nothing is downloaded and nothing is copied from the OEIS except the numbering.

A private module (public names are re-exported, as ``numtheory.oeis.catalogue`` is the
function :func:`catalogue`), so no function shadows its module.

How many terms an entry shows (:meth:`CatalogueEntry.sequence` without ``count``) imitates an
OEIS data line: up to :data:`DEFAULT_TERMS` (50) terms, fewer when the terms get big, stopping
before the comma-separated terms pass :data:`DATA_CHARS` (260) characters, with at least
:data:`MIN_TERMS` terms. Some generators can only give a fixed number of terms
(``max_terms``; e.g. A000001, the number of groups of order n, is a table up to n = 64):
asking for more raises :class:`~numtheory.errors.InputError`, so a generator never invents a
term.

>>> from numtheory.oeis._catalogue import entry
>>> entry(984).terms(8)
(1, 2, 6, 20, 70, 252, 924, 3432)
>>> entry(45).sequence().name
'Fibonacci numbers: F(n) = F(n-1) + F(n-2), F(0) = 0, F(1) = 1'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from numtheory.errors import InputError
from numtheory.oeis.model import Sequence, normalize_anumber

if TYPE_CHECKING:  # the table itself is imported on first use (see _entries)
    from numtheory.oeis._catalogue_generators import Generator

__all__ = [
    "DATA_CHARS",
    "DEFAULT_TERMS",
    "MIN_OVERLAP",
    "MIN_TERMS",
    "CatalogueEntry",
    "catalogue",
    "entry",
    "get",
    "search",
]

DEFAULT_TERMS = 50
DATA_CHARS = 260
MIN_TERMS = 5
#: A match may run past a data line only if at least this many terms of it are in the line.
MIN_OVERLAP = 3
_PROBE_TERMS = 16


@dataclass(frozen=True)
class CatalogueEntry:
    """One catalogue sequence: metadata plus a generator of its first terms."""

    number: int
    name: str
    offset: int
    keywords: tuple[str, ...]
    generator: Generator = field(repr=False, compare=False)  # first n terms
    max_terms: int | None = None

    @property
    def id(self) -> str:
        """The A-number, e.g. ``"A000045"``."""
        return f"A{self.number:06d}"

    def terms(self, count: int) -> tuple[int, ...]:
        """The first ``count`` terms (a(offset), a(offset+1), ...).

        Raises
        ------
        InputError
            ``count`` is negative or more than the generator can compute exactly.
        """
        if count < 0:
            raise InputError(f"count must be >= 0, got {count}")
        if self.max_terms is not None and count > self.max_terms:
            raise InputError(
                f"the catalogue computes only {self.max_terms} terms of {self.id}, "
                f"asked for {count}"
            )
        return _cached_terms(self.number, count)

    def data_terms(self) -> tuple[int, ...]:
        """The terms shown by default: an OEIS-like data line (see the module docstring)."""
        return _data_line(self.number)

    def sequence(self, count: int | None = None) -> Sequence:
        """As a :class:`~numtheory.oeis.model.Sequence`: a data line, or ``count`` terms."""
        terms = self.data_terms() if count is None else self.terms(count)
        return Sequence(
            number=self.number,
            name=self.name,
            terms=terms,
            offset=self.offset,
            keywords=self.keywords,
            extra={"source": "catalogue"},
        )


@functools.cache
def _entries() -> dict[int, CatalogueEntry]:
    """The table, read once (importing the generators, which do not import this module)."""
    from numtheory.oeis._catalogue_generators import TABLE

    return {number: CatalogueEntry(*row) for number, row in TABLE.items()}


@functools.lru_cache(maxsize=4096)
def _cached_terms(number: int, count: int) -> tuple[int, ...]:
    item = _entries()[number]
    values = item.generator(count)
    if len(values) < count:
        raise RuntimeError(f"{item.id} generator gave {len(values)} terms, asked for {count}")
    return tuple(int(v) for v in values[:count])


@functools.cache
def _stored_lines() -> dict[int, tuple[int, ...]]:
    """The data lines an earlier run computed from this very source (see _catalogue_store)."""
    from numtheory.oeis import _catalogue_store

    return _catalogue_store.load(set(_entries())) or {}


def _all_data_lines() -> dict[int, tuple[int, ...]]:
    """Every entry's data line: stored ones if complete, else computed (and then stored)."""
    stored = _stored_lines()
    if len(stored) == len(_entries()):
        return stored
    lines = {number: _data_line(number) for number in _entries()}
    from numtheory.oeis import _catalogue_store

    _catalogue_store.save(lines)
    _stored_lines.cache_clear()
    return lines


@functools.lru_cache(maxsize=1024)
def _data_line(number: int) -> tuple[int, ...]:
    stored = _stored_lines().get(number)
    if stored is not None:
        return stored
    return _computed_data_line(number)


def _computed_data_line(number: int) -> tuple[int, ...]:
    item = _entries()[number]
    cap = DEFAULT_TERMS if item.max_terms is None else min(DEFAULT_TERMS, item.max_terms)
    # Try a short prefix first: fast-growing sequences fill a data line in a few terms, and
    # some (Sylvester, Fermat numbers) could not be computed to 50 terms at all.
    values = item.terms(min(_PROBE_TERMS, cap))
    if len(",".join(map(str, values))) <= DATA_CHARS and cap > len(values):
        values = item.terms(cap)
    shown: list[int] = []
    length = 0
    for value in values:
        length += len(str(value)) + (1 if shown else 0)
        if length > DATA_CHARS and len(shown) >= MIN_TERMS:
            break
        shown.append(value)
    return tuple(shown)


def catalogue() -> list[CatalogueEntry]:
    """Every catalogue entry, in A-number order.

    Returns
    -------
    list of CatalogueEntry
        Every built-in entry, A-number order: metadata and a generator of its terms
        (:meth:`CatalogueEntry.sequence` makes the :class:`Sequence`, ``source="catalogue"``).

    Examples
    --------
    >>> len(catalogue()) >= 150
    True
    >>> first = catalogue()[0]
    >>> first.id, first.terms(9)  # groups of order 0..8 (A000001's offset is 0)
    ('A000001', (0, 1, 1, 1, 2, 1, 2, 1, 5))
    >>> first.sequence().source
    'catalogue'
    """
    return [_entries()[n] for n in sorted(_entries())]


def entry(anumber: str | int) -> CatalogueEntry | None:
    """The catalogue entry for ``anumber`` (``"A000045"``, ``"a45"`` or ``45``), or None."""
    number = anumber if isinstance(anumber, int) else int(normalize_anumber(anumber)[1:])
    return _entries().get(number)


def get(anumber: str | int, count: int | None = None) -> Sequence | None:
    """The catalogue sequence ``anumber`` with a data line of terms (or ``count``), or None.

    >>> get("A000217", 6).terms
    (0, 1, 3, 6, 10, 15)
    """
    item = entry(anumber)
    return None if item is None else item.sequence(count)


def _find_run(values: tuple[int, ...] | list[int], wanted: list[int]) -> int | None:
    """The first index where ``wanted`` occurs consecutively in ``values``, or None."""
    k = len(wanted)
    for i in range(len(values) - k + 1):
        if values[i] == wanted[0] and list(values[i : i + k]) == wanted:
            return i
    return None


def _find_run_past_data_line(
    item: CatalogueEntry, values: tuple[int, ...], wanted: list[int], signed: bool
) -> int | None:
    """A match that starts in the data line but runs past its end.

    The OEIS only searches its data line, but our generators can compute more terms, so a
    long query (99 terms of A000120 piped from ``numtheory valuation``) still finds its
    sequence offline. Only entries whose data line ends with at least :data:`MIN_OVERLAP`
    terms of the query's start are extended (one or two shared terms at the end of a line
    are no evidence, and extending every line that ends with a 1 would compute dozens of
    generators for a short query such as ``1,2,6,20``); capped entries are skipped.
    """
    k = len(wanted)
    for i in range(max(0, len(values) - k + 1), len(values) - MIN_OVERLAP + 1):
        if list(values[i:]) != wanted[: len(values) - i]:
            continue
        try:
            longer = item.terms(i + k)
        except InputError:  # the entry is a finite table: it cannot have these terms
            return None
        tail = longer[i : i + k]
        if [t if signed else abs(t) for t in tail] == wanted:
            return i
    return None


def search(
    terms: list[int], *, start: int = 0, limit: int | None = None, signed: bool = False
) -> list[Sequence]:
    """Catalogue sequences whose data line contains ``terms`` consecutively, best first.

    Ranked like the mirror (:mod:`numtheory.oeis.mirror`): earliest match first, then
    A-number. Signs are ignored unless ``signed=True``.

    >>> [s.id for s in search([1, 2, 6, 20, 70])]
    ['A000984']
    """
    if not terms:
        raise InputError("search needs at least one term")
    wanted = [t if signed else abs(t) for t in terms]
    k = len(wanted)
    hits: list[tuple[int, int]] = []
    lines = _all_data_lines()  # read from the store when this source computed them before
    for item in catalogue():
        data = lines[item.number]
        values = data if signed else tuple(abs(v) for v in data)
        position = _find_run(values, wanted)
        if position is None and k > 1:
            position = _find_run_past_data_line(item, values, wanted, signed)
        if position is not None:
            hits.append((position, item.number))
    hits.sort()
    chosen = hits[start:] if limit is None else hits[start : start + limit]
    out = []
    for pos, number in chosen:
        seq = _entries()[number].sequence()
        seq.extra["match_index"] = pos
        out.append(seq)
    return out
