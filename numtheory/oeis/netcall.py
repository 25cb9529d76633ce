"""The network half of :class:`~numtheory.oeis.client.OEISClient`: one call's deadline, the
request spacing, redirects, status codes, retries and the memory of a failure.

Kept apart from the OEIS API (``client.py``: queries, paging, cache, parsing) so each stays
small. :class:`NetworkCalls` is a mixin: it uses the attributes ``OEISClient.__init__`` sets.
Its budget, from the outermost call (``search``, ``get``, ``bfile``) down to every socket read:

* :meth:`NetworkCalls._call` fixes one deadline for the whole call; pages and retries share it;
* the retry policy is cut to what is left, and a host name that does not resolve is tried twice;
* every request waits for the spacing, then reads through
  :class:`~numtheory.oeis.transport.DeadlineAdapter` with a size cap;
* redirects are followed here (not by requests), at most :data:`MAX_REDIRECTS`, only within the
  base URL's origin, each one a request like any other (spaced, counted, under the deadline).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urljoin, urlsplit

from numtheory.errors import (
    OEISRefusedError,
    OEISResponseError,
    OEISUnavailableError,
    SequenceNotFoundError,
)
from numtheory.oeis import config
from numtheory.oeis.netmemory import FailureMemory
from numtheory.oeis.parse import describe_html, looks_like_html
from numtheory.retry import RetryEvent, RetryPolicy, parse_retry_after

if TYPE_CHECKING:
    import requests

# requests (and numtheory.oeis.transport, built on it) are imported where a request is made,
# not here: a cached or offline answer never needs them (about 0.1 s of start-up).

__all__ = [
    "DEFAULT_429_WAIT",
    "ERROR_BODY_BYTES",
    "MAX_REDIRECTS",
    "PROGRESS_AFTER",
    "NetworkCalls",
    "RememberedFailureError",
    "TransientHTTPError",
    "is_transient",
    "origin",
    "stderr_progress",
    "transient_error",
]

logger = logging.getLogger("numtheory.oeis.client")

#: Wait before retrying a 429 that carries no Retry-After (robots.txt Crawl-Delay).
DEFAULT_429_WAIT = 10.0
#: Redirects followed per request, each within the base URL's origin and spaced like any request.
MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Of an error page (4xx/5xx) only this much is read: it is only quoted in the message.
ERROR_BODY_BYTES = 64 * 1024
#: A call kept waiting this long (one silent request, or a retry wait over half of it) says so.
PROGRESS_AFTER = 2.0


class TransientHTTPError(OEISUnavailableError):
    """A 408/429/5xx answer: worth retrying, after ``retry_after`` seconds if the server said."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def transient_error(
    status: int, headers: Mapping[str, str], message: str
) -> TransientHTTPError | None:
    """The retryable error for an answer with ``status`` (408, 429, 5xx), else None.

    ``Retry-After`` (seconds or an HTTP-date, :func:`numtheory.retry.parse_retry_after`) is
    the wait it asks for; a 429 without one waits :data:`DEFAULT_429_WAIT`. The one status
    policy of the client and the mirror's sync.
    """
    if not (status == 408 or status == 429 or 500 <= status <= 599):
        return None
    retry_after = parse_retry_after(headers.get("Retry-After"))
    if status == 429 and retry_after is None:
        retry_after = DEFAULT_429_WAIT
    return TransientHTTPError(message, status, retry_after)


def is_transient(exc: Exception) -> bool:
    """The retry predicate: connection errors, timeouts, truncated bodies, 408/429/5xx.

    TLS and proxy failures, bad URLs and every other 4xx are not transient. Errors met while
    a body is streamed are ``requests`` exceptions too
    (:func:`numtheory.oeis.transport.requests_errors`).
    """
    if isinstance(exc, TransientHTTPError):
        return True
    import requests

    if isinstance(
        exc,
        (
            requests.exceptions.SSLError,
            requests.exceptions.ProxyError,
            requests.exceptions.InvalidURL,
            requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema,
        ),
    ):
        return False
    return isinstance(
        exc,
        (
            requests.exceptions.ConnectionError,
            requests.exceptions.Timeout,
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ),
    )


