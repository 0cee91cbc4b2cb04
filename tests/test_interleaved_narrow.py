"""A narrow text column's width told by its own lines, not the least an estimate may give (text_interleaved.MIN_TEXT),
on pdfplumber text cut from a generated layout (seen 5410: 9 pt, portrait, the office first, plans before results)."""

from __future__ import annotations

from interleaved_snippets import snippet_input

from policydiff.versions.readers.text_interleaved import estimate_widths, print_order


def test_a_narrow_plans_column_keeps_its_width():
    # The plans' full lines hold 11 cells (「え、医療機器産業振興拠」, 「ワークの構築や臨床上の」). The least width an
    # estimate could give a results or plans column was a quarter of the sample's results column (15 cells): every
    # full line of the plans read as a short one, the text's rows fell apart and it was refused.
    lines, _, office = snippet_input("narrow-plans-column.txt")
    order = print_order(lines, 4 if office else 3)
    widths = estimate_widths(lines, len(order), order)
    assert widths[1] <= 12.0  # (by role: the first of results and plans printed, the plans here)
    assert widths[0] == 17.0 and widths[2] == 18.0  # (the other columns' as their lines tell)
