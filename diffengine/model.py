"""What the diff engine returns: plain, frozen records that renderers consume.

The engine never prints, renders or touches git. A text change is a list of ops (op, text) with op
in '=', '-', '+': joining the '='/'-' texts gives the old text exactly, '='/'+' the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..versions.model.edition import Box, ParseWarning

Op = tuple[Literal["=", "-", "+"], str]
Side = Literal["old", "new"]
MeasureStatus = Literal["unchanged", "changed", "added", "removed", "split", "merged"]
FieldName = Literal["title", "description", "ministries", "results", "plans", "office"]
DiffKind = Literal["editions", "results-vs-plans"]
# How the two editions relate: a revision of the same year, the next year's edition, or anything else.
Relation = Literal["revision", "next-year", "other"]
BudgetStatus = Literal["changed", "added", "removed"]
MEASURE_STATUSES: tuple[MeasureStatus, ...] = ("unchanged", "changed", "added", "removed", "split", "merged")


@dataclass(frozen=True)
class Options:
    """Thresholds, passed explicitly (like git's -M50%)."""

    match_threshold: float = 0.6  # least similarity for two differently titled measures to be paired
    rename_threshold: float = 0.6  # least confidence for an implicit program rename
    split_threshold: float = 0.7  # least share of a row's own text found in another, for a split/merge part
    block_size: int = 400  # candidate block for the assignment, so memory stays linear on huge inputs
    relation: Relation | None = None  # force how the editions relate (--relation); None: from their fiscal years


@dataclass(frozen=True)
class EditionRef:
    document: str
    edition: str
    results_fy: int
    plans_fy: int
    source_sha256: str
    synthetic: bool
    source_name: str = ""
    label: str = ""  # what the side shows: the edition, or e.g. "results FY2024"
    synthetic_note: str = ""  # for a synthetic edition: which known edits made it
    origin: tuple[tuple[str, str], ...] = ()  # where it was read from ("file", path) …, for report headers
    warnings: tuple[ParseWarning, ...] = ()  # what the parser warned of in this edition, for every report
    cells: bool = False  # read from a PDF's table: `page` is the PDF page, `line` the line within the cell


@dataclass(frozen=True)
class Match:
    """Why two measures were paired: an auditor must be able to check it."""

    reason: str  # "same title", "similarity", "shared budget line", "same position"
    score: float
    runner_up_id: str | None = None
    runner_up_score: float | None = None
    by: str = ""  # "paired by the auditor": who, and when (an override's record)
    at: str = ""


AUDITOR = "paired by the auditor"  # the reason of a pairing an auditor recorded with `policydiff pair`


@dataclass(frozen=True)
class Link:
    """An auditor's correction of the pairing: OLD pairs with NEW (measure ids as `show` prints them),
    or with nothing when NEW is None (an unlink)."""

    old: str
    new: str | None
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class Overrides:
    """The corrections the engine applies; an explicit argument, so the engine stays pure."""

    links: tuple[Link, ...] = ()
    # Follow-through corrections by record id: old "ft-…" (a plan's entry) answered by new "un-…" (an
    # unplanned result), or by nothing (None); applied to the finished ledger (ledger_overrides.py).
    follow_through: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A row of the other side an added or removed measure could have paired with, and why it did not."""

    id: str
    score: float  # the alignment's similarity (0..1) of the two rows' title, description and programs
    why: str


@dataclass(frozen=True)
class BulletChange:
    old_index: int | None
    new_index: int | None
    ops: tuple[Op, ...]
    format_only: bool


@dataclass(frozen=True)
class FieldChange:
    """One field of a measure on both sides; ops that are all '=' mean the field is unchanged."""

    field: FieldName
    format_only: bool
    ops: tuple[Op, ...]
    bullets: tuple[BulletChange, ...] = ()  # for results and plans: every aligned bullet pair

    @property
    def changed(self) -> bool:
        return any(op != "=" for op, _ in self.ops)


@dataclass(frozen=True)
class MeasureChange:
    status: MeasureStatus
    old_id: str | None
    new_id: str | None
    old_title: str
    new_title: str
    moved: bool = False
    match: Match | None = None
    changes: tuple[FieldChange, ...] = ()  # the fields that differ
    fields: tuple[FieldChange, ...] = ()  # all five fields, for renderers that show the whole text
    group: tuple[str, ...] = ()  # split: the other new ids of the same old; merged: the other old ids
    goal: str = ""  # goal title where the measure now sits (new side, else old side)
    vision: int = 0
    ministries: tuple[str, ...] = ()  # codes on either side, for filtering
    label: str = ""
    programs: tuple[Op, ...] = ()  # program names this measure no longer ('-') or newly ('+') names
    id: str = ""  # stable: from the change's content and both sources' sha256 (diffengine/ids.py)
    old_cite: tuple[int, int] = (0, 0)  # (page, line) of the row in each edition; (0, 0): no such side
    new_cite: tuple[int, int] = (0, 0)
    old_goal: str = ""  # goal title on the old side (goal: where the measure now sits)
    old_position: int = 0  # 1-based place among its goal's rows, on each side: a move's from and to
    new_position: int = 0
    warnings: tuple[tuple[Side, ParseWarning], ...] = ()  # the parser's warnings about this row, per side
    candidates: tuple[Candidate, ...] = ()  # added or removed: the nearest rows of the other side, why not
    old_bbox: Box | None = None  # the description cell on its PDF page, on each side (PDF editions only)
    new_bbox: Box | None = None

    @property
    def substantive(self) -> bool:
        """More than formatting changed (or the row moved): a change between revisions of an edition."""
        return self.status != "unchanged" and (
            self.status != "changed" or self.moved or any(not c.format_only for c in self.changes)
        )

    @property
    def format_only(self) -> bool:
        """Paired and changed in width, quotes or wrapping only."""
        return self.status == "changed" and not self.substantive


@dataclass(frozen=True)
class BudgetSide:
    kind: str
    yen: int | None
    part_of: bool
    text: str
    measure: str
    fiscal_year: int | None
    line: int
    page: int = 0
    bbox: Box | None = None  # the cell lines of the bullet that cites it, on its PDF page (PDF only)


@dataclass(frozen=True)
class BudgetChange:
    status: BudgetStatus
    program: str
    fiscal_year: int | None
    old: BudgetSide | None
    new: BudgetSide | None
    delta_yen: int | None = None
    delta_pct: float | None = None
    kind_changed: bool = False
    comparable: bool = True  # False for 内数: a share of a larger line
    id: str = ""


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    evidence: Literal["explicit", "similarity"]
    confidence: float
    text: str  # the sentence, or the reason for a similarity rename
    measure: str
    id: str = ""
