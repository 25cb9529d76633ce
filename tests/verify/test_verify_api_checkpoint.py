"""Checkpoints are validated, not trusted: each attack from issue 10 is refused, naming the field.

The edits below recompute the file's digest (as a careful attacker would), so what refuses
them is the field-by-field validation; one test shows the digest alone catching a naive edit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import numtheory
from numtheory import verify
from numtheory.cli import exit_code_for
from numtheory.errors import CheckpointError
from numtheory.verify import _records
from numtheory.verify.checkpoint import FORMAT, _digest
from tests.verify.plugin_checks import euler_failures

NAME = "euler-prime-polynomial"  # a predicate: chunks of 100 from 0; fails first at n = 40
UPTO = 300


def _run(store: Path, name: str = NAME, upto: int = UPTO) -> verify.Report:
    return verify.run(name, params={"upto": upto}, workers=1, checkpoint=store)


def _edit(store: Path, change: Callable[[dict[str, Any]], None], redigest: bool = True) -> None:
    data = json.loads(store.read_text())
    change(data)
    if redigest:
        data["digest"] = _digest({k: v for k, v in data.items() if k != "digest"})
    store.write_text(json.dumps(data))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "cp.json"
    report = _run(path)
    assert not report.ok  # the honest run fails at n = 40
    yield path


def _chunk(data: dict[str, Any], lo: int = 0) -> dict[str, Any]:
    return data["chunks"][NAME][str(lo)]  # type: ignore[no-any-return]


def test_an_honest_checkpoint_resumes_to_the_same_answer(store: Path) -> None:
    resumed = _run(store)[NAME].detail
    assert resumed["chunks_resumed"] == 4 and resumed["chunks_computed"] == 0
    fresh = verify.run(NAME, params={"upto": UPTO}, workers=1)[NAME].detail
    for key in ("checked", "failures", "first_counterexample"):
        assert resumed[key] == fresh[key]
    assert resumed["failures"] == len(euler_failures(UPTO))  # and both agree with gmpy2 directly


def test_a_partial_checkpoint_still_finds_the_smallest_counterexample(store: Path) -> None:
    # Chunk [0, 100) holds the first counterexample (40); without it in the file the resume
    # recomputes it, and the answer is still the uninterrupted run's, checked against gmpy2.
    _edit(store, lambda d: d["chunks"][NAME].pop("0"))
    resumed = _run(store)[NAME].detail
    assert resumed["chunks_resumed"] == 3 and resumed["chunks_computed"] == 1
    failures = euler_failures(UPTO)
    assert resumed["first_counterexample"]["n"] == failures[0] == 40
    assert resumed["failures"] == len(failures) and resumed["checked"] == UPTO + 1


@pytest.mark.parametrize(
    ("change", "named"),
    [
        # edited counts: "30000000000000 cases ... all hold"
        (lambda d: _chunk(d).update(checked=30_000_000_000_000), "checked = 30000000000000"),
        (lambda d: _chunk(d).update(checked=99), "checked = 99, but a predicate chunk"),
        (lambda d: _chunk(d).update(failures=-1), "failures = -1"),
        # erased failures, half-done: the counterexample left behind, or the count left behind
        (lambda d: _chunk(d).update(failures=0), "first_failure is given but failures = 0"),
        (lambda d: _chunk(d).update(first_failure=None), "first_failure is missing"),
        # the first counterexample moved out of its chunk
        (lambda d: _chunk(d)["first_failure"].update(n=150), "first_failure.n = 150 lies outside"),
        # strict types
        (lambda d: _chunk(d).update(checked=True), ".checked: must be an integer, got True"),
        (lambda d: _chunk(d).update(checked="100"), ".checked: must be an integer"),
        (lambda d: _chunk(d).update(lo=0.0), ".lo: must be an integer"),
        (lambda d: _chunk(d).update(seconds="fast"), ".seconds: must be a finite number"),
        # a JSON integer too big for a float was an OverflowError (exit 4), not a refusal
        (lambda d: _chunk(d).update(seconds=10**400), ".seconds: must be a finite number"),
        (lambda d: _chunk(d).update(max_error=-(10**400)), ".max_error: must be a finite number"),
        (lambda d: _chunk(d)["first_failure"].update(n="40"), "first_failure: must be null"),
        (lambda d: _chunk(d).update(extra=1), "wrong fields ['extra']"),
        (lambda d: _chunk(d).pop("max_error"), "wrong fields ['max_error']"),
        (lambda d: d["chunks"].update({NAME: []}), "must be an object, got list"),
        (lambda d: d["chunks"].update({"kummer": {}}), "no such range check in this run"),
        (lambda d: d.update(comment="hi"), "unknown field(s) ['comment']"),
        (lambda d: d.pop("digest"), "missing field(s) ['digest']"),
    ],
)
def test_a_checkpoint_that_does_not_hold_together_is_refused_naming_the_field(
    store: Path, change: Callable[[dict[str, Any]], None], named: str
) -> None:
    _edit(store, change, redigest="digest" not in named)
    with pytest.raises(CheckpointError, match="does not hold together") as refused:
        _run(store)
    assert named in str(refused.value)
    assert exit_code_for(refused.value) == 2  # the CLI's table (cli/_exit.py), issue 11


def test_a_mismatched_chunk_key_cannot_skip_a_range(store: Path) -> None:
    # The attack: chunk [100, 200) filed under key "0" hid [0, 100) and its counterexample 40.
    def swap(d: dict[str, Any]) -> None:
        per = d["chunks"][NAME]
        per["0"] = per.pop("100")

    _edit(store, swap)
    with pytest.raises(CheckpointError, match=r"\['0'\]: key does not match the chunk's lo = 100"):
        _run(store)


@pytest.mark.parametrize(
    ("lo", "hi", "named"),
    [(50, 150, "lo = 50 is not a chunk start of 0..300 in steps of 100"),
     (100, 160, "hi = 160, but the chunk starting at 100 ends at 200"),
     (400, 500, "lo = 400 is not a chunk start")],
)  # fmt: skip
def test_chunks_off_the_run_grid_are_refused(store: Path, lo: int, hi: int, named: str) -> None:
    def move(d: dict[str, Any]) -> None:
        chunk = d["chunks"][NAME].pop("100")
        chunk.update(lo=lo, hi=hi, checked=hi - lo, failures=0, first_failure=None)
        d["chunks"][NAME][str(lo)] = chunk

    _edit(store, move)
    with pytest.raises(CheckpointError, match="does not hold together") as refused:
        _run(store)
    assert named in str(refused.value)


def test_the_digest_catches_an_edit_that_keeps_every_rule(store: Path) -> None:
    # Lowering the failure count of chunk 0 keeps every field rule; only the digest sees it.
    _edit(store, lambda d: _chunk(d).update(failures=1), redigest=False)
    with pytest.raises(CheckpointError, match="digest: does not match the content"):
        _run(store)


def test_kummer_counts_are_held_to_its_cases_bound(tmp_path: Path) -> None:
    store = tmp_path / "k.json"
    honest = _run(store, "kummer", 39)["kummer"].detail  # chunks of 20: [0, 20), [20, 40)
    # Each n contributes (n + 1) * 4 triples (n, k, p): sum over n < 20 is 4 * 210 = 840.
    saved = json.loads(store.read_text())["chunks"]["kummer"]
    assert saved["0"]["checked"] == 840 and honest["checked"] == 4 * sum(range(1, 41))
    assert _run(store, "kummer", 39)["kummer"].detail["chunks_resumed"] == 2

    def inflate(d: dict[str, Any]) -> None:
        d["chunks"]["kummer"]["0"]["checked"] = 841

    _edit(store, inflate)
    with pytest.raises(CheckpointError, match=r"checked = 841 is outside 0\.\.840"):
        _run(store, "kummer", 39)


def test_a_checkpoint_from_another_numtheory_version_is_refused(store: Path) -> None:
    _edit(store, lambda d: d["versions"].update(numtheory="0.0.1"))
    with pytest.raises(CheckpointError, match=r"written by other code") as refused:
        _run(store)
    assert f"numtheory 0.0.1 then, {numtheory.__version__} now" in str(refused.value)
    # Rounds 1 and 2: formats /1 and /2, which recorded only the version string (or nothing).
    _edit(store, lambda d: d.update(format="numtheory-verify-checkpoint/2"))
    _edit(store, lambda d: d.update(numtheory_version="0.1.0"))
    with pytest.raises(CheckpointError, match=r"written by numtheory 0\.1\.0 \(format"):
        _run(store)
    _edit(store, lambda d: d.update(format="numtheory-verify-checkpoint/1"))
    _edit(store, lambda d: d.pop("numtheory_version"))
    with pytest.raises(CheckpointError, match="written by an older numtheory"):
        _run(store)


@pytest.mark.parametrize(
    ("key", "then"),
    [
        ("gmpy2", "2.0.0"),
        ("python-flint", "0.1.0"),
        ("mpmath", "0.17"),
        ("numpy", "1.0.0"),
        ("python", "3.9.0"),
        ("numtheory_source", "0" * 64),
    ],
)
def test_a_checkpoint_written_with_other_dependencies_is_refused_naming_them(
    store: Path, key: str, then: str
) -> None:
    # Issue 15: round 2 compared only the coarse "0.1.0"; a gmpy2 upgrade (or an edited
    # numtheory with the same version string) resumed silently.
    saved = json.loads(store.read_text())["versions"]
    assert saved[key] == _records.versions()[key]  # the running code's, as written
    _edit(store, lambda d: d["versions"].update({key: then}))
    with pytest.raises(CheckpointError, match="written by other code") as refused:
        _run(store)
    if key == "numtheory_source":  # a digest: shortened, and said what it is
        assert (
            "numtheory's source: a .py file under numtheory/ was edited or replaced "
            f"(numtheory_source 000000000000... then, {saved[key][:12]}... now)"
        ) in str(refused.value)
    else:
        assert f"{key} {then} then, {saved[key]} now" in str(refused.value)
    assert exit_code_for(refused.value) == 2


def test_a_checkpoint_of_an_edited_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temporary: list[str]
) -> None:
    # A real module on disk, edited between the run and the resume (same numtheory version).
    module = tmp_path / "edited_check_mod.py"
    source = (
        "from numtheory.verify import range_check\n"
        "@range_check('edited-check', claim='n >= 0', start=0, upto=99, chunk_size=10,\n"
        "             replace=True)\n"
        "def edited(n):\n"
        "    return n >= 0\n"
    )
    module.write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    temporary.append("edited-check")
    import importlib

    loaded = importlib.import_module("edited_check_mod")
    store = tmp_path / "cp.json"
    assert verify.run("edited-check", workers=1, checkpoint=store).ok
    again = verify.run("edited-check", workers=1, checkpoint=store)["edited-check"]
    assert again.detail["chunks_resumed"] == 10  # unchanged code: resumed
    module.write_text(source.replace("n >= 0\n", "n >= 0  # edited\n"))
    importlib.reload(loaded)
    with pytest.raises(CheckpointError, match="the code of check 'edited-check'"):
        verify.run("edited-check", workers=1, checkpoint=store)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (f'{{"format": "{FORMAT}", "format": "{FORMAT}"}}', "appears twice"),
        ("[1, 2]", "not a numtheory verify checkpoint"),
        ('{"format": 7}', "not a numtheory verify checkpoint"),
        ("\xff\xfe garbage", "cannot read"),
    ],
)
def test_unreadable_documents_are_checkpoint_errors_not_crashes(
    tmp_path: Path, text: str, named: str
) -> None:
    store = tmp_path / "cp.json"
    store.write_text(text, encoding="latin-1")
    with pytest.raises(CheckpointError, match="cannot read") as refused:
        _run(store)
    assert named in str(refused.value)


def test_a_checkpoint_larger_than_the_run_allows_is_refused_unread(store: Path) -> None:
    # Valid JSON padded to 100 MB resumed (after reading it all); no checkpoint of a
    # four-chunk run is anywhere near that size.
    text = store.read_text()
    store.write_text(text[:-1] + " " * (100 * 2**20) + "}")
    with pytest.raises(CheckpointError, match="cannot read") as refused:
        _run(store)
    assert "larger than 17,039,360 bytes" in str(refused.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_a_checkpoint_path_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    # A FIFO hung forever waiting for a writer; /dev/zero read until memory ran out.
    target = tmp_path / "cp.json"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    with pytest.raises(CheckpointError, match="cannot read") as refused:
        _run(target)
    named = "it is a directory" if kind == "directory" else "it is not a regular file"
    assert named in str(refused.value)


def test_a_chunk_function_counting_past_its_bound_is_stopped_at_the_first_chunk(
    tmp_path: Path,
) -> None:
    @verify.range_check("pairs-undeclared", claim="pairs", start=0, upto=9, chunk_size=5)
    def pairs_undeclared(lo: int, hi: int) -> verify.ChunkResult:
        return verify.ChunkResult(lo, hi, checked=2 * (hi - lo))

    @verify.range_check(
        "pairs-declared", claim="pairs", start=0, upto=9, chunk_size=5,
        cases=lambda lo, hi: 2 * (hi - lo),
    )  # fmt: skip
    def pairs_declared(lo: int, hi: int) -> verify.ChunkResult:
        return verify.ChunkResult(lo, hi, checked=2 * (hi - lo))

    try:
        # Without a checkpoint nothing is held to the bound.
        assert verify.run("pairs-undeclared", workers=1).ok
        bad = verify.run("pairs-undeclared", workers=1, checkpoint=tmp_path / "a.json")
        error = bad["pairs-undeclared"].detail["error"]
        assert "CheckpointError" in error and "checked = 10 is outside 0..5" in error
        assert "cases=" in error
        store = tmp_path / "b.json"
        assert verify.run("pairs-declared", workers=1, checkpoint=store).ok
        again = verify.run("pairs-declared", workers=1, checkpoint=store)["pairs-declared"]
        assert again.detail["chunks_resumed"] == 2 and again.detail["checked"] == 20
    finally:
        verify.unregister("pairs-undeclared")
        verify.unregister("pairs-declared")


def test_writes_stay_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new.json"

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    result = verify.run(NAME, params={"upto": UPTO}, workers=1, checkpoint=target)[NAME]
    assert not result.passed and "disk full" in result.detail["error"]
    assert not target.exists()  # never a half-written checkpoint...
    assert not list(tmp_path.glob(".new.json.*"))  # ...and no temporary file left behind


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_number_in_a_counterexample_is_refused_not_a_crash(
    store: Path, constant: str
) -> None:
    # Review of issue 15: json.loads accepts NaN and Infinity; the digest (allow_nan=False)
    # then raised ValueError, an internal error (exit 4), where the file is the problem.
    text = store.read_text()
    assert '"value":1681' in text
    store.write_text(text.replace('"value":1681', f'"value":{constant}', 1))
    with pytest.raises(CheckpointError, match=f"cannot read.*{constant}") as refused:
        _run(store)
    assert exit_code_for(refused.value) == 2


def _at_least_zero(n: int, k: int) -> bool:
    return n >= 0


class _AtLeast:
    def __init__(self, k: int) -> None:
        self.k = k

    def __call__(self, n: int) -> bool:
        return n >= 0


def test_the_code_digest_of_a_partial_or_callable_object_is_stable(temporary: list[str]) -> None:
    # Review of issue 15: the digest fell back to repr(), which holds the object's address:
    # a check made with functools.partial was refused on every resume in a new process.
    import functools
    import types

    def digest(func: Callable[..., bool]) -> str:
        verify.range_check("stable-digest", claim="x", upto=9, replace=True)(func)
        temporary.append("stable-digest")
        return _records.code_digest(verify.get_check("stable-digest"))

    one = digest(functools.partial(_at_least_zero, k=1))
    # The same function at another address, as in the process that resumes.
    again = types.FunctionType(_at_least_zero.__code__, globals(), "_at_least_zero")
    again.__module__, again.__qualname__ = _at_least_zero.__module__, "_at_least_zero"
    assert digest(functools.partial(again, k=1)) == one
    assert digest(functools.partial(_at_least_zero, k=2)) != one  # other arguments
    assert digest(_AtLeast(1)) == digest(_AtLeast(1))
