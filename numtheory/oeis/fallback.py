"""The OEIS with a fallback: the network (and its cache), else the stale cache, the mirror,
the catalogue. One policy for the library and the CLI.

Order of sources for a search or an entry:

1. a fresh cached answer, else the OEIS over HTTP (:class:`~numtheory.oeis.client.OEISClient`);
2. when the OEIS cannot be reached or answers badly after its retries
   (:class:`OEISUnavailableError`, :class:`OEISResponseError`, :class:`OEISRefusedError`):
   an expired cached copy if there is one (the client's own fallback);
3. else the local mirror (``numtheory mirror sync``), else the built-in catalogue. A mirror
   that cannot be read (:class:`~numtheory.errors.MirrorError`) is skipped with a warning and
   the catalogue answers.

Every answer says its ``source`` (``"network"``, ``"cache"``, ``"stale-cache"``, ``"mirror"``,
``"catalogue"``). An answer that is not the OEIS's own comes with a warning naming the failure:
:func:`search` and :func:`get` issue it through :mod:`warnings` as an
:class:`OEISFallbackWarning` (filter it with ``warnings.simplefilter("ignore",
OEISFallbackWarning)``); :func:`lookup` and :func:`lookup_entry` return it in
``Lookup.warnings`` for the caller to show (the CLI prints it on stderr). ``fallback=False``
asks for the OEIS only (a fresh cached answer still counts): the network error is raised.
With no local answer either, the network error is raised too. ``offline=True`` (or
``NUMTHEORY_OFFLINE=1``) never touches the network and answers from local data only.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, NoReturn

from numtheory import _display
from numtheory._validate import as_int
from numtheory.errors import (
    InputError,
    OEISRefusedError,
    OEISResponseError,
    OEISUnavailableError,
    OfflineError,
    SequenceNotFoundError,
    TooManyResultsError,
)
from numtheory.oeis import _views, config
from numtheory.oeis.client import MAX_START, PAGE_SIZE, OEISClient
from numtheory.oeis.model import (
    Lookup,
    Sequence,
    build_query,
    normalize_anumber,
    show_terms,
    terms_of_query,
)

__all__ = [
    "Lookup",
    "Matches",
    "OEISFallbackWarning",
    "bfile",
    "default_client",
    "get",
    "lookup",
    "lookup_entry",
    "search",
    "with_offline_hint",
]

#: Failures after which the answer comes from the stale cache or local data (with a warning).
_NETWORK_FAILURES = (OEISUnavailableError, OEISResponseError, OEISRefusedError)
#: Said in every fallback warning: how to stop waiting for a network that is not there.
OFFLINE_HINT = config.OFFLINE_HINT
#: Local searches count matches up to this many, so that "N matches in all" can be said.
_LOCAL_COUNT_CAP = 1000


class OEISFallbackWarning(UserWarning):
    """An answer came from an expired cached copy or from local data, not from the OEIS.

    The message names the network failure and the source that answered instead.
    """


_default_lock = threading.Lock()
_default: OEISClient | None = None


def default_client() -> OEISClient:
    """The client the module-level functions use (created on first use).

    Returns
    -------
    OEISClient
        One client per process (its cache, its one request in flight), made anew when
        ``NUMTHEORY_OEIS_URL`` changes.

    Examples
    --------
    >>> client = default_client()
    >>> isinstance(client, OEISClient), client is default_client()
    (True, True)
    """
    global _default
    with _default_lock:
        if _default is None or _default.base_url != config.base_url():
            if _default is not None:
                _default.close()
            _default = OEISClient()
        return _default


class Matches(list[Sequence]):
    """The list :func:`search` returns, which also says where it came from.

    A plain ``list`` of :class:`Sequence`, best first, with ``source``, ``total`` (None when
    unknown), ``start``, ``query``, ``warnings`` (why a stale or local answer was used) and
    ``notes`` (informational: an offline answer says so) attributes, as :class:`Lookup` has;
    its reprs show the warnings and notes as a :class:`Lookup`'s do.

    Examples
    --------
    >>> found = search([1, 2, 6, 20], offline=True)
    >>> found[0].id, found.source, found.notes
    ('A000984', 'catalogue', ('offline: answered from the local catalogue',))
    >>> found
    <Matches '1, 2, 6, 20': 1 match in all; A000984; source='catalogue'; 1 note>
    """

    def __init__(self, answer: Lookup) -> None:
        super().__init__(answer.results)
        self.query = answer.query
        self.source = answer.source
        self.total = answer.total
        self.start = answer.start
        self.warnings = answer.warnings
        self.notes = answer.notes

    # BEGIN reprs
    def _lookup(self) -> Lookup:
        """This answer as a :class:`Lookup`, whose views it shares."""
        terms = terms_of_query(self.query)
        return Lookup(
            query=self.query,
            results=tuple(self),
            source=self.source,
            total=self.total,
            start=self.start,
            warnings=self.warnings,
            notes=self.notes,
            terms=None if terms is None else tuple(terms),
        )

    @_display.guarded
    def __repr__(self) -> str:
        """``<Matches '1, 2, 6, 20': 1 match in all; A000984; source='catalogue'; 1 note>``."""
        return _views.lookup_repr(self._lookup(), "Matches")

    @_display.guarded
    def __str__(self) -> str:
        return _views.lookup_text(self._lookup())

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """The query, the count and source, and a table of the matches (A-numbers linked)."""
        return _views.lookup_html(self._lookup())

    # END reprs


def _offline(offline: bool | None) -> bool:
    return config.offline() if offline is None else (offline or config.offline())


def _with_source(seqs: Iterable[Sequence], source: str) -> tuple[Sequence, ...]:
    return tuple(
        seq if seq.source == source else replace(seq, extra={**seq.extra, "source": source})
        for seq in seqs
    )


def _local_search(
    terms: list[int], start: int, limit: int, signed: bool, warn: Callable[[str], None]
) -> tuple[list[Sequence], str, int | None]:
    """Local matches ``[start, start+limit)``, the source, and the total when it is known.

    Matches are counted up to ``_LOCAL_COUNT_CAP`` past ``start`` (cheap for the catalogue
    and for the mirror's index); past that the total is reported as unknown. There is always
    a local source: the catalogue ships with numtheory.
    """
    from numtheory.oeis import local

    cap = max(_LOCAL_COUNT_CAP, start + limit)
    return local.search_counted(
        terms, start=start, limit=limit, count_to=cap, signed=signed, warn=warn
    )


def _local_get(anumber: str, warn: Callable[[str], None]) -> tuple[Sequence, str] | None:
    """The entry from the mirror, else the catalogue; None when neither holds it."""
    from numtheory.oeis import local

    return local.get(anumber, warn=warn)


def _no_local_answer(exc: Exception, said: Iterable[str]) -> NoReturn:
    """Re-raise the network error ``exc`` (same class) saying what the local data said too.

    A user told only "could not reach the OEIS" cannot know that the mirror or catalogue was
    searched as well; and a damaged mirror skipped on the way is worth knowing about. A new
    exception (the caught one may be kept by whoever raised it), made without calling the
    class's ``__init__``, whose signature differs between classes; its attributes (``status``)
    are copied.
    """
    cls = type(exc)
    again = cls.__new__(cls)
    again.__dict__.update(exc.__dict__)
    again.args = ("; ".join((str(exc), *said)),)
    raise again from exc


def with_offline_hint(message: str) -> str:
    """``message`` (a fallback warning) ending with :data:`OFFLINE_HINT`, unless it says it.

    The one place the hint is added: local answers, expired cached copies (whose warning the
    client writes without it) and b-files from an expired copy all go through here.
    """
    return message if OFFLINE_HINT in message else f"{message} ({OFFLINE_HINT})"


def _hinted(warnings_: tuple[str, ...], source: str) -> tuple[str, ...]:
    """The client's warnings, each with the hint when the answer is an expired copy."""
    if source != "stale-cache":
        return warnings_
    return tuple(with_offline_hint(message) for message in warnings_)


def _network_only(warnings_: tuple[str, ...], source: str) -> None:
    """``fallback=False``: an expired cached copy is not the OEIS's answer."""
    if source == "stale-cache":
        raise OEISUnavailableError(
            f"the OEIS could not be reached (fallback=False, so the expired cached copy is not "
            f"used): {'; '.join(warnings_)}"
        )


def lookup(
    terms_or_query: str | Iterable[int],
    *,
    start: int = 0,
    limit: int | None = None,
    offline: bool | None = None,
    fallback: bool = True,
    want_total: bool = True,
    client: OEISClient | None = None,
) -> Lookup:
    """Search with the fallback policy (module docstring); the CLI's ``numtheory oeis``.

    Parameters
    ----------
    terms_or_query, limit, fallback
        As in :func:`search`.
    start
        Matches to skip: 0..100 online (the OEIS's anonymous limit); local answers page
        further.
    offline
        Local data only; None (the default) follows ``NUMTHEORY_OFFLINE``.
    want_total
        Also learn how many matches there are in all (at most one more request online).
    client
        The client to ask (default: :func:`default_client`).

    Returns
    -------
    Lookup
        The answer, its ``source``, and the warnings for the caller to show (not issued).

    Raises
    ------
    TooManyResultsError
        The OEIS will not list that many matches: give more terms.
    OfflineError
        A text query (``keyword:nice``) offline: only term searches are answered locally.
    OEISUnavailableError, OEISResponseError, OEISRefusedError
        The network failed and no local data answered (the message says what they said), or
        ``fallback=False``.

    Examples
    --------
    >>> answer = lookup([1, 2, 6, 20], offline=True)
    >>> [s.id for s in answer.results], answer.source, answer.total
    (['A000984'], 'catalogue', 1)
    >>> answer.notes
    ('offline: answered from the local catalogue',)
    """
    query = build_query(terms_or_query)
    terms = terms_of_query(query)
    signed = query.startswith("signed:")
    shown = tuple(terms) if terms is not None else None
    warned: list[str] = []  # e.g. a damaged mirror skipped
    # Checked here, before either path: the local one would take limit=-3 as a slice bound.
    start = as_int(start, "start")
    if start < 0:
        raise InputError(f"start must be >= 0 (matches to skip), got {start}")
    # None is one page, as online: local data must not answer the same call with everything
    limit = PAGE_SIZE if limit is None else as_int(limit, "limit")
    if limit < 1:
        raise InputError(f"limit must be at least 1 (or None: one page), got {limit}")
    if _offline(offline):
        if terms is None:
            raise OfflineError(
                f"offline: only term searches can be answered locally, not {query!r}"
            )
        found, source, total = _local_search(terms, start, limit, signed, warned.append)
        # A note only when something was found: "answered from" then "no match" would read
        # as a contradiction (the no-match message names the source instead).
        notes = (f"offline: answered from the local {source}",) if found else ()
        return Lookup(
            query=query,
            results=_with_source(found, source),
            source=source,
            total=total,
            start=start,
            warnings=tuple(warned),
            notes=notes,
            terms=shown,
        )
    if start > MAX_START:
        raise InputError(
            f"start must be 0..{MAX_START} online (the OEIS lists anonymous users only the first "
            f"{MAX_START + PAGE_SIZE} matches), got {start}; local data pages further "
            "(offline=True, --offline)"
        )
    client = client or default_client()
    try:
        result = client.search(query, start=start, limit=limit, want_total=want_total)
    except TooManyResultsError as exc:
        if shown is None:
            raise
        raise TooManyResultsError(
            f"too many results, give more terms (the OEIS will not list the matches of "
            f"{show_terms(shown)})"
        ) from exc
    except _NETWORK_FAILURES as exc:
        if not fallback or terms is None:
            raise
        found, source, total = _local_search(terms, start, limit, signed, warned.append)
        if not found:
            past = f" past the first {total}" if start and total else ""
            nothing = f"no match{past} for {show_terms(terms)} in the local {source} either"
            _no_local_answer(exc, (*warned, nothing))
        said = (*warned, with_offline_hint(f"{exc}; answering from the local {source}"))
        return Lookup(
            query=query,
            results=_with_source(found, source),
            source=source,
            total=total,
            start=start,
            warnings=said,
            terms=shown,
        )
    if not fallback:
        _network_only(result.warnings, result.source)
    return replace(
        result,
        results=_with_source(result.results, result.source),
        warnings=_hinted(result.warnings, result.source),
        terms=shown,
    )


def lookup_entry(
    anumber: str | int,
    *,
    offline: bool | None = None,
    fallback: bool = True,
    client: OEISClient | None = None,
) -> Lookup:
    """One entry with the fallback policy (network, else local data with a warning).

    Parameters
    ----------
    anumber
        ``"A000984"``, ``"a984"`` or ``984``.
    offline, fallback, client
        As in :func:`lookup`.

    Returns
    -------
    Lookup
        ``results`` holds the one entry; ``warnings`` are for the caller to show.

    Raises
    ------
    SequenceNotFoundError
        No such entry (offline: not in the local data).
    OEISUnavailableError, OEISResponseError, OEISRefusedError
        As in :func:`lookup`.

    Examples
    --------
    >>> answer = lookup_entry("a984", offline=True)
    >>> answer.results[0].name, answer.source
    ('Central binomial coefficients: C(2n,n)', 'catalogue')
    """
    aid = normalize_anumber(anumber)
    said: list[str] = []
    if _offline(offline):
        local = _local_get(aid, said.append)
        if local is None:
            raise SequenceNotFoundError(f"{aid} is not in the local OEIS data (offline)")
        seq, source = local
        notes = (f"offline: answered from the local {source}",)
        return _entry_answer(aid, seq, source, tuple(said), notes)
    client = client or default_client()
    try:
        seq, source, warnings_ = client.entry(aid)
    except _NETWORK_FAILURES as exc:
        if not fallback:
            raise
        local = _local_get(aid, said.append)
        if local is None:
            _no_local_answer(exc, (*said, f"{aid} is not in the local OEIS data either"))
        seq, source = local
        said.append(with_offline_hint(f"{exc}; answering from the local {source}"))
        return _entry_answer(aid, seq, source, tuple(said))
    if not fallback:
        _network_only(warnings_, source)
    return _entry_answer(aid, seq, source, _hinted(warnings_, source))


def _entry_answer(
    aid: str, seq: Sequence, source: str, said: tuple[str, ...], notes: tuple[str, ...] = ()
) -> Lookup:
    return Lookup(
        query=aid,
        results=_with_source([seq], source),
        source=source,
        total=1,
        warnings=said,
        notes=notes,
    )


def _warn(answer: Lookup) -> None:
    for message in answer.warnings:
        # stacklevel 3: the warning points at the user's call of search()/get()
        warnings.warn(message, OEISFallbackWarning, stacklevel=3)


def search(
    terms_or_query: str | Iterable[int],
    *,
    start: int = 0,
    limit: int | None = None,
    offline: bool = False,
    fallback: bool = True,
) -> Matches:
    """Sequences matching ``terms_or_query``, best first.

    Parameters
    ----------
    terms_or_query
        Integers (``[1, 2, 6, 20]``: consecutive terms, as the OEIS searches them) or a query
        string in OEIS syntax (``"1,2,6,20"``, ``"id:A000984"``, ``"keyword:nice"``).
    start
        Rank of the first result wanted: 0..100 online (the OEIS shows anonymous users 110
        at most); local data page further.
    limit
        How many results (default 10: one page; more pages only when asked for).
    offline
        Local data only (also ``NUMTHEORY_OFFLINE=1``).
    fallback
        When the OEIS cannot be reached: answer from the expired cache, the mirror or the
        catalogue with an :class:`OEISFallbackWarning` (True, the default), or raise (False).

    Returns
    -------
    Matches
        A list of :class:`Sequence`; its ``source`` says where it came from, ``total`` how
        many matches there are in all (None when unknown).

    Raises
    ------
    TooManyResultsError
        The OEIS will not list that many matches: give more terms.
    OEISUnavailableError, OEISResponseError, OEISRefusedError
        The network failed after retries and no fallback answered (or ``fallback=False``).

    Examples
    --------
    >>> found = search([1, 2, 6, 20], offline=True)
    >>> [s.id for s in found], found.source
    (['A000984'], 'catalogue')
    >>> search("1 1 2 3 5 8 13 21", offline=True, limit=1)[0].id
    'A000045'

    Online (the default) it asks oeis.org first, so not run here:

    >>> search([1, 2, 6, 20, 70, 252])[0].id  # doctest: +SKIP
    'A000984'
    """
    answer = lookup(
        terms_or_query,
        start=start,
        limit=limit,
        offline=offline or None,
        fallback=fallback,
        want_total=False,
    )
    _warn(answer)
    return Matches(answer)


def get(anumber: str | int, *, offline: bool = False, fallback: bool = True) -> Sequence:
    """The entry ``anumber`` (``"A000984"``, ``"a984"`` or ``984``).

    Parameters
    ----------
    anumber
        The A-number.
    offline, fallback
        As in :func:`search`; a fallback answer comes with an :class:`OEISFallbackWarning`.

    Returns
    -------
    Sequence
        Its ``source`` says where it came from (``"network"``, ..., ``"catalogue"``).

    Raises
    ------
    SequenceNotFoundError
        No such entry.
    OEISUnavailableError, OEISResponseError, OEISRefusedError
        The network failed and no local data have the entry (or ``fallback=False``).

    Examples
    --------
    >>> seq = get("A000045", offline=True)
    >>> seq.id, seq.terms[:8], seq.source
    ('A000045', (0, 1, 1, 2, 3, 5, 8, 13), 'catalogue')
    """
    answer = lookup_entry(anumber, offline=offline or None, fallback=fallback)
    _warn(answer)
    return answer.results[0]


def bfile(anumber: str | int) -> list[tuple[int, int]]:
    """The b-file of ``anumber``: ``[(n, a(n)), ...]`` (network or cache; no offline source).

    Parameters
    ----------
    anumber
        ``"A000045"``, ``"a45"`` or ``45``.

    Returns
    -------
    list of (int, int)
        The pairs ``(n, a(n))`` in the file's order (malformed lines left out, with a warning).

    Raises
    ------
    OfflineError
        ``NUMTHEORY_OFFLINE=1``: b-files come from the network (or its cache) only.
    OEISUnavailableError, OEISResponseError, OEISRefusedError
        The network failed and the cache has no copy.

    Examples
    --------
    Needs the network (a b-file has no offline source), so not run here:

    >>> bfile("A000045")[:4]  # doctest: +SKIP
    [(0, 0), (1, 1), (2, 1), (3, 2)]
    """
    if config.offline():
        raise OfflineError("offline (NUMTHEORY_OFFLINE=1): b-files come from the network only")
    return default_client().bfile(anumber)
