"""Glued pieces cut where the text's own marks tell (interleaved_groups.py), on pdfplumber text cut from the
generated layouts (out/d3040: synthetic editions, their lines as extracted)."""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.interleaved_groups import _open_tag_cut
from policydiff.versions.readers.text_interleaved import read_interleaved
from policydiff.versions.readers.text_layouts import prepare

ROWS = Path(__file__).resolve().parent / "data" / "interleaved_rows"


def _table(name: str):
    prepared = prepare((ROWS / name).read_text(encoding="utf-8"))
    return read_interleaved(prepared.lines, prepared.numbers, prepared.office)


def test_a_ministry_tag_wrapped_and_glued_to_the_next_column_is_cut_after_its_names():
    # 「…産官学連携のもとで取り組む。［◎アップを伴走支援する拠点整備を推進した。」 (source line 76): the description's
    # tag wraps (「厚、◎経］」 on the next line) and the results' 「アップを…推進した。」 is glued to its 「［◎」.
    # Cut by width alone, the whole line went to a new row's description and the row was read as two.
    table = _table("tag-wrapped-glued-to-results.txt")
    row = next(r for r in table.rows if "産官学連携のもとで取り組む" in r.cells[0].text)
    assert row.cells[0].text.endswith("産官学連携のもとで取り組む。［◎厚、◎経］")
    assert "医療機器スタートアップを伴走支援する拠点整備を推進した。" in row.cells[1].text
    assert "・地方経済産業局（官）が必須協力者となる" in row.cells[1].text
    assert "・引き続き、「地域連携拠点」（医工連携イノベーション推進事業の後継事業となる" in row.cells[2].text


def test_an_open_tag_is_cut_after_its_names_only():
    assert _open_tag_cut("取り組む。［◎厚、チャー育成事業）」") == len("取り組む。［◎厚、")
    assert _open_tag_cut("取り組む。［◎アップを伴走") == len("取り組む。［◎")
    assert _open_tag_cut("取り組む。［内、文、◎厚、◎") == 0  # the tag goes on below: nothing glued
    assert _open_tag_cut("取り組む。［担当省庁については、各プラット") == 0  # a sub-heading's bracket, no tag
    assert _open_tag_cut("取り組む。［◎厚］・「次世代") == 0  # closed: the bullet cut is another matter
