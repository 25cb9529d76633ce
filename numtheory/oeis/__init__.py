"""The OEIS: search it, fetch entries and b-files, over HTTP or from local data.

>>> from numtheory import oeis
>>> oeis.build_query([1, 2, 6, 20])
'1,2,6,20'

Network use (``search``, ``get``, ``bfile``) goes through a default :class:`OEISClient`
(created on first use, cached answers reused; see :mod:`numtheory.oeis.client` for the
etiquette). ``offline=True`` or ``NUMTHEORY_OFFLINE=1`` answers from local data only (the
mirror, else the built-in catalogue). :func:`lookup` / :func:`lookup_entry` are what the CLI
uses: network first, then, if the OEIS cannot be reached, local data with a warning.

The data come from the OEIS (https://oeis.org), CC BY-SA 4.0, The OEIS Foundation Inc.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from numtheory.errors import (
    OEISRefusedError,
    OEISResponseError,
    OEISUnavailableError,
    OfflineError,
    SequenceNotFoundError,
)
from numtheory.oeis import config
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import (
    MAX_START,
    PAGE_SIZE,
    OEISClient,
    SearchResult,
    build_query,
    terms_of_query,
)
from numtheory.oeis.model import Sequence, looks_like_anumber, normalize_anumber

# --- offline layer (catalogue, mirror) ---
# isort: split
from numtheory.oeis.catalogue import catalogue
from numtheory.oeis.mirror import Mirror, MirrorStatus, build_mirror, mirror_status, sync_mirror

__all__ = [
    "MAX_START",
    "PAGE_SIZE",
    "Lookup",
    "Mirror",
    "MirrorStatus",
    "OEISClient",
    "ResponseCache",
    "SearchResult",
    "Sequence",
    "bfile",
    "build_mirror",
    "build_query",
    "catalogue",
    "default_client",
    "get",
    "looks_like_anumber",
    "lookup",
    "lookup_entry",
    "mirror_status",
    "normalize_anumber",
    "search",
    "sync_mirror",
]

#: Failures after which the CLI policy answers from local data instead (with a warning).
_NETWORK_FAILURES = (OEISUnavailableError, OEISResponseError, OEISRefusedError)

_default_lock = threading.Lock()
_default: OEISClient | None = None


def default_client() -> OEISClient:
    """The client the module-level functions use (created on first use)."""
    global _default
    with _default_lock:
        if _default is None or _default.base_url != config.base_url():
            if _default is not None:
                _default.close()
            _default = OEISClient()
        return _default


@dataclass(frozen=True)
class Lookup:
    """An answer and where it came from.

    ``source`` is ``"network"``, ``"cache"``, ``"stale-cache"``, ``"mirror"`` or
    ``"catalogue"``; ``total`` the number of matches in all when known; ``warnings`` say why
    a stale or local answer was used.
    """

    query: str
    results: tuple[Sequence, ...]
    source: str
    total: int | None = None
    start: int = 0
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def _local() -> Any:
    """The offline layer (``numtheory.oeis.local``), imported lazily; None if not installed."""
    try:
        return importlib.import_module("numtheory.oeis.local")
    except ModuleNotFoundError as exc:
        if exc.name != "numtheory.oeis.local":
            raise
        return None


#: Local searches count matches up to this many, so the CLI can say "N matches in all".
_LOCAL_COUNT_CAP = 1000


def _local_search(
    terms: list[int], start: int, limit: int | None, signed: bool
) -> tuple[list[Sequence], str, int | None] | None:
    """Local matches ``[start, start+limit)``, the source, and the total when it is known.

    Matches are counted up to ``_LOCAL_COUNT_CAP`` (cheap for the catalogue and for the
    mirror's index); past that the total is reported as unknown rather than scanned for.
    """
    local = _local()
    if local is None:
        return None
    cap = max(_LOCAL_COUNT_CAP, start + (limit or 0))
    # signed: the query was `signed:...` (a negative term), so signs must match locally too
    answer = local.search(terms, start=0, limit=cap + 1, signed=signed)
    if answer is None:
        return None
    found, source = cast("tuple[list[Sequence], str]", answer)
    total = len(found) if len(found) <= cap else None
    stop = None if limit is None else start + limit
    return found[start:stop], source, total


def _local_get(anumber: str) -> tuple[Sequence, str] | None:
    local = _local()
    if local is None:
        return None
    return cast("tuple[Sequence, str] | None", local.get(anumber))


def _offline(offline: bool | None) -> bool:
    return config.offline() if offline is None else (offline or config.offline())


def lookup(
    terms_or_query: str | Iterable[int],
    *,
    start: int = 0,
    limit: int | None = None,
    offline: bool | None = None,
    want_total: bool = True,
    client: OEISClient | None = None,
) -> Lookup:
    """Search with the CLI's policy: network, else (unreachable) local data with a warning.

    Raises :class:`TooManyResultsError` (give more terms), :class:`OfflineError` (offline and
    no local data, or a text query offline), :class:`OEISUnavailableError` (unreachable and no
    local answer).
    """
    query = build_query(terms_or_query)
    terms = terms_of_query(query)
    signed = query.startswith("signed:")
    if _offline(offline):
        if terms is None:
            raise OfflineError(
                f"offline: only term searches can be answered locally, not {query!r}"
            )
        local = _local_search(terms, start, limit, signed)
        if local is None:
            raise OfflineError(
                "offline and no local OEIS data (run `numtheory mirror sync`, or go online)"
            )
        found, source, total = local
        note = f"offline: answered from the local {source}"
        return Lookup(query, tuple(found), source, total, start, notes=(note,))
    client = client or default_client()
    try:
        result = client.search(query, start=start, limit=limit, want_total=want_total)
    except _NETWORK_FAILURES as exc:
        local = _local_search(terms, start, limit, signed) if terms is not None else None
        if local is None or not local[0]:
            raise
        found, source, total = local
        return Lookup(
            query, tuple(found), source, total, start, (f"{exc}; answering from the {source}",)
        )
    return Lookup(query, result.results, result.source, result.total, result.start, result.warnings)


def lookup_entry(
    anumber: str | int, *, offline: bool | None = None, client: OEISClient | None = None
) -> Lookup:
    """One entry with the CLI's policy (network, else local data with a warning)."""
    aid = normalize_anumber(anumber)
    if _offline(offline):
        local = _local_get(aid)
        if local is None:
            raise SequenceNotFoundError(f"{aid} is not in the local OEIS data (offline)")
        note = f"offline: answered from the local {local[1]}"
        return Lookup(aid, (local[0],), local[1], notes=(note,))
    client = client or default_client()
    try:
        seq, source, warnings = client.entry(aid)
    except _NETWORK_FAILURES as exc:
        local = _local_get(aid)
        if local is None:
            raise
        return Lookup(aid, (local[0],), local[1], 1, 0, (f"{exc}; answering from the {local[1]}",))
    return Lookup(aid, (seq,), source, 1, 0, warnings)


def search(
    terms_or_query: str | Iterable[int],
    *,
    start: int = 0,
    limit: int | None = None,
    offline: bool = False,
) -> list[Sequence]:
    """Sequences matching ``terms_or_query``, best first.

    Parameters
    ----------
    terms_or_query
        Integers (``[1, 2, 6, 20]``: consecutive terms, as the OEIS searches them) or a query
        string in OEIS syntax (``"1,2,6,20"``, ``"id:A000984"``, ``"keyword:nice"``).
    start
        Rank of the first result wanted, 0..100 (the OEIS shows anonymous users 110 at most).
    limit
        How many results (default 10: one page; more pages only when asked for).
    offline
        Local data only (also ``NUMTHEORY_OFFLINE=1``).

    Raises
    ------
    TooManyResultsError
        The OEIS will not list that many matches: give more terms.
    OEISUnavailableError, OEISResponseError, OEISRefusedError
        The network failed after retries (and no cached copy), or answered badly.
    """
    if _offline(offline):
        return list(lookup(terms_or_query, start=start, limit=limit, offline=True).results)
    result = default_client().search(terms_or_query, start=start, limit=limit)
    return list(result.results)


def get(anumber: str | int, *, offline: bool = False) -> Sequence:
    """The entry ``anumber`` (``"A000984"``, ``"a984"`` or ``984``).

    Raises :class:`SequenceNotFoundError` if there is no such entry.
    """
    if _offline(offline):
        return lookup_entry(anumber, offline=True).results[0]
    return default_client().get(anumber)


def bfile(anumber: str | int) -> list[tuple[int, int]]:
    """The b-file of ``anumber``: ``[(n, a(n)), ...]`` (network or cache; no offline source)."""
    if config.offline():
        raise OfflineError("offline (NUMTHEORY_OFFLINE=1): b-files come from the network only")
    return default_client().bfile(anumber)
