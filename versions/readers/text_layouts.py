"""Which extraction made a report's text, and the reader that rebuilds its table.

Different PDF-to-text tools print the same table differently. Each profile names the rule that detects
it and the reader that reads it into the table (rows of cells) every reader produces: the blocked
layout of the bundled sample (text_blocked.py), columns side by side (text_interleaved.py), no blank
lines (text_dense.py), pdfminer's text boxes (text_boxes.py) and pdfminer's boxes of one line each, a
table's visual lines with their grouping lost (text_fragments.py). What every text needs first is done
here, once: look-alike characters folded, ministry tags in half-width brackets made full-width, page
furniture and cuts undone (text_lines.py: running titles, header cells on lines of their own, wrapped
headings, a title and a bullet sharing a line), the 「担当」 offices of a blocked or dense text taken out.
A text no profile accepts is refused with a line saying what layout was expected.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model.edition import ParseWarning
from ..model.errors import EditionParseError
from ..model.normalize import display_width, fold_extracted
from . import text_blocked, text_boxes, text_dense, text_fragments, text_interleaved
from .geometry import DESCRIPTION, OFFICE, PLANS, RESULTS
from .ministries import is_ministry_list
from .table import Table, attach_offices
from .text_lines import CELLS_SPACE_RE, drop_running_titles, join_header, join_headings, split_titles
from .vocabulary import (
    HALF_WIDTH_TAG_RE,
    HEADER_START,
    HIDDEN_LABEL_RE,
    OFFICE_HEADER_RE,
    OFFICE_WORD_RE,
    PLANS_LABEL_RE,
    RESULTS_LABEL_RE,
    TAG_END_RE,
    is_bullet_start,
    is_header_text,
    is_office_piece,
)

INTERLEAVED_WIDTH = 80.0  # no column is wider than ~60 cells: wider lines hold several columns
SPACED_SHARE = 0.3
SAMPLE_LINES = 4_000  # a layout is uniform: its first lines tell it (a 10,000-row report has 200,000)
DENSE_WARNING = ("the text has no blank lines between blocks (layout 'dense', e.g. pypdfium2): the columns were "
                 "told apart by line widths estimated from the text and by the order the cells were printed in; "
                 "read the PDF to be sure")


@dataclass(frozen=True)
class Prepared:
    """The text's lines, folded and tidied, with each one's source line number, and its profile."""

    lines: list[str]
    numbers: list[int]
    profile: str
    office: bool  # the header names a 「担当」 column
    order: tuple[str, ...] = (DESCRIPTION, RESULTS, PLANS)  # the columns, as the header prints them
    breaks: frozenset[int] = frozenset()  # source lines of running titles taken out: each one a page break
    feeds: frozenset[int] = frozenset()  # source lines a form feed starts (pdfminer's page breaks)


@dataclass(frozen=True)
class Profile:
    name: str
    rule: str  # how the profile is detected, in words (shown when a text is refused)
    detect: Callable[[list[str]], bool]


def _widths(lines: list[str]) -> list[float]:
    return [display_width(x.strip()) for x in lines[:SAMPLE_LINES] if x.strip()]


def _interleaved(lines: list[str]) -> bool:
    widths = _widths(lines)
    if widths and sum(w > INTERLEAVED_WIDTH for w in widths) > 0.15 * len(widths):
        return True
    text = [x.strip() for x in lines[:SAMPLE_LINES] if x.strip()]  # a narrower table: cells parted by a space
    return len(text) > 20 and sum(1 for x in text if CELLS_SPACE_RE.search(x)) > SPACED_SHARE * len(text)


def _fragmented(lines: list[str]) -> bool:
    blank = sum(1 for x in lines if not x.strip())
    return len(lines) > 20 and blank > 0.4 * len(lines)


def _out_of_order(lines: list[str]) -> bool:
    """Most rows read description ［tag］ then results: in the sample 57 of 58 tags are followed by a bullet
    (or a 令和…/（…） line); pdfminer's text boxes put 42 of 59 or fewer there."""
    text = [x.strip() for x in lines[:SAMPLE_LINES] if x.strip()]
    tags = [i for i, x in enumerate(text) if TAG_END_RE.search(x) and i + 1 < len(text)]
    if len(tags) < 10:
        return False
    followed = sum(1 for i in tags if is_bullet_start(text[i + 1]) or text[i + 1].startswith(("令和", "（", "(")))
    return followed < 0.85 * len(tags)


def _dense(lines: list[str]) -> bool:
    blank = sum(1 for x in lines if not x.strip())
    return len(lines) > 20 and blank < 0.05 * len(lines)


