"""identify's ``matched``: the query's terms an explanation accounts for, and what that ranks.

The issue asks for no explanation matching fewer terms than the query has. A difference
or window transform leaves fewer terms than the query, but its match still fixes every
query term (the lost first terms are the constants of the reading "partial sums of E plus a
constant"), so ``matched`` is the query's length. A section (bisection, trisection) explains
only the terms at its places: ``matched`` says so, the description says so, and it ranks
after every explanation of the whole query, whatever their number of transforms.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from numtheory.oeis import identify
from numtheory.oeis import transforms as tf
from numtheory.oeis._transform_table import WINDOW, _grown, queries, usable
from numtheory.oeis.mirror import build_mirror
from tests.oeis.test_mirror import write_dump

S = [3, 1, 4, 1, 6, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]  # pi's digits, one changed
Q = [x for s in S[:8] for x in (s, 7)]  # S interleaved with 7s: its bisection is S
# the query's binomial transform, differenced: a depth-2 explanation of all 16 terms
DEEP = tf.differences(tf.binomial_transform(Q))


@pytest.fixture(scope="module")
def mirror_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ranking-dump")
    entries = {900101: S, 900102: DEEP}
    write_dump(
        folder / "stripped.gz",
        [f"A{n:06d} ," + ",".join(map(str, t)) + "," for n, t in entries.items()],
    )
    write_dump(folder / "names.gz", [f"A{n:06d} Planted {n}." for n in entries], kind="names")
    dest = folder / "mirror.sqlite"
    build_mirror(folder / "stripped.gz", folder / "names.gz", dest)
    return dest


def test_differences_account_for_every_query_term(mirror_file: Path) -> None:
    query = [100, *(100 + x for x in tf.partial_sums(S[:12]))]  # differences: S[:12]
    found = identify(query, offline=True, mirror=mirror_file)
    e = next(e for e in found if e.transforms == ("differences",))
    assert e.sequence is not None and e.sequence.id == "A900101"
    assert len(e.terms) == len(query) - 1 and e.matched == len(query)
    assert e.description.startswith("Partial sums of A900101 plus a constant: A900101")


def test_a_bisection_is_partial_and_ranks_after_whole_explanations(mirror_file: Path) -> None:
    found = identify(Q, offline=True, mirror=mirror_file, depth=2)
    ids = [e.sequence.id for e in found if e.sequence is not None]
    assert ids[:2] == ["A900102", "A900101"]
    deep, half = found[0], found[1]
    assert deep.transforms == ("binomial", "differences") and deep.matched == len(Q)
    assert half.transforms == ("bisection0",) and half.matched == 8 < len(Q)
    # the query's terms at even places are S (not: the query is S's even-place terms)
    assert half.description == (
        "A sequence whose terms at even places are A900101 (bisection) "
        "(8 of the 16 terms explained): A900101 (Planted 900101.)"
    )


def test_a_long_query_transforms_only_what_a_data_line_can_hold() -> None:
    # 1,000 terms: every transform of all of them took minutes (binomial, Euler, Stirling);
    # no data line holds more than WINDOW terms, so only those are transformed
    query = [n**3 + n + 7 for n in range(1000)]
    found = queries(query, 2)
    assert found and all(len(values) <= WINDOW for _, values, _ in found)
    assert all(matched <= WINDOW < len(query) for _, _, matched in found)


def test_a_growing_transform_stops_at_the_first_term_no_data_line_holds() -> None:
    # 300-digit terms: Euler's transform of 140 of them took about 15 s, and only its
    # first term (under 10^300) could be looked up
    query = [10**299 + n for n in range(40)]
    sizes: list[int] = []

    def euler(a: list[int]) -> list[int]:
        sizes.append(len(a))
        return tf.euler_transform(a)

    raw, used = _grown(euler, query)
    assert sizes == [16] and used == 16
    assert raw is not None and raw == tf.euler_transform(query)[:16]
    # what is looked up is what the whole transform would have given
    assert usable(raw) == usable(tf.euler_transform(query))
    # a transform that stays small is computed on all the terms
    sizes.clear()
    raw, used = _grown(lambda a: (sizes.append(len(a)), tf.differences(a))[1], query)
    assert sizes == [16, 32, 40] and used == 40 and raw == tf.differences(query)


def test_a_description_starting_with_a_formula_keeps_its_case() -> None:
    # (n+1)! = n! * (n+1): the catalogue's A000027 times n!
    query = [math.factorial(n) * (n + 1) for n in range(14)]
    found = identify(query, offline=True, mirror=Path("/nonexistent/mirror.sqlite"))
    e = next(e for e in found if e.transforms == ("divide_by_factorial",))
    assert e.description.startswith("n! times A000027: A000027")
    assert all(
        x.description[0].isupper()
        for x in found
        if x.description[0].isalpha() and x.description[0] != "n"
    )
