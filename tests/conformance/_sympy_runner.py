"""Run sympy's own ``sympy/ntheory/tests`` against numtheory's functions of the same name.

Nothing of sympy's test text is copied here: the installed test module is imported at test
time, each test function's source is read with :mod:`inspect` and cut into its top-level
statements (:mod:`ast`), and the statements run one after another in one namespace: a copy
of the test module's globals in which every sympy number-theory function is rebound

* to numtheory's function of the same name (numtheory/arith/_sympy_names.py has sympy's
  spellings: ``isprime``, ``nextprime``, ``prime``...), or
* to a :class:`Missing` stand-in that raises :class:`Lacks` when used, where numtheory has no
  such function (sympy's private helpers, its ``sieve`` object, pseudoprime tests...).

sympy's core (``Integer``, ``Symbol``, ``S``, ``Rational``, ``sqrt``, ``raises``) is left as
it is: it is the tests' own machinery. Module-level helpers of the test module are re-created
on the new namespace, so that they call the rebound names too.

The same holds for a name a test function imports itself (``from sympy.ntheory.generate
import sieve``): it is rebound again right after that statement.

A statement that names none of the rebound or missing functions only tests sympy: it is not
run (assignments and definitions are, since later statements may use them). An assignment or
definition that runs without error is ``setup``, not ``pass``: only an assert, an expression
statement (``raises(...)``) or a loop or block holding them can pass.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import signal
import textwrap
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numtheory.arith as nta

#: Where sympy's number-theory functions live: a global of a test module whose value comes
#: from one of these modules is rebound (to numtheory's, or to a :class:`Missing`).
SYMPY_NT_MODULES = (
    "sympy.ntheory",
    "sympy.functions.combinatorial.numbers",
    "sympy.core.intfunc",
)


class Lacks(BaseException):
    """A statement used a sympy function that numtheory does not have.

    A BaseException, so that no ``raises(Exception, ...)`` or ``except Exception`` in a
    sympy test can swallow it and pass.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Missing:
    """Stands for a sympy function numtheory lacks: any use raises :class:`Lacks`."""

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)

    def _lacks(self, *args: Any, **kwargs: Any) -> Any:
        raise Lacks(object.__getattribute__(self, "_name"))

    __call__ = __iter__ = __contains__ = __getitem__ = __setitem__ = __delitem__ = _lacks
    __len__ = __repr__ = __str__ = __bool__ = __int__ = __index__ = _lacks
    # ``sieve.maxsize = 3`` must not pass silently either
    __setattr__ = __delattr__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _lacks
    __hash__ = object.__hash__

    def __getattr__(self, attr: str) -> Any:
        raise Lacks(object.__getattribute__(self, "_name"))


class StatementTimeout(Exception):
    """A statement ran past its time budget."""


def _sympy_name(value: Any, global_name: str) -> str:
    name = getattr(value, "__name__", None)
    return name if isinstance(name, str) else global_name


def numtheory_equivalent(sympy_name: str) -> Callable[..., Any] | None:
    """numtheory's function for sympy's ``sympy_name`` (public names only), or None."""
    if sympy_name.startswith("_"):
        return None
    if sympy_name in nta.__all__:
        return getattr(nta, sympy_name)  # type: ignore[no-any-return]
    return None


def _from_sympy_nt(value: Any) -> bool:
    module = getattr(value, "__module__", None)
    if not isinstance(module, str):  # an instance (sympy's ``sieve``): its class's module
        module = getattr(type(value), "__module__", "")
    return any(module == m or module.startswith(m + ".") for m in SYMPY_NT_MODULES) and (
        callable(value) or not isinstance(value, (int, tuple, list, dict, frozenset, str))
    )


