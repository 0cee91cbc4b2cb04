"""Reader for text whose table columns share lines (pdfplumber's extract_text, web services).

Each printed line holds, left to right and separated by a space, the pieces of the description, results
and plans cells (and 「担当」) that sit on that baseline. What tells the pieces apart is the table's
geometry, read from the text itself:
- every column has a width; a full line of a column is about that wide, and a piece wider than a column
  cannot be in it;
- cells are top-aligned and their lines consecutive: a column that has nothing on a line is done for the
  row, and a row starts only when every column of the row above is done;
- a line shorter than its column's full lines (their commonest width) ends a paragraph: what follows in
  that column starts a new bullet (「・」, ①, a lone 「（…）」) unless it goes on a word or a sentence,
  except in the description, whose title is a short first paragraph;
- a description ends at its ministry tag ［…］; a sentence ends worded as a result or as a plan;
- the header tells the columns' order (「担当」 first or last, the plans before the results or after);
- a page number or header is a page break, where a cell may stop a line or two early and go on after it;
- where cells are set close, a full line and the next column's text print with no space between them:
  they are cut where the column's full lines end, the cut then moved by a character or two where the
  document's own character statistics join both sides better (interleaved_cuts.py), and the line is named
  in a 'layout-glued' warning.
Each line's pieces are cut into groups (interleaved_groups.py) and read by a small dynamic program over
the states of the open columns (interleaved_reading.py: Viterbi, linear in the number of lines), so a
piece whose column is only told by a later line is still placed right. Where two readings cost the same,
the line is reported (a ParseWarning 'layout-ambiguous'), never silently guessed.
Each row the readings cut is handed on as cells, in the header's order.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from ..model.edition import ParseWarning
from ..model.errors import EditionParseError
from ..model.normalize import display_width
from .cells import WRAPPED_TITLE_MAX
from .geometry import SHORT, TITLE_MARGIN, Geometry, slack
from .interleaved_cuts import repair_cuts
from .interleaved_ends import paragraph_ends
from .interleaved_groups import WIDTH_SLACK, printed_widths, unit_width
from .interleaved_joins import JoinCosts
from .interleaved_latin import latin_phrases, latin_space
from .interleaved_offices import office_like, office_lines, part_glued_offices
from .interleaved_reading import OFFICE, Reading, full_line, read_lines
from .table import Cell, Line, Row, Table
from .vocabulary import (
    GOAL_RE,
    HEADER_START,
    HIDDEN_LABEL_RE,
    HIDDEN_LABELS_RE,
    OFFICE_HEADER,
    OFFICE_HEADER_RE,
    OFFICE_MAX,
    PLANS_LABEL_RE,
    RESULTS_LABEL_RE,
    SEE_ABOVE_RE,
    TITLE_MAX,
    VISION_END,
    is_header_text,
    is_page_number,
    vision_number,
)

# A latin word's last letter and the next one's first, a space between (「Brain Computer」 「Interface利用機器」): the
# same phrase as often (a word opening in brackets, 「MEV-MEJ」 「(MEV)及び」, reads as a new phrase)
LETTER_END_RE = re.compile(r"[A-Za-z]$")
LETTER_START_RE = re.compile(r"^[A-Za-z]")
ITEM_MARK_END_RE = re.compile(r"[①-⑳]$")  # an item's number, its text after a space (alone, or glued to the piece before)
ITEM_SPACE_RE = re.compile(r"(?<=^[①-⑳]) ")
# The sample's column widths (description, results, plans, 担当): a quarter of the narrowest text column's (MIN_TEXT,
# not the results' 15: 5410's are 12 cells) is the least an estimate may give (a few cells take every piece alone).
DEFAULT_WIDTHS = (54.0, 60.0, 40.0, 14.0)
MIN_TEXT = min(DEFAULT_WIDTHS[:3]) / 4
WIDTH_SAMPLE_LINES = 4000  # the widths are told by the first lines (a layout is uniform)
MIN_SAMPLES = 3  # lines holding every column needed to estimate the widths
FEW_SAMPLES = 20  # below this, a column's width is its widest piece that another nearly matches
NARROW_DESCRIPTION = 40.0  # cells: a description column this narrow wraps or fills the longer titles (~44)
NEAR_WIDEST = 3.0  # cells below a column's width where its full lines' widths are counted
GLUED_LINES = 3  # lines holding a piece too wide for any column: the text prints columns glued
SPACED_OVER_GLUED = 10  # full lines printed apart that outweigh one glued bullet's place
GLUED_BULLETS = 3  # bullets after a column's full lines that tell its fill in a text without spaces between cells
FULL_SHORT_BY = 1.5  # cells a full line may stop short of the commonest full width
HEADING_TAIL = 4  # characters of a heading's last words wrapped onto a line of their own (「に向けて」)
# 「担当」 and the hidden labels printed over it, their characters interleaved: 「担列当1 列2」, 「列担1 当列2」
TANGLED_OFFICE_RE = re.compile(r"[列0-9０-９ ]*担[列0-9０-９ ]*当[列0-9０-９ ]*")
REPOSTED_TAILS = ("（再掲）", "(再掲)")
PARTED_SHOWN = 20  # characters of the latin words on each side of a parted space a warning shows
MAX_PIECES = 10  # more pieces on one line: spaces between latin words are not cut


def read_interleaved(lines: list[str], numbers: list[int], office: bool = False,
                     breaks: frozenset[int] = frozenset()) -> Table:
    """The rows of an interleaved text (LINES with their source NUMBERS); OFFICE: a 「担当」 column; BREAKS: the
    source lines of the running titles taken away (text_layouts.prepare), each a page break.
    LINES come folded (normalize.fold_extracted, in text_layouts.prepare): 「‧」 is 「・」 here."""
    lines, numbers = _rejoin(lines, numbers)
    lines = _join_heading_tails(lines)
    lines = _join_office_label([untangle_office_label(x) if is_header_text(x) else x for x in lines])
    header = next((x for x in lines[:WIDTH_SAMPLE_LINES] if is_header_text(x)), "")
    office = office or bool(OFFICE_HEADER_RE.search(HIDDEN_LABEL_RE.sub(" ", header)))
    ncols = 4 if office else 3
    order = print_order(lines, ncols)
    printed = lines
    lines, parted = part_glued_offices(lines) if order[0] == OFFICE else (lines, set())
    widths = estimate_widths(lines, ncols, order)
    if office and widths[OFFICE] > OFFICE_MAX + WIDTH_SLACK:
        raise EditionParseError(
            f"layout 'interleaved': the 「担当」 column's pieces measure {widths[OFFICE]:g} cells, wider than an office's "
            f"name prints (at most {OFFICE_MAX:g}): its text is printed run into another column's and the columns "
            "cannot be told apart; ingest the PDF itself instead")
    kinds = _page_breaks([_kind(x) for x in lines], numbers, breaks)
    fills = estimate_fills(lines, widths, order)
    plans_first = header.find(PLANS_LABEL_RE.search(header).group(0)) < header.find(RESULTS_LABEL_RE.search(header).group(0)) \
        if header else False
    limit = max(widths) + WIDTH_SLACK
    wide = [i for i, kind in enumerate(kinds) if kind == "text" and any(display_width(p) > limit for p in lines[i].split())]
    fulls = estimate_fulls(widths, fills)
    texts = [x for x, kind in zip(lines, kinds, strict=True) if kind == "text"]
    numbered = [no for no, kind in zip(numbers, kinds, strict=True) if kind == "text"]
    readings, ambiguous, unfit = read_lines(lines, _pieces, kinds, widths, fulls, order, fills,
                                            2 if plans_first else 1, len(wide) >= GLUED_LINES, latin_phrases(texts),
                                            office_lines([x.strip().split(" ") for x in texts], order, widths[-1])
                                            if office else frozenset(), JoinCosts([p for x in texts for p in _pieces(x)]),
                                            paragraph_ends([_pieces(x) for x in texts], numbered))
    readings, _ = repair_cuts(lines, readings, kinds, _pieces, widths, fulls)
    out = _Rows(widths, sorted(no for no, kind in zip(numbers, kinds, strict=True) if kind == "header"), order, fills[0])
    headed = False
    for i, (line, no, kind) in enumerate(zip(lines, numbers, kinds, strict=True)):
        if kind == "text":
            out.text(readings[i], no)
        elif kind == "span":
            out.single(line, no)  # a vision or goal
        elif kind == "header" and not headed:  # the first page header (the others are no rows), its labels
            out.single(line, no)  # (the grammar sets its hidden labels apart: 「列3担当 列4」 is 「担当」)
            headed = headed or kind == "header"
    out.close_row()
    warnings = [ParseWarning("layout-ambiguous", f"line {numbers[i]}: the columns of 「{lines[i].strip()[:30]}…」 "
                             "can be read two ways; it was read as " + _describe(readings[i]), 0, numbers[i])
                for i in sorted(ambiguous)]
    warnings += [ParseWarning("layout-too-wide", f"line {numbers[i]}: 「{lines[i].strip()[:30]}…」 fits no column "
                              f"(widths {', '.join(f'{w:g}' for w in widths)} cells); read as the description of a "
                              "new row", 0, numbers[i]) for i in sorted(unfit)]
    glued = [i for i, kind in enumerate(kinds) if kind == "text" and i not in unfit
             and (i in parted or " ".join(t for _, t in readings[i].groups) != " ".join(_pieces(lines[i])))]  # a piece was cut
    warnings += [ParseWarning("layout-glued", f"line {numbers[i]}: 「{printed[i].strip()[:30]}…」 prints two columns' text "
                              "with no space between them; cut near where a full line of the column ends, where its characters join "
                              "best (the columns' widths and the text's own character statistics)",
                              0, numbers[i]) for i in glued]
    warnings += [ParseWarning("layout-latin-parted", f"line {numbers[i]}: 「{lines[i].strip()[:30]}…」 parts two columns at a "
                              f"space between latin words (「{left}」 「{right}…」), whose printed widths the text does "
                              "not tell: where one column ends is a guess", 0, numbers[i])
                 for i, left, right in _latin_parted(readings, kinds, unfit | set(glued))]
    # In a column narrower than the longer titles, a title may fill its line: a line short of the column's full
    # width ends a paragraph (SHORT), and the grammar tells a title filling its line by its words (a heading's
    # noun, then a sentence's start). In a wider column a title stops well short of the edge.
    if widths[0] <= NARROW_DESCRIPTION:
        geometry = replace(Geometry.from_widths(*widths[:3], title_max=min(WRAPPED_TITLE_MAX, widths[0] + WIDTH_SLACK)),
                           title_short=SHORT)
    else:
        geometry = Geometry.from_widths(*widths[:3], title_max=min(TITLE_MAX, widths[0] - TITLE_MARGIN))
    return Table(out.rows, "interleaved", geometry, warnings)


def _describe(reading: Reading) -> str:
    names = ("description", "results", "plans", "担当")
    return ", ".join(f"{names[c]} 「{t[:12]}」" for c, t in reading.groups) + (" (a new row)" if reading.new_row else "")


def _latin_parted(readings: list[Reading], kinds: list[str], named: set[int]) -> list[tuple[int, str, str]]:
    """The text lines (but those NAMED already) whose reading gives the latin words on both sides of a space to
    two columns, with the words parted (the first such pair: the left column's last words, the right column's
    first): a space between latin words is as often inside a cell (latin glyphs print wider than the text
    measures them), so a word may have gone to the wrong column with nothing else to show it."""
    out = []
    for i, (reading, kind) in enumerate(zip(readings, kinds, strict=True)):
        if kind != "text" or i in named:
            continue
        parted = [(a, b) for (_, a), (_, b) in zip(reading.groups, reading.groups[1:], strict=False)
                  if LETTER_END_RE.search(a) and LETTER_START_RE.match(b)]
        if parted:
            a, b = parted[0]
            out.append((i, " ".join(a.split(" ")[-2:])[-PARTED_SHOWN:], b[:PARTED_SHOWN]))
    return out


def _rejoin(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """Undo the split of a title from the bullet on its line (text_lines.split_titles): one source line each."""
    out: list[str] = []
    nums: list[int] = []
    for line, no in zip(lines, numbers, strict=True):
        if nums and no == nums[-1] and no:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
            nums.append(no)
    return out, nums


def untangle_office_label(header: str) -> str:
    """A header line whose 「担当」 label is printed over a hidden label (「列1」): pdfplumber orders the two words'
    characters by where each starts, so they interleave (「担列当1 列2 列3該当箇所 …」, 「列担1 当列2 列3 該当箇所 …」) and
    no 「担当」 is read; given back as 「担当 列1 列2 列3 …」. Only the hidden labels' characters (「列」, a digit, a
    space) may lie between 「担」 and 「当」."""
    m = TANGLED_OFFICE_RE.search(header)
    if not m or m.group(0).replace(" ", "") == OFFICE_HEADER:
        return header
    rest = " ".join(m.group(0).replace("担", "").replace("当", "").split())
    return " ".join(x for x in (header[:m.start()].strip(), OFFICE_HEADER, rest, header[m.end():].strip()) if x)


def _join_office_label(lines: list[str]) -> list[str]:
    """A header whose 「担当」 label wraps in its narrow cell (「列1 担 列2 該当箇所 …」 / 「当」): joined, its second line
    blanked."""
    out = list(lines)
    for i, (x, nxt) in enumerate(zip(lines, lines[1:], strict=False)):
        if nxt.strip() == OFFICE_HEADER[1] and is_header_text(x) and OFFICE_HEADER[0] in x.split():
            out[i] = " ".join(OFFICE_HEADER if w == OFFICE_HEADER[0] else w for w in x.split())
            out[i + 1] = ""
    return out


def _join_heading_tails(lines: list[str]) -> list[str]:
    """A vision's last words or a goal's 「（再掲）」 wrapped onto a line of their own (「（１）「…の確立」」 / 「に向けて」,
    「【…の増加】」 / 「（再掲）」): joined onto the heading, their line blanked."""
    out = list(lines)
    for i in range(len(lines) - 1):
        # (a heading wrapped over two lines is joined on its first, the second left blank: 「【医療保険制度における
        # イノベー」 / 「ションに対する適切な評価の実施】」 / 「（再掲）」)
        k = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), i + 1)
        x, tail = out[i].strip(), lines[k].strip()
        if not x or not tail or len(tail) > HEADING_TAIL:
            continue
        vision = vision_number(x) is not None and not x.endswith(VISION_END) and (x + tail).endswith(VISION_END)
        if vision or (GOAL_RE.match(x) and x.endswith("】") and tail in REPOSTED_TAILS):
            out[i], out[k] = x + tail, ""
    return out


def _page_breaks(kinds: list[str], numbers: list[int], breaks: frozenset[int]) -> list[str]:
    """KINDS with the blank line a running title taken away leaves (BREAKS: their source lines, text_lines.
    drop_running_titles) read as a page break: the only page furniture of a page without header or number
    (「医療機器基本計画 …進捗状況 2」 printed on one line), where a cell may stop a line early (3035: the plans'
    「…スタートアップ創」 / 「出・EXITの…」 around it)."""
    return ["page" if kind == "blank" and no in breaks else kind for kind, no in zip(kinds, numbers, strict=True)]


def _kind(line: str) -> str:
    """blank, header (a page header), page (a page number), span (a vision or goal row across the table) or
    text."""
    x = line.strip()
    if not x:
        return "blank"
    if is_header_text(x):
        return "header"
    if is_page_number(x):
        return "page"  # a page break, where the header is printed on page 1 only
    if HIDDEN_LABELS_RE.match(x):
        return "blank"
    if GOAL_RE.match(x) or SEE_ABOVE_RE.match(x) or vision_number(x) is not None:
        return "span"  # vision and goal rows span the table's width
    return "text"


def _pieces(line: str) -> list[str]:
    """The line cut at its spaces; a lone item number stays with its text, and a line of very many pieces keeps
    latin words together (the readings tried grow with the pieces)."""
    parts: list[str] = []
    for p in line.strip().split(" "):
        if p and parts and (m := ITEM_MARK_END_RE.search(parts[-1])):
            # 「① 日常生活における…」: an item's number and its text; 「…診断の一層の早期化に資③ 臨床的な…」: the
            # number printed right after another column's full line, no space between them (cells set close)
            parts[-1] = parts[-1][: m.start()]
            parts.append(m.group(0) + " " + p)
            if not parts[-2]:
                del parts[-2]
        elif p:
            parts.append(p)
    if len(parts) <= MAX_PIECES:
        return parts
    out = [parts[0]]
    for p in parts[1:]:
        if latin_space(out[-1], p):
            out[-1] += " " + p
        else:
            out.append(p)
    return out[: MAX_PIECES - 1] + [" ".join(out[MAX_PIECES - 1 :])] if len(out) > MAX_PIECES else out


def print_order(lines: list[str], ncols: int) -> tuple[int, ...]:
    """The role of each column as the lines print them, left to right (0 the description, 1 and 2 the results
    and plans in their order, 3 the 「担当」 office): the header's, 「担当 該当箇所 …」 putting the office first."""
    header = next((x for x in lines[:WIDTH_SAMPLE_LINES] if is_header_text(x)), "")
    office = OFFICE_HEADER_RE.search(header)
    if ncols == 4 and office and office.start() < header.find(HEADER_START):
        return (3, 0, 1, 2)
    return tuple(range(ncols))


