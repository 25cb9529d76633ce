"""A full local mirror of the OEIS data lines: build, sync, status and subsequence search.

The mirror is one SQLite file, ``<cache>/oeis/mirror.sqlite`` (``<cache>`` is
``NUMTHEORY_CACHE_DIR`` or the platform user cache dir), built from the OEIS bulk dumps
``stripped.gz`` (terms) and ``names.gz`` (names). It holds three tables:

``block(id INTEGER PRIMARY KEY, terms BLOB, names BLOB, tcrc INTEGER, ncrc INTEGER)``
    The sequences with A-numbers ``16*id .. 16*id+15``: their data lines exactly as in
    ``stripped.gz`` (``,0,1,1,2,`` framed by commas, signs kept) and their names, each part
    zlib-compressed, with the CRC-32 of each compressed blob (checked on every read).
``grams(bucket INTEGER PRIMARY KEY, postings BLOB, crc INTEGER)``
    The inverted index. Every run of three consecutive terms of a sequence, taken as absolute
    values, is hashed to one of 2**20 buckets (:func:`numtheory.oeis.dumpformat.bucket_of`).
    A bucket's blob is a sorted little-endian ``uint32`` array of postings
    ``first_position << 24 | number``: the sequences that contain a run hashing there, with
    the position (clamped to 255) of the first such run. Sorting puts the earliest
    occurrences first, which is the order results are ranked in. ``crc`` as for blocks.
``meta(key TEXT PRIMARY KEY, value TEXT)``
    ``format_version``, ``sequences`` and ``names`` (counts), ``dump_date`` (the dump's
    ``Last Modified`` line), ``built_at``, ``source`` (URL or folder), and ``build_seconds``.

Search (:meth:`Mirror.search`): the query's runs of three give a few buckets; the shortest
posting list supplies candidates in ascending ``(lower bound of the match position,
A-number)`` order, the other lists (when small enough to be cheap) filter them, and each
candidate is verified against its stored data line with a byte search for
``,t1,t2,...,tk,`` (signs stripped on both sides unless ``signed=True``). Because candidates
arrive in rank order, the search stops as soon as the best ``limit`` hits are certain, so very
common runs (``1,1,1,1``, ``0,0,0``) do not force a scan of every sequence containing them.
Queries of one or two terms have no run of three and fall back to a scan in A-number order
that stops after ``limit`` hits at position 0.

Ranking, like the OEIS's own order for term searches as far as it can be reproduced offline:
every hit contains the whole query as a run of consecutive terms, so hits differ only in where
the run starts. Earlier matches rank first (a match at the start of the data line is the
strongest evidence), then lower A-numbers (older entries, which the OEIS's relevance order
also tends to put first).

Reliability: a sync replaces the file atomically (built in a private temporary directory,
fsynced, swapped in with :func:`os.replace`), so a failed or interrupted sync leaves the old
mirror; downloads, decompression and the whole sync are bounded (:mod:`.sync`); a damaged
file is detected and reported as :class:`~numtheory.errors.MirrorError` (:mod:`.read`).

Modules: :mod:`.build` (dumps to file), :mod:`.read` (open, check, search), :mod:`.status`
(counts and the full integrity check), :mod:`.sync` (download and build).
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING, Any

from numtheory.oeis.mirror._common import FORMAT_VERSION, MirrorStatus, cache_root, mirror_path

# The reader, the build, the status check and the sync are imported on first use (PEP 562):
# an offline search needs only the reader.
_HOMES = {
    "build_mirror": "build",
    "Mirror": "read",
    "open_mirror": "read",
    "mirror_status": "status",
    "sync_mirror": "sync",
}

if TYPE_CHECKING:
    from numtheory.oeis.mirror.build import build_mirror
    from numtheory.oeis.mirror.read import Mirror, open_mirror
    from numtheory.oeis.mirror.status import mirror_status
    from numtheory.oeis.mirror.sync import sync_mirror

__all__ = [
    "FORMAT_VERSION",
    "Mirror",
    "MirrorStatus",
    "build_mirror",
    "cache_root",
    "mirror_path",
    "mirror_status",
    "open_mirror",
    "sync_mirror",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
