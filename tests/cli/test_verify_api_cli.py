"""``numtheory verify``: --import (current directory, .py paths, failing plugins), --list
parameters, --param errors that list the valid ones, and damaged checkpoints as exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from numtheory import verify
from numtheory.cli._app import main
from numtheory.verify.checkpoint import _digest
from tests.cli.helpers import invoke

ROOT = Path(__file__).resolve().parents[2]

PLUGIN = textwrap.dedent(
    """
    from numtheory.verify import range_check

    @range_check("{name}", claim="m is below 10**6", start=1, upto=300, chunk_size=50)
    def below(m):
        return m < 10**6
    """
)


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """In-process runs that import plugins: restore sys.path, sys.modules and the registry."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", str(tmp_path))])
    before_modules, before_checks = set(sys.modules), {c.name for c in verify.checks()}
    yield tmp_path
    for name in set(sys.modules) - before_modules:
        if name.startswith("plug_"):
            del sys.modules[name]
    for entry in verify.checks():
        if entry.name not in before_checks:
            verify.unregister(entry.name)


def _numtheory_console(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Like the installed ``numtheory`` script: ``-P`` keeps the current directory off sys.path."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NUMTHEORY_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-P", "-m", "numtheory", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_import_finds_a_module_in_the_current_directory(tmp_path: Path) -> None:
    (tmp_path / "mychecks.py").write_text(PLUGIN.format(name="cwd-check"))
    done = _numtheory_console(
        "verify", "cwd-check", "--import", "mychecks", "--workers", "2", "--json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)["checks"][0]
    assert result["name"] == "cwd-check" and result["passed"]
    assert result["detail"]["checked"] == 300 and result["detail"]["chunks"] == 6


def test_import_takes_a_path_to_a_py_file(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated / "lab").mkdir()
    (isolated / "lab" / "plug_path.py").write_text(PLUGIN.format(name="path-check"))
    code = main(["verify", "path-check", "--import", "lab/plug_path.py", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("PASS  path-check") and "300 cases for n = 1..300: all hold" in out


@pytest.mark.parametrize(
    ("spec", "body", "named"),
    [
        ("", None, "--import needs a module name or a path to a .py file, got ''"),
        ("  ", None, "--import needs a module name"),
        ("plug_raises", "1 / 0", "importing it raised ZeroDivisionError: division by zero"),
        ("plug_exit0", "import sys\nsys.exit(0)", "the module called sys.exit(0)"),
        ("plug_exit3", "raise SystemExit(3)", "the module called sys.exit(3)"),
        ("plug_missing", None, "No module named 'plug_missing'"),
        ("lab/absent.py", None, "--import lab/absent.py: no such .py file"),
        ("plug_syntax", "def (", "SyntaxError"),
    ],
)
def test_a_failing_import_is_exit_two_naming_the_plugin(
    isolated: Path, capsys: pytest.CaptureFixture[str], spec: str, body: str | None, named: str
) -> None:
    if body is not None:
        (isolated / f"{spec}.py").write_text(body)
    code = main(["verify", "mitchell", "--import", spec])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert named in err and "Traceback" not in err and "internal error" not in err
    assert out == ""  # no check ran
    if spec.strip():
        assert f"--import {spec}" in err


def test_a_plugin_that_prints_keeps_the_json_document_clean(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its print() went to stdout, in front of the document: `--json | jq` broke.
    (isolated / "plug_noisy.py").write_text(
        'print("loading my checks")\n' + PLUGIN.format(name="noisy")
    )
    code = main(["verify", "noisy", "--import", "plug_noisy", "--workers", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["checks"][0]["detail"]["checked"] == 300
    assert "loading my checks" in err


def test_list_shows_every_parameter_and_default() -> None:
    done = invoke("verify", "--list")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    builtin = [c for c in verify.checks() if c.func.__module__.startswith("numtheory.")]
    assert len(builtin) == 11
    for entry in builtin:
        at = next(i for i, line in enumerate(lines) if line.startswith(entry.name + " "))
        shown = lines[at + 1]
        for key, default in entry.params.items():
            value = ",".join(map(str, default)) if isinstance(default, tuple) else default
            if isinstance(default, bool):
                value = str(default).lower()
            assert f"{key}={value}" in shown, (entry.name, key, shown)
        assert ("range check" in shown) == entry.is_range
    kummer = next(line for line in lines if "params: start=0, upto=300, primes=2,3,5,7" in line)
    assert "20 per chunk" in kummer


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("kummer", "--param", "colour=red"), "check 'kummer' has no parameter 'colour' "
         "(it takes: start=0, upto=300, primes=2,3,5,7, exact_upto=100, library_every=1024)"),
        (("kummer", "--param", "kummer.colour=red"), "it takes: start=0, upto=300, primes=2,3,5,7"),
        (("kummer", "mitchell", "--param", "colour=1"),
         "(they take: kummer: start, upto, primes, exact_upto, library_every; mitchell: grid)"),
    ],
)  # fmt: skip
def test_a_bad_param_lists_the_valid_ones(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], named: str
) -> None:
    assert main(["verify", *args]) == 2
    out, err = capsys.readouterr()
    assert named in err and out == ""


def test_a_damaged_checkpoint_is_exit_two_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "cp.json"
    run = ["verify", "legendre", "--upto", "3000", "--workers", "1", "--checkpoint", str(store)]
    assert main(run) == 0
    capsys.readouterr()
    data = json.loads(store.read_text())
    data["chunks"]["legendre"]["0"]["checked"] = 30_000_000_000_000
    data["digest"] = _digest({k: v for k, v in data.items() if k != "digest"})
    store.write_text(json.dumps(data))
    assert main(run) == 2
    out, err = capsys.readouterr()
    # one chunk [0, 3001) (legendre's chunks are 65536 long), 9 primes per n
    assert out == "" and "checked = 30000000000000 is outside 0..27009" in err
    store.write_text("[" * 200_000)
    assert main(run) == 2
    out, err = capsys.readouterr()
    assert out == "" and "nested too deeply" in err and "internal error" not in err
