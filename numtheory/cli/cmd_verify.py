"""``numtheory verify``: run the named checks of mathematical claims, locally or on Dask."""

from __future__ import annotations

import argparse
import importlib
import json
from typing import Any

from numtheory.cli._args import IntExpressionError, int_arg, parse_int, parse_int_list
from numtheory.cli._output import Output
from numtheory.errors import EXIT_NOT_FOUND, EXIT_OK, InputError

NAME = "verify"
HELP = "check mathematical claims (all checks, or the named ones)"
ORDER = 70
DESCRIPTION = """\
Check mathematical claims and print the evidence: how many cases, how far, the largest
error, the first counterexample. Range checks (central-binomial-2adic, kummer, legendre,
primality, exp-taylor-positive) split their range into chunks that run on a local process
pool (--workers, default: all cores) or a Dask cluster (--scheduler, needs numtheory[dask]).

examples:
  numtheory verify                                  all checks at their default size
  numtheory verify --list                           names and claims
  numtheory verify central-binomial-2adic --upto 10**8 --checkpoint cb.json
  numtheory verify primality --start 10**15 --upto 10**15+10**6
  numtheory verify kummer --param primes=2,3,5,7,11 --param kummer.upto=400
  numtheory verify gamma-identities --dps 1000 --json
  numtheory verify central-binomial-2adic --upto 10**9 --scheduler tcp://10.0.0.5:8786

exit codes: 0 all passed, 1 a check failed (or raised an error), 2 unknown check, bad option
or parameter, a checkpoint from another run, or a --scheduler that cannot be reached within
10 s, 4 worker processes kept dying, 130 interrupted (finished chunks stay in the
--checkpoint file; rerun the same command to resume)"""

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME", help="checks to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the checks and their claims")
    parser.add_argument("--upto", type=int_arg, metavar="N", help="range checks: go up to N")
    parser.add_argument("--start", type=int_arg, metavar="N", help="range checks: start at N")
    parser.add_argument("--dps", type=int_arg, metavar="D", help="decimal digits for numerics")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="[CHECK.]KEY=VALUE",
        help="set a check parameter (repeatable); CHECK. limits it to one check",
    )
    parser.add_argument(
        "--workers", type=int_arg, metavar="K", help="local worker processes (default: all cores)"
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="run range chunks on this Dask scheduler"
    )
    parser.add_argument("--chunk-size", type=int_arg, metavar="N", help="numbers per chunk")
    parser.add_argument(
        "--checkpoint", metavar="FILE", help="save finished chunks here; resume from it"
    )
    parser.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="MODULE",
        help="import MODULE first (it registers your own checks; repeatable)",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )


def _parse_value(default: Any, text: str, where: str) -> Any:
    try:
        if isinstance(default, bool):
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise IntExpressionError(f"{text!r} is not true or false")
        if isinstance(default, int):
            return parse_int(text)
        if isinstance(default, float):
            return float(text)
        if isinstance(default, tuple):
            return tuple(parse_int_list(text))
    except (IntExpressionError, ValueError) as exc:
        raise InputError(f"bad value for {where}: {exc}") from None
    return text


def _collect_params(
    args: argparse.Namespace, selected: list[Any]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    from numtheory.verify import get_check

    params: dict[str, Any] = {}
    for key in ("upto", "start", "dps"):
        if getattr(args, key) is not None:
            params[key] = getattr(args, key)
    per_check: dict[str, dict[str, Any]] = {}
    for item in args.param:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param needs KEY=VALUE or CHECK.KEY=VALUE, got {item!r}")
        key = key.strip()
        if "." in key:
            name, _, key = key.rpartition(".")
            check = get_check(name)
            if key not in check.params:
                raise InputError(f"check {name!r} has no parameter {key!r}")
            per_check.setdefault(name, {})[key] = _parse_value(check.params[key], text, item)
        else:
            owners = [c for c in selected if key in c.params]
            if not owners:
                known = sorted({k for c in selected for k in c.params})
                raise InputError(
                    f"no selected check takes a parameter {key!r} (they take: {', '.join(known)})"
                )
            params[key] = _parse_value(owners[0].params[key], text, item)
    return params, per_check


def _list(out: Output) -> int:
    from numtheory.verify import checks

    entries = checks()
    width = max(len(c.name) for c in entries)
    lines = [f"{c.name:<{width}}  {c.claim}" for c in entries]
    data = {
        "checks": [
            {
                "name": c.name,
                "claim": c.claim,
                "source": c.source,
                "range": c.is_range,
                "params": dict(c.params),
            }
            for c in entries
        ]
    }
    out.result("\n".join(lines), json.loads(json.dumps(data, default=str)))
    return EXIT_OK


def _render(report: Any) -> str:
    width = max((len(r.name) for r in report.results), default=0)
    lines = []
    for r in report.results:
        mark = "PASS" if r.passed else "FAIL"
        lines.append(f"{mark}  {r.name:<{width}}  {r.seconds:7.2f} s  {r.summary}")
        if not r.passed:
            first = r.detail.get("first_counterexample")
            if first is not None:
                lines.append(f"      first counterexample: {json.dumps(first, default=str)}")
            if "error" in r.detail and not r.summary.startswith("error:"):
                lines.append(f"      error: {r.detail['error']}")
    count = len(report.results)
    lines.append(
        f"{count} check{'' if count == 1 else 's'}: {report.passed} passed, "
        f"{report.failed} failed in {report.seconds:.1f} s"
    )
    return "\n".join(lines)


def run(args: argparse.Namespace, out: Output) -> int:
    for module in args.imports:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise InputError(f"--import {module}: {exc}") from exc
    if args.list:
        return _list(out)
    from numtheory.verify import SweepInterrupted, checks, get_check
    from numtheory.verify import run as run_checks

    selected = [get_check(n) for n in args.names] if args.names else checks()
    params, per_check = _collect_params(args, selected)
    progress = out.is_tty() and not args.no_progress
    try:
        report = run_checks(
            args.names or None,
            workers=args.workers,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            checkpoint=args.checkpoint,
            progress=progress,
            log=out.warn,
            check_params=per_check,
            **params,
        )
    except SweepInterrupted as stop:
        where = (
            f"; finished chunks are saved in {stop.checkpoint}: rerun the same command to resume"
            if stop.checkpoint
            else "; use --checkpoint FILE to make long sweeps resumable"
        )
        out.error(
            f"interrupted during {stop.check}: {stop.finished} of {stop.total} chunks finished, "
            f"every n up to {stop.contiguous_upto} checked{where}"
        )
        return 130
    data = json.loads(json.dumps(report.to_json(), default=str))
    out.result(_render(report), data)
    return EXIT_OK if report.ok else EXIT_NOT_FOUND
