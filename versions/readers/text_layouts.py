"""Which extraction made a report's text, and the reader that rebuilds its table.

Different PDF-to-text tools print the same table differently. Each profile names the rule that detects
it and the reader that reads it into the table (rows of cells) every reader produces: the blocked
layout of the bundled sample (text_blocked.py), columns side by side (text_interleaved.py), no blank
lines (text_dense.py), pdfminer's text boxes (text_boxes.py) and pdfminer's boxes of one line each, a
table's visual lines with their grouping lost (text_fragments.py). What every text needs first is done
here, once: look-alike characters folded, header cells printed on lines of their own joined, ministry
tags in half-width brackets made full-width, a title and a bullet sharing a line parted, the 「担当」
offices of a blocked or dense text taken out. A text no profile accepts is refused with a line saying
what layout was expected.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..model.edition import ParseWarning
from ..model.errors import EditionParseError
from ..model.normalize import display_width, fold_extracted
from . import text_blocked, text_boxes, text_dense, text_fragments, text_interleaved
from .geometry import DESCRIPTION, OFFICE, PLANS, RESULTS
from .ministries import is_ministry_list
from .table import Table, attach_offices
from .vocabulary import (
    ENDED_RE,
    HALF_WIDTH_TAG_RE,
    HEADER_CELL_RE,
    HEADER_START,
    HIDDEN_LABEL_RE,
    OFFICE_HEADER,
    OFFICE_HEADER_RE,
    OFFICE_WORD_RE,
    PLANS_LABEL_RE,
    RESULTS_LABEL_RE,
    TAG_END_RE,
    TITLE_THEN_BULLET_RE,
    VISION_TAIL,
    is_bullet_start,
    is_header_text,
    is_heading,
    is_office_piece,
    is_page_number,
    is_title_line,
)

INTERLEAVED_WIDTH = 80.0  # no column is wider than ~60 cells: wider lines hold several columns
# A space between two Japanese characters: two cells side by side (Japanese text has no spaces). About 70%
# of the lines of pdfplumber's extract_text hold one, 1-4% of other extractions' lines.
CELLS_SPACE_RE = re.compile(r"[^\x00-\x7f] [^\x00-\x7f]")
SPACED_SHARE = 0.3
SAMPLE_LINES = 4_000  # a layout is uniform: its first lines tell it (a 10,000-row report has 200,000)
HEADING_LINES = 3  # a vision or goal wraps over at most this many lines
PAGE_BREAK_LINES = 4  # lines of page furniture (blank, page number, header) a heading's parts may sit across
VISION_START_RE = re.compile(r"^[（(][0-9０-９]{1,2}[）)]\s*「")  # （１）「… : a vision heading's start
TITLE_CANDIDATES = 3  # lines tested as the running title where nothing marks the pages
RUNNING_TITLE_PAGES = 3  # a line above the header printed this often is the document's running title
PAGE_NUMBER_EDGE_RE = re.compile(r"^(?:[-－―‐−]\s*)?[0-9０-９]{1,3}(?:\s*[-－―‐−])?\s+|\s+(?:[-－―‐−]\s*)?[0-9０-９]{1,3}"
                                 r"(?:\s*[-－―‐−])?$|\s+[0-9０-９]{1,3}\s*[/／]\s*[0-9０-９]{1,3}$")
LEADING_LINES = 8  # lines above 該当箇所 that may hold the cells printed before it, blank lines included
LEADING_CELLS_RE = re.compile(r"^(?:担当|列\s*\d?)(?:\s*(?:担当|列\s*\d?))*$")  # 「担当 列1 列2」, 「列3」 before 該当箇所
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
    Profile("out-of-order", "under 85% of ministry tags ［…］ followed by a results bullet: rows' cells printed out "
            "of order (pdfminer text boxes)", _out_of_order),
    Profile("dense", "under 5% of lines blank: columns blocked but not separated (pypdfium2)", _dense),
    Profile("blocked", "blank lines between blocks, columns one after another (the bundled sample)", lambda _: True),
)
EXPECTED = ("expected the table's text column by column (description, results, plans) under a header "
            "'該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定'; ingest the PDF itself instead")


def prepare(text: str) -> Prepared:
    """TEXT's lines made ready for its reader, and the profile that tells which reader."""
    # Every text is some tool's extraction of the PDF: its look-alikes (radicals, 〜, 「‧」 for 「・」) are
    # folded here, once, before any profile looks for bullets, tags or the header.
    lines = fold_extracted(text).split("\n")  # (no fold crosses a line: 「−」 is folded between two letters)
    boxed = any(x.strip() == HEADER_START for x in lines[:SAMPLE_LINES])  # header cells printed as boxes
    numbers = list(range(1, len(lines) + 1))
    feeds = frozenset(no for no, x in zip(numbers, lines, strict=True) if "\f" in x)
    lines = _join_header(lines)
    lines = [HALF_WIDTH_TAG_RE.sub(lambda m: f"［{m.group(1)}］" if is_ministry_list(m.group(1)) else m.group(0), x)
             if "[" in x else x for x in lines]
    titled = _drop_running_titles(lines)
    breaks = frozenset(no for no, a, b in zip(numbers, lines, titled, strict=True) if a != b)
    lines = _join_headings(titled)
    lines, numbers = _split_titles(lines, numbers)
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
            return text_boxes.read_boxes(lines, numbers, prepared.order)
        except text_boxes.BoxesError as exc:
            rule = next(p.rule for p in PROFILES if p.name == name)
            raise EditionParseError(f"layout '{name}' ({rule}): {exc}; {EXPECTED}") from None
    if name == "interleaved":
        return text_interleaved.read_interleaved(lines, numbers, prepared.office)
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


