"""Pictures of verification: a range check's per-chunk rate, and the seed articles' facts.

* :func:`plot_chunk_rates`: numbers per second of each chunk (``(hi - lo) / seconds``, the
  time measured inside the worker) against the chunk's start: where a sweep slows down.
* :func:`plot_central_binomial_2adic`: ``v2(C(2n, n))`` against ``n``; it is the number of 1
  bits of ``n`` (Kummer; OEIS A000120), bounded by ``log2(n + 1)``.
* :func:`plot_exp_taylor_minima`: the minimum of ``f_n(x) = sum_{k<=n} x^k/k!`` for even ``n``
  (positive, falling fast) and where it is, ``x*/n``, which tends to ``-W(1/e) = -0.27846...``
  (the real point of Szegő's curve ``|z e^(1-z)| = 1``).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from numtheory._validate import as_int, show
from numtheory.errors import InputError
from numtheory.plotting._common import new_figure, scatter

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from numtheory.verify.result import ChunkResult

__all__ = [
    "MAX_EXP_MIN_DEGREE",
    "MAX_V2_UPTO",
    "SZEGO_LIMIT",
    "checkpoint_chunks",
    "plot_central_binomial_2adic",
    "plot_chunk_rates",
    "plot_exp_taylor_minima",
]

#: ``-W(1/e)``, the limit of ``x*/n`` (W is Lambert's function; tests check it with mpmath).
SZEGO_LIMIT = -0.27846454276107380
#: Largest ``n`` of :func:`plot_central_binomial_2adic` (a scatter of 200,001 dots, < 1 s).
MAX_V2_UPTO = 200_000
#: Largest degree of :func:`plot_exp_taylor_minima` (each minimum is certified; n = 200
#: costs about 0.1 s, the whole picture to 200 a few seconds).
MAX_EXP_MIN_DEGREE = 200


def checkpoint_chunks(path: str | os.PathLike[str]) -> dict[str, list[ChunkResult]]:
    """The finished chunks of each range check in a ``numtheory verify --checkpoint`` file.

    Read after the run that wrote (and validated) it, so only the layout is relied on:
    ``{"chunks": {check: {"<lo>": chunk}}}`` (:mod:`numtheory.verify.checkpoint`).

    Parameters
    ----------
    path : str or os.PathLike
        The checkpoint file.

    Returns
    -------
    dict of str to list of ChunkResult
        Each check's chunks, in the order of their start ``lo``.

    Examples
    --------
    >>> import json, os, tempfile
    >>> from numtheory.verify.result import ChunkResult
    >>> done = {str(lo): ChunkResult(lo, lo + 50, 50, seconds=0.1).to_dict() for lo in (50, 0)}
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "run.json")
    ...     _ = Path(path).write_text(json.dumps({"chunks": {"kummer": done}}))
    ...     print([c.lo for c in checkpoint_chunks(path)["kummer"]])
    [0, 50]
    """
    from numtheory.verify.result import ChunkResult

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    chunks = data.get("chunks", {}) if isinstance(data, dict) else {}
    return {
        name: sorted((ChunkResult.from_dict(c) for c in per.values()), key=lambda c: c.lo)
        for name, per in chunks.items()
    }


def plot_chunk_rates(
    chunks: Mapping[str, Iterable[ChunkResult]], *, title: str | None = None
) -> Figure:
    """Per-chunk rate (numbers per second) against the chunk's start, one series per check.

    Parameters
    ----------
    chunks : mapping of str to iterable of ChunkResult
        Each range check's finished chunks (as :func:`checkpoint_chunks` reads them).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        A chunk whose time is 0 (too short to measure) has no rate and is left out.

    Examples
    --------
    >>> from numtheory.verify.result import ChunkResult
    >>> runs = [ChunkResult(lo, lo + 100, checked=100, seconds=0.01) for lo in (0, 100, 200)]
    >>> fig = plot_chunk_rates({"kummer": runs})
    >>> fig.axes[0].lines[0].get_ydata().tolist()
    [10000.0, 10000.0, 10000.0]
    """
    fig = new_figure()
    ax = fig.add_subplot()
    skipped = 0
    for name, per_check in chunks.items():
        timed = [c for c in sorted(per_check, key=lambda c: c.lo)]
        good = [c for c in timed if c.seconds > 0]
        skipped += len(timed) - len(good)
        if not good:
            continue
        rates = [(c.hi - c.lo) / c.seconds for c in good]
        label = name.replace("$", r"\$")  # a check's name is text, not TeX
        ax.plot([c.lo for c in good], rates, marker="o", markersize=3, linewidth=0.8, label=label)
    if skipped:
        ax.text(0.01, 0.99, f"{skipped} chunk(s) too fast to time, not shown",
                transform=ax.transAxes, va="top", fontsize=8, color="0.35")  # fmt: skip
    ax.set_xlabel("chunk start n")
    ax.set_ylabel("numbers per second")
    ax.set_ylim(bottom=0)
    ax.grid(True, linewidth=0.3, alpha=0.6)
    if ax.lines:
        ax.legend(fontsize=8)
    ax.set_title(title or "numtheory verify: rate of each chunk", fontsize=10, parse_math=False)
    return fig


def plot_central_binomial_2adic(upto: int = 1023) -> Figure:
    """``v2(C(2n, n))`` for ``n = 0..upto``: the binary weight of ``n`` (OEIS A000120).

    Parameters
    ----------
    upto : int
        The last ``n`` (0 to :data:`MAX_V2_UPTO`; default 1023, ten binary digits).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_central_binomial_2adic(15)
    >>> fig.axes[0].collections[0].get_offsets()[:, 1].tolist()[:8]
    [0.0, 1.0, 1.0, 2.0, 1.0, 2.0, 2.0, 3.0]
    """
    from numtheory.arith import central_binomial_valuation

    top = as_int(upto, "upto")
    if not 0 <= top <= MAX_V2_UPTO:
        raise InputError(
            f"plot_central_binomial_2adic() needs 0 <= upto <= {MAX_V2_UPTO:,}, got {show(top)}"
        )
    ns = list(range(top + 1))
    values = [central_binomial_valuation(n) for n in ns]
    fig = new_figure()
    ax = fig.add_subplot()
    size = 10.0 if top <= 2000 else 2.0
    scatter(ax, ns, values, s=size, color="tab:blue", label="v2(C(2n, n))")
    bound = [math.log2(n + 1) for n in ns]
    ax.plot(ns, bound, color="tab:orange", linestyle="--", linewidth=1,
            label="log2(n + 1): at most that many 1 bits")  # fmt: skip
    ax.set_xlabel("n")
    ax.set_ylabel("v2(C(2n, n))")
    ax.grid(True, linewidth=0.3, alpha=0.6)
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title("v2(C(2n, n)) = the number of 1 bits of n (Kummer; OEIS A000120)", fontsize=10)
    return fig


def plot_exp_taylor_minima(upto: int = 60) -> Figure:
    """The minima of the even exp Taylor polynomials ``f_n`` against the degree ``n``.

    Left: ``log10`` of the minimum ``f_n(x*) = x*^n/n! > 0`` (certified; so ``f_n`` has no
    real root). Right: the minimiser over the degree, ``x*/n``, approaching ``-W(1/e)``.

    Parameters
    ----------
    upto : int
        The largest even degree (2 to :data:`MAX_EXP_MIN_DEGREE`; default 60).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_exp_taylor_minima(10)
    >>> [round(float(y), 4) for y in fig.axes[0].lines[0].get_ydata()][:2]  # 0.5, 0.2704
    [-0.301, -0.568]
    """
    from numtheory.numerics import exp_taylor_min

    top = as_int(upto, "upto")
    if not 2 <= top <= MAX_EXP_MIN_DEGREE:
        raise InputError(
            f"plot_exp_taylor_minima() needs 2 <= upto <= {MAX_EXP_MIN_DEGREE}, got {show(top)}"
        )
    degrees = list(range(2, top + 1, 2))
    where, low = [], []
    for n in degrees:
        x, m = exp_taylor_min(n)
        where.append(float(x) / n)
        low.append(math.log10(float(m)))
    fig = new_figure(8.0, 3.6)
    left, right = fig.subplots(1, 2)
    left.plot(degrees, low, marker="o", markersize=3, linewidth=0.8, color="tab:blue")
    left.set_xlabel("degree n (even)")
    left.set_ylabel("log10 min f_n")
    left.set_title("minimum of f_n = 1 + x + ... + x^n/n!", fontsize=10)
    right.plot(degrees, where, marker="o", markersize=3, linewidth=0.8, color="tab:green",
               label="x*/n (x* the minimiser)")  # fmt: skip
    right.axhline(SZEGO_LIMIT, color="tab:orange", linestyle="--", linewidth=1,
                  label="-W(1/e) = -0.27846")  # fmt: skip
    right.set_xlabel("degree n (even)")
    right.set_ylabel("x*/n")
    right.set_title("where: x*/n tends to -W(1/e) (Szegő)", fontsize=10)
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.grid(True, linewidth=0.3, alpha=0.6)
    return fig
