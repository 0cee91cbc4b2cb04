"""A line of columns side by side cut into groups, one for each column it holds text in (the interleaved reader).

A line's pieces are what its spaces part; a group is one or more pieces read as one column's text. A space
between latin words is inside a cell; one after a latin word before a word's ending may be (latin glyphs
print wider than the text measures them). Where cells are set so close that a column's full line and the
next column's text print with no space between them (glued), a piece is cut where that column's full lines
end: its commonest full width, before a bullet mark near there. Each group says what the reading needs of
it: its width, printed width, whether it starts a bullet, ends a sentence or a description (its tag), and
how its sentence ends (worded as a result or a plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations, product

from ..model.normalize import display_width
from .cells import CONTINUES_RE
from .interleaved_latin import LATIN_END_RE, latin_pair, latin_space
from .interleaved_marks import BULLET_MARK, LINE_OPENERS, from_last_bullet, in_number, sure_bullet, tag_cut
from .interleaved_offices import OFFICE, office_cut, office_cuts, office_word_cut
from .interleaved_overrun import overrun
from .interleaved_spaces import LONE_SUFFIX_RE
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .vocabulary import (
    LOST_OPEN_RE,
    NO_LINE_START,
    PLAN_END_RE,
    RESULT_END_RE,
    RESULT_THEN_END_RE,
    SENTENCE_END_RE,
    SENTENCE_OPENERS,
    TAG_AT_END_RE,
    is_bullet_start,
)

LATIN_CUT = 1.5  # a space between two latin words read as a column boundary
PHRASE_CUT = 4.0  # ... where the document prints the same two words joined by a space more than once
WIDTH_SLACK = 2.0  # a line may overrun its column by a character or two (kinsoku: 。」 hang at the end)
OPEN_ENDS = ("、", "，", "：", ":")
HANGING = ("。", "、", "，", "．", "」", "）", ")")  # marks that may hang past a line's end (kinsoku)
CLOSED_DOTS = ("」・", "』・", "）・")  # a closing bracket, hanging past a full line's edge, then the next column's bullet
TAG_TAIL_RE = re.compile(r"[^［］\[\]（）()「」]{1,12}[］\]]")  # a ministry tag's last names and its close: 「経］」
REST_OVER = 0.5  # cells a glued piece's rest may overrun its column's commonest full width (latin letters' widths)
GLUE_NEAR, GLUE_OVER = 2.0, 1.0  # cells below and above a column's commonest full width a glued line may be cut
SOFT_GLUE = 1.0  # the cost of cutting a piece that fits a column (where the text has glued columns)
OFFICE_GLUE = 0.5  # ... at an office's line (interleaved_offices): likelier than where the widths alone cut
OFFICE_WORD_GLUE = 1.0  # ... before an office word alone (「室」), where the plans' line is wider than it fills
# pieces before a glued one that its line may start with: any latin words of the line (「・「MedTech ROUND
# ～MedTech Startups acceleration program～」…」 starts with five)
GLUED_BEFORE = 9
WORDS_SHORT = 2.0  # cells short of the narrowest fill a piece before a glued one may be, read as the same cell's words
GLUED_DEPTH, GLUED_ALTERNATIVES = 3, 12  # cuts in one glued piece (four columns set close), ways to cut a line's, at most
JOINED_SPACE = 1.0  # a space inside a cell between non-latin characters
JOINED_AFTER_LATIN = 0.3  # ... after a latin word, before a word's ending (「ARO に」)
LONE_ENDING = 2  # characters of a word's ending alone between spaces (「機能 を 器の…」); not a sentence's end (「た。」: another column's)
# A latin letter or digit counts half a cell (display_width) but prints up to two thirds of one in a proportional
# font: 「会（MEDICA2025等）への出展支援を実施し、事業者の販路開」 is a full line a cell narrower than the others.
LATIN_WIDER = 0.1
# ... but as little as a third of one in another (「Brain Computer Interface」): a bullet mark 「・」 where the
# next column's line starts may lie this much more per latin letter before it past the column's full width
LATIN_NARROWER = 0.2
# Two full-width marks side by side (「、「」, 「」（」, 「）：」): Chromium prints them in a cell and a half (CSS
# text-spacing-trim), so a column's full line holding some counts up to half a cell more per pair than the column
# is wide (「・引き続き、「…事業」（令和８年度予算（案）：」 is a full line of 31.5 cells that counts 33)
PUNCTUATION_PAIR_RE = re.compile(r"(?=[、。，．・「『（［【｢」』）］】｣][「『（［【｢」』）］】｣、。：])")
PAIR_TRIM = 0.5
# A sentence's first words (「また、今年度新たに…」): a line going on a full one that ended mid-sentence (「…洗浄プロセス
# に関」) never opens with them, and one going on a full line that ended a sentence may (no bullet needed)
SENTENCE_OPENER_RE = re.compile(r"^(?:" + "|".join(SENTENCE_OPENERS) + r")、")
LATIN_UNIT_RE = re.compile(r"^[(（「『]?[A-Za-z0-9][A-Za-z0-9.,\-&/:%]*")  # a latin word or number, unbreakable
LATIN_WIDER_UNIT = 0.2  # cells a latin letter may print wider than it counts (a proportional font's capitals)
Cut = tuple[str, frozenset[int] | None]  # a glued piece's part and the columns it may end a group in (None: any)


@dataclass(frozen=True)
class Group:
    """Consecutive pieces of a line read as one column's text, with what the reading needs to know of it."""

    text: str
    width: float
    bullet: bool  # starts a bullet (「・」, ①, a lone 「（…）」)
    tagged: bool  # ends with a ministry tag
    stop: bool  # ends a sentence
    open: bool  # ends mid-sentence, at a 「、」 or 「：」: a list or the sentence's rest follows in the column
    printed: float  # its width as printed: latin letters and digits count half a cell but print a little wider
    must: frozenset[int] | None = None  # the columns it may be read in: it ends where a glued piece was cut
    wording: str = ""  # 'result' (「…を推進した。」) or 'plan' (「…する。」, 「…予定。」) where it ends a sentence so
    item: int = 0  # the number of the item it starts (「⑤ 医療従事者の…」: 5), or 0
    trim: float = 0.0  # cells its punctuation pairs may print narrower than they count (PUNCTUATION_PAIR_RE)
    inner_tag: bool = False  # a piece before its last ends a description (a ministry tag), text following it
    continues: bool = False  # opens with a word's or a sentence's rest (cells.CONTINUES_RE: 「を構築す」, 「る。」)
    opener: bool = False  # opens a sentence (SENTENCE_OPENER_RE: 「また、」)
    unit: float = 0.0  # the width of its first unbreakable unit (unit_width)


