"""The one module that imports gmpy2 and python-flint.

Everything else in numtheory asks this module for big-integer primitives, so the choice of
the fastest library for each job is made (and measured, see ``scripts/bench_integers.py``)
in one place. Functions here take and return built-in ``int``/``bool`` unless their name says
otherwise (``mpz``, ``fmpz``); conversions are cheap (under 2 microseconds for 1000 digits).

Choices, measured on the project machine (``scripts/bench_integers.py``, numtheory-anchors.md):

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
from typing import Any

import flint
import gmpy2
from gmpy2 import mpz

from numtheory import _child
from numtheory.errors import NumtheoryError

__all__ = [
    "bit_scan1",
    "comb",
    "decimal",
    "digit_sum",
    "factor",
    "factor_smooth",
    "fermat",
    "flint",
    "fmpz",
    "gmpy2",
    "is_probable_prime",
    "is_proven_prime",
    "mpz",
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

fmpz = flint.fmpz

#: Bases for which GMP's mpz_get_str (through gmpy2.digits) gives the base-p digits.
_MAX_GMP_BASE = 62
#: Digit chunks below this size are summed with a plain loop (one divmod per digit).
_LEAF_BITS = 512


def popcount(n: int) -> int:
    """Number of 1 bits of ``n >= 0``.

    ``int.bit_count`` is faster than converting to mpz for GMP's popcount (anchors, 3a).
    """
    return n.bit_count()


def bit_scan1(n: int) -> int:
    """Index of the lowest 1 bit of ``n != 0``, i.e. the 2-adic valuation (GMP mpz_scan1)."""
    return int(gmpy2.bit_scan1(mpz(n)))


def remove(n: int, p: int) -> int:
    """Exponent of ``p >= 2`` in ``n != 0`` (GMP mpz_remove; never builds a quotient in Python)."""
    if p == 2:
        return bit_scan1(n)
    return int(gmpy2.remove(mpz(n), p)[1])


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
        text = gmpy2.digits(mpz(n), p)
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        if p > 36:  # gmpy2 switches to the case-sensitive 62-letter alphabet above base 36
            alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        return sum(value * text.count(ch) for value, ch in enumerate(alphabet[:p]) if value)
    return _digit_sum_split(mpz(n), p)


def _digit_sum_split(n: mpz, p: int) -> int:
    powers = [mpz(p)]  # powers[j] = p**(2**j), up to the first one above n
    while powers[-1] <= n:
        powers.append(powers[-1] * powers[-1])

    def rec(m: mpz, j: int) -> int:
        # Invariant: m < powers[j + 1], so m = high * powers[j] + low with both < powers[j].
        if j < 0 or m.bit_length() <= _LEAF_BITS:
            total, x = 0, int(m)
            while x:
                x, d = divmod(x, p)
                total += d
            return total
        high, low = gmpy2.t_divmod(m, powers[j])
        return rec(high, j - 1) + rec(low, j - 1)

    return rec(n, len(powers) - 2)


def comb(n: int, k: int) -> int:
    """Exact binomial coefficient C(n, k) for 0 <= k <= n (GMP mpz_bin_ui)."""
    return int(gmpy2.comb(mpz(n), k))


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
        return bool(fmpz(n).is_probable_prime())  # the hot path of the sieve: no extra call
    # a huge n with a small factor is answered here (one gcd), without starting a child
    if gmpy2.gcd(mpz(n), _small_primorial()) > 1:
        return False
    return bool(run_in_child("is_probable_prime", n))


def _small_primorial() -> mpz:
    value = _primorial_cache.get(1000)
    if value is None:
        value = _primorial_cache.setdefault(1000, gmpy2.primorial(999))
    return value


def is_proven_prime(n: int) -> bool:
    """Proven primality (FLINT fmpz_is_prime: Pocklington/Morrison/BLS75, then APR-CL).

    Slow: about 0.5 s at 200 digits, 11 s at 500 and 3 minutes at 1000 (anchors, 3b); above
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
    return str(gmpy2.digits(mpz(n), 10))


def num_digits(n: int) -> int:
    """Exact number of decimal digits of ``n >= 1``, without a quadratic int -> str."""
    digits = int(gmpy2.num_digits(mpz(n), 10))  # exact or one too many (GMP docs)
    return digits - 1 if digits > 1 and n < mpz(10) ** (digits - 1) else digits


