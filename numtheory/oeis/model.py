"""The OEIS data model: :class:`Sequence`, :class:`Lookup` (an answer), A-numbers, queries.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from numtheory import _display
from numtheory.errors import InputError, InputTypeError
from numtheory.oeis import _views

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # Sequence.plot() (the extra numtheory[plot])

#: The OEIS numbers its entries A000001..A999999 (``A`` and six digits; A000000 is not
#: admissible). The site also takes the unpadded form (``/A45`` redirects to ``/A000045``),
#: so 1 to 6 digits are accepted here; "A" with more digits is not an A-number.
_ANUMBER = re.compile(r"[Aa](\d{1,6})")
_BARE = re.compile(r"\d{1,6}")
_SHAPE = re.compile(r"[Aa]\d+")
#: The largest A-number the six-digit format can hold.
MAX_ANUMBER = 999_999

_RULE = "an OEIS A-number is A and 1 to 6 digits, A000001 to A999999, e.g. A000045"


def _excerpt(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} chars)"


def normalize_anumber(text: str | int) -> str:
    """Canonical A-number: ``"a45"``, ``"A000045"``, ``45`` -> ``"A000045"``.

    Raises :class:`~numtheory.errors.InputError` for anything else (``A999999999``, ``A0``,
    ``B12``), naming the value and the rule.

    Parameters
    ----------
    text
        An A-number in any case, with or without leading zeros, or its number.

    Returns
    -------
    str
        ``A`` and six digits.

    Examples
    --------
    >>> normalize_anumber("a45")
    'A000045'
    >>> normalize_anumber(984)
    'A000984'
    """
    if isinstance(text, bool) or not isinstance(text, (int, str)):
        raise InputError(f"not a valid A-number: {text!r} ({_RULE})")
    if isinstance(text, int):
        number = text
    else:
        stripped = text.strip()
        match = _ANUMBER.fullmatch(stripped) or _BARE.fullmatch(stripped)
        if match is None:
            raise InputError(f"not a valid A-number: {_excerpt(stripped)} ({_RULE})")
        number = int(match.group(1) if match.re is _ANUMBER else match.group(0))
    if not 0 < number <= MAX_ANUMBER:
        raise InputError(f"not a valid A-number: {_excerpt(str(text))} ({_RULE})")
    return f"A{number:06d}"


def looks_like_anumber(text: str) -> bool:
    """True for text shaped like an A-number (``A000045``, ``a45``, also ``A999999999``).

    Only the shape: an 'A' followed by digits. :func:`normalize_anumber` then says whether it
    is a valid one, so that ``A999999999`` is reported as a bad A-number, not as a bad term.
    Bare numbers are terms, not A-numbers.

    Parameters
    ----------
    text
        A word from the command line or a query.

    Returns
    -------
    bool
        Whether it has the shape ``A`` then digits (valid or not).

    Examples
    --------
    >>> looks_like_anumber("a45"), looks_like_anumber("A999999999"), looks_like_anumber("45")
    (True, True, False)
    """
    return _SHAPE.fullmatch(text.strip()) is not None


#: Text fields (one tuple of lines each). None means the source does not carry the field (the
#: mirror's dumps and the catalogue have no comments, references, ...); ``()`` means the
#: entry has none.
_TEXT_FIELDS = (
    "comments",
    "reference_lines",
    "links",
    "formulas",
    "examples",
    "maple",
    "mathematica",
    "programs",
    "xrefs",
    "extensions",
)


@dataclass(frozen=True)
class Sequence:
    """One OEIS entry.

    ``terms`` are the data line (``%S %T %U``, a few hundred characters), not the b-file.
    ``offset`` is the index of the first term; ``first_big`` the 1-based position of the first
    term with ``|a(n)| > 1`` (the second number of the OEIS ``%O`` line), when known.

    References come in two fields whose names cannot be confused: ``reference_lines`` are
    the printed references (the ``%D`` lines, the OEIS JSON list ``reference``), and
    ``reference_count`` is the number of OEIS entries that mention this one (the OEIS JSON
    integer ``references``). The old attribute ``references`` is gone (reading it raises an
    AttributeError that names the two new fields).

    A field the source does not carry is None, never a made-up value: an answer from the
    mirror's dumps has no offset, keywords or text fields (all None); from the catalogue, an
    offset and keywords but no text fields. From the OEIS itself every field is known (an
    empty tuple when the entry has none). :attr:`source` says where this copy came from.
    """

    number: int
    name: str
    terms: tuple[int, ...]
    offset: int | None = None
    keywords: tuple[str, ...] | None = None
    first_big: int | None = None
    comments: tuple[str, ...] | None = None
    reference_lines: tuple[str, ...] | None = None
    links: tuple[str, ...] | None = None
    formulas: tuple[str, ...] | None = None
    examples: tuple[str, ...] | None = None
    maple: tuple[str, ...] | None = None
    mathematica: tuple[str, ...] | None = None
    programs: tuple[str, ...] | None = None
    xrefs: tuple[str, ...] | None = None
    extensions: tuple[str, ...] | None = None
    author: str | None = None
    legacy_ids: tuple[str, ...] = ()
    reference_count: int | None = None
    revision: int | None = None
    created: str | None = None
    revised: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def id(self) -> str:
        """The A-number, e.g. ``"A000984"``."""
        return f"A{self.number:06d}"

    @property
    def url(self) -> str:
        return f"https://oeis.org/{self.id}"

    @property
    def source(self) -> str | None:
        """Where this copy came from (``extra["source"]``), when the function that returned
        it knows: ``"network"``, ``"cache"``, ``"stale-cache"``, ``"mirror"`` or
        ``"catalogue"``."""
        value = self.extra.get("source")
        return value if isinstance(value, str) else None

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise type every attribute Any

        def __getattr__(self, name: str) -> Any:
            # Only reached for attributes that do not exist: say where the old name went.
            if name == "references":
                raise AttributeError(
                    "Sequence.references was renamed: reference_lines holds the printed "
                    "references (%D lines), reference_count the number of OEIS entries that "
                    "mention this one"
                )
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def to_json(self, full: bool = False) -> dict[str, Any]:
        """A JSON-ready dict with stable keys; terms stay JSON integers (not strings).

        ``full=False`` gives the summary keys (``id``, ``number``, ``name``, ``terms``,
        ``offset``, ``keywords``, ``url``); ``full=True`` adds every text field, with the
        references as ``reference_lines`` (a list of the printed references) and
        ``reference_count`` (how many OEIS entries mention this one). A field the source
        does not carry is ``null`` (None), never ``0`` or ``[]``.
        """
        data: dict[str, Any] = {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "terms": list(self.terms),
            "offset": self.offset,
            "keywords": _list(self.keywords),
            "url": self.url,
        }
        if full:
            data["first_big"] = self.first_big
            for name in _TEXT_FIELDS:
                data[name] = _list(getattr(self, name))
            data.update(
                author=self.author,
                legacy_ids=list(self.legacy_ids),
                reference_count=self.reference_count,
                revision=self.revision,
                created=self.created,
                revised=self.revised,
            )
        return data

    # BEGIN issue-16-plots
    def plot(self, *, bfile: bool | None = None, log: bool | None = None) -> Figure:
        """The OEIS-style scatter of a(n) against n, as a matplotlib Figure (``numtheory[plot]``).

        The terms come from the b-file when the OEIS cache holds one (``bfile=None``, never
        the network), else from the data line; ``bfile=True`` fetches it, ``False`` uses the
        data line only. ``log10 |a(n)|`` is shown for fast-growing terms (``log=None``: the
        rule of :func:`numtheory.plotting.use_log_scale`). See
        :func:`numtheory.plotting.plot_sequence`; in a notebook the figure renders inline.

        Parameters
        ----------
        bfile : bool, optional
            None: the cached b-file if any, else the data line; True: fetch the b-file;
            False: the data line.
        log : bool, optional
            Force ``log10 |a(n)|`` (True) or ``a(n)`` (False); default: the rule.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> primes = Sequence(number=40, name="The prime numbers", offset=1, terms=(2, 3, 5, 7))
        >>> ax = primes.plot(bfile=False).axes[0]
        >>> ax.collections[0].get_offsets().tolist()  # n from the offset, 1
        [[1.0, 2.0], [2.0, 3.0], [3.0, 5.0], [4.0, 7.0]]
        """
        from numtheory.plotting import plot_sequence  # matplotlib only when a plot is asked

        return plot_sequence(self, bfile=bfile, log=log)

    # END issue-16-plots
    # BEGIN reprs
    @_display.guarded
    def __repr__(self) -> str:
        """``<Sequence A000045 'Fibonacci numbers…': 0, 1, 1, 2, … (41 terms); offset=0>``."""
        return _display.one_line(
            "Sequence",
            f"{self.id} {_display.clip(self.name, 60)!r}",
            [
                _display.terms_text(self.terms),
                None if self.offset is None else f"offset={self.offset}",
                None if self.source is None else f"source={self.source!r}",
            ],
        )

    @_display.guarded
    def __str__(self) -> str:
        """The entry in a few lines: name, terms (each whole or visibly elided), the known
        fields, how much text it has, the OEIS page."""
        return _display.text_block(f"{self.id}  {self.name}", self._display_rows(html=False))

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """A table: the A-number linked to its OEIS page, the name, the terms, the source."""
        rows = [
            ("A-number", _display.link(self.url, self.id)),
            ("name", _display.linked(self.name)),
        ]
        return _display.html_box("sequence", _display.html_rows(rows + self._display_rows(True)))

    def _display_rows(self, html: bool) -> list[tuple[str, Any]]:
        """The ``label, value`` rows of :meth:`__str__` and :meth:`_repr_html_` (empty ones are
        left out there)."""
        counts = [
            f"{len(items):,} {label}"
            for label, items in (
                ("comments", self.comments),
                ("formulas", self.formulas),
                ("examples", self.examples),
                ("printed references", self.reference_lines),
                ("links", self.links),
                ("programs", self.programs),
                ("cross-references", self.xrefs),
            )
            if items
        ]
        terms = _display.terms_text(
            self.terms, count=200, width=2000 if html else 600, max_digits=60, keep=20
        )
        return [
            ("terms", terms),
            ("offset", self.offset),
            ("keywords", None if self.keywords is None else ", ".join(self.keywords)),
            ("author", self.author),
            ("entry has", ", ".join(counts)),
            (
                "cited by",
                None if self.reference_count is None else f"{self.reference_count:,} entries",
            ),
            ("source", self.source),
            ("url", None if html else self.url),
        ]

    # END reprs


def _list(items: tuple[str, ...] | None) -> list[str] | None:
    return None if items is None else list(items)


def show_terms(terms: tuple[int, ...] | list[int]) -> str:
    """Terms as a person writes them: ``1, -1, 2`` (used in messages instead of the query).

    >>> show_terms((1, -1, 2))
    '1, -1, 2'
    """
    return ", ".join(str(t) for t in terms)


@dataclass(frozen=True, kw_only=True)
class Lookup:
    """An answer (a search, or one entry) and where it came from; built by keyword only.

    The one result type of the OEIS layer: :meth:`OEISClient.search
    <numtheory.oeis.client.OEISClient.search>` returns it (also known there by its older
    name ``SearchResult``), and so do :func:`~numtheory.oeis.lookup` and
    :func:`~numtheory.oeis.lookup_entry`.

    ``query`` is the OEIS form (``signed:1,-1,2``), ``terms`` the searched terms as given (None
    for a text query or an entry); ``results`` best first; ``source`` ``"network"``,
    ``"cache"``, ``"stale-cache"``, ``"mirror"`` or ``"catalogue"``; ``total`` the number of
    matches in all, None when unknown; ``start`` the rank of the first result; ``warnings``
    say why a stale or local answer was used (for the caller to show); ``notes`` are
    informational (offline answers).

    Examples
    --------
    >>> answer = Lookup(query="1,2,6", results=(), source="catalogue", terms=(1, 2, 6))
    >>> answer.total is None, answer.shown_query
    (True, '1, 2, 6')
    """

    query: str
    results: tuple[Sequence, ...]
    source: str
    total: int | None = None
    start: int = 0
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    terms: tuple[int, ...] | None = None

    @property
    def shown_query(self) -> str:
        """The query as a person wrote it: ``1, -1, 2`` rather than ``signed:1,-1,2``."""
        return show_terms(self.terms) if self.terms is not None else self.query

    # BEGIN reprs
    @_display.guarded
    def __repr__(self) -> str:
        """``<Lookup '1, 2, 6, 20': 1 match in all; A000984; source='catalogue'>``."""
        return _views.lookup_repr(self, "Lookup")

    @_display.guarded
    def __str__(self) -> str:
        """The answer as ``numtheory oeis`` prints it: two lines a result, then the notes."""
        return _views.lookup_text(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    @_display.guarded
    def _repr_html_(self) -> str:
        """The query, the count and source, a table of the results (A-numbers linked)."""
        return _views.lookup_html(self)

    # END reprs


def build_query(terms_or_query: str | Iterable[int]) -> str:
    """The OEIS ``q`` for terms or a query string.

    Terms become ``1,2,6,20`` (the OEIS ignores signs there), or ``signed:-1,2`` when a term is
    negative; a string is passed through (OEIS syntax: ``id:A000045``, ``keyword:nice``...).

    Parameters
    ----------
    terms_or_query
        Integers, or a query string (terms written ``1 2 6`` or ``1,2,6`` are tidied).

    Returns
    -------
    str
        The ``q`` parameter of an OEIS search.

    Examples
    --------
    >>> build_query([1, 2, 6, 20]), build_query([1, -1, 2]), build_query(" 1, 2, 6, 20 ")
    ('1,2,6,20', 'signed:1,-1,2', '1,2,6,20')
    """
    if isinstance(terms_or_query, str):
        text = terms_or_query.strip()
        if not text:
            raise InputError("empty OEIS query")
        items = [t for t in text.replace(",", " ").split()]
        if all(t.lstrip("+-").isdigit() for t in items):
            return build_query([int(t) for t in items])
        if len(text) > 1000:
            raise InputError(f"OEIS query too long ({len(text)} characters, at most 1000)")
        return text
    terms = list(terms_or_query)
    if not terms:
        raise InputError("no terms to search for")
    for term in terms:
        if isinstance(term, bool) or not isinstance(term, int):
            raise InputTypeError(f"OEIS search terms must be integers, got {term!r}")
    body = ",".join(str(t) for t in terms)
    if len(body) > 1000:
        raise InputError(f"too many digits to search for ({len(body)} characters, at most 1000)")
    return f"signed:{body}" if any(t < 0 for t in terms) else body


def terms_of_query(query: str) -> list[int] | None:
    """The integer terms of a query built by :func:`build_query`, or None for other queries.

    Parameters
    ----------
    query
        A ``q`` as :func:`build_query` makes it.

    Returns
    -------
    list of int or None
        The terms, signs kept; None for a text query (``keyword:nice``, ``id:A000045``).

    Examples
    --------
    >>> terms_of_query("1,2,6,20"), terms_of_query("signed:1,-1,2"), terms_of_query("keyword:nice")
    ([1, 2, 6, 20], [1, -1, 2], None)
    """
    body = query.removeprefix("signed:").removeprefix("seq:")
    items = body.split(",")
    if items and all(item.lstrip("-").isdigit() for item in items):
        return [int(item) for item in items]
    return None
