"""Module names do not shadow functions (issue 11): ordinary imports give what they name."""

from __future__ import annotations

import math
import subprocess
import sys
import types

import numtheory
import numtheory.arith
import numtheory.arith.primes


def test_import_numtheory_arith_primes_gives_the_module() -> None:
    assert isinstance(numtheory.arith.primes, types.ModuleType)
    assert numtheory.arith.primes.__name__ == "numtheory.arith.primes"
    # the function is the module's own, the top level's, and arith's primerange
    assert numtheory.arith.primes.primes is numtheory.primes
    assert numtheory.arith.primerange is numtheory.primes


def test_primerange_matches_trial_division() -> None:
    lo, hi = 10**6, 10**6 + 500
    brute = [n for n in range(lo, hi) if all(n % d for d in range(2, math.isqrt(n) + 1))]
    assert list(numtheory.arith.primerange(lo, hi)) == brute


def test_binomial_and_valuations_are_the_functions() -> None:
    for name in ("binomial", "valuation", "binomial_valuation", "factorial_valuation"):
        value = getattr(numtheory.arith, name)
        assert isinstance(value, types.FunctionType), name
        assert value is getattr(numtheory, name)
    assert numtheory.arith.binomial(40, 20) == 137846528820  # C(40, 20), OEIS A000984(20)


def test_no_function_shadows_its_own_module() -> None:
    import pkgutil

    for info in pkgutil.iter_modules(numtheory.arith.__path__):
        if info.name.startswith("_"):
            continue
        bound = getattr(numtheory.arith, info.name, None)
        assert bound is None or isinstance(bound, types.ModuleType), info.name


def test_each_module_imports_first_without_a_cycle() -> None:
    # An import cycle shows up (ImportError: "partially initialized module") only when a
    # module of the cycle is the first one imported. One fresh interpreter imports each
    # module first in turn, forgetting numtheory's modules in between (the heavy libraries
    # stay loaded, so this costs one start-up, not one per module).
    names = [
        "numtheory.arith.primes",
        "numtheory.arith._binomial",
        "numtheory.arith._valuation",
        "numtheory.arith.factor",
        "numtheory.arith.sieve",
        "numtheory._backend",
        "numtheory.numerics.certify",
        "numtheory.numerics.convert",
        "numtheory.numerics.gammafn",
        "numtheory.numerics.taylor",
    ]
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] == 'numtheory']:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *names], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-800:]
