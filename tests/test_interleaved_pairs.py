"""Glued cuts where a line counts otherwise than it prints, on pdfplumber text cut from generated layouts set
close (out/d3000, seeds 3008 and 3010: synthetic editions, cells 0.5 pt apart, their lines as extracted): Chromium
prints two full-width marks side by side narrower than they count (CSS text-spacing-trim), and a cell's own
space may part a glued piece from the words its line starts with."""

from __future__ import annotations

import pytest
from interleaved_snippets import snippet_table


def test_a_full_line_holding_punctuation_pairs_is_cut_where_its_pairs_print_narrower():
    # 「・引き続き、「医療機器等研究成果展開事業」（令和８年度予算（案）：に加え、海外ネットワークの構築（…）」 (source
    # line 42): the plans' full line counts 33 cells where the column fills 32, its pairs 「、「」 「」（」 「）：」 each
    # printed half a cell narrower; the results' line 「に加え、…」 follows with no space. Cut where the widths end
    # (「…予算（」), the rest was too wide for the results: the line fit no column and started a row of its own,
    # cutting m005 in two.
    table = snippet_table("glued-cut-after-punctuation-pairs.txt")
    row = next(r for r in table.rows if "ニーズに応じたプロトタイプ" in r.cells[0].text)
    description, plans, results = (c.text for c in row.cells)
    assert description.endswith("理解した医師や医工学系の人材の育成に取り組む。［◎厚、◎文］")
    assert "・引き続き、「医療機器等研究成果展開事業」（令和８年度予算（案）：11.5億円）において" in plans
    assert "スタートアップの伴走支援に加え、海外ネットワークの構築（海外の支援機関との連携協定４件）や臨床上" in results
    assert not any(w.code == "layout-too-wide" and w.line == 42 for w in table.warnings)
    assert any(w.code == "layout-glued" and w.line == 42 for w in table.warnings)  # still named: a judgement


# 「化事業 令和6年度予算：37億円の内数）を通じて、医療機器等の開発における工学的制強靱化事業の後継…」 (out/d3000,
# seed 3010, a reportlab layout set 0.5 pt apart): the results' line holds a space of its own (「…強靱化事業 令和6
# 年度予算…」) and its end is glued to the plans' line 「制強靱化事業の後継となる、…」. Cut as if the glued piece
# started the results' line, the cut fell 3.5 cells too far (「…工学的制強靱化」 「事業の後継…」): the
# line read as a new row's description, m034's cells cut in two.
# 「ルールの整備 先進的研究開発・開発体制強靱化事業 令和6年度予算：業」（先進的…」 (out/d3040, seed 3097, a
# reportlab layout set 0.5 pt apart): the results' line 「先進的研究開発・開発体制強靱化事業 令和6年度予算：」 holds
# a space of its own, 18 cells before it, and ends glued to the plans' 「業」（先進的研究開発・…」.
@pytest.mark.parametrize(("snippet", "in_results"), [
    ("glued-cut-after-a-cells-own-space.txt", "令和6年度予算：37億円の内数）を通じて、医療機器等の開発における工学的安定性や"),
    ("glued-cut-after-a-cells-long-words.txt", "（先進的研究開発・開発体制強靱化事業 令和6年度予算：37億円の内数）を通じて"),
], ids=["own-space", "long-words"])
def test_a_glued_piece_after_a_cells_own_space_is_cut_where_the_whole_cell_line_fills(snippet, in_results):
    table = snippet_table(snippet)
    row = next(r for r in table.rows if "ガイドライン・ルールの整備" in r.cells[0].text)
    description, results, plans = (c.text for c in row.cells)
    assert description.endswith("医療機器ガイドラインを策定する。［厚、◎経］")
    assert in_results in results
    assert "「医療機器創出ガイダンス事業」（先進的研究開発・開発体制強靱化事業の後継となる、" in plans


def test_a_glued_piece_after_a_bullets_words_and_digits_is_cut_where_the_whole_cell_line_fills():
    # (out/d3040, seed 3051, a reportlab layout set 0.5 pt apart.) The results' lines 「・「医療機器等における…（先進的
    # 研究開発・開発体制強靱化事業 令和6」 (a bullet's first line) and 「・「次世代医療機器評価指標の公表について」（令和
    # ６年11月29日付け医薬機審発 1129第２号）に」 (digits on both sides of the space) hold a space of their own and end
    # glued to the plans' 「・令和7年度に新設される…」 and 「・「次世代医療機器・再生医療等…」: both rows were cut wrong.
    table = snippet_table("glued-cut-after-a-bullets-own-space.txt")
    rows = [r for r in table.rows if "ガイドライン・ルールの整備" in r.cells[0].text]
    first, second = ([c.text for c in r.cells] for r in rows)
    assert first[0].startswith("医療機器の研究開発に関するガイドライン・ルールの整備上市の迅速化")
    assert second[0].startswith("医療機器の研究開発に関するガイドライン・ルールの整備（その２）また、")
    assert first[1].startswith("・「医療機器等における開発ガイドライン策定事業」（先進的研究開発・開発体制強靱化事業 令和6年度予算")
    assert first[2].startswith("・令和7年度に新設される「医療機器創出ガイダンス事業」")
    assert second[1].startswith("・「次世代医療機器評価指標の公表について」（令和６年11月29日付け医薬機審発 1129第２号）により、")
    assert second[2].startswith("・「次世代医療機器・再生医療等製品評価指標作成事業」に基づき")
