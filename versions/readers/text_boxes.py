"""Reader for pdfminer.six's text boxes: a table printed box by box, out of row order, rebuilt into rows.

pdfminer groups a table's lines into text boxes (lines of one cell, or a piece of one) and prints them
one after another, separated by blank lines, in an order that runs roughly top to bottom but mixes the
columns: Chromium's PDFs nearly line by line across the columns, reportlab's cell by cell, sometimes a
page's descriptions before their results. Nothing says which column a box came from, so it is read
from the text itself:
- each column has its own full-line width (about 54 / 60 / 40 cells in the bundled sample, other widths
  in other PDFs): estimated from the boxes that a ministry tag ［…］ marks as descriptions and from the
  boxes that start with a bullet 「・」, results told from plans by how they end (「…した。」 / 「…予定。」):
  the two may be equally wide, and where they are their wording alone tells them apart;
- a ministry tag closes a description, a short first line is a title, 「・」 starts a results or plans
  bullet, a vision （１） or goal 【…】 spans the table;
- a box that starts mid-sentence continues a cell left open by a full line without a sentence end;
  which one, when several are open, the next boxes whose widths tell their column show (a bullet there
  closes its column's sentence), else the columns' alternation across a row.
Descriptions start rows; each column's cells are taken in row order, a new one only once its row's
description has been printed (a repeated page header marks a page break: the row it cut takes the
first boxes after it). The 「担当」 offices go to the rows in printed order. Each row is handed on as
cells, every line citing its source line. What cannot be placed with confidence is named in a
ParseWarning ("layout-…"), never put silently into a column; where half the rows or more could only be
placed so, every row is named (the header's cells, in whatever boxes they fall: box_header.py; a
column's cells shifted by a row, named on every row between: box_shifts.py).
"""


from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model.edition import ParseWarning
from ..model.normalize import display_width
from .box_columns import line_wording
from .box_cuts import cut_boxes
from .box_header import office_first, take_header
from .box_offices import join_office_pieces, split_offices
from .box_rows import place_boxes
from .box_state import ITEM_RE, PLANS, RESULTS, Box, closes_tag, has_tag, is_full, span, spanning
from .box_state import Row as BoxRow
from .geometry import FULL_MARGIN, TITLE_MARGIN, Geometry
from .table import Cell, Line, Row, Table
from .vocabulary import HEADER_START, OFFICE_HEADER_RE, TITLE_MAX, is_bullet_start, is_heading

MIN_LINES = 8  # full lines needed to estimate a column's width
WEAK_SHARE = 0.5  # rows placed from weak evidence from which every row of a reading is named
# a gap between two cells of one baseline: spaces, unless both sides are latin (「First in Human」)
CELL_GAP_RE = re.compile(r"(?<![A-Za-z0-9])[ 　]+|[ 　]+(?![A-Za-z0-9])")
TAG_THEN_BULLET_RE = re.compile(r"］[ 　]+(?=・)")  # 「…取り組む。［◎厚、◎経］ ・「優れた…」: two cells on one baseline
ABOVE_MAX = 2  # lines of a document title printed between the header and the table's first heading


BOXES_WARNING = ("the text is pdfminer's text boxes, printed out of row order (layout 'fragmented' or "
                 "'out-of-order'): rows and columns were rebuilt from the boxes' widths and order; the rows named "
                 "in 'layout-boxes-row' warnings may hold text of the row before or after them: read the PDF to be sure")


class BoxesError(ValueError):
    """The boxes do not show the columns' widths: the text cannot be read as pdfminer's boxes."""


