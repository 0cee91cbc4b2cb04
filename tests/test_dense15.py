"""A word cut by a line's end, paragraph ends learnt from the text and hanging bullets, on lines cut from real
pypdfium2 extractions of generated layouts (tests/layoutgen)."""

from __future__ import annotations

from dense_snippets import DENSE, snippet_rows

from policydiff.versions.readers.dense_tails import paragraph_ends
from policydiff.versions.readers.text_dense import estimate_widths
from policydiff.versions.readers.text_layouts import prepare


def test_an_items_last_line_after_a_page_break_goes_on_its_word():
    # L5305 (Chromium, 9 pt portrait; every column 16 cells): the description's item 「⑤ 医療従事者の業務の効率化・負」
    # goes on after a page break; its last line 「担軽減に資する医療機器」 was read as the next row's title (that row
    # has none). 「化・負担軽減」 stands whole in the next row's 「化・負担軽減に資する医療機器」に」. Before the break, the
    # results' first line 「重点５分野については、AMEDによ」 was read as the item's rest, the results opening with
    # 「る支援を…」: no cell opens with a verb's ending.
    rows = snippet_rows("an-item-cut-by-a-page-break-before-an-untitled-row", 16, 16, 16)
    assert rows[0]["description"][-3:] == ["体機能を補完・向上する医療機器", "⑤\t医療従事者の業務の効率化・負",
                                           "担軽減に資する医療機器"]
    assert rows[0]["results"][0] == "重点５分野については、AMEDによ"
    assert rows[1]["title"] == []
    assert rows[1]["description"][0] == "医師をはじめとする医療従事者の働"


def test_an_items_rest_after_a_page_break_is_not_the_results_rest():
    # L5355 (reportlab, offices last; columns 19, 20, 13 and 4 cells): after the break the item's rest 「に資する医療
    # 機器」 was read as the rest of the results' 「…において３件の」, and the results' own rest 「課題を採択」 as the next
    # row's title. 「担軽減に資す」 stands whole in a later line (「…負担軽減に資する医療機器」に」), 「３件のに資す」 nowhere.
    rows = snippet_rows("an-item-rest-after-a-page-break-before-a-results-rest", 19, 20, 13, 4)
    assert rows[0]["description"][-2:] == ["⑤\t医療従事者の業務の効率化・負担軽減", "に資する医療機器"]
    assert rows[0]["results"][-2:] == ["・医工連携グローバル展開事業において３件の", "課題を採択"]
    assert rows[1]["title"] == []


def test_a_bullet_end_is_learnt_where_the_lines_after_it_open_other_cells():
    # L6036 (Chromium, 6 pt; results and plans 27 cells): 「…の課題を採択」 ends a bullet 14 times, and 4 lines that
    # do not open a bullet follow it; two of them open another cell by their words (the plans' 「引き続き、…」, an
    # office's 「厚労省医療機」), so the word was not learnt, and 「・医療機器開発推進研究事業において１件の課題を採択」 was
    # read as the plans' first bullet.
    lines = ["テージでのベンチャー企業の開発支援を推進した（新規採択", "11件）。",
             "・医療機器等研究成果展開事業において２件の課題を採択", "・医療機器開発推進研究事業において１件の課題を採択",
             "引き続き、AMEDの医療機器・ヘルスケアプロジェクトにおい",
             "・医療機器等研究成果展開事業において３件の課題を採択", "・医療機器開発推進研究事業において２件の課題を採択",
             "・革新的がん医療実用化研究事業において２件の課題を採択", "・医工連携グローバル展開事業において１件の課題を採択",
             "③ 臨床的なアウトカムの最大化に資する個別化医療に向けた診",
             "・医療機器等研究成果展開事業において２件の課題を採択", "・医工連携グローバル展開事業において２件の課題を採択",
             "・次世代型医療機器開発等促進事業において１件の課題を採択", "④ 高齢者等の身体機能の補完・向上に関する医療機器",
             "・医工連携グローバル展開事業において３件の課題を採択", "厚労省医療機",
             "・ヘルスケア産業国際展開推進事業費補助金事業にて８件採択", "し、基礎調査・事業化実証支援を行った。またJETROに委託"]
    assert "採択" in paragraph_ends(lines)


def test_a_hanging_bullets_first_line_passes_the_width_measured():
    # L7120 (Chromium, bullets hanging; columns 38, 42 and 26 cells as measured from the lines that wrap, the
    # bullets' indented ones): the plan 「・引き続き、開発に際しての手引きとなる開発ガイダンスを策」 is 28 cells, its
    # mark in the indent; fitting no plans line, it was read as the results' last bullet and its rest 「定に努める。」
    # as the plans.
    rows = snippet_rows("a-hanging-bullet-a-cell-over-its-column", 38, 42, 26)
    assert rows[-1]["results"][-1] == "る開発ガイダンス（案）策定WG」の設置を行った。"
    assert rows[-1]["plans"] == ["・引き続き、開発に際しての手引きとなる開発ガイダンスを策", "定に努める。"]


def test_a_description_beside_hanging_bullets_keeps_its_own_width():
    # L5318 (Chromium, alt font, 7 pt landscape; every column 33 cells, bullets hanging): the description's own lines
    # (those above its tags) are 33 cells, but the lines that wrap pile up at 32, the bullets' lines indented under
    # their mark, so the description was taken for as wide, and its full lines of 34 cells (「特に中小企業にとっては、
    # …メンテナンス等の」) fit no column.
    prepared = prepare((DENSE / "a-description-beside-hanging-bullets.pypdfium2.txt").read_text(encoding="utf-8"))
    geometry = estimate_widths(prepared.lines, prepared.order)
    assert geometry is not None
    assert (geometry.description, geometry.results, geometry.plans) == (33.0, 32.0, 32.0)


def test_a_sentence_ending_short_enough_for_the_next_lines_first_character_ends_its_paragraph():
    # L5612 (Chromium, plans printed before results; every column 19 cells): the plan 「…令和８年」 / 「度診療報酬改定
    # に向けて検討を行う。」 ends its sentence 2 cells short of the column; the results' lead-in 「令和６年度保険医療材料
    # 制度改革において、」 was read as the plan's next sentence, with two bullets after it. A paragraph going on would
    # have set 「令」 on that line: the paragraph ends there, as it does after a line that runs on (dense_wraps).
    rows = snippet_rows("results-lead-in-after-a-plans-sentence-short-of-its-column", 19, 19, 19, 4)
    assert rows[0]["plans"] == ["・関係団体等の意見も伺いながら、令和８年", "度診療報酬改定に向けて検討を行う。"]
    assert rows[0]["results"][0] == "令和６年度保険医療材料制度改革において、"
