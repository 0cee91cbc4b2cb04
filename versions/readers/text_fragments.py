"""Reader for pdfminer's text where every box is one line: the table's pieces in visual line order.

Where a table's lines are set far apart, pdfminer makes each line of each cell a box of its own and
prints the boxes top to bottom, each visual line's pieces left to right (blank columns print none).
Box widths then tell nothing of cells (text_boxes.py reads boxes of whole cells), but the pieces' order
and widths tell the table: which pieces share a visual line and which column each belongs to is read
by frag_reading.py from how cells sit (top-aligned, lines consecutive), each column's full width
(learnt here from the text: the widths its lines print most often, tried against the order), and the
report's wording (a tag ［…］ ends a description, a bullet 「・」 opens a result or a plan).
The header tells the columns' order (its cells are printed as boxes of their own, in the page's order;
「担当」 first or last). A page's header, its number, a running title and pdfminer's form feed are page
breaks, where a row may go on. Each row is handed on as cells (description, results, plans, 担当),
every line citing its source line; rows read from weak evidence are named in warnings
('layout-fragments-row'), never silently guessed; a text whose pieces admit no reading is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import permutations

from ..model.edition import ParseWarning
from ..model.normalize import display_width
from .frag_offices import office_pieces, office_rows
from .frag_reading import DOUBT, INF, OVERRUN, Piece, Reading, ReadRow, read_pieces
from .geometry import DESCRIPTION, FULL_MARGIN, OFFICE, PLANS, RESULTS, Geometry
from .table import Cell, Line, Row, Table
from .vocabulary import (
    CELL_END,
    HEADER_START,
    HIDDEN_LABEL_RE,
    OFFICE_HEADER,
    OFFICE_MAX,
    PLANS_LABEL_RE,
    RESULTS_LABEL_RE,
    TAG_RE,
    is_heading,
    is_page_number,
)

# A space between two Japanese characters parts two cells that pdfminer put in one box (Japanese has no spaces)
CELLS_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=\S) (?=・)")
ONE_LINE_SHARE = 0.9  # boxes of one line among a text's boxes: pdfminer printed the table piece by piece
WRAPPED_LABEL_RE = re.compile(r"(?:^|\s)列(?=\s|$)")  # a label wrapped: its digit printed apart
TITLE_LINES = 3  # the most lines a title wraps over
HEADER_PIECES = 12  # pieces around 「該当箇所」 where the header's cells print
TITLE_PIECES = 2  # pieces of a document title printed among the header's cells
ABOVE_MAX = 2  # pieces of a document title printed between the header and the first heading
MIN_WIDTH = 12  # cells: no column's full lines are narrower
WIDTH_CANDIDATES = 4  # the commonest widths tried as a column's full width
MIN_COUNT = 5  # pieces of one width for it to be a candidate
PEAK_SHOULDER = 3  # a width printed a third as often as the peak next to it is the column's full width
WEAK_SHARE = 0.5  # rows doubted from which every row and heading of a reading is named
MARGIN = 1.5  # a piece whose next likeliest column costs the reading less than this more is doubted
SEARCH_ROUNDS = 1  # rounds of changing one column's width at a time
PREFIX = 200  # pieces the candidate widths and orders are weighed on (a layout is uniform)
FRAGMENTS_WARNING = ("the text is pdfminer's boxes of one line each (layout 'fragmented'): which column each "
                     "line belongs to and where rows end were read from the lines' order and widths; the rows "
                     "named in 'layout-fragments-row' warnings may hold text of the row before or after them: "
                     "read the PDF to be sure")


class FragmentsError(ValueError):
    """The pieces admit no reading as a table's visual lines."""


def one_line_boxes(lines: list[str]) -> bool:
    """Nearly every box (lines between blank lines) is one line: the shape this reader reads."""
    boxes = ones = 0
    size = 0
    for line in lines + [""]:
        if line.strip():
            size += 1
            continue
        if size:
            boxes += 1
            ones += size == 1
        size = 0
    return boxes > 20 and ones >= ONE_LINE_SHARE * boxes


