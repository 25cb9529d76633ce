"""numtheory._backend is closed: named functions and types, never the libraries themselves.

The README says gmpy2 and python-flint are imported in one place; these tests read every
source file of the package (``ast``, no import) and hold the rest of the package to it.
"""

from __future__ import annotations

import ast
import functools
import types
from pathlib import Path

import pytest

from numtheory import _backend

PACKAGE = Path(__file__).resolve().parents[2] / "numtheory"
LIBRARIES = ("gmpy2", "flint")
#: Modules that import gmpy2/python-flint themselves, each for a stated reason.
ALLOWED = {
    "_backend/__init__.py": "the backend itself",
    "_backend/_modular.py": "the backend itself (modular arithmetic, matrices)",
    "_backend/_powers.py": "the backend itself (roots and powers)",
    "_child.py": "the backend's child process, which starts without numtheory",
    "verify/checks_valuations.py": "deliberate second methods (independent of the backend)",
    "verify/checks_primes.py": "deliberate second methods (independent of the backend)",
    "verify/checks_factor.py": "deliberate second methods (independent of the backend)",
    "verify/checks_numerics.py": "deliberate second methods (independent of the backend)",
}
#: What the backend used to hand out and must not any more.
CLOSED_NAMES = ("gmpy2", "flint", "mpz", "fmpz", "flint_ctx")


@functools.lru_cache(maxsize=1)  # parsed once for the four tests
def _sources() -> list[tuple[str, ast.Module, list[str]]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if not any(word in text for word in (*LIBRARIES, "_backend")):
            continue  # cannot import either library (parsing every file costs about 1 s)
        out.append((path.relative_to(PACKAGE).as_posix(), ast.parse(text), text.splitlines()))
    return out


def _library_imports(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name) for a in node.names if a.name.split(".")[0] in LIBRARIES
            ]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.split(".")[0] in LIBRARIES
        ):
            found.append((node.lineno, node.module))
    return found


def test_only_the_backend_and_the_listed_modules_import_gmpy2_or_flint() -> None:
    offenders = [
        f"numtheory/{name}:{line} imports {lib}"
        for name, tree, _ in _sources()
        if name not in ALLOWED
        for line, lib in _library_imports(tree)
    ]
    assert not offenders, (
        "use a named function of numtheory._backend (add one there if needed): "
        + "; ".join(offenders)
    )


def test_every_listed_module_does_import_them() -> None:
    """No permission outlives its reason (a module split or emptied of its gmpy2 calls
    leaves its row behind: checks_integers.py's, split in three)."""
    importing = {name for name, tree, _ in _sources() if _library_imports(tree)}
    assert sorted(set(ALLOWED) - importing) == []


def test_the_deliberate_imports_say_so() -> None:
    for name, tree, lines in _sources():
        if name.startswith("verify/"):
            for line, lib in _library_imports(tree):
                assert "deliberate" in lines[line - 1], f"numtheory/{name}:{line} ({lib})"


def test_nobody_takes_the_libraries_or_raw_constructors_from_the_backend() -> None:
    offenders = []
    for name, tree, _ in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "numtheory._backend":
                offenders += [
                    f"{name}:{node.lineno} {a.name}" for a in node.names if a.name in CLOSED_NAMES
                ]
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "_backend"
                and node.attr in CLOSED_NAMES
            ):
                offenders.append(f"{name}:{node.lineno} _backend.{node.attr}")
    assert not offenders, offenders


def test_the_backend_exports_no_module_and_no_raw_constructor() -> None:
    public = {n: getattr(_backend, n) for n in dir(_backend) if not n.startswith("_")}
    modules = sorted(n for n, v in public.items() if isinstance(v, types.ModuleType))
    # json, subprocess and sys are the backend's own stdlib imports, not a way to GMP/FLINT
    assert set(modules) <= {"json", "subprocess", "sys"}, modules
    for closed in CLOSED_NAMES:
        assert closed not in public, closed
    import flint
    import gmpy2

    raw = (gmpy2, flint, gmpy2.mpz, flint.fmpz, flint.ctx)  # under any name
    assert not [n for n, v in public.items() if any(v is r for r in raw)]
    assert set(_backend.__all__) <= set(public)
    assert not set(CLOSED_NAMES) & set(_backend.__all__)


@pytest.mark.parametrize(
    ("digits", "base"),
    [("0", 10), ("-12345678901234567890", 10), ("ff", 16), ("zz", 36), ("Zz", 62)],
)
def test_int_from_digits_agrees_with_int(digits: str, base: int) -> None:
    expected = int(digits, base) if base <= 36 else None
    value = _backend.int_from_digits(digits, base)
    assert type(value) is int
    if expected is not None:
        assert value == expected
    else:  # base 62: digits 0-9, A-Z (10-35), a-z (36-61), as GMP documents
        assert value == 35 * 62 + 61


def test_int_from_digits_past_pythons_digit_limit() -> None:
    text = "7" * 20_000  # int(text) raises past sys.get_int_max_str_digits (4300)
    assert _backend.int_from_digits(text) == 7 * (10**20_000 - 1) // 9


def test_int_from_digits_refuses_bad_digits() -> None:
    with pytest.raises(ValueError):
        _backend.int_from_digits("12a", 10)


def test_gmp_from_digits_mixes_with_int() -> None:
    value = _backend.gmp_from_digits("-101", 2)
    assert int(value * 3 + 1) == -14