@dataclass
class Namespace:
    """The rebound globals of one sympy test module."""

    module: types.ModuleType
    globals: dict[str, Any]
    rebound: dict[str, str]  # global name -> numtheory name
    missing: dict[str, str]  # global name -> sympy name numtheory lacks
    only: frozenset[str] | None = None

    def rebind(self, env: dict[str, Any], gname: str) -> None:
        """Rebind ``env[gname]`` if it is a sympy number-theory function (recording it)."""
        value = env[gname]
        if gname.startswith("__") or isinstance(value, types.ModuleType):
            return
        own_helper = getattr(value, "__module__", None) == self.module.__name__
        if self.only is not None:  # just these names (a stand-in if numtheory lacks one)
            if gname not in self.only:
                return
        elif own_helper or not _from_sympy_nt(value):
            return
        sname = _sympy_name(value, gname)
        ours = numtheory_equivalent(sname)
        if ours is None:
            env[gname] = Missing(sname)
            self.missing[gname] = sname
        else:
            env[gname] = ours
            self.rebound[gname] = ours.__name__


def build_namespace(module: types.ModuleType, only: frozenset[str] | None = None) -> Namespace:
    """The module's globals, rebound. ``only``: rebind just these names (to numtheory's
    functions, or stand-ins) and leave every other sympy function alone: for test modules outside
    ``sympy.ntheory``, where most functions are symbolic ones numtheory has no business with.
    """
    ns = dict(vars(module))
    out = Namespace(module, ns, {}, {}, only)
    for gname in list(ns):
        out.rebind(ns, gname)
    # The module's own helpers (and test functions) see the rebound names.
    for gname, value in list(ns.items()):
        if (
            isinstance(value, types.FunctionType)
            and value.__module__ == module.__name__
            and not hasattr(value, "hypothesis")  # rebuilt in :func:`split_test`
        ):
            ns[gname] = types.FunctionType(
                value.__code__, ns, value.__name__, value.__defaults__, value.__closure__
            )
    return out


@dataclass
class Statement:
    index: int  # 1-based, among the test function's top-level statements
    line: int  # line of the statement in sympy's file
    code: types.CodeType
    names: frozenset[str]
    binds: frozenset[str]
    is_check: bool  # an assert, or an expression statement / loop (``raises(...)``, ``for``)
    is_import: bool = False  # a local ``from sympy... import name``


def _bound_names(node: ast.stmt) -> set[str]:
    out: set[str] = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        out.add(node.name)
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            out.add(sub.id)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in sub.names)
    return out


def split_test(func: Callable[..., Any], env: dict[str, Any]) -> list[Statement]:
    """The top-level statements of a sympy test function, compiled.

    A Hypothesis test is one statement: its inner test, rebuilt on ``env``, under its own
    ``@given`` strategies (with 30 examples, the project's default profile).
    """
    hyp = getattr(func, "hypothesis", None)
    if hyp is not None:
        from hypothesis import given, settings

        inner = hyp.inner_test
        rebuilt = types.FunctionType(
            inner.__code__, env, inner.__name__, inner.__defaults__, inner.__closure__
        )
        env["__hypothesis_test__"] = given(**hyp._given_kwargs)(
            settings(max_examples=30, deadline=None, database=None)(rebuilt)
        )
        code = compile("__hypothesis_test__()", inspect.getsourcefile(inner) or "<sympy>", "exec")
        names = frozenset(inner.__code__.co_names)
        return [Statement(1, inner.__code__.co_firstlineno, code, names, frozenset(), True)]
    raw = inspect.unwrap(func)
    source = textwrap.dedent(inspect.getsource(raw))
    first = raw.__code__.co_firstlineno
    tree = ast.parse(source)
    fdef = tree.body[0]
    assert isinstance(fdef, ast.FunctionDef)
    filename = inspect.getsourcefile(raw) or "<sympy>"
    out = []
    for i, node in enumerate(fdef.body, 1):
        ast.increment_lineno(node, first - 1)
        mod = ast.Module(body=[node], type_ignores=[])
        code = compile(mod, filename, "exec")
        names = frozenset(
            n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
        )
        is_check = isinstance(node, (ast.Assert, ast.Expr, ast.For, ast.While, ast.With, ast.If))
        is_import = isinstance(node, (ast.Import, ast.ImportFrom))
        binds = frozenset(_bound_names(node))
        out.append(Statement(i, node.lineno, code, names, binds, is_check, is_import))
    return out


