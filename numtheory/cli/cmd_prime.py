"""``numtheory prime``: test, next, prev, and the primes in a range."""

from __future__ import annotations

import argparse
from typing import Any

from numtheory.cli._args import int_arg, parse_int
from numtheory.cli._common import common_options
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK
from numtheory.cli._output import Output, decimal, short_int
from numtheory.errors import InputError

NAME = "prime"
HELP = "primality test (BPSW, or proven), next/previous prime, primes in a range"
DESCRIPTION = """\
  numtheory prime test N... [--proof]   is N prime? exit 0 if all are, 1 if one is not
  numtheory prime next N...             the smallest prime > N
  numtheory prime prev N...             the largest prime < N (N > 2)
  numtheory prime range A B [--count]   the primes p with A <= p < B, one per line

Guarantee: exact below 2^64. Above, "composite" is proven, and "probable prime" means N
passed the Baillie-PSW test (no counterexample is known); --proof proves it with FLINT
(APR-CL; 0.5 s at 200 digits, minutes at 1000), refusing numbers over
--max-proof-digits digits (see `numtheory prime test --help` for the default; 0 refuses
every proof above 2^64, `none` lifts the limit). Integers may be written 10**100, 2^127-1.
--json: test {"results": [{"n", "prime", "proven", "status"}]}; next/prev
{"results": [{"n", "prime"}]}; range {"start", "stop", "count", "primes"}.
A range with no prime prints nothing on stdout, says "no prime p with A <= p < B" on stderr
and exits 1 ("ran fine, found nothing", as for a number that is not prime), so scripts can
test for it; --count prints 0 and exits 1 too.
exit codes: 0 success, 1 a tested number is not prime / no prime in the range, 2 bad input
(including B < A).
"""

#: In text output, a tested number longer than this is abbreviated (JSON has it whole).
_SHOW_DIGITS = 60


def _proof_digits(text: str) -> int | None:
    """``--max-proof-digits``: an integer D >= 0 (as ``is_prime``'s ``max_proof_digits``), or
    ``none`` for no limit (``is_prime``'s None)."""
    if text.strip().lower() == "none":
        return None
    try:
        value = parse_int(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (or none for no limit)") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"needs D >= 0 or none, got {short_int(value)}")
    return value


def register(parser: argparse.ArgumentParser) -> None:
    # The library's default, read here: the arith layer (GMP, FLINT) is loaded only when a
    # `prime` command line is parsed, never to build the parser for another command.
    from numtheory.arith import PROOF_MAX_DIGITS

    common = common_options()
    actions = parser.add_subparsers(
        dest="action",
        metavar="ACTION",
        help="test, next, prev or range (`numtheory prime ACTION --help` for each)",
    )
    actions.required = True

    test = actions.add_parser(
        "test",
        parents=[common],
        help="is N prime? (BPSW; --proof for a proof)",
        description="Test each N: exact below 2^64; above, BPSW (probable prime) unless "
        "--proof. Exit 0 if every N is prime, 1 if one is not.",
    )
    test.add_argument(
        "n", nargs="+", type=int_arg, metavar="N", help="integers to test (10**100+267, 2^127-1)"
    )
    test.add_argument("--proof", action="store_true", help="prove primality (FLINT, APR-CL)")
    test.add_argument(
        "--max-proof-digits",
        type=_proof_digits,
        default=PROOF_MAX_DIGITS,
        metavar="D",
        help=f"refuse proofs of numbers over D digits (default {PROOF_MAX_DIGITS}; 0 refuses "
        "every proof above 2^64, as is_prime(max_proof_digits=0); none = no limit)",
    )
    nxt = actions.add_parser(
        "next",
        parents=[common],
        help="the smallest prime > N",
        description="Print the smallest prime greater than each N (any integer N).",
    )
    nxt.add_argument("n", nargs="+", type=int_arg, metavar="N", help="integers (the answer is > N)")
    prv = actions.add_parser(
        "prev",
        parents=[common],
        help="the largest prime < N",
        description="Print the largest prime less than each N (N > 2: there is none below 2).",
    )
    prv.add_argument(
        "n", nargs="+", type=int_arg, metavar="N", help="integers > 2 (the answer is < N)"
    )
    rng = actions.add_parser(
        "range",
        parents=[common],
        help="the primes p with A <= p < B",
        description="Print the primes p with A <= p < B, one per line, as they are found "
        "(B is not included: `prime range 24 30` lists 29). No prime in the range: a note "
        "on stderr and exit 1.",
    )
    rng.add_argument("start", type=int_arg, metavar="A", help="the lower end, included")
    rng.add_argument("stop", type=int_arg, metavar="B", help="the upper end, excluded (B >= A)")
    rng.add_argument("--count", action="store_true", help="print only how many there are")


def _show(n: int) -> str:
    text = decimal(n)
    digits = len(text) - (n < 0)
    if digits <= _SHOW_DIGITS:
        return text
    return f"{text[:20]}...{text[-20:]} ({digits} digits)"


def _test(args: argparse.Namespace, out: Output) -> int:
    from numtheory.arith import PRIME_EXACT_BELOW, is_prime

    results: list[dict[str, Any]] = []
    for n in args.n:
        prime = is_prime(n, proof=args.proof, max_proof_digits=args.max_proof_digits)
        exact = n < PRIME_EXACT_BELOW
        if not prime:
            status, proven = "composite" if n > 1 else "not prime", True
        elif exact or args.proof:
            status, proven = "prime", True
        else:
            status, proven = "probable prime (BPSW)", False
        results.append({"n": n, "prime": prime, "proven": proven, "status": status})
    text = "\n".join(f"{_show(r['n'])}: {r['status']}" for r in results)
    out.result(text, {"results": results})
    return EXIT_OK if all(r["prime"] for r in results) else EXIT_NOT_FOUND


def _step(args: argparse.Namespace, out: Output) -> int:
    from numtheory.arith import next_prime, prev_prime

    func = next_prime if args.action == "next" else prev_prime
    results = [{"n": n, "prime": func(n)} for n in args.n]
    out.result("\n".join(decimal(r["prime"]) for r in results), {"results": results})
    return EXIT_OK


def _range(args: argparse.Namespace, out: Output) -> int:
    from numtheory.arith import count_primes, primerange

    if args.stop < args.start:
        raise InputError(
            f"prime range A B needs A <= B (the primes p with A <= p < B), "
            f"got A={short_int(args.start)}, B={short_int(args.stop)}"
        )
    data: dict[str, Any] = {"start": args.start, "stop": args.stop}
    if args.count:
        count = count_primes(args.start, args.stop)
        data["count"] = count
        out.result(str(count), data)
    elif out.json_mode:
        found = list(primerange(args.start, args.stop))
        count = len(found)
        data["count"] = count
        data["primes"] = found
        out.result("", data)
    else:  # streamed: `prime range 0 10**12 | head` answers at once, in bounded memory
        count = out.lines(map(decimal, primerange(args.start, args.stop)))
    if count:
        return EXIT_OK
    # Said on stderr (stdout stays empty, so pipes see no primes). The range excludes B: say
    # so, since `prime range 24 29` reads as if 29 were in it.
    out.info(
        f"no prime p with {short_int(args.start)} <= p < {short_int(args.stop)} "
        "(B itself is not included)"
    )
    return EXIT_NOT_FOUND


def run(args: argparse.Namespace, out: Output) -> int:
    if args.action == "test":
        return _test(args, out)
    if args.action in ("next", "prev"):
        return _step(args, out)
    return _range(args, out)
