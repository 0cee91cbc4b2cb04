"""Rows of pdfplumber text (columns side by side) cut from the generated layouts (out/d3000, seeds 3014 and
3024): each piece of a line goes to its column."""

from __future__ import annotations

from pathlib import Path

from policydiff import parse_report
from policydiff.versions.readers.text_interleaved import read_interleaved

ROWS = Path(__file__).resolve().parent / "data" / "interleaved_rows"


def _read(name: str):
    return parse_report((ROWS / name).read_bytes())


def test_a_title_that_fills_its_line_is_the_title_not_the_description():
    # 「産学連携の強化による…事業化の促進」 is 30 cells in a description column of 32: a heading's words,
    # then the description on the next line (it was read into the description, the row refused).
    (m,) = _read("full-width-title.txt").measures
    assert m.title == "産学連携の強化によるニーズ・シーズマッチング及び事業化の促進"
    assert m.description.startswith("官民が協調して資金拠出し")


def test_latin_words_parted_by_a_mark_stay_in_their_cell():
    # 「・「MedTech ROUND ～MedTech Startups acceleration」 then the plans' 「る。」: the space before 「～MedTech」
    # parts latin words of one cell, not two columns.
    m = next(m for m in _read("latin-words-in-a-cell.txt").measures if "MedTech" in m.results[1].text)
    assert "MedTech ROUND ～MedTech Startups acceleration program～" in m.results[1].text
    assert not any("Startups" in b.text for b in m.plans)
    assert m.plans[0].text.endswith("エコシステム形成に向けた取り組みを推進する。")


def _rows(name: str):
    lines = (ROWS / name).read_text(encoding="utf-8").split("\n")
    return read_interleaved(lines, list(range(1, len(lines) + 1))).rows


def test_a_cell_whose_line_ends_at_a_comma_goes_on_below():
    # Printed 該当箇所 | 取組予定 | 実績・状況: the results open 「令和６年度保険医療材料制度改革において、」 and go on
    # with their bullets, under the plans' one finished bullet; they were read as more plans, unwarned.
    row = next(r for r in _rows("results-open-at-a-comma.txt") if r.cells[0].text.startswith("イノベーション"))
    plans, results = row.cells[1].text, row.cells[2].text
    assert plans == "・関係団体等の意見も伺いながら、令和８年度診療報酬改定に向けて検討を行う。"
    assert results.startswith("令和６年度保険医療材料制度改革において、・チャレンジ申請の申請期限の延長")
    assert results.endswith("指導管理料・導入期加算や評価療養・選定療養の新設等を実施したところ。")
