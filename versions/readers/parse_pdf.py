"""Reader for the report's PDF: table cells (pdf_cells.py) into the same Edition the text reader makes.

Each row of the table is a vision （１）…, a goal 【…】, a （上記参照） line (spanning rows), the header,
or a measure: [title] description ［ministry tag］ | results | plans [| 担当]. A cell's text is read by
its lines: a line that stops short of the cell's right edge ends a paragraph, so a title is a short
first line and a bullet starts with 「・」, ①… or a lone 「（…）」 after a finished line. The bullets,
budgets, programs and warnings come from the code the text reader uses (rows.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..model.edition import Edition, Goal, Measure, Note, ParseWarning, Source, Vision
from ..model.eras import ERA_YEAR_RE, era_year
from ..model.errors import EditionParseError
from .layout import (
    GOAL_RE,
    HEADER_RE,
    SEE_ABOVE_RE,
    VISION_RE,
    Line,
    Tag,
    is_bullet_start,
    is_title_line,
)
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .parse_text import KNOWN_DOCUMENTS, PARSER_VERSION
from .pdf_cells import PdfTable, TableRow, read_table
from .rows import RowDraft, join_lines, make_measure, make_note

SYNTHETIC_MARK = "policydiff-synthetic:"  # in the PDF's metadata or on its first page: an invented edition
TAG_RE = re.compile(r"［([^［］]*)］")  # ［◎厚、◎経］ or ［担当省庁については、…を参照］
ITEM_START_RE = re.compile(r"^[①-⑳]")  # ① 日常生活における… : an item of a description starts a paragraph
SENTENCE_END = ("。", "）", "」", ")", "｣")
LONE_PAREN_RE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")  # （アジア健康構想） or （対応済み） alone on a line
TITLE_SHORT_EMS = 3.0  # a title in the body font ends at least this far from the edge (titles ≤ 48 cells)
TAG_OPEN_MAX = 60  # characters after an open 「［」 that may still be a tag (［担当省庁については、…を参照］)
SHORT_EMS = 1.5  # a line ending this many characters before the cell's right edge is a paragraph's last


@dataclass
class _Goal:
    vision: int
    title: str
    reposted: bool
    page: int
    line: int
    see_above: bool = False
    notes: list[Note] = field(default_factory=list)
    rows: list[RowDraft] = field(default_factory=list)


@dataclass(frozen=True)
class _Columns:
    description: int
    results: int
    plans: int
    office: int | None


def parse_report_pdf(data: bytes, source: Source, document: str | None = None, edition: str | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Edition:
    """Parse a report PDF into an Edition; EditionParseError (one line) for what cannot be read."""
    table = read_table(data, progress)
    header_row = next((r for r in table.rows if not r.spanning and r.text(0).startswith("該当箇所")), None)
    header_text = " ".join(" ".join(x.text for x in r.lines(k)) for r in [header_row] if r
                           for k in range(len(r.columns)))
    header = HEADER_RE.search(header_text)
    if header_row is None or header is None:
        raise EditionParseError("no table of this report in the PDF: no header row like "
                                "'該当箇所 | 令和N年度の実績・状況 | 令和N年度の取組予定'")
    cols = _columns(header_row)
    years = (_year_of(header.group("res")), _year_of(header.group("plan")))
    warnings: list[ParseWarning] = []
    visions, goals = _structure(table, cols, warnings)
    out_goals: list[Goal] = []
    measures: list[Measure] = []
    for n, g in enumerate(goals, 1):
        gid = f"g{n:02d}"
        for row in g.rows:
            measures.append(make_measure(row, f"m{len(measures) + 1:03d}", g.vision, gid, years, warnings))
        out_goals.append(Goal(gid, g.vision, g.title, g.reposted, g.see_above, g.page, g.line, tuple(g.notes)))
    if not measures:
        raise EditionParseError("no measures found in the PDF's table: no row with a description and columns")
    synthetic, note = _synthetic(table)
    all_text = header_text + "".join(r.text(0) for r in table.rows[:20])
    doc = document or next((d for marker, d in KNOWN_DOCUMENTS if marker in all_text), None)
    if doc is None:
        raise EditionParseError("cannot tell which report this is from its text; pass --document ID")
    return Edition(
        document=doc,
        edition=edition or f"fy{years[0]}" + ("-synthetic" if synthetic else ""),
        results_fy=years[0],
        plans_fy=years[1],
        results_label=header.group("res"),
        plans_label=header.group("plan"),
        source=replace(source, format="pdf"),
        parser_version=PARSER_VERSION,  # one version for all readers: verify and reparse use it
        synthetic=synthetic,
        synthetic_note=note,
        visions=tuple(visions),
        goals=tuple(out_goals),
        measures=tuple(measures),
        warnings=tuple(sorted(warnings, key=lambda w: (w.page, w.line, w.code, w.message))),
    )


def _year_of(label: str) -> int:
    m = ERA_YEAR_RE.search(label)
    assert m is not None  # HEADER_RE only matches labels with an era year
    return era_year(m.group(1), m.group(2))


def _columns(header: TableRow) -> _Columns:
    texts = [header.text(k) for k in range(len(header.columns))]
    results = next((k for k, t in enumerate(texts) if "実績" in t), 1)
    plans = next((k for k, t in enumerate(texts) if "取組予定" in t), 2)
    office = next((k for k, t in enumerate(texts) if t.strip() == "担当"), None)
    return _Columns(0, results, plans, office)


def _synthetic(table: PdfTable) -> tuple[bool, str]:
    for text in [*table.metadata.values(), table.outside_text]:
        if SYNTHETIC_MARK in text:
            return True, text.split(SYNTHETIC_MARK, 1)[1].strip()
    return False, ""


def _structure(table: PdfTable, cols: _Columns, warnings: list[ParseWarning]) -> tuple[list[Vision], list[_Goal]]:
    visions: list[Vision] = []
    goals: list[_Goal] = []
    vision = 0
    for row in table.rows:
        if not row.spanning and row.text(0).startswith("該当箇所"):
            continue
        first = row.lines(0)
        page, line = (first[0].page, first[0].no) if first else (row.columns[0][0].page, 0)
        if row.spanning:
            text = join_lines(first)[0]
            vm, gm = VISION_RE.match(text), GOAL_RE.match(text)
            if vm and ("「" in text or text.endswith("向けて")):
                vision = int(vm.group("num").translate(str.maketrans("０１２３４５６７８９", "0123456789")))
                visions.append(Vision(vision, text, page, line))
            elif gm:
                goals.append(_Goal(vision, text, bool(gm.group("rep")), page, line))
            elif SEE_ABOVE_RE.match(text) and goals:
                goals[-1].see_above = True
            elif text:
                warnings.append(ParseWarning("unknown-row", f"a row spanning the table is neither a vision "
                                             f"nor a goal: 「{text[:30]}」", page, line))
            continue
        if not goals:
            warnings.append(ParseWarning("no-goal", "a row outside any goal 【…】; kept under an untitled goal",
                                         page, line))
            goals.append(_Goal(vision, "", False, page, line))
        draft = _draft(row, cols, table)
        if draft.tag is not None and draft.tag.subheading and not draft.results and not draft.plans:
            goals[-1].notes.append(make_note(draft))
        elif draft.title or draft.desc or draft.results or draft.plans:
            goals[-1].rows.append(draft)
    return visions, goals


def _short(line: Line, right: dict[tuple[int, int], float], col: int, em: float) -> bool:
    assert line.box is not None
    return line.box[2] < right.get((line.page, col), line.box[2]) - SHORT_EMS * em


def _draft(row: TableRow, cols: _Columns, table: PdfTable) -> RowDraft:
    lines = row.lines(cols.description)
    em = table.em

    def short(x: Line) -> bool:
        return _short(x, table.right_edges, cols.description, em)

    title = None
    if lines and _is_title(lines, table.right_edges, cols.description, em):
        title, lines = lines[0], lines[1:]
    paragraphs: list[list[Line]] = []
    for k, x in enumerate(lines):
        if k == 0 or ((short(lines[k - 1]) or ITEM_START_RE.match(x.text)) and not _tag_open(paragraphs[-1])):
            paragraphs.append([])
        paragraphs[-1].append(x)
    texts = [join_lines(p)[0] for p in paragraphs]
    tag, texts = _tag(texts)
    cell = row.columns[cols.description][0]
    draft = RowDraft(title=title, desc=lines, first_line=lines[0].text if lines else "", tag=tag,
                     tag_line=lines[-1] if lines else title, description="\n".join(t for t in texts if t),
                     bbox=cell.bbox)
    draft.results = _fragments(row.lines(cols.results), cols.results, table)
    draft.plans = _fragments(row.lines(cols.plans), cols.plans, table)
    if cols.office is not None:
        draft.office = join_lines(row.lines(cols.office))[0]
    return draft


def _tag_open(paragraph: list[Line]) -> bool:
    """Does PARAGRAPH end inside a tag 「［◎厚、」? Its rest (「経］」, a lone 「］」) is on the next line however
    short this one stopped: a producer that keeps 「経］」 together or wraps by phrases leaves it short."""
    tail: list[Line] = []
    for x in reversed(paragraph):  # only the tail: a cell of thousands of lines stays linear
        tail.insert(0, x)
        if sum(len(y.text) for y in tail) > TAG_OPEN_MAX:
            break
    text = join_lines(tail)[0]
    start = text.rfind("［")
    inside = text[start + 1:]
    # A stray 「［」 must not join the paragraphs after it: a tag's inside is short and never a sentence.
    return start > text.rfind("］") and len(inside) <= TAG_OPEN_MAX and "。" not in inside


def _is_title(lines: list[Line], right: dict[tuple[int, int], float], col: int, em: float) -> bool:
    """A title is a heading-like first line in its own font, or well short of the edge (bold that
    Chromium only simulates is invisible to extraction), or the cell's only line without a tag."""
    first = lines[0]
    if not is_title_line(first.text):
        return False
    if len(lines) == 1:
        return "］" not in first.text
    if first.font and lines[1].font and first.font != lines[1].font:
        return True
    assert first.box is not None
    return first.box[2] < right.get((first.page, col), first.box[2]) - TITLE_SHORT_EMS * em


