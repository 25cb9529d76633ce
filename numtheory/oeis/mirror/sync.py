"""``numtheory mirror sync``: download the dumps within bounds, then build.

Every resource a server could exhaust is bounded: each download has a size ceiling (checked
against ``Content-Length`` before the body and counted while streaming), the whole sync has
one deadline (downloads, retries, waits and the build), and the build decompresses as a
bounded stream. The downloads run in a worker thread that the main thread waits for with the
deadline, so a server that drips a byte a second (or never finishes its headers) cannot hold
the sync past it; on giving up, the main thread shuts the worker's sockets down, so the
worker ends too, before the temporaries are removed. Temporaries live in a private
directory that is removed on every exit, Ctrl-C and SIGTERM included; what a ``kill -9``
leaves is removed by the next run.

The HTTP policy is the client's (:mod:`numtheory.oeis.netcall`, :mod:`~numtheory.oeis.transport`,
:mod:`~numtheory.oeis.config`): the base URL (``NUMTHEORY_OEIS_URL``) and the User-Agent come
from the config; 408, 429 and 5xx are retried honouring ``Retry-After`` in seconds or as an
HTTP-date (:func:`~numtheory.oeis.netcall.transient_error`); what is retried is
:func:`~numtheory.oeis.netcall.is_transient`; transport errors met while streaming are mapped,
and described, by :mod:`~numtheory.oeis.transport`; the session's adapter is its
``DeadlineAdapter``. Only the waits differ: longer (1 s to 30 s), for downloads of 30 MB.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from numtheory.errors import MirrorError, OEISUnavailableError, OfflineError
from numtheory.oeis import config
from numtheory.oeis.mirror import _files
from numtheory.oeis.mirror._common import MirrorStatus, mirror_path, progress_bar
from numtheory.oeis.mirror.build import build_into

if TYPE_CHECKING:
    import requests

# requests and the client's network modules are imported by sync_mirror itself: importing
# numtheory.oeis (or building from dumps with --from DIR) must not cost their start-up.

__all__ = ["sync_mirror"]

_CHUNK = 1 << 16
_T = TypeVar("_T")
#: Seconds the main thread waits for a cancelled download thread to end (it ends at once
#: when its socket was shut down; only a user-supplied session's connect can take longer).
_STOP_WAIT = 5.0


class _Cancelled(Exception):
    """The main thread gave up on the download (deadline, Ctrl-C, SIGTERM)."""


def _unreachable(url: str, exc: BaseException) -> OEISUnavailableError:
    """The one line for a download that got no answer: host, reason, what to do."""
    import requests

    from numtheory.oeis.transport import describe_request_error

    host = urlsplit(url).netloc or url
    why = (
        describe_request_error(exc)
        if isinstance(exc, requests.RequestException)
        else "the connection failed"
    )
    return OEISUnavailableError(
        f"could not download {url} from {host}: {why}. Check the network (or "
        "NUMTHEORY_OEIS_URL), or index dumps you already have with "
        "`numtheory mirror sync --from DIR`"
    )


def _write_chunk(fd: int, data: bytes) -> None:
    """Write all of ``data`` (a seam for tests that simulate a full disk)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class _Download:
    """One dump's GET, streamed to ``dest`` within the limits; runs in the worker thread."""

    def __init__(
        self,
        session: Any,
        url: str,
        dest: Path,
        *,
        max_bytes: int,
        timeout: float,
        deadline: _files.Deadline,
        cancel: threading.Event,
        progress: bool,
    ) -> None:
        self.session, self.url, self.dest = session, url, dest
        self.max_bytes, self.timeout, self.deadline = max_bytes, timeout, deadline
        self.cancel, self.progress = cancel, progress
        self.response: Any = None

    def _too_big(self, size: str) -> MirrorError:
        return MirrorError(
            f"{self.url} is {size} the download limit of {self.max_bytes:,} bytes (the real "
            "dump is about 30 MB); raise it with --max-download SIZE or "
            "NUMTHEORY_MIRROR_MAX_DOWNLOAD. The previous mirror is kept."
        )

    def once(self) -> None:
        from numtheory.oeis.netcall import transient_error

        if self.cancel.is_set():
            raise _Cancelled
        left = max(0.1, self.deadline.remaining())
        self.response = response = self.session.get(
            self.url,
            stream=True,
            timeout=(min(10.0, left), min(self.timeout, left)),
            # the one User-Agent (also set on a session the sync makes; a caller's gets it here)
            headers={"User-Agent": config.user_agent(), "Accept-Encoding": "identity"},
        )
        try:
            status = response.status_code
            transient = transient_error(status, response.headers, f"HTTP {status} from {self.url}")
            if transient is not None:
                raise transient
            if status != 200:
                raise MirrorError(f"{self.url} answered HTTP {status}")
            total = response.headers.get("Content-Length")
            declared = int(total) if total and total.isdigit() else None
            if declared is not None and declared > self.max_bytes:
                raise self._too_big(f"{declared:,} bytes, over")
            self._stream(response, declared)
        finally:
            response.close()

    def _stream(self, response: Any, declared: int | None) -> None:
        from numtheory.oeis.transport import raw_chunks

        with _NewFile(self.dest) as fd:
            bar = progress_bar(self.progress, declared, self.dest.name, "B")
            received = 0
            try:
                # what one read of the socket gives, so the cancel flag (and a byte-a-second
                # drip) is looked at after every piece, not every 64 KiB
                for chunk in raw_chunks(response, _CHUNK):
                    if self.cancel.is_set():
                        raise _Cancelled
                    received += len(chunk)
                    if received > self.max_bytes:
                        raise self._too_big("larger than")
                    try:
                        _write_chunk(fd, chunk)
                    except OSError as exc:
                        raise _files.write_error(self.dest, exc) from exc
                    if bar is not None:
                        bar.update(len(chunk))
                try:
                    os.fsync(fd)
                except OSError as exc:
                    raise _files.write_error(self.dest, exc) from exc
            finally:
                if bar is not None:
                    bar.close()


