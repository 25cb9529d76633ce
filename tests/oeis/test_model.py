"""The shared OEIS data model: A-number normalisation and the JSON view of a Sequence."""

from __future__ import annotations

import json

import pytest

from numtheory.errors import InputError
from numtheory.oeis.model import Sequence, looks_like_anumber, normalize_anumber


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A000045", "A000045"),
        ("a45", "A000045"),
        ("A45", "A000045"),
        (984, "A000984"),
        ("000984", "A000984"),
        (" A123456 ", "A123456"),
        ("a999999", "A999999"),
    ],
)
def test_normalize_anumber(text: str | int, expected: str) -> None:
    assert normalize_anumber(text) == expected


@pytest.mark.parametrize(
    "bad",
    # the OEIS numbers entries A000001..A999999: seven digits are not an A-number (yet)
    ["B000045", "A", "", "A-5", "A1234567", "A12345678", "A0", "45x", 0, -3, 10**6, True],
)
def test_normalize_anumber_rejects(bad: object) -> None:
    with pytest.raises(InputError, match="A-number"):
        normalize_anumber(bad)  # type: ignore[arg-type]


def test_looks_like_anumber() -> None:
    assert looks_like_anumber("A000984") and looks_like_anumber("a45")
    assert not looks_like_anumber("45") and not looks_like_anumber("1,2,6,20")


def test_to_json_keeps_big_terms_as_integers() -> None:
    big = 10**400 + 1
    seq = Sequence(
        number=984,
        name="Central binomial coefficients",
        terms=(1, 2, 6, big),
        offset=0,
        keywords=("nonn", "core"),
    )
    data = seq.to_json()
    assert seq.id == "A000984" and data["id"] == "A000984"
    assert set(data) == {"id", "number", "name", "terms", "offset", "keywords", "url"}
    text = json.dumps(data)
    assert json.loads(text)["terms"][-1] == big  # an integer, not a string or float
    full = seq.to_json(full=True)
    # comments were not given: unknown (None), not "no comments" (an empty list)
    assert set(data) < set(full) and full["comments"] is None


def test_sequence_is_frozen_and_hashable() -> None:
    seq = Sequence(number=45, name="Fibonacci", terms=(0, 1, 1, 2))
    with pytest.raises(AttributeError):
        seq.name = "x"  # type: ignore[misc]
    assert hash(seq) == hash(Sequence(number=45, name="Fibonacci", terms=(0, 1, 1, 2)))
