"""Reader for the blocked layout (the bundled sample's): each row's cells printed one after another in blocks.

What is left to go by: page headers (「該当箇所 列1 列2 列3 令和６年度…」), headings, the ministry tag ［…］
that closes each description, blank lines between blocks, and line widths (the results column prints
about 60 cells wide, the plans column about 40). The flow of lines is cut into rows at the tags: a
description (and its title) runs back from its tag to the block before it; what follows the tag is
the row's results, then its plans (a block of narrow lines). Each row is handed on as cells.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model.normalize import display_width
from .geometry import TITLE_MARGIN, Geometry, slack
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .table import Cell, Line, Row, Table, split_mixed
from .vocabulary import (
    SEE_ABOVE_RE,
    TAB_ITEM_RE,
    TITLE_MAX,
    is_bullet_start,
    is_header_text,
    is_heading,
    is_page_number,
    is_title_line,
    vision_number,
)

NARROW = Geometry().narrow  # the sample's plans lines are at most ~42 cells wide, full results lines 50+
SAMPLE_LINES = 4_000  # a layout is uniform: its first lines tell it
Item = Line | None  # None: a break (a blank line, a page header or page number between text lines)


@dataclass(frozen=True)
class FlowTag:
    """A ministry tag ［…］ closing a description in the flow of lines, possibly wrapped over lines."""

    start: int  # index of the line holding ［ (or the fragment when ［ was lost)
    start_col: int
    end: int  # index of the line holding ］
    end_col: int  # column just after ］


@dataclass
class _Draft:
    """A row being cut from the flow: its description cell's lines, results and plans."""

    desc: list[Line] = field(default_factory=list)
    items: list[Line] = field(default_factory=list)
    results: list[Line] = field(default_factory=list)
    plans: list[Line] = field(default_factory=list)

    def row(self, geometry: Geometry) -> Row:
        items = [Line(x.no, x.page, x.text, x.raw, slack=slack(x.width, geometry.item_wrap)) for x in self.items]
        return Row([Cell(self.desc + items), Cell(self.results), Cell(self.plans)])


def read_blocked(lines: list[str], numbers: list[int], separate: bool = False) -> Table:
    """The rows of a blocked text (lines with their source line numbers). SEPARATE: the text has no blank
    lines (a dense text too short to measure its columns): they are put where the blocked layout has them."""
    geometry = Geometry(title_max=_title_max(lines))
    if separate:
        lines, numbers = _separate_blocks(lines, numbers, geometry.title_max)
    rows: list[Row] = []
    outside: list[str] = []
    segment: list[Item] = []
    in_goal = headed = False
    for item in _read_lines(lines, numbers):
        if isinstance(item, Row):  # a page header: the first one heads the table, the others are breaks
            if not headed:  # what comes before it is no row of the table (a title, a note)
                outside = [c.text for r in rows for c in r.cells] + [x.text for x in segment if x is not None]
                segment, rows, headed = [], [item], True
            segment.append(None)
            continue
        if item is not None and is_heading(item.text):
            see_above = SEE_ABOVE_RE.match(item.text)
            if not see_above or (in_goal and not any(segment)):
                rows += _rows(segment, geometry)
                segment = []
                rows.append(Row([Cell([item])]))
                in_goal = in_goal if see_above else vision_number(item.text) is None
                continue
        segment.append(item)
    rows += _rows(segment, geometry)
    return Table(rows, "blocked", geometry, outside=outside)


def _read_lines(text: list[str], numbers: list[int]) -> list[Item | Row]:
    """Source lines with page numbers; page headers become rows of their own, page numbers and blanks breaks."""
    out: list[Item | Row] = []
    # A line's page counts the page headers above it in the source: a reader that moved a row's part
    # from the next page up keeps citing the page it was printed on.
    headers = sorted(no for no, raw in zip(numbers, text, strict=True) if is_header_text(raw.strip()))
    for no, raw in zip(numbers, text, strict=True):
        stripped = raw.strip()
        page = max(bisect.bisect_right(headers, no), 1)
        if is_header_text(stripped):
            out.append(Row([Cell([Line(no, page, stripped, raw)])]))
        elif not stripped or is_page_number(stripped):
            out.append(None)
        else:
            out.append(Line(no, page, stripped, raw))
    return out


