"""``numtheory oeis``: which sequence are these terms? Or: show an OEIS entry or its b-file."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from typing import Any

from numtheory.cli._args import IntExpressionError, parse_int_list, read_limited
from numtheory.cli._output import Output
from numtheory.errors import EXIT_NOT_FOUND, EXIT_OK, InputError
from numtheory.oeis.model import Sequence, looks_like_anumber, normalize_anumber

NAME = "oeis"
HELP = "look terms up in the OEIS, or show an entry (A000984) or its b-file"
ORDER = 40
DESCRIPTION = """\
Look integer terms up in the On-Line Encyclopedia of Integer Sequences (https://oeis.org),
or show one entry.

  numtheory oeis 1,2,6,20            which sequences contain these consecutive terms?
  numtheory oeis 1 2 6 20            the same ("1, 2, 6, 20" too)
  ... | numtheory oeis -             terms from stdin
  numtheory oeis A000984             the entry (--full for every field)
  numtheory oeis A000984 --bfile     the b-file: n a(n) per line

Answers are cached for a week (NUMTHEORY_CACHE_DIR); --no-cache bypasses the cache. When the
OEIS cannot be reached, the local mirror or the built-in catalogue answers, with a warning;
--offline (or NUMTHEORY_OFFLINE=1) uses local data only. NUMTHEORY_OEIS_URL changes the server.

exit codes: 0 found, 1 no match / unknown A-number / too many results, 2 bad input,
3 the OEIS unreachable or answering badly (and no local answer).
Data: The OEIS Foundation Inc., https://oeis.org, CC BY-SA 4.0.
"""

_SHOWN_TERMS = 12
_WIDTH = 100


def register(parser: argparse.ArgumentParser) -> None:
    # `-5,3` (a negative first term) is a value, not an option: see numtheory.cli._app._Parser.
    parser.add_argument(
        "query",
        nargs="+",
        metavar="TERMS|A-NUMBER|-",
        help="terms (1,2,6,20 or 1 2 6 20), an A-number, or - to read terms from stdin",
    )
    parser.add_argument("--full", action="store_true", help="an entry: print every field")
    parser.add_argument("--bfile", action="store_true", help="an entry: print its b-file")
    parser.add_argument(
        "--limit", type=int, default=10, metavar="N", help="show N matches (default 10)"
    )
    parser.add_argument(
        "--start",
        type=int,
        default=0,
        metavar="K",
        help="skip the first K matches (0..100, the OEIS limit for anonymous users)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="give up on the OEIS after this long, retries included (default 30)",
    )
    parser.add_argument(
        "--offline", action="store_true", help="never touch the network (local data only)"
    )


def _read_query(args: argparse.Namespace) -> str:
    parts: list[str] = list(args.query)
    if parts == ["-"]:
        text = read_limited(sys.stdin)  # `yes | numtheory oeis -` is refused, not read forever
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        return " ".join(lines)
    if "-" in parts:
        raise InputError("'-' (read stdin) must be the only argument")
    return " ".join(parts)


class _WarnHandler(logging.Handler):
    """Route the OEIS layer's logged warnings (e.g. a rebuilt cache) to ``out.warn``."""

    def __init__(self, out: Output) -> None:
        super().__init__(logging.WARNING)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.warn(record.getMessage())


def run(args: argparse.Namespace, out: Output) -> int:
    logger = logging.getLogger("numtheory.oeis")
    handler = _WarnHandler(out)
    logger.addHandler(handler)
    try:
        return _run(args, out)
    finally:
        logger.removeHandler(handler)


def _run(args: argparse.Namespace, out: Output) -> int:
    from numtheory import oeis

    text = _read_query(args)
    if args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {args.limit}")
    if not 0 <= args.start <= oeis.MAX_START:
        raise InputError(
            f"--start must be 0..{oeis.MAX_START}: the OEIS shows anonymous users only the "
            f"first {oeis.MAX_START + oeis.PAGE_SIZE} matches, got {args.start}"
        )
    if not args.timeout > 0:
        raise InputError(f"--timeout must be > 0 seconds, got {args.timeout}")
    offline = True if args.offline else None
    client = None
    if not (args.offline or oeis.config.offline()):
        client = oeis.OEISClient(cache=not args.no_cache, deadline=args.timeout)
    try:
        if looks_like_anumber(text):
            aid = normalize_anumber(text)
            if args.bfile:
                return _bfile(aid, client, out)
            return _entry(oeis.lookup_entry(aid, offline=offline, client=client), args, out)
        if args.bfile or args.full:
            raise InputError("--bfile and --full need an A-number (e.g. A000984)")
        try:
            terms = parse_int_list(text)
        except IntExpressionError as exc:
            raise InputError(f"bad terms: {exc}") from None
        answer = oeis.lookup(
            terms, start=args.start, limit=args.limit, offline=offline, client=client
        )
        return _search(answer, args, out)
    finally:
        if client is not None:
            client.close()


def _warn_all(answer: Any, out: Output) -> None:
    for warning in answer.warnings:
        out.warn(warning)
    for note in getattr(answer, "notes", ()):
        out.info(note)


def _terms_line(terms: tuple[int, ...], count: int = _SHOWN_TERMS, width: int = _WIDTH) -> str:
    shown = ", ".join(str(t) for t in terms[:count])
    if len(terms) > count:
        shown += ", ..."
    if len(shown) > width:
        shown = shown[: width - 4].rsplit(",", 1)[0] + ", ..."
    return shown


def _search(answer: Any, args: argparse.Namespace, out: Output) -> int:
    _warn_all(answer, out)
    results: tuple[Sequence, ...] = answer.results
    data = {
        "query": answer.query,
        "source": answer.source,
        "start": answer.start,
        "total": answer.total,
        "results": [seq.to_json() for seq in results],
    }
    if not results:
        if out.json_mode:
            out.result("", data)
        where = "" if answer.source in ("network", "cache") else f" (the {answer.source})"
        if answer.total and answer.start >= answer.total:
            out.info(f"no matches past the first {answer.total}{where} for {answer.query}")
        else:
            out.info(f"no match{where} for {answer.query}")
        return EXIT_NOT_FOUND
    lines = []
    for seq in results:
        lines.append(f"{seq.id}  {seq.name}")
        lines.append(f"         {_terms_line(seq.terms)}")
    first, last = answer.start + 1, answer.start + len(results)
    if answer.total is not None and first == 1 and last == answer.total:
        summary = f"{last} match in all" if last == 1 else f"{last} matches in all"
    elif answer.total is not None:
        summary = f"matches {first}-{last} of {answer.total}"
        if last < answer.total and last <= 100:
            summary += f" (more: --start {last})"
    else:
        summary = f"matches {first}-{last} (total unknown)"
    where = {
        "network": "",
        "cache": ", from the cache",
        "stale-cache": ", from an expired cached copy",
    }.get(answer.source, f", from the local {answer.source}")
    lines.append(f"{summary}{where}")
    out.result("\n".join(lines), data)
    return EXIT_OK


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">")


