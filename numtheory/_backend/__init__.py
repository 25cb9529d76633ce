"""The one place that imports gmpy2 and python-flint (this module and its two submodules).

Everything else in numtheory asks this module for big-integer primitives, so the choice of
the fastest library for each job is made (and measured, see ``scripts/bench_integers.py``)
in one place (``docs/architecture.md``, "Layers": imports point one way).

The rule (checked by ``tests/arith/test_backend_closed.py``): this module exports *named
functions and types*, never the libraries themselves. Nothing here re-exports the modules
``gmpy2`` or ``flint``, nor the raw ``mpz``/``fmpz`` constructors; a caller that needs another
primitive gets a small named wrapper added here.

* Integer functions take and return built-in ``int``/``bool`` (conversions are cheap: under
  2 microseconds for 1000 digits). The exceptions are :func:`gmp_from_digits` and the raw
  GMP calls ``isqrt_mpz``, ``iroot_mpz``, ``is_square_mpz``, ``invert_mpz`` (a Python frame
  less, for the hot paths of numtheory.arith), whose names say they return a GMP integer.
* Where a caller truly computes in FLINT's object model (:mod:`numtheory.numerics`: Arb balls,
  power series, exact rational polynomials) it gets *type aliases* (``arb``, ``acb``,
  ``arb_series``, ``acb_series``, ``arb_poly``, ``fmpq``, ``fmpq_poly``, ``fmpz_poly``), and
  FLINT's process-global working precision only through the scoped :class:`arb_precision`.
* The one other module that imports gmpy2/python-flint is :mod:`numtheory._child` (the
  child process that runs this module's long calls, and must start without numtheory).
  The verify checks import gmpy2/FLINT themselves on purpose: a check recomputes a result
  by a second, independent method.

Choices, measured on the project machine (``scripts/bench_integers.py``):

* Probable-prime test: FLINT's ``fmpz_is_probabprime`` beat ``gmpy2.is_prime`` and
  ``gmpy2.is_bpsw_prp`` at every size tried (19 to 3000 digits; 0.6 vs 3.4 microseconds at
  19 digits, 36 vs 41 ms at 1000). Below 2**64 it is FLINT's ``n_is_prime`` (exact, checked
  against the Feitsma-Galway tables); above, trial division, a square test, a strong
  base-2 test and a Lucas-Selfridge test: BPSW (Baillie-Wagstaff 1980).
* next/prev prime: GMP 6.3's ``mpz_nextprime``/``mpz_prevprime`` (a sieve over the gap, then
  GMP's BPSW plus one Miller-Rabin round on the survivors).
* Factoring: FLINT's ``fmpz_factor`` (trial division, rho, ECM, SIQS; it proves every
  factor prime with ``fmpz_is_prime``) for parts up to 66 digits, and the pieces the
  ladder in :mod:`numtheory.arith.factor` is built from: trial division (gcd with a
  primorial, GMP's remove), perfect powers (GMP), Fermat steps, and FLINT's
  ``fmpz_factor_smooth`` (ECM sized for a given factor size).
* Primality proof: FLINT's ``fmpz_is_prime`` (n-1/n+1 methods, then APR-CL).
* Prime counting: primecount (``primecountpy``; Deleglise-Rivat/Gourdon): pi(10**12) in
  0.1 s, pi(10**14) in 0.8 s, pi(10**16) in 13 s here.

Ctrl-C: a C call holds the interpreter until it returns, so the calls expected to take more
than about half a second (:data:`CHILD_THRESHOLDS`) run in a child process that a Ctrl-C
kills (:mod:`numtheory._child`); shorter ones run here, where the 0.15-0.6 s start-up of
a child would dominate.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

import flint as _flint
import gmpy2 as _gmpy2

from numtheory import _child
from numtheory.errors import NumtheoryError

__all__ = [
    "bit_scan1",
    "comb",
    "decimal",
    "decimal_ends",
    "digit_sum",
    "factor",
    "factor_smooth",
    "fermat",
    "gmp_from_digits",
    "int_from_digits",
    "is_probable_prime",
    "is_proven_prime",
    "next_prime",
    "num_digits",
    "perfect_power",
    "popcount",
    "prev_prime",
    "prime_pi",
    "remove",
    "run_in_child",
    "trial_division",
]

# Private: the raw constructors stay inside this module (the rule above).
_mpz = _gmpy2.mpz
_fmpz = _flint.fmpz

#: Bases for which GMP's mpz_get_str (through _gmpy2.digits) gives the base-p digits.
_MAX_GMP_BASE = 62
#: Digit chunks below this size are summed with a plain loop (one divmod per digit).
_LEAF_BITS = 512


def popcount(n: int) -> int:
    """Number of 1 bits of ``n >= 0``.

    ``int.bit_count`` is faster than converting to mpz for GMP's popcount
    (``scripts/bench_integers.py``).
    """
    return n.bit_count()


def bit_scan1(n: int) -> int:
    """Index of the lowest 1 bit of ``n != 0``, i.e. the 2-adic valuation (GMP mpz_scan1)."""
    return int(_gmpy2.bit_scan1(_mpz(n)))


def remove(n: int, p: int) -> int:
    """Exponent of ``p >= 2`` in ``n != 0`` (GMP mpz_remove; never builds a quotient in Python)."""
    if p == 2:
        return bit_scan1(n)
    return int(_gmpy2.remove(_mpz(n), p)[1])


def digit_sum(n: int, p: int) -> int:
    """Sum of the base-``p`` digits of ``n >= 0``, for ``p >= 2``, in subquadratic time.

    Base 2 is a popcount. Bases up to 62 use GMP's divide-and-conquer radix conversion
    (``gmpy2.digits``) and count each digit character in C. Larger bases split ``n`` by
    ``p**(2**j)`` recursively (GMP divisions are subquadratic) and loop only over
    machine-sized leaves.
    """
    if p == 2:
        return n.bit_count()
    if n < p:
        return n
    if p <= _MAX_GMP_BASE:
        text = _gmpy2.digits(_mpz(n), p)
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        if p > 36:  # gmpy2 switches to the case-sensitive 62-letter alphabet above base 36
            alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        return sum(value * text.count(ch) for value, ch in enumerate(alphabet[:p]) if value)
    return _digit_sum_split(_mpz(n), p)


def _digit_sum_split(n: Any, p: int) -> int:
    powers = [_mpz(p)]  # powers[j] = p**(2**j), up to the first one above n
    while powers[-1] <= n:
        powers.append(powers[-1] * powers[-1])

    def rec(m: Any, j: int) -> int:
        # Invariant: m < powers[j + 1], so m = high * powers[j] + low with both < powers[j].
        if j < 0 or m.bit_length() <= _LEAF_BITS:
            total, x = 0, int(m)
            while x:
                x, d = divmod(x, p)
                total += d
            return total
        high, low = _gmpy2.t_divmod(m, powers[j])
        return rec(high, j - 1) + rec(low, j - 1)

    return rec(n, len(powers) - 2)


def comb(n: int, k: int) -> int:
    """Exact binomial coefficient C(n, k) for 0 <= k <= n (GMP mpz_bin_ui)."""
    return int(_gmpy2.comb(_mpz(n), k))


#: Above these sizes (bits of the input) a call runs in a child process. Each limit is where
#: the call's worst case takes about 0.3-0.5 s here (for factor, a balanced semiprime).
CHILD_THRESHOLDS = {
    "is_probable_prime": 10_000,  # BPSW: 0.9 s at 3000 digits (~10,000 bits)
    "is_proven_prime": 400,  # APR-CL: 0.07 s at 100 digits, 0.5 s at 200
    "next_prime": 3_000,  # GMP: 0.4 s for next_prime(10**1000) (3,322 bits)
    "prev_prime": 3_000,
    "factor": 150,  # FLINT (SIQS): 0.3-0.4 s for a 150-bit semiprime, 3.5 s at 60 digits
    "prime_pi": 44,  # primecount: 0.1 s at 10**12, 0.8 s at 10**14 (2**44 ~ 1.8e13)
}
#: A child costs a Python start-up (0.15-0.4 s here): calls whose cost is estimated by the
#: caller (:func:`factor_smooth`) run in one only when expected to take longer than this.
CHILD_SECONDS = 0.5
#: Largest argument of primecount's 64-bit prime_pi.
PRIME_PI_MAX = 2**63 - 1


def run_in_child(op: str, *args: int) -> Any:
    """Run ``_child.OPS[op](*args)`` in a fresh interpreter that Ctrl-C (or our death) kills.

    Raises whatever interrupted the wait (KeyboardInterrupt, SystemExit) after killing and
    reaping the child, and :class:`NumtheoryError` if the child failed (e.g. GMP aborted).
    """
    if not sys.executable:  # an embedded interpreter with no executable: run it here
        return _child.OPS[op](*args)
    request = json.dumps({"op": op, "args": _child.encode(list(args)), "path": sys.path})
    proc = subprocess.Popen(
        [sys.executable, _child.__file__],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = proc.communicate(request.encode())
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    if proc.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise NumtheoryError(
            f"the child process computing {op}() failed (exit status {proc.returncode}): "
            f"{tail[0][:200]}"
        )
    return _child.decode(json.loads(out))


def _call(op: str, n: int, *rest: int, bits: int | None = None) -> Any:
    """``OPS[op]`` here when it is expected to be short, else in a killable child."""
    size = n.bit_length() if bits is None else bits
    if size <= CHILD_THRESHOLDS[op]:
        return _child.OPS[op](n, *rest)
    return run_in_child(op, n, *rest)


def is_probable_prime(n: int) -> bool:
    """BPSW probable-prime test: exact below 2**64, no known counterexample above (FLINT)."""
    if n < 2:
        return False
    if n.bit_length() <= CHILD_THRESHOLDS["is_probable_prime"]:
        return bool(_fmpz(n).is_probable_prime())  # the hot path of the sieve: no extra call
    # a huge n with a small factor is answered here (one gcd), without starting a child
    if _gmpy2.gcd(_mpz(n), _small_primorial()) > 1:
        return False
    return bool(run_in_child("is_probable_prime", n))


def _small_primorial() -> Any:
    value = _primorial_cache.get(1000)
    if value is None:
        value = _primorial_cache.setdefault(1000, _gmpy2.primorial(999))
    return value


def is_proven_prime(n: int) -> bool:
    """Proven primality (FLINT fmpz_is_prime: Pocklington/Morrison/BLS75, then APR-CL).

    Slow: about 0.5 s at 200 digits, 11 s at 500 and 3 minutes at 1000 (measured here); above
    about 120 digits it runs in a child process, so Ctrl-C stops it.
    """
    if n < 2:
        return False
    answer = int(_call("is_proven_prime", n))
    if answer not in (0, 1):  # FLINT 2.x returned -1 for "no proof found"; never read it as True
        raise RuntimeError(
            f"FLINT fmpz_is_prime gave {answer}: primality neither proved nor refuted"
        )
    return answer == 1


def next_prime(n: int) -> int:
    """Smallest probable prime > n (GMP 6.3 mpz_nextprime: sieve, then BPSW + 1 MR round)."""
    return int(_call("next_prime", n))


def prev_prime(n: int) -> int:
    """Largest probable prime < n, for n >= 3 (GMP 6.3 mpz_prevprime)."""
    return int(_call("prev_prime", n))


#: Below this many bits, ``str(int)`` is as fast as going through GMP.
_STR_DIRECT_BITS = 4096


def decimal(n: int) -> str:
    """``str(n)`` in subquadratic time (GMP's mpz_get_str), also past Python's digit limit.

    CPython 3.11 converts an int to decimal in quadratic time: a million digits take about
    12 s, against 0.07 s through GMP, and ``str`` raises past ``sys.get_int_max_str_digits``.
    """
    if -(1 << _STR_DIRECT_BITS) < n < (1 << _STR_DIRECT_BITS):
        return str(n)
    return str(_gmpy2.digits(_mpz(n), 10))


def num_digits(n: int) -> int:
    """Exact number of decimal digits of ``n >= 1``, without a quadratic int -> str."""
    digits = int(_gmpy2.num_digits(_mpz(n), 10))  # exact or one too many (GMP docs)
    return digits - 1 if digits > 1 and n < _mpz(10) ** (digits - 1) else digits


def decimal_ends(n: int, keep: int) -> tuple[int, str, str]:
    """The number of decimal digits of ``n >= 0`` and its first and last ``keep >= 1``
    digits, without writing the others.

    ``str(n)`` of a 10**7-digit ``n`` costs 1.2 s of CPU even through GMP; this costs a
    power of ten and one division (about 0.08 s). GMP's ``mpz_sizeinbase(n, 10)`` is exact
    or one too big, so ``n // 10**(rough - keep - 1)`` has ``keep + 1`` digits (``rough``
    was exact) or ``keep`` (it was one too big), which settles both the count and the
    leading digits. A number of at most ``2 * keep + 1`` digits is written whole.

    Returns
    -------
    (int, str, str)
        The digit count, the leading and the trailing ``keep`` digits (zeros kept): for
        ``d`` digits they equal ``len(s)``, ``s[:keep]``, ``s[-keep:]`` of ``s = str(n)``.

    >>> decimal_ends(10**50 - 1, 3), decimal_ends(2**64, 4)
    ((50, '999', '999'), (20, '1844', '1616'))
    """
    if n < 0 or keep < 1:  # str(-5)[:1] is "-", and text[-0:] the whole number
        shown = n if n.bit_length() <= 64 else f"a number of {n.bit_length()} bits"
        raise ValueError(f"decimal_ends needs n >= 0 and keep >= 1, got n={shown}, keep={keep}")
    m = _mpz(n)
    rough = int(_gmpy2.num_digits(m, 10))  # exact or one too big (GMP docs)
    if rough <= 2 * keep + 1:
        text = str(_gmpy2.digits(m, 10))
        return len(text), text[:keep], text[-keep:]
    head = m // _mpz(10) ** (rough - keep - 1)
    digits = rough
    if head >= _mpz(10) ** keep:
        head //= 10  # rough was exact: keep + 1 digits
    else:
        digits -= 1  # rough was one too big
    tail = str(_gmpy2.digits(m % _mpz(10) ** keep, 10)).zfill(keep)
    return digits, str(_gmpy2.digits(head, 10)), tail


def factor(n: int) -> list[tuple[int, int]]:
    """Prime factorisation of ``n >= 2`` as sorted (prime, exponent) pairs (FLINT fmpz_factor).

    Every factor is proven prime by FLINT. Above 150 bits it runs in a killable child.
    """
    return [tuple(pair) for pair in _call("factor", n)]


_primorial_cache: dict[int, Any] = {}


def trial_division(n: int, bound: int) -> tuple[list[tuple[int, int]], int]:
    """The prime factors ``p < bound`` of ``n >= 1`` with exponents, and the cofactor.

    One gcd with the primorial of ``bound`` finds which small primes divide ``n`` (a few
    milliseconds even at a million digits), and GMP's ``mpz_remove`` strips each by
    repeated squaring: ``3**2000000`` takes milliseconds, not a division per factor.
    """
    primorial = _primorial_cache.get(bound)
    if primorial is None:
        primorial = _primorial_cache.setdefault(bound, _gmpy2.primorial(bound - 1))
    x = _mpz(n)
    common = _gmpy2.gcd(x, primorial)
    found: list[tuple[int, int]] = []
    if common > 1:
        for p, _ in _fmpz(int(common)).factor():  # a product of distinct primes below bound
            x, e = _gmpy2.remove(x, int(p))
            found.append((int(p), int(e)))
    return found, int(x)


def perfect_power(n: int) -> tuple[int, int]:
    """``(r, k)`` with ``n == r**k`` and ``k`` as large as possible, for ``n >= 2``."""
    x = _mpz(n)
    if not _gmpy2.is_power(x):  # fast in C; the exponent search below runs only for powers
        return n, 1
    k = 1
    for q in _small_primes_upto(x.bit_length()):
        while True:
            root, exact = _gmpy2.iroot(x, q)
            if not exact:
                break
            x, k = root, k * q
    return int(x), k


def _small_primes_upto(limit: int) -> list[int]:
    return [q for q in range(2, limit + 1) if _gmpy2.is_prime(q)]


def fermat(n: int, steps: int) -> int | None:
    """A factor ``1 < f < n`` of odd composite ``n`` by Fermat's method, or None after ``steps``.

    Finds ``n = (a - b)(a + b)`` for ``a = ceil(sqrt(n)), ceil(sqrt(n)) + 1, ...``: at once
    when the two factors are within about ``n**(1/4)`` of each other, whatever their size.
    """
    x = _mpz(n)
    a, rem = _gmpy2.isqrt_rem(x)
    if rem:
        a += 1
    b2 = a * a - x
    for _ in range(steps):
        if _gmpy2.is_square(b2):
            f = int(a - _gmpy2.isqrt(b2))
            return f if 1 < f < n else None
        b2 += 2 * a + 1
        a += 1
    return None


def factor_smooth(n: int, bits: int, *, seconds: float) -> list[tuple[int, int]]:
    """Partial factorisation of ``n >= 2`` finding the factors up to about ``bits`` bits.

    FLINT's ``fmpz_factor_smooth`` (trial division, then ECM sized for ``bits``-bit factors).
    The pairs multiply to ``n``; the factors are not proven prime and the last may be
    composite. ``seconds`` is the caller's estimate of the call's cost (it depends on both
    sizes): above :data:`CHILD_SECONDS` it runs in a killable child, below it here, where
    the start-up of a child would cost more than the ECM itself.
    """
    args = (n, bits)
    if seconds <= CHILD_SECONDS:
        return [tuple(pair) for pair in _child.OPS["factor_smooth"](*args)]
    return [tuple(pair) for pair in run_in_child("factor_smooth", *args)]


def prime_pi(x: int) -> int:
    """Number of primes ``<= x`` for ``x <= PRIME_PI_MAX`` (primecount)."""
    if x < 2:
        return 0
    return int(_call("prime_pi", x))


def int_from_digits(digits: str, base: int = 10) -> int:
    """The ``int`` written by ``digits`` in ``base`` (2 to 62), in subquadratic time.

    GMP's ``mpz_set_str``: no 4300-digit limit (``int(str)`` raises past
    ``sys.get_int_max_str_digits``) and a million digits in milliseconds. Bad digits raise
    ``ValueError``, as ``int()`` does.

    >>> int_from_digits("ff", 16), int_from_digits("1" * 5000) % 1000
    (255, 111)
    """
    return int(gmp_from_digits(digits, base))


def gmp_from_digits(digits: str, base: int = 10) -> Any:
    """Like :func:`int_from_digits` but returns the GMP integer itself (a ``gmpy2.mpz``).

    For a caller that goes on computing with the number (the CLI's expression evaluator):
    GMP's multiplication and powering of huge integers are much faster than ``int``'s, and
    the number mixes with ``int`` in arithmetic.

    >>> value = gmp_from_digits("-101", 2)
    >>> int(value * 3)
    -15
    """
    return _mpz(digits, base)


# --- numerics ---
# FLINT's object model for numtheory.numerics (the rule in the module docstring): Arb balls,
# power series and exact rational/integer polynomials, as type aliases. FLINT's working
# precision (flint.ctx.prec and .cap) is process-global: it is set only by arb_precision.
arb = _flint.arb
acb = _flint.acb
arb_series = _flint.arb_series
acb_series = _flint.acb_series
arb_poly = _flint.arb_poly
fmpq = _flint.fmpq
fmpq_poly = _flint.fmpq_poly
fmpz_poly = _flint.fmpz_poly
_flint_ctx = _flint.ctx


def exp_taylor_fmpq_poly(n: int) -> Any:
    """``sum_{k <= n} x**k / k!`` as an exact ``fmpq_poly``, its integers formed in FLINT.

    Built as ``(sum_k (n!/k!) x^k) / n!`` (FLINT's own representation of an ``fmpq_poly``:
    an integer polynomial over one common denominator) from ``fmpz`` products: 3x faster
    at n = 3000 than forming the ``n!/k!`` as Python ints and converting them.

    >>> exp_taylor_fmpq_poly(3).coeffs() == [1, 1, fmpq(1, 2), fmpq(1, 6)]
    True
    """
    coeffs = [_fmpz(1)] * (n + 1)
    acc = _fmpz(1)
    for k in range(n, 0, -1):
        acc *= k
        coeffs[k - 1] = acc
    return fmpq_poly(fmpz_poly(coeffs), acc)


class arb_precision:
    """Scope FLINT's working precision (and optionally its series length cap) to a block.

    ``with arb_precision(bits):`` sets FLINT's process-global working precision to ``bits``
    and restores the caller's on exit, also when an exception escapes; ``cap=n`` does the
    same for ``flint.ctx.cap`` (the number of power-series terms kept). Blocks nest. This is
    the only place numtheory changes either.

    It goes through python-flint's public ``flint.ctx.prec`` setter, which refuses a
    precision below 2 bits (FLINT aborts the process at 0) and keeps ``flint.ctx.dps`` in
    step: python-flint formats balls with it, and ``ctx.extradps`` adds to it, so a stale
    value would leak into the caller's own FLINT code. If a bad value is refused, nothing
    has changed.

    :meth:`call` is the same scope for one call, for the hot path of
    :func:`numtheory.numerics.certify.arb_function` (a warm 15-digit Gamma takes about
    3 microseconds; a ``with`` statement on a Python class costs about 0.5 of them, one
    extra function call about 0.1).

    Not thread-safe (FLINT's context is process-global; see
    :mod:`numtheory.numerics.certify`).

    >>> with arb_precision(200):
    ...     (arb(1) / 3).rel_accuracy_bits() >= 190
    True
    >>> (arb(1) / 3).rel_accuracy_bits() < 60
    True
    >>> arb_precision.call(200, lambda q: arb(q).rel_accuracy_bits(), fmpq(1, 3)) >= 190
    True
    """

    __slots__ = ("_cap", "_old_cap", "_old_prec", "_prec")

    def __init__(self, prec: int, cap: int | None = None) -> None:
        self._prec = prec
        self._cap = cap

    def __enter__(self) -> None:
        ctx = _flint_ctx
        old = ctx.prec
        ctx.prec = self._prec  # raises ValueError below 2 bits, before anything changed
        self._old_prec = old
        if self._cap is not None:
            old_cap = ctx.cap
            try:
                ctx.cap = self._cap
            except BaseException:
                ctx.prec = old  # __exit__ will not run: undo the precision here
                raise
            self._old_cap = old_cap

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        ctx = _flint_ctx
        ctx.prec = self._old_prec
        if self._cap is not None:
            ctx.cap = self._old_cap

    @staticmethod
    def call(prec: int, func: Callable[[Any], Any], arg: Any) -> Any:
        """``func(arg)`` at ``prec`` bits: ``with arb_precision(prec): return func(arg)``."""
        ctx = _flint_ctx
        old = ctx.prec
        ctx.prec = prec
        try:
            return func(arg)
        finally:
            ctx.prec = old


__all__ += [
    "acb",
    "acb_series",
    "arb",
    "arb_poly",
    "arb_precision",
    "arb_series",
    "exp_taylor_fmpq_poly",
    "fmpq",
    "fmpq_poly",
    "fmpz_poly",
]


# --- issue 14 part B (arith-roots): integer roots, powers, prime counting to 10**27 ---
# Named wrappers, so that numtheory.arith never reaches gmpy2 or primecountpy itself. Each
# takes and returns built-in ints; the argument checks are the caller's (numtheory.arith).


#: Largest x of primecount's 128-bit pi(x), and of its n-th prime: pi(2**63 - 1).
#: primecount accepts x <= (2**62 * alpha_y)**1.5 (2**61 in older releases) with a tuning
#: factor alpha_y >= 1 it picks from x, so its documented 10**31 is not reached: the wheel
#: here refuses 10**29. Every x <= 10**27 < 2**91.5 passes whatever alpha_y is.
PRIME_PI_128_MAX = 10**27
NTH_PRIME_MAX = 216_289_611_853_439_384
#: nth_prime(n) runs in a killable child above this many bits of n: primecount's
#: nth_prime(10**12) takes 0.5 s here and a child's start-up about 0.12 s, which would cost
#: more than the 1.2x allowed against a direct call (scripts/bench_integers.py).
CHILD_THRESHOLDS["nth_prime"] = 41  # 2**41 ~ 2.2e12: about 1 s
CHILD_THRESHOLDS["prime_pi_128"] = 0  # x > 2**63: minutes at the least, always a child


def prime_pi_big(x: int) -> int:
    """Number of primes ``<= x`` for ``x <= PRIME_PI_128_MAX`` (primecount, 128-bit above 2**63).

    primecount aborts (C++ ``terminate``) on an argument beyond its limits, so the caller
    must check ``x`` first; above 2**63 the count takes hours and always runs in a child.
    """
    if x <= PRIME_PI_MAX:
        return prime_pi(x)
    return int(_call("prime_pi_128", x))


def nth_prime(n: int) -> int:
    """The ``n``-th prime, ``1 <= n <= NTH_PRIME_MAX`` (primecount; nth_prime(1) == 2)."""
    return int(_call("nth_prime", n))


__all__ += [
    "NTH_PRIME_MAX",
    "PRIME_PI_128_MAX",
    "iroot",
    "iroot_mpz",
    "is_power",
    "is_square",
    "is_square_mpz",
    "isqrt",
    "isqrt_mpz",
    "isqrt_rem",
    "nth_prime",
    "prime_pi_big",
]
# --- end issue 14 part B ---


# Roots and powers, modular arithmetic and the guesser's matrices live in submodules (file
# size); the API is this module's.
from numtheory._backend._modular import (  # noqa: E402
    big_ints,
    big_residues,
    fmpz_mat,
    gcdext,
    invert,
    invert_mpz,
    jacobi,
    kronecker,
    lcm,
    nmod_mat,
    nmod_poly,
    powmod,
    solve_mod_prime,
    sqrtmod_prime,
    weighted_sum,
)
from numtheory._backend._powers import (  # noqa: E402
    iroot,
    iroot_mpz,
    is_power,
    is_square,
    is_square_mpz,
    isqrt,
    isqrt_mpz,
    isqrt_rem,
)

__all__ += [
    "big_ints",
    "big_residues",
    "fmpz_mat",
    "gcdext",
    "invert",
    "invert_mpz",
    "jacobi",
    "kronecker",
    "lcm",
    "nmod_mat",
    "nmod_poly",
    "powmod",
    "solve_mod_prime",
    "sqrtmod_prime",
    "weighted_sum",
]
