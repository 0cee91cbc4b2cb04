"""Parser for the text that PDF extraction gives of a progress-report table (the seed format).

Reads headings, cuts the flow of lines into rows at the ministry tags ［…］, then splits what
follows each tag into the results and plans columns. Quirks are read through and reported as
warnings, never silently fixed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from ..model.edition import Column, Edition, Goal, Measure, ParseWarning, Source, Vision
from ..model.eras import ERA_YEAR_RE, era_year
from ..model.errors import EditionParseError
from .layout import (
    GOAL_RE,
    HEADER_RE,
    NARROW,
    PAGE_NUMBER_RE,
    SEE_ABOVE_RE,
    TAB_ITEM_RE,
    TITLE_MAX,
    VISION_RE,
    Line,
    Tag,
    find_tags,
    is_bullet_start,
    is_title_line,
    paragraphs,
    split_mixed,
)
from .rows import RowDraft, make_measure, make_note
from .text_dense import Note
from .text_layouts import prepare

PARSER_VERSION = "2"  # 2: the 「担当」 office and PDF boxes; reparse rebuilds editions of version 1
# Report families recognised without --document (the title is not in the extracted text).
KNOWN_DOCUMENTS = (("医療機器", "iryokiki-kihonkeikaku"),)
DENSE_WARNING = ("the text has no blank lines between blocks (layout 'dense', e.g. pypdfium2): the columns were "
                 "told apart by line widths estimated from the text and by the order the cells were printed in; "
                 "read the PDF to be sure")


@dataclass
class _GoalDraft:
    vision: int
    title: str
    reposted: bool
    page: int
    line: int
    see_above: bool = False
    items: list[Line | None] = field(default_factory=list)


def parse_report_text(text: str, source: Source, document: str | None = None,
                      edition: str | None = None, synthetic: bool = False) -> Edition:
    prepared = prepare(text)
    lines, header = _read_lines(prepared.lines, prepared.numbers)
    if header is None:
        raise EditionParseError(
            "not a progress report this parser reads: no page header like "
            "'該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定'"
        )
    results_fy, plans_fy = (_year_of(header.group("res")), _year_of(header.group("plan")))
    visions, drafts, warnings = _read_headings(lines)
    if prepared.profile == "dense":
        warnings.append(ParseWarning("layout-dense", DENSE_WARNING, 0, 0))
    warnings.extend(prepared.warnings)
    goals: list[Goal] = []
    measures: list[Measure] = []
    for n, draft in enumerate(drafts, 1):
        goal_id = f"g{n:02d}"
        rows = _rows(draft.items, warnings, prepared.title_max, prepared.narrow)
        for row in rows:
            row.item_wrap = prepared.item_wrap
        notes = []
        for row in rows:
            if row.tag is not None and row.tag.subheading and not row.results and not row.plans:
                notes.append(make_note(row))
                continue
            measures.append(make_measure(row, f"m{len(measures) + 1:03d}", draft.vision, goal_id,
                                     (results_fy, plans_fy), warnings))
        goals.append(Goal(goal_id, draft.vision, draft.title, draft.reposted, draft.see_above,
                          draft.page, draft.line, tuple(notes)))
    if not measures:
        raise EditionParseError("no measures found: no description closed by a ministry tag like ［◎厚］")
    doc = document or _document_id(text)
    if prepared.offices:
        measures = _with_offices(measures, prepared.offices)
    warnings.extend(_layout_warnings(measures, prepared.notes))
    return Edition(
        document=doc,
        edition=edition or f"fy{results_fy}" + ("-synthetic" if synthetic else ""),  # never the real label
        results_fy=results_fy,
        plans_fy=plans_fy,
        results_label=header.group("res"),
        plans_label=header.group("plan"),
        source=source,
        parser_version=PARSER_VERSION,
        synthetic=synthetic,
        visions=tuple(visions),
        goals=tuple(goals),
        measures=tuple(measures),
        warnings=tuple(sorted(warnings, key=lambda w: (w.line, w.code, w.message))),
    )


def _with_offices(measures: list[Measure], offices: list[tuple[int, str]]) -> list[Measure]:
    """Each office of a 「担当」 column to the measure whose row it closes (the last one starting before it)."""
    starts = [m.line for m in measures]
    found: dict[int, str] = {}
    for line, office in offices:
        k = bisect.bisect_right(starts, line) - 1
        if k >= 0:
            found.setdefault(k, office)
    return [replace(m, office=found[k]) if k in found else m for k, m in enumerate(measures)]


def _layout_warnings(measures: list[Measure], notes: tuple[Note, ...]) -> list[ParseWarning]:
    """What the layout lost, named by the measure whose row holds the source line (the last one starting
    before it)."""
    starts = [m.line for m in measures]
    out = []
    for note in notes:
        if not note.line:  # about the whole text
            out.append(ParseWarning(note.code, note.message, 0, 0))
            continue
        k = max(bisect.bisect_right(starts, note.line) - 1, 0)
        out.append(ParseWarning(note.code, f"{measures[k].id}: {note.message}", measures[k].page, note.line))
    return out


def _year_of(label: str) -> int:
    m = ERA_YEAR_RE.search(label)
    assert m is not None  # HEADER_RE only matches labels with an era year
    return era_year(m.group(1), m.group(2))


def _document_id(text: str) -> str:
    for marker, doc in KNOWN_DOCUMENTS:
        if marker in text:
            return doc
    # Only ingest has --document (show, diff and plans read a stored edition under its id).
    raise EditionParseError("cannot tell which report this is from its text; "
                            "store it under an id you choose: policydiff ingest FILE --document ID")


def _read_lines(text: list[str], numbers: list[int]) -> tuple[list[Line | None], re.Match[str] | None]:
    """Source lines with page numbers; page headers, page numbers and blanks become breaks."""
    out: list[Line | None] = []
    header = None
    # A line's page counts the page headers above it in the source: a reader that moved a row's part
    # from the next page up (layout 'dense') keeps citing the page it was printed on.
    headers = sorted(no for no, raw in zip(numbers, text, strict=True)
               if "該当箇所" in raw and HEADER_RE.search(raw.strip()))
    for no, raw in zip(numbers, text, strict=True):
        stripped = raw.strip()
        if "該当箇所" in stripped and (m := HEADER_RE.search(stripped)):
            header = header or m
            out.append(None)
        elif not stripped or PAGE_NUMBER_RE.match(stripped):
            out.append(None)
        else:
            out.append(Line(no, max(bisect.bisect_right(headers, no), 1), stripped, raw))
    return out, header


def _read_headings(lines: list[Line | None]) -> tuple[list[Vision], list[_GoalDraft], list[ParseWarning]]:
    visions: list[Vision] = []
    drafts: list[_GoalDraft] = []
    warnings: list[ParseWarning] = []
    vision = 0
    in_goal = False  # a new vision closes the goal before it
    for item in lines:
        if item is None:
            if in_goal:
                drafts[-1].items.append(None)
            continue
        vm = VISION_RE.match(item.text)
        gm = GOAL_RE.match(item.text)
        if vm and ("「" in item.text or item.text.endswith("向けて")):
            vision = int(vm.group("num").translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            visions.append(Vision(vision, item.text, item.page, item.no))
            in_goal = False
        elif gm:
            drafts.append(_GoalDraft(vision, item.text, bool(gm.group("rep")), item.page, item.no))
            in_goal = True
        elif SEE_ABOVE_RE.match(item.text) and in_goal and not any(drafts[-1].items):
            drafts[-1].see_above = True  # 【…】（再掲） / （上記参照）: no rows of its own (line 962)
        else:
            if not in_goal:
                warnings.append(ParseWarning("no-goal", "text outside any goal 【…】; kept under an untitled goal",
                                             item.page, item.no))
                drafts.append(_GoalDraft(vision, "", False, item.page, item.no))
                in_goal = True
            drafts[-1].items.append(item)
    return visions, drafts, warnings


def _rows(items: list[Line | None], warnings: list[ParseWarning], title_max: float = TITLE_MAX,
          narrow: float = NARROW) -> list[RowDraft]:
    """Cut one goal's lines into rows: [title] description ［tag］ results plans."""
    tags = find_tags(items)
    rows: list[RowDraft] = []
    starts: list[int] = []
    lo = 0
    for tag in tags:
        row, start = _description(items, tag, lo, title_max, narrow)
        rows.append(row)
        starts.append(start)
        lo = tag.end + 1
    out: list[RowDraft] = []
    head_end = starts[0] if starts else len(items)
    if any(items[:head_end]):  # lines before the first description: rows without a tag
        orphan = _columns(list(items[:head_end]), RowDraft(), title_max, narrow)
        out.extend(r for r in orphan if r.results or r.plans or r.title)
    for k, (row, tag) in enumerate(zip(rows, tags, strict=True)):
        end = starts[k + 1] if k + 1 < len(rows) else len(items)
        body: list[Line | None] = []
        rest = items[tag.end].text[tag.end_col :].strip()  # type: ignore[union-attr]
        if rest:
            body.append(Line(items[tag.end].no, items[tag.end].page, rest))  # type: ignore[union-attr]
        body.extend(items[tag.end + 1 : end])
        out.extend(_columns(body, row, title_max, narrow))
    return out


