"""Strict, pure parsing of what the OEIS serves: JSON records and searches, text status, b-files.

No I/O here. Every malformed input raises :class:`~numtheory.errors.OEISResponseError` with a
message saying what was wrong (never ``KeyError``, ``TypeError``, ``ValueError``,
``RecursionError`` or ``JSONDecodeError``), except that a b-file with some bad lines is
returned without them, with a warning (:class:`BFileWarning`), unless ``strict=True``.

Work is linear in the size of the input: JSON numbers longer than :data:`MAX_JSON_DIGITS`
and data-line terms longer than :data:`MAX_TERM_DIGITS` are refused before ``int()`` sees them
(CPython's ``int(str)`` is quadratic, and the CLI lifts its 4,300-digit guard), b-file terms up
to :data:`MAX_BFILE_TERM_DIGITS` digits are converted through GMP, and nesting too deep for the
JSON decoder is a bad answer, not a crash.

Shapes accepted for ``/search?fmt=json`` (as captured in ``tests/oeis/data``, whose README gives
each capture's provenance):

* a bare list of record objects (served since about 2025);
* ``null``: no match *or* too many matches (the ``fmt=text`` status line says which);
* the legacy object ``{"greeting", "query", "count", "start", "results": [...] | null}``
  (a negative ``count``, or one below the number of records on the page, is refused).

A JSON object that repeats a key is refused in every shape: JSON parsers keep the last copy,
and nothing says which copy is the real one. So is a string with a lone surrogate escape
(``"\\ud800"``): valid JSON syntax, but not text (writing it to the terminal fails).

``/A000984?fmt=json`` answers one record object (some servers wrap it in a one-element list).

>>> page = parse_search_json('[{"number": 984, "data": "1,2,6,20", "name": "Central."}]')
>>> page.results[0].id, page.results[0].terms, page.count
('A000984', (1, 2, 6, 20), None)
>>> parse_search_json("null").results
()
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from numtheory.errors import OEISResponseError
from numtheory.oeis.model import Sequence

__all__ = [
    "MAX_BFILE_TERM_DIGITS",
    "MAX_DATA_CHARS",
    "MAX_JSON_DIGITS",
    "MAX_OFFSET_DIGITS",
    "MAX_TERM_DIGITS",
    "BFileScan",
    "BFileWarning",
    "SearchPage",
    "TextStatus",
    "decimal_to_int",
    "describe_html",
    "looks_like_html",
    "parse_bfile",
    "parse_entry_json",
    "parse_record",
    "parse_search_json",
    "parse_text_status",
    "scan_bfile",
    "settle_bfile",
]

#: JSON list fields -> Sequence attribute.
_LIST_FIELDS = {
    "comment": "comments",
    "reference": "reference_lines",
    "link": "links",
    "formula": "formulas",
    "example": "examples",
    "maple": "maple",
    "mathematica": "mathematica",
    "program": "programs",
    "xref": "xrefs",
    "ext": "extensions",
}
_KNOWN = {
    *_LIST_FIELDS,
    "number",
    "id",
    "data",
    "name",
    "keyword",
    "offset",
    "author",
    "references",
    "revision",
    "time",
    "created",
}
_TERM = re.compile(r"-?\d+")

#: The longest JSON number accepted (record numbers, counts and revisions are a few digits).
MAX_JSON_DIGITS = 1000
#: The longest term accepted on a data line (a whole data line is a few hundred characters).
MAX_TERM_DIGITS = 1000
#: The longest data line accepted (real ones are about 260 characters): so that one record
#: costs at most a few milliseconds, and a search page's deadline checks between records hold.
MAX_DATA_CHARS = 100_000
#: The most digits an offset may have (real offsets are a few digits; some are negative).
MAX_OFFSET_DIGITS = 30
#: The longest b-file term accepted (far above real b-files; converted in subquadratic time).
MAX_BFILE_TERM_DIGITS = 100_000
#: Above this many characters, decimal -> int goes through GMP (CPython's int() is quadratic).
_GMP_ABOVE = 4000


class BFileWarning(UserWarning):
    """A b-file had lines that are not ``n a(n)``; they were left out (see ``strict=True``)."""


def decimal_to_int(text: str) -> int:
    """``int(text)`` for a decimal string already checked (``-?\\d+``), through GMP above
    4,000 digits: CPython's ``int()`` is quadratic (a million digits: about 4 s).

    >>> decimal_to_int("-120")
    -120
    """
    if len(text) <= _GMP_ABOVE:
        return int(text)
    # GMP only for long terms: a cached answer is parsed without importing it
    from numtheory._backend import int_from_digits

    return int_from_digits(text)


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _fail(
            f"a JSON number has {len(text.lstrip('-'))} digits (at most {MAX_JSON_DIGITS}): "
            f"{text[:20]}..."
        )
    return int(text)


def _json_float(text: str) -> float:
    if len(text) > MAX_JSON_DIGITS:
        raise _fail(f"a JSON number has {len(text)} characters: {text[:20]}...")
    return float(text)


@dataclass(frozen=True)
class SearchPage:
    """One page of search results as parsed.

    ``results`` is empty for ``null``; ``ambiguous`` is True exactly then (no match or too many:
    ask ``fmt=text``). ``count`` is the legacy shape's total, when the server sent one.
    """

    results: tuple[Sequence, ...]
    ambiguous: bool = False
    count: int | None = None


def _fail(what: str, where: str = "") -> OEISResponseError:
    return OEISResponseError(f"unexpected OEIS answer{' (' + where + ')' if where else ''}: {what}")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; one that repeats a key is refused (which copy is the OEIS's?)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _fail(f"a JSON object repeats the key {repeated[:40]!r}")
    return out


#: A ``\\uD800``-``\\uDFFF`` escape in JSON text (a surrogate; a valid pair becomes one character).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any) -> str | None:
    """The first string in ``value`` (keys included) holding a lone surrogate: not text
    (it cannot be written as UTF-8: printing it, or saving it, fails)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return item
        elif isinstance(item, dict):
            todo += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            todo += item
    return None


