"""Hostile command-line input, every command: empty strings, a million digits, ``1,,2``,
other scripts' digits, negative zero, unknown options, each also under ``--json``.

Each must exit with the documented code (2: bad input) and one short message that names the
bad value (an excerpt of a huge one), never a traceback. In-process (``main([...])``), so
a million-character argument is possible (a real process would hit Linux's 128 KiB limit
for one argument). Found by walking the CLI as a new user (the rows say what was wrong).
"""

from __future__ import annotations

import json

import pytest

from numtheory.cli import main

TERMS = "1,1,2,5,14,42,132,429,1430,4862,16796"
MILLION = "7" * 10**6
LONG_NAME = "n" * 300  # one path component over the 255 bytes of ext4, xfs, tmpfs...

# (argv, what the message must name)
BAD: list[tuple[list[str], str]] = [
    # the term list lost the empty term silently: '1,,2' searched for 1, 2
    (["oeis", "1,,2,6,20"], "'1,,2,6,20' has an empty term"),
    (
        ["oeis", "1, ,2,6,20"],
        "'1, ,2,6,20' has an empty term (two separators in a row, at character 4)",
    ),
    (["oeis", ",,1,2,6,20"], "at character 2"),
    (["identify", "1,,2,5,14,42"], "'1,,2,5,14,42' has an empty term"),
    (["guess", "1,,1,2,5,14,42,132,429,1430,4862,16796"], "has an empty term"),
    (["fn", "crt", "1,,2", "3,5"], "'1,,2' has an empty term"),
    # --limit/--start/--depth were argparse's int(): other scripts' digits were accepted, and
    # a million digits took 11 s to convert
    (["oeis", "--limit", "\u0661\u0662", "1,2,6,20"], "'\u0661\u0662' is not an integer"),
    (["oeis", "--start", "\uff11", "1,2,6,20"], "'\uff11' is not an integer"),
    (["oeis", "--limit", MILLION, "1,2,6,20"], "(1,000,000 characters)"),
    (["identify", "--depth", "\u0661", "1,2,5,14,42"], "'\u0661' is not an integer"),
    (["identify", "--limit", "", "1,2,5,14,42"], "empty integer"),
    # --timeout was float(): 'inf' and '١' were seconds
    (["oeis", "--timeout", "inf", "1,2,6,20"], "'inf' is not a number of seconds"),
    (["oeis", "--timeout", "\u0661", "1,2,6,20"], "'\u0661' is not a number of seconds"),
    (["mirror", "sync", "--deadline", "-0x1"], "'-0x1' is not a number of seconds"),
    # finite to float() but not to a socket: --deadline 1e300 was an internal error (exit 4,
    # OverflowError from settimeout), 1e999 was infinity
    (["mirror", "sync", "--deadline", "1e300"], "'1e300' is too long a duration: at most"),
    (["mirror", "sync", "--timeout", "1e999"], "'1e999' is too long a duration"),
    (["oeis", "--timeout", "-1e400", "1,2,6,20"], "'-1e400' is too long a duration"),
    (["oeis", "--timeout", "1__0", "1,2,6,20"], "'1__0' is not a number of seconds"),
    # a million-digit value came back in full in the message (and took 15 s to print)
    (["guess", "--next", "10**100000", TERMS], "1000000000\u2026(100001 digits)\u20260000000000"),
    (["oeis", "--limit", "-10**100000", "1,2,6,20"], "(100001 digits)"),
    (["verify", "central-binomial-2adic", "--start", "-10**100000"], "integer of 332193 bits"),
    (["verify", "kummer", "--workers", "-10**100000"], "workers must be >= 1, got <-integer of"),
    (["plot", "central-binomial-2adic", "v.png", "--upto", "10**100000"], "of 332193 bits"),
    # a million-character name came back in full
    (["fn", MILLION], "(1,000,000 characters)"),
    (["verify", MILLION], "(1,000,000 characters)"),
    (["plot", MILLION, "out.png"], "(1,000,000 characters)"),
    (["valuation", "binomial", "1", "2", "3", MILLION[:5000]], "(5,006 characters)"),
    # a file name longer than the file system allows (255 bytes) was an internal error
    # (exit 4, OSError ENAMETOOLONG), the name quoted in full
    (["oeis", "A000045", "--plot", LONG_NAME + ".png"], "file name too long"),
    (["verify", "kummer", "--checkpoint", LONG_NAME], "file name too long"),
    (["verify", "legendre", "--evidence", LONG_NAME], "file name too long"),
    (["mirror", "sync", "--from", LONG_NAME], "file name too long"),
    # 400 nines were float('inf'), and int() of it an internal error
    (["mirror", "sync", "--max-download", "9" * 400], "must be below 8 EiB"),
    # a path, module or parameter echoed back in full (a megabyte of message)
    (["guess", TERMS, "--plot", MILLION], "characters)"),
    (["verify", "kummer", "--import", MILLION], "characters)"),
    (["verify", "kummer", "--param", MILLION + "=1"], "characters)"),
    (["verify", "kummer", "--param", "upto=" + MILLION], "characters)"),
    (["verify", "--audit", MILLION], "characters)"),
    # an unrecognized word came back in full (a megabyte of message)
    (["mirror", "status", MILLION], "unrecognized arguments: '7777"),
    (["factor", "--x" + MILLION], "(1,000,003 characters) (and the following arguments"),
    (["--" + MILLION], "(1,000,002 characters)"),
    # an unknown option was not named when a required argument was missing as well
    (["factor", "--bogus"], "unrecognized arguments: --bogus"),
    (["oeis", "--bogus"], "unrecognized arguments: --bogus"),
    (["guess", "--bogus=3"], "unrecognized arguments: --bogus"),
    (["prime", "test", "--bogus"], "unrecognized arguments: --bogus"),
    # these were right already; kept so that they stay right
    (["valuation", ""], "empty integer"),
    (["valuation", "\u0661\u0662\u0663"], "'\u0661\u0662\u0663' is not an integer"),
    (["factor", MILLION], "(1,000,000 characters)"),
    (["prime", "next", "1,,2"], "'1,,2' is not an integer"),
    (["prime", "prev", "-0"], "got 0"),
    (["valuation", "-0"], "got 0"),
    (["oeis", "\uff11,\uff12"], "is not an integer term"),
    (["verify", "--bogus"], "unrecognized arguments: --bogus"),
]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("NUMTHEORY_OFFLINE", "1")
    monkeypatch.setenv("NUMTHEORY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def _ids(case: tuple[list[str], str]) -> str:
    return " ".join(word if len(word) < 20 else f"<{len(word)} chars>" for word in case[0])


@pytest.mark.parametrize("case", BAD, ids=[_ids(case) for case in BAD])
def test_bad_input_exits_2_naming_the_value(
    case: tuple[list[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv, named = case
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert named in captured.err
    assert "Traceback" not in captured.err
    # one message, short whatever the input (the usage lines of the command at most)
    assert len(captured.err) < 1500, captured.err[:300]


@pytest.mark.parametrize("case", BAD, ids=[_ids(case) for case in BAD])
def test_bad_input_under_json_is_one_json_error(
    case: tuple[list[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv, named = case
    assert main([argv[0], "--json", *argv[1:]]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # the JSON error goes to stderr, as for every command
    document = json.loads(captured.err)
    assert document["exit_code"] == 2
    assert named in document["error"]
    assert len(captured.err) < 1500


def test_negative_zero_is_zero(capsys: pytest.CaptureFixture[str]) -> None:
    # -0 is a valid integer (zero), not an option and not an error
    assert main(["prime", "test", "-0"]) == 1
    assert capsys.readouterr().out == "0: not prime\n"
    assert main(["fn", "totient", "-0"]) == 2
    assert "totient() needs n >= 1, got 0" in capsys.readouterr().err
    assert main(["factor", "-0"]) == 0
    assert capsys.readouterr().out == "0 = 0\n"


def test_the_separators_a_term_list_may_have_still_work(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # spaces around commas, several spaces, one argument per term: all one list
    for argv in (["1, 2, 6, 20"], ["1 2  6 20"], ["1,", "2,", "6,", "20"], ["1;2;6;20"]):
        assert main(["oeis", *argv]) == 0, argv
        assert "A000984" in capsys.readouterr().out


def test_an_abbreviated_option_is_not_called_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    # argparse accepts unambiguous prefixes (--lim for --limit): no false "unrecognized"
    assert main(["oeis", "--lim", "1", "1,2,6,20"]) == 0
    assert "A000984" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["oeis", "1,2,6,20,"],  # a copied list ending with a comma
        ["oeis", ",1,2,6,20,"],  # as the OEIS's stripped dump writes a sequence
        ["oeis", "1,", "2,", "6,", "20,"],
        ["oeis", "+1,+2,+6,+20"],
        ["oeis", "001,002,006,020"],  # leading zeros: still decimal
        ["oeis", "--timeout", "0.5", "1,2,6,20"],
        ["oeis", "--timeout", "1e3", "1,2,6,20"],
        ["oeis", "--timeout", "1e7", "1,2,6,20"],  # MAX_SECONDS itself
        ["oeis", "--timeout", "1_000", "1,2,6,20"],  # float() took it, as int_arg takes 1_000
    ],
)
def test_a_separator_at_an_end_and_other_legitimate_input_are_accepted(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # an end separator loses no term (only two in a row do): refusing it refused real input
    assert main(argv) == 0, capsys.readouterr().err
    assert "A000984" in capsys.readouterr().out


def test_a_term_list_from_stdin_may_end_its_lines_with_commas(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("# from a file\n1, 2, 6,\n20, 70,\n"))
    assert main(["oeis", "-"]) == 0, capsys.readouterr().err
    assert "A000984" in capsys.readouterr().out


def test_a_short_option_with_its_value_attached_is_not_called_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # argparse reads -p3 as -p 3: the missing argument is the error, not -p3
    assert main(["valuation", "-p3"]) == 2
    err = capsys.readouterr().err
    assert "required" in err and "unrecognized" not in err
    assert main(["valuation", "-p3", "54"]) == 0  # v_3(54) = 3: 54 = 2 * 3^3
    assert capsys.readouterr().out == "3\n"


def test_an_unknown_command_is_the_error_not_its_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the top-level parser does not know --limit, but it is the command's option, and the
    # command is what is wrong
    assert main(["bogus", "--limit", "3"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err and "unrecognized" not in err
    assert main(["--bogus", "factor", "12"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err