def read_fragments(lines: list[str], numbers: list[int], feeds: frozenset[int] = frozenset()) -> Table:
    """The rows of one-line boxes (LINES with their source line numbers; FEEDS: the lines a form feed
    starts, each a new page)."""
    texts, nos, pages = _pieces(lines, numbers, feeds)
    start, end, labels, skipped = _header(texts)
    if start < 0:
        raise FragmentsError("no header cell 「該当箇所」 before the table's pieces")
    # (the grammar takes a text header's labels for the cells' order: cells are handed on in the report's)
    roles_printed = _roles_of(labels)
    header = " ".join(label for role in (DESCRIPTION, RESULTS, PLANS, OFFICE) for label, r in
                      zip(labels, roles_printed, strict=True) if r == role)
    body = list(range(end, len(texts)))
    first_heading = next((i for i in body[:ABOVE_MAX + 1] if is_heading(texts[i])), None)
    outside = [texts[i] for i in range(end, first_heading)] if first_heading is not None else []
    body = body[len(outside):]
    outside = [texts[i] for i in skipped] + outside
    pieces, where = [], []
    last_page = pages[body[0]] if body else 1
    widest = max(_candidates([Piece(texts[i], display_width(texts[i])) for i in body]), default=0.0) + OVERRUN
    for i in body:
        if pages[i] != last_page:  # pdfminer's form feed: a page break, where a row may go on
            pieces.append(Piece("", 0.0, "break"))
            where.append(i)
            last_page = pages[i]
        width = display_width(texts[i])
        for part in CELLS_SPACE_RE.split(texts[i]) if width > widest else [texts[i]]:
            pieces.append(Piece(part.strip(), display_width(part.strip()), _kind(part.strip())))  # two cells
            where.append(i)  # on one baseline, in one box
    pieces, where = _labels_first(pieces, where)
    names = office_pieces(pieces) if OFFICE in roles_printed else []
    taken = {q for name in names for q in name}
    kept = [q for q in range(len(pieces)) if q not in taken]  # (the offices' lines read apart: frag_offices.py)
    roles, widths, reading = _best_reading([pieces[q] for q in kept], labels, office=not names)
    if reading.cost == INF:
        raise FragmentsError("no reading of the pieces as visual lines of the table's columns")
    geometry = Geometry.from_widths(*(widths[roles.index(r)] for r in (DESCRIPTION, RESULTS, PLANS)))
    warnings = [ParseWarning("layout-fragments", FRAGMENTS_WARNING, 0, 0)]
    rows = [Row([Cell([Line(nos[start], 1, header, header)])])]
    row_of = {kept[q]: r for r, item in enumerate(reading.items) if isinstance(item, ReadRow)
              for qs in item.columns.values() for q in qs}
    first = OFFICE in roles_printed and roles_printed.index(OFFICE) < roles_printed.index(DESCRIPTION)
    offices, unsure = office_rows(names, row_of, first)
    line_of = {q: (pieces[q].text, nos[where[q]], pages[where[q]]) for q in range(len(pieces))}
    doubts = {r: r in unsure or item.cost >= DOUBT or any(reading.margins.get(q, INF) < MARGIN
                                                         for qs in item.columns.values() for q in qs)
              for r, item in enumerate(reading.items) if isinstance(item, ReadRow)}
    weak = sum(doubts.values()) >= WEAK_SHARE * max(1, len(doubts))
    for r, item in enumerate(reading.items):
        if isinstance(item, int):
            i = where[kept[item]]
            rows.append(Row([Cell([Line(nos[i], pages[i], texts[i], texts[i])])]))
            if weak:  # a row lost next to it, or a note of its own read as a row, would be named by no row
                warnings.append(ParseWarning("layout-fragments-row", f"heading at line {nos[i]}: read among rows "
                                             "mostly placed from weak evidence: a row next to it may be lost", pages[i],
                                             nos[i]))  # its own page, as text_boxes: not the row before's
            continue
        lines = {roles[c]: [line_of[kept[q]] for q in qs] for c, qs in item.columns.items()}
        if names:
            lines[OFFICE] = [line_of[q] for q in offices.get(r, [])]
        why = ("a piece reads about as well in another column, or a cell ends without its tag or sentence end"
               if doubts[r] else
               "read among rows mostly placed from weak evidence, so no row of this reading is sure")
        rows.append(_row(lines, doubts[r] or weak, why, widths, roles, OFFICE in roles_printed, warnings))
    return Table(rows, "fragments", geometry, warnings, outside=outside)


