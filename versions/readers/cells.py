"""Inside a measure row's cells: the description cell's title, text, ministry tag and items; the results
and plans cells' bullets. The same rules for every reader, from what the lines say and how they end.

A line that stops well short of its column's full width (`Line.slack`, where the source tells it) ends
a paragraph: so a title is a short first line (or one in its own font), a description's items ①… are
paragraphs, and a bullet mark after a short or finished line starts a bullet. Where the source does not
tell a line's width (the bundled sample's text), the marks alone decide.
"""

from __future__ import annotations

import re
from math import ceil

from .geometry import DESCRIPTION, OFFICE, PLANS, RESULTS, SHORT, Geometry
from .measures import RowDraft, Tag
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .table import Cell, Line, box_of, join_lines
from .vocabulary import (
    ITEM_START_RE,
    LONE_PAREN_RE,
    NO_LINE_END,
    NO_LINE_START,
    OPENERS,
    REPOSTED_TITLE_RE,
    SENTENCE_END,
    TAG_OPEN_MAX,
    is_bullet_start,
    is_title_line,
    round_open,
)

TITLE_LINES = 3  # a title wraps over at most this many lines, or as many as a narrow column takes for ...
NARROW_TITLE_LINES = 6  # ... a title of WRAPPED_TITLE_MAX cells (4-5 at 9 pt in a narrow column), at most this
FULL_BY = 0.75  # ems short of the cell's full lines: a character less
KINSOKU_BY = 2.0  # ems short of the cell's full lines that a character carried over by kinsoku explains
# A line that goes on a word or a sentence: small kana, a long vowel mark, closing punctuation, or a
# particle or an ending in hiragana; not a sentence's opening words (「これまでは…」, 「また、…」).
CONTINUES_RE = re.compile(r"^(?!" + "|".join((*OPENERS, "これ", "それ", "この", "その", "こう", "そう")) + r")"
                          r"[ぁ-ゖァィゥェォッャュョヮー、。，．）」』］・]")
NOUN_END_RE = re.compile(r"[一-龥々ァ-ヺー）)＞>】]$")  # a heading ends in a noun or a bracket: 「…の育成」
KATAKANA_RE = re.compile(r"[ァ-ヺー]")
# The last words of a heading: a policy noun (「…人材の育成」, 「…の促進」, 「…の整備」), or a reposted title
TITLE_END_RE = re.compile(r"(?:育成|促進|支援|強化|作成|共有|整備|推進|取組|評価|参加|充実|確保|設置|構築|活用|展開|"
                          r"創出|普及|導入|向上|改善|策定|検討|実施|対応|連携|[ー化])$|[＞>][（(]再掲[）)]$")
# What goes on with a noun at the start of the next line, in a sentence: a particle, a する form, the
# copula, a conjunction of nouns, punctuation. A heading's last noun is followed by none of them.
NOUN_GOES_ON_RE = re.compile(r"^(?!" + "|".join(OPENERS) + r")(?:及び|並びに|又は|若しくは|および|ならびに|または|"
                             r"もしくは|等|[をがはにでとのへやもかよまなだしすさせ、。，．）」』］・ー])")
RESTATED = 4  # characters a line must repeat of the one before to restate it
QUALIFIER_RE = re.compile(r"[（(][^（）()]{1,8}[）)]$")  # a heading's qualifier: 「（その２）」
WRAPPED_TITLE_MAX = 52.0  # cells a title wrapped over lines may hold (the longest in the editions: 44)
# A ministry tag, of either width: ［◎厚、◎経］, [◎経] (a web service), ［担当省庁については、…を参照］
ANY_TAG_RE = re.compile(r"[［\[]([^［］\[\]]*)[］\]]")
UNCLOSED_TAG_RE = re.compile(r"[［\[]([^［］\[\]]{1,40})$")  # a tag whose 「］」 was lost: 「…取り組む。［◎厚、経」