def group_of(text: str, width: float) -> Group:
    printed = width + LATIN_WIDER * _latin(text)
    stop = bool(SENTENCE_END_RE.search(text))
    wording = wording_of(text) if stop else ""
    item = ord(text[0]) - ord("①") + 1 if text and "①" <= text[0] <= "⑳" else 0
    return Group(text, width, is_bullet_start(text), tagged(text), stop, text.endswith(OPEN_ENDS), printed,
                  wording=wording, item=item, trim=PAIR_TRIM * len(PUNCTUATION_PAIR_RE.findall(text)),
                  continues=bool(CONTINUES_RE.match(text)), opener=bool(SENTENCE_OPENER_RE.match(text)),
                  unit=unit_width(text))


def unit_width(text: str) -> float:
    """The width of TEXT's first unbreakable unit, what a line stops short of where it does not fit: a latin word
    or number with its opening bracket, else a character (an opening bracket with the next) and the marks kinsoku
    keeps with it (「る。」)."""
    if m := LATIN_UNIT_RE.match(text):
        return display_width(m.group(0)) + LATIN_WIDER_UNIT * len(m.group(0))
    k = 2 if text[:1] in LINE_OPENERS else 1
    while k < len(text) and text[k] in NO_LINE_START:
        k += 1
    return display_width(text[:k])


