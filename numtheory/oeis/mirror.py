"""A full local mirror of the OEIS data lines: build, sync, status and subsequence search.

The mirror is one SQLite file, ``<cache>/oeis/mirror.sqlite`` (``<cache>`` is
``NUMTHEORY_CACHE_DIR`` or the platform user cache dir), built from the OEIS bulk dumps
``stripped.gz`` (terms) and ``names.gz`` (names). It holds three tables:

``seq(number INTEGER PRIMARY KEY, name TEXT, terms BLOB)``
    One row per sequence. ``terms`` is the data line exactly as in ``stripped.gz``
    (``,0,1,1,2,`` framed by commas, signs kept), zlib-compressed.
``grams(bucket INTEGER PRIMARY KEY, postings BLOB)``
    The inverted index. Every run of three consecutive terms of a sequence, taken as absolute
    values, is hashed to one of 2**20 buckets (:func:`numtheory.oeis.dumpformat.bucket_of`).
    A bucket's blob is a sorted little-endian ``uint32`` array of postings
    ``first_position << 24 | number``: the sequences that contain a run hashing there, with
    the position (clamped to 255) of the first such run. Sorting puts the earliest
    occurrences first, which is the order results are ranked in.
``meta(key TEXT PRIMARY KEY, value TEXT)``
    Format version, sequence count, the dump's ``Last Modified`` date, build time, source.

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
also tends to put first). A sync replaces the file atomically: it is built aside, fsynced, and
swapped in with :func:`os.replace`, so a failed or interrupted sync leaves the old mirror.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import gc
import gzip
import importlib
import os
import sqlite3
import sys
import time
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from numtheory.errors import InputError, MirrorError, OEISUnavailableError, OfflineError
from numtheory.oeis.dumpformat import (
    BUCKET_BITS,
    GRAM,
    gram_buckets,
    parse_dump_date,
    parse_name_line,
    parse_stripped_line,
)
from numtheory.oeis.model import Sequence

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

#: Bumped whenever the file layout or the hash changes; an older file is reported as stale.
FORMAT_VERSION = "1"

_NUMBER_BITS = 24
_NUMBER_MASK = (1 << _NUMBER_BITS) - 1
_MAX_POS = 255
_BIG_ENDIAN = sys.byteorder == "big"
_PART_BITS = 8
_BLOCK_CACHE = 4096  # decompressed blocks kept between searches (about 14 MB)
_DEEPENING_FROM = 512  # posting lists longer than this: search by increasing match depth
_BLOCK_BITS = 4  # sequences are stored zlib-compressed in blocks of 16 A-numbers
_DEFAULT_URL = "https://oeis.org"
_USER_AGENT = "numtheory-mirror/0.1 (+https://github.com/numtheory/numtheory)"


def cache_root() -> Path:
    """The numtheory cache directory: ``NUMTHEORY_CACHE_DIR`` or the platform user cache dir.

    The same directory as the HTTP cache (:func:`numtheory.oeis.config.cache_dir`).
    """
    from numtheory.oeis.config import cache_dir

    return cache_dir()


def mirror_path() -> Path:
    """Where the mirror lives: ``<cache_root>/oeis/mirror.sqlite``."""
    return cache_root() / "oeis" / "mirror.sqlite"


@dataclass(frozen=True)
class MirrorStatus:
    """What ``numtheory mirror status`` reports."""

    path: str
    exists: bool
    sequences: int = 0
    names: int = 0
    dump_date: str | None = None
    built_at: str | None = None
    source: str | None = None
    size_bytes: int = 0
    build_seconds: float | None = None
    format_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "exists": self.exists,
            "sequences": self.sequences,
            "names": self.names,
            "dump_date": self.dump_date,
            "built_at": self.built_at,
            "source": self.source,
            "size_bytes": self.size_bytes,
            "build_seconds": self.build_seconds,
            "format_version": self.format_version,
        }


# --------------------------------------------------------------------------------------------
# building


def _open_gzip_lines(path: Path, what: str) -> Iterator[str]:
    """Lines of a gzip text file; a damaged file (truncated, bad CRC) raises MirrorError."""
    try:
        with gzip.open(path, "rt", encoding="utf-8", errors="strict", newline="\n") as handle:
            yield from handle
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise MirrorError(f"{what} ({path}) is damaged: {exc}") from exc


_Record = TypeVar("_Record")


def _dump_records(
    path: Path, what: str, parse: Callable[[str], _Record | None], headers: list[str]
) -> Iterator[tuple[int, _Record]]:
    """(line number, record) for each data line of a dump; ``#`` lines go to ``headers``.

    A line that does not parse raises MirrorError naming the file and the line number.
    """
    for lineno, line in enumerate(_open_gzip_lines(path, what), 1):
        if line.startswith("#"):
            headers.append(line)
            continue
        try:
            parsed = parse(line)
        except ValueError as exc:
            raise MirrorError(f"{what} line {lineno}: {exc}") from None
        if parsed is not None:
            yield lineno, parsed


def _read_names(path: Path) -> tuple[dict[int, str], list[str]]:
    headers: list[str] = []
    names = dict(record for _, record in _dump_records(path, "names.gz", parse_name_line, headers))
    return names, headers


def _fsync_path(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def build_mirror(
    stripped: str | os.PathLike[str],
    names: str | os.PathLike[str],
    dest: str | os.PathLike[str] | None = None,
    *,
    source: str | None = None,
    min_count: int = 1,
    progress: bool = False,
) -> MirrorStatus:
    """Build the mirror index from ``stripped.gz`` and ``names.gz`` and swap it in atomically.

    Parameters
    ----------
    stripped, names
        Paths of the two dumps (gzip, in the OEIS format).
    dest
        The mirror file; default :func:`mirror_path`.
    source
        Recorded in the mirror's metadata (a URL or a directory).
    min_count
        Refuse (``MirrorError``) a dump with fewer sequences than this: a plausibility check
        so that a truncated-but-valid download never replaces a good mirror.
    progress
        Show a tqdm progress bar on stderr (the CLI passes True only on a TTY).

    Returns
    -------
    MirrorStatus
        The status of the new mirror.

    Raises
    ------
    MirrorError
        A dump is missing, damaged or malformed, or implausibly small. The previous mirror
        (if any) is left untouched.
    """
    started = time.perf_counter()
    stripped_path, names_path = Path(stripped), Path(names)
    final = Path(dest) if dest is not None else mirror_path()
    for path, what in ((stripped_path, "stripped.gz"), (names_path, "names.gz")):
        if not path.is_file():
            raise MirrorError(f"{what} not found at {path}")
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        gc_was_enabled = gc.isenabled()
        gc.disable()  # millions of small objects, no cycles: the collector only costs time
        try:
            name_map, name_headers = _read_names(names_path)
        finally:
            if gc_was_enabled:
                gc.enable()
        conn = sqlite3.connect(tmp)
        try:
            gc.disable()
            try:
                count, headers = _fill(conn, stripped_path, name_map, progress)
            finally:
                if gc_was_enabled:
                    gc.enable()
            if count < min_count:
                raise MirrorError(
                    f"stripped.gz holds only {count} sequences (expected at least {min_count}); "
                    "keeping the previous mirror"
                )
            dump_date = parse_dump_date(headers) or parse_dump_date(name_headers)
            meta = {
                "format_version": FORMAT_VERSION,
                "sequences": str(count),
                "names": str(len(name_map)),
                "dump_date": dump_date or "",
                "built_at": datetime.datetime.now(datetime.timezone.utc).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                ),
                "source": source or str(stripped_path.parent),
                "build_seconds": f"{time.perf_counter() - started:.2f}",
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.commit()
        finally:
            conn.close()
        _fsync_path(tmp)
        os.replace(tmp, final)
        _fsync_path(final.parent, directory=True)
    except sqlite3.Error as exc:
        raise MirrorError(f"could not write the mirror at {final}: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _forget_open_mirrors()
    return mirror_status(final)


def _fill(
    conn: sqlite3.Connection, stripped: Path, names: dict[int, str], progress: bool
) -> tuple[int, list[str]]:
    """Stream ``stripped.gz`` into the ``block`` table and build the ``grams`` index in memory."""
    conn.execute("PRAGMA page_size=16384")  # blocks of about 2 KB stay inline, no overflow pages
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        "CREATE TABLE block (id INTEGER PRIMARY KEY, terms BLOB NOT NULL, names BLOB NOT NULL)"
    )
    conn.execute("CREATE TABLE grams (bucket INTEGER PRIMARY KEY, postings BLOB NOT NULL)")

    # Postings go into 256 partitions by the top bits of their bucket, as 64-bit values
    # bucket << 32 | first_position << 24 | number: appends stay cache-friendly, and sorting
    # a partition orders it by bucket, then position, then A-number.
    parts = [array("Q") for _ in range(1 << _PART_BITS)]
    part_of = parts.__getitem__
    append = array.append
    to_part = (BUCKET_BITS - _PART_BITS).__rrshift__
    shift32 = (32).__rlshift__
    shift24 = (24).__rlshift__
    headers: list[str] = []
    rows: list[tuple[int, bytes, bytes]] = []
    term_lines: list[str] = []
    name_lines: list[str] = []
    current = -1
    count = 0
    last = 0
    bar = _progress_bar(progress, None, "indexing", "seq")

    def flush_block() -> None:
        if term_lines:
            rows.append(
                (
                    current,
                    zlib.compress("".join(term_lines).encode("ascii"), 6),
                    zlib.compress("".join(name_lines).encode("utf-8"), 6),
                )
            )
            if bar is not None:
                bar.update(len(term_lines))
            term_lines.clear()
            name_lines.clear()
        if len(rows) >= 2048:
            conn.executemany("INSERT INTO block VALUES (?, ?, ?)", rows)
            rows.clear()

    try:
        records = _dump_records(stripped, "stripped.gz", parse_stripped_line, headers)
        for lineno, (number, framed) in records:
            if number <= last:
                raise MirrorError(f"stripped.gz line {lineno}: A{number:06d} out of order")
            if number > _NUMBER_MASK:
                raise MirrorError(f"stripped.gz line {lineno}: A-number {number} too large")
            last = number
            count += 1
            if number >> _BLOCK_BITS != current:
                flush_block()
                current = number >> _BLOCK_BITS
            term_lines.append(f"\n{number} {framed}")
            name_lines.append(f"\n{number} {names.get(number, '')}")
            if len(framed) > 2 * GRAM:
                terms = framed[1:-1].replace("-", "").encode("ascii").split(b",")
                keys = gram_buckets(terms)
                # first position of each distinct bucket: the pairs go in in reverse order,
                # so earlier positions overwrite later ones
                firsts = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
                if len(keys) > _MAX_POS:
                    entries = [(min(p, _MAX_POS) << 24) | number for p in firsts.values()]
                else:
                    entries = list(map(number.__or__, map(shift24, firsts.values())))
                values = map(int.__or__, map(shift32, firsts), entries)
                deque(map(append, map(part_of, map(to_part, firsts)), values), maxlen=0)
        flush_block()
        conn.executemany("INSERT INTO block VALUES (?, ?, ?)", rows)
    finally:
        if bar is not None:
            bar.close()

    def gram_rows() -> Iterator[tuple[int, bytes]]:
        low32 = 0xFFFFFFFF.__and__
        for index in range(len(parts)):
            ordered = sorted(parts[index])
            parts[index] = array("Q")
            at, end = 0, len(ordered)
            while at < end:
                key = ordered[at] >> 32
                stop = bisect.bisect_left(ordered, (key + 1) << 32, at)
                postings = array("I", map(low32, ordered[at:stop]))
                if _BIG_ENDIAN:
                    postings.byteswap()
                yield key, postings.tobytes()
                at = stop

    conn.executemany("INSERT INTO grams VALUES (?, ?)", gram_rows())
    return count, headers


def _progress_bar(enabled: bool, total: int | None, desc: str, unit: str) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=True,
        unit_divisor=1024 if unit == "B" else 1000,
        file=sys.stderr,
        leave=False,
    )


def _line_of(block: bytes, number: int) -> bytes | None:
    """The framed data (or name) of ``number`` inside a decompressed block."""
    key = b"\n%d " % number
    at = block.find(key)
    if at < 0:
        return None
    end = block.find(b"\n", at + 1)
    return block[at + len(key) : end if end >= 0 else len(block)]


# --------------------------------------------------------------------------------------------
# reading and searching


class Mirror:
    """An open, read-only mirror file. Cheap to keep open; searches reuse the connection.

    Parameters
    ----------
    path
        The mirror file (default :func:`mirror_path`).

    Raises
    ------
    MirrorError
        No mirror there, or not a mirror this version of numtheory can read.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else mirror_path()
        if not self.path.is_file():
            raise MirrorError(f"no mirror at {self.path} (run `numtheory mirror sync`)")
        try:
            self._conn = sqlite3.connect(
                self.path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
            )
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise MirrorError(f"the mirror at {self.path} is unreadable: {exc}") from exc
        if meta.get("format_version") != FORMAT_VERSION:
            self._conn.close()
            raise MirrorError(
                f"the mirror at {self.path} has format {meta.get('format_version')!r}, "
                f"this numtheory reads {FORMAT_VERSION!r} (run `numtheory mirror sync` again)"
            )
        self.meta: dict[str, str] = meta
        self.count = int(meta["sequences"])
        self._blocks: dict[int, bytes] = {}

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- storage ------------------------------------------------------------------------------

    def _terms_blocks(self, numbers: list[int]) -> dict[int, bytes]:
        """Decompressed term blocks holding ``numbers`` (a small cache is kept)."""
        if len(self._blocks) > _BLOCK_CACHE:
            self._blocks.clear()
        wanted = {n >> _BLOCK_BITS for n in numbers} - self._blocks.keys()
        if wanted:
            marks = ",".join("?" * len(wanted))
            for block_id, blob in self._conn.execute(
                f"SELECT id, terms FROM block WHERE id IN ({marks})", list(wanted)
            ):
                self._blocks[block_id] = zlib.decompress(blob)
        return self._blocks

    def _entries(self, numbers: list[int], match: dict[int, int]) -> list[Sequence]:
        blocks = self._terms_blocks(numbers)
        wanted = list({n >> _BLOCK_BITS for n in numbers})
        marks = ",".join("?" * len(wanted))
        name_blocks = {
            block_id: zlib.decompress(blob)
            for block_id, blob in self._conn.execute(
                f"SELECT id, names FROM block WHERE id IN ({marks})", wanted
            )
        }
        out = []
        for number in numbers:
            data = _line_of(blocks.get(number >> _BLOCK_BITS, b""), number)
            if data is None:
                continue
            name = _line_of(name_blocks.get(number >> _BLOCK_BITS, b""), number) or b""
            out.append(_to_sequence(number, name.decode("utf-8"), data, match.get(number)))
        return out

    def get(self, number: int) -> Sequence | None:
        """The entry with this A-number (as an int), or None."""
        found = self._entries([number], {})
        return found[0] if found else None

    # -- search -------------------------------------------------------------------------------

    def search(
        self,
        terms: list[int],
        *,
        start: int = 0,
        limit: int | None = None,
        signed: bool = False,
    ) -> list[Sequence]:
        """Sequences containing ``terms`` as consecutive terms, best first.

        Parameters
        ----------
        terms
            The terms (at least one). Signs are ignored unless ``signed=True``, as in the
            OEIS's default ``seq:`` search.
        start, limit
            Skip the first ``start`` hits; return at most ``limit`` (None: all).
        signed
            Signs must match (the OEIS ``signed:`` search).

        Returns
        -------
        list of Sequence
            Ranked by match position, then A-number. ``extra["match_index"]`` holds the index
            (0-based, into ``terms``) where the run starts.
        """
        hits = self.search_hits(terms, start=start, limit=limit, signed=signed)
        return self._entries([n for _, n in hits], {n: pos for pos, n in hits})

    def search_hits(
        self,
        terms: list[int],
        *,
        start: int = 0,
        limit: int | None = None,
        signed: bool = False,
    ) -> list[tuple[int, int]]:
        """Like :meth:`search` but returns ``(match index, A-number)`` pairs only."""
        if not terms:
            raise InputError("search needs at least one term")
        if start < 0 or (limit is not None and limit < 0):
            raise InputError(f"start and limit must be >= 0, got start={start}, limit={limit}")
        want = None if limit is None else start + limit
        if want == 0:
            return []
        shown = terms if signed else [abs(t) for t in terms]
        needle = ("," + ",".join(map(str, shown)) + ",").encode("ascii")
        if len(terms) < GRAM:
            hits = self._scan(needle, signed, want)
        else:
            hits = self._indexed(terms, needle, signed, want)
        return hits[start:want]

    @staticmethod
    def _match(needle: bytes, signed: bool, data: bytes | None) -> int:
        """Index of the first run equal to ``needle`` in framed ``data``, or -1."""
        if data is None:
            return -1
        if not signed:
            data = data.replace(b"-", b"")
        at = data.find(needle)
        return -1 if at < 0 else data.count(b",", 0, at)

    def _scan(self, needle: bytes, signed: bool, want: int | None) -> list[tuple[int, int]]:
        """Queries shorter than a run of three: look at every sequence, in A-number order."""
        best: list[tuple[int, int]] = []
        inner = needle[1:]  # ",1,2," -> "1,2," so that a line's framing comma still counts
        for (blob,) in self._conn.execute("SELECT terms FROM block ORDER BY id"):
            block = zlib.decompress(blob)
            haystack = block if signed else block.replace(b"-", b"")
            at = haystack.find(inner)
            while at >= 0:
                line_start = haystack.rfind(b"\n", 0, at)
                space = haystack.find(b" ", line_start)
                number = int(haystack[line_start + 1 : space])
                line_end = haystack.find(b"\n", at)
                line_end = len(haystack) if line_end < 0 else line_end
                if haystack[at - 1 : at] == b",":
                    pos = haystack.count(b",", space, at - 1)
                    if want is None or len(best) < want or (pos, number) < best[-1]:
                        bisect.insort(best, (pos, number))
                        if want is not None:
                            del best[want:]
                    at = haystack.find(inner, line_end)  # first match in a line is the best
                else:
                    at = haystack.find(inner, at + 1)
            if want is not None and len(best) == want and best[-1][0] == 0:
                break
        return best

    def _postings(self, bucket_list: list[int]) -> dict[int, array[int]]:
        marks = ",".join("?" * len(bucket_list))
        found: dict[int, array[int]] = {}
        for key, blob in self._conn.execute(
            f"SELECT bucket, postings FROM grams WHERE bucket IN ({marks})", bucket_list
        ):
            postings = array("I")
            postings.frombytes(blob)
            if _BIG_ENDIAN:
                postings.byteswap()
            found[key] = postings
        return found

    def _indexed(
        self, terms: list[int], needle: bytes, signed: bool, want: int | None
    ) -> list[tuple[int, int]]:
        keys = gram_buckets([str(abs(t)).encode("ascii") for t in terms])
        first_index: dict[int, int] = {}
        for j, key in enumerate(keys):
            first_index.setdefault(key, j)
        lists = self._postings(list(first_index))
        if len(lists) < len(first_index):
            return []  # some run of three occurs in no sequence at all
        order = sorted(lists, key=lambda k: len(lists[k]))
        if want is not None and len(lists[order[0]]) > _DEEPENING_FROM:
            return self._deepening(order, lists, first_index, needle, signed, want)
        driver = lists[order[0]]
        shift = first_index[order[0]]
        filters: list[set[int]] = []
        if len(driver) > 16:
            budget = 60_000
            for key in order[1:]:
                other = lists[key]
                if len(other) > budget:
                    break
                budget -= len(other)
                filters.append(set(map(_NUMBER_MASK.__and__, other)))
        best: list[tuple[int, int]] = []
        pending: list[tuple[int, int]] = []
        chunk = 8

        def flush() -> bool:
            """Verify the pending candidates in rank order; True when the top hits are final."""
            blocks = self._terms_blocks([number for _, number in pending])
            done = False
            for bound, number in pending:
                if want is not None and len(best) >= want and (bound, number) > best[-1]:
                    done = True
                    break
                data = _line_of(blocks.get(number >> _BLOCK_BITS, b""), number)
                pos = self._match(needle, signed, data)
                if pos < 0:
                    continue
                if want is None:
                    best.append((pos, number))
                elif len(best) < want or (pos, number) < best[-1]:
                    bisect.insort(best, (pos, number))
                    del best[want:]
            pending.clear()
            return done

        mask = _NUMBER_MASK
        for entry in driver:
            number = entry & mask
            if filters and not all(number in f for f in filters):
                continue
            # the run of the driver bucket starts at (entry >> 24) or later, and it is run
            # number `shift` of the query: the match cannot start before the difference
            pending.append(((entry >> 24) - shift, number))
            if len(pending) >= chunk:
                if flush():
                    break
                chunk = min(chunk * 2, 256)
        else:
            if pending:
                flush()
        best.sort()
        return best

    def _check(self, numbers: list[int], needle: bytes, signed: bool) -> list[int]:
        """Match positions (-1: no match) of ``needle`` in the given sequences."""
        blocks = self._terms_blocks(numbers)
        return [
            self._match(needle, signed, _line_of(blocks.get(n >> _BLOCK_BITS, b""), n))
            for n in numbers
        ]

    def _deepening(
        self,
        order: list[int],
        lists: dict[int, array[int]],
        first_index: dict[int, int],
        needle: bytes,
        signed: bool,
        want: int,
    ) -> list[tuple[int, int]]:
        """Top ``want`` hits when every run of the query is common (``0,1,1,0,1,0``...).

        A match at position p needs run j of the query to occur first at p + j or earlier.
        So for a depth P, the sequences whose runs all occur early enough (a prefix of each
        posting list, which is sorted by first position) include every match at p <= P.
        Try P = 0, 1, 3, 7, ... until ``want`` matches at p <= P are found: they are then
        the best ones. At depth 0 every match found ties on position, so the candidates are
        checked in A-number order and the search stops at the ``want``-th match.
        """
        mask = _NUMBER_MASK.__and__
        checked: dict[int, int] = {}
        for depth in (0, 1, 3, 7, 15, 31, 63, 127, _MAX_POS):
            final = depth >= _MAX_POS
            candidates: set[int] | None = None
            for key in order:
                postings = lists[key]
                cutoff = depth + first_index[key]
                end = (
                    len(postings)
                    if final or cutoff >= _MAX_POS
                    else bisect.bisect_right(postings, (cutoff << 24) | _NUMBER_MASK)
                )
                numbers = set(map(mask, postings[:end]))
                if candidates is None:
                    candidates = numbers
                else:
                    candidates &= numbers
                if not candidates:
                    break
            fresh = sorted((candidates or set()) - checked.keys())
            hits_at_depth = sorted(
                (pos, n) for n, pos in checked.items() if 0 <= pos <= depth or (final and pos >= 0)
            )
            for at in range(0, len(fresh), 32):
                batch = fresh[at : at + 32]
                for number, pos in zip(batch, self._check(batch, needle, signed), strict=True):
                    checked[number] = pos
                    if pos >= 0 and (pos <= depth or final):
                        hits_at_depth.append((pos, number))
                if depth == 0 and len(hits_at_depth) >= want:
                    return sorted(hits_at_depth)[:want]  # all at position 0, by A-number
            if len(hits_at_depth) >= want or final:
                return sorted(hits_at_depth)[:want]
        return []  # not reached: the last depth is final


