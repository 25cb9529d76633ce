"""The OEIS-style scatter of a sequence, and a guess's data against its extension.

``a(n)`` against ``n`` (from the entry's offset), or ``log10 |a(n)|`` when the terms grow fast
(the rule: :func:`~numtheory.plotting.use_log_scale`). On the log scale negative terms are
drawn in another colour and marker (their magnitude is plotted), and zeros, which have no
logarithm, are left out with a note on the figure saying how many.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from typing import TYPE_CHECKING, Any

from numtheory.errors import GuessExtendError, InputError, InputTypeError
from numtheory.plotting._common import (
    LOG_SAFE_BITS,
    log10_abs,
    new_figure,
    scatter,
    use_log_scale,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from numtheory.guessing import Guess
    from numtheory.oeis.model import Sequence

__all__ = ["cached_bfile", "plot_guess", "plot_sequence"]

_TITLE_CHARS = 80
#: The next terms a guess's plot shows by default.
DEFAULT_MORE = 10

Points = list[tuple[int, int]]


def _short_title(text: str) -> str:
    """Each line of ``text`` on one line of at most 80 characters (a visible … when cut)."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(
        line if len(line) <= _TITLE_CHARS else line[: _TITLE_CHARS - 1] + "…" for line in lines
    )


def _marker_size(count: int) -> float:
    # OEIS-like small dots; thousands of b-file points must not merge into a blot
    return 14.0 if count <= 200 else 5.0 if count <= 5000 else 1.0


def draw_points(
    ax: Axes,
    points: Points,
    *,
    log: bool,
    label: str,
    color: str,
    marker: str = "o",
    hollow: bool = False,
    size: float | None = None,
) -> int:
    """Scatter ``(n, a(n))`` on ``ax``: ``a(n)``, or ``log10 |a(n)|`` with negative terms in a
    second series; returns the number of zeros left out on the log scale."""
    size = _marker_size(len(points)) if size is None else size
    style: dict[str, Any] = {"s": size, "marker": marker, "linewidths": 0.8}
    if hollow:
        style.update(facecolors="none", edgecolors=color)
    else:
        style.update(color=color)
    if not log:
        big = [v for _, v in points if abs(v).bit_length() > LOG_SAFE_BITS]
        if big:
            digits = int(abs(big[0]).bit_length() * 0.30103) + 1  # no str() of a huge int
            raise InputError(
                f"a term of about {digits} digits is too large for a linear scale (a float "
                "holds 308): use log=True, or the default"
            )
        scatter(ax, (n for n, _ in points), (float(v) for _, v in points), label=label, **style)
        return 0
    positive = [(n, log10_abs(v)) for n, v in points if v > 0]
    negative = [(n, log10_abs(v)) for n, v in points if v < 0]
    if positive or not negative:
        scatter(ax, (n for n, _ in positive), (y for _, y in positive), label=label, **style)
    if negative:
        style_neg = dict(style, marker="v")
        if hollow:
            style_neg.update(edgecolors="tab:red")
        else:
            style_neg.update(color="tab:red")
        scatter(
            ax,
            (n for n, _ in negative),
            (y for _, y in negative),
            label=f"{label}, a(n) < 0 (log10 |a(n)|)" if positive else f"{label} (all < 0)",
            **style_neg,
        )
    return sum(1 for _, v in points if v == 0)


def _finish(ax: Axes, *, log: bool, zeros: int, offset_known: bool = True) -> None:
    ax.set_xlabel("n" if offset_known else "index (offset unknown: counted from 0)")
    ax.set_ylabel("log10 |a(n)|" if log else "a(n)")
    ax.grid(True, linewidth=0.3, alpha=0.6)
    if zeros:
        ax.text(
            0.01,
            0.99,
            f"{zeros} zero term{'s' if zeros != 1 else ''} not shown (log scale)",
            transform=ax.transAxes,
            va="top",
            fontsize=8,
            color="0.35",
        )