def read_boxes(lines: list[str], numbers: list[int], order: tuple[str, ...] = ()) -> Table:
    """The rows of pdfminer's text boxes (lines with their source line numbers), with what was unsure
    (ORDER: the columns as a header line prints them, where one does: plans may come before results)."""
    boxes = header_boxes = _boxes(lines, numbers)
    header, before, boxes = take_header(boxes)
    boxes, above = _above_table(cut_boxes(boxes))
    before += above
    if not header[0].startswith(HEADER_START):
        raise BoxesError("no header cell 「該当箇所」 before the table's boxes")
    widths = estimate_widths(boxes)
    boxes = _split_wide(boxes, widths)
    office = OFFICE_HEADER_RE.search(header[0]) is not None
    if office:
        boxes = join_office_pieces(split_offices(boxes))
    title_max = min(TITLE_MAX, widths.description - TITLE_MARGIN)
    cells = (PLANS, RESULTS) if RESULTS in order and PLANS in order and order.index(PLANS) < order.index(RESULTS) \
        else (RESULTS, PLANS)
    first = office and office_first(header_boxes)
    items, warnings = place_boxes(boxes, widths, title_max, office, cells, office_last=order[-1:] == ("office",)
                                  and not first, office_first=first)
    weak = _check_evidence([item for item in items if isinstance(item, BoxRow) and not item.note])
    for box in before:
        warnings.append(ParseWarning("layout-boxes-unplaced", f"lines {span(box)}: text printed before "
                                     "the table's header; left out", 0, box.numbers[0]))
    warnings.insert(0, ParseWarning("layout-boxes", BOXES_WARNING, 0, 0))
    rows = [Row([Cell([Line(header[1], 1, header[0], header[0])])])]
    pages = {no: box.page for box in boxes for no in box.numbers}  # each source line's page
    for k, item in enumerate(items):
        if isinstance(item, Box):  # a vision or goal spanning the table
            if weak or _between_doubts(items, k) or _inside_row(items, k):  # a row lost next to it would be named by no row's warning
                # its own page: left to the row before, a heading first on a page was cited on the page before
                warnings.append(ParseWarning("layout-boxes-row", f"heading at line {item.numbers[0]}: read among "
                                             "rows mostly placed from weak evidence: a row next to it may be lost",
                                             item.page, item.numbers[0]))
            rows.append(Row([Cell([Line(no, item.page, x, x) for x, no in zip(item.lines, item.numbers, strict=True)])]))
        else:
            rows.append(_row(item, pages, warnings, widths))
    geometry = replace(widths, title_max=widths.description - FULL_MARGIN)
    return Table(rows, "boxes", geometry, warnings, outside=[x for box in before for x in box.lines])


def _between_doubts(items: list[BoxRow | Box], k: int) -> bool:
    """Is the heading at K between two rows both placed from weak evidence (seen 4705: the rows around two
    goals misread, a vision lost between them)? Rows misread on both sides of it may have taken its place."""
    before = next((x for x in reversed(items[:k]) if isinstance(x, BoxRow)), None)
    after = next((x for x in items[k + 1 :] if isinstance(x, BoxRow)), None)
    return before is not None and after is not None and bool(before.doubts) and bool(after.doubts)


def _inside_row(items: list[BoxRow | Box], k: int) -> bool:
    """Does the row read before the heading at K take description lines printed after it (h7000 7014: a
    result's line 「地域連携拠点には…として連」 read as a title above 【死の谷を…】, the description of the row
    below the goal read into it, that row's title into its plans, and the row lost under the goal)? A
    heading spans the table: every row above it is printed before it."""
    before = next((x for x in reversed(items[:k]) if isinstance(x, BoxRow)), None)
    line = items[k].numbers[0]
    return before is not None and before.desc.numbers[-1] > line


def _boxes(lines: list[str], numbers: list[int]) -> list[Box]:
    """LINES come folded (normalize.fold_extracted, once for every reader in text_layouts.prepare)."""
    boxes: list[Box] = []
    page = 1
    current = Box([], [], page)
    for line, no in zip(lines, numbers, strict=True):
        text = line.replace("\f", "").strip()
        if "\f" in line:  # pdfminer's page break, in lines not from text_layouts.prepare (which takes the feeds out:
            # the reader's rules read page-blind, text_layouts._paged)
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


def _check_evidence(rows: list[BoxRow]) -> bool:
    """Name every row of a reading whose rows were mostly placed from weak evidence: where half of them or
    more hold a cell told only by the boxes' order and heights (or none), the boxes did not show the
    table's rows, and the rows that differ then hide among the ones that look whole (dev 3078, seen 4214,
    4305, 4344: rows read wrong with no warning, in readings with 64-97% of their rows doubted). Such a
    reading is kept, each row named (the bundled PDFs' reportlab extractions read so), not refused; True
    if so (the headings are named then too: a row lost next to one is in no row)."""
    weak = sum(1 for row in rows if row.doubts or RESULTS not in row.cells or PLANS not in row.cells)
    if not rows or weak < WEAK_SHARE * len(rows):
        return False
    for row in rows:
        if not row.doubts:
            row.doubts.append(f"read among rows mostly placed from weak evidence ({weak} of {len(rows)}: the boxes' "
                              "order and heights only), so no row of this reading is sure")
    return True


