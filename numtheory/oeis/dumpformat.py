"""The OEIS bulk dumps ``stripped.gz`` and ``names.gz``: line formats and the k-gram hash.

Pure: no I/O. The (bounded, streaming) reading of the gzip files lives in
:mod:`numtheory.oeis.mirror.build`.

``stripped`` lines hold an A-number, a space, and the data line framed by commas, signs kept::

    A000045 ,0,1,1,2,3,5,8,13,21,34,

``names`` lines hold an A-number, a space, and the name::

    A000045 Fibonacci numbers: F(n) = F(n-1) + F(n-2) with F(0) = 0 and F(1) = 1.

Both files start with a few ``#`` header lines, one of which reads
``# Last Modified: September 29 05:00 UTC 2026``.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

__all__ = [
    "BUCKET_BITS",
    "GRAM",
    "bucket_of",
    "gram_buckets",
    "parse_dump_date",
    "parse_name_line",
    "parse_stripped_line",
]

#: Length of the runs of consecutive terms that the mirror index is keyed on.
GRAM = 3

#: The index has 2**BUCKET_BITS buckets: a run's bucket is the low bits of the CRC-32 of the
#: run written as in the data line (``b"1,2,6"``, absolute values). CRC-32 is fixed by the
#: zlib standard, so an index built anywhere is read the same everywhere, and it runs in C.
BUCKET_BITS = 20
_BUCKET_MASK = (1 << BUCKET_BITS) - 1
_mask = _BUCKET_MASK.__and__
_join = b",".join

_DATA_CHARS = str.maketrans("", "", "0123456789,-")  # translate() leaves anything else
_DATE = re.compile(r"#\s*Last Modified:\s*(.+?)\s*$")


def bucket_of(a: int, b: int, c: int) -> int:
    """Index bucket of the run ``a, b, c`` (signs ignored); 0 <= bucket < 2**20.

    >>> bucket_of(1, 2, 6) == bucket_of(-1, 2, -6)
    True
    >>> 0 <= bucket_of(10**100, 0, 7) < 2**20
    True
    """
    return gram_buckets([str(abs(v)).encode("ascii") for v in (a, b, c)])[0]


def gram_buckets(terms: list[bytes]) -> list[int]:
    """Buckets of every run of :data:`GRAM` consecutive terms (decimal bytes, no signs).

    Everything runs in C (``map`` over :func:`zlib.crc32`): building the index of 400,000
    sequences hashes about 17 million runs.

    >>> gram_buckets([b"1", b"2"])
    []
    >>> gram_buckets([b"1", b"2", b"6", b"20"]) == [bucket_of(1, 2, 6), bucket_of(2, 6, 20)]
    True
    """
    return list(
        map(_mask, map(zlib.crc32, map(_join, zip(terms, terms[1:], terms[2:], strict=False))))
    )


def parse_stripped_line(line: str) -> tuple[int, str] | None:
    """``(number, framed data)`` for a ``stripped`` line; ``None`` for a ``#`` header line.

    The data keeps its framing commas and signs. A malformed line raises ``ValueError``.
    (Checked with string methods rather than a regular expression: this runs 400,000 times
    per build.)

    >>> parse_stripped_line("A000045 ,0,1,1,2,3,5,")
    (45, ',0,1,1,2,3,5,')
    >>> parse_stripped_line("A000004 ,")
    (4, ',')
    >>> parse_stripped_line("# Last Modified: September 29 05:00 UTC 2026") is None
    True
    >>> parse_stripped_line("A000045 ,1,-,2,")
    Traceback (most recent call last):
    ValueError: not a stripped.gz line: 'A000045 ,1,-,2,'
    """
    line = line.rstrip()
    if not line or line.startswith("#"):
        return None
    space = line.find(" ")
    digits, data = line[1:space], line[space + 1 :]
    if (
        line[0] != "A"
        or not 6 <= len(digits) <= 7
        or not (digits.isascii() and digits.isdigit())
        or data[:1] != ","
        or data[-1:] != ","
        or data.translate(_DATA_CHARS)
        or (",," in data and data != ",")
        or "-," in data
        or data.count("-") != data.count(",-")
    ):
        raise ValueError(f"not a stripped.gz line: {line[:80]!r}")
    return int(digits), data


def parse_name_line(line: str) -> tuple[int, str] | None:
    """``(number, name)`` for a ``names`` line; ``None`` for a ``#`` header line.

    >>> parse_name_line("A000045 Fibonacci numbers.")
    (45, 'Fibonacci numbers.')
    """
    line = line.rstrip("\r\n")
    if not line or line.startswith("#"):
        return None
    number, _, name = line.partition(" ")
    digits = number[1:]
    if (
        number[:1] != "A"
        or not 6 <= len(digits) <= 7
        or not (digits.isascii() and digits.isdigit())
    ):
        raise ValueError(f"not a names.gz line: {line[:80]!r}")
    return int(digits), name


def parse_dump_date(header_lines: Iterable[str]) -> str | None:
    """The ``Last Modified`` date from a dump's ``#`` header lines, as written there.

    >>> parse_dump_date(["# OEIS", "# Last Modified: September 29 05:00 UTC 2026"])
    'September 29 05:00 UTC 2026'
    """
    for line in header_lines:
        match = _DATE.match(line)
        if match:
            return match.group(1)
    return None
