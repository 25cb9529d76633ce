"""Issue 9: the OEIS CLI wired to the client (progress, b-files, stdin, remembered failures,
one ``--offline`` hint in every fallback warning)."""

from __future__ import annotations

import functools
import io
import json
import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import numtheory.oeis as oeis_pkg
import numtheory.oeis.local as local
from numtheory.cli import main
from numtheory.cli.cmd_oeis import MAX_STDIN_CHARS
from numtheory.oeis import config
from numtheory.oeis.netmemory import FILE_NAME, FailureMemory
from numtheory.retry import set_testing
from tests.cli.test_oeis_cli import ENTRY, SEARCH, oeis, serve_search

HINT = "--offline or NUMTHEORY_OFFLINE=1"
BFILE_ONE_BAD = "# A000290\n0 0\n1 1\n2 4x\n3 9\n"


@pytest.fixture
def local_server(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """In-process runs against ``httpserver``, no throttle, no local fallback data."""
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", httpserver.url_for("/").rstrip("/"))
    monkeypatch.setenv("NUMTHEORY_OEIS_MIN_INTERVAL", "0")
    monkeypatch.setattr(local, "get", lambda *args, **kwargs: None)  # local data hold nothing
    monkeypatch.setattr(local, "search", lambda *args, **kwargs: ([], "catalogue"))
    return httpserver


@pytest.mark.parametrize("json_mode", [False, True])
def test_waiting_on_retry_after_is_said_on_stderr(
    local_server: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    json_mode: bool,
) -> None:
    answers = iter(
        [
            Response("busy", status=503, headers={"Retry-After": "2"}),
            Response(ENTRY, mimetype="application/json"),
        ]
    )

    def answer(request: Request) -> Response:
        return next(answers)

    local_server.expect_request("/A000984").respond_with_handler(answer)
    slept: list[float] = []
    # the CLI's client, with a sleep that records instead of waiting (no wall clock)
    monkeypatch.setattr(
        oeis_pkg, "OEISClient", functools.partial(oeis_pkg.OEISClient, sleep=slept.append)
    )
    args = ["oeis", "A000984", "--no-cache"] + (["--json"] if json_mode else [])
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 0 and len(local_server.log) == 2 and 2.0 in slept
    waiting = [line for line in err.splitlines() if "waiting for" in line]
    assert len(waiting) == 1 and waiting[0].startswith("numtheory: ")
    assert "retry 2/" in waiting[0] and "in 2 s" in waiting[0] and "503" in waiting[0]
    if json_mode:
        assert json.loads(out)["id"] == "A000984"  # stdout is the JSON document only
    else:
        assert out.startswith("A000984  ") and "waiting" not in out


def test_library_client_stays_silent(
    local_server: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same wait through the library: nothing on stderr unless a hook is passed."""
    local_server.expect_ordered_request("/A000984").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": "2"})
    )
    local_server.expect_ordered_request("/A000984").respond_with_data(ENTRY)
    slept: list[float] = []
    with oeis_pkg.OEISClient(cache=False, sleep=slept.append) as client:
        assert client.get("A000984").number == 984
    assert 2.0 in slept and capsys.readouterr().err == ""


def test_bfile_bad_line_is_one_clean_warning(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/A000290/b000290.txt").respond_with_data(BFILE_ONE_BAD)
    run = oeis(httpserver, "A000290", "--bfile")  # a real process: the whole stderr
    assert run.code == 0 and run.out.splitlines() == ["0 0", "1 1", "3 9"]
    (line,) = run.err.strip().splitlines()
    assert line.startswith("numtheory: warning: b-file A000290: left out 1 bad line(s) (line 4)")
    assert "'2 4x'" in line
    assert "BFileWarning" not in line and ".py:" not in line  # not a raw Python warning
    assert len(httpserver.log) == 1


def test_bfile_strict_makes_a_bad_line_exit_3(
    local_server: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    local_server.expect_request("/A000290/b000290.txt").respond_with_data(BFILE_ONE_BAD)
    code = main(["oeis", "A000290", "--bfile", "--strict"])
    out, err = capsys.readouterr()
    assert code == 3 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("numtheory: error: ") and "A000290" in line and "2 4x" in line
    # and the lenient run of the same (now cached) b-file still answers
    assert main(["oeis", "A000290", "--bfile", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["bfile"] == [[0, 0], [1, 1], [3, 9]] and len(local_server.log) == 1


def test_strict_needs_an_anumber(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["oeis", "1,2,6,20", "--strict"]) == 2
    err = capsys.readouterr().err
    assert "--strict" in err and "need an A-number" in err


class _Endless(io.TextIOBase):
    """``yes``: an stdin that never ends; a read of everything fails the test instead."""

    def __init__(self) -> None:
        self.asked = 0

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            raise AssertionError("unbounded read of an endless stdin")
        self.asked += size
        return ("1\n" * (size // 2 + 1))[:size]


def test_endless_stdin_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = _Endless()
    monkeypatch.setattr("sys.stdin", stream)
    assert main(["oeis", "-"]) == 2
    err = capsys.readouterr().err
    assert f"more than {MAX_STDIN_CHARS:,} characters" in err and "Traceback" not in err
    assert stream.asked == MAX_STDIN_CHARS + 1


def test_stdin_within_the_limit_is_read(
    local_server: HTTPServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_search(local_server)
    terms = "# a comment\n1\n2\n6\n20\n"
    padded = terms + "#" * (MAX_STDIN_CHARS - len(terms))  # exactly at the limit
    monkeypatch.setattr("sys.stdin", io.StringIO(padded))
    assert main(["oeis", "-", "--no-cache"]) == 0
    assert "A000984" in capsys.readouterr().out


def test_remembered_failure_says_how_long_and_retry_now_gets_past_it(
    local_server: HTTPServer,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numtheory.oeis.client as client_module

    local_server.expect_request("/A000984").respond_with_data(ENTRY)
    base = local_server.url_for("/").rstrip("/")
    # one clock for the failure and the CLI's memory of it (a real one could turn the 300 s
    # left into 299 between the two: the wall clock is not what this test is about)
    clock = functools.partial(float, 1_700_000_000)
    monkeypatch.setattr(client_module, "FailureMemory", functools.partial(FailureMemory, now=clock))
    FailureMemory(cache_dir / FILE_NAME, ttl=config.failure_ttl(), now=clock).record(
        base, "timed out"
    )
    assert main(["oeis", "A000984"]) == 3
    out, err = capsys.readouterr()
    assert out == "" and len(local_server.log) == 0  # not tried
    (line,) = err.strip().splitlines()
    assert "remembered failure" in line and "not tried again for 300 s" in line  # the TTL
    assert "--retry-now" in line and HINT in line
    assert main(["oeis", "A000984", "--retry-now"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("A000984  ") and err == "" and len(local_server.log) == 1
    assert main(["oeis", "A000984", "--no-cache"]) == 0  # the success forgot the failure
    assert len(local_server.log) == 2


def _age_cache(cache_dir: Path) -> None:
    with sqlite3.connect(cache_dir / "oeis-cache.sqlite3") as db:
        db.execute("UPDATE answers SET stored_at = stored_at - 14 * 86400")


@pytest.mark.parametrize(
    ("path", "body", "args"),
    [
        ("/search", SEARCH, ["1,2,6,20"]),
        ("/A000984", ENTRY, ["A000984"]),
        ("/A000290/b000290.txt", "0 0\n1 1\n2 4\n", ["A000290", "--bfile"]),
    ],
)
def test_stale_cache_warning_says_offline(
    local_server: HTTPServer,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    path: str,
    body: str,
    args: list[str],
) -> None:
    local_server.expect_request(path).respond_with_data(body)
    assert main(["oeis", *args]) == 0
    capsys.readouterr()
    _age_cache(cache_dir)
    local_server.clear()
    local_server.expect_request(path).respond_with_data("down", status=503)
    with set_testing():
        code = main(["oeis", *args, "--json"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert code == 0 and len(local_server.log) == 4  # tried (4 attempts), then the old copy
    if path != "/A000984":  # an entry's JSON is the entry itself, without a source
        assert doc["source"] == "stale-cache"
    warnings_ = [line for line in err.splitlines() if line.startswith("numtheory: warning:")]
    assert warnings_ and all("cached copy" in w and HINT in w for w in warnings_)
    assert all(w.count(HINT) == 1 for w in warnings_)  # one wording, said once