def _loads(text: str, where: str) -> Any:
    if looks_like_html(text):
        raise _fail(f"expected JSON, got an HTML page: {describe_html(text)}", where)
    try:
        value = json.loads(
            text, parse_int=_json_int, parse_float=_json_float, object_pairs_hook=_object
        )
    except json.JSONDecodeError as exc:
        snippet = text[:60].replace("\n", " ")
        raise _fail(
            f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); starts {snippet!r}",
            where,
        ) from exc
    except RecursionError as exc:
        raise _fail("JSON nested too deeply to be an OEIS answer", where) from exc
    except OEISResponseError as exc:  # from _json_int / _json_float
        raise _fail(str(exc).split(": ", 1)[-1], where) from exc
    except ValueError as exc:  # anything else the decoder's number handling raises
        raise _fail(f"invalid JSON ({exc})", where) from exc
    if _SURROGATE_ESCAPE.search(text) and (bad := _lone_surrogate(value)) is not None:
        shown = bad.encode("utf-8", "backslashreplace").decode("ascii")[:60]
        raise _fail(f"a JSON string holds a lone surrogate escape (not text): {shown!r}", where)
    return value


def _text_list(record: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if isinstance(value, str):  # tolerate a single line sent as a string
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"field {key!r} should be a list of strings, got {type(value).__name__}", where)
    return tuple(value)


