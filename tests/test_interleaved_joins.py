"""A column's next line joins onto its last one as the document's own text joins characters: pdfplumber text
cut from generated layouts (out/d3000: synthetic editions, their lines as extracted) where, at a page's foot,
one cell stopped a line early and the next column's piece printed where the first's would have, widths and
wording costing both readings the same."""

from __future__ import annotations

from interleaved_snippets import snippet_input, snippet_table

from policydiff.versions.readers.interleaved_joins import JoinCosts


def _row(table, words):
    return next(r for r in table.rows if any(words in c.text for c in r.cells))


def test_a_piece_at_a_page_foot_goes_to_the_column_whose_words_it_finishes():
    # (seed 3032, office first, plans before results, 9 pt portrait; pages 3-4, whose statistics tell) the plans stop
    # a line early above the page break 「- 4 -」: 「て、医療機器創出人材の育成・リスキリ」 went on the plans' 「…実証する場の整」 and the plans'
    # 「備のための支援を…」 after the break on the results' 「…創出に向け」, each cell's words cut apart
    row = _row(snippet_table("page-foot-lines-joined-by-the-text.txt"), "産業振興拠点強化事業")
    _, _, plans, results = (c.text for c in row.cells)
    assert "臨床上の有用性を実証する場の整備のための支援を行い、更なる拠点機能の強化を図る予定。" in plans
    assert "優れた医療機器の創出に向けて、医療機器創出人材の育成・リスキリングを提供すると共に" in results


def test_a_join_the_document_never_prints_costs_more_than_one_it_prints_often():
    lines, _, _ = snippet_input("page-foot-lines-joined-by-the-text.txt")
    costs = JoinCosts([p for x in lines for p in x.split()])
    # (the snippet's own 160 lines: 「け」 goes on with 「る」「た」 ten times each, 「て」「の」 once, never 「ン」)
    assert costs("に向け", "て、医療機器創出") == 0.0
    assert costs("に向け", "ングを提供すると") > 0.0


def test_a_ministry_tag_opened_at_a_lines_end_goes_on_at_no_cost():
    # 「…を構築する。［」 then 「厚、◎経］」: the tag's ministries are the document's list, most tags opening 「［◎」
    costs = JoinCosts(["［◎厚］", "［◎経］", "［◎厚、経］", "を構築する。"])
    assert costs("。［", "厚、◎経］") == 0.0
