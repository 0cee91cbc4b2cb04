"""The timeline's records: every edition of one document at once (issue 20), built by timeline.py.

Plain frozen dataclasses, as every engine record: renderers (text, JSON `policydiff/timeline/1`, CSV,
HTML, the static site, the SQLite export) only read them. A synthetic edition is flagged on every
record drawn from it, and `real_years` counts only the real ones: an invented year is never a year.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA = "policydiff/timeline/1"
# Follow-through outcomes in the order reports list them; the set is open (the engine may add one, as
# `unclear`), and an outcome not listed here is counted under its own name, after these.
OUTCOME_ORDER = ("done", "partial", "reworked", "unclear", "dropped")
PARTS = ("measures", "programs", "follow-through")


@dataclass(frozen=True)
class TimelineEdition:
    label: str  # the edition label in the archive: fy2024, fy2025-synthetic
    results_fy: int
    plans_fy: int
    synthetic: bool
    source_sha256: str
    source_name: str = ""


@dataclass(frozen=True)
class Step:
    """Two consecutive editions (fiscal order) and how they relate."""

    old: str
    new: str
    relation: str  # next-year, revision, other
    synthetic: bool  # either side is synthetic


@dataclass(frozen=True)
class LineageStep:
    """What the pairwise diff of step k said of a lineage's row: status as a reader sees it."""

    status: str  # unchanged, changed, added, removed, split, merged (open set, from the diff)
    moved: bool = False
    fields: tuple[str, ...] = ()  # the fields that changed
    partners: tuple[str, ...] = ()  # split: the other new ids; merged: the other old ids
    anchor: str = ""  # where the pair's HTML report shows the row (its old → new ids)
    outcomes: tuple[tuple[str, int], ...] = ()  # what became of the old row's plans: (outcome, count)


@dataclass(frozen=True)
class MeasureLineage:
    """One measure followed across the editions: its id and title in each (None: not in that edition)."""

    key: str  # ml-<hex>: stable while the edition it starts in and its id there stay
    ids: tuple[str | None, ...]  # per edition
    titles: tuple[str, ...]  # per edition ("" where absent)
    goals: tuple[str, ...]  # per edition ("" where absent)
    steps: tuple[LineageStep | None, ...]  # per step; None where the row is on neither side
    origin: str = ""  # "split from m004 (fy2024)" for a row that started as part of another

    @property
    def title(self) -> str:
        return next((t for t in reversed(self.titles) if t), "")


@dataclass(frozen=True)
class BudgetPoint:
    """A program's amount of one kind as one edition cites it: one point per edition, kind and 内数."""

    edition: str
    fiscal_year: int
    kind: str  # initial, request, supplementary, other
    yen: int | None  # None: a request without an amount yet (予算要求中)
    part_of: bool  # 内数: a share of a larger line, its own series, never compared with a whole amount
    synthetic: bool
    name: str  # the program's name as cited
    text: str  # the mention as printed
    measures: tuple[str, ...]  # the rows that cite it
    also: tuple[str, ...] = ()  # other mentions of the same kind in that edition (another year or amount)


@dataclass(frozen=True)
class TimelineEvent:
    step: int  # index into Timeline.steps
    event: str  # succeeded, renamed, ended, new, vanished … (open set, from the diff)
    program: str
    successor: str | None
    measure: str
    synthetic: bool


@dataclass(frozen=True)
class ProgramLine:
    """A program across renames and successions: its names, budget series, events and rows."""

    key: str  # pg-<hex> of its earliest name
    name: str  # the latest name
    names: tuple[str, ...]  # oldest first
    editions: tuple[str, ...]  # the editions that name it
    points: tuple[BudgetPoint, ...]  # fiscal order of editions, then kind
    events: tuple[TimelineEvent, ...]
    measures: tuple[tuple[str, str], ...]  # (edition, measure id) of the rows that name it


@dataclass(frozen=True)
class YearFollowThrough:
    """Last year's plans against this year's results, for one next-year step."""

    step: int
    old: str
    new: str
    plans_fy: int
    synthetic: bool
    plans: int
    outcomes: tuple[tuple[str, int], ...]  # (outcome, count): OUTCOME_ORDER first, then others by name
    promised_again: int
    unplanned: int


@dataclass(frozen=True)
class Promise:
    """One promise made in several editions running, with what became of it each year."""

    key: str
    editions: tuple[str, ...]  # where it was made, consecutive
    measures: tuple[str, ...]  # its row in each
    text: str  # the latest wording
    outcomes: tuple[str, ...]  # per step it spans
    synthetic: bool  # drawn on a synthetic edition

    @property
    def years_running(self) -> int:
        """Times promised again: made in 3 editions running is promised again 2 years running."""
        return len(self.editions) - 1


@dataclass(frozen=True)
class Dropped:
    """A plan no result reported on and no later edition mentions again."""

    step: int
    old: str
    new: str
    measure: str
    text: str
    line: int
    later_editions: int  # editions after NEW that were searched (0: none yet)
    synthetic: bool


@dataclass(frozen=True)
class Timeline:
    document: str
    editions: tuple[TimelineEdition, ...]  # fiscal order
    steps: tuple[Step, ...]  # len(editions) - 1
    measures: tuple[MeasureLineage, ...]
    programs: tuple[ProgramLine, ...]
    follow_through: tuple[YearFollowThrough, ...]
    promises: tuple[Promise, ...]
    dropped: tuple[Dropped, ...]

    @property
    def real_years(self) -> tuple[int, ...]:
        """The results years of the real editions: a synthetic edition is never counted as a year."""
        return tuple(sorted({e.results_fy for e in self.editions if not e.synthetic}))

    @property
    def synthetic_editions(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.editions if e.synthetic)

    def edition(self, label: str) -> TimelineEdition:
        return next(e for e in self.editions if e.label == label)
