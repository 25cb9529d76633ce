"""Reading the mirror: opening with an integrity check, look-ups, subsequence search.

Damage is detected, never turned into a wrong answer: opening checks the schema, the ``meta``
rows and that the file has the length its page count says (cheap: a few page reads); every
compressed block and posting list read carries a CRC-32 that is checked before use; SQLite's
own errors (a malformed page) are caught. Each becomes a :class:`~numtheory.errors.MirrorError`
naming the damage and the repair (``numtheory mirror sync``), so the offline layer can fall
back to the catalogue. :func:`.status.mirror_status` runs the full check (``PRAGMA
quick_check`` and every checksum).
"""

from __future__ import annotations

import bisect
import functools
import os
import sqlite3
import zlib
from array import array
from collections.abc import Callable
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from numtheory.errors import InputError, MirrorError, NumtheoryError
from numtheory.oeis._catalogue import entry as catalogue_entry
from numtheory.oeis.dumpformat import GRAM, gram_buckets
from numtheory.oeis.mirror._common import (
    BIG_ENDIAN,
    BLOCK_BITS,
    FORMAT_VERSION,
    MAX_POS,
    META_KEYS,
    NEGATIVE_ROW,
    NUMBER_MASK,
    SCHEMA,
    blob_crc,
    damaged,
    line_of,
    mirror_path,
)
from numtheory.oeis.model import Sequence
from numtheory.oeis.parse import decimal_to_int

if TYPE_CHECKING:
    from numtheory.oeis.mirror._transformed import StartHits

__all__ = ["Mirror", "open_mirror"]

_BLOCK_CACHE = 4096  # decompressed blocks kept between searches (about 14 MB)
_DEEPENING_FROM = 512  # posting lists longer than this: search by increasing match depth

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Turn SQLite's and zlib's errors inside a read into MirrorError naming the damage."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except NumtheoryError:
            raise  # MirrorError itself, InputError (a ValueError) for a bad query
        except (sqlite3.Error, zlib.error, ValueError, TypeError, OverflowError) as exc:
            # a checksum that holds over text that is not what a build writes (a hostile
            # file), or a value of the wrong type: damage, never a traceback
            self = args[0]
            assert isinstance(self, Mirror)
            raise MirrorError(damaged(self.path, f"{type(exc).__name__}: {exc}")) from exc

    return wrapper


def _check_meta(path: Path, meta: dict[str, str]) -> None:
    """Raise MirrorError unless the ``meta`` rows are complete and well-formed."""
    version = meta.get("format_version")
    if version is not None and version != FORMAT_VERSION and version.isdigit():
        raise MirrorError(
            f"the mirror at {path} has format {version!r}, this numtheory reads "
            f"{FORMAT_VERSION!r} (run `numtheory mirror sync` again)"
        )
    missing = [key for key in META_KEYS if key not in meta]
    if missing:
        raise MirrorError(damaged(path, f"meta lacks {', '.join(missing)}"))
    if version != FORMAT_VERSION:
        raise MirrorError(damaged(path, f"meta format_version is {str(version)[:40]!r}"))
    for key in ("sequences", "names"):
        value = meta[key]
        if not (value.isascii() and value.isdigit() and len(value) < 10):
            raise MirrorError(damaged(path, f"meta {key} is {value[:40]!r}, not a count"))
    seconds = meta.get("build_seconds", "0")
    try:
        float(seconds)
    except ValueError:
        raise MirrorError(damaged(path, f"meta build_seconds is {seconds[:40]!r}")) from None


