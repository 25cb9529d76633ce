"""Building the mirror file from the dumps: bounded gzip reading, the index, the atomic swap."""

from __future__ import annotations

import datetime
import gc
import os
import sqlite3
import time
import zlib
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TypeVar

from numtheory.errors import MirrorError
from numtheory.oeis.dumpformat import (
    GRAM,
    parse_dump_date,
    parse_name_line,
    parse_stripped_line,
)
from numtheory.oeis.mirror import _files
from numtheory.oeis.mirror._common import (
    BIG_ENDIAN,
    BLOCK_BITS,
    FORMAT_VERSION,
    NEGATIVE_ROW,
    NUMBER_MASK,
    MirrorStatus,
    blob_crc,
    mirror_path,
    progress_bar,
)
from numtheory.oeis.mirror._postings import PostingCollector

__all__ = ["build_mirror"]

_PART_BITS = 8
_STEP = 1 << 18  # decompress at most 256 KiB at a time: a gzip bomb is never whole in memory
_CHECK_EVERY = 4096  # records between two deadline checks


def _inflate(handle: IO[bytes]) -> Iterator[bytes]:
    """Decompressed pieces (at most 256 KiB each) of the gzip stream in ``handle``.

    Multi-member files (``cat a.gz b.gz``) are read whole, as gzip itself does. zlib checks
    each member's CRC-32 and length; a stream that stops inside a member raises EOFError.
    """
    decomp = zlib.decompressobj(wbits=31)  # 16 + MAX_WBITS: gzip framing, CRC checked
    in_member = False
    while chunk := handle.read(1 << 16):
        data = chunk
        while True:
            out = decomp.decompress(data, _STEP)
            data = decomp.unconsumed_tail
            if decomp.eof:
                data = decomp.unused_data  # the next member (or trailing garbage: an error)
                decomp = zlib.decompressobj(wbits=31)
                in_member = False
            else:
                in_member = True
            if out:
                yield out
            if not data and len(out) < _STEP:
                break  # input used up and zlib holds no more output
    if in_member:
        raise EOFError("it ends in the middle of the compressed data")


