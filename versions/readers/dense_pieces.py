"""The dense reader's pieces: a line of a text without blank lines, or one cell's part of a line that holds
several cells on one baseline, with what its words and width say about the cell it may be in (dense_lattice
weighs them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from ..model.eras import era_year
from ..model.normalize import display_width
from .cells import heading_commas, restates
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .vocabulary import (
    ENDED_RE,
    ITEM_START_RE,
    LONE_PAREN_RE,
    OFFICE_WORD_RE,
    PARTICLE_RE,
    SENTENCE_OPENERS,
    TAG_CLOSE_RE,
    TAG_OPEN_RE,
    is_bullet_start,
    is_office_piece,
)

TITLE_NOT_NOUN = 1.0  # ... more when it ends in no noun (「…重要な工程であり」: a sentence goes on)
TITLE_COMMA = 0.5  # ... more when it holds a comma that parts a sentence (a heading's follows a verb's stem:
# 「出口戦略を策定し、…人材の育成」; cells.heading_commas)
JOINED_SPACE = 1.0  # a space inside a cell between two Japanese characters

# Cells sharing a baseline are printed on one line, a space between: 「…横展開する。［◎文］ ・令和５年度…」, or
# before a Latin word that opens the next cell, 「厚労省医療機器審査管理課 Software as a Medical Device…」 (within a
# cell pypdfium2 prints no space before a Latin word; a number may follow one: 「医薬機審発 1129第２号」), or after a
# number cut by its line's end, 「…（令和６年度予算：10. 引き続き、…」 (a Latin word may go on a space: 「ARO に必要な」),
# or after a ministry tag, which ends its description, before a number: 「む。［◎厚、◎経］ 18回）や伴走支援により…」
# Set tight (a cell's padding half a point), the cells may touch with no space: 「…を通じ・｢次世代ヘルステック…」; no cell
# of the three editions generated holds a bullet with a quote, 「・「」, but at its start
PIECE_SPLIT_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f]|[A-Za-z])|(?<=[0-9.]) (?=[^\x00-\x7f])|(?<=\S) (?=・)"
                            r"|(?<=］) (?=[0-9])|(?<=\S)(?=・[「｢『])")
MAX_SPLITS = 3
LONE_ITEM_RE = re.compile(r"[①-⑳]$")
# The last words of a heading (「…人材の育成」, 「…の促進」); cells.py keeps the longer list
TITLE_END_RE = re.compile(r"(?:育成|促進|支援|強化|作成|共有|整備|推進|取組|評価|参加|充実|確保|設置|構築|活用|展開|"
                          r"創出|普及|導入|向上|改善|策定|検討|実施|対応|連携|[ー化])$|[＞>][（(]再掲[）)]$"
                          r"|[（(]その[0-9０-９]+[）)]$")  # (a title in parts: 「…ルールの整備（その２）」)
# A line that goes on a word or a sentence: small kana, a long vowel mark, punctuation, a particle
CONTINUES_RE = re.compile(r"^(?!" + "|".join((*SENTENCE_OPENERS, "これ", "それ", "この", "その")) + r")"
                          r"[ぁ-ゖァィゥェォッャュョヮー、。，．）」』］・]")
SENTENCE_END = ("。", "）", "」", ")", "｣", "］")
# A sentence opens with no small kana, long vowel mark, 「ン」 or 「を」, nor with a particle or a noun that only
# follows words (「…を進める。」 / 「ンの変化があり、…」, 「…を実施予定。」 / 「とともに、新興国・…」; a hiragana opener,
# 「しかし、」, does): a line opening so after a line that ended in 。 goes on no sentence of that paragraph, it is
# another cell's (a description whose first line a page break lost, printed after the cell before)
MID_WORD_RE = re.compile(r"^(?:[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮーンを]|とともに|ことで|ように|ための|において|について|により)")
OFFICE_NAME_RE = re.compile(r"(?:省|庁|府|官房|局|課|室)")
KANJI_END_RE = re.compile(r"[一-龥]$")
# Two full-width marks side by side (「、「」, 「」（」, 「）」」): Chromium prints them in a cell and a half
# (CSS text-spacing-trim), so a line holding some is narrower than its characters count
PUNCTUATION_PAIR_RE = re.compile(r"(?=[、。，．・「『（［【｢」』）］】｣][「『（［【｢」』）］】｣、。])")
# ... and a closing bracket that ends a line in half a cell where the full one would not fit (allow-end): 「…確保事業」」
# or 「…［厚、◎経］」 may pass the column's width by half a cell more than its characters count
LINE_END_TRIM = ("」", "）", "］", "』", "】", "｣")
HEADING_END_RE = re.compile(r"[一-龥々ァ-ヺーA-Za-z0-9０-９）)＞>】」]$")  # a heading ends in a noun or a bracket
# Results report what was done, plans what will be: 「…を推進した。」 / 「…を推進する。」, 「…予定。」 (the report's
# results end so 4 times in 5, its plans 19 times in 20)
PAST_RE = re.compile(r"(?:た|だ)(?:ところ)?(?:（[^（）]*）)?。(?![）)])")  # (「…を実施した（共同開発案件９件）。」, 「…を実施したところ。」)
# (a verb's plain form: 「…を行う。」, 「…に取り組む。」, 「…を目指す。」; 「…している。」 is either)
# A budget cited with its year: results cite this year's budget 「令和６年度予算：19億円」, plans next year's
# request 「令和７年度予算案：14億円の内数」 (60 of 62 in each column of the three editions generated); a
# supplementary budget 「令和５年度補正予算」 may be either's
BUDGET_YEAR_RE = re.compile(r"(令和|平成)\s*([0-9０-９]{1,2}|元)\s*年度(補正)?予算(案)?")
# A plan goes on with what was done: 「・引き続き、…」 opens a third of the plans of the three editions
# generated, none of their results; a sentence goes on with it only after a comma (「…を通じて、」 / 「引き続き、…」).
# A bullet opening with 「今後」 (from now on: 「・今後も医療研究開発革新基盤創成事業（CiCLE）…」) is a plan too
ONWARD_RE = re.compile(r"^(?:[・○]\s*(?:引き続き|今後)|引き続き、)")  # (「…活動を、」 / 「引き続き行っていく。」 goes on)
# A verb's ending opening a line: 「ることが必要である。」 goes on only from a verb's stem (「…を図」), never from a
# heading's noun (「…の育成」: 「育成ること」 is no Japanese), so such a line after a title starts the description
VERB_TAIL_RE = re.compile(r"^[るれらりろむうくつぬぶぐ]")  # (not す, さ, し: 「…育成することが」 goes on)
# A line stopping mid-word or mid-sentence (a kana, a comma): 「…研究開発拠点と連携するこ」. A results or plans
# paragraph ends with its sentence (「…取り組む。」), a noun (「・経済性加算の新設」) or a status (「後継事業の予定無し」)
OPEN_END_RE = re.compile(r"[ぁ-ゖ]$")  # (not 、: 「…検討を行い、」 leads a list of bullets in)
# An office is named from its ministry down: its first line names it (「経産省ヘルスケ」, 「内閣官房健康・」); a
# first line that does not (「ア産業課医療・」) was cut, its start printed before it
OFFICE_START_RE = re.compile(r"^[^\s・]{0,4}(?:省|庁|府|官房)")
# A line in brackets alone heads the bullets after it in its cell (「（アジア健康構想）」), unless it states a
# status (「（対応済み）」) or a count or date after a sentence (「…を促進した。」 「（令和6年12月までに累計62件）」),
# which may end a cell
STATUS_RE = re.compile(r"済|[0-9０-９]")
# A bullet 「・」: results and plans are written in them, a description never is (its list is of items ①…⑤)
DOT_BULLET_RE = re.compile(r"^[　 ]*・")
# A result is often reported in a noun (「…合同委員会を開催。」, 「…を設立。」); a plan names what will be done with
# a verb or 「予定。」 (of the report's plans, few end in a noun other than 予定, 方針, 見込み)
NOUN_STOP_RE = re.compile(r"(?<!予定)(?<!方針)(?<!見込)(?<!見込み)(?<=[一-龥])(?:（[^（）]*）)?。")  # (「…を開催（令和6年9月3日）。」)
# A quote or a bracket is opened and closed within one paragraph: a line that closes one it did not open
# (「…「ジャパン・ヘルスケアベン」 / 「チャー・サミット」による…」, 「…及びタイ（」 / 「METhailand）における…」) goes on
# with the paragraph of the line before; no row starts so. (An item's number 「1)」 opens nothing.)
OPENERS, CLOSERS = "「『（(｢", "」』）)｣"
ITEM_NUMBER_RE = re.compile(r"^[0-9０-９]{1,2}[)）]")
FUTURE = r"(?:(?<![てで]い)る|[うくぐすつぬぶむ]|予定|見込み|方針)"
# (a 。 closing a bracket's words, 「（以下「CRB」という。）」, ends a definition, no sentence: its verb says no tense)
FUTURE_RE = re.compile(FUTURE + r"(?:（[^（）]*）)?。(?![）)])")
# ... and a plan may end its paragraph so with no 。 (「・「SaMD産学官連携フォーラム」を継続的に開催し、…引き続き取り組む」:
# one plan in each of the three editions generated, no result; not vocabulary.PLAN_END_RE, a plan's last words)
FUTURE_END_RE = re.compile(FUTURE + "$")


@dataclass(frozen=True)
class Piece:
    """A line, or one cell's part of a line that holds several cells on one baseline."""

    text: str
    no: int  # the source line
    joined: bool  # after a space on its source line: the next cell on the same baseline
    width: float
    latin: int
    bullet: bool
    item: bool
    stop: bool  # ends a sentence or a bracket
    tag: int  # 1: closes a ministry tag ［◎厚］; 2: a 担当省庁 bracket (a note); 0: neither
    tag_open: bool  # opens a tag that goes on on the next line: 「…取り組む。［◎厚、」
    title: bool  # may be a line of a title: no 。, no bracket of a tag, no bullet
    office: bool
    word_end: bool  # ends in a heading's word
    goes_on: bool  # starts by going on with a word or sentence
    tense: int  # 1: ends a sentence as a result does (「…した。」), 2: as a plan does (「…する。」), 0: neither
    office_end: bool  # ends in an office's word: …課, …室, …局
    office_name: bool  # a short line naming an office: 「経産省ヘルスケア産業課医」
    noun_end: bool  # ends in a kanji, no punctuation: a result's 「…を採択」, 「…の新設」
    title_words: float  # what its words cost as the last line of a title that fills it
    trim: float  # cells a typesetter may take from its punctuation: 「」（ side by side print in 1.5 cells, not 2
    paren: bool = False  # all in brackets, 「（その２）」: a title's last words, or a group heading in results
    budgets: tuple[tuple[int, bool], ...] = ()  # the budgets it cites: (fiscal year, a request 予算案), no 補正
    onward: bool = False  # opens with 「引き続き」: a plan's words
    verb_tail: bool = False  # opens with a verb's ending (「ることが…」): goes on from no heading's noun
    open_end: bool = False  # stops mid-word or mid-sentence (「…連携するこ」), or inside brackets it opened (「…（いず
    # れも医」): ends no results or plans paragraph
    office_start: bool = False  # an office's first line: a short name opening with its ministry (「経産省ヘルスケ」)
    group: bool = False  # a group heading in brackets alone (「（アジア健康構想）」): heads bullets, ends no cell
    restates: bool = False  # opens with the words the line before ends with (「…の提供の促進」 / 「の提供の促進に…」)
    dot: bool = False  # opens with a bullet 「・」: a results or plans paragraph, never a description's
    noun_stop: bool = False  # ends a sentence in a noun (「…を開催。」): a result's way, seldom a plan's
    closes_first: bool = False  # closes a quote or bracket it did not open (「チャー・サミット」による…」): goes on
    number: int = 0  # an item's number (「③ 臨床的な…」: 3), 0 for no item
    particle: bool = False  # opens with a particle or a suffix (「の設置」, 「的に開催し」): goes on with the line before
    past_ahead: bool = False  # runs on into a sentence that ends as a result does a line or two on (dense_ahead)
    next_lead: float = 0.0  # the width of the next line's first character, where it could have ended this line
    # had the line wrapped there (a plain character, no kinsoku holding it down; dense_wraps), else 0
    next_unit: float = 0.0  # the widest the next line's first unit may be: what is carried down whole (dense_wraps)
    leaves_open: bool = False  # opens a bracket or a quote it does not close (「…（企業間の共同開発案件９」)
    own_unit: float = 0.0  # the width of the unit it opens with, where carried down whole and at least
    # dense_wraps.CARRIED_UNIT wide (「（METhailand）における…」): where it resumes a cell after a page break, that
    # cell's last line before the break may have stopped short for it
    quote_goes_on: bool = False  # closes first the quote the line before left open: that line's paragraph (dense_quotes)
    after_comma: bool = False  # the line before ends in a comma: where this line opens a bullet, that comma led it in
    after_stop: bool = False  # opens mid-word (MID_WORD_RE) after a line that ended in 。: goes on no sentence there
    plan_end: bool = False  # ends in a plan's verb form and no 。 (「…引き続き取り組む」): where it ends its paragraph
    # (a line short of its column), the paragraph is a plan
    own_tense: int = 0  # the tense of its own words alone (tense reads the line before's last words too: they are
    # its sentence's only where it goes on in that line's cell)
    names_group: bool = False  # a bullet opening with the words of the group heading on the line before (「（アジア健康
    # 構想）」 / 「・アジア健康構想において、…」): that heading's, in its cell
    budget_tense: int = 0  # the tense of the sentence its budget is cited in, read to its end (dense_ahead)
    leads_in: bool = False  # opens a sentence that leads a list of bullets in (「…において、」 / 「・…」): opens a cell
    repeats: bool = False  # repeats the line before word for word (「（対応済み）」 twice): another cell's


