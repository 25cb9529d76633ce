"""Draw the README's pictures into docs/images/ (issue 16).

Run: ``PYTHONPATH=. python scripts/make_readme_figures.py`` (needs ``numtheory[plot]``). It
writes, with the same functions as ``numtheory plot`` and ``--plot FILE``:

* ``docs/images/central-binomial-2adic.png``: v2(C(2n, n)) against n for n <= 1023, the
  seed story (``numtheory plot central-binomial-2adic``);
* ``docs/images/exp-taylor-minima.png``: the certified minima of the even exp Taylor
  polynomials and their minimisers against the degree (``numtheory plot exp-taylor-minima``).

Each file must stay under 100 KB (checked here); the pictures are deterministic (no timing
or network data), so rerunning it after a change shows the change in ``git diff --stat``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from numtheory.plotting import plot_central_binomial_2adic, plot_exp_taylor_minima, save_figure

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
MAX_BYTES = 100_000


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    pictures = {
        "central-binomial-2adic.png": lambda: plot_central_binomial_2adic(1023),
        "exp-taylor-minima.png": lambda: plot_exp_taylor_minima(60),
    }
    too_big = []
    for name, draw in pictures.items():
        began = time.process_time()
        path = save_figure(draw(), IMAGES / name)
        size = path.stat().st_size
        print(f"{path.relative_to(ROOT)}  {size:,} bytes  {time.process_time() - began:.2f} s CPU")
        if size >= MAX_BYTES:
            too_big.append(name)
    if too_big:
        print(f"over {MAX_BYTES:,} bytes: {', '.join(too_big)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
