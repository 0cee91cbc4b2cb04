"""One table row being read, and what every reader makes of it: bullets, budgets, programs, warnings.

The text reader (parse_text.py) and the PDF reader (parse_pdf.py) each find a row's title,
description, ministry tag and column lines in their own way, then hand a RowDraft to make_measure,
so that both give the same Measure for the same row: one model, several readers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model.edition import Box, Bullet, Column, Measure, Note, ParseWarning
from .budgets import find_budgets
from .layout import REPOSTED_TITLE_RE, TAB_ITEM_RE, Line, Tag
from .ministries import KNOWN_MINISTRIES, parse_ministries
from .programs import find_programs, find_successions

ITEM_WRAP = 60.0  # description items (①\t…) run to the full table width
# Connectives an untitled row may start with (「また、ベンチャー等の…」, 「あわせて、…」). Demonstratives
# such as その or これら are not among them: a description's first sentence has nothing to point back
# to, so 「その原因と解決の方向性について…」 (line 1026) means its first line was lost.
_OPENERS = ("また", "あわせて", "併せて", "なお", "さらに", "ただし", "このため", "そのため", "これまで",
            "いわゆる")
# A title closed by ＞ that never opened: 「国際展開支援における業界団体と行政の連携強化＞」 (line 728, its ＜ lost).
STRAY_CLOSE_RE = re.compile(r"^([^＜<]+)[＞>]$")
# An untitled row starting with a katakana run and a particle may have lost its first characters:
# 「テンシャルを有する地域連携拠点…」 (line 280, ポテンシャル cut); its label is then a fragment.
KANA_FRAGMENT_RE = re.compile(r"^[ァ-ヺー]+[をがはのにでと]")


@dataclass
class RowDraft:
    title: Line | None = None
    desc: list[Line] = field(default_factory=list)
    first_line: str = ""
    tag: Tag | None = None
    tag_line: Line | None = None  # where the tag starts, to cite a row that has nothing else
    items: list[Line] = field(default_factory=list)
    results: list[tuple[Line, bool]] = field(default_factory=list)  # (line, starts a bullet)
    plans: list[tuple[Line, bool]] = field(default_factory=list)
    description: str | None = None  # the description as read (a PDF cell), instead of joining desc/items
    office: str = ""  # the 「担当」 column, where the layout has one
    bbox: Box | None = None  # the description cell on its first page (PDF)
    item_wrap: float = ITEM_WRAP  # the width at which the description's items wrap (estimated per layout)



def join_lines(lines: list[Line]) -> tuple[str, list[tuple[int, int, int]]]:
    """Join wrapped lines; marks map text offsets back to (page, line) for citations."""
    text = ""
    marks: list[tuple[int, int, int]] = []
    for line in lines:
        piece = line.text.strip()
        if not piece:
            continue
        if text and re.match(r"[A-Za-z]", text[-1]) and re.match(r"[A-Za-z]", piece[0]):
            text += " "
        marks.append((len(text), line.page, line.no))
        text += piece
    return text, marks


def _locator(marks: list[tuple[int, int, int]]):
    starts = [start for start, _, _ in marks]

    def locate(offset: int) -> tuple[int, int]:
        # A bisection, not a scan: a bullet wrapped over thousands of lines, each with a budget, was
        # quadratic (fuzz).
        k = max(bisect.bisect_right(starts, offset) - 1, 0)
        return marks[k][1], marks[k][2]

    return locate


def make_bullets(frags: list[tuple[Line, bool]], column: Column, fy: int, mid: str,
             warnings: list[ParseWarning]) -> tuple[Bullet, ...]:
    groups: list[list[Line]] = []
    for line, starts in frags:
        if starts or not groups:
            groups.append([])
        groups[-1].append(line)
    out = []
    for group in groups:
        text, marks = join_lines(group)
        if not text:
            continue
        locate = _locator(marks)
        budgets, typo = find_budgets(text, fy, locate)
        warnings.extend(typo)
        for b in budgets:
            if b.fiscal_year is not None and b.fiscal_year > fy:
                warnings.append(ParseWarning(
                    "budget-year-column",
                    f"{mid}: a FY{b.fiscal_year} budget ({b.text}) is cited in the {column} column (FY{fy})",
                    b.page, b.line))
        programs = [name for _, name in find_programs(text)]
        for b in budgets:
            if b.program and b.program not in programs:
                programs.append(b.program)
        successions = find_successions(text, locate)
        for s in successions:
            programs.extend(p for p in (s.old, s.new) if p not in programs)
        out.append(Bullet(text, group[0].page, group[0].no, group[-1].no, tuple(programs),
                          tuple(budgets), tuple(successions), _box_of(group)))
    return tuple(out)


def _box_of(lines: list[Line]) -> Box | None:
    """The union of the boxes of LINES on the first one's page (lines from a PDF cell)."""
    boxes = [x.box for x in lines if x.box is not None and x.page == lines[0].page]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def looks_cut(desc: str) -> bool:
    """Does a description start mid-sentence (its first line lost in extraction)?

    Heuristic, by the seed: 「ることが必要である。」, 「ンの変化があり」, 「踏まえ、」, 「握した」.
    A cut that lands on a word boundary (「進捗を引き続き…」) cannot be told from a real start.
    """
    c = desc[:1]
    if re.match(r"[ぁ-ゖ]", c):
        return not desc.startswith(_OPENERS)
    if c in "ンーッャュョァィゥェォヮ":
        return True
    return bool(re.match(r"^[一-龥](?![にはもでと])[ぁ-ゖ]{1,2}、|^[一-龥](?:した|して|する|され)", desc))


