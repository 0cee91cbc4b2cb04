"""A budget against its sentence's verb, a list's lead-in and a line said twice, on lines cut from real pypdfium2
extractions of generated layouts (tests/layoutgen)."""

from __future__ import annotations

from dense_snippets import snippet_cells, snippet_rows, snippet_table


def test_a_plan_going_on_with_this_years_program_is_a_plan():
    # L5429 (Chromium, plans printed before results, offices first; columns 21, 23, 23 and 6 cells): the plans' last
    # bullet 「・「次世代ヘルステック・スタートアップ育成支援事業」 / 「（令和7年度予算：6.0億円）」において、…」 cites this
    # year's budget, and was read as the results' first; its sentence ends 「…人材マッチングの支援を行う。」, a plan's
    # verb (also L7222, L7252: the same bullet after a page break).
    rows = snippet_rows("plans-going-on-with-this-years-program", 21, 23, 23, 6)
    assert rows[0]["plans"][-1] == "ができるよう、人材マッチングの支援を行う。"
    assert rows[0]["results"][0] == "・｢優れた医療機器の創出に係る産業振興拠点強化事"


def test_a_lead_in_after_a_full_plans_line_opens_the_results():
    # L7217 (reportlab, plans printed before results; every column 19 cells): the plan 「…令和８」 / 「年度診療報酬改定に
    # 向けて検討を行う。」 fills its line; the results' lead-in 「令和６年度保険医療材料制度改革におい」 / 「て、」 was read as
    # the plan's next sentence, with the bullet after it (also L6016, L7131: the same row).
    rows = snippet_rows("results-lead-in-after-a-full-plans-line", 19, 19, 19, 5)
    assert rows[0]["plans"] == ["・関係団体等の意見も伺いながら、令和８", "年度診療報酬改定に向けて検討を行う。"]
    assert rows[0]["results"][:2] == ["令和６年度保険医療材料制度改革におい", "て、"]


def test_a_status_said_twice_is_the_results_end_and_the_plans():
    # L7012 (Chromium, offices last; columns 23, 22, 22 and 6 cells): the result 「…緊急承認制度を導入した。」 fills its
    # line, and its status 「（対応済み）」 wraps alone; the plans say only 「（対応済み）」. Both readings cost the same,
    # and the whole text's read both as the plans (also L7041, L6940: the same row); here the tie fell the other way,
    # named as doubtful. A cell says nothing twice: the status is the results'.
    prepared, table = snippet_table("a-status-stated-in-results-and-plans", 23, 22, 22, 6)
    cells = dict(zip(prepared.order, table.rows[1].cells, strict=True))
    assert [x.text for x in cells["results"].lines][-2:] == ["事における医療機器の緊急承認制度を導入した。", "（対応済み）"]
    assert [x.text for x in cells["plans"].lines] == ["（対応済み）"]
    assert not [n for n in table.notes if "対応済み" in n.message]


def test_a_term_defined_in_brackets_ends_no_sentence():
    # L7121 (Chromium; every column 30 cells): the result 「…臨床研究総合促進事業（令和６年度予算：2.9億円）におい」 /
    # 「て、…」 runs on over a page break after the plans' one bullet; 「…認定臨床研究審査委員会（以下「CRB」という。）に
    # ついて、各」 was taken for a plan's sentence end (「…う。」), and the result's middle lines for the plans.
    rows = snippet_rows("results-defining-a-term-before-a-page-break", 30, 30, 30)
    assert rows[0]["results"][5:7] == ["て、令和４年度より、臨床研究法（平成29年法律第16号）に規定さ",
                                       "れる認定臨床研究審査委員会（以下「CRB」という。）について、各"]
    assert rows[0]["plans"] == ["・引き続き、CRBの質向上や、臨床研究従事者の育成に取り組む。"]


def test_a_line_closing_a_quote_goes_on_the_cell_that_left_one_open():
    # L5607 (reportlab, plans printed before results; columns 27, 32 and 32 cells): the title's first line, the plans'
    # one bullet and the results' first line 「・成長戦略実行計画（…）において「臨床研究」 share a baseline; after the
    # description, 「法に基づく…検討を進める」」 closes that quote, and was read as the plans going on after their 。.
    rows = snippet_rows("results-quote-closed-after-the-description", 27, 32, 32)
    assert rows[0]["plans"] == ["・引き続き、CRBの質向上や、臨床研究従事者の育成に取り組む。"]
    assert rows[0]["results"][1] == "法に基づく研究手続の合理化等に向けた法改正を含めた検討を進める」"


