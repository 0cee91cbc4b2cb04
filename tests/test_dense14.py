"""Column widths and cell ends on lines cut from real pypdfium2 extractions of dev and check-set layouts
(tests/layoutgen)."""

from __future__ import annotations

from dense_snippets import DENSE

from policydiff.versions.readers.text_dense import estimate_widths
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
