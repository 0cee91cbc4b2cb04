"""Synthetic next editions: known edits applied to a real report's lines, with the ground truth.

Only one real edition exists, so the diff engine is tested on "next editions" made here: the real
text with a few known edits (a sentence reworded, 19億円→17億円, a program renamed, a measure split,
merged, moved, added or removed, lines re-wrapped...) and a record of what was done. Untouched
measures keep their lines byte for byte; edited ones are re-wrapped the way the PDF extraction
prints them (results and descriptions 52-60 cells wide, plans 34-42, blank lines between blocks,
each description closed by its ministry tag), and every step is re-parsed and checked, so the
parser reads each edition exactly as the truth says. For tests and demos only: the first line of
every generated text is SYNTHETIC_MARKER, and nothing here is a real report.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .budgets import find_budgets
from .layout import HEADER_RE, PAGE_NUMBER_RE, is_bullet_start
from .load import SYNTHETIC_MARKER
from .model import Budget, Bullet, Edition, Measure, Source
from .normalize import display_width, join_wrapped, normalize
from .parse_text import parse_report_text
from .programs import find_programs

EDIT_KINDS = ("reword", "one_char", "budget", "rename", "ministry", "add", "remove", "move", "split", "merge",
              "reflow", "width")
CHANGE_KINDS = ("changed", "added", "removed", "moved", "split", "merged", "budget", "rename")
# What a correct diff reports for each kind of edit. The one place the evaluation takes it from
# (GroundTruth.expected). "budget" is reported for the edit's budget lines, if it has any: a digit of
# an amount (one_char), an amount (budget), a line cited only in a removed row (remove).
EXPECTED_CHANGES: dict[str, tuple[str, ...]] = {
    "reword": ("changed",),
    "one_char": ("changed", "budget"),
    "budget": ("changed", "budget"),
    "rename": ("changed", "rename"),
    "ministry": ("changed",),
    "add": ("added",),
    "remove": ("removed", "budget"),
    "move": ("moved",),
    "split": ("split",),
    "merge": ("merged",),
    "reflow": (),
    "width": (),
}
RESULTS_WIDTH = (52, 60)  # cells per line of the results column and of descriptions
PLANS_WIDTH = (34, 42)  # cells per line of the plans column (the parser reads ≤ 45 as plans)
TITLE_MAX = 48.0  # a longer line is not read as a title (layout.TITLE_MAX)
_WORKING_SOURCE = Source("synthetic-working-copy", "", "utf-8")
BUNDLED_SEED = Path(__file__).resolve().parent.parent / "examples" / "iryokiki-kihonkeikaku_fy2024.txt"

# Rewordings (old, new) that keep a sentence grammatical: 推進する→強化する, を推進→を一層推進.
REWORDS = (
    ("推進する", "強化する"), ("推進した", "強化した"), ("支援する", "後押しする"), ("支援した", "後押しした"),
    ("実施する", "展開する"), ("実施した", "展開した"), ("検討する", "検討を深める"), ("検討した", "検討を深めた"),
    ("取り組む", "注力する"), ("取り組んだ", "注力した"), ("図る", "目指す"), ("図った", "目指した"),
    ("整備する", "拡充する"), ("整備した", "拡充した"), ("構築する", "確立する"), ("行った", "進めた"),
    ("引き続き", "今後も"), ("企業", "事業者"), ("医療従事者", "医療関係者"), ("関係団体", "業界団体"),
    ("を推進", "を一層推進"), ("を強化", "を一層強化"), ("を促進", "を一層促進"), ("の充実", "の一層の充実"),
)
# Same-length word swaps that keep a program a plausible 事業 name: 医療機器開発推進研究事業 → 医療機器開発加速研究事業.
RENAME_WORDS = (
    ("推進", "加速"), ("促進", "加速"), ("支援", "助成"), ("展開", "普及"), ("開発", "創出"), ("確保", "維持"),
    ("強化", "拡充"), ("創成", "創出"), ("策定", "作成"), ("作成", "策定"), ("育成", "養成"), ("獲得", "確立"),
    ("整備", "構築"), ("総合", "統合"), ("国際", "海外"), ("次世代", "新世代"), ("革新的", "先端的"),
)
# A count in the text whose digit a one_char edit may change: ４件, 19件, 10か国, ５社.
COUNT_RE = re.compile(r"[0-9０-９]+(?=件|回|社|か国|ヵ国|名)")
# The amount inside a budget mention: 13億円, 3.8億円, ９百万円.
AMOUNT_RE = re.compile(r"(?P<digits>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?:億|憶|千万|百万|万|千)?\s*円")
QUOTED_RE = re.compile(r"[「｢＜][^「」｢｣＜＞]*[」｣＞]")
MINISTRY_CODES = ("内", "内官", "総", "文", "厚", "経", "デ")
FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Width-only rewrites of a block (the same characters once normalized).
WIDTH_MAPS = (
    ("digits to full width", FULL_DIGITS),
    ("digits to half width", HALF_DIGITS),
    ("「」 to ｢｣", str.maketrans("「」", "｢｣")),
    ("｢｣ to 「」", str.maketrans("｢｣", "「」")),
)
# Vocabulary for added measures: new topics in the report's phrasing, not copied from any row.
ADD_TOPICS = (
    "在宅医療機器の遠隔保守", "医療機器の環境負荷低減", "小児用医療機器のサイズ展開", "災害時の医療機器用電源確保",
    "医療機器の多言語表示", "医療機器の点検記録の電子化", "使用済み医療機器の部品回収", "医療機器の操作研修動画",
    "地域の医療機器修理人材", "医療機器廃棄時の情報消去", "医療機器輸送時の温度管理", "医療機器の警報音の標準化",
)
ADD_TITLE_ENDS = ("の推進", "に向けた取組", "に関する体制整備", "の普及促進")
ADD_REASONS = (
    "現場の負担や費用の面で課題が指摘されている", "国内外で関心が高まる一方、実態の把握が十分でない",
    "医療機関ごとに取組の水準にばらつきがある",
)
ADD_ACTIONS = (
    "関係団体と連携して実態を把握し、必要な方策の検討に取り組む", "先行事例を収集し、その横展開に取り組む",
    "手順書を作成し、医療機関等への周知に取り組む",
)
ADD_TAGS = ("［◎厚］", "［◎経］", "［◎厚、◎経］", "［文、◎厚］", "［◎内、厚、経］")


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class SyntheticEdit:
    """One known edit. `measures` are OLD ids, as parse_report of the original text numbers them."""

    kind: str
    measures: tuple[str, ...]
    detail: str  # what was done, e.g. 'results 2: 推進した→強化した'
    title: str = ""  # add: the new measure's title; split: the second row's title
    # (program, fiscal_year) budget lines whose cited amounts changed: the edited amount, or a line
    # that disappeared with a removed row (the same amount cited in another row keeps the line).
    budgets: tuple[tuple[str, int | None], ...] = ()
    rename: tuple[str, str] | None = None  # (old program, new program)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "measures": list(self.measures), "detail": self.detail}
        if self.title:
            out["title"] = self.title
        if self.budgets:
            out["budgets"] = [{"program": p, "fiscal_year": fy} for p, fy in self.budgets]
        if self.rename:
            out["rename"] = {"old": self.rename[0], "new": self.rename[1]}
        return out


@dataclass(frozen=True)
class GroundTruth:
    """What was done to make a synthetic edition, and what a correct diff must therefore report."""

    seed: int
    summary: str
    edits: tuple[SyntheticEdit, ...]
    old_measures: int
    new_measures: int

    def expected(self) -> dict[str, frozenset]:
        """Change kind → the set a diff must report: old ids; new titles (added); (program, fiscal
        year) (budget); (old, new) (rename). A measure split, merged or removed is not also "changed"."""
        out: dict[str, set] = {k: set() for k in CHANGE_KINDS}
        for e in self.edits:
            for kind in EXPECTED_CHANGES[e.kind]:
                if kind == "added":
                    out[kind].add(e.title)
                elif kind == "budget":
                    out[kind].update(e.budgets)
                elif kind == "rename":
                    out[kind].add(e.rename)
                else:
                    out[kind].update(e.measures)
        out["changed"] -= out["removed"] | out["split"] | out["merged"]
        return {k: frozenset(v) for k, v in out.items()}

    def to_dict(self) -> dict[str, object]:
        expected = self.expected()
        return {
            "seed": self.seed,
            "summary": self.summary,
            "measures": {"old": self.old_measures, "new": self.new_measures},
            "edits": [e.to_dict() for e in self.edits],
            "expected": {k: sorted(list(x) if isinstance(x, tuple) else x for x in expected[k]) for k in CHANGE_KINDS},
        }


@dataclass(frozen=True)
class SyntheticEdition:
    text: str  # the new report text, SYNTHETIC_MARKER line first
    truth: GroundTruth


def summarize(seed: int, edits: Sequence[SyntheticEdit], what: str = "") -> str:
    counts = Counter(e.kind for e in edits)
    kinds = ", ".join(k if counts[k] == 1 else f"{k}×{counts[k]}" for k in EDIT_KINDS if counts[k])
    return f"{what}seed {seed}, {len(edits)} known edits ({kinds or 'none'}); for tests and demos only"


# ---------------------------------------------------------------------------------------------
# Layout: wrapping and rendering the way the PDF extraction prints the table

_LATIN = re.compile(r"[A-Za-z]")
_NO_LINE_START = frozenset("、。，）」｣］・○●◆■※")


def _can_break(s: str, i: int, keep_from: int) -> bool:
    """May a line break fall between s[i-1] and s[i]? Never inside a latin word (the parser would
    join it with a space), at a space, before closing punctuation or a bullet mark, or before or in
    the tag (a tag alone on its line after a short 「…。」 line would end the description there)."""
    a, b = s[i - 1], s[i]
    if i >= keep_from or a.isspace() or b.isspace() or b in _NO_LINE_START or "①" <= b <= "⑳":
        return False
    return not (_LATIN.match(a) and _LATIN.match(b))


@lru_cache(maxsize=65536)
def wrap(text: str, width: float, keep_tail: int = 0) -> tuple[str, ...]:
    """Greedy wrap at `width` cells. The last `keep_tail` characters (a ministry tag) stay on one
    line, and no continuation line may read as a new bullet (「・…」, a lone 「（同予算内数）」)."""
    cells = [display_width(c) for c in text]
    keep_from = len(text) - keep_tail if keep_tail else len(text)
    lines: list[str] = []
    start = 0
    while start < len(text):
        end, used = start, 0.0
        while end < len(text) and used + cells[end] <= width:
            used += cells[end]
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = end
        while cut > start + 1 and not _can_break(text, cut, keep_from):
            cut -= 1
        if cut <= start + 1:
            cut = end
        lines.append(text[start:cut])
        start = cut
    for k in range(len(lines) - 1, 0, -1):  # 「…を」/「（同予算内数）」 would start a bullet of its own
        while is_bullet_start(lines[k]) and len(lines[k - 1]) > 1:
            lines[k - 1], lines[k] = lines[k - 1][:-1], lines[k - 1][-1] + lines[k]
    return tuple(lines)


class Row(NamedTuple):
    """A measure as the table prints it; rendered by render_row."""

    title: str
    description: str
    tag: str  # ［◎厚、◎経］
    results: tuple[str, ...]
    plans: tuple[str, ...]


def render_row(row: Row, desc_width: float, results_width: float, plans_width: float) -> list[str]:
    """Title, description closed by the tag, a blank, the results, a blank, the plans."""
    lines = [row.title] if row.title else []
    lines += wrap(row.description + row.tag, desc_width, len(row.tag))
    lines.append("")
    for b in row.results:
        lines += wrap(b, results_width)
    if row.plans:
        lines.append("")
        for b in row.plans:
            lines += wrap(b, plans_width)
    return lines


def _row_of(m: Measure) -> Row:
    return Row(m.title, m.description, m.ministries_text, tuple(b.text for b in m.results),
               tuple(b.text for b in m.plans))


def _column_width(lines: Sequence[str], column: str) -> float:
    """A width like the one these lines were printed at, within the column's range."""
    lo, hi = PLANS_WIDTH if column == "plans" else RESULTS_WIDTH
    widest = max((display_width(x.strip()) for x in lines if x.strip()), default=hi)
    return float(min(hi, max(lo, math.ceil(widest))))


