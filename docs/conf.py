"""Sphinx configuration of the numtheory documentation site.

Build: ``sphinx-build -W --keep-going -b html docs /tmp/numtheory-docs`` (``.ci/run`` does, with
warnings as errors). The API pages are written from the code by ``_apigen.py`` before Sphinx
reads the sources; autosummary then writes one page per object into ``api/generated/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The package of this checkout, even where another copy is installed (a shared venv).
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import _apigen  # noqa: E402

import numtheory  # noqa: E402

project = "numtheory"
author = "numtheory developers"
copyright = "numtheory developers; OEIS data © The OEIS Foundation Inc., CC BY-SA 4.0"
release = version = numtheory.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    # The numerics docstrings write their formulas in TeX (:math:), as numpy and scipy do.
    # MathJax renders them in the browser from a CDN: offline, a formula shows as its TeX
    # source, still readable. imgmath would need LaTeX and dvipng on every machine that
    # builds (CI's fresh one too), for a dozen formulas; the tutorial writes its formulas as
    # text so that it reads the same offline (tests/test_docs.py holds it to that).
    "sphinx.ext.mathjax",
    "numpydoc",
    # The maintainers' pages (architecture.md, contracts.md) stay Markdown, read on GitHub too.
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
templates_path = ["_templates"]

# autodoc / autosummary
autosummary_generate = True
autodoc_typehints = "none"  # numpydoc's Parameters sections say the types
autodoc_member_order = "bysource"
add_module_names = False

# numpydoc: the class pages list their members themselves (autosummary's templates), and no
# validation checks: the docstrings follow the convention, not every optional section of it.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
numpydoc_xref_param_type = False

# MyST: the pages link to each other's headings (contracts.md#integer-input).
myst_heading_anchors = 3

html_theme = "alabaster"
html_title = f"numtheory {release}"
html_static_path: list[str] = []

# Before Sphinx discovers the sources, so autosummary sees the pages and writes their stubs.
_apigen.write_api(HERE / "api")
