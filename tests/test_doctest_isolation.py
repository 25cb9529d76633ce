"""The docstrings' and the README's examples do not depend on the user's cache.

Found in review: with a local mirror (``numtheory mirror sync``, as the README suggests), the
offline search examples answered from the mirror instead of the catalogue they show, and six
doctests failed (the root conftest.py now gives each doctest a cache of its own).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

from numtheory.oeis.mirror import build_mirror

ROOT = Path(__file__).resolve().parents[1]


def test_the_doctests_ignore_a_mirror_in_the_users_cache(tmp_path: Path) -> None:
    user_cache = tmp_path / "user-cache"
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    with gzip.open(dumps / "stripped.gz", "wt") as f:
        f.write("# OEIS\nA000045 ,0,1,1,2,3,5,8,13,21,34,55,89,\nA000984 ,1,2,6,20,70,252,924,\n")
    with gzip.open(dumps / "names.gz", "wt") as f:
        f.write("# OEIS\nA000045 Fibonacci numbers\nA000984 Central binomial coefficients\n")
    mirror = user_cache / "oeis" / "mirror.sqlite"
    mirror.parent.mkdir(parents=True)
    assert build_mirror(dumps / "stripped.gz", dumps / "names.gz", mirror).sequences == 2
    env = dict(os.environ, NUMTHEORY_CACHE_DIR=str(user_cache), PYTHONPATH=str(ROOT))
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "numtheory/oeis/fallback.py", "README.md"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
    assert mirror.is_file()  # the user's mirror is still there, untouched
