"""Columns of a PDF table without vertical rules (pdf_columns.py), on characters as pdf_page gives them."""

from __future__ import annotations

from collections import Counter

from policydiff.versions.readers.pdf_cells import Cell as PdfCell
from policydiff.versions.readers.pdf_cells import TableRow, cell_chars, drop_peeking_glyph, heading_cut
from policydiff.versions.readers.pdf_columns import (
    blank_rest,
    boundaries,
    column_starts,
    crosses,
    header_count,
    inner_verticals,
    line_starts,
    ruled_span,
    rules_reach,
    text_below,
    without_furniture,
)
from policydiff.versions.readers.table import Line


def _char(text: str, x0: float, top: float, size: float = 5.0, raise_by: float = 0.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top - raise_by, "bottom": top + size, "size": size}


def _rule(y: float, x0: float = 50.0, x1: float = 550.0) -> dict:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h"}


def test_a_few_texts_after_a_blank_left_of_a_column_are_not_its_bullets():
    # seed 13: the 担当 column starts at 506; two texts after a blank at 499, inside the results column,
    # were taken for its hanging bullets and the boundary drawn through the results' lines.
    starts = Counter({57: 63, 244: 21, 249: 64, 355: 23, 360: 75, 499: 2, 506: 31})
    assert column_starts(starts, 4, 5.0) == [57.0, 244.0, 355.0, 506.0]


def test_a_page_number_right_below_the_table_is_no_row_of_it():
    # 「1 / 9」: the slash's box stands higher than the digits; read in order it is a page number, and the
    # table does not go on below its rules.
    number = [_char("1", 500, 300), _char(" ", 505, 300), _char("/", 510, 300, raise_by=0.5), _char(" ", 515, 300),
              _char("9", 520, 300)]
    assert not text_below(number, (50.0, 100.0, 550.0, 292.0))
    assert text_below([_char("続", 60, 294)], (50.0, 100.0, 550.0, 292.0))
    span = ruled_span([_rule(100), _rule(292)], number, 600.0, False)
    assert span is not None and span[3] == 292


def _run(text: str, x0: float, top: float = 100.0, size: float = 5.0, step: float | None = None) -> list[dict]:
    return [_char(c, x0 + k * (step or size), top, size) for k, c in enumerate(text)]


def test_a_heading_across_a_boundary_is_told_by_touching_characters_even_where_one_falls_on_a_start():
    # seed 98: 「【First in Hum|an…」, its 「a」 0.35 pt from the column's rounded start: a crossing all the same.
    starts = [60.0, 100.0]
    heading = _run("【Firstin Hum", 40.0, step=5.0) + _run("anを含めた治験", 100.35, step=5.0)
    heading[len("【Firstin Hum") - 1]["x1"] = 100.35
    assert crosses(heading, starts, 5.0)


def test_a_closing_mark_standing_out_of_its_cell_is_no_crossing():
    # Chromium keeps 」 at a line's end (kinsoku) past the content edge, touching the padding or the next
    # cell's first character: two cells, not one heading.
    starts = [57.0, 301.0]
    left = _run("なるについて", 268.0) + [_char("」", 298.0, 100.0)]  # its middle past the boundary (299.75)
    assert not crosses(left, starts, 5.0)
    touching = _run("踏まえた", 278.0) + [_char("）", 298.0, 100.0)] + _run("引き続き", 300.7)
    assert not crosses(touching, starts, 5.0)
    assert crosses(_run("踏まえた", 278.0) + _run("）引き続き", 298.0), starts, 5.0)  # one text across


def test_a_running_title_and_a_page_number_are_page_furniture():
    title = _run("医療機器基本計画", 60.0, top=20.0) + _run("3", 500.0, top=20.0)
    body = _run("表の本文", 60.0, top=60.0) + _run("続き", 60.0, top=66.0)
    number = _run("- 3 -", 290.0, top=800.0)
    page = title + body + number
    kept, ends = without_furniture(page, [])  # page 1: the title is kept (nothing to compare), the number not
    assert {c["text"] for c in kept} >= set("医療機器基本計画") and "-" not in {c["text"] for c in kept}
    kept, _ = without_furniture(page, ends)  # the next page says it again at the same height
    assert "".join(c["text"] for c in kept) == "表の本文続き"


