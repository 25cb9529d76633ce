"""``numtheory oeis``: which sequence are these terms? Or: show an OEIS entry or its b-file."""

from __future__ import annotations

import argparse
import logging
import re
import warnings
from typing import TYPE_CHECKING, Any

from numtheory.cli._args import (
    MAX_TERMS_CHARS,
    IntExpressionError,
    int_arg,
    parse_int_list,
    seconds_arg,
    terms_text,
)
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK
from numtheory.cli._output import Output, short_int
from numtheory.errors import InputError

if TYPE_CHECKING:
    from numtheory.oeis.model import Sequence

NAME = "oeis"
HELP = "look terms up in the OEIS, or show an entry (A000984) or its b-file"
DESCRIPTION = """\
Look integer terms up in the On-Line Encyclopedia of Integer Sequences (https://oeis.org),
or show one entry.

  numtheory oeis 1,2,6,20            which sequences contain these consecutive terms?
  numtheory oeis 1 2 6 20            the same ("1, 2, 6, 20" too)
  ... | numtheory oeis -             terms from stdin (at most 100,000 characters)
  numtheory oeis A000984             the entry (--full for every field)
  numtheory oeis A000984 --bfile     the b-file: n a(n) per line (--strict: a bad line is exit 3)
  numtheory oeis A000045 --plot fib.png   also draw a(n) against n (.png or .svg; numtheory[plot])

Answers are cached for a week (NUMTHEORY_CACHE_DIR); --no-cache bypasses the cache. When the
OEIS cannot be reached, an expired cached copy, the local mirror or the built-in catalogue
answers, with a warning; --offline (or NUMTHEORY_OFFLINE=1) uses local data only (and pages
past the OEIS's 110 matches). An OEIS that could not be reached is not tried again for 5
minutes (NUMTHEORY_OEIS_FAILURE_TTL); --retry-now tries at once. A call kept waiting says so
on stderr. NUMTHEORY_OEIS_URL changes the server. Fields the local data do
not carry (offset, keywords, references of entries only in the mirror) are left out of the
text and null in --json. --json --full names the references reference_lines (the printed
references) and reference_count (how many OEIS entries mention this one). With --json, an
error is one JSON line on stderr: {"error": ..., "exit_code": ...}.

exit codes: 0 found, 1 no match / unknown A-number / too many results, 2 bad input,
3 the OEIS unreachable or answering badly (and no local answer).
Data: The OEIS Foundation Inc., https://oeis.org, CC BY-SA 4.0.
"""

_SHOWN_TERMS = 12
_WIDTH = 100


def register(parser: argparse.ArgumentParser) -> None:
    # `-5,3` (a negative first term) is a value, not an option: see numtheory.cli._common.Parser.
    parser.add_argument(
        "query",
        nargs="+",
        metavar="TERMS|A-NUMBER|-",
        help="terms (1,2,6,20 or 1 2 6 20), an A-number, or - to read terms from stdin",
    )
    parser.add_argument("--full", action="store_true", help="an entry: print every field")
    parser.add_argument("--bfile", action="store_true", help="an entry: print its b-file")
    parser.add_argument(
        "--limit", type=int_arg, default=10, metavar="N", help="show N matches (default 10)"
    )
    parser.add_argument(
        "--start",
        type=int_arg,
        default=0,
        metavar="K",
        help="skip the first K matches (online 0..100, the OEIS limit for anonymous users; "
        "local data have no limit)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument(
        "--timeout",
        type=seconds_arg,
        default=30.0,
        metavar="SECONDS",
        help="give up on the OEIS after this long, retries included (default 30)",
    )
    parser.add_argument(
        "--offline", action="store_true", help="never touch the network (local data only)"
    )
    parser.add_argument(
        "--retry-now",
        action="store_true",
        help="try the OEIS even if it failed moments ago (a failure is remembered for "
        "NUMTHEORY_OEIS_FAILURE_TTL seconds, 300 by default)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="with --bfile: a line that is not `n a(n)` is an error (exit 3), not a warning",
    )
    # BEGIN issue-16-plots
    from numtheory.cli._plot import add_plot_option

    add_plot_option(parser, "an entry's terms, a(n) against n (its b-file if cached, or --bfile)")
    # END issue-16-plots


