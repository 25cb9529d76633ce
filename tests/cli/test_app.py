"""The CLI framework: --help, --version, --json/--debug anywhere, exit codes, no tracebacks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from numtheory import __version__
from numtheory.cli import main
from numtheory.cli._output import Output
from tests.cli.helpers import run_cli


def test_help_lists_the_integer_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    listed = [
        line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()
    ]
    for command in ("valuation", "prime", "factor"):
        assert command in listed
    assert "exit codes" in out
    # ORDER 10/20/30: the integer commands come first, in this order
    assert listed.index("valuation") < listed.index("prime") < listed.index("factor")


@pytest.mark.parametrize(
    "argv",
    [
        ["valuation", "--help"],
        ["prime", "--help"],
        ["prime", "test", "--help"],
        ["prime", "range", "--help"],
        ["factor", "--help"],
    ],
)
def test_subcommand_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "usage: numtheory" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"numtheory {__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        ["--json", "factor", "12"],
        ["factor", "--json", "12"],
        ["factor", "12", "--json"],
        ["--json", "prime", "next", "12"],
        ["prime", "--json", "next", "12"],
        ["prime", "next", "12", "--json"],
        ["--debug", "--json", "valuation", "12", "2"],
        ["valuation", "12", "2", "--debug", "--json"],
    ],
)
def test_json_and_debug_before_and_after_the_subcommand(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert isinstance(json.loads(captured.out), dict)
    assert captured.err == ""


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nosuchcommand"],
        ["factor"],
        ["factor", "1.5"],
        ["prime"],
        ["prime", "sideways", "5"],
        ["prime", "range", "1"],
        ["valuation", "--p", "x", "12"],
    ],
)
def test_usage_errors_exit_2_on_stderr(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "usage:" in captured.err or "error:" in captured.err
    assert "Traceback" not in captured.err


def test_domain_error_exit_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valuation", "0", "2"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "numtheory: error: valuation() needs n != 0, got 0\n"
    assert captured.out == ""


def _boom(args: argparse.Namespace, out: Output) -> int:
    raise RuntimeError("kaboom")


def test_internal_error_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from numtheory.cli import cmd_factor

    monkeypatch.setattr(cmd_factor, "run", _boom)  # a bug in a command
    assert main(["factor", "12"]) == 4
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaboom" in err and "--debug" in err
    assert "Traceback" not in err
    assert main(["--debug", "factor", "12"]) == 4
    assert "Traceback" in capsys.readouterr().err


def test_real_process_exit_codes_and_streams() -> None:
    ok = run_cli("factor", "360")
    assert (ok.code, ok.out, ok.err) == (0, "360 = 2^3 * 3^2 * 5\n", "")
    bad = run_cli("valuation", "12", "4")
    assert bad.code == 2 and bad.out == ""
    assert bad.err == "numtheory: error: valuation() needs p to be prime, got 4\n"
    usage = run_cli("prime", "next")
    assert usage.code == 2 and "usage:" in usage.err and "Traceback" not in usage.err
    assert run_cli("--version").out.strip() == f"numtheory {__version__}"


def test_negative_expressions_are_values_not_options() -> None:
    """`-2^64+1`, `-360` and `-5,3` reach the command as values, in every command."""
    run = run_cli("factor", "-2^64+1")
    assert run.code == 0, run.err
    # 2^64 - 1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417, checked by multiplying back
    factors = [3, 5, 17, 257, 641, 65537, 6700417]
    product = 1
    for f in factors:
        product *= f
    assert product == 2**64 - 1
    assert run.out.strip() == f"-{2**64 - 1} = -1 * " + " * ".join(map(str, factors))
    assert run_cli("prime", "next", "-10").out.strip() == "2"
    # a real unknown option is still refused as usage (exit 2), naming it
    bad = run_cli("factor", "--frobnicate", "12")
    assert bad.code == 2 and "--frobnicate" in bad.err


@pytest.mark.parametrize(
    "argv",
    [
        ["mirror", "status", "--debug"],
        ["mirror", "status", "--debug", "--json"],
        ["mirror", "--debug", "status"],
        ["--debug", "mirror", "status"],
    ],
)
def test_mirror_takes_debug_after_the_action(
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `mirror status --debug` was refused as an unrecognized argument (exit 2)
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(tmp_path))
    assert main(argv) == 1  # no mirror built yet
    captured = capsys.readouterr()
    assert "unrecognized" not in captured.err
    if "--json" in argv:
        assert json.loads(captured.out)["exists"] is False
    else:
        assert captured.out.startswith("no mirror at ")


@pytest.mark.parametrize("value", ["0", "-1", "nan"])
def test_mirror_sync_bad_timeout_is_bad_input(
    value: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `--timeout -1` reached requests and came back as an internal error (exit 4)
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("NUMTHEORY_OEIS_URL", "http://127.0.0.1:9")
    assert main(["mirror", "sync", "--timeout", value]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"--timeout must be > 0 seconds, got {float(value)}" in captured.err
