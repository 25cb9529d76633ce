"""The catalogue's data lines, kept between runs in ``<cache>/oeis/catalogue-lines.json``.

An offline search (or a fallback answer) reads every entry's data line; computing all 260 of
them costs about 0.3 s of CPU and the import of GMP and FLINT, every time a process starts.
The lines depend only on code, so they are computed once and kept: the file is keyed by the
SHA-256 of every source they depend on (``_catalogue.py``, ``_catalogue_generators.py``, and
``numtheory.arith`` with ``numtheory._backend``, whose functions the generators call) and
numtheory's version, so any change to a generator, to an integer function or to the data-line
rule makes it stale, and it is then computed again and replaced.

Read back, the file is validated, not trusted: our own regular file (no link, not another
user's), at most :data:`MAX_BYTES` with no number over :data:`MAX_DIGITS` digits (checked
before parsing: ``int()`` of a long string is quadratic), the right key and CRC-32, exactly the
table's A-numbers, each line a list of 1 to :data:`MAX_LINE` integers; anything else is ignored
(and replaced by the next complete computation). Written atomically (a new file beside it, then
:func:`os.replace`); a cache directory that cannot be written only means the lines are computed
each time. The new file, ``.catalogue-lines.json.<pid>.<random>.part``, is locked while it is
written; one that a writer killed with ``kill -9`` left is removed by the next load or save
(when its pid is gone and no process holds its lock:
:func:`numtheory._files.remove_stale_temporaries`), and is never read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import zlib
from pathlib import Path

from numtheory import _files
from numtheory.errors import InputError
from numtheory.oeis import config

__all__ = ["MAX_BYTES", "MAX_LINE", "load", "save", "source_key", "store_path"]

#: The largest file read (the real one is about 60 KB).
MAX_BYTES = 1 << 20
#: The most terms a stored line may have (a data line has at most 50).
MAX_LINE = 64
#: The most digits a stored number may have (a data line holds at most 260 characters).
MAX_DIGITS = 300
_FORMAT = 1
_LONG_NUMBER = re.compile(rb"\d{%d}" % (MAX_DIGITS + 1))
#: The temporaries save() writes (and a killed writer may leave behind).
#: ``.<name>.<pid>.<8 hex>.part``; the random part keeps a reused pid (containers restart with
#: the same small pid) from colliding with a killed writer's leftover; older ones lack it.
_PART = re.compile(r"\.catalogue-lines\.json\.(?P<pid>\d+)(?:\.[0-9a-f]{8})?\.part")


def _crc(lines: object) -> int:
    """CRC-32 of the lines in their canonical JSON form."""
    text = json.dumps(lines, separators=(",", ":"), sort_keys=True)
    return zlib.crc32(text.encode())


def store_path() -> Path:
    """``<cache dir>/oeis/catalogue-lines.json``."""
    return config.cache_dir() / "oeis" / "catalogue-lines.json"


def _source_files() -> list[Path]:
    """Every source file a stored line depends on: the catalogue, its generators, and the
    integer functions they compute with (``numtheory.arith``, on ``numtheory._backend``)."""
    here = Path(__file__).parent
    package = here.parent
    return [
        here / "_catalogue.py",
        here / "_catalogue_generators.py",
        *sorted((package / "_backend").rglob("*.py")),
        *sorted((package / "arith").rglob("*.py")),
    ]


def source_key() -> str | None:
    """The SHA-256 of the catalogue's sources and numtheory's version; None when they cannot
    be read."""
    from numtheory import __version__

    digest = hashlib.sha256(f"format {_FORMAT}\nnumtheory {__version__}\n".encode())
    try:
        for path in _source_files():
            digest.update(f"{path.relative_to(path.parents[1])}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def load(numbers: set[int]) -> dict[int, tuple[int, ...]] | None:
    """The stored lines for exactly ``numbers``, or None (missing, stale or not valid)."""
    key = source_key()
    if key is None:
        return None
    try:
        path = store_path()
        _files.remove_stale_temporaries(path.parent, _PART)
        fd = _files.open_nofollow(path)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except (OSError, InputError, RuntimeError):  # RuntimeError: '~user' that does not exist
        return None
    if len(raw) > MAX_BYTES or _LONG_NUMBER.search(raw):
        return None
    try:
        stored = json.loads(raw)
    except (ValueError, RecursionError):  # also UnicodeDecodeError; RecursionError: [[[[...
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    lines = stored.get("lines")
    if stored.get("crc") != _crc(lines):  # a flipped digit is still valid JSON
        return None
    # the keys exactly as save() spells them: int() never sees a key ('²'.isdigit() is True
    # but int('²') raises, and so does int() of a run of over 4300 non-ASCII digits)
    if not isinstance(lines, dict) or set(lines) != {str(n) for n in numbers}:
        return None
    out: dict[int, tuple[int, ...]] = {}
    for text, terms in lines.items():
        if not isinstance(terms, list) or not 0 < len(terms) <= MAX_LINE:
            return None
        if not all(type(t) is int for t in terms):
            return None
        out[int(text)] = tuple(terms)
    return out


def save(lines: dict[int, tuple[int, ...]]) -> None:
    """Keep ``lines`` for the next runs (best effort: a failure only costs time later)."""
    key = source_key()
    if key is None:
        return
    try:
        path = store_path()
    except (InputError, RuntimeError):  # NUMTHEORY_CACHE_DIR='~user/...', no such user
        return
    table = {str(n): list(t) for n, t in sorted(lines.items())}
    body = json.dumps(
        {"key": key, "crc": _crc(table), "lines": table}, separators=(",", ":")
    ).encode()
    part = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    try:
        _files.ensure_private_dir(path.parent)
        _files.remove_stale_temporaries(path.parent, _PART)
        fd = _files.create_temporary(part)
    except (OSError, InputError):
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink()
