"""Where one cell of a pypdfium2 text ends and the next begins, on lines cut from real extractions.

Each snippet under tests/data/dense/ is a few rows of a generated layout's pypdfium2 text (the dev set's,
tests/layoutgen), its header line first; it is read at the column widths the whole text shows (the
reader measures them on the whole text; a snippet is too short to).
"""

from __future__ import annotations

from dense_snippets import DENSE, snippet_cells, snippet_rows, snippet_table

from policydiff.versions.readers import dense_parallel as parallel
from policydiff.versions.readers.dense_parallel import distinctive_pairs
from policydiff.versions.readers.grammar import read_rows


def test_a_plan_is_told_from_a_result_by_its_verb_and_its_budgets_year():
    # L3007 (chromium, results and plans 32 cells wide): the first plan 「…人材育成に取り組む。」 cites
    # 「令和7年度予算案」, the plans' year; it was read as a fourth result (「…む。」 was no plan's ending).
    (row, _) = snippet_rows("plans-worded-as-plans", 27, 32, 32)
    assert row["results"][-1] == "した。"
    assert row["plans"][0].startswith("・「次世代ヘルステック") and row["plans"][-1] == "を図る。"
    assert len(row["plans"]) == 11


def test_a_title_ending_in_brackets_on_a_line_of_its_own_stays_a_title():
    # L3017: 「国際展開支援における業界団体と行政の連携強化」 / 「（その２）」 was read as a last plan of
    # the row before (a lone bracket reads as a group heading of a results or plans cell), silently.
    rows = snippet_rows("title-in-brackets", 21, 25, 25)
    assert [r["title"] for r in rows] == [["国際展開支援における業界団体と行政の連携強化"],
                                          ["国際展開支援における業界団体と行政の連携強化", "（その２）"]]
    assert rows[0]["plans"][-1] == "ワーキング形成の促進に引き続き取り組む。"
    assert rows[1]["description"][0].startswith("昨今、")


def _headings(name: str, description: float, results: float, plans: float) -> list[str]:
    _, table = snippet_table(name, description, results, plans)
    return [row.cells[0].lines[0].text for row in table.rows[1:] if len(row.cells) == 1]


def test_a_headings_last_words_on_a_line_of_their_own_stay_in_the_heading():
    # L3007: 「（３）「…アクセシビリティの確保」」 / 「に向けて」; L3017: 「【国際展開に…増加】」 / 「（再掲）」.
    # The vision lost 「に向けて」 and the goal its 再掲 mark (the row it reposts read as a new goal).
    assert _headings("vision-tail", 27, 32, 32)[:2] == [
        "（３）「国民に必要な医療機器へのアクセシビリティの確保」に向けて", "【国際展開に積極的に取り組む日本企業の増加】（再掲）"]
    assert _headings("goal-tail", 21, 25, 25)[:4] == [
        "（３）「国民に必要な医療機器へのアクセシビリティの確保」に向けて", "【国際展開に積極的に取り組む日本企業の増加】（再掲）", "（上記参照）",
        "【医療保険制度におけるイノベーションに対する適切な評価の実施】（再掲）"]
    # L3032 (担当 first, a column 16 cells wide): 「（１）「…の中心」 / 「地としての…確立」に」 / 「向けて」.
    assert _headings("vision-tail-three-lines", 16, 16, 16)[0] == \
        "（１）「医療機器の研究開発の中心地としての我が国の地位の確立」に向けて"


def test_an_items_heading_that_fills_its_line_may_end_the_description():
    # L3007 m052: the description's last item 「⑤ 医療従事者の…に資する医療機器」 fills its line (26 of 27
    # cells) and ends in a noun, as an item's heading does; the results cell opens with no bullet. The item
    # was read as the first line of the results.
    row = snippet_rows("description-items", 27, 32, 32)[0]
    assert row["description"][-1] == "⑤\t医療従事者の業務の効率化・負担軽減に資する医療機器"
    assert row["results"][0].startswith("重点５分野については")