def test_a_blank_standing_out_of_its_cell_is_no_crossing():
    # seed 1057 (reportlab, 0.5 pt padding): a description line 「…機能」 ends with a space that runs past
    # the column boundary into the padding; the row was read as one cell across the table, a measure lost.
    starts = [43.0, 195.4]
    line = _run("ンス機能", 166.5, top=624.0, size=6.5) + [
        {"text": " ", "x0": 192.5, "x1": 194.3, "top": 624.0, "bottom": 630.5, "size": 6.5}]
    assert not crosses(line, starts, 6.5)
    assert crosses(line[:-1] + _run("を構築", 192.5, top=624.0, size=6.5), starts, 6.5)  # text does cross


def test_rules_ruling_a_blank_band_below_the_text_do_not_make_the_table_taller_than_its_text():
    # seed 1044 (Chromium, 担当 first, header on page 1 only): below the page's last row Chromium ruled an
    # empty band (253.9-503.6) without vertical rules; taken for the table's extent, it sent the page to the
    # reading without vertical rules, which found 3 columns of 4: the offices read into the descriptions.
    rules = [93.4, 140.6, 202.9, 220.9, 253.9, 503.6]
    text = _run("厚労省", 72.0, top=95.0) + _run("応する総合的", 130.6, top=245.0)
    assert rules_reach(rules, text) < 170.0
    below = text + _run("続く行", 130.6, top=490.0)  # text down to the last rule: the rules reach it
    assert rules_reach(rules, below) >= 400.0


def test_inner_rules_above_or_below_the_tables_run_take_nothing_from_its_inner_rules():
    span = (70.0, 93.0, 773.0, 253.5)
    inner = [{"orientation": "v", "x0": x, "x1": x, "top": 93.0, "bottom": 253.5} for x in (129.0, 321.0, 547.0)]
    further_down = [{"orientation": "v", "x0": x, "x1": x, "top": 503.3, "bottom": 595.9} for x in (129.0, 321.0, 547.0)]
    assert inner_verticals(inner, span) == 3
    assert inner_verticals(inner + further_down, span) == 3


def test_a_heading_whose_character_sits_right_on_a_boundary_crosses_it():
    # seed 1146 (Chromium, 9 pt, no vertical rules): the boundary fell on the middle of 「が」 in 「…我が国…」;
    # the vision was read as a measure of two cells, 「が」 in both, silently.
    em = 9.0
    heading = _run("としての我が国の地位", 209.25, top=137.0, size=em)
    starts = [61.0, 261.0]
    assert (heading[5]["x0"] + heading[5]["x1"]) / 2 == boundaries(starts, em)[0]
    assert crosses(heading, starts, em)


def test_a_character_on_the_edge_two_cells_share_is_read_in_one_of_them():
    chars = _run("我が国", 245.25, size=9.0)
    left, right = cell_chars(chars, [(55.0, 100.0, 258.75, 150.0), (258.75, 100.0, 490.0, 150.0)])
    assert "".join(c["text"] for c in left + right) == "我が国"


def _side(x: float, top: float, bottom: float) -> dict:
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom}


def test_the_blank_rest_of_a_row_left_open_closes_it_above_the_next_pages_table():
    # seed 1186 (Chromium): m029 filled page 10 and ended there; page 11 drew its padding's borders from the
    # page's top to 93.8, above the table's first rule (95.6). Joined to it, m030 was read into m029, silently.
    rest = [_side(x, 0.0, 93.8) for x in (70.1, 295.9, 463.1, 714.4, 772.9)]
    first_row = _run("医師をはじめとする", 73.5, top=100.0)
    assert blank_rest(rest, first_row, 95.6)
    assert not blank_rest(rest, _run("の続き", 73.5, top=60.0) + first_row, 95.6)  # the row goes on here
    assert not blank_rest([], first_row, 95.6)