def _labels_first(pieces: list[Piece], where: list[int]) -> tuple[list[Piece], list[int]]:
    """A page's header repeated above a row pdfminer may print cell by cell with the row's first line, each
    label then the piece under it (dev 3023: 「該当箇所」 「AI研究開発に必要な人材の育成」 「令和６年度の実績・状況」
    「令和５年度に事業終了」 「令和７年度の取組予定」 「後継事業の予定無し」): a piece between two of the header's labels
    goes after them, the labels' order and the pieces' kept (the row's first visual line, in column order)."""
    label = [x.kind == "break" and _is_header_piece(x.text) for x in pieces]
    labels = [max(1, len(_labels_of(x.text))) if is_label else 0 for x, is_label in zip(pieces, label, strict=True)]
    order = list(range(len(pieces)))
    q = 0
    while q < len(pieces):
        if not label[q]:
            q += 1
            continue
        end = q  # the last label of a run of labels with at most two pieces between them, no more pieces in
        while True:  # all than labels (h5300 5311: 「該当箇所」 「列1 列2 列3 令和６年度の実績・状況」 「AI研究開発に…」
            nxt = next((j for j in (end + 1, end + 2, end + 3) if j < len(pieces) and label[j]), -1)  # 「令和５年度に
            between = range(end + 1, nxt)  # 事業終了」 「令和７年度の取組予定」 「後継事業の予定無し」: the first label's
            cells = sum(1 for k in range(q, nxt) if not label[k])  # piece after the second)
            if nxt < 0 or not all(pieces[k].kind == "cell" for k in between) or cells >= sum(labels[q : nxt + 1]):
                break
            end = nxt
        if end > q:
            span = range(q, end + 1)
            order[q : end + 1] = [k for k in span if label[k]] + [k for k in span if not label[k]]
        q = end + 1
    return [pieces[k] for k in order], [where[k] for k in order]


def _pieces(lines: list[str], numbers: list[int], feeds: frozenset[int]) -> tuple[list[str], list[int], list[int]]:
    texts, nos, pages = [], [], []
    page = 1
    for line, no in zip(lines, numbers, strict=True):
        if no in feeds or "\f" in line:
            page += 1
        text = line.replace("\f", "").strip()
        if text:
            texts.append(text)
            nos.append(no)
            pages.append(page)
    return texts, nos, pages


def _labels_of(text: str) -> list[tuple[int, str]]:
    """The header labels TEXT holds, with their positions; [] if it holds anything else."""
    found = []
    rest = WRAPPED_LABEL_RE.sub(" ", HIDDEN_LABEL_RE.sub(" ", text))  # (「担当 列1 列2 列」 / 「3」: a label wrapped)
    for role, finder in ((DESCRIPTION, lambda x: x.find(HEADER_START)), (RESULTS, lambda x: _at(RESULTS_LABEL_RE, x)),
                         (PLANS, lambda x: _at(PLANS_LABEL_RE, x)), (OFFICE, lambda x: _office_at(x))):
        at = finder(rest)
        if at >= 0:
            found.append((at, role))
    left = rest
    for word in (HEADER_START, OFFICE_HEADER):
        left = left.replace(word, " ")
    left = RESULTS_LABEL_RE.sub(" ", PLANS_LABEL_RE.sub(" ", left))
    if left.strip() and not left.strip().isdigit():
        return []
    return sorted(found)


def _at(pattern, text: str) -> int:
    m = pattern.search(text)
    return m.start() if m else -1


