"""``sync_mirror`` on a local HTTP server: downloads, retries, faults keeping the old mirror."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from numtheory.errors import MirrorError, OEISUnavailableError
from numtheory.oeis.mirror import Mirror, mirror_path, mirror_status, sync_mirror
from tests.oeis.test_mirror import STRIPPED, make_dump


@pytest.fixture
def dump(tmp_path: Path) -> dict[str, bytes]:
    folder = make_dump(tmp_path / "served")
    return {name: (folder / f"{name}.gz").read_bytes() for name in ("stripped", "names")}


def serve(httpserver: HTTPServer, dump: dict[str, bytes]) -> None:
    for name, body in dump.items():
        httpserver.expect_request(f"/{name}.gz").respond_with_data(
            body, content_type="application/gzip"
        )


def no_sleep(seconds: float) -> None:
    pass


def test_sync_downloads_and_builds(httpserver: HTTPServer, dump: dict[str, bytes]) -> None:
    serve(httpserver, dump)
    notes: list[str] = []
    status = sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep, log=notes.append)
    assert status.exists and status.sequences == len(STRIPPED)
    assert status.source == httpserver.url_for("/").rstrip("/")
    assert any("stripped.gz" in note for note in notes)
    requests = [request for request, _ in httpserver.log]
    assert [r.path for r in requests] == ["/stripped.gz", "/names.gz"]
    assert all("numtheory" in r.headers["User-Agent"] for r in requests)
    with Mirror() as mirror:
        assert [s.id for s in mirror.search([1, 2, 6, 20])] == ["A000984", "A200000"]
    leftovers = sorted(p.name for p in mirror_path().parent.iterdir())
    assert leftovers == ["mirror.sqlite"]


def test_sync_uses_the_environment_url(
    httpserver: HTTPServer, dump: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    serve(httpserver, dump)
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/"))
    assert sync_mirror(pause=0, sleep=no_sleep).sequences == len(STRIPPED)


def test_truncated_gzip_keeps_the_previous_mirror(
    httpserver: HTTPServer, dump: dict[str, bytes]
) -> None:
    serve(httpserver, dump)
    sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    before = mirror_path().read_bytes()
    httpserver.clear()
    truncated = dump["stripped"][: len(dump["stripped"]) * 2 // 3]
    httpserver.expect_request("/stripped.gz").respond_with_data(truncated)
    httpserver.expect_request("/names.gz").respond_with_data(dump["names"])
    with pytest.raises(MirrorError, match="damaged"):
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    assert mirror_path().read_bytes() == before
    assert sorted(p.name for p in mirror_path().parent.iterdir()) == ["mirror.sqlite"]
    assert mirror_status().sequences == len(STRIPPED)


def test_much_smaller_dump_is_refused(
    httpserver: HTTPServer, dump: dict[str, bytes], tmp_path: Path
) -> None:
    serve(httpserver, dump)
    sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    small = make_dump(tmp_path / "small", STRIPPED[:3])
    httpserver.clear()
    httpserver.expect_request("/stripped.gz").respond_with_data(
        (small / "stripped.gz").read_bytes()
    )
    httpserver.expect_request("/names.gz").respond_with_data((small / "names.gz").read_bytes())
    with pytest.raises(MirrorError, match="only 3 sequences") as info:
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    # issue 9: the message says how to accept the dump anyway
    assert "--min-count 3" in str(info.value) and "half of the current mirror's 13" in str(
        info.value
    )
    assert mirror_status().sequences == len(STRIPPED)


def test_503_is_retried(httpserver: HTTPServer, dump: dict[str, bytes]) -> None:
    httpserver.expect_ordered_request("/stripped.gz").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": "0"})
    )
    httpserver.expect_ordered_request("/stripped.gz").respond_with_data(dump["stripped"])
    httpserver.expect_ordered_request("/names.gz").respond_with_data(dump["names"])
    waits: list[float] = []
    status = sync_mirror(httpserver.url_for("/"), pause=0, sleep=waits.append)
    assert status.sequences == len(STRIPPED)
    assert len(waits) == 1  # exactly one retry


def test_404_is_not_retried_and_nothing_is_built(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/stripped.gz").respond_with_data("nope", status=404)
    with pytest.raises(MirrorError, match="404"):
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    assert len(httpserver.log) == 1
    assert not mirror_path().exists()


def test_unreachable_server() -> None:
    with pytest.raises(OEISUnavailableError) as info:
        sync_mirror("http://127.0.0.1:9", pause=0, sleep=no_sleep, timeout=2)
    assert not mirror_path().exists()
    # issue 9: one clear line (host, reason, what to do), not urllib3's text
    message = str(info.value)
    assert "\n" not in message
    assert "127.0.0.1:9" in message and "refused" in message and "--from DIR" in message
    for raw in ("HTTPConnectionPool", "Max retries", "urllib3", "NewConnectionError", "object at"):
        assert raw not in message


def test_unresolvable_host_is_named() -> None:
    """The reason is found in the exception chain requests builds (here: a DNS failure)."""
    import socket

    import requests
    import urllib3.exceptions

    from numtheory.oeis.mirror.sync import _unreachable

    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as dns:
            inner = urllib3.exceptions.NameResolutionError("oeis.example", None, dns)  # type: ignore[arg-type]
            raise requests.ConnectionError(
                urllib3.exceptions.MaxRetryError(None, "/stripped.gz", inner)  # type: ignore[arg-type]
            ) from None
    except requests.ConnectionError as exc:
        message = str(_unreachable("https://oeis.example/stripped.gz", exc))
    assert "oeis.example" in message and "could not be resolved" in message
    assert "--from DIR" in message and "Max retries" not in message


@pytest.mark.slow  # the CLI's retries really wait (about 8 s in all)
def test_cli_without_network_prints_one_clear_line() -> None:
    from tests.cli.helpers import run_cli

    run = run_cli(
        "mirror", "sync", "--timeout", "2", env={"NUMTHEORY_OEIS_URL": "http://127.0.0.1:9"}
    )
    assert run.code == 3
    errors = [line for line in run.err.splitlines() if "error" in line]
    assert len(errors) == 1 and "refused" in errors[0] and "--from DIR" in errors[0]
    assert "HTTPConnectionPool" not in run.err and "Traceback" not in run.err


def test_offline_environment_refuses_to_download(monkeypatch: pytest.MonkeyPatch) -> None:
    from numtheory.errors import OfflineError

    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    with pytest.raises(OfflineError, match="--from"):
        sync_mirror("http://127.0.0.1:9", pause=0, sleep=no_sleep)


def test_dns_failure_is_retried_once() -> None:
    import socket

    import requests

    class NoDNS:
        calls = 0

        def get(self, url: str, **kwargs: object) -> None:
            self.calls += 1
            try:
                raise socket.gaierror(-3, "Temporary failure in name resolution")
            except socket.gaierror as exc:
                raise requests.ConnectionError("Max retries exceeded") from exc

        def close(self) -> None:
            pass

    session = NoDNS()
    waits: list[float] = []
    with pytest.raises(OEISUnavailableError, match="could not be resolved"):
        sync_mirror("https://oeis.example", session=session, pause=0, sleep=waits.append)
    assert session.calls == 2 and len(waits) == 1  # was 4 attempts, 3 waits


# -- one HTTP policy with the client (issue 11) ------------------------------------------------


def test_sync_honours_an_http_date_retry_after(
    httpserver: HTTPServer, dump: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Retry-After as an HTTP-date (RFC 9110, section 10.2.3) is a wait, as for the client.

    The date is read against a fixed "now" (the real parser, an injected clock) and the wait
    is recorded, not slept: no wall clock in the test.
    """
    import email.utils
    from datetime import datetime, timezone

    import numtheory.oeis.netcall as netcall
    from numtheory.retry import parse_retry_after

    now = datetime(2026, 12, 2, 4, 0, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(
        netcall, "parse_retry_after", lambda value: parse_retry_after(value, now=now)
    )
    when = email.utils.formatdate(now.timestamp() + 20, usegmt=True)  # 20 s after "now"
    httpserver.expect_ordered_request("/stripped.gz").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": when})
    )
    httpserver.expect_ordered_request("/stripped.gz").respond_with_data(dump["stripped"])
    httpserver.expect_ordered_request("/names.gz").respond_with_data(dump["names"])
    waits: list[float] = []
    status = sync_mirror(httpserver.url_for("/"), pause=0, sleep=waits.append)
    assert status.sequences == len(STRIPPED)
    assert waits == [20.0]  # what the server asked for (the backoff alone: 1-2 s)


