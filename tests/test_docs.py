"""The documentation site (docs/): an API entry for every public name, its tools declared, its
pages' examples collected by the default run, and (slow) a build with warnings as errors.

The API pages are written from the code (docs/_apigen.py), so these tests hold the writer to
``numtheory.__all__`` and to each subpackage's ``__all__``: every name must get an entry that
resolves to the very object the package exports.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import importlib.machinery
import importlib.util
import io
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import numtheory

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _pyproject() -> dict[str, Any]:
    # tomllib is the standard library from Python 3.11: on 3.10 only these tests skip
    tomllib = pytest.importorskip("tomllib")
    data: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data


def _apigen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_numtheory_docs_apigen", DOCS / "_apigen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries(text: str) -> tuple[set[str], set[str]]:
    """(full names given their own entry, full names only linked) in one reST page.

    Own entries: ``autosummary`` items under ``:toctree:``, ``.. data::``, ``.. automodule::``.
    Links: ``autosummary`` items without a toctree, ``:data:``/``:mod:`` roles.
    """
    own: set[str] = set()
    linked: set[str] = set()
    module = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := re.match(r"\.\. currentmodule:: (\S+)", line):
            module = m[1]
        elif m := re.match(r"\.\. automodule:: (\S+)", line):
            own.add(m[1])
        elif m := re.match(r"\.\. data:: (\S+)", line):
            own.add(f"{module}.{m[1]}")
        elif line.startswith(".. autosummary::"):
            toctree = False
            i += 1
            while i < len(lines) and (lines[i].startswith("   ") or not lines[i].strip()):
                item = lines[i].strip()
                if item.startswith(":toctree:"):
                    toctree = True
                elif item and not item.startswith(":"):
                    (own if toctree else linked).add(f"{module}.{item}")
                i += 1
            continue
        linked.update(re.findall(r":(?:data|mod):`~?([\w.]+)`", line))
        i += 1
    return own, linked


def _resolve(full_name: str) -> Any:
    """The object a dotted name stands for: the longest importable module, then attributes."""
    parts = full_name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(full_name)


def _all_entries(pages: dict[str, str]) -> tuple[dict[str, set[str]], set[str]]:
    own_by_page: dict[str, set[str]] = {}
    linked: set[str] = set()
    for name, text in pages.items():
        own, links = _entries(text)
        own_by_page[name] = own
        linked |= links
    return own_by_page, linked


def _check_top_level(pages: dict[str, str]) -> None:
    own_by_page, linked = _all_entries(pages)
    own_anywhere = set().union(*own_by_page.values())
    top_own, top_linked = _entries(pages["numtheory.rst"])
    listed_on_top = {full.rpartition(".")[2] for full in top_own | top_linked}
    for name in numtheory.__all__:
        exported = getattr(numtheory, name)
        entries = [full for full in own_anywhere if full.rpartition(".")[2] == name]
        assert any(_resolve(full) is exported for full in entries), (name, entries)
        assert name in listed_on_top, name  # the top-level page names it (entry or link)
    for full in top_linked | linked:
        assert full in own_anywhere, f"{full} is linked to but has no entry"


def test_every_name_of_numtheory_all_has_an_api_entry() -> None:
    _check_top_level(_apigen().pages())


@pytest.mark.parametrize("module_name", list(_apigen().subpackages()))
def test_every_name_of_a_subpackage_has_an_entry_on_its_page(module_name: str) -> None:
    module = importlib.import_module(module_name)
    own, _ = _entries(_apigen().pages()[f"{module_name}.rst"])
    assert module_name in own  # its docstring (automodule)
    for name in module.__all__:
        full = f"{module_name}.{name}"
        assert full in own, full
        assert _resolve(full) is getattr(module, name)


def test_a_new_top_level_function_gets_an_entry_without_editing_the_docs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Add a function the way the brief says (subpackage ``__all__``, ``_LAZY_NAMES``,
    ``numtheory.__all__``): the pages written from the code list it, nothing else changed."""
    import numtheory.arith

    def totally_new_function(n: int) -> int:
        """A stand-in for a function added later."""
        return n

    monkeypatch.setattr(numtheory.arith, "totally_new_function", totally_new_function, False)
    monkeypatch.setattr(
        numtheory.arith, "__all__", [*numtheory.arith.__all__, "totally_new_function"]
    )
    monkeypatch.setitem(numtheory._LAZY_NAMES, "totally_new_function", "numtheory.arith")
    monkeypatch.setattr(numtheory, "__all__", [*numtheory.__all__, "totally_new_function"])
    pages = _apigen().pages()
    own, _ = _entries(pages["numtheory.arith.rst"])
    assert "numtheory.arith.totally_new_function" in own
    _check_top_level(pages)