def _is_break(line: str) -> bool:
    s = line.strip()
    return not s or bool(PAGE_NUMBER_RE.match(s)) or ("該当箇所" in s and bool(HEADER_RE.search(s)))


# ---------------------------------------------------------------------------------------------
# The working state: the current lines, their parse, and which old measure each parsed one is


class Sig(NamedTuple):
    """What the parser read of one measure, normalized: equal signatures, no substantive change."""

    goal: str
    title: str
    description: str
    tag: str
    results: tuple[str, ...]
    plans: tuple[str, ...]


@lru_cache(maxsize=100_000)
def _norm(text: str) -> str:
    return normalize(text)


def signature(m: Measure) -> Sig:
    return Sig(m.goal, _norm(m.title), _norm(m.description), _norm(m.ministries_text),
               tuple(_norm(b.text) for b in m.results), tuple(_norm(b.text) for b in m.plans))


def _row_sig(goal: str, row: Row) -> Sig:
    return Sig(goal, normalize(row.title), normalize(row.description), normalize(row.tag),
               tuple(normalize(b) for b in row.results), tuple(normalize(b) for b in row.plans))


@dataclass
class _State:
    lines: list[str]
    keys: list[str]  # per parsed measure: its old id, '+n' (added) or 'mNNN/2' (second half of a split)
    edition: Edition

    def __post_init__(self) -> None:
        ed = self.edition
        bounds = sorted({m.line for m in ed.measures} | {g.line for g in ed.goals} | {v.line for v in ed.visions}
                        | {n.line for g in ed.goals for n in g.notes} | {len(self.lines) + 1})
        self.blocks: list[tuple[int, int]] = []  # 0-based [start, end) of each measure's lines
        for m in ed.measures:
            end = next(b for b in bounds if b > m.line) - 1
            while end > m.line and _is_break(self.lines[end - 1]):
                end -= 1
            self.blocks.append((m.line - 1, end))
        self.sigs = {k: signature(m) for k, m in zip(self.keys, ed.measures, strict=True)}
        self.index = {k: i for i, k in enumerate(self.keys)}

    def measure(self, key: str) -> Measure:
        return self.edition.measures[self.index[key]]

    def goal_keys(self, goal: str) -> list[str]:
        return [k for k, m in zip(self.keys, self.edition.measures, strict=True) if m.goal == goal]


@dataclass
class _Ledger:
    """What earlier edits claimed, so that each edit's expected outcome stays unambiguous."""

    content: set[str] = field(default_factory=set)  # keys with an in-place edit (one each)
    moved: set[str] = field(default_factory=set)
    structural: set[str] = field(default_factory=set)  # removed, split, merged, added: no further edits
    locked_goals: set[str] = field(default_factory=set)  # goals with a move inside: no other reordering
    touched_goals: set[str] = field(default_factory=set)  # goals where rows were added/removed/split/merged
    programs: set[str] = field(default_factory=set)  # renamed, or with an amount edited
    titles: set[str] = field(default_factory=set)  # titles given to new rows
    rejected: set[tuple[str, str]] = field(default_factory=set)  # (kind, candidate) the parser read otherwise

    def free(self, key: str, kind: str) -> bool:
        return (key not in self.content and key not in self.structural and "/" not in key
                and not key.startswith("+") and (kind, key) not in self.rejected)


@dataclass
class _Proposal:
    candidate: str  # what was picked (a key, a program), remembered if the parse disagrees
    lines: list[str]
    keys: list[str]
    expect: dict[str, Sig]  # keys whose parse must now read this way (the others: as before)
    edit: SyntheticEdit
    claim: Callable[[_Ledger], None]
    check: Callable[[Edition], bool] | None = None


def _replace_lines(lines: list[str], lo: int, hi: int, new: Sequence[str]) -> list[str]:
    return lines[:lo] + list(new) + lines[hi + 1 :]


@dataclass(frozen=True)
class _Target:
    """A piece of a measure that owns whole lines: its description (with the tag) or one bullet."""

    field: str  # description | results | plans
    index: int
    text: str
    lo: int  # 0-based first line
    hi: int  # 0-based last line, inclusive
    bullet: Bullet | None = None

    @property
    def label(self) -> str:
        return "description" if self.field == "description" else f"{self.field} {self.index + 1}"


