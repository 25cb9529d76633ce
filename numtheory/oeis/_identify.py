"""Which sequence is this, really? Superseeker-like transforms over the local OEIS data.

:func:`identify` looks the terms up exactly (online when allowed: one request, the usual
:func:`numtheory.oeis.lookup`), then looks every transform of them (:mod:`.transforms`) up
in the local mirror and the built-in catalogue, then (depth 2) compositions of two cheap
transforms and sums of two entries, then asks :func:`numtheory.guess` for a recurrence. Only
the exact look-up may go to oeis.org: transformed queries are bulk work and stay local.

Guarantee: every explanation other than a guess is checked term by term. A transformed
query's terms occur, consecutively and all of them, in the entry's data line (signs ignored as
by the OEIS; ``signs`` says whether they agree too): a finite fact about the terms shown,
not a proof that the relation holds for ever. A guess is labelled a conjecture.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from math import gcd
from typing import Any

from numtheory import _display
from numtheory._validate import as_int
from numtheory.errors import (
    InputError,
    MirrorError,
    NumtheoryError,
    OEISError,
    TooManyResultsError,
)
from numtheory.oeis import _views
from numtheory.oeis._transform_table import (
    MIN_TERMS,
    TRANSFORM_NAMES,
    Spec,
    queries,
    usable,
)
from numtheory.oeis.model import Sequence

__all__ = ["TRANSFORM_NAMES", "Explanation", "Explanations", "identify"]

MAX_TERMS = 1000
MAX_DIGITS = 1000  # per term: transforms of huge terms cost time and match nothing
_NEAR = 3  # a transformed query must match from one of the first 4 terms of an entry
_ANYWHERE = 255  # the mirror's index clamps positions there
_BUDGET = 96  # candidates checked per transformed query: very common runs prove little
_PER_QUERY = 3  # hits kept per transformed query
_GUESS_TERMS = 100  # terms given to the guesser (about 0.3 s there; the rest check it)


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """One explanation of the query, as :func:`identify` returns them (best first).

    ``sequence`` is the entry (None for a bare guess), ``transforms`` the names applied to
    the query in order (empty for an exact match), ``description`` a sentence, ``matched``
    how many terms were compared and agree, ``source`` where it came from (network, cache,
    mirror, catalogue, guess). ``terms`` are the transformed terms found in the entry, at
    ``position`` (0-based) of its data line; ``signs`` is False when they agree only up to
    signs; ``conjecture`` is True for a guess (evidence: the terms it was fitted to).
    """

    sequence: Sequence | None
    transforms: tuple[str, ...]
    description: str
    matched: int
    source: str
    terms: tuple[int, ...] = ()
    position: int = 0
    signs: bool = True
    conjecture: bool = False
    rank: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        seq = self.sequence
        return {
            "sequence": None if seq is None else {"id": seq.id, "name": seq.name},
            "transforms": list(self.transforms),
            "description": self.description,
            "matched": self.matched,
            "source": self.source,
            "terms": [str(t) if abs(t) >= 2**53 else t for t in self.terms],
            "position": self.position,
            "signs": self.signs,
            "conjecture": self.conjecture,
        }

    # BEGIN reprs
    @_display.guarded
    def __repr__(self) -> str:
        """``<Explanation A000108: 'Binomial transform of A000108: …'; 8 terms agree; …>``."""
        return _views.explanation_repr(self)

    @_display.guarded
    def __str__(self) -> str:
        return _views.explanation_text(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """A table: the entry linked to its OEIS page, the transforms, the evidence."""
        return _views.explanation_html(self)

    # END reprs


class Explanations(list[Explanation]):
    """The list :func:`identify` returns, best first, with ``notes`` (steps skipped, warnings)."""

    def __init__(self, items: Iterable[Explanation], notes: Iterable[str] = ()) -> None:
        super().__init__(items)
        self.notes = tuple(notes)

    # BEGIN reprs
    @_display.guarded
    def __repr__(self) -> str:
        """``<Explanations 3 found: A000108 (inverse_binomial), …; 2 notes>``."""
        return _views.explanations_repr(self)

    @_display.guarded
    def __str__(self) -> str:
        """Numbered, best first, as ``numtheory identify`` prints them; then the notes."""
        return _views.explanations_text(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """A table of the explanations, best first (A-numbers linked), then the notes."""
        return _views.explanations_html(self)

    # END reprs


# -- the local data ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    sequence: Sequence
    position: int
    source: str


@lru_cache(maxsize=1)
def _catalogue_index() -> tuple[dict[tuple[int, int, int], list[tuple[int, int]]], list[Sequence]]:
    """The catalogue's data lines keyed by their first occurrence of each run of three."""
    from numtheory.oeis._catalogue import catalogue

    seqs = [item.sequence() for item in catalogue()]
    index: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for i, seq in enumerate(seqs):
        values = [abs(t) for t in seq.terms]
        for j in range(len(values) - 2):
            key = (values[j], values[j + 1], values[j + 2])
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1][0] != i:
                bucket.append((i, j))
    return index, seqs