def _rows(items: list[Item], geometry: Geometry) -> list[Row]:
    """Cut one goal's lines into rows: [title] description ［tag］ results plans."""
    tags = find_tags(items)
    drafts: list[_Draft] = []
    starts: list[int] = []
    lo = 0
    for tag in tags:
        draft, start = _description(items, tag, lo, geometry)
        drafts.append(draft)
        starts.append(start)
        lo = tag.end + 1
    out: list[_Draft] = []
    head_end = starts[0] if starts else len(items)
    if any(items[:head_end]):  # lines before the first description: rows without a tag
        orphan = _columns(list(items[:head_end]), _Draft(), geometry)
        out.extend(r for r in orphan if r.results or r.plans or r.desc)
    for k, (draft, tag) in enumerate(zip(drafts, tags, strict=True)):
        end = starts[k + 1] if k + 1 < len(drafts) else len(items)
        body: list[Item] = []
        last = items[tag.end]
        assert last is not None
        rest = last.text[tag.end_col:].strip()
        if rest:
            body.append(Line(last.no, last.page, rest))
        body.extend(items[tag.end + 1: end])
        out.extend(_columns(body, draft, geometry))
    return [d.row(geometry) for d in out]


def _description(items: list[Item], tag: FlowTag, lo: int, geometry: Geometry) -> tuple[_Draft, int]:
    """Walk back from a tag to where its description (and title) start."""
    title_max = geometry.title_max
    i = tag.start
    while i - 1 >= lo and items[i - 1] is not None and not _ends_block(items[i - 1], geometry):  # type: ignore[arg-type]
        i -= 1
    title: int | None = None
    first = i
    if i < tag.start and is_title_line(items[i].text, title_max):  # type: ignore[union-attr]
        title, first = i, i + 1
    # Extraction breaks descriptions with blank lines (lines 425-430: three pieces); go back over
    # pieces that end in a full-width line without 。 (the text runs on), then look for the title.
    while title is None:
        para = _paragraph_before(items, first, lo)
        if not para:
            break
        k, lines = para
        if len(lines) == 1 and is_title_line(lines[0].text, title_max):
            title = k
        elif is_title_line(lines[0].text, title_max) and _runs_on(lines[1:], title_max):
            title, first = k, k + 1
        elif _runs_on(lines, title_max):
            first = k
            continue
        break
    desc: list[Line] = [items[title]] if title is not None else []  # type: ignore[list-item]
    for x in range(first, tag.end + 1):
        line = items[x]
        if line is None:
            continue
        if x == tag.end:  # the tag's line up to its end: what follows is the row's results
            line = Line(line.no, line.page, line.text[: tag.end_col].strip(), line.raw)
        desc.append(line)
    return _Draft(desc=desc), (title if title is not None else first)


def _paragraph_before(items: list[Item], i: int, lo: int) -> tuple[int, list[Line]] | None:
    """The paragraph that ends before line index i (after at least one break), not before lo."""
    j = i - 1
    while j >= lo and items[j] is None:
        j -= 1
    if j < lo or j == i - 1:
        return None
    k = j
    while k - 1 >= lo and items[k - 1] is not None:
        k -= 1
    return k, [x for x in items[k: j + 1] if x is not None]


def _runs_on(lines: list[Line], title_max: float) -> bool:
    """Description lines cut off by a break: full width (wider than any title), no bullet or tag, no sentence
    end at the cut."""
    return bool(lines) and all(
        x.width >= title_max and not is_bullet_start(x.text) and "］" not in x.text for x in lines
    ) and not lines[-1].text.endswith("。")