def _samples(lines: list[str], order: tuple[int, ...], offices_only: bool = False) -> list[list[float]]:
    """The widths of each column's pieces (by role) on the lines that hold every column; OFFICES_ONLY: of the
    「担当」 column's, only those an office's line may be (office_like)."""
    samples: list[list[float]] = [[] for _ in order]
    for line in lines[:WIDTH_SAMPLE_LINES]:
        if _kind(line) != "text":
            continue
        parts = line.strip().split(" ")
        if len(parts) == len(order) and all(parts):
            for c, p in zip(order, parts, strict=True):
                if not (offices_only and c == OFFICE and not office_like(p)):
                    samples[c].append(display_width(p))
    return samples


def estimate_fills(lines: list[str], widths: tuple[float, ...], order: tuple[int, ...] | None = None
                   ) -> tuple[float, ...]:
    """The commonest width of a full line of each column (by role): of its pieces near its width (WIDTHS, the
    widest), the commonest; a line that hangs 。」 past the edge or holds wide brackets measures a cell more
    now and then. A text of few lines: the widest."""
    out, counts = [], []
    for values, width in zip(_samples(lines, order or tuple(range(len(widths)))), widths, strict=True):
        near = Counter(v for v in values if v >= width - NEAR_WIDEST)
        out.append(max(near, key=lambda w: (near[w], w)) if len(values) >= FEW_SAMPLES and near else width)
        counts.append(near[out[-1]] if len(values) >= FEW_SAMPLES else 0)
    return _glued_fills(lines, widths, tuple(out), tuple(counts))


