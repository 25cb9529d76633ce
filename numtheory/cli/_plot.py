"""``--plot FILE`` for the commands that draw (oeis, guess, verify, plot): one way to check it
before any work and one way to write it.

The path is checked first (suffix ``.png`` or ``.svg``, a directory we can write in) and matplotlib
is imported then too, so a bad path or a missing ``numtheory[plot]`` fails at once (exit 2)
and never after a long run. The file is written atomically and its path reported on stderr
(stdout keeps the command's results, and ``--json`` its one document).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from numtheory.cli._output import Output

__all__ = ["add_plot_option", "plot_target", "write_plot"]


def add_plot_option(parser: argparse.ArgumentParser, what: str) -> None:
    """Register ``--plot FILE`` on a command's parser; ``what`` says what is drawn."""
    parser.add_argument(
        "--plot",
        metavar="FILE",
        default=None,
        help=f"also draw {what} into FILE (.png or .svg; needs numtheory[plot])",
    )


def plot_target(path: str | None) -> Path | None:
    """The checked ``--plot`` path (None when not asked), matplotlib loaded; before any work."""
    if path is None:
        return None
    from numtheory.plotting import check_plot_path, require_matplotlib

    target, _ = check_plot_path(path, probe=True)  # unwritable: exit 2 before the work
    require_matplotlib()
    return target


def write_plot(fig: Any, target: Path, out: Output) -> dict[str, Any]:
    """Write ``fig`` to ``target`` (atomically), say where on stderr, and return what was
    written (``file``, ``format``, ``width`` and ``height`` in pixels)."""
    from numtheory.plotting import save_figure

    width, height = (round(v) for v in fig.get_size_inches() * fig.dpi)
    written = save_figure(fig, target)
    kind = written.suffix.lstrip(".").lower()
    out.info(f"plot written to {written} ({kind.upper()}, {width}x{height} px)")
    return {"file": str(written), "format": kind, "width": width, "height": height}
