"""An inline figure in a real Jupyter kernel (nbclient + ipykernel): ``seq.plot()`` as the
last expression of a cell renders as ``image/png``, once, and the kernel keeps no figure."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from tests.plotting.helpers import ink, png_pixels
from tests.verify.test_notebook import run_notebook

pytestmark = pytest.mark.slow  # a kernel start costs a few seconds of CPU


def _images(cell: object) -> list[bytes]:
    return [
        base64.b64decode(o["data"]["image/png"])
        for o in cell.outputs  # type: ignore[attr-defined]
        if "data" in o and "image/png" in o["data"]
    ]


def test_plots_render_inline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = run_notebook(
        tmp_path,
        [
            "from numtheory.oeis.model import Sequence\n"
            "seq = Sequence(number=45, name='Fibonacci numbers', offset=0,\n"
            "               terms=(0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610,\n"
            "                      987, 1597, 2584, 4181, 6765, 10946, 17711, 28657))\n"
            "seq.plot(bfile=False)",
            "import numtheory as nt\n"
            "nt.guess([1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786])[0].plot()",
            "import matplotlib.pyplot as plt\nprint('open figures', plt.get_fignums())",
        ],
        monkeypatch,
    )
    for cell in nb.cells:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors == [], errors
    for cell in nb.cells[:2]:
        images = _images(cell)
        assert len(images) == 1  # shown once: not also flushed by the inline backend
        path = tmp_path / "inline.png"
        path.write_bytes(images[0])
        pixels = png_pixels(path)
        assert pixels.shape[2] in (3, 4) and ink(pixels, "tab:blue") > 100  # the data drawn
        assert io.BytesIO(images[0]).read(8) == b"\x89PNG\r\n\x1a\n"
    printed = "".join(o.get("text", "") for o in nb.cells[2].outputs)
    assert "open figures []" in printed
