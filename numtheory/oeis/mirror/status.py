"""``numtheory mirror status``: what the mirror holds, and whether the file is sound."""

from __future__ import annotations

import os
from pathlib import Path

from numtheory.errors import MirrorError
from numtheory.oeis.mirror._common import MirrorStatus, damaged, mirror_path
from numtheory.oeis.mirror.read import Mirror, _guarded

__all__ = ["mirror_status", "previous_count"]


def _verify(mirror: Mirror, full: bool) -> None:
    """SQLite's ``quick_check`` and the checksum of every block; ``full``: of every posting list.

    The posting lists are a million small rows (about 1-3 s to read them all), the blocks a
    few tens of thousands; every posting list read by a search is checked anyway.
    """
    conn = mirror._conn
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise MirrorError(damaged(mirror.path, f"SQLite quick_check: {'; '.join(problems)}"))
    for block_id, terms, tcrc, names, ncrc in conn.execute(
        "SELECT id, terms, tcrc, names, ncrc FROM block"
    ):
        mirror._inflate(terms, tcrc, block_id, "terms")
        mirror._inflate(names, ncrc, block_id, "names")
    if full:
        for key, blob, crc in conn.execute("SELECT bucket, postings, crc FROM grams"):
            mirror._blob(blob, crc, f"posting list {str(key)[:20]}", key)


def mirror_status(
    path: str | os.PathLike[str] | None = None, *, verify: bool = True, full: bool = False
) -> MirrorStatus:
    """Sequence count, dump date, size on disk and soundness of the mirror.

    ``exists=False`` when there is no mirror. A damaged file is reported, not raised:
    ``damage`` then says what is wrong (and the counts are 0).

    Parameters
    ----------
    path
        The mirror file (default :func:`mirror_path`).
    verify
        Besides the cheap checks made on every open (schema, ``meta``, file length), run
        ``PRAGMA quick_check`` and check every block's checksum (reads the whole file:
        about 0.3 s for 20 MiB here).
    full
        Also check every posting list's checksum (a million rows for the real OEIS).

    Returns
    -------
    MirrorStatus
        ``exists``, ``sequences``, ``names``, ``dump_date``, ``size_bytes``, ``damage`` (None
        when sound) and the build's metadata.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     status = mirror_status(pathlib.Path(tmp) / "none.sqlite")
    >>> status.exists, status.sequences
    (False, 0)
    """
    target = Path(path) if path is not None else mirror_path()
    if not target.is_file():
        return MirrorStatus(path=str(target), exists=False)
    size = target.stat().st_size
    try:
        with Mirror(target) as mirror:
            if verify or full:
                _guarded(_verify)(mirror, full)  # type: ignore[arg-type]
            meta = mirror.meta
    except MirrorError as exc:
        return MirrorStatus(path=str(target), exists=True, size_bytes=size, damage=str(exc))
    build = meta.get("build_seconds")
    return MirrorStatus(
        path=str(target),
        exists=True,
        sequences=int(meta["sequences"]),
        names=int(meta["names"]),
        dump_date=meta.get("dump_date") or None,
        built_at=meta.get("built_at"),
        source=meta.get("source"),
        size_bytes=size,
        build_seconds=float(build) if build else None,
        format_version=meta.get("format_version"),
    )


def previous_count(path: Path) -> int | None:
    """The sequence count of the mirror at ``path``; None when there is none or it is damaged
    (a sync may then rebuild it from any plausible dump)."""
    status = mirror_status(path, verify=False)
    return status.sequences if status.exists and status.damage is None else None
