"""The words every producer prints around the table: header cells, hidden labels, title, page numbers."""

from __future__ import annotations

from pdfgen.rows import Table

from .layout import Layout

# The document's own title line (the real PDF has one above the table on page 1).
DOC_TITLE = "医療機器基本計画 重点的に取り組むべき施策の進捗状況"
LABELS = "列1 列2 列3"  # an Excel table's default column names, printed white in the real header


def header_texts(lay: Layout, table: Table) -> list[tuple[str, str]]:
    """(role, header cell text) left to right."""
    text = {"description": "該当箇所", "results": table.results_label, "plans": table.plans_label,
            "office": "担当"}
    return [(role, text[role]) for role in lay.columns()]


def page_number(style: str, n: str, total: str) -> str:
    """「- 3 -」 centred at the bottom, 「3 / 9」 at the bottom right, a bare 「3」 at the top right."""
    if style == "bottom-center":
        return f"- {n} -"
    return f"{n} / {total}" if style == "bottom-right" else n