def _description(items: list[Line | None], tag: Tag, lo: int, title_max: float = TITLE_MAX,
                 narrow: float = NARROW) -> tuple[RowDraft, int]:
    """Walk back from a tag to where its description (and title) start."""
    i = tag.start
    while i - 1 >= lo and items[i - 1] is not None and not _ends_block(items[i - 1], narrow):  # type: ignore[arg-type]
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
    desc: list[Line] = []
    for x in range(first, tag.start + 1):
        line = items[x]
        if line is None:
            continue
        if x == tag.start:
            line = Line(line.no, line.page, line.text[: tag.start_col].strip(), line.raw)
            if not line.text:
                continue
        desc.append(line)
    first_line = ""
    if desc:
        src = items[first]
        while src is None:
            first += 1
            src = items[first]
        first_line = src.text if first != tag.start else src.text[: tag.end_col if tag.end == tag.start else None]
        first_line = first_line.strip()
    row = RowDraft(title=items[title] if title is not None else None, desc=desc, first_line=first_line, tag=tag,
               tag_line=items[tag.start])
    return row, (title if title is not None else first)


def _paragraph_before(items: list[Line | None], i: int, lo: int) -> tuple[int, list[Line]] | None:
    """The paragraph that ends before line index i (after at least one break), not before lo."""
    j = i - 1
    while j >= lo and items[j] is None:
        j -= 1
    if j < lo or j == i - 1:
        return None
    k = j
    while k - 1 >= lo and items[k - 1] is not None:
        k -= 1
    return k, [x for x in items[k : j + 1] if x is not None]