def _description_target(st: _State, i: int) -> _Target | None:
    m = st.edition.measures[i]
    tag = m.ministries_text
    if not tag.startswith("［") or "\n" in m.description or m.first_line_lost or not m.description:
        return None
    lo = m.line - 1
    if m.title:
        lo += 1
        while lo < len(st.lines) and not st.lines[lo].strip():
            lo += 1
    hi = lo
    while hi < st.blocks[i][1] and tag not in st.lines[hi]:
        hi += 1
    if hi >= st.blocks[i][1] or not st.lines[hi].rstrip().endswith(tag):
        return None
    if normalize(join_wrapped(st.lines[lo : hi + 1])) != normalize(m.description + tag):
        return None
    return _Target("description", 0, m.description, lo, hi)


def _targets(st: _State, i: int) -> list[_Target]:
    m = st.edition.measures[i]
    out = [t for t in [_description_target(st, i)] if t]
    for column in ("results", "plans"):
        for k, b in enumerate(getattr(m, column)):
            if join_wrapped(st.lines[b.line - 1 : b.end_line]) == b.text:
                out.append(_Target(column, k, b.text, b.line - 1, b.end_line - 1, b))
    return out


def _clean_row(st: _State, i: int) -> Row | None:
    """The measure as a Row, if re-rendering it canonically reads back the same (checked again later)."""
    m = st.edition.measures[i]
    targets = _targets(st, i)
    if m.reposted or not m.results or not targets or targets[0].field != "description":
        return None
    if len(targets) != 1 + len(m.results) + len(m.plans):
        return None
    if m.plans and m.results[-1].end_line >= m.plans[0].line:
        return None
    if not all(is_bullet_start(b.text) for b in m.results[1:] + m.plans[1:]):
        return None
    if m.title and display_width(m.title) > TITLE_MAX:
        return None
    return _row_of(m)


def _retext(st: _State, t: _Target, new_text: str) -> list[str]:
    """The lines with target t's text replaced, re-wrapped at about its printed width."""
    if t.field == "description":
        m = next(x for x, (lo, hi) in zip(st.edition.measures, st.blocks, strict=True) if lo <= t.lo < hi)
        tag = m.ministries_text
        new = wrap(new_text + tag, _column_width(st.lines[t.lo : t.hi + 1], "results"), len(tag))
    else:
        new = wrap(new_text, _column_width(st.lines[t.lo : t.hi + 1], t.field))
    return _replace_lines(st.lines, t.lo, t.hi, new)


def _in_place(lines: list[str], lo: int, hi: int, old: str, new: str) -> list[str] | None:
    """Same-length text change keeping every line break where it was, or None if it cannot."""
    pieces = [x.strip() for x in lines[lo : hi + 1]]
    if len(old) != len(new) or "".join(pieces) != old:
        return None
    out, pos = list(lines), 0
    for k, piece in enumerate(pieces):
        if not piece:
            continue
        raw = lines[lo + k]
        at = raw.index(piece)
        out[lo + k] = raw[:at] + new[pos : pos + len(piece)] + raw[at + len(piece) :]
        pos += len(piece)
    return out


