"""A line of a cell cut short mid-word, checked on a text reader's table.

A PDF extractor may print a space inside one column's line (pdfplumber did in 「…３大バイオバンク 等に蓄積
された…」, a wide gap in the print); a text reader that parts columns at spaces then gives the line's rest to
the next column. What is left shows it: a line well short of its column, after a full line, whose word
goes on at the start of the next line (「…３大バイオバンク」 / 「む。［…］」: 取り組 + む). A line that ends short
of its column ends a paragraph (a title, an item's heading), and the next paragraph does not open with the
inside of a word: a kana that goes on one.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model.edition import ParseWarning
from .geometry import SHORT
from .table import Table
from .vocabulary import PARTICLE_RE

CODE = "layout-cut-line"
# Cells short of the column: kinsoku moves one character, proportional punctuation (「、」) measures up to
# about two more (under 3.5 in all); a latin word that does not fit goes on with a latin letter, which GOES_ON_RE
# does not take. 3.5 cells short or more before a kana that goes on a word is a cut (seen 3900: four characters).
CUT_SHORT = 3.5
# What a paragraph ends with (a sentence, a bracket, a heading's mark) and what no word goes on with.
ENDS = ("。", "）", ")", "」", "］", "、", "】", "＞")
# hiragana, not one kinsoku keeps off a line's start: the rest of a word (「む。」, 「る予定。」), never a paragraph's start
GOES_ON_RE = re.compile(r"^[あいうえおか-ぢつ-もやゆよ-ろわをん]")
LETTER_END_RE = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]$")
DIGITS_GLUED_RE = re.compile(r"^[0-9０-９]+[A-Za-zＡ-Ｚａ-ｚ]")  # 「1129Computer」: no word of the report
ITEM_RE = re.compile(r"^[\u2460-\u2473]")  # ① … ⑳: an item's heading, a paragraph of its own
JOIN = 2  # characters each side of a line break whose joining the text's own words tell
ITEM_END = 4  # characters that end a paragraph before an item as the others do (「医療機器」)


def cut_lines(table: Table) -> list[ParseWarning]:
    """A warning at each line of TABLE (a text reader's, lines carrying their slack) cut short mid-word."""
    found = []
    for row in table.rows:
        if row.merged:
            continue
        for cell in row.cells:
            lines = cell.lines
            for k in range(2, len(lines) - 1):  # (a cell's first two lines may be its title)
                before, line, after = lines[k - 1], lines[k], lines[k + 1]
                if before.slack is None or line.slack is None or not before.page == line.page == after.page:
                    continue
                goes_on = GOES_ON_RE.match(after.text) or (k + 2 == len(lines) and after.text.endswith("］"))
                if before.slack <= SHORT and line.slack >= CUT_SHORT and not line.text.endswith(ENDS) \
                        and goes_on and not ITEM_RE.match(line.text):
                    found.append(ParseWarning(
                        CODE, f"line {line.no}: 「…{line.text[-12:]}」 stops {line.slack:.0f} cells short of its column "
                        f"mid-word (「{after.text[:6]}…」 goes on with it): the rest of the line may have been read "
                        "into another column", 0, line.no))
    return found + _spliced(table) + _rest_lost(table) + _bullet_in_sentence(table) + _lone_rest(table) \
        + _latin_parted(table)


def _spliced(table: Table) -> list[ParseWarning]:
    """A line after a sentence's end that opens with a word's suffix or a particle (「。」 / 「等に蓄積された…」)
    goes on with a line of another cell: no sentence starts so. pdfplumber printed a space inside a description
    line (「…３大バイオバンク 等に蓄積されたデータの活」) and its rest went to the results, after their 「。」."""
    found = []
    for row in table.rows:
        for cell in row.cells:
            for before, line in zip(cell.lines, cell.lines[1:], strict=False):
                if before.text.endswith("。") and before.page == line.page and PARTICLE_RE.match(line.text):
                    found.append(ParseWarning(
                        CODE, f"line {line.no}: 「{line.text[:12]}…」 opens with a word's end after a sentence's end "
                        f"(「…{before.text[-6:]}」): it goes on with another column's line", 0, line.no))
    return found


def _rest_lost(table: Table) -> list[ParseWarning]:
    """A full line of a paragraph at a page's foot, stopping mid-sentence, with an item ①… or a bullet opening
    the next page: a full line goes on, so its paragraph's next line was read into another column (pdfplumber
    printed 「…自律化を実」 at a page's foot and the next page's first line, 「現する医療機器」, alone: it went to the
    results, 「…課題を採択現する医療機器」). A line ending as the cell's other paragraphs before an item end
    (「…医療機器」, the items' explanations) ends its paragraph there, filling its line."""
    found = []
    for row in table.rows:
        if row.merged:
            continue
        for cell in row.cells:
            pairs = list(zip(cell.lines[1:], cell.lines[2:], strict=False))  # (not a title's first line)
            before_items = Counter(line.text[-ITEM_END:] for line, after in pairs if _opens_item(after.text))
            for line, after in pairs:
                if line.slack is not None and line.slack <= SHORT and line.page != after.page \
                        and not line.text.endswith(ENDS) and _opens_item(after.text) \
                        and before_items[line.text[-ITEM_END:]] < 2:
                    found.append(ParseWarning(
                        CODE, f"line {line.no}: 「…{line.text[-12:]}」 fills its column at a page's foot, so its "
                        f"sentence goes on, but the next page opens an item (「{after.text[:6]}…」): the sentence's "
                        "rest may have been read into another column", 0, line.no))
    return found


def _latin_parted(table: Table) -> list[ParseWarning]:
    """A line opening with digits glued to a latin word, after a line ending in a latin word (「…「Brain」 /
    「1129Computer Interface…」): the report never glues digits to a word so, and a latin phrase goes on with
    its word; the digits are the end of the column to the left, which the extractor printed after a space of
    its own and glued to this column's line (pdfplumber: 「…医薬機審発 1129Computer…」)."""
    found = []
    for row in table.rows:
        for cell in row.cells:
            for before, line in zip(cell.lines, cell.lines[1:], strict=False):
                if LETTER_END_RE.search(before.text) and DIGITS_GLUED_RE.match(line.text):
                    found.append(ParseWarning(
                        CODE, f"line {line.no}: 「{line.text[:12]}…」 opens with digits glued to a latin word after "
                        f"「…{before.text[-6:]}」: the digits may end the column to its left", 0, line.no))
    return found


def _opens_item(text: str) -> bool:
    return bool(ITEM_RE.match(text)) or text.startswith("・")


def _bullet_in_sentence(table: Table) -> list[ParseWarning]:
    """A bullet's line between a full line stopping mid-sentence and, after a page break, the rest of a word
    (「…定量的なエビデンス」 / 「・医療機器等…において４件の課題を採択」 / 「で有効性が確認…」): a sentence does not
    pause for a bullet, so the bullet is another column's line at the page's foot (pdfplumber printed a results
    line alone there and it was read into the description, inside its sentence)."""
    found = []
    for row in table.rows:
        for cell in row.cells:
            for before, line, after in zip(cell.lines, cell.lines[1:], cell.lines[2:], strict=False):
                if before.slack is not None and before.slack <= SHORT and not before.text.endswith(ENDS) \
                        and _opens_item(line.text) and before.page == line.page != after.page \
                        and (GOES_ON_RE.match(after.text) or PARTICLE_RE.match(after.text)):
                    found.append(ParseWarning(
                        CODE, f"line {line.no}: 「{line.text[:12]}…」 opens a bullet inside a sentence (「…{before.text[-6:]}」 "
                        f"goes on 「{after.text[:6]}…」 after the page break): another column's line read into it", 0, line.no))
    return found


def _lone_rest(table: Table) -> list[ParseWarning]:
    """A line printed alone at a page's foot (no other column on its text line), under a column's full line
    that stops mid-sentence there and goes on only on the next page, where the text joins the two (that line's
    last JOIN characters and the lone line's first JOIN) more often than it joins the lone line to the line it
    was read after: the lone line is likely that column's rest, read into another (pdfplumber printed an item's
    last word 「機器」 alone under 「…に資する医療」 and it was read after the results' 「…課題を採択」: 「医療機器」 is
    all through the report, 「採択機器」 nowhere; one character each side is too little: 「器の」 outnumbers
    「件の」). A column may stop a line early at a page's foot (a browser keeps two lines of a paragraph
    together), so the words tell, not the heights. The text is counted only where such a line is found."""
    found = []
    text = ""
    for row in table.rows:
        if row.merged:
            continue
        at = Counter(line.no for cell in row.cells for line in cell.lines)
        last: dict[int, int] = {}  # page -> the row's last line number on it
        for cell in row.cells:
            for line in cell.lines:
                last[line.page] = max(last.get(line.page, 0), line.no)
        for c, cell in enumerate(row.cells):
            for before, line in zip([None, *cell.lines], cell.lines, strict=False):
                if at[line.no] > 1 or last[line.page] != line.no or _opens_item(line.text):
                    continue
                stops = [other.text[-JOIN:] for d, cell2 in enumerate(row.cells) if d != c
                         for other in _stopping(cell2.lines, line.no - 1)]
                if not stops:
                    continue
                # (each cell's lines joined: a word cut by a line break counts, and the lone line's own join once)
                text = text or "\n".join("".join(x.text for x in cell2.lines) for r in table.rows for cell2 in r.cells)
                head = line.text[:JOIN]
                read = text.count(before.text[-JOIN:] + head) - 1 if before and before.page == line.page else 0
                if any(text.count(end + head) > read for end in stops):
                    found.append(ParseWarning(
                        CODE, f"line {line.no}: 「{line.text[:12]}」, printed alone at a page's foot, goes on better "
                        "with the column that stops mid-sentence just above it than with the line it was read after: "
                        "it may be that column's rest", 0, line.no))
    return found


def _stopping(lines, no: int) -> list:
    """LINES' full line at NO, stopping mid-sentence and going on only on a later page (or none). A line whose reader
    gives no slack (the interleaved reader's results and plans) counts as full where it stops mid-sentence: the
    words then tell (h7400 7435: the results' 「…また、ジュ」 above a lone 「ネーヴで開催された、…」 read into the
    description after its 「…国際公共調達」, unnamed)."""
    for line, after in zip(lines, lines[1:], strict=False):
        if line.no == no:
            full = (line.slack is None or line.slack <= SHORT) and not line.text.endswith(ENDS)
            return [line] if full and after.page > line.page else []
    return []
