"""The interleaved reader's dynamic program: each line's pieces given their columns.

Each line is read by a small dynamic program over the states of the open row's columns (Viterbi, linear
in the number of lines): a reading cuts the line's pieces into groups and gives each group a column,
continuing the open row or starting the next one, at a cost (lower is likelier). Where two readings
cost the same, the line is reported, never silently guessed (text_interleaved.py warns).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import combinations, product

from ..model.normalize import display_width
from .cells import CONTINUES_RE
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .text_checks import PLAN_END_RE, RESULT_END_RE
from .vocabulary import LOST_OPEN_RE, NO_LINE_START, SENTENCE_END_RE, TAG_AT_END_RE, is_bullet_start

LATIN_CUT = 1.5  # a space between two latin words read as a column boundary
# Latin words on both sides of a space, a mark between: 「MedTech ROUND ～MedTech Startups」 is one cell's text
LATIN_END_RE = re.compile(r"[A-Za-z0-9.\-&][)）」』~～]?$")
LATIN_START_RE = re.compile(r"^[～〜~(（「『\"'“]?[A-Za-z0-9]")
OFFICE = 3  # the 「担当」 column, where there is one
PAGE_END_LINES = 2  # how many lines before a page header a cell may stop early
WIDTH_SLACK = 2.0  # a line may overrun its column by a character or two (kinsoku: 。」 hang at the end)

# Costs of a reading (lower is likelier).
SKIP_FULL = 2.5  # a column whose last line was full has nothing on this line (its paragraph ended exactly)
SKIP_STOP = 0.3  # ... where that full line ended a sentence
SKIP_OPEN = 2.0  # a column whose last line ended mid-sentence (a 「、」) has nothing on this line
OPEN_ENDS = ("、", "，", "：", ":")
TAG_OUTSIDE = 2.0  # a ministry tag ［…］ read in the results or plans column
NO_BULLET = 3.0  # a results/plans line after a short one that starts no bullet
# A latin letter or digit counts half a cell (display_width) but prints up to two thirds of one in a proportional
# font: 「会（MEDICA2025等）への出展支援を実施し、事業者の販路開」 is a full line a cell narrower than the others.
LATIN_WIDER = 0.1
WORDING = 1.0  # a results line ending a sentence worded as a plan, or the other way round
SHORT_GOES_ON = 0.5
OFFICE_GOES_ON = 1.0  # an office's name going on after a short line
GLUE_NEAR, GLUE_OVER = 2.0, 1.0  # cells below and above a column's commonest full width a glued line may be cut
SOFT_GLUE = 1.0  # the cost of cutting a piece that fits a column (where the text has glued columns)
GLUED_BEFORE = 2  # pieces before a glued one that its column's line may start with
GLUED_DEPTH = 3  # cuts in one glued piece at most (four columns set close)
GLUED_ALTERNATIVES = 12  # ways to cut a line's glued pieces, at most  # ... that goes on the short line's word or sentence
WORD_END_RE = re.compile(r"[ァ-ヺーA-Za-z]$")
WORD_START_RE = re.compile(r"^[ァ-ヺーA-Za-z]")
BULLET_AFTER_FULL = 0.5  # a bullet right after a full line (the bullet before ended exactly at the width)
DESC_AFTER_TAG = 2.0  # description text after its ministry tag (items ①…) rather than a new row
DESC_BULLET = 1.0  # a 「・」 paragraph in the description column
TITLE_THEN_TEXT = 0.3  # a description paragraph after a short line (the title)
ROW_WITHOUT_TAG = 2.0  # a row ending before its description's tag
ROW_STARTS_WITH_BULLET = 3.0  # a new row whose description would start with 「・」
JOINED_SPACE = 1.0  # a space inside a cell between non-latin characters
JOINED_AFTER_LATIN = 0.3  # ... after a latin word, before a word's ending (「ARO に」)
TIE = 1e-9
DOUBT_MARGIN = 0.2  # readings this close in cost are both credible: the line is reported
BEAM_STATES, BEAM_COST = 8, 6.0  # states kept after each line, and how much costlier than the best they may be
DOUBT_LOOKBACK = 60  # lines to look back for where two equally cheap readings part


@dataclass(frozen=True)
class _Col:
    """What the reading so far says about one column of the open row."""

    started: bool = False
    active: bool = True  # its lines are consecutive: once it skips a line it is done for the row
    full: bool = False  # its last line filled the width: the paragraph runs on
    stop: bool = False  # ... but ended a sentence (。): the paragraph may as well end there
    tagged: bool = False  # description only: its ministry tag has been read
    items: bool = False  # description only: text goes on after the tag (items ①…)
    open: bool = False  # its last line ends mid-sentence (「…検討を行い、」): its text goes on below
    word: bool = False  # its last line ends in katakana or a latin letter: a word may run on (「…ベン」 「チャー…」)
    paused: bool = False  # it stopped a line early at a page's foot: it may go on after the page break, not before


State = tuple[_Col, ...]  # () before the first row of a goal


@dataclass(frozen=True)
class Reading:
    new_row: bool
    groups: tuple[tuple[int, str], ...]  # (column, text)


def full_line(col_width: float) -> float:
    """The narrowest a full line of a column prints: line breaking leaves up to a few cells free."""
    return col_width - (0.5 + 0.08 * col_width)


def is_full(width: float, col_width: float) -> bool:
    return width >= full_line(col_width)


def read_lines(lines: list[str], pieces: Callable[[str], list[str]], kinds: list[str], widths: tuple[float, ...],
               fulls: tuple[float, ...] | None = None, order: tuple[int, ...] | None = None,
               fills: tuple[float, ...] | None = None, results: int = 1, glued: bool = False
               ) -> tuple[list[Reading], set[int], set[int]]:
    """The cheapest reading of every text line (Viterbi over the open row's column states), the lines that
    another reading explains as well, and the lines no reading fits. WIDTHS: the widest each column prints;
    FULLS: the narrowest a full line of each prints (by default from WIDTHS, full_line). Columns are numbered
    by role (0 the description, 1 and 2 results and plans, 3 the 「担当」 office); ORDER: the role of each column
    as the lines print them, left to right (by default, in that order); FILLS: the commonest width of a full
    line of each (by default WIDTHS), where a piece too wide for any column is cut (glued); RESULTS: the
    column of the results (1, or 2 where the plans are printed first); GLUED: the text prints columns with no
    space between them (a piece that fits a column may hold the next column's too)."""
    ncols = len(widths)
    fulls = fulls or tuple(full_line(w) for w in widths)
    order = order or tuple(range(ncols))
    fills = fills or widths
    frontier: dict[State, tuple[float, int]] = {(): (0.0, -1)}  # state -> (cost, node)
    history: list[tuple[int, Reading | None, int]] = []  # node -> (line index, reading, previous node)
    doubts: dict[int, set[int]] = {}  # node -> lines read one way where another way costs the same
    unfit: set[int] = set()
    page_end = _page_ends(kinds)
    for i, kind in enumerate(kinds):
        if kind == "span":  # a vision or goal row closes the row above
            best = min(((cost + _end_cost(state), node) for state, (cost, node) in frontier.items()),
                       key=lambda v: v[0])
            history.append((i, None, best[1]))
            frontier = {(): (best[0], len(history) - 1)}
            continue
        if kind in ("header", "page"):  # a page break: a cell that stopped early at the page's foot goes on
            resumed: dict[State, tuple[float, int]] = {}
            for state, value in sorted(frontier.items(), key=lambda kv: kv[1][0]):
                key = tuple(replace(col, paused=False) for col in state)
                kept = resumed.setdefault(key, value)
                if kept is not value and value[0] - kept[0] <= DOUBT_MARGIN:  # two readings as cheap meet here
                    _, reading, prev = history[value[1]]
                    if reading is not None and (differ := _differences(history, kept[1], reading, prev)):
                        doubts.setdefault(kept[1], set()).update(differ)
            frontier = resumed
        if kind != "text":
            continue
        options = _line_options(pieces(lines[i]), widths, fills, glued)
        nxt: dict[State, tuple[float, int]] = {}
        for state, (cost, node) in frontier.items():
            for reading, extra, new_state in _candidates(state, options, widths, fulls, order, results, i in page_end):
                total = cost + extra
                old = nxt.get(new_state)
                if old is None or total < old[0] - TIE:
                    history.append((i, reading, node))
                    nxt[new_state] = (total, len(history) - 1)
                    if old is not None and old[0] - total <= DOUBT_MARGIN:  # the reading it beat was close
                        differ = _differences(history, len(history) - 1, history[old[1]][1], history[old[1]][2])
                        if differ:
                            doubts.setdefault(len(history) - 1, set()).update(differ)
                elif total - old[0] <= DOUBT_MARGIN:
                    differ = _differences(history, old[1], reading, node)
                    if differ:
                        doubts.setdefault(old[1], set()).update(differ)
        if not nxt:  # no reading fits (a piece wider than every column): start a row with the whole line
            best = min(frontier.values(), key=lambda v: v[0])
            history.append((i, Reading(True, ((0, lines[i].strip()),)), best[1]))
            unfit.add(i)
            nxt = {(_Col(True, True),) + tuple(_Col(False, False) for _ in range(ncols - 1)):
                   (best[0] + 10.0, len(history) - 1)}
        # Keep the few cheapest states: a reading far costlier than the best never comes back.
        ranked = sorted(nxt.items(), key=lambda kv: kv[1][0])[:BEAM_STATES]
        frontier = {state: v for state, v in ranked if v[0] <= ranked[0][1][0] + BEAM_COST}
    readings: list[Reading] = [Reading(False, ())] * len(lines)
    ambiguous: set[int] = set()
    if not history:
        return readings, ambiguous, unfit
    node = min(((cost + _end_cost(state), node) for state, (cost, node) in frontier.items()), key=lambda v: v[0])[1]
    while node >= 0:
        i, reading, prev = history[node]
        if reading is not None:
            readings[i] = reading
        ambiguous |= doubts.get(node, set())
        node = prev
    return readings, ambiguous, unfit


def _differences(history: list[tuple[int, Reading | None, int]], kept: int, reading: Reading, node: int
                 ) -> set[int]:
    """Lines where two equally cheap paths into one state read differently: the kept path (ending at node
    KEPT) and the one reading the line as READING after NODE. Both paths pass the same lines."""
    i, kept_reading, a = history[kept]
    out = {i} if kept_reading != reading else set()
    b = node
    for _ in range(DOUBT_LOOKBACK):
        if a == b or a < 0 or b < 0:
            break
        (line, ra, a), (_, rb, b) = history[a], history[b]
        if ra != rb:
            out.add(line)
    return out


def _page_ends(kinds: list[str]) -> set[int]:
    """The last text lines before each page break (a page header, a page number): a cell's lines there may end
    a line or two early, the rest of the cell continuing on the next page (line heights differ between
    columns)."""
    out: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind in ("header", "page"):
            j, seen = i - 1, 0
            while j >= 0 and seen < PAGE_END_LINES and kinds[j] != "span":
                if kinds[j] == "text":
                    out.add(j)
                    seen += 1
                j -= 1
    return out


@dataclass(frozen=True)
class _Group:
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



def _group(text: str, width: float) -> _Group:
    printed = width + LATIN_WIDER * _latin(text)
    stop = bool(SENTENCE_END_RE.search(text))
    wording = ("result" if RESULT_END_RE.search(text) else "plan" if PLAN_END_RE.search(text) else "") if stop else ""
    return _Group(text, width, is_bullet_start(text), tagged(text), stop, text.endswith(OPEN_ENDS), printed,
                  wording=wording)


def latin_space(left: str, right: str) -> bool:
    """Is the space between LEFT and RIGHT one between latin words (「ROUND ～MedTech」), not between cells?"""
    return bool(LATIN_END_RE.search(left) and LATIN_START_RE.match(right))


def _line_options(pieces: list[str], widths: tuple[float, ...], fills: tuple[float, ...], glued: bool = False
                  ) -> list[tuple[tuple[_Group, ...], float]]:
    """The ways to read a line's pieces as groups (_segmentations); a piece too wide for any column holds the
    full line of one column and the next column's text glued to it (cells set close, no space between them):
    it is cut where that column's lines fill (_glue_cuts), once for each column it may fill. In a text whose
    columns are GLUED, a piece a little wider than a column's fill may hold a short piece of the next column
    too (「…医薬機審定。」: 「…医薬機審」 and the plans' 「定。」): it is read whole or cut, at a cost."""
    limit = max(widths) + WIDTH_SLACK
    tail = min(fills) + GLUE_OVER + 0.5 if glued else limit
    if all(display_width(p) <= tail for p in pieces):
        return _segmentations(pieces, len(widths))
    alternatives: list[tuple[list[tuple[str, frozenset[int] | None]], float]] = [([], 0.0)]
    for j, piece in enumerate(pieces):
        # (the column's line may start with latin words before it, parted by spaces: 「Innovation Hubにて、…」)
        bases = [0.0]
        s = j
        while s > 0 and j - s < GLUED_BEFORE and latin_space(pieces[s - 1], pieces[s]):
            s -= 1
            bases.append(display_width(" ".join(pieces[s:j])) + 0.5)
        width = display_width(piece)
        cuts: list[tuple[list[tuple[str, frozenset[int] | None]], float]] = [([(piece, None)], 0.0)]
        if width > limit:
            cuts = [(c, 0.0) for c in _glue_cuts(piece, fills, limit, GLUED_DEPTH, bases)]
        elif width > tail:
            cuts += [(c, SOFT_GLUE) for c in _glue_cuts(piece, fills, limit, 1, bases) if len(c) > 1]
        alternatives = [(a + c, x + y) for a, x in alternatives for c, y in cuts][:GLUED_ALTERNATIVES]
    out = []
    for alternative, cost in alternatives:
        out += [(groups, extra + cost) for groups, extra in
                _segmentations([t for t, _ in alternative], len(widths), [m for _, m in alternative])]
    return out


def _latin(text: str) -> int:
    return sum(1 for ch in text if ch.isascii() and ch.isalnum())


def printed_widths(text: str) -> list[float]:
    """The printed width of each prefix of TEXT (0 for the empty one): latin letters and digits a little wider
    than the half cell display_width gives them."""
    out = [0.0]
    for ch in text:
        out.append(out[-1] + display_width(ch) + (LATIN_WIDER if ch.isascii() and ch.isalnum() else 0.0))
    return out


def _glue_cuts(piece: str, fills: tuple[float, ...], limit: float, depth: int, bases: list[float] | None = None
               ) -> list[list[tuple[str, frozenset[int] | None]]]:
    """A piece too wide for any column cut after the full line of a column (c), for each column: its text
    up to where that column's lines fill (the commonest full width), before a bullet mark 「・」 near there if
    there is one, never before a mark that may not start a line (kinsoku); the rest cut again if still too wide.
    BASES: the widths the column's line may have before the piece (the pieces before it on the line)."""
    out: list[list[tuple[str, frozenset[int] | None]]] = []
    printed = printed_widths(piece)
    roles: dict[int, set[int]] = {}  # where to cut -> the columns whose full line ends there
    for (c, fill), base in product(enumerate(fills), bases or [0.0]):
        near = [k for k in range(1, len(piece)) if fill - GLUE_NEAR <= base + printed[k] <= fill + GLUE_OVER]
        marked = [k for k in near if is_bullet_start(piece[k:])]
        fitting = [k for k in near if base + printed[k] <= fill + GLUE_OVER / 2 and piece[k] not in NO_LINE_START]
        if marked or fitting:
            roles.setdefault(marked[-1] if marked else fitting[-1], set()).add(c)
    for k, cs in sorted(roles.items()):
        rest = piece[k:]
        tails = _glue_cuts(rest, fills, limit, depth - 1) if display_width(rest) > limit and depth > 1 else []
        out += [[(piece[:k], frozenset(cs)), *tail] for tail in (tails or [[(rest, None)]])]
    return out or [[(piece, None)]]


def _segmentations(pieces: list[str], ncols: int, must: list[frozenset[int] | None] | None = None
                   ) -> list[tuple[tuple[_Group, ...], float]]:
    """Ways to cut the pieces into at most NCOLS consecutive groups, with the cost of the spaces kept inside
    groups and of latin words parted. Computed once per line, whatever the state. MUST: for each piece, the
    columns it may end a group in (it was cut from a glued piece), or None."""
    k = len(pieces)
    must = must or [None] * k
    forced = {j + 1 for j in range(k - 1) if must[j] is not None}  # a glued piece's cut is a group's end
    latin_gap = [latin_space(pieces[j - 1], pieces[j]) for j in range(1, k)]
    # a latin word's glyphs print wider than the text measures them: a space may follow one inside a cell
    after_latin = [bool(LATIN_END_RE.search(pieces[j - 1])) and CONTINUES_RE.match(pieces[j]) is not None
                   for j in range(1, k)]
    widths = [display_width(p) for p in pieces]
    made: dict[tuple[int, int], _Group] = {}

    def group(a: int, b: int) -> _Group:
        if (a, b) not in made:  # a half-width space between pieces
            made[a, b] = replace(_group(" ".join(pieces[a:b]), sum(widths[a:b]) + 0.5 * (b - a - 1)), must=must[b - 1])
        return made[a, b]

    out = []
    for ncuts in range(min(ncols, k)):
        for cuts in combinations(range(1, k), ncuts):
            if not forced <= set(cuts):
                continue
            bounds = (0, *cuts, k)
            cost = sum(LATIN_CUT for j in cuts if latin_gap[j - 1])
            cost += sum(JOINED_AFTER_LATIN if after_latin[j - 1] else JOINED_SPACE
                        for j in range(1, k) if j not in cuts and not latin_gap[j - 1] and j not in forced)
            out.append((tuple(group(a, b) for a, b in zip(bounds, bounds[1:], strict=False)), cost))
    return out


def _candidates(state: State, options: list[tuple[tuple[_Group, ...], float]], widths: tuple[float, ...],
                fulls: tuple[float, ...], order: tuple[int, ...], results: int, page_end: bool):
    """(reading, cost, next state) for each way the line can continue the open row or start the next one: its
    groups, left to right, in columns left to right (ORDER: their roles)."""
    ncols = len(widths)
    for groups, space_cost in options:
        for places in combinations(range(ncols), len(groups)):
            cols = tuple(order[k] for k in places)
            if any(groups[j].width > widths[c] + WIDTH_SLACK or (groups[j].must is not None and c not in groups[j].must)
                   for j, c in enumerate(cols)):
                continue
            # a sentence ending as the other column's do: 「…を推進した。」 read as a plan, 「…予定。」 as a result
            worded = space_cost + sum(WORDING for g, c in zip(groups, cols, strict=True) if g.wording and c in (1, 2)
                                      and g.wording != ("result" if c == results else "plan"))
            if state:
                cont = _continue(state, groups, cols, fulls, page_end)
                if cont is not None:
                    cost, new_state = cont
                    yield _reading(False, cols, groups), cost + worded, new_state
            if 0 in cols:  # a row starts with its description's first line (an office first may share it)
                cost, new_state = _new_row(state, groups, cols, fulls)
                yield _reading(True, cols, groups), cost + worded, new_state


def _reading(new_row: bool, cols: tuple[int, ...], groups: tuple[_Group, ...]) -> Reading:
    return Reading(new_row, tuple((c, g.text) for c, g in zip(cols, groups, strict=True)))


def tagged(text: str) -> bool:
    """Does TEXT end a description: a ministry tag ［◎厚］ / [◎厚], the end of a wrapped one 「厚］」, or a
    sub-heading's bracket 「…参照］」?"""
    m = TAG_AT_END_RE.search(text) or LOST_OPEN_RE.search(text)
    return bool(m and is_ministry_list(m.group(1))) or text.endswith("］") or (
        text.endswith("]") and bool(SUBHEADING_TAG_RE.search(text)))


def _skip_cost(c: int, col: _Col) -> float:
    """The cost of column C having nothing on a line: it is done for the row."""
    if not col.active:
        return 0.0
    cost = (SKIP_STOP if col.stop or c == OFFICE else SKIP_FULL) if col.full else 0.0  # an office is a name
    if col.open and c != OFFICE:
        cost += SKIP_OPEN  # 「令和８年度…改革において、…検討を行い、」 then its bullets: the cell goes on
    if c == 0 and not col.tagged:
        cost += ROW_WITHOUT_TAG  # a description ends at its ministry tag
    return cost


def _end_cost(state: State) -> float:
    return sum(_skip_cost(c, col) for c, col in enumerate(state))


def _line_state(c: int, group: _Group, full_at: float, tagged: bool, items: bool = False) -> _Col:
    tagged = tagged or (c == 0 and group.tagged)
    full = group.printed >= full_at and not (c == 0 and tagged)  # the tag ends the description
    return _Col(True, True, full, group.stop, tagged, items, group.open, bool(WORD_END_RE.search(group.text)))


def _continue(state: State, groups: tuple[_Group, ...], cols: tuple[int, ...], fulls: tuple[float, ...],
              page_end: bool = False) -> tuple[float, State] | None:
    cost = 0.0
    out = list(state)
    given = dict(zip(cols, groups, strict=True))
    for c, col in enumerate(state):
        group = given.get(c)
        if group is None:
            if page_end and col.active:
                out[c] = replace(col, paused=True)
                continue  # the cell may go on after the page header
            cost += _skip_cost(c, col)
            out[c] = _Col(col.started, False, False, False, col.tagged, col.items)
            continue
        if not col.active or col.paused:
            return None  # (a cell that stopped early at the page's foot goes on after the break only)
        if col.started and not col.full:  # after a short line: a new paragraph
            if c == 0:
                cost += (0.0 if col.items else DESC_AFTER_TAG) if col.tagged else TITLE_THEN_TEXT
                if group.text.startswith("・"):
                    cost += DESC_BULLET  # description paragraphs are a title, text and items ①…, not bullets
            elif c == OFFICE:
                cost += OFFICE_GOES_ON  # an office is one name, wrapped where it wraps (「内閣官房健」 「康・医療戦略」)
            elif not group.bullet:
                # a line that goes on a word or a sentence (「…でのベン」 「チャー企業の…」, 「…を」 「いう。」) was cut
                # short by line breaking, not a paragraph's end
                goes_on = CONTINUES_RE.match(group.text) or (col.word and WORD_START_RE.match(group.text)) \
                    or (not col.stop and group.text.startswith(("（", "(")))  # 「…を推進した」 「（マッチング件数21件）。」
                cost += SHORT_GOES_ON if goes_on else NO_BULLET
        elif col.started and col.full and c > 0 and group.bullet and not col.stop:
            cost += BULLET_AFTER_FULL
        elif col.started and col.stop and c > 0 and not group.bullet:
            cost += SKIP_STOP
        if c > 0 and group.tagged:
            cost += TAG_OUTSIDE
        out[c] = _line_state(c, group, fulls[c], col.tagged, col.tagged)
    return cost, tuple(out)


def _new_row(state: State, groups: tuple[_Group, ...], cols: tuple[int, ...], fulls: tuple[float, ...]
             ) -> tuple[float, State]:
    cost = _end_cost(state)
    if groups[0].bullet:
        cost += ROW_STARTS_WITH_BULLET
    given = dict(zip(cols, groups, strict=True))
    out = []
    for c in range(len(fulls)):
        group = given.get(c)
        if group is None:
            out.append(_Col(False, False))
        else:
            if c > 0 and group.tagged:
                cost += TAG_OUTSIDE
            out.append(_line_state(c, group, fulls[c], False))
    return cost, tuple(out)
