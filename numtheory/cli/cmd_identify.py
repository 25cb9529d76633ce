"""``numtheory identify``: which sequence is this, through transforms of it (Superseeker-like)."""

from __future__ import annotations

import argparse

from numtheory.cli._args import IntExpressionError, int_arg, parse_int_list, terms_text
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK
from numtheory.cli._output import Output, short_int
from numtheory.errors import InputError

NAME = "identify"
HELP = "explain terms by transforms of OEIS entries (differences, binomial, Euler, ...)"
DESCRIPTION = """\
Explain integer terms by the OEIS entries that transforms of them match, as the OEIS's
Superseeker does: first the exact look-up (online when allowed: one request, as
`numtheory oeis`), then 122 transforms of the terms (Superseeker's T002-T115: differences,
partial sums, g.f. products and quotients, binomial, Euler, Moebius, Stirling,
boustrophedon, EXP/LOG, INVERT and their inverses, bisections, scalings, a(n)+-n,
a(n)+-c, n!, ..., and those of u(n)/n!, named v:..., when their terms are integers)
looked up in the local mirror and the built-in catalogue only; --depth 2 adds two cheap
transforms in a row and sums c*A + d*B of two entries;
then a guessed recurrence (numtheory guess), and entries that satisfy it.

  numtheory identify 1,2,4,7,12,20,33,54     partial sums of Fibonacci (and F(n)-1)
  numtheory identify 1 3 8 21 55 --depth 2
  ... | numtheory identify -                 terms from stdin

Each explanation says what was applied to the terms, which entry the result matches, where
in its data line, and how many terms agree (all of the transformed ones, or it is not shown).
Guarantee: a match is checked term by term on the terms given, no more; a guess is a
conjecture and says so. --json: {"query", "explanations": [{"sequence", "transforms",
"description", "matched", "source", "terms", "position", "signs", "conjecture"}], "notes"}.

exit codes: 0 found, 1 nothing found, 2 bad input (fewer than 4 terms, not integers).
Data: The OEIS Foundation Inc., https://oeis.org, CC BY-SA 4.0.
"""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "terms",
        nargs="+",
        metavar="TERMS|-",
        help="terms (1,2,4,7,12 or 1 2 4 7 12; at least 4), or - to read them from stdin",
    )
    parser.add_argument(
        "--depth",
        type=int_arg,
        default=1,
        choices=(1, 2),
        help="1: single transforms (default); 2: also two in a row and sums of two entries",
    )
    parser.add_argument(
        "--limit", type=int_arg, default=10, metavar="N", help="show N explanations (default 10)"
    )
    parser.add_argument(
        "--offline", action="store_true", help="never touch the network (local data only)"
    )


def _read_terms(args: argparse.Namespace) -> list[int]:
    text = terms_text(list(args.terms))
    try:
        return parse_int_list(text)
    except IntExpressionError as exc:
        raise InputError(str(exc)) from exc


def run(args: argparse.Namespace, out: Output) -> int:
    from numtheory.oeis import identify

    terms = _read_terms(args)
    if args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {short_int(args.limit)}")
    found = identify(
        terms, offline=True if args.offline else None, depth=args.depth, limit=args.limit
    )
    shown = ", ".join(short_int(t, max_digits=30, keep=8) for t in terms[:12])
    shown += ", ..." if len(terms) > 12 else ""
    data = {
        "query": [str(t) if abs(t) >= 2**53 else t for t in terms],
        "explanations": [e.to_json() for e in found],
        "notes": list(found.notes),
    }
    if not out.json_mode:
        for note in found.notes:
            out.info(note)
    if not found:
        if out.json_mode:
            out.result("", data)
        out.info(f"nothing found for {shown} (depth {args.depth})")
        return EXIT_NOT_FOUND
    lines = []
    for i, e in enumerate(found, 1):
        lines.append(f"{i:2}. {e.description}")
        steps = " then ".join(e.transforms) if e.transforms else "none (exact)"
        evidence = ", ".join(short_int(t, max_digits=30, keep=8) for t in e.terms[:10])
        more = ", ..." if len(e.terms) > 10 else ""
        kind = "conjecture" if e.conjecture else "checked"
        agree = (
            f"{e.matched} terms agree"
            if e.conjecture or len(e.terms) in (0, e.matched)
            else f"{len(e.terms)} transformed terms agree, accounting for {e.matched} terms"
        )
        lines.append(f"    transforms: {steps}; {agree} ({kind}, {e.source})")
        if evidence:
            lines.append(f"    terms: {evidence}{more}")
    out.result(lines, data)  # a line break in an OEIS name is shown escaped
    return EXIT_OK
