"""What every row of the report holds, checked on a text reading after the fact.

A text extraction has lost the fonts, widths and rules that tell a title from its description and a
result from a plan; the text readers guess them, and a guess can be wrong where nothing in the text
disagrees. These checks read each measure as the report writes it and name the rows that do not read
so, in a `layout-row-doubt` warning (so the edition says first that its reading is doubtful), rather
than let a misread row pass unnoticed; where a fifth of the rows or more do not, the text is refused in
one line (its reader did not find the columns):

- no title, yet the description opens with a heading's words (「…人材の育成」 then a new sentence): the
  title was read into the description;
- a title holding a sentence (。) or longer than any heading: the description was read into the title;
- a result worded as a plan (「…予定。」, 「…に取り組む。」) or a plan worded as a result (「…を実施した。」):
  bullets read in the other column;
- a description holding a bullet 「・…」 or a plan's 「…予定。」, and a row without the 「担当」 office the
  other rows have: cells read into the wrong column;
- a note (sub-heading row) with the same trouble as a title, and a vision without a number.

They hold for every row of the bundled editions (tests/test_text_checks.py); the PDF reader and the
sample's blocked text keep their own evidence and are not checked here.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from ..model.edition import Edition, ParseWarning
from ..model.errors import EditionParseError
from ..model.normalize import display_width, fold_extracted
from .cell_openings import tail_opens_cell
from .cells import (
    CONTINUES_RE,
    KATAKANA_RE,
    NOUN_GOES_ON_RE,
    TITLE_END_RE,
    WRAPPED_TITLE_MAX,
    heading_commas,
    heading_words,
    restates,
)
from .row_doubts import row_doubts
from .vocabulary import (
    ENDED_RE,
    LONE_PAREN_RE,
    OFFICE_WORD_RE,
    PLAN_END_RE,
    REPOSTED_TITLE_RE,
    VISION_END,
    is_bullet_start,
    is_office_piece,
    worded_as_result,
)

CODE = "layout-row-doubt"
# Where this share of the measures does not read as the report's rows, the reader did not find the table's
# columns: no edition is better than one a fifth wrong (the sample's readings that misplace a few rows stay
# under a sixth; those that lost the columns name a fifth to all of their rows).
REFUSE_SHARE = 0.2
OFFICES_MIN = 10  # offices a table needs before one that starts like no other is doubted
HEADING_KEY = 10  # characters of a goal heading's line looked for in the edition
HEADING_MIN = 6  # characters of the shortest heading (「研究開発の促進」)
# A heading's noun followed by the next sentence's start: a particle or punctuation would go on with it.
SENTENCE_START_RE = re.compile(r"^[一-龥々ァ-ヺＡ-Ｚa-zA-Z0-9０-９「（(【＜<ぁ-ゖ]")  # (hiragana: a first line lost, 「ることが」)
# A noun the heading's last noun runs on into, then the sentence's topic: 「地域連携」「拠点については、」
COMPOUND_GOES_ON_RE = re.compile(r"^([一-龥々]{2,4})(?:については|において|には|では|は)")
# What only a results or plans cell holds: a bullet paragraph, or a plan's 「…予定。」
BULLET_IN_TEXT_RE = re.compile(r"(?:^|\n|。)・|予定。")
RESULT_IN_TEXT_RE = re.compile(r"(?:した|された|った|めた|えた|けた|できた)(?:[（(][^（）()]*[）)])?。")  # a description says what will be done, not what was
# What may follow a 。 inside a cell: a closing bracket 「…という。）」, a sentence's opening 「しかし、」
SENTENCE_GOES_ON_RE = re.compile(r"[）)」』］]|しかし|さらに|ただし|なお|あわせて|ついては")
# A bullet running on past its last sentence into words that end nowhere: 「…を図った。出口戦略を策定し、…人材（コー」
RUNS_ON_RE = re.compile(r"。[^。]{12,}[^。）)」』］\s]$")
# A sentence's opening words right after a noun, no 。 or 、 between: 「…の課題を採択引き続き、AMEDの…」
OPENER_INSIDE_RE = re.compile(r"(?:[一-龥々]|した)(?:引き続き|また|さらに|なお)、")
SENTENCE_ENDS = ("。", "）", ")", "」", "］")
CLOSES_FIRST_RE = re.compile(r"^[^（(「『【＜]*[）)」』】＞]")  # 「件）。」: a bracket closed before any opens
CIRCLED_RE = re.compile("[\u2460-\u2473]")  # ① … ⑳: the items of an enumeration
# A page number printed inside a heading a page break cut: 「…アクセシビリ-8-ティの確保」
PAGE_IN_HEADING_RE = re.compile(r"[-－―‐−]\s*[0-9０-９]{1,3}\s*[-－―‐−]|[0-9０-９]{1,3}\s*[/／]\s*[0-9０-９]{1,3}")
# A heading's end where it is printed at a bullet's end: 「…検討した。＜有事における…＞（再掲）」, 「…と連携国際展開支援
# における…連携強化（その２）」 (no bullet of the report ends so)
HEADING_TAIL_RE = re.compile(r"([^。、]{6,}(?:[＞>][（(]再掲[）)]|[（(]その[0-9０-９]+[）)]))$")


def check_rows(edition: Edition, layout: str, text: str = "") -> Edition:
    """EDITION with a warning for each row that does not read as the report writes its rows, and the
    doubt first among its warnings when there is any (layout: the text reader's profile; TEXT: the text
    it was read from, whose goal headings must all be found in the edition)."""
    offices = any(m.office for m in edition.measures)  # the header printed a 「担当」 column
    found = [w for k, m in enumerate(edition.measures)
             if (w := _measure_doubt(m, offices, edition.measures[k - 1].id if k else ""))]
    found += _office_doubts(edition.measures)
    found += _office_cut_doubts(edition.measures)
    found += [w for m in edition.measures if (w := _aside_opens_cell(m))]
    found += [w for m in edition.measures if (w := tail_opens_cell(m))]
    found += [w for k, m in enumerate(edition.measures) if k and (w := _bare_row_doubt(edition.measures[k - 1], m))]
    found += _office_one_off_doubts(edition.measures)
    found += [w for k, m in enumerate(edition.measures[:-1]) if (w := _title_at_cell_end(m, edition.measures[k + 1]))]
    found += _lost_headings(edition, text)
    found += [w for k, m in enumerate(edition.measures) if k and (w := _cut_row_doubt(edition.measures[k - 1], m))]
    found += [w for k, m in enumerate(edition.measures)
              if (w := _next_row_doubt(m, edition.measures[k + 1].id if k + 1 < len(edition.measures) else ""))]
    found += [w for g in edition.goals for w in _note_doubts(g)]
    found += [ParseWarning(CODE, f"{g.id}: printed as a see-above row （上記参照） but without 「（再掲）」: the goal's "
                           "heading was cut (a column or a page)", g.page, g.line)
              for g in edition.goals if g.see_above and not g.reposted]
    found += [ParseWarning(CODE, f"{x.id}: a page number 「{m.group(0)}」 inside its heading: a page break cut it",
                           x.page, x.line)
              for x in edition.goals if (m := PAGE_IN_HEADING_RE.search(x.title))]
    found += [ParseWarning(CODE, f"vision {v.number}: a page number 「{m.group(0)}」 inside its heading 「…"
                           f"{v.title[-24:]}」: a page break cut it", v.page, v.line)
              for v in edition.visions if (m := PAGE_IN_HEADING_RE.search(v.title))]
    found += [ParseWarning(CODE, f"a vision heading without its number: 「{v.title[:30]}」 (page furniture or a "
                           "title read as a vision?)", v.page, v.line) for v in edition.visions if v.number == 0]
    found += [ParseWarning(CODE, f"vision {v.number}: its heading 「{v.title[-20:]}」 does not end as a vision's "
                           f"(「…」{VISION_END}): cut by a column or a page", v.page, v.line)
              for v in edition.visions if v.number and not v.title.endswith(VISION_END)]
    found += row_doubts(edition)
    if not found:
        return edition
    named = {w.message.split(":", 1)[0] for w in found if w.message.startswith("m")}
    named |= {m.id for m in edition.measures if not m.ministries}  # (warned already: no-ministry-tag)
    if len(named) >= REFUSE_SHARE * len(edition.measures):
        first = next(w for w in found if w.message.startswith("m"))
        raise EditionParseError(
            f"the text's columns were not told apart (layout '{layout}'): {len(named)} of {len(edition.measures)} "
            f"rows do not read as the report's rows (first: {first.message[:90]}, line {first.line}); read the PDF")
    rest = [w for w in edition.warnings if w.code != "reading-doubtful"]
    warnings = sorted(rest + found, key=lambda w: (w.line, w.code, w.message))
    from .assembler import doubt_warning  # (the assembler's own rule for the first warning)

    return replace(edition, warnings=tuple(doubt_warning(warnings, layout) + warnings))


def _measure_doubt(m, offices: bool, before: str) -> ParseWarning | None:
    """The doubts about measure M; BEFORE: the id of the measure printed before it (its cells' text spills
    into the next row's description where a row boundary is misread)."""
    why = []
    spilled = f" (from the row before, {before}?)" if before else ""
    if BULLET_IN_TEXT_RE.search(m.description):
        why.append(f"its description holds a bullet 「・…」 or a plan 「…予定。」: results or plans may have been read "
                   f"into it{spilled}")
    if offices and not m.office and m.ministries:  # (m050, a row without a tag, has no office either)
        why.append("no 「担当」 office read, where the other rows have one")
    if any(is_office_piece(b.text) and OFFICE_WORD_RE.search(b.text) for b in (*m.results, *m.plans)):
        why.append("an office name 「…課」 read as a bullet: the 「担当」 column may have been read into another")
    if not m.title and not m.first_line_lost and (head := heading_start(m.description) or restated_head(m.description)):
        why.append(f"no title, yet its description opens with a heading 「{head[:24]}」: its title may have been "
                   "read into its description")
    if m.title and ("。" in m.title or display_width(m.title) > WRAPPED_TITLE_MAX):
        why.append(f"its title 「{m.title[:24]}…」 holds a sentence: its description may have been read into it")
    elif m.title and not heading_words(m.title) and not REPOSTED_TITLE_RE.match(m.title):
        why.append(f"its title 「{m.title[-24:]}」 does not end as a heading: another cell's line read into it?{spilled}")
    elif m.title and (not _balanced(m.title) or m.title[-1].isdigit()):
        why.append(f"its title 「{m.title[:24]}」 is not a heading (cut, or page furniture){spilled}")
    if _stops_mid_sentence(m.description):
        why.append(f"its description stops mid-sentence 「…{m.description[-12:]}」: its rest read elsewhere{spilled}")
    if not _balanced(m.description):
        why.append(f"its description's brackets do not pair: a line of another cell may have been read into it{spilled}")
    if any(not _enumerated(text) for text in (m.description, *("".join(b.text for b in c) for c in (m.results, m.plans)))):
        why.append("its items ①②… do not run in order in a cell: an item was read in another cell")
    if RESULT_IN_TEXT_RE.search(m.description):
        why.append(f"its description holds a result 「…した。」: a results cell may have been read into it{spilled}")
    if any(_spliced(b.text) or RUNS_ON_RE.search(b.text) or OPENER_INSIDE_RE.search(b.text) for b in (*m.results, *m.plans)) \
            or _spliced(m.description):
        why.append("a sentence goes on mid-word after its 。 (「…。るように」): lines of two cells spliced")
    if any(cell and ((CONTINUES_RE.match(cell[0].text) and not is_bullet_start(cell[0].text))
                     or CLOSES_FIRST_RE.match(cell[0].text)) for cell in (m.results, m.plans)):
        why.append("its results or plans open mid-sentence (「において、…」): their first line read elsewhere")
    if any(cell and (_heading_bullet(cell[0].text) or heading_start(cell[0].text)) for cell in (m.results, m.plans)):
        why.append("a heading's words open its results or plans without a bullet mark: a title's line read there?")
    if any(PLAN_END_RE.search(b.text) for b in m.results):
        why.append("a result is worded as a plan: bullets may have been read in the other column")
    if any(worded_as_result(b.text) for b in m.plans):
        why.append("a plan is worded as a result: bullets may have been read in the other column")
    return ParseWarning(CODE, f"{m.id}: " + "; ".join(why), m.page, m.line, m.id) if why else None


def _next_row_doubt(m, after: str) -> ParseWarning | None:
    """A row's results or plans that end in a heading, not a bullet or a sentence (「…を検討した。」 then 「＜有事に
    おける…＞（再掲）」, or a cell ending 「（その2）」): the next row's title (or the end of this row's) was read
    there. AFTER: the id of the next measure, named too (its title is the one that went missing). Only a
    stated end (「後継事業の予定無し」) ends a cell without a bullet mark or a 。 in the report."""
    for name, cell in (("results", m.results), ("plans", m.plans)):
        if not cell:
            continue
        last = cell[-1].text.strip()
        tail = HEADING_TAIL_RE.search(last)
        # (a lone （…） heads the bullets after it, and never ends a cell unless it is a status: （対応済み）)
        bare = (not is_bullet_start(last) or (LONE_PAREN_RE.match(last) and "済" not in last)) \
            and "。" not in last and not ENDED_RE.search(last)
        if bare or tail:
            heading = tail.group(1) if tail else last
            nxt = f"; or the title of the next row, {after}" if after else ""
            return ParseWarning(CODE, f"{m.id}: its {name} end in 「{heading[:30]}」, neither a bullet nor a sentence: "
                                f"the end of its own title may have been read there{nxt}", m.page, m.line, m.id)
        if len(cell) > 1 and _list_item(last) and cell[-2].text.rstrip().endswith("。"):
            return ParseWarning(CODE, f"{m.id}: its {name} end in a list item 「{last[:24]}」 after a sentence: an item "
                                "of a list in the other column read here?", m.page, m.line, m.id)
    first_cell = (m.results or m.plans or (None,))[0]
    if not m.ministries and m.title and (first_cell is None or not is_bullet_start(first_cell.text)):  # (m050: bullets)
        return ParseWarning(CODE, f"{m.id} (under {m.goal}): a title, no ministry tag, no bullet: the "
                            f"goal's sub-heading row (a note of {m.goal}) read as a measure?", m.page, m.line, m.id)
    return None


def _cut_row_doubt(before, m) -> ParseWarning | None:
    """A row with neither title nor description, or without a ministry tag, right after a row whose last
    result or plan stops mid-sentence (「…令和7年度予算」 「案：16億円の内数）を通じ…」): one row cut in two by
    a page break. Both are named; a row with neither title nor description is named alone too."""
    last = (before.plans or before.results or (None,))[-1]
    stop = ""  # the words the row before stops on, mid-sentence
    if last is None:
        pass
    elif not last.text.rstrip().endswith(("。", "）", ")")) and not ENDED_RE.search(last.text) \
            and not _list_item(last.text):
        stop = last.text
    elif before.description and not before.description.rstrip().endswith(SENTENCE_ENDS):
        stop = before.description
    empty = not m.title and not m.description
    if empty or (stop and not m.ministries):
        how = f"{before.id} stops mid-sentence 「…{stop[-12:]}」 and " if stop else ""
        return ParseWarning(CODE, f"{m.id}: {how}this row has {'neither title nor description' if empty else 'no ministry tag'}"
                            f": a row cut in two by a page break?", m.page, m.line, m.id)
    return None


def _lost_headings(edition: Edition, text: str) -> list[ParseWarning]:
    """A goal heading 「【…」 of the text that no goal or cell of the edition holds (as often as the text prints
    it): a page break cut it (its
    halves on either side of a page number and a header) and the reader dropped both. The row read just
    before its line is named, for the goal is missing after it. Few lines open with 【: linear in TEXT."""
    if "【" not in text:
        return []
    held = "".join(x.title for x in edition.goals) + "".join(
        f"{m.title}{m.description}" + "".join(b.text for b in (*m.results, *m.plans)) for m in edition.measures)
    held = "".join(held.split())
    rows = sorted([(x.line, x.id, x.page) for x in (*edition.goals, *edition.measures)])
    out = []
    seen: Counter[str] = Counter()
    for no, line in enumerate(text.split("\n"), 1):
        if "【" not in line:  # (no look-alike folds into 【: only the lines holding one are folded)
            continue
        head = "".join(fold_extracted(line).split())[:HEADING_KEY]
        if not head.startswith("【"):
            continue
        seen[head] += 1  # (a reposted goal 【…】（再掲） prints its heading again: count them)
        if held.count(head) >= seen[head]:
            continue
        k = bisect.bisect_right(rows, (no, "\uffff", 0)) - 1
        before = rows[k] if k >= 0 else (0, "", 0)
        out.append(ParseWarning(CODE, f"{before[1] or 'the text'}: the goal heading 「{head}…」 of source line {no}, "
                                "after this row, was read into no row: cut by a page break and lost?", before[2], no))
    return out


def _list_item(text: str) -> bool:
    """An item of a bulleted list of nouns: 「・経済性加算の新設」 (no sentence, no 、)."""
    text = text.strip()
    return is_bullet_start(text) and "。" not in text and "、" not in text and display_width(text) <= WRAPPED_TITLE_MAX


def _stops_mid_sentence(description: str) -> bool:
    """Does a description stop mid-sentence? Each ends with its sentence's 。 (or a bracket closing after
    it), but a list of items ①…⑤ ends with its last item."""
    text = description.rstrip()
    last = text.rsplit("\n", 1)[-1]
    return bool(text) and not text.endswith(SENTENCE_ENDS) and not CIRCLED_RE.match(last)


def _enumerated(text: str) -> bool:
    """Do the items ①②… of a cell run from ① up, one by one (the report numbers each list from ①)?"""
    numbers = [ord(c) - 0x245F for c in CIRCLED_RE.findall(text)]
    return numbers == list(range(1, len(numbers) + 1))


def _office_doubts(measures) -> list[ParseWarning]:
    """A 「担当」 office whose first characters start no other office of the table: offices are named from
    their ministry down (「厚労省…課」, 「経産省…室」), and each ministry holds several rows, so one that
    starts alone was cut (「…ライ」 「フサイエンス課」) and its start read into another cell."""
    offices = [m.office for m in measures if m.office]
    if len(offices) < OFFICES_MIN:
        return []
    starts = Counter(x[:2] for x in offices)
    # (the start of a row's office prints on the row's first line, after the last line of the row before:
    # where it is cut, the row before's last cell is where it went)
    return [ParseWarning(CODE, f"{m.id}: its office 「{m.office}」 starts like no other office of the table: cut, "
                         f"its start read into another cell{f' (the last one of {measures[k - 1].id}?)' if k else ''}?",
                         m.page, m.line, m.id)
            for k, m in enumerate(measures) if m.office and starts[m.office[:2]] == 1] + [
        ParseWarning(CODE, f"{m.id}: its office 「{m.office}」 does not end as an office's name (…課, …室): cut, its "
                     "end read into another cell?", m.page, m.line, m.id)
        for m in measures if m.office and starts[m.office[:2]] > 1 and not OFFICE_WORD_RE.search(m.office)]


def _note_doubts(goal) -> list[ParseWarning]:
    return [ParseWarning(CODE, f"{goal.id}: a note without a title opens with a heading 「{head[:24]}」: its "
                         "title may have been read into its text", n.page, n.line)
            for n in goal.notes if not n.title and (head := heading_start(n.text) or restated_head(n.text))]


def heading_start(text: str) -> str:
    """The heading a text opens with, where it opens with one and then starts a sentence: 「臨床現場を理解
    した企業の医療機器の研究開発人材の育成」 in 「…人材の育成医療機器の研究開発に当たっては、…」; '' if none."""
    text, _, after = text.partition("\n")
    if is_bullet_start(text):
        return ""
    if after and display_width(text) <= WRAPPED_TITLE_MAX and "。" not in text and TITLE_END_RE.search(text) \
            and heading_commas(text):
        return text  # a paragraph of its own
    if not heading_commas(text[:HEADING_MIN]):
        return ""  # a sentence's opening 「引き続き、…」
    for k in range(HEADING_MIN, len(text)):
        head = text[:k]
        if display_width(head) > WRAPPED_TITLE_MAX or head[-1] == "。" or (head[-1] in "、，" and head[-2] != "し"):
            return ""  # (a heading's 、 follows a verb's stem: 「出口戦略を策定し、…」)
        rest = text[k:]
        if KATAKANA_RE.match(head[-1]) and KATAKANA_RE.match(rest[0]):
            continue  # a word cut in the middle: 「…ニー」 「ズに応じた…」
        compound = COMPOUND_GOES_ON_RE.match(rest)
        # (a compound's noun the heading opened with starts the sentence: 「有事における…取組」「有事において、」)
        topic = bool(compound) and head.startswith(compound.group(1))
        if TITLE_END_RE.search(head) and (restates(head, rest) or (
                SENTENCE_START_RE.match(rest) and (not compound or topic) and not NOUN_GOES_ON_RE.match(rest))):
            return head  # (a description restating its title's last words: 「…提供の促進」「の提供の促進に…」)
    return ""


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in ("「」", "（）", "()", "【】", "＜＞"))


