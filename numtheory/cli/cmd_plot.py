"""``numtheory plot``: the seed articles' pictures, written as PNG or SVG files."""

from __future__ import annotations

import argparse

from numtheory.cli._args import int_arg
from numtheory.cli._exit import EXIT_OK
from numtheory.cli._output import Output

NAME = "plot"
HELP = "draw a seed-article picture into a PNG or SVG file (needs numtheory[plot])"
DESCRIPTION = """\
Draw one of the pictures of the seed articles into FILE (.png or .svg, by the suffix).

  numtheory plot central-binomial-2adic v2.png              v2(C(2n, n)) for n = 0..1023
  numtheory plot central-binomial-2adic v2.svg --upto 4095
  numtheory plot exp-taylor-minima minima.png               min of f_n, n = 2, 4, ..., 60

central-binomial-2adic: v2(C(2n, n)) against n, the number of 1 bits of n (Kummer; OEIS
A000120); --upto N, at most 200,000 (default 1023).
exp-taylor-minima: the certified minimum of f_n(x) = 1 + x + ... + x^n/n! for even n, and
where it lies, x*/n, which tends to -W(1/e) = -0.27846; --upto N, at most 200 (default 60).

Other pictures: numtheory oeis A000045 --plot FILE (a sequence), numtheory guess TERMS
--plot FILE (a guess), numtheory verify CHECK --plot FILE (a range check's rate per chunk).
The file is written atomically and its path reported on stderr; --json prints what was
written (picture, upto, file, format, width and height in pixels).
exit codes: 0 written, 2 bad input (an unknown picture, a suffix other than .png/.svg,
--upto out of range, matplotlib not installed: pip install "numtheory[plot]").
"""

#: Picture name -> (plotting function name, default --upto).
PICTURES = {
    "central-binomial-2adic": ("plot_central_binomial_2adic", 1023),
    "exp-taylor-minima": ("plot_exp_taylor_minima", 60),
}


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("picture", choices=sorted(PICTURES), metavar="PICTURE",
                        help=f"one of: {', '.join(sorted(PICTURES))}")  # fmt: skip
    parser.add_argument("file", metavar="FILE", help="where to write it (.png or .svg)")
    parser.add_argument("--upto", type=int_arg, default=None, metavar="N",
                        help="the last n (or degree) drawn")  # fmt: skip


def run(args: argparse.Namespace, out: Output) -> int:
    from numtheory import plotting
    from numtheory.cli._plot import plot_target, write_plot

    target = plot_target(args.file)
    assert target is not None
    function, default = PICTURES[args.picture]
    upto = default if args.upto is None else args.upto
    fig = getattr(plotting, function)(upto)
    written = write_plot(fig, target, out)
    # stdout: nothing as text (the file is the result); --json: one document, as every command
    out.result("", {"picture": args.picture, "upto": upto, **written})
    return EXIT_OK
