"""The README's verify example in a real Jupyter kernel (nbclient + ipykernel).

A kernel always has several threads alive, so the pool uses forkserver there, and the
example's check, defined in a notebook cell (``__main__``), has to be sent by value.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import ipykernel  # noqa: F401  (the notebook kernel)
import nbclient
import nbformat
import pytest

from tests.verify.conftest import ROOT

pytestmark = pytest.mark.slow


def readme_example() -> str:
    """The Python block of the README's "From Python" part of the verify section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### From Python") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def run_notebook(tmp_path: Path, cells: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Execute ``cells`` in a fresh kernel running this interpreter; return the notebook."""
    spec = tmp_path / "jupyter" / "kernels" / "numtheory-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "numtheory test", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = nbclient.NotebookClient(
        nb,
        timeout=240,
        kernel_name="numtheory-test",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    return nb


def outputs(cell: Any) -> tuple[str, list[dict[str, Any]]]:
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    errors = [o for o in cell.outputs if o.output_type == "error"]
    return text, errors


def test_issue_9_readme_example_runs_in_a_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unpicklable = (
        "import threading\n"
        "lock = threading.Lock()\n"
        "@verify.range_check('holds-a-lock', claim='x', upto=100, chunk_size=10)\n"
        "def holds_a_lock(n):\n"
        "    return lock is not None\n"
        "verify.run('holds-a-lock', workers=2)"
    )
    nb = run_notebook(
        tmp_path,
        [
            "import threading; print('threads', threading.active_count() > 1)",
            readme_example(),
            unpicklable,
            "print(verify.run('holds-a-lock', workers=1).ok)",
        ],
        monkeypatch,
    )
    text, errors = outputs(nb.cells[0])
    assert text.strip() == "threads True"  # what used to switch the pool to forkserver
    text, errors = outputs(nb.cells[1])
    assert errors == [], errors
    assert text.strip().splitlines()[-1] == "False {'n': 40}"
    assert "BrokenProcessPool" not in text
    # A check that truly cannot reach the workers: one clear error, at once, saying what to do.
    text, errors = outputs(nb.cells[2])
    assert len(errors) == 1 and errors[0]["ename"] == "InputError", errors
    message = errors[0]["evalue"]
    assert "'holds-a-lock' cannot be sent to worker processes" in message
    assert "module" in message and "workers=1" in message
    assert "BrokenProcessPool" not in text and "died" not in text
    text, errors = outputs(nb.cells[3])
    assert errors == [] and text.strip() == "True"
