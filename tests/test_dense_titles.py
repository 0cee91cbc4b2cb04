"""A row's title printed right after the cell before it, on lines cut from real pypdfium2 extractions.

A title's first line fills the description column's width; where the cell printed before the title is wider
(results or plans), that line fits it too, as the last words of a sentence begun after the cell's last 。.
Each snippet under tests/data/dense/ is a few rows of a dev layout's text (tests/layoutgen), its header line
first, read at the column widths the whole text shows.
"""

from __future__ import annotations

from dense_snippets import DENSE, snippet_rows

from policydiff.versions.readers.dense_costs import END_UNENDED, TITLE_GOES_ON
from policydiff.versions.readers.dense_lattice import moves
from policydiff.versions.readers.dense_pieces import make_piece
from policydiff.versions.readers.dense_roles import DSC, OFF, PLN, RES, TTL, Columns, State
from policydiff.versions.readers.dense_rows import row_end_cost, title_end
from policydiff.versions.readers.dense_tails import paragraph_ends


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


def test_a_rows_first_line_after_a_bullet_list_ending_in_a_noun_starts_the_row():
    # L3011 (reportlab; description 26 cells, results and plans 30): the results list bullets that end in a
    # noun and no 。, 「・…において１件の課題を採択」 (lines ending 「採択」 are followed by a bullet or an item 17
    # times in the whole text, by a line going on twice); after the plans and 「- 9 -」 the next row's description opens
    # 「医師をはじめとする医療従事者の働き方改革を着実に推進」 (a full description line). It was read as the
    # results going on after the page break, the bullet's sentence running on into it.
    rows = snippet_rows("description-after-a-bullet-list-ending-in-a-noun", 26, 30, 30)
    row = next(r for r in rows if r["plans"] and r["plans"][0].startswith("引き続き、AMEDの"))
    assert row["results"][-1] == "・医工連携イノベーション推進事業において１件の課題を採択"
    after = rows[rows.index(row) + 1]
    assert after["description"][0] == "医師をはじめとする医療従事者の働き方改革を着実に推進"


def test_an_items_text_cut_from_its_heading_by_a_page_break_stays_in_the_description():
    # L3068 (reportlab, header repeated, 担当 last; description 46 cells, plans 26, results 36): the
    # description's items end the page at 「① 日常生活における…に資する医療機器」 (after the plans and the
    # first results); the next page opens with that item's text 「日常生活において、日々変動するリスク因子
    # を…」. No reading let a description go on after its tag but in an item's heading, so a new row was
    # started there, and its first result 「・医療機器等研究成果展開事業において３件の課題を採択」 read as a plan.
    rows = snippet_rows("item-text-after-a-page-break", 46, 36, 26, 8)
    row = next(r for r in rows if r["title"] == ["重点分野における医療機器の研究開発の促進"])
    assert any(x.startswith("日常生活において、日々変動する") for x in row["description"])
    assert row["plans"] == ["引き続き、AMEDの医療機器・ヘルスケアプロジェクトにお", "いて、重点５分野を含むテーマについて研究開発を支援す",
                            "る。"]
    assert "・医療機器等研究成果展開事業において３件の課題を採択" in row["results"]
    assert rows[rows.index(row) + 1]["description"][0].startswith("医師をはじめとする")


def test_the_words_ending_paragraphs_are_learnt_from_the_text_itself():
    # The same snippet: 17 lines ending 「採択」 are followed by a bullet or an item, one by a line going on;
    # 「機器」 ends 8 lines before a bullet or an item (items' headings 「…に資する医療機器」) but 5 that go on
    # (a title's, a heading's first line), so it is not learnt.
    lines = (DENSE / "description-after-a-bullet-list-ending-in-a-noun.pypdfium2.txt").read_text(encoding="utf-8")
    assert paragraph_ends(lines.splitlines()) == frozenset({"採択"})


def test_a_second_paragraph_of_an_items_text_after_a_page_break_stays_in_the_description():
    # L3010 (reportlab, rows split by page breaks; description 33 cells, results and plans 39): item ①'s text
    # is two paragraphs, 「日常生活において、…疾病を予防する医療機器」 and, after 「- 8 -」, 「糖尿病、高血圧症等の…
    # 重症化を予防」 / 「する医療機器」. A description went on after a page break only in an item's heading or a
    # line cut mid-sentence, so the first paragraph's last line 「病を予防する医療機器」 was read as the results'.
    rows = snippet_rows("item-paragraph-after-a-page-break", 33, 39, 39)
    row = rows[0]
    assert "病を予防する医療機器" in row["description"]
    assert any(x.startswith("糖尿病、高血圧症等の生活習慣病") for x in row["description"])
    assert row["results"][0].startswith("重点５分野については、")


def test_a_row_after_a_page_break_that_closes_its_own_tag_is_no_items_text():
    # L3024 (reportlab; description 25 cells, results and plans 29): a row's description ends in items ① … ⑤;
    # after its plans and 「9」 the next row, untitled, opens 「医師をはじめとする医療従事者の働き方改革を着実に推」
    # and closes its own tag 「…方策にも取り組む。［◎厚］」. It reads as well as a paragraph of item ⑤'s text
    # going on after the page break, but for the tag: a description has one.
    rows = snippet_rows("row-after-items-and-a-page-break", 25, 29, 29)
    row = next(r for r in rows if r["description"] and r["description"][0].startswith("医師をはじめとする"))
    assert row["description"][-1].endswith("［◎厚］")
    assert row["results"][0].startswith("・勤務医の労働時間短縮を図るため")



