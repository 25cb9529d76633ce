"""``numtheory verify``: run the named checks of mathematical claims, locally or on Dask."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from numtheory._validate import excerpt
from numtheory.cli._args import IntExpressionError, int_arg, parse_int, parse_int_list
from numtheory.cli._exit import EXIT_NOT_FOUND, EXIT_OK
from numtheory.cli._output import Output
from numtheory.errors import InputError

NAME = "verify"
HELP = "check mathematical claims (all checks, or the named ones)"
DESCRIPTION = """\
Check mathematical claims and print the evidence: how many cases, how far, the largest
error, the first counterexample. Range checks (central-binomial-2adic, kummer, legendre,
primality, exp-taylor-positive) split their range into chunks that run on a local process
pool (--workers, default: all cores) or a Dask cluster (--scheduler, needs numtheory[dask]).

examples:
  numtheory verify                                  all checks at their default size
  numtheory verify --list                           names, claims, parameters and defaults
  numtheory verify central-binomial-2adic --upto 10**8 --checkpoint cb.json
  numtheory verify primality --start 10**15 --upto 10**15+10**6
  numtheory verify kummer --param primes=2,3,5,7,11 --param kummer.upto=400
  numtheory verify gamma-identities --dps 1000 --json
  numtheory verify my-check --import mychecks       mychecks.py in the current directory
  numtheory verify my-check --import ./lab/mychecks.py
  numtheory verify central-binomial-2adic --upto 10**9 --scheduler tcp://10.0.0.5:8786
  numtheory verify kummer --plot rate.png           also draw each chunk's numbers per second

exit codes: 0 all passed, 1 a check failed (or raised an error), 2 unknown check, bad option
or parameter, an --import that fails (not found, raises, or calls sys.exit), a checkpoint from
another run, another numtheory version or damaged, or a --scheduler that cannot be reached,
4 worker processes kept dying, 130 interrupted (finished chunks stay in the --checkpoint
file; rerun the same command to resume)