def _spliced(text: str) -> bool:
    """Does a sentence of TEXT go on mid-word after its 。 (small kana, a particle, an ending)?"""
    return any(CONTINUES_RE.match(after := text[k + 1:k + 4].lstrip()) and not SENTENCE_GOES_ON_RE.match(after)
               for k, c in enumerate(text) if c == "。" and k + 1 < len(text))  # (a line break may part them)


def _heading_bullet(text: str) -> bool:
    """Does a results or plans cell open with a heading's words, no bullet mark: 「安定供給体制の確保」?"""
    return not is_bullet_start(text) and "。" not in text and display_width(text) <= WRAPPED_TITLE_MAX \
        and bool(TITLE_END_RE.search(text)) and heading_commas(text)


def _office_cut_doubts(measures) -> list[ParseWarning]:
    """An office that is the end of another office of the table (「器審査管理課」 of 「厚労省医療機器審査管理課」):
    cut at its start, its start read into another cell (the last one of the row before, where the office
    prints first). _office_doubts misses it where the same cut happens in two rows (the start is then not
    one of a kind); an office is named from its ministry down, so no whole office ends another. The whole
    one is the commoner (the office of several rows; not two offices run together, 「…ライフサ厚労省…課」)."""
    count = Counter(m.office for m in measures if m.office)
    offices = {o for o in count if any(len(o) < len(w) and w.endswith(o) and count[w] >= count[o] for w in count)}
    return [ParseWarning(CODE, f"{m.id}: its office 「{m.office}」 is the end of another office of the table, "
                         f"「{whole}」: cut at its start, its start read into another cell"
                         f"{f' (the last one of {measures[k - 1].id}?)' if k else ''}", m.page, m.line, m.id)
            for k, m in enumerate(measures)
            if m.office in offices and (whole := next(o for o in sorted(count) if len(o) > len(m.office)
                                                      and o.endswith(m.office) and count[o] >= count[m.office]))]


