"""numtheory: high-precision number theory and numerics.

Pure functions are re-exported here; nothing in this module does I/O on import (the OEIS
client and the verify runner live in :mod:`numtheory.oeis` and :mod:`numtheory.verify`).

>>> import numtheory as nt
>>> nt.central_binomial_valuation(15)       # C(30, 15) = 155117520 = 2**4 * 9694845
4
"""

from __future__ import annotations

__version__ = "0.1.0"

from numtheory import errors

__all__ = ["__version__", "errors"]