def brackets(text: str) -> tuple[bool, bool]:
    """Does TEXT close a quote or a bracket before it opens one (it goes on with a paragraph before it), and
    does it open one it does not close (「・「MEDIC」や…（いずれも医」: a paragraph closes the brackets it opens,
    so it does not end on such a line)? One walk over the text answers both."""
    depth, opened, closes_first = 0, 0, False
    for c in ITEM_NUMBER_RE.sub("", text.lstrip()):
        if c in OPENERS:
            depth += 1
            opened += 1
        elif c in CLOSERS:
            depth -= 1
            closes_first = closes_first or depth < 0
            opened = max(opened - 1, 0)
    return closes_first, opened > 0


def _tense(text: str, start: int = 0) -> int:
    """1 where the line's sentences end as results do (「…を推進した。具体的には…」), 2 as plans do, 0 neither
    or both. TEXT may begin with the line before's last words (the line starts at START): a sentence's end
    cut by the line's end, 「…強化を図る予」 / 「定。」, is read whole."""
    past = any(m.end() > start for m in PAST_RE.finditer(text))
    future = any(m.end() > start for m in FUTURE_RE.finditer(text))
    return 0 if past == future else 1 if past else 2


def tag_kind(inner: str) -> int:
    """2 for a 担当省庁 bracket (a note's), 1 for a ministry tag, 0 for other bracketed text."""
    inner = inner.strip()
    return 2 if SUBHEADING_TAG_RE.search(inner) else 1 if is_ministry_list(inner) else 0