class _NewFile:
    """``os.open`` of a new file (``O_EXCL | O_NOFOLLOW``, mode 0600) as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> int:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        try:
            self.path.unlink(missing_ok=True)  # a previous attempt's part (private dir)
            self.fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise _files.write_error(self.path, exc) from exc
        return self.fd

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


class _Sockets:
    """The sockets a sync's own session opens, so that giving up can shut them down.

    A read blocked in the worker thread (a server dripping its headers a byte at a time, which
    resets the read timeout with every byte) returns at once when its socket is shut down from
    the main thread; without this the thread and its connection would outlive the sync.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._closed = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.append(sock)
            if not self._closed:
                return
        _shutdown(sock)  # connected after the sync gave up

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            todo, self._open = self._open, []
        for sock in todo:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _session(sockets: _Sockets) -> requests.Session:
    """A session with the client's adapter, reporting every socket it opens to ``sockets``."""
    import requests

    from numtheory.oeis.transport import DeadlineAdapter

    session = requests.Session()
    session.headers["User-Agent"] = config.user_agent()
    for prefix in ("http://", "https://"):
        session.mount(prefix, DeadlineAdapter(on_connect=sockets.add))
    return session


def _in_worker(
    work: Callable[[], _T],
    deadline: _files.Deadline,
    cancel: threading.Event,
    doing: str,
    abort: Callable[[], None],
) -> _T:
    """Run ``work`` in a daemon thread; give up (and tell it to stop) at the deadline.

    The main thread only waits, so Ctrl-C and SIGTERM reach it at once. On giving up it sets
    ``cancel`` (the worker stops at its next read) and calls ``abort`` (which shuts the
    sockets down, so a blocked read returns now rather than at its timeout), then gives the
    worker a moment to finish, so that it is gone before the temporaries are removed.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the main thread, raised there
            box["error"] = exc

    thread = threading.Thread(target=target, name="numtheory-mirror-download", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            left = deadline.remaining()
            if left <= 0:
                raise OEISUnavailableError(deadline.message(doing))
            thread.join(min(left, 1.0))
    finally:
        if thread.is_alive():
            cancel.set()
            abort()
            thread.join(_STOP_WAIT)
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def sync_mirror(
    base_url: str | None = None,
    *,
    dest: str | os.PathLike[str] | None = None,
    session: Any = None,
    progress: bool = False,
    min_count: int | None = None,
    pause: float = 1.0,
    timeout: float = 60.0,
    deadline: float | None = None,
    max_download: int | None = None,
    max_unpacked: int | None = None,
    log: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> MirrorStatus:
    """Download ``stripped.gz`` and ``names.gz`` and (re)build the mirror from them.

    Parameters
    ----------
    base_url
        The OEIS base URL; default :func:`numtheory.oeis.config.base_url`
        (``NUMTHEORY_OEIS_URL`` or ``https://oeis.org``).
    dest
        The mirror file; default :func:`mirror_path`.
    session
        A ``requests.Session`` (one is made if None).
    progress
        tqdm bars on stderr (the CLI passes True only on a TTY).
    min_count
        The dump must hold at least this many sequences. Default: half of the current
        mirror's count (a truncated dump never replaces a good mirror), and at least 1; a
        damaged current mirror counts as none, so a sync repairs it.
    pause
        Seconds between the two downloads (OEIS etiquette: at least 1 s between requests).
    timeout
        Read timeout per request, in seconds.
    deadline
        Seconds the whole sync may take, retries and build included (default 1800, or
        ``NUMTHEORY_MIRROR_DEADLINE``).
    max_download
        Bytes each download may have (default 512 MiB, or ``NUMTHEORY_MIRROR_MAX_DOWNLOAD``).
    max_unpacked
        Bytes each dump may decompress to (default 1 GiB, or ``NUMTHEORY_MIRROR_MAX_UNPACKED``).
    log
        Called with one-line progress notes (the CLI prints them on stderr).
    sleep
        The sleep used between retries and downloads (injectable for tests).

    Returns
    -------
    MirrorStatus
        The status of the new mirror.

    Raises
    ------
    OfflineError
        ``NUMTHEORY_OFFLINE=1``: nothing is downloaded.
    OEISUnavailableError
        The OEIS could not be reached, kept failing after retries, or the deadline passed.
    MirrorError
        A download arrived damaged (bad gzip, wrong format, implausibly few sequences), was
        over a size limit, or the disk is full. In every failure the previous mirror is left
        as it was, and no temporary file stays behind.

    Examples
    --------
    Downloads about 41 MB from the OEIS, so not run here (the tests serve the dumps from a
    local HTTP server):

    >>> sync_mirror(progress=True)  # doctest: +SKIP
    <MirrorStatus '/…/mirror.sqlite': 372,345 sequences; dump 2026-11-30; 20.3 MiB>
    """
    if config.offline():
        raise OfflineError(
            "offline (NUMTHEORY_OFFLINE=1): not downloading; use `numtheory mirror sync --from DIR`"
        )
    base = (base_url or config.base_url()).rstrip("/")
    final = Path(dest) if dest is not None else mirror_path()
    limit_download = _files.max_download(max_download)
    limit_unpacked = _files.max_unpacked(max_unpacked)
    timer = _files.Deadline(_files.deadline_seconds(deadline))
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _files.write_error(final.parent, exc) from exc
    stale = _files.clean_stale(final.parent)
    if stale and log is not None:
        log(f"removed {len(stale)} temporaries left by an interrupted sync")
    own_session = session is None
    sockets = _Sockets()
    http = _session(sockets) if own_session else session
    cancel = threading.Event()
    with _files.terminate_as_interrupt():
        try:
            work = _files.private_dir(final.parent, "sync")
        except OSError as exc:
            raise _files.write_error(final.parent, exc) from exc
        try:
            parts = {name: work / f"{name}.gz" for name in ("stripped", "names")}
            active: list[_Download] = []

            def download_all() -> None:
                for i, (name, part) in enumerate(parts.items()):
                    if i and pause > 0:
                        (sleep or cancel.wait)(pause)
                    url = f"{base}/{name}.gz"
                    if log is not None:
                        log(f"downloading {url}")
                    download = _Download(
                        http,
                        url,
                        part,
                        max_bytes=limit_download,
                        timeout=timeout,
                        deadline=timer,
                        cancel=cancel,
                        progress=progress,
                    )
                    active.append(download)
                    _fetch(download, timer, cancel, sleep)

            def abort() -> None:
                sockets.shutdown()
                for download in active:  # a user-supplied session's open response
                    with contextlib.suppress(Exception):  # urllib3 >= 2.3; best effort
                        download.response.raw.shutdown()

            _in_worker(download_all, timer, cancel, "downloading the dumps", abort)
            if log is not None:
                log("checking the dumps and building the index")
            return build_into(
                parts["stripped"],
                parts["names"],
                final,
                base,
                min_count,
                progress,
                limit_unpacked,
                timer,
            )
        finally:
            cancel.set()
            _files.remove_tree(work)
            if own_session:
                http.close()


def _fetch(
    download: _Download,
    deadline: _files.Deadline,
    cancel: threading.Event,
    sleep: Callable[[float], None] | None,
) -> None:
    """Run ``download`` with the client's retry predicate (connection errors, timeouts, 408,
    429, 5xx; Retry-After honoured), within the deadline; a host name that does not resolve
    is tried twice at most, as by the client."""
    import requests

    from numtheory.oeis.netcall import TransientHTTPError, is_transient
    from numtheory.oeis.transport import is_dns_failure
    from numtheory.retry import retry

    def wait(seconds: float) -> None:
        (sleep or cancel.wait)(seconds)
        if cancel.is_set():
            raise _Cancelled

    dns_failures = 0

    def transient(exc: Exception) -> bool:
        # a name that does not resolve rarely resolves a second later: retry it only once
        nonlocal dns_failures
        if is_transient(exc) and is_dns_failure(exc):
            dns_failures += 1
            return dns_failures <= 1
        return is_transient(exc)

    fetch = retry(
        on=transient,
        sleep=wait,
        attempts=4,
        timeout=max(1.0, deadline.remaining()),
        wait_initial=1.0,
        wait_max=30.0,
        wait_jitter=1.0,
    )(download.once)
    try:
        fetch()
    except TransientHTTPError as exc:
        raise OEISUnavailableError(f"{exc} (gave up after retries)") from exc
    except requests.RequestException as exc:
        raise _unreachable(download.url, exc) from exc