def wording_of(text: str) -> str:
    """How TEXT, a sentence's end, is worded: 'result' (「…を推進した。」, 「…したところ。」), 'plan' (「…する。」) or ''."""
    return "result" if RESULT_END_RE.search(text) or RESULT_THEN_END_RE.search(text) else \
        "plan" if PLAN_END_RE.search(text) else ""


def line_options(pieces: list[str], widths: tuple[float, ...], fills: tuple[float, ...], glued: bool = False,
                 order: tuple[int, ...] | None = None, phrases: frozenset[tuple[str, str]] = frozenset(),
                 offices: frozenset[str] = frozenset()) -> list[tuple[tuple[Group, ...], float]]:
    """The ways to read a line's pieces as groups (_segmentations); a piece too wide for any column holds the
    full line of one column and the next column's text glued to it (cells set close, no space between them):
    it is cut where that column's lines fill (_glue_cuts), once for each column it may fill. In a text whose
    columns are GLUED, a piece a little wider than a column's fill may hold a short piece of the next column
    too (「…医薬機審定。」: 「…医薬機審」 and the plans' 「定。」): it is read whole or cut, at a cost. PHRASES: the
    latin word pairs the document prints joined more than once (latin_phrases), dearer to part. OFFICES: the
    「担当」 column's lines (interleaved_offices.office_lines): a line's last piece (first, the office printed
    first) too wide for the office that ends (starts) with one of them is cut there first."""
    order = order or tuple(range(len(fills)))
    limit = max(widths) + WIDTH_SLACK
    after = _next_fills(fills, order)
    places = _places(order)
    # (a piece more than half a cell over a column's fill may hold the next column's text, as _by_the_rest cuts:
    # 「…要精密検査対象者等に器」, 22 cells where every column fills 21, is the description's line and the results' 「器」)
    tail = min(fills) + GLUE_OVER / 2 if glued else limit
    glued_office = _glued_office(pieces, widths, fills, order, offices)
    # (a piece's line may start with latin words before it, parted by spaces: 「…、Healthcare Innovation Hubにて、…」)
    starts = [_latin_start(pieces, j) for j in range(len(pieces))]
    if all(display_width(" ".join(pieces[s:j + 1])) <= tail for j, s in enumerate(starts)) \
            and not any(tag_cut(p) for p in pieces) and not glued_office:
        return segmentations(pieces, len(widths), phrases=phrases)

    def piece_cuts(piece: str, bases: list[float], letters: list[int], left_of: int = -1) -> list[tuple[list[Cut], float]]:
        width = display_width(piece)
        cuts: list[tuple[list[tuple[str, frozenset[int] | None]], float]] = [([(piece, None)], 0.0)]
        if width > limit:
            cuts = [(c, 0.0) for c in _glue_cuts(piece, fills, limit, GLUED_DEPTH, bases, after, letters, places, left_of,
                                                 widths)]
        elif width + max(bases) > tail:  # (the latin words before alone too wide: a bullet must start the rest)
            cuts += [(c, SOFT_GLUE) for c in overrun(_glue_cuts(piece, fills, limit, 1, bases, after, letters, places, left_of),
                                                      piece, fills, max(bases))
                     if len(c) > 1 and (width > tail or is_bullet_start(c[1][0]))]
        if k := tag_cut(piece):
            rest = piece[k:]
            tails = _glue_cuts(rest, fills, limit, GLUED_DEPTH - 1, None, after, None, places, places[0]) \
                if display_width(rest) > limit else [[(rest, None)]]
            cuts = [([(piece[:k], frozenset({0})), *t], 0.0) for t in tails] + cuts  # (first: alternatives are capped)
        return cuts

    alternatives: list[tuple[list[tuple[str, frozenset[int] | None]], float]] = [([], 0.0)]
    for j, piece in enumerate(pieces):
        bases, letters = [0.0], [0]
        for s in range(j - 1, starts[j] - 1, -1):
            # (a glued piece opening the run: its column's line from its bullet, 「…機・令和７年度の…「Brain」 「Computer」)
            run = " ".join([from_last_bullet(pieces[s]) if display_width(pieces[s]) > limit else pieces[s], *pieces[s + 1:j]])
            bases.append(display_width(run) + 0.5)
            letters.append(_latin(run))
        # (or a cell's words parted from it by a space of its own, in the widest column: 「化事業 令和6年度予算：…」,
        # 「…開発体制強靱化事業 令和6年度予算：…を通・令和7年度…」; their punctuation pairs may print narrow; a piece
        # opening with a bullet mark starts a column's bullet there: 「…データバンクの構築支援」 then 「・NCBNでは、…」
        # is a title and the results' first line, never the title's words going on)
        words = starts[j] == j and j > 0 and _words_before(pieces[j - 1], max(fills)) \
            and display_width(pieces[j - 1]) + 0.5 + display_width(pieces[j]) > tail and not pieces[j].startswith(BULLET_MARK)
        base = display_width(pieces[j - 1]) + 0.5 - PAIR_TRIM * len(PUNCTUATION_PAIR_RE.findall(pieces[j - 1])) if j else 0.0
        if words and j > 1:
            bases.append(base)
            letters.append(_latin(pieces[j - 1]))
        # (an office printed first is the line's first piece: a piece after it holds no office's line)
        left_of = places[OFFICE] if j and order[0] == OFFICE else -1
        cuts, at_office = piece_cuts(piece, bases, letters, left_of), []
        if words and j == 1:
            # (the line's first piece, a cell's words or a title, the space then a column gap: its cuts come after the
            # piece's own, which a reading as cheap keeps: 「…医薬機審発 1129第２号）により、「脱」 then the plans'
            # 「・「次世代…」, 「…３大バイオバンク 等に蓄積さ」 then the results' 「活用支援…」; put first, they won the tie
            # over 「有事における…取組」 「令和4年5月…を導入した。」 「（対応済み）」)
            cuts += [c for c in piece_cuts(piece, [base], [_latin(pieces[0])], left_of)
                     if len(c[0]) > 1 and c not in cuts]
        if glued_office and j == glued_office[0]:
            _, k, known = glued_office
            rest = piece[k:] if order[0] == OFFICE else piece[:k]
            # (a piece that may be read whole, a line of the column printed next to the office that ends as an
            # office's line does, is cut at a cost; before an office word alone, at a higher one; with every way
            # to cut the pieces before it, the cap left to the rest: in seen 5355 the right cut of a glued
            # description and results before 「…拠厚労省医」 was capped off)
            beside = order[1] if order[0] == OFFICE else order[-2]
            cost = OFFICE_GLUE if display_width(piece) <= fills[beside] + GLUE_OVER else 0.0
            cost += 0.0 if known else OFFICE_WORD_GLUE
            at_office = [(c, x + cost) for c, x in office_cuts(piece, k, order, piece_cuts(rest, bases, letters))]
        alternatives = [(a + c, x + y) for a, x in alternatives for c, y in at_office] \
            + [(a + c, x + y) for a, x in alternatives for c, y in cuts][:GLUED_ALTERNATIVES]
    out = []
    for alternative, cost in alternatives:
        out += [(groups, extra + cost) for groups, extra in
                segmentations([t for t, _ in alternative], len(widths), [m for _, m in alternative], phrases)]
    return out