def test_a_paragraph_opening_with_hikitsuzuki_is_a_plan_unless_a_comma_leads_to_it():
    # L3020 m029: the last result 「・医工連携…において３件の課題を採択」 fills the plans' width (26 cells) and
    # the plans cell opens with no bullet, 「引き続き、AMEDの…」: the result was read as a plan running on
    # into it. L3019 m035: 「・「医療技術等国際展開推進事業」を通じて、」 / 「引き続き、…実施予定。」 is one plan.
    row = snippet_rows("plans-go-on", 47, 37, 26)[0]
    assert row["results"][-1] == "・医工連携グローバル展開事業において３件の課題を採択"
    assert row["plans"] == ["引き続き、AMEDの医療機器・ヘルスケアプロジェクトにおい",
                            "て、重点５分野を含むテーマについて研究開発を支援する。"]
    row = snippet_rows("plans-go-on-after-a-comma", 35, 28, 20)[0]
    assert row["results"][-1] == "施し、現地医療関係者等との関係構築を支援。"
    assert row["plans"][:2] == ["・「医療技術等国際展開推進事業」を通じて、", "引き続き、低・中所得国における医療人材育"]


def test_an_item_of_the_description_cut_by_a_page_break_goes_on_in_the_description():
    # L3077 m029 (the header printed again on each page): the page breaks inside the description's item ①,
    # after 「…継続モニタリングすること」; the page goes on 「で、健康無関心層の…」. A description went on
    # after its tag only at an item's mark, so the rest was read into the results and what followed astray.
    row = snippet_rows("items-cut-by-a-page-break", 22, 26, 26)[0]
    description = row["description"]
    k = description.index("で、健康無関心層のヘルスリテラシーを向上し、")
    assert description[k - 1] == "意識下・非侵襲的に継続モニタリングすること"
    assert description[-2:] == ["⑤\t医療従事者の業務の効率化・負担軽減に資する", "医療機器"]
    assert row["results"][0].startswith("重点５分野については")
    assert row["plans"][-3:] == ["引き続き、AMEDの医療機器・ヘルスケアプロジェクトにお",
                                 "いて、重点５分野を含むテーマについて研究開発を支援す", "る。"]


def test_a_result_is_told_by_a_past_tense_before_a_bracket_and_a_budget_cut_by_a_line_end():
    # L3008 (plans printed before results, all three columns 31 cells wide): the first result ends
    # 「…を実施した（企業間の共同開発案件９件）。」 and cites 「令和7年度予」 / 「算：14億円」, the results' year,
    # cut by the line's end; it was read as a second plan.
    row = snippet_rows("results-after-plans", 31, 31, 31)[0]
    assert row["plans"][-1] == "う。" and len(row["plans"]) == 3
    assert row["results"][0].startswith("・「地域連携拠点」") and len(row["results"]) == 6


def test_a_title_in_parts_ends_at_its_part_number():
    # L3010: 「医療機器の研究開発に関するガイドライン・ルールの整備（その２）」 fills 31 of the description's 33
    # cells; a title ending at a full line is told by its last words, and 「（その２）」 was none of them.
    rows = snippet_rows("title-in-parts", 33, 39, 39)
    assert [r["title"] for r in rows] == [["医療機器の研究開発に関するガイドライン・ルールの整備"],
                                          ["医療機器の研究開発に関するガイドライン・ルールの整備（その２）"],
                                          ["小児用医療機器のサイズ展開に関する体制整備"]]


def test_a_description_never_reports_what_was_done():
    # L3046 m030 (description 46 cells, results 36): the results open with no bullet, 「重点５分野については、
    # …推進した。具体的には…」, each line short of the description's width; read as the description's last
    # item's text (a sentence that ends 「…した。」 mid-line, which no description of the report says).
    row = snippet_rows("results-opening-with-text", 46, 36, 26)[0]
    assert row["description"][-1] == "⑤\t医療従事者の業務の効率化・負担軽減に資する医療機器"
    assert row["results"][0].startswith("重点５分野については、")
    assert row["plans"][0].startswith("引き続き、AMED")