def _opt_str(record: Mapping[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _fail(f"field {key!r} should be a string, got {type(value).__name__}", where)


def _opt_int(record: Mapping[str, Any], key: str, where: str) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _fail(f"field {key!r} should be an integer, got {value!r}", where)


def parse_terms(data: str, where: str = "") -> tuple[int, ...]:
    """The data line ``"1,2,-6,20"`` as integers (spaces tolerated, empty gives ``()``).

    >>> parse_terms("1, 2,-6,20")
    (1, 2, -6, 20)
    """
    if len(data) > MAX_DATA_CHARS:
        raise _fail(
            f"the data line is {len(data)} characters long (at most {MAX_DATA_CHARS}): "
            f"{data[:20]}...",
            where,
        )
    items = [item.strip() for item in data.strip().strip(",").split(",")]
    if items == [""]:
        return ()
    bad = next((item for item in items if not _TERM.fullmatch(item)), None)
    if bad is not None:
        raise _fail(f"the data line has a non-integer term {bad[:40]!r}", where)
    long = next((item for item in items if len(item.lstrip("-")) > MAX_TERM_DIGITS), None)
    if long is not None:
        raise _fail(
            f"the data line has a term of {len(long.lstrip('-'))} digits (at most "
            f"{MAX_TERM_DIGITS}): {long[:20]}...",
            where,
        )
    return tuple(int(item) for item in items)


def parse_offset(text: str, where: str = "") -> tuple[int, int | None]:
    """``"0,3"`` -> ``(0, 3)``; ``"1"`` -> ``(1, None)``.

    >>> parse_offset("0,3")
    (0, 3)
    """
    parts = [p.strip() for p in text.split(",")]
    if not 1 <= len(parts) <= 2 or not all(_TERM.fullmatch(p) for p in parts):
        raise _fail(f"bad offset {text[:40]!r} (expected e.g. '0,3')", where)
    if any(len(p.lstrip("-")) > MAX_OFFSET_DIGITS for p in parts):  # int() is quadratic
        raise _fail(f"an offset of more than {MAX_OFFSET_DIGITS} digits: {text[:20]!r}...", where)
    return int(parts[0]), (int(parts[1]) if len(parts) == 2 else None)


def parse_record(record: Any) -> Sequence:
    """One record object (a dict as decoded from JSON) -> :class:`Sequence`.

    >>> seq = parse_record({"number": 108, "data": "1,1,2,5", "name": "Catalan numbers.",
    ...                     "keyword": "core,nonn", "offset": "0,3", "id": "M1459 N0577"})
    >>> seq.id, seq.offset, seq.first_big, seq.keywords, seq.legacy_ids
    ('A000108', 0, 3, ('core', 'nonn'), ('M1459', 'N0577'))
    """
    if not isinstance(record, Mapping):
        raise _fail(f"a record should be an object, got {type(record).__name__}")
    number = record.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number <= 0:
        raise _fail(f"a record has no valid 'number' (got {number!r})")
    where = f"A{number:06d}"
    name = record.get("name")
    if not isinstance(name, str):
        raise _fail("the record has no 'name' string", where)
    data = record.get("data")
    if data is None:  # absent (or null) on allocated / recycled entries
        data = ""
    if not isinstance(data, str):
        raise _fail(f"field 'data' should be a string, got {type(data).__name__}", where)
    keyword = _opt_str(record, "keyword", where) or ""
    offset_text = _opt_str(record, "offset", where)
    offset, first_big = parse_offset(offset_text, where) if offset_text else (0, None)
    legacy = _opt_str(record, "id", where) or ""
    lists = {attr: _text_list(record, key, where) for key, attr in _LIST_FIELDS.items()}
    return Sequence(
        number=number,
        name=name,
        terms=parse_terms(data, where),
        offset=offset,
        keywords=tuple(k.strip() for k in keyword.split(",") if k.strip()),
        first_big=first_big,
        author=_opt_str(record, "author", where),
        legacy_ids=tuple(legacy.split()),
        reference_count=_opt_int(record, "references", where),
        revision=_opt_int(record, "revision", where),
        created=_opt_str(record, "created", where),
        revised=_opt_str(record, "time", where),
        extra={k: v for k, v in record.items() if k not in _KNOWN},
        **lists,
    )


def _records(
    items: Any, where: str, check: Callable[[], None] | None = None
) -> tuple[Sequence, ...]:
    if not isinstance(items, list):
        raise _fail(f"'results' should be a list, got {type(items).__name__}", where)
    seen: set[int] = set()
    out = []
    for index, item in enumerate(items):
        if check is not None and index % _CHECK_RECORDS == _CHECK_RECORDS - 1:
            check()
        seq = parse_record(item)
        if seq.number not in seen:  # a clamped page can repeat entries: keep the first
            seen.add(seq.number)
            out.append(seq)
    return tuple(out)


#: Records parsed between two calls of a search parse's ``check``.
_CHECK_RECORDS = 256


def parse_search_json(text: str, *, check: Callable[[], None] | None = None) -> SearchPage:
    """Parse a ``/search?fmt=json`` body in any of the three shapes (see the module doc).

    ``check``, if given, is called every few hundred records and may raise to stop a long
    parse (the client's deadline; a real page has 10 records).

    >>> legacy = '{"greeting": "hi", "query": "x", "count": 0, "start": 0, "results": null}'
    >>> parse_search_json(legacy)
    SearchPage(results=(), ambiguous=False, count=0)
    """
    where = "search"
    value = _loads(text, where)
    if value is None:
        return SearchPage((), ambiguous=True)
    if isinstance(value, list):
        return SearchPage(_records(value, where, check))
    if isinstance(value, Mapping):
        if "results" in value or "greeting" in value:  # the legacy wrapper
            count = _opt_int(value, "count", where)
            if count is not None and count < 0:
                raise _fail(f"field 'count' is negative ({count})", where)
            results = value.get("results")
            if results is None:
                # count == 0: no match; count > 0 with no results: too many; no count: unknown
                return SearchPage((), ambiguous=count is None, count=count)
            records = _records(results, where, check)
            if count is not None and count < len(records):  # e.g. "no match" with records
                raise _fail(f"'count' is {count} but the page has {len(records)} record(s)", where)
            return SearchPage(records, count=count)
        if "number" in value:  # a single record where a list was expected
            return SearchPage((parse_record(value),))
    raise _fail(f"expected a list of records or null, got {type(value).__name__}", where)


def parse_entry_json(text: str, anumber: str | None = None) -> Sequence:
    """Parse ``/A000984?fmt=json``: one record (or a list or legacy object holding one)."""
    where = anumber or "entry"
    value = _loads(text, where)
    if isinstance(value, Mapping) and "number" in value:
        seq = parse_record(value)
    else:
        page = parse_search_json(text)
        if not page.results:
            raise _fail("no record in the answer", where)
        seq = page.results[0]
    if anumber is not None and seq.id != anumber:
        raise _fail(f"asked for {anumber}, got {seq.id}", where)
    return seq


@dataclass(frozen=True)
class TextStatus:
    """The status of a ``fmt=text`` search page: ``kind`` is ``"results"``, ``"none"`` or
    ``"too-many"``; ``first``/``last``/``total`` come from ``Showing 1-10 of 26``."""

    kind: str
    total: int = 0
    first: int = 0
    last: int = 0


_SHOWING = re.compile(r"^Showing (\d+)-(\d+) of (\d+)\s*$", re.MULTILINE)
#: The most digits a number in ``Showing a-b of N`` may have (the OEIS holds < 10**6 entries).
_MAX_STATUS_DIGITS = 12


def parse_text_status(text: str) -> TextStatus:
    """Read the status line of a ``/search?fmt=text`` page.

    >>> parse_text_status("# Greetings\\n\\nSearch: seq:1,2,6,20\\nShowing 1-10 of 26\\n")
    TextStatus(kind='results', total=26, first=1, last=10)
    >>> parse_text_status("Search: seq:1,2\\nToo many results. Please narrow search.\\n").kind
    'too-many'
    """
    if looks_like_html(text):
        raise _fail(f"expected the text format, got an HTML page: {describe_html(text)}", "text")
    match = _SHOWING.search(text)
    if match:
        line = match.group()[:80]
        if any(len(g) > _MAX_STATUS_DIGITS for g in match.groups()):  # int() is quadratic
            raise _fail(f"a number too long in the status line {line!r}", "text")
        first, last, total = (int(g) for g in match.groups())
        if not 1 <= first <= last <= total:
            raise _fail(f"the status line {line!r} contradicts itself", "text")
        return TextStatus("results", total=total, first=first, last=last)
    if re.search(r"^\s*Too many results", text, re.MULTILINE):
        return TextStatus("too-many")
    if re.search(r"^\s*No results", text, re.MULTILINE):
        return TextStatus("none")
    raise _fail(
        "no status line ('Showing a-b of N', 'No results.' or 'Too many results.') "
        "in the text page",
        "text",
    )


_SYNTHESIZED = "(b-file synthesized from sequence entry)"


def parse_bfile(
    text: str,
    anumber: str = "",
    *,
    strict: bool = False,
    check: Callable[[], None] | None = None,
) -> list[tuple[int, int]]:
    """Parse a b-file: ``n a(n)`` lines; ``#`` comments, blank lines and ``\\r`` are skipped.

    Indices must increase. A line that is not ``n a(n)`` (or whose index does not increase, or
    whose term has more than :data:`MAX_BFILE_TERM_DIGITS` digits) is left out with a
    :class:`BFileWarning` naming the bad line numbers and the first bad line (a gap in the
    indices is kept, with a warning); with ``strict=True`` either raises
    :class:`OEISResponseError` instead.
    A b-file with no good line at all but some bad ones is an error in both modes (it is not a
    b-file). A synthesized b-file (``# A181630 (b-file synthesized from sequence entry)``)
    parses like any other. ``check`` is as for :func:`scan_bfile`.

    >>> parse_bfile("# A000984 ...\\r\\n0 1\\r\\n1 2\\n2 6  # note\\n")
    [(0, 1), (1, 2), (2, 6)]
    """
    return settle_bfile(scan_bfile(text, anumber, check=check), anumber, strict=strict)


@dataclass(frozen=True)
class BFileScan:
    """What :func:`scan_bfile` found: the good pairs, the first :data:`_BAD_KEPT` bad lines
    as ``(line number, why)``, and how many bad lines there were in all."""

    pairs: list[tuple[int, int]]
    bad: list[tuple[int, str]]
    bad_count: int


#: Bad b-file lines described one by one (the rest are only counted: a hostile body of
#: millions of bad lines must not cost a string each).
_BAD_KEPT = 10
#: Lines scanned between two calls of a b-file scan's ``check``.
_CHECK_EVERY = 4096


def settle_bfile(
    scan: BFileScan, anumber: str = "", *, strict: bool = False
) -> list[tuple[int, int]]:
    """The pairs of a scanned b-file, warning about (or, with ``strict``, refusing) its bad
    lines and gaps: the second half of :func:`parse_bfile`."""
    where = f"b-file {anumber}".strip()
    pairs, bad = scan.pairs, scan.bad
    gap = next((i for i in range(1, len(pairs)) if pairs[i][0] != pairs[i - 1][0] + 1), None)
    gap_text = None if gap is None else f"index {pairs[gap][0]} does not follow {pairs[gap - 1][0]}"
    if strict:
        if bad:
            raise _fail(bad[0][1], where)
        if gap_text is not None:
            raise _fail(gap_text, where)
    elif bad:
        numbers = ", ".join(str(lineno) for lineno, _ in bad)
        more = f" and {scan.bad_count - len(bad)} more" if scan.bad_count > len(bad) else ""
        warnings.warn(
            f"{where}: left out {scan.bad_count} bad line(s) (line {numbers}{more}); {bad[0][1]}",
            BFileWarning,
            stacklevel=3,
        )
    elif gap_text is not None:
        warnings.warn(f"{where}: terms are missing: {gap_text}", BFileWarning, stacklevel=3)
    return pairs


def scan_bfile(
    text: str, anumber: str = "", *, check: Callable[[], None] | None = None
) -> BFileScan:
    """The good ``(n, a(n))`` pairs of a b-file and its bad lines (see :class:`BFileScan`).

    Raises :class:`OEISResponseError` for an HTML page, or when there are bad lines and no good
    one (then the body is not a b-file at all). ``check``, if given, is called every few
    thousand lines and may raise to stop a long scan (the client's deadline).
    """
    where = f"b-file {anumber}".strip()
    if looks_like_html(text):
        raise _fail(f"expected a b-file, got an HTML page: {describe_html(text)}", where)
    pairs: list[tuple[int, int]] = []
    bad: list[tuple[int, str]] = []
    bad_count = 0

    def excerpt(raw: str) -> str:
        return repr(raw.strip()[:60]) + ("..." if len(raw.strip()) > 60 else "")

    for lineno, raw in enumerate(text.splitlines(), 1):
        if check is not None and lineno % _CHECK_EVERY == 0:
            check()
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        why = None
        if len(parts) != 2 or not all(_TERM.fullmatch(p) for p in parts):
            why = "is not 'n a(n)'"
        elif max(len(parts[0]), len(parts[1].lstrip("-"))) > MAX_BFILE_TERM_DIGITS:
            why = f"has more than {MAX_BFILE_TERM_DIGITS} digits"
        else:
            n, value = decimal_to_int(parts[0]), decimal_to_int(parts[1])
            if not pairs or n > pairs[-1][0]:
                pairs.append((n, value))
                continue
        bad_count += 1
        if len(bad) < _BAD_KEPT:
            if why is None:
                bad.append((lineno, f"line {lineno}: index {n} does not follow {pairs[-1][0]}"))
            else:
                bad.append((lineno, f"line {lineno} {why}: {excerpt(raw)}"))
    if bad and not pairs:
        raise _fail(f"no line is 'n a(n)'; {bad[0][1]}", where)
    return BFileScan(pairs, bad, bad_count)


def bfile_is_synthesized(text: str) -> bool:
    """True for the server-made b-file of an entry that has none of its own."""
    return _SYNTHESIZED in text[:300]


def looks_like_html(text: str) -> bool:
    """True when a body is an HTML page (Cloudflare and maintenance pages are)."""
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body")) or (
        "<html" in head and "<title" in text[:4096].lower()
    )


def describe_html(text: str, limit: int = 100) -> str:
    """A one-line description of an HTML error page: its title (or first heading).

    >>> describe_html("<html><head><title>502 Bad Gateway | example.org | Cloudflare</title>")
    "'502 Bad Gateway | example.org | Cloudflare'"
    """
    for tag in ("title", "h1", "h2"):
        match = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", text, re.IGNORECASE | re.DOTALL)
        if match:
            import html  # only for an HTML error page (html.entities is a large table)

            words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())
            if words:
                return repr(words[:limit])
    return "an HTML page without a title"
