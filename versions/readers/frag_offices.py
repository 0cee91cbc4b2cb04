"""The 「担当」 column's lines among pdfminer's one-line boxes, taken out before the columns are read.

An office cell is a narrow column's one to three lines (「厚労省医療機器審査管」 / 「理課」), and pdfminer prints
them where its sort puts a narrow box: among the row's first visual line, or a line early or late, or
after the whole row (a box far right sorts after lower boxes further left). They fit no visual line
model, but they tell themselves: the same few office names are printed row after row, so their lines
are the short lines, worded as no sentence, that the document prints again and again, and that run on
to an office's word (…課, …室, …局). Each office is given to the row printed next to its first line:
the row after it where the header prints 「担当」 first, the row before it where last.
"""

from __future__ import annotations

import re
from collections import Counter

from .frag_reading import Piece
from .vocabulary import CELL_END, ENDED_RE, OFFICE_WORD_RE, is_office_piece

REPEATED = 3  # times an office's line is printed in a table (a few offices, dozens of rows)
NEAR = 4  # pieces (a visual line of four columns) an office's first line is printed from its row's first piece
NAME_START_RE = re.compile(r"^(?:内閣官房|[^\s・、。]{1,3}[省府庁])")  # an office name opens with its ministry's
NAME_GAP = 8  # pieces between two lines of one office name at most (two visual lines of four columns)
OFFICE_NAME_LINES = 6  # lines of one office name (「経産省ヘル」 … 「室」: five in a narrow column)


def office_pieces(pieces: list[Piece]) -> list[list[int]]:
    """The office names among PIECES: for each, the indexes of its lines in print order."""
    counts = Counter(x.text for x in pieces if x.kind == "cell")
    # the column's width: an office name's first lines fill it, and are printed again and again
    filled = Counter(round(x.width) for x in pieces if x.kind == "cell" and counts[x.text] >= REPEATED
                     and _office_like(x) and not OFFICE_WORD_RE.search(x.text))
    if not filled:
        return []
    widest = filled.most_common(1)[0][0] + 1
    line = [x.kind == "cell" and counts[x.text] >= 2 and x.width <= widest and _office_like(x) for x in pieces]
    names: list[list[int]] = []
    current: list[int] = []
    lines = [q for q in range(len(pieces)) if line[q]]
    for k, q in enumerate(lines):
        current.append(q)
        x = pieces[q]
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        # a name's last line: short of the column, or ending with an office's word where the next office
        # line opens a name (a ministry's: 「厚労省…」) or is printed far away (a full line ending 「…局」 may go
        # on: 「文科省研究振興局」 / 「ライフサイエンス課」)
        last = x.width < widest - 2 or (OFFICE_WORD_RE.search(x.text) is not None and (
            nxt is None or nxt - q > NAME_GAP or NAME_START_RE.match(pieces[nxt].text) is not None))
        if last or len(current) == OFFICE_NAME_LINES:
            if OFFICE_WORD_RE.search("".join(pieces[i].text for i in current)):
                names.append(current)
            current = []
    return names


def _office_like(piece: Piece) -> bool:
    """A line the 「担当」 column may print (vocabulary.is_office_piece: short, no bullet, no fiscal year), that
    is no results or plans cell's end (「…事業終了」, 「…。」)."""
    text = piece.text
    return is_office_piece(text) and not ENDED_RE.search(text) and not text.endswith(CELL_END)


def office_rows(names: list[list[int]], row_of: dict[int, int], first: bool) -> tuple[dict[int, list[int]], set[int]]:
    """Each office name's row (ROW_OF: the row of every other piece), one office a row: an office's first
    line is printed among its row's pieces or next to them: where the 「担当」 column is first (FIRST),
    just before its row's, where last, just after them (a narrow box sorts after wider ones further
    left). The rows whose office is doubted (another row about as near) are returned too."""
    spans: dict[int, tuple[int, int]] = {}
    for q, row in row_of.items():
        a, b = spans.get(row, (q, q))
        spans[row] = (min(a, q), max(b, q))
    out: dict[int, list[int]] = {}
    doubted: set[int] = set()
    for name in names:
        q = name[0]
        free = sorted((_distance(q, span, first), row) for row, span in spans.items() if row not in out)
        if free:
            out[free[0][1]] = name
            if free[0][0] > NEAR or (len(free) > 1 and free[1][0] - free[0][0] <= NEAR):
                doubted.update(x[1] for x in free[:2])
    return out, doubted


def _distance(q: int, span: tuple[int, int], first: bool) -> float:
    """Pieces between Q and a row's SPAN, a side the column's place does not explain counted double."""
    a, b = span
    if a <= q <= b:
        return 0.0
    if q < a:
        return (a - q) * (1 if first else 2)
    return (q - b) * (2 if first else 1)