KANJI_OR_KATAKANA_RE = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]")  # a heading opens with a noun
OFFICES_COMPARED = 200  # distinct offices compared pairwise at most (a table names a few dozen)
# A count or date in brackets alone (「（令和6年12月までに累計62件）」): the aside closing a sentence before it
ASIDE_RE = re.compile(r"^[（(][^（）()]*[0-9０-９][^（）()]*[）)]$")


def _aside_opens_cell(m) -> ParseWarning | None:
    """A results or plans cell opening with a count or date in brackets alone: such an aside closes the
    sentence before it (「…の提供を促進した。」 「（令和6年12月までに累計62件）」), so the other cell's last line
    was read here (a group heading, 「（アジア健康構想）」, holds no figure)."""
    for name, cell in (("results", m.results), ("plans", m.plans)):
        if cell and ASIDE_RE.match(cell[0].text.strip()):
            return ParseWarning(CODE, f"{m.id}: its {name} open with 「{cell[0].text.strip()[:24]}」, an aside that "
                                "closes the sentence before it: a line of another cell read here?", m.page, m.line, m.id)
    return None


def _bare_row_doubt(before, m) -> ParseWarning | None:
    """A row without results or without plans: every row of the report says what was done and what is
    planned, so its cells were read into another row or column; where the row before has no ministry tag,
    the two are one row read as two (a title read as the description of an untitled row). Both are named."""
    if m.results and m.plans:
        return None
    lacks = "neither results nor plans" if not m.results and not m.plans else "no results" if not m.results else "no plans"
    with_before = f" (one row with {before.id}, which has no ministry tag?)" if not before.ministries else ""
    return ParseWarning(CODE, f"{m.id}: a row with {lacks}: its cells read into another row or column"
                        f"{with_before}", m.page, m.line, m.id)


