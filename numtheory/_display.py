"""How result objects show themselves: the pieces every ``__repr__``/``_repr_html_`` shares.

The objects a user meets (:class:`~numtheory.oeis.Sequence`, a search's answer, an
identification, a :class:`~numtheory.Guess`, a verify report, the mirror's status) each show
four faces: a short one-line ``repr``, a readable multi-line ``str``, IPython's
``_repr_pretty_`` and a notebook's ``_repr_html_``. The rules they share are kept here, once,
so that no class gets them subtly different:

* a big integer is shown whole or visibly elided, never cut: ``1234567890…(1000
  digits)…1234567890`` (:func:`short_int`, also the CLI's), and a list of terms says how many
  it leaves out (:func:`terms_text`); an elided number of more than 4096 bits is never
  written whole (:func:`numtheory._backend.decimal_ends`), and the bits shown for one view
  are bounded (:data:`DIGIT_BUDGET`), so a view of ten-million-digit terms costs a tenth of
  a second;
* text is clipped only with a mark and never among a number's digits (:func:`clip`), and
  wrapped without breaking a word or a number (:func:`wrap`);
* empty fields are left out (:func:`present`);
* a view never raises (:func:`guarded`): evidence of any shape (cycles, deep nesting,
  fractions, sets, huge keys) is shown short by :func:`value_text`, and a view that fails
  anyway shows the object's kind and the error's name instead of a traceback;
* HTML escaping is structural: the builders escape every value they are given, unless it is
  :class:`Html`, which only :func:`esc`, :func:`link`, :func:`linked` and the builders make,
  from escaped parts. An OEIS name containing ``<script>`` stays text.

Pure and light (``html``, ``re``, ``textwrap``; no IPython): GMP is loaded only to write a
number of more than about 1,200 digits, which CPython's ``str`` does in quadratic time.
"""

from __future__ import annotations

import functools
import html
import itertools
import numbers
import operator
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

__all__ = [
    "ELLIPSIS",
    "Html",
    "clip",
    "decimal",
    "esc",
    "guarded",
    "html_box",
    "html_list",
    "html_rows",
    "html_table",
    "link",
    "linked",
    "mapping_text",
    "number_text",
    "one_line",
    "present",
    "pretty",
    "short_int",
    "size_text",
    "status_html",
    "terms_text",
    "text_block",
    "value_text",
    "wrap",
]

#: The mark of anything left out: an elided number, clipped text, terms not shown.
ELLIPSIS = "\u2026"
#: Up to this many bits (about 1,200 digits) CPython's ``str`` is quick and needs no GMP.
_STR_BITS = 4096
#: The longest repr any object gives (its parts are clipped well before this).
REPR_LIMIT = 400
#: Text width of ``str()`` layouts.
WIDTH = 88
#: At most about this many digits' worth of terms are shown in one view (a million-digit
#: term is still shown, elided; the terms after it are counted, not shown). An elided term
#: is no longer written whole (a division: 6 ms a million digits, where writing it took
#: 0.1 s), so this now bounds a smaller cost; it also keeps a view's size predictable.
DIGIT_BUDGET = 2_000_000
#: How deep :func:`value_text` goes into nested evidence, and how many items a level shows.
_DEPTH = 4
_ITEMS = 20

_T = TypeVar("_T")


# -- numbers and text --------------------------------------------------------------------------


def decimal(n: int) -> str:
    """``n`` in decimal, whole, at any size (also past CPython's 4,300-digit ``str`` limit).

    >>> decimal(-(2**70))
    '-1180591620717411303424'
    """
    if n.bit_length() <= _STR_BITS:
        return str(n)
    from numtheory import _backend  # only for big numbers: GMP's mpz_get_str

    return _backend.decimal(n)


def short_int(n: int, max_digits: int = 40, keep: int = 10) -> str:
    """``n`` whole when it has at most ``max_digits`` digits, else visibly elided.

    A long number shows its first and last ``keep`` digits and its length, never a silent
    cut. The CLI writes numbers by the same rule (:func:`numtheory.cli._output.short_int`).

    >>> short_int(12345)
    '12345'
    >>> short_int(-(10**60 + 7), max_digits=20, keep=4)
    '-1000…(61 digits)…0007'
    """
    limit = max(max_digits, 2 * keep + 1)
    sign = "-" if n < 0 else ""
    if n.bit_length() > _STR_BITS and keep >= 1:
        # Not written whole: the count and both ends without writing the middle (a
        # 10**7-digit term took 1.2 s of CPU per view; now a division, 0.08 s).
        from numtheory import _backend

        digits, head, tail = _backend.decimal_ends(abs(n), keep)
        if digits > limit:
            return f"{sign}{head}{ELLIPSIS}({digits} digits){ELLIPSIS}{tail}"
    text = decimal(n)
    body = text.removeprefix("-")
    if len(body) <= limit:
        return text
    return f"{sign}{body[:keep]}{ELLIPSIS}({len(body)} digits){ELLIPSIS}{body[-keep:]}"


