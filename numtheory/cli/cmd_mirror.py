"""``numtheory mirror``: download and index the OEIS bulk dumps for offline search."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from numtheory._display import size_text
from numtheory.cli._args import int_arg, seconds_arg
from numtheory.cli._common import common_options
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK, EXIT_UNAVAILABLE
from numtheory.cli._output import Output, short_int
from numtheory.errors import InputError

if TYPE_CHECKING:
    from numtheory.oeis.mirror import MirrorStatus

NAME = "mirror"
HELP = "keep a local mirror of the OEIS for offline search (sync, status)"
DESCRIPTION = """\
A local copy of every OEIS data line and name, indexed for subsequence search, so that
`numtheory oeis 1,2,6,20` answers without the network (and without loading the OEIS servers).

  numtheory mirror sync              download stripped.gz and names.gz (about 41 MB) and index them
  numtheory mirror sync --from DIR   index stripped.gz and names.gz already in DIR
  numtheory mirror status            sequence count, dump date, size on disk, soundness (--json)

The mirror lives in NUMTHEORY_CACHE_DIR (default: the user cache dir) as oeis/mirror.sqlite. A
sync builds the new index aside and swaps it in only when complete: a failed or interrupted
sync (Ctrl-C, SIGTERM) leaves the previous mirror as it was, and a sync rebuilds a damaged
mirror. NUMTHEORY_OEIS_URL changes the server.

Limits (options, or environment variables for every sync): each download at most 512 MiB
(--max-download, NUMTHEORY_MIRROR_MAX_DOWNLOAD), each dump unpacked at most 1 GiB
(--max-unpacked, NUMTHEORY_MIRROR_MAX_UNPACKED), lines at most 1 MiB, and the whole sync
within 1800 s (--deadline, NUMTHEORY_MIRROR_DEADLINE).

exit codes: 0 done, 1 (status) no mirror built yet, 3 download failed, dump damaged or too
big, disk full, deadline passed, or (status) the mirror is damaged.
Data: The OEIS Foundation Inc., https://oeis.org, CC BY-SA 4.0.
"""


def register(parser: argparse.ArgumentParser) -> None:
    common = common_options()  # --json and --debug after the action too
    sub = parser.add_subparsers(dest="mirror_command", metavar="ACTION")
    sub.required = True
    sync = sub.add_parser(
        "sync",
        parents=[common],
        help="download the OEIS dumps and (re)build the mirror",
        description="Download stripped.gz and names.gz and (re)build the mirror index.",
    )
    sync.add_argument(
        "--from",
        dest="from_dir",
        metavar="DIR",
        help="build from stripped.gz and names.gz in DIR instead of downloading",
    )
    sync.add_argument(
        "--min-count",
        type=int_arg,
        metavar="N",
        help="refuse a dump with fewer than N sequences (default: half the current mirror)",
    )
    sync.add_argument(
        "--timeout", type=seconds_arg, default=60.0, metavar="S", help="read timeout per request"
    )
    sync.add_argument(
        "--deadline",
        type=seconds_arg,
        metavar="S",
        help="give up when the whole sync takes longer (default 1800, NUMTHEORY_MIRROR_DEADLINE)",
    )
    sync.add_argument(
        "--max-download",
        metavar="SIZE",
        help="largest download accepted per dump, e.g. 512M (NUMTHEORY_MIRROR_MAX_DOWNLOAD)",
    )
    sync.add_argument(
        "--max-unpacked",
        metavar="SIZE",
        help="largest unpacked size per dump, e.g. 1G (NUMTHEORY_MIRROR_MAX_UNPACKED)",
    )
    status = sub.add_parser(
        "status",
        parents=[common],
        help="show what the mirror holds and check it is sound",
        description="Show what the mirror holds, and check it (SQLite's quick_check and the "
        "checksum of every block; --full: of every index entry too).",
    )
    status.add_argument(
        "--full", action="store_true", help="also check every index entry (a few seconds)"
    )


def _status_text(status: MirrorStatus, full: bool = False) -> str:
    if not status.exists:
        return f"no mirror at {status.path} (run `numtheory mirror sync`)"
    if status.damage is not None:
        return "\n".join(
            [
                f"mirror:     {status.path}",
                f"DAMAGED:    {status.damage}",
                f"size:       {size_text(status.size_bytes)} ({status.size_bytes:,} bytes)",
            ]
        )
    lines = [
        f"mirror:     {status.path}",
        f"sequences:  {status.sequences:,} ({status.names:,} names)",
        f"dump date:  {status.dump_date or 'unknown'}",
        f"built:      {status.built_at} from {status.source}"
        + (f" in {status.build_seconds:.1f} s" if status.build_seconds is not None else ""),
        f"size:       {size_text(status.size_bytes)} ({status.size_bytes:,} bytes)",
        "integrity:  ok (quick_check, every block"
        + (" and index checksum)" if full else " checksum; --full checks the index too)"),
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace, out: Output) -> int:
    # The mirror (sqlite3, and requests for a sync) is loaded when this command runs.
    from numtheory.oeis.mirror import build_mirror, mirror_status, sync_mirror
    from numtheory.oeis.mirror._files import parse_size

    if args.mirror_command == "status":
        status = mirror_status(full=args.full)
        out.result(_status_text(status, args.full), status.to_json())
        if not status.exists:
            return EXIT_NOT_FOUND
        return EXIT_OK if status.damage is None else EXIT_UNAVAILABLE
    if args.min_count is not None and args.min_count < 1:
        raise InputError(f"--min-count must be >= 1, got {short_int(args.min_count)}")
    if not args.timeout > 0:
        raise InputError(f"--timeout must be > 0 seconds, got {args.timeout}")
    if args.deadline is not None and not args.deadline > 0:
        raise InputError(f"--deadline must be > 0 seconds, got {args.deadline}")
    max_download = (
        None if args.max_download is None else parse_size(args.max_download, "--max-download")
    )
    max_unpacked = (
        None if args.max_unpacked is None else parse_size(args.max_unpacked, "--max-unpacked")
    )
    progress = out.is_tty() and not out.json_mode
    if args.from_dir is not None:
        folder = Path(args.from_dir)
        if not folder.is_dir():
            raise InputError(f"--from needs a directory holding stripped.gz and names.gz: {folder}")
        out.info(f"indexing {folder / 'stripped.gz'} and {folder / 'names.gz'}")
        status = build_mirror(
            folder / "stripped.gz",
            folder / "names.gz",
            source=str(folder.resolve()),
            min_count=args.min_count,  # None: half the current mirror (a damaged one: none)
            progress=progress,
            max_unpacked=max_unpacked,
            deadline=args.deadline,
        )
    else:
        status = sync_mirror(
            progress=progress,
            min_count=args.min_count,
            timeout=args.timeout,
            deadline=args.deadline,
            max_download=max_download,
            max_unpacked=max_unpacked,
            log=out.info,
        )
    date = status.dump_date or "unknown date"
    out.result(
        f"mirror ready: {status.sequences:,} sequences, dump of {date}"
        f", {size_text(status.size_bytes)} at {status.path}",
        status.to_json(),
    )
    return EXIT_OK
