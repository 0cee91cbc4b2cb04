"""Bytes of a report file to text: encodings seen in the wild, refusals for what is not text."""

from __future__ import annotations

import codecs
import re

from ..model.errors import EditionParseError

# About 200 times the seed (92 KB): larger inputs are refused before any parsing work.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# euc_jis_2004 reads NEC row 13 (①…⑳), which iconv's EUC-JP-MS writes and plain euc_jp refuses.
_CANDIDATES = ("utf-8", "cp932", "euc_jp", "euc_jis_2004")


def decode_report(data: bytes) -> tuple[str, str, int]:
    """(text with \\n line ends, encoding name, control characters dropped).

    EditionParseError for empty, binary or oversized input.
    """
    if len(data) > MAX_INPUT_BYTES:
        raise too_large(len(data))
    if not data.strip():
        raise EditionParseError("input is empty")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _finish(_strict(data, name), name)
    if b"\x00" in data:
        raise EditionParseError("input is a binary file, not report text")
    decoded = [(name, text) for name in _CANDIDATES if (text := _strict(data, name, quiet=True)) is not None]
    if len(decoded) == 1:  # the usual case (UTF-8 text seldom also decodes as CP932 or EUC-JP)
        return _finish(decoded[0][1], decoded[0][0])
    if decoded:
        # EUC-JP bytes often also decode as CP932, into half-width katakana: prefer the reading with
        # the most hiragana, which every Japanese sentence has; ties go to the order above.
        name, text = max(decoded, key=lambda d: _hiragana(d[1]))
        return _finish(text, name)
    raise EditionParseError("input is not text in UTF-8, Shift_JIS (CP932) or EUC-JP")


_HIRAGANA = tuple(chr(c) for c in range(0x3041, 0x3097))  # ぁ … ゖ


def _hiragana(text: str) -> int:
    """How many hiragana TEXT holds: one str.count per character (C loops), not a Python loop per
    character of the text (a 10,000-measure text: 0.08 s against 0.3 s per candidate encoding)."""
    return sum(map(text.count, _HIRAGANA))


def too_large(size: int, limit: int = MAX_INPUT_BYTES, exact: bool = True) -> EditionParseError:
    return EditionParseError(
        f"input is {'' if exact else 'over '}{size:,} bytes; the limit is {limit:,} bytes (a report is about 100 KB)"
    )


def _strict(data: bytes, encoding: str, quiet: bool = False) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if quiet:
            return None  # type: ignore[return-value]
        raise EditionParseError(f"input is not valid {encoding}: {exc.reason} at byte {exc.start}") from None


# U+FFFE and U+FFFF are valid UTF-8 but not XML characters: lxml refused them in edition_to_xml
# (fuzz input: the seed with "\ufffe" inserted into a bullet), so they are dropped with the controls.
# Both are regexes, not a Python loop per character nor str.translate (a dictionary lookup per character
# of a non-ASCII text): 0.007 s each on a 10,000-measure text, against 0.14 s.
_CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f\ufffe\uffff]")  # all but \n \t \f
_PDFIUM_HYPHEN_RE = re.compile("(?<=[A-Za-z0-9])\ufffe(?=[A-Za-z0-9\n])")
_BINARY_HINT_RE = re.compile("[\x00-\x08\x0b\x0d-\x1f]")  # controls but \n \t \f (and \r, gone by then)


def _finish(text: str, encoding: str) -> tuple[str, str, int]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_BINARY_HINT_RE.findall(text))
    if controls > max(8, len(text) // 100):
        raise EditionParseError("input looks binary (control characters), not report text")
    # pdfium prints a hyphen that ends a printed line as U+FFFE (it takes it for a soft hyphen), and may
    # join the two lines: 「MEV-」「MEJ」 comes out 「MEV\ufffeMEJ」. A table of this report never hyphenates
    # a word, so after a latin letter or digit it is the text's own hyphen; elsewhere it is dropped below.
    if "\ufffe" in text:
        text = _PDFIUM_HYPHEN_RE.sub("-", text)
    # Stray controls carry no text, and XML cannot hold them. Form feeds (pdftotext's and pdfminer's page
    # breaks) are counted as dropped too but kept: the text readers take the pages from them, then drop them.
    cleaned = _CONTROLS_RE.sub("", text)
    if not cleaned.replace("\f", "").strip():  # also catches ideographic spaces (U+3000) only
        raise EditionParseError("input is empty")
    return cleaned, encoding.replace("-sig", ""), len(text) - len(cleaned) + cleaned.count("\f")