#: The most characters ``numtheory oeis -`` reads from stdin: the term-list limit.
MAX_STDIN_CHARS = MAX_TERMS_CHARS


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
    # The OEIS layer is loaded when this command runs, not when the parser is built.
    from numtheory import oeis
    from numtheory.oeis import config
    from numtheory.oeis.model import looks_like_anumber, normalize_anumber

    text = terms_text(list(args.query))
    if args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {short_int(args.limit)}")
    local_only = args.offline or config.offline()
    if args.start < 0:
        raise InputError(
            f"--start must be 0 or more (matches to skip), got {short_int(args.start)}"
        )
    if args.start > oeis.MAX_START and not local_only:
        raise InputError(
            f"--start must be 0..{oeis.MAX_START}: the OEIS shows anonymous users only the "
            f"first {oeis.MAX_START + oeis.PAGE_SIZE} matches, got {short_int(args.start)} "
            "(local data page further: --offline)"
        )
    if not args.timeout > 0:
        raise InputError(f"--timeout must be > 0 seconds, got {args.timeout}")
    offline = True if args.offline else None
    # BEGIN issue-16-plots
    from numtheory.cli._plot import plot_target

    plot_to = plot_target(args.plot)  # a bad path or no matplotlib: exit 2 before any request
    # END issue-16-plots
    client = None
    if not local_only:
        # progress ("waiting for oeis.org: retry 2/4 in 5 s") goes to stderr as text lines,
        # --json or not; the library stays silent unless asked
        client = oeis.OEISClient(
            cache=not args.no_cache,
            deadline=args.timeout,
            ignore_remembered_failure=args.retry_now,
            progress=out.info,
        )
    try:
        if looks_like_anumber(text):
            aid = normalize_anumber(text)
            if args.bfile:
                pairs: list[tuple[int, int]] = []
                code = _bfile(aid, client, out, strict=args.strict, collect=pairs)
                if plot_to is not None and code == EXIT_OK:
                    _plot_bfile(aid, pairs, plot_to, out)
                return code
            answer = oeis.lookup_entry(aid, offline=offline, client=client)
            code = _entry(answer, args, out)
            if plot_to is not None:
                _plot_entry(answer.results[0], plot_to, out, use_cache=not args.no_cache)
            return code
        if args.bfile or args.full or args.strict or plot_to is not None:
            raise InputError("--bfile, --full, --strict and --plot need an A-number (e.g. A000984)")
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
    """The first terms that fit in ``width`` characters, each one whole or visibly elided.

    A number is never cut: one too long for the line shows as ``1234…(121 digits)…789``
    (see :func:`~numtheory.cli._output.short_int`); ``, ...`` says that more terms follow.
    """
    more = ", ..."
    pieces: list[str] = []
    used = 0
    for term in terms[:count]:
        piece = short_int(term)
        cost = len(piece) + (2 if pieces else 0)
        if pieces and used + cost + len(more) > width:
            break
        pieces.append(piece)
        used += cost
    shown = ", ".join(pieces)
    return shown + more if len(pieces) < len(terms) else shown


def _local_size(source: str) -> str:
    from numtheory.oeis.local import size

    count = size(source)
    return "" if count is None else f" ({count} sequences)"


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
    local = answer.source in ("mirror", "catalogue")
    if not results:
        if out.json_mode:
            out.result("", data)
        shown = answer.shown_query
        where, hint = "", ""
        if local:  # only the local data were searched: say so, and what else there is
            where = f" in the local {answer.source}{_local_size(answer.source)}"
            hint = (
                "; the full OEIS may have it: go online, or build the mirror with "
                "`numtheory mirror sync`"
                if answer.source == "catalogue"
                else "; the OEIS may have it if the mirror is old: go online"
            )
        if answer.total and answer.start >= answer.total:
            out.info(f"no matches past the first {answer.total} for {shown}{where}")
        else:
            out.info(f"no match for {shown}{where}{hint}")
            if answer.terms is not None and len(answer.terms) >= 4:  # identify's minimum
                terms = ",".join(map(str, answer.terms))
                out.info(f"transforms of the terms may match: try `numtheory identify {terms}`")
            # guessing (issue 12): a sequence the OEIS lacks may still have a formula
            out.info("`numtheory guess TERMS` may find a recurrence or generating function")
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
        # online, --start stops at 100 (the OEIS's anonymous limit); local data page further
        if last < answer.total and (local or last <= 100):
            summary += f" (more: --start {last})"
    else:
        summary = f"matches {first}-{last} (total unknown)"
        if local and len(results) == args.limit:
            summary += f" (more: --start {last})"
    where = {
        "network": "",
        "cache": ", from the cache",
        "stale-cache": ", from an expired cached copy",
    }.get(answer.source, f", from the local {answer.source}")
    lines.append(f"{summary}{where}")
    out.result(lines, data)  # a line break inside a field is shown escaped
    return EXIT_OK


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">")