def _gzip_lines(
    path: Path, what: str, encoding: str, max_unpacked: int, max_line: int = _files.MAX_LINE
) -> Iterator[str]:
    """The lines of a gzip file (without their newline), decompressed as a bounded stream.

    Raises MirrorError for a damaged file (truncated, bad CRC, not gzip, bad encoding), a
    line longer than ``max_line`` bytes, or more than ``max_unpacked`` bytes decompressed:
    memory stays bounded whatever the file holds (a gzip bomb is refused, not unpacked).
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 (a generator holds it; closed below)
    except OSError as exc:
        raise MirrorError(f"cannot read {what} ({path}): {exc.strerror or exc}") from exc
    total = 0
    lineno = 0
    pending = b""
    try:
        with handle:
            for out in _inflate(handle):
                total += len(out)
                if total > max_unpacked:
                    raise MirrorError(
                        f"{what} ({path}) unpacks to more than {max_unpacked:,} bytes, the "
                        "limit (a damaged or hostile file?); raise it with --max-unpacked SIZE "
                        "or NUMTHEORY_MIRROR_MAX_UNPACKED"
                    )
                buf = pending + out
                cut = buf.rfind(b"\n")
                if cut < 0:
                    pending = buf
                else:
                    lines = buf[:cut].decode(encoding).split("\n")
                    pending = buf[cut + 1 :]
                    if max(map(len, lines)) > max_line:
                        at = next(i for i, line in enumerate(lines) if len(line) > max_line)
                        raise _too_long(what, lineno + at + 1, max_line)
                    lineno += len(lines)
                    yield from lines
                if len(pending) > max_line:
                    raise _too_long(what, lineno + 1, max_line)
            if pending:
                yield pending.decode(encoding)
    except (zlib.error, EOFError) as exc:
        raise MirrorError(f"{what} ({path}) is damaged: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise MirrorError(f"{what} ({path}) is damaged: not {encoding} text ({exc})") from exc
    except OSError as exc:
        raise MirrorError(f"cannot read {what} ({path}): {exc.strerror or exc}") from exc


def _too_long(what: str, lineno: int, max_line: int) -> MirrorError:
    return MirrorError(
        f"{what} line {lineno} is longer than {max_line:,} bytes (a damaged or hostile file?)"
    )


_Record = TypeVar("_Record")


def _dump_records(
    lines: Iterator[str],
    what: str,
    parse: Callable[[str], _Record | None],
    headers: list[str],
    deadline: _files.Deadline | None,
) -> Iterator[tuple[int, _Record]]:
    """(line number, record) for each data line of a dump; ``#`` lines go to ``headers``.

    A line that does not parse raises MirrorError naming the file and the line number.
    """
    for lineno, line in enumerate(lines, 1):
        if not lineno % _CHECK_EVERY and deadline is not None and deadline.expired():
            raise MirrorError(deadline.message(f"indexing {what}"))
        if line.startswith("#"):
            headers.append(line)
            continue
        try:
            parsed = parse(line)
        except ValueError as exc:
            raise MirrorError(f"{what} line {lineno}: {exc}") from None
        if parsed is not None:
            yield lineno, parsed


def build_mirror(
    stripped: str | os.PathLike[str],
    names: str | os.PathLike[str],
    dest: str | os.PathLike[str] | None = None,
    *,
    source: str | None = None,
    min_count: int | None = 1,
    progress: bool = False,
    max_unpacked: int | None = None,
    deadline: float | None = None,
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
        so that a truncated-but-valid download never replaces a good mirror. ``None``: half
        the current mirror's count (a damaged or missing mirror counts as none), at least 1.
    progress
        Show a tqdm progress bar on stderr (the CLI passes True only on a TTY).
    max_unpacked
        Refuse a dump that decompresses to more bytes than this (default 1 GiB, or
        ``NUMTHEORY_MIRROR_MAX_UNPACKED``). Lines longer than 1 MiB are refused too.
    deadline
        Give up after this many seconds (default: no limit for a local build).

    Returns
    -------
    MirrorStatus
        The status of the new mirror.

    Raises
    ------
    MirrorError
        A dump is missing, damaged, malformed, too big, or implausibly small; or the disk is
        full. The previous mirror (if any) is left untouched.

    Examples
    --------
    Two tiny dumps in the OEIS format, indexed into a mirror file of their own:

    >>> import gzip, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = pathlib.Path(tmp)
    ...     with gzip.open(folder / "stripped.gz", "wt") as f:
    ...         _ = f.write("# OEIS stripped\\nA000045 ,0,1,1,2,3,5,8,13,21,34,55,89,\\n")
    ...     with gzip.open(folder / "names.gz", "wt") as f:
    ...         _ = f.write("# OEIS names\\nA000045 Fibonacci numbers\\n")
    ...     status = build_mirror(
    ...         folder / "stripped.gz", folder / "names.gz", folder / "oeis.sqlite"
    ...     )
    >>> status.exists, status.sequences, status.damage
    (True, 1, None)
    """
    final = Path(dest) if dest is not None else mirror_path()
    limit = _files.max_unpacked(max_unpacked)
    timer = _files.Deadline(_files.deadline_seconds(deadline)) if deadline is not None else None
    with _files.terminate_as_interrupt():
        return build_into(
            Path(stripped), Path(names), final, source, min_count, progress, limit, timer
        )