def _tag(texts: list[str]) -> tuple[Tag | None, list[str]]:
    """The ministry tag closing the description, taken out of its paragraph."""
    for k, text in enumerate(texts):
        for m in TAG_RE.finditer(text):
            inner = m.group(1).strip()
            sub = bool(SUBHEADING_TAG_RE.search(inner))
            if sub or is_ministry_list(inner):
                rest = (text[: m.start()] + text[m.end():]).strip()
                return Tag(0, 0, 0, 0, inner, f"［{inner}］", sub, False), texts[:k] + [rest] + texts[k + 1:]
    for k, text in enumerate(texts):  # ［ lost: 「◎内官、文、厚、経］」
        if "］" in text:
            before, _, after = text.partition("］")
            head, _, inner = before.rpartition("。")
            if is_ministry_list(inner):
                rest = (head + ("。" if head else "") + after).strip()
                return Tag(0, 0, 0, 0, inner.strip(), inner.strip() + "］", False, True), texts[:k] + [rest] + texts[k + 1:]
    return None, texts


def _fragments(lines: list[Line], col: int, table: PdfTable) -> list[tuple[Line, bool]]:
    """A column's lines with whether each starts a bullet: a bullet mark after a finished line."""
    out: list[tuple[Line, bool]] = []
    for k, x in enumerate(lines):
        prev = lines[k - 1] if k else None
        nxt = lines[k + 1].text if k + 1 < len(lines) else ""
        if prev is None:
            starts = True
        elif LONE_PAREN_RE.match(x.text):
            # A group heading 「（アジア健康構想）」 leads bullets; after a finished sentence with no bullet
            # below, 「（令和6年12月までに累計62件）」 is the bullet's own aside.
            starts = nxt.startswith(("・", "○")) or bool(ITEM_START_RE.match(nxt))
        else:
            starts = is_bullet_start(x.text) and (
                x.text.startswith("・") or prev.text.endswith(SENTENCE_END)
                or _short(prev, table.right_edges, col, table.em))
        out.append((x, starts))
    return out
