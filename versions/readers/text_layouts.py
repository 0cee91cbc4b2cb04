"""Layout profiles of report text: which extraction made it, and how to read it as the seed's layout.

Different PDF-to-text tools print the same table differently. Each profile names the rule that
detects it; a profile's `prepare` rewrites the lines, in place where it can, into the layout the text
reader (parse_text.py) reads: the header on one line, blocks (description, results, plans) separated
by blank lines, full-width ministry brackets. Line numbers of the source are kept for citations. A
text no profile accepts is refused with a line saying what layout was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model.edition import ParseWarning
from ..model.errors import EditionParseError
from ..model.normalize import display_width, fold_extracted
from . import text_boxes, text_interleaved
from .layout import HEADER_RE, NARROW, TITLE_MAX, is_bullet_start, is_title_line
from .ministries import is_ministry_list
from .rows import ITEM_WRAP
from .text_dense import Note
from .text_dense import rebuild as rebuild_dense

# A header cell alone on its line (pdfminer, poppler): 「該当箇所 列1 列2」 / 「列3」 / 「令和6年度の実績・状況」
HEADER_START_RE = re.compile(r"^該当箇所")
HEADER_CELL_RE = re.compile(r"^(?:列\s*\d\s*)+$|^(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の(?:実績[・･]?状況|取組予定)")
OFFICE_HEADER_RE = re.compile(r"取組予定\s*担当\s*$")  # …令和５年度の取組予定 担当 (FY2023, four columns)
# A ministry tag printed with half-width brackets: [◎経], [文、◎厚] (web extraction)
HALF_WIDTH_TAG_RE = re.compile(r"\[(◎?[^\[\]\s、，,◎]{1,3}(?:\s*[、，,]\s*◎?[^\[\]\s、，,◎]{1,3})*)\]")
# An office of the 「担当」 column: 厚労省医療機器審査管理課, wrapped 「厚労省医療機器審査」 / 「管理課」
OFFICE_RE = re.compile(r"^[^\s・○①-⑳（(【［][^\s（(【［]{0,15}$")
OFFICE_WORD_RE = re.compile(r"(?:省|庁|府|官房|局|部|課|室|班|センター|ンス課)$")
OFFICE_MAX = 16.0  # the 担当 column holds at most ~14 characters a line
# 保険導入の手引きの作成 ・令和６年度診療報酬改定を踏まえた…: a title and a bullet on one line
TITLE_THEN_BULLET_RE = re.compile(r"^([^・。、\s][^・。]{3,46}?)[ 　]+(・.+)$")
TITLE_MARGIN = 4.0  # cells between the widest title and the description column's width (48 and ~54 in the sample)
INTERLEAVED_WIDTH = 80.0  # no column is wider than ~60 cells: wider lines hold several columns


@dataclass(frozen=True)
class Prepared:
    """Lines ready for the text reader, with each one's source line number (0 for added breaks)."""

    lines: list[str]
    numbers: list[int]
    profile: str
    offices: list[tuple[int, str]]  # (source line, office text) of a 「担当」 column
    title_max: float = TITLE_MAX  # the widest a title line may be: below the description column's width
    warnings: tuple[ParseWarning, ...] = ()  # what a layout's reader could not rebuild (codes layout-…)
    narrow: float = NARROW  # the widest a plans line may be (estimated from the text in the dense layout)
    notes: tuple[Note, ...] = ()  # what the layout lost, by source line (the reader names the measure)
    item_wrap: float = ITEM_WRAP  # a description item's line at least this wide wrapped (dense: the column's width)


@dataclass(frozen=True)
class Profile:
    name: str
    rule: str  # how the profile is detected, in words (shown when a text is refused)
    detect: Callable[[list[str]], bool]


SAMPLE_LINES = 4_000  # a layout is uniform: its first lines tell it (a 10,000-row report has 200,000)


def _widths(lines: list[str]) -> list[float]:
    return [display_width(x.strip()) for x in lines[:SAMPLE_LINES] if x.strip()]


def _interleaved(lines: list[str]) -> bool:
    widths = _widths(lines)
    return bool(widths) and sum(w > INTERLEAVED_WIDTH for w in widths) > 0.15 * len(widths)


def _fragmented(lines: list[str]) -> bool:
    blank = sum(1 for x in lines if not x.strip())
    return len(lines) > 20 and blank > 0.4 * len(lines)