def _to_sequence(number: int, name: str, data: bytes, match_index: int | None) -> Sequence:
    text = data.decode("ascii").strip(",")
    terms = tuple(int(x) for x in text.split(",")) if text else ()
    offset = 0
    keywords: tuple[str, ...] = ()
    known = importlib.import_module("numtheory.oeis.catalogue").entry(number)
    if known is not None:
        offset, keywords = known.offset, known.keywords
    extra: dict[str, Any] = {"source": "mirror"}
    if match_index is not None:
        extra["match_index"] = match_index
    return Sequence(
        number=number, name=name, terms=terms, offset=offset, keywords=keywords, extra=extra
    )


_OPEN: dict[tuple[str, int, int], Mirror] = {}


def _forget_open_mirrors() -> None:
    for mirror in _OPEN.values():
        mirror.close()
    _OPEN.clear()


def open_mirror(path: str | os.PathLike[str] | None = None) -> Mirror | None:
    """The mirror at ``path`` (default :func:`mirror_path`), kept open; None when none is built.

    The open mirror is reused across calls until the file is replaced by a new sync.
    """
    target = Path(path) if path is not None else mirror_path()
    try:
        stat = target.stat()
    except OSError:
        return None
    key = (str(target), stat.st_ino, stat.st_mtime_ns)
    mirror = _OPEN.get(key)
    if mirror is None:
        _forget_open_mirrors()
        mirror = _OPEN[key] = Mirror(target)
    return mirror