def measure_draft(cells: dict[str, Cell], geometry: Geometry) -> RowDraft:
    """A measure row's cells, by role, read into a RowDraft."""
    desc_cell = cells.get(DESCRIPTION) or Cell()
    lines = desc_cell.lines
    title = None
    told = desc_cell.title is not None
    size, guess = (desc_cell.title or 0, "") if told else _title(lines, geometry) if lines else (0, "")
    if size == 1:
        title, lines = lines[0], lines[1:]
    elif size:  # a title wrapped in a narrow column: one title
        head = lines[:size]
        text = join_lines(head)[0]
        title = Line(head[0].no, head[0].page, text, text, box_of(head), head[0].font)
        lines = lines[size:]
    paragraphs: list[list[Line]] = []
    for k, x in enumerate(lines):
        if k == 0 or ((_short(lines[k - 1]) or ITEM_START_RE.match(x.text)) and not _tag_open(paragraphs[-1])):
            paragraphs.append([])
        paragraphs[-1].append(x)
    texts = [join_lines(p)[0] for p in paragraphs]
    tag, texts = find_tag(texts)
    description = "\n".join(t for t in texts if t)
    # (a description of nothing but its tag has no first line: 「◎内官、文、厚、経］」, its ［ lost, line 756)
    draft = RowDraft(title=title, desc=lines, first_line=lines[0].text if description else "", tag=tag,
                     tag_line=lines[-1] if lines else title, description=description, bbox=desc_cell.bbox)
    if guess and title is not None:
        draft.doubts.append(f"its title 「{title.text[:20]}」 was told from its description without a font: {guess}")
    elif title is None and lines and not told and (maybe := _maybe_title(lines, geometry)):
        draft.doubts.append(f"its description's first line 「{maybe[:20]}」 may be its title (a title filling its "
                            "lines cannot be told from the text that follows it); read as the description")
    draft.results = bullets(cells[RESULTS].lines if RESULTS in cells else [])
    draft.plans = bullets(cells[PLANS].lines if PLANS in cells else [])
    if OFFICE in cells:
        draft.office = join_lines(cells[OFFICE].lines)[0]
    return draft


def _short(line: Line, by: float = SHORT) -> bool:
    return line.slack is not None and line.slack > by


def _title(lines: list[Line], geometry: Geometry) -> tuple[int, str]:
    """How many of a description cell's first lines are its title (0: none), and, when only the words
    tell it, why it is a guess. A title is a heading-like first line in its own font (bold), or well short
    of the column's edge, or the cell's only line without a tag; or a heading-like first paragraph of a
    few lines, the last one clearly short, where a narrow column or a large font wrapped it. A plain title
    that fills its lines exactly is told from its description by its words only: a heading ending in a
    noun, the next line starting a sentence."""
    first = lines[0]
    if len(lines) == 1:
        return int(is_title_line(first.text, geometry.title_max) and "］" not in first.text
                   and "]" not in first.text), ""
    most = _title_lines(lines)
    bold = next((k for k, x in enumerate(lines[:most + 1]) if x.font != first.font), 0) if first.font else 0
    if 0 < bold < len(lines) and is_title_line(join_lines(lines[:bold])[0], WRAPPED_TITLE_MAX):
        return bold, ""  # lines in their own font, then the body's
    one = is_title_line(first.text, geometry.title_max) and not _word_goes_on(first.text, lines[1].text) \
        and heading_commas(first.text)
    short = geometry.title_short
    if one and (first.slack is None or short is None or first.slack > short):
        return _more_title_lines(lines, 1, short or SHORT, most), ""
    if one and _shorter_than_full(lines):
        size = _more_title_lines(lines, 1, short or SHORT, most)
        text = join_lines(lines[:size])[0]
        # (only its words can back a title told by a character's room: a description whose first line was lost
        # may stop short as well, 「テンシャルを有する地域連携拠」 / 「点については、…」, 「握したサプライチェーン上の問題を」)
        if heading_words(text) or REPOSTED_TITLE_RE.match(text):
            return size, "its first line stops a character short of the column's edge"
    clearly = short or SHORT
    end = next((k for k, x in enumerate(lines[:most]) if x.slack is None or x.slack > clearly  # (a latin word's
                and not (k + 1 < len(lines) and _word_goes_on(x.text, lines[k + 1].text))), None)  # wrap: short)
    if end is not None and 0 < end < len(lines) - 1 and lines[end].slack is not None \
            and is_title_line(text := join_lines(lines[: end + 1])[0], WRAPPED_TITLE_MAX) and heading_commas(text):
        return end + 1, ""
    if size := _heading_filling_lines(lines, geometry):
        return size, "it fills its lines; told by its words, a heading's"
    return 0, ""


def _heading_filling_lines(lines: list[Line], geometry: Geometry) -> int:
    """How many full first lines read as a plain title that fills them exactly (0: none). Only the words
    tell: a reposted title ＜…＞（再掲）; or a noun phrase (no 。, a 、 only after a verb's stem 「策定し、」)
    ending in a heading's noun (「…の育成」, 「…の促進（その２）」), the next line not going on with it (a
    particle, a する form, 及び, punctuation). A next line that starts mid-word, as a description whose
    first line was lost does (「ることが必要である。」), goes on with no noun: the title stands. A full line
    is held to the widest a wrapped title is (WRAPPED_TITLE_MAX), not to the title limit of a line that
    stops short (a text reader's is a few cells under its column's width: no full line ever met it)."""
    clearly = geometry.title_short or SHORT
    for k in range(1, min(TITLE_LINES, len(lines) - 1) + 1):
        if any(x.slack is None or x.slack > clearly for x in lines[:k]):
            break
        text, nxt = join_lines(lines[:k])[0], lines[k].text
        if REPOSTED_TITLE_RE.match(text):
            return k
        if is_title_line(text, WRAPPED_TITLE_MAX) and heading_words(text) \
                and not _word_goes_on(text, nxt) and (not NOUN_GOES_ON_RE.match(nxt) or restates(text, nxt)):
            return k
    return 0