def clip(text: Any, limit: int) -> str:
    """``text`` whole when at most ``limit`` characters, else cut with a visible mark, and
    never inside a number: a cut that would fall among digits backs up to before them.

    >>> clip("Fibonacci numbers", 20), clip("Fibonacci numbers", 10)
    ('Fibonacci numbers', 'Fibonacci…')
    >>> clip("1, 2, 6, 20, 70, 252", 12)
    '1, 2, 6, 20…'
    >>> clip("1, 2, 6, 20, 70, 252", 16)
    '1, 2, 6, 20, 70…'
    >>> clip("a(n) = 705432*n", 11)
    'a(n) = …'
    """
    whole = "" if text is None else str(text)  # a missing field shows as nothing, not a crash
    if len(whole) <= limit:
        return whole
    cut = max(limit - 1, 0)
    while 0 < cut < len(whole) and whole[cut].isdigit() and whole[cut - 1].isdigit():
        cut -= 1  # 705432 is not shown as 70…
    return whole[:cut] + ELLIPSIS


def terms_text(
    terms: Iterable[int],
    *,
    count: int = 8,
    width: int = 80,
    max_digits: int = 20,
    keep: int = 6,
    total: int | None = None,
) -> str:
    """The first terms (at most ``count``, within about ``width`` characters), each one
    whole or elided by :func:`short_int`; when some are left out, ``…`` and how many there are.

    ``total`` is the number of terms when ``terms`` is a prefix of them. Once about
    :data:`DIGIT_BUDGET` digits have been written, the rest are counted, not shown.

    >>> terms_text(range(20), count=5)
    '0, 1, 2, 3, 4, … (20 terms)'
    >>> terms_text([1, 2, 6])
    '1, 2, 6'
    """
    values = list(terms or ())
    size = len(values) if total is None else total
    pieces: list[str] = []
    used = 0
    bits = 0  # written so far: the cost of a term's digits grows with its bits
    for term in values[:count]:
        if pieces and bits + abs(term).bit_length() > 3.33 * DIGIT_BUDGET:
            break
        bits += abs(term).bit_length()
        piece = short_int(term, max_digits, keep)
        if pieces and used + len(piece) + 2 > width:
            break
        pieces.append(piece)
        used += len(piece) + 2
    shown = ", ".join(pieces)
    if len(pieces) < size:
        shown += f", {ELLIPSIS} ({size:,} terms)" if pieces else f"{ELLIPSIS} ({size:,} terms)"
    return shown


def mapping_text(data: Mapping[Any, Any], limit: int = 120) -> str:
    """A dict of evidence as ``n = 40, got = 3``: numbers elided, other values clipped.

    >>> mapping_text({"n": 40, "got": 10**50})
    'n = 40, got = 1000000000…(51 digits)…0000000000'
    >>> mapping_text({"n": 40, "got": 10**50}, limit=20)
    'n = 40, …'
    """
    return _items_text(data, limit, 0, top=True)