@lru_cache(maxsize=1)
def _catalogue_values() -> list[list[int]]:
    """The absolute values of each catalogue entry's terms (made once, not per look-up)."""
    return [[abs(t) for t in seq.terms] for seq in _catalogue_index()[1]]


def _catalogue_hits(terms: list[int], limit: int, near: int | None) -> list[_Hit]:
    index, seqs = _catalogue_index()
    absolute = _catalogue_values()
    wanted = [abs(t) for t in terms]
    k = len(wanted)
    found = []
    for i, _ in index.get((wanted[0], wanted[1], wanted[2]), ()):
        values = absolute[i]
        for p in range(len(values) - k + 1 if near is None else min(near + 1, len(values))):
            if values[p : p + k] == wanted:
                found.append((p, seqs[i].number, i))
                break
    found.sort()
    return [_Hit(seqs[i], p, "catalogue") for p, _, i in found[:limit]]


class _Local:
    """The mirror (when built and sound) and the catalogue, searched together."""

    def __init__(self, mirror: str | os.PathLike[str] | None, notes: list[str]) -> None:
        from numtheory.oeis.mirror import Mirror, open_mirror

        self.mirror: Mirror | None = None
        self.notes = notes
        try:
            self.mirror = open_mirror(mirror)
        except MirrorError as exc:
            notes.append(f"ignoring the local mirror: {exc}")
        if self.mirror is None and not notes:
            where = "" if mirror is None else f" at {mirror}"
            notes.append(f"no local mirror{where} (`numtheory mirror sync`): the catalogue only")

    def hits(
        self, terms: list[int], limit: int = _PER_QUERY, exact: bool = False, near: int = _NEAR
    ) -> list[_Hit]:
        """Matches anywhere (``exact``: the query itself), else from a position <= ``near``."""
        out: list[_Hit] = []
        if self.mirror is not None:
            try:
                found: list[Sequence] | None
                if exact:  # anywhere: bounded first, exhaustive when that found nothing
                    bounded = self.mirror.search_start(
                        terms, limit=limit, max_position=_ANYWHERE, budget=1024
                    )
                    # hits found are real (the ranking among very common ones may differ
                    # from the exhaustive search's); none found within the budget: search on
                    found = bounded if bounded or bounded.complete else None
                    if found is None:
                        found = self.mirror.search(terms, limit=limit)
                else:
                    found = self.mirror.search_start(
                        terms, limit=limit, max_position=near, budget=_BUDGET
                    )
                for seq in found:
                    out.append(_Hit(seq, int(seq.extra.get("match_index", 0)), "mirror"))
            except MirrorError as exc:
                self.notes.append(f"ignoring the local mirror: {exc}")
                self.mirror = None
        return out + _catalogue_hits(terms, limit, None if exact else near)


# -- ranking -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _well_known() -> frozenset[int]:
    from numtheory.oeis._catalogue import catalogue

    return frozenset(item.number for item in catalogue())


def _signs_agree(seq: Sequence, position: int, values: list[int]) -> bool:
    return list(seq.terms[position : position + len(values)]) == values


def _rank(
    kind: int,
    transforms: int,
    matched: int,
    signs: bool,
    seq: Sequence | None,
    position: int,
    order: int,
    n: int = 0,
) -> tuple[Any, ...]:
    """The sort key: an explanation of fewer than all ``n`` query terms after every full one."""
    number = seq.number if seq is not None else 10**9
    known = seq is not None and (number in _well_known() or "core" in (seq.keywords or ()))
    partial = matched < n
    return (kind, partial, transforms, -matched, not signs, not known, position, order, number)


