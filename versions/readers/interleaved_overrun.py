"""Which columns a glued cut of a piece that fits a column may end a full line of (the interleaved reader).

Where cells are set close, a column's full line and the next column's text print with no space between them;
a piece that fits some column whole may still hold two columns' text (「…医薬機審定。」: the results' full line
「…医薬機審」 and the plans' last characters 「定。」), and is cut at a cost (interleaved_groups.line_options). Yet a
glued line is a full line printed right up to the next column's text: a piece no wider than a column's full
line is that column's line, whole (「⑤ 医療従事者の業務の効率化・負担軽減に資する医療機器」, 26.5 cells where the
description's full lines are 27, is no line 「…医療機」 and the results' 「器」).
"""

from __future__ import annotations

from ..model.normalize import display_width

# Cells a latin letter may print wider than display_width counts it (half a cell): up to two thirds of one in a
# proportional font's capitals, so a piece of latin words may overrun a column it seems to fit. Digits print
# half a cell (「2040年までに…3年以上延伸し75歳以上に」, 26.5 cells where the description's full lines are 27, is
# its line whole: counted 1.4 cells wider for its seven digits, it was cut 「…75歳以上」 and the results' 「に」)
LATIN_WIDEST = 0.2

Cut = tuple[str, frozenset[int] | None]  # a glued piece's part and the columns it may end a group in (None: any)


def overrun(cuts: list[list[Cut]], piece: str, fills: tuple[float, ...], base: float) -> list[list[Cut]]:
    """CUTS of PIECE (each its first part and the columns whose full line that part is, then the rest), each
    first part kept for the columns whose full line (FILLS: each column's commonest full width) the whole piece
    overruns, BASE cells of the line before it at most; a cut kept for no column is dropped."""
    reach = base + display_width(piece) + LATIN_WIDEST * sum(1 for ch in piece if ch.isascii() and ch.isalpha())
    out = []
    for (head, columns), *rest in cuts:
        kept = frozenset(c for c in (columns if columns is not None else range(len(fills))) if reach > fills[c])
        if kept:
            out.append([(head, kept), *rest])
    return out
