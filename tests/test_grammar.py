"""The table grammar on rows of cells, whoever printed them (versions/readers/grammar.py, cells.py).

Rows are built here as a reader hands them on (table.py): each cell its lines with page and line. The
bundled report's own rows are used where the grammar's answer is known from the text reader.
"""

from __future__ import annotations

import hashlib

import pytest

from policydiff import EditionParseError
from policydiff.versions.model.edition import Source
from policydiff.versions.readers.assembler import assemble
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.grammar import read_rows
from policydiff.versions.readers.table import Cell, Line, Row, Table

HEADER = ("該当箇所列1列2列3", "令和６年度の実績・状況", "令和７年度の取組予定")
SOURCE = Source("made-up.pdf", hashlib.sha256(b"").hexdigest(), "binary", "pdf", 0)


def _row(*cells: list[str], page: int = 1, slack: float | None = None) -> Row:
    return Row([Cell([Line(k + 1, page, text, text, slack=slack) for k, text in enumerate(cell)]) for cell in cells])


def _measure(title: str, tag: str = "［◎厚］", page: int = 1) -> Row:
    return _row([title, "医療機器の研究開発に積極的に取り組む。" + tag], ["・支援を推進した。"], ["・引き続き推進する。"],
                page=page)


def _edition(rows: list[Row], layout: str = "pdf"):
    table = Table(rows, layout, outside=["医療機器"])
    return assemble(table, read_rows(table), SOURCE)


VISION = "（１）「医療機器の研究開発の中心地としての我が国の地位の確立」に向けて"
GOAL = "【臨床ニーズを見出す医療従事者の増加】"


@pytest.mark.parametrize("drawn", ["merged", "first-column"])
def test_vision_and_goal_rows_are_told_by_what_they_say_not_by_their_borders(drawn):
    # Drawn as three bordered cells, the goal was read as a measure without ministries (issue 17: 74
    # measures instead of 59); merged or not, it is the goal that the rows below belong to.
    def span(text: str) -> Row:
        return _row([text]) if drawn == "merged" else _row([text], [], [])

    ed = _edition([_row(*([x] for x in HEADER)), span(VISION), span(GOAL), _measure("医療従事者の育成")])
    assert [v.number for v in ed.visions] == [1]
    assert [(g.title, g.vision) for g in ed.goals] == [(GOAL, 1)]
    (m,) = ed.measures
    assert (m.title, m.goal, [x.code for x in m.ministries]) == ("医療従事者の育成", "g01", ["厚"])


def test_the_header_gives_the_columns_roles_in_any_order_with_hidden_labels_and_an_office():
    header = _row(["担当列4"], ["列1該当箇所"], ["列2令和７年度の取組予定"], ["列3令和６年度の実績・状況"])
    row = _row(["厚労省医療機器審査", "管理課"], ["医療従事者の育成", "研究開発に取り組む。［◎厚］"], ["・引き続き推進する。"],
               ["・支援を推進した。"])
    (m,) = _edition([header, _row([GOAL]), row]).measures
    assert (m.office, m.title, m.results[0].text, m.plans[0].text) == \
        ("厚労省医療機器審査管理課", "医療従事者の育成", "・支援を推進した。", "・引き続き推進する。")


def test_a_header_without_a_results_column_is_refused_in_one_line_naming_it():
    with pytest.raises(EditionParseError) as info:
        _edition([_row(["該当箇所"], ["令和７年度の取組予定"], ["備考"], ["令和６年度の予算"]), _measure("医療従事者の育成")])
    message = str(info.value)
    assert "header row" in message and "results" in message and "令和N年度の実績・状況" in message
    assert "\n" not in message


def test_see_above_in_its_own_row_or_in_the_goals_cell_marks_the_reposted_goal():
    reposted = "【国際展開に積極的に取り組む日本企業の増加】（再掲）"
    for rows in ([_row([reposted]), _row(["（上記参照）"], [], [])], [_row([reposted, "（上記参照）"])]):
        ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _measure("医療従事者の育成"), *rows])
        assert [(g.reposted, g.see_above) for g in ed.goals] == [(False, False), (True, True)]
        assert len(ed.measures) == 1  # （上記参照） is never a measure


