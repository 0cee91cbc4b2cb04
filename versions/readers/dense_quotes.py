"""A quote or a bracket left open at a line's end is closed on the next line of the same paragraph: a paragraph
closes what it opens (dense_pieces.brackets). So where a line opens one it leaves open (「…及び「カスタムメイド骨接合
材料に関する開発ガイダンス（案）」) and the next closes one before it opens any (「策定WG」の設置を行った。」), the
two are one paragraph's, in one cell, whatever their widths say: where two cells both ended a sentence before a
page break, the widths cannot tell which one a paragraph after it goes on, and only the words do. So too a
katakana word cut by the line's end (「…また、来年度も引き続き官民ワーク」 / 「ショップを実施し、…」): no row's or
cell's first line goes on another's word."""

from __future__ import annotations

import re
from dataclasses import replace

from .dense_search import Step

KATAKANA_END_RE = re.compile(r"[ァ-ヺー]$")  # 「…引き続き官民ワーク」
KATAKANA_START_RE = re.compile(r"^[ァ-ヺー]")  # 「ショップを実施し、…」


def mark_quotes_going_on(steps: list[Step]) -> list[Step]:
    """STEPS with the first piece of each reading of a line marked quote_goes_on where it closes a quote or a
    bracket first and the line before (on the same page, no heading between) left one open, or goes on with the
    katakana word that line ends in."""
    out = list(steps)
    for k in range(1, len(steps)):
        before, step = steps[k - 1], steps[k]
        if step.heading or before.heading or step.brk or not step.readings or not before.readings:
            continue
        if not before.readings[0][0]:
            continue
        last = before.readings[0][0][-1]
        word = bool(KATAKANA_END_RE.search(last.text))
        if not last.leaves_open and not word:
            continue
        readings = [([replace(pieces[0], quote_goes_on=True), *pieces[1:]], cost)
                    if (last.leaves_open and pieces[0].closes_first) or (word and KATAKANA_START_RE.match(pieces[0].text))
                    else (pieces, cost) for pieces, cost in step.readings]
        out[k] = replace(step, readings=readings)
    return out
