"""Integer factorisation: cheap special forms first, then FLINT's ECM step by step.

The plan for each composite part m of n (a work list, so every part found is treated alike):

1. Trial division by the primes below 2**16 (one gcd with their product, then GMP's remove);
   an ``n`` of at most 64 bits goes whole to FLINT's ``n_factor`` instead (microseconds).
2. A part of at most 64 bits goes to ``n_factor``; a perfect power m = r**k continues with r
   (exponent times k); a BPSW probable prime is kept, proven first by FLINT's
   ``fmpz_is_prime`` (APR-CL) unless ``prove=False``.
3. A composite part of 65-220 bits gets ECM rungs for factors below 2**24 and 2**32 here
   (``fmpz_factor_smooth``: 0.1-0.4 ms at 26 digits, where FLINT's whole factoriser takes
   3-33 ms); only a part still unsplit goes whole to FLINT's ``fmpz_factor`` (rho, ECM,
   SQUFOF, SIQS), which proves its factors, in a child process above 150 bits (0.2-0.4 s
   to start).
4. A composite part above 220 bits: Fermat's method for a bounded number of steps
   (``_FERMAT_STEPS``): finds two factors within about m**(1/4) of each other at once,
   whatever their size (sympy does the same).
5. ECM in a ladder of factor sizes (FLINT's ``fmpz_factor_smooth`` for 20-, 30-, 40-bit ...
   factors); each factor found is divided out and its cofactor starts again at 1, so it is
   tested for primality and perfect powers, and a large repeated prime (p**2 * q) falls out
   as soon as the small factors are gone. When SIQS on the remaining m is estimated cheaper
   than the next ECM rung, FLINT's full factoriser finishes it.

So the cost follows the second-largest distinct prime factor, not the size of n. Each step
is one C call bounded in time, or runs in a child process that Ctrl-C kills (see
``numtheory._backend``), so a factorisation that would take hours can always be stopped.
"""

from __future__ import annotations

import math
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputTypeError

__all__ = ["factorint"]

#: Parts up to this many bits go whole to FLINT (SIQS: 3.5 s for a 60-digit semiprime here).
_FLINT_WHOLE_BITS = 220
#: Trial division by the primes below this bound.
_TRIAL_BOUND = 2**16
#: Fermat steps per composite part (each one gmpy2 is_square: about 2 ms for all at 512 bits).
_FERMAT_STEPS = 2000
#: ECM ladder: the first target factor size in bits, and the step between rungs.
_ECM_FIRST_BITS, _ECM_STEP_BITS = 20, 10
#: Parts of 65 to _FLINT_WHOLE_BITS bits first get ECM rungs for factors of these many bits
#: here (24 then 32: about 0.2 and 0.35 ms at 84 bits, 10 ms at 220 bits); only a part still
#: unsplit goes to FLINT's whole factoriser (which at up to 128 bits runs SQUFOF or SIQS on
#: what its trial division leaves: 3-5 ms at 26 digits). Against one 32-bit rung
#: (scripts/bench_factor_rungs.py; numbers in the README): about even on random n at 26-104
#: digits (a size's sum moves by up to 0.7x between runs), 24 then 32 ahead at 44 digits in
#: every run; one 32-bit rung ahead on the 51-digit n of bench_residues (0.99x FLINT, 1.29x).
_CHEAP_RUNGS: tuple[int, ...] = (24, 32)
_CHEAP_ECM_BITS = _CHEAP_RUNGS[-1]
#: Parts of at most this many bits go to FLINT's n_factor (microseconds; BPSW is exact here).
_WORD_BITS = 64
#: Level of a part that FLINT already returned as a proven prime.
_PROVEN = -1


def _ecm_seconds(target_bits: int, bits: int) -> float:
    """Rough cost of one ECM rung here: 0.07 s for 40-bit factors of a 300-bit number."""
    return float(0.07 * 6.5 ** ((target_bits - 40) / 10) * (bits / 300) ** 1.6)


