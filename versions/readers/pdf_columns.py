"""A table's columns where no vertical rule draws them: horizontal rules only (Word's style), or a grid
whose inner rules are missing.

The table's extent is told by its long horizontal rules, stretched over the lines of a row that a page
break left open above the first rule or below the last (a row's lines follow one another at the line
height; a running title or a page number in the margin sits farther away). The columns are told by
where lines start: every cell's text is set from its column's left edge, so line starts pile up at a
few x positions, one per column (a bullet's wrapped lines hang one em to its right: the column starts
at the bullet). The header row says how many columns there are. Each boundary is drawn a quarter em
before a column's start: a full line of the column to its left ends at least its padding before.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..model.normalize import display_width
from .vocabulary import OFFICE_HEADER, header_words, is_header_text, is_page_number

LONG_RULE = 0.5  # a horizontal rule of the table spans at least half the page's width
COLUMN_GAP = 3.0  # ems between two columns' starts at least (a hanging bullet's text is 1 em in)
HANG = 1.5  # ems left of a pile of line starts where the column's bullets may start
HANG_SHARE = 0.1  # a column's bullets start at least this share of as many lines as its text does
RUN_GAP = 0.6  # points of blank between two characters on one baseline: two cells' texts (their paddings
# apart, 1 pt and more; a text's own characters touch, or nearly: a narrow glyph's box leaves 0.5 pt)
CROSSING = 0.1  # ems (at most 0.9 pt): characters closer than this across a boundary are one text (a merged
# cell); two cells' texts on one baseline are at least their paddings apart (1 pt and more)
FOLLOWING = 2.2  # line heights between an open row's lines and the rule they continue at most
JOIN = 2.0  # points between two segments of one rule (and between a running title's places on two pages)
RUNNING_NUMBER_RE = re.compile(r"[0-9０-９/／\-－\s]")  # a running title's page number: 「… 3 / 9」
INK = 0.8  # a full-width character's box narrower than this share of the em is its ink, not its advance
RULE_WIDTH = 1.0  # points: a gap wider than this between a header's sides and the rule below is a band
REST_GAP = 3.0  # points between the rules of a cut row's blank rest and the table's first rule below them
ALIGNED = 0.05  # ems: a character this close to a column's start is set there ...
LINE_END_MARKS = "」』）)］]〕】。、，．,.・ー"  # marks a line keeps at its end, standing out of its cell
ROUNDED = 0.6  # ... or this many points: starts are counted at whole points (half a point off at most)


def inner_verticals(edges: list[Any], span: tuple[float, float, float, float]) -> int:
    """How many x positions inside SPAN hold vertical rules over a good part of its height (a rule above or
    below SPAN adds nothing: seed 1044's rules of a row further down took the page's inner rules away)."""
    x0, top, x1, bottom = span
    cover: Counter[int] = Counter()
    for e in edges:
        if e["orientation"] == "v" and x0 + 2 < e["x0"] < x1 - 2:
            cover[round(e["x0"])] += max(0.0, min(e["bottom"], bottom) - max(e["top"], top))
    return sum(1 for length in cover.values() if length > 0.3 * (bottom - top))


def rules_reach(rules: list[float], chars: list[Any]) -> float:
    """How far the long horizontal RULES (their y) reach over the page's text: from the first to the last,
    cut where the text stops. A band ruled below the last line (Chromium rules a blank band below a page's
    last row) holds no row."""
    marks = [c for c in chars if c["text"].strip()]
    if not rules or not marks:
        return 0.0
    return min(max(rules), max(c["bottom"] for c in marks)) - max(min(rules), min(c["top"] for c in marks))


def ruled_span(edges: list[Any], chars: list[Any], page_width: float, continued: bool
               ) -> tuple[float, float, float, float] | None:
    """(x0, top, x1, bottom) of the table told by its long horizontal rules (drawn whole or cell by cell),
    from the rule above its header where the page prints one, with the lines of a row left open below the
    last rule, and above the first where the page before left a row open (CONTINUED; else what is above
    is a title or a mark). None: no such rules."""
    rules = [r for r in merged_rules(edges) if r[2] - r[1] >= LONG_RULE * page_width]
    if len(rules) < 2:
        return None
    x0, x1 = min(r[1] for r in rules), max(r[2] for r in rules)
    lines = _baselines([c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1])
    header = next((line[0] for line in lines if is_header_text(line[2])), None)
    if header is not None:  # a box above the header (the synthetic mark) is no part of the table
        rules = [r for r in rules if r[0] >= max((r[0] for r in rules if r[0] <= header + 1), default=rules[0][0])]
    if len(rules) < 2:
        return None
    top, bottom = rules[0][0], rules[-1][0]
    # (line boxes of a tight leading overlap: a line is above a rule when its middle is)
    for line_top, line_bottom, text, size in sorted(lines, key=lambda x: -x[0]):  # upwards from the first rule
        if continued and header is None and (line_top + line_bottom) / 2 < top and top - line_bottom <= FOLLOWING * size \
                and not is_page_number(text):
            top = min(top, line_top - 1)
    for line_top, line_bottom, text, size in sorted(lines, key=lambda x: x[0]):  # downwards from the last rule
        if (line_top + line_bottom) / 2 > bottom and line_top - bottom <= FOLLOWING * size and not is_page_number(text):
            bottom = max(bottom, line_bottom + 1)
    return x0, top, x1, bottom


def text_below(chars: list[Any], span: tuple[float, float, float, float]) -> bool:
    """Does text go on right below SPAN (the extent of a page's vertical rules), at the line height? Then
    the rules drew only part of the table (a shaded header's sides, above rows ruled only across)."""
    x0, top, x1, bottom = span
    lines = _baselines([c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and (c["top"] + c["bottom"]) / 2 > bottom])
    return any(line_top - bottom <= FOLLOWING * size and not is_page_number(text)
               for line_top, _, text, size in lines[:1])


def without_furniture(chars: list[Any], before: list[tuple[str, float]]) -> tuple[list[Any], list[tuple[str, float]]]:
    """CHARS less the page's furniture, and the page's first and last lines (their words, their top) for the
    next page to compare. Furniture is a first or last line apart from the text (a blank of an em or more)
    that is a page number, or says what the page before says at the same height (BEFORE), bar its
    numbers: a running title, 「医療機器基本計画… 3」. A footer or header in the margin falls inside the
    table where a cut row's borders run to the page's edge or a row left open is read on."""
    lines = text_lines(chars)
    if len(lines) < 2:
        return chars, []
    drop: set[int] = set()
    ends = []
    for line, other in ((lines[0], lines[1]), (lines[-1], lines[-2])):
        text = "".join(c["text"] for c in line).strip()
        top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
        gap = top - max(c["bottom"] for c in other) if top > other[0]["top"] else min(c["top"] for c in other) - bottom
        words = RUNNING_NUMBER_RE.sub("", text)
        ends.append((words, top))
        if gap > max(c["size"] for c in line) and (is_page_number(text) or any(
                words == w and abs(top - t) <= JOIN for w, t in before)):
            drop.update(id(c) for c in line)
    return ([c for c in chars if id(c) not in drop] if drop else chars), ends


def merged_rules(edges: list[Any]) -> list[tuple[float, float, float]]:
    """Horizontal rules as (y, x0, x1), the segments a table draws cell by cell at one height joined."""
    by_y: dict[float, list[tuple[float, float]]] = {}
    for e in edges:
        if e["orientation"] == "h":
            by_y.setdefault(round(e["top"] * 2) / 2, []).append((e["x0"], e["x1"]))
    out = []
    for y, spans in by_y.items():
        spans.sort()
        a, b = spans[0]
        for c, d in spans[1:] + [(float("inf"), float("inf"))]:
            if c <= b + JOIN:
                b = max(b, d)
                continue
            out.append((y, a, b))
            a, b = c, d
    return sorted(out)


def _baselines(chars: list[Any]) -> list[tuple[float, float, str, float]]:
    """(top, bottom, text, size) of each line of characters."""
    return [(min(c["top"] for c in g), max(c["bottom"] for c in g), "".join(c["text"] for c in g).strip(),
             max(c["size"] for c in g)) for g in text_lines(chars)]


def line_starts(chars: list[Any], span: tuple[float, float, float, float], em: float = 0.0) -> Counter[int]:
    """How many lines (and texts after a blank on one baseline) start at each x inside SPAN. A full-width
    character's box narrower than the EM is its ink (Type3 glyphs): it is measured as wide as its advance,
    centred on its ink, or a 「・」 leaves blanks on both sides (seed 1240: 「育成・リ」 made two starts that
    took the plans column's place)."""
    x0, top, x1, bottom = span
    inside = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom and x0 <= c["x0"] < x1]
    starts: Counter[int] = Counter()
    for group in text_lines(inside):
        previous = None
        for c in group:
            if not c["text"].strip():
                continue
            a, b = _advance(c, em)
            if previous is None or a - previous > RUN_GAP:
                starts[round(a)] += 1
            previous = b
    return starts


def _advance(c: dict[str, Any], em: float) -> tuple[float, float]:
    """Where a character's advance starts and ends: its box, or a full-width character's em around its ink."""
    if em > 0 and c["x1"] - c["x0"] < INK * em and display_width(c["text"]) == 1.0:
        mid = (c["x0"] + c["x1"]) / 2
        return mid - em / 2, mid + em / 2
    return c["x0"], c["x1"]


def column_starts(starts: Counter[int], columns: int, em: float) -> list[float] | None:
    """The x where each of COLUMNS columns' text starts, from where lines start (the pages' so far: a
    table's columns are the same on every page). None if the lines do not show that many columns."""
    chosen: list[int] = []
    for x, count in starts.most_common():
        if count < 3:
            break
        if all(abs(x - y) >= COLUMN_GAP * em for y in chosen):
            chosen.append(x)
        if len(chosen) == columns:
            break
    if len(chosen) < columns:
        return None
    out = []
    for peak in sorted(chosen):  # the bullets of a column with hanging text start left of the pile
        # (a pile of its own: a few texts after a blank inside the column to the left are no bullets)
        near = [x for x, count in starts.items() if peak - HANG * em <= x <= peak
                and count >= max(2, HANG_SHARE * starts[peak])]
        out.append(float(min(near)))
    return out


def header_count(lines: list[list[Any]]) -> int | None:
    """How many columns a header band's lines name: 3, or 4 with 担当 (None: no header). 担当 may wrap in a
    narrow first column whose hidden label took its room: 「列1 担」 above 「当」 (seed 5547)."""
    text = " ".join("".join(c["text"] for c in line) for line in lines)
    if not is_header_text(text):
        return None
    return 3 + (OFFICE_HEADER in header_words(text).replace("担当省庁", "") or _wrapped_office(lines))


def _wrapped_office(lines: list[list[Any]]) -> bool:
    """担 ending a text on one line and 当 starting one on the next, left of it or under it."""
    head, tail = OFFICE_HEADER[0], OFFICE_HEADER[1:]
    for upper, lower in zip(lines, lines[1:], strict=False):
        ends = [c["x0"] for k, c in enumerate(upper)
                if c["text"] == head and (k + 1 == len(upper) or upper[k + 1]["x0"] - c["x1"] > RUN_GAP)]
        starts = [c["x0"] for k, c in enumerate(lower)
                  if c["text"] == tail and (k == 0 or c["x0"] - lower[k - 1]["x1"] > RUN_GAP)]
        if any(b <= a for a in ends for b in starts):
            return True
    return False


def text_lines(chars: list[Any]) -> list[list[Any]]:
    """CHARS in lines, top to bottom, each left to right."""
    groups: list[list[Any]] = []
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if groups and c["top"] - groups[-1][0]["top"] < max(c["size"], 1.0) * 0.5:
            groups[-1].append(c)
        else:
            groups.append([c])
    for g in groups:
        g.sort(key=lambda c: c["x0"])
    return groups


def boundaries(starts: list[float], em: float) -> list[float]:
    """Where one column ends and the next begins: a quarter em before each column's start."""
    return [x - 0.25 * em for x in starts[1:]]


def crosses(chars: list[Any], starts: list[float], em: float) -> bool:
    """Does a line of CHARS run across a column boundary (one cell merged across the columns starting at
    STARTS)? Two of its characters touch across the boundary: two cells' texts on one baseline are their
    paddings apart. But a mark that a line keeps at its end (kinsoku: 」。、）) may stand out of its cell
    into the padding: touching across, it and what follows it up to the next cell's text (set at its
    column's start) are no crossing. Blanks are no text: a space ending a line may run past the boundary
    into a narrow padding (seed 1057: 「…機能 」 read as a heading across the table, a measure lost)."""
    cuts = boundaries(starts, em)
    touching = min(CROSSING * em, 0.9)
    for group in text_lines([c for c in chars if c["text"].strip()]):
        for i, (a, b) in enumerate(zip(group, group[1:], strict=False)):
            mid_a, mid_b = (a["x0"] + a["x1"]) / 2, (b["x0"] + b["x1"]) / 2
            for cut, start in zip(cuts, starts[1:], strict=True):
                # (a middle right on the boundary is on both sides: seed 1146's 「我が|国」, a 9 pt heading)
                if not (mid_a <= cut <= mid_b and mid_a < mid_b and b["x0"] - a["x1"] < touching):
                    continue
                aligned = abs(b["x0"] - start) <= max(ALIGNED * em, ROUNDED)
                if a["text"] in LINE_END_MARKS and aligned:
                    continue  # the left cell's mark stands out and touches the next cell's first character
                end = i + 1  # the touching run from b on, up to the next cell's text set at its start
                while end + 1 < len(group) and group[end + 1]["x0"] - group[end]["x1"] < touching \
                        and abs(group[end + 1]["x0"] - start) > max(ALIGNED * em, ROUNDED):
                    end += 1
                if any(c["text"] not in LINE_END_MARKS for c in group[i + 1:end + 1]):
                    return True
    return False


def blank_rest(edges: list[Any], chars: list[Any], top: float) -> bool:
    """Is the rest of a row a page break left open a blank band above this page's table (from TOP): vertical
    rules run down to the table's first rule with no text beside them? Chromium draws the cell padding of a
    row that ended at the page's foot so (seed 1186): the row is closed there, the page's first row is new."""
    sides = [e for e in edges if e["orientation"] == "v" and e["top"] < top - JOIN and abs(e["bottom"] - top) <= REST_GAP]
    if len(sides) < 2:
        return False
    x0, x1, start = min(e["x0"] for e in sides), max(e["x1"] for e in sides), min(e["top"] for e in sides)
    beside = [c for c in chars if c["text"].strip() and x0 <= (c["x0"] + c["x1"]) / 2 <= x1
              and start <= (c["top"] + c["bottom"]) / 2 < top]
    # Sides that stop short of the table's first rule beside a repeated header are the header's (seed 3710):
    # the rest is the band between them and the rule, too thin for sides of its own (its bottom padding).
    lowest = max(e["bottom"] for e in sides)
    if beside and top - lowest > RULE_WIDTH and is_header_text("".join(c["text"] for c in beside
                                                                       if (c["top"] + c["bottom"]) / 2 < lowest)):
        beside = [c for c in beside if (c["top"] + c["bottom"]) / 2 >= lowest]
    return not beside


def vertical(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "doctop": top, "width": 0, "height": bottom - top,
            "object_type": "line", "orientation": "v"}
