"""The page layout of extracted report text: lines, pages, headings, tags and the two columns.

PDF extraction flattens a four-column table into lines. What is left to go by: page headers
(「該当箇所 列1 列2 列3 令和６年度…」), headings, the ministry tag ［…］ closing each description,
and line widths: the results column is printed about 60 cells wide, the plans column about 40.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.normalize import display_width
from .ministries import SUBHEADING_TAG_RE, is_ministry_list

# Page header repeated on every page; the first one names the two fiscal years.
HEADER_RE = re.compile(
    r"該当箇所.*?(?P<res>(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の実績[・･]?状況)"
    r"\s*(?P<plan>(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の取組予定)"
)
PAGE_NUMBER_RE = re.compile(r"^[0-9０-９]{1,3}$")  # a bare page number, e.g. line 393 「3」
VISION_RE = re.compile(r"^[（(](?P<num>[0-9０-９]{1,2})[）)]\s*(?P<title>\S.*)$")  # （１）「…」に向けて
GOAL_RE = re.compile(r"^【(?P<title>[^【】]+)】\s*(?P<rep>（再掲）|\(再掲\))?$")  # 【…】 or 【…】（再掲）
SEE_ABOVE_RE = re.compile(r"^[（(]上記参照[）)]$")  # （上記参照）
REPOSTED_TITLE_RE = re.compile(r"^[＜<].+[＞>]\s*[（(]再掲[）)]$")  # ＜有事における…取組＞（再掲）
# What starts a new bullet: ・ ○ ①, an indented 　・, or a lone group heading （アジア健康構想）.
BULLET_START_RE = re.compile(r"^(?:[・○●◆■※]|[①-⑳]|[　 ]+・|[（(][^（）()]{1,20}[）)]$)")
TAB_ITEM_RE = re.compile(r"^[①-⑳]\t")  # ①	日常生活における… (items of a description, line ~503)
# Results and plans sharing one line: 「…推進した。 ・引き続き…」, 「…導入した。（対応済み） （対応済み）」,
# 「令和５年度に事業終了 後継事業の予定無し」 (lines 22, 123).
MIXED_SPLIT_RE = re.compile(
    r"(?<=[。）」｣)])[ 　]+(?=・)"
    r"|(?<=[。）)])[ 　]+(?=[（(][^（）()]{1,10}[）)]$)"
    r"|(?<=事業終了)[ 　]+(?=後継)"
)

NARROW = 45.0  # plans lines are at most ~42 cells wide, full results and description lines 50+
TITLE_MAX = 48.0


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the source text
    page: int
    text: str  # stripped
    raw: str = ""
    box: tuple[float, float, float, float] | None = None  # (x0, top, x1, bottom) on a PDF page
    font: str = ""  # the font of most of the line's characters (PDF), subset prefix dropped

    @property
    def width(self) -> float:
        return display_width(self.text)


BREAK = None  # a blank line, page header or page number between text lines


@dataclass(frozen=True)
class Tag:
    """A ministry tag ［…］ that closes a description, possibly wrapped over lines."""

    start: int  # index of the line holding ［ (or the fragment when ［ was lost)
    start_col: int
    end: int  # index of the line holding ］
    end_col: int  # column just after ］
    inner: str
    printed: str
    subheading: bool
    lost_open: bool


def is_bullet_start(text: str) -> bool:
    return bool(BULLET_START_RE.match(text))


def is_title_line(text: str, title_max: float = TITLE_MAX) -> bool:
    """A heading line: short, no final 。 or 、, not a bullet, not a bracketed aside."""
    if not text or len(text) < 4 or display_width(text) > title_max:
        return False
    if REPOSTED_TITLE_RE.match(text):
        return True
    if text.endswith(("。", "、", "，")) or is_bullet_start(text) or "［" in text or "］" in text:
        return False
    return not re.match(r"^[（(].*[）)]$", text)


def find_tags(items: list[Line | None]) -> list[Tag]:
    """Ministry tags (and 担当省庁 sub-heading brackets) in document order."""
    tags: list[Tag] = []
    for i, item in enumerate(items):
        if item is None or "］" not in item.text:
            continue
        close = item.text.index("］")
        tag = _tag_ending_at(items, i, close)
        if tag and (not tags or tag.start > tags[-1].end):
            tags.append(tag)
    return tags


def _tag_ending_at(items: list[Line | None], i: int, close: int) -> Tag | None:
    text = items[i].text  # type: ignore[union-attr]
    open_col = text.rfind("［", 0, close)
    if open_col >= 0:
        return _make_tag(i, open_col, i, close, text[open_col + 1 : close], False)
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
                inner = prev.text[col + 1 :] + "".join(reversed(inner_parts))
                return _make_tag(j, col, i, close, inner, False)
            inner_parts.append(prev.text)
        j -= 1
    # ［ lost with the line before it: 「◎内官、文、厚、経］ ・健康・医療…」 (line 756)
    if is_ministry_list(text[:close]):
        return _make_tag(i, 0, i, close, text[:close], True)
    return None


def _make_tag(start: int, start_col: int, end: int, close: int, inner: str, lost: bool) -> Tag | None:
    inner = inner.strip()
    sub = bool(SUBHEADING_TAG_RE.search(inner))
    if not sub and not is_ministry_list(inner):
        return None
    printed = ("" if lost else "［") + inner + "］"
    return Tag(start, start_col, end, close + 1, inner, printed, sub, lost)


def paragraphs(items: list[Line | None]) -> list[list[Line]]:
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


def split_mixed(line: Line) -> tuple[Line, Line | None]:
    """A line holding the end of a result and the start of a plan → (results part, plans part)."""
    m = MIXED_SPLIT_RE.search(line.text)
    if not m:
        return line, None
    left, right = line.text[: m.start()], line.text[m.end() :]
    return Line(line.no, line.page, left, line.raw), Line(line.no, line.page, right, line.raw)