def restates(text: str, nxt: str) -> bool:
    """Does NXT start with the words TEXT ends with (「…医療情報の提供の促進」 / 「の提供の促進に取り組む。」)?
    No sentence says a phrase twice in a row: NXT starts a description restating its title."""
    return any(text.endswith(nxt[:n]) for n in range(RESTATED, len(nxt) + 1))


def heading_words(text: str) -> bool:
    """Does TEXT read as a heading: a noun phrase ending in a policy noun, perhaps qualified 「（その２）」?"""
    return bool(TITLE_END_RE.search(QUALIFIER_RE.sub("", text))) and heading_commas(text)


def heading_commas(text: str) -> bool:
    """A heading is a noun phrase: a 、 in it follows a verb's stem 「し」 (「策定し、…する人材の育成」); after
    anything else (「糖尿病、高血圧症等の…」, 「また、」, 「…については、」) it parts a sentence."""
    return all(text[k - 1:k] == "し" for k, c in enumerate(text) if c in "、，")


def _head(lines: list[Line], text: str) -> list[Line]:
    """The first lines of LINES that join into TEXT."""
    k = 1
    while k < len(lines) and join_lines(lines[:k])[0] != text:
        k += 1
    return lines[:k]


def _maybe_title(lines: list[Line], geometry: Geometry) -> str:
    """Could the first full line(s) of a cell read without a title be a plain title that fills its lines
    exactly? Nothing but the words could tell (a heading ending in a noun, the next line starting a
    sentence): the row is named in a warning rather than guessed."""
    clearly = geometry.title_short or SHORT
    if lines[0].slack is not None and lines[0].slack > clearly and is_title_line(lines[0].text, geometry.title_max):
        return lines[0].text  # short as a title is, but worded as a sentence's start: 「また、…」
    for k in range(1, min(TITLE_LINES, len(lines) - 1) + 1):
        head = lines[:k]
        if any(x.slack is None or x.slack > clearly for x in head):
            break
        text = join_lines(head)[0]
        if is_title_line(text, geometry.title_max if k == 1 else WRAPPED_TITLE_MAX) and NOUN_END_RE.search(text) \
                and heading_commas(text) \
                and not _word_goes_on(text, lines[k].text):
            return text
    return ""


def _title_lines(lines: list[Line]) -> int:
    """How many lines a title may wrap over: TITLE_LINES, or in a narrow column (its first lines' width) as
    many as a title of WRAPPED_TITLE_MAX cells takes (seeds 1172, 1252: 9 pt, 12-13 cells a line, 4 lines)."""
    width = max(x.width for x in lines[:2])
    return max(TITLE_LINES, min(NARROW_TITLE_LINES, ceil(WRAPPED_TITLE_MAX / width))) if width > 0 else TITLE_LINES


def _more_title_lines(lines: list[Line], k: int, clearly: float, most: int = TITLE_LINES) -> int:
    """A title's lines after its first short one: the next lines stop short too, with no sentence end, and
    read as one heading with it (「医療機器ベンチャーの創出・連携強化」 / 「及び人材流動化に向けた取組の促進」,
    wrapped at a word); the description's first line is full."""
    while k < min(most, len(lines) - 1):
        x = lines[k]
        if x.slack is None or x.slack <= clearly or "、" in x.text or _word_goes_on(x.text, lines[k + 1].text) \
                or not is_title_line(join_lines(lines[: k + 1])[0], WRAPPED_TITLE_MAX):
            break  # (a line short for a latin word that did not fit, or a sentence's, is the description's)
        k += 1
    return k