def _entry(answer: Any, args: argparse.Namespace, out: Output) -> int:
    _warn_all(answer, out)
    seq: Sequence = answer.results[0]
    data = seq.to_json(full=args.full)
    lines = [f"{seq.id}  {seq.name}", f"offset: {seq.offset}"]
    lines.append("terms: " + ", ".join(str(t) for t in seq.terms))
    formulas = seq.formulas if args.full else seq.formulas[:5]
    if seq.formulas:
        lines.append(f"formulas ({len(seq.formulas)}):")
        lines += [f"  {f}" for f in formulas]
        if len(formulas) < len(seq.formulas):
            lines.append(f"  ... {len(seq.formulas) - len(formulas)} more (--full)")
    refs = f"references: {len(seq.references)} printed"
    if seq.reference_count is not None:
        refs += f", {seq.reference_count} OEIS entries mention it"
    lines.append(refs)
    lines.append("keywords: " + ",".join(seq.keywords))
    if args.full:
        sections = [
            ("comments", seq.comments),
            ("references", seq.references),
            ("links", tuple(_strip_html(link) for link in seq.links)),
            ("examples", seq.examples),
            ("maple", seq.maple),
            ("mathematica", seq.mathematica),
            ("programs", seq.programs),
            ("cross-references", seq.xrefs),
            ("extensions", seq.extensions),
        ]
        for title, items in sections:
            if items:
                lines.append(f"{title}:")
                lines += [f"  {item}" for item in items]
        for label, value in (
            ("author", seq.author),
            ("created", seq.created),
            ("revised", seq.revised),
        ):
            if value:
                lines.append(f"{label}: {value}")
    lines.append(seq.url)
    if answer.source not in ("network", "cache", "stale-cache"):
        lines.append(f"(from the local {answer.source})")
    out.result("\n".join(lines), data)
    return EXIT_OK


def _bfile(aid: str, client: Any, out: Output) -> int:
    from numtheory.errors import OfflineError
    from numtheory.oeis.parse import bfile_is_synthesized, parse_bfile

    if client is None:
        raise OfflineError("offline: b-files come from the network (or its cache) only")
    text, source, warnings = client.bfile_text(aid)
    for warning in warnings:
        out.warn(warning)
    pairs = parse_bfile(text, aid)
    synthesized = bfile_is_synthesized(text)
    if not pairs:  # e.g. a reserved A-number: the server sends only the header line
        out.info(f"{aid} has no terms in its b-file")
        return EXIT_NOT_FOUND
    if synthesized:
        out.info(f"{aid} has no b-file of its own; this one is made from the data line")
    data = {
        "query": aid,
        "source": source,
        "id": aid,
        "synthesized": synthesized,
        "bfile": [[n, value] for n, value in pairs],
    }
    out.result("\n".join(f"{n} {value}" for n, value in pairs), data)
    return EXIT_OK
