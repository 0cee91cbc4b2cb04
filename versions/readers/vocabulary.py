"""The report's vocabulary: every pattern and predicate of what its table says, defined once.

The readers find where text sits (cells, lines, widths); what a piece of text IS (a vision heading, a
goal, a ministry tag, a bullet, a header cell, an office, a page number) is told here, for every reader
and the grammar alike. Each pattern carries an example from the bundled report (line numbers of
examples/iryokiki-kihonkeikaku_fy2024.txt). The ministry codes themselves are in ministries.py.
"""

from __future__ import annotations

import re

from ..model.eras import ERA_YEAR_RE
from ..model.normalize import display_width

__all__ = ["ERA_YEAR_RE"]  # era years (令和６年度 → 2024) live in model/eras.py and are read from there

_ERA = r"(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度"

# --- the header row ----------------------------------------------------------------------------------
HEADER_START = "該当箇所"  # the description column's header cell
# The header, whatever separates its cells: 「該当箇所 列1 列2 列3 令和６年度の実績・状況 令和７年度の取組予定」;
# the first one names the two fiscal years.
HEADER_RE = re.compile(
    r"該当箇所.*?(?P<res>(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の実績[・･]?状況)"
    r"\s*(?:担当\s*)?(?P<plan>(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の取組予定)"
)
RESULTS_LABEL_RE = re.compile(_ERA + r"の実績[・･]?状況")  # 令和６年度の実績・状況
PLANS_LABEL_RE = re.compile(_ERA + r"の取組予定")  # 令和７年度の取組予定
HIDDEN_LABELS_RE = re.compile(r"^(?:列\s*\d\s*)+$")  # 「列1 列2 列3」: hidden header cells of the real table
HIDDEN_LABEL_RE = re.compile(r"列\s*\d")  # one of them, inside a header cell's text: 「担当列4」, 「列1該当箇所」
# A header cell alone on its line (pdfminer, poppler): 「該当箇所 列1 列2」 / 「列3」 / 「令和6年度の実績・状況」 / 「担当」
HEADER_CELL_RE = re.compile(r"^該当箇所|^(?:列\s*\d\s*)+$|^" + _ERA + r"の(?:実績[・･]?状況|取組予定)|^担当$")
OFFICE_HEADER = "担当"  # the FY2023 table's fourth column: the office in charge
OFFICE_HEADER_RE = re.compile(r"(?:^|\s)担当(?:\s|$)")  # …令和５年度の取組予定 担当, or 担当 該当箇所 …


def header_words(text: str) -> str:
    """A header cell's words without its hidden labels, also where a producer drew them over the cell's
    words (「担列当1 列2 列3」 → 「担当」): no header cell says 列, and its half-width digits are the labels'."""
    return re.sub(r"列|[0-9]|\s", "", HIDDEN_LABEL_RE.sub("", text))


def is_header_text(text: str) -> bool:
    """A header row's text, its cells joined: 「該当箇所 … 令和N年度の実績・状況 … 令和N年度の取組予定」."""
    return HEADER_START in text and bool(HEADER_RE.search(text) or _labels_in_any_order(text))


def _labels_in_any_order(text: str) -> bool:
    return bool(RESULTS_LABEL_RE.search(text) and PLANS_LABEL_RE.search(text))


# --- headings and page furniture ---------------------------------------------------------------------------
VISION_END = "向けて"  # a vision's last words: （１）「…」に向けて
VISION_TAIL = "に" + VISION_END  # ... all that follows its quoted aim
VISION_RE = re.compile(r"^[（(](?P<num>[0-9０-９]{1,2})[）)]\s*(?P<title>\S.*)$")  # （１）「…」に向けて (line 3)
GOAL_RE = re.compile(r"^【(?P<title>[^【】]+)】\s*(?P<rep>（再掲）|\(再掲\))?$")  # 【…】 or 【…】（再掲） (line 5)
SEE_ABOVE_RE = re.compile(r"^[（(]上記参照[）)]$")  # （上記参照）: a reposted goal has no rows of its own (line 980)
# A page number as printed: 「3」 (line 393), 「- 3 -」, 「－３－」, 「3 / 9」
PAGE_NUMBER_RE = re.compile(r"^(?:[-－―‐−]\s*)?[0-9０-９]{1,3}(?:\s*[-－―‐−])?$|^[0-9０-９]{1,3}\s*[/／]\s*[0-9０-９]{1,3}$")