def mirror_status(path: str | os.PathLike[str] | None = None) -> MirrorStatus:
    """Sequence count, dump date and size on disk of the mirror (``exists=False`` if none)."""
    target = Path(path) if path is not None else mirror_path()
    if not target.is_file():
        return MirrorStatus(path=str(target), exists=False)
    with Mirror(target) as mirror:
        meta = mirror.meta
    build = meta.get("build_seconds")
    return MirrorStatus(
        path=str(target),
        exists=True,
        sequences=int(meta.get("sequences", "0")),
        names=int(meta.get("names", "0")),
        dump_date=meta.get("dump_date") or None,
        built_at=meta.get("built_at"),
        source=meta.get("source"),
        size_bytes=target.stat().st_size,
        build_seconds=float(build) if build else None,
        format_version=meta.get("format_version"),
    )


# --------------------------------------------------------------------------------------------
# sync


class _TransientStatus(Exception):
    """A 429/5xx answer (retried; ``retry_after`` is honoured by the retry decorator)."""

    def __init__(self, status: int, url: str, retry_after: float | None) -> None:
        super().__init__(f"HTTP {status} from {url}")
        self.status = status
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _is_transient(exc: Exception) -> bool:
    import requests

    if isinstance(exc, _TransientStatus):
        return True
    if isinstance(exc, (requests.exceptions.SSLError, requests.exceptions.ProxyError)):
        return False
    return isinstance(
        exc,
        (
            requests.ConnectionError,
            requests.Timeout,
            requests.exceptions.ChunkedEncodingError,
        ),
    )


