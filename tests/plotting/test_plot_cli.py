"""``--plot FILE`` on oeis, guess and verify, and ``numtheory plot``: real files read back.

In-process (``main([...])``) with the offline catalogue and a private cache directory; each
PNG is read back with matplotlib.image.imread (size in pixels, not blank) and each SVG parsed
as XML.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.cli.helpers import invoke
from tests.plotting.helpers import ink, png_pixels, svg_root


@pytest.fixture
def offline(tmp_path: Path) -> dict[str, str]:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    return {"NUMTHEORY_OFFLINE": "1", "NUMTHEORY_CACHE_DIR": str(cache)}


def test_oeis_plot_png(tmp_path: Path, offline: dict[str, str]) -> None:
    import matplotlib.pyplot as plt

    target = tmp_path / "fib.png"
    run = invoke("oeis", "A000045", "--plot", str(target), env=offline)
    assert run.code == 0, run.err
    assert "Fibonacci" in run.out  # the entry is printed as without --plot
    assert f"plot written to {target} (PNG, 640x400 px)" in run.err
    pixels = png_pixels(target)
    assert pixels.shape[:2] == (400, 640)
    assert ink(pixels, "tab:blue") > 200  # the dots are drawn, not only the axes
    assert plt.get_fignums() == []  # nothing left open in pyplot
    assert sorted(os.listdir(tmp_path)) == ["cache", "fib.png"]  # no temporary left


def test_oeis_plot_svg_and_json_stays_clean(tmp_path: Path, offline: dict[str, str]) -> None:
    target = tmp_path / "cat.svg"
    run = invoke("--json", "oeis", "A000108", "--plot", str(target), env=offline)
    assert run.code == 0, run.err
    assert run.json()["id"] == "A000108"  # stdout is still one JSON document
    root = svg_root(target)
    assert root.get("width") == "460.8pt"  # 6.4 inches at 72 points per inch


@pytest.mark.parametrize("name", ["fib.pdf", "fib", "fib.png.txt"])
def test_plot_suffix_refused_before_any_work(
    tmp_path: Path, offline: dict[str, str], name: str
) -> None:
    run = invoke("oeis", "A000045", "--plot", str(tmp_path / name), env=offline)
    assert run.code == 2
    assert run.out == ""  # refused before the lookup
    suffix = Path(name).suffix or "(none)"
    assert f"the suffix '{suffix}' is not one of .png, .svg" in run.err
    assert "Traceback" not in run.err
    assert sorted(os.listdir(tmp_path)) == ["cache"]


def _unwritable_directory(tmp_path: Path) -> Path:
    """A directory no file can be created in: read-only bits, or (root ignores them) /proc."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if not os.access(locked, os.W_OK):
        return locked
    if not Path("/proc/self").is_dir():
        pytest.skip("running as root without /proc: no directory is unwritable")
    return Path("/proc")


def test_unwritable_plot_path_is_exit_2_before_any_work(
    tmp_path: Path, offline: dict[str, str]
) -> None:
    target = _unwritable_directory(tmp_path) / "fib.png"
    run = invoke("oeis", "A000045", "--plot", str(target), env=offline)
    assert run.code == 2, run.err
    assert run.out == ""  # refused before the lookup
    assert f"cannot write a plot as {str(target)!r}" in run.err
    assert "internal error" not in run.err and "Traceback" not in run.err
    assert not target.exists()
    fig_run = invoke("plot", "central-binomial-2adic", str(target), "--upto", "7")
    assert fig_run.code == 2 and "cannot write a plot" in fig_run.err


def test_oeis_bfile_plot_draws_the_pairs_printed(tmp_path: Path, httpserver: HTTPServer) -> None:
    squares = [(n, n * n) for n in range(1, 301)]  # from n = 1: the b-file's own indices
    body = "# A000290\n" + "".join(f"{n} {v}\n" for n, v in squares)
    httpserver.expect_request("/A000290/b000290.txt").respond_with_data(body)
    env = {
        "NUMTHEORY_OEIS_URL": httpserver.url_for("/").rstrip("/"),
        "NUMTHEORY_OEIS_MIN_INTERVAL": "0",
        "NUMTHEORY_CACHE_DIR": str(tmp_path / "c"),
    }
    target = tmp_path / "sq.svg"
    run = invoke("oeis", "A000290", "--bfile", "--plot", str(target), env=env)
    assert run.code == 0, run.err
    assert run.out.splitlines()[:2] == ["1 1", "2 4"]
    assert len(httpserver.log) == 1  # fetched once, for the listing and the plot
    svg_root(target)
    drawn = target.read_text()  # matplotlib keeps each text as a comment beside its glyphs
    assert "<!-- A000290, its b-file -->" in drawn and "<!-- b-file, 300 terms -->" in drawn


def test_plot_needs_an_a_number(tmp_path: Path, offline: dict[str, str]) -> None:
    run = invoke("oeis", "1,2,6,20,70", "--plot", str(tmp_path / "x.png"), env=offline)
    assert run.code == 2
    assert "--plot need an A-number" in run.err


def test_guess_plot_svg(tmp_path: Path) -> None:
    target = tmp_path / "g.svg"
    run = invoke("guess", "1,1,2,5,14,42,132,429,1430,4862,16796,58786", "--plot", str(target))
    assert run.code == 0, run.err
    assert "hypergeometric" in run.out
    svg_root(target)
    assert f"plot written to {target} (SVG" in run.err