def _with_target(sig: Sig, t: _Target, new_text: str) -> Sig:
    if t.field == "description":
        return sig._replace(description=normalize(new_text))
    items = list(getattr(sig, t.field))
    items[t.index] = normalize(new_text)
    return sig._replace(results=tuple(items)) if t.field == "results" else sig._replace(plans=tuple(items))


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans a reword must not touch: quotes, program names and budget mentions."""
    spans = [mo.span() for mo in QUOTED_RE.finditer(text)]
    spans += [(at, at + len(name)) for at, name in find_programs(text)]
    budgets, _ = find_budgets(text, 0, lambda _: (0, 0))
    for b in budgets:
        spans += [mo.span() for mo in re.finditer(re.escape(b.text), text)]
    return spans


def _free_span(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return not any(a < e and s < b for a, b in spans)


def _new_amount(rng: random.Random, old: str) -> str:
    """Another amount printed the same way: 13→15, 3.8→4.1, １０．９→１１．４ (same integer digits)."""
    half = unicodedata.normalize("NFKC", old).replace("．", ".")
    value, places = Decimal(half), len(half.partition(".")[2])
    step = Decimal(1).scaleb(-places)
    new = value
    for _ in range(20):
        new = (value * Decimal(str(round(rng.uniform(0.75, 1.3), 3)))).quantize(step)
        if new != value and new > 0 and len(str(int(new))) == len(str(int(value))):
            break
    else:
        new = value + step if len(str(int(value + step))) == len(str(int(value))) else value - step
    digits = f"{new:.{places}f}"
    if any(c in "０１２３４５６７８９" for c in old):
        digits = digits.translate(FULL_DIGITS)
    return digits.replace(".", "．") if "．" in old else digits


def _set_digit(rng: random.Random, digits: str, pos: int) -> str:
    """Change the digit at pos to another one of the same width (no new leading zero)."""
    half = unicodedata.normalize("NFKC", digits[pos])
    leading = pos == 0 or not digits[pos - 1].isdigit()
    choices = [d for d in "0123456789" if d != half and not (leading and d == "0" and len(digits) > 1)]
    new = rng.choice(choices)
    if digits[pos] != half:
        new = new.translate(FULL_DIGITS)
    return digits[:pos] + new + digits[pos + 1 :]


# ---------------------------------------------------------------------------------------------
# The edits. Each proposes one change of the current state, or None when it finds no candidate.


def _reword(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = []
    for i, key in enumerate(st.keys):
        if not led.free(key, "reword"):
            continue
        for t in _targets(st, i):
            spans = _protected(t.text)
            for old, new in REWORDS:
                for mo in re.finditer(re.escape(old), t.text):
                    if _free_span(spans, mo.start(), mo.end()):
                        found.append((key, t, mo.start(), old, new))
    if not found:
        return None
    key, t, at, old, new = rng.choice(found)
    text = t.text[:at] + new + t.text[at + len(old) :]
    return _Proposal(key, _retext(st, t, text), list(st.keys), {key: _with_target(st.sigs[key], t, text)},
                     SyntheticEdit("reword", (key,), f"{t.label}: {old}→{new}"), lambda led: led.content.add(key))


def _amount_targets(st: _State, led: _Ledger, kind: str) -> list[tuple[str, _Target, int, re.Match[str], tuple[str, int]]]:
    """(key, bullet, offset of the amount, its match, (program, year)) for budgets with an amount."""
    out = []
    for i, key in enumerate(st.keys):
        if not led.free(key, kind):
            continue
        for t in _targets(st, i):
            if t.bullet is None:
                continue
            for b in t.bullet.budgets:
                at = t.text.find(b.text)
                mo = list(AMOUNT_RE.finditer(b.text))
                if b.yen is None or not b.program or b.program in led.programs or at < 0 or not mo \
                        or b.fiscal_year is None:
                    continue
                out.append((key, t, at, mo[-1], (b.program, b.fiscal_year)))
    return out


def _budget_check(i: int, budget: tuple[str, int], text: str) -> Callable[[Edition], bool]:
    """Measure i (an in-place edit keeps the numbering) now cites the budget line as `text`."""
    def check(ed: Edition) -> bool:
        return any((b.program, b.fiscal_year) == budget and b.text == text
                   for _, x in ed.measures[i].bullets for b in x.budgets)

    return check


def _edit_amount(st: _State, key: str, t: _Target, at: int, mo: re.Match[str], budget: tuple[str, int],
                 digits: str, kind: str, led_claim: Callable[[_Ledger], None]) -> _Proposal:
    start = at + mo.start("digits")
    text = t.text[:start] + digits + t.text[start + len(mo.group("digits")) :]
    lines = _in_place(st.lines, t.lo, t.hi, t.text, text) or _retext(st, t, text)
    new_budget_text = mo.string[: mo.start("digits")] + digits + mo.string[mo.end("digits") :]
    i = st.index[key]
    detail = f"{t.label}: {mo.group(0)}→{digits}{mo.group(0)[len(mo.group('digits')):]} ({budget[0]}, FY{budget[1]})"
    return _Proposal(key, lines, list(st.keys), {key: _with_target(st.sigs[key], t, text)},
                     SyntheticEdit(kind, (key,), detail, budgets=(budget,)), led_claim,
                     _budget_check(i, budget, new_budget_text))


def _budget(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = _amount_targets(st, led, "budget")
    if not found:
        return None
    key, t, at, mo, budget = rng.choice(found)
    digits = _new_amount(rng, mo.group("digits"))

    def claim(led: _Ledger) -> None:
        led.content.add(key)
        led.programs.add(budget[0])

    return _edit_amount(st, key, t, at, mo, budget, digits, "budget", claim)


def _one_char(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    variants: list[Callable[[], _Proposal | None]] = []
    amounts = _amount_targets(st, led, "one_char")
    counts = []
    leads = []
    for i, key in enumerate(st.keys):
        if not led.free(key, "one_char"):
            continue
        m = st.edition.measures[i]
        for t in _targets(st, i):
            if t.bullet is None:
                continue
            spans = [(t.text.find(b.text), t.text.find(b.text) + len(b.text)) for b in t.bullet.budgets]
            counts += [(key, t, mo) for mo in COUNT_RE.finditer(t.text) if _free_span(spans, *mo.span())]
        codes = [c.strip() for c in m.ministries_text.strip("［］").split("、")]
        if m.ministries_text.startswith("［") and any(c.startswith("◎") for c in codes) \
                and any(not c.startswith("◎") for c in codes) and _tag_line(st, i) is not None:
            leads.append((key, i, codes))
    if amounts:
        def amount_digit() -> _Proposal:
            key, t, at, mo, budget = rng.choice(amounts)
            old = mo.group("digits")
            pos = rng.choice([k for k, c in enumerate(old) if c.isdigit()])

            def claim(led: _Ledger) -> None:
                led.content.add(key)
                led.programs.add(budget[0])

            return _edit_amount(st, key, t, at, mo, budget, _set_digit(rng, old, pos), "one_char", claim)

        variants.append(amount_digit)
    if counts:
        def count_digit() -> _Proposal:
            key, t, mo = rng.choice(counts)
            digits = _set_digit(rng, mo.group(0), len(mo.group(0)) - 1)
            text = t.text[: mo.start()] + digits + t.text[mo.end() :]
            lines = _in_place(st.lines, t.lo, t.hi, t.text, text) or _retext(st, t, text)
            unit = t.text[mo.end() : mo.end() + 1]
            return _Proposal(key, lines, list(st.keys), {key: _with_target(st.sigs[key], t, text)},
                             SyntheticEdit("one_char", (key,), f"{t.label}: {mo.group(0)}{unit}→{digits}{unit}"),
                             lambda led: led.content.add(key))

        variants.append(count_digit)
    if leads:
        def move_lead() -> _Proposal | None:
            key, i, codes = rng.choice(leads)
            src = rng.choice([k for k, c in enumerate(codes) if c.startswith("◎")])
            dst = rng.choice([k for k, c in enumerate(codes) if not c.startswith("◎")])
            new_codes = list(codes)
            new_codes[src], new_codes[dst] = codes[src][1:], "◎" + codes[dst]
            return _retag(st, i, key, "［" + "、".join(new_codes) + "］", "one_char")

        variants.append(move_lead)
    if not variants:
        return None
    return rng.choice(variants)()


def _tag_line(st: _State, i: int) -> int | None:
    m = st.edition.measures[i]
    lo, hi = st.blocks[i]
    for k in range(lo, hi):
        if m.ministries_text in st.lines[k]:
            return k
    return None


def _retag(st: _State, i: int, key: str, tag: str, kind: str) -> _Proposal | None:
    m = st.edition.measures[i]
    k = _tag_line(st, i)
    if k is None or tag == m.ministries_text:
        return None
    line = st.lines[k]
    at = line.rindex(m.ministries_text)
    lines = list(st.lines)
    lines[k] = line[:at] + tag + line[at + len(m.ministries_text) :]
    return _Proposal(key, lines, list(st.keys), {key: st.sigs[key]._replace(tag=normalize(tag))},
                     SyntheticEdit(kind, (key,), f"tag {m.ministries_text}→{tag}"), lambda led: led.content.add(key))


def _ministry(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = [(i, k) for i, k in enumerate(st.keys) if led.free(k, "ministry")
             and st.edition.measures[i].ministries_text.startswith("［") and _tag_line(st, i) is not None]
    if not found:
        return None
    i, key = rng.choice(found)
    codes = [c.strip() for c in st.edition.measures[i].ministries_text.strip("［］").split("、")]
    plain = [c.lstrip("◎") for c in codes]
    moves = ["add"] + (["drop"] if len(codes) > 1 else []) + ["lead"]
    move = rng.choice(moves)
    if move == "add":
        extra = [c for c in MINISTRY_CODES if c not in plain]
        codes.insert(rng.randrange(len(codes) + 1), rng.choice(extra))
    elif move == "drop":
        codes.pop(rng.randrange(len(codes)))
    else:
        k = rng.randrange(len(codes))
        leads = sum(c.startswith("◎") for c in codes)
        if codes[k].startswith("◎") and leads > 1:
            codes[k] = codes[k][1:]
        elif not codes[k].startswith("◎"):
            codes[k] = "◎" + codes[k]
        else:
            codes.append(rng.choice([c for c in MINISTRY_CODES if c not in plain]))
    return _retag(st, i, key, "［" + "、".join(codes) + "］", "ministry")


def _rename(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    ed = st.edition
    programs = ed.programs()
    in_successions = {p for _, _, _, s in ed.successions() for p in (s.old, s.new)}
    text = "\n".join(st.lines)
    found = []
    for p in programs:
        # Not a program inside another name (ヘルスケア産業国際展開推進事業費補助金事業), nor one a stated
        # succession names: renaming those would change more than one program.
        nested = any(p != q and (p in q or q in p) for q in programs)
        if p in led.programs or ("rename", p) in led.rejected or p in in_successions or " " in p or nested:
            continue
        for old, new in RENAME_WORDS:
            at = p.find(old)
            if at >= 0 and p.endswith("事業") and at + len(old) <= len(p) - 2:
                renamed = p[:at] + new + p[at + len(old) :]
                if renamed not in text and new + new not in renamed:
                    found.append((p, renamed))
    if not found:
        return None
    old, new = rng.choice(found)
    lines = _rename_lines(st.lines, old, new)
    keys = [k for k, m in zip(st.keys, ed.measures, strict=True) if _mentions(m, old)]
    n_old, n_new = normalize(old), normalize(new)
    expect = {}
    for k in keys:
        s = st.sigs[k]
        expect[k] = s._replace(title=s.title.replace(n_old, n_new), description=s.description.replace(n_old, n_new),
                               results=tuple(x.replace(n_old, n_new) for x in s.results),
                               plans=tuple(x.replace(n_old, n_new) for x in s.plans))

    def claim(led: _Ledger) -> None:
        led.programs.update((old, new))

    def check(new_ed: Edition) -> bool:
        after = new_ed.programs()
        return old not in after and new in after and len(after) == len(programs)

    return _Proposal(old, lines, list(st.keys), expect,
                     SyntheticEdit("rename", tuple(keys), f"{old} → {new}", rename=(old, new)), claim, check)


def _mentions(m: Measure, name: str) -> bool:
    return name in m.title or name in m.description or any(name in b.text for _, b in m.bullets)


def _rename_lines(lines: list[str], old: str, new: str) -> list[str]:
    """Replace a same-length name everywhere, also where a line break falls inside it."""
    where: list[tuple[int, int]] = []  # (line, column) of each character of the joined text
    for n, raw in enumerate(lines):
        piece = raw.strip()
        if piece:
            at = raw.index(piece)
            where += [(n, at + c) for c in range(len(piece))]
    joined = "".join(lines[n][c] for n, c in where)
    chars = [list(x) for x in lines]
    for mo in re.finditer(re.escape(old), joined):
        for k, (n, c) in enumerate(where[mo.start() : mo.end()]):
            chars[n][c] = new[k]
    return ["".join(x) for x in chars]


def _width(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = []
    for i, key in enumerate(st.keys):
        if not led.free(key, "width"):
            continue
        m = st.edition.measures[i]
        lo, hi = st.blocks[i]
        block = st.lines[lo:hi]
        digit_names = any(re.search(r"[0-9０-９]", p) for _, b in m.bullets for p in b.programs)
        for name, table in WIDTH_MAPS:
            if "digits" in name and digit_names:
                continue
            new = [x.translate(table) for x in block]
            plans_lines = {n for b in m.plans for n in range(b.line - 1, b.end_line)}
            too_wide = any(display_width(new[n - lo].strip()) > 44 for n in plans_lines)
            if new != block and not too_wide:
                found.append((i, key, name, new))
    if not found:
        return None
    i, key, name, new = rng.choice(found)
    lo, hi = st.blocks[i]
    return _Proposal(key, st.lines[:lo] + new + st.lines[hi:], list(st.keys), {},
                     SyntheticEdit("width", (key,), name), lambda led: led.content.add(key))


def _reflow(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = [(i, k, row) for i, k in enumerate(st.keys) if led.free(k, "reflow") and (row := _clean_row(st, i))]
    if not found:
        return None
    i, key, row = rng.choice(found)
    lo, hi = st.blocks[i]
    old = st.lines[lo:hi]
    for _ in range(8):
        widths = (rng.randint(*RESULTS_WIDTH), rng.randint(*RESULTS_WIDTH), rng.randint(*PLANS_WIDTH))
        new = render_row(row, *widths)
        if [x.strip() for x in new if x.strip()] != [x.strip() for x in old if x.strip()]:
            break
    else:
        return None
    return _Proposal(key, st.lines[:lo] + new + st.lines[hi:], list(st.keys), {},
                     SyntheticEdit("reflow", (key,), "re-wrapped at {:.0f}/{:.0f}/{:.0f} cells".format(*widths)),
                     lambda led: led.content.add(key))


# Structural edits work on segments: the measures' blocks and the raw lines between them.


@dataclass
class _Seg:
    key: str | None  # None: headings, blank lines and page headers between measures
    lines: list[str]


def _segments(st: _State) -> list[_Seg]:
    segs, pos = [], 0
    for key, (lo, hi) in zip(st.keys, st.blocks, strict=True):
        segs.append(_Seg(None, st.lines[pos:lo]))
        segs.append(_Seg(key, st.lines[lo:hi]))
        pos = hi
    segs.append(_Seg(None, st.lines[pos:]))
    return segs


def _assemble(segs: list[_Seg]) -> tuple[list[str], list[str]]:
    return [x for s in segs for x in s.lines], [s.key for s in segs if s.key is not None]


def _seg_at(segs: list[_Seg], key: str) -> int:
    return next(n for n, s in enumerate(segs) if s.key == key)


def _insert(segs: list[_Seg], seg: _Seg, before: str | None, after: str | None) -> None:
    """Put a block before or after a measure, with a blank line between them."""
    if before is not None:
        n = _seg_at(segs, before)
        segs[n:n] = [seg, _Seg(None, [""])]
    else:
        n = _seg_at(segs, after) + 1  # type: ignore[arg-type]
        segs[n:n] = [_Seg(None, [""]), seg]


def _delete(segs: list[_Seg], key: str) -> list[str]:
    n = _seg_at(segs, key)
    lines = segs.pop(n).lines
    before, after = segs[n - 1].lines, segs[n].lines  # the raw segments around it
    if before and after and not before[-1].strip() and not after[0].strip():
        after.pop(0)
    return lines


def _places(st: _State, led: _Ledger, exclude: str | None = None) -> list[tuple[str, str | None, str | None]]:
    """(goal, before key, after key): where a block may go; goals with a move inside are left alone."""
    out: list[tuple[str, str | None, str | None]] = []
    for g in st.edition.goals:
        keys = [k for k in st.goal_keys(g.id) if k != exclude]
        if g.id in led.locked_goals or not keys:
            continue
        out += [(g.id, k, None) for k in keys] + [(g.id, None, keys[-1])]
    return out


def _structural_keys(st: _State, led: _Ledger, kind: str) -> list[str]:
    """Rows that may be removed, moved, split or merged. Not a row followed by an untitled tagless
    one: 「保険導入の手引きの作成」 (line 896) is read as a row only after the results of the row before."""
    ms = st.edition.measures
    return [k for n, (k, m) in enumerate(zip(st.keys, ms, strict=True))
            if led.free(k, kind) and k not in led.moved and m.ministries_text and not m.reposted
            and m.goal not in led.locked_goals and (n + 1 == len(ms) or ms[n + 1].ministries_text)]


def _add(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    places = _places(st, led)
    existing = {normalize(m.title) for m in st.edition.measures} | led.titles
    topic = rng.choice(ADD_TOPICS)
    title = topic + rng.choice(ADD_TITLE_ENDS)
    if not places or normalize(title) in existing or ("add", title) in led.rejected:
        return None
    n1, n2 = rng.randint(2, 12), rng.randint(2, 9)
    row = Row(
        title,
        f"{topic}については、{rng.choice(ADD_REASONS)}。このため、{rng.choice(ADD_ACTIONS)}。",
        rng.choice(ADD_TAGS),
        (f"・{topic}について、医療機関や関係団体への聞き取りを{str(n1).translate(FULL_DIGITS)}件実施し、"
         "現場で生じている課題と対応の状況を整理した。",
         f"・{topic}に関する国内外の先行事例を収集し、{str(n2).translate(FULL_DIGITS)}事例を取りまとめた。"),
        (f"・整理した課題を踏まえ、{topic}の手順書の案を作成する予定。",
         f"・関係団体と連携し、{topic}に関する周知を進める。"),
    )
    goal, before, after = rng.choice(places)
    segs = _segments(st)
    key = f"+{len(led.titles) + 1}"
    _insert(segs, _Seg(key, render_row(row, *_random_widths(rng))), before, after)
    lines, keys = _assemble(segs)

    def claim(led: _Ledger) -> None:
        led.titles.add(normalize(title))
        led.structural.add(key)
        led.touched_goals.add(goal)

    return _Proposal(title, lines, keys, {key: _row_sig(goal, row)}, SyntheticEdit("add", (), f"new row in {goal}", title=title),
                     claim)


def _random_widths(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(*RESULTS_WIDTH), rng.randint(*RESULTS_WIDTH), rng.randint(*PLANS_WIDTH)


def _remove(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = _structural_keys(st, led, "remove")
    if not found:
        return None
    key = rng.choice(found)
    goal = st.measure(key).goal
    segs = _segments(st)
    _delete(segs, key)
    lines, keys = _assemble(segs)

    def claim(led: _Ledger) -> None:
        led.structural.add(key)
        led.touched_goals.add(goal)

    return _Proposal(key, lines, keys, {}, SyntheticEdit("remove", (key,), f"row deleted from {goal}"), claim)


def _move(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = _structural_keys(st, led, "move")
    if not found:
        return None
    key = rng.choice(found)
    goal = st.measure(key).goal
    row_keys = st.goal_keys(goal)
    pos = row_keys.index(key)
    places = []
    for g, before, after in _places(st, led, exclude=key):
        if g != goal:
            places.append((g, before, after))
        elif goal not in led.touched_goals:  # within the goal: at least two rows away
            rest = [k for k in row_keys if k != key]
            new_pos = rest.index(before) if before is not None else len(rest)
            if abs(new_pos - pos) >= 2:
                places.append((g, before, after))
    if not places:
        return None
    target, before, after = rng.choice(places)
    segs = _segments(st)
    block = _delete(segs, key)
    _insert(segs, _Seg(key, block), before, after)
    lines, keys = _assemble(segs)
    where = f"to {target}" if target != goal else f"within {goal}, {'before ' + before if before else 'to the end'}"

    def claim(led: _Ledger) -> None:
        led.moved.add(key)
        if target == goal:
            led.locked_goals.add(goal)
        else:
            led.touched_goals.update((goal, target))

    return _Proposal(key, lines, keys, {key: st.sigs[key]._replace(goal=target)},
                     SyntheticEdit("move", (key,), f"moved {where}"), claim)


def _sentences(text: str) -> list[str]:
    """「…。」 sentences; a split needs two, so that each row has a description of its own."""
    return [x + "。" for x in text.split("。") if x] if text.endswith("。") else [text]


def _halves(items: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    k = (len(items) + 1) // 2
    return tuple(items[:k]), tuple(items[k:])


def _split(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    found = []
    for k in _structural_keys(st, led, "split"):
        i = st.index[k]
        row = _clean_row(st, i)
        if row and row.title and len(row.results) >= 2 and len(_sentences(row.description)) >= 2 \
                and display_width(row.title) + 5 <= TITLE_MAX and st.measure(k).goal not in led.locked_goals:
            found.append((k, i, row))
    if not found:
        return None
    key, i, row = rng.choice(found)
    d1, d2 = ("".join(x) for x in _halves(_sentences(row.description)))
    r1, r2 = _halves(row.results)
    p1, p2 = _halves(row.plans)
    first = Row(row.title, d1, row.tag, r1, p1)
    second = Row(row.title + "（その２）", d2, row.tag, r2, p2)
    goal = st.measure(key).goal
    widths = _printed_widths(st, i)
    segs = _segments(st)
    n = _seg_at(segs, key)
    segs[n : n + 1] = [_Seg(key, render_row(first, *widths)), _Seg(None, [""]),
                       _Seg(key + "/2", render_row(second, *widths))]
    lines, keys = _assemble(segs)

    def claim(led: _Ledger) -> None:
        led.structural.update((key, key + "/2"))
        led.touched_goals.add(goal)

    return _Proposal(key, lines, keys, {key: _row_sig(goal, first), key + "/2": _row_sig(goal, second)},
                     SyntheticEdit("split", (key,), f"into 2 rows: {len(r1)}+{len(r2)} results", title=second.title),
                     claim)


def _printed_widths(st: _State, i: int) -> tuple[float, float, float]:
    """The widths a measure's description, results and plans were printed at."""
    m = st.edition.measures[i]
    d = _description_target(st, i)
    desc = st.lines[d.lo : d.hi + 1] if d else []
    res = [x for b in m.results for x in st.lines[b.line - 1 : b.end_line]]
    pla = [x for b in m.plans for x in st.lines[b.line - 1 : b.end_line]]
    return _column_width(desc, "results"), _column_width(res, "results"), _column_width(pla, "plans")