def build_into(
    stripped_path: Path,
    names_path: Path,
    final: Path,
    source: str | None,
    min_count: int | None,
    progress: bool,
    max_unpacked: int,
    deadline: _files.Deadline | None,
) -> MirrorStatus:
    """:func:`build_mirror` with its limits resolved (the sync calls this)."""
    from numtheory.oeis.mirror.read import forget_open_mirrors
    from numtheory.oeis.mirror.status import mirror_status, previous_count

    started = time.perf_counter()
    for path, what in ((stripped_path, "stripped.gz"), (names_path, "names.gz")):
        if not path.is_file():
            raise MirrorError(f"{what} not found at {path}")
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _files.write_error(final.parent, exc) from exc
    _files.clean_stale(final.parent)
    expected = "min_count"
    if min_count is None:
        previous = previous_count(final)
        min_count = max(1, previous // 2) if previous else 1
        expected = f"half of the current mirror's {previous:,}" if previous else "at least 1"
    try:
        work = _files.private_dir(final.parent, "build")
    except OSError as exc:
        raise _files.write_error(final.parent, exc) from exc
    tmp = work / final.name
    try:
        gc_was_enabled = gc.isenabled()
        gc.disable()  # millions of small objects, no cycles: the collector only costs time
        try:
            name_headers: list[str] = []
            lines = _gzip_lines(names_path, "names.gz", "utf-8", max_unpacked)
            name_map = dict(
                record
                for _, record in _dump_records(
                    lines, "names.gz", parse_name_line, name_headers, deadline
                )
            )
            conn = sqlite3.connect(tmp)
            try:
                count, headers = _fill(
                    conn, stripped_path, name_map, progress, max_unpacked, deadline
                )
                if count < min_count:
                    raise MirrorError(
                        f"stripped.gz holds only {count} sequences, fewer than the {min_count:,} "
                        f"expected ({expected}); keeping the previous mirror. If this dump is "
                        f"complete, rerun with --min-count {max(count, 1)} "
                        "(min_count= from Python)"
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
        finally:
            if gc_was_enabled:
                gc.enable()
        _files.fsync_path(tmp)
        os.replace(tmp, final)
        _files.fsync_path(final.parent, directory=True)
    except sqlite3.Error as exc:
        raise _files.sqlite_write_error(final, exc) from exc
    except OSError as exc:
        raise _files.write_error(tmp, exc) from exc
    finally:
        _files.remove_tree(work)
    forget_open_mirrors()
    return mirror_status(final, verify=False)


def _fill(
    conn: sqlite3.Connection,
    stripped: Path,
    names: dict[int, str],
    progress: bool,
    max_unpacked: int,
    deadline: _files.Deadline | None,
) -> tuple[int, list[str]]:
    """Stream ``stripped.gz`` into the ``block`` table and build the ``grams`` index in memory."""
    conn.execute("PRAGMA page_size=16384")  # blocks of about 2 KB stay inline, no overflow pages
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # tcrc/ncrc: CRC-32 of the compressed blobs, checked on every read (a scribbled page
    # is then an error naming the damage, not a silent "no match")
    conn.execute(
        "CREATE TABLE block (id INTEGER PRIMARY KEY, terms BLOB NOT NULL, names BLOB NOT NULL,"
        " tcrc INTEGER NOT NULL, ncrc INTEGER NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE grams (bucket INTEGER PRIMARY KEY, postings BLOB NOT NULL,"
        " crc INTEGER NOT NULL)"
    )

    postings = PostingCollector()
    headers: list[str] = []
    negatives = array("I")  # the sequences with a negative term (NEGATIVE_ROW)
    rows: list[tuple[int, bytes, bytes, int, int]] = []
    term_lines: list[str] = []
    name_lines: list[str] = []
    current = -1
    count = 0
    last = 0
    bar = progress_bar(progress, None, "indexing", "seq")

    def flush_block() -> None:
        if term_lines:
            terms_blob = zlib.compress("".join(term_lines).encode("ascii"), 6)
            names_blob = zlib.compress("".join(name_lines).encode("utf-8"), 6)
            tcrc, ncrc = blob_crc(terms_blob, current), blob_crc(names_blob, current, 1)
            rows.append((current, terms_blob, names_blob, tcrc, ncrc))
            if bar is not None:
                bar.update(len(term_lines))
            term_lines.clear()
            name_lines.clear()
        if len(rows) >= 2048:
            conn.executemany("INSERT INTO block VALUES (?, ?, ?, ?, ?)", rows)
            rows.clear()

    try:
        lines = _gzip_lines(stripped, "stripped.gz", "ascii", max_unpacked)
        records = _dump_records(lines, "stripped.gz", parse_stripped_line, headers, deadline)
        for lineno, (number, framed) in records:
            if number <= last:
                raise MirrorError(f"stripped.gz line {lineno}: A{number:06d} out of order")
            if number > NUMBER_MASK:
                raise MirrorError(f"stripped.gz line {lineno}: A-number {number} too large")
            last = number
            count += 1
            if number >> BLOCK_BITS != current:
                flush_block()
                current = number >> BLOCK_BITS
            term_lines.append(f"\n{number} {framed}")
            if "-" in framed:
                negatives.append(number)
            name_lines.append(f"\n{number} {names.get(number, '')}")
            if len(framed) > 2 * GRAM:
                terms = framed[1:-1].replace("-", "").encode("ascii").split(b",")
                postings.add(number, terms)
        flush_block()
        conn.executemany("INSERT INTO block VALUES (?, ?, ?, ?, ?)", rows)
    finally:
        if bar is not None:
            bar.close()

    conn.executemany("INSERT INTO grams VALUES (?, ?, ?)", postings.rows())
    if BIG_ENDIAN:
        negatives.byteswap()
    blob = negatives.tobytes()
    conn.execute(
        "INSERT INTO grams VALUES (?, ?, ?)", (NEGATIVE_ROW, blob, blob_crc(blob, NEGATIVE_ROW))
    )
    return count, headers