@pytest.mark.slow  # two guesses, one searching every kind in vain: over a second of CPU
def test_guess_plot_png_and_nothing_when_no_guess(tmp_path: Path) -> None:
    target = tmp_path / "g.png"
    run = invoke("guess", "0,1,4,9,16,25,36,49,64,81,100,121", "--plot", str(target))
    assert run.code == 0, run.err
    assert png_pixels(target).shape[:2] == (400, 640)
    none = tmp_path / "none.png"
    run = invoke("guess", "3,1,4,1,5,9,2,6,5,3,5,8,9,7,9", "--plot", str(none))
    assert run.code == 1
    assert "no plot written" in run.err and not none.exists()


def test_verify_plot_rate_png(tmp_path: Path) -> None:
    target = tmp_path / "rate.png"
    run = invoke("verify", "kummer", "--param", "kummer.upto=60", "--chunk-size", "10",
                 "--workers", "1", "--plot", str(target))  # fmt: skip
    assert run.code == 0, run.err
    assert "PASS" in run.out
    pixels = png_pixels(target)
    assert pixels.shape[:2] == (400, 640) and ink(pixels, "tab:blue") > 100  # the rate line
    assert sorted(os.listdir(tmp_path)) == ["rate.png"]  # the temporary checkpoint is gone


@pytest.mark.slow  # a second verify run (the default suite has test_verify_plot_rate_png)
def test_verify_plot_reads_the_users_checkpoint(tmp_path: Path) -> None:
    from numtheory.plotting import checkpoint_chunks

    target, saved = tmp_path / "rate.svg", tmp_path / "run.json"
    run = invoke("verify", "legendre", "--upto", "300", "--chunk-size", "50", "--workers", "1",
                 "--checkpoint", str(saved), "--plot", str(target))  # fmt: skip
    assert run.code == 0, run.err
    chunks = checkpoint_chunks(saved)["legendre"]
    assert [c.lo for c in chunks] == list(range(0, 301, 50))  # every chunk, in order
    assert all(c.seconds > 0 and c.checked for c in chunks)
    root = svg_root(target)
    assert root.tag.endswith("svg")


def test_verify_plot_interrupted_does_not_offer_its_temporary_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numtheory.verify
    from numtheory.verify import SweepInterrupted

    seen: list[str | None] = []

    def interrupted(*args: object, checkpoint: str | None = None, **kwargs: object) -> None:
        seen.append(checkpoint)
        Path(checkpoint or tmp_path / "none").write_text("{}")  # as a sweep would save it
        raise SweepInterrupted("kummer", 2, 6, 19, checkpoint)

    monkeypatch.setattr(numtheory.verify, "run", interrupted)
    target = tmp_path / "rate.png"
    run = invoke("verify", "kummer", "--plot", str(target))
    assert run.code == 130
    assert seen[0] is not None and "numtheory-plot-" in seen[0]  # the private checkpoint
    assert "use --checkpoint FILE to make long sweeps resumable" in run.err
    assert seen[0] not in run.err and not Path(seen[0]).exists()  # removed, not offered
    assert not target.exists()
    saved = tmp_path / "mine.json"  # the user's own checkpoint is offered for resuming
    run = invoke("verify", "kummer", "--checkpoint", str(saved), "--plot", str(target))
    assert run.code == 130 and f"finished chunks are saved in {saved}" in run.err


def test_verify_plot_needs_a_range_check(tmp_path: Path) -> None:
    run = invoke("verify", "gamma-identities", "--plot", str(tmp_path / "r.png"))
    assert run.code == 2
    assert "--plot draws the chunks of a range check" in run.err and "PASS" not in run.out
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("picture", "upto"),
    [
        ("central-binomial-2adic", "255"),
        # the function itself is checked in test_seed_pictures; its command in the slow run
        pytest.param("exp-taylor-minima", "20", marks=pytest.mark.slow),
    ],
)
def test_plot_command_seed_pictures(tmp_path: Path, picture: str, upto: str) -> None:
    target = tmp_path / f"{picture}.png"
    run = invoke("plot", picture, str(target), "--upto", upto)
    assert run.code == 0, run.err
    assert run.out == ""
    pixels = png_pixels(target)
    height, width = pixels.shape[:2]
    assert (width, height) in ((640, 400), (800, 360))
    assert ink(pixels, "tab:blue") > 100 and ink(pixels, "tab:orange") > 50  # data and bound


def test_plot_command_json_is_one_document(tmp_path: Path) -> None:
    target = tmp_path / "v2.svg"
    run = invoke("--json", "plot", "central-binomial-2adic", str(target), "--upto", "31")
    assert run.code == 0, run.err
    assert run.json() == {"picture": "central-binomial-2adic", "upto": 31, "file": str(target),
                          "format": "svg", "width": 640, "height": 400}  # fmt: skip
    svg_root(target)


def test_plot_command_bad_input(tmp_path: Path) -> None:
    assert invoke("plot", "no-such-picture", str(tmp_path / "x.png")).code == 2
    run = invoke("plot", "exp-taylor-minima", str(tmp_path / "x.png"), "--upto", "10**6")
    assert run.code == 2 and "upto <= 200" in run.err
    assert os.listdir(tmp_path) == []
    (tmp_path / "d.png").mkdir()  # a directory with a picture's name
    run = invoke("plot", "central-binomial-2adic", str(tmp_path / "d.png"))
    assert run.code == 2 and "it is a directory" in run.err
    assert os.listdir(tmp_path / "d.png") == []


def test_json_error_for_a_bad_plot_path(tmp_path: Path) -> None:
    run = invoke("--json", "plot", "central-binomial-2adic", str(tmp_path / "x.gif"))
    assert run.code == 2
    assert json.loads(run.err.strip().splitlines()[-1])["exit_code"] == 2
