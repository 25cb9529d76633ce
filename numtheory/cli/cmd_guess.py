"""``numtheory guess``: a recurrence or generating function for terms the OEIS may not have."""

from __future__ import annotations

import argparse
from typing import Any

from numtheory.cli._args import IntExpressionError, int_arg, parse_int_list, terms_text
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK
from numtheory.cli._output import Output, short_int
from numtheory.errors import GuessExtendError, InputError

NAME = "guess"
HELP = "guess a recurrence or generating function from terms (a conjecture, with evidence)"
DESCRIPTION = """\
  numtheory guess 1,1,2,5,14,42,132,429,1430,4862,16796
  numtheory valuation ... --terms | numtheory guess -     terms from stdin
  numtheory guess 1,1,2,5,14,42,132,429,1430,4862,16796 --plot g.svg   data vs guess

Tries, cheapest first: a polynomial in n; a linear recurrence with constant coefficients
(rational generating function); a hypergeometric term; a recurrence with polynomial
coefficients of least order and degree, for a(n) and for a(n)/n! (the egf); an algebraic
generating function P(x, f) = 0. Each guess is printed with its recurrence in n, its
generating function or closed form, the next terms, and its evidence: "fitted on X terms,
confirmed by Y more". Every guess is a CONJECTURE: it holds exactly on the given terms only.
A guess needs spare terms beyond those it is fitted on: at least 6, more when the terms take
few distinct values (20 for a 0/1 sequence), so that unrelated data pass by chance with
probability under one in a million; --min-confirm changes it.
--json: {"count", "offset", "spare", "guesses": [{"kind", "order", "degree", "coefficients",
"initial", "offset", "fitted", "confirmed", "equation", "gf", "closed_form", "next",
"conjecture": true}]}: coefficients exact, integers as JSON integers, fractions as "p/q".
exit codes: 0 a guess, 1 nothing fits, 2 bad input (a non-integer term, too few terms to
tell, a --max-order/--max-degree out of range, an unknown kind).
"""

#: Characters read from stdin at most: terms of thousands of digits, thousands of terms.
_STDIN_CHARS = 100_000


def register(parser: argparse.ArgumentParser) -> None:
    from numtheory.guessing import KINDS  # here, not at import: the parser is built without GMP

    parser.add_argument(
        "terms",
        nargs="+",
        metavar="TERMS|-",
        help="the terms a(offset), a(offset+1), ... (1,1,2,5 or 1 1 2 5), or - for stdin",
    )
    parser.add_argument(
        "--offset", type=int_arg, default=0, metavar="N", help="index of the first term (0)"
    )
    parser.add_argument(
        "--kinds",
        default=None,
        metavar="K,K",
        help=f"kinds to try, comma-separated (default all: {','.join(KINDS)})",
    )
    parser.add_argument(
        "--max-order",
        type=int_arg,
        default=None,
        metavar="R",
        help="highest recurrence order tried (default: all the terms allow for C-finite, 10 "
        "for polynomial coefficients, at most 50, 4 for the degree in f)",
    )
    parser.add_argument(
        "--max-degree",
        type=int_arg,
        default=None,
        metavar="D",
        help="highest degree of the polynomial coefficients (default: all the terms allow)",
    )
    parser.add_argument(
        "--min-confirm",
        type=int_arg,
        default=None,
        metavar="K",
        help="spare terms each guess must be confirmed by (default: 6, more for few values)",
    )
    parser.add_argument(
        "--next", type=int_arg, default=5, metavar="K", help="show the next K terms (5)"
    )
    # BEGIN issue-16-plots
    from numtheory.cli._plot import add_plot_option

    add_plot_option(parser, "the terms against the best guess's next terms (10, or --next K)")
    # END issue-16-plots


#: The end of the message for too long a term list (the search commands say "give the first
#: terms"; a guess of order r is tested from about 2r + 6 of them).
_ADVICE = "a guess needs only a few hundred terms (about 2r + 6 for a recurrence of order r)"


def _read_terms(args: argparse.Namespace) -> list[int]:
    text = terms_text(list(args.terms), _STDIN_CHARS, advice=_ADVICE)
    try:
        return parse_int_list(text, advice=_ADVICE)
    except IntExpressionError as exc:
        raise InputError(f"bad terms: {exc}") from None


def _kinds(text: str | None) -> list[str] | None:
    from numtheory.guessing import KINDS

    if text is None:
        return None
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    for kind in kinds:
        if kind not in KINDS:
            raise InputError(f"--kinds: unknown kind {kind!r}; the kinds are {','.join(KINDS)}")
    return kinds


def run(args: argparse.Namespace, out: Output) -> int:
    from numtheory.guessing import MAX_ORDER_LIMIT, guess, spare_terms
    from numtheory.guessing._model import MAX_EXTEND  # Guess.extend's own bound

    terms = _read_terms(args)
    if not 0 <= args.next <= MAX_EXTEND:
        raise InputError(f"--next must be between 0 and {MAX_EXTEND:,}, got {short_int(args.next)}")
    for flag, value, low in (
        ("--max-order", args.max_order, 1),
        ("--max-degree", args.max_degree, 0),
    ):
        if value is not None and not low <= value <= MAX_ORDER_LIMIT:
            raise InputError(
                f"{flag} must be between {low} and {MAX_ORDER_LIMIT:,}, got {short_int(value)}"
            )
    if args.min_confirm is not None and args.min_confirm < 1:
        raise InputError(f"--min-confirm must be at least 1, got {short_int(args.min_confirm)}")
    # BEGIN issue-16-plots
    from numtheory.cli._plot import plot_target

    plot_to = plot_target(args.plot)  # checked before the guessing starts
    # END issue-16-plots
    found = guess(
        terms,
        args.offset,
        kinds=_kinds(args.kinds),
        max_order=args.max_order,
        max_degree=args.max_degree,
        min_confirm=args.min_confirm,
    )
    guesses: list[dict[str, Any]] = []
    blocks: list[str] = []
    for g in found:
        if out.json_mode:
            data = g.to_json()
            try:
                data["next"] = g.extend(args.next)
            except GuessExtendError:
                data["next"] = None
            guesses.append(data)
        else:
            blocks.append(g.text(args.next))
    out.result(
        "\n\n".join(blocks),
        {
            "count": len(terms),
            "offset": args.offset,
            "spare": spare_terms(terms) if args.min_confirm is None else args.min_confirm,
            "guesses": guesses,
        },
    )
    if found:
        # BEGIN issue-16-plots
        if plot_to is not None:
            from numtheory.cli._plot import write_plot

            # the best guess (the first, cheapest); at least 10 predicted terms to see
            write_plot(found[0].plot(max(args.next, 10)), plot_to, out)
        # END issue-16-plots
        return EXIT_OK
    spare = spare_terms(terms) if args.min_confirm is None else args.min_confirm
    testable = max((len(terms) - spare) // 2, 0)  # a recurrence of order r needs 2r + spare
    if args.max_order is None:
        orders = "order up to the default"
    elif args.max_order > testable:  # say what was tried, not what was asked
        orders = f"order up to {testable}, the most {len(terms)} terms can test; --max-order "
        orders += f"{args.max_order} needs {2 * args.max_order + spare} terms"
    else:
        orders = f"order up to {args.max_order}"
    out.info(
        f"no guess fits the {len(terms)} terms: no polynomial, recurrence ({orders}) or "
        "algebraic equation of the sizes the terms can test; more terms, or a larger "
        "--max-order, may find one"
    )
    if plot_to is not None:  # issue-16-plots
        out.info(f"no plot written to {plot_to}: there is no guess to draw")
    return EXIT_NOT_FOUND