def test_a_row_the_grammar_cannot_place_is_a_warning_with_its_page_and_line_never_a_measure():
    stray = _row(["本表は関係省庁の取組をまとめたものである"], [], [], page=2)
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _measure("医療従事者の育成"), stray, _measure("企業連携の促進", page=2)])
    assert [m.title for m in ed.measures] == ["医療従事者の育成", "企業連携の促進"]
    (w,) = [w for w in ed.warnings if w.code == "unplaced-row"]
    assert (w.page, w.line) == (2, 1) and "本表は" in w.message
    assert ed.warnings[0].code == "reading-doubtful"  # and the edition says its reading is doubtful


def test_page_numbers_between_rows_are_skipped():
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _measure("医療従事者の育成"), _row(["- 2 -"]),
                   _measure("企業連携の促進", page=2)])
    assert len(ed.measures) == 2 and not [w for w in ed.warnings if w.code in ("unplaced-row", "unknown-row")]


def test_a_row_cut_by_a_page_break_and_closed_with_rules_is_one_measure():
    # Word and reportlab close a cut row with rules on both sides: two rows, the second one on the next
    # page without a title, holding the tag the first one lacked (or no description at all).
    first = _row(["医療従事者の育成", "医療機器の研究開発に積極的に"], ["・支援を推進"], [], page=1)
    rest = _row(["取り組む。［◎厚］"], ["した。"], ["・引き続き推進する。"], page=2)
    tail = _row([], ["・研修を実施した。"], [], page=3)
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), first, rest, tail])
    (m,) = ed.measures
    assert m.description == "医療機器の研究開発に積極的に取り組む。" and [x.code for x in m.ministries] == ["厚"]
    assert [b.text for b in m.results] == ["・支援を推進した。", "・研修を実施した。"]


def test_a_tag_cut_across_paragraphs_is_one_tag():
    # seed-drawn.pdf's m036 on a fresh pdfium: 「…取り組む。［◎厚、経」 ended short of the edge (a new
    # paragraph), 「］」 on the next line; the tag was read into the description and its ministries lost.
    row = Row([Cell([Line(1, 1, "海外の医療従事者との関係構築", slack=20.0), Line(2, 1, "支援に引き続き取り組む。［◎厚、経", slack=9.0),
                     Line(3, 1, "］", slack=30.0)]), Cell([Line(1, 1, "・支援した。")]), Cell([Line(1, 1, "・支援する。")])])
    (m,) = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), row]).measures
    assert m.description == "支援に引き続き取り組む。" and m.ministries_text == "［◎厚、経］"


def test_a_tag_whose_closing_bracket_is_lost_at_the_cells_end_is_still_its_tag():
    row = Row([Cell([Line(1, 1, "海外の医療従事者との関係構築", slack=20.0), Line(2, 1, "支援に引き続き取り組む。［◎厚、経", slack=9.0)]),
               Cell([Line(1, 1, "・支援した。")]), Cell([Line(1, 1, "・支援する。")])])
    (m,) = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), row]).measures
    assert m.description == "支援に引き続き取り組む。" and [x.code for x in m.ministries] == ["厚", "経"]


def test_a_doubtful_reading_says_so_in_show_summary_and_in_reports(seed_path):
    from click.testing import CliRunner

    from policydiff.cli import cli

    dense = str(seed_path.parent.parent / "tests" / "data" / "pdf" / "seed-drawn.pypdfium2.txt")
    shown = CliRunner().invoke(cli, ["show", dense, "--summary"])
    assert shown.exit_code == 0 and "*** DOUBTFUL READING:" in shown.stdout and "layout-dense" in shown.stdout
    report = CliRunner().invoke(cli, ["diff", str(seed_path), dense, "--format", "markdown"])
    assert "reading-doubtful" in report.stdout
    plain = CliRunner().invoke(cli, ["show", str(seed_path), "--summary"])
    assert "DOUBTFUL" not in plain.stdout


def _cell_row(lines: list[tuple[str, float]]) -> Row:
    desc = Cell([Line(k + 1, 1, text, text, slack=slack) for k, (text, slack) in enumerate(lines)])
    return Row([desc, Cell([Line(1, 1, "・支援した。")]), Cell([Line(1, 1, "・支援する。")])])