def _office_at(text: str) -> int:
    words = text.split()
    return text.find(OFFICE_HEADER) if OFFICE_HEADER in words else -1


def _is_header_piece(text: str) -> bool:
    return bool(_labels_of(text)) or bool(HIDDEN_LABEL_RE.sub("", text).strip() == "" and text.strip())


def _header(texts: list[str]) -> tuple[int, int, list[str], list[int]]:
    """The first header's pieces: (its first index, the index after it, its labels in printed order, the
    pieces among them that are no header cell: the document's title printed between its cells)."""
    at = next((i for i, x in enumerate(texts[:200]) if HEADER_START in x and _labels_of(x)), -1)
    if at < 0:
        return -1, -1, [], []
    start = at
    while start > 0 and at - start < HEADER_PIECES and _is_header_piece(texts[start - 1]):
        start -= 1
    end = at + 1
    skipped: list[int] = []
    while end < len(texts) and end - start < HEADER_PIECES:
        if _is_header_piece(texts[end]) or texts[end].isdigit():
            end += 1
            continue
        more = next((j for j in range(end + 1, min(end + 1 + TITLE_PIECES, len(texts))) if _labels_of(texts[j])), 0)
        if not more or is_heading(texts[end]):
            break
        skipped += range(end, more)
        end = more
    roles = [role for i in range(start, end) for _, role in _labels_of(texts[i])]
    names = {DESCRIPTION: HEADER_START, OFFICE: OFFICE_HEADER}
    labels = []
    for role in dict.fromkeys(roles):
        if role in names:
            labels.append(names[role])
        else:
            pattern = RESULTS_LABEL_RE if role == RESULTS else PLANS_LABEL_RE
            labels.append(next(m.group(0) for i in range(start, end) if (m := pattern.search(texts[i]))))
    return start, end, labels, skipped


def _kind(text: str) -> str:
    if is_heading(text):
        return "heading"
    if is_page_number(text) or _is_header_piece(text):
        return "break"
    return "cell"


def _roles_of(labels: list[str]) -> tuple[str, ...]:
    out = []
    for label in labels:
        if label == HEADER_START:
            out.append(DESCRIPTION)
        elif label == OFFICE_HEADER:
            out.append(OFFICE)
        elif RESULTS_LABEL_RE.search(label):
            out.append(RESULTS)
        elif PLANS_LABEL_RE.search(label):
            out.append(PLANS)
    return tuple(out)


def _order(labels: list[str]) -> tuple[str, ...]:
    """The columns in the header's printed order (pdfminer prints a page's header cells left to right);
    the report's order where the header does not name results and plans."""
    printed = _roles_of(labels)
    main = tuple(r for r in printed if r != OFFICE)
    if set(main) != {DESCRIPTION, RESULTS, PLANS}:
        main = (DESCRIPTION, RESULTS, PLANS)
    if OFFICE not in printed:
        return main
    return (OFFICE,) + main if printed.index(OFFICE) < printed.index(DESCRIPTION) else main + (OFFICE,)


def _candidates(pieces: list[Piece]) -> list[float]:
    """The widths a column's full lines may have: the peaks of the pieces' widths (a width printed at least
    as often as both its neighbours), commonest first, each moved to the next width where that one is
    printed often too (full lines stop a cell short where a mark may not start the next line)."""
    counts = Counter(round(p.width) for p in pieces if p.kind == "cell" and p.width >= MIN_WIDTH)
    peaks = sorted((w for w in counts if counts[w] >= MIN_COUNT and counts[w] >= counts[w - 1]
                    and counts[w] >= counts[w + 1]), key=lambda w: -counts[w])
    out = [float(w + 1 if counts[w + 1] * PEAK_SHOULDER >= counts[w] else w) for w in peaks]
    return out[:WIDTH_CANDIDATES]


