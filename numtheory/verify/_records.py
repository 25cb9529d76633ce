"""What checkpoints and evidence records share: canonical JSON, reading back, writing, versions.

Both files are read back by :mod:`numtheory.verify.checkpoint` and
:mod:`numtheory.verify.evidence`, and both must be validated the same way, so the field rules
live here once: a bounded read of a regular file, JSON without duplicate keys, integers that
are JSON integers (never booleans), finite reals, and the chunk grid of a run
(:func:`chunk_problem`). Writes are atomic (:func:`write_atomic`).

:func:`versions` and :func:`code_digest` say which code produced a result: numtheory's version
and a digest of its source tree, the dependencies' versions, and a digest of each check's own
module, so an edited check or library is told apart from the one that wrote a file even when
the version string is the same.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import inspect
import json
import marshal
import math
import os
import platform
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from numtheory import __version__
from numtheory.verify.registry import Check
from numtheory.verify.result import ChunkResult

__all__ = [
    "CHUNK_FIELDS",
    "DEPENDENCIES",
    "canonical",
    "check_versions",
    "check_writable",
    "chunk_field_problem",
    "chunk_problem",
    "code_digest",
    "digest_of",
    "is_hex",
    "is_int",
    "is_real",
    "loads",
    "no_duplicates",
    "normalise",
    "read_bounded",
    "short",
    "versions",
    "write_atomic",
]

#: Distributions whose versions decide what a check computes (import names differ: flint).
DEPENDENCIES = ("gmpy2", "python-flint", "mpmath", "numpy")

#: The fields of a chunk as a checkpoint stores it (an evidence record adds two).
CHUNK_FIELDS: frozenset[str] = frozenset(
    {"lo", "hi", "checked", "failures", "first_failure", "max_error", "seconds"}
)

_MAX_FLOAT = int(sys.float_info.max)


def normalise(value: Any) -> Any:
    """The JSON round trip of ``value`` (tuples become lists), for comparing with a file."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def canonical(body: Any) -> str:
    """The canonical JSON text: sorted keys, no spaces, no NaN."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)


def digest_of(body: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``body``."""
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: a key given twice would let the second silently win."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key[:40]!r} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    """``parse_constant``: json.loads takes NaN and Infinity, which JSON has not, and the
    digest of a document holding one cannot be computed (``allow_nan=False``)."""
    raise ValueError(f"{name} is not a JSON number")


#: A ``\uD800``..``\uDFFF`` escape: a surrogate, text only as half of a pair.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def loads(text: str) -> Any:
    """Parse a file read back: strict JSON (no NaN or Infinity), no duplicate keys, no lone
    surrogate (a string holding one cannot be printed or written: naming it crashed).

    Raises ``ValueError`` (saying why) or ``RecursionError`` (nested too deeply).

    >>> loads('{"a": [1, 2.5], "b": null}')
    {'a': [1, 2.5], 'b': None}
    """
    data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=_no_constant)
    if _SURROGATE_ESCAPE.search(text):  # rare: then look whether one is left unpaired
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("a string holds a lone surrogate (\\ud800-\\udfff), not text") from exc
    return data


def is_int(value: Any) -> bool:
    return type(value) is int  # bool is an int subclass; a JSON true is not a count


def is_real(value: Any) -> bool:
    if type(value) is int:
        return abs(value) <= _MAX_FLOAT  # math.isfinite(10**400) raises OverflowError
    return type(value) is float and math.isfinite(value)


def read_bounded(path: Path, limit: int) -> str:
    """The text of ``path``: a regular file (not a FIFO or device) of at most ``limit`` bytes.

    Raises ``OSError`` or ``ValueError`` (saying why) otherwise.
    """
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ValueError(
            "it is a directory" if stat.S_ISDIR(info.st_mode) else "it is not a regular file"
        )
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"it is larger than {limit:,} bytes")
    return data.decode("utf-8")


def check_writable(path: Path, what: str) -> str | None:
    """Why ``path`` cannot be written now (a directory, no such directory...), or ``None``."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        return f"{what} {path} is a directory, not a file"
    if not directory.is_dir():
        return f"cannot write {what} {path}: no directory {directory}"
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=directory)
    except OSError as exc:
        return f"cannot write {what} {path}: {exc}"
    os.close(fd)
    Path(probe).unlink(missing_ok=True)
    return None