def _glued_fills(lines: list[str], widths: tuple[float, ...], fills: tuple[float, ...],
                 counts: tuple[int, ...] | None = None) -> tuple[float, ...]:
    """FILLS told again by glued pieces, where cells are set so close that a full line and the next column's
    text print without a space: where a bullet 「・」 starts the next column's text, the text before it is a full
    line of its column. Of the bullets near a column's fill, the commonest place, where it is common enough
    (a 「・」 between words falls anywhere, a bullet after a full line always at the same place). A place narrower
    than the lines printed apart tell must not be outweighed by them (COUNTS: how many tell each fill; a bullet
    after an item's line lies past its number, printed as a piece of its own: 「① 日常生活における…重症化予・医療機
    器…」); a wider one may be (those lines are the ones that stop short of the edge, the full ones print glued)."""
    limit = max(widths) + WIDTH_SLACK
    places: Counter[float] = Counter()
    for line in lines[:WIDTH_SAMPLE_LINES]:
        for piece in line.strip().split(" "):
            if display_width(piece) > limit:
                printed = printed_widths(piece)
                places.update(printed[k] for k, ch in enumerate(piece) if ch == "・" and k)
    out = []
    for c, fill in enumerate(fills):
        # (the 「担当」 column's 「・」 are inside its names, 「内閣府健康・医療戦略…」)
        near = {w: n for w, n in places.items() if abs(w - fill) <= NEAR_WIDEST} if c != OFFICE else {}
        best = max(near, key=lambda w: (near[w], w)) if near else None
        told = counts[c] if counts and best is not None and best < fill else 0  # (a narrower fill must outweigh them)
        out.append(best if best is not None and near[best] >= max(GLUED_BULLETS, told / SPACED_OVER_GLUED) else fill)
    return tuple(out)