def _glued_office(pieces: list[str], widths: tuple[float, ...], fills: tuple[float, ...], order: tuple[int, ...],
                  offices: frozenset[str]) -> tuple[int, int, bool] | None:
    """The piece of a line holding an office's line glued to another column's (the last piece, the office
    printed last; the first, printed first), where in it the office's line ends or starts, and whether an
    office's line printed apart elsewhere tells it (office_cut); else, the office printed last and the piece
    wider than the plans' lines fill, before an office word ending it (office_word_cut: an office's last line
    of one word, too short to be told apart from a word's end); or None. A piece that fits the office column is
    no glued one."""
    if not offices or not pieces or OFFICE not in order or order.index(OFFICE) not in (0, len(order) - 1):
        return None
    j = 0 if order[0] == OFFICE else len(pieces) - 1
    if display_width(pieces[j]) <= widths[OFFICE] + WIDTH_SLACK:
        return None
    if k := office_cut(pieces[j], offices, order[0] == OFFICE):
        return j, k, True
    if order[0] != OFFICE and display_width(pieces[j]) > fills[order[-2]] + GLUE_OVER and (k := office_word_cut(pieces[j])):
        return j, k, False
    return None


def _latin_start(pieces: list[str], j: int) -> int:
    """Where the run of latin words parted by spaces before piece J starts (J where none is)."""
    return next(s for s in range(j, -1, -1) if not s or j - s >= GLUED_BEFORE or not _latin_gap(pieces[s - 1], pieces[s]))