def test_a_title_ending_in_its_part_number_leaves_a_plans_sentence_unended():
    # L3007 (chromium, header repeated; description 27 cells, results and plans 32): the plans end 「…ネット
    # ワーキング形成の促進に引き続き取り組む。」 (a full line); after the page's number and header the next row's
    # title 「国際展開支援における業界団体と行政の連携強化（その２）」, one full description line, read as well as
    # the plans going on (a tie in the whole text): its bracket, closed after other words, seemed to end a
    # sentence. A sentence after a 。 ends in 。, or is a bracket from its start: 「（令和6年12月までに累計62件）」.
    cols = Columns((DSC, RES, PLN), {DSC: 27.0, RES: 32.0, PLN: 32.0, OFF: 16.0})
    s = State(PLN, 0, 1, (1, 1, 2), False, True, 2)  # the plans' last line full, ending a sentence

    def going_on(text: str) -> float:
        state = next(st for st, _, label in moves(s, cols, make_piece(text, 1), True, False)
                     if label.role == PLN and not label.new_row and not label.resumed)
        return row_end_cost(state, cols)

    assert going_on("国際展開支援における業界団体と行政の連携強化（その２）") >= END_UNENDED
    assert going_on("（令和6年12月までに累計62件）") == 0.0
    assert going_on("国際展開支援における業界団体と行政の連携強化") >= END_UNENDED


def test_a_bullet_on_the_titles_baseline_does_not_go_on_with_the_title():
    # L3035 (reportlab; description 22 cells, results and plans 26): a row's title 「個別企業に対する国際展開の支援機
    # 能の強化」 shares its baseline with the results' first line 「・｢優れた医療機器の創出に係る…」; a page break cuts
    # the row before its description. The bullet was priced as going on with the title's words (a line opening
    # with 「・」 may go on a list of nouns), so the row was read untitled, the title as its description's start.
    cols = Columns((DSC, RES, PLN), {DSC: 22.0, RES: 26.0, PLN: 26.0, OFF: 16.0})
    title = make_piece("個別企業に対する国際展開の支援機能の強化", 1)
    state = next(st for st, _, label in moves(State(), cols, title, False, False) if label.role == TTL)
    bullet = make_piece("・｢優れた医療機器の創出に係る産業振興拠点強化事業｣に", 1, joined=True)
    cost = min(c for _, c, label in moves(state, cols, bullet, False, False) if label.role == RES)
    assert cost < TITLE_GOES_ON


def test_a_description_opening_mid_word_has_no_title():
    # L4631 (chromium, 8 pt, portrait; every column 17 cells, 担当 first): an untitled row's description opens
    # 「特に医療機器の研究開発においてニー」 / 「ズに応じたプロトタイプの作製が重要」: a full line, then a line going on
    # the katakana word 「ニーズ」 it cut. Read as a title, the first line ended mid-word.
    rows = snippet_rows("description-opening-mid-word", 17, 17, 17, 4)
    assert rows[0]["title"] == []
    assert rows[0]["description"][:2] == ["特に医療機器の研究開発においてニー", "ズに応じたプロトタイプの作製が重要"]


def test_a_title_ends_before_a_bullet_as_before_any_cell():
    # L4323 (reportlab, 7 pt, portrait; description 15 cells, results 19): the title 「出口戦略を策定し、計画全体を立」
    # / 「案・管理する能力を有する人材（」 / 「コーディネート人材）の育成」 (13 cells) is followed by the results' bullet
    # 「・｢優れた医療機器の…」, the description printed after a page break. The bullet was taken for a middle dot going
    # on a word (no line starts so: kinsoku), and the title read as the description's first lines.
    cols = Columns((OFF, DSC, RES, PLN), {DSC: 15.0, RES: 19.0, PLN: 19.0, OFF: 4.0})
    s = State(status=(1, 0, 0, 0))
    for no, text in enumerate(("出口戦略を策定し、計画全体を立", "案・管理する能力を有する人材（", "コーディネート人材）の育成"), 148):
        s = next(state for state, _, label in moves(s, cols, make_piece(text, no), False, False) if label.role == TTL)
    assert title_end(s, make_piece("・｢優れた医療機器の創出に係る産業振興拠", 151)) < TITLE_GOES_ON
    assert title_end(s, make_piece("を担う人材の確保に取り組む。", 151)) > TITLE_GOES_ON  # (a sentence going on)


def test_a_title_in_a_narrow_column_may_wrap_over_four_lines():
    # L4459 (9 pt, portrait; description 13 cells): 「出口戦略を策定し、計画全体」 / 「を立案・管理する能力を有す」 /
    # 「る人材（コーディネート人」 / 「材）の育成」, the report's longest title, takes four lines; a title was allowed three.
    narrow = Columns((DSC, RES, PLN), {DSC: 13.0, RES: 15.0, PLN: 15.0, OFF: 4.0})
    wide = Columns((DSC, RES, PLN), {DSC: 30.0, RES: 30.0, PLN: 30.0, OFF: 4.0})
    assert narrow.title_lines() == 4
    assert wide.title_lines() == 3
    s = State(status=(0, 0, 0))
    for no, text in enumerate(("出口戦略を策定し、計画全体", "を立案・管理する能力を有す", "る人材（コーディネート人", "材）の育成"), 182):
        s = next(state for state, _, label in moves(s, narrow, make_piece(text, no), False, False) if label.role == TTL)
    assert s.lines == 4
