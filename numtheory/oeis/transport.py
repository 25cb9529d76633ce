"""Sockets that keep a deadline: the HTTP plumbing under :class:`~numtheory.oeis.client.OEISClient`.

``requests``' ``timeout=(connect, read)`` bounds each socket operation, not an answer: a server
that sends one byte a second, of its headers or of its body, never trips a 10 s read timeout
and can hold a call for hours. :class:`DeadlineAdapter` is an ``HTTPAdapter`` whose connections
read the response (status line, headers and body) through :class:`_DeadlineReader`: before
every ``recv`` the socket's timeout is set to what is left of the call's budget (at most the
per-read timeout), and once the budget is spent the next read fails with ``TimeoutError``
(urllib3 turns it into ``ReadTimeoutError``, requests into ``ReadTimeout``/``ConnectionError``).

The deadline reaches the connection through a context variable set by :func:`deadline_scope`
around ``session.get(...)``; a connection reused from the pool gets the new request's deadline
because the reader is made per response. Without a scope (other code using the adapter) reads
behave exactly as before. Proxied requests (``HTTPS_PROXY``) go through urllib3's proxy manager
and keep only the per-read timeout and the client's between-chunk clock check.

Host-name resolution is bounded too: ``getaddrinfo`` has no timeout of its own (a resolver
that does not answer holds the caller for as long as the system's resolver configuration
allows, or for ever), so the adapter's connections look the name up in a worker thread and
wait at most :data:`DNS_TIMEOUT` s, and never past the call's deadline
(:func:`resolve_host`); a lookup that does not finish in time fails as a failed lookup
(``NameResolutionError`` with a :class:`LookupTimeoutError` reason), which the client retries
at most once, and :func:`describe_request_error` says so naming the host. An IP address in
the URL is not looked up.

This is also where transport errors are mapped, once, for the client and the mirror's sync:
:func:`requests_errors` turns what urllib3 or the socket raise while a body is streamed into
the ``requests`` exception requests itself would raise (as ``Response.iter_content`` does),
so one retry predicate (:func:`numtheory.oeis.netcall.is_transient`) and one description
(:func:`describe_request_error`) serve every request; ``DeadlineAdapter(on_connect=...)``
reports each new socket, so that a sync giving up can shut its sockets down.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import http.client
import io
import ipaddress
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.exceptions import SSLError as Urllib3SSLError
from urllib3.util.connection import allowed_gai_family

from numtheory.errors import OEISResponseError

__all__ = [
    "CHUNK_BYTES",
    "DNS_TIMEOUT",
    "BodyTooLargeError",
    "DeadlineAdapter",
    "LookupTimeoutError",
    "ReadBudget",
    "deadline_scope",
    "decode",
    "describe_request_error",
    "is_dns_failure",
    "raw_chunks",
    "read_body",
    "requests_errors",
    "resolve_host",
]


_E = TypeVar("_E", bound=BaseException)


@dataclass(frozen=True)
class ReadBudget:
    """``at``: the :func:`time.monotonic` instant the answer must be complete by; ``read``:
    the longest single wait for data (the per-read timeout)."""

    at: float
    read: float

    def next_timeout(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError("the call's deadline passed while reading the answer")
        return min(left, self.read)


_BUDGET: contextvars.ContextVar[ReadBudget | None] = contextvars.ContextVar(
    "numtheory_oeis_read_budget", default=None
)


@contextlib.contextmanager
def deadline_scope(budget: ReadBudget) -> Iterator[None]:
    """Responses whose headers are read inside this scope keep ``budget`` to the last byte."""
    token = _BUDGET.set(budget)
    try:
        yield
    finally:
        _BUDGET.reset(token)


class _DeadlineReader(io.RawIOBase):
    """A raw stream over a socket that re-arms the socket timeout before every read."""

    def __init__(self, sock: socket.socket, budget: ReadBudget) -> None:
        super().__init__()
        self._sock = sock
        # The socket's own raw file keeps the io-reference count that lets http.client
        # close the connection object while the body is still being read.
        self._raw: Any = sock.makefile("rb", buffering=0)
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._budget.next_timeout())
        return int(self._raw.readinto(buffer))

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
            # a kept-alive connection sends its next request with this timeout: not the last
            # sliver of this call's budget
            with contextlib.suppress(OSError):
                self._sock.settimeout(self._budget.read)
        super().close()


class _SocketView:
    """What http.client sees of the socket while it reads one response: ``makefile`` gives a
    deadline-keeping reader; everything else goes to the real socket."""

    def __init__(self, sock: socket.socket, budget: ReadBudget) -> None:
        self._sock = sock
        self._budget = budget

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._budget))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


#: The longest wait for one host-name lookup, in seconds (read at call time: tests lower it).
#: Two lookups (the client tries a name twice) and a retry wait fit in the default 30 s call.
DNS_TIMEOUT = 10.0
#: Lookups that timed out but whose thread still waits on the resolver; past this many, a new
#: lookup fails at once instead of starting yet another thread that would hang too.
MAX_HANGING_LOOKUPS = 8
_hanging = 0
_hanging_lock = threading.Lock()


def _after_fork_in_child() -> None:
    """A forked child has none of its parent's lookup threads: its count starts at 0 (else
    a parent's hung lookups would use up the child's cap for good), with a fresh lock (the
    parent's may have been held at the fork)."""
    global _hanging, _hanging_lock
    _hanging, _hanging_lock = 0, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _wait(event: threading.Event, timeout: float) -> bool:
    """``event.wait(timeout)`` (a seam: a test interrupts the wait here)."""
    return event.wait(timeout)


class LookupTimeoutError(socket.gaierror):
    """A host-name lookup that did not finish in time (a ``gaierror``: a failed lookup)."""


class _InvalidHostName(socket.gaierror):
    """A host name that cannot be looked up at all (IDNA refuses it)."""


def resolve_host(host: str, port: int, timeout: float) -> list[Any]:
    """``socket.getaddrinfo(host, port, ...)`` for a TCP connection, waited for at most
    ``timeout`` seconds (the lookup runs in a daemon thread; one that never returns is left
    behind, at most :data:`MAX_HANGING_LOOKUPS` of them).

    Raises ``socket.gaierror`` as ``getaddrinfo`` does (also for a name IDNA cannot encode,
    such as an empty label: ``getaddrinfo`` itself raises ``UnicodeError``), or
    :class:`LookupTimeoutError`.
    ``socket.getaddrinfo`` is looked up at call time, so a test can replace it.
    """
    global _hanging
    try:  # what urllib3 checks first: getaddrinfo would raise UnicodeError (not a lookup error)
        host.encode("idna")
    except UnicodeError:
        raise _InvalidHostName(
            socket.EAI_NONAME, f"{host[:80]!r} (a label is empty or too long)"
        ) from None
    family = allowed_gai_family()
    with _hanging_lock:
        if _hanging >= MAX_HANGING_LOOKUPS:
            raise LookupTimeoutError(
                socket.EAI_AGAIN,
                f"{_hanging} earlier lookups are still hanging; not looking up {host!r}",
            )
    box: dict[str, Any] = {}
    done = threading.Event()
    abandoned = threading.Event()

    def lookup() -> None:
        global _hanging
        try:
            box["value"] = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        except BaseException as exc:  # handed to the caller
            box["error"] = exc
        finally:
            with _hanging_lock:
                done.set()
                if abandoned.is_set():
                    _hanging -= 1

    def abandon() -> bool:  # under _hanging_lock: True when the thread is left hanging
        global _hanging
        if done.is_set():
            return False
        abandoned.set()
        _hanging += 1
        return True

    worker = threading.Thread(target=lookup, name=f"numtheory-dns-{host}", daemon=True)
    worker.start()
    try:
        finished = _wait(done, max(0.0, timeout))
    except BaseException:  # Ctrl-C (a notebook's interrupt) while waiting: still counted
        with _hanging_lock:
            abandon()
        raise
    if not finished:
        with _hanging_lock:
            if abandon():
                raise LookupTimeoutError(
                    socket.EAI_AGAIN, f"the lookup of {host!r} took longer than {timeout:.3g} s"
                )
    if "error" in box:
        raise box["error"]
    return list(box["value"])


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


class _DeadlineMixin:
    sock: Any
    host: str
    port: int
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        """Connect as urllib3 does, but with the host name looked up by :func:`resolve_host`
        (bounded by :data:`DNS_TIMEOUT` and the call's deadline), then each address tried."""
        name = self._dns_host
        if _is_ip_literal(name):
            return super()._new_conn()  # type: ignore[misc, no-any-return]
        limit = DNS_TIMEOUT
        budget = _BUDGET.get()
        if budget is not None:
            limit = max(0.0, min(limit, budget.at - time.monotonic()))
        try:
            infos = resolve_host(name, self.port, limit)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise NameResolutionError(
                self.host,
                self,  # type: ignore[arg-type]
                socket.gaierror(socket.EAI_NONAME, "getaddrinfo returned no address"),
            )
        error: Exception | None = None
        for address in addresses:
            self._dns_host = address  # urllib3 connects to this; TLS still checks self.host
            try:
                return super()._new_conn()  # type: ignore[misc, no-any-return]
            except (NewConnectionError, ConnectTimeoutError) as exc:
                error = exc
            finally:
                self._dns_host = name
        assert error is not None
        raise error

    def getresponse(self) -> Any:
        budget = _BUDGET.get()
        real = self.sock
        if budget is None or real is None:
            return super().getresponse()  # type: ignore[misc]
        view = _SocketView(real, budget)
        self.sock = view
        try:
            return super().getresponse()  # type: ignore[misc]
        finally:
            if self.sock is view:  # http.client sets it to None when it closes the connection
                self.sock = real


class _HTTPConnection(_DeadlineMixin, HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineMixin, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


#: Bytes read per chunk while streaming a body (the deadline is checked between chunks).
CHUNK_BYTES = 64 * 1024


def _reporting_pools(on_connect: Callable[[socket.socket], None]) -> dict[str, type]:
    """Pool classes whose connections call ``on_connect`` with every socket they open."""

    def reporting(base: type[Any]) -> type[Any]:
        class Connection(base):  # type: ignore[misc, valid-type]
            def _new_conn(self) -> socket.socket:
                sock: socket.socket = super()._new_conn()
                on_connect(sock)
                return sock

        return Connection

    class HTTPPool(_HTTPPool):
        ConnectionCls = reporting(_HTTPConnection)

    class HTTPSPool(_HTTPSPool):
        ConnectionCls = reporting(_HTTPSConnection)

    return {"http": HTTPPool, "https": HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` (no retries of its own) whose responses keep :func:`deadline_scope`.

    ``on_connect``, if given, is called with every socket a connection of this adapter opens.
    """

    def __init__(self, *, on_connect: Callable[[socket.socket], None] | None = None) -> None:
        self._on_connect = on_connect  # set first: HTTPAdapter.__init__ makes the pools
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        # a copy: urllib3's default mapping is shared by every PoolManager
        pools: dict[str, type] = {"http": _HTTPPool, "https": _HTTPSPool}
        if getattr(self, "_on_connect", None) is not None:
            pools = _reporting_pools(self._on_connect)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = pools


@contextlib.contextmanager
def requests_errors() -> Iterator[None]:
    """Raise a body read's urllib3 or socket error as the ``requests`` exception for it.

    requests maps these only inside ``iter_content``; a body read from ``response.raw``
    (the sync streams it piece by piece) would otherwise escape as urllib3's own classes.
    """
    try:
        yield
    except ProtocolError as exc:  # a body cut short, a reset connection
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    except (ReadTimeoutError, TimeoutError) as exc:
        raise requests.exceptions.ReadTimeout(exc) from exc
    except Urllib3SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc
    except ConnectionError as exc:  # the OS's (reset, aborted, broken pipe)
        raise requests.exceptions.ConnectionError(exc) from exc


def raw_chunks(response: requests.Response, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The body as it arrives: each piece is what one read of the socket gave (at most
    ``size`` bytes), so a caller can look at a cancel flag between pieces however slowly they
    drip; errors are mapped by :func:`requests_errors`."""
    with requests_errors():
        while chunk := response.raw.read1(size, decode_content=True):
            yield chunk


#: Charsets a body may be decoded with; any other declared charset (``idna``, ``utf-7``,
#: ``punycode``, unknown names) is ignored and the body read as UTF-8, JSON's own encoding.
_TEXT_CODECS = frozenset(
    {"utf-8", "utf-8-sig", "ascii", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be"}
)


class BodyTooLargeError(OEISResponseError):
    """An answer longer than the size cap (an OEISResponseError: never retried, falls back)."""


def read_body(
    response: requests.Response,
    limit: int,
    expired: Callable[[], bool],
    *,
    truncate: bool = False,
) -> bytes:
    """The body, streamed in chunks: at most ``limit`` bytes (decoded).

    A longer body raises :class:`BodyTooLargeError` as soon as the excess is seen (or at once
    from its ``Content-Length``), or with ``truncate`` is cut at ``limit`` (for error pages,
    which are only quoted). ``expired()`` is asked after every chunk; when it says so, the
    read stops with ``ReadTimeout``.
    """
    length = response.headers.get("Content-Length", "").strip()
    if not truncate and length.isdigit() and len(length) < 20 and int(length) > limit:
        raise BodyTooLargeError(
            f"the OEIS answer is {_size(int(length))} long, more than the {_size(limit)} "
            f"allowed ({response.url}); not read"
        )
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_content(CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            if truncate:
                chunks.append(chunk[: len(chunk) - (total - limit)])
                break
            raise BodyTooLargeError(
                f"the OEIS answer is longer than the {_size(limit)} allowed ({response.url}); "
                "stopped reading"
            )
        chunks.append(chunk)
        if expired():
            raise requests.exceptions.ReadTimeout("the call's deadline passed during the body")
    return b"".join(chunks)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def decode(raw: bytes, response: requests.Response, *, strict: bool = False) -> str:
    """The body as text: the declared charset if it is an ordinary text encoding, else UTF-8
    (requests would guess ISO-8859-1 for ``text/plain`` without one).

    Bytes that are not valid in that charset become U+FFFD, or with ``strict`` (a JSON answer:
    a name read with a damaged letter would be shown and cached as the OEIS's) raise
    :class:`~numtheory.errors.OEISResponseError` saying where.
    """
    charset = None
    if "charset=" in response.headers.get("Content-Type", "").lower():
        declared = requests.utils.get_encoding_from_headers(response.headers)
        try:
            charset = codecs.lookup(declared or "utf-8").name
        except (LookupError, TypeError, ValueError):
            charset = None
    if charset not in _TEXT_CODECS:
        charset = "utf-8"
    if not strict:
        return raw.decode(charset, errors="replace")
    try:
        return raw.decode(charset)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 4].hex(" ")
        raise OEISResponseError(
            f"the OEIS answer is not valid {charset} text (bytes {bad} at offset {exc.start}); "
            f"a JSON answer must be UTF-8 ({response.url})"
        ) from None


def _find(exc: BaseException, kind: type[_E] | tuple[type[_E], ...]) -> _E | None:
    """The first exception of ``kind`` in the chain requests and urllib3 build around ``exc``
    (causes, contexts, ``reason`` attributes and arguments)."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, kind):
            return item
        if isinstance(item, BaseException):
            todo += [item.__cause__, item.__context__, getattr(item, "reason", None), *item.args]
    return None


def is_dns_failure(exc: BaseException) -> bool:
    """True when a requests error is a failed host-name lookup (no network, a bad name, or a
    lookup that did not finish in time)."""
    return _find(exc, (NameResolutionError, socket.gaierror)) is not None


def describe_request_error(exc: requests.RequestException) -> str:
    """A one-line reason for a requests failure (no urllib3 object reprs)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "no answer in time (read timeout)"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the answer was cut off (truncated body)"
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS error"
    if isinstance(exc, requests.exceptions.ConnectionError):
        if is_dns_failure(exc):
            hung = _find(exc, LookupTimeoutError)
            if hung is not None:
                return f"host name lookup did not finish: {hung.strerror} (DNS not answering?)"
            invalid = _find(exc, _InvalidHostName)
            if invalid is not None:
                return f"the host name is not valid: {invalid.strerror}"
            return "host name not found (it could not be resolved: no network, or no DNS?)"
        text = str(exc)
        broken = _find(exc, http.client.HTTPException)
        if broken is not None and not isinstance(broken, http.client.RemoteDisconnected):
            # BadStatusLine, LineTooLong, "got more than 100 headers": not an HTTP answer
            detail = " ".join(str(broken).split())[:60]
            return f"the answer was not valid HTTP ({type(broken).__name__}: {detail!r})"
        for needle, says in (
            ("Connection refused", "connection refused"),
            ("Connection reset", "connection reset"),
            ("Read timed out", "no answer in time (read timeout)"),
            ("Network is unreachable", "network unreachable"),
            ("RemoteDisconnected", "the server closed the connection"),
        ):
            if needle in text:
                return says
        return "connection failed"
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 100 else text[:97] + "..."