def _best_reading(pieces: list[Piece], labels: list[str], office: bool = True
                  ) -> tuple[tuple[str, ...], tuple[float, ...], Reading]:
    """The cheapest reading over the candidate widths (weighed on the text's first pieces); OFFICE: the
    「担当」 column is read with the others (where its lines were not told apart first)."""
    candidates = _candidates(pieces)
    if not candidates:
        raise FragmentsError("too few lines of one width to tell any column's full width")
    roles = tuple(r for r in _order(labels) if office or r != OFFICE)
    main = [r for r in roles if r != OFFICE]
    costs: dict[tuple[float, ...], float] = {}

    def cost(combo: tuple[float, ...]) -> float:
        if combo not in costs:
            given = dict(zip(main, combo, strict=True))
            try:
                costs[combo] = read_pieces(pieces, roles, tuple(given.get(r, OFFICE_MAX) for r in roles), PREFIX,
                                           blocks=False).cost
            except ValueError:
                costs[combo] = INF
        return costs[combo]

    # every column as wide as one candidate, then each column's width changed alone while that is cheaper
    starts = [(w,) * len(main) for w in candidates] + list(permutations(candidates[:len(main)]))
    best = min((x for x in starts if len(x) == len(main)), key=cost)
    for _ in range(SEARCH_ROUNDS):
        for k in range(len(main)):
            best = min((best[:k] + (w,) + best[k + 1:] for w in candidates), key=cost)
    if cost(best) == INF:
        raise FragmentsError("no reading of the first pieces fits any of the widths they print most often")
    given = dict(zip(main, best, strict=True))
    widths = tuple(given.get(r, OFFICE_MAX) for r in roles)
    try:
        pairs = frozenset(x.text[i:i + 2] for x in pieces if x.kind == "cell" for i in range(len(x.text) - 1))
        return roles, widths, read_pieces(pieces, roles, widths, margins=True, pairs=pairs)
    except ValueError:
        raise FragmentsError("no reading of the pieces as visual lines of the table's columns") from None


def _title(desc: list[Line]) -> int | None:
    """How many of a description's first lines are its title: its first paragraph (up to its first line
    short of the column), where that is no sentence and the description goes on after it; None (the
    grammar tells it) where the lines do not say. A title may run to nearly the column's width (a widest
    title is no wider than TITLE_MAX cells on the sample's page, but a narrow column is narrower)."""
    for k, line in enumerate(desc[:TITLE_LINES]):
        if line.slack is not None and line.slack > FULL_MARGIN:
            text = line.text
            if k + 1 < len(desc) and not text.endswith(CELL_END) and "。" not in text and not TAG_RE.search(text):
                return k + 1
            return None
    return None


def _row(lines: dict[str, list[tuple[str, int, int]]], doubted: bool, why: str, widths: tuple[float, ...],
         roles: tuple[str, ...], office: bool, warnings: list[ParseWarning]) -> Row:
    """One row's cells in the report's order (description, results, plans [, 担当]), every line citing its
    source line; a row read from weak evidence (DOUBTED, WHY) named."""
    # (the row is named at its description's first line, where the grammar starts its measure: an office,
    # a result printed before it would name the row before)
    start = lines[DESCRIPTION][0][1] if lines.get(DESCRIPTION) else \
        min((x[0][1] for role, x in lines.items() if x and role != OFFICE), default=0)
    if doubted:
        warnings.append(ParseWarning("layout-fragments-row", f"row at line {start}: its pieces' columns were read "
                                     f"from weak evidence ({why}): check it against the PDF", 0, start))
    full = widths[roles.index(DESCRIPTION)]
    desc = [Line(no, page, text, text, slack=full - Piece(text, display_width(text)).reach)
            for text, no, page in lines.get(DESCRIPTION, [])]
    cells = [Cell(desc, title=_title(desc))] + [Cell([Line(no, page, text, text) for text, no, page in
                                                       lines.get(role, [])]) for role in (RESULTS, PLANS)]
    if office:
        parts = lines.get(OFFICE, [])
        cells.append(Cell([Line(parts[0][1], parts[0][2], "".join(x[0] for x in parts))] if parts else []))
    return Row(cells)