def vision_number(text: str) -> int | None:
    """（１）「医療機器の研究開発の中心地としての我が国の地位の確立」に向けて → 1; None for other text
    (a numbered aside such as 「（１）については…」 is no vision)."""
    m = VISION_RE.match(text)
    if not m or not ("「" in text or text.endswith(VISION_END)):
        return None
    return int(m.group("num").translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def is_heading(text: str) -> bool:
    """A vision, goal or see-above line: a row across the table of its own."""
    return vision_number(text) is not None or bool(GOAL_RE.match(text) or SEE_ABOVE_RE.match(text))


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text.strip()))


# --- measure rows ------------------------------------------------------------------------------------------
REPOSTED_TITLE_RE = re.compile(r"^[＜<].+[＞>]\s*[（(]再掲[）)]$")  # ＜有事における…取組＞（再掲）
# A title closed by ＞ that never opened: 「国際展開支援における業界団体と行政の連携強化＞」 (line 728, its ＜ lost).
STRAY_CLOSE_RE = re.compile(r"^([^＜<]+)[＞>]$")
# What starts a new bullet: ・ ○ ①, an indented 　・, or a lone group heading （アジア健康構想） (line 636).
BULLET_START_RE = re.compile(r"^(?:[・○●◆■※]|[①-⑳]|[　 ]+・|[（(][^（）()]{1,20}[）)]$)")
LONE_PAREN_RE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")  # （アジア健康構想） or （対応済み） alone on a line
ITEM_START_RE = re.compile(r"^[①-⑳]")  # ① 日常生活における… : an item of a description (line 490)
TAB_ITEM_RE = re.compile(r"^[①-⑳]\t")  # ①	日常生活における… as the sample prints an item
ITEM_HEAD_RE = re.compile(r"^([①-⑳])[ 　\t]+")  # ① 日常生活における… : an item's number and the space after it
SENTENCE_END = ("。", "）", "」", ")", "｣")  # a line ending so ends its sentence (a bullet may follow)
# ... and with a cell's closing bracket: a paragraph of a cell may end there
CELL_END = (*SENTENCE_END, "］")
# A line that ends a sentence, its aside after it or not: 「…導入した。」, 「…導入した。（対応済み）」
SENTENCE_END_RE = re.compile(r"。[）」]?$|。[（(][^（）()]{1,12}[）)]$")
# Results and plans sharing one line: 「…推進した。 ・引き続き…」, 「…導入した。（対応済み） （対応済み）」,
# 「令和５年度に事業終了 後継事業の予定無し」 (lines 22, 123).
MIXED_SPLIT_RE = re.compile(
    r"(?<=[。）」｣)])[ 　]+(?=・)"
    r"|(?<=[。）)])[ 　]+(?=[（(][^（）()]{1,10}[）)]$)"
    r"|(?<=事業終了)[ 　]+(?=後継)"
)
# 保険導入の手引きの作成 ・令和６年度診療報酬改定を踏まえた…: a title and a bullet printed on one line
TITLE_THEN_BULLET_RE = re.compile(r"^([^・。、\s][^・。]{3,46}?)[ 　]+(・.+)$")
# A plan's wording at a bullet's end: 「…予定。」 「…に取り組む。」 「…を進める。」 「…していく。」
PLAN_END_RE = re.compile(r"(?:予定|取り組む|行う|進める|図る|目指す|努める|いく|する|継続)" + r"(?:[（(][^（）()]*[）)])?[。．]?\s*$")
# ... and a plan's verb ending a line with no 。 (「…の整理に引き続き取り組む」, a plans bullet the report ends so)
PLAN_VERB_END_RE = re.compile(r"(?:取り組む|予定|進める|図る|目指す|努める)$")
# A result's wording at a bullet's end: 「…を実施した。」 「…を進めた。」 「…を推進した（新規採択11件）。」 「…に取り組んだ。」
RESULT_END_RE = re.compile(r"(?:した|された|った|んだ|めた|えた|けた|いた|できた)(?:[（(][^（）()]*[）)])?[。．]\s*$")
# ... and a past verb then 「ところ」 (「・迅速な保険導入に係る評価の見直し等を実施したところ。」), the report's past too
# (dense_pieces.PAST_RE reads it so). Kept apart from RESULT_END_RE, whose every reader and text check it would change.
RESULT_THEN_END_RE = re.compile(r"たところ[。．]\s*$")
SENTENCE_RE = re.compile(r"[^。．]*[。．]|[^。．]+$")  # a text's sentences, each with its 。