PROFILES = (
    Profile("interleaved", f"over 15% of lines wider than {INTERLEAVED_WIDTH:.0f} cells, or over 30% with a space "
            "between Japanese characters: the columns share lines (pdfplumber extract_text, web services)", _interleaved),
    Profile("fragmented", "over 40% of lines blank: text boxes out of reading order (pdfminer layout analysis)",
            _fragmented),
    Profile("dense", "under 5% of lines blank: columns blocked but not separated (pypdfium2)", _dense),
    Profile("out-of-order", "under 85% of ministry tags ［…］ followed by a results bullet: rows' cells printed out "
            "of order (pdfminer text boxes)", _out_of_order),
    Profile("blocked", "blank lines between blocks, columns one after another (the bundled sample)", lambda _: True),
)
EXPECTED = ("expected the table's text column by column (description, results, plans) under a header "
            "'該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定'; ingest the PDF itself instead")


def prepare(text: str) -> Prepared:
    """TEXT's lines made ready for its reader, and the profile that tells which reader."""
    # Every text is some tool's extraction of the PDF: its look-alikes (radicals, 〜, 「‧」 for 「・」) are
    # folded here, once, before any profile looks for bullets, tags or the header.
    lines = fold_extracted(text).split("\n")  # (no fold crosses a line: 「−」 is folded between two letters)
    numbers = list(range(1, len(lines) + 1))
    feeds = frozenset(no for no, x in zip(numbers, lines, strict=True) if "\f" in x)
    lines = [x.replace("\f", "") for x in lines] if feeds else lines
    boxed = any(x.strip() == HEADER_START for x in lines[:SAMPLE_LINES])  # header cells printed as boxes
    lines = join_header(lines)
    lines = [HALF_WIDTH_TAG_RE.sub(lambda m: f"［{m.group(1)}］" if is_ministry_list(m.group(1)) else m.group(0), x)
             if "[" in x else x for x in lines]
    titled = drop_running_titles(lines)
    breaks = frozenset(no for no, a, b in zip(numbers, lines, titled, strict=True) if a != b)
    lines = join_headings(titled)
    lines, numbers = split_titles(lines, numbers)
    profile = next(p for p in PROFILES if p.detect(lines))
    if profile.name == "blocked" and boxed:  # (the sample prints its header on one line)
        profile = next(p for p in PROFILES if p.name == "out-of-order")
    header = next((x for x in lines[:SAMPLE_LINES] if is_header_text(x)), "")
    return Prepared(lines, numbers, profile.name, OFFICE in column_order(header), column_order(header),
                    breaks, feeds)


def read_text_table(text: str) -> Table:
    """The table of a report's text, by the reader of its profile; EditionParseError (one line) if none can."""
    prepared = prepare(text)
    _check_order(prepared)
    table = _read(prepared)
    lines = prepared.lines
    first = next((i for i, x in enumerate(lines) if is_header_text(x)), 0)
    table.outside += [x.strip() for x in lines[:first] if x.strip()]  # a title, a synthetic mark
    return table


def _paged(table: Table, feeds: frozenset[int]) -> Table:
    """Every line and warning of a boxes reading on the page pdfminer's form feeds put it on. The boxes
    reader's rules read page-blind (they were made so: giving them the pages in round 15 made a passing
    reading silently wrong), but a citation must name the page its line is printed on."""
    if not feeds:
        return table
    starts = sorted(feeds)
    for row in table.rows:
        for cell in row.cells:
            cell.lines = [replace(x, page=1 + bisect_right(starts, x.no)) for x in cell.lines]
    table.warnings = [replace(w, page=1 + bisect_right(starts, w.line)) if w.line else w for w in table.warnings]
    return table


def _read(prepared: Prepared) -> Table:
    lines, numbers, name = prepared.lines, prepared.numbers, prepared.profile
    if name == "fragmented" and text_fragments.one_line_boxes(lines):
        try:
            return text_fragments.read_fragments(lines, numbers, prepared.feeds)
        except text_fragments.FragmentsError as exc:
            rule = next(p.rule for p in PROFILES if p.name == name)
            raise EditionParseError(f"layout '{name}' ({rule}), every box one line: {exc}; {EXPECTED}") from None
    if name in ("fragmented", "out-of-order"):
        try:
            return _paged(text_boxes.read_boxes(lines, numbers, prepared.order), prepared.feeds)
        except text_boxes.BoxesError as exc:
            rule = next(p.rule for p in PROFILES if p.name == name)
            raise EditionParseError(f"layout '{name}' ({rule}): {exc}; {EXPECTED}") from None
    if name == "interleaved":
        return text_interleaved.read_interleaved(lines, numbers, prepared.office, prepared.breaks)
    table = text_dense.read_dense(lines, numbers, prepared.order, prepared.breaks) if name == "dense" else None
    offices: list[tuple[int, str]] = []
    if table is None and prepared.office:
        lines, offices = _take_offices(lines, numbers)
    if table is None:  # blocked, or too few wrapped lines to tell a dense text's widths: the sample's widths
        table = text_blocked.read_blocked(lines, numbers, separate=name == "dense")
    if offices:
        attach_offices(table.rows, offices, 3)
    if name == "dense":
        table.warnings.insert(0, ParseWarning("layout-dense", DENSE_WARNING, 0, 0))
    return table