def _merge(st: _State, rng: random.Random, led: _Ledger) -> _Proposal | None:
    free = set(_structural_keys(st, led, "merge"))
    segs = _segments(st)
    found = []
    for n in range(1, len(segs) - 2, 2):  # segments alternate raw, measure, raw, measure ...
        a, gap, b = segs[n], segs[n + 1], segs[n + 2]
        if a.key in free and b.key in free and all(not x.strip() for x in gap.lines) \
                and st.measure(a.key).goal == st.measure(b.key).goal:  # type: ignore[arg-type]
            ra, rb = _clean_row(st, st.index[a.key]), _clean_row(st, st.index[b.key])  # type: ignore[index]
            if ra and rb and all(is_bullet_start(x) for x in rb.results[:1] + rb.plans[:1]):
                found.append((n, ra, rb))
    if not found:
        return None
    n, ra, rb = rng.choice(found)
    ka, kb = segs[n].key, segs[n + 2].key
    assert ka is not None and kb is not None
    goal = st.measure(ka).goal
    codes: dict[str, bool] = {}
    for tag in (ra.tag, rb.tag):
        for c in tag.strip("［］").split("、"):
            codes[c.lstrip("◎")] = codes.get(c.lstrip("◎"), False) or c.startswith("◎")
    tag = "［" + "、".join(("◎" if lead else "") + c for c, lead in codes.items()) + "］"
    row = Row(ra.title or rb.title, ra.description + rb.description, tag, ra.results + rb.results, ra.plans + rb.plans)
    segs[n : n + 3] = [_Seg(ka, render_row(row, *_printed_widths(st, st.index[ka])))]
    lines, keys = _assemble(segs)

    def claim(led: _Ledger) -> None:
        led.structural.update((ka, kb))
        led.touched_goals.add(goal)

    return _Proposal(ka, lines, keys, {ka: _row_sig(goal, row)},
                     SyntheticEdit("merge", (ka, kb), f"{ka} and {kb} into one row"), claim)


