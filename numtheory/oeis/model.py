"""The OEIS data model: :class:`Sequence`, A-number handling. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from numtheory.errors import InputError

_ANUMBER = re.compile(r"[Aa]?0*(\d{1,7})")


def normalize_anumber(text: str | int) -> str:
    """Canonical A-number: ``"a45"``, ``"A000045"``, ``45`` -> ``"A000045"``.

    >>> normalize_anumber("a45")
    'A000045'
    >>> normalize_anumber(984)
    'A000984'
    """
    if isinstance(text, bool):
        raise InputError(f"not an OEIS A-number: {text!r}")
    if isinstance(text, int):
        number = text
    else:
        match = _ANUMBER.fullmatch(text.strip())
        if match is None or (text.strip()[:1] not in "Aa" and not text.strip().isdigit()):
            raise InputError(f"not an OEIS A-number: {text!r} (expected e.g. A000045)")
        number = int(match.group(1))
    if not 0 < number < 10_000_000:
        raise InputError(f"not an OEIS A-number: {text!r} (expected e.g. A000045)")
    return f"A{number:06d}"


def looks_like_anumber(text: str) -> bool:
    """True for ``A000045`` / ``a45`` (an 'A' followed by digits), not for bare numbers."""
    return re.fullmatch(r"[Aa]\d{1,7}", text.strip()) is not None


@dataclass(frozen=True)
class Sequence:
    """One OEIS entry.

    ``terms`` are the data line (``%S %T %U``, a few hundred characters), not the b-file.
    ``offset`` is the index of the first term; ``first_big`` the 1-based position of the first
    term with ``|a(n)| > 1`` (the second number of the OEIS ``%O`` line), when known.
    ``reference_count`` is the number of entries that mention this one (the JSON ``references``
    integer); ``references`` holds the printed references (``%D`` lines).
    """

    number: int
    name: str
    terms: tuple[int, ...]
    offset: int = 0
    keywords: tuple[str, ...] = ()
    first_big: int | None = None
    comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    formulas: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    maple: tuple[str, ...] = ()
    mathematica: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
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

    def to_json(self, full: bool = False) -> dict[str, Any]:
        """A JSON-ready dict with stable keys; terms stay JSON integers (not strings).

        ``full=False`` gives the summary keys (``id``, ``number``, ``name``, ``terms``,
        ``offset``, ``keywords``, ``url``); ``full=True`` adds every text field.
        """
        data: dict[str, Any] = {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "terms": list(self.terms),
            "offset": self.offset,
            "keywords": list(self.keywords),
            "url": self.url,
        }
        if full:
            data.update(
                first_big=self.first_big,
                comments=list(self.comments),
                references=list(self.references),
                links=list(self.links),
                formulas=list(self.formulas),
                examples=list(self.examples),
                maple=list(self.maple),
                mathematica=list(self.mathematica),
                programs=list(self.programs),
                xrefs=list(self.xrefs),
                extensions=list(self.extensions),
                author=self.author,
                legacy_ids=list(self.legacy_ids),
                reference_count=self.reference_count,
                revision=self.revision,
                created=self.created,
                revised=self.revised,
            )
        return data
