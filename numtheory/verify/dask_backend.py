"""Run sweep chunks on a Dask distributed cluster (the optional extra ``numtheory[dask]``).

Dask is imported here, lazily, and nowhere else: ``import numtheory`` never imports it.
A Dask client's :meth:`~distributed.Client.get_executor` is a
:class:`concurrent.futures.Executor`, so the sweep code is the same as for a local pool.
When a worker dies mid-chunk the scheduler reschedules that task on another worker (up to
``distributed.scheduler.allowed-failures`` times); the chunk's result is collected exactly
once, from its future, so nothing is lost or counted twice.

Before a client is built, a TCP address is probed with a plain socket: a refused connection
or an unknown host is reported in about a second, in those words, instead of after the
client's own connect timeout as "Timed out".
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from numtheory.errors import DaskMissingError, InputError

__all__ = ["DaskMissingError", "dask_executor"]


def _import_client() -> Any:
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskMissingError(
            "running on a Dask cluster needs the optional extra: "
            "pip install 'numtheory[dask]' (dask.distributed is not installed: "
            f"{exc})"
        ) from exc

    class _Client(Client):
        """A client that, when it cannot connect, gives up at once.

        distributed's ``Client.__del__`` closes a half-built client with a wait of twice the
        timeout and then prints a ``TimeoutError`` traceback; mark a client that failed to
        start as closed so the error reaches the user immediately and alone.
        """

        def start(self, **kwargs: Any) -> None:
            try:
                super().start(**kwargs)  # type: ignore[no-untyped-call]
            except BaseException:
                self.status = "closed"
                with contextlib.suppress(Exception):
                    self._loop_runner.stop()  # type: ignore[no-untyped-call]
                raise

    return _Client


#: Seconds the TCP probe waits for a connection before the client's own timeout applies.
PROBE_TIMEOUT = 3.0


def _host_port(address: str) -> tuple[str, int] | None:
    """``(host, port)`` of a ``tcp://``/``tls://``/bare ``host:port`` address, else ``None``.

    >>> _host_port("tcp://127.0.0.1:8786"), _host_port("[::1]:1"), _host_port("inproc://x")
    (('127.0.0.1', 8786), ('::1', 1), None)
    """
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme not in ("tcp", "tls"):
        return None
    host, sep, port = rest.rstrip("/").rpartition(":")
    if not sep or not port.isdigit() or not host:
        return None  # no port: distributed fills in its default, or reports the bad address
    return host.strip("[]"), int(port)


def _probe(address: str, timeout: float) -> None:
    """Refuse at once an address where nothing listens (the message says which failure)."""
    where = _host_port(address)
    if where is None:
        return
    host, port = where
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return
    except OSError as exc:
        if isinstance(exc, ConnectionRefusedError):
            reason = f"connection refused: nothing is listening on {host} port {port}"
        elif isinstance(exc, socket.gaierror):
            reason = f"unknown host {host!r}: {exc.strerror or exc}"
        elif isinstance(exc, TimeoutError):
            reason = f"no answer from {host} port {port} within {timeout:g} s"
        else:
            reason = f"{type(exc).__name__}: {exc.strerror or exc}"
        raise InputError(
            f"cannot connect to the Dask scheduler at {address!r} ({reason}); "
            "give the address a running `dask scheduler` prints, tcp://HOST:PORT"
        ) from exc


@contextmanager
def dask_executor(
    address: str, *, retries: int = 3, timeout: float = 10.0
) -> Iterator[tuple[Executor, int]]:
    """Connect to the scheduler at ``address``; yield ``(executor, number_of_worker_threads)``.

    Parameters
    ----------
    address : str
        ``tcp://host:port`` (or ``host:port``) of a running ``dask scheduler``.
    retries : int
        Times a chunk that *raised* is resubmitted (a dead worker is handled by the scheduler).
    timeout : float
        Seconds to wait for the connection.

    Raises
    ------
    DaskMissingError
        dask.distributed is not installed.
    InputError
        The scheduler refuses the connection or cannot be reached within ``timeout``, the
        address is malformed, or what answers there is not a Dask scheduler (the CLI's exit
        code 2).
    """
    client_class = _import_client()
    _probe(address, min(timeout, PROBE_TIMEOUT))
    try:
        client = client_class(address, timeout=timeout, set_as_default=False)
    except Exception as exc:  # refused, timed out, bad address, not a Dask scheduler...
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, MemoryError):  # a garbage frame length: some other service answered
            reason = "what answers there does not speak the Dask protocol"
        raise InputError(
            f"cannot connect to the Dask scheduler at {address!r} ({reason}); "
            "give the address a running `dask scheduler` prints, tcp://HOST:PORT"
        ) from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        yield client.get_executor(retries=retries, pure=False), int(threads)
    finally:
        client.close()