@pytest.mark.parametrize("lines, title", [
    # A title that fills its two lines, then a description whose first line the source lost (it starts
    # mid-word, 「ることが…」, which goes on with no noun): the first full line alone ends in 「医」.
    ([("臨床現場を理解した企業の医", 0.0), ("療機器の研究開発人材の育成", 0.0), ("ることが必要である。［◎厚］", 5.0)],
     "臨床現場を理解した企業の医療機器の研究開発人材の育成"),
    # 「…連携強化」 ends a line in a heading's noun, but 「及び…」 goes on with it: the title is both lines.
    ([("医療機器ベンチャーの創出・連携強化", 0.0), ("及び人材流動化に向けた取組の促進", 0.0),
      ("踏まえ、国内外の企業による取組を進める。［◎経］", 3.0)], "医療機器ベンチャーの創出・連携強化及び人材流動化に向けた取組の促進"),
    # a qualified heading, and a 、 after a verb's stem inside a heading
    ([("医療機器の研究開発の伴走支援（その２）", 0.0), ("この戦略づくりを進める。［◎経］", 6.0)], "医療機器の研究開発の伴走支援（その２）"),
    ([("出口戦略を策定し、計画を立案する人材の育成", 0.0), ("臨床現場のニーズを掘り起こす。［◎厚］", 4.0)],
     "出口戦略を策定し、計画を立案する人材の育成"),
    ([("＜有事における新規医療機器の早期実用化に向けた取組＞（再掲）", 0.0), ("む。［◎厚］", 20.0)],
     "＜有事における新規医療機器の早期実用化に向けた取組＞（再掲）"),
    # 「の…」 goes on with a noun, but not by saying again what the line before ends with
    ([("認定事業者の医療情報の提供の促進", 0.0), ("の提供の促進に引き続き取り組む。［◎厚］", 2.0)], "認定事業者の医療情報の提供の促進"),
    # a description's first line ending in a heading's noun, the next going on with it: no title
    ([("厚生労働省の事業を通じて医療機器の開発を支援", 0.0), ("し、その成果を普及する。［◎厚］", 6.0)], ""),
    ([("医療機器の研究開発に関するガイドラインの整備", 0.0), ("また、国際標準化を進める。［◎経］", 6.0)],
     "医療機器の研究開発に関するガイドラインの整備"),
])
def test_a_plain_title_that_fills_its_lines_is_told_by_its_words(lines, title):
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _cell_row(lines)])
    (m,) = ed.measures
    assert m.title == title
    # told by its words only: the row stays named in a warning either way
    assert any(w.code == "layout-title" and m.id in w.message for w in ed.warnings)


def test_a_plain_title_that_fills_its_one_line_in_a_text_reading_is_told_by_its_words():
    # pdfplumber's text of a generated layout (dev seed 3058): the description column wraps at 44 cells,
    # so a text reader may take a title up to 40 cells; this title fills its line (43 cells) and was read
    # into the description, with only a warning. A full line is no title by its width, nor a description
    # by it: its words tell, as they do over two lines.
    title = "出口戦略を策定し、計画全体を立案・管理する能力を有する人材（コーディネート人材）の育成"
    lines = [(title, 1.0), ("特に医療機器の研究開発においてニーズに応じたプロトタイプの作製が重要な工程であり、大学・", 0.0),
             ("大学院等と協力して研究開発をけん引できる人材の育成に取り組む。［◎厚、◎文、◎経］", 6.0)]
    table = Table([_row(*([x] for x in HEADER)), _row([GOAL]), _cell_row(lines)], "interleaved",
                  Geometry.from_widths(44, 50, 33, 10), outside=["医療機器"])
    ed = assemble(table, read_rows(table), SOURCE)
    (m,) = ed.measures
    assert m.title == title and m.description.startswith("特に医療機器の")
    assert any(w.code == "layout-title" and m.id in w.message for w in ed.warnings)


