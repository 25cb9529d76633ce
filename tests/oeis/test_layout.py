"""The shape of the OEIS layer: no import cycle, no function shadowing its module, one
primality semantics in the catalogue, no dead code kept for nobody (issue 11)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import numtheory.oeis

OEIS_DIR = Path(numtheory.oeis.__file__).parent
PACKAGE = "numtheory.oeis"


def _module_name(path: Path) -> str:
    parts = path.relative_to(OEIS_DIR.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(OEIS_DIR.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """Every numtheory.oeis module ``path`` imports, at the top or inside a function (both
    run: a function-level import is a cycle that waits for its first call); imports under
    ``if TYPE_CHECKING`` never run and are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for child in node.body
        for n in ast.walk(child)
    }
    lazy = {
        id(n)
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__"
        if path.name == "__init__.py"
        for n in ast.walk(node)
    }
    found: set[str] = set()
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from pkg import sub` imports the submodule pkg.sub when there is one
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module":
            # only a package's lazy attributes (PEP 562 __getattr__) may: they re-export
            if id(node) not in lazy:
                raise AssertionError(f"{me} imports through importlib: write an ordinary import")
            continue
        else:
            continue
        found.update(name for name in names if name in MODULES and name != me)
    return found


def test_there_is_no_import_cycle_in_the_oeis_layer() -> None:
    graph = {name: _imports(path) for name, path in MODULES.items()}
    assert "numtheory.oeis._catalogue_generators" in graph["numtheory.oeis._catalogue"]
    done: set[str] = set()

    def visit(name: str, stack: list[str]) -> None:
        if name in stack:
            cycle = [*stack[stack.index(name) :], name]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if name in done:
            return
        for target in sorted(graph[name]):
            # a package's own __init__ importing its submodules is not a cycle back to it
            visit(target, [*stack, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_is_a_module_under_its_own_name(name: str) -> None:
    """``import numtheory.oeis.X`` gives the module X (no public function named like one)."""
    module = importlib.import_module(name)
    parent, _, leaf = name.rpartition(".")
    if parent:
        attribute = getattr(importlib.import_module(parent), leaf)
        assert attribute is module, f"{parent}.{leaf} is {attribute!r}, not the module"


def test_the_catalogue_function_is_not_a_module_name() -> None:
    assert callable(numtheory.oeis.catalogue) and f"{PACKAGE}.catalogue" not in MODULES


def test_catalogue_generators_use_the_library_not_raw_gmp_or_flint() -> None:
    tree = ast.parse((OEIS_DIR / "_catalogue_generators.py").read_text(encoding="utf-8"))
    raw = {"gmpy2", "flint", "mpz", "fmpz"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] not in raw, ast.unparse(node)
            if node.module == "numtheory._backend":
                assert not raw & {a.name for a in node.names}, ast.unparse(node)
        if isinstance(node, ast.Import):
            assert not raw & {a.name.split(".")[0] for a in node.names}, ast.unparse(node)


def test_catalogue_primes_are_numtheory_is_prime(monkeypatch: pytest.MonkeyPatch) -> None:
    """One primality semantics: the catalogue asks numtheory.arith.is_prime (BPSW)."""
    import numtheory.arith
    from numtheory.oeis._catalogue_generators import TABLE

    asked: list[int] = []
    real = numtheory.arith.is_prime

    def counting(n: int, *args: object, **kwargs: object) -> bool:
        asked.append(n)
        return real(n)

    monkeypatch.setattr(numtheory.arith, "is_prime", counting)
    twin_lower = TABLE[1359].generator(6)  # lesser of twin primes: 3, 5, 11, 17, 29, 41
    assert twin_lower == [3, 5, 11, 17, 29, 41] and asked


def test_dead_code_is_gone() -> None:
    from numtheory.oeis import OEISClient, ResponseCache, fallback

    # the local layer always exists (the catalogue ships): no "no local data" seam or branch
    assert not hasattr(fallback, "_local")

    assert not hasattr(ResponseCache, "delete")
    client = OEISClient("http://127.0.0.1:9", cache=False, failure_memory=False)
    assert not hasattr(client, "requests_sent")
    client.close()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    if name != f"{PACKAGE}._catalogue_generators":  # the declarative table of 260 entries
        assert lines <= 600, f"{name} has {lines} lines"


def test_one_keyword_only_result_type() -> None:
    """Lookup is the one result type: client.search and lookup() both return it, by keyword."""
    from numtheory.oeis import Lookup, SearchResult, client, fallback, model

    assert SearchResult is Lookup and client.SearchResult is Lookup
    assert fallback.Lookup is Lookup is model.Lookup
    with pytest.raises(TypeError):
        Lookup("1,2,6", (), "catalogue")  # type: ignore[misc]
    answer = Lookup(query="1,2,6", results=(), source="catalogue")
    assert (answer.total, answer.start, answer.warnings, answer.terms) == (None, 0, (), None)


def test_the_facade_only_re_exports() -> None:
    """numtheory.oeis defines nothing: every public name is imported from a private module."""
    tree = ast.parse((OEIS_DIR / "__init__.py").read_text(encoding="utf-8"))
    defined = [
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name != "__dir__"
    ]
    assert defined == ["__getattr__"]  # the lazy re-export (PEP 562)
    assert sorted(numtheory.oeis._HOMES) == sorted(numtheory.oeis.__all__)
    for name in numtheory.oeis.__all__:
        value = getattr(numtheory.oeis, name)
        home = getattr(value, "__module__", None)
        assert home is None or home != PACKAGE, f"{name} is defined in the facade"


def test_the_sync_has_no_http_policy_of_its_own() -> None:
    """The mirror's sync uses the client's status policy, predicate, UA and config."""
    text = (OEIS_DIR / "mirror" / "sync.py").read_text(encoding="utf-8")
    tree = ast.parse(text)
    names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    names |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    for own in ("_TransientStatus", "_is_transient", "_retry_after", "_DEFAULT_URL", "_USER_AGENT"):
        assert own not in names
    assert "os.environ" not in text and 'NUMTHEORY_OEIS_URL")' not in text
    assert "transient_error" in text and "is_transient" in text and "user_agent()" in text