def _above_table(boxes: list[Box]) -> tuple[list[Box], list[Box]]:
    """The table opens with a vision （１）… or a goal 【…】 spanning it: a line or two printed between the
    header and that first heading (the document's title, printed once after pdfminer's header boxes:
    「医療機器基本計画 重点的に取り組むべき施策の進捗状況」) is no row's text."""
    first = next((k for k, box in enumerate(boxes[:ABOVE_MAX + 1]) if spanning(box)), 0)
    above = boxes[:first]
    if any(has_tag(box) or len(box.lines) > 1 for box in above):
        return boxes, []
    return boxes[first:], above


def _split_wide(boxes: list[Box], w: Geometry) -> list[Box]:
    """A line wider than the results and plans columns may hold two cells printed on one baseline
    (「…3.9億円）に ・引き続き、…」): cut at the last gap that leaves a part no wider than the results column,
    each part a box. A line no wider than the description column is cut only before a bullet: it may be
    one of the description's full lines, with a space pdfminer prints after a latin word (「…ことでARO に
    必要な…」, dev 3036). A heading spanning the table (「【First in Human…】」) is never cut; headings boxed
    together are a box each (spanning the table, each is a row of its own)."""
    out: list[Box] = []
    widest = max(w.results, w.plans) + 1.5
    for box in boxes:
        if len(box.lines) > 1 and all(is_heading(x) for x in box.lines):  # headings boxed together (seen 4705:
            out += [Box([x], [no], box.page) for x, no in zip(box.lines, box.numbers, strict=True)]  # （３）…/【…】)
            continue
        start = 0
        for i, (line, width) in enumerate(zip(box.lines, box.widths, strict=True)):
            cut = -1
            if width > widest and not is_heading(line):
                cut = _two_cells(line, widest, bullet=width <= w.description + 1.5)
            if cut < 0:
                cut = _after_tag("".join(box.lines[start:i]), line)
            if cut < 0:
                continue
            out.append(Box(box.lines[start:i] + [line[:cut].rstrip()], box.numbers[start : i + 1], box.page))
            out += [Box([x], [box.numbers[i]], box.page) for x in _rest_cells(line[cut:].strip(), widest, w)]
            start = i + 1
        if start < len(box.lines):
            out.append(Box(box.lines[start:], box.numbers[start:], box.page))
    return out


def _rest_cells(rest: str, widest: float, w: Geometry) -> list[str]:
    """What follows a line's first cell, itself cut where still wider than any results or plans cell: three
    cells may share a baseline (dev 3082 line 672: a description's line, the results' first line 「…プラット
    フォームを通」 and the plans' 「・「国際機関の…事業」を」, the last two read as one results line, and the
    results' next line 「じた業界各社への…」 spliced after the plans' words)."""
    cuts = []
    while display_width(rest) > widest:
        cut = _two_cells(rest, widest, bullet=display_width(rest) <= w.description + 1.5)
        if cut < 0:
            break
        cuts.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    return [*cuts, rest]


def _after_tag(before: str, line: str) -> int:
    """Where LINE's second cell starts if a description's ministry tag closes on it and a bullet follows on
    the same baseline (seen 4213: 「…連携の促進に取り組む。［◎厚、◎経］ ・「優れた医療機器の創出に…」, a wide
    description's last line, wider than the results column, so not cut by width); -1 if not so."""
    m = TAG_THEN_BULLET_RE.search(line)
    if m is None:
        return -1
    text = before + line[: m.start() + 1]
    lead = "◎" in text[text.rfind("［") :]  # (every tag names its lead ministry ◎: 「［参考］」 is a description's words)
    return m.start() + 1 if lead and closes_tag(text) else -1


def _two_cells(line: str, limit: float, bullet: bool) -> int:
    """Where LINE's second cell starts: the last gap that leaves the first no wider than LIMIT, not between
    two latin words (「First in」), and, where BULLET, before a bullet 「・」 only; -1 if none."""
    cuts = [m.start() for m in CELL_GAP_RE.finditer(line) if display_width(line[: m.start()]) <= limit
            and not (bullet and not is_bullet_start(line[m.end():]))]
    return cuts[-1] if cuts and cuts[-1] > 0 else -1


