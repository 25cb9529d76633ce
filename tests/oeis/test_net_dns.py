"""Host-name lookups are bounded: a resolver that hangs cannot hold a call past its deadline.

No real DNS here: ``socket.getaddrinfo`` is replaced by a resolver that hangs (until the test
ends) for ``*.hang.invalid``, answers 127.0.0.1 after a short pause for ``slow.test``, and
otherwise behaves as the real one. Whether a call returned "in time" is asserted without a
clock: the call must return while the hanging lookup is still blocked (it is released only
after the assertion), so a call that waited for the resolver could not pass.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from numtheory.errors import OEISUnavailableError
from numtheory.oeis import transport
from numtheory.oeis.client import OEISClient
from numtheory.oeis.mirror import sync_mirror
from tests.cli.helpers import invoke
from tests.oeis.http_helpers import Sleeps, data_text

ENTRY = data_text("constructed-record-A000984.json")


class Resolver:
    """The injected ``getaddrinfo``: records every lookup; ``release`` ends the hanging ones."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.release = threading.Event()
        self.lookups: list[str] = []
        self.threads: list[str] = []  # the thread each recorded lookup ran in
        self.hanging = 0  # lookups blocked right now

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith("hang.invalid"):
            self.lookups.append(host)
            self.hanging += 1
            try:
                self.release.wait(30)  # bounded, so a broken test still ends
            finally:
                self.hanging -= 1
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        if host == "slow.test":
            self.lookups.append(host)
            self.threads.append(threading.current_thread().name)
            self.release.wait(0.05)
            return self.real("127.0.0.1", port, *args, **kwargs)
        return self.real(host, port, *args, **kwargs)


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Resolver]:
    fake = Resolver(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    monkeypatch.setattr(transport, "DNS_TIMEOUT", 0.3)
    start = transport._hanging
    yield fake
    fake.release.set()
    # the released lookups give their slots back from their own threads: wait (bounded) so
    # that the next test does not count them (its cap arithmetic reads transport._hanging)
    for _ in range(1000):
        if transport._hanging <= start:
            break
        threading.Event().wait(0.01)


def client(url: str, **kwargs: Any) -> OEISClient:
    kwargs.setdefault("sleep", Sleeps())
    return OEISClient(url, cache=False, min_interval=0, failure_memory=False, **kwargs)


def test_a_hanging_lookup_is_cut_and_tried_once_more(resolver: Resolver) -> None:
    sleeps = Sleeps()
    with pytest.raises(OEISUnavailableError) as info:
        client("http://oeis.hang.invalid", sleep=sleeps).get("A000984")
    assert resolver.hanging == 2  # both lookups still blocked: the call did not wait for them
    message = str(info.value)
    assert "oeis.hang.invalid" in message and "host name lookup did not finish" in message
    assert "gave up after 2 attempt(s)" in message and len(sleeps) == 1
    assert resolver.lookups == ["oeis.hang.invalid"] * 2


def test_the_call_deadline_bounds_the_lookup(
    resolver: Resolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transport, "DNS_TIMEOUT", 3600.0)  # only the deadline can end it
    with pytest.raises(OEISUnavailableError) as info:
        client("http://deadline.hang.invalid", deadline=0.3).get("A000984")
    assert resolver.hanging >= 1
    message = str(info.value)
    assert "deadline.hang.invalid" in message and "0.3 s deadline" in message
    assert "host name lookup did not finish" in message


def test_a_slow_lookup_within_the_bound_connects(
    resolver: Resolver, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transport, "DNS_TIMEOUT", 10.0)
    httpserver.expect_request("/A000984", query_string="fmt=json").respond_with_data(ENTRY)
    seq = client(f"http://slow.test:{httpserver.port}").get("A000984")
    assert seq.id == "A000984" and seq.terms[:4] == (1, 2, 6, 20)
    assert resolver.lookups == ["slow.test"] and len(httpserver.log) == 1


def test_an_ip_address_is_not_looked_up(resolver: Resolver, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A000984", query_string="fmt=json").respond_with_data(ENTRY)
    assert client(f"http://127.0.0.1:{httpserver.port}").get("A000984").id == "A000984"
    assert resolver.lookups == []


def test_hanging_lookups_do_not_pile_up_threads(
    resolver: Resolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = transport._hanging  # lookups an earlier test left hanging may still count
    monkeypatch.setattr(transport, "MAX_HANGING_LOOKUPS", before + 2)
    for name in ("a", "b"):
        with pytest.raises(transport.LookupTimeoutError):
            transport.resolve_host(f"{name}.hang.invalid", 80, 0.05)
    with pytest.raises(transport.LookupTimeoutError, match="still hanging"):
        transport.resolve_host("c.hang.invalid", 80, 0.05)
    assert resolver.lookups == ["a.hang.invalid", "b.hang.invalid"]  # no third thread
    resolver.release.set()  # the hung lookups end: their slots are given back
    for _ in range(500):
        if transport._hanging <= before:
            break
        threading.Event().wait(0.01)
    assert transport._hanging <= before


def test_cli_exit_3_names_the_host(resolver: Resolver) -> None:
    # A144640 is not in the built-in catalogue, so there is no local answer to fall back to
    run = invoke(
        "oeis",
        "A144640",
        "--no-cache",
        env={"NUMTHEORY_OEIS_URL": "http://cli.hang.invalid", "NUMTHEORY_OEIS_MIN_INTERVAL": "0"},
    )
    assert run.code == 3, run.err
    assert "cli.hang.invalid" in run.err and "host name lookup did not finish" in run.err
    assert "Traceback" not in run.err


def test_the_mirror_sync_bounds_its_lookups_too(resolver: Resolver) -> None:
    with pytest.raises(OEISUnavailableError) as info:
        sync_mirror("http://mirror.hang.invalid", pause=0, sleep=lambda s: None, deadline=60)
    assert resolver.hanging >= 1
    assert "mirror.hang.invalid" in str(info.value)
    assert "host name lookup did not finish" in str(info.value)


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for the name ``slow.test`` (made with the openssl tool)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subj = ["-subj", "/CN=slow.test", "-addext", "subjectAltName=DNS:slow.test"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", *subj, *files],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def test_https_checks_the_certificate_against_the_name_not_the_address(
    resolver: Resolver, tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection goes to the address the bounded lookup found (127.0.0.1), and TLS still
    verifies the certificate against the host name in the URL."""
    import requests

    monkeypatch.setattr(transport, "DNS_TIMEOUT", 10.0)
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = HTTPServer(ssl_context=context)
    server.start()
    try:
        server.expect_request("/A000984", query_string="fmt=json").respond_with_data(ENTRY)
        session = requests.Session()
        session.verify = str(cert)
        session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment wins
        url = f"https://slow.test:{server.port}"
        oeis = client(url, session=session)
        assert oeis.get("A000984").terms[:4] == (1, 2, 6, 20)
        assert resolver.lookups == ["slow.test"]
        # the same certificate does not match the address itself: verification really ran
        wrong = client(f"https://127.0.0.1:{server.port}", session=session)
        with pytest.raises(OEISUnavailableError, match="TLS error"):
            wrong.get("A000984")
    finally:
        server.clear()
        server.stop()


def _dns_threads() -> int:
    return sum(t.name.startswith("numtheory-dns-") for t in threading.enumerate())


def test_twenty_calls_against_a_hung_resolver_leave_at_most_the_cap_of_threads(
    resolver: Resolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review: repeated calls while the resolver hangs start no more lookup threads than
    MAX_HANGING_LOOKUPS (later calls fail at once) and open no socket (no descriptor leak)."""
    monkeypatch.setattr(transport, "DNS_TIMEOUT", 0.02)
    fds = Path("/proc/self/fd")
    before_fds = len(list(fds.iterdir())) if fds.is_dir() else None
    for i in range(20):
        oeis = client(f"http://x{i}.hang.invalid")
        with pytest.raises(OEISUnavailableError, match="host name lookup did not finish"):
            oeis.get("A000984")
        oeis.close()
    assert _dns_threads() <= transport.MAX_HANGING_LOOKUPS
    assert len(resolver.lookups) <= transport.MAX_HANGING_LOOKUPS  # no lookup past the cap
    if before_fds is not None:
        assert len(list(fds.iterdir())) <= before_fds
    resolver.release.set()


@pytest.mark.parametrize("host", ["a..b.org", "x" * 64 + ".org"])
def test_a_name_idna_refuses_is_a_failed_lookup_not_an_internal_error(
    resolver: Resolver, host: str
) -> None:
    # getaddrinfo raises UnicodeError for these (urllib3 checks first): was exit 4
    run = invoke(
        "oeis",
        "A144640",
        "--no-cache",
        env={"NUMTHEORY_OEIS_URL": f"http://{host}", "NUMTHEORY_OEIS_MIN_INTERVAL": "0"},
    )
    assert run.code == 3, run.err
    assert "the host name is not valid" in run.err and "Traceback" not in run.err
    assert resolver.lookups == []


def test_other_code_in_the_process_resolves_as_before(
    resolver: Resolver, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review: the bounded lookup belongs to the client's own adapter (mounted for its base
    URL), not to urllib3 or the socket module: a user's requests call in the same process,
    even to the same server, looks the name up in its own thread as before."""
    import requests

    monkeypatch.setattr(transport, "DNS_TIMEOUT", 10.0)
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # requests.get reads them: stay on loopback
    httpserver.expect_request("/A000984", query_string="fmt=json").respond_with_data(ENTRY)
    url = f"http://slow.test:{httpserver.port}"
    assert client(url).get("A000984").id == "A000984"
    assert resolver.threads == ["numtheory-dns-slow.test"]
    with requests.Session() as own:
        assert own.get(f"{url}/A000984?fmt=json", timeout=5).status_code == 200
    assert requests.get(f"{url}/A000984?fmt=json", timeout=5).status_code == 200
    assert resolver.threads[1:] == [threading.current_thread().name] * 2


def test_an_interrupted_wait_still_counts_the_thread_it_leaves(
    resolver: Resolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review: Ctrl-C (a notebook's interrupt) during the wait left the lookup thread hanging
    without counting it, so repeated interrupts could pile up threads past the cap."""
    before = transport._hanging

    def interrupted(event: threading.Event, timeout: float) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(transport, "_wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        transport.resolve_host("ctrl-c.hang.invalid", 80, 5.0)
    assert transport._hanging == before + 1
    resolver.release.set()  # the lookup ends: its slot is given back
    for _ in range(500):
        if transport._hanging <= before:
            break
        threading.Event().wait(0.01)
    assert transport._hanging == before


_FORKED = """
import os, socket, threading
from numtheory.oeis import transport
real, release = socket.getaddrinfo, threading.Event()
def fake(host, *args, **kwargs):
    if host.endswith("hang.invalid"):
        release.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "no answer")
    return real("127.0.0.1" if host == "ok.test" else host, *args, **kwargs)
socket.getaddrinfo = fake
transport.MAX_HANGING_LOOKUPS = 2
for name in ("a", "b"):
    try:
        transport.resolve_host(name + ".hang.invalid", 80, 0.02)
    except transport.LookupTimeoutError:
        pass
pid = os.fork()
if pid == 0:  # the child: none of the parent's hung threads are here
    try:
        found = transport.resolve_host("ok.test", 80, 5.0)
        os._exit(0 if transport._hanging == 0 and found else 1)
    except BaseException:
        os._exit(2)
_, status = os.waitpid(pid, 0)
print(transport._hanging, os.waitstatus_to_exitcode(status), flush=True)
release.set()
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_does_not_inherit_the_hung_lookups() -> None:
    """Review: the count of hung lookups was copied into a forked child (multiprocessing's
    default on Linux, Dask's process pools) that has none of those threads: with the parent
    at the cap, every lookup in the child failed at once, for good."""
    run = subprocess.run(
        [sys.executable, "-c", _FORKED], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["2", "0"]  # the parent still counts 2; the child looked up
