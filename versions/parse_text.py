"""Parser for the text that PDF extraction gives of a progress-report table (the seed format).

Reads headings, cuts the flow of lines into rows at the ministry tags ［…］, then splits what
follows each tag into the results and plans columns. Quirks are read through and reported as
warnings, never silently fixed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .budgets import find_budgets
from .eras import ERA_YEAR_RE, era_year
from .errors import EditionParseError
from .layout import (
    GOAL_RE,
    HEADER_RE,
    NARROW,
    PAGE_NUMBER_RE,
    REPOSTED_TITLE_RE,
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
from .ministries import KNOWN_MINISTRIES, parse_ministries
from .model import Bullet, Column, Edition, Goal, Measure, Note, ParseWarning, Source, Vision
from .programs import find_programs, find_successions

PARSER_VERSION = "1"
ITEM_WRAP = 60.0  # description items (①\t…) run to the full table width
# Report families recognised without --document (the title is not in the extracted text).
KNOWN_DOCUMENTS = (("医療機器", "iryokiki-kihonkeikaku"),)
# Connectives an untitled row may start with (「また、ベンチャー等の…」, 「あわせて、…」). Demonstratives
# such as その or これら are not among them: a description's first sentence has nothing to point back
# to, so 「その原因と解決の方向性について…」 (line 1026) means its first line was lost.
# A title closed by ＞ that never opened: 「国際展開支援における業界団体と行政の連携強化＞」 (line 728, its ＜ lost).
STRAY_CLOSE_RE = re.compile(r"^([^＜<]+)[＞>]$")
# An untitled row starting with a katakana run and a particle may have lost its first characters:
# 「テンシャルを有する地域連携拠点…」 (line 280, ポテンシャル cut); its label is then a fragment.
KANA_FRAGMENT_RE = re.compile(r"^[ァ-ヺー]+[をがはのにでと]")
_OPENERS = ("また", "あわせて", "併せて", "なお", "さらに", "ただし", "このため", "そのため", "これまで",
            "いわゆる")


@dataclass
class _Row:
    title: Line | None = None
    desc: list[Line] = field(default_factory=list)
    first_line: str = ""
    tag: Tag | None = None
    tag_line: Line | None = None  # where the tag starts, to cite a row that has nothing else
    items: list[Line] = field(default_factory=list)
    results: list[tuple[Line, bool]] = field(default_factory=list)  # (line, starts a bullet)
    plans: list[tuple[Line, bool]] = field(default_factory=list)


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
    lines, header = _read_lines(text)
    if header is None:
        raise EditionParseError(
            "not a progress report this parser reads: no page header like "
            "'該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定'"
        )
    results_fy, plans_fy = (_year_of(header.group("res")), _year_of(header.group("plan")))
    visions, drafts, warnings = _read_headings(lines)
    goals: list[Goal] = []
    measures: list[Measure] = []
    for n, draft in enumerate(drafts, 1):
        goal_id = f"g{n:02d}"
        rows = _rows(draft.items, warnings)
        notes = []
        for row in rows:
            if row.tag is not None and row.tag.subheading and not row.results and not row.plans:
                notes.append(_note(row))
                continue
            measures.append(_measure(row, f"m{len(measures) + 1:03d}", draft.vision, goal_id,
                                     (results_fy, plans_fy), warnings))
        goals.append(Goal(goal_id, draft.vision, draft.title, draft.reposted, draft.see_above,
                          draft.page, draft.line, tuple(notes)))
    if not measures:
        raise EditionParseError("no measures found: no description closed by a ministry tag like ［◎厚］")
    doc = document or _document_id(text)
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


def _year_of(label: str) -> int:
    m = ERA_YEAR_RE.search(label)
    assert m is not None  # HEADER_RE only matches labels with an era year
    return era_year(m.group(1), m.group(2))


def _document_id(text: str) -> str:
    for marker, doc in KNOWN_DOCUMENTS:
        if marker in text:
            return doc
    raise EditionParseError("cannot tell which report this is from its text; pass --document ID")


def _read_lines(text: str) -> tuple[list[Line | None], re.Match[str] | None]:
    """Source lines with page numbers; page headers, page numbers and blanks become breaks."""
    out: list[Line | None] = []
    header = None
    headers = 0
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if "該当箇所" in stripped and (m := HEADER_RE.search(stripped)):
            headers += 1
            header = header or m
            out.append(None)
        elif not stripped or PAGE_NUMBER_RE.match(stripped):
            out.append(None)
        else:
            out.append(Line(no, max(headers, 1), stripped, raw))
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


def _rows(items: list[Line | None], warnings: list[ParseWarning]) -> list[_Row]:
    """Cut one goal's lines into rows: [title] description ［tag］ results plans."""
    tags = find_tags(items)
    rows: list[_Row] = []
    starts: list[int] = []
    lo = 0
    for tag in tags:
        row, start = _description(items, tag, lo)
        rows.append(row)
        starts.append(start)
        lo = tag.end + 1
    out: list[_Row] = []
    head_end = starts[0] if starts else len(items)
    if any(items[:head_end]):  # lines before the first description: rows without a tag
        orphan = _columns(list(items[:head_end]), _Row())
        out.extend(r for r in orphan if r.results or r.plans or r.title)
    for k, (row, tag) in enumerate(zip(rows, tags, strict=True)):
        end = starts[k + 1] if k + 1 < len(rows) else len(items)
        body: list[Line | None] = []
        rest = items[tag.end].text[tag.end_col :].strip()  # type: ignore[union-attr]
        if rest:
            body.append(Line(items[tag.end].no, items[tag.end].page, rest))  # type: ignore[union-attr]
        body.extend(items[tag.end + 1 : end])
        out.extend(_columns(body, row))
    return out


