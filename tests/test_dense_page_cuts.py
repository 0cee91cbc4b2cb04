"""Rows cut by a page break the pypdfium2 text does not mark, on lines cut from real extractions.

Each snippet under tests/data/dense/ is a few rows of a generated layout's pypdfium2 text (the dev set's,
tests/layoutgen), its header line first, read at the column widths the whole text shows. A snippet longer
than a page (text_dense.PAGE_LINES) lets the reader resume a row anywhere, as in the whole text.
"""

from __future__ import annotations

from dense_snippets import snippet_rows


def test_a_title_cut_from_its_description_by_a_page_break_stays_a_title():
    # L3064 (reportlab, header on the first page only): the page ends with a row's title 「臨床研究・治験ネット
    # ワークの構築と活用の」 / 「促進」, the first lines of its results and plans and its office; its description
    # 「臨床研究・治験の効率的な…」 opens the next page. The title was read as a description and 「促進」 as the
    # first result: the description's start after a title was priced as a second paragraph.
    rows = snippet_rows("title-cut-from-its-description", 19, 23, 23, 6)
    row = next(r for r in rows if any("臨床研究・治験の効率的な" in x for x in r["description"] + r["title"]))
    assert row["title"] == ["臨床研究・治験ネットワークの構築と活用の", "促進"]
    assert row["description"][0] == "臨床研究・治験の効率的な実施のため、症例"
    assert row["description"][-1].endswith("［◎厚］")
    assert row["results"][0].startswith("・臨床研究・治験推進研究事業") and row["results"][-1].endswith("取り組んでいる。")
    assert row["plans"][0].startswith("・引き続き") and row["plans"][-1] == "む。"


def test_a_results_cell_opening_with_a_sentence_and_no_bullet_starts_where_its_sentence_does():
    # L3080 (reportlab, even widths): the description's items run to a full line 「個別化医療に向けた診断と治療
    # が一体化」 (the page cuts them); the results open with no bullet 「重点５分野については、AMEDによる支」 /
    # 「援を中心に…一貫した」 / 「研究開発を省庁横断的に推進した。具体」. The first two lines were read into the
    # description: nothing in them tells a result, only their sentence's end 「…推進した。」 a line or two on.
    rows = snippet_rows("results-opening-with-a-sentence", 18, 18, 18)
    row = next(r for r in rows if any("以下の5分野を重点分野" in x for x in r["description"]))
    assert row["results"][0] == "重点５分野については、AMEDによる支"
    assert not any("重点５分野については" in x for x in row["description"])


def test_a_results_line_left_open_at_a_page_foot_goes_on_after_the_break():
    # L3077 (reportlab, rows cut by page breaks): the page ends with the results' 「の強化・推進を実施した（企業間の
    # 共同開発案件９」, three cells short of full but inside the bracket it opened (no paragraph ends so), then the
    # plans' first bullet 「・「地域連携拠点」（医工連携…」; after the page number the results go on 「件）。」. The plans'
    # bullet was read as a second result: going on after a short line was priced as after a paragraph's end.
    rows = snippet_rows("results-line-open-at-a-page-foot", 22, 26, 26)
    row = next(r for r in rows if any("企業が互いに成長できる共存" in x for x in r["description"]))
    assert row["results"][:4] == ["・「地域連携拠点」（医工連携グローバル展開事業として", "令和7年度予算：14億円の内数）を通じて、企業間連携",
                                  "の強化・推進を実施した（企業間の共同開発案件９", "件）。"]
    assert row["plans"][0] == "・「地域連携拠点」（医工連携グローバル展開事業として"
    assert row["plans"][-1] == "業間連携の強化・推進を行う。"


def test_a_line_closing_the_quote_the_line_before_opened_stays_in_that_lines_cell():
    # L3030 (Chromium, plans printed before results, all three columns as wide): after the page break the
    # results go on 「また、今年度新たに「SaMDの品質管理システム…」 … 「ンス策定WG」及び「カスタムメイド骨接合材料に
    # 関する開発ガイダンス（案）」 / 「策定WG」の設置を行った。」. Both cells had ended a sentence before the break, so the
    # widths cannot tell which goes on; the paragraph was read into the plans up to its last line, which went to
    # the results for its 「…た。」, though it closes the quote the line before opened.
    rows = snippet_rows("results-sentence-goes-on-after-a-page-break", 36, 36, 36)
    row = next(r for r in rows if r["title"] == ["医療機器の研究開発の手引きの作成"])
    assert row["plans"] == ["・引き続き、開発に際しての手引きとなる開発ガイダンスを策定に努める。"]
    assert row["results"][-2:] == ["ンス策定WG」及び「カスタムメイド骨接合材料に関する開発ガイダンス（案）",
                                   "策定WG」の設置を行った。"]


def test_a_title_cut_by_a_page_break_goes_on_as_the_title_after_it():
    # L3001 (reportlab, the 「担当」 column first, rows cut by page breaks): the page ends with the office's,
    # the title's, the results' and the plans' first lines on one baseline 「厚労省医療 医療機器開発ガイドラインと
    # 国際標準化の活 ・「革新的…」; after the page number the office goes on 「機器審査管」 / 「理課」, then the title
    # 「動強化」 and the description. A cell went on after a break only as a description, so the title's first
    # line was read as the description's.
    rows = snippet_rows("title-cut-by-a-page-break-beside-an-office", 20, 20, 20, 5)
    row = next(r for r in rows if any("医療機器開発ガイドラインを有効に活用し" in x for x in r["description"]))
    assert row["title"] == ["医療機器開発ガイドラインと国際標準化の活", "動強化"]
    assert row["description"][0] == "医療機器開発ガイドラインを有効に活用し、"


def test_a_cell_going_on_after_a_break_with_a_latin_word_carried_down_whole():
    # L3069 (Chromium, results and plans as wide): the page ends with the plans' 「等での新規拠点設立やベトナム（MEV）
    # 及びタイ」, 3.5 cells short; after the repeated header and the results' rest, the plans go on 「（METhailand）に
    # おける個別プロジェクト支援を実施」: the Latin word is carried down whole with its brackets, and did not fit in
    # the room left. Going on after a short line was priced as after a paragraph's end, so the plans' rest was read
    # as the results' last paragraph.
    rows = snippet_rows("plans-resume-with-a-latin-word-carried-down", 21, 25, 25)
    row = next(r for r in rows if any("健康構想" in x for x in r["results"]))
    assert row["plans"][row["plans"].index("等での新規拠点設立やベトナム（MEV）及びタイ") + 1] == "（METhailand）における個別プロジェクト支援を実施"
    assert not any("METhailand）における" in x for x in row["results"])
