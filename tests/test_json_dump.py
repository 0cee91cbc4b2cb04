"""renderers/json_dump.dumps writes what json.dumps(sort_keys=True, indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.renderers.json_dump import dumps

# Strings with what JSON escapes or a scanner might misread: quotes, backslashes, brackets, commas,
# controls, bidi overrides, surrogate-free Unicode.
TEXT = st.text(alphabet=st.sampled_from('ab"\\{}[],: \n\t\x00\x1f\u202e\u3042漢/\'') | st.characters(
    blacklist_categories=("Cs",)), max_size=12)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | TEXT
KEYS = TEXT | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                         | st.dictionaries(KEYS, inner, max_size=4), max_leaves=40)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
def test_dumps_writes_the_bytes_of_json_dumps(doc):
    try:
        expected = json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2)
    except TypeError:  # keys of several types cannot be sorted: both refuse
        try:
            dumps(doc)
        except TypeError:
            return
        raise AssertionError("dumps accepted keys json.dumps cannot sort") from None
    assert dumps(doc) == expected
    assert dumps(doc, indent=1) == json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1)


def test_dumps_refuses_what_json_cannot_write():
    for bad in ({"a": {1, 2}}, [object()], {(1, 2): 3}):
        try:
            json.dumps(bad, sort_keys=True, indent=2)
        except TypeError:
            pass
        else:
            raise AssertionError(bad)
        try:
            dumps(bad)
        except TypeError:
            continue
        raise AssertionError(f"dumps wrote {bad!r}")
