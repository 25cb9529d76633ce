"""Guessing formulas for integer sequences: recurrences and generating functions.

``guess(terms)`` tries, cheapest first, a polynomial in n, a linear recurrence with constant
coefficients (rational generating function), a hypergeometric term, a recurrence with
polynomial coefficients (for ``a(n)`` and for ``a(n)/n!``) and an algebraic generating
function, and returns each that fits as a :class:`Guess`: exact coefficients, the evidence
(terms fitted on, further terms confirming), and the next terms. Linear systems are solved
modulo word-size primes with FLINT and lifted by CRT and rational reconstruction, then
checked exactly, so terms of thousands of digits and inputs of thousands of terms work.

Every guess is a conjecture: it is checked on the given terms only.

>>> from numtheory.guessing import guess
>>> str(guess([0, 1, 4, 9, 16, 25, 36, 49, 64, 81])[0]).splitlines()[1]
'  a(n) = n^2'
"""

from numtheory.guessing._api import DEFAULT_MAX_ORDER, MAX_ORDER_LIMIT, guess, spare_terms
from numtheory.guessing._model import KINDS, Guess

__all__ = ["DEFAULT_MAX_ORDER", "KINDS", "MAX_ORDER_LIMIT", "Guess", "guess", "spare_terms"]
