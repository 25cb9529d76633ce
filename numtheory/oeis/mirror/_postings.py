"""The ``grams`` posting lists of a build, collected and sorted with numpy (issue 13).

The build hands each sequence's runs to :class:`PostingCollector` as raw CRC-32 values (one
C-level ``extend`` a sequence); every half a million runs they are reduced in numpy to one
posting per distinct bucket and sequence (its first position), and at the end each partition
of buckets is sorted and cut into rows. Before, each run cost about ten Python-level
operations and each partition a ``sorted`` of Python ints: 20 of the build's 37 s CPU.

The rows are the same, byte for byte, as those of the per-run Python code they replace: a
bucket's posting list is the sorted array of ``first_position << 24 | number`` (uint32,
little-endian), positions capped at :data:`MAX_POS`.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator
from typing import Any

from numtheory.oeis.dumpformat import BUCKET_BITS
from numtheory.oeis.mirror._common import MAX_POS, blob_crc

__all__ = ["PostingCollector"]

_PART_BITS = 8  # the rows come out in 256 partitions by the top bits of their bucket
_CHUNK = 1 << 19  # runs reduced at a time: about 30 MB of numpy temporaries
_crc32 = zlib.crc32
_join = b",".join


class PostingCollector:
    """Collects the runs of each sequence; :meth:`rows` yields the ``grams`` rows, in order.

    >>> c = PostingCollector()
    >>> c.add(7, [b"1", b"2", b"6", b"1", b"2", b"6"])
    >>> c.add(9, [b"2", b"6", b"1"])
    >>> from numtheory.oeis.dumpformat import bucket_of
    >>> rows = {key: blob for key, blob, _ in c.rows()}
    >>> rows[bucket_of(1, 2, 6)] == (0 << 24 | 7).to_bytes(4, "little")
    True
    >>> [(v >> 24, v & 0xFFFFFF) for v in array("I", rows[bucket_of(2, 6, 1)])]  # (pos, A)
    [(0, 9), (1, 7)]
    """

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self._crcs = array("I")  # raw CRC-32 of each run, sequence after sequence
        self._numbers = array("I")
        self._counts = array("I")
        self._parts: list[list[Any]] = [[] for _ in range(1 << _PART_BITS)]

    def add(self, number: int, terms: list[bytes]) -> None:
        """Record the runs of :data:`GRAM` = 3 terms of sequence ``number`` (absolute values).

        A run's bucket is the low bits of the CRC-32 of ``b"a,b,c"``, as
        :func:`numtheory.oeis.dumpformat.gram_buckets` computes it (a test checks they agree).
        """
        crcs = self._crcs
        before = len(crcs)
        crcs.extend(map(_crc32, map(_join, zip(terms, terms[1:], terms[2:], strict=False))))
        self._numbers.append(number)
        self._counts.append(len(crcs) - before)
        if len(crcs) >= _CHUNK:
            self._reduce()

    def _reduce(self) -> None:
        """One posting per (bucket, sequence) of the pending runs, filed by partition."""
        np = self._np
        if not self._crcs:
            return
        u64 = np.uint64
        counts = np.frombuffer(self._counts, dtype=np.uint32).astype(np.int64)
        numbers = np.repeat(np.frombuffer(self._numbers, dtype=np.uint32).astype(u64), counts)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        positions = np.arange(len(self._crcs), dtype=np.int64) - starts
        np.minimum(positions, MAX_POS, out=positions)
        buckets = np.frombuffer(self._crcs, dtype=np.uint32) & np.uint32((1 << BUCKET_BITS) - 1)
        # sorted by bucket, then number, then position: a sequence's repeats of a bucket
        # are adjacent, its first position first
        keys = buckets.astype(u64) << u64(32) | numbers << u64(8) | positions.astype(u64)
        del numbers, starts, positions, buckets
        keys.sort()
        first = np.empty(len(keys), dtype=bool)
        first[0] = True
        np.not_equal(keys[1:] >> u64(8), keys[:-1] >> u64(8), out=first[1:])
        keys = keys[first]
        # bucket << 32 | position << 24 | number: the order of the rows' posting lists
        values = keys & u64(0xFFFFFFFF00000000)
        values |= (keys & u64(0xFF)) << u64(24)
        values |= (keys >> u64(8)) & u64(0xFFFFFF)
        del keys, first
        values.sort()
        shift = u64(32 + BUCKET_BITS - _PART_BITS)
        edges = np.searchsorted(values >> shift, np.arange((1 << _PART_BITS) + 1)).tolist()
        for part in range(1 << _PART_BITS):
            if edges[part] < edges[part + 1]:
                self._parts[part].append(values[edges[part] : edges[part + 1]])
        self._crcs = array("I")
        self._numbers = array("I")
        self._counts = array("I")

    def rows(self) -> Iterator[tuple[int, bytes, int]]:
        """``(bucket, postings blob, crc)`` for every non-empty bucket, by bucket."""
        np = self._np
        self._reduce()
        for part in range(1 << _PART_BITS):
            pieces, self._parts[part] = self._parts[part], []
            if not pieces:
                continue
            ordered = np.concatenate(pieces)
            del pieces
            ordered.sort(kind="stable")  # sorted pieces: a merge of runs
            keys = ordered >> np.uint64(32)
            cuts = (np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist()
            data = ordered.astype("<u4").tobytes()  # the low 32 bits, little-endian
            starts = [0, *cuts]
            for key, at, end in zip(
                keys[starts].tolist(), starts, [*cuts, len(ordered)], strict=True
            ):
                blob = data[4 * at : 4 * end]
                yield key, blob, blob_crc(blob, key)
