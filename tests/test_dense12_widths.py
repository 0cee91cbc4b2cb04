"""The dense reader's column widths, estimated from the committed sample's pypdfium2 text (tests/data/layouts)."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

from policydiff.versions.readers.text_dense import _nearest, estimate_widths
from policydiff.versions.readers.text_layouts import prepare

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


def test_a_column_a_few_cells_narrower_than_another_keeps_its_own_width():
    # L0017 (Chromium, synth7; description 22 cells, results and plans 25): the lines that wrap pile up at 25
    # (350), 22 (294) and 26 (201) cells. 22 is within three cells of 25, so no peak of its own; the lines
    # above a ministry tag, the description's, are 22 wide, and were read at the peak nearest, 21 (26 lines):
    # a description line that stops two cells short was then read as full and running on.
    prepared = prepare(gzip.decompress((LAYOUTS / "L0017-chromium-synth7.pypdfium2.txt.gz").read_bytes()).decode("utf-8"))
    geometry = estimate_widths(prepared.lines, prepared.order)
    assert geometry is not None
    assert (geometry.description, geometry.results, geometry.plans) == (22.0, 25.0, 25.0)


def test_a_columns_lines_a_cell_short_of_it_do_not_make_it_a_column():
    piles = Counter({26: 407, 25: 312, 24: 74, 7: 88})  # (L3004: one width, 26, for every column)
    assert _nearest([26, 7], piles, 25) == 26  # fewer lines at 25 than at 26: the column's lines a cell short
    assert _nearest([25, 5, 21], Counter({25: 350, 22: 294, 26: 201, 21: 26}), 22) == 22
