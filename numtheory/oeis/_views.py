"""How the OEIS layer's answers show themselves (issue 16): a search's :class:`Lookup`
(and the ``Matches`` list :func:`numtheory.oeis.search` returns, through it), and the
:class:`Explanation` / ``Explanations`` of :func:`numtheory.oeis.identify`.

The classes' ``__repr__``, ``__str__`` and ``_repr_html_`` call these functions; the shared
rules (elision, clipping, escaping, tables) are :mod:`numtheory._display`'s. Pure: the
objects are only read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from numtheory import _display

if TYPE_CHECKING:  # annotations only: model and _identify import this module
    from numtheory.oeis._identify import Explanation, Explanations
    from numtheory.oeis.model import Lookup

__all__ = [
    "agreement",
    "explanation_html",
    "explanation_repr",
    "explanation_text",
    "explanations_html",
    "explanations_repr",
    "explanations_text",
    "lookup_html",
    "lookup_repr",
    "lookup_text",
]

_FROM = {
    "network": "from the OEIS",
    "cache": "from the cache",
    "stale-cache": "from an expired cached copy",
}


# -- a search's answer ---------------------------------------------------------------------------


def _count_text(shown: int, start: int, total: int | None) -> str:
    """``'2 matches in all'``, ``'matches 11-20 of 57'``, ``'matches 1-10 (total unknown)'``."""
    first, last = start + 1, start + shown
    if total is not None and start == 0 and shown == total:
        return "no match" if total == 0 else f"{total:,} match{'es' if total > 1 else ''} in all"
    if shown == 0:
        return f"no matches past the first {start:,}" if start else "no match"
    if total is not None:
        return f"matches {first:,}-{last:,} of {total:,}"
    return f"matches {first:,}-{last:,} (total unknown)"


def _headline(answer: Lookup) -> str:
    where = _FROM.get(answer.source, f"from the local {answer.source}")
    count = _count_text(len(answer.results), answer.start, answer.total)
    return f"{answer.shown_query}: {count}, {where}"


def lookup_repr(answer: Lookup, kind: str) -> str:
    """The query, the count, the first five A-numbers, the source, on one line; then how many
    warnings and notes :func:`lookup_text` and :func:`lookup_html` show (as an
    :class:`~numtheory.oeis.Explanations` counts its notes)."""
    results = answer.results
    ids = ", ".join(s.id for s in results[:5])
    if len(results) > 5:
        ids += f", {_display.ELLIPSIS}"
    return _display.one_line(
        kind,
        repr(_display.clip(answer.shown_query, 60)),
        [
            _count_text(len(results), answer.start, answer.total),
            ids,
            None if answer.source is None else f"source={answer.source!r}",
            _counted(len(answer.warnings), "warning"),
            _counted(len(answer.notes), "note"),
        ],
    )


def _counted(count: int, what: str) -> str | None:
    """``'2 notes'``, ``'1 warning'``; None (left out) for none."""
    return f"{count} {what}{'s' * (count != 1)}" if count else None


def lookup_text(answer: Lookup) -> str:
    """As ``numtheory oeis`` prints a search: two lines a result, then warnings and notes."""
    lines = _display.wrap("", _headline(answer), indent=2, first=0)
    for seq in answer.results:
        lines += _display.wrap("", f"{seq.id}  {seq.name}", indent=9, first=0)
        lines += _display.wrap("", _display.terms_text(seq.terms, count=12, width=70), indent=9)
    for message in answer.warnings + answer.notes:
        lines += _display.wrap("note", message, indent=6)
    return "\n".join(lines)


def lookup_html(answer: Lookup) -> str:
    """The headline, a table of the results (A-numbers linked), the warnings and notes."""
    rows = [
        (
            _display.link(seq.url, seq.id),
            _display.linked(seq.name),
            _display.terms_text(seq.terms, count=12, width=100, max_digits=30, keep=10),
        )
        for seq in answer.results
    ]
    return _display.html_box(
        "lookup",
        _headline(answer),
        _display.html_table(("A-number", "name", "terms"), rows) if rows else None,
        _display.html_list(answer.warnings + answer.notes),
    )


# -- identify's explanations -------------------------------------------------------------------


def agreement(e: Explanation) -> str:
    """How many terms agree, and on what (as ``numtheory identify`` says it)."""
    if e.conjecture or len(e.terms) in (0, e.matched):
        text = f"{e.matched:,} terms agree"
    else:
        text = f"{len(e.terms):,} transformed terms agree, for {e.matched:,} terms"
    return text if e.signs else f"{text} up to signs"


def _steps(e: Explanation) -> str:
    return " then ".join(e.transforms) if e.transforms else "none (exact)"


def explanation_repr(e: Explanation) -> str:
    """``<Explanation A000108: 'Binomial transform of A000108: …'; 8 terms agree; …>``."""
    return _display.one_line(
        "Explanation",
        "guess" if e.sequence is None else e.sequence.id,
        [
            repr(_display.clip(e.description, 80)),
            agreement(e),
            None if e.source is None else f"source={e.source!r}",
            "conjecture" if e.conjecture else None,
        ],
    )


def _explanation_rows(e: Explanation, html: bool) -> list[tuple[str, Any]]:
    seq = e.sequence
    entry: Any = None
    if seq is not None:
        entry = (
            _display.Html(f"{_display.link(seq.url, seq.id)} {_display.linked(seq.name)}")
            if html
            else f"{seq.id}  {seq.name}"
        )
    found = None
    if e.terms:
        found = _display.terms_text(e.terms, count=20, width=160, max_digits=30, keep=8)
        if seq is not None:
            found += f" (at position {e.position} of the data line)"
    return [
        ("entry", entry),
        ("transforms", _steps(e)),
        ("terms", found),
        ("evidence", agreement(e) + (", a conjecture" if e.conjecture else ", checked")),
        ("source", e.source),
        ("url", None if html or seq is None else seq.url),
    ]


def explanation_text(e: Explanation) -> str:
    """The description, then the entry, transforms, terms found, evidence, source, URL."""
    return _display.text_block(e.description, _explanation_rows(e, html=False))


def explanation_html(e: Explanation) -> str:
    """A table: the description, the entry linked to its OEIS page, the evidence."""
    rows: list[tuple[str, Any]] = [("explanation", _display.linked(e.description))]
    return _display.html_box(
        "explanation", _display.html_rows(rows + _explanation_rows(e, html=True))
    )


def explanations_repr(found: Explanations) -> str:
    """``<Explanations 3 found: A000108 (inverse_binomial), …; 2 notes>``."""
    shown = [
        ("guess" if e.sequence is None else e.sequence.id)
        + f" ({' then '.join(e.transforms) or 'exact'})"
        for e in found[:3]
    ]
    more = f", {_display.ELLIPSIS}" if len(found) > 3 else ""
    notes = len(found.notes)
    return _display.one_line(
        "Explanations",
        f"{len(found)} found",
        [", ".join(shown) + more, f"{notes} note{'s' * (notes != 1)}" if notes else None],
    )


def explanations_text(found: Explanations) -> str:
    """Numbered, best first, as ``numtheory identify`` prints them; then the notes."""
    lines: list[str] = [] if found else ["nothing found"]  # also when there are notes
    for i, e in enumerate(found, 1):
        lines += _display.wrap("", f"{i:2}. {e.description}", indent=4, first=0)
        lines += _display.wrap("", f"{agreement(e)} ({e.source})", indent=4)
    for note in found.notes:
        lines += _display.wrap("note", note, indent=6)
    return "\n".join(lines)


def explanations_html(found: Explanations) -> str:
    """A table of the explanations, best first (A-numbers linked), then the notes."""
    rows = [
        (
            str(i),
            "" if e.sequence is None else _display.link(e.sequence.url, e.sequence.id),
            _display.linked(e.description),
            _steps(e),
            agreement(e) + (", a conjecture" if e.conjecture else ""),
            e.source,
        )
        for i, e in enumerate(found, 1)
    ]
    header = ("#", "A-number", "explanation", "transforms", "evidence", "source")
    return _display.html_box(
        "explanations",
        _display.html_table(header, rows) if rows else "nothing found",
        _display.html_list(found.notes),
    )