def test_an_item_mark_does_not_open_a_results_cell():
    # L3066 m030 (all three columns 26 cells wide): the description's last item 「⑤ …に資する医療機器」 was
    # read as the results' first line, silently. An item ① opens no results cell in the report; where the
    # widths cannot tell the description's items from the results' text, the row was named in a warning; since
    # the items' order is weighed (① … ⑤ run in order in their cell), the reading is told and sure.
    prepared, table = snippet_table("item-opening-no-cell", 26, 26, 26, 7)
    results = table.rows[1].cells[prepared.order.index("results")].lines
    assert not results[0].text.startswith("⑤")
    assert results[0].text.startswith("重点５分野については")
    assert table.rows[1].cells[prepared.order.index("description")].lines[-1].text.startswith("⑤")


def test_a_rows_first_line_read_as_the_row_befores_last_is_named():
    # L3077: the next row's first line 「医師をはじめとする医療従事者の働き方改革を着」 (22 cells: a full
    # description line) was read as the last line of the results (26 cells wide), and the row as starting
    # 「実に推進し、…」, with no warning. Both rows were then named; now the row starts at that line (the results
    # list bullets ending 「…課題を採択」, which the text shows end their paragraph: dense_tails), still named.
    # The row before is no longer named: its last bullets 「・…において３件の課題を採択」 could only be plans had the
    # plans, three lines ended before the page break that cut the row, gone on after it (dense_resume.cut_short).
    _, table = snippet_table("items-cut-by-a-page-break", 22, 26, 26)
    named = {n.line for n in table.notes if n.code == "layout-dense-doubt"}
    starts = [row.cells[0].lines[0].no for row in table.rows[1:] if len(row.cells) > 1]
    assert starts == [2, 86] and 86 in named
    assert any("source line 86" in n.message for n in table.notes)


def test_a_title_over_a_description_whose_first_line_was_lost_stays_a_title():
    # L3019 (chromium): the report's first measure lost its description's first line (「…ることが必要であ
    # る。」 right under the title 「…医療従事者の育成」). 「育成」 then 「ることが」 is no sentence (a noun takes no
    # verb's ending), yet the title was read into the description as its first line, silently on held-out text.
    rows = snippet_rows("title-over-a-lost-first-line", 35, 28, 20)
    assert rows[0]["title"] == ["医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成"]
    assert rows[0]["description"][0].startswith("ることが必要である。")
    assert rows[2]["title"] == ["臨床現場を理解した企業の医療機器の研究開発人材の育成"]


def test_a_reposted_title_over_a_description_whose_first_line_was_lost_stays_a_title():
    # L3005 (chromium, columns 32 cells wide): 「＜有事における…取組＞（再掲）」 then 「む。［◎厚］」 (the report lost
    # the description's first line). A verb's ending 「む。」 goes on from no 「（再掲）」: the title is a title.
    rows = snippet_rows("reposted-title-over-a-lost-first-line", 32, 32, 32)
    assert rows[-1]["title"] == ["＜有事における新規医療機器の早期実用化に向けた取組＞（再掲）"]
    assert rows[-1]["description"] == ["む。［◎厚］"]


def test_an_office_header_printed_over_a_hidden_label_keeps_its_column():
    # L3084 (reportlab): the header prints 「列3担当 列4」 (the hidden labels drawn over the cells' words). The
    # reader found the 「担当」 column, but handed the header on as printed, and the grammar, finding no
    # 「担当」 between spaces, dropped every row's office (59 rows).
    _, table = snippet_table("office-header-under-hidden-labels", 21, 23, 15, 5)
    rows = [row for goal in read_rows(table).goals for row in goal.rows]
    assert [row.office for row in rows[:2]] == ["厚労省医療機器審査管理課", "文科省研究振興局ライフサイエンス課"]