def _runs_on(lines: list[Line], title_max: float = TITLE_MAX) -> bool:
    """Description lines cut off by a break: full width (wider than any title), no bullet or tag, no sentence
    end at the cut."""
    return bool(lines) and all(
        x.width >= title_max and not is_bullet_start(x.text) and "］" not in x.text for x in lines
    ) and not lines[-1].text.endswith("。")


def _ends_block(line: Line, narrow: float = NARROW) -> bool:
    """A line that cannot be inside a description: a bullet, a short sentence end, a closed tag."""
    return is_bullet_start(line.text) or "］" in line.text or (line.text.endswith("。") and line.width <= narrow)


def _columns(body: list[Line | None], owner: RowDraft, title_max: float = TITLE_MAX,
             narrow: float = NARROW) -> list[RowDraft]:
    """Split what follows a tag into results and plans; a title followed by results starts a new row."""
    rows = [owner]
    paras = paragraphs(body)
    if paras and TAB_ITEM_RE.match(paras[0][0].text):  # ①	… items of the description (line ~503)
        last = max(p for p, para in enumerate(paras) if any(TAB_ITEM_RE.match(x.text) for x in para))
        for para in paras[: last + 1]:
            owner.items.extend(para)
        paras = paras[last + 1 :]
    mode: Column = "results"
    first = True
    for para in paras:
        row = rows[-1]
        if (mode == "plans" and len(para) >= 2 and is_title_line(para[0].text, title_max)
                and is_bullet_start(para[1].text) and para[1].width > narrow):
            # 「保険導入の手引きの作成」 (line 896): a title, no description, results at once.
            row = RowDraft(title=para[0], first_line="")
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
            target = row.results if mode == "results" else row.plans
            target.append((left, is_bullet_start(left.text)))
            if right is not None:
                row.plans.append((right, True))
                mode = "plans"
    return rows


