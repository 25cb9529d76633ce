"""The documentation site (docs/): an API entry for every public name, its tools declared, its
pages' examples collected by the default run, and (slow) a build with warnings as errors.

The API pages are written from the code (docs/_apigen.py), so these tests hold the writer to
``numtheory.__all__`` and to each subpackage's ``__all__``: every name must get an entry that
resolves to the very object the package exports.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import numtheory

tomllib = pytest.importorskip("tomllib")  # the standard library from Python 3.11

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _apigen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_numtheory_docs_apigen", DOCS / "_apigen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries(text: str) -> tuple[set[str], set[str]]:
    """(full names given their own entry, full names only linked) in one reST page.

    Own entries: ``autosummary`` items under ``:toctree:``, ``.. data::``, ``.. automodule::``.
    Links: ``autosummary`` items without a toctree, ``:data:``/``:mod:`` roles.
    """
    own: set[str] = set()
    linked: set[str] = set()
    module = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := re.match(r"\.\. currentmodule:: (\S+)", line):
            module = m[1]
        elif m := re.match(r"\.\. automodule:: (\S+)", line):
            own.add(m[1])
        elif m := re.match(r"\.\. data:: (\S+)", line):
            own.add(f"{module}.{m[1]}")
        elif line.startswith(".. autosummary::"):
            toctree = False
            i += 1
            while i < len(lines) and (lines[i].startswith("   ") or not lines[i].strip()):
                item = lines[i].strip()
                if item.startswith(":toctree:"):
                    toctree = True
                elif item and not item.startswith(":"):
                    (own if toctree else linked).add(f"{module}.{item}")
                i += 1
            continue
        linked.update(re.findall(r":(?:data|mod):`~?([\w.]+)`", line))
        i += 1
    return own, linked


def _resolve(full_name: str) -> Any:
    """The object a dotted name stands for: the longest importable module, then attributes."""
    parts = full_name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(full_name)


def _all_entries(pages: dict[str, str]) -> tuple[dict[str, set[str]], set[str]]:
    own_by_page: dict[str, set[str]] = {}
    linked: set[str] = set()
    for name, text in pages.items():
        own, links = _entries(text)
        own_by_page[name] = own
        linked |= links
    return own_by_page, linked


def _check_top_level(pages: dict[str, str]) -> None:
    own_by_page, linked = _all_entries(pages)
    own_anywhere = set().union(*own_by_page.values())
    top_own, top_linked = _entries(pages["numtheory.rst"])
    listed_on_top = {full.rpartition(".")[2] for full in top_own | top_linked}
    for name in numtheory.__all__:
        exported = getattr(numtheory, name)
        entries = [full for full in own_anywhere if full.rpartition(".")[2] == name]
        assert any(_resolve(full) is exported for full in entries), (name, entries)
        assert name in listed_on_top, name  # the top-level page names it (entry or link)
    for full in top_linked | linked:
        assert full in own_anywhere, f"{full} is linked to but has no entry"


def test_every_name_of_numtheory_all_has_an_api_entry() -> None:
    _check_top_level(_apigen().pages())


@pytest.mark.parametrize("module_name", list(_apigen().SUBPACKAGES))
def test_every_name_of_a_subpackage_has_an_entry_on_its_page(module_name: str) -> None:
    module = importlib.import_module(module_name)
    own, _ = _entries(_apigen().pages()[f"{module_name}.rst"])
    assert module_name in own  # its docstring (automodule)
    for name in module.__all__:
        full = f"{module_name}.{name}"
        assert full in own, full
        assert _resolve(full) is getattr(module, name)


def test_a_new_top_level_function_gets_an_entry_without_editing_the_docs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Add a function the way the brief says (subpackage ``__all__``, ``_LAZY_NAMES``,
    ``numtheory.__all__``): the pages written from the code list it, nothing else changed."""
    import numtheory.arith

    def totally_new_function(n: int) -> int:
        """A stand-in for a function added later."""
        return n

    monkeypatch.setattr(numtheory.arith, "totally_new_function", totally_new_function, False)
    monkeypatch.setattr(
        numtheory.arith, "__all__", [*numtheory.arith.__all__, "totally_new_function"]
    )
    monkeypatch.setitem(numtheory._LAZY_NAMES, "totally_new_function", "numtheory.arith")
    monkeypatch.setattr(numtheory, "__all__", [*numtheory.__all__, "totally_new_function"])
    pages = _apigen().pages()
    own, _ = _entries(pages["numtheory.arith.rst"])
    assert "numtheory.arith.totally_new_function" in own
    _check_top_level(pages)


def test_a_name_exported_by_no_subpackage_gets_its_entry_on_the_top_level_page() -> None:
    # numtheory.primes comes from numtheory.arith.primes (numtheory.arith binds the module)
    own, _ = _entries(_apigen().pages()["numtheory.rst"])
    assert _resolve("numtheory.arith.primes.primes") is numtheory.primes
    assert "numtheory.arith.primes.primes" in own


def _requirements(extra: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (
        re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0] for r in project["optional-dependencies"][extra]
    )
    return {name.lower().replace("-", "_") for name in names}


def test_the_sphinx_extensions_are_in_the_test_extra() -> None:
    """CI installs exactly the README's ``pip install -e ".[test]"`` and then builds the site."""
    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    extensions: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "extensions" for t in node.targets
        ):
            extensions = ast.literal_eval(node.value)
    assert "numpydoc" in extensions and "sphinx.ext.autodoc" in extensions
    needed = {ext.partition(".")[0] for ext in extensions}
    assert needed - _requirements("test") == set()


def test_the_default_run_collects_the_docs_pages_as_doctests() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    ini = options["pytest"]["ini_options"]
    assert "docs" in ini["testpaths"]
    globs = [opt.partition("=")[2] for opt in ini["addopts"] if opt.startswith("--doctest-glob=")]
    pages = [p for p in DOCS.glob("*.rst") if ">>> " in p.read_text(encoding="utf-8")]
    assert pages, "no page with examples"
    for page in pages:
        assert any(Path(page.name).match(glob) for glob in globs), page.name


def test_the_tutorial_retells_each_seed_story() -> None:
    text = (DOCS / "tutorial.rst").read_text(encoding="utf-8")
    for needle in (
        "A000120",  # v2(C(2n, n)) in the OEIS
        "retrying(",  # the retry loop
        'nt.gamma("1/3", dps=1000)',  # Gamma at high precision
        "certify_exp_taylor_positive(200)",  # the even Taylor polynomials of exp
        "scheduler=cluster.scheduler_address",  # a range check on Dask
    ):
        assert needle in text, needle


@pytest.mark.slow  # about 15 s of CPU: CI's job (.ci/run builds the site too)
def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "html",
         str(DOCS), str(out)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    html = "\n".join(p.read_text(encoding="utf-8") for p in (out / "api").rglob("*.html"))
    pages = _apigen().pages()
    own = set().union(*_all_entries(pages)[0].values())
    for full in own:
        anchor = f"module-{full}" if isinstance(_resolve(full), ModuleType) else full
        assert f'id="{anchor}"' in html, full
    tutorial = (out / "tutorial.html").read_text(encoding="utf-8")
    assert "A000120" in tutorial and "certify_exp_taylor_positive" in tutorial
