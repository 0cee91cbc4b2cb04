"""Snippets of pdfminer text cut from generated layouts (tests/data/boxes/), placed as rows by the boxes reader
at given column widths: shared by the boxes reader's tests."""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.box_cuts import cut_boxes
from policydiff.versions.readers.box_header import take_header
from policydiff.versions.readers.box_rows import place_boxes
from policydiff.versions.readers.box_state import Row
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_boxes import _boxes, _split_wide
from policydiff.versions.readers.text_layouts import prepare

CUTS = Path(__file__).resolve().parent / "data" / "boxes"


def placed(name: str, w: Geometry) -> list[Row]:
    """The rows the boxes of the cut NAME are placed in at the widths W (its header taken off)."""
    prepared = prepare((CUTS / f"{name}.pdfminer.txt").read_text(encoding="utf-8"))
    _, _, boxes = take_header(_boxes(prepared.lines, prepared.numbers))
    items, _ = place_boxes(_split_wide(cut_boxes(boxes), w), w, w.title_max, False)
    return [x for x in items if isinstance(x, Row)]


def row_starting(rows: list[Row], start: str) -> Row:
    """The row whose description opens with START."""
    return next(x for x in rows if x.desc.lines[0].startswith(start))