def _explain(
    hit: _Hit, chain: tuple[Spec, ...], values: list[int], matched: int, n: int, order: int
) -> Explanation:
    sentence = "{E}"
    for spec in chain:  # the query = R1(R2(...(E))): the first transform's reading outermost
        sentence = sentence.replace("{E}", spec.reading, 1)
    name = f"{hit.sequence.id} ({hit.sequence.name})" if hit.sequence.name else hit.sequence.id
    where = f", from its term {hit.position + 1}" if hit.position else ""
    signs = _signs_agree(hit.sequence, hit.position, values)
    description = (
        sentence.replace("{E}", hit.sequence.id) + f"{where}" + ("" if signs else " (up to signs)")
    )
    if matched < n:  # a section, or later terms too large for any data line
        description += f" ({matched} of the {n} terms explained)"
    first = description.split(" ", 1)[0]
    if first.isalpha():  # a word; never a formula ("n! times A000027" is not "N! times")
        description = description[0].upper() + description[1:]
    description += f": {name}"
    return Explanation(
        sequence=hit.sequence,
        transforms=tuple(s.name for s in chain),
        description=description,
        matched=matched,
        source=hit.source,
        terms=tuple(values),
        position=hit.position,
        signs=signs,
        rank=_rank(
            1, sum(s.steps for s in chain), matched, signs, hit.sequence, hit.position, order, n
        ),
    )


# -- the steps -----------------------------------------------------------------------------


def _check_terms(terms: Iterable[int]) -> list[int]:
    if isinstance(terms, (str, bytes)):
        raise InputError(f"identify needs a list of integers, not the text {str(terms)[:40]!r}")
    values = []
    for i, t in enumerate(terms):
        if i >= MAX_TERMS:
            raise InputError(f"identify takes at most {MAX_TERMS} terms")
        value = as_int(t, f"term {i + 1}")
        if value.bit_length() > MAX_DIGITS * 3.33:
            raise InputError(
                f"term {i + 1} has more than {MAX_DIGITS} digits ({str(value)[:20]}...)"
            )
        values.append(value)
    if len(values) < MIN_TERMS:
        raise InputError(
            f"identify needs at least {MIN_TERMS} terms, got {len(values)}: fewer match too much"
        )
    return values


def _exact(
    terms: list[int], local: _Local, offline: bool, limit: int, notes: list[str]
) -> list[Explanation]:
    hits: list[_Hit] = []
    if not offline:
        from numtheory.oeis import fallback  # not the facade: that would be an import cycle

        try:
            answer = fallback.lookup(terms, limit=limit, want_total=False)
        except TooManyResultsError as exc:
            notes.append(f"exact look-up: {exc}")
        except InputError as exc:  # longer than an OEIS search takes: the local data only
            notes.append(f"exact look-up online skipped: {exc}")
        except OEISError as exc:  # unreachable and nothing local: the local steps still run
            notes.append(f"exact look-up failed: {exc}")
        else:
            notes.extend(answer.warnings)
            for seq in answer.results:
                pos = seq.extra.get("match_index")
                if pos is None:
                    pos = _position(seq.terms, terms)
                hits.append(_Hit(seq, pos if pos is not None else 0, answer.source))
    if not hits:
        hits = local.hits(terms, limit, exact=True)
    out = []
    for order, hit in enumerate(hits):
        signs = _signs_agree(hit.sequence, hit.position, terms)
        where = f", from its term {hit.position + 1}" if hit.position else ""
        out.append(
            Explanation(
                sequence=hit.sequence,
                transforms=(),
                matched=len(terms),
                source=hit.source,
                description=f"The terms themselves{where}{'' if signs else ' (up to signs)'}: "
                f"{hit.sequence.id} ({hit.sequence.name})",
                terms=tuple(terms),
                position=hit.position,
                signs=signs,
                rank=_rank(0, 0, len(terms), signs, hit.sequence, hit.position, order),
            )
        )
    return out


def _position(values: tuple[int, ...], wanted: list[int]) -> int | None:
    absolute = [abs(v) for v in values]
    target = [abs(w) for w in wanted]
    for p in range(len(absolute) - len(target) + 1):
        if absolute[p : p + len(target)] == target:
            return p
    return None


