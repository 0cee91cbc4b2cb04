"""Where a change stands in the source, as every report cites it: p.3 l.266 (page and line of the
extracted text), and the goal and place a moved measure left and reached."""

from __future__ import annotations

from ..diffengine.diff import Diff
from ..diffengine.model import BudgetSide, BudgetStep, Cited, FollowThrough, MeasureChange, ProgramEvent
from ..diffengine.reasons import words
from ..diffengine.review import Mark
from ..versions.model.edition import ParseWarning


def cite(where: tuple[int, int]) -> str:
    page, line = where
    return f"p.{page} l.{line}" if page or line else "—"


def measure_cites(m: MeasureChange) -> str:
    """p.1 l.46 → p.1 l.48, with — for a side the measure does not have."""
    return f"{cite(m.old_cite)} → {cite(m.new_cite)}"


def side_cite(s: BudgetSide | None) -> str:
    return "—" if s is None else cite((s.page, s.line))


def budget_cites(old: BudgetSide | None, new: BudgetSide | None) -> str:
    return f"{side_cite(old)} → {side_cite(new)}"


def box(bbox: tuple[float, float, float, float] | None) -> str:
    """A PDF cell's box as a reader finds it on the page: x 26.0–302.7 pt, y 64.0–95.6 pt from the top left."""
    if bbox is None:
        return ""
    x0, top, x1, bottom = bbox
    return f"x {x0:.1f}–{x1:.1f} pt, y {top:.1f}–{bottom:.1f} pt from the top left"


def box_title(page: int, line: int, bbox: tuple[float, float, float, float] | None) -> str:
    """Where to look on a PDF page (a title attribute): '' for a text edition, which has no boxes."""
    return f"PDF p.{page}, line {line} of the table cell; at {box(bbox)}" if bbox else ""


def measure_boxes(m: MeasureChange) -> str:
    """Both sides' cells of a measure, for a title attribute ('' when neither side is a PDF)."""
    sides = [f"{name}: {box_title(*where, bbox)}" for name, where, bbox in
             (("old", m.old_cite, m.old_bbox), ("new", m.new_cite, m.new_bbox)) if bbox]
    return "; ".join(sides)


def pdf_notes(diff: Diff) -> list[str]:
    """A line for each side read from a PDF: its citations are cells, not lines of a text."""
    sides = [diff.old] + ([] if diff.within_edition or diff.new is diff.old else [diff.new])
    return [f"{ref.label} was read from a PDF's table: p. is the PDF page, l. the line within the table cell "
            "on that page (the JSON and HTML reports give each cell's box)" for ref in dict.fromkeys(
                r for r in sides if r.cells)]


def bullet_cite(c: Cited | None) -> str:
    return "—" if c is None else cite((c.page, c.line))


def ledger_cites(e: FollowThrough) -> str:
    """The old plan → the new results that report on it: p.1 l.67 → p.1 l.53, p.1 l.55 (— for none)."""
    return f"{bullet_cite(e.plan)} → {', '.join(bullet_cite(r) for r in e.results) or '—'}"


def step_side(where: tuple[str, int, int] | None) -> str:
    return "—" if where is None else f"{where[0]} {cite(where[1:])}"


def step_cites(s: BudgetStep) -> str:
    """Where the two amounts of a budget step are cited: old p.1 l.59 → new p.1 l.48."""
    return f"{step_side(s.from_cite)} → {step_side(s.to_cite)}"


def event_cites(e: ProgramEvent) -> str:
    """Where each side names the program of an event (— for a side that does not)."""
    return f"{cite(e.old_cite)} → {cite(e.new_cite)}"


def move(m: MeasureChange) -> str:
    """【goal A】 #3 → 【goal B】 #5: from which goal and place to which."""
    return f"{m.old_goal} #{m.old_position} → {m.goal} #{m.new_position}"


def warning_line(side: str, w: ParseWarning) -> str:
    """old first-line-lost p.1 l.8: m001: the start of the description seems lost …"""
    return f"{side} {w.code} p.{w.page} l.{w.line}: {named_message(w)}"


def named_message(w: ParseWarning) -> str:
    """A parser warning's message opening with the measure it names (「m004: read 憶円 as 億円 in …」): a reader
    words some messages without it, and a line of a text report is all a reader of the report gets."""
    return w.message if not w.measure or w.message.startswith(w.measure) else f"{w.measure}: {w.message}"


def parser_warnings(diff: Diff) -> list[tuple[str, ParseWarning]]:
    """Both editions' parser warnings, old first; one edition's once when it is both sides (plans)."""
    sides = [("old", diff.old)] + ([] if diff.within_edition else [("new", diff.new)])
    return [(side, w) for side, ref in sides for w in ref.warnings]


def mark_line(mark: Mark | None) -> str:
    """mark: accepted by A. Auditor, 2026-12-02T04:00:00Z: checked p.3 ('' when unmarked)."""
    if mark is None:
        return ""
    return f"mark: {mark.state} by {mark.by}, {mark.at}" + (f": {mark.note}" if mark.note else "")


# What a pairing score means, for every report that prints one.
SCORE_NOTE = ("scores: similarity (0..1) of two rows' title, description and program names, the share of "
              "text they have in common; rows pair at the match threshold or above")


def candidates_line(m: MeasureChange) -> str:
    """nearest: m012 0.42 (below the match threshold 0.60); m013 0.38 (paired with m014 (0.91))"""
    return "nearest: " + "; ".join(f"{c.id} {c.score:.2f} ({words(c.reasons)})" for c in m.candidates) if m.candidates else ""