def _drop_running_titles(lines: list[str]) -> list[str]:
    """A running title printed at the top or foot of every page (「医療機器基本計画 重点的に…進捗状況」, with
    its page number or not): a line printed more than once, on at least every other page, each time next to
    a page header or a page number, or as the text's first line; or one printed again and again as it is
    printed above the first header (the document's title), blanked."""
    text = [x.strip() for x in lines]
    keys = [_title_key(x) for x in text]
    anchors = [i for i, x in enumerate(text) if is_header_text(x) or is_page_number(x)]
    counts = Counter(k for k in keys if k)
    near: set[int] = set()
    for i in anchors + [-1, len(text)]:  # (the text's first and last lines are a page's edge too)
        for step in (-1, 1):  # the nearest two lines with text on each side
            j, seen = i + step, 0
            while 0 <= j < len(text) and seen < 2:
                if text[j]:
                    near.add(j)
                    seen += 1
                j += step
    beside = Counter(keys[i] for i in near)
    first = next((i for i, x in enumerate(text) if is_header_text(x)  # (or its first cell, where a title or
                  or _leading_cells_out(x).startswith(HEADER_START)), 0)  # a box parts the cells)
    titles = {keys[i] for i in range(first) if keys[i] and counts[keys[i]] >= RUNNING_TITLE_PAGES}
    titles |= _numbered_titles(text, keys, counts)
    if len(anchors) < 2:  # nothing marks the pages (a header on page 1 only, no page numbers)
        spaced = {k for i, k in enumerate(keys) if k and counts[k] >= RUNNING_TITLE_PAGES and _spaced_title(text[i])
                  and not PAGE_NUMBER_EDGE_RE.search(text[i])}
        # (cells' lines side by side, restated in row after row, are also printed as part of a longer line;
        # a document has one running title: its likeliest few are tested, each once over the text's lines)
        every = "\n".join(counts)
        titles |= {k for k in sorted(spaced, key=lambda k: (-counts[k], k))[:TITLE_CANDIDATES] if every.count(k) == 1}
    out = list(lines)
    for i, x in enumerate(text):
        key = keys[i]
        if not key or (counts[key] < 2 and key not in titles):
            continue  # (a line printed once is no running title: most lines, tested first)
        if is_header_text(x) or HEADER_CELL_RE.match(HIDDEN_LABEL_RE.sub("", x).strip()) \
                or HEADER_CELL_RE.match(_leading_cells_out(x)) or is_heading(x) \
                or is_bullet_start(x) or is_page_number(x) or "］" in x or x.endswith("。") \
                or is_office_piece(x):  # (an office printed above the header, row after row; a header cell
            continue  # alone, 「該当箇所」, 「列1 該当箇所」 or 「担当 列1 列2 該当箇所」, is repeated on every page too)
        at_edge = i in near and counts[key] > 1 and beside[key] == counts[key] and 2 * counts[key] >= len(anchors)
        if at_edge or key in titles:
            out[i] = ""  # every time it is printed, it is printed at a page's edge, or it is the document's title
    return out


def _spaced_title(line: str) -> bool:
    """A line of words parted by a space, as a title prints (「医療機器基本計画 重点的に…進捗状況」): no
    sentence's marks (cells' lines side by side, as pdfplumber prints them, repeat where a row restates
    another), no header cell (「該当箇所 列1 列2 列3」) and no program's end (「令和５年度に事業終了 後継事業の
    予定無し」)."""
    return bool(CELLS_SPACE_RE.search(line)) and not ENDED_RE.search(line) and not any(c in line for c in "、。［・") \
        and not any(HEADER_CELL_RE.match(w) or HIDDEN_LABEL_RE.fullmatch(w) for w in line.split())


def _numbered_titles(text: list[str], keys: list[str], counts: Counter) -> set[str]:
    """Running titles that carry their page number (「…進捗状況 1」, 「…進捗状況 2」, …): printed on every
    page with the number counting up by one, though no header marks the pages (one on page 1 only)."""
    numbers: dict[str, list[int]] = {}
    for x, key in zip(text, keys, strict=True):
        m = PAGE_NUMBER_EDGE_RE.search(x) if key and counts[key] >= RUNNING_TITLE_PAGES else None
        digits = re.findall(r"[0-9０-９]+", m.group(0)) if m else []
        if digits:
            numbers.setdefault(key, []).append(int(unicodedata.normalize("NFKC", digits[0])))
    return {key for key, ns in numbers.items()
            if len(ns) == counts[key] and ns == list(range(ns[0], ns[0] + len(ns)))}


