"""The costs of pdfminer's one-line boxes read as a table's lines (frag_reading.py reads, frag_blocks.py too).

Each cost weighs one piece of evidence of where a piece sits: a piece wider than its column's full width
cannot be in it; a column's lines but a paragraph's last are about its full width; a description ends
with its ministry tag ［…］, a results or plans cell with a sentence's end; a results or plans cell opens
with a bullet; a plan is worded 「…予定。」, a result 「…した。」; a word cut by a wrap joins letters the
document prints side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.normalize import display_width
from .geometry import DESCRIPTION, FULL_MARGIN, OFFICE, PLANS, RESULTS
from .vocabulary import (
    CELL_END,
    ENDED_RE,
    ITEM_START_RE,
    LATIN_RE,
    OFFICE_RE,
    OFFICE_WORD_RE,
    OPENERS,
    PLAN_END_RE,
    RESULT_END_RE,
    SENTENCE_END,
    TAG_END_RE,
    is_bullet_start,
)

INF = float("inf")
OVERRUN = 1.5  # cells a line may overrun its column's full width (a hanging mark, wide latin letters)
LATIN_OVERRUN = 6.0  # more cells a line with latin letters may overrun it (counted a cell each, printed narrower)
LATIN_SLACK = 0.3  # cells a latin letter may print wider than display_width counts it
TOO_WIDE = 10.0  # a line wider than its column: so costly that only a text no other reading explains has one
OVER = 1.0  # the cost of a cell of such overrun
UNTAGGED_END = 4.0  # a description ending without its tag ［…］
OPEN_END = 4.0  # a results or plans cell ending on a full line with no sentence end
SHORT_INSIDE = 4.0  # a short line inside a paragraph (the next line in its column opens no paragraph)
ENDED_CUT = 2.0  # a description ended with its tag going on after a page break
PARAGRAPH = 0.5  # a paragraph ends inside a cell (a short line, a bullet next)
FULL_THEN_BULLET = 1.0  # a full line ending a paragraph (it fills its line exactly)
FULL_THEN_ITEM = 2.0  # a full line with no sentence end, then a bullet or an item: a list's item (「…において１件の
# 課題を採択」, 「② …に資する医療機器」) fills its line about as often as a wrapped line opens with 「・」
BULLET_IN_DESCRIPTION = 3.0  # a description's line opening with a bullet 「・」 (its items are numbered ①)
UNENDED = 1.5  # a results or plans cell ending short of its column with no sentence end
UNSEEN_JOIN = 1.0  # a wrapped line's last letter and the next line's first never side by side in the document
LETTER_RE = re.compile(r"[ぁ-ゖァ-ヺー一-龥々]")
SPLICED = 3.0  # a line opening with a kana word's inside after a sentence's end
LATIN_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-&]*")
SPLICED_RE = re.compile(r"^[ぁ-ゖー、。]")
NOT_OFFICE = 6.0  # a line in the 担当 column that reads as no office's (a bullet, a sentence)
TAG_IN_CELL = 3.0  # a results or plans line holding a ministry tag 「［◎厚、」
TAG_PIECE_RE = re.compile(r"［◎|。［")
WORDING = 2.0  # a sentence in results worded as a plan 「…予定。」, or in plans as a result 「…した。」
HEADING_INSIDE = 2.0  # a heading printed among a row's lines
NO_BULLET_START = 1.5  # a results or plans cell opening without a bullet


@dataclass(frozen=True)
class Piece:
    text: str
    width: float
    kind: str = "cell"  # 'cell', 'break' (a page's header, number or edge) or 'heading' (a vision, a goal)

    @property
    def reach(self) -> float:
        """The widest the line may print: latin letters are counted half a cell, most print wider
        (「MExx」, 「MEV」: ~0.7 em), so a line holding many may be full though it counts short."""
        return self.width + LATIN_SLACK * len(LATIN_RE.findall(self.text))




def fit_cost(piece: Piece, role: str, full: float, first: bool) -> float:
    over = piece.width - full - OVERRUN
    if over > 0:  # proportional latin letters print narrower than their cells: a little more, at a cost
        if over <= LATIN_OVERRUN and LATIN_RE.search(piece.text):
            return OVER * over
        return TOO_WIDE + over  # (never impossible: a reading of the rest beats a refusal, the row named)
    if role == OFFICE and not OFFICE_RE.match(piece.text):  # an office's line: a few words, no bullet, no 。
        return NOT_OFFICE
    if role == DESCRIPTION and piece.text.startswith("・"):
        return BULLET_IN_DESCRIPTION
    if role == DESCRIPTION and ENDED_RE.search(piece.text):  # 「令和５年度に事業終了」: a results or plans cell's words
        return WORDING
    if role in (RESULTS, PLANS) and TAG_PIECE_RE.search(piece.text):  # a ministry tag ends a description
        return TAG_IN_CELL
    if role in (RESULTS, PLANS) and "。" in piece.text:  # a sentence's end worded as the other column's
        said = RESULTS if RESULT_END_RE.search(piece.text) else PLANS if PLAN_END_RE.search(piece.text) else role
        if said != role:
            return WORDING
    if first and role not in (DESCRIPTION, OFFICE) and not is_bullet_start(piece.text) \
            and not ENDED_RE.search(piece.text):  # (「令和５年度に事業終了」 alone opens a cell)
        return NO_BULLET_START
    return 0.0


def end_cost(piece: Piece, role: str, full: float) -> float:
    """The cost of PIECE being its cell's last line."""
    text = piece.text
    if role == DESCRIPTION:
        return 0.0 if TAG_END_RE.search(text) else UNTAGGED_END
    if role == OFFICE:
        return 0.0 if OFFICE_WORD_RE.search(text) else UNTAGGED_END
    if text.endswith(CELL_END) or ENDED_RE.search(text):
        return 0.0
    return UNENDED if piece.reach < full - FULL_MARGIN else OPEN_END