def test_a_line_ending_no_sentence_starts_the_next_row_rather_than_end_a_plan():
    # L3011 (reportlab; description 26 cells, results and plans 30): 「…臨床研究従事者の育成に取り組む。」 ends
    # the plans; 「臨床研究中核病院においては、研究開発拠点と連携するこ」 (a full description line, short of a
    # plan's) was read as the plans' last paragraph, though a results or plans paragraph ends with its
    # sentence. (「あわせて、…他機関の支援が可」 after 「- 6 -」 stops on a kanji: no word tells; it is named.)
    rows = snippet_rows("description-after-a-plans-last-sentence", 26, 30, 30)
    assert rows[0]["plans"] == ["・引き続き、CRBの質向上や、臨床研究従事者の育成に取り組む。"]
    assert rows[1]["description"][0] == "臨床研究中核病院においては、研究開発拠点と連携するこ"
    assert rows[1]["plans"][-1] == "し、特に医療機器スタートアップ等への支援を強化する。"


def test_an_office_printed_first_after_a_page_break_starts_the_row():
    # L3092 (chromium, 担当 first, 7 cells wide): after 「- 10 -」 the next row's office 「経産省ヘルスケ」 /
    # 「ア産業課医療・」 / 「福祉機器産業室」; its first line was read as the last plan of the row before (whose
    # last line runs on) and the office left as 「ア産業課医療・福祉機器産業室」. An office starts with its
    # ministry (「経産省…」); one that starts without it was cut.
    rows = snippet_cells("office-first-after-a-page-break", 30, 34, 22, 7)
    assert [row["office"].text for row in rows] == ["厚労省医療機器審査管理課", "経産省ヘルスケア産業課医療・福祉機器産業室"]
    assert rows[0]["plans"].lines[-1].text == "の促進に向けた論点の整理に引き続き取り組む"


def test_a_group_heading_after_a_plans_last_sentence_opens_the_results():
    # L3048 (reportlab, plans printed before results): 「…に係る情報共有を実施する。」 ends the plans, and the
    # results open with their group heading 「（アジア健康構想）」, which was read as the plans' last words (a
    # line in brackets alone heads the bullets after it; it goes on no sentence that has ended).
    rows = snippet_rows("results-opening-with-a-group-heading", 48, 54, 34)
    assert rows[0]["plans"][-1] == "に係る情報共有を実施する。"
    assert rows[0]["results"][0] == "（アジア健康構想）"
    assert "（アフリカ健康構想）" in rows[0]["results"]


def test_a_count_in_brackets_after_a_result_ends_the_results():
    # L3084 (reportlab, 担当 last): 「…提供を促進した。」 「（令和6年12月までに累計62件）」 then the plans. A count or
    # date in brackets closes the sentence before it and may end a cell: it is no group heading of the
    # plans (read so, silently, when a group heading 「（アジア健康構想）」 was first made to head bullets).
    (row,) = snippet_cells("results-ending-with-a-count-in-brackets", 21, 23, 15, 5)
    assert row["results"].lines[-1].text == "（令和6年12月までに累計62件）"
    assert row["plans"].lines[0].text.startswith("・引き続き、")
    assert row["office"].text == "内閣府健康・医療戦略推進事務局"


def test_a_plans_ending_split_over_two_lines_still_tells_a_plan():
    # L3074 (chromium, results and plans both 28 cells wide): 「…更なる拠点機能の強化を図る予」 / 「定。」: the
    # plan's 「予定。」 is cut by the line's end, so neither line read as a plan's, and the first plan was read
    # as a third result. A sentence's end is read across the line break.
    (row,) = snippet_rows("plan-ending-split-over-two-lines", 24, 28, 28)
    assert row["results"][-1] == "医工学研究者養成を図った。"
    assert row["plans"][0] == "・令和７年度の取組に加え、拠点間の連携による全国的な支援"


