"""Rows of pdfplumber text whose first line prints three columns glued, no space between them (cells set
close), cut from the generated layouts (out/d3040): each column's first line goes to its column."""

from __future__ import annotations

from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_offices import office_cut, office_like


def test_a_piece_of_three_glued_columns_is_cut_in_their_printed_order():
    # 「あわせて、…ARO機能を持つ医療機・｢優れた…において、医・令和７年度の取組に加え、拠点間の連携による 厚労省医療機器」
    # (d3040 3044, source line 165): the description's, results' and plans' first lines glued, the office after
    # a space. Of the ways to cut it (each column's fill, three deep), the first twelve tried cut the office's
    # short fill first; the one in the printed order was never read, the line fit no column and the row lost
    # its first line in every cell (「関と、企業と…」, 「審査管理課」, 「療機器創出人材…」).
    table = snippet_table("three-columns-glued.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("あわせて、"))
    assert row.cells[0].text.endswith("ネットワークの構築に引き続き取り組む。［◎厚］")
    assert row.cells[1].text.startswith("・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、医療機器創出人材の育成")
    assert row.cells[2].text == "・令和７年度の取組に加え、拠点間の連携による全国的な支援ネットワークの形成を支援し、更なる拠点機能の強化を図る予定。"
    assert row.cells[3].text == "厚労省医療機器審査管理課"
    assert not any(w.code == "layout-too-wide" for w in table.warnings)


def test_an_office_glued_to_the_plans_is_cut_where_its_own_line_starts():
    # 「・「ヘルステック・スタートアップ成長加速事業（令和8経産省ヘルスケ」 (d3040 3063, source lines 90, 96, 116): the
    # plans' line, wider than its fill by a digit and a bracket, glued to the office's first line. Cut by the
    # widths, 「和8」 went to the office (「和8経産省ヘルスケア…」) or the piece fit no column and the row lost its
    # first line; the office's line 「経産省ヘルスケ」 is printed apart on other lines of the text.
    table = snippet_table("office-glued-to-plans.txt")
    rows = [r for r in table.rows if len(r.cells) == 4]
    for title in ("資本政策や", "医療機器ベンチャーの創出", "産学連携の強化"):
        row = next(r for r in rows if r.cells[0].text.startswith(title))
        assert row.cells[2].text.startswith("・「ヘルステック・スタートアップ成長加速事業（令和8年度予算案：6.5億円）」")
        assert row.cells[3].text == "経産省ヘルスケア産業課医療・福祉機器産業室"
    assert not any(w.code == "layout-too-wide" for w in table.warnings)


def test_a_one_character_office_line_is_not_told_glued_to_a_column_that_ends_with_it():
    # 「下のように採択し支援を行った。（以下の採択課題には複数の重点分野にまたがる課」 (h4300 4312, seen set): a results
    # line ending in 「課」, the last line of other offices of the table (「…ライフサイエンス」 / 「課」); it was cut
    # there and 「課」 read into the office. A two-character line (「理課」) is an office's when the widths allow it.
    offices = frozenset({"課", "理課", "審査管理課", "厚労省医療"})
    assert office_cut("下のように採択し支援を行った。（以下の採択課題には複数の重点分野にまたがる課", offices, False) == 0
    assert office_cut("いて、対象を希少疾病用の整形外科領域の医理課", offices, False) == len("いて、対象を希少疾病用の整形外科領域の医")
    assert office_cut("厚労省医療・引き続き、", offices, True) == len("厚労省医療")


def test_an_office_line_glued_after_a_plans_line_a_cell_wider_than_its_fill_is_cut_where_the_text_joins():
    # 「・引き続き、仮名加工医療情報の利用事業者の認内閣府健康・」 (d3040 3047, source line 222; reportlab, office last,
    # a 6-cell 「担当」 column): the plans' first line, a hanging bullet's, prints two cells past the plans' fill, and
    # the widths cut it there: 「の認」 went to the office and 「報」 on line 224 too (「の認内閣府健康・医療戦略推進報
    # 事務局」). The office's name is printed whole in other rows: the n-grams of the text move both cuts.
    # Before, the snippet was refused outright: lines that print a blank office cell put a plans' or results'
    # line in the office's place, and the 「担当」 column measured 26 cells.
    table = snippet_table("office-line-glued-after-a-wide-plans-line.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("次世代医療基盤法"))
    assert row.cells[3].text == "内閣府健康・医療戦略推進事務局"
    assert row.cells[2].text == ("・引き続き、仮名加工医療情報の利用事業者の認定申請を促進するとともに、国の公的データベースとの"
                                 "連結解析が可能な匿名加工医療情報等の利活用拡大に取り組む。")


def test_an_office_ending_in_its_office_word_alone_takes_it_from_the_plans_line_it_is_glued_to():
    # 「委員会を開催するほか、現地での官民イベント室」 (d3040 3047, source line 314): the office 「内閣官房健康・医療戦略室」
    # wraps 「内閣官房健」 / 「康・医療戦略」 / 「室」, its last line one character glued to a full plans' line. A line of one
    # character is no line the text prints apart (「室」 ends words too), so the plans kept it (「…官民イベント室等を通じ…」)
    # and the office ended 「…医療戦略」, in no office word. An office's name ends in one (…課, …室, …局): ending the
    # office column before it costs, and a piece wider than the plans fill may be cut before an office word.
    table = snippet_table("office-line-glued-after-a-wide-plans-line.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("協力覚書を踏まえた"))
    assert row.cells[3].text == "内閣官房健康・医療戦略室"
    assert "現地での官民イベント等を通じ、日本の医療機器・技術・サービスの国際展開を推進する。" in row.cells[2].text


def test_an_office_column_is_measured_by_its_name_like_pieces_only():
    # A plans' line 「Interface利用機器」」 printed in the office's place (the office blank on its line) is no office's
    # line (latin letters, a bracket): in a short text it set the office column's width (9.5 cells for 6).
    assert office_like("器審査管理課") and office_like("内閣府健康・")
    assert not office_like("Interface利用機器」") and not office_like("予後改善につながる診断の一層の早期化に資する医療機器")
    assert not office_like("研究開発を支援する。")
