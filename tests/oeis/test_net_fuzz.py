"""Issue 10: whatever the body, the parsers answer or raise OEISResponseError, nothing else."""

from __future__ import annotations

import contextlib
import json

from hypothesis import given
from hypothesis import strategies as st

from numtheory.errors import OEISResponseError
from numtheory.oeis.parse import (
    parse_bfile,
    parse_entry_json,
    parse_search_json,
    parse_text_status,
    scan_bfile,
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["1,2,6,20", "0,1", "x,1", "1," * 5 + "9" * 1200]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["number", "name", "data", "offset", "keyword", "results", "count"]),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_json_document_is_parsed_or_refused(value: object) -> None:
    body = json.dumps(value)
    for parse in (parse_search_json, parse_entry_json):
        with contextlib.suppress(OEISResponseError):
            parse(body)


@given(st.text(max_size=300))
def test_any_text_is_parsed_or_refused(text: str) -> None:
    for parse in (parse_search_json, parse_entry_json, parse_text_status, scan_bfile):
        with contextlib.suppress(OEISResponseError):
            parse(text)


@given(
    st.lists(st.sampled_from(["0 1", "1 2", "2 x", "# c", "", "3", "5 -7", "4 4 4"]), max_size=12)
)
def test_lenient_bfiles_return_only_increasing_good_lines(lines: list[str]) -> None:
    import warnings

    text = "\n".join(lines)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pairs = parse_bfile(text)
    except OEISResponseError:
        return
    indices = [n for n, _ in pairs]
    assert indices == sorted(set(indices))
    assert all(f"{n} {value}" in lines for n, value in pairs)