def make_measure(row: RowDraft, mid: str, vision: int, goal_id: str, years: tuple[int, int],
             warnings: list[ParseWarning]) -> Measure:
    desc, _ = join_lines(row.desc)
    if row.description is not None:
        desc = row.description
    elif row.items:
        parts = [desc] if desc else []
        previous: Line | None = None
        for line in row.items:
            # An item's lines are ~70 cells wide in the sample (the description column's width in a PDF
            # extraction); a line after a full one is its wrapped rest (「療機器」),
            # a line after a short one is the next part (「糖尿病、高血圧症等の…」).
            if previous is not None and previous.width >= row.item_wrap and not TAB_ITEM_RE.match(line.text):
                parts[-1] += line.text
            else:
                parts.append(line.text)
            previous = line
        desc = "\n".join(parts)
    anchor = row.title or (row.desc[0] if row.desc else None) or (row.results[0][0] if row.results else None)
    page, line_no = (anchor.page, anchor.no) if anchor else (0, 0)
    tag = row.tag
    ministries = parse_ministries(tag.inner) if tag and not tag.subheading else ()
    title = row.title.text if row.title else ""
    stray = STRAY_CLOSE_RE.match(title)
    if stray:
        title = stray[1]
        warnings.append(ParseWarning("title-bracket", f"{mid}: dropped a stray ＞ that closed no ＜ from the title "
                                     f"「{title}」", page, line_no))
    lost = bool(tag and tag.lost_open) or bool(desc and looks_cut(desc))
    if not title and not lost and KANA_FRAGMENT_RE.match(desc):
        warnings.append(ParseWarning("label-fragment", f"{mid}: untitled row starting 「{desc[:10]}…」 may have lost "
                                     "its first characters in extraction; its label is a fragment", page, line_no))
    if lost:
        start = desc[:14] if desc else (tag.printed if tag else "")
        warnings.append(ParseWarning("first-line-lost",
                                     f"{mid}: the start of the description seems lost in extraction (「{start}…」)",
                                     page, line_no))
    if tag is None:
        warnings.append(ParseWarning("no-ministry-tag", f"{mid}: row without a ministry tag ［…］", page, line_no))
    for m in ministries:
        if m.code not in KNOWN_MINISTRIES:
            warnings.append(ParseWarning("unknown-ministry", f"{mid}: unknown ministry code 「{m.code}」", page, line_no))
    return Measure(
        id=mid,
        vision=vision,
        goal=goal_id,
        title=title,
        description=desc,
        ministries=ministries,
        ministries_text=tag.printed if tag and not tag.subheading else "",
        results=make_bullets(row.results, "results", years[0], mid, warnings),
        plans=make_bullets(row.plans, "plans", years[1], mid, warnings),
        reposted=bool(REPOSTED_TITLE_RE.match(title)),
        first_line_lost=lost,
        page=page,
        line=line_no,
        first_line=row.first_line,
        office=row.office,
        bbox=row.bbox,
    )


def make_note(row: RowDraft) -> Note:
    desc = row.description if row.description is not None else join_lines(row.desc)[0]
    # A bracket alone on its line, 「［担当省庁については、各プラットフォームに記載の担当省庁を参照］」
    # with nothing before it, has neither title nor description (fuzz input; was an IndexError).
    anchor = row.title or (row.desc[0] if row.desc else None) or row.tag_line
    page, line = (anchor.page, anchor.no) if anchor else (0, 0)
    return Note(row.title.text if row.title else "", desc + (row.tag.printed if row.tag else ""), page, line)
