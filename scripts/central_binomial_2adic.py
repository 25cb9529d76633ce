#!/usr/bin/env python3
"""Reproduce "强大的整数数列网站OEIS" (kexue.fm/archives/2765, 2014) end to end.

The post asked how large a power of 2 divides the central binomial coefficient C(2n, n):
C(30, 15) is divisible by 16 but C(40, 20) only by 4. It computed v2(C(2n, n)) for
n = 1..99, pasted the terms into the OEIS, and found A000120, the binary weight of n
(Kummer's theorem: the number of carries when adding n + n in base 2).

This script does the same with numtheory:

1. v2(C(2n, n)) for n = 1..99 with ``numtheory.central_binomial_valuation``, cross-checked
   against the valuation of the exact binomial;
2. looks the terms up (the OEIS over the network, falling back to local data as
   ``numtheory oeis`` does; ``--offline`` for local data only) and reports A000120;
3. checks C(30, 15) = 2^4 * odd and C(40, 20) = 2^2 * odd.

Exit status: 0 when every check passes, 1 when one fails, 3 when no source could be asked.

    python scripts/central_binomial_2adic.py [--offline] [--terms 40]
"""

from __future__ import annotations

import argparse
import sys

import numtheory as nt
from numtheory import oeis
from numtheory.arith import binomial, valuation
from numtheory.cli import exit_code_for
from numtheory.errors import OEISError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offline", action="store_true", help="local OEIS data only")
    parser.add_argument(
        "--terms", type=int, default=40, help="how many terms to look up (default 40)"
    )
    args = parser.parse_args(argv)
    ok = True

    ns = range(1, 100)
    v2 = [nt.central_binomial_valuation(n) for n in ns]
    print(f"v2(C(2n, n)) for n = 1..99: {', '.join(map(str, v2[:24]))}, ...")
    direct = [valuation(binomial(2 * n, n), 2) for n in ns]
    agree = v2 == direct
    ok &= agree
    print(f"  equal to valuation(binomial(2n, n), 2) for all 99 n: {'yes' if agree else 'NO'}")
    weight = v2 == [bin(n).count("1") for n in ns]
    ok &= weight
    print(f"  equal to the number of 1 bits of n (Kummer):        {'yes' if weight else 'NO'}")

    terms = v2[: args.terms]
    print(f"\nLooking up the first {len(terms)} terms in the OEIS ...")
    status = 0
    try:
        answer = oeis.lookup(terms, offline=True if args.offline else None)
    except OEISError as exc:
        print(f"  lookup failed: {exc}", file=sys.stderr)
        status = exit_code_for(exc)  # the numtheory command's code for this error
    else:
        for warning in answer.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        total = f" of {answer.total}" if answer.total is not None else ""
        print(f"  {len(answer.results)}{total} match(es), from the {answer.source}:")
        for rank, seq in enumerate(answer.results[:5], 1):
            print(f"  {rank}. {seq.id}  {seq.name[:80]}")
        ids = [seq.id for seq in answer.results]
        found = "A000120" in ids
        ok &= found
        if found:
            print(
                f"  A000120 is match {ids.index('A000120') + 1}: v2(C(2n, n)) is the binary "
                "weight of n (A000120, offset 0, read from n = 1)"
            )
        else:
            print("  A000120 NOT among the matches")

    print()
    for n, expected in ((15, 4), (20, 2)):
        c = binomial(2 * n, n)
        got = nt.central_binomial_valuation(n)
        odd = c >> got
        good = got == expected and odd % 2 == 1
        ok &= good
        print(
            f"C({2 * n}, {n}) = {c} = 2^{got} * {odd}: divisible by {2**got}, "
            f"not by {2 ** (got + 1)}  {'ok' if good else 'FAILED'}"
        )
    if not ok:
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
