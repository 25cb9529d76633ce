"""Local OEIS data: the mirror if one is built, else the built-in catalogue.

This is what :mod:`numtheory.oeis.fallback` answers from (``numtheory oeis --offline``,
``NUMTHEORY_OFFLINE=1``, or the OEIS unreachable). Both functions say where the answer came
from: ``"mirror"`` or ``"catalogue"``.

The catalogue is part of numtheory, so a local source always exists: :func:`search` always
answers (an empty list is "no match"). A mirror that cannot be read (missing tables, corrupt,
from an incompatible version: :class:`~numtheory.errors.MirrorError`, when opened or while searched)
is skipped and the catalogue answers; the reason goes to ``warn`` (by default a warning on
the ``numtheory.oeis`` logger).

The mirror is built from the OEIS dumps (``stripped.gz``, ``names.gz``), which carry only
the A-number, the name and the terms. An entry the catalogue also holds gets its offset and
keywords from there; for every other entry they are unknown (None), never a made-up ``0``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from numtheory.errors import MirrorError
from numtheory.oeis._catalogue import catalogue as _catalogue_entries
from numtheory.oeis._catalogue import get as _catalogue_get
from numtheory.oeis._catalogue import search as _catalogue_search
from numtheory.oeis.mirror import Mirror, cache_root, mirror_path, open_mirror
from numtheory.oeis.model import Sequence, normalize_anumber

__all__ = ["cache_root", "get", "mirror_path", "search", "size"]

_log = logging.getLogger("numtheory.oeis")

Warn = Callable[[str], None]


def _log_warning(message: str) -> None:
    _log.warning("%s", message)


def _mirror(warn: Warn) -> Mirror | None:
    try:
        return open_mirror()
    except MirrorError as exc:
        warn(f"ignoring the local mirror: {exc}; answering from the catalogue")
        return None


def search(
    terms: list[int],
    *,
    start: int = 0,
    limit: int | None = None,
    signed: bool = False,
    warn: Warn | None = None,
) -> tuple[list[Sequence], str]:
    """Sequences containing ``terms`` consecutively, from the mirror or else the catalogue.

    Parameters
    ----------
    terms
        At least one term. Signs are ignored unless ``signed=True`` (as the OEIS does).
    start, limit
        Skip ``start`` hits, return at most ``limit`` (None: all).
    signed
        Signs must match.
    warn
        Called with the reason when a damaged mirror is skipped (default: logged).

    Returns
    -------
    (results, source)
        ``source`` is ``"mirror"`` when a readable mirror is built, else ``"catalogue"``. An
        empty list means no match. Ranking: earliest match first, then A-number.

    Examples
    --------
    >>> found, source = search([1, 2, 6, 20, 70], limit=3)
    >>> source in ("mirror", "catalogue") and found[0].id == "A000984"
    True
    """
    warn = warn or _log_warning
    mirror = _mirror(warn)
    if mirror is not None:
        try:
            found = mirror.search(list(terms), start=start, limit=limit, signed=signed)
        except MirrorError as exc:
            warn(f"ignoring the local mirror: {exc}; answering from the catalogue")
        else:
            return list(found), "mirror"
    found = _catalogue_search(list(terms), start=start, limit=limit, signed=signed)
    return found, "catalogue"


def search_counted(
    terms: list[int],
    *,
    start: int,
    limit: int,
    count_to: int,
    signed: bool = False,
    warn: Warn | None = None,
) -> tuple[list[Sequence], str, int | None]:
    """Like :func:`search` for one page, with the number of hits when it is at most
    ``count_to`` (else None): ``(page, source, total)``. Only the page's entries are built."""
    warn = warn or _log_warning
    mirror = _mirror(warn)
    if mirror is not None:
        try:
            page, total = mirror.search_counted(
                list(terms), start=start, limit=limit, count_to=count_to, signed=signed
            )
        except MirrorError as exc:
            warn(f"ignoring the local mirror: {exc}; answering from the catalogue")
        else:
            return page, "mirror", total
    found = _catalogue_search(list(terms), start=0, limit=count_to + 1, signed=signed)
    total = len(found) if len(found) <= count_to else None
    return found[start : start + limit], "catalogue", total


def get(anumber: str, *, warn: Warn | None = None) -> tuple[Sequence, str] | None:
    """The entry ``anumber`` from the mirror, else the catalogue; None when neither has it.

    >>> seq, source = get("A000045")
    >>> seq.terms[:8]
    (0, 1, 1, 2, 3, 5, 8, 13)
    """
    warn = warn or _log_warning
    number = int(normalize_anumber(anumber)[1:])
    mirror = _mirror(warn)
    if mirror is not None:
        try:
            found = mirror.get(number)
        except MirrorError as exc:
            warn(f"ignoring the local mirror: {exc}; answering from the catalogue")
        else:
            if found is not None:
                return found, "mirror"
    seq = _catalogue_get(number)
    return None if seq is None else (seq, "catalogue")


def size(source: str) -> int | None:
    """How many sequences the local ``source`` (``"mirror"``/``"catalogue"``) holds, if known."""
    if source == "catalogue":
        return len(_catalogue_entries())
    if source == "mirror":
        try:
            mirror = open_mirror()
        except MirrorError:
            return None
        return None if mirror is None else mirror.count
    return None