def test_hidden_labels_drawn_over_a_header_cells_words_still_name_its_column():
    # reportlab drew 「列1 列2 列3」 at the right edge of a narrow first 担当 cell, over its words:
    # 「担列当1 列2 列3」; the office column was read by none and every office lost without a warning.
    header = _row(["担列当1 列2 列3"], ["該当箇所"], ["令和６年度の実績・状況"], ["令和７年度の取組予定"])
    row = _row(["厚労省医療機器審査", "管理課"], ["医療従事者の育成", "研究開発に取り組む。［◎厚］"], ["・支援を推進した。"],
               ["・引き続き推進する。"])
    (m,) = _edition([header, _row([GOAL]), row]).measures
    assert (m.office, m.title) == ("厚労省医療機器審査管理課", "医療従事者の育成")


def test_text_under_a_header_cell_that_names_no_column_is_a_warning_never_lost_silently():
    header = _row(["該当箇所"], ["令和６年度の実績・状況"], ["令和７年度の取組予定"], ["備考"])
    row = _row(["医療従事者の育成", "研究開発に取り組む。［◎厚］"], ["・支援を推進した。"], ["・引き続き推進する。"],
               ["要確認"], page=2)
    ed = _edition([header, _row([GOAL]), row])
    assert [(w.code, w.page) for w in ed.warnings if "要確認" in w.message] == [("unplaced-row", 2)]


def test_the_rest_of_a_row_cut_mid_sentence_joins_it_even_where_it_looks_like_a_title():
    # reportlab closes a cut row with rules: the rest of item ① 「…重症化予防に資する」 / 「医療機器」 stood
    # short on the next page like a title, and was read as a measure of its own.
    first = _row(["重点分野の促進", "５分野を設定する。［◎厚］", "①疾病予防に資する"], ["・支援した。"], ["・支援する。"], page=1)
    first.cells[0].lines[0] = Line(1, 1, "重点分野の促進", slack=20.0)
    rest = _row(["医療機器", "日常生活において疾病を予防する医療機器"], [], [], page=2)
    rest.cells[0].lines[0] = Line(1, 2, "医療機器", slack=20.0)
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), first, rest])
    (m,) = ed.measures
    assert m.title == "重点分野の促進" and m.description.endswith("①疾病予防に資する医療機器\n日常生活において疾病を予防する医療機器")


def test_a_heading_whose_last_words_a_column_boundary_cut_off_is_one_heading():
    # Without vertical rules a merged heading is told by its text crossing a boundary; where a character
    # falls on a column's start by chance, the cells read 「（１）「…確立」」 | 「に向けて」 (the vision was read
    # as a measure, every goal after it under vision 0) or 「【…】」 | 「（再掲）」.
    vision, tail = VISION[:-len("に向けて")], "に向けて"
    ed = _edition([_row(*([x] for x in HEADER)), _row([vision], [tail], []), _row([GOAL[:-1]], ["】（再掲）"], []),
                   _row([GOAL], ["（再掲）"], []), _measure("医療従事者の育成")])
    assert [v.title for v in ed.visions] == [VISION]
    assert [(g.title, g.vision, g.reposted) for g in ed.goals] == [(GOAL + "（再掲）", 1, True)] * 2
    assert len(ed.measures) == 1


@pytest.mark.parametrize("lines, title", [
    # seed 1011: no title; the first line stops an em short only because 「ニ」 may not end it before 「ー」
    # (kinsoku), and it reads as no heading: all description.
    ([("特に医療機器の研究開発において", 1.04), ("ニーズに応じたプロトタイプの作製", 0.05),
      ("医工学系の人材の育成に取り組む。", 0.0), ("［◎厚、◎文］", 9.0)], ""),
    # seed 1141: a title over three lines, its first short for 「シー」 kept together: the three lines.
    ([("産学連携の強化によるニーズ・", 1.46), ("シーズマッチング及び事業化の促", 0.06), ("進", 14.0),
      ("官民が協調して資金拠出し、有望", 0.03), ("なシーズを有する若手研究者向け", 0.06), ("催しているところである。［◎厚］", 2.5)],
     "産学連携の強化によるニーズ・シーズマッチング及び事業化の促進"),
    # a heading a character short all the same is a title, whatever the next line starts with
    ([("医療機器の研究開発の伴走支援", 1.2), ("データの利活用を進め、研究開発を支援", 0.0), ("する。［◎経］", 12.0)],
     "医療機器の研究開発の伴走支援"),
])
def test_a_first_line_short_only_for_a_mark_that_may_not_start_a_line_is_no_title_by_itself(lines, title):
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _cell_row(lines)])
    (m,) = ed.measures
    assert m.title == title