def _download(
    session: Any,
    url: str,
    dest: Path,
    progress: bool,
    timeout: float,
    sleep: Callable[[float], None] | None,
) -> dict[str, str]:
    """GET ``url`` into ``dest`` (streamed); return the response headers."""
    import requests

    @_retrying(timeout, sleep)
    def fetch() -> dict[str, str]:
        response = session.get(
            url,
            stream=True,
            timeout=(5.0, timeout),
            headers={"User-Agent": _USER_AGENT},
        )
        try:
            if response.status_code == 429 or response.status_code >= 500:
                raise _TransientStatus(
                    response.status_code, url, _retry_after(response.headers.get("Retry-After"))
                )
            if response.status_code != 200:
                raise MirrorError(f"{url} answered HTTP {response.status_code}")
            total = response.headers.get("Content-Length")
            bar = _progress_bar(progress, int(total) if total else None, dest.name, "B")
            try:
                with open(dest, "wb") as handle:
                    for block in response.iter_content(1 << 16):
                        handle.write(block)
                        if bar is not None:
                            bar.update(len(block))
                    handle.flush()
                    os.fsync(handle.fileno())
            finally:
                if bar is not None:
                    bar.close()
            return dict(response.headers)
        finally:
            response.close()

    try:
        return fetch()
    except _TransientStatus as exc:
        raise OEISUnavailableError(f"{exc} (gave up after retries)") from exc
    except requests.RequestException as exc:
        raise OEISUnavailableError(f"could not download {url}: {exc}") from exc