def _words_before(piece: str, fill: float) -> bool:
    """May PIECE, a few characters before a glued piece on its line, be a cell's words that a space inside the
    cell's text parts from the glued piece (「…開発体制強靱」 「化事業 令和6年度予算：…」)? Not a full line, a sentence's
    or a description's end (a column's last line)."""
    return display_width(piece) <= fill - WORDS_SHORT and not tagged(piece) and not SENTENCE_END_RE.search(piece)


def _latin_gap(left: str, right: str) -> bool:
    """A space inside a cell's line after a latin word: before another (「ROUND ～MedTech」) or before the
    particle its sentence goes on with (「…することでARO に必要な…」: the glyphs print wider than measured)."""
    return latin_space(left, right) or bool(LATIN_END_RE.search(left) and CONTINUES_RE.match(right))


def _latin(text: str) -> int:
    return sum(1 for ch in text if ch.isascii() and ch.isalnum())


def printed_widths(text: str) -> list[float]:
    """The printed width of each prefix of TEXT (0 for the empty one): latin letters and digits a little wider
    than the half cell display_width gives them."""
    out = [0.0]
    for ch in text:
        out.append(out[-1] + display_width(ch) + (LATIN_WIDER if ch.isascii() and ch.isalnum() else 0.0))
    return out


def _next_fills(fills: tuple[float, ...], order: tuple[int, ...]) -> tuple[float | None, ...]:
    """For each column (by role), the commonest full width of the column printed right of it (None: the last)."""
    out: list[float | None] = [None] * len(fills)
    for left, right in zip(order, order[1:], strict=False):
        out[left] = fills[right]
    return tuple(out)


def _places(order: tuple[int, ...]) -> tuple[int, ...]:
    """For each column (by role), its place left to right as the lines print it."""
    out = [0] * len(order)
    for place, c in enumerate(order):
        out[c] = place
    return tuple(out)


