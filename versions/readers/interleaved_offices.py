"""The 「担当」 column's lines as the document prints them, to cut an office's line glued to the plans' (the
interleaved reader).

An office is one of a few names (「厚労省医療機器審査管理課」, 「経産省ヘルスケア産業課医療・福祉機器産業室」), each
wrapped the same way in every row it is printed in (「厚労省医療機器」 / 「審査管理課」), so the column's lines
repeat: on the lines that print every column apart, the office's piece is one of them again and again. Where the
cells are set close, the plans' line and the office's print with no space between them (「…成長加速事業（令和8経産省
ヘルスケ」, 「…開発・導入加厚労省医療機器」): the widths put the cut a character or two off (a latin digit, a bracket
printed narrow), while the office's own line, seen elsewhere, tells it exactly.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model.normalize import display_width
from .vocabulary import OFFICE_MAX, OFFICE_WORD_RE, is_office_piece

OFFICE = 3  # the 「担当」 column's role
Cut = tuple[str, frozenset[int] | None]  # a glued piece's part and the columns it may end a group in (None: any)
SEEN_LINES = 2  # times a piece must be printed apart in the office's place to be one of its lines
# characters an office's line must have to be told glued to another column's: one (「課」, 「局」: an office's last
# line) ends many a word too (「…重点分野にまたがる課」 「題を含む）」)
GLUED_OFFICE_MIN = 2
# what no office's name prints: latin letters, brackets (「Interface利用機器」」 is a plans' line in the office's place)
NOT_IN_AN_OFFICE_RE = re.compile(r"[A-Za-z「」『』（）()［］【】]")
OFFICE_SLACK = 2.0  # cells an office's line may overrun the column's estimated width
# a ministry's name, an office's first line starts with it (「厚労省医療機器」, 「内閣府健康・医療戦」, 「内閣官房健」)
MINISTRY_RE = re.compile(r"[一-龥]{2}省|内閣府|内閣官房")
HIRAGANA_RE = re.compile(r"[ぁ-ゖ]")  # an office's name is kanji and katakana: 「…経済産業省とも連携」 is the plans'
NARROWEST_OFFICE = 3  # cells: the narrowest office column tried where the office, printed first, is glued (_office_width)


def office_lines(lines: list[list[str]], order: tuple[int, ...], width: float) -> frozenset[str]:
    """The office column's lines of a text (LINES as pieces; ORDER: the columns' roles left to right; WIDTH: the
    office column's width): the pieces in the office's place on lines that print every column apart, at most
    as wide as the column, seen more than once (a plans' tail on such a line, its office blank and a space
    inside another cell, is seldom the same twice); the office printed last, its first lines glued to the plans'
    count too (_glued_first_lines)."""
    if OFFICE not in order:
        return frozenset()
    place = order.index(OFFICE)
    seen = Counter(pieces[place] for pieces in lines if len(pieces) == len(order) and all(pieces))
    if place == len(order) - 1:
        seen.update(_glued_first_lines([pieces[-1] for pieces in lines if pieces], width))
    return frozenset(x for x, n in seen.items() if n >= SEEN_LINES and display_width(x) <= width + OFFICE_SLACK)


def _glued_first_lines(pieces: list[str], width: float) -> list[str]:
    """The office's first lines glued to the plans' at the end of PIECES too wide for the office column (WIDTH):
    a ministry's name and the rest of the piece after it. An office glued in every row it is printed in
    (「…重点５分内閣府健康・医療戦」) is never printed apart; its first line, a ministry's name starting it, ends the
    plans' line the same way in each of them, where a plans' line seldom ends twice with the same words after a
    ministry's name. Only one ministry's name in it, and no kana particle: 「…経済産業省とも連携」 ends a plans' line
    twice in seen 5355."""
    out = []
    for piece in pieces:
        if display_width(piece) > width + OFFICE_SLACK:
            out += [x for m in MINISTRY_RE.finditer(piece) if m.start() > 0 and office_like(x := piece[m.start():])
                    and not MINISTRY_RE.search(x, 1) and not HIRAGANA_RE.search(x)]
    return out


def office_cut(piece: str, offices: frozenset[str], first: bool) -> int:
    """Where an office's line glued to PIECE ends it (the plans' text before it) or, the office printed FIRST,
    starts it (the description's text after it): the length of the rest of the piece before (or the office's
    length, first), or 0 where no office's line (OFFICES) is a proper part of it there. The longest line that
    fits is taken (「審査管理課」 and 「課」 may both be lines of some office)."""
    fits = [x for x in offices if GLUED_OFFICE_MIN <= len(x) < len(piece)
            and (piece.startswith(x) if first else piece.endswith(x))]
    if not fits:
        return 0
    longest = max(fits, key=lambda x: (len(x), x))
    return len(longest) if first else len(piece) - len(longest)


def office_cuts(piece: str, k: int, order: tuple[int, ...], rest_cuts: list[tuple[list[Cut], float]]
                 ) -> list[tuple[list[Cut], float]]:
    """The ways to read PIECE cut at K into the office's line and the other columns' text (REST_CUTS: the ways to
    cut that text in turn), the office's part bound to its column, the other's to end in another column."""
    others = frozenset(c for c in order if c != OFFICE)
    if order[0] == OFFICE:
        return [([(piece[:k], frozenset({OFFICE})), *c], cost) for c, cost in rest_cuts]
    out = []
    for c, cost in rest_cuts:
        *head, (text, must) = c
        out.append(([*head, (text, must if must is not None else others), (piece[k:], frozenset({OFFICE}))], cost))
    return out


def office_word_cut(piece: str) -> int:
    """Where an office's last line, its office word alone (「室」, 「課」: 「内閣官房健康・医療戦略」 / 「室」), ends PIECE,
    glued to the plans' line before it: the length of the rest before it, or 0. Whether an office's name is
    open there to end is the reading's to tell (interleaved_reading: an office's line ending in no office word)."""
    m = OFFICE_WORD_RE.search(piece)
    return m.start() if m and m.start() > 0 else 0


def office_like(piece: str) -> bool:
    """Can PIECE be a line of an office's name: short, no sentence's marks, bullet, bracket or latin word?"""
    return is_office_piece(piece) and not NOT_IN_AN_OFFICE_RE.search(piece)


def part_glued_offices(lines: list[str]) -> tuple[list[str], set[int]]:
    """LINES (the text lines, the office printed first) with a space put between an office's line and the
    description's where the two print glued in every row (cells set close: 「厚労省医療機医療機器の研究開発に…」 /
    「器審査管理課はじめとする…」), and the lines so parted. Glued there, no office's line is printed apart, and
    every piece of the first column measures an office and a description together (the description's width is
    read a column too wide). Each office is one name, wrapped the same way in every row: the office column's
    width is where the rows' first pieces, a ministry's name starting them, stop sharing their start (_office_width);
    an office's first line is that start, shared by two rows or more; its next line, the start shared by most
    of the lines after them (_office_chains). A line is parted only where its office's lines before it were."""
    firsts = [x.strip().split(" ")[0] for x in lines]
    chains = _office_chains([p for p in firsts if p])
    out, parted = list(lines), set()
    chain: list[str] = []
    for i, first in enumerate(firsts):
        if not first:
            continue
        chain = next((c for c in chains if first.startswith(c[0])), None) or chain
        if chain and first.startswith(chain[0]):
            if len(first) > len(chain[0]):
                k = lines[i].index(first)
                out[i] = lines[i][:k] + chain[0] + " " + lines[i][k + len(chain[0]):]
                parted.add(i)
            chain = chain[1:]
        else:
            chain = []
    return out, parted


