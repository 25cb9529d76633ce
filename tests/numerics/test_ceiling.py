"""The documented dps ceiling (issues 9 and 10): refused at once, with a cost estimate.

Before, any dps up to 10**7 was accepted: ``gamma(1+2j, dps=10**6)`` ran for hours in a C call
that Ctrl-C cannot stop, and ``--dps 10**9`` used 1.2 GB before failing.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from numtheory.errors import InputError
from numtheory.numerics import (
    exp_taylor,
    exp_taylor_min,
    gamma,
    gamma_fourier,
    loggamma,
    random_angle_mean,
    random_angle_pdf,
    random_angle_variance,
    rgamma,
    taylor_coefficients,
)
from numtheory.numerics.convert import DPS_CEILING, check_dps, estimate_seconds

# Every public numerics function that takes dps, with arguments that are otherwise valid.
CALLS: dict[str, Callable[[int], Any]] = {
    "gamma": lambda d: gamma(1 + 2j, dps=d),
    "gamma(int)": lambda d: gamma(5, dps=d),
    "loggamma": lambda d: loggamma("1/3", dps=d),
    "rgamma": lambda d: rgamma(2.5, dps=d),
    "gamma_fourier": lambda d: gamma_fourier(1 + 2j, dps=d),
    "taylor_coefficients": lambda d: taylor_coefficients("gamma", 1, 10, dps=d),
    "taylor_coefficients(callable)": lambda d: taylor_coefficients(lambda x: x, 0, 3, dps=d),
    "exp_taylor": lambda d: exp_taylor(10, 0.5, dps=d),
    "exp_taylor_min": lambda d: exp_taylor_min(10, dps=d),
    "random_angle_pdf": lambda d: random_angle_pdf("1/2", 5, dps=d),
    "random_angle_mean": lambda d: random_angle_mean(5, dps=d),
    "random_angle_variance": lambda d: random_angle_variance(5, dps=d),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("dps", [DPS_CEILING + 1, 10**6, 10**9, 10**100])
def test_every_function_refuses_dps_beyond_the_ceiling(name: str, dps: int) -> None:
    with pytest.raises(InputError, match=rf"accepts dps up to {DPS_CEILING}"):
        CALLS[name](dps)


def test_message_says_roughly_how_long_it_would_take() -> None:
    with pytest.raises(InputError) as info:
        check_dps(10**6, "gamma")
    text = str(info.value)
    assert "gamma()" in text and "1000000" in text and "hours" in text
    assert f"{estimate_seconds(10**6) / 3600:.2g}" in text
    with pytest.raises(InputError, match="years"):
        check_dps(10**9, "gamma")
    with pytest.raises(InputError, match=r"more than 10\^6 years"):
        check_dps(10**100, "gamma")  # no float overflow in the estimate
    with pytest.raises(InputError, match=r"<integer of \d+ bits>"):
        check_dps(10**5000, "gamma")  # a huge dps is abbreviated in the message


def test_estimate_follows_the_measured_points() -> None:
    assert 0.1 < estimate_seconds(10_000) < 0.5
    assert 20 < estimate_seconds(DPS_CEILING) < 120
    assert estimate_seconds(10**6) > 3600  # the "over 10 minutes"
    assert estimate_seconds(3 * 10**5) > estimate_seconds(2 * 10**5)


def test_the_ceiling_itself_is_accepted() -> None:
    assert check_dps(DPS_CEILING, "gamma") == DPS_CEILING
    assert len(str(gamma(3, dps=DPS_CEILING))) > 0  # an exact value: cheap at any precision


def _refuse_in_subprocess(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with 1.2 GB of address space; the old code hung (hours) or ran out of memory."""

    def limit() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (1200 * 2**20, 1200 * 2**20))

    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        env=dict(os.environ),
        check=False,
    )


def test_huge_dps_is_refused_at_once_without_allocating() -> None:
    code = (
        "import numtheory.numerics as nn\n"
        "from numtheory.errors import InputError\n"
        "for d in (10**6, 10**9):\n"
        "    try:\n"
        "        nn.gamma(1 + 2j, dps=d)\n"
        "    except InputError as exc:\n"
        "        print('refused', exc)\n"
    )
    proc = _refuse_in_subprocess(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("refused") == 2