def _glue_cuts(piece: str, fills: tuple[float, ...], limit: float, depth: int, bases: list[float] | None = None,
               after: tuple[float | None, ...] | None = None, letters: list[int] | None = None,
               places: tuple[int, ...] | None = None, left_of: int = -1, widths: tuple[float, ...] | None = None
               ) -> list[list[tuple[str, frozenset[int] | None]]]:
    """A piece too wide for any column cut after the full line of a column (c), for each column: its text
    up to where that column's lines fill (the commonest full width), before a bullet mark 「・」 near there if
    there is one, never before a mark that may not start a line (kinsoku); the rest cut again if still too wide.
    BASES: the widths the column's line may have before the piece (the pieces before it on the line), LETTERS
    the latin letters in them: latin letters print narrower in some fonts, so a bullet mark may lie further past
    the fill the more latin letters come before it (LATIN_NARROWER). PLACES: each column's place left to right;
    a cut is tried only after a column printed right of LEFT_OF (the column whose full line the piece's text
    before follows): a glued piece holds its columns in the order they print (「…医療機・｢優れた…医・令和７年度…」
    is the description's, the results' and the plans' lines, never the plans' before the description's). WIDTHS
    (by role): a rest narrower than the piece's limit but wider than every column printed right of the cut is
    cut again too (three columns glued: 「…｢医療従事者の業務の効率」, the results' full line, then the plans' 「る。」)."""
    out: list[list[tuple[str, frozenset[int] | None]]] = []
    places = places or tuple(range(len(fills)))
    printed = printed_widths(piece)
    roles: dict[int, set[int]] = {}  # where to cut -> the columns whose full line ends there
    latin = [0]
    for ch in piece:
        latin.append(latin[-1] + (ch.isascii() and ch.isalnum()))
    trim = _trims(piece)
    hang = GLUE_OVER if piece.startswith(BULLET_MARK) else 0.0  # (a bullet's first line may hang its mark a cell out)
    for (c, fill), (base, before) in product(enumerate(fills), zip(bases or [0.0], letters or [0] * len(bases or [0.0]),
                                                                    strict=True)):
        if places[c] <= left_of:
            continue
        near = [k for k in range(1, len(piece)) if fill - GLUE_NEAR <= base + printed[k] <= fill + GLUE_OVER
                and not in_number(piece, k)]
        marked = [k for k in range(1, len(piece)) if fill - GLUE_NEAR <= base + printed[k]
                  <= fill + GLUE_OVER * (1 + (piece[k - 1:k + 1] in CLOSED_DOTS)) + LATIN_NARROWER * (before + latin[k])
                  + (trim[k] + (hang if sure_bullet(piece, k) else 0.0) if not base else 0.0)
                  and is_bullet_start(piece[k:])]
        # (a full line before a bullet may lie past the fill by its punctuation pairs' trim: 「・「医工連携…事業（研究
        # 開発事業）」（令和7年度」 then the next column's 「・」; a line ending in a closing mark may print it half a cell
        # wide, or hang it past the edge: 「…タイプ」」; before the next column's bullet, a cell further: 「…研究事業」」
        # then 「・「開発途上国…」, 29 cells where the column's full lines are 27; a bullet's first line, its mark hanging
        # left of the column's text, a cell more before a 「・」 that parts no two nouns: 「・令和7年度に新設される「医療
        # 機器創出ガイダ」 then 「・「医療機器等…」, never 「…イノベーショる企業」 then 「・大学等に…」)
        fitting = [k for k in near if base + printed[k] <= fill + GLUE_OVER / 2 * (1 + (piece[k - 1] in HANGING))
                   and piece[k] not in NO_LINE_START]
        if marked or fitting:
            # (a 「・」 after a particle or before a bracket is no mark between two nouns: the next column's bullet,
            # where a later 「・」 is one: 「…2024年9月に・安全性・信頼性を確保した…」)
            sure = [k for k in marked if sure_bullet(piece, k)]
            k = sure[-1] if sure else marked[-1] if marked else fitting[-1]
            k = _trimmed_cut(piece, printed, trim, k, fill - base, after[c] if after else None)
            roles.setdefault(_by_the_rest(piece, printed, k, fill - base, fitting, after[c] if after else None), set()).add(c)
    for k, cs in sorted(roles.items(), key=lambda kv: (min(places[c] for c in kv[1]), kv[0])):
        rest = piece[k:]
        left = min(places[c] for c in cs)
        right = max((w for c, w in enumerate(widths or ()) if places[c] > left), default=limit)
        tails = _glue_cuts(rest, fills, limit, depth - 1, None, after, None, places, left, widths) \
            if display_width(rest) > min(limit, right + WIDTH_SLACK) and depth > 1 else []
        out += [[(piece[:k], frozenset(cs)), *tail] for tail in (tails or [[(rest, None)]])]
    return out or [[(piece, None)]]


