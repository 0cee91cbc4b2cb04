"""Column widths and cell ends on lines cut from real pypdfium2 extractions of dev and check-set layouts
(tests/layoutgen)."""

from __future__ import annotations

from dense_snippets import DENSE
from test_dense12_page_cuts import cells

from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_dense import estimate_widths, read_at_widths
from policydiff.versions.readers.text_layouts import prepare


def test_results_a_cell_wider_than_the_description_keep_their_own_width():
    # L3000 (Chromium, alt font, 7 pt; description 21 cells, results 22, plans 14): the lines that wrap pile up
    # at 21 (the description's, and the results' a cell short) more than at 22, so the results' own first
    # bullets (22) were taken for the description's peak; every results line of 22 cells then read as too wide
    # and 52 of the 59 rows as the description's (refused).
    prepared = prepare((DENSE / "results-a-cell-wider-than-the-description.pypdfium2.txt").read_text(encoding="utf-8"))
    geometry = estimate_widths(prepared.lines, prepared.order)
    assert geometry is not None
    assert (geometry.description, geometry.results, geometry.plans) == (21.0, 22.0, 14.0)


def test_a_row_cut_by_a_page_break_has_its_plans_restate_its_results_on_both_pages():
    # L6043 (reportlab, 5.5 pt landscape; results and plans both 49 cells wide): the page cuts the SaMD row after
    # one results bullet and one plans bullet; after the break its results go on (「・SaMDに関する…を開催」), then
    # its plans. The plans' first bullet 「・令和6年度補正予算「デジタル…」…を実施。」 restates the results' first, but
    # was read as a second result (the results then going on after the break), the row's run of results and
    # plans cut by the break being left as the lattice read it.
    text = (DENSE / "results-and-plans-cut-by-a-page-break.pypdfium2.txt").read_text(encoding="utf-8")
    rows = cells(text, 41, 49, 49, 16)
    row = next(r for r in rows if r["description"][0].startswith("SaMD"))
    assert [x[:8] for x in row["results"] if x.startswith("・")] == ["・スタートアップ", "・SaMDに関す"]
    assert [x[:8] for x in row["plans"] if x.startswith("・")] == ["・令和6年度補正", "・「SaMD産学"]


def test_a_results_line_stopping_mid_word_goes_on_in_its_paragraph():
    # L5527 (reportlab, alt font; every column 26 cells): 「用を進めると共に、中央バイオバンク事務局として」 stops three
    # cells short, for the Latin 「6NC」 that did not fit after it, and mid-sentence (「として」). Its sentence goes on:
    # the next line 「6NC各バイオバンク間の…」 was read as the plans' first line (a cell opening with no bullet
    # cost no more than a paragraph going on after a short line).
    text = (DENSE / "a-results-line-stopping-mid-word.pypdfium2.txt").read_text(encoding="utf-8")
    row = cells(text, 26, 26, 26)[0]
    assert row["results"][-3:] == ["6NC各バイオバンク間の利活用手続きのギャップと課",
                                   "題を整理し、その対応等に取り組んでおり、これらの運", "営管理事業費に予算措置を行っている。"]
    assert row["plans"][0].startswith("・引き続き「バイオバンク")


def test_a_budget_in_brackets_alone_goes_on_the_program_named_before_it():
    # L5427 (Chromium, plans printed before results, every column 15 cells): the results' bullet
    # 「・「医療機器等研究成果展開事業」」 fills its line, its budget 「（令和６年度予算：10.9億円）」 alone on the next. A
    # line in brackets alone was taken for a bullet of its own (「（対応済み）」): the program's name was read as the
    # plans' last bullet, the results opening with the budget.
    text = (DENSE / "a-budget-in-brackets-alone-after-a-program-name.pypdfium2.txt").read_text(encoding="utf-8")
    row = cells(text, 15, 15, 15, 3)[0]
    assert row["plans"][-1] == "る。"
    assert row["results"][:2] == ["・「医療機器等研究成果展開事業」", "（令和６年度予算：10.9億円）"]


def test_a_bullet_a_cell_over_its_column_after_a_description_opens_the_results():
    # L6807 (Chromium, offices first; columns 46, 50 and 32 cells as estimated): the results' first line
    # 「・倫理指針の周知を通じ、…など、倫理」 is 52 cells, wider than any column, and was read into the cell before it,
    # the description, which holds no bullet.
    text = (DENSE / "a-bullet-a-cell-over-its-column-after-a-description.pypdfium2.txt").read_text(encoding="utf-8")
    row = cells(text, 46, 50, 32, 10)[0]
    assert row["description"][-1] == "［文、◎厚、経］"
    assert row["results"][0].startswith("・倫理指針の周知を通じ")


def test_a_row_opens_with_its_words_never_with_its_ministry_tag():
    # L6916 (Chromium; description, results and plans all 45 cells): the plans' one bullet 「・引き続き、…を実施する。」
    # fills its line, and the next row's description (no title) 「医療機器の販売においては、…取り組む。」 is as
    # wide. Read as the plans going on, it left the next row opening with its tag 「［◎経］」 alone, at no cost more.
    text = (DENSE / "a-description-after-plans-of-one-width.pypdfium2.txt").read_text(encoding="utf-8")
    rows = cells(text, 45, 45, 45)
    assert rows[0]["plans"] == ["・引き続き、JETROを通じ、医療機器、介護関連の商談会や海外展示会への出展支援を実施する。"]
    assert rows[1]["description"][0].startswith("医療機器の販売においては")
    assert rows[1]["description"][-1] == "［◎経］"


def test_a_line_opening_another_cell_ends_none_of_the_sentences_of_the_line_before():
    # L6846 (Chromium, 5 pt landscape; description 50 cells, plans 37, results 56, plans printed first): the page
    # cuts the SaMD row; after it the plans' bullet 「・「SaMD産学官連携フォーラム」を…引き続き取り組む」 ends
    # short, then the results' last words 「（令和6年9月3日）。」 (their bullet 「…を開催」 cut by the break). Read
    # with the line before, 「取り組む（令和6年9月3日）。」 ended as a plan does: the date was read into the plans.
    text = (DENSE / "results-date-after-a-page-break-under-a-plan-verb.pypdfium2.txt").read_text(encoding="utf-8")
    prepared = prepare(text)
    lines = list(prepared.lines)
    at = next(i for i, x in enumerate(lines) if x.startswith("医療機器基本計画"))  # the running title: a page break
    lines[at] = ""
    table = read_at_widths(lines, prepared.numbers, Geometry.from_widths(50, 56, 37), prepared.order,
                           frozenset({prepared.numbers[at]}))
    assert table is not None
    row = {role: [x.text for x in cell.lines] for role, cell in zip(prepared.order, table.rows[1].cells, strict=True)}
    assert row["plans"][-1] == "SaMDの研究開発の促進に向けた論点の整理に引き続き取り組む"
    assert row["results"][-1] == "（令和6年9月3日）。"