class RememberedFailureError(OEISUnavailableError):
    """Raised without any request: the OEIS failed moments ago and the failure is remembered
    (see :mod:`numtheory.oeis.netmemory`); ``reason`` is why it failed then."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def stderr_progress(message: str) -> None:
    """A ``progress`` hook for command-line use: ``numtheory: <message>`` on stderr."""
    print(f"numtheory: {message}", file=sys.stderr, flush=True)


class NetworkCalls:
    """Network requests for :class:`~numtheory.oeis.client.OEISClient` (a mixin)."""

    base_url: str
    host: str
    home: str  #: origin() of base_url: where redirects may go
    timeout: tuple[float, float]
    deadline: float
    min_interval: float
    memory: FailureMemory | None
    ignore_remembered_failure: bool
    progress: Callable[[str], None] | None
    retry_policy: RetryPolicy
    _clock: Callable[[], float]
    _sleep: Callable[[float], None]
    _lock: threading.Lock
    _calls: threading.local
    _next_request_at: float

    @property
    def session(self) -> requests.Session:
        """The session requests go through (the client makes it on the first request)."""
        raise NotImplementedError

    @contextlib.contextmanager
    def _call(self) -> Iterator[float]:
        """The deadline (on ``clock``) of the call in progress; the outermost call sets it."""
        outer: _CallState | None = getattr(self._calls, "state", None)
        if outer is not None:
            yield outer.deadline_at
            return
        state = self._calls.state = _CallState(self._clock() + self.deadline)
        try:
            yield state.deadline_at
        finally:
            self._calls.state = None

    def _deadline_check(self) -> Callable[[], None] | None:
        """For a parser working inside a call: a function that raises once the call's
        deadline has passed (None outside a call, e.g. for a body read from the cache)."""
        state: _CallState | None = getattr(self._calls, "state", None)
        if state is None:
            return None
        deadline_at = state.deadline_at

        def check() -> None:
            if self._clock() > deadline_at:
                raise OEISUnavailableError(self._late("while parsing the answer"))

        return check

    def _tell(self, message: str) -> None:
        logger.info("%s", message)
        if self.progress is not None:
            self.progress(message)

    def forget_failure(self) -> None:
        """Forget a remembered failure of this base URL (the next call tries the network)."""
        if self.memory is not None:
            self.memory.forget(self.base_url)

    def _recall_failure(self) -> None:
        if self.memory is None or self.ignore_remembered_failure:
            return
        failure = self.memory.recall(self.base_url)
        if failure is None:
            return
        ago = max(0.0, time.time() - failure.failed_at)
        raise RememberedFailureError(
            f"the OEIS at {self.base_url} failed {ago:.0f} s ago ({failure.reason}); a "
            f"remembered failure, not tried again for {failure.expires_in:.0f} s "
            f"({config.RETRY_NOW_HINT}; {config.OFFLINE_HINT})",
            failure.reason,
        )

    def _network(self, url: str, deadline_at: float, max_bytes: int) -> str:
        self._recall_failure()
        state: _CallState | None = getattr(self._calls, "state", None)
        try:
            body = self._network_attempts(url, deadline_at, max_bytes)
        except OEISUnavailableError as exc:
            # A call whose earlier requests were answered ran out of time, it did not find
            # the OEIS unreachable: remembering it would block the next calls for nothing.
            if self.memory is not None and not (state is not None and state.answered):
                reason = str(exc).replace(f" at {self.base_url}", "")
                reason = reason.removeprefix("could not reach the OEIS: ")
                self.memory.record(self.base_url, _one_line(reason, 200))
            raise
        if state is not None:
            state.answered = True
        if self.memory is not None:
            self.memory.forget(self.base_url)
        return body

    def _network_attempts(self, url: str, deadline_at: float, max_bytes: int) -> str:
        import requests

        from numtheory.oeis.transport import describe_request_error, is_dns_failure

        started = self._clock()
        policy = self.retry_policy
        left = deadline_at - started
        if left <= 0:  # spent by earlier pages of the same call
            raise OEISUnavailableError(self._late("before the next request"))
        policy = policy.with_options(
            timeout=left if policy.timeout is None else min(policy.timeout, left),
            on_retry=self._retry_hook(policy),
        )
        attempts = 0
        dns_failures = 0
        try:
            for attempt in policy.attempts_iter(name=f"GET {url}"):
                with attempt:
                    attempts = attempt.number
                    try:
                        return self._request_once(url, deadline_at, max_bytes)
                    except requests.ConnectionError as exc:
                        dns_failures += is_dns_failure(exc)
                        if dns_failures >= 2:  # a name that did not resolve twice will not
                            raise OEISUnavailableError(
                                f"could not reach the OEIS at {self.base_url}: "
                                f"{describe_request_error(exc)} (gave up after {attempts} "
                                f"attempt(s) in {self._clock() - started:.1f} s)"
                            ) from exc
                        raise
        except TransientHTTPError as exc:
            cap = policy.retry_after_max
            asked = (
                f"; it asked to retry after {_seconds(exc.retry_after)}, more than the "
                f"{cap:g} s allowed"
                if exc.retry_after is not None and exc.retry_after > cap
                else ""
            )
            raise OEISUnavailableError(
                f"{exc} (gave up after {attempts} attempt(s) in "
                f"{self._clock() - started:.1f} s{asked})"
            ) from exc
        except requests.RequestException as exc:
            raise OEISUnavailableError(
                f"could not reach the OEIS at {self.base_url}: {describe_request_error(exc)} "
                f"(gave up after {attempts} attempt(s) in {self._clock() - started:.1f} s)"
            ) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _retry_hook(self, policy: RetryPolicy) -> Callable[[RetryEvent], None]:
        user_hook = policy.on_retry

        def hook(event: RetryEvent) -> None:
            import requests

            from numtheory.oeis.transport import describe_request_error

            if user_hook is not None:
                user_hook(event)
            if event.wait > PROGRESS_AFTER / 2 or event.elapsed >= PROGRESS_AFTER:
                why = (
                    describe_request_error(event.exception)
                    if isinstance(event.exception, requests.RequestException)
                    else _one_line(str(event.exception), 60)
                )
                total = f"/{policy.attempts}" if policy.attempts else ""
                self._tell(
                    f"waiting for {self.host}: retry {event.attempt + 1}{total} in "
                    f"{event.wait:.0f} s ({why}; use --offline to skip)"
                )

        return hook

    def _request_once(self, url: str, deadline_at: float, max_bytes: int) -> str:
        """One answer for ``url``, following at most MAX_REDIRECTS same-origin redirects."""
        current = url
        seen = [url]
        for hop in range(MAX_REDIRECTS + 1):
            response, body = self._send(current, deadline_at, max_bytes)
            location = response.headers.get("Location")
            if response.status_code not in _REDIRECTS or not location:
                return self._check(response, body, url)
            target = urljoin(current, location.strip())
            shown = repr(_one_line(location, 100))
            if origin(target) != self.home:
                upgrade = _https_upgrade(self.base_url, target)
                if upgrade is not None:  # http://oeis.org -> https://oeis.org: say what to set
                    raise OEISResponseError(
                        f"the OEIS at {self.base_url} redirects to HTTPS (Location: {shown}); "
                        f"redirects to another origin are not followed: set "
                        f"NUMTHEORY_OEIS_URL={upgrade}"
                    )
                raise OEISResponseError(
                    f"the OEIS redirected {current} to another site (Location: {shown}); "
                    f"only redirects within {self.home} are followed"
                )
            if target in seen:
                raise OEISResponseError(f"the OEIS redirects in a loop (Location: {shown})")
            if hop == MAX_REDIRECTS:
                raise OEISResponseError(
                    f"more than {MAX_REDIRECTS} redirects from {url} (last Location: {shown})"
                )
            seen.append(target)
            current = target
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, url: str, deadline_at: float, max_bytes: int) -> tuple[requests.Response, str]:
        import requests

        from numtheory.oeis.transport import (
            ReadBudget,
            deadline_scope,
            decode,
            describe_request_error,
            read_body,
        )

        with self._lock:  # one request in flight, spaced by min_interval
            wait = self._next_request_at - self._clock()
            if wait > 0:
                self._sleep(wait)
            left = deadline_at - self._clock()
            if left <= 0:
                raise OEISUnavailableError(self._late("before the next request"))
            connect, read = self.timeout
            timeout = (max(0.05, min(connect, left)), max(0.05, min(read, left)))
            budget = ReadBudget(time.monotonic() + left, timeout[1])
            notice = self._waiting_notice(left)
            try:
                # Streamed and read here, inside the retried unit: a truncated body is retried;
                # the deadline bounds every socket read (DeadlineAdapter) and every chunk.
                with deadline_scope(budget):
                    response = self.session.get(
                        url, timeout=timeout, stream=True, allow_redirects=False
                    )
                with response:
                    ok = response.status_code == 200
                    raw = read_body(
                        response,
                        max_bytes if ok else ERROR_BODY_BYTES,
                        lambda: self._clock() > deadline_at,
                        truncate=not ok,
                    )
            except requests.RequestException as exc:
                if self._clock() >= deadline_at or time.monotonic() >= budget.at:
                    why = describe_request_error(exc)
                    raise OEISUnavailableError(self._late(why)) from exc
                raise
            finally:
                if notice is not None:
                    notice.cancel()
                self._next_request_at = self._clock() + self.min_interval
        # a JSON answer (fmt=json) must decode cleanly; b-files and text pages are lenient
        strict = response.status_code == 200 and "json" in parse_qs(urlsplit(url).query).get(
            "fmt", ()
        )
        return response, decode(raw, response, strict=strict)

    def _late(self, detail: str) -> str:
        return (
            f"no complete answer from the OEIS at {self.base_url} within the call's "
            f"{self.deadline:g} s deadline ({detail})"
        )

    def _waiting_notice(self, left: float) -> threading.Timer | None:
        """Say once per call that a request has been kept waiting for PROGRESS_AFTER s."""
        state: _CallState | None = getattr(self._calls, "state", None)
        if state is None or state.told or left <= PROGRESS_AFTER:
            return None

        def tell() -> None:
            state.told = True
            self._tell(
                f"waiting for {self.host}: no answer after {PROGRESS_AFTER:g} s (gives up "
                f"within {self.deadline:g} s; use --offline to skip)"
            )

        timer = threading.Timer(PROGRESS_AFTER, tell)
        timer.daemon = True
        timer.start()
        return timer

    def _check(self, response: requests.Response, body: str, url: str) -> str:
        status = response.status_code
        if status == 200:
            if looks_like_html(body):  # a challenge or maintenance page, never data
                raise OEISResponseError(
                    f"the OEIS sent an HTML page where data was expected: {describe_html(body)}"
                )
            return body
        reason = response.reason or ""
        detail = describe_html(body) if looks_like_html(body) else repr(_one_line(body, 100))
        what = f"HTTP {status} {reason}".strip() + (f": {detail}" if body.strip() else "")
        if status == 404:
            raise SequenceNotFoundError(f"not found on the OEIS: {url}")
        transient = transient_error(status, response.headers, f"the OEIS answered {what}")
        if transient is not None:
            raise transient
        if 400 <= status <= 499:
            raise OEISRefusedError(f"the OEIS refused the request: {what}", status=status)
        raise OEISResponseError(f"unexpected OEIS answer: {what}")


@dataclass
class _CallState:
    deadline_at: float
    told: bool = False  # the "no answer yet" notice was given
    answered: bool = False  # a request of this call got an answer


def _https_upgrade(base_url: str, target: str) -> str | None:
    """``base_url`` with ``https`` when ``target`` is the same host over HTTPS, else None."""
    base, to = urlsplit(base_url), urlsplit(target)
    if base.scheme.lower() != "http" or to.scheme.lower() != "https":
        return None
    if (base.hostname or "").lower() != (to.hostname or "").lower() or not base.hostname:
        return None
    try:
        port = to.port
    except ValueError:  # a port out of range: no advice
        return None
    # host and port only: user information in the Location is not passed on as advice
    host = f"[{base.hostname}]" if ":" in base.hostname else base.hostname
    netloc = host if port in (None, 443) else f"{host}:{port}"
    return base._replace(scheme="https", netloc=netloc).geturl().rstrip("/")


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL (a malformed one gets a value no real origin has)."""
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        return "invalid:"
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def _seconds(value: float) -> str:
    """``"120 s"``; an absurd Retry-After (``inf``: more than 15 digits) says so."""
    return f"{value:g} s" if value < 1e15 else "an absurdly long time (over 10**15 s)"


def _one_line(text: str, limit: int = 120) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 3] + "..."