def test_the_top_level_page_follows_the_subpackages_reading_order() -> None:
    apigen = _apigen()
    text = apigen.pages()["numtheory.rst"]
    titles = re.findall(r"^(From \S+|Modules|Data)\n-+$", text, re.M)
    subpackages = [t for t in titles if t.removeprefix("From ") in apigen.subpackages()]
    order = list(apigen.subpackages())
    assert subpackages == sorted(subpackages, key=lambda t: order.index(t.removeprefix("From ")))
    assert titles[: len(subpackages)] == subpackages and titles[-2:] == ["Modules", "Data"]


def test_a_name_exported_by_no_subpackage_gets_its_entry_on_the_top_level_page() -> None:
    # numtheory.primes comes from numtheory.arith.primes (numtheory.arith binds the module)
    own, _ = _entries(_apigen().pages()["numtheory.rst"])
    assert _resolve("numtheory.arith.primes.primes") is numtheory.primes
    assert "numtheory.arith.primes.primes" in own


def test_a_subpackage_added_on_another_branch_gets_its_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new lazy subpackage (as ``numtheory.plotting`` comes from another branch) gets a page
    and its names their entries without editing docs/; a listed one not merged is no error."""
    name = "numtheory.zz_new_subpackage"
    module = ModuleType(name, "Pictures of things.\n\nMore words.")
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)

    def plot_thing(n: int) -> int:
        """Draw a thing."""
        return n

    plot_thing.__module__ = name
    module.plot_thing = plot_thing  # type: ignore[attr-defined]
    module.__all__ = ["plot_thing"]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(numtheory, "zz_new_subpackage", module, False)
    monkeypatch.setattr(
        numtheory, "_LAZY_SUBMODULES", (*numtheory._LAZY_SUBMODULES, "zz_new_subpackage")
    )
    monkeypatch.setitem(numtheory._LAZY_NAMES, "plot_thing", name)
    monkeypatch.setattr(numtheory, "__all__", [*numtheory.__all__, "plot_thing"])
    apigen = _apigen()
    monkeypatch.setitem(apigen.TITLES, "numtheory.not_merged_yet", "missing here")
    assert apigen.subpackages()[name] == "Pictures of things"
    assert "numtheory.not_merged_yet" not in apigen.subpackages()
    pages = apigen.pages()
    assert f"   {name}" in pages["index.rst"].splitlines()  # in the API toctree
    own, _ = _entries(pages[f"{name}.rst"])
    assert {name, f"{name}.plot_thing"} <= own
    _check_top_level(pages)


def test_the_api_pages_of_a_former_build_are_removed(tmp_path: Path) -> None:
    """A page for a name or subpackage since removed would be in no toctree (an error with -W)."""
    apigen = _apigen()
    (tmp_path / "generated").mkdir()
    stale = [tmp_path / "numtheory.removed_subpackage.rst", tmp_path / "generated" / "x.rst"]
    for path in stale:
        path.write_text("Gone\n====\n", encoding="utf-8")
    keep = tmp_path / "notes.txt"  # not a page: left alone
    keep.write_text("mine", encoding="utf-8")
    written = apigen.write_api(tmp_path)
    assert not any(path.exists() for path in stale)
    assert keep.exists()
    assert sorted(p.name for p in tmp_path.glob("*.rst")) == sorted(apigen.pages())
    assert sorted(written) == sorted(tmp_path.glob("*.rst"))


def _requirements(extra: str) -> set[str]:
    project = _pyproject()["project"]
    names = (
        re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0] for r in project["optional-dependencies"][extra]
    )
    return {name.lower().replace("-", "_") for name in names}


def test_the_sphinx_extensions_are_in_the_test_extra() -> None:
    """CI installs exactly the README's ``pip install -e ".[test]"`` and then builds the site."""
    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    extensions: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "extensions" for t in node.targets
        ):
            extensions = ast.literal_eval(node.value)
    assert "numpydoc" in extensions and "sphinx.ext.autodoc" in extensions
    needed = {ext.partition(".")[0] for ext in extensions}
    assert needed - _requirements("test") == set()