def number_text(value: Any) -> str:
    """A count from evidence with thousands separators (``'5,852'``); not an int: as
    :func:`value_text` shows it.

    >>> number_text(5852), number_text(10**50), number_text("many")
    ('5,852', '1000000000…(51 digits)…0000000000', 'many')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() < 64:
        return f"{value:,}"
    return value_text(value)


def value_text(value: Any, limit: int = 60) -> str:
    """Any evidence value, short: ints elided, containers shown to a bounded depth and width
    (a cycle, a deep nesting or a wide one costs little), fractions as two elided ints,
    anything else ``str`` clipped (never a quadratic ``str`` of a huge int, nor one past
    CPython's digit limit).

    >>> value_text([1, 2, 10**60]), value_text({"n": 3, "pair": (1, 2)})
    ('[1, 2, 1000000000…(61 digits)…0000000000]', '{n: 3, pair: (1, 2)}')
    >>> loop = [1]; loop.append(loop); value_text(loop)
    '[1, [1, [1, [1, […]]]]]'
    """
    # not clipped: a container stops before the item that would overflow (a few characters
    # over ``limit`` at most), a clip could cut inside a number
    return _value_text(value, limit, 0)


def _value_text(value: Any, limit: int, depth: int) -> str:
    """:func:`value_text` at nesting ``depth``, writing about ``limit`` characters at most."""
    if isinstance(value, bool) or value is None:
        return str(value)
    # the number ABCs, not fractions.Fraction: they also take GMP's and numpy's numbers, and
    # importing fractions (and decimal) would cost every CLI start 20 ms
    if isinstance(value, numbers.Integral) or hasattr(type(value), "__index__"):
        return short_int(operator.index(value))  # also FLINT's fmpz, an index but no Integral
    if isinstance(value, numbers.Rational):
        return f"{short_int(int(value.numerator))}/{short_int(int(value.denominator))}"
    if isinstance(value, (str, float, complex)):
        return clip(str(value), limit)
    if isinstance(value, (Mapping, list, tuple, set, frozenset)):
        return _items_text(value, limit, depth)
    try:
        text = str(value)
    except Exception:  # an object whose str fails (or a huge int inside one): its type
        text = f"<{type(value).__name__}>"
    return clip(text, limit)


def _items_text(value: Any, limit: int, depth: int, top: bool = False) -> str:
    """A container's items, at most :data:`_ITEMS`, whole, while they fit in ``limit``
    characters (then a mark: the text is at most five characters longer)."""
    mapping = isinstance(value, Mapping)
    opening, closing = "{", "}"  # a dict or a set
    if top:
        opening = closing = ""
    elif isinstance(value, list):
        opening, closing = "[", "]"
    elif isinstance(value, tuple):
        opening, closing = "(", ")"
    if depth >= _DEPTH:
        return f"{opening}{ELLIPSIS}{closing}"
    items = value.items() if mapping else value
    parts: list[str] = []
    used = 0
    for index, item in enumerate(itertools.islice(items, _ITEMS + 1)):
        if index == _ITEMS:
            parts.append(ELLIPSIS)
            break
        room = max(limit - used - 6, 10)  # what an item may take: a nested one runs over by 5
        if mapping:
            key, item = item
            shown = key if isinstance(key, str) else _value_text(key, room, depth + 1)
            piece = f"{clip(shown, room)}{' =' if top else ':'} "
            piece += _value_text(item, max(room - len(piece), 10), depth + 1)
        else:
            piece = _value_text(item, room, depth + 1)
        if parts and used + len(piece) > limit:  # it would overflow: a mark instead
            parts.append(ELLIPSIS)
            break
        parts.append(piece)
        used += len(piece) + 2
    single = "," if isinstance(value, tuple) and len(parts) == 1 else ""
    return f"{opening}{', '.join(parts)}{single}{closing}"


def size_text(size: int) -> str:
    """Bytes as people read them: ``'20.3 MiB'``.

    >>> size_text(512), size_text(21_300_000)
    ('512 B', '20.3 MiB')
    """
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def present(value: Any) -> bool:
    """Whether a field has something to show (None, ``""`` and empty containers have not)."""
    if value is None:
        return False
    if isinstance(value, (str, tuple, list, dict)):
        return len(value) > 0
    return True


# -- repr, str, IPython ------------------------------------------------------------------------


def one_line(kind: str, head: str, parts: Iterable[str | None] = ()) -> str:
    """The repr of every result object: ``<Kind head: part; part>``, empty parts left out.

    The parts are already short; the whole is held to :data:`REPR_LIMIT` characters anyway,
    and kept on one line.

    >>> one_line("Sequence", "A000045 'Fibonacci numbers'", ["0, 1, 1", None, "offset=0"])
    "<Sequence A000045 'Fibonacci numbers': 0, 1, 1; offset=0>"
    """
    shown = [p for p in parts if p]
    body = f"{head}: {'; '.join(shown)}" if shown else head
    body = clip(" ".join(body.split()), REPR_LIMIT)  # one line, whatever the data hold
    return f"<{kind} {body}>"


def wrap(
    label: str, text: Any, *, width: int = WIDTH, indent: int = 12, first: int | None = None
) -> list[str]:
    """``label: text`` wrapped with a hanging indent, breaking only between words.

    Numbers and long words are never broken across lines (a line may run over instead).
    Without a label the first line is indented by ``first`` (default: as the others).

    >>> wrap("terms", "1, 2, 6, 20, 70, 252", width=24)
    ['terms:      1, 2, 6, 20,', '            70, 252']
    >>> wrap("", "A000984  Central binomial coefficients", width=20, indent=9, first=0)
    ['A000984  Central', '         binomial', '         coefficients']
    """
    rest = " " * indent
    lead = (
        f"{label}:".ljust(indent - 1) + " " if label else " " * (indent if first is None else first)
    )
    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        lines += textwrap.wrap(
            paragraph,
            width,
            initial_indent=rest if lines else lead,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [lead.rstrip()]
    return lines


def text_block(title: str, rows: Iterable[tuple[str, Any]], *, width: int = WIDTH) -> str:
    """The ``str()`` layout: a title line, then ``label: value`` lines, empty ones left out.

    >>> print(text_block("A000045  Fibonacci numbers", [("offset", 0), ("author", None)]))
    A000045  Fibonacci numbers
    offset:     0
    """
    lines = textwrap.wrap(title, width, break_long_words=False, subsequent_indent="  ") or [""]
    for label, value in rows:
        if present(value):
            lines += wrap(label, value, width=width)
    return "\n".join(lines)


def guarded(view: Callable[[_T], str]) -> Callable[[_T], str]:
    """A view method (``__repr__``, ``__str__``, ``_repr_html_``) that never raises.

    A repr that raises is the worst thing a notebook can show (a traceback instead of the
    object, in every cell that displays it). The views are written not to fail on any field
    of any shape; this is the backstop: the object's kind and the error's name, escaped
    for HTML.

    >>> class Broken:
    ...     @guarded
    ...     def __repr__(self) -> str:
    ...         return 1 / 0
    >>> repr(Broken())
    '<Broken (not shown: ZeroDivisionError)>'
    """

    @functools.wraps(view)
    def safe(obj: _T) -> str:
        try:
            return view(obj)
        except Exception as exc:  # any failure: a short, honest stand-in
            text = f"<{type(obj).__name__} (not shown: {type(exc).__name__})>"
            return esc(text) if view.__name__ == "_repr_html_" else text

    return safe


def pretty(obj: Any, p: Any, cycle: bool) -> None:
    """``_repr_pretty_`` for IPython: the short repr (``<Kind …>`` inside a cycle).

    Only ``p.text`` is called: IPython is never imported here.
    """
    p.text(f"<{type(obj).__name__} {ELLIPSIS}>" if cycle else repr(obj))


# -- HTML ----------------------------------------------------------------------------------------


class Html(str):
    """Markup that is already safe: made here from escaped parts, never from data directly."""

    __slots__ = ()


def esc(value: Any) -> Html:
    """``value`` as HTML text: escaped, unless it already is :class:`Html`.

    >>> esc("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def link(url: str, text: Any) -> Html:
    """A link to an ``http(s)`` address (anything else stays text: no ``javascript:``).

    >>> link("https://oeis.org/A000045", "A000045")
    '<a href="https://oeis.org/A000045" target="_blank" rel="noopener">A000045</a>'
    """
    if not url.startswith(("https://", "http://")):
        return esc(text)
    return Html(
        f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{esc(text)}</a>'
    )


_LINKABLE = re.compile(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:)\]])|\b(A\d{6})\b")


