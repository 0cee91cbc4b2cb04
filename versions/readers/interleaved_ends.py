"""Paragraph ends the text itself shows: results are often bullets ending in a noun and no 。
(「・医療機器等研究成果展開事業において３件の課題を採択」), one after the other. Such a line ends its paragraph
as a 。 would, but its punctuation cannot tell: at a page's foot, another column's lone line (「療機器」, 「の補助や、
検査・診断・治療フローの確立された分野」, the description's item going on) read as the bullet's last words. The
lines of the text tell it: lines whose last piece ends in that word are followed by a line opening a bullet or an item
nearly every time."""

from __future__ import annotations

import re
from collections import Counter

from .vocabulary import ITEM_START_RE, is_bullet_start

TAIL_RE = re.compile(r"[一-龥]{2}$")  # a line's last word, two kanji: 「…の課題を採択」
MIN_ENDS = 5  # last pieces ending in the word followed by a bullet or an item, needed to learn it
ENDS_PER_GOING_ON = 4  # ... and for each followed by a last piece going on, at least this many


def paragraph_ends(texts: list[list[str]], numbers: list[int]) -> frozenset[str]:
    """The two-kanji words that end a results or plans paragraph in TEXTS (each text line's pieces, at its source
    line of NUMBERS): a line's last piece, a bullet 「・」 whole, ending in one, is followed on the next source line by a
    piece opening a bullet 「・」 or an item ① at least MIN_ENDS times, and ENDS_PER_GOING_ON times as often as by
    none (the pieces of two lines need not be one column's, so the count need not be clean). A source line may
    come as two text lines (text_layouts parts 「…重症化 ・革新的…」 before its bullet)."""
    after: dict[int, list[str]] = {}
    for pieces, no in zip(texts, numbers, strict=True):
        after.setdefault(no, []).extend(pieces)
    ends: Counter[str] = Counter()
    goes: Counter[str] = Counter()
    for x, no in zip(texts, numbers, strict=True):
        if not x or not x[-1].startswith("・") or (m := TAIL_RE.search(x[-1])) is None or no + 1 not in after:
            continue  # (a bullet whole on its line: a title's, an item's or a sentence's wrapped line tells nothing;
            # an item's heading 「④ …に資する医療機器」 ends as a bullet's wrapped line may, 「・「…WHO推奨医療機器」)
        if any(is_bullet_start(p) or ITEM_START_RE.match(p) for p in after[no + 1]):
            ends[m.group(0)] += 1
        else:
            goes[m.group(0)] += 1
    return frozenset(w for w, n in ends.items() if n >= MIN_ENDS and n >= ENDS_PER_GOING_ON * goes[w])
