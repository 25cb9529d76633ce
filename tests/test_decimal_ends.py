"""``_backend.decimal_ends``: a number's digit count and both ends without writing it, and the
elided repr of huge integers built on it (``_display.short_int``).

Cross-checked against CPython's own ``str`` (an independent writer: GMP is not involved),
with the digit limit lifted where a test needs more than 4,300 digits.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import gmpy2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory import _backend, _display
from numtheory.oeis import Sequence

E = _display.ELLIPSIS


@pytest.fixture(autouse=True)
def _any_digits() -> Iterator[None]:
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    yield
    sys.set_int_max_str_digits(before)


def _expected(n: int, keep: int) -> tuple[int, str, str]:
    text = str(n)
    return len(text), text[:keep], text[-keep:]


#: Random numbers of 1..6000 digits, and the edges where GMP's count is most often one too
#: big: the powers of ten, 10**k - 1 and their neighbours.
numbers = st.one_of(
    st.integers(1, 6000).flatmap(lambda d: st.integers(10 ** (d - 1), 10**d - 1)),
    st.builds(lambda k, e: 10**k + e, st.integers(0, 6000), st.sampled_from([-1, 0, 1])).filter(
        lambda n: n >= 0
    ),
    st.just(0),
)


@given(numbers, st.integers(1, 25))
def test_count_and_ends_match_str(n: int, keep: int) -> None:
    assert _backend.decimal_ends(n, keep) == _expected(n, keep)


@pytest.mark.parametrize("k", [1, 2, 9, 10, 21, 22, 1233, 1234, 4000, 10**5])
def test_powers_of_ten_and_all_nines(k: int) -> None:
    assert _backend.decimal_ends(10**k, 10) == _expected(10**k, 10)
    assert _backend.decimal_ends(10**k - 1, 10) == _expected(10**k - 1, 10)
    assert _backend.decimal_ends(10**k, 10)[0] == k + 1  # the count, by arithmetic


@given(numbers, st.booleans())
def test_short_int_of_big_numbers_still_matches_str(n: int, negative: bool) -> None:
    n = -n if negative else n
    text = str(n)
    body = text.removeprefix("-")
    expected = text if len(body) <= 40 else (
        f"{text[: len(text) - len(body)]}{body[:10]}{E}({len(body)} digits){E}{body[-10:]}"
    )  # fmt: skip
    assert _display.short_int(n) == expected


def test_the_elided_repr_of_a_ten_million_digit_int() -> None:
    # Built so that its digits are known without writing it: 1234567891, then 10**7 - 10
    # zeros-and-digits, then 0987654321 (the trailing zero kept).
    ten = gmpy2.mpz(10)  # GMP builds them: CPython's own 10**(10**7) takes seconds
    big = int(1234567891 * ten ** (10**7 - 10) + 987654321)
    assert _display.short_int(big) == f"1234567891{E}(10000000 digits){E}0987654321"
    assert _display.short_int(-big) == f"-1234567891{E}(10000000 digits){E}0987654321"
    nines = int(ten ** (10**7)) - 1  # 10**7 nines: GMP's count is one too big here
    assert _display.short_int(nines) == f"9999999999{E}(10000000 digits){E}9999999999"
    assert _display.short_int(nines + 1) == f"1000000000{E}(10000001 digits){E}0000000000"
    seq = Sequence(number=1, name="big", terms=(big, 1))  # the first term is always shown
    assert f"'big': 123456{E}(10000000 digits){E}654321, {E} (2 terms)" in repr(seq)


def test_a_ten_million_digit_power_against_its_full_expansion() -> None:
    n = int(gmpy2.mpz(7) ** 11_830_000)  # 9,997,510 digits, written whole once to compare
    whole = _backend.decimal(n)
    assert _display.short_int(n) == f"{whole[:10]}{E}({len(whole)} digits){E}{whole[-10:]}"


@pytest.mark.parametrize(("n", "keep"), [(-5, 3), (-(10**2000), 10), (10**2000, 0), (7, -1)])
def test_a_negative_number_or_keep_below_1_is_refused(n: int, keep: int) -> None:
    # Unguarded, (-5, 3) gave (2, '-5', '-5') and keep=0 gave the whole number as the tail.
    with pytest.raises(ValueError, match="needs n >= 0 and keep >= 1") as info:
        _backend.decimal_ends(n, keep)
    assert f"keep={keep}" in str(info.value)
    assert (f"n={n}" if abs(n) < 2**64 else "a number of 6644 bits") in str(info.value)


@pytest.mark.parametrize("digits", [1234, 1300, 2001])
def test_short_int_past_4096_bits_at_exactly_max_digits_is_whole(digits: int) -> None:
    """The elision starts one digit past ``max_digits`` on the decimal_ends path too (every
    number here has more than 4096 bits: 4096 bits is 1234 digits at most)."""
    n = 10**digits - 1  # GMP's digit count is one too big at 10**k - 1 too
    assert n.bit_length() > 4096
    assert _display.short_int(n, max_digits=digits) == str(n)
    assert _display.short_int(-n, max_digits=digits) == str(-n)
    elided = _display.short_int(n, max_digits=digits - 1)
    assert elided == f"9999999999{E}({digits} digits){E}9999999999"
    # keep larger than half the digits: no elision possible, written whole
    assert _display.short_int(n, max_digits=40, keep=digits // 2) == str(n)
