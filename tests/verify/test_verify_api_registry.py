"""Issue 9: predicate vs chunk function by arity, and check parameters as one mapping."""

from __future__ import annotations

import functools
import subprocess
import sys
from typing import Any

import gmpy2
import pytest

from numtheory import verify
from numtheory.errors import InputError, InputTypeError
from tests.verify.plugin_checks import euler_failures


def test_a_predicate_on_m_is_a_predicate(temporary: list[str]) -> None:
    # Was decided by the name "n": def p(m) became a chunk function and then failed.
    @verify.range_check("euler-m", claim="m^2 + m + 41 is prime", start=0, upto=120)
    def euler_m(m: int) -> bool:
        return bool(gmpy2.is_prime(m * m + m + 41))

    temporary.append("euler-m")
    assert verify.get_check("euler-m").kind == "predicate"
    detail = verify.run("euler-m", workers=1, chunk_size=7)["euler-m"].detail
    assert "error" not in detail
    assert detail["checked"] == 121 and detail["failures"] == len(euler_failures(120))
    assert detail["first_counterexample"] == {"n": 40}


def test_arity_decides_whatever_the_names(temporary: list[str]) -> None:
    @verify.range_check("two-args", claim="chunks", start=1, upto=10, chunk_size=4)
    def two(a: int, b: int) -> verify.ChunkResult:
        return verify.ChunkResult(a, b, checked=b - a)

    @verify.range_check("n-plus-param", claim="x", upto=10, params={"k": 3})
    def with_param(q: int, k: int) -> bool:  # k is declared, so q is the only one filled in
        return q + k > q

    @verify.range_check("chunk-with-default", claim="x", upto=10, params={"step": 1})
    def with_default(lo: int, hi: int, step: int = 1, extra: int = 0) -> verify.ChunkResult:
        return verify.ChunkResult(lo, hi, checked=len(range(lo, hi, step)))

    temporary += ["two-args", "n-plus-param", "chunk-with-default"]
    kinds = {n: verify.get_check(n).kind for n in temporary}
    assert kinds == {
        "two-args": "chunk",
        "n-plus-param": "predicate",
        "chunk-with-default": "chunk",
    }
    report = verify.run(temporary, workers=1)
    assert report.ok, [r.detail for r in report]
    assert report["two-args"].detail["checked"] == 10
    assert report["n-plus-param"].detail["checked"] == 10


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        ("def f(a, b, c): pass", r"takes 3 positional parameters not declared .*\(a, b, c\)"),
        ("def f(): pass", r"takes 0 positional parameters .*\(none\)"),
        ("def f(*args): pass", r"\*args makes the arity ambiguous"),
        ("def f(n=0): pass", "takes 0 positional"),
    ],
)  # fmt: skip
def test_an_ambiguous_signature_is_refused_at_registration(signature: str, message: str) -> None:
    namespace: dict[str, Any] = {}
    exec(signature, namespace)
    with pytest.raises(ValueError, match=message) as refused:
        verify.range_check("ambiguous", claim="?")(namespace["f"])
    assert "kind='predicate'" in str(refused.value) and "kind='chunk'" in str(refused.value)
    assert "ambiguous" not in {c.name for c in verify.checks()}


def test_kind_can_be_given_explicitly(temporary: list[str]) -> None:
    def varargs(*args: int) -> bool:
        return True

    verify.range_check("explicit", claim="x", upto=5, kind="predicate")(varargs)
    temporary.append("explicit")
    assert verify.get_check("explicit").kind == "predicate"
    assert verify.run("explicit", workers=1)["explicit"].detail["checked"] == 5  # 1..5
    with pytest.raises(ValueError, match="kind must be 'predicate' or 'chunk', got 'plain'"):
        verify.range_check("explicit-bad", claim="x", kind="plain")


@pytest.mark.parametrize(
    ("signature", "params", "message"),
    [
        # each registered, then failed with a TypeError in every chunk
        ("def f(m, *, k): pass", {}, "keyword-only parameter 'k' has no default"),
        ("def f(k, lo, hi): pass", {"k": 1}, "'lo' is filled in positionally by the runner"),
        ("def f(m, k, /): pass", {"k": 1}, "'k' is declared in params but positional-only"),
    ],
)  # fmt: skip
def test_a_signature_the_runner_cannot_call_is_refused_at_registration(
    signature: str, params: dict[str, Any], message: str
) -> None:
    namespace: dict[str, Any] = {}
    exec(signature, namespace)
    with pytest.raises(ValueError, match=message):
        verify.range_check("uncallable", claim="?", params=params)(namespace["f"])
    assert "uncallable" not in {c.name for c in verify.checks()}