def _ends_block(line: Line, geometry: Geometry) -> bool:
    """A line that cannot be inside a description: a bullet, a short sentence end, a closed tag."""
    return is_bullet_start(line.text) or "］" in line.text or (line.text.endswith("。") and line.width <= geometry.narrow)


def _columns(body: list[Item], owner: _Draft, geometry: Geometry) -> list[_Draft]:
    """Split what follows a tag into results and plans; a title followed by results starts a new row."""
    narrow, title_max = geometry.narrow, geometry.title_max
    rows = [owner]
    paras = paragraphs(body)
    if paras and TAB_ITEM_RE.match(paras[0][0].text):  # ①	… items of the description (line ~503)
        last = max(p for p, para in enumerate(paras) if any(TAB_ITEM_RE.match(x.text) for x in para))
        for para in paras[: last + 1]:
            owner.items.extend(para)
        paras = paras[last + 1:]
    mode = "results"
    first = True
    for para in paras:
        row = rows[-1]
        if (mode == "plans" and len(para) >= 2 and is_title_line(para[0].text, title_max)
                and is_bullet_start(para[1].text) and para[1].width > narrow):
            # 「保険導入の手引きの作成」 (line 896): a title, no description, results at once.
            row = _Draft(desc=[para[0]])
            rows.append(row)
            para = para[1:]
            mode, first = "results", True
        elif mode == "plans" and any(x.width > narrow + 1 for x in para):
            mode = "results"  # an untitled second block of results (line 845)
        elif mode == "results" and not first and all(x.width <= narrow for x in para):
            mode = "plans"
        first = False
        for line in para:
            left, right = split_mixed(line) if mode == "results" else (line, None)
            (row.results if mode == "results" else row.plans).append(left)
            if right is not None:
                row.plans.append(right)
                mode = "plans"
    return rows


def paragraphs(items: list[Item]) -> list[list[Line]]:
    out: list[list[Line]] = []
    current: list[Line] = []
    for item in items:
        if item is None:
            if current:
                out.append(current)
            current = []
        else:
            current.append(item)
    if current:
        out.append(current)
    return out


def find_tags(items: list[Item]) -> list[FlowTag]:
    """Ministry tags (and 担当省庁 sub-heading brackets) in document order."""
    tags: list[FlowTag] = []
    for i, item in enumerate(items):
        if item is None or "］" not in item.text:
            continue
        tag = _tag_ending_at(items, i, item.text.index("］"))
        if tag and (not tags or tag.start > tags[-1].end):
            tags.append(tag)
    return tags


def _tag_ending_at(items: list[Item], i: int, close: int) -> FlowTag | None:
    text = items[i].text  # type: ignore[union-attr]
    open_col = text.rfind("［", 0, close)
    if open_col >= 0:
        return _make_tag(i, open_col, i, close, text[open_col + 1: close])
    inner_parts = [text[:close]]
    j, seen = i - 1, 0
    while j >= 0 and seen < 3:  # ［◎ / 厚］ (line 858) or ［担当省庁…記 / (blank) / 載の…参照］ (line 561)
        prev = items[j]
        if prev is not None:
            seen += 1
            if "］" in prev.text:
                break
            if "［" in prev.text:
                col = prev.text.rindex("［")
                inner = prev.text[col + 1:] + "".join(reversed(inner_parts))
                return _make_tag(j, col, i, close, inner)
            inner_parts.append(prev.text)
        j -= 1
    # ［ lost with the line before it: 「◎内官、文、厚、経］ ・健康・医療…」 (line 756)
    if is_ministry_list(text[:close]):
        return FlowTag(i, 0, i, close + 1)
    return None


def _make_tag(start: int, start_col: int, end: int, close: int, inner: str) -> FlowTag | None:
    inner = inner.strip()
    if not SUBHEADING_TAG_RE.search(inner) and not is_ministry_list(inner):
        return None
    return FlowTag(start, start_col, end, close + 1)


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


def _separate_blocks(lines: list[str], numbers: list[int], title_max: float
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
