"""The ``numtheory guess`` commands the README and ``numtheory guess --help`` show find a guess.

Walking the README as a new user: ``numtheory guess 1,1,2,5,14,42,132,429,1430,4862 --plot
g.svg`` (the plot example, also in the command's help) found nothing, as ten Catalan numbers
are too few to confirm a guess; the shown command must do what the text next to it says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from numtheory.cli import cmd_guess, main

ROOT = Path(__file__).resolve().parents[2]
_COMMAND = re.compile(r"^\s*(?:\$ )?numtheory guess ([-0-9, ]+?)(?:\s+--plot \S+)?(?:\s{2,}.*)?$")


def _guess_examples() -> list[str]:
    texts = [ROOT.joinpath("README.md").read_text(encoding="utf-8"), cmd_guess.DESCRIPTION]
    found = []
    for text in texts:
        for line in text.splitlines():
            if (m := _COMMAND.match(line)) and "," in m[1]:
                found.append(m[1].strip())
    return sorted(set(found))


EXAMPLES = _guess_examples()


def test_the_examples_are_found() -> None:
    assert "1,1,2,5,14,42,132,429,1430,4862,16796" in EXAMPLES


@pytest.mark.parametrize("terms", EXAMPLES)
def test_a_documented_guess_command_finds_a_guess(
    terms: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guess", terms]) == 0, capsys.readouterr().err
    assert "a conjecture" in capsys.readouterr().out
