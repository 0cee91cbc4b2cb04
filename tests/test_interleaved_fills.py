"""A column's commonest full width where cells are set close (out/d3000, seed 3018: a Chromium layout set 0.5 pt
apart, its first 320 lines as pdfplumber extracts them): the lines printed apart tell it, and a few bullets glued
after another column's line (「① 日常生活における…重症化予・医療機器開発…」, the item's number printed before the
glued piece) do not outweigh them."""

from __future__ import annotations

from interleaved_snippets import snippet_input, snippet_table

from policydiff.versions.readers.text_interleaved import estimate_fills, estimate_widths


def test_a_few_glued_bullets_do_not_outweigh_the_full_lines_printed_apart():
    # 146 of the text's description lines printed apart measure 25 cells and 99 results lines 27; three bullets
    # glued after items' lines lie 24 cells into their pieces (the item's number 「①」 is a piece of its own): read
    # as the fill of both columns, a 25-cell description line read as running past its column's end
    lines, _, _ = snippet_input("glued-bullets-after-item-numbers.txt")
    widths = estimate_widths(lines, 3)
    assert estimate_fills(lines, widths)[:2] == (25.0, 27.0)


def test_a_row_set_close_reads_whole_where_its_fills_are_told_by_the_lines_printed_apart():
    table = snippet_table("glued-bullets-after-item-numbers.txt")
    row = next(r for r in table.rows if "そのため、有望" in r.cells[0].text)
    description, results, plans = (c.text for c in row.cells)
    assert description.endswith("実用化を見据えて医療機器の研究開発を進めることができるアカデミア人材の育成に取り組む。［文、◎経］")
    assert "研究者41名に対し、スタートアップ創出・EXITの実現に必要な知識・経験を付与する育成プログラムを実施した。" in results
    assert plans.startswith("・「次世代ヘルステック・スタートアップ育成支援事業」の後継事業となる")
    assert not any(r.cells[0].text.startswith("EXITの実現") for r in table.rows)


def test_a_bullet_glued_after_a_full_line_holding_punctuation_pairs_cuts_it():
    # 「・「医工連携グローバル展開事業（研究開発事業）」（令和7年度・「医工連携…（研究開」 (source line 117): the results'
    # full line counts 29.6 cells where the column fills 27, its pairs 「・「」 「）」」 「」（」 printed narrower; the plans'
    # bullet 「・」 after it was too far past the fill to be taken for the cut, the line fit no column and the row
    # lost its title and its first results and plans lines to a row of their own
    table = snippet_table("glued-bullets-after-item-numbers.txt")
    row = next(r for r in table.rows if "莫大な治験費用" in r.cells[0].text)
    description, results, plans = (c.text for c in row.cells)
    assert description.startswith("治験実施等における経済的な支援研究開発する医療機器によっては")
    assert results.startswith("・「医工連携グローバル展開事業（研究開発事業）」（令和7年度予算：14億円）を通じて")
    assert plans.startswith("・「医工連携グローバル展開事業（研究開発事業）」（令和8年度予算案：15億円）を通じて")
    assert not any(w.code == "layout-too-wide" and w.line == 117 for w in table.warnings)