TAG_END_RE = re.compile(r"］\s*$")  # a line closing a ministry tag: ……取り組む。［◎厚］


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
    Profile("interleaved", f"over 15% of lines wider than {INTERLEAVED_WIDTH:.0f} cells: the columns share lines "
            "(pdfplumber extract_text, web services)", _interleaved),
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
    """Detect the layout of TEXT and rewrite it into the blocked layout, or refuse it."""
    # Every text is some tool's extraction of the PDF: its look-alikes (radicals, 〜, 「‧」 for 「・」) are
    # folded here, once, before any profile looks for bullets, tags or the header.
    lines = fold_extracted(text).split("\n")  # (no fold crosses a line: 「−」 is folded between two letters)
    numbers = list(range(1, len(lines) + 1))
    lines = _join_header(lines)
    lines = [HALF_WIDTH_TAG_RE.sub(lambda m: f"［{m.group(1)}］" if is_ministry_list(m.group(1)) else m.group(0), x)
             if "[" in x else x for x in lines]
    lines, numbers = _split_titles(lines, numbers)
    profile = next(p for p in PROFILES if p.detect(lines))
    warnings: list[ParseWarning] = []
    if profile.name in ("fragmented", "out-of-order"):
        try:
            lines, numbers, warnings = text_boxes.rebuild(lines, numbers)
        except text_boxes.BoxesError as exc:
            raise EditionParseError(f"layout '{profile.name}' ({profile.rule}): {exc}; {EXPECTED}") from None
    offices: list[tuple[int, str]] = []
    office = any(OFFICE_HEADER_RE.search(x) for x in lines[:200])
    if profile.name == "interleaved":
        unzipped = text_interleaved.unzip(lines, numbers, office)
        lines, numbers, offices = unzipped.lines, unzipped.numbers, unzipped.offices
        warnings += unzipped.warnings
    elif office:
        lines, offices = _take_offices(lines, numbers)
    title_max = _title_max(lines)
    narrow, item_wrap = NARROW, ITEM_WRAP
    notes: list[Note] = []
    if profile.name == "dense":
        lines, numbers, widths, notes = rebuild_dense(lines, numbers)
        if widths is None:  # too few wrapped lines to tell the columns' widths: the sample's widths
            lines, numbers = _separate_blocks(lines, numbers, title_max)
        else:  # a title is a line of the description column: up to its width, less a margin
            narrow, item_wrap = widths.narrow, widths.wrapped(widths.description)
            title_max = widths.title_max
    return Prepared(lines, numbers, profile.name, offices, title_max, tuple(warnings), narrow, tuple(notes), item_wrap)