def make_piece(text: str, no: int, joined: bool = False, opened: str = "", comma: bool = False,
               before: str = "", lead: str = "") -> Piece:
    """OPENED: the inside of a tag the line before left open (「［担当省庁については、…記」), closed here;
    COMMA: the line before ends in a comma; BEFORE: its last characters (a budget cut by the line's end,
    「…として令和7年度予」 / 「算案：14億円…」, is this line's); LEAD: the whole line before, where the sentence
    ending on this line may have begun its last words (「…セミナーを3回開催した（うち１回はタイにおいて対面で」 /
    「開催）。」 ends as a result does)."""
    lead = lead or before
    closes = [m.group(1) for m in TAG_CLOSE_RE.finditer(text)]
    if opened and closes and not text.split("］", 1)[0].count("［"):
        closes[0] = opened + closes[0]
    tag = max((tag_kind(x) for x in closes), default=0)
    # (a line in brackets alone that cites a budget, 「（令和６年度予算：10.9億円）」, opens no paragraph: it is the
    # budget of the program the line before names, 「・「医療機器等研究成果展開事業」」, its bullet's words wrapped)
    bullet = is_bullet_start(text) and not (LONE_PAREN_RE.match(text) and BUDGET_YEAR_RE.search(text))
    office = is_office_piece(text)
    closes_first, leaves_open = brackets(text)
    return Piece(text, no, joined, display_width(text), sum(c.isascii() for c in text), bullet,
                 bool(ITEM_START_RE.match(text)), text.endswith(SENTENCE_END), tag,
                 bool(TAG_OPEN_RE.search(text)) and not tag,
                 "。" not in text and "［" not in text and "］" not in text and not bullet,
                 office, bool(TITLE_END_RE.search(text)), bool(CONTINUES_RE.match(text)),
                 _tense(lead + text, len(lead)), bool(OFFICE_WORD_RE.search(text)),
                 office and bool(OFFICE_NAME_RE.search(text)), bool(KANJI_END_RE.search(text)),
                 (0.0 if HEADING_END_RE.search(text) else TITLE_NOT_NOUN) + (0.0 if heading_commas(text) else TITLE_COMMA),
                 0.5 * (len(PUNCTUATION_PAIR_RE.findall(text)) + text.endswith(LINE_END_TRIM)),
                 bool(LONE_PAREN_RE.match(text)),
                 tuple((era_year(m.group(1), m.group(2)), bool(m.group(4))) for m in BUDGET_YEAR_RE.finditer(before + text)
                       if not m.group(3) and m.end() > len(before)), bool(ONWARD_RE.match(text)) and not comma,
                 bool(VERB_TAIL_RE.match(text)), (bool(OPEN_END_RE.search(text)) and not ENDED_RE.search(text)) or leaves_open,
                 office and bool(OFFICE_START_RE.match(text)),
                 bool(LONE_PAREN_RE.match(text)) and not STATUS_RE.search(text), bool(before) and restates(before, text),
                 bool(DOT_BULLET_RE.match(text)),
                 any(m.end() > len(before) for m in NOUN_STOP_RE.finditer(before + text)), closes_first,
                 ord(text[0]) - ord("①") + 1 if ITEM_START_RE.match(text) else 0, bool(PARTICLE_RE.match(text)),
                 leaves_open=leaves_open, after_comma=comma, plan_end=bool(FUTURE_END_RE.search(text)),
                 after_stop=before.endswith("。") and bool(MID_WORD_RE.match(text)), own_tense=_tense(text),
                 names_group=names_group(lead, text))


