"""The :class:`Guess`: one explanation of a finite sequence, with its evidence.

A guess is a conjecture: it was fitted on some of the terms and the others agree with it.
It carries exact coefficients (``int`` and :class:`fractions.Fraction`), can produce the next
terms exactly (:meth:`Guess.extend`) and test other terms (:meth:`Guess.satisfies`).

Coefficients, by ``kind``:

* ``"polynomial"``: ``(p_0, ..., p_d)`` with ``a(n) = p_0 + p_1 n + ... + p_d n^d``.
* ``"c-finite"``, ``"hypergeometric"``, ``"p-recursive"``: polynomials ``c_0, ..., c_r`` in
  ``n``, each a tuple of integers, low degree first: ``sum_i c_i(n) a(n+i) = 0`` for every
  ``n >= offset`` (constant polynomials for ``"c-finite"``, ``r = 1`` for hypergeometric).
* ``"p-recursive-egf"``: the same for ``b(n) = a(n)/n!`` (the exponential generating
  function's coefficients): ``sum_i c_i(n) a(n+i)/(n+i)! = 0``.
* ``"algebraic"``: polynomials ``P_0, ..., P_k`` in ``x`` with ``sum_i P_i(x) f(x)^i = 0``
  where ``f(x) = sum_{j>=0} a(offset+j) x^j``.

>>> from numtheory import guess
>>> best = guess([1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144])[0]
>>> best.kind, best.coefficients, best.extend(3)
('c-finite', ((-1,), (-1,), (1,)), [233, 377, 610])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from numtheory import _display
from numtheory._validate import as_int
from numtheory.errors import GuessExtendError, InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure  # Guess.plot() (the extra numtheory[plot])

__all__ = ["KINDS", "Guess", "poly_text"]

#: Most terms :meth:`Guess.extend` gives in one call (the CLI's ``--next`` has the same bound).
MAX_EXTEND = 10_000
#: The kinds of guess, cheapest first (the order :func:`numtheory.guess` tries them in).
KINDS = ("polynomial", "c-finite", "hypergeometric", "p-recursive", "p-recursive-egf", "algebraic")
_RECURRENCES = ("c-finite", "hypergeometric", "p-recursive", "p-recursive-egf")

Number = int | Fraction
Poly = tuple[int, ...]


def poly_eval(poly: Poly, n: int) -> int:
    """``poly(n)`` by Horner's rule (integer coefficients, low degree first)."""
    value = 0
    for c in reversed(poly):
        value = value * n + c
    return value


def _number_text(c: Number) -> str:
    return str(c) if isinstance(c, int) or c.denominator != 1 else str(c.numerator)


def poly_text(poly: tuple[Number, ...], var: str = "n", *, low_first: bool = False) -> str:
    """``(3, 0, -1)`` -> ``'-n^2 + 3'`` (highest degree first; ``'0'`` for the zero polynomial).

    >>> poly_text((1, Fraction(1, 2), 2))
    '2*n^2 + 1/2*n + 1'
    >>> poly_text((1, -1, -1), "x", low_first=True)
    '1 - x - x^2'
    """
    parts: list[tuple[str, str]] = []
    order = range(len(poly)) if low_first else range(len(poly) - 1, -1, -1)
    for j in order:
        c = Fraction(poly[j])
        if c == 0:
            continue
        sign = "-" if c < 0 else "+"
        mag = abs(c)
        power = "" if j == 0 else (var if j == 1 else f"{var}^{j}")
        if not power:
            body = _number_text(mag)
        elif mag == 1:
            body = power
        else:
            body = f"{_number_text(mag)}*{power}"
        parts.append((sign, body))
    if not parts:
        return "0"
    text = ("-" if parts[0][0] == "-" else "") + parts[0][1]
    for sign, body in parts[1:]:
        text += f" {sign} {body}"
    return text


def _factor_text(poly: Poly, var: str) -> str:
    text = poly_text(poly, var)
    nonzero = sum(1 for c in poly if c)
    return f"({text})" if nonzero > 1 or text.startswith("-") else text


