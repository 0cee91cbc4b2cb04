"""A column's line printed a line low: pdfplumber lines cut from the generated layouts, where one column has nothing
on a text line mid-cell and goes on below (interleaved_drift)."""

from __future__ import annotations

from interleaved_snippets import snippet_table

from policydiff.versions.readers.interleaved_reading import read_lines
from policydiff.versions.readers.text_interleaved import _pieces, estimate_fulls


def _row(name: str, title: str) -> tuple[list[str], list[str]]:
    """The cell texts of the snippet NAME's row with a cell opening with TITLE, and every row's first two cells'."""
    rows = snippet_table(name).rows
    cells = next([c.text for c in r.cells] for r in rows if any(c.text.startswith(title) for c in r.cells))
    return cells, [c.text for r in rows for c in r.cells[:2]]


def test_a_results_line_printed_low_goes_on_its_cell():
    # dev 3042, source lines 252-257 (Chromium; description, plans, results and office, 24, 24, 24 and 6 cells): the
    # results' 「…審査の質の均てん化」 fills its line, the next text line holds only the description's and the plans'
    # lines, and the results go on below with 「に取り組んだ。…」. Read as results done, the plans' 「べることが…」 went
    # to the results and the next line started a row 「に資する方策について…」.
    cells, starts = _row("pad16b-results-line-printed-low.txt", "倫理審査委員会の審査の均てん化")
    assert any("意見を述べることができるように" in c for c in cells)
    assert any("審査の質の均てん化に取り組んだ。また" in c for c in cells)
    assert not any(t.startswith("に資する方策") for t in starts)


def test_a_results_line_printed_low_is_not_read_into_another_row():
    # h5300 5303, source lines 152-158 (Chromium; 21, 26 and 25.5 cells): the results' 「…において、ピッチイベント」,
    # then a text line of the description and the plans only, then the results' 「を３回開催し、…」: the description's
    # 「交流・連携の機会創出を…」 was read as the results' and its next line started a row. (Which of the results and
    # the plans printed low, both full, the whole text's character joins tell: 「…ピッチイベント」 「を３回開催し」.)
    cells, starts = _row("pad16b-results-line-printed-low-then-plans.txt", "産学連携の強化によるニーズ")
    assert any("企業等との交流・連携の機会創出を目的としたマッチングイベントも開催" in c for c in cells)
    assert not any(t.startswith("イベントも開催") for t in starts)


def test_a_plans_bullet_after_a_line_without_the_plans():
    # d7100 7116, source lines 253-258 (Chromium; description, plans and results, 23, 27.5 and 28 cells): the results'
    # latin line 「・「MedTech ROUND ～MedTech Startups acceleration」 sets the text lines apart: the plans have nothing
    # on the next one after their 「進を行う。」, their next bullet 「・「MEDIC」…」 comes below. Read as plans done, the
    # description's 「側の技術シーズ…」 went to the plans and the row was cut in two.
    cells, _ = _row("pad16b-plans-bullet-after-a-line-without-them.txt", "既存企業とベンチャー企業の連携")
    assert any("取り組んできたが、産業側の技術シーズ同士" in c for c in cells)
    assert any("推進を行う。・「MEDIC」" in c for c in cells)


def test_a_description_and_an_office_printed_a_line_below_the_title():
    # h5500 5559, source lines 270-273 (Chromium; office, description, results and plans): the results' and plans'
    # lines 「強化・推進を実施した。」 「連携グローバル展開事業として令和7」 come out alone between the title's last line
    # 「研究開発の促進」 (the office's 「ケア産業課医」) and the description's first (the office's 「療・福祉機器」).
    cells, _ = _row("pad16b-description-and-office-printed-low.txt", "経産省ヘルスケア産業課医")
    assert "経産省ヘルスケア産業課医療・福祉機器産業室" in cells
    assert any(c.startswith("既存企業とベンチャー企業の連携を通じた医療機器の研究開発の促進これまでは") for c in cells)