def test_a_description_restating_its_titles_last_words_leaves_the_title_a_title():
    # L3089 (chromium): 「次世代医療基盤法に基づく認定事業者の医療情報の提供の促進」 then 「の提供の促進に引き続き
    # 取り組む。［◎内、文、厚、経］」 (the report lost the description's first line). The description opens with
    # a particle, which reads as going on; but no sentence says a phrase twice in a row (「…の提供の促進の提供の
    # 促進に…」): the title was read into the description.
    (row,) = snippet_rows("description-restating-its-title", 30, 35, 35)
    assert row["title"] == ["次世代医療基盤法に基づく認定事業者の医療情報の提供の促進"]
    assert row["description"] == ["の提供の促進に引き続き取り組む。［◎内、文、厚、経］"]


def test_a_bullet_after_a_page_break_goes_on_the_results_not_the_description_items():
    # L3043 (chromium): a page break cuts the 重点分野 row, whose description lists items ①…⑤ and whose results
    # list the same items, each with bullets 「・…の課題を採択」. After the break, the results' bullets after the
    # description's item ⑤ were read as that item's text, and with them the results' own ④ and ⑤. A
    # description is never written in bullets 「・」.
    # (the snippet drops the running title over the repeated header)
    (row,) = snippet_cells("items-and-bullets-after-a-page-break", 35, 28, 20, 5)
    description = [x.text for x in row["description"].lines]
    assert description[-1] == "⑤\t医療従事者の業務の効率化・負担軽減に資する医療機器"
    assert not any(x.startswith("・") for x in description)
    assert row["results"].lines[-1].text == "・医工連携イノベーション推進事業において１件の課題を採択"
    assert row["office"].text == "内閣府健康・医療戦略推進事務局"


def test_results_reported_in_nouns_are_told_from_plans_as_wide():
    # L3008 (chromium, plans printed before results, all columns 31 cells wide): the results of the 国際展開 row
    # report what was done in nouns (「…合同委員会を開催。」, 「…を実施。」), with no verb's tense; under its group
    # heading they were read as more plans. A plan seldom ends in a noun other than 予定, 方針, 見込み.
    (row,) = snippet_rows("results-reported-in-nouns", 31, 31, 31)
    assert row["plans"][-1] == "開プラットフォームに係る情報共有を実施する。"
    assert row["results"][0] == "（アジア健康構想）"
    assert row["results"][-1] == "KOLとの関係構築を行った。"


def test_a_notes_bracket_opened_alone_at_a_lines_end_makes_a_note():
    # L3015 (reportlab, 担当 last): the goal's note 「重点5分野の研究開発を支えるプラットフォームの整備」 ends its text
    # 「…取り組む。［」 / 「担当省庁については、…」 / 「…施策を参照］」: the bracket opened alone at the line's end was
    # not followed, so the text read as the results of a measure with no tag (one row too many).
    prepared, table = snippet_table("note-tag-opened-at-a-lines-end", 34, 34, 34, 9)
    note = dict(zip(prepared.order, table.rows[2].cells, strict=True))  # (the header, the goal, the note)
    assert [x.text for x in note["description"].lines][-1] == "的に実施すべき施策を参照］"
    assert not note["results"].lines and not note["plans"].lines


def test_a_title_with_a_comma_after_a_verbs_stem_stays_a_title():
    # L3079 (chromium, description 44 cells wide): the title 「出口戦略を策定し、計画全体を立案・管理する能力を有する人材
    # （コーディネート人材）の育成」 fills its line. Its comma follows a verb's stem (「策定し、」), as a heading's
    # may (cells.heading_commas); weighed as a sentence's comma, the title was read into the description.
    (row,) = snippet_rows("title-with-a-verbs-comma", 44, 49, 32)
    assert row["title"] == ["出口戦略を策定し、計画全体を立案・管理する能力を有する人材（コーディネート人材）の育成"]
    assert row["description"][0].startswith("特に医療機器の研究開発において")


