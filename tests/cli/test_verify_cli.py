"""``numtheory verify``: exit codes, --list, --json, checkpoints; Ctrl-C in a real subprocess.

Most run ``main([...])`` in this process (:func:`tests.cli.helpers.invoke`); the Ctrl-C test
and the full default run start the real command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from numtheory.cli._app import main
from tests.cli.helpers import invoke, run_cli

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ("--import", "tests.verify.plugin_checks")
ENV = {"PYTHONPATH": str(ROOT)}


def test_list_names_and_claims() -> None:
    result = invoke("verify", "--list")
    assert result.code == 0
    for name in ("central-binomial-2adic", "kummer", "primality", "gamma-fourier", "mitchell"):
        assert name in result.out
    assert "popcount" in result.out
    data = invoke("verify", "--list", "--json").json()
    entry = next(c for c in data["checks"] if c["name"] == "central-binomial-2adic")
    assert entry["range"] is True and entry["params"]["upto"] > 0 and entry["source"]


@pytest.mark.slow
def test_json_document_and_exit_zero() -> None:
    result = invoke("verify", "central-binomial-2adic", "kummer", "--upto", "3*10**2", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert set(data) >= {"checks", "passed", "failed"}
    assert (data["passed"], data["failed"]) == (2, 0)
    first = data["checks"][0]
    assert set(first) >= {"name", "claim", "passed", "detail", "seconds", "params"}
    assert first["params"]["upto"] == 300 and first["detail"]["checked"] == 300


def test_text_output() -> None:
    result = invoke("verify", "mitchell", "factor")
    assert result.code == 0
    assert result.out.startswith("PASS  mitchell")
    assert result.err == ""  # no progress bar when stderr is not a terminal
    assert "2 checks: 2 passed, 0 failed" in result.out


def test_failing_check_exits_one_with_first_counterexample() -> None:
    result = invoke("verify", "euler-prime-polynomial", *PLUGIN, "--upto", "100")
    assert result.code == 1
    assert result.out.startswith("FAIL  euler-prime-polynomial")
    assert 'first counterexample: {"n": 40, "value": 1681}' in result.out


def test_unknown_check_and_bad_options_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    unknown = invoke("verify", "kummer", "no-such-check")
    assert unknown.code == 2 and "no-such-check" in unknown.err and unknown.out == ""
    for args, named in (
        (("kummer", "--param", "colour=red"), "colour"),
        (("kummer", "--param", "kummer.primes=2,x"), "x"),
        (("kummer", "--param", "novalue"), "novalue"),
        (("kummer", "--upto", "ten"), "ten"),
        (("kummer", "--start", "50", "--upto", "10"), "upto = 10 < start = 50"),
        (("kummer", "--workers", "0"), "got 0"),
        (("kummer", "--import", "no.such.module"), "no.such.module"),
        (("legendre", "--start", "-5", "--upto", "5"), "got -5"),
        (("kummer", "--param", "primes=1"), "got [1]"),
        (("kummer", "--chunk-size", "0"), "got 0"),
    ):
        code = main(["verify", *args])  # in-process: a subprocess each would take 10x longer
        out, err = capsys.readouterr()
        assert code == 2, (args, err)
        assert "Traceback" not in err and "error" in err and named in err, (args, err)
        assert out == ""


def test_bad_scheduler_address_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")  # the optional extra; without it the message says so
    code = main(["verify", "kummer", "--scheduler", "no-port-here"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", err
    assert "Traceback" not in err and "error" in err and "'no-port-here'" in err


def test_param_and_dps_options() -> None:
    result = invoke(
        "verify", "kummer", "gamma-identities", "--param", "kummer.primes=2,3",
        "--param", "upto=25", "--dps", "60", "--workers", "1", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    kummer, gamma = result.json()["checks"]
    assert kummer["params"] == {
        "start": 0, "upto": 25, "primes": [2, 3], "exact_upto": 100, "library_every": 1024,
    }  # fmt: skip
    assert gamma["params"] == {"dps": 60}


def test_checkpoint_from_other_run_exits_two(tmp_path: Path) -> None:
    store = str(tmp_path / "cp.json")
    assert invoke("verify", "kummer", "--upto", "30", "--checkpoint", store).code == 0
    result = invoke("verify", "kummer", "--upto", "31", "--checkpoint", store)
    assert result.code == 2 and "different run" in result.err


def test_unwritable_checkpoint_is_bad_input_before_any_work(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "cp.json"
    result = invoke("verify", "legendre", "--checkpoint", str(missing))
    assert result.code == 2, result.err
    assert str(missing) in result.err and "Traceback" not in result.err
    assert result.out == ""  # refused up front: no check ran, nothing reported as failed
    as_dir = invoke("verify", "legendre", "--checkpoint", str(tmp_path))
    assert as_dir.code == 2 and "directory" in as_dir.err


@pytest.mark.slow
def test_ctrl_c_exits_130_without_traceback_and_resumes(tmp_path: Path) -> None:
    store = tmp_path / "cp.json"
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    args = [
        sys.executable, "-m", "numtheory", "verify", "counting", *PLUGIN, "--workers", "2",
        "--checkpoint", str(store), "--param", f"log_dir={log_dir}", "--param", "sleep=0.2",
    ]  # fmt: skip
    env = dict(os.environ, **ENV)
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, like a job in a terminal
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not store.exists():
        time.sleep(0.05)
    assert store.exists()
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the workers get SIGINT too
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted during counting" in err
    assert "rerun the same command to resume" in err
    saved_lows = {int(lo) for lo in json.loads(store.read_text())["chunks"]["counting"]}
    saved = len(saved_lows)
    assert 0 < saved < 20

    resumed = subprocess.run([*args, "--json"], capture_output=True, text=True, env=env)
    assert resumed.returncode == 0, resumed.stderr
    detail = json.loads(resumed.stdout)["checks"][0]["detail"]
    assert detail["checked"] == 1000 and detail["chunks_resumed"] == saved
    assert detail["chunks_computed"] == 20 - saved
    lows = [int(p.name.split("-")[0]) for p in log_dir.iterdir()]
    assert len(set(lows)) == 20  # every chunk done
    assert all(lows.count(lo) == 1 for lo in saved_lows)  # saved chunks never recomputed


@pytest.mark.slow
def test_full_default_run_passes() -> None:
    # Speed is measured in scripts/bench_sweep.py; here only the outcome, and a timeout
    # (generous: the machine may be loaded) so a hang fails instead of blocking the suite.
    result = run_cli("verify", "--workers", "2", timeout=300)
    assert result.code == 0, result.out + result.err
    assert "11 checks: 11 passed, 0 failed" in result.out


@pytest.mark.parametrize("dps", ["10**9", "0"])
def test_absurd_dps_is_refused_before_any_check_runs(
    dps: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10: `--dps 10**9` ran the check (1.2 GB, then exit 1). The numerics ceiling is
    applied when the parameters are resolved: exit 2, the ceiling named, nothing run."""
    from numtheory.numerics import DPS_CEILING

    code = main(["verify", "gamma-identities", "--dps", dps, "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert "Traceback" not in err and "PASS" not in out and "FAIL" not in out
    if dps == "0":
        assert "dps >= 1" in err
    else:
        assert f"accepts dps up to {DPS_CEILING}" in err and "would take about" in err