def test_a_bullet_ending_in_a_past_verb_then_tokoro_is_a_result():
    # h7200 7209, source lines 288-291 (reportlab; description, plans and results, 50, 37 and 56 cells): the plans'
    # one bullet ends 「…検討を行う。」, the results' bullets 「・プログラム…の短縮」, 「・チャレンジ申請の対象の拡大」 and
    # 「・迅速な保険導入に係る評価の見直し等を実施したところ。」 follow their lead-in, each short. The last is worded as a
    # result (「…したところ。」, the report's past); taken for no wording, the plans took the last two bullets (d6900 6930
    # too).
    lines = ["イノベーションへの適切な評価 ・関係団体等の意見も伺いながら、令和10年度診療報酬改定に向けて検討を行 令和８年度"
             "保険医療材料制度改革において、関係団体等の意見も伺いながら検討を行い、",
             "我が国におけるSaMDを含めた革新的な医療機器の実用化を進めるため、保険医療材料制度等におけるイノベー う。 ・プロ"
             "グラム医療機器(SaMD)の評価の在り方の見直し、保険適用までの期間の短縮",
             "ションの適切な評価を、画期性・有用性に対する評価、新規医療材料を用いた技術の評価、機能区分の細分化、 ・チャレンジ"
             "申請の対象の拡大",
             "合理化及び定義の見直し等により引き続き推進する。［◎厚］ ・迅速な保険導入に係る評価の見直し等を実施したところ。"]
    readings, _, _ = read_lines(lines, _pieces, ["text"] * len(lines), (50.0, 37.0, 56.0),
                                estimate_fulls((50.0, 37.0, 56.0), (50.0, 36.0, 55.0)), None, (50.0, 36.0, 55.0), 2)
    assert dict(readings[2].groups)[2] == "・チャレンジ申請の対象の拡大"
    assert dict(readings[3].groups)[2] == "・迅速な保険導入に係る評価の見直し等を実施したところ。"


def test_a_description_items_next_paragraph_after_a_line_without_it():
    # d5400 5434, source lines 207-212 (Chromium; description, results and plans, 「重点5分野」's items ①…⑤ beside the
    # results' 採択 bullets): item ①'s text 「…疾病を予防する医療機器」 and its second paragraph 「糖尿病、高血圧症等の…」
    # print a line apart, the results' bullet 「・医工連携イノベーション推進事業において１件の課題を採択」 alone between them.
    # Read as the description's (a bullet after its items), the results lost it; or the paragraph started a row.
    cells, starts = _row("pad16b-item-paragraphs-apart.txt", "重点分野における医療機器の研究開発の促進")
    assert any("疾病を予防する医療機器糖尿病、高血圧症等の生活習慣病" in c for c in cells)
    assert any("において1件の課題を採択・医工連携イノベーション推進事業において１件の課題を採択・" in c for c in cells)
    assert not any(t.startswith("糖尿病") for t in starts)


def test_a_lone_suffix_between_spaces_ends_the_line_of_the_cell_whose_space_it_follows():
    # h5500 5559, source line 308 (Chromium; office, description, results and plans, 6, 24, 27 and 18 cells): the
    # description's 「…３大バイオバンク　等に蓄積された…」 breaks after 「等」, which stands alone between the report's own
    # space and the column gap: 「…３大バイオバンク 等 ゲノム情報の活用体制強化の検討を進」. Both readings kept one
    # space inside a cell, and 「等」 went to the plans (「…NCBN試料の等 ゲノム情報の…」); h5300 5348 likewise (reportlab,
    # 61, 48, 35 and 11 cells), fy2025-synthetic's m025 and fy2024's m026, the same passage.
    for name in ("pad16b-lone-suffix-after-a-cells-own-space.txt", "pad16b-lone-suffix-after-a-cells-own-space-wide.txt"):
        cells = [c.text for r in snippet_table(name).rows for c in r.cells]
        assert any("３大バイオバンク 等に蓄積されたデータの活用" in c for c in cells)
        assert any("NCBN試料のゲノム情報の活用体制強化" in c for c in cells)