def test_a_middle_dots_ink_box_makes_no_line_starts():
    # seed 1240 (Chromium, Noto as Type3 glyphs): a 「・」's box is its ink, 1.5 pt of a 7 pt advance; its blanks
    # made starts at 514 and 518 that took the plans column's place (527): 16 measures lost, warned.
    em = 7.0
    dot = {"text": "・", "x0": 513.6, "x1": 515.0, "top": 176.0, "bottom": 177.5, "size": 9.33}
    line = _run("人材の育成", 475.8, top=173.0, size=em) + [dot] + _run("リスキ", 517.8, top=173.0, size=em)
    bullet = [dict(dot, x0=530.1, x1=531.6, top=167.0, bottom=168.5)] + _run("令和６年度", 534.3, top=164.0, size=em)
    starts = line_starts(line + bullet, (70.0, 100.0, 780.0, 500.0), em)
    assert sorted(starts) == [476, 527]


def test_a_reposted_goal_cut_in_its_mark_is_a_heading_still_to_close():
    # seed 1335 (reportlab, rows closed with rules at a page break): 「【…日本企業の増加】（再」 / 「掲）」, the goal
    # left out with its （上記参照） row (warned).
    def row(*texts: str) -> TableRow:
        return TableRow([[PdfCell(1, (0.0, 0.0, 1.0, 1.0), [Line(1, 1, t)] if t else [])] for t in texts])

    assert heading_cut(row("【国際展開に積極的に取り組む日本企業の増加】（再", "", ""))
    assert heading_cut(row("【国際展開に積極的に取り組む", "", ""))
    assert not heading_cut(row("【国際展開に積極的に取り組む日本企業の増加】（再掲）", "", ""))
    assert not heading_cut(row("【国際展開に積極的に取り組む日本企業の増加】", "", ""))


def test_the_blank_rest_of_a_row_left_open_closes_it_under_a_repeated_header():
    # seed 3710 (Chromium, header repeated): m030 ended at page 10's foot; page 11 drew its bottom padding as
    # a band 0.75 pt high under the header, too thin for sides of its own, and the table's first rule at
    # 83.25. The header's sides stop at 81.75 with the header's text beside them: m031 was read into m030.
    header_sides = [_side(x, 65.25, 81.75) for x in (42.4, 268.9, 534.4, 800.6)]
    header = _run("該当箇所", 44.0, top=69.5) + _run("令和６年度の実績・状況", 270.0, top=69.5) \
        + _run("令和７年度の取組予定", 536.0, top=69.5)
    first_row = _run("医師をはじめとする", 44.0, top=85.0)
    assert blank_rest(header_sides, header + first_row, 83.25)
    # the rest's text under the header: the row goes on
    assert not blank_rest(header_sides, header + _run("の続き", 44.0, top=81.9, size=1.0) + first_row, 83.25)
    # sides that run down to the table's first rule beside the header: no blank band there
    assert not blank_rest([_side(x, 65.25, 83.25) for x in (42.4, 268.9)], header + first_row, 83.25)


def _line(no: int, text: str, x0: float, top: float, x1: float) -> Line:
    return Line(no, 4, text, text, (x0, top, x1, top + 7.0))


def test_a_glyph_peeking_above_the_page_break_is_dropped_where_the_next_page_prints_it():
    # seed 3731 (Chromium): a cut cell's foot showed 「ズ」 (its dakuten stands above its line) of the next page's
    # first line, read as a line of its own: 「…を措置。ズ」.
    before = [PdfCell(4, (350.3, 712.9, 528.3, 805.8), [
        _line(10, "開発・導入加速化事業」（9.2億円）を措置。", 352.3, 786.6, 492.4),
        _line(11, "ズ", 441.8, 797.8, 448.8)])]
    rest = [PdfCell(5, (350.3, 43.8, 528.3, 134.6), [
        _line(1, "・SaMDに関する萌芽的シーズの把握や、開発における", 352.3, 44.8, 525.7)])]
    drop_peeking_glyph(before, rest)
    assert [x.text for x in before[0].lines] == ["開発・導入加速化事業」（9.2億円）を措置。"]
    # a line of one character that the next page's first line holds elsewhere is the cell's own
    kept = [PdfCell(4, (350.3, 712.9, 528.3, 805.8), [
        _line(10, "産学連携の強化によるニーズ・シーズマッチン", 352.3, 786.6, 499.3),
        _line(11, "グ", 352.3, 797.8, 359.3)])]
    drop_peeking_glyph(kept, [PdfCell(5, (350.3, 43.8, 528.3, 134.6), [
        _line(1, "交流・連携の機会創出を目的としたマッチング", 352.3, 44.8, 499.3)])])
    assert [x.text for x in kept[0].lines][-1] == "グ"


