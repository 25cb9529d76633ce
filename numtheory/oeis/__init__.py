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
the caller to show). The policy lives in :mod:`numtheory.oeis.fallback`.

The data come from the OEIS (https://oeis.org), CC BY-SA 4.0, The OEIS Foundation Inc.
"""

# No `from __future__ import annotations` here: it would add `annotations` to the namespace.
# This module only re-exports; every name below is public (see __all__ and __dir__).
from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.catalogue import catalogue
from numtheory.oeis.client import (
    MAX_START,
    PAGE_SIZE,
    OEISClient,
    SearchResult,
    build_query,
    terms_of_query,
)
from numtheory.oeis.fallback import (
    Lookup,
    Matches,
    OEISFallbackWarning,
    bfile,
    default_client,
    get,
    lookup,
    lookup_entry,
    search,
)
from numtheory.oeis.mirror import Mirror, MirrorStatus, build_mirror, mirror_status, sync_mirror
from numtheory.oeis.model import Sequence, looks_like_anumber, normalize_anumber

__all__ = [
    "MAX_START",
    "PAGE_SIZE",
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
    "looks_like_anumber",
    "lookup",
    "lookup_entry",
    "mirror_status",
    "normalize_anumber",
    "search",
    "sync_mirror",
    "terms_of_query",
]


def __dir__() -> list[str]:
    """Tab completion shows the public API only (submodules stay importable by name)."""
    return sorted(__all__)


# -- identify (issue 13): Superseeker-like transforms over the local data ------------------
from numtheory.oeis._identify import Explanation, Explanations, identify  # noqa: E402

__all__ += ["Explanation", "Explanations", "identify"]
# -- end identify --------------------------------------------------------------------------
