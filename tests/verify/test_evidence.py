"""Evidence records (issue 15): real files, each field tampered in turn, detected and named.

The record under test is a real run of ``euler-prime-polynomial`` (n^2 + n + 41 prime; false
from n = 40) over 0..300: four chunks of 100, with failures, a first counterexample and
evidence dicts, so every kind of field is present. Its counts are cross-checked against
gmpy2 directly (``euler_failures``).
"""

from __future__ import annotations

import copy
import itertools
import json
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from numtheory import verify
from numtheory.cli import exit_code_for
from numtheory.errors import EvidenceError, InputError, UnknownCheckError
from numtheory.verify import _records, evidence
from numtheory.verify._audit import miss_probability
from tests.verify.plugin_checks import euler_failures

NAME = "euler-prime-polynomial"
UPTO = 300


def _write(path: Path, upto: int = UPTO, **options: Any) -> verify.Report:
    return verify.run(NAME, params={"upto": upto}, workers=1, evidence=path, **options)


def _fresh_record() -> dict[str, Any]:
    """A real record, written at collection time for its structure (the leaf paths)."""
    import tempfile

    import tests.verify.plugin_checks  # noqa: F401  (collection runs before the fixtures)

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "run.json"
        _write(path)
        return json.loads(path.read_text())  # type: ignore[no-any-return]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every leaf of a JSON document, as a tuple of keys and indices."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))
    else:
        yield prefix


#: Every leaf of a record, known at collection time (the structure, not the values, matters).
PATHS = sorted(_paths(_fresh_record()), key=repr)


def _spell(path: tuple[Any, ...]) -> str:
    out = str(path[0])
    for key in path[1:]:
        out += f"[{key}]" if isinstance(key, int) else f".{key}"
    return out