def _description(items: list[Line | None], tag: Tag, lo: int) -> tuple[_Row, int]:
    """Walk back from a tag to where its description (and title) start."""
    i = tag.start
    while i - 1 >= lo and items[i - 1] is not None and not _ends_block(items[i - 1]):  # type: ignore[arg-type]
        i -= 1
    title: int | None = None
    first = i
    if i < tag.start and is_title_line(items[i].text):  # type: ignore[union-attr]
        title, first = i, i + 1
    # Extraction breaks descriptions with blank lines (lines 425-430: three pieces); go back over
    # pieces that end in a full-width line without 。 (the text runs on), then look for the title.
    while title is None:
        para = _paragraph_before(items, first, lo)
        if not para:
            break
        k, lines = para
        if len(lines) == 1 and is_title_line(lines[0].text):
            title = k
        elif is_title_line(lines[0].text) and _runs_on(lines[1:]):
            title, first = k, k + 1
        elif _runs_on(lines):
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
    row = _Row(title=items[title] if title is not None else None, desc=desc, first_line=first_line, tag=tag,
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


def _runs_on(lines: list[Line]) -> bool:
    """Description lines cut off by a break: full width, no bullet or tag, no sentence end at the cut."""
    return bool(lines) and all(
        x.width >= TITLE_MAX and not is_bullet_start(x.text) and "］" not in x.text for x in lines
    ) and not lines[-1].text.endswith("。")


def _ends_block(line: Line) -> bool:
    """A line that cannot be inside a description: a bullet, a short sentence end, a closed tag."""
    return is_bullet_start(line.text) or "］" in line.text or (line.text.endswith("。") and line.width <= NARROW)


def _columns(body: list[Line | None], owner: _Row) -> list[_Row]:
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
        if (mode == "plans" and len(para) >= 2 and is_title_line(para[0].text)
                and is_bullet_start(para[1].text) and para[1].width > NARROW):
            # 「保険導入の手引きの作成」 (line 896): a title, no description, results at once.
            row = _Row(title=para[0], first_line="")
            rows.append(row)
            para = para[1:]
            mode, first = "results", True
        elif mode == "plans" and any(x.width > NARROW + 1 for x in para):
            mode = "results"  # an untitled second block of results (line 845)
        elif mode == "results" and not first and all(x.width <= NARROW for x in para):
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


def _join(lines: list[Line]) -> tuple[str, list[tuple[int, int, int]]]:
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


def _bullets(frags: list[tuple[Line, bool]], column: Column, fy: int, mid: str,
             warnings: list[ParseWarning]) -> tuple[Bullet, ...]:
    groups: list[list[Line]] = []
    for line, starts in frags:
        if starts or not groups:
            groups.append([])
        groups[-1].append(line)
    out = []
    for group in groups:
        text, marks = _join(group)
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
                          tuple(budgets), tuple(successions)))
    return tuple(out)


def _looks_cut(desc: str) -> bool:
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


def _measure(row: _Row, mid: str, vision: int, goal_id: str, years: tuple[int, int],
             warnings: list[ParseWarning]) -> Measure:
    desc, _ = _join(row.desc)
    if row.items:
        parts = [desc] if desc else []
        previous: Line | None = None
        for line in row.items:
            # An item's lines are ~70 cells wide; a line after a full one is its wrapped rest (「療機器」),
            # a line after a short one is the next part (「糖尿病、高血圧症等の…」).
            if previous is not None and previous.width >= ITEM_WRAP and not TAB_ITEM_RE.match(line.text):
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
    lost = bool(tag and tag.lost_open) or bool(desc and _looks_cut(desc))
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
        results=_bullets(row.results, "results", years[0], mid, warnings),
        plans=_bullets(row.plans, "plans", years[1], mid, warnings),
        reposted=bool(REPOSTED_TITLE_RE.match(title)),
        first_line_lost=lost,
        page=page,
        line=line_no,
        first_line=row.first_line,
    )


def _note(row: _Row) -> Note:
    desc, _ = _join(row.desc)
    # A bracket alone on its line, 「［担当省庁については、各プラットフォームに記載の担当省庁を参照］」
    # with nothing before it, has neither title nor description (fuzz input; was an IndexError).
    anchor = row.title or (row.desc[0] if row.desc else None) or row.tag_line
    page, line = (anchor.page, anchor.no) if anchor else (0, 0)
    return Note(row.title.text if row.title else "", desc + (row.tag.printed if row.tag else ""), page, line)
