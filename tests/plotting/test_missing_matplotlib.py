"""Without matplotlib (its import blocked in a real subprocess): a clear error naming the
extra, exit 2 before any work, and everything else unaffected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Blocks ``import matplotlib`` (None in sys.modules makes every import of it fail, as on a
#: machine without it), then runs the rest of the snippet.
BLOCK = "import sys\nsys.modules['matplotlib'] = None\n"


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCK + code], capture_output=True, text=True,
                          timeout=120, cwd=cwd, check=False)  # fmt: skip


def test_cli_and_library_without_matplotlib(tmp_path: Path) -> None:
    proc = _python(
        "import os\n"
        "from numtheory.cli import main\n"
        "from numtheory.errors import PlotMissingError\n"
        "os.environ['NUMTHEORY_OFFLINE'] = '1'\n"
        f"os.environ['NUMTHEORY_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
        "code = main(['oeis', 'A000045', '--plot', 'fib.png'])\n"
        "print('exit', code)\n"
        "print('plain', main(['oeis', 'A000045']))\n"  # no plot asked: works as ever
        "import numtheory.plotting\n"  # importing the package needs no matplotlib
        "from numtheory.oeis.model import Sequence\n"
        "try:\n"
        "    Sequence(number=45, name='F', terms=(0, 1, 1)).plot()\n"
        "except ImportError as exc:\n"  # a PlotMissingError is an ImportError
        "    print('raised', type(exc).__name__, isinstance(exc, PlotMissingError))\n",
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "exit 2" in lines and "plain 0" in lines
    assert "raised PlotMissingError True" in lines
    assert 'pip install "numtheory[plot]"' in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("Fibonacci") == 0 and proc.stdout.count("Fibonacci") == 1
    assert not (tmp_path / "fib.png").exists()


@pytest.mark.slow  # one more interpreter start (about 1 s of CPU)
def test_bad_mplbackend_is_bad_input_not_a_bug(tmp_path: Path) -> None:
    env = {**os.environ, "MPLBACKEND": "no-such-backend", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "numtheory", "plot", "central-binomial-2adic", "v2.png"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "matplotlib refused its configuration" in proc.stderr
    assert "no-such-backend" in proc.stderr and "MPLBACKEND" in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "v2.png").exists()
