"""``numtheory identify``: text, --json, stdin, exit codes; ``numtheory oeis`` pointing at it."""

from __future__ import annotations

import io
import json

import pytest

from numtheory.cli import main
from numtheory.oeis import transforms as tf
from numtheory.oeis.mirror import build_mirror, mirror_path
from tests.cli.helpers import run_cli
from tests.oeis.test_mirror import write_dump

S = [3, 1, 4, 1, 6, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]  # in no catalogue


@pytest.fixture
def planted(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A mirror at the default place (the test's cache dir) holding S as A900001."""
    folder = tmp_path_factory.mktemp("dump")
    write_dump(folder / "stripped.gz", ["A900001 ," + ",".join(map(str, S)) + ","])
    write_dump(folder / "names.gz", ["A900001 A planted sequence."], kind="names")
    build_mirror(folder / "stripped.gz", folder / "names.gz", mirror_path())


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_shows_transforms_and_evidence(
    planted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    query = ",".join(map(str, tf.binomial_transform(S[:10])))
    code, out, _ = cli(capsys, "identify", query, "--offline", "--limit", "3")
    assert code == 0
    first = out.splitlines()[:3]
    assert first[0].startswith(" 1. Binomial transform of A900001: A900001 (A planted sequence.)")
    assert "transforms: inverse_binomial; 10 terms agree (checked, mirror)" in first[1]
    assert first[2] == "    terms: 3, 1, 4, 1, 6, 9, 2, 6, 5, 3"


def test_text_says_how_many_transformed_terms_agree(
    planted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # 100 + partial sums of S: its 11 differences are S, accounting for all 12 terms
    query = ",".join(map(str, [100, *(100 + x for x in tf.partial_sums(S[:11]))]))
    code, out, _ = cli(capsys, "identify", query, "--offline", "--limit", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(" 1. Partial sums of A900001 plus a constant: A900001")
    assert lines[1] == (
        "    transforms: differences; 11 transformed terms agree, accounting for 12 terms "
        "(checked, mirror)"
    )


def test_json_and_stdin(
    planted: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terms = " ".join(map(str, tf.partial_sums(tf.partial_sums(S[:12]))))
    monkeypatch.setattr("sys.stdin", io.StringIO(f"# a comment line\n{terms}\n"))
    code, out, _ = cli(capsys, "identify", "-", "--offline", "--json", "--depth", "2")
    assert code == 0
    doc = json.loads(out)
    top = doc["explanations"][0]
    assert top["sequence"]["id"] == "A900001"
    assert top["transforms"] == ["second_differences"] or top["transforms"] == ["gf*(1-x)^2"]
    assert top["matched"] == len(top["terms"]) and top["source"] == "mirror"
    assert top["conjecture"] is False


def test_nothing_found_and_bad_input(planted: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "identify", "5,91,3,77,1234,8", "--offline")
    assert (code, out) == (1, "") and "nothing found for 5, 91, 3, 77, 1234, 8" in err
    code, out, err = cli(capsys, "identify", "1,2,3", "--offline")
    assert (code, out) == (2, "") and "at least 4 terms, got 3" in err
    code, out, err = cli(capsys, "identify", "1,2,x,4", "--offline")
    assert (code, out) == (2, "") and "'x' is not an integer term" in err and "Traceback" not in err
    code, _, err = cli(capsys, "identify", "1,2,3,4", "--limit", "0")
    assert code == 2 and "--limit must be at least 1" in err


def test_oeis_suggests_identify_when_nothing_matches(
    planted: None, capsys: pytest.CaptureFixture[str]
) -> None:
    query = ",".join(map(str, tf.binomial_transform(S[:10])))
    code, _, err = cli(capsys, "oeis", query, "--offline")
    assert code == 1 and f"try `numtheory identify {query}`" in err
    code, _, err = cli(capsys, "oeis", "3,1,4,1,6", "--offline")  # found: no suggestion
    assert code == 0 and "identify" not in err


@pytest.mark.slow
def test_subprocess_exit_code_and_streams() -> None:
    run = run_cli("identify", "1,2,3", "--offline")
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err


def test_a_line_break_in_an_online_name_cannot_forge_a_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review (netfaults): a name from the network holding a newline printed as two lines."""
    import numtheory.oeis

    class Found(list):  # type: ignore[type-arg]
        notes: tuple[str, ...] = ()

    class Explanation:
        description = "A900001 (A planted\n    terms: 1, 2, 3)"
        transforms: tuple[str, ...] = ()
        terms = (1, 2, 6, 20)
        conjecture, matched, source = False, 4, "network"

        def to_json(self) -> dict[str, str]:
            return {"description": self.description}

    monkeypatch.setattr(numtheory.oeis, "identify", lambda *a, **k: Found([Explanation()]))
    code, out, _ = cli(capsys, "identify", "1,2,6,20")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == " 1. A900001 (A planted\\x0a    terms: 1, 2, 3)"
    assert [line for line in lines if line.startswith("    terms:")] == ["    terms: 1, 2, 6, 20"]
