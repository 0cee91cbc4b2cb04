"""A row's rest printed column by column: pdfminer's order where the open columns are no neighbours.

pdfminer groups its boxes by how little empty space joining two leaves: two pieces side by side on one
visual line join first where the columns touch (a gap of the cells' padding), but where a column between
them is done (or empty), joining them spans that column, and joining a column's lines one under the other
spans only the leading: each column's rest is then grouped apart and printed as a block, left to right
(dev 3005: the description's last three lines, then the plans' last line 「を行う。」), or right to left where
the right block is short and the left one long (pdfminer orders groups by their height on the page more
than by their left edge: dev 3061's plans' last line, then ten description lines). Read line by line,
the blocks splice one column's lines into another's (a ministry tag in the plans). Neighbouring columns
may print so too, where a narrow column's lines are set closer than the columns (dev 3054: a title's last
line and the description's, then the results' last), at a higher cost (frag_reading.BLOCKS_SIDE). This
reads the rest of such a row block by block: each open column's lines in turn, each ending as its cell ends.
"""

from __future__ import annotations

from .frag_costs import HEADING_INSIDE, end_cost, fit_cost, goes_on_cost, join_cost


def parted(cols: tuple[int, ...]) -> bool:
    """The columns COLS (print order) are not side by side: a column between two of them is closed."""
    return any(b - a > 1 for a, b in zip(cols, cols[1:], strict=False))


def block_steps(graph, p: int, state: tuple[int, int]):
    """(next piece, next state, cost, step) of every step from STATE (in block mode) before piece P: the
    piece goes on the first open column's block (the last's, where the blocks print right to left), or ends it
    (the next block is the next open column's)."""
    open_, row = state
    piece = graph.pieces[p]
    if not graph.cell[p]:
        if piece.kind == "break":  # a page break ends the blocks: what is left goes on after it, line by line
            yield p + 1, (open_, row & ~graph.block & ~graph.right_first), 0.0, "break"
        elif piece.kind == "heading":
            yield p + 1, state, HEADING_INSIDE, "heading"
        return
    c = graph.block_column(state)
    role, full = graph.roles[c], graph.widths[c]
    key = (p, c, False)
    if key not in graph.fits:
        graph.fits[key] = fit_cost(piece, role, full, False)
    here = graph.fits[key]
    nxt = p + 1
    if (p, nxt, c) not in graph.goes:
        after = graph.pieces[nxt] if nxt < graph.n and graph.cell[nxt] else None
        cut = nxt < graph.n and graph.pieces[nxt].kind == "break"
        graph.goes[(p, nxt, c)] = goes_on_cost(piece, after, role, full, cut) + join_cost(piece, after, graph.pairs)
    yield nxt, state, here + graph.goes[(p, nxt, c)], "block"
    if (p, c) not in graph.ends:
        graph.ends[(p, c)] = end_cost(piece, role, full)
    left = open_ & ~(1 << c)
    if left:
        yield nxt, (left, row), here + graph.ends[(p, c)], "block"
        return
    row &= ~graph.block & ~graph.right_first
    yield nxt, (0, row if graph.office and not row & graph.office else 0), here + graph.ends[(p, c)], "block"
