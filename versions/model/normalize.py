"""The comparison form of Japanese text: width, quotes and spaces folded, original kept elsewhere.

Only layout noise is folded. A changed digit, kanji or ◎ survives normalization, so that
1億円→7億円 is still a change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Spaces between two non-ASCII characters carry no meaning in Japanese (｢…機能 を構築する｣);
# between two ASCII words they do (Brain Computer Interface).
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class _Decompositions(dict[int, str]):
    """Code point → its NFKD form, where that form is also its NFKC form and differs from it (Ａ→A, ０→0,
    （→(, the ideographic space → a space, ｶ→カ); a BMP character looked up once, then remembered.

    Why: CPython's NFKC of a Japanese sentence holding a single full-width digit decomposes and
    recomposes every character (12 µs for a bullet of 110 characters, 60 µs for 200): 10 % of a
    10,000-measure pair. Replacing those characters first leaves a text NFKC's quick check passes.
    Exact: NFKC(s) is the canonical composition of NFKD(s), NFKD works character by character (then
    reorders marks), and each replacement has the NFKD of the character it replaces; so NFKC(s) =
    NFKC(s.translate(table)) for any s, whichever characters the table holds (tests/test_normalize_fast.py
    checks every BMP character and random texts). Characters past the BMP are left to NFKC itself, so
    that a hostile text of a million distinct characters cannot grow the table past 65,536 entries."""

    def __missing__(self, cp: int) -> str:
        if cp > 0xFFFF:
            raise LookupError(cp)  # str.translate: leave the character as it is
        c = chr(cp)
        decomposed = unicodedata.normalize("NFKD", c)
        value = self[cp] = decomposed if decomposed != c and decomposed == unicodedata.normalize("NFKC", c) else c
        return value


_DECOMPOSITIONS = _Decompositions()


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", TEXT), the same string, in a third of the time on Japanese text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text.translate(_DECOMPOSITIONS))


def normalize(text: str) -> str:
    """NFKC (full/half width, ｢｣→「」), then fold white space.

    str.split() splits on the white space a regex's \\s matches (str.isspace), without a regex."""
    parts = nfkc(text).split()
    if len(parts) <= 1:
        return parts[0] if parts else ""
    out = [parts[0]]
    for left, right in zip(parts, parts[1:], strict=False):  # each part and the one after it
        if left[-1] in _ASCII_WORD and right[0] in _ASCII_WORD:
            out.append(" ")
        out.append(right)
    return "".join(out)


@lru_cache(maxsize=16_384)
def normalize_name(name: str) -> str:
    """normalize() of a short text that recurs, a program name: computed once per name (one program is
    named in many bullets, budgets and successions, and compared between editions many times over)."""
    return normalize(name)


def join_wrapped(lines: list[str]) -> str:
    """Join lines a PDF wrapped, restoring the space only where two latin words met."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and re.match(r"[A-Za-z]", out[-1]) and re.match(r"[A-Za-z]", line[0]):
            out += " "
        out += line
    return out


class _CharWidths(dict[str, float]):
    """Each character's width in cells, looked up once (the readers measure every line, some many times)."""

    def __missing__(self, c: str) -> float:
        width = self[c] = 1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5
        return width


_CHAR_WIDTHS = _CharWidths()


def display_width(text: str) -> float:
    """Width in full-width cells; PDF columns are told apart by it."""
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


# What PDF text extraction gets wrong about characters. pdfminer (and so pdfplumber) ignores the
# corrected text Chromium attaches to some glyphs and returns look-alikes: Kangxi radicals (⼈ for 人,
# NFKC folds these), CJK radical supplement characters (⺠ ⻑ for 民 長, NFKC does not) and 〜 (WAVE
# DASH) for ～. The radical table is Unicode's EquivalentUnifiedIdeograph data, shipped beside this file.
# From a proportional CJK font (Noto Sans CJK) pdfminer also prints 「‧」 (U+2027 HYPHENATION POINT) for the
# 中点 「・」 that starts each bullet, and 「∕」 (U+2215 DIVISION SLASH) for 「/」 (「ISO∕IEC」).
_EQUIVALENTS_FILE = Path(__file__).with_name("equivalent_ideographs.txt")
WAVE_DASH, FULLWIDTH_TILDE = "\u301c", "\uff5e"
LOOK_ALIKES = {"\u2027": "・", "\u2215": "/"}
# A CID font's CMap reads － (U+FF0D) back as − (U+2212): between two full-width letters it is no minus
# sign (レギュラトリ−サイエンス).
_MINUS_IN_WORD_RE = re.compile(r"(?<=[^\x00-\x7f０-９])\u2212(?=[^\x00-\x7f０-９])")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in _EQUIVALENTS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            src, dst = line.split()
            table[int(src, 16)] = chr(int(dst, 16))
    for cp in range(0x2F00, 0x2FE0):  # Kangxi radicals: NFKC gives the unified ideograph
        table.setdefault(cp, unicodedata.normalize("NFKC", chr(cp)))
    for cp in range(0xF900, 0xFB00):  # CJK compatibility ideographs
        table.setdefault(cp, unicodedata.normalize("NFKC", chr(cp)))
    table[ord(WAVE_DASH)] = FULLWIDTH_TILDE
    table.update((ord(k), v) for k, v in LOOK_ALIKES.items())
    return table


@lru_cache(maxsize=1)
def _foldable_re() -> re.Pattern[str]:
    """Any character fold_extracted changes: most texts hold none, and a search is far cheaper than
    translate (a 10,000-measure text: 0.05 s against 1 s)."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_fold_table())) + "\u2212]")


def fold_extracted(text: str) -> str:
    """Undo the character substitutions of PDF text extraction (⼈ ⺠ ⻑ 〜 ‧ ∕ → 人 民 長 ～ ・ /); widths,
    quotes and everything else stay as printed."""
    if not _foldable_re().search(text):
        return text
    return _MINUS_IN_WORD_RE.sub("－", text.translate(_fold_table()))
