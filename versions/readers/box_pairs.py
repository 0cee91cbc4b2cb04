"""Rows whose results and plans each speak of the next row's (or the last row's) measure: a column's cells
shifted by one row over a run of rows that each look whole.

A row's plans go on with its results: the same programs 「…事業」, the same words (「・仮名加工医療情報の…
認定した」 / 「・引き続き、仮名加工医療情報の…促進する」). In the three editions, 6 rows in 60 or fewer have
plans whose words the row above's or below's results share more than their own results do, never two in
a row the same way. Where the boxes reader gave a column's cells one row off over several rows (the
boxes' order and heights only told them: box_shifts.py names the ends it sees, not a long run between
two doubted placements, seen 4321), two or more rows in a row have plans that go with the NEXT row's
results (or all with the row before's): each row of such a run is named.
"""

from __future__ import annotations

import re

from .box_state import PLANS, RESULTS, Row
from .vocabulary import is_bullet_start

RUN_MIN = 2  # rows in a row whose plans go with the same neighbour's results: a shift, not chance
SINGLE_SHARE = 0.6  # the share of a lone row's plans' words its neighbour's results hold, to name the two
OWN_SHARE = 0.3  # ... and the most its own results may hold
STRAY_MARGIN = 0.25  # how much more of a plans' first bullet's words the row before's results share than its own
MARGIN = 0.1  # how much more of the plans' words the neighbour's results must share than the row's own
WORD_RE = re.compile(r"[一-龥々ァ-ヺーA-Za-z0-9０-９Ａ-Ｚａ-ｚ]+")  # the words, without kana particles or marks


def name_paired_shifts(rows: list[Row]) -> None:
    """Add a doubt to each row of a run of RUN_MIN or more rows whose plans share more words with the same
    neighbour's results (next, or before) than with their own."""
    table = [row for row in rows if not row.note]
    results = [_grams(row, RESULTS) for row in table]
    plans = [_grams(row, PLANS) for row in table]
    for step in (1, -1, 2, -2):  # (a column may be two rows off: seen 4321)
        off = [k for k in range(len(table)) if _goes_with(results, plans, k, step)]
        runs = _runs(off)
        for run in runs:
            if len(run) < RUN_MIN and not _single(table, results, plans, run[0], step):
                continue
            for k in range(run[0], run[-1] + 1):
                for j in (k, k + step // abs(step)):  # the row holding the plans and the next one on their way
                    if 0 <= j < len(table):
                        _name(table[j])


def name_stray_first_bullets(rows: list[Row]) -> None:
    """A row's plans of two or more bullets whose first goes with the row before's results, not its own: a
    bullet of the row before's plans printed after this row's description and read into this row (seen 4702:
    「・「医療機器スタートアップ海外展開支援事業」…」 after the next row's title and results). Both rows named."""
    table = [r for r in rows if not r.note]
    for k in range(1, len(table)):
        cell = table[k].cells.get(PLANS)
        if cell is None:
            continue
        starts = [i for i, line in enumerate(cell.lines) if is_bullet_start(line)]
        if len(starts) < 2 or starts[0] != 0:
            continue
        first = _words("".join(cell.lines[: starts[1]]))
        before, own = _share(_grams(table[k - 1], RESULTS), first), _share(_grams(table[k], RESULTS), first)
        if before >= own + STRAY_MARGIN and own < OWN_SHARE:
            for row in (table[k - 1], table[k]):
                row.doubted.add(PLANS)
                row.doubts.append("the first bullet of the second row's plans goes with the first row's results, "
                                  "not its own: it may be the first row's last plan, printed after the next row began")


def _single(table: list[Row], results: list[set[str]], plans: list[set[str]], k: int, step: int) -> bool:
    """One row alone whose plans go with a neighbour's results: chance (6 rows in 60 of the editions), unless
    its placement was doubted already and the plans share SINGLE_SHARE of their words with the neighbour's
    results, under OWN_SHARE with their own (seen 4250: 0.75 and 0.25; the editions' closest, 0.71 and 0.29)."""
    return bool(table[k].doubted & {PLANS, RESULTS}) and _share(results[k + step], plans[k]) >= SINGLE_SHARE \
        and _share(results[k], plans[k]) < OWN_SHARE


def _goes_with(results: list[set[str]], plans: list[set[str]], k: int, step: int) -> bool:
    j = k + step
    if not (0 <= j < len(results)) or not plans[k] or not results[j] or not results[k]:
        return False
    return _share(results[j], plans[k]) > _share(results[k], plans[k]) + MARGIN


def _runs(ks: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for k in ks:
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _grams(row: Row, column: str) -> set[str]:
    cell = row.cells.get(column)
    return set() if cell is None else _words("".join(cell.lines))


def _words(text: str) -> set[str]:
    return {w[i : i + 2] for w in WORD_RE.findall(text) for i in range(len(w) - 1)}


def _share(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _name(row: Row) -> None:
    if PLANS in row.doubted and any("go with" in x for x in row.doubts):
        return
    row.doubted.add(PLANS)
    row.doubts.append("its plans go with another row's results, as do its neighbours': the plans (or results) "
                      "may be shifted by one row")
