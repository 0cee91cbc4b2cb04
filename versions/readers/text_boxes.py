"""Reader for pdfminer.six's text boxes: a table printed box by box, out of row order, rebuilt into rows.

pdfminer groups a table's lines into text boxes (lines of one cell, or a piece of one) and prints them
one after another, separated by blank lines, in an order that runs roughly top to bottom but mixes the
columns: Chromium's PDFs nearly line by line across the columns, reportlab's cell by cell, sometimes a
page's descriptions before their results. Nothing says which column a box came from, so it is read
from the text itself:
- each column has its own full-line width (about 54 / 60 / 40 cells in the bundled sample, other widths
  in other PDFs): estimated from the boxes that a ministry tag ［…］ marks as descriptions and from the
  boxes that start with a bullet 「・」 (two widths: the results and the plans);
- a ministry tag closes a description, a short first line is a title, 「・」 starts a results or plans
  bullet, a vision （１） or goal 【…】 spans the table;
- a box that starts mid-sentence continues a cell left open by a full line without a sentence end;
  which one, when several are open, the next boxes whose widths tell their column show (a bullet there
  closes its column's sentence), else the columns' alternation across a row.
Descriptions start rows; each column's cells are taken in row order, a new one only once its row's
description has been printed (a repeated page header marks a page break: the row it cut takes the
first boxes after it). The 「担当」 offices go to the rows in printed order. The rows are then printed in the blocked layout the text reader reads
(title and description with its tag, blank, results, blank, plans), every line citing its source line,
so that parse_text.py and rows.py make the edition. What cannot be placed with confidence is named in a
ParseWarning ("layout-…"), never put silently into a column.
"""


from __future__ import annotations

import re
from collections import Counter

from ..model.edition import ParseWarning
from ..model.normalize import display_width
from .box_rows import ITEM_RE, PLANS, RESULTS, Box, Row, Widths, has_tag, place_boxes, span
from .layout import NARROW, TITLE_MAX, is_bullet_start

# Header cells, each a box of its own: 「該当箇所 列1 列2 列3」 / 「令和６年度の実績・状況」 / 「担当」
HEADER_CELL_RE = re.compile(r"^該当箇所|^(?:列\s*\d\s*)+$|^(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の(?:実績|取組予定)|^担当$")
MIN_LINES = 8  # full lines needed to estimate a column's width
LONE_PAREN_RE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")  # （アジア健康構想） or （令和6年12月までに累計62件）


BOXES_WARNING = ("the text is pdfminer's text boxes, printed out of row order (layout 'fragmented' or "
                 "'out-of-order'): rows and columns were rebuilt from the boxes' widths and order; the rows named "
                 "in 'layout-boxes-row' warnings may hold text of the row before or after them: read the PDF to be sure")


class BoxesError(ValueError):
    """The boxes do not show the columns' widths: the text cannot be read as pdfminer's boxes."""


def rebuild(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[ParseWarning]]:
    """pdfminer's text boxes → the blocked layout (lines and their source numbers) and what was unsure."""
    boxes = _boxes(lines, numbers)
    header, before, boxes = _take_header(boxes)
    if not header[0].startswith("該当箇所"):
        raise BoxesError("no header cell 「該当箇所」 before the table's boxes")
    widths = estimate_widths(boxes)
    boxes = _split_wide(boxes, widths)
    office = " 担当" in header[0]
    items, warnings = place_boxes(boxes, widths, min(TITLE_MAX, widths.description - 4), office)
    for box in before:
        warnings.append(ParseWarning("layout-boxes-unplaced", f"lines {span(box)}: text printed before "
                                     "the table's header; left out", 0, box.numbers[0]))
    warnings.insert(0, ParseWarning("layout-boxes", BOXES_WARNING, 0, 0))
    out, nums = [header[0], ""], [header[1], 0]
    for item in items:
        if isinstance(item, Box):
            out += [*item.lines, ""]
            nums += [*item.numbers, 0]
        else:
            _emit_row(item, out, nums, warnings)
    return out, nums, warnings


