"""Latin words in a line of columns side by side (the interleaved reader): a space between latin words is as
often inside a cell as between two cells' texts (latin glyphs print wider than the text measures them), and the
pairs of words the document prints joined more than once are a phrase of the report."""

from __future__ import annotations

import re
from collections import Counter

# Latin words on both sides of a space, a mark between: 「MedTech ROUND ～MedTech Startups」 is one cell's text; a
# wave dash alone after a latin word is that phrase's mark (「・「MedTech ROUND ～ 産業室」: the results' 「～」, then
# the office's last line)
LATIN_END_RE = re.compile(r"[A-Za-z0-9.\-&][)）」』~～]?$")
LATIN_START_RE = re.compile(r"^(?:[～〜~(（「『\"'“]?[A-Za-z0-9]|[～〜~]$)")
LAST_LATIN_WORD_RE = re.compile(r"([A-Za-z0-9.\-&]+)[)）」』~～]?$")
FIRST_LATIN_WORD_RE = re.compile(r"^[～〜~(（「『\"'“]?([A-Za-z0-9][A-Za-z0-9.\-&]*)")
# 「1129」, 「…発1129」: digits with no latin word; 「…（案）：11.2」: a decimal after kanji or kana (「Society 5.0」 is a
# version's number, of the latin words around it)
BARE_NUMBER_END_RE = re.compile(r"(?:^|[^A-Za-z0-9.\-&])[0-9]+$|[^\x00-\x7f][0-9]+\.[0-9]+$")


def latin_space(left: str, right: str) -> bool:
    """Is the space between LEFT and RIGHT one between latin words (「ROUND ～MedTech」), not between cells?
    A number alone, or after kanji or kana, is no latin word: 「…医薬機審発 1129」 ends a results line, and
    the plans' 「Computer Interface…」 printed after it is another cell's text (no bare number of the report
    is followed by a latin word)."""
    return bool(LATIN_END_RE.search(left) and LATIN_START_RE.match(right)) and not BARE_NUMBER_END_RE.search(left)


def latin_pair(left: str, right: str) -> tuple[str, str] | None:
    """The latin words on both sides of the space between LEFT and RIGHT (「Innovation」, 「Hubにて」: 「Innovation」,
    「Hub」), or None where that space is no space between latin words (latin_space)."""
    if not latin_space(left, right):
        return None
    a, b = LAST_LATIN_WORD_RE.search(left), FIRST_LATIN_WORD_RE.match(right)
    return (a.group(1), b.group(1)) if a and b else None


def latin_phrases(lines: list[str]) -> frozenset[tuple[str, str]]:
    """The pairs of latin words the text prints joined by a space more than once (「Innovation Hub」): a phrase
    of the report, seldom two columns' words met by chance (a column's last word and the next column's first
    are another pair on every line). A space between them is then kept inside a cell, where the widths alone
    would part it (latin glyphs print wider than the text measures them)."""
    seen: Counter[tuple[str, str]] = Counter()
    for line in lines:
        words = line.split()
        seen.update(pair for a, b in zip(words, words[1:], strict=False) if (pair := latin_pair(a, b)))
    return frozenset(pair for pair, n in seen.items() if n > 1)


# A latin word glued to the text after it (「Tank的に貢献…」, 「Inc.社の指す…」), or a number glued to a capitalized
# latin word (「1129Computer Interface…」: no number of the report runs into a word)
GLUED_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-&]*(?=[^\x00-\x7f])")
GLUED_NUMBER_RE = re.compile(r"[0-9]{2,}(?=[A-Z][a-z])")


def glued_head(left: str, right: str) -> int:
    """How many of RIGHT's first characters make a latin word (or number) glued to the text after it, where the
    space between LEFT and RIGHT may be one inside a cell, or 0: a latin word after a latin word (「…対面でのThink」
    「Tank的に貢献していく。」: 「Think Tank」 ends the results' line, the plans' 「的に…」 glued to it), or a number
    glued to a word (「…医薬機審発」 「1129Computer…」: the results' 「…審発 1129」, then the plans' words); not the word
    just printed before the space."""
    if latin_space(left, right) and (m := GLUED_WORD_RE.match(right)):
        # (a word printed twice over the space is two cells' words: 「…目的として「第4回SaMD」 「SaMD導入による…」)
        last = LAST_LATIN_WORD_RE.search(left)
        return 0 if last and last.group(1) == m.group(0) else m.end()
    m = GLUED_NUMBER_RE.match(right)
    return m.end() if m else 0
