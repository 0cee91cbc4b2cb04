"""The one intermediate form every reader produces: a table of rows of cells, each cell its lines.

A PDF gives it from ruled cells; each text reader rebuilds it from the text's own layout (blocks,
columns side by side, no blank lines, pdfminer's boxes). From there on nothing depends on the producer:
the grammar (grammar.py) reads the rows by what their cells say and how they sit, and the assembler
(assembler.py) makes the Edition. Every line keeps its provenance: the page, the line (in the text, or
in its cell on a PDF page) and, from a PDF, its box; and how far short of its column's full width it
stops (`slack`), which tells a paragraph's last line, where the source tells it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.edition import Box, ParseWarning
from ..model.normalize import display_width
from .geometry import Geometry
from .vocabulary import MIXED_SPLIT_RE, TAG_CLOSE_RE


@dataclass(frozen=True)
class Line:
    no: int  # 1-based: the line of the source text, or of its cell on a PDF page
    page: int
    text: str  # stripped
    raw: str = ""
    box: Box | None = None  # (x0, top, x1, bottom) on a PDF page
    font: str = ""  # the font of most of the line's characters (PDF), subset prefix dropped
    slack: float | None = None  # cells short of the column's full line (None: the source does not say)

    @property
    def width(self) -> float:
        return display_width(self.text)


@dataclass
class Cell:
    """One cell of a row: its lines, over one or more pages, and its box on its first page (PDF)."""

    lines: list[Line] = field(default_factory=list)
    bbox: Box | None = None
    # How many of a description cell's first lines are its title, where the reader tells it (a text reader
    # that weighed every reading of the cell); None: the grammar tells it from fonts, widths and words.
    title: int | None = None

    @property
    def text(self) -> str:
        return join_lines(self.lines)[0]


@dataclass
class Row:
    """A row of the table: its cells in the table's column order, or one cell merged across the table."""

    cells: list[Cell]

    @property
    def merged(self) -> bool:
        return len(self.cells) == 1

    def filled(self) -> list[int]:
        """The indexes of the cells holding text."""
        return [k for k, cell in enumerate(self.cells) if cell.lines]

    @property
    def first(self) -> Line | None:
        """The row's first line in print order (for citations)."""
        lines = [cell.lines[0] for cell in self.cells if cell.lines]
        return min(lines, key=lambda x: (x.page, x.box[1] if x.box else 0.0, x.no)) if lines else None


@dataclass(frozen=True)
class LineNote:
    """What a reader lost at a source line; the assembler names the measure holding that line."""

    line: int
    code: str
    message: str


@dataclass
class Table:
    """What a reader hands the grammar. LAYOUT names the reader ('pdf', 'blocked', 'dense', 'interleaved',
    'boxes'); OUTSIDE is the text around the table (a title, the PDF's metadata, a synthetic mark)."""

    rows: list[Row]
    layout: str
    geometry: Geometry = field(default_factory=Geometry)
    warnings: list[ParseWarning] = field(default_factory=list)  # what the reader could not rebuild for sure
    notes: list[LineNote] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    lines_in_cells: bool = False  # Line.no counts lines within a PDF cell, not through a text


def join_lines(lines: list[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    """Join wrapped lines; marks map text offsets back to (page, line) for citations. Linear: the pieces
    are gathered and joined once (a bullet wrapped over 70,000 lines was quadratic). Called for every
    bullet and many times per cell (250,000 times on a 10,000-measure pair): a set lookup for latin
    letters, where two calls a line were a quarter of its time."""
    parts: list[str] = []
    marks: list[tuple[int, int, int]] = []
    size = 0
    latin_end = False
    for line in lines:
        piece = line.text.strip()
        if not piece:
            continue
        if latin_end and piece[0] in _LATIN:
            parts.append(" ")
            size += 1
        marks.append((size, line.page, line.no))
        parts.append(piece)
        size += len(piece)
        latin_end = piece[-1] in _LATIN
    return "".join(parts), marks


_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def box_of(lines: list[Line]) -> Box | None:
    """The union of the boxes of LINES on the first one's page (lines from a PDF cell)."""
    boxes = [x.box for x in lines if x.box is not None and x.page == lines[0].page]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def attach_offices(rows: list[Row], offices: list[tuple[int, str]], column: int) -> None:
    """Each office of a 「担当」 column (source line, text) into the row it closes: the last row of several
    cells whose first line is at or before it. Rows are in source order."""
    starts: list[tuple[int, Row]] = [(first.no, row) for row in rows if not row.merged and (first := row.first)]
    k = 0
    for no, text in sorted(offices):
        while k + 1 < len(starts) and starts[k + 1][0] <= no:
            k += 1
        if not starts or starts[k][0] > no:
            continue
        row = starts[k][1]
        while len(row.cells) <= column:
            row.cells.append(Cell())
        if not row.cells[column].lines:  # the first office a row meets is its own
            row.cells[column].lines.append(Line(no, row.cells[0].lines[0].page if row.cells[0].lines else 1, text))


def split_mixed(line: Line) -> tuple[Line, Line | None]:
    """A line holding the end of a result and the start of a plan (two cells on one baseline) →
    (results part, plans part): 「令和５年度に事業終了 後継事業の予定無し」 (line 22)."""
    m = MIXED_SPLIT_RE.search(line.text)
    if not m:
        return line, None
    left, right = line.text[: m.start()], line.text[m.end():]
    return Line(line.no, line.page, left, line.raw), Line(line.no, line.page, right, line.raw)


def split_after_tag(line: Line, is_tag: Callable[[str], bool]) -> tuple[Line, Line | None]:
    """A line holding a description's closing tag and, after a space, the next cell's first line:
    「も横展開する。［◎文］ ・令和５年度に事業終了…」 → (…［◎文］, ・令和５年度に事業終了…)."""
    for m in TAG_CLOSE_RE.finditer(line.text):
        rest = line.text[m.end():]
        if rest.strip() and rest[:1] in " 　" and is_tag(m.group(1)):
            return (Line(line.no, line.page, line.text[: m.end()], line.raw, line.box, line.font, line.slack),
                    Line(line.no, line.page, rest.strip(), line.raw))
    return line, None
