"""Snippets of pypdfium2 text cut from generated layouts (tests/data/dense/), read by the dense reader at the
column widths their whole text shows: shared by the dense reader's tests."""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_dense import read_at_widths
from policydiff.versions.readers.text_layouts import prepare

DENSE = Path(__file__).resolve().parent / "data" / "dense"


def snippet_table(name: str, *widths: float):
    """The snippet NAME read at the columns' WIDTHS (description, results, plans[, office]): the prepared
    text and the table (the header's row first)."""
    prepared = prepare((DENSE / f"{name}.pypdfium2.txt").read_text(encoding="utf-8"))
    table = read_at_widths(prepared.lines, prepared.numbers, Geometry.from_widths(*widths), prepared.order,
                           prepared.breaks)
    assert table is not None
    return prepared, table


def snippet_cells(name: str, *widths: float) -> list[dict]:
    """The snippet's rows of several cells (no vision or goal), each its cells by column role."""
    prepared, table = snippet_table(name, *widths)
    return [dict(zip(prepared.order, row.cells, strict=True)) for row in table.rows[1:] if len(row.cells) > 1]


def snippet_rows(name: str, *widths: float) -> list[dict[str, list[str]]]:
    """The snippet's measure rows: per cell (title, description, results, plans) its lines."""
    out = []
    for cells in snippet_cells(name, *widths):
        desc = cells["description"]
        lines = [x.text for x in desc.lines]
        out.append({"title": lines[: desc.title or 0], "description": lines[desc.title or 0:],
                    "results": [x.text for x in cells["results"].lines],
                    "plans": [x.text for x in cells["plans"].lines]})
    return out