def test_methods_partials_and_builtins(temporary: list[str]) -> None:
    class Lab:
        def odd_square(self, m: int) -> bool:
            return m % 2 == 0 or m * m % 2 == 1

    def window(lo: int, hi: int, offset: int) -> verify.ChunkResult:
        return verify.ChunkResult(lo, hi, checked=hi - lo)

    verify.range_check("bound-method", claim="x", upto=9)(Lab().odd_square)
    verify.range_check("partial", claim="x", upto=9)(functools.partial(window, offset=1))
    # A builtin without a signature needs kind=; with it, it runs.
    with pytest.raises(ValueError, match="cannot read the signature"):
        verify.range_check("builtin", claim="x", upto=9)(bool)
    verify.range_check("builtin", claim="x", upto=9, kind="predicate")(bool)
    temporary.extend(["bound-method", "partial", "builtin"])
    assert verify.get_check("bound-method").kind == "predicate"
    assert verify.get_check("partial").kind == "chunk"
    # Registering the same partial again was an AttributeError (a partial has no __qualname__).
    verify.range_check("partial", claim="x", upto=9)(verify.get_check("partial").func)
    with pytest.raises(ValueError, match="already registered"):
        verify.range_check("partial", claim="x", upto=9)(functools.partial(window, offset=2))
    report = verify.run(["bound-method", "partial", "builtin"], workers=1)
    assert [r.detail["checked"] for r in report.results] == [9, 9, 9]
    assert report["bound-method"].passed and report["partial"].passed
    assert report["builtin"].detail["first_counterexample"] is None  # bool(n) for n = 1..9


def test_check_parameters_named_like_runner_options_reach_the_check(
    temporary: list[str],
) -> None:
    seen: list[dict[str, Any]] = []

    @verify.check(
        "runner-names", claim="x", params={"workers": 3, "log": "quiet", "progress": False}
    )
    def runner_names(workers: int, log: str, progress: bool) -> verify.Outcome:
        seen.append({"workers": workers, "log": log, "progress": progress})
        return verify.Outcome(True, "ok")

    temporary.append("runner-names")
    messages: list[str] = []
    report = verify.run(
        "runner-names",
        params={"workers": 7, "log": "loud", "progress": True},
        workers=1,
        log=messages.append,
        progress=False,
    )
    assert report.ok
    assert seen == [{"workers": 7, "log": "loud", "progress": True}]
    assert report["runner-names"].params == {"workers": 7, "log": "loud", "progress": True}


def test_params_mapping_drives_range_checks_and_is_validated() -> None:
    report = verify.run("kummer", params={"upto": 25, "primes": [2, 3]}, workers=1)
    assert report["kummer"].params == {
        "start": 0, "upto": 25, "primes": (2, 3), "exact_upto": 100, "library_every": 1024,
    }  # fmt: skip
    assert report["kummer"].detail["checked"] == 2 * sum(range(1, 27))  # (n + 1) k's per n, p
    with pytest.raises(InputTypeError, match="params must be a mapping"):
        verify.run("kummer", params=[("upto", 3)])  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"check 'kummer' has no parameter 'colour' \(it takes: "):
        verify.run("kummer", params={"colour": 1})
    with pytest.raises(InputError, match="mitchell: grid"):
        verify.run(["kummer", "mitchell"], params={"colour": 1})


def test_old_keyword_form_still_works_with_a_deprecation_warning() -> None:
    with pytest.warns(DeprecationWarning, match=r"keywords \(upto\) is deprecated"):
        old = verify.run("kummer", upto=12, workers=1)
    new = verify.run("kummer", params={"upto": 12}, workers=1)
    assert old["kummer"].detail["checked"] == new["kummer"].detail["checked"]
    with pytest.warns(DeprecationWarning), pytest.raises(InputError, match="given twice"):
        verify.run("kummer", params={"upto": 12}, upto=13)


def test_the_cli_passes_parameters_as_the_mapping() -> None:
    # With deprecation warnings as errors, the CLI still runs: it does not use the old form.
    code = (
        "import warnings; warnings.simplefilter('error', DeprecationWarning); "
        "from numtheory.cli._app import main; "
        "raise SystemExit(main(['verify', 'kummer', '--upto', '12', '--workers', '1']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
