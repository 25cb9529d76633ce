"""What the OEIS layer imports for a cached or offline answer (issue 11, start-up).

A cached ``numtheory oeis 1,2,6,20`` must not pay for requests (about 0.1 s), nor for GMP,
FLINT and mpmath (about 0.2 s), which such an answer does not use. Each check runs in a
fresh interpreter and looks only at the modules the OEIS layer itself pulls in: the script
imports ``numtheory`` first and counts what is new after that. Today ``import numtheory``
loads gmpy2/FLINT/mpmath itself (another part of issue 11 makes it lazy), so for those three
this test guards the OEIS layer's share, and holds unchanged once the top level is lazy. The
speed itself is measured by a benchmark, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from numtheory.oeis.cache import ResponseCache
from numtheory.oeis.client import OEISClient
from numtheory.oeis.mirror import build_mirror
from tests.oeis.http_helpers import data_text
from tests.oeis.test_mirror import make_dump

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("requests", "urllib3", "gmpy2", "flint", "mpmath", "numpy", "matplotlib")

SCRIPT = r"""
import json, sys
import numtheory
loaded = set(sys.modules)
report = {}

def new_since(label):
    global loaded
    now = set(sys.modules)
    report[label] = sorted(now - loaded)
    loaded = now

import numtheory.oeis
new_since("import")
answer = numtheory.oeis.lookup([1, 2, 6, 20])
report["cached_source"] = answer.source
new_since("cached")
answer = numtheory.oeis.lookup([1, 2, 6, 20], offline=True)
report["offline_source"] = answer.source
report["offline_ids"] = [s.id for s in answer.results]
new_since("offline")
print(json.dumps(report))
"""


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY]


def test_a_cached_or_mirror_answer_imports_no_heavy_library(tmp_path: Path) -> None:
    # a cached answer for the search the script makes (the client's own URL is the key)
    with OEISClient(cache=False, failure_memory=False) as client:
        url = client.url("/search", {"q": "1,2,6,20", "fmt": "json", "start": 0})
    with ResponseCache() as cache:
        cache.put(url, data_text("constructed-search-1,2,6,20.json"))
    # a mirror for the offline search
    dump = make_dump(tmp_path / "dump")
    build_mirror(dump / "stripped.gz", dump / "names.gz")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["cached_source"] == "cache"
    assert report["offline_source"] == "mirror" and report["offline_ids"][0] == "A000984"
    # importing the package loads none of its submodules' dependencies
    assert _heavy(report["import"]) == [] and report["import"] == ["numtheory.oeis"]
    assert _heavy(report["cached"]) == []
    assert "numtheory.oeis._catalogue_generators" not in report["cached"]
    assert "numtheory.oeis.mirror.sync" not in report["cached"] + report["offline"]
    # the mirror's answer reads the catalogue's table (offsets, keywords), computes nothing
    assert _heavy(report["offline"]) == []


CATALOGUE_SCRIPT = r"""
import json, sys
import numtheory
loaded = set(sys.modules)
import numtheory.oeis
answer = numtheory.oeis.lookup([1, 2, 6, 20, 70], offline=True)
print(json.dumps({"source": answer.source, "ids": [s.id for s in answer.results],
                  "new": sorted(set(sys.modules) - loaded)}))
"""


def test_an_offline_catalogue_answer_reads_the_stored_lines() -> None:
    """No mirror: the catalogue answers from the lines an earlier run stored, so neither a
    generator runs nor GMP/FLINT are imported (numtheory.arith is not even loaded)."""
    from numtheory.oeis import _catalogue

    _catalogue._stored_lines.cache_clear()
    _catalogue._all_data_lines()  # as the first offline search of an installation does
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", CATALOGUE_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["source"] == "catalogue" and report["ids"] == ["A000984"]
    assert _heavy(report["new"]) == [] and "numtheory.arith.primes" not in report["new"]
