"""Boxes pdfminer printed with the lines of two rows in them, cut where a row or a heading ends.

pdfminer groups lines that sit close in one column into a box, whatever row they belong to: a row's
description with the next row's title and description below it (「…取り組む。［◎厚］」 / 「臨床現場を理解
した…」), or a goal heading 【…】 between two rows' descriptions, or the header's 「該当箇所」 with the visions
and goals printed under it. The boxes reader takes a box for one cell, so each such box is cut first:
after the line that closes a ministry tag (a description's end), around a heading line (a row across
the table, alone in its box as pdfminer prints it where nothing sits under it), and after a line that is
a whole cell saying its program ended, where a bullet follows it.
"""

from __future__ import annotations

import re

from .box_state import ITEM_RE, LONE_REPOSTED_RE, VISION_LINES, Box, closes_tag
from .vocabulary import GOAL_RE, NO_SUCCESSOR, VISION_END, is_bullet_start, is_heading, vision_number

# a whole cell saying its program ended (「・令和５年度に事業終了」 results, 「後継事業の予定無し」 plans): nothing
# of its row follows it in its column
ENDED_CELL_RE = re.compile(r"^・?(?:令和\S{1,2}年度に事業終了|" + NO_SUCCESSOR + r")。?$")


def cut_boxes(boxes: list[Box]) -> list[Box]:
    """BOXES, each cut after a ministry tag's line, around a heading's lines and after an ended program's cell."""
    return [part for box in boxes for cut in _after_tags(box) for ended in _around_headings(cut)
            for part in _after_ended(ended)]


def _after_tags(box: Box) -> list[Box]:
    """A ministry tag ［…］ ends its description cell: the lines boxed after it are the next row's (its
    title, its description), never the tagged row's, unless they are its items ①… (read by box_rows)."""
    out: list[Box] = []
    start, text = 0, ""
    for i, line in enumerate(box.lines[:-1]):
        text += line
        if "］" not in line or not closes_tag(text) or ITEM_RE.match(box.lines[i + 1]):
            continue
        out.append(_part(box, start, i + 1))
        start, text = i + 1, ""
    return [box] if start == 0 else [*out, _part(box, start, len(box.lines))]


def _around_headings(box: Box) -> list[Box]:
    """A vision （１）「…」に向けて (wrapped on up to three lines), a goal 【…】 (with its 「（再掲）」 printed
    below it) or a （上記参照） line spans the table: a box of its own, cut from the lines around it."""
    if len(box.lines) < 2:
        return [box]
    out: list[Box] = []
    start = i = 0
    while i < len(box.lines):
        line = box.lines[i]
        if not is_heading(line):
            i += 1
            continue
        end = i + 1
        if vision_number(line) is not None:
            while not box.lines[end - 1].endswith(VISION_END) and end < min(len(box.lines), i + VISION_LINES):
                end += 1
        elif GOAL_RE.match(line) and end < len(box.lines) and LONE_REPOSTED_RE.match(box.lines[end]):
            end += 1
        if i > start:
            out.append(_part(box, start, i))
        out.append(_part(box, i, end))
        start = i = end
    if start == 0:
        return [box]
    return out + ([_part(box, start, len(box.lines))] if start < len(box.lines) else [])


def _after_ended(box: Box) -> list[Box]:
    """A cell saying its program ended is the whole cell: a bullet boxed below it is the next row's (h5300
    5340, Chromium: 「後継事業の予定無し」 / 「・令和６年度の取組に加え、…」, the ended row's plans and the next
    row's, one box; read as one cell, every later row's plans one row early)."""
    cuts = [i + 1 for i, line in enumerate(box.lines[:-1])
            if ENDED_CELL_RE.match(line) and is_bullet_start(box.lines[i + 1])]
    if not cuts:
        return [box]
    return [_part(box, a, b) for a, b in zip([0, *cuts], [*cuts, len(box.lines)], strict=True)]


def _part(box: Box, start: int, end: int) -> Box:
    return Box(box.lines[start:end], box.numbers[start:end], box.page)
