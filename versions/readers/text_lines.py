"""The lines of a report's text tidied before any profile looks at them: page furniture and cuts undone.

Every extraction prints the page's furniture among the table's lines and cuts what a page or a narrow
column cut. Done here, once, for every text reader: the running title printed at each page's edge taken
out (each one a page break the dense reader uses), header cells printed on lines of their own joined
onto the 該当箇所 line, a vision or goal heading wrapped over lines (or over a page break) joined, and a
one-line title and the bullet printed on its baseline parted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .vocabulary import (
    ENDED_RE,
    HEADER_CELL_RE,
    HEADER_START,
    HIDDEN_LABEL_RE,
    OFFICE_HEADER,
    TITLE_THEN_BULLET_RE,
    VISION_TAIL,
    is_bullet_start,
    is_header_text,
    is_heading,
    is_office_piece,
    is_page_number,
    is_title_line,
)

# A space between two Japanese characters: two cells side by side (Japanese text has no spaces). About 70%
# of the lines of pdfplumber's extract_text hold one, 1-4% of other extractions' lines.
CELLS_SPACE_RE = re.compile(r"[^\x00-\x7f] [^\x00-\x7f]")
HEADING_LINES = 3  # a vision or goal wraps over at most this many lines
PAGE_BREAK_LINES = 4  # lines of page furniture (blank, page number, header) a heading's parts may sit across
VISION_START_RE = re.compile(r"^[（(][0-9０-９]{1,2}[）)]\s*「")  # （１）「… : a vision heading's start
TITLE_CANDIDATES = 3  # lines tested as the running title where nothing marks the pages
RUNNING_TITLE_PAGES = 3  # a line above the header printed this often is the document's running title
PAGE_NUMBER_EDGE_RE = re.compile(r"^(?:[-－―‐−]\s*)?[0-9０-９]{1,3}(?:\s*[-－―‐−])?\s+|\s+(?:[-－―‐−]\s*)?[0-9０-９]{1,3}"
                                 r"(?:\s*[-－―‐−])?$|\s+[0-9０-９]{1,3}\s*[/／]\s*[0-9０-９]{1,3}$")
LEADING_LINES = 8  # lines above 該当箇所 that may hold the cells printed before it, blank lines included
# Hidden labels and a 「担当」 cell printed above 該当箇所, perhaps wrapped mid-label (「担当 列1 列」 / 「2 列3」,
# 「列1 担」 / 「当」): lines of their characters only, whose characters joined are whole labels.
LABEL_PIECES_RE = re.compile(r"^[担当列0-9\s]*$")
LABELS_RE = re.compile(r"^(?:担当|列\d*)+$")
LABEL_RE = re.compile(r"担当|列\d*")
LEADING_LABEL_RE = re.compile(r"^(?:列\s*\d\s*|担当\s*)*" + HEADER_START)  # 「列2 該当箇所 …」: labels, then 該当箇所
WRAPPED_LAST_LABEL_RE = re.compile(r"\s(担|列)$")  # 「… 列4 担」: the header's last label cut by its cell's width
# A header cell's text, its era digits as N, its 「・」 dropped: what a cell wrapped by its width must join up to.
HEADER_LABELS = frozenset({HEADER_START, "令和N年度の実績状況", "令和N年度の取組予定", OFFICE_HEADER, "列N"})
WRAPPED_HEADER_LINES = 3  # lines below the header its cells' rests are printed on


def drop_running_titles(lines: list[str]) -> list[str]:
    """A running title printed at the top or foot of every page (「医療機器基本計画 重点的に…進捗状況」, with
    its page number or not): a line printed more than once, on at least every other page, each time next to
    a page header or a page number, or as the text's first line; or one printed again and again as it is
    printed above the first header (the document's title), blanked."""
    text = [x.strip() for x in lines]
    memo: dict[str, str] = {}  # (a line printed again and again is keyed once)
    keys = [memo[x] if x in memo else memo.setdefault(x, _title_key(x)) for x in text]
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
        at_edge = i in near and counts[key] > 1 and beside[key] == counts[key] and 2 * counts[key] >= len(anchors)
        if not at_edge and key not in titles:
            continue  # (every time it is printed, it is printed at a page's edge, or it is the document's title)
        if is_header_text(x) or HEADER_CELL_RE.match(HIDDEN_LABEL_RE.sub("", x).strip()) \
                or HEADER_CELL_RE.match(_leading_cells_out(x)) or is_heading(x) \
                or is_bullet_start(x) or is_page_number(x) or "］" in x or x.endswith("。") \
                or is_office_piece(x):  # (an office printed above the header, row after row; a header cell
            continue  # alone, 「該当箇所」, 「列1 該当箇所」 or 「担当 列1 列2 該当箇所」, is repeated on every page too)
        out[i] = ""
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
    number_of: dict[str, int | None] = {}  # (a line printed again and again is searched once)
    for x, key in zip(text, keys, strict=True):
        if not key or counts[key] < RUNNING_TITLE_PAGES:
            continue
        if x not in number_of:
            m = PAGE_NUMBER_EDGE_RE.search(x)
            digits = re.findall(r"[0-9０-９]+", m.group(0)) if m else []
            number_of[x] = int(unicodedata.normalize("NFKC", digits[0])) if digits else None
        if number_of[x] is not None:
            numbers.setdefault(key, []).append(number_of[x])
    return {key for key, ns in numbers.items()
            if len(ns) == counts[key] and ns == list(range(ns[0], ns[0] + len(ns)))}


def _title_key(text: str) -> str:
    """A running title without its page number and spaces: 「医療機器基本計画 重点的に…進捗状況 3」 → 「医療機器…進捗状況」."""
    return "".join(PAGE_NUMBER_EDGE_RE.sub("", text).split())


def join_headings(lines: list[str]) -> list[str]:
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


def split_titles(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
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


def join_header(lines: list[str]) -> list[str]:
    """Header cells printed on lines of their own are joined onto the 該当箇所 line (the others blanked); so
    are a 「担当」 cell and hidden labels printed on lines above it (「担当 列1 列2」 / 「列3」 / 「該当箇所 …」)."""
    out = list(lines)
    for i, line in enumerate(lines):
        if LEADING_LABEL_RE.match(line.strip()) and not is_header_text(line) and (mended := _wrapped_cells(lines, i)):
            line, out[i], out[i + 1:mended[1]] = mended[0], mended[0], [""] * (mended[1] - i - 1)
        if not line.strip().startswith(HEADER_START) and not (LEADING_LABEL_RE.match(line.strip())
                                                               and is_header_text(line)):
            continue  # (「列2 該当箇所 列3 …」: a whole header behind its labels; not a box 「列1 該当箇所」)
        k, up, labels = i, i - 1, ""
        while up >= 0 and i - up <= LEADING_LINES and LABEL_PIECES_RE.match(lines[up]):
            if lines[up].strip():  # (pdfminer prints each cell as a box of its own, a blank line after it)
                labels = "".join(lines[up].split()) + labels  # (a label may wrap: 「担当 列1 列」 / 「2 列3」)
                if LABELS_RE.match(labels):
                    k = up
            up -= 1
        if k < i:  # the cells printed before 該当箇所, in their order
            out[i] = " ".join(LABEL_RE.findall("".join("".join(x.split()) for x in lines[k:i]))) + " " + line.strip()
            for m in range(k, i):
                out[m] = ""
        if m := WRAPPED_LAST_LABEL_RE.search(out[i].rstrip()):  # 「… 列4 担」 / 「当」: the last label wrapped
            j = next((j for j in range(i + 1, min(len(lines), i + 3)) if lines[j].strip()), i)
            rest = lines[j].strip() if j > i else ""
            if (m.group(1) == "担" and rest == "当") or (m.group(1) == "列" and rest.isdigit()):
                out[i], out[j] = out[i].rstrip() + rest, ""
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



def _wrapped_cells(lines: list[str], i: int) -> tuple[str, int] | None:
    """The header on line I with the rest of each header cell its width cut (「… 令和７年度の取組予 列4 担」 /
    「定 当」, or 「定」 / 「列4 担」 / 「当」): the pieces on the lines below, in their order, complete the cells
    left unfinished, and any whole label among them is a cell of its own. The header and the line after the
    pieces; None unless every cell ends whole."""
    cells = lines[i].split()
    if all(map(_whole, cells)):
        return None
    taken, j = False, i + 1
    while j < len(lines) and j <= i + WRAPPED_HEADER_LINES and (not all(map(_whole, cells))
                                                                or lines[j].strip() and LABEL_PIECES_RE.match(lines[j])):
        for piece in lines[j].split():
            cut = next((k for k, c in enumerate(cells) if not _whole(c)), None)
            if cut is not None and _label_start(cells[cut] + piece):
                cells[cut] += piece
            elif _label_start(piece):
                cells.append(piece)
            else:
                return None
            taken = True
        j += 1
    joined = " ".join(cells)
    if not taken or not all(map(_whole, cells)) or not is_header_text(joined):
        return None
    return joined, j


def _label_key(cell: str) -> str:
    return re.sub(r"\d+", "N", cell.replace("・", ""))


def _whole(cell: str) -> bool:
    """Is CELL a whole header label (not one its width cut)?"""
    return _label_key(cell) in HEADER_LABELS


def _label_start(text: str) -> bool:
    key = _label_key(text)
    return any(label.startswith(key) for label in HEADER_LABELS)


def _leading_cells_out(line: str) -> str:
    """LINE without the hidden labels and the 「担当」 cell printed before 該当箇所 (「担当 列1 列2  該当箇所」)."""
    return HIDDEN_LABEL_RE.sub("", line).replace(OFFICE_HEADER, "").strip()
