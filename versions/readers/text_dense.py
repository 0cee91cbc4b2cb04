"""The 'dense' layout (pypdfium2): the table's cells one after another with no blank line between them.

What is left to go by is each line's width and the order the extractor printed them in. The three
columns wrap at three widths (description ~54, results ~60, plans ~40 cells in the sample; other
producers differ), so the widths are estimated from the text itself: the commonest widths of lines
that wrap. Each line is given a column; a row is a run of columns in order (title, description,
results, plans). A row cut by a page break comes back as two runs: the second one (the cut cells'
rest, printed after the page's header) is joined to the first, column by column. Each row is then
handed on as cells.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.normalize import display_width
from .geometry import FULL_MARGIN, Geometry, slack, wrapped
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .table import Cell, Line, LineNote, Row, Table, split_after_tag, split_mixed
from .vocabulary import (
    ITEM_HEAD_RE,
    is_bullet_start,
    is_header_text,
    is_heading,
    is_page_number,
    is_title_line,
)

SAMPLE_LINES = 4_000
ASCII_SLACK = 0.25  # cells a half-width character may be off in a proportional font
# Cells sharing a baseline are printed on one line, separated by one space: 「…推進した。 かした医療…」
PIECE_SPLIT_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=\S) (?=・)")
LONE_ASIDE_RE = re.compile(r"^[（(][^（）()]+[）)]$")
PAGE_LINES = 80  # more lines than a page of the table holds (A4 landscape, ~60 lines at 7 pt)
UNMARKED = ("the page header is printed only once, so page breaks are not marked in the text: where one cut a "
            "row, its parts were joined by their widths alone, and a short bullet at the top of a page may sit in "
            "the wrong column; read the PDF to be sure")
ORDER = {"T": 0, "D": 1, "I": 1, "R": 2, "P": 3}


def estimate_widths(lines: list[str]) -> Geometry | None:
    """The three commonest widths of lines that wrap (followed by a line that continues them)."""
    text = [x.strip() for x in lines[:SAMPLE_LINES]]
    wraps = [round(display_width(text[i])) for i in range(len(text) - 1)
               if text[i] and text[i + 1] and not is_bullet_start(text[i + 1]) and "］" not in text[i]
               and not text[i].endswith("。") and not is_header_text(text[i])]
    counts = Counter(wraps)
    peaks: list[int] = []
    for width, _ in counts.most_common():
        if all(abs(width - p) > 4 for p in peaks):
            peaks.append(width)
        if len(peaks) == 3:
            break
    if len(peaks) < 3 or counts[peaks[2]] < 10:
        return None
    plans, description, results = sorted(peaks)
    return Geometry.from_widths(float(description), float(results), float(plans))


@dataclass
class _Piece:
    text: str
    no: int
    part: int = 0  # 0: a whole line or its first cell; 1, 2: the next cells on the same baseline
    label: str = ""  # T title, D description, I description item, R results, P plans, H heading, B page header


@dataclass
class _Run:
    """One row's cells, or the part of them on one page."""

    pieces: dict[str, list[_Piece]] = field(default_factory=lambda: {k: [] for k in "TDIRP"})
    before: list[_Piece] = field(default_factory=list)  # page headers between the parts of a row
    after_break: bool = False

    def tagged(self) -> bool:
        return any("］" in p.text for p in self.pieces["D"])

    def empty(self, *labels: str) -> bool:
        return not any(self.pieces[k] for k in labels)


def _split(lines: list[str], numbers: list[int], widths: Geometry) -> list[_Piece]:
    """Lines wider than any column hold several cells on one baseline: one piece per cell."""
    out: list[_Piece] = []
    for line, no in zip(lines, numbers, strict=True):
        x = line.strip()
        if display_width(x) > widths.results + 4 and not is_header_text(x):
            parts = [p for p in PIECE_SPLIT_RE.split(x) if p]
            out += [_Piece(p, no, k) for k, p in enumerate(parts)]
        else:
            out.append(_Piece(x, no))
    return out


def _heading(x: str) -> str:
    if is_header_text(x):
        return "B"
    if is_heading(x) or is_page_number(x):
        return "H"
    return ""