def recurrence_text(coefficients: tuple[Poly, ...], seq: str = "a") -> str:
    """``sum_i c_i(n) seq(n+i)`` as text, highest shift first."""
    terms: list[str] = []
    for i in range(len(coefficients) - 1, -1, -1):
        c = coefficients[i]
        if not any(c):
            continue
        shift = f"{seq}(n+{i})" if i else f"{seq}(n)"
        sign = "-" if c[-1] < 0 else ""
        mag = tuple(-x for x in c) if sign else c
        if mag == (1,):
            terms.append(f"{sign}{shift}")
        else:
            terms.append(f"{sign}{_factor_text(mag, 'n')}*{shift}")
    text = " + ".join(terms).replace("+ -", "- ")
    return f"{text} = 0"


def _falling(top: int, count: int) -> int:
    """``top * (top-1) * ... * (top-count+1)`` (1 when ``count`` is 0)."""
    value = 1
    for k in range(count):
        value *= top - k
    return value


def _json_number(c: Number) -> int | str:
    if isinstance(c, int):
        return c
    return c.numerator if c.denominator == 1 else f"{c.numerator}/{c.denominator}"


@dataclass(frozen=True, kw_only=True)
class Guess:
    """One conjectured explanation of a sequence, with its evidence.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    order, degree : int
        Recurrences: the order ``r`` and the largest degree of the ``c_i``. Polynomial: 0
        and the degree. Algebraic: the degree in ``f`` and the largest degree in ``x``.
    coefficients : tuple
        Exact coefficients, as described in the module docstring.
    initial : tuple of int
        The first ``order`` terms (recurrences), from which :meth:`extend` could restart.
    offset : int
        The index of the first term.
    fitted : int
        The number of terms that determine the guess (its unknowns, up to scale).
    confirmed : int
        The further terms, not needed to fit it, that agree with it.
    equation, gf, closed_form : str or None
        Text: the relation, the generating function (rational or algebraic), and a closed
        form (polynomial formula, or the product form of a hypergeometric term).
    conjecture : bool
        Always True: agreement on ``confirmed`` spare terms is evidence, not proof.
    terms : tuple of int
        The terms the guess was made from (not shown in repr; used by :meth:`extend`).

    Guarantee: every one of the ``fitted + confirmed`` given terms satisfies the relation
    exactly (checked over the integers); nothing is claimed about later terms.
    """

    kind: str
    order: int
    degree: int
    coefficients: tuple[Any, ...]
    initial: tuple[int, ...]
    offset: int
    fitted: int
    confirmed: int
    equation: str | None = None
    gf: str | None = None
    closed_form: str | None = None
    conjecture: bool = True
    terms: tuple[int, ...] = field(default=(), repr=False, compare=False)

    # -- evaluation ---------------------------------------------------------------------------

    def extend(self, k: int) -> list[int]:
        """The next ``k`` terms after the given ones, exactly.

        Raises :class:`~numtheory.errors.GuessExtendError` when the relation cannot give a
        term (the leading coefficient vanishes there) or gives a non-integer (then the
        conjecture is false for an integer sequence), ``InputError`` for ``k`` outside
        ``0 .. MAX_EXTEND`` (10,000, the CLI's ``--next`` bound: terms grow, and a million
        steps of an algebraic or P-recursive guess would run for hours).
        """
        k = as_int(k, "k")  # bool, float, str: InputTypeError naming k
        if not 0 <= k <= MAX_EXTEND:
            shown = _display.short_int(k)
            raise InputError(f"extend() needs a count k from 0 to {MAX_EXTEND:,}, got {shown}")
        if k == 0:
            return []
        if self.kind == "polynomial":
            start = self.offset + len(self.terms)
            return [self._integer(self._poly_value(n), n) for n in range(start, start + k)]
        if self.kind == "algebraic":
            from numtheory.guessing._algebraic import extend_algebraic

            more = extend_algebraic(self.coefficients, list(self.terms), k)
            return [self._integer(v, self.offset + len(self.terms) + j) for j, v in enumerate(more)]
        return self._extend_recurrence(k)

    def _poly_value(self, n: int) -> Fraction:
        value = Fraction(0)
        for c in reversed(self.coefficients):
            value = value * n + c
        return value

    @staticmethod
    def _integer(value: Number, n: int) -> int:
        value = Fraction(value)
        if value.denominator != 1:
            raise GuessExtendError(
                f"the guess predicts a({n}) = {value}, not an integer: it cannot describe an "
                "integer sequence past the given terms"
            )
        return value.numerator

    def _weights(self, n: int) -> list[int]:
        """Factors ``w_i`` with ``sum_i c_i(n) w_i a(n+i) = 0`` over the integers."""
        r = self.order
        if self.kind == "p-recursive-egf":
            return [_falling(n + r, r - i) for i in range(r + 1)]
        return [1] * (r + 1)

    def _extend_recurrence(self, k: int) -> list[int]:
        r = self.order
        values = list(self.terms[-r:]) if r else []
        n = self.offset + len(self.terms) - r
        out: list[int] = []
        for _ in range(k):
            weights = self._weights(n)
            lead = poly_eval(self.coefficients[r], n) * weights[r]
            if lead == 0:
                raise GuessExtendError(
                    f"the recurrence's leading coefficient vanishes at n = {n}: it does not "
                    f"determine a({n + r})"
                )
            total = sum(
                poly_eval(self.coefficients[i], n) * weights[i] * values[i] for i in range(r)
            )
            nxt = self._integer(Fraction(-total, lead), n + r)
            out.append(nxt)
            values = [*values[1:], nxt]
            n += 1
        return out

    def satisfies(self, terms: list[int] | tuple[int, ...], offset: int = 0) -> bool:
        """Whether ``terms`` (``a(offset), a(offset+1), ...``) obey this guess's relation.

        Recurrences: every window of ``order + 1`` consecutive terms satisfies it (initial
        values are not compared). Polynomial: each term equals the polynomial's value.
        Algebraic: ``P(x, f) = 0`` modulo ``x^len(terms)``, where ``f`` is the series of the
        terms (``offset`` plays no part: the equation has no ``n``). A term or offset that is
        not an integer raises :class:`~numtheory.errors.InputTypeError` naming it.
        """
        # strict, as guess() is: int(9.9) would test 9 and could say True for 9.9
        values = [as_int(t, f"term {j}") for j, t in enumerate(terms)]
        offset = as_int(offset, "offset")
        if self.kind == "polynomial":
            return all(self._poly_value(offset + j) == v for j, v in enumerate(values))
        if self.kind == "algebraic":
            # the equation involves no n: it is checked on the series of the terms as given
            from numtheory.guessing._algebraic import residual_valuation

            return residual_valuation(self.coefficients, values) >= len(values)
        r = self.order
        for j in range(len(values) - r):
            n = offset + j
            weights = self._weights(n)
            total = sum(
                poly_eval(self.coefficients[i], n) * weights[i] * values[j + i]
                for i in range(r + 1)
            )
            if total:
                return False
        return True

    # -- presentation -------------------------------------------------------------------------

    def _counts(self) -> str:
        terms = "term" if self.fitted == 1 else "terms"  # a constant is fitted on 1 term
        return f"fitted on {self.fitted} {terms}, confirmed by {self.confirmed} more"

    def evidence(self) -> str:
        """``'conjecture: fitted on 4 terms, confirmed by 7 more'``."""
        return f"conjecture: {self._counts()}"

    def to_json(self) -> dict[str, Any]:
        """Exact JSON: integers as JSON integers, fractions as ``"p/q"`` strings."""

        def conv(value: Any) -> Any:
            if isinstance(value, tuple | list):
                return [conv(v) for v in value]
            return _json_number(value)

        return {
            "kind": self.kind,
            "order": self.order,
            "degree": self.degree,
            "coefficients": conv(self.coefficients),
            "initial": list(self.initial),
            "offset": self.offset,
            "fitted": self.fitted,
            "confirmed": self.confirmed,
            "equation": self.equation,
            "gf": self.gf,
            "closed_form": self.closed_form,
            "conjecture": True,
        }

    def text(self, k: int = 5) -> str:
        """The readable form: kind, relation, closed form or gf, the next ``k`` terms, evidence."""
        lines = [f"{self.kind} ({self._shape()}), a conjecture"]
        if self.equation:
            lines.append(f"  {self.equation}")
        if self.closed_form:
            lines.append(f"  {self.closed_form}")
        if self.gf:
            lines.append(f"  generating function: {self.gf}")
        if k:
            try:
                shown = ", ".join(_display.short_int(t, 24, 12) for t in self.extend(k))
                lines.append(f"  next terms: {shown}")
            except GuessExtendError as exc:
                lines.append(f"  next terms: unavailable ({exc})")
        lines.append(f"  {self.evidence()}")
        return "\n".join(lines)

    # BEGIN reprs
    def _shape(self) -> str:
        return {
            "polynomial": f"degree {self.degree}",
            "algebraic": f"degree {self.order} in f, {self.degree} in x",
        }.get(self.kind, f"order {self.order}, degree {self.degree}")

    @_display.guarded
    def __repr__(self) -> str:
        """``<Guess p-recursive order 2, degree 1: (n + 4)*a(n+2) - … = 0; fitted on 7, …>``.

        Cheap and never raising: the next terms (which :meth:`extend` computes) are in
        ``str()`` and the HTML view only.
        """
        formula = self.equation or self.closed_form or self.gf
        return _display.one_line(
            "Guess",
            f"{self.kind} {self._shape()}",
            [
                None if formula is None else _display.clip(formula, 100),
                self._counts(),
                "a conjecture",
            ],
        )

    @_display.guarded
    def __str__(self) -> str:
        return self.text(5)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        _display.pretty(self, p, cycle)

    # BEGIN issue-16-plots
    def plot(self, more: int = 10, *, log: bool | None = None) -> Figure:
        """The given terms against the guess's next ``more`` terms, as a matplotlib Figure.

        Data are filled dots, the extension hollow diamonds labelled a conjecture;
        ``log10 |a(n)|`` for fast-growing terms. Needs ``numtheory[plot]``; see
        :func:`numtheory.plotting.plot_guess`.

        Parameters
        ----------
        more : int
            How many predicted terms to draw (0 to 10,000; default 10).
        log : bool, optional
            Force ``log10 |a(n)|`` (True) or ``a(n)`` (False); default: the rule.

        Returns
        -------
        matplotlib.figure.Figure

        Examples
        --------
        >>> from numtheory import guess
        >>> squares = guess([n * n for n in range(12)])[0]
        >>> data, ahead = squares.plot(3).axes[0].collections
        >>> ahead.get_offsets().tolist()  # n = 12, 13, 14: the conjectured next terms
        [[12.0, 144.0], [13.0, 169.0], [14.0, 196.0]]
        """
        from numtheory.plotting import plot_guess  # matplotlib only when a plot is asked

        return plot_guess(self, more=more, log=log)

    # END issue-16-plots

    @_display.guarded
    def _repr_html_(self) -> str:
        """A table: kind, relation, closed form, generating function, the terms it was made
        from and the next ones, the evidence, labelled a conjecture."""
        try:
            after = _display.terms_text(self.extend(5), max_digits=60, keep=20, width=400)
        except GuessExtendError as exc:
            after = f"unavailable ({exc})"
        given = _display.terms_text(self.terms, count=30, width=300, max_digits=60, keep=20)
        rows = [
            ("guess", f"{self.kind} ({self._shape()}), a conjecture"),
            ("relation", self.equation),
            ("closed form", self.closed_form),
            ("generating function", self.gf),
            ("offset", self.offset),
            ("from terms", given),
            ("next terms", after),
            ("evidence", self.evidence()),
        ]
        return _display.html_box("guess", _display.html_rows(rows))

    # END reprs
