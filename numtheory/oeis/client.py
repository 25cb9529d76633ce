"""The OEIS over HTTP, done the way a careful client of a volunteer-run service should be.

:class:`OEISClient` takes its collaborators as arguments (``session``, ``cache``, the retry
policy, ``clock`` and ``sleep``), so tests and scripts can swap any of them, as with httpx.

Etiquette (``docs/architecture.md``, "The OEIS"): one ``requests.Session``; (connect, read)
timeouts; a User-Agent naming the project; at most one request in flight (a lock) and at least
``min_interval`` seconds (1 s by default, ``NUMTHEORY_OEIS_MIN_INTERVAL``) between network
requests; cache hits are free; only connection errors, timeouts, truncated bodies, 408, 429 and
5xx are retried (``Retry-After`` honoured); other 4xx never; ``start`` is never above 100 (the
anonymous paging cap) and no more pages are fetched than asked for.

What a call may cost is bounded against a hostile server too (README, "What a network call is
allowed to cost"): one ``deadline`` (30 s) covers the whole call, pages, redirects, retries and
waits included, and every socket read of headers and body (:mod:`numtheory.oeis.transport`);
bodies are streamed up to ``max_page_bytes`` / ``max_bfile_bytes``; redirects are followed by
hand, at most :data:`MAX_REDIRECTS`, only within the base URL's origin, each spaced like any
request; a host name that does not resolve is tried twice at most; a failure is remembered for
a few minutes (:mod:`numtheory.oeis.netmemory`) so the next call fails at once. Bad bodies are
:class:`OEISResponseError`, an unreachable or too slow OEIS :class:`OEISUnavailableError`.

How many requests a term search costs (``/search`` is ``fmt=json`` first when ``start`` is 0):

* a page with fewer than 10 records: 1 request, and the total is known (it is the count);
* ``null`` (no match, or too many): 1 more ``fmt=text`` request, whose status line says which;
* a full page of 10 when the caller wants the total (the CLI does): 1 more ``fmt=text``
  request for its ``Showing 1-10 of N`` line;
* ``start`` above 0: the ``fmt=text`` page at ``start`` first (the JSON cannot show that the
  OEIS clamped a start past the end to its last page); past the end, no match or too many
  ends there, in 1 request; else the JSON page follows (2 requests, the total known).

Every answer is cached, so a repeat costs nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlencode, urlsplit

from numtheory.errors import (
    InputError,
    OEISRefusedError,
    OEISResponseError,
    OEISUnavailableError,
    SequenceNotFoundError,
    TooManyResultsError,
)
from numtheory.oeis import config
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.model import (
    Lookup,
    Sequence,
    build_query,
    normalize_anumber,
    terms_of_query,
)
from numtheory.oeis.netcall import (
    MAX_REDIRECTS,
    NetworkCalls,
    RememberedFailureError,
    TransientHTTPError,
    is_transient,
    origin,
    stderr_progress,
)
from numtheory.oeis.netmemory import FILE_NAME as FAILURE_FILE
from numtheory.oeis.netmemory import FailureMemory
from numtheory.oeis.parse import (
    BFileScan,
    SearchPage,
    TextStatus,
    bfile_is_synthesized,
    parse_entry_json,
    parse_search_json,
    parse_text_status,
    scan_bfile,
    settle_bfile,
)
from numtheory.retry import RetryPolicy

if TYPE_CHECKING:
    import requests

__all__ = [
    "MAX_REDIRECTS",
    "MAX_START",
    "PAGE_SIZE",
    "USER_AGENT",  # noqa: F822 (module __getattr__)
    "BFileAnswer",
    "Fetched",
    "OEISClient",
    "RememberedFailureError",
    "SearchResult",
    "TransientHTTPError",
    "build_query",
    "is_transient",
    "stderr_progress",
    "terms_of_query",
]


PROJECT_URL = config.PROJECT_URL


def __getattr__(name: str) -> str:
    # USER_AGENT names the requests version, so it is made when asked for (a cached answer
    # never imports requests); it is config.user_agent(), the one User-Agent of the package.
    if name == "USER_AGENT":
        return config.user_agent()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Records per search page (fixed by the OEIS).
PAGE_SIZE = 10
#: The largest ``start`` the OEIS serves anonymous users (``start=110`` answers 403).
MAX_START = 100
Source = Literal["network", "cache", "stale-cache"]


@dataclass(frozen=True)
class Fetched:
    """A body and where it came from; ``warning`` is set for a stale copy; ``parsed`` is what
    :meth:`OEISClient.fetch`'s ``validate`` returned for this body (so it is parsed once)."""

    body: str
    source: Source
    warning: str | None = None
    parsed: object = field(default=None, compare=False, repr=False)