def estimate_widths(boxes: list[Box]) -> Geometry:
    """Each column's full-line width, from the text: descriptions are the boxes with a ministry tag,
    results and plans the boxes starting with a bullet, told apart by how their last bullet ends (a result
    「…を実施した。」, a plan 「…を進める。」「…予定。」): their widths may be anything, the results' wider or
    narrower than the plans' or the same. Where the wording tells too few, two widths apart, the wider
    the results."""
    desc: Counter[int] = Counter()
    bullets: Counter[int] = Counter()
    worded: dict[str, Counter[int]] = {RESULTS: Counter(), PLANS: Counter()}
    for box in boxes:
        inner = [round(w) for w in box.widths[:-1]]
        if has_tag(box):
            desc.update(inner)
        elif is_bullet_start(box.lines[0]):
            bullets.update(inner)
            if said := line_wording(box.lines[-1]):
                worded[said].update(inner)
    d = _mode(desc, set())
    results, plans = _mode(worded[RESULTS], set()), _mode(worded[PLANS], set())
    if d and results and plans:
        return Geometry.from_widths(float(d), float(results), float(plans))
    a = _mode(bullets, set())
    b = _mode(bullets, {w for w in bullets if abs(w - a) <= 5}) if a else 0
    if not (d and a and b):
        raise BoxesError("too few full lines to tell the columns' widths apart")
    return Geometry.from_widths(float(d), float(max(a, b)), float(min(a, b)))


def _wrapped_title(row: BoxRow, widths: Geometry) -> bool:
    """Does the description open with a full line, then a short one ending no sentence, then more (seen 4536:
    「出口戦略を策定し、…能力を有する人材」 / 「（コーディネート人材）の育成」 / 「臨床現場の…」)? A title wrapped
    so is told from a paragraph by its words only, downstream; the row is named either way."""
    lines = row.desc.lines
    if row.title or len(lines) < 3 or has_tag(Box(lines[:2], row.desc.numbers[:2])):
        return False
    first, second = display_width(lines[0]), display_width(lines[1])
    return is_full(first, widths.description) and second < widths.description - TITLE_MARGIN \
        and not lines[1].endswith(("。", "、")) and not lines[0].endswith(("。", "、"))


def _mode(counts: Counter[int], skip: set[int]) -> int:
    """The widest width of the most common cluster (±1 cell), ignoring SKIP; 0 if too few lines."""
    best, score = 0, 0
    for w in counts:
        if w in skip or w < 10:
            continue
        s = counts[w - 1] + counts[w] + counts[w + 1]
        if s > score or (s == score and w > best):
            best, score = w, s
    if score < MIN_LINES:
        return 0
    return max(w for w in (best - 1, best, best + 1) if counts[w] and w not in skip)


def _row(row: BoxRow, pages: dict[int, int], warnings: list[ParseWarning], widths: Geometry) -> Row:
    """One row's cells: [title] description［tag］ and its items, results, plans [, 担当]; each line with
    how far it stops short of its column's full width (a short line ends a title or a paragraph)."""
    desc = row.desc
    start = desc.numbers[0]
    if _wrapped_title(row, widths):
        row.doubts.append("its first two lines may be a title wrapped on two lines (a full line, then a short one "
                          "that ends no sentence): its title may have been read into its description")
    if row.doubts:
        more = f" (and {len(row.doubts) - 2} more)" if len(row.doubts) > 2 else ""
        warnings.append(ParseWarning("layout-boxes-row", f"row at line {start}: placed from weak evidence: "
                                     + "; ".join(row.doubts[:2]) + more + "; its results or plans may hold text "
                                     "of the row before or after it: check them against the PDF", 0, start))
    missing = [c for c in (RESULTS, PLANS) if c not in row.cells and not row.note]
    if missing:
        warnings.append(ParseWarning("layout-boxes-missing", f"row at line {start}: no {' or '.join(missing)} "
                                     "box found for it; its columns may be incomplete", 0, start))
    if not row.closed and (not row.title or len(desc.lines) > 1):  # a title alone is followed by its results
        warnings.append(ParseWarning("layout-boxes-untagged", f"row at line {start}: a description without a "
                                     "ministry tag ［…］ cannot be told from the rows around it", 0, start))
    lines = [Line(no, pages.get(no, 1), x, x, slack=widths.description - display_width(x))
             for x, no in zip(desc.lines, desc.numbers, strict=True)]
    if row.items is not None:  # 「①\t…」, as the sample prints a description's items
        lines += [Line(no, pages.get(no, 1), ITEM_RE.sub(lambda m: m.group(1) + "\t", x), x)
                  for x, no in zip(row.items.lines, row.items.numbers, strict=True)]
    cells = [Cell(lines)]
    for column in (RESULTS, PLANS):
        cell = row.cells.get(column)
        cells.append(Cell([] if cell is None else
                          [Line(no, pages.get(no, 1), x, x) for x, no in zip(cell.lines, cell.numbers, strict=True)]))
    if row.office is not None:  # cited at the row's start: the office belongs to the row starting before it
        cells.append(Cell([Line(start, pages.get(start, 1), "".join(row.office.lines))]))
    return Row(cells)

