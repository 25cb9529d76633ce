"""The plain chunk form: a chunk function may return (checked, failures, first) or a dict,
converted and validated by the runner; the README's numpy example runs as printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from numtheory import verify
from numtheory.verify._pool import chunk_result
from tests.verify.conftest import ROOT

#: What the next chunk of "plain-form" returns, keyed by nothing: set by each test.
RETURNS: dict[str, Any] = {}


def plain_form(lo: int, hi: int) -> Any:
    return RETURNS["value"](lo, hi)


def _odd_square_chunk(lo: int, hi: int) -> Any:
    """n^2 mod 8 == 1 for odd n, deliberately wrong at n = 0 mod 7 ("a bug in the claim")."""
    n = np.arange(lo, hi, dtype=np.int64)
    bad = np.flatnonzero((n % 2 == 1) & ((n * n % 8 != 1) | (n % 7 == 0)))
    first = {"n": np.int64(lo + bad[0]), "square_mod_8": n[bad[0]] ** 2 % 8} if bad.size else None
    return {"checked": np.int64(n.size), "failures": bad.size, "first_counterexample": first}


def _odd_square_predicate(n: int) -> bool:
    return n % 2 == 0 or (n * n % 8 == 1 and n % 7 != 0)


def test_the_plain_form_gives_the_same_answer_as_a_predicate_at_any_chunking(
    temporary: list[str], tmp_path: Path
) -> None:
    verify.range_check("plain-odd", claim="c", upto=500, kind="chunk")(_odd_square_chunk)
    verify.range_check("pred-odd", claim="c", upto=500)(_odd_square_predicate)
    temporary += ["plain-odd", "pred-odd"]
    expected = verify.run("pred-odd", workers=1)["pred-odd"].detail
    assert expected["failures"] == len(range(7, 501, 14))  # odd multiples of 7
    for size in (1, 13, 500):
        detail = verify.run("plain-odd", workers=1, chunk_size=size)["plain-odd"].detail
        assert (detail["checked"], detail["failures"]) == (expected["checked"], 36)
        assert detail["first_counterexample"] == {"n": 7, "square_mod_8": 1}
    # numpy scalars became Python numbers: the JSON report and a checkpoint both take them
    report = verify.run("plain-odd", workers=2, checkpoint=tmp_path / "cp.json")
    assert json.loads(json.dumps(report.to_json()))["checks"][0]["detail"]["failures"] == 36
    again = verify.run("plain-odd", workers=1, checkpoint=tmp_path / "cp.json")["plain-odd"]
    assert again.detail["chunks_resumed"] == again.detail["chunks"] > 0


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ([3, 0], TypeError, r"returned list, not ChunkResult or a plain result"),
        ((3,), TypeError, r"returned tuple, not ChunkResult"),
        ((3, 1), ValueError, r"1 failure\(s\) but no first counterexample"),
        ((3, 4, 1), ValueError, r"failures = 4 is more than checked = 3"),
        ((3, 1, 99), ValueError, r"n = 99 is outside the chunk"),
        ((3, 0, 1), ValueError, r"a first counterexample but failures = 0"),
        ((True, 0), TypeError, r"checked must be an integer, got True"),
        ((-1, 0), ValueError, r"checked must be >= 0, got -1"),
        ((3, 1, {"k": 2}), ValueError, r"needs a key 'n'"),
        ((3, 1, {"n": 1.0}), TypeError, r"n must be an integer, got 1.0"),
        ({"failures": 0}, ValueError, r"a plain result needs 'checked'"),
        ({"checked": 3, "passed": 3}, ValueError, r"unknown key\(s\) \['passed'\]"),
        ({"checked": 3, "max_error": "big"}, TypeError, r"max_error must be a number"),
    ],
)
def test_a_plain_result_that_does_not_fit_is_refused_naming_the_part(
    value: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        chunk_result(value, 0, 3, plain_form)


def test_a_bad_plain_result_fails_the_check_with_the_function_and_chunk_named(
    temporary: list[str],
) -> None:
    verify.range_check("plain-form", claim="c", start=0, upto=9, chunk_size=5)(plain_form)
    temporary.append("plain-form")
    RETURNS["value"] = lambda lo, hi: (hi - lo, 1) if lo == 5 else (hi - lo, 0)
    result = verify.run("plain-form", workers=1)["plain-form"]
    assert not result.passed
    assert (
        "plain_form returned (5, 1) for the chunk [5, 10): 1 failure(s)" in result.detail["error"]
    )
    RETURNS["value"] = lambda lo, hi: {"checked": hi - lo, "max_error": np.float64(lo / 100)}
    good = verify.run("plain-form", workers=1)["plain-form"].detail
    assert good["checked"] == 10 and good["max_error"] == 0.05 and good["failures"] == 0


def _readme_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("<!-- BEGIN issue-15-chunk-form -->") :]
    block = block[: block.index("<!-- END issue-15-chunk-form -->")]
    match = re.search(r"```python\n(.*?)```", block, re.S)
    assert match is not None
    return match.group(1)


def test_the_readme_numpy_chunk_example_runs_as_printed(tmp_path: Path) -> None:
    script = tmp_path / "readme_chunk.py"
    script.write_text(_readme_block())
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    # n^2 + n + 41 = 0 mod 41 exactly when n = 0 or 40 mod 41 (independent count)
    wider = len(range(41, 10**6 + 1, 41)) + len(range(40, 10**6 + 1, 41))
    assert done.stdout == f"1000000\n{wider} {{'n': 40}}\n"
    printed = dict(re.findall(r"print\(.*\)  # (\d+)(.*)", _readme_block()))
    assert printed == {"1000000": "", str(wider): " {'n': 40}"}  # the comments say the same


def test_numpy_arrays_in_the_evidence_become_lists() -> None:
    # Review of issue 15: only 0-d numpy scalars were converted, so an array in the evidence
    # broke the JSON report and the checkpoint later, far from the chunk function.
    first = chunk_result((3, 1, {"n": 1, "digits": np.arange(3)}), 0, 3).first_failure
    assert first == {"n": 1, "digits": [0, 1, 2]}
    assert type(first["digits"][0]) is int