def _trimmed_cut(piece: str, printed: list[float], trim: list[float], k: int, fill: float, next_fill: float | None
                 ) -> int:
    """The cut K of a glued PIECE (a full line of FILL cells, the next column's line after it) moved right where
    the rest is too wide for the next column (NEXT_FILL: its full width) and the line's punctuation pairs tell a
    longer full line (PUNCTUATION_PAIR_RE: 「・引き続き、「…事業」（令和８年度予算（案）：」 then 「に加え、…」): the
    furthest cut whose line, its pairs printed narrower, still fits FILL (as fitting in _glue_cuts). A rest that fits
    keeps the cut."""
    limit = next_fill if next_fill is not None else fill
    if printed[-1] - printed[k] <= limit + WIDTH_SLACK:
        return k
    later = [j for j in range(k + 1, len(piece)) if printed[j] - trim[j] <= fill + GLUE_OVER / 2 and piece[j] not in NO_LINE_START
             and printed[-1] - printed[j] <= limit + WIDTH_SLACK]
    return later[-1] if later else k


def _trims(text: str) -> list[float]:
    """For each prefix of TEXT, the cells a typesetter may take from its punctuation pairs (PUNCTUATION_PAIR_RE)."""
    out = [0.0] * (len(text) + 1)
    for m in PUNCTUATION_PAIR_RE.finditer(text):
        out[m.start() + 2] += PAIR_TRIM
    for k in range(1, len(out)):
        out[k] += out[k - 1]
    return out


def _by_the_rest(piece: str, printed: list[float], k: int, fill: float, fitting: list[int],
                 next_fill: float | None) -> int:
    """The cut K of a glued PIECE (a full line of FILL cells, the next column's line after it) moved by a
    character where the next column's line, all of the rest of the piece, tells it (NEXT_FILL: its full width):
    a rest a cell wider than its column prints holds the full line's last character (「…すべての臨床研究」
    「中・引き続き、…」: the plans' lines are a cell narrower), unless it starts a bullet (a hanging bullet's
    line prints a cell wider) or an opening bracket (set half a cell wide there); a rest a cell short of its column, after a cut
    before a 「・」 past the fill, was cut at a 「・」 between words (「…倫理審査委員育」 「・研修を…」 is 「…委員」 and
    「育・研修を…」), cut where the line fits instead. A rest of other widths (a paragraph's last line, two
    columns glued) tells nothing. A ministry tag is never cut: 「…取り組む。［◎厚、◎」 「経］ルスケア…」 is the
    description's 「…［◎厚、◎経］」 and the results' 「ルスケア…」."""
    tail = TAG_TAIL_RE.match(piece, k)
    if tail and tagged(piece[: tail.end()]):  # (a line of the next column never starts with a tag's end)
        return tail.end()
    if next_fill is None:
        return k
    rest = printed[-1] - printed[k]
    if next_fill + REST_OVER < rest and k + 1 < len(piece) and not is_bullet_start(piece[k:]) \
            and piece[k] not in LINE_OPENERS and printed[k + 1] <= fill + GLUE_OVER + REST_OVER \
            and (piece[k + 1] not in NO_LINE_START or is_bullet_start(piece[k + 1:])) \
            and not (_latin_char(piece[k]) and _latin_char(piece[k + 1])) \
            and printed[-1] - printed[k + 1] <= next_fill + REST_OVER + (1.0 if is_bullet_start(piece[k + 1:]) else 0.0):
        return k + 1
    if printed[k] > fill + GLUE_OVER / 2 and fitting and fitting[-1] < k and piece[k - 1] not in HANGING:
        shorter = printed[-1] - printed[fitting[-1]]
        if abs(shorter - next_fill) <= REST_OVER < next_fill - rest:
            return fitting[-1]
    return k