def linked(text: Any) -> Html:
    """Text with its URLs and A-numbers made links (to the OEIS), everything else escaped.

    >>> linked("OEIS A000120 <b>")
    'OEIS <a href="https://oeis.org/A000120" target="_blank" rel="noopener">A000120</a> &lt;b&gt;'
    """
    text = "" if text is None else str(text)
    out: list[str] = []
    at = 0
    for match in _LINKABLE.finditer(text):
        out.append(esc(text[at : match.start()]))
        url, anumber = match.groups()
        out.append(link(url, url) if url else link(f"https://oeis.org/{anumber}", anumber))
        at = match.end()
    out.append(esc(text[at:]))
    return Html("".join(out))


_CELL = 'style="text-align:left;vertical-align:top"'


def html_rows(rows: Iterable[tuple[str, Any]]) -> Html:
    """A two-column table, ``label | value``, empty values left out; values escaped."""
    body = "".join(
        f"<tr><th {_CELL}>{esc(label)}</th><td {_CELL}>{esc(value)}</td></tr>"
        for label, value in rows
        if present(value)
    )
    return Html(f"<table>{body}</table>")


def html_table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Html:
    """A table with a header row; every cell escaped (None shows as an empty cell)."""
    head = "".join(f"<th {_CELL}>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td {_CELL}>{esc('' if c is None else c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return Html(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def html_list(items: Iterable[Any]) -> Html:
    """A bulleted list of escaped items (empty when there are none)."""
    body = "".join(f"<li>{esc(item)}</li>" for item in items)
    return Html(f"<ul>{body}</ul>" if body else "")


def html_box(kind: str, *parts: Any) -> Html:
    """The outer ``<div>`` of one object's HTML view; text parts become escaped paragraphs."""
    inner = "".join(p if isinstance(p, Html) else f"<p>{esc(p)}</p>" for p in parts if present(p))
    return Html(f'<div class="numtheory-{esc(kind.lower())}">{inner}</div>')


def status_html(passed: bool) -> Html:
    """``PASS``/``FAIL`` in bold and colour (the word says it; the colour only helps)."""
    colour = "#1a7f37" if passed else "#cf222e"
    return Html(f'<b style="color:{colour}">{"PASS" if passed else "FAIL"}</b>')