def _pairs(terms: list[int], local: _Local) -> list[Explanation]:
    """``terms = c*A + d*B``: A a catalogue entry, c in {1,-1,2,-2}, B found locally, d <= 3."""
    _, seqs = _catalogue_index()
    absolute = _catalogue_values()
    bound = 4 * max(map(abs, terms)) + 4
    n = len(terms)
    out: list[Explanation] = []
    seen: set[tuple[int, ...]] = set()
    for order, a in enumerate(seqs):
        if len(a.terms) < n or max(absolute[order][:n]) > bound:
            continue
        for c in (1, -1, 2, -2):
            rest = [t - c * x for t, x in zip(terms, a.terms[:n], strict=False)]
            g = reduce(gcd, rest, 0)
            if 2 <= g <= 3:
                rest = [r // g for r in rest]
            else:
                g = 1
            values = usable(rest)
            if values is None or tuple(values) in seen:
                continue
            seen.add(tuple(values))
            # B starts with the rest: position 0 only (smaller posting prefixes to intersect)
            for hit in local.hits(values, 2, near=0):
                if hit.position or hit.sequence.number == a.number:
                    continue
                signs = _signs_agree(hit.sequence, 0, values)
                sign = "+" if signs else "-"
                first = {1: "", -1: "-", 2: "2*", -2: "-2*"}[c]
                second = "" if g == 1 else f"{g}*"
                out.append(
                    Explanation(
                        sequence=hit.sequence,
                        transforms=("sum",),
                        matched=n,
                        source=hit.source,
                        description=f"{first}{a.id} {sign} {second}{hit.sequence.id}: "
                        f"{a.id} ({a.name}) and {hit.sequence.id} ({hit.sequence.name})",
                        terms=tuple(values),
                        rank=_rank(1, 2, n, True, hit.sequence, 0, 1000 + order),
                    )
                )
    return out


def _continuations(g: Any, terms: list[int], local: _Local) -> list[Sequence]:
    """Local entries holding the guessed continuation of the query (its next 6 terms)."""
    try:  # extend(k) gives the k terms after the query's (GuessExtendError: no integer)
        ext = [int(x) for x in g.extend(6)]
    except (ArithmeticError, ValueError, TypeError):
        return []
    values = usable(ext)
    return [] if values is None else [hit.sequence for hit in local.hits(values, _PER_QUERY)]


def _guess_text(g: Any) -> str:
    """One line: the guess's kind and relation (``str(g)`` of a real guess spans lines)."""
    equation = getattr(g, "equation", None) or getattr(g, "closed_form", None)
    if equation:
        return f"{getattr(g, 'kind', 'guess')} relation {equation}"
    return str(g).splitlines()[0]


def _guesses(
    terms: list[int], found: list[Explanation], local: _Local, notes: list[str]
) -> list[Explanation]:
    """A guessed recurrence (a conjecture), and the local entries that satisfy it.

    Candidates: the catalogue, the entries the other steps found, and the entries holding
    the guess's continuation of the terms (found through the index); each is checked with
    the guess's ``satisfies`` on all its terms.
    """
    try:
        from numtheory.guessing import guess  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        notes.append("guessing skipped: numtheory.guessing is not installed")
        return []
    try:
        # the guesser's cost grows fast with the terms (1,000 terms ran for minutes): it
        # fits on the first _GUESS_TERMS, and a guess is kept only if all the terms obey it
        guesses = [g for g in guess(terms[:_GUESS_TERMS]) if g.satisfies(terms)][:2]
    except InputError as exc:  # NotEnoughTermsError: the guesser wants spare terms to confirm
        notes.append(f"guessing skipped: {exc}")
        return []
    except NumtheoryError as exc:
        notes.append(f"guessing failed: {exc}")
        return []
    out: list[Explanation] = []
    _, seqs = _catalogue_index()
    candidates = {s.number: s for s in seqs}
    for e in found:
        if e.sequence is not None:
            candidates.setdefault(e.sequence.number, e.sequence)
    for order, g in enumerate(guesses):
        out.append(
            Explanation(
                sequence=None,
                transforms=("guess",),
                matched=len(terms),
                source="guess",
                description=f"Conjecture: {_guess_text(g)}",
                conjecture=True,
                rank=_rank(2, 1, len(terms), True, None, 0, order),
            )
        )
        pool = dict(candidates)
        for seq in _continuations(g, terms, local):
            pool.setdefault(seq.number, seq)
        need = 2 * max(int(getattr(g, "order", 1) or 1), 1) + 2
        for seq in pool.values():
            values = list(seq.terms)
            # a constant entry (0, 0, 0, ...) satisfies every homogeneous recurrence
            if (
                len(set(values)) > 1
                and len(values) >= max(need, MIN_TERMS)
                and (values[: len(terms)] != terms)
            ) and g.satisfies(values):
                out.append(
                    Explanation(
                        sequence=seq,
                        transforms=("guess",),
                        matched=len(values),
                        source="guess",  # the evidence is the guessed relation
                        conjecture=True,
                        terms=tuple(values),
                        description=f"{seq.id} ({seq.name}) satisfies the guessed "
                        f"{_guess_text(g)} on all its {len(values)} terms",
                        rank=_rank(2, 2, len(values), True, seq, 0, order),
                    )
                )
    return out


def identify(
    terms: Iterable[int],
    offline: bool | None = None,
    depth: int = 1,
    limit: int = 10,
    *,
    mirror: str | os.PathLike[str] | None = None,
) -> Explanations:
    """Explanations of ``terms``, best first: exact matches, transforms, sums, guesses.

    Parameters
    ----------
    terms
        At least 4 integers (at most 1,000, each under 1,000 digits), from the start of the
        sequence for the transforms that depend on the index (binomial, Euler, ...).
    offline
        Local data only (no exact look-up online); None follows ``NUMTHEORY_OFFLINE``.
    depth
        1: every transform of :data:`TRANSFORM_NAMES` (Superseeker's that apply to integer
        sequences); 2: also compositions of two cheap ones (differences, partial sums,
        binomial and inverse, dropping the first term, scaling by 2, a(n) +- n) and sums
        ``c*A + d*B`` of a catalogue entry and a local entry with small coefficients.
    limit
        Return at most this many explanations.
    mirror
        The mirror file (default: the synced one, :func:`numtheory.oeis.mirror.mirror_path`).

    Returns
    -------
    Explanations
        A list of :class:`Explanation`, each entry once (its best explanation), ranked:
        exact before transformed before guessed, fewer transforms, more terms matched, signs
        agreeing, catalogue (well-known) entries, earlier match, then A-number. ``notes`` say
        which steps were skipped and why.

    Raises
    ------
    InputError
        Too few, too many or too large terms, or a bad depth or limit.

    Examples
    --------
    >>> found = identify([1, 2, 5, 15, 51, 188, 731, 2950], offline=True)
    >>> found[0].description.split(":")[0], found[0].transforms
    ('Binomial transform of A000108', ('inverse_binomial',))

    References
    ----------
    N. J. A. Sloane, the Superseeker help file, https://oeis.org/superhelp.txt; and
    "Transformations of integer sequences", https://oeis.org/transforms.txt.
    """
    values = _check_terms(terms)
    depth = as_int(depth, "depth")
    if depth not in (1, 2):
        raise InputError(f"depth must be 1 or 2, got {depth}")
    limit = as_int(limit, "limit")
    if limit < 1:
        raise InputError(f"limit must be at least 1, got {limit}")
    from numtheory.oeis import config

    local_only = config.offline() if offline is None else (offline or config.offline())
    notes: list[str] = []
    local = _Local(mirror, notes)
    found = _exact(values, local, local_only, limit, notes)
    if len(found) < limit:
        for order, (chain, transformed, matched) in enumerate(queries(values, depth)):
            for hit in local.hits(transformed):
                found.append(_explain(hit, chain, transformed, matched, len(values), order))
        if depth >= 2:
            found.extend(_pairs(values, local))
        found.extend(_guesses(values, found, local, notes))
    best: dict[int, Explanation] = {}
    bare: list[Explanation] = []
    for e in found:
        if e.sequence is None:
            bare.append(e)
        elif e.sequence.number not in best or e.rank < best[e.sequence.number].rank:
            best[e.sequence.number] = e
    ranked = sorted([*best.values(), *bare], key=lambda e: e.rank)
    return Explanations(ranked[:limit], notes)
