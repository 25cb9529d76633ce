"""Local OEIS data: the mirror if one is built, else the built-in catalogue.

This is what the network client falls back to (``numtheory oeis --offline``,
``NUMTHEORY_OFFLINE=1``, or the OEIS unreachable). Both functions say where the answer came
from: ``"mirror"`` or ``"catalogue"``.

The catalogue is part of numtheory, so a local source always exists: :func:`search` never
returns None (the ``None`` in its type is kept for the client's contract, for builds that ship
without local data). A mirror that cannot be read (corrupt, or from an incompatible version)
is skipped with a warning on the ``numtheory.oeis`` logger and the catalogue answers instead.
"""

from __future__ import annotations

import logging

from numtheory.errors import MirrorError
from numtheory.oeis.catalogue import get as _catalogue_get
from numtheory.oeis.catalogue import search as _catalogue_search
from numtheory.oeis.mirror import Mirror, cache_root, mirror_path, open_mirror
from numtheory.oeis.model import Sequence, normalize_anumber

__all__ = ["cache_root", "get", "mirror_path", "search"]

_log = logging.getLogger("numtheory.oeis")


def _mirror() -> Mirror | None:
    try:
        return open_mirror()
    except MirrorError as exc:
        _log.warning("ignoring the local mirror: %s", exc)
        return None


def search(
    terms: list[int],
    *,
    start: int = 0,
    limit: int | None = None,
    signed: bool = False,
) -> tuple[list[Sequence], str] | None:
    """Sequences containing ``terms`` consecutively, from the mirror or else the catalogue.

    Parameters
    ----------
    terms
        At least one term. Signs are ignored unless ``signed=True`` (as the OEIS does).
    start, limit
        Skip ``start`` hits, return at most ``limit`` (None: all).
    signed
        Signs must match.

    Returns
    -------
    (results, source)
        ``source`` is ``"mirror"`` when a mirror is built, else ``"catalogue"``. An empty list
        means no match. Ranking: earliest match first, then A-number.

    Examples
    --------
    >>> found, source = search([1, 2, 6, 20, 70], limit=3)
    >>> source in ("mirror", "catalogue") and found[0].id == "A000984"
    True
    """
    mirror = _mirror()
    if mirror is not None:
        return mirror.search(list(terms), start=start, limit=limit, signed=signed), "mirror"
    found = _catalogue_search(list(terms), start=start, limit=limit, signed=signed)
    return found, "catalogue"


def get(anumber: str) -> tuple[Sequence, str] | None:
    """The entry ``anumber`` from the mirror, else the catalogue; None when neither has it.

    >>> seq, source = get("A000045")
    >>> seq.terms[:8]
    (0, 1, 1, 2, 3, 5, 8, 13)
    """
    number = int(normalize_anumber(anumber)[1:])
    mirror = _mirror()
    if mirror is not None:
        found = mirror.get(number)
        if found is not None:
            return found, "mirror"
    seq = _catalogue_get(number)
    return None if seq is None else (seq, "catalogue")