def test_sync_retries_408(httpserver: HTTPServer, dump: dict[str, bytes]) -> None:
    httpserver.expect_ordered_request("/stripped.gz").respond_with_data("slow", status=408)
    httpserver.expect_ordered_request("/stripped.gz").respond_with_data(dump["stripped"])
    httpserver.expect_ordered_request("/names.gz").respond_with_data(dump["names"])
    waits: list[float] = []
    assert sync_mirror(httpserver.url_for("/"), pause=0, sleep=waits.append).sequences == len(
        STRIPPED
    )
    assert len(waits) == 1 and len(httpserver.log) == 3


def test_sync_sends_the_package_user_agent(httpserver: HTTPServer, dump: dict[str, bytes]) -> None:
    import requests

    import numtheory
    from numtheory.oeis.client import USER_AGENT

    serve(httpserver, dump)
    sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep)
    agents = {request.headers["User-Agent"] for request, _ in httpserver.log}
    assert agents == {USER_AGENT}
    assert USER_AGENT.startswith(f"numtheory/{numtheory.__version__} ")
    assert USER_AGENT.endswith(f"python-requests/{requests.__version__}")
    # a caller's own session gets it too
    httpserver.clear_log()
    with requests.Session() as session:
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=no_sleep, session=session)
    assert {request.headers["User-Agent"] for request, _ in httpserver.log} == {USER_AGENT}


def test_sync_etiquette_caps_and_429_default(
    httpserver: HTTPServer, dump: dict[str, bytes]
) -> None:
    """A server asking for more than the cap (60 s) is not waited for: one request, no wait;
    a 429 without Retry-After waits the client's DEFAULT_429_WAIT, not the 1-2 s backoff;
    a wait past the sync's deadline is not started."""
    from numtheory.oeis.netcall import DEFAULT_429_WAIT

    httpserver.expect_request("/stripped.gz").respond_with_response(
        Response("later", status=429, headers={"Retry-After": "3600"})
    )
    waits: list[float] = []
    with pytest.raises(OEISUnavailableError, match="429"):
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=waits.append)
    assert waits == [] and len(httpserver.log) == 1
    httpserver.clear()
    httpserver.expect_ordered_request("/stripped.gz").respond_with_data("later", status=429)
    httpserver.expect_ordered_request("/stripped.gz").respond_with_data(dump["stripped"])
    httpserver.expect_ordered_request("/names.gz").respond_with_data(dump["names"])
    sync_mirror(httpserver.url_for("/"), pause=0, sleep=waits.append)
    assert waits == [DEFAULT_429_WAIT]
    httpserver.clear()
    waits.clear()
    httpserver.expect_request("/stripped.gz").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": "30"})
    )
    with pytest.raises(OEISUnavailableError):
        sync_mirror(httpserver.url_for("/"), pause=0, sleep=waits.append, deadline=5)
    assert waits == [] and len(httpserver.log) == 1