def test_a_title_wrapped_over_four_lines_of_a_narrow_column_is_one_title():
    # 9 pt in a narrow description column (12-13 characters a line): a title takes four lines. Seed 1172 (bold
    # by its font) and seed 1252 (plain, its last line short) read them into the descriptions, warned only.
    bold = ["実用化を見据えて医療機器", "の研究開発を進めることが", "できるアカデミア人材の育", "成"]
    body = ["特に革新的な医療機器につ", "ながり得るシーズはアカデ", "ミアに存在する。［◎文］"]
    desc = Cell([Line(k + 1, 1, t, t, font="Gothic-Bold" if k < 4 else "Gothic", slack=11.0 if k == 3 else 0.0)
                 for k, t in enumerate(bold + body)])
    plain = [("出口戦略を策定し、計画全体", 0.0), ("を立案・管理する能力を有す", 0.0), ("る人材（コーディネート人", 1.0),
             ("材）の育成", 8.0), ("臨床現場のニーズの掘り起こ", 0.0), ("し、アイディアの創出から事", 0.0),
             ("業化まで支援する。［◎厚］", 1.0)]
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]),
                   Row([desc, Cell([Line(1, 1, "・支援した。")]), Cell([Line(1, 1, "・支援する。")])]), _cell_row(plain)])
    assert [m.title for m in ed.measures] == ["実用化を見据えて医療機器の研究開発を進めることができるアカデミア人材の育成",
                                             "出口戦略を策定し、計画全体を立案・管理する能力を有する人材（コーディネート人材）の育成"]


def test_a_one_line_header_whose_hidden_label_touches_the_office_label_keeps_the_office_column():
    # A text reader hands the header on as one line; 「列3担当 列4」 (the hidden label printed against 「担当」)
    # hid the 「担当」 column from the grammar, and every office was dropped (dev seed 3084, pypdfium2).
    header = _row(["該当箇所 列1 令和６年度の実績・状況 列2 令和７年度の取組予定 列3担当 列4"])
    row = _row(["医療従事者の育成", "研究開発に取り組む。［◎厚］"], ["・支援を推進した。"], ["・引き続き推進する。"],
               ["厚労省医療機器審査", "管理課"])
    (m,) = _edition([header, _row([GOAL]), row], layout="dense").measures
    assert (m.office, m.title, m.plans[0].text) == ("厚労省医療機器審査管理課", "医療従事者の育成", "・引き続き推進する。")


@pytest.mark.parametrize("drawn", ["first-column", "merged"])
def test_a_row_left_out_of_a_text_reading_names_the_rows_on_either_side(drawn):
    """pdfplumber's text of a generated layout (4533): the line holding m053's first title line glued to its
    results' and plans' first lines was read as a row of its own and left out. The warning named m052 (the
    row whose span held the line) only, and m053, which had lost that text, differed unnamed."""
    def line(no: int, text: str) -> Cell:
        return Cell([Line(no, 9, text, text)])

    def measure(no: int, title: str) -> Row:
        return Row([Cell([Line(no, 9, title, title), Line(no + 1, 9, "取組を進める。［◎厚］", "")]),
                    line(no, "・支援を推進した。"), line(no, "・引き続き推進する。")])

    glued = ("新興国・途上国に対する規制調和の促進及び日本 ・令和6年度は、アジア医薬品・医療機器トレーニ・引き続き、"
             "アジア医薬品・医療機器トレーニン")
    rows = [Row([line(1, x) for x in HEADER]), Row([line(2, GOAL)]), measure(3, "医療機器の国際展開"),
            Row([line(5, glued)] + ([Cell(), Cell()] if drawn == "first-column" else [])),
            measure(6, "を参照国制度の対象とする国の充実")]
    ed = _edition(rows, layout="interleaved")
    assert [m.id for m in ed.measures] == ["m001", "m002"]
    (w,) = [w for w in ed.warnings if w.code in ("unplaced-row", "unknown-row")]
    assert (w.page, w.line) == (9, 5) and w.message.startswith("m001/m002: ") and "between m001 and m002" in w.message


