"""What the build, the reader and the sync share: paths, the file layout's constants, status.

Private to :mod:`numtheory.oeis.mirror`; the package re-exports the public names.
"""

from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from numtheory import _display

#: Bumped whenever the file layout or the hash changes; an older file is reported as stale.
#: Version 2 added a CRC-32 to every stored blob (blocks and posting lists), seeded with the
#: row's key (:func:`blob_crc`).
FORMAT_VERSION = "2"

NUMBER_BITS = 24
NUMBER_MASK = (1 << NUMBER_BITS) - 1
MAX_POS = 255
BIG_ENDIAN = sys.byteorder == "big"
BLOCK_BITS = 4  # sequences are stored zlib-compressed in blocks of 16 A-numbers

#: A ``grams`` row past the hash buckets (which are < 2**20): the sorted A-numbers of the
#: sequences with a negative term, so that a signed query with a negative term checks only
#: those (issue 13). Optional: a file built without it reads as before (nothing filtered);
#: its CRC follows :func:`blob_crc` like every posting list, so the format stays version 2.
NEGATIVE_ROW = 1 << 20


def blob_crc(blob: bytes, key: int, part: int = 0) -> int:
    """The CRC-32 stored with a blob: of the blob, seeded with its row's key and column.

    Seeding binds the checksum to the row, so a scribbled row key (a block or posting list
    moved under another id, where it would silently answer for other sequences) fails the
    check as a scribbled blob does. ``part`` is 0 for terms and posting lists, 1 for names.
    """
    return zlib.crc32(blob, (2 * key + part) & 0xFFFFFFFF)


#: The tables and columns a mirror file must have (checked on open, in this order).
SCHEMA = {
    "meta": ("key", "value"),
    "block": ("id", "terms", "names", "tcrc", "ncrc"),
    "grams": ("bucket", "postings", "crc"),
}

#: The metadata keys every mirror carries.
META_KEYS = ("format_version", "sequences", "names", "dump_date", "built_at", "source")

REPAIR = "run `numtheory mirror sync` (or `numtheory mirror sync --from DIR`) to rebuild it"


def cache_root() -> Path:
    """The numtheory cache directory: ``NUMTHEORY_CACHE_DIR`` or the platform user cache dir.

    The same directory as the HTTP cache (:func:`numtheory.oeis.config.cache_dir`).
    """
    from numtheory.oeis.config import cache_dir

    return cache_dir()


def mirror_path() -> Path:
    """Where the mirror lives: ``<cache_root>/oeis/mirror.sqlite``."""
    return cache_root() / "oeis" / "mirror.sqlite"


def damaged(path: Path, what: str) -> str:
    """The message for a damaged mirror: what is wrong and how to repair it."""
    return f"the mirror at {path} is damaged ({what}); {REPAIR}"


@dataclass(frozen=True)
class MirrorStatus:
    """What ``numtheory mirror status`` reports.

    ``damage`` is None for a sound mirror, else a sentence saying what is wrong with the file
    (the other fields then hold whatever could still be read).
    """

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
    damage: str | None = None

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
            "damage": self.damage,
        }

    # BEGIN reprs
    @_display.guarded
    def __repr__(self) -> str:
        """``<MirrorStatus '/…/mirror.sqlite': 372,345 sequences; dump 2026-11-30; 20.3 MiB>``."""
        head = repr(_display.clip(self.path, 80))
        if not self.exists:
            return _display.one_line("MirrorStatus", head, ["no mirror"])
        parts: list[str | None]
        if self.damage is not None:
            parts = [f"DAMAGED: {_display.clip(self.damage, 120)}"]
        else:
            parts = [
                f"{self.sequences:,} sequence{'s' * (self.sequences != 1)}",
                None if self.dump_date is None else f"dump {self.dump_date}",
            ]
        return _display.one_line(
            "MirrorStatus", head, [*parts, _display.size_text(self.size_bytes)]
        )

    @_display.guarded
    def __str__(self) -> str:
        """As ``numtheory mirror status`` prints it, without the command's integrity claim."""
        if not self.exists:
            return f"no mirror at {self.path} (run `numtheory mirror sync`)"
        return _display.text_block(f"mirror at {self.path}", self._display_rows())

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """A table: the file, the counts, the dump's date, the build, the size, any damage."""
        rows: list[tuple[str, Any]] = [("mirror", self.path)]
        if not self.exists:
            rows.append(("status", "no mirror (run `numtheory mirror sync`)"))
        return _display.html_box("mirrorstatus", _display.html_rows(rows + self._display_rows()))

    def _display_rows(self) -> list[tuple[str, Any]]:
        if not self.exists:
            return []
        built = None
        if self.built_at is not None:
            built = f"{self.built_at} from {self.source or 'unknown source'}"
            if self.build_seconds is not None:
                built += f" in {self.build_seconds:.1f} s"
        sound = self.damage is None
        return [
            ("DAMAGED", self.damage),
            ("sequences", f"{self.sequences:,} ({self.names:,} names)" if sound else None),
            ("dump date", (self.dump_date or "unknown") if sound else None),
            ("built", built),
            ("size", f"{_display.size_text(self.size_bytes)} ({self.size_bytes:,} bytes)"),
            ("format", self.format_version),
        ]

    # END reprs


def line_of(block: bytes, number: int) -> bytes | None:
    """The framed data (or name) of ``number`` inside a decompressed block."""
    key = b"\n%d " % number
    at = block.find(key)
    if at < 0:
        return None
    end = block.find(b"\n", at + 1)
    return block[at + len(key) : end if end >= 0 else len(block)]


def progress_bar(enabled: bool, total: int | None, desc: str, unit: str) -> Any:
    """A tqdm bar on stderr, or None when progress is off."""
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