EDITORS: dict[str, Callable[[_State, random.Random, _Ledger], _Proposal | None]] = {
    "reword": _reword, "one_char": _one_char, "budget": _budget, "rename": _rename, "ministry": _ministry,
    "add": _add, "remove": _remove, "move": _move, "split": _split, "merge": _merge, "reflow": _reflow,
    "width": _width,
}
assert tuple(EDITORS) == EDIT_KINDS


# ---------------------------------------------------------------------------------------------
# Generating an edition


def _parse(lines: list[str]) -> Edition:
    """The working copy has no marker line and is already text: the parser proper, without decoding."""
    return parse_report_text("\n".join(lines), _WORKING_SOURCE)


def _accept(st: _State, p: _Proposal) -> _State | None:
    """The new state if the proposal parses exactly as it says, else None."""
    try:
        ed = _parse(p.lines)
    except Exception:  # noqa: BLE001 - a proposal the parser refuses is simply not taken
        return None
    if len(ed.measures) != len(p.keys):
        return None
    for key, m in zip(p.keys, ed.measures, strict=True):
        want = p.expect.get(key, st.sigs.get(key))
        if want is None or signature(m) != want:
            return None
    if p.check is not None and not p.check(ed):
        return None
    if p.edit.kind != "rename" and not set(ed.programs()) <= set(st.edition.programs()):
        return None  # a reword must not make up a program name
    return _State(p.lines, p.keys, ed)


def budget_lines(budgets: Iterable[Budget]) -> dict[tuple[str, int | None], frozenset]:
    """(normalized program, fiscal year) → the distinct amounts cited for it as (kind, yen, 内数).
    A report cites one budget line in many rows; the line changed when this set did. Mentions
    without an amount (予算要求中) count only for a line that has no amount anywhere."""
    out: dict[tuple[str, int | None], set] = {}
    for b in budgets:
        if b.program:
            out.setdefault((normalize(b.program), b.fiscal_year), set()).add((b.kind, b.yen, b.part_of))
    return {k: frozenset(v if all(y is None for _, y, _ in v) else {x for x in v if x[1] is not None})
            for k, v in out.items()}


def _changed_lines(old: Iterable[Budget], new: Iterable[Budget]) -> set[tuple[str, int | None]]:
    """Budget lines whose cited amounts differ, named as printed on the old side (else the new)."""
    old, new = list(old), list(new)
    a, b = budget_lines(old), budget_lines(new)
    names = {(normalize(x.program), x.fiscal_year): x.program for x in new + old if x.program}
    return {(names[k], k[1]) for k in set(a) | set(b) if a.get(k) != b.get(k)}


def _kind_plan(rng: random.Random, kinds: Sequence[str], n: int) -> list[str]:
    """n kinds, each of `kinds` once per round, in a shuffled order."""
    out: list[str] = []
    while len(out) < n:
        batch = list(kinds)
        rng.shuffle(batch)
        out += batch
    return out[:n]


