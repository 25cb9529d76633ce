"""Run sweep chunks on a Dask distributed cluster (the optional extra ``numtheory[dask]``).

Dask is imported here, lazily, and nowhere else: ``import numtheory`` never imports it.
A Dask client's :meth:`~distributed.Client.get_executor` is a
:class:`concurrent.futures.Executor`, so the sweep code is the same as for a local pool.
When a worker dies mid-chunk the scheduler reschedules that task on another worker (up to
``distributed.scheduler.allowed-failures`` times); the chunk's result is collected exactly
once, from its future, so nothing is lost or counted twice.
"""

from __future__ import annotations

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
    return Client


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
        The scheduler cannot be reached.
    """
    client_class = _import_client()
    try:
        client = client_class(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot connect to the Dask scheduler at {address!r}: {exc}") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        yield client.get_executor(retries=retries, pure=False), int(threads)
    finally:
        client.close()