def _prefix(piece: str, width: float) -> str:
    """PIECE's start as wide as WIDTH at most."""
    k = 0
    while k < len(piece) and display_width(piece[:k + 1]) <= width:
        k += 1
    return piece[:k]


def _shared(pieces: list[str], width: float) -> int:
    """How many of PIECES share their start WIDTH wide with another."""
    return sum(n for n in Counter(_prefix(p, width) for p in pieces).values() if n >= SEEN_LINES)


def _office_width(heads: list[str]) -> int:
    """The office column's width, told by HEADS (the lines' first pieces that start with a ministry's name):
    the widest at which most of the heads wider than it share their start with another row's, where most heads
    go on past it and do not share a cell more (the office's line ends there, the descriptions differ); 0 where
    none is."""
    out = 0
    for w in range(NARROWEST_OFFICE, int(OFFICE_MAX) + 1):
        wider = [p for p in heads if display_width(p) > w]
        past = [p for p in heads if display_width(p) > w + 1]
        if 0 < len(wider) <= 2 * _shared(wider, w) and 2 * _shared(past, w + 1) < len(past) and 2 * len(past) >= len(heads):
            out = w
    return out


def _office_chains(firsts: list[str]) -> list[list[str]]:
    """Each office's lines in order, told by the lines' first pieces FIRSTS (part_glued_offices)."""
    width = _office_width([p for p in firsts if MINISTRY_RE.match(p)])
    if not width:
        return []
    counts = Counter(_prefix(p, width) for p in firsts if MINISTRY_RE.match(p))
    chains = []
    for head, n in counts.items():
        if n < SEEN_LINES or not _name_like(head):
            continue
        chain = [head]
        rows = [i for i, p in enumerate(firsts) if p.startswith(head)]
        while display_width(chain[-1]) >= width - 1:  # (a line short of the width ends the name)
            nexts = [firsts[i + 1] for i in rows if i + 1 < len(firsts)]
            line = _most_shared(nexts, width)
            if not line:
                break
            chain.append(line)
            rows = [i + 1 for i in rows if i + 1 < len(firsts) and firsts[i + 1].startswith(line)]
        chains.append(chain)
    return chains


def _most_shared(pieces: list[str], width: float) -> str:
    """The longest start no wider than WIDTH that most of PIECES share (two at least), a name's; or ''."""
    out = ""
    for k in range(1, len(_prefix(max(pieces, key=len, default=""), width)) + 1):
        starts = Counter(p[:k] for p in pieces if len(p) >= k)
        start, n = starts.most_common(1)[0] if starts else ("", 0)
        if n >= SEEN_LINES and 2 * n >= len(pieces) and _name_like(start):
            out = start
    return out


def _name_like(piece: str) -> bool:
    """May PIECE be a line of an office's name (kanji and katakana)?"""
    return office_like(piece) and not HIRAGANA_RE.search(piece)