def _strip_marker(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[0].startswith(SYNTHETIC_MARKER):
        lines[0] = ""
    return lines


def _mark(lines: list[str], summary: str) -> str:
    """The marker replaces an empty first line, so the rest keeps its line numbers."""
    marker = f"{SYNTHETIC_MARKER} {summary}"
    body = lines[1:] if lines and not lines[0].strip() else lines
    return "\n".join([marker, *body])


def make_synthetic(text: str, seed: int, n_edits: int = 10, kinds: Sequence[str] | None = None) -> SyntheticEdition:
    """A synthetic next edition of `text`: n_edits known edits (fewer if the text runs out of
    candidates for the kinds asked), every one checked by re-parsing, and the ground truth."""
    kinds = tuple(kinds) if kinds is not None else EDIT_KINDS
    unknown = [k for k in kinds if k not in EDITORS]
    if unknown or not kinds:
        raise ValueError(f"unknown edit kinds {unknown}; choose from {', '.join(EDIT_KINDS)}")
    rng = random.Random(seed)
    lines = _strip_marker(text)
    first = _parse(lines)
    st = _State(lines, [m.id for m in first.measures], first)
    led = _Ledger()
    edits: list[SyntheticEdit] = []
    for kind in _kind_plan(rng, kinds, n_edits):
        for _ in range(8):
            proposal = EDITORS[kind](st, rng, led)
            if proposal is None:
                break
            new_state = _accept(st, proposal)
            if new_state is None:
                led.rejected.add((kind, proposal.candidate))
            else:
                proposal.claim(led)
                edit = proposal.edit
                if kind != "rename":  # a renamed program's lines are followed, not changed
                    changed_lines = _changed_lines((b for *_, b in st.edition.budgets()),
                                                 (b for *_, b in new_state.edition.budgets()))
                    edit = replace(edit, budgets=tuple(sorted(set(edit.budgets) | changed_lines, key=str)))
                edits.append(edit)
                st = new_state
                break
    back = {e.rename[1]: e.rename[0] for e in edits if e.rename}  # budget lines as the old edition names them
    edits = [replace(e, budgets=tuple((back.get(p, p), fy) for p, fy in e.budgets)) for e in edits]
    summary = summarize(seed, edits)
    truth = GroundTruth(seed, summary, tuple(edits), len(first.measures), len(st.edition.measures))
    return SyntheticEdition(_mark(st.lines, summary), truth)


# ---------------------------------------------------------------------------------------------
# Scaled reports for benchmarks: the seed's rows recombined into a report of any size

SCALED_TOUCHED = 0.05  # share of measures a scaled NEW edition edits
RENAME_REGIONS = ("北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州", "沖縄")
RENAME_FIELDS = ("地域実証", "臨床評価", "人材交流", "海外連携", "データ基盤")
RENAME_USES = ("地域の医療機関との共同実証", "臨床現場での評価試験", "企業と医療機関の人材交流", "海外の支援機関との連携事業")


@dataclass(frozen=True)
class _ScaledRow:
    key: str
    row: Row
    widths: tuple[float, float, float]
    width_map: str = ""  # a WIDTH_MAPS name applied to the printed lines

    def lines(self) -> list[str]:
        out = render_row(self.row, *self.widths)
        if self.width_map:
            table = dict(WIDTH_MAPS)[self.width_map]
            out = [x.translate(table) for x in out]
        return out


@dataclass
class _Pool:
    """What the scaled report is built from: the seed's clean rows, cut into parts."""

    titles: list[str]
    descriptions: list[tuple[str, str]]  # (description, tag)
    results: list[str]
    plans: list[str]
    goals: list[str]  # goal titles without 【】
    visions: list[str]  # vision titles without the （１）
    header: str
    years: tuple[int, int]


def _pool(text: str) -> _Pool:
    lines = _strip_marker(text)
    ed = _parse(lines)
    st = _State(lines, [m.id for m in ed.measures], ed)
    rows = [r for i in range(len(ed.measures)) if (r := _clean_row(st, i))]
    header = next(x.strip() for x in lines if "該当箇所" in x and HEADER_RE.search(x))
    return _Pool(
        titles=sorted({r.title for r in rows if r.title and display_width(r.title) <= 40}),
        descriptions=sorted({(r.description, r.tag) for r in rows}),
        results=sorted({b for r in rows for b in r.results if b.startswith("・")}),
        plans=sorted({b for r in rows for b in r.plans if b.startswith("・")}),
        goals=[g.title.strip("【】") for g in ed.goals if not g.reposted],
        visions=[re.sub(r"^[（(][0-9０-９]+[）)]", "", v.title) for v in ed.visions],
        header=header,
        years=(ed.results_fy, ed.plans_fy),
    )


def _full(n: int) -> str:
    return str(n).translate(FULL_DIGITS)


def _scaled_goals(pool: _Pool, n: int, rng: random.Random) -> list[tuple[str, list[_ScaledRow]]]:
    goals: list[tuple[str, list[_ScaledRow]]] = []
    made = 0
    while made < n:
        rows = []
        for _ in range(min(rng.randint(4, 6), n - made)):
            made += 1
            desc, tag = rng.choice(pool.descriptions)
            row = Row(f"{rng.choice(pool.titles)}（{made}）", desc, tag,
                      tuple(rng.sample(pool.results, rng.randint(1, 4))), tuple(rng.sample(pool.plans, rng.randint(1, 3))))
            rows.append(_ScaledRow(f"m{made:03d}", row, _random_widths(rng)))
        goals.append((f"【{pool.goals[len(goals) % len(pool.goals)]}（{_full(len(goals) + 1)}）】", rows))
    return goals


def _render_scaled(pool: _Pool, goals: list[tuple[str, list[_ScaledRow]]], summary: str) -> str:
    """Visions of up to 20 goals (at most 99: （１）…（９９）), a page header every 8 rows."""
    per_vision = max(20, math.ceil(len(goals) / 99))
    lines = [f"{SYNTHETIC_MARKER} {summary}", pool.header, ""]
    since_header = 0
    for g, (title, rows) in enumerate(goals):
        if g % per_vision == 0:
            v = g // per_vision
            lines += [f"（{_full(v + 1)}）{pool.visions[v % len(pool.visions)]}", ""]
        lines += [title, ""]
        for r in rows:
            lines += r.lines()
            since_header += 1
            lines += ["", pool.header, ""] if since_header % 8 == 0 else [""]
    return "\n".join(lines)


@dataclass
class _ScaledEditor:
    pool: _Pool
    goals: list[tuple[str, list[_ScaledRow]]]  # the NEW edition, edited in place
    rng: random.Random
    touched: set[str] = field(default_factory=set)
    edits: list[SyntheticEdit] = field(default_factory=list)
    added: int = 0
    old_rows: dict[str, _ScaledRow] = field(default_factory=dict)  # rows that read otherwise in OLD (rename)

    def pick(self, ok: Callable[[_ScaledRow], bool] = lambda r: True) -> tuple[int, int, _ScaledRow] | None:
        for _ in range(40):
            g = self.rng.randrange(len(self.goals))
            rows = self.goals[g][1]
            if rows:
                k = self.rng.randrange(len(rows))
                r = rows[k]
                if r.key not in self.touched and not r.key.startswith("+") and ok(r):
                    return g, k, r
        return None

    def put(self, g: int, k: int, r: _ScaledRow, edit: SyntheticEdit) -> None:
        self.goals[g][1][k] = r
        self.touched.add(r.key)
        self.edits.append(edit)

    def reword(self) -> None:
        def options(r: _ScaledRow) -> list[tuple[str, int, int, str, str]]:
            out = []
            for name, index, text in [("description", 0, r.row.description)] + \
                    [("results", n, b) for n, b in enumerate(r.row.results)]:
                spans = _protected(text)
                out += [(name, index, mo.start(), old, new) for old, new in REWORDS
                        for mo in re.finditer(re.escape(old), text) if _free_span(spans, mo.start(), mo.end())]
            return out

        got = self.pick(lambda r: bool(options(r)))
        if got:
            g, k, r = got
            name, index, at, old, new = self.rng.choice(options(r))
            if name == "description":
                row = r.row._replace(description=r.row.description[:at] + new + r.row.description[at + len(old):])
            else:
                b = r.row.results[index]
                row = r.row._replace(results=r.row.results[:index] + (b[:at] + new + b[at + len(old):],)
                                     + r.row.results[index + 1:])
            label = name if name == "description" else f"results {index + 1}"
            self.put(g, k, replace(r, row=row), SyntheticEdit("reword", (r.key,), f"{label}: {old}→{new}"))

    def _amounts(self, r: _ScaledRow) -> list[tuple[str, int, int, re.Match[str], tuple[str, int]]]:
        out = []
        for column, fy in (("results", self.pool.years[0]), ("plans", self.pool.years[1])):
            for n, text in enumerate(getattr(r.row, column)):
                budgets, _ = find_budgets(text, fy, lambda _: (0, 0))
                for b in budgets:
                    mo = list(AMOUNT_RE.finditer(b.text))
                    if b.yen is not None and b.program and b.fiscal_year is not None and mo and b.text in text:
                        out.append((column, n, text.index(b.text), mo[-1], (b.program, b.fiscal_year)))
        return out

    def _set_amount(self, kind: str, digits_of: Callable[[str], str]) -> bool:
        got = self.pick(lambda r: bool(self._amounts(r)))
        if not got:
            return False
        g, k, r = got
        column, n, at, mo, budget = self.rng.choice(self._amounts(r))
        old = mo.group("digits")
        digits = digits_of(old)
        text = getattr(r.row, column)[n]
        start = at + mo.start("digits")
        new_text = text[:start] + digits + text[start + len(old):]
        items = list(getattr(r.row, column))
        items[n] = new_text
        detail = f"{column} {n + 1}: {old}→{digits} ({budget[0]}, FY{budget[1]})"
        row = r.row._replace(results=tuple(items)) if column == "results" else r.row._replace(plans=tuple(items))
        self.put(g, k, replace(r, row=row),
                 SyntheticEdit(kind, (r.key,), detail, budgets=(budget,)))
        return True

    def budget(self) -> None:
        self._set_amount("budget", lambda old: _new_amount(self.rng, old))

    def one_char(self) -> None:
        if self.rng.random() < 0.5 and self._set_amount(
                "one_char", lambda old: _set_digit(self.rng, old, len(old.split(".")[0].split("．")[0]) - 1)):
            return
        got = self.pick(lambda r: "◎" in r.row.tag and any(not c.startswith("◎") for c in r.row.tag.strip("［］").split("、")))
        if got:
            g, k, r = got
            codes = r.row.tag.strip("［］").split("、")
            src = self.rng.choice([n for n, c in enumerate(codes) if c.startswith("◎")])
            dst = self.rng.choice([n for n, c in enumerate(codes) if not c.startswith("◎")])
            codes[src], codes[dst] = codes[src][1:], "◎" + codes[dst]
            self.retag(g, k, r, "［" + "、".join(codes) + "］", "one_char")

    def retag(self, g: int, k: int, r: _ScaledRow, tag: str, kind: str) -> None:
        self.put(g, k, replace(r, row=r.row._replace(tag=tag)), SyntheticEdit(kind, (r.key,), f"tag {r.row.tag}→{tag}"))

    def ministry(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            codes = r.row.tag.strip("［］").split("、")
            extra = [c for c in MINISTRY_CODES if c not in [x.lstrip("◎") for x in codes]]
            codes.insert(self.rng.randrange(len(codes) + 1), self.rng.choice(extra))
            self.retag(g, k, r, "［" + "、".join(codes) + "］", "ministry")

    def rename(self) -> None:
        n = sum(e.kind == "rename" for e in self.edits)
        name = f"{RENAME_REGIONS[n % 9]}{RENAME_FIELDS[n // 9 % 5]}推進事業" + (f"（第{n // 45 + 1}期）" if n >= 45 else "")
        new = name.replace("推進", "加速")
        hits = [got for _ in range(self.rng.randint(1, 3)) if (got := self.pick())]
        keys = []
        for g, k, r in hits:
            if r.key in keys:
                continue
            bullet = f"・「{name}」を通じて、{self.rng.choice(RENAME_USES)}を実施した。"
            old_row = r.row._replace(results=r.row.results + (bullet,))
            self.old_rows[r.key] = replace(r, row=old_row)
            new_row = r.row._replace(results=r.row.results + (bullet.replace(name, new),))
            self.goals[g][1][k] = replace(r, row=new_row)
            self.touched.add(r.key)
            keys.append(r.key)
        if keys:
            self.edits.append(SyntheticEdit("rename", tuple(keys), f"{name} → {new}", rename=(name, new)))

    def add(self) -> None:
        self.added += 1
        topic = self.rng.choice(ADD_TOPICS)
        title = f"{topic}{self.rng.choice(ADD_TITLE_ENDS)}（追加{self.added}）"
        row = Row(title, f"{topic}については、{self.rng.choice(ADD_REASONS)}。このため、{self.rng.choice(ADD_ACTIONS)}。",
                  self.rng.choice(ADD_TAGS),
                  (f"・{topic}について、医療機関や関係団体への聞き取りを{_full(self.rng.randint(2, 12))}件実施し、"
                   "現場で生じている課題と対応の状況を整理した。",),
                  (f"・関係団体と連携し、{topic}に関する周知を進める。",))
        g = self.rng.randrange(len(self.goals))
        rows = self.goals[g][1]
        rows.insert(self.rng.randint(0, len(rows)), _ScaledRow(f"+{self.added}", row, _random_widths(self.rng)))
        self.edits.append(SyntheticEdit("add", (), f"new row in goal {g + 1}", title=title))

    def remove(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            del self.goals[g][1][k]
            self.touched.add(r.key)
            self.edits.append(SyntheticEdit("remove", (r.key,), f"row deleted from goal {g + 1}"))

    def move(self) -> None:
        got = self.pick()
        if got and len(self.goals) > 1:
            g, k, r = got
            del self.goals[g][1][k]
            target = self.rng.choice([x for x in range(len(self.goals)) if x != g])
            rows = self.goals[target][1]
            rows.insert(self.rng.randint(0, len(rows)), r)
            self.touched.add(r.key)
            self.edits.append(SyntheticEdit("move", (r.key,), f"moved to goal {target + 1}"))

    def split(self) -> None:
        got = self.pick(lambda r: len(r.row.results) >= 2 and len(_sentences(r.row.description)) >= 2
                        and display_width(r.row.title) + 5 <= TITLE_MAX)
        if got:
            g, k, r = got
            d1, d2 = ("".join(x) for x in _halves(_sentences(r.row.description)))
            (r1, r2), (p1, p2) = _halves(r.row.results), _halves(r.row.plans)
            second = Row(r.row.title + "（その２）", d2, r.row.tag, r2, p2)
            self.goals[g][1][k : k + 1] = [replace(r, row=Row(r.row.title, d1, r.row.tag, r1, p1)),
                                           replace(r, key=r.key + "/2", row=second)]
            self.touched.add(r.key)
            self.edits.append(SyntheticEdit("split", (r.key,), f"into 2 rows: {len(r1)}+{len(r2)} results",
                                            title=second.title))

    def merge(self) -> None:
        got = self.pick()
        if got:
            g, k, a = got
            rows = self.goals[g][1]
            if k + 1 < len(rows) and rows[k + 1].key not in self.touched and rows[k + 1].key.startswith("m"):
                b = rows[k + 1]
                row = Row(a.row.title, a.row.description + b.row.description, a.row.tag,
                          a.row.results + b.row.results, a.row.plans + b.row.plans)
                rows[k : k + 2] = [replace(a, row=row)]
                self.touched.update((a.key, b.key))
                self.edits.append(SyntheticEdit("merge", (a.key, b.key), f"{a.key} and {b.key} into one row"))

    def reflow(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            widths = r.widths
            while widths == r.widths:
                widths = _random_widths(self.rng)
            self.put(g, k, replace(r, widths=widths),
                     SyntheticEdit("reflow", (r.key,), "re-wrapped at {:.0f}/{:.0f}/{:.0f} cells".format(*widths)))

    def width(self) -> None:
        got = self.pick()
        if got:
            g, k, r = got
            names = [n for n, table in WIDTH_MAPS if "digits" not in n or not any(
                re.search(r"[0-9０-９]", p) for b in r.row.results + r.row.plans for _, p in find_programs(b))]
            for name in self.rng.sample(names, len(names)):
                changed = replace(r, width_map=name)
                plans = [x.translate(dict(WIDTH_MAPS)[name]) for b in r.row.plans for x in wrap(b, r.widths[2])]
                if changed.lines() != r.lines() and all(display_width(x) <= 44 for x in plans):
                    self.put(g, k, changed, SyntheticEdit("width", (r.key,), name))
                    return


@lru_cache(maxsize=65536)
def _bullet_budgets(text: str, fy: int) -> tuple[Budget, ...]:
    return tuple(find_budgets(text, fy, lambda _: (0, 0))[0])


def _row_budgets(r: _ScaledRow, years: tuple[int, int]) -> list[Budget]:
    return [b for column, fy in zip((r.row.results, r.row.plans), years, strict=True) for x in column
            for b in _bullet_budgets(x, fy)]


def _attribute_rechanged_lines(edits: list[SyntheticEdit], old: list[tuple[str, list[_ScaledRow]]],
                             new: list[tuple[str, list[_ScaledRow]]], years: tuple[int, int]) -> None:
    """Give each removal the budget lines that were cited only in the row it removed."""
    changed = _changed_lines((b for _, rows in old for r in rows for b in _row_budgets(r, years)),
                             (b for _, rows in new for r in rows for b in _row_budgets(r, years)))
    rows = {r.key: r for _, group in old for r in group}
    for n, e in enumerate(edits):
        if e.kind == "remove":
            mine = {(b.program, b.fiscal_year) for b in _row_budgets(rows[e.measures[0]], years) if b.program}
            edits[n] = replace(e, budgets=tuple(sorted(mine & changed, key=str)))


def make_scaled(n_measures: int, seed: int, text: str | None = None) -> tuple[str, str, GroundTruth]:
    """An OLD and a NEW synthetic report of n_measures rows built from the seed's real rows (about
    5 per goal, titles numbered to stay unique), NEW with edits of every kind on ~5% of the rows.
    `text` is the seed report; by default the bundled real report."""
    if n_measures < 1:
        raise ValueError("a scaled report needs at least one measure")
    rng = random.Random(seed)
    pool = _pool(text if text is not None else BUNDLED_SEED.read_text(encoding="utf-8"))
    base = _scaled_goals(pool, n_measures, rng)
    new_goals = [(title, list(rows)) for title, rows in base]
    editor = _ScaledEditor(pool, new_goals, rng)
    for kind in _kind_plan(rng, EDIT_KINDS, max(len(EDIT_KINDS), round(n_measures * SCALED_TOUCHED))):
        getattr(editor, kind)()
    old_goals = [(title, [editor.old_rows.get(r.key, r) for r in rows]) for title, rows in base]
    _attribute_rechanged_lines(editor.edits, old_goals, new_goals, pool.years)
    new_count = sum(len(rows) for _, rows in new_goals)
    summary = summarize(seed, editor.edits, f"scaled from the real report, {n_measures} rows, ")
    truth = GroundTruth(seed, summary, tuple(editor.edits), n_measures, new_count)
    base_note = f"scaled from the real report, {n_measures} rows, seed {seed}; base edition for tests and demos only"
    return _render_scaled(pool, old_goals, base_note), _render_scaled(pool, new_goals, summary), truth