def _retrying(
    timeout: float, sleep: Callable[[float], None] | None
) -> Callable[[Callable[[], dict[str, str]]], Callable[[], dict[str, str]]]:
    from numtheory.retry import retry

    return retry(
        on=_is_transient,
        sleep=sleep,
        attempts=4,
        timeout=max(60.0, 4 * timeout),
        wait_initial=1.0,
        wait_max=30.0,
        wait_jitter=1.0,
    )


def sync_mirror(
    base_url: str | None = None,
    *,
    dest: str | os.PathLike[str] | None = None,
    session: Any = None,
    progress: bool = False,
    min_count: int | None = None,
    pause: float = 1.0,
    timeout: float = 60.0,
    log: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> MirrorStatus:
    """Download ``stripped.gz`` and ``names.gz`` and (re)build the mirror from them.

    Parameters
    ----------
    base_url
        The OEIS base URL; default ``NUMTHEORY_OEIS_URL`` or ``https://oeis.org``.
    dest
        The mirror file; default :func:`mirror_path`.
    session
        A ``requests.Session`` (one is made if None).
    progress
        tqdm bars on stderr (the CLI passes True only on a TTY).
    min_count
        The dump must hold at least this many sequences. Default: half of the current
        mirror's count (a truncated dump never replaces a good mirror), and at least 1.
    pause
        Seconds between the two downloads (OEIS etiquette: at least 1 s between requests).
    timeout
        Read timeout per request, in seconds.
    log
        Called with one-line progress notes (the CLI prints them on stderr).
    sleep
        The sleep used between retries and downloads (injectable for tests).

    Raises
    ------
    OfflineError
        ``NUMTHEORY_OFFLINE=1``: nothing is downloaded.
    OEISUnavailableError
        The OEIS could not be reached, or kept failing after retries.
    MirrorError
        A download arrived damaged (bad gzip, wrong format, implausibly few sequences).
        In every failure the previous mirror is left as it was.
    """
    import requests

    from numtheory.oeis.config import offline

    if offline():
        raise OfflineError(
            "offline (NUMTHEORY_OFFLINE=1): not downloading; use `numtheory mirror sync --from DIR`"
        )
    base = (base_url or os.environ.get("NUMTHEORY_OEIS_URL") or _DEFAULT_URL).rstrip("/")
    final = Path(dest) if dest is not None else mirror_path()
    final.parent.mkdir(parents=True, exist_ok=True)
    if min_count is None:
        min_count = 1
        if final.is_file():
            with contextlib.suppress(MirrorError, ValueError, KeyError):
                min_count = max(1, mirror_status(final).sequences // 2)
    own_session = session is None
    http = requests.Session() if own_session else session
    parts = {
        name: final.with_name(f".download-{os.getpid()}-{name}") for name in ("stripped", "names")
    }
    try:
        for i, name in enumerate(("stripped", "names")):
            if i and pause > 0:
                (sleep or time.sleep)(pause)
            url = f"{base}/{name}.gz"
            if log is not None:
                log(f"downloading {url}")
            _download(http, url, parts[name], progress, timeout, sleep)
        if log is not None:
            log("checking the dumps and building the index")
        return build_mirror(
            parts["stripped"],
            parts["names"],
            final,
            source=base,
            min_count=min_count,
            progress=progress,
        )
    finally:
        for part in parts.values():
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
        if own_session:
            http.close()


def write_dump(
    path: str | os.PathLike[str],
    lines: list[str],
    *,
    date: str = "January 01 00:00 UTC 2026",
    kind: str = "stripped",
) -> None:
    """Write a small dump in the OEIS format (for tests and benchmarks)."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as handle:
        _write_dump_header(handle, kind, date)
        for line in lines:
            handle.write(line + "\n")


def _write_dump_header(handle: IO[str], kind: str, date: str) -> None:
    what = "stripped terms" if kind == "stripped" else "names"
    handle.write("# OEIS Sequence Data (http://oeis.org/" + kind + ".gz)\n")
    handle.write(f"# Last Modified: {date}\n")
    handle.write("# Use of this content is governed by the\n")
    handle.write(f"# OEIS End-User License: http://oeis.org/LICENSE ({what})\n")