def _word_goes_on(line: str, nxt: str) -> bool:
    """Does a word run on from LINE to NXT (katakana or latin on both sides of the break), or a bracket
    LINE opens close on NXT (「…の連携強化（その」 / 「2）」)?"""
    if round_open(line):
        return True
    return bool(line and nxt and ((KATAKANA_RE.match(line[-1]) and KATAKANA_RE.match(nxt[0]))
                                  or (line[-1].isascii() and line[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum())))


def _shorter_than_full(lines: list[Line]) -> bool:
    """Does a heading-like first line stop short of where the cell's full lines stop, by about a character
    or more, with the next line starting a sentence (not a particle or kana that would go on a word)? A
    title that nearly fills its column, its description set on the next line."""
    full = sorted(x.slack for x in lines[1:] if x.slack is not None and x.slack <= SHORT)
    if lines[0].slack is None or not full or "、" in lines[0].text:
        return False
    by = lines[0].slack - full[len(full) // 2]
    if by < KINSOKU_BY and _kinsoku(lines[1].text) and not heading_words(lines[0].text):
        return False  # short for kinsoku alone, and worded as no heading (seed 1011: 「…において」 / 「ニーズ…」)
    return by >= FULL_BY and not CONTINUES_RE.match(lines[1].text)


def _kinsoku(nxt: str) -> bool:
    """Could the line before NXT stop a character short only because of kinsoku: NXT's second character may
    not start a line (「ニーズ」: 「ニ」 went down with 「ー」), or NXT opens a bracket that may not end one?"""
    return nxt[1:2] in tuple(NO_LINE_START) or nxt[:1] in tuple(NO_LINE_END)


def _tag_open(paragraph: list[Line]) -> bool:
    """Does PARAGRAPH end inside a tag 「［◎厚、」? Its rest (「経］」, a lone 「］」) is on the next line however
    short this one stopped: a producer that keeps 「経］」 together or wraps by phrases leaves it short."""
    tail: list[Line] = []
    size = 0
    for x in reversed(paragraph):  # only the tail: a cell of thousands of lines stays linear
        tail.append(x)
        size += len(x.text)
        if size > TAG_OPEN_MAX:
            break
    text = join_lines(tail[::-1])[0]
    start = max(text.rfind("［"), text.rfind("["))
    inside = text[start + 1:]
    # A stray 「［」 must not join the paragraphs after it: a tag's inside is short and never a sentence.
    return start > max(text.rfind("］"), text.rfind("]")) and len(inside) <= TAG_OPEN_MAX and "。" not in inside


def _tag_of(inner: str) -> Tag | None:
    inner = inner.strip()
    sub = bool(SUBHEADING_TAG_RE.search(inner))
    if sub or is_ministry_list(inner):
        return Tag(inner, f"［{inner}］", sub, False)
    return None


def find_tag(texts: list[str]) -> tuple[Tag | None, list[str]]:
    """The ministry tag closing the description, taken out of its paragraph (paragraphs a tag runs across
    are joined first: however its lines were cut, a tag is one tag)."""
    for k, text in enumerate(texts):
        for m in ANY_TAG_RE.finditer(text):
            tag = _tag_of(m.group(1))
            if tag is not None:
                rest = (text[: m.start()] + text[m.end():]).strip()
                return tag, texts[:k] + [rest] + texts[k + 1:]
    if len(texts) > 1:  # a tag cut across paragraphs: 「…取り組む。［◎厚、経」 / 「］」
        joined = "".join(texts)
        for m in ANY_TAG_RE.finditer(joined):
            tag = _tag_of(m.group(1))
            if tag is not None:
                ends, size = [], 0
                for t in texts:
                    size += len(t)
                    ends.append(size)
                a = next(k for k, end in enumerate(ends) if end > m.start())
                b = next(k for k, end in enumerate(ends) if end >= m.end())
                start = ends[a] - len(texts[a])
                merged = joined[start: m.start()] + joined[m.end(): ends[b]]
                return tag, texts[:a] + [merged.strip()] + texts[b + 1:]
    if texts and (m := UNCLOSED_TAG_RE.search(texts[-1])) and is_ministry_list(m.group(1)):
        # 「…支援に引き続き取り組む。［◎厚、経」 ending the cell, its 「］」 lost below the cell's edge
        inner = m.group(1).strip()
        return Tag(inner, f"［{inner}］", False, False), texts[:-1] + [texts[-1][: m.start()].strip()]
    for k, text in enumerate(texts):  # ［ lost: 「◎内官、文、厚、経］」
        close = next((c for c in ("］", "]") if c in text), "")
        if close:
            before, _, after = text.partition(close)
            head, _, inner = before.rpartition("。")
            if is_ministry_list(inner):
                rest = (head + ("。" if head else "") + after).strip()
                return Tag(inner.strip(), inner.strip() + "］", False, True), texts[:k] + [rest] + texts[k + 1:]
    return None, texts


def bullets(lines: list[Line]) -> list[tuple[Line, bool]]:
    """A column's lines with whether each starts a bullet: a bullet mark after a finished or short line."""
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
                x.text.startswith("・") or bool(ITEM_START_RE.match(x.text)) or prev.text.endswith(SENTENCE_END)
                or prev.slack is None or _short(prev))
        out.append((x, starts))
    return out