def _title_max(lines: list[str]) -> float:
    """TITLE_MAX, or less where the description column is narrower than the sample's (~54 cells; a
    four-column table's is ~48): a full description line must not pass for a title. The column's width
    is that of the lines two above a ministry tag's closing bracket (full lines inside a description)."""
    text = [x.strip() for x in lines[:SAMPLE_LINES]]
    widths = sorted(display_width(text[i - 2]) for i in range(2, len(text))
                    if "］" in text[i] and text[i - 1] and text[i - 2] and not is_bullet_start(text[i - 2])
                    and not is_bullet_start(text[i - 1]) and "］" not in text[i - 2])
    if len(widths) < 5:
        return TITLE_MAX
    return min(TITLE_MAX, widths[len(widths) // 2] - TITLE_MARGIN)


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
    """Header cells printed on lines of their own are joined onto the 該当箇所 line (the others blanked)."""
    out = list(lines)
    for i, line in enumerate(lines):
        if "該当箇所" not in line or not HEADER_START_RE.match(line.strip()) or HEADER_RE.search(line):
            continue
        parts, j = [line.strip()], i + 1
        while j < len(lines) and j <= i + 8 and (not lines[j].strip() or HEADER_CELL_RE.match(lines[j].strip())
                                                 or lines[j].strip() == "担当"):
            if lines[j].strip():
                parts.append(lines[j].strip())
            j += 1
        joined = " ".join(parts)
        if HEADER_RE.search(joined):
            out[i] = joined
            for k in range(i + 1, j):
                out[k] = ""
    return out


def _take_offices(lines: list[str], numbers: list[int]) -> tuple[list[str], list[tuple[int, str]]]:
    """Lines of the 「担当」 column: short office names after a row's plans, blanked out of the text.

    An office line is short, has no bullet or bracket, and ends in an office word (…課, …室, …局) or is
    continued by one that does (「厚労省医療機器審査」 / 「管理課」)."""
    out = list(lines)
    offices: list[tuple[int, str]] = []
    for i, line in enumerate(lines):  # an office printed on the baseline of a row's last line
        head, sep, tail = line.rstrip().rpartition(" ")
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not (sep and head.strip() and _office_piece(tail)) or out[i] != line:
            continue
        if OFFICE_WORD_RE.search(tail):
            out[i] = head
            offices.append((numbers[i], tail))
        elif _office_piece(nxt) and OFFICE_WORD_RE.search(nxt):  # 「…ライフサイエ」 / 「ンス課」
            out[i], out[i + 1] = head, ""
            offices.append((numbers[i], tail + nxt))
    lines = list(out)
    i = 0
    while i < len(lines):
        x = lines[i].strip()
        if _office_piece(x) and not HEADER_START_RE.match(x):
            j, text = i, ""
            while j < len(lines) and _office_piece(lines[j].strip()) and j - i < 3:
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


def _office_piece(text: str) -> bool:
    return bool(text) and display_width(text) <= OFFICE_MAX and bool(OFFICE_RE.match(text)) \
        and not text.endswith(("。", "、")) and not is_bullet_start(text) and "年度" not in text


def _separate_blocks(lines: list[str], numbers: list[int], title_max: float = TITLE_MAX
                     ) -> tuple[list[str], list[int]]:
    """Blank lines where the blocked layout has them: after a ministry tag, before a title, around the
    plans column (a run of narrow bullets after wide ones, followed by no bullet)."""
    out: list[str] = []
    nums: list[int] = []
    text = [x.strip() for x in lines]
    plans_start = _plans_starts(text, title_max)
    for i, x in enumerate(text):
        prev = text[i - 1] if i else ""
        starts_block = i in plans_start or (
            prev and (prev.endswith("］") or (prev.endswith("。") and display_width(prev) <= NARROW
                                             and display_width(x) > NARROW and not is_bullet_start(x))
                      or (is_title_line(x, title_max) and prev.endswith(("。", "］"))))
            or _titles_description(text, i, title_max))
        if starts_block and out and out[-1]:
            out.append("")
            nums.append(0)
        out.append(lines[i])
        nums.append(numbers[i])
    return out, nums


def _titles_description(text: list[str], i: int, title_max: float) -> bool:
    """A heading-like line followed by a full-width line that is no bullet: a title over its description."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (is_title_line(text[i], title_max) and display_width(nxt) >= NARROW + 3
            and not is_bullet_start(nxt) and not text[i - 1].endswith(("、", "，")))


def _row_start(text: list[str], j: int, title_max: float) -> bool:
    """A short line that starts the next row rather than continuing a plans bullet: a title after a
    finished sentence, or a line holding a ministry tag."""
    x = text[j]
    return "］" in x or (text[j - 1].endswith("。") and not is_bullet_start(x) and is_title_line(x, title_max))


def _after_wide(text: list[str], i: int) -> bool:
    """Does line I follow a wide bullet (a results bullet, whose last line may be short)?"""
    j = i - 1
    while j >= 0 and text[j]:
        if display_width(text[j]) > NARROW + 1:
            return True
        if is_bullet_start(text[j]):
            return False
        j -= 1
    return False


def _plans_starts(text: list[str], title_max: float) -> set[int]:
    """Indexes where a plans column starts: a bullet whose run of narrow lines follows a wide line and is
    followed by a line that is not a bullet (the next row's title or description, or a heading)."""
    starts: set[int] = set()
    i = 0
    while i < len(text):
        x = text[i]
        if x and is_bullet_start(x) and display_width(x) <= NARROW and _after_wide(text, i):
            j = i + 1
            while j < len(text) and text[j] and display_width(text[j]) <= NARROW + 1 and not _row_start(text, j, title_max):
                j += 1
            after = text[j] if j < len(text) else ""
            if not after or not is_bullet_start(after):
                starts.add(i)
            i = j
            continue
        i += 1
    return starts
