"""pdfminer's one-line boxes (text_fragments.py): a page's header repeated above a row whose first line pdfminer
prints cell by cell with the header's labels, each label then the piece under it (dev 3023, reportlab, header
repeated on every page, three columns of 27 cells)."""

from __future__ import annotations

from policydiff.versions.model.normalize import display_width
from policydiff.versions.readers.frag_reading import Piece, ReadRow, read_pieces
from policydiff.versions.readers.text_fragments import _kind, _labels_first

ROLES = ("description", "results", "plans")

# dev 3023 lines 317-355: a page's last results lines, its number, the next page's header with the first row's
# first line between its labels (its title, its one-line results and plans), then the row's description
PAGE_TOP = """
カデミア人材等に対するジャパンバイオデザインプログラ
ムによる伴走支援を実施した。
1 / 9
該当箇所
AI研究開発に必要な人材の育成
令和６年度の実績・状況
令和５年度に事業終了
令和７年度の取組予定
後継事業の予定無し
今後、AIを用いた医療機器の研究開発が増えることを考慮し
て、臨床現場のニーズ・知見を用いてAIの研究開発を推進す
るために必要な、企業等における諸課題に対する最適なAI技
術の活用方法等を身に付けた医療人材の育成に取り組む。［
◎文、内］
"""


def _pieces(text: str) -> list[Piece]:
    return [Piece(x.strip(), display_width(x.strip()), _kind(x.strip())) for x in text.strip().split("\n")]


def test_the_pieces_between_a_repeated_headers_labels_go_after_them_in_order():
    pieces, where = _labels_first(_pieces(PAGE_TOP), list(range(15)))
    assert [x.text for x in pieces[2:9]] == ["1 / 9", "該当箇所", "令和６年度の実績・状況", "令和７年度の取組予定",
                                             "AI研究開発に必要な人材の育成", "令和５年度に事業終了", "後継事業の予定無し"]
    assert where[6:9] == [4, 6, 8]  # (each piece keeps its source line)


def test_a_row_printed_among_a_repeated_headers_labels_keeps_its_title_results_and_plans():
    # (read as printed, the title and the one-line cells between the labels were lost: the row had no title,
    # no results and no plans)
    pieces, _ = _labels_first(_pieces(PAGE_TOP), list(range(15)))
    reading = read_pieces(pieces, ROLES, (27.0, 27.0, 27.0))
    rows = [{c: [pieces[q].text for q in qs] for c, qs in item.columns.items()}
            for item in reading.items if isinstance(item, ReadRow)]
    row = next(r for r in rows if r.get(0) and r[0][0] == "AI研究開発に必要な人材の育成")
    assert row[1] == ["令和５年度に事業終了"] and row[2] == ["後継事業の予定無し"]
    assert row[0][-1] == "◎文、内］"