evidence (one range check per record):
  numtheory verify legendre --upto 10**6 --evidence run.json
  numtheory verify --audit run.json --sample 20 --seed 1
  numtheory verify --audit run.json --workers 2     the sample on 2 worker processes
  --audit: exit 0 the record passed, 1 a field or chunk altered or off the schema (named),
  2 no record (unreadable, too large, not JSON, another format), its check is not
  registered, or its chunks are larger than an audit recomputes (--max-chunk, default
  10**9 numbers), 4 worker processes kept dying, 130 interrupted"""

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
        "--workers",
        type=int_arg,
        metavar="K",
        help="local worker processes (default: all cores; with --audit: 1, this process)",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="run range chunks on this Dask scheduler"
    )
    parser.add_argument(
        "--chunk-size",
        type=_chunk_size_arg,
        metavar="N|auto",
        help=(
            "numbers per chunk; auto: measured so per-chunk overhead stays under 5%% "
            "(default: auto with --scheduler, else each check's own)"
        ),
    )
    parser.add_argument(
        "--checkpoint", metavar="FILE", help="save finished chunks here; resume from it"
    )
    parser.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="MODULE",
        help=(
            "import MODULE first (it registers your own checks; repeatable): a module name, "
            "looked up in the current directory first, or a path to a .py file"
        ),
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    # BEGIN issue-16-plots
    from numtheory.cli._plot import add_plot_option

    add_plot_option(parser, "each range check's rate per chunk (numbers per second)")
    # END issue-16-plots
    # BEGIN issue-15-evidence
    parser.add_argument(
        "--evidence", metavar="FILE", help="write an evidence record of the run (one range check)"
    )
    parser.add_argument(
        "--audit", metavar="FILE", help="audit an evidence record: recompute a random sample"
    )
    parser.add_argument(
        "--sample", type=int_arg, metavar="K", help="--audit: chunks recomputed (default: 1%%)"
    )
    parser.add_argument(
        "--seed", type=int_arg, metavar="S", help="--audit: seed of the sample (default: random)"
    )
    parser.add_argument(
        "--max-chunk",
        type=int_arg,
        metavar="N",
        help="--audit: refuse a record whose chunks hold more than N numbers (default: 10**9)",
    )
    # END issue-15-evidence


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
            return tuple(parse_int_list(text, advice="give fewer"))
    except (IntExpressionError, ValueError) as exc:
        raise InputError(f"bad value for {where}: {exc}") from None
    return text


def _describe_params(check: Any) -> str:
    """``start=1, upto=100000, primes=2,3,5,7``: the parameters as ``--param`` spells them."""
    parts = []
    for key, default in check.params.items():
        if isinstance(default, tuple):
            shown = ",".join(str(v) for v in default)
        elif isinstance(default, bool):
            shown = "true" if default else "false"
        elif isinstance(default, str):
            shown = repr(default)
        else:
            shown = str(default)
        parts.append(f"{key}={shown}")
    return ", ".join(parts) or "none"


def _collect_params(
    args: argparse.Namespace, selected: list[Any]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    from numtheory.verify import get_check
    from numtheory.verify.runner import unknown_param

    params: dict[str, Any] = {}
    for key in ("upto", "start", "dps"):
        if getattr(args, key) is not None:
            params[key] = getattr(args, key)
    per_check: dict[str, dict[str, Any]] = {}
    for item in args.param:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param needs KEY=VALUE or CHECK.KEY=VALUE, got {excerpt(item)}")
        key = key.strip()
        if "." in key:
            name, _, key = key.rpartition(".")
            check = get_check(name)
            if key not in check.params:
                raise unknown_param(key, [check], _describe_params)
            per_check.setdefault(name, {})[key] = _parse_value(check.params[key], text, item)
        else:
            owners = [c for c in selected if key in c.params]
            if not owners:
                raise unknown_param(key, selected, _describe_params)
            params[key] = _parse_value(owners[0].params[key], text, item)
    return params, per_check


def _list(out: Output) -> int:
    from numtheory.verify import checks

    entries = checks()
    width = max(len(c.name) for c in entries)
    lines = []
    for c in entries:
        lines.append(f"{c.name:<{width}}  {c.claim}")
        kind = f"range check, {c.chunk_size} per chunk" if c.is_range else "plain check"
        lines.append(f"{'':<{width}}  params: {_describe_params(c)}  ({kind})")
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


def _import_plugin(spec: str) -> None:
    """Import one ``--import`` argument: a module name (current directory first) or a .py path.

    Whatever goes wrong inside the plugin is the user's input, not a bug of ours: an import
    that fails, raises, or calls ``sys.exit()`` is an :class:`InputError` (exit 2) naming it.
    """
    if not spec.strip():
        raise InputError("--import needs a module name or a path to a .py file, got ''")
    path = Path(spec)
    if spec.endswith(".py") or os.sep in spec or (os.altsep and os.altsep in spec):
        if path.suffix != ".py" or not path.is_file():
            raise InputError(f"--import {spec}: no such .py file")
        directory, module = str(path.resolve().parent), path.stem
        if not module.isidentifier():
            raise InputError(f"--import {spec}: {path.name} is not a valid module file name")
    else:
        directory, module = os.getcwd(), spec
    # Workers started by spawn or forkserver inherit sys.path, so they find the module too.
    if directory not in sys.path:
        sys.path.insert(0, directory)
    try:
        # A plugin's print() must not land in front of a --json document on stdout.
        with contextlib.redirect_stdout(sys.stderr):
            loaded = importlib.import_module(module)
    except SystemExit as exc:
        raise InputError(
            f"--import {spec}: the module called sys.exit({exc.code!r}) while being imported; "
            "a plugin should only define and register checks"
        ) from None
    except ImportError as exc:
        raise InputError(f"--import {spec}: {exc}") from exc
    except Exception as exc:
        raise InputError(
            f"--import {spec}: importing it raised {type(exc).__name__}: {exc}"
        ) from exc
    if spec.endswith(".py"):
        where = Path(getattr(loaded, "__file__", "") or "")
        if not where.is_file() or not where.samefile(path):
            raise InputError(
                f"--import {spec}: another module named {module!r} ({where or 'built in'}) "
                "is already loaded; rename the file"
            )


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


# BEGIN issue-15-evidence
_RUN_OPTIONS = (
    "upto", "start", "dps", "scheduler", "chunk_size", "checkpoint", "evidence",
)  # fmt: skip
_AUDIT_OPTIONS = ("sample", "seed", "max_chunk")


def _audit(args: argparse.Namespace, out: Output) -> int:
    """``--audit FILE``: exit 0 when the record passes, 1 when a field or chunk fails."""
    from numtheory.verify import audit

    given = [f"--{k.replace('_', '-')}" for k in _RUN_OPTIONS if getattr(args, k) is not None]
    given += ["NAME"] * bool(args.names) + ["--param"] * bool(args.param)
    if given:
        raise InputError(
            f"--audit takes the check, range and parameters from the record; "
            f"{', '.join(given)} cannot be given with it (only --sample, --seed, "
            "--max-chunk, --workers, --import)"
        )
    limit = {} if args.max_chunk is None else {"max_chunk": args.max_chunk}
    result = audit(
        args.audit, sample=args.sample, seed=args.seed, workers=args.workers, log=out.warn,
        **limit,
    )  # fmt: skip
    for warning in result.warnings:
        out.warn(warning)
    out.result(result.render(), result.to_json())
    return EXIT_OK if result.ok else EXIT_NOT_FOUND


# END issue-15-evidence


def run(args: argparse.Namespace, out: Output) -> int:
    if args.plot is not None and not args.list:  # issue-16-plots: runs this run() inside
        return _run_and_plot(args, out)
    for spec in args.imports:
        _import_plugin(spec)
    if args.list:
        return _list(out)
    # BEGIN issue-15-evidence
    if args.audit is not None:
        return _audit(args, out)
    if any(getattr(args, k) is not None for k in _AUDIT_OPTIONS):
        raise InputError("--sample, --seed and --max-chunk go with --audit FILE")
    # END issue-15-evidence
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
            evidence=args.evidence,  # issue-15-evidence
            progress=progress,
            log=out.warn,
            params=params,
            check_params=per_check,
        )
    except SweepInterrupted as stop:
        where = (
            f"; finished chunks are saved in {stop.checkpoint}: rerun the same command to resume"
            if stop.checkpoint and not getattr(args, "plot_scratch", False)  # issue-16-plots
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


# BEGIN issue-16-plots
def _run_and_plot(args: argparse.Namespace, out: Output) -> int:
    """``--plot FILE``: :func:`run` as without it, then each chunk's rate drawn from the
    checkpoint (the runner keeps only merged counts in memory, the checkpoint every chunk):
    the user's ``--checkpoint``, or one in a private temporary directory removed afterwards."""
    import tempfile

    from numtheory.cli._plot import plot_target, write_plot
    from numtheory.plotting import checkpoint_chunks, plot_chunk_rates
    from numtheory.verify import checks, get_check

    target = plot_target(args.plot)  # before any work: a bad path, or no matplotlib
    assert target is not None
    for spec in args.imports:
        _import_plugin(spec)
    selected = [get_check(n) for n in args.names] if args.names else checks()
    if not any(c.is_range for c in selected):
        names = ", ".join(c.name for c in selected)
        raise InputError(
            f"--plot draws the chunks of a range check, and none of {names} is one (range "
            "checks: numtheory verify --list)"
        )
    inner = argparse.Namespace(**{**vars(args), "imports": [], "plot": None})
    with contextlib.ExitStack() as stack:
        if inner.checkpoint is None:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="numtheory-plot-"))
            inner.checkpoint = os.path.join(scratch, "chunks.json")
            inner.plot_scratch = True  # run() must not offer it for resuming
        code = run(inner, out)
        if code == 130:
            return code
        if not os.path.exists(inner.checkpoint):  # no range chunk ran: nothing timed
            out.info(f"no plot written to {target}: no chunk of a range check ran")
            return code
        write_plot(plot_chunk_rates(checkpoint_chunks(inner.checkpoint)), target, out)
    return code


# END issue-16-plots
# BEGIN issue-15-dask
def _chunk_size_arg(text: str) -> int | str:
    """``--chunk-size``: an integer expression, or ``auto`` (a measured size)."""
    if text.strip().lower() == "auto":
        return "auto"
    return int_arg(text)


# END issue-15-dask
