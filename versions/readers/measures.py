"""A measure row as the grammar read it (RowDraft), made into a Measure: bullets, budgets, programs, warnings.

Whatever the reader, the grammar hands one RowDraft per measure row, so that every reader gives the same
Measure for the same row: one model, several readers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from ..model.edition import Box, Bullet, Column, Measure, Note, ParseWarning
from .budgets import find_budgets
from .ministries import KNOWN_MINISTRIES, parse_ministries
from .programs import find_programs, find_successions
from .table import Line, box_of, join_lines
from .vocabulary import KANA_FRAGMENT_RE, OPENERS, REPOSTED_TITLE_RE, STRAY_CLOSE_RE


@dataclass(frozen=True)
class Tag:
    """The ministry tag ［…］ closing a description (or a 担当省庁 bracket closing a sub-heading)."""

    inner: str  # 文、◎厚、◎経
    printed: str  # ［文、◎厚、◎経］ (without ［ when it was lost: 「◎内官、文、厚、経］」)
    subheading: bool
    lost_open: bool


@dataclass
class RowDraft:
    title: Line | None = None
    desc: list[Line] = field(default_factory=list)  # the description's lines (citations)
    description: str = ""
    first_line: str = ""  # the description's first line as printed
    tag: Tag | None = None
    tag_line: Line | None = None  # where the tag is, to cite a row that has nothing else
    results: list[tuple[Line, bool]] = field(default_factory=list)  # (line, starts a bullet)
    plans: list[tuple[Line, bool]] = field(default_factory=list)
    office: str = ""  # the 「担当」 column, where the layout has one
    bbox: Box | None = None  # the description cell on its first page (PDF)
    doubts: list[str] = field(default_factory=list)  # what the grammar read from weak evidence

    @property
    def anchor(self) -> Line | None:
        return self.title or (self.desc[0] if self.desc else None) or (self.results[0][0] if self.results else None) \
            or (self.plans[0][0] if self.plans else None) or self.tag_line


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
        warnings.extend(replace(w, measure=mid) for w in typo)
        for b in budgets:
            if b.fiscal_year is not None and b.fiscal_year > fy:
                warnings.append(ParseWarning(
                    "budget-year-column",
                    f"{mid}: a FY{b.fiscal_year} budget ({b.text}) is cited in the {column} column (FY{fy})",
                    b.page, b.line, mid))
        programs = [name for _, name in find_programs(text)]
        for b in budgets:
            if b.program and b.program not in programs:
                programs.append(b.program)
        successions = find_successions(text, locate)
        for s in successions:
            programs.extend(p for p in (s.old, s.new) if p not in programs)
        out.append(Bullet(text, group[0].page, group[0].no, group[-1].no, tuple(programs),
                          tuple(budgets), tuple(successions), box_of(group)))
    return tuple(out)


def looks_cut(desc: str) -> bool:
    """Does a description start mid-sentence (its first line lost in extraction)?

    Heuristic, by the seed: 「ることが必要である。」, 「ンの変化があり」, 「踏まえ、」, 「握した」.
    A cut that lands on a word boundary (「進捗を引き続き…」) cannot be told from a real start.
    """
    c = desc[:1]
    if re.match(r"[ぁ-ゖ]", c):
        return not desc.startswith(OPENERS)
    if c in "ンーッャュョァィゥェォヮ":
        return True
    return bool(re.match(r"^[一-龥](?![にはもでと])[ぁ-ゖ]{1,2}、|^[一-龥](?:した|して|する|され)", desc))


def make_measure(row: RowDraft, mid: str, vision: int, goal_id: str, years: tuple[int, int],
                 warnings: list[ParseWarning]) -> Measure:
    desc = row.description
    anchor = row.anchor
    page, line_no = (anchor.page, anchor.no) if anchor else (0, 0)
    tag = row.tag
    ministries = parse_ministries(tag.inner) if tag and not tag.subheading else ()
    title = row.title.text if row.title else ""
    stray = STRAY_CLOSE_RE.match(title)
    if stray:
        title = stray[1]
        warnings.append(ParseWarning("title-bracket", f"{mid}: dropped a stray ＞ that closed no ＜ from the title "
                                     f"「{title}」", page, line_no, mid))
    lost = bool(tag and tag.lost_open) or bool(desc and looks_cut(desc))
    if not title and not lost and KANA_FRAGMENT_RE.match(desc):
        warnings.append(ParseWarning("label-fragment", f"{mid}: untitled row starting 「{desc[:10]}…」 may have lost "
                                     "its first characters in extraction; its label is a fragment", page, line_no, mid))
    if lost:
        start = desc[:14] if desc else (tag.printed if tag else "")
        warnings.append(ParseWarning("first-line-lost",
                                     f"{mid}: the start of the description seems lost in extraction (「{start}…」)",
                                     page, line_no, mid))
    if tag is None:
        warnings.append(ParseWarning("no-ministry-tag", f"{mid}: row without a ministry tag ［…］", page, line_no, mid))
    for doubt in row.doubts:
        warnings.append(ParseWarning("layout-title", f"{mid}: {doubt}", page, line_no, mid))
    for m in ministries:
        if m.code not in KNOWN_MINISTRIES:
            warnings.append(ParseWarning("unknown-ministry", f"{mid}: unknown ministry code 「{m.code}」", page, line_no, mid))
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
    # A bracket alone on its line, 「［担当省庁については、各プラットフォームに記載の担当省庁を参照］」
    # with nothing before it, has neither title nor description (fuzz input; was an IndexError).
    anchor = row.title or (row.desc[0] if row.desc else None) or row.tag_line
    page, line = (anchor.page, anchor.no) if anchor else (0, 0)
    return Note(row.title.text if row.title else "", row.description + (row.tag.printed if row.tag else ""), page, line)
