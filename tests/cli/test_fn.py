"""``numtheory fn NAME ARGS...`` (issue 14): in-process through main() with capsys.

Part A's functions (totient, crt, sqrt_mod, ...) are built on another branch: their tests
here skip only while the function is missing from numtheory (see _needs).
"""

from __future__ import annotations

import json

import pytest

import numtheory as nt
from numtheory.cli import main
from numtheory.cli.cmd_fn import FUNCTIONS
from tests.cli.helpers import run_cli


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["fn", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _needs(name: str) -> None:
    if not callable(getattr(nt, name, None)):
        pytest.skip(f"{name} is issue 14 part A (not on this branch)")


PART_B = [
    (["isqrt", "10**40+1"], "100000000000000000000"),
    (["iroot", "2^300", "100"], "(8, True)"),
    (["integer_nthroot", "26", "2"], "(5, False)"),
    (["perfect_power", "-64"], "(-4, 3)"),
    (["primepi", "10**12"], "37607912018"),
    (["count_primes", "10**12", "10**12+10**6"], "36249"),
    (["nth_prime", "10**9"], "22801763489"),
    (["continued_fraction", "415/93"], "[4, 2, 6, 7]"),
    (["continued_fraction", "-7/3"], "[-3, 1, 2]"),
    (["continued_fraction_periodic", "3", "2", "7"], "[2, [1, 4, 1, 1]]"),
    (["continued_fraction_reduce", "1,6,1,8"], "71/62"),
    (["convergents", "0,2,1,2"], "[0, 1/2, 1/3, 3/8]"),
    (["pell", "61"], "(1766319049, 226153980)"),
    (["pell", "13", "-1"], "(18, 5)"),
    (["diop_DN", "13", "-4"], "[(3, 1), (393, 109), (36, 10)]"),
    (["diop_DN", "9", "16"], "[(4, 0), (5, 1)]"),
    (["diop_DN", "-1", "25"], "[(4, 3), (3, 4), (5, 0), (0, 5)]"),  # D < 0: every x, y >= 0
    (["diop_DN", "49", "0"], "[(7*t, t)]"),  # sympy's family, t any integer
    (["diop_DN", "0", "0"], "[(0, t)]"),
]


@pytest.mark.parametrize(("argv", "expected"), PART_B)
def test_part_b_text(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    code, out, err = _run(capsys, *argv)
    assert (code, out, err) == (0, expected + "\n", "")


# Part A (values checked with sympy 1.14): they pass once the lead merges arith-residues.
PART_A = [
    (["totient", "10"], "4"),
    (["divisors", "12"], "[1, 2, 3, 4, 6, 12]"),
    (["divisor_sigma", "12", "2"], "210"),
    (["mobius", "30"], "-1"),
    (["radical", "72"], "6"),
    (["carmichael_lambda", "561"], "80"),
    (["jacobi", "2", "15"], "1"),
    (["legendre", "3", "7"], "-1"),
    (["kronecker", "3", "8"], "-1"),
    (["mod_inverse", "3", "11"], "4"),
    (["crt", "2,3", "3,5"], "(5, 6)"),  # x = 3 (mod 2), x = 5 (mod 3)
    (["sqrt_mod", "2", "7", "--all"], "[3, 4]"),
    (["primitive_root", "7"], "3"),
    (["n_order", "2", "7"], "3"),
    (["discrete_log", "41", "15", "7"], "3"),
]


@pytest.mark.parametrize(("argv", "expected"), PART_A)
def test_part_a_text(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    _needs(argv[0])
    code, out, _ = _run(capsys, *argv)
    assert (code, out) == (0, expected + "\n")


def test_every_table_name_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--list")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == list(FUNCTIONS)
    code, out, _ = _run(capsys, "--list", "--json")
    assert set(json.loads(out)["functions"]) == set(FUNCTIONS)


def test_diop_dn_json_no_solution_and_families(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--json", "diop_DN", "5", "3")
    assert code == 1 and json.loads(out) == {"function": "diop_DN", "args": [5, 3], "result": []}
    assert err == "numtheory: diop_DN: no solution\n"
    code, out, _ = _run(capsys, "--json", "diop_DN", "49", "0")
    family = [[{"parameter": "t", "coefficient": 7}, {"parameter": "t", "coefficient": 1}]]
    assert code == 0 and json.loads(out)["result"] == family
    code, out, _ = _run(capsys, "--json", "diop_DN", "-1", "2")
    assert code == 0 and json.loads(out)["result"] == [[1, 1]]  # once (sympy: twice)


def test_empty_root_list_is_no_solution_like_none(capsys: pytest.CaptureFixture[str]) -> None:
    # sqrt_mod with no root: None without --all, [] with it; both exit 1 the same way
    _needs("sqrt_mod")
    assert _run(capsys, "sqrt_mod", "3", "7") == (1, "", "numtheory: sqrt_mod: no solution\n")
    assert _run(capsys, "sqrt_mod", "3", "7", "--all") == (
        1,
        "",
        "numtheory: sqrt_mod: no solution\n",
    )
    assert _run(capsys, "divisors", "0")[:2] == (0, "[]\n")  # an answer, not "no solution"


def test_empty_root_list_json_still_carries_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    # exit 1 ("no solution", docs/contracts.md's table and fn --help), and the JSON document
    # on stdout still holds the answer: [] with --all, null without
    _needs("nthroot_mod")
    for argv, result in (
        (["sqrt_mod", "3", "7", "--all"], []),
        (["sqrt_mod", "3", "7"], None),
        (["nthroot_mod", "3", "3", "7", "--all"], []),  # the cubes mod 7 are 0, 1, 6
        (["diop_DN", "-5", "-3"], []),
    ):
        code, out, err = _run(capsys, "--json", *argv)
        assert code == 1 and json.loads(out)["result"] == result, argv
        assert err == f"numtheory: {argv[0]}: no solution\n"
    code, out, _ = _run(capsys, "--json", "nthroot_mod", "6", "3", "7", "--all")
    assert code == 0 and json.loads(out)["result"] == [3, 5, 6]  # brute force: x**3 = 6 mod 7
    assert sorted(x for x in range(7) if pow(x, 3, 7) == 6) == [3, 5, 6]
    code, out, _ = _run(capsys, "--help")
    assert code == 0 and "an empty list from diop_DN or --all; --json still prints it" in " ".join(
        out.split()
    )


def test_json_has_stable_keys_and_big_ints(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--json", "pell", "10**10+7")
    doc = json.loads(out)
    x, y = doc["result"]
    assert code == 0 and doc["function"] == "pell" and doc["args"] == [10**10 + 7]
    assert x * x - (10**10 + 7) * y * y == 1 and len(str(x)) == 4120
    code, out, _ = _run(capsys, "--json", "continued_fraction_reduce", "1,2,2")
    assert json.loads(out)["result"] == {"numerator": 7, "denominator": 5}


def test_no_solution_and_false_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "pell", "3", "-1") == (1, "", "numtheory: pell: no solution\n")
    # diop_DN's empty list is "no solution" too (exit 1, as pell's None): the equation is
    # well posed and solved, there is nothing to print
    for D, N in (("5", "3"), ("-5", "-3"), ("0", "7"), ("16", "24")):
        assert _run(capsys, "diop_DN", D, N) == (1, "", "numtheory: diop_DN: no solution\n")
    assert _run(capsys, "is_square", "50") == (1, "False\n", "")
    assert _run(capsys, "perfect_power", "12") == (1, "False\n", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["isqrt", "x"], "bad N: 'x' is not an integer"),
        (["isqrt", "-5"], "isqrt() needs n >= 0, got -5"),
        (["iroot", "8", "1.5"], "bad K: '1.5' is not an integer"),
        (["pell", "49"], "not a perfect square"),
        (["diop_DN", "13", "x"], "bad N: 'x' is not an integer"),
        (["diop_DN", "-3", "1.5"], "bad N: '1.5' is not an integer"),
        (["pell"], "fn pell takes 1 to 2 arguments, got 0: usage: numtheory fn pell D [N]"),
        (["nope"], "no function 'nope'"),
        (["isqrt", "10", "--all"], "does not take --all"),
        (["continued_fraction", "1/0"], "denominator 0"),
        ([], "needs a function NAME"),
    ],
)
def test_bad_input_exit_2_naming_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_missing_function_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A table entry whose function this numtheory lacks (deleting nt.pell cannot simulate
    # it: the lazy top level would load it again on the next look-up).
    from numtheory.cli import cmd_fn

    monkeypatch.setitem(cmd_fn.FUNCTIONS, "pell_not_here", cmd_fn.FUNCTIONS["pell"])
    code, _, err = _run(capsys, "pell_not_here", "61")
    assert code == 2 and "pell_not_here is not available in this version of numtheory" in err


def test_real_subprocess() -> None:
    result = run_cli("fn", "nth_prime", "10**6")
    assert (result.code, result.out) == (0, "15485863\n")


def test_sympys_residue_predicates_and_primefactors(capsys: pytest.CaptureFixture[str]) -> None:
    # sympy 1.14 test_residue.py: is_quad_residue(13122380800, 13604889600) is True,
    # is_primitive_root(2, 7) is False; test_factor_.py: primefactors(123456) == [2, 3, 643]
    assert _run(capsys, "is_quad_residue", "13122380800", "13604889600") == (0, "True\n", "")
    assert _run(capsys, "is_quad_residue", "3", "7") == (1, "False\n", "")
    assert _run(capsys, "is_primitive_root", "3", "7") == (0, "True\n", "")
    assert _run(capsys, "is_primitive_root", "2", "7") == (1, "False\n", "")
    code, out, _ = _run(capsys, "--json", "primefactors", "123456")
    assert code == 0 and json.loads(out)["result"] == [2, 3, 643]
    code, _, err = _run(capsys, "is_primitive_root", "3", "6")
    assert code == 2 and "coprime" in err