def test_the_glyph_tops_of_a_line_cut_by_the_page_break_are_dropped_where_the_next_page_prints_the_line():
    # seed 6230 (Chromium, rows split): the line the page break cut showed, below page 2's last rule, the kanji
    # whose ink reaches the line's top, read into m029's description and results: 「…医療機器⑤療従事者業務…」.
    desc = [PdfCell(2, (22.1, 640.1, 251.6, 824.2), [
        _line(30, "に対して、加齢や疾病等により、喪失・低下", 23.2, 785.7, 232.1),
        _line(31, "⑤療従事者業務効率負担軽減資療機", 23.2, 797.7, 162.1)])]
    results = [PdfCell(2, (251.6, 640.1, 437.6, 824.2), [
        _line(30, "⑤医療従事者の業務の効率化・負担軽減に資", 252.6, 785.7, 397.0),
        _line(31, "療機等究成事業件採択", 263.6, 797.7, 395.5)])]
    drop_peeking_glyph(desc, [PdfCell(3, (22.1, 45.0, 251.6, 70.9), [
        _line(1, "⑤医療従事者の業務の効率化・負担軽減に資する医療機器", 23.2, 44.7, 167.6)])])
    drop_peeking_glyph(results, [PdfCell(3, (251.6, 45.0, 437.6, 70.9), [
        _line(1, "・医療機器等研究成果展開事業において９件の課題を採択", 252.6, 44.7, 395.5)])])
    assert [x.text for x in desc[0].lines] == ["に対して、加齢や疾病等により、喪失・低下"]
    assert [x.text for x in results[0].lines] == ["⑤医療従事者の業務の効率化・負担軽減に資"]
    # a last line that is the start of the next page's first line, glyph for glyph, is the cell's own line
    kept = [PdfCell(2, (251.6, 640.1, 437.6, 824.2), [
        _line(30, "・医療機器開発推進研究事業において３件の課題", 252.6, 785.7, 397.0),
        _line(31, "を採択", 252.6, 791.7, 269.1)])]
    drop_peeking_glyph(kept, [PdfCell(3, (251.6, 45.0, 437.6, 70.9), [
        _line(1, "を採択した。", 252.6, 44.7, 285.6)])])
    assert [x.text for x in kept[0].lines][-1] == "を採択"


def _set(text: str, x0: float, top: float, em: float = 9.0) -> list[dict]:
    """A text as Chromium sets it in IPAex at 9 pt: full-width characters an em wide, digits 5.7 pt, a blank 2.4."""
    out = []
    for ch in text:
        width = 5.7 if ch.isascii() and ch.isdigit() else 2.4 if ch == " " else em
        out.append(_char(ch, x0, top, em) | {"x1": x0 + width})
        x0 += width
    return out


def test_a_wrapped_office_header_under_its_hidden_label_still_names_four_columns():
    # seed 5547 (9 pt, hidden labels before each header cell, 担当 first): 「列1 担」 left no room for 当,
    # which wrapped below; the header was read as three columns and the description's and plans' header
    # cells as one, so the PDF was refused.
    top = _set("列1 担", 72.7, 119.6) + _set("列2 該当箇所", 110.8, 119.6) + _set("列3 令和７年度の取組予定", 235.9, 119.6) \
        + _set("列4 令和６年度の実績・状況", 382.7, 119.6)
    assert header_count([top, _set("当", 72.7, 131.6)]) == 4
    assert header_count([top[5:]]) == 3  # no office column
    assert header_count([top[5:], _set("当", 200.0, 131.6)]) == 3  # a 当 that wraps no 担
    assert header_count([_set("担当 該当箇所 令和７年度の取組予定 令和６年度の実績・状況", 72.7, 119.6)]) == 4
