"""Where a results or plans paragraph ends, on lines cut from real pypdfium2 extractions (tests/data/dense/, their
header line first), read at the column widths the whole text shows."""

from __future__ import annotations

from dense_snippets import snippet_rows


def test_a_results_paragraph_ending_in_a_comma_leads_in_its_bullets():
    # L4509 (description 27 cells, results 21, plans 15, 担当 last): after the description's tag 「…推進する。［◎厚］」
    # the results open with no bullet 「令和６年度保険医療材料制度改革において、」 (20 cells, a full line) and go on in
    # bullets 「・チャレンジ申請の…」. A paragraph ending in a full line mid-sentence cost more than an item's text with
    # no mark of its own, and the line was read as the description's.
    rows = snippet_rows("results-lead-in-ending-in-a-comma", 27, 21, 15, 4)
    assert rows[0]["description"][-1] == "見直し等により引き続き推進する。［◎厚］"
    assert rows[0]["results"][:2] == ["令和６年度保険医療材料制度改革において、", "・チャレンジ申請の申請期限の延長や要件の明"]

