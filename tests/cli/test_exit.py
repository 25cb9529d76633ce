"""The exit-code table of the command line against the tree documented in numtheory.errors.

The documentation (the tree in ``numtheory/errors.py``'s docstring, one class per line with
its ``exit N``) is read here and held against :func:`numtheory.cli.exit_code_for`; every
``NumtheoryError`` subclass defined anywhere in numtheory must appear in that tree.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import numtheory
from numtheory import errors
from numtheory.cli import exit_code_for, main
from numtheory.cli._exit import EXIT_CODES

_CLASS = re.compile(r"[A-Z]\w+")
_CODE = re.compile(r"\bexit (\d+)$")


def _documented() -> dict[str, int | None]:
    """Class name -> the exit code its line of the tree states (a continuation line, which
    starts with a lower-case word, may carry the code of the class above it)."""
    assert errors.__doc__ is not None
    tree = errors.__doc__.split("::", 1)[1].split("\n\n")[1]
    rows: dict[str, int | None] = {}
    last = ""
    for line in tree.splitlines():
        text = line.strip().lstrip("│├└─ ")
        code = _CODE.search(text)
        name = _CLASS.match(text)
        if name is not None:
            last = name.group()
            rows[last] = None
        assert last, line
        if code is not None:
            rows[last] = int(code.group(1))
    return rows


def _all_error_classes() -> dict[str, type[errors.NumtheoryError]]:
    """Every NumtheoryError subclass defined in a numtheory module (all modules imported)."""
    for info in pkgutil.walk_packages(numtheory.__path__, "numtheory."):
        if info.name != "numtheory.__main__":
            importlib.import_module(info.name)
    found: dict[str, type[errors.NumtheoryError]] = {}
    todo: list[type[errors.NumtheoryError]] = [errors.NumtheoryError]
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("numtheory.") and not cls.__name__.startswith("_"):
            found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def test_every_error_class_is_in_the_documented_tree() -> None:
    documented = _documented()
    classes = _all_error_classes()
    assert set(errors.__all__) <= set(classes)
    missing = set(classes) - set(documented)
    assert not missing, f"not in the tree of numtheory/errors.py: {sorted(missing)}"
    assert set(documented) <= set(classes), set(documented) - set(classes)


def test_every_class_in_the_tree_maps_to_its_documented_code() -> None:
    documented = _documented()
    classes = _all_error_classes()
    for name, code in documented.items():
        assert code is not None, f"{name}: no exit code in the tree"
        cls = classes[name]
        exc = cls.__new__(cls)  # no __init__: some take extra arguments (OEISRefusedError)
        assert exit_code_for(exc) == code, name


def test_the_codes_that_matter_most() -> None:
    # README "Exit codes": nothing found 1, bad input 2, OEIS unreachable 3, internal 4
    assert exit_code_for(errors.SequenceNotFoundError("A0")) == 1
    assert exit_code_for(errors.TooManyResultsError("1")) == 1
    assert exit_code_for(errors.InputError("bad")) == 2
    assert exit_code_for(errors.InputTypeError("bad")) == 2
    assert exit_code_for(errors.DaskMissingError("pip install 'numtheory[dask]'")) == 2
    assert exit_code_for(errors.CheckpointError("edited")) == 2
    assert exit_code_for(errors.OEISUnavailableError("down")) == 3
    assert exit_code_for(errors.MirrorError("corrupt")) == 3
    assert exit_code_for(errors.SweepError("workers died")) == 4
    assert exit_code_for(errors.NumtheoryError("?")) == 4
    assert exit_code_for(RuntimeError("a bug")) == 4


def test_an_unknown_numtheory_error_is_internal() -> None:
    class Unlisted(errors.NumtheoryError):
        pass

    class NewInputKind(errors.InputError):  # inherits its base's row
        pass

    assert exit_code_for(Unlisted("new")) == 4
    assert exit_code_for(NewInputKind("new")) == 2


def test_the_table_lists_specific_classes_before_their_bases() -> None:
    # first match wins: a base class above one of its subclasses would hide the subclass's row
    classes = [cls for cls, _ in EXIT_CODES]
    for i, cls in enumerate(classes):
        for later in classes[i + 1 :]:
            assert not issubclass(later, cls), (later, cls)


def test_library_classes_carry_no_exit_code() -> None:
    for name in errors.__all__:
        assert not hasattr(getattr(errors, name), "exit_code"), name


def test_dask_missing_is_an_import_error_not_a_bad_value() -> None:
    assert issubclass(errors.DaskMissingError, ImportError)
    assert not issubclass(errors.DaskMissingError, ValueError)
    with pytest.raises(ImportError):
        raise errors.DaskMissingError("dask.distributed is not installed")


def test_the_command_exits_with_the_table_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from numtheory.cli import cmd_factor

    def refuse(*_: object) -> int:
        raise errors.TooManyResultsError("too many")

    monkeypatch.setattr(cmd_factor, "run", refuse)
    assert main(["factor", "12"]) == 1
    assert capsys.readouterr().err == "numtheory: error: too many\n"


def test_the_architecture_page_says_where_the_mapping_lives() -> None:
    # docs/architecture.md is where each contract's home is written down: since issue 11 the
    # mapping is the table in cli/_exit.py, no longer an exit_code attribute on each class
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
    cli_section = page.read_text(encoding="utf-8").split("**CLI.**", 1)[1].split("\n\n", 1)[0]
    assert "cli/_exit.py" in cli_section
    assert "exit_code` on each class" not in cli_section