def _title_key(text: str) -> str:
    """A running title without its page number and spaces: 「医療機器基本計画 重点的に…進捗状況 3」 → 「医療機器…進捗状況」."""
    return "".join(PAGE_NUMBER_EDGE_RE.sub("", text).split())


def _join_headings(lines: list[str]) -> list[str]:
    """A vision （１）「…」に向けて or a goal 【…】 wrapped over lines (a large font, a narrow column): one
    line, the next ones blanked. A page break may cut it (「【医療保険制度における…に対す」, 「- 9 -」, the
    header, 「る適切な評価の実施】（再掲）」): the page's furniture between its parts stays where it is."""
    out = list(lines)
    for i, line in enumerate(lines):
        x = line.strip()
        close = "」" if VISION_START_RE.match(x) else "】" if x.startswith("【") else ""
        if not close:
            continue
        joined, j, parts = x, i + 1, []
        while j < len(lines) and j <= i + HEADING_LINES + PAGE_BREAK_LINES and close not in joined:
            y = lines[j].strip()
            if not _furniture(y):
                if len(parts) == HEADING_LINES:
                    break
                joined += y
                parts.append(j)
            j += 1
        if close == "」" and close in joined and (k := _vision_rest(lines, joined, j)) is not None:
            joined += lines[k].strip()
            parts.append(k)
        if not parts:
            continue
        if is_heading(joined):
            out[i] = joined
            for k in parts:
                out[k] = ""
    return out


def _furniture(line: str) -> bool:
    return not line or is_page_number(line) or is_header_text(line)


def _vision_rest(lines: list[str], joined: str, j: int) -> int | None:
    """The line from J on that holds the rest of a vision's last words 「…」に向けて, wrapped or cut by a page
    break after 「…」に向け」 (「て」 alone on the next line, perhaps past a page number and header); None
    where its words end whole or the next line with text is not their rest."""
    tail = joined[joined.rindex("」") + 1:]
    if tail == VISION_TAIL or not VISION_TAIL.startswith(tail):
        return None
    for k in range(j, min(len(lines), j + PAGE_BREAK_LINES + 1)):
        y = lines[k].strip()
        if not _furniture(y):
            return k if y == VISION_TAIL[len(tail):] else None
    return None


def _split_titles(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """A one-line title and the first results bullet printed on one baseline share a line
    (「保険導入の手引きの作成 ・令和６年度診療報酬…」): two lines, both citing the source line."""
    out: list[str] = []
    nums: list[int] = []
    for line, no in zip(lines, numbers, strict=True):
        m = TITLE_THEN_BULLET_RE.match(line.strip()) if "・" in line else None
        if m and is_title_line(m.group(1)):
            out += [m.group(1), m.group(2)]
            nums += [no, no]
        else:
            out.append(line)
            nums.append(no)
    return out, nums


def _join_header(lines: list[str]) -> list[str]:
    """Header cells printed on lines of their own are joined onto the 該当箇所 line (the others blanked); so
    are a 「担当」 cell and hidden labels printed on lines above it (「担当 列1 列2」 / 「列3」 / 「該当箇所 …」)."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not line.strip().startswith(HEADER_START):
            continue
        k, up = i, i - 1
        while up >= 0 and i - up <= LEADING_LINES and (LEADING_CELLS_RE.match(lines[up].strip())
                                                       or _label_digit(lines, up) or not lines[up].strip()):
            if lines[up].strip():  # (pdfminer prints each cell as a box of its own, a blank line after it)
                k = up
            up -= 1
        if k < i:  # the cells printed before 該当箇所, in their order
            out[i] = " ".join(x.strip() for x in lines[k:i + 1])
            for m in range(k, i):
                out[m] = ""
        if is_header_text(line):
            continue
        parts, j = [out[i].strip()], i + 1
        while j < len(lines) and j <= i + 8 and (not lines[j].strip() or HEADER_CELL_RE.match(lines[j].strip())
                                                 or lines[j].strip() == OFFICE_HEADER):
            if lines[j].strip():
                parts.append(lines[j].strip())
            j += 1
        joined = " ".join(parts)
        if is_header_text(joined):
            out[i] = joined
            for k in range(i + 1, j):
                out[k] = ""
    return out


def _leading_cells_out(line: str) -> str:
    """LINE without the hidden labels and the 「担当」 cell printed before 該当箇所 (「担当 列1 列2  該当箇所」)."""
    return HIDDEN_LABEL_RE.sub("", line).replace(OFFICE_HEADER, "").strip()


def _label_digit(lines: list[str], k: int) -> bool:
    """A hidden label wrapped mid-label: 「担当 列1 列2 列」 then 「3」 (a lone digit is a page number elsewhere)."""
    return lines[k].strip().isdigit() and k > 0 and lines[k - 1].rstrip().endswith("列") \
        and bool(LEADING_CELLS_RE.match(lines[k - 1].strip()))


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