def cached_bfile(anumber: str | int) -> Points | None:
    """The b-file of ``anumber`` if the OEIS cache holds one (fresh or not), else None.

    Never touches the network, and does not create the cache when there is none: a plot
    uses a b-file that ``numtheory oeis A... --bfile`` (or :func:`numtheory.oeis.bfile`)
    fetched before. A cached body that no longer parses is ignored.

    Examples
    --------
    >>> import os, tempfile, unittest.mock
    >>> with tempfile.TemporaryDirectory() as tmp, unittest.mock.patch.dict(
    ...     "os.environ", {"NUMTHEORY_CACHE_DIR": tmp}
    ... ):
    ...     print(cached_bfile("A000045"), sorted(os.listdir(tmp)))  # no cache: none made
    None []
    """
    from numtheory.errors import OEISResponseError
    from numtheory.oeis.cache import ResponseCache
    from numtheory.oeis.client import OEISClient
    from numtheory.oeis.model import normalize_anumber
    from numtheory.oeis.parse import BFileWarning, parse_bfile

    aid = normalize_anumber(anumber)
    cache = ResponseCache()
    if not cache.path.is_file():
        return None
    try:
        # the client's own URL of the b-file is the cache key (OEISClient._bfile fetches
        # f"/{aid}/b{digits}.txt"; tests/plotting hold the two together)
        url = OEISClient(cache=cache, failure_memory=False).url(f"/{aid}/b{aid[1:]}.txt")
        hit = cache.get(url)
    finally:
        cache.close()
    if hit is None:
        return None
    with warnings.catch_warnings():
        # its bad lines were reported when it was fetched; a plot does not repeat that
        warnings.simplefilter("ignore", BFileWarning)
        try:
            pairs = parse_bfile(hit.body, aid)
        except OEISResponseError:
            return None
    return pairs or None


def _points_of(
    seq: Sequence | Iterable[int],
    offset: int | None,
    bfile: bool | Seq[tuple[int, int]] | None,
) -> tuple[Points, str, str, bool]:
    """``(points, title, where the terms came from, offset known)``."""
    from numtheory._validate import as_int
    from numtheory.oeis.model import Sequence

    if offset is not None:
        offset = as_int(offset, "offset")  # 2.5 is refused, not drawn from 2
    if not isinstance(seq, Sequence):
        if isinstance(seq, (str, bytes)):
            raise InputTypeError(f"plot_sequence() needs a Sequence or integers, got {seq!r}")
        terms = list(seq)
        for t in terms:
            if isinstance(t, bool) or not hasattr(t, "__index__"):
                raise InputTypeError(f"plot_sequence() terms must be integers, got {t!r}")
        start = 0 if offset is None else offset
        points = [(start + i, int(t)) for i, t in enumerate(terms)]
        return points, "", f"{len(points):,} terms", True
    title = f"{seq.id}: {seq.name}"
    pairs: Points | None = None
    where = ""
    if bfile is True:
        from numtheory.oeis import bfile as fetch_bfile

        pairs, where = fetch_bfile(seq.id), "b-file"
    elif bfile is None:
        pairs, where = cached_bfile(seq.id), "b-file (cached)"
    elif bfile is not False:
        pairs, where = [(int(n), int(v)) for n, v in bfile], "b-file"
    if pairs:
        return pairs, title, f"{where}, {len(pairs):,} terms", True
    known = seq.offset is not None or offset is not None
    start = offset if offset is not None else seq.offset if seq.offset is not None else 0
    points = [(start + i, t) for i, t in enumerate(seq.terms)]
    return points, title, f"data line, {len(points):,} terms", known


