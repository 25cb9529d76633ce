"""Issue 10: a damaged mirror is detected, named, reported and rebuilt; never a wrong answer.

Each kind of damage (a garbled meta row, a corrupt compressed block, scribbled index bytes, a
scribbled or truncated file) gives a MirrorError that names the damage and the repair; the
offline CLI then answers from the catalogue instead of exiting 4; `mirror status` says
DAMAGED (exit 3); and `mirror sync --from DIR` rebuilds over it.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from numtheory.errors import MirrorError
from numtheory.oeis.dumpformat import bucket_of
from numtheory.oeis.mirror import Mirror, build_mirror, mirror_path, mirror_status
from tests.cli.helpers import run_cli
from tests.oeis.test_mirror import STRIPPED, make_dump


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    with Mirror() as mirror:  # sound before the damage
        assert [s.id for s in mirror.search([1, 2, 6, 20])] == ["A000984", "A200000"]
    return folder


def edit(sql: str, *params: object) -> None:
    conn = sqlite3.connect(mirror_path())
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def garble_meta() -> None:
    edit("UPDATE meta SET value = 'lots' WHERE key = 'sequences'")


def corrupt_block() -> None:
    edit("UPDATE block SET terms = ? WHERE id = ?", b"\x78\x9c not zlib at all", 984 >> 4)


def scribble_postings() -> None:
    """Overwrite the posting lists of the query's runs in the file itself, same length."""
    conn = sqlite3.connect(mirror_path())
    blobs = [
        conn.execute("SELECT postings FROM grams WHERE bucket = ?", (bucket_of(*run),)).fetchone()[
            0
        ]
        for run in ((1, 2, 6), (2, 6, 20))
    ]
    conn.close()
    raw = bytearray(mirror_path().read_bytes())
    for blob in blobs:
        at = raw.find(blob)
        assert at > 0 and raw.count(blob) == 1
        raw[at : at + len(blob)] = b"\xee" * len(blob)  # A-number 0xeeeeee: no such entry
    mirror_path().write_bytes(bytes(raw))


def scribble_last_page() -> None:
    raw = bytearray(mirror_path().read_bytes())
    raw[-16384:] = b"\x5a" * 16384
    mirror_path().write_bytes(bytes(raw))


def scribble_schema() -> None:
    """A byte of a table definition (in ``sqlite_master``) made a syntax error, not UTF-8."""
    raw = bytearray(mirror_path().read_bytes())
    at = raw.find(b"CREATE TABLE block (")
    assert at > 0
    raw[at + len("CREATE TABLE block ")] = 0xEF  # SQLite's message quotes it: not UTF-8
    mirror_path().write_bytes(bytes(raw))


def swap_blocks() -> None:
    """Two blocks trade ids (each blob sound, each under the other's A-numbers)."""
    for sql in (
        "UPDATE block SET id = -1 WHERE id = 0",
        "UPDATE block SET id = 0 WHERE id = 61",
        "UPDATE block SET id = 61 WHERE id = -1",
    ):
        edit(sql)


def truncate() -> None:
    raw = mirror_path().read_bytes()
    mirror_path().write_bytes(raw[: len(raw) // 2])


DAMAGE: dict[str, tuple[Callable[[], None], str]] = {
    "meta": (garble_meta, "meta sequences is 'lots', not a count"),
    "zlib block": (corrupt_block, "the terms of A000976-A000991 fails its checksum"),
    "postings": (scribble_postings, "posting list .* fails its checksum"),
    "page": (scribble_last_page, "damaged"),
    "truncated": (truncate, r"bytes where its .* pages make"),
    # was a silent "no match" (the checksums did not cover the row's key)
    "swapped blocks": (swap_blocks, "the terms of A000976-A000991 fails its checksum"),
    # was a UnicodeDecodeError out of Mirror() (exit 4)
    "schema": (scribble_schema, "damaged .UnicodeDecodeError"),
}


def search_or_open() -> list[str]:
    with Mirror() as mirror:
        return [s.id for s in mirror.search([1, 2, 6, 20])]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damage_is_a_mirror_error_naming_it(dump: Path, kind: str) -> None:
    damage, message = DAMAGE[kind]
    damage()
    with pytest.raises(MirrorError, match=message) as info:
        search_or_open()  # was: exit-4 errors (ValueError, zlib.error) or a silent []
    assert "numtheory mirror sync" in str(info.value)
    status = mirror_status(full=True)
    assert status.exists and status.damage is not None and "numtheory mirror sync" in status.damage
    # the default check (quick_check and block checksums) misses only index scribbles,
    # which every search still detects
    assert (mirror_status().damage is None) == (kind == "postings")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["meta", "zlib block"])
def test_offline_cli_survives_damage_and_sync_rebuilds(dump: Path, kind: str) -> None:
    DAMAGE[kind][0]()
    run = run_cli("oeis", "1,2,6,20", "--offline")
    assert run.code in (0, 3), run.err  # a catalogue answer, or a clear mirror error: not 4
    assert "internal error" not in run.err and "damaged" in run.err
    if run.code == 0:
        assert "A000984" in run.out

    status = run_cli("mirror", "status", *(["--json"] if kind == "meta" else []))
    assert status.code == 3
    if kind == "meta":
        assert "numtheory mirror sync" in status.json()["damage"]
    else:
        assert "DAMAGED" in status.out and "numtheory mirror sync" in status.out

    rebuilt = run_cli("mirror", "sync", "--from", str(dump))  # was refused: the repair path
    assert rebuilt.code == 0, rebuilt.err
    assert mirror_status().damage is None
    assert search_or_open() == ["A000984", "A200000"]
    assert mirror_status().sequences == len(STRIPPED)


def test_status_of_a_sound_mirror_says_so(dump: Path) -> None:
    run = run_cli("mirror", "status")
    assert run.code == 0 and "integrity:  ok" in run.out
    assert mirror_status().damage is None


def test_a_mirror_of_the_old_format_asks_for_a_sync(dump: Path) -> None:
    edit("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    with pytest.raises(MirrorError, match=r"has format .1.*numtheory mirror sync"):
        Mirror()


def test_a_forged_block_with_a_sound_checksum_is_damage_not_a_traceback(dump: Path) -> None:
    # block 0's checksum is seeded with 0, i.e. a plain CRC-32: sound in every version
    blob = zlib.compress(b"\nzz ,1,2,\n4 ,0,0,")
    edit("UPDATE block SET terms = ?, tcrc = ? WHERE id = 0", blob, zlib.crc32(blob))
    with Mirror() as mirror, pytest.raises(MirrorError, match=r"damaged \(ValueError"):
        mirror.search([1, 2])  # the scan met a line without an A-number: was a ValueError


def test_the_first_sync_over_an_old_format_mirror_skips_the_half_count_check(dump: Path) -> None:
    edit("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    edit("UPDATE meta SET value = '999999' WHERE key = 'sequences'")  # half: far above the dump
    status = build_mirror(dump / "stripped.gz", dump / "names.gz", min_count=None)
    assert status.sequences == len(STRIPPED) and status.damage is None
    assert status.format_version == "2"


@pytest.mark.parametrize("data", [b"1,,2", b",1,,2,", b"7,,,8"])
def test_an_empty_term_in_a_data_line_is_refused_not_skipped(data: bytes) -> None:
    # a term missing from a stored line must not shift the others silently
    from numtheory.oeis.mirror import read

    with pytest.raises(ValueError):
        read._to_sequence(45, "Fibonacci", data, None)
    assert read._to_sequence(45, "Fibonacci", b",1,-2,3,", None).terms == (1, -2, 3)
