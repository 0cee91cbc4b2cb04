"""Glued cuts where Chromium prints two full-width marks side by side narrower than they count (CSS
text-spacing-trim), on pdfplumber text cut from a generated layout (out/d3000, seed 3008: a synthetic
edition, cells set 0.5 pt apart, its lines as extracted)."""

from __future__ import annotations

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
