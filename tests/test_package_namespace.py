"""The top-level package surface: lazy subpackages and namespaces that hold only the API."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types

import pytest

import numtheory as nt
import numtheory.arith
import numtheory.numerics

LAZY = ("guessing", "oeis", "verify", "retry", "plotting")  # plotting: issue 16
HEAVY = ("requests", "sqlite3", "dask", "numtheory.oeis", "numtheory.verify", "numtheory.retry")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_import_numtheory_loads_no_io_libraries() -> None:
    proc = _run(f"import numtheory, sys; print([m for m in {HEAVY!r} if m in sys.modules])")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("name", LAZY)
def test_subpackage_reachable_from_the_package(name: str) -> None:
    # a fresh interpreter, so the subpackage is really imported by the attribute access
    proc = _run(
        "import sys, numtheory as nt\n"
        f"assert 'numtheory.{name}' not in sys.modules\n"
        f"mod = nt.{name}\n"
        f"assert mod is sys.modules['numtheory.{name}'], mod\n"
        "print(mod.__name__)"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"numtheory.{name}"


def test_lazy_subpackages_are_the_real_modules() -> None:
    for name in LAZY:
        assert getattr(nt, name) is importlib.import_module(f"numtheory.{name}")
    assert callable(nt.oeis.search) and callable(nt.retry.retry)


def test_unknown_attribute_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'no_such_thing'"):
        _ = nt.no_such_thing  # type: ignore[attr-defined]
    assert not hasattr(nt, "annotations")


def _public(module: types.ModuleType) -> set[str]:
    return set(module.__all__)


def test_dir_of_numtheory_is_the_public_api() -> None:
    listed = dir(nt)
    assert listed == sorted(listed)
    allowed = _public(nt) | {"arith", "numerics", "cli", *LAZY}
    assert set(listed) <= allowed, set(listed) - allowed
    assert set(LAZY) <= set(listed)  # tab completion offers the subpackages
    assert _public(nt) <= set(listed)
    for name in listed:  # nothing private or imported for internal use
        assert not name.startswith("_") or name == "__version__", name
    assert "annotations" not in listed and "importlib" not in listed


def test_dir_of_arith_is_its_public_api() -> None:
    listed = dir(numtheory.arith)
    assert set(listed) == _public(numtheory.arith)
    assert "annotations" not in listed and "sieve" not in listed
    for name in listed:  # every listed name resolves, and is callable or a constant
        value = getattr(numtheory.arith, name)
        assert callable(value) or isinstance(value, int), name


def test_every_name_in_all_resolves() -> None:
    for name in nt.__all__:
        assert getattr(nt, name) is not None, name


#: What `import numtheory`, `import numtheory.cli` and building the parser must not load
#: (GMP, FLINT, mpmath, the HTTP stack, numpy; matplotlib, issue 16): about 0.4 s of a cold start.
HEAVY_LIBRARIES = ("gmpy2", "flint", "mpmath", "requests", "numpy", "matplotlib")


def test_import_and_the_parser_load_no_heavy_library() -> None:
    # one fresh interpreter for all steps (a subprocess costs ~0.1 s of CPU)
    proc = _run(
        "import sys, contextlib, io\n"
        f"heavy = {HEAVY_LIBRARIES!r}\n"
        "def loaded(): return [m for m in heavy if m in sys.modules]\n"
        "import numtheory\n"
        "assert loaded() == [], ('import numtheory', loaded())\n"
        "import numtheory.cli\n"
        "assert loaded() == [], ('import numtheory.cli', loaded())\n"
        "from numtheory.cli import main\n"
        "from numtheory.cli._args import parse_int_list\n"
        "assert parse_int_list('1,2,6,20') == [1, 2, 6, 20]\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['--version']) == 0\n"
        "    assert main(['--help']) == 0\n"
        "    assert main(['oeis', '--help']) == 0\n"
        "assert 'verify' in out.getvalue() and 'TERMS' in out.getvalue()\n"
        "assert loaded() == [], ('the parser', loaded())\n"
        "from numtheory import gamma\n"  # PEP 562 from-import loads the numerics on use
        "assert 'mpmath' in sys.modules and gamma(5) == 24\n"
        "print('ok')"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_reexported_functions_are_the_library_functions() -> None:
    assert nt.binomial is numtheory.arith.binomial
    assert nt.gamma is numtheory.numerics.gamma
    assert nt.PROOF_MAX_DIGITS == numtheory.arith.PROOF_MAX_DIGITS
    from numtheory import is_prime, loggamma

    assert is_prime is numtheory.arith.is_prime and loggamma is numtheory.numerics.loggamma
    assert {"gamma", "binomial", "arith", "numerics", "oeis"} <= set(dir(nt))


def test_lazy_primes_is_the_function_even_where_arith_binds_the_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 11 gives numtheory.arith back its module `primes` (the function is re-exported
    # there as primerange). numtheory.primes must stay the range function whichever of the
    # two numtheory.arith binds under that name, so it is resolved from its own module.
    module = sys.modules["numtheory.arith.primes"]
    assert nt.primes is module.primes  # bound now, so monkeypatch puts it back afterwards
    monkeypatch.setattr(numtheory.arith, "primes", module)
    monkeypatch.delattr(nt, "primes")  # resolve it afresh through __getattr__
    resolved = nt.primes
    assert resolved is module.primes and not isinstance(resolved, types.ModuleType)
    assert list(resolved(10, 30)) == [11, 13, 17, 19, 23, 29]


def test_no_reexported_name_is_a_module() -> None:
    for name in nt.__all__:
        if name != "errors":
            assert not isinstance(getattr(nt, name), types.ModuleType), name


def test_plotting_is_a_subpackage_not_top_level_names() -> None:
    # issue 16: plots are methods (Sequence.plot, Guess.plot) and nt.plotting.*; helpers such
    # as save_figure or use_log_scale are not numbers-and-numerics functions of the top level
    names = ("plot_sequence", "plot_guess", "plot_chunk_rates", "save_figure", "use_log_scale",
             "plot_central_binomial_2adic", "plot_exp_taylor_minima")  # fmt: skip
    for name in names:
        assert name not in nt.__all__ and name not in nt._LAZY_NAMES
        with pytest.raises(AttributeError):
            getattr(nt, name)
        assert callable(getattr(nt.plotting, name))


def test_the_type_checking_imports_name_exactly_the_lazy_names() -> None:
    """numtheory/__init__.py keeps two lists (``__all__`` is derived from ``_LAZY_NAMES``):
    the lazy names and their homes, and the imports type checkers read. Parsed, not run: each
    ``TYPE_CHECKING`` import is ``name as name`` (an explicit re-export, which mypy --strict
    and pyright need, as they ignore a computed ``__all__``), from the name's home module."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(nt.__file__).read_text(encoding="utf-8"))
    block = next(
        node for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        and node.test.id == "_TYPE_CHECKING"
    )  # fmt: skip
    imported: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.module, ast.dump(node)
        for alias in node.names:
            assert alias.asname == alias.name, f"write {alias.name} as {alias.name}"
            if node.module != "numtheory":  # the subpackages: nt.arith, nt.oeis...
                assert alias.name not in imported, f"{alias.name} imported twice"
                imported[alias.name] = node.module
    assert imported == nt._LAZY_NAMES
    assert nt.__all__ == sorted([*nt._LAZY_NAMES, "__version__", "errors"])
    subpackages = {a.name for n in block.body if isinstance(n, ast.ImportFrom)
                   if n.module == "numtheory" for a in n.names}  # fmt: skip
    assert subpackages == set(nt._LAZY_SUBMODULES)
