"""The numpy posting collector of the mirror build against a plain-Python construction."""

from __future__ import annotations

import random
from array import array

from numtheory.oeis.dumpformat import gram_buckets
from numtheory.oeis.mirror import _postings
from numtheory.oeis.mirror._common import MAX_POS, NUMBER_MASK
from numtheory.oeis.mirror._postings import PostingCollector


def _expected(lines: list[tuple[int, list[bytes]]]) -> dict[int, bytes]:
    """bucket -> posting blob, one run at a time, as the build did before numpy."""
    lists: dict[int, list[int]] = {}
    for number, terms in lines:
        firsts: dict[int, int] = {}
        for position, key in enumerate(gram_buckets(terms)):
            firsts.setdefault(key, position)
        for key, position in firsts.items():
            lists.setdefault(key, []).append(min(position, MAX_POS) << 24 | number)
    return {key: array("I", sorted(v)).tobytes() for key, v in lists.items()}


def test_rows_match_a_per_run_construction(monkeypatch) -> None:
    # a small chunk so that many reductions (and partitions split across them) happen
    monkeypatch.setattr(_postings, "_CHUNK", 1000)
    rng = random.Random(5)
    lines = []
    # A-numbers up to the top of their 24 bits (a bit too many would spill into the position
    # or the bucket), terms of up to 300 digits (hashed as text, never made machine ints)
    numbers = sorted({*rng.sample(range(1, NUMBER_MASK), 1000), NUMBER_MASK})
    for number in numbers:
        size = rng.choice((0, 2, 3, 5, 40, 300))  # 300 runs: positions past MAX_POS
        top = rng.choice((1, 3, 10**6, 10**300))
        lines.append((number, [str(rng.randint(0, top)).encode() for _ in range(size)]))
    lines[-1] = (NUMBER_MASK, [b"4", b"1", b"5", b"9"])
    collector = PostingCollector()
    for number, terms in lines:
        collector.add(number, terms)
    rows = list(collector.rows())
    assert [key for key, _, _ in rows] == sorted(_expected(lines))
    assert {key: blob for key, blob, _ in rows} == _expected(lines)
    assert any(blob[3] == MAX_POS for _, blob, _ in rows)  # the cap was exercised
    top = NUMBER_MASK.to_bytes(3, "little")
    assert any(top in blob for _, blob, _ in rows)  # and the largest A-number