def factor(n: int) -> list[tuple[int, int]]:
    """Prime factorisation of ``n >= 2`` as sorted (prime, exponent) pairs (FLINT fmpz_factor).

    Every factor is proven prime by FLINT. Above 150 bits it runs in a killable child.
    """
    return [tuple(pair) for pair in _call("factor", n)]


_primorial_cache: dict[int, mpz] = {}


def trial_division(n: int, bound: int) -> tuple[list[tuple[int, int]], int]:
    """The prime factors ``p < bound`` of ``n >= 1`` with exponents, and the cofactor.

    One gcd with the primorial of ``bound`` finds which small primes divide ``n`` (a few
    milliseconds even at a million digits), and GMP's ``mpz_remove`` strips each by
    repeated squaring: ``3**2000000`` takes milliseconds, not a division per factor.
    """
    primorial = _primorial_cache.get(bound)
    if primorial is None:
        primorial = _primorial_cache.setdefault(bound, gmpy2.primorial(bound - 1))
    x = mpz(n)
    common = gmpy2.gcd(x, primorial)
    found: list[tuple[int, int]] = []
    if common > 1:
        for p, _ in fmpz(int(common)).factor():  # a product of distinct primes below bound
            x, e = gmpy2.remove(x, int(p))
            found.append((int(p), int(e)))
    return found, int(x)


def perfect_power(n: int) -> tuple[int, int]:
    """``(r, k)`` with ``n == r**k`` and ``k`` as large as possible, for ``n >= 2``."""
    x = mpz(n)
    if not gmpy2.is_power(x):  # fast in C; the exponent search below runs only for powers
        return n, 1
    k = 1
    for q in _small_primes_upto(x.bit_length()):
        while True:
            root, exact = gmpy2.iroot(x, q)
            if not exact:
                break
            x, k = root, k * q
    return int(x), k


def _small_primes_upto(limit: int) -> list[int]:
    return [q for q in range(2, limit + 1) if gmpy2.is_prime(q)]


def fermat(n: int, steps: int) -> int | None:
    """A factor ``1 < f < n`` of odd composite ``n`` by Fermat's method, or None after ``steps``.

    Finds ``n = (a - b)(a + b)`` for ``a = ceil(sqrt(n)), ceil(sqrt(n)) + 1, ...``: at once
    when the two factors are within about ``n**(1/4)`` of each other, whatever their size.
    """
    x = mpz(n)
    a, rem = gmpy2.isqrt_rem(x)
    if rem:
        a += 1
    b2 = a * a - x
    for _ in range(steps):
        if gmpy2.is_square(b2):
            f = int(a - gmpy2.isqrt(b2))
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


# --- numerics ---
# Arb balls (certified real/complex arithmetic), power series and exact rational polynomials,
# used by numtheory.numerics. flint.ctx.prec / ctx.cap are process-global: scope them.
arb = flint.arb
acb = flint.acb
arb_series = flint.arb_series
acb_series = flint.acb_series
arb_poly = flint.arb_poly
fmpq = flint.fmpq
fmpq_poly = flint.fmpq_poly
fmpz_poly = flint.fmpz_poly
flint_ctx = flint.ctx
__all__ += [
    "acb",
    "acb_series",
    "arb",
    "arb_poly",
    "arb_series",
    "flint_ctx",
    "fmpq",
    "fmpq_poly",
    "fmpz_poly",
]

# --- guessing (numtheory.guessing): matrices and polynomials modulo a word-size prime, and
# exact integer matrices, for solving the linear systems a guess is fitted from. ---
nmod_mat = flint.nmod_mat
nmod_poly = flint.nmod_poly
fmpz_mat = flint.fmpz_mat
__all__ += ["big_ints", "big_residues", "fmpz_mat", "nmod_mat", "nmod_poly", "weighted_sum"]


def big_ints(values: list[int]) -> list[Any]:
    """GMP copies of ``values``, for the repeated reductions and products below."""
    return [mpz(v) for v in values]


def big_residues(values: list[Any], modulus: int) -> list[int]:
    """``[v % modulus for v in values]`` on GMP (40x faster than ``int`` on 200,000 digits)."""
    m = mpz(modulus)
    return [int(gmpy2.f_mod(v, m)) for v in values]


def weighted_sum(weights: list[int], values: list[Any]) -> int:
    """``sum(w * v)`` for small ``weights`` and (GMP) ``values``, exactly, as an ``int``."""
    total = mpz(0)
    for w, v in zip(weights, values, strict=True):
        if w:
            total += w * v
    return int(total)


# --- end guessing ---
