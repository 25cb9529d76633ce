"""End to end: ``numtheory oeis`` without the network, and ``numtheory mirror``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.oeis.test_mirror import STRIPPED, make_dump

# conftest points NUMTHEORY_OEIS_URL at a refused port: any network use fails fast.


def test_offline_flag_answers_from_the_catalogue() -> None:
    run = run_cli("oeis", "1,2,6,20", "--offline")
    assert run.code == 0, run.err
    assert "A000984" in run.out
    assert "offline: answered from the local catalogue" in run.err  # said on stderr
    assert "1 match in all" in run.out  # the local total is known, not "unknown"
    assert "could not reach" not in run.err  # --offline never tried the network


def test_offline_json_names_the_source() -> None:
    run = run_cli("oeis", "1,2,6,20", "--offline", "--json")
    assert run.code == 0, run.err
    doc = run.json()
    assert doc["source"] == "catalogue"
    assert doc["results"][0]["id"] == "A000984"
    assert doc["results"][0]["terms"][:5] == [1, 2, 6, 20, 70]


def test_environment_offline_never_touches_the_network() -> None:
    run = run_cli(
        "oeis", "A000045", env={"NUMTHEORY_OFFLINE": "1", "NUMTHEORY_OEIS_URL": "http://192.0.2.1"}
    )
    assert run.code == 0, run.err
    assert "Fibonacci" in run.out and "could not reach" not in run.err


def test_offline_no_match_is_exit_1() -> None:
    run = run_cli("oeis", "1,2,6,20,71", "--offline")
    assert run.code == 1
    assert run.out == ""


def test_unreachable_oeis_warns_and_answers_locally() -> None:
    run = run_cli("oeis", "1,2,6,20", "--timeout", "2")
    assert run.code == 0, run.err
    assert "A000984" in run.out
    assert "warning" in run.err and "catalogue" in run.err


def test_mirror_sync_from_dir_then_offline_search(tmp_path: Path) -> None:
    folder = make_dump(tmp_path / "dump")
    assert run_cli("mirror", "status").code == 1
    sync = run_cli("mirror", "sync", "--from", str(folder))
    assert sync.code == 0, sync.err
    assert f"{len(STRIPPED)} sequences" in sync.out
    status = run_cli("mirror", "status", "--json")
    assert status.code == 0
    doc = status.json()
    assert doc["sequences"] == len(STRIPPED) and doc["dump_date"] == "September 29 05:00 UTC 2026"
    assert doc["size_bytes"] > 0
    run = run_cli("oeis", "1,2,6,20", "--offline", "--json")
    assert run.code == 0, run.err
    doc = run.json()
    assert doc["source"] == "mirror"
    assert [r["id"] for r in doc["results"]] == ["A000984", "A200000"]
    # the unreachable-network fallback prefers the mirror too
    run = run_cli("oeis", "1,2,6,20", "--timeout", "2")
    assert run.code == 0 and "mirror" in run.err


def test_mirror_sync_bad_inputs(tmp_path: Path) -> None:
    missing = run_cli("mirror", "sync", "--from", str(tmp_path / "nowhere"))
    assert missing.code == 2 and "--from" in missing.err
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_cli("mirror", "sync", "--from", str(empty))
    assert run.code == 3 and "not found" in run.err
    assert "Traceback" not in run.err


def test_long_piped_query_runs_past_the_catalogue_data_line() -> None:
    """The seed article's pipe works offline: 99 terms of A000120, longer than its data line."""
    terms = ", ".join(str(bin(n).count("1")) for n in range(1, 100))  # independent popcount
    valuations = run_cli("valuation", "central-binomial", "1..99", "--terms")
    assert valuations.code == 0 and valuations.out.strip() == terms
    run = run_cli("oeis", "-", "--offline", "--json", stdin=valuations.out)
    assert run.code == 0, run.err
    assert [r["id"] for r in run.json()["results"]] == ["A000120"]


def test_a_cache_dir_whose_tilde_cannot_be_expanded_is_bad_configuration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pathlib raises RuntimeError for '~user' with no such user: that was reported as an
    internal error (exit 4, "a bug"); it is a bad setting (exit 2) that names the variable."""
    from numtheory.cli import main

    value = "~no-such-user-numtheory-review/cache"
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", value)
    assert main(["oeis", "1,2,6,20,70", "--offline"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "NUMTHEORY_CACHE_DIR" in err and value in err
    assert "internal error" not in err and "Traceback" not in err
