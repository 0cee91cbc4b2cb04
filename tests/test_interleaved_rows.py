"""Rows of pdfplumber text (columns side by side) cut from the generated layouts (out/d3000, seeds 3014 and
3024): each piece of a line goes to its column."""

from __future__ import annotations

from pathlib import Path

from policydiff import parse_report

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