class _Labeler:
    """Gives each piece its column, in one pass over the text with a little look-ahead.

    A line is results if wider than a plans line; after results, narrow lines are plans unless they
    end a results bullet that wrapped; after plans, a wide line starts the next row, or goes on with a
    results cell a page break cut mid-sentence. A line holding a ministry tag closes a description."""

    def __init__(self, pieces: list[_Piece], widths: Geometry, title_max: float):
        self.p = pieces
        self.w = widths
        self.title_max = title_max

    def width(self, k: int) -> float:
        return display_width(self.p[k].text)

    def full(self, k: int, column: float) -> bool:
        """Did line K wrap at COLUMN? Latin letters and digits print narrower or wider than half a cell
        in a proportional font, so each widens the margin."""
        text = self.p[k].text
        return self.width(k) >= column - FULL_MARGIN - ASCII_SLACK * sum(c.isascii() for c in text)

    def next_text(self, k: int) -> str:
        j = k + 1
        while j < len(self.p) and not self.p[j].text:
            j += 1
        return self.p[j].text if j < len(self.p) else ""

    def cut(self, k: int, column: float) -> bool:
        """Does line K (-1: none) end its cell mid-sentence: full, without a sentence end?"""
        return k >= 0 and self.full(k, column) and not self.p[k].text.endswith("。")

    def starts_row(self, k: int) -> bool:
        """A title over its description: a heading-like line, then a full description line (no bullet)."""
        x, nxt = self.p[k].text, self.next_text(k)
        if not is_title_line(x, self.title_max) or _heading(nxt):
            return False
        if is_bullet_start(nxt):  # 「保険導入の手引きの作成」: a title, no description, results at once
            before = next((self.p[j].text for j in range(k - 1, -1, -1) if self.p[j].text), "")
            return display_width(nxt) > self.w.narrow and before.endswith("。")
        return display_width(nxt) > self.w.narrow or "［" in nxt or "］" in nxt

    def run(self) -> None:
        prev = ""  # label of the last piece with text
        tagged = False  # has the current row's description closed with its tag?
        last_r = -1  # the row's last results piece
        prev_k = -1  # the last piece with text
        last_p = -1  # the row's last plans piece
        last_i = -1  # the row's last description item piece (① … after the tag)
        k = 0
        while k < len(self.p):
            piece = self.p[k]
            x = piece.text
            if not x:  # an office line taken out of the text: no column
                k += 1
                continue
            head = _heading(x)
            if head:
                piece.label = head
                if head == "H":
                    prev, tagged = "", False
                else:
                    prev = "B" if prev else ""
                k += 1
                continue
            w = display_width(x)
            bullet = is_bullet_start(x)
            if piece.part:  # the next cell on the same baseline: the next column
                label = {"T": "R", "D": "R", "I": "R", "R": "P", "P": "P", "": "R", "B": "R"}[prev]
            elif "［" in x or "］" in x:
                label = "D"
            elif prev in ("", "B"):
                if self.starts_row(k):
                    label = "T"
                elif prev == "B" and (ITEM_HEAD_RE.match(x) or self.cut(last_i, self.w.description)) and last_i >= 0:
                    label = "I"  # the description's items go on on the next page
                elif prev == "B" and tagged and not bullet and self.cut(last_r, self.w.results):
                    label = "R"  # the results cell was cut mid-bullet at the foot of the page before
                elif prev == "B" and (bullet or w > self.w.description + 1.5):
                    label = "R" if w > self.w.narrow else "P"
                elif prev == "B" and tagged and not bullet and self.cut(last_p, self.w.plans):
                    label = "P"
                else:
                    label = "D"
            elif prev == "T":
                label = "R" if bullet else "D"
            elif prev in ("D", "I") and tagged:
                if prev == "D" and self.starts_row(k):  # a row with a description only (a note ［担当省庁については…］)
                    label = "T"
                elif ITEM_HEAD_RE.match(x) or (prev == "I" and not bullet and w <= self.w.description + 1.5):
                    label = "I"
                elif not bullet and (last_r >= 0 or last_p >= 0):  # a description finished after a page break,
                    if self.cut(last_r, self.w.results):             # then the rest of a cell cut at its foot
                        label = "R"
                    elif self.cut(last_p, self.w.plans):
                        label = "P"
                    else:  # no cell was cut: the next row, untitled
                        label = "D"
                else:
                    label = "R"
            elif prev == "D":
                label = "R" if bullet else "D"
            elif prev == "R":
                if self.starts_row(k) and not self.cut(prev_k, self.w.results):
                    label = "T"
                elif w > self.w.narrow:
                    # A full description line that continues no cut results line: the next row, untitled.
                    untitled = not bullet and not self.cut(prev_k, self.w.results) \
                        and self.full(k, self.w.description) and w <= self.w.description + 1.5
                    label = "D" if untitled else "R"
                elif not bullet and last_r >= 0 and self.full(last_r, self.w.results):
                    label = "R"  # the last line of a results bullet
                elif bullet:
                    end = self._narrow_run(k)
                    last_r = max((i for i in range(k, end) if self.p[i].label == "R"), default=last_r)
                    last_p = max((i for i in range(k, end) if self.p[i].label == "P" and self.p[i].text),
                                 default=last_p)
                    prev, prev_k, k = self.p[end - 1].label, end - 1, end
                    continue
                else:
                    label = "P"
            else:  # prev == "P"
                if self.starts_row(k) and not (self.full(prev_k, self.w.plans)
                                               and not self.p[prev_k].text.endswith("。")):
                    label = "T"
                elif w <= self.w.narrow:
                    label = "P"
                elif bullet or self.full(k, self.w.results):
                    label = "R"
                elif not tagged and self.full(k, self.w.description) and w <= self.w.description + 1.5:
                    label = "D"  # the rest of a description cut by a page break (its tag still to come)
                elif last_r >= 0 and self.full(last_r, self.w.results) and not self.p[last_r].text.endswith("。"):
                    label = "R"  # the results cell cut by a page break goes on
                else:
                    label = "D"
            if ORDER[label] < ORDER.get(prev, -1) or label == "T":
                tagged = False
                last_r = last_p = last_i = -1
            piece.label = label
            if label == "D" and "］" in x:
                tagged = True
            if label == "R":
                last_r = k
            if label == "P":
                last_p = k
            if label == "I":
                last_i = k
            prev, prev_k = label, k
            k += 1

    def _narrow_run(self, k: int) -> int:
        """Narrow lines after results: the plans column, unless the results go on with short bullets.

        Plans start at the run's first line, or, where a line that is no bullet follows a line that did
        not wrap (a new cell: a column's paragraphs start with a bullet), at that line. A run followed by
        a wide bullet is results."""
        j = k
        while j < len(self.p) and self.p[j].text and not _heading(self.p[j].text) and not self.p[j].part \
                and display_width(self.p[j].text) <= self.w.narrow and "］" not in self.p[j].text \
                and "［" not in self.p[j].text and not (j > k and self.starts_row(j)):
            j += 1
        after = self.p[j].text if j < len(self.p) else ""
        start = k
        heads_group = j == k + 1 and is_bullet_start(after) and display_width(after) > self.w.narrow
        if LONE_ASIDE_RE.match(self.p[k].text) and k > 0 and self.full(k - 1, self.w.results) and not heads_group \
                and self.p[k - 1].text.endswith("。"):
            # 「（令和6年12月までに累計62件）」: the aside to a results sentence that filled its line, not a group
            # heading (which has bullets under it): back onto that line, as it would print on a wider column.
            self.p[k - 1].text += self.p[k].text
            self.p[k].text = ""
            start = k + 1
        for i in range(start + 1, j):
            if not is_bullet_start(self.p[i].text) and not self.full(i - 1, self.w.plans):
                start = i
                break
        if start == k and after and is_bullet_start(after) and display_width(after) > self.w.narrow:
            start = j
        for i in range(k, j):
            self.p[i].label = "R" if i < start else "P"
        return j


