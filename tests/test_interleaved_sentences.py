"""Sentences across lines in the interleaved reader, on pdfplumber text cut from a generated layout (out/d3000,
seed 3030: a synthetic edition, plans printed before results, its lines as extracted)."""

from __future__ import annotations

from interleaved_snippets import snippet_table


def test_a_sentence_opener_goes_on_a_line_that_ended_a_sentence_not_one_that_stopped_mid_sentence():
    # A row's first line at a page's foot, 「…洗浄プロセスに関」 in the results, then one lone line 「する開発ガイダンス
    # 2024」及び…を公開した。」 before the page break. Read as the description's (after its title), the results'
    # 「…に関」 went on with 「また、今年度新たに…」 on the next page: a sentence's first words after a line that
    # stopped mid-word. The lone line is the results', ending the sentence that 「また、」 follows.
    table = snippet_table("sentence-opener-after-a-page-break.txt")
    row = next(r for r in table.rows if "手引きの作成" in r.cells[0].text)
    description, plans, results = (c.text for c in row.cells)
    assert description == ("医療機器の研究開発の手引きの作成ベンチャー企業をはじめとする企業の研究開発の障壁となっている課題を把握し、"
                           "必要に応じた手引きの作成に引き続き取り組む。［◎経］")
    assert "「ロボット手術器具の洗浄プロセスに関する開発ガイダンス2024」及び「人工心臓開発ガイダンス2024」を公開した。また、今年度新たに" \
        in results
    assert plans == "・引き続き、開発に際しての手引きとなる開発ガイダンスを策定に努める。"