def _siqs_seconds(bits: int) -> float:
    """Rough cost of FLINT's SIQS here: 3.5 s at 200 bits, doubling every 15 bits."""
    return float(3.5 * 2.0 ** ((bits - 200) / 15))


def _split(m: int, level: int) -> list[tuple[int, int, int]]:
    """Parts ``(factor, exponent, level)`` of a composite ``m``, not a prime power, ``m > 1``.

    ``level`` is the ECM rung already run on ``m`` (or on the part it came from).
    """
    if level < _ECM_FIRST_BITS:
        f = _backend.fermat(m, _FERMAT_STEPS)
        if f is not None:
            return [(f, 1, _ECM_FIRST_BITS - 1), (m // f, 1, _ECM_FIRST_BITS - 1)]
    bits = m.bit_length()
    target = max(_ECM_FIRST_BITS, level + _ECM_STEP_BITS)
    while True:
        if _siqs_seconds(bits) <= _ecm_seconds(target, bits):
            return [(p, e, _PROVEN) for p, e in _backend.factor(m)]
        parts = _backend.factor_smooth(m, target, seconds=_ecm_seconds(target, bits))
        if len(parts) > 1 or parts[0][1] > 1:
            return [(p, e, target) for p, e in parts]
        target += _ECM_STEP_BITS


def _factor_positive(n: int, prove: bool) -> dict[int, int]:
    """``{prime: exponent}`` of ``n >= 2``; what is proven: see :func:`factorint`."""
    if n.bit_length() <= _WORD_BITS:
        return dict(_backend.factor(n))  # FLINT n_factor: microseconds, every factor proven
    found: dict[int, int] = {}

    def add(p: int, e: int) -> None:
        found[p] = found.get(p, 0) + e

    small, rest = _backend.trial_division(n, _TRIAL_BOUND)
    for p, e in small:
        add(p, e)
    work = [(rest, 1, 0)]  # (part, multiplicity, ECM level already run)
    while work:
        m, e, level = work.pop()
        if m == 1:
            continue
        if level == _PROVEN:
            add(m, e)
            continue
        bits = m.bit_length()
        if bits <= _WORD_BITS:
            for p, k in _backend.factor(m):
                add(p, k * e)
            continue
        root, k = _backend.perfect_power(m)
        if k > 1:
            work.append((root, e * k, level))
        elif _backend.is_probable_prime(m) and (not prove or _backend.is_proven_prime(m)):
            add(m, e)  # prove=False: a BPSW probable prime, kept unproven
        elif bits > _FLINT_WHOLE_BITS:
            # composite (or, never seen, a BPSW pseudoprime): split it
            work.extend((f, e * j, lvl) for f, j, lvl in _split(m, level))
        elif level < _CHEAP_ECM_BITS:
            rung = next(r for r in _CHEAP_RUNGS if r > level)
            # ECM rungs for factors below 2**24, then 2**32 first: 0.1-0.4 ms where
            # FLINT's whole factoriser takes 3-33 ms at 26 digits (its own rho/ECM/SIQS
            # schedule), and above 150 bits that would run in a child (0.2-0.4 s to start)
            cost = _ecm_seconds(rung, bits)
            parts = _backend.factor_smooth(m, rung, seconds=cost)
            work.extend((f, e * j, rung) for f, j in parts)
        else:  # no factor below 2**32: SIQS or ECM in FLINT (a killable child above 150 bits)
            for p, k in _backend.factor(m):
                add(p, k * e)
    assert n.bit_length() > 100_000 or math.prod(p**e for p, e in found.items()) == n
    return dict(sorted(found.items()))


def factorint(n: Any, *, prove: Any = True) -> dict[int, int]:
    """Return the prime factorisation of ``n`` as ``{prime: exponent}``, like sympy.

    Conventions (the same as ``sympy.factorint``): ``factorint(1) == {}``,
    ``factorint(0) == {0: 1}``, and a negative ``n`` gets the key ``-1`` with exponent 1,
    so that ``n == prod(p**e for p, e in factorint(n).items())`` always holds. Keys are in
    increasing order.

    Parameters
    ----------
    n : int
        Any integer.
    prove : bool, default True
        Keyword only. True: every key above 1 is a proven prime. False: a factor above
        2**64 that passes the BPSW test is kept without a proof (a *probable* prime: no
        BPSW pseudoprime is known, none exists below 2**64); the product is still ``n``
        exactly. Saves the proof only: 0.01-0.05 ms for a 20-45-digit factor (FLINT's
        ``fmpz_is_prime``), about 0.5 s for a 200-digit one (APR-CL), minutes at 1000.

    Returns
    -------
    dict[int, int]
        Guarantee: the product of ``p**e`` is ``n`` exactly. What is certified:

        - ``prove=True`` (the default): each key above 1 is a proven prime. Factors of at
          most 64 bits come from FLINT's ``n_factor`` (exact), those FLINT's
          ``fmpz_factor`` returns are proven by it, and every other prime factor is proven
          by FLINT's ``fmpz_is_prime`` (APR-CL above 2**64, as :func:`numtheory.is_prime`
          with ``proof=True``).
        - ``prove=False``: keys of at most 64 bits are primes (BPSW is exact there) and so are
          those FLINT's ``fmpz_factor`` returned (it proves its factors); any other key above
          2**64 is a BPSW probable prime, not proven.

        Cost: 26-digit products of 7-digit primes take 0.1-0.4 ms (ECM rungs for 24- and
        32-bit factors, where FLINT's ``fmpz_factor`` alone takes 3-33 ms). Trial division,
        perfect powers and Fermat's method (two factors within about ``n**(1/4)`` of each
        other) come first and are cheap at any size: the product of ``next_prime(2**256)``
        and the next prime after it plus ``2**16`` (155 digits) takes 0.3 s, nearly all of it
        FLINT proving the two 78-digit primes (sympy's 1.3 ms proves nothing: BPSW only). Then
        ECM looks for factors of growing size and divides out each one it finds, so the time
        follows the second-largest *distinct* prime factor: ``p**2 * q`` with a 100-digit
        ``p`` and a 15-digit ``q`` takes seconds (it took over a minute when FLINT sized its
        search by ``n``), a 200-digit ``p`` times the 27-digit ``2**89 - 1`` 36 s. Two 30-digit
        prime factors of a number above 66 digits (``p**2 * q`` with 30-digit ``p`` and ``q``)
        still take many minutes: no method known finds them cheaply.

        Interrupting: each step is a short C call or runs in a child process, so Ctrl-C stops
        any factorisation within about a second (``factorint(2**4096 + 1)`` runs for hours).

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer, or ``prove`` is not a bool.

    Examples
    --------
    >>> factorint(360)
    {2: 3, 3: 2, 5: 1}
    >>> factorint(-63281217910257742583918406571)
    {-1: 1, 125778791843321: 1, 503115167373251: 1}
    >>> a = 2**127 - 1
    >>> factorint(a**2 * 1257787)        # ECM finds 1257787, the square falls out
    {1257787: 1, 170141183460469231731687303715884105727: 2}
    >>> f = factorint(10**100 * (10**100 + 267) * (10**100 + 949))   # close: Fermat
    >>> [(len(str(p)), e) for p, e in f.items()]
    [(1, 100), (1, 100), (101, 1), (101, 1)]
    >>> factorint(2**89 - 1, prove=False)    # BPSW only: no proof of the 27-digit prime
    {618970019642690137449562111: 1}

    References
    ----------
    The FLINT documentation, ``fmpz_factor`` and ``fmpz_factor_smooth``; sympy
    ``factorint`` for the conventions; H. W. Lenstra, "Factoring integers with elliptic
    curves", Ann. of Math. 126 (1987) 649-673; OEIS A001222 (number of prime factors with
    multiplicity).
    """
    n = as_int(n, "n")
    if not isinstance(prove, bool):
        raise InputTypeError(f"factorint() needs prove to be True or False, got {show(prove)}")
    if n == 0:
        return {0: 1}
    result: dict[int, int] = {-1: 1} if n < 0 else {}
    if abs(n) > 1:
        result.update(_factor_positive(abs(n), prove))
    return result
