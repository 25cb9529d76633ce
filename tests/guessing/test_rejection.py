"""No false positives: near-misses and random sequences get no guess."""

from __future__ import annotations

import random

import pytest

from numtheory import guess
from numtheory.errors import InputError, InputTypeError, NotEnoughTermsError
from numtheory.guessing import spare_terms
from tests.guessing import sequences as seqs

_KNOWN = [
    "catalan",
    "motzkin",
    "apery",
    "central_delannoy",
    "franel",
    "large_schroeder",
    "fibonacci",
    "derangements",
    "factorials",
]


@pytest.mark.parametrize("name", _KNOWN)
# A term changed early is not a near-miss: f + c x^k is again rational, algebraic or
# holonomic, with a relation about k terms longer that the 25 terms may well confirm (it is
# a true description of the changed data). Changed in the second half, the changed
# sequence's simplest relation needs more terms than there are, so nothing may fit.
@pytest.mark.parametrize("where", [14, 19, 24])
def test_one_term_changed_is_rejected(name: str, where: int) -> None:
    terms = getattr(seqs, name)(25)
    assert guess(terms)  # the true sequence has a guess
    right = guess(terms)[0]
    wrong = list(terms)
    wrong[where] += 1
    assert guess(wrong) == []
    if where >= right.order:  # initial values are not compared by satisfies
        assert not right.satisfies(wrong)


def _random_sequences(count: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    out = []
    for k in range(count):
        # three spreads: digits (the hardest: chance agreements are likeliest), moderate, huge
        top = (9, 10**6, 10**40)[k % 3]
        out.append([rng.randint(-top if k % 2 else 0, top) for _ in range(30)])
    return out


def test_100_random_sequences_give_no_guess() -> None:
    assert [s for s in _random_sequences(100, 12) if guess(s)] == []


@pytest.mark.slow
def test_1000_random_sequences_give_no_guess() -> None:
    assert [s for s in _random_sequences(1000, 2026) if guess(s)] == []


def test_random_binary_sequences_need_more_spare_terms() -> None:
    rng = random.Random(5)
    for _ in range(20):
        terms = [rng.randint(0, 1) for _ in range(40)]
        assert guess(terms) == []


def test_not_enough_terms_to_tell() -> None:
    with pytest.raises(NotEnoughTermsError, match="not enough terms to tell: 5 given"):
        guess([1, 2, 5, 14, 42])
    # the rule: 2 + spare terms, spare the least s >= 6 with distinct^s >= 10^6
    assert spare_terms(list(range(10))) == 6  # 10^6
    assert spare_terms(list(range(7))) == 8  # 7^7 < 10^6 <= 7^8
    assert spare_terms([0, 1] * 10) == 20  # 2^20 >= 10^6 > 2^19
    assert guess(list(range(10)))[0].kind == "polynomial"
    with pytest.raises(NotEnoughTermsError, match=r"7 given.*8 spare terms"):
        guess(list(range(7)))
    assert isinstance(NotEnoughTermsError("x"), InputError)


def test_bad_input_names_the_value() -> None:
    with pytest.raises(InputTypeError, match=r"term 2 must be an integer, got 2\.5"):
        guess([1, 2, 2.5, 4])
    with pytest.raises(InputError, match="unknown kind 'rational'"):
        guess(list(range(20)), kinds=["rational"])
    with pytest.raises(InputError, match="max_order must be between 1 and 10,000, got 0"):
        guess(list(range(20)), max_order=0)
    with pytest.raises(InputError, match="min_confirm must be at least 1, got 0"):
        guess(list(range(20)), min_confirm=0)


def test_min_confirm_overrides_the_rule() -> None:
    terms = seqs.catalan(9)
    assert guess(terms) == [] or guess(terms)[0].confirmed >= 6
    relaxed = guess(terms, min_confirm=2)
    assert relaxed[0].kind == "hypergeometric"
    assert relaxed[0].confirmed == 5


def test_few_valued_sequences_cost_few_kernels(monkeypatch: pytest.MonkeyPatch) -> None:
    # 200 random 0/1 terms have genuine order-1..10 relations (windows repeat, so the
    # ansatz is rank-deficient) with huge coefficients and c_r vanishing inside the data:
    # lifting each before refusing it cost MAX_PRIMES (128) kernels per order (4 s here).
    from numtheory.guessing import _holonomic

    calls = []
    real = _holonomic.kernel_mod

    def counting(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_holonomic, "kernel_mod", counting)
    import numtheory.guessing._modular as modular

    monkeypatch.setattr(modular, "kernel_mod", counting)
    rng = random.Random(7)
    assert guess([rng.randint(0, 1) for _ in range(200)]) == []
    assert len(calls) < 100


def test_too_many_terms_refused_at_once() -> None:
    # 10^6 terms would cost minutes in Berlekamp-Massey and the exact checks
    with pytest.raises(InputError, match="at most 50,000 terms, got 50,001"):
        guess([7] * 50_001)


def test_huge_max_order_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # max_order=10,000 made guess_holonomic try every order the terms allow (up to ~350 for
    # 2,000 terms, a 700-unknown kernel each: past 120 s CPU); orders stop at 50
    from numtheory.guessing import _api

    orders: list[int] = []
    real = _api.guess_holonomic

    def recording(data: object, spare: int, max_order: int, *args: object, **kw: object) -> object:
        orders.append(max_order)
        return real(data, spare, max_order, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(_api, "guess_holonomic", recording)
    rng = random.Random(3)
    assert guess([rng.randint(0, 10**6) for _ in range(60)], max_order=10_000) == []
    assert orders and max(orders) == _api.MAX_HOLONOMIC_ORDER == 50
