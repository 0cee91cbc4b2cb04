"""What the diff engine returns: plain, frozen records that renderers consume.

The engine never prints, renders or touches git. A text change is a list of ops (op, text) with op
in '=', '-', '+': joining the '='/'-' texts gives the old text exactly, '='/'+' the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..versions.model.edition import Box, BudgetKind, ParseWarning

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
class Reason:
    """Why the engine decided something, as a code and its parameters: never prose. Every report words
    it in its language from the one table of diffengine/reasons.py ("content 0.62", 「内容の類似度 0.62」)."""

    code: str
    params: tuple[tuple[str, str | int | float], ...] = ()

    def get(self, name: str, default: str | int | float | None = None) -> str | int | float | None:
        return dict(self.params).get(name, default)


def why(code: str, **params: str | int | float) -> Reason:
    """A Reason: why("content", score=0.62)."""
    return Reason(code, tuple(params.items()))


@dataclass(frozen=True)
class Cited:
    """A bullet or line of one edition as a record cites it: the one citation record of the engine
    (a ledger's plan and results, a program event's evidence, an unclear plan's candidates)."""

    edition: Side
    page: int
    line: int
    text: str
    end_line: int = 0  # the bullet's last line (0: one line)
    bbox: Box | None = None  # the bullet's lines on its PDF page (PDF editions only)


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

    reasons: tuple[Reason, ...]  # same-title; similarity (and shared-budget-line); auditor; split-part …
    score: float
    runner_up_id: str | None = None
    runner_up_score: float | None = None
    by: str = ""  # "paired by the auditor": who, and when (an override's record)
    at: str = ""

    @property
    def code(self) -> str:
        """The main reason's code (same-title, similarity, auditor, split-part, merged-part …)."""
        return self.reasons[0].code if self.reasons else ""

    @property
    def by_auditor(self) -> bool:
        return self.code == AUDITOR


AUDITOR = "auditor"  # the reason code of a pairing an auditor recorded with `policydiff pair`


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
    reasons: tuple[Reason, ...]  # why not: paired-with, below-threshold, assigned-otherwise


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
    text: str  # the sentence stating an explicit succession ("" for a similarity rename: see reasons)
    measure: str
    id: str = ""
    reasons: tuple[Reason, ...] = ()  # a similarity rename: what the confidence rests on


# The annual layer (diffengine/yearly.py): last year's plans against this year's results, budget lines
# across years, what happened to programs, and cross-edition checks.

# `stated-end`: the bullet is no plan but a statement of an end (「令和５年度で事業終了予定」, 「該当なし」):
# it gets no plan outcome, and the program events tell what it means (diffengine/ends.py).
Outcome = Literal["done", "partial", "reworked", "unclear", "dropped", "stated-end"]
OUTCOMES: tuple[Outcome, ...] = ("done", "partial", "reworked", "unclear", "dropped", "stated-end")
PLAN_OUTCOMES: tuple[Outcome, ...] = ("done", "partial", "reworked", "unclear", "dropped")


@dataclass(frozen=True)
class FollowThrough:
    """One old plan bullet: what became of it (one entry per plan, in the old edition's order).

    `unclear`: no result answers the plan, but the evidence that nothing does is thin (its program
    still runs, a result of the row shares its object); `candidates` are the new results that might."""

    old_measure: str
    new_measure: str | None
    plan: Cited
    outcome: Outcome
    results: tuple[Cited, ...]
    score: float
    reasons: tuple[Reason, ...]
    promised_again: Cited | None
    carried_over: bool  # promised again word for word
    again_ops: tuple[tuple[str, str], ...] = ()  # the plan against its repetition, redlined (when not verbatim)
    id: str = ""  # stable, from the content and both sources (diffengine/ids.py)
    by: str = ""  # "paired by the auditor": who chose these results, and when (`policydiff pair`)
    at: str = ""
    candidates: tuple[Cited, ...] = ()  # an unclear plan: the new results that might answer it


@dataclass(frozen=True)
class Unplanned:
    """A new result that answers no plan of the old edition."""

    new_measure: str
    result: Cited
    id: str = ""


EventKind = Literal["new", "ended", "succeeded", "renamed", "vanished"]
EVENT_KINDS: tuple[EventKind, ...] = ("succeeded", "renamed", "ended", "new", "vanished")


@dataclass(frozen=True)
class ProgramEvent:
    """What happened to a program between the two sides. An `ended` event whose evidence is on the old
    side was announced there (「令和５年度で事業終了予定」) and is checked against the new side: the
    reasons say whether the new side confirms it (no longer named) or still names the program."""

    event: EventKind
    program: str
    successor: str | None
    confidence: float
    evidence: Cited | None
    measure: str  # where it shows: the new side's measure, or the old side's for ended/vanished
    reasons: tuple[Reason, ...] = ()  # an inferred rename: what the confidence rests on; an end: how it is known
    id: str = ""
    # (page, line) where each side names the program (the successor on the new side, when there is
    # one): the first bullet of the event's row that does, else of any row; (0, 0): that side does not.
    old_cite: tuple[int, int] = (0, 0)
    new_cite: tuple[int, int] = (0, 0)

    @property
    def announced(self) -> bool:
        """An end the old side announced (and the new side is checked against)."""
        return self.event == "ended" and any(r.code == "end-announced" for r in self.reasons)


StepType = Literal["request-to-enacted", "year-over-year", "supplementary", "new-line"]
STEP_TYPES: tuple[StepType, ...] = ("request-to-enacted", "year-over-year", "supplementary", "new-line")


@dataclass(frozen=True)
class BudgetPoint:
    """One amount as an edition cites it (identical citations in several rows are one point)."""

    edition: Side
    fiscal_year: int
    kind: BudgetKind
    yen: int | None  # None for a request without an amount yet (予算要求中)
    part_of: bool
    measure: str
    page: int
    line: int
    name: str  # the program name as cited


@dataclass(frozen=True)
class BudgetStep:
    """One typed move between two amounts of a program; from_yen is None for a new line."""

    type: StepType
    fiscal_year: int  # the year of the later amount
    from_fiscal_year: int | None
    from_kind: BudgetKind | None
    to_kind: BudgetKind
    from_yen: int | None
    to_yen: int | None
    delta_yen: int | None
    delta_pct: float | None
    comparable: bool  # False when either side is 内数 or there is nothing to compare with
    # Where the two amounts are cited: (edition side, page, line); None for a new line's missing start.
    from_cite: tuple[Side, int, int] | None = None
    to_cite: tuple[Side, int, int] | None = None

    @property
    def changed(self) -> bool:
        return self.from_yen is None or self.delta_yen != 0


@dataclass(frozen=True)
class Trajectory:
    program: str  # the latest name
    names: tuple[str, ...]  # every name of the lineage, oldest first
    points: tuple[BudgetPoint, ...]
    steps: tuple[BudgetStep, ...]
    id: str = ""


@dataclass(frozen=True)
class Warning_:
    """A cross-column or cross-edition check a human should look at (not a parse problem): a code,
    the measure it is about, and the parameters its wording needs (diffengine/reasons.py)."""

    code: str
    edition: Side
    page: int
    line: int
    measure: str
    params: tuple[tuple[str, str | int | float], ...] = ()
    id: str = ""
