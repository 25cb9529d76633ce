"""``numtheory verify --evidence`` and ``--audit`` on the command line: output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from numtheory.cli import main
from numtheory.verify import _records
from tests.verify.conftest import ROOT

NAME = "euler-prime-polynomial"


@pytest.fixture
def record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "run.json"
    # The claim is false (n = 40): the run exits 1, and the record keeps the counterexample.
    assert main(["verify", NAME, "--upto", "300", "--workers", "1", "--evidence", str(path)]) == 1
    assert "FAIL" in capsys.readouterr().out
    return path


def test_an_intact_record_passes(record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--audit", str(record), "--sample", "2", "--seed", "9"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"PASS  audit of {record}: {NAME}")
    assert "(sample 2, seed 9)" in out and "C(N-f, K)/C(N, K) <= (1 - K/N)^f" in out


def test_json_output(record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--audit", str(record), "--seed", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["chunks"] == 4 and data["sample"] == 1 and data["seed"] == 1
    assert 0 in data["recomputed"] and data["problems"] == []  # the counterexample's chunk


def test_an_altered_count_is_exit_1_naming_the_chunk(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(record.read_text())
    data["chunks"][2]["checked"] -= 1
    record.write_text(json.dumps(data))
    assert main(["verify", "--audit", str(record), "--sample", "0"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("FAIL") and "chunks[2] [200, 300): does not match its seal" in out
    assert "certifies" not in out


def test_a_field_of_the_wrong_type_is_exit_1(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(record.read_text())
    data["chunks"][0]["failures"] = False
    record.write_text(json.dumps(data))
    assert main(["verify", "--audit", str(record)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"FAIL  audit of {record}: not the record schema")
    assert "chunks[0].failures: must be an integer, got False" in captured.out
    assert "Traceback" not in captured.err


def test_a_file_that_is_no_record_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "run.json"
    path.write_text('{"format": "numtheory-verify-checkpoint/3"}')
    assert main(["verify", "--audit", str(path), "--json"]) == 2
    err = json.loads(capsys.readouterr().err)["error"]  # --json: the error as JSON, on stderr
    assert err == f"cannot read evidence record {path}: not a numtheory evidence record"


@pytest.mark.parametrize(
    ("words", "named"),
    [
        (["--audit", "X", "kummer"], "NAME cannot be given with it"),
        (["--audit", "X", "--upto", "9"], "--upto cannot be given with it"),
        (["--sample", "3"], "--sample, --seed and --max-chunk go with --audit FILE"),
        (["--audit", "X", "--sample", "-1"], "sample must be an integer >= 0"),
        (["mitchell", "--evidence", "X"], "mitchell is a plain check"),
        (["--evidence", "X"], "exactly one range check"),
    ],
)
def test_misuse_is_exit_2(
    words: list[str], named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = [str(tmp_path / w) if w == "X" else w for w in words]
    assert main(["verify", *words]) == 2
    assert named in capsys.readouterr().err


def test_a_record_from_another_version_warns_on_stderr(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.verify.test_evidence import _reseal

    data = json.loads(record.read_text())
    data["versions"]["mpmath"] = "0.1"
    _reseal(data)
    record.write_text(json.dumps(data))
    assert main(["verify", "--audit", str(record)]) == 0
    captured = capsys.readouterr()
    assert "warning: versions.mpmath: the record was written with 0.1" in captured.err
    assert captured.out.startswith("PASS")


def test_a_real_process_writes_and_audits_a_record(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def command(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "numtheory", "verify", *words],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
        )  # fmt: skip

    ran = command(
        "legendre", "--upto", "5999", "--chunk-size", "2000", "--workers", "1",
        "--evidence", str(path),
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    written = json.loads(path.read_text())["versions"]
    assert written["numtheory_source"] == _records.versions()["numtheory_source"]
    audited = command("--audit", str(path), "--sample", "3", "--seed", "4")
    assert audited.returncode == 0, audited.stderr
    assert "3 of 3 chunks recomputed" in audited.stdout
    data = json.loads(path.read_text())
    data["params"]["primes"][0] = 3  # a parameter altered: named
    path.write_text(json.dumps(data))
    tampered = command("--audit", str(path), "--sample", "0")
    assert tampered.returncode == 1
    assert "params.primes[0]: does not match its seal" in tampered.stdout
