"""The OEIS: search it, fetch entries and b-files, over HTTP or from local data.

>>> from numtheory import oeis
>>> oeis.build_query([1, 2, 6, 20])
'1,2,6,20'

:func:`search` and :func:`get` ask the OEIS (through a default :class:`OEISClient`, created on
first use; cached answers reused; see :mod:`numtheory.oeis.client` for the etiquette). When
the OEIS cannot be reached they fall back, as ``numtheory oeis`` does, to an expired cached
copy, the local mirror, else the built-in catalogue, with an :class:`OEISFallbackWarning`;
the answer's ``source`` says which. ``fallback=False`` asks for the OEIS only;
``offline=True`` or ``NUMTHEORY_OFFLINE=1`` for local data only. :func:`lookup` /
:func:`lookup_entry` are the same policy returning a :class:`Lookup` (warnings included, for
the caller to show), the one result type, which :meth:`OEISClient.search` returns too
(``SearchResult`` is its older name). The policy lives in :mod:`numtheory.oeis.fallback`.

The data come from the OEIS (https://oeis.org), CC BY-SA 4.0, The OEIS Foundation Inc.
"""

# No `from __future__ import annotations` here: it would add `annotations` to the namespace.
# This module only re-exports (every name in __all__ is public), lazily (PEP 562): a name's
# module is imported on first use, so `import numtheory.oeis` costs nothing and a cached
# answer does not import the mirror's build and sync, or the catalogue, it does not use.
import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

#: Where each public name lives.
_HOMES = {
    "ResponseCache": "cache",
    "catalogue": "_catalogue",
    "MAX_START": "client",
    "PAGE_SIZE": "client",
    "OEISClient": "client",
    "SearchResult": "client",
    "Matches": "fallback",
    "OEISFallbackWarning": "fallback",
    "bfile": "fallback",
    "default_client": "fallback",
    "get": "fallback",
    "lookup": "fallback",
    "lookup_entry": "fallback",
    "search": "fallback",
    "Mirror": "mirror",
    "MirrorStatus": "mirror",
    "build_mirror": "mirror",
    "mirror_status": "mirror",
    "sync_mirror": "mirror",
    "Lookup": "model",
    "Sequence": "model",
    "build_query": "model",
    "looks_like_anumber": "model",
    "normalize_anumber": "model",
    "terms_of_query": "model",
    "Explanation": "_identify",
    "Explanations": "_identify",
    "identify": "_identify",
}
#: Submodules reachable as attributes (``numtheory.oeis.fallback``) before their first import.
_SUBMODULES = frozenset(
    {"cache", "client", "config", "dumpformat", "fallback", "local", "mirror", "model"}
    | {"netcall", "netmemory", "parse", "transport"}
)

if _TYPE_CHECKING:  # what the lazy names are, for type checkers and IDEs
    from numtheory.oeis._catalogue import catalogue
    from numtheory.oeis._identify import Explanation, Explanations, identify
    from numtheory.oeis.cache import ResponseCache
    from numtheory.oeis.client import MAX_START, PAGE_SIZE, OEISClient, SearchResult
    from numtheory.oeis.fallback import (
        Matches,
        OEISFallbackWarning,
        bfile,
        default_client,
        get,
        lookup,
        lookup_entry,
        search,
    )
    from numtheory.oeis.mirror import (
        Mirror,
        MirrorStatus,
        build_mirror,
        mirror_status,
        sync_mirror,
    )
    from numtheory.oeis.model import (
        Lookup,
        Sequence,
        build_query,
        looks_like_anumber,
        normalize_anumber,
        terms_of_query,
    )

__all__ = [
    "MAX_START",
    "PAGE_SIZE",
    "Explanation",
    "Explanations",
    "Lookup",
    "Matches",
    "Mirror",
    "MirrorStatus",
    "OEISClient",
    "OEISFallbackWarning",
    "ResponseCache",
    "SearchResult",
    "Sequence",
    "bfile",
    "build_mirror",
    "build_query",
    "catalogue",
    "default_client",
    "get",
    "identify",
    "looks_like_anumber",
    "lookup",
    "lookup_entry",
    "mirror_status",
    "normalize_anumber",
    "search",
    "sync_mirror",
    "terms_of_query",
]


def __getattr__(name: str) -> _Any:
    """A public name, imported from its module on first use, then bound here (PEP 562)."""
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(_importlib.import_module(f"{__name__}.{home}"), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """Tab completion shows the public API only (submodules stay importable by name)."""
    return sorted(__all__)