def _entry(answer: Any, args: argparse.Namespace, out: Output) -> int:
    _warn_all(answer, out)
    seq: Sequence = answer.results[0]
    data = seq.to_json(full=args.full)
    lines = [f"{seq.id}  {seq.name}"]
    if seq.offset is not None:  # unknown for entries only in the mirror: left out, not 0
        lines.append(f"offset: {seq.offset}")
    lines.append("terms: " + ", ".join(str(t) for t in seq.terms))
    if seq.formulas:
        formulas = seq.formulas if args.full else seq.formulas[:5]
        lines.append(f"formulas ({len(seq.formulas)}):")
        lines += [f"  {f}" for f in formulas]
        if len(formulas) < len(seq.formulas):
            lines.append(f"  ... {len(seq.formulas) - len(formulas)} more (--full)")
    refs = []
    if seq.reference_lines is not None:
        refs.append(f"{len(seq.reference_lines)} printed")
    if seq.reference_count is not None:
        refs.append(f"{seq.reference_count} OEIS entries mention it")
    if refs:
        lines.append("references: " + ", ".join(refs))
    if seq.keywords is not None:
        lines.append("keywords: " + ",".join(seq.keywords))
    if args.full:
        sections: list[tuple[str, tuple[str, ...] | None]] = [
            ("comments", seq.comments),
            ("references", seq.reference_lines),
            ("links", None if seq.links is None else tuple(map(_strip_html, seq.links))),
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
        unknown = [
            label
            for label, value in (("offset", seq.offset), ("keywords", seq.keywords))
            if value is None
        ]
        said = (
            f"; {' and '.join(unknown)} unknown: the OEIS dumps do not have them" if unknown else ""
        )
        lines.append(f"(from the local {answer.source}{said})")
    out.result(lines, data)  # a line break inside a field is shown escaped
    return EXIT_OK


def _bfile(
    aid: str,
    client: Any,
    out: Output,
    *,
    strict: bool = False,
    collect: list[tuple[int, int]] | None = None,
) -> int:
    from numtheory.errors import OfflineError
    from numtheory.oeis.fallback import with_offline_hint
    from numtheory.oeis.parse import BFileWarning

    if client is None:
        raise OfflineError("offline: b-files come from the network (or its cache) only")
    # fetched and scanned once, under the call's deadline (client.bfile); a bad line is a
    # BFileWarning, shown as one clean line (strict: OEISResponseError, exit 3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BFileWarning)
        got = client.bfile_answer(aid, strict=strict)
    for warning in got.warnings:
        out.warn(with_offline_hint(warning))
    for item in caught:
        if issubclass(item.category, BFileWarning):
            out.warn(str(item.message))
        else:
            warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
    pairs, source, synthesized = got.pairs, got.source, got.synthesized
    if collect is not None:  # --plot draws the same pairs (fetched once)
        collect.extend(pairs)
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


# BEGIN issue-16-plots
def _plot_entry(seq: Sequence, target: Any, out: Output, *, use_cache: bool) -> None:
    """``--plot FILE`` for an entry: its cached b-file if any (never fetched), else the data."""
    from numtheory.cli._plot import write_plot
    from numtheory.plotting import plot_sequence

    # --no-cache: the cache is not read for the entry, so not for its b-file either
    write_plot(plot_sequence(seq, bfile=None if use_cache else False), target, out)


def _plot_bfile(aid: str, pairs: list[tuple[int, int]], target: Any, out: Output) -> None:
    """``--bfile --plot FILE``: the b-file just printed."""
    from numtheory.cli._plot import write_plot
    from numtheory.oeis.model import Sequence
    from numtheory.plotting import plot_sequence

    bare = Sequence(number=int(aid[1:]), name="", terms=())
    write_plot(plot_sequence(bare, bfile=pairs, title=f"{aid}, its b-file"), target, out)


# END issue-16-plots