def _check_header(path: Path) -> None:
    """Raise MirrorError unless the file is SQLite and as long as its header says.

    Read straight from the 100-byte header (before SQLite parses anything): the page size
    at offset 16 and the page count at 28, which is valid when the counter at 92 matches
    the change counter at 24 (always so for files SQLite 3.7+ wrote).
    """
    with open(path, "rb") as handle:
        header = handle.read(100)
        size = handle.seek(0, os.SEEK_END)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        raise MirrorError(damaged(path, "not an SQLite file"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and size != pages * page_size:
        raise MirrorError(
            damaged(path, f"{size:,} bytes where its {pages:,} pages make {pages * page_size:,}")
        )


def _check_layout(path: Path, conn: sqlite3.Connection) -> None:
    """Raise MirrorError unless the tables are those a build writes."""
    for table, columns in SCHEMA.items():
        found = tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
        if found != columns:
            what = "missing" if not found else f"has columns {', '.join(found)}"
            raise MirrorError(damaged(path, f"table {table} {what}"))


class Mirror:
    """An open, read-only mirror file. Cheap to keep open; searches reuse the connection.

    Parameters
    ----------
    path
        The mirror file (default :func:`mirror_path`).

    Raises
    ------
    MirrorError
        No mirror there, not a mirror this version of numtheory can read, or a damaged file
        (the message names the damage and says how to rebuild). Searches and look-ups raise
        it too when they meet a damaged block.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else mirror_path()
        if not self.path.is_file():
            raise MirrorError(f"no mirror at {self.path} (run `numtheory mirror sync`)")
        try:
            _check_header(self.path)
        except OSError as exc:
            raise MirrorError(f"the mirror at {self.path} is unreadable: {exc}") from exc
        try:
            self._conn = sqlite3.connect(
                self.path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise MirrorError(f"the mirror at {self.path} is unreadable: {exc}") from exc
        try:
            _check_layout(self.path, self._conn)
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
            if not all(isinstance(v, str) and isinstance(k, str) for k, v in meta.items()):
                raise MirrorError(damaged(self.path, "meta holds values that are not text"))
            _check_meta(self.path, meta)
        except (sqlite3.Error, UnicodeDecodeError) as exc:  # a scribbled schema or meta text
            self._conn.close()
            raise MirrorError(damaged(self.path, f"{type(exc).__name__}: {exc}")) from exc
        except (MirrorError, OSError) as exc:
            self._conn.close()
            if isinstance(exc, MirrorError):
                raise
            raise MirrorError(f"the mirror at {self.path} is unreadable: {exc}") from exc
        self.meta: dict[str, str] = meta
        self.count = int(meta["sequences"])
        self._blocks: dict[int, bytes] = {}
        self._posting_cache: dict[int, array[int] | None] = {}
        self._negatives: frozenset[int] | None = None
        self._has_negatives = False
        self._posting_cached = 0
        self._set_cache: dict[tuple[int, int], frozenset[int]] = {}
        self._set_cached = 0

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- storage ------------------------------------------------------------------------------

    def _blob(self, blob: bytes, crc: int, what: str, key: int, part: int = 0) -> bytes:
        """``blob`` once its checksum (:func:`blob_crc`) matches, else MirrorError naming it.

        SQLite is dynamically typed, so a scribbled record header can turn any value into
        another type: a key, blob or checksum of the wrong type is damage too.
        """
        if (
            type(key) is not int
            or not isinstance(blob, bytes)
            or type(crc) is not int
            or blob_crc(blob, key, part) != crc
        ):
            raise MirrorError(damaged(self.path, f"{what} fails its checksum"))
        return blob

    def _inflate(self, blob: bytes, crc: int, block_id: int, part: str) -> bytes:
        if type(block_id) is int:
            first = block_id << BLOCK_BITS
            what = f"the {part} of A{first:06d}-A{first + (1 << BLOCK_BITS) - 1:06d}"
        else:
            what = f"the {part} of block {str(block_id)[:20]!r}"
        return zlib.decompress(self._blob(blob, crc, what, block_id, part == "names"))

    def _terms_blocks(self, numbers: list[int]) -> dict[int, bytes]:
        """Decompressed term blocks holding ``numbers`` (a small cache is kept)."""
        if len(self._blocks) > _BLOCK_CACHE:
            self._blocks.clear()
        wanted = {n >> BLOCK_BITS for n in numbers} - self._blocks.keys()
        if wanted:
            marks = ",".join("?" * len(wanted))
            for block_id, blob, crc in self._conn.execute(
                f"SELECT id, terms, tcrc FROM block WHERE id IN ({marks})", list(wanted)
            ):
                self._blocks[block_id] = self._inflate(blob, crc, block_id, "terms")
        return self._blocks

    def _entries(self, numbers: list[int], match: dict[int, int]) -> list[Sequence]:
        blocks = self._terms_blocks(numbers)
        wanted = list({n >> BLOCK_BITS for n in numbers})
        marks = ",".join("?" * len(wanted))
        name_blocks = {
            block_id: self._inflate(blob, crc, block_id, "names")
            for block_id, blob, crc in self._conn.execute(
                f"SELECT id, names, ncrc FROM block WHERE id IN ({marks})", wanted
            )
        }
        out = []
        for number in numbers:
            data = line_of(blocks.get(number >> BLOCK_BITS, b""), number)
            if data is None:
                continue
            name = line_of(name_blocks.get(number >> BLOCK_BITS, b""), number) or b""
            try:
                seq = _to_sequence(number, name.decode("utf-8"), data, match.get(number))
            except ValueError as exc:  # the checksum matched but the text is not a data line
                raise MirrorError(damaged(self.path, f"A{number:06d}: {exc}")) from exc
            out.append(seq)
        return out

    @_guarded
    def get(self, number: int) -> Sequence | None:
        """The entry with this A-number (as an int), or None."""
        found = self._entries([number], {})
        return found[0] if found else None

    # -- search -------------------------------------------------------------------------------

    @_guarded
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

    def search_counted(
        self, terms: list[int], *, start: int, limit: int, count_to: int, signed: bool = False
    ) -> tuple[list[Sequence], int | None]:
        """Hits ``[start, start+limit)`` as sequences, and the hit count if ``<= count_to``
        (else None). Only the page's entries are built: counting needs just A-numbers."""
        hits = self.search_hits(terms, limit=count_to + 1, signed=signed)
        page, total = hits[start : start + limit], (len(hits) if len(hits) <= count_to else None)
        return self._entries([n for _, n in page], {n: pos for pos, n in page}), total

    @_guarded
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

    @_guarded
    def search_start(
        self, terms: list[int], *, limit: int = 3, max_position: int = 3, budget: int = 256
    ) -> StartHits:
        """Sequences holding ``terms`` (signs ignored) as a run starting at ``max_position`` or
        earlier, best first; for many look-ups of transformed terms (``identify``).

        Bounded where :meth:`search` is exhaustive: only the posting-list prefixes that an
        early match needs are read, candidates are checked in the order of the earliest
        position their posting lists allow (then A-number), and the search stops at the
        ``limit``-th hit that no unchecked candidate can beat, or after ``budget`` checks:
        a run of very common terms that matches nothing costs milliseconds, not a second.
        Every hit returned is a real match; past the budget, a hit may be missed, and the
        result's ``complete`` is then False.
        """
        from numtheory.oeis.mirror._transformed import search_start

        return search_start(self, terms, limit, max_position, budget)

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
        for block_id, blob, crc in self._conn.execute(
            "SELECT id, terms, tcrc FROM block ORDER BY id"
        ):
            block = self._inflate(blob, crc, block_id, "terms")
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
        for key, blob, crc in self._conn.execute(
            f"SELECT bucket, postings, crc FROM grams WHERE bucket IN ({marks})", bucket_list
        ):
            postings = array("I")
            blob = self._blob(blob, crc, f"posting list {str(key)[:20]}", key)
            if len(blob) % postings.itemsize:
                raise MirrorError(damaged(self.path, f"posting list {key} has a partial entry"))
            postings.frombytes(blob)
            if BIG_ENDIAN:
                postings.byteswap()
            found[key] = postings
        return found

    def _with_negatives(self, lists: dict[int, array[int]]) -> dict[int, array[int]]:
        """The posting lists cut to the sequences with a negative term (a signed query with
        one cannot match elsewhere); unchanged for a mirror built without that row."""
        if self._negatives is None:
            row = self._postings([NEGATIVE_ROW]).get(NEGATIVE_ROW)
            self._negatives = frozenset(row) if row is not None else frozenset()
            self._has_negatives = row is not None
        if not self._has_negatives:
            return lists
        keep = self._negatives.__contains__
        cut = {}
        for key, postings in lists.items():
            kept = array("I", compress(postings, map(keep, map(NUMBER_MASK.__and__, postings))))
            if kept:
                cut[key] = kept
        return cut

    def _indexed(
        self, terms: list[int], needle: bytes, signed: bool, want: int | None
    ) -> list[tuple[int, int]]:
        keys = gram_buckets([str(abs(t)).encode("ascii") for t in terms])
        first_index: dict[int, int] = {}
        for j, key in enumerate(keys):
            first_index.setdefault(key, j)
        lists = self._postings(list(first_index))
        if signed and any(t < 0 for t in terms):
            lists = self._with_negatives(lists)
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
                filters.append(set(map(NUMBER_MASK.__and__, other)))
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
                data = line_of(blocks.get(number >> BLOCK_BITS, b""), number)
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

        mask = NUMBER_MASK
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
            self._match(needle, signed, line_of(blocks.get(n >> BLOCK_BITS, b""), n))
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
        mask = NUMBER_MASK.__and__
        checked: dict[int, int] = {}
        for depth in (0, 1, 3, 7, 15, 31, 63, 127, MAX_POS):
            final = depth >= MAX_POS
            candidates: set[int] | None = None
            for key in order:
                postings = lists[key]
                cutoff = depth + first_index[key]
                end = (
                    len(postings)
                    if final or cutoff >= MAX_POS
                    else bisect.bisect_right(postings, (cutoff << 24) | NUMBER_MASK)
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


#: What the dumps do not carry. The model's defaults for these are None (unknown).
_UNKNOWN = ("offset", "keywords", "reference_lines")


def _to_sequence(number: int, name: str, data: bytes, match_index: int | None) -> Sequence:
    """A Sequence from a data line. The dumps carry no offset, keywords or references (None,
    listed in ``extra["unknown_fields"]``); the catalogue supplies offset and keywords it knows."""
    text = data.decode("ascii").strip(",")  # "1,,2" raises below: damage, never a shifted term
    terms = tuple(map(decimal_to_int, text.split(","))) if text else ()
    fields: dict[str, Any] = {}
    unknown = list(_UNKNOWN)
    known = catalogue_entry(number)
    if known is not None:
        fields.update(offset=known.offset, keywords=known.keywords)
        unknown.remove("offset")
        unknown.remove("keywords")
    extra: dict[str, Any] = {"source": "mirror", "unknown_fields": tuple(unknown)}
    if match_index is not None:
        extra["match_index"] = match_index
    return Sequence(number=number, name=name, terms=terms, extra=extra, **fields)


_OPEN: dict[tuple[str, int, int], Mirror] = {}


def forget_open_mirrors() -> None:
    """Close the mirrors :func:`open_mirror` keeps (a new build replaced the file)."""
    for mirror in _OPEN.values():
        mirror.close()
    _OPEN.clear()


def open_mirror(path: str | os.PathLike[str] | None = None) -> Mirror | None:
    """The mirror at ``path`` (default :func:`mirror_path`), kept open; None when none is built.

    The open mirror is reused across calls until the file is replaced by a new sync.

    Raises
    ------
    MirrorError
        The file is there but damaged or of another format (the message says how to rebuild).
    """
    target = Path(path) if path is not None else mirror_path()
    try:
        stat = target.stat()
    except OSError:
        return None
    key = (str(target), stat.st_ino, stat.st_mtime_ns)
    mirror = _OPEN.get(key)
    if mirror is None:
        forget_open_mirrors()
        mirror = _OPEN[key] = Mirror(target)
    return mirror