def worded_as_result(text: str) -> bool:
    """A bullet with a sentence ending as a result does, at its end or before a lead-in (「○…に主体的に対応を行った。
    具体的には、」, m051's first result: read into the plans, h7500 7508's pdfminer text, unnamed): no plan of the
    three editions printed has a sentence so worded."""
    return any(RESULT_END_RE.search(x) for x in SENTENCE_RE.findall(text))


# A program that has ended: 「令和５年度に事業終了 後継事業の予定無し」 (line 22), 「令和６年度をもって事業を終了」
NO_SUCCESSOR = r"後継事業の予定(?:無し|なし)"  # no successor planned: a plan's words, though it says a program ends
NO_SUCCESSOR_RE = re.compile(NO_SUCCESSOR)
ENDED_RE = re.compile(r"事業終了|事業を終了|" + NO_SUCCESSOR)
# Kinsoku: what a line may not start with (small kana, the long vowel mark, closing and middle marks) and
# what it may not end with (opening brackets). A producer carries the character before such a mark to the
# next line with it, or an opening bracket down: the line stops a character short, and ends no paragraph.
NO_LINE_START = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー・、。，．：；？！」』）］｝〕〉》】ゝゞ々"
NO_LINE_END = "「『（［｛〔〈《【＜"
# Connectives an untitled row may start with (「また、ベンチャー等の…」, 「あわせて、…」). Demonstratives
# such as その or これら are not among them: a description's first sentence has nothing to point back
# to, so 「その原因と解決の方向性について…」 (line 1026) means its first line was lost.
SENTENCE_OPENERS = ("また", "あわせて", "併せて", "なお", "さらに", "ただし", "このため", "そのため")  # 「また、」: a sentence's
OPENERS = (*SENTENCE_OPENERS, "これまで", "いわゆる")  # first words, never a line's going on the line before
# An untitled row starting with a katakana run and a particle may have lost its first characters:
# 「テンシャルを有する地域連携拠点…」 (line 280, ポテンシャル cut); its label is then a fragment.
KANA_FRAGMENT_RE = re.compile(r"^[ァ-ヺー]+[をがはのにでと]")
# Amounts cut by a line break: 「…令和6年度予算：19億」 / 「円の内数）…」
AMOUNT_END_RE = re.compile(r"[0-9０-９][.．]?[0-9０-９]*[億万千]?$")
AMOUNT_REST_RE = re.compile(r"^[0-9０-９億万千百]*円")
LATIN_RE = re.compile(r"[A-Za-z0-9.\-&]")  # a latin word's character: never cut between two of them

# Particles that no word of the report starts with (が is not one: 「がん医療」), and suffixes that end a word
# begun on the line before (「…を継続」 / 「的に開催し、…」, 「…企業」 / 「等に対して」; not 「的確」, 「等級」, 「等しく」)
PARTICLE_RE = re.compile(r"^(?:[のを]|[的等](?![確中級価し]))")