#: The older name of :class:`~numtheory.oeis.model.Lookup`, the one result type (kept: public).
SearchResult = Lookup


@dataclass(frozen=True)
class BFileAnswer:
    """A b-file's pairs, where they came from, any stale-copy warning, and whether the server
    made it from the data line (no b-file of its own; :func:`~numtheory.oeis.parse.
    bfile_is_synthesized`)."""

    pairs: list[tuple[int, int]]
    source: Source
    warnings: tuple[str, ...] = ()
    synthesized: bool = False


def _one_line(text: str, limit: int = 120) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 3] + "..."


def _combine(sources: Iterable[Source]) -> Source:
    seen = set(sources)
    if "stale-cache" in seen:
        return "stale-cache"
    if "network" in seen:
        return "network"
    return "cache"


class OEISClient(NetworkCalls):
    """A client of the OEIS web service.

    Parameters
    ----------
    base_url
        Default ``NUMTHEORY_OEIS_URL``, else ``https://oeis.org``.
    session
        A ``requests.Session`` (one is created on the first network request, and closed by
        :meth:`close`, if not given: a cached answer never imports requests). Its default
        adapter for ``base_url`` is replaced by a deadline-keeping one, and its User-Agent
        set, when the client first uses it.
    cache
        A :class:`ResponseCache`, ``True`` for the default one, ``False``/``None`` for none.
    retry_policy
        How to retry; default: up to 4 attempts of the transient failures within ``deadline``
        (a failed host-name lookup is tried twice at most).
    timeout
        ``(connect, read)`` seconds for each request (both also cut to the time left).
    deadline
        Seconds after which a call (``search``, ``get``, ``bfile``: every page, redirect,
        retry and wait, headers and body) gives up (default 30).
    min_interval
        Seconds between two network requests (default ``NUMTHEORY_OEIS_MIN_INTERVAL`` or 1).
    clock, sleep
        Monotonic clock and sleep, injectable for tests (used by the throttle and the retries).
    user_agent
        Replaces the default ``numtheory/<version> (+<project URL>) python-requests/<version>``.
    max_page_bytes, max_bfile_bytes
        Size caps of a record or search answer and of a b-file (defaults from
        :mod:`~numtheory.oeis.config`: 8 MiB and 64 MiB); a longer answer is an
        :class:`OEISResponseError`, and is never read whole.
    failure_memory
        Where to remember that the OEIS was unreachable: ``True`` for
        ``<cache dir>/oeis-unreachable.json`` kept ``NUMTHEORY_OEIS_FAILURE_TTL`` s (300),
        a :class:`FailureMemory`, or ``False`` for no memory.
    ignore_remembered_failure
        Try the network even when a recent failure is remembered (the outcome still updates
        the memory): the "retry now" switch.
    progress
        Called with a one-line message when a call is kept waiting (a retry wait of 1 s or
        more, or no answer after 2 s). Default: none (the messages go to the
        ``numtheory.oeis.client`` logger only); the CLI passes :func:`stderr_progress`.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        session: requests.Session | None = None,
        cache: ResponseCache | bool | None = True,
        retry_policy: RetryPolicy | None = None,
        timeout: tuple[float, float] = (3.05, 15.0),
        deadline: float = 30.0,
        min_interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str | None = None,
        max_page_bytes: int | None = None,
        max_bfile_bytes: int | None = None,
        failure_memory: FailureMemory | bool = True,
        ignore_remembered_failure: bool = False,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        if not deadline > 0:
            raise InputError(f"the OEIS deadline must be > 0 seconds, got {deadline}")
        self.base_url = (base_url or config.base_url()).rstrip("/")
        self.home = origin(self.base_url)
        self.host = urlsplit(self.base_url).hostname or self.base_url
        self._owns_session = session is None
        self._session = session
        self._session_ready = False
        self._user_agent = user_agent
        self.cache: ResponseCache | None
        if cache is True:
            self.cache = ResponseCache()
        elif isinstance(cache, ResponseCache):
            self.cache = cache
        else:
            self.cache = None
        self.timeout = timeout
        self.deadline = deadline
        self.min_interval = config.min_interval() if min_interval is None else min_interval
        self.max_page_bytes = config.max_page_bytes() if max_page_bytes is None else max_page_bytes
        self.max_bfile_bytes = (
            config.max_bfile_bytes() if max_bfile_bytes is None else max_bfile_bytes
        )
        self.memory: FailureMemory | None
        if failure_memory is True:
            self.memory = FailureMemory(config.cache_dir() / FAILURE_FILE, config.failure_ttl())
        else:
            self.memory = failure_memory or None
        self.ignore_remembered_failure = ignore_remembered_failure
        self.progress = progress
        self._clock = clock
        self._sleep = sleep
        self.retry_policy = retry_policy or RetryPolicy(
            on=is_transient,
            attempts=4,
            timeout=deadline,
            wait_initial=0.5,
            wait_max=8.0,
            wait_jitter=0.5,
            retry_after_max=deadline,
            sleep=sleep,
            clock=clock,
        )
        self._lock = threading.Lock()
        self._calls = threading.local()  # the deadline of the call running in this thread
        self._next_request_at = float("-inf")

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def session(self) -> requests.Session:
        """The ``requests.Session`` (made, or set up, on first use)."""
        if not self._session_ready:
            import requests
            from requests.adapters import HTTPAdapter

            from numtheory.oeis.transport import DeadlineAdapter

            session = self._session if self._session is not None else requests.Session()
            session.headers["User-Agent"] = self._user_agent or config.user_agent()
            if type(session.get_adapter(self.base_url)) is HTTPAdapter:
                session.mount(self.base_url, DeadlineAdapter())
            self._session, self._session_ready = session, True
        assert self._session is not None
        return self._session

    def close(self) -> None:
        if self._owns_session and self._session is not None:
            self._session.close()
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> OEISClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def url(self, path: str, params: Mapping[str, str | int] | None = None) -> str:
        """The full URL of a request (also the cache key)."""
        query = f"?{urlencode(dict(params))}" if params else ""
        return f"{self.base_url}{path}{query}"

    def fetch(
        self,
        path: str,
        params: Mapping[str, str | int] | None = None,
        validate: Callable[[str], object] | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET ``path`` through the cache: a fresh copy, else the network, else a stale copy.

        ``validate`` (a parser) runs on a network body before it is cached, so a malformed
        answer is never stored, and on a cached body before it is used: one that no longer
        parses (stored by an older version) is fetched again, not served for a week. A stale
        copy is used, with a warning, when the network fails after retries or answers badly.
        ``max_bytes`` caps the body (default ``max_page_bytes``).
        """
        url = self.url(path, params)
        cached = self.cache.get(url) if self.cache is not None else None
        cached_value: object = None
        if cached is not None and validate is not None:
            try:
                cached_value = validate(cached.body)
            except (OEISResponseError, SequenceNotFoundError):
                cached = None
        if cached is not None and cached.fresh:
            return Fetched(cached.body, "cache", parsed=cached_value)
        try:
            with self._call() as deadline_at:
                body = self._network(url, deadline_at, max_bytes or self.max_page_bytes)
                value = validate(body) if validate is not None else None
        except (OEISUnavailableError, OEISResponseError, OEISRefusedError) as exc:
            if cached is None:
                raise
            day = time.strftime("%Y-%m-%d", time.localtime(cached.stored_at))
            warning = f"{exc}; using a cached copy from {day}"
            return Fetched(cached.body, "stale-cache", warning, parsed=cached_value)
        if self.cache is not None:
            self.cache.put(url, body)
        return Fetched(body, "network", parsed=value)

    # -- the API ----------------------------------------------------------------------------

    def search(
        self,
        terms_or_query: str | Iterable[int],
        *,
        start: int = 0,
        limit: int | None = None,
        want_total: bool = False,
    ) -> Lookup:
        """Search the OEIS; results best first.

        ``start`` is the 0-based rank of the first result (0..100, the anonymous limit);
        ``limit`` the number of results wanted (default 10, one page; more pages are fetched
        only if asked for); ``want_total`` spends at most one more request to learn the total.
        The OEIS answers a ``start`` past the last match with its last page again, so a
        ``start`` above 0 first costs one ``fmt=text`` request (cached) whose ``Showing a-b of
        N`` line says where the page really begins: at or past the end the results are empty
        and no JSON page is fetched.
        One deadline covers the whole call, every page included.

        Raises :class:`TooManyResultsError` when the OEIS will not list the matches.
        """
        with self._call():
            return self._search(terms_or_query, start, limit, want_total)

    def _search(
        self,
        terms_or_query: str | Iterable[int],
        start: int,
        limit: int | None,
        want_total: bool,
    ) -> Lookup:
        query = build_query(terms_or_query)
        limit = PAGE_SIZE if limit is None else limit
        if isinstance(start, bool) or not isinstance(start, int) or not 0 <= start <= MAX_START:
            raise InputError(
                f"start must be 0..{MAX_START} (the OEIS lists anonymous users only the first "
                f"{MAX_START + PAGE_SIZE} results), got {start!r}"
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit must be a positive integer, got {limit!r}")
        results: list[Sequence] = []
        seen: set[int] = set()
        sources: list[Source] = []
        warnings: list[str] = []
        total: int | None = None
        page_start = start
        contiguous = start == 0  # every rank before page_start has been seen
        status: TextStatus | None = None
        if start > 0:
            # The OEIS answers a start past the end with its last page again, and its JSON
            # cannot show it: the text page's "Showing a-b of N" can. Asked first, it settles
            # a start past the end, no match and too many in one request, no JSON page fetched.
            status = self._text_status(query, start, sources, warnings)
            if status.kind == "too-many":
                raise TooManyResultsError(_too_many(query))
            if status.kind == "none" or status.first <= start:
                total = status.total if status.kind == "results" else None
                return Lookup(
                    query=query,
                    results=(),
                    source=_combine(sources),
                    total=total,
                    start=start,
                    warnings=tuple(warnings),
                )
        while True:
            got = self._search_fetch(
                {"q": query, "fmt": "json", "start": page_start},
                lambda text: parse_search_json(text, check=self._deadline_check()),
            )
            sources.append(got.source)
            warnings += [got.warning] if got.warning else []
            page = got.parsed if isinstance(got.parsed, SearchPage) else parse_search_json(got.body)
            if page.ambiguous:
                if page_start == start:
                    if status is None:
                        status = self._text_status(query, page_start, sources, warnings)
                    if status.kind == "too-many":
                        raise TooManyResultsError(_too_many(query))
                    if status.kind == "results":
                        raise OEISResponseError(
                            f"the OEIS answered null to {query!r} in JSON but lists "
                            f"{status.total} results in text"
                        )
                    total = 0 if start == 0 else None
                elif contiguous:
                    total = page_start
                break
            if page.count is not None:
                if page.count > 0 and not page.results:
                    raise TooManyResultsError(_too_many(query))
                total = page.count
            elif page_start == start and status is not None:
                total = status.total  # a start within the results (checked above)
            new = [seq for seq in page.results if seq.number not in seen]
            seen.update(seq.number for seq in new)
            results += new
            if len(page.results) < PAGE_SIZE or not new:
                if total is None and contiguous:
                    total = page_start + len(new)
                break
            if len(results) >= limit or page_start + PAGE_SIZE > MAX_START:
                break
            page_start += PAGE_SIZE
            contiguous = True
        if total is not None and start >= total:
            results = []  # a start past the end: the page the server sent is ranks before it
        elif total is None and want_total and results:
            status = self._text_status(query, page_start, sources, warnings)
            total = status.total if status.kind == "results" else None
            if total is not None and start >= total:
                # The OEIS clamps a start past the end to its last page, so the records seen
                # are ranks before `start`: there is nothing at `start` itself.
                results = []
        return Lookup(
            query=query,
            results=tuple(results[:limit]),
            source=_combine(sources),
            total=total,
            start=start,
            warnings=tuple(warnings),
        )

    def _search_fetch(
        self, params: Mapping[str, str | int], validate: Callable[[str], object]
    ) -> Fetched:
        try:
            return self.fetch("/search", params, validate=validate)
        except SequenceNotFoundError as exc:  # a 404 here is a wrong server, not "no match"
            raise OEISResponseError(
                f"the OEIS answered 404 to a search ({self.url('/search', params)}); "
                "is NUMTHEORY_OEIS_URL right?"
            ) from exc

    def _text_status(
        self, query: str, start: int, sources: list[Source], warnings: list[str]
    ) -> TextStatus:
        got = self._search_fetch({"q": query, "fmt": "text", "start": start}, parse_text_status)
        sources.append(got.source)
        warnings += [got.warning] if got.warning else []
        return got.parsed if isinstance(got.parsed, TextStatus) else parse_text_status(got.body)

    def entry(self, anumber: str | int) -> tuple[Sequence, Source, tuple[str, ...]]:
        """One entry with where it came from and any warning (see :meth:`get`)."""
        aid = normalize_anumber(anumber)
        try:
            with self._call():
                got = self.fetch(f"/{aid}", {"fmt": "json"}, validate=_entry_validator(aid))
        except SequenceNotFoundError:
            raise SequenceNotFoundError(f"no OEIS sequence {aid}") from None
        if got.body.strip() in ("null", "[]"):
            raise SequenceNotFoundError(f"no OEIS sequence {aid}")
        seq = got.parsed if isinstance(got.parsed, Sequence) else parse_entry_json(got.body, aid)
        return seq, got.source, (got.warning,) if got.warning else ()

    def get(self, anumber: str | int) -> Sequence:
        """The entry ``anumber`` (``"A000984"``, ``"a984"`` or ``984``).

        Raises :class:`SequenceNotFoundError` for an unknown A-number.
        """
        return self.entry(anumber)[0]

    def bfile_text(self, anumber: str | int) -> tuple[str, Source, tuple[str, ...]]:
        """The raw b-file of ``anumber`` with its source and any warning."""
        got = self._bfile(normalize_anumber(anumber))
        return got.body, got.source, (got.warning,) if got.warning else ()

    def bfile(self, anumber: str | int, *, strict: bool = False) -> list[tuple[int, int]]:
        """The b-file of ``anumber`` as ``(n, a(n))`` pairs.

        Lines that are not ``n a(n)`` are left out with a :class:`~numtheory.oeis.parse.
        BFileWarning` naming them; ``strict=True`` raises :class:`OEISResponseError` instead.
        Entries without a b-file of their own get the one the server synthesizes from the
        data line (see :func:`numtheory.oeis.parse.bfile_is_synthesized`).
        """
        return self.bfile_answer(anumber, strict=strict).pairs

    def bfile_answer(self, anumber: str | int, *, strict: bool = False) -> BFileAnswer:
        """:meth:`bfile` with its source, warnings and whether it is synthesized (the CLI's).

        The body is fetched and scanned once, under the call's deadline; bad lines are a
        :class:`~numtheory.oeis.parse.BFileWarning` (``strict=True``: :class:`OEISResponseError`).
        """
        aid = normalize_anumber(anumber)
        got = self._bfile(aid)
        # the scan made while validating the body is reused: a large b-file is read once
        scan = got.parsed if isinstance(got.parsed, BFileScan) else scan_bfile(got.body, aid)
        pairs = settle_bfile(scan, aid, strict=strict)
        return BFileAnswer(
            pairs,
            got.source,
            (got.warning,) if got.warning else (),
            bfile_is_synthesized(got.body),
        )

    def _bfile(self, aid: str) -> Fetched:
        """Fetch ``aid``'s b-file; ``parsed`` is its :class:`BFileScan`."""

        def validate(text: str) -> BFileScan:
            # only a body that is no b-file at all is refused here; bad lines are the
            # parser's to report (settle_bfile warns, or raises with strict=True). A network
            # body is scanned under the call's deadline.
            return scan_bfile(text, aid, check=self._deadline_check())

        try:
            return self.fetch(
                f"/{aid}/b{aid[1:]}.txt", validate=validate, max_bytes=self.max_bfile_bytes
            )
        except SequenceNotFoundError:
            raise SequenceNotFoundError(f"no OEIS sequence {aid} (no b-file)") from None


def _entry_validator(aid: str) -> Callable[[str], object]:
    def validate(text: str) -> object:
        if text.strip() in ("null", "[]"):  # raised here so that it is never cached
            raise SequenceNotFoundError(f"no OEIS sequence {aid}")
        return parse_entry_json(text, aid)

    return validate


def _too_many(query: str) -> str:
    return f"too many results, give more terms (the OEIS will not list the matches of {query})"
