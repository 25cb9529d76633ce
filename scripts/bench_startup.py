"""Start-up cost of numtheory: cold processes, as a user's shell starts them.

Times, as the median of ``--repeat`` fresh interpreter processes (user + system CPU of the
child, from ``os.wait4``, and wall time), side by side with a bare ``python -c pass``, the
floor any Python tool pays:

* ``python -c pass``                         the interpreter alone (the floor)
* ``import numtheory``                       the library's top level (lazy: nothing heavy)
* ``import numtheory.cli``                   the command line's framework
* ``numtheory --version``                    the parser of every command, no work
* ``numtheory oeis 1,2,6,20`` (cached)       a search answered from the HTTP cache
* ``numtheory oeis --offline 1,2,6,20``      the same, offline (cache, mirror, catalogue)
* ``numtheory factor 360``                   a command that needs GMP and FLINT

The cached answer comes from a local HTTP server (``tests/oeis/data``'s captured search),
asked once to fill a throw-away ``NUMTHEORY_CACHE_DIR``; the timed runs then never reach
it. With ``--importtime`` the slowest imports (cumulative, ``python -X importtime``) of the
cached search are listed. Target (issue 11): the cached or offline search under 0.25 s CPU.

Usage::

    python scripts/bench_startup.py              # 9 runs each
    python scripts/bench_startup.py --repeat 3 --importtime
"""

from __future__ import annotations

import argparse
import compileall
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCH = (ROOT / "tests" / "oeis" / "data" / "constructed-search-1,2,6,20.json").read_bytes()


class _Search(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the captured search for 1,2,6,20 (JSON)."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(SEARCH)))
        self.end_headers()
        self.wfile.write(SEARCH)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(CPU seconds of the child, wall seconds, exit code) of one cold process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        proc.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall, proc.returncode


def _importtime(argv: list[str], env: dict[str, str], top: int) -> list[tuple[int, str]]:
    proc = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], env=env, capture_output=True, text=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="processes per case (median)")
    parser.add_argument("--importtime", action="store_true", help="list the slowest imports")
    parser.add_argument("--top", type=int, default=12, help="how many imports to list")
    ns = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Search)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cache = tempfile.mkdtemp(prefix="numtheory-bench-startup-")
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        NUMTHEORY_CACHE_DIR=cache,
        NUMTHEORY_OEIS_URL=f"http://127.0.0.1:{server.server_address[1]}",
        NUMTHEORY_OEIS_MIN_INTERVAL="0",
    )
    env.pop("NUMTHEORY_OFFLINE", None)
    # An installed package has its bytecode compiled (pip does it); a process that may not
    # write .pyc files compiles every module from source on each start (~0.25 s here), which
    # is not what a user pays. Measure what they pay: allow the bytecode, and write it now.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "numtheory"), quiet=1)
    py = sys.executable
    search = [py, "-m", "numtheory", "oeis", "1,2,6,20"]
    code = _run(search, env)[2]  # fills the cache
    if code != 0:
        print(f"filling the cache failed (exit {code})", file=sys.stderr)
        return 1
    server.shutdown()  # from here on, a run that needed the network would fail

    cases = [
        ("python -c pass", [py, "-c", "pass"]),
        ("import numtheory", [py, "-c", "import numtheory"]),
        ("import numtheory.cli", [py, "-c", "import numtheory.cli"]),
        ("numtheory --version", [py, "-m", "numtheory", "--version"]),
        ("numtheory oeis 1,2,6,20 (cached)", search),
        ("numtheory oeis --offline 1,2,6,20", [*search[:4], "--offline", "1,2,6,20"]),
        ("numtheory factor 360", [py, "-m", "numtheory", "factor", "360"]),
    ]
    load = os.getloadavg()[0]
    print(
        f"cold processes, median of {ns.repeat}; load average {load:.2f}; {sys.version.split()[0]}"
    )
    print(f"{'case':38} {'CPU s':>7} {'wall s':>7} {'CPU / bare python':>18}")
    floor = None
    for label, argv in cases:
        runs = [_run(argv, env) for _ in range(ns.repeat)]
        codes = {code for _, _, code in runs}
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        floor = cpu if floor is None else floor
        note = "" if codes == {0} else f"  exit {sorted(codes)}"
        print(f"{label:38} {cpu:7.3f} {wall:7.3f} {cpu / floor:17.1f}x{note}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if ns.importtime:
        print("\nslowest imports of `numtheory oeis 1,2,6,20` (cached), cumulative ms:")
        for micros, name in _importtime(search, env, ns.top):
            print(f"  {micros / 1000:8.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