def _altered(path: tuple[Any, ...], value: Any) -> Any:
    """A different value of a type the schema accepts at ``path``."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 2 + 1
    if isinstance(value, str):
        if _records.is_hex(value):  # stay a hex digest, or the schema refuses it (exit 2)
            return value[:-1] + ("0" if value[-1] != "0" else "1")
        return value + "x"
    assert value is None, path
    if path[-1] in ("first_failure", "first_counterexample"):
        return {"n": 200}
    return 0.25 if path[-1] == "max_error" else "1.0"


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _reseal(data: dict[str, Any]) -> None:
    """What a careful forger does after an edit: every seal and the digest recomputed."""
    for entry in data["chunks"]:
        entry["seal"] = _records.digest_of({k: v for k, v in entry.items() if k != "seal"})
    data["seals"] = evidence.seals(data)
    data["digest"] = _records.digest_of({k: v for k, v in data.items() if k != "digest"})


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("evidence") / "run.json"
    report = _write(path)
    assert not report.ok and report[NAME].detail["evidence"] == str(path)
    return json.loads(path.read_text())  # type: ignore[no-any-return]


@pytest.fixture
def record(tmp_path: Path, original: dict[str, Any]) -> Path:
    path = tmp_path / "run.json"
    path.write_text(json.dumps(original))
    return path


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data))


def test_the_record_holds_the_run(original: dict[str, Any]) -> None:
    assert original["format"] == evidence.FORMAT
    assert original["check"]["name"] == NAME
    assert original["check"]["claim"] == verify.get_check(NAME).claim
    assert original["check"]["code_digest"] == _records.code_digest(verify.get_check(NAME))
    assert original["versions"] == _records.versions()
    assert original["params"] == {"start": 0, "upto": UPTO}
    assert original["range"] == [0, UPTO] and original["chunk_size"] == 100
    assert [(c["lo"], c["hi"]) for c in original["chunks"]] == [
        (0, 100), (100, 200), (200, 300), (300, 301),
    ]  # fmt: skip
    failures = euler_failures(UPTO)  # gmpy2 directly, not the check
    assert original["result"]["failures"] == len(failures)
    assert original["result"]["first_counterexample"] == {"n": failures[0], "value": 1681}
    assert sum(c["failures"] for c in original["chunks"][:1]) == sum(n < 100 for n in failures)
    assert set(original["seals"]) == {_spell(p) for p in PATHS if p[0] in evidence.SEALED}
    assert original["timings"]["chunk_seconds"] > 0


def test_an_intact_record_passes_every_chunk_recomputed(record: Path) -> None:
    result = verify.audit(record, sample=4, seed=1)
    assert result.ok, result.problems
    assert result.problems == [] and result.warnings == []
    assert result.recomputed == [0, 1, 2, 3] and result.chunks == 4
    assert "4 of 4 chunks were recomputed and agree (4 drawn" in result.certifies()


@pytest.mark.parametrize("path", PATHS, ids=_spell)
def test_any_field_altered_is_detected_and_named(
    record: Path, original: dict[str, Any], path: tuple[Any, ...]
) -> None:
    data = copy.deepcopy(original)
    _set(data, path, _altered(path, _get(data, path)))
    _save(record, data)
    if path == ("format",):
        with pytest.raises(EvidenceError, match=r"format|not a numtheory evidence record"):
            verify.audit(record, sample=0)
        return
    result = verify.audit(record, sample=0, seed=0)
    assert not result.ok
    text = "\n".join(result.problems)
    if path[0] == "chunks":
        named = f"chunks[{path[1]}]"
    elif path[0] == "seals":
        named = path[1]  # the field whose seal no longer fits
    else:
        named = _spell(path)
    assert named in text, text


#: Fields a consistent forgery (every seal and the digest recomputed) can change unseen by
#: the audit: when the run started and how long it took. Versions and the check's code digest
#: are reported as warnings (a record from another environment is audited all the same).
UNDETECTABLE = {"timings.started", "timings.wall_seconds", "timings.cpu_seconds"}
WARNED = {"check.code_digest"} | {f"versions.{k}" for k in _records.versions()}


@pytest.mark.parametrize(
    "path", [p for p in PATHS if p[0] not in ("seals", "digest", "format")], ids=_spell
)
def test_a_consistent_forgery_is_caught_by_recomputation_or_named(
    record: Path, original: dict[str, Any], path: tuple[Any, ...]
) -> None:
    data = copy.deepcopy(original)
    _set(data, path, _altered(path, _get(data, path)))
    _reseal(data)
    _save(record, data)
    spelled = _spell(path)
    if spelled == "check.name":  # now names a check that does not exist here: exit 2
        with pytest.raises(UnknownCheckError, match="euler-prime-polynomialx"):
            verify.audit(record, sample=4, seed=0)
        return
    result = verify.audit(record, sample=4, seed=0)
    if spelled in UNDETECTABLE or (path[-1] == "seal" and path[0] == "chunks"):
        # A chunk's own seal, rewritten and then resealed, is the original again.
        assert result.ok, result.problems
        return
    if spelled in WARNED:
        assert result.ok, result.problems
        assert any(w.startswith(spelled) for w in result.warnings), result.warnings
        return
    assert not result.ok, spelled
    text = "\n".join(result.problems)
    if path[0] == "chunks" and path[2] == "seconds":
        assert "timings.chunk_seconds" in text
    elif path[0] == "chunks":
        assert f"chunks[{path[1]}]" in text or "result." in text, text
    elif spelled in ("params.start", "params.upto"):
        assert "range: [0, 300] but the parameters say" in text, text
    else:
        assert path[0] in text, text


def test_a_forged_chunk_outside_the_sample_escapes_with_the_stated_probability(
    record: Path, original: dict[str, Any]
) -> None:
    # Chunk 2 rewritten consistently: 3 failures where there are none, counts still legal.
    data = copy.deepcopy(original)
    entry = data["chunks"][2]
    entry.update(failures=3, first_failure={"n": 250, "value": 250 * 251 + 41})
    entry["results"] = evidence.results_digest(verify.ChunkResult.from_dict(
        {k: entry[k] for k in _records.CHUNK_FIELDS}
    ))  # fmt: skip
    data["result"] = evidence.totals(data["chunks"])
    _reseal(data)
    _save(record, data)
    outcomes = {seed: verify.audit(record, sample=1, seed=seed) for seed in range(12)}
    caught = {seed for seed, r in outcomes.items() if not r.ok}
    # Caught exactly when chunk 2 is drawn (or is the counterexample's chunk: it is not).
    assert caught == {seed for seed, r in outcomes.items() if 2 in r.recomputed}
    assert 0 < len(caught) < 12
    assert all(
        "chunks[2] [200, 300): failures is 3" in "".join(outcomes[s].problems) for s in caught
    )
    assert not verify.audit(record, sample=4).ok


def test_the_first_counterexample_chunk_is_always_recomputed(record: Path) -> None:
    for seed in range(5):
        result = verify.audit(record, sample=1, seed=seed)
        assert 0 in result.recomputed and result.ok
    assert verify.audit(record, sample=1, seed=3).recomputed == (
        verify.audit(record, sample=1, seed=3).recomputed
    )


def test_the_miss_probability_formula_against_enumeration() -> None:
    for n, k, f in [(6, 2, 1), (7, 3, 2), (8, 4, 3), (5, 5, 1), (6, 0, 2)]:
        draws = list(itertools.combinations(range(n), k))
        missed = sum(1 for d in draws if not set(d) & set(range(f)))
        assert math.isclose(miss_probability(n, k, f), missed / len(draws))
        assert miss_probability(n, k, f) <= (1 - k / n) ** f + 1e-12


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("not json", "cannot read"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "numtheory-verify-evidence/1", "format": 1}', "appears twice"),
        ('{"format": "numtheory-verify-checkpoint/3"}', "not a numtheory evidence record"),
        ('{"format": "numtheory-verify-evidence/9"}', "this numtheory reads"),
        # json.loads takes these; the record's digest could not be computed (was exit 4).
        ('{"format": "numtheory-verify-evidence/1", "x": NaN}', "NaN is not a JSON number"),
        ('{"x": [-Infinity], "format": "numtheory-verify-evidence/1"}', "-Infinity is not"),
        # A lone surrogate is no text: printing the finding that names it crashed (exit 4).
        ('{"format": "numtheory-verify-evidence/1", "\\ud800": 1}', "lone surrogate"),
    ],
)
def test_unreadable_records_are_evidence_errors(tmp_path: Path, text: str, named: str) -> None:
    path = tmp_path / "run.json"
    path.write_text(text)
    with pytest.raises(EvidenceError, match=named) as refused:
        verify.audit(path)
    assert exit_code_for(refused.value) == 2


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        (("chunks", 0, "checked"), True, r"chunks\[0\]\.checked: must be an integer"),
        (("chunks", 1, "seconds"), None, r"chunks\[1\]\.seconds: must be a number"),
        (("chunks", 1, "seal"), "xyz", r"chunks\[1\]\.seal: must be a hex digest"),
        (("result", "passed"), 0, "result.passed: must be true or false"),
        (("params", "upto"), "300", "params.upto: must be an integer"),
        (("chunk_size",), 0, "chunk_size: must be an integer >= 1"),
        (("versions", "gmpy2"), 2, "versions.gmpy2: must be a string or null"),
        (("timings", "wall_seconds"), 10**400, "timings.wall_seconds: must be a finite"),
        (("range",), [0], r"range: must be \[start, upto\]"),
        (("chunks", 2, "extra"), 1, r"chunks\[2\]: wrong fields \['extra'\]"),
        (("check",), "legendre", "check: must be an object, got str"),
    ],
)
def test_a_field_of_the_wrong_type_fails_the_audit_naming_it(
    record: Path, original: dict[str, Any], path: tuple[Any, ...], value: Any, named: str
) -> None:
    # Issue 15: "a record altered in any field is detected (exit 1, naming the chunk or
    # field)"; a type changed is an alteration too (it was exit 2, "malformed").
    data = copy.deepcopy(original)
    _set(data, path, value)
    record.write_text(json.dumps(data))
    result = verify.audit(record, sample=4, seed=0)
    assert not result.ok and result.malformed and result.recomputed == []
    assert len(result.problems) == 1 and re.search(named, result.problems[0]), result.problems
    assert result.render().startswith(f"FAIL  audit of {record}: not the record schema")
    assert exit_code_for(EvidenceError("x")) == 2  # what stays exit 2: files that are no record


def test_an_oversized_or_special_file_is_refused_unread(record: Path, tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match=r"larger than 1,000 bytes"):
        verify.audit(record, max_bytes=1000)
    with pytest.raises(EvidenceError, match="it is a directory"):
        verify.audit(tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        with pytest.raises(EvidenceError, match="not a regular file"):
            verify.audit(tmp_path / "fifo")


def test_a_record_of_an_unknown_check_asks_for_its_module(
    record: Path, original: dict[str, Any]
) -> None:
    data = copy.deepcopy(original)
    data["check"]["name"] = "no-such-check"
    _reseal(data)
    _save(record, data)
    with pytest.raises(UnknownCheckError, match=r"'no-such-check'.*--import MODULE"):
        verify.audit(record)
    data["digest"] = "0" * 64  # and when the record is altered as well, that is the finding
    _save(record, data)
    result = verify.audit(record)
    assert not result.ok and "check.name: no check named 'no-such-check'" in result.problems[-1]


def test_only_one_range_check_has_a_record(tmp_path: Path) -> None:
    target = tmp_path / "run.json"
    with pytest.raises(InputError, match=r"mitchell is a plain check"):
        verify.run("mitchell", evidence=target)
    with pytest.raises(InputError, match="exactly one range check, 2 were selected"):
        verify.run(["kummer", "legendre"], evidence=target)
    with pytest.raises(EvidenceError, match="is a directory"):
        verify.run("kummer", evidence=tmp_path)
    assert not target.exists()


def test_writes_are_atomic_and_a_failed_write_keeps_the_old_record(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = record.read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    # Named, and exit 2 like a path refused up front: not "internal error (a bug)", exit 4.
    with pytest.raises(EvidenceError, match=f"cannot write evidence record {record}: disk full"):
        _write(record, upto=150)
    assert exit_code_for(EvidenceError("x")) == 2
    assert record.read_bytes() == before  # the previous record, intact...
    assert sorted(p.name for p in record.parent.iterdir()) == ["run.json"]  # ...no temporary
    monkeypatch.undo()
    assert verify.audit(record, sample=4).ok


def test_a_check_that_raises_writes_no_record(tmp_path: Path, temporary: list[str]) -> None:
    @verify.range_check("raises-at-5", claim="x", start=0, upto=9, chunk_size=5)
    def raises_at_5(n: int) -> bool:
        if n == 5:
            raise RuntimeError("boom")
        return True

    temporary.append("raises-at-5")
    target = tmp_path / "run.json"
    result = verify.run("raises-at-5", workers=1, evidence=target)["raises-at-5"]
    assert "boom" in result.detail["error"] and result.detail["evidence"] is None
    assert not target.exists()


def test_evidence_with_a_checkpoint_records_resumed_chunks(tmp_path: Path) -> None:
    store, target = tmp_path / "cp.json", tmp_path / "run.json"
    verify.run(NAME, params={"upto": 250}, workers=1, checkpoint=store)
    detail = _write(target, checkpoint=store, upto=250)[NAME].detail
    assert detail["chunks_resumed"] == 3 and detail["evidence"] == str(target)
    assert verify.audit(target, sample=3).ok


def test_a_chunk_functions_own_results_digest_is_kept_and_audited(
    tmp_path: Path, temporary: list[str]
) -> None:
    import hashlib

    @verify.range_check("squares-digest", claim="n^2 >= 0", start=0, upto=99, chunk_size=25)
    def squares_digest(lo: int, hi: int) -> verify.ChunkResult:
        values = ",".join(str(n * n) for n in range(lo, hi)).encode()
        return verify.ChunkResult(lo, hi, hi - lo, digest=hashlib.sha256(values).hexdigest())

    temporary.append("squares-digest")
    target = tmp_path / "run.json"
    verify.run("squares-digest", workers=1, evidence=target)
    data = json.loads(target.read_text())
    expected = hashlib.sha256(",".join(str(n * n) for n in range(25, 50)).encode()).hexdigest()
    assert data["chunks"][1]["results"] == expected
    assert verify.audit(target, sample=4).ok


def test_a_record_from_other_versions_is_audited_with_a_warning(
    record: Path, original: dict[str, Any]
) -> None:
    data = copy.deepcopy(original)
    data["versions"]["gmpy2"] = "1.0.0"
    _reseal(data)
    _save(record, data)
    result = verify.audit(record, sample=4, seed=2)
    assert result.ok
    assert result.warnings == [
        f"versions.gmpy2: the record was written with 1.0.0, this is "
        f"{_records.versions()['gmpy2']}; the sampled chunks are recomputed with this one"
    ]


def test_sample_and_seed_are_checked() -> None:
    with pytest.raises(InputError, match="sample must be an integer >= 0"):
        verify.audit("run.json", sample=-1)
    with pytest.raises(InputError, match="seed must be"):
        verify.audit("run.json", seed=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("constant", ["NaN", "Infinity"])
def test_a_non_finite_number_inside_a_counterexample_is_malformed(
    record: Path, constant: str
) -> None:
    # The schema checks first_failure's n only; its other members are free-form evidence.
    text = record.read_text()
    assert '"value": 1681' in text
    record.write_text(text.replace('"value": 1681', f'"value": {constant}', 1))
    with pytest.raises(EvidenceError, match=f"{constant} is not a JSON number") as refused:
        verify.audit(record, sample=0)
    assert exit_code_for(refused.value) == 2


def test_a_record_that_already_fails_is_not_recomputed(
    record: Path, original: dict[str, Any]
) -> None:
    # Review of issue 15: chunk_size edited to 10**12 (one chunk) without resealing made the
    # audit recompute [0, 10**12 + 1) for hours; the verdict was already known. (10**5
    # here, so that the old code finishes, and fails the assertions.)
    data = copy.deepcopy(original)
    data["chunk_size"] = 10**5
    data["params"]["upto"] = data["range"][1] = 10**5
    _save(record, data)
    result = verify.audit(record, sample=4, seed=0)
    assert not result.ok and result.recomputed == [] and result.not_recomputed == 4
    assert "chunk_size: does not match its seal" in "\n".join(result.problems)
    assert "4 chunks drawn were not recomputed: the record already fails" in result.render()


def test_chunks_larger_than_max_chunk_are_refused_before_any_work(record: Path) -> None:
    with pytest.raises(EvidenceError, match=r"chunks of 100 numbers, more than .* \(99;"):
        verify.audit(record, sample=1, max_chunk=99)
    with pytest.raises(EvidenceError, match="max_chunk"):  # the counterexample's chunk too
        verify.audit(record, sample=0, max_chunk=99)
    assert verify.audit(record, sample=4, max_chunk=100).ok


def test_a_record_with_too_many_fields_is_refused_unaudited(
    record: Path, original: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three million parameters (6 MB) took 22 s and 1.3 GB before this bound (100,000; a
    # smaller one here keeps the test fast).
    assert evidence.MAX_FIELDS == 100_000 and len(original["seals"]) < 100
    monkeypatch.setattr(evidence, "MAX_FIELDS", 1000)
    data = copy.deepcopy(original)
    data["result"]["first_counterexample"]["value"] = [[1]] * 1000
    _save(record, data)
    result = verify.audit(record, sample=0)
    assert result.malformed and "record: more than 1,000 sealed fields" in result.problems[0]
    data["result"]["first_counterexample"]["value"] = 1681
    data["seals"].update({f"x{i}": "0" * 64 for i in range(1000)})
    _save(record, data)
    result = verify.audit(record, sample=0)
    assert result.malformed and "record: more than 1,000 sealed fields" in result.problems[0]


def test_the_record_and_the_checkpoint_cannot_be_one_file(tmp_path: Path) -> None:
    # The record would replace the checkpoint, whose next resume would then be refused.
    target = tmp_path / "run.json"
    (tmp_path / "link.json").symlink_to(target)
    for store in (target, tmp_path / "." / "run.json", tmp_path / "link.json"):
        with pytest.raises(InputError, match="the evidence record and the checkpoint are one"):
            _write(target, checkpoint=store)
    assert not target.exists()
    _write(target)
    os.link(target, tmp_path / "hard.json")
    with pytest.raises(InputError, match="are one file"):
        _write(target, checkpoint=tmp_path / "hard.json")


def test_parameters_a_checks_validate_rejects_are_a_finding_not_a_crash(
    tmp_path: Path, temporary: list[str]
) -> None:
    # The record is the input: whatever its validate raises on them (here ValueError, as
    # int("x") would) means its parameters are not valid, exit 1, not an internal error.
    def small_base(values: dict[str, Any]) -> None:
        if values["base"] > 10:
            raise ValueError(f"base {values['base']} is too large")

    @verify.range_check(
        "base-check", claim="x", start=0, upto=9, chunk_size=5, params={"base": 2},
        validate=small_base,
    )  # fmt: skip
    def base_check(n: int, base: int) -> bool:
        return True

    temporary.append("base-check")
    target = tmp_path / "run.json"
    verify.run("base-check", workers=1, evidence=target)
    data = json.loads(target.read_text())
    data["params"]["base"] = 11
    _reseal(data)
    _save(target, data)
    result = verify.audit(target, sample=2, seed=0)
    assert not result.ok and result.recomputed == []
    assert result.problems == ["params: ValueError: base 11 is too large"]


def test_what_a_pass_certifies_counts_the_chunks_actually_recomputed(record: Path) -> None:
    # With --sample 0 the first counterexample's chunk is still recomputed: the text said
    # "0 of 4 chunks were recomputed ...; no chunk was recomputed" next to "1 of 4 recomputed".
    result = verify.audit(record, sample=0, seed=5)
    assert result.ok and result.recomputed == [0]
    text = result.certifies()
    assert "1 of 4 chunks were recomputed and agree (0 drawn at random with seed 5, and " in text
    assert "the first counterexample's)" in text and "no chunk was recomputed" not in text
    assert "none was drawn at random, so nothing certifies the other chunks' counts" in text
    drawn = verify.audit(record, sample=4, seed=1).certifies()
    assert "4 of 4 chunks were recomputed and agree (4 drawn at random with seed 1)" in drawn


def test_a_surrogate_pair_is_text_and_audited(record: Path, original: dict[str, Any]) -> None:
    data = copy.deepcopy(original)
    data["chunks"][0]["first_failure"]["note"] = "\U0001f600"  # json.dumps: a surrogate pair
    _save(record, data)
    assert "\\ud83d\\ude00" in record.read_text()
    result = verify.audit(record, sample=0)
    assert not result.ok and "chunks[0] [0, 100): does not match its seal" in result.problems


def test_a_record_of_an_auto_sized_run_holds_the_measured_size(tmp_path: Path) -> None:
    """Merge of chunk sizing and evidence: with ``chunk_size="auto"`` the record must hold the
    size the chunks ran with (measured), not the check's declared one, or no chunk fits its
    grid and the audit of an intact record fails."""
    path = tmp_path / "auto.json"
    report = _write(path, upto=2000, chunk_size="auto")
    used = report[NAME].detail["chunk_sizing"]
    record = json.loads(path.read_text())
    assert record["chunk_size"] == used["size"]
    assert verify.audit(path, sample=2, seed=1).ok
