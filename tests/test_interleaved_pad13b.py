"""A full line holding digits, cut from the generated layouts (d5600 5602): its digits print half a cell each."""

from __future__ import annotations

import pytest
from interleaved_snippets import snippet_input, snippet_table

from policydiff.versions.readers.interleaved_groups import line_options
from policydiff.versions.readers.text_interleaved import estimate_fills, estimate_widths

SNIPPET = "pad13b-digits-in-a-full-line.txt"  # d5600 5602, source lines 2-352: Chromium, columns glued in places


def test_a_piece_with_digits_no_wider_than_a_full_line_is_not_cut():
    # 「2040年までに健康寿命を男女とも3年以上延伸し75歳以上に」 alone on its line: 26.5 cells where the description's
    # full lines are 27. Its seven digits were counted as printing wider, as a proportional font's capitals may,
    # and the line was also read cut: 「…75歳以上」 and another column's 「に」
    lines, _, _ = snippet_input(SNIPPET)
    widths = estimate_widths(lines, 3)
    line = next(x for x in lines if x.startswith("2040年までに"))
    readings = [[g.text for g in groups] for groups, _ in line_options(line.split(" "), widths, estimate_fills(lines, widths), glued=True)]
    assert readings[0] == ["2040年までに健康寿命を男女とも3年以上延伸し75歳以上に"]
    assert not any(texts[-1] == "に" for texts in readings)


@pytest.mark.slow  # (350 lines read: the text must hold enough glued lines to be read as glued)
def test_a_full_line_with_digits_is_read_whole_in_its_row():
    # the results' 「…１件の課題を採択」 was read going on with 「に」, the description 「…75歳以上することを…」
    table = snippet_table(SNIPPET)
    row = next(r for r in table.rows if r.cells[0].text.startswith("重点分野における医療機器の研究開発の促進"))
    description, _, results = (c.text for c in row.cells)
    assert "3年以上延伸し75歳以上にすることを目指し、高齢者等に対して" in description
    assert results.endswith("・医工連携イノベーション推進事業において１件の課題を採択")


def test_a_piece_a_cell_wider_than_every_columns_fill_may_hold_the_next_columns_character():
    # 「健診受診者やそのうちの要精密検査対象者等に器」 (d5400 5418, source lines 2 and 384-450; reportlab, 21-cell
    # columns glued): 22 cells, a cell over every column's full line, and it ends in no mark that hangs past a
    # line's end: the description's full line and the results' 「器」 (their 「…一体化した医療機」 goes on). Before, such
    # a piece was only read whole: the description went on with 「…等に器」, the results lost 「器」, and the
    # description's next line 「対し、適切な…」 started a row of its own.
    table = snippet_table("pad13b-glued-a-cell-over-the-fill.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("重点分野における医療機器の研究開発の促進"))
    description, results, _ = (c.text for c in row.cells)
    assert "要精密検査対象者等に対し、適切なタイミングで予後改善に資する" in description
    assert "個別化医療に向けた診断と治療が一体化した医療機器・医療機器等研究成果展開事業において" in results
    assert not any(r.cells[0].text.startswith("対し、") for r in table.rows)