def test_cells_set_tight_touch_with_no_space():
    # L7235 (reportlab, padding half a point, plans printed before results; every column 26 cells): after a page
    # break the description's line and the plans' and results' first lines share a baseline with no space between,
    # 「…地域におけ・「地域連携拠点」（…推進事業の・「地域連携拠点」（…推進事業と」; read whole, it fit no column (also L3015).
    rows = snippet_rows("cells-set-tight-with-no-space", 26, 26, 26)
    assert rows[1]["description"][0] == "テンシャルを有する地域連携拠点については、地域におけ"
    assert rows[1]["plans"][0] == "・「地域連携拠点」（医工連携イノベーション推進事業の"
    assert rows[1]["results"][0] == "・「地域連携拠点」（医工連携イノベーション推進事業と"


def test_a_cell_that_ended_its_sentence_resumes_with_no_unit_carried_down():
    # L7055 (Chromium, offices last; columns 26, 26, 26 and 5 cells): a page break cuts the row 「協力覚書を踏まえた…」;
    # the plans' last line before it, 「術・サービスの国際展開を推進する。」, is short at a sentence's end. After the
    # break the plan 「・MExx構想を更に推進し、…ベトナム（MEV）及びタイ」 / 「（METhailand）における…」 was cut in two, its
    # second part read as the plans going on as if their line had stopped short for 「（METhailand）」 (also L7222).
    rows = snippet_rows("plans-resumed-after-a-sentence-end", 26, 26, 26, 5)
    assert rows[0]["results"][-1] == "リカにおける事業等をアピールした。"
    assert rows[0]["plans"][4].startswith("・MExx構想を更に推進し")
    assert rows[0]["plans"][6].startswith("（METhailand）における")


def test_a_full_plans_line_closing_a_quote_runs_on():
    # L7130 (Chromium, plans printed before results; columns 43, 47 and 30 cells): the plan 「・「医療機器等のサプライ
    # チェーンリスク評価及び安定供給確保事業」」 fills its line at the quote's close, and its sentence goes on 「にて、…」;
    # taken for a paragraph's end, 「にて、…」 was read as the results' first line (also L7117: 「において、…」 read as the
    # next row's description). No results or plans paragraph of the three editions ends in a quote's close.
    rows = snippet_rows("plans-quote-closing-a-full-line", 43, 47, 30)
    assert rows[0]["plans"][:2] == ["・「医療機器等のサプライチェーンリスク評価及び安定供給確保事業」",
                                    "にて、供給不安が生じた場合に必要に応じ関係学会や当該製品の製"]
    assert rows[0]["results"] == ["・供給不安が生じた場合には、個別の品目ごとに関係者と議論を行い、解決策を検討した。"]


def test_an_office_goes_on_after_a_page_break_from_a_line_ending_in_an_office_word():
    # L5348 (reportlab, offices last, 11 cells): the office's first line 「経産省ヘルスケア産業課」 fills its column
    # and ends in an office's word, as if whole; after a page break its rest 「医療・福祉機器産業室」, which opens with no
    # ministry, was read as the plans' last line.
    cells = snippet_cells("office-going-on-after-a-page-break", 61, 48, 35, 11)
    assert [x.text for x in cells[0]["office"].lines] == ["経産省ヘルスケア産業課医療・福祉機器産業室"]
    assert cells[0]["plans"].lines[-1].text == "アーリーステージでのベンチャー企業の開発支援を引き続き推進する。"


def test_an_item_headings_rest_printed_again_goes_on_no_cell_of_other_words():
    # L6034 (reportlab, plans printed before results; columns 29, 28, 28 and 7 cells): the results restate the
    # description's items by their headings; their 「③ 臨床的な…に向けた診断」 is cut by a page break, and after the
    # description's items its rest 「と治療が一体化した医療機器」 goes on. Read either way at the same cost, it was read
    # as the rest of the description's 「⑤ …に資する医療機器」; the description printed that rest after ③, not ⑤.
    rows = snippet_rows("results-item-heading-resumed-after-a-page-break", 29, 28, 28, 7)
    results, description = rows[0]["results"], rows[0]["description"]
    k = results.index("③ 臨床的なアウトカムの最大化に資する個別化医療に向けた診断")
    assert results[k + 1] == "と治療が一体化した医療機器"
    assert description[-1].startswith("⑤")