def test_the_default_run_collects_the_docs_pages_as_doctests() -> None:
    options = _pyproject()["tool"]
    ini = options["pytest"]["ini_options"]
    assert "docs" in ini["testpaths"]
    globs = [opt.partition("=")[2] for opt in ini["addopts"] if opt.startswith("--doctest-glob=")]
    pages = [p for p in DOCS.glob("*.rst") if ">>> " in p.read_text(encoding="utf-8")]
    assert pages, "no page with examples"
    for page in pages:
        assert any(Path(page.name).match(glob) for glob in globs), page.name


def test_the_tutorial_retells_each_seed_story() -> None:
    text = (DOCS / "tutorial.rst").read_text(encoding="utf-8")
    for needle in (
        "A000120",  # v2(C(2n, n)) in the OEIS
        "retrying(",  # the retry loop
        'nt.gamma("1/3", dps=1000)',  # Gamma at high precision
        "certify_exp_taylor_positive(200)",  # the even Taylor polynomials of exp
        "scheduler=cluster.scheduler_address",  # a range check on Dask
    ):
        assert needle in text, needle


def test_the_tutorial_skips_only_the_dask_cluster() -> None:
    """What the page says: every example runs, except the marked cluster at the end."""
    import doctest

    text = (DOCS / "tutorial.rst").read_text(encoding="utf-8")
    examples = doctest.DocTestParser().get_examples(text)
    skipped = [e.source for e in examples if e.options.get(doctest.SKIP)]
    assert len(examples) - len(skipped) >= 30
    assert skipped and all(re.search(r"cluster|LocalCluster|report\.ok", s) for s in skipped)
    assert text.index("SKIP") > text.index("A range check, on a process pool or a Dask cluster")