def plot_sequence(
    seq: Sequence | Iterable[int],
    *,
    offset: int | None = None,
    bfile: bool | Seq[tuple[int, int]] | None = None,
    log: bool | None = None,
    title: str | None = None,
) -> Figure:
    """The OEIS-style scatter of ``a(n)`` against ``n``, as a matplotlib Figure.

    Parameters
    ----------
    seq : Sequence or iterable of int
        An OEIS entry (:class:`numtheory.oeis.Sequence`) or the terms ``a(offset), ...``.
    offset : int, optional
        The index of the first term (default: the entry's offset; 0 for bare terms, and for
        an entry whose offset the local data do not carry, said on the x axis).
    bfile : bool or list of (n, a(n)), optional
        None (default): the entry's b-file if the OEIS cache holds one, else its data line;
        never the network. True: fetch the b-file (:func:`numtheory.oeis.bfile`: the
        network or the cache; offline, an :class:`~numtheory.errors.OfflineError`).
        False: the data line. Or the ``(n, a(n))`` pairs themselves.
    log : bool, optional
        Plot ``log10 |a(n)|``; default: chosen by :func:`~numtheory.plotting.use_log_scale`.
    title : str, optional
        Default: the A-number and name.

    Returns
    -------
    matplotlib.figure.Figure
        Shown inline as the last expression of a notebook cell;
        :func:`~numtheory.plotting.save_figure` writes it as PNG or SVG.

    Raises
    ------
    PlotMissingError
        matplotlib (the extra ``numtheory[plot]``) is not installed.

    Examples
    --------
    >>> fig = plot_sequence([2**n for n in range(20)], offset=1)
    >>> ax = fig.axes[0]
    >>> ax.get_ylabel(), ax.collections[0].get_offsets()[0].tolist()  # (n, log10 a(n))
    ('log10 |a(n)|', [1.0, 0.0])
    """
    fig = new_figure()
    ax = fig.add_subplot()
    points, default_title, where, known = _points_of(seq, offset, bfile)
    use_log = use_log_scale(v for _, v in points) if log is None else bool(log)
    zeros = draw_points(ax, points, log=use_log, label="a(n)", color="tab:blue")
    _finish(ax, log=use_log, zeros=zeros, offset_known=known)
    heading = title if title is not None else default_title
    # parse_math=False: an entry's name is text, and a "$" in it is not TeX (a lone "$x^{"
    # would make matplotlib fail while writing the file)
    ax.set_title(
        _short_title(f"{heading}\n{where}" if heading else where), fontsize=10, parse_math=False
    )
    return fig


def plot_guess(
    guess: Guess, *, more: int = DEFAULT_MORE, log: bool | None = None, title: str | None = None
) -> Figure:
    """The terms a guess was made from against its extension (the next ``more`` terms).

    The given terms are filled blue dots; the terms the guess predicts are hollow orange
    diamonds past a dotted line, labelled a conjecture. When the guess cannot give the next
    term (:class:`~numtheory.errors.GuessExtendError`), the data are drawn alone and the
    figure says why.

    Parameters
    ----------
    guess : Guess
        From :func:`numtheory.guess`.
    more : int
        How many predicted terms to draw (default 10; 0 draws the data only).
    log : bool, optional
        As in :func:`plot_sequence` (the rule is applied to data and extension together).
    title : str, optional
        Default: the kind and the relation.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from numtheory import guess
    >>> best = guess([1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012])[0]
    >>> fig = plot_guess(best, more=5)
    >>> [len(c.get_offsets()) for c in fig.axes[0].collections]
    [13, 5]
    """
    if isinstance(more, bool) or not isinstance(more, int) or not 0 <= more <= 10_000:
        raise InputError(f"plot_guess() needs 0 <= more <= 10,000, got {more!r}")
    data = [(guess.offset + i, int(t)) for i, t in enumerate(guess.terms)]
    extension: Points = []
    failed = ""
    try:
        start = guess.offset + len(guess.terms)
        extension = [(start + j, v) for j, v in enumerate(guess.extend(more))]
    except GuessExtendError as exc:
        failed = str(exc)
    use_log = use_log_scale(v for _, v in data + extension) if log is None else bool(log)
    fig = new_figure()
    ax = fig.add_subplot()
    size = _marker_size(len(data) + len(extension))
    zeros = draw_points(
        ax,
        data,
        log=use_log,
        label=f"given terms (fitted on {guess.fitted}, confirmed by {guess.confirmed})",
        color="tab:blue",
        size=size,
    )
    if extension:
        ax.axvline(data[-1][0] + 0.5 if data else 0, color="0.5", linestyle=":", linewidth=1)
        zeros += draw_points(
            ax,
            extension,
            log=use_log,
            label=f"next {len(extension)} by the guess (a conjecture)",
            color="tab:orange",
            marker="D",
            hollow=True,
            size=size * 1.6,
        )
    _finish(ax, log=use_log, zeros=zeros)
    ax.legend(fontsize=8, loc="lower right" if use_log else "upper left")
    relation = guess.closed_form or guess.equation or guess.gf or ""
    heading = title if title is not None else f"{guess.kind} guess: {relation}".rstrip(": ")
    if failed:
        heading += f"\nno extension: {failed}"
    ax.set_title(_short_title(heading), fontsize=10, parse_math=False)
    return fig
