"""``numtheory.oeis.local``: the mirror when one is built, else the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from numtheory.oeis import local
from numtheory.oeis.mirror import build_mirror, mirror_path
from tests.oeis.test_mirror import make_dump, write_dump


def test_catalogue_answers_without_a_mirror() -> None:
    assert not mirror_path().exists()
    found, source = local.search([1, 2, 6, 20, 70])  # type: ignore[misc]
    assert source == "catalogue" and [s.id for s in found] == ["A000984"]
    assert found[0].extra["source"] == "catalogue"
    assert local.search([1, 2, 6, 20, 71]) == ([], "catalogue")
    got = local.get("A000108")
    assert got is not None and got[1] == "catalogue" and got[0].terms[:5] == (1, 1, 2, 5, 14)
    assert local.get("A999999") is None


def test_mirror_answers_once_built(tmp_path: Path) -> None:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    found, source = local.search([1, 2, 6, 20])  # type: ignore[misc]
    assert source == "mirror" and [s.id for s in found] == ["A000984", "A200000"]
    assert local.search([1, 2, 6, 20], start=1, limit=1)[0][0].id == "A200000"  # type: ignore[index]
    got = local.get("A000045")
    assert got is not None and got[1] == "mirror"
    assert got[0].name.startswith("Fibonacci numbers: F(n)")
    # not in the (small) mirror, but in the catalogue
    fallback = local.get("A000110")
    assert fallback is not None and fallback[1] == "catalogue"


def test_unreadable_mirror_falls_back_to_the_catalogue() -> None:
    mirror_path().parent.mkdir(parents=True, exist_ok=True)
    mirror_path().write_bytes(b"garbage" * 1000)
    found, source = local.search([1, 2, 6, 20, 70])  # type: ignore[misc]
    assert source == "catalogue" and found[0].id == "A000984"


def test_cache_root_follows_the_environment(cache_dir: Path) -> None:
    assert local.cache_root() == cache_dir
    assert local.mirror_path() == cache_dir / "oeis" / "mirror.sqlite"


def test_a_page_of_a_common_run_builds_only_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: search(offline=True, limit=10) used to build 1,001 entries to report a total.

    The total is still exact (counted from the hits), and the page agrees with a full search;
    only the page's entries are built."""
    from numtheory import oeis
    from numtheory.oeis.mirror import read

    lines = [f"A{900000 + i:06d} ,{i % 7},1,0,1,0,1,0,1,{i}," for i in range(40)]
    names = [f"A{900000 + i:06d} Periodic test sequence {i}" for i in range(40)]
    folder = tmp_path / "dump"
    folder.mkdir()
    write_dump(folder / "stripped.gz", lines)
    write_dump(folder / "names.gz", names, kind="names")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    everything, _ = local.search([1, 0, 1, 0, 1])
    built: list[int] = []
    real = read._to_sequence

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(read, "_to_sequence", counting)
    answer = oeis.lookup([1, 0, 1, 0, 1], offline=True, start=5, limit=10)
    assert answer.source == "mirror" and answer.total == len(everything) >= 40
    assert [s.id for s in answer.results] == [s.id for s in everything[5:15]]
    assert len(built) == 10  # the old code built every hit up to the count cap (here all 40+)