def test_a_plan_restating_a_result_of_its_row_is_read_in_the_plans():
    # L3088 (chromium, all columns 39 cells wide): the plan 「・令和7年度補正予算「デジタルヘルスケア開発・導入
    # 加速化事業」（8.5億円）を通じて、…資金的支援を実施。」 ends in a noun, as results do, and was read as a third
    # result; it restates the row's first result (「・令和6年度補正予算「デジタルヘルスケア…」…を実施した。」), and two
    # bullets that restate each other lie in different columns.
    row = snippet_rows("plans-restating-results", 39, 39, 39)[0]
    assert row["results"][-1] == "究開発の促進に向けた論点の整理に取り組んだ。"
    assert row["plans"][0].startswith("・令和7年度補正予算「デジタルヘルスケア")
    assert row["plans"][-1] == "の研究開発の促進に向けた論点の整理に引き続き取り組む"


def test_of_two_boundaries_the_parallel_bullets_allow_the_nearest_to_the_wordings_is_kept():
    # L3061 (reportlab, 担当 first, results and plans 27 cells wide): results 「・スタートアップ企業等…（9.2億円）を
    # 措置。」 and 「・SaMDに関する萌芽的シーズ…を開催（令和6年9月3日）。」, plans 「・令和6年度補正予算…を実施。」 and
    # 「・「SaMD産学官連携フォーラム」を継続的に開催…」. The first plan restates the first result, so the plans start at
    # the second bullet or the third; the wording had them start at the fourth, and the nearer of the two (the third)
    # is the right one (the first of the two was taken, and the second result read as a plan).
    cells = snippet_cells("two-results-restated-by-two-plans", 22, 27, 27, 6)[0]
    results = [x.text for x in cells["results"].lines]
    plans = [x.text for x in cells["plans"].lines]
    assert results[0].startswith("・スタートアップ企業等") and results[-1] == "を開催（令和6年9月3日）。"
    assert plans[0].startswith("・令和6年度補正予算") and plans[-1] == "の整理に引き続き取り組む"


def test_where_the_costs_tie_the_plans_restate_the_results_bullet_for_bullet():
    # L3050 (reportlab, plans printed first, both 46 cells wide): plans 「引き続き、「医療機器等研究成果展開事業」…」,
    # 「・令和6年度補正予算…を実施。」, 「・「SaMD産学官連携フォーラム」…」, then results 「・「医療機器等研究成果展開
    # 事業」…」, 「・スタートアップ企業等…を措置。」, 「・SaMDに関する萌芽的…」. The first two plans restate the first
    # two results, so the results start at the third bullet or the fourth; the costs tie, and only the fourth has
    # each plan restate the result in its place (the third read the third plan as a result).
    row = snippet_rows("plans-first-restated-in-order", 39, 46, 46)[0]
    assert row["plans"][-1] == "促進に向けた論点の整理に引き続き取り組む"
    assert row["results"][0].startswith("・「医療機器等研究成果展開事業」")
    assert row["results"][-1] == "4回SaMD産学官連携フォーラム」を開催（令和6年9月3日）。"


def test_a_plan_wider_than_its_column_may_open_the_plans():
    # L3073 (chromium, all columns 30 cells wide): the first plan's first line 「・引き続き「プログラム医療機器に係る
    # 優先的な審査等の試行的実施」」 fits no column, so the lattice had it go on in the results (a line no move fits
    # goes on in the cell before). It restates the fourth result (「・昨年度に引き続き、「…試行的実施」を実施した。」);
    # where results and plans are as wide it is as unfit for the one as for the other, so it may open the plans.
    # (Before, the second look could not cost the lattice's own reading and moved the plans to the fourth result.)
    row = snippet_rows("results-with-a-line-wider-than-its-column", 30, 30, 30)[0]
    assert row["results"][-1] == "７年２月10日）を開催した。"
    assert row["plans"][0] == "・引き続き「プログラム医療機器に係る優先的な審査等の試行的実施」"
    assert row["plans"][-1] == "SaMD産学官サブフォーラムを開催する。"


