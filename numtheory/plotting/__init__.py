"""Pictures: sequences, guesses, verification runs (matplotlib, the extra ``numtheory[plot]``).

Every function returns a :class:`matplotlib.figure.Figure`: the last expression of a notebook
cell shows it inline, and :func:`save_figure` writes it as PNG or SVG (by the suffix,
atomically). Figures are not managed by pyplot (nothing to close; nothing shown twice) and
nothing here opens a window. Without matplotlib every function raises
:class:`~numtheory.errors.PlotMissingError`, whose message says
``pip install "numtheory[plot]"``; importing this package never imports matplotlib.

* :func:`plot_sequence` (also ``Sequence.plot()``): the OEIS-style scatter of ``a(n)``
  against ``n``, from the cached b-file when there is one; ``log10 |a(n)|`` for fast-growing
  terms (the rule: :func:`use_log_scale`).
* :func:`plot_guess` (also ``Guess.plot()``): the data against the guess's next terms.
* :func:`plot_chunk_rates`: a range check's numbers per second, chunk by chunk.
* :func:`plot_central_binomial_2adic`, :func:`plot_exp_taylor_minima`: two seed-article facts.

The command line writes the same pictures: ``numtheory oeis A000045 --plot fib.png``,
``numtheory guess TERMS --plot g.svg``, ``numtheory verify CHECK --plot rate.png`` and
``numtheory plot central-binomial-2adic v2.png``.

>>> from numtheory.plotting import plot_sequence, use_log_scale
>>> use_log_scale([2**n for n in range(20)])
True
>>> type(plot_sequence(range(10))).__name__
'Figure'
"""

from numtheory.plotting._common import (
    LOG_RATIO,
    LOG_SAFE_BITS,
    RASTER_POINTS,
    check_plot_path,
    require_matplotlib,
    save_figure,
    use_log_scale,
)
from numtheory.plotting._sequence import cached_bfile, plot_guess, plot_sequence
from numtheory.plotting._verify import (
    MAX_EXP_MIN_DEGREE,
    MAX_V2_UPTO,
    checkpoint_chunks,
    plot_central_binomial_2adic,
    plot_chunk_rates,
    plot_exp_taylor_minima,
)

__all__ = [
    "LOG_RATIO",
    "LOG_SAFE_BITS",
    "MAX_EXP_MIN_DEGREE",
    "MAX_V2_UPTO",
    "RASTER_POINTS",
    "cached_bfile",
    "check_plot_path",
    "checkpoint_chunks",
    "plot_central_binomial_2adic",
    "plot_chunk_rates",
    "plot_exp_taylor_minima",
    "plot_guess",
    "plot_sequence",
    "require_matplotlib",
    "save_figure",
    "use_log_scale",
]
