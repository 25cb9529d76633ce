"""Hermetic tests: what the package needs at run time, and what the tests may skip over.

* A runtime dependency is one that ``numtheory/`` imports; sympy is only a reference the tests
  and benchmarks compare against, so it belongs to the ``test`` extra (issue 11).
* ``pytest.importorskip`` is for what may be missing: the optional ``dask`` extra, not a
  dependency the package or the test extra requires (a missing hard dependency must fail the
  run, not quietly skip the tests that cross-check against it).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # the standard library from Python 3.11

ROOT = Path(__file__).resolve().parents[1]
#: distribution name -> the module it installs, where they differ
MODULE_OF = {"python-flint": "flint", "dask[distributed]": "distributed", "pytest-httpserver":
             "pytest_httpserver", "types-requests": None}  # fmt: skip


def _requirements(key: str | None) -> set[str]:
    """Top-level modules of ``[project] dependencies`` (None) or of the extra named ``key``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] if key is None else project["optional-dependencies"][key]
    modules = set()
    for requirement in listed:
        name = re.split(r"[<>=!~; ]", requirement, maxsplit=1)[0]
        module = MODULE_OF.get(name, name.replace("-", "_"))
        if module is not None:
            modules.add(module)
    return modules


def _imported_modules(folder: Path) -> set[str]:
    """Top-level names of every module imported anywhere under ``folder`` (lazy imports too)."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.partition(".")[0])
    return names


def test_the_package_never_imports_sympy_and_does_not_require_it() -> None:
    assert "sympy" not in _imported_modules(ROOT / "numtheory")
    assert "sympy" not in _requirements(None)
    assert "sympy" in _requirements("test")  # the tests' independent reference


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    imported = _imported_modules(ROOT / "numtheory")
    assert _requirements(None) - imported == set()


def test_every_third_party_module_the_package_imports_is_declared() -> None:
    """A fresh ``pip install .`` must bring all the package imports (numpy was once missed)."""
    import sys

    imported = _imported_modules(ROOT / "numtheory") - {"numtheory", "__future__"}
    third_party = {name for name in imported if name not in sys.stdlib_module_names}
    # the optional imports: dask, and matplotlib (the plot extra, issue 16)
    declared = _requirements(None) | _requirements("dask") | _requirements("plot")
    assert third_party - declared == set()


def test_no_importorskip_on_a_required_module() -> None:
    """Only the optional extras (dask) and the standard library's newer modules may be skipped."""
    required = _requirements(None) | _requirements("test")
    required -= _requirements("dask")
    skipped: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "importorskip"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                module = str(node.args[0].value).partition(".")[0]
                skipped.setdefault(module, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    wrong = {module: where for module, where in skipped.items() if module in required}
    assert wrong == {}