def goes_on_cost(piece: Piece, nxt: Piece | None, role: str, full: float, cut: bool = False) -> float:
    """The cost of PIECE being followed in its column by NXT (None: not known; CUT: a page break between,
    where a cell that ended goes on only with a paragraph of its own, and a description's tag ends it)."""
    return _goes_on(piece, nxt, role, full, cut) + (_split_wording(piece, nxt, role) if nxt is not None else 0.0)


def _split_wording(piece: Piece, nxt: Piece, role: str) -> float:
    """A sentence's end wrapped so that neither line alone is worded (「…伴走支援を実施し」 / 「た。」, dev 3064: a
    result's last line read as a plan's, the results' last bullet given to the plans): worded by the two."""
    if role not in (RESULTS, PLANS) or not nxt.text.endswith("。") or RESULT_END_RE.search(nxt.text) \
            or PLAN_END_RE.search(nxt.text):
        return 0.0
    text = piece.text + nxt.text
    said = RESULTS if RESULT_END_RE.search(text) else PLANS if PLAN_END_RE.search(text) else role
    return WORDING if said != role else 0.0


def _goes_on(piece: Piece, nxt: Piece | None, role: str, full: float, cut: bool) -> float:
    if nxt is None:
        if not cut or role == OFFICE or end_cost(piece, role, full):
            return 0.0
        return ENDED_CUT if role == DESCRIPTION else PARAGRAPH
    opens = is_bullet_start(nxt.text) or ITEM_START_RE.match(nxt.text) is not None
    if piece.text.endswith("。") and SPLICED_RE.match(nxt.text) and not nxt.text.startswith(OPENERS):
        return SPLICED  # a sentence ended: the next opens with no particle or inflection (「…。るように」)
    if piece.reach >= full - FULL_MARGIN:
        return FULL_THEN_BULLET if opens and piece.text.endswith(SENTENCE_END) else (FULL_THEN_ITEM if opens else 0.0)
    if role == DESCRIPTION and TAG_END_RE.search(piece.text):
        return 0.0 if ITEM_START_RE.match(nxt.text) else SHORT_INSIDE  # items follow a description's tag
    if role == OFFICE:
        return 0.0
    word = LATIN_WORD_RE.match(nxt.text)  # a latin word is wrapped whole: the line ends short where it would not fit
    if word and piece.reach + Piece(word.group(0), display_width(word.group(0))).reach > full:
        return 0.0
    if opens or role == DESCRIPTION:
        return PARAGRAPH  # (a description's title ends short; its body goes on with no mark)
    return SHORT_INSIDE


def join_cost(piece: Piece, nxt: Piece | None, pairs: frozenset[str]) -> float:
    """The cost of a wrapped word: PIECE's last letter and NXT's first, two letters (kanji, kana) the
    document never prints side by side within a line (「研究開発案」 + 「サルタント」: 「案サ」)."""
    if not pairs or nxt is None or not piece.text or not nxt.text:
        return 0.0
    a, b = piece.text[-1], nxt.text[0]
    if not (LETTER_RE.match(a) and LETTER_RE.match(b)) or a + b in pairs:
        return 0.0
    return UNSEEN_JOIN