def estimate_fulls(widths: tuple[float, ...], fills: tuple[float, ...]) -> tuple[float, ...]:
    """The narrowest a full line of each column prints: a cell and a half short of its commonest full width (a
    character carried down by kinsoku, a half-width digit), where that is below what the widest pieces tell
    (full_line): a full line between wider ones is no paragraph's end."""
    return tuple(min(full_line(w), f - FULL_SHORT_BY) if f < w else full_line(w) for w, f in zip(widths, fills, strict=True))


def estimate_widths(lines: list[str], ncols: int, order: tuple[int, ...] | None = None) -> tuple[float, ...]:
    """Each column's width (by role): a high percentile of the widths of its pieces on lines that hold every
    column; of the 「担当」 column's, those an office's line may be (where cells are set close, another column's
    text glued to the office's, or a line whose blank cells print nothing, puts other text in its place)."""
    samples = _samples(lines, order or tuple(range(ncols)))
    if ncols > OFFICE:  # (where cells are set close, or a line's blank cells print nothing, another column's text
        samples[OFFICE] = _samples(lines, order or tuple(range(ncols)), True)[OFFICE] or samples[OFFICE]  # is there)
    if len(samples[0]) < MIN_SAMPLES:
        raise EditionParseError(
            f"layout 'interleaved': only {len(samples[0])} lines hold all {ncols} columns side by side, too few to "
            f"tell the columns' widths (at least {MIN_SAMPLES} needed); expected the table's text column by column "
            "(description, results, plans) under a header '該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定', "
            "or its lines with the columns side by side; ingest the PDF itself instead")
    out = []
    few = len(samples[0]) < FEW_SAMPLES
    for c, values in enumerate(samples):
        values.sort()
        # Full lines are the most common in every column but the first (titles): the 90th percentile is one
        # (a short text has few lines of each: its widest that another line nearly matches).
        out.append(max(_agreed_widest(values) if few else values[int(0.9 * (len(values) - 1))], DEFAULT_WIDTHS[c] / 4 if c == OFFICE else MIN_TEXT))
    return tuple(out)