def test_the_tutorial_needs_no_internet_to_read() -> None:
    """The pages a newcomer reads first write formulas as text (as the docstrings mostly do):
    a :math: role would need MathJax, which the browser fetches from a CDN, and shows raw TeX
    offline. The slow build test checks the HTML itself."""
    for page in [*DOCS.glob("*.rst"), *DOCS.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        if page.name in ("index.rst", "tutorial.rst"):
            assert not re.search(r":math:`|^\.\. math::|\$\$", text, re.M), page.name


# --- the docstrings, as Sphinx will read them (fast: no Sphinx build) ---------------------------
#
# The build itself takes about 10 s of CPU, too long for the default run (it is CI's job, and
# the slow test below). Most warnings it raises come from docutils reading a docstring that
# numpydoc has turned into reST: an undefined |substitution|, a ``word_`` read as a link
# target, an unclosed ``literal``. This reads every documented docstring the same way in a
# second, so the default run catches them where they are written.

_SPHINX_ROLES = ("func", "class", "mod", "data", "attr", "meth", "exc", "obj", "any", "doc", "ref",
                 "term", "envvar", "file", "program", "option")  # fmt: skip
_SPHINX_DIRECTIVES = ("seealso", "versionadded", "versionchanged", "deprecated", "autosummary",
                      "index", "only", "plot", "note", "warning", "automodule",
                      "currentmodule", "toctree")  # fmt: skip
#: Directives whose content is reST written by docs/_apigen.py (a constant's ``#:`` comment).
_SPHINX_PARSED_DIRECTIVES = ("data",)


@contextlib.contextmanager
def _sphinx_like_docutils() -> Iterator[Callable[[str], list[str]]]:
    """A function ``problems(rst) -> docutils' messages``, with Sphinx's roles and directives
    accepted as they are; docutils' registries are restored afterwards."""
    import docutils.core
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Directive, Parser, directives, roles
    from docutils.readers.standalone import Reader

    class _Options(dict[str, Any]):
        def __missing__(self, key: str) -> Any:
            return directives.unchanged

    class _Accept(Directive):
        has_content = True
        optional_arguments = 10
        final_argument_whitespace = True
        option_spec = _Options()

        def run(self) -> list[Any]:
            return []

    class _Parse(_Accept):
        def run(self) -> list[Any]:
            node = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, node)
            return [node]

    def _role(name: str, rawtext: str, text: str, *args: Any, **kwargs: Any) -> Any:
        return [nodes.literal(rawtext, text)], []

    saved = [(registry, dict(registry)) for registry in
             (roles._roles, roles._role_registry, directives._directives)]  # fmt: skip
    for role in _SPHINX_ROLES:
        roles.register_local_role(role, _role)
        roles.register_local_role(f"py:{role}", _role)
    for directive in _SPHINX_DIRECTIVES:
        directives.register_directive(directive, _Accept)
    for directive in _SPHINX_PARSED_DIRECTIVES:
        directives.register_directive(directive, _Parse)
    settings = get_default_settings(Parser, Reader)  # built once: the costly part of a parse
    settings.report_level, settings.halt_level = 2, 5

    def problems(text: str) -> list[str]:
        settings.warning_stream = stream = io.StringIO()
        docutils.core.publish_doctree(text, settings=settings)
        return [line for line in stream.getvalue().splitlines()
                if re.search(r"\((WARNING|ERROR|SEVERE)/", line)]  # fmt: skip

    try:
        yield problems
    finally:
        for registry, before in saved:
            registry.clear()
            registry.update(before)


@pytest.fixture
def rst_reader() -> Iterator[Callable[[str], list[str]]]:
    with _sphinx_like_docutils() as problems:
        yield problems


@functools.cache
def _summary_settings() -> Any:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    return get_default_settings(Parser)


@functools.cache
def _numpydoc_config() -> dict[str, Any]:
    """numpydoc's settings in docs/conf.py, with its template loaded once (it would load it
    again for every docstring)."""
    from numpydoc.docscrape_sphinx import SphinxDocString

    template = SphinxDocString("").template
    return {"class_members_toctree": False, "xref_param_type": False, "template": template}


def _docstring_problems(obj: Any, problems: Callable[[str], list[str]]) -> list[str]:
    """What docutils says about ``obj``'s docstring after numpydoc, and about the summary line
    autosummary cuts from it (its first sentence) for the tables."""
    import inspect

    from docutils.utils import new_document
    from numpydoc.docscrape_sphinx import SphinxDocString
    from sphinx.ext.autosummary import extract_summary

    doc = inspect.getdoc(obj)
    if not doc or isinstance(obj, (int, str, tuple, dict, frozenset)):
        return []
    found = [
        f"docstring: {m}" for m in problems(str(SphinxDocString(doc, config=_numpydoc_config())))
    ]
    settings = _summary_settings()
    # newer Sphinx takes docutils settings, older versions a document
    second = "settings" in inspect.signature(extract_summary).parameters
    summary = extract_summary(doc.splitlines(), settings if second else new_document("", settings))
    found += [f"summary {summary!r}: {m}" for m in problems(summary)]
    # autosummary ends the summary at the first ". " it finds, as after "p1/q1, ..."
    first_paragraph = " ".join(doc.split("\n\n")[0].split())
    rest = first_paragraph[len(summary) :]
    if not first_paragraph.startswith(summary) or rest[:1] not in ("", " "):
        found.append(f"summary {summary!r} cut mid-sentence from {first_paragraph!r}")
    return found


def _documented_objects() -> dict[str, Any]:
    """Every object with an API entry, and the public members its class page shows."""
    own = set().union(*_all_entries(_apigen().pages())[0].values())
    objects = {}
    for full in sorted(own):
        obj = _resolve(full)
        objects[full] = obj
        if isinstance(obj, type):
            for name, member in vars(obj).items():
                if not name.startswith("_") and getattr(member, "__doc__", None):
                    objects[f"{full}.{name}"] = member
    return objects