@dataclass
class Outcome:
    statement: Statement
    kind: str  # "pass", "setup", "lacks", "fail", "error", "timeout"
    detail: str  # the missing name, or the exception
    seconds: float


def _alarm(signum: int, frame: Any) -> None:
    raise StatementTimeout


def run_test(
    ns: Namespace, func_name: str, budget: float | None = None
) -> Iterator[Outcome | None]:
    """Run one sympy test function statement by statement; yield an outcome per statement
    that involves numtheory (None for those that only test sympy)."""
    test = vars(ns.module)[func_name]  # the original: split_test unwraps sympy's @slow
    env = dict(ns.globals)  # the test's locals live here too
    touched = set(ns.rebound) | set(ns.missing)
    unbound: dict[str, tuple[str, str]] = {}  # a name a failed statement did not bind
    for st in split_test(test, env):
        relevant = bool(st.names & touched)
        if relevant:
            touched |= st.binds  # a local helper or value built from our functions
        if not relevant and st.is_check:
            yield None
            continue
        start = time.process_time()
        kind, detail = "pass", ""
        old = None
        if budget:
            old = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            exec(st.code, env)
        except Lacks as exc:
            kind, detail = "lacks", exc.name
        except StatementTimeout:
            kind, detail = "timeout", f"over {budget} s"
        except AssertionError as exc:
            kind, detail = "fail", repr(exc)[:300]
        except NameError as exc:
            # a name that a failed statement should have bound: that statement's outcome
            kind, detail = unbound.get(exc.name or "", ("error", f"NameError: {exc}"))
        except Exception as exc:
            kind, detail = "error", f"{type(exc).__name__}: {exc}"[:300]
        finally:
            if budget:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        seconds = time.process_time() - start
        if st.is_import:  # a local import of a sympy function: ours (or the stand-in) again
            for name in st.binds & set(env):
                ns.rebind(env, name)
            touched |= st.binds & (set(ns.rebound) | set(ns.missing))
        if kind == "pass" and not st.is_check:
            kind = "setup"  # an assignment or definition ran: nothing was asserted
        if kind != "pass" and kind != "setup":
            unbound.update(dict.fromkeys(st.binds, (kind, detail)))
        yield Outcome(st, kind, detail, seconds) if relevant else None


def is_slow(module: types.ModuleType, func_name: str) -> bool:
    """Whether sympy marks the test ``@slow``."""
    return bool(getattr(inspect.unwrap(vars(module)[func_name]), "_slow", False))


#: sympy test modules outside sympy/ntheory/tests that test functions numtheory has: the
#: short name, the module, its test functions that use them, and the names to rebind.
EXTRA_MODULES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "test_comb_numbers": (
        "sympy.functions.combinatorial.tests.test_comb_numbers",
        (
            "test_divisor_sigma",
            "test_legendre_symbol",
            "test_jacobi_symbol",
            "test_kronecker_symbol",
            "test_mobius",
            "test_primenu",
            "test_primeomega",
            "test_totient",
            "test_reduced_totient",
            "test_primepi",
        ),
        frozenset(
            (
                "divisor_sigma",
                "legendre_symbol",
                "jacobi_symbol",
                "kronecker_symbol",
                "mobius",
                "primenu",
                "primeomega",
                "totient",
                "reduced_totient",
                "primepi",
            )
        ),
    ),
    "test_numbers": (
        "sympy.core.tests.test_numbers",
        ("test_integer_nthroot_overflow", "test_isqrt", "test_mod_inverse"),
        frozenset(("integer_nthroot", "isqrt", "mod_inverse")),
    ),
    "test_wester": (  # Michael Wester's CAS review problems, the number-theory ones
        "sympy.utilities.tests.test_wester",
        (
            "test_C2",
            "test_F9",
            "test_G1",
            "test_G15",
            "test_G17",
            "test_G18",
            "test_G20",
        ),
        frozenset(("factorint", "totient", "primerange", "cf_c", "cf_p", "cf_r")),
    ),
    "test_diophantine": (
        "sympy.solvers.diophantine.tests.test_diophantine",
        ("test_DN",),
        frozenset(("diop_DN",)),
    ),
}


