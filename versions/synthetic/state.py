"""The working state of a generation: the current lines, their parse, which old measure each parsed
one is, what earlier edits claimed, and the pieces of a measure that an edit can rewrite."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..model.edition import Bullet, Edition, Measure, Source
from ..model.normalize import display_width, join_wrapped, normalize
from ..readers.load import SYNTHETIC_MARKER
from ..readers.parse_text import parse_report_text
from ..readers.vocabulary import HEADER_RE, PAGE_NUMBER_RE, is_bullet_start
from .layout import TITLE_MAX, Row, column_width, row_of
from .records import SyntheticEdit

_WORKING_SOURCE = Source("synthetic-working-copy", "", "utf-8")


def _is_break(line: str) -> bool:
    s = line.strip()
    return not s or bool(PAGE_NUMBER_RE.match(s)) or ("該当箇所" in s and bool(HEADER_RE.search(s)))


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


def row_sig(goal: str, row: Row) -> Sig:
    return Sig(goal, normalize(row.title), normalize(row.description), normalize(row.tag),
               tuple(normalize(b) for b in row.results), tuple(normalize(b) for b in row.plans))


@dataclass
class State:
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
class Ledger:
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
class Proposal:
    candidate: str  # what was picked (a key, a program), remembered if the parse disagrees
    lines: list[str]
    keys: list[str]
    expect: dict[str, Sig]  # keys whose parse must now read this way (the others: as before)
    edit: SyntheticEdit
    claim: Callable[[Ledger], None]
    check: Callable[[Edition], bool] | None = None


# An edit kind: one proposed change of the current state, or None when it finds no candidate.
Editor = Callable[[State, random.Random, Ledger], Proposal | None]


@dataclass(frozen=True)
class Target:
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


def _description_target(st: State, i: int) -> Target | None:
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
    return Target("description", 0, m.description, lo, hi)


def targets(st: State, i: int) -> list[Target]:
    m = st.edition.measures[i]
    out = [t for t in [_description_target(st, i)] if t]
    for column in ("results", "plans"):
        for k, b in enumerate(getattr(m, column)):
            if join_wrapped(st.lines[b.line - 1 : b.end_line]) == b.text:
                out.append(Target(column, k, b.text, b.line - 1, b.end_line - 1, b))
    return out


def clean_row(st: State, i: int) -> Row | None:
    """The measure as a Row, if re-rendering it canonically reads back the same (checked again later)."""
    m = st.edition.measures[i]
    found = targets(st, i)
    if m.reposted or not m.results or not found or found[0].field != "description":
        return None
    if len(found) != 1 + len(m.results) + len(m.plans):
        return None
    if m.plans and m.results[-1].end_line >= m.plans[0].line:
        return None
    if not all(is_bullet_start(b.text) for b in m.results[1:] + m.plans[1:]):
        return None
    if m.title and display_width(m.title) > TITLE_MAX:
        return None
    return row_of(m)


def printed_widths(st: State, i: int) -> tuple[float, float, float]:
    """The widths a measure's description, results and plans were printed at."""
    m = st.edition.measures[i]
    d = _description_target(st, i)
    desc = st.lines[d.lo : d.hi + 1] if d else []
    res = [x for b in m.results for x in st.lines[b.line - 1 : b.end_line]]
    pla = [x for b in m.plans for x in st.lines[b.line - 1 : b.end_line]]
    return column_width(desc, "results"), column_width(res, "results"), column_width(pla, "plans")


def parse_lines(lines: list[str]) -> Edition:
    """The working copy has no marker line and is already text: the parser proper, without decoding."""
    return parse_report_text("\n".join(lines), _WORKING_SOURCE)


def strip_marker(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[0].startswith(SYNTHETIC_MARKER):
        lines[0] = ""
    return lines
