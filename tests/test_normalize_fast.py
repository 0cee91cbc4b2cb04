"""normalize.nfkc: NFKC through a table of decompositions, exactly unicodedata's NFKC, on every character
and on texts where characters combine (the table replaces characters before NFKC runs: issue 19)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.versions.model.normalize import _DECOMPOSITIONS, nfkc, normalize

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"
# Marks that combine with the character before them: the voiced-sound marks (combining and half-width),
# an acute accent, a Hangul vowel; and characters that compose with them.
MARKS = "\u3099\u309a\uff9e\uff9f\u0301\u0327\u1161\u11a8"
BASES = "かカｶﾊハはeEАüㄱ가\u1100"


def _reference(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_every_bmp_character_alone_and_before_each_mark() -> None:
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert nfkc(c) == _reference(c), hex(cp)
        for mark in MARKS:
            assert nfkc(c + mark) == _reference(c + mark), (hex(cp), hex(ord(mark)))
            assert nfkc(mark + c) == _reference(mark + c), (hex(cp), hex(ord(mark)))


def test_the_table_replaces_only_by_a_same_decomposition() -> None:
    """What makes the replacement exact: each replacement has the NFKD of the character it replaces."""
    nfkc("Ａ０（）　ｶﾞ①㍻" + SEED.read_text(encoding="utf-8")[:5000])
    replaced = {cp: v for cp, v in _DECOMPOSITIONS.items() if v != chr(cp)}
    assert replaced[ord("Ａ")] == "A" and replaced[ord("\u3000")] == " " and replaced[ord("ｶ")] == "カ"
    for cp, value in replaced.items():
        assert unicodedata.normalize("NFKD", chr(cp)) == unicodedata.normalize("NFKD", value) == value


def test_characters_past_the_bmp_are_left_to_nfkc_and_not_remembered() -> None:
    text = "𝐀𠮷\U0002f800\U0001f600" * 3  # mathematical bold A, a CJK extension B ideograph, a compatibility one
    assert nfkc(text) == _reference(text)
    assert not [cp for cp in _DECOMPOSITIONS if cp > 0xFFFF]


def test_the_seed_normalizes_as_before() -> None:
    for line in SEED.read_text(encoding="utf-8").splitlines():
        assert nfkc(line) == _reference(line)
        assert normalize(line) == normalize_reference(line)


def normalize_reference(text: str) -> str:
    """normalize() as it was written before the table: NFKC, then the white-space fold."""
    parts = _reference(text).split()
    out = parts[:1]
    for left, right in zip(parts, parts[1:], strict=False):
        if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
            out.append(" ")
        out.append(right)
    return "".join(out)


_TEXT = st.text(alphabet=st.one_of(
    st.sampled_from("０１２３４５６７８９ＡＢａｂ（）：　「」｢｣、。・ｶﾞﾊﾟ①㍻ﾞﾟ" + MARKS + BASES),
    st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.characters(blacklist_categories=("Cs",)),
), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_random_texts(text: str) -> None:
    assert nfkc(text) == _reference(text)
    assert normalize(text) == normalize_reference(text)
