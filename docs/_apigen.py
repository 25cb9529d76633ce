"""Write the API reference's pages from the code, so that a new public name cannot be missed.

The lists come from ``numtheory.__all__`` (the top-level names, resolved through the lazy
``numtheory._LAZY_NAMES`` table) and from each public subpackage's ``__all__``. Every object is
documented once, on the page of the subpackage that exports it (``numtheory.arith.binomial``);
the top-level page links there, so ``nt.binomial`` and ``nt.arith.binomial`` share one entry.
A name that no subpackage exports (``numtheory.primes``, from its own module) gets its entry on
the top-level page. conf.py calls :func:`write_api` before Sphinx reads the sources;
tests/test_docs.py checks the result against ``numtheory.__all__``.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

#: The public subpackages in reading order, each with its page's title. One listed here that
#: this checkout does not have is left out (``numtheory.plotting`` arrives from another branch);
#: see :func:`subpackages`.
TITLES = {
    "numtheory.arith": "integers on GMP and FLINT",
    "numtheory.numerics": "high-precision numerics",
    "numtheory.guessing": "recurrences and generating functions from terms",
    "numtheory.oeis": "the OEIS client, cache, catalogue and mirror",
    "numtheory.verify": "named checks and the range-check runner",
    "numtheory.plotting": "pictures of sequences, guesses and checks (matplotlib)",
    "numtheory.retry": "retrying flaky operations",
    "numtheory.errors": "the exception tree",
}

#: Loaded lazily like the others, but the README is its documentation (the command line).
NOT_DOCUMENTED = frozenset({"numtheory.cli"})

#: Where autosummary writes the one-object pages (gitignored, as the pages written here).
STUB_DIR = "generated"


def _kind(obj: object) -> str:
    if isinstance(obj, type):
        return "Exceptions" if issubclass(obj, BaseException) else "Classes"
    if callable(obj):
        return "Functions"
    if isinstance(obj, ModuleType):
        return "Modules"
    return "Constants"


def subpackages() -> dict[str, str]:
    """The subpackages that get a page, in reading order, each with its page's title.

    Those of :data:`TITLES` that exist here, then any other that ``numtheory`` loads on first
    use (``numtheory._LAZY_SUBMODULES``), titled by its docstring's first line: a subpackage
    added on another branch gets its page without editing this file, and one not merged yet
    is no error.
    """
    import numtheory

    names = [*TITLES, *(f"numtheory.{name}" for name in numtheory._LAZY_SUBMODULES)]
    found = {}
    for name in dict.fromkeys(names):
        if name in NOT_DOCUMENTED or importlib.util.find_spec(name) is None:
            continue
        title = TITLES.get(name)
        if title is None:
            doc = (importlib.import_module(name).__doc__ or "").strip()
            title = doc.splitlines()[0].rstrip(".") if doc else "(undocumented)"
        found[name] = title
    return found


def _title(text: str, char: str = "=") -> str:
    return f"{text}\n{char * len(text)}\n"


def _autosummary(module: str, names: list[str], *, toctree: bool) -> str:
    lines = [f".. currentmodule:: {module}", "", ".. autosummary::"]
    if toctree:
        lines.append(f"   :toctree: {STUB_DIR}")
    lines.append("")
    lines += [f"   {name}" for name in names]
    return "\n".join(lines) + "\n"


def subpackage_page(module_name: str, title: str) -> str:
    """The page of one subpackage: its docstring, then every name of its ``__all__`` by kind."""
    module = importlib.import_module(module_name)
    groups: dict[str, list[str]] = {}
    for name in module.__all__:
        groups.setdefault(_kind(getattr(module, name)), []).append(name)
    parts = [
        _title(f"{module_name}: {title}"),
        f".. automodule:: {module_name}\n",
    ]
    for kind in ("Functions", "Classes", "Exceptions"):
        if kind in groups:
            parts.append(_title(kind, "-"))
            parts.append(_autosummary(module_name, sorted(groups[kind]), toctree=True))
    if "Constants" in groups:
        parts.append(_title("Constants", "-"))
        parts.append(f".. currentmodule:: {module_name}\n")
        parts += [_constant(module_name, name) for name in sorted(groups["Constants"])]
    return "\n".join(parts)


def _plain_bars(line: str) -> str:
    """A ``#:`` comment's bars as text: ``|a(n)|`` would be a reST substitution (an error).

    The comments are prose written for the source's reader, where ``|x|`` is an absolute value;
    the project defines no substitutions. Inside ``literals`` a bar is already text.
    """
    parts = re.split(r"(``.+?``)", line)
    return "".join(p if p.startswith("``") else p.replace("|", "\\|") for p in parts)


def _constant(module_name: str, name: str) -> str:
    """A ``.. data::`` entry with the ``#:`` comment of the module that defines the constant.

    Written out here because autodoc would show the docstring of the value's type
    ("int([x]) -> integer") for a constant a package re-exports from a private module.
    """
    import sys

    from sphinx.pycode import ModuleAnalyzer

    value = getattr(importlib.import_module(module_name), name)
    doc: list[str] = []
    for modname in sorted(sys.modules):
        if modname != module_name and not modname.startswith(module_name + "."):
            continue
        if getattr(sys.modules[modname], name, None) is not value:
            continue
        try:
            found = ModuleAnalyzer.for_module(modname).find_attr_docs().get(("", name))
        except Exception:  # no source to analyse: the entry goes without its comment
            found = None
        if found:
            doc = [_plain_bars(line) for line in found]
            while doc and not doc[-1].strip():
                doc.pop()
            break
    shown = repr(value)
    option = f"   :value: {shown}" if len(shown) <= 60 else f"   :type: {type(value).__name__}"
    body = "".join(f"   {line}\n" for line in doc)
    return f".. data:: {name}\n{option}\n\n{body}"


def top_level_homes() -> dict[str, list[str]]:
    """``numtheory.__all__`` grouped by the page that documents each name.

    Keys are a subpackage (the name is in its ``__all__``), a module that only the top level
    re-exports from (documented on the top-level page), ``"modules"`` or ``"data"``.
    """
    import numtheory

    homes: dict[str, list[str]] = {}
    for name in numtheory.__all__:
        home = numtheory._LAZY_NAMES.get(name)
        value = getattr(numtheory, name)  # resolves the lazy name: a broken entry fails here
        if home is None:
            home = "modules" if isinstance(value, ModuleType) else "data"
        homes.setdefault(home, []).append(name)
    return homes


def top_level_page() -> str:
    """The ``numtheory`` page: the package docstring and a table of every top-level name."""
    import numtheory

    parts = [
        _title("numtheory: the top-level names"),
        ".. automodule:: numtheory\n",
        "Every name of ``numtheory.__all__``, loaded on first use; each links to its entry on",
        "the page of the subpackage that exports it (``nt.binomial`` is",
        "``nt.arith.binomial``).\n",
    ]
    documented = subpackages()
    homes = top_level_homes()
    others = sorted(set(homes) - set(documented) - {"modules", "data"})  # private modules
    reading_order = [*documented, *others, "modules", "data"]  # as in the API toctree
    for home in sorted(homes, key=reading_order.index):
        names = homes[home]
        if home == "modules":
            parts.append(_title("Modules", "-"))
            parts += [f"* :mod:`numtheory.{name}`" for name in names]
            parts.append("")
        elif home == "data":
            parts.append(_title("Data", "-"))
            parts.append(".. currentmodule:: numtheory\n")
            for name in names:
                parts.append(f".. data:: {name}\n   :value: {getattr(numtheory, name)!r}\n")
        else:
            exported: set[str] = set()
            if home in documented:
                exported = set(importlib.import_module(home).__all__)
            module = importlib.import_module(home)
            constants = [
                n for n in names if n in exported and _kind(getattr(module, n)) == "Constants"
            ]
            linked = [n for n in names if n in exported and n not in constants]
            own = [n for n in names if n not in exported]
            parts.append(_title(f"From {home}", "-"))
            if linked:
                parts.append(_autosummary(home, linked, toctree=False))
            if constants:
                parts += [f"* :data:`{home}.{n}` = ``{getattr(module, n)!r}``" for n in constants]
                parts.append("")
            if own:  # exported by no subpackage: this page holds their entries
                parts.append(_autosummary(home, own, toctree=True))
    return "\n".join(parts)


def index_page(documented: dict[str, str]) -> str:
    pages = ["numtheory", *documented]
    body = "\n".join(f"   {page}" for page in pages)
    return (
        _title("API reference")
        + "\nGenerated from the code: every name of ``numtheory.__all__`` and of each public\n"
        "subpackage's ``__all__`` (``docs/_apigen.py``).\n\n"
        ".. toctree::\n   :maxdepth: 1\n\n" + body + "\n"
    )


def pages() -> dict[str, str]:
    """File name (relative to the API folder) -> reStructuredText."""
    documented = subpackages()
    out = {"index.rst": index_page(documented), "numtheory.rst": top_level_page()}
    for module_name, title in documented.items():
        out[f"{module_name}.rst"] = subpackage_page(module_name, title)
    return out


def write_api(folder: Path) -> list[Path]:
    """Write the pages into ``folder`` (a page whose text is unchanged is left alone), remove
    the pages of a former build that are no longer written, and the one-object pages of the
    last build, which autosummary then writes again."""
    # A page of a former build for a name or subpackage since removed or moved is a page that
    # no toctree includes: a warning, so an error with -W. The stubs are cheap to write again.
    shutil.rmtree(folder / STUB_DIR, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    current = pages()
    for stale in folder.glob("*.rst"):
        if stale.name not in current:
            stale.unlink()
    written = []
    for name, text in current.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["NOT_DOCUMENTED", "TITLES", "pages", "subpackages", "top_level_homes", "write_api"]