@pytest.mark.parametrize("drawn", ["merged", "first-column"])
def test_a_vision_cut_by_a_page_break_ends_on_the_next_page(drawn):
    """The PDF of seen layout 5113 (reportlab, rows cut by page breaks, horizontal rules): the vision
    「（３）「国民に必要な医療機器へのアクセシビリティの確保」に向」 ends a page and 「けて」 starts the next.
    The vision was read cut and 「けて」 left out as an unplaced row; it ends the vision. The first row of a
    later page that does not end it, or a vision that ended, is read as before."""
    def span(text: str, page: int) -> Row:
        return _row([text], page=page) if drawn == "merged" else _row([text], [], [], page=page)

    cut = "（３）「国民に必要な医療機器へのアクセシビリティの確保」に向"
    goal = "【医療機器の安定供給の確保】"
    ed = _edition([_row(*([x] for x in HEADER)), span(cut, 10), span("けて", 11), span(goal, 11),
                   _measure("安定供給の確保", page=11)])
    assert [v.title for v in ed.visions] == [cut + "けて"]
    assert not [w for w in ed.warnings if w.code == "unplaced-row"]
    whole = _edition([_row(*([x] for x in HEADER)), span(cut + "けて", 10), span("けて", 11), span(goal, 11),
                      _measure("安定供給の確保", page=11)])
    assert [v.title for v in whole.visions] == [cut + "けて"]
    assert [w for w in whole.warnings if w.code in ("unplaced-row", "unknown-row") and "けて" in w.message]


def test_a_title_whose_latin_words_wrap_is_read_to_its_short_last_line():
    # The PDFs of layouts 5422 and 5034 (Chromium and reportlab, a narrow description column): the title
    # 「Software as a Medical Device(SaMD)の実用化促進」 wraps between two latin words, which leaves its first
    # line short. That short line was taken for the title's end; being no heading, no title was read and the
    # whole title went into the description. A line whose word runs on to the next does not end a title.
    lines = [("Software as a Medical", 3.35), ("Device（SaMD）の実用化促", 0.98), ("進", 13.0),
             ("進捗を引き続きフォローアップ", 0.04), ("するとともに、必要に応じて新", 0.02), ("たな支援策に取り組む。［◎厚、◎経］", 1.0)]
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _cell_row(lines)])
    (m,) = ed.measures
    assert m.title == "Software as a Medical Device（SaMD）の実用化促進"
    assert m.description.startswith("進捗を引き続き")


def test_a_goal_heading_read_into_a_measure_row_names_it_and_the_next_heading():
    # pdfminer's text of layout 5414, read by the boxes reader: the reposted goal 「【医療保険制度における…】（再掲）」
    # was printed in the box of the next goal's first measure, which the reader placed before that goal's
    # heading. The measure came out titled with the goal, under the goal before, and nothing said so: the
    # measure's row and the heading that ends the misplaced rows are named.
    rep = "【医療保険制度におけるイノベーションに対する適切な評価の実施】（再掲）"
    row = _row([rep, "医療上必要不可欠な医療機器の明確化に取り組む。［◎厚、◎経］"], ["・支援した。"], ["・支援する。"])
    nxt = "【自然災害やパンデミック等の有事における安定供給の確保】"
    ed = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _measure("医療従事者の育成"), row, _row([nxt]),
                   _measure("供給の確保")])
    assert [m.title for m in ed.measures][1] == rep  # (read as it is printed: the grammar names, not mends)
    named = [w for w in ed.warnings if w.code == "goal-in-row"]
    assert len(named) == 2 and "wrong goal" in named[1].message
    clean = _edition([_row(*([x] for x in HEADER)), _row([GOAL]), _measure("医療従事者の育成"), _row([nxt]),
                      _measure("供給の確保")])
    assert not [w for w in clean.warnings if w.code == "goal-in-row"]
