"""A quote or a bracket left open at a line's end is closed on the next line of the same paragraph: a paragraph
closes what it opens (dense_pieces.brackets). So where a line opens one it leaves open (「…及び「カスタムメイド骨接合
材料に関する開発ガイダンス（案）」) and the next closes one before it opens any (「策定WG」の設置を行った。」), the
two are one paragraph's, in one cell, whatever their widths say: where two cells both ended a sentence before a
page break, the widths cannot tell which one a paragraph after it goes on, and only the words do. So too a
katakana word cut by the line's end (「…また、来年度も引き続き官民ワーク」 / 「ショップを実施し、…」): no row's or
cell's first line goes on another's word. Nor any words the text itself prints whole elsewhere: the last JOIN
characters of a line and the first JOIN of the next, joined, stand inside another line of the text (「⑤ 医療従事者の
業務の効率化・負」 / 「担軽減に資する医療機器」: 「化・負担軽減」 stands in 「化・負担軽減に資する医療機器」に」 of the row after;
a description's item cut by a page break, its last line read as the next row's title), where a line that opens
another cell or row seldom does (「…の課題を採択」 / 「引き続き、…」: 「を採択引き続」 stands nowhere). Two characters each
side are too few: 「…医療機器」 / 「関連するテーマ…」 (the results going on after a page break) joins as 「機器関連」 of
「医療機器関連企業」."""

from __future__ import annotations

import re
from dataclasses import replace

from .dense_search import Step

KATAKANA_END_RE = re.compile(r"[ァ-ヺー]$")  # 「…引き続き官民ワーク」
KATAKANA_START_RE = re.compile(r"^[ァ-ヺー]")  # 「ショップを実施し、…」
JOIN = 3  # characters each side of a line break whose joining the text's own words tell
WORD_CHAR_RE = re.compile(r"[一-龥々ぁ-ゖァ-ヺーA-Za-z0-9０-９Ａ-Ｚａ-ｚ]")  # a break between two of these may cut a word
HIRAGANA_RE = re.compile(r"[ぁ-ゖ]")


def mark_quotes_going_on(steps: list[Step]) -> list[Step]:
    """STEPS with the first piece of each reading of a line marked quote_goes_on where it closes a quote or a
    bracket first and the line before (on the same page, no heading between) left one open, or goes on with the
    katakana word that line ends in, or with words that line ends in as the text prints them elsewhere."""
    out = list(steps)
    grams = _grams(steps)
    for k in range(1, len(steps)):
        before, step = steps[k - 1], steps[k]
        if step.heading or before.heading or step.brk or not step.readings or not before.readings:
            continue
        if not before.readings[0][0]:
            continue
        last = before.readings[0][0][-1]
        word = bool(KATAKANA_END_RE.search(last.text))
        head = step.readings[0][0][0].text[:JOIN]
        printed = _joins(last.text[-JOIN:], head) and last.text[-JOIN:] + head in grams
        if not last.leaves_open and not word and not printed:
            continue
        readings = [([replace(pieces[0], quote_goes_on=True), *pieces[1:]], cost)
                    if (last.leaves_open and pieces[0].closes_first) or printed
                    or (word and KATAKANA_START_RE.match(pieces[0].text))
                    else (pieces, cost) for pieces, cost in step.readings]
        out[k] = replace(step, readings=readings)
    return out


def _grams(steps: list[Step]) -> set[str]:
    """Every run of 2 * JOIN characters inside one piece of a line of the text (a cell's words)."""
    out: set[str] = set()
    n = 2 * JOIN
    for step in steps:
        if step.heading or not step.readings:
            continue
        for x in step.readings[0][0]:
            out.update(x.text[i:i + n] for i in range(len(x.text) - n + 1))
    return out


def _joins(end: str, head: str) -> bool:
    """May a line ending in END go on a word with a line opening with HEAD: a word's characters both sides, and
    no kana before another script (「…に引き続き取り組む」 / 「医療機器の…」: a word ends there as often as not, and
    「り組む医療機」 stands in 「取り組む医療機関」)?"""
    if len(end) != JOIN or len(head) != JOIN or not (WORD_CHAR_RE.match(end[-1]) and WORD_CHAR_RE.match(head[0])):
        return False
    return not HIRAGANA_RE.match(end[-1]) or bool(HIRAGANA_RE.match(head[0]))
