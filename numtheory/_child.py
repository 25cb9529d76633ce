"""Long C calls, run in a child process that Ctrl-C can stop (a backend helper).

GMP, FLINT and primecount hold the interpreter inside one C call: a Ctrl-C is only seen
when the call returns, which for ``factorint(2**4096 + 1)`` or ``next_prime(10**5000)`` is
minutes or never. :mod:`numtheory._backend` therefore runs the calls it expects to be long
in a child interpreter that executes this file as a script (not as part of the package, so
the child imports only flint, gmpy2 and primecountpy and starts in about 0.15 s of CPU).
On KeyboardInterrupt the parent kills the child and re-raises; the child also asks Linux to
kill it when the parent dies (``PR_SET_PDEATHSIG``), so no orphan keeps computing.

:data:`OPS` is the one definition of every operation: the parent calls the same functions
in-process when the call is short, so both paths give the same answers.

Protocol: one JSON request on stdin, ``{"op": name, "args": [...], "path": sys.path}``,
integers as hex strings (linear-time in both directions); one JSON answer on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["OPS", "decode", "encode"]


def _factor(n: int) -> list[tuple[int, int]]:
    import flint

    return [(int(p), int(e)) for p, e in flint.fmpz(n).factor()]


def _factor_smooth(n: int, bits: int) -> list[tuple[int, int]]:
    import flint

    # proved=0: the caller proves what it keeps (and may do that in a child of its own)
    return [(int(p), int(e)) for p, e in flint.fmpz(n).factor_smooth(bits, 0)]


def _is_probable_prime(n: int) -> bool:
    import flint

    return bool(flint.fmpz(n).is_probable_prime())


def _is_proven_prime(n: int) -> int:
    import flint

    return int(flint.fmpz(n).is_prime())


def _next_prime(n: int) -> int:
    import gmpy2

    return int(gmpy2.next_prime(gmpy2.mpz(n)))


def _prev_prime(n: int) -> int:
    import gmpy2

    return int(gmpy2.prev_prime(gmpy2.mpz(n)))


def _prime_pi(x: int) -> int:
    import primecountpy

    return int(primecountpy.prime_pi(x))


OPS: dict[str, Callable[..., Any]] = {
    "factor": _factor,
    "factor_smooth": _factor_smooth,
    "is_probable_prime": _is_probable_prime,
    "is_proven_prime": _is_proven_prime,
    "next_prime": _next_prime,
    "prev_prime": _prev_prime,
    "prime_pi": _prime_pi,
}


# --- issue 14 part B (arith-roots): primecount's n-th prime and 128-bit pi(x) ---
def _nth_prime(n: int) -> int:
    import primecountpy

    return int(primecountpy.nth_prime(n))


def _prime_pi_128(x: int) -> int:
    import primecountpy

    return int(primecountpy.prime_pi_128(x))


OPS["nth_prime"] = _nth_prime
OPS["prime_pi_128"] = _prime_pi_128
# --- end issue 14 part B ---


def encode(value: Any) -> Any:
    """JSON-ready form: ints as hex strings (bools kept), tuples and lists as lists."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return hex(value)
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(value: Any) -> Any:
    """Inverse of :func:`encode`; lists come back as tuples inside lists of pairs."""
    if isinstance(value, str):
        return int(value, 16)
    if isinstance(value, list):
        items = [decode(item) for item in value]
        return tuple(items) if value and not isinstance(value[0], list) else items
    return value


def _die_with_parent() -> None:
    import ctypes
    import signal

    # The parent kills us on Ctrl-C; the terminal's SIGINT to the whole group is its business.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux); elsewhere a no-op
    except (OSError, AttributeError):
        pass


def main() -> int:
    _die_with_parent()
    if sys.path and sys.path[0] == __file__.rpartition("/")[0]:
        del sys.path[0]  # the package directory itself: its modules must not shadow others
    request = json.loads(sys.stdin.read())
    sys.path[:0] = [p for p in request["path"] if p not in sys.path]
    result = OPS[request["op"]](*decode(request["args"]))
    sys.stdout.write(json.dumps(encode(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