def _boxes(lines: list[str], numbers: list[int]) -> list[Box]:
    """LINES come folded (normalize.fold_extracted, once for every reader in text_layouts.prepare)."""
    boxes: list[Box] = []
    page = 1
    current = Box([], [], page)
    for line, no in zip(lines, numbers, strict=True):
        text = line.replace("\f", "").strip()
        if "\f" in line:  # pdfminer's page break (where the reader has not dropped it as a control character)
            page += 1
        if not text:
            if current.lines:
                boxes.append(current)
            current = Box([], [], page)
            continue
        if not current.lines:
            current.page = page
        current.lines.append(text)
        current.numbers.append(no)
    if current.lines:
        boxes.append(current)
    return boxes


def _split_wide(boxes: list[Box], w: Widths) -> list[Box]:
    """A line wider than any column holds two cells printed on one baseline (「…3.9億円）に ・引き続き、…」):
    cut at the last space that leaves a part no wider than the results column, each part a box."""
    out: list[Box] = []
    for box in boxes:
        start = 0
        for i, (line, width) in enumerate(zip(box.lines, box.widths, strict=True)):
            cut = _two_cells(line, w.results + 1.5) if width > w.results + 1.5 else -1
            if cut < 0:
                continue
            out.append(Box(box.lines[start:i] + [line[:cut].rstrip()], box.numbers[start : i + 1], box.page))
            out.append(Box([line[cut:].strip()], [box.numbers[i]], box.page))
            start = i + 1
        if start < len(box.lines):
            out.append(Box(box.lines[start:], box.numbers[start:], box.page))
    return out


def _two_cells(line: str, limit: float) -> int:
    cuts = [m.start() for m in re.finditer(r"[ 　]+", line) if display_width(line[: m.start()]) <= limit]
    return cuts[-1] if cuts and cuts[-1] > 0 else -1


def _take_header(boxes: list[Box]) -> tuple[tuple[str, int], list[Box], list[Box]]:
    """The header cells (repeated on each page) out of the boxes, the first page's joined on one line;
    also what is printed before the header (a title, a mark)."""
    parts: list[str] = []
    number = 0
    before: list[Box] = []
    rest: list[Box] = []
    pages = 0  # a header repeated on a page (the form feed is dropped as a control character)
    for box in boxes:
        cells = len(box.lines) <= 2 and all(HEADER_CELL_RE.match(x) for x in box.lines)
        if cells and (not parts or not rest):
            parts += box.lines
            number = number or box.numbers[0]
        elif cells:
            pages += box.lines[0].startswith("該当箇所")
        else:
            box.page += pages
            (rest if parts else before).append(box)
    return (" ".join(parts), number), before, rest


def estimate_widths(boxes: list[Box]) -> Widths:
    """Each column's full-line width, from the text: descriptions are the boxes with a ministry tag,
    results and plans the boxes starting with a bullet (two widths, the wider the results)."""
    desc: Counter[int] = Counter()
    bullets: Counter[int] = Counter()
    for box in boxes:
        inner = box.widths[:-1]
        if has_tag(box):
            desc.update(round(w) for w in inner)
        elif is_bullet_start(box.lines[0]):
            bullets.update(round(w) for w in inner)
    d = _mode(desc, set())
    a = _mode(bullets, set())
    b = _mode(bullets, {w for w in bullets if abs(w - a) <= 5}) if a else 0
    if not (d and a and b):
        raise BoxesError("too few full lines to tell the columns' widths apart")
    return Widths(float(d), float(max(a, b)), float(min(a, b)))


def _mode(counts: Counter[int], skip: set[int]) -> int:
    """The widest width of the most common cluster (±1 cell), ignoring SKIP; 0 if too few lines."""
    best, score = 0, 0
    for w in counts:
        if w in skip or w < 16:
            continue
        s = counts[w - 1] + counts[w] + counts[w + 1]
        if s > score or (s == score and w > best):
            best, score = w, s
    if score < MIN_LINES:
        return 0
    return max(w for w in (best - 1, best, best + 1) if counts[w] and w not in skip)