def _runs(pieces: list[_Piece]) -> list[_Run | _Piece]:
    """Cut the labelled pieces into runs of columns in order; headings stay between them."""
    out: list[_Run | _Piece] = []
    run: _Run | None = None
    prev = ""
    pending_break = False
    for piece in pieces:
        if not piece.text:
            continue
        if piece.label in ("H", "B"):
            out.append(piece)
            run, prev = None, ""
            pending_break = pending_break or piece.label == "B"
            if piece.label == "H":
                pending_break = False
            continue
        if run is None or ORDER[piece.label] < ORDER[prev] or piece.label == "T" or (
                piece.label == "D" and prev == "D" and run.tagged()):
            run = _Run(after_break=pending_break)
            out.append(run)
            pending_break = False
        run.pieces[piece.label].append(piece)
        prev = piece.label
    return out


def _merge(items: list[_Run | _Piece], widths: Geometry, notes: list[LineNote]) -> list[_Run | _Piece]:
    """Join the part of a row continued after a page break to the part before it."""
    out: list[_Run | _Piece] = []
    last: _Run | None = None
    between: list[_Piece] = []
    for item in items:
        if isinstance(item, _Piece):
            if item.label == "H":
                last = None
                out.extend(between)
                between = []
                out.append(item)
            else:
                between.append(item)
            continue
        cont = last is not None and item.empty("T") and (
            item.empty("D") or (not last.tagged() and not last.empty("T", "D") and item.tagged()))
        if cont and last is not None:
            _fold_ambiguous(last, item, widths, notes)
            last.before.extend(between)
            for key in "DIRP":
                last.pieces[key].extend(item.pieces[key])
        else:
            out.extend(between)
            out.append(item)
            last = item
        between = []
    out.extend(between)
    return out