#: Temporaries of :func:`write_atomic` calls under way (see :func:`remove_unfinished`).
_UNFINISHED: set[str] = set()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, fsync, ``os.replace``.

    An interrupted or failed write leaves the previous file intact and no temporary behind
    (for a process ended by ``os._exit`` mid-write, see :func:`remove_unfinished`).
    """
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    _UNFINISHED.add(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _UNFINISHED.discard(tmp)


def remove_unfinished() -> None:
    """Delete the temporaries of the writes under way, for a process about to ``os._exit``
    (the CLI's Ctrl-C watchdog) while its main thread may be in :func:`write_atomic`. The
    target files are untouched: each still has its previous content, or the new one if its
    ``os.replace`` came first (then its temporary is already gone)."""
    for tmp in list(_UNFINISHED):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def chunk_field_problem(raw: Mapping[str, Any]) -> str | None:
    """The first chunk field of the wrong JSON type (``"checked: must be ..."``), or ``None``."""
    for key in ("lo", "hi", "checked", "failures"):
        if not is_int(raw[key]):
            return f"{key}: must be an integer, got {raw[key]!r:.40}"
    for key in ("max_error", "seconds"):
        if raw[key] is not None and not is_real(raw[key]):
            return f"{key}: must be a finite number, got {raw[key]!r:.40}"
    first = raw["first_failure"]
    if first is not None and not (isinstance(first, dict) and is_int(first.get("n"))):
        return "first_failure: must be null or an object with an integer n"
    if raw.get("digest") is not None and not is_hex(raw["digest"]):
        return f"digest: must be a hex digest, got {raw['digest']!r:.40}"
    return None


def is_hex(value: Any, longest: int = 128) -> bool:
    """A lower-case hex string of 16 to ``longest`` digits (a digest)."""
    return (
        isinstance(value, str)
        and 16 <= len(value) <= longest
        and all(c in "0123456789abcdef" for c in value)
    )


def short(value: Any) -> str:
    """A version as written, a digest shortened to 12 digits (for messages).

    >>> short("2.1.5"), short("ab" * 32)
    ('2.1.5', 'abababababab...')
    """
    text = str(value)
    return text[:12] + "..." if is_hex(text) and len(text) > 40 else text[:70]


def chunk_problem(
    params: Mapping[str, Any], size: int, entry: Check | None, chunk: ChunkResult
) -> str | None:
    """What is wrong with ``chunk`` as a chunk of a run over ``params`` in steps of ``size``.

    Checks the grid (``lo = start + i * size``, ``hi = min(lo + size, upto + 1)``), the counts
    against the chunk's size (one case per ``n`` for a predicate, at most the check's ``cases``
    bound for a chunk function; one per ``n`` when the check is unknown), and that the first
    failure is present exactly when there are failures and lies inside the chunk.
    """
    start, upto = params["start"], params["upto"]
    lo, hi = chunk.lo, chunk.hi
    if not start <= lo <= upto or (lo - start) % size:
        return f"lo = {lo} is not a chunk start of {start}..{upto} in steps of {size}"
    if hi != min(lo + size, upto + 1):
        return f"hi = {hi}, but the chunk starting at {lo} ends at {min(lo + size, upto + 1)}"
    chunk_params = {k: v for k, v in params.items() if k not in ("start", "upto")}
    bound = entry.max_cases(lo, hi, chunk_params) if entry else hi - lo
    if entry is not None and entry.kind == "predicate" and chunk.checked != hi - lo:
        return f"checked = {chunk.checked}, but a predicate chunk [{lo}, {hi}) has {hi - lo}"
    if not 0 <= chunk.checked <= bound:
        return f"checked = {chunk.checked} is outside 0..{bound} for the chunk [{lo}, {hi})"
    if not 0 <= chunk.failures <= bound:
        return f"failures = {chunk.failures} is outside 0..{bound} for the chunk [{lo}, {hi})"
    first = chunk.first_failure
    if chunk.failures and first is None:
        return f"failures = {chunk.failures} but first_failure is missing"
    if not chunk.failures and first is not None:
        return "first_failure is given but failures = 0"
    if first is not None and not lo <= int(first["n"]) < hi:
        return f"first_failure.n = {first['n']} lies outside the chunk [{lo}, {hi})"
    return None


# -- which code produced a result ----------------------------------------------------------


@functools.cache
def _distribution(name: str) -> str | None:
    """An installed distribution's version (read once per process: ~1 ms each)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


@functools.lru_cache(maxsize=1)
def _source_digest() -> str:
    """SHA-256 over numtheory's own ``.py`` files (relative path and bytes, sorted by path).

    The version string stays "0.1.0" across edits; this does not. Read once per process
    (about 0.1 MB; a few milliseconds).
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def versions() -> dict[str, str | None]:
    """numtheory's version and source digest, Python's and the dependencies' versions.

    >>> sorted(versions())
    ['gmpy2', 'mpmath', 'numpy', 'numtheory', 'numtheory_source', 'python', 'python-flint']
    """
    found: dict[str, str | None] = {
        "numtheory": __version__,
        "numtheory_source": _source_digest(),
        "python": platform.python_version(),
    }
    for name in DEPENDENCIES:
        found[name] = _distribution(name)
    return found


def _function_bytes(func: Any) -> bytes:
    """The source of the module defining ``func`` (so an edited helper counts), else of
    ``func`` itself, else its compiled code (a check typed into a notebook cell).

    Never a ``repr``: it holds the object's address, which differs in the process that
    resumes. A ``functools.partial`` counts as its function and its arguments, a callable
    object as its class.
    """
    bound = b""
    while isinstance(func, functools.partial):
        bound += repr((func.args, sorted(func.keywords.items()))).encode("utf-8", "replace")
        func = func.func
    if not (inspect.isroutine(func) or inspect.isclass(func)):
        func = type(func)  # a callable object: its class's code decides
    try:
        source = inspect.getsourcefile(func)
        if source:
            return bound + Path(source).read_bytes()
    except (TypeError, OSError):
        pass
    try:
        return bound + inspect.getsource(func).encode("utf-8")
    except (TypeError, OSError):
        pass
    code = getattr(func, "__code__", None)
    if code is not None:
        return bound + marshal.dumps(code)
    name = f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', '')}"
    return bound + name.encode("utf-8")


def code_digest(check: Check) -> str:
    """SHA-256 of the code of a check: its function and its ``facts``, ``validate`` and
    ``cases`` helpers, each by the source of its module."""
    digest = hashlib.sha256()
    for func in (check.func, check.facts, check.validate, check.cases):
        digest.update(b"\0" if func is None else hashlib.sha256(_function_bytes(func)).digest())
    return digest.hexdigest()


def check_versions(entries: Iterable[Check]) -> dict[str, Any]:
    """:func:`versions` plus ``"checks": {name: code_digest}``, as a checkpoint stores them."""
    return {**versions(), "checks": {c.name: code_digest(c) for c in entries}}
