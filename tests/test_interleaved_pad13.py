"""Rows of pdfplumber text whose 「担当」 column, printed first, is glued to the description in every row (cells set
close, no space between them), cut from the generated layouts (h5500 5509)."""

from __future__ import annotations

from interleaved_snippets import snippet_table

OFFICE = "厚労省医療機器審査管理課"


def test_an_office_glued_before_the_description_in_every_row_is_parted_where_its_own_lines_end():
    # 「厚労省医療機医療機器の研究開発に積極的に携わる医師を」 / 「器審査管理課はじめとする医療従事者の育成」 (h5500 5509,
    # source lines 6-7; reportlab, 担当 first, a 6-cell office column): no office's line is printed apart, and
    # every line's first piece measured an office and a description together. Before, the snippet was refused
    # (a single line held the four columns apart, too few to tell their widths); in the whole text, every row
    # read its office into the description (「厚労省医療機医療機器の…器審査管理課はじめとする…」), refused.
    table = snippet_table("pad13-office-glued-first.txt")
    rows = [r for r in table.rows if len(r.cells) == 4 and r.cells[0].text == OFFICE]
    titles = [r.cells[1].text[:13] for r in rows]
    assert titles == ["医療機器の研究開発に積極的", "臨床現場を理解した企業の医", "特に医療機器の研究開発にお", "出口戦略を策定し、計画全体"]
    assert rows[0].cells[1].text.startswith("医療機器の研究開発に積極的に携わる医師をはじめとする医療従事者の育成ることが必要である。")
    assert rows[0].cells[1].text.endswith("若手の医療従事者の育成に取り組む。［◎厚］")
    assert any(w.code == "layout-glued" and "厚労省医療機医療機器" in w.message for w in table.warnings)


def test_a_blank_line_left_by_a_running_title_is_a_page_break_where_a_cell_stops_a_line_early():
    # 「カデミアに存在する可能性が高いと考えられる。」 alone on the last line of page 1, then the running title 「医療機器
    # 基本計画 …進捗状況 2」 (dev 3035, source lines 29-32; Chromium, rows split, no header repeated): the plans stopped
    # a line early at the page's foot (「…スタートアップ創」 / 「出・EXITの…」 after the break). The title, taken away,
    # left a blank line that read as no page break: the line went on the plans' 「…創」, and the description
    # after the break started a row of its own.
    table = snippet_table("pad13-page-break-at-a-running-title.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("実用化を見据えて医療機器の研究開発を進める"))
    assert "シーズはアカデミアに存在する可能性が高いと考えられる。このようなシーズを実用化に導く" in row.cells[0].text
    assert row.cells[0].text.endswith("［◎文、経］")
    assert "スタートアップ創出・EXITの実現に必要な知識・経験を付与し" in row.cells[2].text
    assert not any(r.cells[0].text.startswith("このようなシーズを") for r in table.rows)


def test_a_piece_after_an_office_printed_first_is_not_cut_for_the_office():
    # 「産業室 ズを実用化に…実用化を見据えて研究・「次世代ヘルステック…（令和5年度補正予算：3.8億円）」 開発に…」
    # (d5600 5609, source line 20; reportlab, 担当 first): the description's full line glued to the results'. Its
    # cuts at the office column's fill (9 cells: 「ズを実用化に導くた」 as an office's line) came first and took the
    # alternatives' cap: the cut at the description's fill was never tried, the line fit no column and started a
    # row. An office printed first is the line's first piece.
    table = snippet_table("pad13-glued-line-after-an-office-first.txt")
    row = next(r for r in table.rows if len(r.cells) == 4 and r.cells[1].text.startswith("実用化を見据えて医療機器の研究開発を進める"))
    assert row.cells[0].text == "経産省ヘルスケア産業課医療・福祉機器産業室"
    assert "このようなシーズを実用化に導くためには、当該シーズに関わる研究者が" in row.cells[1].text
    assert row.cells[1].text.endswith("［文、◎経］")
    assert "・「次世代ヘルステック・スタートアップ育成支援事業（令和5年度補正予算：3.8億円）」を通じて" in row.cells[2].text
    assert not any(w.code == "layout-too-wide" for w in table.warnings)


def test_a_description_does_not_stop_short_twice_before_its_tag():
    # 「の品質管理及び３大バイオバンク 等に蓄積されたデータの活用に向けた支援に る。 利活用支援を…」 (d6000 6009, source
    # line 270; reportlab): a space of the description's own after 「バイオバンク」, the results' 「る。」 after the
    # next one. Read 「…３大バイオバンク」 as a short line, the description went on with 「引き続き取り組む。［…］」 (a second
    # paragraph before its tag, after its title) and the results' 「…を行ってい」 with 「等に蓄積された…支援に る。」.
    table = snippet_table("pad13-second-paragraph.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("医療機器の研究開発等の目的に合致したデータバンク"))
    assert "データの品質管理及び３大バイオバンク 等に蓄積されたデータの活用に向けた支援に引き続き取り組む。" in row.cells[0].text
    assert row.cells[1].text.endswith("これらの運営管理事業費に予算措置を行っている。")


def test_a_results_cell_does_not_open_mid_sentence():
    # 「臨床研究中核病院においては、研究開発拠点と連携することでARO に必要・医療技術実用化総合促進事業（令和６年度予算：
    # 28億 ・引き続き、…」 (h5300 5341, source line 228; reportlab): a space after the latin word, the description's
    # 「に必要」 then the results' first bullet glued. The piece fits the results column whole, and was read so: the
    # row's results opened with 「に必要・医療技術…」.
    table = snippet_table("pad13-cell-opens-mid-sentence.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("臨床研究中核病院においては"))
    assert "連携することでARO に必要な人材の充実" in row.cells[0].text
    assert row.cells[1].text.startswith("・医療技術実用化総合促進事業（令和６年度予算：28億円）において")


def test_a_sentence_end_alone_after_a_space_is_another_columns():
    # 「し、産業界全体で共有できるように取り組 た。」 then 「む。［◎厚、◎経］」 (h5500 5537, source lines 522-523; office
    # first): the results' 「…12か国を更新し」 goes on with 「た。」, the description's 「…取り組」 with 「む。」. A word's
    # ending alone after a space was joined to the piece before it as cheaply as a latin word's (a line set
    # justified: 「…機能 を」), 「取り組 た。」 read as one line of the description.
    table = snippet_table("pad13-lone-sentence-end.txt")
    row = next(r for r in table.rows if len(r.cells) == 4 and r.cells[1].text.startswith("産業界ではアプローチが困難な情報"))
    assert row.cells[1].text.endswith("産業界全体で共有できるように取り組む。［◎厚、◎経］")
    assert row.cells[2].text.endswith("国別概要情報は、12か国を更新した。")


def test_an_office_label_wrapped_in_its_narrow_header_cell_is_read():
    # 「列1 担 列2 該当箇所 列3 令和７年度の取組予定 列4 令和６年度の実績・状況」 / 「当」 (h5500 5547, source lines 4-5;
    # Chromium, 9 pt, hidden labels, 担当 first in a 3-cell column): no 「担当」 was read, the text was read as three
    # columns and refused. 「当」 alone was the first line of the table.
    table = snippet_table("pad13-office-label-wrapped.txt")
    row = next(r for r in table.rows if len(r.cells) == 4 and r.cells[1].text.startswith("臨床現場を理解した企業の医療機器"))
    assert row.cells[0].text == "厚労省医療機器審査管理課"
    assert row.cells[2].text.startswith("・令和６年度の取組に加え、医療機器産業振興拠点における海外")
