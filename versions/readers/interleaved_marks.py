"""Marks of a line's pieces that tell where one column's text ends and the next one's starts (the interleaved reader):
a ministry tag ends a description, a bullet's 「・」 starts a results or plans line where it parts no two nouns, and a
line never breaks inside a number."""

from __future__ import annotations

import re

from .ministries import KNOWN_MINISTRIES, is_ministry_list
from .vocabulary import is_bullet_start

LINE_OPENERS = ("（", "(", "「", "『", "［", "【", "＜")  # an opening bracket may print half a cell at a line's start
BULLET_MARK = "・"  # a results or plans bullet's mark
NUMBER_RE = re.compile(r"[0-9]+(?:[.．][0-9]+)*")  # a number (「11.2」): never broken by a line's end
NUMBER_REACH = 12  # characters looked at on each side of a cut for a number around it
PARTICLES = "にはをがでとへもやの"  # particles a 「・」 between two nouns never follows
# A character or two before a bullet's mark opening a piece (「令・令和7年度に新設される…」): the last characters of
# the column printed left of it, whose line a space inside its cell parted (「…強靱化事業　令」, a full-width space the
# report's own text holds), glued to the next column's bullet
STRAY_HEAD_RE = re.compile(r"^[^・\s]{1,2}・")
# A ministry tag followed by other text in the same piece: the next column's line glued to the description's
# (「…［◎厚、◎経］チェーン…」), or to a tag wrapped after its names (「…。［◎アップを伴走…」, rest 「厚、◎経］」 below)
TAG_NAME_RE = re.compile("◎?(?:" + "|".join(sorted(KNOWN_MINISTRIES, key=len, reverse=True)) + ")[、，]")


def tag_cut(piece: str) -> int:
    """Where a ministry tag in PIECE ends, other text following it, or 0: a tag ends its description, so the
    text after it on the same line is another column's, glued (「…取り組む。［◎厚、◎経］チェーンリスク…」); a tag
    opened and not closed there ends at its names (「…。［◎」 then 「アップを…」, the tag's rest wrapped below). A
    bracket whose first words are no ministry's (「［担当省庁については、」) is no tag."""
    start = piece.rfind("［")
    if start < 0:
        return 0
    close = piece.find("］", start)
    if close >= 0:
        return close + 1 if close + 1 < len(piece) and is_ministry_list(piece[start + 1:close]) else 0
    k = start + 1
    while m := TAG_NAME_RE.match(piece, k):
        k = m.end()
    if piece[k:k + 1] == "◎":
        k += 1
    return k if start + 1 < k < len(piece) - 1 else 0


def sure_bullet(piece: str, k: int) -> bool:
    """Is the 「・」 at K of PIECE a bullet's mark, no mark between two nouns: after a particle (「…9月に・安全性」) or a
    closing round bracket (「…28億円）・引き続き、」), or before an opening bracket (「…ガイダ・「医療機器等…」)?"""
    return piece[k - 1] in PARTICLES + "）" or piece[k + 1:k + 2] in LINE_OPENERS + ("｢",)


def in_number(piece: str, k: int) -> bool:
    """Does a cut at K break a number (「：1」 「1.2」, 「：11」 「.2」)? A line never breaks inside a number."""
    return any(m.start() < k < m.end() for m in NUMBER_RE.finditer(piece, max(k - NUMBER_REACH, 0), k + NUMBER_REACH))


def stray_head(text: str) -> bool:
    """Does TEXT open with a character or two before a bullet's mark, no bullet itself (STRAY_HEAD_RE)?"""
    return bool(STRAY_HEAD_RE.match(text)) and not is_bullet_start(text)


def from_last_bullet(piece: str) -> str:
    """PIECE from its last bullet mark that starts a bullet (not its first character), or PIECE whole."""
    k = next((k for k in range(len(piece) - 1, 0, -1) if piece[k] == BULLET_MARK and is_bullet_start(piece[k:])), 0)
    return piece[k:]
