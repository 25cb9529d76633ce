"""numtheory._files: private directories, no-follow creation, move aside."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import pytest

from numtheory._files import (
    check_private_dir,
    create_exclusive,
    ensure_private_dir,
    move_aside,
    open_nofollow,
    refuse_symlink,
)
from numtheory.errors import InputError

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX ownership")


@posix_only
def test_ensure_private_dir_creates_0700(tmp_path: Path) -> None:
    made = ensure_private_dir(tmp_path / "a" / "b")
    assert made.is_dir() and stat.S_IMODE(made.stat().st_mode) == 0o700
    ensure_private_dir(made)  # again: fine


@posix_only
@pytest.mark.parametrize(
    ("mode", "ok"),
    [(0o700, True), (0o755, True), (0o777, False), (0o775, False), (0o703, False)],
)
def test_check_private_dir_modes(tmp_path: Path, mode: int, ok: bool) -> None:
    directory = tmp_path / "d"
    directory.mkdir()
    directory.chmod(mode)
    if ok:
        check_private_dir(directory)
    else:
        with pytest.raises(
            InputError, match=rf"writable by other users.*chmod go-w {re.escape(str(directory))}"
        ):
            check_private_dir(directory, hint="(or pick another)")


@posix_only
@pytest.mark.parametrize("mode", [0o1777, 0o1770])
def test_a_sticky_shared_directory_is_refused_without_chmod_advice(
    tmp_path: Path, mode: int
) -> None:
    # The first version accepted these (as on /tmp); others can still create files there.
    directory = tmp_path / "d"
    directory.mkdir()
    directory.chmod(mode)
    with pytest.raises(InputError, match=rf"shared directory \(mode {mode:o}\)") as info:
        check_private_dir(directory, hint="(or pick another)")
    assert f"mkdir -m 700 {directory}/numtheory" in str(info.value)
    assert "chmod" not in str(info.value) and str(info.value).endswith("(or pick another)")


def test_not_a_directory_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match=rf"{re.escape(str(blocker))} is not a directory \(hint\)"):
        ensure_private_dir(blocker, hint="(hint)")
    with pytest.raises(InputError, match="a parent is a file"):
        ensure_private_dir(blocker / "sub")
    with pytest.raises(InputError, match="is not a directory"):
        check_private_dir(blocker)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_directory_of_another_user_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "theirs"
    directory.mkdir(mode=0o700)
    os.chown(directory, 65534, 65534)
    with pytest.raises(InputError, match=r"uid 65534.*not to you"):
        check_private_dir(directory)


def test_open_nofollow_refuses_links_and_odd_files(tmp_path: Path) -> None:
    target = tmp_path / "target"
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(InputError, match="symbolic link"):
        open_nofollow(link, os.O_RDWR | os.O_CREAT)
    assert not target.exists()
    with pytest.raises(InputError, match="symbolic link"):
        refuse_symlink(link)
    refuse_symlink(tmp_path / "missing")  # nothing there: fine
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        open_nofollow(fifo, os.O_RDWR)  # and it did not block
    target.write_text("x")
    (tmp_path / "hard").hardlink_to(target)
    with pytest.raises(InputError, match="2 hard links"):
        open_nofollow(target)
    with pytest.raises(FileNotFoundError):
        open_nofollow(tmp_path / "missing")


def test_open_nofollow_creates_private_files(tmp_path: Path) -> None:
    fd = open_nofollow(tmp_path / "new", os.O_RDWR | os.O_CREAT)
    os.close(fd)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) & 0o077 == 0


def test_create_exclusive_never_goes_through_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "target"
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(FileExistsError):
        create_exclusive(tmp_path / "link")
    assert not target.exists()
    os.close(create_exclusive(tmp_path / "fresh"))
    with pytest.raises(FileExistsError):
        create_exclusive(tmp_path / "fresh")


def test_move_aside_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "db"
    names = []
    for i in range(3):
        path.write_text(f"copy {i}")
        names.append(move_aside(path, "foreign", clock=1_800_000_000))
        assert not path.exists()
    assert [p.name for p in names] == [
        "db.foreign-20270115T080000Z",
        "db.foreign-20270115T080000Z-2",
        "db.foreign-20270115T080000Z-3",
    ]
    assert [p.read_text() for p in names] == ["copy 0", "copy 1", "copy 2"]


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.EPERM, "Operation not permitted"), NotImplementedError("no linkat")],
)
def test_move_aside_without_hard_links_still_moves_and_keeps_the_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    # FAT and some network file systems refuse link(); Python without linkat (Windows) raises
    # NotImplementedError for follow_symlinks=False, which escaped as an internal error.
    def no_link(*args: object, **kwargs: object) -> None:
        raise failure

    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"someone's data")
    monkeypatch.setattr(os, "link", no_link)
    moved = move_aside(path, "foreign", clock=0.0)
    assert moved.name == "c.sqlite3.foreign-19700101T000000Z"
    assert moved.read_bytes() == b"someone's data" and not path.exists()