def _fold_ambiguous(first: _Run, rest: _Run, widths: Geometry, notes: list[LineNote]) -> None:
    """A lone narrow block continuing a row after a page break continues the column that reached the
    bottom of the page: the one with more lines there. Neither width nor drawing order tells results from
    plans there, so the guess is reported; so is any row whose columns go on after the page break with a
    short bullet (a results bullet as short as a plans line)."""
    if not rest.after_break:
        return
    if not (rest.empty("R", "D", "I") and rest.pieces["P"]):
        top = min(rest.pieces["R"] + rest.pieces["P"], key=lambda p: (p.no, p.part), default=None)
        if top is not None and is_bullet_start(top.text) and display_width(top.text) <= widths.narrow:
            column = "results" if top in rest.pieces["R"] else "plans"
            notes.append(LineNote(top.no, "layout-page-break-column",
                              f"the short bullet continuing the row after the page break (source line {top.no}) "
                              f"was read as its {column}; the extraction does not say whether it continues the "
                              "results or the plans"))
        return
    moved = rest.pieces["P"]
    column = "plans"
    if len(first.pieces["R"]) > len(first.pieces["P"]):
        rest.pieces["R"], rest.pieces["P"] = moved, []
        column = "results"
    notes.append(LineNote(moved[0].no, "layout-page-break-column",
                      f"{len(moved)} narrow line(s) continuing the row after the page break (source lines "
                      f"{moved[0].no}-{moved[-1].no}) were read as its {column}, the column longer on the page "
                      "before; the extraction does not say whether they continue the results or the plans"))


def read_dense(lines: list[str], numbers: list[int]) -> Table | None:
    """The rows of a dense text (lines with their source line numbers); None when too few lines wrap to
    tell the columns' widths apart (the text is then read as the blocked layout)."""
    widths = estimate_widths(lines)
    if widths is None:
        return None
    pieces = _split(lines, numbers, widths)
    _Labeler(pieces, widths, widths.title_max).run()
    # A line's page counts the page headers above it in the source: a row's part moved up from the next
    # page keeps citing the page it was printed on.
    headers = sorted(p.no for p in pieces if p.label == "B")

    def line(piece: _Piece, item: bool = False) -> Line:
        page = max(bisect.bisect_right(headers, piece.no), 1)
        if not item:
            return Line(piece.no, page, piece.text, piece.text)
        text = ITEM_HEAD_RE.sub(r"\1\t", piece.text)  # 「①\t…」, as the sample prints an item
        return Line(piece.no, page, text, piece.text, slack=slack(display_width(text), wrapped(widths.description)))

    notes: list[LineNote] = []
    if sum(1 for p in pieces if p.label == "B") <= 1 and sum(1 for p in pieces if p.text) > PAGE_LINES:
        notes.append(LineNote(0, "layout-page-breaks-unmarked", UNMARKED))
    rows: list[Row] = []
    for item in _merge(_runs(pieces), widths, notes):
        if isinstance(item, _Piece):  # a page header, a heading, a page number: a row of its own
            rows.append(Row([Cell([line(item)])]))
            continue
        rows.append(_cells(item, line))
    return Table(rows, "dense", widths, notes=notes)


def _cells(run: _Run, line: Callable[..., Line]) -> Row:
    """A run's cells. Cells printed on one baseline share a line when it is no wider than a column: the
    rest of a line after the description's tag is its results' start, a line holding a result's end and
    a plan's start (「令和５年度に事業終了 後継事業の予定無し」) is parted, and what follows goes to the plans."""
    desc: list[Line] = []
    after_tag: list[Line] = []
    for x in [line(p) for key in "TD" for p in run.pieces[key]]:
        x, rest = split_after_tag(x, _closes)
        desc.append(x)
        after_tag += [rest] if rest is not None else []
    desc += [line(p, True) for p in run.pieces["I"]]
    results: list[Line] = []
    moved: list[Line] = []  # results lines read as plans: after a mixed line, the plans column goes on
    for x in after_tag + [line(p) for p in run.pieces["R"]]:
        if moved:
            moved.append(x)
            continue
        left, right = split_mixed(x)
        results.append(left)
        moved += [right] if right is not None else []
    return Row([Cell(desc), Cell(results), Cell(moved + [line(p) for p in run.pieces["P"]])])


def _closes(inner: str) -> bool:
    return is_ministry_list(inner.strip()) or bool(SUBHEADING_TAG_RE.search(inner))
