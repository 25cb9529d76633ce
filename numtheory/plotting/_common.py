"""What every plot shares: matplotlib on demand, new figures, the log-scale rule, atomic files.

Figures are made with :class:`matplotlib.figure.Figure` directly, never through
``matplotlib.pyplot``: pyplot keeps every figure it makes until it is closed (a leak in a
long session, and a second copy shown by the notebook's inline backend at the end of the
cell), while a bare ``Figure`` is an ordinary object that lives as long as its last reference.
Files are drawn by the non-interactive Agg canvas (SVG by matplotlib's SVG writer); nothing
here ever opens a window or calls ``show()``.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from numtheory.errors import InputError, PlotMissingError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS",
    "LOG_RATIO",
    "LOG_SAFE_BITS",
    "RASTER_POINTS",
    "check_plot_path",
    "log10_abs",
    "new_figure",
    "require_matplotlib",
    "save_figure",
    "scatter",
    "use_log_scale",
]

#: File suffixes a plot can be written as, and matplotlib's name of the format.
FORMATS = {".png": "png", ".svg": "svg"}

#: The log scale is chosen when the largest |a(n)| is at least this many times the median of
#: the nonzero |a(n)|: polynomials up to about n**6 stay linear (the ratio is about 2**k for
#: n**k), exponential and factorial growth (Fibonacci, Catalan, n!) goes to log10 |a(n)|.
LOG_RATIO = 100

#: Terms of more bits than this do not fit a float (2**1024 overflows): only a log scale
#: can show them.
LOG_SAFE_BITS = 1000

#: Above this many points a scatter is rasterized in SVG files (see :func:`scatter`).
RASTER_POINTS = 5000

#: What the message of a missing extra says to do.
INSTALL_HINT = 'pip install "numtheory[plot]"'

#: Pixels per inch of PNG files (a 6.4 x 4 inch figure is 640 x 400 pixels).
DPI = 100


def require_matplotlib() -> Any:
    """Import matplotlib, or raise :class:`~numtheory.errors.PlotMissingError` naming the extra.

    Called before any work, so ``--plot FILE`` without matplotlib fails at once (exit 2).

    Examples
    --------
    >>> require_matplotlib().__name__
    'matplotlib'
    """
    try:
        import matplotlib
    except ImportError as exc:
        raise PlotMissingError(
            f"plotting needs matplotlib, which is not installed: {INSTALL_HINT} "
            f"(the optional extra numtheory[plot]); {exc}"
        ) from exc
    except ValueError as exc:  # its import validates MPLBACKEND and matplotlibrc: the user's
        raise InputError(  # setting, so exit 2 naming it, not an internal error
            f"matplotlib refused its configuration: {exc} (check the MPLBACKEND environment "
            "variable and matplotlibrc; numtheory needs no particular backend)"
        ) from exc
    return matplotlib


def _enable_inline_display() -> None:
    """In a Jupyter kernel with the inline backend, load it so a returned Figure renders.

    A bare ``Figure`` shows as an image only once IPython's display formatters know the
    Figure type, and the inline backend registers them (with the user's own format choice)
    only when it is loaded, which pyplot's first use would do. We do not use pyplot, so we
    load it here; outside IPython, or with another backend, nothing happens.
    """
    shell_module = sys.modules.get("IPython")
    if shell_module is None:
        return
    shell = shell_module.get_ipython()
    if shell is None:
        return
    import importlib

    import matplotlib

    backend = str(matplotlib.rcParams["backend"])
    if backend in ("inline", "module://matplotlib_inline.backend_inline"):
        with contextlib.suppress(ImportError):
            importlib.import_module("matplotlib_inline.backend_inline")


def new_figure(width: float = 6.4, height: float = 4.0) -> Figure:
    """A new matplotlib Figure (not managed by pyplot: nothing to close, nothing leaked).

    >>> fig = new_figure()
    >>> type(fig).__name__, fig.get_size_inches().tolist()
    ('Figure', [6.4, 4.0])
    """
    require_matplotlib()
    from matplotlib.figure import Figure

    _enable_inline_display()
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def check_plot_path(path: str | os.PathLike[str], *, probe: bool = False) -> tuple[Path, str]:
    """The path of a plot file and its format (``"png"`` or ``"svg"``, from the suffix).

    Checked before any work: another suffix, or a directory that does not exist, is an
    :class:`~numtheory.errors.InputError` (exit 2) naming it; with ``probe``, so is a
    directory we cannot create a file in (a temporary file is made there and removed, as
    ``numtheory verify --checkpoint`` does: permission bits alone do not tell, for root or on
    a read-only file system).

    Examples
    --------
    >>> check_plot_path("fib.PNG")
    (PosixPath('fib.PNG'), 'png')
    >>> check_plot_path("fib.pdf")
    Traceback (most recent call last):
    ...
    numtheory.errors.InputError: cannot write a plot as 'fib.pdf': the suffix '.pdf' ...
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        shown = target.suffix or "(none)"
        raise InputError(
            f"cannot write a plot as {str(target)!r}: the suffix {shown!r} is not one of "
            f"{', '.join(FORMATS)} (PNG or SVG, chosen by the file name)"
        )
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write a plot as {str(target)!r}: no directory {directory}")
    if target.is_dir():
        raise InputError(f"cannot write a plot as {str(target)!r}: it is a directory")
    if probe:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".probe", dir=directory)
        except OSError as exc:
            raise InputError(f"cannot write a plot as {str(target)!r}: {exc}") from exc
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
    return target, FORMATS[suffix]


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Write ``fig`` to ``path`` as PNG or SVG (by the suffix), atomically; return the path.

    The file is written to a temporary file in the same directory and moved into place with
    :func:`os.replace`, so a reader never sees half a picture and a failed write leaves any
    older file intact (and is an :class:`~numtheory.errors.InputError` naming the path and
    the reason: a directory we may not write in, a full disk). PNGs are drawn by the Agg
    canvas at 100 pixels per inch.

    Examples
    --------
    >>> import os, tempfile
    >>> fig = new_figure(2, 1)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = save_figure(fig, os.path.join(tmp, "x.svg"))
    ...     print(out.name, out.read_text()[:5])
    x.svg <?xml
    """
    target, fmt = check_plot_path(path)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fmt == "png":
        FigureCanvasAgg(fig)  # the non-interactive raster canvas draws the PNG
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write a plot as {str(target)!r}: {exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(handle, format=fmt, dpi=DPI)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0o600; a picture is an ordinary file, readable by others (as
        # savefig would have created it under the usual umask)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write a plot as {str(target)!r}: {exc}") from exc
        raise
    return target


def scatter(ax: Any, xs: Iterable[float], ys: Iterable[float], **style: Any) -> Any:
    """``ax.scatter`` of the points as float arrays, rasterized in vector files when many.

    Python lists cost matplotlib a masked-array check per element (about 30 s of CPU for a
    b-file of a million terms; arrays: well under a second). Above :data:`RASTER_POINTS`
    the markers are drawn as one embedded image in an SVG (axes and text stay vectors):
    one ``<path>`` per marker would make a 125 MB SVG of a million points.

    >>> fig = new_figure()
    >>> dots = scatter(fig.add_subplot(), range(3), [1, 4, 9])
    >>> dots.get_offsets().tolist(), dots.get_rasterized()
    ([[0.0, 1.0], [1.0, 4.0], [2.0, 9.0]], False)
    """
    import numpy as np

    x = np.fromiter(xs, dtype=float)
    y = np.fromiter(ys, dtype=float)
    return ax.scatter(x, y, rasterized=len(x) > RASTER_POINTS, **style)


def log10_abs(value: int) -> float:
    """``log10 |value|`` for a nonzero integer of any size (floats would overflow at 2**1024).

    >>> log10_abs(-1000), round(log10_abs(10**5000), 6)
    (3.0, 5000.0)
    """
    return math.log10(abs(value))


def use_log_scale(values: Iterable[int]) -> bool:
    """Whether a plot of these terms should show ``log10 |a(n)|`` instead of ``a(n)``.

    The rule: log when a term is too large for a float (more than :data:`LOG_SAFE_BITS`
    bits), or when the largest ``|a(n)|`` is at least :data:`LOG_RATIO` (100) times the
    median of the nonzero ``|a(n)|``. Zeros are left out of the median (they have no
    logarithm), signs do not count (the magnitude is what grows). Fewer than two nonzero
    terms: linear.

    Examples
    --------
    >>> use_log_scale(range(1, 10_001)), use_log_scale([n**6 for n in range(1, 41)])
    (False, False)
    >>> fib = [1, 1]
    >>> while len(fib) < 30: fib.append(fib[-1] + fib[-2])
    >>> use_log_scale(fib), use_log_scale(fib[:15])  # 832040 / 610; but 610 / 13 < 100
    (True, False)
    >>> use_log_scale([0, 0, -10**400])
    True
    """
    magnitudes = sorted(abs(int(v)) for v in values if v)
    if not magnitudes:
        return False
    largest = magnitudes[-1]
    if largest.bit_length() > LOG_SAFE_BITS:
        return True
    if len(magnitudes) < 2:
        return False
    median = magnitudes[(len(magnitudes) - 1) // 2]
    return largest >= LOG_RATIO * median