def test_every_documented_docstring_reads_as_sphinx_reads_it(rst_reader: Any) -> None:
    objects = _documented_objects()
    assert len(objects) > 150
    bad = {
        name: found
        for name, obj in objects.items()
        if (found := _docstring_problems(obj, rst_reader))
    }
    assert bad == {}


def test_the_api_pages_read_as_sphinx_reads_them(rst_reader: Any) -> None:
    """The pages docs/_apigen.py writes, with the constants' ``#:`` comments in them."""
    pages = _apigen().pages()
    assert ".. data::" in "".join(pages.values())
    assert {name: found for name, text in pages.items() if (found := rst_reader(text))} == {}


def test_a_constants_comment_with_bars_reads_as_text(
    rst_reader: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``#: largest |a(n)|`` (an absolute value, as numtheory.plotting writes) is no reST
    substitution: the entry shows the bars, a literal keeps its own."""
    (tmp_path / "zz_docs_constants.py").write_text(
        "#: Log scale when the largest |a(n)| is 100 times the median of ``|a(n)|``;\n"
        "#: see :func:`print`.\nLOG_RATIO = 100\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "zz_docs_constants", raising=False)
    importlib.import_module("zz_docs_constants")
    entry = _apigen()._constant("zz_docs_constants", "LOG_RATIO")
    assert "largest \\|a(n)\\| is" in entry and "``|a(n)|``" in entry
    assert ":func:`print`" in entry
    assert rst_reader(entry) == []
    assert rst_reader("Largest |a(n)| here.\n") != []  # the reader does see the bare bars


@pytest.mark.parametrize(
    ("docstring", "complaint"),
    [  # the three that the first build of the site warned about, and a cut summary line
        ("Sum.\n\nReturns\n-------\nFraction\n    Exact; |x - p/q| < 1/q**2.\n", "substitution"),
        ("Root.\n\nReferences\n----------\nsympy.ntheory.factor_.perfect_power.\n", "target"),
        ("The coefficients ``c_0 .. c_n`` (a list).\n", "literal"),
        ("Yield the convergents p0/q0, p1/q1, ... of a fraction.\n", "mid-sentence"),
    ],
)
def test_the_docstring_reader_catches_what_sphinx_warns_about(
    rst_reader: Any, docstring: str, complaint: str
) -> None:
    def documented() -> None: ...

    documented.__doc__ = docstring
    found = _docstring_problems(documented, rst_reader)
    assert any(complaint in message.lower() for message in found), found
    documented.__doc__ = "Fine.\n\nReturns\n-------\nint\n    ``|x - p/q|``, ``factor_``.\n"
    assert _docstring_problems(documented, rst_reader) == []


@pytest.mark.slow  # about 15 s of CPU: CI's job (.ci/run builds the site too)
def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", "html",
         str(DOCS), str(out)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    html = "\n".join(p.read_text(encoding="utf-8") for p in (out / "api").rglob("*.html"))
    pages = _apigen().pages()
    own = set().union(*_all_entries(pages)[0].values())
    for full in own:
        anchor = f"module-{full}" if isinstance(_resolve(full), ModuleType) else full
        assert f'id="{anchor}"' in html, full
    tutorial = (out / "tutorial.html").read_text(encoding="utf-8")
    assert "A000120" in tutorial and "certify_exp_taylor_positive" in tutorial
    for page in ("index.html", "tutorial.html"):  # read offline: no script from the internet
        text = (out / page).read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*src=\"https?://", text), page
    index = (out / "index.html").read_text(encoding="utf-8")
    for href in ("tutorial.html", "api/index.html", "architecture.html", "contracts.html"):
        assert f'href="{href}' in index, href  # the toctree links every part
    architecture = (out / "architecture.html").read_text(encoding="utf-8")
    assert "<h1>numtheory: architecture" in architecture  # Markdown rendered (myst-parser)
    assert "<table" in architecture and "```" not in architecture