def _agreed_widest(values: list[float]) -> float:
    """The widest of the sorted VALUES that another is within NEAR_WIDEST of (else the widest): where cells are set
    close, a column's widest piece may be two columns' text glued (6856: 59 cells in a column of 30), while its
    full lines agree."""
    return next((v for v, u in zip(values[::-1], values[-2::-1], strict=False) if v - u <= NEAR_WIDEST), values[-1])


class _Rows:
    """Rows as the readings cut them: [title] description ［tag］ | results | plans [| 担当] (in the order the
    header prints them, ORDER), each line citing its source line and page; a vision or goal row (spanning the
    table) is a row of one cell."""

    def __init__(self, widths: tuple[float, ...], headers: list[int], order: tuple[int, ...], fill: float) -> None:
        self.widths = widths
        self.fill = fill  # the commonest width of a description's full line
        self.order = order
        self.headers = headers  # source lines of the page headers: a line's page counts those above it
        self.rows: list[Row] = []
        self.row: list[list[Line]] | None = None

    def line(self, text: str, no: int, column: int | None = None) -> Line:
        page = max(bisect.bisect_right(self.headers, no), 1)
        if column is None:
            return Line(no, page, text, text)
        return Line(no, page, text, text, slack=slack(display_width(text), full_line(self.widths[column])))

    def single(self, text: str, no: int) -> None:
        self.close_row()
        self.rows.append(Row([Cell([self.line(text.strip(), no)])]))

    def text(self, reading: Reading, no: int) -> None:
        if reading.new_row or self.row is None:
            self.close_row()
            self.row = [[] for _ in self.widths]
        for c, text in reading.groups:
            if c == 0:
                text = ITEM_SPACE_RE.sub("\t", text, count=1)  # 「①\t…」, as the sample prints an item
            self.row[c].append(self.line(text, no, c if c == 0 else None))

    def _unbroken(self, lines: list[Line]) -> list[Line]:
        """A description's LINES, each held as full as the cell's fullest where the next line's first unbreakable
        unit would not have fit in the room it leaves to the column's fill: a line breaks there however short it
        stops (「案・管理する能力を有する人材」, two cells short, then 「（コーディネート人材）の育成」: 「（コー」 may not be
        parted), so its paragraph (a title) goes on; and a line at the fill is no shorter than one counting a cell
        more for punctuation set narrow (「…産業界の」 then 「協力が…取り組む。［厚、◎」: no title stops there)."""
        out = list(lines)
        fullest = min((x.slack for x in lines if x.slack is not None), default=SHORT)
        for k, (line, nxt) in enumerate(zip(lines, lines[1:], strict=False)):
            if line.slack is not None and line.slack > fullest and self.fill - display_width(line.text) < unit_width(nxt.text):
                out[k] = replace(line, slack=min(fullest, SHORT))
        return out

    def close_row(self) -> None:
        if self.row is None:
            return
        cells = [Cell(self._unbroken(lines) if c == 0 else lines) for c, lines in enumerate(self.row[:3])]
        office = Cell()
        if len(self.row) > 3 and self.row[3]:  # an office wrapped in its cell: one name
            lines = self.row[3]
            office = Cell([Line(lines[0].no, lines[0].page, "".join(x.text for x in lines))])
        if self.order[0] == OFFICE:
            cells.insert(0, office)  # (an office first keeps its place, empty or not: the grammar reads by place)
        elif office.lines:
            cells.append(office)
        self.rows.append(Row(cells))
        self.row = None