def names_group(lead: str, text: str) -> bool:
    """Does TEXT, a bullet, open with the words of LEAD, a group heading in brackets alone?"""
    lead, words = lead.strip(), bullet_words(text)
    if not words or not LONE_PAREN_RE.match(lead) or STATUS_RE.search(lead):
        return False
    return words.startswith(lead[1:-1])


def bullet_words(text: str) -> str:
    """TEXT's words after its bullet 「・」, or nothing where it opens none."""
    m = DOT_BULLET_RE.match(text)
    return text[m.end():] if m else ""


def options(text: str, no: int, opened: str = "", before: str = "", lead: str = "") -> list[tuple[list[Piece], float]]:
    """The ways to read a line: whole, or cut at its spaces between Japanese characters into the cells of one
    baseline (a space inside a cell is rare: 「…バイオバンク 等に…」), with what each costs."""
    cuts = [m.start() for m in PIECE_SPLIT_RE.finditer(text) if not LONE_ITEM_RE.search(text[: m.start()])]
    comma = before.endswith(("、", "，"))
    whole = ([make_piece(text, no, False, opened, comma, before, lead)], JOINED_SPACE * len(cuts))
    if not cuts:
        return [whole]
    out = []
    choices = [tuple(cuts)] if len(cuts) > MAX_SPLITS else [c for k in range(len(cuts) + 1)
                                                             for c in combinations(cuts, k)]
    for chosen in choices:
        bounds = (0, *chosen, len(text))
        parts = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
        if not all(parts):
            continue
        cost = JOINED_SPACE * (len(cuts) - len(chosen))
        out.append(([make_piece(p, no, k > 0, "" if k else opened, comma and not k, "" if k else before, "" if k else lead)
                     for k, p in enumerate(parts)], cost))
    return out
