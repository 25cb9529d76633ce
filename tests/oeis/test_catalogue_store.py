"""The catalogue's data lines kept between runs (``_catalogue_store``): used when they match
this source, ignored (and replaced) when damaged, stale or not ours."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from numtheory.oeis import _catalogue, _catalogue_store


def _forget(computed: bool = False) -> None:
    """Forget what was read from the store (``computed``: and every computed line too, as a
    new process would; the lines are otherwise kept in memory, to keep these tests cheap)."""
    _catalogue._stored_lines.cache_clear()
    _catalogue._data_line.cache_clear()
    if computed:
        _catalogue._cached_terms.cache_clear()


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    _forget()
    yield
    _forget()


def _computed() -> dict[int, tuple[int, ...]]:
    return {n: _catalogue._computed_data_line(n) for n in _catalogue._entries()}


def test_a_search_stores_the_lines_and_the_next_process_reads_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _catalogue_store.store_path()
    assert not path.exists()
    first = [s.id for s in _catalogue.search([1, 2, 6, 20, 70])]
    assert first == ["A000984"] and path.is_file()
    assert _catalogue_store.load(set(_catalogue._entries())) == _computed()
    _forget(computed=True)

    def no_generator(number: int) -> tuple[int, ...]:
        raise AssertionError(f"A{number:06d} computed although its line is stored")

    monkeypatch.setattr(_catalogue, "_computed_data_line", no_generator)
    monkeypatch.setattr(_catalogue, "_cached_terms", no_generator)  # no term is computed
    assert [s.id for s in _catalogue.search([1, 2, 6, 20, 70])] == first
    assert "A000984" in [s.id for s in _catalogue.search([1, 2, 6, 20])]
    assert _catalogue.entry(45).data_terms()[:8] == (0, 1, 1, 2, 3, 5, 8, 13)  # type: ignore[union-attr]
    monkeypatch.undo()


def _stored() -> dict[str, object]:
    _catalogue.search([1, 2, 6, 20])
    data: dict[str, object] = json.loads(_catalogue_store.store_path().read_bytes())
    return data


def _write(data: object) -> None:
    _catalogue_store.store_path().write_text(json.dumps(data))


def _flip_a_term(data: dict[str, object]) -> None:
    lines = data["lines"]
    assert isinstance(lines, dict)
    lines["984"][3] = 21  # C(6, 3) = 20: valid JSON, wrong term


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: _flip_a_term(d),
        lambda d: d.update(key="0" * 64),  # computed by another version of the generators
        lambda d: d["lines"].pop("45"),  # an entry missing
        lambda d: d["lines"].update({"45": ["0", "1"]}),  # strings, not integers
        lambda d: d["lines"].update({"45": []}),
        lambda d: d.update(lines=[1, 2]),
    ],
)
def test_a_damaged_or_stale_store_is_ignored_and_replaced(damage: object) -> None:
    data = _stored()
    damage(data)  # type: ignore[operator]
    _write(data)
    _forget()
    assert _catalogue_store.load(set(_catalogue._entries())) is None
    assert [s.id for s in _catalogue.search([1, 2, 6, 20, 70])] == ["A000984"]  # computed
    assert _catalogue_store.load(set(_catalogue._entries())) == _computed()  # and replaced


def test_garbage_huge_numbers_and_links_are_not_read(tmp_path: object) -> None:
    path = _catalogue_store.store_path()
    _stored()
    entries = set(_catalogue._entries())
    path.write_bytes(b"\xff\x00 not json")
    assert _catalogue_store.load(entries) is None
    path.write_text('{"key": "x", "lines": {"1": [' + "9" * 100_000 + "]}}")
    assert _catalogue_store.load(entries) is None  # refused before int() sees the digits
    path.unlink()
    target = path.with_name("elsewhere.json")
    _stored()
    os.replace(path, target)
    path.symlink_to(target)
    assert _catalogue_store.load(entries) is None  # a link is not followed


def test_an_unwritable_cache_only_costs_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", "/proc/nonexistent/cache")
    assert [s.id for s in _catalogue.search([1, 2, 6, 20, 70])] == ["A000984"]
    assert not _catalogue_store.store_path().exists()


# -- review (issue 11): a hostile file, a cache path that cannot be worked out, stale inputs --


def _with_valid_crc(data: dict[str, object]) -> None:
    data["crc"] = _catalogue_store._crc(data["lines"])


def _rename_key(data: dict[str, object], new: str) -> None:
    lines = data["lines"]
    assert isinstance(lines, dict)
    lines[new] = lines.pop("45")
    _with_valid_crc(data)  # well-formed in every way a checksum can tell


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 200_000,  # json.loads: RecursionError, not a ValueError
        b'{"a":' * 100_000,
    ],
)
def test_deeply_nested_json_is_ignored_not_a_crash(body: bytes) -> None:
    _stored()
    _catalogue_store.store_path().write_bytes(body)
    _forget()
    assert _catalogue_store.load(set(_catalogue._entries())) is None
    assert [s.id for s in _catalogue.search([1, 2, 6, 20, 70])] == ["A000984"]


@pytest.mark.parametrize(
    "key",
    [
        "\u00b2",  # '²'.isdigit() is True, but int('²') raises ValueError
        "\u0664" * 5000,  # Arabic-Indic digits (no ASCII run for the digit cap): int() of
        # over 4300 digits raises ValueError outside the tests (conftest lifts the limit)
    ],
)
def test_an_entry_number_int_cannot_read_is_ignored_not_a_crash(key: str) -> None:
    import sys

    data = _stored()
    _rename_key(data, key)
    _write(data)
    _forget()
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)  # Python's default
    try:
        assert _catalogue_store.load(set(_catalogue._entries())) is None
    finally:
        sys.set_int_max_str_digits(limit)
    assert [s.id for s in _catalogue.search([1, 2, 6, 20, 70])] == ["A000984"]


def test_a_cache_dir_that_cannot_be_worked_out_only_costs_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``~nobody-has-this-name/...`` cannot be expanded (pathlib raises RuntimeError)."""
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", "~no-such-user-numtheory-review/cache")
    assert _catalogue_store.load(set(_catalogue._entries())) is None
    _catalogue_store.save(_computed())  # nothing kept, nothing raised
    assert [s.id for s in _catalogue.search([1, 2, 6, 20, 70])] == ["A000984"]


def test_the_key_covers_every_source_a_stored_line_depends_on() -> None:
    """The generators compute with numtheory.arith (is_prime, next_prime, factorint): a fix
    there changes terms, so it must make the stored lines stale, as the version must."""
    import inspect

    import numtheory
    import numtheory.arith

    files = {path.resolve() for path in _catalogue_store._source_files()}
    for function in (
        numtheory.arith.is_prime,
        numtheory.arith.next_prime,
        numtheory.arith.factorint,
    ):
        source = inspect.getsourcefile(function)
        assert source is not None and Path(source).resolve() in files, function.__name__
    assert Path(inspect.getfile(_catalogue)).resolve() in files
    key = _catalogue_store.source_key()
    version = numtheory.__version__
    try:
        numtheory.__version__ = version + ".review"
        assert _catalogue_store.source_key() != key
    finally:
        numtheory.__version__ = version
    assert _catalogue_store.source_key() == key
