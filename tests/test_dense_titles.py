"""A row's title printed right after the cell before it, on lines cut from real pypdfium2 extractions.

A title's first line fills the description column's width; where the cell printed before the title is wider
(results or plans), that line fits it too, as the last words of a sentence begun after the cell's last 。.
Each snippet under tests/data/dense/ is a few rows of a dev layout's text (tests/layoutgen), its header line
first, read at the column widths the whole text shows.
"""

from __future__ import annotations

from dense_snippets import snippet_rows


def test_a_titles_first_line_after_a_results_last_sentence_stays_the_titles():
    # L3026 (reportlab; description 26 cells, plans 19, results 30, printed in that order): the results end
    # 「…の案件に対し継続的な供給を行うための取組の検討を行った。」 (a full line); the next row's title
    # 「新興国・途上国の医療ニーズと日本の医療機器産業のマッ」 / 「チングによる展開支援」 follows. Its first line
    # was read as the results' last: a sentence begun after the 。 and never ended.
    rows = snippet_rows("title-after-a-results-last-sentence", 26, 30, 19)
    assert rows[0]["results"][-1] == "の案件に対し継続的な供給を行うための取組の検討を行った。"
    assert rows[1]["title"] == ["新興国・途上国の医療ニーズと日本の医療機器産業のマッ", "チングによる展開支援"]
    assert rows[1]["description"][0].startswith("日本企業は、")


def test_a_titles_first_line_after_a_page_break_does_not_resume_the_results():
    # L3007 (chromium, header repeated; description 27 cells, results and plans 32; the running title, which
    # the whole text shows repeated, left out): a row's results end 「…臨床ニーズマッチングを実施した。」 (a full
    # line), its plans 「…を推進する。」; after the page's number and header the
    # next row's title 「医療機関における…の拡充と活」 / 「用の促進」. Its first line was read as the results
    # going on after the page break, the sentence it began never ended.
    rows = snippet_rows("title-after-a-page-break-and-a-results-last-sentence", 27, 32, 32)
    assert rows[0]["results"][-1] == "た中小企業のシーズと医療機関の臨床ニーズマッチングを実施した。"
    assert rows[1]["title"] == ["医療機関における医療機器の研究開発の支援体制の拡充と活", "用の促進"]
    assert rows[1]["description"][-1].endswith("［◎厚］")