def test_a_boundary_the_parallel_bullets_left_in_doubt_is_told_by_the_plans_last_words():
    # L3050: the third bullet or the fourth cost the same; the order of the restatements chose the fourth, but
    # that is weak evidence, so the row was named. The plans' last bullet ends 「…引き続き取り組む」, a plan's verb
    # and no 。 (dense_pieces.FUTURE_END_RE): the fourth, and the row is no longer in doubt (a row the parallel
    # bullets leave in doubt: test_dense12_wording).
    prepared, table = snippet_table("plans-first-restated-in-order", 39, 46, 46)
    assert not [n for n in table.notes if "parallel bullets" in n.message]
    results = table.rows[1].cells[prepared.order.index("results")].lines
    assert results[0].text.startswith("・「医療機器等研究成果展開事業」")


def test_a_list_cut_from_one_template_restates_nothing():
    # L3074 m029: its results list the projects of each field 「・医療機器等研究成果展開事業において９件の課題を採択」;
    # bullets of one template share most of their words with many others of the row, and the same words twice
    # (digits aside) are a list's repeated item, never a plan restating a result: no pair is evidence.
    items = ["・医療機器等研究成果展開事業において９件の課題を採択", "・医療機器開発推進研究事業において３件の課題を採択",
             "・革新的がん医療実用化研究事業において１件の課題を採択", "・医工連携グローバル展開事業において３件の課題を採択",
             "・医療機器等研究成果展開事業において４件の課題を採択", "・医療機器開発推進研究事業において２件の課題を採択",
             "引き続き、AMEDの医療機器・ヘルスケアプロジェクトにおいて、重点５分野を含むテーマについて研究開発を支援する。"]
    assert distinctive_pairs(items, parallel._grams, lambda g: 1.0) == []
    # ... while a plan restating a result is a pair (L3088 m032: 「・令和6年度補正予算「デジタルヘルスケア…」)
    restated = ["・令和6年度補正予算「デジタルヘルスケア開発・導入加速化事業」（9.2億円）を通じて、スタートアップ企業等の"
                "中小企業が行う、医療機関へのSaMD導入によるワークフロー改善、収益性向上等の経済的有用性を示すための臨床試験"
                "８件に対する資金的支援を実施した。", items[0],
                "・令和7年度補正予算「デジタルヘルスケア開発・導入加速化事業」（8.5億円）を通じて、スタートアップ企業等の"
                "中小企業が行う、SaMDの経済的有用性を示すための臨床試験に対する資金的支援を実施。"]
    assert [(i, j) for i, j, _ in distinctive_pairs(restated, parallel._grams, lambda g: 1.0)] == [(0, 2)]


def test_a_line_closing_a_quote_it_did_not_open_goes_on_with_the_cell_before():
    # L3034 (reportlab; description 29 cells, results 31, plans 20): the plans' 「…実施と、「ジャパン・ヘルスケアベン」
    # stops short (the typesetter would not part the word), and 「チャー・サミット」によるビジネスネット」 was read
    # as the title of a new row, with no description, its results and plans the plan's last three lines. A
    # quote is opened and closed within its paragraph: a line closing one it did not open starts no row.
    rows = snippet_rows("quote-cut-at-a-lines-end", 29, 31, 20)
    assert [r["title"] for r in rows] == [["医療機器の研究開発の伴走支援"], ["医療機器の研究開発の伴走支援（その２）"]]
    assert rows[0]["plans"][-6:-4] == ["実施と、「ジャパン・ヘルスケアベン", "チャー・サミット」によるビジネスネット"]
    assert rows[0]["plans"][-1] == "システムの構築を図る。"


