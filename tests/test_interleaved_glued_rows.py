"""Rows of pdfplumber text whose first line prints three columns glued, no space between them (cells set
close), cut from the generated layouts (out/d3040): each column's first line goes to its column."""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.text_interleaved import read_interleaved
from policydiff.versions.readers.text_layouts import prepare

ROWS = Path(__file__).resolve().parent / "data" / "interleaved_rows"


def _table(name: str):
    prepared = prepare((ROWS / name).read_text(encoding="utf-8"))
    return read_interleaved(prepared.lines, prepared.numbers, prepared.office)


def test_a_piece_of_three_glued_columns_is_cut_in_their_printed_order():
    # 「あわせて、…ARO機能を持つ医療機・｢優れた…において、医・令和７年度の取組に加え、拠点間の連携による 厚労省医療機器」
    # (d3040 3044, source line 165): the description's, results' and plans' first lines glued, the office after
    # a space. Of the ways to cut it (each column's fill, three deep), the first twelve tried cut the office's
    # short fill first; the one in the printed order was never read, the line fit no column and the row lost
    # its first line in every cell (「関と、企業と…」, 「審査管理課」, 「療機器創出人材…」).
    table = _table("three-columns-glued.txt")
    row = next(r for r in table.rows if r.cells[0].text.startswith("あわせて、"))
    assert row.cells[0].text.endswith("ネットワークの構築に引き続き取り組む。［◎厚］")
    assert row.cells[1].text.startswith("・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、医療機器創出人材の育成")
    assert row.cells[2].text == "・令和７年度の取組に加え、拠点間の連携による全国的な支援ネットワークの形成を支援し、更なる拠点機能の強化を図る予定。"
    assert row.cells[3].text == "厚労省医療機器審査管理課"
    assert not any(w.code == "layout-too-wide" for w in table.warnings)
