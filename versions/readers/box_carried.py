"""Rows whose first results or plans paragraph speaks of the row before's measure: a paragraph of the row
before, printed after this row's description and read into this row.

pdfminer groups a reportlab table's boxes by nearness, not by row: where a row's results and plans run
longer than its description, the next row's office and description may be printed before the row's last
paragraphs (seen d5000 5016: 「個別企業に対する国際展開の支援…」's second result and plan printed after
「販路開拓の支援」's description, each read as that row's first). Nothing in the boxes' order or widths
tells it; the words do: a cell's paragraph restates its own description (the same programs and terms),
seldom the row before's. Where a row's first results paragraph and its first plans paragraph (each of a
cell of two or more) both share clearly more of their words with the row before's title and description
than with its own, both rows are named.
"""

from __future__ import annotations

from .box_pairs import WORD_RE
from .box_state import PLANS, RESULTS, Row
from .vocabulary import is_bullet_start

# How much more of a first paragraph's words the row before's description must hold than its own. In the
# three editions the printed rows' first paragraphs lean so toward the row before at most 0.27 (a plan
# 「・引き続き…」 naming the row before's program); 5016's carried paragraphs, 0.19 and 0.16.
MARGIN = 0.15

__all__ = ["name_carried_paragraphs"]


def name_carried_paragraphs(rows: list[Row]) -> None:
    """Add a doubt to a row and the row before it where the row's first paragraphs of its results and plans
    (cells of two or more paragraphs) both go with the row before's description more than with its own."""
    table = [row for row in rows if not row.note]
    described = [_words("".join(row.desc.lines)) for row in table]
    for k in range(1, len(table)):
        row, before = table[k], table[k - 1]
        carried = [column for column in (RESULTS, PLANS) if column in before.cells
                   and _leans_back(row, column, described[k], described[k - 1])]
        if len(carried) < 2:  # one column alone leans so in the printed editions too (fy2024's 「・令和６年度の取組に
            continue  # 加え、医療機器産業振興拠点…」 plans, 0.21); 5016's row took both columns' last paragraphs
        for column in carried:
            for named in (before, row):
                named.doubted.add(column)
                named.doubts.append(f"the second row's first {column} paragraph speaks of the first row's "
                                    "description more than its own: it may be the first row's last, printed "
                                    "after the second row's description")


def _leans_back(row: Row, column: str, own: set[str], before: set[str]) -> bool:
    cell = row.cells.get(column)
    if cell is None:
        return False
    starts = [i for i, line in enumerate(cell.lines) if is_bullet_start(line)]
    if len(starts) < 2 or starts[0] != 0:
        return False
    first = _words("".join(cell.lines[: starts[1]]))
    return _share(first, before) - _share(first, own) >= MARGIN


def _words(text: str) -> set[str]:
    return {w[i : i + 2] for w in WORD_RE.findall(text) for i in range(len(w) - 1)}


def _share(paragraph: set[str], description: set[str]) -> float:
    """The share of the paragraph's words the description holds."""
    return len(paragraph & description) / len(paragraph) if paragraph else 0.0
