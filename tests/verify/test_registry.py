"""The registry and the Python API: checks(), run(), custom checks, parameters, errors."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from numtheory import verify
from numtheory.errors import InputError, InputTypeError, UnknownCheckError
from tests.verify.conftest import BUILTIN
from tests.verify.plugin_checks import euler_failures


def test_builtin_checks_are_registered_with_claim_source_and_params() -> None:
    registered = {c.name: c for c in verify.checks()}
    assert set(BUILTIN) <= set(registered)
    for name in BUILTIN:
        entry = registered[name]
        assert entry.claim and entry.source and isinstance(entry.params, dict)
        if entry.is_range:
            assert {"start", "upto"} <= set(entry.params) and entry.chunk_size > 0
    assert "A000120" in registered["central-binomial-2adic"].source


def test_custom_check_registers_and_runs(temporary: list[str]) -> None:
    @verify.check("two-plus-two", claim="2 + 2 = 4", source="folklore", params={"k": 2})
    def two_plus_two(k: int) -> verify.Outcome:
        return verify.Outcome(k + k == 4, f"{k} + {k} = {k + k}", checked=1)

    temporary.append("two-plus-two")
    report = verify.run("two-plus-two")
    result = report["two-plus-two"]
    assert report.ok and result.passed and result.detail == {"summary": "2 + 2 = 4", "checked": 1}
    assert result.params == {"k": 2} and result.seconds >= 0
    failing = verify.run("two-plus-two", params={"k": 3})
    assert not failing.ok and failing.failed == 1
    assert failing.to_json()["checks"][0]["params"] == {"k": 3}


def test_duplicate_name_is_refused(temporary: list[str]) -> None:
    with pytest.raises(ValueError, match="already registered"):

        @verify.check("kummer", claim="impostor")
        def impostor() -> verify.Outcome:
            return verify.Outcome(True, "")


def test_failing_range_check_reports_first_counterexample() -> None:
    report = verify.run("euler-prime-polynomial", params={"upto": 500}, workers=1)
    result = report["euler-prime-polynomial"]
    expected = euler_failures(500)
    assert not report.ok and not result.passed
    assert result.detail["first_counterexample"] == {"n": 40, "value": 1681}
    assert result.detail["failures"] == len(expected)
    assert result.detail["checked"] == 501 and result.detail["range"] == [0, 500]
    assert "first counterexample at n = 40" in result.summary


def test_json_shape() -> None:
    data = verify.run(["mitchell", "factor"]).to_json()
    assert set(data) >= {"checks", "passed", "failed"}
    assert data["passed"] == 2 and data["failed"] == 0
    for entry in data["checks"]:
        assert set(entry) >= {"name", "claim", "passed", "detail", "seconds", "params"}


def test_unknown_name_and_bad_parameters() -> None:
    with pytest.raises(UnknownCheckError, match="no-such-check"):
        verify.run(["kummer", "no-such-check"])
    with pytest.raises(InputError, match="'colour'"):
        verify.run("kummer", params={"colour": 3})
    with pytest.raises(InputTypeError, match="upto"):
        verify.run("kummer", params={"upto": 1.5})
    with pytest.raises(InputError, match="empty range"):
        verify.run("kummer", params={"start": 10, "upto": 5})
    with pytest.raises(InputError, match="has no parameter"):
        verify.run("kummer", check_params={"kummer": {"dps": 3}})
    with pytest.raises(InputError, match="workers"):
        verify.run("kummer", workers=0)


def test_check_that_raises_is_a_failure_not_a_crash(temporary: list[str]) -> None:
    @verify.check("broken", claim="raises")
    def broken() -> verify.Outcome:
        raise ZeroDivisionError("boom")

    temporary.append("broken")
    result = verify.run("broken")["broken"]
    assert not result.passed and "ZeroDivisionError: boom" in result.detail["error"]


def test_any_executor_plugs_in() -> None:
    with ThreadPoolExecutor(2) as pool:
        report = verify.run(
            "euler-prime-polynomial", params={"upto": 300}, executor=pool, chunk_size=37
        )
    assert pool._shutdown  # closed by the with-block, not by run()
    assert report["euler-prime-polynomial"].detail["failures"] == len(euler_failures(300))


def test_per_check_parameters() -> None:
    report = verify.run(
        ["kummer", "legendre"],
        workers=1,
        params={"upto": 40},
        check_params={"kummer": {"upto": 20, "primes": [2, 3]}},
    )
    assert report["kummer"].params["upto"] == 20 and report["kummer"].params["primes"] == (2, 3)
    assert report["legendre"].params["upto"] == 40
    assert report.ok


@pytest.mark.slow
def test_all_builtin_checks_pass_small() -> None:
    report = verify.run(
        list(BUILTIN),
        workers=2,
        check_params={
            "central-binomial-2adic": {"upto": 20_000},
            "kummer": {"upto": 60},
            "legendre": {"upto": 2000},
            "primality": {"upto": 50_000},
            "exp-taylor-positive": {"upto": 24},
        },
    )
    assert report.ok, [(r.name, r.detail) for r in report if not r.passed]
    cb = report["central-binomial-2adic"].detail
    assert cb["facts"]["passed"] and cb["checked"] == 20_000


def test_dask_is_never_imported_unless_asked() -> None:
    code = (
        "import sys, numtheory, numtheory.verify as v, numtheory.cli._app as a; "
        "v.checks(); a.build_parser(); v.run('mitchell'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_primality_window_far_from_zero() -> None:
    report = verify.run("primality", params={"start": 10**12, "upto": 10**12 + 30_000}, workers=1)
    detail = report["primality"].detail
    assert (
        report.ok and detail["checked"] == 30_001 and detail["range"] == [10**12, 10**12 + 30_000]
    )