def _one_off(a: str, b: str) -> bool:
    """Is A B with one character changed, or with one run of characters put in or taken out?"""
    if a == b:
        return False
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[k + 1:] == b[k + 1:]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer.endswith(shorter[k:])  # (both open with shorter[:k])


def _office_one_off_doubts(measures) -> list[ParseWarning]:
    """An office of one row that is a commoner office of the table with one character other, or a run of
    characters more or fewer (「…福祉機器医産業室」, 「…医療・販路開拓の支援福祉機器…」 of 「…医療・福祉機器産業室」):
    another column's text read into it, or some of its own read out. Offices are few and repeat: compared
    pairwise, linear in the rows for a table's few offices."""
    count = Counter(m.office for m in measures if m.office)
    if len(count) > OFFICES_COMPARED:
        return []
    # (an office that is the end of a commoner one is _office_cut_doubts' to name, with the row before)
    odd = {o: w for o in count for w in count if count[o] == 1 and count[w] > 1 and _one_off(o, w)
           and not w.endswith(o)}
    return [ParseWarning(CODE, f"{m.id}: its office 「{m.office}」 is 「{odd[m.office]}」 of other rows but for a "
                         "character or a run of them: another column's text read into it, or its own read out",
                         m.page, m.line, m.id) for m in measures if m.office in odd]