def _emit_row(row: Row, out: list[str], nums: list[int], warnings: list[ParseWarning]) -> None:
    """One row in the blocked layout: [title] description［tag］, blank, results, blank, plans, blank."""
    desc = row.desc
    start = desc.numbers[0]
    lines, numbers = list(desc.lines), list(desc.numbers)
    head = ([lines.pop(0)], [numbers.pop(0)]) if row.title else ([], [])
    body_lines, body_numbers = _merge_breaks(lines, numbers)
    out += head[0] + body_lines
    nums += head[1] + body_numbers
    if row.doubts:
        more = f" (and {len(row.doubts) - 2} more)" if len(row.doubts) > 2 else ""
        warnings.append(ParseWarning("layout-boxes-row", f"row at line {start}: placed from weak evidence: "
                                     + "; ".join(row.doubts[:2]) + more + "; its results or plans may hold text "
                                     "of the row before or after it: check them against the PDF", 0, start))
    missing = [c for c in (RESULTS, PLANS) if c not in row.cells and not row.note]
    if missing:
        warnings.append(ParseWarning("layout-boxes-missing", f"row at line {start}: no {' or '.join(missing)} "
                                     "box found for it; its columns may be incomplete", 0, start))
    if row.closed:
        out.append("")
        nums.append(0)
        if row.items is not None:  # 「①\t…」, as the text reader reads a description's items
            out += [ITEM_RE.sub(lambda m: m.group(1) + "\t", x) for x in row.items.lines] + [""]
            nums += [*row.items.numbers, 0]
    elif not row.title or body_lines:  # a title alone is followed by its results at once (「保険導入の…」)
        warnings.append(ParseWarning("layout-boxes-untagged", f"row at line {start}: a description without a "
                                     "ministry tag ［…］ cannot be told from the rows around it", 0, start))
    for column in (RESULTS, PLANS):
        cell = row.cells.get(column)
        if cell is None:
            continue
        lines, numbers = _asides(cell.lines, cell.numbers)
        if column == PLANS:
            lines, numbers = _narrow(lines, numbers)
        out += [*lines, ""]
        nums += [*numbers, 0]
    if row.office is not None:  # cited at the row's start: the office belongs to the row starting before it
        out += [*row.office.lines, ""]
        nums += [start] * len(row.office.lines) + [0]


def _asides(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """A lone 「（…）」 heads the bullets below it (「（アジア健康構想）」); with no bullet below it is the
    aside of the bullet above (「（令和6年12月までに累計62件）」), as the PDF reader reads it: joined to it."""
    out: list[str] = []
    nums: list[int] = []
    for i, (line, no) in enumerate(zip(lines, numbers, strict=True)):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if out and LONE_PAREN_RE.match(line) and not (nxt.startswith(("・", "○")) or ITEM_RE.match(nxt)):
            out[-1] += line
            continue
        out.append(line)
        nums.append(no)
    return out, nums


def _merge_breaks(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """Description lines that would read as a block's end (a short 「…。」, a bullet, a tag) inside a
    description are joined to the next line, so the text reader keeps the description whole."""
    out: list[str] = []
    nums: list[int] = []
    for i, (line, no) in enumerate(zip(lines, numbers, strict=True)):
        if out and i < len(lines) and _breaks(out[-1]) and "］" not in out[-1]:
            out[-1] += line
            continue
        if out and is_bullet_start(line):
            out[-1] += line
            continue
        out.append(line)
        nums.append(no)
    return out, nums


def _breaks(line: str) -> bool:
    return is_bullet_start(line) or (line.endswith("。") and display_width(line) <= NARROW)


def _narrow(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """Plans lines no wider than the text reader's plans column (NARROW): a wider plans column is cut,
    each piece citing its line (joining the pieces gives the same text)."""
    out: list[str] = []
    nums: list[int] = []
    for line, no in zip(lines, numbers, strict=True):
        while display_width(line) > NARROW:
            cut = _cut_at(line, NARROW)
            out.append(line[:cut])
            nums.append(no)
            line = line[cut:]
        out.append(line)
        nums.append(no)
    return out, nums


def _cut_at(line: str, width: float) -> int:
    total = 0.0
    cut = 0
    for i, ch in enumerate(line):
        total += display_width(ch)
        if total > width:
            break
        cut = i + 1
    while cut > 1 and line[cut - 1].isascii() and line[cut].isascii() and line[cut - 1].isalpha():
        cut -= 1  # never between two letters of a word: the reader would join them with a space
    return cut
