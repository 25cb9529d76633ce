"""The mirror's bounded search near the start of entries, for ``identify`` (issue 13).

:meth:`Mirror.search_start <numtheory.oeis.mirror.read.Mirror.search_start>` calls
:func:`search_start`; the caches it uses live on the open :class:`Mirror`. Same file format,
same checks (every posting list read through :meth:`Mirror._postings`, its CRC checked).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from numtheory.errors import InputError
from numtheory.oeis.dumpformat import GRAM, gram_buckets
from numtheory.oeis.mirror._common import MAX_POS, NUMBER_MASK
from numtheory.oeis.model import Sequence

if TYPE_CHECKING:
    from numtheory.oeis.mirror.read import Mirror

__all__ = ["StartHits", "search_start"]

_LISTS_READ = 4  # posting lists read per query: the shortest ones
_POSTING_CACHE = 4_000_000  # posting-list entries (and set members) kept: at most ~16 MB each


class StartHits(list[Sequence]):
    """The hits of :meth:`Mirror.search_start`, best first; ``complete`` is False when the
    budget cut the search short (a better hit may exist among the unchecked candidates)."""

    def __init__(self, hits: Iterable[Sequence] = (), complete: bool = True) -> None:
        super().__init__(hits)
        self.complete = complete


def search_start(
    mirror: Mirror, terms: list[int], limit: int, max_position: int, budget: int
) -> StartHits:
    """:meth:`Mirror.search_start`, which documents it."""
    if len(terms) < GRAM or limit < 1:
        raise InputError(f"search_start needs at least {GRAM} terms and limit >= 1")
    keys = gram_buckets([str(abs(t)).encode("ascii") for t in terms])
    if max_position == 0:
        # an entry that starts with the query starts with its first run: when no entry does
        # (most of the rests of depth 2's pair search), that one list answers. Otherwise the
        # shortest lists are intersected, as for any position: checking the entries that
        # start with the first run one by one (a block read each) was slower, even for 8.
        first = _cached_postings(mirror, keys[:1]).get(keys[0])
        if first is None or first[0] > NUMBER_MASK:
            return StartHits()
    found = _candidates(mirror, keys, max_position, budget)
    if found is None:
        return StartHits()
    ordered, complete = found
    needle = ("," + ",".join(str(abs(t)) for t in terms) + ",").encode("ascii")
    hits: list[tuple[int, int]] = []
    for at in range(0, min(len(ordered), budget), 32):
        batch = ordered[at : min(at + 32, budget)]
        if len(hits) >= limit and hits[limit - 1] < batch[0]:
            complete = True
            break  # no candidate left can start earlier than the hits found
        numbers = [n for _, n in batch]
        for n, pos in zip(numbers, mirror._check(numbers, needle, False), strict=True):
            if 0 <= pos <= max_position:
                hits.append((pos, n))
        hits.sort()
    hits = hits[:limit]
    return StartHits(mirror._entries([n for _, n in hits], {n: pos for pos, n in hits}), complete)


def _candidates(
    mirror: Mirror, keys: list[int], max_position: int, budget: int
) -> tuple[list[tuple[int, int]], bool] | None:
    """(earliest possible position, A-number) of the entries to check, and whether they are
    all of them; None when no entry can match. The shortest posting lists drive."""
    first_index: dict[int, int] = {}
    for j, key in enumerate(keys):
        first_index.setdefault(key, j)
    # The sizes first (the blobs stay unread): a run that occurs nowhere ends the search at
    # once, and only the shortest lists are read; the others would filter little, and
    # every candidate is checked against its data line anyway.
    wanted = [key for key in first_index if key not in mirror._posting_cache]
    sizes = {key: len(p) for key in first_index if (p := mirror._posting_cache.get(key))}
    if any(key in mirror._posting_cache and key not in sizes for key in first_index):
        return None  # a bucket known to be empty
    if wanted:
        marks = ",".join("?" * len(wanted))
        rows = mirror._conn.execute(
            f"SELECT bucket, length(postings) FROM grams WHERE bucket IN ({marks})", wanted
        ).fetchall()
        if len(rows) < len(wanted):
            return None
        sizes.update((key, size // 4) for key, size in rows)
    shortest = sorted(first_index, key=lambda key: sizes[key])[:_LISTS_READ]
    lists = _cached_postings(mirror, shortest)
    if len(lists) < len(shortest):
        return None
    prefixes = []  # (end of the prefix, last position it covers, query index, postings)
    for key, postings in lists.items():
        cutoff = min(max_position + first_index[key], MAX_POS)
        end = bisect.bisect_right(postings, (cutoff << 24) | NUMBER_MASK)
        prefixes.append((end, cutoff, first_index[key], postings))
    prefixes.sort(key=lambda item: item[0])
    keys_of = {id(postings): key for key, postings in lists.items()}
    end_0 = prefixes[0][0]
    # the shortest prefix drives; the others filter (C-level set operations, cached)
    end, cutoff, j, driver = prefixes[0]
    candidates = set(_prefix_set(mirror, keys_of[id(driver)], cutoff, driver, end))
    for end, cutoff, _, postings in prefixes[1:]:
        if not candidates:
            return None
        if len(candidates) * (cutoff + 1) * 8 < end:  # a few probes beat reading the prefix
            candidates = {
                n
                for n in candidates
                if any(_holds(postings, (p << 24) | n, end) for p in range(cutoff + 1))
            }
        else:
            candidates &= _prefix_set(mirror, keys_of[id(postings)], cutoff, postings, end)
    driver_cutoff = prefixes[0][1]
    if len(candidates) <= 4 * budget:
        # the earliest position a match can start at, by the driver's first position
        ordered: list[tuple[int, int]] = []
        for n in candidates:
            first = next(
                p for p in range(driver_cutoff + 1) if _holds(driver, (p << 24) | n, end_0)
            )
            ordered.append((max(first - j, 0), n))
        ordered.sort()
    else:  # a very common run: the candidates that may match at position 0, by A-number
        at_start = bisect.bisect_right(driver, (j << 24) | NUMBER_MASK, 0, end_0)
        early = candidates.intersection(map(NUMBER_MASK.__and__, driver[:at_start]))
        ordered = [(0, n) for n in sorted(early)[:budget]]
    complete = len(ordered) <= budget and len(candidates) <= 4 * budget
    return ordered, complete


def _cached_postings(mirror: Mirror, bucket_list: list[int]) -> dict[int, array[int]]:
    """:meth:`_postings` through a small cache: the transforms of one query share runs."""
    cache = mirror._posting_cache
    if mirror._posting_cached > _POSTING_CACHE:
        cache.clear()
        mirror._posting_cached = 0
    missing = [key for key in bucket_list if key not in cache]
    if missing:
        found = mirror._postings(missing)
        for key in missing:
            postings = found.get(key)  # None: no such bucket, remembered too
            cache[key] = postings
            mirror._posting_cached += 0 if postings is None else len(postings)
    out: dict[int, array[int]] = {}
    for key in bucket_list:
        postings = cache[key]
        if postings is not None:
            out[key] = postings
    return out


def _prefix_set(
    mirror: Mirror, key: int, cutoff: int, postings: array[int], end: int
) -> frozenset[int]:
    """The A-numbers of ``postings[:end]`` (first position <= ``cutoff``), cached."""
    cache = mirror._set_cache
    found = cache.get((key, cutoff))
    if found is None:
        if mirror._set_cached > _POSTING_CACHE:
            cache.clear()
            mirror._set_cached = 0
        found = cache[(key, cutoff)] = frozenset(map(NUMBER_MASK.__and__, postings[:end]))
        mirror._set_cached += len(found)
    return found


def _holds(postings: array[int], value: int, end: int) -> bool:
    """Whether the sorted ``postings[:end]`` hold ``value`` (a binary search)."""
    at = bisect.bisect_left(postings, value, 0, end)
    return at < end and postings[at] == value