def column_order(header: str) -> tuple[str, ...]:
    """The columns' roles in the order a header line prints their labels (hidden labels 「列1」 aside)."""
    header = HIDDEN_LABEL_RE.sub(" ", header)
    found = [(header.find(HEADER_START), DESCRIPTION)]
    for role, pattern in ((RESULTS, RESULTS_LABEL_RE), (PLANS, PLANS_LABEL_RE), (OFFICE, OFFICE_HEADER_RE)):
        m = pattern.search(header)
        if m:
            found.append((m.start(), role))
    return tuple(role for _, role in sorted(found))


def _check_order(prepared: Prepared) -> None:
    """A text reader reads the columns in the report's order: 該当箇所, 実績, 取組予定 (担当 last); the
    reader of columns side by side (interleaved), any order with 該当箇所 first (after 担当 when 担当 is
    first) and 担当 first or last; pdfminer's boxes (their columns told by widths and wording), any order."""
    order = prepared.order
    if RESULTS not in order or PLANS not in order:
        return  # no header line (the grammar refuses the text) or header cells apart (pdfminer's boxes)
    usual = order in ((DESCRIPTION, RESULTS, PLANS), (DESCRIPTION, RESULTS, PLANS, OFFICE))
    side_by_side = prepared.profile == "interleaved" and order.index(DESCRIPTION) == (1 if order[0] == OFFICE else 0) \
        and OFFICE not in order[1:-1]
    # the dense reader reads the cells in the header's order, an office first or last
    modelled = prepared.profile == "dense" and order.index(DESCRIPTION) == (1 if order[0] == OFFICE else 0)
    boxes = prepared.profile in ("fragmented", "out-of-order")  # columns told by widths and wording, any order
    if not usual and not side_by_side and not modelled and not boxes:
        names = {DESCRIPTION: "該当箇所", RESULTS: "実績・状況", PLANS: "取組予定", OFFICE: "担当"}
        raise EditionParseError(
            f"layout '{prepared.profile}': the header prints its columns in the order "
            f"{' | '.join(names[r] for r in order)}; from text this layout is read in the order 該当箇所 | "
            "令和N年度の実績・状況 | 令和N年度の取組予定 [| 担当]; ingest the PDF itself instead")



def _take_offices(lines: list[str], numbers: list[int]) -> tuple[list[str], list[tuple[int, str]]]:
    """Lines of the 「担当」 column: short office names after a row's plans, blanked out of the text.

    An office line is short, has no bullet or bracket, and ends in an office word (…課, …室, …局) or is
    continued by one that does (「厚労省医療機器審査」 / 「管理課」)."""
    out = list(lines)
    offices: list[tuple[int, str]] = []
    for i, line in enumerate(lines):  # an office printed on the baseline of a row's last line
        head, sep, tail = line.rstrip().rpartition(" ")
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not (sep and head.strip() and is_office_piece(tail)) or out[i] != line:
            continue
        if OFFICE_WORD_RE.search(tail):
            out[i] = head
            offices.append((numbers[i], tail))
        elif is_office_piece(nxt) and OFFICE_WORD_RE.search(nxt):  # 「…ライフサイエ」 / 「ンス課」
            out[i], out[i + 1] = head, ""
            offices.append((numbers[i], tail + nxt))
    lines = list(out)
    i = 0
    while i < len(lines):
        x = lines[i].strip()
        if is_office_piece(x) and not x.startswith(HEADER_START):
            j, text = i, ""
            while j < len(lines) and is_office_piece(lines[j].strip()) and j - i < 3:
                text += lines[j].strip()
                if OFFICE_WORD_RE.search(lines[j].strip()):
                    break
                j += 1
            if OFFICE_WORD_RE.search(text) and j < len(lines):
                offices.append((numbers[i], text))
                for k in range(i, j + 1):
                    out[k] = ""
                i = j + 1
                continue
        i += 1
    return out, sorted(offices)
