"""The edition data model: what one report edition says, parsed once at the edge.

Everything downstream (XML, archive, diff engine, renderers) works on these records and
never re-reads raw text. Money is an integer number of yen; fiscal years are Gregorian.
Each text a diff compares is also kept in its comparison form (normalize.py), computed once when
the record is made (`norm_…` fields): never written to XML or JSON, never part of equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from .normalize import normalize, normalize_name

BudgetKind = Literal["initial", "supplementary", "request", "other"]
BUDGET_KINDS: tuple[BudgetKind, ...] = ("initial", "supplementary", "request", "other")
Column = Literal["results", "plans"]
# Where a cell is printed on its PDF page: (x0, top, x1, bottom) in points from the top-left corner.
Box = tuple[float, float, float, float]


def _norm() -> Any:
    """A comparison form kept on a record: set in __post_init__, not an argument, not compared."""
    return field(init=False, repr=False, compare=False)


def _set(record: object, **forms: object) -> None:
    for name, value in forms.items():
        object.__setattr__(record, name, value)  # frozen records: once, when made


@dataclass(frozen=True)
class Budget:
    """A budget mention annotated on the bullet that contains it."""

    text: str  # original wording, e.g. 令和6年度予算：19億円の内数
    fiscal_year: int | None
    era: str  # the era text the year came from, e.g. 令和6年度 ('' when the text names none)
    kind: BudgetKind
    yen: int | None  # None for mentions without an amount (（同予算内数）, 予算要求中, 予算措置)
    part_of: bool  # 内数: a share of a larger line, not directly comparable
    program: str | None
    page: int
    line: int
    norm_program: str = _norm()  # the program's comparison form ('' without one)

    def __post_init__(self) -> None:
        _set(self, norm_program=normalize_name(self.program or ""))


@dataclass(frozen=True)
class Succession:
    """An explicit statement that program NEW succeeds program OLD."""

    old: str
    new: str
    evidence: str  # the sentence that says so
    page: int
    line: int
    norm_old: str = _norm()
    norm_new: str = _norm()

    def __post_init__(self) -> None:
        _set(self, norm_old=normalize_name(self.old), norm_new=normalize_name(self.new))


@dataclass(frozen=True)
class Bullet:
    """One bullet of the results or plans column, wrapped lines joined."""

    text: str
    page: int
    line: int
    end_line: int
    programs: tuple[str, ...] = ()
    budgets: tuple[Budget, ...] = ()
    successions: tuple[Succession, ...] = ()
    bbox: Box | None = None  # the bullet's lines on its first page (PDF only)
    norm: str = _norm()  # the text's comparison form
    norm_programs: tuple[str, ...] = _norm()  # each program's, in order

    def __post_init__(self) -> None:
        _set(self, norm=normalize(self.text), norm_programs=tuple(map(normalize_name, self.programs)))


@dataclass(frozen=True)
class Ministry:
    code: str  # 内, 内官, 総, 文, 厚, 経 ...
    lead: bool  # marked ◎


@dataclass(frozen=True)
class Measure:
    """One row of the table: a description, its ministries, its results and its plans."""

    id: str
    vision: int
    goal: str  # Goal.id
    title: str  # '' when the row has none or extraction lost it
    description: str
    ministries: tuple[Ministry, ...]
    ministries_text: str  # the tag as printed, e.g. ［◎厚、◎経］
    results: tuple[Bullet, ...]
    plans: tuple[Bullet, ...]
    reposted: bool  # ＜…＞（再掲）
    first_line_lost: bool
    page: int
    line: int
    first_line: str = ""  # the first source line of the description, as printed
    office: str = ""  # the responsible office of a 「担当」 column (FY2023 layout), as printed
    bbox: Box | None = None  # the description cell on its first page (PDF only)
    norm_title: str = _norm()
    norm_description: str = _norm()

    def __post_init__(self) -> None:
        _set(self, norm_title=normalize(self.title), norm_description=normalize(self.description))

    @property
    def label(self) -> str:
        """The title, or the first words of the description for an untitled row."""
        if self.title:
            return self.title
        words = (self.description or " ".join(b.text for b in self.results)).strip()
        if not words:
            return "(empty row)"
        return ("…" if self.first_line_lost else "") + words[:24] + ("…" if len(words) > 24 else "")

    @cached_property
    def bullets(self) -> tuple[tuple[Column, Bullet], ...]:
        """Every bullet with its column, results first: made once per measure (cached_property writes the
        instance's __dict__, which a frozen dataclass allows), where the engine and ledger asked for it
        over 200,000 times on a 10,000-measure pair, building a new tuple each time."""
        return tuple(("results", b) for b in self.results) + tuple(("plans", b) for b in self.plans)


@dataclass(frozen=True)
class Note:
    """A sub-heading row that is not a measure (e.g. 担当省庁については…参照)."""

    title: str
    text: str
    page: int
    line: int


@dataclass(frozen=True)
class Goal:
    id: str
    vision: int
    title: str  # 【…】 as printed
    reposted: bool  # 【…】（再掲）
    see_above: bool  # followed by （上記参照）: no rows of its own
    page: int
    line: int
    notes: tuple[Note, ...] = ()
    norm_title: str = _norm()

    def __post_init__(self) -> None:
        _set(self, norm_title=normalize(self.title))


@dataclass(frozen=True)
class Vision:
    number: int
    title: str
    page: int
    line: int
    norm_title: str = _norm()

    def __post_init__(self) -> None:
        _set(self, norm_title=normalize(self.title))


@dataclass(frozen=True)
class ParseWarning:
    """A quirk the parser read through and wants a human to know about."""

    code: str  # typo-oku, first-line-lost, unknown-ministry, budget-year-column, no-ministry-tag ...
    message: str
    page: int
    line: int
    measure: str = ""  # the id of the row it is about ('' for the edition as a whole): reports group by it


@dataclass(frozen=True)
class Source:
    name: str
    sha256: str
    encoding: str
    format: str = "pdf-text"
    size: int = 0


@dataclass(frozen=True)
class Edition:
    document: str
    edition: str
    results_fy: int
    plans_fy: int
    results_label: str  # 令和６年度の実績・状況
    plans_label: str  # 令和７年度の取組予定
    source: Source
    parser_version: str
    synthetic: bool = False
    visions: tuple[Vision, ...] = ()
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    synthetic_note: str = ""  # what was done to make a synthetic edition

    @property
    def name(self) -> str:
        return f"{self.document}/{self.edition}"

    def budgets(self) -> list[tuple[Measure, Column, Bullet, Budget]]:
        return [(m, col, b, bud) for m in self.measures for col, b in m.bullets for bud in b.budgets]

    def successions(self) -> list[tuple[Measure, Column, Bullet, Succession]]:
        return [(m, col, b, s) for m in self.measures for col, b in m.bullets for s in b.successions]

    def programs(self) -> list[str]:
        """Every program named anywhere in the edition, in first-seen order."""
        seen: dict[str, None] = {}
        for m in self.measures:
            for _, b in m.bullets:
                for p in b.programs:
                    seen.setdefault(p, None)
        return list(seen)

    def goal(self, goal_id: str) -> Goal:
        return next(g for g in self.goals if g.id == goal_id)

    def counts(self) -> dict[str, int]:
        return {
            "visions": len(self.visions),
            "goals": len(self.goals),
            "measures": len(self.measures),
            "bullets": sum(len(m.results) + len(m.plans) for m in self.measures),
            "budgets": len(self.budgets()),
            "programs": len(self.programs()),
            "successions": len(self.successions()),
            "warnings": len(self.warnings),
        }