def test_a_cells_items_run_in_order_so_results_open_after_the_last_of_the_description():
    # L3023 (reportlab, the three columns 26 cells wide): the description lists its fields ① … ⑤, the results
    # report on them ① … ⑤ again; the results were read as opening with ③'s explanation 「患者ごとに…」 (widths
    # do not tell and 「重点５分野については、…推進した。」 was a result either way), so that the results held
    # ④ ⑤ ① ② ③ ④ ⑤. A cell's items run in order: ④ follows ③ in its cell, and a cell's first item is ①.
    (row,) = snippet_rows("items-in-order-then-results", 26, 26, 26)
    assert row["description"][-1].startswith("⑤\t医療従事者の業務の効率化")
    assert row["results"][0].startswith("重点５分野については")
    assert [x[0] for x in row["results"] if x[0] in "①②③④⑤"] == list("①②③④⑤")



def test_a_title_after_a_results_list_ending_in_a_noun_is_read_as_the_title_and_named(tmp_path):
    # Sample L0006 (reportlab, plans before results, the three columns 28 cells wide): the results' last line
    # 「・医工連携イノベーション推進事業において１件の課題を採択」 runs full, so the next row's title 「新興国・途上国に
    # 対する…参照国制度」 / 「の対象とする国の充実」 reads as the results going on, the next row untitled. The widths
    # do not tell, and no other doubt named the row once the description's items ① … ⑤ told its own cells. (The
    # whole text: a snippet of it is read at other widths.) The title is now read as the title (the text's lines
    # ending 「採択」 end their paragraph: dense_tails); and since no results or plans paragraph ends in a heading's
    # word with no 。 (「…の対象とする国の充実」: dense_costs.HEADING_ENDS), the two rows are no longer in doubt.
    import gzip

    import policydiff

    text = tmp_path / "L0006-reportlab-synth7.pypdfium2.txt"
    text.write_bytes(gzip.decompress((DENSE.parent / "layouts" / f"{text.name}.gz").read_bytes()))
    edition = policydiff.load_edition(text)
    # (m053: an untitled row before it, whose description closes its ministry tag, was read into the results of
    # the row before; a ministry tag closes no result nor plan now, and the layout passes)
    assert edition.measures[52].title == "新興国・途上国に対する規制調和の促進及び日本を参照国制度の対象とする国の充実"
    named = [w for w in edition.warnings if w.code == "layout-dense-doubt" and "source line 1125" in w.message]
    assert named == []


def test_a_line_opening_with_a_particle_goes_on_with_the_line_before():
    # L3033 (reportlab; plans before results; description 48 cells, results 54, plans 36): the description's
    # 「…必要不可欠であり、産官学」 (a full description line, short of a result's) was read as the last result of the
    # row before, and 「の連携の更なる強化に取り組む。［厚、◎経］」 as the whole description. No word of the report
    # starts with 「の」 or 「を」: such a line goes on with the line before; it opens no row and no cell.
    rows = snippet_rows("description-line-opening-with-a-particle", 48, 54, 36)
    assert rows[0]["results"][-1].startswith("・また、令和6年度は、台湾の医療機器当局")
    assert rows[1]["description"] == ["国際標準化において主導的な役割を果たすために行政のみならず産業界の協力が必要不可欠であり、産官学",
                                      "の連携の更なる強化に取り組む。［厚、◎経］"]


def test_a_line_going_on_with_the_katakana_word_the_line_before_ends_in_stays_in_its_cell():
    # L3032 (Chromium, the 「担当」 column first, plans printed before results): the description's items end
    # 「③ 臨床的な…」 / 「…療が一体化した医療機器」; the plans open with no bullet 「引き続き、AMEDの医療機器・ヘルスケ」 /
    # 「アプロジェクトにおいて、…」. The plans' first line, a cell wider than the description, was read as the
    # items' last, though the next line goes on with the word it ends in. (The page cuts the row: items ④ and ⑤
    # come after the break.)
    rows = snippet_rows("plans-katakana-word-cut-after-items", 16, 18, 18, 4)
    row = next(r for r in rows if r["title"] == ["重点分野における医療機器の研究開", "発の促進"])
    assert "療が一体化した医療機器" in row["description"]
    assert row["plans"][:2] == ["引き続き、AMEDの医療機器・ヘルスケ", "アプロジェクトにおいて、重点５分野を"]
