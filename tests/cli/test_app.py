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
    # the order of the static table (numtheory.cli._app.COMMANDS): integer commands first
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
    # nan is refused by the argument's type (it is no number of seconds), the rest by the range
    assert "--timeout" in captured.err and "Traceback" not in captured.err
    if value == "nan":
        assert "'nan' is not a number of seconds" in captured.err
    else:
        assert f"--timeout must be > 0 seconds, got {float(value)}" in captured.err


def _listed_commands(text: str) -> list[str]:
    lines = text.split("COMMAND", 2)[-1].splitlines()
    return [line.split()[0] for line in lines if line.startswith("    ") and line.split()]


def test_the_command_table_is_static_and_ordered(capsys: pytest.CaptureFixture[str]) -> None:
    from numtheory.cli._app import COMMANDS, command_modules

    modules = command_modules()
    assert [m.__name__ for m in modules] == list(COMMANDS)
    assert main(["--help"]) == 0
    names = [m.NAME for m in modules]
    assert names[:3] == ["valuation", "prime", "factor"]
    listed = [name for name in _listed_commands(capsys.readouterr().out) if name in names]
    assert listed == names
    for module in modules:  # the command interface, and no ORDER numbers any more
        assert {"NAME", "HELP", "DESCRIPTION", "register", "run"} <= set(vars(module))
        assert not hasattr(module, "ORDER"), module.__name__


def test_a_new_command_is_one_line_in_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys
    import types

    from numtheory.cli import _app

    module = types.ModuleType("numtheory.cli.cmd_echo")
    module.NAME = "echo"  # type: ignore[attr-defined]
    module.HELP = "print the words back"  # type: ignore[attr-defined]
    module.DESCRIPTION = "Print each WORD."  # type: ignore[attr-defined]

    def register(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("words", nargs="+")

    def run(args: argparse.Namespace, out: Output) -> int:
        out.result(" ".join(args.words), {"words": args.words})
        return 0

    module.register = register  # type: ignore[attr-defined]
    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(_app, "COMMANDS", (*_app.COMMANDS, module.__name__))
    assert main(["--help"]) == 0
    assert _listed_commands(capsys.readouterr().out)[-1] == "echo"
    assert main(["echo", "a", "b"]) == 0
    assert capsys.readouterr().out == "a b\n"
    assert main(["--json", "echo", "x"]) == 0
    assert json.loads(capsys.readouterr().out) == {"words": ["x"]}


def test_only_the_command_being_run_registers_its_arguments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from numtheory.cli import cmd_prime

    def refuse(parser: argparse.ArgumentParser) -> None:
        raise AssertionError("prime's arguments were registered for another command")

    monkeypatch.setattr(cmd_prime, "register", refuse)
    assert main(["factor", "12"]) == 0
    assert capsys.readouterr().out == "12 = 2^2 * 3\n"
    with pytest.raises(AssertionError, match="registered"):
        main(["prime", "next", "1"])


def test_commands_use_public_helpers_only() -> None:
    """No command module imports the integer backend, _validate.show or _app's privates."""
    import ast

    import numtheory.cli

    folder = Path(numtheory.cli.__file__).parent
    for path in sorted(folder.glob("cmd_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {alias.name for alias in node.names}
                where = f"{path.name}: from {node.module} import {sorted(names)}"
                assert node.module != "numtheory._backend", where
                assert not (node.module == "numtheory" and "_backend" in names), where
                assert not (node.module == "numtheory._validate" and "show" in names), where
                assert node.module != "numtheory.cli._app", where
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert node.value.id not in ("_backend", "_validate", "_app"), path.name
