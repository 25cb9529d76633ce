"""sympy's spellings (numtheory/arith/_sympy_names.py) against sympy 1.14 and brute force."""

from __future__ import annotations

import itertools
import math

import pytest
import sympy  # the test extra; conftest sets SYMPY_GROUND_TYPES=gmpy before this import
from sympy.ntheory import residue_ntheory

import numtheory as nt
from numtheory.errors import InputError, InputTypeError

NAMES = ("isprime", "nextprime", "prevprime", "prime", "primefactors")


def test_the_aliases_agree_with_sympy_and_with_numtheorys_names() -> None:
    for n in range(-30, 400):
        assert nt.isprime(n) is sympy.isprime(n) is nt.is_prime(n), n
        assert nt.nextprime(n) == sympy.nextprime(n) == nt.next_prime(n), n
        assert nt.primefactors(n) == sympy.primefactors(n), n
        if n >= 3:
            assert nt.prevprime(n) == sympy.prevprime(n), n
        if n >= 1:
            assert nt.prime(n) == sympy.prime(n), n
        for ith in (1, 2, 5):
            assert nt.nextprime(n, ith) == sympy.nextprime(n, ith), (n, ith)
    big = 10**30 + 57
    assert nt.isprime(big) is sympy.isprime(big)
    assert nt.nextprime(big, 3) == sympy.nextprime(big, 3)
    # F6 = 2**64 + 1 = 274177 * 67280421310721 (Landry, 1880)
    assert nt.primefactors(2**64 + 1) == sympy.primefactors(2**64 + 1) == [274177, 67280421310721]
    # sympy 1.14 test_factor_.py, test_factorint: primefactors(123456) == [2, 3, 643]
    assert nt.primefactors(123456) == [2, 3, 643]


def test_the_aliases_keep_the_input_rules() -> None:
    for name in NAMES:
        func = getattr(nt, name)
        for bad in (True, 2.0, "7", None):
            with pytest.raises(InputTypeError, match="got"):
                func(bad)
    for call in (lambda: nt.prevprime(2), lambda: nt.prime(0), lambda: nt.nextprime(3, 0)):
        with pytest.raises(InputError):
            call()


def test_is_quad_residue_is_sympys_on_a_grid_and_brute_force() -> None:
    for p in range(1, 130):
        squares = {x * x % p for x in range(p)}
        for a in range(-5, 2 * p):
            got = nt.is_quad_residue(a, p)
            assert got is (a % p in squares) is residue_ntheory.is_quad_residue(a, p), (a, p)
    # sympy 1.14 test_residue.py, test_residue
    assert nt.is_quad_residue(13122380800, 13604889600) is True
    assert nt.is_quad_residue(2, 27) is False and nt.is_quad_residue(207, 251) is True
    assert [j for j in range(14) if nt.is_quad_residue(j, 14)] == [0, 1, 2, 4, 7, 8, 9, 11]
    # a modulus with 2**24 square roots of 1: decided without listing them
    m = math.prod(sympy.primerange(3, 100)) * 2**10
    assert nt.is_quad_residue(1, m) and not nt.is_quad_residue(-1, m)
    assert nt.is_quad_residue(3**2 * 7**2, m) is residue_ntheory.is_quad_residue(3**2 * 7**2, m)
    for bad in (0, -3):
        with pytest.raises(InputError, match="p >= 1"):
            nt.is_quad_residue(1, bad)
    with pytest.raises(InputTypeError, match=r"1\.1 \(float\)"):  # sympy: ValueError
        nt.is_quad_residue(1.1, 2)


def test_is_primitive_root_is_sympys_on_a_grid_and_brute_force() -> None:
    for p, a in itertools.product(range(2, 100), range(-3, 110)):
        if math.gcd(a, p) != 1:
            with pytest.raises(InputError, match="coprime"):
                nt.is_primitive_root(a, p)
            with pytest.raises(ValueError):
                residue_ntheory.is_primitive_root(a, p)
            continue
        units = sum(1 for x in range(1, p + 1) if math.gcd(x, p) == 1)
        order = next(k for k in range(1, p + 1) if pow(a, k, p) == 1)
        got = nt.is_primitive_root(a, p)
        assert got is (order == units) is residue_ntheory.is_primitive_root(a, p), (a, p)
    # sympy 1.14 test_residue.py, test_residue
    assert nt.is_primitive_root(2, 7) is False and nt.is_primitive_root(11, 14) is False
    assert nt.is_primitive_root(12, 17) == nt.is_primitive_root(29, 17)
    p = 10**20 + 39
    assert nt.is_primitive_root(nt.primitive_root(p), p) is True
    for bad_p in (1, 0, -7):
        with pytest.raises(InputError, match="p >= 2"):
            nt.is_primitive_root(3, bad_p)


def test_sqrt_mod_iter_yields_every_root_once() -> None:
    # brute force: every residue of every modulus below 400 (composites, prime powers)
    for p in range(1, 400):
        roots: dict[int, list[int]] = {}
        for x in range(p):
            roots.setdefault(x * x % p, []).append(x)
        for a in range(p):
            got = list(nt.sqrt_mod_iter(a, p))
            assert sorted(got) == roots.get(a, []) and len(set(got)) == len(got), (a, p)
    assert sorted(nt.sqrt_mod_iter(-7, 2**3 * 3**4)) == nt.sqrt_mod(-7, 2**3 * 3**4, True)
    # sympy 1.14 test_residue.py, test_residue: far more roots than could be listed
    n = 70
    a, p = 5**2 * 3**n * 2**n, 5**6 * 3 ** (n + 1) * 2 ** (n + 2)
    it = nt.sqrt_mod_iter(a, p)
    first = [next(it) for _ in range(1000)]
    assert all(pow(x, 2, p) == a for x in first) and len(set(first)) == 1000
    assert list(nt.sqrt_mod_iter(6, 2)) == [0]  # sympy's own value
    assert type(next(nt.sqrt_mod_iter(9, 27))) is int
    assert [type(x) for x in nt.sqrt_mod_iter(9, 27, sympy.Integer)] == [sympy.Integer] * 6
    with pytest.raises(InputError, match="p >= 1"):
        nt.sqrt_mod_iter(1, 0)  # at the call, not at the first next()
    with pytest.raises(InputTypeError, match="domain"):
        nt.sqrt_mod_iter(1, 7, domain=3)
    with pytest.raises(InputTypeError, match="float"):
        nt.sqrt_mod_iter(1.0, 7)