def _latin_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def segmentations(pieces: list[str], ncols: int, must: list[frozenset[int] | None] | None = None,
                  phrases: frozenset[tuple[str, str]] = frozenset()) -> list[tuple[tuple[Group, ...], float]]:
    """Ways to cut the pieces into at most NCOLS consecutive groups, with the cost of the spaces kept inside
    groups and of latin words parted. Computed once per line, whatever the state. MUST: for each piece, the
    columns it may end a group in (it was cut from a glued piece), or None. PHRASES: latin word pairs that
    cost PHRASE_CUT to part."""
    k = len(pieces)
    must = must or [None] * k
    forced = {j + 1 for j in range(k - 1) if must[j] is not None}  # a glued piece's cut is a group's end
    latin_gap = [latin_space(pieces[j - 1], pieces[j]) for j in range(1, k)]
    latin_cut = [PHRASE_CUT if gap and latin_pair(pieces[j - 1], pieces[j]) in phrases else LATIN_CUT
                 for j, gap in zip(range(1, k), latin_gap, strict=True)]
    # a latin word's glyphs print wider than the text measures them: a space may follow one inside a cell (or a line
    # set justified: 「…ルールインテリジェンス機能 を」, a lone particle; a suffix alone after the cell's own space: 「…バンク 等」)
    after_latin = [(CONTINUES_RE.match(pieces[j]) is not None
                    and (bool(LATIN_END_RE.search(pieces[j - 1])) or (len(pieces[j]) <= LONE_ENDING and "。" not in pieces[j])))
                   or (j < k - 1 and LONE_SUFFIX_RE.match(pieces[j]) is not None) for j in range(1, k)]
    widths = [display_width(p) for p in pieces]
    # a piece ending in a ministry tag before another piece of the group, or holding one with text after it (read
    # whole: 「…を構築する。［厚、中に公表する予定。」, the plans' line glued to the tag's first names)
    tags = [tagged(p) for p in pieces]
    inside = [m is None and tag_cut(p) > 0 for p, m in zip(pieces, must, strict=True)]
    made: dict[tuple[int, int], Group] = {}

    def group(a: int, b: int) -> Group:
        if (a, b) not in made:  # a half-width space between pieces
            made[a, b] = replace(group_of(" ".join(pieces[a:b]), sum(widths[a:b]) + 0.5 * (b - a - 1)), must=must[b - 1],
                                 inner_tag=any(tags[a:b - 1]) or any(inside[a:b]))
        return made[a, b]

    out = []
    for ncuts in range(min(ncols, k)):
        for cuts in combinations(range(1, k), ncuts):
            if not forced <= set(cuts):
                continue
            bounds = (0, *cuts, k)
            cost = sum(latin_cut[j - 1] for j in cuts if latin_gap[j - 1])
            cost += sum(JOINED_AFTER_LATIN if after_latin[j - 1] else JOINED_SPACE
                        for j in range(1, k) if j not in cuts and not latin_gap[j - 1] and j not in forced)
            out.append((tuple(group(a, b) for a, b in zip(bounds, bounds[1:], strict=False)), cost))
    return out


def tagged(text: str) -> bool:
    """Does TEXT end a description: a ministry tag ［◎厚］ / [◎厚], the end of a wrapped one 「厚］」, or a
    sub-heading's bracket 「…参照］」?"""
    m = TAG_AT_END_RE.search(text) or LOST_OPEN_RE.search(text)
    return bool(m and is_ministry_list(m.group(1))) or text.endswith("］") or (
        text.endswith("]") and bool(SUBHEADING_TAG_RE.search(text)))