def restated_head(text: str) -> str:
    """The heading a text opens with where the text then restates the heading's first words (「重点5分野の研究開発を
    支えるプラットフォームの整備」 「重点5分野の研究開発を支えるために…」): a title run into its text, told where the two
    meet between kanji (heading_start cannot part 「…整備重点…」); '' if none. No sentence says its own opening
    words twice in a row."""
    opening = text[:HEADING_MIN]
    for k in range(HEADING_MIN, min(len(text), int(WRAPPED_TITLE_MAX))):
        if text.startswith(opening, k) and "。" not in (head := "".join(text[:k].split())) and heading_words(head):
            return head  # (a reading keeps the lines it joined: 「…プラット」 「フォームの整備」)
    return ""


VERB_END = "るむうくすつぬぶぐ"  # a plain verb's last kana: 「…に引き続き取り組む」


def _title_at_cell_end(m, nxt) -> ParseWarning | None:
    """The next row without a title, this row's last bullet ending in a heading run onto a verb's plain form
    (「…論点の整理に引き続き取り組む医療機器の研究開発に関するガイドライン・ルールの整備」): a plan the report
    ends without 「。」, and the next row's title read after it. Both are named."""
    cell = m.plans or m.results
    if nxt.title or nxt.first_line_lost or not cell:
        return None
    text = "".join(cell[-1].text.split())
    for k in range(max(1, len(text) - int(WRAPPED_TITLE_MAX)), len(text) - HEADING_MIN + 1):
        head = text[k:]
        if text[k - 1] in VERB_END and KANJI_OR_KATAKANA_RE.match(head) and "。" not in head \
                and heading_words(head):
            return ParseWarning(CODE, f"{m.id}: its last bullet ends in a heading 「{head[:30]}」 after a verb, and "
                                f"{nxt.id} has no title: {nxt.id}'s title read here?", m.page, m.line, m.id)
    return None