# --- ministry tags ［◎厚、経］ --------------------------------------------------------------------------------
TAG_RE = re.compile(r"［([^［］]*)］")  # ［◎厚、◎経］ or ［担当省庁については、…を参照］
# A ministry tag printed with half-width brackets: [◎経], [文、◎厚] (a web service's extraction)
HALF_WIDTH_TAG_RE = re.compile(r"\[(◎?[^\[\]\s、，,◎]{1,3}(?:\s*[、，,]\s*◎?[^\[\]\s、，,◎]{1,3})*)\]")
HALF_WIDTH_CLOSE_RE = re.compile(r"\[([^\[\]［］]{1,80})\]\s*$")  # [◎経], [担当省庁については…参照] closing a text
TAG_END_RE = re.compile(r"］\s*$")  # a line closing a ministry tag: ……取り組む。［◎厚］
# Where a tag closes, its ［ on this line or lost with the line above: 「厚］」, 「◎内官、文、厚、経］」 (line 756)
TAG_CLOSE_RE = re.compile(r"(?:［|^)([^［］]*)］")
TAG_OPEN_RE = re.compile(r"［[^］]*$")  # 「…取り組む。［◎」: the tag goes on on the next line
# The end of a tag of either width closing a text: 「…［◎厚］」, 「…[◎経]」
TAG_AT_END_RE = re.compile(r"[［\[](◎?[^［］\[\]\s]{1,3}(?:[、，,]◎?[^［］\[\]\s、，,]{1,3})*)[］\]]\s*$")
LOST_OPEN_RE = re.compile(r"(?:^|。)([^［\[。]{1,30})[］\]]\s*$")  # 「◎内官、文、厚、経］」: its ［ lost
TAG_OPEN_MAX = 60  # characters after an open 「［」 that may still be a tag (［担当省庁については、…を参照］)

# --- the 「担当」 column ---------------------------------------------------------------------------------------
# An office, or a piece of one wrapped in its cell: 厚労省医療機器審査管理課, 「厚労省医療機器審査」 / 「管理課」
OFFICE_RE = re.compile(r"^[^\s・○①-⑳（(【［。、][^\s（(【［。、]{0,15}$")
OFFICE_WORD_RE = re.compile(r"(?:省|庁|府|官房|局|部|課|室|班|センター)$")  # …課, …室, …局
OFFICE_MAX = 16.0  # the 担当 column holds at most ~14 characters a line

# --- the document ----------------------------------------------------------------------------------------
SYNTHETIC_MARK = "policydiff-synthetic:"  # a made-up edition says so: first line, PDF metadata or page 1
# Report families recognised without --document (the title is seldom in the extracted text).
KNOWN_DOCUMENTS = (("医療機器", "iryokiki-kihonkeikaku"),)

TITLE_MAX = 48.0  # the widest a title line may be in the sample's description column (~54 cells)


def round_open(text: str) -> bool:
    """Does TEXT open more round brackets, full or half width, than it closes (「…の連携強化（その」)? The rest is to come."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def is_bullet_start(text: str) -> bool:
    return bool(BULLET_START_RE.match(text))


def is_title_line(text: str, title_max: float = TITLE_MAX) -> bool:
    """A heading line: short, no final 。 or 、, not a bullet, not a bracketed aside."""
    if not text or len(text) < 4 or display_width(text) > title_max:
        return False
    if REPOSTED_TITLE_RE.match(text):
        return True
    if text.endswith(("、", "，")) or "。" in text or is_bullet_start(text) or "［" in text or "］" in text:
        return False
    return not re.match(r"^[（(].*[）)]$", text)


def is_office(text: str) -> bool:
    """An office of the 「担当」 column, whole: short, no bullet or bracket, ending in an office word."""
    return is_office_piece(text) and bool(OFFICE_WORD_RE.search(text))


def is_office_piece(text: str) -> bool:
    """A line of the 「担当」 column: short, no bullet, bracket or sentence end, no fiscal year."""
    return bool(text) and display_width(text) <= OFFICE_MAX and bool(OFFICE_RE.match(text)) \
        and not is_bullet_start(text) and "年度" not in text


def document_of(text: str) -> str | None:
    """The report family a text belongs to, by a word every edition prints (None if none)."""
    return next((doc for marker, doc in KNOWN_DOCUMENTS if marker in text), None)
