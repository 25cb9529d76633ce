"""``numtheory.oeis.local``: the mirror when one is built, else the catalogue."""

from __future__ import annotations

from pathlib import Path

from numtheory.oeis import local
from numtheory.oeis.mirror import build_mirror, mirror_path
from tests.oeis.test_mirror import make_dump


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