def load(module_name: str) -> types.ModuleType:
    """Import sympy's test module, past pytest's assertion rewriting: its ``test_*.py``
    pattern would rewrite sympy's files on import (1 s for ``test_numbers``), for nothing,
    since the statements are compiled here from the source."""
    import sys

    path = EXTRA_MODULES[module_name][0] if module_name in EXTRA_MODULES else None
    path = path or f"sympy.ntheory.tests.{module_name}"
    if path in sys.modules:
        return sys.modules[path]
    hooks = [h for h in sys.meta_path if type(h).__name__ == "AssertionRewritingHook"]
    for hook in hooks:
        sys.meta_path.remove(hook)
    try:
        return importlib.import_module(path)
    finally:
        sys.meta_path[:0] = hooks


def namespace_for(module_name: str) -> Namespace:
    """:func:`build_namespace` of the short-named module (ntheory's, or an extra one)."""
    only = EXTRA_MODULES[module_name][2] if module_name in EXTRA_MODULES else None
    return build_namespace(load(module_name), only)


def test_functions(module: types.ModuleType) -> list[str]:
    for _, (path, funcs, _names) in EXTRA_MODULES.items():
        if module.__name__ == path:
            return list(funcs)
    return [
        n
        for n, v in vars(module).items()
        if n.startswith("test_") and isinstance(v, types.FunctionType)
    ]


def ranges(indices: list[int]) -> str:
    """``[1, 2, 3, 5]`` as ``"1-3,5"``."""
    out: list[str] = []
    for i in sorted(indices):
        if out and int(out[-1].split("-")[-1]) == i - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{i}"
        else:
            out.append(str(i))
    return ",".join(out)


def parse_ranges(text: str) -> set[int]:
    out: set[int] = set()
    for part in filter(None, text.split(",")):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


SUITE_MODULES = (
    "test_bbp_pi",
    "test_continued_fraction",
    "test_digits",
    "test_ecm",
    "test_egyptian_fraction",
    "test_elliptic_curve",
    "test_factor_",
    "test_generate",
    "test_hypothesis",
    "test_modular",
    "test_multinomial",
    "test_partitions",
    "test_primetest",
    "test_qs",
    "test_residue",
)


def main() -> None:  # pragma: no cover - a maintenance aid: prints the observed table
    """``python -m tests.conformance._sympy_runner``: every outcome, in the table's format
    (failures under their raw kind, for a human to label or fix)."""
    import os
    import sys

    os.environ.setdefault("SYMPY_GROUND_TYPES", "gmpy")
    sys.set_int_max_str_digits(0)
    lacking: dict[str, set[str]] = {}
    for name in sys.argv[1:] or (*SUITE_MODULES, *EXTRA_MODULES):
        mod = load(name)
        ns = namespace_for(name)
        for func in test_functions(mod):
            by_kind: dict[str, list[int]] = {}
            for o in run_test(ns, func, budget=20):
                if o is None:
                    continue
                by_kind.setdefault(o.kind, []).append(o.statement.index)
                if o.kind == "lacks":
                    lacking.setdefault(o.detail, set()).add(name)
                elif o.kind != "pass":
                    print(
                        f"# {name}::{func}#{o.statement.index} L{o.statement.line} "
                        f"{o.kind} {o.detail[:150]!r}"
                    )
                if o.seconds > 0.2:
                    print(f"# slow: {name}::{func}#{o.statement.index} {o.seconds:.2f} s")
            row = {k: ranges(v) for k, v in sorted(by_kind.items())}
            print(f'    "{name}::{func}": {row},')
    print({k: sorted(v) for k, v in sorted(lacking.items())})


if __name__ == "__main__":
    main()
